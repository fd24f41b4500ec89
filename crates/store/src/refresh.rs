//! Bringing the derived picture up to date.
//!
//! Incremental (the usual case): documents not yet in the picture are taken
//! `CHUNK_DOCS` at a time, in ingest order, each chunk in one transaction.
//! A chunk's new reports find their candidate stored reports through the
//! `event_blocks` keys (the nearest `WINDOW` in date on either side under
//! each lookup key, as the batch clustering compares a report with its
//! date neighbours in a large block); the clusters those candidates belong
//! to are loaded whole (a join checks every member) and
//! `sitrep_picture::extend_clusters` places the new reports. Then only the
//! rows that depend on touched clusters are rebuilt, with
//! `sitrep_picture::build` on the touched clusters' reports: their summaries
//! and contradictions, the control history of their places, the network
//! edges of their actor pairs, the profiles of their outlets, and the
//! entity counts of the new documents. Nothing else is read.
//!
//! Batch ([`Store::recluster`]): every stored document is clustered again
//! with `sitrep_picture::assign_clusters` and every derived row rewritten,
//! exactly what the picture stage gives the same documents.

use crate::engine::{Conn, Value};
use crate::write::{get_meta, set_meta, Refreshed, DIRTY};
use crate::{Result, Store};
use sitrep_model::{Document, PartialDate, Status};
use sitrep_picture::{Cluster, Contradiction, ContradictionKind, Edge, EntityInfo, PlaceControl, Relation, SourceProfile};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

/// Documents per refresh transaction: bounds the memory of a refresh.
const CHUNK_DOCS: i64 = 256;
/// Stored reports taken on either side of a new report's date per key.
const WINDOW: i64 = 60;
/// The day stored for an undated report (sorts before every dated one).
const UNDATED: i64 = -1_000_000_000;
/// Values per `IN (...)` list.
const IN_LIST: usize = 200;

type Side<'a> = &'a dyn Fn(&str) -> String;

impl Store {
    /// Brings the derived picture up to date when documents were added since
    /// the last refresh (or when `force`, which re-clusters everything as
    /// [`Store::recluster`] does). A store written before schema version 3
    /// is re-clustered once. `side` maps an entity id to the side it stands
    /// for (the KB's).
    pub fn refresh(&self, side: &dyn Fn(&str) -> String, force: bool) -> Result<Refreshed> {
        let mut conn = self.pool.get()?;
        if force || get_meta(&mut conn, "rebuild")?.as_deref() == Some("1") {
            drop(conn);
            return self.recluster(side);
        }
        if !self.is_stale()? {
            return Ok(Refreshed::default());
        }
        let mut events = 0;
        while let Some(n) = conn.transaction(|c| extend_chunk(c, side))? {
            events += n;
        }
        conn.transaction(|c| {
            write_period(c)?;
            if c.query_one("SELECT seq FROM documents WHERE pictured = 0 LIMIT 1", &[])?.is_none() {
                set_meta(c, DIRTY, "0")?;
            }
            Ok(())
        })?;
        Ok(Refreshed { rebuilt: true, events, clusters: count(&mut conn, "clusters")? })
    }

