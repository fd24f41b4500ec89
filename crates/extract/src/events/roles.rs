//! Roles: who acts on whom, from the clause around a trigger (subjects,
//! objects, prepositional phrases, passives, coordination, relative
//! clauses, participles and anaphora).

use super::*;

impl<'k> EventCoder<'k> {
    /// The subject of the clause to which a help trigger is credited by a
    /// marker just before it ("thanks to", "with the help of").
    pub(super) fn beneficiary(&self, s: &Sentence, h: &Hit) -> Option<Vec<usize>> {
        let markers = self.kb.lexicon.cue("beneficiary_markers");
        let at = (h.first.saturating_sub(5).max(s.first)..=h.first).find(|&k| markers.iter().any(|m| s.phrase_at(k, m) && k + m.split(' ').count() <= h.last + 1))?;
        self.group_left(s, at, 12, &["by", "from", "against", "to", "with", "on", "for", "in", "at", "of"])
    }

    /// The nearest coordinated actor group ending before token `i`.
    pub(super) fn group_left(&self, s: &Sentence, i: usize, max_gap: usize, skip_preps: &[&str]) -> Option<Vec<usize>> {
        let mut j = i;
        let mut gap = 0;
        while j > s.first {
            j -= 1;
            if let Some(a) = s.owner(j) {
                let first = s.actors[a].first;
                // The word before the mention, past any determiner.
                let mut k = first;
                while k > s.first && is_determiner(s.w(k - 1)) {
                    k -= 1;
                }
                let prev = if k > s.first { s.w(k - 1) } else { "" };
                // "the government of national unity of Liberia asked": the
                // subject is the named actor the "of" phrase belongs to.
                if prev == "of" && !skip_preps.contains(&prev) {
                    if let Some(b) = (k >= s.first + 2).then(|| s.owner(k - 2)).flatten().filter(|&b| b != a && s.actors[b].acts && self.kb.get(&s.actors[b].id).is_some()) {
                        return Some(self.expand_group(s, b));
                    }
                }
                if !s.actors[a].acts || skip_preps.contains(&prev) {
                    j = first;
                    gap += 1;
                    if gap > max_gap {
                        return None;
                    }
                    continue;
                }
                return Some(self.expand_group(s, a));
            }
            // A complement clause ("X said that ...") starts a new subject domain.
            if s.is_boundary(j) || (s.w(j) == "that" && j + 1 < i) || self.is_report_word(s.w(j)) {
                return None;
            }
            // ", led by X," / ", controlling the east," / ", which ...,": an
            // inserted phrase between commas is not the subject; jump over it.
            // At the closing comma of an inserted phrase (", controlling the
            // east,"), jump to its opening comma.
            if s.w(j) == "," {
                if let Some(k) = (j.saturating_sub(12).max(s.first)..j).rev().find(|&k| s.w(k) == ",") {
                    let next = s.w(k + 1);
                    if next.ends_with("ing") || next.ends_with("ed") || matches!(next, "led" | "based" | "who" | "which" | "whose") {
                        j = k;
                        continue;
                    }
                }
            }
            if s.w(j) == "," && j + 1 < i {
                let next = s.w(j + 1);
                let inserted = next.ends_with("ing") || next.ends_with("ed") || matches!(next, "led" | "based" | "who" | "which" | "whose" | "backed" | "supported");
                if inserted {
                    if let Some(k) = (s.first..j).rev().find(|&k| s.w(k) == ",") {
                        if j - k <= 12 {
                            j = k;
                            continue;
                        }
                    }
                }
            }
            gap += 1;
            if gap > max_gap {
                return None;
            }
        }
        None
    }

