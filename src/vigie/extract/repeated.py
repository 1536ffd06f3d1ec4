"""Per-source repeated lines: a line that recurs across documents of the same source is
boilerplate (menus, newsletter pitches, legal notices) even when no list names it.

Counts are gathered in a first pass over a batch of scraped-text documents, then the
scraped-text cleaner drops lines seen in at least ``min_docs`` documents of the source —
after reading bylines and dates out of them.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path

from vigie.extract.normalize import normalize_line
from vigie.model import RawDocument
from vigie.textfold import fold

# UTF-8 read as Windows-1252 or Latin-1 ("FundacjÄ™", "fÃ¼r", "â€ž"): a lead byte's character, then
# continuation bytes' characters (0x80-0xBF: "€‚…™›" in Windows-1252, C1 controls in Latin-1, "¡"-"¿").
_CONTINUATION = "".join(sorted({bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in range(0x80, 0xC0)}
                               | {chr(b) for b in range(0x80, 0xC0)}))
_CONT = f"[{re.escape(_CONTINUATION)}]"
_MOJIBAKE = re.compile(f"[\u00c2-\u00df]{_CONT}|[\u00e0-\u00ef]{_CONT}{{2}}|[\u00f0-\u00f4]{_CONT}{{3}}")
_MOJIBAKE_HINT = re.compile("[\u00c2-\u00f4]")


def _mojibake_char(m: re.Match[str]) -> str:
    try:
        raw = bytes(c.encode("cp1252")[0] if ord(c) > 0xFF else ord(c) for c in m.group())
        char = raw.decode("utf-8")
    except (UnicodeError, ValueError):
        return m.group()
    # Latin and Cyrillic letters, punctuation ("„", "–", "€"): not "Ö“" → "֓" (a Hebrew point)
    code = ord(char)
    return char if code < 0x250 or 0x400 <= code < 0x530 or 0x2010 <= code <= 0x20AC else m.group()


def repair_mojibake(line: str) -> str:
    """A scraped line whose UTF-8 text was decoded as Windows-1252 ("KoÅ›ciÃ³Å‚" → "Kościół"): each
    sequence that reads back as one UTF-8 character is repaired, the rest of the line is left alone."""
    if line.isascii() or not _MOJIBAKE_HINT.search(line):
        return line
    return _MOJIBAKE.sub(_mojibake_char, line)


def scraped_lines(content: str) -> list[str]:
    """The non-empty lines of a scraped text as the cleaner reads them (mojibake repaired, spaces normalised)."""
    return [t for t in (normalize_line(repair_mojibake(line)) for line in content.splitlines()) if t]


MIN_DOCS = 3
MIN_SHARE = 0.5  # with few documents, a line must be in half of them


def source_key(raw: RawDocument) -> str:
    """The group a document's repeated lines are counted in: its source, else its folder."""
    if raw.source:
        return raw.source
    path = raw.item.split("#", 1)[0]
    return f"folder:{Path(path).parent}"


def _key(line: str) -> bytes:
    return hashlib.blake2b(fold(line).encode("utf-8"), digest_size=8).digest()


class RepeatedLines:
    def __init__(self, min_docs: int = MIN_DOCS, min_share: float = MIN_SHARE) -> None:
        self.min_docs = min_docs
        self.min_share = min_share
        self.counts: dict[str, Counter[bytes]] = defaultdict(Counter)
        self.docs: Counter[str] = Counter()

    def observe(self, raw: RawDocument) -> None:
        source = source_key(raw)
        keys = {_key(line) for line in scraped_lines(raw.content) if fold(line)}
        self.counts[source].update(keys)
        self.docs[source] += 1

    def observe_all(self, raws: Iterable[RawDocument]) -> RepeatedLines:
        for raw in raws:
            self.observe(raw)
        return self

    def is_repeated(self, source: str, line: str) -> bool:
        n = self.counts.get(source, Counter()).get(_key(line), 0)
        return n >= self.min_docs and n >= self.min_share * min(self.docs[source], 2 * self.min_docs)
