//! Look-ups over a picture and its documents, shared by every renderer.

use std::collections::{BTreeMap, HashMap};

use sitrep_model::{Document, EntityType, Event, PartialDate};
use sitrep_picture::{Cluster, ControlStep, PlaceControl, Picture, ReportRef};

use crate::style::type_rank;

/// A place with coordinates, from the picture's entities, its control
/// table or the documents' event locations.
#[derive(Debug, Clone)]
pub struct Place {
    pub name: String,
    pub lat: f64,
    pub lon: f64,
    /// A whole country (its centroid), not a point on the ground.
    pub country_level: bool,
}

/// What the report shows about one document.
#[derive(Debug, Clone, Default)]
pub struct DocView<'a> {
    pub id: &'a str,
    pub title: Option<&'a str>,
    pub outlet: Option<&'a str>,
    pub url: Option<&'a str>,
    pub published: Option<PartialDate>,
}

/// One report's sentence, split around its trigger.
pub struct Evidence<'a> {
    pub before: &'a str,
    pub trigger: &'a str,
    pub after: &'a str,
    pub event: &'a Event,
}

pub struct Ctx<'a> {
    pub pic: &'a Picture,
    docs: HashMap<&'a str, &'a Document>,
    doc_views: BTreeMap<&'a str, DocView<'a>>,
    names: HashMap<&'a str, &'a str>,
    pub places: BTreeMap<String, Place>,
}

impl<'a> Ctx<'a> {
    pub fn new(pic: &'a Picture, docs: &'a [Document]) -> Self {
        let mut docs_by_id = HashMap::new();
        for d in docs {
            docs_by_id.entry(d.id.as_str()).or_insert(d);
        }
        let mut doc_views: BTreeMap<&str, DocView> = BTreeMap::new();
        for d in docs {
            doc_views.entry(d.id.as_str()).or_insert(DocView {
                id: &d.id,
                title: d.title.as_deref(),
                outlet: d.outlet.as_deref(),
                url: d.url.as_deref(),
                published: d.published,
            });
        }
        // The picture's own document table wins where it has a value.
        for d in &pic.documents {
            let v = doc_views.entry(d.id.as_str()).or_insert(DocView { id: &d.id, ..Default::default() });
            v.title = d.title.as_deref().or(v.title);
            v.outlet = d.outlet.as_deref().or(v.outlet);
            v.url = d.url.as_deref().or(v.url);
            v.published = d.published.or(v.published);
        }
        let mut names = HashMap::new();
        for e in &pic.entities {
            names.entry(e.id.as_str()).or_insert(e.name.as_str());
        }
        for d in docs {
            for e in &d.entities {
                names.entry(e.id.as_str()).or_insert(e.name.as_str());
            }
        }
        let mut places = BTreeMap::new();
        let mut add = |id: &str, name: &str, lat: Option<f64>, lon: Option<f64>, country_level: bool| {
            if let (Some(lat), Some(lon)) = (lat, lon) {
                if lat.is_finite() && lon.is_finite() && lat.abs() <= 90.0 && lon.abs() <= 180.0 {
                    places.entry(id.to_string()).or_insert(Place { name: name.to_string(), lat, lon, country_level });
                }
            }
        };
        for e in &pic.entities {
            add(&e.id, &e.name, e.lat, e.lon, e.kind == EntityType::Country);
        }
        for d in docs {
            for e in &d.entities {
                let level = e.kind == EntityType::Country || e.feature.as_deref() == Some("country");
                add(&e.id, &e.name, e.lat, e.lon, level);
            }
        }
        for p in &pic.control {
            add(&p.place, &p.name, p.lat, p.lon, false);
        }
        for d in docs {
            for ev in &d.events {
                if let Some(l) = &ev.location {
                    add(&l.id, &l.name, l.lat, l.lon, false);
                }
            }
        }
        Ctx { pic, docs: docs_by_id, doc_views, names, places }
    }

    /// The display name of an entity id (the id itself when unknown).
    pub fn name<'s>(&'s self, id: &'s str) -> &'s str {
        self.names.get(id).copied().unwrap_or(id)
    }

    /// Names joined with ", " (or "—" for none).
    pub fn names(&self, ids: &[String]) -> String {
        if ids.is_empty() {
            return "—".to_string();
        }
        ids.iter().map(|i| self.name(i)).collect::<Vec<_>>().join(", ")
    }

