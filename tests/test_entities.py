"""Entity clean-up after spaCy: function words, demonyms, titles, gazetteer labels, one label per name."""

from __future__ import annotations

from vigie.model import Entity, Mention
from vigie.nlp.entities import refine


def _e(text: str, phrase: str, label: str, nth: int = 0) -> Entity:
    start = -1
    for _ in range(nth + 1):
        start = text.index(phrase, start + 1)
    return Entity(start, start + len(phrase), phrase, label, label)


def _m(text: str, phrase: str, **kw) -> Mention:
    start = text.index(phrase)
    return Mention(start, start + len(phrase), phrase, kw.pop("label", "LOC"), **kw)


def _spans(entities):
    return {(e.text, e.label) for e in entities}


def test_function_words_leave_the_name():
    text = "Il vit en France depuis que la France a gagné, dit l'Otan."
    ents = [_e(text, "en France", "LOC"), _e(text, "la France", "LOC"), _e(text, "l'Otan", "ORG")]
    assert _spans(refine(ents, [], text, "fr")) == {("France", "LOC"), ("Otan", "ORG")}


def test_capitalised_party_name_keeps_its_article():
    text = "La France insoumise a voté contre."
    ents = [_e(text, "La France insoumise", "ORG")]
    assert _spans(refine(ents, [], text, "fr")) == {("La France insoumise", "ORG")}


def test_titles_letters_and_tournament_groups_are_not_names():
    text = "Le Président a parlé. Catégorie A : Groupe B contre Marseille."
    ents = [_e(text, "Président", "PER"), _e(text, "A", "LOC"), _e(text, "Groupe B", "ORG"), _e(text, "Marseille", "LOC")]
    assert _spans(refine(ents, [], text, "fr")) == {("Marseille", "LOC")}


def test_demonyms_are_not_places():
    text = "La Suissesse Lara Gut devance les Français et l'Australien Brownlee en Italie."
    ents = [_e(text, "Suissesse", "LOC"), _e(text, "Français", "LOC"), _e(text, "Australien", "LOC"),
            _e(text, "Italie", "LOC"), _e(text, "Lara Gut", "PER")]
    mentions = [_m(text, "Français", label="MISC", actor="FRA", via="demonym"),
                _m(text, "Italie", actor="ITA", actor_type="country", via="name")]
    got = _spans(refine(ents, mentions, text, "fr"))
    assert {("Suissesse", "MISC"), ("Français", "MISC"), ("Australien", "MISC"), ("Italie", "LOC")} <= got


def test_gazetteer_labels_and_spans():
    text = "Matignon a confirmé que l'État islamique et Daech ne font qu'un, selon l'armée syrienne."
    ents = [_e(text, "Matignon", "LOC"), _e(text, "État", "LOC"), _e(text, "Daech", "LOC")]
    mentions = [
        _m(text, "Matignon", actor="FRA", actor_type="country", reading="government", via="seat"),
        _m(text, "État islamique", label="ORG", actor="group/is", actor_type="group", via="name"),
        _m(text, "Daech", label="ORG", actor="group/is", actor_type="group", via="name"),
        _m(text, "armée syrienne", label="AGENT", country="SYR", sector="MIL", via="agent"),
    ]
    got = _spans(refine(ents, mentions, text, "fr"))
    assert got == {("Matignon", "ORG"), ("État islamique", "ORG"), ("Daech", "ORG"), ("armée syrienne", "ORG")}


def test_one_label_per_name_in_an_article():
    text = "Chris Froome gagne. Froome attaque. Leanda Cave court ; Leanda Cave gagne ; Leanda Cave rit."
    ents = [_e(text, "Chris Froome", "PER"), _e(text, "Froome", "MISC", nth=1),
            _e(text, "Leanda Cave", "PER"), _e(text, "Leanda Cave", "LOC", nth=1), _e(text, "Leanda Cave", "PER", nth=2)]
    labels = [e.label for e in refine(ents, [], text, "fr")]
    assert labels == ["PER"] * 5


def test_organisation_heads():
    text = "Le diocèse de Hearst et l'hôpital Pasteur de Nice."
    ents = [_e(text, "diocèse de Hearst", "LOC"), _e(text, "hôpital Pasteur de Nice", "LOC")]
    assert {e.label for e in refine(ents, [], text, "fr")} == {"ORG"}
