"""``vigie eval extraction``: vigie's extractors and plain trafilatura/htmldate, side by side.

Every benchmark is scored with its own published method (``vigie.eval.scoring``) and shown
next to the figure its upstream published. Both systems get the same decoded page text.

What is run on each page:

- vigie: ``vigie.extract.extract(RawDocument(content_type="html", url=...))``; an ``ItemError``
  ("no article text") counts as an empty output. Body = ``Article.body`` (headings and
  paragraphs); "vigie+lede" prepends ``Article.lede``.
- plain trafilatura, with the settings its benchmark's upstream used:
  scrapinghub-aeb ``extract(html, include_comments=False)``; trafilatura-eval
  ``extract(html, fast=False, include_comments=False, include_tables=True,
  include_formatting=False)``; fundus-eval ``extract(html, include_comments=False,
  include_tables=False)`` split into lines; metadata ``bare_extraction(html, with_metadata=True)``.
  No URL is passed to trafilatura, as upstream.
- htmldate-eval: ``htmldate.find_date(html, original_date=True, extensive_search=True)``.
- textdump: vigie's scraped-text cleaner on text dumps of the pages (``vigie.eval.textdump``).
"""

from __future__ import annotations

import logging
import shutil
import sys
import tempfile
import time
import warnings
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from vigie.eval import EXTRACTION_BENCHMARKS
from vigie.eval import datasets as ds
from vigie.eval import scoring as sc
from vigie.eval.report import table
from vigie.eval.textdump import BASELINE_MIN_WORDS, HALF_VIEWS, HEADLINE_VIEW, html_to_text, line_rule_baseline

ALL = EXTRACTION_BENCHMARKS

# Published figures, as given in each dataset's SOURCE.md.
ANCHORS: dict[str, dict[str, Any]] = {
    "scrapinghub-aeb": {"system": "trafilatura (AEB README)", "f1": 0.958},
    "trafilatura-eval": {"system": "trafilatura 2.2.0 standard, 990 pages", "precision": 0.906, "recall": 0.943,
                         "f1": 0.924},
    "fundus-eval": {"system": "trafilatura 1.12 (Fundus paper)", "precision": 0.9391, "recall": 0.9685,
                    "f1": 0.9362, "note": "Fundus itself: F1 0.9769"},
    "htmldate-eval": {"system": "htmldate 1.10.0 extensive", "precision": 0.908, "recall": 0.993, "accuracy": 0.903,
                      "f1": 0.949},
}

# Which vigie output is compared with each gold (see docs/eval.md): the gold of AEB leaves out
# the standfirst/meta description that vigie puts in its lede; trafilatura-eval's "with" segments
# often are the teaser paragraph; Fundus marks standfirsts optional; the French fixtures' gold
# body starts with the summary.
HEADLINE = {"scrapinghub-aeb": "vigie", "trafilatura-eval": "vigie+lede", "fundus-eval": "vigie",
            "fundus-fr-fixtures": "vigie+lede", "textdump": "per set (textdump.HEADLINE_VIEW)"}

TRAFILATURA_SETTINGS = {
    "scrapinghub-aeb": {"include_comments": False},
    "trafilatura-eval": {"fast": False, "include_comments": False, "include_tables": True, "include_formatting": False},
    "fundus-eval": {"include_comments": False, "include_tables": False},
}


def _quiet() -> None:
    for name in ("trafilatura", "htmldate", "courlan", "readability", "justext"):
        logging.getLogger(name).setLevel(logging.CRITICAL)


# --------------------------------------------------------------------------- running the systems


@dataclass
class VigieOut:
    body: str = ""
    lede: str = ""
    title: str | None = None
    author: str | None = None
    published: datetime | None = None
    error: str | None = None  # ItemError reason, or "crash: ..." for anything else

    @property
    def with_lede(self) -> str:
        return "\n\n".join(t for t in (self.lede, self.body) if t)

    @property
    def paragraphs(self) -> list[str]:
        return [p for p in self.body.split("\n\n") if p]


