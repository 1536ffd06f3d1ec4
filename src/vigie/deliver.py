"""Sending alerts and briefings: a webhook (JSON POST) or an e-mail over SMTP (text + HTML).

Deliveries are an outbox in the store. ``deliver_due`` sends what is due, marks each one sent at
once, and on failure tries again later with exponential back-off (1 min, 2, 4 … up to 6 h) until
``MAX_ATTEMPTS``. Each payload carries a stable ``id`` (``alert-12``), so a receiver can drop the
rare copy sent twice when vigie stops between sending and marking.

Webhook payload, version 1 (documented in docs/alerts.md)::

    {"version": 1, "type": "alert", "id": "alert-12", "watchlist": {"id": 1, "name": "..."},
     "rule": {"id": 3, "kind": "spike", "params": {...}}, "key": "spike:2023-09-27",
     "title": "...", "fired_at": "...", "day": "2023-09-27", "score": 4.2, "why": {...},
     "link": "<workspace>/watchlist/1", "search": "<workspace>/search?q=(…) date:2023-09-27"}
"""

from __future__ import annotations

import json
import os
import smtplib
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from email.message import EmailMessage
from html import escape
from typing import Any
from urllib.parse import quote

import httpx

from vigie import __version__
from vigie.analysis.alerts import watch_query
from vigie.ingest.fetch import Fetcher, FetchError, FetchPolicy
from vigie.keys import http_link

PAYLOAD_VERSION = 1
MAX_ATTEMPTS = 8
FIRST_RETRY = timedelta(minutes=1)
LONGEST_WAIT = timedelta(hours=6)


@dataclass(frozen=True, slots=True)
class SmtpSettings:
    host: str
    port: int = 25
    sender: str = "vigie@localhost"
    user: str | None = None
    password: str | None = None
    starttls: bool = False

    @classmethod
    def from_env(cls) -> SmtpSettings | None:
        """``VIGIE_SMTP=host:port`` (+ ``VIGIE_SMTP_FROM``, ``VIGIE_SMTP_USER``, ``VIGIE_SMTP_PASSWORD``,
        ``VIGIE_SMTP_STARTTLS=1``); None when e-mail is not configured."""
        spec = os.environ.get("VIGIE_SMTP")
        if not spec:
            return None
        return cls.parse(spec, sender=os.environ.get("VIGIE_SMTP_FROM") or "vigie@localhost",
                         user=os.environ.get("VIGIE_SMTP_USER"), password=os.environ.get("VIGIE_SMTP_PASSWORD"),
                         starttls=os.environ.get("VIGIE_SMTP_STARTTLS", "") in {"1", "true", "yes"})

    @classmethod
    def parse(cls, spec: str, **kw: Any) -> SmtpSettings:
        host, _, port = spec.rpartition(":") if ":" in spec else (spec, "", "25")
        try:
            return cls(host=host or spec, port=int(port or 25), **kw)
        except ValueError:
            raise ValueError(f"SMTP server {spec!r}: write it as HOST:PORT") from None


@dataclass(slots=True)
class DeliveryReport:
    sent: int = 0
    retried: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"sent": self.sent, "retried": self.retried, "failed": self.failed, "errors": self.errors}


def alert_payload(store: Any, alert_id: int, base_url: str | None = None) -> dict[str, Any]:
    alert = store.alert(alert_id)
    rule = store.rule(alert.rule_id)
    watch = store.watchlist(rule.watchlist_id)
    link = search = None
    if base_url:  # the watchlist's page, and its search narrowed to the alert's day
        base = base_url.rstrip("/")
        link = f"{base}/watchlist/{watch.id}"
        query = watch_query(watch)
        if query:
            search = f"{base}/search?q={quote(f'({query}) date:{alert.day}')}"
    return {"version": PAYLOAD_VERSION, "type": "alert", "id": f"alert-{alert.id}",
            "watchlist": {"id": watch.id, "name": watch.name}, "rule": {"id": rule.id, "kind": rule.kind,
                                                                     "params": rule.params},
            "key": alert.key, "title": alert.title, "fired_at": alert.fired_at, "day": alert.day,
            "score": alert.score, "why": alert.why, "link": link, "search": search}


