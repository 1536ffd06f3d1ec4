"""What each page shows, as plain data: the JSON twin of a page is exactly this, and its HTML
template renders the same dict. Pages read the store through its interface, except a few counts
the interface does not offer yet (Today's ingest status and per-day counts, the newest day through
its index, an actor's most frequent partners), read with SQL on the store's SQLite connection."""

from __future__ import annotations

import sqlite3
import threading
from datetime import date, datetime, timedelta, timezone
from typing import Any

from vigie.keys import http_link
from vigie.query import QueryError, echo, parse, resolve, to_text
from vigie.web.charts import chart


class NotFound(LookupError):
    """The page's subject does not exist: a 404 naming it."""


def resolve_actor(value: str) -> tuple[tuple[str, ...], str | None]:
    """An ``actor:`` value → gazetteer ids and a display name (the value itself when unknown)."""
    from vigie.cli.actors import find_actor

    actor, candidates = find_actor(value)
    if actor is not None:
        return (actor.id,), actor.label("fr")
    return tuple(candidates[:20]), None


def _actor_label(actor_id: str, lang: str) -> str:
    from vigie.nlp.gazetteer import load_gazetteer

    actor = load_gazetteer().get(actor_id)
    return actor.label(lang) if actor is not None else actor_id


# -- Today -------------------------------------------------------------------------------------


def today(store, words: dict[str, str], now: datetime | None = None) -> dict[str, Any]:
    now = now or datetime.now(timezone.utc)
    db = store.db
    since = (now - timedelta(hours=24)).isoformat(timespec="seconds")
    last_fetch = db.execute("SELECT max(last_fetch) FROM sources").fetchone()[0]
    last_ingest = db.execute("SELECT max(ingested_at) FROM documents").fetchone()[0]
    recent = db.execute("SELECT count(*) FROM documents WHERE ingested_at >= ?", (since,)).fetchone()[0]
    failing = [{"id": s.id, "url": s.url, "title": s.title, "errors": s.consecutive_errors, "error": s.last_error,
                "next_try": s.next_try} for s in store.list_sources() if s.consecutive_errors > 0]
    newest = store.newest_day()
    days: list[str] = []
    counts: list[int] = []
    if newest:
        last = date.fromisoformat(newest)
        first = last - timedelta(days=13)
        per_day = dict(db.execute(
            "SELECT substr(published_utc, 1, 10) AS day, count(*) FROM documents WHERE published_utc >= ? "
            "AND published_utc < ? GROUP BY day", (first.isoformat(), (last + timedelta(days=1)).isoformat())))
        days = [(first + timedelta(days=i)).isoformat() for i in range(14)]
        counts = [per_day.get(d, 0) for d in days]
    return {
        "status": {"last_fetch": last_fetch, "last_ingest": last_ingest, "items_24h": recent,
                   "failing_sources": failing, "sources": len(store.list_sources()),
                   "documents": db.execute("SELECT count(*) FROM documents").fetchone()[0], "newest_day": newest},
        "per_day": chart(words["per_day"], days, {words["documents"]: counts}, words),
        "watchlists": watchlist_tiles(store, words, newest, days),
        "stories": stories_list(store, words, limit=8, days=7, newest=newest),
        "signals": signals(store, words, days=3, limit=6, newest=newest),
    }


def watchlist_tiles(store, words: dict[str, str], newest: str | None, days: list[str]) -> dict[str, Any]:
    """One tile per watchlist: its saved search's documents per day over the 14 newest stored days
    (a sparkline), and its alerts of the last 7 of those days."""
    if not hasattr(store, "watchlists"):
        return {"available": False, "reason": "this store has no watchlists", "tiles": []}
    try:
        lists = store.watchlists()
    except sqlite3.OperationalError as e:
        return {"available": False, "reason": f"watchlists cannot be read from this store: {e}", "tiles": []}
    tiles = []
    for w in lists:
        tile: dict[str, Any] = {"id": w.id, "name": w.name, "query": w.query, "actors": w.actors, "error": None}
        if days:
            until = (date.fromisoformat(days[-1]) + timedelta(days=1)).isoformat()
            # a watchlist of actors only counts the documents that mention them
            query = w.query or " OR ".join(f"actor:{a}" for a in w.actors) or None
            tile["search"] = query
            try:
                per_day = store.daily_counts(query, days[0], until)
            except (QueryError, ValueError) as e:  # a saved query this version cannot read
                tile["error"] = str(e)
                per_day = {}
            values = [per_day.get(d, 0) for d in days]
            tile["chart"] = {**chart(w.name, days, {words["documents"]: values}, words), "kind": "spark"}
            tile["documents"] = sum(values)
            tile["alerts"] = len(store.alerts(since=days[-7], watchlist_id=w.id)) if hasattr(store, "alerts") else None
        tiles.append(tile)
    return {"available": True, "tiles": tiles}