    /// Whether a verb continues the clause before it: right after "and" or
    /// "but" (auxiliaries and adverbs aside), or a participle right after a
    /// comma ("..., killing five").
    pub(super) fn continues_clause(&self, s: &Sentence, h: &Hit) -> bool {
        let mut k = h.first;
        loop {
            let w = if k > s.first { s.w(k - 1) } else { "" };
            let adverb = w.len() > 4 && w.ends_with("ly") && s.owner(k - 1).is_none();
            if matches!(w, "also" | "then" | "later" | "had" | "has" | "have" | "will" | "would" | "again") || adverb {
                k -= 1;
            } else if w == "to" && k >= s.first + 2 && s.owner(k - 2).is_none() && s.w(k - 2).chars().all(char::is_alphabetic) {
                // "and plan to fight", "and tried to seize": past the verb it
                // completes.
                k -= 2;
            } else {
                break;
            }
        }
        if k == s.first {
            return false;
        }
        match s.w(k - 1) {
            "and" | "but" => true,
            "," => h.form == Form::Gerund && k == h.first,
            _ => false,
        }
    }

    /// "Y regards X as <noun>", "Y declared X <noun>": a noun after "as"
    /// predicates the verb's object (returned first); the verb's subject
    /// (second, possibly none) is who holds it so.
    pub(super) fn object_complement(&self, s: &Sentence, h: &Hit) -> Option<(Vec<usize>, Vec<usize>)> {
        let mut k = h.first;
        while k > s.first && (is_determiner(s.w(k - 1)) || matches!(s.w(k - 1), "its" | "their" | "his" | "her" | "our" | "legitimate" | "potential")) {
            k -= 1;
        }
        if k == s.first || s.w(k - 1) != "as" {
            return None;
        }
        let what = self.group_left(s, k - 1, 3, &[])?;
        let first = what.iter().map(|&a| s.actors[a].first).min()?;
        // Past a possessor ("Haftar's forces"), to the verb.
        let mut j = first;
        while j > s.first && (s.owner(j - 1).is_some() || matches!(s.w(j - 1), "'s" | "\u{2019}s")) {
            j -= 1;
        }
        let who = self.group_left(s, j, 6, &["by", "from", "against", "to", "with", "on", "for"]).unwrap_or_default();
        Some((what, who))
    }

    /// "X is said to have <verb>", "X are believed to <verb>": the actor
    /// before a passive report verb that the trigger completes.
    pub(super) fn raised_subject(&self, s: &Sentence, h: &Hit) -> Option<Vec<usize>> {
        let mut k = h.first;
        while k > s.first && matches!(s.w(k - 1), "have" | "been" | "be" | "recently" | "already" | "also" | "now") {
            k -= 1;
        }
        if k < s.first + 3 || s.w(k - 1) != "to" || !BE.contains(&s.w(k - 3)) || !self.is_passive_report(s.w(k - 2)) {
            return None;
        }
        self.group_left(s, k - 3, 4, &["by", "from", "against", "to", "with", "on", "for", "of"])
    }

    /// A participle of a report or belief verb that, after "is"/"are",
    /// reports without a named source ("is said", "are believed").
    pub(super) fn is_passive_report(&self, w: &str) -> bool {
        self.cues.report_forms.contains(w) || matches!(w, "believed" | "thought" | "alleged" | "understood" | "rumoured" | "rumored" | "known" | "reported" | "said")
    }

    /// The subject of the main clause after an opening participle clause:
    /// the trigger's clause opens the sentence (only a preposition or
    /// subordinator before it, no actor), and the first actor after its
    /// closing comma is the subject.
    pub(super) fn main_subject_after_opening(&self, s: &Sentence, h: &Hit) -> Option<Vec<usize>> {
        if (s.first..h.first).any(|i| s.owner(i).is_some() || s.w(i) == "," || s.is_boundary(i)) || h.first > s.first + 4 {
            return None;
        }
        let comma = (h.last + 1..(h.last + 16).min(s.end)).find(|&i| s.w(i) == "," || s.is_boundary(i))?;
        if s.w(comma) != "," {
            return None;
        }
        self.group_right(s, comma + 1, 4)
    }

