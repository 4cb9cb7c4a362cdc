-- Sitrep store, schema 1, PostgreSQL: the tables of 0001_init.sqlite.sql with PostgreSQL's types. Text is
-- COLLATE "C" (byte order, as SQLite's BINARY) so that every ORDER BY sorts as it does in SQLite; REAL is
-- DOUBLE PRECISION (SQLite's REAL is 8 bytes); documents.ingest_seq keeps ingestion order (SQLite's rowid).
CREATE TABLE documents (
    doc_id           TEXT COLLATE "C" PRIMARY KEY,
    path             TEXT COLLATE "C" NOT NULL,
    kind             TEXT COLLATE "C" NOT NULL CHECK (kind IN ('txt', 'html')),
    container        TEXT COLLATE "C",
    url              TEXT COLLATE "C",
    title            TEXT COLLATE "C",
    outlet           TEXT COLLATE "C",
    published        TEXT COLLATE "C",
    published_from   TEXT COLLATE "C" CHECK (published_from IN ('metadata', 'html', 'text')),
    language         TEXT COLLATE "C",
    text             TEXT COLLATE "C" NOT NULL,
    raw              TEXT COLLATE "C" NOT NULL,
    meta_json        TEXT COLLATE "C" NOT NULL,
    pipeline_version TEXT COLLATE "C" NOT NULL,
    superseded_by    TEXT COLLATE "C" REFERENCES documents(doc_id),
    ingested_at      TEXT COLLATE "C" NOT NULL,
    ingest_seq       BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE
);
CREATE INDEX documents_path ON documents(path);
CREATE INDEX documents_published ON documents(published);

CREATE TABLE document_paths (
    path    TEXT COLLATE "C" NOT NULL,
    doc_id  TEXT COLLATE "C" NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
    PRIMARY KEY (path, doc_id)
);
CREATE INDEX document_paths_doc ON document_paths(doc_id);

CREATE TABLE blocks (
    doc_id    TEXT COLLATE "C" NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
    idx       INTEGER NOT NULL,
    label     TEXT COLLATE "C" NOT NULL,
    reason    TEXT COLLATE "C",
    language  TEXT COLLATE "C",
    start     INTEGER,
    "end"     INTEGER,
    text      TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (doc_id, idx)
);

CREATE TABLE sentences (
    doc_id    TEXT COLLATE "C" NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
    idx       INTEGER NOT NULL,
    start     INTEGER NOT NULL,
    "end"     INTEGER NOT NULL,
    language  TEXT COLLATE "C",
    PRIMARY KEY (doc_id, idx)
);

CREATE TABLE entities (
    doc_id    TEXT COLLATE "C" NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
    sent_idx  INTEGER NOT NULL,
    start     INTEGER NOT NULL,
    "end"     INTEGER NOT NULL,
    label     TEXT COLLATE "C" NOT NULL,
    kb_id     TEXT COLLATE "C",
    text      TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (doc_id, start, "end", label)
);

CREATE TABLE mentions (
    mention_id  TEXT COLLATE "C" PRIMARY KEY,
    doc_id      TEXT COLLATE "C" NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
    idx         INTEGER NOT NULL,
    data_json   TEXT COLLATE "C" NOT NULL,
    event_id    TEXT COLLATE "C"
);
CREATE INDEX mentions_doc ON mentions(doc_id);
CREATE INDEX mentions_event ON mentions(event_id);

CREATE TABLE events (
    event_id        TEXT COLLATE "C" PRIMARY KEY,
    event_date      TEXT COLLATE "C",
    event_type      TEXT COLLATE "C" NOT NULL,
    sub_event_type  TEXT COLLATE "C" NOT NULL,
    country         TEXT COLLATE "C",
    admin1          TEXT COLLATE "C",
    latitude        DOUBLE PRECISION,
    longitude       DOUBLE PRECISION,
    data_json       TEXT COLLATE "C" NOT NULL
);
CREATE INDEX events_date ON events(event_date);

CREATE TABLE event_sources (
    event_id  TEXT COLLATE "C" NOT NULL REFERENCES events(event_id) ON DELETE CASCADE,
    doc_id    TEXT COLLATE "C" NOT NULL REFERENCES documents(doc_id),
    PRIMARY KEY (event_id, doc_id)
);
CREATE INDEX event_sources_doc ON event_sources(doc_id);

CREATE TABLE claims (
    mention_id  TEXT COLLATE "C" NOT NULL REFERENCES mentions(mention_id) ON DELETE CASCADE,
    idx         INTEGER NOT NULL,
    doc_id      TEXT COLLATE "C" NOT NULL,
    kind        TEXT COLLATE "C" NOT NULL,
    claimant    TEXT COLLATE "C",
    value_json  TEXT COLLATE "C",
    quote       TEXT COLLATE "C",
    PRIMARY KEY (mention_id, idx)
);

CREATE TABLE evidence (
    mention_id  TEXT COLLATE "C" NOT NULL REFERENCES mentions(mention_id) ON DELETE CASCADE,
    idx         INTEGER NOT NULL,
    doc_id      TEXT COLLATE "C" NOT NULL,
    start       INTEGER NOT NULL,
    "end"       INTEGER NOT NULL,
    text        TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (mention_id, idx)
);

CREATE TABLE event_redirects (
    old_id  TEXT COLLATE "C" PRIMARY KEY,
    new_id  TEXT COLLATE "C" NOT NULL
);
