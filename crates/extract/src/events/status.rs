//! Status: attribution, negation, refusal, denial, intention and
//! hypotheticals.

use super::*;

impl<'k> EventCoder<'k> {
    pub(super) fn is_attempt(&self, s: &Sentence, h: &Hit) -> bool {
        let from = h.first.saturating_sub(4).max(s.first);
        let words: Vec<&str> = (from..h.first).map(|i| s.w(i)).collect();
        let joined = words.join(" ");
        let cues = self.kb.lexicon.cue("attempt");
        cues.iter().any(|c| joined.ends_with(c.as_str()) || joined.contains(&format!("{c} ")))
            || words.windows(2).any(|w| matches!(w[0], "operation" | "operations" | "offensive" | "campaign" | "battle" | "fight" | "push" | "drive" | "bid" | "effort" | "efforts") && matches!(w[1], "of" | "to" | "for"))
    }

    /// "are expected to hold a meeting", "is due to visit": scheduled, not promised.
    pub(super) fn scheduled(&self, s: &Sentence, h: &Hit) -> bool {
        (h.first.saturating_sub(6).max(s.first)..h.first).any(|i| matches!(s.w(i), "expected" | "due" | "scheduled" | "slated" | "set"))
    }

    /// Whether a condition ("if", "unless") follows the trigger in its sentence.
    pub(super) fn condition_after(&self, s: &Sentence, h: &Hit) -> bool {
        (h.last + 1..s.end).any(|i| matches!(s.w(i), "if" | "unless"))
    }

    /// An intention reported as fact is itself an event (ontology.md): a
    /// plan to attack is a THREAT, a plan to help, meet or concede is an
    /// AGREEment; the planned act is kept as the plan.
    pub(super) fn recode_intention(&self, ev: &mut Event, attributed: bool) {
        let new_kind = match ev.kind.as_str() {
            "ASSAULT" | "COERCE" | "SANCTION" | "PROTEST" => "THREATEN",
            // Announcing a withdrawal or a release to come is a concession
            // with no material effect yet (ontology.md).
            "RETREAT" | "CONCEDE" => "CONCEDE",
            "AID" | "SUPPORT" | "COOPERATE" | "CONSULT" => "AGREE",
            _ => return,
        };
        ev.plan = Some(Plan { kind: ev.kind.clone(), mode: ev.mode.clone() });
        ev.mode = match ev.kind.as_str() {
            "ASSAULT" => Some("violence".into()),
            "SANCTION" => Some("relations".into()),
            "COERCE" => Some("restrict".into()),
            "PROTEST" => Some("restrict".into()),
            _ => None,
        };
        ev.kind = new_kind.into();
        ev.control = None;
        ev.status = if attributed { Status::Claimed } else { Status::Asserted };
    }

    /// "will not accept", "would not meet", "refused to withdraw", "failed to
    /// reach": a refusal of the act rather than its absence.
    pub(super) fn is_refusal(&self, s: &Sentence, before: &[Hit], h: &Hit) -> bool {
        let from = h.first.saturating_sub(4).max(s.first);
        let words: Vec<&str> = (from..h.first).map(|i| s.w(i)).collect();
        let modal_not = words.windows(2).any(|w| matches!(w[0], "will" | "would" | "can" | "could" | "shall") && matches!(w[1], "not" | "never"))
            || words.iter().any(|w| matches!(*w, "won't" | "wouldn't" | "can't" | "cannot"));
        let refuse_verb = words.iter().any(|w| {
            ["refuse", "decline", "fail", "reject", "rule out", "oppose"].iter().any(|r| sitrep_kb::lexicon::verb_forms_cached(r).iter().any(|(_, f)| f == w))
        }) && !before.iter().any(|p| p.last + 1 == h.first - 1 && p.last >= from);
        modal_not || refuse_verb
    }

    pub(super) fn is_negated(&self, s: &Sentence, h: &Hit) -> bool {
        let from = h.first.saturating_sub(3).max(s.first);
        (from..h.first).any(|i| self.cues.negation.iter().any(|n| n == s.w(i)) || s.w(i).ends_with("n't"))
    }

    /// The complement-taking trigger this one depends on ("vowed to <h>").
    pub(super) fn complement_parent(&self, s: &Sentence, before: &[Hit], h: &Hit) -> Option<usize> {
        // The nearest complement-taking trigger among the two before it
        // ("threatened to launch an airstrike": past the light verb).
        for (pi, p) in before.iter().enumerate().rev().take(2) {
            let pt = &self.kb.lexicon.triggers[p.trigger as usize];
            if pt.complement.is_none() {
                continue;
            }
            // Close enough and joined by "to" / "that" without a clause break.
            let gap = h.first.saturating_sub(p.last);
            let joined = (p.last + 1..h.first).any(|i| matches!(s.w(i), "to" | "that"));
            return (gap <= 8 && joined && !(p.last + 1..h.first).any(|i| s.is_boundary(i))).then_some(pi);
        }
        None
    }

