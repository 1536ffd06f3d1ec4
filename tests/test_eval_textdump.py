"""The text-dump evaluation's views: body only and lede + body, both reported, one of them the headline."""

from __future__ import annotations

from vigie.eval import datasets as ds
from vigie.eval import scoring as sc
from vigie.eval.textdump import HEADLINE_VIEW

STANDFIRST = "Winds of 120 km/h along the coast keep the ferries in port until Tuesday"
BODY = ("The port of Calais was closed on Monday as winds reached 120 km/h along the coast, the prefecture "
        "said in a statement. The ferries will sail again when the wind drops below gale force.")


def _page(tmp_path, i: int) -> ds.Page:
    path = tmp_path / f"p{i}.html"
    path.write_text("<html><body><nav><a>Home</a><a>World</a><a>Sport</a></nav>"
                    f"<h1>A storm closes the port of Calais</h1><p>{STANDFIRST}</p><p>{BODY}</p>"
                    "<footer>Contact us</footer></body></html>", encoding="utf-8")
    gold = {"with": [STANDFIRST[:40], BODY[:40]], "without": ["Contact us"]}
    return ds.Page("trafilatura-eval", f"p{i}", path, url=f"https://news{i}.example/2020/storm-closes-port-calais",
                   site=f"news{i}.example", gold=gold)


def test_textdump_reports_body_and_lede_views_with_their_halves(tmp_path):
    from vigie.eval.extraction import eval_textdump

    result = eval_textdump({"trafilatura-eval": [_page(tmp_path, 0), _page(tmp_path, 1)]}, tmp_path / "dumps",
                           details=True)
    entry = result["sets"]["trafilatura-eval"]
    assert entry["headline_system"] == HEADLINE_VIEW["trafilatura-eval"] == "vigie+lede"
    body, with_lede = entry["systems"]["vigie"], entry["systems"]["vigie+lede"]
    # The standfirst is the lede: only the lede + body view finds its segment; the footer is in neither.
    assert (body["tp"], body["fn"], body["fp"]) == (2, 2, 0)
    assert (with_lede["tp"], with_lede["fn"], with_lede["fp"]) == (4, 0, 0)
    rows = entry["details"]
    for view in ("vigie", "vigie+lede"):
        assert entry[f"{view}_f1_by_half"] == {
            "even": round(sc.segment_scores([rows[0][view]])["f1"], 4),
            "odd": round(sc.segment_scores([rows[1][view]])["f1"], 4)}


def test_aeb_and_fundus_lead_with_the_body():
    assert HEADLINE_VIEW["scrapinghub-aeb"] == HEADLINE_VIEW["fundus-eval"] == "vigie"
