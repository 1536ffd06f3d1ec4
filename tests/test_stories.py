"""Online story clustering (issue 8): crafted streams, the store round trip, the CLI, the B-cubed scoring."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone

import pytest

from vigie.analysis.stories import Settings, StoryClusterer, StoryItem, story_id_for, update_store
from vigie.eval.stories import bcubed
from vigie.model import AnnotatedArticle, Article, Block

D0 = date(2024, 2, 1)

# Background news: many unrelated headlines, so that document frequencies look like a real stream's.
BACKGROUND = [
    "Le prix du gazole baisse encore à la pompe", "Ligue 1 : Lens s'impose à Nantes", "Un incendie ravage un entrepôt à Lyon",
    "La SNCF annonce de nouveaux TGV pour l'été", "Bac 2024 : les dates des épreuves", "Un loup aperçu dans le Jura",
    "Grève dans les écoles de Marseille", "Le Louvre bat son record de visiteurs", "Tempête sur la Bretagne : alerte orange",
    "Un pont inauguré à Bordeaux", "Tour de France : le parcours dévoilé", "La Bourse de Paris termine en hausse",
]
NAVALNY = [
    "Alexeï Navalny est mort en prison, annonce l'administration pénitentiaire russe",
    "Mort d'Alexeï Navalny : l'opposant russe est décédé dans sa prison de l'Arctique",
    "Russian opposition leader Alexei Navalny dies in Arctic prison",
    "Navalny mort en prison : Poutine accusé par les Occidentaux",
    "La veuve d'Alexeï Navalny accuse Poutine après sa mort en prison",
]
AGRI = [
    "Salon de l'agriculture : Emmanuel Macron chahuté par des agriculteurs en colère",
    "Colère des agriculteurs : Macron chahuté à l'ouverture du Salon de l'agriculture",
    "Au Salon de l'agriculture, les agriculteurs en colère sifflent Macron",
]


def items(texts, day=D0, prefix="x", source="a.fr"):
    return [StoryItem(f"{prefix}{i}", day, f"{source}{i % 3}", t) for i, t in enumerate(texts)]


def background(n_days=5):
    out = []
    for d in range(n_days):
        out += items(BACKGROUND, D0 + timedelta(days=d), prefix=f"bg{d}-")
    return out


def clustered(stream, settings=None):
    c = StoryClusterer(settings)
    return c, {it.id: c.add(it) for it in stream}


def test_near_duplicates_join_the_first_copy_and_distinct_topics_stay_apart():
    text = "Alexeï Navalny est mort en prison, annonce l'administration pénitentiaire russe ce vendredi"
    stream = background() + [StoryItem("n1", D0 + timedelta(days=5), "a.fr", text),
                             StoryItem("n2", D0 + timedelta(days=5), "b.fr", text + " (AFP)"),
                             StoryItem("g1", D0 + timedelta(days=5), "c.fr", AGRI[0])]
    c, got = clustered(stream, Settings(threshold=2.0))  # content never joins: only the near-duplicate can
    assert got["n2"] == got["n1"] == story_id_for("n1")
    assert got["g1"] != got["n1"]


def test_one_story_joins_across_sources_and_languages_and_topics_stay_apart():
    day = D0 + timedelta(days=5)
    stream = background() + items(NAVALNY, day, "nav") + items(AGRI, day + timedelta(days=1), "agri", "b.fr")
    c, got = clustered(stream)
    nav = {got[f"nav{i}"] for i in range(len(NAVALNY))}
    agri = {got[f"agri{i}"] for i in range(len(AGRI))}
    assert len(nav) == 1 and len(agri) == 1, (nav, agri)
    assert nav.isdisjoint(agri)
    assert got["nav2"] == got["nav0"]  # the English headline is in the French story
    bg = [got[f"bg0-{i}"] for i in range(len(BACKGROUND))]
    assert len(set(bg)) == len(BACKGROUND)  # unrelated headlines of one day are not lumped


def test_story_ids_are_given_once_and_never_change():
    day = D0 + timedelta(days=5)
    stream = background() + items(NAVALNY, day, "nav") + items(AGRI, day, "agri", "b.fr")
    c = StoryClusterer()
    seen: dict[str, str] = {}
    for it in stream:
        sid = c.add(it)
        if sid not in seen.values():
            assert sid == story_id_for(it.id)  # a new story takes its first item's id
        seen[it.id] = sid
    # clustering the same stream again gives the same ids (deterministic)
    _, again = clustered(stream)
    assert again == seen
    # a later item joining a story leaves every earlier assignment as it was
    c.add(StoryItem("nav-late", day + timedelta(days=1), "z.fr", NAVALNY[1]))
    assert c.resolve(seen["nav0"]) == seen["nav0"]


def test_stories_expire_and_the_index_stays_bounded():
    s = Settings(ttl=3)
    c = StoryClusterer(s)
    for d in range(40):
        for it in items([f"{t} numéro {d}" for t in BACKGROUND[:4]], D0 + timedelta(days=d), f"d{d}-"):
            c.add(it)
        assert all((D0 + timedelta(days=d) - st.last_day).days <= s.ttl for st in c.stories.values())
    assert len(c.stories) <= 4 * (s.ttl + 1)
    live = set(c.stories)
    assert all(ids <= live for ids in c.postings.values())
    assert len(c.item_story) <= 4 * (s.ttl + 1) and len(c._sigs) <= 4 * (s.ttl + 1)


def test_an_item_bridging_two_close_stories_merges_them_and_the_old_id_resolves():
    day = D0 + timedelta(days=5)
    c = StoryClusterer(Settings(threshold=0.5, merge_threshold=0.3, dup_threshold=0))
    for it in background():
        c.add(it)
    a = c.add(StoryItem("a", day, "a.fr", "Navalny mort en prison arctique"))
    b = c.add(StoryItem("b", day, "b.fr", "Navalny mort en colonie pénitentiaire"))
    assert (a, b) == ("sa", "sb")  # too far apart to join directly
    assert c.add(StoryItem("c", day, "c.fr", "Navalny mort en prison arctique, colonie pénitentiaire")) == "sa"
    assert c.merged == [("sb", "sa")] and c.resolve("sb") == "sa" and "sb" not in c.stories
    assert c.stories["sa"].size == 3
    # without merging, the bridge only joins the closer story
    c2 = StoryClusterer(Settings(threshold=0.5, merge_threshold=0.0, dup_threshold=0))
    for it in background():
        c2.add(it)
    for i, t in (("a", "Navalny mort en prison arctique"), ("b", "Navalny mort en colonie pénitentiaire"),
                 ("c", "Navalny mort en prison arctique, colonie pénitentiaire")):
        c2.add(StoryItem(i, day, f"{i}.fr", t))
    assert c2.merged == [] and set(c2.stories) >= {"sa", "sb"}


def test_an_expired_story_can_be_woken_by_a_close_item_within_its_dormant_days():
    def run(revive):
        c = StoryClusterer(Settings(ttl=3, revive_threshold=revive, dormant_days=30, dormant_min_size=3))
        got = {}
        for it in background(2) + items(NAVALNY[:3], D0 + timedelta(days=2), "nav"):
            got[it.id] = c.add(it)
        for d in range(3, 20):  # two weeks of other news: the Navalny story expires
            for it in items(BACKGROUND, D0 + timedelta(days=d), f"bg{d}-"):
                c.add(it)
        late = StoryItem("late", D0 + timedelta(days=20), "z.fr", "Navalny : sa veuve accuse Poutine de sa mort en prison")
        return got["nav0"], c.add(late), c

    first, late, c = run(0.3)
    assert late == first and first in c.stories and first not in c.dormant
    first, late, c = run(0.0)
    assert late != first and not c.dormant


def test_settings_parse_reports_bad_keys_and_values():
    assert Settings.parse("threshold=0.25,ttl=5") == Settings(threshold=0.25, ttl=5)
    with pytest.raises(ValueError, match="unknown story setting 'nope=1'"):
        Settings.parse("nope=1")
    with pytest.raises(ValueError, match="ttl: 'x' is not a number"):
        Settings.parse("ttl=x")


def test_bcubed_on_partial_labels():
    labels = {"A": frozenset({"a1", "a2", "a3", "a4"}), "B": frozenset({"b1", "b2"})}
    assign = {"a1": "c1", "a2": "c1", "a3": "c1", "a4": "c2", "b1": "c1", "b2": "c3", "u1": "c1", "u2": "c3"}
    r = bcubed(assign, labels)
    a = r["stories"]["A"]
    assert a["recall"] == pytest.approx((3 * 0.75 + 0.25) / 4, abs=1e-4)
    assert a["precision"] == pytest.approx((3 * 0.75 + 1) / 4, abs=1e-4)  # c1 holds 4 labelled items, 3 of A
    assert a["purity"] == pytest.approx((3 * 3 / 5 + 1) / 4, abs=1e-4)  # c1 holds 5 items, c2 one
    b = r["stories"]["B"]
    assert b["recall"] == 0.5 and b["precision"] == pytest.approx((0.25 + 1) / 2) and b["purity"] == pytest.approx((0.2 + 0.5) / 2)
    assert r["labelled_items"] == 6 and r["clusters"] == 3
    perfect = bcubed({"a1": "x", "a2": "x", "a3": "x", "a4": "x", "b1": "y", "b2": "y"}, labels)
    assert perfect["micro"] == {"recall": 1.0, "precision": 1.0, "purity": 1.0, "f1": 1.0}


# -- the store and the CLI -------------------------------------------------------------------


def annotated(i: int, title: str, lede: str, day: date, source: str = "a.fr") -> AnnotatedArticle:
    text = f"{title}\n\n{lede}"
    a = Article(item=f"x{i}", text=text, blocks=[Block("title", 0, len(title)), Block("paragraph", len(title) + 2, len(text))],
                url=f"https://{source}/{i}", source=source,
                published=datetime(day.year, day.month, day.day, 12, tzinfo=timezone.utc))
    return AnnotatedArticle(a, "fr", 1.0, None)


def corpus() -> list[AnnotatedArticle]:
    out = []
    for d in range(5):
        out += [annotated(100 * d + i, t, f"{t}, selon nos informations.", D0 + timedelta(days=d), f"s{i % 4}.fr")
                for i, t in enumerate(BACKGROUND)]
    day = D0 + timedelta(days=5)
    out += [annotated(1000 + i, t, t + ".", day, f"s{i}.fr") for i, t in enumerate(NAVALNY)]
    out += [annotated(2000 + i, t, t + ".", day + timedelta(days=1), f"s{i}.fr") for i, t in enumerate(AGRI)]
    return out


def memberships(store) -> dict[str, str]:
    return {r[0]: r[1] for r in store.db.execute("SELECT doc_id, story_id FROM story_articles")}


def test_store_round_trip_incremental_and_idempotent(tmp_path):
    from vigie.store import open_store

    docs = corpus()
    one = open_store(tmp_path / "one.db")
    for d in docs:
        one.put(d)
    r = update_store(one)
    assert r.articles == len(docs)
    assert update_store(one).articles == 0  # nothing new: nothing changes
    whole = memberships(one)
    assert set(whole) == {row[0] for row in one.db.execute("SELECT id FROM documents")}

    # the same articles in two runs (half, then the rest) give the same stories as one run
    two = open_store(tmp_path / "two.db")
    for d in docs[:40]:
        two.put(d)
    assert update_store(two).articles == 40
    first_half = memberships(two)
    for d in docs[40:]:
        two.put(d)
    assert update_store(two).articles == len(docs) - 40
    both = memberships(two)
    assert {k: v for k, v in both.items() if k in first_half} == first_half  # earlier assignments kept
    assert both == whole

    listed = one.stories(limit=None)
    assert sum(s.size for s in listed) == len(docs)
    (nav,) = [s for s in listed if "navalny" in s.label]
    assert nav.size == len(NAVALNY) and nav.sources == len(NAVALNY)
    story = one.story(nav.id)
    assert [a["title"] for a in story["articles"]] == NAVALNY
    assert story["days"] == [{"day": (D0 + timedelta(days=5)).isoformat(), "articles": len(NAVALNY)}]
    assert len(story["by_source"]) == len(NAVALNY)
    assert one.story("s-no-such-story") is None
    recent = one.stories(since=(D0 + timedelta(days=6)).isoformat())
    assert [s.size for s in recent] == [len(AGRI)]
    one.close()
    two.close()


def test_a_merged_story_id_leads_to_its_survivor(store):
    from vigie.model import Story

    for d in corpus()[:3]:
        store.put(d)
    ids = [r[0] for r in store.db.execute("SELECT id FROM documents ORDER BY rowid")]
    store.save_stories([(ids[0], "sA", "2024-02-01"), (ids[1], "sB", "2024-02-01")],
                       [Story("sA", "2024-02-01", "2024-02-01", 1, 1, "a"), Story("sB", "2024-02-01", "2024-02-01", 1, 1, "b")],
                       [("sB", "sA")], {}, {})
    story = store.story("sB")
    assert story["id"] == "sA" and story["size"] == 2 and story["aliases"] == ["sB"]
    assert [s.id for s in store.stories()] == ["sA"]


def test_cli_stories_and_story_json(tmp_path, capsys):
    from vigie.cli.main import main
    from vigie.store import open_store

    db = tmp_path / "cli.db"
    s = open_store(db)
    for d in corpus():
        s.put(d)
    s.close()
    assert main(["stories", "--db", str(db), "--json", "--since", "2d", "--limit", "2"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["until"] == (D0 + timedelta(days=6)).isoformat()
    assert [s["size"] for s in out["stories"]] == [len(NAVALNY), len(AGRI)]  # the two stories of the last 2 days
    sid = out["stories"][0]["id"]
    assert main(["story", sid, "--db", str(db), "--json", "--no-update"]) == 0
    one = json.loads(capsys.readouterr().out)
    assert one["id"] == sid and len(one["articles"]) == len(NAVALNY)
    assert main(["story", "s-missing", "--db", str(db)]) == 1
    assert "s-missing: no such story" in capsys.readouterr().err
    assert main(["stories", "--db", str(db), "--since", "yesterday"]) == 2
    assert "--since 'yesterday'" in capsys.readouterr().err
    assert main(["stories", "--db", str(db), "--set", "bogus=1"]) == 2
    assert main(["stories", "--db", str(db), "--limit", "0"]) == 2


def test_eval_stories_on_the_shared_stream_if_present():
    from vigie.eval import datasets as ds
    from vigie.eval.stories import DATASET, run

    if not (ds.default_data_dir() / DATASET / "articles.jsonl.gz").exists():
        pytest.skip("fr-news-rss-2023-2024 is not here")
    report = run(days=3)
    v = report["systems"]["vigie"]
    assert set(report["systems"]) == {"vigie", "vigie threads", "near-duplicates", "tfidf-no-decay"}
    th = report["systems"]["vigie threads"]
    assert th["items"] == v["items"] and th["clusters"] <= v["clusters"]  # a thread holds whole stories
    assert v["items"] > 500 and 0 < v["clusters"] <= v["items"]
    nd = report["systems"]["near-duplicates"]
    assert nd["clusters"] >= v["clusters"]  # content joining only ever lumps more than near-duplicates


def test_known_actors_are_features_and_show_on_the_story_page(store):
    from vigie.model import Mention

    doc = annotated(1, "Alexeï Navalny est mort en prison", "L'opposant russe est mort.", D0)
    doc.mentions = [Mention(0, 14, "Alexeï Navalny", "PER", "person/alexei-navalny", "Alexeï Navalny", "person"),
                    Mention(0, 14, "Alexeï Navalny", "PER", "person/alexei-navalny", "Alexeï Navalny", "person")]
    other = annotated(2, "Un pont inauguré à Bordeaux", "Le pont est ouvert.", D0)
    store.put(doc)
    store.put(other)
    pending = {r["title"]: r for r in store.story_pending()}
    assert pending[doc.article.title]["features"] == ["actor:person/alexei-navalny"]  # once per article
    assert pending[other.article.title]["features"] == []
    update_store(store)
    assert store.story_pending() == []
    (nav,) = [s for s in store.stories() if "navalny" in s.label]
    assert store.story(nav.id)["actors"] == [{"actor": "person/alexei-navalny", "name": "Alexeï Navalny", "articles": 1}]


def test_two_runs_equal_one_with_expiry_and_dormant_stories(tmp_path):
    """The saved state (live and dormant stories, frequencies, live items) lets a second run go on
    exactly where the first stopped, even when stories expire and wake between the runs."""
    from vigie.store import open_store

    settings = Settings(ttl=1, revive_threshold=0.3, dormant_min_size=2)
    docs = corpus()
    late = [annotated(3000 + i, t, t + ".", D0 + timedelta(days=9), f"s{i}.fr") for i, t in enumerate(NAVALNY[3:])]
    filler = annotated(4000, "Le Louvre bat son record de visiteurs", "Record au Louvre.", D0 + timedelta(days=8))
    docs += [filler] + late
    one = open_store(tmp_path / "one.db")
    for d in docs:
        one.put(d)
    update_store(one, settings)
    two = open_store(tmp_path / "two.db")
    for i, part in enumerate((docs[:62], docs[62:-len(late)], late)):
        for d in part:
            two.put(d)
        update_store(two, settings)
        if i == 1:  # the Navalny story has expired (filler on day 8): it crosses to the next run dormant
            state, _ = two.story_state()
            assert [d["size"] for d in state["dormant"] if "navalny" in d["centroid"]] == [len(NAVALNY)]
    assert memberships(two) == memberships(one)
    (nav,) = [s for s in one.stories(limit=None) if "navalny" in s.label]
    assert nav.size == len(NAVALNY) + len(late)  # the late items woke the expired story
    one.close()
    two.close()