    /// Who a sentence attributes its content to: "X said", "according to X".
    pub(super) fn attribution(&self, s: &Sentence, hits: &[Hit]) -> Option<(Vec<String>, usize)> {
        let according = self.according_to(s);
        if according.as_ref().is_some_and(|(who, _)| !who.is_empty()) {
            return according;
        }
        // "According to state television, the spokesman said that ...": the
        // press relays; the speaker it quotes makes the claim.
        match self.reporter(s, hits) {
            Some((who, at)) if !who.is_empty() || according.is_none() => Some((who, at)),
            _ => according,
        }
    }

    /// "according to X", "citing X": X (possibly nobody the KB knows) and
    /// where the phrase starts.
    fn according_to(&self, s: &Sentence) -> Option<(Vec<String>, usize)> {
        for i in s.first..s.end {
            if let Some(p) = self.cues.according_to.iter().find(|p| s.phrase_at(i, p)) {
                let after = i + p.split(' ').count();
                // The phrase ends at its comma: "According to state
                // television, the army ..." names no claimant.
                let end = (after..s.end).find(|&k| s.w(k) == ",").unwrap_or(s.end);
                let group = self.group_right(s, after, 4).filter(|g| g.iter().all(|&a| s.actors[a].first < end));
                return Some((group.map(|g| g.iter().map(|&a| s.actors[a].id.clone()).collect()).unwrap_or_default(), i));
            }
        }
        None
    }

    /// The speaker of a report verb ("X said", "said X", "issued a statement
    /// saying"), or of a hedge ("reportedly"), and where it is.
    fn reporter(&self, s: &Sentence, hits: &[Hit]) -> Option<(Vec<String>, usize)> {
        let mut unnamed = None;
        for i in s.first..s.end {
            let w = s.w(i);
            // "issued a statement saying ...", "..., adding that ...": a
            // participle of a report verb after a noun or a comma reports
            // for the clause's subject.
            let participle = i > s.first && matches!(w, "saying" | "adding" | "stating" | "announcing" | "warning" | "claiming" | "insisting" | "stressing")
                && (s.w(i - 1) == "," || matches!(s.w(i - 1), "statement" | "communique" | "communiqué" | "declaration" | "letter" | "message" | "release"));
            let is_report = self.cues.report_forms.contains(w) || matches!(w, "said" | "told" | "says") || participle;
            // (A word of a name is no verb: "the United States"; nor is one
            // after a determiner: "the post of commander", "the report".)
            // (Nor is a word that modifies the press: "state television".)
            let modifies_press = || i + 1 < s.end && self.kb.lexicon.cue("press_nouns").iter().any(|p| s.phrase_at(i + 1, p));
            if !is_report || modifies_press() || hits.iter().any(|h| h.first == i) || s.owner(i).is_some() || (i > s.first && is_determiner(s.w(i - 1))) {
                continue;
            }
            // "X is said to have ...": a passive report names no claimant
            // (X is the agent of what is reported).
            if i > s.first && BE.contains(&s.w(i - 1)) && i + 1 < s.end && s.w(i + 1) == "to" {
                let by = self.by_phrase(s, i + 1);
                return Some((by.map(|g| g.iter().map(|&a| s.actors[a].id.clone()).collect()).unwrap_or_default(), i));
            }
            // "X said" / "said X" / "X, the spokesman, said"; but in "the
            // rebels are targets, the army said" the actor before the lone
            // comma is in the reported clause, not the speaker.
            let left = self.group_left(s, i, 6, &[]).filter(|g| {
                let end = g.iter().map(|&a| s.actors[a].last).max().unwrap_or(i);
                let commas = (end + 1..i).filter(|&k| s.w(k) == ",").count();
                commas % 2 == 0 || s.w(i - 1) == ","
            });
            let right = if i + 1 < s.end { self.group_right(s, i + 1, 3) } else { None };
            let who: Vec<String> = left.or(right).map(|g| g.iter().map(|&a| s.actors[a].id.clone()).collect()).unwrap_or_default();
            // "television reported that the spokesman said ...": a report
            // verb with no speaker gives way to a later one with a speaker.
            if !who.is_empty() {
                return Some((who, i));
            }
            unnamed.get_or_insert((who, i));
        }
        if unnamed.is_some() {
            return unnamed;
        }
        if s.words.iter().any(|w| matches!(w.as_str(), "reportedly" | "allegedly" | "purportedly")) {
            return Some((vec![], s.first));
        }
        None
    }

