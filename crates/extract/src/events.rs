//! Event coding: triggers from the lexicon, roles from the clause, status
//! from cues, place, date and figures. Grammar only; all vocabulary comes
//! from `data/lexicon` through the KB.
//!
//! The coder works on one sentence at a time with a light clause model
//! instead of a parser: a clause is the stretch of tokens between
//! separators (`;`, `:`, sentence ends, and commas followed by a
//! subordinator), and roles are the nearest actor mentions in the
//! directions the trigger's grammar says (subject to the left, object or
//! prepositional object to the right, `by` for passives).

use crate::link::{RawMention, Tokens};
use sitrep_kb::lexicon::{Form, Pos, Trigger};
use sitrep_kb::Kb;
use sitrep_model::{
    Plan, Control, Count, DateFrom, Document, EntityType, Event, EventPlace, OtherCount, Size,
    Span, Status,
};
use sitrep_text::dates::{find_dates, DateMention};
use std::collections::HashMap;

/// Types that report statements rather than physical acts.
const VERBAL: &[&str] = &["AGREE", "SUPPORT", "REQUEST", "ACCUSE", "REJECT", "THREATEN", "CONCEDE", "SANCTION"];
/// Types of physical acts, which happen somewhere even when the sentence
/// does not repeat where.
const PHYSICAL: &[&str] = &["ASSAULT", "COERCE", "MOBILIZE", "RETREAT", "AID", "PROTEST"];

/// A mention as the event coder sees it.
#[derive(Debug, Clone)]
pub struct Actor {
    pub span: Span,
    pub id: String,
    pub kind: EntityType,
    /// Whether it can be a source or target (named actors and sector nouns).
    pub acts: bool,
    /// Token range [first, last] of the mention.
    pub first: usize,
    pub last: usize,
}

const BE: &[&str] = &["is", "are", "was", "were", "be", "been", "being", "got", "get", "gets", "getting"];
const PRONOUNS: &[&str] = &["he", "she", "it", "they", "we", "his", "her", "its", "their"];
const DESCRIPTOR_NOUNS: &[&str] = &["army", "group", "forces", "troops", "militia", "government", "movement", "ministry", "force", "fighters", "rebels", "militants", "military"];
const PEOPLE_NOUNS: &[&str] = &["fighters", "soldiers", "prisoners", "militants", "troops", "officers", "civilians", "hostages", "mercenaries", "members", "people", "men", "detainees", "captives"];

fn word_list(kb: &Kb, key: &str, fallback: &[&str]) -> Vec<String> {
    let l = kb.lexicon.cue(key);
    if l.is_empty() {
        fallback.iter().map(|s| s.to_string()).collect()
    } else {
        l.to_vec()
    }
}

/// Cue lists, resolved once per extractor.
pub struct Cues {
    /// Every non-gerund form of the report verbs, and every form of the deny verbs.
    report_forms: std::collections::HashSet<String>,
    deny_forms: std::collections::HashSet<String>,
    /// Every form of the first word of each light verb.
    light_forms: std::collections::HashSet<String>,
    report: Vec<String>,
    according_to: Vec<String>,
    intend: Vec<String>,
    hypothetical: Vec<String>,
    negation: Vec<String>,
    deny: Vec<String>,
    dead: Vec<String>,
    injured: Vec<String>,
    displaced: Vec<String>,
    captured: Vec<String>,
    light: Vec<String>,
}

impl Cues {
    pub fn new(kb: &Kb) -> Self {
        let mut c = Cues {
            report_forms: Default::default(),
            deny_forms: Default::default(),
            light_forms: Default::default(),
            report: word_list(kb, "report", &["say", "tell", "announce", "state", "claim", "report", "add", "confirm", "declare", "insist", "stress", "emphasize", "emphasise"]),
            according_to: word_list(kb, "according_to", &["according to", "citing", "quoted by"]),
            intend: word_list(kb, "intend", &["will", "plan to", "plans to", "intend to", "intends to", "aim to", "aims to", "vowed to", "set to"]),
            hypothetical: word_list(kb, "hypothetical", &["might", "could", "may", "would", "if"]),
            negation: word_list(kb, "negation", &["not", "never", "n't", "no"]),
            deny: word_list(kb, "deny", &["deny", "denied", "denies"]),
            dead: word_list(kb, "dead", &["killed", "dead", "died", "deaths", "fatalities"]),
            injured: word_list(kb, "injured", &["wounded", "injured", "hurt"]),
            displaced: word_list(kb, "displaced", &["displaced", "fled", "refugees", "homeless"]),
            captured: word_list(kb, "captured", &["captured", "taken prisoner", "detained"]),
            light: word_list(kb, "light_verbs", &["launch", "carry out", "conduct", "stage", "mount", "wage", "hold", "make", "begin", "start", "resume", "continue"]),
        };
        c.report_forms = c.report.iter().flat_map(|r| sitrep_kb::lexicon::verb_forms(r)).filter(|(f, _)| *f != Form::Gerund).map(|(_, v)| v).collect();
        c.deny_forms = c.deny.iter().flat_map(|d| sitrep_kb::lexicon::verb_forms(d)).map(|(_, v)| v).collect();
        c.light_forms = c.light.iter().flat_map(|l| sitrep_kb::lexicon::verb_forms(l.split(' ').next().unwrap_or(""))).map(|(_, v)| v).collect();
        c
    }
}

/// Lower-case words of a sentence plus where each actor sits.
struct Sentence<'a> {
    text: &'a str,
    /// Token index range of the sentence.
    first: usize,
    end: usize,
    words: Vec<String>,
    /// Byte span of each token of the sentence.
    spans: Vec<Span>,
    /// For each token of the sentence: the actor/place mention covering it.
    owner: Vec<Option<usize>>,
    actors: Vec<Actor>,
}

impl<'a> Sentence<'a> {
    fn w(&self, i: usize) -> &str {
        &self.words[i - self.first]
    }
    fn owner(&self, i: usize) -> Option<usize> {
        self.owner[i - self.first]
    }
    /// Whether the words starting at token `i` spell `phrase`.
    fn phrase_at(&self, i: usize, phrase: &str) -> bool {
        phrase.split(' ').enumerate().all(|(k, p)| i + k < self.end && self.w(i + k) == p)
    }
    /// A clause boundary at token `i` (exclusive of the token itself).
    fn is_boundary(&self, i: usize) -> bool {
        matches!(self.w(i), ";" | ":" | "\u{2014}")
    }
}

/// One trigger occurrence.
#[derive(Debug, Clone)]
struct Hit {
    trigger: u32,
    first: usize,
    last: usize,
    form: Form,
    /// A noun trigger this verb absorbed ("approved an agreement ... with
    /// X"): where to look for a target the verb's own frame lacks.
    absorbed: Option<(u32, usize)>,
    /// A noun trigger whose light verb was dropped ("launched an offensive").
    after_light: bool,
    /// A verb form used as a noun ("the killing of", "shelling of").
    nominal: bool,
}

/// Codes every event of a document.
pub struct EventCoder<'k> {
    pub kb: &'k Kb,
    pub cues: &'k Cues,
}

