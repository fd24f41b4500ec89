//! Reading: filtered, paginated queries over the stored events and the
//! derived picture, for `serve`. Each filter maps to an indexed column (or
//! the actor and word indexes); results are the model's and the picture's
//! own serde types.

use crate::engine::{Backend, Conn, Row, Value};
use crate::{Result, Store};
use serde::{Deserialize, Serialize};
use sitrep_model::{Document, EntityType, Event, PartialDate, Status};
use sitrep_picture::{Cluster, Contradiction, ContradictionKind, DocInfo, Edge, EntityInfo, PlaceControl, Relation, SourceProfile};

/// Which page of a list: `limit` is clamped to 1..=1000.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageReq {
    pub offset: u64,
    pub limit: u32,
}

impl Default for PageReq {
    fn default() -> Self {
        PageReq { offset: 0, limit: 50 }
    }
}

impl PageReq {
    fn limit(&self) -> i64 {
        i64::from(self.limit.clamp(1, 1000))
    }
}

/// One page of results; `next_offset` is set when there are more.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub next_offset: Option<u64>,
}

/// Filters over event reports; every one given must hold.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct EventFilter {
    /// An entity id as source, target or claimant.
    pub actor: Option<String>,
    /// PLOVER type ("ASSAULT").
    pub kind: Option<String>,
    pub mode: Option<String>,
    /// The location's entity id.
    pub place: Option<String>,
    /// [min_lon, min_lat, max_lon, max_lat].
    pub bbox: Option<[f64; 4]>,
    /// The event's date interval overlaps [from, to].
    pub from: Option<PartialDate>,
    pub to: Option<PartialDate>,
    pub status: Option<Status>,
    /// The document's outlet (`unknown: <doc id>` when it has none).
    pub outlet: Option<String>,
    pub cluster: Option<String>,
    /// Words that must all appear in the evidence sentence.
    pub text: Option<String>,
}

/// One event report with what a reader needs beside it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventHit {
    pub doc: String,
    pub outlet: String,
    pub published: Option<PartialDate>,
    /// The sentence the event was read from.
    pub evidence: String,
    pub event: Event,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DocFilter {
    pub outlet: Option<String>,
    /// A substring of the title (case-insensitive).
    pub text: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct EntityFilter {
    pub kind: Option<EntityType>,
    /// A substring of the name (case-insensitive).
    pub name: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ClusterFilter {
    pub kind: Option<String>,
    /// A side as the cluster's source or target.
    pub actor: Option<String>,
    pub place: Option<String>,
    pub from: Option<PartialDate>,
    pub to: Option<PartialDate>,
    pub status: Option<Status>,
}

/// A real-world event with its reports.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClusterDetail {
    pub cluster: Cluster,
    pub reports: Vec<EventHit>,
}

/// How many event reports start on one day with one type (a timeline bar).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DateCount {
    /// The first day of the events' dates (a month-precise date counts on
    /// the month's first day).
    pub date: PartialDate,
    pub kind: String,
    pub count: u64,
}

/// What the store holds.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Stats {
    pub documents: u64,
    pub entities: u64,
    pub events: u64,
    pub clusters: u64,
    pub edges: u64,
    pub places: u64,
    pub contradictions: u64,
    pub outlets: u64,
    /// First and last event dates.
    pub first: Option<PartialDate>,
    pub last: Option<PartialDate>,
    /// Documents were added since the picture was rebuilt.
    pub stale: bool,
}

/// A WHERE clause under construction.
#[derive(Default)]
struct Where {
    clauses: Vec<String>,
    params: Vec<Value>,
}

impl Where {
    fn add(&mut self, clause: &str, params: impl IntoIterator<Item = Value>) {
        self.clauses.push(clause.to_string());
        self.params.extend(params);
    }
    fn sql(&self) -> String {
        if self.clauses.is_empty() {
            String::new()
        } else {
            format!(" WHERE {}", self.clauses.join(" AND "))
        }
    }
}

