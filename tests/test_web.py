"""The web workspace's JSON twins and pages over a small store (tests/fixtures/web_corpus.jsonl):
every page answers in HTML and JSON, bad input is a clear 4xx, untrusted text is escaped, the
security headers are on every response, and tokens guard the API beyond loopback."""

from __future__ import annotations

import re

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("jinja2")

from fastapi.testclient import TestClient  # noqa: E402

from tests.webcorpus import copy_db, corpus_db  # noqa: E402
from vigie.web.app import CSP, create_app, token_hash  # noqa: E402

HOSTILE_TITLE = '<script>window.__xss = 1</script>Alerte <img src=x onerror="window.__xss=2">'


@pytest.fixture(scope="module")
def db(tmp_path_factory, annotator):
    return corpus_db(tmp_path_factory, annotator)


@pytest.fixture(scope="module")
def client(db):
    with TestClient(create_app(db)) as c:
        yield c


@pytest.fixture(scope="module")
def ids(client):
    hits = client.get("/search.json", params={"q": "since:2000", "per_page": 100}).json()["results"]["hits"]
    by_title = {h["title"]: h["id"] for h in hits}
    for h in hits:
        by_title.update({c["title"]: c["id"] for c in h["copies"]})
    return by_title


def test_today_json(client):
    data = client.get("/today.json").json()
    status = data["status"]
    assert status["documents"] == 8 and status["items_24h"] == 8 and status["failing_sources"] == []
    assert status["newest_day"] == "2024-04-02"
    chart = data["per_day"]
    assert len(chart["x"]) == len(chart["labels"]) == 14 and chart["labels"][-1] == "2024-04-02"
    assert sum(chart["series"][0]["values"]) == 2  # 2024-03-20 and 2024-04-02 fall in the last 14 days
    assert "2024-03-20" in chart["summary"] or "14" in chart["summary"]
    assert set(data["stories"]) >= {"available", "stories"}
    assert set(data["signals"]) >= {"available", "signals"}


def test_every_page_has_an_html_and_a_json_twin(client, ids):
    doc = ids["La Russie suspend sa mission auprès de l'Otan"]
    story = client.get(f"/article/{doc}.json").json()["story"]["id"]
    for page in ["/today", "/search?q=otan", f"/article/{doc}", "/actor/NATO", "/actor/person/sergey-lavrov",
                 "/signals", "/stories", f"/story/{story}"]:
        html = client.get(page)
        assert html.status_code == 200 and html.headers["content-type"].startswith("text/html"), page
        path, _, query = page.partition("?")
        twin = client.get(path + ".json" + ("?" + query if query else ""))
        assert twin.status_code == 200 and twin.headers["content-type"] == "application/json", page
        by_accept = client.get(page, headers={"Accept": "application/json"})
        assert by_accept.json() == twin.json(), page  # the same data
    assert client.get("/", headers={"Accept": "application/json"}).json() == client.get("/today.json").json()


def test_search_json_groups_echoes_and_facets(client):
    data = client.get("/search.json", params={"q": "otan"}).json()
    assert data["echo"] == "Documents contenant « otan »"
    r = data["results"]
    assert r["total"] == 3 and r["groups"] == 2 and r["ranked"]
    first = r["hits"][0]
    assert first["title"] == "La Russie suspend sa mission auprès de l'Otan" and len(first["copies"]) == 1
    assert all(first["snippet"][s:e].lower() == "otan" for s, e in first["highlights"])
    assert {f["value"] for f in r["facets"]["actor"]} >= {"NATO", "RUS"}
    assert {f["value"]: f["label"] for f in r["facets"]["actor"]}["person/sergey-lavrov"] == "Sergueï Lavrov"
    assert '>Sergueï Lavrov</a> <span class="count">' in client.get("/search", params={"q": "otan"}).text
    assert sum(p["count"] for p in r["histogram"]["series"]) == r["total"]
    chart = r["histogram"]["chart"]
    assert chart["queries"] == [f"otan date:{p['period']}" for p in r["histogram"]["series"]]
    html = client.get("/search", params={"q": "otan"}).text
    assert 'href="/search?q=otan+date%3A2024-01">2024-01</a>' in html  # a period narrows the search
    english = client.get("/search.json", params={"q": "otan", "lang": "en"}).json()
    assert english["echo"] == "Documents containing “otan”"


def test_english_labels_and_links_keep_the_language(client):
    html = client.get("/search", params={"q": "otan", "lang": "en"}).text
    assert '<html lang="en">' in html and ">Search</button>" in html and "Documents containing “otan”" in html
    assert 'href="/article/' in html and "?lang=en" in html.split('class="result-title"', 1)[1].split("</a>", 1)[0]
    assert 'href="/search?q=otan" lang="fr">Français</a>' in html
    french = client.get("/search", params={"q": "otan"}).text
    assert '<html lang="fr">' in french and ">Chercher</button>" in french


