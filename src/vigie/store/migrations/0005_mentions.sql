-- Actor mentions (issue 4): who each name is, as of the article's date. One row per mention,
-- with the document's publication instant copied in so an actor's mentions over time are one
-- index range scan (the data behind actor pages and trends).
CREATE TABLE mentions (
    doc_id        TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    start         INTEGER NOT NULL,
    "end"         INTEGER NOT NULL,
    text          TEXT NOT NULL,
    label         TEXT NOT NULL,   -- PER, LOC, ORG, MISC, AGENT
    actor         TEXT,            -- gazetteer id, NULL when unknown
    actor_name    TEXT,
    actor_type    TEXT,
    reading       TEXT NOT NULL,   -- literal, government, place
    code          TEXT,            -- role on the article's date: RUSGOV
    country       TEXT,
    sector        TEXT,
    title         TEXT,            -- role title: Foreign Minister
    via           TEXT,
    published_utc TEXT
);
CREATE INDEX mentions_doc ON mentions (doc_id);
CREATE INDEX mentions_actor ON mentions (actor, published_utc);
CREATE INDEX mentions_country ON mentions (country, published_utc);

-- Documents stored before this version keep their mentions in their annotate JSON, if any.
INSERT INTO mentions (doc_id, start, "end", text, label, actor, actor_name, actor_type, reading, code, country,
                      sector, title, via, published_utc)
SELECT d.id, json_extract(m.value, '$.start'), json_extract(m.value, '$.end'), json_extract(m.value, '$.text'),
       json_extract(m.value, '$.label'), json_extract(m.value, '$.actor'), json_extract(m.value, '$.actor_name'),
       json_extract(m.value, '$.actor_type'), coalesce(json_extract(m.value, '$.reading'), 'literal'),
       json_extract(m.value, '$.code'), json_extract(m.value, '$.country'), json_extract(m.value, '$.sector'),
       json_extract(m.value, '$.title'), json_extract(m.value, '$.via'), d.published_utc
FROM documents d, json_each(d.annotations, '$.annotations.mentions') m;
