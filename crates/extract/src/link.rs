//! Entity linking: every mention of a known entity resolved to its KB
//! record, unknown names typed from their cues.
//!
//! Passes, each over the whole document, each only on text the earlier ones
//! left unclaimed:
//! 1. exact aliases (one automaton over the folded text): names, acronyms
//!    (case-sensitive), demonyms, seats of power, context descriptors;
//! 2. possessive and compound force phrases ("Haftar's troops" -> his force);
//! 3. office titles ("the Turkish foreign minister") -> the holder on the
//!    publication date;
//! 4. short forms of people already named, and acronyms defined in
//!    parentheses;
//! 5. transliteration-tolerant fuzzy matching of name-like words;
//! 6. gazetteer places among capitalised word runs;
//! 7. unknown names typed from cues ("President X", "X Brigade").

use sitrep_kb::{AliasKind, Kb};
use sitrep_model::{Document, Entity, EntityType, LinkHow, Mention, PartialDate, Span};
use sitrep_text::normalize::{fold, slug, Folded};
use sitrep_text::tokens::{tokenize, Token, TokenKind};
use std::collections::{HashMap, HashSet};

/// A linked mention before grouping.
#[derive(Debug, Clone)]
pub struct RawMention {
    pub span: Span,
    pub target: Target,
    pub how: LinkHow,
    pub score: f32,
}

/// What a mention refers to.
#[derive(Debug, Clone, PartialEq)]
pub enum Target {
    Kb(u32),
    Place(u32),
    Unknown { name: String, kind: EntityType, country: Option<u32>, sector: Option<&'static str> },
    /// An actor named by its sector ("protesters", "Fijian rebels").
    Generic { name: String, country: Option<u32>, sector: String },
}

/// Words that, before a name, say it is a person.
const PERSON_TITLES: &[&str] = &[
    "president", "prime minister", "minister", "foreign minister", "defence minister", "defense minister",
    "spokesman", "spokesperson", "spokeswoman", "general", "gen.", "gen", "colonel", "col.", "marshal",
    "field marshal", "commander", "leader", "chief", "envoy", "mr.", "mr", "mrs.", "mrs", "ms.", "dr.", "sheikh",
    "king", "prince", "crown prince", "emir", "chancellor", "secretary", "ambassador", "lt.", "major", "maj.",
    "captain", "capt.", "brigadier", "admiral", "sergeant", "senator", "deputy", "speaker", "mayor", "governor",
    "premier", "vice president", "secretary-general", "secretary general", "chairman", "director", "head",
    "official", "lieutenant", "analyst", "journalist", "correspondent", "researcher", "expert", "professor",
];

/// Head nouns that make "X's <head>" / "<X> <head>" the person's armed force.
const FORCE_HEADS: &[&str] = &[
    "forces", "force", "troops", "army", "militia", "militias", "fighters", "loyalists", "men", "soldiers",
    "units", "air force", "air forces", "brigades", "camp",
];

/// Office titles resolvable to a holder, with the KB title they mean.
const OFFICES: &[(&str, &str)] = &[
    ("president", "President"),
    ("prime minister", "Prime Minister"),
    ("premier", "Prime Minister"),
    ("foreign minister", "Foreign Minister"),
    ("minister of foreign affairs", "Foreign Minister"),
    ("foreign affairs minister", "Foreign Minister"),
    ("defence minister", "Defence Minister"),
    ("defense minister", "Defence Minister"),
    ("minister of defence", "Defence Minister"),
    ("minister of defense", "Defence Minister"),
    ("king", "King"),
    ("emir", "Emir"),
    ("chancellor", "Chancellor"),
    ("crown prince", "Crown Prince"),
    ("supreme leader", "Supreme Leader"),
    ("secretary of state", "Secretary of State"),
];

/// Prepositions after which a capital is the city, not the state ("talks in
/// Ankara"); after "from", "to" or "of" it may be either ("support from
/// Ankara"), so those do not decide.
const LOCATIVES: &[&str] = &[
    "in", "at", "near", "outside", "around", "inside", "into", "towards", "toward", "across", "through", "via",
    "between", "off", "within",
];

/// Last words that type an unknown capitalised name.
const TYPE_CUES: &[(&str, EntityType)] = &[
    ("brigade", EntityType::ArmedGroup),
    ("brigades", EntityType::ArmedGroup),
    ("battalion", EntityType::ArmedGroup),
    ("regiment", EntityType::ArmedGroup),
    ("division", EntityType::ArmedGroup),
    ("militia", EntityType::ArmedGroup),
    ("front", EntityType::ArmedGroup),
    ("army", EntityType::ArmedGroup),
    ("forces", EntityType::ArmedGroup),
    ("force", EntityType::ArmedGroup),
    ("guard", EntityType::ArmedGroup),
    ("agency", EntityType::Media),
    ("news", EntityType::Media),
    ("tv", EntityType::Media),
    ("television", EntityType::Media),
    ("radio", EntityType::Media),
    ("times", EntityType::Media),
    ("post", EntityType::Media),
    ("herald", EntityType::Media),
    ("gazette", EntityType::Media),
    ("tribune", EntityType::Media),
    ("observer", EntityType::Media),
    ("channel", EntityType::Media),
    ("ministry", EntityType::Government),
    ("council", EntityType::Government),
    ("parliament", EntityType::Government),
    ("government", EntityType::Government),
    ("assembly", EntityType::Government),
    ("committee", EntityType::Government),
    ("organization", EntityType::Organization),
    ("organisation", EntityType::Organization),
    ("union", EntityType::Organization),
    ("association", EntityType::Organization),
    ("foundation", EntityType::Organization),
    ("institute", EntityType::Organization),
    ("company", EntityType::Organization),
    ("corporation", EntityType::Organization),
    ("party", EntityType::Organization),
    ("movement", EntityType::Organization),
];

/// Capitalised words that never start or make a name on their own.
const NOT_NAMES: &[&str] = &[
    "the", "a", "an", "in", "on", "at", "of", "and", "or", "but", "if", "as", "by", "for", "with", "to", "from",
    "he", "she", "it", "they", "we", "i", "you", "this", "that", "these", "those", "his", "her", "its", "their",
    "our", "after", "before", "since", "when", "while", "there", "here", "last", "next", "according", "meanwhile",
    "however", "also", "then", "now", "so", "yet", "some", "many", "all", "both", "monday", "tuesday",
    "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march", "april", "may",
    "june", "july", "august", "september", "october", "november", "december", "what", "why", "how", "who",
    "photo", "video", "read", "more", "related", "update", "breaking", "editor", "note", "source", "sources",
];

/// Tokens of a document with their sentence index.
pub struct Tokens {
    pub toks: Vec<Token>,
    pub sent: Vec<u32>,
    /// Index of the first token of each sentence.
    pub sent_start: Vec<usize>,
}

impl Tokens {
    pub fn new(doc: &Document) -> Self {
        let mut toks = Vec::new();
        let mut sent = Vec::new();
        let mut sent_start = Vec::new();
        for (i, s) in doc.sentences.iter().enumerate() {
            sent_start.push(toks.len());
            let t = tokenize(&doc.text, *s);
            sent.extend(std::iter::repeat(i as u32).take(t.len()));
            toks.extend(t);
        }
        Tokens { toks, sent, sent_start }
    }

    /// Index of the token starting at byte `b`, if any.
    pub fn at(&self, b: usize) -> Option<usize> {
        let i = self.toks.partition_point(|t| t.span.start < b);
        (i < self.toks.len() && self.toks[i].span.start == b).then_some(i)
    }

    /// Index of the first token starting at or after byte `b`.
    pub fn from(&self, b: usize) -> usize {
        self.toks.partition_point(|t| t.span.start < b)
    }

