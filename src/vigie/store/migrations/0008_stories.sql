-- Stories (issue 8): online clusters of articles. A story's id is never reused nor changed; a story
-- merged into another keeps its row, with `merged_into` naming the story that took it in.
CREATE TABLE stories (
    id          TEXT PRIMARY KEY,
    first_day   TEXT NOT NULL,     -- YYYY-MM-DD of its first article
    last_day    TEXT NOT NULL,     -- YYYY-MM-DD of its latest article
    size        INTEGER NOT NULL,  -- articles
    sources     INTEGER NOT NULL,  -- distinct sources
    label       TEXT NOT NULL,     -- its heaviest terms, for display
    merged_into TEXT               -- set once the story was merged into another
);
CREATE INDEX stories_days ON stories (last_day, first_day);

-- Which story each article is in: one row per clustered article (an article not here is not clustered yet).
CREATE TABLE story_articles (
    doc_id   TEXT PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
    story_id TEXT NOT NULL,
    day      TEXT NOT NULL
);
CREATE INDEX story_articles_story ON story_articles (story_id, day);

-- The clusterer between runs: live stories and counters (JSON), and the document frequency of each term.
CREATE TABLE story_state (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE story_df (
    term TEXT PRIMARY KEY,
    df   INTEGER NOT NULL
) WITHOUT ROWID;
