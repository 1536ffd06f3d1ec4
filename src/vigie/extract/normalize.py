"""Text normalisation shared by every extractor, and the builder that lays blocks out
into the one clean text that all annotation offsets point into."""

from __future__ import annotations

import re
import unicodedata

from vigie.model import Block, BlockKind

# No-break spaces (U+00A0, U+202F, U+2007) are typography, not meaning: French puts them
# inside « » and before ; : ! ?, scrapers keep them. Plain spaces make search and NER stable.
_SPACES = re.compile(r"[ \t\u00a0\u202f\u2007\u2009\u200a\u3000]+")
_ZERO_WIDTH = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
# "Skripal , un" — a space left before a comma or full stop where a link was cut out.
_SPACE_BEFORE_PUNCT = re.compile(r"(?<=[\w»”)]) +(?=[,.](?:\s|$))")


def normalize_line(line: str) -> str:
    if line.isascii():  # the common fast path: no no-break spaces, no combining marks
        return " ".join(line.split())
    line = unicodedata.normalize("NFC", line)
    line = _ZERO_WIDTH.sub("", line)
    line = _SPACES.sub(" ", line)
    return line.strip()


def fix_scraped_punctuation(line: str) -> str:
    return _SPACE_BEFORE_PUNCT.sub("", line)


class TextBuilder:
    """Appends blocks separated by a blank line and records their offsets."""

    SEPARATOR = "\n\n"

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._length = 0
        self.blocks: list[Block] = []

    def add(self, kind: BlockKind, text: str, credit: str | None = None) -> None:
        text = text.strip()
        if not text:
            return
        if self._parts:
            self._parts.append(self.SEPARATOR)
            self._length += len(self.SEPARATOR)
        self.blocks.append(Block(kind, self._length, self._length + len(text), credit))
        self._parts.append(text)
        self._length += len(text)

    @property
    def text(self) -> str:
        return "".join(self._parts)
