"""Event commands over the store: ``vigie events`` (who did what to whom), ``vigie dyad A B``
(the relation between two actors over time) and ``vigie export events`` (PLOVER JSONL or a
GDELT-style TSV)."""

from __future__ import annotations

import argparse
import csv
import json
import sys
from typing import Any

from vigie.cli.common import EXIT_FAILURE, EXIT_OK, day_range, print_json

# The GDELT-style TSV, column by column (documented in docs/cli.md).
GDELT_COLUMNS = (
    "EventID", "Day", "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1Type1Code",
    "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2Type1Code", "EventCode", "EventRootCode", "QuadClass",
    "GoldsteinScale", "NumMentions", "ActionGeo_FullName", "DateAdded", "SourceURL", "PloverType", "PloverMode",
    "Negated", "Hypothetical", "Historical", "DocumentID", "Sentence",
)


def add_parsers(sub, parent) -> None:
    p = sub.add_parser("events", parents=[parent], help="stored events: who did what to whom, newest first")
    p.add_argument("--source", help="acting actor: id or name (NATO, Russie, Lavrov → his country)")
    p.add_argument("--target", help="actor acted upon")
    p.add_argument("--between", nargs=2, metavar=("A", "B"), help="both directions between two actors")
    p.add_argument("--type", help="PLOVER type (SANCTION, CONSULT…)")
    p.add_argument("--since", help="events on or after this day (YYYY-MM-DD)")
    p.add_argument("--until", help="events before this day (YYYY-MM-DD)")
    p.add_argument("--limit", type=int, default=50)
    p.add_argument("--all", action="store_true",
                   help="also hypothetical events and events with no known participant (left out by default)")
    p.set_defaults(run=run_events)

    p = sub.add_parser("dyad", parents=[parent], help="two actors over time: events per period, cooperation vs conflict")
    p.add_argument("a")
    p.add_argument("b")
    p.add_argument("--interval", choices=["day", "week", "month", "year"], default="week")
    p.set_defaults(run=run_dyad)

    p = sub.add_parser("export", parents=[parent], help="export stored data")
    what = p.add_subparsers(dest="what", metavar="WHAT", required=True)
    e = what.add_parser("events", parents=[parent], help="all stored events as PLOVER JSONL or a GDELT-style TSV")
    e.add_argument("--format", choices=["plover", "gdelt"], default="plover")
    e.add_argument("--output", "-o", help="file to write (default: standard output)")
    e.add_argument("--since")
    e.add_argument("--until")
    e.set_defaults(run=run_export_events)


def actor_key(query: str | None) -> str | None:
    """What events are keyed on: an IGO id, else a country code; a person counts for their country."""
    if not query:
        return None
    from vigie.cli.actors import find_actor

    actor, _ = find_actor(query)
    if actor is None:
        return query.upper() if len(query) == 3 and query.isalpha() else query
    if actor.type in ("igo", "country"):
        return actor.id
    return actor.igo or actor.country or actor.id


def run_events(args: argparse.Namespace) -> int:
    from vigie.store import open_store

    days = day_range(args)
    if days is None:
        return EXIT_FAILURE
    since, until = days
    a, b = (args.between if args.between else (args.source, args.target))
    store = open_store(args.db)
    try:
        rows = store.events(source=actor_key(a), target=actor_key(b), either=bool(args.between), type=args.type,
                            since=since, until=until, limit=args.limit, known_only=not args.all)
    finally:
        store.close()
    if args.json:
        print_json({"events": rows})
        return EXIT_OK
    if not rows:
        print("no event found")
    for r in rows:
        flags = "".join(f" [{f}]" for f in ("hypothetical", "historical") if r[f])
        print(f"{(r['date'] or r['day'] or '?'):10}  {r['type']:9} {_who(r, 'source') or '?'} → {_who(r, 'target') or '—'}"
              f"  ({r['trigger']}){flags}  {r['doc_id']}")
    return EXIT_OK


def _who(row: dict[str, Any], side: str) -> str | None:
    """An event's participant as shown: its name, else its code with its sector ("FRA/JUD": the
    French judiciary, from "la justice française")."""
    if row.get(f"{side}_name"):
        return row[f"{side}_name"]
    key, sector = row.get(f"{side}_key"), row.get(f"{side}_sector")
    return f"{key}/{sector}" if key and sector else key


