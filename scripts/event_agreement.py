"""Inter-annotator agreement on the French events gold, with vigie's own events scorer.

    .venv/bin/python scripts/event_agreement.py [--details]

Compares the second annotation (``gold/events/agreement/second-annotator.jsonl``, documents in
``gold/events/agreement/docs.txt``) with the first annotator's records for the same documents
(``gold/events/heldout2/winer-fr-heldout2.jsonl``, only those documents are read). Each
direction treats one annotation as the gold and the other as the system output and calls
``vigie.eval.events.score_gold_doc`` per document, as ``vigie eval events`` does: type F1 (same
PLOVER type in overlapping sentences, one-to-one, overlapping triggers first) and tuple F1 (the
same, and source and target agree: same country, same IGO, or overlapping spans; both null).
Type and tuple F1 are symmetric (precision and recall swap); the per-direction flag and date
accuracies are not. Also printed: source and target agreement on the type-matched pairs, and,
outside vigie's scorer, stricter figures: a tuple F1 whose actors must carry the same codes
(country, IGO and sector all equal, or both actors null), and on the type-matched pairs the share
with the same mode, the same trigger span and the same actor codes.
``--details`` lists every disagreement row (``gold_errors``) with its text, first annotator as gold.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from vigie.eval import events as ev
from vigie.eval.matching import listed_documents

ROOT = Path(__file__).resolve().parent.parent
SECOND = ROOT / "gold" / "events" / "agreement" / "second-annotator.jsonl"
FIRST = ROOT / "gold" / "events" / "heldout2" / "winer-fr-heldout2.jsonl"
DOCS_DIR = ROOT.parent / "shared" / "data" / "winer-fr"


def load(path: Path, docs: list[str]) -> dict[str, list[ev.Ev]]:
    """The records of ``docs`` only, read as ``vigie eval events`` reads a gold file."""
    records, _ = ev.read_gold(path)
    return {d: records.get(d, []) for d in docs}


def codes(a: ev.Arg | None) -> tuple[str | None, str | None, str | None] | None:
    return None if a is None else (a.country, a.igo, a.sector)


def strict_tuple(g: ev.Ev, p: ev.Ev) -> bool:
    return codes(g.source) == codes(p.source) and codes(g.target) == codes(p.target)


def compare(gold: dict[str, list[ev.Ev]], pred: dict[str, list[ev.Ev]], docs: list[str]) -> dict:
    total = ev.GoldCounts()
    strict = ev.PRF()
    agree = dict.fromkeys(("source", "target", "both", "mode", "trigger", "codes"), 0)
    pairs_n = 0
    for d in docs:
        counts, pairs = ev.score_gold_doc(gold[d], pred[d])
        total.add(counts)
        hit = ev.match_events(gold[d], pred[d], accept=strict_tuple)
        strict.tp += len(hit)
        strict.fn += len(gold[d]) - len(hit)
        strict.fp += len(pred[d]) - len(hit)
        for i, j in pairs:
            g, p = gold[d][i], pred[d][j]
            s, t = ev.same_arg(g.source, p.source), ev.same_arg(g.target, p.target)
            agree["source"] += s
            agree["target"] += t
            agree["both"] += s and t
            agree["mode"] += g.mode == p.mode
            agree["trigger"] += g.trigger == p.trigger
            agree["codes"] += strict_tuple(g, p)
            pairs_n += 1
    out = total.scores()
    out["pairs"] = {"type_matched": pairs_n, **agree}
    out["strict_tuple"] = strict.scores()
    return out


def line(name: str, s: dict) -> str:
    t, u, p = s["type"], s["tuple"], s["pairs"]
    n = p["type_matched"] or 1
    flags = " ".join(f"{f} {v['right']}/{v['total']}" for f, v in s["flags"].items())
    return (f"{name}: type P {t['precision']:.3f} R {t['recall']:.3f} F1 {t['f1']:.3f} "
            f"(tp {t['tp']} fp {t['fp']} fn {t['fn']}) | tuple P {u['precision']:.3f} R {u['recall']:.3f} "
            f"F1 {u['f1']:.3f} (tp {u['tp']}) | on {p['type_matched']} type-matched pairs: source "
            f"{p['source'] / n:.3f}, target {p['target'] / n:.3f}, both {p['both'] / n:.3f} | "
            f"flags {flags} | date {s['date']['right']}/{s['date']['total']}\n"
            f"  stricter: tuple F1 with the same actor codes {s['strict_tuple']['f1']:.3f} "
            f"(tp {s['strict_tuple']['tp']}); on the type-matched pairs: same mode {p['mode']}/{n}, "
            f"same trigger span {p['trigger']}/{n}, same actor codes {p['codes']}/{n}")


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--details", action="store_true", help="list the disagreements (first annotator as gold)")
    ap.add_argument("--json", action="store_true", help="print the full score dictionaries")
    a = ap.parse_args(argv)
    docs = [x.strip() for x in (SECOND.parent / "docs.txt").read_text(encoding="utf-8").splitlines() if x.strip()]
    first, second = load(FIRST, docs), load(SECOND, docs)
    print(f"{len(docs)} documents; first annotator {sum(map(len, first.values()))} records, "
          f"second {sum(map(len, second.values()))}")
    a_vs_b = compare(first, second, docs)
    b_vs_a = compare(second, first, docs)
    print(line("second vs first (first as gold)", a_vs_b))
    print(line("first vs second (second as gold)", b_vs_a))
    if a.json:
        print(json.dumps({"first_as_gold": a_vs_b, "second_as_gold": b_vs_a}, ensure_ascii=False, indent=1))
    if a.details:
        _, texts, _ = listed_documents(DOCS_DIR, docs)
        for d in docs:
            _, pairs = ev.score_gold_doc(first[d], second[d])
            for row in ev.gold_errors(d, texts[d], first[d], second[d], pairs):
                print(json.dumps(row, ensure_ascii=False))


if __name__ == "__main__":
    main()
