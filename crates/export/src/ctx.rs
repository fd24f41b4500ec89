//! What every format needs: entities merged over documents and the picture,
//! and the list of real-world events ("items") with their reports.

use std::collections::{HashMap, HashSet};

use sitrep_model::{Control, Count, DateFrom, Document, EntityType, Event, EventPlace, PartialDate, Plan, Status};
use sitrep_picture::{Cluster, Picture};

use crate::mapping::{self, ActorFacts, Sides};

/// An entity as the exports see it.
#[derive(Debug, Clone)]
pub(crate) struct Ent {
    pub name: String,
    pub kind: EntityType,
    pub country: Option<String>,
    pub code: Option<String>,
    pub sector: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub feature: Option<String>,
    pub wikidata: Option<String>,
    /// Documents that mention it (from the picture, else counted here).
    pub docs: usize,
}

impl From<&sitrep_picture::EntityInfo> for Ent {
    fn from(e: &sitrep_picture::EntityInfo) -> Self {
        Ent {
            name: e.name.clone(),
            kind: e.kind,
            country: e.country.clone(),
            code: e.code.clone(),
            sector: e.sector.clone(),
            lat: e.lat,
            lon: e.lon,
            feature: None,
            wikidata: None,
            docs: e.docs,
        }
    }
}

impl From<&sitrep_model::Entity> for Ent {
    fn from(e: &sitrep_model::Entity) -> Self {
        Ent {
            name: e.name.clone(),
            kind: e.kind,
            country: e.country.clone(),
            code: e.code.clone(),
            sector: e.sector.clone(),
            lat: e.lat,
            lon: e.lon,
            feature: e.feature.clone(),
            wikidata: e.wikidata.clone(),
            docs: 1,
        }
    }
}

impl Ent {
    pub fn facts(&self) -> ActorFacts<'_> {
        ActorFacts { kind: self.kind, code: self.code.as_deref(), sector: self.sector.as_deref(), country: self.country.as_deref() }
    }
    /// CAMEO actor code: code + sector ("LBYMIL"), or what of them is known.
    pub fn cameo_actor(&self) -> String {
        let code = self.code.as_deref().or(self.country.as_deref()).unwrap_or("");
        format!("{code}{}", self.sector.as_deref().unwrap_or(""))
    }
}

/// One event report: a document and one of its events.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Report<'a> {
    pub doc: &'a Document,
    /// Position of the document in the input.
    pub doc_index: usize,
    pub ev: &'a Event,
}

/// Where an event happened.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Place {
    pub id: Option<String>,
    pub name: String,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub country: Option<String>,
    pub feature: Option<String>,
}

impl Place {
    pub fn coords(&self) -> Option<(f64, f64)> {
        match (self.lat, self.lon) {
            (Some(la), Some(lo)) if la.is_finite() && lo.is_finite() => Some((la, lo)),
            _ => None,
        }
    }
}

/// A real-world event: a cluster of the picture, or a report no cluster holds.
#[derive(Debug, Clone)]
pub(crate) struct Item<'a> {
    /// The cluster id, or `doc:event` for an unclustered report.
    pub id: String,
    pub cluster: Option<String>,
    pub kind: String,
    pub mode: Option<String>,
    pub source: Vec<String>,
    pub target: Vec<String>,
    pub place: Option<Place>,
    pub date: Option<PartialDate>,
    pub status: Status,
    pub reports: Vec<Report<'a>>,
    /// Distinct outlets (documents without an outlet count by id).
    pub outlets: Vec<String>,
    pub confidence: f32,
}

