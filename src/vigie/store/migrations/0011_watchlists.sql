-- Watchlists, their alert rules, the alerts they fired, what is still to deliver, and briefings.
-- Everything the scheduler needs to survive a restart lives here: an alert is recorded once
-- (unique rule + key), its deliveries are an outbox with attempts and the next try.
CREATE TABLE watchlists (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE,
    query      TEXT,                  -- saved search in the search syntax, or NULL
    actors     TEXT NOT NULL DEFAULT '[]',   -- JSON list of actor ids followed
    dyads      TEXT NOT NULL DEFAULT '[]',   -- JSON list of [a, b] pairs followed
    webhook    TEXT,                  -- URL that receives alerts as JSON POSTs
    email      TEXT,                  -- address that receives alerts and briefings
    created_at TEXT NOT NULL
);

CREATE TABLE alert_rules (
    id           INTEGER PRIMARY KEY,
    watchlist_id INTEGER NOT NULL REFERENCES watchlists (id) ON DELETE CASCADE,
    kind         TEXT NOT NULL,       -- match, spike, cooccurrence, dyad_type, silence
    params       TEXT NOT NULL DEFAULT '{}',  -- JSON: window, sensitivity, cooldown_hours, quiet_hours…
    created_at   TEXT NOT NULL,
    last_run     TEXT                 -- the evaluation clock of the last run (UTC ISO)
);
CREATE INDEX alert_rules_watchlist ON alert_rules (watchlist_id);

CREATE TABLE alerts (
    id         INTEGER PRIMARY KEY,
    rule_id    INTEGER NOT NULL REFERENCES alert_rules (id) ON DELETE CASCADE,
    key        TEXT NOT NULL,         -- what the alert is about (story, pair, day…): never alerted twice
    fired_at   TEXT NOT NULL,         -- evaluation clock (UTC ISO)
    day        TEXT NOT NULL,
    title      TEXT NOT NULL,
    why        TEXT NOT NULL,         -- JSON: rule, observed vs baseline, matched items
    score      REAL NOT NULL DEFAULT 0,
    held       TEXT,                  -- NULL: delivered, 'budget': over the day's alert budget, kept but not sent
    UNIQUE (rule_id, key)
);
CREATE INDEX alerts_day ON alerts (day);

CREATE TABLE deliveries (
    id          INTEGER PRIMARY KEY,
    alert_id    INTEGER REFERENCES alerts (id) ON DELETE CASCADE,
    brief_id    INTEGER REFERENCES briefs (id) ON DELETE CASCADE,
    channel     TEXT NOT NULL,        -- webhook, email
    target      TEXT NOT NULL,
    status      TEXT NOT NULL DEFAULT 'pending',  -- pending, sent, failed (gave up)
    attempts    INTEGER NOT NULL DEFAULT 0,
    next_try    TEXT NOT NULL,        -- not before (quiet hours, back-off)
    last_error  TEXT,
    sent_at     TEXT
);
CREATE INDEX deliveries_due ON deliveries (status, next_try);

CREATE TABLE briefs (
    id           INTEGER PRIMARY KEY,
    day          TEXT NOT NULL,
    watchlist_id INTEGER REFERENCES watchlists (id) ON DELETE CASCADE,
    created_at   TEXT NOT NULL,
    markdown     TEXT NOT NULL,
    html         TEXT NOT NULL,
    data         TEXT NOT NULL        -- JSON twin of the briefing
);
CREATE UNIQUE INDEX briefs_day ON briefs (day, coalesce(watchlist_id, 0));
