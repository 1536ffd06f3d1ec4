"""An HTML page → a clean article.

trafilatura finds the main text and the page's metadata; htmldate finds the
publication date when meta tags do not give a full timestamp. On top of that,
a French/English clean-up: byline and date lines left in the text are read
into metadata and removed, page-furniture lines go, and "Par" is taken off
author fields.
"""

from __future__ import annotations

import json
import re
import warnings
from datetime import datetime


from vigie import lang
from vigie.errors import ItemError
from vigie.extract.bylines import parse_byline, parse_date_line, parse_iso_or_text
from vigie.extract.normalize import TextBuilder, normalize_line
from vigie.extract.titles import strip_publisher
from vigie.model import Article, RawDocument

_HEADING = re.compile(r"^#{1,6}\s+")
# Meta names (lower-cased, matched as suffixes: "og:article:published_time" counts) that carry timestamps.
_PUBLISHED_META = ("published_time", "datepublished", "pubdate", "publishdate", "dc.date.issued",
                   "parsely-pub-date", "sailthru.date", "date")
_UPDATED_META = ("modified_time", "datemodified", "updated_time", "last-modified")
# Markdown emphasis that trafilatura's formatted output adds around bold and italic text.
_EMPHASIS = re.compile(r"(\*{1,2})(?=\S)(.+?)(?<=\S)\1")
_AUTHOR_PREFIX = re.compile(r"^(?:par|by)\s+", re.IGNORECASE)


def extract_html(raw: RawDocument) -> Article:
    import trafilatura  # imported here: 0.3 s, and only HTML needs it
    from trafilatura.utils import load_html

    # Parse once. Our metadata reads go first, because trafilatura prunes the tree it is given.
    tree = load_html(raw.content)
    if tree is None:
        raise ItemError(raw.item, "cannot parse the HTML")
    language = raw.hints.get("language")
    ld = _json_ld_dates(tree)
    published = ld.get("datePublished") or _meta_datetime(tree, _PUBLISHED_META)
    updated = ld.get("dateModified") or _meta_datetime(tree, _UPDATED_META)
    day_only = _htmldate(tree, language) if published is None else None
    captions = _captions(tree)
    h1 = _first_h1(tree)

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # lxml FutureWarnings inside trafilatura
        doc = trafilatura.bare_extraction(
            tree, url=raw.url, with_metadata=True, include_formatting=True,
            include_comments=False, include_tables=True, deduplicate=False,
        )
    if doc is None or not (doc.text or "").strip():
        raise ItemError(raw.item, "no article text found in the HTML")

    author = _clean_author(doc.author, publisher=doc.sitename)
    url = raw.url or doc.url
    title = normalize_line(raw.hints.get("title") or strip_publisher(doc.title or h1 or "", doc.sitename, url, h1))

    builder = TextBuilder()
    builder.add("title", title)
    lede = normalize_line(doc.description or "")
    lines = [_EMPHASIS.sub(r"\2", normalize_line(line)) for line in doc.text.splitlines()]
    lines = _cut_trailer([line for line in lines if line])
    if lines and _same(_HEADING.sub("", lines[0]), title):
        lines = lines[1:]  # the page's <h1> repeats the title
    if lede and lines and _same(lines[0], lede):
        lines = lines[1:]
    if lede and lang.is_furniture(lede):
        lede = ""
    builder.add("lede", lede)
    for caption, credit in captions:
        builder.add("caption", caption, credit)
    for line in lines:
        if lang.is_furniture(_HEADING.sub("", line)):
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
            builder.add("paragraph", line[2:] if line.startswith(("- ", "* ")) else line)

    if published is None and raw.hints.get("fallback_published"):  # e.g. a feed entry's date
        published = parse_iso_or_text(raw.hints["fallback_published"], language)
    published = published or day_only
    if raw.hints.get("published"):  # a date given with the record wins
        published = parse_iso_or_text(raw.hints["published"], language) or published
    return Article(
        item=raw.item, text=builder.text, blocks=builder.blocks, url=url, source=raw.source or doc.sitename,
        author=raw.hints.get("author") or author or raw.hints.get("fallback_author"),
        published=published, updated=updated if updated != published else None,
        language=language, extractor="trafilatura",
    )


