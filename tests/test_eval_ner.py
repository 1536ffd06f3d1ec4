"""The NER evaluation: WiNER reading, the outermost-gold rule, strict and partial scores, error kinds."""

from __future__ import annotations

import json
import os

import pytest

from tests.conftest import shared_path
from vigie.eval import datasets as ds
from vigie.eval import ner
from vigie.eval.ner import NE

TEXT = "Jean Dupont , maire de Valence , a reçu la Banque de France à Paris ."


def span(text: str, label: str, start_at: int = 0) -> NE:
    start = TEXT.index(text, start_at)
    return NE(start, start + len(text), label, text)


# --------------------------------------------------------------------------- reading WiNER


def test_parse_ann_reads_text_bound_annotations_only():
    ann = "T1\tPerson 0 11\tJean Dupont\nR1\tRel Arg1:T1 Arg2:T2\n#1\tNote T1\tx\nT2\tLocation 5 8;10 12\tx y\n"
    assert ner.parse_ann(ann) == [("Person", 0, 11), ("Location", 5, 12)]


def test_gold_keeps_outermost_mentions_and_counts_the_nested_ones():
    bank, france = span("Banque de France", "ORG"), span("France", "LOC")
    entries = [("Person", 0, 11), ("Location", 23, 30), ("Organization", bank.start, bank.end),
               ("Location", france.start, france.end), ("Date", 64, 66), ("Product", 0, 4)]
    gold, nested, other, double = ner.gold_mentions(entries, TEXT)
    assert [(g.label, g.text) for g in gold] == [("PER", "Jean Dupont"), ("LOC", "Valence"),
                                                  ("ORG", "Banque de France")]
    assert [(n.label, n.text) for n in nested] == [("LOC", "France")]
    assert [o.label for o in other] == ["Product", "Date"]
    assert double == 0


def test_gold_person_inside_a_product_is_kept_and_two_types_on_one_span_count_once():
    # "Jean" (Person) inside a Product: other types do not hide a mention
    gold, nested, _, double = ner.gold_mentions(
        [("Product", 0, 11), ("Person", 0, 4), ("Location", 23, 30), ("Organization", 23, 30)], TEXT)
    assert [(g.label, g.text) for g in gold] == [("PER", "Jean"), ("LOC", "Valence")]
    assert nested == [] and double == 1


def test_read_winer_missing_folder(tmp_path):
    with pytest.raises(ds.DatasetMissing):
        ner.read_winer(tmp_path)
    report = ner.run(data_dir=tmp_path)
    assert "skipped" in report and "skipped winer-fr" in ner.format_report(report)


def test_read_winer_tiny_corpus(tmp_path):
    folder = tmp_path / "winer-fr" / "2016" / "01"
    folder.mkdir(parents=True)
    text = "Titre : Paris\n\nLe 1er janvier .\nJean va à Lyon ."
    (folder / "2016_01_02-001.txt").write_text(text, encoding="utf-8")
    (folder / "2016_01_02-001.ann").write_text("T1\tLocation 8 13\tParis\nT2\tLocation 42 46\tLyon\n", encoding="utf-8")
    (folder.parent / "2016-01-urls.txt").write_text("2016_01_02-001\thttps://fr.wikinews.org/wiki/X\n", encoding="utf-8")
    (doc,) = ner.read_winer(tmp_path)
    assert doc.id == "2016_01_02-001" and doc.published.isoformat() == "2016-01-02"
    assert doc.url == "https://fr.wikinews.org/wiki/X"
    assert [g.text for g in doc.gold] == ["Paris", "Lyon"]
    article = ner.article_of(doc)
    assert article.text == text and article.language == "fr"
    assert [(b.kind, text[b.start:b.end]) for b in article.blocks] == [
        ("title", "Titre : Paris"), ("paragraph", "Le 1er janvier ."), ("paragraph", "Jean va à Lyon .")]


# --------------------------------------------------------------------------- scores


