"""``vigie eval actors``: actor linking and metonymy on HIPE-2020 French (dev and test).

HIPE-2020 (``shared/data/hipe2020-fr``) is OCR'd Swiss newspapers, 1798–2018, in HIPE TSV
v1.4: one token a line, IOB2 tags, Wikidata QIDs in ``NEL-LIT``/``NEL-METO``, spacing in
``MISC``. Each document's text is rebuilt from its tokens (``NoSpaceAfter``: nothing after the
token; ``EndOfLine``: a line break; else one space), and ``# date`` is its creation time.

vigie's output scored here is ``AnnotatedArticle.mentions`` (``vigie.model.Mention``), filled
by the actors stage; an actor id becomes a QID through the gazetteer
(``vigie.nlp.gazetteer.load_gazetteer().get(actor).qid``).

- **Linking**, on the gold literal mentions whose QID the gazetteer knows: a vigie mention whose
  actor's QID equals the QID of a gold mention it overlaps is a true positive (fuzzy boundary, as
  HIPE's fuzzy NEL; one-to-one). Any other vigie mention with a QID is a false positive (other QID,
  gold NIL, or no gold mention there); a mention without actor, or whose actor has no QID, is
  ignored. Known gold mentions left unmatched are false negatives.
- **Metonymy**: gold ``NE-COARSE-METO`` spans against vigie mentions read as ``government``,
  one-to-one, fuzzy (overlap) and strict (same span), types not compared.

Without an actors stage or a gazetteer the run still goes through and reports zeros.
"""

from __future__ import annotations

import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from vigie.eval import datasets as ds
from vigie.eval.ner import (
    BATCH_SIZE,
    DEFAULT_MODEL,
    NE,
    PRF,
    forced_model,
    match,
)
from vigie.eval.report import fmt, table

DATASET = "hipe2020-fr"
SPLITS = ("dev", "test")
COLUMNS = ("TOKEN", "NE-COARSE-LIT", "NE-COARSE-METO", "NE-FINE-LIT", "NE-FINE-METO", "NE-FINE-COMP",
           "NE-NESTED", "NEL-LIT", "NEL-METO", "MISC")

# Best official HIPE-2020 French test runs (SOURCE.md and the copied rankings); both team10 (L3i).
ANCHORS: dict[str, dict[str, Any]] = {
    "metonymy": {"system": "team10, NE-COARSE-METO micro strict (fuzzy is the same), typed, all mentions",
                 "split": "test", "precision": 0.734, "recall": 0.839, "f1": 0.783},
    "linking": {"system": "team10, end-to-end NEL-LIT micro fuzzy @1, every gold link (NIL included)",
                "split": "test", "precision": 0.594, "recall": 0.602, "f1": 0.598},
}

_QID = re.compile(r"Q\d+")


# --------------------------------------------------------------------------- the HIPE TSV reader


@dataclass(frozen=True, slots=True)
class GoldEntity:
    """A gold mention: ``text[start:end]``, its coarse type and its link (a QID, ``NIL``, or None
    when the column says ``_``). ``meto_qid`` is the token's ``NEL-METO`` link, for literal mentions."""

    start: int
    end: int
    label: str
    text: str
    qid: str | None = None
    meto_qid: str | None = None

    @property
    def linked(self) -> bool:
        return bool(self.qid and _QID.fullmatch(self.qid))


@dataclass
class HipeDoc:
    id: str
    split: str
    text: str
    date: date | None = None
    newspaper: str | None = None
    tokens: int = 0
    literal: list[GoldEntity] = field(default_factory=list)
    metonymic: list[GoldEntity] = field(default_factory=list)


def rebuild_text(tokens: Sequence[tuple[str, str]]) -> tuple[str, list[tuple[int, int]]]:
    """(token, MISC) pairs → the text and each token's (start, end) in it.

    After a token: a line break when MISC has ``EndOfLine`` (even with ``NoSpaceAfter``: the
    line did end there), nothing with ``NoSpaceAfter``, else one space; nothing after the last."""
    parts: list[str] = []
    offsets = []
    pos = 0
    for i, (token, misc) in enumerate(tokens):
        offsets.append((pos, pos + len(token)))
        parts.append(token)
        pos += len(token)
        if i == len(tokens) - 1:
            break
        flags = misc.split("|")
        sep = "\n" if "EndOfLine" in flags else "" if "NoSpaceAfter" in flags else " "
        parts.append(sep)
        pos += len(sep)
    return "".join(parts), offsets


