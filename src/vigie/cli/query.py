"""Read-only commands over the store: search, show, stats, facets, timeline."""

from __future__ import annotations

import argparse
import textwrap

from vigie.cli.common import EXIT_FAILURE, EXIT_OK, EXIT_USAGE, error, print_json


def add_parsers(sub, parent) -> None:
    p = sub.add_parser("search", parents=[parent], help="full-text search (case, accents and elisions folded)")
    p.add_argument("query", nargs="+")
    p.add_argument("--limit", type=int, default=20)
    p.set_defaults(run=run_search)

    p = sub.add_parser("show", parents=[parent], help="one stored document with its annotations")
    p.add_argument("id", help="document id, or a unique prefix of it")
    p.set_defaults(run=run_show)

    p = sub.add_parser("stats", parents=[parent], help="what the store holds")
    p.set_defaults(run=run_stats)

    p = sub.add_parser("facets", parents=[parent], help="document counts per value of a field")
    p.add_argument("field", help="language, source, author, extractor, or entity:PER|LOC|ORG|MISC")
    p.add_argument("--query", "-q", help="only documents matching this search")
    p.add_argument("--limit", type=int, default=20)
    p.set_defaults(run=run_facets)

    p = sub.add_parser("timeline", parents=[parent], help="documents per day/week/month of publication")
    p.add_argument("--query", "-q", help="only documents matching this search")
    p.add_argument("--interval", choices=["day", "week", "month", "year"], default="month")
    p.set_defaults(run=run_timeline)


def _store(args):
    from vigie.store import open_store

    return open_store(args.db)


def run_search(args: argparse.Namespace) -> int:
    store = _store(args)
    try:
        hits = store.search(" ".join(args.query), limit=args.limit)
    finally:
        store.close()
    if args.json:
        print_json({"query": " ".join(args.query), "hits": [h.to_json() for h in hits]})
        return EXIT_OK
    if not hits:
        print("no match")
    for h in hits:
        copy = f"  (copy of {h.duplicate_of})" if h.duplicate_of else ""
        print(f"{h.id}  {(h.published or '')[:10]:10}  {h.title or '(untitled)'}{copy}")
        print(textwrap.indent(textwrap.fill(h.snippet.replace("\n", " "), 96), "    "))
    return EXIT_OK


def run_show(args: argparse.Namespace) -> int:
    store = _store(args)
    try:
        doc = store.get(args.id)
    finally:
        store.close()
    if doc is None:
        error(args.id, "no such document (or the prefix matches several)")
        return EXIT_FAILURE
    if args.json:
        print_json(doc, pretty=True)
        return EXIT_OK
    a, ann = doc["article"], doc["annotations"]
    print(a["title"] or "(untitled)")
    for key in ("url", "source", "author", "published", "updated", "language"):
        if a.get(key):
            print(f"  {key:10} {a[key]}")
    print(f"  {'id':10} {doc['id']}")
    if doc.get("duplicate_of"):
        print(f"  {'copy of':10} {doc['duplicate_of']}")
    if doc.get("near_duplicates"):
        print(f"  {'copies':10} {', '.join(doc['near_duplicates'])}")
    if a.get("lede"):
        print("\n" + textwrap.fill(a["lede"], 96))
    for c in a["captions"]:
        print(f"\n[caption] {c['text']}" + (f" ({c['credit']})" if c["credit"] else ""))
    print("\n" + "\n\n".join(textwrap.fill(p, 96) for p in a["body"].split("\n\n")))
    ents = sorted({(e["label"], e["text"]) for e in ann["entities"]})
    if ents:
        print("\nentities: " + "; ".join(f"{t} ({lbl})" for lbl, t in ents))
    return EXIT_OK


def run_stats(args: argparse.Namespace) -> int:
    store = _store(args)
    try:
        stats = store.stats()
        stats["top_entities"] = {label: store.facets(f"entity:{label}", limit=10) for label in ("PER", "ORG", "LOC")}
        stats["sources_top"] = store.facets("source", limit=10)
    finally:
        store.close()
    if args.json:
        print_json(stats, pretty=True)
        return EXIT_OK
    print(f"{stats['documents']} documents, {stats['entities']} entity mentions, {stats['sources']} sources "
          f"in {stats['db']} (schema v{stats['schema_version']}, {stats['size_bytes'] / 1e6:.1f} MB)")
    if stats["published_first"]:
        print(f"published {stats['published_first'][:10]} → {stats['published_last'][:10]} (UTC)")
    print("languages: " + ", ".join(f"{k} {v}" for k, v in stats["languages"].items()))
    for label, values in stats["top_entities"].items():
        if values:
            print(f"top {label}: " + ", ".join(f"{v} ({n})" for v, n in values))
    return EXIT_OK


def run_facets(args: argparse.Namespace) -> int:
    store = _store(args)
    try:
        values = store.facets(args.field, query=args.query, limit=args.limit)
    except ValueError as e:
        error(args.field, str(e))
        return EXIT_USAGE
    finally:
        store.close()
    if args.json:
        print_json({"field": args.field, "query": args.query, "values": [{"value": v, "count": n} for v, n in values]})
    else:
        for v, n in values:
            print(f"{n:6}  {v}")
    return EXIT_OK


def run_timeline(args: argparse.Namespace) -> int:
    store = _store(args)
    try:
        series = store.time_series(query=args.query, interval=args.interval)
    finally:
        store.close()
    if args.json:
        print_json({"interval": args.interval, "query": args.query,
                    "series": [{"period": p, "count": n} for p, n in series]})
    else:
        peak = max((n for _, n in series), default=1)
        for p, n in series:
            print(f"{p:10} {n:5} {'█' * max(1, round(40 * n / peak))}")
    return EXIT_OK
