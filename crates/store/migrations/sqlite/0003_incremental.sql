-- sitrep store, version 3 (sqlite): what an incremental refresh needs.
-- Keep in step with the other engine's 0003_incremental.sql.

-- Each clustered report's block keys (sitrep_picture::block_keys, own cell)
-- with its first day (undated: a large negative number): a new report's
-- candidates are the stored reports nearest in date under its lookup keys.
CREATE TABLE event_blocks (
    key TEXT NOT NULL,
    day INTEGER NOT NULL,
    event_seq INTEGER NOT NULL,
    PRIMARY KEY (key, day, event_seq)
);

-- Documents whose events are in the picture (clustered, counted).
ALTER TABLE documents ADD COLUMN pictured INTEGER NOT NULL DEFAULT 0;
CREATE INDEX documents_unpictured ON documents (pictured, seq);

-- Derived rows are replaced per cluster, place, actor pair and outlet.
ALTER TABLE clusters ADD COLUMN sole_outlet TEXT;
CREATE INDEX clusters_sole_outlet ON clusters (sole_outlet, seq);
CREATE INDEX clusters_first ON clusters (day_start, seq);
CREATE INDEX clusters_last ON clusters (day_end, seq);
CREATE INDEX clusters_id_seq ON clusters (id, seq);
CREATE TABLE cluster_pairs (
    source TEXT NOT NULL,
    target TEXT NOT NULL,
    relation TEXT NOT NULL,
    cluster_seq INTEGER NOT NULL,
    PRIMARY KEY (source, target, relation, cluster_seq)
);
CREATE INDEX cluster_pairs_cluster ON cluster_pairs (cluster_seq);
ALTER TABLE edges ADD COLUMN source TEXT NOT NULL DEFAULT '';
ALTER TABLE edges ADD COLUMN target TEXT NOT NULL DEFAULT '';
ALTER TABLE edges ADD COLUMN weight INTEGER NOT NULL DEFAULT 0;
CREATE INDEX edges_order ON edges (weight, relation, source, target);
CREATE INDEX edges_pair ON edges (source, target, relation);
ALTER TABLE contradictions ADD COLUMN cluster TEXT;
CREATE INDEX contradictions_cluster ON contradictions (cluster);
ALTER TABLE contradictions ADD COLUMN place TEXT;
CREATE INDEX contradictions_place ON contradictions (place);
CREATE TABLE control_clusters (
    cluster TEXT NOT NULL,
    place TEXT NOT NULL,
    PRIMARY KEY (cluster, place)
);
CREATE INDEX control_clusters_place ON control_clusters (place);
CREATE INDEX entity_info_order ON entity_info (docs, id);

-- Stores written before version 3 are re-clustered once by the next
-- refresh, which also fills the tables above.
INSERT INTO meta (key, value) SELECT 'rebuild', '1' WHERE EXISTS (SELECT 1 FROM documents);
INSERT INTO meta (key, value) SELECT 'picture_stale', '1' WHERE EXISTS (SELECT 1 FROM documents)
    ON CONFLICT (key) DO UPDATE SET value = excluded.value;
