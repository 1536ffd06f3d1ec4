"""The Store interface. Analysis and views reach storage only through these methods,
so a PostgreSQL backend can replace SQLite without touching them."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Literal, Protocol

from vigie.model import AnnotatedArticle

PutStatus = Literal["added", "updated", "unchanged"]
Interval = Literal["day", "week", "month", "year"]


@dataclass(frozen=True, slots=True)
class PutResult:
    id: str
    status: PutStatus


@dataclass(frozen=True, slots=True)
class SearchHit:
    id: str
    title: str | None
    published: str | None
    source: str | None
    url: str | None
    language: str | None
    snippet: str
    score: float

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


class Store(Protocol):
    def put(self, annotated: AnnotatedArticle) -> PutResult:
        """Store one annotated article in one transaction. Idempotent: the same article
        again is ``unchanged``; new content at a known URL is ``updated``."""

    def get(self, doc_id: str) -> dict[str, Any] | None:
        """The stored document (its ``vigie annotate`` JSON plus store fields), by id or unique id prefix."""

    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        """Full-text search folding case, accents and French elisions, best first."""

    def facets(self, field: str, query: str | None = None, limit: int = 20) -> list[tuple[str, int]]:
        """Counts of documents per value of ``field`` (language, source, author, entity:PER…)."""

    def time_series(self, query: str | None = None, interval: Interval = "day") -> list[tuple[str, int]]:
        """Documents per period of publication, optionally only those matching ``query``."""

    def stats(self) -> dict[str, Any]:
        """Counts and ranges that describe what the store holds."""

    def close(self) -> None: ...
