"""An HTML page → a clean article.

The page is parsed once. vigie reads the metadata itself (``metadata.py``: JSON-LD,
meta tags, <title>/<h1>, captions), then trafilatura finds the main text, which is
walked as trafilatura's XML (headings, paragraphs, lists, quotes, tables) — no
Markdown round trip. On top of that, a French/English clean-up: byline and date lines
left in the text are read into metadata and removed, page furniture goes, the page
trailer (paywall, newsletter pitch) is cut, publisher names leave titles and authors,
and htmldate finds the day when no timestamp is given.
"""

from __future__ import annotations

import re
import warnings
from datetime import date, datetime, timedelta, timezone
from functools import cache

from vigie import lang
from vigie.errors import ItemError
from vigie.extract.bylines import byline_prefixes, byline_start, parse_byline, parse_date_line, parse_iso_or_text
from vigie.extract.htmltree import parse_html
from vigie.extract.metadata import clean_author, fallback_author, is_publisher, read_metadata, xpath
from vigie.extract.normalize import TextBuilder, normalize_line
from vigie.extract.titles import strip_publisher
from vigie.model import Article, RawDocument
from vigie.textfold import fold

MAX_BYLINE_LINE = 200  # bylines and date lines are short
MAX_TRAILER_LINE = 300  # paywall and newsletter lines are short; long paragraphs are not checked


def extract_html(raw: RawDocument) -> Article:
    import trafilatura  # imported here: 0.3 s, and only HTML needs it

    tree = parse_html(raw.content)
    if tree is None:
        raise ItemError(raw.item, "cannot parse the HTML")
    language = raw.hints.get("language")
    meta = read_metadata(tree)  # before trafilatura, which prunes the tree it is given
    published, updated = meta.published, meta.updated

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # lxml FutureWarnings inside trafilatura
        # output_format="xml": the body is walked as XML below, so trafilatura's own rendering of
        # it as plain text (xmltotxt, about 1 % of the extraction's time) is skipped; raw_text is
        # the text trafilatura measured while extracting.
        doc = trafilatura.bare_extraction(
            tree, url=raw.url, with_metadata=False, include_formatting=False, output_format="xml",
            include_comments=False, include_tables=True, deduplicate=False,
        )
    teaser = doc is None or doc.body is None or not (doc.raw_text or "").strip()
    if teaser and not meta.description:
        raise ItemError(raw.item, "no article text found in the HTML")
    # A page whose text is drawn by scripts still says in its metadata what it is: it is kept
    # as a teaser (title, standfirst, author, dates), like a feed entry, and marked as such.

    url = raw.url
    title = normalize_line(raw.hints.get("title") or strip_publisher(meta.title or "", meta.sitename, url, meta.h1))
    # The headline as the page shows it (its typography: ’ « »), when a heading says the same words.
    title_key = fold(title)
    title = next((h for h in meta.headings if h != title and fold(h) == title_key), title)
    blocks = [] if teaser else _cut_trailer([b for b in _blocks(doc.body) if b[1]])
    if blocks and blocks[0][0] == "heading" and _same(blocks[0][1], title):
        blocks = blocks[1:]  # the page's <h1> repeats the title
    # The lede (standfirst) is the meta description when the page shows it as such: outside the
    # main text, or in an element marked as a standfirst ("chapo", "standfirst", "lead"…), which
    # then also takes it out of the main text. When it is only the main text's first paragraph,
    # unmarked, it stays in the body. (The cheap test first: the marked-element search is costly.)
    lede = ""
    if meta.description:
        first_is_description = bool(blocks) and _same(blocks[0][1], meta.description)
        if teaser or (not first_is_description and _shown(meta.description, raw.content)):
            lede = meta.description
        elif _marked_standfirst(tree, meta.description):
            lede = meta.description
            if first_is_description:
                blocks = blocks[1:]
    if lede and (lang.is_furniture(lede) or _same(lede, title)):
        lede = ""

    author = meta.author
    if author and meta.author_is_account:  # a byline the page shows names the writer, not the account
        shown = _byline_in_page(tree, raw.content)
        if shown and fold(author) not in fold(shown):  # not the same name with a job title glued on
            author = shown
    publisher_as_author = None
    if is_publisher(author, meta.sitename):  # "Les Echos" as author: a person may still be named below
        publisher_as_author, author = author, None
    builder = TextBuilder()
    builder.add("title", title)
    builder.add("lede", lede)
    for caption, credit in meta.captions:
        builder.add("caption", caption, credit)
    for kind, text in blocks:
        if lang.is_furniture(text):
            continue
        if kind == "paragraph" and len(text) < MAX_BYLINE_LINE:
            name = parse_byline(text)
            if name:
                author = author or name
                continue
            dates = parse_date_line(text)
            if dates:
                published = published or dates.published
                updated = updated or dates.updated
                continue
        builder.add(kind, text)  # type: ignore[arg-type]

    if author is None and not raw.hints.get("author"):  # only when neither metadata nor text named one
        author = _byline_in_page(tree, raw.content) or fallback_author(tree, meta.sitename, raw.content) or publisher_as_author
    if meta.published_first is not None and published == meta.published and (
            meta.published_first.date() in _shown_days(tree)):
        # The meta stamp is the last edit: the first publication wins when the page shows its day.
        # A republished article (an old piece put online again) has the same markup, and there the
        # page shows the republication, or no date at all: the meta stamp then stays.
        published = meta.published_first
    if published is None and raw.hints.get("fallback_published"):  # e.g. a feed entry's date
        published = parse_iso_or_text(raw.hints["fallback_published"], language)
    if published is None:  # a date without a time, the URL's day, else htmldate (on the intact tree)
        published = meta.published_day or _url_day(url) or _htmldate(tree, language)
    published = _check_against_url(_local_zone(published, raw.content), url)
    if raw.hints.get("published"):  # a date given with the record wins
        published = parse_iso_or_text(raw.hints["published"], language) or published
    return Article(
        item=raw.item, text=builder.text, blocks=builder.blocks, url=url, source=raw.source or meta.sitename,
        author=raw.hints.get("author") or author or clean_author(raw.hints.get("fallback_author")),
        published=published, updated=updated if updated != published else None,
        language=language, extractor="metadata" if teaser else "trafilatura",
    )