def _entities(rows: Sequence[list[str]], offsets: Sequence[tuple[int, int]], text: str, tag_col: int,
              link_col: int, meto_link_col: int | None = None) -> list[GoldEntity]:
    """IOB2 spans of one tag column; an ``I-`` that does not continue its type starts a mention."""
    out: list[GoldEntity] = []
    current: list[int] = []
    label = ""

    def close() -> None:
        if current:
            first, last = current[0], current[-1]
            start, end = offsets[first][0], offsets[last][1]
            link = rows[first][link_col]
            meto = rows[first][meto_link_col] if meto_link_col is not None else None
            out.append(GoldEntity(start, end, label, text[start:end], None if link in ("_", "") else link,
                                  meto if meto and _QID.fullmatch(meto) else None))

    for i, row in enumerate(rows):
        tag = row[tag_col]
        prefix, _, typ = tag.partition("-")
        if prefix == "I" and current and typ == label:
            current.append(i)
            continue
        close()
        current, label = ([i], typ) if prefix in ("B", "I") and typ else ([], "")
    close()
    return out


def parse_hipe(content: str, split: str) -> list[HipeDoc]:
    """The documents of one HIPE TSV file. ``# key = value`` lines carry a document's metadata;
    a line with the ten tab-separated columns is a token (even the token ``#``)."""
    docs: list[HipeDoc] = []
    meta: dict[str, str] = {}
    rows: list[list[str]] = []

    def flush() -> None:
        if not rows and not meta.get("document_id"):
            return
        text, offsets = rebuild_text([(r[0], r[9]) for r in rows])
        try:
            dct = date.fromisoformat(meta.get("date", ""))
        except ValueError:
            dct = None
        docs.append(HipeDoc(
            id=meta.get("document_id") or f"{split}-{len(docs) + 1}", split=split, text=text, date=dct,
            newspaper=meta.get("newspaper"), tokens=len(rows),
            literal=_entities(rows, offsets, text, 1, 7, 8), metonymic=_entities(rows, offsets, text, 2, 8),
        ))

    for line in content.splitlines():
        if not line.strip() or line.startswith("TOKEN\t"):
            continue
        cells = line.split("\t")
        if len(cells) < len(COLUMNS):
            m = re.match(r"#\s*([\w-]+)\s*=\s*(.*)$", line)
            if m:
                if rows:  # metadata after tokens: a new document
                    flush()
                    meta, rows = {}, []
                meta[m.group(1)] = m.group(2).strip()
            continue
        rows.append(cells[: len(COLUMNS)])
    flush()
    return docs


def read_hipe(root: Path, split: str) -> list[HipeDoc]:
    path = root / DATASET / "data" / "v1.4" / "fr" / f"HIPE-data-v1.4-{split}-fr.tsv"
    if not path.is_file():
        raise ds.DatasetMissing(f"{DATASET}/{split}", path)
    return parse_hipe(path.read_text(encoding="utf-8"), split)


# --------------------------------------------------------------------------- the gazetteer's QIDs


class QidTable:
    """Actor id → Wikidata QID, and ``known``: the QIDs the gazetteer holds."""

    def __init__(self, qids: Mapping[str, str | None], lookup: Callable[[str], str | None] | None = None):
        self._qids = {a: q for a, q in ((a, normalise_qid(q)) for a, q in qids.items()) if q}
        self._lookup = lookup
        self.known = set(self._qids.values())

    def qid(self, actor: str | None) -> str | None:
        if not actor:
            return None
        if actor not in self._qids and self._lookup is not None:
            self._qids[actor] = normalise_qid(self._lookup(actor))  # type: ignore[assignment]
        return self._qids.get(actor)

    @property
    def actors(self) -> int:
        return sum(1 for q in self._qids.values() if q)


