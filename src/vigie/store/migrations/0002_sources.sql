-- Feeds and pages that `vigie fetch` polls, with their health.
CREATE TABLE sources (
    id                 INTEGER PRIMARY KEY,
    url                TEXT NOT NULL UNIQUE,
    title              TEXT,
    kind               TEXT NOT NULL DEFAULT 'feed',
    etag               TEXT,
    last_modified      TEXT,
    added_at           TEXT NOT NULL,
    last_fetch         TEXT,
    last_success       TEXT,
    last_error         TEXT,
    consecutive_errors INTEGER NOT NULL DEFAULT 0,
    next_try           TEXT
);
