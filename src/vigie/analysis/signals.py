"""Online trend and weak-signal detectors, fed one day at a time.

A detector is fed each observed day's items (or their :class:`~vigie.analysis.terms.DayCounts`) in
order and returns that day's flags. It never sees a later day: what it knows is a rolling window of
the previous ``window`` observed days per term (:class:`History`), so its memory and its cost per day
depend on the window and the day's volume, not on how long the stream has run. A day that was not
observed (a collection gap) is simply not fed: windows count observed days.

Two detectors:

- :class:`AnchorDetector` — the baseline of issue 8: a plain term-burst robust z-score (a word's items
  today against the median and MAD of its last 28 observed days), the ``budget`` highest per day.
- :class:`SignalDetector` — vigie's: three kinds of flags under one budget of ``budget`` flags a day.
  Counts are normalised per source: a term's *coverage* on a day is the number of sources carrying it
  (once per source, however many items) over the day's active sources.

  * ``breaking`` — sudden multi-source growth: a term carried today by at least ``breaking_sources``
    sources (and ``breaking_share`` of the active ones), in at least ``breaking_items`` items, by at
    least twice as many sources as yesterday, and by no more than one source on any earlier day of
    the window. Score: coverage × log2(1 + items). With ``breaking_event`` (on), also a *new pair of
    an event word and a place* (:func:`event_pair`: « inondations libye », « seisme maroc »; the event
    words are language data, ``lang/<lang>/signal_events.txt``, the places the one-word country names,
    adjectives and seats of the actor gazetteer) in that many sources, whatever its items and depth: on
    a disaster's first day the newsrooms carry one short item each, and the new pair is what they
    share (about 20 such flags in 14 months of French feeds). A breaking flag lists as ``related`` up
    to ``breaking_names`` words of its items as new as the story (:meth:`SignalDetector._new_names`:
    « derna » beside « inondations libye »). (``breaking_wide``, off: also a term in that share of the
    active sources whatever its items, from at most two sources a day before.)
  * ``rising`` — a story building over two days: at least ``rising_sources`` sources and
    ``rising_items`` items today, more sources today than yesterday and yesterday than the day before,
    from a quiet window (under ``rising_quiet`` sources a day before those two days).
  * ``burst`` — a term with a history that jumps: at least ``burst_items`` items and ``burst_sources``
    sources, today's items at least ``burst_growth`` times the trailing week's daily mean (+1 each),
    and a robust z-score of its coverage against the window of at least ``burst_z`` (with
    ``burst_weekday``, also against the same weekday's values). Score: the weaker of two factors —
    today's items against ``story_items`` (a story's week) and today's items against twice the
    trailing week's — times coverage; kept from ``burst_min_score`` up.
  * *depth* (``depth``), for breaking and bursts: at least that many items per source carrying the
    term, unless it has ``story_items`` items. A story that newsrooms follow with several items
    (follow-ups, live pages, reactions) goes on; one item per newsroom is most often a one-day item
    (an obituary, a result, an announcement).
  * ``weak`` — weak signals after Yoon (2012, "Detecting weak signals for long-term business
    opportunities using text mining of Web news", Expert Systems with Applications 39): a term whose
    *degree of visibility* is still low — mean coverage over the last 7 days (today included) at most
    ``weak_visibility`` — while its *degree of diffusion* grows: at least ``weak_sources`` distinct
    sources over those 7 days and ``weak_gain`` more than over the rest of the window, a document
    frequency (items a day) ``weak_growth`` times the rest of the window's, on at least ``weak_days``
    of the 7 days (recurring, not a one-day item) and in at least ``weak_items`` items, and still
    spreading (``weak_spreading``): at least that many distinct sources over the last 3 days, and more
    than over the 4 days before them. Score: log(DF growth) × source gain ×
    (1 − visibility / ``weak_visibility``), so the less visible of two spreading terms comes first.
    What an analyst is told about is a *new name* that spreads, not a side term of a story already
    flagged: with ``weak_new`` (0), at most that many newsrooms carried the term over the window before
    the last 7 days (a story that trickled in one newsroom for a week or more before spreading is
    missed: set 1); with ``weak_words`` (on), single words only (a new pair of two known words is most
    often a chance collocation, or a phrase of a word that is a candidate itself); with
    ``weak_running`` (on), no weak signal whose items mostly carry a term flagged (not as weak) in the
    last ``refractory_days`` observed days: that story is already on the analyst's list.
    (``weak_diffusing``, off: more newsrooms new to the term over the last 3 days than over the 4
    before, Yoon's diffusion accelerating; it drops a story that wins one newsroom every other day.
    ``weak_week_budget``, off: at most that many weak signals over 7 observed days.)
    On the replay these gates leave about a third of the weak flags, no slow story lost; the share of
    weak flags confirmed by growth stays at 3–5 % (see docs/eval.md).
    At most ``weak_budget`` a day. With ``weak_record_days`` (off), a weak signal must also outscore
    every weak candidate of that many previous observed days, so most days have none: the budget is
    then a ceiling rather than a quota (there are weak candidates every day, about 38 on this
    stream's days, and without a bar the slots are always filled).

  ``breaking_depth`` (2; 0: off): a term breaking by its newsrooms and items with fewer items per
  newsroom than that is a one-day item (an obituary, a result), not flagged at all that day.
  ``weak_running_candidates`` (off): the running stories of ``weak_running`` are also those seen as
  breaking, rising or burst candidates, flagged or not, so that fewer or stricter flags do not free
  their side terms as weak signals.

  *Growth gate* (off): with ``min_growth`` (breaking, rising, bursts; not the event pairs) and
  ``weak_min_growth`` (weak signals), a candidate whose estimated probability of growth
  (:func:`growth_probability`, a logistic model per kind fitted on the first six months of the
  evaluation stream only) is under the bar is not raised, and its slot stays empty: the budget is a
  ceiling. On the replay it raises the share of flags confirmed by growth, but the weak signals that
  catch slow stories a week ahead (two items in two newsrooms) are the least likely to grow within a
  week, so the weak gate drops them (see docs/eval.md).

  Selection: breaking flags first, then weak signals up to their own budget, then bursts, until the
  budget is spent. A term that shares most of its items (Jaccard ≥ ``merge_overlap``) with a term
  already taken joins its flag as ``related`` (« gaza » and « bande gaza » are one flag); with
  ``merge_contained``, most of its *own* items (« birkin morte » joins « birkin », whose items hold
  all of its own), and the group's flag is that of its term with the most items today — one story,
  one flag, named by its widest term, so the budget is not spent on a story's synonyms. A term
  flagged in the last ``refractory_days`` observed days is not flagged again unless its kind moves up
  (weak → burst → breaking), and it still takes in the terms of its items, so a story already
  flagged stays quiet instead of filling the list every day.

Every flag explains itself (:meth:`Flag.explain`, :meth:`Flag.to_json`): the term, its items and sources
today against its baseline, when it was first seen in the window, sample item ids, its score and its
detector.
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field, fields, replace
from datetime import date
from functools import cache
from importlib import resources
from itertools import groupby
from typing import Any

from vigie import lang
from vigie.analysis.settings import parse_spec
from vigie.analysis.terms import DayCounts, Item, count_day, is_bigram, words


@dataclass(frozen=True, slots=True)
class Flag:
    """One signal: why ``term`` is worth a look on ``day``."""

    day: date
    term: str
    detector: str  # anchor | breaking | burst | weak
    score: float
    items: int  # items carrying the term today
    sources: int  # sources carrying it today
    active_sources: int  # sources with at least one item today
    baseline_items: float  # the term's usual items per day (median over the window, or the detector's own baseline)
    baseline_sources: float  # the term's usual sources per day
    first_seen: date | None  # first day of the term in the detector's memory (None: not seen before today)
    samples: tuple[str, ...]  # ids of a few of today's items carrying the term, one per source first
    details: dict[str, float] = field(default_factory=dict)  # the detector's own numbers
    related: tuple[str, ...] = ()  # terms of the same items merged into this flag

    def explain(self) -> str:
        first = self.first_seen.isoformat() if self.first_seen else "today"
        extra = ", ".join(f"{k} {_num(v)}" for k, v in self.details.items())
        rel = f"; with {', '.join(self.related)}" if self.related else ""
        return (f"{self.day} {self.detector} «{self.term}»: {self.items} items in {self.sources}/{self.active_sources} "
                f"sources vs {_num(self.baseline_items)} items in {_num(self.baseline_sources)} sources usually; "
                f"first seen {first}; score {_num(self.score)}" + (f"; {extra}" if extra else "") + rel)

    def to_json(self) -> dict[str, Any]:
        out = asdict(self)
        out["day"] = self.day.isoformat()
        out["first_seen"] = self.first_seen.isoformat() if self.first_seen else None
        out["samples"] = list(self.samples)
        out["related"] = list(self.related)
        out["score"] = round(self.score, 4)
        out["baseline_items"] = round(self.baseline_items, 3)
        out["baseline_sources"] = round(self.baseline_sources, 3)
        out["details"] = {k: round(v, 4) for k, v in self.details.items()}
        out["explanation"] = self.explain()
        return out


def _num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:.2f}"


def _median(values: list[float]) -> float:
    s = sorted(values)
    n = len(s)
    return (s[n // 2] + s[(n - 1) // 2]) / 2 if n else 0.0


def robust_z(x: float, values: list[float], floor: float) -> tuple[float, float, float]:
    """(z, median, MAD) of ``x`` against ``values``: (x − median) / max(1.4826·MAD, floor)."""
    med = _median(values)
    mad = _median([abs(v - med) for v in values])
    return (x - med) / max(1.4826 * mad, floor), med, mad


class _Term:
    """A term's memory: its observed days in the window, oldest first, as (day index, items, sources)."""

    __slots__ = ("entries", "first_seen")

    def __init__(self, first_seen: date):
        self.entries: deque[tuple[int, int, tuple[str, ...]]] = deque()
        self.first_seen = first_seen