def normalise_qid(value: Any) -> str | None:
    """``Q159``, ``wd:Q159`` or a Wikidata URL → ``Q159``; anything else → None."""
    if not value or not isinstance(value, str):
        return None
    m = _QID.search(value)
    return m.group(0) if m else None


def load_qids() -> tuple[QidTable, str | None]:
    """The gazetteer's QIDs, and a note when it is missing or cannot be listed."""
    try:
        from vigie.nlp.gazetteer import load_gazetteer  # type: ignore[import-not-found]
    except ImportError:
        return QidTable({}), "no gazetteer (vigie.nlp.gazetteer is not in this checkout): no actor has a QID"
    gaz = load_gazetteer()

    def lookup(actor: str) -> str | None:
        try:
            entry = gaz.get(actor)
        except (KeyError, LookupError):
            return None
        return getattr(entry, "qid", None)

    ids = _actor_ids(gaz)
    note = None if ids else "the gazetteer could not be listed: no gold QID counts as known"
    return QidTable({a: lookup(a) for a in ids}, lookup), note


def _actor_ids(gaz: Any) -> list[str]:
    """Actor ids of a gazetteer whose listing API is not fixed yet: ``ids()``, ``keys()``, an
    ``actors`` mapping or list, or iteration (over ids or over records with an ``id``)."""
    for name in ("ids", "keys"):
        fn = getattr(gaz, name, None)
        if callable(fn):
            return [str(x) for x in fn()]
    items = getattr(gaz, "actors", None)
    if isinstance(items, Mapping):
        return [str(k) for k in items]
    if items is None:
        try:
            items = list(iter(gaz))
        except TypeError:
            return []
    ids = []
    for item in items:
        aid = item if isinstance(item, str) else getattr(item, "id", None)
        if aid:
            ids.append(str(aid))
    return ids


# --------------------------------------------------------------------------- scoring


@dataclass
class Scored:
    counts: PRF = field(default_factory=PRF)
    fn: list[dict[str, Any]] = field(default_factory=list)
    fp: list[dict[str, Any]] = field(default_factory=list)
    tp: list[dict[str, Any]] = field(default_factory=list)


def _m(m: Any, **extra: Any) -> dict[str, Any]:
    return {"start": m.start, "end": m.end, "text": m.text, **{k: v for k, v in extra.items() if v is not None}}


def score_linking(gold: Sequence[GoldEntity], mentions: Sequence[Any], qids: QidTable) -> Scored:
    """Linking counts of one document (see the module docstring for the rules)."""
    out = Scored()
    known = [g for g in gold if g.linked and g.qid in qids.known]
    preds = [(m, q) for m in mentions if (q := qids.qid(m.actor))]
    g_ne = [NE(g.start, g.end, g.qid or "", g.text) for g in known]
    p_ne = [NE(m.start, m.end, q, m.text) for m, q in preds]
    pairs = match(g_ne, p_ne, strict=False)
    hit_g = {i for i, _ in pairs}
    hit_p = {j for _, j in pairs}
    out.counts = PRF(tp=len(pairs), fp=len(preds) - len(pairs), fn=len(known) - len(pairs))
    for i, j in pairs:
        out.tp.append(_m(preds[j][0], actor=preds[j][0].actor, qid=preds[j][1], gold=known[i].text))
    for i, g in enumerate(known):
        if i in hit_g:
            continue
        near = [m for m in mentions if m.start < g.end and g.start < m.end]
        with_qid = [(m, qids.qid(m.actor)) for m in near if qids.qid(m.actor)]
        kind = "other QID" if with_qid else "mention without QID" if near else "no mention"
        out.fn.append(_m(g, label=g.label, qid=g.qid, kind=kind,
                         vigie=[f"{m.text!r} {m.actor} {q}" for m, q in with_qid] or None))
    for j, (m, q) in enumerate(preds):
        if j in hit_p:
            continue
        near = [g for g in gold if m.start < g.end and g.start < m.end]
        if not near:
            kind = "no gold mention"
        elif any(g.qid == q for g in near):
            kind = "duplicate"  # the gold mention was matched by another vigie mention
        elif any(g.meto_qid == q for g in near):
            kind = "gold metonymic QID"  # right for NEL-METO, wrong for NEL-LIT
        elif any(g.linked for g in near):
            kind = "other QID"
        elif any(g.qid == "NIL" for g in near):
            kind = "gold NIL"
        else:
            kind = "gold unlinked"
        out.fp.append(_m(m, actor=m.actor, qid=q, kind=kind,
                         gold=[f"{g.label} {g.text!r} {g.qid}" for g in near] or None))
    return out


