//! The event coder's vocabulary (docs/lexicon-format.md): trigger words
//! with their PLOVER type, mode and role pattern, and cue lists for status,
//! attribution and figures.

use serde::Deserialize;
use std::collections::HashMap;

pub const PLOVER_TYPES: [&str; 16] = [
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
    "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Pos {
    Verb,
    Noun,
    Adj,
}

/// A change of type/mode when the object is a place or people.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
pub struct Override {
    #[serde(rename = "type")]
    pub kind: Option<String>,
    pub mode: Option<String>,
    /// `gain` or `lose`.
    pub control: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Trigger {
    pub words: String,
    pub pos: Pos,
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(default)]
    pub mode: Option<String>,
    #[serde(default)]
    pub irregular: Vec<String>,
    #[serde(default)]
    pub target: Vec<String>,
    /// Where the source is when not the subject: "claimant" (whoever the
    /// sentence attributes the statement to) or a preposition ("of", "by").
    #[serde(default)]
    pub source: Vec<String>,
    #[serde(default)]
    pub place_object: Option<Override>,
    #[serde(default)]
    pub person_object: Option<Override>,
    #[serde(default)]
    pub symmetric: bool,
    #[serde(default)]
    pub complement: Option<String>,
    #[serde(default)]
    pub weight: Option<f32>,
    /// Control change regardless of the object (`gain`/`lose`).
    #[serde(default)]
    pub control: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
struct TriggerFile {
    #[serde(default)]
    trigger: Vec<Trigger>,
}

#[derive(Debug, Default, Deserialize)]
struct CueFile {
    #[serde(default)]
    cues: HashMap<String, Vec<String>>,
}

/// One way to match a trigger: its first word's surface form leads to it,
/// and the remaining words must follow.
#[derive(Debug, Clone)]
pub struct TriggerForm {
    pub trigger: u32,
    /// Lower-case words after the first one ("down" in "shoot down").
    pub rest: Vec<String>,
    /// Whether the surface form is a past participle or past tense (for
    /// passive detection), an -ing form, or the base/plural.
    pub form: Form,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    Base,
    Third,
    Past,
    Gerund,
    Plural,
}

#[derive(Debug, Default)]
pub struct Lexicon {
    /// Sector nouns from the `sector_<CODE>` cue lists: (phrase, code), sorted.
    sectors: std::sync::OnceLock<Vec<(String, String)>>,
    pub triggers: Vec<Trigger>,
    /// First word (lower case) -> forms starting with it.
    by_first: HashMap<String, Vec<TriggerForm>>,
    pub cues: HashMap<String, Vec<String>>,
}

fn is_vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// [`verb_forms`], memoised per thread: the extractor asks for the same
/// few lemmas at every token.
pub fn verb_forms_cached(lemma: &str) -> std::rc::Rc<[(Form, String)]> {
    use std::cell::RefCell;
    use std::rc::Rc;
    thread_local! {
        static CACHE: RefCell<HashMap<String, Rc<[(Form, String)]>>> = RefCell::new(HashMap::new());
    }
    CACHE.with(|c| {
        if let Some(v) = c.borrow().get(lemma) {
            return v.clone();
        }
        let v: Rc<[(Form, String)]> = verb_forms(lemma).into();
        c.borrow_mut().insert(lemma.to_string(), v.clone());
        v
    })
}

/// Regular inflections of a verb: (form, surface).
pub fn verb_forms(lemma: &str) -> Vec<(Form, String)> {
    let b = lemma.as_bytes();
    let n = b.len();
    let mut out = vec![(Form::Base, lemma.to_string())];
    if n == 0 {
        return out;
    }
    let last = b[n - 1];
    let third = if lemma.ends_with('s') || lemma.ends_with('x') || lemma.ends_with("sh") || lemma.ends_with("ch") || lemma.ends_with('z') || lemma.ends_with('o') {
        format!("{lemma}es")
    } else if last == b'y' && n > 1 && !is_vowel(b[n - 2]) {
        format!("{}ies", &lemma[..n - 1])
    } else {
        format!("{lemma}s")
    };
    out.push((Form::Third, third));
    let (past, gerund) = if last == b'e' {
        (format!("{lemma}d"), if lemma.ends_with("ee") { format!("{lemma}ing") } else { format!("{}ing", &lemma[..n - 1]) })
    } else if last == b'y' && n > 1 && !is_vowel(b[n - 2]) {
        (format!("{}ied", &lemma[..n - 1]), format!("{lemma}ing"))
    } else {
        (format!("{lemma}ed"), format!("{lemma}ing"))
    };
    out.push((Form::Past, past));
    out.push((Form::Gerund, gerund));
    // Consonant doubling ("stop" -> "stopped", "travel" -> "travelled"):
    // generated alongside the plain form; a form that never occurs costs nothing.
    if n >= 3 && !is_vowel(last) && !matches!(last, b'w' | b'x' | b'y') && is_vowel(b[n - 2]) && !is_vowel(b[n - 3]) {
        let d = last as char;
        out.push((Form::Past, format!("{lemma}{d}ed")));
        out.push((Form::Gerund, format!("{lemma}{d}ing")));
    }
    out
}

/// Plural of a noun.
pub fn noun_plural(noun: &str) -> String {
    let b = noun.as_bytes();
    let n = b.len();
    if noun.ends_with('s') || noun.ends_with('x') || noun.ends_with("sh") || noun.ends_with("ch") {
        format!("{noun}es")
    } else if n > 1 && b[n - 1] == b'y' && !is_vowel(b[n - 2]) {
        format!("{}ies", &noun[..n - 1])
    } else {
        format!("{noun}s")
    }
}

impl Lexicon {
    /// Adds the triggers of one TOML file.
    pub fn add_triggers(&mut self, source: &str, toml_text: &str) -> Result<(), String> {
        let file: TriggerFile = toml::from_str(toml_text).map_err(|e| format!("{source}: {e}"))?;
        for t in file.trigger {
            if !PLOVER_TYPES.contains(&t.kind.as_str()) {
                return Err(format!("{source}: trigger {:?}: unknown type {:?}", t.words, t.kind));
            }
            self.add_trigger(t);
        }
        Ok(())
    }