def _blocks(body) -> list[tuple[str, str]]:
    """trafilatura's XML body → (kind, text): headings, paragraphs; list items, quotes and
    table rows become paragraphs."""
    out: list[tuple[str, str]] = []
    for el in body:
        if el.tag == "head":
            out.append(("heading", _text(el)))
        elif el.tag == "list":
            out.extend(("paragraph", _text(item)) for item in el.iter("item"))
        elif el.tag == "table":
            for row in el.iter("row"):
                cells = [_text(c) for c in row.iter("cell")]
                out.append(("paragraph", " ".join(c for c in cells if c)))
        else:
            out.append(("paragraph", _text(el)))
    return out


def _text(el) -> str:
    return normalize_line("".join(el.itertext()))


_URL_DATE = re.compile(r"/((?:19|20)\d\d)(?:/(\d{1,2})/(\d{1,2})/|-(\d\d)-(\d\d)(?:[/_.-]|$)|(\d\d)(\d\d)/)")


def _url_day(url: str | None) -> datetime | None:
    m = _URL_DATE.search(url or "")
    if not m:
        return None
    parts = [x for x in m.groups()[1:] if x]
    try:
        return datetime(int(m.group(1)), int(parts[0]), int(parts[1]), tzinfo=timezone.utc)
    except ValueError:
        return None


def _check_against_url(published: datetime | None, url: str | None) -> datetime | None:
    """Many news URLs carry the publication day (/2023/11/08/). A metadata date more than a day
    away from it is another date (a modification, a template's default): the URL's day wins.
    A day away, a UTC time (whose local zone the page did not reveal) is read as the URL's day;
    a time given in a local zone stays (it can be past midnight when the URL was made)."""
    day = _url_day(url) if published is not None else None
    if day is None or published.date() == day.date():
        return published
    if abs((published.date() - day.date()).days) == 1 and published.utcoffset() != timedelta(0):
        return published
    return day.replace(tzinfo=published.tzinfo)


_TIMESTAMP = re.compile(
    r"\b((?:19|20)\d\d)-(\d\d)-(\d\d)[T ](\d\d):(\d\d):(\d\d)(?:\.\d+)?(Z|[+-]\d\d:?\d\d)?(?![\d:])"
)


