"""Watchlists and alert rules: each rule fires on a crafted stream and stays quiet otherwise;
no duplicate after a restart; cooldown, quiet hours and budget; webhook retries; SMTP."""

from __future__ import annotations

import json
import socket
import threading
from datetime import date, datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from vigie.analysis.alerts import MemoryState, dry_run, evaluate, not_before, rule_params, run_rules
from vigie.deliver import SmtpSettings, deliver_due
from vigie.extract.plain import extract_plain
from vigie.ingest.fetch import FetchPolicy
from vigie.model import AnnotatedArticle, Event, EventArg, Mention, RawDocument
from vigie.store import open_store

START = date(2023, 9, 1)


def put(store, n: int, day: date, title: str, body: str = "", source: str = "a.example",
        mentions: list[Mention] | None = None, events: list[Event] | None = None) -> str:
    raw = RawDocument(f"item-{n}", body or title, "plain-text", url=f"https://{source}/{n}", source=source,
                      hints={"title": title, "published": f"{day.isoformat()}T12:00:00+00:00", "language": "fr"})
    annotated = AnnotatedArticle(extract_plain(raw), "fr", 1.0, None, mentions=mentions or [], events=events or [])
    return store.put(annotated).id


def background(store, days: int = 30, per_day: int = 20, start: date = START) -> int:
    """Ordinary news: ``per_day`` unrelated articles a day from three sources."""
    n = 0
    for i in range(days):
        for j in range(per_day):
            n += 1
            put(store, 10_000 + n, start + timedelta(days=i), f"Nouvelle ordinaire numéro {n} sur le budget local",
                source=f"s{j % 3}.example")
    return n


def clock(day: date) -> datetime:
    return datetime.combine(day + timedelta(days=1), datetime.min.time(), timezone.utc)


@pytest.fixture()
def busy(store):
    background(store)
    return store


def test_spike_fires_on_the_first_day_of_growth_and_once(busy):
    for i, day in enumerate([START + timedelta(days=d) for d in (3, 12)]):
        put(busy, i, day, "Des punaises de lit signalées dans un hôtel")
    growth = {24: 1, 25: 5, 26: 9, 27: 12}
    n = 100
    for d, k in growth.items():
        for _ in range(k):
            n += 1
            put(busy, n, START + timedelta(days=d), f"Punaises de lit : inquiétude numéro {n}", source=f"s{n % 3}.example")
    w = busy.add_watchlist("punaises", query="punaises de lit")
    rule = busy.add_rule(w.id, "spike")
    fired = dry_run(busy, w, rule, START + timedelta(days=10), START + timedelta(days=29))
    assert [a.day for a in fired] == [(START + timedelta(days=25)).isoformat()]  # day 24 (1 article) is not a spike
    why = fired[0].why
    assert why["observed"] == 5 and why["expected"] < 1 and why["z"] >= 3 and len(why["items"]) == 5


def test_spike_stays_quiet_on_steady_coverage(busy):
    for d in range(30):
        for k in range(3):
            put(busy, 1000 + d * 10 + k, START + timedelta(days=d), f"Ukraine : le point du jour {d}-{k}")
    w = busy.add_watchlist("ukraine", query="ukraine")
    rule = busy.add_rule(w.id, "spike")
    assert dry_run(busy, w, rule, START + timedelta(days=10), START + timedelta(days=29)) == []


def test_match_alerts_once_per_story_and_not_on_old_items(busy):
    w = busy.add_watchlist("lithium", query="lithium")
    rule = busy.add_rule(w.id, "match")
    day = START + timedelta(days=20)
    first = put(busy, 1, day, "Une mine de lithium ouvre en Alsace", body="Une mine de lithium ouvre en Alsace. " * 5)
    put(busy, 2, day, "Une mine de lithium ouvre en Alsace", body="Une mine de lithium ouvre en Alsace. " * 5,
        source="copie.example")  # a syndicated copy: same text, another URL
    assert busy.get(first)["duplicate_of"] is None
    state = MemoryState()
    alerts = evaluate(busy, w, rule, clock(day), state)
    state.alerts.extend(alerts)
    assert len(alerts) >= 1
    assert evaluate(busy, w, rule, clock(day) + timedelta(hours=1), state) == []  # nothing new: silence
    assert all(a.why["query"] == "lithium" for a in alerts)


