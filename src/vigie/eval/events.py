"""``vigie eval events``: coded events (PLOVER) against two English sets and a French hand-made gold.

vigie's output scored here is ``AnnotatedArticle.events`` (``vigie.model.Event``), filled by the
events stage (``vigie.nlp.events``) through ``vigie.nlp.Annotator``. Without that stage (not
importable, or not wired into the annotator) the run still goes through and reports zeros.

English (``shared/data``):

- **plover-gsr**: the PLOVER gold-standard sentences (``PLOVER_GSR_CAMEO.flat.jsonl``, PLOVER 2.x
  labels), one sentence = one document, language ``en``, DCT 2000-01-01. vigie's **main event** is
  the first it codes in the sentence (trigger order); the events of that type make the main group.
  Type accuracy = main type right over all sentences (no event = wrong); coverage = share of
  sentences with an event; type micro P/R/F1 with each sentence's gold event as one item (P over
  the sentences vigie coded). Source and target: micro P/R/F1 over the sets of country / IGO codes
  of the main group's sources (targets) against the gold ``actor`` (``recipient``) codes.
  Source+target: one item per sentence, right when both code sets are equal to the gold's.
- **petrarch2**: the PETRARCH2 unit-test records (``PETR.UnitTest.records.xml``) as regression
  cases: expected CAMEO codes turned into PLOVER types through ``CAMEO2PLOVER-2021.txt``. A case
  passes on type when every expected type is coded (one vigie event each), and on
  type+source+target when every expected (type, source country, target country) is.

French: a hand-made gold in the "Events gold" format (``--gold FILE --docs DIR``): a vigie event
matches a gold event in an overlapping sentence with the same type, one-to-one, overlapping
triggers first. Type P/R/F1, tuple P/R/F1 (type + source + target), per-type figures, flag and
date accuracy on type-matched events.
"""

from __future__ import annotations

import importlib
import json
import re
import sys
import time
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from vigie.eval import datasets as ds
from vigie.eval.matching import date_of_name, listed_documents, one_to_one, read_gold_lines
from vigie.eval.ner import PRF
from vigie.eval.report import fmt, table

PLOVER_TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
                "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
ENGLISH = ("plover-gsr", "petrarch2")
GSR_DIR, GSR_FILE, CROSSWALK_FILE = "plover-gsr", "PLOVER_GSR_CAMEO.flat.jsonl", "CAMEO2PLOVER-2021.txt"
PETRARCH_DIR, PETRARCH_FILE = "petrarch2-unittest", "PETR.UnitTest.records.xml"
GSR_DCT = datetime(2000, 1, 1, tzinfo=UTC)  # every GSR record is dated 2000-01-01
BATCH_SIZE = 32

TARGETS = {"plover-gsr": {"type_accuracy": 0.80, "source_target_f1": 0.60},
           "gold": {"type_f1": 0.70, "tuple_f1": 0.50}}
# Figures quoted in issue 7, for scale only: other sentences, other protocols.
ANCHORS = {"type_f1": {"value": 0.94, "system": "fine-tuned BERT, PLOVER event-type micro-F1"},
           "source_target_f1": {"value": 0.53, "system": "who/whom (source/target) extraction F1"}}

# Country codes of the KEDS/CAMEO era that are not ISO 3166-1 alpha-3, as met in the two English
# sets, plus codes ISO itself retired. The gold keeps them; vigie's actors use ISO codes.
LEGACY_CODES = {
    "JAP": "JPN",  # Japan (GSR: "Tokyo"; PETRARCH validation actors)
    "ITL": "ITA",  # Italy (GSR: "Italy announced a suspension of air links…")
    "KUW": "KWT",  # Kuwait (PETRARCH validation actors)
    "NZE": "NZL",  # New Zealand (PETRARCH validation actors)
    "LEB": "LBN",  # Lebanon (PETRARCH validation actors)
    "IVO": "CIV",  # Ivory Coast (PETRARCH validation actors)
    "INS": "IDN",  # Indonesia (PETRARCH validation actors)
    "LTH": "LTU",  # Lithuania (PETRARCH validation actors)
    "BUL": "BGR",  # Bulgaria (PETRARCH validation actors)
    "ROM": "ROU",  # Romania: ISO code until 2002
    "ZAR": "COD",  # Zaire: ISO code until 1997
    "TMP": "TLS",  # East Timor: ISO code until 2002
}
# CAMEO's codes for kinds of non-state actors, which the gold uses in place of a country:
# intergovernmental and non-governmental organisations, international militarised groups.
GENERIC = ("IGO", "NGO", "IMG")
# Tolkien-world codes of the PETRARCH validation dictionary that are also ISO codes of real
# countries: never usable as countries.
PETRARCH_FICTIONAL = {
    "ERI": "Eriador (ISO: Eritrea)",
    "FRO": "the Shire (ISO: Faroe Islands)",
}


def normalise_code(code: str | None) -> str | None:
    """A gold country code as vigie would write it: upper case, legacy codes mapped to ISO."""
    if not code or not isinstance(code, str) or not code.strip():
        return None
    code = code.strip().upper()
    return LEGACY_CODES.get(code, code)


def arg_code(arg: Any, kind_of: Callable[[str], str | None] | None = None) -> str | None:
    """The code an event argument is scored by against the English sets, whose gold gives a
    country or a kind (IGO, NGO, IMG): ``IGO`` when vigie names an organisation (an IGO acts for
    itself even when its officer has a nationality), else the country, else the kind the
    gazetteer gives the actor (``kind_of``), else None."""
    if arg is None:
        return None
    if getattr(arg, "igo", None):
        return "IGO"
    if getattr(arg, "country", None):
        return normalise_code(arg.country)
    actor = getattr(arg, "actor", None)
    return kind_of(actor) if kind_of and actor else None


# --------------------------------------------------------------------------- the CAMEO → PLOVER crosswalk


@dataclass(frozen=True, slots=True)
class Plover:
    type: str
    mode: str | None = None
    context: tuple[str, ...] = ()