class Clock:
    """Seconds spent per system, and the number of pages each was timed on."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)
        self.pages: dict[str, int] = defaultdict(int)

    def run(self, system: str, fn: Callable[[], Any], pages: int = 1) -> Any:
        start = time.perf_counter()
        try:
            return fn()
        finally:
            self.seconds[system] += time.perf_counter() - start
            self.pages[system] += pages

    def summary(self) -> dict[str, dict[str, float]]:
        return {s: {"seconds": round(self.seconds[s], 3), "pages": self.pages[s],
                    "pages_per_s": round(self.pages[s] / self.seconds[s], 2) if self.seconds[s] else None}
                for s in self.seconds}


def run_vigie(page_id: str, content: str, *, url: str | None = None, source: str | None = None,
              content_type: str = "html", repeated: Any = None) -> VigieOut:
    from vigie.errors import ItemError
    from vigie.extract import extract
    from vigie.model import RawDocument

    raw = RawDocument(item=page_id, content=content, content_type=content_type, url=url, source=source)  # type: ignore[arg-type]
    try:
        art = extract(raw, repeated) if repeated is not None else extract(raw)
    except ItemError as e:
        return VigieOut(error=e.reason)
    except Exception as e:  # an extractor bug must not stop the evaluation; it is counted and shown
        return VigieOut(error=f"crash: {type(e).__name__}: {e}")
    return VigieOut(body=art.body, lede=art.lede or "", title=art.title, author=art.author, published=art.published)


def _repeated_lines(raws: list) -> Any:
    """Per-source repeated-line counts over a batch, as ``vigie ingest`` gathers them in its first
    pass over scraped text; None when this version of vigie has no such pass."""
    try:
        from vigie.extract import RepeatedLines  # type: ignore[attr-defined]
    except ImportError:
        return None
    return RepeatedLines().observe_all(raws)


def run_trafilatura(content: str, **settings) -> str | None:
    import trafilatura

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return trafilatura.extract(content, **settings)
        except Exception:
            return None


def run_trafilatura_meta(content: str) -> dict[str, Any]:
    import trafilatura

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            doc = trafilatura.bare_extraction(content, with_metadata=True)
        except Exception:
            doc = None
    if doc is None:
        return {"title": None, "author": None, "date": None}
    return {"title": doc.title, "author": doc.author, "date": doc.date}


def run_htmldate(content: str) -> str | None:
    from htmldate import find_date

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return find_date(content, original_date=True, extensive_search=True)
        except Exception:
            return None


def _day(value: datetime | None) -> str | None:
    return value.date().isoformat() if value is not None else None


def _progress(msg: str) -> None:
    sys.stderr.write(msg + "\n")
    sys.stderr.flush()


def _iter_pages(pages: list[ds.Page], name: str) -> Iterable[tuple[ds.Page, str | None]]:
    """Pages with their decoded HTML (None when the file cannot be read), with a progress line."""
    start = time.perf_counter()
    for i, page in enumerate(pages, 1):
        try:
            html = page.html()
        except Exception as e:  # a missing or undecodable file is reported as an empty page
            _progress(f"  {name}: {page.id}: cannot read: {e}")
            html = None
        yield page, html
        if sys.stderr.isatty() and (i % 25 == 0 or i == len(pages)):
            sys.stderr.write(f"\r  {name}: {i}/{len(pages)} pages, {time.perf_counter() - start:.0f} s")
            if i == len(pages):
                sys.stderr.write("\n")


def _warm_up(html: str | None) -> None:
    """Pay imports and first-call costs (language data, dateparser) outside the timed calls."""
    if html:
        run_vigie("warm-up", html)
        run_trafilatura(html)
        run_htmldate(html)


def _lede_in_gold(outs: list[tuple[VigieOut, str]]) -> dict[str, Any]:
    """How often vigie's lede is part of the gold body: its shingle precision against the gold."""
    with_lede = [(o.lede, gold) for o, gold in outs if o.lede]
    if not with_lede:
        return {"pages_with_lede": 0}
    prec = [sc._page_precision(*sc.shingle_counts(gold, lede)) for lede, gold in with_lede]
    return {"pages_with_lede": len(with_lede), "lede_in_gold_mean_precision": round(sum(prec) / len(prec), 3),
            "lede_mostly_in_gold": sum(p >= 0.5 for p in prec)}


# --------------------------------------------------------------------------- one function per benchmark