/// The words of a search, each quoted for SQLite FTS5 (all must match).
fn fts_words(text: &str) -> Option<String> {
    let words: Vec<String> = text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(|w| format!("\"{w}\"")).collect();
    (!words.is_empty()).then(|| words.join(" "))
}

fn event_where(f: &EventFilter, backend: Backend) -> Where {
    let mut w = Where::default();
    if let Some(a) = &f.actor {
        w.add("e.seq IN (SELECT event_seq FROM event_actors WHERE actor = ?)", [a.as_str().into()]);
    }
    let columns = [("e.kind", &f.kind), ("e.mode", &f.mode), ("e.place", &f.place), ("e.outlet", &f.outlet), ("e.cluster", &f.cluster)];
    for (col, v) in columns {
        if let Some(v) = v {
            w.add(&format!("{col} = ?"), [v.as_str().into()]);
        }
    }
    if let Some(s) = f.status {
        w.add("e.status = ?", [s.as_str().into()]);
    }
    if let Some([x0, y0, x1, y1]) = f.bbox {
        w.add("e.lon >= ? AND e.lon <= ? AND e.lat >= ? AND e.lat <= ?", [x0.into(), x1.into(), y0.into(), y1.into()]);
    }
    if let Some(d) = f.from {
        w.add("e.day_end >= ?", [d.day_span().0.into()]);
    }
    if let Some(d) = f.to {
        w.add("e.day_start <= ?", [d.day_span().1.into()]);
    }
    if let Some(t) = f.text.as_deref().filter(|t| !t.trim().is_empty()) {
        match (backend, fts_words(t)) {
            (Backend::Sqlite, Some(q)) => w.add("e.seq IN (SELECT rowid FROM event_text WHERE event_text MATCH ?)", [q.into()]),
            (Backend::Postgres, Some(_)) => w.add("e.tsv @@ plainto_tsquery('simple', ?)", [t.into()]),
            // No word to look up (punctuation, symbols): a plain substring.
            (_, None) => w.add("LOWER(e.evidence) LIKE ?", [format!("%{}%", t.trim().to_lowercase()).into()]),
        }
    }
    w
}

/// The event columns preceded by the seq (the keyset position).
const EVENT_SELECT: &str = "SELECT e.seq, e.doc_id, e.outlet, d.published, e.evidence, e.record, e.cluster";

const EVENT_COLUMNS: &str =
    "SELECT e.doc_id, e.outlet, d.published, e.evidence, e.record, e.cluster FROM events e JOIN documents d ON d.seq = e.doc_seq";

fn event_hit(row: Row) -> Result<EventHit> {
    let mut r = row.into_iter();
    let mut next = || r.next().and_then(Value::into_text);
    let (doc, outlet, published, evidence, record, cluster) = (next(), next(), next(), next(), next(), next());
    let mut event: Event = serde_json::from_str(record.as_deref().unwrap_or("{}"))?;
    event.cluster = cluster;
    Ok(EventHit {
        doc: doc.unwrap_or_default(),
        outlet: outlet.unwrap_or_default(),
        published: published.and_then(|p| p.parse().ok()),
        evidence: evidence.unwrap_or_default(),
        event,
    })
}

/// Runs a paged query (`sql` without LIMIT) and maps its rows.
fn paged<T>(c: &mut Conn, sql: &str, mut params: Vec<Value>, page: PageReq, map: impl Fn(Row) -> Result<T>) -> Result<Page<T>> {
    let limit = page.limit();
    params.push((limit + 1).into());
    params.push((page.offset as i64).into());
    let rows = c.query(&format!("{sql} LIMIT ? OFFSET ?"), &params)?;
    let more = rows.len() as i64 > limit;
    let items = rows.into_iter().take(limit as usize).map(map).collect::<Result<Vec<T>>>()?;
    Ok(Page { next_offset: more.then(|| page.offset + limit as u64), items })
}

