"""Raw documents → clean articles. Dispatches on the raw document's content type."""

from __future__ import annotations

from vigie.errors import ItemError
from vigie.extract.repeated import RepeatedLines
from vigie.model import Article, RawDocument

MIN_TEXT_CHARS = 40  # less than a sentence: navigation or an error page, not an article


def extract(raw: RawDocument, repeated: RepeatedLines | None = None) -> Article:
    """Turn one raw document into an article, or raise ItemError saying why not.

    ``repeated`` holds per-source line counts from a first pass over a batch of scraped
    text (see ``extract/repeated.py``); without it only the built-in rules apply."""
    if raw.content_type == "html":
        from vigie.extract.html import extract_html

        article = extract_html(raw)
    elif raw.content_type == "scraped-text":
        from vigie.extract.scraped import extract_scraped

        article = extract_scraped(raw, repeated)
    elif raw.content_type == "plain-text":
        from vigie.extract.plain import extract_plain

        article = extract_plain(raw)
    else:
        raise ItemError(raw.item, f"unknown content type {raw.content_type!r}")
    if raw.hints.get("requested_url") and raw.hints["requested_url"] != article.url:
        article.aliases.append(raw.hints["requested_url"])
    length = len(article.body.strip()) + len((article.lede or "").strip())
    if length == 0:
        raise ItemError(raw.item, "no article text found" + (" in the HTML" if raw.content_type == "html" else ""))
    if length < MIN_TEXT_CHARS:
        raise ItemError(raw.item, f"no article text found: only {length} characters left after cleaning")
    return article


__all__ = ["RepeatedLines", "extract"]
