"""Threads over stories (issue 8): crafted streams, ids, merges, expiry, the store and the CLI."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from vigie.analysis.stories import StoryClusterer, StoryItem, update_store
from vigie.analysis.threads import ThreadSettings, ThreadTracker, thread_id_for

D0 = date(2024, 2, 1)

# Varied background headlines, a fresh set each day, so that document frequencies look like a stream's
# and no background story outlives the clusterer's ttl.
SUBJECTS = ["Le prix du gazole", "La SNCF", "Le Louvre", "La Bourse de Paris", "Un loup", "Le Tour de France",
            "Un pont", "Les écoles de Marseille", "Le marché de l'immobilier", "Un festival de jazz",
            "La récolte de blé", "Un musée de Lille", "Le championnat de rugby", "Une usine de batteries"]
VERBS = ["baisse encore", "annonce un plan", "bat un record", "termine en hausse", "aperçu dans le Jura",
         "dévoile son parcours", "inauguré à Bordeaux", "en grève", "ralentit", "attire la foule",
         "s'annonce faible", "rouvre ses portes", "reprend ce week-end", "recrute"]

GAZA_1 = ["Israël : le Hamas lance une attaque massive, des centaines de morts",
          "Attaque du Hamas contre Israël : Tsahal riposte à Gaza",
          "Guerre Israël-Hamas : les frappes se multiplient sur Gaza",
          "Otages du Hamas : Israël promet de ramener les captifs de Gaza"]
GAZA_2 = ["Gaza : une trêve entre Israël et le Hamas pour libérer des otages",
          "Trêve à Gaza : le Hamas libère un groupe d'otages israéliens",
          "Libération d'otages : la trêve entre le Hamas et Israël prolongée à Gaza"]
CALEDONIE = ["Nouvelle-Calédonie : émeutes à Nouméa après le vote sur le corps électoral",
             "Émeutes en Nouvelle-Calédonie : l'état d'urgence décrété à Nouméa",
             "Nouméa : nuit de violences en Nouvelle-Calédonie, les Kanaks mobilisés"]


SYLLABLES = ["ba", "ker", "lo", "mi", "nor", "pa", "ru", "sel", "ti", "vo", "zan", "gu", "dor"]


def _place(n: int) -> str:
    """A made-up place name, a different one for each n: the long tail of a real stream's words."""
    out = ""
    for _ in range(3):
        n, r = divmod(n, len(SYLLABLES))
        out += SYLLABLES[r]
    return out.capitalize()


def background(day: date, n: int = 14) -> list[StoryItem]:
    k = (day - D0).days
    return [StoryItem(f"bg{k}-{i}", day, f"s{i % 5}.fr",
                      f"{SUBJECTS[(i + k) % len(SUBJECTS)]} {VERBS[(i * 3 + k) % len(VERBS)]} à "
                      f"{_place(k * n + i)}")
            for i in range(n)]


def topic(texts: list[str], day: date, prefix: str) -> list[StoryItem]:
    return [StoryItem(f"{prefix}{i}", day, f"p{i}.fr", t) for i, t in enumerate(texts)]


def stream(gap_days: int = 30) -> list[StoryItem]:
    """Gaza in week one; background only for ``gap_days``; Gaza again, and an unrelated topic."""
    out: list[StoryItem] = []
    for d in range(gap_days + 2):
        day = D0 + timedelta(days=d)
        out += background(day)
        if d == 1:
            out += topic(GAZA_1, day, "g1-")
        if d == gap_days:
            out += topic(GAZA_2, day, "g2-")
        if d == gap_days + 1:
            out += topic(CALEDONIE, day, "nc-")
    return out


def replay(items: list[StoryItem], settings: ThreadSettings | None = None):
    """Both layers, as the eval and the store run them: item → (story, thread)."""
    c = StoryClusterer()
    t = ThreadTracker(settings, story_ttl=c.settings.ttl)
    story, thread = {}, {}
    for it in items:
        sid = c.add(it)
        story[it.id] = sid
        thread[it.id] = t.add(it.id, it.day, sid, c.last_vector, c.stories[sid].centroid)
    final = {i: t.resolve(x) for i, x in thread.items()}
    return c, t, story, final


