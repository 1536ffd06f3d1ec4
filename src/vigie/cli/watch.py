"""``vigie watch``, ``vigie alert``, ``vigie brief`` and ``vigie run``: vigie comes to the analyst."""

from __future__ import annotations

import argparse
import sys
from datetime import date, datetime, timezone
from pathlib import Path

from vigie.cli.common import EXIT_FAILURE, EXIT_OK, EXIT_USAGE, error, period, print_json

DEFAULT_RULES = {"query": "spike", "actors": "cooccurrence", "dyads": "dyad_type"}


def add_parsers(sub, parent) -> None:
    net = argparse.ArgumentParser(add_help=False)
    net.add_argument("--allow-private", action="store_true",
                     help="let webhooks and feeds use loopback/private addresses (refused by default)")
    net.add_argument("--smtp", metavar="HOST:PORT", help="SMTP server for e-mail (default: $VIGIE_SMTP)")
    net.add_argument("--base-url", help="address of `vigie serve`, for links in alerts")

    watch = sub.add_parser("watch", help="watchlists: saved searches, followed actors and dyads")
    wsub = watch.add_subparsers(dest="watch_command", metavar="ACTION", required=True)
    p = wsub.add_parser("add", parents=[parent], help="create a watchlist and its alert rules")
    p.add_argument("name")
    p.add_argument("--query", "-q", help="a saved search (the search syntax)")
    p.add_argument("--actor", action="append", default=[], metavar="ID", help="follow an actor (repeatable)")
    p.add_argument("--dyad", action="append", default=[], metavar="A:B", help="follow a pair of actors (repeatable)")
    p.add_argument("--rule", action="append", default=[], metavar="KIND[:k=v,…]",
                   help="an alert rule: match, spike, cooccurrence, dyad_type, silence, with settings, e.g. "
                        "spike:window=28,sensitivity=3 (default: spike for a query, cooccurrence for actors, "
                        "dyad_type for dyads)")
    p.add_argument("--webhook", metavar="URL", help="POST alerts there as JSON")
    p.add_argument("--email", metavar="ADDRESS", help="send alerts and the daily briefing there")
    p.set_defaults(run=run_add)
    p = wsub.add_parser("list", parents=[parent], help="watchlists and their rules")
    p.set_defaults(run=run_list)
    p = wsub.add_parser("rm", parents=[parent], help="delete a watchlist, its rules and alerts")
    p.add_argument("name")
    p.set_defaults(run=run_rm)

    alert = sub.add_parser("alert", help="alert rules: dry runs, evaluation, fired alerts")
    asub = alert.add_subparsers(dest="alert_command", metavar="ACTION", required=True)
    p = asub.add_parser("test", parents=[parent], help="what a rule would have fired (writes nothing)")
    p.add_argument("rule", type=int, metavar="RULE", help="rule id (see `vigie watch list`)")
    p.add_argument("--since", default="30d", help="first day: YYYY-MM-DD, or Nd for the N days ending on --until (default 30d)")
    p.add_argument("--until", help="last day, YYYY-MM-DD (default: today)")
    p.set_defaults(run=run_test)
    p = asub.add_parser("run", parents=[parent, net], help="evaluate every rule now and deliver what is due")
    p.add_argument("--now", help="evaluation clock, ISO date-time (default: now)")
    p.set_defaults(run=run_alerts)
    p = asub.add_parser("list", parents=[parent], help="alerts fired, newest first")
    p.add_argument("--since", help="first day: YYYY-MM-DD or Nd")
    p.add_argument("--watchlist", help="only this watchlist")
    p.add_argument("--limit", type=int, default=50)
    p.set_defaults(run=run_alert_list)

    p = sub.add_parser("brief", parents=[parent], help="the briefing of a day: stories, events, quotes, alerts, signals")
    p.add_argument("--date", required=True, help="the day, YYYY-MM-DD")
    p.add_argument("--watchlist", help="narrow it to a watchlist")
    p.add_argument("--out", default="-", help="file to write: .html, .md or .json (default: Markdown on stdout)")
    p.add_argument("--save", action="store_true", help="also keep it in the store's briefing archive")
    p.set_defaults(run=run_brief)

    p = sub.add_parser("run", parents=[parent, net],
                       help="the scheduler: fetch sources, evaluate rules, brief daily, deliver; safe to restart")
    p.add_argument("--once", action="store_true", help="one pass, then exit")
    p.add_argument("--interval", type=int, default=900, help="seconds between passes (default 900)")
    p.add_argument("--no-fetch", action="store_true", help="do not poll sources")
    p.add_argument("--brief-hour", type=int, default=7, help="UTC hour after which yesterday's briefing is built")
    p.add_argument("--brief-email", help="who receives the daily briefing")
    p.set_defaults(run=run_scheduler)


