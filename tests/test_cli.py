"""The command line, in process: exit codes, JSON output, errors naming the item."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from tests.conftest import SEED
from vigie.cli.main import main

SCHEMA = json.loads((Path(__file__).parents[1] / "docs" / "annotate.schema.json").read_text())


@pytest.fixture()
def db(tmp_path, annotator):  # annotator: the model is loaded once for the whole run
    return str(tmp_path / "cli.db")


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_ingest_reingest_search(capsys, db):
    code, out, err = run(capsys, "ingest", str(SEED), "--db", db, "--json")
    assert code == 0 and err == ""
    report = json.loads(out)
    assert report["counts"]["added"] == 1
    code, out, _ = run(capsys, "ingest", str(SEED), "--db", db, "--json")
    assert code == 0 and json.loads(out)["counts"] == {"added": 0, "updated": 0, "unchanged": 1, "failed": 0,
                                                        "skipped": 0}
    doc_id = report["documents"][0]["id"]
    for query in ("lavrov", "otan"):
        code, out, _ = run(capsys, "search", query, "--db", db, "--json")
        assert code == 0 and [h["id"] for h in json.loads(out)["hits"]] == [doc_id]
    code, out, _ = run(capsys, "search", "lavrov", "--db", db)
    assert doc_id in out and "La Russie ferme" in out
    code, out, _ = run(capsys, "show", doc_id, "--db", db)
    assert code == 0 and "Sophie Amsili" in out and "Dimitar DILKOFF/AFP" in out
    code, out, _ = run(capsys, "stats", "--db", db, "--json")
    stats = json.loads(out)
    assert stats["documents"] == 1 and stats["languages"] == {"fr": 1}
    code, out, _ = run(capsys, "facets", "entity:PER", "--db", db, "--json")
    assert {"value": "Sergueï Lavrov", "count": 1} in json.loads(out)["values"]
    code, out, _ = run(capsys, "timeline", "--db", db, "--json", "--interval", "day")
    assert json.loads(out)["series"] == [{"period": "2021-10-18", "count": 1}]


def test_annotate_json_matches_schema_and_offsets(capsys, annotator):
    code, out, err = run(capsys, "annotate", str(SEED), "--json")
    assert code == 0, err
    (line,) = out.splitlines()
    doc = json.loads(line)
    jsonschema.validate(doc, SCHEMA)
    art, ann = doc["article"], doc["annotations"]
    assert art["title"].startswith("La Russie ferme") and art["author"] == "Sophie Amsili"
    assert art["published"] == "2021-10-18T17:17:00+02:00" and ann["dct"] == art["published"]
    ents = {(e["text"], e["label"]) for e in ann["entities"]}
    assert ("Sergueï Lavrov", "PER") in ents and ("Bruxelles", "LOC") in ents
    for e in ann["entities"]:
        assert art["text"][e["start"]:e["end"]] == e["text"]
    for b in art["blocks"]:
        for s in ann["sentences"]:  # no sentence crosses a block boundary
            assert not (s["start"] < b["end"] < s["end"])


def test_annotate_several_documents_one_line_each(capsys, tmp_path, annotator):
    p = tmp_path / "two.jsonl"
    p.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in [
        {"title": "Sommet de l'Otan", "text": "Les dirigeants de l'Otan se réunissent à Bruxelles.",
         "published": "2021-06-14", "url": "https://ex.org/a"},
        {"title": "Visite à Moscou", "text": "Victoria Nuland est arrivée à Moscou pour des entretiens.",
         "published": "2021-10-12", "url": "https://ex.org/b"},
    ]), encoding="utf-8")
    code, out, _ = run(capsys, "annotate", str(p), "--json", "--dct", "2021-10-18")
    docs = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and len(docs) == 2
    assert [d["item"] for d in docs] == [f"{p}:1", f"{p}:2"]
    assert all(d["annotations"]["dct"] == "2021-10-18T00:00:00" for d in docs)
    for d in docs:
        jsonschema.validate(d, SCHEMA)


def test_bad_inputs_reported_others_ingested(capsys, tmp_path, db):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "seed.txt").write_bytes(SEED.read_bytes())
    (folder / "empty.html").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    (folder / "notes.xyz").write_text("?")
    (folder / "feed.jsonl").write_text('{broken\n{"title": "Ok", "text": "Un article assez long pour être gardé '
                                       'dans la base de test."}\n', encoding="utf-8")
    code, out, err = run(capsys, "ingest", str(folder), "--db", db, "--json")
    report = json.loads(out)
    assert code == 1
    assert report["counts"]["added"] == 2 and report["counts"]["failed"] == 3 and report["counts"]["skipped"] == 1
    reasons = {Path(f["item"]).name: f["reason"] for f in report["failures"]}
    assert reasons == {"empty.html": "empty file", "binary.txt": "binary content, not text",
                       "feed.jsonl:1": reasons["feed.jsonl:1"]}
    assert reasons["feed.jsonl:1"].startswith("invalid JSON")
    assert f"{folder / 'empty.html'}: empty file" in err


def test_failure_in_store_leaves_nothing_half_written(capsys, db, monkeypatch):
    from vigie.store import sqlite as sqlite_store

    def boom(*a, **k):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(sqlite_store, "fold", boom)  # fails after the document row is inserted
    code, out, err = run(capsys, "ingest", str(SEED), "--db", db, "--json")
    assert code == 1 and "could not store" in err and "disk on fire" in err
    monkeypatch.undo()
    code, out, _ = run(capsys, "stats", "--db", db, "--json")
    assert json.loads(out)["documents"] == 0 and json.loads(out)["entities"] == 0


def test_usage_errors_exit_2(capsys):
    with pytest.raises(SystemExit) as e:
        main(["ingest"])
    assert e.value.code == 2
    with pytest.raises(SystemExit) as e:
        main(["frobnicate"])
    assert e.value.code == 2
    code, _, err = run(capsys, "annotate", str(SEED), "--dct", "yesterday")
    assert code == 2 and "--dct" in err


def test_missing_document_exit_1(capsys, db):
    code, _, err = run(capsys, "show", "deadbeef", "--db", db)
    assert code == 1 and "deadbeef" in err


def test_ingest_urls_from_local_server(capsys, tmp_path, db):
    from tests.httpserver import LocalServer

    server = LocalServer().start()
    try:
        page = ("<html><head><title>Sommet de l'Otan à Bruxelles</title></head><body><article><p>Les dirigeants "
                "de l'Otan se sont réunis lundi à Bruxelles pour discuter de la Russie et de l'Ukraine.</p>"
                "</article></body></html>")
        good = server.add("/otan.html", page)
        code, out, err = run(capsys, "ingest", good, server.url("/gone.html"), "--db", db, "--json")
        assert code == 1 and f"{server.url('/gone.html')}: refused" in err  # loopback refused by default
        code, out, err = run(capsys, "ingest", good, server.url("/gone.html"), "--db", db, "--json",
                             "--allow-private")
        report = json.loads(out)
        assert code == 1 and report["counts"]["added"] == 1
        assert report["failures"] == [{"item": server.url("/gone.html"), "reason": "HTTP 404 Not Found",
                                       "stage": "fetch"}]
    finally:
        server.stop()


def test_source_commands(capsys, tmp_path, db):
    opml = tmp_path / "subs.opml"
    opml.write_text('<opml version="2.0"><body><outline text="Le Fil" xmlUrl="https://ex.org/rss"/>'
                    '<outline text="Autre" xmlUrl="https://ex.org/atom"/></body></opml>')
    assert run(capsys, "source", "import", str(opml), "--db", db)[0] == 0
    code, out, _ = run(capsys, "source", "add", "https://ex.org/rss", "https://ex.org/third", "--db", db, "--json")
    assert [s["created"] for s in json.loads(out)["sources"]] == [False, True]
    code, out, _ = run(capsys, "source", "list", "--db", db, "--json")
    assert [s["url"] for s in json.loads(out)["sources"]] == ["https://ex.org/rss", "https://ex.org/atom",
                                                               "https://ex.org/third"]
    assert run(capsys, "source", "remove", "2", "--db", db)[0] == 0
    code, _, err = run(capsys, "source", "remove", "99", "--db", db)
    assert code == 1 and "99: no such source" in err
    code, out, _ = run(capsys, "source", "export", "--db", db)
    assert 'xmlUrl="https://ex.org/third"' in out and "atom" not in out
    code, _, err = run(capsys, "source", "add", "not-a-url", "--db", db)
    assert code == 1 and "not an http(s) URL" in err


def test_actor_pages(capsys, db):
    run(capsys, "ingest", str(SEED), "--db", db)
    code, out, _ = run(capsys, "actors", "--db", db, "--json", "--type", "person")
    ids = [a["actor"] for a in json.loads(out)["actors"]]
    assert code == 0 and "person/sergey-lavrov" in ids and "person/victoria-nuland" in ids
    for query in ("person/sergey-lavrov", "Lavrov", "Sergei Lavrov"):  # id, surname, English spelling
        code, out, _ = run(capsys, "actor", query, "--db", db, "--json")
        page = json.loads(out)
        assert code == 0 and page["actor"]["id"] == "person/sergey-lavrov"
        assert page["series"] == [{"period": "2021-10", "documents": 1, "mentions": len(page["mentions"])}]
    code, out, _ = run(capsys, "actor", "Otan", "--db", db)
    assert code == 0 and "[NATO, igo" in out and "[Otan]" in out
    code, _, err = run(capsys, "actor", "Personne Inconnue", "--db", db)
    assert code == 1 and "Personne Inconnue: no such actor" in err


def test_quotes_command(capsys, db):
    run(capsys, "ingest", str(SEED), "--db", db)
    code, out, _ = run(capsys, "quotes", "--speaker", "Lavrov", "-q", "contacts", "--db", db, "--json")
    quotes = json.loads(out)["quotes"]
    assert code == 0 and json.loads(out)["actor"] == "person/sergey-lavrov"
    assert [q["kind"] for q in quotes] == ["direct"] and "réduit les contacts" in quotes[0]["text"]
    code, out, _ = run(capsys, "quotes", "--speaker", "Kremlin", "--db", db)
    assert code == 0 and "« utile »" in out


def test_events_dyad_and_exports(capsys, db, tmp_path):
    run(capsys, "ingest", str(SEED), "--db", db)
    code, out, _ = run(capsys, "events", "--between", "Otan", "Russie", "--db", db, "--json")
    assert code == 0 and {"SANCTION", "ACCUSE"} <= {e["type"] for e in json.loads(out)["events"]}
    # By default only events that happened and name someone; --all adds the others: a conditional
    # (hypothetical) one and an attack with no one named, in a second article.
    other = tmp_path / "hypothetique.jsonl"
    other.write_text(json.dumps({"title": "Mali", "published": "2021-10-19T10:00:00+00:00", "language": "fr",
                                 "text": "La France pourrait suspendre sa coopération militaire avec le Mali. "
                                         "Une explosion a eu lieu mardi soir."}) + "\n", encoding="utf-8")
    run(capsys, "ingest", str(other), "--db", db)
    code, out, _ = run(capsys, "events", "--db", db, "--json", "--limit", "0")
    shown = json.loads(out)["events"]
    code, out, _ = run(capsys, "events", "--db", db, "--json", "--limit", "0", "--all")
    every = json.loads(out)["events"]
    assert shown and all(not e["hypothetical"] and (e["source_key"] or e["target_key"]) for e in shown)
    assert len(every) > len(shown) and any(not (e["source_key"] or e["target_key"]) for e in every)
    code, out, _ = run(capsys, "events", "--between", "Otan", "Russie", "--db", db)
    assert code == 0 and ("Russie → Otan" in out or "Otan → Russie" in out)
    code, out, _ = run(capsys, "dyad", "NATO", "RUS", "--interval", "year", "--db", db)
    assert code == 0 and "2014" in out and "SANCTION" in out
    path = tmp_path / "events.tsv"
    code, _, _ = run(capsys, "export", "events", "--format", "gdelt", "-o", str(path), "--db", db)
    rows = path.read_text(encoding="utf-8").splitlines()
    header = rows[0].split("\t")
    assert code == 0 and header[:3] == ["EventID", "Day", "Actor1Code"] and all(len(r.split("\t")) == len(header) for r in rows)
    code, out, _ = run(capsys, "export", "events", "--db", db)
    records = [json.loads(line) for line in out.splitlines()]
    assert records and all(r["event"] and r["source_document"]["trigger"] for r in records)


def test_an_unnamed_participant_is_shown_by_its_code_and_sector():
    from vigie.cli.events import _who

    row = {"source_name": None, "source_key": "FRA", "source_sector": "JUD",
           "target_name": "Otan", "target_key": "NATO", "target_sector": None}
    assert _who(row, "source") == "FRA/JUD" and _who(row, "target") == "Otan"
    assert _who({"source_name": None, "source_key": None, "source_sector": None}, "source") is None
