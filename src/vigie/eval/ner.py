"""``vigie eval ner``: named entities on WiNER-fr, bare spaCy and vigie side by side.

WiNER-fr (``shared/data/winer-fr``) is French Wikinews with hand-made BRAT annotations,
nested mentions allowed. Person, Location and Organization are scored as PER, LOC and ORG;
Date, Hour, Product and Event have no counterpart and are left out (kept only to explain
errors). Where gold mentions nest, the outermost PER/LOC/ORG mention is scored and the ones
inside it are dropped (and counted).

Systems, same texts, same run:

- spacy: ``spacy.load(model)``, ``doc.ents`` with the labels PER/LOC/ORG (MISC ignored);
- vigie: ``vigie.nlp.Annotator`` on an ``Article`` whose text is the ``.txt`` file unchanged,
  its entities (``AnnotatedArticle.entities``) with the same labels.

Both use ``fr_core_news_md`` unless another model is asked for (``VIGIE_FR_MODEL`` is set to it
for the run). Scores are micro P/R/F1, per type and overall: **strict** (same span, same type)
and **partial** (overlapping spans, same type, each gold and each prediction used once).
"""

from __future__ import annotations

import os
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, Self

from vigie.eval import datasets as ds
from vigie.eval.matching import one_to_one
from vigie.eval.report import table

DATASET = "winer-fr"
DEFAULT_MODEL = "fr_core_news_md"
TYPES = ("PER", "LOC", "ORG")
WINER_TYPES = {"Person": "PER", "Location": "LOC", "Organization": "ORG"}
SYSTEMS = ("spacy", "vigie")
BATCH_SIZE = 32


# --------------------------------------------------------------------------- records


@dataclass(frozen=True, slots=True)
class NE:
    """A mention: ``text[start:end]`` with a coarse label (PER, LOC, ORG, MISC, or a gold type)."""

    start: int
    end: int
    label: str
    text: str = ""

    def overlaps(self, other: NE) -> bool:
        return self.start < other.end and other.start < self.end

    def same_span(self, other: NE) -> bool:
        return self.start == other.start and self.end == other.end

    def to_json(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "label": self.label, "text": self.text}


@dataclass
class NerDoc:
    id: str
    text: str
    gold: list[NE]  # outermost PER/LOC/ORG mentions: what is scored
    nested: list[NE] = field(default_factory=list)  # PER/LOC/ORG inside another one, dropped
    other: list[NE] = field(default_factory=list)  # Date, Hour, Product, Event: not scored
    double_typed: int = 0  # spans annotated with two of PER/LOC/ORG: scored once, first type
    published: date | None = None
    url: str | None = None


# --------------------------------------------------------------------------- the WiNER-fr reader


def parse_ann(ann: str) -> list[tuple[str, int, int]]:
    """BRAT text-bound annotations as (type, start, end); other lines (relations, notes) are skipped.
    A discontinuous span (``start end;start end``) is read from its first start to its last end."""
    out = []
    for line in ann.splitlines():
        if not line.startswith("T") or line.count("\t") < 1:
            continue
        parts = line.split("\t")
        typ, _, offsets = parts[1].partition(" ")
        numbers = [int(n) for n in offsets.replace(";", " ").split()]
        if numbers:
            out.append((typ, min(numbers), max(numbers)))
    return out


def gold_mentions(entries: Iterable[tuple[str, int, int]], text: str) -> tuple[list[NE], list[NE], list[NE], int]:
    """Split WiNER annotations into (scored, nested, other types, double-typed count).

    Scored = the PER/LOC/ORG mentions not contained in another PER/LOC/ORG mention. A span
    annotated twice with different types is kept once, with the type listed first."""
    typed: dict[tuple[int, int], NE] = {}
    other: list[NE] = []
    double = 0
    for typ, start, end in entries:
        label = WINER_TYPES.get(typ)
        if label is None:
            other.append(NE(start, end, typ, text[start:end]))
            continue
        if (start, end) in typed:
            double += typed[(start, end)].label != label
            continue
        typed[(start, end)] = NE(start, end, label, text[start:end])
    spans = sorted(typed.values(), key=lambda m: (m.start, -m.end))
    kept, nested = [], []
    for m in spans:
        inside = any(o.start <= m.start and m.end <= o.end and not o.same_span(m) for o in spans)
        (nested if inside else kept).append(m)
    return kept, nested, sorted(other, key=lambda m: (m.start, -m.end)), double


