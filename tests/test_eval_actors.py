"""The actors evaluation: HIPE TSV reading, linking and metonymy counting with fake mentions."""

from __future__ import annotations

import json

import pytest

from tests.conftest import shared_path
from vigie.eval import actors as ac
from vigie.eval import datasets as ds
from vigie.model import Mention

HEADER = "\t".join(ac.COLUMNS)


def row(token: str, lit: str = "O", meto: str = "O", nel: str = "_", nel_meto: str = "_", misc: str = "_") -> str:
    return f"{token}\t{lit}\t{meto}\tO\tO\tO\tO\t{nel}\t{nel_meto}\t{misc}"


TSV = "\n".join([
    HEADER,
    "# language = fr", "# newspaper = GDL", "# date = 1914-08-02", "# document_id = GDL-1914-08-02-a-i0001",
    row("La", misc="_"),
    row("Russie", "B-loc", "B-org", "Q159", "Q159", "NoSpaceAfter"),
    row(",", misc="EndOfLine"),
    row("M", "B-pers", nel="Q1", misc="NoSpaceAfter"),
    row(".", "I-pers", nel="Q1", misc="EndOfLine"),
    row("Sazonov", "I-pers", nel="Q1"),
    row("et", misc="_"),
    row("l", misc="NoSpaceAfter"),
    row("'", misc="EndOfLine|NoSpaceAfter"),
    row("Autriche", "B-loc", nel="Q40"),
    row("#"),
    "",
    "# language = fr", "# newspaper = IMP", "# date = 1950-01-01", "# document_id = IMP-1950-01-01-a-i0002",
    row("Berne", "B-loc", "B-org", "Q70", "Q39"),
    row("Genève", "I-loc", nel="Q70"),  # an I- continuing the mention
    row("Paris", "I-org", nel="NIL"),  # an I- of another type starts a mention
    "",
])


# --------------------------------------------------------------------------- reading HIPE


def test_rebuild_text_honours_no_space_after_and_end_of_line():
    text, offsets = ac.rebuild_text([("l", "NoSpaceAfter"), ("'", "EndOfLine|NoSpaceAfter"), ("Etat", "_"),
                                     ("Berne", "NoSpaceAfter|LED0.00"), (".", "EndOfLine"), ("Fin", "EndOfLine")])
    assert text == "l'\nEtat Berne.\nFin"
    assert [text[s:e] for s, e in offsets] == ["l", "'", "Etat", "Berne", ".", "Fin"]
    assert ac.rebuild_text([]) == ("", [])


def test_parse_hipe_documents_metadata_and_mentions():
    first, second = ac.parse_hipe(TSV, "dev")
    assert first.id == "GDL-1914-08-02-a-i0001" and first.newspaper == "GDL"
    assert first.date.isoformat() == "1914-08-02" and first.tokens == 11
    assert first.text == "La Russie,\nM.\nSazonov et l'\nAutriche #"
    assert [(g.label, g.text, g.qid) for g in first.literal] == [
        ("loc", "Russie", "Q159"), ("pers", "M.\nSazonov", "Q1"), ("loc", "Autriche", "Q40")]
    assert first.literal[0].meto_qid == "Q159" and first.literal[0].linked
    assert [(g.label, g.text, g.qid) for g in first.metonymic] == [("org", "Russie", "Q159")]
    assert [(g.label, g.text, g.qid) for g in second.literal] == [("loc", "Berne Genève", "Q70"),
                                                                   ("org", "Paris", "NIL")]
    assert not second.literal[1].linked
    assert [(g.text, g.qid) for g in second.metonymic] == [("Berne", "Q39")]


def test_article_keeps_offsets_and_dates_from_the_issue():
    doc = ac.parse_hipe(TSV, "dev")[0]
    article = ac.article_of(doc)
    assert len(article.text) == len(doc.text) and "\n" not in article.text
    assert article.text[doc.literal[1].start:doc.literal[1].end] == "M. Sazonov"
    assert article.published.date() == doc.date and article.language == "fr"


def test_read_hipe_missing(tmp_path):
    with pytest.raises(ds.DatasetMissing):
        ac.read_hipe(tmp_path, "dev")


# --------------------------------------------------------------------------- the gazetteer's QIDs


def test_qid_table_and_gazetteer_listing():
    table = ac.QidTable({"RUS": "Q159", "AUT": "http://www.wikidata.org/entity/Q40", "XYZ": None},
                        lookup=lambda a: "Q1" if a == "person/sazonov" else None)
    assert table.known == {"Q159", "Q40"}
    assert table.qid("AUT") == "Q40" and table.qid(None) is None and table.qid("XYZ") is None
    assert table.qid("person/sazonov") == "Q1" and table.known == {"Q159", "Q40"}  # looked up, not "known"

    class Record:
        def __init__(self, id):
            self.id = id

    class ByList:
        def __init__(self):
            self.actors = [Record("RUS"), Record("AUT")]

    class ByMapping:
        def __init__(self):
            self.actors = {"RUS": object()}

    class ByIds:
        def ids(self):
            return iter(["FRA"])

    assert ac._actor_ids(ByList()) == ["RUS", "AUT"]
    assert ac._actor_ids(ByMapping()) == ["RUS"]
    assert ac._actor_ids(ByIds()) == ["FRA"]
    assert ac._actor_ids(object()) == []


