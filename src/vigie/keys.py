"""Document keys, shared by every stage that needs to name a document before the store does."""

from __future__ import annotations

import hashlib
from urllib.parse import urlsplit

from vigie.model import Article


def canonical_url(url: str | None) -> str | None:
    """Lower-cased scheme and host, no fragment, no tracking parameters."""
    if not url:
        return None
    from courlan import normalize_url

    try:
        return normalize_url(url, strict=True)
    except (ValueError, TypeError):
        return url.strip()


def document_id(canonical: str | None, content_hash: str) -> str:
    """The document key: its canonical URL when it has one (so a changed page updates
    its document), else its content."""
    basis = f"url:{canonical}" if canonical else f"content:{content_hash}"
    return hashlib.sha256(basis.encode("utf-8")).hexdigest()[:16]


def article_id(article: Article) -> str:
    return document_id(canonical_url(article.url), article.content_hash)


def http_link(url: str | None) -> str | None:
    """An untrusted URL (from a feed or a page) as a link: http(s) only, never ``javascript:``."""
    return url if url and urlsplit(url).scheme in ("http", "https") else None
