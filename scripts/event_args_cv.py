"""Experiment (issue 7): a learned chooser of the French events' source and target, stacked on the rules.

    python scripts/event_args_cv.py capture --part NAME=GOLD.jsonl ... [--cache DIR]  # pickle find_events' inputs
    python scripts/event_args_cv.py cv [--folds 5] [--cache DIR]     # leave-articles-out CV: rules vs rules + chooser
    python scripts/event_args_cv.py fit --out FILE [--cache DIR]      # fit on every cached part, write the weights

Data: the readable French gold parts (``fr`` the dev gold, ``ho`` the former held-out part, ``d2``,
``d3``, and the fresh ``train1`` … ``train4`` once annotated), cached as scripts/event_errors.py
``capture`` does (fr_core_news_md); the sealed parts (heldout2, heldout3) are never read here.

For each event the rules code, ``vigie.nlp.event_args.ArgumentChooser`` (recording mode) lists the
candidates of each role and their features. An event's training label comes from the gold event of
its type in its sentence (the one whose trigger overlaps it most, else the nearest): a candidate is
right for a role when ``vigie.eval.events.same_arg`` accepts it against the gold's participant (none
is right when the gold has none). The model: a conditional logit over the candidates of one event
and role (the marginal likelihood of the right candidates), L2, fitted by scipy's L-BFGS.

``cv``: folds by document over all parts pooled (a document is never in its own model's training
data); each test document is coded end to end with ``find_events`` under ``argument_model`` and
scored with ``score_gold_doc``; rules alone and rules + chooser, per part and pooled, with the share
of type-matched events whose two arguments are right.
"""

from __future__ import annotations

import argparse
import os
import pickle
import random
import sys
import time
from collections import defaultdict
from pathlib import Path

import numpy as np
from scipy import sparse
from scipy.optimize import minimize

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "gold" / "events"
PARTS = {"fr": GOLD / "winer-fr-dev.jsonl", "ho": GOLD / "heldout" / "winer-fr-heldout.jsonl",
         "d2": GOLD / "dev2" / "winer-fr-dev2.jsonl", "d3": GOLD / "dev3" / "winer-fr-dev3.jsonl"}
SEALED = ("heldout2", "heldout3")
WEIGHTS = ROOT / "src" / "vigie" / "lang" / "fr" / "event-args.json"


def _parts(cache: Path) -> dict[str, Path]:
    """The cached parts and their gold files (the fresh parts' paths are kept beside their pickles)."""
    out = {}
    for pkl in sorted(cache.glob("*.pkl")):
        name = pkl.stem
        if name == "en":
            continue
        where = cache / f"{name}.gold"
        out[name] = Path(where.read_text().strip()) if where.exists() else PARTS[name]
        assert not any(s in str(out[name]) for s in SEALED)
    return out


def capture(data: Path, cache: Path, parts: list[str]) -> None:
    os.environ["VIGIE_FR_MODEL"] = "fr_core_news_md"
    from vigie.eval import events as ev
    from vigie.eval.matching import listed_documents

    cache.mkdir(parents=True, exist_ok=True)
    for spec in parts:
        name, path = spec.split("=", 1)
        assert not any(s in path for s in SEALED), "the sealed parts are never read here"
        _, docs = ev.read_gold(Path(path))
        docs, texts, _ = listed_documents(data / "winer-fr", docs, None)
        with open(cache / f"{name}.pkl", "wb") as f:
            pickle.dump(list(zip(docs, ev.events_stage_inputs(ev.gold_articles(docs, texts)))), f)
        (cache / f"{name}.gold").write_text(str(Path(path).resolve()))
        print(f"captured {len(docs)} documents of {name} in {cache}")


def load(cache: Path) -> list[tuple[str, str, tuple, list]]:
    """(part, document, find_events' inputs, gold events) of every cached document."""
    from vigie.eval import events as ev

    out = []
    for name, path in _parts(cache).items():
        gold, _ = ev.read_gold(path)
        with open(cache / f"{name}.pkl", "rb") as f:
            for doc, args in pickle.load(f):
                out.append((name, doc, args, gold.get(doc, [])))
    return out


# --- training examples ------------------------------------------------------------------------------


def _eval_arg(a):
    from vigie.eval import events as ev

    if a is None:
        return None
    return ev.Arg(a.text, (a.start, a.end), a.name, ev.normalise_code(a.country), a.igo or None, a.sector)


def _gold_of(e, gold):
    from vigie.eval import events as ev

    same = [g for g in gold if g.type == e.type and ev._overlaps(g.sentence, (e.sentence_start, e.sentence_end))]
    if not same:
        return None
    t = (e.trigger_start, e.trigger_end)
    return max(same, key=lambda g: (ev._overlap(g.trigger, t), -abs(g.trigger[0] - t[0])))