def parse_crosswalk(text: str) -> dict[str, Plover]:
    """``CAMEO2PLOVER-2021.txt``: ``CODE: TYPE, mode, context # description`` lines; comments,
    blank lines and the closing ``~~~~~`` ignored. The first line of a code wins: ``08`` heads
    both CONCEDE and RETREAT (``080`` is CONCEDE), ``175`` is listed twice."""
    table_: dict[str, Plover] = {}
    for line in text.splitlines():
        body = line.split("#", 1)[0].strip()
        m = re.fullmatch(r"(\d{2,4})\s*:\s*(.+)", body)
        if not m:
            continue
        parts = [p.strip() for p in m[2].split(",")]
        kind = parts[0].upper()
        if kind not in PLOVER_TYPES or m[1] in table_:
            continue
        mode = parts[1] if len(parts) > 1 and parts[1] else None
        context = tuple(c.strip() for c in parts[2].split(";") if c.strip()) if len(parts) > 2 else ()
        table_[m[1]] = Plover(kind, mode, context)
    return table_


def read_crosswalk(path: Path) -> dict[str, Plover]:
    return parse_crosswalk(path.read_text(encoding="utf-8"))


def cameo_to_plover(code: str | None, crosswalk: dict[str, Plover]) -> tuple[Plover | None, str | None]:
    """The PLOVER reading of a CAMEO code, or None and why not. Only codes the table lists count
    (no guessing from a parent code: the PETRARCH validation dictionary has codes of its own)."""
    code = (code or "").strip()
    if not re.fullmatch(r"\d{2,4}", code):
        return None, "not a CAMEO code"
    if code in crosswalk:
        return crosswalk[code], None
    if code[:2] in ("01", "02"):
        return None, "CAMEO 01/02 (statements, appeals): no PLOVER type"
    if not 1 <= int(code[:2]) <= 20:
        return None, "test code, not CAMEO"
    return None, "not in the crosswalk"


# --------------------------------------------------------------------------- PLOVER GSR


@dataclass(frozen=True, slots=True)
class GsrActor:
    text: str
    code: str | None  # normalised
    raw_code: str | None
    sector: str | None = None


@dataclass(frozen=True, slots=True)
class GsrSentence:
    id: str
    text: str
    type: str
    mode: tuple[str, ...] = ()
    event_text: str = ""
    actors: tuple[GsrActor, ...] = ()
    recipients: tuple[GsrActor, ...] = ()
    reciprocal: bool = False  # some actors are marked SRC/TAR: they are recipients too

    @property
    def source_codes(self) -> frozenset[str]:
        return frozenset(a.code for a in self.actors if a.code)

    @property
    def target_codes(self) -> frozenset[str]:
        return frozenset(a.code for a in self.recipients if a.code)


def _gsr_actors(value: Any) -> list[GsrActor]:
    if not isinstance(value, list):  # one record has the string "diplomatic" as its target
        return []
    out = []
    for a in value:
        if isinstance(a, dict):
            out.append(GsrActor(str(a.get("text") or a.get("actorText") or ""), normalise_code(a.get("code")),
                                a.get("code"), a.get("sector")))
    return out


def parse_gsr(record: dict[str, Any]) -> GsrSentence:
    """One line of ``PLOVER_GSR_CAMEO.flat.jsonl``. Reciprocal actors (``SRC/TAR`` in the markup,
    "Israel and Lebanon met") are listed as actors only; they are made recipients too, as the
    markup says, when the record names no other recipient."""
    actors, recipients = _gsr_actors(record.get("actor")), _gsr_actors(record.get("recipient"))
    markup = record.get("markup") or ""
    markup = markup if isinstance(markup, str) else ""
    chunks = [c.strip() for c in re.findall(r"\(SRC/TAR:\s*([^)]*)\)", markup)]
    # the actor's text and the markup's may differ a little ("Greek-Cypriot" / "Greek")
    mutual = [a for a in actors if a.text and any(c and (c in a.text or a.text in c) for c in chunks)]
    if mutual and not recipients:
        recipients = mutual
    mode = record.get("mode") or []
    return GsrSentence(id=str(record["id"]), text=str(record["text"]), type=str(record["event"]).upper(),
                       mode=tuple(mode) if isinstance(mode, list) else (str(mode),),
                       event_text=str(record.get("event_text") or ""), actors=tuple(actors),
                       recipients=tuple(recipients), reciprocal=bool(mutual))


def read_gsr(path: Path) -> list[GsrSentence]:
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip():
            try:
                out.append(parse_gsr(json.loads(line)))
            except (ValueError, KeyError, TypeError) as e:
                raise ValueError(f"{path}:{n}: not a GSR record ({e})") from e
    return out


# --------------------------------------------------------------------------- PETRARCH2 unit tests


@dataclass(frozen=True, slots=True)
class PetrCoding:
    source: str | None  # as written: "ARNGOV", "IGOEEU", '"THE MINISTRY OF MAGIC"'
    target: str | None
    cameo: str
    plover: str | None  # None when the code has no PLOVER reading
    reason: str | None = None  # why not


@dataclass(frozen=True, slots=True)
class PetrCase:
    id: str
    category: str
    date: date | None
    text: str
    codings: tuple[PetrCoding, ...] = ()
    noevents: bool = False
    error: str | None = None  # the record expects a PETRARCH error (discard, bad parse…)
    runnable: bool = True  # sentence="false": "currently not implemented" in PETRARCH2

    @property
    def excluded(self) -> str | None:
        """Why the case cannot score a PLOVER coder on types (None: usable, or a no-event case)."""
        if self.error:
            return f"error record ({self.error})"
        if not self.runnable:
            return 'sentence="false" (not implemented in PETRARCH2)'
        if self.noevents:
            return None
        if not self.codings:
            return "no expected coding"
        for c in self.codings:
            if c.plover is None:
                return c.reason
        return None


def parse_petrarch(xml_text: str, crosswalk: dict[str, Plover]) -> list[PetrCase]:
    """The ``<Sentence>`` records of a PETRARCH validation file; the text's line breaks become
    spaces. An id met twice (AGENTS-18, AGENTS-19) gets ``#2``."""
    root = ET.fromstring(xml_text)
    out, seen = [], Counter()
    for s in root.iter("Sentence"):
        sid = s.get("id") or f"sentence-{len(out) + 1}"
        seen[sid] += 1
        if seen[sid] > 1:
            sid = f"{sid}#{seen[sid]}"
        codings, noevents, error = [], False, None
        for e in s.findall("EventCoding"):
            if (e.get("noevents") or "").strip().lower() == "true":
                noevents = True
            elif e.get("error"):
                error = e.get("error")
            elif e.get("eventcode"):
                plover, reason = cameo_to_plover(e.get("eventcode"), crosswalk)
                codings.append(PetrCoding((e.get("sourcecode") or "").strip() or None,
                                          (e.get("targetcode") or "").strip() or None, e.get("eventcode", "").strip(),
                                          plover.type if plover else None, reason))
        raw_date = (s.get("date") or "").strip()
        try:
            day = datetime.strptime(raw_date, "%Y%m%d").date() if raw_date else None
        except ValueError:
            day = None
        out.append(PetrCase(sid, s.get("category") or "", day, " ".join((s.findtext("Text") or "").split()),
                            tuple(codings), noevents, error, (s.get("sentence") or "true").lower() != "false"))
    return out


