"""``vigie fetch``: poll the due feeds, fetch the articles they link to, store them.

    store.due_sources ─► Fetcher.get (conditional) ─► parse_feed ─► entries not yet stored
        ─► read_url ─► extract ─► annotate ─► store.put          and store.record_fetch (health)

A feed that fails (HTTP error, timeout, not a feed) is recorded with its error and
backs off; an article page that fails is reported and retried at the next poll
(it was not stored).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from urllib.parse import urlsplit

from vigie.errors import Failure, ItemError
from vigie.ingest.feeds import parse_feed
from vigie.ingest.fetch import Fetcher
from vigie.ingest.web import read_url
from vigie.model import Article, Source
from vigie.nlp import Annotator
from vigie.pipeline import IngestReport, extract_safely, iter_annotated, store_all
from vigie.store.base import Store

FEED_ACCEPT = "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"


@dataclass(slots=True)
class SourceReport:
    id: int
    url: str
    status: str  # ok, not-modified, error
    error: str | None = None
    entries: int = 0
    new: int = 0
    next_try: str | None = None

    def to_json(self) -> dict:
        return asdict(self)


def check_feed(source_url: str, fetcher: Fetcher) -> SourceReport:
    """Fetch and parse a feed without storing anything (``vigie source check``)."""
    try:
        result = fetcher.get(source_url, accept=FEED_ACCEPT)
        feed = parse_feed(source_url, result.content, result.url)
    except ItemError as e:
        return SourceReport(0, source_url, "error", e.reason)
    return SourceReport(0, source_url, "ok", entries=len(feed.entries))


def poll(
    store: Store, fetcher: Fetcher, annotator: Annotator | None = None, *, now: datetime | None = None,
    force: bool = False, only: list[str] | None = None, max_entries: int = 50, interval_s: int = 1800,
) -> tuple[list[SourceReport], IngestReport]:
    now = now or datetime.now(timezone.utc)
    annotator = annotator or Annotator()
    sources = store.list_sources() if force or only else store.due_sources(now)
    if only:
        sources = [s for s in sources if str(s.id) in only or s.url in only]
    reports: list[SourceReport] = []
    ingest_report = IngestReport()

    def articles() -> Iterator[Article | Failure]:
        for source in sources:
            yield from _poll_one(source, store, fetcher, now, max_entries, interval_s, reports)

    store_all(iter_annotated(articles(), annotator), store, ingest_report)
    return reports, ingest_report


def _poll_one(source: Source, store: Store, fetcher: Fetcher, now: datetime, max_entries: int, interval_s: int,
              reports: list[SourceReport]) -> Iterator[Article | Failure]:
    report = SourceReport(source.id, source.url, "ok")
    reports.append(report)
    try:
        result = fetcher.get(source.url, etag=source.etag, last_modified=source.last_modified, accept=FEED_ACCEPT)
        if result.not_modified:
            report.status = "not-modified"
            report.next_try = store.record_fetch(source.id, now, interval_s=interval_s).next_try
            return
        feed = parse_feed(source.url, result.content, result.url)
    except ItemError as e:
        report.status, report.error = "error", e.reason
        report.next_try = store.record_fetch(source.id, now, error=e.reason, interval_s=interval_s).next_try
        yield Failure(source.url, e.reason, "feed")
        return
    report.entries = len(feed.entries)
    name = source.title or feed.title or urlsplit(source.url).hostname
    for entry in feed.entries[:max_entries]:
        if store.has_url(entry.url):
            continue
        hints = {"fallback_published": entry.published.isoformat()} if entry.published else {}
        if entry.author:
            hints["fallback_author"] = entry.author
        try:
            raw = read_url(entry.url, fetcher, source=name, hints=hints)
        except ItemError as e:
            yield Failure(e.item, e.reason, "fetch")
            continue
        report.new += 1
        yield extract_safely(raw)
    # Health is recorded once the feed's entries have been read; etag/last-modified only then,
    # so an interrupted poll asks for the whole feed again.
    updated = store.record_fetch(source.id, now, etag=result.etag, last_modified=result.last_modified,
                                 interval_s=interval_s)
    report.next_try = updated.next_try