    pub fn is_sentence_start(&self, i: usize) -> bool {
        let s = self.sent[i] as usize;
        let first = self.sent_start[s];
        // Skip opening quotes/brackets.
        i == first || (first..i).all(|j| self.toks[j].kind == TokenKind::Punct)
    }
}

fn is_capitalised(s: &str) -> bool {
    s.chars().next().map_or(false, char::is_uppercase)
}

/// "APEC", "RUF", "U.N.": two to seven capitals (dots allowed).
fn is_acronym_word(w: &str) -> bool {
    let letters: Vec<char> = w.chars().filter(|c| *c != '.').collect();
    (2..=7).contains(&letters.len()) && letters.iter().all(|c| c.is_ascii_uppercase())
}

/// The sector a person's title implies.
fn title_sector(title: &str) -> Option<&'static str> {
    Some(match title {
        "president" | "prime minister" | "minister" | "foreign minister" | "defence minister" | "defense minister"
        | "king" | "prince" | "crown prince" | "emir" | "chancellor" | "secretary" | "ambassador" | "envoy"
        | "governor" | "mayor" | "premier" | "vice president" | "official" => "GOV",
        "general" | "gen." | "gen" | "colonel" | "col." | "marshal" | "field marshal" | "commander" | "lt."
        | "major" | "maj." | "captain" | "capt." | "brigadier" | "admiral" | "sergeant" | "lieutenant" => "MIL",
        "senator" | "deputy" | "speaker" => "LEG",
        "journalist" | "correspondent" => "JRN",
        _ => return None,
    })
}

/// Transliteration keeps the first consonant (or a vowel for a vowel).
fn same_initial(a: &str, b: &str) -> bool {
    let sa = sitrep_kb::fuzzy::skeleton(a);
    let sb = sitrep_kb::fuzzy::skeleton(b);
    sa.chars().next() == sb.chars().next()
}

/// The linker's view of one document.
struct Linker<'a> {
    kb: &'a Kb,
    doc: &'a Document,
    toks: &'a Tokens,
    folded: Folded,
    mentions: Vec<RawMention>,
    published: Option<PartialDate>,
}

impl<'a> Linker<'a> {
    fn covered(&self, span: Span) -> bool {
        self.mentions.iter().any(|m| m.span.overlaps(span))
    }

