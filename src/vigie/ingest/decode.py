"""Bytes → text, with the checks that keep junk out: size, emptiness, binary content, charset."""

from __future__ import annotations

import codecs
import gzip
import io
import re

from vigie.errors import ItemError

DEFAULT_MAX_BYTES = 20 * 1024 * 1024  # a news page is rarely over 2 MB; 20 MB leaves room for archives

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
# Signatures of common binary formats, checked before any decoding.
_BINARY_MAGIC = (b"%PDF", b"\x89PNG", b"PK\x03\x04", b"\xff\xd8\xff", b"GIF8", b"\x7fELF", b"\x1f\x8b")
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def charset_of(content_type: str) -> str | None:
    """The ``charset`` parameter of a Content-Type value, lower-cased ("text/html; charset=UTF-8")."""
    for param in content_type.split(";")[1:]:
        key, _, value = param.strip().partition("=")
        if key.lower() == "charset" and value:
            return value.strip("\"' ").lower()
    return None


def gunzip(item: str, data: bytes, max_bytes: int) -> bytes:
    """Decompress at most ``max_bytes``: a small .gz must not expand into a huge file."""
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as f:
            out = f.read(max_bytes + 1)
    except (OSError, EOFError) as e:
        raise ItemError(item, f"not a valid gzip file ({e})") from None
    if len(out) > max_bytes:
        raise ItemError(item, f"decompressed content larger than the {_mb(max_bytes)} limit")
    return out


def decode(item: str, data: bytes, *, html: bool = False, declared: str | None = None) -> str:
    """Decode bytes to text, or raise ItemError saying why the item is not text.

    Order: byte-order mark, then the charset declared by HTTP (``declared``), then
    (HTML) a <meta charset> in the page, then strict
    UTF-8, then Windows-1252 — what browsers use for undeclared Western pages,
    and a superset of Latin-1 for printable characters.
    """
    if not data.strip():
        raise ItemError(item, "empty file")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    if data.startswith(_BINARY_MAGIC) or _looks_binary(data[:8192]):
        raise ItemError(item, "binary content, not text")
    candidates = [declared] if declared else []
    if html:
        m = _META_CHARSET.search(data[:4096])
        if m:
            candidates.append(m.group(1).decode("ascii", "ignore"))
    for name in candidates:
        name = name.strip().lower()
        try:
            codecs.lookup(name)
        except LookupError:
            continue
        # Pages often declare latin-1 and are really cp1252; cp1252 decodes both.
        if name in {"iso-8859-1", "latin-1", "latin1", "us-ascii", "ascii"}:
            name = "cp1252"
        try:
            return data.decode(name)
        except UnicodeDecodeError:
            continue  # the declaration lies; try the next, then detection
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _looks_binary(sample: bytes) -> bool:
    if b"\x00" in sample:
        return True
    control = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return control > max(8, len(sample) // 100)


def _mb(n: int) -> str:
    return f"{n / 1024 / 1024:.0f} MB"
