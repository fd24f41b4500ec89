//! Knowledge base: entities, gazetteer and event lexicon, compiled from the
//! data files under `data/` (embedded at build time) and any `--kb` /
//! `--lexicon` files given at run time, into the indexes the extractor
//! needs. Built once, then shared read-only across threads.

pub mod fuzzy;
pub mod gazetteer;
pub mod lexicon;
pub mod records;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use sitrep_model::{EntityType, PartialDate};
use sitrep_text::normalize::fold;
use std::collections::{HashMap, HashSet};
use std::path::Path;

pub use fuzzy::{FuzzyHit, FuzzyIndex};
pub use gazetteer::{Gazetteer, Place};
pub use lexicon::{Lexicon, Pos, Trigger, TriggerForm};
pub use records::{EntityRecord, Role};

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded.rs"));
}

/// What kind of name a pattern of the alias automaton is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AliasKind {
    /// A proper name or alias of the entity.
    Name,
    /// An all-capitals acronym: matched case-sensitively.
    Acronym,
    /// A demonym/adjective of a country ("Turkish").
    Demonym,
    /// A capital or seat of power standing for its state ("Ankara").
    Seat,
    /// A lower-case descriptor resolved in context ("national army").
    Descriptor,
}

/// One entity a pattern may name.
#[derive(Debug, Clone)]
pub struct AliasRef {
    pub entity: u32,
    pub kind: AliasKind,
    /// The alias as written in the KB (for case checks).
    pub written: String,
}

/// The compiled knowledge base.
pub struct Kb {
    pub entities: Vec<EntityRecord>,
    by_id: HashMap<String, u32>,
    by_alpha3: HashMap<String, u32>,
    pub gazetteer: Gazetteer,
    pub lexicon: Lexicon,
    common: HashMap<String, u32>,
    /// Names, acronyms, demonyms and seats; `name_ids` maps its pattern
    /// numbers to `patterns`.
    automaton: AhoCorasick,
    name_ids: Vec<usize>,
    /// Descriptors, likewise.
    descriptor_automaton: AhoCorasick,
    descriptor_ids: Vec<usize>,
    /// Pattern index -> the entities it names.
    patterns: Vec<Vec<AliasRef>>,
    /// Folded alias -> pattern index.
    pattern_ix: HashMap<String, usize>,
    pub fuzzy: FuzzyIndex,
    /// Spellings of the KB's own places (bases, towns of a conflict pack).
    pub place_fuzzy: FuzzyIndex,
    /// Folded surname -> person entities (for short forms).
    surnames: HashMap<String, Vec<u32>>,
    /// (folded title, office of) -> holders.
    offices: HashMap<(String, String), Vec<u32>>,
    /// Folded given names of KB people.
    given: HashSet<String>,
}

/// Errors name the file (and line).
pub type KbError = String;

/// Collects data before compiling it.
#[derive(Default)]
pub struct KbBuilder {
    records: Vec<EntityRecord>,
    index: HashMap<String, usize>,
    gazetteer: Gazetteer,
    lexicon: Lexicon,
    common: HashMap<String, u32>,
}

impl KbBuilder {
    /// A builder holding the embedded data.
    pub fn embedded() -> Result<Self, KbError> {
        let mut b = KbBuilder::default();
        for (name, text) in embedded::KB_FILES {
            b.add_jsonl(&format!("data/kb/{name}"), text)?;
        }
        for (name, text) in embedded::GAZETTEER_FILES {
            b.gazetteer.add_tsv(&format!("data/gazetteer/{name}"), text)?;
        }
        for (name, text) in embedded::LEXICON_FILES {
            b.add_lexicon_text(&format!("data/lexicon/{name}"), text)?;
        }
        Ok(b)
    }

    /// Adds entity records (JSON Lines); the same id extends an earlier record.
    pub fn add_jsonl(&mut self, source: &str, text: &str) -> Result<(), KbError> {
        for (n, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with("//") {
                continue;
            }
            let rec: EntityRecord =
                serde_json::from_str(line).map_err(|e| format!("{source}:{}: {e}", n + 1))?;
            rec.validate().map_err(|e| format!("{source}:{}: {e}", n + 1))?;
            match self.index.get(&rec.id) {
                Some(&i) => self.records[i].merge(rec),
                None => {
                    self.index.insert(rec.id.clone(), self.records.len());
                    self.records.push(rec);
                }
            }
        }
        Ok(())
    }

