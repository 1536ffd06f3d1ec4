#!/usr/bin/env python3
"""Build the demo corpus ``demo/wikinews-fr.jsonl`` from the WiNER-fr data.

Picks 100 French Wikinews articles (2016-2018), evenly spaced over the list of
articles sorted by file id, and writes one JSON object per article::

    {"title", "text", "url", "published", "source", "language", "id"}

The texts are Wikinews (CC BY 2.5): every record keeps its article's URL, and
``demo/ATTRIBUTION.md`` lists all 100 titles and URLs.

Usage (from the repository root)::

    .venv/bin/python scripts/build_demo.py [/work/shared/data/winer-fr]

Standard library only.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import NamedTuple
from zoneinfo import ZoneInfo

DEFAULT_DATA = Path("/work/shared/data/winer-fr")
REPO = Path(__file__).resolve().parents[1]
OUT_JSONL = REPO / "demo" / "wikinews-fr.jsonl"
OUT_ATTRIBUTION = REPO / "demo" / "ATTRIBUTION.md"
N_ARTICLES = 100
SOURCE = "fr.wikinews.org"
PARIS = ZoneInfo("Europe/Paris")

MONTHS = {
    "janvier": 1, "février": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6,
    "juillet": 7, "août": 8, "septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12,
}  # fmt: skip

FILE_ID = re.compile(r"^(\d{4})_(\d{2})_(\d{2})-\d{3}$")

# "1er janvier 2016, 14h30 . –", "3 janvier 2016 . – Texte…", "7 janvier 2016, 11 h 40 UTC . –",
# "31 mars 2016, 15:37 (UTC) . –", "1er janvier 2017, 1 h 30 UTC+3 . –", "12 mars 2016, Montpellier . –".
# The "extra" part after the comma is a time (optionally with a UTC zone) or a place.
DATELINE = re.compile(
    r"^\s*(?P<day>\d{1,2})(?:er)?\s+(?P<month>" + "|".join(MONTHS) + r")\s+(?P<year>\d{4})"
    r"(?:\s*,\s*(?P<extra>[^.–—\n]{1,60}?))?"
    r"(?:\s*\.?\s*[–—]|\s*\.\s*-)\s*",  # ". –", " –", ". —", ". -"
    re.IGNORECASE,
)
TIME = re.compile(
    r"^(?P<hour>\d{1,2})\s*(?:h|:)\s*(?P<minute>\d{2})?"
    r"\s*(?:\(?\s*UTC\s*(?P<offset>[+\-−]\s*\d{1,2})?\s*\)?)?$",
    re.IGNORECASE,
)


class Dateline(NamedTuple):
    published: str  # ISO 8601: "2016-01-01T14:30:00+01:00" or "2016-01-03"
    end: int  # index in the line where the dateline ends (text resumes there)


def parse_dateline(line: str) -> Dateline | None:
    """Parse a Wikinews dateline at the start of ``line``; None if there is none.

    A time with no zone is Paris time (offset taken from zoneinfo for that date);
    a time given in UTC or UTC+N keeps that stated offset, so the calendar date
    stays the one written in the dateline.
    """
    m = DATELINE.match(line)
    if m is None:
        return None
    day = date(int(m["year"]), MONTHS[m["month"].lower()], int(m["day"]))
    extra = (m["extra"] or "").strip()
    t = TIME.match(extra) if extra else None
    if t is None:  # no time, or a place name ("Montpellier"): date only
        return Dateline(day.isoformat(), m.end())
    naive = datetime(day.year, day.month, day.day, int(t["hour"]), int(t["minute"] or 0))
    if "UTC" in extra.upper():
        hours = int(re.sub(r"\s", "", t["offset"] or "0").replace("−", "-"))
        tz = timezone(timedelta(hours=hours))
    else:
        tz = PARIS
    return Dateline(naive.replace(tzinfo=tz).isoformat(), m.end())


def date_from_id(file_id: str) -> str:
    m = FILE_ID.match(file_id)
    if m is None:
        raise ValueError(f"not a WiNER file id: {file_id}")
    return f"{m[1]}-{m[2]}-{m[3]}"


def slug_key(s: str) -> str:
    """Comparable form of a title or a URL's page name (for the duplicate-id check)."""
    return re.sub(r"\W+", "", s.replace("_", " ").replace("’", "'")).lower()


