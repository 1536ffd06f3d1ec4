"""vigie eval quotes: gold reading, span matching (exact, overlap), speaker agreement."""

from __future__ import annotations

import json

import pytest

from vigie.eval.quotes import Q, read_gold, same_speaker, score


def test_exact_overlap_and_kinds():
    gold = [Q(0, 10, "direct", "Sergueï Lavrov", (20, 34)), Q(40, 50, "partial", "Otan", (60, 64))]
    pred = [Q(0, 10, "direct", "Lavrov", (28, 34)), Q(42, 50, "indirect", None, None), Q(70, 80, "partial", None, None)]
    s = score(gold, pred)
    assert (s["direct"]["exact"].tp, s["direct"]["exact"].fp, s["direct"]["exact"].fn) == (1, 0, 0)
    assert s["direct"]["overlap"].speaker_right == 1  # a surname agrees with the full name
    assert (s["partial"]["overlap"].tp, s["partial"]["overlap"].fp, s["partial"]["overlap"].fn) == (0, 1, 1)
    assert (s["all"]["overlap"].tp, s["all"]["exact"].tp) == (2, 1)  # kinds ignored for "all"
    assert s["all"]["overlap"].speaker_right == 1  # Otan vs nobody


def test_speaker_agreement():
    assert same_speaker(Q(0, 1, "direct", None, None), Q(0, 1, "direct", None, None))
    assert same_speaker(Q(0, 1, "direct", "le Kremlin", (5, 15)), Q(0, 1, "direct", "Kremlin", (8, 15)))
    assert not same_speaker(Q(0, 1, "direct", "Joe Biden", None), Q(0, 1, "direct", "Vladimir Poutine", None))
    assert not same_speaker(Q(0, 1, "direct", "Joe Biden", None), Q(0, 1, "direct", None, None))


def test_gold_reading(tmp_path):
    gold = tmp_path / "g.jsonl"
    gold.write_text(json.dumps({"doc": "d1", "start": 3, "end": 9, "kind": "direct", "speaker": "X",
                                "speaker_type": "PER", "speaker_span": [12, 13], "cue_span": None}) + "\n")
    (tmp_path / "docs.txt").write_text("d1\nd2\n")
    by_doc, docs = read_gold(gold)
    assert docs == ["d1", "d2"] and by_doc["d1"][0].speaker_span == (12, 13)
    gold.write_text("{not json}\n")
    with pytest.raises(ValueError, match="g.jsonl:1"):
        read_gold(gold)
