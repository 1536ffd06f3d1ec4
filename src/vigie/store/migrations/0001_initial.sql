-- Documents as annotated by the pipeline; `annotations` keeps the full `vigie annotate` JSON.
CREATE TABLE documents (
    id            TEXT PRIMARY KEY,
    canonical_url TEXT,
    url           TEXT,
    content_hash  TEXT NOT NULL,
    item          TEXT NOT NULL,
    source        TEXT,
    title         TEXT,
    lede          TEXT,
    author        TEXT,
    published     TEXT,            -- ISO 8601 with the page's offset
    published_utc TEXT,            -- the same instant in UTC, for sorting and buckets
    updated       TEXT,
    language      TEXT,
    extractor     TEXT,
    text          TEXT NOT NULL,
    annotations   TEXT NOT NULL,
    ingested_at   TEXT NOT NULL
);
CREATE INDEX documents_published ON documents (published_utc);
CREATE INDEX documents_canonical_url ON documents (canonical_url);

CREATE TABLE entities (
    doc_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    start  INTEGER NOT NULL,
    "end"  INTEGER NOT NULL,
    label  TEXT NOT NULL,
    text   TEXT NOT NULL,
    norm   TEXT NOT NULL           -- case- and accent-folded, for grouping
);
CREATE INDEX entities_doc ON entities (doc_id);
CREATE INDEX entities_norm ON entities (label, norm);

-- Full text. The tokenizer folds case and accents; apostrophes separate tokens, so
-- « l'Élysée » is indexed as "l" + "elysee" and a search for `elysee` finds it.
CREATE VIRTUAL TABLE documents_fts USING fts5 (
    title, lede, body,
    tokenize = "unicode61 remove_diacritics 2"
);
