"""Comparing names across languages and spellings.

Two keys, both pure functions of a string:

- ``form_key``: case, accents, hyphens and apostrophes folded, one space between words —
  "l’Alliance-Atlantique" and "l'alliance atlantique" meet; used for the names of places and
  organisations, which are listed in every language they are written in.
- ``sound_key``: a transliteration-aware skeleton for persons' names, which the gazetteer
  lists in English only. French and English transcribe Russian, Arabic or Ukrainian names
  by different rules ("Sergueï Lavrov" / "Sergey Lavrov", "Vladimir Poutine" / "Putin",
  "Bachar al-Assad" / "Bashar al-Assad", "Choïgou" / "Shoigu"); the key undoes the
  differences between the two systems instead of listing every variant by hand. The rules
  are language data: ``lang/names.tsv``.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from importlib import resources

from vigie.textfold import strip_accents

_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "`": "'", "´": "'", "‘": "'"})
_TOKENS = re.compile(r"\w+'|\w+|[^\w\s]")
_LETTERS = re.compile(r"[^a-z ]+")
_SPACES = re.compile(r"\s+")
_DOUBLE = re.compile(r"([a-z])\1+")


@lru_cache(maxsize=65536)  # called on every token of every article: words repeat
def form_key(text: str) -> str:
    """'l’Élysée' → "l' elysee"; 'Maison-Blanche' → 'maison blanche'."""
    folded = strip_accents(text.translate(_APOSTROPHES)).casefold().replace("-", " ")
    return " ".join(_TOKENS.findall(folded))


@cache
def _rules() -> tuple[tuple[re.Pattern[str], str], ...]:
    text = resources.files("vigie.lang").joinpath("names.tsv").read_text(encoding="utf-8")
    rules = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        pattern, _, replacement = line.partition("\t")
        rules.append((re.compile(pattern), replacement.strip()))
    return tuple(rules)


@cache
def sound_key(name: str) -> str:
    """'Sergueï Lavrov' and 'Sergei Lavrov' → 'sergi lavrov'; particles and initials kept."""
    text = strip_accents(name.translate(_APOSTROPHES)).casefold()
    text = _LETTERS.sub(" ", text.replace("'", ""))  # "al-Assad" → "al assad"; "O'Brien" → "obrien"
    words = []
    for word in text.split():
        for pattern, replacement in _rules():
            word = pattern.sub(replacement, word)
        words.append(_DOUBLE.sub(r"\1", word))
    return _SPACES.sub(" ", " ".join(w for w in words if w)).strip()
