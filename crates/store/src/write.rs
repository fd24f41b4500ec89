//! Writing: documents with their rows in one transaction per batch, then
//! the derived picture rebuilt from the stored events in one transaction.
//!
//! The picture (clusters, network, control, contradictions, sources) is a
//! function of all stored documents in ingest order: `refresh` re-clusters
//! the stored events (compact: no article text is read again) with the
//! picture stage and replaces the derived tables. So ingesting A then B
//! gives exactly what ingesting A and B together gives, and `report --db`
//! gives what `report` on the same files gives.

use crate::engine::{Backend, Conn, Value};
use crate::keys::{DocKey, KnownKeys};
use crate::{Result, Store};
use sitrep_model::{Document, Event, Precision};

/// A document to store (stripped: text = its events' evidence lines) with
/// the keys computed from its full text.
#[derive(Debug, Clone)]
pub struct Keyed {
    pub key: DocKey,
    pub doc: Document,
}

impl Keyed {
    /// An extracted document in the form it is stored: keys from its full
    /// text, then the text cut to its events' evidence lines (each event's
    /// span moved onto its line), one mention kept per entity.
    pub fn of(mut doc: Document) -> Keyed {
        let key = DocKey::of(&doc);
        let mut text = String::new();
        for e in &mut doc.events {
            let evidence = doc.text.get(e.span.start..e.span.end).unwrap_or("");
            let start = text.len();
            text.push_str(evidence);
            e.span = sitrep_model::Span::new(start, text.len());
            e.trigger_span = sitrep_model::Span::new(start, start);
            text.push('\n');
        }
        doc.text = text;
        doc.sentences.clear();
        for en in &mut doc.entities {
            en.mentions.truncate(1);
        }
        Keyed { key, doc }
    }
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct AddStats {
    pub added: u64,
    /// Already stored (same URL or same normalised text).
    pub skipped: u64,
    pub events: u64,
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Refreshed {
    /// False when the picture was already up to date.
    pub rebuilt: bool,
    pub events: u64,
    pub clusters: u64,
}

pub(crate) const DIRTY: &str = "picture_stale";

impl Store {
    /// The keys of every stored document.
    pub fn known_keys(&self) -> Result<KnownKeys> {
        let mut conn = self.pool.get()?;
        let mut keys = KnownKeys::default();
        for row in conn.query("SELECT url, text_hash FROM documents", &[])? {
            let mut row = row.into_iter();
            if let Some(u) = row.next().and_then(Value::into_text) {
                keys.urls.insert(u);
            }
            if let Some(h) = row.next().and_then(Value::into_text) {
                keys.hashes.insert(h);
            }
        }
        Ok(keys)
    }

    /// Stores `docs` in one transaction, skipping those already stored; marks
    /// the picture stale when anything was added.
    pub fn add_documents(&self, docs: &[Keyed]) -> Result<AddStats> {
        let mut conn = self.pool.get()?;
        conn.transaction(|c| {
            let mut stats = AddStats::default();
            for k in docs {
                match insert_document(c, k)? {
                    Some(events) => {
                        stats.added += 1;
                        stats.events += events;
                    }
                    None => stats.skipped += 1,
                }
            }
            if stats.added > 0 {
                set_meta(c, DIRTY, "1")?;
            }
            Ok(stats)
        })
    }

    /// Whether documents were added since the picture was last rebuilt.
    pub fn is_stale(&self) -> Result<bool> {
        let mut conn = self.pool.get()?;
        Ok(get_meta(&mut conn, DIRTY)?.as_deref() == Some("1"))
    }

    /// Every stored document (stripped), in ingest order, with its events'
    /// clusters as stored.
    pub fn load_documents(&self) -> Result<Vec<Document>> {
        let mut conn = self.pool.get()?;
        let rows = conn.query("SELECT record FROM documents ORDER BY seq", &[])?;
        let mut docs = Vec::with_capacity(rows.len());
        for row in rows {
            docs.push(serde_json::from_str::<Document>(row[0].text().unwrap_or("{}"))?);
        }
        // The documents' records are written once; clusters live on the events.
        let clusters = conn.query("SELECT doc_id, event_id, cluster FROM events", &[])?;
        let mut by_event = std::collections::HashMap::with_capacity(clusters.len());
        for r in clusters {
            let mut r = r.into_iter();
            let (d, e, c) = (r.next(), r.next(), r.next());
            if let (Some(Value::Text(d)), Some(Value::Text(e))) = (d, e) {
                by_event.insert((d, e), c.and_then(Value::into_text));
            }
        }
        for d in &mut docs {
            for e in &mut d.events {
                e.cluster = by_event.remove(&(d.id.clone(), e.id.clone())).flatten();
            }
        }
        Ok(docs)
    }
}

pub(crate) fn get_meta(c: &mut Conn, key: &str) -> Result<Option<String>> {
    Ok(c.query_one("SELECT value FROM meta WHERE key = ?", &[key.into()])?.and_then(|r| r.into_iter().next()).and_then(Value::into_text))
}

pub(crate) fn set_meta(c: &mut Conn, key: &str, value: &str) -> Result<()> {
    c.exec("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value", &[key.into(), value.into()])?;
    Ok(())
}

/// Inserts one document and its rows; None when it is already stored.
fn insert_document(c: &mut Conn, k: &Keyed) -> Result<Option<u64>> {
    let known = c.query_one(
        "SELECT seq FROM documents WHERE text_hash = ? OR url = ? LIMIT 1",
        &[k.key.text_hash.as_str().into(), k.key.url.clone().into()],
    )?;
    if known.is_some() {
        return Ok(None);
    }
    let mut doc = k.doc.clone();
    doc.id = free_id(c, &doc.id)?;
    for e in &mut doc.events {
        e.cluster = None;
    }
    let outlet = sitrep_picture::outlet_of(&doc);
    let seq = c
        .query_one(
            "INSERT INTO documents (id, url, text_hash, title, outlet, published, record) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING seq",
            &[
                doc.id.as_str().into(),
                k.key.url.clone().into(),
                k.key.text_hash.as_str().into(),
                doc.title.clone().into(),
                outlet.as_str().into(),
                doc.published.map(|p| p.to_string()).into(),
                serde_json::to_string(&doc)?.into(),
            ],
        )?
        .and_then(|r| r[0].int())
        .ok_or_else(|| crate::Error::Other("no sequence number for a new document".into()))?;
    let mut ids: Vec<&str> = doc.entities.iter().map(|e| e.id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    for id in ids {
        c.exec("INSERT INTO doc_entities (doc_seq, entity) VALUES (?, ?)", &[seq.into(), id.into()])?;
    }
    for e in &doc.events {
        insert_event(c, seq, &doc, &outlet, e)?;
    }
    Ok(Some(doc.events.len() as u64))
}

/// The document's id, or the first `id~2`, `id~3`, ... not yet taken: ids
/// from different inputs (file stems, JSONL ids) may collide.
fn free_id(c: &mut Conn, id: &str) -> Result<String> {
    let mut candidate = id.to_string();
    let mut n = 1;
    while c.query_one("SELECT seq FROM documents WHERE id = ?", &[candidate.as_str().into()])?.is_some() {
        n += 1;
        candidate = format!("{id}~{n}");
    }
    Ok(candidate)
}

/// An event's date as an inclusive interval of day numbers.
pub(crate) fn event_days(e: &Event) -> Option<(i64, i64)> {
    let d = e.date?;
    let (start, end) = d.day_span();
    Some(if e.date_precision == Some(Precision::Week) { (start, start + 6) } else { (start, end) })
}

fn insert_event(c: &mut Conn, doc_seq: i64, doc: &Document, outlet: &str, e: &Event) -> Result<()> {
    let evidence = doc.text.get(e.span.start..e.span.end).unwrap_or("").to_string();
    let days = event_days(e);
    let place = e.location.as_ref();
    let seq = c
        .query_one(
            "INSERT INTO events (doc_seq, doc_id, event_id, kind, mode, status, place, lat, lon, day_start, day_end, outlet, evidence, record) \
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING seq",
            &[
                doc_seq.into(),
                doc.id.as_str().into(),
                e.id.as_str().into(),
                e.kind.as_str().into(),
                e.mode.clone().into(),
                e.status.as_str().into(),
                place.map(|p| p.id.clone()).into(),
                place.and_then(|p| p.lat).into(),
                place.and_then(|p| p.lon).into(),
                days.map(|d| d.0).into(),
                days.map(|d| d.1).into(),
                outlet.into(),
                evidence.as_str().into(),
                serde_json::to_string(e)?.into(),
            ],
        )?
        .and_then(|r| r[0].int())
        .ok_or_else(|| crate::Error::Other("no sequence number for a new event".into()))?;
    let mut actors: Vec<(&str, &str)> = e
        .source
        .iter()
        .map(|a| (a.as_str(), "source"))
        .chain(e.target.iter().map(|a| (a.as_str(), "target")))
        .chain(e.claimed_by.iter().map(|a| (a.as_str(), "claimant")))
        .collect();
    actors.sort_unstable();
    actors.dedup();
    for &(actor, role) in &actors {
        c.exec("INSERT INTO event_actors (event_seq, actor, role) VALUES (?, ?, ?)", &[seq.into(), actor.into(), role.into()])?;
    }
    let mut distinct: Vec<&str> = actors.iter().map(|a| a.0).collect();
    distinct.dedup();
    for actor in distinct {
        c.exec("INSERT INTO actor_events (actor, event_seq) VALUES (?, ?)", &[actor.into(), seq.into()])?;
    }
    if c.backend() == Backend::Sqlite {
        c.exec("INSERT INTO event_text (rowid, evidence) VALUES (?, ?)", &[seq.into(), evidence.into()])?;
        if let Some((first, last)) = days {
            c.exec("INSERT INTO event_days (seq, first, last) VALUES (?, ?, ?)", &[seq.into(), first.into(), last.into()])?;
        }
        if let Some((lat, lon)) = place.and_then(|p| p.lat.zip(p.lon)) {
            c.exec("INSERT INTO event_box (seq, min_lon, max_lon, min_lat, max_lat) VALUES (?, ?, ?, ?, ?)", &[seq.into(), lon.into(), lon.into(), lat.into(), lat.into()])?;
        }
    }
    Ok(())
}

