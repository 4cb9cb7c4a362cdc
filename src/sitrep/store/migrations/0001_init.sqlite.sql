-- Sitrep store, schema 1: documents and the cleaner's decisions; room for sentences, entities, event mentions,
-- fused events, their sources, claims and evidence, and id redirects after merges.
CREATE TABLE documents (
    doc_id           TEXT PRIMARY KEY,           -- content hash (sitrep.ingest.doc_id_for)
    path             TEXT NOT NULL,              -- first path it was read from; 'file.jsonl#id' for jsonl lines
    kind             TEXT NOT NULL CHECK (kind IN ('txt', 'html')),
    container        TEXT,                       -- 'jsonl' or NULL
    url              TEXT,
    title            TEXT,
    outlet           TEXT,
    published        TEXT,                       -- ISO date or NULL
    published_from   TEXT CHECK (published_from IN ('metadata', 'html', 'text')),
    language         TEXT,
    text             TEXT NOT NULL,              -- cleaned article body; evidence offsets point into it
    raw              TEXT NOT NULL,              -- the input as read, so the pipeline can re-derive everything
    meta_json        TEXT NOT NULL,              -- metadata given with the input
    pipeline_version TEXT NOT NULL,
    superseded_by    TEXT REFERENCES documents(doc_id),
    ingested_at      TEXT NOT NULL
);
CREATE INDEX documents_path ON documents(path);
CREATE INDEX documents_published ON documents(published);

CREATE TABLE document_paths (                    -- every path a document was read from
    path    TEXT NOT NULL,
    doc_id  TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
    PRIMARY KEY (path, doc_id)
);

CREATE TABLE blocks (                            -- every line of the input and the cleaner's label for it
    doc_id    TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
    idx       INTEGER NOT NULL,
    label     TEXT NOT NULL,
    reason    TEXT,
    language  TEXT,
    start     INTEGER,                           -- offsets in documents.text for kept blocks, else NULL
    "end"     INTEGER,
    text      TEXT NOT NULL,
    PRIMARY KEY (doc_id, idx)
);

CREATE TABLE sentences (
    doc_id    TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
    idx       INTEGER NOT NULL,
    start     INTEGER NOT NULL,
    "end"     INTEGER NOT NULL,
    language  TEXT,
    PRIMARY KEY (doc_id, idx)
);

CREATE TABLE entities (
    doc_id    TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
    sent_idx  INTEGER NOT NULL,
    start     INTEGER NOT NULL,
    "end"     INTEGER NOT NULL,
    label     TEXT NOT NULL,
    kb_id     TEXT,
    text      TEXT NOT NULL,
    PRIMARY KEY (doc_id, start, "end", label)
);

CREATE TABLE mentions (                          -- one event as one document states it (resolved)
    mention_id  TEXT PRIMARY KEY,
    doc_id      TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
    idx         INTEGER NOT NULL,
    data_json   TEXT NOT NULL,
    event_id    TEXT                             -- the fused event it belongs to
);
CREATE INDEX mentions_doc ON mentions(doc_id);
CREATE INDEX mentions_event ON mentions(event_id);

CREATE TABLE events (                            -- fused events, as exported
    event_id        TEXT PRIMARY KEY,
    event_date      TEXT,
    event_type      TEXT NOT NULL,
    sub_event_type  TEXT NOT NULL,
    country         TEXT,
    admin1          TEXT,
    latitude        REAL,
    longitude       REAL,
    data_json       TEXT NOT NULL
);
CREATE INDEX events_date ON events(event_date);

CREATE TABLE event_sources (
    event_id  TEXT NOT NULL REFERENCES events(event_id) ON DELETE CASCADE,
    doc_id    TEXT NOT NULL REFERENCES documents(doc_id),
    PRIMARY KEY (event_id, doc_id)
);

CREATE TABLE claims (
    mention_id  TEXT NOT NULL REFERENCES mentions(mention_id) ON DELETE CASCADE,
    idx         INTEGER NOT NULL,
    doc_id      TEXT NOT NULL,
    kind        TEXT NOT NULL,
    claimant    TEXT,
    value_json  TEXT,
    quote       TEXT,
    PRIMARY KEY (mention_id, idx)
);

CREATE TABLE evidence (
    mention_id  TEXT NOT NULL REFERENCES mentions(mention_id) ON DELETE CASCADE,
    idx         INTEGER NOT NULL,
    doc_id      TEXT NOT NULL,
    start       INTEGER NOT NULL,
    "end"       INTEGER NOT NULL,
    text        TEXT NOT NULL,
    PRIMARY KEY (mention_id, idx)
);

CREATE TABLE event_redirects (                   -- a merged event's id points to its survivor
    old_id  TEXT PRIMARY KEY,
    new_id  TEXT NOT NULL
);
