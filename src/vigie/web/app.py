"""The FastAPI application behind ``vigie serve``.

Every page is rendered on the server from the same dict its JSON twin returns (``/search`` and
``/search.json``, or ``/search`` with ``Accept: application/json``); all state is in the URL.
Article text, titles and every stored string are untrusted: Jinja2 escapes everything (autoescape
on every template), the only script is vigie's own static file, and the Content-Security-Policy
forbids inline script and any other origin. Served beyond loopback, every request needs a token
(``vigie token create``), given as ``Authorization: Bearer …`` or through the login form's cookie."""

from __future__ import annotations

import hashlib
import threading
from importlib import resources
from pathlib import Path
from typing import Any, Literal
from urllib.parse import parse_qs, quote, urlencode

from fastapi import FastAPI, Query, Request
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.concurrency import run_in_threadpool

from vigie.web import views
from vigie.web.i18n import messages

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "font-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}
COOKIE = "vigie_token"
NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"description": "no such item: `detail` names it"}}
Lang = Literal["fr", "en"]
_HERE = resources.files("vigie.web")


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class _Stores(threading.local):
    """One store connection per worker thread (SQLite connections stay in their thread)."""

    def __init__(self, path: Path):
        self.path = path
        self.store = None

    def get(self):
        if self.store is None:
            from vigie.store import open_store

            self.store = open_store(self.path)
        return self.store


