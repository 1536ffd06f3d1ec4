"""The actor gazetteer shipped with vigie, and the generic agents by language.

``load_gazetteer()`` reads ``resources/actors/actors.jsonl.gz`` (built by
``scripts/build_actors.py``; format in ``resources/actors/README.md``) into :class:`Actor`
records; ``load_agents(lang)`` reads ``lang/<lang>/agents.tsv``. No matching here: the
resolver decides which actor a mention is; this module only knows the records.
"""

from __future__ import annotations

import gc
import gzip
import json
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

_Forms = dict[str, tuple[str, ...]]


@dataclass(frozen=True, slots=True)
class Role:
    """A CAMEO code held over a time span: ``RUSGOV`` from 2004-03-09 ("Foreign Minister").
    ``start``/``end`` None mean unknown or open; a role with neither is a fallback code."""

    code: str
    country: str | None
    sector: str | None
    start: date | None
    end: date | None
    title: str | None
    igo: str | None = None

    def covers(self, day: date) -> bool:
        """In force on ``day`` (both ends included; an open end covers every later day)."""
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)

    @property
    def dated(self) -> bool:
        return self.start is not None or self.end is not None


@dataclass(frozen=True, slots=True)
class Actor:
    """One gazetteer record: a country, an international organisation (igo), a person, an
    armed non-state group or another organisation (org). Names are per language ("fr", "en")."""

    id: str
    type: str
    name: dict[str, str]
    aliases: _Forms
    adjectives: _Forms
    seats: _Forms
    country: str | None
    sector: str | None
    code: str | None
    qid: str | None
    roles: tuple[Role, ...]
    surname: str | None = None
    igo: str | None = None  # a person's or body's organisation (latest role); an igo's parent
    iso: bool | None = None  # countries: the id is an ISO 3166-1 code
    ambiguous_seats: _Forms | None = None  # seats that may also stand for another actor
    parent: str | None = None
    sources: tuple[str, ...] = ()

    def label(self, lang: str) -> str:
        """The name in ``lang``, else the English name, else the id."""
        return self.name.get(lang) or self.name.get("en") or self.id

    def role_on(self, day: date | None) -> Role | None:
        """The role in force on ``day``: among the dated roles that cover it, the one that
        started last (then the narrower one); else a fallback role without dates. With
        ``day`` None: the latest role."""
        if not self.roles:
            return None
        dated = [r for r in self.roles if r.dated]
        if day is None:
            if dated:
                return max(dated, key=_latest_key)
            return self.roles[-1]
        covering = [r for r in dated if r.covers(day)]
        if covering:
            return max(covering, key=lambda r: (r.start or date.min, -(r.end or date.max).toordinal()))
        fallback = [r for r in self.roles if not r.dated]
        return fallback[-1] if fallback else None


def _latest_key(role: Role) -> tuple[date, int]:
    return (role.start or role.end or date.min, -(role.end or date.max).toordinal())


class Gazetteer:
    """All actors by id."""

    def __init__(self, actors: dict[str, Actor]) -> None:
        self.actors = actors

    def get(self, actor_id: str) -> Actor | None:
        return self.actors.get(actor_id)

    def __len__(self) -> int:
        return len(self.actors)

    def __iter__(self):
        return iter(self.actors.values())

    def __contains__(self, actor_id: object) -> bool:
        return actor_id in self.actors


_NO_FORMS: _Forms = {}


def _forms(data: dict[str, list[str]] | None) -> _Forms:
    return {lang: tuple(forms) for lang, forms in data.items()} if data else _NO_FORMS


def _actors(records: list[dict[str, Any]]) -> dict[str, Actor]:
    day = date.fromisoformat
    actors = {}
    for r in records:
        roles = tuple(
            [
                Role(
                    x["code"],
                    x.get("country"),
                    x.get("sector"),
                    day(x["start"]) if x.get("start") else None,
                    day(x["end"]) if x.get("end") else None,
                    x.get("title"),
                    x.get("igo"),
                )
                for x in r.get("roles", ())
            ]
        )
        get = r.get
        ambiguous = get("ambiguous_seats")
        actors[r["id"]] = Actor(
            r["id"],
            r["type"],
            get("name") or {},
            _forms(get("aliases")),
            _forms(get("adjectives")),
            _forms(get("seats")),
            get("country"),
            get("sector"),
            get("code"),
            get("qid"),
            roles,
            get("surname"),
            get("igo"),
            get("iso"),
            _forms(ambiguous) if ambiguous else None,
            get("parent"),
            tuple(get("sources", ())),
        )
    return actors


def _read(data: bytes) -> Gazetteer:
    # Hundreds of thousands of small objects that all live as long as the gazetteer: the
    # cyclic garbage collector would walk them again and again for nothing while they are
    # made (a third of the load time), so it is paused meanwhile.
    paused = gc.isenabled()
    gc.disable()
    try:
        lines = gzip.decompress(data).strip()
        records = json.loads(b"[" + lines.replace(b"\n", b",") + b"]") if lines else []
        return Gazetteer(_actors(records))
    finally:
        if paused:
            gc.enable()


@cache
def _default() -> Gazetteer:
    data = resources.files("vigie").joinpath("resources", "actors", "actors.jsonl.gz").read_bytes()
    return _read(data)


def load_gazetteer(path: Path | None = None) -> Gazetteer:
    """The shipped gazetteer (read once per process), or the one at ``path`` (read each call)."""
    if path is None:
        return _default()
    return _read(Path(path).read_bytes())


@cache
def load_agents(lang: str) -> dict[str, str]:
    """Generic agents of ``lang``: lowercase noun (or phrase) -> CAMEO sector ("police" -> COP)."""
    text = resources.files("vigie.lang").joinpath(lang, "agents.tsv").read_text(encoding="utf-8")
    agents: dict[str, str] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        columns = line.split("\t")
        if len(columns) >= 2 and columns[0].strip():
            agents.setdefault(columns[0].strip(), columns[1].strip())
    return agents