class History:
    """Per-term counts over the last ``window`` observed days, pruned as the window moves.

    A term is forgotten when it has not been seen for ``window`` observed days, and a term seen in a
    single item is forgotten after ``singleton_days``, so memory is bounded by the window's
    vocabulary whatever the stream's length.
    """

    def __init__(self, window: int = 28, singleton_days: int = 7):
        self.window = window
        self.singleton_days = min(singleton_days, window)
        self.index = -1  # index of the last observed day
        self.days: deque[tuple[date, int, int]] = deque(maxlen=window)  # (day, items, active sources)
        self.terms: dict[str, _Term] = {}
        self._touched: dict[int, list[str]] = {}  # day index -> terms seen that day

    def __len__(self) -> int:
        return len(self.terms)

    def series(self, term: str) -> tuple[list[int], list[int], list[tuple[str, ...]]]:
        """The term's items, sources and source names on each observed day of the window (the last
        ``window`` days added, or fewer at the start of a stream), oldest first; 0 and () when absent."""
        w = len(self.days)
        items = [0] * w
        sources = [0] * w
        names: list[tuple[str, ...]] = [()] * w
        t = self.terms.get(term)
        if t is not None:
            for idx, n, srcs in t.entries:
                age = self.index - idx  # 0 = the last observed day
                if age < w:
                    items[w - 1 - age] = n
                    sources[w - 1 - age] = len(srcs)
                    names[w - 1 - age] = srcs
        return items, sources, names

    def first_seen(self, term: str) -> date | None:
        t = self.terms.get(term)
        return t.first_seen if t is not None else None

    def weekdays(self) -> list[int]:
        """The weekday of each slot of :meth:`series`."""
        return [d.weekday() for d, _, _ in self.days]

    def mean_active_sources(self) -> float:
        return sum(s for _, _, s in self.days) / len(self.days) if self.days else 0.0

    def add(self, counts: DayCounts, keep=None) -> None:
        """Record a day's counts (only the terms for which ``keep(term)`` is true, when given)."""
        self.index += 1
        idx = self.index
        self.days.append((counts.day, counts.items, counts.active_sources))
        touched = []
        for term, td in counts.terms.items():
            if keep is not None and not keep(term):
                continue
            t = self.terms.get(term)
            if t is None:
                t = self.terms[term] = _Term(counts.day)
            t.entries.append((idx, td.items, tuple(td.by_source)))
            while t.entries[0][0] <= idx - self.window:
                t.entries.popleft()
            touched.append(term)
        self._touched[idx] = touched
        self._prune(idx)

    def _prune(self, idx: int) -> None:
        single = self._touched.get(idx - self.singleton_days)
        if single:
            for term in single:
                t = self.terms.get(term)
                if t is not None and len(t.entries) == 1 and t.entries[0][1] == 1 and t.entries[0][0] <= idx - self.singleton_days:
                    del self.terms[term]
        old = self._touched.pop(idx - self.window, None)
        if old:
            for term in old:
                t = self.terms.get(term)
                if t is not None and t.entries[-1][0] <= idx - self.window:
                    del self.terms[term]


