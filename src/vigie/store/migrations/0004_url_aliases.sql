-- Other URLs a document was reached at (a feed's redirecting link), so a poll knows it already has it.
CREATE TABLE url_aliases (
    url    TEXT PRIMARY KEY,       -- canonical form
    doc_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE
);
CREATE INDEX url_aliases_doc ON url_aliases (doc_id);
