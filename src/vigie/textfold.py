"""Folding for search and grouping: case, accents and French elisions."""

from __future__ import annotations

import re
import unicodedata

# l'Otan, d'Europe, qu'elle, jusqu'à… — the elided article or pronoun is not the word.
_ELISION = re.compile(r"\b(?:l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu|quoiqu)['’]", re.IGNORECASE)
_WORD = re.compile(r"\w+")


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def fold(text: str) -> str:
    """'l’Élysée' → 'elysee'; used for entity grouping and query terms."""
    return " ".join(_WORD.findall(strip_accents(_ELISION.sub("", text)).casefold()))


def fts_query(query: str) -> str:
    """A user's query → an FTS5 MATCH expression.

    Words are ANDed; "double-quoted" parts stay phrases; a trailing * keeps prefix
    search. Everything is quoted, so FTS5 operators typed by a user cannot break
    the query. Returns "" when nothing searchable is left.
    """
    parts: list[str] = []
    for phrase, word in re.findall(r'"([^"]*)"|(\S+)', query):
        text = phrase or word
        prefix = bool(word) and word.endswith("*")
        tokens = fold(text).split()
        if not tokens:
            continue
        quoted = '"' + " ".join(tokens) + '"'
        parts.append(quoted + ("*" if prefix else ""))
    return " AND ".join(parts)