impl<'k> EventCoder<'k> {
    pub fn code(&self, doc: &Document, toks: &Tokens, mentions: &[RawMention], ids: &[String], kinds: &[(EntityType, bool)], places: &HashMap<String, EventPlace>) -> Vec<Event> {
        let mut events = Vec::new();
        let mut memory = Memory::default();
        let mut sent_places: Vec<Vec<String>> = Vec::new();
        for (si, sspan) in doc.sentences.iter().enumerate() {
            let first = toks.sent_start[si];
            let end = toks.sent_start.get(si + 1).copied().unwrap_or(toks.toks.len());
            let words: Vec<String> = (first..end).map(|i| toks.toks[i].text(&doc.text).to_lowercase()).collect();
            let mut owner = vec![None; end - first];
            let mut actors = Vec::new();
            for (mi, m) in mentions.iter().enumerate() {
                if !sspan.contains(m.span) {
                    continue;
                }
                let a_first = toks.from(m.span.start);
                let mut a_last = a_first;
                while a_last + 1 < end && toks.toks[a_last + 1].span.end <= m.span.end {
                    a_last += 1;
                }
                if a_first >= end {
                    continue;
                }
                let ai = actors.len();
                for t in a_first..=a_last {
                    owner[t - first] = Some(ai);
                }
                actors.push(Actor { span: m.span, id: ids[mi].clone(), kind: kinds[mi].0, acts: kinds[mi].1, first: a_first, last: a_last });
            }
            let spans: Vec<Span> = (first..end).map(|i| toks.toks[i].span).collect();
            let s = Sentence { text: &doc.text, first, end, words, spans, owner, actors };
            let dates = find_dates(&doc.text[sspan.start..sspan.end], doc.published)
                .into_iter()
                .map(|mut d| {
                    d.start += sspan.start;
                    d.end += sspan.start;
                    d
                })
                .collect::<Vec<_>>();
            sent_places.push(
                s.actors.iter().filter(|a| a.kind == EntityType::Place && places.contains_key(&a.id)).map(|a| a.id.clone()).collect::<Vec<_>>(),
            );
            let sent_events = self.code_sentence(doc, toks, &s, *sspan, &dates, places, &mut memory);
            for mut e in sent_events {
                e.id = format!("{}-e{}", doc.id, events.len() + 1);
                events.push(e);
            }
            memory.remember(&s);
        }
        let in_doc: std::collections::HashSet<String> = ids.iter().map(|i| self.side(i)).chain(ids.iter().cloned()).collect();
        self.infer_counterparts(&mut events, &in_doc);
        self.settle_locations(doc, &mut events, &sent_places, mentions, ids, places);
        events
    }

