"""Actor commands over the store: ``vigie actors`` (who is mentioned most), ``vigie actor
ID|NAME`` (an actor page: who it is, its roles, its mentions over time) and ``vigie quotes``
(what an actor said)."""

from __future__ import annotations

import argparse

from vigie.cli.common import EXIT_FAILURE, EXIT_OK, day_range, error, print_json


def add_parsers(sub, parent) -> None:
    p = sub.add_parser("actors", parents=[parent], help="actors mentioned most in the stored documents")
    p.add_argument("--type", choices=["country", "igo", "person", "group", "org"], help="only actors of this type")
    p.add_argument("--query", "-q", help="only documents matching this search")
    p.add_argument("--limit", type=int, default=30)
    p.set_defaults(run=run_actors)

    p = sub.add_parser("actor", parents=[parent], help="one actor: roles, mentions over time, latest mentions")
    p.add_argument("actor", nargs="+", help="actor id (RUS, NATO, person/sergey-lavrov) or a name (Lavrov, Otan)")
    p.add_argument("--since", help="only mentions published on or after this day (YYYY-MM-DD, UTC)")
    p.add_argument("--until", help="only mentions published before this day (YYYY-MM-DD, UTC)")
    p.add_argument("--interval", choices=["day", "week", "month", "year"], default="month")
    p.add_argument("--limit", type=int, default=20, help="latest mentions shown")
    p.set_defaults(run=run_actor)

    p = sub.add_parser("quotes", parents=[parent], help="quotes, newest first: by speaker, words, kind and date")
    p.add_argument("--speaker", "-s", help="an actor id or name (Lavrov, Kremlin, NATO) or a speaker's name as written")
    p.add_argument("--query", "-q", help="words in the quote (case, accents and elisions folded)")
    p.add_argument("--kind", choices=["direct", "partial", "indirect"])
    p.add_argument("--since", help="published on or after this day (YYYY-MM-DD, UTC)")
    p.add_argument("--until", help="published before this day (YYYY-MM-DD, UTC)")
    p.add_argument("--limit", type=int, default=30)
    p.set_defaults(run=run_quotes)


def find_actor(query: str):
    """An actor by id, else by a name in any language or spelling (one match only)."""
    from vigie.nlp.actors import actor_index
    from vigie.nlp.gazetteer import load_gazetteer
    from vigie.nlp.names import form_key, sound_key

    gazetteer = load_gazetteer()
    actor = gazetteer.get(query)
    if actor is not None:
        return actor, []
    index = actor_index()
    ids = {f.actor for f in index.lookup(form_key(query)) if not f.ambiguous}
    if not ids:
        words = sound_key(query).split()
        for actor_id in index.surnames.get(words[-1], []) if words else []:
            person = gazetteer.get(actor_id)
            names = [sound_key(a).split() for forms in person.aliases.values() for a in forms]
            if len(words) == 1 or any(n == words for n in names):
                ids.add(actor_id)
    found = sorted(ids)
    return (gazetteer.get(found[0]) if len(found) == 1 else None), found


def run_actors(args: argparse.Namespace) -> int:
    from vigie.nlp.gazetteer import load_gazetteer
    from vigie.store import open_store

    store = open_store(args.db)
    try:
        field = f"actor:{args.type}" if args.type else "actor"
        values = store.facets(field, query=args.query, limit=args.limit)
    finally:
        store.close()
    gazetteer = load_gazetteer()
    rows = []
    for actor_id, n in values:
        actor = gazetteer.get(actor_id)
        rows.append({"actor": actor_id, "name": actor.label("fr") if actor else None,
                     "type": actor.type if actor else None, "documents": n})
    if args.json:
        print_json({"type": args.type, "query": args.query, "actors": rows})
        return EXIT_OK
    for r in rows:
        print(f"{r['documents']:6}  {r['actor']:32} {r['name'] or ''}")
    return EXIT_OK


def run_actor(args: argparse.Namespace) -> int:
    from vigie.store import open_store

    query = " ".join(args.actor)
    actor, candidates = find_actor(query)
    if actor is None:
        reason = f"several actors match: {', '.join(candidates[:10])}" if candidates else "no such actor"
        error(query, reason)
        return EXIT_FAILURE
    days = day_range(args)
    if days is None:
        return EXIT_FAILURE
    since, until = days
    store = open_store(args.db)
    try:
        mentions = store.actor_mentions(actor.id, since=since, until=until, limit=args.limit)
        series = store.actor_series(actor.id, interval=args.interval)
    except ValueError as e:
        error(query, str(e))
        return EXIT_FAILURE
    finally:
        store.close()
    page = {
        "actor": {
            "id": actor.id, "type": actor.type, "name": actor.name, "country": actor.country, "sector": actor.sector,
            "code": actor.code, "qid": actor.qid,
            "roles": [{"code": r.code, "country": r.country, "sector": r.sector, "title": r.title,
                       "start": r.start.isoformat() if r.start else None, "end": r.end.isoformat() if r.end else None}
                      for r in actor.roles],
        },
        "interval": args.interval,
        "series": [{"period": p, "documents": d, "mentions": n} for p, d, n in series],
        "mentions": [m.to_json() for m in mentions],
    }
    if args.json:
        print_json(page, pretty=True)
        return EXIT_OK
    print(f"{actor.label('fr')}  [{actor.id}, {actor.type}" + (f", {actor.qid}" if actor.qid else "") + "]")
    for r in actor.roles[-6:]:
        span = f"{r.start or '?'} → {r.end or ''}"
        print(f"  {r.code:10} {span:24} {r.title or ''}")
    if series:
        peak = max(d for _, d, _ in series)
        print()
        for p, d, n in series:
            print(f"{p:10} {d:5} docs {n:6} mentions {'█' * max(1, round(30 * d / peak))}")
    if mentions:
        print()
    for m in mentions:
        s = m.sentence
        text = s["text"][: s["start"]] + "[" + s["text"][s["start"] : s["end"]] + "]" + s["text"][s["end"] :]
        print(f"{(m.published or '')[:10]:10}  {m.doc_id}  {m.reading:10} {text[:160]}")
    if not series and not mentions:
        print("no mention stored")
    return EXIT_OK


def run_quotes(args: argparse.Namespace) -> int:
    from vigie.store import open_store

    actor_id = None
    if args.speaker:
        actor, _ = find_actor(args.speaker)
        actor_id = actor.id if actor is not None else None
    days = day_range(args)
    if days is None:
        return EXIT_FAILURE
    since, until = days
    store = open_store(args.db)
    try:
        # a known actor: every quote attributed to it, however the text named it; else the name as written
        hits = store.quotes(actor=actor_id, speaker=None if actor_id else args.speaker, query=args.query,
                            kind=args.kind, since=since, until=until, limit=args.limit)
    finally:
        store.close()
    if args.json:
        print_json({"speaker": args.speaker, "actor": actor_id, "query": args.query, "quotes": [h.to_json() for h in hits]})
        return EXIT_OK
    if not hits:
        print("no quote found")
    for h in hits:
        who = h.speaker or "(no speaker)"
        said = h.text[:200] if h.kind == "indirect" else f"« {h.text[:200]} »"  # reported speech has no marks
        print(f"{(h.published or '')[:10]:10}  {h.doc_id}  {h.kind:8} {who}: {said}")
    return EXIT_OK