    /// Re-clusters every stored event with the batch picture stage and
    /// rewrites every derived row (`sitrep ingest --recluster`). Holds all
    /// stored documents in memory while it runs.
    pub fn recluster(&self, side: &dyn Fn(&str) -> String) -> Result<Refreshed> {
        let mut docs = self.load_documents()?;
        for d in &mut docs {
            for e in &mut d.events {
                e.cluster = None;
            }
        }
        sitrep_picture::assign_clusters(&mut docs, side);
        let picture = sitrep_picture::build(&docs, side);
        let mut conn = self.pool.get()?;
        let events = conn.transaction(|c| {
            let seqs = event_seqs(c)?;
            for table in ["cluster_actors", "cluster_pairs", "clusters", "entity_info", "edges", "control", "control_clusters", "contradictions", "sources", "event_blocks"] {
                c.exec(&format!("DELETE FROM {table}"), &[])?;
            }
            let mut first: HashMap<&str, i64> = HashMap::new();
            let mut n = 0u64;
            for d in &docs {
                for e in &d.events {
                    let seq = seqs.get(&(d.id.clone(), e.id.clone())).copied().unwrap_or_default();
                    let cluster = e.cluster.as_deref().unwrap_or_default();
                    c.exec("UPDATE events SET cluster = ? WHERE seq = ?", &[cluster.into(), seq.into()])?;
                    first.entry(cluster).or_insert(seq);
                    insert_blocks(c, d, e, seq, side)?;
                    n += 1;
                }
            }
            for cl in &picture.clusters {
                insert_cluster(c, cl, first[cl.id.as_str()])?;
            }
            for pc in &picture.control {
                write_place(c, pc)?;
            }
            insert_contradictions(c, &picture.contradictions, &|id| first.get(id).copied().unwrap_or_default())?;
            for e in &picture.network {
                write_edge(c, e)?;
            }
            for s in &picture.sources {
                write_source(c, s)?;
            }
            // The entities the documents name (the picture adds the sides
            // no document names; an incremental refresh counts only the
            // named ones, so the batch stores the same).
            let named: HashSet<&str> = docs.iter().flat_map(|d| d.entities.iter().map(|e| e.id.as_str())).collect();
            for e in picture.entities.iter().filter(|e| named.contains(e.id.as_str())) {
                write_entity(c, e)?;
            }
            c.exec("UPDATE documents SET pictured = 1", &[])?;
            set_meta(c, "next_cluster", &(picture.clusters.len() + 1).to_string())?;
            set_meta(c, "rebuild", "0")?;
            write_period(c)?;
            set_meta(c, DIRTY, "0")?;
            Ok(n)
        })?;
        Ok(Refreshed { rebuilt: true, events, clusters: picture.clusters.len() as u64 })
    }
}

fn count(c: &mut Conn, table: &str) -> Result<u64> {
    Ok(c.query_one(&format!("SELECT COUNT(*) FROM {table}"), &[])?.and_then(|r| r[0].int()).unwrap_or(0) as u64)
}

/// (document id, event id) -> event seq, for every stored event.
fn event_seqs(c: &mut Conn) -> Result<HashMap<(String, String), i64>> {
    let mut out = HashMap::new();
    for r in c.query("SELECT seq, doc_id, event_id FROM events", &[])? {
        let mut r = r.into_iter();
        if let (Some(seq), Some(d), Some(e)) = (r.next().and_then(|v| v.int()), r.next().and_then(Value::into_text), r.next().and_then(Value::into_text)) {
            out.insert((d, e), seq);
        }
    }
    Ok(out)
}

/// The day a report is sorted by within a block: its first day, else its
/// document's publication day.
fn block_day(doc: &Document, e: &sitrep_model::Event) -> i64 {
    crate::write::event_days(e).map(|d| d.0).or_else(|| doc.published.map(|p| p.day_span().0)).unwrap_or(UNDATED)
}

fn insert_blocks(c: &mut Conn, doc: &Document, e: &sitrep_model::Event, seq: i64, side: Side) -> Result<()> {
    let day = block_day(doc, e);
    for key in sitrep_picture::block_keys(doc, e, side, false) {
        c.exec("INSERT INTO event_blocks (key, day, event_seq) VALUES (?, ?, ?) ON CONFLICT DO NOTHING", &[key.into(), day.into(), seq.into()])?;
    }
    Ok(())
}

/// Runs `sql` (with one `{}` for a list of placeholders) over `values` in
/// lists of `IN_LIST`, padded with the last value so that one statement
/// serves every list.
fn in_lists(c: &mut Conn, sql: &str, values: &[Value]) -> Result<Vec<crate::engine::Row>> {
    let marks = vec!["?"; IN_LIST].join(", ");
    let sql = sql.replace("{}", &marks);
    let mut out = Vec::new();
    for part in values.chunks(IN_LIST) {
        let mut params = part.to_vec();
        params.resize(IN_LIST, part[part.len() - 1].clone());
        out.extend(c.query(&sql, &params)?);
    }
    Ok(out)
}

/// A new document of the chunk: its seq, record and events' seqs.
struct NewDoc {
    seq: i64,
    doc: Document,
    event_seqs: Vec<i64>,
}