def _local_zone(published: datetime | None, html: str) -> datetime | None:
    """A UTC timestamp (``2023-11-09T03:28:35Z``) is the right instant but often the wrong
    day for the publisher, whose page shows 8 November. The page usually also writes the same
    instant in its own zone, with an offset (``2023-11-08T22:28:35-05:00``) or as naive local
    time (``2023-11-08 17:49:09``: same minutes and seconds, whole hours apart). That zone is
    kept; the instant does not change."""
    if published is None or published.utcoffset() != timedelta(0) or (published.second == 0 and published.minute == 0):
        return published
    needle = f":{published.minute:02d}:{published.second:02d}"  # only where the same minute:second is written
    pos = html.find(needle)
    while pos != -1 and pos < 2_000_000:
        m = _TIMESTAMP.match(html, max(0, pos - 13), pos + 40)
        pos = html.find(needle, pos + 1)
        if m is None:
            continue
        year, month, day, hour, minute, second, zone = m.groups()
        if (int(minute), int(second)) != (published.minute, published.second) or zone == "Z":
            continue
        try:
            naive = datetime(int(year), int(month), int(day), int(hour), int(minute), int(second))
        except ValueError:
            continue
        shift = naive - published.replace(tzinfo=None)
        if zone:
            sign = -1 if zone[0] == "-" else 1
            offset = sign * timedelta(hours=int(zone[1:3]), minutes=int(zone[-2:]))
            if offset == shift and offset:
                return published.astimezone(timezone(offset))
        elif shift and abs(shift) <= timedelta(hours=14) and shift % timedelta(minutes=15) == timedelta(0):
            return published.astimezone(timezone(shift))
    return published


def _byline_in_page(tree, html: str | None = None) -> str | None:
    """A byline written in the page outside the main text: an element reading "Par X",
    "By X", "Auteur : X" (the name often in a link of its own). With the page's ``html``, a
    page whose source has no text starting like a byline is not searched."""
    if html is not None and not _byline_in_source().search(html):
        return None
    start = byline_start()
    nodes = [node for node in _byline_xpath()(tree) if start.match(node)]
    for node in nodes[:8]:
        parent = node.getparent()
        if parent is None or parent.tag in ("script", "style"):
            continue
        text = normalize_line(" ".join(parent.text_content().split()))
        if len(text) <= 80:
            name = parse_byline(text)
            if name is None and start.fullmatch(text) and parent.getnext() is not None:
                # The label alone in its element, the name in the next one: <dt>Auteur</dt><dd>X</dd>.
                following = normalize_line(" ".join(parent.getnext().text_content().split()))
                name = parse_byline(f"{text} {following}") if len(following) <= 80 else None
            if name:
                return clean_author(name)
    return None


@cache
def _byline_in_source() -> re.Pattern[str]:
    """A byline word just after a tag in the HTML source, perhaps after spaces: where a text node
    that ``byline_start`` accepts begins (only an entity other than a no-break space before the
    word would hide one). Searched in the source at a fraction of a tree walk's cost."""
    words = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in byline_prefixes())
    return re.compile(rf">(?:\s|&nbsp;|&#160;)*(?:{words})(?:[\s<&]|$)")


@cache
def _byline_xpath():
    """The text nodes holding a byline's first word ("Par", "By", "Auteur"): a superset of
    ``byline_start``, chosen by XPath in C (a regular expression test in the XPath is one
    Python call per text node of the page)."""
    from lxml import etree

    words = sorted({prefix.split()[0] for prefix in byline_prefixes()})
    return etree.XPath(f"//body//text()[{' or '.join(f'contains(., {word!r})' for word in words)}]")


_STANDFIRST = re.compile(r"chap[oô]|standfirst|lede|lead|intro|summary|sous-titre|subtitle|subhead|dek|excerpt|"
                         r"teaser|abstract|resume|résumé|kicker|article-desc|description", re.IGNORECASE)
_STANDFIRST_TAGS = frozenset({"p", "div", "h2", "span", "section"})
STANDFIRST_NEEDLE = 8  # characters: short enough to sit in one text node even in scripts written without spaces


def _marked_standfirst(tree, description: str) -> bool:
    """Whether an element whose class or id names a standfirst holds the description. Only the
    elements around the text nodes holding the start of the description's longest word (letters
    and digits only: markup seldom splits those) are looked at, found by an XPath ``contains``
    run in C; testing every element's class in Python made this a costly step."""
    want = _squash(description)[:80]
    if not want:
        return False
    needle = max(re.findall(r"\w+", want) or [want], key=len)[:STANDFIRST_NEEDLE]
    seen: set = set()
    for node in xpath("//body//text()[contains(., $needle)]")(tree, needle=needle):
        el = node.getparent()
        while el is not None and el.tag != "body" and el not in seen:
            seen.add(el)
            if el.tag in _STANDFIRST_TAGS and _STANDFIRST.search(f"{el.get('class', '')} {el.get('id', '')}") \
                    and want in _squash(el.text_content()):
                return True
            el = el.getparent()
    return False


