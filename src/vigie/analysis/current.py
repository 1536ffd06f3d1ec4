"""What is new and growing in the store now: the signal detectors run over stored data.

``detect`` feeds the stored articles of a period, and of the baseline days before it, day by day to
the term detector (:mod:`vigie.analysis.signals`) and, when the store holds actor mentions and
events, to the annotation detectors (:mod:`vigie.analysis.novelty`). ``vigie signals``, the web
workspace and the daily briefing all read signals through it.
"""

from __future__ import annotations

from datetime import date, timedelta
from itertools import groupby
from typing import Any
from urllib.parse import urlsplit


def source_name(value: str) -> str:
    """A stored source (a name, or a URL when none was stored) → one name per newsroom."""
    from vigie.analysis.terms import publisher

    if "/" in value:
        value = urlsplit(value).hostname or value
    return publisher(value) if "." in value and " " not in value else value


def _days(rows, what: str, skipped: list[tuple[str, str, int]]):
    """(day, rows of that day) in order; a day that is not a date goes to ``skipped`` (what, the
    day, how many rows) and its rows are left out."""
    for day_s, group in groupby(rows, key=lambda r: r[0]):
        try:
            day = date.fromisoformat(day_s or "")
        except ValueError:
            skipped.append((what, day_s, sum(1 for _ in group)))
            continue
        yield day, list(group)


def detect(store, first: date, last: date, *, budget: int = 10, baseline: int = 28) -> dict[str, Any]:
    """Every signal of the days [first, last], learned from the ``baseline`` days before them.
    ``skipped`` in the result lists the stored days that are not dates (what, day, rows)."""
    from vigie.analysis.novelty import DyadTypeDetector, EventRow, Mention, PairDetector
    from vigie.analysis.signals import SignalDetector
    from vigie.analysis.terms import Item

    start = first - timedelta(days=baseline)
    lo, hi = start.isoformat(), (last + timedelta(days=1)).isoformat()
    titles: dict[str, str] = {}
    skipped: list[tuple[str, str, int]] = []
    terms = SignalDetector(budget=budget, window=max(7, baseline))
    flags = []
    n_articles = 0
    articles = store.articles_by_day(lo, hi)
    for day, rows in _days(articles, "articles", skipped):
        items = []
        for _, doc_id, source, title, lede in rows:
            titles[doc_id] = title
            items.append(Item(doc_id, source_name(source), title, lede))
        n_articles += len(items)
        day_flags = terms.feed(day, items, emit=day >= first)
        flags.extend(f for f in day_flags if day >= first)
        if day < first:
            titles = {}  # only the period's samples are shown
    mentions = store.actor_mentions_by_day(lo, hi)
    pairs = PairDetector(window=max(7, baseline))
    for day, rows in _days(mentions, "actor mentions", skipped):
        found = pairs.feed(day, [Mention(d, source_name(s), a, n) for _, d, s, a, n in rows], emit=day >= first)
        flags.extend(found)
    events = store.dyad_events_by_day(lo, hi)
    dyads = DyadTypeDetector(window=max(7, baseline))
    for day, rows in _days(events, "events", skipped):
        found = dyads.feed(day, [EventRow(d, source_name(s), a, t, ty, an, tn) for _, d, s, a, t, ty, an, tn in rows],
                           emit=day >= first)
        flags.extend(found)
    missing = [i for f in flags for i in f.samples if i not in titles]
    for doc_id in dict.fromkeys(missing):
        doc = store.get(doc_id)
        titles[doc_id] = (doc or {}).get("article", {}).get("title") or ""
    flags.sort(key=lambda f: (f.day, f.score), reverse=True)
    return {"first": first, "last": last, "baseline_from": start, "articles": n_articles,
            "mentions": len(mentions), "events": len(events), "flags": flags, "titles": titles, "skipped": skipped}
