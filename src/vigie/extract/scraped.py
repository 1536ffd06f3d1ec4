"""Text scraped from a news page, ads and bylines still in it → a clean article.

Each non-empty line is one unit. The cleaner classifies units in a few passes:

1. page furniture goes: lines the source repeats across documents (when a batch
   was observed, see ``repeated.py``), known boilerplate lines ("Publicité",
   "À lire aussi …"), image file names, and everything from the start of the page
   trailer (subscription pitch) on;
2. a line ending in a photo credit "(Dimitar DILKOFF/AFP)" is a caption; a copy of
   its text elsewhere (scrapers often keep the image's alt text too) goes;
3. byline ("Par Sophie Amsili") and date lines ("Publié le … Mis à jour le …") are
   read into metadata, then dropped; they close the header (title, lede);
4. the author's name alone on a line after the body has started is the signature
   that ends the article;
5. what is left is the title, the lede, section headings and paragraphs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from vigie import lang
from vigie.extract.bylines import parse_byline, parse_date_line
from vigie.extract.normalize import TextBuilder, fix_scraped_punctuation, normalize_line
from vigie.extract.repeated import RepeatedLines, source_key
from vigie.model import Article, RawDocument

_IMAGE_FILE = re.compile(r"^\S+\.(?:png|jpe?g|gif|webp|svg|avif|bmp|tiff?)$", re.IGNORECASE)
# "(Dimitar DILKOFF/AFP)", "(Photo : X)", "(© Reuters)", "(Crédits : X/Y)"
_CREDIT = re.compile(
    r"^(?P<caption>.+?)\s*\((?P<credit>"
    r"[^()/]{2,60}/\s*[A-Z][\w .&'-]{1,40}"
    r"|(?:Photo|Photos|Crédits?|Credits?|Illustration|Image)\s*:?\s*[^()]{2,80}"
    r"|©[^()]{2,80}"
    r")\)\s*$"
)
_TERMINAL = ("." , "!", ";", ":", "…", "»", '"', "”", ",")
MAX_HEADING_CHARS = 100
MAX_HEADING_WORDS = 14
MAX_TITLE_CHARS = 250
HEADER_WINDOW = 12  # bylines and date lines are looked for among the first units only


@dataclass(slots=True)
class _Unit:
    text: str
    kind: str = "text"  # text, caption, title, lede, heading, paragraph
    credit: str | None = None


def extract_scraped(raw: RawDocument, repeated: RepeatedLines | None = None) -> Article:
    units = [_Unit(t) for t in map(normalize_line, raw.content.splitlines()) if t]
    if repeated is not None:
        units = _drop_repeated(units, repeated, source_key(raw))
    for u in units:
        u.text = fix_scraped_punctuation(u.text)
    units = _cut_trailer(units)
    units = [u for u in units if not lang.is_furniture(u.text) and not _IMAGE_FILE.match(u.text)]
    units = _mark_captions(units)

    author = published = updated = None
    header_end: int | None = None  # index of the first unit after bylines and date lines
    kept: list[_Unit] = []
    for u in units:
        if u.kind == "text" and len(kept) < HEADER_WINDOW:
            name = parse_byline(u.text)
            if name and author is None:
                author, header_end = name, len(kept)
                continue
            dates = parse_date_line(u.text)
            if dates and published is None and updated is None:
                published, updated = dates.published, dates.updated
                header_end = len(kept)
                continue
        kept.append(u)

    if author:
        kept = _cut_signature(kept, author, header_end or 0)
    _mark_title_and_lede(kept, header_end)
    _mark_headings(kept)

    builder = TextBuilder()
    for u in kept:
        builder.add(u.kind if u.kind != "text" else "paragraph", u.text, u.credit)  # type: ignore[arg-type]
    return Article(
        item=raw.item, text=builder.text, blocks=builder.blocks, url=raw.url, source=raw.source,
        author=author, published=published, updated=updated, extractor="scraped-text",
    )


def _drop_repeated(units: list[_Unit], repeated: RepeatedLines, source: str) -> list[_Unit]:
    """Lines the source repeats across documents go, except bylines and date lines, which
    carry this document's metadata (an author signs many articles)."""
    return [u for u in units
            if not repeated.is_repeated(source, u.text) or parse_byline(u.text) or parse_date_line(u.text)]


def _cut_trailer(units: list[_Unit]) -> list[_Unit]:
    trailer = lang.trailer_pattern()
    for i, u in enumerate(units):
        if i > 0 and trailer.search(u.text):
            return units[:i]
    return units


def _mark_captions(units: list[_Unit]) -> list[_Unit]:
    captions = set()
    for u in units:
        m = _CREDIT.match(u.text)
        if m and not u.text.endswith(("?",)):
            u.kind, u.text, u.credit = "caption", m.group("caption").strip(), m.group("credit").strip()
            captions.add(u.text)
    # Keep the credited caption; drop uncredited copies of its text.
    return [u for u in units if u.kind == "caption" or u.text not in captions]


def _cut_signature(units: list[_Unit], author: str, body_start: int) -> list[_Unit]:
    for i in range(body_start + 1, len(units)):
        if units[i].kind == "text" and units[i].text.casefold() == author.casefold():
            return units[:i]
    return units


def _mark_title_and_lede(units: list[_Unit], header_end: int | None) -> None:
    texts = [i for i, u in enumerate(units) if u.kind == "text"]
    if not texts:
        return
    first = texts[0]
    if header_end is not None and first < header_end:
        units[first].kind = "title"
        ledes = [i for i in texts[1:] if i < header_end]
        if ledes:
            units[ledes[0]].kind = "lede"
    elif len(units[first].text) <= MAX_TITLE_CHARS and not units[first].text.endswith("."):
        units[first].kind = "title"


def _mark_headings(units: list[_Unit]) -> None:
    for i, u in enumerate(units):
        if u.kind != "text" or i + 1 >= len(units):
            continue
        following = units[i + 1]
        if (
            len(u.text) <= MAX_HEADING_CHARS
            and len(u.text.split()) <= MAX_HEADING_WORDS
            and u.text[0].isupper()
            and not u.text.endswith(_TERMINAL)
            and following.kind == "text"
            and len(following.text) > len(u.text)
        ):
            u.kind = "heading"