def eval_scrapinghub(pages: list[ds.Page], details: bool) -> dict:
    clock = Clock()
    counts: dict[str, list] = {"vigie": [], "vigie+lede": [], "trafilatura": []}
    exact: dict[str, list] = {k: [] for k in counts}
    rows, lede_pairs, empty = [], [], defaultdict(int)
    settings = TRAFILATURA_SETTINGS["scrapinghub-aeb"]
    for n, (page, html) in enumerate(_iter_pages(pages, "scrapinghub-aeb")):
        if n == 0:
            _warm_up(html)
        gold = page.gold["body"]
        v = clock.run("vigie", lambda: run_vigie(page.id, html, url=page.url)) if html else VigieOut(error="unreadable")
        t = clock.run("trafilatura", lambda: run_trafilatura(html, **settings)) if html else None
        outs = {"vigie": v.body, "vigie+lede": v.with_lede, "trafilatura": t or ""}
        if v.error:
            empty["vigie"] += 1
        if not t:
            empty["trafilatura"] += 1
        lede_pairs.append((v, gold))
        row = {"id": page.id, "site": page.site, "vigie_error": v.error}
        for system, text in outs.items():
            c = sc.shingle_counts(gold, text)
            counts[system].append(c)
            exact[system].append(sc.same_tokens(gold, text))
            row[system] = round(sc.shingle_scores([c])["f1"], 4)
        rows.append(row)
    result = {
        "dataset": "scrapinghub-aeb", "pages": len(pages),
        "scoring": "token 4-shingles; P and R averaged over pages, F1 of the averages (AEB)",
        "systems": {s: sc.shingle_scores(counts[s], exact[s]) for s in counts},
        "anchor": ANCHORS["scrapinghub-aeb"], "empty_outputs": dict(empty), "timing": clock.summary(),
        "lede": _lede_in_gold(lede_pairs),
        "trafilatura_settings": settings,
    }
    if details:
        result["details"] = rows
    return result


def _norm_title(value: str | None) -> str:
    return sc.norm_ws(value)


def eval_trafilatura(pages: list[ds.Page], details: bool) -> dict:
    clock = Clock()
    settings = TRAFILATURA_SETTINGS["trafilatura-eval"]
    systems = ("vigie", "vigie+lede", "trafilatura")
    seg: dict[str, dict[str, list]] = {"all": {s: [] for s in systems}, "fr": {s: [] for s in systems}}
    meta: dict[str, dict[str, dict[str, list]]] = {
        subset: {f: {"vigie": [], "trafilatura": []} for f in ("title", "author", "date")} for subset in ("all", "fr")
    }
    rows, empty = [], defaultdict(int)
    for n, (page, html) in enumerate(_iter_pages(pages, "trafilatura-eval")):
        if n == 0:
            _warm_up(html)
        g = page.gold
        v = clock.run("vigie", lambda: run_vigie(page.id, html, url=page.url)) if html else VigieOut(error="unreadable")
        t = clock.run("trafilatura", lambda: run_trafilatura(html, **settings)) if html else None
        tm = run_trafilatura_meta(html) if html else {"title": None, "author": None, "date": None}
        if v.error:
            empty["vigie"] += 1
        if not t:
            empty["trafilatura"] += 1
        outs = {"vigie": v.body if not v.error else None, "vigie+lede": v.with_lede if not v.error else None,
                "trafilatura": t}
        subsets = ["all"] + (["fr"] if page.lang == "fr" else [])
        row: dict[str, Any] = {"id": page.id, "site": page.site, "lang": page.lang, "vigie_error": v.error}
        for system, text in outs.items():
            c = sc.segment_counts(g["with"] or [], g["without"] or [], text)
            for subset in subsets:
                seg[subset][system].append(c)
            row[system] = c
        found = {
            "vigie": {"title": _norm_title(v.title), "author": sc.author_key(v.author), "date": _day(v.published)},
            "trafilatura": {"title": _norm_title(tm["title"]), "author": sc.author_key(tm["author"]),
                            "date": tm["date"]},
        }
        gold = {"title": _norm_title(g.get("title")), "author": sc.author_key(g.get("author")), "date": g.get("date")}
        for field in ("title", "author", "date"):
            if not gold[field]:
                continue  # only pages with a gold value are scored, as upstream
            for system in ("vigie", "trafilatura"):
                for subset in subsets:
                    meta[subset][field][system].append((gold[field], found[system][field]))
            row[f"{field}_gold"] = gold[field]
            row[f"{field}_vigie"] = found["vigie"][field]
            row[f"{field}_trafilatura"] = found["trafilatura"][field]
        rows.append(row)
    result = {
        "dataset": "trafilatura-eval", "pages": len(pages),
        "scoring": "with/without segments, whitespace-normalised substring match, micro-averaged; "
                   "metadata exact match (whitespace-normalised) on pages with a gold value",
        "systems": {s: sc.segment_scores(seg["all"][s]) for s in systems},
        "fr": {"pages": len(seg["fr"]["vigie"]), "systems": {s: sc.segment_scores(seg["fr"][s]) for s in systems}},
        "metadata": {subset: {f: {s: sc.exact_accuracy(pairs) for s, pairs in by.items()}
                              for f, by in fields.items()} for subset, fields in meta.items()},
        "anchor": ANCHORS["trafilatura-eval"], "empty_outputs": dict(empty), "timing": clock.summary(),
        "trafilatura_settings": settings,
    }
    if details:
        result["details"] = rows
    return result