def _date_of(doc_id: str) -> date | None:
    try:
        return date(int(doc_id[0:4]), int(doc_id[5:7]), int(doc_id[8:10]))
    except ValueError:
        return None


def read_winer(root: Path) -> list[NerDoc]:
    """The documents of ``root/winer-fr`` in file-name (publication) order."""
    folder = root / DATASET
    if not folder.is_dir():
        raise ds.DatasetMissing(DATASET, folder)
    urls: dict[str, str] = {}
    for path in folder.glob("*/*-urls.txt"):
        for line in path.read_text(encoding="utf-8").splitlines():
            key, _, url = line.partition("\t")
            if url:
                urls[key.strip()] = url.strip()
    docs = []
    for path in sorted(folder.glob("*/*/*.txt")):
        ann_path = path.with_suffix(".ann")
        with path.open(encoding="utf-8", newline="") as f:  # offsets are into the file as it is
            text = f.read()
        ann = ann_path.read_text(encoding="utf-8") if ann_path.exists() else ""
        gold, nested, other, double = gold_mentions(parse_ann(ann), text)
        docs.append(NerDoc(path.stem, text, gold, nested, other, double, _date_of(path.stem), urls.get(path.stem)))
    return docs


# --------------------------------------------------------------------------- matching and scores


@dataclass
class PRF:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: PRF) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    def scores(self) -> dict[str, Any]:
        tp, fp, fn = self.tp, self.fp, self.fn
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        return {"precision": round(p, 4), "recall": round(r, 4),
                "f1": round(2 * tp / (2 * tp + fp + fn), 4) if tp else 0.0, "tp": tp, "fp": fp, "fn": fn}


def overlap(a: NE, b: NE) -> int:
    return max(0, min(a.end, b.end) - max(a.start, b.start))


def match(gold: Sequence[NE], pred: Sequence[NE], *, strict: bool, typed: bool = True,
          accept: Callable[[NE, NE], bool] | None = None) -> list[tuple[int, int]]:
    """One-to-one (gold index, prediction index) pairs.

    strict: same span (and same label when ``typed``); partial: overlapping spans, the largest
    overlaps paired first. ``accept`` adds a condition on a pair (the linking eval compares QIDs)."""
    candidates = []
    for i, g in enumerate(gold):
        for j, p in enumerate(pred):
            if typed and g.label != p.label:
                continue
            if (g.same_span(p) if strict else g.overlaps(p)) and (accept is None or accept(g, p)):
                candidates.append((-overlap(g, p), i, j))
    return one_to_one(candidates)


def score_doc(gold: Sequence[NE], pred: Sequence[NE], types: Sequence[str] = TYPES) -> dict[str, dict[str, PRF]]:
    """Per-type counts of one document, strict and partial; predictions outside ``types`` are ignored."""
    pred = _dedup([p for p in pred if p.label in types])
    out: dict[str, dict[str, PRF]] = {}
    for mode in ("strict", "partial"):
        pairs = match(gold, pred, strict=mode == "strict")
        counts = {t: PRF() for t in types}
        for i, _ in pairs:
            counts[gold[i].label].tp += 1
        for g in gold:
            counts[g.label].fn += 1
        for p in pred:
            counts[p.label].fp += 1
        for i, j in pairs:
            counts[gold[i].label].fn -= 1
            counts[pred[j].label].fp -= 1
        out[mode] = counts
    return out


def summarise(counts: dict[str, PRF], types: Sequence[str] = TYPES) -> dict[str, Any]:
    total = PRF()
    for t in types:
        total.add(counts[t])
    return {**{t: counts[t].scores() for t in types}, "all": total.scores()}