/// Adds the next chunk of documents not yet in the picture; None when there
/// is none. Returns the number of events placed.
fn extend_chunk(c: &mut Conn, side: Side) -> Result<Option<u64>> {
    let rows = c.query("SELECT seq, record FROM documents WHERE pictured = 0 ORDER BY seq LIMIT ?", &[CHUNK_DOCS.into()])?;
    if rows.is_empty() {
        return Ok(None);
    }
    let mut news = Vec::with_capacity(rows.len());
    for r in rows {
        let seq = r[0].int().unwrap_or_default();
        let mut doc: Document = serde_json::from_str(r[1].text().unwrap_or("{}"))?;
        let by_id: HashMap<String, i64> = c
            .query("SELECT event_id, seq FROM events WHERE doc_seq = ?", &[seq.into()])?
            .into_iter()
            .filter_map(|r| Some((r[0].text()?.to_string(), r[1].int()?)))
            .collect();
        for e in &mut doc.events {
            e.cluster = None;
        }
        let event_seqs = doc.events.iter().map(|e| by_id.get(&e.id).copied().unwrap_or_default()).collect();
        news.push(NewDoc { seq, doc, event_seqs });
    }
    let candidates = candidates(c, &news, side)?;
    let (mut docs, mut seqs) = stored_clusters(c, &candidates)?;
    let stored_docs = docs.len();
    for n in &news {
        docs.push(n.doc.clone());
        seqs.push(n.event_seqs.clone());
    }
    let mut next_id = match get_meta(c, "next_cluster")? {
        Some(n) => n.parse().unwrap_or(1),
        None => 1,
    };
    let ext = sitrep_picture::extend_clusters(&mut docs, &mut next_id, side);
    set_meta(c, "next_cluster", &next_id.to_string())?;
    // The new reports' clusters and the joins.
    let mut touched: BTreeSet<String> = BTreeSet::new();
    let mut placed = 0u64;
    for (d, s) in docs[stored_docs..].iter().zip(&seqs[stored_docs..]) {
        for (e, &seq) in d.events.iter().zip(s) {
            let id = e.cluster.clone().unwrap_or_default();
            c.exec("UPDATE events SET cluster = ? WHERE seq = ?", &[id.as_str().into(), seq.into()])?;
            insert_blocks(c, d, e, seq, side)?;
            touched.insert(id);
            placed += 1;
        }
    }
    for (gone, kept) in &ext.merged {
        c.exec("UPDATE events SET cluster = ? WHERE cluster = ?", &[kept.as_str().into(), gone.as_str().into()])?;
        touched.insert(kept.clone());
    }
    let gone: BTreeSet<String> = ext.merged.iter().map(|m| m.0.clone()).collect();
    rebuild_derived(c, &docs, &seqs, &touched, &gone, side)?;
    add_documents_to_profiles(c, &news, side)?;
    for n in &news {
        c.exec("UPDATE documents SET pictured = 1 WHERE seq = ?", &[n.seq.into()])?;
    }
    Ok(Some(placed))
}

/// Stored reports a new report of `news` may join: under each of its
/// lookup keys, the `WINDOW` nearest in date on either side.
fn candidates(c: &mut Conn, news: &[NewDoc], side: Side) -> Result<BTreeSet<i64>> {
    let mut out = BTreeSet::new();
    if c.query_one("SELECT event_seq FROM event_blocks LIMIT 1", &[])?.is_none() {
        return Ok(out);
    }
    let mut lookups: HashSet<(String, i64)> = HashSet::new();
    for n in news {
        for e in &n.doc.events {
            let day = block_day(&n.doc, e);
            for key in sitrep_picture::block_keys(&n.doc, e, side, true) {
                lookups.insert((key, day));
            }
        }
    }
    for (key, day) in lookups {
        let before = c.query(
            "SELECT event_seq FROM event_blocks WHERE key = ? AND day <= ? ORDER BY day DESC, event_seq DESC LIMIT ?",
            &[key.as_str().into(), day.into(), WINDOW.into()],
        )?;
        let after = c.query(
            "SELECT event_seq FROM event_blocks WHERE key = ? AND day > ? ORDER BY day, event_seq LIMIT ?",
            &[key.as_str().into(), day.into(), WINDOW.into()],
        )?;
        out.extend(before.into_iter().chain(after).filter_map(|r| r[0].int()));
    }
    Ok(out)
}

