"""The workspace in a real browser: Playwright drives Debian's chromium (never a downloaded
browser). Search → open an article → its highlights are visible → an actor page draws its
chart → keyboard navigation; and a hostile article (``<script>`` and event handlers in its title,
author and text, ingested with the fixture corpus) runs nothing anywhere it is shown.
Screenshots go to tests/artifacts/ (not versioned). Skipped, saying why, without chromium."""

from __future__ import annotations

import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

from tests.webcorpus import corpus_db

ARTIFACTS = Path(__file__).parent / "artifacts"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
               "--disable-component-update", "--disable-sync"]

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (apt-get install chromium; "
                                                         ".ci/run does it)")
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (the test extra)")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def base_url(tmp_path_factory, annotator):
    import uvicorn

    from vigie.web.app import create_app

    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(corpus_db(tmp_path_factory, annotator)), host="127.0.0.1",
                                           port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline:
            pytest.fail("the test server did not start within 30 s")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=LAUNCH_ARGS)
        yield b
        b.close()


@pytest.fixture()
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fr-FR")
    pg = context.new_page()
    pg.errors = []
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    # a CSP violation (an inline style or script the policy blocks) is reported on the console
    pg.on("console", lambda msg: pg.errors.append(msg.text) if "Content Security Policy" in msg.text else None)
    pg.on("dialog", lambda d: (pg.errors.append(f"dialog: {d.message}"), d.dismiss()))
    yield pg
    context.close()


def _shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def test_search_open_article_highlights_actor_chart_keyboard(page, base_url):
    expect = sync_api.expect
    page.goto(base_url + "/")
    page.keyboard.press("/")  # focus the search box
    expect(page.locator("#q")).to_be_focused()
    page.keyboard.type("otan")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search?q=otan*")
    expect(page.locator("#echo")).to_have_text("Documents contenant « otan »")
    results = page.locator("[data-result]")
    expect(results).to_have_count(2)
    expect(page.locator(".snippet mark").first).to_be_visible()
    expect(page.locator("#chart-histogram canvas").first).to_be_visible()  # the date histogram is drawn
    _shot(page, "1-search")

    page.keyboard.press("j")
    expect(results.nth(0)).to_have_class("result current")
    page.keyboard.press("j")
    expect(results.nth(1)).to_have_class("result current")
    expect(results.nth(0)).not_to_have_class("result current")
    page.keyboard.press("k")
    expect(results.nth(0)).to_have_class("result current")
    page.keyboard.press("o")  # open the selected result
    page.wait_for_url("**/article/**")
    assert page.locator("article.doc").get_attribute("lang") == "fr"
    for layer in ("entity", "quote", "timex", "event"):
        expect(page.locator(f".text .hl.{layer}").first).to_be_visible()
    lavrov = page.locator('.text a.hl.entity[href="/actor/person/sergey-lavrov"]')
    lavrov = lavrov.filter(has_text="Sergueï Lavrov")
    expect(lavrov).to_have_text("Sergueï Lavrov")
    # the highlight is visibly marked: a background colour, not the page's white
    assert page.eval_on_selector(".text .hl.entity", "e => getComputedStyle(e).backgroundColor") != "rgba(0, 0, 0, 0)"
    _shot(page, "2-article")

    lavrov.click()
    page.wait_for_url("**/actor/person/sergey-lavrov")
    chart = page.locator("#chart-mentions")
    expect(chart).to_have_attribute("data-rendered", "true")
    box = page.locator("#chart-mentions canvas").first.bounding_box()
    assert box and box["width"] > 200 and box["height"] > 100
    expect(page.locator("#chart-mentions-sum")).to_contain_text("Mentions dans le temps")
    _shot(page, "3-actor")

    page.keyboard.press("?")
    expect(page.locator("#help")).to_be_visible()
    page.keyboard.press("Escape")
    expect(page.locator("#help")).to_be_hidden()
    page.keyboard.press("j")  # the latest mentions are results too
    page.keyboard.press("o")
    page.wait_for_url("**/article/**")
    assert page.errors == []


def test_a_histogram_bar_narrows_the_search_to_its_period(page, base_url):
    page.goto(base_url + "/search?q=otan")
    sync_api.expect(page.locator("#chart-histogram")).to_have_attribute("data-rendered", "true")
    page.locator("#chart-histogram").scroll_into_view_if_needed()
    x, y = page.evaluate("""() => { const p = document.getElementById('chart-histogram').plot;
        const r = p.over.getBoundingClientRect();
        return [r.left + p.valToPos(p.data[0][0], 'x'), r.top + r.height - 3]; }""")
    page.mouse.move(x, y)
    page.mouse.click(x, y)
    page.wait_for_url("**/search?q=otan+date%3A2024-01")
    sync_api.expect(page.locator("#echo")).to_contain_text("publiés du 2024-01-01")
    assert page.errors == []


def test_focus_is_visible_and_text_contrast_is_high(page, base_url):
    page.goto(base_url + "/search?q=otan")
    page.keyboard.press("Tab")  # the skip link first
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    # WCAG contrast of every text element against its (opaque) background: at least 4.5:1
    worst = page.evaluate("""() => {
        const rgb = s => s.match(/[\\d.]+/g).map(Number);
        const lum = c => { const [r, g, b] = c.slice(0, 3).map(v => { v /= 255;
            return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
            return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
        const bg = el => { for (; el; el = el.parentElement) { const c = rgb(getComputedStyle(el).backgroundColor);
            if (c.length < 4 || c[3] > 0) return c; } return [255, 255, 255]; };
        let worst = 99, where = "";
        for (const el of document.querySelectorAll("main *, header *")) {
            if (![...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim())) continue;
            const a = lum(rgb(getComputedStyle(el).color)), b = lum(bg(el));
            const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
            if (ratio < worst) { worst = ratio; where = el.tagName + "." + el.className; }
        }
        return [worst, where];
    }""")
    assert worst[0] >= 4.5, worst


def test_hostile_article_runs_nothing(page, base_url):
    page.goto(base_url + "/search?q=script")
    hits = page.locator("[data-result]")
    sync_api.expect(hits).to_have_count(1)
    title = hits.first.locator(".result-title a")
    sync_api.expect(title).to_contain_text("<script>window.__xss = 1</script>Alerte")  # shown as text
    _shot(page, "4-hostile-search")
    title.click()
    page.wait_for_url("**/article/**")
    page.wait_for_load_state("load")
    sync_api.expect(page.locator("h1.block.title")).to_contain_text('<img src=x onerror="window.__xss=2">')
    page.hover("article.doc")  # an onmouseover would fire now
    for sel in ("p.meta", "p.block"):
        page.hover(sel)
    page.wait_for_timeout(300)
    _shot(page, "5-hostile-article")
    for url in ("/search?q=otan", "/actor/NATO", "/today"):  # everywhere the title appears
        page.goto(base_url + url)
        page.wait_for_load_state("load")
        assert page.evaluate("window.__xss") is None, url
    assert page.evaluate("window.__xss") is None
    counts = page.evaluate("""() => ({
        img: document.querySelectorAll('main img').length,
        svg: document.querySelectorAll('main svg').length,
        inline: [...document.scripts].filter(s => !s.src && s.type !== 'application/json').length,
        handlers: [...document.querySelectorAll('main *')].filter(e => [...e.attributes].some(a => a.name.startsWith('on'))).length,
    })""")
    assert counts == {"img": 0, "svg": 0, "inline": 0, "handlers": 0}
    assert page.errors == []  # no alert() dialog, no script error