def read_petrarch(path: Path, crosswalk: dict[str, Plover]) -> list[PetrCase]:
    return parse_petrarch(path.read_text(encoding="utf-8"), crosswalk)


def petrarch_actor(code: str | None, iso: frozenset[str] | set[str]) -> tuple[str | None, bool]:
    """(the code vigie should give, usable?) for a PETRARCH actor code: its first three letters,
    an ISO country (legacy codes mapped) or a kind (IGO, NGO, IMG). No code: (None, True). Quoted
    names, ``---`` and the fictional Tolkien-world codes (ARN, GON, and ERI, FRO which are ISO
    codes too) are not usable."""
    if not code:
        return None, True
    prefix = code[:3].upper()
    if prefix in GENERIC:
        return prefix, True
    if prefix in PETRARCH_FICTIONAL:
        return None, False
    country = LEGACY_CODES.get(prefix, prefix)
    return (country, True) if country in iso else (None, False)


# --------------------------------------------------------------------------- French gold


@dataclass(frozen=True, slots=True)
class Arg:
    text: str | None = None
    span: tuple[int, int] | None = None
    name: str | None = None
    country: str | None = None
    igo: str | None = None
    sector: str | None = None

    def show(self) -> str:
        codes = "/".join(c for c in (self.country, self.igo, self.sector) if c)
        return f"{self.text or self.name or '?'}" + (f" [{codes}]" if codes else "")


@dataclass(frozen=True, slots=True)
class Ev:
    """An event in the French gold's terms (gold records and vigie's events alike)."""

    type: str
    sentence: tuple[int, int]
    trigger: tuple[int, int]
    mode: str | None = None
    source: Arg | None = None
    target: Arg | None = None
    date: str | None = None
    negated: bool = False
    hypothetical: bool = False
    historical: bool = False


def _span(value: Any, what: str) -> tuple[int, int]:
    if not (isinstance(value, list | tuple) and len(value) == 2 and all(isinstance(x, int) for x in value)):
        raise ValueError(f"{what} is not [start, end]")
    if not 0 <= value[0] <= value[1]:
        raise ValueError(f"{what} {value} is not a span")
    return int(value[0]), int(value[1])


def _gold_arg(value: Any, what: str) -> Arg | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        raise ValueError(f"{what} is neither an object nor null")
    span = _span(value["span"], f"{what}.span") if value.get("span") is not None else None
    return Arg(value.get("text"), span, value.get("name"), normalise_code(value.get("country")),
               (value.get("igo") or None), value.get("sector") or None)


def parse_gold_event(r: dict[str, Any]) -> Ev:
    kind = str(r["type"]).upper()
    if kind not in PLOVER_TYPES:
        raise ValueError(f"type {r['type']!r} is not a PLOVER type")
    return Ev(kind, _span(r["sentence"], "sentence"), _span(r["trigger"], "trigger"), r.get("mode") or None,
              _gold_arg(r.get("source"), "source"), _gold_arg(r.get("target"), "target"),
              str(r["date"]) if r.get("date") else None, bool(r.get("negated")), bool(r.get("hypothetical")),
              bool(r.get("historical")))


def read_gold(path: Path) -> tuple[dict[str, list[Ev]], list[str]]:
    """Gold events by document, and the documents annotated (``docs.txt`` beside the gold, else
    those the gold names), as ``vigie eval quotes`` reads its gold."""
    return read_gold_lines(path, parse_gold_event, "event")


def dct_of(doc: str) -> datetime | None:
    return date_of_name(doc)


def ev_of(e: Any) -> Ev:
    """A vigie ``Event`` in the gold's terms."""

    def arg(a: Any) -> Arg | None:
        if a is None:
            return None
        return Arg(a.text, (a.start, a.end), a.name, normalise_code(a.country), a.igo or None, a.sector)

    return Ev(e.type, (e.sentence_start, e.sentence_end), (e.trigger_start, e.trigger_end), e.mode, arg(e.source),
              arg(e.target), e.date, bool(e.negated), bool(e.hypothetical), bool(e.historical))


def mention_evs(e: Any, text: str) -> list[Ev]:
    """A vigie event in the per-sentence terms of the French gold: the stage merges the mentions of
    one event in an article (same type, actors, date) into one record; the gold has one record per
    sentence that reports it. Each mention is scored in its own sentence (found in the text between
    full stops or line breaks), with the event's type, participants, date and flags."""
    first = ev_of(e)
    out = [first]
    for start, end in list(getattr(e, "mentions", ()))[1:]:
        left = max(text.rfind(". ", 0, start) + 2, text.rfind("\n", 0, start) + 1, 0)
        ends = [i for i in (text.find(". ", end), text.find("\n", end)) if i >= 0]
        right = min(ends) + 1 if ends else len(text)
        out.append(replace(first, sentence=(left, right), trigger=(start, end)))
    return out


# --------------------------------------------------------------------------- matching and scoring (French)


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return (a[0] < b[1] and b[0] < a[1]) or a == b


def same_arg(g: Arg | None, p: Arg | None) -> bool:
    """Both absent; or the same country, or the same IGO; or overlapping words."""
    if g is None or p is None:
        return g is None and p is None
    if g.country and p.country and g.country == p.country:
        return True
    if g.igo and p.igo and g.igo.upper() == p.igo.upper():
        return True
    return bool(g.span and p.span and _overlaps(g.span, p.span))


def same_date(gold: str | None, pred: str | None) -> bool:
    """The same TIMEX3 value, or the same year when the gold gives only a year."""
    if not gold:
        return not pred
    if not pred:
        return False
    return pred == gold or (re.fullmatch(r"\d{4}", gold) is not None and pred[:4] == gold)