def examples(doc_args: tuple, gold: list) -> list[dict]:
    """One example per event the rules code that a gold event of its type in its sentence labels:
    the features and right-or-wrong of each candidate per role."""
    from vigie.eval import events as ev
    from vigie.nlp.event_args import ArgumentChooser
    from vigie.nlp.events import argument_model, find_events

    rec: list = []
    with argument_model(ArgumentChooser(recording=rec)):
        find_events(*doc_args)
    out = []
    for e, args, role_feats in rec:
        g = _gold_of(e, gold)
        ex = {"feats": role_feats, "right": {}}
        for r in ("source", "target"):
            ex["right"][r] = [ev.same_arg(getattr(g, r), _eval_arg(a)) for a in args] if g is not None else None
        ex["rule_right"] = {r: ev.same_arg(getattr(g, r), _eval_arg(getattr(e, r))) for r in ("source", "target")} \
            if g is not None else None
        out.append(ex)
    return out


# --- the model --------------------------------------------------------------------------------------


def fit(exs: list[dict], l2: float = 1.0, min_count: int = 2) -> dict[str, tuple[float, float]]:
    """Weights per feature and role (conditional logit over each event's candidates)."""
    counts: dict[str, int] = defaultdict(int)
    for ex in exs:
        if ex["right"]["source"] is None:
            continue
        for r in ("source", "target"):
            for f in ex["feats"][r]:
                for x in set(f):
                    counts[x] += 1
    vocab = {x: i for i, x in enumerate(sorted(x for x, n in counts.items() if n >= min_count))}
    w_all = {}
    for r in ("source", "target"):
        rows, cols, starts, right = [], [], [], []
        n = 0
        for ex in exs:
            mask = ex["right"][r]
            if mask is None or not any(mask):
                continue  # no label, or no candidate right: nothing to learn
            starts.append(n)
            for f, ok in zip(ex["feats"][r], mask):
                for x in set(f):
                    if x in vocab:
                        rows.append(n)
                        cols.append(vocab[x])
                right.append(ok)
                n += 1
        X = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(n, len(vocab)))
        starts_a = np.asarray(starts)
        right_a = np.asarray(right, dtype=bool)
        group = np.repeat(np.arange(len(starts)), np.diff(np.append(starts_a, n)))

        def loss(w):
            s = X @ w
            mx = np.maximum.reduceat(s, starts_a)
            z = np.exp(s - mx[group])
            zall = np.add.reduceat(z, starts_a)
            zr = np.add.reduceat(np.where(right_a, z, 0.0), starts_a)
            val = float(np.sum(np.log(zall) - np.log(zr))) + 0.5 * l2 * float(w @ w)
            p = z / zall[group]
            q = np.where(right_a, z, 0.0) / zr[group]
            return val, X.T @ (p - q) + l2 * w

        res = minimize(loss, np.zeros(len(vocab)), jac=True, method="L-BFGS-B", options={"maxiter": 500})
        w_all[r] = res.x
    return {x: (float(w_all["source"][i]), float(w_all["target"][i])) for x, i in vocab.items()
            if abs(w_all["source"][i]) > 1e-4 or abs(w_all["target"][i]) > 1e-4}


# --- scoring ----------------------------------------------------------------------------------------


def score_doc(args: tuple, gold: list, chooser) -> tuple:
    from vigie.eval import events as ev
    from vigie.nlp.events import argument_model, find_events

    with argument_model(chooser):
        events = find_events(*args)
    p = [m for e in events for m in ev.mention_evs(e, args[0])]
    c, pairs = ev.score_gold_doc(gold, p)
    both = sum(ev.full_tuple(gold[i], p[j]) for i, j in pairs)
    return c, len(pairs), both


def _line(label: str, t, pairs: int, both: int) -> str:
    s = t.scores()
    return (f"{label:28} type F1 {s['type']['f1']:.3f} (P {s['type']['precision']:.3f} R {s['type']['recall']:.3f}) | "
            f"tuple F1 {s['tuple']['f1']:.3f} (tp {s['tuple']['tp']}) | both args right {both}/{pairs} "
            f"= {both / max(pairs, 1):.3f}")


