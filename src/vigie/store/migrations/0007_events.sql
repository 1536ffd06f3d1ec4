-- Events (issue 7): one row per event per document, with its mentions, so that an event
-- reported by twenty articles stays twenty rows linked to twenty documents (counted per
-- document, never merged across them), and dyad queries are one index range scan.
CREATE TABLE events (
    doc_id         TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    n              INTEGER NOT NULL,  -- order of the event in its document
    type           TEXT NOT NULL,     -- PLOVER type
    mode           TEXT,
    cameo          TEXT,
    quad           INTEGER,
    goldstein      REAL,
    source_actor   TEXT, source_name TEXT, source_country TEXT, source_igo TEXT, source_sector TEXT,
    target_actor   TEXT, target_name TEXT, target_country TEXT, target_igo TEXT, target_sector TEXT,
    source_key     TEXT,              -- igo, else country, else actor: what dyads are counted on
    target_key     TEXT,
    date           TEXT,              -- TIMEX3 value
    day            TEXT,              -- the event's day when it has one, else the publication day
    location       TEXT,
    negated        INTEGER NOT NULL,
    hypothetical   INTEGER NOT NULL,
    historical     INTEGER NOT NULL,
    sentence_start INTEGER NOT NULL, sentence_end INTEGER NOT NULL,
    trigger_start  INTEGER NOT NULL, trigger_end INTEGER NOT NULL, trigger TEXT NOT NULL,
    mentions       INTEGER NOT NULL,
    published_utc  TEXT
);
CREATE INDEX events_doc ON events (doc_id);
CREATE INDEX events_dyad ON events (source_key, target_key, day);
CREATE INDEX events_type ON events (type, day);