    fn text(&self, span: Span) -> &'a str {
        &self.doc.text[span.start..span.end]
    }

    /// Lower-case text of the `n` tokens before token `i` joined by spaces.
    fn words_before(&self, i: usize, n: usize) -> String {
        let from = i.saturating_sub(n);
        let s = self.toks.sent[i];
        (from..i)
            .filter(|&j| self.toks.sent[j] == s)
            .map(|j| self.toks.toks[j].text(&self.doc.text).to_lowercase())
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// The holder of the office named right before token `i` ("Turkey's
    /// foreign minister", "Turkish President"), on the publication date.
    fn office_before(&self, i: usize) -> Option<u32> {
        let text = &self.doc.text;
        for (phrase, title) in OFFICES {
            let n = phrase.split(' ').count();
            if i < n + 1 || self.words_before(i, n) != *phrase {
                continue;
            }
            // The country: a mention ending just before the title (skipping "'s").
            let mut k = i - n - 1;
            if matches!(self.toks.toks[k].text(text), "'s" | "\u{2019}s") && k > 0 {
                k -= 1;
            }
            let end = self.toks.toks[k].span.end;
            let country = self.mentions.iter().find_map(|m| match m.target {
                Target::Kb(e) if m.span.end == end && self.kb.entity(e).kind == EntityType::Country => self.kb.entity(e).country.clone(),
                _ => None,
            })?;
            return self.kb.office_holder(title, &country, self.published);
        }
        None
    }

    /// Whether a person title immediately precedes token `i`.
    fn title_before(&self, i: usize) -> Option<&'static str> {
        for n in (1..=3).rev() {
            let w = self.words_before(i, n);
            if let Some(t) = PERSON_TITLES.iter().find(|t| w == **t || (w.ends_with(**t) && w[..w.len() - t.len()].ends_with(' '))) {
                if w.split(' ').count() == n || n == 1 {
                    return Some(t);
                }
            }
        }
        None
    }

    fn push(&mut self, span: Span, target: Target, how: LinkHow, score: f32) {
        self.mentions.push(RawMention { span, target, how, score });
    }

    /// Countries (alpha-3) in play: of every KB entity mentioned so far.
    fn countries_in_play(&self) -> HashSet<String> {
        let mut out = HashSet::new();
        for m in &self.mentions {
            match &m.target {
                Target::Kb(e) => {
                    if let Some(c) = &self.kb.entity(*e).country {
                        out.insert(c.clone());
                    }
                }
                Target::Place(p) => {
                    out.insert(self.kb.gazetteer.places[*p as usize].country.clone());
                }
                _ => {}
            }
        }
        out
    }

    fn entities_in_play(&self) -> HashSet<u32> {
        self.mentions
            .iter()
            .filter_map(|m| match m.target {
                Target::Kb(e) => Some(e),
                _ => None,
            })
            .collect()
    }

    // ---- pass 1: aliases -------------------------------------------------

    fn alias_pass(&mut self) {
        let text = &self.doc.text;
        let f = &self.folded.text;
        let mut descriptors = Vec::new();
        let mut found: Vec<(Span, Vec<(u32, AliasKind)>)> = Vec::new();
        let names = self.kb.find_names(f.as_str()).into_iter().map(|m| (m, false));
        let descs = self.kb.find_descriptors(f.as_str()).into_iter().map(|m| (m, true));
        for ((s, e, refs), is_descriptor) in names.chain(descs) {
            let span = Span::new(self.folded.orig_start(s), self.folded.orig_end(e, text));
            let written = &text[span.start..span.end];
            let mut ok: Vec<(u32, AliasKind)> = Vec::new();
            for r in refs.iter().filter(|r| (r.kind == AliasKind::Descriptor) == is_descriptor) {
                if self.alias_acceptable(span, written, r.kind, &r.written) {
                    ok.push((r.entity, r.kind));
                }
            }
            if ok.is_empty() {
                continue;
            }
            if ok.iter().all(|(_, k)| *k == AliasKind::Descriptor) {
                descriptors.push((span, ok));
            } else {
                ok.retain(|(_, k)| *k != AliasKind::Descriptor);
                found.push((span, ok));
            }
        }
        // Unambiguous names first, so that ambiguous ones can lean on them.
        found.sort_by_key(|(_, c)| c.len() > 1);
        let mut resolved: Vec<(Span, u32, AliasKind)> = Vec::new();
        for (span, cands) in &found {
            let pick = if cands.len() == 1 { cands[0] } else { self.disambiguate(cands, &resolved) };
            resolved.push((*span, pick.0, pick.1));
        }
        // The country the article is about (most named): its own capital is
        // a place being fought over or governed from, not a foreign actor.
        let mut counts: HashMap<u32, usize> = HashMap::new();
        for (_, e, _) in &resolved {
            if let Some(c) = self.kb.entity(*e).country.as_deref().and_then(|c| self.kb.country(c)) {
                *counts.entry(c).or_default() += 1;
            }
        }
        let home = counts.into_iter().max_by_key(|&(c, n)| (n, std::cmp::Reverse(c))).map(|(c, _)| c);
        for (span, e, kind) in resolved {
            match kind {
                AliasKind::Seat if self.is_locative(span) || Some(e) == home => {
                    // "in Ankara": the city, not the state.
                    let folded = fold(self.text(span));
                    if let Some(p) = self.best_place(&folded) {
                        self.push(span, p, LinkHow::Gazetteer, 0.9);
                    } else {
                        self.push(span, Target::Kb(e), LinkHow::Alias, 0.8);
                    }
                }
                // "German Chancellor", "Saudi television": an attribute of a
                // person or outlet, not the state acting.
                AliasKind::Demonym if self.attribute_demonym(span) => {}
                AliasKind::Demonym => self.push(span, Target::Kb(e), LinkHow::Demonym, 0.85),
                _ => self.push(span, Target::Kb(e), LinkHow::Alias, 0.95),
            }
        }
        // Descriptors only where their entity or its country is in play.
        let countries = self.countries_in_play();
        let in_play = self.entities_in_play();
        // A descriptor names an entity already named in the document, or,
        // when it is a specific phrase (several words), the one entity of a
        // country in play that it can describe.
        for (span, cands) in descriptors {
            // A name wins over a descriptor that cuts into it; a descriptor
            // may hold a whole name ("UN-recognized government" holds "UN").
            if self.mentions.iter().any(|m| m.span.overlaps(span) && !span.contains(m.span)) {
                continue;
            }
            let named: Vec<&(u32, AliasKind)> = cands.iter().filter(|(e, _)| in_play.contains(e)).collect();
            let local: Vec<&(u32, AliasKind)> = cands
                .iter()
                .filter(|(e, _)| self.kb.entity(*e).country.as_ref().map_or(false, |c| countries.contains(c)))
                .filter(|(e, _)| self.kb.entity(*e).active_on(self.published))
                .collect();
            let specific = self.text(span).split_whitespace().count() >= 2;
            let pick = named.first().copied().or(if specific && local.len() == 1 { local.first().copied() } else { None });
            if let Some(&(e, _)) = pick {
                self.push(span, Target::Kb(e), LinkHow::Descriptor, 0.7);
            }
        }
    }

    fn attribute_demonym(&self, span: Span) -> bool {
        let text = &self.doc.text;
        let i = self.toks.from(span.end);
        let next: Vec<String> = (i..(i + 2).min(self.toks.toks.len()))
            .filter(|&j| self.toks.sent[j] == self.toks.sent[i])
            .map(|j| self.toks.toks[j].text(text).to_lowercase())
            .collect();
        let one = next.first().map(String::as_str).unwrap_or("");
        let two = next.join(" ");
        const MEDIA: &[&str] = &["television", "tv", "media", "news", "newspaper", "newspapers", "press", "channel", "agency", "radio", "state"];
        // "Turkish armored vehicle", "Russian air defense": whose make a
        // weapon is says nothing of who holds or uses it.
        const ARMS: &[&str] = &["armored", "armoured", "tank", "tanks", "weapons", "artillery", "howitzer", "howitzers", "rifles", "missiles", "equipment", "firearms", "ammunition"];
        if ARMS.contains(&one) || two == "air defense" || two == "air defence" {
            return true;
        }
        // "Russian-made", "Turkish-built": where a thing comes from, not who acts.
        if one == "-" {
            let third = self.toks.toks.get(i + 1).map(|t| t.text(text).to_lowercase()).unwrap_or_default();
            if matches!(third.as_str(), "made" | "built" | "manufactured" | "designed" | "produced" | "origin") {
                return true;
            }
        }
        (PERSON_TITLES.contains(&one) && !matches!(one, "official" | "head")) || PERSON_TITLES.contains(&two.as_str()) || MEDIA.contains(&one)
    }

    /// Whether an automaton hit is a real mention of that kind of alias.
    fn alias_acceptable(&self, span: Span, written: &str, kind: AliasKind, kb_written: &str) -> bool {
        let folded = fold(written);
        let single_word = !folded.contains(' ');
        let sentence_start = self.toks.at(span.start).map_or(false, |i| self.toks.is_sentence_start(i));
        match kind {
            AliasKind::Acronym => written.replace('.', "") == kb_written.replace('.', ""),
            AliasKind::Demonym | AliasKind::Seat => is_capitalised(written),
            AliasKind::Descriptor => true,
            AliasKind::Name => {
                let common = self.kb.is_common(&folded);
                if single_word {
                    if common {
                        // "Dawn", "Hope": only written capitalised, mid-sentence.
                        is_capitalised(written) && !sentence_start && written != written.to_uppercase()
                    } else {
                        is_capitalised(written) || folded.len() >= 5
                    }
                } else {
                    // Lower-case multi-word names are fine only when they are
                    // not made of common words alone ("government of national
                    // unity" is; "national army" is a descriptor, not a name).
                    // Garbled or lower-cased copy writes "the financial times";
                    // a name of ordinary words needs one that is not among the
                    // most frequent ("national army" is a descriptor, not a name).
                    written.chars().any(char::is_uppercase)
                        || folded.split(' ').any(|w| self.kb.common_rank(w).map_or(true, |r| r >= 600))
                }
            }
        }
    }

    /// Picks among entities sharing a name: already mentioned, then in a
    /// country in play, then by type priority.
    fn disambiguate(&self, cands: &[(u32, AliasKind)], resolved: &[(Span, u32, AliasKind)]) -> (u32, AliasKind) {
        let mentioned: HashSet<u32> = resolved.iter().map(|r| r.1).collect();
        let countries: HashSet<&str> =
            resolved.iter().filter_map(|r| self.kb.entity(r.1).country.as_deref()).collect();
        let prio = |t: EntityType| match t {
            EntityType::Country => 0,
            EntityType::InternationalOrg => 1,
            EntityType::ArmedGroup => 2,
            EntityType::Government => 3,
            EntityType::Person => 4,
            EntityType::Place => 5,
            EntityType::Media => 6,
            _ => 7,
        };
        *cands
            .iter()
            .min_by_key(|(e, k)| {
                let r = self.kb.entity(*e);
                (
                    !r.active_on(self.published),
                    !mentioned.contains(e),
                    !r.country.as_deref().map_or(false, |c| countries.contains(c)),
                    *k == AliasKind::Demonym,
                    prio(r.kind),
                )
            })
            .unwrap()
    }

    fn is_locative(&self, span: Span) -> bool {
        match self.toks.at(span.start) {
            Some(i) if i > 0 && self.toks.sent[i - 1] == self.toks.sent[i] => {
                let prev = self.toks.toks[i - 1].text(&self.doc.text).to_lowercase();
                LOCATIVES.contains(&prev.as_str())
            }
            _ => false,
        }
    }

    /// Whether token `i` stands where a place name goes: after a locative
    /// preposition, after "city/town/area/village of", or before "air base",
    /// "airport", "oil field".
    fn place_expected(&self, i: usize) -> bool {
        let text = &self.doc.text;
        if self.is_locative(self.toks.toks[i].span) {
            return true;
        }
        let w = |k: usize| self.toks.toks.get(k).filter(|_| self.toks.sent.get(k) == self.toks.sent.get(i)).map(|t| t.text(text).to_lowercase());
        let before = i >= 2 && w(i - 1).as_deref() == Some("of") && matches!(w(i - 2).as_deref(), Some("city" | "town" | "area" | "village" | "district" | "outskirts" | "region" | "province"));
        let after = matches!((w(i + 1).as_deref(), w(i + 2).as_deref()), (Some("air"), Some("base")) | (Some("airbase" | "airport" | "airfield"), _) | (Some("oil"), Some("field")));
        before || after
    }

    fn best_place(&self, folded: &str) -> Option<Target> {
        let places = self.kb.gazetteer.lookup_ix(folded);
        let countries = self.countries_in_play();
        let gaz = &self.kb.gazetteer.places;
        let p = places.iter().find(|&&p| countries.contains(&gaz[p as usize].country)).or(places.first())?;
        Some(self.place_target(*p))
    }

    fn place_target(&self, ix: u32) -> Target {
        if let Some(id) = &self.kb.gazetteer.places[ix as usize].kb_id {
            if let Some(e) = self.kb.index_of(id) {
                return Target::Kb(e);
            }
        }
        Target::Place(ix)
    }

    // ---- pass 2: possessive force phrases ---------------------------------

    /// "Haftar's troops", "Haftar forces", "forces of Khalifa Haftar" -> his force.
    fn force_pass(&mut self) {
        let text = &self.doc.text;
        let mut add = Vec::new();
        for m in &self.mentions {
            let Target::Kb(e) = m.target else { continue };
            let rec = self.kb.entity(e);
            if rec.kind != EntityType::Person {
                continue;
            }
            let Some(force) = rec
                .part_of
                .iter()
                .filter_map(|r| self.kb.resolve_ref(r))
                .find(|&f| self.kb.entity(f).kind == EntityType::ArmedGroup)
            else {
                continue;
            };
            // "forces of (General) Khalifa Haftar".
            if let Some(start) = self.force_of_before(m.span) {
                add.push((Span::new(start, m.span.end), force));
                continue;
            }
            let mut i = self.toks.from(m.span.end);
            let n = self.toks.toks.len();
            if i < n && matches!(self.toks.toks[i].text(text), "'s" | "\u{2019}s") {
                i += 1;
            }
            // Up to two modifiers: "Haftar's Libyan air force" (capitalised
            // or a force adjective; never a verb: "Haftar deployed troops").
            for skip in 0..=2 {
                let j = i + skip;
                if j >= n || self.toks.sent[j] != self.toks.sent[i.min(n - 1)] {
                    break;
                }
                let modifier_ok = (i..j).all(|k| {
                    let w = self.toks.toks[k].text(text);
                    is_capitalised(w) || matches!(w, "armed" | "special" | "loyal" | "elite" | "regular" | "ground" | "own")
                });
                if !modifier_ok {
                    break;
                }
                let w = self.toks.toks[j].text(text).to_lowercase();
                let two = if j + 1 < n { format!("{w} {}", self.toks.toks[j + 1].text(text).to_lowercase()) } else { String::new() };
                let end = if FORCE_HEADS.contains(&two.as_str()) {
                    Some(self.toks.toks[j + 1].span.end)
                } else if FORCE_HEADS.contains(&w.as_str()) {
                    Some(self.toks.toks[j].span.end)
                } else {
                    None
                };
                if let Some(end) = end {
                    add.push((Span::new(m.span.start, end), force));
                    break;
                }
            }
        }
        for (span, force) in add {
            // The phrase replaces the bare person mention inside it.
            self.mentions.retain(|m| !span.contains(m.span));
            self.push(span, Target::Kb(force), LinkHow::Descriptor, 0.8);
        }
    }

    /// Start of "<force head> of [title]" right before a mention, if any.
    fn force_of_before(&self, span: Span) -> Option<usize> {
        let text = &self.doc.text;
        let i = self.toks.at(span.start)?;
        let s = self.toks.sent[i];
        let mut k = i;
        // Skip up to two capitalised titles ("General", "Field Marshal").
        for _ in 0..2 {
            if k > 0 && self.toks.sent[k - 1] == s && PERSON_TITLES.contains(&self.toks.toks[k - 1].text(text).to_lowercase().as_str()) {
                k -= 1;
            }
        }
        if k < 2 || self.toks.sent[k - 2] != s || self.toks.toks[k - 1].text(text) != "of" {
            return None;
        }
        let head = self.toks.toks[k - 2].text(text).to_lowercase();
        FORCE_HEADS.contains(&head.as_str()).then(|| self.toks.toks[k - 2].span.start)
    }

    // ---- pass 3: office titles ---------------------------------------------

    /// "the Turkish foreign minister", "Algeria's president" -> the holder.
    fn office_pass(&mut self) {
        let text = &self.doc.text;
        let mut add = Vec::new();
        for m in &self.mentions {
            let Target::Kb(c) = m.target else { continue };
            let rec = self.kb.entity(c);
            if rec.kind != EntityType::Country {
                continue;
            }
            let Some(alpha3) = rec.country.clone() else { continue };
            let mut i = self.toks.from(m.span.end);
            if i < self.toks.toks.len() && matches!(self.toks.toks[i].text(text), "'s" | "\u{2019}s") {
                i += 1;
            }
            for (phrase, title) in OFFICES {
                let words: Vec<&str> = phrase.split(' ').collect();
                let ok = words.iter().enumerate().all(|(k, w)| {
                    self.toks.toks.get(i + k).map_or(false, |t| t.text(text).eq_ignore_ascii_case(w))
                        && self.toks.sent.get(i + k) == self.toks.sent.get(i)
                });
                if !ok {
                    continue;
                }
                let end_tok = i + words.len() - 1;
                // A following name is linked on its own ("President Erdogan").
                let next = self.toks.toks.get(end_tok + 1).map(|t| t.text(text)).unwrap_or("");
                if is_capitalised(next) {
                    break;
                }
                if let Some(holder) = self.kb.office_holder(title, &alpha3, self.published) {
                    add.push((Span::new(self.toks.toks[i].span.start, self.toks.toks[end_tok].span.end), holder));
                }
                break;
            }
        }
        for (span, e) in add {
            if !self.covered(span) {
                self.push(span, Target::Kb(e), LinkHow::Descriptor, 0.75);
            }
        }
    }

    // ---- pass 4/5: short forms and fuzzy names ------------------------------

    fn name_word_pass(&mut self) {
        let text = &self.doc.text;
        let in_play = self.entities_in_play();
        let countries = self.countries_in_play();
        let mut add: Vec<(Span, u32, LinkHow, f32)> = Vec::new();
        for i in 0..self.toks.toks.len() {
            let t = self.toks.toks[i];
            if t.kind != TokenKind::Word || self.covered(t.span) {
                continue;
            }
            let w = t.text(text);
            let folded = fold(w);
            let cap = is_capitalised(w);
            // "Turkeys foreign minister", "CNNs channel": a possessive that
            // lost its apostrophe.
            if cap && folded.len() >= 4 && folded.ends_with('s') {
                let stem = &w[..w.char_indices().last().map_or(0, |(i, _)| i)];
                if let Some(e) = self.kb.alias_lookup(&folded[..folded.len() - 1]).iter().find_map(|r| {
                    let ok = match r.kind {
                        AliasKind::Name => true,
                        AliasKind::Acronym => stem == r.written.replace('.', ""),
                        _ => false,
                    };
                    (ok && self.kb.entity(r.entity).kind != EntityType::Place).then_some(r.entity)
                }) {
                    add.push((t.span, e, LinkHow::Alias, 0.8));
                    continue;
                }
            }
            if folded.len() < sitrep_kb::fuzzy::MIN_WORD || self.kb.is_common(&folded) || NOT_NAMES.contains(&folded.as_str()) {
                continue;
            }
            let title = self.title_before(i);
            // Short form of a person named in this document.
            if cap {
                if let Some(&e) = self.kb.surname_holders(&folded).iter().find(|e| in_play.contains(e)) {
                    add.push((t.span, e, LinkHow::Coreference, 0.9));
                    continue;
                }
            }
            // Only the last word of a capitalised run is a surname candidate:
            // "Francois" in "Francois Mitterand" is not.
            let next_is_name = self.toks.toks.get(i + 1).map_or(false, |n| {
                self.toks.sent[i + 1] == self.toks.sent[i] && n.kind == TokenKind::Word && is_capitalised(n.text(text))
            });
            let next_is_particle = self.toks.toks.get(i + 1).map_or(false, |n| {
                self.toks.sent[i + 1] == self.toks.sent[i] && matches!(fold(n.text(text)).as_str(), "al" | "el" | "bin" | "ibn" | "abu" | "ould")
            });
            if cap && (next_is_name || next_is_particle || self.kb.is_given_name(&folded)) {
                continue;
            }
            // A word where a place is expected ("in Tarkhuna", "the city of
            // Abugrain", "the kardabiya air base") may be a spelling of one of
            // the KB's places.
            if self.kb.alias_lookup(&folded).is_empty() && self.place_expected(i) {
                let countries = self.countries_in_play();
                let hit = self.kb.place_fuzzy.lookup(&folded, 0.86).into_iter().find(|h| {
                    same_initial(&folded, &h.word)
                        && self.kb.entity(h.entity).country.as_ref().map_or(true, |c| countries.contains(c))
                });
                if let Some(h) = hit {
                    add.push((t.span, h.entity, LinkHow::Fuzzy, h.score.min(1.0)));
                    continue;
                }
            }
            // Words the KB knows exactly ("Turkish" as an attribute) and words
            // after a locative preposition ("in Tarkhuna") are not people.
            if !self.kb.alias_lookup(&folded).is_empty() || self.is_locative(t.span) {
                continue;
            }
            // Lower-case words are garbled names only after a title, or when
            // they spell a person already named here ("haftal" for Haftar).
            let inflected = ["ed", "ing", "ly", "es"].iter().any(|e| folded.ends_with(e));
            if !cap && (inflected || (title.is_none() && folded.len() < 5)) {
                continue;
            }
            let threshold = if title.is_some() { 0.8 } else if cap { 0.84 } else { 0.88 };
            let prev_word = (i > 0 && self.toks.sent[i - 1] == self.toks.sent[i])
                .then(|| self.toks.toks[i - 1])
                .filter(|p| p.kind == TokenKind::Word && is_capitalised(p.text(text)) && !self.covered(p.span))
                .map(|p| fold(p.text(text)))
                .filter(|p| !NOT_NAMES.contains(&p.as_str()) && !PERSON_TITLES.contains(&p.as_str()) && !self.kb.is_common(p));
            // The office the title names on the publication date, if any:
            // a fuzzy candidate that held it is all but certain.
            let office_holder = title.and_then(|_| self.office_before(i));
            let judged: Vec<(u32, f32)> = self
                .kb
                .fuzzy
                .lookup(&folded, 0.7)
                .into_iter()
                .filter(|h| same_initial(&folded, &h.word))
                .filter_map(|h| {
                    let r = self.kb.entity(h.entity);
                    if !cap && (r.kind != EntityType::Person || (title.is_none() && !in_play.contains(&h.entity))) {
                        return None; // lower-case fuzzy only for garbled personal names
                    }
                    // A first name written before the surname must be this person's.
                    if let Some(p) = &prev_word {
                        if !r.first_names().iter().any(|f| f == p || strsim::jaro_winkler(f, p) > 0.85) {
                            return None;
                        }
                    }
                    let boost = if office_holder == Some(h.entity) { 0.2 } else { 0.0 }
                        + if in_play.contains(&h.entity) { 0.1 } else { 0.0 }
                        + if r.country.as_ref().map_or(false, |c| countries.contains(c)) { 0.04 } else { 0.0 }
                        + if prev_word.is_some() { 0.05 } else { 0.0 };
                    Some((h.entity, h.score + boost))
                })
                .filter(|&(_, s)| s >= threshold)
                .collect();
            let Some(&(best, score)) = judged.iter().max_by(|a, b| a.1.partial_cmp(&b.1).unwrap_or(std::cmp::Ordering::Equal)) else {
                continue;
            };
            let rec = self.kb.entity(best);
            let mut span = t.span;
            // Take in the preceding first name ("Khalifa Hifter").
            let _ = rec;
            if prev_word.is_some() {
                span = Span::new(self.toks.toks[i - 1].span.start, t.span.end);
            }
            add.push((span, best, LinkHow::Fuzzy, score.min(1.0)));
        }
        self.add_repeated_spellings(&mut add);
        for (span, e, how, score) in add {
            if !self.covered(span) {
                self.push(span, Target::Kb(e), how, score);
            }
        }
    }

    /// A garbled name is garbled the same way each time: once one spelling
    /// ("salaj" after "Prime Minister") is judged a fuzzy match, its other
    /// occurrences in the document ("met with salaj") are the same person,
    /// though on their own they lack the title that licensed the match.
    fn add_repeated_spellings(&self, add: &mut Vec<(Span, u32, LinkHow, f32)>) {
        let text = &self.doc.text;
        let spelled: HashMap<String, u32> = add
            .iter()
            .filter(|(span, _, how, _)| *how == LinkHow::Fuzzy && !text[span.start..span.end].contains(char::is_whitespace))
            .map(|(span, e, _, _)| (fold(&text[span.start..span.end]), *e))
            .collect();
        if spelled.is_empty() {
            return;
        }
        let taken: HashSet<usize> = add.iter().map(|(span, ..)| span.start).collect();
        let lengths: HashSet<usize> = spelled.keys().map(String::len).collect();
        for t in &self.toks.toks {
            // Cheap tests first: most words have none of the lengths.
            if t.kind != TokenKind::Word || !(lengths.contains(&t.span.len()) || !t.text(text).is_ascii()) || taken.contains(&t.span.start) {
                continue;
            }
            if let Some(&e) = spelled.get(&fold(t.text(text))) {
                if !self.covered(t.span) {
                    add.push((t.span, e, LinkHow::Coreference, 0.8));
                }
            }
        }
    }

    // ---- "the army" --------------------------------------------------------

    /// "the army", "the military": in an article that names one state's
    /// army (a force that is part of a country) and no other, that army.
    /// With two in play, or none, the phrase stays unlinked.
    fn state_army_pass(&mut self) {
        let text = &self.doc.text;
        let armies: Vec<u32> = self.entities_in_play().into_iter().filter(|&e| self.is_state_army(e)).collect();
        let [army] = armies[..] else { return };
        let mut add = Vec::new();
        for i in 1..self.toks.toks.len() {
            let (the, noun) = (self.toks.toks[i - 1], self.toks.toks[i]);
            let phrase = matches!(noun.text(text), "army" | "military");
            if phrase && the.text(text).eq_ignore_ascii_case("the") && self.toks.sent[i - 1] == self.toks.sent[i] && !self.covered(noun.span) {
                add.push(noun.span);
            }
        }
        for span in add {
            self.push(span, Target::Kb(army), LinkHow::Descriptor, 0.7);
        }
    }

    /// An armed group that is part of a country (its state army).
    fn is_state_army(&self, e: u32) -> bool {
        let r = self.kb.entity(e);
        r.kind == EntityType::ArmedGroup
            && r.sector.as_deref() == Some("MIL")
            && r.part_of.iter().any(|p| self.kb.resolve_ref(p).is_some_and(|c| self.kb.entity(c).kind == EntityType::Country))
    }

    // ---- state institutions -------------------------------------------------

    /// "Algeria's foreign ministry", "Algerias defence ministry", "the
    /// Turkish government": a country followed by an institution noun is the
    /// KB's institution of that country when the KB knows the phrase under
    /// the country's name or demonym.
    fn institution_pass(&mut self) {
        let text = &self.doc.text;
        let mut add: Vec<(Span, Span, u32)> = Vec::new();
        for m in &self.mentions {
            let Target::Kb(c) = m.target else { continue };
            let rec = self.kb.entity(c);
            if rec.kind != EntityType::Country {
                continue;
            }
            let mut i = self.toks.from(m.span.end);
            if i < self.toks.toks.len() && matches!(self.toks.toks[i].text(text), "'s" | "\u{2019}s") {
                i += 1;
            }
            let heads: Vec<String> = std::iter::once(rec.name.clone()).chain(rec.demonyms.iter().cloned()).collect();
            for len in (1..=4).rev() {
                let j = i + len - 1;
                if j >= self.toks.toks.len() || self.toks.sent[j] != self.toks.sent[i.min(j)] {
                    continue;
                }
                let rest = fold(&text[self.toks.toks[i].span.start..self.toks.toks[j].span.end]);
                let hit = heads.iter().find_map(|h| {
                    let h = fold(h);
                    [format!("{h}'s {rest}"), format!("{h} {rest}")].iter().find_map(|k| {
                        self.kb.alias_lookup(k).iter().find(|r| r.kind == AliasKind::Name && r.entity != c).map(|r| r.entity)
                    })
                });
                if let Some(e) = hit {
                    add.push((m.span, Span::new(m.span.start, self.toks.toks[j].span.end), e));
                    break;
                }
            }
        }
        for (country, whole, e) in add {
            if self.mentions.iter().any(|m| m.span != country && m.span.overlaps(whole)) {
                continue;
            }
            self.mentions.retain(|m| m.span != country);
            self.push(whole, Target::Kb(e), LinkHow::Alias, 0.85);
        }
    }

    // ---- pass 6: gazetteer ---------------------------------------------------

    fn gazetteer_pass(&mut self) {
        let text = &self.doc.text;
        let n = self.toks.toks.len();
        let countries = self.countries_in_play();
        let mut i = 0;
        while i < n {
            let t = self.toks.toks[i];
            let w = t.text(text);
            if t.kind != TokenKind::Word || !is_capitalised(w) || self.covered(t.span) || self.title_before(i).is_some() {
                i += 1;
                continue;
            }
            let mut matched = false;
            for len in (1..=4).rev() {
                let j = i + len - 1;
                if j >= n || self.toks.sent[j] != self.toks.sent[i] {
                    continue;
                }
                let span = Span::new(t.span.start, self.toks.toks[j].span.end);
                if self.covered(span) || !is_capitalised(self.toks.toks[j].text(text)) {
                    continue;
                }
                let folded = fold(self.text(span));
                let single = len == 1;
                if single && (self.kb.is_common(&folded) || NOT_NAMES.contains(&folded.as_str())) {
                    continue;
                }
                let places = self.kb.gazetteer.lookup_ix(&folded);
                let gaz = &self.kb.gazetteer.places;
                let locative = self.is_locative(span);
                let pick = places.iter().copied().find(|&p| countries.contains(&gaz[p as usize].country)).or_else(|| {
                    places.iter().copied().find(|&p| matches!(gaz[p as usize].feature.as_str(), "city" | "region" | "country") || locative)
                });
                if let Some(p) = pick {
                    // A capitalised word followed by another capitalised word
                    // that is not part of the place is probably a person.
                    let next_cap = self.toks.toks.get(j + 1).map_or(false, |t| {
                        self.toks.sent[j + 1] == self.toks.sent[i] && is_capitalised(t.text(text)) && t.kind == TokenKind::Word
                    });
                    if next_cap && !locative {
                        continue;
                    }
                    let target = self.place_target(p);
                    self.push(span, target, LinkHow::Gazetteer, if locative { 0.9 } else { 0.75 });
                    i = j + 1;
                    matched = true;
                    break;
                }
            }
            if !matched {
                i += 1;
            }
        }
    }

    // ---- sector nouns ----------------------------------------------------------

    /// "protesters", "the police", "Fijian rebels", "Iraq's army": actors
    /// named by their sector, with the country when one is glued on.
    fn sector_pass(&mut self) {
        let text = &self.doc.text;
        let nouns = self.kb.lexicon.sector_nouns();
        if nouns.is_empty() {
            return;
        }
        let n = self.toks.toks.len();
        let mut add: Vec<(Span, Target, Option<Span>)> = Vec::new();
        let mut i = 0;
        while i < n {
            let t = self.toks.toks[i];
            if t.kind != TokenKind::Word || self.covered(t.span) {
                i += 1;
                continue;
            }
            // Only words that begin some sector phrase are worth a look.
            let first = t.text(text).to_lowercase();
            let at = nouns.partition_point(|(w, _)| w.as_str() < first.as_str());
            if !nouns.get(at).is_some_and(|(w, _)| w.starts_with(first.as_str())) {
                i += 1;
                continue;
            }
            // Longest sector noun phrase starting here (up to three words).
            let mut found: Option<(usize, &str)> = None;
            for len in (1..=3).rev() {
                let j = i + len - 1;
                if j >= n || self.toks.sent[j] != self.toks.sent[i] {
                    continue;
                }
                let phrase: Vec<String> = (i..=j).map(|k| self.toks.toks[k].text(text).to_lowercase()).collect();
                let phrase = phrase.join(" ");
                // `nouns` is sorted: the first entry for the phrase.
                let at = nouns.partition_point(|(w, _)| w.as_str() < phrase.as_str());
                if let Some((_, sector)) = nouns.get(at).filter(|(w, _)| *w == phrase) {
                    found = Some((j, sector.as_str()));
                    break;
                }
            }
            let Some((j, sector)) = found else {
                i += 1;
                continue;
            };
            let span = Span::new(t.span.start, self.toks.toks[j].span.end);
            // "military support", "army officers": a sector noun modifying
            // another noun is no actor.
            let next = self.toks.toks.get(j + 1).filter(|_| self.toks.sent.get(j + 1) == self.toks.sent.get(j)).map(|t| t.text(text));
            if next.map_or(false, |w| self.is_nominal_modifier_of(w)) {
                i = j + 1;
                continue;
            }
            let head = self.toks.toks[j].text(text).to_lowercase();
            let plural = head.ends_with('s') || matches!(head.as_str(), "police" | "people" | "media" | "gendarmerie");
            let mut k = i;
            if k > 0 && matches!(self.toks.toks[k - 1].text(text), "'s" | "\u{2019}s") {
                k -= 1;
            }
            let country = (k > 0 && self.toks.sent[k - 1] == self.toks.sent[i])
                .then(|| self.toks.toks[k - 1].span)
                .and_then(|prev| {
                    self.mentions.iter().find_map(|m| match m.target {
                        Target::Kb(e) if m.span.end == prev.end && self.kb.entity(e).kind == EntityType::Country => Some((e, m.span)),
                        _ => None,
                    })
                });
            let prev_word = if i > 0 { self.toks.toks[i - 1].text(text).to_lowercase() } else { String::new() };
            match country {
                Some((e, cspan)) => {
                    let whole = Span::new(cspan.start, span.end);
                    let name = self.text(whole).to_string();
                    add.push((whole, Target::Generic { name, country: Some(e), sector: sector.to_string() }, Some(cspan)));
                }
                // "the army", "its forces" refer back to a named actor:
                // those are left to the event coder's memory.
                None if matches!(sector, "MIL" | "GOV") && matches!(prev_word.as_str(), "the" | "its" | "their" | "his" | "her" | "our" | "this" | "that") => {}
                // Bare singular collectives ("government", "army") are left to
                // the event coder's memory of named actors.
                None if !plural => {}
                None => {
                    let name = self.text(span).to_lowercase();
                    add.push((span, Target::Generic { name, country: None, sector: sector.to_string() }, None));
                }
            }
            i = j + 1;
        }
        for (span, target, replaces) in add {
            if let Some(c) = replaces {
                self.mentions.retain(|m| m.span != c);
            }
            self.push(span, target, LinkHow::Descriptor, 0.6);
        }
    }

    /// Whether a word after a sector noun makes it a modifier ("military
    /// support", "army officers", "police station").
    fn is_nominal_modifier_of(&self, w: &str) -> bool {
        let l = w.to_lowercase();
        if !w.chars().next().map_or(false, char::is_lowercase) {
            return false;
        }
        const HEADS: &[&str] = &[
            "equipment", "assistance", "support", "aid", "operation", "operations", "base", "bases", "vehicle",
            "vehicles", "aircraft", "officer", "officers", "spokesman", "spokesperson", "source", "sources",
            "commander", "commanders", "leader", "leaders", "council", "personnel", "presence", "intervention",
            "campaign", "hardware", "advisers", "advisors", "chief", "chiefs", "station", "stations", "headquarters",
            "positions", "position", "convoy", "convoys", "buildup", "build-up", "cooperation", "deal", "agreement",
            "exercises", "drills", "escalation", "action", "force", "forces", "unit", "units", "post", "posts",
            "checkpoint", "checkpoints", "official", "officials", "statement", "media", "sector", "capabilities",
            "experts", "analysts", "academy", "court", "courts", "ties", "relations", "coup", "junta", "rule",
        ];
        // A word that can also be a verb ("capture", "attack") may be the
        // clause's verb: "armed groups capture ...".
        let forms = self.kb.lexicon.forms(&l);
        let as_noun = forms.iter().any(|f| self.kb.lexicon.triggers[f.trigger as usize].pos == sitrep_kb::Pos::Noun);
        let as_verb = forms.iter().any(|f| self.kb.lexicon.triggers[f.trigger as usize].pos == sitrep_kb::Pos::Verb);
        HEADS.contains(&l.as_str()) || (as_noun && !as_verb)
    }

    // ---- pass 7: unknown names --------------------------------------------------

    fn unknown_pass(&mut self) {
        let text = &self.doc.text;
        let n = self.toks.toks.len();
        let mut i = 0;
        let mut add = Vec::new();
        while i < n {
            let t = self.toks.toks[i];
            let w = t.text(text);
            if t.kind != TokenKind::Word || !is_capitalised(w) || self.covered(t.span) {
                i += 1;
                continue;
            }
            // A run of capitalised words (with inner "of", "al", "the", "-"),
            // not starting with a function word ("As", "The").
            if NOT_NAMES.contains(&fold(w).as_str()) || (self.toks.is_sentence_start(i) && self.kb.is_common(&fold(w))) {
                i += 1;
                continue;
            }
            // "Iraqi President Saddam Hussein": the demonym and the title are
            // not part of the name but say who he is.
            let mut country = None;
            let mut k = i;
            loop {
                let f = fold(self.toks.toks[k].text(text));
                let demonym = self.kb.alias_lookup(&f).iter().find(|r| r.kind == AliasKind::Demonym).map(|r| r.entity);
                let title = PERSON_TITLES.contains(&f.as_str());
                if (demonym.is_none() && !title) || k + 1 >= n || self.toks.sent[k + 1] != self.toks.sent[k] {
                    break;
                }
                if demonym.is_some() {
                    country = demonym;
                }
                if !is_capitalised(self.toks.toks[k + 1].text(text)) || self.covered(self.toks.toks[k + 1].span) {
                    break;
                }
                k += 1;
            }
            let run_start = k;
            let t = self.toks.toks[run_start];
            let mut j = run_start;
            while j + 1 < n && self.toks.sent[j + 1] == self.toks.sent[run_start] {
                let nt = self.toks.toks[j + 1];
                let nw = nt.text(text);
                let joiner = matches!(nw, "of" | "al" | "el" | "-" | "bin" | "ibn") && j + 2 < n
                    && is_capitalised(self.toks.toks[j + 2].text(text))
                    && !self.covered(self.toks.toks[j + 2].span);
                if (is_capitalised(nw) && nt.kind == TokenKind::Word && !self.covered(nt.span)) || joiner {
                    j += 1;
                } else {
                    break;
                }
            }
            let span = Span::new(t.span.start, self.toks.toks[j].span.end);
            let words: Vec<String> = (run_start..=j).map(|k| fold(self.toks.toks[k].text(text))).collect();
            let first = &words[0];
            let all_common = words.iter().all(|w| self.kb.is_common(w) || NOT_NAMES.contains(&w.as_str()) || w.len() < 2);
            let title = self.title_before(run_start);
            let kind = if let Some((_, k)) = TYPE_CUES.iter().find(|(c, _)| words.len() > 1 && words.last() == Some(&c.to_string())) {
                Some(*k)
            } else if title.is_some() && !NOT_NAMES.contains(&first.as_str()) && !all_common {
                Some(EntityType::Person)
            } else if words.len() >= 2 && !all_common && (self.title_apposition_after(j) || self.report_verb_after(j)) {
                // "Hami Aksoy, the spokesperson of ..." / "Hami Aksoy said".
                Some(EntityType::Person)
            } else if self.acronym_after(j).is_some() && words.len() >= 2 && !all_common {
                // "Asia-Pacific Economic Cooperation (APEC)": a defined name.
                Some(EntityType::Organization)
            } else {
                None
            };
            if let Some(kind) = kind {
                if !(words.len() == 1 && self.toks.is_sentence_start(run_start)) {
                    let name = self.text(span).to_string();
                    let sector = if kind == EntityType::Person { title.and_then(title_sector) } else { None };
                    // A country glued before a person or group ("Iraqi", "Syria's").
                    let country = country.or_else(|| self.country_before(span));
                    add.push((span, Target::Unknown { name, kind, country, sector }));
                    if let Some(acr) = self.acronym_after(j) {
                        let name = self.text(span).to_string();
                        add.push((acr, Target::Unknown { name, kind, country, sector }));
                    }
                }
            }
            i = j + 1;
        }
        for (span, target) in add {
            self.push(span, target, LinkHow::Unknown, 0.5);
        }
        self.acronym_uses();
        self.unknown_short_forms();
    }

    /// ", the spokesman ...", ", a commander of ...": a title in apposition.
    fn title_apposition_after(&self, j: usize) -> bool {
        let text = &self.doc.text;
        let w = |k: usize| {
            self.toks.toks.get(k).filter(|_| self.toks.sent.get(k) == self.toks.sent.get(j)).map(|t| t.text(text).to_lowercase())
        };
        if w(j + 1).as_deref() != Some(",") {
            return false;
        }
        (j + 2..j + 6).any(|k| w(k).map_or(false, |x| PERSON_TITLES.contains(&x.as_str()) || x == "spokesperson"))
    }

    /// A reporting verb right after token `j` ("X said", "X argued").
    fn report_verb_after(&self, j: usize) -> bool {
        let Some(t) = self.toks.toks.get(j + 1).filter(|_| self.toks.sent.get(j + 1) == self.toks.sent.get(j)) else {
            return false;
        };
        let w = t.text(&self.doc.text).to_lowercase();
        self.kb.lexicon.cue("report").iter().any(|r| {
            r == &w || sitrep_kb::lexicon::verb_forms_cached(r).iter().any(|(f, v)| v == &w && *f != sitrep_kb::lexicon::Form::Gerund)
        })
    }

    /// A first name written before a person's linked surname ("Muhammad
    /// el-Qaddafi") belongs to the mention even when the KB lacks that form.
    fn extend_first_names(&mut self) {
        let text = &self.doc.text;
        let mut grow: Vec<(usize, usize)> = Vec::new();
        for (mi, m) in self.mentions.iter().enumerate() {
            let Target::Kb(e) = m.target else { continue };
            if self.kb.entity(e).kind != EntityType::Person {
                continue;
            }
            let Some(mut i) = self.toks.at(m.span.start).filter(|&i| i > 0 && self.toks.sent[i - 1] == self.toks.sent[i]) else { continue };
            // Over a particle first: "Muhammad el-Qaddafi", "Ahmed al Mismari".
            let tok = |k: usize| fold(self.toks.toks[k].text(text));
            if i >= 2 && tok(i - 1).trim().is_empty() && matches!(tok(i - 2).as_str(), "al" | "el" | "ad" | "ben" | "bin" | "ibn" | "abu") {
                i -= 2;
            } else if matches!(tok(i - 1).as_str(), "al" | "el" | "bin" | "ibn" | "abu") {
                i -= 1;
            }
            if i == 0 || self.toks.sent[i - 1] != self.toks.sent[i] {
                continue;
            }
            let prev = self.toks.toks[i - 1];
            let w = prev.text(text);
            let f = fold(w);
            if prev.kind == TokenKind::Word
                && is_capitalised(w)
                && !self.covered(prev.span)
                && !PERSON_TITLES.contains(&f.as_str())
                && !NOT_NAMES.contains(&f.as_str())
                && !self.kb.is_common(&f)
                && self.kb.alias_lookup(&f).is_empty()
            {
                grow.push((mi, prev.span.start));
            }
        }
        for (mi, start) in grow {
            self.mentions[mi].span.start = start;
        }
    }

    /// The span of "ACR" in "(ACR)" right after token `j`, if uncovered.
    fn acronym_after(&self, j: usize) -> Option<Span> {
        let text = &self.doc.text;
        let t = |k: usize| self.toks.toks.get(k).filter(|_| self.toks.sent.get(k) == self.toks.sent.get(j));
        let (open, acr, close) = (t(j + 1)?, t(j + 2)?, t(j + 3)?);
        let a = acr.text(text);
        (open.text(text) == "(" && close.text(text) == ")" && is_acronym_word(a) && !self.covered(acr.span)).then_some(acr.span)
    }

    /// Later bare uses of an acronym defined for an unknown name.
    fn acronym_uses(&mut self) {
        let text = &self.doc.text;
        let defined: HashMap<String, Target> = self
            .mentions
            .iter()
            .filter(|m| matches!(m.target, Target::Unknown { .. }) && is_acronym_word(self.text(m.span)))
            .map(|m| (self.text(m.span).to_string(), m.target.clone()))
            .collect();
        if defined.is_empty() {
            return;
        }
        let mut add = Vec::new();
        for t in &self.toks.toks {
            if let Some(target) = defined.get(t.text(text)) {
                if !self.covered(t.span) {
                    add.push((t.span, target.clone()));
                }
            }
        }
        for (span, target) in add {
            self.push(span, target, LinkHow::Coreference, 0.6);
        }
    }

    /// A country mention or demonym ending right before `span` (with "'s").
    fn country_before(&self, span: Span) -> Option<u32> {
        let text = &self.doc.text;
        let mut k = self.toks.at(span.start)?;
        if k > 0 && matches!(self.toks.toks[k - 1].text(text), "'s" | "\u{2019}s") {
            k -= 1;
        }
        let prev = self.toks.toks.get(k.checked_sub(1)?)?;
        self.mentions.iter().find_map(|m| match m.target {
            Target::Kb(e) if m.span.end == prev.span.end && self.kb.entity(e).kind == EntityType::Country => Some(e),
            _ => None,
        })
    }

    /// "Aksoy" after "Hami Aksoy" (an unknown person) is the same person.
    fn unknown_short_forms(&mut self) {
        let text = &self.doc.text;
        let mut last_words: HashMap<String, Target> = HashMap::new();
        for m in &self.mentions {
            if let Target::Unknown { name, kind: EntityType::Person, .. } = &m.target {
                if let Some(last) = fold(name).split(' ').last() {
                    last_words.insert(last.to_string(), m.target.clone());
                }
            }
        }
        if last_words.is_empty() {
            return;
        }
        let mut add = Vec::new();
        for t in &self.toks.toks {
            if t.kind == TokenKind::Word && is_capitalised(t.text(text)) && !self.covered(t.span) {
                if let Some(target) = last_words.get(&fold(t.text(text))) {
                    add.push((t.span, target.clone()));
                }
            }
        }
        for (span, target) in add {
            self.push(span, target, LinkHow::Coreference, 0.6);
        }
    }
}