fn record<T: serde::de::DeserializeOwned>(row: Row) -> Result<T> {
    Ok(serde_json::from_str(row.into_iter().next().and_then(Value::into_text).as_deref().unwrap_or("null"))?)
}

fn records<T: serde::de::DeserializeOwned>(c: &mut Conn, sql: &str, params: &[Value]) -> Result<Vec<T>> {
    c.query(sql, params)?.into_iter().map(record).collect()
}

fn count(c: &mut Conn, sql: &str, params: &[Value]) -> Result<u64> {
    Ok(c.query_one(sql, params)?.and_then(|r| r[0].int()).unwrap_or(0) as u64)
}

/// Above this many matches, a bounding box or a date range is checked row
/// by row along the ingest order instead of driving the query: a page of a
/// common match is found sooner by walking than by sorting the match set.
const DRIVE_MAX: i64 = 2000;

/// Which index a page of events is read along. Each yields rows in ingest
/// order (`seq`), except the R*Trees, which are used only for match sets
/// small enough to sort.
enum Driver {
    /// `events` by one of its (column, seq) indexes or its primary key.
    Events,
    Actor,
    Text(String),
    Box,
    Days,
}

/// An event query planned along one index: FROM, WHERE, the seq column to
/// order and page by.
struct Plan {
    from: String,
    w: Where,
    seq: &'static str,
}

/// With other filters beside it, a box or date match set up to this size
/// still drives: most of it is dropped by the checks before the sort.
const DRIVE_MAX_COMBINED: i64 = 20_000;

/// Whether an R*Tree condition matches few enough rows to drive the query.
fn few(c: &mut Conn, table: &str, cond: &str, params: &[Value], combined: bool) -> Result<bool> {
    let max = if combined { DRIVE_MAX_COMBINED } else { DRIVE_MAX };
    let sql = format!("SELECT COUNT(*) FROM (SELECT 1 FROM {table} WHERE {cond} LIMIT {})", max + 1);
    Ok(count(c, &sql, params)? as i64 <= max)
}

/// The filter sets more than the box or the dates.
fn combined(f: &EventFilter) -> bool {
    f.actor.is_some() || f.kind.is_some() || f.mode.is_some() || f.status.is_some() || f.outlet.is_some() || f.text.is_some()
}

/// The bounding box slightly widened: the R*Tree keeps 32-bit coordinates;
/// the exact test is on the events' own columns.
fn box_params([x0, y0, x1, y1]: [f64; 4]) -> Vec<Value> {
    let pad = 1e-4;
    vec![(x0 - pad).into(), (x1 + pad).into(), (y0 - pad).into(), (y1 + pad).into()]
}
const BOX_COND: &str = "max_lon >= ? AND min_lon <= ? AND max_lat >= ? AND min_lat <= ?";
const DAYS_COND: &str = "last >= ? AND first <= ?";

fn day_bounds(f: &EventFilter) -> (i64, i64) {
    (f.from.map_or(i64::MIN / 4, |d| d.day_span().0), f.to.map_or(i64::MAX / 4, |d| d.day_span().1))
}

/// Picks the index a filtered page is read along: the most selective
/// filter that has one in ingest order, else a small R*Tree match set.
fn driver(c: &mut Conn, f: &EventFilter) -> Result<Driver> {
    let sqlite = c.backend() == Backend::Sqlite;
    if f.cluster.is_some() || f.place.is_some() {
        return Ok(Driver::Events);
    }
    // A small box or date match set, sorted, beats walking any other index.
    if let (Some(b), true) = (f.bbox, sqlite) {
        if few(c, "event_box", BOX_COND, &box_params(b), combined(f))? {
            return Ok(Driver::Box);
        }
    }
    if (f.from.is_some() || f.to.is_some()) && sqlite {
        let (a, b) = day_bounds(f);
        if few(c, "event_days", DAYS_COND, &[a.into(), b.into()], combined(f) || f.bbox.is_some())? {
            return Ok(Driver::Days);
        }
    }
    if f.actor.is_some() {
        return Ok(Driver::Actor);
    }
    match f.text.as_deref().and_then(fts_words) {
        Some(q) if sqlite => Ok(Driver::Text(q)),
        _ => Ok(Driver::Events),
    }
}

