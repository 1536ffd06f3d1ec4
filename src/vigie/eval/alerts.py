"""``vigie eval alerts``: watchlists replayed day by day on the fr-news-rss-2023-2024 stream.

The stream's items (headline + summary, the day they were first seen) go into a SQLite store as
plain articles (no NLP: the rules measured here read the text and the dates). One watchlist per
silver story, its query the story's name or seed term, with two rules: ``spike`` and ``match``.
The clock then steps to the end of each day and ``run_rules`` — the code ``vigie run`` uses —
fires alerts and records them, seeing only what was published before the clock.

Reported: for each watchlist, the day of its first spike alert against the story's mainstream day
(the lead in days), and the alerts sent per day against the watchlist's budget (alerts past the
budget are kept in the store as ``held`` and not sent).
"""

from __future__ import annotations

import gzip
import json
import statistics
import sys
import time
from collections import Counter
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from vigie.analysis.alerts import run_rules
from vigie.eval.datasets import default_data_dir
from vigie.extract.plain import extract_plain
from vigie.model import AnnotatedArticle, RawDocument

STREAM = "fr-news-rss-2023-2024"
# The query of each story's watchlist: what an analyst would type (the issue names "punaises de lit").
QUERIES = {"punaises_de_lit": '"punaises de lit"', "nouvelle_caledonie": '"nouvelle-calédonie"',
           "tempete_ciaran": "ciaran", "attaque_hamas": "hamas", "derna_libye": "derna", "crepol": "crépol",
           "navalny": "navalny", "dissolution": "dissolution", "mpox": "mpox", "depardieu": "depardieu"}