impl<'a> Item<'a> {
    /// The report that stands for the event: the first of its reports read as
    /// the event's type, else the first.
    pub fn rep(&self) -> Option<&Report<'a>> {
        self.reports.iter().find(|r| r.ev.kind == self.kind && r.ev.mode == self.mode)
            .or_else(|| self.reports.iter().find(|r| r.ev.kind == self.kind))
            .or(self.reports.first())
    }

    /// Who gained and lost a place: the representative report's, else the
    /// first report that gives one.
    pub fn control(&self) -> Option<&'a Control> {
        self.rep().and_then(|r| r.ev.control.as_ref()).or_else(|| self.reports.iter().find_map(|r| r.ev.control.as_ref()))
    }

    pub fn plan(&self) -> Option<&'a Plan> {
        self.rep().and_then(|r| r.ev.plan.as_ref())
    }

    pub fn date_from(&self) -> Option<DateFrom> {
        self.rep().and_then(|r| r.ev.date_from)
    }

    /// CAMEO event code (see [`mapping::cameo_code`]).
    pub fn cameo_code(&self) -> String {
        let root = self.rep().filter(|r| r.ev.kind == self.kind && r.ev.mode == self.mode).and_then(|r| r.ev.cameo.as_deref());
        mapping::cameo_code(&self.kind, self.mode.as_deref(), self.plan(), self.control().is_some(), root)
    }

    /// The lowest figure any report gives (a range counts by its lower bound).
    pub fn min_count(&self, pick: impl Fn(&sitrep_model::Size) -> Option<Count>) -> Option<u64> {
        self.reports.iter().filter_map(|r| r.ev.size.as_ref().and_then(&pick)).map(count_low).min()
    }

    /// The highest figure any report gives (a range counts by its upper bound).
    pub fn max_count(&self, pick: impl Fn(&sitrep_model::Size) -> Option<Count>) -> Option<u64> {
        self.reports.iter().filter_map(|r| r.ev.size.as_ref().and_then(&pick)).map(count_high).max()
    }

    /// URL of the first report whose document has one.
    pub fn url(&self) -> Option<&'a str> {
        self.reports.iter().find_map(|r| r.doc.url.as_deref())
    }

    /// Earliest publication date of its reports.
    pub fn first_published(&self) -> Option<PartialDate> {
        self.reports.iter().filter_map(|r| r.doc.published).min()
    }

    /// Its date, else the earliest publication date.
    pub fn date_or_published(&self) -> Option<PartialDate> {
        self.date.or_else(|| self.first_published())
    }

    /// Distinct documents reporting it.
    pub fn doc_count(&self) -> usize {
        self.reports.iter().map(|r| r.doc_index).collect::<HashSet<_>>().len()
    }
}

pub(crate) fn count_low(c: Count) -> u64 {
    match c {
        Count::Exact(n) => n,
        Count::Range { min, .. } => min,
    }
}

pub(crate) fn count_high(c: Count) -> u64 {
    match c {
        Count::Exact(n) => n,
        Count::Range { max, .. } => max,
    }
}

pub(crate) struct Ctx<'a> {
    pub docs: &'a [Document],
    pub picture: &'a Picture,
    ents: HashMap<String, Ent>,
    /// Entity ids in first-seen order.
    pub ent_order: Vec<String>,
    /// ISO alpha-3 -> country name, from the country entities.
    country_names: HashMap<String, String>,
    pub items: Vec<Item<'a>>,
    /// (doc, event) -> cluster id.
    cluster_of: HashMap<(&'a str, &'a str), String>,
}