/// The plan of an event query: the driver's FROM, every filter the driver
/// does not apply as a row check.
fn plan(c: &mut Conn, f: &EventFilter) -> Result<Plan> {
    let backend = c.backend();
    let driver = driver(c, f)?;
    // SQLite's CROSS JOIN keeps the tables in the written order.
    let join = if backend == Backend::Sqlite { "CROSS JOIN" } else { "JOIN" };
    let mut rest = f.clone();
    let mut w = Where::default();
    let (from, seq) = match driver {
        Driver::Events => ("events e".to_string(), "e.seq"),
        Driver::Actor => {
            w.add("ae.actor = ?", [rest.actor.take().unwrap_or_default().into()]);
            (format!("actor_events ae {join} events e ON e.seq = ae.event_seq"), "ae.event_seq")
        }
        Driver::Text(q) => {
            rest.text = None;
            w.add("t.event_text MATCH ?", [q.into()]);
            (format!("event_text t {join} events e ON e.seq = t.rowid"), "t.rowid")
        }
        Driver::Box => {
            w.add(&BOX_COND.replace("max_", "bx.max_").replace("min_", "bx.min_"), box_params(rest.bbox.unwrap_or_default()));
            (format!("event_box bx {join} events e ON e.seq = bx.seq"), "e.seq")
        }
        Driver::Days => {
            let (a, b) = day_bounds(f);
            w.add("dy.last >= ? AND dy.first <= ?", [a.into(), b.into()]);
            (format!("event_days dy {join} events e ON e.seq = dy.seq"), "e.seq")
        }
    };
    if let Some(a) = rest.actor.take() {
        // One primary-key probe per row read, not the actor's whole set.
        w.add("EXISTS (SELECT 1 FROM actor_events xa WHERE xa.actor = ? AND xa.event_seq = e.seq)", [a.into()]);
    }
    let mut checks = event_where(&rest, backend);
    if backend == Backend::Sqlite {
        // Coordinates and days are checked on the rows the driver reads: a
        // unary plus keeps SQLite from reading their b-trees and sorting.
        for c in &mut checks.clauses {
            for col in ["lat", "lon", "day_start", "day_end"] {
                *c = c.replace(&format!("e.{col} "), &format!("+e.{col} "));
            }
        }
    }
    w.clauses.extend(checks.clauses);
    w.params.extend(checks.params);
    Ok(Plan { from, w, seq })
}

/// An opaque position in a list of events, for keyset pagination.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeysetPage<T> {
    pub items: Vec<T>,
    /// Pass as `after` for the next page; None at the end.
    pub next: Option<String>,
}

impl Store {
    /// Event reports matching `f`, in ingest order. Read along the index
    /// of the most selective filter, so a page costs about the same at any
    /// store size (no count, no full match set for common filters).
    pub fn events(&self, f: &EventFilter, page: PageReq) -> Result<Page<EventHit>> {
        let mut c = self.readers.get()?;
        let p = plan(&mut c, f)?;
        let sql = format!("{EVENT_SELECT} FROM {} JOIN documents d ON d.seq = e.doc_seq{} ORDER BY {}", p.from, p.w.sql(), p.seq);
        paged(&mut c, &sql, p.w.params, page, |row| event_hit(row.into_iter().skip(1).collect()))
    }