# -- Search ------------------------------------------------------------------------------------


def search(store, q: str | None, lang: str, words: dict[str, str], page: int = 1, per_page: int = 20) -> dict[str, Any]:
    out: dict[str, Any] = {"q": q or "", "page": page, "per_page": per_page}
    if not q or not q.strip():
        return {**out, "error": None, "echo": None, "results": None}
    try:
        node = resolve(parse(q), resolve_actor)
    except QueryError as e:
        return {**out, "error": str(e), "echo": None, "results": None}
    result = store.search_page(node, page=page, per_page=per_page)
    data = result.to_json()
    for f in data["facets"]["actor"]:  # ids are for links; people read names
        f["label"] = _actor_label(f["value"], lang)
    data["histogram"]["chart"] = chart(words["histogram"], [p for p, _ in result.histogram],
                                       {words["documents"]: [n for _, n in result.histogram]}, words)
    # each period narrows the search to itself (date:2024-03 is the whole month)
    data["histogram"]["chart"]["queries"] = [f"{q.strip()} date:{p}" for p, _ in result.histogram]
    pages = max(1, -(-result.groups // per_page))
    return {**out, "error": None, "echo": echo(node, lang), "canonical": to_text(node), "results": data,
            "pages": pages}


# -- Article -----------------------------------------------------------------------------------

_LAYERS = ("entity", "quote", "timex", "event")


def article(store, doc_id: str) -> dict[str, Any]:
    doc = store.get(doc_id)
    if doc is None:
        raise NotFound(f"no document {doc_id!r} (or the prefix matches several)")
    a, ann = doc["article"], doc["annotations"]
    text = a["text"]
    spans = _spans(ann, len(text))
    blocks = [{"kind": b["kind"], "segments": _segments(text, b["start"], b["end"], spans)} for b in a["blocks"]]
    url = a.get("url")
    safe_url = http_link(url)
    story, story_available = None, hasattr(store, "story") and hasattr(store, "story_keys")
    if story_available:
        try:
            key = store.story_keys([doc["id"]]).get(doc["id"], "")
            found = store.story(key[len("story:"):]) if key.startswith("story:") else None
        except sqlite3.OperationalError:  # a store whose stories migration has not run
            story_available, found = False, None
        if found:
            story = {"id": found["id"], "label": found["label"], "size": found["size"]}
    return {
        "id": doc["id"], "title": a.get("title"), "url": safe_url, "source": a.get("source"),
        "author": a.get("author"), "published": a.get("published"), "updated": a.get("updated"),
        "language": (ann.get("language") or {}).get("code") or a.get("language"), "duplicate_of": doc["duplicate_of"],
        "near_duplicates": doc.get("near_duplicates", []), "blocks": blocks,
        "mentions": ann.get("mentions", []), "entities": ann.get("entities", []),
        "quotes": ann.get("quotes", []), "timexes": ann.get("timexes", []),
        "events": [_event_summary(e) for e in ann.get("events", [])],
        "story": story, "story_available": story_available,
    }


def _spans(ann: dict[str, Any], length: int) -> list[tuple[int, int, str, dict[str, Any]]]:
    out = []
    mentioned = set()
    for m in ann.get("mentions", []):
        out.append((m["start"], m["end"], "entity", {"label": m["label"], "actor": m.get("actor"),
                                                     "title": m.get("actor_name") or m["text"]}))
        mentioned.add((m["start"], m["end"]))
    for e in ann.get("entities", []):
        if (e["start"], e["end"]) not in mentioned:
            out.append((e["start"], e["end"], "entity", {"label": e["label"], "actor": None, "title": e["text"]}))
    for q in ann.get("quotes", []):
        out.append((q["start"], q["end"], "quote", {"title": q.get("speaker") or ""}))
    for t in ann.get("timexes", []):
        out.append((t["start"], t["end"], "timex", {"title": t.get("value") or ""}))
    for e in ann.get("events", []):
        out.append((e["trigger_start"], e["trigger_end"], "event", {"title": e["type"]}))
    return [s for s in out if 0 <= s[0] < s[1] <= length]


def _segments(text: str, start: int, end: int, spans) -> list[dict[str, Any]]:
    """The block's text cut at every span boundary; each piece carries the layers covering it."""
    inside = [s for s in spans if s[0] < end and s[1] > start]
    cuts = sorted({start, end, *(max(start, s[0]) for s in inside), *(min(end, s[1]) for s in inside)})
    out = []
    for a, b in zip(cuts, cuts[1:]):
        cover = [s for s in inside if s[0] <= a and s[1] >= b]
        layers = sorted({s[2] for s in cover}, key=_LAYERS.index)
        entity = next((s[3] for s in cover if s[2] == "entity"), None)
        out.append({"text": text[a:b], "start": a, "layers": layers,
                    "actor": entity["actor"] if entity else None,
                    "label": entity["label"] if entity else None,
                    "title": " · ".join(s[3]["title"] for s in cover if s[3].get("title"))})
    return out


def _event_summary(e: dict[str, Any]) -> dict[str, Any]:
    def who(arg):
        return None if not arg else {"text": arg.get("text"), "key": arg.get("igo") or arg.get("country") or arg.get("actor")}

    return {"type": e["type"], "mode": e.get("mode"), "trigger": e["trigger"], "source": who(e.get("source")),
            "target": who(e.get("target")), "date": e.get("date"), "quad": e.get("quad"),
            "goldstein": e.get("goldstein"), "negated": e.get("negated", False),
            "hypothetical": e.get("hypothetical", False), "trigger_start": e["trigger_start"]}


# -- Actor -------------------------------------------------------------------------------------


def actor(store, actor_id: str, words: dict[str, str], lang: str = "fr", interval: str = "month") -> dict[str, Any]:
    from vigie.cli.actors import find_actor

    found, candidates = find_actor(actor_id)
    if found is None:
        raise NotFound(f"no actor {actor_id!r}" + (f": several match ({', '.join(candidates[:10])})" if candidates else ""))
    series = store.actor_series(found.id, interval=interval)
    mentions = store.actor_mentions(found.id, limit=20)
    quotes = store.quotes(actor=found.id, limit=20)
    # events are keyed as ``vigie events`` keys them: a state or an IGO by its id, anyone else by
    # their organisation, else their country
    key = found.id if found.type in ("igo", "country") else (found.igo or found.country or found.id)
    relations = _relations(store, key, words)
    periods = [p for p, _, _ in series]
    return {
        "actor": {"id": found.id, "type": found.type, "name": found.label(lang), "country": found.country,
                  "sector": found.sector, "code": found.code, "qid": found.qid, "key": key,
                  "aliases": {lg: sorted(forms) for lg, forms in sorted(found.aliases.items())},
                  "roles": [{"code": r.code, "country": r.country, "sector": r.sector, "title": r.title,
                             "start": r.start.isoformat() if r.start else None,
                             "end": r.end.isoformat() if r.end else None} for r in found.roles]},
        "interval": interval,
        "series": [{"period": p, "documents": d, "mentions": n} for p, d, n in series],
        "chart": chart(words["mentions_over_time"], periods,
                       {words["docs"]: [d for _, d, _ in series], words["mentions"]: [n for _, _, n in series]}, words,
                       kind="lines"),
        "mentions": [m.to_json() for m in mentions],
        "quotes": [q.to_json() for q in quotes],
        "relations": relations,
    }


def _relations(store, key: str, words: dict[str, str], top: int = 4) -> list[dict[str, Any]]:
    rows = store.db.execute(
        "SELECT CASE WHEN source_key = ? THEN target_key ELSE source_key END AS other, count(*) AS n "
        "FROM events WHERE negated = 0 AND (source_key = ? OR target_key = ?) AND source_key IS NOT NULL "
        "AND target_key IS NOT NULL AND source_key != target_key GROUP BY other ORDER BY n DESC, other LIMIT ?",
        (key, key, key, top)).fetchall()
    out = []
    for other, n in rows:
        series = store.dyad_series(key, other, interval="month")
        periods = [s["period"] for s in series]
        events = store.events(source=key, target=other, either=True, limit=10)
        out.append({
            "other": other, "events": n, "series": series,
            "chart": chart(f"{words['dyad_chart']} — {key} / {other}", periods,
                           {words["cooperation"]: [s["cooperation"] for s in series],
                            words["conflict"]: [-s["conflict"] for s in series]}, words),
            "latest": [{"doc_id": e["doc_id"], "doc_title": e["doc_title"], "type": e["type"], "day": e["day"],
                        "source": e["source_key"], "target": e["target_key"], "trigger": e["trigger"],
                        "sentence": e["sentence"]} for e in events],
        })
    return out


# -- Stories and signals (built by other parts of vigie; shown when the store has them) ----------


def stories_list(store, words: dict[str, str] | None = None, limit: int = 20, days: int | None = None,
                 newest: str | None = None) -> dict[str, Any]:
    """The largest stories (of the ``days`` newest stored days when given)."""
    if not hasattr(store, "stories"):
        return {"available": False, "reason": "this store has no story grouping", "stories": []}
    since = None
    if days:
        newest = newest or store.newest_day()
        since = (date.fromisoformat(newest) - timedelta(days=days - 1)).isoformat() if newest else None
    try:
        found = store.stories(since=since, limit=limit)
    except sqlite3.OperationalError as e:  # e.g. a store migrated past 0008 before it existed
        return {"available": False, "reason": f"stories cannot be read from this store: {e}", "stories": []}
    return {"available": True, "since": since, "stories": [s.to_json() for s in found]}


def story(store, story_id: str, words: dict[str, str]) -> dict[str, Any]:
    if not hasattr(store, "story"):
        return {"available": False, "reason": "this store has no story grouping", "id": story_id, "story": None}
    try:
        found = store.story(story_id)
    except sqlite3.OperationalError as e:
        return {"available": False, "reason": f"stories cannot be read from this store: {e}", "id": story_id,
                "story": None}
    if found is None:
        raise NotFound(f"no story {story_id!r}")
    days = found.get("days", [])
    return {"available": True, "id": story_id, "story": found,
            "chart": chart(words["story_articles"], [d["day"] for d in days],
                           {words["story_articles"]: [d["articles"] for d in days]}, words)}


def _signal_chart(store, term: str, first: date, last: date, words: dict[str, str]) -> dict[str, Any] | None:
    """A term's documents per day over the baseline and the period: the search of its word, or of
    both words of a pair (the detector pairs neighbouring content words, stopwords skipped, so the
    search of both words counts a few more documents than the detector); none for a pair of actors
    or a dyad's event type, which are not words to search."""
    if " + " in term or " → " in term or not hasattr(store, "daily_counts"):
        return None
    words_only = " ".join(w for w in term.replace('"', " ").split() if w.isalnum())
    try:
        per_day = store.daily_counts(words_only, first.isoformat(), (last + timedelta(days=1)).isoformat())
    except (QueryError, ValueError):
        return None
    days = [(first + timedelta(days=i)).isoformat() for i in range((last - first).days + 1)]
    return chart(f"« {term} »", days, {words["documents"]: [per_day.get(d, 0) for d in days]}, words)


_SIGNALS_CACHE: dict[tuple, dict[str, Any]] = {}
_SIGNALS_LOCK = threading.Lock()


def signals(store, words: dict[str, str], days: int = 7, limit: int = 30, newest: str | None = None) -> dict[str, Any]:
    """The signals of the last ``days`` stored days (``vigie signals``), each with its explanation.

    The detectors replay weeks of articles (seconds on a large store), and their answer only
    changes when the store does: it is kept per store state (newest day, last document rowid)."""
    try:
        from vigie.analysis.current import detect
    except ImportError:
        return {"available": False, "signals": [], "error": None}
    newest = newest or store.newest_day()
    if newest is None:
        return {"available": True, "signals": [], "error": None, "since": None, "until": None, "articles": 0}
    state = (str(getattr(store, "path", "")), newest,
             store.db.execute("SELECT max(rowid), count(*) FROM documents").fetchone()[:], days, limit)
    with _SIGNALS_LOCK:
        cached = _SIGNALS_CACHE.get(state)
    if cached is not None:
        return cached
    last = date.fromisoformat(newest)
    first = last - timedelta(days=days - 1)
    try:
        found = detect(store, first, last)
    except Exception as e:  # a detector failing must not take the page down: say so instead
        return {"available": True, "signals": [], "error": f"{type(e).__name__}: {e}"}
    titles = found["titles"]
    shown = []
    for f in found["flags"][:limit]:
        item = f.to_json()
        item["explanation"] = f.explain()
        item["samples"] = [{"id": i, "title": titles.get(i, "")} for i in f.samples]
        item["day"] = str(item.get("day"))
        item["chart"] = _signal_chart(store, f.term, found["baseline_from"], last, words)
        shown.append(item)
    out = {"available": True, "error": None, "since": first.isoformat(), "until": last.isoformat(),
           "baseline_from": found["baseline_from"].isoformat(), "articles": found["articles"],
           "signals": shown, "more": max(0, len(found["flags"]) - limit)}
    with _SIGNALS_LOCK:
        if len(_SIGNALS_CACHE) >= 16:
            _SIGNALS_CACHE.clear()
        _SIGNALS_CACHE[state] = out
    return out