def test_no_duplicate_alert_after_a_restart(tmp_path):
    path = tmp_path / "v.db"
    store = open_store(path)
    background(store, days=30)
    for k in range(6):
        put(store, 500 + k, START + timedelta(days=29), f"Grève des contrôleurs aériens {k}")
    w = store.add_watchlist("greve", query="grève", webhook="http://127.0.0.1:9/hook")
    store.add_rule(w.id, "spike")
    store.add_rule(w.id, "match")
    now = clock(START + timedelta(days=29))
    created = now - timedelta(days=2)
    store.db.execute("UPDATE watchlists SET created_at = ?", (created.isoformat(),))
    first = run_rules(store, now)
    assert first.fired and not first.errors
    kinds = sorted({store.rule(a.rule_id).kind for a in first.fired})
    assert kinds == ["match", "spike"]
    deliveries = sum(len(store.deliveries(alert_id=a.id)) for a in first.fired)
    store.close()
    again = open_store(path)  # the process restarts and runs the same clock again
    second = run_rules(again, now + timedelta(minutes=15))
    assert second.fired == [] and second.held == []
    assert sum(1 for a in again.alerts(limit=1000)) == len(first.fired)
    assert len(again.due_deliveries("9999")) == deliveries
    again.close()


def test_cooccurrence_fires_for_a_new_pair_only(busy):
    def m(actor, start=0):
        return Mention(start, start + 3, actor, "ORG", actor=actor, actor_type="country")
    for d in range(10):  # FRA and DEU together every day: not news
        put(busy, 300 + d, START + timedelta(days=d), f"Paris et Berlin discutent {d}", mentions=[m("FRA"), m("DEU", 4)])
    for k in range(2):
        put(busy, 400 + k, START + timedelta(days=20), f"Paris et Pyongyang {k}", mentions=[m("FRA"), m("PRK", 4)])
    w = busy.add_watchlist("france", actors=["FRA"])
    rule = busy.add_rule(w.id, "cooccurrence")
    fired = dry_run(busy, w, rule, START + timedelta(days=5), START + timedelta(days=25))
    assert [a.key for a in fired] == ["pair:FRA|PRK"]
    assert fired[0].day == (START + timedelta(days=20)).isoformat()


def test_dyad_type_fires_on_a_new_event_type(busy):
    def ev(kind, n):
        return Event(kind, 0, 10, 0, 3, "x", source=EventArg(0, 3, "Moscou", "RUS", country="RUS"),
                     target=EventArg(4, 8, "Otan", "NATO", igo="NATO"), date=None)
    for d in range(10):
        put(busy, 600 + d, START + timedelta(days=d), f"Moscou consulte l'Otan {d}", events=[ev("CONSULT", d)])
    put(busy, 700, START + timedelta(days=15), "Moscou expulse des diplomates de l'Otan", events=[ev("SANCTION", 0)])
    put(busy, 701, START + timedelta(days=16), "Moscou consulte encore l'Otan", events=[ev("CONSULT", 0)])
    w = busy.add_watchlist("russie-otan", dyads=[("RUS", "NATO")])
    rule = busy.add_rule(w.id, "dyad_type")
    fired = dry_run(busy, w, rule, START + timedelta(days=5), START + timedelta(days=20))
    assert [a.key for a in fired] == ["dyad:NATO|RUS|SANCTION"]


def test_silence_of_a_source(store):
    background(store, days=20, per_day=12)  # s0, s1, s2 send 4 a day each
    for d in range(20, 25):  # then only s1 and s2
        for j in range(8):
            put(store, 900 + d * 10 + j, START + timedelta(days=d), f"Suite {d} {j}", source=f"s{1 + j % 2}.example")
    w = store.add_watchlist("sources", query="suite")
    rule = store.add_rule(w.id, "silence", {"source": "s0.example", "min_daily": 2})
    fired = dry_run(store, w, rule, START + timedelta(days=15), START + timedelta(days=24))
    assert len(fired) == 1 and fired[0].day == (START + timedelta(days=20)).isoformat()
    assert fired[0].why["observed"] == 0 and fired[0].why["expected"] >= 3


