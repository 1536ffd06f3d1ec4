"""Watchlists, alert rules, alerts, deliveries and briefings in the SQLite store.

A mixin of ``SQLiteStore`` (it uses ``self.db``), kept apart because these tables are the
scheduler's state, not the news: an alert is recorded once per (rule, key) and its deliveries
form an outbox, so a restart never sends anything twice.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime, timezone
from typing import Any

from vigie.model import Alert, AlertRule, Watchlist


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class WatchTables:
    db: sqlite3.Connection

    # -- watchlists -------------------------------------------------------------

    def add_watchlist(self, name: str, *, query: str | None = None, actors: list[str] | None = None,
                      dyads: list[tuple[str, str]] | None = None, webhook: str | None = None,
                      email: str | None = None) -> Watchlist:
        if not name.strip():
            raise ValueError("a watchlist needs a name")
        if not (query or actors or dyads):
            raise ValueError(f"watchlist {name!r}: give a query, actors or dyads to follow")
        if query:
            from vigie.query import parse

            parse(query)  # a query that cannot run is refused now, not at every evaluation
        try:
            cur = self.db.execute(
                "INSERT INTO watchlists (name, query, actors, dyads, webhook, email, created_at) VALUES (?,?,?,?,?,?,?)",
                (name, query, json.dumps(actors or []), json.dumps([list(d) for d in dyads or []]), webhook, email,
                 _now()))
        except sqlite3.IntegrityError:
            raise ValueError(f"a watchlist named {name!r} exists already") from None
        return self.watchlist(cur.lastrowid)

    def watchlists(self) -> list[Watchlist]:
        return [_watchlist(r) for r in self.db.execute("SELECT * FROM watchlists ORDER BY name")]

    def watchlist(self, name_or_id: str | int) -> Watchlist:
        column = "id" if isinstance(name_or_id, int) or str(name_or_id).isdigit() else "name"
        row = self.db.execute(f"SELECT * FROM watchlists WHERE {column} = ?", (name_or_id,)).fetchone()
        if row is None:
            raise KeyError(f"no watchlist {name_or_id!r}")
        return _watchlist(row)

    def remove_watchlist(self, name_or_id: str | int) -> bool:
        try:
            w = self.watchlist(name_or_id)
        except KeyError:
            return False
        self.db.execute("DELETE FROM watchlists WHERE id = ?", (w.id,))
        return True

    # -- rules ------------------------------------------------------------------

    def add_rule(self, watchlist_id: int, kind: str, params: dict[str, Any] | None = None) -> AlertRule:
        cur = self.db.execute("INSERT INTO alert_rules (watchlist_id, kind, params, created_at) VALUES (?,?,?,?)",
                              (watchlist_id, kind, json.dumps(params or {}, sort_keys=True), _now()))
        return self.rule(cur.lastrowid)

    def rules(self, watchlist_id: int | None = None) -> list[AlertRule]:
        sql = "SELECT * FROM alert_rules" + (" WHERE watchlist_id = ?" if watchlist_id else "") + " ORDER BY id"
        return [_rule(r) for r in self.db.execute(sql, (watchlist_id,) if watchlist_id else ())]

    def rule(self, rule_id: int) -> AlertRule:
        row = self.db.execute("SELECT * FROM alert_rules WHERE id = ?", (rule_id,)).fetchone()
        if row is None:
            raise KeyError(f"no alert rule {rule_id}")
        return _rule(row)

    def set_rule_run(self, rule_id: int, clock: str) -> None:
        self.db.execute("UPDATE alert_rules SET last_run = ? WHERE id = ?", (clock, rule_id))

    # -- alerts and their deliveries ---------------------------------------------

    def record_alert(self, alert: Alert, deliveries: list[tuple[str, str, str]]) -> int | None:
        """Store an alert and its (channel, target, not-before) deliveries in one transaction.
        Returns its id, or None when the rule already alerted about this key."""
        return self._insert_once(
            "INSERT INTO alerts (rule_id, key, fired_at, day, title, why, score, held) VALUES (?,?,?,?,?,?,?,?)",
            (alert.rule_id, alert.key, alert.fired_at, alert.day, alert.title,
             json.dumps(alert.why, ensure_ascii=False, default=str), alert.score, alert.held), "alert_id", deliveries)

    def alerted(self, rule_id: int, key: str) -> bool:
        return self.db.execute("SELECT 1 FROM alerts WHERE rule_id = ? AND key = ?", (rule_id, key)).fetchone() is not None

    def last_alert_at(self, rule_id: int) -> str | None:
        row = self.db.execute("SELECT max(fired_at) FROM alerts WHERE rule_id = ? AND held IS NULL", (rule_id,)).fetchone()
        return row[0]

    def alerts_on(self, day: str, watchlist_id: int | None = None) -> int:
        """How many alerts were sent (not held) on ``day``, for one watchlist or all."""
        sql = "SELECT count(*) FROM alerts a JOIN alert_rules r ON r.id = a.rule_id WHERE a.day = ? AND a.held IS NULL"
        params: tuple = (day,)
        if watchlist_id:
            sql += " AND r.watchlist_id = ?"
            params = (day, watchlist_id)
        return self.db.execute(sql, params).fetchone()[0]

    def alerts(self, *, since: str | None = None, until: str | None = None, watchlist_id: int | None = None,
               rule_id: int | None = None, limit: int = 100) -> list[Alert]:
        where, params = ["1"], []
        for clause, value in (("a.day >= ?", since), ("a.day < ?", until), ("r.watchlist_id = ?", watchlist_id),
                              ("a.rule_id = ?", rule_id)):
            if value is not None:
                where.append(clause)
                params.append(value)
        rows = self.db.execute(
            "SELECT a.* FROM alerts a JOIN alert_rules r ON r.id = a.rule_id WHERE " + " AND ".join(where)
            + " ORDER BY a.fired_at DESC, a.id DESC LIMIT ?", (*params, limit))
        return [_alert(r) for r in rows]

    def alert(self, alert_id: int) -> Alert:
        row = self.db.execute("SELECT * FROM alerts WHERE id = ?", (alert_id,)).fetchone()
        if row is None:
            raise KeyError(f"no alert {alert_id}")
        return _alert(row)

    def due_deliveries(self, now: str, limit: int = 100) -> list[dict[str, Any]]:
        return [dict(r) for r in self.db.execute(
            "SELECT * FROM deliveries WHERE status = 'pending' AND next_try <= ? ORDER BY next_try, id LIMIT ?",
            (now, limit))]

    def mark_delivery(self, delivery_id: int, *, status: str, attempts: int, next_try: str | None = None,
                      error: str | None = None, sent_at: str | None = None) -> None:
        self.db.execute(
            "UPDATE deliveries SET status = ?, attempts = ?, next_try = coalesce(?, next_try), last_error = ?, "
            "sent_at = ? WHERE id = ?", (status, attempts, next_try, error, sent_at, delivery_id))

    def deliveries(self, *, alert_id: int | None = None, brief_id: int | None = None) -> list[dict[str, Any]]:
        return [dict(r) for r in self.db.execute(
            "SELECT * FROM deliveries WHERE (? IS NULL OR alert_id = ?) AND (? IS NULL OR brief_id = ?) ORDER BY id",
            (alert_id, alert_id, brief_id, brief_id))]

    # -- briefings ---------------------------------------------------------------

    def save_brief(self, day: str, watchlist_id: int | None, markdown: str, html: str, data: dict[str, Any],
                   deliveries: list[tuple[str, str, str]] = ()) -> int | None:
        """Keep a briefing once per (day, watchlist) with its deliveries; None if it exists already."""
        return self._insert_once(
            "INSERT INTO briefs (day, watchlist_id, created_at, markdown, html, data) VALUES (?,?,?,?,?,?)",
            (day, watchlist_id, _now(), markdown, html, json.dumps(data, ensure_ascii=False, default=str)),
            "brief_id", deliveries)

    def _insert_once(self, sql: str, params: tuple, owner: str, deliveries) -> int | None:
        """Insert a row unique on its key and its deliveries in one transaction; None when the
        row exists already (nothing is written then)."""
        self.db.execute("BEGIN IMMEDIATE")
        try:
            try:
                cur = self.db.execute(sql, params)
            except sqlite3.IntegrityError:
                self.db.execute("ROLLBACK")
                return None
            for channel, target, when in deliveries:
                self.db.execute(f"INSERT INTO deliveries ({owner}, channel, target, next_try) VALUES (?,?,?,?)",
                                (cur.lastrowid, channel, target, when))
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        return cur.lastrowid

    def briefs(self, limit: int = 60) -> list[dict[str, Any]]:
        return [dict(r) for r in self.db.execute(
            "SELECT b.id, b.day, b.watchlist_id, w.name AS watchlist, b.created_at FROM briefs b "
            "LEFT JOIN watchlists w ON w.id = b.watchlist_id ORDER BY b.day DESC, b.id DESC LIMIT ?", (limit,))]

    def brief(self, brief_id: int) -> dict[str, Any]:
        row = self.db.execute("SELECT * FROM briefs WHERE id = ?", (brief_id,)).fetchone()
        if row is None:
            raise KeyError(f"no briefing {brief_id}")
        out = dict(row)
        out["data"] = json.loads(out["data"])
        return out

    def brief_for(self, day: str, watchlist_id: int | None = None) -> dict[str, Any] | None:
        row = self.db.execute("SELECT id FROM briefs WHERE day = ? AND coalesce(watchlist_id, 0) = ?",
                              (day, watchlist_id or 0)).fetchone()
        return self.brief(row[0]) if row else None

    # -- what the rules read -------------------------------------------------------

    def matching_documents(self, query: str | None, since: str, until: str, *,
                           limit: int = 200) -> list[dict[str, Any]]:
        """Documents matching ``query`` (all if None) published in [since, until), oldest first,
        with what an alert needs to name them."""
        where, params = self._watch_match(query)
        rows = self.db.execute(
            f"SELECT d.id, d.title, d.url, d.source, d.published, d.published_utc, d.duplicate_of FROM documents d "
            f"WHERE d.published_utc >= ? AND d.published_utc < ? {where} ORDER BY d.published_utc, d.id LIMIT ?",
            (since, until, *params, limit))
        return [dict(r) for r in rows]

    def daily_counts(self, query: str | None, since: str, until: str, *, source: str | None = None) -> dict[str, int]:
        """Documents per UTC day in [since, until) that match ``query`` (and come from ``source``)."""
        where, params = self._watch_match(query, source)
        rows = self.db.execute(
            f"SELECT substr(d.published_utc, 1, 10) AS day, count(*) AS n FROM documents d "
            f"WHERE d.published_utc >= ? AND d.published_utc < ? {where} GROUP BY day", (since, until, *params))
        return {r["day"]: r["n"] for r in rows}

    def last_published(self, query: str | None, before: str, *, source: str | None = None) -> str | None:
        where, params = self._watch_match(query, source)
        row = self.db.execute(f"SELECT max(d.published_utc) FROM documents d WHERE d.published_utc < ? {where}",
                              (before, *params)).fetchone()
        return row[0]

    def actor_pairs(self, since: str, until: str, actors: list[str]) -> list[dict[str, Any]]:
        """Pairs of actors named in one document published in [since, until) where at least one is
        in ``actors``; with the documents and the first time the pair was ever seen together."""
        if not actors:
            return []
        marks = ",".join("?" * len(actors))
        rows = self.db.execute(
            f"""WITH docs AS (SELECT DISTINCT doc_id, actor, published_utc FROM mentions
                              WHERE actor IS NOT NULL AND published_utc >= ? AND published_utc < ?),
                     pairs AS (SELECT a.actor AS a, b.actor AS b, a.doc_id, a.published_utc FROM docs a
                               JOIN docs b ON a.doc_id = b.doc_id AND a.actor < b.actor
                               WHERE a.actor IN ({marks}) OR b.actor IN ({marks}))
                SELECT a, b, group_concat(doc_id) AS docs, min(published_utc) AS first_in_window,
                       (SELECT min(m1.published_utc) FROM mentions m1 JOIN mentions m2
                          ON m1.doc_id = m2.doc_id AND m2.actor = pairs.b
                        WHERE m1.actor = pairs.a AND m1.published_utc < ?) AS seen_before
                FROM pairs GROUP BY a, b ORDER BY first_in_window""",
            (since, until, *actors, *actors, since))
        return [dict(r) | {"docs": r["docs"].split(",")} for r in rows]

    def dyad_types(self, since: str, until: str, keys: list[str]) -> list[dict[str, Any]]:
        """Event types between two actors in [since, until) where one side is in ``keys``, with whether
        that type was seen for the dyad (either direction) before ``since``."""
        if not keys:
            return []
        marks = ",".join("?" * len(keys))
        rows = self.db.execute(
            f"""SELECT e.source_key AS a, e.target_key AS b, e.type, group_concat(e.doc_id) AS docs,
                       min(e.published_utc) AS first_in_window,
                       (SELECT count(*) FROM events p WHERE p.type = e.type AND p.negated = 0 AND p.published_utc < ?
                          AND ((p.source_key = e.source_key AND p.target_key = e.target_key)
                            OR (p.source_key = e.target_key AND p.target_key = e.source_key))) AS before
                FROM events e
                WHERE e.negated = 0 AND e.hypothetical = 0 AND e.source_key IS NOT NULL AND e.target_key IS NOT NULL
                  AND e.source_key != e.target_key AND e.published_utc >= ? AND e.published_utc < ?
                  AND (e.source_key IN ({marks}) OR e.target_key IN ({marks}))
                GROUP BY e.source_key, e.target_key, e.type ORDER BY first_in_window""",
            (since, since, until, *keys, *keys))
        return [dict(r) | {"docs": r["docs"].split(",")} for r in rows]

    def story_keys(self, doc_ids: list[str]) -> dict[str, str]:
        """What makes two documents 'the same story' for alerting: the story id when stories are
        clustered, else the first copy of a near-duplicate group, else the document itself."""
        if not doc_ids:
            return {}
        marks = ",".join("?" * len(doc_ids))
        out = {r[0]: f"dup:{r[1]}" for r in self.db.execute(
            f"SELECT id, coalesce(duplicate_of, id) FROM documents WHERE id IN ({marks})", doc_ids)}
        has_stories = self.db.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'story_articles'").fetchone()
        if has_stories:
            for r in self.db.execute(
                    f"SELECT sa.doc_id, coalesce(s.merged_into, sa.story_id) FROM story_articles sa "
                    f"LEFT JOIN stories s ON s.id = sa.story_id WHERE sa.doc_id IN ({marks})", doc_ids):
                out[r[0]] = f"story:{r[1]}"  # a story merged into another speaks for it
        return out

    def _watch_match(self, query: str | None, source: str | None = None) -> tuple[str, list[Any]]:
        """A saved query in the search syntax (``vigie.query``), and a source, as a condition on
        ``documents d``."""
        where, params = "", []
        if query:
            from vigie.query import parse
            from vigie.store.search import plan

            match, condition, extra = plan(parse(query))
            if match:
                where, params = ("AND d.rowid IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?) "
                                 f"AND {condition}"), [match, *extra]
            else:
                where, params = f"AND {condition}", list(extra)
        if source:
            where, params = f"{where} AND d.source = ?", [*params, source]
        return where, params


def _watchlist(r: sqlite3.Row) -> Watchlist:
    return Watchlist(r["id"], r["name"], r["query"], json.loads(r["actors"]), [tuple(d) for d in json.loads(r["dyads"])],
                     r["webhook"], r["email"], r["created_at"])


def _rule(r: sqlite3.Row) -> AlertRule:
    return AlertRule(r["id"], r["watchlist_id"], r["kind"], json.loads(r["params"]), r["created_at"], r["last_run"])


def _alert(r: sqlite3.Row) -> Alert:
    return Alert(r["rule_id"], r["key"], r["fired_at"], r["day"], r["title"], json.loads(r["why"]), r["score"],
                 r["held"], r["id"])