    /// Adds a lexicon file: `*.toml` with `[[trigger]]` and/or `[cues]`, or
    /// `common_words.txt` (one word a line).
    pub fn add_lexicon_text(&mut self, source: &str, text: &str) -> Result<(), KbError> {
        if source.ends_with(".txt") {
            // Most frequent first: the line number is the word's rank.
            for w in text.lines().map(|l| l.trim().to_lowercase()).filter(|l| !l.is_empty()) {
                let rank = self.common.len() as u32;
                self.common.entry(w).or_insert(rank);
            }
            return Ok(());
        }
        if text.contains("[[trigger]]") {
            self.lexicon.add_triggers(source, text)?;
        }
        if text.contains("[cues]") {
            self.lexicon.add_cues(source, text)?;
        }
        Ok(())
    }

    /// Adds a user file: `.jsonl` entities, `.tsv` gazetteer rows, `.toml` lexicon.
    pub fn add_file(&mut self, path: &Path) -> Result<(), KbError> {
        let shown = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| format!("{shown}: {e}"))?;
        match path.extension().and_then(|e| e.to_str()) {
            Some("jsonl") | Some("json") => self.add_jsonl(&shown, &text),
            Some("tsv") => self.gazetteer.add_tsv(&shown, &text),
            Some("toml") | Some("txt") => self.add_lexicon_text(&shown, &text),
            _ => Err(format!("{shown}: unknown knowledge-base file type (want .jsonl, .tsv or .toml)")),
        }
    }

    /// Compiles the indexes.
    pub fn build(self) -> Result<Kb, KbError> {
        Kb::compile(self)
    }
}

fn is_acronym(alias: &str) -> bool {
    let letters: Vec<char> = alias.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 2
        && letters.len() <= 7
        && letters.iter().all(|c| c.is_uppercase())
        && !alias.contains(' ')
}

/// Name particles that are not surnames.
const PARTICLES: &[&str] = &["al", "el", "bin", "ibn", "bint", "abu", "abd", "abdel", "de", "da", "van", "von", "la", "le", "ben", "ould", "ag", "mc"];

impl Kb {
    /// The embedded knowledge base.
    pub fn embedded() -> Result<Kb, KbError> {
        KbBuilder::embedded()?.build()
    }

