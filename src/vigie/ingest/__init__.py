"""Sources → raw documents. Nothing here knows about extraction, NLP or the store."""

from vigie.ingest.files import iter_paths, read_path

__all__ = ["iter_paths", "read_path"]