def test_same_topic_stories_weeks_apart_join_one_thread():
    c, t, story, thread = replay(stream(gap_days=30))
    assert len({story[f"g1-{i}"] for i in range(len(GAZA_1))}) == 1
    # thirty days later the first story has expired: the trêve is a new story ...
    assert story["g2-0"] != story["g1-0"]
    # ... in the same thread
    assert {thread[i] for i in thread if i.startswith(("g1-", "g2-"))} == {thread["g1-0"]}


def test_unrelated_stories_do_not_share_a_thread():
    _, _, story, thread = replay(stream(gap_days=30))
    assert {thread[f"nc-{i}"] for i in range(len(CALEDONIE))} == {thread["nc-0"]}
    assert thread["nc-0"] != thread["g1-0"]
    background_threads = {thread[i] for i in thread if i.startswith("bg")}
    assert thread["g1-0"] not in background_threads and thread["nc-0"] not in background_threads
    # background is not piled into one thread: a thread is not "everything else"
    sizes = [sum(1 for i in thread if i.startswith("bg") and thread[i] == x) for x in background_threads]
    assert max(sizes) < sum(sizes) / 3


def test_thread_ids_are_given_once_never_change_and_replay_the_same():
    items = stream(gap_days=20)
    _, t, _, thread = replay(items)
    assert thread["g1-0"] == thread_id_for("g1-0")  # the first item of the topic started it
    seen: dict[str, str] = {}
    c2, t2 = StoryClusterer(), ThreadTracker()
    for it in items:  # an item's thread, as returned at its time, is still its thread at the end
        sid = c2.add(it)
        seen[it.id] = t2.add(it.id, it.day, sid, c2.last_vector, c2.stories[sid].centroid)
    assert {i: t2.resolve(x) for i, x in seen.items()} == thread  # the same stream: the same ids
    assert all(t2.resolve(seen[i]) == seen[i] for i in seen if i.startswith(("g1", "g2", "nc")))


def test_threads_expire_after_their_quiet_days_and_the_index_stays_bounded():
    settings = ThreadSettings(ttl=40, item_days=10)
    _, t, _, thread = replay(stream(gap_days=60), settings)
    # the Gaza thread of week one (4 items: 40 quiet days) has left; the trêve starts a new one
    assert thread["g2-0"] != thread["g1-0"]
    assert thread["g1-0"] not in t.threads
    # one-item background threads live 10 days: what is live is the last days' worth, not the history
    assert len(t.threads) < 15 * 14
    assert all(t.resolve(x) in t.threads or x in t.alias for x in t.story_thread.values())
    assert set().union(*t.postings.values()) <= set(t.threads)


def test_a_story_close_to_two_threads_merges_them_and_the_old_id_resolves():
    t = ThreadTracker(ThreadSettings(join=0.3, merge=0.3))
    a = {"hamas": 0.8, "gaza": 0.6}
    b = {"hamas": 0.8, "otage": 0.6}
    ta = t.add("a0", D0, "sa", a, a)
    tb = t.add("b0", D0, "sb", {"otage": 1.0}, {"otage": 1.0})
    assert ta != tb  # « otage » alone shares nothing with ta
    t.add("b1", D0, "sb", b, {"otage": 1.6, "hamas": 0.8})  # the story sb, now 2 items, is close to ta too
    assert t.resolve(ta) == t.resolve(tb) == tb  # the larger thread keeps its id
    assert t.merged == [(ta, tb)] and t.alias == {ta: tb}
    assert ta not in t.threads and t.threads[tb].size == 3 and t.threads[tb].stories == 2


def test_thread_settings_parse():
    assert ThreadSettings.parse("join=0.3,ttl=100") == ThreadSettings(join=0.3, ttl=100)
    with pytest.raises(ValueError, match="unknown thread setting"):
        ThreadSettings.parse("bogus=1")


# -- the store and the CLI -------------------------------------------------------------------