def match_events(gold: Sequence[Ev], pred: Sequence[Ev],
                 accept: Callable[[Ev, Ev], bool] | None = None) -> list[tuple[int, int]]:
    """One-to-one (gold, vigie) pairs of the same type in overlapping sentences (and ``accept``),
    overlapping triggers first (the larger overlap, then the nearer trigger)."""
    candidates = []
    for i, g in enumerate(gold):
        for j, p in enumerate(pred):
            if g.type != p.type or not _overlaps(g.sentence, p.sentence) or (accept and not accept(g, p)):
                continue
            ov = _overlap(g.trigger, p.trigger)
            candidates.append((ov == 0 and not _overlaps(g.trigger, p.trigger), -ov,
                               abs(g.trigger[0] - p.trigger[0]), i, j))
    return one_to_one(candidates)


def full_tuple(g: Ev, p: Ev) -> bool:
    return same_arg(g.source, p.source) and same_arg(g.target, p.target)


FLAGS = ("negated", "hypothetical", "historical")


@dataclass
class GoldCounts:
    types: dict[str, PRF] = field(default_factory=lambda: defaultdict(PRF))
    tuples: dict[str, PRF] = field(default_factory=lambda: defaultdict(PRF))
    flags: dict[str, list[int]] = field(default_factory=lambda: {f: [0, 0] for f in FLAGS})
    dates: list[int] = field(default_factory=lambda: [0, 0])

    def add(self, other: GoldCounts) -> None:
        for t, c in other.types.items():
            self.types[t].add(c)
        for t, c in other.tuples.items():
            self.tuples[t].add(c)
        for f in FLAGS:
            self.flags[f][0] += other.flags[f][0]
            self.flags[f][1] += other.flags[f][1]
        self.dates[0] += other.dates[0]
        self.dates[1] += other.dates[1]

    @staticmethod
    def _total(by_type: dict[str, PRF]) -> PRF:
        out = PRF()
        for c in by_type.values():
            out.add(c)
        return out

    def scores(self) -> dict[str, Any]:
        def acc(right: int, total: int) -> dict[str, Any]:
            return {"accuracy": round(right / total, 4) if total else None, "right": right, "total": total}

        return {
            "type": self._total(self.types).scores(),
            "tuple": self._total(self.tuples).scores(),
            "per_type": {t: {"type": self.types[t].scores(), "tuple": self.tuples[t].scores()}
                         for t in PLOVER_TYPES if t in self.types or t in self.tuples},
            "flags": {f: acc(*self.flags[f]) for f in FLAGS},
            "date": acc(*self.dates),
        }


def score_gold_doc(gold: Sequence[Ev], pred: Sequence[Ev]) -> tuple[GoldCounts, list[tuple[int, int]]]:
    """Counts of one document and its type-matched pairs."""
    c = GoldCounts()
    pairs = match_events(gold, pred)
    tuple_pairs = match_events(gold, pred, accept=full_tuple)
    for found, by_type in ((pairs, c.types), (tuple_pairs, c.tuples)):
        hit_g, hit_p = {i for i, _ in found}, {j for _, j in found}
        for i, g in enumerate(gold):
            by_type[g.type].tp += i in hit_g
            by_type[g.type].fn += i not in hit_g
        for j, p in enumerate(pred):
            if j not in hit_p:
                by_type[p.type].fp += 1
    for i, j in pairs:
        g, p = gold[i], pred[j]
        for f in FLAGS:
            c.flags[f][0] += getattr(g, f) == getattr(p, f)
            c.flags[f][1] += 1
        if g.date:
            c.dates[0] += same_date(g.date, p.date)
            c.dates[1] += 1
    return c, pairs


def gold_errors(doc: str, text: str, gold: Sequence[Ev], pred: Sequence[Ev],
                pairs: Sequence[tuple[int, int]]) -> list[dict[str, Any]]:
    """One flat row per gold or vigie event with something wrong (see ``_row``)."""
    rows = []
    hit = dict(pairs)
    hit_p = {j for _, j in pairs}
    for i, g in enumerate(gold):
        if i not in hit:
            others = [p for p in pred if _overlaps(g.sentence, p.sentence)]
            rows.append(_row("gold", doc, ["type" if others else "missed"], text, g.sentence, g, others))
            continue
        p = pred[hit[i]]
        errors = [k for k, ok in (("source", same_arg(g.source, p.source)), ("target", same_arg(g.target, p.target)))
                  if not ok]
        errors += [f for f in FLAGS if getattr(g, f) != getattr(p, f)]
        if g.date and not same_date(g.date, p.date):
            errors.append("date")
        if errors:
            rows.append(_row("gold", doc, errors, text, g.sentence, g, [p]))
    for j, p in enumerate(pred):
        if j not in hit_p:
            rows.append(_row("gold", doc, ["spurious"], text, p.sentence, None, [p]))
    return rows


def _ev_json(e: Ev, text: str) -> dict[str, Any]:
    return {"type": e.type, "trigger": text[e.trigger[0]:e.trigger[1]], "trigger_span": list(e.trigger),
            "mode": e.mode, "source": e.source.show() if e.source else None,
            "target": e.target.show() if e.target else None, "date": e.date,
            **{f: getattr(e, f) for f in FLAGS}}


def _row(dataset: str, doc: str, errors: list[str], text: str, sentence: tuple[int, int], g: Ev | None,
         vigie: Sequence[Ev]) -> dict[str, Any]:
    gj = _ev_json(g, text) if g else {}
    vj = _ev_json(vigie[0], text) if vigie else {}
    return {"dataset": dataset, "id": doc, "errors": errors, "sentence": text[sentence[0]:sentence[1]],
            "gold_type": gj.get("type"), "vigie_type": vj.get("type"),
            "gold_trigger": gj.get("trigger"), "vigie_trigger": vj.get("trigger"),
            "gold_source": gj.get("source"), "vigie_source": vj.get("source"),
            "gold_target": gj.get("target"), "vigie_target": vj.get("target"),
            "gold": gj or None, "vigie": [_ev_json(p, text) for p in vigie]}


# --------------------------------------------------------------------------- scoring (English)


def main_group(events: Sequence[Any]) -> list[Any]:
    """vigie's main event for a sentence (the first in trigger order) and the others of its type
    (a compound actor may be coded as several events)."""
    if not events:
        return []
    ordered = sorted(events, key=lambda e: (e.trigger_start, e.trigger_end))
    return [e for e in ordered if e.type == ordered[0].type]


