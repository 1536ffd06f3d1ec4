"""The search query language: words, "phrases", prefix*, AND/OR/NOT (also ET/OU/SAUF and a
leading -), parentheses, fields (source: lang: actor: type: author:) and dates (since: until:
date:2024-01..2024-03). A query is parsed into a small typed tree, echoed in plain French or
English, and compiled to SQL by the store (``vigie.store.search``). Operator and field names
are language data (``lang/*/query.json``)."""

from __future__ import annotations

import calendar
import json
import re
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from importlib import resources
from typing import Callable, Union

from vigie.textfold import fold


class QueryError(ValueError):
    """A query that cannot be read: the message names the place and the reason."""


@dataclass(frozen=True, slots=True)
class Text:
    words: str  # as typed (the store folds them)
    phrase: bool = False
    prefix: bool = False


@dataclass(frozen=True, slots=True)
class Field:
    name: str  # source, lang, actor, type, author
    value: str
    ids: tuple[str, ...] = ()  # actor: the gazetteer ids the value was resolved to
    label: str | None = None  # actor: the name shown in the echo


@dataclass(frozen=True, slots=True)
class DateRange:
    since: str | None  # ISO day, included
    until: str | None  # ISO day, excluded


@dataclass(frozen=True, slots=True)
class And:
    items: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Or:
    items: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Not:
    item: Node


Node = Union[Text, Field, DateRange, And, Or, Not]

FIELDS = ("source", "lang", "actor", "type", "author")
DATE_FIELDS = ("since", "until", "date")
MAX_LENGTH = 1000
MAX_DEPTH = 20


