"""The records passed between vigie's stages.

    source ──► RawDocument ──► Article ──► AnnotatedArticle ──► Store

Each stage takes one of these and returns the next; none reaches back. Every
annotation carries ``start``/``end`` character offsets into ``Article.text``
(Python string indices), so a fact can always be shown in its sentence.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any, Literal

SCHEMA_VERSION = "vigie.annotate/1"

# How a raw document's content must be read by the extractor.
ContentType = Literal["html", "scraped-text", "plain-text"]
BlockKind = Literal["title", "lede", "heading", "paragraph", "caption"]


@dataclass(frozen=True, slots=True)
class RawDocument:
    """One item as it came from a source, before extraction.

    ``item`` names the item for humans and error reports: a path, ``path:line``
    for a JSONL record, or a URL.  ``hints`` carries metadata the source already
    knows (a JSONL record's title, published date, author, language).
    """

    item: str
    content: str
    content_type: ContentType
    url: str | None = None
    source: str | None = None
    fetched_at: datetime | None = None
    hints: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Block:
    """A structural piece of the clean text: ``text[start:end]``."""

    kind: BlockKind
    start: int
    end: int
    credit: str | None = None  # photo credit, for captions only


@dataclass(slots=True)
class Article:
    """A clean article. ``text`` is the single string all offsets point into.

    ``text`` is the blocks joined by blank lines, in reading order: title, lede,
    captions, then headings and paragraphs of the body.
    """

    item: str
    text: str
    blocks: list[Block]
    url: str | None = None
    source: str | None = None
    author: str | None = None
    published: datetime | None = None
    updated: datetime | None = None
    language: str | None = None  # set by the annotator when the source does not say
    extractor: str = ""
    aliases: list[str] = field(default_factory=list)  # other URLs it was reached at (redirects)

    def _blocks_of(self, *kinds: str) -> list[Block]:
        return [b for b in self.blocks if b.kind in kinds]

    @property
    def title(self) -> str | None:
        blocks = self._blocks_of("title")
        return self.text[blocks[0].start : blocks[0].end] if blocks else None

    @property
    def lede(self) -> str | None:
        blocks = self._blocks_of("lede")
        return self.text[blocks[0].start : blocks[0].end] if blocks else None

    @property
    def body(self) -> str:
        """Headings and paragraphs, without title, lede or captions."""
        return "\n\n".join(self.text[b.start : b.end] for b in self._blocks_of("heading", "paragraph"))

    @property
    def captions(self) -> list[dict[str, Any]]:
        return [
            {"text": self.text[b.start : b.end], "credit": b.credit, "start": b.start, "end": b.end}
            for b in self._blocks_of("caption")
        ]

    @property
    def content_hash(self) -> str:
        """Hash of what the article says (title and body), not of its page's markup."""
        h = hashlib.sha256()
        h.update((self.title or "").encode("utf-8"))
        h.update(b"\x00")
        h.update(self.body.encode("utf-8"))
        return h.hexdigest()


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Entity:
    """A named-entity mention. ``label`` is coarse (PER, LOC, ORG, MISC, or the
    model's own label for dates and numbers); ``model_label`` is what the model said."""

    start: int
    end: int
    text: str
    label: str
    model_label: str


@dataclass(frozen=True, slots=True)
class Mention:
    """A mention of an actor: a named entity, a seat of power, a demonym or a generic
    agent ("le ministre"), resolved against the gazetteer as of the article's date.

    ``actor`` is the gazetteer id (``RUS``, ``NATO``, ``person/sergey-lavrov``) or None
    when vigie does not know who it is. ``reading`` says how the mention is used:
    ``literal`` (the entity itself), ``government`` (a capital or seat of power, or a
    country name, standing for its government), ``place`` (a capital used as a place).
    ``code``/``country``/``sector``/``title`` are the actor's role on the article's
    date (CAMEO-style ``RUSGOV`` → country RUS, sector GOV). ``via`` says how it was
    resolved: ``name``, ``alias``, ``fuzzy``, ``coref``, ``apposition``, ``agent``.
    """

    start: int
    end: int
    text: str
    label: str  # PER, LOC, ORG, MISC, or AGENT for a generic agent
    actor: str | None = None
    actor_name: str | None = None
    actor_type: str | None = None  # country, igo, person, group, agent
    reading: str = "literal"
    code: str | None = None
    country: str | None = None
    sector: str | None = None
    title: str | None = None
    via: str | None = None


@dataclass(frozen=True, slots=True)
class Timex:
    """A temporal expression, normalised against the document creation time (DCT).

    ``type`` and ``value`` follow TIMEX3 (ISO-TimeML): DATE ``2021-10-18``, ``2021-10``,
    ``2021-W41``, ``2002``, ``198`` (the 1980s); TIME ``2021-10-18T17:17``; DURATION ``P4Y``,
    ``P3D``; SET ``XXXX-WXX-2`` (every Tuesday); vague references ``PAST_REF``,
    ``FUTURE_REF``, ``PRESENT_REF``. ``value`` is None when the expression cannot be resolved.
    ``anchor`` says what a relative expression was resolved against: ``dct`` (the
    publication date), or ``timex@START`` (an earlier expression of the text, by its start
    offset: "quatre ans plus tard" after "2014"). ``mod`` is TIMEX3's modifier (START, END,
    MID, APPROX, BEFORE, AFTER…)."""

    start: int
    end: int
    text: str
    type: str  # DATE, TIME, DURATION, SET
    value: str | None
    anchor: str | None = None
    mod: str | None = None


@dataclass(frozen=True, slots=True)
class Quote:
    """Who said what. ``start``/``end`` is the quoted content without its marks (for indirect
    speech: the reported clause). ``kind``: ``direct`` (a quoted sentence), ``partial`` (quoted
    words inside the writer's sentence), ``indirect`` (reported speech: "X a déclaré que …",
    "selon X, …"). The speaker is given as the text best names it (``speaker``: the fullest form
    in the article), by the mention the attribution points to (``speaker_start``/``end``: a
    name, a pronoun, a title) and as an actor when vigie knows who it is. ``cue`` is the
    reporting verb or phrase ("a justifié", "selon"); ``date`` the TIMEX3 value of a time
    expression in the attribution ("a justifié ce lundi" → 2021-10-18)."""

    start: int
    end: int
    text: str
    kind: str  # direct, partial, indirect
    speaker: str | None = None
    speaker_type: str | None = None  # PER, ORG, GPE
    speaker_start: int | None = None
    speaker_end: int | None = None
    speaker_actor: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    cue: str | None = None
    date: str | None = None


@dataclass(frozen=True, slots=True)
class EventArg:
    """A participant of an event: the words in the sentence and who they are (from the actors
    stage). ``country``/``igo``/``sector`` follow the events gold format of ARCHITECTURE.md."""

    start: int
    end: int
    text: str
    actor: str | None = None  # gazetteer id
    name: str | None = None  # the actor's name, else the words
    country: str | None = None  # ISO 3166 alpha-3
    igo: str | None = None  # international organisation id (NATO, UN…)
    sector: str | None = None  # GOV, MIL, COP, REB…


@dataclass(frozen=True, slots=True)
class Event:
    """Who did what to whom, when: one PLOVER event, coded from one sentence (``mentions`` lists
    every trigger of the article that reports the same event: same type, actors and date).

    ``type`` is one of the 16 PLOVER types (AGREE … ASSAULT); ``mode`` a PLOVER mode
    ("withdraw", "expel diplomats"); ``cameo`` the CAMEO code and ``quad`` the quad class
    (1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict) where
    the crosswalk gives them; ``goldstein`` a conflict–cooperation score (-10 … +10). ``date`` is a
    TIMEX3 value (the article date by default for a reported present event); ``historical`` marks
    an event dated well before the article; ``hypothetical`` a conditional, threatened or future one."""

    type: str
    sentence_start: int
    sentence_end: int
    trigger_start: int
    trigger_end: int
    trigger: str
    source: EventArg | None = None
    target: EventArg | None = None
    mode: str | None = None
    date: str | None = None
    location: str | None = None
    negated: bool = False
    hypothetical: bool = False
    historical: bool = False
    cameo: str | None = None
    quad: int | None = None
    goldstein: float | None = None
    mentions: tuple[tuple[int, int], ...] = ()  # trigger offsets of every mention of this event


@dataclass(slots=True)
class AnnotatedArticle:
    article: Article
    language: str | None
    language_score: float | None
    model: str | None  # the spaCy pipeline used, None when no model serves the language
    sentences: list[Span] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)  # actors, filled by nlp.actors
    timexes: list[Timex] = field(default_factory=list)  # time expressions, filled by nlp.timex
    quotes: list[Quote] = field(default_factory=list)  # who said what, filled by nlp.quotes
    events: list[Event] = field(default_factory=list)  # who did what to whom, filled by nlp.events
    dct: datetime | None = None  # document creation time used by time-aware stages
    # Set by the near-duplicate stage at ingest (not part of the annotate contract):
    duplicate_of: str | None = None  # id of the first stored copy of this text
    signature: bytes | None = None  # MinHash values

    def to_json(self) -> dict[str, Any]:
        """The ``vigie annotate --json`` object (schema in docs/annotate-json.md)."""
        a = self.article
        return {
            "schema": SCHEMA_VERSION,
            "item": a.item,
            "article": {
                "url": a.url,
                "source": a.source,
                "title": a.title,
                "lede": a.lede,
                "author": a.author,
                "published": _iso(a.published),
                "updated": _iso(a.updated),
                "language": self.language,
                "extractor": a.extractor,
                "content_hash": a.content_hash,
                "text": a.text,
                "body": a.body,
                "blocks": [
                    {k: v for k, v in asdict(b).items() if k != "credit" or b.kind == "caption"}
                    for b in a.blocks
                ],
                "captions": a.captions,
            },
            "annotations": {
                "dct": _iso(self.dct),
                "language": {"code": self.language, "score": self.language_score},
                "model": self.model,
                "sentences": [{"start": s.start, "end": s.end} for s in self.sentences],
                "entities": [asdict(e) for e in self.entities],
                "mentions": [asdict(m) for m in self.mentions],
                "timexes": [asdict(t) for t in self.timexes],
                "quotes": [asdict(q) for q in self.quotes],
                "events": [asdict(e) for e in self.events],
            },
        }


