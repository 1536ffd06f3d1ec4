"""What the span-based evaluations share: one-to-one matching of gold and predicted items, and
reading a hand-made gold's documents (a ``docs.txt`` listing beside the gold, texts found by name)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any


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