def test_budget_holds_alerts_past_the_daily_limit(busy):
    day = START + timedelta(days=20)
    for k in range(5):
        put(busy, 800 + k, day, f"Séisme numéro {k} dans une région {'abcde'[k] * 3}", body=f"Texte différent {k} " * (k + 1))
    w = busy.add_watchlist("seismes", query="séisme")
    rule = busy.add_rule(w.id, "match", {"budget": 2})
    alerts = evaluate(busy, w, rule, clock(day), MemoryState())
    assert len(alerts) == 5
    assert [a.held for a in alerts].count(None) == 2 and [a.held for a in alerts].count("budget") == 3


def test_quiet_hours_delay_delivery_without_dropping_it():
    p = rule_params("match", {"quiet_hours": "22-7", "tz": "Europe/Paris"})
    late = datetime(2024, 1, 10, 22, 30, tzinfo=timezone.utc)  # 23:30 in Paris
    assert not_before(late, p) == datetime(2024, 1, 11, 6, 0, tzinfo=timezone.utc)  # 07:00 in Paris
    noon = datetime(2024, 1, 10, 11, 0, tzinfo=timezone.utc)
    assert not_before(noon, p) == noon


@pytest.mark.parametrize("kind, params, message", [
    ("nope", {}, "unknown rule kind"),
    ("spike", {"sensitivty": 2}, "has no setting"),
    ("spike", {"window": "abc"}, "must be a number"),
    ("match", {"quiet_hours": "25-3"}, "quiet hours"),
])
def test_bad_rule_settings_are_refused_clearly(kind, params, message):
    with pytest.raises(ValueError, match=message):
        rule_params(kind, params)


def test_cooldown_skips_a_rule_that_just_fired(busy):
    w = busy.add_watchlist("cool", query="vote")
    rule = busy.add_rule(w.id, "match", {"cooldown_hours": 24})
    day = START + timedelta(days=20)
    put(busy, 1, day, "Un vote au Sénat", body="premier texte sur le vote")
    state = MemoryState()
    state.alerts.extend(evaluate(busy, w, rule, clock(day), state))
    put(busy, 2, day + timedelta(days=1), "Un autre vote", body="second texte, autre vote, autre sujet")
    assert evaluate(busy, w, rule, clock(day) + timedelta(hours=6), state) == []
    later = evaluate(busy, w, rule, clock(day + timedelta(days=1)) + timedelta(hours=1), state)
    assert len(later) == 1  # held back during the cooldown, told after it


# -- delivery ---------------------------------------------------------------------------------

class Receiver:
    """A webhook receiver on 127.0.0.1 that fails the first ``failures`` POSTs."""

    def __init__(self, failures: int = 0):
        self.failures, self.bodies = failures, []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                if outer.failures > 0:
                    outer.failures -= 1
                    self.send_response(503)
                else:
                    outer.bodies.append((json.loads(body), dict(self.headers)))
                    self.send_response(204)
                self.end_headers()

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_port}/hook"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def stop(self):
        self.httpd.shutdown()


def _fired_store(store, articles: int = 4, **channels):
    background(store, days=30, per_day=5)
    for k in range(articles):
        put(store, 50 + k, START + timedelta(days=29), f"Incendie {k} dans le port", body=f"incendie texte {k} " * (k + 2))
    w = store.add_watchlist("incendies", query="incendie", **channels)
    store.add_rule(w.id, "match")
    now = clock(START + timedelta(days=29))
    store.db.execute("UPDATE watchlists SET created_at = ?", ((now - timedelta(days=2)).isoformat(),))
    report = run_rules(store, now)
    assert report.fired
    return now, report


