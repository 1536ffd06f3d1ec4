"""The extraction evaluation: scorers on tiny hand-computed cases, readers, text dumps, the CLI."""

from __future__ import annotations

import json
import math

import pytest

from tests.conftest import shared_path
from vigie.eval import datasets as ds
from vigie.eval import scoring as sc
from vigie.eval.textdump import html_to_text, line_rule_baseline

# --------------------------------------------------------------------------- AEB shingles


def test_shingles_short_text_is_one_shingle():
    assert sc.shingles("a b") == {("a", "b"): 1}
    assert sc.shingles("") == {}
    assert sc.shingles("a b c d e") == {("a", "b", "c", "d"): 1, ("b", "c", "d", "e"): 1}


def test_shingle_counts_by_hand():
    # gold: 5 tokens -> shingles abcd, bcde; prediction: 6 tokens -> abcd, bcde, cdef
    tp, fp, fn = sc.shingle_counts("a b c d e", "a b c d e f")
    assert (tp, fp, fn) == pytest.approx((2 / 3, 1 / 3, 0.0))
    # nothing in common: gold 1 shingle (fn), prediction 1 shingle (fp)
    assert sc.shingle_counts("a b c d", "w x y z") == pytest.approx((0.0, 0.5, 0.5))
    assert sc.shingle_counts("", "") == (0.0, 0.0, 0.0)


def test_shingle_counts_repeated_shingles_are_counted():
    # gold has "a a a a" once... prediction repeats the same text twice: 5 shingles vs 1
    tp, fp, fn = sc.shingle_counts("a a a a", "a a a a a a a a")
    assert (tp, fp, fn) == pytest.approx((1 / 5, 4 / 5, 0.0))


def test_shingle_scores_average_per_page_and_skip_empty_predictions():
    pages = [
        sc.shingle_counts("a b c d e", "a b c d e f"),  # P 2/3, R 1
        sc.shingle_counts("a b c d", ""),  # empty output: no precision, R 0
        sc.shingle_counts("a b c d", "a b c d"),  # P 1, R 1
    ]
    s = sc.shingle_scores(pages, [False, False, True])
    assert s["precision"] == pytest.approx((2 / 3 + 1) / 2)
    assert s["recall"] == pytest.approx(2 / 3)
    p, r = 5 / 6, 2 / 3
    assert s["f1"] == pytest.approx(2 * p * r / (p + r))
    assert s["accuracy"] == pytest.approx(1 / 3)


def test_same_tokens_ignores_punctuation_and_spacing():
    assert sc.same_tokens("Hello, world!\n\nBye.", "Hello world Bye")
    assert not sc.same_tokens("Hello world", "hello world")  # tokens keep their case


# --------------------------------------------------------------------------- trafilatura segments


def test_segment_counts_by_hand():
    with_ = ["first  sentence", "last one"]
    without = ["Impressum", "Share"]
    out = "Menu\nfirst sentence here\nImpressum"
    assert sc.segment_counts(with_, without, out) == (1, 1, 1, 1)
    assert sc.segment_counts(with_, without, None) == (0, 0, 2, 2)


def test_segment_scores_micro_average():
    s = sc.segment_scores([(1, 1, 1, 1), (2, 0, 0, 2)])
    assert s["precision"] == pytest.approx(3 / 4)
    assert s["recall"] == pytest.approx(3 / 4)
    assert s["f1"] == pytest.approx(2 * 3 / (2 * 3 + 1 + 1))
    assert s["accuracy"] == pytest.approx(6 / 8)


# --------------------------------------------------------------------------- ROUGE-LSum


def test_rouge_tokens_like_rouge_score():
    assert sc.rouge_tokens("It's 5 o'clock, Émile!") == ["it", "s", "5", "o", "clock", "mile"]


def test_split_sentences_keeps_abbreviations():
    text = "Mr. Smith went to Washington. He met U.S. officials.\n\nA heading\n\nThen this."
    assert sc.split_sentences(text) == [
        "Mr. Smith went to Washington.", "He met U.S. officials.", "A heading\n\nThen this."
    ]


