"""HTML extraction speed: vigie's extractor (trafilatura + metadata + French/English layer)
against plain trafilatura on the same pages, in one run.

    .venv/bin/python bench/bench_extraction.py [--repeat 3] [--limit 400]

Pages: scrapinghub-aeb, trafilatura-eval and fundus-eval from ../shared/data (evaluation data,
not shipped). Both sides get the same decoded strings; decoding is not timed. Plain trafilatura
is `trafilatura.extract(html, with_metadata=True)` (text plus metadata, its default settings).
Prints a Markdown section for docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import gzip
import statistics
import subprocess
import sys
import time
import warnings
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
SETS = ("scrapinghub-aeb", "trafilatura-eval", "fundus-eval")

sys.path.insert(0, str(ROOT / "bench"))
from bench_pipeline import machine  # noqa: E402


def load_pages(limit: int) -> list[str]:
    from vigie.errors import ItemError
    from vigie.ingest.decode import decode

    pages = []
    for name in SETS:
        for path in sorted((DATA / name / "html").glob("*")):
            data = path.read_bytes()
            if path.suffix == ".gz":
                data = gzip.decompress(data)
            try:
                pages.append(decode(path.name, data, html=True))
            except ItemError:
                continue
    if not pages:
        sys.exit(f"no pages under {DATA}")
    step = max(1, len(pages) // limit)
    return pages[::step][:limit]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--limit", type=int, default=400)
    args = ap.parse_args()
    warnings.simplefilter("ignore")
    import trafilatura

    from vigie.errors import ItemError
    from vigie.extract import extract
    from vigie.model import RawDocument

    pages = load_pages(args.limit)
    raws = [RawDocument(item=str(i), content=p, content_type="html") for i, p in enumerate(pages)]
    for p in pages[:20]:  # warm-up: imports and caches on both sides
        trafilatura.extract(p, with_metadata=True)
    for r in raws[:20]:
        try:
            extract(r)
        except ItemError:
            pass

    plain, ours, failures = [], [], 0
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        for p in pages:
            trafilatura.extract(p, with_metadata=True)
        plain.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        failures = 0
        for r in raws:
            try:
                extract(r)
            except ItemError:
                failures += 1
        ours.append(time.perf_counter() - t0)
    t, v = statistics.median(plain), statistics.median(ours)
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    print(f"""### HTML extraction speed vs plain trafilatura — {date.today().isoformat()}

- Machine: {machine()}; commit {commit}; trafilatura {trafilatura.__version__}
- {len(pages)} pages from {', '.join(SETS)}; median of {args.repeat} runs; one process

| extractor | seconds | pages/s | all runs (s) |
|---|---:|---:|---|
| plain `trafilatura.extract(with_metadata=True)` | {t:.2f} | {len(pages) / t:.1f} | {', '.join(f'{x:.2f}' for x in plain)} |
| vigie `extract` (trafilatura + JSON-LD/meta dates + captions + French/English layer) | {v:.2f} | {len(pages) / v:.1f} | {', '.join(f'{x:.2f}' for x in ours)} |

- Speed ratio vigie / trafilatura: **{t / v:.2f}** (target ≥ 0.9). Pages vigie rejected as having no article text: {failures}.
""")


if __name__ == "__main__":
    main()