def _dedup(mentions: Iterable[NE]) -> list[NE]:
    seen, out = set(), []
    for m in mentions:
        key = (m.start, m.end, m.label)
        if key not in seen:
            seen.add(key)
            out.append(m)
    return out


# --------------------------------------------------------------------------- errors, for error analysis


def classify_errors(doc: NerDoc, pred: Sequence[NE]) -> dict[str, list[dict[str, Any]]]:
    """The strict errors of one system on one document, each with a kind.

    Missed gold (fn): ``type`` (a prediction has the same span with another label, MISC included),
    ``boundary`` (an overlapping prediction of the same type), ``boundary+type``, ``missed``.
    Wrong predictions (fp): ``type``, ``boundary``, ``boundary+type`` (against the scored gold),
    ``nested`` (a dropped nested gold mention, same span and type), ``gold:<Type>`` (overlaps a Date, Hour,
    Product or Event annotation), ``spurious`` (nothing in the gold there)."""
    scored = _dedup([p for p in pred if p.label in TYPES])
    all_pred = _dedup(pred)
    strict = match(doc.gold, scored, strict=True)
    hit_g = {i for i, _ in strict}
    hit_p = {j for _, j in strict}
    fn, fp = [], []
    for i, g in enumerate(doc.gold):
        if i in hit_g:
            continue
        near = [p for p in all_pred if p.overlaps(g)]
        row = {**g.to_json(), "kind": _kind(g, near), "context": context(doc.text, g)}
        if near:
            row["predicted"] = [f"{p.label} {p.text!r}" for p in near]
        fn.append(row)
    for j, p in enumerate(scored):
        if j in hit_p:
            continue
        near = [g for g in doc.gold if g.overlaps(p)]
        kind = _kind(p, near) if near else None
        if any(n.same_span(p) and n.label == p.label for n in doc.nested):
            kind = "nested"  # right, but inside a longer gold mention, which is what is scored
        elif kind is None:
            if others := [o for o in doc.other if o.overlaps(p)]:
                kind = f"gold:{others[0].label}"
                near = others
            else:
                kind = "spurious"
        row = {**p.to_json(), "kind": kind, "context": context(doc.text, p)}
        if near:
            row["gold"] = [f"{g.label} {g.text!r}" for g in near]
        fp.append(row)
    return {"fn": fn, "fp": fp}


def context(text: str, m: NE, width: int = 40) -> str:
    """The mention in its line, ``[[`` ``]]`` around it, at most ``width`` characters each side."""
    left = text[max(0, m.start - width): m.start].rpartition("\n")[2]
    right = text[m.end: m.end + width].partition("\n")[0]
    return f"{left}[[{text[m.start:m.end]}]]{right}"


def _kind(mention: NE, near: Sequence[NE]) -> str:
    if not near:
        return "missed"
    if any(n.same_span(mention) for n in near):
        return "type"
    if any(n.label == mention.label for n in near):
        return "boundary"
    return "boundary+type"


# --------------------------------------------------------------------------- the systems


def article_of(doc: NerDoc):
    """The document as a vigie ``Article``: the file's text unchanged, its first line as the title,
    each other non-empty line a paragraph; French, dated from the file name."""
    from vigie.model import Article, Block

    blocks, pos = [], 0
    for line in doc.text.split("\n"):
        if line.strip():
            blocks.append(Block("title" if not blocks else "paragraph", pos, pos + len(line)))
        pos += len(line) + 1
    published = datetime(doc.published.year, doc.published.month, doc.published.day, tzinfo=UTC) \
        if doc.published else None
    return Article(item=doc.id, text=doc.text, blocks=blocks, url=doc.url, published=published, language="fr",
                   extractor="eval:" + DATASET)


def run_spacy(nlp, texts: Iterable[str]) -> Iterator[list[NE]]:
    for doc in nlp.pipe(texts, batch_size=BATCH_SIZE):
        yield [NE(e.start_char, e.end_char, e.label_, e.text) for e in doc.ents]


