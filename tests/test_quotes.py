"""Quotes and speakers: direct, partial and indirect, with speakers tied to actors."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from vigie.model import Article, Block
from vigie.nlp.quotes import quoted_segments


def _by_start(annotated, phrase, kind=None):
    start = annotated.article.text.index(phrase)
    return next(q for q in annotated.quotes if q.start <= start < q.end and kind in (None, q.kind))


def test_seed_quotes(seed_annotated):
    """The issue's seed quotes: both Lavrov quotes (one inverted), the partial quote attributed to
    NATO, « utile » to the Kremlin."""
    a = seed_annotated
    text = a.article.text
    assert all(text[q.start : q.end] == q.text for q in a.quotes)
    first = _by_start(a, "A la suite de certaines mesures", "direct")
    assert first.kind == "direct" and first.speaker_actor == "person/sergey-lavrov" and first.cue == "a déclaré"
    assert first.text.startswith("A la suite") and first.text.endswith("ne sont plus là")
    second = _by_start(a, "l'Otan a déjà fortement réduit", "direct")
    assert second.kind == "direct" and second.speaker == "Sergueï Lavrov" and second.cue == "a justifié"
    assert second.date == "2021-10-18"  # "a justifié ce lundi"
    agents = _by_start(a, "agents de renseignement russes non déclarés", "partial")
    assert agents.kind == "partial" and agents.speaker_actor == "NATO" and agents.text == (
        "agents de renseignement russes non déclarés")
    useful = _by_start(a, "utile »", "partial")
    assert useful.kind == "partial" and useful.text == "utile" and useful.speaker_actor == "RUS"
    assert useful.speaker == "Kremlin" and useful.speaker_type == "ORG"
    announced = _by_start(a, "suspendait sa mission")
    assert announced.kind == "indirect" and announced.speaker == "Moscou" and announced.speaker_type == "GPE"


def _article(text: str) -> Article:
    blocks, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            blocks.append(Block("paragraph", pos, pos + len(line)))
        pos += len(line) + 1
    return Article(item="t", text=text, blocks=blocks, language="fr",
                   published=datetime(2021, 10, 18, tzinfo=timezone.utc))


def test_not_quotes(annotator):
    text = ("Le film « La Haine » ressort en salles. L'opération « Barkhane » s'achève. "
            "Le quotidien « Le Monde » a publié une enquête. Ces « experts » autoproclamés pullulent en ligne.")
    assert annotator.annotate(_article(text)).quotes == []


def test_multi_paragraph_quote_and_pronoun(annotator):
    text = ("Emmanuel Macron a pris la parole devant les maires.\n"
            "« Nous ne céderons rien. Le pays tiendra bon.\n"
            "« Car la République est plus forte que la peur », a-t-il ajouté.")
    a = annotator.annotate(_article(text))
    quotes = [q for q in a.quotes if q.kind == "direct"]
    assert len(quotes) == 2 and quotes[0].text == "Nous ne céderons rien. Le pays tiendra bon."
    assert {q.speaker_actor for q in quotes} == {"person/emmanuel-macron"}


def test_segments_nesting_and_unbalanced_marks():
    text = "Il a dit « ils criaient “ au secours ” sans arrêt » puis « rien de plus.\nFin « sans fin"
    segs = quoted_segments(text)
    assert [text[s.start : s.end] for s in segs] == ["ils criaient “ au secours ” sans arrêt"]


@pytest.mark.parametrize(
    "text",
    ["« " + "Tout est dit. " * 400 + "»", "»»» «««", "« « « »", "Il a dit : « » et « ».", "\"\"\"", "— ",
     "«\n»\n«"],
)
def test_hard_inputs(annotator, text):
    a = annotator.annotate(_article(text))
    for q in a.quotes:
        assert a.article.text[q.start : q.end] == q.text and len(q.text) <= 5000


def test_english_quotes(annotator):
    text = ('"The basic conditions for working together are no longer there," said Foreign Minister Sergei Lavrov '
            'on Monday. According to NATO, the eight diplomats were "undeclared intelligence officers". '
            'The Kremlin called the visit "useful".')
    a = annotator.annotate(Article(item="en", text=text, blocks=[Block("paragraph", 0, len(text))], language="en",
                                   published=datetime(2021, 10, 18, tzinfo=timezone.utc)))
    got = {(q.kind, q.text): q for q in a.quotes}
    direct = got[("direct", "The basic conditions for working together are no longer there")]
    assert direct.speaker_actor == "person/sergey-lavrov" and direct.cue == "said" and direct.date == "2021-10-18"
    assert got[("partial", "undeclared intelligence officers")].speaker_actor == "NATO"
    assert got[("partial", "useful")].speaker == "Kremlin"
