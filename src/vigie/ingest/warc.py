"""WARC and ARC web archives (warcio) → raw documents, one per archived HTML response."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import BinaryIO

from vigie.errors import ItemError
from vigie.ingest.decode import charset_of, decode
from vigie.model import RawDocument

HTML_TYPES = ("text/html", "application/xhtml+xml")


def read_warc(item: str, stream: BinaryIO, *, max_bytes: int) -> Iterator[RawDocument | ItemError]:
    """Yield each HTML response; a truncated or corrupt archive yields an error for the rest."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    head = stream.read(16)
    stream.seek(0)
    if not head:
        yield ItemError(item, "empty file")
        return
    if not head.startswith((b"\x1f\x8b", b"WARC/", b"filedesc://")):
        yield ItemError(item, "not a WARC/ARC archive (no WARC or ARC header, not gzip)")
        return
    count = 0
    try:
        records = ArchiveIterator(stream, arc2warc=True)
        for record in records:
            if record.rec_type not in ("response", "resource"):
                continue
            url = record.rec_headers.get_header("WARC-Target-URI")
            where = f"{item}#{url or count}"
            count += 1
            if record.http_headers is not None:
                status = record.http_headers.get_statuscode()
                if status and not status.startswith("2"):
                    continue  # redirects and errors archived by the crawler are not articles
                content_type = record.http_headers.get_header("Content-Type") or ""
            else:
                content_type = record.rec_headers.get_header("Content-Type") or ""
            mime = content_type.split(";")[0].strip().lower()
            if mime not in HTML_TYPES:
                continue
            body = record.content_stream().read(max_bytes + 1)
            if len(body) > max_bytes:
                yield ItemError(where, f"record larger than the {max_bytes / 1024 / 1024:.0f} MB limit")
                continue
            try:
                text = decode(where, body, html=True, declared=charset_of(content_type))
            except ItemError as e:
                yield e
                continue
            yield RawDocument(item=where, content=text, content_type="html", url=url,
                              fetched_at=_warc_date(record.rec_headers.get_header("WARC-Date")))
        # warcio ends quietly on a truncated last gzip member: compare where parsing ended with the size.
        parsed_to = records.get_record_offset() + (records.get_record_length() or 0)
        size = stream.seek(0, 2)
        stream.seek(parsed_to)
        rest = stream.read(4096)
        if count and parsed_to < size and (size - parsed_to > len(rest) or rest.strip()):
            yield ItemError(item, f"truncated or corrupt archive: {size - parsed_to} bytes after record {count} "
                                  "could not be read")
        elif not count and size:
            yield ItemError(item, "no WARC/ARC records found")
    except (ArchiveLoadFailed, EOFError, OSError, ValueError) as e:
        yield ItemError(item, f"truncated or corrupt archive after {count} records ({type(e).__name__}: {e})")


def _warc_date(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
