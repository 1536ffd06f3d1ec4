"""Alert rules: decide, at a given clock, what a watchlist should be told — once, with the reason.

One evaluator per rule kind reads the store up to the clock (never after it) and proposes alerts,
each about a *key* (a story, a day of a spike, a pair of actors, a dyad's event type, a silence).
A key is alerted once per rule, so a growing story or a week-long spike is one alert. On top of
that: a cooldown per rule, quiet hours that delay delivery (never drop it), and a daily budget per
watchlist past which alerts are kept in the store but not sent.

The same code runs live (``run_rules``, state in the store) and as a dry run (``dry_run``, state
in memory, the clock stepping day by day over past data), so a preview shows what would have fired.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from typing import Any, Callable, Protocol
from zoneinfo import ZoneInfo

from vigie.model import Alert, AlertRule, Watchlist

KINDS = ("match", "spike", "cooccurrence", "dyad_type", "silence")

# Settings each kind understands, with their defaults; anything else in params is refused.
DEFAULTS: dict[str, dict[str, Any]] = {
    "match": {"lookback_hours": 48, "cooldown_hours": 0, "max_items": 20},
    "spike": {"window": 28, "sensitivity": 3.0, "min_count": 3, "min_ratio": 2.0, "cooldown_hours": 24},
    "cooccurrence": {"lookback_hours": 48, "min_docs": 2, "cooldown_hours": 0},
    "dyad_type": {"lookback_hours": 48, "min_docs": 1, "cooldown_hours": 0},
    "silence": {"window": 14, "hours": 24, "min_daily": 5.0, "ratio": 0.1, "source": None, "cooldown_hours": 24},
}
COMMON = {"quiet_hours": None, "tz": "UTC", "budget": 10}


def rule_params(kind: str, params: dict[str, Any] | None = None) -> dict[str, Any]:
    """Defaults filled in and values checked; a clear ValueError otherwise."""
    if kind not in DEFAULTS:
        raise ValueError(f"unknown rule kind {kind!r}: use one of {', '.join(KINDS)}")
    allowed = {**DEFAULTS[kind], **COMMON}
    out = dict(allowed)
    for key, value in (params or {}).items():
        if key not in allowed:
            raise ValueError(f"rule {kind!r} has no setting {key!r} (settings: {', '.join(sorted(allowed))})")
        default = allowed[key]
        if isinstance(default, (int, float)) and not isinstance(default, bool) and value is not None:
            try:
                value = type(default)(value)
            except (TypeError, ValueError):
                raise ValueError(f"rule {kind!r}: {key} must be a number, not {value!r}") from None
            if value < 0:
                raise ValueError(f"rule {kind!r}: {key} must not be negative")
        out[key] = value
    if out["quiet_hours"]:
        quiet_window(out["quiet_hours"])
    ZoneInfo(out["tz"])  # raises on an unknown zone
    return out


def quiet_window(spec: str) -> tuple[int, int]:
    """``"22-7"`` → (22, 7): no delivery from 22:00 to 07:00 local time."""
    try:
        start, end = (int(x) for x in str(spec).split("-"))
    except ValueError:
        raise ValueError(f"quiet hours {spec!r}: write them as START-END hours, e.g. 22-7") from None
    if not (0 <= start < 24 and 0 <= end < 24) or start == end:
        raise ValueError(f"quiet hours {spec!r}: hours go from 0 to 23 and must differ")
    return start, end


def not_before(now: datetime, params: dict[str, Any]) -> datetime:
    """When a delivery may go: now, or the end of the quiet hours if now falls inside them."""
    if not params.get("quiet_hours"):
        return now
    start, end = quiet_window(params["quiet_hours"])
    tz = ZoneInfo(params.get("tz") or "UTC")
    local = now.astimezone(tz)
    inside = (start <= local.hour or local.hour < end) if start > end else (start <= local.hour < end)
    if not inside:
        return now
    end_day = local.date() + timedelta(days=1) if start > end and local.hour >= start else local.date()
    return datetime.combine(end_day, time(end), tz).astimezone(timezone.utc)


def watch_query(watch: Watchlist) -> str | None:
    """What a watchlist's text rules (match, spike, silence) read: its saved query, else the
    documents that name one of its actors (``actor:ID OR …``)."""
    if watch.query:
        return watch.query
    actors = list(dict.fromkeys([*watch.actors, *(a for d in watch.dyads for a in d)]))
    return " OR ".join(f'actor:"{a}"' for a in actors) or None


# -- state: what the rule already did -----------------------------------------------------------

class RuleState(Protocol):
    def alerted(self, key: str) -> bool: ...
    def last_alert_at(self) -> str | None: ...
    def sent_on(self, day: str) -> int: ...


@dataclass(slots=True)
class StoreState:
    store: Any
    rule: AlertRule

    def alerted(self, key: str) -> bool:
        return self.store.alerted(self.rule.id, key)

    def last_alert_at(self) -> str | None:
        return self.store.last_alert_at(self.rule.id)

    def sent_on(self, day: str) -> int:
        return self.store.alerts_on(day, self.rule.watchlist_id)


@dataclass(slots=True)
class MemoryState:
    """A dry run's state: nothing is written to the store."""

    alerts: list[Alert] = field(default_factory=list)

    def alerted(self, key: str) -> bool:
        return any(a.key == key for a in self.alerts)

    def last_alert_at(self) -> str | None:
        sent = [a.fired_at for a in self.alerts if a.held is None]
        return max(sent) if sent else None

    def sent_on(self, day: str) -> int:
        return sum(1 for a in self.alerts if a.day == day and a.held is None)


