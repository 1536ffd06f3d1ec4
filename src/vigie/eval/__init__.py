"""Evaluations of vigie against published benchmarks (``vigie eval ...``).

Nothing here is imported by the pipeline; the benchmarks' data stay outside the package
(``shared/data``), and text derived from their pages is written only to temporary or
gitignored folders.
"""

from __future__ import annotations

# The benchmarks of ``vigie eval extraction``, here so the CLI can list them without importing anything.
EXTRACTION_BENCHMARKS = ("scrapinghub-aeb", "trafilatura-eval", "fundus-eval", "fundus-fr-fixtures", "htmldate-eval",
                         "textdump")