class Detector:
    """A detector fed one observed day at a time. ``feed`` returns the day's flags, best first.
    It raises no flag before it has ``min_history`` observed days to compare with."""

    name = "detector"
    bigrams = True
    min_history = 7

    def __init__(self, budget: int = 10, window: int = 28):
        self.budget = budget
        self.history = History(window)

    def feed(self, day: date, items: Iterable[Item], *, emit: bool = True) -> list[Flag]:
        return self.feed_counts(count_day(day, items, bigrams=self.bigrams), emit=emit)

    def feed_counts(self, counts: DayCounts, *, emit: bool = True) -> list[Flag]:
        """Flag the day against what came before it, then remember it. ``emit=False`` learns only
        (warm-up, or the backlog day after a gap)."""
        if self.history.days and counts.day <= self.history.days[-1][0]:
            raise ValueError(f"days must be fed in order: {counts.day} after {self.history.days[-1][0]}")
        flags = self.flag(counts)[: self.budget] if emit and len(self.history.days) >= self.min_history else []
        self.history.add(counts, self.keep)
        return flags

    def keep(self, term: str) -> bool:
        return True

    def flag(self, counts: DayCounts) -> list[Flag]:
        raise NotImplementedError


class AnchorDetector(Detector):
    """Issue 8's anchor: a word's items today against the median and MAD of its last ``window``
    observed days (absent days count as 0), z = (x − median) / max(1.4826·MAD, 1); the ``budget``
    highest z of at least ``min_z`` each day. Words only, no pairs, no source normalisation."""

    name = "anchor"
    bigrams = False

    def __init__(self, budget: int = 10, window: int = 28, min_z: float = 3.0, samples: int = 5):
        super().__init__(budget, window)
        self.min_z = min_z
        self.n_samples = samples

    def keep(self, term: str) -> bool:
        return not is_bigram(term)

    def flag(self, counts: DayCounts) -> list[Flag]:
        h = self.history
        scored = []
        for term, td in counts.terms.items():
            n = td.items
            if n < self.min_z or is_bigram(term):  # with the floor of 1, z ≤ n: fewer items cannot reach min_z
                continue
            items, sources, _ = h.series(term)
            z, med, _ = robust_z(n, items, 1.0)
            if z >= self.min_z:
                scored.append((z, term, med, _median(sources)))
        scored.sort(key=lambda x: (-x[0], x[1]))
        return [Flag(counts.day, term, self.name, z, counts.terms[term].items, counts.terms[term].sources,
                     counts.active_sources, med, msrc, h.first_seen(term), tuple(counts.samples(term, self.n_samples)),
                     {"z": z})
                for z, term, med, msrc in scored[: self.budget]]


