"""The events evaluation: readers (PLOVER GSR, CAMEO→PLOVER crosswalk, PETRARCH2 records, French
gold) and scorers, on hand-made inputs with fake vigie events."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from tests.conftest import shared_path
from vigie.eval import events as ev
from vigie.model import Event, EventArg

CROSSWALK = """# CAMEO to PLOVER conversion table
# PLOVER manual version Draft 0.8, 17-September-2021

03: AGREE
030: AGREE,  , diplomatic # Express intent to cooperate
04: CONSULT
041: CONSULT, phone,   # Discuss by telephone
064: COOPERATE, , intelligence  # Share intelligence or information
08: CONCEDE
080: CONCEDE,   ,  # Yield
08: RETREAT
0813: RETREAT, ,   legal # Ease curfew  21.09.17: "ease" is no longer a mode
091: ACCUSE, investigate, crime; corruption # Investigate crime, corruption
175: ASSAULT, pro_autocracy , military # Use violent repression
175: ASSAULT, pro_autocracy , military # Use tactics of violent repression
194: ASSAULT, heavy-weapons, military # Fight with artillery and tanks
~~~~~
"""

GSR_LINE = {
    "id": "PLOVER-GSR01-AGREE-0099", "language": "en", "event": "AGREE", "event_v05": "AGREE", "mode": [],
    "text": "Japanese and Italian officials agreed on Wednesday to cooperate.",
    "actor": [{"text": "Japanese", "code": "JAP", "sector": "GOV"}, {"text": "Italian", "code": "ITL", "sector": "GOV"}],
    "recipient": "diplomatic",  # as in one upstream record: a string, not a list
    "event_text": "agreed cooperate",
    "markup": "(SRC/TAR: Japanese) and (SRC/TAR: Italian officials) (EVT: agreed) on Wednesday to cooperate.",
}

PETRARCH_XML = """<Validation>
<!-- header comment -->
<Environment><Verbfile>PETR.Validate.verbs.txt</Verbfile></Environment>
<Sentences>
<Sentence date="19950101" id="DEMO-00" category="DEMO" sentence="true">
<!-- Simple coding -->
<EventCoding sourcecode="ARN" targetcode="GON" eventcode="064"></EventCoding>
<Text>
Arnor is about to restore full diplomatic ties
with Gondor.
</Text>
<Parse>(ROOT (S (NP (NNP Arnor))))</Parse>
</Sentence>
<Sentence date="19950101" id="ACTOR-14" category="ACTOR" sentence="true">
<EventCoding sourcecode="PRK" targetcode="KORGOV" eventcode="194"></EventCoding>
<Text>Pyongyang on Thursday fired two artillery shells at Seoul.</Text>
</Sentence>
<Sentence date="19950101" id="ACTOR-14" category="ACTOR" sentence="true">
<EventCoding sourcecode="KUWGOV" targetcode="IGOEEU" eventcode="030"></EventCoding>
<EventCoding sourcecode="IGOEEU" targetcode="KUWGOV" eventcode="030"></EventCoding>
<Text>Kuwait and the EU agree.</Text>
</Sentence>
<Sentence date="19950101" id="VERB-01" category="VERB" sentence="true">
<EventCoding sourcecode="ETH" targetcode="LBY" eventcode="1717"></EventCoding>
<Text>Ethiopia broke with Libya.</Text>
</Sentence>
<Sentence date="19950101" id="DEMO-09" category="DEMO" sentence="true">
<EventCoding sourcecode="HOB" targetcode="GON" eventcode="023"></EventCoding>
<Text>Bilbo said something about Gondor.</Text>
</Sentence>
<Sentence date="19950101" id="SYNSET-99" category="SYNSET" sentence="true">
<EventCoding sourcecode="ERI" targetcode="OSG" eventcode="041"></EventCoding>
<Text>Eriador welcomed Osgiliath.</Text>
</Sentence>
<Sentence date="19950101" id="DEMO-04" category="DEMO" sentence="false">
<EventCoding sourcecode="ARN" targetcode="GON" eventcode="064"></EventCoding>
<Text>Arnor is about to restore fxll diplomatic ties with Gondor.</Text>
</Sentence>
<Sentence date="19950101" id="ERROR-01" category="ERROR" sentence="true">
<EventCoding error="sentencediscard"></EventCoding>
<Text>A discarded sentence.</Text>
</Sentence>
<Sentence date="20000423" id="DATE-01" category="DATE" sentence="true">
<EventCoding noevents = "True"></EventCoding>
<Text>Nothing happened between Arnor and Gondor.</Text>
</Sentence>
</Sentences>
</Validation>
"""


def arg(text: str, country: str | None = None, igo: str | None = None, start: int = 0, actor: str | None = None):
    return EventArg(start, start + len(text), text, actor=actor, country=country, igo=igo)


def event(kind: str, trigger: tuple[int, int] = (10, 15), sentence: tuple[int, int] = (0, 100),
          source: EventArg | None = None, target: EventArg | None = None, **kw) -> Event:
    return Event(kind, sentence[0], sentence[1], trigger[0], trigger[1], "trig", source=source, target=target, **kw)


# --------------------------------------------------------------------------- codes and the crosswalk


def test_normalise_code_maps_legacy_cameo_codes():
    assert ev.normalise_code("JAP") == "JPN" and ev.normalise_code(" itl ") == "ITA"
    assert ev.normalise_code("FRA") == "FRA" and ev.normalise_code("IGO") == "IGO"
    assert ev.normalise_code(None) is None and ev.normalise_code("") is None


def test_arg_code_prefers_the_organisation_then_the_country_then_the_gazetteer_kind():
    assert ev.arg_code(None) is None
    assert ev.arg_code(arg("Kofi Annan", country="GHA", igo="UN")) == "IGO"
    assert ev.arg_code(arg("Tokyo", country="JAP")) == "JPN"
    kinds = {"ICRC": "NGO"}.get
    assert ev.arg_code(arg("the Red Cross", actor="ICRC"), kinds) == "NGO"
    assert ev.arg_code(arg("someone", actor="person/x"), kinds) is None


def test_crosswalk_reader():
    table = ev.parse_crosswalk(CROSSWALK)
    assert table["030"] == ev.Plover("AGREE", None, ("diplomatic",))
    assert table["041"] == ev.Plover("CONSULT", "phone", ())
    assert table["08"].type == "CONCEDE"  # '08' heads CONCEDE and RETREAT: the first wins, as 080
    assert table["0813"] == ev.Plover("RETREAT", None, ("legal",))  # a ':' in the comment
    assert table["091"].context == ("crime", "corruption")
    assert table["175"].type == "ASSAULT" and len(table) == 11
    assert ev.cameo_to_plover("194", table)[0].type == "ASSAULT"
    assert ev.cameo_to_plover("023", table) == (None, "CAMEO 01/02 (statements, appeals): no PLOVER type")
    assert ev.cameo_to_plover("903", table) == (None, "test code, not CAMEO")
    assert ev.cameo_to_plover("174K", table) == (None, "not a CAMEO code")
    assert ev.cameo_to_plover("066", table) == (None, "not in the crosswalk")  # no guess from the parent


# --------------------------------------------------------------------------- PLOVER GSR


def test_gsr_reader_normalises_codes_and_makes_reciprocal_actors_recipients(tmp_path):
    s = ev.parse_gsr(GSR_LINE)
    assert (s.id, s.type, s.event_text) == ("PLOVER-GSR01-AGREE-0099", "AGREE", "agreed cooperate")
    assert [(a.text, a.code, a.raw_code) for a in s.actors] == [("Japanese", "JPN", "JAP"), ("Italian", "ITA", "ITL")]
    assert s.reciprocal and s.source_codes == s.target_codes == {"JPN", "ITA"}
    one_way = ev.parse_gsr(GSR_LINE | {"markup": "(SRC: Japanese) (EVT: agreed) with (TAR: Italian)",
                                        "recipient": [{"text": "Italian", "code": "ITA", "sector": None}],
                                        "actor": [{"text": "Japanese", "code": "JPN", "sector": None}]})
    assert not one_way.reciprocal and one_way.source_codes == {"JPN"} and one_way.target_codes == {"ITA"}
    path = tmp_path / "gsr.jsonl"
    path.write_text(json.dumps(GSR_LINE) + "\n\n" + "{broken\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"gsr.jsonl:3"):
        ev.read_gsr(path)


def gsr(id_: str, kind: str, src: list[str], tgt: list[str]) -> ev.GsrSentence:
    return ev.GsrSentence(id_, "text", kind, actors=tuple(ev.GsrActor(c, c, c) for c in src),
                          recipients=tuple(ev.GsrActor(c, c, c) for c in tgt))


def test_main_group_is_the_first_event_and_those_of_its_type():
    a = event("ACCUSE", (30, 35))
    b = event("AGREE", (5, 10))
    c = event("AGREE", (40, 45))
    assert ev.main_group([a, b, c]) == [b, c] and ev.main_group([]) == []


def test_gsr_scores_type_accuracy_coverage_and_country_code_f1():
    sentences = [
        gsr("1", "AGREE", ["HUN", "ROU"], ["HUN", "ROU"]),  # reciprocal, coded as two events: all right
        gsr("2", "ASSAULT", ["USA"], ["IRQ"]),  # right type, wrong target
        gsr("3", "PROTEST", ["FRA"], []),  # wrong type, right actors
        gsr("4", "REQUEST", ["IGO"], ["SDN"]),  # no event
    ]
    outputs = [
        [event("AGREE", source=arg("Hungarian", "HUN"), target=arg("Romanian", "ROU")),
         event("AGREE", source=arg("Romanian", "ROU"), target=arg("Hungarian", "HUN"))],
        [event("ASSAULT", source=arg("US", "USA"), target=arg("Iran", "IRN")),
         event("ACCUSE", (50, 55), source=arg("Iraq", "IRQ"))],
        [event("ACCUSE", source=arg("France", "FRA"))],
        [],
    ]
    r = ev.score_gsr(sentences, outputs, details=True)
    assert (r["sentences"], r["covered"], r["coverage"], r["type_right"]) == (4, 3, 0.75, 2)
    assert r["type_accuracy"] == 0.5 and r["type_any_accuracy"] == 0.5
    assert (r["type"]["tp"], r["type"]["fp"], r["type"]["fn"]) == (2, 1, 2)
    assert r["type"]["precision"] == round(2 / 3, 4) and r["type"]["recall"] == 0.5
    # sources: {HUN,ROU} ok, {USA} ok, {FRA} ok, {IGO} missed
    assert (r["source"]["tp"], r["source"]["fp"], r["source"]["fn"]) == (4, 0, 1)
    # targets: {HUN,ROU} ok; IRN for IRQ (the ACCUSE event is not in the main group); ∅ ok; SDN missed
    assert (r["target"]["tp"], r["target"]["fp"], r["target"]["fn"]) == (2, 1, 2)
    # both right: sentences 1 and 3 (type not required); with the type: sentence 1 only
    assert (r["source_target"]["tp"], r["source_target"]["fp"], r["source_target"]["fn"]) == (2, 1, 2)
    assert r["type_source_target"]["tp"] == 1
    assert r["per_type"]["ACCUSE"]["fp"] == 1 and r["per_type"]["PROTEST"]["fn"] == 1
    assert r["confusions"] == {"PROTEST→ACCUSE": 1, "REQUEST→none": 1}
    rows = {row["id"]: row for row in r["details"]}
    assert set(rows) == {"2", "3", "4"} and rows["2"]["errors"] == ["target"]
    assert rows["3"]["errors"] == ["type"] and rows["4"]["errors"] == ["no-event"]
    assert rows["2"]["vigie_target"] == ["IRN"] and rows["2"]["gold_target"] == ["IRQ"]
    assert len(rows["2"]["vigie"]) == 2


def test_gsr_all_empty_output_is_all_zero():
    r = ev.score_gsr([gsr("1", "AGREE", ["FRA"], [])], [[]])
    assert r["type_accuracy"] == 0.0 and r["source_target"]["f1"] == 0.0 and r["coverage"] == 0.0


# --------------------------------------------------------------------------- PETRARCH2


def test_petrarch_reader():
    cases = ev.parse_petrarch(PETRARCH_XML, ev.parse_crosswalk(CROSSWALK))
    assert [c.id for c in cases] == ["DEMO-00", "ACTOR-14", "ACTOR-14#2", "VERB-01", "DEMO-09", "SYNSET-99",
                                     "DEMO-04", "ERROR-01", "DATE-01"]
    demo = cases[0]
    assert demo.text == "Arnor is about to restore full diplomatic ties with Gondor."
    assert demo.date == date(1995, 1, 1) and demo.category == "DEMO"
    assert demo.codings == (ev.PetrCoding("ARN", "GON", "064", "COOPERATE"),) and demo.excluded is None
    assert [c.plover for c in cases[2].codings] == ["AGREE", "AGREE"]
    assert cases[3].excluded == "not in the crosswalk"
    assert cases[4].excluded.startswith("CAMEO 01/02")
    assert cases[6].excluded.startswith('sentence="false"')
    assert cases[7].excluded == "error record (sentencediscard)"
    assert cases[8].noevents and cases[8].excluded is None and cases[8].date == date(2000, 4, 23)


def test_petrarch_actor_codes():
    iso = {"PRK", "KOR", "KWT", "ERI", "LBY"}
    assert ev.petrarch_actor("KORGOV", iso) == ("KOR", True)
    assert ev.petrarch_actor("KUWGOV", iso) == ("KWT", True)  # legacy code
    assert ev.petrarch_actor("IGOEEU", iso) == ("IGO", True)
    assert ev.petrarch_actor(None, iso) == (None, True)
    assert ev.petrarch_actor("ARNGOV", iso) == (None, False)  # Arnor
    assert ev.petrarch_actor("ERI", iso) == (None, False)  # Eriador, not Eritrea
    assert ev.petrarch_actor('"THE MINISTRY OF MAGIC"', iso) == (None, False)


def test_petrarch_pass_rates():
    cases = ev.parse_petrarch(PETRARCH_XML, ev.parse_crosswalk(CROSSWALK))
    iso = {"PRK", "KOR", "KWT", "LBY", "ETH"}
    outputs = {
        "DEMO-00": [event("COOPERATE", source=arg("Arnor"), target=arg("Gondor"))],  # type pass, no actor check
        "ACTOR-14": [event("ASSAULT", source=arg("Pyongyang", "PRK"), target=arg("Seoul", "KOR"))],  # full pass
        "ACTOR-14#2": [event("AGREE", source=arg("Kuwait", "KWT"), target=arg("EU", igo="EU")),
                       event("AGREE", source=arg("EU", igo="EU"), target=arg("Kuwait", "IRQ"))],  # one wrong target
        "SYNSET-99": [event("CONSULT")],  # type pass; actors fictional (ERI is Eriador)
        "DATE-01": [event("AGREE")],  # a no-event case with an event
    }
    r = ev.score_petrarch(cases, [outputs.get(c.id, []) for c in cases], iso, details=True)
    assert (r["cases"], r["usable"], r["actor_usable"], r["noevents"]) == (9, 4, 2, 1)
    assert r["excluded"] == {"not in the crosswalk": 1, "CAMEO 01/02 (statements, appeals): no PLOVER type": 1,
                             'sentence="false" (not implemented in PETRARCH2)': 1, "error record (sentencediscard)": 1}
    assert (r["type_pass"], r["type_pass_rate"]) == (4, 1.0)
    assert (r["full_pass"], r["full_pass_rate"]) == (1, 0.5)
    assert (r["noevents_pass"], r["noevents_pass_rate"]) == (0, 0.0)
    assert r["actor_excluded_codes"] == {"ARN": 1, "GON": 1, "ERI": 1, "OSG": 1}
    rows = {row["id"]: row["errors"] for row in r["details"]}
    assert rows == {"ACTOR-14#2": ["actors"], "DATE-01": ["spurious"]}
    assert r["by_category"]["ACTOR"] == {"usable": 2, "type_pass": 2, "actor_usable": 2, "full_pass": 1}


# --------------------------------------------------------------------------- French gold


def gold_record(doc: str = "2016_01_10-001", kind: str = "SANCTION", sentence=(0, 60), trigger=(10, 16),
                source=None, target=None, **kw) -> dict:
    return {"doc": doc, "sentence": list(sentence), "trigger": list(trigger), "type": kind, "mode": None,
            "source": source, "target": target, "date": None, "negated": False, "hypothetical": False,
            "historical": False, **kw}


RUSSIE = {"text": "La Russie", "span": [0, 9], "name": "Russie", "country": "RUS", "igo": None, "sector": None}


def test_gold_reader(tmp_path):
    path = tmp_path / "gold.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in (
        gold_record(source=RUSSIE, date="2016", negated=True),
        gold_record(doc="2016_02_01-002", kind="assault", target={"text": "l'OTAN", "span": [20, 26], "igo": "NATO"}),
    )) + "\n", encoding="utf-8")
    gold, docs = ev.read_gold(path)
    assert docs == ["2016_01_10-001", "2016_02_01-002"]  # no docs.txt: the documents the gold names
    (a,), (b,) = gold["2016_01_10-001"], gold["2016_02_01-002"]
    assert (a.type, a.sentence, a.trigger, a.date, a.negated) == ("SANCTION", (0, 60), (10, 16), "2016", True)
    assert a.source == ev.Arg("La Russie", (0, 9), "Russie", "RUS", None, None) and a.target is None
    assert b.type == "ASSAULT" and b.target.igo == "NATO" and b.target.country is None
    (tmp_path / "docs.txt").write_text("2016_01_10-001\n2016_03_03-001\n", encoding="utf-8")
    assert ev.read_gold(path)[1] == ["2016_01_10-001", "2016_03_03-001"]
    path.write_text(json.dumps(gold_record(kind="WAGE_WAR")) + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match="gold.jsonl:1.*PLOVER"):
        ev.read_gold(path)
    path.write_text(json.dumps(gold_record(trigger=[5])) + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match="trigger"):
        ev.read_gold(path)
    assert ev.dct_of("2016_01_10-001").date() == date(2016, 1, 10) and ev.dct_of("doc") is None


def g_ev(kind="SANCTION", sentence=(0, 60), trigger=(10, 16), source=None, target=None, **kw) -> ev.Ev:
    return ev.Ev(kind, sentence, trigger, source=source, target=target, **kw)


def test_same_arg_and_same_date():
    fr = ev.Arg("la France", (0, 9), country="FRA")
    assert ev.same_arg(None, None) and not ev.same_arg(fr, None) and not ev.same_arg(None, fr)
    assert ev.same_arg(fr, ev.Arg("Paris", (50, 55), country="FRA"))  # same country, other words
    assert ev.same_arg(ev.Arg("l'OTAN", (0, 6), igo="NATO"), ev.Arg("l'Alliance", (40, 50), igo="nato"))
    assert ev.same_arg(fr, ev.Arg("France", (3, 9)))  # overlapping words, no code
    assert not ev.same_arg(fr, ev.Arg("l'Allemagne", (20, 31), country="DEU"))
    assert ev.same_date("2016-01-10", "2016-01-10") and ev.same_date("2016", "2016-01-10")
    assert not ev.same_date("2016-01", "2016-01-10") and not ev.same_date("2016-01-10", None)


def test_matching_is_one_to_one_and_prefers_overlapping_triggers():
    gold = [g_ev(trigger=(10, 16)), g_ev(trigger=(30, 36))]
    pred = [g_ev(trigger=(31, 35)), g_ev(trigger=(12, 14)), g_ev(trigger=(40, 44))]
    assert ev.match_events(gold, pred) == [(0, 1), (1, 0)]
    # other sentence or other type: no match
    assert ev.match_events([g_ev()], [g_ev(sentence=(61, 90), trigger=(70, 75)), g_ev("AGREE")]) == []
    # two gold, one prediction: one pair only
    assert len(ev.match_events([g_ev(), g_ev(trigger=(20, 25))], [g_ev(trigger=(21, 24))])) == 1


def test_gold_scores_type_tuple_flags_and_date():
    rus, fra = ev.Arg("la Russie", (0, 9), country="RUS"), ev.Arg("la France", (20, 29), country="FRA")
    gold = [g_ev(source=rus, target=fra, date="2016", negated=True),
            g_ev("ASSAULT", trigger=(40, 45), source=fra, target=None, date="2016-01-10"),
            g_ev("PROTEST", sentence=(61, 120), trigger=(70, 75))]
    pred = [g_ev(trigger=(11, 15), source=ev.Arg("Moscou", (50, 56), country="RUS"), target=fra,
                 date="2016-01-10", negated=False),
            g_ev("ASSAULT", trigger=(40, 45), source=rus, date="2016-01-09"),
            g_ev("AGREE", sentence=(61, 120), trigger=(80, 85))]
    counts, pairs = ev.score_gold_doc(gold, pred)
    s = counts.scores()
    assert pairs == [(0, 0), (1, 1)]
    assert (s["type"]["tp"], s["type"]["fp"], s["type"]["fn"]) == (2, 1, 1)
    assert (s["tuple"]["tp"], s["tuple"]["fp"], s["tuple"]["fn"]) == (1, 2, 2)  # ASSAULT: wrong source
    assert s["per_type"]["SANCTION"]["tuple"]["f1"] == 1.0 and s["per_type"]["ASSAULT"]["tuple"]["f1"] == 0.0
    assert s["per_type"]["AGREE"]["type"]["fp"] == 1 and s["per_type"]["PROTEST"]["type"]["fn"] == 1
    assert s["flags"]["negated"] == {"accuracy": 0.5, "right": 1, "total": 2}
    assert s["flags"]["historical"]["accuracy"] == 1.0
    assert s["date"] == {"accuracy": 0.5, "right": 1, "total": 2}  # year 2016 right, 2016-01-09 wrong
    rows = ev.gold_errors("doc", "x" * 120, gold, pred, pairs)
    kinds = [(r["gold_type"], r["vigie_type"], r["errors"]) for r in rows]
    assert kinds == [("SANCTION", "SANCTION", ["negated"]), ("ASSAULT", "ASSAULT", ["source", "date"]),
                     ("PROTEST", "AGREE", ["type"]), (None, "AGREE", ["spurious"])]


def test_ev_of_reads_a_vigie_event():
    e = event("COERCE", (4, 9), (0, 30), source=arg("Paris", "FRA", start=0), date="2016-01-10", hypothetical=True)
    x = ev.ev_of(e)
    assert (x.type, x.sentence, x.trigger, x.date, x.hypothetical) == ("COERCE", (0, 30), (4, 9), "2016-01-10", True)
    assert x.source == ev.Arg("Paris", (0, 5), None, "FRA", None, None) and x.target is None


# --------------------------------------------------------------------------- running, with a fake vigie


def write_english(root) -> None:
    (root / "plover-gsr").mkdir(parents=True)
    (root / "plover-gsr" / "PLOVER_GSR_CAMEO.flat.jsonl").write_text(json.dumps(GSR_LINE) + "\n", encoding="utf-8")
    (root / "plover-gsr" / "CAMEO2PLOVER-2021.txt").write_text(CROSSWALK, encoding="utf-8")
    (root / "petrarch2-unittest").mkdir()
    (root / "petrarch2-unittest" / "PETR.UnitTest.records.xml").write_text(PETRARCH_XML, encoding="utf-8")


def test_run_english_with_a_fake_vigie(tmp_path):
    write_english(tmp_path)
    seen = []

    def fake(articles):
        seen.extend((a.item, a.language, a.published.date().isoformat()) for a in articles)
        return [[event("AGREE", source=arg("Japanese", "JPN"), target=arg("Italian", "ITA")),
                 event("AGREE", source=arg("Italian", "ITA"), target=arg("Japanese", "JPN"))]
                if a.item.startswith("PLOVER") else "no model" if a.item == "DEMO-00" else [] for a in articles]

    report = ev.run(ev.ENGLISH, data_dir=tmp_path, annotate=fake, iso=frozenset({"PRK", "KOR", "KWT"}))
    assert seen[0] == ("PLOVER-GSR01-AGREE-0099", "en", "2000-01-01")
    assert ("DATE-01", "en", "2000-04-23") in seen and all(i != "VERB-01" for i, _, _ in seen)  # excluded: not run
    g = report["datasets"]["plover-gsr"]
    assert g["type_accuracy"] == 1.0 and g["source_target"]["f1"] == 1.0 and g["reciprocal"] == 1
    assert g["gold_codes_normalised"] == {"JAP→JPN": 2, "ITL→ITA": 2}
    p = report["datasets"]["petrarch2"]
    assert p["failures"] == [{"id": "DEMO-00", "reason": "no model"}] and p["noevents_pass"] == 1
    assert report["notes"] == [] and report["stage"]["available"]
    text = ev.format_report(report)
    assert "plover-gsr: 1 sentences" in text and "petrarch2: 9 cases" in text
    assert ev.run(ev.ENGLISH, data_dir=tmp_path / "none", annotate=fake, iso=frozenset())["skipped"].keys() == {
        "plover-gsr", "petrarch2"}


def test_run_gold_with_a_fake_vigie_and_details(tmp_path):
    text = "La Russie expulse deux diplomates français.\nLa France proteste.\n"
    folder = tmp_path / "winer" / "2016" / "01"
    folder.mkdir(parents=True)
    (folder / "2016_01_10-001.txt").write_text(text, encoding="utf-8")
    gold_dir = tmp_path / "gold"
    gold_dir.mkdir()
    (gold_dir / "docs.txt").write_text("2016_01_10-001\n2016_01_11-009\n", encoding="utf-8")
    gold = gold_dir / "events.jsonl"
    gold.write_text(json.dumps(gold_record(sentence=(0, 43), trigger=(10, 17), source=RUSSIE, target={
        "text": "deux diplomates français", "span": [18, 42], "country": "FRA"}, date="2016-01-10")) + "\n",
        encoding="utf-8")

    def fake(articles):
        (a,) = articles
        assert a.language == "fr" and a.published.date() == date(2016, 1, 10) and a.title == text.split("\n")[0]
        return [[event("SANCTION", (10, 17), (0, 43), source=arg("La Russie", "RUS"),
                       target=arg("diplomates", "FRA", start=23), date="2016-01-10"),
                 event("PROTEST", (54, 62), (44, 63), source=arg("La France", "FRA", start=44))]]

    report = ev.run((), gold=gold, docs=tmp_path / "winer", annotate=fake, details=True)
    r = report["datasets"]["gold"]
    assert r["documents"] == 1 and r["missing_documents"] == ["2016_01_11-009"] and r["gold_events"] == 1
    assert (r["type"]["precision"], r["type"]["recall"], r["tuple"]["tp"]) == (0.5, 1.0, 1)
    assert r["date"]["accuracy"] == 1.0
    (row,) = r["details"]
    assert row["errors"] == ["spurious"] and row["vigie_type"] == "PROTEST" and row["sentence"] == "La France proteste."
    assert "spurious" in ev.format_report(report)
    gold.write_text(json.dumps(gold_record(sentence=(0, 400))) + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match="outside the text"):
        ev.run((), gold=gold, docs=tmp_path / "winer", annotate=fake)


def test_stage_note_when_the_stage_cannot_be_imported(monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "vigie.nlp.events", None)
    assert "missing" in ev.stage_note()


def test_cli_events_usage_errors(tmp_path, capsys):
    from vigie.cli.main import main

    assert main(["eval", "events", "--gold", str(tmp_path / "g.jsonl")]) == 2
    assert main(["eval", "events", "--gold", str(tmp_path / "g.jsonl"), "--docs", str(tmp_path)]) == 2
    assert main(["eval", "events", "--limit", "0"]) == 2


def test_cli_events_on_a_tiny_french_gold(tmp_path, capsys, annotator):
    """The real annotator (small French model): with or without an events stage, the run goes through."""
    from vigie.cli.main import main

    text = "La Russie expulse deux diplomates français.\n"
    (tmp_path / "2016_01_10-001.txt").write_text(text, encoding="utf-8")
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps(gold_record(sentence=(0, 43), trigger=(10, 17), source=RUSSIE)) + "\n",
                    encoding="utf-8")
    assert main(["eval", "events", "--gold", str(gold), "--docs", str(tmp_path), "--model", "fr_core_news_sm",
                 "--json", "--details"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert list(report["datasets"]) == ["gold"] and report["datasets"]["gold"]["gold_events"] == 1
    if not report["datasets"]["gold"]["events"]:
        assert report["notes"] and report["datasets"]["gold"]["type"]["f1"] == 0.0


# --------------------------------------------------------------------------- the shared data, when present


def test_real_english_sets_read():
    root = shared_path("data")
    gsr_path = shared_path("data", "plover-gsr", "PLOVER_GSR_CAMEO.flat.jsonl")
    sentences = ev.read_gsr(gsr_path)
    assert len(sentences) >= 100 and all(s.type in ev.PLOVER_TYPES for s in sentences)
    crosswalk = ev.read_crosswalk(root / "plover-gsr" / "CAMEO2PLOVER-2021.txt")
    assert crosswalk["163"].type == "COERCE" and crosswalk["080"].type == "CONCEDE"
    cases = ev.read_petrarch(shared_path("data", "petrarch2-unittest", "PETR.UnitTest.records.xml"), crosswalk)
    assert len(cases) == 284 and sum(1 for c in cases if not c.excluded and not c.noevents) > 100


def test_real_french_gold_spans_are_in_their_texts():
    gold_path = Path(__file__).resolve().parents[1] / "gold" / "events" / "winer-fr-dev.jsonl"
    if not gold_path.exists():
        pytest.skip(f"{gold_path} not written yet")
    winer = shared_path("data", "winer-fr")
    from vigie.eval.matching import listed_documents

    gold, docs = ev.read_gold(gold_path)
    _, texts, _ = listed_documents(winer, docs)
    for doc, events in gold.items():
        n = len(texts[doc])
        assert all(e.sentence[1] <= n and e.trigger[0] >= e.sentence[0] and e.trigger[1] <= e.sentence[1]
                   for e in events), doc