def run_vigie(articles: Iterable) -> Iterator[list[NE] | str]:
    """vigie's entities per article, or the reason it failed."""
    from vigie.errors import ItemError
    from vigie.nlp import Annotator

    for result in Annotator(batch_size=BATCH_SIZE).annotate_many(articles):
        if isinstance(result, ItemError):
            yield result.reason
        else:
            yield [NE(e.start, e.end, e.label, e.text) for e in result.entities]


class forced_model:
    """Set ``VIGIE_FR_MODEL`` for the duration of a run, then put it back."""

    def __init__(self, model: str):
        self.model = model
        self.saved: str | None = None

    def __enter__(self) -> Self:
        self.saved = os.environ.get("VIGIE_FR_MODEL")
        os.environ["VIGIE_FR_MODEL"] = self.model
        return self

    def __exit__(self, *exc) -> None:
        if self.saved is None:
            os.environ.pop("VIGIE_FR_MODEL", None)
        else:
            os.environ["VIGIE_FR_MODEL"] = self.saved


def _progress(msg: str) -> None:
    sys.stderr.write(msg + "\n")
    sys.stderr.flush()


def _timed(name: str, outputs: Iterator, n: int) -> tuple[list, float]:
    """Drain a system's output stream, timing it; progress on a terminal."""
    start = time.perf_counter()
    out = []
    for i, item in enumerate(outputs, 1):
        out.append(item)
        if sys.stderr.isatty() and (i % 50 == 0 or i == n):
            sys.stderr.write(f"\r  {name}: {i}/{n} documents, {time.perf_counter() - start:.0f} s")
            if i == n:
                sys.stderr.write("\n")
    return out, time.perf_counter() - start


# --------------------------------------------------------------------------- the run


def evaluate(docs: Sequence[NerDoc], outputs: dict[str, Sequence[list[NE] | str]], details: bool = False) -> dict:
    """Scores of each system's outputs (one entry per document, or a failure reason) on ``docs``."""
    gold_counts = Counter(g.label for d in docs for g in d.gold)
    result: dict[str, Any] = {
        "documents": len(docs),
        "gold": {"mentions": {**{t: gold_counts[t] for t in TYPES}, "all": sum(gold_counts.values())},
                 "nested_dropped": sum(len(d.nested) for d in docs),
                 "nested_dropped_by_type": dict(Counter(n.label for d in docs for n in d.nested)),
                 "double_typed": sum(d.double_typed for d in docs),
                 "ignored_types": dict(Counter(o.label for d in docs for o in d.other).most_common())},
        "scoring": "micro P/R/F1 over PER/LOC/ORG; strict = same span and type; partial = overlapping span, "
                   "same type, one-to-one; gold = outermost PER/LOC/ORG mentions",
        "systems": {},
    }
    rows: dict[str, dict[str, Any]] = {d.id: {"id": d.id, "url": d.url} for d in docs}
    for system, outs in outputs.items():
        totals = {"strict": {t: PRF() for t in TYPES}, "partial": {t: PRF() for t in TYPES}}
        kinds: dict[str, Counter] = {"fn": Counter(), "fp": Counter()}
        predicted: Counter = Counter()
        failures = []
        for doc, out in zip(docs, outs):
            if isinstance(out, str):
                failures.append({"id": doc.id, "reason": out})
                out = []
            predicted.update(p.label for p in _dedup(out))
            for mode, counts in score_doc(doc.gold, out).items():
                for t in TYPES:
                    totals[mode][t].add(counts[t])
            errors = classify_errors(doc, out)
            for side in ("fn", "fp"):
                kinds[side].update(e["kind"] for e in errors[side])
            if details:
                rows[doc.id][system] = errors
        result["systems"][system] = {
            "strict": summarise(totals["strict"]), "partial": summarise(totals["partial"]),
            "errors": {side: dict(c.most_common()) for side, c in kinds.items()},
            "predicted": dict(predicted.most_common()), "failures": failures,
        }
    if details:
        result["details"] = [r for r in rows.values() if any(r.get(s, {}).get("fn") or r.get(s, {}).get("fp")
                                                              for s in outputs)]
    return result