def cv(cache: Path, folds: int, l2: float, seed: int, margin: tuple[float, float], by_part: bool = False) -> None:
    from vigie.eval import events as ev

    data = load(cache)
    t0 = time.process_time()
    exs = [examples(args, gold) for _, _, args, gold in data]
    print(f"{len(data)} documents, {sum(map(len, exs))} coded events recorded "
          f"({time.process_time() - t0:.1f} s CPU)")
    order = list(range(len(data)))
    random.Random(seed).shuffle(order)
    fold_of = {d: n % folds for n, d in enumerate(order)}
    if by_part:  # leave one part out: a part's documents (and its annotator's habits) never train its model
        names = sorted({p for p, _, _, _ in data})
        fold_of = {d: names.index(data[d][0]) for d in range(len(data))}
        folds = len(names)
    totals = {k: defaultdict(lambda: [ev.GoldCounts(), 0, 0]) for k in ("rules", "chooser")}
    t_rules = t_model = 0.0
    per_doc: dict[tuple[int, str], tuple[int, int, int]] = {}
    diag = {r: [0, 0, 0, 0] for r in ("source", "target")}  # labelled events, rules right, a candidate right, model right
    for k in range(folds):
        train = [x for d, e in enumerate(exs) if fold_of[d] != k for x in e]
        w = fit(train, l2=l2)
        from vigie.nlp.event_args import ArgumentChooser

        chooser = ArgumentChooser(w, margin=margin)
        for d, e in enumerate(exs):
            if fold_of[d] != k:
                continue
            for x in e:
                if x["rule_right"] is None:
                    continue
                for n, r in enumerate(("source", "target")):
                    scores = [sum(w.get(f, (0.0, 0.0))[n] for f in fs) for fs in x["feats"][r]]
                    diag[r][0] += 1
                    diag[r][1] += x["rule_right"][r]
                    diag[r][2] += any(x["right"][r])
                    diag[r][3] += x["right"][r][int(np.argmax(scores))]
        for d, (part, doc, args, gold) in enumerate(data):
            if fold_of[d] != k:
                continue
            for name, model in (("rules", None), ("chooser", chooser)):
                t = time.process_time()
                c, pairs, both = score_doc(args, gold, model)
                dt = time.process_time() - t
                if model is None:
                    t_rules += dt
                else:
                    t_model += dt
                s = c.scores()["tuple"]
                per_doc[(d, name)] = (s["tp"], s["fp"], s["fn"])
                for key in (part, "all", "fresh" if part.startswith("train") else "read"):
                    acc = totals[name][key]
                    acc[0].add(c)
                    acc[1] += pairs
                    acc[2] += both
        print(f"fold {k + 1}/{folds}: {len(train)} training events, {len(w)} weights", flush=True)
    for key in sorted(totals["rules"], key=lambda x: (x in ("all", "read", "fresh"), x)):
        for name in ("rules", "chooser"):
            t, pairs, both = totals[name][key]
            print(_line(f"{key} {name}", t, pairs, both))
    for group in ("fresh", "read"):  # the tuple F1 difference, documents resampled (paired bootstrap)
        docs = [d for d in range(len(data)) if data[d][0].startswith("train") == (group == "fresh")]
        if not docs:
            continue
        rng = np.random.default_rng(seed)
        a = np.array([per_doc[(d, "rules")] for d in docs], dtype=float)
        b = np.array([per_doc[(d, "chooser")] for d in docs], dtype=float)
        diffs = []
        for _ in range(2000):
            i = rng.integers(0, len(docs), len(docs))
            f1 = [2 * x[i, 0].sum() / max(2 * x[i, 0].sum() + x[i, 1].sum() + x[i, 2].sum(), 1) for x in (a, b)]
            diffs.append(f1[1] - f1[0])
        lo, hi = np.percentile(diffs, [2.5, 97.5])
        print(f"{group}: tuple F1 chooser - rules, 95 % bootstrap interval over documents [{lo:+.3f}, {hi:+.3f}], "
              f"chooser ahead in {np.mean(np.array(diffs) > 0):.1%} of resamples")
    for r, (n, rule, oracle, model) in diag.items():
        print(f"{r}: {n} labelled events; rules right {rule / n:.3f}, some candidate right {oracle / n:.3f}, "
              f"chooser right {model / n:.3f}")
    print(f"find_events CPU: rules {t_rules:.1f} s, rules + chooser {t_model:.1f} s")


def fit_all(cache: Path, out: Path, l2: float, margin: tuple[float, float]) -> None:
    from vigie.nlp.event_args import save

    data = load(cache)
    exs = [x for _, _, args, gold in data for x in examples(args, gold)]
    w = fit(exs, l2=l2)
    parts = sorted({p for p, _, _, _ in data})
    save(w, out, f"scripts/event_args_cv.py fit: {len(exs)} events of {len(data)} documents ({', '.join(parts)}), "
                 f"l2 {l2}", margin)
    print(f"{len(w)} weights from {len(exs)} events of {len(data)} documents -> {out}")


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("command", choices=("capture", "cv", "fit"))
    p.add_argument("--data", type=Path, default=Path(os.environ.get("VIGIE_EVAL_DATA", "/work/shared/data")))
    p.add_argument("--cache", type=Path, default=Path("/tmp/args-cache"))
    p.add_argument("--part", action="append", default=[], help="NAME=GOLD.jsonl (capture)")
    p.add_argument("--folds", type=int, default=5)
    p.add_argument("--l2", type=float, default=1.0)
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--by-part", action="store_true", help="folds are the parts (leave one part out)")
    p.add_argument("--out", type=Path)
    p.add_argument("--margin-source", type=float, default=0.0, help="the rules' source keeps this head start")
    p.add_argument("--margin-target", type=float, default=0.0, help="the rules' target keeps this head start")
    a = p.parse_args()
    if a.command == "capture":
        capture(a.data, a.cache, a.part or [f"{k}={v}" for k, v in PARTS.items()])
    elif a.command == "cv":
        cv(a.cache, a.folds, a.l2, a.seed, (a.margin_source, a.margin_target), a.by_part)
    else:
        fit_all(a.cache, a.out or WEIGHTS, a.l2, (a.margin_source, a.margin_target))
    return 0


if __name__ == "__main__":
    sys.exit(main())