    /// "would not negotiate until it surrendered", "will fight on till the
    /// city falls": an act in an "until" clause of a refusal or a promise is
    /// a condition, not something that happened. (`before`: the clause's
    /// words up to the trigger.)
    fn awaited_condition(&self, before: &[&str]) -> bool {
        let Some(until) = before.iter().rposition(|w| matches!(*w, "until" | "till" | "untill")) else { return false };
        before[..until].iter().any(|w| matches!(*w, "would" | "will" | "wo" | "shall") || self.cues.negation.iter().any(|n| n == w))
    }

    /// Whether the attribution starting at token `at` ("according to
    /// Algerian state television, ...") names the press: a press noun before
    /// the phrase's end.
    fn names_the_press(&self, s: &Sentence, at: usize) -> bool {
        let press = self.kb.lexicon.cue("press_nouns");
        (at..(at + 8).min(s.end)).take_while(|&k| k == at || !s.is_boundary(k) && s.w(k) != ",").any(|k| press.iter().any(|p| s.phrase_at(k, p)))
    }

    /// "(that) targeting X will create a crisis", "Attacking civilians would
    /// be a crime": a gerund phrase opening its clause as the subject of a
    /// modal names an act in general, no act that happened.
    pub(super) fn gerund_subject(&self, s: &Sentence, h: &Hit) -> bool {
        if h.form != Form::Gerund || h.nominal {
            return false;
        }
        let opens = h.first == s.first || matches!(s.w(h.first - 1), "that" | "\"" | "\u{201c}") || s.is_boundary(h.first - 1);
        opens && (h.last + 1..(h.last + 8).min(s.end))
            .take_while(|&i| !s.is_boundary(i) && s.w(i) != ",")
            .any(|i| matches!(s.w(i), "will" | "would" | "could" | "can" | "may" | "might" | "must"))
    }

    pub(super) fn status(&self, s: &Sentence, h: &Hit, attribution: &Option<(Vec<String>, usize)>) -> (Status, Vec<String>) {
        let clause_start = (s.first..h.first).rev().find(|&i| s.is_boundary(i)).map_or(s.first, |i| i + 1);
        let before: Vec<&str> = (clause_start..h.first).map(|i| s.w(i)).collect();
        let joined = before.join(" ");
        let has = |list: &[String]| {
            list.iter().any(|c| {
                let c = c.as_str();
                before.contains(&c) || (c.contains(' ') && joined.contains(c))
            })
        };
        let deny_near = (h.first.saturating_sub(6).max(s.first)..h.first).any(|i| self.cues.deny_forms.contains(s.w(i)));
        let who = attribution.as_ref().map(|(w, _)| w.clone()).unwrap_or_default();
        if deny_near {
            return (Status::Denied, who);
        }
        let near: Vec<&str> = (h.first.saturating_sub(5).max(clause_start)..h.first).map(|i| s.w(i)).collect();
        let near_joined = near.join(" ");
        let near_has = |list: &[String]| list.iter().any(|c| near.contains(&c.as_str()) || (c.contains(' ') && near_joined.contains(c.as_str())));
        // In reported speech "would" is the future of the past: "X said it
        // would withdraw" is an intention, as "will" is.
        let reported = attribution.as_ref().map_or(false, |(_, at)| *at < h.first);
        let modal_future = near.iter().any(|w| matches!(*w, "would" | "will" | "'ll" | "shall"));
        if has(&["if".to_string(), "unless".to_string()]) || self.awaited_condition(&before) {
            return (Status::Hypothetical, who);
        }
        if near_has(&self.cues.intend) || (reported && modal_future) {
            return (Status::Intended, who);
        }
        if near_has(&self.cues.hypothetical) {
            return (Status::Hypothetical, who);
        }
        match attribution {
            // A news outlet relaying the report is the press, not a party
            // to the events: what it reports stands as reported fact.
            Some((w, _)) if !w.is_empty() && w.iter().all(|id| self.kb.get(id).map_or(false, |r| r.kind == EntityType::Media)) => (Status::Asserted, vec![]),
            // So is an outlet the KB does not know ("according to Algerian
            // state television").
            Some((w, at)) if w.is_empty() && self.names_the_press(s, *at) => (Status::Asserted, vec![]),
            Some((w, at)) if *at != h.first => (Status::Claimed, w.clone()),
            _ => (Status::Asserted, vec![]),
        }
    }
}

/// Recodes a refused act as REJECT with the mode of what was refused;
/// false when the act is not one that can be refused (an attack not made).
pub(super) fn reject_as(ev: &mut Event) -> bool {
    let mode = match ev.kind.as_str() {
        "CONSULT" => "meet",
        "AID" | "COOPERATE" => "assist",
        "AGREE" | "SUPPORT" | "REQUEST" => "change",
        "RETREAT" | "CONCEDE" => "yield",
        _ => return false,
    };
    ev.plan = Some(Plan { kind: ev.kind.clone(), mode: ev.mode.clone() });
    ev.kind = "REJECT".into();
    ev.mode = Some(mode.into());
    ev.control = None;
    ev.status = Status::Asserted;
    true
}
