"""The small store behind the query and web tests: tests/fixtures/web_corpus.jsonl ingested once
per test run (the cost is the annotation) and its stories clustered, then copied for each test
that wants to write."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.conftest import FIXTURES

CORPUS = FIXTURES / "web_corpus.jsonl"
_built: dict[str, Path] = {}


def corpus_db(tmp_path_factory, annotator) -> Path:
    """The path of the ingested corpus (built on first use; read it, do not write it)."""
    if "db" not in _built:
        from vigie.pipeline import ingest
        from vigie.store import open_store

        path = tmp_path_factory.mktemp("webcorpus") / "corpus.db"
        store = open_store(path)
        try:
            report = ingest([CORPUS], store, annotator)
            assert report.ok, report.to_json()
            from vigie.analysis.stories import update_store

            update_store(store)  # the stories of the Story pages
        finally:
            store.close()
        _built["db"] = path
    return _built["db"]


def copy_db(source: Path, target_dir: Path) -> Path:
    target = target_dir / "copy.db"
    shutil.copyfile(source, target)
    return target