    /// A pronoun right before the verb (auxiliaries and adverbs aside).
    pub(super) fn pronoun_subject(&self, s: &Sentence, h: &Hit) -> bool {
        let mut k = h.first;
        while k > s.first {
            let w = s.w(k - 1);
            // ("they" usually has its antecedent group right before it: left
            // to the ordinary subject search.)
            if matches!(w, "it" | "he" | "she") {
                return true;
            }
            if w == "they" || w == "we" {
                return false;
            }
            if !(BE.contains(&w) || matches!(w, "has" | "have" | "had" | "also" | "then" | "later" | "reportedly" | "will" | "would" | "could" | "did")) {
                return false;
            }
            k -= 1;
        }
        false
    }

    /// An -ing participle right after a noun ("a plane delivering aid",
    /// "forces fighting in the east"): a reduced relative clause.
    pub(super) fn reduced_relative(&self, s: &Sentence, h: &Hit) -> bool {
        if h.form != Form::Gerund || h.first == s.first {
            return false;
        }
        let prev = s.w(h.first - 1);
        prev.chars().all(char::is_alphabetic)
            && !BE.contains(&prev)
            && !is_determiner(prev)
            && !matches!(prev, "and" | "or" | "but" | "of" | "for" | "by" | "in" | "on" | "after" | "before" | "while" | "without" | "from" | "to" | "also" | "not" | "keep" | "kept" | "continue" | "continued" | "began" | "begin" | "started" | "stop" | "stopped" | "have" | "has" | "had")
            && !self.cues.light.iter().any(|l| l.split(' ').next() == Some(prev))
    }

    /// A light verb ("launched", "carried out") shortly before a noun trigger.
    pub(super) fn light_verb_before(&self, s: &Sentence, h: &Hit) -> bool {
        (h.first.saturating_sub(4).max(s.first)..h.first).any(|i| {
            let w = s.w(i);
            self.cues.light_forms.contains(w)
        })
    }

    /// The agent inside a noun trigger's phrase: an actor right before it,
    /// possibly with "'s" and up to two modifiers ("Russia's new offensive").
    pub(super) fn np_agent(&self, s: &Sentence, h: &Hit) -> Option<Vec<usize>> {
        let mut k = h.first;
        for _ in 0..3 {
            if k == s.first {
                return None;
            }
            if let Some(a) = s.owner(k - 1) {
                return s.actors[a].acts.then(|| self.expand_group(s, a));
            }
            let w = s.w(k - 1);
            if matches!(w, "'s" | "\u{2019}s" | "-") || (w.chars().all(char::is_alphabetic) && !is_determiner(w) && !matches!(w, "of" | "by" | "on" | "in" | "and" | "to" | "for" | "with" | "against" | "after" | "before")) {
                k -= 1;
                continue;
            }
            return None;
        }
        None
    }

    /// The subject of the clause that a coordinated verb continues: the
    /// nearest actor group before the previous verb of the sentence.
    pub(super) fn shared_subject(&self, s: &Sentence, and_at: usize) -> Option<Vec<String>> {
        let g = self.group_left(s, and_at, 20, &["by", "from", "against", "to", "with", "on", "for", "in", "at", "of"])?;
        Some(dedup(g.iter().map(|&a| s.actors[a].id.clone())))
    }

    pub(super) fn is_report_word(&self, w: &str) -> bool {
        matches!(w, "said" | "says" | "told" | "stated" | "announced" | "reported" | "claimed" | "added")
    }

    /// The nearest coordinated actor group starting at or after token `i`.
    pub(super) fn group_right(&self, s: &Sentence, i: usize, max_gap: usize) -> Option<Vec<usize>> {
        let mut gap = 0;
        for j in i..s.end {
            if let Some(a) = s.owner(j) {
                if s.actors[a].acts {
                    return Some(self.expand_group(s, self.head_of(s, a)));
                }
            }
            if s.is_boundary(j) || matches!(s.w(j), "." | "that" | "which" | "who") {
                return None;
            }
            gap += 1;
            if gap > max_gap {
                return None;
            }
        }
        None
    }

