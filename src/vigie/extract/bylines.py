"""Bylines and dates written in the page's text ("Par Sophie Amsili",
"Publié le 18 oct. 2021 à 17:17Mis à jour le 18 oct. 2021 à 17:52").

Label words come from ``lang/<lang>/bylines.json``; date strings are read by
dateparser, and times without a zone are placed in the language's usual zone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from zoneinfo import ZoneInfo

from vigie import lang


@dataclass(frozen=True, slots=True)
class DateLine:
    published: datetime | None
    updated: datetime | None


def _alternation(words: list[str]) -> str:
    # Longest first, so "Mis à jour le" wins over "Mis à jour".
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


@cache
def _patterns() -> list[tuple[str, re.Pattern[str], re.Pattern[str], re.Pattern[str]]]:
    out = []
    for code in lang.LANGUAGES:
        s = lang.settings(code)
        # A person's name: capitalised words, possibly hyphenated or with particles.
        name = r"[A-ZÀ-Ý][\w'’.-]+(?:\s+(?:(?:de|du|des|van|von|da|di|le|la)\s+)?[A-ZÀ-Ý][\w'’.-]+){0,3}"
        joiners = _alternation([j for j in s["author_joiners"] if j != ","])
        byline = re.compile(
            rf"^(?:{_alternation(s['author_prefixes'])})\s+(?P<names>{name}(?:\s*(?:,|{joiners})\s+{name})*)\s*$"
        )
        published = re.compile(rf"(?:{_alternation(s['published_labels'])})\s*:?\s*", re.IGNORECASE)
        updated = re.compile(rf"(?:{_alternation(s['updated_labels'])})\s*:?\s*", re.IGNORECASE)
        out.append((code, byline, published, updated))
    return out


@cache
def byline_prefixes() -> tuple[str, ...]:
    """The words that start a byline ("Par", "By", "Auteur :"), in every language, longest first."""
    return tuple(sorted({p for code in lang.LANGUAGES for p in lang.settings(code)["author_prefixes"]},
                        key=len, reverse=True))


@cache
def byline_start() -> re.Pattern[str]:
    """Text that starts like a byline: a byline word, then a space or the end."""
    return re.compile(r"^\s*(" + "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in byline_prefixes()) + r")(\s|$)")


def parse_byline(line: str) -> str | None:
    """The author(s) of a byline line, or None if the line is not a byline."""
    for _code, byline, _p, _u in _patterns():
        m = byline.match(line)
        if m:
            # "By Jane Doe." ends a sentence; "J.R." or "Jr." end with initials or an abbreviation.
            return _SENTENCE_END.sub("", m.group("names").strip())
    return None


_SENTENCE_END = re.compile(r"(?<=\w{3})\.$")


def parse_date_line(line: str) -> DateLine | None:
    """Publication and update times from a "Publié le … Mis à jour le …" line.

    The two parts are often glued together by scrapers ("17:17Mis à jour"), so the
    update label is searched anywhere in the line, not after a space.
    """
    for code, _b, published_re, updated_re in _patterns():
        m = published_re.match(line)
        if not m:
            continue
        rest = line[m.end():]
        u = updated_re.search(rest)
        pub_text, upd_text = (rest[: u.start()], rest[u.end():]) if u else (rest, None)
        published = parse_datetime(pub_text, code)
        if published is None:
            continue
        updated = parse_datetime(upd_text, code) if upd_text else None
        return DateLine(published, updated)
    # A bare update line ("Mis à jour le …") without a publication part.
    for code, _b, _p, updated_re in _patterns():
        m = updated_re.match(line)
        if m:
            updated = parse_datetime(line[m.end():], code)
            if updated is not None:
                return DateLine(None, updated)
    return None


def parse_datetime(text: str, language: str, timezone: str | None = None) -> datetime | None:
    """A date (and time) in ``language``; naive results are placed in the language's zone."""
    text = text.strip().rstrip(".,;|-–")
    if not text or len(text) > 80 or not re.search(r"\d", text):
        return None
    import dateparser  # slow to import; only needed when a page has a date line

    value = dateparser.parse(
        text,
        languages=[language],
        settings={"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False, "STRICT_PARSING": False},
    )
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=ZoneInfo(timezone or lang.settings(language)["timezone"]))
    return value


def parse_iso_or_text(value: str, language: str | None = None) -> datetime | None:
    """A date given by a source (JSONL ``published``, a meta tag): ISO 8601 first, then free text."""
    value = value.strip()
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return parse_datetime(value, language or "en", timezone="UTC")
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=ZoneInfo(lang.settings(language)["timezone"] if language in lang.LANGUAGES else "UTC"))
    return parsed