    /// Like [`Store::events`], paged by position instead of offset: `after`
    /// is the `next` of the previous page (None for the first). A deep page
    /// costs what the first one does.
    pub fn events_after(&self, f: &EventFilter, after: Option<&str>, limit: u32) -> Result<KeysetPage<EventHit>> {
        let mut c = self.readers.get()?;
        let mut p = plan(&mut c, f)?;
        if let Some(a) = after {
            let seq: i64 = a.parse().map_err(|_| crate::Error::Other(format!("bad page position {a:?}")))?;
            p.w.add(&format!("{} > ?", p.seq), [seq.into()]);
        }
        let limit = i64::from(limit.clamp(1, 1000));
        p.w.params.push((limit + 1).into());
        let sql = format!("{EVENT_SELECT} FROM {} JOIN documents d ON d.seq = e.doc_seq{} ORDER BY {} LIMIT ?", p.from, p.w.sql(), p.seq);
        let mut rows = c.query(&sql, &p.w.params)?;
        let more = rows.len() as i64 > limit;
        rows.truncate(limit as usize);
        let next = if more { rows.last().and_then(|r| r[0].int()).map(|s| s.to_string()) } else { None };
        let items = rows.into_iter().map(|row| event_hit(row.into_iter().skip(1).collect())).collect::<Result<Vec<_>>>()?;
        Ok(KeysetPage { items, next })
    }

    pub fn count_events(&self, f: &EventFilter) -> Result<u64> {
        let mut c = self.readers.get()?;
        let w = event_where(f, c.backend());
        count(&mut c, &format!("SELECT COUNT(*) FROM events e{}", w.sql()), &w.params)
    }

    pub fn event(&self, doc: &str, event: &str) -> Result<Option<EventHit>> {
        let mut c = self.readers.get()?;
        let row = c.query_one(&format!("{EVENT_COLUMNS} WHERE e.doc_id = ? AND e.event_id = ?"), &[doc.into(), event.into()])?;
        row.map(event_hit).transpose()
    }

    pub fn documents(&self, f: &DocFilter, page: PageReq) -> Result<Page<DocInfo>> {
        let mut c = self.readers.get()?;
        let mut w = Where::default();
        if let Some(o) = &f.outlet {
            w.add("outlet = ?", [o.as_str().into()]);
        }
        if let Some(t) = &f.text {
            w.add("LOWER(title) LIKE ?", [format!("%{}%", t.to_lowercase()).into()]);
        }
        let sql = format!("SELECT id, title, outlet, url, published FROM documents{} ORDER BY seq", w.sql());
        paged(&mut c, &sql, w.params, page, |row| {
            let mut r = row.into_iter().map(Value::into_text);
            let mut next = || r.next().flatten();
            let (id, title, outlet, url, published) = (next(), next(), next(), next(), next());
            Ok(DocInfo {
                id: id.unwrap_or_default(),
                title,
                outlet: outlet.filter(|o| !o.starts_with("unknown: ")),
                url,
                published: published.and_then(|p| p.parse().ok()),
            })
        })
    }

    /// One stored document (stripped: its text is its evidence sentences).
    pub fn document(&self, id: &str) -> Result<Option<Document>> {
        let mut c = self.readers.get()?;
        let Some(row) = c.query_one("SELECT record FROM documents WHERE id = ?", &[id.into()])? else {
            return Ok(None);
        };
        let mut doc: Document = record(row)?;
        for r in c.query("SELECT event_id, cluster FROM events WHERE doc_id = ?", &[id.into()])? {
            let mut r = r.into_iter().map(Value::into_text);
            let (event, cluster) = (r.next().flatten(), r.next().flatten());
            if let Some(e) = doc.events.iter_mut().find(|e| Some(&e.id) == event.as_ref()) {
                e.cluster = cluster;
            }
        }
        Ok(Some(doc))
    }

