"""``vigie eval alerts`` on a small synthetic stream in the format of fr-news-rss-2023-2024."""

from __future__ import annotations

import gzip
import json
from datetime import date, timedelta

from vigie.eval.alerts import format_report, run
from vigie.store import open_store


def _stream(folder, days: int = 40, story_from: int = 30):
    folder.mkdir(parents=True)
    start, rows, n = date(2023, 9, 1), [], 0
    for d in range(days):
        day = (start + timedelta(days=d)).isoformat()
        for k in range(15):
            n += 1
            rows.append({"id": f"i{n}", "first_seen": day, "source": f"s{k % 3}.example", "link": f"https://s{k % 3}.example/{n}",
                         "title": f"Actualité ordinaire {n} du conseil municipal", "summary": ""})
        for k in range(max(0, d - story_from + 1) * 3):  # the story grows: 3, 6, 9… items a day
            n += 1
            rows.append({"id": f"p{n}", "first_seen": day, "source": f"s{k % 3}.example", "link": f"https://s{k % 3}.example/{n}",
                         "title": f"Punaises de lit : nouveau signalement {n}", "summary": f"Des punaises de lit à l'école {n}."})
    with gzip.open(folder / "articles.jsonl.gz", "wt", encoding="utf-8") as f:
        f.writelines(json.dumps(r) + "\n" for r in rows)
    mainstream = (start + timedelta(days=story_from + 3)).isoformat()
    stories = [{"story_id": "punaises_de_lit", "kind": "slow_build", "seed_terms": ["punaises"],
                "mainstream_date": mainstream, "peak_date": mainstream}]
    (folder / "silver_stories.json").write_text(json.dumps({"stories": stories}))
    (folder / "days.json").write_text(json.dumps({"missing_days": []}))


def test_replay_alerts_before_the_mainstream_day_within_budget(tmp_path):
    _stream(tmp_path / "data" / "fr-news-rss-2023-2024")
    store = open_store(tmp_path / "replay.db")
    report = run(store, tmp_path / "data", budget=4)
    store.close()
    (w,) = report["watchlists"]
    # 3 items among 18 on the first day is z = 2.5 (one article of a mean day is the floor): it fires on the second
    assert w["spike"]["first_within_30d"] == "2023-10-02" and w["spike"]["lead_days"] == 2
    assert w["match"]["max_sent_per_day"] <= 4 and w["match"]["held"] > 0  # 3, 6, 9… new items a day: budget bites
    assert report["per_day"]["max_sent_per_watchlist_day"] <= 4 and not report["errors"]
    assert "punaises_de_lit" in format_report(report)


def test_missing_stream_is_skipped(tmp_path):
    store = open_store(tmp_path / "replay.db")
    assert "skipped" in run(store, tmp_path)
    store.close()