/// Every member of the clusters the `candidates` belong to, as documents
/// (in ingest order) holding only those events, clusters set; with each
/// event's seq.
fn stored_clusters(c: &mut Conn, candidates: &BTreeSet<i64>) -> Result<(Vec<Document>, Vec<Vec<i64>>)> {
    let seqs: Vec<Value> = candidates.iter().map(|&s| Value::Int(s)).collect();
    if seqs.is_empty() {
        return Ok((Vec::new(), Vec::new()));
    }
    let ids: BTreeSet<String> = in_lists(c, "SELECT cluster FROM events WHERE seq IN ({}) AND cluster IS NOT NULL", &seqs)?
        .into_iter()
        .filter_map(|r| r.into_iter().next().and_then(Value::into_text))
        .collect();
    let ids: Vec<Value> = ids.into_iter().map(Value::Text).collect();
    if ids.is_empty() {
        return Ok((Vec::new(), Vec::new()));
    }
    // doc seq -> (event id -> (event seq, cluster))
    let mut members: BTreeMap<i64, HashMap<String, (i64, String)>> = BTreeMap::new();
    for r in in_lists(c, "SELECT doc_seq, event_id, seq, cluster FROM events WHERE cluster IN ({})", &ids)? {
        let mut r = r.into_iter();
        let (Some(d), Some(e), Some(s), Some(cl)) = (r.next().and_then(|v| v.int()), r.next().and_then(Value::into_text), r.next().and_then(|v| v.int()), r.next().and_then(Value::into_text)) else {
            continue;
        };
        members.entry(d).or_default().insert(e, (s, cl));
    }
    // Each record is cut down to the members as soon as it is read: a
    // document holds many more events than those of the clusters asked for.
    let doc_seqs: Vec<Value> = members.keys().map(|&s| Value::Int(s)).collect();
    let mut kept: BTreeMap<i64, (Document, Vec<i64>)> = BTreeMap::new();
    for part in doc_seqs.chunks(IN_LIST) {
        for r in in_lists(c, "SELECT seq, record FROM documents WHERE seq IN ({})", part)? {
            let d = r[0].int().unwrap_or_default();
            let Some(m) = members.get_mut(&d) else { continue };
            let mut doc: Document = serde_json::from_str(r[1].text().unwrap_or("{}"))?;
            doc.events.retain(|e| m.contains_key(&e.id));
            doc.sentences = Vec::new();
            let mut s = Vec::with_capacity(doc.events.len());
            for e in &mut doc.events {
                let (seq, cl) = m.remove(&e.id).unwrap_or_default();
                e.cluster = Some(cl);
                s.push(seq);
            }
            kept.insert(d, (doc, s));
        }
    }
    let (docs, seqs) = kept.into_values().unzip();
    Ok((docs, seqs))
}

/// Rewrites what depends on the `touched` clusters (and drops the `gone`
/// ones): cluster rows, contradictions, control of their places, network
/// edges of their actor pairs. (An outlet's exclusive clusters are read
/// from `clusters.sole_outlet` when asked for.)
fn rebuild_derived(c: &mut Conn, docs: &[Document], seqs: &[Vec<i64>], touched: &BTreeSet<String>, gone: &BTreeSet<String>, side: Side) -> Result<()> {
    let (mut first, mut subset) = subset_of(docs, seqs, touched);
    let mut picture = sitrep_picture::build(&subset, side);
    let changed: Vec<Value> = touched.iter().chain(gone).map(|s| Value::Text(s.clone())).collect();
    let places: BTreeSet<String> = in_lists(c, "SELECT place FROM control_clusters WHERE cluster IN ({})", &changed)?
        .into_iter()
        .filter_map(|r| r.into_iter().next().and_then(Value::into_text))
        .chain(picture.control.iter().map(|p| p.place.clone()))
        .collect();
    // Rival gains of one place are told between clusters: the other clusters
    // holding a step at these places are rebuilt with the touched ones.
    let mut touched = touched.clone();
    let neighbours = neighbours_at(c, &places, &touched, gone)?;
    if !neighbours.is_empty() {
        let seqs_of: Vec<Value> = neighbours.iter().map(|s| Value::Text(s.clone())).collect();
        let members: BTreeSet<i64> =
            in_lists(c, "SELECT seq FROM events WHERE cluster IN ({})", &seqs_of)?.into_iter().filter_map(|r| r[0].int()).collect();
        let (more_docs, more_seqs) = stored_clusters(c, &members)?;
        let (more_first, more_subset) = subset_of(&more_docs, &more_seqs, &neighbours);
        first.extend(more_first);
        subset.extend(more_subset);
        touched.extend(neighbours);
        picture = sitrep_picture::build(&subset, side);
    }
    let changed: Vec<Value> = touched.iter().chain(gone).map(|s| Value::Text(s.clone())).collect();
    let old: Vec<Cluster> = records(in_lists(c, "SELECT record FROM clusters WHERE id IN ({})", &changed)?)?;
    for id in touched.iter().chain(gone) {
        delete_cluster(c, id)?;
    }
    for cl in &picture.clusters {
        insert_cluster(c, cl, first[cl.id.as_str()])?;
    }
    let changed: BTreeSet<&str> = touched.iter().chain(gone).map(String::as_str).collect();
    for place in &places {
        update_place(c, place, &changed, picture.control.iter().find(|p| &p.place == place))?;
        c.exec("DELETE FROM contradictions WHERE cluster IS NULL AND place = ?", &[place.as_str().into()])?;
    }
    insert_contradictions(c, &picture.contradictions, &|id| first.get(id).copied().unwrap_or_default())?;
    let pairs: BTreeSet<(String, String, Relation)> = sitrep_picture::network(&old)
        .into_iter()
        .chain(sitrep_picture::network(&picture.clusters))
        .map(|e| (e.source, e.target, e.relation))
        .collect();
    for pair in &pairs {
        update_edge(c, pair)?;
    }
    Ok(())
}