    /// "Haftar's LNA", "Libya's GNA": the possessed actor is the head.
    /// "the foreign ministers of Egypt and Mali", "officials of the UN": a
    /// generic noun of a named actor stands for that actor.
    pub(super) fn head_of(&self, s: &Sentence, a: usize) -> usize {
        let after = s.actors[a].last + 1;
        if self.kb.get(&s.actors[a].id).is_none() && after + 1 < s.end && s.w(after) == "of" {
            let mut k = after + 1;
            while k < s.end && is_determiner(s.w(k)) {
                k += 1;
            }
            if let Some(b) = (k < s.end).then(|| s.owner(k)).flatten() {
                if s.actors[b].acts && b != a && self.kb.get(&s.actors[b].id).is_some() {
                    return b;
                }
            }
        }
        if after + 1 < s.end && matches!(s.w(after), "'s" | "\u{2019}s") {
            if let Some(b) = s.owner(after + 1) {
                if s.actors[b].acts && b != a {
                    return b;
                }
            }
        }
        a
    }

    /// An actor with the actors coordinated with it ("France, Italy and
    /// Greece"). Commas join a list only when an "and"/"or" closes it, so
    /// "According to X, the army ..." stays two groups.
    pub(super) fn expand_group(&self, s: &Sentence, a: usize) -> Vec<usize> {
        let is_actor = |x: usize| s.actors[x].acts;
        // Walk left to the start of the chain, then right along it,
        // recording whether each join has a conjunction.
        // (An adverb or a verb is no modifier of a name: "spoke with X and
        // formally invited Y" joins two clauses, not two names.)
        let lx = &self.kb.lexicon;
        let is_verb = |w: &str| lx.forms(w).iter().any(|f| lx.triggers[f.trigger as usize].pos == Pos::Verb && f.form != Form::Base);
        let modifier = |j: usize| {
            let w = s.w(j);
            s.owner(j).is_none() && w.len() > 3 && w.chars().all(|c| c.is_ascii_lowercase()) && !w.ends_with("ly") && !is_verb(w)
        };
        let join_before = |x: usize| -> Option<(usize, bool)> {
            let walk = |mut k: usize| {
                let mut conj = false;
                while k > s.first && matches!(s.w(k - 1), "," | "and" | "or" | "&" | "the") {
                    conj |= matches!(s.w(k - 1), "and" | "or" | "&");
                    k -= 1;
                }
                (k, conj)
            };
            let (mut k, mut conj) = walk(s.actors[x].first);
            // "X and the rebel Y": past a modifier or two, when a conjunction precedes them.
            let mut m = s.actors[x].first;
            while m > s.first && m + 2 > s.actors[x].first && modifier(m - 1) {
                m -= 1;
            }
            if m < s.actors[x].first {
                let (k2, conj2) = walk(m);
                if conj2 && k2 < m {
                    (k, conj) = (k2, conj2);
                }
            }
            if k == s.actors[x].first || k == s.first {
                return None;
            }
            s.owner(k - 1).filter(|&b| is_actor(b) && b != x).map(|b| (b, conj))
        };
        let join_after = |x: usize| -> Option<(usize, bool)> {
            let next = s.actors[x].last + 1;
            let mut k = next;
            let mut conj = false;
            while k < s.end && matches!(s.w(k), "," | "and" | "or" | "&" | "the" | "as" | "well") {
                conj |= matches!(s.w(k), "and" | "or" | "&" | "well");
                k += 1;
            }
            // "X and the paramilitary Y", "X and the rival Y": a modifier
            // or two before the next name of the list.
            if conj {
                let mut m = k;
                while m < k + 2 && m < s.end && modifier(m) {
                    m += 1;
                }
                if m > k && m < s.end && s.owner(m).is_some() {
                    k = m;
                }
            }
            if k == next || k >= s.end {
                return None;
            }
            s.owner(k).filter(|&b| is_actor(b) && b != x).map(|b| (b, conj))
        };
        let mut start = a;
        let mut guard = 0;
        while let Some((b, _)) = join_before(start) {
            start = b;
            guard += 1;
            if guard > 20 {
                break;
            }
        }
        let mut chain = vec![(start, false)];
        let mut cur = start;
        while let Some((b, conj)) = join_after(cur) {
            if chain.iter().any(|(x, _)| *x == b) || chain.len() > 20 {
                break;
            }
            chain.push((b, conj));
            cur = b;
        }
        // Cut after the last conjunction; the member `a` must survive.
        let last_conj = chain.iter().rposition(|(_, c)| *c).unwrap_or(0);
        let chain: Vec<usize> = chain[..=last_conj].iter().map(|(x, _)| *x).collect();
        if chain.contains(&a) {
            chain
        } else {
            vec![a]
        }
    }