def score_metonymy(gold_meto: Sequence[GoldEntity], gold_literal: Sequence[GoldEntity], mentions: Sequence[Any],
                   strict: bool) -> Scored:
    """Gold metonymic spans vs vigie's ``government`` readings, one-to-one, types not compared."""
    out = Scored()
    preds = [m for m in mentions if getattr(m, "reading", None) == "government"]
    g_ne = [NE(g.start, g.end, "", g.text) for g in gold_meto]
    p_ne = [NE(m.start, m.end, "", m.text) for m in preds]
    pairs = match(g_ne, p_ne, strict=strict, typed=False)
    hit_g = {i for i, _ in pairs}
    hit_p = {j for _, j in pairs}
    out.counts = PRF(tp=len(pairs), fp=len(preds) - len(pairs), fn=len(gold_meto) - len(pairs))
    for i, j in pairs:
        out.tp.append(_m(preds[j], actor=preds[j].actor, gold=gold_meto[i].text))
    for i, g in enumerate(gold_meto):
        if i in hit_g:
            continue
        near = [m for m in mentions if m.start < g.end and g.start < m.end]
        readings = sorted({m.reading for m in near})
        kind = f"read as {'/'.join(readings)}" if near else "no mention"
        out.fn.append(_m(g, label=g.label, kind=kind, vigie=[f"{m.text!r} {m.reading}" for m in near] or None))
    for j, m in enumerate(preds):
        if j in hit_p:
            continue
        lit = [g for g in gold_literal if m.start < g.end and g.start < m.end]
        kind = f"gold literal {lit[0].label}" if lit else "no gold mention"
        out.fp.append(_m(m, actor=m.actor, kind=kind))
    return out


# --------------------------------------------------------------------------- running vigie


def article_of(doc: HipeDoc):
    """The document as a vigie ``Article``: one paragraph, line ends turned into spaces (same
    offsets), French, published on the issue date."""
    from vigie.model import Article, Block

    text = doc.text.replace("\n", " ")
    published = datetime(doc.date.year, doc.date.month, doc.date.day, tzinfo=UTC) if doc.date else None
    return Article(item=doc.id, text=text, blocks=[Block("paragraph", 0, len(text))], published=published,
                   language="fr", extractor="eval:" + DATASET)


def run_vigie(docs: Sequence[HipeDoc]) -> tuple[list[list[Any] | str], float]:
    """vigie's mentions per document (or the reason it failed) and the seconds it took."""
    from vigie.errors import ItemError
    from vigie.nlp import Annotator

    if docs:  # the model and first calls are paid before timing
        list(Annotator().annotate_many([article_of(docs[0])]))
    start = time.perf_counter()
    out: list[list[Any] | str] = []
    for result in Annotator(batch_size=BATCH_SIZE).annotate_many(article_of(d) for d in docs):
        out.append(result.reason if isinstance(result, ItemError) else named_mentions(result.mentions))
    return out, time.perf_counter() - start


NAMED = ("PER", "LOC", "ORG")


def named_mentions(mentions: Sequence[Any]) -> list[Any]:
    """The mentions HIPE could annotate: names. Demonyms ("les Suisses", label MISC) and generic
    agents ("le ministre", AGENT) are actor mentions for vigie but not named entities for HIPE."""
    return [m for m in mentions if m.label in NAMED]


