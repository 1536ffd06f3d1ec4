"""Article text given by a source (a JSONL record's ``text``) → a clean article.

The source already separated the article from the page, so only layout is
normalised: paragraphs are split on line breaks and the record's metadata is used. Whole lines of
page furniture that exporters leave in (« Partager », « Lire aussi : … », the Wikinews box of links
to its sister projects) are dropped: such a line is never article text.
"""

from __future__ import annotations

from vigie import lang
from vigie.extract.bylines import parse_iso_or_text
from vigie.extract.normalize import TextBuilder, normalize_line
from vigie.model import Article, RawDocument


def extract_plain(raw: RawDocument) -> Article:
    builder = TextBuilder()
    title = normalize_line(raw.hints.get("title", ""))
    builder.add("title", title)
    for line in raw.content.splitlines():
        line = normalize_line(line)
        if not line or lang.is_furniture(line):
            continue
        if not (title and not builder.blocks[1:] and line == title):  # title repeated as first line
            builder.add("paragraph", line)
    language = raw.hints.get("language")
    published = parse_iso_or_text(raw.hints["published"], language) if raw.hints.get("published") else None
    return Article(
        item=raw.item, text=builder.text, blocks=builder.blocks, url=raw.url, source=raw.source,
        author=raw.hints.get("author"), published=published, language=language, extractor="plain-text",
    )