def _store(args):
    from vigie.store import open_store

    return open_store(args.db)


def parse_rule(spec: str) -> tuple[str, dict[str, str]]:
    """``spike:window=28,sensitivity=3`` → ("spike", {"window": "28", "sensitivity": "3"})."""
    kind, _, rest = spec.partition(":")
    params = {}
    for part in filter(None, rest.split(",")):
        key, eq, value = part.partition("=")
        if not eq:
            raise ValueError(f"rule {spec!r}: settings are key=value, separated by commas")
        params[key.strip()] = value.strip()
    return kind.strip(), params


def run_add(args) -> int:
    from vigie.analysis.alerts import rule_params

    try:
        dyads = []
        for d in args.dyad:
            a, sep, b = d.partition(":")
            if not sep or not a or not b:
                raise ValueError(f"dyad {d!r}: write it as A:B, e.g. RUS:NATO")
            dyads.append((a.upper(), b.upper()))
        specs = args.rule or [rule for what, rule in DEFAULT_RULES.items()
                              if {"query": args.query, "actors": args.actor, "dyads": dyads}[what]]
        rules = [parse_rule(s) for s in specs]
        checked = [(kind, rule_params(kind, params)) for kind, params in rules]  # refuse bad settings before writing
    except ValueError as e:
        error(args.name, str(e))
        return EXIT_USAGE
    store = _store(args)
    try:
        try:
            w = store.add_watchlist(args.name, query=args.query, actors=[a.upper() for a in args.actor], dyads=dyads,
                                    webhook=args.webhook, email=args.email)
        except ValueError as e:
            error(args.name, str(e))
            return EXIT_USAGE
        made = [store.add_rule(w.id, kind, {k: v for k, v in params.items() if k in dict(rules)[kind]})
                for kind, params in checked]
        if args.json:
            print_json({"watchlist": w.to_json(), "rules": [r.to_json() for r in made]})
        else:
            print(f"watchlist {w.name} (id {w.id}); rules: " + ", ".join(f"{r.id} {r.kind}" for r in made))
    finally:
        store.close()
    return EXIT_OK


def run_list(args) -> int:
    store = _store(args)
    try:
        out = [{"watchlist": w.to_json(), "rules": [r.to_json() for r in store.rules(w.id)]} for w in store.watchlists()]
    finally:
        store.close()
    if args.json:
        print_json(out)
        return EXIT_OK
    for item in out:
        w = item["watchlist"]
        what = "; ".join(filter(None, [w["query"] and f"query « {w['query']} »",
                                       w["actors"] and "actors " + ", ".join(w["actors"]),
                                       w["dyads"] and "dyads " + ", ".join(":".join(d) for d in w["dyads"])]))
        print(f"{w['name']}  ({what})")
        for r in item["rules"]:
            settings = ", ".join(f"{k}={v}" for k, v in r["params"].items())
            print(f"  rule {r['id']:>3}  {r['kind']:<12} {settings}  last run {r['last_run'] or 'never'}")
    if not out:
        print("no watchlist yet: vigie watch add NAME --query '...'")
    return EXIT_OK


def run_rm(args) -> int:
    store = _store(args)
    try:
        if not store.remove_watchlist(args.name):
            error(args.name, "no such watchlist")
            return EXIT_FAILURE
    finally:
        store.close()
    print(f"removed {args.name}")
    return EXIT_OK


def run_test(args) -> int:
    from vigie.analysis.alerts import dry_run

    try:
        since, until = period(args.since, args.until, datetime.now(timezone.utc).date())
    except ValueError as e:
        error(args.since, str(e))
        return EXIT_USAGE
    store = _store(args)
    try:
        try:
            rule = store.rule(args.rule)
        except KeyError as e:
            error(str(args.rule), str(e.args[0]))
            return EXIT_FAILURE
        watch = store.watchlist(rule.watchlist_id)
        alerts = dry_run(store, watch, rule, since, until)
    finally:
        store.close()
    if args.json:
        print_json({"rule": rule.to_json(), "since": since.isoformat(), "until": until.isoformat(),
                    "alerts": [a.to_json() for a in alerts]})
        return EXIT_OK
    print(f"rule {rule.id} ({rule.kind}, {watch.name}) from {since} to {until}: {len(alerts)} alert(s) would fire")
    for a in alerts:
        print(f"  {a.day}  {a.title}{'  [held: ' + a.held + ']' if a.held else ''}")
    return EXIT_OK


