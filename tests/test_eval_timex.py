"""The time-expression evaluation: TimeML reading, TempEval-3 style counting, error rows, the hand-checked
Recognizers cases and the systems' plumbing, with fake taggers (no shared data needed)."""

from __future__ import annotations

import json
import re
from datetime import date, datetime

import pytest

from tests.conftest import shared_path
from vigie.eval import datasets as ds
from vigie.eval import timex as tx
from vigie.model import Timex

TML = """<?xml version='1.0' encoding='UTF-8'?>
<!-- a comment -->
<TimeML>
<DOCID>1999-05-20-0108</DOCID>
<DCT><TIMEX3 functionInDocument="CREATION_TIME" tid="t1" type="DATE" value="1999-05-20" /></DCT>
<TEXT>
Blessé <TIMEX3 tid="t2" type="TIME" value="1999-05-18T21:45">mardi vers 21 h 45</TIMEX3>, il est \
<EVENT eid="e1" class="OCCURRENCE">décédé</EVENT> <SIGNAL sid="s1">depuis</SIGNAL> \
<TIMEX3 tid="t3" type="TIME" value="1999-05-19TMO" anchorTimeID="t1">hier <EVENT eid="e2">matin</EVENT></TIMEX3> \
&amp; <TIMEX3 tid="t4" type="DURATION" value="P3D" mod="APPROX">environ trois jours</TIMEX3>.
</TEXT>
<TLINK lid="l1" relType="BEFORE" eventInstanceID="ei1" relatedToTime="t1" />
</TimeML>
"""


def g(start, end, typ="DATE", value=None, text=""):
    return tx.TX(start, end, typ, value, text)


# --------------------------------------------------------------------------- reading TimeML


def test_parse_timeml_text_offsets_dct_and_nested_tags():
    doc = tx.parse_timeml(TML, "file-stem")
    assert doc.id == "1999-05-20-0108"
    assert doc.dct == date(1999, 5, 20) and doc.dct_value == "1999-05-20"
    assert doc.text == ("\nBlessé mardi vers 21 h 45, il est décédé depuis hier matin & environ trois jours.\n")
    assert [(t.text, t.type, t.value, t.mod) for t in doc.gold] == [
        ("mardi vers 21 h 45", "TIME", "1999-05-18T21:45", None),
        ("hier matin", "TIME", "1999-05-19TMO", None),  # an EVENT inside the TIMEX3
        ("environ trois jours", "DURATION", "P3D", "APPROX"),
    ]
    assert all(doc.text[t.start:t.end] == t.text for t in doc.gold)
    assert len(doc.gold) == 3  # the DCT is not a text timex


def test_parse_timeml_without_dct_or_text():
    doc = tx.parse_timeml("<TimeML><TEXT>rien</TEXT></TimeML>", "x")
    assert doc.id == "x" and doc.dct is None and doc.text == "rien" and doc.gold == []
    assert tx.parse_dct("1999-05-17T10:30") == datetime(1999, 5, 17, 10, 30)
    assert tx.parse_dct("XXXX") is None and tx.parse_dct(None) is None


def test_read_fr_timebank_missing_and_present(tmp_path):
    with pytest.raises(ds.DatasetMissing):
        tx.read_fr_timebank(tmp_path)
    (tmp_path / "fr-timebank" / "Data").mkdir(parents=True)
    (tmp_path / "fr-timebank" / "Data" / "a.tml").write_text(TML, encoding="utf-8")
    (doc,) = tx.read_fr_timebank(tmp_path)
    assert len(doc.gold) == 3


# --------------------------------------------------------------------------- counting


