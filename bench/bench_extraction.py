"""HTML extraction speed: vigie's extractor (trafilatura + metadata + French/English layer)
against plain trafilatura on the same pages, in one run.

    .venv/bin/python bench/bench_extraction.py [--repeat 3] [--limit 400]

Pages: scrapinghub-aeb, trafilatura-eval and fundus-eval from ../shared/data (evaluation data,
not shipped). Both sides get the same decoded strings; decoding is not timed. Plain trafilatura
runs twice: `trafilatura.extract(html)` (its defaults: text only, the anchor) and with
`with_metadata=True` (text plus title/author/date, what vigie also produces).
Prints a Markdown section for docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import gc
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


# Memoised functions whose key is configuration, not the page: a long-running process computes
# them once (htmldate's dateparser instance and its locales, justext's stop-word table, a format
# check), so emptying them would charge each page with a start-up cost.
CONFIGURATION_CACHES = frozenset({"define_stoplist", "get_external_parser", "is_valid_format", "month_words", "_punct_tbl"})


def library_caches() -> list:
    """The ``cache_clear`` of every memoised function of the extraction libraries (loaded by now)
    whose key comes from the page (strings, lines, dates, URLs)."""
    seen: dict[int, object] = {}
    for name, mod in list(sys.modules.items()):
        if mod is None or name.split(".")[0] not in ("htmldate", "trafilatura", "courlan", "justext"):
            continue
        for attr, obj in vars(mod).items():
            if callable(getattr(obj, "cache_clear", None)) and attr not in CONFIGURATION_CACHES:
                seen[id(obj)] = obj.cache_clear
    return list(seen.values())


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

    # htmldate and trafilatura memoise their parsers (functools.lru_cache on strings). With the
    # extractors taking turns on one page, and runs repeating the same pages, a call would find the
    # strings of this very page cached by the call before it (trafilatura with metadata runs
    # htmldate too) — which a new page in a real stream never does. Each timed call therefore starts
    # with those caches empty; what stays loaded is what a long-running process keeps anyway
    # (imports, dateparser's locales, vigie's word lists).
    caches = library_caches()

    def cold() -> None:
        for clear in caches:
            clear()

    # The three extractors take turns on each page (CPU time), so drifts of the machine's speed
    # during a run fall on all three alike.
    plain, plain_meta, ours, failures = [], [], [], 0
    for _ in range(args.repeat):
        gc.collect()
        a = b = c = 0.0
        failures = 0
        for p, r in zip(pages, raws):
            cold()
            t0 = time.process_time()
            trafilatura.extract(p)
            t1 = time.process_time()
            cold()
            t1b = time.process_time()
            trafilatura.extract(p, with_metadata=True)
            t2 = time.process_time()
            cold()
            t2b = time.process_time()
            try:
                extract(r)
            except ItemError:
                failures += 1
            t3 = time.process_time()
            a, b, c = a + t1 - t0, b + t2 - t1b, c + t3 - t2b
        plain.append(a)
        plain_meta.append(b)
        ours.append(c)
    t, tm, v = statistics.median(plain), statistics.median(plain_meta), statistics.median(ours)
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    print(f"""### HTML extraction speed vs plain trafilatura — {date.today().isoformat()}

- Machine: {machine()}; commit {commit}; trafilatura {trafilatura.__version__}
- {len(pages)} pages from {', '.join(SETS)}; CPU time, the extractors taking turns page by page, the libraries' page-keyed memo caches emptied before each call ({len(caches)} caches; configuration caches kept); median of {args.repeat} runs; one process

| extractor | seconds | pages/s | all runs (s) |
|---|---:|---:|---|
| plain `trafilatura.extract` (defaults) | {t:.2f} | {len(pages) / t:.1f} | {', '.join(f'{x:.2f}' for x in plain)} |
| plain `trafilatura.extract(with_metadata=True)` | {tm:.2f} | {len(pages) / tm:.1f} | {', '.join(f'{x:.2f}' for x in plain_meta)} |
| vigie `extract` (trafilatura + JSON-LD/meta dates + captions + French/English layer) | {v:.2f} | {len(pages) / v:.1f} | {', '.join(f'{x:.2f}' for x in ours)} |

- Speed ratio vigie / plain trafilatura (defaults): **{t / v:.2f}** (target ≥ 0.9); vigie / trafilatura with
  metadata: {tm / v:.2f}. Pages vigie rejected as having no article text: {failures}.
""")


if __name__ == "__main__":
    main()
