"""Scorers for the extraction evaluation, each re-implemented from its benchmark's description.

- ``shingle_counts`` / ``shingle_scores`` — ScrapingHub's Article Extraction Benchmark:
  ``\\w+`` tokens, 4-token shingles (a text shorter than 4 tokens is one shingle),
  per-page TP/FP/FN over shingle counts normalised by their sum; precision averaged
  over the pages where TP+FP > 0, recall over those where TP+FN > 0, F1 = harmonic
  mean of the two averages; accuracy = share of pages whose token sequences are equal.
- ``segment_counts`` / ``segment_scores`` — trafilatura's benchmark: a ``with``
  segment found in the output (whitespace-normalised substring) is a TP, else a FN;
  a ``without`` segment found is a FP, else a TN; micro-averaged over all segments.
- ``rouge_lsum`` — Fundus' evaluation: ROUGE-LSum (summary-level union LCS) over
  lower-cased ``[a-z0-9]+`` tokens, no stemming, texts split into sentences;
  optional gold paragraphs (``[...]``) may be dropped, the best F1 wins; scores
  are averaged per page.
- ``date_scores`` — htmldate's benchmark: right day TP, wrong day FP, no date FN.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

# --------------------------------------------------------------------------- shingles

_WORD = re.compile(r"\w+")
SHINGLE_N = 4


def tokens(text: str | None) -> list[str]:
    return _WORD.findall(text or "")


def shingles(text: str | None, n: int = SHINGLE_N) -> Counter:
    toks = tokens(text)
    if not toks:
        return Counter()
    if len(toks) < n:
        return Counter([tuple(toks)])
    return Counter(tuple(toks[i : i + n]) for i in range(len(toks) - n + 1))


def shingle_counts(gold: str | None, pred: str | None, n: int = SHINGLE_N) -> tuple[float, float, float]:
    """Per-page (tp, fp, fn) over shingle counts, normalised to sum to 1 (0, 0, 0 if both empty)."""
    g, p = shingles(gold, n), shingles(pred, n)
    tp = fp = fn = 0
    for key in g.keys() | p.keys():
        a, b = g.get(key, 0), p.get(key, 0)
        tp += min(a, b)
        fp += max(0, b - a)
        fn += max(0, a - b)
    total = tp + fp + fn
    if total == 0:
        return 0.0, 0.0, 0.0
    return tp / total, fp / total, fn / total


def _page_precision(tp: float, fp: float, fn: float) -> float:
    if fp == 0 and fn == 0:
        return 1.0
    return tp / (tp + fp) if tp + fp else 0.0


def _page_recall(tp: float, fp: float, fn: float) -> float:
    if fp == 0 and fn == 0:
        return 1.0
    return tp / (tp + fn) if tp + fn else 0.0


def shingle_scores(counts: Sequence[tuple[float, float, float]], exact: Sequence[bool] | None = None) -> dict:
    """Aggregate per-page shingle counts the benchmark's way (means of per-page P and R)."""
    precisions = [_page_precision(*c) for c in counts if c[0] + c[1] > 0]
    recalls = [_page_recall(*c) for c in counts if c[0] + c[2] > 0]
    p = sum(precisions) / len(precisions) if precisions else 0.0
    r = sum(recalls) / len(recalls) if recalls else 0.0
    out = {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0, "pages": len(counts)}
    if exact is not None:
        out["accuracy"] = sum(exact) / len(exact) if exact else 0.0
    return out


def same_tokens(gold: str | None, pred: str | None) -> bool:
    """The benchmark's "accuracy": the two texts have exactly the same token sequence."""
    return tokens(gold) == tokens(pred)


# --------------------------------------------------------------------------- segments

_SPACE = re.compile(r"\s+")


def norm_ws(text: str | None) -> str:
    return _SPACE.sub(" ", text or "").strip()


def segment_counts(with_: Iterable[str], without: Iterable[str], output: str | None) -> tuple[int, int, int, int]:
    """(tp, fp, fn, tn) for one page; ``output`` None (extraction failed) finds nothing."""
    with_, without = list(with_), list(without)
    text = norm_ws(output) if output is not None else None
    tp = sum(1 for s in with_ if text is not None and norm_ws(s) in text)
    fp = sum(1 for s in without if text is not None and norm_ws(s) in text)
    return tp, fp, len(with_) - tp, len(without) - fp