def test_search_resolves_actor_names(client):
    data = client.get("/search.json", params={"q": "acteur:Lavrov"}).json()
    assert data["results"]["total"] == 2
    assert "Lavrov" in data["echo"] and "person/sergey-lavrov" not in data["echo"]


def test_search_bad_query_is_a_400_with_the_reason(client):
    r = client.get("/search.json", params={"q": "(otan"})
    assert r.status_code == 400 and "never closed" in r.json()["error"] and r.json()["results"] is None
    page = client.get("/search", params={"q": "couleur:rouge"})
    assert page.status_code == 400 and "unknown field" in page.text and 'role="alert"' in page.text
    assert client.get("/search.json").json()["results"] is None  # no query: the empty form
    assert client.get("/search.json", params={"q": "otan", "per_page": 0}).status_code == 422
    assert client.get("/search.json", params={"q": "otan", "page": -1}).status_code == 422
    assert client.get("/search.json", params={"q": "x" * 1001}).status_code == 422


def test_search_pages(client):
    one = client.get("/search.json", params={"q": "since:2000", "per_page": 3}).json()
    assert one["pages"] == 3 and len(one["results"]["hits"]) == 3
    last = client.get("/search.json", params={"q": "since:2000", "per_page": 3, "page": 3}).json()
    assert len(last["results"]["hits"]) == one["results"]["groups"] - 6
    html = client.get("/search", params={"q": "since:2000", "per_page": 3}).text
    assert 'rel="next"' in html and "page=2" in html and 'rel="prev"' not in html


def test_article_json_segments_rebuild_the_text_and_carry_layers(client, ids):
    doc = ids["La Russie suspend sa mission auprès de l'Otan"]
    data = client.get(f"/article/{doc}.json").json()
    assert data["title"] == "La Russie suspend sa mission auprès de l'Otan" and data["language"] == "fr"
    assert data["url"] == "https://www.lesechos.fr/monde/russie-otan-1" and data["near_duplicates"]
    layers = {layer for b in data["blocks"] for s in b["segments"] for layer in s["layers"]}
    assert layers == {"entity", "quote", "timex", "event"}
    lavrov = [s for b in data["blocks"] for s in b["segments"] if s["actor"] == "person/sergey-lavrov"]
    assert lavrov and lavrov[0]["text"] == "Sergueï Lavrov"
    title_block = data["blocks"][0]
    assert "".join(s["text"] for s in title_block["segments"]) == data["title"]
    assert data["quotes"][0]["speaker"] == "Sergueï Lavrov"
    html = client.get(f"/article/{doc}").text
    assert 'href="/actor/person/sergey-lavrov"' in html and 'class="hl quote"' in html
    assert 'rel="noopener noreferrer nofollow external"' in html
    assert client.get(f"/article/{doc[:8]}.json").json()["id"] == doc  # a unique prefix
    missing = client.get("/article/ffffffffffff.json")
    assert missing.status_code == 404 and "ffffffffffff" in missing.json()["detail"]
    assert client.get("/article/ffffffffffff").status_code == 404
    # an id is hex: LIKE wildcards never reach the store's prefix lookup
    assert client.get("/article/%25%25%25%25.json").status_code == 422
    assert client.get("/article/____.json").status_code == 422


def test_actor_json(client):
    data = client.get("/actor/NATO.json").json()
    assert data["actor"]["id"] == "NATO" and data["actor"]["type"] == "igo" and data["actor"]["name"] == "Otan"
    assert sum(s["documents"] for s in data["series"]) == 4
    assert data["chart"]["series"][0]["values"] == [s["documents"] for s in data["series"]]
    others = {r["other"] for r in data["relations"]}
    assert "RUS" in others
    rus = next(r for r in data["relations"] if r["other"] == "RUS")
    assert rus["chart"]["series"][1]["values"] == [-s["conflict"] for s in rus["series"]]
    lavrov = client.get("/actor/Lavrov.json").json()  # any spelling the gazetteer knows
    assert lavrov["actor"]["id"] == "person/sergey-lavrov" and lavrov["quotes"]
    assert any(r["title"] == "Foreign Minister" for r in lavrov["actor"]["roles"])
    assert client.get("/actor/Nobody Known At All.json").status_code == 404
    assert client.get("/actor/NATO.json", params={"interval": "decade"}).status_code == 422


def test_signals_and_stories_json(client):
    sig = client.get("/signals.json").json()
    assert sig["available"] and sig["error"] is None and sig["until"] == "2024-04-02"
    for f in sig["signals"]:
        assert f["explanation"] and "samples" in f
    stories = client.get("/stories.json").json()
    assert stories["available"] and stories["stories"]
    assert sum(s["size"] for s in stories["stories"]) == 8  # every article is in one story
    assert client.get("/story/no-such-story.json").status_code == 404


