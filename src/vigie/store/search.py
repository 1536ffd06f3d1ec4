"""A parsed query (``vigie.query``) → SQL over the SQLite store.

The top-level conjuncts that are plain text go into one FTS5 MATCH (ranked by BM25, with
snippets); everything else — fields, dates, negations, text under OR with a field — becomes a
SQL condition on ``documents d``, text leaves as FTS5 subqueries. Every value is a parameter,
every word is quoted for FTS5, so nothing typed reaches SQL or FTS5 syntax."""

from __future__ import annotations

from typing import Any

from vigie.query import And, DateRange, Field, Node, Not, Or, Text
from vigie.textfold import fold


def fts_text(node: Text) -> str | None:
    tokens = fold(node.words).split()
    if not tokens:
        return None  # punctuation or an elided article only: no constraint
    return '"' + " ".join(tokens) + '"' + ("*" if node.prefix else "")


def fts_expr(node: Node) -> str | None:
    """An FTS5 expression for a subtree made of text only, else None."""
    if isinstance(node, Text):
        return fts_text(node)
    if isinstance(node, Or):
        parts = [fts_expr(i) for i in node.items]
        return None if any(p is None for p in parts) else "(" + " OR ".join(parts) + ")"
    if isinstance(node, And):
        positive = [fts_expr(i) for i in node.items if not isinstance(i, Not)]
        negative = [fts_expr(i.item) for i in node.items if isinstance(i, Not)]
        if not positive or any(p is None for p in positive + negative):
            return None  # FTS5's NOT is binary: it needs something to subtract from
        return "(" + " AND ".join(positive) + ")" + "".join(f" NOT {n}" for n in negative)
    return None


def sql_condition(node: Node) -> tuple[str, list[Any]]:
    """A SQL condition on ``documents d`` and its parameters."""
    if isinstance(node, Text):
        expr = fts_text(node)
        if expr is None:
            return "1", []
        return "d.rowid IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?)", [expr]
    if isinstance(node, Field):
        return _field(node)
    if isinstance(node, DateRange):
        parts, params = [], []
        if node.since:
            parts.append("d.published_utc >= ?")
            params.append(node.since)
        if node.until:
            parts.append("d.published_utc < ?")
            params.append(node.until)
        return "(" + " AND ".join(parts) + ")", params
    if isinstance(node, Not):
        cond, params = sql_condition(node.item)
        return f"NOT ({cond})", params
    parts, params = [], []
    for item in node.items:
        cond, p = sql_condition(item)
        parts.append(cond)
        params.extend(p)
    return "(" + (" AND " if isinstance(node, And) else " OR ").join(parts) + ")", params


def _like(value: str) -> str:
    return "%" + value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _field(node: Field) -> tuple[str, list[Any]]:
    if node.name == "source":  # the exact name, or a part of it: source:monde finds lemonde.fr
        return "(d.source = ? COLLATE NOCASE OR d.source LIKE ? ESCAPE '\\')", [node.value, _like(node.value)]
    if node.name == "lang":
        return "+d.language = ?", [node.value]  # '+': few values, an index on it would only slow the scan
    if node.name == "author":
        return "d.author LIKE ? ESCAPE '\\'", [_like(node.value)]
    if node.name == "type":
        return "d.id IN (SELECT doc_id FROM events WHERE type = ? AND negated = 0)", [node.value]
    if node.name == "actor":
        if node.ids:
            marks = ", ".join("?" * len(node.ids))
            return f"d.id IN (SELECT doc_id FROM mentions WHERE actor IN ({marks}))", list(node.ids)
        # not a known actor: an id as stored, or the name the mention was resolved to
        return ("d.id IN (SELECT doc_id FROM mentions WHERE actor = ? OR actor_name = ? COLLATE NOCASE)",
                [node.value, node.value])
    raise ValueError(f"unknown field {node.name!r}")


def plan(node: Node) -> tuple[str | None, str, list[Any]]:
    """(FTS5 MATCH expression or None, SQL condition, its parameters) for a whole query."""
    conjuncts = list(node.items) if isinstance(node, And) else [node]
    match: list[str] = []
    rest: list[Node] = []
    for c in conjuncts:
        expr = None if isinstance(c, Not) else fts_expr(c)
        if expr is not None:
            match.append(expr)
        elif not (isinstance(c, Text) and fts_text(c) is None):
            rest.append(c)
    where, params = sql_condition(And(tuple(rest))) if rest else ("1", [])
    return (" AND ".join(match) if match else None), where, params
