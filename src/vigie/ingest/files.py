"""Files and folders → raw documents.

Supported: ``.html``/``.htm``/``.xhtml`` pages, ``.txt`` text scraped from pages
(ads and bylines included), ``.jsonl`` (one article per line), ``.warc``/``.arc``
web archives, ``.urls`` (a list of URLs, one per line), each optionally gzipped
(``.gz``). A folder is walked recursively; files of other types found there are
reported as skipped, while a file named explicitly with an unknown type is an
error. An ``http(s)://`` argument is a URL to fetch.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from vigie.errors import ItemError
from vigie.ingest.decode import DEFAULT_MAX_BYTES, decode, gunzip
from vigie.model import RawDocument

HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
TEXT_SUFFIXES = {".txt"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
WARC_SUFFIXES = {".warc", ".arc"}
URLS_SUFFIXES = {".urls"}
SUPPORTED = HTML_SUFFIXES | TEXT_SUFFIXES | JSONL_SUFFIXES | WARC_SUFFIXES | URLS_SUFFIXES


@dataclass(frozen=True, slots=True)
class UrlInput:
    """A URL given on the command line or in a ``.urls`` list."""

    url: str
    item: str  # where it came from, for error reports


@dataclass(frozen=True, slots=True)
class Skipped:
    """A file found while walking a folder that vigie does not read."""

    item: str
    reason: str


def kind_of(path: Path) -> tuple[str | None, bool]:
    """(``html`` | ``text`` | ``jsonl`` | None, gzipped?) from the file name."""
    suffixes = [s.lower() for s in path.suffixes]
    gz = bool(suffixes) and suffixes[-1] == ".gz"
    if gz:
        suffixes = suffixes[:-1]
    ext = suffixes[-1] if suffixes else ""
    if ext in HTML_SUFFIXES:
        return "html", gz
    if ext in TEXT_SUFFIXES:
        return "text", gz
    if ext in JSONL_SUFFIXES:
        return "jsonl", gz
    if ext in WARC_SUFFIXES:
        return "warc", gz
    if ext in URLS_SUFFIXES:
        return "urls", gz
    return None, gz


def iter_paths(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Path | UrlInput | Skipped | ItemError]:
    """Expand the user's paths into files (and URLs), in a stable order."""
    for p in paths:
        if isinstance(p, str) and p.lower().startswith(("http://", "https://")):
            yield UrlInput(p, p)
            continue
        path = Path(p)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if not child.is_file() or any(part.startswith(".") for part in child.relative_to(path).parts):
                    continue
                if kind_of(child)[0] is None:
                    yield Skipped(str(child), f"unsupported file type {_ext(child)!r}")
                else:
                    yield child
        elif path.is_file():
            if kind_of(path)[0] is None:
                yield ItemError(str(path), f"unsupported file type {_ext(path)!r} "
                                f"(expected one of {', '.join(sorted(SUPPORTED))}, optionally .gz)")
            else:
                yield path
        else:
            yield ItemError(str(path), "no such file or directory")


def read_path(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[RawDocument | UrlInput | ItemError]:
    """Read one file into raw documents (several for JSONL). Errors are yielded, not raised,
    so one bad line of a JSONL file does not lose the others."""
    item = str(path)
    kind, gz = kind_of(path)
    if kind == "warc":  # archives are streamed record by record, with a limit per record
        from vigie.ingest.warc import read_warc

        try:
            with path.open("rb") as stream:
                yield from read_warc(item, stream, max_bytes=max_bytes)
        except OSError as e:
            yield ItemError(item, f"cannot read file ({e.strerror or e})")
        return
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise ItemError(item, f"file too large ({size / 1024 / 1024:.1f} MB; the limit is "
                                  f"{max_bytes / 1024 / 1024:.0f} MB, set VIGIE_MAX_BYTES to change it)")
        data = path.read_bytes()
        if gz:
            data = gunzip(item, data, max_bytes)
        if kind == "html":
            yield RawDocument(item=item, content=decode(item, data, html=True), content_type="html")
        elif kind == "text":
            yield RawDocument(item=item, content=decode(item, data), content_type="scraped-text")
        elif kind == "jsonl":
            yield from _read_jsonl(item, decode(item, data))
        elif kind == "urls":
            yield from read_url_list(item, decode(item, data))
        else:
            raise ItemError(item, f"unsupported file type {_ext(path)!r}")
    except ItemError as e:
        yield e
    except OSError as e:
        yield ItemError(item, f"cannot read file ({e.strerror or e})")


def read_url_list(item: str, text: str) -> Iterator[UrlInput | ItemError]:
    """One URL per line; blank lines and ``#`` comments ignored."""
    for lineno, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if not line.lower().startswith(("http://", "https://")):
            yield ItemError(f"{item}:{lineno}", f"not an http(s) URL: {line[:80]!r}")
        else:
            yield UrlInput(line, f"{item}:{lineno}")


def _read_jsonl(item: str, text: str) -> Iterator[RawDocument | ItemError]:
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{item}:{lineno}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as e:
            yield ItemError(where, f"invalid JSON ({e.msg} at column {e.colno})")
            continue
        try:
            yield raw_from_record(where, record)
        except ItemError as e:
            yield e


def raw_from_record(item: str, record: Any) -> RawDocument:
    """One JSONL record: ``title``, ``text`` or ``html``, ``url``, ``published``, ``source``
    (and optionally ``author``, ``language``)."""
    if not isinstance(record, dict):
        raise ItemError(item, f"expected a JSON object, got {type(record).__name__}")
    for key in ("title", "text", "html", "url", "published", "source", "author", "language"):
        if record.get(key) is not None and not isinstance(record[key], str):
            raise ItemError(item, f"field {key!r} must be a string, got {type(record[key]).__name__}")
    html, text = record.get("html"), record.get("text")
    if not (html and html.strip()) and not (text and text.strip()):
        raise ItemError(item, "record has no 'text' or 'html' content")
    hints = {k: record[k] for k in ("title", "published", "author", "language") if record.get(k)}
    return RawDocument(
        item=item,
        content=html if html and html.strip() else text,
        content_type="html" if html and html.strip() else "plain-text",
        url=record.get("url") or None,
        source=record.get("source") or None,
        hints=hints,
    )


def _ext(path: Path) -> str:
    return "".join(path.suffixes) or path.name