def test_rouge_lsum_by_hand():
    # one gold sentence "a b c d", hypothesis "a c x": LCS = a c -> P 2/3, R 2/4
    r = sc.rouge_lsum(["A b c d."], ["A c x."])
    assert r["precision"] == pytest.approx(2 / 3)
    assert r["recall"] == pytest.approx(1 / 2)
    assert r["f1"] == pytest.approx(2 * (2 / 3) * (1 / 2) / (2 / 3 + 1 / 2))


def test_rouge_lsum_union_over_hypothesis_sentences():
    # gold sentence "a b c d"; hypothesis sentences "a b." and "c d." -> union LCS covers all 4
    r = sc.rouge_lsum(["A b c d."], ["A b. C d."])
    assert r["recall"] == pytest.approx(1.0)
    assert r["precision"] == pytest.approx(1.0)


def test_rouge_lsum_clips_repeated_tokens():
    # gold "a a." (2 tokens), hypothesis repeats "a a." twice (4 tokens): 2 hits only
    r = sc.rouge_lsum(["A a."], ["A a. A a."])
    assert r["recall"] == pytest.approx(1.0)
    assert r["precision"] == pytest.approx(0.5)


def test_rouge_lsum_optional_paragraphs_best_variant():
    gold = ["[Standfirst here.]", "Body text one."]
    assert sc.rouge_lsum(gold, ["Body text one."])["f1"] == pytest.approx(1.0)  # standfirst dropped
    assert sc.rouge_lsum(gold, ["Standfirst here.", "Body text one."])["f1"] == pytest.approx(1.0)  # kept
    assert sc.reference_variants(["[::]", "x"]) == [["x"]]  # token-less optional paragraphs are inert


def test_rouge_lsum_empty():
    assert sc.rouge_lsum(["Some text."], [])["f1"] == 0.0


def test_mean_scores():
    m = sc.mean_scores([{"precision": 1, "recall": 0.5, "f1": 2 / 3}, {"precision": 0, "recall": 0, "f1": 0}])
    assert m["precision"] == pytest.approx(0.5) and m["f1"] == pytest.approx(1 / 3) and m["pages"] == 2


# --------------------------------------------------------------------------- dates and fields


def test_date_counts_by_hand():
    c = sc.DateCounts()
    assert [c.add("2020-01-02", d) for d in ("2020-01-02", "2020-01-03", None, "2020-01-02")] == [
        "tp", "fp", "fn", "tp"]
    s = c.scores()
    assert s["precision"] == pytest.approx(2 / 3)
    assert s["recall"] == pytest.approx(2 / 3)
    assert s["accuracy"] == pytest.approx(2 / 4)
    assert s["f1"] == pytest.approx(4 / 6)


def test_author_key_and_exact_accuracy():
    assert sc.author_key(["Ann  Lee", "Bob"]) == sc.author_key("Ann Lee; Bob") == ("Ann Lee", "Bob")
    assert sc.author_key(None) == sc.author_key("") == ()
    assert sc.exact_accuracy([("a", "a"), ("b", "c")]) == {"accuracy": 0.5, "right": 1, "pages": 2}
    assert sc.is_nan(float("nan")) and not sc.is_nan("2020-01-01") and math.isnan(float("nan"))


# --------------------------------------------------------------------------- text dumps and the baseline


def test_html_to_text_keeps_visible_boilerplate_one_line_per_block():
    page = """<html><head><title>T</title><style>p{}</style></head><body>
    <nav><ul><li><a href="/">Home</a></li><li>World</li></ul></nav>
    <div class="ad">Advertisement</div>
    <h1>Big   news</h1><p>First <b>bold</b> paragraph.<br>Second line.</p>
    <script>var x = 1;</script><div style="display: none">hidden</div><p hidden>also hidden</p>
    <table><tr><td>a</td><td>b</td></tr></table>
    <footer>© Site</footer></body></html>"""
    assert html_to_text(page) == (
        "Home\nWorld\nAdvertisement\n\nBig news\n\nFirst bold paragraph.\nSecond line.\n\na b\n© Site\n"
    )


def test_line_rule_baseline():
    text = "Home\nShare this article on social media now\nThis is a long enough sentence with words in it.\n"
    assert line_rule_baseline(text) == "This is a long enough sentence with words in it."


# --------------------------------------------------------------------------- dataset readers