def evaluate_split(docs: Sequence[HipeDoc], outputs: Sequence[list[Any] | str], qids: QidTable,
                   details: bool = False) -> dict[str, Any]:
    link, fuzzy, strict = PRF(), PRF(), PRF()
    kinds: dict[str, Counter] = {k: Counter() for k in ("link_fn", "link_fp", "meto_fn", "meto_fp")}
    vigie = Counter()
    failures, rows = [], []
    for doc, out in zip(docs, outputs):
        if isinstance(out, str):
            failures.append({"id": doc.id, "reason": out})
            out = []
        vigie["mentions"] += len(out)
        vigie["with_actor"] += sum(1 for m in out if m.actor)
        vigie["with_qid"] += sum(1 for m in out if qids.qid(m.actor))
        vigie["government"] += sum(1 for m in out if m.reading == "government")
        lk = score_linking(doc.literal, out, qids)
        mf = score_metonymy(doc.metonymic, doc.literal, out, strict=False)
        ms = score_metonymy(doc.metonymic, doc.literal, out, strict=True)
        link.add(lk.counts)
        fuzzy.add(mf.counts)
        strict.add(ms.counts)
        kinds["link_fn"].update(e["kind"] for e in lk.fn)
        kinds["link_fp"].update(e["kind"] for e in lk.fp)
        kinds["meto_fn"].update(e["kind"] for e in mf.fn)
        kinds["meto_fp"].update(e["kind"] for e in mf.fp)
        if details and (lk.fn or lk.fp or mf.fn or mf.fp):
            rows.append({"id": doc.id, "date": doc.date.isoformat() if doc.date else None,
                         "linking": {"tp": lk.tp, "fn": lk.fn, "fp": lk.fp},
                         "metonymy": {"tp": mf.tp, "fn": mf.fn, "fp": mf.fp}})
    linked = [g for d in docs for g in d.literal if g.linked]
    result: dict[str, Any] = {
        "documents": len(docs), "tokens": sum(d.tokens for d in docs),
        "vigie": {**{k: vigie[k] for k in ("mentions", "with_actor", "with_qid", "government")},
                  "failures": failures},
        "linking": {
            "gold_mentions": sum(len(d.literal) for d in docs), "gold_linked": len(linked),
            "gold_nil": sum(1 for d in docs for g in d.literal if g.qid == "NIL"),
            "gold_known": sum(1 for g in linked if g.qid in qids.known),
            **link.scores(),
            "errors": {"fn": dict(kinds["link_fn"].most_common()), "fp": dict(kinds["link_fp"].most_common())},
        },
        "metonymy": {
            "gold": sum(len(d.metonymic) for d in docs),
            "gold_by_type": dict(Counter(g.label for d in docs for g in d.metonymic).most_common()),
            "fuzzy": fuzzy.scores(), "strict": strict.scores(),
            "errors": {"fn": dict(kinds["meto_fn"].most_common()), "fp": dict(kinds["meto_fp"].most_common())},
        },
    }
    if details:
        result["details"] = rows
    return result


def run(splits: Iterable[str] = SPLITS, *, data_dir: Path | None = None, limit: int | None = None,
        model: str = DEFAULT_MODEL, details: bool = False, qids: QidTable | None = None) -> dict:
    """Score vigie's actor mentions on the chosen HIPE splits; a missing split is reported, not raised."""
    root = data_dir or ds.default_data_dir()
    started = time.perf_counter()
    note = None
    if qids is None:
        qids, note = load_qids()
    report: dict[str, Any] = {
        "dataset": DATASET, "data_dir": str(root), "limit": limit, "model": model,
        "gazetteer": {"actors_with_qid": qids.actors, "known_qids": len(qids.known), "note": note},
        "scoring": "linking: gold literal mentions with a QID the gazetteer knows, vigie's named mentions "
                   "(PER/LOC/ORG: no demonyms or generic agents) whose actor has a QID, overlap + same QID, one-to-one; metonymy: gold NE-COARSE-METO spans vs vigie "
                   "'government' readings, one-to-one, fuzzy (overlap) and strict (same span), untyped",
        "anchors": ANCHORS, "splits": {}, "skipped": {}, "notes": [],
    }
    with forced_model(model):
        for split in splits:
            try:
                docs = read_hipe(root, split)
            except ds.DatasetMissing as e:
                sys.stderr.write(f"{DATASET}/{split}: skipped, {e.path} not found\n")
                report["skipped"][split] = f"{e.path} not found"
                continue
            docs = docs[:limit] if limit else docs
            sys.stderr.write(f"{DATASET}/{split}: {len(docs)} documents, model {model}\n")
            outputs, seconds = run_vigie(docs)
            result = evaluate_split(docs, outputs, qids, details)
            result["timing"] = {"seconds": round(seconds, 2),
                                "docs_per_s": round(len(docs) / seconds, 2) if seconds else None}
            report["splits"][split] = result
    if report["splits"] and not any(r["vigie"]["mentions"] for r in report["splits"].values()):
        report["notes"].append("vigie produced no actor mentions (no actors stage in this checkout?): "
                               "every score is 0")
    report["seconds"] = round(time.perf_counter() - started, 1)
    return report


