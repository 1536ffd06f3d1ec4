"""Signals from annotations: new co-occurrences of actors, new event types for a dyad.

Both detectors are fed one observed day at a time, like the term detectors of
:mod:`vigie.analysis.signals`, and return :class:`~vigie.analysis.signals.Flag` records, so a signal
from annotations explains itself the same way as a term signal (what, counts against the baseline,
sources, first seen, sample documents, score).

- :class:`PairDetector` — two actors named in the same documents today (in at least ``min_docs``
  documents from at least ``min_sources`` sources) that were never named together in the last
  ``window`` observed days. « Macron » and « Xi Jinping » in one article is news when it has not
  happened for three months; two actors who meet every week are not.
- :class:`DyadTypeDetector` — a directed dyad (source actor → target actor, as the event coder keys
  it: organisation, else country, else actor) with a history of events in the window, reported today
  doing something of a type it has not done in the window (« RUS → UKR: AID » after months of
  ASSAULT), in at least ``min_docs`` documents.

Memory is the window's pairs and dyads, pruned as it moves, so the cost of a day depends on the
window and the day's documents, not on how long the stream has run.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from itertools import combinations

from vigie.analysis.signals import Flag

# A document naming more actors than this is a list (a round-up, a results page): its pairs are noise.
MAX_ACTORS_PER_DOC = 12


@dataclass(frozen=True, slots=True)
class Mention:
    """One actor named in one document (each actor once per document)."""

    doc_id: str
    source: str
    actor: str
    name: str | None = None


@dataclass(frozen=True, slots=True)
class EventRow:
    """One coded event of one document: who did what to whom."""

    doc_id: str
    source: str
    actor: str  # the source actor's key
    target: str  # the target actor's key
    type: str  # PLOVER type
    actor_name: str | None = None
    target_name: str | None = None


class _Window:
    """Observed days as indices, and keys last seen at an index, forgotten ``window`` days later."""

    def __init__(self, window: int):
        self.window = window
        self.index = -1
        self.days: list[date] = []
        self.last: dict[object, int] = {}  # key -> index of the last observed day it was seen
        self.first: dict[object, date] = {}  # key -> first day seen (while remembered)

    def start(self, day: date) -> None:
        if self.days and day <= self.days[-1]:
            raise ValueError(f"days must be fed in order: {day} after {self.days[-1]}")
        self.index += 1
        self.days.append(day)
        if len(self.days) > self.window:
            self.days.pop(0)

    def seen(self, key: object) -> bool:
        return key in self.last

    def touch(self, key: object, day: date) -> None:
        self.last[key] = self.index
        self.first.setdefault(key, day)

    def prune(self) -> None:
        old = [k for k, i in self.last.items() if i <= self.index - self.window]
        for k in old:
            del self.last[k]
            self.first.pop(k, None)

    @property
    def observed(self) -> int:
        return len(self.days)


def _score(docs: int, sources: int) -> float:
    return sources * math.log2(1 + docs)


class PairDetector:
    """New co-occurrences of actors (see the module docstring). ``budget`` flags a day at most,
    best first; no flag before ``min_history`` observed days."""

    name = "new_pair"

    def __init__(self, *, window: int = 90, min_docs: int = 2, min_sources: int = 2, budget: int = 5,
                 min_history: int = 7, samples: int = 5):
        self.window = _Window(window)
        self.actor_docs: _Window = _Window(window)  # actors seen in the window (for "first seen")
        self.min_docs, self.min_sources, self.budget = min_docs, min_sources, budget
        self.min_history, self.n_samples = min_history, samples

    def feed(self, day: date, mentions: Iterable[Mention], *, emit: bool = True) -> list[Flag]:
        docs: dict[str, tuple[str, dict[str, str | None]]] = {}
        for m in mentions:
            entry = docs.setdefault(m.doc_id, (m.source, {}))
            entry[1].setdefault(m.actor, m.name)
        self.window.start(day)
        self.actor_docs.start(day)
        pairs: dict[tuple[str, str], list[str]] = {}
        sources_of: dict[tuple[str, str], set[str]] = {}
        names: dict[str, str | None] = {}
        for doc_id, (source, actors) in docs.items():
            names.update(actors)
            if len(actors) > MAX_ACTORS_PER_DOC:
                continue
            for pair in combinations(sorted(actors), 2):
                pairs.setdefault(pair, []).append(doc_id)
                sources_of.setdefault(pair, set()).add(source)
        flags: list[Flag] = []
        active = len({source for source, _ in docs.values()})
        if emit and self.window.observed > self.min_history:
            for pair, ids in pairs.items():
                if self.window.seen(pair):
                    continue
                n, k = len(ids), len(sources_of[pair])
                if n < self.min_docs or k < self.min_sources:
                    continue
                a, b = pair
                term = f"{names.get(a) or a} + {names.get(b) or b}"
                known = sum(self.actor_docs.seen(x) for x in pair)
                flags.append(Flag(day, term, self.name, _score(n, k), n, k, active, 0.0, 0.0, None,
                                  tuple(ids[: self.n_samples]), {"actors_known_before": known}, (a, b)))
        for pair in pairs:
            self.window.touch(pair, day)
        for actor in names:
            self.actor_docs.touch(actor, day)
        self.window.prune()
        self.actor_docs.prune()
        flags.sort(key=lambda f: (-f.score, f.term))
        return flags[: self.budget]


class DyadTypeDetector:
    """New event types for a known directed dyad (see the module docstring)."""

    name = "new_event_type"

    def __init__(self, *, window: int = 90, min_docs: int = 2, min_dyad_docs: int = 3, budget: int = 5,
                 min_history: int = 7, samples: int = 5):
        self.window = window
        self.index = -1
        self.days: list[date] = []
        # dyad -> type -> (index of the last day seen, documents over the window's days as (index, n))
        self.types: dict[tuple[str, str], dict[str, int]] = {}
        self.dyad_days: dict[tuple[str, str], list[tuple[int, int]]] = {}
        self.first: dict[tuple[str, str], date] = {}
        self.min_docs, self.min_dyad_docs, self.budget = min_docs, min_dyad_docs, budget
        self.min_history, self.n_samples = min_history, samples

    def _dyad_docs(self, dyad: tuple[str, str]) -> int:
        return sum(n for i, n in self.dyad_days.get(dyad, ()) if i > self.index - self.window)

    def feed(self, day: date, events: Iterable[EventRow], *, emit: bool = True) -> list[Flag]:
        if self.days and day <= self.days[-1]:
            raise ValueError(f"days must be fed in order: {day} after {self.days[-1]}")
        self.index += 1
        self.days = (self.days + [day])[-self.window:]
        today: dict[tuple[str, str], dict[str, tuple[list[str], set[str]]]] = {}
        names: dict[str, str | None] = {}
        dyad_docs_today: dict[tuple[str, str], set[str]] = {}
        active: set[str] = set()
        for e in events:
            if e.actor == e.target:
                continue
            dyad = (e.actor, e.target)
            ids, srcs = today.setdefault(dyad, {}).setdefault(e.type, ([], set()))
            if e.doc_id not in ids:
                ids.append(e.doc_id)
            srcs.add(e.source)
            dyad_docs_today.setdefault(dyad, set()).add(e.doc_id)
            names.setdefault(e.actor, e.actor_name)
            names.setdefault(e.target, e.target_name)
            active.add(e.source)
        flags: list[Flag] = []
        if emit and len(self.days) > self.min_history:
            for dyad, by_type in today.items():
                history = self._dyad_docs(dyad)
                if history < self.min_dyad_docs:
                    continue  # an unknown dyad: every type of it would be "new"
                known = self.types.get(dyad, {})
                for type_, (ids, srcs) in by_type.items():
                    if type_ in known or len(ids) < self.min_docs:
                        continue
                    a, b = dyad
                    term = f"{names.get(a) or a} → {names.get(b) or b}: {type_}"
                    flags.append(Flag(day, term, self.name, _score(len(ids), len(srcs)) * math.log2(1 + history),
                                      len(ids), len(srcs), len(active), 0.0, history / max(1, len(self.days) - 1),
                                      self.first.get(dyad), tuple(ids[: self.n_samples]),
                                      {"dyad_documents_before": history, "types_before": len(known)}, (a, b)))
        for dyad, by_type in today.items():
            seen = self.types.setdefault(dyad, {})
            for type_ in by_type:
                seen[type_] = self.index
            self.dyad_days.setdefault(dyad, []).append((self.index, len(dyad_docs_today[dyad])))
            self.first.setdefault(dyad, day)
        self._prune()
        flags.sort(key=lambda f: (-f.score, f.term))
        return flags[: self.budget]

    def _prune(self) -> None:
        horizon = self.index - self.window
        for dyad in list(self.dyad_days):
            kept = [(i, n) for i, n in self.dyad_days[dyad] if i > horizon]
            if kept:
                self.dyad_days[dyad] = kept
                self.types[dyad] = {t: i for t, i in self.types[dyad].items() if i > horizon}
            else:
                del self.dyad_days[dyad]
                self.types.pop(dyad, None)
                self.first.pop(dyad, None)