def _first_h1(tree) -> str | None:
    for h1 in tree.xpath("//h1"):
        text = normalize_line(" ".join(h1.text_content().split()))
        if text:
            return text
    return None


def _meta_datetime(tree, names: tuple[str, ...]) -> datetime | None:
    """A full timestamp from meta tags or itemprops (day-only dates are htmldate's job)."""
    if tree is None:
        return None
    found: dict[str, str] = {}
    for el in tree.xpath("//meta[@content] | //*[@itemprop and @datetime]"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip().lower()
        value = el.get("content") or el.get("datetime") or ""
        if key and ":" in value and key not in found:  # a time of day, not only a date
            found[key] = value
    for name in names:
        for key, value in found.items():
            if key == name or key.endswith(":" + name) or key.endswith("_" + name) and name != "date":
                parsed = parse_iso_or_text(value)
                if parsed is not None:
                    return parsed
    return None


def _json_ld_dates(tree) -> dict[str, datetime]:
    """datePublished / dateModified from JSON-LD (schema.org), the most reliable timestamps on news pages."""
    out: dict[str, datetime] = {}
    if tree is None:
        return out
    for script in tree.xpath('//script[@type="application/ld+json"]/text()'):
        try:
            data = json.loads(script)
        except ValueError:
            continue
        stack = [data]
        while stack:
            node = stack.pop()
            if isinstance(node, list):
                stack.extend(node)
            elif isinstance(node, dict):
                for key in ("datePublished", "dateModified"):
                    if key not in out and isinstance(node.get(key), str) and ":" in node[key]:
                        parsed = parse_iso_or_text(node[key])
                        if parsed is not None:
                            out[key] = parsed
                stack.extend(v for v in node.values() if isinstance(v, (dict, list)))
    return out


def _htmldate(tree, language: str | None) -> datetime | None:
    """The publication day when no timestamp is given (htmldate's original-date search)."""
    if tree is None:
        return None
    from htmldate import find_date

    try:
        day = find_date(tree, original_date=True, outputformat="%Y-%m-%d")
    except Exception:  # htmldate is best-effort on odd markup
        return None
    return parse_iso_or_text(day, language) if day else None


def _cut_trailer(lines: list[str]) -> list[str]:
    trailer = lang.trailer_pattern()
    for i, line in enumerate(lines):
        if i > 0 and trailer.search(line):
            return lines[:i]
    return lines


def _captions(tree) -> list[tuple[str, str | None]]:
    if tree is None:
        return []
    out = []
    for fig in tree.xpath("//figure[.//figcaption] | //figcaption[not(ancestor::figure)]"):
        cap = fig if fig.tag == "figcaption" else fig.xpath(".//figcaption")[0]
        credit_nodes = cap.xpath(".//*[contains(@class,'credit') or contains(@class,'copyright')]")
        credit = normalize_line(" ".join(" ".join(n.text_content() for n in credit_nodes).split())) or None
        text = normalize_line(" ".join(cap.text_content().split()))
        if credit:  # the credit is kept apart from the caption (the tree is not modified)
            text = text[: -len(credit)].strip() if text.endswith(credit) else text.replace(credit, " ").strip()
        if text:
            out.append((text, credit))
    return out


def _clean_author(author: str | None, publisher: str | None = None) -> str | None:
    """"Par X" → "X"; the publisher's own name is not an author ("Le Monde; Bertrand Bissuel")."""
    if not author:
        return None
    names = [_AUTHOR_PREFIX.sub("", normalize_line(n)) for n in author.split(";")]
    site = (publisher or "").casefold().removesuffix(".fr").removesuffix(".com")
    kept = [n for n in names if n and n.casefold().removesuffix(".fr").removesuffix(".com") != site]
    return "; ".join(kept or names) or None


def _same(a: str, b: str) -> bool:
    return a.casefold().strip(" .") == b.casefold().strip(" .")
