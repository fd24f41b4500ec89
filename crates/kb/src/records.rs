//! KB entity records as written in `data/kb/*.jsonl` (see docs/kb-format.md).

use serde::Deserialize;
use sitrep_model::EntityType;

/// An office an entity held.
#[derive(Debug, Clone, Deserialize, PartialEq)]
pub struct Role {
    pub title: String,
    #[serde(default)]
    pub of: Option<String>,
    #[serde(default)]
    pub from: Option<String>,
    #[serde(default)]
    pub to: Option<String>,
}

/// One line of a KB file.
#[derive(Debug, Clone, Deserialize)]
pub struct EntityRecord {
    pub id: String,
    pub name: String,
    #[serde(rename = "type")]
    pub kind: EntityType,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub country: Option<String>,
    #[serde(default)]
    pub code: Option<String>,
    #[serde(default)]
    pub sector: Option<String>,
    #[serde(default)]
    pub wikidata: Option<String>,
    #[serde(default)]
    pub part_of: Vec<String>,
    #[serde(default)]
    pub roles: Vec<Role>,
    /// Armed groups and governments: the sides it has fought (ids).
    #[serde(default)]
    pub opponents: Vec<String>,
    #[serde(default)]
    pub descriptors: Vec<String>,
    #[serde(default)]
    pub demonyms: Vec<String>,
    #[serde(default)]
    pub seats: Vec<String>,
    /// When the entity existed or held its name: ISO dates, as precise as
    /// known ("2016-03", "2021-03-15"); open ends are null. Used to choose
    /// between entities that share a name on an article's date.
    #[serde(default)]
    pub from: Option<String>,
    #[serde(default)]
    pub to: Option<String>,
    #[serde(default)]
    pub lat: Option<f64>,
    #[serde(default)]
    pub lon: Option<f64>,
    #[serde(default)]
    pub feature: Option<String>,
}

fn push_unique(into: &mut Vec<String>, from: Vec<String>) {
    for s in from {
        if !into.contains(&s) {
            into.push(s);
        }
    }
}

impl EntityRecord {
    /// Extends this record with a later record of the same id: list fields
    /// are united, scalar fields given by the later record replace ours.
    pub fn merge(&mut self, later: EntityRecord) {
        if later.name != self.name {
            let old = std::mem::replace(&mut self.name, later.name);
            push_unique(&mut self.aliases, vec![old]);
        }
        self.kind = later.kind;
        push_unique(&mut self.aliases, later.aliases);
        push_unique(&mut self.part_of, later.part_of);
        push_unique(&mut self.opponents, later.opponents);
        push_unique(&mut self.descriptors, later.descriptors);
        push_unique(&mut self.demonyms, later.demonyms);
        push_unique(&mut self.seats, later.seats);
        for r in later.roles {
            if !self.roles.contains(&r) {
                self.roles.push(r);
            }
        }
        macro_rules! replace {
            ($($f:ident),*) => { $( if later.$f.is_some() { self.$f = later.$f; } )* };
        }
        replace!(country, code, sector, wikidata, from, to, lat, lon, feature);
    }

    /// The folded first words of its multi-word names ("khalifa" for
    /// Khalifa Haftar): given names, for people.
    pub fn first_names(&self) -> Vec<String> {
        std::iter::once(&self.name)
            .chain(self.aliases.iter())
            .filter_map(|n| {
                let f = sitrep_text::normalize::fold(n);
                let mut w = f.split(' ');
                let first = w.next()?.to_string();
                w.next().map(|_| first)
            })
            .collect()
    }

    /// Whether the entity existed on `date` (unknown dates count as yes).
    pub fn active_on(&self, date: Option<sitrep_model::PartialDate>) -> bool {
        let Some(d) = date.map(|d| d.to_string()) else { return true };
        let after_start = self.from.as_deref().map_or(true, |f| f[..f.len().min(d.len())] <= d[..f.len().min(d.len())]);
        let before_end = self.to.as_deref().map_or(true, |t| t[..t.len().min(d.len())] >= d[..t.len().min(d.len())]);
        after_start && before_end
    }

    /// Checks the fields a reader relies on; the message names the problem.
    pub fn validate(&self) -> Result<(), String> {
        if self.id.is_empty() || !self.id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-') {
            return Err(format!("id {:?} must match [a-z0-9-]+", self.id));
        }
        if self.name.trim().is_empty() {
            return Err(format!("{}: empty name", self.id));
        }
        if let Some(c) = &self.country {
            if c.len() != 3 || !c.bytes().all(|b| b.is_ascii_uppercase()) {
                return Err(format!("{}: country {:?} is not an ISO alpha-3 code", self.id, c));
            }
        }
        match (self.lat, self.lon) {
            (Some(la), Some(lo)) if !(-90.0..=90.0).contains(&la) || !(-180.0..=180.0).contains(&lo) => {
                Err(format!("{}: coordinates out of range", self.id))
            }
            _ => Ok(()),
        }
    }
}
