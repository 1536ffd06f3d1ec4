"""The URL fetcher against a local server: limits, redirects, errors, address checks."""

from __future__ import annotations

import pytest

from tests.httpserver import Route, gzip_bomb
from vigie.ingest.fetch import Fetcher, FetchError, FetchPolicy, is_public_address
from vigie.ingest.web import read_url

PAGE = "<html><head><title>Titre</title></head><body><p>Élysée, Otan, « guillemets ».</p></body></html>"


@pytest.fixture()
def fetcher():
    f = Fetcher(FetchPolicy(allow_private=True, timeout=1.0, deadline=5.0, max_bytes=1024 * 1024, max_redirects=3))
    yield f
    f.close()


def test_get_page_and_charset_from_header(server, fetcher):
    url = server.add("/latin1.html", PAGE.encode("cp1252"), content_type="text/html; charset=windows-1252")
    raw = read_url(url, fetcher)
    assert "Élysée" in raw.content and "« guillemets »" in raw.content
    assert raw.url == url and raw.content_type == "html" and raw.fetched_at is not None


def test_http_errors(server, fetcher):
    server.add("/boom", b"oops", status=500)
    with pytest.raises(FetchError) as e:
        fetcher.get(server.url("/missing"))
    assert e.value.reason == "HTTP 404 Not Found" and e.value.status == 404
    with pytest.raises(FetchError) as e:
        fetcher.get(server.url("/boom"))
    assert e.value.reason.startswith("HTTP 500") and e.value.item == server.url("/boom")


def test_timeout(server, fetcher):
    server.add("/slow", PAGE, delay=2.5)
    with pytest.raises(FetchError) as e:
        fetcher.get(server.url("/slow"))
    assert "timed out" in e.value.reason


def test_redirects_followed_bounded_and_loops(server, fetcher):
    final = server.add("/final", PAGE)
    server.add("/r1", status=302, headers={"Location": "/final"})
    assert fetcher.get(server.url("/r1")).url == final
    server.add("/loop", status=301, headers={"Location": "/loop"})
    with pytest.raises(FetchError) as e:
        fetcher.get(server.url("/loop"))
    assert "redirect loop" in e.value.reason
    for i in range(6):
        server.add(f"/chain{i}", status=302, headers={"Location": f"/chain{i + 1}"})
    with pytest.raises(FetchError) as e:
        fetcher.get(server.url("/chain0"))
    assert "too many redirects" in e.value.reason


def test_size_limits_and_gzip_bomb(server, fetcher):
    server.add("/big", b"a" * (2 * 1024 * 1024))
    with pytest.raises(FetchError) as e:
        fetcher.get(server.url("/big"))
    assert "too large" in e.value.reason  # refused on Content-Length, before reading
    bomb = gzip_bomb(50 * 1024 * 1024)
    server.add("/bomb", bomb, headers={"Content-Encoding": "gzip"})
    with pytest.raises(FetchError) as e:
        fetcher.get(server.url("/bomb"))
    assert "larger than" in e.value.reason  # 50 KB on the wire, stopped at 1 MB decoded

    def chunked(handler):  # no Content-Length: the limit applies while reading
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.end_headers()
        for _ in range(40):
            handler.wfile.write(b"b" * 65536)

    server.routes["/stream"] = Route(handler=chunked)
    with pytest.raises(FetchError) as e:
        fetcher.get(server.url("/stream"))
    assert "larger than" in e.value.reason


def test_tls_error(server, fetcher):
    https = server.base.replace("http://", "https://") + "/final"
    with pytest.raises(FetchError) as e:
        fetcher.get(https)
    assert e.value.reason.startswith("TLS error")


def test_unsupported_content_type(server, fetcher):
    url = server.add("/doc.pdf", b"%PDF-1.7", content_type="application/pdf")
    with pytest.raises(FetchError.__mro__[1]) as e:  # ItemError
        read_url(url, fetcher)
    assert "unsupported content type 'application/pdf'" in e.value.reason


def test_private_addresses_refused_by_default(server):
    with Fetcher(FetchPolicy(timeout=1.0)) as strict:
        with pytest.raises(FetchError) as e:
            strict.get(server.url("/final"))
        assert "refused" in e.value.reason and "127.0.0.1" in e.value.reason
        for url in ("http://10.1.2.3/", "http://169.254.169.254/latest/meta-data/", "http://[::1]:8080/",
                    "http://localhost/", "http://0.0.0.0/"):
            with pytest.raises(FetchError) as e:
                strict.get(url)
            assert "refused" in e.value.reason, url
        for url in ("file:///etc/passwd", "ftp://example.org/x", "gopher://x/"):
            with pytest.raises(FetchError) as e:
                strict.get(url)
            assert "only http and https" in e.value.reason


def test_redirect_to_private_address_refused(server):
    """A public page redirecting inside: each hop is checked (here the first hop is allowed by
    a policy that only trusts the test server's port, simulated by checking the second hop)."""
    server.add("/to-metadata", status=302, headers={"Location": "http://169.254.169.254/latest/"})

    class FirstHopTrusted(Fetcher):
        def check_url(self, url, item=None):
            if url.startswith(server.base):
                return
            return Fetcher.check_url(self, url, item)

        def _check_peer(self, response, item):
            return

    with FirstHopTrusted(FetchPolicy(timeout=1.0)) as f:
        with pytest.raises(FetchError) as e:
            f.get(server.url("/to-metadata"))
    assert "refused" in e.value.reason and "169.254.169.254" in e.value.reason


def test_address_classification():
    assert not is_public_address("127.0.0.1") and not is_public_address("::ffff:10.0.0.1")
    assert not is_public_address("fe80::1%eth0") and not is_public_address("100.64.0.1")
    assert not is_public_address("224.0.0.1") and not is_public_address("not an ip")
    assert is_public_address("8.8.8.8") and is_public_address("2001:4860:4860::8888")


def test_200_mb_page_refused_without_downloading_it(server, fetcher):
    sent = []

    def huge(handler):
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.send_header("Content-Length", str(200 * 1024 * 1024))
        handler.end_headers()
        for _ in range(64):  # it would go on for 200 MB; the client hangs up first
            try:
                handler.wfile.write(b"x" * 65536)
                sent.append(1)
            except (BrokenPipeError, ConnectionResetError):
                return

    server.routes["/huge"] = Route(handler=huge)
    with pytest.raises(FetchError) as e:
        fetcher.get(server.url("/huge"))
    assert "too large (200.0 MB declared" in e.value.reason