# --------------------------------------------------------------------------- counting


def mention(text: str, doc: ac.HipeDoc, actor: str | None, reading: str = "literal", nth: int = 0) -> Mention:
    start = -1
    for _ in range(nth + 1):
        start = doc.text.index(text, start + 1)
    return Mention(start, start + len(text), text, "LOC", actor=actor, reading=reading)


def test_linking_counts():
    doc = ac.parse_hipe(TSV, "dev")[0]
    # the gazetteer knows Russia and Austria, not Sazonov (Q1): his gold mention is not counted
    table = ac.QidTable({"RUS": "Q159", "AUT": "Q40", "DEU": "Q183"})
    mentions = [
        mention("Russie", doc, "RUS"),  # TP
        mention("Autriche", doc, "DEU"),  # other QID: FP, and Austria is missed: FN
        mention("Sazonov", doc, "RUS"),  # overlaps a gold mention with an unknown QID: FP
        mention("La", doc, "AUT"),  # no gold mention there: FP
        mention("Russie", doc, None),  # no actor: ignored
        mention("et", doc, "NOWHERE"),  # actor without QID: ignored
    ]
    s = ac.score_linking(doc.literal, mentions, table)
    assert (s.counts.tp, s.counts.fp, s.counts.fn) == (1, 3, 1)
    assert {e["text"]: e["kind"] for e in s.fp} == {"Autriche": "other QID", "Sazonov": "other QID",
                                                    "La": "no gold mention"}
    assert [(e["text"], e["kind"]) for e in s.fn] == [("Autriche", "other QID")]


def test_linking_nil_duplicate_and_metonymic_qid():
    second = ac.parse_hipe(TSV, "dev")[1]
    table = ac.QidTable({"BERN": "Q70", "CHE": "Q39", "FRA": "Q142"})
    mentions = [mention("Berne", second, "BERN"), mention("Genève", second, "BERN"),  # duplicate + TP
                mention("Paris", second, "FRA")]  # gold NIL
    s = ac.score_linking(second.literal, mentions, table)
    assert (s.counts.tp, s.counts.fp, s.counts.fn) == (1, 2, 0)
    # the larger overlap ("Genève", 6 characters) is paired first
    assert {e["text"]: e["kind"] for e in s.fp} == {"Berne": "duplicate", "Paris": "gold NIL"}
    s = ac.score_linking(second.literal, [mention("Berne", second, "CHE")], table)
    assert [e["kind"] for e in s.fp] == ["gold metonymic QID"] and s.counts.fn == 1


def test_metonymy_fuzzy_and_strict():
    doc = ac.parse_hipe(TSV, "dev")[0]
    gold = doc.metonymic  # "Russie"
    mentions = [mention("La Russie", doc, "RUS", "government"),  # overlaps: fuzzy TP, strict FP+FN
                mention("Autriche", doc, "AUT", "government"),  # gold says literal: FP
                mention("Sazonov", doc, None, "literal")]  # not a government reading: ignored
    fuzzy = ac.score_metonymy(gold, doc.literal, mentions, strict=False)
    strict = ac.score_metonymy(gold, doc.literal, mentions, strict=True)
    assert (fuzzy.counts.tp, fuzzy.counts.fp, fuzzy.counts.fn) == (1, 1, 0)
    assert (strict.counts.tp, strict.counts.fp, strict.counts.fn) == (0, 2, 1)
    assert [e["kind"] for e in fuzzy.fp] == ["gold literal loc"]
    assert strict.fn[0]["kind"] == "read as government"


def test_evaluate_split_without_mentions_reports_zeros():
    docs = ac.parse_hipe(TSV, "test")
    table = ac.QidTable({"RUS": "Q159"})
    r = ac.evaluate_split(docs, [[], "no model"], table, details=True)
    assert r["linking"]["gold_linked"] == 4 and r["linking"]["gold_known"] == 1 and r["linking"]["gold_nil"] == 1
    assert (r["linking"]["tp"], r["linking"]["fn"], r["linking"]["f1"]) == (0, 1, 0.0)
    assert r["metonymy"]["gold"] == 2 and r["metonymy"]["fuzzy"]["fn"] == 2
    assert r["vigie"]["failures"] == [{"id": "IMP-1950-01-01-a-i0002", "reason": "no model"}]


# --------------------------------------------------------------------------- three real documents


def test_cli_eval_actors_on_three_documents(capsys):
    from vigie.cli.main import main

    root = shared_path("data", "hipe2020-fr").parent
    assert main(["eval", "actors", "--split", "dev", "--limit", "3", "--model", "fr_core_news_sm", "--json",
                 "--data", str(root)]) == 0
    report = json.loads(capsys.readouterr().out)
    dev = report["splits"]["dev"]
    assert list(report["splits"]) == ["dev"] and dev["documents"] == 3
    assert dev["linking"]["gold_linked"] > 0 and 0 <= dev["linking"]["f1"] <= 1
    assert report["anchors"]["metonymy"]["f1"] == 0.783 and report["anchors"]["linking"]["f1"] == 0.598
