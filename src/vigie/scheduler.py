"""``vigie run``: one loop that fetches sources, groups new articles into stories, evaluates alert rules, builds the daily briefing
and delivers what is due — and can be stopped and restarted at any point without sending
anything twice (alerts are unique per rule and key, briefings per day and watchlist, deliveries
are an outbox marked as they go)."""

from __future__ import annotations

import time as _time
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any, Callable

from vigie.analysis.alerts import run_rules
from vigie.analysis.brief import build_brief, to_html, to_markdown
from vigie.deliver import SmtpSettings, deliver_due
from vigie.ingest.fetch import FetchPolicy


@dataclass(slots=True)
class Settings:
    interval_s: int = 900            # seconds between passes
    fetch: bool = True               # poll the due sources on each pass
    brief_hour: int | None = 7       # build yesterday's briefing once the UTC clock passes this hour
    brief_email: str | None = None   # who receives the daily briefing
    smtp: SmtpSettings | None = None
    policy: FetchPolicy = field(default_factory=FetchPolicy.from_env)
    base_url: str | None = None      # links in alerts point to the web workspace there


@dataclass(slots=True)
class PassReport:
    at: str
    fetched: dict[str, Any] | None = None
    stories: int = 0                 # articles joined to stories in this pass
    alerts: dict[str, Any] | None = None
    briefs: list[str] = field(default_factory=list)
    deliveries: dict[str, Any] | None = None
    errors: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"at": self.at, "fetched": self.fetched, "stories": self.stories, "alerts": self.alerts, "briefs": self.briefs,
                "deliveries": self.deliveries, "errors": self.errors}


def one_pass(store: Any, settings: Settings, now: datetime | None = None, *,
             fetch: Callable[[Any], dict[str, Any]] | None = None) -> PassReport:
    now = now or datetime.now(timezone.utc)
    report = PassReport(now.isoformat(timespec="seconds"))
    if settings.fetch and fetch is not None:
        try:
            report.fetched = fetch(store)
        except Exception as e:  # a failing fetch must not stop alerts and briefings
            report.errors.append(f"fetch: {type(e).__name__}: {e}")
    try:  # new articles join their stories first, so that an alert names the story, once
        from vigie.analysis.stories import update_store

        report.stories = update_store(store).articles
    except Exception as e:
        report.errors.append(f"stories: {type(e).__name__}: {e}")
    rules = run_rules(store, now)
    report.alerts = {"fired": len(rules.fired), "held": len(rules.held)}
    report.errors += rules.errors
    if settings.brief_hour is not None and now.hour >= settings.brief_hour:
        report.briefs = daily_briefs(store, (now - timedelta(days=1)).date(), settings)
    report.deliveries = deliver_due(store, now, smtp=settings.smtp, policy=settings.policy,
                                    base_url=settings.base_url).to_json()
    return report


def daily_briefs(store: Any, day, settings: Settings) -> list[str]:
    """Yesterday's general briefing, and one per watchlist that has an e-mail, each built once."""
    made = []
    targets: list[tuple[Any, str | None]] = [(None, settings.brief_email)]
    targets += [(w, w.email) for w in store.watchlists() if w.email]
    for watch, email in targets:
        if store.brief_for(day.isoformat(), watch.id if watch else None):
            continue
        data = build_brief(store, day, watchlist=watch)
        channels = [("email", email, datetime.now(timezone.utc).isoformat(timespec="seconds"))] if email else []
        if store.save_brief(day.isoformat(), watch.id if watch else None, to_markdown(data), to_html(data), data,
                            channels) is not None:
            made.append(f"{day.isoformat()}{' ' + watch.name if watch else ''}")
    return made


def run_forever(store: Any, settings: Settings, *, fetch: Callable[[Any], dict[str, Any]] | None = None,
                on_pass: Callable[[PassReport], None] = lambda r: None, passes: int | None = None) -> None:
    done = 0
    while passes is None or done < passes:
        started = _time.monotonic()
        on_pass(one_pass(store, settings, fetch=fetch))
        done += 1
        if passes is not None and done >= passes:
            break
        _time.sleep(max(0.0, settings.interval_s - (_time.monotonic() - started)))