def _store_items(store, items: list[StoryItem]) -> None:
    from datetime import datetime, timezone

    from vigie.model import AnnotatedArticle, Article, Block

    for n, it in enumerate(items):
        title = it.text
        a = Article(item=it.id, text=title, blocks=[Block("title", 0, len(title))],
                    url=f"https://{it.source}/{it.id}", source=it.source,
                    published=datetime(it.day.year, it.day.month, it.day.day, 12, n % 60, tzinfo=timezone.utc))
        store.put(AnnotatedArticle(a, "fr", 1.0, None))


def _threads_of(store) -> dict[str, str]:
    return {r[0]: r[1] for r in store.db.execute(
        "SELECT sa.doc_id, t.thread_id FROM story_articles sa JOIN story_threads t ON t.story_id = sa.story_id")}


def test_eval_stories_refuses_a_bad_thread_setting_before_reading_the_stream(tmp_path, capsys):
    from vigie.cli.main import main

    assert main(["eval", "stories", "--data", str(tmp_path), "--thread-set", "join=x"]) == 2
    assert "--thread-set: thread setting join: 'x' is not a number" in capsys.readouterr().err


def test_store_threads_are_saved_idempotent_and_two_runs_equal_one(tmp_path):
    from vigie.store import open_store

    items = stream(gap_days=25)
    one = open_store(tmp_path / "one.db")
    _store_items(one, items)
    update_store(one)
    whole = _threads_of(one)
    assert len(whole) == len(items) and all(whole.values())  # every article's story has its thread
    again = dict(whole)
    assert update_store(one).articles == 0 and _threads_of(one) == again  # nothing new: nothing changes

    two = open_store(tmp_path / "two.db")
    cut = next(i for i, it in enumerate(items) if it.id == "g2-0")
    _store_items(two, items[:cut])
    update_store(two)
    _store_items(two, items[cut:])
    update_store(two)
    assert _threads_of(two) == whole

    title_of = {r[0]: r[1] for r in one.db.execute("SELECT id, title FROM documents")}
    gaza = {whole[d] for d, t in title_of.items() if "Hamas" in t}
    assert len(gaza) == 1
    (tid,) = gaza
    row = one.db.execute("SELECT size, stories, merged_into FROM threads WHERE id = ?", (tid,)).fetchone()
    assert row["size"] == len(GAZA_1) + len(GAZA_2) and row["stories"] == 2 and row["merged_into"] is None
    one.close()
    two.close()


def test_cli_stories_show_the_thread(tmp_path, capsys):
    from vigie.cli.main import main
    from vigie.store import open_store

    db = tmp_path / "cli.db"
    s = open_store(db)
    _store_items(s, stream(gap_days=12))
    s.close()
    assert main(["stories", "--db", str(db), "--json", "--since", "2d", "--min-size", "3"]) == 0
    out = json.loads(capsys.readouterr().out)
    (gaza,) = [st for st in out["stories"] if "gaza" in st["label"]]
    (nc,) = [st for st in out["stories"] if "noumea" in st["label"]]
    assert gaza["thread"].startswith("t") and nc["thread"].startswith("t") and gaza["thread"] != nc["thread"]
    assert main(["story", gaza["id"], "--db", str(db), "--no-update"]) == 0
    text = capsys.readouterr().out
    assert f"thread:  {gaza['thread']}  2 stories, {len(GAZA_1) + len(GAZA_2)} articles" in text
    assert main(["stories", "--db", str(db), "--no-update", "--since", "2d"]) == 0
    assert f"thread {gaza['thread']}" in capsys.readouterr().out


# -- an active topic's pull, and stories that move -----------------------------------------------


def _unit(vec: dict[str, float]) -> dict[str, float]:
    n = sum(v * v for v in vec.values()) ** 0.5
    return {t: v / n for t, v in vec.items()}