/// Clusters with a step at one of `places`, other than `touched` and `gone`.
fn neighbours_at(c: &mut Conn, places: &BTreeSet<String>, touched: &BTreeSet<String>, gone: &BTreeSet<String>) -> Result<BTreeSet<String>> {
    let places: Vec<Value> = places.iter().map(|p| Value::Text(p.clone())).collect();
    if places.is_empty() {
        return Ok(BTreeSet::new());
    }
    Ok(in_lists(c, "SELECT cluster FROM control_clusters WHERE place IN ({})", &places)?
        .into_iter()
        .filter_map(|r| r.into_iter().next().and_then(Value::into_text))
        .filter(|id| !touched.contains(id) && !gone.contains(id))
        .collect())
}

/// The documents holding only the reports of the `touched` clusters, and
/// each such cluster's first report seq.
fn subset_of(docs: &[Document], seqs: &[Vec<i64>], touched: &BTreeSet<String>) -> (HashMap<String, i64>, Vec<Document>) {
    let mut first: HashMap<String, i64> = HashMap::new();
    let mut subset = Vec::new();
    for (d, s) in docs.iter().zip(seqs) {
        let mut doc = d.clone();
        let keep: Vec<bool> = d.events.iter().map(|e| e.cluster.as_ref().is_some_and(|id| touched.contains(id))).collect();
        for (e, (&k, &seq)) in d.events.iter().zip(keep.iter().zip(s)) {
            if k {
                let f = first.entry(e.cluster.clone().unwrap_or_default()).or_insert(seq);
                *f = (*f).min(seq);
            }
        }
        let mut k = keep.iter();
        doc.events.retain(|_| *k.next().unwrap_or(&false));
        if !doc.events.is_empty() {
            subset.push(doc);
        }
    }
    (first, subset)
}

fn records<T: serde::de::DeserializeOwned>(rows: Vec<crate::engine::Row>) -> Result<Vec<T>> {
    rows.into_iter().map(|r| Ok(serde_json::from_str(r[0].text().unwrap_or("null"))?)).collect()
}

fn relation_name(r: Relation) -> String {
    serde_json::to_value(r).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
}

fn delete_cluster(c: &mut Conn, id: &str) -> Result<()> {
    if let Some(seq) = c.query_one("SELECT seq FROM clusters WHERE id = ?", &[id.into()])?.and_then(|r| r[0].int()) {
        c.exec("DELETE FROM cluster_actors WHERE cluster_seq = ?", &[seq.into()])?;
        c.exec("DELETE FROM cluster_pairs WHERE cluster_seq = ?", &[seq.into()])?;
        c.exec("DELETE FROM clusters WHERE seq = ?", &[seq.into()])?;
    }
    c.exec("DELETE FROM contradictions WHERE cluster = ?", &[id.into()])?;
    Ok(())
}