def run_dyad(args: argparse.Namespace) -> int:
    from vigie.store import open_store

    a, b = actor_key(args.a), actor_key(args.b)
    store = open_store(args.db)
    try:
        series = store.dyad_series(a, b, interval=args.interval)
    finally:
        store.close()
    if args.json:
        print_json({"a": a, "b": b, "interval": args.interval, "series": series})
        return EXIT_OK
    if not series:
        print(f"no event between {a} and {b}")
    for r in series:
        bar = "+" * (r["cooperation"] or 0) + "-" * (r["conflict"] or 0)
        print(f"{r['period']:10} {r['events']:4} events  Goldstein {r['goldstein'] or 0:+6.1f}  {bar}  {r['types']}")
    return EXIT_OK


def run_export_events(args: argparse.Namespace) -> int:
    from vigie.store import open_store

    days = day_range(args)
    if days is None:
        return EXIT_FAILURE
    since, until = days
    store = open_store(args.db)
    try:
        rows = store.events(since=since, until=until, limit=None)
    finally:
        store.close()
    out = open(args.output, "w", encoding="utf-8", newline="") if args.output else sys.stdout
    try:
        if args.format == "plover":
            for r in rows:
                out.write(json.dumps(plover_record(r), ensure_ascii=False) + "\n")
        else:
            writer = csv.writer(out, delimiter="\t", lineterminator="\n")
            writer.writerow(GDELT_COLUMNS)
            for r in rows:
                writer.writerow(gdelt_row(r))
    finally:
        if args.output:
            out.close()
    return EXIT_OK


def _actor(r: dict[str, Any], side: str) -> dict[str, Any] | None:
    if not any(r[f"{side}_{k}"] for k in ("actor", "name", "country", "igo")):
        return None
    return {"text": r[f"{side}_name"], "actor": r[f"{side}_actor"], "code": r[f"{side}_igo"] or r[f"{side}_country"],
            "country": r[f"{side}_country"], "igo": r[f"{side}_igo"], "sector": r[f"{side}_sector"]}


def plover_record(r: dict[str, Any]) -> dict[str, Any]:
    """A stored event as a PLOVER-style record (the fields of the PLOVER gold standard records,
    plus vigie's provenance)."""
    return {
        "id": f"{r['doc_id']}-{r['n']}", "date": r["date"], "event": r["type"], "mode": r["mode"],
        "actor": _actor(r, "source"), "recipient": _actor(r, "target"), "eventText": r["trigger"],
        "text": r["sentence"], "eventLoc": r["location"], "cameo": r["cameo"], "quad": r["quad"],
        "goldstein": r["goldstein"], "negated": bool(r["negated"]), "hypothetical": bool(r["hypothetical"]),
        "historical": bool(r["historical"]), "mentions": r["mentions"],
        "source_document": {"id": r["doc_id"], "title": r["doc_title"], "url": r["url"], "published": r["published"],
                            "sentence": [r["sentence_start"], r["sentence_end"]],
                            "trigger": [r["trigger_start"], r["trigger_end"]]},
    }


def gdelt_row(r: dict[str, Any]) -> list[Any]:
    def code(side: str) -> str:
        return (r[f"{side}_igo"] or r[f"{side}_country"] or "") + (r[f"{side}_sector"] or "")

    return [
        f"{r['doc_id']}-{r['n']}", (r["day"] or "").replace("-", ""), code("source"), r["source_name"] or "",
        r["source_country"] or "", r["source_sector"] or "", code("target"), r["target_name"] or "",
        r["target_country"] or "", r["target_sector"] or "", r["cameo"] or "", (r["cameo"] or "")[:2], r["quad"] or "",
        r["goldstein"] if r["goldstein"] is not None else "", r["mentions"], r["location"] or "",
        (r["published"] or "")[:10].replace("-", ""), r["url"] or "", r["type"], r["mode"] or "",
        int(r["negated"]), int(r["hypothetical"]), int(r["historical"]), r["doc_id"],
        " ".join((r["sentence"] or "").split()),
    ]
