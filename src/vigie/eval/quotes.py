"""``vigie eval quotes --gold FILE --docs DIR``: quotes and speakers against a hand-made gold set.

Gold: one JSON object per line in the "Quotes gold" format (``docs/eval.md``):
``{"doc", "start", "end", "kind", "speaker", "speaker_type", "speaker_span", "cue_span"}``, offsets
into the document's text. Documents: ``DIR`` holds ``<doc>.txt`` files (searched recursively: a
WiNER-fr checkout works as it is); a ``docs.txt`` next to the gold file lists every annotated
document, including those with no quote (so that false positives there count). The publication
day (the DCT) is read from a ``YYYY_MM_DD`` file name when there is one.

Scoring, per kind and for all kinds together:
- span P/R/F1, **exact** (same start and end) and **overlap** (one-to-one matching of
  overlapping spans, largest overlap first); per kind, only quotes of that kind on both sides;
  for "all", the kind is ignored;
- **speaker accuracy** on overlap-matched quotes: right when both have no speaker, or the
  speaker mentions overlap, or the names agree (case and accents folded; a surname alone
  agrees with the full name).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from vigie.eval.matching import date_of_name, listed_documents, one_to_one, read_gold_lines
from vigie.textfold import fold

KINDS = ("direct", "partial", "indirect")
TARGETS = {"direct": {"f1": 0.95, "speaker": 0.90}, "partial": {"f1": 0.75}, "indirect": {"f1": 0.75}}


@dataclass(frozen=True, slots=True)
class Q:
    start: int
    end: int
    kind: str
    speaker: str | None
    speaker_span: tuple[int, int] | None
    text: str = ""


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    speaker_right: int = 0
    speaker_total: int = 0

    def add(self, other: Counts) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        self.speaker_right += other.speaker_right
        self.speaker_total += other.speaker_total

    def scores(self) -> dict[str, Any]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        out = {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "tp": self.tp, "fp": self.fp,
               "fn": self.fn}
        if self.speaker_total:
            out["speaker_accuracy"] = round(self.speaker_right / self.speaker_total, 4)
            out["speaker_right"], out["speaker_matched"] = self.speaker_right, self.speaker_total
        return out


# --- reading ------------------------------------------------------------------------------------


def read_gold(path: Path) -> tuple[dict[str, list[Q]], list[str]]:
    """Gold quotes by document, and the documents annotated (see ``matching.read_gold_lines``)."""

    def parse(r: dict[str, Any]) -> Q:
        span = r.get("speaker_span")
        return Q(int(r["start"]), int(r["end"]), r["kind"], r.get("speaker"), tuple(span) if span else None)

    return read_gold_lines(path, parse, "quote")


def _dct(doc: str) -> datetime | None:
    return date_of_name(doc)


def article_of(doc: str, text: str):
    from vigie.model import Article, Block

    blocks, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            blocks.append(Block("title" if not blocks else "paragraph", pos, pos + len(line)))
        pos += len(line) + 1
    return Article(item=doc, text=text, blocks=blocks, published=_dct(doc), language="fr", extractor="eval:quotes")


# --- scoring ------------------------------------------------------------------------------------


def _overlap(a: Q, b: Q) -> int:
    return max(0, min(a.end, b.end) - max(a.start, b.start))


def match(gold: list[Q], pred: list[Q], exact: bool) -> list[tuple[int, int]]:
    pairs = []
    for i, g in enumerate(gold):
        for j, p in enumerate(pred):
            if (g.start, g.end) == (p.start, p.end) if exact else _overlap(g, p) > 0:
                pairs.append((_overlap(g, p), i, j))
    return one_to_one((-overlap, i, j) for overlap, i, j in pairs)


def same_speaker(g: Q, p: Q) -> bool:
    if g.speaker is None and p.speaker is None:
        return True
    if g.speaker is None or p.speaker is None:
        return False
    if g.speaker_span and p.speaker_span and g.speaker_span[0] < p.speaker_span[1] and p.speaker_span[0] < g.speaker_span[1]:
        return True
    a, b = fold(g.speaker), fold(p.speaker)
    if a == b or (a and b and (a.split()[-1] == b.split()[-1])):
        return True
    return bool(a and b and (a in b or b in a))


def score(gold: list[Q], pred: list[Q]) -> dict[str, dict[str, Counts]]:
    """Counts per kind ("all" ignores kinds), exact and overlap."""
    out: dict[str, dict[str, Counts]] = {}
    for kind in (*KINDS, "all"):
        g = [q for q in gold if kind == "all" or q.kind == kind]
        p = [q for q in pred if kind == "all" or q.kind == kind]
        out[kind] = {}
        for mode in ("exact", "overlap"):
            pairs = match(g, p, exact=mode == "exact")
            c = Counts(tp=len(pairs), fp=len(p) - len(pairs), fn=len(g) - len(pairs))
            if mode == "overlap":
                c.speaker_total = len(pairs)
                c.speaker_right = sum(same_speaker(g[i], p[j]) for i, j in pairs)
            out[kind][mode] = c
    return out


# --- running ------------------------------------------------------------------------------------


def run(gold_path: Path, docs_dir: Path, *, details: bool = False, limit: int | None = None) -> dict[str, Any]:
    from vigie.errors import ItemError
    from vigie.nlp import Annotator

    gold, docs = read_gold(gold_path)
    docs, texts, missing = listed_documents(docs_dir, docs, limit)
    for d in docs:
        for q in gold.get(d, []):
            if not 0 <= q.start < q.end <= len(texts[d]):
                raise ValueError(f"{gold_path}: {d} {q.start}-{q.end} is outside the text")
    started = time.perf_counter()
    outputs = list(Annotator().annotate_many(article_of(d, texts[d]) for d in docs))
    seconds = time.perf_counter() - started
    totals: dict[str, dict[str, Counts]] = {k: {"exact": Counts(), "overlap": Counts()} for k in (*KINDS, "all")}
    rows, failures = [], []
    for d, result in zip(docs, outputs):
        if isinstance(result, ItemError):
            failures.append({"doc": d, "reason": result.reason})
            pred = []
        else:
            pred = [Q(q.start, q.end, q.kind, q.speaker, (q.speaker_start, q.speaker_end)
                      if q.speaker_start is not None else None, q.text) for q in result.quotes]
        g = [Q(q.start, q.end, q.kind, q.speaker, q.speaker_span, texts[d][q.start:q.end]) for q in gold.get(d, [])]
        counts = score(g, pred)
        for kind, modes in counts.items():
            for mode, c in modes.items():
                totals[kind][mode].add(c)
        if details:
            rows.append(_details(d, texts[d], g, pred))
    report: dict[str, Any] = {
        "gold": str(gold_path), "docs_dir": str(docs_dir), "documents": len(docs), "missing_documents": missing,
        "gold_quotes": {k: sum(1 for d in docs for q in gold.get(d, []) if q.kind == k) for k in KINDS},
        "scores": {k: {m: c.scores() for m, c in modes.items()} for k, modes in totals.items()},
        "targets": TARGETS, "failures": failures, "seconds": round(seconds, 2),
    }
    if details:
        report["details"] = rows
    return report


def _details(doc: str, text: str, gold: list[Q], pred: list[Q]) -> dict[str, Any]:
    pairs = match(gold, pred, exact=False)
    hit_g = {i: j for i, j in pairs}
    hit_p = {j for _, j in pairs}

    def show(q: Q) -> dict[str, Any]:
        return {"start": q.start, "end": q.end, "kind": q.kind, "text": text[q.start:q.end][:200], "speaker": q.speaker}

    out: dict[str, Any] = {"doc": doc, "missed": [], "spurious": [], "boundary": [], "kind": [], "speaker": []}
    for i, g in enumerate(gold):
        if i not in hit_g:
            out["missed"].append(show(g))
            continue
        p = pred[hit_g[i]]
        if (p.start, p.end) != (g.start, g.end):
            out["boundary"].append({"gold": show(g), "vigie": show(p)})
        if p.kind != g.kind:
            out["kind"].append({"gold": show(g), "vigie": show(p)})
        if not same_speaker(g, p):
            out["speaker"].append({"gold": show(g), "vigie": show(p)})
    out["spurious"] = [show(p) for j, p in enumerate(pred) if j not in hit_p]
    return out


def format_report(r: dict[str, Any]) -> str:
    lines = [f"== quotes: {r['documents']} documents, gold {r['gold_quotes']} ({r['seconds']} s)"]
    if r["missing_documents"]:
        lines.append(f"   missing texts: {', '.join(r['missing_documents'][:10])}")
    lines.append(f"{'kind':9} {'exact P':>8} {'R':>6} {'F1':>6}   {'overlap P':>9} {'R':>6} {'F1':>6}   {'speaker':>7}  target")
    for kind in (*KINDS, "all"):
        e, o = r["scores"][kind]["exact"], r["scores"][kind]["overlap"]
        t = TARGETS.get(kind, {})
        target = ", ".join(f"{k} ≥ {v}" for k, v in t.items())
        lines.append(f"{kind:9} {e['precision']:8.3f} {e['recall']:6.3f} {e['f1']:6.3f}   {o['precision']:9.3f} "
                     f"{o['recall']:6.3f} {o['f1']:6.3f}   {o.get('speaker_accuracy', 0):7.3f}  {target}")
    return "\n".join(lines)