# --------------------------------------------------------------------------- text output


def format_report(report: dict) -> str:
    out = [f"== {report['dataset']} (model {report['model']}, {report['seconds']} s)"]
    g = report["gazetteer"]
    out.append(f"   gazetteer: {g['actors_with_qid']} actors with a QID, {g['known_qids']} distinct QIDs"
               + (f" — {g['note']}" if g.get("note") else ""))
    out.append(f"   scoring: {report['scoring']}")
    for note in report["notes"]:
        out.append(f"   note: {note}")
    for split, r in report["splits"].items():
        lk, mt, v = r["linking"], r["metonymy"], r["vigie"]
        out.append(f"\n-- {split}: {r['documents']} documents, {r['tokens']} tokens; vigie {v['mentions']} mentions, "
                   f"{v['with_actor']} with an actor, {v['with_qid']} with a QID, {v['government']} 'government'; "
                   f"{r['timing']['docs_per_s']} docs/s")
        out.append(f"   gold literal mentions {lk['gold_mentions']}: linked {lk['gold_linked']}, NIL {lk['gold_nil']}, "
                   f"known to the gazetteer {lk['gold_known']}; metonymic {mt['gold']} "
                   + "(" + ", ".join(f"{k} {n}" for k, n in mt["gold_by_type"].items()) + ")")
        anchor = split == "test"
        columns = ["P", "R", "F1", "TP", "FP", "FN"] + (["best HIPE F1"] if anchor else [])
        rows = []
        for label, s, a in (("linking (known QIDs)", lk, ANCHORS["linking"]), ("metonymy fuzzy", mt["fuzzy"], None),
                            ("metonymy strict", mt["strict"], ANCHORS["metonymy"])):
            rows.append((label, [s["precision"], s["recall"], s["f1"], s["tp"], s["fp"], s["fn"]]
                         + ([a["f1"] if a else None] if anchor else [])))
        out.append(table("", columns, rows))
        for name, e in (("linking", lk["errors"]), ("metonymy", mt["errors"])):
            out.append(f"   {name} errors: missed " + _kinds(e["fn"]) + "; wrong " + _kinds(e["fp"]))
        if v["failures"]:
            out.append(f"   vigie failed on {len(v['failures'])} documents")
        for row in r.get("details", []):
            out.append(f"\n   -- {row['id']} ({row['date']})")
            for task in ("linking", "metonymy"):
                for side, sign in (("fn", "-"), ("fp", "+")):
                    for e in row[task][side]:
                        extra = e.get("vigie") or e.get("gold") or []
                        out.append(f"   {task:<8} {sign} {e['text']!r} @{e['start']} "
                                   f"{fmt(e.get('qid') or e.get('actor') or e.get('label'))} [{e['kind']}]"
                                   + (f" vs {'; '.join(extra)}" if extra else ""))
    for split, why in report["skipped"].items():
        out.append(f"skipped {split}: {why}")
    out.append(f"\npublished anchors (test): metonymy F1 {ANCHORS['metonymy']['f1']} ({ANCHORS['metonymy']['system']}); "
               f"linking F1 {ANCHORS['linking']['f1']} ({ANCHORS['linking']['system']}) — not the same measure: "
               "ours is restricted to the gazetteer's QIDs and ignores types")
    return "\n".join(out)


def _kinds(counts: dict[str, int]) -> str:
    return ", ".join(f"{k} {v}" for k, v in counts.items()) or "none"
