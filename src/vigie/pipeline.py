"""The one data flow, end to end:

    paths ─► ingest.iter_paths/read_path ─► RawDocument ─► extract ─► Article
          ─► nlp.Annotator ─► AnnotatedArticle ─► Store.put

Each item that fails at any stage becomes a ``Failure`` naming it and the reason;
the others go on.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from itertools import islice
from pathlib import Path
from typing import Any

from vigie.errors import Failure, ItemError
from vigie.extract import RepeatedLines, extract
from vigie.extract.repeated import MIN_DOCS
from vigie.ingest.decode import DEFAULT_MAX_BYTES
from vigie.ingest.fetch import Fetcher, FetchPolicy
from vigie.ingest.files import Skipped, UrlInput, iter_paths, kind_of, read_path
from vigie.ingest.web import read_url
from vigie.model import AnnotatedArticle, Article, RawDocument
from vigie.nlp import Annotator
from vigie.store.base import Store


def max_bytes() -> int:
    return int(os.environ.get("VIGIE_MAX_BYTES", DEFAULT_MAX_BYTES))


Input = Path | UrlInput


def collect_files(paths: Iterable[str | os.PathLike[str]]) -> tuple[list[Input], list[Skipped], list[Failure]]:
    files: list[Input] = []
    skipped: list[Skipped] = []
    failures: list[Failure] = []
    for entry in iter_paths(paths):
        if isinstance(entry, Skipped):
            skipped.append(entry)
        elif isinstance(entry, ItemError):
            failures.append(Failure(entry.item, entry.reason, "read"))
        else:
            files.append(entry)
    return files, skipped, failures


def iter_articles(
    inputs: Iterable[Input], on_file: Callable[[Input], None] | None = None, fetcher: Fetcher | None = None
) -> Iterator[Article | Failure]:
    """Read (or fetch) and extract every document of every input.

    Scraped-text files are read twice: a first pass counts each source's repeated lines
    (boilerplate the lists do not know), the second extracts with those counts."""
    limit = max_bytes()
    inputs = list(inputs)
    repeated = _observe_repeated_lines(inputs, limit)
    own_fetcher = None
    try:
        for entry in inputs:
            raws = [entry] if isinstance(entry, UrlInput) else read_path(entry, max_bytes=limit)
            for raw in raws:
                if isinstance(raw, UrlInput):
                    if fetcher is None:
                        fetcher = own_fetcher = Fetcher(FetchPolicy.from_env(max_bytes=limit))
                    try:
                        raw = read_url(raw.url, fetcher, item=raw.item)
                    except ItemError as e:
                        yield Failure(e.item, e.reason, "fetch")
                        continue
                if isinstance(raw, ItemError):
                    yield Failure(raw.item, raw.reason, "read")
                    continue
                yield extract_safely(raw, repeated)
            if on_file:
                on_file(entry)
    finally:
        if own_fetcher:
            own_fetcher.close()


def _observe_repeated_lines(inputs: list[Input], limit: int) -> RepeatedLines | None:
    texts = [p for p in inputs if isinstance(p, Path) and kind_of(p)[0] == "text"]
    if len(texts) < MIN_DOCS:
        return None
    repeated = RepeatedLines()
    for path in texts:
        repeated.observe_all(r for r in read_path(path, max_bytes=limit) if isinstance(r, RawDocument))
    return repeated


def extract_safely(raw: RawDocument, repeated: RepeatedLines | None = None) -> Article | Failure:
    try:
        return extract(raw, repeated)
    except ItemError as e:
        return Failure(e.item, e.reason, "extract")
    except Exception as e:  # a bug or a library failure on one page must not stop the run
        return Failure(raw.item, f"extraction failed: {type(e).__name__}: {e}", "extract")


def iter_annotated(
    items: Iterable[Article | Failure], annotator: Annotator, dct: datetime | None = None, batch_size: int = 32
) -> Iterator[AnnotatedArticle | Failure]:
    """Annotate articles in batches (spaCy is fastest on batches), keeping input order."""
    it = iter(items)
    while batch := list(islice(it, batch_size)):
        articles = [x for x in batch if isinstance(x, Article)]
        try:
            annotated = iter(list(annotator.annotate_many(articles, dct=dct)))
        except Exception as e:  # keep going: report the whole batch as failed
            annotated = iter([ItemError(a.item, f"annotation failed: {type(e).__name__}: {e}") for a in articles])
        for x in batch:
            if isinstance(x, Failure):
                yield x
                continue
            result = next(annotated)
            yield Failure(result.item, result.reason, "annotate") if isinstance(result, ItemError) else result


@dataclass
class IngestReport:
    counts: dict[str, int] = field(default_factory=lambda: {"added": 0, "updated": 0, "unchanged": 0, "failed": 0})
    documents: list[dict[str, str]] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failures

    def to_json(self) -> dict[str, Any]:
        return {
            "counts": {**self.counts, "skipped": len(self.skipped)},
            "documents": self.documents,
            "failures": [f.to_json() for f in self.failures],
            "skipped": [{"item": s.item, "reason": s.reason} for s in self.skipped],
        }


def ingest(
    paths: Iterable[str | os.PathLike[str]],
    store: Store,
    annotator: Annotator | None = None,
    on_file: Callable[[Path], None] | None = None,
    on_files_known: Callable[[int], None] | None = None,
    fetcher: Fetcher | None = None,
) -> IngestReport:
    """Ingest files and folders into the store; one transaction per document."""
    annotator = annotator or Annotator()
    files, skipped, failures = collect_files(paths)
    report = IngestReport(failures=list(failures), skipped=skipped)
    if on_files_known:
        on_files_known(len(files))
    store_all(iter_annotated(iter_articles(files, on_file, fetcher), annotator), store, report)
    return report


def store_all(results: Iterable[AnnotatedArticle | Failure], store: Store, report: IngestReport) -> None:
    """Link near-duplicates, then store each document in its own transaction."""
    from vigie.dedup import NearDuplicates

    dedup: NearDuplicates | None = None
    for result in results:
        if isinstance(result, Failure):
            report.failures.append(result)
            continue
        try:
            if dedup is None:  # built on first use: a run of only failures costs nothing
                dedup = NearDuplicates(store.signatures())
            dedup.assign(result)
            put = store.put(result)
        except Exception as e:
            report.failures.append(Failure(result.article.item, f"could not store: {type(e).__name__}: {e}", "store"))
            continue
        if put.status != "unchanged":
            dedup.added(put.id, result)
        report.counts[put.status] += 1
        entry = {"item": result.article.item, "id": put.id, "status": put.status}
        if result.duplicate_of:
            entry["duplicate_of"] = result.duplicate_of
        report.documents.append(entry)
    report.counts["failed"] = len(report.failures)
