"""Watchlists, the rule editor's preview and the briefing archive in the web workspace: JSON twins,
forms that only accept same-site posts, and escaping of what the analyst typed."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

pytest.importorskip("fastapi")

from fastapi.testclient import TestClient  # noqa: E402

from tests.webcorpus import copy_db, corpus_db  # noqa: E402
from vigie.analysis.alerts import run_rules  # noqa: E402
from vigie.analysis.brief import build_brief, to_html, to_markdown  # noqa: E402
from vigie.store import open_store  # noqa: E402
from vigie.web.app import create_app  # noqa: E402

SAME = {"origin": "http://testserver"}


@pytest.fixture()
def client(tmp_path, tmp_path_factory, annotator):
    db = copy_db(corpus_db(tmp_path_factory, annotator), tmp_path)
    with TestClient(create_app(db)) as c:
        c.db = db
        yield c


def test_save_a_search_then_preview_and_save_a_rule(client):
    page = client.get("/search", params={"q": "otan"}).text
    assert 'action="/watchlists"' in page and 'name="q" value="otan"' in page  # "save this search"
    r = client.post("/watchlists", data={"name": "otan", "q": "otan"}, headers=SAME, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/watchlist/")
    watch = client.get(r.headers["location"] + ".json").json()
    assert watch["query"] == "otan" and sorted(x["kind"] for x in watch["rules"]) == ["match", "spike"]
    wid = watch["id"]
    preview = client.get(f"/watchlist/{wid}.json", params={"kind": "match", "days": 120, "budget": 3}).json()["preview"]
    assert preview["kind"] == "match" and preview["settings"]["budget"] == 3
    assert preview["alerts"], "the corpus has articles on NATO: the preview must show them"
    assert sum(a["held"] is None for a in preview["alerts"] if a["day"] == preview["alerts"][0]["day"]) <= 3
    store = open_store(client.db)
    try:

        store.db.execute("UPDATE watchlists SET created_at = '2000-01-01T00:00:00+00:00'")
        day = date.fromisoformat(preview["alerts"][0]["day"])  # a day the preview says a match fires
        assert run_rules(store, datetime.combine(day + timedelta(days=1), datetime.min.time(), timezone.utc)).fired
    finally:
        store.close()
    html = client.get(f"/watchlist/{wid}", params={"kind": "match", "days": 120}).text
    assert "/search?q=%28otan%29+date%3A" in html  # each alert links to the filtered view of its day
    assert 'id="preview"' in html and 'action="/watchlist/%d/rules"' % wid in html
    r = client.post(f"/watchlist/{wid}/rules", data={"kind": "spike", "sensitivity": "4"}, headers=SAME,
                    follow_redirects=False)
    assert r.status_code == 303
    rules = client.get(f"/watchlist/{wid}.json").json()["rules"]
    assert rules[-1]["kind"] == "spike" and rules[-1]["params"] == {"sensitivity": 4.0}
    listed = client.get("/watchlists.json").json()["watchlists"]
    assert [w["name"] for w in listed] == ["otan"]
    assert client.post(f"/watchlist/{wid}/delete", headers=SAME, follow_redirects=False).status_code == 303
    assert client.get(f"/watchlist/{wid}.json").status_code == 404


def test_forms_refuse_other_sites_and_bad_input(client):
    r = client.post("/watchlists", data={"name": "x", "q": "otan"}, headers={"origin": "https://evil.example"})
    assert r.status_code == 403
    r = client.post("/watchlists", data={"name": "x", "q": "(otan AND"}, headers=SAME)
    assert r.status_code == 400 and "needs something after it" in r.text
    client.post("/watchlists", data={"name": "y", "q": "otan"}, headers=SAME)
    wid = client.get("/watchlists.json").json()["watchlists"][0]["id"]
    bad = client.post(f"/watchlist/{wid}/rules", data={"kind": "spike", "window": "abc"}, headers=SAME)
    assert bad.status_code == 400 and "must be a number" in bad.text
    assert client.get(f"/watchlist/{wid}.json", params={"kind": "nope"}).status_code == 422
    assert client.get("/watchlists.json").json()["watchlists"][0]["name"] == "y"  # nothing else was written


def test_watchlist_names_and_queries_are_escaped(client):
    hostile = '<script>window.__x=1</script>'
    client.post("/watchlists", data={"name": hostile, "q": '"<img src=x onerror=alert(1)>"'}, headers=SAME)
    page = client.get("/watchlists").text
    assert "<script>window.__x" not in page and "&lt;script&gt;" in page and "<img src=x" not in page


def test_brief_archive_pages(client):
    store = open_store(client.db)
    try:
        day = date.fromisoformat(store.newest_day())
        data = build_brief(store, day)
        bid = store.save_brief(day.isoformat(), None, to_markdown(data), to_html(data), data)
        assert store.save_brief(day.isoformat(), None, "", "", data) is None  # once per day
    finally:
        store.close()
    archive = client.get("/briefs.json").json()["briefs"]
    assert [b["id"] for b in archive] == [bid]
    one = client.get(f"/brief/{bid}.json").json()
    assert one["day"] == day.isoformat() and one["articles"] == data["articles"]
    page = client.get(f"/brief/{bid}").text
    assert 'id="stories"' in page and day.isoformat() in page
    assert client.get("/brief/999.json").status_code == 404