def _codes(args: Iterable[Any], kind_of: Callable[[str], str | None] | None) -> frozenset[str]:
    return frozenset(c for a in args if (c := arg_code(a, kind_of)))


def _add_sets(c: PRF, gold: frozenset[str], pred: frozenset[str]) -> None:
    c.tp += len(gold & pred)
    c.fp += len(pred - gold)
    c.fn += len(gold - pred)


def _vigie_event(e: Any, kind_of: Callable[[str], str | None] | None) -> dict[str, Any]:
    return {"type": e.type, "trigger": e.trigger, "mode": e.mode, "cameo": e.cameo,
            "source": e.source.text if e.source else None, "source_code": arg_code(e.source, kind_of),
            "target": e.target.text if e.target else None, "target_code": arg_code(e.target, kind_of),
            **{f: getattr(e, f) for f in FLAGS}}


def score_gsr(sentences: Sequence[GsrSentence], outputs: Sequence[Sequence[Any]],
              kind_of: Callable[[str], str | None] | None = None, details: bool = False) -> dict[str, Any]:
    """Type accuracy, coverage, type P/R/F1 (overall and per type), source / target code P/R/F1
    and source+target P/R/F1 of vigie's events (``outputs[i]``: the events of ``sentences[i]``)."""
    types: dict[str, PRF] = defaultdict(PRF)
    src, tgt, both, every = PRF(), PRF(), PRF(), PRF()
    covered = right = any_right = 0
    confusions: Counter = Counter()
    rows = []
    for s, events in zip(sentences, outputs):
        group = main_group(events)
        vtype = group[0].type if group else None
        ok_type = vtype == s.type
        covered += bool(group)
        right += ok_type
        any_right += s.type in {e.type for e in events}
        if ok_type:
            types[s.type].tp += 1
        else:
            types[s.type].fn += 1
            if vtype:
                types[vtype].fp += 1
            confusions[f"{s.type}→{vtype or 'none'}"] += 1
        v_src = _codes((e.source for e in group), kind_of)
        v_tgt = _codes((e.target for e in group), kind_of)
        _add_sets(src, s.source_codes, v_src)
        _add_sets(tgt, s.target_codes, v_tgt)
        ok_src, ok_tgt = v_src == s.source_codes, v_tgt == s.target_codes
        for c, ok in ((both, ok_src and ok_tgt), (every, ok_src and ok_tgt and ok_type)):
            c.tp += bool(group) and ok
            c.fp += bool(group) and not ok
            c.fn += not (group and ok)
        errors = ["no-event"] if not group else [k for k, ok in (("type", ok_type), ("source", ok_src),
                                                                 ("target", ok_tgt)) if not ok]
        if details and errors:
            main = group[0] if group else None
            rows.append({
                "dataset": "plover-gsr", "id": s.id, "errors": errors, "sentence": s.text,
                "gold_type": s.type, "vigie_type": vtype,
                "gold_trigger": s.event_text, "vigie_trigger": main.trigger if main else None,
                "gold_source": sorted(s.source_codes), "vigie_source": sorted(v_src),
                "gold_target": sorted(s.target_codes), "vigie_target": sorted(v_tgt),
                "gold": {"mode": list(s.mode), "reciprocal": s.reciprocal,
                         "source": [f"{a.text} [{a.raw_code}{'/' + a.sector if a.sector else ''}]" for a in s.actors],
                         "target": [f"{a.text} [{a.raw_code}{'/' + a.sector if a.sector else ''}]"
                                    for a in s.recipients]},
                "vigie": [_vigie_event(e, kind_of) for e in events],
            })
    n = len(sentences)
    out: dict[str, Any] = {
        "sentences": n, "covered": covered, "coverage": round(covered / n, 4) if n else 0.0,
        "type_accuracy": round(right / n, 4) if n else 0.0, "type_right": right,
        "type_any_accuracy": round(any_right / n, 4) if n else 0.0,
        # micro P/R/F1, one item per sentence: tp = right, fp = coded but wrong, fn = not right
        "type": PRF(tp=right, fp=covered - right, fn=n - right).scores(),
        "per_type": {t: {"gold": c.tp + c.fn, **c.scores()} for t, c in sorted(types.items())},
        "source": src.scores(), "target": tgt.scores(), "source_target": both.scores(),
        "type_source_target": every.scores(),
        "confusions": dict(confusions.most_common()),
    }
    if details:
        out["details"] = rows
    return out


def score_petrarch(cases: Sequence[PetrCase], outputs: Sequence[Sequence[Any]], iso: frozenset[str] | set[str],
                   kind_of: Callable[[str], str | None] | None = None, details: bool = False) -> dict[str, Any]:
    """Pass rates of the usable cases: type (every expected PLOVER type coded, one event each),
    type+source+target (every expected (type, source, target) coded, on the cases whose actors
    are real countries or kinds), and the no-event cases (nothing coded)."""
    excluded: Counter = Counter()
    actor_excluded: Counter = Counter()  # the codes that kept a case off the actor check
    counts = Counter()
    by_category: dict[str, Counter] = defaultdict(Counter)
    rows = []
    for case, events in zip(cases, outputs):
        why = case.excluded
        if why:
            excluded[why] += 1
            continue
        vtypes = Counter(e.type for e in events)
        if case.noevents:
            counts["noevents"] += 1
            ok = not events
            counts["noevents_pass"] += ok
            if details and not ok:
                rows.append(_petr_row(case, ["spurious"], events, kind_of))
            continue
        expected = Counter(c.plover for c in case.codings)
        ok_type = not (expected - vtypes)
        counts["usable"] += 1
        counts["type_pass"] += ok_type
        by_category[case.category]["usable"] += 1
        by_category[case.category]["type_pass"] += ok_type
        errors = [] if ok_type else ["type" if events else "no-event"]
        actors = [(petrarch_actor(c.source, iso), petrarch_actor(c.target, iso)) for c in case.codings]
        if all(s[1] and t[1] for s, t in actors):
            counts["actor_usable"] += 1
            want = Counter((c.plover, s[0], t[0]) for c, (s, t) in zip(case.codings, actors))
            have = Counter((e.type, arg_code(e.source, kind_of), arg_code(e.target, kind_of)) for e in events)
            ok_all = not (want - have)
            counts["full_pass"] += ok_all
            by_category[case.category]["actor_usable"] += 1
            by_category[case.category]["full_pass"] += ok_all
            if ok_type and not ok_all:
                errors.append("actors")
        else:
            actor_excluded.update(code[:3] for c, (a, b) in zip(case.codings, actors)
                                  for code, (_, ok) in ((c.source, a), (c.target, b)) if code and not ok)
        if sum(vtypes.values()) > len(case.codings):
            counts["extra_events"] += 1
        if details and errors:
            rows.append(_petr_row(case, errors, events, kind_of))

    def rate(k: str, n: str) -> float:
        return round(counts[k] / counts[n], 4) if counts[n] else 0.0

    out: dict[str, Any] = {
        "cases": len(cases), "usable": counts["usable"], "actor_usable": counts["actor_usable"],
        "noevents": counts["noevents"], "excluded": dict(excluded.most_common()),
        "actor_excluded_codes": dict(actor_excluded.most_common()),
        "type_pass": counts["type_pass"], "type_pass_rate": rate("type_pass", "usable"),
        "full_pass": counts["full_pass"], "full_pass_rate": rate("full_pass", "actor_usable"),
        "noevents_pass": counts["noevents_pass"], "noevents_pass_rate": rate("noevents_pass", "noevents"),
        "extra_events": counts["extra_events"],
        "by_category": {k: dict(v) for k, v in sorted(by_category.items())},
    }
    if details:
        out["details"] = rows
    return out