def test_strict_and_partial_by_hand():
    gold = [span("Jean Dupont", "PER"), span("Valence", "LOC"), span("Banque de France", "ORG"), span("Paris", "LOC")]
    pred = [span("Jean Dupont", "PER"),  # right
            span("maire de Valence", "LOC"),  # boundary: partial only
            span("Banque de France", "LOC"),  # wrong type: neither
            span("Paris", "LOC"),  # right
            span("Paris", "LOC"),  # the same prediction twice counts once
            span("France", "MISC")]  # MISC is not scored
    counts = ner.score_doc(gold, pred)
    s = {mode: ner.summarise(c) for mode, c in counts.items()}
    assert (s["strict"]["PER"]["tp"], s["strict"]["PER"]["fp"], s["strict"]["PER"]["fn"]) == (1, 0, 0)
    assert (s["strict"]["LOC"]["tp"], s["strict"]["LOC"]["fp"], s["strict"]["LOC"]["fn"]) == (1, 2, 1)
    assert (s["strict"]["ORG"]["tp"], s["strict"]["ORG"]["fp"], s["strict"]["ORG"]["fn"]) == (0, 0, 1)
    assert s["strict"]["all"]["precision"] == pytest.approx(2 / 4)
    assert s["strict"]["all"]["recall"] == pytest.approx(2 / 4)
    assert (s["partial"]["LOC"]["tp"], s["partial"]["LOC"]["fp"], s["partial"]["LOC"]["fn"]) == (2, 1, 0)
    assert s["partial"]["all"]["f1"] == pytest.approx(2 * 3 / (2 * 3 + 1 + 1))


def test_partial_is_one_to_one():
    gold = [span("Jean", "PER"), span("Dupont", "PER")]
    pred = [span("Jean Dupont", "PER")]
    c = ner.score_doc(gold, pred)["partial"]["PER"]
    assert (c.tp, c.fp, c.fn) == (1, 0, 1)


def test_prf_empty_is_zero():
    assert ner.PRF().scores()["f1"] == 0.0 and ner.PRF(fn=3).scores()["recall"] == 0.0


def test_error_kinds():
    gold = [span("Jean Dupont", "PER"), span("Valence", "LOC"), span("Banque de France", "ORG"), span("Paris", "LOC")]
    doc = ner.NerDoc("d", TEXT, gold, nested=[span("France", "LOC")], other=[span("à", "Hour")])
    pred = [span("Dupont", "PER"), span("Valence", "ORG"), span("France", "LOC"), span("reçu", "PER"),
            span("Paris", "MISC"), span("à", "ORG")]
    errors = ner.classify_errors(doc, pred)
    fn = {e["text"]: e["kind"] for e in errors["fn"]}
    fp = {e["text"]: e["kind"] for e in errors["fp"]}
    assert fn == {"Jean Dupont": "boundary", "Valence": "type", "Banque de France": "boundary+type", "Paris": "type"}
    assert fp["Dupont"] == "boundary" and fp["Valence"] == "type"
    assert fp["France"] == "nested"  # right, but the outer ORG is what is scored
    assert fp["reçu"] == "spurious"
    assert fp["à"] == "gold:Hour"
    assert "[[Jean Dupont]] , maire" in errors["fn"][0]["context"]


def test_evaluate_counts_failures_as_empty_output():
    doc = ner.NerDoc("d", TEXT, [span("Paris", "LOC")])
    result = ner.evaluate([doc], {"spacy": [[span("Paris", "LOC")]], "vigie": ["model missing"]}, details=True)
    assert result["systems"]["spacy"]["strict"]["all"]["f1"] == 1.0
    assert result["systems"]["vigie"]["strict"]["all"]["fn"] == 1
    assert result["systems"]["vigie"]["failures"] == [{"id": "d", "reason": "model missing"}]
    assert result["details"][0]["vigie"]["fn"][0]["kind"] == "missed"


def test_forced_model_restores_the_environment():
    before = os.environ.get("VIGIE_FR_MODEL")
    with ner.forced_model("some_model"):
        assert os.environ["VIGIE_FR_MODEL"] == "some_model"
    assert os.environ.get("VIGIE_FR_MODEL") == before


# --------------------------------------------------------------------------- three real documents


def test_cli_eval_ner_on_three_documents(capsys):
    from vigie.cli.main import main

    root = shared_path("data", "winer-fr").parent
    assert main(["eval", "ner", "--limit", "3", "--model", "fr_core_news_sm", "--json", "--details",
                 "--data", str(root)]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["documents"] == 3 and report["model"] == "fr_core_news_sm"
    assert set(report["systems"]) == {"spacy", "vigie"}
    for system in report["systems"].values():
        assert set(system["strict"]) == {"PER", "LOC", "ORG", "all"}
        assert 0 < system["partial"]["all"]["f1"] <= 1
        assert system["strict"]["all"]["f1"] <= system["partial"]["all"]["f1"]
    assert report["gold"]["mentions"]["all"] > 0
    assert all(t["docs_per_s"] for t in report["timing"].values())
    assert os.environ.get("VIGIE_FR_MODEL") == "fr_core_news_sm"
