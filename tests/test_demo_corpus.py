"""The demo corpus demo/wikinews-fr.jsonl and the dateline parser of scripts/build_demo.py."""

from __future__ import annotations

import importlib.util
import json
import re
from datetime import datetime
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "demo" / "wikinews-fr.jsonl"
KEYS = {"title", "text", "url", "published", "source", "language", "id"}
MONTHS = "janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre"
LEADING_DATELINE = re.compile(
    rf"^\s*\d{{1,2}}(?:er)?\s+(?:{MONTHS})\s+\d{{4}}\b[^\n]{{0,60}}?\s*[.,]?\s*[–—-]", re.IGNORECASE
)


def load_build_demo() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_demo", REPO / "scripts" / "build_demo.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def records() -> list[dict[str, str]]:
    with CORPUS.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def test_corpus_has_100_records_with_the_right_keys(records):
    assert len(records) == 100
    assert len({r["id"] for r in records}) == 100
    for r in records:
        assert set(r) == KEYS, r.get("id")
        assert r["title"].strip() and r["text"].strip(), r["id"]
        assert r["source"] == "fr.wikinews.org"
        assert r["language"] == "fr"


def test_urls_point_to_french_wikinews(records):
    for r in records:
        assert r["url"].startswith("https://fr.wikinews.org/"), r["id"]


def test_published_is_iso_and_matches_the_file_date(records):
    for r in records:
        published = datetime.fromisoformat(r["published"])
        year, month, day = r["id"].split("-")[0].split("_")
        assert published.date().isoformat() == f"{year}-{month}-{day}", r["id"]


def test_text_does_not_start_with_a_dateline(records):
    for r in records:
        assert not LEADING_DATELINE.match(r["text"]), (r["id"], r["text"][:60])


@pytest.mark.parametrize(
    ("line", "published", "rest"),
    [
        ("1er janvier 2016, 14h30 . –", "2016-01-01T14:30:00+01:00", ""),
        ("3 janvier 2016 . –", "2016-01-03", ""),
        ("13 janvier 2017 . – La fréquentation de certains hôpitaux", "2017-01-13", "La fréquentation"),
        ("7 janvier 2016, 11\u202fh\u202f40 UTC . –", "2016-01-07T11:40:00+00:00", ""),
        ("31 mars 2016, 15:37 (UTC) . –", "2016-03-31T15:37:00+00:00", ""),
        ("1er janvier 2017, 1 h 30 UTC+3 . – Au moins 35 personnes", "2017-01-01T01:30:00+03:00", "Au moins"),
        ("29 juillet 2016, Auschwitz, Pologne . –", "2016-07-29", ""),
        # constructed (no Paris-time dateline in summer in the data): summer offset
        ("14 juillet 2016, 22h00 . –", "2016-07-14T22:00:00+02:00", ""),
    ],
)
def test_parse_dateline_variants(line, published, rest):
    dateline = load_build_demo().parse_dateline(line)
    assert dateline is not None
    assert dateline.published == published
    assert line[dateline.end :].startswith(rest)
    assert LEADING_DATELINE.match(line)  # the corpus check above would catch it


@pytest.mark.parametrize(
    "line",
    [
        "Page actualisée : 23 mars 2016 — « Attentats de Bruxelles : le second kamikaze a été identifié »",
        "107 élèves doivent repasser leur épreuve orale d'anglais du baccalauréat à Chambéry.",
        "Vous pouvez également consulter les articles suivants sur les autres projets Wikimedia :",
    ],
)
def test_parse_dateline_rejects_other_lines(line):
    assert load_build_demo().parse_dateline(line) is None
