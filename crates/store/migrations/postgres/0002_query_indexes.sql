-- sitrep store, version 2 (PostgreSQL): indexes that let a filtered first
-- page read only the rows it returns. Keep in step with ../sqlite/0002_query_indexes.sql.

-- Each event's actors once (any role), ordered by event within an actor.
CREATE TABLE actor_events (
    actor TEXT NOT NULL,
    event_seq BIGINT NOT NULL,
    PRIMARY KEY (actor, event_seq)
);
INSERT INTO actor_events (actor, event_seq) SELECT DISTINCT actor, event_seq FROM event_actors;

-- Bounding boxes use the (lat, lon) b-tree of version 1.
ANALYZE;