def eval_fundus(pages: list[ds.Page], details: bool) -> dict:
    clock = Clock()
    settings = TRAFILATURA_SETTINGS["fundus-eval"]
    systems = ("vigie", "vigie+lede", "trafilatura")
    rouge: dict[str, list] = {s: [] for s in systems}
    shingle: dict[str, list] = {s: [] for s in systems}
    rows, lede_pairs, empty = [], [], defaultdict(int)
    for n, (page, html) in enumerate(_iter_pages(pages, "fundus-eval")):
        if n == 0:
            _warm_up(html)
        gold = page.gold["body"]
        gold_text = "\n\n".join(p[1:-1] if sc.is_optional(p) else p for p in gold)
        v = clock.run("vigie", lambda: run_vigie(page.id, html, url=page.url)) if html else VigieOut(error="unreadable")
        t = clock.run("trafilatura", lambda: run_trafilatura(html, **settings)) if html else None
        if v.error:
            empty["vigie"] += 1
        if not t:
            empty["trafilatura"] += 1
        lede_pairs.append((v, gold_text))
        hyps = {"vigie": v.paragraphs, "vigie+lede": ([v.lede] if v.lede else []) + v.paragraphs,
                "trafilatura": [sc.norm_ws(x) for x in (t or "").split("\n")]}
        row: dict[str, Any] = {"id": page.id, "vigie_error": v.error}
        for system, paras in hyps.items():
            r = sc.rouge_lsum(gold, paras)
            rouge[system].append(r)
            shingle[system].append(sc.shingle_counts(gold_text, "\n\n".join(paras)))
            row[system] = round(r["f1"], 4)
        rows.append(row)
    result = {
        "dataset": "fundus-eval", "pages": len(pages),
        "scoring": "ROUGE-LSum per page (best over optional gold paragraphs), averaged; also AEB shingles",
        "systems": {s: sc.mean_scores(rouge[s]) for s in systems},
        "shingles": {s: sc.shingle_scores(shingle[s]) for s in systems},
        "anchor": ANCHORS["fundus-eval"], "empty_outputs": dict(empty), "timing": clock.summary(),
        "lede": _lede_in_gold(lede_pairs), "trafilatura_settings": settings,
    }
    if details:
        result["details"] = rows
    return result


def _instant(value: str | datetime | None) -> datetime | None:
    if isinstance(value, datetime):
        return value
    if not value:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None


def eval_fundus_fr(pages: list[ds.Page], details: bool) -> dict:
    fields = ("title", "authors", "datetime", "day")
    pairs: dict[str, dict[str, list]] = {f: {"vigie": [], "trafilatura": []} for f in fields}
    body: dict[str, list] = {"vigie": [], "vigie+lede": [], "trafilatura": []}
    rows = []
    for n, (page, html) in enumerate(_iter_pages(pages, "fundus-fr-fixtures")):
        if n == 0:
            _warm_up(html)
        g = page.gold
        v = run_vigie(page.id, html, url=page.url) if html else VigieOut(error="unreadable")
        tm = run_trafilatura_meta(html) if html else {"title": None, "author": None, "date": None}
        t = run_trafilatura(html, include_comments=False) if html else None
        gold_instant = _instant(g["publishing_date"])
        gold = {"title": sc.norm_ws(g["title"]), "authors": sc.author_key(g["authors"]),
                "datetime": gold_instant, "day": gold_instant.date().isoformat() if gold_instant else None}
        found = {
            "vigie": {"title": sc.norm_ws(v.title), "authors": sc.author_key(v.author), "datetime": v.published,
                      "day": _day(v.published)},
            # trafilatura gives a day only: its "datetime" is never right unless the gold is midnight
            "trafilatura": {"title": sc.norm_ws(tm["title"]), "authors": sc.author_key(tm["author"]),
                            "datetime": None, "day": tm["date"]},
        }
        row: dict[str, Any] = {"id": page.id, "vigie_error": v.error}
        for f in fields:
            for s in ("vigie", "trafilatura"):
                pairs[f][s].append((gold[f], found[s][f]))
            row[f] = {"gold": _show(gold[f]), "vigie": _show(found["vigie"][f]),
                      "trafilatura": _show(found["trafilatura"][f]),
                      "vigie_right": gold[f] == found["vigie"][f],
                      "trafilatura_right": gold[f] == found["trafilatura"][f]}
        gold_text = "\n\n".join(g["body"])
        for system, text in (("vigie", v.body), ("vigie+lede", v.with_lede), ("trafilatura", t or "")):
            body[system].append(sc.shingle_counts(gold_text, text))
        rows.append(row)
    result = {
        "dataset": "fundus-fr-fixtures", "pages": len(pages),
        "scoring": "exact match: title (whitespace-normalised), authors (list), publishing datetime (same instant), "
                   "day; body (summary + sections) with AEB shingles",
        "metadata": {f: {s: sc.exact_accuracy(p) for s, p in by.items()} for f, by in pairs.items()},
        "body": {s: sc.shingle_scores(c) for s, c in body.items()},
        "pages_detail": rows,  # five pages: always shown
    }
    return result