@lru_cache(maxsize=None)
def _lang_data(lang: str) -> dict:
    return json.loads(resources.files("vigie.lang").joinpath(lang, "query.json").read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _vocabulary() -> tuple[dict[str, str], dict[str, str]]:
    """Operator words and field names of every language → their canonical name."""
    ops: dict[str, str] = {}
    fields: dict[str, str] = {}
    for lang in ("fr", "en"):
        data = _lang_data(lang)
        for op, words in data["operators"].items():
            ops.update((w, op) for w in words)
        for name, words in data["fields"].items():
            fields.update((w.casefold(), name) for w in words)
    return ops, fields


# "phrase", ( ), or a run of anything else; a field keeps its quoted value: source:"Le Monde"
_TOKEN = re.compile(r'\s*(?:(?P<lp>\()|(?P<rp>\))|(?P<word>-?(?:[^\s()":]+:)?(?:"[^"]*"?|[^\s()"]*)))')


@dataclass(frozen=True, slots=True)
class _Tok:
    kind: str  # ( ) OP NEG TERM
    text: str
    pos: int


def _tokens(query: str) -> list[_Tok]:
    ops, _ = _vocabulary()
    out: list[_Tok] = []
    pos = 0
    while pos < len(query):
        m = _TOKEN.match(query, pos)
        if m is None or m.end() == pos:
            if query[pos:].strip() == "":
                break
            raise QueryError(f"cannot read the query at character {pos + 1}: {query[pos:pos + 20]!r}")
        start = m.start(m.lastgroup) if m.lastgroup else pos
        pos = m.end()
        if m.group("lp"):
            out.append(_Tok("(", "(", start))
        elif m.group("rp"):
            out.append(_Tok(")", ")", start))
        else:
            word = m.group("word")
            if not word:
                continue
            if word.count('"') == 1:
                raise QueryError(f"unterminated quote at character {start + 1 + word.index(chr(34))}")
            if word in ops:
                out.append(_Tok(ops[word], word, start))
            elif word.startswith("-") and len(word) > 1:
                out.append(_Tok("NEG", "-", start))
                out.append(_Tok("TERM", word[1:], start + 1))
            else:
                out.append(_Tok("TERM", word, start))
    return out


class _Parser:
    def __init__(self, tokens: list[_Tok]):
        self.tokens = tokens
        self.i = 0
        self.depth = 0

    def peek(self) -> _Tok | None:
        return self.tokens[self.i] if self.i < len(self.tokens) else None

    def take(self) -> _Tok:
        tok = self.tokens[self.i]
        self.i += 1
        return tok

    def parse(self) -> Node:
        node = self.or_expr()
        tok = self.peek()
        if tok is not None:
            raise QueryError(f"unexpected {tok.text!r} at character {tok.pos + 1}"
                             + (" (no opening parenthesis)" if tok.kind == ")" else ""))
        return node

    def or_expr(self) -> Node:
        items = [self.and_expr()]
        while (tok := self.peek()) is not None and tok.kind == "OR":
            self.take()
            items.append(self.and_expr())
        return items[0] if len(items) == 1 else Or(tuple(items))

    def and_expr(self) -> Node:
        items = [self.unary()]
        while (tok := self.peek()) is not None and tok.kind not in (")", "OR"):
            if tok.kind == "AND":
                self.take()
            items.append(self.unary())
        return items[0] if len(items) == 1 else And(tuple(items))

    def unary(self) -> Node:
        tok = self.peek()
        if tok is not None and tok.kind in ("NOT", "NEG"):
            self.take()
            return Not(self.unary())
        return self.primary()

    def primary(self) -> Node:
        tok = self.peek()
        if tok is None:
            last = self.tokens[-1] if self.tokens else None
            raise QueryError("empty query" if last is None else f"{last.text!r} at character {last.pos + 1} needs "
                             "something after it")
        if tok.kind == "(":
            self.take()
            self.depth += 1
            if self.depth > MAX_DEPTH:
                raise QueryError(f"more than {MAX_DEPTH} nested parentheses")
            node = self.or_expr()
            close = self.peek()
            if close is None or close.kind != ")":
                raise QueryError(f"the parenthesis at character {tok.pos + 1} is never closed")
            self.take()
            self.depth -= 1
            return node
        if tok.kind == "TERM":
            self.take()
            return _term(tok)
        raise QueryError(f"{tok.text!r} at character {tok.pos + 1} needs a word before and after it"
                         if tok.kind in ("AND", "OR") else f"unexpected {tok.text!r} at character {tok.pos + 1}")


def _term(tok: _Tok) -> Node:
    _, fields = _vocabulary()
    text = tok.text
    name, sep, value = text.partition(":")
    if sep and name and re.fullmatch(r"[^\W\d_]+", name):
        canonical = fields.get(name.casefold())
        if canonical is None:
            raise QueryError(f"unknown field {name + ':'!r} at character {tok.pos + 1}: use "
                             + ", ".join(f"{f}:" for f in FIELDS + DATE_FIELDS))
        value = value.strip('"').strip()
        if not value:
            raise QueryError(f"{name + ':'!r} at character {tok.pos + 1} has no value")
        if canonical in DATE_FIELDS:
            return _date_node(canonical, value, tok.pos)
        if canonical == "lang":
            value = value.lower()
        elif canonical == "type":
            value = value.upper()
        return Field(canonical, value)
    phrase = text.startswith('"')
    words = text.strip('"') if phrase else text.lstrip("-")  # '--x': one negation, then the word
    prefix = not phrase and words.endswith("*")
    words = words.rstrip("*") if prefix else words
    return Text(words, phrase=phrase or len(fold(words).split()) > 1, prefix=prefix)


def _period(value: str, pos: int) -> tuple[date, date]:
    """'2024' / '2024-03' / '2024-03-05' → (first day, the day after the last)."""
    m = re.fullmatch(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?", value)
    try:
        if m is None:
            raise ValueError("expected YYYY, YYYY-MM or YYYY-MM-DD")
        y, mo, d = int(m[1]), m[2] and int(m[2]), m[3] and int(m[3])
        if d:
            first = date(y, mo, d)
            return first, date.fromordinal(first.toordinal() + 1)
        if mo:
            first = date(y, mo, 1)
            return first, date.fromordinal(first.toordinal() + calendar.monthrange(y, mo)[1])
        return date(y, 1, 1), date(y + 1, 1, 1)
    except ValueError as e:
        raise QueryError(f"bad date {value!r} at character {pos + 1}: {e}") from None


def _date_node(name: str, value: str, pos: int) -> DateRange:
    if name == "since":
        return DateRange(_period(value, pos)[0].isoformat(), None)
    if name == "until":  # inclusive of the named period: until:2024-03 keeps all of March
        return DateRange(None, _period(value, pos)[1].isoformat())
    low, dots, high = value.partition("..")
    if not dots:
        first, after = _period(value, pos)
        return DateRange(first.isoformat(), after.isoformat())
    if not low and not high:
        raise QueryError(f"date range {value!r} at character {pos + 1} has no bound")
    since = _period(low, pos)[0].isoformat() if low else None
    until = _period(high, pos)[1].isoformat() if high else None
    if since and until and since >= until:
        raise QueryError(f"date range {value!r} at character {pos + 1} ends before it starts")
    return DateRange(since, until)


def parse(query: str) -> Node:
    """A query string → its tree, or QueryError saying where and why."""
    if len(query) > MAX_LENGTH:
        raise QueryError(f"query too long ({len(query)} characters; the limit is {MAX_LENGTH})")
    tokens = _tokens(query)
    if not tokens:
        raise QueryError("empty query")
    node = _prune(_Parser(tokens).parse())
    if node is None:
        raise QueryError("nothing to search: the words are only punctuation or elided articles")
    return node


def _prune(node: Node) -> Node | None:
    """The tree without words that fold to nothing (punctuation, a lone elided article), which
    search nothing; an operator left with one operand is that operand."""
    if isinstance(node, Text):
        return node if fold(node.words).split() else None
    if isinstance(node, Not):
        item = _prune(node.item)
        return Not(item) if item is not None else None
    if isinstance(node, (And, Or)):
        items = tuple(i for i in map(_prune, node.items) if i is not None)
        if len(items) <= 1:
            return items[0] if items else None
        return type(node)(items)
    return node


def walk(node: Node):
    yield node
    if isinstance(node, (And, Or)):
        for item in node.items:
            yield from walk(item)
    elif isinstance(node, Not):
        yield from walk(node.item)


def resolve(node: Node, lookup: Callable[[str], tuple[tuple[str, ...], str | None]]) -> Node:
    """The tree with each ``actor:`` value resolved by ``lookup`` (value → ids, display name)."""
    if isinstance(node, Field) and node.name == "actor" and not node.ids:
        ids, label = lookup(node.value)
        return replace(node, ids=tuple(ids), label=label)
    if isinstance(node, And):
        return And(tuple(resolve(i, lookup) for i in node.items))
    if isinstance(node, Or):
        return Or(tuple(resolve(i, lookup) for i in node.items))
    if isinstance(node, Not):
        return Not(resolve(node.item, lookup))
    return node


def echo(node: Node, lang: str = "fr") -> str:
    """The query in plain words: « Documents contenant « otan » et de la source « lemonde.fr » »."""
    words = _lang_data(lang if lang in ("fr", "en") else "fr")["echo"]
    return f"{words['lead']} {_echo(node, words, top=True)}"


def _echo(node: Node, w: dict[str, str], top: bool = False) -> str:
    if isinstance(node, Text):
        key = "prefix" if node.prefix else "phrase" if node.phrase else "word"
        return w[key].format(node.words + ("…" if node.prefix else ""))
    if isinstance(node, Field):
        return w[node.name].format(node.label or node.value)
    if isinstance(node, DateRange):
        if node.since and node.until:
            return w["between"].format(node.since, node.until)
        return w["since"].format(node.since) if node.since else w["until"].format(node.until)
    if isinstance(node, Not):
        inner = node.item
        said = inner.words if isinstance(inner, Text) and not inner.prefix else _echo(inner, w)
        return w["not"].format(said)
    joiner = w["and"] if isinstance(node, And) else w["or"]
    inner = joiner.join(_echo(i, w) for i in node.items)
    return inner if top or isinstance(node, And) else f"({inner})"


def to_text(node: Node) -> str:
    """The tree written back in the query language (canonical form)."""
    text = _to_text(node)
    return text[1:-1] if isinstance(node, (And, Or)) else text


def _to_text(node: Node) -> str:
    if isinstance(node, Text):
        if node.prefix:  # one typed word, even when it folds to several ("jean-luc*" searches "jean luc*")
            return node.words + "*"
        return f'"{node.words}"' if node.phrase else node.words
    if isinstance(node, Field):
        return f'{node.name}:"{node.value}"' if re.search(r'[\s()"]', node.value) else f"{node.name}:{node.value}"
    if isinstance(node, DateRange):
        if node.since and node.until:
            last = date.fromordinal(date.fromisoformat(node.until).toordinal() - 1).isoformat()
            return f"date:{node.since}..{last}"
        if node.since:
            return f"since:{node.since}"
        return f"until:{date.fromordinal(date.fromisoformat(node.until).toordinal() - 1).isoformat()}"
    if isinstance(node, Not):
        return f"NOT {_to_text(node.item)}"
    joiner = " " if isinstance(node, And) else " OR "
    return "(" + joiner.join(_to_text(i) for i in node.items) + ")"