@dataclass
class SignalConfig:
    """vigie's detector settings (see the module docstring for what each one does)."""

    budget: int = 10
    window: int = 28
    samples: int = 5
    # breaking
    breaking_sources: int = 5
    breaking_share: float = 0.3  # ... and at least this share of the day's active sources
    breaking_items: int = 10
    breaking_wide: float = 0.0  # also breaking, whatever its items: this share of the active sources, from a quiet window (0: off)
    breaking_event: bool = True  # also breaking, whatever its items: a new pair of an event word and a place (event_pair)
    breaking_names: int = 3  # a breaking flag lists up to this many new words of its items as related (0: none)
    # rising
    rising_sources: int = 4
    rising_items: int = 10
    rising_quiet: float = 0.2  # mean sources a day before the last two days
    # bursts
    burst_z: float = 3.0
    burst_weekday: bool = False  # also against the same weekday's values in the window
    burst_items: int = 5
    burst_sources: int = 3
    burst_growth: float = 3.0  # today's items over the trailing week's daily mean (+1 each)
    story_items: int = 20
    # breaking and bursts: at least this many items per source carrying the term, unless it has story_items items
    depth: float = 1.5
    # a term that is breaking by its newsrooms and items (not an event pair) but has fewer items per newsroom than
    # this, under story_items, is a one-day item: no flag of any kind today (0: off)
    breaking_depth: float = 2.0
    burst_min_score: float = 0.4
    # weak signals
    weak_visibility: float = 0.25
    weak_sources: int = 5
    weak_growth: float = 3.0
    weak_days: int = 3
    weak_items: int = 4  # items over the last 7 days (a floor against chance pairs of words)
    weak_gain: int = 2  # distinct sources in the last 7 days minus those of the 21 before
    weak_budget: int = 2
    weak_min_score: float = 0.0
    weak_accelerating: bool = False  # more items over the last 3 days than over the 4 before them
    weak_spreading: int = 4  # at least this many distinct sources over the last 3 days, more than over the 4 before (0: off)
    weak_record_days: int = 0  # a weak signal must outscore every weak candidate of the last N observed days (0: off)
    weak_new: int = 0  # at most this many distinct sources carried the term before the last 7 days (0: new to the window; -1: off)
    weak_words: bool = True  # weak signals are single words (a new name), not pairs of words
    weak_diffusing: bool = False  # more newsrooms new to the term over the last 3 days than over the 4 before them
    weak_running: bool = True  # no weak signal whose items mostly carry a term flagged in the last refractory_days
    weak_week_budget: int = 0  # at most this many weak signals over the last 7 observed days, today included (0: off)
    # weak_running also counts the stories seen as breaking, rising or burst candidates (flagged or not) in the last
    # refractory_days observed days, today included, so that fewer or stricter flags do not free their side terms
    weak_running_candidates: bool = False
    # growth gate: no flag whose estimated probability of growth (growth_probability) is under this (0: off)
    min_growth: float = 0.0  # breaking (but event pairs), rising and bursts
    weak_min_growth: float = 0.0  # weak signals
    # flags of the same items, flags of the same terms
    merge_overlap: float = 0.5
    merge_contained: bool = True  # overlap over the smaller term's items (not the union); the story is named by its widest term
    refractory_days: int = 7