def _settings(args, **extra):
    from vigie.deliver import SmtpSettings
    from vigie.ingest.fetch import FetchPolicy
    from vigie.scheduler import Settings

    smtp = SmtpSettings.parse(args.smtp) if args.smtp else SmtpSettings.from_env()
    return Settings(smtp=smtp, policy=FetchPolicy.from_env(allow_private=args.allow_private or None),
                    base_url=args.base_url, **extra)


def run_alerts(args) -> int:
    from vigie.analysis.alerts import run_rules
    from vigie.deliver import deliver_due

    try:
        now = datetime.fromisoformat(args.now) if args.now else datetime.now(timezone.utc)
        now = now if now.tzinfo else now.replace(tzinfo=timezone.utc)
        settings = _settings(args)
    except ValueError as e:
        error(args.now or "settings", str(e))
        return EXIT_USAGE
    store = _store(args)
    try:
        report = run_rules(store, now)
        sent = deliver_due(store, now, smtp=settings.smtp, policy=settings.policy, base_url=settings.base_url)
    finally:
        store.close()
    for e in report.errors + sent.errors:
        error("alert", e)
    if args.json:
        print_json({**report.to_json(), "deliveries": sent.to_json()})
    else:
        for a in report.fired:
            print(f"fired  {a.day}  {a.title}")
        print(f"{len(report.fired)} fired, {len(report.held)} held (budget); "
              f"deliveries: {sent.sent} sent, {sent.retried} to retry, {sent.failed} failed")
    return EXIT_FAILURE if report.errors else EXIT_OK


def run_alert_list(args) -> int:
    store = _store(args)
    try:
        since = period(args.since, None, datetime.now(timezone.utc).date())[0].isoformat() if args.since else None
        wid = store.watchlist(args.watchlist).id if args.watchlist else None
        alerts = store.alerts(since=since, watchlist_id=wid, limit=args.limit)
    except (KeyError, ValueError) as e:
        error(args.watchlist or args.since, str(e))
        return EXIT_USAGE
    finally:
        store.close()
    if args.json:
        print_json([a.to_json() for a in alerts])
        return EXIT_OK
    for a in alerts:
        print(f"{a.fired_at}  {a.title}{'  [held: ' + a.held + ']' if a.held else ''}")
    return EXIT_OK


def run_brief(args) -> int:
    import json

    from vigie.analysis.brief import build_brief, to_html, to_markdown

    try:
        day = date.fromisoformat(args.date)
    except ValueError as e:
        error(args.date, str(e))
        return EXIT_USAGE
    out = Path(args.out) if args.out != "-" else None
    if out and out.suffix not in (".html", ".md", ".json"):
        error(args.out, "write the briefing to a .html, .md or .json file")
        return EXIT_USAGE
    store = _store(args)
    try:
        try:
            watch = store.watchlist(args.watchlist) if args.watchlist else None
        except KeyError as e:
            error(args.watchlist, str(e.args[0]))
            return EXIT_FAILURE
        data = build_brief(store, day, watchlist=watch)
        markdown, html = to_markdown(data), to_html(data)
        if args.save:
            store.save_brief(day.isoformat(), watch.id if watch else None, markdown, html, data)
    finally:
        store.close()
    text = {".html": html, ".json": json.dumps(data, ensure_ascii=False, indent=2) + "\n"}.get(
        out.suffix if out else ".md", markdown)
    if args.json and not out:
        print_json(data)
    elif out:
        tmp = out.with_name(out.name + ".part")  # never leave a half-written briefing behind
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(out)
        print(f"wrote {out}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return EXIT_OK


def run_scheduler(args) -> int:
    from vigie.scheduler import run_forever

    try:
        settings = _settings(args, interval_s=args.interval, fetch=not args.no_fetch, brief_hour=args.brief_hour,
                             brief_email=args.brief_email)
    except ValueError as e:
        error("settings", str(e))
        return EXIT_USAGE

    def fetch(store):
        from vigie.ingest.fetch import Fetcher
        from vigie.poll import poll

        with Fetcher(settings.policy) as fetcher:
            reports, ingest = poll(store, fetcher)
        return {"sources": len(reports), **ingest.to_json()}

    def show(report):
        if args.json:
            print_json(report.to_json())
        else:
            a, d = report.alerts or {}, report.deliveries or {}
            print(f"{report.at}  alerts fired {a.get('fired', 0)}, held {a.get('held', 0)}; "
                  f"briefings {', '.join(report.briefs) or 'none'}; sent {d.get('sent', 0)}, "
                  f"retry {d.get('retried', 0)}", flush=True)
        for e in report.errors:
            error("run", e)

    store = _store(args)
    try:
        run_forever(store, settings, fetch=fetch, on_pass=show, passes=1 if args.once else None)
    finally:
        store.close()
    return EXIT_OK
