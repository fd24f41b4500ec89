//! The situation picture's types: plain data, serialisable, shared by the
//! report, the exports and (later) the store. Built by `crate::build`.

use serde::{Deserialize, Serialize};
use sitrep_model::{Count, EntityType, PartialDate, Status};

/// A reference to one event report: the document and the event id in it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct ReportRef {
    pub doc: String,
    pub event: String,
}

/// What the picture needs to know about an entity (merged over documents).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EntityInfo {
    pub id: String,
    pub name: String,
    pub kind: EntityType,
    pub country: Option<String>,
    pub code: Option<String>,
    pub sector: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    /// Documents that mention it.
    pub docs: usize,
}

impl EntityInfo {
    /// The entity as the first document to mention it names it.
    pub fn first_seen(e: &sitrep_model::Entity) -> EntityInfo {
        EntityInfo {
            id: e.id.clone(),
            name: e.name.clone(),
            kind: e.kind,
            country: e.country.clone(),
            code: e.code.clone(),
            sector: e.sector.clone(),
            lat: e.lat,
            lon: e.lon,
            docs: 1,
        }
    }

    /// One more document mentions it: counted, and filling what it lacks.
    pub fn seen_again(&mut self, e: &sitrep_model::Entity) {
        self.docs += 1;
        self.country = self.country.take().or(e.country.clone());
        self.code = self.code.take().or(e.code.clone());
        self.sector = self.sector.take().or(e.sector.clone());
        if self.lat.is_none() {
            self.lat = e.lat;
            self.lon = e.lon;
        }
    }
}

/// What the picture needs to know about a document (no text).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocInfo {
    pub id: String,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub url: Option<String>,
    pub published: Option<PartialDate>,
}

/// One real-world event: the reports of it merged.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Cluster {
    /// "c1", "c2", ... in order of first report.
    pub id: String,
    /// PLOVER type of the best-supported reading.
    pub kind: String,
    pub mode: Option<String>,
    pub source: Vec<String>,
    pub target: Vec<String>,
    /// Place id (an entity id), if any report gives one.
    pub location: Option<String>,
    pub date: Option<PartialDate>,
    /// `asserted` when any report asserts it, else the most common status.
    pub status: Status,
    pub reports: Vec<ReportRef>,
    /// Distinct outlets reporting it (documents without an outlet count by id).
    pub outlets: Vec<String>,
    /// Highest confidence among its reports.
    pub confidence: f32,
}

/// Which kind of disagreement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ContradictionKind {
    /// Who holds a place ("completely occupied" vs "tactical withdrawal").
    Control,
    /// Who did it: claimed vs denied, or different perpetrators.
    Attribution,
    /// Casualty or equipment figures.
    Figures,
    /// Dates that their precisions cannot reconcile.
    Date,
}

/// One side of a contradiction.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Side {
    pub report: ReportRef,
    pub outlet: Option<String>,
    /// What this side says, in one line ("LNA gained sirte", "dead: 12").
    pub claim: String,
    pub evidence: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Contradiction {
    pub kind: ContradictionKind,
    /// The cluster concerned, when the disagreement is about one event.
    pub cluster: Option<String>,
    /// The place concerned, for control.
    pub place: Option<String>,
    pub sides: Vec<Side>,
}

/// Relation of a network edge.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Relation {
    /// AID, SUPPORT, COOPERATE, AGREE.
    Support,
    /// ASSAULT, THREATEN, COERCE, ACCUSE, SANCTION.
    Hostility,
}

/// A directed actor-to-actor relation over time.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Edge {
    pub source: String,
    pub target: String,
    pub relation: Relation,
    /// Number of clusters (not reports) behind the edge.
    pub weight: usize,
    /// Count per PLOVER type.
    pub types: Vec<(String, usize)>,
    pub first: Option<PartialDate>,
    pub last: Option<PartialDate>,
    pub clusters: Vec<String>,
}

/// One step of a place's control history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ControlStep {
    pub date: Option<PartialDate>,
    pub gained_by: Vec<String>,
    pub lost_by: Vec<String>,
    /// `asserted` if any source asserts it, else `claimed`.
    pub status: Status,
    pub cluster: String,
    pub reports: Vec<ReportRef>,
    pub outlets: Vec<String>,
}

/// Who held a place from when.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlaceControl {
    pub place: String,
    pub name: String,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    /// In date order (undated steps last).
    pub steps: Vec<ControlStep>,
}

/// What one outlet reports.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SourceProfile {
    pub outlet: String,
    pub documents: usize,
    pub events: usize,
    /// Share of its events it reports as fact (asserted).
    pub asserted_share: f64,
    /// Whose claims it carries: (claimant id, count), most first.
    pub carries: Vec<(String, usize)>,
    /// Clusters only this outlet reports.
    pub exclusive: Vec<String>,
}

/// Figures of a cluster's reports, for contradiction checks.
pub type Figure = (String, Count);

/// The whole picture.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Picture {
    pub documents: Vec<DocInfo>,
    pub entities: Vec<EntityInfo>,
    pub clusters: Vec<Cluster>,
    pub contradictions: Vec<Contradiction>,
    pub network: Vec<Edge>,
    pub control: Vec<PlaceControl>,
    pub sources: Vec<SourceProfile>,
    /// First and last event dates.
    pub period: Option<(PartialDate, PartialDate)>,
}