@cache
def _month_numbers() -> dict[str, int]:
    """Month names and abbreviations of vigie's languages (lang/<lang>/time.json), without their
    full stop ("Dec 9, 2019" and "9 déc. 2019" alike), and the other abbreviations pages write:
    a name's first three letters or more, when they begin no other month ("Jun", not "jui")."""
    names: dict[str, int] = {}
    for code in lang.LANGUAGES:
        names.update((name.rstrip("."), number) for name, number in lang.time_words(code)["months"].items())
    prefixes: dict[str, set[int]] = {}
    for name, number in names.items():
        for end in range(3, len(name)):
            prefixes.setdefault(name[:end], set()).add(number)
    return {**{p: next(iter(n)) for p, n in prefixes.items() if len(n) == 1}, **names}


_WRITTEN_DAY = re.compile(
    r"\b(?:(?P<d1>\d{1,2})(?:er|st|nd|rd|th)?\.?\s+(?P<m1>[^\W\d_]{3,9})\.?,?\s+(?P<y1>(?:19|20)\d\d)"
    r"|(?P<m2>[^\W\d_]{3,9})\.?\s+(?P<d2>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y2>(?:19|20)\d\d)"
    r"|(?P<a>\d{1,2})[./](?P<b>\d{1,2})[./](?P<y3>(?:19|20)\d\d)"
    r"|(?P<y4>(?:19|20)\d\d)-(?P<m4>\d\d)-(?P<d4>\d\d))\b"
)


def _shown_days(tree) -> set[date]:
    """The days written in the page's visible text ("Dec 9, 2019", "9 décembre 2019", 09.12.2019,
    2019-12-09); a day written with slashes counts in both orders (09/12 and 12/09)."""
    months = _month_numbers()
    text = " ".join(xpath("//body//text()[not(ancestor::script) and not(ancestor::style)]")(tree))
    days: set[date] = set()
    for m in _WRITTEN_DAY.finditer(text):
        if m["y1"] or m["y2"]:
            month = months.get((m["m1"] or m["m2"]).lower())
            candidates = [(int(m["y1"] or m["y2"]), month, int(m["d1"] or m["d2"]))] if month else []
        elif m["y3"]:
            a, b = int(m["a"]), int(m["b"])
            candidates = [(int(m["y3"]), b, a), (int(m["y3"]), a, b)]
        else:
            candidates = [(int(m["y4"]), int(m["m4"]), int(m["d4"]))]
        for year, month, day in candidates:
            try:
                days.add(date(year, month, day))
            except ValueError:
                continue
    return days


def _htmldate(tree, language: str | None) -> datetime | None:
    """The publication day when no timestamp is given (htmldate's original-date search)."""
    from htmldate import find_date

    try:
        day = find_date(tree, original_date=True, outputformat="%Y-%m-%d")
    except Exception:  # htmldate is best-effort on odd markup
        return None
    return parse_iso_or_text(day, language) if day else None


def _cut_trailer(blocks: list[tuple[str, str]]) -> list[tuple[str, str]]:
    trailer = lang.trailer_pattern(main_text=True)
    for i, (_kind, text) in enumerate(blocks):
        if i > 0 and len(text) < MAX_TRAILER_LINE and trailer.search(text):
            return blocks[:i]
    return blocks


_PLAIN_RUN = re.compile(r"[\w ,.;:!?()-]{20,80}")


def _shown(description: str, html: str) -> bool:
    """Whether the meta description is also shown in the page body (a standfirst). Searched in
    the HTML source after <body>, on a stretch of plain characters, which escaping leaves alone."""
    m = _PLAIN_RUN.search(" ".join(description.split()))
    body_at = html.find("<body")
    return bool(m) and body_at >= 0 and html.find(m.group(0).strip(), body_at) >= 0


def _squash(text: str) -> str:
    return " ".join(text.split())


def _same(a: str, b: str) -> bool:
    return fold(a) == fold(b)
