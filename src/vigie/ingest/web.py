"""URLs → raw documents, through the guarded fetcher."""

from __future__ import annotations

from typing import Any

from vigie.errors import ItemError
from vigie.ingest.decode import decode
from vigie.ingest.fetch import Fetcher
from vigie.model import RawDocument

HTML_TYPES = {"text/html", "application/xhtml+xml", ""}


def read_url(url: str, fetcher: Fetcher, *, item: str | None = None, source: str | None = None,
             hints: dict[str, Any] | None = None) -> RawDocument:
    """Fetch one article page; raise ItemError (FetchError) naming it on failure."""
    item = item or url
    result = fetcher.get(url)
    if result.content_type not in HTML_TYPES and result.content_type != "text/plain":
        raise ItemError(item, f"unsupported content type {result.content_type!r} (expected an HTML page)")
    is_html = result.content_type != "text/plain"
    text = decode(item, result.content, html=is_html, declared=result.charset)
    hints = dict(hints or {})
    if result.url != url:
        hints["requested_url"] = url  # a redirect: remember where the link pointed
    return RawDocument(item=item, content=text, content_type="html" if is_html else "scraped-text",
                       url=result.url, source=source, fetched_at=result.fetched_at, hints=hints)
