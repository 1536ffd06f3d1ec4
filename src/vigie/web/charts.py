"""Chart data for the pages: x as UNIX seconds (what uPlot plots), the periods as labels, and a
sentence that says what the chart shows, for screen readers and for anyone without script."""

from __future__ import annotations

from datetime import date, datetime, timezone
from typing import Any


def period_start(period: str) -> int:
    """'2024' / '2024-03' / '2024-03-05' / '2024-W09' (``%Y-W%W``) → UNIX seconds at its start (UTC)."""
    if "-W" in period:
        year, week = period.split("-W")
        day = datetime.strptime(f"{year}-{int(week):02d}-1", "%Y-%W-%w").date()
    elif len(period) == 4:
        day = date(int(period), 1, 1)
    elif len(period) == 7:
        day = date(int(period[:4]), int(period[5:7]), 1)
    else:
        day = date.fromisoformat(period[:10])
    return int(datetime(day.year, day.month, day.day, tzinfo=timezone.utc).timestamp())


def chart(title: str, periods: list[str], series: dict[str, list[float]], words: dict[str, str],
          kind: str = "bars") -> dict[str, Any]:
    """One chart: {title, kind, x, labels, series: [{name, values}], summary}."""
    x = [period_start(p) for p in periods]
    return {"title": title, "kind": kind, "x": x, "labels": periods,
            "series": [{"name": name, "values": values} for name, values in series.items()],
            "summary": summary(title, periods, series, words)}


def summary(title: str, periods: list[str], series: dict[str, list[float]], words: dict[str, str]) -> str:
    if not periods:
        return f"{title} — {words['no_data']}"
    parts = []
    for name, values in series.items():
        peak = max(range(len(values)), key=lambda i: abs(values[i]))
        parts.append(words["chart_series"].format(name, _num(sum(values)), _num(values[peak]), periods[peak]))
    return words["chart_summary"].format(title, len(periods), periods[0], periods[-1]) + " " + " ; ".join(parts) + "."


def _num(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else f"{v:.2f}"