class SignalDetector(Detector):
    """vigie's detector: breaking terms, bursts and weak signals under one daily budget."""

    name = "vigie"

    def __init__(self, config: SignalConfig | None = None, *, name: str = "vigie", **overrides: Any):
        self.config = replace(config or SignalConfig(), **_checked(overrides))
        self.name = name
        super().__init__(self.config.budget, self.config.window)
        self._flagged: dict[str, tuple[int, int]] = {}  # term -> (day index, level) of its last flag
        # the best weak candidate's score on each of the last weak_record_days observed days
        self._weak_best: deque[float] = deque(maxlen=max(1, self.config.weak_record_days))
        self._weak_shown: deque[int] = deque(maxlen=6)  # weak flags raised on each of the last 6 days with flags
        # the terms of the breaking, rising and burst candidates of the last refractory_days observed days
        self._seen_running: deque[tuple[int, frozenset[str]]] = deque()
        # called with each day's counts and every candidate flag, before selection (fitting the growth model)
        self.on_candidates: Callable[[DayCounts, list[Flag]], None] | None = None

    def flag(self, counts: DayCounts) -> list[Flag]:
        c = self.config
        h = self.history
        S = counts.active_sources
        if S == 0:
            return []
        weekdays = h.weekdays()
        today_wd = counts.day.weekday()
        mean_S = h.mean_active_sources() or S
        breaking: list[Flag] = []
        rising: list[Flag] = []
        bursts: list[Flag] = []
        weak: list[Flag] = []
        min_break = max(c.breaking_sources, math.ceil(c.breaking_share * S))
        for term, td in counts.terms.items():
            n, k = td.items, td.sources
            if k < 2:
                continue  # every signal needs two sources today
            deep = n >= c.depth * k or n >= c.story_items
            items, sources, names = h.series(term)
            # ---- breaking: many sources today, at most one a day before (yesterday aside); or a new
            # pair of an event word and a place, whatever its items; or (wide) a share of the sources
            why = None
            if k >= 2 * sources[-1]:
                before = max(sources[:-1], default=0)
                if k >= min_break and n >= c.breaking_items and before <= 1 and deep:
                    if c.breaking_depth and n < c.breaking_depth * k and n < c.story_items:
                        continue  # one item or so per newsroom: a one-day item (an obituary, a result)
                    why = {}
                elif c.breaking_event and k >= min_break and before <= 1 and event_pair(term):
                    why = {"event": 1}
                elif c.breaking_wide and k >= max(c.breaking_sources, c.breaking_wide * S) and before <= 2:
                    why = {"wide": 1}
            if why is not None:
                score = k / S * math.log2(1 + n)
                breaking.append(self._flag(counts, term, "breaking", score, _median(items), _median(sources),
                                           {"sources_yesterday": sources[-1], "items_before": sum(items), **why}))
                continue
            # ---- rising: more sources two days running, from a quiet history
            if (k >= c.rising_sources and n >= c.rising_items
                    and k > sources[-1] > sources[-2]
                    and sources[-1] >= 2 and sum(sources[:-2]) / max(1, len(sources) - 2) < c.rising_quiet):
                score = k / S * math.log2(1 + n)
                rising.append(self._flag(counts, term, "rising", score, _median(items), _median(sources),
                                         {"sources_yesterday": sources[-1], "sources_2_days_ago": sources[-2],
                                          "items_before": sum(items[:-2])}))
                continue
            # ---- burst: a robust z of coverage against the window and the same weekday
            if n >= c.burst_items and k >= c.burst_sources and deep:
                week = sum(items[-7:])
                growth = (n + 1) / (week / 7 + 1)
                if growth >= c.burst_growth:
                    cov = [s / mean_S for s in sources]
                    z, med, _ = robust_z(k / S, cov, 1 / mean_S)
                    same_day = [cv for cv, wd in zip(cov, weekdays) if wd == today_wd]
                    if c.burst_weekday and len(same_day) >= 3:
                        z = min(z, robust_z(k / S, same_day, 1 / mean_S)[0])
                    if z >= c.burst_z:
                        score = min(n / c.story_items, n / (2 * week + 1)) * k / S
                        if score >= c.burst_min_score:
                            bursts.append(self._flag(counts, term, "burst", score, _median(items), _median(sources),
                                                     {"z": z, "growth": growth, "items_last_7d": week}))
                        continue
            # ---- weak signal: low visibility, growing DF, spreading across sources, on several days
            if len(items) < 13:
                continue  # fewer than 7 days before the last 7
            recent_days = 1 + sum(1 for v in items[-6:] if v)
            if recent_days < c.weak_days:
                continue
            recent_cov = (k / S + sum(sources[-6:]) / mean_S) / 7
            if recent_cov > c.weak_visibility:
                continue
            src_recent = set(td.by_source)
            for s in names[-6:]:
                src_recent.update(s)
            src_before: set[str] = set()
            for s in names[:-6]:
                src_before.update(s)
            gain = len(src_recent) - len(src_before)
            if len(src_recent) < c.weak_sources or gain < c.weak_gain:
                continue
            if c.weak_new >= 0 and len(src_before) > c.weak_new:
                continue  # the term was already about before this week: not new
            if c.weak_words and is_bigram(term):
                continue
            if c.weak_diffusing and not _diffusing(names[:-6], names[-6:], tuple(td.by_source)):
                continue
            if n + sum(items[-6:]) < c.weak_items:
                continue
            if c.weak_accelerating and n + sum(items[-2:]) <= sum(items[-6:-2]):
                continue
            if c.weak_spreading:
                # still spreading: enough newsrooms over the last 3 days, and more than over the 4 before
                src_3d = set(td.by_source).union(*names[-2:])
                if len(src_3d) < c.weak_spreading or len(src_3d) <= len(set().union(*names[-6:-2])):
                    continue
            df_recent = (n + sum(items[-6:])) / 7
            df_before = sum(items[:-6]) / (len(items) - 6)
            growth = df_recent / (df_before + 1 / len(items))
            if growth < c.weak_growth:
                continue
            score = math.log(growth) * gain * (1 - recent_cov / c.weak_visibility)
            if score >= c.weak_min_score:
                details = {"visibility": recent_cov, "df_growth": growth, "sources_7d": len(src_recent),
                           "sources_before": len(src_before), "days_7d": recent_days}
                weak.append(self._flag(counts, term, "weak", score, df_before, _median(sources), details))
        if c.weak_running_candidates:
            today = h.index + 1
            self._seen_running.append((today, frozenset(f.term for f in breaking + rising + bursts)))
            while self._seen_running[0][0] < today - c.refractory_days:
                self._seen_running.popleft()
        if c.min_growth or c.weak_min_growth:
            breaking = [f for f in breaking if "event" in f.details or self._likely(f, c.min_growth)]
            rising = [f for f in rising if self._likely(f, c.min_growth)]
            bursts = [f for f in bursts if self._likely(f, c.min_growth)]
            weak = [f for f in weak if self._likely(f, c.weak_min_growth)]
        if c.weak_record_days:
            # a ceiling, not a quota: no weak flag unless it beats every weak candidate of the last days
            bar = max(self._weak_best, default=0.0)
            self._weak_best.append(max((f.score for f in weak), default=0.0))
            weak = [f for f in weak if f.score > bar]
        if self.on_candidates is not None:
            self.on_candidates(counts, breaking + rising + bursts + weak)
        return self._select(counts, breaking + rising, bursts, weak)

    def _likely(self, flag: Flag, bar: float) -> bool:
        """Whether ``flag``'s estimated probability of growth reaches ``bar`` (noted in its details)."""
        p = _growth_model(flag.detector, growth_features(flag, sum(self.history.series(flag.term)[0][-7:])))
        flag.details["p_growth"] = p
        return p >= bar

    def _running_rows(self, counts: DayCounts, today: int) -> set[int]:
        """Today's items that carry a term flagged (and not as a weak signal) in the last
        ``refractory_days`` observed days: the items of the stories already running. With
        ``weak_running_candidates``, also those of the terms that were breaking, rising or burst candidates
        over those days and today, flagged or not."""
        rows: set[int] = set()
        for term, (d, level) in self._flagged.items():
            td = counts.terms.get(term)
            if td is not None and level > _LEVEL["weak"] and today - d <= self.config.refractory_days:
                rows.update(td.rows)
        if self.config.weak_running_candidates:
            for _, terms in self._seen_running:
                for term in terms:
                    td = counts.terms.get(term)
                    if td is not None:
                        rows.update(td.rows)
        return rows

    def _new_names(self, counts: DayCounts, rows: set[int]) -> list[str]:
        """Words of a breaking flag's items that are as new as the story: in two sources or more today,
        most of their items among the flag's, in at most one source a day before in the window (the
        place of a disaster, the name of a victim: « derna » beside « inondations libye »); most items
        first."""
        found = []
        for term, td in counts.terms.items():
            if td.sources < 2 or is_bigram(term):
                continue
            inside = sum(1 for r in td.rows if r in rows)
            if inside * 2 <= len(td.rows):
                continue
            if max(self.history.series(term)[1], default=0) > 1:
                continue
            found.append((-td.items, term))
        return [t for _, t in sorted(found)]

    def _flag(self, counts: DayCounts, term: str, detector: str, score: float, base_items: float,
              base_sources: float, details: dict[str, float]) -> Flag:
        td = counts.terms[term]
        return Flag(counts.day, term, detector, score, td.items, td.sources, counts.active_sources, base_items,
                    base_sources, self.history.first_seen(term), tuple(counts.samples(term, self.config.samples)),
                    details)

    def _select(self, counts: DayCounts, breaking: list[Flag], bursts: list[Flag], weak: list[Flag]) -> list[Flag]:
        """Breaking first, then weak signals (up to their own budget: they would never outrank a burst),
        then bursts. A term that shares most of its items with a term already taken joins it as
        ``related``. A term flagged in the last ``refractory_days`` observed days is not flagged again
        unless it moves up (weak → burst → breaking); it still takes in the terms of its items, so a
        story already flagged stays quiet. With ``merge_contained``, "most of its items" is counted
        over the joining term's own items (« birkin morte » joins « birkin »), and the group's flag is
        that of its term with the most items today, the others related: one story, one flag, named
        by its widest term."""
        c = self.config
        today = self.history.index + 1
        order = lambda f: (-f.score, f.term)  # noqa: E731
        groups: list[tuple[Flag, set[int], list[Flag], bool]] = []
        shown = 0

        def offer(flag: Flag) -> bool:
            nonlocal shown
            rows = set(counts.terms[flag.term].rows)
            for _, head_rows, rel, _ in groups:
                inter = len(rows & head_rows)
                # contained: most of the candidate's own items (a wider term is not pulled into a narrower one)
                whole = len(rows) if c.merge_contained else len(rows | head_rows)
                if inter and inter / whole >= c.merge_overlap:
                    rel.append(flag)
                    return False
            last = self._flagged.get(flag.term)
            new = last is None or today - last[0] > c.refractory_days or _LEVEL[flag.detector] > last[1]
            groups.append((flag, rows, [], new))
            shown += new
            return new

        for f in sorted(breaking, key=order):
            if shown >= c.budget:
                break
            offer(f)
        n_weak = 0
        weak_room = c.weak_budget
        if c.weak_week_budget:
            weak_room = min(weak_room, c.weak_week_budget - sum(self._weak_shown))
        running = self._running_rows(counts, today) if c.weak_running and weak else set()
        for f in sorted(weak, key=order):
            if shown >= c.budget or n_weak >= weak_room:
                break
            if running:
                rows = counts.terms[f.term].rows
                if sum(1 for r in rows if r in running) >= c.merge_overlap * len(rows):
                    continue  # a side term of a story already flagged and still running
            n_weak += offer(f)
        self._weak_shown.append(n_weak)
        for f in sorted(bursts, key=order):
            if shown >= c.budget:
                break
            offer(f)
        out = []
        for f, rows, rel, new in groups:
            if new:
                for member in (f, *rel):
                    self._flagged[member.term] = (today, _LEVEL[f.detector])
                if c.merge_contained:
                    widest = max((f, *rel), key=lambda m: m.items)  # the first of equals: the head
                    related = [m.term for m in (f, *rel) if m is not widest]
                else:
                    widest, related = f, [m.term for m in rel]
                if f.detector == "breaking" and c.breaking_names:
                    taken = {f.term, *related}
                    related += [t for t in self._new_names(counts, rows) if t not in taken][: c.breaking_names]
                out.append(_with_related(widest, related))
        for term in [t for t, (d, _) in self._flagged.items() if today - d > c.refractory_days]:
            del self._flagged[term]
        return out


