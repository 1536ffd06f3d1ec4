"""Shared test setup. Unit tests use the small French model, loaded once per run."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("VIGIE_FR_MODEL", "fr_core_news_sm")

FIXTURES = Path(__file__).parent / "fixtures"
SEED = FIXTURES / "seed_lesechos_2021-10-18.txt"
SHARED = Path(__file__).resolve().parents[2] / "shared"


@pytest.fixture(scope="session")
def annotator():
    from vigie.nlp import Annotator
    from vigie.nlp.pipeline import load_model, model_for

    load_model(model_for("fr"))  # the cost is paid once per test run, here
    return Annotator()


@pytest.fixture(scope="session")
def seed_article():
    from vigie.extract import extract
    from vigie.ingest import read_path

    (raw,) = list(read_path(SEED))
    return extract(raw)


@pytest.fixture(scope="session")
def seed_annotated(annotator, seed_article):
    return annotator.annotate(seed_article)


@pytest.fixture()
def store(tmp_path):
    from vigie.store import open_store

    s = open_store(tmp_path / "test.db")
    yield s
    s.close()


@pytest.fixture()
def server():
    """A local HTTP server on 127.0.0.1 serving the routes a test adds (never the internet)."""
    from tests.httpserver import LocalServer

    s = LocalServer().start()
    yield s
    s.stop()


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or skip the test when the checkout has none (a user's clone)."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} not available")
    return path