def read_urls(data: Path) -> dict[str, list[str]]:
    """All URLs per file id, in file order (a few ids are listed more than once)."""
    urls: dict[str, list[str]] = {}
    for path in sorted(data.glob("*/*-urls.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                file_id, url = line.split("\t")
                urls.setdefault(file_id.strip(), []).append(url.strip())
    return urls


def pick_url(candidates: list[str], title: str) -> str:
    """The URL whose page name matches the title; else the last one listed."""
    for url in candidates:
        if slug_key(url.rsplit("/wiki/", 1)[-1]) == slug_key(title):
            return url
    return candidates[-1]


def evenly_spaced(items: list[Path], n: int) -> list[Path]:
    if len(items) <= n:
        return list(items)
    return [items[round(i * (len(items) - 1) / (n - 1))] for i in range(n)]


def build_record(path: Path, url_candidates: list[str]) -> tuple[dict[str, str], bool]:
    """One JSON record and whether its dateline was parsed."""
    file_id = path.stem
    lines = [ln.rstrip() for ln in path.read_text(encoding="utf-8").splitlines()]
    title = lines[0].strip()
    body = lines[1:]
    while body and not body[0]:
        body.pop(0)
    dateline = parse_dateline(body[0]) if body else None
    if dateline is None:
        published = date_from_id(file_id)
    else:
        published = dateline.published
        rest = body[0][dateline.end :].strip()
        body = [rest, *body[1:]] if rest else body[1:]
        while body and not body[0]:
            body.pop(0)
    record = {
        "title": title,
        "text": "\n".join(body).strip(),
        "url": pick_url(url_candidates, title),
        "published": published,
        "source": SOURCE,
        "language": "fr",
        "id": file_id,
    }
    return record, dateline is not None


def write_attribution(records: list[dict[str, str]], path: Path) -> None:
    lines = [
        "# Attribution — demo/wikinews-fr.jsonl",
        "",
        "Generated by `scripts/build_demo.py`; do not edit by hand.",
        "",
        "Texts from French Wikinews (https://fr.wikinews.org), licensed under",
        "Creative Commons Attribution 2.5 (https://creativecommons.org/licenses/by/2.5/).",
        "Each article below is credited to its Wikinews page (authors: the Wikinews contributors,",
        "see each page's history).",
        "",
        "| # | id | published | title |",
        "|---|----|-----------|-------|",
    ]
    for n, r in enumerate(records, 1):
        title = r["title"].replace("|", "\\|").replace("[", "\\[").replace("]", "\\]")
        url = r["url"].replace(" ", "%20").replace("(", "%28").replace(")", "%29")
        lines.append(f"| {n} | {r['id']} | {r['published'][:10]} | [{title}]({url}) |")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build demo/wikinews-fr.jsonl from WiNER-fr.")
    parser.add_argument("data", nargs="?", type=Path, default=DEFAULT_DATA, help="WiNER-fr folder")
    parser.add_argument("--out", type=Path, default=OUT_JSONL, help="output JSONL")
    parser.add_argument("--attribution", type=Path, default=OUT_ATTRIBUTION, help="output Markdown")
    args = parser.parse_args(argv)

    urls = read_urls(args.data)
    articles = sorted(args.data.glob("*/*/*.txt"), key=lambda p: p.stem)
    with_url = [p for p in articles if p.stem in urls]
    chosen = evenly_spaced(with_url, N_ARTICLES)

    records: list[dict[str, str]] = []
    parsed = 0
    for path in chosen:
        record, ok = build_record(path, urls[path.stem])
        records.append(record)
        parsed += ok

    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8") as f:
        for record in records:
            f.write(json.dumps(record, ensure_ascii=False) + "\n")
    write_attribution(records, args.attribution)

    print(f"{len(articles)} articles found, {len(articles) - len(with_url)} without URL skipped")
    print(f"wrote {len(records)} articles to {args.out}")
    print(f"datelines: {parsed} parsed, {len(records) - parsed} fell back to the file-name date")
    print(f"attribution list: {args.attribution}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
