"""What the span-based evaluations share: one-to-one matching of gold and predicted items, and
reading a hand-made gold's documents (a ``docs.txt`` listing beside the gold, texts found by name)."""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")


def one_to_one(candidates: Iterable[tuple[Any, ...]]) -> list[tuple[int, int]]:
    """Greedy one-to-one pairs from ``(sort key…, gold index, predicted index)`` candidates:
    best key first; each gold and each prediction is used once. Pairs come back sorted."""
    used_g, used_p, pairs = set(), set(), []
    for *_, i, j in sorted(candidates):
        if i not in used_g and j not in used_p:
            used_g.add(i)
            used_p.add(j)
            pairs.append((i, j))
    return sorted(pairs)


def listed_documents(docs_dir: Path, docs: list[str], limit: int | None = None) -> tuple[list[str], dict[str, str], list[str]]:
    """The listed documents found under ``docs_dir`` (searched recursively by file stem, ``.txt``):
    (the ids found, in order; their texts; the ids not found)."""
    docs = docs[:limit] if limit else docs
    wanted = set(docs)
    paths = {p.stem: p for p in docs_dir.rglob("*.txt") if p.stem in wanted}
    missing = [d for d in docs if d not in paths]
    found = [d for d in docs if d in paths]
    return found, {d: paths[d].read_text(encoding="utf-8") for d in found}, missing


def read_gold_lines(path: Path, parse: Callable[[dict[str, Any]], T], what: str) -> tuple[dict[str, list[T]], list[str]]:
    """A hand-made gold, one JSON object per line with a ``doc`` key: the records by document
    (``parse`` turns one into the evaluation's record), and the documents annotated — ``docs.txt``
    beside the gold when there is one (so that documents with no record count), else those named.
    A malformed line raises ValueError naming the file and line."""
    by_doc: dict[str, list[T]] = defaultdict(list)
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            by_doc[str(record["doc"])].append(parse(record))
        except (ValueError, KeyError, TypeError) as e:
            raise ValueError(f"{path}:{n}: not a gold {what} ({e})") from e
    listing = path.parent / "docs.txt"
    docs = [x.strip() for x in listing.read_text(encoding="utf-8").splitlines() if x.strip()] \
        if listing.exists() else sorted(by_doc)
    return dict(by_doc), docs


def date_of_name(doc: str) -> datetime | None:
    """The publication day a WiNER-style name carries (``2016_01_10-001``), as the DCT."""
    m = re.match(r"(\d{4})_(\d{2})_(\d{2})", doc)
    return datetime(int(m[1]), int(m[2]), int(m[3]), tzinfo=UTC) if m else None