def test_strict_relaxed_type_and_value_counts():
    gold = [g(0, 10, "DATE", "2021-10-18"), g(20, 25, "TIME", "2021-10-18T17:17"), g(40, 45, "DURATION", "P3D")]
    pred = [g(0, 10, "DATE", "2021-10-18"),        # exact, right value
            g(18, 25, "DATE", "2021-10-18T17:17"),  # overlaps: boundary and type wrong, value right
            g(60, 62, "DATE", "2021")]              # spurious
    counts = tx.score_doc(gold, pred)
    s = {m: counts[m]["all"].scores() for m in tx.MEASURES}
    assert (s["strict"]["tp"], s["strict"]["fp"], s["strict"]["fn"]) == (1, 2, 2)
    assert (s["relaxed"]["tp"], s["relaxed"]["fp"], s["relaxed"]["fn"]) == (2, 1, 1)
    assert s["relaxed"]["precision"] == pytest.approx(2 / 3, abs=1e-4) and s["relaxed"]["recall"] == pytest.approx(2 / 3, abs=1e-4)
    assert s["type"]["tp"] == 1 and s["value"]["tp"] == 2
    # per type: a gold TIME matched by a DATE prediction counts for TIME recall and DATE precision
    assert counts["relaxed"]["TIME"].gold_hit == 1 and counts["relaxed"]["TIME"].pred == 0
    assert counts["relaxed"]["DATE"].pred_hit == 2 and counts["relaxed"]["DATE"].pred == 3
    assert counts["type"]["TIME"].gold_hit == 0
    summary = tx.summarise(counts)
    assert summary["type"]["accuracy"] == 0.5 and summary["value"]["accuracy"] == 1.0
    assert list(summary["by_type"]) == ["DATE", "TIME", "DURATION", "SET"]
    assert summary["by_type"]["DURATION"]["relaxed"]["recall"] == 0.0


def test_matching_is_one_to_one_and_prefers_exact_spans():
    gold = [g(0, 10), g(12, 20)]
    assert tx.match(gold, [g(0, 20)], strict=False) == [(0, 0)]  # one prediction over two gold: one match
    assert tx.match([g(0, 10)], [g(2, 12), g(0, 10)], strict=False) == [(0, 1)]
    assert tx.match([g(0, 10)], [g(0, 9)], strict=True) == []
    # a duplicated prediction counts once
    counts = tx.score_doc([g(0, 10, value="1999")], [g(0, 10, value="1999"), g(0, 10, value="2000")])
    assert counts["strict"]["all"].scores()["fp"] == 0 and counts["value"]["all"].gold_hit == 1


def test_value_f1_is_an_attribute_score_and_needs_a_gold_value():
    counts = tx.score_doc([g(0, 4, value=None), g(10, 14, value="1999")], [g(0, 4, value=None), g(10, 14, value="1998")])
    assert counts["relaxed"]["all"].gold_hit == 2 and counts["value"]["all"].gold_hit == 0
    assert tx.norm_value(" tmo ") == "TMO"


# --------------------------------------------------------------------------- errors


def test_error_rows_kinds_and_patterns():
    text = "Il est venu le 8 mars dernier, à 35 ans, hier soir."
    gold = [g(12, 29, "DATE", "1999-03-08", text[12:29]), g(41, 50, "TIME", "1999-05-19TEV", text[41:50])]
    pred = [g(15, 21, "DATE", "1999-03-15", text[15:21]), g(33, 39, "DURATION", "P35Y", text[33:39])]
    rows = tx.classify_errors("doc1", text, gold, pred)
    assert [r["kind"] for r in rows] == ["boundary+value", "spurious", "missed"]
    boundary, spurious, missed = rows
    assert boundary["pattern"] == "boundary prediction shorter: -'le' left, -'dernier' right; value YYYY-MM-DD off by +7 days"
    assert spurious["pattern"] == "spurious DURATION '00 ans'" and spurious["gold"] is None
    assert missed["pattern"] == "missed TIME 'hier soir'" and missed["context"].endswith("[[hier soir]].")
    assert boundary["doc"] == "doc1" and boundary["gold"]["value"] == "1999-03-08" and boundary["predicted"]["value"] == "1999-03-15"
    summary = tx.error_summary(rows)
    assert summary["kinds"] == {"boundary": 1, "value": 1, "spurious": 1, "missed": 1}
    assert ["value YYYY-MM-DD off by +7 days", 1] in summary["patterns"]


def test_value_shapes_and_differences():
    assert tx.value_shape("1999-05-19TMO") == "YYYY-MM-DDTpod"
    assert tx.value_shape("2002-02-08T12:30-07") == "YYYY-MM-DDThh:mm"
    assert tx.value_shape("196X") == "decade" and tx.value_shape("PXD") == "duration"
    assert tx.value_shape("PRESENT_REF") == "PRESENT_REF" and tx.value_shape(None) == "none"
    assert tx.value_diff("1999-05-18", "1999-05-11") == "YYYY-MM-DD off by -7 days"
    assert tx.value_diff("1999-05-18", "1999") == "YYYY-MM-DD→YYYY"
    assert tx.value_diff("1999-05", "1998-05") == "YYYY-MM off by -12 months"
    assert tx.value_diff("1999-W20", "1999-W21") == "YYYY-Www off by +1 week"
    assert tx.value_diff("1999-05-18T21:45", "1999-05-18T09:45") == "YYYY-MM-DDThh:mm same day, time differs"
    assert tx.value_diff("P3D", None) == "duration unresolved"


