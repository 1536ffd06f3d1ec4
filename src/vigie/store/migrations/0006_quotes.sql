-- Quotes (issue 6): who said what, searchable by speaker (actor id or name), words and date.
CREATE TABLE quotes (
    doc_id        TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    start         INTEGER NOT NULL,
    "end"         INTEGER NOT NULL,
    text          TEXT NOT NULL,
    kind          TEXT NOT NULL,   -- direct, partial, indirect
    speaker       TEXT,
    speaker_norm  TEXT,            -- case- and accent-folded, for matching a name
    speaker_type  TEXT,
    speaker_actor TEXT,
    cue           TEXT,
    date          TEXT,            -- TIMEX3 value from the attribution
    published_utc TEXT
);
CREATE INDEX quotes_doc ON quotes (doc_id);
CREATE INDEX quotes_actor ON quotes (speaker_actor, published_utc);
CREATE INDEX quotes_speaker ON quotes (speaker_norm, published_utc);

-- Full text of the quotes themselves, folded like documents_fts; rowid = quotes.rowid.
CREATE VIRTUAL TABLE quotes_fts USING fts5 (text, tokenize = "unicode61 remove_diacritics 2");

-- Documents stored before this version keep their quotes in their annotate JSON, if any.
INSERT INTO quotes (doc_id, start, "end", text, kind, speaker, speaker_norm, speaker_type, speaker_actor, cue, date,
                    published_utc)
SELECT d.id, json_extract(q.value, '$.start'), json_extract(q.value, '$.end'), json_extract(q.value, '$.text'),
       json_extract(q.value, '$.kind'), json_extract(q.value, '$.speaker'), lower(json_extract(q.value, '$.speaker')),
       json_extract(q.value, '$.speaker_type'), json_extract(q.value, '$.speaker_actor'), json_extract(q.value, '$.cue'),
       json_extract(q.value, '$.date'), d.published_utc
FROM documents d, json_each(d.annotations, '$.annotations.quotes') q;
INSERT INTO quotes_fts (rowid, text) SELECT rowid, text FROM quotes;
