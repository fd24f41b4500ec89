//! Transliteration-tolerant name matching.
//!
//! Names from Arabic, Turkish or Russian reach English news in many
//! spellings (Haftar / Hifter / Hafter; Gaddafi / Qaddafi / Kadhafi) and
//! machine translation garbles them further (haftal, salaj, teben). A word
//! is reduced to a consonant *skeleton* that forgets what transliteration
//! varies (vowels, doubled letters, k/q/g/c, l/r, w/v, digraphs); words
//! whose skeletons are equal or one deletion apart are candidates, scored
//! by Jaro-Winkler similarity of the folded spellings.

use std::collections::HashMap;

/// The consonant skeleton of a folded (lower-case ASCII) word.
pub fn skeleton(word: &str) -> String {
    let b: Vec<u8> = word.bytes().filter(|c| c.is_ascii_alphabetic()).collect();
    let mut out: Vec<u8> = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let next = b.get(i + 1).copied();
        let (sound, skip) = match (c, next) {
            (b'k', Some(b'h')) | (b'g', Some(b'h')) | (b'c', Some(b'h')) | (b'q', Some(b'h')) => (Some(b'k'), 2),
            (b's', Some(b'h')) => (Some(b's'), 2),
            (b't', Some(b'h')) => (Some(b't'), 2),
            (b'd', Some(b'h')) => (Some(b'd'), 2),
            (b'z', Some(b'h')) => (Some(b'j'), 2),
            (b'p', Some(b'h')) => (Some(b'f'), 2),
            (b'd', Some(b'j')) => (Some(b'j'), 2),
            (b'c', Some(b'k')) => (Some(b'k'), 2),
            (b'a' | b'e' | b'i' | b'o' | b'u' | b'y', _) => (if i == 0 { Some(b'a') } else { None }, 1),
            (b'h', _) => (if i == 0 { Some(b'h') } else { None }, 1),
            (b'q' | b'g' | b'c' | b'k', _) => (Some(b'k'), 1),
            (b'l', _) => (Some(b'r'), 1),
            (b'w', _) => (Some(b'v'), 1),
            (b'z', _) => (Some(b's'), 1),
            (b'x', _) => (Some(b's'), 1),
            (c, _) => (Some(c), 1),
        };
        if let Some(s) = sound {
            if out.last() != Some(&s) {
                out.push(s);
            }
        }
        i += skip;
    }
    String::from_utf8(out).unwrap_or_default()
}

/// Skeletons one deletion away.
fn deletions(s: &str) -> Vec<String> {
    (0..s.len()).map(|i| format!("{}{}", &s[..i], &s[i + 1..])).collect()
}

/// A candidate link for a word.
#[derive(Debug, Clone, PartialEq)]
pub struct FuzzyHit {
    pub entity: u32,
    /// The indexed name word it resembles.
    pub word: String,
    pub score: f32,
}

/// Index of the distinctive name words of KB entities by skeleton.
#[derive(Default)]
pub struct FuzzyIndex {
    exact: HashMap<String, Vec<(u32, String)>>,
    deleted: HashMap<String, Vec<(u32, String)>>,
}

/// Words shorter than this, or with a shorter skeleton, are never fuzzy-matched.
pub const MIN_WORD: usize = 5;
const MIN_SKELETON: usize = 3;
const MIN_JARO_WINKLER: f32 = 0.8;

impl FuzzyIndex {
    /// Indexes `word` (folded) as a name word of `entity`.
    pub fn add(&mut self, entity: u32, word: &str) {
        if word.len() < MIN_WORD {
            return;
        }
        let sk = skeleton(word);
        if sk.len() < MIN_SKELETON {
            return;
        }
        for d in deletions(&sk) {
            push_unique(self.deleted.entry(d).or_default(), (entity, word.to_string()));
        }
        push_unique(self.exact.entry(sk).or_default(), (entity, word.to_string()));
    }

    /// Candidates for a folded word, best first, scoring at least `threshold`.
    pub fn lookup<'a>(&'a self, word: &str, threshold: f32) -> Vec<FuzzyHit> {
        if word.len() < MIN_WORD {
            return vec![];
        }
        let sk = skeleton(word);
        if sk.len() < MIN_SKELETON {
            return vec![];
        }
        let mut cands: Vec<(u32, &str, f32)> = Vec::new();
        let mut add = |list: Option<&'a Vec<(u32, String)>>, sk_sim: f32| {
            for (e, w) in list.into_iter().flatten() {
                cands.push((*e, w.as_str(), sk_sim));
            }
        };
        add(self.exact.get(&sk), 1.0);
        // One letter lost or gained in transliteration.
        add(self.deleted.get(&sk), 0.8);
        for d in deletions(&sk) {
            add(self.exact.get(&d), 0.8);
        }
        let mut hits: Vec<FuzzyHit> = Vec::new();
        for (e, w, sk_sim) in cands {
            let jw = strsim::jaro_winkler(word, w) as f32;
            // Spellings of one name stay close letter by letter too.
            if jw < MIN_JARO_WINKLER {
                continue;
            }
            let score = 0.5 * jw + 0.5 * sk_sim;
            if score >= threshold {
                match hits.iter_mut().find(|h| h.entity == e) {
                    Some(h) if h.score >= score => {}
                    Some(h) => *h = FuzzyHit { entity: e, word: w.to_string(), score },
                    None => hits.push(FuzzyHit { entity: e, word: w.to_string(), score }),
                }
            }
        }
        hits.sort_by(|a, b| b.score.partial_cmp(&a.score).unwrap_or(std::cmp::Ordering::Equal));
        hits
    }
}

fn push_unique(v: &mut Vec<(u32, String)>, item: (u32, String)) {
    if !v.contains(&item) {
        v.push(item);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transliterations_share_a_skeleton() {
        for group in [
            &["haftar", "hifter", "hafter", "haftal"][..],
            &["gaddafi", "qaddafi", "kadhafi", "gadhafi"],
            &["sarraj", "serraj", "salaj"],
            &["tebboune", "teben"],
            &["boukadoum", "bukadum"],
        ] {
            let sk: Vec<String> = group.iter().map(|w| skeleton(w)).collect();
            assert!(sk.iter().all(|s| s == &sk[0]), "{group:?} -> {sk:?}");
        }
    }

    #[test]
    fn finds_garbled_names_and_rejects_unrelated_words() {
        let mut ix = FuzzyIndex::default();
        ix.add(1, "haftar");
        ix.add(2, "cavusoglu");
        ix.add(3, "sarraj");
        assert_eq!(ix.lookup("hifter", 0.75)[0].entity, 1);
        assert_eq!(ix.lookup("haftal", 0.75)[0].entity, 1);
        assert_eq!(ix.lookup("chawushiolu", 0.7)[0].entity, 2);
        assert_eq!(ix.lookup("salaj", 0.75)[0].entity, 3);
        assert!(ix.lookup("after", 0.75).is_empty());
        assert!(ix.lookup("shelter", 0.75).is_empty());
    }
}