# -- evaluation ------------------------------------------------------------------------------------

def evaluate(store: Any, watch: Watchlist, rule: AlertRule, now: datetime, state: RuleState, *,
             not_before_created: datetime | None = None) -> list[Alert]:
    """The alerts ``rule`` fires at ``now`` (UTC), best first, with the budget applied (over-budget
    alerts come back with ``held="budget"``). Nothing is written."""
    params = rule_params(rule.kind, rule.params)
    last = state.last_alert_at()
    if last and params["cooldown_hours"] and now - _parse(last) < timedelta(hours=params["cooldown_hours"]):
        return []
    since = now - timedelta(hours=params.get("lookback_hours", 24))
    if not_before_created and since < not_before_created:
        since = not_before_created
    found = _EVALUATORS[rule.kind](store, watch, params, since, now)
    fresh = [a for a in found if not state.alerted(a.key)]
    fresh.sort(key=lambda a: -a.score)
    day = (now - timedelta(microseconds=1)).date().isoformat()  # a clock at midnight closes the day before
    room = max(0, params["budget"] - state.sent_on(day))
    out = []
    for i, f in enumerate(fresh):
        out.append(Alert(rule.id, f.key, _iso(now), day, f.title, {"rule": rule.kind, "watchlist": watch.name, **f.why},
                         round(f.score, 3), None if i < room else "budget"))
    return out


@dataclass(frozen=True, slots=True)
class _Found:
    title: str
    key: str
    why: dict[str, Any]
    score: float


def _match(store, watch: Watchlist, p: dict[str, Any], since: datetime, now: datetime) -> list[_Found]:
    query = watch_query(watch)
    if not query:
        return []
    docs = store.matching_documents(query, _iso(since), _iso(now), limit=1000)
    keys = store.story_keys([d["id"] for d in docs])
    groups: dict[str, list[dict[str, Any]]] = {}
    for d in docs:
        groups.setdefault(keys.get(d["id"], d["id"]), []).append(d)
    out = []
    for key, items in groups.items():
        first = items[0]
        sources = sorted({d["source"] for d in items if d["source"]})
        out.append(_Found(
            f"{watch.name} — {first['title'] or first['id']}", key,
            {"query": query, "observed": len(items), "sources": sources, "first_seen": first["published_utc"],
             "items": [_item(d) for d in items[: p["max_items"]]]},
            len(items) + len(sources)))
    return out


