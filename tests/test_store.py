"""The SQLite store: idempotent puts, updates, atomicity, search folding, facets, series."""

from __future__ import annotations

import dataclasses
import sqlite3

import pytest

from vigie.keys import canonical_url
from vigie.model import AnnotatedArticle, Article
from vigie.store.sqlite import SQLiteStore, _migrations


def _count(store, table):
    return store.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def test_put_is_idempotent(store, seed_annotated):
    first = store.put(seed_annotated)
    again = store.put(seed_annotated)
    assert first.status == "added" and again.status == "unchanged" and first.id == again.id
    assert _count(store, "documents") == 1
    assert _count(store, "documents_fts") == 1
    assert _count(store, "entities") == len(seed_annotated.entities)


def test_changed_content_at_same_url_updates(store, seed_annotated):
    a = dataclasses.replace(seed_annotated.article, url="https://www.lesechos.fr/monde/russie-otan-1355000?utm_source=x")
    v1 = AnnotatedArticle(a, "fr", 1.0, "m", entities=seed_annotated.entities[:3])
    edited = dataclasses.replace(a, url="https://WWW.lesechos.fr/monde/russie-otan-1355000#top",
                                 text=a.text.replace("Symboliquement", "Politiquement"))
    v2 = AnnotatedArticle(edited, "fr", 1.0, "m", entities=seed_annotated.entities[:1])
    r1, r2 = store.put(v1), store.put(v2)
    assert (r1.status, r2.status) == ("added", "updated") and r1.id == r2.id
    assert _count(store, "documents") == 1 and _count(store, "entities") == 1
    assert store.search("politiquement")[0].id == r1.id
    assert store.search("symboliquement") == []


def test_canonical_url_drops_tracking_and_fragment():
    assert canonical_url("https://WWW.Example.org/a?utm_source=rss&id=3#x") == "https://www.example.org/a?id=3"


def test_failed_put_leaves_nothing(store, seed_annotated, monkeypatch):
    bad = dataclasses.replace(seed_annotated.entities[0], text=object())  # sqlite cannot bind this
    broken = AnnotatedArticle(seed_annotated.article, "fr", 1.0, "m", entities=[seed_annotated.entities[1], bad])
    with pytest.raises((sqlite3.Error, TypeError, AttributeError)):
        store.put(broken)
    assert _count(store, "documents") == 0
    assert _count(store, "documents_fts") == 0
    assert _count(store, "entities") == 0
    assert store.put(seed_annotated).status == "added"  # the store is still usable


@pytest.mark.parametrize("query", ["lavrov", "LAVROV", "otan", "Otan", "l'Otan", "l’otan", "sergueï lavrov",
                                   "serguei", "maison-blanche", "\"mission russe\"", "accredit*", "biélorussie",
                                   "bielorussie"])
def test_search_folds_case_accents_elisions(store, seed_annotated, query):
    doc_id = store.put(seed_annotated).id
    hits = store.search(query)
    assert [h.id for h in hits] == [doc_id], query


def test_search_elysee_and_no_false_hits(store, annotator):
    text = "Réunion à l'Élysée\n\nLe président a reçu les syndicats à l’Élysée mardi pour parler des retraites."
    from vigie.model import Block
    a = Article(item="e", text=text, blocks=[Block("title", 0, 18), Block("paragraph", 20, len(text))])
    doc_id = store.put(annotator.annotate(a)).id
    assert [h.id for h in store.search("elysee")] == [doc_id]
    assert "[Élysée]" in store.search("elysee")[0].snippet
    assert store.search("lavrov") == []
    assert store.search('AND OR NOT "') == []  # operators typed by a user do not break the query


def test_get_by_id_and_prefix(store, seed_annotated):
    doc_id = store.put(seed_annotated).id
    doc = store.get(doc_id[:8])
    assert doc["id"] == doc_id and doc["article"]["title"].startswith("La Russie ferme")
    assert doc["annotations"]["entities"]
    assert store.get("zzzzzzzz") is None
    assert store.get("%%%%") is None and store.get("____") is None  # no LIKE wildcards: they name nothing
    assert store.get(doc_id.upper()[:6])["id"] == doc_id


def test_facets_and_time_series(store, seed_annotated):
    store.put(seed_annotated)
    assert store.facets("language") == [("fr", 1)]
    per = dict(store.facets("entity:PER"))
    assert per.get("Sergueï Lavrov") == 1
    assert store.time_series(interval="day") == [("2021-10-18", 1)]
    assert store.time_series(query="lavrov", interval="month") == [("2021-10", 1)]
    assert store.time_series(query="introuvable") == []
    with pytest.raises(ValueError):
        store.facets("password")


def test_migrations_and_wal(tmp_path):
    s = SQLiteStore(tmp_path / "m.db")
    assert s.schema_version >= 1
    assert s.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    s.close()
    s2 = SQLiteStore(tmp_path / "m.db")  # reopening does not re-run migrations
    assert s2.schema_version >= 1
    s2.close()


def test_a_migration_numbered_below_the_newest_applied_still_runs(tmp_path, monkeypatch):
    import vigie.store.sqlite as sqlite_module

    every = sqlite_module._migrations
    monkeypatch.setattr(sqlite_module, "_migrations", lambda: [m for m in every() if m[0] != 8])
    SQLiteStore(tmp_path / "m.db").close()  # made before migration 8 was merged
    monkeypatch.setattr(sqlite_module, "_migrations", every)
    s = SQLiteStore(tmp_path / "m.db")
    assert "stories" in _tables(s) and s.schema_version == max(v for v, _ in every())
    s.close()