def test_story_pages(client, ids):
    doc = ids["La Russie suspend sa mission auprès de l'Otan"]
    story = client.get(f"/article/{doc}.json").json()["story"]
    assert story and story["size"] >= 2  # with its wire copy at least
    data = client.get(f"/story/{story['id']}.json").json()
    titles = [a["title"] for a in data["story"]["articles"]]
    assert "La Russie suspend sa mission auprès de l'Otan (dépêche)" in titles
    assert sum(data["chart"]["series"][0]["values"]) == data["story"]["size"]
    html = client.get(f"/story/{story['id']}").text
    assert f'href="/article/{doc}"' in html and 'id="chart-story"' in html
    thread = data["story"]["thread_info"]  # every story belongs to a thread, shown on its page
    assert thread and thread["size"] >= data["story"]["size"]
    assert f'data-thread="{thread["id"]}"' in html
    today = client.get("/today.json").json()["stories"]
    assert today["available"] and today["since"] == "2024-03-27"  # the 7 newest stored days


def test_signal_chart_counts_the_term_per_day(db):
    from datetime import date

    from vigie.store import open_store
    from vigie.web.i18n import messages
    from vigie.web.views import _signal_chart

    store = open_store(db)
    try:
        chart = _signal_chart(store, "otan", date(2024, 1, 1), date(2024, 3, 31), messages("fr"))
        assert len(chart["labels"]) == 91 and sum(chart["series"][0]["values"]) == store.search_page(
            "otan date:2024-01..2024-03").total
        assert chart["series"][0]["values"][chart["labels"].index("2024-01-15")] == 2  # the article and its copy
        assert _signal_chart(store, "Otan + Russie", date(2024, 1, 1), date(2024, 1, 31), messages("fr")) is None
    finally:
        store.close()


def test_watchlist_tiles_on_today(db, tmp_path):
    from vigie.store import open_store

    path = copy_db(db, tmp_path)
    store = open_store(path)
    store.add_watchlist("Russie", query="russie -lavrov")
    store.add_watchlist("Otan", actors=["NATO"])
    store.close()
    with TestClient(create_app(path)) as c:
        tiles = c.get("/today.json").json()["watchlists"]
        assert tiles["available"]
        by_name = {t["name"]: t for t in tiles["tiles"]}
        russie, otan = by_name["Russie"], by_name["Otan"]
        # the 14 newest stored days: 2024-03-20 → 2024-04-02; only the hostile article of 2024-03-20
        # matches 'russie -lavrov' then (Kiev's is of 2024-03-12, the January ones are older)
        assert russie["documents"] == 1 and sum(russie["chart"]["series"][0]["values"]) == 1
        assert russie["chart"]["labels"][0] == "2024-03-20"
        assert russie["chart"]["kind"] == "spark" and len(russie["chart"]["x"]) == 14 and russie["alerts"] == 0
        # actors only: the documents mentioning them, as the search counts them
        assert otan["search"] == "actor:NATO"
        expected = c.get("/search.json", params={"q": "actor:NATO since:2024-03-20"}).json()["results"]["total"]
        assert otan["documents"] == expected >= 1
        html = c.get("/").text
        assert 'href="/search?q=russie+-lavrov"' in html and f'id="spark-{russie["id"]}"' in html


def test_a_store_without_the_stories_table_says_so(db, tmp_path):
    from vigie.store import open_store

    path = copy_db(db, tmp_path)
    store = open_store(path)
    store.db.execute("DROP TABLE story_articles")
    store.db.execute("DROP TABLE stories")
    store.close()
    with TestClient(create_app(path)) as c:
        data = c.get("/stories.json").json()
        assert data["available"] is False and "no such table" in data["reason"]
        assert c.get("/").status_code == 200 and "Non disponible" in c.get("/stories").text


def test_untrusted_text_is_escaped_in_html(client, ids):
    doc = ids[HOSTILE_TITLE]
    for page in [f"/article/{doc}", "/search?q=script", "/actor/NATO", "/search?q=" + "<script>alert(1)</script>"]:
        html = client.get(page).text
        body = html.split("<body>", 1)[1]
        # the only script elements are vigie's own files and inert JSON data blocks
        for tag in re.findall(r"<script\b[^>]*>", html):
            assert 'src="/static/' in tag or 'type="application/json"' in tag, (page, tag)
        assert "onerror=" not in body.replace("onerror=&#34;", "").replace("onerror=&quot;", ""), page
        assert "<img" not in body and "<svg" not in body and "<b " not in body, page
    html = client.get(f"/article/{doc}").text
    assert "&lt;script&gt;window.__xss = 1&lt;/script&gt;" in html
    # JSON data blocks cannot close their script element
    data_blocks = re.findall(r'<script type="application/json"[^>]*>(.*?)</script>', client.get("/actor/NATO").text, re.S)
    assert data_blocks and all("<" not in b for b in data_blocks)


