//! Facilities named by what they are and where they lie: "a major air base
//! west of Tripoli", "the naval port south of Hodeidah". When the knowledge
//! base holds exactly one facility of that kind in that direction from the
//! reference place (and within reach of it), the phrase names that facility.
//!
//! Reporters and translations often describe a base instead of naming it; a
//! descriptor of this shape is as specific as a name when the region has one
//! such facility, and says nothing when it has several, so then nothing is
//! linked.

use crate::link::{RawMention, Target, Tokens};
use sitrep_kb::Kb;
use sitrep_model::{Document, EntityType, LinkHow, Span};
use sitrep_text::tokens::TokenKind;

/// How far from its reference place a facility described this way may lie.
const REACH_KM: f64 = 250.0;
/// Half the angle a direction word covers ("west" is 270° ± this).
const SECTOR_DEG: f64 = 60.0;

/// Facility kinds: the cue list of their nouns and the KB features they match.
const KINDS: &[(&str, &[&str])] = &[("facility_airbase", &["airbase", "airport"]), ("facility_port", &["port"])];

/// Mentions of facilities described by kind and direction from a place.
pub fn facility_mentions(kb: &Kb, doc: &Document, toks: &Tokens, known: &[RawMention]) -> Vec<RawMention> {
    // Most documents name no facility noun: look before lower-casing anything.
    let firsts: Vec<&str> = KINDS.iter().flat_map(|(key, _)| kb.lexicon.cue(key)).map(|n| n.split(' ').next().unwrap_or(n)).collect();
    if !toks.toks.iter().any(|t| firsts.iter().any(|f| t.text(&doc.text).eq_ignore_ascii_case(f))) {
        return Vec::new();
    }
    let words: Vec<String> = toks.toks.iter().map(|t| t.text(&doc.text).to_lowercase()).collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        match facility_at(kb, toks, &words, i).and_then(|(end, features)| resolve(kb, toks, &words, known, i, end, features)) {
            Some(m) => {
                i = toks.from(m.span.end);
                out.push(m);
            }
            None => i += 1,
        }
    }
    out
}

/// A facility noun starting at token `i`: its end token and the KB features it matches.
fn facility_at(kb: &Kb, toks: &Tokens, words: &[String], i: usize) -> Option<(usize, &'static [&'static str])> {
    if toks.toks[i].kind != TokenKind::Word {
        return None;
    }
    for (key, features) in KINDS {
        for noun in kb.lexicon.cue(key) {
            let parts: Vec<&str> = noun.split(' ').collect();
            let end = i + parts.len();
            let same_sentence = end <= words.len() && toks.sent[end - 1] == toks.sent[i];
            if same_sentence && parts.iter().zip(&words[i..end]).all(|(p, w)| p == w) {
                return Some((end, features));
            }
        }
    }
    None
}

/// "<facility> [located|situated] <direction> of <place>" → the one KB facility there.
fn resolve(
    kb: &Kb,
    toks: &Tokens,
    words: &[String],
    known: &[RawMention],
    start: usize,
    end: usize,
    features: &[&str],
) -> Option<RawMention> {
    let j = direction_after(kb, toks, words, end)?;
    let bearing = direction_bearing(&words[j])?;
    if words.get(j + 1).map(String::as_str) != Some("of") || toks.sent.get(j + 2) != Some(&toks.sent[start]) {
        return None;
    }
    let anchor = known.iter().find(|m| m.span.start == toks.toks[j + 2].span.start)?;
    let (lat, lon) = coordinates(kb, &anchor.target)?;
    let mut found = kb.entities.iter().enumerate().filter(|(_, e)| {
        e.kind == EntityType::Place
            && e.feature.as_deref().is_some_and(|f| features.contains(&f))
            && e.lat.zip(e.lon).is_some_and(|(flat, flon)| lies_toward(lat, lon, flat, flon, bearing))
    });
    let (ix, _) = found.next()?;
    if found.next().is_some() {
        return None;
    }
    let span = Span::new(toks.toks[start].span.start, toks.toks[end - 1].span.end);
    Some(RawMention { span, target: Target::Kb(ix as u32), how: LinkHow::Descriptor, score: 0.6 })
}

