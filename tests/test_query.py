"""The search query language: parsing, errors, the plain-language echo, and its compilation
over the SQLite store (fields, dates, negation, grouped near-duplicates, facets, pages)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.webcorpus import corpus_db
from vigie.query import And, DateRange, Field, Not, Or, QueryError, Text, echo, parse, resolve, to_text
from vigie.store.search import fts_expr, plan


def test_words_are_anded_and_phrases_kept():
    assert parse('otan "maison blanche"') == And((Text("otan"), Text("maison blanche", phrase=True)))
    assert parse("russ*") == Text("russ", prefix=True)
    assert parse("jean-marie") == Text("jean-marie", phrase=True)  # one word for the user, two for FTS5


def test_operators_precedence_and_parentheses():
    # AND binds tighter than OR; NOT and a leading minus negate the next item
    assert parse("a b OR c") == Or((And((Text("a"), Text("b"))), Text("c")))
    assert parse("a (b OR c)") == And((Text("a"), Or((Text("b"), Text("c")))))
    assert parse("a -b") == parse("a NOT b") == And((Text("a"), Not(Text("b"))))
    assert parse("a ET b OU c SAUF d") == Or((And((Text("a"), Text("b"))), And((Text("c"), Not(Text("d"))))))
    assert parse("a AND b") == parse("a b")
    assert parse("a and b") == And((Text("a"), Text("and"), Text("b")))  # lower case: words


def test_fields_and_their_french_names():
    assert parse("source:lemonde.fr") == Field("source", "lemonde.fr")
    assert parse('source:"Le Monde"') == Field("source", "Le Monde")
    assert parse("langue:FR") == Field("lang", "fr")
    assert parse("acteur:Lavrov") == Field("actor", "Lavrov")
    assert parse("type:sanction") == Field("type", "SANCTION")
    assert parse("auteur:Amsili") == Field("author", "Amsili")
    assert parse("12:30") == Text("12:30", phrase=True)  # not a field name: words (12 30)


@pytest.mark.parametrize("query, since, until", [
    ("since:2024-01", "2024-01-01", None),
    ("depuis:2024-01-15", "2024-01-15", None),
    ("until:2024-02", None, "2024-03-01"),  # the named period is included
    ("until:2023", None, "2024-01-01"),
    ("date:2024-01..2024-03", "2024-01-01", "2024-04-01"),
    ("date:2024-02", "2024-02-01", "2024-03-01"),
    ("date:2024-02-29", "2024-02-29", "2024-03-01"),
    ("date:..2024-03", None, "2024-04-01"),
    ("date:2024-12..", "2024-12-01", None),
])
def test_dates(query, since, until):
    assert parse(query) == DateRange(since, until)


@pytest.mark.parametrize("query, reason", [
    ("", "empty query"),
    ("   ", "empty query"),
    ("(otan", "never closed"),
    ("otan)", "no opening parenthesis"),
    ("AND otan", "needs a word before and after"),
    ("otan OR", "needs something after it"),
    ("NOT", "needs something after it"),
    ('"maison blanche', "unterminated quote"),
    ("couleur:rouge", "unknown field 'couleur:'"),
    ("source:", "has no value"),
    ("since:2024-13", "bad date '2024-13'"),
    ("since:hier", "bad date 'hier'"),
    ("date:2024-03..2024-01", "ends before it starts"),
    ("date:..", "has no bound"),
    ("l' ,", "nothing to search"),
    ("(" * 30 + "a" + ")" * 30, "nested parentheses"),
    ("a " * 600, "query too long"),
])
def test_bad_queries_say_why(query, reason):
    with pytest.raises(QueryError, match=reason.replace("(", r"\(").replace(")", r"\)")):
        parse(query)


def test_echo_in_french_and_english():
    node = parse('"maison blanche" -trump source:lemonde.fr date:2024-01..2024-02')
    assert echo(node) == ("Documents contenant l'expression « maison blanche » et sans « trump » et de la source "
                          "« lemonde.fr » et publiés du 2024-01-01 (inclus) au 2024-03-01 (exclu)")
    assert echo(node, "en").startswith("Documents containing the phrase “maison blanche” and without “trump”")
    assert echo(parse("a OR b")) == "Documents contenant « a » ou contenant « b »"


def test_resolved_actor_is_echoed_by_name():
    node = resolve(parse("acteur:Lavrov"), lambda v: (("person/sergey-lavrov",), "Sergueï Lavrov"))
    assert node == Field("actor", "Lavrov", ("person/sergey-lavrov",), "Sergueï Lavrov")
    assert echo(node) == "Documents mentionnant l'acteur Sergueï Lavrov"


def test_fts_compilation_quotes_every_word():
    assert fts_expr(parse("l'Élysée")) == '"elysee"'
    assert fts_expr(parse('a (b OR "c d")')) == '("a" AND ("b" OR "c d"))'
    assert fts_expr(parse("a -b")) == '("a") NOT "b"'
    assert fts_expr(parse("a source:x")) is None  # a field cannot go into FTS5
    match, where, params = plan(parse("otan -russie source:x"))
    assert match == '"otan"' and "NOT" in where and params[0] == '"russie"'


def test_a_prefix_word_that_folds_to_several_keeps_its_star():
    node = parse("jean-luc*")
    assert node.prefix and node.phrase  # searched as the words "jean" then "luc…"
    assert to_text(node) == "jean-luc*" and parse(to_text(node)) == node


_word = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=12)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(_word, st.sampled_from(["AND", "OR", "NOT", "(", ")", '"', "-", "source:", "date:", "*"])),
                max_size=12))
def test_any_input_parses_or_fails_clearly(parts):
    query = " ".join(parts)
    try:
        node = parse(query)
    except QueryError as e:
        assert str(e)  # a reason, never another exception
        return
    assert parse(to_text(node)) == node  # the canonical form reads back the same


# -- over a store -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, annotator):
    from vigie.store import open_store

    store = open_store(corpus_db(tmp_path_factory, annotator))
    yield store
    store.close()


def _titles(page):
    return {h.title for h in page.hits}


def test_search_page_groups_near_duplicates_under_the_first_copy(corpus):
    page = corpus.search_page("mission diplomatique")
    assert page.total == 2 and page.groups == 1 and len(page.hits) == 1
    hit = page.hits[0]
    assert hit.duplicate_of is None and hit.title == "La Russie suspend sa mission auprès de l'Otan"
    assert [c["title"] for c in hit.copies] == ["La Russie suspend sa mission auprès de l'Otan (dépêche)"]
    # the copy alone (its source only) is shown on its own
    only_copy = corpus.search_page("mission diplomatique source:rfi")
    assert only_copy.total == 1 and only_copy.hits[0].duplicate_of == hit.id and only_copy.hits[0].copies == []


def test_highlights_point_at_the_matched_words(corpus):
    page = corpus.search_page("élysée")
    (hit,) = page.hits
    assert hit.highlights and all(hit.snippet[s:e] == "Élysée" for s, e in hit.highlights)


def test_fields_filter(corpus):
    assert {h.source for h in corpus.search_page("russie source:lemonde").hits} == {"lemonde.fr"}
    assert {h.language for h in corpus.search_page("lang:en").hits} == {"en"}
    assert _titles(corpus.search_page("auteur:amsili")) == {"La Russie suspend sa mission auprès de l'Otan"}
    for h in corpus.search_page("since:2024-03").hits:
        assert h.published >= "2024-03"
    assert all(h.published < "2024-02" for h in corpus.search_page("until:2024-01").hits)


def test_negation_and_or(corpus):
    with_lavrov = corpus.search_page("otan").total
    without = corpus.search_page("otan -lavrov")
    assert 0 < without.total < with_lavrov
    assert all("Lavrov" not in (h.snippet + (h.title or "")) for h in without.hits)
    either = corpus.search_page("macron OR sénat")
    assert either.total == corpus.search_page("macron").total + corpus.search_page("sénat").total
    assert corpus.search_page("NOT otan").total == corpus.stats()["documents"] - with_lavrov


def test_actor_and_event_type_fields_match_the_facets(corpus):
    page = corpus.search_page("russie")
    actors = dict(page.facets["actor"])
    assert actors.get("RUS", 0) > 0
    assert corpus.search_page("russie actor:RUS").total == actors["RUS"]
    etype, count = page.facets["type"][0]
    assert corpus.search_page(f"russie type:{etype}").total == count
    # a resolved actor matches every id it stands for
    resolved = resolve(parse("actor:Lavrov"), lambda v: (("person/sergey-lavrov",), "Lavrov"))
    assert corpus.search_page(resolved).total == 2


def test_facets_and_histogram_count_the_matches(corpus):
    page = corpus.search_page("since:2024-01")
    assert sum(n for _, n in page.facets["language"]) == page.total
    assert sum(n for _, n in page.histogram) == page.total
    assert page.interval == "month" and page.histogram[0][0] == "2024-01"
    assert not page.ranked and page.facets_over == page.total


def test_pagination(corpus):
    everything = corpus.search_page("since:2000", per_page=200)
    pages = [corpus.search_page("since:2000", page=n, per_page=3) for n in (1, 2, 3)]
    ids = [h.id for p in pages for h in p.hits]
    assert ids == [h.id for h in everything.hits] and len(ids) == everything.groups
    assert corpus.search_page("since:2000", page=99).hits == []
    with pytest.raises(ValueError, match="per_page"):
        corpus.search_page("otan", per_page=0)


def test_hostile_words_stay_words(corpus):
    # FTS5 and SQL syntax typed by a user are searched as words, never run
    assert corpus.search_page('"zzq" OR "yyq" NEAR(zzq yyq)').total == 0
    assert corpus.search_page("source:\"x' OR 1=1 --\"").total == 0
    assert corpus.search_page("source:%").total == 0  # LIKE wildcards are literal