    /// Entities, most documents first.
    pub fn entities(&self, f: &EntityFilter, page: PageReq) -> Result<Page<EntityInfo>> {
        let mut c = self.readers.get()?;
        let mut w = Where::default();
        if let Some(k) = f.kind {
            w.add("kind = ?", [k.as_str().into()]);
        }
        if let Some(n) = &f.name {
            w.add("LOWER(name) LIKE ?", [format!("%{}%", n.to_lowercase()).into()]);
        }
        // Ids in byte order on either engine.
        let id = if c.backend() == crate::Backend::Postgres { "id COLLATE \"C\"" } else { "id" };
        paged(&mut c, &format!("SELECT record FROM entity_info{} ORDER BY docs DESC, {id}", w.sql()), w.params, page, record)
    }

    pub fn entity(&self, id: &str) -> Result<Option<EntityInfo>> {
        let mut c = self.readers.get()?;
        c.query_one("SELECT record FROM entity_info WHERE id = ?", &[id.into()])?.map(record).transpose()
    }

    /// Clusters, most reports first.
    pub fn clusters(&self, f: &ClusterFilter, page: PageReq) -> Result<Page<Cluster>> {
        let mut c = self.readers.get()?;
        let mut w = Where::default();
        if let Some(a) = &f.actor {
            w.add("seq IN (SELECT cluster_seq FROM cluster_actors WHERE actor = ?)", [a.as_str().into()]);
        }
        if let Some(k) = &f.kind {
            w.add("kind = ?", [k.as_str().into()]);
        }
        if let Some(p) = &f.place {
            w.add("place = ?", [p.as_str().into()]);
        }
        if let Some(s) = f.status {
            w.add("status = ?", [s.as_str().into()]);
        }
        if let Some(d) = f.from {
            w.add("day_end >= ?", [d.day_span().0.into()]);
        }
        if let Some(d) = f.to {
            w.add("day_start <= ?", [d.day_span().1.into()]);
        }
        paged(&mut c, &format!("SELECT record FROM clusters{} ORDER BY reports DESC, seq", w.sql()), w.params, page, record)
    }

    pub fn cluster(&self, id: &str) -> Result<Option<ClusterDetail>> {
        let mut c = self.readers.get()?;
        let Some(row) = c.query_one("SELECT record FROM clusters WHERE id = ?", &[id.into()])? else {
            return Ok(None);
        };
        let cluster: Cluster = record(row)?;
        let rows = c.query(&format!("{EVENT_COLUMNS} WHERE e.cluster = ? ORDER BY e.seq"), &[id.into()])?;
        let reports = rows.into_iter().map(event_hit).collect::<Result<Vec<_>>>()?;
        Ok(Some(ClusterDetail { cluster, reports }))
    }

    /// The actor network (all relations, or one), strongest first (then by
    /// relation, source, target; sorted here, so in byte order on any
    /// collation).
    pub fn network(&self, relation: Option<Relation>) -> Result<Vec<Edge>> {
        let mut c = self.readers.get()?;
        let mut edges: Vec<Edge> = match relation {
            Some(r) => {
                let rel = serde_json::to_value(r)?.as_str().unwrap_or("").to_string();
                records(&mut c, "SELECT record FROM edges WHERE relation = ?", &[rel.into()])?
            }
            None => records(&mut c, "SELECT record FROM edges", &[])?,
        };
        edges.sort_by(|a, b| b.weight.cmp(&a.weight).then(a.relation.cmp(&b.relation)).then(a.source.cmp(&b.source)).then(a.target.cmp(&b.target)));
        Ok(edges)
    }

    /// Who held each place when.
    pub fn control(&self) -> Result<Vec<PlaceControl>> {
        let mut c = self.readers.get()?;
        let mut v: Vec<PlaceControl> = records(&mut c, "SELECT record FROM control", &[])?;
        v.sort_by(|a, b| a.place.cmp(&b.place));
        Ok(v)
    }