    fn compile(b: KbBuilder) -> Result<Kb, KbError> {
        let KbBuilder { records, gazetteer, lexicon, common, .. } = b;
        let mut gazetteer = gazetteer;
        let mut by_id = HashMap::new();
        let mut by_alpha3 = HashMap::new();
        let mut pattern_ix: HashMap<String, usize> = HashMap::new();
        let mut pattern_strs: Vec<String> = Vec::new();
        let mut patterns: Vec<Vec<AliasRef>> = Vec::new();
        let mut fuzzy = FuzzyIndex::default();
        let mut place_fuzzy = FuzzyIndex::default();
        let mut surnames: HashMap<String, Vec<u32>> = HashMap::new();
        let mut offices: HashMap<(String, String), Vec<u32>> = HashMap::new();

        let mut add = |alias: &str, entity: u32, kind: AliasKind| {
            let key = fold(alias.trim());
            let key = key.strip_prefix("the ").unwrap_or(&key).to_string();
            if key.chars().filter(|c| c.is_alphanumeric()).count() < 2 {
                return;
            }
            let i = *pattern_ix.entry(key.clone()).or_insert_with(|| {
                pattern_strs.push(key);
                patterns.push(Vec::new());
                patterns.len() - 1
            });
            let kind = if kind == AliasKind::Name && is_acronym(alias) { AliasKind::Acronym } else { kind };
            if !patterns[i].iter().any(|r| r.entity == entity && r.kind == kind) {
                patterns[i].push(AliasRef { entity, kind, written: alias.trim().to_string() });
            }
        };

        // Given names of people ("Ahmed", "Khalifa") are never surname keys.
        let given: HashSet<String> =
            records.iter().filter(|r| r.kind == EntityType::Person).flat_map(EntityRecord::first_names).collect();
        for (i, r) in records.iter().enumerate() {
            let e = i as u32;
            by_id.insert(r.id.clone(), e);
            if r.kind == EntityType::Country {
                if let Some(c) = &r.country {
                    by_alpha3.entry(c.clone()).or_insert(e);
                }
            }
            add(&r.name, e, AliasKind::Name);
            for a in &r.aliases {
                add(a, e, AliasKind::Name);
            }
            // Demonyms stand for states only: "Arab" or "African" is no actor.
            if r.kind == EntityType::Country {
                for d in &r.demonyms {
                    add(d, e, AliasKind::Demonym);
                }
            }
            for s in &r.seats {
                add(s, e, AliasKind::Seat);
            }
            for d in &r.descriptors {
                add(d, e, AliasKind::Descriptor);
            }
            index_name_words(r, e, &common, &given, &mut fuzzy, &mut surnames);
            if r.kind == EntityType::Place {
                for n in std::iter::once(&r.name).chain(r.aliases.iter()) {
                    for w in fold(n).split(' ').filter(|w| !PARTICLES.contains(w) && !common.contains_key(*w)) {
                        if !matches!(w, "air" | "base" | "airbase" | "airport" | "port" | "field" | "city" | "town" | "oil") {
                            place_fuzzy.add(e, w);
                        }
                    }
                }
            }
            for role in &r.roles {
                if let Some(of) = &role.of {
                    offices.entry((fold(&role.title), of.clone())).or_default().push(e);
                }
            }
            // KB places are also gazetteer places, so locatives find them.
            if let (EntityType::Place, Some(lat), Some(lon)) = (r.kind, r.lat, r.lon) {
                let mut names = vec![r.name.clone()];
                names.extend(r.aliases.iter().cloned());
                gazetteer.add_place(
                    Place {
                        geonameid: 0,
                        name: r.name.clone(),
                        lat,
                        lon,
                        feature: r.feature.clone().unwrap_or_else(|| "site".into()),
                        country: r.country.clone().unwrap_or_default(),
                        admin1: String::new(),
                        population: 0,
                        kb_id: Some(r.id.clone()),
                    },
                    &names,
                );
            }
        }
        gazetteer.finish();
        // Names and descriptors are matched by separate automata, so that a
        // descriptor ("UN-backed government") cannot hide the start of a
        // name ("Government of National Accord") under leftmost-longest.
        let build = |ids: &[usize]| {
            AhoCorasickBuilder::new()
                .match_kind(MatchKind::LeftmostLongest)
                .start_kind(aho_corasick::StartKind::Both)
                .build(ids.iter().map(|&i| &pattern_strs[i]))
                .map_err(|e| format!("building the alias automaton: {e}"))
        };
        let name_ids: Vec<usize> =
            (0..patterns.len()).filter(|&i| patterns[i].iter().any(|r| r.kind != AliasKind::Descriptor)).collect();
        let descriptor_ids: Vec<usize> =
            (0..patterns.len()).filter(|&i| patterns[i].iter().any(|r| r.kind == AliasKind::Descriptor)).collect();
        let automaton = build(&name_ids)?;
        let descriptor_automaton = build(&descriptor_ids)?;
        Ok(Kb {
            entities: records,
            by_id,
            by_alpha3,
            gazetteer,
            lexicon,
            common,
            automaton,
            name_ids,
            descriptor_automaton,
            descriptor_ids,
            patterns,
            pattern_ix,
            fuzzy,
            place_fuzzy,
            surnames,
            offices,
            given,
        })
    }

    pub fn get(&self, id: &str) -> Option<&EntityRecord> {
        self.by_id.get(id).map(|&i| &self.entities[i as usize])
    }

    pub fn index_of(&self, id: &str) -> Option<u32> {
        self.by_id.get(id).copied()
    }

    pub fn entity(&self, i: u32) -> &EntityRecord {
        &self.entities[i as usize]
    }

    /// The country entity of an ISO alpha-3 code.
    pub fn country(&self, alpha3: &str) -> Option<u32> {
        self.by_alpha3.get(alpha3).copied()
    }

    /// Resolves a `part_of`/`of` reference: an id or an ISO alpha-3 code.
    pub fn resolve_ref(&self, r: &str) -> Option<u32> {
        self.index_of(r).or_else(|| self.country(r))
    }