def _spike(store, watch: Watchlist, p: dict[str, Any], since: datetime, now: datetime) -> list[_Found]:
    query = watch_query(watch)
    if not query:
        return []
    today = (now - timedelta(microseconds=1)).date()
    start = today - timedelta(days=int(p["window"]))
    until = _iso(now)
    matched = store.daily_counts(query, start.isoformat(), until)
    totals = store.daily_counts(None, start.isoformat(), until)
    key_today = today.isoformat()
    observed, volume = matched.get(key_today, 0), totals.get(key_today, 0)
    if observed < p["min_count"] or not volume:
        return []
    # Shares of the day's volume, so that a busier news day is not a spike; days with no data are skipped.
    base_days = [d for d in _days(start, today) if totals.get(d.isoformat())]
    if len(base_days) < 7:
        return []
    shares = [matched.get(d.isoformat(), 0) / totals[d.isoformat()] for d in base_days]
    median = statistics.median(shares)
    mad = statistics.median(abs(s - median) for s in shares)
    floor = 1 / statistics.mean(totals[d.isoformat()] for d in base_days)  # one article on a mean day
    share = observed / volume
    z = (share - median) / max(1.4826 * mad, floor)
    expected = median * volume
    if z < p["sensitivity"] or observed < p["min_ratio"] * max(expected, 1.0):
        return []
    docs = store.matching_documents(query, today.isoformat(), until, limit=10)
    # One alert per episode, not per day: the episode started on the first of the busy days (at
    # least min_count, gaps of up to two quiet days) that lead to today.
    start_ep, gap, d = today, 0, today - timedelta(days=1)
    while d >= start and gap <= 2:
        if matched.get(d.isoformat(), 0) >= p["min_count"]:
            start_ep, gap = d, 0
        else:
            gap += 1
        d -= timedelta(days=1)
    return [_Found(
        f"{watch.name} — pic : {observed} articles le {key_today} (attendu ≈ {expected:.1f})", f"spike:{start_ep}",
        {"query": query, "observed": observed, "expected": round(expected, 2), "z": round(z, 2),
         "baseline_days": len(base_days), "window": int(p["window"]), "volume": volume,
         "episode_start": start_ep.isoformat(),
         "sources": sorted({d["source"] for d in docs if d["source"]}), "items": [_item(d) for d in docs]},
        z)]


def _cooccurrence(store, watch: Watchlist, p: dict[str, Any], since: datetime, now: datetime) -> list[_Found]:
    out = []
    for pair in store.actor_pairs(_iso(since), _iso(now), watch.actors):
        if pair["seen_before"] or len(pair["docs"]) < p["min_docs"]:
            continue
        out.append(_Found(
            f"{watch.name} — {pair['a']} et {pair['b']} cités ensemble pour la première fois",
            f"pair:{pair['a']}|{pair['b']}",
            {"actors": [pair["a"], pair["b"]], "observed": len(pair["docs"]), "baseline": 0,
             "first_seen": pair["first_in_window"], "items": pair["docs"][:20]},
            len(pair["docs"])))
    return out


def _dyad_type(store, watch: Watchlist, p: dict[str, Any], since: datetime, now: datetime) -> list[_Found]:
    dyads = {frozenset(d) for d in watch.dyads}
    keys = sorted(set(watch.actors) | {a for d in watch.dyads for a in d})
    out = []
    for row in store.dyad_types(_iso(since), _iso(now), keys):
        pair = frozenset((row["a"], row["b"]))
        if dyads and not watch.actors and pair not in dyads:
            continue
        if row["before"] or len(row["docs"]) < p["min_docs"]:
            continue
        a, b = sorted(pair)
        out.append(_Found(
            f"{watch.name} — nouveau type d'événement {row['type']} entre {row['a']} et {row['b']}",
            f"dyad:{a}|{b}|{row['type']}",
            {"dyad": [row["a"], row["b"]], "type": row["type"], "observed": len(row["docs"]), "baseline": 0,
             "first_seen": row["first_in_window"], "items": row["docs"][:20]},
            len(row["docs"])))
    return out


