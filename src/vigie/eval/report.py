"""Plain-text tables for the evaluation reports (`vigie eval …` without `--json`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


def fmt(x: Any) -> str:
    if x is None:
        return "–"
    if isinstance(x, float):
        return f"{x:.3f}"
    return str(x)


def table(title: str, columns: Sequence[str], rows: Sequence[tuple[str, Sequence[Any]]]) -> str:
    widths = [max(len(title), *(len(r[0]) for r in rows))] + [
        max(len(c), *(len(fmt(r[1][i])) for r in rows)) for i, c in enumerate(columns)]
    lines = ["  ".join([title.ljust(widths[0])] + [c.rjust(w) for c, w in zip(columns, widths[1:])]),
             "  ".join("-" * w for w in widths)]
    for label, values in rows:
        lines.append("  ".join([label.ljust(widths[0])] + [fmt(v).rjust(w) for v, w in zip(values, widths[1:])]))
    return "\n".join(lines)