impl<'a> Ctx<'a> {
    pub fn new(docs: &'a [Document], picture: &'a Picture) -> Self {
        let mut ents: HashMap<String, Ent> = HashMap::new();
        let mut ent_order = Vec::new();
        for e in &picture.entities {
            if !ents.contains_key(&e.id) {
                ent_order.push(e.id.clone());
                ents.insert(e.id.clone(), Ent::from(e));
            }
        }
        let from_picture: HashSet<String> = ents.keys().cloned().collect();
        for d in docs {
            for e in &d.entities {
                match ents.get_mut(&e.id) {
                    Some(x) => {
                        fill(&mut x.country, &e.country);
                        fill(&mut x.code, &e.code);
                        fill(&mut x.sector, &e.sector);
                        fill(&mut x.feature, &e.feature);
                        fill(&mut x.wikidata, &e.wikidata);
                        if x.lat.is_none() || x.lon.is_none() {
                            x.lat = x.lat.or(e.lat);
                            x.lon = x.lon.or(e.lon);
                        }
                        if !from_picture.contains(&e.id) {
                            x.docs += 1;
                        }
                    }
                    None => {
                        ent_order.push(e.id.clone());
                        ents.insert(e.id.clone(), Ent::from(e));
                    }
                }
            }
        }
        let mut country_names = HashMap::new();
        for id in &ent_order {
            let e = &ents[id];
            if e.kind == EntityType::Country {
                let iso = e.country.as_deref().or(e.code.as_deref().filter(|c| !mapping::INTERNATIONAL_CODES.contains(c)));
                if let Some(iso) = iso {
                    country_names.entry(iso.to_string()).or_insert_with(|| e.name.clone());
                }
            }
        }

        let mut by_ref: HashMap<(&str, &str), Report<'a>> = HashMap::new();
        for (i, d) in docs.iter().enumerate() {
            for ev in &d.events {
                by_ref.entry((d.id.as_str(), ev.id.as_str())).or_insert(Report { doc: d, doc_index: i, ev });
            }
        }

        let mut ctx = Ctx { docs, picture, ents, ent_order, country_names, items: Vec::new(), cluster_of: HashMap::new() };
        let mut used: HashSet<(&str, &str)> = HashSet::new();
        for c in &picture.clusters {
            let mut reports = Vec::new();
            for r in &c.reports {
                if let Some((key, rep)) = by_ref.get_key_value(&(r.doc.as_str(), r.event.as_str())) {
                    if used.insert(*key) {
                        reports.push(*rep);
                    }
                    ctx.cluster_of.insert(*key, c.id.clone());
                }
            }
            let item = ctx.cluster_item(c, reports);
            ctx.items.push(item);
        }
        for (i, d) in docs.iter().enumerate() {
            for ev in &d.events {
                let key = (d.id.as_str(), ev.id.as_str());
                if used.contains(&key) {
                    continue;
                }
                used.insert(key);
                let rep = Report { doc: d, doc_index: i, ev };
                let item = ctx.report_item(rep);
                ctx.items.push(item);
            }
        }
        ctx
    }

