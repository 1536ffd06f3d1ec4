"""Folding for search and grouping: case, accents and French elisions."""

from __future__ import annotations

import re
import unicodedata

# l'Otan, d'Europe, qu'elle, jusqu'à… — the elided article or pronoun is not the word.
_ELISION = re.compile(r"\b(?:l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu|quoiqu)['’]", re.IGNORECASE)
_WORD = re.compile(r"\w+")


_COMBINING = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def strip_accents(text: str) -> str:
    if text.isascii():
        return text
    return _COMBINING.sub("", unicodedata.normalize("NFKD", text))


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