    /// The word right before the trigger that stands for the subject
    /// ("he", "it", "the army"), if the subject slot holds one.
    pub(super) fn subject_word(&self, s: &Sentence, h: &Hit) -> Option<String> {
        let from = h.first.saturating_sub(4).max(s.first);
        // Words inside a name ("the Turkish armed forces") are that name's,
        // not a bare descriptor standing for someone else.
        (from..h.first).rev().filter(|&i| s.owner(i).is_none()).map(|i| s.w(i)).find(|w| PRONOUNS.contains(w) || DESCRIPTOR_NOUNS.contains(w)).map(str::to_string)
    }

    pub(super) fn is_passive(&self, s: &Sentence, h: &Hit) -> bool {
        let from = h.first.saturating_sub(3).max(s.first);
        // ("Islamic State (IS) seized": a bracketed abbreviation is no auxiliary.)
        let aux = (from..h.first).any(|i| BE.contains(&s.w(i)) && !(i > s.first && s.w(i - 1) == "("));
        let by = h.last + 1 < s.end && s.w(h.last + 1) == "by";
        // A sentence-initial participle ("Supported by X, ..."), or a reduced
        // relative ("drones provided by Turkey").
        let initial = h.first == s.first && by;
        let reduced = by && h.last + 2 < s.end && (s.owner(h.last + 2).is_some() || (is_determiner(s.w(h.last + 2)) && h.last + 3 < s.end && s.owner(h.last + 3).is_some()));
        if reduced {
            return true;
        }
        aux || initial || self.coordinated_with_passive(s, h) || (by && s.owner(h.last + 2.min(s.end - h.last - 1)).is_some() && h.first > s.first && s.w(h.first - 1) == ",")
    }

    /// "12 were killed and 40 wounded": a participle coordinated with a
    /// passive one (a figure between them aside) is passive too.
    fn coordinated_with_passive(&self, s: &Sentence, h: &Hit) -> bool {
        let mut k = h.first;
        while k > s.first && s.w(k - 1).chars().all(|c| c.is_ascii_digit() || c == ',') && !s.w(k - 1).is_empty() && s.w(k - 1) != "," {
            k -= 1;
        }
        if k < s.first + 2 || s.w(k - 1) != "and" {
            return false;
        }
        let prev = k - 2;
        let participle = s.w(prev).ends_with("ed") || s.w(prev).ends_with("en");
        participle && (prev.saturating_sub(3).max(s.first)..prev).any(|i| BE.contains(&s.w(i)))
    }

    pub(super) fn by_phrase(&self, s: &Sentence, from: usize) -> Option<Vec<usize>> {
        // Up to ten words: "the financing of the captured system was done by X".
        let to = (from + 10).min(s.end);
        let by = (from..to).find(|&i| s.w(i) == "by" && s.owner(i).is_none())?;
        if (from..by).any(|i| s.is_boundary(i)) {
            return None;
        }
        self.group_right(s, by + 1, 4)
    }

