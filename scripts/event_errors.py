"""Error analysis of the events stage on its dev sets, with the rest of the pipeline cached.

    python scripts/event_errors.py capture [--data DIR]      # run the pipeline once, keep the events stage's inputs
    python scripts/event_errors.py score [--show KIND] [--half a|b]  # re-run only nlp.events and score

``capture`` annotates the French dev gold (gold/events, fr_core_news_md), the former held-out
part (gold/events/heldout, a second dev set since issue 7's third round) and plover-gsr
(English) with every stage, and pickles what ``find_events`` receives (texts, spaCy Docs,
mentions, time expressions) to ``--cache`` (default /tmp/vigie-event-cache). ``score`` reloads
them, runs the current ``vigie.nlp.events.find_events`` only (seconds instead of a minute), and
prints the French type and tuple figures for each French set (``fr``: the dev gold, whole and
its two halves, documents in alternate order; ``ho``: the former held-out part), the GSR
figures, and the misses sorted into classes. Both French sets are dev sets now; a sealed set
(gold/events/heldout2) is never loaded here.

- French, per gold event: ``no event`` (nothing in its sentence), ``type`` (events in the
  sentence, none of its type), ``source``, ``target``, ``source+target`` (matched by type, the
  arguments wrong), with a sub-class for the argument (``missing``, ``spurious``, ``wrong``);
  per vigie event no gold event took, ``spurious``; each row starts with its set (``fr``, ``ho``);
- GSR, per sentence: ``no event``, ``type``, ``source``, ``target``, ``both``.

``--show KIND`` lists the rows of one class (e.g. ``--show target:missing``). Dev tool only: the
figures of record come from ``vigie eval events``.
"""

from __future__ import annotations

import argparse
import os
import pickle
import sys
from collections import Counter
from pathlib import Path

GOLD = Path(__file__).resolve().parent.parent / "gold" / "events" / "winer-fr-dev.jsonl"
# the second dev set: the former held-out part, opened for reading in issue 7's third round
HELDOUT = GOLD.parent / "heldout" / "winer-fr-heldout.jsonl"
# the readable parts annotated in the sixth session (their sealed twins heldout2/heldout3 never load here)
DEV2 = GOLD.parent / "dev2" / "winer-fr-dev2.jsonl"
DEV3 = GOLD.parent / "dev3" / "winer-fr-dev3.jsonl"
FRENCH = {"fr": GOLD, "ho": HELDOUT, "d2": DEV2, "d3": DEV3}  # cache name -> gold file
# the training parts of the seventh session (t1…t4), when present
FRENCH |= {f"t{n}": p for n in range(1, 5) if (p := GOLD.parent / f"train{n}" / f"winer-fr-train{n}.jsonl").exists()}


def capture(data: Path, cache: Path) -> None:
    os.environ["VIGIE_FR_MODEL"] = "fr_core_news_md"
    from vigie.eval import events as ev
    from vigie.eval.matching import listed_documents

    french = {}
    for name, path in FRENCH.items():
        gold, docs = ev.read_gold(path)
        docs, texts, _ = listed_documents(data / "winer-fr", docs, None)
        french[name] = list(zip(docs, ev.events_stage_inputs(ev.gold_articles(docs, texts))))
    sentences = ev.read_gsr(data / ev.GSR_DIR / ev.GSR_FILE)
    en = list(zip(sentences, ev.events_stage_inputs([ev.article_of(s.id, s.text, "en", ev.GSR_DCT) for s in sentences])))
    cache.mkdir(parents=True, exist_ok=True)
    for name, fr in french.items():
        with open(cache / f"{name}.pkl", "wb") as f:
            pickle.dump(fr, f)
    with open(cache / "en.pkl", "wb") as f:
        pickle.dump(en, f)
    sizes = ", ".join(f"{len(fr)} ({name})" for name, fr in french.items())
    print(f"captured French documents {sizes}, {len(en)} GSR sentences in {cache}")


def _arg_class(g, p) -> str:
    if g is None:
        return "spurious"
    if p is None:
        return "missing"
    return "wrong"


def _half(name: str, n: int, doc: str) -> str:
    """The half of a part a document is in: alternate documents of the dev gold; for dev2 and dev3
    the odd-numbered documents (development, "a") and the even-numbered (check, "b"), as in the sixth
    session's rounds."""
    if name == "fr":
        return "ab"[n % 2]
    return "a" if int(doc.rsplit("-", 1)[1]) % 2 else "b"


