-- The web workspace (issue 9): API tokens for `vigie serve` beyond localhost (only a hash of
-- each token is kept), and indexes for the search facets and field filters.
-- IF NOT EXISTS: a database brought back to an older version (as a test does) migrates again.
CREATE TABLE IF NOT EXISTS api_tokens (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    hash       TEXT NOT NULL UNIQUE,  -- sha256 of the token, hex
    created_at TEXT NOT NULL,
    last_used  TEXT,
    revoked_at TEXT
);
CREATE INDEX IF NOT EXISTS documents_source ON documents (source);
CREATE INDEX IF NOT EXISTS documents_language ON documents (language);
-- Today's ingest status: the last document added and those of the last 24 hours.
CREATE INDEX IF NOT EXISTS documents_ingested ON documents (ingested_at);