def _show(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, tuple):
        return "; ".join(value)
    return value


def eval_htmldate(pages: list[ds.Page], skipped: int, details: bool) -> dict:
    clock = Clock()
    counts = {subset: {"vigie": sc.DateCounts(), "htmldate": sc.DateCounts()} for subset in ("all", "fr")}
    rows = []
    for n, (page, html) in enumerate(_iter_pages(pages, "htmldate-eval")):
        if n == 0:
            _warm_up(html)
        gold = page.gold["date"]
        v = clock.run("vigie", lambda: run_vigie(page.id, html, url=page.url)) if html else VigieOut(error="unreadable")
        h = clock.run("htmldate", lambda: run_htmldate(html)) if html else None
        found = {"vigie": _day(v.published), "htmldate": h}
        row: dict[str, Any] = {"id": page.id, "gold": gold, "lang": page.lang}
        for subset in ["all"] + (["fr"] if page.lang == "fr" else []):
            for s, day in found.items():
                outcome = counts[subset][s].add(gold, day)
                if subset == "all":
                    row[s] = day
                    row[f"{s}_outcome"] = outcome
        rows.append(row)
    result = {
        "dataset": "htmldate-eval", "pages": len(pages), "skipped_no_gold_date": skipped,
        "scoring": "publication day: right = TP, wrong = FP, none = FN (htmldate's benchmark)",
        "systems": {s: c.scores() for s, c in counts["all"].items()},
        "fr": {"pages": counts["fr"]["vigie"].tp + counts["fr"]["vigie"].fp + counts["fr"]["vigie"].fn,
               "systems": {s: c.scores() for s, c in counts["fr"].items()}},
        "anchor": ANCHORS["htmldate-eval"], "timing": clock.summary(),
        "htmldate_settings": {"original_date": True, "extensive_search": True},
    }
    if details:
        result["details"] = rows
    return result


