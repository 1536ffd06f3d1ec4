"""Time: temporal expressions found and normalised against the publication date.

``find_timexes(text, dct, language, doc)`` returns ``Timex`` records (``model.py``) with TIMEX3
types and values. How it works:

1. **Find** — a set of patterns built from the language's words (``lang/<lang>/time.json``:
   months, weekdays, number words, units, "dernier"/"prochain", parts of the day, holidays…) is
   run over the text; a match its handler turns down ("dix heures de négociation" is no clock
   time, "2000 soldats" no year, "Jean Burget, 87 ans," an age) leaves the place to the others;
   where the rest overlap, the longest wins ("le samedi 5 juin" over "samedi").
2. **Resolve**, in reading order, each match against
   - the document creation time (DCT: the publication date) for deictic expressions
     ("hier", "ce lundi", "la semaine dernière", "il y a trois jours"), with a news
     **past bias** read with the **tense** of the sentence (from the spaCy Doc, when given): a
     bare weekday is the last one, but the coming one in a sentence in the future or the present
     tense ("ont rendez-vous dimanche matin"); a bare month or season is the most recent one
     unless its sentence is in the future tense; a day and month without a year take the year
     that puts them closest to the DCT (the coming one in the future tense);
   - the **last date mentioned** for anaphoric ones ("l'année suivante", "le lendemain",
     "quatre ans plus tard", "ce même lundi"), whose ``anchor`` names that expression
     (``timex@START``); a clock time or a part of the day is on the last day mentioned in its
     paragraph ("dimanche après-midi. … vers 18 h 55"), else on the DCT.
3. **Combine** — a clock time and the day after it are one time ("4 h mardi"), the first end of
   a range of clock times takes the day of the second ("entre 0 h 30 et 4 h mardi"), a clock time
   with a frequency is a set ("tous les jours à 15 h").

Conventions (TimeML, and French TimeBank where it is principled): spans without prepositions
("vers 21 h 45" is "21 h 45", mod APPROX; "six ans après sa victoire" is "six ans"); each end of
a range is an expression ("du [19] au [23 juillet]"); ages are not durations; "par [an]" is a
set on the unit; "prochain"/"précédent" on an event and "d'[ici]" are vague references as the
corpus marks them; decades are ``196`` (TIMEX3's value for the 1960s, not the older ``196X``);
an offset in hours or minutes ("il y a 30 minutes") is a clock time when the DCT has its time of
day, else the DCT's day (a DATE), the only value a day can give.

Why not an off-the-shelf tagger: measured on French news, Duckling reads "ce lundi" as the
next Monday and dateparser finds "sa" (samedi) in running text; HeidelTime is Java. The
rules here are small and the words are data (see ``vigie eval timex``).
"""

from __future__ import annotations

import calendar
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from functools import cache
from typing import Any

from vigie.lang import time_words
from vigie.model import Timex

# start of a word: not after a letter, a digit or a hyphen; after an apostrophe only in an elision
# ("d'hier", "l'an", "jusqu'à présent"). Fixed-width lookbehinds, which the regex engine tries fast.
_B = r"(?<![\w-])(?<![^dDlLjJuU][’'])(?<!\w[dDlLjJ][’'])(?<![^qQ][uU][’'])"
_E = r"(?![\w-])"  # end of a word


# --- language data → regular expression pieces --------------------------------------------------


def _alt(words) -> str:
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True)) + ")"


@dataclass
class _Lexicon:
    lang: str
    data: dict[str, Any]

    def __getattr__(self, name: str) -> Any:
        try:
            return self.data[name]
        except KeyError as e:
            raise AttributeError(name) from e

    def number(self, text: str) -> float | None:
        t = " ".join(text.lower().split())
        if re.fullmatch(r"\d+(?:[.,]\d+)?", t):
            return float(t.replace(",", "."))
        if t in self.numbers:
            return self.numbers[t]
        for phrase, value in self.approx_numbers.items():
            if t == phrase or t == phrase.rsplit(" ", 1)[0]:
                return value
        return None


@cache
def _lexicon(lang: str) -> _Lexicon:
    return _Lexicon(lang, time_words(lang))


# --- points in time ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Point:
    """A resolved date at some granularity: day, week, month, season, quarter, year, decade, century."""

    gran: str
    day: date  # the first day of the period (for a season or quarter: its first month's first day)
    extra: str = ""  # season code (SU), quarter (Q1), part of day (TMO)

    @property
    def value(self) -> str:
        d = self.day
        if self.gran == "day":
            return d.isoformat() + self.extra
        if self.gran == "week":
            y, w, _ = d.isocalendar()
            return f"{y}-W{w:02d}" + self.extra
        if self.gran == "month":
            return f"{d.year:04d}-{d.month:02d}"
        if self.gran in ("season", "quarter", "half"):
            return f"{d.year:04d}-{self.extra}"
        if self.gran == "year":
            return f"{d.year:04d}"
        if self.gran == "decade":
            return f"{d.year // 10:03d}"
        if self.gran == "century":
            return f"{d.year // 100:02d}"
        return d.isoformat()


