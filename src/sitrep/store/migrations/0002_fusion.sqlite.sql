-- Sitrep store, schema 2 (issue 5): cross-document fusion and the control ledger.
-- Every merge is explainable (fusion_members.score/reasons), candidates come from an R*Tree over (day, lat, lon),
-- near-duplicate documents are linked through MinHash LSH bands, and control statements have their own table.

CREATE TABLE fusion_events (                     -- one row per fused event: its R*Tree row and its founding mention
    rid         INTEGER PRIMARY KEY AUTOINCREMENT,
    event_id    TEXT NOT NULL UNIQUE,
    founder     TEXT NOT NULL,                   -- mention_id whose hash is the event id
    loc_key     TEXT,                            -- location name key, for events without coordinates
    created_at  TEXT NOT NULL
);

CREATE VIRTUAL TABLE fusion_rtree USING rtree(   -- blocking index: day ordinal x latitude x longitude boxes
    rid, day_lo, day_hi, lat_lo, lat_hi, lon_lo, lon_hi
);

CREATE TABLE fusion_members (                    -- which mention is in which event, and why
    mention_id  TEXT PRIMARY KEY,
    event_id    TEXT NOT NULL,
    doc_id      TEXT NOT NULL,
    seq         INTEGER NOT NULL,                -- order of fusion (documents in ingestion order, then mention index)
    role        TEXT NOT NULL CHECK (role IN ('founder', 'match', 'duplicate')),
    score       REAL,                            -- similarity to the event when it joined (null for founders)
    reasons     TEXT NOT NULL DEFAULT '[]',      -- JSON list of human-readable reasons
    fused_at    TEXT NOT NULL
);
CREATE INDEX fusion_members_event ON fusion_members(event_id);
CREATE INDEX fusion_members_doc ON fusion_members(doc_id);

CREATE TABLE fusion_merges (                     -- two existing events merged by a bridging mention
    old_id      TEXT NOT NULL,
    new_id      TEXT NOT NULL,
    mention_id  TEXT NOT NULL,
    score       REAL NOT NULL,
    reasons     TEXT NOT NULL,
    merged_at   TEXT NOT NULL
);

CREATE TABLE doc_minhash (                       -- near-duplicate detection: LSH band keys of each document
    band_key    TEXT NOT NULL,
    doc_id      TEXT NOT NULL,
    PRIMARY KEY (band_key, doc_id)
);
CREATE INDEX doc_minhash_doc ON doc_minhash(doc_id);

CREATE TABLE doc_duplicates (                    -- doc_id is a near-duplicate of (a copy of) original
    doc_id      TEXT PRIMARY KEY,
    original    TEXT NOT NULL,
    similarity  REAL NOT NULL                    -- Jaccard similarity of word 5-shingles
);

CREATE TABLE fusion_docs (                       -- documents whose duplicates and control statements are done
    doc_id      TEXT PRIMARY KEY,
    seq         INTEGER NOT NULL
);

CREATE TABLE control_statements (                -- "ISIS is controlling nearly 70% of Yarmouk Camp"
    doc_id      TEXT NOT NULL,
    idx         INTEGER NOT NULL,
    place       TEXT NOT NULL,                   -- gazetteer name
    place_text  TEXT NOT NULL,
    latitude    REAL,
    longitude   REAL,
    admin1      TEXT,
    actor       TEXT NOT NULL,                   -- canonical actor name
    share       REAL,                            -- 0-1, null when the text gives none
    status      TEXT NOT NULL CHECK (status IN ('reported', 'claimed')),
    claimant    TEXT,
    since       TEXT,                            -- ISO date the statement speaks for (publication date, else null)
    start       INTEGER NOT NULL,
    "end"       INTEGER NOT NULL,
    text        TEXT NOT NULL,
    PRIMARY KEY (doc_id, idx)
);
CREATE INDEX control_statements_place ON control_statements(place);

-- Events made by the one-event-per-mention fusion of schema 1 are re-fused at the next run. Their ids survive:
-- an event's id is still the hash of its founding mention.
DELETE FROM event_sources;
DELETE FROM events;
UPDATE mentions SET event_id = NULL;
