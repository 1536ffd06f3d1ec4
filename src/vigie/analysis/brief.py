"""The daily briefing: what an analyst reads in the morning about one day, from the store.

``build_brief`` gathers the data (a JSON-able dict, the briefing's JSON twin); ``to_markdown`` and
``to_html`` render it. Sections: top stories with their source counts, key events with their
actors, notable quotes, the alerts fired that day, and new and rising signals. A watchlist narrows
everything to its saved search and followed actors.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape

from vigie.analysis.alerts import watch_query
from vigie.keys import http_link

BRIEF_VERSION = 1


def build_brief(store: Any, day: date, *, watchlist: Any = None, top: int = 8) -> dict[str, Any]:
    since, until = day.isoformat(), (day + timedelta(days=1)).isoformat()
    query = watch_query(watchlist) if watchlist else None
    docs = store.matching_documents(query, since, until, limit=100_000)
    ids = {d["id"] for d in docs}
    return {
        "version": BRIEF_VERSION, "day": since, "watchlist": watchlist.name if watchlist else None, "query": query,
        "articles": len(docs), "sources": len({d["source"] for d in docs if d["source"]}),
        "stories": _stories(store, docs, top),
        "events": _events(store, since, until, ids if watchlist else None, top),
        "quotes": _quotes(store, since, until, ids if watchlist else None, 5),
        "alerts": [{"title": a.title, "rule": a.why.get("rule"), "watchlist": a.why.get("watchlist"),
                    "observed": a.why.get("observed"), "expected": a.why.get("expected"), "fired_at": a.fired_at}
                   for a in store.alerts(since=since, until=until, watchlist_id=watchlist.id if watchlist else None)
                   if a.held is None],
        "signals": _signals(store, day, top),
    }


def _stories(store: Any, docs: list[dict[str, Any]], top: int) -> list[dict[str, Any]]:
    keys = store.story_keys([d["id"] for d in docs])
    groups: dict[str, list[dict[str, Any]]] = {}
    for d in docs:
        groups.setdefault(keys.get(d["id"], d["id"]), []).append(d)
    ranked = sorted(groups.items(), key=lambda kv: (-len({d["source"] for d in kv[1]}), -len(kv[1]),
                                                    kv[1][0]["published_utc"] or ""))
    out = []
    for key, items in ranked[:top]:
        sources = sorted({d["source"] for d in items if d["source"]})
        out.append({"key": key, "title": items[0]["title"], "articles": len(items), "sources": sources,
                    "items": [{"id": d["id"], "title": d["title"], "url": d["url"], "source": d["source"]}
                              for d in items[:5]]})
    return out


def _events(store: Any, since: str, until: str, ids: set[str] | None, top: int) -> list[dict[str, Any]]:
    merged: dict[tuple, dict[str, Any]] = {}
    for e in store.events(since=since, until=until, limit=None):
        if (ids is not None and e["doc_id"] not in ids) or e["hypothetical"]:
            continue
        key = (e["type"], e["source_key"], e["target_key"])
        if key not in merged:
            merged[key] = {"type": e["type"], "mode": e["mode"], "source": e["source_name"] or e["source_key"],
                           "target": e["target_name"] or e["target_key"], "goldstein": e["goldstein"],
                           "sentence": (e["sentence"] or "").strip(), "doc_id": e["doc_id"], "title": e["doc_title"],
                           "url": e["url"], "articles": set()}
        merged[key]["articles"].add(e["doc_id"])
    ranked = sorted(merged.values(), key=lambda m: (-(m["source"] is not None and m["target"] is not None),
                                                    -len(m["articles"]), -abs(m["goldstein"] or 0)))
    return [{**m, "articles": len(m["articles"])} for m in ranked[:top]]


def _quotes(store: Any, since: str, until: str, ids: set[str] | None, top: int) -> list[dict[str, Any]]:
    picked, speakers = [], set()
    for q in store.quotes(kind="direct", since=since, until=until, limit=500):
        if (ids is not None and q.doc_id not in ids) or not q.speaker or q.speaker in speakers:
            continue
        if not 40 <= len(q.text) <= 400:  # a notable quote is a sentence, not a word or a speech
            continue
        speakers.add(q.speaker)
        picked.append({"speaker": q.speaker, "actor": q.speaker_actor, "text": q.text, "doc_id": q.doc_id,
                       "title": q.doc_title})
    picked.sort(key=lambda q: q["actor"] is None)  # known actors first, then the rest in time order
    return picked[:top]


def _signals(store: Any, day: date, top: int) -> list[dict[str, Any]] | None:
    """New and rising signals of the day (``vigie signals`` for that one day, its usual 28-day
    baseline), None when the store has nothing to learn from."""
    from vigie.analysis.current import detect  # the store-reading run of `vigie signals`

    if store.newest_day() is None:
        return None
    found = detect(store, day, day, budget=top)
    titles = found.get("titles", {})
    out = []
    for flag in found["flags"][:top]:
        data = flag.to_json()
        data["sample_titles"] = [titles.get(i, "") for i in flag.samples[:3]]
        out.append(data)
    return out


# -- rendering ---------------------------------------------------------------------------------------

def _md(value: Any) -> str:
    """Untrusted text in Markdown: no HTML, no links or emphasis of its own."""
    text = " ".join(str(value).split())
    for ch in "\\`*_[]<>#|":
        text = text.replace(ch, "\\" + ch)
    return text


_env = Environment(loader=PackageLoader("vigie.analysis", "templates"), autoescape=select_autoescape(["html"]),
                   trim_blocks=True, lstrip_blocks=True)
_env.filters["md"] = _md
_env.filters["http_only"] = lambda url: http_link(url) or "#"  # article URLs are untrusted


def to_html(data: dict[str, Any]) -> str:
    return _env.get_template("brief.html").render(b=data)


def to_markdown(data: dict[str, Any]) -> str:
    return _env.get_template("brief.md").render(b=data)
