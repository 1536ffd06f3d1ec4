"""``vigie signals`` over a store, and the annotation detectors (new actor pairs, new event types
for a dyad). Synthetic articles only: no model, no shared data."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone

import pytest

from vigie.analysis.current import source_name
from vigie.analysis.novelty import DyadTypeDetector, EventRow, Mention, PairDetector
from vigie.cli.common import period
from vigie.cli.main import main
from vigie.model import AnnotatedArticle, Article, Block, Event, EventArg
from vigie.model import Mention as StoredMention

START = date(2024, 3, 1)
SOURCES = [f"https://www.journal{i}.fr" for i in range(8)]
FILLER = ["budget", "football", "meteo", "cinema", "retraites", "agriculture", "transports", "sante"]


def _article(n: int, day: date, source: str, title: str, lede: str = "", **annotations) -> AnnotatedArticle:
    text = f"{title}\n\n{lede or title}"
    a = Article(item=f"i{n}", text=text, blocks=[Block("title", 0, len(title)), Block("lede", len(title) + 2, len(text))],
                url=f"{source}/article-{n}", source=None,
                published=datetime(day.year, day.month, day.day, 9, tzinfo=timezone.utc))
    return AnnotatedArticle(a, "fr", 1.0, None, **annotations)


def _fill(store, days: int, extra=None) -> None:
    """``days`` of ordinary news from 8 sources, and whatever ``extra(day_index)`` adds."""
    n = 0
    for d in range(days):
        day = START + timedelta(days=d)
        for s, src in enumerate(SOURCES):
            topic = FILLER[(s + d) % len(FILLER)]
            n += 1
            store.put(_article(n, day, src, f"Le point sur {topic} numéro {n}", f"Chronique {topic} du jour {n}"))
        for src, title, ann in (extra(d) if extra else []):
            n += 1
            store.put(_article(n, day, src, title, **ann))


def _cli(tmp_path, *args) -> tuple[int, str, str]:
    import contextlib
    import io

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["signals", "--db", str(tmp_path / "test.db"), *args])
    return code, out.getvalue(), err.getvalue()


def test_period_counts_back_from_the_newest_day():
    newest = date(2024, 3, 31)
    assert period("7d", None, newest) == (date(2024, 3, 25), newest)
    assert period("2024-03-01", "2024-03-10", newest) == (date(2024, 3, 1), date(2024, 3, 10))
    for bad in ("0d", "last week", "2024-13-01"):
        with pytest.raises(ValueError, match="--since"):
            period(bad, None, newest)
    with pytest.raises(ValueError, match="--until"):
        period("7d", "tomorrow", newest)


def test_source_name_is_the_publisher():
    assert source_name("https://madame.lefigaro.fr/x/y") == "lefigaro.fr"
    assert source_name("Le Monde") == "Le Monde"


def test_signals_finds_a_story_breaking_in_the_store(store, tmp_path):
    def extra(d):
        if d == 25:  # every source on one new story the same day
            return [(src, f"Séisme à Valmorel : des dégâts importants, témoignage {i}", {})
                    for src in SOURCES for i in range(2)]
        return []

    _fill(store, 28, extra)
    code, out, _ = _cli(tmp_path, "--since", "7d", "--json")
    assert code == 0
    report = json.loads(out)
    assert report["since"] == "2024-03-22" and report["until"] == "2024-03-28"
    terms = {s["term"]: s for s in report["signals"]}
    hit = next(s for t, s in terms.items() if "valmorel" in t or "valmorel" in s["related"])
    assert hit["day"] == "2024-03-26" and hit["detector"] == "breaking"
    assert hit["sources"] == 8 and hit["items"] == 16
    assert all("Valmorel" in s["title"] for s in hit["samples"])
    assert "explanation" in hit and hit["first_seen"] is None
    # the ordinary news of every day raises nothing
    assert not any(t.split()[0] in FILLER for t in terms)
    code, text, _ = _cli(tmp_path, "--since", "7d", "--limit", "1")
    assert code == 0 and "valmorel" in text.lower() and "breaking" in text


def test_signals_on_an_empty_store_and_bad_options(store, tmp_path):
    code, out, _ = _cli(tmp_path)
    assert code == 0 and "no article" in out
    _fill(store, 2)
    code, _, err = _cli(tmp_path, "--since", "yesterday")
    assert code == 2 and "--since 'yesterday'" in err
    code, _, err = _cli(tmp_path, "--limit", "0")
    assert code == 2 and "--limit" in err
    code, out, _ = _cli(tmp_path, "--since", "2d")  # two days, no baseline: no signal, said so
    assert code == 0 and "no signal" in out


def test_signals_reads_actor_pairs_and_dyad_events_from_the_store(store, tmp_path):
    def mention(actor, name):
        return StoredMention(0, 3, name, "PER", actor=actor, actor_name=name)

    def event(type_, a, b):
        return Event(type_, 0, 10, 0, 3, "x", source=EventArg(0, 1, a, actor=a, country=a),
                     target=EventArg(2, 3, b, actor=b, country=b))

    def extra(d):
        out = [(SOURCES[d % 8], f"Tensions {d}", {"mentions": [mention("RUS", "Russie"), mention("UKR", "Ukraine")],
                                                  "events": [event("ASSAULT", "RUS", "UKR")]})]
        if d == 20:  # a first meeting, and a first act of aid, reported by three sources
            out += [(src, f"Rencontre {i}", {"mentions": [mention("FRA", "France"), mention("BRA", "Brésil")],
                                             "events": [event("AID", "RUS", "UKR")]})
                    for i, src in enumerate(SOURCES[:3])]
        return out

    _fill(store, 22, extra)
    code, out, _ = _cli(tmp_path, "--since", "5d", "--json")
    assert code == 0
    signals = json.loads(out)["signals"]
    pair = [s for s in signals if s["detector"] == "new_pair"]
    assert [(s["term"], s["day"], s["items"], s["sources"]) for s in pair] == [("Brésil + France", "2024-03-21", 3, 3)]
    new_type = [s for s in signals if s["detector"] == "new_event_type"]
    assert [(s["term"], s["day"]) for s in new_type] == [("RUS → UKR: AID", "2024-03-21")]
    assert new_type[0]["details"]["types_before"] == 1 and new_type[0]["details"]["dyad_documents_before"] >= 14


def test_pair_detector_needs_the_pair_to_be_new_and_spread():
    det = PairDetector(min_history=2)
    d0 = date(2024, 1, 1)
    feed = lambda i, ms: det.feed(d0 + timedelta(days=i), ms)  # noqa: E731
    assert feed(0, [Mention("a", "s1", "X"), Mention("a", "s1", "Y")]) == []
    assert feed(1, []) == [] and feed(2, []) == []
    # X and Y together again: not new; Z with X in two sources: new
    flags = feed(3, [Mention(d, s, x) for d, s in (("b", "s1"), ("c", "s2")) for x in ("X", "Y", "Z")])
    assert sorted(f.term for f in flags) == ["X + Z", "Y + Z"]
    assert flags[0].items == 2 and flags[0].sources == 2 and flags[0].samples == ("b", "c")
    # one source only: not spread
    assert feed(4, [Mention(d, "s1", x) for d in ("e", "f") for x in ("P", "Q")]) == []
    with pytest.raises(ValueError, match="in order"):
        feed(4, [])


def test_pair_detector_forgets_after_its_window():
    det = PairDetector(window=10, min_history=0)
    d0 = date(2024, 1, 1)
    both = [Mention(d, s, x) for d, s in (("a", "s1"), ("b", "s2")) for x in ("X", "Y")]
    det.feed(d0, both)
    for i in range(1, 11):
        assert det.feed(d0 + timedelta(days=i), []) == []
    assert len(det.window.last) == 0  # memory is the window's
    assert [f.term for f in det.feed(d0 + timedelta(days=11), both)] == ["X + Y"]


def test_dyad_type_detector_ignores_unknown_dyads_and_known_types():
    det = DyadTypeDetector(min_history=1, min_dyad_docs=2)
    d0 = date(2024, 1, 1)
    for i in range(3):
        assert det.feed(d0 + timedelta(days=i), [EventRow(f"d{i}", "s", "A", "B", "ASSAULT")]) == []
    day = d0 + timedelta(days=3)
    flags = det.feed(day, [EventRow("x", "s1", "A", "B", "AID"), EventRow("y", "s2", "A", "B", "AID"),
                           EventRow("z", "s1", "A", "B", "ASSAULT"), EventRow("z", "s1", "A", "B", "ASSAULT"),
                           EventRow("u", "s1", "C", "D", "AID"), EventRow("v", "s2", "C", "D", "AID")])
    assert [(f.term, f.items, f.sources) for f in flags] == [("A → B: AID", 2, 2)]
    assert flags[0].details == {"dyad_documents_before": 3, "types_before": 1}
    # the other direction is another dyad
    assert det.feed(day + timedelta(days=1), [EventRow("w", "s1", "B", "A", "AID"), EventRow("q", "s2", "B", "A", "AID")]) == []


def test_a_day_that_is_not_a_date_is_reported_and_skipped(store, tmp_path):
    _fill(store, 10)
    store.db.execute("UPDATE documents SET published_utc = '2024-03-0x' WHERE rowid = 1")
    code, out, err = _cli(tmp_path, "--since", "3d")
    assert code == 0 and "'2024-03-0x'" in err and "not a date" in err and "1 skipped" in err
    assert "signals of 2024-03-08 → 2024-03-10" in out
