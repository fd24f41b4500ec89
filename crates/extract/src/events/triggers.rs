//! Finding triggers: the lexicon's words in a sentence, the readings
//! that are no report of an act (modifiers, names, idioms), and light
//! verbs and nouns that name one event together.

use super::*;

impl<'k> EventCoder<'k> {
    pub(super) fn find_triggers(&self, s: &Sentence) -> Vec<Hit> {
        let lx = &self.kb.lexicon;
        let mut hits: Vec<Hit> = Vec::new();
        let mut i = s.first;
        while i < s.end {
            let w = s.w(i).to_string();
            let mut best: Option<Hit> = None;
            for f in lx.forms(&w) {
                let t = &lx.triggers[f.trigger as usize];
                let n = f.rest.len();
                if i + n >= s.end + usize::from(n == 0) && n > 0 {
                    continue;
                }
                let rest_ok = f.rest.iter().enumerate().all(|(k, r)| i + 1 + k < s.end && s.w(i + 1 + k) == r);
                if !rest_ok {
                    continue;
                }
                // Words inside a name are not triggers ("Government of National
                // Accord", "Warsaw Pact"), nor halves of hyphenated compounds
                // ("free-trade", "long-range").
                if t.pos != Pos::Adj && (s.owner(i).is_some() || self.is_name_word(s, i) || self.hyphenated(s, i, i + n)) {
                    continue;
                }
                // ("well-armed", "heavily-backed": glued to a plain word, the
                // participle is a plain adjective.)
                let plain_compound = i >= s.first + 2 && s.w(i - 1) == "-" && s.owner(i - 2).is_none();
                if t.pos == Pos::Adj && (!self.adj_context(s, i) || plain_compound) {
                    continue;
                }
                if self.in_idiom(s, i) {
                    continue;
                }
                // "combat groups", "aid workers": the first half of a compound
                // noun names no event.
                let noun_like = t.pos == Pos::Noun
                    || (t.pos == Pos::Verb && f.form == Form::Base && i > s.first && s.owner(i - 1).is_none()
                        && !PRONOUNS.contains(&s.w(i - 1))
                        && !matches!(s.w(i - 1), "to" | "will" | "would" | "could" | "can" | "may" | "might" | "must" | "should" | "shall" | "not" | "and" | "or"));
                if noun_like && i + n + 1 < s.end && s.owner(i + n + 1).is_none() && self.kb.lexicon.cue("compound_heads").iter().any(|c| c == s.w(i + n + 1)) {
                    continue;
                }
                // "Turkish targets", "the attacks": a verb form after a
                // determiner or an adjective-like actor is a noun.
                // "the besieged town", "an occupying army", "armed men": a
                // participle used as an adjective is no report of the act.
                if t.pos == Pos::Verb && n == 0 && matches!(f.form, Form::Past | Form::Gerund) && i > s.first && i + 1 < s.end {
                    let prev = s.w(i - 1);
                    let next = s.w(i + 1);
                    // ("have recently provided": after an auxiliary the adverb
                    // modifies a verb.)
                    let aux_before = i >= s.first + 2 && (BE.contains(&s.w(i - 2)) && s.w(i - 2) != "being" || matches!(s.w(i - 2), "have" | "has" | "had"));
                    let det = is_determiner(prev) || (matches!(prev, "heavily" | "lightly" | "newly" | "recently" | "so-called") && !aux_before);
                    let next_is_noun = next.chars().all(char::is_alphabetic) && !is_determiner(next)
                        && !matches!(next, "by" | "in" | "on" | "at" | "to" | "from" | "with" | "for" | "of" | "and" | "or" | "into" | "against" | "over" | "near")
                        && lx.forms(next).iter().all(|g| lx.triggers[g.trigger as usize].pos != Pos::Verb);
                    // "Turkish backed forces": a demonym before the participle
                    // makes it the unhyphenated "Turkish-backed".
                    // (The adjective, not the plural noun: "Palestinians blamed".)
                    let demonym_before = f.form == Form::Past && self.is_demonym(s, i - 1) && !prev.ends_with('s');
                    let next_is_word = next.chars().all(char::is_alphabetic) && !is_determiner(next)
                        && !matches!(next, "by" | "in" | "on" | "at" | "to" | "from" | "with" | "for" | "of" | "and" | "or" | "into" | "against" | "over" | "near");
                    if demonym_before && next_is_word {
                        continue;
                    }
                    if (det || (i == s.first + 0)) && (next_is_noun || s.owner(i + 1).is_some()) {
                        continue;
                    }
                }
                if t.pos == Pos::Verb && matches!(f.form, Form::Third | Form::Base) && i > s.first {
                    let prev = s.w(i - 1);
                    let det = matches!(prev, "the" | "a" | "an" | "its" | "their" | "his" | "her" | "our" | "all" | "these" | "those" | "this" | "any" | "some" | "several" | "many" | "of" | "such" | "new" | "further")
                        // "receive support", "launched attacks": the object of a light verb.
                        || self.kb.lexicon.cue("aid_receive_verbs").iter().any(|r| r == prev)
                        || self.cues.light.iter().any(|l| sitrep_kb::lexicon::verb_forms_cached(l.split(' ').next().unwrap_or("")).iter().any(|(f, v)| v == prev && *f != Form::Base));
                    let adj_actor = s.owner(i).is_none() && self.is_demonym(s, i - 1);
                    // "a cargo ship", "an arms deal": after "a" and a noun the
                    // base form is a noun (a singular subject would take "-s").
                    // ("a Turkish cargo ship": two modifiers between when one
                    // is a demonym.)
                    let modifier = |k: usize| s.w(k).chars().all(char::is_alphabetic) && !is_determiner(s.w(k))
                        && !matches!(s.w(k), "to" | "will" | "would" | "could" | "can" | "may" | "might" | "must" | "should" | "shall" | "not" | "and" | "or" | "that" | "who" | "which"
                            | "in" | "on" | "at" | "of" | "for" | "with" | "by" | "from" | "into" | "against" | "over" | "after" | "before" | "as");
                    let after_indefinite = f.form == Form::Base && (1..=2).any(|back| {
                        i > s.first + back && matches!(s.w(i - back - 1), "a" | "an") && (i - back..i).all(modifier)
                            && (i - back..i).all(|k| s.owner(k).is_none() || self.is_demonym(s, k))
                            && (back == 1 || (i - back..i).any(|k| self.is_demonym(s, k)))
                    });
                    if det || (adj_actor && f.form == Form::Third) || after_indefinite {
                        continue;
                    }
                }
                // "the killing of", "a meeting", "the fighting": a gerund
                // heading a noun phrase is a noun.
                // "in support of", "in defence of": between "in" and "of" the
                // bare form is a noun.
                let in_of = f.form == Form::Base && n == 0 && i > s.first && s.w(i - 1) == "in" && i + 1 < s.end && s.w(i + 1) == "of";
                let nominal = t.pos == Pos::Verb
                    && (f.form == Form::Gerund && (n == 0 && i + 1 < s.end && s.w(i + 1) == "of" || i > s.first && is_determiner(s.w(i - 1))) || in_of);
                let cand = Hit { trigger: f.trigger, first: i, last: i + n, form: f.form, absorbed: None, after_light: false, nominal };
                let better = match &best {
                    None => true,
                    Some(b) => (cand.last - cand.first, pos_rank(t.pos, cand.form, cand.nominal)) > (b.last - b.first, pos_rank(lx.triggers[b.trigger as usize].pos, b.form, b.nominal)),
                };
                if better {
                    best = Some(cand);
                }
            }
            if let Some(b) = best {
                i = b.last + 1;
                hits.push(b);
            } else {
                i += 1;
            }
        }
        hits
    }

