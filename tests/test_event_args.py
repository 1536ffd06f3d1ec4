"""The argument chooser of French events (``vigie.nlp.event_args``): a learned re-ranking of each
event's candidate sources and targets, stacked on the rules, on by default for French only."""

from __future__ import annotations

import importlib.util
from datetime import datetime, timezone
from pathlib import Path

from vigie.model import Article, Block
from vigie.nlp import event_args
from vigie.nlp import events as ev

REPO = Path(__file__).resolve().parents[1]
SEIZED = "Les autorités turques ont saisi un navire au large de Chypre. Le navire a été saisi avec 12 personnes à bord."


def _article(text: str, lang: str = "fr") -> Article:
    return Article(item="t", text=text, blocks=[Block("paragraph", 0, len(text))], language=lang,
                   published=datetime(2021, 10, 18, tzinfo=timezone.utc))


def _events(annotator, text: str, lang: str = "fr"):
    return annotator.annotate(_article(text, lang)).events


def _second_seizure(events):
    (e,) = [e for e in events if e.type == "COERCE" and e.trigger_start > SEIZED.index(".")]
    return e


def test_shipped_weights_load_and_serve_french_only():
    chooser = event_args.load()
    assert chooser is not None and len(chooser.weights) > 100
    assert all(len(w) == 2 for w in chooser.weights.values())
    assert ev._chooser("fr") is not None
    assert ev._chooser("en") is None  # English events keep the rules' arguments
    with ev.argument_model(event_args.ArgumentChooser({"none": (9.0, 9.0)})):
        assert ev._chooser("en") is None


def test_passive_without_agent_takes_the_actor_of_the_sentence_before(annotator):
    """"Le navire a été saisi": the rules find no one who seizes; the shipped chooser takes the
    Turkish authorities of the sentence before."""
    with ev.argument_model(None):
        rules = _second_seizure(_events(annotator, SEIZED))
    assert rules.source is None
    chosen = _second_seizure(_events(annotator, SEIZED))
    assert chosen.source is not None and chosen.source.country == "TUR"
    assert chosen.target is not None and chosen.target.text == "Le navire"  # the rules' target kept


def test_rules_kept_where_they_are_plain(annotator):
    text = "La Russie a accusé l'Ukraine."
    with ev.argument_model(None):
        rules = [(e.type, e.source.country, e.target.country) for e in _events(annotator, text)]
    chosen = [(e.type, e.source.country, e.target.country) for e in _events(annotator, text)]
    assert rules == chosen == [("ACCUSE", "RUS", "UKR")]


def test_hand_set_weights_decide(annotator):
    """A chooser that always prefers no participant empties the French events' arguments, and only theirs."""
    nobody = event_args.ArgumentChooser({"none": (50.0, 50.0)})
    with ev.argument_model(nobody):
        fr = _events(annotator, "La Russie a accusé l'Ukraine. La France a condamné l'Allemagne.")
        en = _events(annotator, "NATO expelled eight Russian diplomats on Monday.", "en")
    assert fr and all(e.source is None and e.target is None for e in fr)
    assert any(e.source is not None and e.source.igo == "NATO" for e in en)


def test_a_pick_from_the_context_is_only_its_country(annotator):
    """An actor of an earlier sentence, which the parse does not link to the trigger, stands for its
    country: its actor id and sector are dropped, the country kept (elsewhere the margin keeps the rules' picks)."""
    text = "Vladimir Poutine a accusé l'Ukraine. Le navire a été saisi avec 12 personnes à bord."
    with ev.argument_model(event_args.ArgumentChooser({"k=recent": (50.0, 0.0)}, margin=(1.0, 1.0))):
        events = _events(annotator, text)
    (seized,) = [e for e in events if e.type == "COERCE"]
    assert seized.source is not None and seized.source.country == "RUS"
    assert seized.source.actor is None and seized.source.sector is None
    (accused,) = [e for e in events if e.type == "ACCUSE"]
    assert accused.source.actor == "person/vladimir-putin"  # its own subject, linked by the parse: kept whole


def test_recording_leaves_the_rules_events(annotator):
    rec: list = []
    with ev.argument_model(None):
        rules = _events(annotator, SEIZED)
    with ev.argument_model(event_args.ArgumentChooser(recording=rec)):
        recorded = _events(annotator, SEIZED)
    assert recorded == rules
    assert len(rec) >= 2
    for e, cands, feats in rec:
        assert cands[0] is None  # "none" is always a candidate
        assert e.source is None or e.source in cands
        assert len(feats["source"]) == len(feats["target"]) == len(cands)
        assert all(isinstance(f, str) for row in feats["source"] for f in row)


def test_fit_learns_which_candidate_is_right():
    spec = importlib.util.spec_from_file_location("event_args_cv", REPO / "scripts" / "event_args_cv.py")
    cv = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(cv)
    exs = []
    for n in range(30):  # the "good" candidate is the right source, wherever it stands; targets: none
        good_first = n % 2 == 0
        rows = [["none"], ["good", "x"], ["bad", "x"]] if good_first else [["none"], ["bad", "x"], ["good", "x"]]
        right = [False, good_first, not good_first]
        exs.append({"feats": {"source": rows, "target": rows}, "right": {"source": right, "target": [True, False, False]}})
    w = cv.fit(exs, l2=0.1)
    assert w["good"][0] > w["bad"][0] + 1.0
    assert w["none"][1] > w["good"][1] and w["none"][1] > w["bad"][1]
    chooser = event_args.ArgumentChooser(w)
    score = lambda f, role: sum(chooser.weights.get(x, (0.0, 0.0))[role] for x in f)  # noqa: E731
    assert score(["good", "x"], 0) > max(score(["bad", "x"], 0), score(["none"], 0))