def alert_email(payload: dict[str, Any]) -> tuple[str, str, str]:
    """Subject, plain text and HTML of an alert e-mail (article titles escaped in the HTML)."""
    why = payload["why"]
    lines = [payload["title"], "", f"Règle : {payload['rule']['kind']} — liste « {payload['watchlist']['name']} »"]
    for label, key in (("Observé", "observed"), ("Attendu", "expected"), ("Score z", "z"), ("Sources", "sources")):
        if why.get(key) not in (None, []):
            value = ", ".join(why[key]) if isinstance(why[key], list) else why[key]
            lines.append(f"{label} : {value}")
    items = [i for i in why.get("items", []) if isinstance(i, dict)]
    if items:
        lines += ["", "Articles :"] + [f"- {i.get('title') or i['id']} {i.get('url') or ''}".rstrip() for i in items]
    for key in ("search", "link"):
        if payload.get(key):
            lines += ["", payload[key]]
    text = "\n".join(lines) + "\n"
    rows = "".join(
        f"<li><a href=\"{escape(http_link(i.get('url')) or '#')}\">{escape(i.get('title') or i['id'])}</a>"
        f" <small>{escape(i.get('source') or '')}</small></li>" for i in items)
    facts = [line for line in lines[3:] if " : " in line and not line.startswith("- ")]
    links = "".join(f"<p><a href=\"{escape(payload[k])}\">{label}</a></p>"
                    for k, label in (("search", "Voir les articles du jour"), ("link", "Ouvrir la veille"))
                    if payload.get(k))
    html = (f"<html><body><h1>{escape(payload['title'])}</h1>"
            f"<p>Règle : {escape(payload['rule']['kind'])} — liste « {escape(payload['watchlist']['name'])} »</p>"
            + "".join(f"<p>{escape(line)}</p>" for line in facts)
            + (f"<ul>{rows}</ul>" if rows else "") + links + "</body></html>")
    return f"[vigie] {payload['title']}", text, html


def send_webhook(url: str, payload: dict[str, Any], *, policy: FetchPolicy | None = None,
                 transport: httpx.BaseTransport | None = None) -> None:
    """POST the payload; raise ``FetchError`` with the reason unless the receiver answers 2xx."""
    fetcher = Fetcher(policy or FetchPolicy.from_env(), transport=transport)
    try:
        fetcher.check_url(url)  # a watchlist must not turn vigie against internal services either
        with httpx.Client(timeout=10.0, follow_redirects=False, transport=transport) as client:
            response = client.post(url, content=json.dumps(payload, ensure_ascii=False).encode(),
                                   headers={"Content-Type": "application/json", "User-Agent": f"vigie/{__version__}",
                                            "Idempotency-Key": payload["id"]})
    except httpx.HTTPError as e:
        raise FetchError(url, f"{type(e).__name__}: {e}") from None
    finally:
        fetcher.close()
    if not 200 <= response.status_code < 300:
        raise FetchError(url, f"the receiver answered HTTP {response.status_code}", response.status_code)


def send_email(smtp: SmtpSettings, to: str, subject: str, text: str, html: str) -> None:
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = smtp.sender, to, subject
    message.set_content(text)
    message.add_alternative(html, subtype="html")
    with smtplib.SMTP(smtp.host, smtp.port, timeout=15) as server:
        if smtp.starttls:
            server.starttls()
        if smtp.user:
            server.login(smtp.user, smtp.password or "")
        server.send_message(message)


def deliver_due(store: Any, now: datetime | None = None, *, smtp: SmtpSettings | None = None,
                policy: FetchPolicy | None = None, base_url: str | None = None,
                transport: httpx.BaseTransport | None = None) -> DeliveryReport:
    now = now or datetime.now(timezone.utc)
    report = DeliveryReport()
    for d in store.due_deliveries(now.isoformat(timespec="seconds")):
        attempts = d["attempts"] + 1
        try:
            if d["alert_id"] is not None:
                payload = alert_payload(store, d["alert_id"], base_url)
                if d["channel"] == "webhook":
                    send_webhook(d["target"], payload, policy=policy, transport=transport)
                else:
                    _email(smtp, d["target"], *alert_email(payload))
            else:
                brief = store.brief(d["brief_id"])
                if d["channel"] == "webhook":
                    send_webhook(d["target"], {"version": PAYLOAD_VERSION, "type": "brief", "id": f"brief-{brief['id']}",
                                               "day": brief["day"], "data": brief["data"]},
                                 policy=policy, transport=transport)
                else:
                    _email(smtp, d["target"], f"[vigie] Briefing du {brief['day']}", brief["markdown"], brief["html"])
        except Exception as e:  # noqa: BLE001 — any failure of one delivery is retried later, the rest go on
            reason = f"{type(e).__name__}: {e}"
            if attempts >= MAX_ATTEMPTS:
                store.mark_delivery(d["id"], status="failed", attempts=attempts, error=reason)
                report.failed += 1
            else:
                wait = min(FIRST_RETRY * 2 ** (attempts - 1), LONGEST_WAIT)
                store.mark_delivery(d["id"], status="pending", attempts=attempts, error=reason,
                                    next_try=(now + wait).isoformat(timespec="seconds"))
                report.retried += 1
            report.errors.append(f"delivery {d['id']} ({d['channel']} {d['target']}): {reason}")
            continue
        store.mark_delivery(d["id"], status="sent", attempts=attempts, sent_at=now.isoformat(timespec="seconds"))
        report.sent += 1
    return report


def _email(smtp: SmtpSettings | None, to: str, subject: str, text: str, html: str) -> None:
    if smtp is None:
        raise RuntimeError("no SMTP server configured (set VIGIE_SMTP=host:port)")
    send_email(smtp, to, subject, text, html)

