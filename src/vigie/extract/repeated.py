"""Per-source repeated lines: a line that recurs across documents of the same source is
boilerplate (menus, newsletter pitches, legal notices) even when no list names it.

Counts are gathered in a first pass over a batch of scraped-text documents, then the
scraped-text cleaner drops lines seen in at least ``min_docs`` documents of the source —
after reading bylines and dates out of them.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path

from vigie.extract.normalize import normalize_line
from vigie.model import RawDocument
from vigie.textfold import fold

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
        keys = {_key(line) for line in map(normalize_line, raw.content.splitlines()) if fold(line)}
        self.counts[source].update(keys)
        self.docs[source] += 1

    def observe_all(self, raws: Iterable[RawDocument]) -> RepeatedLines:
        for raw in raws:
            self.observe(raw)
        return self

    def is_repeated(self, source: str, line: str) -> bool:
        n = self.counts.get(source, Counter()).get(_key(line), 0)
        return n >= self.min_docs and n >= self.min_share * min(self.docs[source], 2 * self.min_docs)