    fn add_trigger(&mut self, t: Trigger) {
        let idx = self.triggers.len() as u32;
        let lower = t.words.to_lowercase();
        let mut words = lower.split_whitespace();
        let Some(first) = words.next() else { return };
        let rest: Vec<String> = words.map(str::to_string).collect();
        let mut forms: Vec<(Form, String)> = match t.pos {
            Pos::Verb => verb_forms(first),
            Pos::Noun => vec![(Form::Base, first.to_string())],
            Pos::Adj => vec![(Form::Base, first.to_string())],
        };
        if t.pos == Pos::Noun && rest.is_empty() {
            forms.push((Form::Plural, noun_plural(first)));
        }
        for irr in &t.irregular {
            let irr = irr.to_lowercase();
            let form = if irr.ends_with("ing") { Form::Gerund } else if irr.ends_with('s') && t.pos == Pos::Noun { Form::Plural } else { Form::Past };
            forms.push((form, irr));
        }
        // Multi-word nouns pluralise their last word ("air strike" -> "air strikes").
        let mut rests = vec![rest.clone()];
        if t.pos == Pos::Noun && !rest.is_empty() {
            let mut plural = rest.clone();
            let last = plural.pop().unwrap();
            plural.push(noun_plural(&last));
            rests.push(plural);
        }
        for (form, surface) in forms {
            for rest in &rests {
                let entry = self.by_first.entry(surface.clone()).or_default();
                if !entry.iter().any(|f| f.trigger == idx && &f.rest == rest && f.form == form) {
                    entry.push(TriggerForm { trigger: idx, rest: rest.clone(), form });
                }
            }
        }
        self.triggers.push(t);
    }

    /// Adds the cue lists of one TOML file (lists are extended, not replaced).
    pub fn add_cues(&mut self, source: &str, toml_text: &str) -> Result<(), String> {
        let file: CueFile = toml::from_str(toml_text).map_err(|e| format!("{source}: {e}"))?;
        for (k, v) in file.cues {
            let list = self.cues.entry(k).or_default();
            for w in v {
                let w = w.to_lowercase();
                if !list.contains(&w) {
                    list.push(w);
                }
            }
        }
        Ok(())
    }

    /// Trigger forms whose first word is `word` (lower case).
    pub fn forms(&self, word: &str) -> &[TriggerForm] {
        self.by_first.get(word).map_or(&[], Vec::as_slice)
    }

    /// Sector nouns ("protesters" -> CVL) from the `sector_<CODE>` cue
    /// lists, as (phrase, code) sorted by phrase; computed once.
    pub fn sector_nouns(&self) -> &[(String, String)] {
        self.sectors.get_or_init(|| {
            let mut out: Vec<(String, String)> = self
                .cues
                .iter()
                .filter_map(|(k, v)| k.strip_prefix("sector_").map(|code| (code, v)))
                .flat_map(|(code, v)| v.iter().map(move |w| (w.to_lowercase(), code.to_string())))
                .collect();
            out.sort();
            out
        })
    }

    pub fn cue(&self, key: &str) -> &[String] {
        self.cues.get(key).map_or(&[], Vec::as_slice)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inflects_regular_verbs() {
        let f: Vec<String> = verb_forms("seize").into_iter().map(|(_, s)| s).collect();
        assert!(f.contains(&"seized".into()) && f.contains(&"seizing".into()) && f.contains(&"seizes".into()));
        let f: Vec<String> = verb_forms("shell").into_iter().map(|(_, s)| s).collect();
        assert!(f.contains(&"shelled".into()));
        let f: Vec<String> = verb_forms("deny").into_iter().map(|(_, s)| s).collect();
        assert!(f.contains(&"denied".into()) && f.contains(&"denies".into()));
        let f: Vec<String> = verb_forms("stop").into_iter().map(|(_, s)| s).collect();
        assert!(f.contains(&"stopped".into()));
        assert_eq!(noun_plural("airstrike"), "airstrikes");
        assert_eq!(noun_plural("militia"), "militias");
    }

    #[test]
    fn multiword_triggers_and_irregulars_are_indexed_by_first_word() {
        let mut lx = Lexicon::default();
        lx.add_triggers(
            "t",
            r#"
            [[trigger]]
            words = "shoot down"
            pos = "verb"
            type = "ASSAULT"
            irregular = ["shot"]
            [[trigger]]
            words = "air strike"
            pos = "noun"
            type = "ASSAULT"
            mode = "aerial"
            "#,
        )
        .unwrap();
        assert!(lx.forms("shot").iter().any(|f| f.rest == vec!["down".to_string()]));
        assert!(lx.forms("air").iter().any(|f| f.rest == vec!["strikes".to_string()]));
        assert!(lx.add_triggers("bad.toml", "[[trigger]]\nwords='x'\npos='verb'\ntype='HUG'\n").unwrap_err().contains("HUG"));
    }
}