def _diffusing(before: list[tuple[str, ...]], week: list[tuple[str, ...]], today: tuple[str, ...]) -> bool:
    """Whether a term's diffusion accelerates: more newsrooms new to it (never carrying it earlier in the
    window) over the last 3 days, today included, than over the 4 days before them."""
    seen: set[str] = set().union(*before)
    new = []
    for names in (*week, today):
        fresh = set(names) - seen
        new.append(len(fresh))
        seen |= fresh
    return sum(new[-3:]) > sum(new[:-3])


# A logistic model of growth (the eval's confirmation: the term's items over the next 7 observed days
# reach 20 and twice those of the 7 days before), one per kind of flag: the intercept, then the weights of
# log(1 + items today), coverage today, log(1 + items over the 7 observed days before), items per source,
# a pair of words (1) or a word (0), and the days since the term entered the window over 28. Fitted on
# the candidates (before selection) of the replay of fr-news-rss-2023-2024 from 2023-07-01 to 2023-12-31
# only (``python -m vigie.eval.signals --fit-growth 2024-01-01``); the eval reports the later months
# apart. What it learned: items today count most (a story that has several items in a day keeps
# growing), coverage alone does not.
GROWTH_MODEL: dict[str, tuple[float, tuple[float, ...]]] = {
    "breaking": (-7.122, (1.886, -0.014, 0.587, -0.001, 0.292, 0.138)),
    "rising": (-5.67, (2.419, -0.051, 0.598, -1.082, -0.241, 0.035)),
    "burst": (-4.201, (1.199, -0.365, 0.054, 0.064, -0.386, 0.023)),
    # refitted in the seventh session on the weak candidates of the sixth session's gates (new single words in
    # five newsrooms, not part of a running story), July–December 2023 only: 372 candidates, 5.4 % grew
    "weak": (-4.223, (0.507, 0.693, 0.05, 0.161, 0.0, 0.2)),
}