def create_app(db_path: str | Path, *, require_token: bool = False) -> FastAPI:
    app = FastAPI(title="vigie", version="1", docs_url=None, redoc_url=None, openapi_url="/openapi.json",
                  description="The analyst's workspace over a vigie store: every HTML page has this JSON twin.")
    stores = _Stores(Path(db_path))
    env = Environment(loader=FileSystemLoader(str(_HERE.joinpath("templates"))),
                      autoescape=select_autoescape(default=True, default_for_string=True))
    app.state.require_token = require_token
    app.mount("/static", StaticFiles(directory=str(_HERE.joinpath("static"))), name="static")

    # -- security: headers on every response, a token beyond loopback -------------------------

    def _token_ok(token: str | None) -> bool:
        return bool(token) and stores.get().check_api_token(token_hash(token))

    @app.middleware("http")
    async def guard(request: Request, call_next):
        path = request.url.path
        if require_token and not (path == "/login" or path.startswith("/static/")):
            auth = request.headers.get("authorization", "")
            token = auth[7:].strip() if auth.lower().startswith("bearer ") else request.cookies.get(COOKIE)
            if not await run_in_threadpool(_token_ok, token):
                if _wants_json(request):
                    response = JSONResponse({"detail": "a valid token is required (vigie token create)"},
                                            status_code=401, headers={"WWW-Authenticate": "Bearer"})
                else:
                    target = path + (f"?{request.url.query}" if request.url.query else "")
                    response = RedirectResponse("/login?" + urlencode({"next": target}), status_code=303)
                response.headers.update(SECURITY_HEADERS)
                return response
        response = await call_next(request)
        response.headers.update(SECURITY_HEADERS)
        return response

    # -- rendering ------------------------------------------------------------------------------

    def html(request: Request, template: str, lang: str, *, status: int = 200, json_path: str | None = None,
             **context: Any) -> HTMLResponse:
        params = dict(request.query_params)

        def u(path: str, **extra: Any) -> str:
            query = {k: v for k, v in extra.items() if v is not None and v != ""}
            if lang != "fr":
                query["lang"] = lang
            return quote(path, safe="/:") + ("?" + urlencode(query) if query else "")

        other = {**params, "lang": "en" if lang == "fr" else "fr"}
        if other["lang"] == "fr":
            del other["lang"]
        page = env.get_template(template).render(
            m=messages(lang), lang=lang, u=u, quote_value=_quote_value, q=context.pop("q", None),
            json_url=(json_path or request.url.path + ".json") + (f"?{urlencode(params)}" if params else ""),
            other_lang_url=request.url.path + (f"?{urlencode(other)}" if other else ""), **context)
        return HTMLResponse(page, status_code=status)

    def render(request: Request, template: str, data: dict[str, Any], lang: str, *, status: int = 200,
               json_path: str | None = None, q: str | None = None) -> Response:
        if _wants_json(request):
            return JSONResponse(data, status_code=status)
        return html(request, template, lang, status=status, json_path=json_path, data=data, q=q)

    def not_found(request: Request, lang: str, detail: str) -> Response:
        if _wants_json(request):
            return JSONResponse({"detail": detail}, status_code=404)
        return html(request, "error.html", lang, status=404, title=messages(lang)["not_found"], detail=detail)

    # -- pages: the JSON twin is registered first (the decorator nearest the function): its path is
    # the more specific one


    @app.get("/", include_in_schema=False)
    @app.get("/today", include_in_schema=False)
    @app.get("/today.json", tags=["pages"], summary="Today: ingest status, top stories, emerging signals")
    def today_page(request: Request, lang: Lang = "fr"):
        data = views.today(stores.get(), messages(lang))
        return render(request, "today.html", data, lang, json_path="/today.json")

    @app.get("/search", include_in_schema=False)
    @app.get("/search.json", tags=["pages"], summary="Search with the query language (docs/search.md)",
             responses={400: {"description": "the query cannot be read: `error` says where and why"}})
    def search_page(request: Request, q: str = Query("", max_length=1000, description="query (docs/search.md)"),
                    page: int = Query(1, ge=1, le=10_000), per_page: int = Query(20, ge=1, le=100),
                    lang: Lang = "fr"):
        data = views.search(stores.get(), q, lang, messages(lang), page=page, per_page=per_page)
        return render(request, "search.html", data, lang, status=400 if data["error"] else 200,
                      json_path="/search.json", q=q)

    @app.get("/article/{doc_id}", include_in_schema=False)
    @app.get("/article/{doc_id}.json", tags=["pages"], summary="One article with its annotations",
             responses=NOT_FOUND)
    def article_page(request: Request, lang: Lang = "fr",
                     doc_id: str = PathParam(..., pattern="^[0-9a-fA-F]{4,64}$",
                                             description="a document id or a unique prefix of it (4+ hex digits)")):
        try:
            data = views.article(stores.get(), doc_id)
        except views.NotFound as e:
            return not_found(request, lang, str(e))
        return render(request, "article.html", data, lang, json_path=f"/article/{quote(doc_id)}.json")

    @app.get("/actor/{actor_id:path}", include_in_schema=False)
    @app.get("/actor/{actor_id:path}.json", tags=["pages"], summary="One actor: names, roles, mentions, relations",
             responses=NOT_FOUND)
    def actor_page(request: Request, actor_id: str, lang: Lang = "fr",
                   interval: Literal["day", "week", "month", "year"] = "month"):
        if not actor_id.strip() or len(actor_id) > 200:
            return not_found(request, lang, f"no actor {actor_id!r}")
        try:
            data = views.actor(stores.get(), actor_id, messages(lang), lang, interval=interval)
        except views.NotFound as e:
            return not_found(request, lang, str(e))
        return render(request, "actor.html", data, lang, json_path=f"/actor/{quote(actor_id, safe='/')}.json")

    @app.get("/signals", include_in_schema=False)
    @app.get("/signals.json", tags=["pages"], summary="Emerging signals (suggestions, each explained)")
    def signals_page(request: Request, days: int = Query(7, ge=1, le=90), lang: Lang = "fr"):
        data = views.signals(stores.get(), messages(lang), days=days)
        return render(request, "signals.html", data, lang, json_path="/signals.json")

    @app.get("/stories", include_in_schema=False)
    @app.get("/stories.json", tags=["pages"], summary="Stories (when the store groups articles into stories)")
    def stories_page(request: Request, days: int | None = Query(None, ge=1, le=3660,
                                                                description="only stories active in the N newest days"),
                     lang: Lang = "fr"):
        data = views.stories_list(stores.get(), messages(lang), limit=50, days=days)
        return render(request, "stories.html", data, lang, json_path="/stories.json")

    @app.get("/story/{story_id}", include_in_schema=False)
    @app.get("/story/{story_id}.json", tags=["pages"], summary="One story: its articles, sources, actors, events",
             responses=NOT_FOUND)
    def story_page(request: Request, story_id: str = PathParam(..., max_length=200), lang: Lang = "fr"):
        try:
            data = views.story(stores.get(), story_id, messages(lang))
        except views.NotFound as e:
            return not_found(request, lang, str(e))
        return render(request, "story.html", data, lang, json_path=f"/story/{quote(story_id)}.json")

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon():
        return Response(status_code=204)

    # -- login (only needed beyond loopback) -----------------------------------------------------

    @app.get("/login", include_in_schema=False)
    def login_form(request: Request, next: str = "/", lang: Lang = "fr", bad: bool = False):
        return html(request, "login.html", lang, json_path="/today.json", next=_safe_next(next), bad=bad)

    @app.post("/login", include_in_schema=False)
    async def login(request: Request):
        form = parse_qs((await request.body()).decode("utf-8", "replace")[:4096])
        token = (form.get("token") or [""])[0]
        target = _safe_next((form.get("next") or ["/"])[0])
        if not await run_in_threadpool(_token_ok, token):
            return RedirectResponse("/login?" + urlencode({"next": target, "bad": "true"}), status_code=303)
        response = RedirectResponse(target, status_code=303)
        response.set_cookie(COOKIE, token, httponly=True, samesite="strict", path="/")
        return response

    # -- watchlists, the rule editor and the briefing archive (web/watch.py) ------------------------

    from vigie.web import watch

    watch.add_routes(app, stores=stores, html=html, render=render, not_found=not_found, messages=messages)
    return app


def _wants_json(request: Request) -> bool:
    if request.url.path.endswith(".json"):
        return True
    accept = request.headers.get("accept", "")
    return "application/json" in accept and "text/html" not in accept


def _safe_next(target: str) -> str:
    """Only a path on this site (never //other.example or a scheme)."""
    return target if target.startswith("/") and not target.startswith("//") and "\\" not in target else "/"


def _quote_value(value: Any) -> str:
    text = str(value)
    return f'"{text}"' if any(c.isspace() or c in '()"' for c in text) else text
