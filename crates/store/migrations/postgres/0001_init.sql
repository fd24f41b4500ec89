-- sitrep store, version 1 (PostgreSQL). Keep in step with ../sqlite/0001_init.sql.
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

-- One row per stored article, in ingest order (seq). `record` is the
-- stripped Document as JSON (metadata, entities, events; text = evidence).
CREATE TABLE documents (
    seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    url TEXT UNIQUE,
    text_hash TEXT NOT NULL UNIQUE,
    title TEXT,
    outlet TEXT NOT NULL,
    published TEXT,
    record TEXT NOT NULL
);
CREATE INDEX documents_outlet ON documents (outlet, seq);

CREATE TABLE doc_entities (
    doc_seq BIGINT NOT NULL REFERENCES documents (seq),
    entity TEXT NOT NULL,
    PRIMARY KEY (doc_seq, entity)
);
CREATE INDEX doc_entities_entity ON doc_entities (entity, doc_seq);

-- One row per event report; day_start/day_end: the date as an inclusive
-- day interval (days since 1970-01-01), NULL when undated.
CREATE TABLE events (
    seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    doc_seq BIGINT NOT NULL REFERENCES documents (seq),
    doc_id TEXT NOT NULL,
    event_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    mode TEXT,
    status TEXT NOT NULL,
    place TEXT,
    lat DOUBLE PRECISION,
    lon DOUBLE PRECISION,
    day_start BIGINT,
    day_end BIGINT,
    outlet TEXT NOT NULL,
    cluster TEXT,
    evidence TEXT NOT NULL,
    record TEXT NOT NULL,
    UNIQUE (doc_id, event_id)
);
CREATE INDEX events_kind ON events (kind, seq);
CREATE INDEX events_mode ON events (mode, seq);
CREATE INDEX events_status ON events (status, seq);
CREATE INDEX events_place ON events (place, seq);
CREATE INDEX events_outlet ON events (outlet, seq);
CREATE INDEX events_cluster ON events (cluster, seq);
CREATE INDEX events_day ON events (day_start, day_end);
CREATE INDEX events_latlon ON events (lat, lon);
CREATE INDEX events_doc ON events (doc_seq);

-- Actors of an event by role: source, target, claimant.
CREATE TABLE event_actors (
    event_seq BIGINT NOT NULL REFERENCES events (seq),
    actor TEXT NOT NULL,
    role TEXT NOT NULL,
    PRIMARY KEY (actor, event_seq, role)
);

-- Words of the evidence sentences, for text search (the `simple` configuration: no stemming).
ALTER TABLE events ADD COLUMN tsv tsvector GENERATED ALWAYS AS (to_tsvector('simple', evidence)) STORED;
CREATE INDEX events_tsv ON events USING GIN (tsv);

-- The derived picture, rebuilt by refresh(); `record` is the picture
-- type as JSON, the other columns are there to filter and sort.
CREATE TABLE clusters (
    seq BIGINT PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    status TEXT NOT NULL,
    place TEXT,
    day_start BIGINT,
    day_end BIGINT,
    reports BIGINT NOT NULL,
    record TEXT NOT NULL
);
CREATE INDEX clusters_kind ON clusters (kind, reports);
CREATE INDEX clusters_place ON clusters (place);
CREATE INDEX clusters_reports ON clusters (reports, seq);
CREATE TABLE cluster_actors (
    cluster_seq BIGINT NOT NULL,
    actor TEXT NOT NULL,
    PRIMARY KEY (actor, cluster_seq)
);
CREATE TABLE entity_info (
    seq BIGINT PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    docs BIGINT NOT NULL,
    record TEXT NOT NULL
);
CREATE INDEX entity_info_kind ON entity_info (kind, docs);
CREATE INDEX entity_info_docs ON entity_info (docs, seq);
CREATE TABLE edges (seq BIGINT PRIMARY KEY, relation TEXT NOT NULL, record TEXT NOT NULL);
CREATE TABLE control (seq BIGINT PRIMARY KEY, place TEXT NOT NULL UNIQUE, record TEXT NOT NULL);
CREATE TABLE contradictions (seq BIGINT PRIMARY KEY, kind TEXT NOT NULL, record TEXT NOT NULL);
CREATE TABLE sources (seq BIGINT PRIMARY KEY, outlet TEXT NOT NULL UNIQUE, record TEXT NOT NULL);