def eval_textdump(sources: dict[str, list[ds.Page]], dump_dir: Path, details: bool) -> dict:
    """vigie's scraped-text cleaner on text dumps of the pages, against the pages' gold bodies.

    The dumps of one benchmark are a batch, grouped by site (``RawDocument.source``): vigie reads
    them as ``vigie ingest`` reads a folder of scraped text — a first pass counts each site's
    repeated lines, the second extracts. "vigie 1-page" is the cleaner on each page alone.
    """
    from vigie.model import RawDocument

    clock = Clock()
    systems = ("vigie", "vigie+lede", "vigie 1-page", "line-rule", "whole dump")
    out: dict[str, Any] = {"dataset": "textdump", "dump_dir": str(dump_dir), "sets": {}, "timing": None,
                           "baseline": f"lines of >= {BASELINE_MIN_WORDS} words ending in . ! ? … : ; (quotes allowed)"}
    warmed = False
    for name, pages in sources.items():
        dumps: list[tuple[ds.Page, Path, str]] = []
        for page, html in _iter_pages(pages, f"textdump/{name}"):
            path = dump_dir / name / _safe(page.site or "unknown") / f"{_safe(page.id)}.txt"
            if path.exists():
                text = path.read_text(encoding="utf-8")
            else:
                text = html_to_text(html) if html else ""
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8")
            dumps.append((page, path, text))
        repeated = clock.run("vigie first pass", lambda: _repeated_lines([
            RawDocument(item=str(path), content=text, content_type="scraped-text", url=page.url, source=page.site)
            for page, path, text in dumps]), pages=len(dumps))
        per_system: dict[str, list] = {s: [] for s in systems}
        per_site: dict[str, dict[str, list]] = defaultdict(lambda: {s: [] for s in systems})
        rows = []
        # by page index: rules are tuned on one half, checked on the other
        halves: dict[str, dict[str, list]] = {view: {"even": [], "odd": []} for view in HALF_VIEWS}
        for index, (page, path, text) in enumerate(dumps):
            if not warmed:
                run_vigie("warm-up", text, source=page.site, content_type="scraped-text")
                warmed = True
            v = clock.run("vigie", lambda: run_vigie(str(path), text, url=page.url, source=page.site,
                                                     content_type="scraped-text", repeated=repeated))
            single = run_vigie(str(path), text, url=page.url, source=page.site, content_type="scraped-text")
            outs = {"vigie": v.body if not v.error else None, "vigie+lede": v.with_lede if not v.error else None,
                    "vigie 1-page": single.body if not single.error else None,
                    "line-rule": line_rule_baseline(text), "whole dump": text}
            row: dict[str, Any] = {"id": page.id, "site": page.site, "vigie_error": v.error}
            for system, pred in outs.items():
                if name == "trafilatura-eval":
                    c = sc.segment_counts(page.gold["with"] or [], page.gold["without"] or [], pred)
                else:
                    gold = page.gold["body"]
                    if isinstance(gold, list):
                        gold = "\n\n".join(p[1:-1] if sc.is_optional(p) else p for p in gold)
                    c = sc.shingle_counts(gold, pred or "")
                per_system[system].append(c)
                per_site[page.site][system].append(c)
                row[system] = c
                if system in halves:
                    halves[system]["odd" if index % 2 else "even"].append(c)
            rows.append(row)
        score = sc.segment_scores if name == "trafilatura-eval" else sc.shingle_scores
        entry: dict[str, Any] = {
            "pages": len(pages), "sites": len(per_site),
            "sites_with_3_pages_or_more": sum(1 for v in per_site.values() if len(v["vigie"]) >= 3),
            "repeated_lines_pass": repeated is not None,
            "scoring": "with/without segments" if name == "trafilatura-eval" else "AEB token 4-shingles",
            "systems": {s: score(per_system[s]) for s in systems},
            "headline_system": HEADLINE_VIEW.get(name, "vigie"),
            **{f"{view}_f1_by_half": {h: round(score(cs)["f1"], 4) for h, cs in by_half.items() if cs}
               for view, by_half in halves.items()},
            "per_site_f1": {site: {s: round(score(v[s])["f1"], 3) for s in ("vigie", "vigie 1-page", "line-rule")}
                            for site, v in sorted(per_site.items()) if len(v["vigie"]) >= 3},
        }
        if details:
            entry["details"] = rows
        out["sets"][name] = entry
    out["timing"] = clock.summary()
    return out


def _safe(name: str) -> str:
    return "".join(c if c.isalnum() or c in "._-" else "_" for c in name)[:120] or "_"


# --------------------------------------------------------------------------- the whole run