    fn cluster_item(&self, c: &Cluster, reports: Vec<Report<'a>>) -> Item<'a> {
        let mut item = Item {
            id: c.id.clone(),
            cluster: Some(c.id.clone()),
            kind: c.kind.clone(),
            mode: c.mode.clone(),
            source: c.source.clone(),
            target: c.target.clone(),
            place: None,
            date: c.date,
            status: c.status,
            reports,
            outlets: c.outlets.clone(),
            confidence: c.confidence,
        };
        let rep = item.rep().copied();
        let ev_place = rep.and_then(|r| r.ev.location.as_ref())
            .or_else(|| item.reports.iter().find_map(|r| r.ev.location.as_ref()));
        item.place = match &c.location {
            Some(id) => self.place(Some(id), item.reports.iter().find_map(|r| r.ev.location.as_ref().filter(|p| &p.id == id)).or(ev_place)),
            None => self.place(None, ev_place),
        };
        if item.date.is_none() {
            item.date = rep.and_then(|r| r.ev.date);
        }
        if item.outlets.is_empty() {
            item.outlets = outlets(&item.reports);
        }
        item
    }

    fn report_item(&self, r: Report<'a>) -> Item<'a> {
        let ev = r.ev;
        Item {
            id: format!("{}:{}", r.doc.id, ev.id),
            cluster: ev.cluster.clone(),
            kind: ev.kind.clone(),
            mode: ev.mode.clone(),
            source: ev.source.clone(),
            target: ev.target.clone(),
            place: self.place(ev.location.as_ref().map(|p| p.id.as_str()), ev.location.as_ref()),
            date: ev.date,
            status: ev.status,
            reports: vec![r],
            outlets: outlets(&[r]),
            confidence: ev.confidence,
        }
    }

    /// A place from an entity id and/or an event's location.
    pub fn place(&self, id: Option<&str>, ev: Option<&EventPlace>) -> Option<Place> {
        let ent = id.and_then(|i| self.ent(i)).or_else(|| ev.and_then(|p| self.ent(&p.id)));
        if ent.is_none() && ev.is_none() {
            return id.map(|i| Place { id: Some(i.to_string()), name: i.to_string(), lat: None, lon: None, country: None, feature: None });
        }
        let (elat, elon) = match ent {
            Some(e) if e.lat.is_some() && e.lon.is_some() => (e.lat, e.lon),
            _ => (ev.and_then(|p| p.lat), ev.and_then(|p| p.lon)),
        };
        Some(Place {
            id: id.map(str::to_string).or_else(|| ev.map(|p| p.id.clone())),
            name: ent.map(|e| e.name.clone()).or_else(|| ev.map(|p| p.name.clone())).unwrap_or_default(),
            lat: elat,
            lon: elon,
            country: ent.and_then(|e| e.country.clone()).or_else(|| ev.and_then(|p| p.country.clone())),
            feature: ent.and_then(|e| e.feature.clone()).or_else(|| match ent.map(|e| e.kind) {
                Some(EntityType::Country) => Some("country".into()),
                _ => None,
            }),
        })
    }

    pub fn ent(&self, id: &str) -> Option<&Ent> {
        self.ents.get(id)
    }

    /// The entity's name, or the id itself when unknown.
    pub fn name<'b>(&'b self, id: &'b str) -> &'b str {
        self.ents.get(id).map(|e| e.name.as_str()).unwrap_or(id)
    }

    /// Country name for an ISO alpha-3 code (from the country entities), or the code.
    pub fn country_name<'b>(&'b self, iso: &'b str) -> &'b str {
        self.country_names.get(iso).map(String::as_str).unwrap_or(iso)
    }

    /// The cluster of a report: the picture's, else the event's own field.
    pub fn cluster_of<'b>(&'b self, doc: &'b Document, ev: &'b Event) -> Option<&'b str> {
        self.cluster_of.get(&(doc.id.as_str(), ev.id.as_str())).map(String::as_str).or(ev.cluster.as_deref())
    }

    /// What the ACLED mapping needs to know about an event's sides.
    pub fn sides(&self, item: &Item<'_>) -> Sides {
        let country = self.event_country(item);
        let facts = |id: &str| self.ent(id).map(|e| e.facts());
        Sides {
            gainer_is_state: item
                .control()
                .map(|c| c.gained_by.iter().any(|g| facts(g).map(|f| f.is_state_of(country.as_deref())).unwrap_or(false)))
                .unwrap_or(false),
            target_civilian: !item.target.is_empty()
                && item.target.iter().all(|t| facts(t).map(|f| f.is_civilian()).unwrap_or(false)),
            target_armed: item.target.iter().any(|t| facts(t).map(|f| f.is_armed()).unwrap_or(false)),
        }
    }

    /// The country an event happened in: its place's; else that of its
    /// first target with a country (aid, strikes and support land where the
    /// target is); else that of its first source.
    pub fn event_country(&self, item: &Item<'_>) -> Option<String> {
        let country_of = |ids: &[String]| {
            ids.iter().find_map(|s| self.ent(s).filter(|e| e.kind != EntityType::InternationalOrg).and_then(|e| e.country.clone()))
        };
        item.place.as_ref().and_then(|p| p.country.clone()).or_else(|| country_of(&item.target)).or_else(|| country_of(&item.source))
    }
}

fn fill(slot: &mut Option<String>, v: &Option<String>) {
    if slot.is_none() {
        slot.clone_from(v);
    }
}

fn outlets(reports: &[Report<'_>]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for r in reports {
        let o = r.doc.outlet.clone().unwrap_or_else(|| r.doc.id.clone());
        if !out.contains(&o) {
            out.push(o);
        }
    }
    out
}
