"""The whole fr-news-rss-2023-2024 replay through the signal detectors: time and peak memory.

    .venv/bin/python bench/bench_signals.py [--data DIR] [--days N] [--no-anchor]

Reads ``articles.jsonl.gz`` as a stream (day by day, never the whole file in memory), counts each
day's terms once, feeds vigie's detector and the anchor, on one core. Prints the time of each stage,
the peak RSS of the process, the number of terms each detector holds in memory, and the cost per day
over the first and the last quarter of the stream (it must not grow with the history). Issue 8's
budget: the whole replay in ≤ 10 minutes on one core and ≤ 2 GB. Needs ../shared/data (evaluation
data, not shipped).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import time
from pathlib import Path

from bench_pipeline import peak_rss_mb
from tqdm import tqdm

from vigie.analysis.signals import AnchorDetector, SignalDetector, days_of
from vigie.analysis.terms import count_day
from vigie.eval import datasets as ds
from vigie.eval.signals import DATASET, read_missing, read_stream


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", type=Path, help="folder holding fr-news-rss-2023-2024 (default: ../shared/data)")
    ap.add_argument("--days", type=int, help="only the first N days")
    ap.add_argument("--no-anchor", action="store_true", help="vigie's detector only")
    args = ap.parse_args()
    folder = (args.data or ds.default_data_dir()) / DATASET
    masked = set(read_missing(folder / "days.json"))
    total_days = len(json.loads((folder / "days.json").read_text())["snapshot_items_per_day"])
    detectors = [SignalDetector()] + ([] if args.no_anchor else [AnchorDetector()])
    seconds = {"read + terms": 0.0, **{d.name: 0.0 for d in detectors}}
    per_day: list[float] = []
    held = {d.name: 0 for d in detectors}
    items = flags = observed = 0
    first_day = last_day = None
    started = time.perf_counter()
    t = time.perf_counter()
    bar = tqdm(total=args.days or total_days, unit="day", desc="replay")
    for n, (day, day_items) in enumerate(days_of(read_stream(folder / "articles.jsonl.gz"))):
        if args.days and n >= args.days:
            break
        bar.update(1)
        first_day = first_day or day
        last_day = day
        if day in masked:
            t = time.perf_counter()
            continue
        counts = count_day(day, day_items)
        now = time.perf_counter()
        seconds["read + terms"] += now - t
        emit = observed >= 7
        day_cost = 0.0
        for d in detectors:
            t0 = time.perf_counter()
            flags += len(d.feed_counts(counts, emit=emit))
            dt = time.perf_counter() - t0
            seconds[d.name] += dt
            day_cost += dt
            held[d.name] = max(held[d.name], len(d.history))
        per_day.append(day_cost)
        items += counts.items
        observed += 1
        t = time.perf_counter()
    bar.close()
    wall = time.perf_counter() - started
    gaps = sum(1 for m in masked if first_day and first_day <= m <= last_day)
    q = max(1, len(per_day) // 4)
    warm = min(7, len(per_day) - q)  # the first week fills the baselines; skipped when the replay is long enough
    first, last = statistics.mean(per_day[warm:warm + q]), statistics.mean(per_day[-q:])
    cpu = platform.processor() or platform.machine()
    print("## Signals replay (bench/bench_signals.py)\n")
    print(f"{items} items over {observed} observed days ({gaps} missing days masked), one process on {cpu}, "
          f"{os.cpu_count()} cores shared, Python {platform.python_version()}.\n")
    print("| stage | seconds |\n|---|---|")
    for name, s in seconds.items():
        print(f"| {name} | {s:.1f} |")
    print(f"| **whole replay (wall clock)** | **{wall:.1f}** |\n")
    print(f"- peak RSS: {peak_rss_mb():.0f} MB")
    print("- terms held at most: " + ", ".join(f"{k} {v}" for k, v in held.items()))
    print(f"- detector cost per day: first quarter {1000 * first:.0f} ms, last quarter {1000 * last:.0f} ms")
    print(f"- flags raised: {flags}")


if __name__ == "__main__":
    main()