def test_a_database_from_before_the_migration_list_is_not_migrated_twice(tmp_path):
    s = SQLiteStore(tmp_path / "m.db")
    s.db.execute("DROP TABLE schema_migrations")  # as the earlier runner left it: only user_version
    s.close()
    s = SQLiteStore(tmp_path / "m.db")  # would fail on CREATE TABLE if it ran them again
    assert {r[0] for r in s.db.execute("SELECT version FROM schema_migrations")} == {v for v, _ in _migrations()}
    s.close()


def test_actor_mentions_over_time(store, seed_annotated):
    store.put(seed_annotated)
    lavrov = store.actor_mentions("person/sergey-lavrov")
    assert lavrov and all(m.published.startswith("2021-10-18") for m in lavrov)
    for m in lavrov:  # the sentence around each mention shows the mention itself
        assert m.sentence["text"][m.sentence["start"] : m.sentence["end"]] == m.text
    assert {m.title for m in lavrov} == {"Foreign Minister"}
    assert store.actor_series("NATO", interval="month")[0][:2] == ("2021-10", 1)
    assert store.actor_mentions("NATO", since="2021-10-19") == []
    assert ("RUS", 1) in store.facets("actor:country")
    assert _count(store, "mentions") == len(seed_annotated.mentions)
    store.put(dataclasses.replace(seed_annotated, article=dataclasses.replace(
        seed_annotated.article, text=seed_annotated.article.text + " ")))  # same id, new content
    stats = store.stats()
    assert stats["mentions"] >= stats["mentions_resolved"] > 0


def _tables(store) -> set[str]:
    return {r[0] for r in store.db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def test_migrations_backfill_mentions_and_quotes_of_stored_documents(tmp_path, seed_annotated):
    """A database made before actor mentions existed gets them from its stored annotate JSON."""
    import vigie.store.sqlite as sqlite_module

    every = sqlite_module._migrations
    sqlite_module._migrations = lambda: [m for m in every() if m[0] <= 4]
    try:
        old_tables = _tables(SQLiteStore(tmp_path / "v4.db"))  # what a version-4 database holds
    finally:
        sqlite_module._migrations = every
    path = tmp_path / "old.db"
    s = SQLiteStore(path)
    s.put(seed_annotated)
    s.db.execute("PRAGMA foreign_keys = OFF")  # dropped in any order
    for table in sorted(_tables(s) - old_tables):  # back to version 4, the stored documents kept
        if s.db.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (table,)).fetchone():
            s.db.execute(f"DROP TABLE {table}")
    s.db.execute("DELETE FROM schema_migrations WHERE version > 4")
    s.db.execute("PRAGMA user_version = 4")
    s.close()
    s = SQLiteStore(path)
    assert s.schema_version == max(v for v, _ in _migrations())  # every later migration ran too
    assert _count(s, "mentions") == len(seed_annotated.mentions)
    assert _count(s, "quotes") == _count(s, "quotes_fts") == len(seed_annotated.quotes)
    assert s.quotes(actor="person/sergey-lavrov", query="contacts")
    assert s.actor_mentions("person/sergey-lavrov")
    s.close()


def test_quotes_by_speaker_words_and_date(store, seed_annotated):
    store.put(seed_annotated)
    lavrov = store.quotes(actor="person/sergey-lavrov")
    assert lavrov and {q.speaker for q in lavrov} == {"Sergueï Lavrov"}
    assert {q.kind for q in lavrov} >= {"direct"}
    assert [q.kind for q in store.quotes(actor="person/sergey-lavrov", query="conditions de base")] == ["direct"]
    assert store.quotes(speaker="sergueï lavrov") and store.quotes(speaker="Lavrov")  # a name as written, folded
    assert store.quotes(actor="NATO", kind="partial")[0].text == "agents de renseignement russes non déclarés"
    assert store.quotes(actor="person/sergey-lavrov", since="2021-10-19") == []
    n = _count(store, "quotes")
    store.put(dataclasses.replace(seed_annotated, article=dataclasses.replace(
        seed_annotated.article, text=seed_annotated.article.text + " ")))  # replaced, not doubled
    assert _count(store, "quotes") == n == len(seed_annotated.quotes)
    assert _count(store, "quotes_fts") == n


def test_events_dyads_and_series(store, seed_annotated):
    store.put(seed_annotated)
    both = store.events(source="NATO", target="RUS", either=True, limit=None)
    assert {(e["source_key"], e["target_key"]) for e in both} >= {("NATO", "RUS"), ("RUS", "NATO")}
    assert all(e["sentence"] and e["trigger"] in e["sentence"] for e in both)
    yearly = {r["period"]: r for r in store.dyad_series("NATO", "RUS", interval="year")}
    assert {"2014", "2018", "2021"} <= set(yearly) and yearly["2014"]["conflict"] == 1
    weekly = store.dyad_series("NATO", "RUS", interval="week")
    assert all(not p["period"].startswith(("2014", "2018")) for p in weekly)  # a year is not a week
    assert store.events(type="consult", limit=None) and store.events(source="NATO", since="2030-01-01") == []
    n = _count(store, "events")
    store.put(dataclasses.replace(seed_annotated, article=dataclasses.replace(
        seed_annotated.article, text=seed_annotated.article.text + " ")))
    assert _count(store, "events") == n == len(seed_annotated.events)
