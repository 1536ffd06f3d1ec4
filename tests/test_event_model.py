"""The trigger-model hook of the events stage (``vigie.nlp.events.trigger_model``): a model may add,
re-type or drop a sentence's trigger candidates, whose arguments the rule coder then finds."""

from __future__ import annotations

from datetime import datetime, timezone

from vigie.model import Article, Block
from vigie.nlp import events as ev


def _article(text: str) -> Article:
    return Article(item="t", text=text, blocks=[Block("paragraph", 0, len(text))], language="fr",
                   published=datetime(2021, 10, 18, tzinfo=timezone.utc))


def _coded(annotator, text: str) -> list[tuple]:
    return sorted((e.type, e.trigger, e.source and e.source.country, e.target and e.target.country)
                  for e in annotator.annotate(_article(text)).events)


class _Lemmas:
    """A stand-in model: adds an event of ``add[lemma]``'s CAMEO code on verbs of that lemma the
    rules leave alone, and drops the rules' candidates whose lemma is in ``drop``."""

    def __init__(self, add: dict[str, str] | None = None, drop: set[str] | None = None) -> None:
        self.add, self.drop, self.calls = add or {}, drop or set(), 0

    def revise(self, sent, cands, offset, mentions, lang):
        self.calls += 1
        kept = [c for c in cands if c.token.lemma_.lower() not in self.drop]
        seen = {c.token.i for c in cands}
        extra = [ev._Cand(t, t, self.add[t.lemma_.lower()], None) for t in sent
                 if t.pos_ == "VERB" and t.i not in seen and t.lemma_.lower() in self.add]
        return kept + extra


TEXT = "La France a sermonné l'Allemagne. La Russie a accusé l'Ukraine."


def test_no_model_is_the_rules(annotator):
    rules = _coded(annotator, TEXT)
    with ev.trigger_model(None):
        assert _coded(annotator, TEXT) == rules
    assert ("ACCUSE", "accusé", "RUS", "UKR") in rules
    assert not any(t == "sermonné" for _, t, _, _ in rules)  # not in the lexicon: the rules code nothing


def test_added_trigger_gets_the_rules_arguments(annotator):
    model = _Lemmas(add={"sermonner": "111"})
    with ev.trigger_model(model):
        coded = _coded(annotator, TEXT)
    assert model.calls >= 2  # once per sentence
    assert ("ACCUSE", "sermonné", "FRA", "DEU") in coded  # subject and object found by the rule coder
    assert ("ACCUSE", "accusé", "RUS", "UKR") in coded
    assert ("ACCUSE", "sermonné", "FRA", "DEU") not in _coded(annotator, TEXT)  # off again after the block


def test_dropped_trigger_codes_nothing(annotator):
    with ev.trigger_model(_Lemmas(drop={"accuser"})):
        coded = _coded(annotator, TEXT)
    assert not any(t == "accusé" for _, t, _, _ in coded)


def test_nested_blocks_restore_the_outer_model(annotator):
    with ev.trigger_model(_Lemmas(drop={"accuser"})):
        with ev.trigger_model(None):
            assert ("ACCUSE", "accusé", "RUS", "UKR") in _coded(annotator, TEXT)
        assert not any(t == "accusé" for _, t, _, _ in _coded(annotator, TEXT))