def _petr_row(case: PetrCase, errors: list[str], events: Sequence[Any],
              kind_of: Callable[[str], str | None] | None) -> dict[str, Any]:
    return {"dataset": "petrarch2", "id": case.id, "category": case.category, "errors": errors,
            "sentence": case.text, "gold_type": [c.plover for c in case.codings],
            "vigie_type": [e.type for e in events],
            "gold_source": [c.source for c in case.codings], "gold_target": [c.target for c in case.codings],
            "gold": [{"cameo": c.cameo, "type": c.plover, "source": c.source, "target": c.target}
                     for c in case.codings],
            "vigie": [_vigie_event(e, kind_of) for e in events]}


# --------------------------------------------------------------------------- running vigie


Annotate = Callable[[Sequence[Any]], list[list[Any] | str]]


def stage_note() -> str | None:
    """Why vigie cannot code events here, or None when ``vigie.nlp.events.find_events`` imports."""
    try:
        module = importlib.import_module("vigie.nlp.events")
    except Exception as e:  # noqa: BLE001 - a half-written stage must not stop the evaluation
        return f"the events stage is missing (vigie.nlp.events not importable: {type(e).__name__}: {e}); every score is 0"
    if not callable(getattr(module, "find_events", None)):
        return "vigie.nlp.events has no find_events; every score is 0"
    return None


def annotate_events(articles: Sequence[Any]) -> list[list[Any] | str]:
    """vigie's events for each article, or the reason it failed."""
    from vigie.errors import ItemError
    from vigie.nlp import Annotator

    out: list[list[Any] | str] = []
    for result in Annotator(batch_size=BATCH_SIZE).annotate_many(articles):
        out.append(result.reason if isinstance(result, ItemError) else list(result.events))
    return out


def events_stage_inputs(articles: Sequence[Any]) -> list[tuple]:
    """What the events stage receives for each article — (text, spaCy pieces, mentions, time
    expressions, language, date) — with every other stage run as in the pipeline. Dev scripts pickle
    them to re-run the events stage alone in seconds (scripts/event_errors.py, event_model_cv.py)."""
    import vigie.nlp.pipeline as pipeline

    seen: list[tuple] = []

    def spy(text, pieces, mentions, timexes, language, dct):
        seen.append((text, pieces, mentions, timexes, language, dct))
        return []

    real, pipeline.find_events = pipeline.find_events, spy
    try:
        annotate_events(articles)
    finally:
        pipeline.find_events = real
    return seen


def gold_articles(docs: Sequence[str], texts: dict[str, str]) -> list[Any]:
    """The articles of a French gold's documents as its offsets read them: each text unchanged, its
    first line the title, dated by the file name (``YYYY_MM_DD-NNN``)."""
    return [article_of(d, texts[d], "fr", dct_of(d), lines=True) for d in docs]


def article_of(item: str, text: str, language: str, published: datetime | None, lines: bool = False):
    """An ``Article`` over ``text`` unchanged: one paragraph, or (``lines``) the first line as the
    title and every other non-empty line a paragraph, as ``vigie eval quotes`` builds them."""
    from vigie.model import Article, Block

    blocks, pos = [], 0
    if lines:
        for line in text.split("\n"):
            if line.strip():
                blocks.append(Block("title" if not blocks else "paragraph", pos, pos + len(line)))
            pos += len(line) + 1
    else:
        blocks = [Block("paragraph", 0, len(text))]
    return Article(item=item, text=text, blocks=blocks, published=published, language=language,
                   extractor="eval:events")


def _annotated(articles: Sequence[Any], annotate: Annotate) -> tuple[list[list[Any]], list[dict[str, str]], float]:
    started = time.perf_counter()
    results = annotate(articles)
    seconds = time.perf_counter() - started
    outputs, failures = [], []
    for a, r in zip(articles, results):
        if isinstance(r, str):
            failures.append({"id": a.item, "reason": r})
            outputs.append([])
        else:
            outputs.append(list(r))
    return outputs, failures, seconds


def gazetteer_lookups() -> tuple[frozenset[str], Callable[[str], str | None] | None, str | None]:
    """ISO country codes and an actor-id → kind (IGO/NGO/IMG) lookup from vigie's gazetteer."""
    try:
        from vigie.nlp.gazetteer import load_gazetteer

        gaz = load_gazetteer()
        actors = list(gaz)
        records = [a if not isinstance(a, str) else gaz.get(a) for a in actors]
    except Exception as e:  # noqa: BLE001
        return frozenset(), None, f"no gazetteer ({type(e).__name__}: {e}): PETRARCH actor codes unusable"
    iso = frozenset(a.id for a in records if a is not None and a.type == "country" and getattr(a, "iso", False))

    def kind_of(actor_id: str) -> str | None:
        a = gaz.get(actor_id)
        code = (a.code or "") if a else ""
        return code[:3] if code[:3] in GENERIC else None

    return iso, kind_of, None