def test_webhook_is_retried_with_back_off_then_delivered_once(store):
    receiver = Receiver(failures=2)
    try:
        now, report = _fired_store(store, articles=1, webhook=receiver.url)
        assert len(report.fired) == 1
        policy = FetchPolicy(allow_private=True)
        first = deliver_due(store, now, policy=policy)
        assert first.sent == 0 and first.retried == 1  # the first POST got a 503…
        pending = store.due_deliveries("9999")
        assert len(pending) == 1 and pending[0]["attempts"] == 1 and "503" in pending[0]["last_error"]
        assert deliver_due(store, now, policy=policy).sent == 0  # …not before its back-off
        second = deliver_due(store, now + timedelta(minutes=1), policy=policy)
        assert second.retried == 1  # the second 503, now waiting 2 minutes
        third = deliver_due(store, now + timedelta(minutes=3), policy=policy)
        assert third.sent == 1 and store.due_deliveries("9999") == []
        payloads = [b for b, _ in receiver.bodies]
        assert len(payloads) == len(report.fired) and {p["version"] for p in payloads} == {1}
        assert {p["id"] for p in payloads} == {f"alert-{a.id}" for a in report.fired}
        assert all(h["Idempotency-Key"] == p["id"] for p, h in receiver.bodies)
    finally:
        receiver.stop()


def test_webhook_to_a_private_address_is_refused_by_default(store):
    receiver = Receiver()
    try:
        now, _ = _fired_store(store, webhook=receiver.url)
        report = deliver_due(store, now, policy=FetchPolicy(allow_private=False))
        assert report.sent == 0 and report.retried >= 1 and "non-public" in report.errors[0]
        assert receiver.bodies == []
    finally:
        receiver.stop()


def test_email_arrives_with_text_and_html_parts(store):
    aiosmtpd = pytest.importorskip("aiosmtpd.controller")
    from aiosmtpd.handlers import Message

    received = []

    class Keep(Message):
        def handle_message(self, message):
            received.append(message)

    with socket.socket() as probe:  # a free port: the controller checks it is up by connecting to it
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = aiosmtpd.Controller(Keep(), hostname="127.0.0.1", port=port)
    controller.start()
    try:
        now, report = _fired_store(store, email="analyste@example.org")
        sent = deliver_due(store, now, smtp=SmtpSettings("127.0.0.1", port))
        assert sent.sent == len(report.fired) and not sent.errors
        message = received[0]
        assert message["To"] == "analyste@example.org" and message["Subject"].startswith("[vigie]")
        types = [part.get_content_type() for part in message.walk()]
        assert "text/plain" in types and "text/html" in types
    finally:
        controller.stop()


# -- briefings, the scheduler and the CLI ---------------------------------------------------------

def test_brief_of_the_seed_day_has_events_quotes_and_escapes_titles(store, seed_annotated):
    from vigie.analysis.brief import build_brief, to_html, to_markdown

    store.put(seed_annotated)
    day = seed_annotated.article.published.date()
    put(store, 1, day, "<script>alert(1)</script> Un titre <b onmouseover=x()>piégé</b>",
        body="Texte [lien](javascript:alert(1)) piégé")
    data = build_brief(store, day)
    assert data["articles"] == 2 and len(data["stories"]) == 2
    types = {e["type"] for e in data["events"]}
    assert "RETREAT" in types or "SANCTION" in types  # Russia suspends its mission / NATO withdrew accreditations
    assert any("Lavrov" in q["speaker"] for q in data["quotes"])
    html, md = to_html(data), to_markdown(data)
    assert "<script>alert" not in html and "&lt;script&gt;" in html and "onmouseover=x()>" not in html
    assert "<script>" not in md and "\\<script\\>" in md