    /// Whether token `i` is a demonym naming an actor ("Turkish").
    pub(super) fn is_demonym(&self, s: &Sentence, i: usize) -> bool {
        s.owner(i).is_some()
            && self.kb.alias_lookup(&sitrep_text::normalize::fold(&s.text[self.tok_span(s, i).start..self.tok_span(s, i).end]))
                .iter()
                .any(|r| r.kind == sitrep_kb::AliasKind::Demonym)
    }

    /// Whether token `i` is inside a fixed prepositional phrase ("thanks to").
    pub(super) fn in_idiom(&self, s: &Sentence, i: usize) -> bool {
        self.kb.lexicon.cue("prepositional_idioms").iter().any(|p| {
            let len = p.split(' ').count();
            (i.saturating_sub(len - 1).max(s.first)..=i).any(|k| s.phrase_at(k, p))
        })
    }

    pub(super) fn is_name_word(&self, s: &Sentence, i: usize) -> bool {
        let raw = &s.text[self.tok_span(s, i).start..self.tok_span(s, i).end];
        let cap = raw.chars().next().map_or(false, char::is_uppercase);
        let all_caps = raw.chars().all(|c| !c.is_lowercase());
        cap && !all_caps && i != s.first && !matches!(s.w(i - 1), "\"" | "\u{201c}" | "'" | "(" | ":")
    }

