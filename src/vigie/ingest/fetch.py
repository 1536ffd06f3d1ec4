"""The URL fetcher: what vigie gets from the network, with the limits that keep a hostile
feed or page from hurting the machine it runs on.

- http and https only; redirects followed by hand, at most ``max_redirects``, each hop checked;
- every address the host resolves to must be public (no loopback, private, link-local,
  shared or reserved ranges) unless ``allow_private`` is set — and the address actually
  connected to is checked again after connecting, so DNS rebinding does not get around it;
- a size limit on the *decoded* body (a gzip bomb stops at the limit) and a time limit on
  the whole exchange, not only per read;
- the charset from the HTTP header, else the page's own declaration, else detection.
"""

from __future__ import annotations

import ipaddress
import os
import socket
import ssl
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from urllib.parse import urljoin, urlsplit

import httpx

from vigie import __version__
from vigie.errors import ItemError
from vigie.ingest.decode import DEFAULT_MAX_BYTES, charset_of

USER_AGENT = f"vigie/{__version__} (news monitoring; +https://github.com/vigie)"


class FetchError(ItemError):
    """A URL that could not be fetched; ``status`` is the HTTP status when there was one."""

    def __init__(self, item: str, reason: str, status: int | None = None):
        super().__init__(item, reason)
        self.status = status


@dataclass(frozen=True, slots=True)
class FetchPolicy:
    allow_private: bool = False
    max_bytes: int = DEFAULT_MAX_BYTES
    timeout: float = 20.0  # per connect/read
    deadline: float = 60.0  # for the whole exchange, redirects included
    max_redirects: int = 5

    @classmethod
    def from_env(cls, **overrides) -> FetchPolicy:
        values = {
            "allow_private": os.environ.get("VIGIE_ALLOW_PRIVATE", "") in {"1", "true", "yes"},
            "max_bytes": int(os.environ.get("VIGIE_MAX_BYTES", DEFAULT_MAX_BYTES)),
        }
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)


@dataclass(slots=True)
class FetchResult:
    url: str  # after redirects
    status: int
    content: bytes
    content_type: str
    charset: str | None
    etag: str | None = None
    last_modified: str | None = None
    fetched_at: datetime = field(default_factory=lambda: datetime.now(timezone.utc))

    @property
    def not_modified(self) -> bool:
        return self.status == 304


class Fetcher:
    def __init__(self, policy: FetchPolicy | None = None, transport: httpx.BaseTransport | None = None):
        self.policy = policy or FetchPolicy.from_env()
        self.client = httpx.Client(
            follow_redirects=False, timeout=self.policy.timeout, transport=transport,
            headers={"User-Agent": USER_AGENT, "Accept-Encoding": "gzip, deflate"},
            trust_env=False,  # no proxy from the environment: the address checks must see the real peer
        )

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def get(self, url: str, etag: str | None = None, last_modified: str | None = None,
            accept: str = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5") -> FetchResult:
        """GET ``url`` (conditionally when ``etag``/``last_modified`` are given) or raise FetchError."""
        start = time.monotonic()
        headers = {"Accept": accept}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        seen: set[str] = set()
        current = url
        for _hop in range(self.policy.max_redirects + 1):
            self.check_url(current, item=url)
            if current in seen:
                raise FetchError(url, f"redirect loop at {current}")
            seen.add(current)
            try:
                with self.client.stream("GET", current, headers=headers) as response:
                    self._check_peer(response, url)
                    if response.is_redirect and "location" in response.headers:
                        current = urljoin(current, response.headers["location"])
                        continue
                    if response.status_code == 304:
                        return self._result(current, response, b"")
                    if response.status_code >= 400:
                        raise FetchError(url, f"HTTP {response.status_code} {response.reason_phrase}".strip(),
                                         response.status_code)
                    body = self._read(response, url, start)
                    return self._result(current, response, body)
            except FetchError:
                raise
            except httpx.TimeoutException:
                raise FetchError(url, f"timed out after {self.policy.timeout:.0f} s") from None
            except httpx.ConnectError as e:
                raise FetchError(url, _connect_reason(e)) from None
            except httpx.DecodingError as e:
                raise FetchError(url, f"could not decode the response body ({e})") from None
            except httpx.HTTPError as e:
                raise FetchError(url, f"{type(e).__name__}: {e}") from None
        raise FetchError(url, f"too many redirects (more than {self.policy.max_redirects})")

    # -- checks ---------------------------------------------------------------

    def check_url(self, url: str, item: str | None = None) -> None:
        """Refuse what vigie must never fetch: other schemes, and (by default) internal addresses."""
        item = item or url
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https"):
            raise FetchError(item, f"refused: only http and https URLs are fetched, not {parts.scheme or 'none'!r}")
        if not parts.hostname:
            raise FetchError(item, "refused: the URL has no host")
        if self.policy.allow_private:
            return
        try:
            infos = socket.getaddrinfo(parts.hostname, parts.port or (443 if parts.scheme == "https" else 80),
                                       type=socket.SOCK_STREAM)
        except socket.gaierror as e:
            raise FetchError(item, f"cannot resolve host {parts.hostname!r} ({e.strerror})") from None
        for info in infos:
            address = info[4][0]
            if not is_public_address(address):
                raise FetchError(item, f"refused: {parts.hostname} resolves to a non-public address ({address}); "
                                       "set VIGIE_ALLOW_PRIVATE=1 to allow internal hosts")

    def _check_peer(self, response: httpx.Response, item: str) -> None:
        if self.policy.allow_private:
            return
        stream = response.extensions.get("network_stream")
        peer = stream.get_extra_info("server_addr") if stream is not None else None
        if peer and not is_public_address(peer[0]):
            raise FetchError(item, f"refused: connected to a non-public address ({peer[0]})")

    def _read(self, response: httpx.Response, item: str, start: float) -> bytes:
        limit = self.policy.max_bytes
        declared = response.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > limit:
            raise FetchError(item, f"response too large ({int(declared) / 1024 / 1024:.1f} MB declared; "
                                   f"the limit is {limit / 1024 / 1024:.0f} MB)")
        chunks, size = [], 0
        for chunk in response.iter_bytes():  # decoded: a compressed bomb is caught here
            size += len(chunk)
            if size > limit:
                raise FetchError(item, f"response larger than the {limit / 1024 / 1024:.0f} MB limit")
            if time.monotonic() - start > self.policy.deadline:
                raise FetchError(item, f"took longer than {self.policy.deadline:.0f} s")
            chunks.append(chunk)
        return b"".join(chunks)

    @staticmethod
    def _result(url: str, response: httpx.Response, body: bytes) -> FetchResult:
        content_type = response.headers.get("content-type", "")
        return FetchResult(
            url=url, status=response.status_code, content=body,
            content_type=content_type.split(";")[0].strip().lower(), charset=charset_of(content_type),
            etag=response.headers.get("etag"), last_modified=response.headers.get("last-modified"),
        )


def is_public_address(address: str) -> bool:
    try:
        ip = ipaddress.ip_address(address.split("%")[0])
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def _connect_reason(e: httpx.ConnectError) -> str:
    cause = e.__cause__ or e.__context__
    while cause is not None:
        if isinstance(cause, ssl.SSLError):
            return f"TLS error: {cause.reason or cause}"
        cause = cause.__cause__ or cause.__context__
    text = str(e)
    if "SSL" in text or "TLS" in text or "certificate" in text.lower():
        return f"TLS error: {text}"
    return f"cannot connect ({text or type(e).__name__})"
