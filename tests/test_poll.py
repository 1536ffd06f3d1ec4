"""Feeds: sources, OPML, polling with conditional GET, health and back-off, bad feeds."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from tests.httpserver import Route
from vigie.errors import ItemError
from vigie.ingest.feeds import parse_feed
from vigie.ingest.fetch import Fetcher, FetchPolicy
from vigie.ingest.opml import read_opml, write_opml
from vigie.poll import poll

ARTICLE = """<html><head><title>{title}</title>
<meta property="article:published_time" content="2021-10-18T17:17:00+02:00"></head>
<body><article><h1>{title}</h1><p>Par Sophie Amsili</p>
<p>Moscou a annoncé ce lundi la fermeture de sa mission auprès de l'Otan à Bruxelles, a déclaré Sergueï Lavrov
aux journalistes, en réponse au retrait de l'accréditation de huit membres de la mission russe.</p>
<p>Publicité</p><p>L'Otan avait suspendu toute coopération avec Moscou en 2014 après l'annexion de la Crimée.</p>
</article></body></html>"""


def rss(base: str, n: int) -> str:
    items = "".join(
        f"<item><title>Article {i}</title><link>{base}/a{i}.html</link>"
        f"<pubDate>Mon, 18 Oct 2021 1{i}:00:00 GMT</pubDate></item>" for i in range(n))
    return (f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Le Fil</title>'
            f"<link>{base}/</link>{items}</channel></rss>")


@pytest.fixture()
def fetcher():
    with Fetcher(FetchPolicy(allow_private=True, timeout=2.0)) as f:
        yield f


def serve_feed(server, n=2, etag='"v1"'):
    server.add("/feed.xml", rss(server.base, n), content_type="application/rss+xml",
               headers={"ETag": etag, "Last-Modified": "Mon, 18 Oct 2021 18:00:00 GMT"})
    for i in range(n):
        server.add(f"/a{i}.html", ARTICLE.format(title=f"Russie et Otan, épisode {i}"))


def test_parse_feed_atom_and_bad_feeds():
    atom = (b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>A</title>'
            b'<entry><title>E</title><link href="https://ex.org/e"/><updated>2021-10-18T10:00:00Z</updated></entry></feed>')
    feed = parse_feed("atom", atom)
    assert feed.title == "A" and feed.entries[0].url == "https://ex.org/e"
    assert feed.entries[0].published == datetime(2021, 10, 18, 10, tzinfo=timezone.utc)
    with pytest.raises(ItemError) as e:
        parse_feed("html", b"<!doctype html><html><body>Bienvenue</body></html>")
    assert "HTML page" in e.value.reason
    with pytest.raises(ItemError) as e:
        parse_feed("garbage", b"\x00\x01 definitely not xml {")
    assert "not an RSS/Atom feed" in e.value.reason
    with pytest.raises(ItemError):
        parse_feed("empty", b"   ")


def test_opml_round_trip_and_bad_opml():
    opml = write_opml([("https://ex.org/rss", "Ex & Co"), ("https://ex.org/atom", None)])
    assert read_opml("x", opml.encode()) == [("https://ex.org/rss", "Ex & Co"), ("https://ex.org/atom", "https://ex.org/atom")]
    nested = b'<opml version="1.0"><body><outline text="Monde"><outline xmlUrl="https://a.org/f" text="A"/></outline></body></opml>'
    assert read_opml("n", nested) == [("https://a.org/f", "A")]
    bomb = b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]><opml>&lol2;</opml>'
    with pytest.raises(ItemError):
        read_opml("bomb", bomb)
    with pytest.raises(ItemError):
        read_opml("rss", b"<rss></rss>")


def test_poll_ingests_then_conditional_get(server, fetcher, store, annotator):
    serve_feed(server)
    source, created = store.add_source(server.url("/feed.xml"))
    assert created and not store.add_source(server.url("/feed.xml"))[1]
    now = datetime(2021, 10, 18, 18, 0, tzinfo=timezone.utc)
    reports, ingest = poll(store, fetcher, annotator, now=now)
    assert [r.status for r in reports] == ["ok"] and reports[0].entries == 2 and reports[0].new == 2
    assert ingest.counts["added"] == 2 and ingest.ok
    doc = store.get(ingest.documents[0]["id"])
    assert doc["article"]["source"] == "Le Fil" and doc["article"]["author"] == "Sophie Amsili"
    assert "Publicité" not in doc["article"]["text"]
    assert store.list_sources()[0].etag == '"v1"'

    # Not due yet: nothing is polled.
    assert poll(store, fetcher, annotator, now=now + timedelta(minutes=5))[0] == []
    # Due again: the feed is asked conditionally; the server answers 304 when the ETag matches.
    def not_modified(handler):
        assert handler.headers.get("If-None-Match") == '"v1"'
        handler.send_response(304)
        handler.end_headers()
    server.routes["/feed.xml"] = Route(handler=not_modified)
    reports, ingest = poll(store, fetcher, annotator, now=now + timedelta(hours=1))
    assert reports[0].status == "not-modified" and ingest.counts["added"] == 0

    # A changed feed: only the new article is fetched.
    serve_feed(server, n=3, etag='"v2"')
    fetched_before = len(server.requests)
    reports, ingest = poll(store, fetcher, annotator, now=now + timedelta(hours=2))
    assert reports[0].new == 1 and ingest.counts["added"] == 1
    assert [p for p, _ in server.requests[fetched_before:]] == ["/feed.xml", "/a2.html"]


def test_failing_feed_backs_off_and_recovers(server, fetcher, store, annotator):
    url = server.add("/feed.xml", b"oops", status=500)
    source, _ = store.add_source(url)
    now = datetime(2021, 10, 18, 18, 0, tzinfo=timezone.utc)
    waits = []
    for _ in range(3):
        reports, ingest = poll(store, fetcher, annotator, now=now, force=True, interval_s=600)
        assert reports[0].status == "error" and "HTTP 500" in reports[0].error and not ingest.ok
        waits.append(datetime.fromisoformat(reports[0].next_try) - now)
    assert waits == [timedelta(minutes=10), timedelta(minutes=20), timedelta(minutes=40)]
    s = store.list_sources()[0]
    assert s.consecutive_errors == 3 and "HTTP 500" in s.last_error and s.last_success is None
    assert poll(store, fetcher, annotator, now=now + timedelta(minutes=30))[0] == []  # backing off

    serve_feed(server, n=1)
    reports, ingest = poll(store, fetcher, annotator, now=now + timedelta(minutes=41))
    assert reports[0].status == "ok" and ingest.counts["added"] == 1
    s = store.list_sources()[0]
    assert s.consecutive_errors == 0 and s.last_error is None and s.last_success is not None


def test_feed_that_is_html_and_broken_article_links(server, fetcher, store, annotator):
    store.add_source(server.add("/page.html", "<html><body><p>Une page, pas un flux.</p></body></html>"))
    server.add("/feed.xml", rss(server.base, 2), content_type="application/rss+xml")
    server.add("/a0.html", ARTICLE.format(title="Seul article joignable"))  # /a1.html is a 404
    store.add_source(server.url("/feed.xml"))
    reports, ingest = poll(store, fetcher, annotator, now=datetime(2021, 10, 18, tzinfo=timezone.utc))
    by_url = {r.url: r for r in reports}
    assert by_url[server.url("/page.html")].status == "error"
    assert "HTML page" in by_url[server.url("/page.html")].error
    assert by_url[server.url("/feed.xml")].status == "ok"
    assert ingest.counts["added"] == 1
    reasons = {f.item: f.reason for f in ingest.failures}
    assert reasons[server.url("/a1.html")] == "HTTP 404 Not Found"
    assert reasons[server.url("/page.html")].startswith("not an RSS/Atom feed")


def test_redirecting_feed_links_are_not_fetched_again(server, fetcher, store, annotator):
    """Feed links that redirect (tracking or feed-proxy URLs) are remembered as aliases."""
    server.add("/feed.xml", rss(server.base, 1).replace("/a0.html", "/go/a0"), content_type="application/rss+xml")
    server.add("/go/a0", status=302, headers={"Location": "/a0.html"})
    server.add("/a0.html", ARTICLE.format(title="Article derrière une redirection"))
    store.add_source(server.url("/feed.xml"))
    now = datetime(2021, 10, 18, 18, 0, tzinfo=timezone.utc)
    reports, ingest = poll(store, fetcher, annotator, now=now)
    assert ingest.counts["added"] == 1
    doc = store.get(ingest.documents[0]["id"])
    assert doc["article"]["url"] == server.url("/a0.html")
    assert store.has_url(server.url("/go/a0"))
    before = len(server.requests)
    reports, ingest = poll(store, fetcher, annotator, now=now + timedelta(hours=1))
    assert reports[0].new == 0 and [p for p, _ in server.requests[before:]] == ["/feed.xml"]
