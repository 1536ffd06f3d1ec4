"""Latency of the web workspace over loopback: search p95 and the Today page.

    .venv/bin/python bench/bench_web.py --db STORE.db [--rounds 20] [--concurrency 1]

Starts ``vigie serve`` on a free loopback port in a child process (as a user runs it), then drives
it with an httpx client loop (one persistent connection per client thread): every query of
QUERIES ``--rounds`` times for ``/search.json`` and the HTML ``/search`` page, and ``/today.json``
and ``/`` as many times. One warm-up round is not counted. Times are wall-clock from request to
last byte. Targets (issue 9): search p95 ≤ 200 ms, Today ≤ 500 ms. Prints a Markdown section for
docs/benchmarks.md. The store is the caller's: the numbers depend on what it holds (say so).
"""

from __future__ import annotations

import argparse
import os
import platform
import socket
import sqlite3
import statistics
import subprocess
import sys
import threading
import time
from datetime import date
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]

# A mix of what analysts type: common and rare words, a phrase, OR, NOT, prefix, fields, dates,
# and a query with no word (date order, no FTS5).
QUERIES = [
    "macron",
    "france",
    "ukraine russie",
    '"réforme des retraites"',
    "otan OR nato",
    "inflation -bce",
    "gouvern*",
    "incendie source:leparisien",
    "élections date:2024-06..2024-07",
    "jeux olympiques since:2024-07-01",
    "(gaza OR israël) lang:fr",
    "since:2024-08-01 lang:fr",
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * len(ordered)) - 1))]


def _drive(base: str, urls: list[str], rounds: int, concurrency: int) -> dict[str, list[float]]:
    """{url: [seconds per request]}: each client thread requests every url ``rounds`` times."""
    times: dict[str, list[float]] = {u: [] for u in urls}
    lock = threading.Lock()
    errors: list[str] = []

    def client() -> None:
        with httpx.Client(base_url=base, timeout=60) as c:
            for u in urls:  # warm-up, not counted
                c.get(u)
            for _ in range(rounds):
                for u in urls:
                    t0 = time.perf_counter()
                    r = c.get(u)
                    dt = time.perf_counter() - t0
                    if r.status_code != 200:
                        errors.append(f"{u}: HTTP {r.status_code}")
                    with lock:
                        times[u].append(dt)

    threads = [threading.Thread(target=client) for _ in range(concurrency)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:
        sys.exit("requests failed: " + "; ".join(sorted(set(errors))[:5]))
    return times


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", required=True, help="the store to serve (not modified except migrations)")
    ap.add_argument("--rounds", type=int, default=20)
    ap.add_argument("--concurrency", type=int, default=1)
    args = ap.parse_args()
    db = Path(args.db)
    if not db.exists():
        sys.exit(f"{db}: no such store")
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    docs, mentions, events = (con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                              for t in ("documents", "mentions", "events"))
    con.close()

    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([sys.executable, "-m", "vigie", "serve", "--db", str(db), "--port", str(port)],
                              cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                httpx.get(base + "/static/app.css", timeout=2)
                break
            except httpx.TransportError:
                if server.poll() is not None or time.monotonic() > deadline:
                    sys.exit("vigie serve did not start: " + (server.stdout.read().decode() if server.stdout else ""))
                time.sleep(0.2)
        search_json = [f"/search.json?{httpx.QueryParams({'q': q})}" for q in QUERIES]
        search_html = [f"/search?{httpx.QueryParams({'q': q})}" for q in QUERIES]
        t_json = _drive(base, search_json, args.rounds, args.concurrency)
        t_html = _drive(base, search_html, args.rounds, args.concurrency)
        t_today = _drive(base, ["/today.json", "/"], args.rounds, args.concurrency)
        totals = {q: httpx.get(base + u).json()["results"]["total"] for q, u in zip(QUERIES, search_json)}
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()

    every_json = [t for ts in t_json.values() for t in ts]
    every_html = [t for ts in t_html.values() for t in ts]
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                            text=True).stdout.strip()
    ms = lambda s: f"{s * 1000:.0f}"  # noqa: E731
    print(f"### Web workspace latency ({date.today()}, commit {commit})\n")
    print(f"Machine: {platform.machine()}, {os.cpu_count()} CPUs (shared with other jobs), Python "
          f"{platform.python_version()}. Store: {docs:,} documents, {mentions:,} actor mentions, {events:,} events. "
          f"`vigie serve` over loopback, httpx client loop, {args.concurrency} client(s), {args.rounds} rounds "
          f"after one warm-up.\n")
    print("| request | n | p50 ms | p95 ms | max ms | target |")
    print("|---|---|---|---|---|---|")
    print(f"| search, JSON (all queries) | {len(every_json)} | {ms(statistics.median(every_json))} | "
          f"{ms(_pct(every_json, .95))} | {ms(max(every_json))} | p95 ≤ 200 |")
    print(f"| search, HTML page (all queries) | {len(every_html)} | {ms(statistics.median(every_html))} | "
          f"{ms(_pct(every_html, .95))} | {ms(max(every_html))} | p95 ≤ 200 |")
    for u, label in (("/today.json", "Today, JSON"), ("/", "Today, HTML page")):
        ts = t_today[u]
        print(f"| {label} | {len(ts)} | {ms(statistics.median(ts))} | {ms(_pct(ts, .95))} | {ms(max(ts))} | ≤ 500 |")
    print("\n| query | matches | p50 ms | p95 ms |")
    print("|---|---|---|---|")
    for q, u in zip(QUERIES, search_json):
        ts = t_json[u]
        print(f"| `{q}` | {totals[q]:,} | {ms(statistics.median(ts))} | {ms(_pct(ts, .95))} |")


if __name__ == "__main__":
    main()
