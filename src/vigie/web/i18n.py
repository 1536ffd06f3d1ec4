"""The interface's words, French first, from a small catalogue kept as data (messages.json)."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

LANGS = ("fr", "en")


@lru_cache(maxsize=1)
def catalogue() -> dict[str, dict[str, str]]:
    return json.loads(resources.files("vigie.web").joinpath("messages.json").read_text(encoding="utf-8"))


def messages(lang: str) -> dict[str, str]:
    return catalogue()[lang if lang in LANGS else "fr"]