/// A cluster's row (`seq` = its first report's event seq, so that rows
/// sort as the picture orders clusters), actors and network pairs.
fn insert_cluster(c: &mut Conn, cl: &Cluster, seq: i64) -> Result<()> {
    let days = cl.date.map(|d| d.day_span());
    let sole = (cl.outlets.len() == 1).then(|| cl.outlets[0].clone());
    c.exec(
        "INSERT INTO clusters (seq, id, kind, status, place, day_start, day_end, reports, sole_outlet, record) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        &[
            seq.into(),
            cl.id.as_str().into(),
            cl.kind.as_str().into(),
            cl.status.as_str().into(),
            cl.location.clone().into(),
            days.map(|d| d.0).into(),
            days.map(|d| d.1).into(),
            (cl.reports.len() as i64).into(),
            sole.into(),
            serde_json::to_string(cl)?.into(),
        ],
    )?;
    let mut actors: Vec<&String> = cl.source.iter().chain(&cl.target).collect();
    actors.sort_unstable();
    actors.dedup();
    for a in actors {
        c.exec("INSERT INTO cluster_actors (cluster_seq, actor) VALUES (?, ?)", &[seq.into(), a.as_str().into()])?;
    }
    for e in sitrep_picture::network(std::slice::from_ref(cl)) {
        c.exec(
            "INSERT INTO cluster_pairs (source, target, relation, cluster_seq) VALUES (?, ?, ?, ?)",
            &[e.source.into(), e.target.into(), relation_name(e.relation).into(), seq.into()],
        )?;
    }
    Ok(())
}

/// Contradictions keyed so that rows sort as the picture orders them:
/// control disagreements first, then the others, each by cluster (first
/// report) and then in the order given.
/// A contradiction between clusters (rival gains of one place) has no
/// cluster: it is keyed by its place's control row instead, after those of
/// single clusters, so that keys of different places never meet. Control
/// rows must be written first.
fn insert_contradictions(c: &mut Conn, list: &[Contradiction], first: &dyn Fn(&str) -> i64) -> Result<()> {
    let mut within: HashMap<(bool, Option<&str>, Option<&str>), i64> = HashMap::new();
    for x in list {
        let control = x.kind == ContradictionKind::Control;
        // Numbered within their cluster, or within their place when they have none.
        let place = if x.cluster.is_some() { None } else { x.place.as_deref() };
        let n = within.entry((control, x.cluster.as_deref(), place)).or_insert(0);
        let key = match (x.cluster.as_deref(), x.place.as_deref()) {
            (Some(cluster), _) => first(cluster) << 16,
            (None, Some(place)) => (1 << 57) | (place_seq(c, place)? << 16),
            (None, None) => 1 << 57,
        };
        let seq = (i64::from(!control) << 58) | key | *n;
        *n += 1;
        let kind = serde_json::to_value(x.kind)?;
        c.exec(
            "INSERT INTO contradictions (seq, kind, cluster, place, record) VALUES (?, ?, ?, ?, ?)",
            &[seq.into(), kind.as_str().unwrap_or("").into(), x.cluster.clone().into(), x.place.clone().into(), serde_json::to_string(x)?.into()],
        )?;
    }
    Ok(())
}

fn place_seq(c: &mut Conn, place: &str) -> Result<i64> {
    Ok(c.query_one("SELECT seq FROM control WHERE place = ?", &[place.into()])?.and_then(|r| r[0].int()).unwrap_or(0))
}

/// Replaces a place's control history with `pc`.
fn write_place(c: &mut Conn, pc: &PlaceControl) -> Result<()> {
    c.exec("DELETE FROM control WHERE place = ?", &[pc.place.as_str().into()])?;
    c.exec("DELETE FROM control_clusters WHERE place = ?", &[pc.place.as_str().into()])?;
    if pc.steps.is_empty() {
        return Ok(());
    }
    c.exec(
        "INSERT INTO control (seq, place, record) VALUES ((SELECT COALESCE(MAX(seq), 0) + 1 FROM control), ?, ?)",
        &[pc.place.as_str().into(), serde_json::to_string(pc)?.into()],
    )?;
    let clusters: BTreeSet<&str> = pc.steps.iter().map(|s| s.cluster.as_str()).collect();
    for cl in clusters {
        c.exec("INSERT INTO control_clusters (cluster, place) VALUES (?, ?)", &[cl.into(), pc.place.as_str().into()])?;
    }
    Ok(())
}

/// A place's history: its stored steps of clusters not `changed`, and the
/// steps `fresh` gives, in the picture's order (date, then first report).
fn update_place(c: &mut Conn, place: &str, changed: &BTreeSet<&str>, fresh: Option<&PlaceControl>) -> Result<()> {
    let stored: Option<PlaceControl> = records(c.query("SELECT record FROM control WHERE place = ?", &[place.into()])?)?.into_iter().next();
    let Some(mut pc) = stored.or_else(|| fresh.cloned()) else { return Ok(()) };
    pc.steps.retain(|s| !changed.contains(s.cluster.as_str()));
    pc.steps.extend(fresh.iter().flat_map(|f| f.steps.iter().cloned()));
    let mut keyed = Vec::with_capacity(pc.steps.len());
    for s in pc.steps.drain(..) {
        let seq = c.query_one("SELECT seq FROM clusters WHERE id = ?", &[s.cluster.as_str().into()])?.and_then(|r| r[0].int()).unwrap_or(i64::MAX);
        keyed.push((day_key(&s.date), seq, s));
    }
    keyed.sort_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
    pc.steps = keyed.into_iter().map(|k| k.2).collect();
    write_place(c, &pc)
}

