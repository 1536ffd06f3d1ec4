"""``vigie source add|list|remove|check|import|export`` and ``vigie fetch``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from vigie.cli.common import EXIT_FAILURE, EXIT_OK, error, print_json


def add_parsers(sub, parent) -> None:
    net = argparse.ArgumentParser(add_help=False)
    net.add_argument("--allow-private", action="store_true",
                     help="allow loopback/private/link-local addresses (refused by default; also VIGIE_ALLOW_PRIVATE=1)")
    net.add_argument("--timeout", type=float, help="seconds per connect/read (default 20)")

    src = sub.add_parser("source", help="manage the feeds vigie polls")
    ssub = src.add_subparsers(dest="source_command", metavar="SUBCOMMAND", required=True)
    p = ssub.add_parser("add", parents=[parent, net], help="add RSS/Atom feeds")
    p.add_argument("urls", nargs="+", metavar="URL")
    p.add_argument("--title")
    p.add_argument("--check", action="store_true", help="fetch each feed once and refuse it if it is not a feed")
    p.set_defaults(run=run_add)
    p = ssub.add_parser("list", parents=[parent], help="sources and their health")
    p.set_defaults(run=run_list)
    p = ssub.add_parser("remove", parents=[parent], help="remove sources (by id or URL)")
    p.add_argument("ids", nargs="+", metavar="ID|URL")
    p.set_defaults(run=run_remove)
    p = ssub.add_parser("check", parents=[parent, net], help="fetch and parse feeds now, without storing anything")
    p.add_argument("ids", nargs="*", metavar="ID|URL", help="default: all sources")
    p.set_defaults(run=run_check)
    p = ssub.add_parser("import", parents=[parent], help="add the feeds of an OPML file")
    p.add_argument("file", type=Path)
    p.set_defaults(run=run_import)
    p = ssub.add_parser("export", parents=[parent], help="write the sources as OPML")
    p.add_argument("--output", "-o", type=Path, help="file to write (default: stdout)")
    p.set_defaults(run=run_export)

    p = sub.add_parser("fetch", parents=[parent, net], help="poll due feeds and ingest their new articles")
    p.add_argument("ids", nargs="*", metavar="ID|URL", help="only these sources (polled even if not due)")
    p.add_argument("--force", action="store_true", help="poll every source now, due or not")
    p.add_argument("--max-entries", type=int, default=50, help="articles fetched per feed and poll (default 50)")
    p.add_argument("--interval", type=int, default=1800, help="seconds between polls of a healthy feed")
    p.set_defaults(run=run_fetch)


def _store(args):
    from vigie.store import open_store

    return open_store(args.db)


def _list_sources(args):
    store = _store(args)
    try:
        return store.list_sources()
    finally:
        store.close()


def _fetcher(args):
    from vigie.ingest.fetch import Fetcher, FetchPolicy

    return Fetcher(FetchPolicy.from_env(allow_private=True if args.allow_private else None, timeout=args.timeout))


def run_add(args: argparse.Namespace) -> int:
    from vigie.poll import check_feed

    store, failed, added = _store(args), 0, []
    fetcher = _fetcher(args) if args.check else None
    try:
        for url in args.urls:
            if not url.lower().startswith(("http://", "https://")):
                error(url, "not an http(s) URL")
                failed += 1
                continue
            if fetcher:
                report = check_feed(url, fetcher)
                if report.status == "error":
                    error(url, report.error)
                    failed += 1
                    continue
            source, created = store.add_source(url, args.title)
            added.append({**source.to_json(), "created": created})
    finally:
        store.close()
        if fetcher:
            fetcher.close()
    if args.json:
        print_json({"sources": added})
    else:
        for s in added:
            print(f"{s['id']:4}  {'added' if s['created'] else 'already there'}  {s['url']}")
    return EXIT_FAILURE if failed else EXIT_OK


def run_list(args: argparse.Namespace) -> int:
    sources = _list_sources(args)
    if args.json:
        print_json({"sources": [s.to_json() for s in sources]})
        return EXIT_OK
    if not sources:
        print("no sources; add one with `vigie source add URL`")
    for s in sources:
        health = "ok" if not s.consecutive_errors else f"{s.consecutive_errors} error(s): {s.last_error}"
        print(f"{s.id:4}  {s.url}\n      {s.title or ''}  last success {s.last_success or 'never'} · "
              f"next try {s.next_try or 'now'} · {health}")
    return EXIT_OK


def run_remove(args: argparse.Namespace) -> int:
    store, removed, failed = _store(args), [], 0
    try:
        for key in args.ids:
            if store.remove_source(key):
                removed.append(key)
            else:
                error(key, "no such source")
                failed += 1
    finally:
        store.close()
    if args.json:
        print_json({"removed": removed})
    else:
        for key in removed:
            print(f"removed {key}")
    return EXIT_FAILURE if failed else EXIT_OK


def run_check(args: argparse.Namespace) -> int:
    from vigie.poll import check_feed

    sources = _list_sources(args)
    urls = [s.url for s in sources if not args.ids or str(s.id) in args.ids or s.url in args.ids]
    urls += [u for u in args.ids if u.startswith(("http://", "https://")) and u not in urls]
    with _fetcher(args) as fetcher:
        reports = [check_feed(url, fetcher) for url in urls]
    if args.json:
        print_json({"checks": [r.to_json() for r in reports]})
    for r in reports:
        if r.status == "error":
            error(r.url, r.error)
        elif not args.json:
            print(f"ok  {r.entries:4} entries  {r.url}")
    return EXIT_FAILURE if any(r.status == "error" for r in reports) else EXIT_OK


def run_import(args: argparse.Namespace) -> int:
    from vigie.errors import ItemError
    from vigie.ingest.opml import read_opml

    try:
        feeds = read_opml(str(args.file), args.file.read_bytes())
    except OSError as e:
        error(str(args.file), f"cannot read file ({e.strerror or e})")
        return EXIT_FAILURE
    except ItemError as e:
        error(e.item, e.reason)
        return EXIT_FAILURE
    store, created = _store(args), 0
    try:
        for url, title in feeds:
            created += store.add_source(url, title)[1]
    finally:
        store.close()
    if args.json:
        print_json({"feeds": len(feeds), "added": created})
    else:
        print(f"{len(feeds)} feeds in {args.file}, {created} new")
    return EXIT_OK


def run_export(args: argparse.Namespace) -> int:
    from vigie.ingest.opml import write_opml

    sources = _list_sources(args)
    opml = write_opml([(s.url, s.title) for s in sources])
    if args.json and not args.output:
        print_json({"opml": opml, "feeds": len(sources)})
        return EXIT_OK
    if args.output:
        args.output.write_text(opml, encoding="utf-8")
    else:
        sys.stdout.write(opml)
    return EXIT_OK


def run_fetch(args: argparse.Namespace) -> int:
    from vigie.poll import poll

    store = _store(args)
    try:
        with _fetcher(args) as fetcher:
            reports, ingest_report = poll(store, fetcher, force=args.force, only=args.ids or None,
                                          max_entries=args.max_entries, interval_s=args.interval)
    finally:
        store.close()
    for f in ingest_report.failures:
        error(f.item, f.reason)
    if args.json:
        print_json({"sources": [r.to_json() for r in reports], **ingest_report.to_json()})
    else:
        for r in reports:
            print(f"{r.status:12} {r.url}  ({r.entries} entries, {r.new} new; next try {r.next_try})")
        c = ingest_report.counts
        print(f"{c['added']} added, {c['updated']} updated, {c['unchanged']} unchanged, {c['failed']} failed")
    return EXIT_OK if ingest_report.ok else EXIT_FAILURE