def run_english(datasets: Iterable[str], root: Path, *, limit: int | None = None, details: bool = False,
                annotate: Annotate | None = None, iso: frozenset[str] | None = None,
                kind_of: Callable[[str], str | None] | None = None) -> dict[str, Any]:
    """Score the English sets found under ``root``; a missing one is reported in ``skipped``."""
    annotate = annotate or annotate_events
    out: dict[str, Any] = {"datasets": {}, "skipped": {}, "notes": []}
    datasets = list(datasets)
    if iso is None:
        iso, found_kind_of, note = gazetteer_lookups()
        kind_of = kind_of or found_kind_of
        if note:
            out["notes"].append(note)
    crosswalk_path = root / GSR_DIR / CROSSWALK_FILE
    for name in datasets:
        if name == "plover-gsr":
            path = root / GSR_DIR / GSR_FILE
            if not path.exists():
                out["skipped"][name] = f"{path} not found"
                sys.stderr.write(f"{name}: skipped, {path} not found\n")
                continue
            sentences = read_gsr(path)[:limit] if limit else read_gsr(path)
            sys.stderr.write(f"{name}: {len(sentences)} sentences\n")
            arts = [article_of(s.id, s.text, "en", GSR_DCT) for s in sentences]
            outputs, failures, seconds = _annotated(arts, annotate)
            r = score_gsr(sentences, outputs, kind_of, details)
            r.update(failures=failures, seconds=round(seconds, 2), events=sum(len(o) for o in outputs),
                     gold_types=dict(Counter(s.type for s in sentences).most_common()),
                     gold_codes_normalised=dict(Counter(f"{a.raw_code}→{a.code}" for s in sentences
                                                        for a in (*s.actors, *s.recipients)
                                                        if a.raw_code and a.raw_code != a.code).most_common()),
                     reciprocal=sum(s.reciprocal for s in sentences),
                     no_source=sum(not s.source_codes for s in sentences),
                     no_target=sum(not s.target_codes for s in sentences))
            out["datasets"][name] = r
        elif name == "petrarch2":
            path = root / PETRARCH_DIR / PETRARCH_FILE
            missing = [p for p in (path, crosswalk_path) if not p.exists()]
            if missing:
                out["skipped"][name] = f"{missing[0]} not found"
                sys.stderr.write(f"{name}: skipped, {missing[0]} not found\n")
                continue
            crosswalk = read_crosswalk(crosswalk_path)
            cases = read_petrarch(path, crosswalk)
            cases = cases[:limit] if limit else cases
            run_cases = [c for c in cases if not c.excluded]
            sys.stderr.write(f"{name}: {len(cases)} cases, {len(run_cases)} run\n")
            arts = [article_of(c.id, c.text, "en", datetime(c.date.year, c.date.month, c.date.day, tzinfo=UTC)
                               if c.date else None) for c in run_cases]
            outputs, failures, seconds = _annotated(arts, annotate)
            by_id = {c.id: o for c, o in zip(run_cases, outputs)}
            r = score_petrarch(cases, [by_id.get(c.id, []) for c in cases], iso, kind_of, details)
            r.update(failures=failures, seconds=round(seconds, 2), events=sum(len(o) for o in outputs),
                     crosswalk_codes=len(crosswalk))
            out["datasets"][name] = r
        else:
            raise ValueError(f"unknown dataset {name!r}")
    return out


def run_gold(gold_path: Path, docs_dir: Path, *, limit: int | None = None, details: bool = False,
             annotate: Annotate | None = None) -> dict[str, Any]:
    """Score vigie against a French events gold; raises ValueError on a malformed gold."""
    annotate = annotate or annotate_events
    gold, docs = read_gold(gold_path)
    docs, texts, missing = listed_documents(docs_dir, docs, limit)
    for d in docs:
        for g in gold.get(d, []):
            spans = [g.sentence, g.trigger] + [a.span for a in (g.source, g.target) if a and a.span]
            if any(e > len(texts[d]) for _, e in spans):
                raise ValueError(f"{gold_path}: {d}: a span of the {g.type} event at {g.trigger} is outside the text")
    sys.stderr.write(f"gold: {len(docs)} documents, {sum(len(gold.get(d, [])) for d in docs)} events\n")
    arts = gold_articles(docs, texts)
    outputs, failures, seconds = _annotated(arts, annotate)
    totals = GoldCounts()
    rows = []
    for d, events in zip(docs, outputs):
        g = gold.get(d, [])
        p = [m for e in events for m in mention_evs(e, texts[d])]
        c, pairs = score_gold_doc(g, p)
        totals.add(c)
        if details:
            rows.extend(gold_errors(d, texts[d], g, p, pairs))
    report: dict[str, Any] = {
        "gold": str(gold_path), "docs_dir": str(docs_dir), "documents": len(docs), "missing_documents": missing,
        "gold_events": sum(len(gold.get(d, [])) for d in docs), "events": sum(len(o) for o in outputs),
        "gold_types": dict(Counter(e.type for d in docs for e in gold.get(d, [])).most_common()),
        **totals.scores(), "failures": failures, "seconds": round(seconds, 2),
    }
    if details:
        report["details"] = rows
    return report


def run(datasets: Iterable[str] = (), *, gold: Path | None = None, docs: Path | None = None,
        data_dir: Path | None = None, limit: int | None = None, details: bool = False,
        annotate: Annotate | None = None, iso: frozenset[str] | None = None,
        kind_of: Callable[[str], str | None] | None = None) -> dict[str, Any]:
    """The English sets named in ``datasets`` and, with ``gold`` and ``docs``, the French gold."""
    started = time.perf_counter()
    root = data_dir or ds.default_data_dir()
    note = stage_note() if annotate is None else None
    report: dict[str, Any] = {"data_dir": str(root), "limit": limit, "stage": {"available": note is None,
                                                                               "note": note},
                              "targets": TARGETS, "anchors": ANCHORS, "datasets": {}, "skipped": {}, "notes": []}
    if note:
        report["notes"].append(note)
    datasets = list(datasets)
    if datasets:
        english = run_english(datasets, root, limit=limit, details=details, annotate=annotate, iso=iso,
                              kind_of=kind_of)
        report["datasets"].update(english["datasets"])
        report["skipped"].update(english["skipped"])
        report["notes"].extend(english["notes"])
    if gold is not None and docs is not None:
        report["datasets"]["gold"] = run_gold(gold, docs, limit=limit, details=details, annotate=annotate)
    if report["datasets"] and not any(r.get("events") for r in report["datasets"].values()) and not note:
        report["notes"].append("vigie coded no event (is the events stage wired into the Annotator?): "
                               "every score is 0")
    report["seconds"] = round(time.perf_counter() - started, 1)
    return report


