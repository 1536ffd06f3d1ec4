"""The embedded default backend: one SQLite file, WAL, FTS5, schema migrations."""

from __future__ import annotations

import json
import re
import sqlite3
from datetime import datetime, timedelta, timezone
from importlib import resources
from pathlib import Path
from typing import Any

from vigie.keys import canonical_url, document_id
from vigie.model import AnnotatedArticle, Source, Story, Thread
from vigie.store.base import ActorMention, Interval, PutResult, QuoteHit, SearchHit, SearchPage, SearchResult
from vigie.store.sqlite_watch import WatchTables
from vigie.textfold import fold, fts_query


def _migrations() -> list[tuple[int, str]]:
    folder = resources.files("vigie.store").joinpath("migrations")
    out = []
    for entry in folder.iterdir():
        if entry.name.endswith(".sql"):
            out.append((int(entry.name.split("_", 1)[0]), entry.read_text(encoding="utf-8")))
    return sorted(out)


# A story row as the Story record reads it, with the thread its story_threads row names.
_STORY_COLUMNS = ("id, first_day, last_day, size, sources, label, merged_into, "
                  "(SELECT thread_id FROM story_threads WHERE story_id = stories.id) AS thread")


class SQLiteStore(WatchTables):
    def __init__(self, path: Path):
        self.path = path
        if str(path) != ":memory:":
            path.parent.mkdir(parents=True, exist_ok=True)
        # isolation_level=None: we open and close transactions ourselves, one per document.
        self.db = sqlite3.connect(str(path), isolation_level=None, timeout=30)
        self.db.row_factory = sqlite3.Row
        self.db.execute("PRAGMA journal_mode = WAL")
        self.db.execute("PRAGMA synchronous = NORMAL")
        self.db.execute("PRAGMA foreign_keys = ON")
        self._migrate()

    # -- schema ---------------------------------------------------------------

    def _migrate(self) -> None:
        # Applied migrations are listed by number, so one added later with a lower number than the
        # newest applied (work merged from a branch) still runs. A database from before the list
        # existed had applied every migration up to its user_version, in order.
        self.db.execute("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT)")
        applied = {r[0] for r in self.db.execute("SELECT version FROM schema_migrations")}
        current = self.db.execute("PRAGMA user_version").fetchone()[0]
        if not applied and current:
            applied = {v for v, _ in _migrations() if v <= current}
            self.db.executemany("INSERT INTO schema_migrations (version, applied_at) VALUES (?, NULL)",
                                [(v,) for v in sorted(applied)])
        for version, sql in _migrations():
            if version in applied:
                continue
            self.db.execute("BEGIN IMMEDIATE")
            try:
                # executescript would commit on its own; run statements one by one instead.
                for statement in _split_sql(sql):
                    self.db.execute(statement)
                self.db.execute("INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)", (version, _now()))
                current = max(current, version)
                self.db.execute(f"PRAGMA user_version = {current}")
                self.db.execute("COMMIT")
            except Exception:
                self.db.execute("ROLLBACK")
                raise

    @property
    def schema_version(self) -> int:
        return self.db.execute("PRAGMA user_version").fetchone()[0]

    # -- writing --------------------------------------------------------------

    def put(self, annotated: AnnotatedArticle) -> PutResult:
        a = annotated.article
        curl = canonical_url(a.url)
        content_hash = a.content_hash
        doc_id = document_id(curl, content_hash)
        payload = annotated.to_json()
        published_utc = a.published.astimezone(timezone.utc).isoformat() if a.published else None
        row = {
            "id": doc_id, "canonical_url": curl, "url": a.url, "content_hash": content_hash, "item": a.item,
            "source": a.source, "title": a.title, "lede": a.lede, "author": a.author,
            "published": a.published.isoformat() if a.published else None, "published_utc": published_utc,
            "updated": a.updated.isoformat() if a.updated else None, "language": annotated.language,
            "extractor": a.extractor, "text": a.text, "annotations": json.dumps(payload, ensure_ascii=False),
            "ingested_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "duplicate_of": annotated.duplicate_of,
        }
        body = "\n\n".join([a.body] + [c["text"] for c in a.captions])
        self.db.execute("BEGIN IMMEDIATE")
        try:
            existing = self.db.execute("SELECT rowid, content_hash FROM documents WHERE id = ?", (doc_id,)).fetchone()
            aliases = [(u, doc_id) for u in map(canonical_url, a.aliases) if u and u != curl]
            if existing and existing["content_hash"] == content_hash:
                # Same content: nothing changes, except a new URL it was reached at.
                self.db.executemany("INSERT OR REPLACE INTO url_aliases (url, doc_id) VALUES (?, ?)", aliases)
                self.db.execute("COMMIT")
                return PutResult(doc_id, "unchanged")
            if existing:
                self._delete(doc_id, existing["rowid"])
            cols = ", ".join(row)
            cur = self.db.execute(f"INSERT INTO documents ({cols}) VALUES ({', '.join('?' * len(row))})",
                                  tuple(row.values()))
            rowid = cur.lastrowid
            self.db.execute("INSERT INTO documents_fts (rowid, title, lede, body) VALUES (?, ?, ?, ?)",
                            (rowid, a.title or "", a.lede or "", body))
            self.db.executemany(
                'INSERT INTO entities (doc_id, start, "end", label, text, norm) VALUES (?, ?, ?, ?, ?, ?)',
                [(doc_id, e.start, e.end, e.label, e.text, fold(e.text)) for e in annotated.entities],
            )
            self.db.executemany(
                'INSERT INTO mentions (doc_id, start, "end", text, label, actor, actor_name, actor_type, reading, '
                "code, country, sector, title, via, published_utc) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [(doc_id, m.start, m.end, m.text, m.label, m.actor, m.actor_name, m.actor_type, m.reading, m.code,
                  m.country, m.sector, m.title, m.via, published_utc) for m in annotated.mentions],
            )
            for q in annotated.quotes:
                cur = self.db.execute(
                    'INSERT INTO quotes (doc_id, start, "end", text, kind, speaker, speaker_norm, speaker_type, '
                    "speaker_actor, cue, date, published_utc) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (doc_id, q.start, q.end, q.text, q.kind, q.speaker, fold(q.speaker) if q.speaker else None,
                     q.speaker_type, q.speaker_actor, q.cue, q.date, published_utc))
                self.db.execute("INSERT INTO quotes_fts (rowid, text) VALUES (?, ?)", (cur.lastrowid, q.text))
            self.db.executemany(
                "INSERT INTO events VALUES (" + ", ".join("?" * 32) + ")",
                [_event_row(doc_id, n, e, published_utc, a.published) for n, e in enumerate(annotated.events)],
            )
            self.db.executemany("INSERT OR REPLACE INTO url_aliases (url, doc_id) VALUES (?, ?)", aliases)
            if annotated.signature is not None:
                self.db.execute("INSERT INTO minhashes (doc_id, signature) VALUES (?, ?)",
                                (doc_id, annotated.signature))
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        return PutResult(doc_id, "updated" if existing else "added")

    def _delete(self, doc_id: str, rowid: int) -> None:
        self.db.execute("DELETE FROM entities WHERE doc_id = ?", (doc_id,))
        self.db.execute("DELETE FROM mentions WHERE doc_id = ?", (doc_id,))
        self.db.execute("DELETE FROM events WHERE doc_id = ?", (doc_id,))
        self.db.execute("DELETE FROM quotes_fts WHERE rowid IN (SELECT rowid FROM quotes WHERE doc_id = ?)", (doc_id,))
        self.db.execute("DELETE FROM quotes WHERE doc_id = ?", (doc_id,))
        self.db.execute("DELETE FROM minhashes WHERE doc_id = ?", (doc_id,))
        self.db.execute("DELETE FROM url_aliases WHERE doc_id = ?", (doc_id,))
        self.db.execute("DELETE FROM documents_fts WHERE rowid = ?", (rowid,))
        self.db.execute("DELETE FROM documents WHERE id = ?", (doc_id,))

    # -- reading --------------------------------------------------------------

    def get(self, doc_id: str) -> dict[str, Any] | None:
        doc_id = doc_id.strip().lower()
        if len(doc_id) < 4 or not re.fullmatch(r"[0-9a-f]+", doc_id):
            return None  # ids are hex: anything else (a LIKE wildcard included) names no document
        rows = self.db.execute(
            "SELECT id, canonical_url, ingested_at, duplicate_of, annotations FROM documents "
            "WHERE id >= ? AND id < ? LIMIT 2", (doc_id, doc_id + "g"),  # a prefix, through the primary key
        ).fetchall()
        if len(rows) != 1:
            return None  # unknown, or an ambiguous prefix
        r = rows[0]
        root = r["duplicate_of"] or r["id"]
        copies = [x[0] for x in self.db.execute(
            "SELECT id FROM documents WHERE (id = ? OR duplicate_of = ?) AND id != ? ORDER BY rowid",
            (root, root, r["id"]))]
        return {"id": r["id"], "canonical_url": r["canonical_url"], "ingested_at": r["ingested_at"],
                "duplicate_of": r["duplicate_of"], "near_duplicates": copies, **json.loads(r["annotations"])}

    def signatures(self) -> list[tuple[str, bytes, str | None]]:
        return [(r[0], r[1], r[2]) for r in self.db.execute(
            "SELECT m.doc_id, m.signature, d.duplicate_of FROM minhashes m JOIN documents d ON d.id = m.doc_id "
            "ORDER BY d.rowid")]

    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        match = fts_query(query)
        if not match:
            return []
        rows = self.db.execute(
            """SELECT d.id, d.title, d.published, d.source, d.url, d.language, d.duplicate_of,
                      snippet(documents_fts, -1, '[', ']', '…', 16) AS snippet,
                      bm25(documents_fts, 5.0, 2.0, 1.0) AS score
               FROM documents_fts JOIN documents d ON d.rowid = documents_fts.rowid
               WHERE documents_fts MATCH ? ORDER BY score LIMIT ?""",
            (match, limit),
        ).fetchall()
        return [SearchHit(r["id"], r["title"], r["published"], r["source"], r["url"], r["language"],
                          r["snippet"], round(-r["score"], 4), r["duplicate_of"]) for r in rows]

    # -- search with the query language (web workspace) --------------------------

    _HIT_START, _HIT_END = "\ue000", "\ue001"  # private-use marks around matched words in a snippet

    def search_page(self, query: Any, *, page: int = 1, per_page: int = 20, facet_limit: int = 1000,
                    facet_size: int = 10) -> SearchPage:
        from vigie.query import parse
        from vigie.store.search import plan

        node = parse(query) if isinstance(query, str) else query
        if page < 1 or not 1 <= per_page <= 200:
            raise ValueError(f"page must be ≥ 1 and per_page within 1..200 (got {page}, {per_page})")
        match, where, params = plan(node)
        # Every match once into a per-connection temporary table, with the few columns the page,
        # the groups and the facets need: they are read from it instead of searching again.
        self.db.execute("CREATE TEMP TABLE IF NOT EXISTS search_hits (docrow INTEGER PRIMARY KEY, id TEXT, "
                        "root TEXT, score REAL, published TEXT, source TEXT, language TEXT)")
        self.db.execute("DELETE FROM temp.search_hits")
        if match:
            self.db.execute(
                "INSERT INTO temp.search_hits SELECT d.rowid, d.id, d.id, bm25(documents_fts, 5.0, 2.0, 1.0), "
                "d.published_utc, d.source, d.language FROM documents_fts "
                f"JOIN documents d ON d.rowid = documents_fts.rowid WHERE documents_fts MATCH ? AND {where}",
                (match, *params))
        else:
            self.db.execute("INSERT INTO temp.search_hits SELECT d.rowid, d.id, d.id, 0, d.published_utc, d.source, "
                            f"d.language FROM documents d WHERE {where}", params)
        # near-duplicates are few: their first copy is read through the duplicate_of index only
        # (the column sits at the end of long rows)
        copies = self.db.execute(
            "UPDATE temp.search_hits SET root = (SELECT duplicate_of FROM documents WHERE rowid = docrow) "
            "WHERE docrow IN (SELECT rowid FROM documents WHERE duplicate_of IS NOT NULL)").rowcount
        total = self.db.execute("SELECT count(*) FROM temp.search_hits").fetchone()[0]
        groups = total
        if copies:  # a copy is its own group only when its first copy did not match
            groups += self.db.execute(
                "SELECT count(DISTINCT root) FROM temp.search_hits WHERE root != id "
                "AND root NOT IN (SELECT id FROM temp.search_hits)").fetchone()[0] - copies
        # A group ranks where its best member ranks: walk the matches in order until the page's
        # groups are found (the first page reads a few dozen rows, whatever the number of matches).
        order = "score, published DESC" if match else "published DESC, id"
        roots: list[str] = []
        seen: set[str] = set()
        for (root,) in self.db.execute(f"SELECT root FROM temp.search_hits ORDER BY {order}"):
            if root not in seen:
                seen.add(root)
                roots.append(root)
                if len(roots) >= page * per_page:
                    break
        roots = roots[(page - 1) * per_page:]
        hits = self._page_hits(roots, match)
        facets, histogram, interval, over = self._search_facets(total, facet_limit, facet_size, ranked=bool(match))
        return SearchPage(total, groups, page, per_page, hits, facets, histogram, interval, over, bool(match))

    def _page_hits(self, roots: list[str], match: str | None) -> list[SearchResult]:
        if not roots:
            return []
        marks = ", ".join("?" * len(roots))
        members: dict[str, list] = {r: [] for r in roots}
        for r in self.db.execute(
                f"SELECT h.docrow, h.id, h.root, h.score, d.title, d.source, d.published, d.url, d.language, "
                f"d.author, d.duplicate_of, substr(coalesce(nullif(d.lede, ''), d.text), 1, 300) AS opening "
                f"FROM temp.search_hits h JOIN documents d ON d.rowid = h.docrow WHERE h.root IN ({marks}) "
                f"ORDER BY h.docrow", roots):
            members[r["root"]].append(r)
        leads = {}
        for root, rows in members.items():
            # the first stored copy when it matched, else the best-scoring copy
            leads[root] = next((r for r in rows if r["id"] == root), None) or min(rows, key=lambda r: r["score"])
        snippets: dict[int, str] = {}
        if match:
            rows = [leads[r]["docrow"] for r in roots]
            # the title is shown above the snippet: the body's or the lede's passage with the words,
            # else the lede or the body's opening, the title only when there is nothing else
            marks = f"'{self._HIT_START}', '{self._HIT_END}', '…', 24"
            snippets = {}
            for rowid, *cols in self.db.execute(
                    f"SELECT rowid, snippet(documents_fts, 2, {marks}), snippet(documents_fts, 1, {marks}), "
                    f"snippet(documents_fts, -1, {marks}) FROM documents_fts WHERE documents_fts MATCH ? "
                    f"AND rowid IN ({', '.join('?' * len(rows))})", (match, *rows)):
                body, lede, best = (c or "" for c in cols)
                snippets[rowid] = next((c for c in (body, lede) if self._HIT_START in c), None) or lede or body or best
        out = []
        for root in roots:
            lead = leads[root]
            raw = snippets.get(lead["docrow"]) or (lead["opening"] or "")
            text, spans = _marked(raw, self._HIT_START, self._HIT_END)
            copies = [{"id": r["id"], "title": r["title"], "source": r["source"], "published": r["published"]}
                      for r in members[root] if r["id"] != lead["id"]]
            out.append(SearchResult(lead["id"], lead["title"], lead["published"], lead["source"], lead["url"],
                                    lead["language"], lead["author"], " ".join(text.split("\n")), spans,
                                    round(-lead["score"], 4), lead["duplicate_of"], copies))
        return out

    def _search_facets(self, total: int, facet_limit: int, size: int, ranked: bool):
        # sources and languages count every match; actors and event types (one index probe per
        # document) the best ``facet_limit`` matches, so a very common word stays fast
        over = min(total, facet_limit)
        best = (f"(SELECT id FROM temp.search_hits ORDER BY {'score' if ranked else 'published DESC'} "
                f"LIMIT {int(facet_limit)})")
        facets = {
            "source": "SELECT source, count(*) AS n FROM temp.search_hits WHERE source IS NOT NULL GROUP BY source",
            "language": "SELECT language, count(*) AS n FROM temp.search_hits WHERE language IS NOT NULL "
                        "GROUP BY language",
            "actor": f"SELECT m.actor, count(DISTINCT m.doc_id) AS n FROM {best} h JOIN mentions m "
                     f"ON m.doc_id = h.id WHERE m.actor IS NOT NULL GROUP BY m.actor",
            "type": f"SELECT e.type, count(DISTINCT e.doc_id) AS n FROM {best} h JOIN events e "
                    f"ON e.doc_id = h.id WHERE e.negated = 0 GROUP BY e.type",
        }
        out = {name: [(r[0], r[1]) for r in self.db.execute(sql + f" ORDER BY n DESC, 1 LIMIT {int(size)}")]
               for name, sql in facets.items()}
        first, last = self.db.execute("SELECT min(published), max(published) FROM temp.search_hits").fetchone()
        interval = "day"
        if first and last and (datetime.fromisoformat(last[:10]) - datetime.fromisoformat(first[:10])).days > 62:
            interval = "month"
        fmt = self._BUCKETS[interval]
        histogram = [(r[0], r[1]) for r in self.db.execute(
            f"SELECT strftime('{fmt}', published) AS p, count(*) FROM temp.search_hits "
            f"WHERE published IS NOT NULL GROUP BY p ORDER BY p")]
        return out, histogram, interval, over

    # -- API tokens of ``vigie serve`` (only their SHA-256 is stored) -----------------------------

    def add_api_token(self, name: str, token_hash: str) -> int:
        return self.db.execute("INSERT INTO api_tokens (name, hash, created_at) VALUES (?, ?, ?)",
                               (name, token_hash, _now())).lastrowid

    def check_api_token(self, token_hash: str) -> bool:
        row = self.db.execute("SELECT id, last_used FROM api_tokens WHERE hash = ? AND revoked_at IS NULL",
                              (token_hash,)).fetchone()
        if row is None:
            return False
        now = _now()
        if not row["last_used"] or row["last_used"][:16] != now[:16]:  # a write a minute at most, not one a request
            self.db.execute("UPDATE api_tokens SET last_used = ? WHERE id = ?", (now, row["id"]))
        return True

    def list_api_tokens(self) -> list[dict[str, Any]]:
        return [dict(r) for r in self.db.execute(
            "SELECT id, name, created_at, last_used, revoked_at FROM api_tokens ORDER BY id")]

    def revoke_api_token(self, id_or_name: str) -> int:
        column = "id" if id_or_name.isdigit() else "name"
        return self.db.execute(f"UPDATE api_tokens SET revoked_at = ? WHERE {column} = ? AND revoked_at IS NULL",
                               (_now(), id_or_name)).rowcount

    _FACET_COLUMNS = {"language", "source", "author", "extractor"}

    def facets(self, field: str, query: str | None = None, limit: int = 20) -> list[tuple[str, int]]:
        where, params = self._match_clause(query)
        if field in self._FACET_COLUMNS:
            sql = (f"SELECT {field} AS value, count(*) AS n FROM documents d {where} "
                   f"{'AND' if where else 'WHERE'} {field} IS NOT NULL GROUP BY value ORDER BY n DESC, value LIMIT ?")
        elif field.startswith("entity:"):
            params = [field.split(":", 1)[1].upper(), *params]
            sql = (f"SELECT min(e.text) AS value, count(DISTINCT e.doc_id) AS n FROM entities e "
                   f"JOIN documents d ON d.id = e.doc_id WHERE e.label = ? "
                   f"{where.replace('WHERE', 'AND', 1)} GROUP BY e.norm ORDER BY n DESC, value LIMIT ?")
        elif field == "actor" or field.startswith("actor:"):
            kind = field.split(":", 1)[1] if ":" in field else None
            params = ([kind] if kind else []) + params
            sql = (f"SELECT m.actor AS value, count(DISTINCT m.doc_id) AS n FROM mentions m "
                   f"JOIN documents d ON d.id = m.doc_id WHERE m.actor IS NOT NULL "
                   f"{'AND m.actor_type = ?' if kind else ''} {where.replace('WHERE', 'AND', 1)} "
                   f"GROUP BY m.actor ORDER BY n DESC, value LIMIT ?")
        else:
            raise ValueError(f"unknown facet {field!r}: use one of {sorted(self._FACET_COLUMNS)}, entity:LABEL, "
                             "actor or actor:TYPE")
        return [(r["value"], r["n"]) for r in self.db.execute(sql, (*params, limit))]

    _BUCKETS = {"day": "%Y-%m-%d", "month": "%Y-%m", "year": "%Y", "week": "%Y-W%W"}
    _PRECISION = {"day": 10, "week": 10, "month": 7, "year": 4}  # length of a TIMEX3 date of that precision

    def time_series(self, query: str | None = None, interval: Interval = "day") -> list[tuple[str, int]]:
        if interval not in self._BUCKETS:
            raise ValueError(f"unknown interval {interval!r}: use one of {sorted(self._BUCKETS)}")
        where, params = self._match_clause(query)
        sql = (f"SELECT strftime('{self._BUCKETS[interval]}', d.published_utc) AS bucket, count(*) AS n "
               f"FROM documents d {where} {'AND' if where else 'WHERE'} d.published_utc IS NOT NULL "
               f"GROUP BY bucket ORDER BY bucket")
        return [(r["bucket"], r["n"]) for r in self.db.execute(sql, params)]

    def actor_mentions(self, actor: str, *, since: str | None = None, until: str | None = None,
                       limit: int = 50) -> list[ActorMention]:
        rows = self.db.execute(
            """SELECT m.doc_id, d.title AS doc_title, d.published, m.start, m."end", m.text, m.reading, m.code,
                      m.title, m.via, substr(d.text, max(1, m.start - 119), m."end" - m.start + 240) AS around,
                      max(0, m.start - 120) AS around_start
               FROM mentions m JOIN documents d ON d.id = m.doc_id
               WHERE m.actor = ? AND (? IS NULL OR m.published_utc >= ?) AND (? IS NULL OR m.published_utc < ?)
               ORDER BY m.published_utc DESC, m.doc_id, m.start LIMIT ?""",
            (actor, since, since, until, until, limit),
        ).fetchall()
        return [ActorMention(r["doc_id"], r["doc_title"], r["published"], r["start"], r["end"], r["text"],
                             r["reading"], r["code"], r["title"], r["via"],
                             _sentence_around(r["around"], r["start"] - r["around_start"], r["end"] - r["around_start"]))
                for r in rows]

    def quotes(self, *, actor: str | None = None, speaker: str | None = None, query: str | None = None,
               kind: str | None = None, since: str | None = None, until: str | None = None,
               limit: int = 50) -> list[QuoteHit]:
        name = fold(speaker) if speaker else None
        where, params = _conditions([
            ("q.speaker_actor = ?", actor),
            ("(q.speaker_norm = ? OR q.speaker_norm LIKE ? OR q.speaker_norm LIKE ?)",
             (name, f"% {name}", f"{name} %") if name else None),
            ("q.rowid IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?)",
             (fts_query(query) or '""') if query else None),
            ("q.kind = ?", kind), ("q.published_utc >= ?", since), ("q.published_utc < ?", until),
        ])
        sql = ("SELECT q.*, d.title AS doc_title, d.published FROM quotes q JOIN documents d ON d.id = q.doc_id "
               + ("WHERE " + " AND ".join(where) if where else "")
               + " ORDER BY q.published_utc DESC, q.doc_id, q.start LIMIT ?")
        rows = self.db.execute(sql, (*params, limit)).fetchall()
        return [QuoteHit(r["doc_id"], r["doc_title"], r["published"], r["start"], r["end"], r["text"], r["kind"],
                         r["speaker"], r["speaker_type"], r["speaker_actor"], r["cue"], r["date"]) for r in rows]

    def events(self, *, source: str | None = None, target: str | None = None, either: bool = False,
               type: str | None = None, since: str | None = None, until: str | None = None,
               limit: int | None = 100, known_only: bool = False) -> list[dict[str, Any]]:
        both = bool(source and target and either)
        where, params = _conditions([
            ("e.negated = 0", ()),
            ("e.hypothetical = 0 AND (e.source_key IS NOT NULL OR e.target_key IS NOT NULL)", () if known_only else None),
            ("((e.source_key = ? AND e.target_key = ?) OR (e.source_key = ? AND e.target_key = ?))",
             (source, target, target, source) if both else None),
            ("e.source_key = ?", None if both else source), ("e.target_key = ?", None if both else target),
            ("e.type = ?", type.upper() if type else None), ("e.day >= ?", since), ("e.day < ?", until),
        ])
        sql = ("SELECT e.*, d.title AS doc_title, d.url, d.source AS doc_source, d.published, "
               "substr(d.text, e.sentence_start + 1, e.sentence_end - e.sentence_start) AS sentence "
               "FROM events e JOIN documents d ON d.id = e.doc_id WHERE " + " AND ".join(where)
               + " ORDER BY e.day DESC, e.doc_id, e.n" + (" LIMIT ?" if limit else ""))
        rows = self.db.execute(sql, (*params, limit) if limit else params).fetchall()
        return [dict(r) for r in rows]

    def dyad_series(self, a: str, b: str, interval: Interval = "week") -> list[dict[str, Any]]:
        if interval not in self._BUCKETS:
            raise ValueError(f"unknown interval {interval!r}: use one of {sorted(self._BUCKETS)}")
        sql = (f"SELECT strftime('{self._BUCKETS[interval]}', day) AS period, count(*) AS events, "
               f"count(DISTINCT doc_id) AS documents, round(sum(goldstein), 2) AS goldstein, "
               f"sum(quad IN (1, 2)) AS cooperation, sum(quad IN (3, 4)) AS conflict, group_concat(DISTINCT type) AS types "
               f"FROM events WHERE negated = 0 AND hypothetical = 0 AND day IS NOT NULL "
               f"AND (date IS NULL OR length(date) >= {self._PRECISION[interval]}) AND "
               f"((source_key = ? AND target_key = ?) OR (source_key = ? AND target_key = ?)) "
               f"GROUP BY period ORDER BY period")
        return [dict(r) for r in self.db.execute(sql, (a, b, b, a))]

    def actor_series(self, actor: str, interval: Interval = "month") -> list[tuple[str, int, int]]:
        if interval not in self._BUCKETS:
            raise ValueError(f"unknown interval {interval!r}: use one of {sorted(self._BUCKETS)}")
        sql = (f"SELECT strftime('{self._BUCKETS[interval]}', published_utc) AS bucket, count(DISTINCT doc_id) AS docs, "
               f"count(*) AS n FROM mentions WHERE actor = ? AND published_utc IS NOT NULL GROUP BY bucket ORDER BY bucket")
        return [(r["bucket"], r["docs"], r["n"]) for r in self.db.execute(sql, (actor,))]

    def _match_clause(self, query: str | None) -> tuple[str, list[Any]]:
        if not query:
            return "", []
        match = fts_query(query) or '""'
        return "WHERE d.rowid IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?)", [match]

    def stats(self) -> dict[str, Any]:
        one = self.db.execute(
            "SELECT count(*) AS documents, min(published_utc) AS first, max(published_utc) AS last, "
            "count(DISTINCT source) AS sources, count(duplicate_of) AS duplicates FROM documents").fetchone()
        entities = self.db.execute("SELECT count(*) FROM entities").fetchone()[0]
        mentions = self.db.execute("SELECT count(*), count(actor), count(DISTINCT actor) FROM mentions").fetchone()
        quotes = self.db.execute("SELECT count(*) FROM quotes").fetchone()[0]
        events = self.db.execute("SELECT count(*) FROM events").fetchone()[0]
        return {
            "db": str(self.path),
            "schema_version": self.schema_version,
            "documents": one["documents"],
            "near_duplicates": one["duplicates"],
            "entities": entities,
            "mentions": mentions[0],
            "mentions_resolved": mentions[1],
            "actors": mentions[2],
            "quotes": quotes,
            "events": events,
            "sources": one["sources"],
            "published_first": one["first"],
            "published_last": one["last"],
            "languages": dict(self.facets("language", limit=50)),
            "size_bytes": self.path.stat().st_size if self.path.exists() else 0,
        }

    # -- sources ----------------------------------------------------------------

    MAX_BACKOFF_S = 24 * 3600

    def add_source(self, url: str, title: str | None = None, kind: str = "feed") -> tuple[Source, bool]:
        url = url.strip()
        now = _now()
        cur = self.db.execute(
            "INSERT INTO sources (url, title, kind, added_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (url) DO NOTHING", (url, title, kind, now))  # next_try NULL: due at once
        created = cur.rowcount == 1
        return self._source_by("url", url), created

    def list_sources(self) -> list[Source]:
        return [Source(**dict(r)) for r in self.db.execute("SELECT * FROM sources ORDER BY id")]

    def remove_source(self, id_or_url: str) -> bool:
        column = "id" if id_or_url.isdigit() else "url"
        return self.db.execute(f"DELETE FROM sources WHERE {column} = ?", (id_or_url,)).rowcount == 1

    def due_sources(self, now: datetime) -> list[Source]:
        rows = self.db.execute("SELECT * FROM sources WHERE next_try IS NULL OR next_try <= ? ORDER BY id",
                               (now.astimezone(timezone.utc).isoformat(timespec="seconds"),))
        return [Source(**dict(r)) for r in rows]

    def record_fetch(self, source_id: int, now: datetime, *, error: str | None = None, etag: str | None = None,
                     last_modified: str | None = None, interval_s: int = 1800) -> Source:
        now_s = now.astimezone(timezone.utc).isoformat(timespec="seconds")
        if error is None:
            next_try = now + timedelta(seconds=interval_s)
            self.db.execute(
                "UPDATE sources SET last_fetch = ?, last_success = ?, last_error = NULL, consecutive_errors = 0, "
                "next_try = ?, etag = coalesce(?, etag), last_modified = coalesce(?, last_modified) WHERE id = ?",
                (now_s, now_s, _utc(next_try), etag, last_modified, source_id))
        else:
            errors = self.db.execute("SELECT consecutive_errors FROM sources WHERE id = ?",
                                     (source_id,)).fetchone()[0] + 1
            wait = min(interval_s * 2 ** (errors - 1), self.MAX_BACKOFF_S)
            self.db.execute(
                "UPDATE sources SET last_fetch = ?, last_error = ?, consecutive_errors = ?, next_try = ? WHERE id = ?",
                (now_s, error, errors, _utc(now + timedelta(seconds=wait)), source_id))
        return self._source_by("id", source_id)

    def _source_by(self, column: str, value) -> Source:
        return Source(**dict(self.db.execute(f"SELECT * FROM sources WHERE {column} = ?", (value,)).fetchone()))

    def has_url(self, url: str) -> bool:
        curl = canonical_url(url)
        return self.db.execute(
            "SELECT 1 FROM documents WHERE canonical_url = ? UNION ALL SELECT 1 FROM url_aliases WHERE url = ? LIMIT 1",
            (curl, curl)).fetchone() is not None

    def close(self) -> None:
        self.db.close()

    # -- signals (issue 8): what the detectors read, day by day ----------------------

    def articles_by_day(self, since: str, until: str) -> list[tuple[str, str, str, str, str]]:
        """(day, id, source, title, lede) of the articles of the UTC days in [since, until), in day order.
        An article without a publication time counts on the day it was ingested; its source is the
        stored one, else its URL's host. A near-duplicate from the same source as its first copy is
        left out (a feed publishing its own item again is not diffusion)."""
        sql = """SELECT substr(coalesce(d.published_utc, d.ingested_at), 1, 10) AS day, d.id AS id,
                        coalesce(nullif(d.source, ''), d.url, '') AS source, coalesce(d.title, '') AS title,
                        coalesce(d.lede, '') AS lede
                 FROM documents d LEFT JOIN documents o ON o.id = d.duplicate_of
                 WHERE {range} AND (o.id IS NULL OR coalesce(o.source, '') != coalesce(d.source, ''))"""
        rows = self.db.execute(
            sql.format(range="d.published_utc >= ? AND d.published_utc < ?")
            + " UNION ALL " + sql.format(range="d.published_utc IS NULL AND d.ingested_at >= ? AND d.ingested_at < ?")
            + " ORDER BY day, id", (since, until, since, until)).fetchall()
        return [tuple(r) for r in rows]

    def actor_mentions_by_day(self, since: str, until: str) -> list[tuple[str, str, str, str, str | None]]:
        """(day, doc id, source, actor id, actor name): each known actor once per document, for the
        documents published on the UTC days in [since, until), in day order."""
        rows = self.db.execute(
            """SELECT DISTINCT substr(m.published_utc, 1, 10) AS day, m.doc_id,
                      coalesce(nullif(d.source, ''), d.url, '') AS source, m.actor, m.actor_name
               FROM mentions m JOIN documents d ON d.id = m.doc_id
               WHERE m.actor IS NOT NULL AND m.published_utc >= ? AND m.published_utc < ?
               ORDER BY day, m.doc_id, m.actor""", (since, until)).fetchall()
        return [tuple(r) for r in rows]

    def dyad_events_by_day(self, since: str, until: str) -> list[tuple[str, str, str, str, str, str, str | None, str | None]]:
        """(day, doc id, source, source key, target key, type, source name, target name) of the events
        reported on the UTC days in [since, until) (publication day; negated, hypothetical and
        historical events left out), in day order."""
        rows = self.db.execute(
            """SELECT substr(e.published_utc, 1, 10) AS day, e.doc_id, coalesce(nullif(d.source, ''), d.url, '') AS source,
                      e.source_key, e.target_key, e.type, e.source_name, e.target_name
               FROM events e JOIN documents d ON d.id = e.doc_id
               WHERE e.negated = 0 AND e.hypothetical = 0 AND e.historical = 0
                 AND e.source_key IS NOT NULL AND e.target_key IS NOT NULL
                 AND e.published_utc >= ? AND e.published_utc < ?
               ORDER BY day, e.doc_id, e.n""", (since, until)).fetchall()
        return [tuple(r) for r in rows]

    def newest_day(self) -> str | None:
        """The UTC day of the newest stored article (publication, else ingestion), or None when empty."""
        # two index lookups (publication, and ingestion among the undated), not a scan of every row
        published = self.db.execute("SELECT max(published_utc) FROM documents").fetchone()[0]
        undated = self.db.execute("SELECT max(ingested_at) FROM documents WHERE published_utc IS NULL").fetchone()[0]
        days = [v[:10] for v in (published, undated) if v]
        return max(days) if days else None

    # -- stories (issue 8): online clusters of articles ------------------------------

    def story_pending(self, limit: int | None = None) -> list[dict[str, Any]]:
        """The articles not yet in a story, in publication order (ingestion time when unknown): id, day,
        source, title, lede, duplicate_of, and ``features`` (``actor:ID`` of its known actors)."""
        rows = self.db.execute(
            """SELECT d.id, substr(coalesce(d.published_utc, d.ingested_at), 1, 10) AS day,
                      coalesce(nullif(d.source, ''), d.url, '') AS source, coalesce(d.title, '') AS title,
                      coalesce(d.lede, '') AS lede, d.duplicate_of
               FROM documents d LEFT JOIN story_articles sa ON sa.doc_id = d.id
               WHERE sa.doc_id IS NULL
               ORDER BY coalesce(d.published_utc, d.ingested_at), d.rowid""" + (" LIMIT ?" if limit else ""),
            (limit,) if limit else ()).fetchall()
        out = [dict(r) | {"features": []} for r in rows]
        by_id = {r["id"]: r for r in out}
        ids = list(by_id)
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            for doc_id, actor in self.db.execute(
                    f"SELECT DISTINCT doc_id, actor FROM mentions WHERE actor IS NOT NULL AND doc_id IN "
                    f"({','.join('?' * len(chunk))}) ORDER BY doc_id, actor", chunk):
                by_id[doc_id]["features"].append(f"actor:{actor}")
        return out

    def story_state(self) -> tuple[dict[str, Any], dict[str, int]]:
        """The clusterer's saved state (live stories, counters) and its document frequencies."""
        row = self.db.execute("SELECT value FROM story_state WHERE key = 'clusterer'").fetchone()
        df = {r[0]: r[1] for r in self.db.execute("SELECT term, df FROM story_df")}
        return (json.loads(row[0]) if row else {}), df

    def save_stories(self, assigned: list[tuple[str, str, str]], stories: list[Story],
                     merges: list[tuple[str, str]], state: dict[str, Any], df: dict[str, int],
                     threads: list[Thread] = (), thread_merges: list[tuple[str, str]] = ()) -> None:
        """One clustering run in one transaction: (doc id, story id, day) assignments, the stories they
        touched (size and sources are recounted here), merges (gone → kept: the gone story's articles
        move, its row stays as an alias), the clusterer's state and its changed frequencies; then the
        threads the stories touched and thread merges (a gone thread's stories move; sizes recounted)."""
        self.db.execute("BEGIN IMMEDIATE")
        try:
            self.db.executemany("INSERT OR REPLACE INTO story_articles (doc_id, story_id, day) VALUES (?, ?, ?)",
                                assigned)
            self.db.executemany(
                "INSERT INTO stories (id, first_day, last_day, size, sources, label) VALUES (?, ?, ?, 0, 0, ?) "
                "ON CONFLICT (id) DO UPDATE SET first_day = min(first_day, excluded.first_day), "
                "last_day = max(last_day, excluded.last_day), label = excluded.label",
                [(st.id, st.first_day, st.last_day, st.label) for st in stories])
            self.db.executemany("INSERT OR REPLACE INTO story_threads (story_id, thread_id) VALUES (?, ?)",
                                [(st.id, st.thread) for st in stories if st.thread])
            for gone, kept in merges:
                self.db.execute("UPDATE story_articles SET story_id = ? WHERE story_id = ?", (kept, gone))
                self.db.execute("UPDATE stories SET merged_into = ? WHERE id = ? OR merged_into = ?", (kept, gone, gone))
            touched = {st.id for st in stories} | {k for _, k in merges}
            self.db.executemany(
                """UPDATE stories SET size = (SELECT count(*) FROM story_articles WHERE story_id = stories.id),
                          sources = (SELECT count(DISTINCT coalesce(nullif(d.source, ''), d.url, ''))
                                     FROM story_articles sa JOIN documents d ON d.id = sa.doc_id
                                     WHERE sa.story_id = stories.id),
                          first_day = coalesce((SELECT min(day) FROM story_articles WHERE story_id = stories.id),
                                               first_day),
                          last_day = coalesce((SELECT max(day) FROM story_articles WHERE story_id = stories.id),
                                              last_day)
                   WHERE id = ?""", [(sid,) for sid in sorted(touched)])
            self._save_threads(threads, thread_merges)
            self.db.execute("INSERT OR REPLACE INTO story_state (key, value) VALUES ('clusterer', ?)",
                            (json.dumps(state, ensure_ascii=False),))
            self.db.executemany("INSERT OR REPLACE INTO story_df (term, df) VALUES (?, ?)", df.items())
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise

    def _save_threads(self, threads: list[Thread], merges: list[tuple[str, str]]) -> None:
        """Inside save_stories' transaction: thread rows, merges, and the touched threads recounted
        from their (unmerged) stories."""
        self.db.executemany(
            "INSERT INTO threads (id, first_day, last_day, size, stories, label) VALUES (?, ?, ?, 0, 0, ?) "
            "ON CONFLICT (id) DO UPDATE SET label = excluded.label",
            [(t.id, t.first_day, t.last_day, t.label) for t in threads])
        for gone, kept in merges:
            self.db.execute("UPDATE story_threads SET thread_id = ? WHERE thread_id = ?", (kept, gone))
            self.db.execute("UPDATE threads SET merged_into = ? WHERE id = ? OR merged_into = ?", (kept, gone, gone))
        touched = {t.id for t in threads} | {k for _, k in merges}
        live = "FROM story_threads st JOIN stories s ON s.id = st.story_id WHERE st.thread_id = ? AND s.merged_into IS NULL"
        for tid in sorted(touched):
            size, n, first, last = self.db.execute(
                f"SELECT coalesce(sum(s.size), 0), count(*), min(s.first_day), max(s.last_day) {live}", (tid,)).fetchone()
            self.db.execute("UPDATE threads SET size = ?, stories = ?, first_day = coalesce(?, first_day), "
                            "last_day = coalesce(?, last_day) WHERE id = ?", (size, n, first, last, tid))

    def stories(self, *, since: str | None = None, until: str | None = None, min_size: int = 1,
                min_sources: int = 1, limit: int | None = 20) -> list[Story]:
        """Stories (merged ones left out) with an article on a day in [since, until), the largest
        first (then the latest)."""
        where, params = _conditions([
            ("merged_into IS NULL", ()), ("last_day >= ?", since), ("first_day < ?", until),
            ("size >= ?", min_size), ("sources >= ?", min_sources),
        ])
        sql = (f"SELECT {_STORY_COLUMNS} FROM stories WHERE "
               + " AND ".join(where) + " ORDER BY size DESC, last_day DESC, id" + (" LIMIT ?" if limit else ""))
        return [Story(**dict(r)) for r in self.db.execute(sql, (*params, limit) if limit else params)]

    def story(self, story_id: str) -> dict[str, Any] | None:
        """One story by id (a merged story's id leads to the story that took it in): its record, its
        articles over time, its sources, actors and event types."""
        story_id = story_id.strip()
        row = None
        for _ in range(64):  # follows merges; a chain is short, the bound guards against a cycle
            row = self.db.execute(f"SELECT {_STORY_COLUMNS} FROM stories WHERE id = ?", (story_id,)).fetchone()
            if row is None or not row["merged_into"]:
                break
            story_id = row["merged_into"]
        if row is None:
            return None
        st = Story(**dict(row))
        articles = [dict(r) for r in self.db.execute(
            """SELECT sa.day, d.id, d.title, coalesce(nullif(d.source, ''), d.url, '') AS source, d.url, d.language,
                      d.duplicate_of FROM story_articles sa JOIN documents d ON d.id = sa.doc_id
               WHERE sa.story_id = ? ORDER BY sa.day, d.published_utc, d.rowid""", (st.id,))]
        days = [tuple(r) for r in self.db.execute(
            "SELECT day, count(*) FROM story_articles WHERE story_id = ? GROUP BY day ORDER BY day", (st.id,))]
        sources = [tuple(r) for r in self.db.execute(
            """SELECT coalesce(nullif(d.source, ''), d.url, '') AS source, count(*) AS n
               FROM story_articles sa JOIN documents d ON d.id = sa.doc_id WHERE sa.story_id = ?
               GROUP BY source ORDER BY n DESC, source""", (st.id,))]
        actors = [dict(r) for r in self.db.execute(
            """SELECT m.actor, min(m.actor_name) AS name, count(DISTINCT m.doc_id) AS articles
               FROM story_articles sa JOIN mentions m ON m.doc_id = sa.doc_id
               WHERE sa.story_id = ? AND m.actor IS NOT NULL GROUP BY m.actor ORDER BY articles DESC, m.actor
               LIMIT 20""", (st.id,))]
        events = [dict(r) for r in self.db.execute(
            """SELECT e.type, e.source_key, e.target_key, count(*) AS events, count(DISTINCT e.doc_id) AS articles
               FROM story_articles sa JOIN events e ON e.doc_id = sa.doc_id
               WHERE sa.story_id = ? AND e.negated = 0 GROUP BY e.type, e.source_key, e.target_key
               ORDER BY events DESC, e.type LIMIT 20""", (st.id,))]
        aliases = [r[0] for r in self.db.execute("SELECT id FROM stories WHERE merged_into = ? ORDER BY id", (st.id,))]
        thread = self.db.execute("SELECT id, first_day, last_day, size, stories, label FROM threads WHERE id = ?",
                                 (st.thread,)).fetchone() if st.thread else None
        return {**st.to_json(), "aliases": aliases, "thread_info": dict(thread) if thread else None,
                "articles": articles,
                "days": [{"day": d, "articles": n} for d, n in days],
                "by_source": [{"source": s, "articles": n} for s, n in sources],
                "actors": actors, "events": events}