GROWTH_FEATURES = ("log_items", "coverage", "log_items_before", "items_per_source", "bigram", "age_over_28")


def growth_inputs(items: int, sources: int, active_sources: int, items_before: int, bigram: bool,
                  age_days: int) -> tuple[float, ...]:
    """The features of :data:`GROWTH_MODEL` (named in :data:`GROWTH_FEATURES`), in its order."""
    return (math.log1p(items), sources / max(1, active_sources), math.log1p(items_before), items / max(1, sources),
            1.0 if bigram else 0.0, age_days / 28)


def growth_features(flag: Flag, items_before: int) -> tuple[float, ...]:
    """A candidate flag's features (``items_before``: its term's items over the 7 observed days before)."""
    age = (flag.day - flag.first_seen).days if flag.first_seen else 0
    return growth_inputs(flag.items, flag.sources, flag.active_sources, items_before, is_bigram(flag.term), age)


def growth_probability(detector: str, items: int, sources: int, active_sources: int, items_before: int,
                       bigram: bool, age_days: int) -> float:
    """The estimated probability that a flag of this kind is confirmed by growth (:data:`GROWTH_MODEL`)."""
    return _growth_model(detector, growth_inputs(items, sources, active_sources, items_before, bigram, age_days))


def _growth_model(detector: str, features: tuple[float, ...]) -> float:
    b, w = GROWTH_MODEL[detector]
    return 1 / (1 + math.exp(-(b + sum(wi * xi for wi, xi in zip(w, features)))))


