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
        entities: build::entities(docs),
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