    pub fn control_of(&self, place: &str) -> Result<Option<PlaceControl>> {
        let mut c = self.readers.get()?;
        c.query_one("SELECT record FROM control WHERE place = ?", &[place.into()])?.map(record).transpose()
    }

    pub fn contradictions(&self, kind: Option<ContradictionKind>) -> Result<Vec<Contradiction>> {
        let mut c = self.readers.get()?;
        match kind {
            Some(k) => {
                let k = serde_json::to_value(k)?.as_str().unwrap_or("").to_string();
                records(&mut c, "SELECT record FROM contradictions WHERE kind = ? ORDER BY seq", &[k.into()])
            }
            None => records(&mut c, "SELECT record FROM contradictions ORDER BY seq", &[]),
        }
    }

    pub fn sources(&self) -> Result<Vec<SourceProfile>> {
        let mut c = self.readers.get()?;
        let mut v: Vec<SourceProfile> = records(&mut c, "SELECT record FROM sources", &[])?;
        v.sort_by(|a, b| a.outlet.cmp(&b.outlet));
        // Not stored in the row: it would be rewritten with every refresh.
        for s in &mut v {
            s.exclusive = c
                .query("SELECT id FROM clusters WHERE sole_outlet = ? ORDER BY seq", &[s.outlet.as_str().into()])?
                .into_iter()
                .filter_map(|r| r.into_iter().next().and_then(Value::into_text))
                .collect();
        }
        Ok(v)
    }

    pub fn stats(&self) -> Result<Stats> {
        let mut c = self.readers.get()?;
        let mut n = |table: &str| count(&mut c, &format!("SELECT COUNT(*) FROM {table}"), &[]);
        let mut s = Stats {
            documents: n("documents")?,
            entities: n("entity_info")?,
            events: n("events")?,
            clusters: n("clusters")?,
            edges: n("edges")?,
            places: n("control")?,
            contradictions: n("contradictions")?,
            outlets: n("sources")?,
            ..Stats::default()
        };
        let period = crate::write::get_meta(&mut c, "period")?;
        if let Some((first, last)) = period.and_then(|p| serde_json::from_str::<Option<(PartialDate, PartialDate)>>(&p).ok()).flatten() {
            s.first = Some(first);
            s.last = Some(last);
        }
        s.stale = crate::write::get_meta(&mut c, "picture_stale")?.as_deref() == Some("1");
        Ok(s)
    }

    /// Problems the database engine finds in its files (SQLite's
    /// `integrity_check`); empty when all is well. PostgreSQL checks itself.
    pub fn check(&self) -> Result<Vec<String>> {
        let mut c = self.readers.get()?;
        if c.backend() == Backend::Postgres {
            return Ok(Vec::new());
        }
        let rows = c.query("PRAGMA integrity_check", &[])?;
        Ok(rows.into_iter().filter_map(|r| r.into_iter().next().and_then(Value::into_text)).filter(|m| m != "ok").collect())
    }
}

impl Store {
    /// Dated event reports matching `f`, counted per start day and type, in
    /// day order: the timeline of a filtered view without fetching events.
    pub fn event_histogram(&self, f: &EventFilter) -> Result<Vec<DateCount>> {
        let mut c = self.readers.get()?;
        let mut w = event_where(f, c.backend());
        w.add("e.day_start IS NOT NULL", []);
        let sql = format!("SELECT e.day_start, e.kind, COUNT(*) FROM events e{} GROUP BY e.day_start, e.kind ORDER BY e.day_start, e.kind", w.sql());
        let rows = c.query(&sql, &w.params)?;
        Ok(rows
            .into_iter()
            .filter_map(|row| {
                let day = row.first()?.int()?;
                let (y, m, d) = sitrep_model::civil_from_days(day);
                Some(DateCount { date: PartialDate::day(y, m as u8, d as u8), kind: row.get(1)?.text()?.to_string(), count: row.get(2)?.int()? as u64 })
            })
            .collect())
    }
}
