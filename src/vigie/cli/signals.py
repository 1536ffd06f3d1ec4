"""``vigie signals``: what is new and growing in the store, each signal explained.

The stored articles of the period, and of the ``--baseline`` days before it, are fed day by day
(UTC publication days, through :func:`vigie.analysis.current.detect`) to vigie's term detector
(:class:`~vigie.analysis.signals.SignalDetector`: terms counted once per source per day and divided
by the day's active sources); when the store holds actor mentions and events, the annotation detectors of :mod:`vigie.analysis.novelty` run beside it
(new co-occurrences of actors, new event types for a dyad). Only the days of the period raise
signals; the days before it are the baseline. ``--since 7d`` counts back from the newest stored day,
so an archive replayed later reads the same as the live store did.
"""

from __future__ import annotations

import argparse
from datetime import date

from vigie.analysis.current import detect
from vigie.cli.common import EXIT_OK, EXIT_USAGE, error, period, print_json


def add_parsers(sub, parent) -> None:
    p = sub.add_parser("signals", parents=[parent],
                       help="what is new and growing in the stored articles: breaking terms, bursts, weak signals, "
                            "new actor pairs and new event types for a dyad, each explained")
    p.add_argument("--since", default="7d",
                   help="first day of the period: Nd (N days up to the newest stored day) or YYYY-MM-DD (default 7d)")
    p.add_argument("--until", help="last day of the period, YYYY-MM-DD (default: the newest stored day)")
    p.add_argument("--limit", type=int, default=30, help="at most N signals shown, newest day first (default 30)")
    p.add_argument("--budget", type=int, default=10, help="at most N term signals a day (default 10)")
    p.add_argument("--baseline", type=int, default=28,
                   help="days before the period the detectors learn from (default 28, at least 7)")
    p.set_defaults(run=run_signals)


def run_signals(args: argparse.Namespace) -> int:
    from vigie.store import open_store

    for name, value, low in (("--limit", args.limit, 1), ("--budget", args.budget, 1), ("--baseline", args.baseline, 7)):
        if value < low:
            error(name, f"must be at least {low} (got {value})")
            return EXIT_USAGE
    store = open_store(args.db)
    try:
        newest = store.newest_day()
        if newest is None:
            if args.json:
                print_json({"signals": [], "note": "the store holds no article"})
            else:
                print("no article in the store: nothing to detect")
            return EXIT_OK
        try:
            first, last = period(args.since, args.until, date.fromisoformat(newest))
        except ValueError as e:
            error("signals", str(e))
            return EXIT_USAGE
        found = detect(store, first, last, budget=args.budget, baseline=args.baseline)
        for what, day, n in found["skipped"]:
            error(f"{what} of day {day!r}", f"not a date (YYYY-MM-DD): {n} skipped")
    finally:
        store.close()
    shown = found["flags"][: args.limit]
    titles = found["titles"]
    if args.json:
        print_json({
            "since": first.isoformat(), "until": last.isoformat(), "newest_day": newest,
            "baseline_from": found["baseline_from"].isoformat(), "articles": found["articles"],
            "signals": [{**f.to_json(), "samples": [{"id": i, "title": titles.get(i, "")} for i in f.samples]}
                        for f in shown],
            "more": len(found["flags"]) - len(shown),
        }, pretty=True)
        return EXIT_OK
    print(f"signals of {first} → {last} ({found['articles']} articles from {found['baseline_from']}, "
          f"{found['mentions']} actor mentions, {found['events']} events; newest stored day {newest})")
    if not shown:
        print("no signal: nothing new or growing beyond its baseline")
    for f in shown:
        print("\n" + f.explain())
        for i in f.samples[:3]:
            print(f"    {i[:12]}  {titles.get(i, '')[:100]}")
    if len(found["flags"]) > len(shown):
        print(f"\n… {len(found['flags']) - len(shown)} more (--limit)")
    return EXIT_OK