def test_security_headers_everywhere(client):
    for page in ["/", "/search.json?q=otan", "/static/app.js", "/openapi.json", "/article/nope", "/nowhere"]:
        r = client.get(page)
        assert r.headers["content-security-policy"] == CSP, page
        assert r.headers["x-content-type-options"] == "nosniff" and r.headers["x-frame-options"] == "DENY"
    assert "'unsafe-inline'" not in CSP and "script-src 'self'" in CSP


def test_static_files_are_packaged(client):
    assert "uPlot" in client.get("/static/vendor/uplot/uPlot.iife.min.js").text
    assert "MIT License" in client.get("/static/vendor/uplot/LICENSE").text
    assert client.get("/static/../app.py").status_code == 404


def test_openapi_documents_every_json_twin(client):
    spec = client.get("/openapi.json").json()
    assert set(spec["paths"]) == {"/today.json", "/search.json", "/article/{doc_id}.json", "/actor/{actor_id}.json",
                                  "/signals.json", "/stories.json", "/story/{story_id}.json", "/watchlists.json",
                                  "/watchlist/{watch_id}.json", "/briefs.json", "/brief/{brief_id}.json"}
    params = {p["name"] for p in spec["paths"]["/search.json"]["get"]["parameters"]}
    assert params == {"q", "page", "per_page", "lang"}


# -- tokens ----------------------------------------------------------------------------------


@pytest.fixture()
def guarded(db, tmp_path):
    from vigie.store import open_store

    path = copy_db(db, tmp_path)
    store = open_store(path)
    store.add_api_token("analyst", token_hash("good-token"))
    store.add_api_token("old", token_hash("old-token"))
    store.revoke_api_token("old")
    store.close()
    with TestClient(create_app(path, require_token=True)) as c:
        yield c


def test_token_required_beyond_loopback(guarded):
    r = guarded.get("/search.json", params={"q": "otan"})
    assert r.status_code == 401 and "token" in r.json()["detail"] and r.headers["www-authenticate"] == "Bearer"
    assert guarded.get("/openapi.json").status_code == 401
    bad = guarded.get("/search.json", params={"q": "otan"}, headers={"Authorization": "Bearer wrong"})
    assert bad.status_code == 401
    revoked = guarded.get("/today.json", headers={"Authorization": "Bearer old-token"})
    assert revoked.status_code == 401
    ok = guarded.get("/search.json", params={"q": "otan"}, headers={"Authorization": "Bearer good-token"})
    assert ok.status_code == 200 and ok.json()["results"]["total"] == 3
    page = guarded.get("/search?q=otan", follow_redirects=False)
    assert page.status_code == 303 and page.headers["location"] == "/login?next=%2Fsearch%3Fq%3Dotan"  # kept whole
    assert guarded.get("/static/app.css").status_code == 200  # the login page needs its style


def test_login_sets_a_cookie_and_only_redirects_on_site(guarded):
    refused = guarded.post("/login", data={"token": "wrong", "next": "/search"}, follow_redirects=False)
    assert refused.status_code == 303 and "bad=true" in refused.headers["location"]
    assert guarded.get("/today.json").status_code == 401
    r = guarded.post("/login", data={"token": "good-token", "next": "//evil.example/"}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/"
    cookie = r.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie
    assert guarded.get("/today.json").status_code == 200  # the client keeps the cookie


def test_token_cli_and_serve_refusal(tmp_path, capsys):
    from vigie.cli.main import main
    from vigie.cli.serve import is_loopback

    db = str(tmp_path / "t.db")
    assert main(["serve", "--db", db, "--host", "0.0.0.0"]) == 1
    assert "vigie token create" in capsys.readouterr().err
    assert main(["token", "create", "analyst", "--db", db, "--json"]) == 0
    import json

    created = json.loads(capsys.readouterr().out)
    assert created["token"].startswith("vg_") and len(created["token"]) > 40
    from vigie.store import open_store

    store = open_store(db)
    assert store.check_api_token(token_hash(created["token"]))
    assert created["token"] not in str(store.db.execute("SELECT * FROM api_tokens").fetchall()[0][:])
    store.close()
    assert main(["token", "list", "--db", db]) == 0 and "analyst" in capsys.readouterr().out
    assert main(["token", "revoke", "analyst", "--db", db]) == 0
    assert main(["token", "revoke", "analyst", "--db", db]) == 1
    assert "no such active token" in capsys.readouterr().err
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.2") and not is_loopback("example.org")