def score(cache: Path, show: str | None, half: str | None) -> None:
    from vigie.eval import events as ev
    from vigie.nlp.events import find_events

    with open(cache / "en.pkl", "rb") as f:
        en = pickle.load(f)
    classes: Counter = Counter()
    rows: list[tuple[str, str]] = []
    for name, path in FRENCH.items():
        with open(cache / f"{name}.pkl", "rb") as f:
            fr = pickle.load(f)
        gold, _ = ev.read_gold(path)
        halves = ("a", "b") if name in ("fr", "d2", "d3") else ()
        totals = {"all": ev.GoldCounts(), **{h: ev.GoldCounts() for h in halves}}
        for n, (doc, args) in enumerate(fr):
            part = _half(name, n, doc) if halves else None
            events = find_events(*args)
            text = args[0]
            g = gold.get(doc, [])
            p = [m for e in events for m in ev.mention_evs(e, text)]
            c, pairs = ev.score_gold_doc(g, p)
            totals["all"].add(c)
            if part:
                totals[part].add(c)
            if half and part != half:
                continue
            hit = dict(pairs)
            for i, ge in enumerate(g):
                if i not in hit:
                    others = [x for x in p if ev._overlaps(ge.sentence, x.sentence)]
                    kind = "type" if others else "no event"
                    pe = others[0] if others else None
                else:
                    pe = p[hit[i]]
                    bad = [k for k in ("source", "target") if not ev.same_arg(getattr(ge, k), getattr(pe, k))]
                    if not bad:
                        continue
                    kind = "+".join(f"{k}:{_arg_class(getattr(ge, k), getattr(pe, k))}" for k in bad)
                classes[(name, kind)] += 1
                trig = text[ge.trigger[0]:ge.trigger[1]]
                vig = f"{pe.type} {text[pe.trigger[0]:pe.trigger[1]]!r} {pe.source.show() if pe.source else None} → " \
                      f"{pe.target.show() if pe.target else None}" if pe else "-"
                rows.append((kind, f"{name} {doc} {ge.type} {trig!r}: {ge.source.show() if ge.source else None} → "
                                   f"{ge.target.show() if ge.target else None}\n    vigie: {vig}\n    "
                                   f"{text[ge.sentence[0]:ge.sentence[1]][:300]}"))
            # vigie events of the document that no gold event took (precision errors)
            taken = set(hit.values())
            for j, pe in enumerate(p):
                if j in taken:
                    continue
                classes[(name, "spurious")] += 1
                rows.append(("spurious", f"{name} {doc} vigie {pe.type} {text[pe.trigger[0]:pe.trigger[1]]!r} "
                                         f"{pe.source.show() if pe.source else None} → "
                                         f"{pe.target.show() if pe.target else None}\n    "
                                         f"{text[pe.sentence[0]:pe.sentence[1]][:300]}"))
        for part, t in totals.items():
            s = t.scores()
            print(f"French {name} {part:3}: type P {s['type']['precision']:.3f} R {s['type']['recall']:.3f} "
                  f"F1 {s['type']['f1']:.3f} | tuple P {s['tuple']['precision']:.3f} R {s['tuple']['recall']:.3f} "
                  f"F1 {s['tuple']['f1']:.3f} (tp {s['tuple']['tp']})")
    iso, kind_of, _ = ev.gazetteer_lookups()
    sentences = [s for s, _ in en]
    outputs = [find_events(*args) for _, args in en]
    r = ev.score_gsr(sentences, outputs, kind_of, details=True)
    print(f"GSR: type acc {r['type_accuracy']:.3f} | source F1 {r['source']['f1']:.3f} target F1 "
          f"{r['target']['f1']:.3f} | source+target F1 {r['source_target']['f1']:.3f} "
          f"(tp {r['source_target']['tp']})")
    gsr: Counter = Counter()
    for d in r["details"]:
        kind = "gsr:" + ("+".join(e for e in d["errors"] if e != "type") or "type-only")
        gsr[kind] += 1
        rows.append((kind, f"{d['id']} {d['gold_type']}/{d['vigie_type']}: gold {d['gold_source']} → "
                           f"{d['gold_target']} | vigie {d['vigie_source']} → {d['vigie_target']}\n    "
                           f"{d['sentence'][:300]}\n    gold {d['gold']['source']} → {d['gold']['target']}"))
    last = cache / "rows.txt"  # the rows of the run before, to see what a change did
    if last.exists():
        (cache / "rows.prev.txt").write_text(last.read_text(encoding="utf-8"), encoding="utf-8")
    last.write_text("\n".join(f"[{k}] {r}" for k, r in rows) + "\n", encoding="utf-8")
    for name in FRENCH:
        print(f"French misses ({name}):", {k: v for (n, k), v in classes.most_common() if n == name})
    print("GSR errors:", dict(gsr.most_common()))
    if show:
        for kind, row in rows:
            if kind == show or (show.endswith("*") and kind.startswith(show[:-1])) or show in kind.split("+"):
                print(f"[{kind}] {row}")


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("command", choices=("capture", "score"))
    p.add_argument("--data", type=Path, default=Path(os.environ.get("VIGIE_EVAL_DATA", "/work/shared/data")))
    p.add_argument("--cache", type=Path, default=Path("/tmp/vigie-event-cache"))
    p.add_argument("--show", help="list the rows of one class")
    p.add_argument("--half", choices=("a", "b"), help="list rows of one half of the French gold only")
    args = p.parse_args()
    if args.command == "capture":
        capture(args.data, args.cache)
    else:
        score(args.cache, args.show, args.half)
    return 0


if __name__ == "__main__":
    sys.exit(main())