def _conditions(filters: list[tuple[str, Any]]) -> tuple[list[str], list[Any]]:
    """SQL conditions and their parameters from (condition, value) pairs: a None value leaves its
    condition out; a tuple gives one parameter per placeholder."""
    where: list[str] = []
    params: list[Any] = []
    for condition, value in filters:
        if value is None or value == "":
            continue
        where.append(condition)
        params.extend(value if isinstance(value, tuple) else (value,))
    return where, params


def _marked(text: str, start: str, end: str) -> tuple[str, list[tuple[int, int]]]:
    """A snippet with marks around its matched words → the plain text and the marked spans."""
    out: list[str] = []
    spans: list[tuple[int, int]] = []
    length, opened = 0, None
    for piece in re.split(f"({start}|{end})", text):
        if piece == start:
            opened = length
        elif piece == end:
            if opened is not None and length > opened:
                spans.append((opened, length))
            opened = None
        else:
            out.append(piece)
            length += len(piece)
    return "".join(out), spans


def _event_row(doc_id: str, n: int, e, published_utc: str | None, published) -> tuple:
    def arg(a) -> list:
        return [a.actor, a.name, a.country, a.igo, a.sector] if a is not None else [None] * 5

    def key(a) -> str | None:
        return (a.igo or a.country or a.actor) if a is not None else None

    # ``day``: the first day of the event's date, whatever its precision (2014 → 2014-01-01); the
    # precision stays readable in ``date`` and series only count events at least as precise as asked
    day = None
    if e.date and re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", e.date):
        day = (e.date + "-01-01")[:10] if len(e.date) == 4 else (e.date + "-01")[:10]
    elif published is not None and not e.historical:
        day = published.date().isoformat()
    return (doc_id, n, e.type, e.mode, e.cameo, e.quad, e.goldstein, *arg(e.source), *arg(e.target),
            key(e.source), key(e.target), e.date, day, e.location, int(e.negated), int(e.hypothetical),
            int(e.historical), e.sentence_start, e.sentence_end, e.trigger_start, e.trigger_end, e.trigger,
            len(e.mentions), published_utc)


def _sentence_around(text: str, start: int, end: int) -> dict[str, Any]:
    """The mention in its sentence (cut at the nearest sentence ends within the window)."""
    left = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start))
    left = left + 1 if left >= 0 else 0
    ends = [i for i in (text.find(". ", end), text.find("\n", end)) if i >= 0]
    right = min(ends) + 1 if ends else len(text)
    sentence = text[left:right].strip()
    shift = len(text[left:right]) - len(text[left:right].lstrip())
    return {"text": sentence, "start": start - left - shift, "end": end - left - shift}


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _utc(value: datetime) -> str:
    return value.astimezone(timezone.utc).isoformat(timespec="seconds")


def _split_sql(script: str) -> list[str]:
    """Split a migration into statements (our migrations put no ';' inside literals)."""
    lines = [line for line in script.splitlines() if not line.strip().startswith("--")]
    return [s.strip() for s in "\n".join(lines).split(";") if s.strip()]