    /// Where the sentence names no place for an event: a deployment or a
    /// visit happens in the country it goes to; a physical act happens where
    /// the story last was (this sentence or the two before), else in the
    /// country the article is about.
    fn settle_locations(&self, doc: &Document, events: &mut [Event], sent_places: &[Vec<String>], mentions: &[RawMention], ids: &[String], places: &HashMap<String, EventPlace>) {
        // The country the story happens in: that of its towns and bases,
        // else the country it names most.
        let mut by_place: HashMap<String, usize> = HashMap::new();
        let mut by_name: HashMap<String, usize> = HashMap::new();
        for (m, id) in mentions.iter().zip(ids) {
            let _ = m;
            let Some(p) = places.get(id) else { continue };
            let is_country = self.kb.get(id).map_or(false, |r| r.kind == EntityType::Country);
            if is_country {
                *by_name.entry(id.clone()).or_default() += 1;
            } else if let Some(c) = p.country.as_deref().and_then(|c| self.kb.country(c)) {
                *by_place.entry(self.kb.entity(c).id.clone()).or_default() += 1;
            }
        }
        let top = |m: HashMap<String, usize>| m.into_iter().max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0))).map(|(id, _)| id);
        let home = top(by_place).or_else(|| top(by_name)).filter(|id| places.contains_key(id));
        for e in events.iter_mut().filter(|e| e.location.is_none()) {
            let kind = e.kind.as_str();
            let goes_to = matches!(kind, "AID" | "MOBILIZE") || (kind == "CONSULT" && e.mode.as_deref() == Some("visit"));
            if goes_to {
                if let Some(t) = e.target.iter().find(|t| self.kb.get(t).map_or(false, |r| r.kind == EntityType::Country) && places.contains_key(*t)) {
                    e.location = places.get(t).cloned();
                    continue;
                }
            }
            if !PHYSICAL.contains(&kind) {
                continue;
            }
            let si = doc.sentences.partition_point(|sp| sp.start < e.span.start).min(sent_places.len().saturating_sub(1));
            let recent = (si.saturating_sub(2)..=si).rev().find_map(|k| sent_places.get(k).and_then(|v| v.last().cloned()));
            e.location = recent.or_else(|| home.clone()).and_then(|id| places.get(&id).cloned());
        }
    }

    /// The side an actor fights or speaks for: a person's force or
    /// government (KB `part_of`), else the actor itself.
    pub fn side(&self, id: &str) -> String {
        let Some(e) = self.kb.index_of(id) else { return id.to_string() };
        let r = self.kb.entity(e);
        if r.kind == EntityType::Person {
            for p in &r.part_of {
                if let Some(pe) = self.kb.resolve_ref(p) {
                    if matches!(self.kb.entity(pe).kind, EntityType::ArmedGroup | EntityType::Government) {
                        return self.kb.entity(pe).id.clone();
                    }
                }
            }
        }
        id.to_string()
    }

    /// Fills a missing target from the document's own account of who is
    /// fighting or helping whom: a hostile act by one side with no stated
    /// target is aimed at the side it is reported fighting elsewhere in the
    /// article; help with no stated recipient goes to the side it is
    /// reported helping. Inferred targets are marked in `target_inferred`.
    fn infer_counterparts(&self, events: &mut [Event], in_doc: &std::collections::HashSet<String>) {
        // Families: acts of force look for who the side fights; threats for
        // any hostility; help for who the side helps.
        fn family(kind: &str) -> Option<u8> {
            match kind {
                "ASSAULT" | "COERCE" => Some(0),
                "THREATEN" => Some(1),
                "AID" | "SUPPORT" => Some(2),
                _ => None,
            }
        }
        let mut pairs: HashMap<(u8, String), HashMap<String, usize>> = HashMap::new();
        let mut add = |fam: u8, a: &str, b: &str, n: usize| {
            *pairs.entry((fam, a.to_string())).or_default().entry(b.to_string()).or_default() += n;
        };
        for e in events.iter().filter(|e| e.target_inferred.is_none() && e.source != e.target) {
            let Some(fam) = family(&e.kind) else { continue };
            for src in &e.source {
                for tgt in &e.target {
                    let (a, b) = (self.side(src), self.side(tgt));
                    if a == b {
                        continue;
                    }
                    add(fam, &a, &b, 2);
                    if fam == 0 {
                        // Force implies hostility both ways, and threats.
                        add(0, &b, &a, 2);
                        add(1, &a, &b, 1);
                        add(1, &b, &a, 1);
                    } else if fam == 1 {
                        add(1, &b, &a, 2);
                    }
                }
            }
        }
        // The KB's knowledge of who fights whom counts once, for sides the
        // article names.
        for e in events.iter() {
            for src in &e.source {
                let side = self.side(src);
                if let Some(r) = self.kb.get(&side) {
                    for opp in r.opponents.iter().filter(|o| in_doc.contains(*o)) {
                        for fam in [0, 1] {
                            let entry = pairs.entry((fam, side.clone())).or_default();
                            entry.entry(opp.clone()).or_insert(1);
                        }
                    }
                }
            }
        }
        for e in events.iter_mut() {
            let open_control = e.control.as_ref().map_or(true, |c| c.lost_by.is_empty() && !c.gained_by.is_empty());
            if !e.target.is_empty() || e.source.is_empty() || !open_control {
                continue;
            }
            let Some(fam) = family(&e.kind) else { continue };
            let mut best: HashMap<String, usize> = HashMap::new();
            for src in &e.source {
                if let Some(m) = pairs.get(&(fam, self.side(src))) {
                    for (k, v) in m {
                        *best.entry(k.clone()).or_default() += v;
                    }
                }
            }
            let mut ranked: Vec<(String, usize)> = best.into_iter().collect();
            ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            // Only a clear counterpart: the top one strictly ahead.
            let clear = match ranked.as_slice() {
                [(_, _)] => true,
                [(_, a), (_, b), ..] => a > b,
                [] => false,
            };
            if clear {
                e.target = vec![ranked[0].0.clone()];
                if let Some(c) = &mut e.control {
                    c.lost_by = e.target.clone();
                }
                e.target_inferred = Some(true);
                e.confidence *= 0.8;
            }
        }
    }

    fn find_triggers(&self, s: &Sentence) -> Vec<Hit> {
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
                if t.pos == Pos::Adj && !self.adj_context(s, i) {
                    continue;
                }
                // "Turkish targets", "the attacks": a verb form after a
                // determiner or an adjective-like actor is a noun.
                // "the besieged town", "an occupying army", "armed men": a
                // participle used as an adjective is no report of the act.
                if t.pos == Pos::Verb && n == 0 && matches!(f.form, Form::Past | Form::Gerund) && i > s.first && i + 1 < s.end {
                    let prev = s.w(i - 1);
                    let next = s.w(i + 1);
                    let det = is_determiner(prev) || matches!(prev, "heavily" | "lightly" | "newly" | "recently" | "so-called");
                    let next_is_noun = next.chars().all(char::is_alphabetic) && !is_determiner(next)
                        && !matches!(next, "by" | "in" | "on" | "at" | "to" | "from" | "with" | "for" | "of" | "and" | "or" | "into" | "against" | "over" | "near")
                        && lx.forms(next).iter().all(|g| lx.triggers[g.trigger as usize].pos != Pos::Verb);
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
                    let adj_actor = s.owner(i - 1).is_some()
                        && s.owner(i).is_none()
                        && self.kb.alias_lookup(&sitrep_text::normalize::fold(&s.text[self.tok_span(s, i - 1).start..self.tok_span(s, i - 1).end]))
                            .iter()
                            .any(|r| r.kind == sitrep_kb::AliasKind::Demonym);
                    if det || (adj_actor && f.form == Form::Third) {
                        continue;
                    }
                }
                let nominal = t.pos == Pos::Verb && f.form == Form::Gerund && n == 0 && i + 1 < s.end && s.w(i + 1) == "of";
                let cand = Hit { trigger: f.trigger, first: i, last: i + n, form: f.form, absorbed: None, after_light: false, nominal };
                let better = match &best {
                    None => true,
                    Some(b) => (cand.last - cand.first, pos_rank(t.pos, cand.form)) > (b.last - b.first, pos_rank(lx.triggers[b.trigger as usize].pos, b.form)),
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

    fn is_name_word(&self, s: &Sentence, i: usize) -> bool {
        let raw = &s.text[self.tok_span(s, i).start..self.tok_span(s, i).end];
        let cap = raw.chars().next().map_or(false, char::is_uppercase);
        let all_caps = raw.chars().all(|c| !c.is_lowercase());
        cap && !all_caps && i != s.first && !matches!(s.w(i - 1), "\"" | "\u{201c}" | "'" | "(" | ":")
    }

    fn hyphenated(&self, s: &Sentence, first: usize, last: usize) -> bool {
        (first > s.first && s.w(first - 1) == "-") || (last + 1 < s.end && s.w(last + 1) == "-")
    }

    fn tok_span(&self, s: &Sentence, i: usize) -> Span {
        s.spans[i - s.first]
    }

    /// "-backed", "-funded": an adjective trigger needs an actor glued before it.
    fn adj_context(&self, s: &Sentence, i: usize) -> bool {
        i >= s.first + 2 && s.w(i - 1) == "-" && s.owner(i - 2).is_some()
            || i > s.first && s.owner(i - 1).is_some() && s.owner(i - 1) != s.owner(i)
            || i + 1 < s.end && s.w(i + 1) == "by"
    }

    #[allow(clippy::too_many_arguments)]
    fn code_sentence(&self, doc: &Document, toks: &Tokens, s: &Sentence, sspan: Span, dates: &[DateMention], places: &HashMap<String, EventPlace>, memory: &mut Memory) -> Vec<Event> {
        let hits = self.absorb(s, self.find_triggers(s));
        let attribution = self.attribution(s, &hits);
        let mut out: Vec<Event> = Vec::new();
        // Trigger index -> position of its event in `out`.
        let mut made: HashMap<usize, usize> = HashMap::new();
        for (hi, h) in hits.iter().enumerate() {
            let t = &self.kb.lexicon.triggers[h.trigger as usize];
            let refused = self.is_refusal(s, &hits[..hi], h);
            if self.is_negated(s, h) && !refused {
                continue;
            }
            let prior_subject = out.last().map(|e: &Event| e.source.clone());
            let Some(mut ev) = self.event_for(doc, s, sspan, h, t, memory, &attribution, prior_subject.as_deref()) else { continue };
            if refused {
                // Refusing to cooperate, meet or yield is itself an event, by
                // the refuser toward the one refused.
                if t.symmetric {
                    let partners = self.partners(s, h);
                    ev.source.retain(|x| !partners.contains(x));
                    ev.target = partners;
                }
                if !reject_as(&mut ev) {
                    continue;
                }
            }
            self.refine_mode(s, h, &mut ev);
            // Embedded under a complement verb ("vowed to strike", "promised
            // to send", "asked X to provide"): PLOVER codes the governing
            // verb, and the embedded act becomes its plan.
            if let Some(parent) = self.complement_parent(s, &hits[..hi], h) {
                let pt = &self.kb.lexicon.triggers[hits[parent].trigger as usize];
                // "denied attacking": the act is reported as denied; "refused
                // to recognize": the refusal is the event and the act its plan.
                let denial = pt.words.starts_with("deny") || pt.words.starts_with("den");
                if pt.complement.as_deref() == Some("deny") && (denial || !made.contains_key(&parent)) {
                    ev.status = Status::Denied;
                } else if let Some(&pe) = made.get(&parent) {
                    let p = &mut out[pe];
                    if p.target.is_empty() {
                        p.target = ev.target.clone();
                    }
                    if p.kind == "THREATEN" && ev.kind == "ASSAULT" {
                        p.mode = Some("violence".into());
                    }
                    p.plan = Some(Plan { kind: ev.kind.clone(), mode: ev.mode.clone() });
                    // A call to arms is itself a mobilisation (ontology.md).
                    if p.kind == "REQUEST" && ev.kind == "MOBILIZE" {
                        p.kind = "MOBILIZE".into();
                        p.mode = ev.mode.clone();
                        // Called to arms against someone: that is the target.
                        if !ev.target.is_empty() {
                            p.target = ev.target.clone();
                        }
                    }
                    continue;
                } else {
                    continue;
                }
            }
            // A conditional offer or threat ("will withdraw unless ...",
            // "would meet if ...", "may halt ... if ...") is an intention.
            if ev.status == Status::Hypothetical && self.condition_after(s, h) && !ev.source.is_empty() {
                ev.status = Status::Intended;
            }
            // An act someone promises or plans is an AGREE or a THREATEN; one
            // that is merely scheduled or expected keeps its type, intended.
            if ev.status == Status::Intended && !self.scheduled(s, h) {
                self.recode_intention(&mut ev, attribution.is_some());
            }
            self.recode_by_actor(&mut ev, s);
            // Ambiguous triggers need a source, the weakest ones and
            // hypotheticals a full frame (source and target or place).
            let full = !ev.source.is_empty() && (!ev.target.is_empty() || ev.control.is_some());
            let weight = t.weight.unwrap_or(1.0);
            if ((weight < 0.5 || ev.status == Status::Hypothetical) && !full) || (weight < 0.7 && ev.source.is_empty()) {
                continue;
            }
            self.place_and_date(doc, toks, s, h, &mut ev, dates, places);
            ev.size = self.size(s, h);
            ev.trigger_span = s_tok_span(toks, h.first);
            ev.trigger = doc.text[toks.toks[h.first].span.start..toks.toks[h.last].span.end].to_string();
            ev.cameo = Some(cameo_root(&ev.kind, ev.mode.as_deref()).to_string());
            let partners = if t.symmetric { self.partners(s, h) } else { vec![] };
            let pieces = if t.symmetric && partners.len() <= 1 { vec![ev] } else { split_coordinated(ev, &partners) };
            for ev in pieces {
                if !out.iter().any(|e| e.kind == ev.kind && e.source == ev.source && e.target == ev.target) {
                    made.entry(hi).or_insert(out.len());
                    out.push(ev);
                }
            }
        }
        self.obligations(doc, toks, s, sspan, dates, places, &attribution, &mut out);
        self.fold_speech_act_content(s, toks, &mut out);
        out
    }

    /// Readings that depend on who acts: armed forces "travelling to" or
    /// "arriving in" a country are deployed there, not visiting.
    fn recode_by_actor(&self, ev: &mut Event, s: &Sentence) {
        let military = |id: &String| {
            s.actors.iter().any(|a| &a.id == id && a.kind == EntityType::ArmedGroup)
                || self.kb.get(id).map_or(false, |r| r.sector.as_deref() == Some("MIL"))
                || id.contains("-mil-")
        };
        // Civilians blocking roads or throwing stones are protesting.
        let civilian = |id: &String| id.contains("-cvl-") || id.contains("-lab-") || id.contains("-edu-") || self.generic_sector(id).map_or(false, |c| matches!(c, "CVL" | "LAB" | "EDU"));
        if matches!(ev.kind.as_str(), "COERCE" | "ASSAULT") && !ev.source.is_empty() && ev.source.iter().all(civilian) {
            ev.mode = Some(if ev.kind == "COERCE" { "obstruct" } else { "riot" }.into());
            ev.kind = "PROTEST".into();
        }
        if ev.kind == "CONSULT" && ev.mode.as_deref() == Some("visit") && !ev.source.is_empty() && ev.source.iter().all(military) {
            ev.kind = "AID".into();
            ev.mode = Some("troops".into());
        }
    }

    /// Events named inside what a speech act is about ("accused X of
    /// violating ...", "rejected a demand to sever ...", "demanded the
    /// withdrawal of ...", "must hand over") are its content, not further
    /// reports: the first becomes the speech act's plan and the rest go.
    fn fold_speech_act_content(&self, s: &Sentence, toks: &Tokens, out: &mut Vec<Event>) {
        const SPEECH: &[&str] = &["ACCUSE", "REJECT", "REQUEST", "CONCEDE", "AGREE", "THREATEN", "SUPPORT"];
        let tok = |e: &Event| toks.from(e.trigger_span.start);
        let mut order: Vec<usize> = (0..out.len()).collect();
        order.sort_by_key(|&i| tok(&out[i]));
        let mut drop = vec![false; out.len()];
        for (k, &a) in order.iter().enumerate() {
            if drop[a] || !SPEECH.contains(&out[a].kind.as_str()) || out[a].source.is_empty() {
                continue;
            }
            let start = tok(&out[a]);
            for &b in &order[k + 1..] {
                let bt = tok(&out[b]);
                // A new clause with its own subject ends the content.
                let cut = (start + 1..bt).any(|i| {
                    s.is_boundary(i) || matches!(s.w(i), "but" | "while" | "whereas" | "although" | "as")
                        || (s.w(i) == "and" && i + 1 < bt && s.owner(i + 1).is_some())
                        || (s.w(i) == "," && i + 1 < bt && matches!(s.w(i + 1), "and" | "but" | "while" | "which" | "who"))
                });
                if cut || bt - start > 14 || out[b].kind == out[a].kind {
                    break;
                }
                if out[a].plan.is_none() {
                    out[a].plan = Some(Plan { kind: out[b].kind.clone(), mode: out[b].mode.clone() });
                }
                if out[a].target.is_empty() && !out[b].source.is_empty() && out[b].source != out[a].source {
                    out[a].target = out[b].source.clone();
                }
                drop[b] = true;
            }
        }
        let mut i = 0;
        out.retain(|_| {
            i += 1;
            !drop[i - 1]
        });
    }

    /// "X said Y must withdraw": a speaker demanding something of an actor
    /// is a REQUEST, whatever verb follows.
    #[allow(clippy::too_many_arguments)]
    fn obligations(&self, doc: &Document, toks: &Tokens, s: &Sentence, sspan: Span, dates: &[DateMention], places: &HashMap<String, EventPlace>, attribution: &Option<(Vec<String>, usize)>, out: &mut Vec<Event>) {
        let Some((who, at)) = attribution.as_ref().filter(|(w, _)| !w.is_empty()) else { return };
        for i in s.first..s.end {
            let two = i + 1 < s.end && matches!((s.w(i), s.w(i + 1)), ("has" | "have" | "needs" | "need", "to"));
            if !(matches!(s.w(i), "must" | "should") || two) || i <= *at {
                continue;
            }
            let Some(g) = self.group_left(s, i, 3, &["by", "from", "against", "to", "with", "on", "for", "of"]) else { continue };
            let target: Vec<String> = dedup(g.iter().map(|&a| s.actors[a].id.clone())).into_iter().filter(|t| !who.contains(t)).collect();
            if target.is_empty() || out.iter().any(|e| e.kind == "REQUEST" && e.target == target) {
                continue;
            }
            let h = Hit { trigger: 0, first: i, last: i, form: Form::Base, absorbed: None, after_light: false, nominal: false };
            let mut ev = Event {
                id: String::new(),
                kind: "REQUEST".into(),
                mode: None,
                source: who.clone(),
                target,
                control: None,
                location: None,
                date: None,
                date_from: None,
                date_precision: None,
                date_note: None,
                date_range: None,
                status: Status::Asserted,
                claimed_by: vec![],
                plan: None,
                target_inferred: None,
                size: None,
                cameo: Some(cameo_root("REQUEST", None).into()),
                trigger: s.w(i).to_string(),
                trigger_span: toks.toks[i].span,
                span: sspan,
                confidence: 0.6,
                cluster: None,
            };
            self.place_and_date(doc, toks, s, &h, &mut ev, dates, places);
            out.push(ev);
        }
    }

    fn is_attempt(&self, s: &Sentence, h: &Hit) -> bool {
        let from = h.first.saturating_sub(4).max(s.first);
        let words: Vec<&str> = (from..h.first).map(|i| s.w(i)).collect();
        let joined = words.join(" ");
        let cues = self.kb.lexicon.cue("attempt");
        cues.iter().any(|c| joined.ends_with(c.as_str()) || joined.contains(&format!("{c} ")))
            || words.windows(2).any(|w| matches!(w[0], "operation" | "operations" | "offensive" | "campaign" | "battle" | "fight" | "push" | "drive" | "bid" | "effort" | "efforts") && matches!(w[1], "of" | "to" | "for"))
    }

    /// "are expected to hold a meeting", "is due to visit": scheduled, not promised.
    fn scheduled(&self, s: &Sentence, h: &Hit) -> bool {
        (h.first.saturating_sub(6).max(s.first)..h.first).any(|i| matches!(s.w(i), "expected" | "due" | "scheduled" | "slated" | "set"))
    }

    /// Whether a condition ("if", "unless") follows the trigger in its sentence.
    fn condition_after(&self, s: &Sentence, h: &Hit) -> bool {
        (h.last + 1..s.end).any(|i| matches!(s.w(i), "if" | "unless"))
    }

    /// The sector of a generic actor of this sentence ("protesters" -> CVL).
    fn generic_sector(&self, id: &str) -> Option<&str> {
        self.kb.lexicon.sector_nouns().iter().find(|(w, _)| sitrep_text::normalize::slug(w) == id).map(|(_, code)| code.as_str())
    }

    /// An intention reported as fact is itself an event (ontology.md): a
    /// plan to attack is a THREAT, a plan to help, meet or concede is an
    /// AGREEment; the planned act is kept as the plan.
    fn recode_intention(&self, ev: &mut Event, attributed: bool) {
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

    /// Drops triggers that only name the content of another: a noun that is
    /// the object of a verb trigger ("signed an agreement" is one event), or a
    /// light verb before a noun trigger ("launched an offensive").
    fn absorb(&self, s: &Sentence, hits: Vec<Hit>) -> Vec<Hit> {
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

    /// Sets an unmarked mode from the words around the trigger: instruments
    /// for ASSAULT ("drone", "artillery"), what is sent for AID.
    fn refine_mode(&self, s: &Sentence, h: &Hit, ev: &mut Event) {
        if ev.mode.is_some() {
            return;
        }
        let lists: &[(&str, &str)] = match ev.kind.as_str() {
            "ASSAULT" => &[
                ("instrument_drone", "drone"),
                ("instrument_aerial", "aerial"),
                ("instrument_suicide", "suicide-attack"),
                ("instrument_explosives", "explosives"),
                ("instrument_heavy_weapons", "heavy-weapons"),
                ("instrument_unconventional", "unconventional"),
                ("instrument_crowd_control", "crowd-control"),
                ("instrument_firearms", "firearms"),
                ("instrument_primitive", "primitive"),
            ],
            "AID" => &[
                ("aid_mercenaries", "mercenaries"),
                ("aid_troops", "troops"),
                ("aid_weapons", "weapons"),
                ("aid_funding", "funding"),
                ("aid_humanitarian", "humanitarian"),
            ],
            _ => return,
        };
        let from = h.first.saturating_sub(4).max(s.first);
        let to = (h.last + 7).min(s.end);
        for (key, mode) in lists {
            let cue = self.kb.lexicon.cue(key);
            if cue.iter().any(|c| {
                let c = c.to_lowercase();
                (from..to).any(|i| s.phrase_at(i, &c))
            }) {
                ev.mode = Some(mode.to_string());
                return;
            }
        }
    }

    /// "will not accept", "would not meet", "refused to withdraw", "failed to
    /// reach": a refusal of the act rather than its absence.
    fn is_refusal(&self, s: &Sentence, before: &[Hit], h: &Hit) -> bool {
        let from = h.first.saturating_sub(4).max(s.first);
        let words: Vec<&str> = (from..h.first).map(|i| s.w(i)).collect();
        let modal_not = words.windows(2).any(|w| matches!(w[0], "will" | "would" | "can" | "could" | "shall") && matches!(w[1], "not" | "never"))
            || words.iter().any(|w| matches!(*w, "won't" | "wouldn't" | "can't" | "cannot"));
        let refuse_verb = words.iter().any(|w| {
            ["refuse", "decline", "fail", "reject", "rule out", "oppose"].iter().any(|r| sitrep_kb::lexicon::verb_forms_cached(r).iter().any(|(_, f)| f == w))
        }) && !before.iter().any(|p| p.last + 1 == h.first - 1 && p.last >= from);
        modal_not || refuse_verb
    }

    fn is_negated(&self, s: &Sentence, h: &Hit) -> bool {
        let from = h.first.saturating_sub(3).max(s.first);
        (from..h.first).any(|i| self.cues.negation.iter().any(|n| n == s.w(i)) || s.w(i).ends_with("n't"))
    }

    /// The complement-taking trigger this one depends on ("vowed to <h>").
    fn complement_parent(&self, s: &Sentence, before: &[Hit], h: &Hit) -> Option<usize> {
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
    fn attribution(&self, s: &Sentence, hits: &[Hit]) -> Option<(Vec<String>, usize)> {
        for i in s.first..s.end {
            if let Some(p) = self.cues.according_to.iter().find(|p| s.phrase_at(i, p)) {
                let after = i + p.split(' ').count();
                if let Some(group) = self.group_right(s, after, 4) {
                    return Some((group.iter().map(|&a| s.actors[a].id.clone()).collect(), i));
                }
                return Some((vec![], i));
            }
        }
        for i in s.first..s.end {
            let w = s.w(i);
            let is_report = self.cues.report_forms.contains(w) || matches!(w, "said" | "told" | "says");
            if !is_report || hits.iter().any(|h| h.first == i) {
                continue;
            }
            // "X said" / "said X" / "X, the spokesman, said".
            let left = self.group_left(s, i, 6, &[]);
            let right = if i + 1 < s.end { self.group_right(s, i + 1, 3) } else { None };
            let who = left.or(right).map(|g| g.iter().map(|&a| s.actors[a].id.clone()).collect()).unwrap_or_default();
            return Some((who, i));
        }
        if s.words.iter().any(|w| matches!(w.as_str(), "reportedly" | "allegedly" | "purportedly")) {
            return Some((vec![], s.first));
        }
        None
    }

    /// The nearest coordinated actor group ending before token `i`.
    fn group_left(&self, s: &Sentence, i: usize, max_gap: usize, skip_preps: &[&str]) -> Option<Vec<usize>> {
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

    /// A pronoun right before the verb (auxiliaries and adverbs aside).
    fn pronoun_subject(&self, s: &Sentence, h: &Hit) -> bool {
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
    fn reduced_relative(&self, s: &Sentence, h: &Hit) -> bool {
        if h.form != Form::Gerund || h.first == s.first {
            return false;
        }
        let prev = s.w(h.first - 1);
        prev.chars().all(char::is_alphabetic)
            && !BE.contains(&prev)
            && !matches!(prev, "and" | "or" | "but" | "of" | "for" | "by" | "in" | "on" | "after" | "before" | "while" | "without" | "from" | "to" | "also" | "not" | "keep" | "kept" | "continue" | "continued" | "began" | "begin" | "started" | "stop" | "stopped" | "have" | "has" | "had")
            && !self.cues.light.iter().any(|l| l.split(' ').next() == Some(prev))
    }

    /// A light verb ("launched", "carried out") shortly before a noun trigger.
    fn light_verb_before(&self, s: &Sentence, h: &Hit) -> bool {
        (h.first.saturating_sub(4).max(s.first)..h.first).any(|i| {
            let w = s.w(i);
            self.cues.light_forms.contains(w)
        })
    }

    /// The agent inside a noun trigger's phrase: an actor right before it,
    /// possibly with "'s" and up to two modifiers ("Russia's new offensive").
    fn np_agent(&self, s: &Sentence, h: &Hit) -> Option<Vec<usize>> {
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
    fn shared_subject(&self, s: &Sentence, and_at: usize) -> Option<Vec<String>> {
        let g = self.group_left(s, and_at, 20, &["by", "from", "against", "to", "with", "on", "for", "in", "at", "of"])?;
        Some(dedup(g.iter().map(|&a| s.actors[a].id.clone())))
    }

    fn is_report_word(&self, w: &str) -> bool {
        matches!(w, "said" | "says" | "told" | "stated" | "announced" | "reported" | "claimed" | "added")
    }

    /// The nearest coordinated actor group starting at or after token `i`.
    fn group_right(&self, s: &Sentence, i: usize, max_gap: usize) -> Option<Vec<usize>> {
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
    fn head_of(&self, s: &Sentence, a: usize) -> usize {
        let after = s.actors[a].last + 1;
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
    fn expand_group(&self, s: &Sentence, a: usize) -> Vec<usize> {
        let is_actor = |x: usize| s.actors[x].acts;
        // Walk left to the start of the chain, then right along it,
        // recording whether each join has a conjunction.
        let join_before = |x: usize| -> Option<(usize, bool)> {
            let mut k = s.actors[x].first;
            let mut conj = false;
            while k > s.first && matches!(s.w(k - 1), "," | "and" | "or" | "&" | "the") {
                conj |= matches!(s.w(k - 1), "and" | "or" | "&");
                k -= 1;
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

    #[allow(clippy::too_many_arguments)]
    fn event_for(&self, doc: &Document, s: &Sentence, sspan: Span, h: &Hit, t: &Trigger, memory: &Memory, attribution: &Option<(Vec<String>, usize)>, prior_subject: Option<&[String]>) -> Option<Event> {
        // A verb used as a noun ("the killing of ...") takes a noun's roles.
        let as_noun;
        let t = if h.nominal {
            as_noun = Trigger { pos: Pos::Noun, target: vec!["object".into()], ..t.clone() };
            &as_noun
        } else {
            t
        };
        let ids = |g: Option<Vec<usize>>| -> Vec<usize> { g.unwrap_or_default() };
        let passive = t.pos == Pos::Verb && h.form == Form::Past && self.is_passive(s, h);
        let by_group = self.by_phrase(s, h.last + 1);
        let (mut source, mut target): (Vec<usize>, Vec<usize>);
        let mut object_place: Option<usize> = None;
        let mut from_group: Vec<usize> = Vec::new();
        if passive || (t.pos == Pos::Adj && s.w(h.last + 1.min(s.end - 1)) == "by") {
            source = by_group.clone().unwrap_or_default();
            target = ids(self.group_left(s, h.first, 8, &["by"]));
            if target.is_empty() && by_group.is_some() && (s.first..h.first).all(|i| !s.w(i).chars().any(char::is_alphanumeric)) {
                // "Supported by X, Y and Z, the LNA launched ...": the subject follows.
                let after = by_group.as_ref().map(|g| s.actors[*g.last().unwrap()].last + 1).unwrap_or(h.last + 1);
                target = ids(self.group_right(s, after, 6));
            }
        } else if t.pos == Pos::Adj {
            // "Turkish-backed forces": actor before, recipient after.
            source = ids(self.group_left(s, h.first, 2, &[]));
            target = ids(self.group_right(s, h.last + 1, 3));
        } else {
            source = if t.pos == Pos::Noun && !h.after_light && !self.light_verb_before(s, h) {
                // A noun's agent is inside its noun phrase: "Turkey's offensive",
                // "Turkish airstrikes", "LNA shelling" (or "by X", below); the
                // sentence's subject is someone else's ("the army denied the
                // killing of ..."). A noun after a light verb ("launched an
                // offensive") takes the verb's subject.
                self.np_agent(s, h).unwrap_or_default()
            } else if t.pos == Pos::Verb && self.pronoun_subject(s, h) {
                // "..., it captured": the pronoun is the subject; resolved below.
                Vec::new()
            } else if self.reduced_relative(s, h) {
                // "a cargo plane delivering medicine": the participle's agent
                // is the noun before it, which names no actor here.
                s.owner(h.first - 1).filter(|&a| s.actors[a].acts).map(|a| vec![a]).unwrap_or_default()
            } else {
                let gap = if t.pos == Pos::Noun { 8 } else { 14 };
                ids(self.group_left(s, h.first, gap, &["by", "from", "against", "to", "with", "on", "for"]))
            };
            target = Vec::new();
            for spec in if t.target.is_empty() { vec!["object".to_string()] } else { t.target.clone() } {
                let g = if spec == "subject" {
                    // "X are legitimate targets (of Y)": the subject is the target.
                    let g = std::mem::take(&mut source);
                    (!g.is_empty()).then_some(g)
                } else if spec == "object" {
                    let start = if t.pos == Pos::Noun && h.last + 1 < s.end && s.w(h.last + 1) == "of" { h.last + 2 } else { h.last + 1 };
                    self.object(s, start)
                } else {
                    self.prep_object(s, h.last + 1, &spec)
                };
                if let Some(g) = g {
                    if g.iter().all(|&a| s.actors[a].kind == EntityType::Place) {
                        object_place = object_place.or(Some(g[0]));
                        continue;
                    }
                    target = g;
                    break;
                }
            }
            if let Some(g) = self.prep_object(s, h.last + 1, "from") {
                if g.iter().all(|&a| s.actors[a].acts) {
                    from_group = g;
                }
            }
            if let Some(g) = by_group.clone() {
                if t.pos == Pos::Noun && source.is_empty() {
                    source = g;
                }
            }
            // Where the lexicon places the source elsewhere ("targets of Y"),
            // unless a "by" phrase already named it.
            for spec in t.source.iter().filter(|_| source.is_empty()) {
                match spec.as_str() {
                    "subject" => break,
                    "claimant" => {
                        if let Some((who, _)) = attribution.as_ref().filter(|(w, _)| !w.is_empty()) {
                            let found: Vec<usize> = s.actors.iter().enumerate().filter(|(_, a)| who.contains(&a.id)).map(|(i, _)| i).take(1).collect();
                            if !found.is_empty() {
                                source = found;
                                break;
                            }
                        }
                    }
                    prep => {
                        if let Some(g) = self.prep_object(s, h.last + 1, prep) {
                            if g.iter().all(|&a| s.actors[a].acts) {
                                source = g;
                                break;
                            }
                        }
                    }
                }
            }
        }
        // "X received support from Y": the help goes from Y to X.
        if t.pos == Pos::Noun && self.after_receive_verb(s, h) {
            if let Some(g) = self.prep_object(s, h.last + 1, "from") {
                let receiver = self.group_left(s, h.first, 10, &["by", "from", "against", "to", "with", "on", "for"]).unwrap_or_default();
                target = receiver;
                source = g;
                from_group.clear();
            }
        }
        // A verb that absorbed a noun takes the noun's target if it has none
        // ("approved an agreement on cooperation with the government").
        if target.is_empty() && object_place.is_none() {
            if let Some((nt, nlast)) = h.absorbed {
                for spec in &self.kb.lexicon.triggers[nt as usize].target {
                    if spec != "object" && spec != "subject" {
                        if let Some(g) = self.prep_object(s, nlast + 1, spec).filter(|g| g.iter().all(|&a| s.actors[a].acts)) {
                            target = g;
                            break;
                        }
                    }
                }
            }
        }
        // Drop the source from the target (reflexive readings).
        target.retain(|a| !source.iter().any(|b| s.actors[*b].id == s.actors[*a].id));
        let mut src: Vec<String> = dedup(source.iter().map(|&a| s.actors[a].id.clone()));
        let mut tgt: Vec<String> = dedup(target.iter().map(|&a| s.actors[a].id.clone()));
        // "..., which refused to ...": the relative pronoun stands for the
        // actor before it.
        if src.is_empty() && t.pos == Pos::Verb && !passive {
            let mut k = h.first;
            while k > s.first && matches!(s.w(k - 1), "also" | "then" | "later" | "had" | "has" | "have" | "reportedly") {
                k -= 1;
            }
            if k > s.first && matches!(s.w(k - 1), "which" | "who" | "that") {
                if let Some(g) = self.group_left(s, k - 1, 12, &["by", "from", "against", "to", "with", "on", "for", "in", "at"]) {
                    src = dedup(g.iter().map(|&a| s.actors[a].id.clone()));
                }
            }
        }
        // "X visited Algeria and met with Y": a verb after "and" shares the
        // subject of the verb before it.
        if src.is_empty() && t.pos == Pos::Verb {
            let mut k = h.first;
            while k > s.first && matches!(s.w(k - 1), "also" | "then" | "later" | "had" | "has" | "have") {
                k -= 1;
            }
            if k > s.first && s.w(k - 1) == "and" {
                if let Some(prev) = self.shared_subject(s, k - 1) {
                    src = prev;
                }
            }
        }
        // Pronoun or descriptor subjects: the claimant, else the last actor.
        if src.is_empty() && t.pos != Pos::Adj {
            let subj = self.subject_word(s, h);
            if let Some(w) = subj {
                // "X said it destroyed ...": a pronoun is the speaker; a noun
                // ("a force attacked") is someone the memory may know.
                let pronoun = PRONOUNS.contains(&w.as_str());
                if let Some((who, _)) = attribution.as_ref().filter(|(w, _)| !w.is_empty() && pronoun) {
                    src = who.clone();
                } else if let Some(prev) = prior_subject.filter(|p| pronoun && !p.is_empty()) {
                    // "After X drove Y out, it took ...": the earlier clause's subject.
                    src = prev.to_vec();
                } else if let Some(id) = memory.resolve(&w) {
                    src = vec![id];
                }
            }
        }
        if !from_group.is_empty() && matches!(t.kind.as_str(), "AID" | "SUPPORT" | "COOPERATE") {
            // "assistance from Turkey": help comes from its giver.
            if src.is_empty() {
                src = dedup(from_group.iter().map(|&a| s.actors[a].id.clone()));
            }
        } else if !from_group.is_empty() && tgt.is_empty() {
            tgt = dedup(from_group.iter().map(|&a| s.actors[a].id.clone()));
        }
        let mut kind = t.kind.clone();
        let mut mode = t.mode.clone();
        let mut control = None;
        let symmetric = t.symmetric;
        // An override that changes the type brings its own mode (a mode of
        // the old type may not exist in the new one).
        let apply = |o: &sitrep_kb::lexicon::Override, kind: &mut String, mode: &mut Option<String>| {
            if let Some(k) = &o.kind {
                if k != kind {
                    *mode = None;
                }
                *kind = k.clone();
            }
            if o.mode.is_some() {
                *mode = o.mode.clone();
            }
        };
        if let Some(p) = object_place {
            if let Some(o) = &t.place_object {
                apply(o, &mut kind, &mut mode);
                control = o.control.clone().map(|c| (c, s.actors[p].id.clone()));
            }
        } else if target.first().map_or(false, |&a| s.actors[a].kind == EntityType::Person) || self.people_object(s, h) {
            if let Some(o) = &t.person_object {
                apply(o, &mut kind, &mut mode);
            }
        }
        // Releasing frees people: "a statement released on the website" or
        // "videos released by citizens" release no one.
        if kind == "RETREAT" && mode.as_deref() == Some("release") && target.is_empty() && !self.people_object(s, h) {
            return None;
        }
        if control.is_none() {
            if let (Some(c), Some(p)) = (&t.control, object_place) {
                control = Some((c.clone(), s.actors[p].id.clone()));
            }
        }
        // "the operation of retaking Tripoli", "tried to seize": an attempt
        // changes no one's hold on the place.
        if control.is_some() && self.is_attempt(s, h) {
            control = None;
        }
        // An event with no actor at all is kept only for unambiguous verbs
        // (the analyst still learns that "protests erupted" or "talks were held").
        if src.is_empty() && tgt.is_empty() && object_place.is_none() && t.weight.unwrap_or(1.0) < 1.0 {
            return None;
        }
        // Backing an armed force in war is material help.
        if kind == "SUPPORT" && target.iter().any(|&a| s.actors[a].kind == EntityType::ArmedGroup) {
            kind = "AID".into();
        }
        if symmetric && !src.is_empty() && !tgt.is_empty() {
            // Both sides act: the partners go into both roles (split per
            // partner later).
            let all = dedup(src.iter().chain(tgt.iter()).cloned());
            src = all.clone();
            tgt = all;
        }
        let control = control.map(|(c, place)| {
            if c == "lose" {
                Control { place, gained_by: vec![], lost_by: src.clone() }
            } else {
                Control { place, gained_by: src.clone(), lost_by: tgt.clone() }
            }
        });
        let (status, claimed_by) = self.status(s, h, attribution);
        let weight = t.weight.unwrap_or(1.0);
        let completeness = match (src.is_empty(), tgt.is_empty()) {
            (false, false) => 1.0,
            (false, true) | (true, false) => 0.8,
            _ => 0.35, // no actor: a lead to read, not a fact to map
        };
        let _ = doc;
        Some(Event {
            id: String::new(),
            kind,
            mode,
            source: src,
            target: tgt,
            control,
            location: object_place.map(|p| EventPlace { id: s.actors[p].id.clone(), name: String::new(), lat: None, lon: None, country: None }),
            date: None,
            date_from: None,
            date_precision: None,
            date_note: None,
            date_range: None,
            status,
            claimed_by,
            plan: None,
            target_inferred: None,
            size: None,
            cameo: None,
            trigger: String::new(),
            trigger_span: Span::new(0, 0),
            span: sspan,
            confidence: (0.9 * weight * completeness).clamp(0.05, 0.99),
            cluster: None,
        })
    }

    /// The word right before the trigger that stands for the subject
    /// ("he", "it", "the army"), if the subject slot holds one.
    fn subject_word(&self, s: &Sentence, h: &Hit) -> Option<String> {
        let from = h.first.saturating_sub(4).max(s.first);
        (from..h.first).rev().map(|i| s.w(i)).find(|w| PRONOUNS.contains(w) || DESCRIPTOR_NOUNS.contains(w)).map(str::to_string)
    }

    fn is_passive(&self, s: &Sentence, h: &Hit) -> bool {
        let from = h.first.saturating_sub(3).max(s.first);
        let aux = (from..h.first).any(|i| BE.contains(&s.w(i)));
        let by = h.last + 1 < s.end && s.w(h.last + 1) == "by";
        // A sentence-initial participle ("Supported by X, ..."), or a reduced
        // relative ("drones provided by Turkey").
        let initial = h.first == s.first && by;
        let reduced = by && h.last + 2 < s.end && (s.owner(h.last + 2).is_some() || (is_determiner(s.w(h.last + 2)) && h.last + 3 < s.end && s.owner(h.last + 3).is_some()));
        if reduced {
            return true;
        }
        aux || initial || (by && s.owner(h.last + 2.min(s.end - h.last - 1)).is_some() && h.first > s.first && s.w(h.first - 1) == ",")
    }

    fn by_phrase(&self, s: &Sentence, from: usize) -> Option<Vec<usize>> {
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
    fn object(&self, s: &Sentence, from: usize) -> Option<Vec<usize>> {
        let mut gap = 0;
        for j in from..s.end {
            if let Some(a) = s.owner(j) {
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

    /// The mention after preposition `prep` following the trigger.
    fn prep_object(&self, s: &Sentence, from: usize, prep: &str) -> Option<Vec<usize>> {
        let to = (from + 10).min(s.end);
        for i in from..to {
            if s.is_boundary(i) || (i > from && matches!(s.w(i), "." | "that" | "which" | "who")) {
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
    fn after_receive_verb(&self, s: &Sentence, h: &Hit) -> bool {
        let receive = self.kb.lexicon.cue("aid_receive_verbs");
        (h.first.saturating_sub(4).max(s.first)..h.first).any(|i| receive.iter().any(|r| r == s.w(i)))
    }

    /// The partners of a symmetric event: the "with" group, else the object group.
    fn partners(&self, s: &Sentence, h: &Hit) -> Vec<String> {
        let g = self.prep_object(s, h.last + 1, "with").or_else(|| self.object(s, h.last + 1)).unwrap_or_default();
        dedup(g.iter().filter(|&&a| s.actors[a].acts).map(|&a| s.actors[a].id.clone()))
    }

    /// Whether the object after the trigger is a people noun ("captured 12 fighters").
    fn people_object(&self, s: &Sentence, h: &Hit) -> bool {
        (h.last + 1..(h.last + 5).min(s.end)).any(|i| PEOPLE_NOUNS.contains(&s.w(i)))
    }

    fn status(&self, s: &Sentence, h: &Hit, attribution: &Option<(Vec<String>, usize)>) -> (Status, Vec<String>) {
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
        if has(&["if".to_string(), "unless".to_string()]) {
            return (Status::Hypothetical, who);
        }
        if near_has(&self.cues.intend) || (reported && modal_future) {
            return (Status::Intended, who);
        }
        if near_has(&self.cues.hypothetical) {
            return (Status::Hypothetical, who);
        }
        match attribution {
            Some((w, at)) if *at != h.first => (Status::Claimed, w.clone()),
            _ => (Status::Asserted, vec![]),
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn place_and_date(&self, doc: &Document, toks: &Tokens, s: &Sentence, h: &Hit, ev: &mut Event, dates: &[DateMention], places: &HashMap<String, EventPlace>) {
        // Place: the object place, else a locative phrase nearest the trigger;
        // for statements only a place attached to the verb ("said in Ankara"),
        // since the places they mention are usually their topic.
        let reach = if VERBAL.contains(&ev.kind.as_str()) { 4 } else { 16 };
        let loc_id = ev.location.as_ref().map(|l| l.id.clone()).or_else(|| self.locative_place(s, h, reach));
        ev.location = loc_id.and_then(|id| places.get(&id).cloned());
        if let (Some(c), Some(l)) = (&mut ev.control, &ev.location) {
            c.place = l.id.clone();
        }
        // Date: the date expression nearest the trigger in the sentence.
        let tpos = toks.toks[h.first].span.start;
        let best = dates.iter().min_by_key(|d| if d.start >= tpos { d.start - tpos } else { tpos - d.end });
        match best {
            Some(d) => {
                ev.date = Some(d.date);
                ev.date_from = Some(d.from);
                ev.date_precision = Some(d.precision);
                ev.date_note = d.note.clone();
                ev.date_range = d.range;
            }
            None => {
                if let Some(p) = doc.published {
                    ev.date = Some(p);
                    ev.date_from = Some(DateFrom::Published);
                    ev.date_precision = Some(p.precision());
                }
            }
        }
    }

    fn locative_place(&self, s: &Sentence, h: &Hit, reach: usize) -> Option<String> {
        const PREPS: &[&str] = &["in", "at", "near", "outside", "around", "inside", "into", "off", "of", "on", "across", "over", "towards", "toward", "to"];
        let mut best: Option<(usize, String)> = None;
        for a in &s.actors {
            if a.kind != EntityType::Place && a.kind != EntityType::Country {
                continue;
            }
            if a.first == s.first {
                continue;
            }
            let prev = s.w(a.first - 1);
            if !PREPS.contains(&prev) {
                continue;
            }
            // "based in Tobruk", "located south of Misurata": where an actor
            // or a place is, not where the event happened.
            let lead = (a.first.saturating_sub(4).max(s.first)..a.first).map(|k| s.w(k)).collect::<Vec<_>>();
            if lead.iter().any(|w| matches!(*w, "based" | "headquartered" | "stationed" | "located" | "situated")) {
                continue;
            }
            if a.kind == EntityType::Country && !matches!(prev, "in" | "to" | "into" | "across" | "off") {
                continue;
            }
            let dist = if a.first > h.last { a.first - h.last } else { (h.first - a.last) * 2 };
            if dist > reach {
                continue; // too far to be this event's place
            }
            if best.as_ref().map_or(true, |(d, _)| dist < *d) {
                best = Some((dist, a.id.clone()));
            }
        }
        best.map(|(_, id)| id)
    }

    /// Figures in the clause of the trigger.
    fn size(&self, s: &Sentence, h: &Hit) -> Option<Size> {
        let mut size = Size::default();
        let from = h.first.saturating_sub(8).max(s.first);
        let to = (h.last + 12).min(s.end);
        for i in from..to {
            let Some(n) = number(s.w(i)) else { continue };
            let window: Vec<&str> = ((i + 1)..(i + 5).min(s.end)).map(|k| s.w(k)).collect();
            let before: Vec<&str> = (i.saturating_sub(3).max(s.first)..i).map(|k| s.w(k)).collect();
            let count = Count::Exact(n);
            // The words after a figure say what it counts ("30 wounded"); the
            // words before only when nothing follows ("killed 12").
            let category = [&window, &before].iter().find_map(|ws| {
                let has = |list: &[String]| list.iter().any(|c| ws.contains(&c.as_str()));
                [&self.cues.dead, &self.cues.injured, &self.cues.displaced, &self.cues.captured]
                    .iter()
                    .position(|l| has(l))
            });
            if let Some(c) = category {
                let slot = match c {
                    0 => &mut size.dead,
                    1 => &mut size.injured,
                    2 => &mut size.displaced,
                    _ => &mut size.captured,
                };
                slot.get_or_insert(count);
            } else if i > h.last && i <= h.last + 4 {
                // "destroyed 25 units of enemy military equipment"
                let what: Vec<&str> = window.iter().take_while(|w| w.chars().all(char::is_alphabetic)).copied().collect();
                if !what.is_empty() && !matches!(what[0], "percent" | "per" | "years" | "days" | "km" | "miles") {
                    let mut phrase = what.join(" ");
                    if phrase.starts_with("units of") {
                        let more: Vec<&str> = ((i + 1)..(i + 7).min(s.end)).map(|k| s.w(k)).take_while(|w| w.chars().all(char::is_alphabetic)).collect();
                        phrase = more.join(" ");
                    }
                    size.other.push(OtherCount { what: phrase, n: count });
                }
            }
        }
        (!size.is_empty()).then_some(size)
    }
}

/// Recodes a refused act as REJECT with the mode of what was refused;
/// false when the act is not one that can be refused (an attack not made).
fn reject_as(ev: &mut Event) -> bool {
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

/// One event per coordinated source ("the UAE, Egypt and Russia supported
/// the LNA" is three sponsorships), and for a meeting or call with a list of
/// partners, one event per partner; each keeps the others' context out.
fn split_coordinated(ev: Event, partners: &[String]) -> Vec<Event> {
    if partners.len() > 1 {
        let own: Vec<String> = ev.source.iter().filter(|x| !partners.contains(x)).cloned().collect();
        return partners
            .iter()
            .map(|p| {
                let mut e = ev.clone();
                e.source = own.iter().cloned().chain(std::iter::once(p.clone())).collect();
                e.target = e.source.clone();
                e
            })
            .collect();
    }
    if ev.source.len() > 1 && ev.source != ev.target {
        return ev
            .source
            .iter()
            .map(|x| {
                let mut e = ev.clone();
                e.source = vec![x.clone()];
                if let Some(c) = &mut e.control {
                    c.gained_by = vec![x.clone()];
                }
                e
            })
            .collect();
    }
    vec![ev]
}

fn is_determiner(w: &str) -> bool {
    matches!(w, "the" | "a" | "an" | "its" | "their" | "his" | "her" | "our" | "all" | "both" | "other" | "several" | "some" | "this" | "these" | "those")
}

fn s_tok_span(toks: &Tokens, i: usize) -> Span {
    toks.toks[i].span
}

fn pos_rank(p: Pos, f: Form) -> u8 {
    match (p, f) {
        (Pos::Verb, Form::Past) | (Pos::Verb, Form::Third) => 3,
        (Pos::Verb, _) => 2,
        (Pos::Noun, _) => 1,
        (Pos::Adj, _) => 0,
    }
}

fn dedup(it: impl Iterator<Item = String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for x in it {
        if !out.contains(&x) {
            out.push(x);
        }
    }
    out
}

/// A number written in digits or words.
fn number(w: &str) -> Option<u64> {
    if w.chars().next().map_or(false, |c| c.is_ascii_digit()) {
        let digits: String = w.chars().filter(|c| c.is_ascii_digit()).collect();
        if w.chars().any(|c| c.is_alphabetic()) || digits.len() > 9 {
            return None;
        }
        return digits.parse().ok();
    }
    const WORDS: &[&str] = &["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"];
    WORDS.iter().position(|x| *x == w).map(|n| n as u64).filter(|&n| n > 1)
}

pub use sitrep_model::cameo_root;

/// The most recent actors of each kind, for pronouns and descriptors.
#[derive(Default)]
struct Memory {
    person: Option<String>,
    group: Option<String>,
    government: Option<String>,
    any: Option<String>,
}

impl Memory {
    fn remember(&mut self, s: &Sentence) {
        for a in &s.actors {
            match a.kind {
                EntityType::Person => self.person = Some(a.id.clone()),
                EntityType::ArmedGroup => self.group = Some(a.id.clone()),
                EntityType::Government | EntityType::Country | EntityType::InternationalOrg => self.government = Some(a.id.clone()),
                _ => continue,
            }
            self.any = Some(a.id.clone());
        }
    }

    fn resolve(&self, word: &str) -> Option<String> {
        match word {
            "he" | "she" | "his" | "her" => self.person.clone(),
            "army" | "forces" | "troops" | "militia" | "fighters" | "rebels" | "militants" | "military" | "force" => self.group.clone(),
            "government" | "ministry" => self.government.clone(),
            "it" | "its" | "they" | "their" | "group" | "movement" | "we" => self.group.clone().or(self.government.clone()).or(self.any.clone()),
            _ => None,
        }
    }
}