def segment_scores(counts: Iterable[tuple[int, int, int, int]]) -> dict:
    tp = fp = fn = tn = 0
    n = 0
    for a, b, c, d in counts:
        tp, fp, fn, tn, n = tp + a, fp + b, fn + c, tn + d, n + 1
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    total = tp + fp + fn + tn
    return {
        "precision": p, "recall": r, "f1": 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 0.0,
        "accuracy": (tp + tn) / total if total else 0.0, "pages": n, "tp": tp, "fp": fp, "fn": fn, "tn": tn,
    }


# --------------------------------------------------------------------------- ROUGE-LSum

_ROUGE_NON_ALNUM = re.compile(r"[^a-z0-9]+")
# End of a sentence: terminal punctuation, optional closing quotes/brackets, spaces, then
# something that can start a sentence. Upstream splits with NLTK's Punkt model, which, like
# this rule, does not split at a line break alone.
_SENT_BREAK = re.compile(r"[.!?…]+[\"'”’»)\]]*(?=\s+[\"'“‘«(\[]?[A-Z0-9À-Ý])")
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr st jr sr prof gen col lt sgt capt gov sen rep rev inc co corp ltd no vs mt ft "
    "jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k u.n e.g i.e".split()
)


def rouge_tokens(text: str) -> list[str]:
    """ROUGE's default tokenizer: lower case, anything but ASCII letters and digits separates."""
    return [t for t in _ROUGE_NON_ALNUM.sub(" ", text.lower()).split() if t]


def split_sentences(text: str) -> list[str]:
    out, start = [], 0
    for m in _SENT_BREAK.finditer(text):
        before = text[start : m.start()].split()
        last = before[-1].rstrip(".").lower() if before else ""
        if m.group().startswith(".") and (last in _ABBREVIATIONS or (len(last) == 1 and last.isalpha())):
            continue  # "Mr. Smith", "J. Smith", "U.S. officials"
        out.append(text[start : m.end()])
        start = m.end()
    out.append(text[start:])
    return [s.strip() for s in out if s.strip()]


def _lcs_indices(ref: Sequence[str], hyp: Sequence[str]) -> list[int]:
    """Indices into ``ref`` of one longest common subsequence with ``hyp`` (standard backtrace)."""
    n, m = len(ref), len(hyp)
    table = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(1, n + 1):
        row, prev, r = table[i], table[i - 1], ref[i - 1]
        for j in range(1, m + 1):
            row[j] = prev[j - 1] + 1 if r == hyp[j - 1] else (row[j - 1] if row[j - 1] > prev[j] else prev[j])
    out = []
    i, j = n, m
    while i > 0 and j > 0:
        if ref[i - 1] == hyp[j - 1]:
            out.append(i - 1)
            i, j = i - 1, j - 1
        elif table[i][j - 1] > table[i - 1][j]:
            j -= 1
        else:
            i -= 1
    return out


class _Hypothesis:
    """A hypothesis text prepared once: its sentences, their token sets, exact-match index."""

    def __init__(self, text: str):
        self.sentences = [t for t in (rouge_tokens(s) for s in split_sentences(text)) if t]
        self.sets = [set(s) for s in self.sentences]
        self.exact = {tuple(s) for s in self.sentences}
        self.counts = Counter(t for s in self.sentences for t in s)
        self.length = sum(len(s) for s in self.sentences)
        self._union: dict[tuple[str, ...], list[str]] = {}

    def union_lcs(self, ref: tuple[str, ...]) -> list[str]:
        """The tokens of ``ref`` in the union of its LCS with each hypothesis sentence, in order."""
        cached = self._union.get(ref)
        if cached is not None:
            return cached
        if ref in self.exact:
            hit = set(range(len(ref)))
        else:
            hit: set[int] = set()
            for sent, vocab in zip(self.sentences, self.sets):
                missing = {ref[i] for i in range(len(ref)) if i not in hit}
                if not missing:
                    break
                if missing & vocab:  # a sentence sharing no missing token cannot add an index
                    hit.update(_lcs_indices(ref, sent))
        out = [ref[i] for i in sorted(hit)]
        self._union[ref] = out
        return out


