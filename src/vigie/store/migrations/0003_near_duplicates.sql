-- Near-duplicates: a syndicated or re-published copy points at the first copy stored.
ALTER TABLE documents ADD COLUMN duplicate_of TEXT;
CREATE INDEX documents_duplicate_of ON documents (duplicate_of);
CREATE TABLE minhashes (
    doc_id    TEXT PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
    signature BLOB NOT NULL     -- MinHash values, little-endian uint64
);
