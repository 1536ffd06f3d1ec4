"""Text scraped from a news page, ads and bylines still in it → a clean article.

Each non-empty line is one unit. The cleaner works in passes:

1. page furniture goes: lines the source repeats across documents (when a batch
   was observed, see ``repeated.py``), known boilerplate lines ("Publicité",
   "À lire aussi …"), image file names. The scraped-text lists of French and
   English always apply, those of the page's own language too when vigie has them
   (``lang/<code>/scraped_*.txt``; the language is read from the page's longer lines);
2. a line ending in a photo credit "(Dimitar DILKOFF/AFP)", "… © Jane Doe" is a
   caption; a copy of its text elsewhere (scrapers often keep the image's alt text too) goes;
   then a line with no end punctuation and the next, in lower case and ending a sentence, are
   one paragraph split by a ``<br>``: joined;
3. the main text is found as the densest run of prose: each line scores by how
   much it reads like article text (long, sentence punctuation, perhaps an emoji
   after it) or like a menu (short, no punctuation); short lines after a line ending
   in a colon, or with a bullet, are list items and cost little. The run with the
   highest total wins (menus, footers and link lists around it fall away), with
   three corrections: a run that lies after a trailer line (comment form, footer)
   yields to prose before it; a run away from the headline the URL names yields to
   one starting just after it; a lone paragraph after a gap at its end goes; a long
   line right after it, its full stop missing, is its last line;
4. byline ("Par Sophie Amsili") and date lines ("Publié le … Mis à jour le …") near
   the start of that run are read into metadata and dropped; the title is the line the
   URL names, else the headline-like line just before the text; the lede is the paragraph
   between title and byline, or the subtitle line right under the title (a standfirst);
5. the page trailer (subscription pitch, comments), a run of headline-like lines
   (links), an author box ("Jane Doe" / "Jane Doe is …") and the author's name alone
   on a line end the article;
6. short lines followed by a paragraph inside the text are section headings.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from urllib.parse import unquote, urlsplit

from vigie import lang
from vigie.extract.bylines import parse_byline, parse_date_line
from vigie.extract.normalize import TextBuilder, fix_scraped_punctuation
from vigie.extract.repeated import RepeatedLines, scraped_lines, source_key
from vigie.model import Article, RawDocument
from vigie.textfold import fold, strip_accents

_IMAGE_FILE = re.compile(r"^\S+\.(?:png|jpe?g|gif|webp|svg|avif|bmp|tiff?)$", re.IGNORECASE)
# "(Dimitar DILKOFF/AFP)", "(Photo : X)", "(© Reuters)", "(Crédits : X/Y)"
_CREDIT = re.compile(
    r"^(?P<caption>.+?)\s*\((?P<credit>"
    r"[^()/]{2,60}(?:/\s*[A-Z][\w .&'-]{1,40})+"
    r"|(?:Photo|Photos|Photograph|Foto|Fotos|Bild|Crédits?|Credits?|Illustration|Image)\s*:?\s*[^()]{2,80}"
    r"|©[^()]{2,80}"
    r")\)\s*$"
)
# A caption whose credit ends it without brackets: "… in Pennsylvania © Noah Addis",
# "… Foto: ccnull/Marco Verch", "… – © X – stock.adobe.com".
_CREDIT_TAIL = re.compile(r"^(?P<caption>.+?[.!?\w\"”»)])\s*(?:[–—|,-]\s*)?(?P<credit>(?:©|(?i:photo|photograph|foto|fotos|bild|image)\s*:)"
                          r"\s*[^!?:]{2,80})$")
# A photo credit alone on its line: "TebNad/Shutterstock.com", "© Reuters", "Photo : AFP".
_CREDIT_LINE = re.compile(r"^(?:©\s*[\w .&'/-]{2,60}|[\w .&'-]{2,40}/\s*[\w .&'-]{2,40}|"
                          r"(?:Photo|Foto|Bild|Image|Crédits?|Credits?)\s*:\s*[\w .&'/-]{2,60})$")
# Closing quotes include German "“" and "‘" („So.“), which open quotes in English.
_SENTENCE_END = re.compile(r"[.!?…:;。！？][\"'”’“‘»)\]」』]*$")
_TERMINAL = (".", "!", ";", ":", "…", "»", '"', "”", ",")
MAX_HEADING_CHARS = 100
MAX_HEADING_WORDS = 14
MAX_TITLE_CHARS = 250
HEADLINE_RUN = 4  # lines in a row: a list of links, not the article's own headings
HEADLINE_RUN_MIN_WORDS = 3
HEADLINE_RUN_AFTER_SHARE = 0.5  # the run ends the article when less prose follows it than this share of what came before
MAX_FURNITURE_CHARS = 400  # the scraped-text furniture and trailer patterns are tried on short lines only
LEDE_MAX_FOLLOWING = 2
HEADER_REACH = 8  # bylines and date lines are looked for this many lines around the text's start

# Line scores for the main-text search: prose counts its words, menus cost. The costs were chosen
# on the text dumps of `vigie eval extraction` (a small grid; see docs/benchmarks.md).
PROSE_MIN_WORDS = 10
SHORT_WORDS = 5
SHORT_COST = -8.0
MEDIUM_COST = -3.0
LIST_COST = -1.0
ISLAND_GAP = -16.0
ANCHOR_REACH = 12  # lines between the headline and the text's start (byline, date, share buttons)
ANCHOR_SHARE = 0.3
ANCHOR_MIN_WORDS = 3
ANCHOR_MIN_SHARE = 0.5
MIN_BEFORE_TRAILER = 25.0
BEFORE_TRAILER_SHARE = 0.2  # a browser warning above the page's footer is not the article
MAX_LIST_ITEMS = 30
LAST_LINE_MIN_WORDS = 12
TOOLBAR_WORDS = 3  # a button's label, not a trailer sentence
TOOLBAR_BEFORE = 80.0  # words of prose: the text has barely begun
TOOLBAR_AFTER_RATIO = 3.0  # a share or comment button under the first paragraph: far more text follows it


@dataclass(slots=True)
class _Unit:
    text: str
    kind: str = "text"  # text, caption, title, lede, heading, paragraph
    credit: str | None = None
    item: bool = False  # a list item: short, but part of the text it sits in


def extract_scraped(raw: RawDocument, repeated: RepeatedLines | None = None) -> Article:
    units = [_Unit(t) for t in scraped_lines(raw.content)]
    if repeated is not None:
        units = _drop_repeated(units, repeated, source_key(raw))
    for u in units:
        u.text = fix_scraped_punctuation(u.text)
    codes = _page_languages(units)
    furniture = _scraped_furniture(codes)
    units = [u for u in units
             if not lang.is_furniture(u.text) and not _IMAGE_FILE.match(u.text) and not _CREDIT_LINE.match(u.text)
             and not (len(u.text) <= MAX_FURNITURE_CHARS and furniture.search(u.text))]
    units = _join_broken_lines(_join_markers(_mark_captions(units)))
    _mark_list_items(units)
    _mark_quantities(units)

    anchor = _title_anchor(units, raw.url)
    start, end = _main_text(units, codes, anchor)
    if start > 0 and units[start - 1].kind == "text" and units[start - 1].text.endswith(":") \
            and 2 <= _words(units[start - 1].text) < PROSE_MIN_WORDS and not _byline(units[start - 1].text):
        start -= 1  # the label the text starts under ("Leitsätze des Gerichts:")
    if end < len(units) and units[end].kind == "text" and _words(units[end].text) >= LAST_LINE_MIN_WORDS \
            and not units[end].text.endswith(_ELLIPSES) and not _CONTACT.search(units[end].text):
        end += 1  # the text's last line without its full stop ("… Offenbar ist das in der Politik ähnlich")
    # Bylines and date lines near the start of the main text: read, then dropped.
    author = published = updated = None
    header_end = None
    for i in range(max(0, start - HEADER_REACH), min(len(units), start + HEADER_REACH)):
        u = units[i]
        if u.kind != "text":
            continue
        name = _byline(u.text)
        if name and author is None:
            author, u.kind, header_end = name, "drop", i
            continue
        dates = parse_date_line(u.text)
        if dates and published is None and updated is None:
            published, updated = dates.published, dates.updated
            u.kind, header_end = "drop", i
        elif _is_dateline(u.text):
            u.kind = "drop"
    if anchor is not None and start - ANCHOR_REACH <= anchor < start and units[anchor].kind == "text":
        title_at: int | None = anchor  # the line the URL names is the headline
        units[anchor].kind = "title"
        for u in units[anchor + 1 : start]:  # between it and the text: a lede, or the page's toolbar
            if u.kind == "text" and _score(u) <= 0:
                u.kind = "drop"
    else:
        title_at = _find_title(units, start, header_end)
    if title_at is not None:
        _mark_standfirst(units, title_at, start)
    first = title_at if title_at is not None else start
    if title_at is not None and header_end is not None and title_at < header_end:
        # Title, lede, then byline: the paragraph between headline and byline is the lede.
        for i in range(title_at + 1, header_end):
            u = units[i]
            if u.kind == "text" and _score(u) > 0:
                if sum(1 for v in units[i + 1 : header_end] if v.kind == "text" and _score(v) > 0) < LEDE_MAX_FOLLOWING:
                    u.kind = "lede"  # not when paragraphs of the text come before a byline set in it
                break
    if header_end is not None:
        end = max(end, header_end + 1)
    kept = [u for u in units[first:end] if u.kind != "drop"]
    # Captions just before the title (a lead photo) stay with the article.
    kept = [u for u in units[max(0, first - 3):first] if u.kind == "caption"] + kept

    kept = _cut_trailer(kept, codes)
    kept = _cut_headline_run(kept)
    kept = _cut_author_box(kept)
    if author:
        kept = _cut_signature(kept, author)
    _mark_headings(kept)

    builder = TextBuilder()
    for u in kept:
        if u.kind in ("text", "paragraph"):
            if _words(u.text) < SHORT_WORDS and not _SENTENCE_END.search(u.text) and not u.item:
                continue  # a stray label inside the text ("Image copyright", "Share")
            builder.add("paragraph", u.text)
        else:
            builder.add(u.kind, u.text, u.credit)  # type: ignore[arg-type]
    return Article(
        item=raw.item, text=builder.text, blocks=builder.blocks, url=raw.url, source=raw.source,
        author=author, published=published, updated=updated, extractor="scraped-text",
    )


# "By Amy Kuperinsky | NJ Advance Media", "By Jason Cipriani | November 18, 2019 -- 19:14 GMT"
_BYLINE_PARTS = re.compile(r"\s+(?:[|•·]|--|[–—])\s+")


def _byline(text: str) -> str | None:
    """The author of a byline line, also when the line goes on with the publisher or the date."""
    return parse_byline(text) or parse_byline(_BYLINE_PARTS.split(text, maxsplit=1)[0])


_DATE_TOKEN = re.compile(r"\d{1,4}(?:st|nd|rd|th|er|e)?|\d{1,2}[:h.]\d\d(?:[:.]\d\d)?|[ap]\.?m\.?", re.IGNORECASE)
_ZONE = re.compile(r"[A-Z]{1,3}T|UTC")  # GMT, CET, EDT…: upper case only
_DATE_ANCHOR = re.compile(r"\b(?:19|20)\d\d\b|\b\d{1,2}[:h]\d\d\b")
_DAY_CUE = re.compile(r"\b\d{1,2}[:h]\d\d\b|\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b")
_TOKEN_SPLIT = re.compile(r"[\s|/,;:()\[\]–—-]+")
MAX_DATELINE_WORDS = 14
MAX_DATELINE_OTHER_WORDS = 3  # "November 20, 2019 / 1:07 AM / CBS News": the publisher may follow


@cache
def _month_and_day_names() -> frozenset[str]:
    """Month and weekday names and their short forms ("nov", "sat"), every language."""
    names: set[str] = set()
    for code in lang.LANGUAGES:
        time_words = lang.time_words(code)
        for name in (*time_words["months"], *time_words["weekdays"]):
            name = name.casefold().rstrip(".")
            names.update((name, name[:3]))
    return frozenset(names)


@cache
def _date_words() -> frozenset[str]:
    """What a date line may hold besides numbers: day names, date labels and joiners ("Updated", "à")."""
    words = set(_month_and_day_names())
    for code in lang.LANGUAGES:
        s = lang.settings(code)
        for label in (*s["published_labels"], *s["updated_labels"], *s["time_words"]):
            words.update(label.casefold().split())
    return frozenset(words)


_DAY_MONTH_YEAR = re.compile(r"\b\d{1,2}\.?\s+[^\W\d]{3,}\.?,?\s+(?:19|20)\d\d\b")  # "6. Juli 2015", any language


def _has_date(text: str) -> bool:
    """A date somewhere in the line ("Veröffentlicht am 6. Juli 2015 von …"): a year or a time, and a
    day (a month or weekday name, a numeric date)."""
    if not _DATE_ANCHOR.search(text):
        return False
    return bool(_DAY_CUE.search(text) or _DAY_MONTH_YEAR.search(text)) or any(
        t.casefold().rstrip(".") in _month_and_day_names() for t in _TOKEN_SPLIT.split(text) if t)


def _is_dateline(text: str) -> bool:
    """A line that is only a date and time, perhaps with its label and the publisher
    ("Updated: Sat 8:31 PM, Feb 17, 2018", "19 Nov 2019 05:44 GMT"): a year or a time, a day (a
    month or weekday name, a time, a numeric date), and at most a few other words."""
    if not _DATE_ANCHOR.search(text):
        return False
    tokens = [t for t in _TOKEN_SPLIT.split(text) if t]
    if not 2 <= len(tokens) <= MAX_DATELINE_WORDS:
        return False
    folded = [t.casefold().rstrip(".") for t in tokens]
    if not _DAY_CUE.search(text) and not any(t in _month_and_day_names() for t in folded):
        return False
    words = _date_words()
    other = sum(1 for t, f in zip(tokens, folded)
                if f not in words and not _DATE_TOKEN.fullmatch(f) and not _ZONE.fullmatch(t))
    return other <= MAX_DATELINE_OTHER_WORDS


DETECT_MIN_WORDS = 8  # the page's language is read from its longer lines (menus say little)
DETECT_CHARS = 1000


def _page_languages(units: list[_Unit]) -> tuple[str, ...]:
    """French and English lists always apply (pages mix them); the page's own language's
    scraped-text lists too, when vigie has them (``lang/<code>/scraped_furniture.txt``)."""
    sample, size = [], 0
    for u in units:
        if _words(u.text) >= DETECT_MIN_WORDS:
            sample.append(u.text)
            size += len(u.text)
            if size >= DETECT_CHARS:
                break
    if not sample:
        return lang.LANGUAGES
    from vigie.nlp.langid import identify  # only here: importing vigie.nlp is slow

    code = identify(" ".join(sample))[0]
    return lang.LANGUAGES + ((code,) if code and code not in lang.LANGUAGES and _has_scraped_lists(code) else ())


@cache
def _has_scraped_lists(code: str) -> bool:
    return code.isalpha() and resources.files("vigie.lang").joinpath(code, "scraped_furniture.txt").is_file()


def _lists(codes: tuple[str, ...], name: str) -> list[str]:
    return [p for code in codes for p in lang.lines(code, name)]


@cache
def _scraped_furniture(codes: tuple[str, ...] = lang.LANGUAGES) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in _lists(codes, "scraped_furniture.txt")), re.IGNORECASE)


@cache
def _comment_head(codes: tuple[str, ...] = lang.LANGUAGES) -> re.Pattern[str]:
    """A reader comment's first line ("joetoronto says:"); the comment's date follows it."""
    words = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in _lists(codes, "comment_heads.txt"))
    return re.compile(rf"^[^.!?]{{1,40}}\s(?:{words})\s*:$", re.IGNORECASE)


@cache
def _scraped_trailer(codes: tuple[str, ...] = lang.LANGUAGES) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in _lists(codes, "scraped_trailer.txt")), re.IGNORECASE)


_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")


_ELLIPSES = ("...", "…")  # a line cut short


@lru_cache(maxsize=8192)
def _words(text: str) -> int:
    """Words, counting two Chinese/Japanese/Korean characters as one (those scripts use no spaces)."""
    cjk = len(_CJK.findall(text))
    return len(text.split()) + (cjk // 2 if cjk else 0)


# What may follow a sentence's end on a blog line: emoji and other symbols, emoticons, a footnote number.
_AFTER_END = re.compile(r"(?:[\s\U0001F000-\U0001FAFF\u2600-\u27BF\uFE0F\u200d]|[:;xX]-?[)(pPdD]|<3|(?<=[.!?\"”»])\d{1,2})+$")
_EMOJI_END = re.compile(r"\w\s*(?:[\U0001F300-\U0001FAFF\u263A]\uFE0F?|[:;]-?[)D])\s*$")
# A sentence break inside a line: end punctuation, a space, then a capital or an opening quote.
# Not after an initial ("Andreas C. Hofmann", "J. K. Rowling"), which ends no sentence.
_INNER_BREAK = re.compile(r"(?:(?<!\b\w)\.|[!?…])[\"'”’“‘»)]*\s+[\"'„“«(]?[^\W\d_a-z]")


INNER_BREAKS = 2
AFTER_END_CHARS = 12


@lru_cache(maxsize=8192)  # asked several times per line by the passes below
def _is_prose(text: str) -> bool:
    """Ends like a sentence (perhaps with an emoji after it), or holds a sentence break and goes on
    after it; not a teaser cut with "…"."""
    if text.endswith(_ELLIPSES):
        return False
    tail = text[-AFTER_END_CHARS:]  # only the line's end can hold them: no need to scan the whole line
    bare = text[: len(text) - len(tail)] + _AFTER_END.sub("", tail)
    if bare != text and _EMOJI_END.search(tail):  # "… würde mich sehr freuen 🙂": a blogger's full stop
        return True
    return bool(_SENTENCE_END.search(bare)) or (bare != text and bare.endswith(_ELLIPSES)) or len(
        _INNER_BREAK.findall(text)) >= INNER_BREAKS


def _score(u: _Unit) -> float:
    if u.kind in ("caption", "drop"):
        return 0.0
    words = _words(u.text)
    prose = _is_prose(u.text)
    if words >= PROSE_MIN_WORDS and prose:
        return float(words)
    if u.item:
        return LIST_COST
    if words < SHORT_WORDS:
        return SHORT_COST
    return 1.0 if prose else MEDIUM_COST


# "• item", "- item", "1. item", "2) item", "a) item"
_CONTACT = re.compile(r"@|://|\bwww\.|\+?\d[\d ()/-]{7,}\d")
_BULLET = re.compile(r"^(?:[•●▪◦·*–—→✓✔-]|\d{1,3}[.)]|\(?[a-z]\))\s+\S")
_BARE_MARKER = re.compile(r"^(?:\d{1,2}[.)]|[•●▪◦·*–—-])$")  # a numbered step's number alone on its line: "1."


# "350 g Zucker", "1 Pck. Backpulver", "½ cup milk", "2 EL Backkakao": a quantity, then what it counts.
_FRACTIONS = "½¼¾⅓⅔"
_QUANTITY = re.compile(rf"^(?:\d+(?:[.,/]\d+)?|[{_FRACTIONS}])\s+[^\W\d_]")  # not "5G-Auktion …"
QUANTITY_RUN = 3  # lines starting with a quantity, at most one other line between two of them
QUANTITY_MAX_WORDS = 8
QUANTITY_SHARE = 0.7  # of the run's lines: "86 Kommentare" under each of a list of headlines is no list


def _mark_quantities(units: list[_Unit]) -> None:
    """A run of short lines that start with a quantity is a list (ingredients, a kit, specifications),
    with the odd line without one inside it ("Salz"): menus do not count."""
    found = [i for i, u in enumerate(units) if (u.text[:1].isdigit() or u.text[:1] in _FRACTIONS)
             and u.kind == "text" and _words(u.text) <= QUANTITY_MAX_WORDS and _QUANTITY.match(u.text)]
    runs: list[list[int]] = []
    for i in found:
        if runs and i - runs[-1][-1] <= 2:  # one line without a quantity may sit inside the list
            runs[-1].append(i)
        else:
            runs.append([i])
    for run in runs:
        if len(run) >= QUANTITY_RUN and len(run) >= QUANTITY_SHARE * (run[-1] - run[0] + 1):
            for j in range(run[0], run[-1] + 1):
                if units[j].kind == "text":
                    units[j].item = True


def _mark_list_items(units: list[_Unit]) -> None:
    """Short lines that read as a list: after a line ending in a colon ("Zutaten:", "You need:"),
    or each with a bullet or number. Menus are short lines too, but nothing introduces them."""
    in_list = 0
    for u in units:
        if u.kind != "text":
            in_list = 0
            continue
        words = _words(u.text)
        if words >= PROSE_MIN_WORDS or (_is_prose(u.text) and not u.text.endswith(":")):
            in_list = 1 if u.text.endswith(":") else 0  # "… can use these indicators:" opens a list too
            continue
        if _CONTACT.search(u.text):  # an address block's e-mail, phone, web address: not the text's list
            in_list = 0
            continue
        if in_list and in_list <= MAX_LIST_ITEMS:
            u.item = True
            in_list += 1
        elif _BULLET.match(u.text):
            u.item = True
        if u.text.endswith(":"):
            in_list = 1


def _main_text(units: list[_Unit], codes: tuple[str, ...] = lang.LANGUAGES,
               anchor: int | None = None) -> tuple[int, int]:
    """[start, end) of the run of lines with the highest total score (Kadane's algorithm).
    When that run lies after the page's comment form, newsletter box or footer while prose
    comes before it, the run is looked for before: sidebars and footers follow the article.
    When the headline is known (``anchor``, the line the URL names) and the run is elsewhere,
    a run starting just after the headline wins if it is not much smaller. A long line ending in "…"
    next to a paragraph is prose (a teaser cut short sits among other teasers). A page with no paragraph at
    all reads its long lines cut with "…" as prose (a paywall shows the first paragraph cut)."""
    scores = [_score(u) for u in units]
    cut = [u.kind == "text" and u.text.endswith(_ELLIPSES) and _words(u.text) >= PROSE_MIN_WORDS for u in units]
    # A long line ending in "…" next to a paragraph is the text's own sentence, not a teaser cut short.
    for i, u in enumerate(units):
        if cut[i] and any(0 <= j < len(units) and scores[j] >= PROSE_MIN_WORDS and not units[j].text.endswith(_ELLIPSES)
                          for j in (i - 1, i + 1)):
            scores[i] = float(_words(u.text))
    start, end, best = _best_run(scores, 0, len(units))
    if best < PROSE_MIN_WORDS:  # no paragraph on the page: a paywall leaves only its cut first one ("… Mit dabei ...")
        scores = [float(_words(u.text)) if long_cut else sc for u, sc, long_cut in zip(units, scores, cut)]
        start, end, best = _best_run(scores, 0, len(units))
    if best <= 0:
        return 0, len(units)
    if anchor is not None and not (start <= anchor + ANCHOR_REACH and end > anchor):
        s, e, b = _best_run_from(scores, anchor + 1, min(len(units), anchor + 1 + ANCHOR_REACH))
        if b >= ANCHOR_SHARE * best:
            return s, _trim_island(scores, s, e)
    pattern, comment_head = _scraped_trailer(codes), _comment_head(codes)
    trailer = next((i for i in range(start - 1, -1, -1) if units[i].kind == "text"
                    and len(units[i].text) <= MAX_FURNITURE_CHARS and pattern.search(units[i].text)), None)
    # The first reader comment ("Anhora sagt:" over its date) before the run: the run is a comment.
    comment = next((i for i in range(start) if units[i].kind == "text" and units[i].text.endswith(":")
                    and comment_head.match(units[i].text) and _is_dateline(units[i + 1].text)), None)
    if comment is not None and (trailer is None or comment < trailer):
        trailer = comment
    if trailer is not None:
        s, e, b = _best_run(scores, 0, trailer)
        if b >= MIN_BEFORE_TRAILER and b >= BEFORE_TRAILER_SHARE * best:
            start, end = s, e
    return start, _trim_island(scores, start, end)


def _best_run_from(scores: list[float], lo: int, hi: int) -> tuple[int, int, float]:
    """The best run that starts in [lo, hi): the largest prefix total from each such start."""
    best, span = float("-inf"), (lo, lo)
    for s in range(lo, hi):
        if scores[s] <= 0:
            continue
        total = 0.0
        for i in range(s, len(scores)):
            total += scores[i]
            if total > best:
                best, span = total, (s, i + 1)
    return span[0], span[1], best


_SLUG_SPLIT = re.compile(r"[-_.+,]+")
_SLUG_NOISE = frozenset({"html", "htm", "php", "aspx", "shtml", "www", "http", "https"})


def _title_anchor(units: list[_Unit], url: str | None) -> int | None:
    """The line the page's URL names (its slug: /2019/05/das-ministerium-fur-club-kultur/):
    the headline, which the article follows."""
    if not url:
        return None
    segments = [seg for seg in urlsplit(url).path.split("/") if seg]
    words: set[str] = set()
    for seg in segments:
        tokens = {t for t in _SLUG_SPLIT.split(fold(unquote(seg)).replace(" ", "-"))
                  if len(t) >= 3 and not t.isdigit() and t not in _SLUG_NOISE}
        if len(tokens) > len(words):
            words = tokens
    if len(words) < ANCHOR_MIN_WORDS:
        return None
    best, at = ANCHOR_MIN_SHARE, None
    for i, u in enumerate(units):
        if u.kind != "text" or len(u.text) > MAX_TITLE_CHARS or u.item:  # a tag list's "Author: Jane Doe"
            continue
        low = strip_accents(u.text.casefold())
        if sum(1 for w in words if w in low) <= best * len(words):
            continue  # a substring count is never below the word count: this line cannot win
        share = len(words & set(fold(u.text).split())) / len(words)
        if share > best:
            best, at = share, i
    return at


def _best_run(scores: list[float], lo: int, hi: int) -> tuple[int, int, float]:
    best, best_span = float("-inf"), (lo, hi)
    total, start = 0.0, lo
    for i in range(lo, hi):
        if total <= 0:
            total, start = 0.0, i
        total += scores[i]
        if total > best:
            best, best_span = total, (start, i + 1)
    return best_span[0], best_span[1], best


def _trim_island(scores: list[float], start: int, end: int) -> int:
    """The end of the text without a lone paragraph after a gap (an author box, a newsletter
    pitch, a licence line): the main-text search takes it in whenever its words outweigh the gap."""
    last = end - 1
    while last > start and scores[last] <= 0:
        last -= 1
    j = last - 1
    gap = 0.0
    while j > start and scores[j] < 0:
        gap += scores[j]
        j -= 1
    if j > start and gap <= ISLAND_GAP and scores[j] > 0:
        return j + 1
    return end


def _is_title_like(text: str) -> bool:
    return len(text) <= MAX_TITLE_CHARS and not text.endswith((".", ",", ";", ":")) and _words(text) >= 2


STANDFIRST_MIN_WORDS = 6
STANDFIRST_MAX_CHARS = 400


def _mark_standfirst(units: list[_Unit], title_at: int, start: int) -> None:
    """The line right after the headline, before the text, when it reads as a subtitle (several
    words, no sentence needed: "Seit November ausgefallener Sender wieder aktiv – …"): the lede.
    A toolbar, a byline or a date line there is not one (those are dropped or short)."""
    for i in range(title_at + 1, min(start, len(units))):
        u = units[i]
        if u.kind == "caption" or (u.kind == "drop" and (_byline(u.text) or _is_dateline(u.text)
                                                          or parse_date_line(u.text))):
            continue  # "Hamburg, 2. November 2021" between headline and standfirst
        if u.kind not in ("text", "drop"):  # "drop": the toolbar pass drops what is no sentence
            return
        text = u.text.lstrip("-–—• ")
        if (_words(text) >= STANDFIRST_MIN_WORDS and len(text) <= STANDFIRST_MAX_CHARS and _score(u) <= 0
                and not text.endswith(("...", "…", ":")) and not _byline(text) and not _has_date(text)
                and not _CONTACT.search(text)):
            u.kind, u.text = "lede", text
        return


def _find_title(units: list[_Unit], start: int, header_end: int | None) -> int | None:
    """The headline: the closest title-like line before the main text (skipping captions and
    byline/date lines), else the main text's first line when it is title-like."""
    limit = min(start, header_end) if header_end is not None else start
    i, looked = limit - 1, 0
    while i >= 0 and looked < 4:
        u = units[i]
        if u.kind == "text":
            if _is_title_like(u.text):
                u.kind = "title"
                return i
            looked += 1
        i -= 1
    for j in range(start, min(len(units), start + 3)):
        u = units[j]
        if u.kind == "text":
            if _is_title_like(u.text) and _words(u.text) < PROSE_MIN_WORDS * 2:
                u.kind = "title"
                return j
            return None
    return None


def _drop_repeated(units: list[_Unit], repeated: RepeatedLines, source: str) -> list[_Unit]:
    """Lines the source repeats across documents go, except bylines and date lines, which
    carry this document's metadata (an author signs many articles)."""
    return [u for u in units
            if not repeated.is_repeated(source, u.text) or parse_byline(u.text) or parse_date_line(u.text)]


def _cut_trailer(units: list[_Unit], codes: tuple[str, ...] = lang.LANGUAGES) -> list[_Unit]:
    """Everything from the trailer's first line on goes — once the article has begun, so a
    newsletter link in the page header does not take the article with it. A button's label
    ("Teilen:", "Commenter") under the first paragraph, with far more text after it than before, is
    the page's toolbar: it goes alone and the text goes on."""
    trailer, scraped, comment_head = lang.trailer_pattern(), _scraped_trailer(codes), _comment_head(codes)
    started = False
    before = 0.0
    buttons = []
    for i, u in enumerate(units):
        if started and u.kind == "text" and (
                trailer.search(u.text) or (len(u.text) <= MAX_FURNITURE_CHARS and scraped.search(u.text))
                or (comment_head.match(u.text) and i + 1 < len(units) and _is_dateline(units[i + 1].text))):
            if not (_words(u.text) <= TOOLBAR_WORDS and before < TOOLBAR_BEFORE
                    and _prose(units[i + 1 :]) > TOOLBAR_AFTER_RATIO * before):
                return [v for v in units[:i] if not any(v is b for b in buttons)]
            buttons.append(u)  # a share or comment button under the first paragraph: the text goes on
            continue
        started = started or u.kind in ("lede",) or (u.kind == "text" and _score(u) >= PROSE_MIN_WORDS)
        if u.kind in ("text", "lede"):
            before += max(0.0, _score(u))
    return [v for v in units if not any(v is b for b in buttons)]


def _prose(part: list[_Unit]) -> float:
    """The prose score of a stretch of lines (text and lede only)."""
    return sum(max(0.0, _score(u)) for u in part if u.kind in ("text", "lede"))


def _cut_headline_run(units: list[_Unit]) -> list[_Unit]:
    """A run of headline-like lines (several words, no sentence) after the text, with little prose
    after it, is a list of links to other articles ("More in …", "Most read"): the article ends there."""
    run = 0
    for i, u in enumerate(units):
        headline = u.kind == "text" and _words(u.text) >= HEADLINE_RUN_MIN_WORDS and _score(u) < PROSE_MIN_WORDS
        run = run + 1 if headline else 0
        if run == HEADLINE_RUN:
            start = i - run + 1
            before, after = _prose(units[:start]), _prose(units[start:])
            if before > 0 and after < HEADLINE_RUN_AFTER_SHARE * before:
                return units[:start]
    return units


def _cut_author_box(units: list[_Unit]) -> list[_Unit]:
    """A name alone on its line, then a paragraph that starts with that name ("Inga Buller" /
    "Inga Buller ist Redakteurin …", "Jane Doe" / "Jane Doe is a writer …"), after most of the
    text: the author's box, where the article has ended."""
    for i in range(1, len(units) - 1):
        name, following = units[i].text, units[i + 1].text
        if (2 <= _words(name) <= 4 and not name.endswith(_TERMINAL) and following.startswith(name + " ")
                and _words(following) > _words(name) + 2):
            before, after = _prose(units[:i]), _prose(units[i:])
            if before > 0 and after < 0.5 * before:
                return units[:i]
    return units


def _join_markers(units: list[_Unit]) -> list[_Unit]:
    """A list marker alone on its line ("1.", "•") and the item under it are one line: "1. Mix the flour …"."""
    out: list[_Unit] = []
    for u in units:
        if out and len(out[-1].text) <= 3 and out[-1].kind == "text" and _BARE_MARKER.match(out[-1].text) \
                and u.kind == "text":
            u.text = f"{out.pop().text} {u.text}"
        out.append(u)
    return out


BROKEN_MIN_WORDS = 4


def _join_broken_lines(units: list[_Unit]) -> list[_Unit]:
    """A line with no end punctuation followed by one that starts in lower case is one paragraph
    split by a line break (``<br>``): read as one line, so that it scores as the prose it is."""
    out: list[_Unit] = []
    joined = False
    for u in units:
        prev = out[-1] if out else None
        if (not joined and prev is not None and prev.kind == "text" and u.kind == "text" and u.text[0].isalpha()
                and u.text[0].islower() and _is_prose(u.text) and _words(prev.text) >= BROKEN_MIN_WORDS
                and not prev.text.endswith(_TERMINAL) and not _SENTENCE_END.search(prev.text)
                and not _CONTACT.search(prev.text) and not _byline(u.text) and not _byline(prev.text)
                and not _has_date(u.text)):  # "By X" / "on Monday, November 18th, 2019 at 11:08 a.m.": a header
            prev.text = f"{prev.text} {u.text}"
            joined = True
            continue
        joined = False
        out.append(u)
    return out


def _mark_captions(units: list[_Unit]) -> list[_Unit]:
    captions = set()
    for u in units:
        m = _CREDIT.match(u.text) or (("©" in u.text or ":" in u.text) and _CREDIT_TAIL.match(u.text))
        if m and not u.text.endswith(("?",)):
            u.kind, u.text, u.credit = "caption", m.group("caption").strip(), m.group("credit").strip()
            captions.add(u.text)
    # Keep the credited caption; drop uncredited copies of its text.
    return [u for u in units if u.kind == "caption" or u.text not in captions]


def _cut_signature(units: list[_Unit], author: str) -> list[_Unit]:
    """The author's name alone on a line after the text is a signature, a paragraph that starts with it
    ("JANE DOE is a staff writer …") the author's bio: the article ends there. Not when most of the
    text is still to come (an author box under the lede)."""
    name = author.casefold()
    for i, u in enumerate(units):
        text = u.text.casefold()
        if u.kind == "text" and (text == name or text.startswith(name + " ")):
            before, after = _prose(units[:i]), _prose(units[i + 1 :])
            if before > 0 and after < 0.25 * before:
                return units[:i]
    return units


def _mark_headings(units: list[_Unit]) -> None:
    for i, u in enumerate(units):
        if u.kind != "text" or i + 1 >= len(units):
            continue
        following = units[i + 1]
        if (
            len(u.text) <= MAX_HEADING_CHARS
            and 2 <= _words(u.text) <= MAX_HEADING_WORDS
            and u.text[0].isupper()
            and not u.text.endswith(_TERMINAL)
            and following.kind == "text"
            and _score(following) >= PROSE_MIN_WORDS
        ):
            u.kind = "heading"
