"""``vigie ingest PATH...`` and ``vigie annotate PATH...``: the pipeline, with or without a store."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime

from vigie.cli.common import EXIT_FAILURE, EXIT_OK, EXIT_USAGE, error, print_json


def add_parsers(sub, parent) -> None:
    p = sub.add_parser("ingest", parents=[parent], help="read, extract, annotate and store documents",
                       description="Ingest files and folders (.html/.htm, .txt scraped pages, .jsonl; .gz too).")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress bar")
    p.add_argument("--allow-private", action="store_true",
                   help="let URLs point at loopback/private addresses (refused by default)")
    p.set_defaults(run=run_ingest)

    p = sub.add_parser("annotate", parents=[parent], help="run the pipeline without a store and print the result",
                       description="Print each document's article and annotations; one JSON object per line "
                                   "with --json (schema: docs/annotate-json.md).")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--dct", metavar="ISO", help="document creation time to use instead of the publication date")
    p.add_argument("--pretty", action="store_true", help="indent the JSON (one document per line otherwise)")
    p.set_defaults(run=run_annotate)


def run_ingest(args: argparse.Namespace) -> int:
    from vigie.pipeline import ingest
    from vigie.store import open_store

    store = open_store(args.db)
    bar = None
    show_bar = not args.quiet and not args.json and sys.stderr.isatty()

    def on_files_known(n: int) -> None:
        nonlocal bar
        if show_bar:
            from tqdm import tqdm

            bar = tqdm(total=n, unit="file", file=sys.stderr, desc="ingest")

    from vigie.ingest.fetch import Fetcher, FetchPolicy

    fetcher = Fetcher(FetchPolicy.from_env(allow_private=True if args.allow_private else None))
    try:
        report = ingest(args.paths, store, on_file=lambda _p: bar and bar.update(1), on_files_known=on_files_known,
                        fetcher=fetcher)
    finally:
        fetcher.close()
        if bar:
            bar.close()
        store.close()
    for f in report.failures:
        error(f.item, f.reason)
    if args.json:
        print_json({**report.to_json(), "db": str(store.path)})
    else:
        c = report.counts
        print(f"{c['added']} added, {c['updated']} updated, {c['unchanged']} unchanged, "
              f"{c['failed']} failed, {len(report.skipped)} skipped — {store.path}")
    return EXIT_OK if report.ok else EXIT_FAILURE


def run_annotate(args: argparse.Namespace) -> int:
    from vigie.nlp import Annotator
    from vigie.pipeline import collect_files, iter_annotated, iter_articles

    dct = None
    if args.dct:
        try:
            dct = datetime.fromisoformat(args.dct)
        except ValueError:
            error("--dct", f"not an ISO 8601 date or date-time: {args.dct!r}")
            return EXIT_USAGE
    files, skipped, failures = collect_files(args.paths)
    for f in failures:
        error(f.item, f.reason)
    failed = len(failures)
    for result in iter_annotated(iter_articles(files), Annotator(), dct=dct):
        if not hasattr(result, "article"):
            error(result.item, result.reason)
            failed += 1
            continue
        if args.json:
            print_json(result.to_json(), pretty=args.pretty)
        else:
            a = result.article
            print(f"{a.item}\n  {a.title!r} · {result.language} · {a.published or 'undated'} · "
                  f"{len(result.sentences)} sentences · {len(result.entities)} entities")
            for e in result.entities:
                print(f"    {e.label:5} {e.text}  [{e.start}:{e.end}]")
    for s in skipped:
        sys.stderr.write(f"vigie: skipped: {s.item}: {s.reason}\n")
    return EXIT_FAILURE if failed else EXIT_OK
