"""RSS and Atom feeds (feedparser) → the entries they link to."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone

from vigie.errors import ItemError


@dataclass(frozen=True, slots=True)
class FeedEntry:
    url: str
    title: str | None = None
    published: datetime | None = None
    author: str | None = None
    summary: str | None = None


@dataclass(slots=True)
class Feed:
    url: str
    title: str | None
    entries: list[FeedEntry] = field(default_factory=list)


def parse_feed(item: str, content: bytes, url: str | None = None) -> Feed:
    """Parse feed bytes; raise ItemError when they are not a feed (an HTML page, garbage)."""
    import feedparser

    if not content.strip():
        raise ItemError(item, "empty feed")
    parsed = feedparser.parse(content, response_headers={"content-location": url} if url else None)
    if not parsed.get("version"):
        head = content.lstrip()[:200].lower()
        if b"<html" in head or b"<!doctype html" in head:
            raise ItemError(item, "not an RSS/Atom feed: the URL serves an HTML page")
        problem = parsed.get("bozo_exception")
        raise ItemError(item, "not an RSS/Atom feed" + (f" ({problem})" if problem else ""))
    entries = []
    for e in parsed.entries:
        link = e.get("link") or next((lnk.get("href") for lnk in e.get("links", []) if lnk.get("href")), None)
        if not link:
            continue
        stamp = e.get("published_parsed") or e.get("updated_parsed")
        published = datetime(*stamp[:6], tzinfo=timezone.utc) if stamp else None
        entries.append(FeedEntry(url=link, title=e.get("title"), published=published, author=e.get("author"),
                                 summary=e.get("summary")))
    return Feed(url=url or item, title=parsed.feed.get("title"), entries=entries)