    /// The direct object: the first mention after the trigger, before any
    /// preposition that takes its own role, a clause break, or another verb.
    pub(super) fn object(&self, s: &Sentence, from: usize) -> Option<Vec<usize>> {
        let mut gap = 0;
        let mut skip_to = from;
        for j in from..s.end {
            if j < skip_to {
                continue;
            }
            if let Some(a) = s.owner(j) {
                // "the UN-recognized government": a name in a hyphenated
                // modifier is not the head of the phrase; read on past it.
                if self.hyphen_modifier(s, a) {
                    skip_to = s.actors[a].last + 3;
                    continue;
                }
                // Equipment is what is hit, not who: its owner is unknown here.
                if s.actors[a].acts || s.actors[a].kind == EntityType::Place {
                    return Some(self.expand_group(s, self.head_of(s, a)));
                }
            }
            let w = s.w(j);
            if s.is_boundary(j) || matches!(w, "." | "," | "that" | "which" | "who" | "by" | "to" | "from" | "with" | "against" | "on" | "in" | "at" | "after" | "before" | "as" | "while" | "when" | "because" | "if" | "since" | "and" | "near") {
                return None;
            }
            gap += 1;
            if gap > 6 {
                return None;
            }
        }
        None
    }

    /// A mention glued to a participle by a hyphen ("UN-recognized",
    /// "Turkish-backed"): a modifier of the noun after it.
    pub(super) fn hyphen_modifier(&self, s: &Sentence, a: usize) -> bool {
        let after = s.actors[a].last + 1;
        after + 1 < s.end && s.w(after) == "-" && s.owner(after + 1).is_none()
    }

    /// The mention after preposition `prep` following the trigger.
    pub(super) fn prep_object(&self, s: &Sentence, from: usize, prep: &str) -> Option<Vec<usize>> {
        let to = (from + 10).min(s.end);
        for i in from..to {
            // "closing in on X, thanks to support from Y": past a comma the
            // preposition belongs to another phrase.
            if s.is_boundary(i) || (i > from && matches!(s.w(i), "." | "," | "that" | "which" | "who")) {
                return None;
            }
            if s.phrase_at(i, prep) && s.owner(i).is_none() {
                let after = i + prep.split(' ').count();
                // "to send troops": an infinitive, not a recipient.
                if prep == "to" && after < s.end && s.owner(after).is_none() && !is_determiner(s.w(after)) && !self.is_name_word(s, after) {
                    return None;
                }
                return self.group_right(s, after, 4).or_else(|| {
                    // A place object is fine too.
                    (after..(after + 4).min(s.end)).find_map(|j| s.owner(j)).map(|a| vec![a])
                });
            }
        }
        None
    }

    /// Whether a receive verb ("received", "obtained") stands right before a noun trigger.
    pub(super) fn after_receive_verb(&self, s: &Sentence, h: &Hit) -> bool {
        let receive = self.kb.lexicon.cue("aid_receive_verbs");
        (h.first.saturating_sub(4).max(s.first)..h.first).any(|i| receive.iter().any(|r| r == s.w(i)))
    }

    /// The partners of a symmetric event: the "with" group, else the object group.
    pub(super) fn partners(&self, s: &Sentence, h: &Hit) -> Vec<String> {
        let g = self.prep_object(s, h.last + 1, "with").or_else(|| self.object(s, h.last + 1)).unwrap_or_default();
        dedup(g.iter().filter(|&&a| s.actors[a].acts).map(|&a| s.actors[a].id.clone()))
    }

    /// Whether the object after the trigger is a people noun ("captured 12 fighters").
    pub(super) fn people_object(&self, s: &Sentence, h: &Hit) -> bool {
        (h.last + 1..(h.last + 5).min(s.end)).any(|i| PEOPLE_NOUNS.contains(&s.w(i)))
    }
}
