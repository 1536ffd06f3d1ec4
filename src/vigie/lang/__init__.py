"""Language data, kept as data files (one folder per language), read once."""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources
from typing import Any

LANGUAGES = ("fr", "en")


def _read(lang: str, name: str) -> str:
    return resources.files("vigie.lang").joinpath(lang, name).read_text(encoding="utf-8")


def lines(lang: str, name: str) -> list[str]:
    """Non-empty, non-comment lines of ``lang/<lang>/<name>``."""
    out = []
    for line in _read(lang, name).splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            out.append(line)
    return out


@cache
def settings(lang: str) -> dict[str, Any]:
    return json.loads(_read(lang, "bylines.json"))


@cache
def time_words(lang: str) -> dict[str, Any]:
    """``lang/<lang>/time.json``: month and weekday names, units, time-expression words."""
    return json.loads(_read(lang, "time.json"))


@cache
def boilerplate_lines() -> frozenset[str]:
    """Lines that are never article text, in every supported language, casefolded."""
    return frozenset(line.casefold() for lang in LANGUAGES for line in lines(lang, "boilerplate.txt"))


@cache
def boilerplate_prefix_pattern() -> re.Pattern[str]:
    """A line starting with one of these ("À lire aussi …") is page furniture."""
    parts = [p for lang in LANGUAGES for p in lines(lang, "boilerplate_prefixes.txt")]
    return re.compile("^(?:" + "|".join(f"(?:{p})" for p in parts) + ")", re.IGNORECASE)


def is_furniture(line: str) -> bool:
    """Whole-line boilerplate, or a line that starts like boilerplate."""
    return line.casefold() in boilerplate_lines() or bool(boilerplate_prefix_pattern().match(line))


@cache
def trailer_pattern(main_text: bool = False) -> re.Pattern[str]:
    """A line matching this starts the page's trailer (subscription pitch, newsletter, comments…).
    With ``main_text``, also the headings that end an already isolated main text ("Related stories")."""
    files = ("trailer.txt", "trailer_main_text.txt") if main_text else ("trailer.txt",)
    parts = [p for lang in LANGUAGES for name in files for p in lines(lang, name)]
    return re.compile("|".join(f"(?:{p})" for p in parts), re.IGNORECASE)