def run(names: Iterable[str] | None = None, *, data_dir: Path | None = None, limit: int | None = None,
        details: bool = False, dump_dir: Path | None = None) -> dict:
    """Run the chosen benchmarks (all by default); a benchmark whose folder is missing is skipped."""
    _quiet()
    names = list(names or ALL)
    root = data_dir or ds.default_data_dir()
    report: dict[str, Any] = {"data_dir": str(root), "limit": limit, "datasets": {}, "skipped": {}}
    started = time.perf_counter()

    def cut(pages: list) -> list:
        return pages[:limit] if limit else pages

    readers: dict[str, Callable[[], list]] = {
        "scrapinghub-aeb": lambda: ds.scrapinghub(root), "trafilatura-eval": lambda: ds.trafilatura_eval(root),
        "fundus-eval": lambda: ds.fundus_eval(root), "fundus-fr-fixtures": lambda: ds.fundus_fr(root),
    }
    for name in names:
        t0 = time.perf_counter()
        try:
            if name == "htmldate-eval":
                pages, skipped = ds.htmldate_eval(root)
                _progress(f"{name}: {len(cut(pages))} pages")
                result = eval_htmldate(cut(pages), skipped, details)
            elif name == "textdump":
                sources = {}
                for src in ("scrapinghub-aeb", "fundus-eval", "trafilatura-eval"):
                    try:
                        sources[src] = cut(readers[src]())
                    except ds.DatasetMissing as e:
                        report["skipped"][f"textdump/{src}"] = str(e)
                if not sources:
                    raise ds.DatasetMissing("textdump", root)
                _progress(f"{name}: {sum(len(p) for p in sources.values())} pages")
                tmp = None
                if dump_dir is None:
                    tmp = Path(tempfile.mkdtemp(prefix="vigie-textdump-"))
                try:
                    result = eval_textdump(sources, dump_dir or tmp, details)
                finally:
                    if tmp is not None:
                        shutil.rmtree(tmp, ignore_errors=True)
                        result_dir = "(temporary, deleted)"
                    else:
                        result_dir = str(dump_dir)
                result["dump_dir"] = result_dir
            else:
                pages = cut(readers[name]())
                _progress(f"{name}: {len(pages)} pages")
                evaluate = {"scrapinghub-aeb": eval_scrapinghub, "trafilatura-eval": eval_trafilatura,
                            "fundus-eval": eval_fundus, "fundus-fr-fixtures": eval_fundus_fr}[name]
                result = evaluate(pages, details)
        except ds.DatasetMissing as e:
            _progress(f"{name}: skipped, {e.path} not found")
            report["skipped"][name] = f"{e.path} not found"
            continue
        result["seconds"] = round(time.perf_counter() - t0, 1)
        if name in HEADLINE:
            result["headline_system"] = HEADLINE[name]
        report["datasets"][name] = result
    report["speed"] = _speed(report["datasets"])
    report["seconds"] = round(time.perf_counter() - started, 1)
    return report


def _speed(results: dict[str, dict]) -> dict | None:
    """vigie's HTML extractor vs plain trafilatura on the same pages (the body benchmarks)."""
    v_s = t_s = 0.0
    pages = 0
    for name in ("scrapinghub-aeb", "trafilatura-eval", "fundus-eval"):
        timing = results.get(name, {}).get("timing") or {}
        if "vigie" in timing and "trafilatura" in timing:
            v_s += timing["vigie"]["seconds"]
            t_s += timing["trafilatura"]["seconds"]
            pages += timing["vigie"]["pages"]
    if not pages or not v_s or not t_s:
        return None
    return {"pages": pages, "vigie_pages_per_s": round(pages / v_s, 1), "trafilatura_pages_per_s": round(pages / t_s, 1),
            "vigie_time_over_trafilatura": round(v_s / t_s, 2)}


# --------------------------------------------------------------------------- text output


def _acc(entry: dict) -> float | None:
    return entry["accuracy"] if entry.get("pages") else None