/// Undated last, then by first and last day (as the picture sorts steps).
fn day_key(d: &Option<PartialDate>) -> (bool, i64, i64) {
    match d {
        Some(d) => {
            let (a, b) = d.day_span();
            (false, a, b)
        }
        None => (true, 0, 0),
    }
}

fn write_edge(c: &mut Conn, e: &Edge) -> Result<()> {
    c.exec(
        "INSERT INTO edges (seq, relation, source, target, weight, record) VALUES ((SELECT COALESCE(MAX(seq), 0) + 1 FROM edges), ?, ?, ?, ?, ?)",
        &[relation_name(e.relation).into(), e.source.as_str().into(), e.target.as_str().into(), (e.weight as i64).into(), serde_json::to_string(e)?.into()],
    )?;
    Ok(())
}

/// Rebuilds one actor pair's edge from the clusters of that pair, as
/// `sitrep_picture::network` builds it, reading only their ids, kinds and
/// days (and the records of the two clusters giving its first and last
/// date): the pair's clusters may be a large share of the store.
fn update_edge(c: &mut Conn, (source, target, relation): &(String, String, Relation)) -> Result<()> {
    let rel = relation_name(*relation);
    let params = [source.as_str().into(), target.as_str().into(), rel.as_str().into()];
    c.exec("DELETE FROM edges WHERE source = ? AND target = ? AND relation = ?", &params)?;
    let rows = c.query(
        "SELECT c.seq, c.id, c.kind, c.day_start, c.day_end FROM cluster_pairs p JOIN clusters c ON c.seq = p.cluster_seq \
         WHERE p.source = ? AND p.target = ? AND p.relation = ? ORDER BY p.cluster_seq",
        &params,
    )?;
    if rows.is_empty() {
        return Ok(());
    }
    let mut e = Edge { source: source.clone(), target: target.clone(), relation: *relation, weight: 0, types: Vec::new(), first: None, last: None, clusters: Vec::new() };
    // (day, seq) of the cluster giving the first and the last date: the
    // earliest start and the latest end, the first in order on a tie.
    let (mut first, mut last): (Option<(i64, i64)>, Option<(i64, i64)>) = (None, None);
    for r in rows {
        let mut r = r.into_iter();
        let (seq, id, kind) = (r.next().and_then(|v| v.int()).unwrap_or_default(), r.next().and_then(Value::into_text).unwrap_or_default(), r.next().and_then(Value::into_text).unwrap_or_default());
        let (start, end) = (r.next().and_then(|v| v.int()), r.next().and_then(|v| v.int()));
        e.weight += 1;
        e.clusters.push(id);
        match e.types.iter_mut().find(|(k, _)| *k == kind) {
            Some((_, n)) => *n += 1,
            None => e.types.push((kind, 1)),
        }
        if let (Some(a), Some(b)) = (start, end) {
            if first.is_none_or(|f| a < f.0) {
                first = Some((a, seq));
            }
            if last.is_none_or(|l| b > l.0) {
                last = Some((b, seq));
            }
        }
    }
    e.types.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    e.first = match first {
        Some((_, seq)) => cluster_date(c, seq)?,
        None => None,
    };
    e.last = match last {
        Some((_, seq)) => cluster_date(c, seq)?,
        None => None,
    };
    write_edge(c, &e)
}

/// The date of the cluster stored under `seq`.
fn cluster_date(c: &mut Conn, seq: i64) -> Result<Option<PartialDate>> {
    let cl: Option<Cluster> = records(c.query("SELECT record FROM clusters WHERE seq = ?", &[seq.into()])?)?.into_iter().next();
    Ok(cl.and_then(|cl| cl.date))
}

