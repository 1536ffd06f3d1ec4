"""Reading TABARI/PETRARCH dictionaries: the Phoenix actor and agent files.

These are the plain-text dictionaries of the PETRARCH2 event coder (Open Event Data
Alliance, MIT). vigie does not code events with them: ``scripts/build_actors.py``
reads them once to build the shipped gazetteer. The grammar, as found in the files:

- ``NAME_`` at the start of a line opens an entry; underscores join words, a trailing
  ``_`` only marks a word end. ``+ALIAS`` lines add other names to the open entry.
- ``[CODE]`` gives a CAMEO actor code (``RUSGOV``: country RUS, sector GOV). A code may
  be bounded in time: ``[CODE 19940922-20040712]``, ``[CODE >20040309]`` (from),
  ``[CODE <061231]`` (until). A code without a date is the entry's fallback code.
  Codes follow the name on its line, or stand on their own indented lines.
- ``#`` starts a comment. On a line holding one code, the comment is about that code
  (``[RUSGOV >20040309]  # Foreign Minister``).

Dates are ``YYYYMMDD`` or ``yymmdd``. The century of a six-digit date is not written;
the files follow one rule throughout, which :data:`CENTURY_PIVOT` states: the six-digit
years found are 00-14 and 31-99 (never 15-30), and every year up to 1930 is written
with eight digits (1876-1930), so ``yy <= 30`` means 20yy and ``yy >= 31`` means 19yy.

Malformed dates are reported, not guessed, with one exception that the data makes
plain: a ten-digit date ``19`` + an eight-digit date starting ``20``
(``1920030320``) is read as that eight-digit date (a century typed twice).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

CENTURY_PIVOT = 30  # six-digit dates: yy <= 30 -> 20yy, yy > 30 -> 19yy

_BRACKET = re.compile(r"\[([^\]]*)\]")
_CODE = re.compile(r"[A-Z0-9]+")


class TabariError(ValueError):
    """A piece of a dictionary line that cannot be read."""


@dataclass(slots=True)
class Code:
    """One bracketed code, with its optional time bounds and the comment of its line."""

    code: str
    start: date | None = None
    end: date | None = None
    comment: str | None = None


@dataclass(slots=True)
class Entry:
    """One dictionary entry: its name, aliases (raw phrases) and codes."""

    name: str
    line: int
    aliases: list[str] = field(default_factory=list)
    codes: list[Code] = field(default_factory=list)
    comment: str | None = None
    discarded: bool = False  # a [---] code: "not an actor"
    follows_gap: bool = True  # a blank or comment line (or the file start) comes just before


@dataclass(slots=True)
class Agent:
    """One line of an agents file: a phrase (with its irregular plurals) and its code."""

    phrase: str
    plurals: list[str]
    code: str
    line: int


def parse_date(text: str) -> date:
    """``YYYYMMDD`` or ``yymmdd`` (century by :data:`CENTURY_PIVOT`) as a date."""
    digits = text.strip()
    if not digits.isdigit():
        raise TabariError(f"not a date: {text!r}")
    if len(digits) == 10 and digits.startswith("1920"):
        digits = digits[2:]  # "1920030320": the century typed twice
    if len(digits) == 8:
        year, rest = int(digits[:4]), digits[4:]
    elif len(digits) == 6:
        yy = int(digits[:2])
        year, rest = (2000 + yy if yy <= CENTURY_PIVOT else 1900 + yy), digits[2:]
    else:
        raise TabariError(f"date of {len(digits)} digits: {text!r}")
    try:
        return date(year, int(rest[:2]), int(rest[2:]))
    except ValueError as exc:
        raise TabariError(f"impossible date: {text!r}") from exc


def parse_code(body: str) -> Code | None:
    """The inside of one ``[...]``: code and time bounds. None for ``[---]`` (no code)."""
    parts = body.split(None, 1)
    if not parts or set(parts[0]) == {"-"}:
        return None
    code = parts[0]
    if not _CODE.fullmatch(code):
        raise TabariError(f"not a code: {body!r}")
    when = parts[1].replace(" ", "") if len(parts) > 1 else ""
    if not when:
        return Code(code)
    if when[0] == ">":
        return Code(code, start=parse_date(when[1:]))
    if when[0] == "<":
        return Code(code, end=parse_date(when[1:]))
    if "-" in when:
        first, _, last = when.partition("-")
        return Code(code, start=parse_date(first), end=parse_date(last))
    return Code(code, start=parse_date(when))  # a bare date: read as the start


def _split_comment(line: str) -> tuple[str, str | None]:
    content, sep, comment = line.partition("#")
    if not sep:
        return content, None
    pieces = [p.strip() for p in comment.split("#")]
    text = " # ".join(p for p in pieces if p)
    return content, text or None


def parse_actors(
    text: str,
    warnings: list[str] | None = None,
    repairs: Mapping[str, str | None] | None = None,
) -> list[Entry]:
    """All entries of an actors file, in file order. Unreadable codes are left out and
    described in ``warnings`` (``"line N: ..."``) when a list is given. ``repairs`` maps the
    exact inside of a bracket to the text to read instead (None: leave the code out)."""
    entries: list[Entry] = []
    current: Entry | None = None
    gap = True
    for number, raw in enumerate(text.splitlines(), start=1):
        stripped = raw.strip()
        if not stripped or stripped.startswith("#"):
            gap = True
            continue
        content, comment = _split_comment(raw)
        codes: list[Code] = []
        discarded = False
        for match in _BRACKET.finditer(content):
            body = match.group(1).strip()
            if repairs is not None and body in repairs:
                fixed = repairs[body]
                if fixed is None:
                    continue
                body = fixed
            try:
                code = parse_code(body)
            except TabariError as exc:
                if warnings is not None:
                    warnings.append(f"line {number}: {exc}")
                continue
            if code is None:
                discarded = True
            else:
                codes.append(code)
        phrase = " ".join(_BRACKET.sub(" ", content).split())
        if "[" in phrase or "]" in phrase:  # an unclosed bracket ("[~ENV}")
            if warnings is not None:
                warnings.append(f"line {number}: unbalanced bracket: {stripped!r}")
            phrase = phrase.split("[")[0].strip()
        if phrase.startswith("+"):
            if current is not None and phrase[1:].strip():
                current.aliases.append(phrase[1:].strip())
            if current is not None:
                current.codes.extend(codes)
            continue
        if phrase:
            current = Entry(name=phrase, line=number, comment=comment, follows_gap=gap)
            entries.append(current)
            current.codes.extend(codes)
            current.discarded = discarded
            gap = False
            continue
        gap = False
        if current is None:
            continue
        if len(codes) == 1 and comment:
            codes[0].comment = comment
        current.codes.extend(codes)
        current.discarded = current.discarded or discarded
    return entries


_FUNCTION_WORDS = frozenset(["OF", "THE", "AND", "FOR", "IN", "ON", "AT", "TO", "A", "AN", "AL", "EL", "DE", "DU", "LA", "LE", "BIN"])


def _words(entry: Entry) -> set[str]:
    words = set()
    for phrase in (entry.name, *entry.aliases):
        words.update(w for w in re.split(r"[_\s\-.,']+", phrase.upper()) if w and w not in _FUNCTION_WORDS)
    return words


def merge_synonym_blocks(entries: list[Entry]) -> list[Entry]:
    """Entries without codes directly followed (no blank or comment line between) by the next
    entry share that entry's codes. When their words overlap (``IVO_JOSIPOVIC_``,
    ``PRESIDENT_JOSIPOVIC_``, ``JOSIPOVIC_ [HRVGOV ...]``) they name one actor: one entry,
    named by the first, the others as aliases. Otherwise each keeps its name and gets a copy
    of the codes. Codeless entries not followed so are returned as they are."""
    out: list[Entry] = []
    block: list[Entry] = []
    for index, entry in enumerate(entries):
        block.append(entry)
        following = entries[index + 1] if index + 1 < len(entries) else None
        if not entry.codes and not entry.discarded and following is not None and not following.follows_gap:
            continue  # the block goes on
        if len(block) == 1:
            out.append(entry)
        else:
            last = block[-1]
            words = _words(last)
            if all(_words(e) & words for e in block[:-1]):
                first = block[0]
                merged = Entry(name=first.name, line=first.line, comment=first.comment or last.comment)
                for e in block:
                    if e is not first:
                        merged.aliases.append(e.name)
                    merged.aliases.extend(e.aliases)
                merged.codes = list(last.codes)
                merged.discarded = last.discarded
                out.append(merged)
            else:
                for e in block[:-1]:
                    e.codes = [Code(c.code, c.start, c.end, c.comment) for c in last.codes]
                    out.append(e)
                out.append(last)
        block = []
    return out


_MACRO_DEF = re.compile(r"^(![A-Z]+!)\s*=\s*(.+)$")


def _singulars(values: list[str]) -> list[str]:
    """Drop the plural forms of a macro's values (MEN beside MAN, MINISTERS beside MINISTER)."""
    keep = []
    for value in values:
        plural_of_another = any(
            value in (other + "S", other[:-1] + "IES", other[:-3] + "MEN")
            for other in values
            if other != value
        )
        if not plural_of_another:
            keep.append(value)
    return keep


