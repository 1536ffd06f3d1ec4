"""An HTML page → a clean article.

trafilatura finds the main text and the page's metadata; htmldate finds the
publication date when meta tags do not give a full timestamp. On top of that,
a French/English clean-up: byline and date lines left in the text are read
into metadata and removed, page-furniture lines go, and "Par" is taken off
author fields.
"""

from __future__ import annotations

import re
import warnings
from datetime import datetime

from lxml import html as lxml_html

from vigie import lang
from vigie.errors import ItemError
from vigie.extract.bylines import parse_byline, parse_date_line, parse_iso_or_text
from vigie.extract.normalize import TextBuilder, normalize_line
from vigie.model import Article, RawDocument

_HEADING = re.compile(r"^#{1,6}\s+")
_PUBLISHED_META = ("article:published_time", "datePublished", "og:published_time", "pubdate", "date",
                   "dc.date", "DC.date.issued", "parsely-pub-date", "sailthru.date")
_UPDATED_META = ("article:modified_time", "dateModified", "og:updated_time", "last-modified")
_AUTHOR_PREFIX = re.compile(r"^(?:par|by)\s+", re.IGNORECASE)


def extract_html(raw: RawDocument) -> Article:
    import trafilatura  # imported here: 0.3 s, and only HTML needs it

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # lxml FutureWarnings inside trafilatura
        doc = trafilatura.bare_extraction(
            raw.content, url=raw.url, with_metadata=True, include_formatting=True,
            include_comments=False, include_tables=True, deduplicate=False,
        )
    if doc is None or not (doc.text or "").strip():
        raise ItemError(raw.item, "no article text found in the HTML")

    tree = _parse(raw.content)
    published = _meta_datetime(tree, _PUBLISHED_META)
    updated = _meta_datetime(tree, _UPDATED_META)
    author = _clean_author(doc.author)
    title = normalize_line(raw.hints.get("title") or doc.title or "")

    builder = TextBuilder()
    builder.add("title", title)
    lede = normalize_line(doc.description or "")
    boilerplate = lang.boilerplate_lines()
    lines = [normalize_line(line) for line in doc.text.splitlines()]
    lines = [line for line in lines if line]
    if lines and _HEADING.sub("", lines[0]) == title:
        lines = lines[1:]  # the page's <h1> repeats the title
    if lede and lines and _same(lines[0], lede):
        lines = lines[1:]
    builder.add("lede", lede)
    for caption, credit in _captions(tree):
        builder.add("caption", caption, credit)
    for line in lines:
        if line.casefold() in boilerplate:
            continue
        name = parse_byline(line)
        if name:
            author = author or name
            continue
        dates = parse_date_line(line)
        if dates:
            published = published or dates.published
            updated = updated or dates.updated
            continue
        if _HEADING.match(line):
            builder.add("heading", _HEADING.sub("", line))
        else:
            builder.add("paragraph", line.lstrip("-* ") if line.startswith(("- ", "* ")) else line)

    if published is None and doc.date:
        published = parse_iso_or_text(doc.date, raw.hints.get("language"))
    if raw.hints.get("published"):
        published = parse_iso_or_text(raw.hints["published"], raw.hints.get("language")) or published
    return Article(
        item=raw.item, text=builder.text, blocks=builder.blocks,
        url=raw.url or doc.url, source=raw.source or doc.sitename, author=raw.hints.get("author") or author,
        published=published, updated=updated if updated != published else None,
        language=raw.hints.get("language"), extractor="trafilatura",
    )


def _parse(content: str):
    try:
        return lxml_html.fromstring(content.encode("utf-8", "replace"))
    except Exception:  # lxml raises several types on broken markup; metadata is optional
        return None


def _meta_datetime(tree, names: tuple[str, ...]) -> datetime | None:
    """A full timestamp from meta tags or itemprops (day-only dates are htmldate's job)."""
    if tree is None:
        return None
    for name in names:
        for value in tree.xpath(
            "//meta[@property=$n or @name=$n or @itemprop=$n]/@content | //*[@itemprop=$n]/@datetime", n=name
        ):
            if "T" in value or ":" in value:
                parsed = parse_iso_or_text(value)
                if parsed is not None:
                    return parsed
    return None


def _captions(tree) -> list[tuple[str, str | None]]:
    if tree is None:
        return []
    out = []
    for fig in tree.xpath("//figure[.//figcaption] | //figcaption[not(ancestor::figure)]"):
        cap = fig if fig.tag == "figcaption" else fig.xpath(".//figcaption")[0]
        credit_nodes = cap.xpath(".//*[contains(@class,'credit') or contains(@class,'copyright')]")
        credit = normalize_line(" ".join(n.text_content() for n in credit_nodes)) or None
        for n in credit_nodes:
            n.drop_tree()
        text = normalize_line(cap.text_content())
        if text:
            out.append((text, credit))
    return out


def _clean_author(author: str | None) -> str | None:
    if not author:
        return None
    author = _AUTHOR_PREFIX.sub("", normalize_line(author))
    return author or None


def _same(a: str, b: str) -> bool:
    return a.casefold().strip(" .") == b.casefold().strip(" .")