def test_scheduler_pass_is_safe_to_repeat_after_a_restart(tmp_path):
    from vigie.scheduler import Settings, one_pass

    path = tmp_path / "v.db"
    store = open_store(path)
    background(store, days=30, per_day=5)
    for k in range(6):
        put(store, 70 + k, START + timedelta(days=29), f"Crue de la Seine {k}", body=f"crue texte {k} " * (k + 2))
    w = store.add_watchlist("crues", query="crue", email="veille@example.org")
    store.add_rule(w.id, "spike")
    store.db.execute("UPDATE watchlists SET created_at = ?", ("2023-01-01T00:00:00+00:00",))
    now = clock(START + timedelta(days=29)) + timedelta(hours=8)  # after the briefing hour
    settings = Settings(fetch=False, brief_hour=7, brief_email="chef@example.org", smtp=None)
    first = one_pass(store, settings, now)
    assert first.alerts["fired"] == 0  # the spike day closed at midnight: evaluated at 08:00 the next day
    assert first.briefs == [(START + timedelta(days=29)).isoformat(), f"{(START + timedelta(days=29)).isoformat()} crues"]
    store.close()
    store = open_store(path)
    second = one_pass(store, settings, now + timedelta(minutes=15))
    assert second.briefs == [] and second.deliveries["sent"] == 0
    pending = store.due_deliveries("9999")
    assert len(pending) == 2 and all(p["brief_id"] for p in pending)  # no SMTP configured: kept, retried later
    store.close()


def test_cli_watch_add_test_and_brief(tmp_path, capsys):
    from vigie.cli.main import main

    db = str(tmp_path / "v.db")
    store = open_store(db)
    background(store, days=30, per_day=20)
    for k in range(6):
        put(store, 90 + k, START + timedelta(days=28), f"Punaises de lit dans le métro {k}", body=f"punaises texte {k} " * (k + 2))
    store.close()
    assert main(["watch", "add", "punaises", "--query", "punaises", "--db", db, "--json"]) == 0
    rule = json.loads(capsys.readouterr().out)["rules"][0]
    assert rule["kind"] == "spike"
    assert main(["alert", "test", str(rule["id"]), "--since", "20d", "--until", (START + timedelta(days=29)).isoformat(),
                 "--db", db, "--json"]) == 0
    fired = json.loads(capsys.readouterr().out)["alerts"]
    assert [a["day"] for a in fired] == [(START + timedelta(days=28)).isoformat()]
    assert main(["watch", "add", "bad", "--query", "x", "--rule", "spike:sensitivty=2", "--db", db]) == 2
    assert "has no setting" in capsys.readouterr().err
    out = tmp_path / "brief.html"
    assert main(["brief", "--date", (START + timedelta(days=28)).isoformat(), "--watchlist", "punaises",
                 "--out", str(out), "--db", db]) == 0
    html = out.read_text()
    assert "Punaises de lit dans le métro" in html and "<h2>À la une</h2>" in html
    assert main(["brief", "--date", "2023-13-01", "--db", db]) == 2


def test_alert_email_escapes_titles_and_links_only_to_http():
    from vigie.deliver import alert_email

    payload = {"title": "Pic <b>", "rule": {"kind": "spike"}, "watchlist": {"name": "w"},
               "why": {"observed": 4, "expected": 0.0, "items": [
                   {"id": "x", "title": "T<img src=x onerror=alert(1)>", "url": "javascript:alert(1)", "source": "s"},
                   {"id": "y", "title": "Vrai", "url": "https://example.org/a?b=1&c=2", "source": "s"}]},
               "link": "http://vigie.example/watchlist/1", "search": None}
    subject, text, html = alert_email(payload)
    assert subject == "[vigie] Pic <b>" and "Observé : 4" in text
    assert "javascript:" not in html and "<img" not in html and "&lt;img" in html
    assert 'href="https://example.org/a?b=1&amp;c=2"' in html and 'href="http://vigie.example/watchlist/1"' in html


def test_an_actor_watchlist_reads_the_documents_naming_its_actors(busy):
    lavrov = Mention(0, 6, "Lavrov", "PER", actor="person/sergey-lavrov", actor_type="person")
    day = START + timedelta(days=20)
    put(busy, 1, day, "Lavrov à Ankara", body="Sergueï Lavrov est arrivé à Ankara pour une visite.", mentions=[lavrov])
    put(busy, 2, day, "Ankara accueille un sommet", body="Un sommet régional sans la Russie.")
    w = busy.add_watchlist("lavrov", actors=["person/sergey-lavrov"])
    rule = busy.add_rule(w.id, "match")
    alerts = evaluate(busy, w, rule, clock(day), MemoryState())
    assert len(alerts) == 1 and [i["title"] for i in alerts[0].why["items"]] == ["Lavrov à Ankara"]