/// Links every mention of `doc` (which must have its sentences).
pub fn link(kb: &Kb, doc: &Document, toks: &Tokens) -> Vec<RawMention> {
    let mut l = Linker { kb, doc, toks, folded: Folded::new(&doc.text), mentions: Vec::new(), published: doc.published };
    l.alias_pass();
    l.force_pass();
    l.office_pass();
    l.name_word_pass();
    l.institution_pass();
    l.state_army_pass();
    l.gazetteer_pass();
    let facilities = crate::facility::facility_mentions(kb, doc, toks, &l.mentions);
    l.mentions.extend(facilities);
    l.sector_pass();
    l.extend_first_names();
    l.unknown_pass();
    l.mentions.sort_by_key(|m| (m.span.start, m.span.end));
    l.mentions
}

/// The id an entity gets in the records.
pub fn target_id(kb: &Kb, t: &Target) -> String {
    match t {
        Target::Kb(e) => kb.entity(*e).id.clone(),
        Target::Place(p) => {
            let pl = &kb.gazetteer.places[*p as usize];
            format!("{}-{}", slug(&pl.name), pl.country.to_lowercase())
        }
        Target::Unknown { name, .. } => slug(name),
        Target::Generic { name, country: Some(c), sector } => {
            let words = fold(name);
            let noun = words.rsplit(' ').next().unwrap_or("");
            format!("{}-{}-{}", kb.entity(*c).id, sector.to_lowercase(), slug(noun))
        }
        Target::Generic { name, country: None, .. } => slug(name),
    }
}

