"""What the understanding stages cost on top of NER: actors (with the entity clean-up that
uses them), time expressions, quotes and events, each added in turn to vigie's annotator.

    .venv/bin/python bench/bench_understanding.py [--n 500] [--model fr_core_news_md] [--repeat 3]

Same articles, same model, same batching; model loading, the gazetteer's first read and the
first batch are excluded (a warm-up run). The issue's budgets: actors ≤ 20 % of NER time
(issue 4), quotes ≤ 10 % and events ≤ 20 % of the pipeline (issues 6 and 7; "this stage's share" is measured against the
annotator alone, which is most of the pipeline's time, so it overstates the share slightly). Prints a Markdown section for
docs/benchmarks.md. Needs ../shared/data/winer-fr (evaluation data, not shipped).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import time
from datetime import date, datetime
from pathlib import Path

from bench_pipeline import load_articles, machine

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=500)
    ap.add_argument("--model", default="fr_core_news_md")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    os.environ["VIGIE_FR_MODEL"] = args.model

    from vigie.model import Article, Block
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
    configs = {
        "ner only": Annotator(actors=False, timexes=False, quotes=False, events=False),
        "+ actors": Annotator(actors=True, timexes=False, quotes=False, events=False),
        "+ actors, time": Annotator(actors=True, timexes=True, quotes=False, events=False),
        "+ actors, time, quotes": Annotator(actors=True, timexes=True, quotes=True, events=False),
        "+ actors, time, quotes, events": Annotator(actors=True, timexes=True, quotes=True, events=True),
    }
    for annotator in configs.values():
        list(annotator.annotate_many(articles[:32]))  # warm-up
    times: dict[str, list[float]] = {name: [] for name in configs}
    for _ in range(args.repeat):
        for name, annotator in configs.items():  # interleaved, so drifts in machine load hit all alike
            start = time.perf_counter()
            for _ in annotator.annotate_many(articles):
                pass
            times[name].append(time.perf_counter() - start)
    best = {name: min(ts) for name, ts in times.items()}
    base = best["ner only"]
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    print(f"### Understanding stages vs NER alone — {date.today()}, commit {commit}\n")
    print(f"Machine: {machine()}. {args.n} WiNER-fr articles, `{args.model}`, best of {args.repeat} interleaved runs.\n")
    print("| configuration | seconds | docs/s | added to NER time | this stage's share of the run |")
    print("|---|---:|---:|---:|---:|")
    previous = None
    for name, t in best.items():
        extra = "—" if name == "ner only" else f"{100 * (t - base) / base:+.1f} %"
        share = "—" if previous is None else f"{100 * (t - previous) / t:.1f} %"
        print(f"| {name} | {t:.2f} | {args.n / t:.1f} | {extra} | {share} |")
        previous = t
    spread = {name: statistics.pstdev(ts) for name, ts in times.items()}
    print("\nRun-to-run spread (std. dev., s): " + ", ".join(f"{k} {v:.2f}" for k, v in spread.items()))


if __name__ == "__main__":
    main()
