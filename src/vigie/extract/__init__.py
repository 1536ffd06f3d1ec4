"""Raw documents → clean articles. Dispatches on the raw document's content type."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

from vigie.errors import ItemError
from vigie.extract.repeated import RepeatedLines
from vigie.model import Article, RawDocument

MIN_TEXT_CHARS = 40  # less than a sentence: navigation or an error page, not an article


def extract(raw: RawDocument, repeated: RepeatedLines | None = None) -> Article:
    """Turn one raw document into an article, or raise ItemError saying why not.

    ``repeated`` holds per-source line counts from a first pass over a batch of scraped
    text (see ``extract/repeated.py``); without it only the built-in rules apply."""
    with _collector_paused():
        article = _by_content_type(raw, repeated)
    if raw.hints.get("requested_url") and raw.hints["requested_url"] != article.url:
        article.aliases.append(raw.hints["requested_url"])
    length = len(article.body.strip()) + len((article.lede or "").strip())
    if length == 0:
        raise ItemError(raw.item, "no article text found" + (" in the HTML" if raw.content_type == "html" else ""))
    if length < MIN_TEXT_CHARS:
        raise ItemError(raw.item, f"no article text found: only {length} characters left after cleaning")
    return article


def _by_content_type(raw: RawDocument, repeated: RepeatedLines | None) -> Article:
    if raw.content_type == "html":
        from vigie.extract.html import extract_html

        return extract_html(raw)
    if raw.content_type == "scraped-text":
        from vigie.extract.scraped import extract_scraped

        return extract_scraped(raw, repeated)
    if raw.content_type == "plain-text":
        from vigie.extract.plain import extract_plain

        return extract_plain(raw)
    raise ItemError(raw.item, f"unknown content type {raw.content_type!r}")


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cycle collector off while one document is extracted. Extracting a page allocates
    tens of thousands of short-lived objects (lxml proxies, strings, small records) that free
    themselves and form no cycles worth collecting; the collector passes they triggered scanned
    every object the process holds (spaCy's models too, in a pipeline) and took about 5 % of the
    extraction's time. Whatever cycles a page leaves are collected after it."""
    if not gc.isenabled():  # already paused (by a caller, or another thread): leave it so
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


__all__ = ["RepeatedLines", "extract"]
