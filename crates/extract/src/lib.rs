//! Extraction stage: entity linking and event coding over a document that
//! has its text layer, and the JSON Lines records of `spec/records.md`.

pub mod events;
mod facility;
pub mod link;
pub mod records;

use sitrep_kb::Kb;
use sitrep_model::{Document, EntityType, EventPlace};
use std::collections::HashMap;

/// Links entities and codes events; holds only read-only state, so one
/// extractor serves every thread.
pub struct Extractor {
    kb: Kb,
    cues: events::Cues,
}

impl Extractor {
    pub fn new(kb: Kb) -> Self {
        let cues = events::Cues::new(&kb);
        Extractor { kb, cues }
    }

    pub fn kb(&self) -> &Kb {
        &self.kb
    }

    /// The side an actor stands for: a person's force or government (KB
    /// `part_of`), else the actor itself. Used to compare reports.
    pub fn side(&self, id: &str) -> String {
        events::EventCoder { kb: &self.kb, cues: &self.cues }.side(id)
    }

    /// Fills `doc.entities` and `doc.events` (the text layer must be there).
    pub fn extract(&self, doc: &mut Document) {
        let toks = link::Tokens::new(doc);
        let mentions = link::link(&self.kb, doc, &toks);
        let entities = link::entities(&self.kb, doc, &mentions);
        let ids: Vec<String> = mentions.iter().map(|m| link::target_id(&self.kb, &m.target)).collect();
        let kind_of: HashMap<&str, EntityType> = entities.iter().map(|e| (e.id.as_str(), e.kind)).collect();
        let kinds: Vec<(EntityType, bool)> = ids
            .iter()
            .zip(&mentions)
            .map(|(id, m)| {
                let kind = kind_of[id.as_str()];
                (kind, kind.is_actor() || matches!(m.target, link::Target::Generic { .. }))
            })
            .collect();
        let places: HashMap<String, EventPlace> = entities
            .iter()
            .filter(|e| e.lat.is_some() && matches!(e.kind, EntityType::Place | EntityType::Country))
            .map(|e| {
                let p = EventPlace { id: e.id.clone(), name: e.name.clone(), lat: e.lat, lon: e.lon, country: e.country.clone() };
                (e.id.clone(), p)
            })
            .collect();
        let coder = events::EventCoder { kb: &self.kb, cues: &self.cues };
        doc.events = coder.code(doc, &toks, &mentions, &ids, &kinds, &places);
        doc.entities = entities;
    }
}