def _silence(store, watch: Watchlist, p: dict[str, Any], since: datetime, now: datetime) -> list[_Found]:
    source = p.get("source")
    query = None if source else watch_query(watch)
    if not source and not query:
        return []
    hours = float(p["hours"])
    recent_start = now - timedelta(hours=hours)
    base_start = recent_start - timedelta(days=int(p["window"]))
    base = store.daily_counts(query, _iso(base_start), _iso(recent_start), source=source)
    expected = sum(base.values()) / int(p["window"]) * hours / 24
    if expected < p["min_daily"] * hours / 24:
        return []
    observed = sum(store.daily_counts(query, _iso(recent_start), _iso(now), source=source).values())
    if observed > p["ratio"] * expected:
        return []
    subject = f"source {source}" if source else f"« {query} »"
    last = store.last_published(query, _iso(now), source=source)
    return [_Found(
        f"{watch.name} — silence : {subject}, {observed} article(s) en {hours:g} h (attendu ≈ {expected:.0f})",
        f"silence:{source or query}|{last}",
        {"subject": subject, "observed": observed, "expected": round(expected, 2), "hours": hours,
         "last_seen": last, "window": int(p["window"])},
        expected - observed)]


_EVALUATORS: dict[str, Callable[..., list[_Found]]] = {
    "match": _match, "spike": _spike, "cooccurrence": _cooccurrence, "dyad_type": _dyad_type, "silence": _silence,
}


# -- running -----------------------------------------------------------------------------------------

@dataclass(slots=True)
class RunReport:
    fired: list[Alert] = field(default_factory=list)
    held: list[Alert] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"fired": [a.to_json() for a in self.fired], "held": [a.to_json() for a in self.held],
                "errors": self.errors}


def run_rules(store: Any, now: datetime | None = None) -> RunReport:
    """Evaluate every rule at ``now`` and record what fires with its deliveries (one transaction
    per alert). A rule that fails is reported and the others still run."""
    now = now or datetime.now(timezone.utc)
    report = RunReport()
    for watch in store.watchlists():
        created = _parse(watch.created_at) if watch.created_at else None
        for rule in store.rules(watch.id):
            try:
                params = rule_params(rule.kind, rule.params)
                for alert in evaluate(store, watch, rule, now, StoreState(store, rule), not_before_created=created):
                    when = _iso(not_before(now, params))
                    channels = [] if alert.held else _channels(watch, when)
                    alert.id = store.record_alert(alert, channels)
                    if alert.id is not None:
                        (report.held if alert.held else report.fired).append(alert)
                store.set_rule_run(rule.id, _iso(now))
            except Exception as e:  # one broken rule must not silence the others
                report.errors.append(f"rule {rule.id} ({watch.name}, {rule.kind}): {type(e).__name__}: {e}")
    return report


def dry_run(store: Any, watch: Watchlist, rule: AlertRule, since: date, until: date) -> list[Alert]:
    """What ``rule`` would have fired, evaluated at the end of each day from ``since`` to ``until``
    (inclusive), seeing only what was published before each clock. Writes nothing."""
    state = MemoryState()
    day = since
    while day <= until:
        clock = datetime.combine(day + timedelta(days=1), time(0), timezone.utc)
        state.alerts.extend(evaluate(store, watch, rule, clock, state))
        day += timedelta(days=1)
    return state.alerts


def _channels(watch: Watchlist, when: str) -> list[tuple[str, str, str]]:
    out = []
    if watch.webhook:
        out.append(("webhook", watch.webhook, when))
    if watch.email:
        out.append(("email", watch.email, when))
    return out


def _item(d: dict[str, Any]) -> dict[str, Any]:
    return {"id": d["id"], "title": d.get("title"), "url": d.get("url"), "source": d.get("source"),
            "published": d.get("published")}


def _days(start: date, end: date):
    d = start
    while d < end:
        yield d
        d += timedelta(days=1)


def _iso(value: datetime) -> str:
    return value.astimezone(timezone.utc).isoformat(timespec="seconds")


def _parse(value: str) -> datetime:
    parsed = datetime.fromisoformat(value)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)
