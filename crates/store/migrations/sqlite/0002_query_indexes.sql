-- sitrep store, version 2 (SQLite): indexes that let a filtered first page
-- read only the rows it returns. Keep in step with ../postgres/0002_query_indexes.sql.

-- Each event's actors once (any role), ordered by event within an actor:
-- an actor's events in ingest order straight from the primary key.
CREATE TABLE actor_events (
    actor TEXT NOT NULL,
    event_seq INTEGER NOT NULL,
    PRIMARY KEY (actor, event_seq)
) WITHOUT ROWID;
INSERT INTO actor_events (actor, event_seq) SELECT DISTINCT actor, event_seq FROM event_actors;

-- Located events as points in an R*Tree, for bounding-box searches.
CREATE VIRTUAL TABLE event_box USING rtree (seq, min_lon, max_lon, min_lat, max_lat);
INSERT INTO event_box (seq, min_lon, max_lon, min_lat, max_lat)
    SELECT seq, lon, lon, lat, lat FROM events WHERE lat IS NOT NULL AND lon IS NOT NULL;

-- Dated events as day intervals in an R*Tree, for date-range searches
-- (an interval overlap is not one range of a b-tree).
CREATE VIRTUAL TABLE event_days USING rtree (seq, first, last);
INSERT INTO event_days (seq, first, last) SELECT seq, day_start, day_end FROM events WHERE day_start IS NOT NULL;

ANALYZE;