# --------------------------------------------------------------------------- the hand-checked Recognizers cases


def test_load_checked_skips_the_header(tmp_path):
    path = tmp_path / "c.jsonl"
    path.write_text("# header\n\n" + json.dumps({"index": 1, "verdict": "accepted"}) + "\n", encoding="utf-8")
    assert tx.load_checked(path) == [{"index": 1, "verdict": "accepted"}]
    path.write_text("{oops\n", encoding="utf-8")
    with pytest.raises(ValueError, match="c.jsonl:1"):
        tx.load_checked(path)


def test_shipped_checked_file_is_consistent():
    header = tx.CHECKED_FILE.read_text(encoding="utf-8").splitlines()[0]
    assert header.startswith("#") and "Recognizers-Text" in header and "MIT" in header
    cases = tx.load_checked()
    assert len(cases) >= 150
    assert len({c["index"] for c in cases}) == len(cases)
    shapes = re.compile(r"[0-9X]{2,4}(-[0-9X]{2}(-[0-9X]{2})?)?(T.*)?|[0-9X]{4}-(W\d\d|Q\d|SU|SP|FA|WI|H\d).*|"
                        r"XXXX-WXX-.*|P.*|T.*|(PAST|PRESENT|FUTURE)_REF")
    for c in cases:
        assert c["verdict"] in ("accepted", "rejected"), c["index"]
        assert c["file"] == "Specs/DateTime/French/DateTimeModel.json"
        datetime.fromisoformat(c["reference"])
        (exp,) = c["expected"]
        assert c["input"][exp["start"]:exp["end"]] == exp["text"], c["index"]
        if c["verdict"] == "accepted":
            assert c["value_timex3"] and shapes.fullmatch(c["value_timex3"]), c["index"]
            assert c["type_timex3"] in tx.TYPES, c["index"]
            assert all(shapes.fullmatch(v) for v in c.get("value_alternatives", [])), c["index"]
        else:
            assert c["reason"] and c["why"], c["index"]
    reasons = {c["reason"] for c in cases if c["verdict"] == "rejected"}
    assert reasons <= {"unidiomatic", "misspelt", "wrong-reference", "wrong-value", "wrong-span", "ambiguous", "not-a-timex"}


def test_evaluate_recognizers_span_and_value_passes():
    cases = [
        {"index": 1, "input": "Je reviendrai demain", "reference": "2016-11-07T00:00:00", "verdict": "accepted",
         "expected": [{"text": "demain", "start": 14, "end": 20}], "value_timex3": "2016-11-08", "type_timex3": "DATE"},
        {"index": 2, "input": "Il y a deux ans", "reference": "2016-11-07T00:00:00", "verdict": "accepted",
         "expected": [{"text": "Il y a deux ans", "start": 0, "end": 15}], "value_timex3": "2014",
         "value_alternatives": ["2014-11-07"], "type_timex3": "DATE"},
        {"index": 3, "input": "pour 3 heures", "reference": "2016-11-07T00:00:00", "verdict": "accepted",
         "expected": [{"text": "3 heures", "start": 5, "end": 13}], "value_timex3": "PT3H", "type_timex3": "DURATION"},
        {"index": 4, "input": "cette décembre", "verdict": "rejected", "reason": "unidiomatic", "why": "gender"},
    ]
    outputs = {"fake": [[g(14, 20, "DATE", "2016-11-08")], [g(7, 15, "DATE", "2014-11-07")], [g(5, 13, "TIME", "T03")]],
               "broken": ["RuntimeError: boom", [], []]}
    r = tx.evaluate_recognizers(cases, outputs, details=True)
    assert (r["cases_checked"], r["accepted"], r["rejected"]) == (4, 3, 1)
    assert r["rejected_by_reason"] == {"unidiomatic": 1}
    fake = r["systems"]["fake"]["pass"]["all"]
    assert fake["cases"] == 3 and fake["span"] == 1.0 and fake["passed"] == 2
    assert fake["exact_span"] == pytest.approx(2 / 3, abs=1e-4)
    assert r["systems"]["fake"]["pass"]["DURATION"]["span_value"] == 0.0
    (failed,) = r["details"]["fake"]
    assert failed["index"] == 3 and failed["kind"] == "value"
    assert r["systems"]["broken"]["failures"] == [{"index": 1, "reason": "RuntimeError: boom"}]
    assert r["systems"]["broken"]["pass"]["all"]["passed"] == 0


