"""Readers for the extraction benchmarks under ``shared/data`` (read-only, third-party pages).

Each reader returns the pages of one benchmark as ``Page`` records, in the order of the
benchmark's own index file, or raises ``DatasetMissing`` when its folder is not there
(a user's clone has no ``shared/``). Page bytes are read, gunzipped and decoded only
when ``Page.html()`` is called.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from vigie.ingest.decode import DEFAULT_MAX_BYTES, decode, gunzip

DATASETS = ("scrapinghub-aeb", "trafilatura-eval", "fundus-eval", "fundus-fr-fixtures", "htmldate-eval")


class DatasetMissing(Exception):
    def __init__(self, name: str, path: Path):
        super().__init__(f"{name}: {path} not found")
        self.name = name
        self.path = path


@dataclass
class Page:
    dataset: str
    id: str
    path: Path
    url: str | None = None
    site: str = ""
    lang: str | None = None
    gold: dict[str, Any] = field(default_factory=dict)

    def html(self) -> str:
        data = self.path.read_bytes()
        if self.path.suffix == ".gz":
            data = gunzip(str(self.path), data, DEFAULT_MAX_BYTES)
        return decode(self.id, data, html=True)


def default_data_dir() -> Path:
    """``$VIGIE_EVAL_DATA``, else ``shared/data`` next to the source checkout, else next to the working directory."""
    env = os.environ.get("VIGIE_EVAL_DATA")
    if env:
        return Path(env)
    here = Path(__file__).resolve()
    candidates = [here.parents[3].parent / "shared" / "data", Path.cwd().parent / "shared" / "data",
                  Path.cwd() / "shared" / "data"]
    return next((c for c in candidates if c.is_dir()), candidates[0])


def site_of(url: str | None, fallback: str = "") -> str:
    """The host name without ``www.``; for a Wayback Machine URL, the archived page's host."""
    if url:
        m = re.match(r"https?://web\.archive\.org/web/[^/]+/(.+)$", url)
        if m:
            url = m.group(1) if "://" in m.group(1) else "http://" + m.group(1)
        host = urlsplit(url).hostname or ""
        if host:
            return host.removeprefix("www.")
    return fallback


def _folder(root: Path, name: str) -> Path:
    path = root / name
    if not path.is_dir():
        raise DatasetMissing(name, path)
    return path


def _json(path: Path) -> Any:
    with path.open(encoding="utf-8") as f:
        return json.load(f)  # NaN (htmldate's "no date") is read as float('nan')


def _lang(folder: Path) -> dict[str, str]:
    path = folder / "lang.json"
    return _json(path) if path.exists() else {}


def scrapinghub(root: Path) -> list[Page]:
    folder = _folder(root, "scrapinghub-aeb")
    gold, lang = _json(folder / "ground-truth.json"), _lang(folder)
    return [
        Page("scrapinghub-aeb", key, folder / "html" / f"{key}.html.gz", url=item.get("url"),
             site=site_of(item.get("url"), key[:12]), lang=lang.get(key), gold={"body": item.get("articleBody") or ""})
        for key, item in gold.items()
    ]


def trafilatura_eval(root: Path) -> list[Page]:
    folder = _folder(root, "trafilatura-eval")
    data, lang = _json(folder / "evaldata.json"), _lang(folder)
    pages = []
    for key, item in data.items():
        url = key if key.startswith(("http://", "https://")) else None
        fallback = re.split(r"[-_]", item["file"].removesuffix(".html"))[0]
        pages.append(Page(
            "trafilatura-eval", key, folder / "html" / f"{item['file']}.gz", url=url,
            site=site_of(url, fallback), lang=lang.get(key),
            gold={k: item.get(k) for k in ("with", "without", "title", "author", "date")},
        ))
    return pages


def fundus_eval(root: Path) -> list[Page]:
    folder = _folder(root, "fundus-eval")
    gold, lang = _json(folder / "ground_truth.json"), _lang(folder)
    return [
        Page("fundus-eval", key, folder / "html" / key, url=item.get("url"), site=key.split("_")[0],
             lang=lang.get(key), gold={"body": list(item.get("body") or [])})
        for key, item in sorted(gold.items())
    ]


def _version_order(key: str) -> tuple[int, ...]:
    return tuple(int(x) for x in re.findall(r"\d+", key))


def fundus_fr(root: Path) -> list[Page]:
    """The French Fundus fixtures: a publisher's parser versions map to its pages in date order."""
    folder = _folder(root, "fundus-fr-fixtures")
    meta = _json(folder / "meta.info")
    pages = []
    for expected in sorted(folder.glob("*.json")):
        publisher = expected.stem
        files = sorted(folder.glob(f"{publisher}_*.html.gz"))
        versions = sorted(_json(expected).items(), key=lambda kv: _version_order(kv[0]))
        for path, (version, attrs) in zip(files, versions):
            body = attrs.get("body") or {}
            paragraphs = list(body.get("summary") or [])
            for section in body.get("sections") or []:
                paragraphs += list(section.get("headline") or []) + list(section.get("paragraphs") or [])
            pages.append(Page(
                "fundus-fr-fixtures", path.name, path, url=meta.get(path.name, {}).get("url"), site=publisher,
                lang="fr", gold={
                    "version": version, "title": attrs.get("title"), "authors": attrs.get("authors") or [],
                    "publishing_date": attrs.get("publishing_date"), "summary": list(body.get("summary") or []),
                    "body": paragraphs,
                },
            ))
    return pages


def htmldate_eval(root: Path) -> tuple[list[Page], int]:
    """The dated pages of both htmldate sets, and how many were skipped for a ``NaN`` (no date) gold."""
    folder = _folder(root, "htmldate-eval")
    lang = _lang(folder)
    pages, skipped = [], 0
    for index in ("eval_default.json", "eval_mediacloud_2020.json"):
        for url, item in _json(folder / index).items():
            date = item.get("date")
            if not isinstance(date, str):
                skipped += 1
                continue
            pages.append(Page("htmldate-eval", url, folder / "html" / f"{item['file']}.gz", url=url,
                              site=site_of(url), lang=lang.get(url), gold={"date": date, "set": index}))
    return pages, skipped


def available(root: Path) -> dict[str, bool]:
    return {name: (root / name).is_dir() for name in DATASETS}