# --------------------------------------------------------------------------- text output


def _target(ok: float, want: float) -> str:
    return f"target ≥ {want} ({'met' if ok >= want else 'not met'})"


def format_report(report: dict[str, Any]) -> str:
    out = [f"== events ({report['seconds']} s)"]
    for note in report["notes"]:
        out.append(f"   note: {note}")
    ds_ = report["datasets"]
    if "plover-gsr" in ds_:
        r = ds_["plover-gsr"]
        t = TARGETS["plover-gsr"]
        out.append(f"\n-- plover-gsr: {r['sentences']} sentences (gold {r['reciprocal']} reciprocal, "
                   f"{r['no_source']} without source, {r['no_target']} without target); vigie {r['events']} events, "
                   f"coverage {r['coverage']:.3f}; {r['seconds']} s")
        if r["gold_codes_normalised"]:
            out.append("   gold codes normalised: " + ", ".join(f"{k} ×{v}" for k, v in r["gold_codes_normalised"].items()))
        out.append(f"   type accuracy {r['type_accuracy']:.3f} — {_target(r['type_accuracy'], t['type_accuracy'])}; "
                   f"any vigie event of the gold type {r['type_any_accuracy']:.3f}")
        rows = [(label, [s["precision"], s["recall"], s["f1"], s["tp"], s["fp"], s["fn"]])
                for label, s in (("type", r["type"]), ("source codes", r["source"]), ("target codes", r["target"]),
                                 ("source+target", r["source_target"]), ("type+source+target", r["type_source_target"]))]
        out.append(table("", ["P", "R", "F1", "TP", "FP", "FN"], rows))
        out.append(f"   source+target F1 {r['source_target']['f1']:.3f} — "
                   f"{_target(r['source_target']['f1'], t['source_target_f1'])}")
        rows = [(k, [v["gold"], v["precision"], v["recall"], v["f1"]]) for k, v in r["per_type"].items()]
        if rows:
            out.append(table("per type", ["gold", "P", "R", "F1"], rows))
        if r["confusions"]:
            out.append("   gold→vigie: " + ", ".join(f"{k} {v}" for k, v in list(r["confusions"].items())[:25]))
        if r["failures"]:
            out.append(f"   vigie failed on {len(r['failures'])} sentences")
        out.append(f"   anchors (issue 7, other data): {ANCHORS['type_f1']['system']} {ANCHORS['type_f1']['value']}; "
                   f"{ANCHORS['source_target_f1']['system']} {ANCHORS['source_target_f1']['value']}")
    if "petrarch2" in ds_:
        r = ds_["petrarch2"]
        out.append(f"\n-- petrarch2: {r['cases']} cases: {r['usable']} usable on type, {r['actor_usable']} of them on "
                   f"actors too, {r['noevents']} no-event cases; vigie {r['events']} events; {r['seconds']} s")
        out.append("   excluded: " + (", ".join(f"{k} {v}" for k, v in r["excluded"].items()) or "none"))
        rows = [("type", [r["type_pass"], r["usable"], r["type_pass_rate"]]),
                ("type+source+target", [r["full_pass"], r["actor_usable"], r["full_pass_rate"]]),
                ("no event coded", [r["noevents_pass"], r["noevents"], r["noevents_pass_rate"]])]
        out.append(table("pass", ["passed", "cases", "rate"], rows))
        out.append(f"   cases with more vigie events than expected: {r['extra_events']}")
        if r["failures"]:
            out.append(f"   vigie failed on {len(r['failures'])} cases")
    if "gold" in ds_:
        r = ds_["gold"]
        t = TARGETS["gold"]
        out.append(f"\n-- gold {r['gold']}: {r['documents']} documents, {r['gold_events']} gold events, "
                   f"vigie {r['events']} events; {r['seconds']} s")
        if r["missing_documents"]:
            out.append(f"   missing texts: {', '.join(r['missing_documents'][:10])}")
        rows = [(label, [s["precision"], s["recall"], s["f1"], s["tp"], s["fp"], s["fn"]])
                for label, s in (("type", r["type"]), ("tuple", r["tuple"]))]
        out.append(table("", ["P", "R", "F1", "TP", "FP", "FN"], rows))
        out.append(f"   type F1 {r['type']['f1']:.3f} — {_target(r['type']['f1'], t['type_f1'])}; "
                   f"tuple F1 {r['tuple']['f1']:.3f} — {_target(r['tuple']['f1'], t['tuple_f1'])}")
        rows = [(k, [v["type"]["tp"] + v["type"]["fn"], v["type"]["precision"], v["type"]["recall"],
                     v["type"]["f1"], v["tuple"]["f1"]]) for k, v in r["per_type"].items()]
        if rows:
            out.append(table("per type", ["gold", "P", "R", "F1", "tuple F1"], rows))
        acc = [f"{f} {fmt(v['accuracy'])} ({v['right']}/{v['total']})" for f, v in r["flags"].items()]
        acc.append(f"date {fmt(r['date']['accuracy'])} ({r['date']['right']}/{r['date']['total']})")
        out.append("   on type-matched events: " + ", ".join(acc))
        if r["failures"]:
            out.append(f"   vigie failed on {len(r['failures'])} documents")
    for name, why in report["skipped"].items():
        out.append(f"skipped {name}: {why}")
    rows = [row for r in ds_.values() for row in r.get("details", [])]
    if rows:
        out.append(f"\n-- errors ({len(rows)} rows)")
        for row in rows:
            out.append(f"   [{row['dataset']}] {row['id']} {','.join(row['errors'])}: gold {_short(row['gold_type'])} "
                       f"{_short(row.get('gold_source'))}→{_short(row.get('gold_target'))} "
                       f"(trigger {_short(row.get('gold_trigger'))}) | vigie {_short(row['vigie_type'])} "
                       f"{_short(row.get('vigie_source'))}→{_short(row.get('vigie_target'))} "
                       f"(trigger {_short(row.get('vigie_trigger'))})")
            out.append(f"      {row['sentence'][:300]}")
    return "\n".join(out)


def _short(x: Any) -> str:
    if x is None:
        return "–"
    if isinstance(x, list | tuple):
        return "[" + ",".join(_short(v) for v in x) + "]" if x else "∅"
    return repr(x) if isinstance(x, str) and " " in x else str(x)