@cache
def event_words() -> frozenset[str]:
    """Words that name a disaster, an act of violence or of war (``lang/<lang>/signal_events.txt``)."""
    out: set[str] = set()
    for code in lang.LANGUAGES:
        try:
            out.update(lang.lines(code, "signal_events.txt"))
        except FileNotFoundError:
            continue
    return frozenset(out)


@cache
def place_words() -> frozenset[str]:
    """The one-word names of countries in the actor gazetteer (``resources/actors/curated/names.tsv``):
    short names, aliases, adjectives and seats, folded like terms (« Libye », « libyen », « Tripoli »)."""
    curated = resources.files("vigie.resources.actors").joinpath("curated")
    igos = {line.split("\t", 1)[0] for line in curated.joinpath("igos.tsv").read_text(encoding="utf-8").splitlines()
            if line and not line.startswith("#")}
    out: set[str] = set()
    for line in curated.joinpath("names.tsv").read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        if line.startswith("#") or len(cols) < 3 or cols[0] in igos or cols[1] not in lang.LANGUAGES:
            continue
        for col in cols[2:6]:
            for name in col.split("|"):
                toks = [w for clause in words(name.rstrip("?"), frozenset()) for w in clause]
                if len(toks) == 1:
                    out.add(toks[0])
    return frozenset(out)


def event_pair(term: str) -> bool:
    """A pair of words joining an event word and a place (« inondations libye », « seisme maroc »)."""
    parts = term.split(" ")
    if len(parts) != 2:
        return False
    a, b = parts
    ev, places = event_words(), place_words()
    return (a in ev and b in places) or (b in ev and a in places)


_LEVEL = {"weak": 0, "burst": 1, "rising": 1, "breaking": 2}


def _checked(settings: dict[str, Any]) -> dict[str, Any]:
    known = {f.name: f.type for f in fields(SignalConfig)}
    for k in settings:
        if k not in known:
            raise TypeError(f"unknown setting {k!r} (known: {', '.join(known)})")
    return settings


def parse_settings(spec: str) -> dict[str, Any]:
    """``"weak_budget=0,burst_min_score=0.5"`` → settings of :class:`SignalConfig`, typed as its fields."""
    return parse_spec(SignalConfig(), spec)


def _with_related(flag: Flag, related: list[str]) -> Flag:
    if not related:
        return flag
    return Flag(flag.day, flag.term, flag.detector, flag.score, flag.items, flag.sources, flag.active_sources,
                flag.baseline_items, flag.baseline_sources, flag.first_seen, flag.samples, flag.details,
                tuple(related))


def days_of(records: Iterable[tuple[date, Item]]) -> Iterator[tuple[date, list[Item]]]:
    """Group a stream of (day, item) records, in day order, into (day, items)."""
    last: date | None = None
    for day, group in groupby(records, key=lambda r: r[0]):
        if last is not None and day <= last:
            raise ValueError(f"records must come in day order: {day} after {last}")
        last = day
        yield day, [item for _, item in group]


def replay(days: Iterable[tuple[date, list[Item] | DayCounts]], detectors: Iterable[Detector], *,
           masked: Iterable[date] = (), warmup: int = 7, gap: int = 3) -> Iterator[tuple[date, dict[str, list[Flag]]]]:
    """Feed every detector day by day; yield each observed day's flags per detector name.

    Days in ``masked`` are dropped (not observed). The first ``warmup`` observed days, and the first
    day after ``gap`` or more masked or absent days (its items are the backlog of the gap), are learned
    without flags.
    """
    detectors = list(detectors)
    masked = set(masked)
    seen = 0
    last: date | None = None
    for day, data in days:
        if day in masked:
            continue
        counts = data if isinstance(data, DayCounts) else count_day(day, data)
        emit = seen >= warmup and (last is None or (day - last).days <= gap)
        flags = {d.name: d.feed_counts(counts, emit=emit) for d in detectors}
        seen += 1
        last = day
        yield day, flags