# --------------------------------------------------------------------------- systems


def fake_find_timexes(text, dct, language="fr", doc=None):
    """A stand-in for vigie.nlp.timex: 'hier' and four-digit years."""
    day = dct.date() if isinstance(dct, datetime) else dct
    out = [Timex(m.start(), m.end(), m.group(), "DATE", (day.fromordinal(day.toordinal() - 1)).isoformat(), "dct")
           for m in re.finditer(r"\bhier\b", text)]
    out += [Timex(m.start(), m.end(), m.group(), "DATE", m.group()) for m in re.finditer(r"\b\d{4}\b", text)]
    return sorted(out, key=lambda t: t.start)


def test_vigie_system_with_a_fake_stage_and_without_a_stage(monkeypatch):
    system = tx.VigieSystem(fake_find_timexes, model=None)
    assert system.available
    (t,) = system("Il est venu hier.", date(1999, 5, 20))
    assert (t.text, t.value) == ("hier", "1999-05-19")
    import sys

    monkeypatch.setitem(sys.modules, "vigie.nlp.timex", None)  # the stage cannot be imported
    missing = tx.VigieSystem(model=None)
    assert not missing.available and "missing" in missing.note
    assert missing("hier", date(1999, 5, 20)) == []


def test_duckling_mapping_by_grain():
    def time_value(stamp, grain):
        return {"dim": "time", "value": {"type": "value", "value": stamp, "grain": grain}}

    assert tx.duckling_timex(time_value("1999-05-19T00:00:00.000+02:00", "day")) == ("DATE", "1999-05-19")
    assert tx.duckling_timex(time_value("1999-05-01T00:00:00.000+02:00", "month")) == ("DATE", "1999-05")
    assert tx.duckling_timex(time_value("1999-01-01T00:00:00.000+01:00", "year")) == ("DATE", "1999")
    assert tx.duckling_timex(time_value("1999-05-10T00:00:00.000+02:00", "week")) == ("DATE", "1999-W19")
    assert tx.duckling_timex(time_value("1999-05-19T21:45:00.000+02:00", "minute")) == ("TIME", "1999-05-19T21:45")
    assert tx.duckling_timex(time_value("1999-05-19T12:00:00.000+02:00", "hour")) == ("TIME", "1999-05-19T12:00")

    def interval(a, b, grain="hour"):
        return {"dim": "time", "value": {"type": "interval", "from": {"value": a, "grain": grain},
                                          "to": {"value": b, "grain": grain}}}

    assert tx.duckling_timex(interval("1999-05-19T18:00:00.000+02:00", "1999-05-20T00:00:00.000+02:00")) == \
        ("TIME", "1999-05-19TEV")
    assert tx.duckling_timex(interval("1999-05-21T18:00:00.000+02:00", "1999-05-24T00:00:00.000+02:00")) == \
        ("DATE", "1999-W20-WE")
    assert tx.duckling_timex(interval("1999-06-21T00:00:00.000+02:00", "1999-09-24T00:00:00.000+02:00", "day")) == \
        ("DATE", "1999-SU")
    assert tx.duckling_timex({"dim": "time", "value": {"type": "interval", "to": {"value": "2018-01-01T00:00:00.000+01:00",
                                                                                    "grain": "year"}}}) == ("DATE", "2018")
    assert tx.duckling_timex({"dim": "duration", "value": {"value": 3, "unit": "week"}}) == ("DURATION", "P3W")
    assert tx.duckling_timex({"dim": "duration", "value": {"value": 30, "unit": "minute"}}) == ("DURATION", "PT30M")
    assert tx.duckling_timex({"dim": "duration", "value": {"value": 1.5, "unit": "hour"}}) == ("DURATION", "PT1.5H")


class FakeSystem(tx.System):
    def __init__(self, name, finder=None, fail_on=None, available=True):
        self.name, self.finder, self.fail_on, self.available = name, finder, fail_on, available
        self.note = None if available else "not installed"

    def __call__(self, text, reference):
        if self.fail_on and self.fail_on in text:
            raise RuntimeError("boom")
        return [tx.TX(t.start, t.end, t.type, t.value, t.text) for t in self.finder(text, reference)] if self.finder else []


