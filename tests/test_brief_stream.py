"""The briefing of 2023-10-09 built from the French stream (../shared; skipped without it) with the
alerts of a replayed "punaises de lit" watchlist, then rendered in Debian's chromium."""

from __future__ import annotations

import os
import shutil
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from tests.conftest import shared_path
from vigie.analysis.alerts import run_rules
from vigie.analysis.brief import build_brief, to_html, to_markdown
from vigie.analysis.stories import update_store
from vigie.eval.alerts import build_store
from vigie.store import open_store

DAY = date(2023, 10, 9)
ARTIFACTS = Path(os.environ.get("VIGIE_TEST_ARTIFACTS", Path(__file__).parent / "artifacts"))


@pytest.fixture(scope="module")
def brief(tmp_path_factory):
    stream = shared_path("data", "fr-news-rss-2023-2024", "articles.jsonl.gz")
    store = open_store(tmp_path_factory.mktemp("brief") / "stream.db")
    build_store(store, stream, DAY, since=DAY - timedelta(days=40))
    update_store(store)  # the articles grouped into stories, as `vigie run` does before the rules
    w = store.add_watchlist("punaises", query='"punaises de lit"')
    store.add_rule(w.id, "spike")
    store.add_rule(w.id, "match")
    store.db.execute("UPDATE watchlists SET created_at = ?", ((DAY - timedelta(days=40)).isoformat(),))
    day = DAY - timedelta(days=12)
    while day <= DAY:  # the scheduler's clock, day by day
        run_rules(store, datetime.combine(day + timedelta(days=1), datetime.min.time(), timezone.utc))
        day += timedelta(days=1)
    data = build_brief(store, DAY)
    alerts = store.alerts(limit=10_000)
    matched = store.matching_documents(w.query, (DAY - timedelta(days=12)).isoformat(), (DAY + timedelta(days=1)).isoformat(),
                                       limit=10_000)
    store.close()
    return data, alerts, matched


def test_brief_of_2023_10_09_from_the_stream(brief):
    data, alerts, matched = brief
    assert data["day"] == "2023-10-09" and data["articles"] > 200 and data["sources"] >= 8
    top = data["stories"][0]
    assert len(top["sources"]) >= 2  # the top story is told by several sources
    assert all(len(s["sources"]) <= len(top["sources"]) for s in data["stories"])
    spike = [a for a in alerts if a.key.startswith("spike:")]
    assert [a.day for a in spike] == ["2023-09-27"]  # the spike alert came before the 29 Sept. peak, once
    match = [a for a in alerts if a.why["rule"] == "match"]
    assert match and all(a.key.startswith("story:") for a in match)
    assert len(match) < len(matched) / 3  # one alert per story, not per article (the same story is not told twice)
    md = to_markdown(data)
    assert md.startswith("# Briefing du 2023-10-09") and "## À la une" in md


def test_brief_renders_in_chromium(brief, tmp_path):
    chromium = shutil.which("chromium")
    if not chromium:
        pytest.skip("Debian's chromium is not installed (.ci/run installs it)")
    sync_api = pytest.importorskip("playwright.sync_api")
    data, _, _ = brief
    page_file = tmp_path / "brief.html"
    page_file.write_text(to_html(data), encoding="utf-8")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, headless=True,
                                    args=["--no-sandbox", "--disable-gpu", "--no-first-run",
                                          "--disable-background-networking", "--disable-component-update"])
        try:
            page = browser.new_page()
            errors: list[str] = []
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto(page_file.as_uri())
            assert page.locator("h1").inner_text().startswith("Briefing du 2023-10-09")
            assert page.locator("#stories li").count() == len(data["stories"]) >= 5
            assert page.locator("#alerts li").count() == len(data["alerts"])
            assert page.locator("#signals").is_visible() and page.locator("#events").is_visible()
            assert page.locator("#stories li").first.is_visible()
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / "brief-2023-10-09.png"), full_page=True)
            assert errors == []
        finally:
            browser.close()
