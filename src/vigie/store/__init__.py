"""The store: one narrow interface (``Store``), one SQLite backend for now."""

from __future__ import annotations

import os
from pathlib import Path

from vigie.store.base import PutResult, SearchHit, Store


def default_db_path() -> Path:
    """``VIGIE_DB`` if set, else ``vigie.db`` in the user's data directory."""
    if os.environ.get("VIGIE_DB"):
        return Path(os.environ["VIGIE_DB"])
    from platformdirs import user_data_dir

    return Path(user_data_dir("vigie", appauthor=False)) / "vigie.db"


def open_store(path: str | os.PathLike[str] | None = None) -> Store:
    from vigie.store.sqlite import SQLiteStore

    return SQLiteStore(Path(path) if path else default_db_path())


__all__ = ["PutResult", "SearchHit", "Store", "default_db_path", "open_store"]