/// Words that may stand between a facility noun and its direction: a
/// relative clause ("which is situated on the west of"), a distance ("some
/// 120 km south of") or a time adjunct ("captured an air base on Monday west of").
const BRIDGE: &[&str] = &[
    ",", "which", "that", "is", "was", "lies", "lay", "located", "situated", "lying", "just", "some", "about", "around",
    "roughly", "nearly", "on", "to", "the", "in", "far", "deep", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday", "yesterday", "today", "overnight",
];
/// How many bridge tokens may stand between a facility and its direction.
const BRIDGE_MAX: usize = 10;

/// The token of the direction word that follows a facility noun ending at `end`.
fn direction_after(kb: &Kb, toks: &Tokens, words: &[String], end: usize) -> Option<usize> {
    let units = kb.lexicon.cue("distance_units");
    let sentence = toks.sent.get(end.checked_sub(1)?)?;
    for j in end..(end + BRIDGE_MAX).min(words.len()) {
        if toks.sent[j] != *sentence {
            return None;
        }
        let w = words[j].as_str();
        if direction_bearing(w).is_some() {
            return Some(j);
        }
        let bridge = BRIDGE.contains(&w) || units.iter().any(|u| u == w) || w.bytes().all(|b| b.is_ascii_digit() || b == b'.');
        if !bridge {
            return None;
        }
    }
    None
}

/// Compass bearing (degrees) a direction word points to.
fn direction_bearing(word: &str) -> Option<f64> {
    let b = match word.trim_end_matches("ern").replace('-', "").as_str() {
        "north" => 0.0,
        "northeast" => 45.0,
        "east" => 90.0,
        "southeast" => 135.0,
        "south" => 180.0,
        "southwest" => 225.0,
        "west" => 270.0,
        "northwest" => 315.0,
        _ => return None,
    };
    Some(b)
}

/// Whether a facility at (flat, flon) lies toward `bearing` from (lat, lon), within reach.
fn lies_toward(lat: f64, lon: f64, flat: f64, flon: f64, bearing: f64) -> bool {
    let km = sitrep_model::geo::haversine_km(lat, lon, flat, flon);
    if !(1.0..=REACH_KM).contains(&km) {
        return false;
    }
    let off = (sitrep_model::geo::initial_bearing(lat, lon, flat, flon) - bearing + 540.0) % 360.0 - 180.0;
    off.abs() <= SECTOR_DEG
}

fn coordinates(kb: &Kb, target: &Target) -> Option<(f64, f64)> {
    match target {
        Target::Kb(e) => {
            let e = &kb.entities[*e as usize];
            e.lat.zip(e.lon)
        }
        Target::Place(p) => {
            let p = &kb.gazetteer.places[*p as usize];
            Some((p.lat, p.lon))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn direction_words_and_adjectives_point_the_same_way() {
        assert_eq!(direction_bearing("west"), Some(270.0));
        assert_eq!(direction_bearing("western"), Some(270.0));
        assert_eq!(direction_bearing("south-east"), Some(135.0));
        assert_eq!(direction_bearing("inner"), None);
    }

    #[test]
    fn a_facility_lies_toward_a_bearing_only_within_its_sector_and_reach() {
        // From Tripoli: a point ~120 km west-south-west, one due south, one 600 km west.
        assert!(lies_toward(32.89, 13.19, 32.47, 11.90, 270.0));
        assert!(!lies_toward(32.89, 13.19, 31.90, 13.19, 270.0));
        assert!(!lies_toward(32.89, 13.19, 32.89, 6.80, 270.0));
    }
}