    /// Name matches in folded text that start and end at word boundaries:
    /// (start, end, refs), leftmost-longest, non-overlapping.
    pub fn find_names<'a>(&'a self, folded: &'a str) -> Vec<(usize, usize, &'a [AliasRef])> {
        word_matches(&self.automaton, folded).into_iter().map(|(s, e, p)| (s, e, self.patterns[self.name_ids[p]].as_slice())).collect()
    }

    /// Descriptor matches, likewise.
    pub fn find_descriptors<'a>(&'a self, folded: &'a str) -> Vec<(usize, usize, &'a [AliasRef])> {
        word_matches(&self.descriptor_automaton, folded)
            .into_iter()
            .map(|(s, e, p)| (s, e, self.patterns[self.descriptor_ids[p]].as_slice()))
            .collect()
    }

    /// The entities a folded alias names exactly.
    pub fn alias_lookup(&self, folded: &str) -> &[AliasRef] {
        self.pattern_ix.get(folded).map_or(&[], |&i| self.patterns[i].as_slice())
    }

    /// Whether a folded word is a common English word (never fuzzy-linked).
    pub fn is_common(&self, folded: &str) -> bool {
        self.common.contains_key(folded)
    }

    /// Frequency rank of a common word (0 = most frequent).
    pub fn common_rank(&self, folded: &str) -> Option<u32> {
        self.common.get(folded).copied()
    }

    /// Whether a folded word is the given name of some KB person.
    pub fn is_given_name(&self, folded: &str) -> bool {
        self.given.contains(folded)
    }

    pub fn surname_holders(&self, folded: &str) -> &[u32] {
        self.surnames.get(folded).map_or(&[], Vec::as_slice)
    }

    /// Who held office `title` of `of` on `date` (or most recently before it).
    pub fn office_holder(&self, title: &str, of: &str, date: Option<PartialDate>) -> Option<u32> {
        let holders = self.offices.get(&(fold(title), of.to_string()))?;
        let when = date.map(|d| d.to_string());
        let mut best: Option<(u32, String)> = None;
        for &e in holders {
            for role in &self.entity(e).roles {
                if fold(&role.title) != fold(title) || role.of.as_deref() != Some(of) {
                    continue;
                }
                let from = role.from.clone().unwrap_or_default();
                let in_office = match &when {
                    None => role.to.is_none(),
                    Some(w) => from.as_str() <= w.as_str() && role.to.as_deref().map_or(true, |t| t >= &w[..t.len().min(w.len())]),
                };
                if in_office && best.as_ref().map_or(true, |(_, f)| from > *f) {
                    best = Some((e, from));
                }
            }
        }
        best.map(|(e, _)| e)
    }

    /// Counts for reports: entities per type, places, triggers.
    pub fn stats(&self) -> Vec<(String, usize)> {
        let mut counts: HashMap<&str, usize> = HashMap::new();
        for e in &self.entities {
            *counts.entry(e.kind.as_str()).or_default() += 1;
        }
        let mut out: Vec<(String, usize)> = counts.into_iter().map(|(k, v)| (k.to_string(), v)).collect();
        out.sort();
        out.push(("gazetteer places".into(), self.gazetteer.len()));
        out.push(("triggers".into(), self.lexicon.triggers.len()));
        out.push(("common words".into(), self.common.len()));
        out
    }
}

fn is_word_char(c: Option<char>) -> bool {
    c.map_or(false, char::is_alphanumeric)
}

/// Leftmost-longest matches that begin and end at word boundaries. When the
/// longest match at a position runs into a word ("Pantsir air defense
/// system" inside "... systems"), shorter matches at the same start are
/// tried before moving on.
fn word_matches(ac: &AhoCorasick, hay: &str) -> Vec<(usize, usize, usize)> {
    use aho_corasick::{Anchored, Input};
    let bounded = |s: usize, e: usize| !is_word_char(hay[..s].chars().next_back()) && !is_word_char(hay[e..].chars().next());
    let mut out = Vec::new();
    let mut pos = 0;
    while pos < hay.len() {
        let Some(m) = ac.find(Input::new(hay).range(pos..)) else { break };
        let (s, mut e, mut pat) = (m.start(), m.end(), m.pattern().as_usize());
        let mut ok = bounded(s, e);
        if !is_word_char(hay[..s].chars().next_back()) {
            // Shorter matches anchored at the same start.
            while !ok && e > s + 1 {
                match ac.find(Input::new(hay).range(s..e - 1).anchored(Anchored::Yes)) {
                    Some(m2) => {
                        e = m2.end();
                        pat = m2.pattern().as_usize();
                        ok = bounded(s, e);
                    }
                    None => break,
                }
            }
        }
        if ok {
            out.push((s, e, pat));
            pos = e;
        } else {
            pos = s + hay[s..].chars().next().map_or(1, char::len_utf8);
        }
    }
    out
}