def test_an_active_thread_takes_an_item_a_quiet_one_would_not():
    war = _unit({"hamas": 0.8, "gaza": 0.6})
    side = _unit({"hamas": 0.2, "antisemite": 0.6, "tag": 0.6, "pari": 0.5})  # cosine 0.16 with the war
    for prior, days, joins in [(0.0, 0, False), (0.03, 0, True), (0.03, 120, False)]:
        t = ThreadTracker(ThreadSettings(prior=prior, join=0.25))
        for i in range(30):
            war_thread = t.add(f"w{i}", D0, "sw", war, war)
        late = D0 + timedelta(days=days)
        if days:  # the topic is quiet: one background item keeps time going
            t.add("bg", late, "sbg", {"sncf": 1.0}, {"sncf": 1.0})
        got = t.add("x0", late, "sx", side, side)
        assert (got == war_thread) is joins, (prior, days)


def test_a_story_that_fits_another_thread_better_moves_there_with_its_items():
    t = ThreadTracker(ThreadSettings(move=0.05))
    war, quake = _unit({"hamas": 0.8, "gaza": 0.6}), _unit({"seisme": 0.8, "maroc": 0.6})
    for i in range(8):
        tw = t.add(f"w{i}", D0, "sw", war, war)
        tq = t.add(f"q{i}", D0, "sq", quake, quake)
    first = _unit({"gaza": 0.5, "maroc": 0.6, "aide": 0.6})  # closer to the quake at first
    assert t.add("m0", D0, "sm", first, first) == tq
    story = {"gaza": 0.5 + 0.8, "maroc": 0.6, "aide": 0.6, "hamas": 0.6}  # its second item is about Gaza
    assert t.add("m1", D0, "sm", _unit({"gaza": 0.8, "hamas": 0.6}), story) == tw
    assert t.story_thread["sm"] == tw
    assert t.threads[tq].size == 8 and t.threads[tw].size == 10  # both items went with the story
    assert t.threads[tq].stories == 1 and t.threads[tw].stories == 2
    assert t.left == [tq]  # the store recounts the thread the story left


def test_a_story_alone_in_its_thread_gets_a_second_pick_on_its_centroid():
    war = _unit({"hamas": 0.8, "gaza": 0.6, "otage": 0.3})
    first = _unit({"kibboutz": 0.9, "temoin": 0.4, "gaza": 0.2})  # cosine 0.11 with the war: no thread
    second = _unit({"hamas": 0.4, "kibboutz": 0.7, "survivant": 0.5})
    story = {t: first.get(t, 0.0) + second.get(t, 0.0) for t in {*first, *second}}  # cosine 0.24
    for lone, joins in [(0.3, True), (0.0, False)]:
        t = ThreadTracker(ThreadSettings(lone=lone, join=0.3, merge=0.4, prior=0.03))
        for i in range(30):  # a busy thread: its activity bonus is 0.03 × log(31) = 0.10
            tw = t.add(f"w{i}", D0, "sw", war, war)
        own = t.add("k0", D0, "sk", first, first)
        assert own != tw  # the headline started a thread of its own
        got = t.add("k1", D0, "sk", second, story)
        # 0.24 + 0.10 reaches lone; as two threads they are below merge (cosine 0.24 < 0.4)
        assert (got == tw) is joins, lone
        assert (t.resolve(own) == tw) is joins
        if joins:
            assert t.threads[tw].size == 32 and t.merged == [(own, tw)] and own not in t.threads


def test_a_thread_of_several_stories_still_needs_close_centroids_to_merge():
    war = _unit({"hamas": 0.8, "gaza": 0.6})
    side = _unit({"kibboutz": 0.9, "temoin": 0.4})
    t = ThreadTracker(ThreadSettings(lone=0.3, merge=0.9, join=0.3))
    t.add("w0", D0, "sw", war, war)
    t.add("w1", D0, "sw", war, war)
    ts = t.add("a0", D0, "sa", side, side)
    assert t.add("b0", D0, "sb", side, side) == ts  # a second story in the side thread
    mixed = _unit({"kibboutz": 0.5, "hamas": 0.7, "gaza": 0.5})
    got = t.add("b1", D0, "sb", mixed, {"kibboutz": 0.9 + 0.5, "temoin": 0.4, "hamas": 0.7, "gaza": 0.5})
    assert got == ts and ts in t.threads and not t.merged  # two stories: the centroid check holds
