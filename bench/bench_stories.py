"""The whole fr-news-rss-2023-2024 replay through story clustering and the signal detectors: time and peak memory.

    .venv/bin/python bench/bench_stories.py [--data DIR] [--days N] [--no-signals] [--set KEY=VALUE,...]

Reads ``articles.jsonl.gz`` as a stream, day by day; each observed day's items go through the story
clusterer one by one (online, no look ahead), then through the thread layer over the stories, and,
unless ``--no-signals``, through the detectors'
replay as ``bench/bench_signals.py`` runs it (day counts, vigie's detector and the anchor). One
process, one core. Prints the time of each stage, the peak RSS, the most live stories, threads and
index terms held, and the clustering's cost per item (stories and threads) over the first and the last quarter of the stream
(it must not grow with the history). Issue 8's budget: the whole replay in ≤ 10 minutes on one core
and ≤ 2 GB. Needs ../shared/data (evaluation data, not shipped).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import time
from pathlib import Path

from bench_pipeline import peak_rss_mb
from tqdm import tqdm

from vigie.analysis.signals import AnchorDetector, SignalDetector, days_of
from vigie.analysis.stories import Settings, StoryClusterer, StoryItem
from vigie.analysis.terms import count_day
from vigie.analysis.threads import ThreadTracker
from vigie.eval import datasets as ds
from vigie.eval.signals import DATASET, read_missing, read_stream


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", type=Path, help="folder holding fr-news-rss-2023-2024 (default: ../shared/data)")
    ap.add_argument("--days", type=int, help="only the first N days")
    ap.add_argument("--no-signals", action="store_true", help="story clustering only")
    ap.add_argument("--set", dest="settings", default="", help="clustering settings, KEY=VALUE[,KEY=VALUE]")
    args = ap.parse_args()
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                            cwd=Path(__file__).parent).stdout.strip()  # at the start: the code that runs
    folder = (args.data or ds.default_data_dir()) / DATASET
    masked = set(read_missing(folder / "days.json"))
    total_days = len(json.loads((folder / "days.json").read_text())["snapshot_items_per_day"])
    clusterer = StoryClusterer(Settings.parse(args.settings))
    tracker = ThreadTracker(story_ttl=clusterer.settings.ttl)
    detectors = [] if args.no_signals else [SignalDetector(), AnchorDetector()]
    seconds = {"read": 0.0, "stories": 0.0, "threads": 0.0, **({"day counts": 0.0} if detectors else {}),
               **{d.name: 0.0 for d in detectors}}
    per_item: list[float] = []  # clustering cost (stories and threads) per item, one value per observed day
    live_max = index_max = threads_max = thread_index_max = items = observed = 0
    started = time.perf_counter()
    t = time.perf_counter()
    bar = tqdm(total=args.days or total_days, unit="day", desc="replay")
    for n, (day, day_items) in enumerate(days_of(read_stream(folder / "articles.jsonl.gz"))):
        if args.days and n >= args.days:
            break
        bar.update(1)
        if day in masked:
            t = time.perf_counter()
            continue
        now = time.perf_counter()
        seconds["read"] += now - t
        t0 = now
        in_threads = 0.0
        for it in day_items:
            sid = clusterer.add(StoryItem(it.id, day, it.source, it.text))
            t1 = time.perf_counter()
            tracker.add(it.id, day, sid, clusterer.last_vector, clusterer.stories[sid].centroid)
            in_threads += time.perf_counter() - t1
        dt = time.perf_counter() - t0
        seconds["stories"] += dt - in_threads
        seconds["threads"] += in_threads
        per_item.append(dt / max(1, len(day_items)))
        live_max = max(live_max, len(clusterer.stories))
        index_max = max(index_max, len(clusterer.postings))
        threads_max = max(threads_max, len(tracker.threads))
        thread_index_max = max(thread_index_max, len(tracker.postings))
        if detectors:
            t0 = time.perf_counter()
            counts = count_day(day, day_items)
            seconds["day counts"] += time.perf_counter() - t0
            for d in detectors:
                t0 = time.perf_counter()
                d.feed_counts(counts, emit=observed >= 7)
                seconds[d.name] += time.perf_counter() - t0
        items += len(day_items)
        observed += 1
        t = time.perf_counter()
    bar.close()
    wall = time.perf_counter() - started
    q = max(1, len(per_item) // 4)
    first, last = statistics.mean(per_item[7:q + 7] or per_item), statistics.mean(per_item[-q:])
    cpu = platform.processor() or platform.machine()
    print("## Stories replay (bench/bench_stories.py)\n")
    print(f"{items} items over {observed} observed days, one process on {cpu}, {os.cpu_count()} cores shared, "
          f"Python {platform.python_version()}, commit {commit or '?'}, settings {args.settings or 'default'}.\n")
    print("| stage | seconds |\n|---|---|")
    for name, s in seconds.items():
        print(f"| {name} | {s:.1f} |")
    print(f"| **whole replay (wall clock)** | **{wall:.1f}** |\n")
    print(f"- CPU time of the process: {time.process_time():.1f} s")
    print(f"- peak RSS: {peak_rss_mb():.0f} MB")
    print(f"- live stories held at most: {live_max}; index terms at most: {index_max}; "
          f"document frequencies held: {len(clusterer.df)}")
    print(f"- live threads held at most: {threads_max}; their index terms at most: {thread_index_max}; "
          f"stories the thread layer still maps at the end: {len(tracker.story_thread)}")
    print(f"- clustering cost per item (stories and threads): first quarter {1000 * first:.2f} ms, "
          f"last quarter {1000 * last:.2f} ms")


if __name__ == "__main__":
    main()
