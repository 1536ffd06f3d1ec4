"""Watchlists, the rule editor with its preview, and the briefing archive in the web workspace.

``add_routes`` is called by ``create_app`` with its rendering helpers, so these pages share the
layout, the escaping and the JSON twins of the others. Forms post to the same origin only: a POST
whose ``Origin`` (or ``Sec-Fetch-Site``) says it comes from another site is refused, so a page
elsewhere cannot make the analyst's browser create or delete watchlists.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any, Callable
from urllib.parse import parse_qs, quote, urlsplit

from fastapi import FastAPI, Query, Request
from fastapi import Path as PathParam
from fastapi.responses import JSONResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from vigie.analysis.alerts import DEFAULTS, KINDS, dry_run, rule_params
from vigie.model import AlertRule

# Settings the rule editor offers (the others keep their defaults): name → (min, max, step).
EDITABLE = {"window": (7, 90, 1), "sensitivity": (1.0, 10.0, 0.5), "min_count": (1, 100, 1),
            "min_ratio": (1.0, 10.0, 0.5), "cooldown_hours": (0, 720, 1), "budget": (1, 100, 1),
            "min_docs": (1, 50, 1), "hours": (1, 168, 1), "min_daily": (0.5, 1000.0, 0.5)}


def add_routes(app: FastAPI, *, stores: Any, html: Callable, render: Callable, not_found: Callable,
               messages: Callable[[str], dict[str, str]]) -> None:

    def same_site(request: Request) -> bool:
        origin = request.headers.get("origin")
        if origin:
            return urlsplit(origin).netloc == request.headers.get("host", "")
        return request.headers.get("sec-fetch-site", "same-origin") in ("same-origin", "none")

    async def form(request: Request) -> dict[str, list[str]]:
        return parse_qs((await request.body()).decode("utf-8", "replace")[:16_384])

    def refused(request: Request, lang: str, status: int, detail: str) -> Response:
        if status == 404:
            return not_found(request, lang, detail)
        return html(request, "error.html", lang, status=status, title=messages(lang)["watch_refused"], detail=detail)

    # -- watchlists ------------------------------------------------------------------------------

    @app.get("/watchlists", include_in_schema=False)
    @app.get("/watchlists.json", tags=["pages"], summary="Watchlists: saved searches and followed actors, their rules "
                                                          "and latest alerts")
    def watchlists_page(request: Request, lang: str = Query("fr", pattern="^(fr|en)$")):
        store = stores.get()
        data = {"watchlists": [_watch_summary(store, w) for w in store.watchlists()], "kinds": list(KINDS)}
        return render(request, "watchlists.html", data, lang, json_path="/watchlists.json")

    @app.post("/watchlists", include_in_schema=False)
    async def create_watchlist(request: Request, lang: str = Query("fr", pattern="^(fr|en)$")):
        if not same_site(request):
            return refused(request, lang, 403, "this form only accepts posts from the workspace itself")
        f = await form(request)
        name = (f.get("name") or [""])[0].strip()[:100]
        query = (f.get("q") or [""])[0].strip()[:1000]
        kinds = [k for k in f.get("rule", []) if k in KINDS] or ["spike", "match"]

        def create():
            store = stores.get()
            w = store.add_watchlist(name, query=query or None)
            for kind in dict.fromkeys(kinds):
                store.add_rule(w.id, kind)
            return w

        try:
            w = await run_in_threadpool(create)
        except ValueError as e:
            return refused(request, lang, 400, str(e))
        return RedirectResponse(_u(f"/watchlist/{w.id}", lang), status_code=303)

    @app.get("/watchlist/{watch_id}", include_in_schema=False)
    @app.get("/watchlist/{watch_id}.json", tags=["pages"],
             summary="One watchlist: rules, alerts with their reasons, and a preview of a rule over past days",
             responses={404: {"description": "no such watchlist"},
                        400: {"description": "a preview setting is out of range: `detail` says which"}})
    def watchlist_page(request: Request, watch_id: int = PathParam(..., ge=1, le=2**31),
                       kind: str | None = Query(None, pattern="^(match|spike|cooccurrence|dyad_type|silence)$",
                                                description="preview this rule kind"),
                       days: int = Query(30, ge=1, le=365, description="preview over the N newest stored days"),
                       window: int | None = Query(None, ge=7, le=90), sensitivity: float | None = Query(None, ge=1, le=10),
                       min_count: int | None = Query(None, ge=1, le=100), min_ratio: float | None = Query(None, ge=1, le=10),
                       cooldown_hours: int | None = Query(None, ge=0, le=720), budget: int | None = Query(None, ge=1, le=100),
                       min_docs: int | None = Query(None, ge=1, le=50), hours: int | None = Query(None, ge=1, le=168),
                       min_daily: float | None = Query(None, ge=0.5, le=1000),
                       lang: str = Query("fr", pattern="^(fr|en)$")):
        store = stores.get()
        try:
            w = store.watchlist(watch_id)
        except KeyError:
            return not_found(request, lang, f"no watchlist {watch_id}")
        data = _watch_summary(store, w, alerts=30)
        data["kinds"] = list(KINDS)
        data["editable"] = {k: {"min": lo, "max": hi, "step": step} for k, (lo, hi, step) in EDITABLE.items()}
        data["defaults"] = {k: {s: v for s, v in DEFAULTS[k].items() if s in EDITABLE} for k in KINDS}
        data["preview"] = None
        if kind:
            given = {"window": window, "sensitivity": sensitivity, "min_count": min_count, "min_ratio": min_ratio,
                     "cooldown_hours": cooldown_hours, "budget": budget, "min_docs": min_docs, "hours": hours,
                     "min_daily": min_daily}
            allowed = set(DEFAULTS[kind]) | {"budget"}
            params = {k: v for k, v in given.items() if v is not None and k in allowed}
            try:
                checked = rule_params(kind, params)
            except ValueError as e:
                if request.url.path.endswith(".json"):
                    return JSONResponse({"detail": str(e)}, status_code=400)
                return refused(request, lang, 400, str(e))
            newest = store.newest_day()
            if newest:
                until = date.fromisoformat(newest)
                since = until - timedelta(days=days - 1)
                rule = AlertRule(0, w.id, kind, params)
                fired = dry_run(store, w, rule, since, until)
                data["preview"] = {"kind": kind, "params": params, "settings": checked, "since": since.isoformat(),
                                   "until": until.isoformat(), "days": days,
                                   "alerts": [_alert_json(a) for a in fired]}
            else:
                data["preview"] = {"kind": kind, "params": params, "settings": checked, "alerts": [],
                                   "note": "the store holds no article"}
        return render(request, "watchlist.html", data, lang, json_path=f"/watchlist/{w.id}.json")

    @app.post("/watchlist/{watch_id}/rules", include_in_schema=False)
    async def add_rule(request: Request, watch_id: int = PathParam(..., ge=1, le=2**31),
                       lang: str = Query("fr", pattern="^(fr|en)$")):
        if not same_site(request):
            return refused(request, lang, 403, "this form only accepts posts from the workspace itself")
        f = await form(request)
        kind = (f.get("kind") or [""])[0]
        params = {k: v[0] for k, v in f.items() if k in EDITABLE and v and v[0].strip()}

        def create():
            store = stores.get()
            store.watchlist(watch_id)
            checked = rule_params(kind, params)  # refuses unknown kinds and bad values
            return store.add_rule(watch_id, kind, {k: checked[k] for k in params if k in checked})

        try:
            await run_in_threadpool(create)
        except KeyError:
            return refused(request, lang, 404, f"no watchlist {watch_id}")
        except ValueError as e:
            return refused(request, lang, 400, str(e))
        return RedirectResponse(_u(f"/watchlist/{watch_id}", lang), status_code=303)

    @app.post("/watchlist/{watch_id}/delete", include_in_schema=False)
    async def delete_watchlist(request: Request, watch_id: int = PathParam(..., ge=1, le=2**31),
                               lang: str = Query("fr", pattern="^(fr|en)$")):
        if not same_site(request):
            return refused(request, lang, 403, "this form only accepts posts from the workspace itself")
        if not await run_in_threadpool(lambda: stores.get().remove_watchlist(watch_id)):
            return refused(request, lang, 404, f"no watchlist {watch_id}")
        return RedirectResponse(_u("/watchlists", lang), status_code=303)

    # -- briefings -------------------------------------------------------------------------------

    @app.get("/briefs", include_in_schema=False)
    @app.get("/briefs.json", tags=["pages"], summary="The briefing archive, newest first")
    def briefs_page(request: Request, lang: str = Query("fr", pattern="^(fr|en)$")):
        data = {"briefs": stores.get().briefs(limit=120)}
        return render(request, "briefs.html", data, lang, json_path="/briefs.json")

    @app.get("/brief/{brief_id}", include_in_schema=False)
    @app.get("/brief/{brief_id}.json", tags=["pages"], summary="One briefing: stories, events, quotes, alerts, signals",
             responses={404: {"description": "no such briefing"}})
    def brief_page(request: Request, brief_id: int = PathParam(..., ge=1, le=2**31),
                   lang: str = Query("fr", pattern="^(fr|en)$")):
        try:
            stored = stores.get().brief(brief_id)
        except KeyError:
            return not_found(request, lang, f"no briefing {brief_id}")
        return render(request, "brief.html", stored["data"], lang, json_path=f"/brief/{brief_id}.json")


def _watch_summary(store: Any, w: Any, alerts: int = 5) -> dict[str, Any]:
    recent = store.alerts(watchlist_id=w.id, limit=alerts)
    return {**w.to_json(), "rules": [r.to_json() for r in store.rules(w.id)],
            "alerts": [_alert_json(a) for a in recent]}


def _alert_json(a: Any) -> dict[str, Any]:
    return {"id": a.id, "rule_id": a.rule_id, "key": a.key, "day": a.day, "fired_at": a.fired_at, "title": a.title,
            "held": a.held, "score": a.score, "why": a.why}


def _u(path: str, lang: str) -> str:
    return quote(path, safe="/") + ("?lang=en" if lang == "en" else "")