def _shift(p: _Point, n: int, unit: str) -> _Point | None:
    """``p`` moved by ``n`` units (D, W, M, Y, DE, CE), at the coarser of the two granularities."""
    d = p.day
    try:
        if unit == "D":
            return _Point("day", d + timedelta(days=n)) if p.gran == "day" else None
        if unit == "W":
            if p.gran in ("day", "week"):
                moved = d + timedelta(weeks=n)
                return _Point(p.gran, moved if p.gran == "day" else moved - timedelta(days=moved.weekday()))
            return None
        if unit == "M":
            if p.gran in ("day", "month"):
                months = d.year * 12 + d.month - 1 + n
                y, m = divmod(months, 12)
                if p.gran == "day":
                    return _Point("day", date(y, m + 1, min(d.day, calendar.monthrange(y, m + 1)[1])))
                return _Point("month", date(y, m + 1, 1))
            return None
        if unit == "Y":
            if p.gran in ("day", "month"):
                return _Point(p.gran, d.replace(year=d.year + n, day=min(d.day, 28) if d.month == 2 else d.day))
            return _Point("year", date(d.year + n, 1, 1))
        if unit == "DE":
            return _Point("decade", date((d.year // 10 + n) * 10, 1, 1))
        if unit == "CE":
            return _Point("century", date((d.year // 100 + n) * 100, 1, 1))
    except ValueError:
        return None
    return None


def _iso_duration(n: float | None, unit: str, compose: bool = True) -> str:
    """P3Y, PT2H, P10D, PXD (unknown amount); decades and centuries as P10Y/P100Y multiples; a
    fraction said in words in the next unit ("une heure et demie" PT1H30M), a decimal written with
    digits as it is ("3,5 ans" P3.5Y: ``compose`` False)."""
    if unit == "DE":
        unit, n = "Y", (n * 10 if n is not None else None)
    elif unit == "CE":
        unit, n = "Y", (n * 100 if n is not None else None)
    elif unit == "Q":
        unit, n = "M", (n * 3 if n is not None else None)
    elif unit == "HY":
        unit, n = "M", (n * 6 if n is not None else None)
    if compose and n is not None and not float(n).is_integer() and unit in _SMALLER:
        smaller, factor = _SMALLER[unit]  # "une heure et demie": PT1H30M; "un an et demi": P1Y6M
        whole, rest = int(n), round((n - int(n)) * factor, 6)
        if rest.is_integer():
            tail = _iso_duration(rest, smaller)
            if not whole:
                return tail
            head = _iso_duration(whole, unit)
            return head + (tail[2:] if tail.startswith("PT") and "T" in head else tail[1:])
    amount = "X" if n is None else (str(int(n)) if float(n).is_integer() else str(n))
    if unit in ("H", "S") or unit == "MIN":
        return f"PT{amount}{'M' if unit == 'MIN' else unit}"
    return f"P{amount}{unit}"


_SMALLER = {"Y": ("M", 12), "M": ("D", 30), "W": ("D", 7), "D": ("H", 24), "H": ("MIN", 60), "MIN": ("S", 60)}


# --- one match -----------------------------------------------------------------------------------


@dataclass(slots=True)
class _Match:
    start: int
    end: int
    rule: str
    groups: dict[str, str | None]
    priority: int
    spans: dict[str, tuple[int, int]] = field(default_factory=dict)  # where each group that matched is


@dataclass
class _Context:
    text: str
    dct: date | None
    lex: _Lexicon
    last: _Point | None = None  # the last date mentioned (for anaphora at the scale of days)
    last_start: int | None = None
    story: _Point | None = None  # the last date not read from the DCT: the narrative's time
    story_start: int | None = None
    future: Callable[[int], bool] = lambda start: False
    syntax: _Syntax | None = None
    now: datetime | None = None  # the DCT with its time of day, when it has one
    day: _Point | None = None  # the last day mentioned (for a clock time or a part of the day)
    day_start: int | None = None

    def tense(self, start: int) -> str | None:
        if self.syntax is not None:
            return self.syntax.tense(start)
        return "future" if self.future(start) else None

    def pos_before(self, start: int) -> str | None:
        return self.syntax.pos_before(start) if self.syntax is not None else None


def _anchor_for(ctx: _Context, unit: str) -> tuple[_Point, str] | None:
    """What an anaphoric expression counts from: at the scale of years or months, the
    narrative's last date (a deictic "ce lundi" in a reporting clause does not move it); at the
    scale of days, the last date mentioned; with neither, the DCT."""
    if unit in ("Y", "M", "DE", "CE", "Q", "H", "HY") and ctx.story is not None:
        return ctx.story, f"timex@{ctx.story_start}"
    if ctx.last is not None:
        return ctx.last, f"timex@{ctx.last_start}"
    if ctx.dct is not None:
        return _Point("day", ctx.dct), "dct"
    return None


def _dct(ctx: _Context) -> _Point | None:
    return _Point("day", ctx.dct) if ctx.dct else None


# --- the patterns --------------------------------------------------------------------------------


def _rules(lx: _Lexicon) -> list[tuple[str, str]]:
    """(name, regular expression) pairs; the handlers below are named after them."""
    M = _alt(lx.months)
    D = r"(?:1er|1re|premier|[12]\d|3[01]|0?[1-9])" if lx.lang == "fr" else r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
    Y = r"(?:1[6-9]\d\d|2[01]\d\d)"
    W = _alt(lx.weekdays)
    WP = _alt(lx.weekdays_plural)
    N = r"(?:\d+(?:[.,]\d+)?|" + _alt(list(lx.numbers) + [p.rsplit(" ", 1)[0] for p in lx.approx_numbers])[3:]
    U = _alt(lx.units)
    PART = _alt(lx.parts_of_day)
    PAST = _alt(lx.past_words)
    FUT = _alt(lx.future_words)
    FOLLOW = _alt(lx.following_words)
    PREV = _alt(lx.previous_words)
    AMOD = _alt(lx.amount_mods)
    VAGUEN = _alt(lx.vague_numbers)
    SEASON = _alt(lx.seasons)
    ORD = _alt(lx.ordinals)
    REL = _alt(lx.relative_days)
    VAGUE = _alt(lx.vague)
    SET = _alt(lx.set_words)
    HOURW = _alt([w for w, v in lx.numbers.items() if 2 <= v <= 24 and float(v).is_integer()])
    MINW = _alt([w for w, v in lx.numbers.items() if 1 <= v <= 59 and float(v).is_integer()])
    common = [
        ("iso_date", rf"(?P<y>{Y})-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])"),
        ("numeric_date", rf"(?P<d>0?[1-9]|[12]\d|3[01])[/.](?P<m>0?[1-9]|1[0-2])(?:[/.](?:(?P<y>{Y})|(?P<yy>\d\d)))?"),
        ("decade", rf"(?:(?P<mod>{_alt(lx.mods)})\s+(?:des\s+|of\s+the\s+)?)?(?:les\s+|the\s+)?(?:années|ann[ée]es)\s+(?:(?P<dec>(?:1\d|20)?\d0)|(?P<decw>{_alt(lx.decade_words)}))"
         if lx.lang == "fr" else rf"(?:(?P<mod>{_alt(lx.mods)})\s+)?(?:the\s+)?(?P<dec>(?:19|20)?\d0)'?s"),
        ("vague", rf"(?P<v>{VAGUE})"),
        # "le prochain mariage", "les prochaines échéances", "le recensement précédent": an adjective of order
        # in time on an event (read from the Doc: not "un précédent", "sans précédent")
        ("vague_adjective", rf"(?P<adj>{_alt(lx.vague_adjectives)})"),
        ("from_now", rf"(?<=d['’])(?P<ici>{_alt(lx.from_now)})(?=\s+(?:à\s+|au\s+)?(?:le|la|les|l['’]|\d|{N}|{M}|{REL}|fin|début|mi-))"
         if lx.from_now else r"(?!)"),
        ("ago", rf"il\s+y\s+a\s+(?:(?P<amod>{AMOD})\s+)?(?P<n>{N}|{VAGUEN})\s+(?P<u>{U})" if lx.lang == "fr"
         else rf"(?:(?P<amod>{AMOD})\s+)?(?P<n>{N}|{VAGUEN})\s+(?P<u>{U})\s+ago"),
        ("shifted", rf"(?:(?P<amod>{AMOD})\s+)?(?P<n>{N})\s+(?P<u>{U})\s+(?P<dir>{_alt(lx.later_words + lx.earlier_words)})"),
        ("ahead", rf"(?:dans|d['’]ici)\s+(?P<n>{N})\s+(?P<u>{U})" if lx.lang == "fr" else rf"in\s+(?P<n>{N})\s+(?P<u>{U})"),
        # "à 16 heures", "Il est vingt heures", "sept heures et demie", "huit heures moins le quart",
        # "9 heures du soir"; not "dix heures de négociation"
        ("clock_heures", rf"(?:(?P<cue>{_alt(lx.clock_cues)})\s+)?(?:(?P<approx>vers|environ|aux\s+alentours\s+de)\s+)?"
                         rf"(?P<h>[01]?\d|2[0-4]|{HOURW})\s+heures?"
                         rf"(?:\s+et\s+(?P<half>demie|quart)|\s+moins\s+(?:le\s+(?P<mq>quart)|(?P<mm>[0-5]?\d|{MINW})(?:\s+minutes?)?)"
                         rf"|(?:\s+et)?\s+(?P<mi>[0-5]?\d|{MINW})(?:\s+minutes?)?)?"
                         rf"(?:\s+(?P<pod>du\s+matin|du\s+soir|de\s+l['’]après-midi|de\s+la\s+nuit))?(?!\s+d['e’])"
         if lx.clock_cues else r"(?!)"),
        ("duration", rf"(?:(?P<amod>{AMOD})(?:\s+|(?<=['’])))?(?P<n>{N}|{VAGUEN})\s+(?:de\s+|d['’]|of\s+|(?P<demi>{_alt(lx.half_words)}-))?(?P<u>{U})"
                     rf"(?:\s+(?:et|and)\s+(?P<half>{_alt(lx.half_words)}))?"),
        ("whole_period", rf"(?P<whole>{_alt(lx.whole_periods)})"),
        # "à Noël", "la Toussaint", "Pâques 2018", "cette fête de Pentecôte"
        ("holiday", rf"(?:(?P<fete>(?:la\s+|cette\s+)?{_alt(lx.holiday_nouns)}\s+(?:de\s+la\s+|de\s+l['’]|de\s+|du\s+|d['’]))|(?:la|le|l['’])\s*)?"
                    rf"(?P<hol>{_alt(lx.holidays)})(?:\s+(?P<y>{Y}))?" if lx.holidays else r"(?!)"),
        ("recent_span", rf"(?:ces|les|(?P<des>des))\s+(?:(?P<n2>{N})\s+)?(?:derniers|dernières|prochains|prochaines)\s+(?:(?P<n>{N})\s+)?(?P<u>{U})"
                        rf"|(?:les|(?P<des2>des))\s+(?P<n3>{N})\s+(?P<u2>{U})\s+à\s+venir"
         if lx.lang == "fr" else rf"(?:the\s+)?(?:last|past|next|coming)\s+(?:(?P<n>{N})\s+)?(?P<u>{U})"),
        ("set", rf"(?P<set>{SET})\s+(?:(?P<n>{N})\s+)?(?:(?P<wd>{WP}|{W})|(?P<we>{_alt(lx.weekends)})|(?P<pod>{_alt(lx.parts_of_day_plural)})|(?P<u>{U}))"),
        # "0,7 % par an", "une fois par semaine": TimeBank marks the unit ("par [[an]]")
        ("per", rf"(?P<per>{_alt(lx.per_words)})\s+(?P<u>{U})"),
        # "les jeudis", "les deuxième et quatrième jeudis", "les week-ends"
        ("plural_days", rf"{_alt(lx.plural_articles)}\s+(?:{ORD}(?:\s*(?:,|et|and)\s*{ORD})*\s+)?(?:(?P<wd>{WP})|(?P<we>{_alt(lx.weekends)}))"),
        ("set_word", rf"(?P<sw>{_alt(lx.set_adverbs)})"),
        ("clock", r"(?:(?P<approx>vers|aux\s+alentours\s+de|around|about|at\s+about)\s+)?(?P<h>[01]?\d|2[0-3])\s?(?:h|H|:)\s?(?P<mi>[0-5]\d)?(?::(?P<sec>[0-5]\d))?"
                  r"(?:\s?(?P<ampm>[ap]\.?m\.?))?(?:\s+(?P<loc>locales?|heure\s+locale|GMT|UTC))?"),
        ("clock_words", r"(?:(?P<approx>vers|around)\s+)?(?P<noon>midi|minuit|noon|midnight)"),
        ("season", rf"(?:(?P<det>l['’]|cet|ce|this|the)\s*)?(?P<s>{SEASON})(?:\s+(?P<y>{Y})|\s+(?P<rel>{PAST}|{FUT}))?"),
        ("quarter", rf"(?:(?P<det>le|the)\s+)?(?P<ord>{ORD})\s+(?P<q>trimestre|semestre|quarter|half)(?:\s+(?:de\s+|of\s+)?(?P<y>{Y}))?"),
        ("century", r"(?:(?P<det>le|the)\s+)?(?P<c>[XVI]{1,5}|\d{1,2})(?:e|ème|è|th|st|nd|rd)\s+(?:siècle|century)"),
    ]
    if lx.lang == "fr":
        return common + [
            ("full_date", rf"(?:(?P<art>le|ce)\s+)?(?:(?P<wd>{W})\s+)?(?P<d>{D})\s+(?P<m>{M})(?:\s+(?P<y>{Y}))?"
                          rf"(?:\s+(?P<rel>{PAST}|{FUT}))?(?:\s+(?:au\s+|dans\s+la\s+|en\s+)?(?P<part>{PART}))?"),
            # ranges: each end is an expression ("du [[19]] au [[23 juillet]]", "de [[8]] à [[24 mois]]")
            ("day_range", rf"(?:du|de|entre\s+le)\s+(?P<d>(?:{W}\s+)?{D})\s+(?:au|à|et)\s+(?P<d2>(?:le\s+)?(?:{W}\s+)?{D})\s+(?P<m>{M})(?:\s+(?P<y>{Y}))?"),
            ("month_pair", rf"(?P<m>{M})\s?[-–/]\s?(?P<m2>{M})"),
            ("year_pair", rf"(?P<y>{Y})\s?[-–/]\s?(?P<y2>{Y})"),
            ("amount_range", rf"(?:de|entre)\s+(?P<n>{N})\s+(?:à|et)\s+(?P<n2>{N})\s+(?P<u>{U})"),
            # "la première semaine de 2015", "la dernière semaine de juillet", "la 3e semaine de janvier 2018"
            ("nth_week", rf"(?:la\s+)?(?P<ord>{ORD}|{_alt(lx.last_words)})\s+semaine\s+(?:de\s+|d['’])(?:(?P<m>{M})(?:\s+(?P<y>{Y}))?|(?P<y2>{Y}))"),
            ("night_of", rf"(?P<det>la)\s+(?P<part>nuit)\s+(?:de|du)\s+(?:(?P<wd>{W})\s+(?:à|au)\s+{W}"
                         rf"|(?:{W}\s+)?(?P<d>{D})\s+(?:à|au)\s+(?:{W}\s+)?{D}\s+(?P<m>{M})(?:\s+(?P<y>{Y}))?)"),
            ("month_year", rf"(?:(?P<mod>début|fin|courant)\s+|(?P<mi>mi-))?(?P<m>{M})\s+(?:(?P<y>{Y})|(?P<yy>\d\d)(?=\s*(?:[,.;:)!?»]|$)))"),
            ("mod_year", rf"(?:(?P<mod>début|fin|courant)\s+|(?P<mi>mi-))(?P<y>{Y})"),
            ("month", rf"(?:(?P<mod>début|fin|courant)\s+|(?P<mi>mi-))?(?P<m>{M})(?:\s+(?P<rel>{PAST}|{FUT}))?"),
            ("year", rf"(?:(?P<lan>l['’]an)\s+)?(?P<y>{Y})"),
            ("weekday", rf"(?:(?P<art>ce|le)\s+)?(?P<same>même\s+)?(?P<wd>{W})(?:\s+(?P<part>{PART}))?(?:\s+(?P<rel>{PAST}|{FUT}))?"),
            # "hier soir", "hier en début d'après-midi", "demain mardi" (the weekday says nothing more)
            ("relative_day", rf"(?P<rd>{REL})(?:,?\s+{W})?(?:\s+(?:en\s+(?P<mod>début|fin)\s+d['’]|dans\s+l['’]|au\s+|en\s+)?(?P<part>{PART}))?"),
            ("part_of_day", rf"(?:(?P<det>ce|cet|cette|la|le|l['’])\s*(?:même\s+)?|(?P<mod>début|fin|milieu)\s+(?:de\s+|d['’]))"
                            rf"(?P<part>{PART})(?:\s+même)?"),
            # "l'année dernière", "ce mois-ci", "la fin de l'année dernière", "le début du mois prochain"
            ("relative_period", rf"(?:(?:la|le)\s+)?(?:(?P<mod>début|fin|milieu)\s+(?:de\s+|d['’]|(?P<du>du)\s+))?"
                                rf"(?:(?<=du\s)|(?P<det>la|cette|le|ce|l['’]|cet)\s*)(?P<unit>semaine|mois|année|an|week-end|trimestre|semestre)"
                                rf"(?:-ci)?(?:\s+(?P<rel>{PAST}|{FUT}|{FOLLOW}|{PREV})|(?<=année)\s+(?P<y>{Y}))?"),
            ("neighbour_day", r"(?P<w>le\s+lendemain|la\s+veille|le\s+jour\s+même|l['’]avant-veille|le\s+surlendemain)"
                              rf"(?:\s+(?P<part>{PART}))?"),
        ]
    return common + [
        ("full_date", rf"(?:(?:on\s+)?(?P<wd>{W}),?\s+)?(?:(?P<m>{M})\s+(?P<d>{D})|(?P<d2>{D})\s+(?:of\s+)?(?P<m2>{M}))(?:,?\s+(?P<y>{Y}))?"),
        ("month_year", rf"(?:(?P<mod>early|late|mid)-?\s*)?(?P<m>{M}),?\s+(?P<y>{Y})"),
        ("mod_year", rf"(?P<mod>early|late|mid)-?\s*(?P<y>{Y})"),
        ("month", rf"(?:(?P<mod>early|late|mid)-?\s*)?(?:(?P<rel>{PAST}|{FUT})\s+)?(?P<m>{M})"),
        ("year", rf"(?P<y>{Y})"),
        ("weekday", rf"(?:(?P<rel>{PAST}|{FUT}|this)\s+)?(?P<wd>{W})(?:\s+(?P<part>{PART}))?"),
        ("relative_day", rf"(?P<rd>{REL})(?:\s+(?P<part>{PART}))?|(?P<tonight>tonight)|(?P<thisp>this)\s+(?P<part2>{PART})"),
        ("relative_period", rf"(?P<rel>{PAST}|{FUT}|this|the\s+following|the\s+previous)\s+(?P<unit>week|month|year|weekend|quarter)"),
        ("neighbour_day", r"(?P<w>the\s+next\s+day|the\s+following\s+day|the\s+day\s+before|the\s+same\s+day)"),
        ("clock", r"(?:(?P<approx>around|about|at\s+about)\s+)?(?P<h>1[0-2]|0?[1-9])(?::(?P<mi>[0-5]\d))?\s?(?P<ampm>[ap]\.m\.|[ap]m)"),
    ]


@cache
def _compiled(lang: str) -> list[tuple[str, re.Pattern[str], int]]:
    lx = _lexicon(lang)
    out = []
    for priority, (name, pattern) in enumerate(_rules(lx)):
        out.append((name, re.compile(_B + "(?:" + pattern + ")" + _E, re.IGNORECASE), priority))
    return out


# --- entry point ---------------------------------------------------------------------------------


def find_timexes(text: str, dct: datetime | date | None, language: str | None = "fr", doc=None) -> list[Timex]:
    """The temporal expressions of ``text``, normalised against ``dct`` (the publication date)."""
    lang = language if language in ("fr", "en") else "fr"
    lx = _lexicon(lang)
    day = dct.date() if isinstance(dct, datetime) else dct
    syntax = _Syntax(doc, lang) if doc is not None else None

    def context() -> _Context:
        return _Context(text, day, lx, future=(lambda s: syntax.tense(s) == "future") if syntax else (lambda s: False),
                        syntax=syntax, now=dct if isinstance(dct, datetime) else None)

    scratch = context()
    matches = _longest([m for m in _find(text, lang) if _reads(m, scratch)])
    ctx = context()
    out: list[Timex] = []
    for m in matches:
        try:
            found = _HANDLERS[m.rule](m, ctx)
        except (ValueError, OverflowError):  # "31 février", a year 0
            found = None
        if found is None:
            continue
        for s, e, result in found if isinstance(found, list) else [(m.start, m.end, found)]:
            ttype, value, anchor, mod, point = result
            start, end = _trim(text, s, e)
            out.append(Timex(start, end, text[start:end], ttype, value, anchor, mod))
            if point is not None and ttype in ("DATE", "TIME") and point.gran != "century":
                ctx.last, ctx.last_start = point, start
                if anchor != "dct":  # "en 2014 … a justifié ce lundi … quatre ans plus tard": 2018
                    ctx.story, ctx.story_start = point, start
                if point.gran == "day":
                    ctx.day, ctx.day_start = point, start
    return _combine(text, out, lx)


_CLOCK = re.compile(r"T\d\d:\d\d(?::\d\d)?$")
_DAY = re.compile(r"\d{4}-\d\d-\d\d(?:T(?:MO|AF|EV|NI|DT))?$")


def _combine(text: str, out: list[Timex], lx: _Lexicon) -> list[Timex]:
    """Expressions read together:

    - a clock time and the day after it are one time: "4 h mardi", "15 h 30, hier", "9 h le mardi";
    - a clock time in a range takes the day of the other end: "entre 0 h 30 et 4 h mardi";
    - a clock time and a frequency are one set: "tous les jours à 15 h", "16 heures chaque lundi"."""
    combined: list[Timex] = []
    dated: set[int] = set()  # clock times with their day after them
    for t in out:
        prev = combined[-1] if combined else None
        between = text[prev.end : t.start] if prev else ""
        clock = _CLOCK.search(prev.value or "") if prev else None
        if prev and clock and prev.type == "TIME" and t.value and _DAY.match(t.value) and re.fullmatch(r",?\s+", between) \
                and (_trailing_day(lx.lang).match(text, prev.end) or re.match(r"(?:le\s+)?\d", t.text)):
            combined[-1] = Timex(prev.start, t.end, text[prev.start : t.end], "TIME", t.value[:10] + clock.group(),
                                 t.anchor, prev.mod)
            dated.add(prev.start)
            continue
        if prev and t.type == "SET" and clock and prev.type == "TIME" and re.fullmatch(r"\s+", between):
            combined[-1] = _set_at(text, t, prev, clock.group(), prev.start, t.end)
            continue
        if prev and prev.type == "SET" and t.type == "TIME" and _CLOCK.search(t.value or "") \
                and re.fullmatch(rf"\s+{_alt(lx.clock_cues)}\s+", between, re.IGNORECASE):
            combined[-1] = _set_at(text, prev, t, _CLOCK.search(t.value).group(), prev.start, t.end)
            continue
        combined.append(t)
    for i in range(len(combined) - 1):  # ranges of clock times: the first takes the day of the second
        a, b = combined[i], combined[i + 1]
        if a.type == b.type == "TIME" and a.value and b.value and _CLOCK.search(a.value) and _CLOCK.search(b.value) \
                and a.value[:10] != b.value[:10] and re.fullmatch(r"\s*(?:et|à|au|-|and|to)\s*", text[a.end : b.start]) \
                and b.start in dated and re.search(r"(?:entre|de|du|between|from)\s*$", text[max(0, a.start - 10) : a.start]):
            combined[i] = replace(a, value=b.value[:10] + _CLOCK.search(a.value).group(), anchor=b.anchor)
    return combined


def _set_at(text: str, s: Timex, t: Timex, clock: str, start: int, end: int) -> Timex:
    """A set ("tous les jours", "chaque lundi") at a clock time: XXXX-XX-XXT15:00, XXXX-WXX-1T16:00."""
    value = re.sub(r"T[A-Z]{2}$", "", s.value or "")  # "tous les soirs à 19 h 13": the clock time says when
    if value == "P1D":
        value = "XXXX-XX-XX"
    if not value.startswith("XXXX"):
        return s
    return Timex(start, end, text[start:end], "SET", value + clock, None, s.mod)


def _reads(m: _Match, ctx: _Context) -> bool:
    """Whether a match is a time expression at all (its handler does not turn it down: "dix heures de
    négociation" is not a clock time, "2000 soldats" not a year), so that a longer match turned down
    leaves the place to a shorter one. Whether it is does not depend on what came before. An
    impossible date ("le 31 février") is one, and stays unresolved rather than read as "février"."""
    start, end = m.start, m.end
    try:
        return _HANDLERS[m.rule](m, ctx) is not None
    except (ValueError, OverflowError):
        return True
    finally:
        m.start, m.end = start, end


def _find(text: str, lang: str) -> list[_Match]:
    found = []
    for name, pattern, priority in _compiled(lang):
        for m in pattern.finditer(text):
            if m.end() > m.start():
                groups = m.groupdict()
                spans = {k: m.span(k) for k, v in groups.items() if v is not None}
                found.append(_Match(m.start(), m.end(), name, groups, priority, spans))
    return found


def _longest(matches: list[_Match]) -> list[_Match]:
    """Overlapping matches: the longest first, then the rule listed first."""
    kept: list[_Match] = []
    for m in sorted(matches, key=lambda m: (-(m.end - m.start), m.priority, m.start)):
        if all(m.end <= k.start or k.end <= m.start for k in kept):
            kept.append(m)
    return sorted(kept, key=lambda m: m.start)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while end > start and text[end - 1] in " ,;":
        end -= 1
    return start, end


class _Syntax:
    """What the spaCy Doc(s) tell that patterns cannot: the tense of a sentence and the part of
    speech of a token, looked up (and cached) only where a match asks. ``doc`` is one Doc of the
    whole text, or (offset, Doc) pairs, one per block."""

    def __init__(self, doc, lang: str):
        self.lang = lang
        self.pieces = sorted(doc if isinstance(doc, list) else [(0, doc)], key=lambda p: p[0])
        self._offsets = [o for o, _ in self.pieces]
        self._starts: dict[int, list[int]] = {}
        self._tenses: dict[tuple[int, int], str | None] = {}

    def _locate(self, start: int, before: bool = False):
        """(piece index, Doc, token index) of the token at ``start`` (or just before it)."""
        k = bisect_right(self._offsets, start) - 1
        if k < 0:
            return None
        offset, d = self.pieces[k]
        if k not in self._starts:
            self._starts[k] = [t.idx for t in d]
        starts = self._starts[k]
        i = (bisect_left(starts, start - offset) if before else bisect_right(starts, start - offset)) - 1
        return (k, d, i) if 0 <= i < len(d) else None

    def tense(self, start: int) -> str | None:
        """"future", "past", "present" or None (no finite verb) for the sentence at ``start``."""
        found = self._locate(start)
        if found is None:
            return None
        k, d, i = found
        for line in _lines(d[i].sent):  # a sentence does not go on across a paragraph break
            if line[0].i <= i <= line[-1].i:
                key = (k, line[0].i)
                if key not in self._tenses:
                    self._tenses[key] = _sentence_tense(line, self.lang)
                return self._tenses[key]
        return None

    def pos_before(self, start: int) -> str | None:
        """The part of speech of the token just before ``start``."""
        found = self._locate(start, before=True)
        return found[1][found[2]].pos_ if found else None


def _lines(sent) -> list[list]:
    """A spaCy sentence's tokens, cut where the text has a line break."""
    lines: list[list] = [[]]
    for t in sent:
        if t.is_space and "\n" in t.text:
            lines.append([])
            continue
        lines[-1].append(t)
        if "\n" in t.whitespace_:
            lines.append([])
    return [line for line in lines if line]


def _sentence_tense(sent, lang: str) -> str | None:
    """A sentence's tense, for the direction of a bare weekday: "future" (a verb in the future tense,
    or "aller" + infinitive), "past" (a compound past, an imperfect, a simple past, a participle on
    its own: "réélu dimanche"), "present" (finite verbs in the present only: "ont rendez-vous
    dimanche", "soit rendu public lundi"), None (no verb: a title). ``sent``: its tokens."""
    doc = sent[0].doc
    past = present = False
    for t in sent:
        tense, form = t.morph.get("Tense"), t.morph.get("VerbForm")
        if "Fut" in tense or (t.lemma_ in ("aller", "will") and t.i + 1 < len(doc) and "Inf" in doc[t.i + 1].morph.get("VerbForm")):
            return "future"
        if lang == "en" and t.lower_ in ("will", "'ll", "shall"):
            return "future"
        if t.pos_ not in ("VERB", "AUX"):
            continue
        if "Fin" in form and ("Imp" in tense or "Past" in tense):
            past = True
        elif "Part" in form and "Past" in tense:
            auxes = [c.dep_ for c in t.children if c.dep_.startswith("aux")]
            past = past or not auxes or "aux:tense" in auxes  # not a passive in the present ("soit rendu")
        elif "Fin" in form and "Pres" in tense:
            present = True
    return "past" if past else "present" if present else None


# --- handlers: (type, value, anchor, mod, point) -------------------------------------------------

_Result = tuple[str, str | None, str | None, str | None, "_Point | None"]


def _word_before(ctx: _Context, start: int) -> str:
    before = ctx.text[max(0, start - 20) : start].replace("’", "'").lower()
    words = re.findall(r"[\w']+|\(", before)
    return words[-1] if words else ""


def _month(lx: _Lexicon, word: str | None) -> int | None:
    return lx.months.get((word or "").lower().rstrip()) if word else None


def _day_number(word: str) -> int:
    w = word.lower()
    if w in ("1er", "1re", "premier"):
        return 1
    return int(re.match(r"\d+", w).group())


def _year(value: str | None) -> int | None:
    return int(value) if value else None


def _iso_date(m: _Match, ctx: _Context) -> _Result:
    g = m.groups
    p = _Point("day", date(int(g["y"]), int(g["m"]), int(g["d"])))
    return "DATE", p.value, None, None, p


def _numeric_date(m: _Match, ctx: _Context) -> _Result | None:
    """"18/10/2021", "15.05.99" (a year in two digits: the century that does not put it more than
    ten years after the DCT), "le 22/04" (without a year: after "le", "du", "au" only, in French)."""
    g = m.groups
    if g.get("y"):
        return _iso_date(m, ctx)
    if ctx.lex.lang != "fr" or (not g.get("yy") and _word_before(ctx, m.start) not in ("le", "du", "au", "jusqu'au")):
        return None  # "3/4", "10.5": a fraction, a number
    month, day = int(g["m"]), int(g["d"])
    if g.get("yy"):
        year = _two_digit_year(ctx, int(g["yy"]))
        anchor = None
    else:
        year, anchor = _closest_year(ctx, month, day, m.start, None)
        if not year:
            return "DATE", None, None, None, None
    p = _Point("day", date(year, month, day))
    return "DATE", p.value, anchor, None, p


def _two_digit_year(ctx: _Context, yy: int) -> int:
    """"mai 68", "juillet 98", "15.05.99": 19yy or 20yy, whichever is not more than ten years after the DCT."""
    now = ctx.dct.year if ctx.dct else date.today().year
    year = now // 100 * 100 + yy
    return year - 100 if year > now + 10 else year


def _closest_year(ctx: _Context, month: int, day: int | None, start: int, rel: str | None) -> tuple[int, str | None]:
    """A day and month without a year: the year that puts it closest to the DCT, or the
    direction "dernier"/"prochain" or the future tense says."""
    if ctx.dct is None:
        return 0, None
    y = ctx.dct.year
    candidates = []
    for year in (y - 1, y, y + 1):
        try:
            candidates.append((date(year, month, day or 1), year))
        except ValueError:
            continue
    if not candidates:
        raise ValueError("no such day")
    lx = ctx.lex
    if rel and rel.lower() in lx.past_words:
        past = [c for c in candidates if c[0] < ctx.dct]
        return max(past)[1], "dct"
    if rel and rel.lower() in lx.future_words:
        future = [c for c in candidates if c[0] > ctx.dct]
        return min(future)[1], "dct"
    if ctx.tense(start) == "future":  # "Je vais rentrer le 29 mai", written in November: next May
        return min(c for c in candidates if c[0] >= ctx.dct)[1], "dct"
    best = min(candidates, key=lambda c: abs((c[0] - ctx.dct).days))
    return best[1], "dct"


def _part_suffix(lx: _Lexicon, part: str | None) -> str:
    if not part:
        return ""
    code = lx.parts_of_day.get(" ".join(part.lower().split()))
    return ("T" + code if not code.startswith("T") else code) if code else ""


def _full_date(m: _Match, ctx: _Context) -> _Result | None:
    g = m.groups
    lx = ctx.lex
    month = _month(lx, g.get("m") or g.get("m2"))
    day = _day_number(g.get("d") or g.get("d2"))
    year, anchor = (_year(g["y"]), None) if g.get("y") else _closest_year(ctx, month, day, m.start, g.get("rel"))
    if not year:
        return "DATE", None, None, None, None
    p = _Point("day", date(year, month, day))
    suffix = _part_suffix(lx, g.get("part"))
    if suffix:
        return "TIME", p.value + suffix, anchor, None, p
    return "DATE", p.value, anchor, None, p


def _mod_of(lx: _Lexicon, g: dict) -> str | None:
    if g.get("mi"):
        return "MID"
    word = (g.get("mod") or "").lower()
    return lx.mods.get(word) if word else None


def _month_year(m: _Match, ctx: _Context) -> _Result:
    g = m.groups
    year = int(g["y"]) if g.get("y") else _two_digit_year(ctx, int(g["yy"]))
    p = _Point("month", date(year, _month(ctx.lex, g["m"]), 1))
    return "DATE", p.value, None, _mod_of(ctx.lex, g), p


def _mod_year(m: _Match, ctx: _Context) -> _Result:
    g = m.groups
    p = _Point("year", date(int(g["y"]), 1, 1))
    return "DATE", p.value, None, _mod_of(ctx.lex, g), p


def _month_alone(m: _Match, ctx: _Context) -> _Result | None:
    g = m.groups
    word = g["m"]
    lx = ctx.lex
    if word.lower() not in lx.bare_month_ok or (word[0].isupper() and not g.get("mod") and not g.get("mi")
                                                and ctx.lex.lang == "fr" and _word_before(ctx, m.start) not in ("en", "de", "d'", "depuis", "dès", "fin", "début", "mi")):
        return None  # "Mars" the planet, "May" the verb
    if lx.lang == "en" and word.lower() in ("may", "march") and not g.get("rel"):
        return None
    month = _month(lx, word)
    if ctx.dct is None:
        return "DATE", None, None, _mod_of(lx, g), None
    rel = (g.get("rel") or "").lower()
    year = ctx.dct.year
    if rel in lx.future_words or (not rel and ctx.future(m.start)):
        year += 1 if month <= ctx.dct.month and not (month == ctx.dct.month and not rel) else 0
    elif rel in lx.past_words:
        year -= 1 if month >= ctx.dct.month else 0
    elif month > ctx.dct.month:
        year -= 1  # past bias: "en juin", written in October, is last June
    p = _Point("month", date(year, month, 1))
    return "DATE", p.value, "dct", _mod_of(lx, g), p


def _year_alone(m: _Match, ctx: _Context) -> _Result | None:
    g = m.groups
    before = _word_before(ctx, m.start)
    after = ctx.text[m.end : m.end + 2]
    if not g.get("lan") and before not in ctx.lex.year_cues and not (before.isdigit() and len(before) == 4) \
            and not after.startswith(")") and not _year_after_noun(m, ctx, before):
        return None  # "2000 soldats", "le numéro 2021": a year only after a cue ("en 2014", "depuis 2001")
    p = _Point("year", date(int(g["y"]), 1, 1))
    return "DATE", p.value, None, None, p


def _year_after_noun(m: _Match, ctx: _Context, before: str) -> bool:
    """A year that names the edition of a thing: "le bilan 2001 de la délinquance", "budget
    supplémentaire 2002,", "le Championnat du monde 2003," — after a noun or an adjective (from the
    Doc), not a noun that numbers things ("le numéro 2021", "la route 1960"), and before a
    punctuation mark or "de", not before a noun ("1 500 soldats")."""
    if before in ctx.lex.number_nouns or not re.match(r"\s*(?:[,.;:!?)»/]|$)|\s+(?:de|du|des|d['’]|of)\s", ctx.text[m.end : m.end + 5]):
        return False
    return ctx.pos_before(m.start) in ("NOUN", "ADJ")


def _decade(m: _Match, ctx: _Context) -> _Result:
    g = m.groups
    dec = g.get("dec") or str(ctx.lex.decade_words[" ".join(g["decw"].lower().split())])  # "les années soixante"
    year = int(dec) if len(dec) == 4 else 1900 + int(dec) if int(dec) >= 20 else 2000 + int(dec)
    p = _Point("decade", date(year, 1, 1))
    return "DATE", p.value, None, _mod_of(ctx.lex, g), p


_ROMAN = {"I": 1, "V": 5, "X": 10}


def _century(m: _Match, ctx: _Context) -> _Result | None:
    c = m.groups["c"].upper()
    if c.isdigit():
        n = int(c)
    else:
        n, prev = 0, 0
        for ch in reversed(c):
            v = _ROMAN[ch]
            n, prev = (n - v, prev) if v < prev else (n + v, v)
    if not 1 <= n <= 30:
        return None
    return "DATE", f"{n - 1:02d}", None, None, _Point("century", date((n - 1) * 100 or 1, 1, 1))


def _sub(m: _Match, rule: str, groups: dict[str, str | None], start: int, end: int) -> _Match:
    """A piece of a match read as a match of another rule: an end of a range."""
    spans = {k: v for k, v in m.spans.items() if start <= v[0] and v[1] <= end}
    return _Match(start, end, rule, groups, m.priority, spans)


def _each_end(m: _Match, ctx: _Context, ends: list[tuple[_Match, Callable[[_Match, _Context], _Result | None]]]):
    """The results of the ends of a range, with their spans; None unless each end reads."""
    out = []
    for sub, handler in ends:
        found = handler(sub, ctx)
        if found is None:
            return None
        out.append((sub.start, sub.end, found))
    return out


def _day_range(m: _Match, ctx: _Context):
    """"du 19 au 23 juillet", "la nuit de dimanche 14 à lundi 15 octobre": the first day takes the
    month (and year) of the second."""
    g = m.groups
    first = _sub(m, "full_date", {"d": g["d"].split()[-1], "m": g["m"], "y": g.get("y")}, *m.spans["d"])
    second = _sub(m, "full_date", {"d": g["d2"].split()[-1], "m": g["m"], "y": g.get("y")}, m.spans["d2"][0], m.end)
    return _each_end(m, ctx, [(first, _full_date), (second, _full_date)])


def _month_pair(m: _Match, ctx: _Context):
    """"le recensement de mars-avril": two months."""
    g = m.groups
    first = _sub(m, "month", {"m": g["m"]}, *m.spans["m"])
    second = _sub(m, "month", {"m": g["m2"]}, *m.spans["m2"])
    return _each_end(m, ctx, [(first, _month_alone), (second, _month_alone)])


def _year_pair(m: _Match, ctx: _Context):
    """"la période 1982-1990", "la saison 2002/2003": two years (the second after the first)."""
    g = m.groups
    if not 0 < int(g["y2"]) - int(g["y"]) <= 100:
        return None
    out = []
    for key in ("y", "y2"):
        p = _Point("year", date(int(g[key]), 1, 1))
        out.append((*m.spans[key], ("DATE", p.value, None, None, p)))
    return out


def _amount_range(m: _Match, ctx: _Context):
    """"de 8 à 24 mois": two spans of time ("8" takes the unit of "24 mois"); not an age range."""
    g = m.groups
    first = _sub(m, "duration", {"n": g["n"], "u": g["u"]}, *m.spans["n"])
    second = _sub(m, "duration", {"n": g["n2"], "u": g["u"]}, m.spans["n2"][0], m.end)
    found = _each_end(m, ctx, [(second, _duration)])
    if found is None:
        return None
    unit = _unit(ctx.lex, g["u"])
    n = _amount(ctx.lex, g["n"])
    return [(first.start, first.end, ("DURATION", _iso_duration(n, unit), None, None, None)), *found] if n else found


def _nth_week(m: _Match, ctx: _Context) -> _Result | None:
    """The Nth (or last) week of a year or a month, as ISO weeks count them: a week belongs to the
    month and year of its Thursday ("la dernière semaine de 2019": 2019-W52)."""
    g = m.groups
    lx = ctx.lex
    word = g["ord"].lower()
    last = word in lx.last_words
    n = None if last else lx.ordinals.get(word)
    if not last and not n:
        return None
    if g.get("y2"):
        year = int(g["y2"])
        week = date(year, 12, 28).isocalendar()[1] if last else n
        if week > date(year, 12, 28).isocalendar()[1]:
            return None
        thursday = date.fromisocalendar(year, week, 4)
    else:
        if g.get("y"):
            year, month = int(g["y"]), _month(lx, g["m"])
        else:
            found = _month_alone(_sub(m, "month", {"m": g["m"]}, *m.spans["m"]), ctx)
            if found is None or found[4] is None:
                return "DATE", None, None, None, None
            year, month = found[4].day.year, found[4].day.month
        first = date(year, month, 1) + timedelta(days=(3 - date(year, month, 1).weekday()) % 7)
        thursdays = [first + timedelta(weeks=k) for k in range(5) if (first + timedelta(weeks=k)).month == month]
        if not last and n > len(thursdays):
            return None
        thursday = thursdays[-1] if last else thursdays[n - 1]
    p = _Point("week", thursday - timedelta(days=3))
    return "DATE", p.value, None if g.get("y") or g.get("y2") else "dct", None, p


def _night_of(m: _Match, ctx: _Context) -> _Result | None:
    """"la nuit de lundi à mardi", "la nuit du 18 au 19 mai": the night that starts on the first day."""
    g = m.groups
    if g.get("wd"):
        return _weekday(_sub(m, "weekday", {"wd": g["wd"], "part": g["part"]}, m.start, m.end), ctx)
    return _full_date(_sub(m, "full_date", {"d": g["d"], "m": g["m"], "y": g.get("y"), "part": g["part"]}, m.start, m.end), ctx)


def _weekday(m: _Match, ctx: _Context) -> _Result | None:
    g = m.groups
    lx = ctx.lex
    wd = lx.weekdays[g["wd"].lower()]
    if g["wd"].istitle() and "wd" in m.spans and re.match(r"\s+[^\W\d_a-zà-ÿ]", ctx.text[m.spans["wd"][1] : m.spans["wd"][1] + 3]):
        return None  # "l'accord du Vendredi Saint", "Mardi Gras": a name
    if ctx.dct is None:
        return "DATE", None, None, None, None
    rel = (g.get("rel") or "").lower()
    art = (g.get("art") or "").lower()
    dct = ctx.dct
    this_week = dct - timedelta(days=dct.weekday()) + timedelta(days=wd - 1)
    if rel in lx.past_words:
        d = this_week if this_week < dct else this_week - timedelta(weeks=1)
    elif rel in lx.future_words:
        d = this_week if this_week > dct else this_week + timedelta(weeks=1)
    elif g.get("same") and ctx.day is not None and ctx.day.day.isoweekday() == wd:
        d = ctx.day.day  # "lundi 6 septembre … ce même lundi"
    elif art == "ce" or rel == "this":
        d = this_week  # "ce lundi": the Monday of the publication week
    elif _word_before(ctx, m.start) not in lx.since_words and ctx.tense(m.start) in ("future", "present"):
        # "ont rendez-vous dimanche matin", "sera installé mardi": the coming one (or today)
        d = this_week if this_week >= dct else this_week + timedelta(weeks=1)
    else:
        d = this_week if this_week <= dct else this_week - timedelta(weeks=1)
    p = _Point("day", d)
    suffix = _part_suffix(lx, g.get("part"))
    return ("TIME" if suffix else "DATE"), p.value + suffix, "dct", None, p


def _relative_day(m: _Match, ctx: _Context) -> _Result | None:
    g = m.groups
    lx = ctx.lex
    if ctx.dct is None:
        return "DATE", None, None, None, None
    if g.get("tonight"):
        p = _Point("day", ctx.dct)
        return "TIME", p.value + "TNI", "dct", None, p
    if g.get("thisp"):
        p = _Point("day", ctx.dct)
        return "TIME", p.value + _part_suffix(lx, g.get("part2")), "dct", None, p
    shift = lx.relative_days[" ".join(g["rd"].lower().replace("’", "'").split())]
    p = _Point("day", ctx.dct + timedelta(days=shift))
    suffix = _part_suffix(lx, g.get("part"))
    mod = lx.mods.get((g.get("mod") or "").lower())
    return ("TIME" if suffix else "DATE"), p.value + suffix, "dct", mod, p


def _part_of_day(m: _Match, ctx: _Context) -> _Result | None:
    g = m.groups
    found = _day_of(ctx, m.start)  # "dimanche après-midi … Jusqu'à tard dans la nuit"
    if found is None:
        return "TIME", None, None, None, None
    base, anchor = found
    p = _Point("day", base.day)
    mod = ctx.lex.mods.get((g.get("mod") or "").lower())  # "en fin d'après-midi"
    return "TIME", p.value + _part_suffix(ctx.lex, g["part"]), anchor, mod, p


def _day_of(ctx: _Context, start: int) -> tuple[_Point, str] | None:
    """The day a clock time or a part of the day is on: the last day mentioned in its paragraph
    ("dimanche après-midi. Les premiers tirs ont eu lieu vers 18 h 55"), else the DCT. Not across
    paragraphs: in a chronicle, "Benoît, blessé le 1er décembre, est sorti du coma.\nVers 19 h 30, …"
    is on the day of the chronicle."""
    if ctx.day is not None and ctx.day_start is not None and "\n" not in ctx.text[ctx.day_start : start]:
        return ctx.day, f"timex@{ctx.day_start}"
    if ctx.dct is not None:
        return _Point("day", ctx.dct), "dct"
    return None


_PERIOD_UNIT = {"semaine": "W", "week": "W", "mois": "M", "month": "M", "année": "Y", "an": "Y", "year": "Y",
                "week-end": "WE", "weekend": "WE", "trimestre": "Q", "quarter": "Q", "semestre": "H"}


def _relative_period(m: _Match, ctx: _Context) -> _Result | None:
    g = m.groups
    lx = ctx.lex
    unit = _PERIOD_UNIT.get(g["unit"].lower())
    rel = " ".join((g.get("rel") or "").lower().split())
    det = (g.get("det") or ("le" if g.get("du") else "")).lower().replace("’", "'")
    mod = lx.mods.get((g.get("mod") or "").lower())
    if not det or (g.get("du") and not mod):
        return None
    anchored = rel in lx.following_words or rel in ("the following",) or (rel in lx.previous_words and det not in ("ce", "cet", "cette"))
    if g.get("y"):
        if not mod:
            return None  # "l'année 2008": the year is the expression
        p = _Point("year", date(int(g["y"]), 1, 1))  # "la fin de l'année 2024"
        return "DATE", p.value, None, mod, p
    if not rel and det in ("la", "le", "l'") and not mod:
        return None  # "la semaine", "le mois": not a point in time without a determiner of time (but "la fin de l'année")
    found = _anchor_for(ctx, unit or "") if anchored else ((_dct(ctx), "dct") if ctx.dct else None)
    if found is None:
        return "DATE", None, None, None, None
    base, anchor = found
    n = 0
    if rel in lx.past_words or rel in lx.previous_words or rel == "the previous":
        n = -1
    elif rel in lx.future_words or rel in lx.following_words or rel == "the following":
        n = 1
    elif unit == "WE" and anchor == "dct" and base.day.weekday() < 5 and ctx.tense(m.start) == "past":
        n = -1  # "se sont rendus ce week-end", written on a Tuesday: the weekend just gone
    found = _period(base, unit, n, anchor)
    return found[:3] + (mod,) + found[4:] if found and mod else found


def _period(base: _Point, unit: str | None, n: int, anchor: str | None) -> _Result | None:
    d = base.day
    if unit == "W" or unit == "WE":
        if base.gran not in ("day", "week"):
            return "DATE", None, anchor, None, None
        week = d - timedelta(days=d.weekday()) + timedelta(weeks=n)
        p = _Point("week", week, "-WE" if unit == "WE" else "")
        return "DATE", p.value, anchor, None, p
    if unit == "M":
        if base.gran not in ("day", "week", "month"):
            return "DATE", None, anchor, None, None
        p = _shift(_Point("month", date(d.year, d.month, 1)), n, "M")
        return "DATE", p.value if p else None, anchor, None, p
    if unit == "Y":
        p = _Point("year", date(d.year + n, 1, 1))
        return "DATE", p.value, anchor, None, p
    if unit == "Q":
        q = (d.month - 1) // 3 + n
        y, q = d.year + q // 4, q % 4
        p = _Point("quarter", date(y, q * 3 + 1, 1), f"Q{q + 1}")
        return "DATE", p.value, anchor, None, p
    if unit == "H":
        h = (d.month - 1) // 6 + n
        y, h = d.year + h // 2, h % 2
        p = _Point("half", date(y, h * 6 + 1, 1), f"H{h + 1}")
        return "DATE", p.value, anchor, None, p
    return None


def _neighbour_day(m: _Match, ctx: _Context) -> _Result | None:
    g = m.groups
    word = " ".join(g["w"].lower().replace("’", "'").split())
    shift = {"le lendemain": 1, "la veille": -1, "le jour même": 0, "l'avant-veille": -2, "le surlendemain": 2,
             "the next day": 1, "the following day": 1, "the day before": -1, "the same day": 0}[word]
    if ctx.last is not None and ctx.last.gran == "day":
        base, anchor = ctx.last, f"timex@{ctx.last_start}"
    elif ctx.dct is not None:
        base, anchor = _dct(ctx), "dct"
    else:
        return "DATE", None, None, None, None
    p = _Point("day", base.day + timedelta(days=shift))
    suffix = _part_suffix(ctx.lex, g.get("part"))
    return ("TIME" if suffix else "DATE"), p.value + suffix, anchor, None, p


def _unit(lx: _Lexicon, word: str) -> str:
    u = lx.units[word.lower()]
    return "MIN" if u == "M" and word.lower().startswith("minute") else u


def _amount(lx: _Lexicon, word: str) -> float | None:
    return lx.number(word)


def _ago(m: _Match, ctx: _Context) -> _Result | None:
    g = m.groups
    lx = ctx.lex
    unit = _unit(lx, g["u"])
    n = _amount(lx, g["n"])
    if ctx.dct is None:
        return "DATE", None, None, None, None
    if n is not None and unit in ("H", "MIN", "S"):
        return _clock_offset(ctx, -n, unit, lx.amount_mods.get((g.get("amod") or "").lower()))
    if n is None:
        return "DATE", "PAST_REF", "dct", None, None
    p = _shift(_coarsen(_dct(ctx), unit), -int(n), unit)
    return "DATE", p.value if p else None, "dct", lx.amount_mods.get((g.get("amod") or "").lower()), p


def _coarsen(p: _Point, unit: str) -> _Point:
    """'il y a deux ans' names a year, 'il y a trois mois' a month, 'il y a deux semaines' a week."""
    d = p.day
    if unit == "Y":
        return _Point("year", date(d.year, 1, 1))
    if unit == "M":
        return _Point("month", date(d.year, d.month, 1))
    if unit == "W":
        return _Point("week", d - timedelta(days=d.weekday()))
    if unit == "DE":
        return _Point("decade", date(d.year // 10 * 10, 1, 1))
    return p


def _shifted(m: _Match, ctx: _Context) -> _Result | None:
    """"quatre ans plus tard" after "2014": 2018, anchored to that expression."""
    g = m.groups
    lx = ctx.lex
    unit = _unit(lx, g["u"])
    n = _amount(lx, g["n"])
    direction = " ".join(g["dir"].lower().split())
    sign = 1 if direction in lx.later_words else -1
    if (direction in ("après", "after", "avant", "before") and not re.match(r"\s*[,.;)]|\s*$", ctx.text[m.end : m.end + 3])) \
            or n is None or unit in ("H", "MIN", "S"):
        # "six ans après sa victoire", "une heure plus tard": the anchor is an event, not a date; the
        # span of time is the expression, without the word that orders it
        m.end = m.spans["u"][1]
        return _duration(m, ctx)
    found = _anchor_for(ctx, unit)
    if found is None:
        return "DATE", None, None, None, None
    base, anchor = found
    p = _shift(_coarsen(base, unit) if base.gran == "day" else base, sign * int(n), unit)
    return "DATE", p.value if p else None, anchor, lx.amount_mods.get(" ".join((g.get("amod") or "").lower().split())), p


def _ahead(m: _Match, ctx: _Context) -> _Result | None:
    g = m.groups
    lx = ctx.lex
    unit = _unit(lx, g["u"])
    n = _amount(lx, g["n"])
    if ctx.dct is not None and n is not None and unit in ("H", "MIN", "S"):
        return _clock_offset(ctx, n, unit, None)
    if ctx.dct is None or n is None:
        return "DATE", "FUTURE_REF" if ctx.dct else None, "dct" if ctx.dct else None, None, None
    p = _shift(_coarsen(_dct(ctx), unit), int(n), unit)
    return "DATE", p.value if p else None, "dct", None, p


def _clock_offset(ctx: _Context, n: float, unit: str, mod: str | None) -> _Result:
    """"il y a 30 minutes", "dans 2 heures": with a DCT that has its time of day, that time moved
    (TIME 2021-05-20T15:00); with a DCT that is only a day, the value can only be a day: the DCT's,
    moved by the whole days of the offset ("il y a 48 heures": two days before; DATE)."""
    delta = timedelta(hours=n) if unit == "H" else timedelta(minutes=n) if unit == "MIN" else timedelta(seconds=n)
    if ctx.now is not None:
        t = ctx.now + delta
        return "TIME", t.strftime("%Y-%m-%dT%H:%M" + (":%S" if unit == "S" else "")), "dct", mod, None
    assert ctx.dct is not None
    day = ctx.dct + timedelta(days=int(delta / timedelta(days=1)))
    return "DATE", day.isoformat(), "dct", mod, _Point("day", day)


def _duration(m: _Match, ctx: _Context) -> _Result | None:
    g = m.groups
    lx = ctx.lex
    word = g["u"].lower()
    before = _word_before(ctx, m.start)
    if before in lx.not_times_before and word in lx.time_units:
        return None  # "les 35 heures" (the law), "des heures"
    unit = _unit(lx, word)
    raw = " ".join(g["n"].lower().split())
    n = None if raw in lx.vague_numbers else _amount(lx, raw)
    if n is None and raw not in lx.vague_numbers:
        return None
    if n is not None and (n > 1000 or (n == 1 and raw in ("un", "une", "a", "an") and before in ("chaque", "par", "every", "per"))):
        return None
    mod = lx.amount_mods.get(" ".join((g.get("amod") or "").lower().split()))
    if n is not None and g.get("demi"):
        n = n / 2  # "une demi-heure"
    if n is not None and g.get("half"):
        n = n + 0.5  # "une heure et demie"
    if word in lx.age_units and _is_age(m, ctx, mod):
        return None  # TimeML does not annotate ages: "Jean Burget, 87 ans,", "un chauffeur de 38 ans"
    if raw.endswith(("dizaine", "douzaine", "quinzaine", "vingtaine", "trentaine", "quarantaine", "cinquantaine", "centaine")):
        mod = mod or "APPROX"
    value = _iso_duration(n, "MIN" if unit == "MIN" else unit, compose=not raw[:1].isdigit())
    return "DURATION", value, None, mod, None


def _is_age(m: _Match, ctx: _Context, mod: str | None) -> bool:
    """A number of years that is someone's age: in apposition ("Jean Burget, 87 ans," "(45 ans)"),
    after "âgé de" or "à l'âge de", an age group ("les moins de 17 ans"), or after a noun that is not
    a span of time ("un chauffeur de bus de 38 ans", "des hommes entre 16 et 50 ans", but "une peine de
    deux ans", "un mandat de cinq ans": the nouns of ``duration_nouns``)."""
    lx = ctx.lex
    before = ctx.text[max(0, m.start - 60) : m.start].replace("’", "'")
    after = ctx.text[m.end : m.end + 4]
    if re.search(r"\w\s*,\s*$|\(\s*$", before) and re.match(r"\s*(?:[,.;:)]|et\s|$)", after):
        return True  # "Jean Burget, 87 ans, a été heurté", "Jean Dupont (45 ans)"
    if re.search(_alt(lx.age_cues) + r"\s*$", before, re.IGNORECASE):
        return True
    if mod in ("LESS_THAN", "MORE_THAN") and _word_before(ctx, m.start) in lx.age_group_words:
        return True  # "les moins de 17 ans", "les plus de 65 ans"
    noun = re.search(r"([\w-]+)\s+(?:(?:de|entre)\s+(?:\d+|\w+)\s+(?:à|et)\s+|d'|de\s+)$", before)
    if noun and noun.group(1).lower() not in lx.duration_nouns:
        return ctx.pos_before(m.start - (len(before) - noun.end(1))) in ("NOUN", "PROPN", "ADJ")
    return False


def _recent_span(m: _Match, ctx: _Context) -> _Result:
    g = m.groups
    lx = ctx.lex
    if g.get("des") or g.get("des2"):
        m.start = m.spans["des" if g.get("des") else "des2"][1] + 1  # "au cours des dix derniers mois": not "des"
    unit = _unit(lx, g.get("u") or g["u2"])
    number = g.get("n") or g.get("n2") or g.get("n3")
    n = _amount(lx, number) if number else None
    span = ctx.text[m.start : m.end].lower()
    if lx.lang == "en" and n is None and not g["u"].lower().endswith("s") and ctx.dct is not None:
        # "last week", "next month": a period, not a span of time
        return _period(_dct(ctx), unit, 1 if re.match(r"(?:the\s+)?(?:next|coming)", span) else -1, "dct")
    return "DURATION", _iso_duration(n, unit), "dct", None, None


def _easter(year: int) -> date:
    """Easter Sunday (Gregorian calendar), the anonymous algorithm."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (b - (b + 8) // 25 + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    n = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * n) // 451
    month, day = divmod(h + n - 7 * m + 114, 31)
    return date(year, month, day + 1)


def _holiday(m: _Match, ctx: _Context) -> _Result | None:
    """A holiday: a fixed day ("Noël": 12-25) or a day counted from Easter ("la Pentecôte": +49), in
    the year given, else the year that puts it closest to the DCT (the coming one in the future tense)."""
    g = m.groups
    word = g["hol"]
    if not word[0].isupper() or re.match(r"\s+[^\W\d_a-zà-ÿ]", ctx.text[m.spans["hol"][1] : m.spans["hol"][1] + 3]):
        return None  # "l'ascension de l'Everest", "Noël Mamère"
    rule = ctx.lex.holidays[" ".join(word.lower().replace("’", "'").split())]
    noun = re.search(r"([\w-]+)\s+(?:de\s+la\s+|de\s+l['’]|de\s+|d['’])$", ctx.text[max(0, m.start - 40) : m.start])
    if not g.get("fete") and noun and noun.group(1).lower() not in ctx.lex.holiday_time_nouns:
        return None  # "un sapin de Noël", "la table de la Saint-Sylvestre": a kind of thing

    def on(year: int) -> date:
        if rule.startswith("easter"):
            return _easter(year) + timedelta(days=int(rule[6:] or 0))
        month, day = rule.split("-")
        return date(year, int(month), int(day))

    if g.get("y"):
        p = _Point("day", on(int(g["y"])))
        return "DATE", p.value, None, None, p
    if ctx.dct is None:
        return "DATE", None, None, None, None
    candidates = [on(y) for y in (ctx.dct.year - 1, ctx.dct.year, ctx.dct.year + 1)]
    if ctx.tense(m.start) == "future":
        best = min(c for c in candidates if c >= ctx.dct)
    else:
        best = min(candidates, key=lambda c: abs((c - ctx.dct).days))
    p = _Point("day", best)
    return "DATE", p.value, "dct", None, p


def _whole_period(m: _Match, ctx: _Context) -> _Result:
    """"toute la journée" P1D, "tout le mois" P1M: a span of time."""
    return "DURATION", ctx.lex.whole_periods[" ".join(m.groups["whole"].lower().replace("’", "'").split())], None, None, None


def _set(m: _Match, ctx: _Context) -> _Result | None:
    g = m.groups
    lx = ctx.lex
    if g.get("wd"):
        wd = lx.weekdays.get(g["wd"].lower()) or lx.weekdays_plural.get(g["wd"].lower())
        return "SET", f"XXXX-WXX-{wd}", None, None, None
    if g.get("we"):
        return "SET", "XXXX-WXX-WE", None, None, None
    if g.get("pod"):  # "tous les soirs"
        return "SET", "XXXX-XX-XXT" + lx.parts_of_day_plural[g["pod"].lower()], None, None, None
    if g.get("sw"):
        return "SET", lx.set_adverbs[g["sw"].lower()], None, None, None
    if m.rule == "per":
        if g["u"].lower() in lx.time_units:
            return None  # "30 mètres par seconde", "120 battements par minute": a rate
        m.start = m.spans["u"][0]
    unit = _unit(lx, g["u"])
    n = _amount(lx, g["n"]) if g.get("n") else 1
    return "SET", _iso_duration(n, unit), None, None, None


def _clock(m: _Match, ctx: _Context) -> _Result | None:
    g = m.groups
    lx = ctx.lex
    span = ctx.text[m.start : m.end]
    if m.rule == "clock" and ":" not in span and not g.get("ampm") and not re.search(r"\d\s?[hH]", span):
        return None
    if m.rule == "clock" and _word_before(ctx, m.start) in lx.span_words and not g.get("approx"):
        hours = int(g["h"])  # "pendant 2 h 30": a span of time
        return "DURATION", f"PT{hours}H" + (f"{int(g['mi'])}M" if g.get("mi") and int(g["mi"]) else ""), None, None, None
    if m.rule == "clock_heures":
        told = g.get("pod")  # "9 heures du soir"; but "(pendant) deux heures et demie" is a span of time
        cue = (g.get("cue") or "").lower()
        if cue == "de" and not re.match(r"\s+(?:à|jusqu['’]à)\s", ctx.text[m.end : m.end + 12]):
            cue = ""  # "une durée de 3 heures"; but "de 10 heures à midi"
        if not cue and not told and not _trailing_day(lx.lang).match(ctx.text, m.end):
            return None  # "dix heures de négociation", "10 heures" alone are durations
        m.start = m.spans["approx" if "approx" in m.spans else "h"][0]  # "à 16 heures": the time without "à"
    hour = int(lx.number(g["h"]) or 0)
    minute = int(lx.number(g["mi"]) or 0) if g.get("mi") else 0
    if g.get("half"):
        minute = 30 if g["half"].lower() == "demie" else 15
    elif g.get("mq") or g.get("mm"):
        hour, minute = hour - 1, 60 - (15 if g.get("mq") else int(lx.number(g["mm"]) or 0))
    if (g.get("pod") or "").lower().startswith(("du soir", "de l")) and hour < 12:
        hour += 12  # "9 heures du soir", "trois heures de l'après-midi"
    ampm = (g.get("ampm") or "").replace(".", "").lower()
    if ampm == "pm" and hour < 12:
        hour += 12
    if ampm == "am" and hour == 12:
        hour = 0
    if not 0 <= hour <= 24 or not 0 <= minute < 60:
        return None
    seconds = f":{g['sec']}" if g.get("sec") else ""
    return _at_time(m, ctx, f"T{hour:02d}:{minute:02d}{seconds}", "APPROX" if g.get("approx") else None)


@cache
def _trailing_day(lang: str) -> re.Pattern[str]:
    """A day or a frequency right after a clock time: "4 h mardi", "15 h 30, hier", "16 heures chaque lundi"."""
    lx = _lexicon(lang)
    days = _alt(list(lx.weekdays) + list(lx.relative_days))
    sets = _alt(lx.set_words)
    return re.compile(rf",?\s+(?:(?:le|ce|on)\s+)?{days}{_E}|\s+{sets}{_E}", re.IGNORECASE)


def _clock_words(m: _Match, ctx: _Context) -> _Result | None:
    g = m.groups
    word = g["noon"].lower()
    clock = "T12:00" if word in ("midi", "noon") else "T24:00"
    return _at_time(m, ctx, clock, "APPROX" if g.get("approx") else None)


def _at_time(m: _Match, ctx: _Context, clock: str, mod: str | None) -> _Result:
    """A clock time on the last day mentioned (see ``_day_of``), else on the DCT."""
    if ctx.lex.lang == "fr" and "approx" in m.spans:  # "vers 21 h 45": APPROX, and the span is the time itself
        m.start = m.spans["h" if "h" in m.spans else "noon"][0]
    found = _day_of(ctx, m.start)
    if found is None:
        return "TIME", None, None, mod, None
    base, anchor = found
    return "TIME", base.day.isoformat() + clock, anchor, mod, None


def _season(m: _Match, ctx: _Context) -> _Result | None:
    g = m.groups
    lx = ctx.lex
    word = g["s"].lower()
    det = (g.get("det") or "").lower().replace("’", "'")
    if not det and re.search(r"\bd['’]$", ctx.text[max(0, m.start - 2) : m.start], re.IGNORECASE):
        return None  # "les Jeux olympiques d'hiver 2030", "l'heure d'été": a kind of thing, not a time
    if not det and not g.get("y") and not g.get("rel"):
        before = _word_before(ctx, m.start)
        if before not in ("au", "en", "in", "this", "of", "cet", "l'"):
            return None  # "a été" is not summer
    code = lx.seasons[word]
    if g.get("y"):
        year = int(g["y"])
        anchor = None
    elif ctx.dct is None:
        return "DATE", None, None, None, None
    else:
        rel = (g.get("rel") or "").lower()
        year = ctx.dct.year
        season_month = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[code]
        if rel in lx.past_words:
            year -= 1 if season_month >= ctx.dct.month else 0
        elif rel in lx.future_words:
            year += 1 if season_month <= ctx.dct.month else 0
        anchor = "dct"
    p = _Point("season", date(year, {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[code], 1), code)
    return "DATE", p.value, anchor, None, p


def _quarter(m: _Match, ctx: _Context) -> _Result | None:
    g = m.groups
    lx = ctx.lex
    n = lx.ordinals.get(g["ord"].lower())
    half = g["q"].lower() in ("semestre", "half")
    if n is None or (half and n > 2) or n > 4:
        return None
    year = int(g["y"]) if g.get("y") else (ctx.dct.year if ctx.dct else None)
    if year is None:
        return "DATE", None, None, None, None
    code = f"H{n}" if half else f"Q{n}"
    p = _Point("half" if half else "quarter", date(year, (n - 1) * (6 if half else 3) + 1, 1), code)
    return "DATE", p.value, None if g.get("y") else "dct", None, p


def _vague(m: _Match, ctx: _Context) -> _Result | None:
    lx = ctx.lex
    if m.rule == "vague_adjective":
        word = m.groups["adj"]
        if word.isupper() or ctx.pos_before(m.end) != "ADJ" or _word_before(ctx, m.start) in lx.not_vague_before:
            return None  # "PROCHAIN MARIAGE." (a title), "crée un précédent", "sans précédent", or no Doc to tell
        return "TIME", lx.vague_adjectives[word.lower()], None, None, None
    value = lx.vague[" ".join(m.groups["v"].lower().replace("’", "'").split())]
    return "TIME", value, None, None, None


def _from_now(m: _Match, ctx: _Context) -> _Result:
    """"d'ici le 30 juin", "d'ici la fin de l'année": French TimeBank marks "ici" as the DCT."""
    if ctx.dct is None:
        return "DATE", None, None, None, None
    return "DATE", ctx.dct.isoformat(), "dct", None, None


_HANDLERS: dict[str, Callable[[_Match, _Context], _Result | None]] = {
    "iso_date": _iso_date, "numeric_date": _numeric_date, "full_date": _full_date, "month_year": _month_year,
    "mod_year": _mod_year, "month": _month_alone, "year": _year_alone, "decade": _decade, "century": _century,
    "weekday": _weekday, "relative_day": _relative_day, "part_of_day": _part_of_day,
    "relative_period": _relative_period, "neighbour_day": _neighbour_day, "ago": _ago, "shifted": _shifted,
    "ahead": _ahead, "duration": _duration, "recent_span": _recent_span, "set": _set, "clock": _clock,
    "per": _set, "plural_days": _set, "set_word": _set, "day_range": _day_range, "month_pair": _month_pair,
    "year_pair": _year_pair, "amount_range": _amount_range, "night_of": _night_of, "vague_adjective": _vague,
    "from_now": _from_now, "nth_week": _nth_week, "whole_period": _whole_period, "holiday": _holiday,
    "clock_words": _clock_words, "clock_heures": _clock, "season": _season, "quarter": _quarter, "vague": _vague,
}