@dataclass(slots=True)
class Source:
    """A feed polled by ``vigie fetch``, with its health."""

    id: int
    url: str
    title: str | None
    kind: str
    added_at: str
    etag: str | None = None
    last_modified: str | None = None
    last_fetch: str | None = None
    last_success: str | None = None
    last_error: str | None = None
    consecutive_errors: int = 0
    next_try: str | None = None

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


RuleKind = Literal["match", "spike", "cooccurrence", "dyad_type", "silence"]


@dataclass(slots=True)
class Watchlist:
    """What an analyst follows: a saved search, actors, dyads; where its alerts go."""

    id: int
    name: str
    query: str | None = None
    actors: list[str] = field(default_factory=list)
    dyads: list[tuple[str, str]] = field(default_factory=list)
    webhook: str | None = None
    email: str | None = None
    created_at: str | None = None

    def to_json(self) -> dict[str, Any]:
        out = asdict(self)
        out["dyads"] = [list(d) for d in self.dyads]
        return out


@dataclass(slots=True)
class AlertRule:
    """One rule of a watchlist; ``params`` holds its settings (window, sensitivity, cooldown, quiet hours)."""

    id: int
    watchlist_id: int
    kind: RuleKind
    params: dict[str, Any] = field(default_factory=dict)
    created_at: str | None = None
    last_run: str | None = None

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class Alert:
    """A rule fired: about ``key`` (a story, a pair of actors, a day…), once, with its reason."""

    rule_id: int
    key: str
    fired_at: str
    day: str
    title: str
    why: dict[str, Any]
    score: float = 0.0
    held: str | None = None  # "budget" when kept but not sent
    id: int | None = None

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


@dataclass(frozen=True, slots=True)
class Story:
    """A story: articles about one thing, clustered online (``vigie stories``). ``id`` never changes;
    a story merged into a later-grown one keeps its id as an alias (``merged_into``)."""

    id: str
    first_day: str  # YYYY-MM-DD
    last_day: str
    size: int  # articles
    sources: int  # distinct sources
    label: str  # its heaviest terms
    merged_into: str | None = None
    thread: str | None = None  # the long-running thread it belongs to (None: clustered before threads)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Thread:
    """A thread: stories of one long-running topic, grouped online (``vigie stories`` shows a story's
    thread). ``id`` never changes; a merged thread keeps its id as an alias (``merged_into``)."""

    id: str
    first_day: str  # YYYY-MM-DD
    last_day: str
    label: str  # its defining terms

    def to_json(self) -> dict[str, Any]:
        return asdict(self)