def _rouge_one(ref_text: str, hyp: _Hypothesis) -> tuple[float, float, float]:
    ref_sents = [tuple(t) for t in (rouge_tokens(s) for s in split_sentences(ref_text)) if t]
    ref_len = sum(len(s) for s in ref_sents)
    if ref_len == 0 or hyp.length == 0:
        return 0.0, 0.0, 0.0
    ref_left = Counter(t for s in ref_sents for t in s)
    hyp_left = Counter(hyp.counts)
    hits = 0
    for sent in ref_sents:
        for tok in hyp.union_lcs(sent):
            if ref_left[tok] > 0 and hyp_left[tok] > 0:  # each token counted at most as often as it occurs
                hits += 1
                ref_left[tok] -= 1
                hyp_left[tok] -= 1
    p, r = hits / hyp.length, hits / ref_len
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


MAX_OPTIONAL = 12  # beyond this many optional paragraphs, only "all in" and "all out" are tried


def is_optional(paragraph: str) -> bool:
    return len(paragraph) >= 2 and paragraph[0] == "[" and paragraph[-1] == "]"


def reference_variants(paragraphs: Sequence[str]) -> list[list[str]]:
    """Every gold body obtained by dropping any subset of the optional ``[…]`` paragraphs.

    Optional paragraphs without a ROUGE token (``[::]``) change nothing and are always dropped.
    """
    kept = [p[1:-1] if is_optional(p) else p for p in paragraphs]
    optional = [i for i, p in enumerate(paragraphs) if is_optional(p)]
    inert = {i for i in optional if not rouge_tokens(kept[i])}
    optional = [i for i in optional if i not in inert]
    if len(optional) > MAX_OPTIONAL:
        drops = [(), tuple(optional)]
    else:
        drops = [c for k in range(len(optional) + 1) for c in itertools.combinations(optional, k)]
    return [[p for i, p in enumerate(kept) if i not in inert and i not in set(d)] for d in drops]


def rouge_lsum(gold_paragraphs: Sequence[str], hyp_paragraphs: Sequence[str]) -> dict:
    """Best ROUGE-LSum (precision, recall, F1) over the gold variants; texts are paragraphs joined by blank lines."""
    hyp = _Hypothesis("\n\n".join(norm_ws(p) for p in hyp_paragraphs))
    best = None
    for variant in reference_variants(gold_paragraphs):  # drop-nothing first: ties keep the earliest
        score = _rouge_one("\n\n".join(norm_ws(p) for p in variant), hyp)
        if best is None or score[2] > best[2]:
            best = score
    return {"precision": best[0], "recall": best[1], "f1": best[2]}


def mean_scores(rows: Sequence[dict]) -> dict:
    """Per-page scores averaged (Fundus reports the mean of each column)."""
    if not rows:
        return {"precision": 0.0, "recall": 0.0, "f1": 0.0, "pages": 0}
    out = {k: sum(r[k] for r in rows) / len(rows) for k in ("precision", "recall", "f1")}
    out["pages"] = len(rows)
    return out


# --------------------------------------------------------------------------- dates and fields


@dataclass
class DateCounts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, gold: str, found: str | None) -> str:
        """Count one page; returns ``tp``, ``fp`` or ``fn``."""
        if not found:
            self.fn += 1
            return "fn"
        if found == gold:
            self.tp += 1
            return "tp"
        self.fp += 1
        return "fp"

    def scores(self) -> dict:
        tp, fp, fn = self.tp, self.fp, self.fn
        return {
            "precision": tp / (tp + fp) if tp + fp else 0.0,
            "recall": tp / (tp + fn) if tp + fn else 0.0,
            "accuracy": tp / (tp + fp + fn) if tp + fp + fn else 0.0,
            "f1": 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 0.0,
            "pages": tp + fp + fn, "tp": tp, "fp": fp, "fn": fn,
        }


def is_nan(value) -> bool:
    return isinstance(value, float) and math.isnan(value)


def author_key(value) -> tuple[str, ...]:
    """An author field as a comparable tuple: a list, or a string with names separated by ";"."""
    if value is None:
        return ()
    names = value if isinstance(value, list) else str(value).split(";")
    return tuple(n for n in (norm_ws(x) for x in names) if n)


def exact_accuracy(pairs: Sequence[tuple[object, object]]) -> dict:
    """Share of (gold, found) pairs that are equal; gold and found are already normalised."""
    right = sum(1 for g, f in pairs if g == f)
    return {"accuracy": right / len(pairs) if pairs else 0.0, "right": right, "pages": len(pairs)}
