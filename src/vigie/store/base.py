"""The Store interface. Analysis and views reach storage only through these methods,
so a PostgreSQL backend can replace SQLite without touching them."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any, Literal, Protocol

from vigie.model import AnnotatedArticle, Source, Story, Thread

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
    duplicate_of: str | None = None

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class ActorMention:
    """One mention of an actor in a stored document, with its sentence for display."""

    doc_id: str
    doc_title: str | None
    published: str | None
    start: int
    end: int
    text: str
    reading: str
    code: str | None
    title: str | None  # the actor's role title on that date
    via: str | None
    sentence: dict[str, Any]  # {"text", "start", "end"}: the mention's place in it

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class QuoteHit:
    """A stored quote with its document."""

    doc_id: str
    doc_title: str | None
    published: str | None
    start: int
    end: int
    text: str
    kind: str
    speaker: str | None
    speaker_type: str | None
    speaker_actor: str | None
    cue: str | None
    date: str | None

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class SearchResult:
    """One group of a search page: the first stored copy that matched (or the best match of
    its group) with its highlighted snippet, and the other matching near-duplicates."""

    id: str
    title: str | None
    published: str | None
    source: str | None
    url: str | None
    language: str | None
    author: str | None
    snippet: str
    highlights: list[tuple[int, int]]  # [start, end) of matched words in ``snippet``
    score: float
    duplicate_of: str | None = None
    copies: list[dict[str, Any]] = field(default_factory=list)  # {id, title, source, published}

    def to_json(self) -> dict[str, Any]:
        out = asdict(self)
        out["highlights"] = [list(h) for h in self.highlights]
        return out


@dataclass(frozen=True, slots=True)
class SearchPage:
    """A page of grouped results with the facets of everything that matched."""

    total: int  # matching documents
    groups: int  # matching groups of near-duplicates (what pages count)
    page: int
    per_page: int
    hits: list[SearchResult]
    facets: dict[str, list[tuple[str, int]]]  # source, language, actor, type
    histogram: list[tuple[str, int]]
    interval: str  # of the histogram: day or month
    facets_over: int  # documents the actor and type facets count (the best ``facet_limit`` when more match)
    ranked: bool  # by relevance (the query has words) or else by date

    def to_json(self) -> dict[str, Any]:
        return {
            "total": self.total, "groups": self.groups, "page": self.page, "per_page": self.per_page,
            "ranked": self.ranked, "hits": [h.to_json() for h in self.hits],
            "facets": {k: [{"value": v, "count": n} for v, n in vals] for k, vals in self.facets.items()},
            "facets_over": self.facets_over,
            "histogram": {"interval": self.interval, "series": [{"period": p, "count": n} for p, n in self.histogram]},
        }


class Store(Protocol):
    def put(self, annotated: AnnotatedArticle) -> PutResult:
        """Store one annotated article in one transaction. Idempotent: the same article
        again is ``unchanged``; new content at a known URL is ``updated``."""

    def get(self, doc_id: str) -> dict[str, Any] | None:
        """The stored document (its ``vigie annotate`` JSON plus store fields), by id or unique id prefix."""

    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        """Full-text search folding case, accents and French elisions, best first."""

    def search_page(self, query: Any, *, page: int = 1, per_page: int = 20, facet_limit: int = 1000,
                    facet_size: int = 10) -> SearchPage:
        """The query language (``vigie.query``: a string or a parsed tree) → one page of results,
        near-duplicates grouped under their first copy, with facets and a date histogram."""

    def add_api_token(self, name: str, token_hash: str) -> int:
        """Record a web API token by its SHA-256 (the token itself is never stored); returns its id."""

    def check_api_token(self, token_hash: str) -> bool:
        """Whether an unrevoked token has this hash (and note its use)."""

    def list_api_tokens(self) -> list[dict[str, Any]]: ...

    def revoke_api_token(self, id_or_name: str) -> int:
        """Revoke tokens by id or name; returns how many."""

    def facets(self, field: str, query: str | None = None, limit: int = 20) -> list[tuple[str, int]]:
        """Counts of documents per value of ``field`` (language, source, author, entity:PER…)."""

    def time_series(self, query: str | None = None, interval: Interval = "day") -> list[tuple[str, int]]:
        """Documents per period of publication, optionally only those matching ``query``."""

    def stats(self) -> dict[str, Any]:
        """Counts and ranges that describe what the store holds."""

    def actor_mentions(self, actor: str, *, since: str | None = None, until: str | None = None,
                       limit: int = 50) -> list[ActorMention]:
        """An actor's mentions, newest first, each in its sentence (``since``/``until``: ISO, UTC)."""

    def actor_series(self, actor: str, interval: Interval = "month") -> list[tuple[str, int, int]]:
        """(period, documents, mentions) of an actor per period of publication."""

    def events(self, *, source: str | None = None, target: str | None = None, either: bool = False,
               type: str | None = None, since: str | None = None, until: str | None = None,
               limit: int | None = 100, known_only: bool = False) -> list[dict[str, Any]]:
        """Stored events (negated ones left out), newest first, with their sentence and document.
        Actors are keys: an IGO id (NATO), else an ISO country code (RUS), else an actor id;
        ``either`` takes both directions of a dyad. ``known_only`` also leaves out hypothetical
        events and events with no known participant."""

    def dyad_series(self, a: str, b: str, interval: Interval = "week") -> list[dict[str, Any]]:
        """Per period, the events between two actors (both directions, asserted ones only):
        counts, documents, Goldstein-style sum, cooperation vs conflict counts, types."""

    def quotes(self, *, actor: str | None = None, speaker: str | None = None, query: str | None = None,
               kind: str | None = None, since: str | None = None, until: str | None = None,
               limit: int = 50) -> list[QuoteHit]:
        """Quotes, newest first: by speaker (actor id, or a name as written), words (folded
        full-text search), kind, publication range (ISO, UTC)."""

    def signatures(self) -> list[tuple[str, bytes, str | None]]:
        """(document id, MinHash signature, duplicate_of) of every stored document, in storage order."""

    # -- sources (feeds) --

    def add_source(self, url: str, title: str | None = None, kind: str = "feed") -> tuple[Source, bool]:
        """Add a source; returns it and whether it is new."""

    def list_sources(self) -> list[Source]: ...

    def remove_source(self, id_or_url: str) -> bool: ...

    def due_sources(self, now: datetime) -> list[Source]:
        """Sources whose next try is due."""

    def record_fetch(self, source_id: int, now: datetime, *, error: str | None = None, etag: str | None = None,
                     last_modified: str | None = None, interval_s: int = 1800) -> Source:
        """Update a source's health after a poll: success resets the error count; an error
        doubles the wait before the next try (up to a day)."""

    def has_url(self, url: str) -> bool:
        """Whether a document with this (canonicalised) URL is stored, or was reached through it."""

    def close(self) -> None: ...

    # -- signals (issue 8) --

    def articles_by_day(self, since: str, until: str) -> list[tuple[str, str, str, str, str]]:
        """(day, id, source, title, lede) of the articles of the UTC days in [since, until), in day order."""

    def actor_mentions_by_day(self, since: str, until: str) -> list[tuple[str, str, str, str, str | None]]:
        """(day, doc id, source, actor id, actor name), each known actor once per document, in day order."""

    def dyad_events_by_day(self, since: str, until: str) -> list[tuple[str, str, str, str, str, str, str | None, str | None]]:
        """(day, doc id, source, source key, target key, type, source name, target name) of the
        reported events (not negated, hypothetical or historical), in day order."""

    def newest_day(self) -> str | None:
        """The UTC day of the newest stored article, or None when the store is empty."""

    # -- stories (issue 8) --

    def story_pending(self, limit: int | None = None) -> list[dict[str, Any]]:
        """The articles not yet in a story, in publication order: id, day, source, title, lede,
        duplicate_of, features (``actor:ID``)."""

    def story_state(self) -> tuple[dict[str, Any], dict[str, int]]:
        """The clusterer's saved state and its document frequencies."""

    def save_stories(self, assigned: list[tuple[str, str, str]], stories: list[Story],
                     merges: list[tuple[str, str]], state: dict[str, Any], df: dict[str, int],
                     threads: list[Thread] = (), thread_merges: list[tuple[str, str]] = ()) -> None:
        """Save one clustering run in one transaction: assignments, stories, merges, state, frequencies,
        and the threads the stories touched with the thread merges."""

    def stories(self, *, since: str | None = None, until: str | None = None, min_size: int = 1,
                min_sources: int = 1, limit: int | None = 20) -> list[Story]:
        """Stories with an article on a day in [since, until), the largest first."""

    def story(self, story_id: str) -> dict[str, Any] | None:
        """One story (a merged id leads to its survivor): record, articles, days, sources, actors, events."""