def test_readers_skip_cleanly_when_data_is_missing(tmp_path):
    for reader in (ds.scrapinghub, ds.trafilatura_eval, ds.fundus_eval, ds.fundus_fr, ds.htmldate_eval):
        with pytest.raises(ds.DatasetMissing):
            reader(tmp_path)


def test_run_reports_missing_datasets(tmp_path):
    from vigie.eval.extraction import format_report, run

    report = run(data_dir=tmp_path, limit=1)
    assert report["datasets"] == {}
    assert set(report["skipped"]) >= {"scrapinghub-aeb", "htmldate-eval", "textdump"}
    assert "skipped scrapinghub-aeb" in format_report(report)


def test_site_of():
    assert ds.site_of("https://www.lemonde.fr/a/b") == "lemonde.fr"
    assert ds.site_of("https://web.archive.org/web/2007/http://www.alternatives-economiques.fr/x") == \
        "alternatives-economiques.fr"
    assert ds.site_of(None, "fallback") == "fallback"


def test_scrapinghub_reader():
    root = shared_path("data", "scrapinghub-aeb").parent
    pages = ds.scrapinghub(root)
    assert len(pages) == 181 and all(p.path.exists() for p in pages[:5])
    assert pages[0].gold["body"] and pages[0].site
    assert "<" in pages[0].html()


def test_trafilatura_eval_reader():
    root = shared_path("data", "trafilatura-eval").parent
    pages = ds.trafilatura_eval(root)
    assert len(pages) == 699
    assert all(p.path.exists() for p in pages)
    assert sum(p.lang == "fr" for p in pages) == 21
    assert all(p.gold["with"] and p.gold["without"] for p in pages)


def test_fundus_readers():
    root = shared_path("data", "fundus-eval").parent
    assert len(ds.fundus_eval(root)) == 80
    fr = {p.id: p for p in ds.fundus_fr(shared_path("data", "fundus-fr-fixtures").parent)}
    assert len(fr) == 5
    assert fr["EuronewsFR_2026_01_06.html.gz"].gold["version"] == "V1_1"
    assert fr["LeMonde_2023_09_01.html.gz"].gold["authors"] == ["Le Monde"]


def test_htmldate_reader_skips_nan_dates():
    pages, skipped = ds.htmldate_eval(shared_path("data", "htmldate-eval").parent)
    assert skipped == 5 and len(pages) == 995
    assert all(len(p.gold["date"]) == 10 for p in pages)


# --------------------------------------------------------------------------- the command


def test_cli_eval_extraction_json(capsys):
    from vigie.cli.main import main

    root = shared_path("data", "fundus-fr-fixtures").parent
    assert main(["eval", "extraction", "--dataset", "fundus-fr-fixtures", "--limit", "1", "--json",
                 "--data", str(root)]) == 0
    report = json.loads(capsys.readouterr().out)
    result = report["datasets"]["fundus-fr-fixtures"]
    assert result["pages"] == 1
    assert set(result["metadata"]) == {"title", "authors", "datetime", "day"}


def test_textdump_reports_vigie_f1_on_even_and_odd_pages(tmp_path):
    from vigie.eval.extraction import eval_textdump

    body = ("The port of Calais was closed on Monday as winds reached 120 km/h along the coast, the prefecture "
            "said in a statement.")
    pages = []
    for i, extra in enumerate(("", "Sign up for our newsletter and get the best stories every morning.")):
        path = tmp_path / f"p{i}.html"
        path.write_text(f"<html><body><nav>Home</nav><h1>A storm closes the port</h1><p>{body}</p>"
                        f"<p>{extra}</p></body></html>", encoding="utf-8")
        gold = body if i == 0 else body + " The ferries will sail again tomorrow."
        pages.append(ds.Page("scrapinghub-aeb", f"p{i}", path, site=f"site{i}.example", gold={"body": gold}))
    result = eval_textdump({"scrapinghub-aeb": pages}, tmp_path / "dumps", details=True)
    entry = result["sets"]["scrapinghub-aeb"]
    rows = entry["details"]
    assert entry["vigie_f1_by_half"] == {"even": round(sc.shingle_scores([rows[0]["vigie"]])["f1"], 4),
                                         "odd": round(sc.shingle_scores([rows[1]["vigie"]])["f1"], 4)}
    assert entry["vigie_f1_by_half"]["even"] == 1.0 > entry["vigie_f1_by_half"]["odd"]