def test_run_on_a_small_timebank_with_fake_systems(tmp_path, capsys):
    folder = tmp_path / "fr-timebank" / "Data"
    folder.mkdir(parents=True)
    (folder / "a.tml").write_text(TML, encoding="utf-8")
    (folder / "b.tml").write_text(TML.replace("1999-05-20-0108", "B").replace("hier <EVENT", "en 1999 <EVENT"),
                                  encoding="utf-8")
    systems = [FakeSystem("vigie", fake_find_timexes), FakeSystem("broken", fail_on="en 1999"),
               FakeSystem("duckling", available=False)]
    checked = tmp_path / "checked.jsonl"
    checked.write_text("# header\n" + json.dumps(
        {"index": 7, "input": "Il est parti hier.", "reference": "2016-11-07T00:00:00", "verdict": "accepted",
         "expected": [{"text": "hier", "start": 13, "end": 17}], "value_timex3": "2016-11-06",
         "type_timex3": "DATE"}) + "\n", encoding="utf-8")
    report = tx.run(data_dir=tmp_path, details=True, systems=systems, checked_file=checked)
    tb = report["datasets"]["fr-timebank"]
    assert tb["documents"] == 2 and tb["gold"]["timexes"] == 6
    vigie = tb["systems"]["vigie"]
    # 'hier' inside 'hier matin', '1999' inside 'en 1999 matin': relaxed matches, wrong values (a day, not TMO)
    assert (vigie["strict"]["tp"], vigie["relaxed"]["tp"], vigie["value"]["tp"]) == (0, 2, 0)
    assert tb["systems"]["broken"]["failures"] == [{"id": "B", "reason": "RuntimeError: boom"}]
    assert tb["systems"]["duckling"]["relaxed"]["f1"] == 0.0
    assert any("not installed" in n for n in report["notes"])
    assert {r["kind"] for r in tb["details"]["vigie"]} == {"missed", "boundary+type+value"}
    rec = report["datasets"]["recognizers"]
    assert rec["systems"]["vigie"]["pass"]["all"] == {"cases": 1, "span": 1.0, "exact_span": 1.0, "span_value": 1.0,
                                                      "passed": 1}
    text = tx.format_report(report)
    assert "HeidelTime" in text and "errors by document" in text and "pass rate" in text
    json.dumps(report)  # plain JSON


def test_run_reports_a_missing_timebank(tmp_path):
    report = tx.run([tx.TIMEBANK], data_dir=tmp_path, systems=[FakeSystem("vigie", fake_find_timexes)])
    assert "fr-timebank" in report["skipped"] and report["datasets"] == {}
    assert "skipped fr-timebank" in tx.format_report(report)


# --------------------------------------------------------------------------- real data, when the checkout has it


def test_real_fr_timebank_reads_as_published():
    root = shared_path("data", "fr-timebank").parent
    docs = tx.read_fr_timebank(root)
    assert len(docs) == 73
    assert sum(len(d.gold) for d in docs) == 266
    assert all(d.dct is not None for d in docs)
    assert all(d.text[t.start:t.end] == t.text and t.type in tx.TYPES for d in docs for t in d.gold)


def test_real_checked_cases_match_the_spec():
    spec_path = shared_path("data", "recognizers-text-fr-datetime", "Specs", "DateTime", "French", "DateTimeModel.json")
    spec = json.loads(spec_path.read_text(encoding="utf-8-sig"))
    for case in tx.load_checked():
        upstream = spec[case["index"]]
        assert upstream["Input"] == case["input"]
        (result,) = upstream["Results"]
        assert result["Text"].lower() == case["expected"][0]["text"].lower()


def test_cli_eval_timex_on_one_document(tmp_path, capsys):
    from vigie.cli.main import main

    folder = tmp_path / "fr-timebank" / "Data"
    folder.mkdir(parents=True)
    (folder / "a.tml").write_text(TML, encoding="utf-8")
    assert main(["eval", "timex", "--dataset", "fr-timebank", "--data", str(tmp_path), "--model", "none",
                 "--details", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    tb = report["datasets"]["fr-timebank"]
    assert list(report["datasets"]) == ["fr-timebank"] and tb["documents"] == 1 and tb["gold"]["timexes"] == 3
    assert set(tb["systems"]) == {"vigie", "duckling", "dateparser"} and "details" in tb
    assert report["anchors"]["strict"]["f1"] == 0.8599 and report["targets"] == {"strict_f1": 0.86, "value_f1": 0.8}