    pub fn doc(&self, id: &str) -> Option<&DocView<'a>> {
        self.doc_views.get(id)
    }

    /// Every document known (picture and inputs), by id.
    pub fn doc_list(&self) -> impl Iterator<Item = &DocView<'a>> {
        self.doc_views.values()
    }

    /// The outlet of a document, else its id.
    pub fn outlet_of(&self, doc: &str) -> String {
        self.doc(doc).and_then(|d| d.outlet).unwrap_or(doc).to_string()
    }

    pub fn event(&self, r: &ReportRef) -> Option<&'a Event> {
        self.docs.get(r.doc.as_str())?.events.iter().find(|e| e.id == r.event)
    }

    /// The sentence a report was read from, split around its trigger.
    pub fn evidence(&self, r: &ReportRef) -> Option<Evidence<'a>> {
        let doc = *self.docs.get(r.doc.as_str())?;
        let ev = doc.events.iter().find(|e| e.id == r.event)?;
        let text = doc.text.as_str();
        let s = ev.span;
        let sentence = text.get(s.start..s.end)?;
        let t = ev.trigger_span;
        if s.contains(t) && !t.is_empty() {
            if let (Some(before), Some(trigger), Some(after)) =
                (text.get(s.start..t.start), text.get(t.start..t.end), text.get(t.end..s.end))
            {
                return Some(Evidence { before, trigger, after, event: ev });
            }
        }
        // A trigger without a span (stripped documents): its first
        // occurrence in the sentence, if any.
        if !ev.trigger.is_empty() {
            if let Some(i) = sentence.find(ev.trigger.as_str()) {
                let j = i + ev.trigger.len();
                return Some(Evidence { before: &sentence[..i], trigger: &sentence[i..j], after: &sentence[j..], event: ev });
            }
        }
        Some(Evidence { before: sentence, trigger: "", after: "", event: ev })
    }

    /// The coordinates of a place id, if known.
    pub fn place(&self, id: &str) -> Option<&Place> {
        self.places.get(id)
    }

    /// The place name for an id (entity or control table name).
    pub fn place_name<'s>(&'s self, id: &'s str) -> &'s str {
        if let Some(p) = self.places.get(id) {
            return &p.name;
        }
        self.name(id)
    }

    /// Clusters sorted for display: by date (undated last), then id order.
    pub fn clusters_by_date(&self) -> Vec<&'a Cluster> {
        let mut v: Vec<&Cluster> = self.pic.clusters.iter().collect();
        v.sort_by(|a, b| {
            let ka = (a.date.is_none(), a.date, id_num(&a.id), &a.id);
            let kb = (b.date.is_none(), b.date, id_num(&b.id), &b.id);
            ka.cmp(&kb)
        });
        v
    }

    /// (type, number of clusters), in PLOVER order.
    pub fn types(&self) -> Vec<(String, usize)> {
        let mut m: BTreeMap<(usize, String), usize> = BTreeMap::new();
        for c in &self.pic.clusters {
            let k = c.kind.to_ascii_uppercase();
            *m.entry((type_rank(&k), k)).or_default() += 1;
        }
        m.into_iter().map(|((_, k), n)| (k, n)).collect()
    }

    /// Number of event reports behind the clusters.
    pub fn report_count(&self) -> usize {
        self.pic.clusters.iter().map(|c| c.reports.len()).sum()
    }

    /// Distinct outlets (documents without an outlet count by id).
    pub fn outlets(&self) -> Vec<String> {
        let mut v: Vec<String> = self.doc_list().map(|d| d.outlet.unwrap_or(d.id).to_string()).collect();
        v.sort();
        v.dedup();
        v
    }

    /// Distinct actors that appear as a cluster's source or target or in the network.
    pub fn actor_count(&self) -> usize {
        let mut s: std::collections::BTreeSet<&str> = Default::default();
        for c in &self.pic.clusters {
            s.extend(c.source.iter().map(String::as_str));
            s.extend(c.target.iter().map(String::as_str));
        }
        for e in &self.pic.network {
            s.insert(&e.source);
            s.insert(&e.target);
        }
        s.len()
    }

    /// The period: the picture's, else the span of cluster dates.
    pub fn period(&self) -> Option<(PartialDate, PartialDate)> {
        if let Some(p) = self.pic.period {
            return Some(p);
        }
        let mut dates = self.pic.clusters.iter().filter_map(|c| c.date);
        let first = dates.next()?;
        let (lo, hi) = dates.fold((first, first), |(lo, hi), d| (lo.min(d), hi.max(d)));
        Some((lo, hi))
    }

    /// Number of control steps over all places.
    pub fn control_changes(&self) -> usize {
        self.pic.control.iter().map(|p| p.steps.len()).sum()
    }
}

/// The holder after a place's last step: its gainers (empty when the last
/// step only says who lost it), with that step. Undated steps count only
/// when no step is dated.
pub fn last_holder(p: &PlaceControl) -> Option<(&[String], &ControlStep)> {
    let step = p.steps.iter().rev().find(|s| s.date.is_some()).or(p.steps.last())?;
    Some((step.gained_by.as_slice(), step))
}

/// Numeric part of an id like "c12" for natural ordering.
pub fn id_num(id: &str) -> u64 {
    id.trim_start_matches(|c: char| !c.is_ascii_digit()).parse().unwrap_or(u64::MAX)
}

pub fn fmt_date(d: Option<PartialDate>) -> String {
    d.map(|d| d.to_string()).unwrap_or_else(|| "undated".to_string())
}

pub fn fmt_period(p: Option<(PartialDate, PartialDate)>) -> String {
    match p {
        Some((a, b)) if a == b => a.to_string(),
        Some((a, b)) => format!("{a} to {b}"),
        None => "no dated events".to_string(),
    }
}
