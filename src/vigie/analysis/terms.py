"""Items → terms, and one day's term counts.

A *term* is a folded word (lower case, no accents, elided article dropped: « l'Élysée » → ``elysee``)
that is not a stopword, or a pair of such words that follow each other in the same clause, stopwords
skipped (« punaises de lit » → ``punaises lit``, « attaque du Hamas » → ``attaque hamas``). Digits-only
tokens and one-letter tokens are dropped. The stopwords are language data
(``lang/<lang>/stopwords.txt``); by default the French and English lists are used together, since a
stream mixes languages and a French function word is never an English trend (nor the reverse).

A term counts once per item. A day's counts (:class:`DayCounts`) keep, for each term, the number of
items and the number of items per source, so a detector can count a term **once per source per day**
and divide by the day's number of active sources (see :meth:`DayCounts.coverage`): the feeds of this
kind of stream differ tenfold in volume (a feed keeping its last 100 items vs one keeping 20) and
change their mix over time, so raw item counts mostly measure which feeds were busy; the share of
active sources that carry a term measures how widely it is reported, which is what a trend is.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import cache

from vigie import lang
from vigie.textfold import strip_accents

# A clause ends at punctuation, quotes, brackets and spaced dashes; a pair of words never spans one.
_CLAUSE = re.compile(r"[.!?;:,«»\"“”()\[\]{}|…•/]+|\s[-–—]\s|\s[-–—]$|^[-–—]\s")
_ELISION = re.compile(r"\b(?:l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu|quoiqu)['’]", re.IGNORECASE)
_WORD = re.compile(r"\w+")

# Second-level labels under which a publisher's name is the third label (bbc.co.uk, abc.net.au).
_SECOND_LEVEL = frozenset({"co", "com", "org", "net", "gov", "ac", "edu", "gouv"})


@cache
def stopwords(langs: tuple[str, ...] = lang.LANGUAGES) -> frozenset[str]:
    """The folded stopwords of these languages (``lang/<lang>/stopwords.txt``)."""
    return frozenset(w for code in langs for w in lang.lines(code, "stopwords.txt"))


def words(text: str, stop: frozenset[str] | None = None) -> list[list[str]]:
    """The content words of ``text``, folded, one list per clause."""
    stop = stopwords() if stop is None else stop
    out = []
    for clause in _CLAUSE.split(text):
        clause = _ELISION.sub(" ", clause.replace("\u2019", "'"))
        tokens = [w for w in _WORD.findall(strip_accents(clause).casefold())
                  if len(w) > 1 and not w.isdigit() and w not in stop and "_" not in w]
        if tokens:
            out.append(tokens)
    return out


def terms_of(text: str, stop: frozenset[str] | None = None, bigrams: bool = True) -> set[str]:
    """The terms of one text: its content words and (with ``bigrams``) its pairs of adjacent content words."""
    out: set[str] = set()
    for clause in words(text, stop):
        out.update(clause)
        if bigrams:
            out.update(f"{a} {b}" for a, b in zip(clause, clause[1:]) if a != b)
    return out


def is_bigram(term: str) -> bool:
    return " " in term


def publisher(host: str) -> str:
    """A feed's host → its publisher: ``www.`` and sub-sites dropped (``madame.lefigaro.fr`` →
    ``lefigaro.fr``), so one newsroom counts as one source when we count sources."""
    host = host.lower().strip(".")
    labels = host.split(".")
    if len(labels) <= 2:
        return host
    if len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVEL:
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


@dataclass(frozen=True, slots=True)
class Item:
    """One news item as the detectors see it: an id to point back to, its source, and its text."""

    id: str
    source: str
    title: str
    summary: str = ""

    @property
    def text(self) -> str:
        return f"{self.title}\n{self.summary}" if self.summary else self.title


@dataclass(slots=True)
class TermDay:
    """One term on one day: its items (as rows of :attr:`DayCounts.ids`) and its items per source."""

    rows: list[int] = field(default_factory=list)
    by_source: dict[str, int] = field(default_factory=dict)

    @property
    def items(self) -> int:
        return len(self.rows)

    @property
    def sources(self) -> int:
        return len(self.by_source)


@dataclass(slots=True)
class DayCounts:
    """The terms of one day's items. ``ids`` and ``sources_of_rows`` list the day's items in arrival
    order; ``items_by_source`` counts every item, with or without terms."""

    day: date
    ids: list[str] = field(default_factory=list)
    sources_of_rows: list[str] = field(default_factory=list)
    items_by_source: dict[str, int] = field(default_factory=dict)
    terms: dict[str, TermDay] = field(default_factory=dict)

    @property
    def items(self) -> int:
        return len(self.ids)

    @property
    def active_sources(self) -> int:
        return len(self.items_by_source)

    def coverage(self, term: str) -> float:
        """The share of the day's active sources that carry ``term`` (0 when it is absent)."""
        td = self.terms.get(term)
        return td.sources / self.active_sources if td else 0.0

    def samples(self, term: str, n: int = 5) -> list[str]:
        """The ids of the first ``n`` items of the day that carry ``term``, one per source first."""
        td = self.terms.get(term)
        if td is None:
            return []
        first: dict[str, int] = {}
        rest: list[int] = []
        for row in td.rows:
            src = self.sources_of_rows[row]
            if src in first:
                rest.append(row)
            else:
                first[src] = row
        picked = (list(first.values()) + rest)[:n]
        return [self.ids[row] for row in picked]


def count_day(day: date, items: Iterable[Item], *, stop: frozenset[str] | None = None,
              bigrams: bool = True) -> DayCounts:
    """Count the terms of one day's items, each term once per item."""
    stop = stopwords() if stop is None else stop
    counts = DayCounts(day)
    ids, row_sources, per_source, terms = counts.ids, counts.sources_of_rows, counts.items_by_source, counts.terms
    for item in items:
        src = sys.intern(item.source)
        row = len(ids)
        ids.append(item.id)
        row_sources.append(src)
        per_source[src] = per_source.get(src, 0) + 1
        for term in terms_of(item.text, stop, bigrams):
            td = terms.get(term)
            if td is None:
                td = terms[term] = TermDay()
            td.rows.append(row)
            td.by_source[src] = td.by_source.get(src, 0) + 1
    return counts