/// A profile's row, without its exclusive clusters (a list growing with
/// the store, read from `clusters.sole_outlet` instead).
fn write_source(c: &mut Conn, s: &SourceProfile) -> Result<()> {
    let s = SourceProfile { exclusive: Vec::new(), ..s.clone() };
    c.exec("DELETE FROM sources WHERE outlet = ?", &[s.outlet.as_str().into()])?;
    c.exec(
        "INSERT INTO sources (seq, outlet, record) VALUES ((SELECT COALESCE(MAX(seq), 0) + 1 FROM sources), ?, ?)",
        &[s.outlet.as_str().into(), serde_json::to_string(&s)?.into()],
    )?;
    Ok(())
}

fn stored_source(c: &mut Conn, outlet: &str) -> Result<Option<SourceProfile>> {
    Ok(records(c.query("SELECT record FROM sources WHERE outlet = ?", &[outlet.into()])?)?.into_iter().next())
}

/// Adds the new documents to their outlets' profiles (documents, events,
/// share asserted, whose claims they carry) and to the entity counts.
fn add_documents_to_profiles(c: &mut Conn, news: &[NewDoc], side: Side) -> Result<()> {
    let mut by_outlet: BTreeMap<String, Vec<&Document>> = BTreeMap::new();
    for n in news {
        by_outlet.entry(sitrep_picture::outlet_of(&n.doc)).or_default().push(&n.doc);
    }
    for (outlet, docs) in by_outlet {
        let mut s = stored_source(c, &outlet)?.unwrap_or(SourceProfile {
            outlet: outlet.clone(),
            documents: 0,
            events: 0,
            asserted_share: 0.0,
            carries: Vec::new(),
            exclusive: Vec::new(),
        });
        let mut asserted = (s.asserted_share * s.events as f64).round() as usize;
        let mut carries: BTreeMap<String, usize> = s.carries.drain(..).collect();
        for d in docs {
            s.documents += 1;
            s.events += d.events.len();
            for e in &d.events {
                asserted += usize::from(e.status == Status::Asserted);
                let mut sides: Vec<String> = e.claimed_by.iter().map(|a| side(a)).collect();
                sides.sort();
                sides.dedup();
                for x in sides {
                    *carries.entry(x).or_default() += 1;
                }
            }
        }
        s.asserted_share = if s.events == 0 { 0.0 } else { asserted as f64 / s.events as f64 };
        s.carries = carries.into_iter().collect();
        s.carries.sort_by(|x, y| y.1.cmp(&x.1).then(x.0.cmp(&y.0)));
        write_source(c, &s)?;
    }
    for n in news {
        let mut seen = HashSet::new();
        for e in &n.doc.entities {
            if seen.insert(e.id.as_str()) {
                add_entity(c, e)?;
            }
        }
    }
    Ok(())
}

fn write_entity(c: &mut Conn, e: &EntityInfo) -> Result<()> {
    c.exec("DELETE FROM entity_info WHERE id = ?", &[e.id.as_str().into()])?;
    c.exec(
        "INSERT INTO entity_info (seq, id, name, kind, docs, record) VALUES ((SELECT COALESCE(MAX(seq), 0) + 1 FROM entity_info), ?, ?, ?, ?, ?)",
        &[e.id.as_str().into(), e.name.as_str().into(), e.kind.as_str().into(), (e.docs as i64).into(), serde_json::to_string(e)?.into()],
    )?;
    Ok(())
}

/// One more document mentions `e`: the first mention names it, later ones
/// fill what it lacks (as the picture merges entities).
fn add_entity(c: &mut Conn, e: &sitrep_model::Entity) -> Result<()> {
    let stored: Option<EntityInfo> = records(c.query("SELECT record FROM entity_info WHERE id = ?", &[e.id.as_str().into()])?)?.into_iter().next();
    let info = match stored {
        Some(mut x) => {
            x.seen_again(e);
            x
        }
        None => EntityInfo::first_seen(e),
    };
    write_entity(c, &info)
}

/// The first and last cluster dates (the picture's period): the earliest
/// start (first in cluster order), the latest end (last in cluster order).
fn write_period(c: &mut Conn) -> Result<()> {
    let first: Option<Cluster> = records(c.query("SELECT record FROM clusters WHERE day_start IS NOT NULL ORDER BY day_start, seq LIMIT 1", &[])?)?.into_iter().next();
    let last: Option<Cluster> = records(c.query("SELECT record FROM clusters WHERE day_end IS NOT NULL ORDER BY day_end DESC, seq DESC LIMIT 1", &[])?)?.into_iter().next();
    let period: Option<(PartialDate, PartialDate)> = first.and_then(|f| f.date).zip(last.and_then(|l| l.date));
    set_meta(c, "period", &serde_json::to_string(&period)?)
}