def format_report(report: dict) -> str:
    out: list[str] = []
    for name, r in report["datasets"].items():
        pages = r.get("pages") or sum(e["pages"] for e in r.get("sets", {}).values())
        out.append(f"\n== {name} ({pages} pages, {r.get('seconds')} s)")
        if r.get("scoring"):
            out.append(f"   scoring: {r['scoring']}")
        anchor = r.get("anchor") or {}
        if anchor:
            out.append(f"   published: {anchor['system']}" + (f"; {anchor['note']}" if anchor.get("note") else ""))
        if name in HEADLINE:
            out.append(f"   vigie's headline figure: {HEADLINE[name]}")
        if name in ("scrapinghub-aeb", "trafilatura-eval", "fundus-eval"):
            systems = ["vigie", "vigie+lede", "trafilatura"]
            metrics = ["precision", "recall", "f1"] + (["accuracy"] if name != "fundus-eval" else [])
            rows = [(m, [r["systems"][s].get(m) for s in systems] + [anchor.get(m)]) for m in metrics]
            out.append(table("metric", systems + ["published"], rows))
            if name == "fundus-eval":
                out.append(table("AEB shingles", systems, [(m, [r["shingles"][s][m] for s in systems])
                                                            for m in ("precision", "recall", "f1")]))
            if name == "trafilatura-eval":
                fr = r["fr"]
                if fr["pages"]:
                    out.append(table(f"French pages ({fr['pages']})", systems,
                                      [(m, [fr["systems"][s][m] for s in systems]) for m in ("precision", "recall", "f1")]))
                meta_all, meta_fr = r["metadata"]["all"], r["metadata"]["fr"]
                out.append(table("metadata (exact)", ["vigie", "trafilatura", "pages", "fr vigie", "fr trafilatura",
                                                       "fr pages"],
                                  [(f, [_acc(meta_all[f]["vigie"]), _acc(meta_all[f]["trafilatura"]),
                                        meta_all[f]["vigie"]["pages"], _acc(meta_fr[f]["vigie"]),
                                        _acc(meta_fr[f]["trafilatura"]), meta_fr[f]["vigie"]["pages"]])
                                   for f in ("title", "author", "date")]))
            out.append(f"   empty outputs: {r.get('empty_outputs') or 'none'}; speed: " + _speed_line(r["timing"]))
            if r.get("lede"):
                out.append(f"   vigie lede vs gold: {r['lede']}")
        elif name == "fundus-fr-fixtures":
            meta = r["metadata"]
            out.append(table("field", ["vigie", "trafilatura"],
                              [(f, [meta[f]["vigie"]["accuracy"], meta[f]["trafilatura"]["accuracy"]]) for f in meta]
                              + [("body F1 (shingles)", [r["body"]["vigie"]["f1"], r["body"]["trafilatura"]["f1"]]),
                                 ("lede+body F1", [r["body"]["vigie+lede"]["f1"], None])]))
            for row in r["pages_detail"]:
                wrong = [f"{f}: gold {row[f]['gold']!r}, vigie {row[f]['vigie']!r}" for f in ("title", "authors", "datetime")
                         if not row[f]["vigie_right"]]
                out.append(f"   {row['id']}: " + ("; ".join(wrong) if wrong else "all right"))
        elif name == "htmldate-eval":
            systems = ["vigie", "htmldate"]
            fr_n = r["fr"]["pages"]
            cols = systems + (["fr vigie", "fr htmldate"] if fr_n else []) + ["published"]
            rows = [(m, [r["systems"][s][m] for s in systems]
                     + ([r["fr"]["systems"][s][m] for s in systems] if fr_n else []) + [anchor.get(m)])
                    for m in ("precision", "recall", "accuracy", "f1")]
            out.append(table("metric", cols, rows))
            out.append(f"   French pages: {fr_n}; skipped (gold NaN): {r['skipped_no_gold_date']}; speed: "
                       + _speed_line(r["timing"]))
        elif name == "textdump":
            for src, e in r["sets"].items():
                systems = list(e["systems"])
                out.append(f"   {src}: {e['pages']} pages, {e['sites']} sites "
                           f"({e['sites_with_3_pages_or_more']} with 3+ pages), {e['scoring']}")
                out.append(table("metric", systems,
                                  [(m, [e["systems"][s][m] for s in systems]) for m in ("precision", "recall", "f1")]))
                if e.get("headline_system"):
                    out.append(f"   headline figure: {e['headline_system']} (both views are shown)")
                for view in HALF_VIEWS:
                    halves = e.get(f"{view}_f1_by_half") or {}
                    if halves:
                        out.append(f"   {view} F1 by page index: " + ", ".join(f"{h} {f}" for h, f in halves.items())
                                   + " (the cleaner's rules were tuned looking at the even pages)")
            out.append(f"   baseline: {r['baseline']}; dumps: {r['dump_dir']}; speed: " + _speed_line(r["timing"]))
    if report.get("speed"):
        s = report["speed"]
        out.append(f"\nspeed on {s['pages']} pages: vigie HTML {s['vigie_pages_per_s']} pages/s, plain trafilatura "
                   f"{s['trafilatura_pages_per_s']} pages/s; vigie takes {s['vigie_time_over_trafilatura']}× "
                   "trafilatura's time (wall clock of this run, a rough guide: vigie runs first on each page, its "
                   "first calls load dateparser's locales, and it fills the libraries' memo caches that trafilatura "
                   "then finds warm; the speed figure of record is bench/bench_extraction.py)")
    for name, why in report["skipped"].items():
        out.append(f"skipped {name}: {why}")
    out.append(f"total {report['seconds']} s")
    return "\n".join(out).lstrip("\n")


def _speed_line(timing: dict) -> str:
    return ", ".join(f"{s} {t['pages_per_s']} pages/s" for s, t in timing.items())
