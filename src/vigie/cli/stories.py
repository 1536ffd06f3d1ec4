"""``vigie stories`` (the stories of a period) and ``vigie story ID`` (one story).

Both first cluster the stored articles that are in no story yet (online, in publication order, going
on from the saved state: :func:`vigie.analysis.stories.update_store`), unless ``--no-update``; a run
with nothing new changes nothing. Each story shows its thread (the long-running topic it belongs to:
:mod:`vigie.analysis.threads`). ``--since 7d`` counts back from the newest stored day, like
``vigie signals``, so an archive reads the same as the live store did.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date, timedelta

from vigie.cli.common import EXIT_FAILURE, EXIT_OK, EXIT_USAGE, error, print_json


def add_parsers(sub, parent) -> None:
    p = sub.add_parser("stories", parents=[parent],
                       help="stories: articles clustered online (near-duplicates, then content with a time decay)")
    p.add_argument("--since", default="7d",
                   help="stories with an article from this day on: Nd (N days up to the newest stored day) or "
                        "YYYY-MM-DD (default 7d)")
    p.add_argument("--until", help="last day of the period, YYYY-MM-DD (default: the newest stored day)")
    p.add_argument("--limit", type=int, default=20, help="at most N stories, the largest first (default 20)")
    p.add_argument("--min-size", type=int, default=1, help="only stories of at least N articles (default 1)")
    p.add_argument("--min-sources", type=int, default=1, help="only stories from at least N sources (default 1)")
    _update_options(p)
    p.set_defaults(run=run_stories)

    p = sub.add_parser("story", parents=[parent], help="one story: its articles over time, sources, actors, events")
    p.add_argument("id", help="story id (as `vigie stories` lists it; a merged story's id leads to its survivor)")
    _update_options(p)
    p.set_defaults(run=run_story)


def _update_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--no-update", action="store_true",
                   help="do not cluster the articles stored since the last run first (read only)")
    p.add_argument("--set", dest="settings", default="", metavar="KEY=VALUE[,KEY=VALUE]",
                   help="clustering settings for the articles clustered by this run (e.g. threshold=0.25)")


def _update(store, args) -> bool:
    """Cluster what is new; False after reporting a bad setting or a bad article."""
    from vigie.analysis.stories import Settings, update_store

    if args.no_update:
        return True
    try:
        settings = Settings.parse(args.settings)
    except ValueError as e:
        error("--set", str(e))
        return False
    show = not args.json and sys.stderr.isatty()
    result = update_store(store, settings,
                          progress=(lambda n: sys.stderr.write(f"\rclustered {n} articles")) if show else None)
    if show and result.articles:
        sys.stderr.write(f"\rclustered {result.articles} articles: {result.new_stories} new stories, "
                         f"{result.merges} merges\n")
    return True


def run_stories(args: argparse.Namespace) -> int:
    from vigie.cli.common import period
    from vigie.store import open_store

    for name in ("limit", "min_size", "min_sources"):
        if getattr(args, name) < 1:
            error(f"--{name.replace('_', '-')}", "must be at least 1")
            return EXIT_USAGE
    store = open_store(args.db)
    try:
        if not _update(store, args):
            return EXIT_USAGE
        newest = store.newest_day()
        if newest is None:
            stories, first, last = [], None, None
        else:
            try:
                first, last = period(args.since, args.until, date.fromisoformat(newest))
            except ValueError as e:
                error("--since/--until", str(e))
                return EXIT_USAGE
            stories = store.stories(since=first.isoformat(), until=(last + timedelta(days=1)).isoformat(),
                                    min_size=args.min_size, min_sources=args.min_sources, limit=args.limit)
    finally:
        store.close()
    if args.json:
        print_json({"since": first and first.isoformat(), "until": last and last.isoformat(),
                    "stories": [s.to_json() for s in stories]})
        return EXIT_OK
    if not stories:
        print("no story" + (f" from {first} to {last}" if first else " (the store is empty)"))
    for s in stories:
        days = s.first_day if s.first_day == s.last_day else f"{s.first_day}..{s.last_day}"
        print(f"{s.id}  {s.size:5d} articles  {s.sources:3d} sources  {days:22}  thread {s.thread or '-':18}  "
              f"{s.label}")
    return EXIT_OK


def run_story(args: argparse.Namespace) -> int:
    from vigie.store import open_store

    store = open_store(args.db)
    try:
        if not _update(store, args):
            return EXIT_USAGE
        story = store.story(args.id)
    finally:
        store.close()
    if story is None:
        error(args.id, "no such story")
        return EXIT_FAILURE
    if args.json:
        print_json(story, pretty=True)
        return EXIT_OK
    print(f"{story['id']}  {story['label']}")
    if story["id"] != args.id.strip():
        print(f"  (story {args.id.strip()} was merged into this one)")
    print(f"  {story['size']} articles from {story['sources']} sources, {story['first_day']} to {story['last_day']}")
    if story["thread_info"]:
        t = story["thread_info"]
        print(f"  thread:  {t['id']}  {t['stories']} stories, {t['size']} articles, {t['first_day']} to "
              f"{t['last_day']}  {t['label']}")
    print("  per day: " + ", ".join(f"{d['day']} {d['articles']}" for d in story["days"][-14:]))
    print("  sources: " + ", ".join(f"{s['source']} {s['articles']}" for s in story["by_source"][:10]))
    if story["actors"]:
        print("  actors:  " + ", ".join(f"{a['name'] or a['actor']} {a['articles']}" for a in story["actors"][:10]))
    if story["events"]:
        print("  events:  " + ", ".join(f"{e['type']} {e['source_key'] or '?'}→{e['target_key'] or '?'} {e['events']}"
                                        for e in story["events"][:10]))
    print()
    for a in story["articles"]:
        copy = "  (copy)" if a["duplicate_of"] else ""
        print(f"  {a['day']}  {a['id'][:12]}  {a['source'][:24]:24}  {a['title'] or '(untitled)'}{copy}")
    return EXIT_OK