/// Groups mentions into the document's entity records.
pub fn entities(kb: &Kb, doc: &Document, mentions: &[RawMention]) -> Vec<Entity> {
    let mut order: Vec<String> = Vec::new();
    let mut by_id: HashMap<String, Entity> = HashMap::new();
    for m in mentions {
        let id = target_id(kb, &m.target);
        let mention = Mention {
            span: m.span,
            text: doc.text[m.span.start..m.span.end].to_string(),
            how: m.how,
            score: m.score,
        };
        if let Some(e) = by_id.get_mut(&id) {
            e.mentions.push(mention);
            continue;
        }
        let mut e = new_entity(kb, &m.target, &id);
        e.mentions.push(mention);
        order.push(id.clone());
        by_id.insert(id, e);
    }
    order.into_iter().filter_map(|id| by_id.remove(&id)).collect()
}

fn new_entity(kb: &Kb, t: &Target, id: &str) -> Entity {
    let blank = |name: String, kind| Entity {
        id: id.to_string(),
        name,
        kind,
        aliases: vec![],
        wikidata: None,
        country: None,
        code: None,
        sector: None,
        lat: None,
        lon: None,
        feature: None,
        known: false,
        mentions: vec![],
    };
    match t {
        Target::Kb(e) => {
            let r = kb.entity(*e);
            let mut aliases: Vec<String> = r.aliases.clone();
            aliases.truncate(30);
            Entity {
                id: id.to_string(),
                name: r.name.clone(),
                kind: r.kind,
                aliases,
                wikidata: r.wikidata.clone(),
                country: r.country.clone(),
                code: r.code.clone().or_else(|| r.country.clone()),
                sector: r.sector.clone(),
                lat: r.lat,
                lon: r.lon,
                feature: r.feature.clone(),
                known: true,
                mentions: vec![],
            }
        }
        Target::Place(p) => {
            let pl = &kb.gazetteer.places[*p as usize];
            let mut e = blank(pl.name.clone(), EntityType::Place);
            e.country = Some(pl.country.clone()).filter(|c| !c.is_empty());
            e.lat = Some(pl.lat);
            e.lon = Some(pl.lon);
            e.feature = Some(pl.feature.clone());
            e.known = true;
            e
        }
        Target::Unknown { name, kind, country, sector } => {
            let mut e = blank(name.clone(), *kind);
            if let Some(c) = country {
                let r = kb.entity(*c);
                e.country = r.country.clone();
                e.code = r.code.clone().or_else(|| r.country.clone());
            }
            e.sector = sector.map(str::to_string);
            e
        }
        Target::Generic { name, country, sector } => {
            // Descriptive, not a named entity: type `other`, but coded.
            let mut e = blank(name.clone(), EntityType::Other);
            if let Some(c) = country {
                let r = kb.entity(*c);
                e.country = r.country.clone();
                e.code = r.code.clone().or_else(|| r.country.clone());
            }
            e.sector = Some(sector.clone());
            e
        }
    }
}