def parse_agents(text: str, warnings: list[str] | None = None) -> list[Agent]:
    """The agents of a PETRARCH agents file. ``!MACRO!`` parts (``!PERSON!``, ``!MINIST!``)
    are expanded to their singular values; ``{PLURAL ...}`` lists irregular plurals."""
    macros: dict[str, list[str]] = {}
    agents: list[Agent] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        content, _ = _split_comment(raw)
        content = content.strip()
        if not content:
            continue
        definition = _MACRO_DEF.match(content)
        if definition:
            values = [v.strip() for v in definition.group(2).split(",") if v.strip()]
            macros[definition.group(1)] = _singulars(values)
            continue
        match = re.match(r"^(.*?)\s*(?:\{([^}]*)\})?\s*\[([^\]}]*)[\]}]\s*$", content)
        if not match:
            if warnings is not None:
                warnings.append(f"line {number}: no code: {content!r}")
            continue
        phrase, plurals, code = match.group(1).strip(), match.group(2), match.group(3).strip()
        if not phrase:
            continue
        forms = [phrase]
        for name, values in macros.items():
            if name in phrase:
                forms = [f.replace(name, v) for f in forms for v in values]
        plural_list = plurals.split() if plurals else []
        for form in forms:
            agents.append(Agent(form, plural_list, code, number))
    return agents