/// Indexes the distinctive words of a name for fuzzy matching and short forms.
fn index_name_words(
    r: &EntityRecord,
    e: u32,
    common: &HashMap<String, u32>,
    given: &HashSet<String>,
    fuzzy: &mut FuzzyIndex,
    surnames: &mut HashMap<String, Vec<u32>>,
) {
    if matches!(r.kind, EntityType::Equipment | EntityType::Other) {
        return;
    }
    let names = std::iter::once(&r.name).chain(r.aliases.iter());
    for name in names {
        let folded = fold(name);
        let words: Vec<&str> = folded.split(' ').filter(|w| !w.is_empty()).collect();
        let distinctive = |w: &&&str| {
            !PARTICLES.contains(*w) && !common.contains_key(**w) && !given.contains(**w) && w.len() >= fuzzy::MIN_WORD
        };
        // A patronymic after "bin"/"ibn" is not a surname either.
        if words.len() >= 2 && matches!(words[words.len() - 2], "bin" | "ibn" | "bint" | "ben" | "ould") {
            continue;
        }
        match r.kind {
            EntityType::Person => {
                if let Some(last) = words.last().filter(distinctive) {
                    fuzzy.add(e, last);
                    if words.len() > 1 {
                        let list = surnames.entry(last.to_string()).or_default();
                        if !list.contains(&e) {
                            list.push(e);
                        }
                    }
                }
                if words.len() == 1 {
                    if let Some(w) = words.first().filter(distinctive) {
                        fuzzy.add(e, w);
                    }
                }
            }
            // Other names are matched exactly: fuzzy matching of place and
            // organisation names links ordinary capitalised words too often.
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn small_kb() -> Kb {
        let mut b = KbBuilder::default();
        b.add_jsonl(
            "t.jsonl",
            r#"{"id":"turkey","name":"Turkey","type":"country","country":"TUR","code":"TUR","aliases":["Türkiye"],"demonyms":["Turkish"],"seats":["Ankara"]}
{"id":"recep-tayyip-erdogan","name":"Recep Tayyip Erdoğan","type":"person","aliases":["Erdogan"],"country":"TUR","roles":[{"title":"President","of":"TUR","from":"2014-08-28","to":null},{"title":"Prime Minister","of":"TUR","from":"2003-03-14","to":"2014-08-28"}]}
{"id":"ahmet-davutoglu","name":"Ahmet Davutoğlu","type":"person","country":"TUR","roles":[{"title":"Prime Minister","of":"TUR","from":"2014-08-28","to":"2016-05-24"}]}
"#,
        )
        .unwrap();
        b.add_jsonl("user.jsonl", r#"{"id":"turkey","name":"Turkey","type":"country","aliases":["Turkiye"]}"#).unwrap();
        b.build().unwrap()
    }

    #[test]
    fn a_longest_match_inside_a_word_falls_back_to_a_shorter_one() {
        let mut b = KbBuilder::default();
        b.add_jsonl("t", r#"{"id":"p","name":"Pantsir","type":"equipment","aliases":["Pantsir air defense system"]}"#).unwrap();
        let kb = b.build().unwrap();
        let text = fold("destroyed Pantsir air defense systems and Pantsirs");
        let found: Vec<&str> = kb.find_names(&text).into_iter().map(|(s, e, _)| &text[s..e]).collect();
        assert_eq!(found, vec!["pantsir"]);
    }

    #[test]
    fn later_records_extend_earlier_ones() {
        let kb = small_kb();
        let t = kb.get("turkey").unwrap();
        assert!(t.aliases.contains(&"Türkiye".to_string()) && t.aliases.contains(&"Turkiye".to_string()));
        assert_eq!(t.country.as_deref(), Some("TUR"));
    }

    #[test]
    fn automaton_finds_folded_aliases() {
        let kb = small_kb();
        let text = fold("Ankara and TÜRKIYE back Erdoğan");
        let found: Vec<&str> = kb.find_names(&text).into_iter().map(|(_, _, refs)| kb.entity(refs[0].entity).id.as_str()).collect();
        assert_eq!(found, vec!["turkey", "turkey", "recep-tayyip-erdogan"]);
    }

    #[test]
    fn office_holders_by_date() {
        let kb = small_kb();
        let who = |t, d: &str| kb.office_holder(t, "TUR", Some(d.parse().unwrap())).map(|e| kb.entity(e).id.clone());
        assert_eq!(who("President", "2020-01-05").as_deref(), Some("recep-tayyip-erdogan"));
        assert_eq!(who("Prime Minister", "2010-06-01").as_deref(), Some("recep-tayyip-erdogan"));
        assert_eq!(who("Prime Minister", "2015").as_deref(), Some("ahmet-davutoglu"));
    }

    #[test]
    fn bad_records_name_file_and_line() {
        let mut b = KbBuilder::default();
        let e = b.add_jsonl("x.jsonl", "\n{\"id\":\"Bad Id\",\"name\":\"x\",\"type\":\"person\"}").unwrap_err();
        assert!(e.starts_with("x.jsonl:2:"), "{e}");
        let e = b.add_jsonl("y.jsonl", "{\"id\":\"a\",\"name\":\"x\",\"type\":\"wizard\"}").unwrap_err();
        assert!(e.starts_with("y.jsonl:1:"), "{e}");
    }
}