def build_store(store: Any, stream: Path, until: date | None, progress: bool = False, *,
                since: date | None = None) -> int:
    """The stream's items as plain articles, first seen at 21:00 UTC (the snapshot's hour)."""
    n = 0
    with gzip.open(stream, "rt", encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            seen = date.fromisoformat(r["first_seen"])
            if until and seen > until:
                break
            if since and seen < since:
                continue
            raw = RawDocument(r["id"], r.get("summary") or "", "plain-text", url=r["link"], source=r["source"],
                              hints={"title": r.get("title") or "", "published": f"{r['first_seen']}T21:00:00+00:00",
                                     "language": "fr"})
            store.put(AnnotatedArticle(extract_plain(raw), "fr", None, None))
            n += 1
            if progress and n % 10_000 == 0:
                sys.stderr.write(f"\r{n} items stored")
    if progress:
        sys.stderr.write("\n")
    return n


def run(store: Any, data_dir: Path | None = None, *, until: date | None = None, budget: int = 10,
        progress: bool = False) -> dict[str, Any]:
    folder = (data_dir or default_data_dir()) / STREAM
    if not folder.is_dir():
        return {"skipped": f"{folder} not found"}
    started = time.perf_counter()
    stored = store.stats()["documents"]
    if not stored:
        stored = build_store(store, folder / "articles.jsonl.gz", until, progress)
    built = time.perf_counter() - started
    stories = json.loads((folder / "silver_stories.json").read_text(encoding="utf-8"))["stories"]
    missing = set(json.loads((folder / "days.json").read_text(encoding="utf-8")).get("missing_days", []))
    first_day = date.fromisoformat(store.stats()["published_first"][:10])
    last_day = date.fromisoformat(store.stats()["published_last"][:10])
    for old in store.watchlists():  # a reused store keeps its documents; the replay starts afresh
        store.remove_watchlist(old.id)
    for s in stories:
        w = store.add_watchlist(s["story_id"], query=QUERIES.get(s["story_id"], s["seed_terms"][0]))
        store.add_rule(w.id, "spike", {"budget": budget})
        store.add_rule(w.id, "match", {"budget": budget})
    # the watchlists exist from the start of the stream (the rules skip older items otherwise)
    store.db.execute("UPDATE watchlists SET created_at = ?", (f"{first_day.isoformat()}T00:00:00+00:00",))
    replay_started = time.perf_counter()
    day, errors = first_day + timedelta(days=7), []  # the first week is the feeds' backlog: warm-up
    while day <= last_day:
        report = run_rules(store, datetime.combine(day + timedelta(days=1), datetime.min.time(), timezone.utc))
        errors += report.errors
        if progress:
            sys.stderr.write(f"\r{day}")
        day += timedelta(days=1)
    if progress:
        sys.stderr.write("\n")
    replay = time.perf_counter() - replay_started
    return {"stream": STREAM, "items": stored, "first_day": first_day.isoformat(), "last_day": last_day.isoformat(),
            "budget": budget, "seconds": {"store": round(built, 1), "replay": round(replay, 1)},
            "errors": errors[:20], "watchlists": [_watch_report(store, s, missing) for s in stories],
            "per_day": _per_day(store)}


def _watch_report(store: Any, story: dict[str, Any], missing: set[str]) -> dict[str, Any]:
    w = store.watchlist(story["story_id"])
    out: dict[str, Any] = {"watchlist": w.name, "query": w.query, "kind": story["kind"],
                           "mainstream": story["mainstream_date"], "peak": story["peak_date"]}
    for rule in store.rules(w.id):
        alerts = sorted(store.alerts(rule_id=rule.id, limit=100_000), key=lambda a: a.fired_at)
        sent = [a for a in alerts if a.held is None]
        per_day = Counter(a.day for a in sent)
        out[rule.kind] = {"sent": len(sent), "held": len(alerts) - len(sent),
                          "max_sent_per_day": max(per_day.values(), default=0),
                          "first": sent[0].day if sent else None}
        if rule.kind == "spike":
            first_near = next((a.day for a in sent if _days(a.day, story["mainstream_date"]) <= 30), None)
            out["spike"]["first_within_30d"] = first_near
            out["spike"]["lead_days"] = _days(first_near, story["mainstream_date"]) if first_near else None
            out["spike"]["days"] = [a.day for a in sent]
    return out


def _per_day(store: Any) -> dict[str, Any]:
    rows = store.db.execute(
        "SELECT a.day, r.watchlist_id, sum(a.held IS NULL) AS sent, sum(a.held IS NOT NULL) AS held "
        "FROM alerts a JOIN alert_rules r ON r.id = a.rule_id GROUP BY a.day, r.watchlist_id").fetchall()
    per_day: dict[str, list[int]] = {}
    for r in rows:
        per_day.setdefault(r["day"], [0, 0])
        per_day[r["day"]][0] += r["sent"]
        per_day[r["day"]][1] += r["held"]
    sent = [v[0] for v in per_day.values()]
    return {"days_with_alerts": len(per_day), "sent": sum(sent), "held": sum(v[1] for v in per_day.values()),
            "max_sent_per_watchlist_day": max((r["sent"] for r in rows), default=0),
            "max_sent_per_day": max(sent, default=0), "median_sent_per_day": statistics.median(sent) if sent else 0}


def _days(a: str, b: str) -> int:
    """Days from ``a`` to ``b`` (positive when ``a`` is earlier)."""
    return (date.fromisoformat(b) - date.fromisoformat(a)).days


def format_report(r: dict[str, Any]) -> str:
    from vigie.eval.report import table

    if "skipped" in r:
        return f"skipped: {r['skipped']}"
    lines = [f"{r['stream']}: {r['items']} items, {r['first_day']} → {r['last_day']}; budget {r['budget']} alerts "
             f"per watchlist and day; store {r['seconds']['store']} s, replay {r['seconds']['replay']} s", ""]
    rows = []
    for w in r["watchlists"]:
        s, m = w.get("spike", {}), w.get("match", {})
        rows.append((w["watchlist"], [w["kind"], w["mainstream"], s.get("first_within_30d") or "–",
                                      "–" if s.get("lead_days") is None else str(s["lead_days"]), s.get("sent", 0),
                                      m.get("sent", 0), m.get("held", 0),
                                      max(s.get("max_sent_per_day", 0), m.get("max_sent_per_day", 0))]))
    lines.append(table("watchlist", ["kind", "mainstream", "first spike alert (±30 d)", "lead (d)", "spike alerts",
                                     "match alerts", "match held", "max/day"], rows))
    p = r["per_day"]
    lines += ["", f"alerts sent {p['sent']} on {p['days_with_alerts']} days (median {p['median_sent_per_day']} a day, "
                  f"at most {p['max_sent_per_day']} in a day over all watchlists, at most "
                  f"{p['max_sent_per_watchlist_day']} for one watchlist); held past the budget {p['held']}"]
    if r["errors"]:
        lines += ["", "errors:"] + [f"  {e}" for e in r["errors"]]
    return "\n".join(lines)
