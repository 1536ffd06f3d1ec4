"""Near-duplicates are linked to the first copy, kept and grouped — across runs too."""

from __future__ import annotations

import json

from vigie.dedup import shingles
from vigie.pipeline import ingest

BODY = ("Moscou a annoncé ce lundi la fermeture de sa mission de représentation auprès de l'Otan à Bruxelles et "
        "celle de l'Alliance dans la capitale russe. Cette décision intervient quelques jours après que l'Otan a "
        "annoncé retirer leur accréditation à huit membres de la mission russe à Bruxelles qu'elle accuse d'être "
        "des agents de renseignement russes non déclarés. Les échanges entre le Kremlin et l'Alliance atlantique "
        "s'étaient déjà nettement réduits après l'annexion de la Crimée par la Russie en 2014.")


def _jsonl(path, records):
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records), encoding="utf-8")
    return path


def test_shingles_fold_text():
    assert shingles("L'Otan a annoncé") == {"otan a annonce".encode()}
    assert len(shingles(BODY)) > 50


def test_syndicated_copy_linked_not_dropped(tmp_path, store, annotator):
    first = {"title": "La Russie ferme sa mission auprès de l'Otan", "text": BODY, "url": "https://a.example/1",
             "published": "2021-10-18T17:17:00+02:00", "source": "a"}
    copy = {**first, "url": "https://b.example/x", "source": "b",
            "title": "La Russie ferme sa mission auprès de l'Otan (AFP)",
            "text": BODY.replace("ce lundi", "lundi") + " (AFP)"}
    other = {"title": "Un séisme au Japon", "text": "Un séisme de magnitude 6 a frappé le nord du Japon mardi, "
             "sans faire de victimes selon les autorités locales qui surveillent les risques de tsunami.",
             "url": "https://a.example/2", "source": "a"}
    report = ingest([_jsonl(tmp_path / "one.jsonl", [first, other])], store, annotator)
    assert report.counts["added"] == 2 and all("duplicate_of" not in d for d in report.documents)
    first_id = report.documents[0]["id"]

    # A later run: the index is rebuilt from the store's signatures.
    report = ingest([_jsonl(tmp_path / "two.jsonl", [copy])], store, annotator)
    (doc,) = report.documents
    assert doc["status"] == "added" and doc["duplicate_of"] == first_id
    stored = store.get(doc["id"])
    assert stored["duplicate_of"] == first_id and stored["near_duplicates"] == [first_id]
    assert store.get(first_id)["near_duplicates"] == [doc["id"]]
    assert store.stats()["near_duplicates"] == 1 and store.stats()["documents"] == 3
    hits = {h.id: h.duplicate_of for h in store.search("crimee")}
    assert hits == {first_id: None, doc["id"]: first_id}

    # Re-ingesting changes nothing, and a copy never becomes a duplicate of itself.
    report = ingest([tmp_path / "one.jsonl", tmp_path / "two.jsonl"], store, annotator)
    assert report.counts == {"added": 0, "updated": 0, "unchanged": 3, "failed": 0}
    assert store.get(first_id)["duplicate_of"] is None