def run(*, data_dir: Path | None = None, limit: int | None = None, model: str = DEFAULT_MODEL,
        details: bool = False) -> dict:
    """Read WiNER-fr, run bare spaCy and vigie with ``model``, score both. A missing dataset is reported, not raised."""
    root = data_dir or ds.default_data_dir()
    report: dict[str, Any] = {"dataset": DATASET, "data_dir": str(root), "limit": limit, "model": model}
    started = time.perf_counter()
    try:
        docs = read_winer(root)
    except ds.DatasetMissing as e:
        _progress(f"{DATASET}: skipped, {e.path} not found")
        report["skipped"] = f"{e.path} not found"
        return report
    docs = docs[:limit] if limit else docs
    _progress(f"{DATASET}: {len(docs)} documents, model {model}")
    with forced_model(model):
        import spacy

        from vigie.nlp.pipeline import load_model

        nlp = spacy.load(model)
        load_model(model)
        if docs:  # imports, models and first calls are paid before timing
            list(run_spacy(nlp, [docs[0].text]))
            list(run_vigie([article_of(docs[0])]))
        outputs, timing = {}, {}
        outputs["spacy"], seconds = _timed("spacy", run_spacy(nlp, (d.text for d in docs)), len(docs))
        timing["spacy"] = seconds
        outputs["vigie"], seconds = _timed("vigie", run_vigie(article_of(d) for d in docs), len(docs))
        timing["vigie"] = seconds
    report.update(evaluate(docs, outputs, details))
    report["timing"] = {s: {"seconds": round(t, 2), "docs_per_s": round(len(docs) / t, 2) if t else None}
                        for s, t in timing.items()}
    report["seconds"] = round(time.perf_counter() - started, 1)
    return report


# --------------------------------------------------------------------------- text output


def format_report(report: dict) -> str:
    if "skipped" in report:
        return f"skipped {report['dataset']}: {report['skipped']}"
    out = [f"== {report['dataset']} ({report['documents']} documents, model {report['model']}, {report['seconds']} s)"]
    g = report["gold"]
    out.append("   gold: " + ", ".join(f"{t} {g['mentions'][t]}" for t in TYPES)
               + f" (outermost PER/LOC/ORG; {g['nested_dropped']} nested mentions dropped, "
                 f"{g['double_typed']} spans with two types scored once)")
    out.append("   not scored: " + ", ".join(f"{k} {v}" for k, v in g["ignored_types"].items()))
    out.append(f"   scoring: {report['scoring']}")
    systems = list(report["systems"])
    columns = [f"{s} {m}" for s in systems for m in ("P", "R", "F1")]
    for mode in ("strict", "partial"):
        rows = [(t, [report["systems"][s][mode][t][m] for s in systems for m in ("precision", "recall", "f1")])
                for t in (*TYPES, "all")]
        out.append(table(mode, columns, rows))
    for s in systems:
        e = report["systems"][s]["errors"]
        out.append(f"   {s} errors (strict): missed gold " + _kinds(e["fn"]) + "; wrong predictions " + _kinds(e["fp"]))
        if report["systems"][s]["failures"]:
            out.append(f"   {s} failed on {len(report['systems'][s]['failures'])} documents")
    out.append("   speed: " + ", ".join(f"{s} {t['docs_per_s']} docs/s ({t['seconds']} s)"
                                       for s, t in report["timing"].items()))
    for row in report.get("details", []):
        out.append(f"\n-- {row['id']}" + (f" {row['url']}" if row.get("url") else ""))
        for s in systems:
            for side, sign in (("fn", "-"), ("fp", "+")):
                for e in row.get(s, {}).get(side, []):
                    other = e.get("predicted") or e.get("gold") or []
                    out.append(f"   {s:<5} {sign} {e['label']} {e['text']!r} @{e['start']} [{e['kind']}]"
                               + (f" vs {', '.join(other)}" if other else ""))
    return "\n".join(out)


def _kinds(counts: dict[str, int]) -> str:
    return ", ".join(f"{k} {v}" for k, v in counts.items()) or "none"
