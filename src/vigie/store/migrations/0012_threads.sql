-- Threads (issue 8): long-running topics over stories (vigie.analysis.threads). A story picks one
-- thread; a thread merged into another keeps its row, with `merged_into` naming the thread that took it in.
CREATE TABLE threads (
    id          TEXT PRIMARY KEY,
    first_day   TEXT NOT NULL,     -- YYYY-MM-DD of its first article
    last_day    TEXT NOT NULL,     -- YYYY-MM-DD of its latest article
    size        INTEGER NOT NULL,  -- articles (of its stories)
    stories     INTEGER NOT NULL,  -- stories (merged ones left out)
    label       TEXT NOT NULL,     -- its defining terms, for display
    merged_into TEXT
);
CREATE INDEX threads_days ON threads (last_day, first_day);

-- The thread of each story (none for a story clustered before threads existed). A table of its own
-- rather than a column of `stories`, so that this migration does not depend on 0008's having run first.
CREATE TABLE story_threads (
    story_id  TEXT PRIMARY KEY,
    thread_id TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX story_threads_thread ON story_threads (thread_id);
