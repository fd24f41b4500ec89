//! Picture stage: reads the events of many documents together and builds
//! the situation picture.
//!
//! - [`assign_clusters`] groups the event reports of all documents into
//!   real-world events and sets every event's `cluster` ("c1", "c2", ... in
//!   order of first report: document order, then event order).
//! - [`build`] then derives the [`Picture`]: each cluster's best-supported
//!   values and outlets, the contradictions between reports, the actor
//!   network, who held each place when, and what each outlet reports.
//!
//! Actors are compared by the side they stand for, through the `side`
//! function the caller passes (a commander -> his force; identity is fine).
//! Cluster `source`/`target`, network edges, control steps and the claims
//! an outlet carries are all given as sides.
//!
//! Two reports are of one event when their types are compatible (the same
//! type and modality; an intention and the intended act; an attack or a
//! seizure with a change of control of the same place; a taking of a place
//! and the loser's withdrawal from it), their actors overlap role by role
//! (or, unnamed, place and date agree firmly), their places are the same or
//! within 10 km (or one is missing or contains the other), and their dates
//! overlap within their precision (a day +-1; month and year as ranges; a
//! publication date +-7 days). An undated report of a lasting relation
//! (AID, SUPPORT, COOPERATE) is a report of the relation at any time, and
//! joins other reports of the same two parties.

mod build;
mod cluster;
mod reports;
pub mod types;
pub use types::*;

pub use build::{outlet_of, HOSTILE_TYPES, SUPPORT_TYPES};
use sitrep_model::Document;

/// Groups the event reports of all `docs` into real-world events: sets
/// every `event.cluster` to `Some("cN")`, numbered in order of first report.
/// `side` maps an entity id to the side it stands for (a commander -> his
/// force, a force -> itself).
pub fn assign_clusters(docs: &mut [Document], side: &dyn Fn(&str) -> String) {
    let reps = reports::prepare(docs, side);
    let groups = cluster::cluster(&reps);
    for (r, g) in reps.iter().zip(groups) {
        docs[r.d].events[r.e].cluster = Some(format!("c{}", g + 1));
    }
}

/// The blocks an event report is compared within (type family with one of
/// its sides, places or grid cells), as text keys. A store keeps each
/// stored report's keys with `around = false` and finds the candidates of a
/// new report by its keys with `around = true`: two reports the batch
/// clustering would compare share a key.
pub fn block_keys(doc: &Document, event: &sitrep_model::Event, side: &dyn Fn(&str) -> String, around: bool) -> Vec<String> {
    let r = reports::rep(0, 0, doc, event, side);
    let mut keys: Vec<String> = cluster::blocks(&r, around)
        .into_iter()
        .map(|(fam, what, key)| format!("{fam}|{what}|{key}"))
        .collect();
    keys.sort();
    keys.dedup();
    keys
}

/// What [`extend_clusters`] changed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Extension {
    /// Stored clusters joined into an older one by a new report: (gone, kept).
    pub merged: Vec<(String, String)>,
    /// Clusters made of new reports only.
    pub created: Vec<String>,
}

/// Adds new reports to stored clusters. In `docs`, events with a `cluster`
/// are stored reports (every member of each of their clusters must be
/// there, so that a join can check them all); events without one are new.
/// Each new report joins the stored cluster the batch rules would put it
/// in, a new cluster (`c{next_id}`, counting up), or joins two stored
/// clusters into the older (lower-numbered) id. Stored reports never leave
/// their cluster except by such a join.
pub fn extend_clusters(docs: &mut [Document], next_id: &mut u64, side: &dyn Fn(&str) -> String) -> Extension {
    let reps = reports::prepare(docs, side);
    let stored: Vec<Option<String>> = reps.iter().map(|r| docs[r.d].events[r.e].cluster.clone()).collect();
    let mut labels: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    let formed: Vec<Option<usize>> = stored
        .iter()
        .map(|c| c.as_deref().map(|c| {
            let n = labels.len();
            *labels.entry(c).or_insert(n)
        }))
        .collect();
    let groups = cluster::extend(&reps, &formed);
    // Per group: the oldest stored id it holds, else a fresh one.
    let number = |id: &str| id.trim_start_matches('c').parse::<u64>().unwrap_or(u64::MAX);
    let mut kept: std::collections::BTreeMap<usize, String> = std::collections::BTreeMap::new();
    for (g, c) in groups.iter().zip(&stored) {
        if let Some(c) = c {
            let k = kept.entry(*g).or_insert_with(|| c.clone());
            if (number(c), c.as_str()) < (number(k), k.as_str()) {
                *k = c.clone();
            }
        }
    }
    let mut ext = Extension::default();
    let mut gone = std::collections::BTreeSet::new();
    for (g, c) in groups.iter().zip(&stored) {
        if let (Some(c), Some(k)) = (c, kept.get(g)) {
            if c != k && gone.insert(c.clone()) {
                ext.merged.push((c.clone(), k.clone()));
            }
        }
    }
    for (r, g) in reps.iter().zip(&groups) {
        let id = kept.entry(*g).or_insert_with(|| {
            let id = format!("c{next_id}");
            *next_id += 1;
            ext.created.push(id.clone());
            id
        });
        docs[r.d].events[r.e].cluster = Some(id.clone());
    }
    ext
}

/// The actor network of `clusters` (as [`build`] derives it): one edge per
/// (source side, target side, relation), strongest first. A store rebuilds
/// one actor pair's edge from the clusters of that pair.
pub fn network(clusters: &[Cluster]) -> Vec<Edge> {
    build::network(clusters)
}

/// Builds the situation picture. Uses the events' `cluster` ids when every
/// event has one (after [`assign_clusters`]), else clusters them itself
/// (without changing `docs`).
pub fn build(docs: &[Document], side: &dyn Fn(&str) -> String) -> Picture {
    let reps = reports::prepare(docs, side);
    let all_set = docs
        .iter()
        .all(|d| d.events.iter().all(|e| e.cluster.is_some()));
    let ids: Vec<String> = if all_set {
        reps.iter()
            .map(|r| docs[r.d].events[r.e].cluster.clone().unwrap())
            .collect()
    } else {
        cluster::cluster(&reps)
            .into_iter()
            .map(|g| format!("c{}", g + 1))
            .collect()
    };
    let mut groups: Vec<(String, Vec<usize>)> = Vec::new();
    let mut at: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for (i, id) in ids.iter().enumerate() {
        match at.get(id.as_str()) {
            Some(&k) => groups[k].1.push(i),
            None => {
                at.insert(id.as_str(), groups.len());
                groups.push((id.clone(), vec![i]));
            }
        }
    }
    let ctx = build::Ctx {
        docs,
        side,
        outlets: docs.iter().map(outlet_of).collect(),
        reps,
        groups,
    };
    let clusters = build::clusters(&ctx);
    let steps = build::steps(&ctx);
    Picture {
        documents: docs
            .iter()
            .map(|d| DocInfo {
                id: d.id.clone(),
                title: d.title.clone(),
                outlet: d.outlet.clone(),
                url: d.url.clone(),
                published: d.published,
            })
            .collect(),
        entities: build::entities(docs, side),
        contradictions: build::contradictions(&ctx, &clusters, &steps),
        network: build::network(&clusters),
        control: build::control(&ctx, &steps),
        sources: build::sources(&ctx, &clusters),
        period: build::period(&clusters),
        clusters,
    }
}

#[cfg(test)]
mod tests;