    pub(super) fn hyphenated(&self, s: &Sentence, first: usize, last: usize) -> bool {
        (first > s.first && s.w(first - 1) == "-") || (last + 1 < s.end && s.w(last + 1) == "-")
    }

    pub(super) fn tok_span(&self, s: &Sentence, i: usize) -> Span {
        s.spans[i - s.first]
    }

    /// "-backed", "-funded": an adjective trigger needs an actor glued before it.
    pub(super) fn adj_context(&self, s: &Sentence, i: usize) -> bool {
        i >= s.first + 2 && s.w(i - 1) == "-" && s.owner(i - 2).is_some()
            || i > s.first && s.owner(i - 1).is_some() && s.owner(i - 1) != s.owner(i)
            || i + 1 < s.end && s.w(i + 1) == "by"
    }

    /// Drops triggers that only name the content of another: a noun that is
    /// the object of a verb trigger ("signed an agreement" is one event), or a
    /// light verb before a noun trigger ("launched an offensive").
    pub(super) fn absorb(&self, s: &Sentence, hits: Vec<Hit>) -> Vec<Hit> {
        let lx = &self.kb.lexicon;
        let light = self.kb.lexicon.cue("light_verbs");
        let is_light = |h: &Hit| {
            let w = s.w(h.first);
            light.iter().any(|l| l.split(' ').next() == Some(w) || sitrep_kb::lexicon::verb_forms_cached(l.split(' ').next().unwrap_or("")).iter().any(|(_, f)| f == w))
        };
        let receive = self.kb.lexicon.cue("aid_receive_verbs");
        let is_receive = |h: &Hit| receive.iter().any(|r| r == s.w(h.first));
        let mut hits = hits;
        let mut drop = vec![false; hits.len()];
        for i in 0..hits.len() {
            let ti = &lx.triggers[hits[i].trigger as usize];
            if ti.pos == Pos::Noun && i + 1 < hits.len() && hits[i + 1].first == hits[i].last + 1 && lx.triggers[hits[i + 1].trigger as usize].pos == Pos::Noun {
                // "offensive attacks", "protest strike": a noun right before
                // another event noun modifies it; the head is the event.
                drop[i] = true;
                continue;
            }
            if ti.pos != Pos::Verb {
                continue;
            }
            let Some(j) = (i + 1..hits.len()).find(|&j| !drop[j]) else { continue };
            let tj = &lx.triggers[hits[j].trigger as usize];
            let gap = hits[j].first - hits[i].last;
            let clear = !(hits[i].last + 1..hits[j].first).any(|k| s.is_boundary(k) || matches!(s.w(k), "," | "that" | "which" | "who" | "to" | "and" | "but"));
            if tj.pos == Pos::Noun && gap == 1 && hits[i].form == Form::Base && hits[i].first == hits[i].last {
                drop[i] = true; // "mass demonstrations": the verb form is a modifier
                continue;
            }
            if tj.pos == Pos::Noun && gap <= 5 && clear {
                if is_light(&hits[i]) || is_receive(&hits[i]) {
                    drop[i] = true;
                    hits[j].after_light = true;
                } else {
                    drop[j] = true;
                    hits[i].absorbed = Some((hits[j].trigger, hits[j].last));
                }
            }
        }
        hits.into_iter().zip(drop).filter(|(_, d)| !d).map(|(h, _)| h).collect()
    }
}

/// How strongly a reading of a word is preferred: finite verbs, then other
/// verb forms, then nouns; a gerund used as a noun yields to a noun entry
/// of the same words, whose frame is written for it.
pub(super) fn pos_rank(p: Pos, f: Form, nominal: bool) -> u8 {
    match (p, f) {
        (Pos::Verb, _) if nominal => 1,
        (Pos::Verb, Form::Past) | (Pos::Verb, Form::Third) => 4,
        (Pos::Verb, _) => 3,
        (Pos::Noun, _) => 2,
        (Pos::Adj, _) => 0,
    }
}
