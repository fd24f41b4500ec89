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

mod roles;
mod setting;
mod status;
mod triggers;

use status::reject_as;

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
const DESCRIPTOR_NOUNS: &[&str] = &["army", "group", "forces", "troops", "militia", "government", "movement", "ministry", "force", "fighters", "rebels", "militants", "military", "kingdom", "country", "nation"];
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
        // Most calls fail on the first word: compare it before splitting.
        let first = phrase.split(' ').next().unwrap_or(phrase);
        if i >= self.end || self.w(i) != first {
            return false;
        }
        phrase.split(' ').enumerate().skip(1).all(|(k, p)| i + k < self.end && self.w(i + k) == p)
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
        let mut prev_dates: Vec<DateMention> = Vec::new();
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
            // A sentence that gives no date goes on in the time of the
            // sentence before it, within a paragraph ("On Monday X attacked
            // Y. The army said ..."); a new paragraph starts afresh.
            let new_paragraph = si == 0 || doc.text[doc.sentences[si - 1].end..sspan.start].contains('\n');
            if new_paragraph {
                prev_dates.clear();
            }
            let inherited = dates.is_empty() && !prev_dates.is_empty();
            let dates = if dates.is_empty() {
                prev_dates
                    .iter()
                    .map(|d| DateMention { note: Some(d.note.clone().unwrap_or_else(|| "date of an earlier sentence of the paragraph".into())), ..d.clone() })
                    .collect()
            } else {
                dates
            };
            let sent_events = self.code_sentence(doc, toks, &s, *sspan, &dates, places, &mut memory);
            prev_dates = dates;
            for mut e in sent_events {
                e.id = format!("{}-e{}", doc.id, events.len() + 1);
                e.date_inherited = inherited && e.date_from != Some(DateFrom::Published);
                events.push(e);
            }
            memory.remember(&s);
        }
        let in_doc: std::collections::HashSet<String> = ids.iter().map(|i| self.side(i)).chain(ids.iter().cloned()).collect();
        self.infer_counterparts(&mut events, &in_doc);
        drop_actorless_rementions(&mut events);
        for (k, e) in events.iter_mut().enumerate() {
            e.id = format!("{}-e{}", doc.id, k + 1);
        }
        self.settle_locations(doc, &mut events, &sent_places, mentions, ids, places);
        events
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
        // The KB's knowledge of who fights whom counts as much as one
        // reported clash, for sides the article names, and settles a tie: a
        // standing war outweighs a single encounter the article mentions.
        let mut standing: std::collections::HashSet<(String, String)> = Default::default();
        for e in events.iter() {
            for src in &e.source {
                let side = self.side(src);
                if let Some(r) = self.kb.get(&side) {
                    for opp in r.opponents.iter().filter(|o| in_doc.contains(*o)) {
                        if !standing.insert((side.clone(), opp.clone())) {
                            continue;
                        }
                        for fam in [0, 1] {
                            *pairs.entry((fam, side.clone())).or_default().entry(opp.clone()).or_default() += 2;
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
            let known = |other: &str| e.source.iter().any(|x| standing.contains(&(self.side(x), other.to_string())));
            let mut ranked: Vec<(String, (usize, bool))> = best.into_iter().map(|(k, v)| {
                let kb = known(&k);
                (k, (v, kb))
            }).collect();
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

    #[allow(clippy::too_many_arguments)]
    fn code_sentence(&self, doc: &Document, toks: &Tokens, s: &Sentence, sspan: Span, dates: &[DateMention], places: &HashMap<String, EventPlace>, memory: &mut Memory) -> Vec<Event> {
        let hits = self.absorb(s, self.find_triggers(s));
        let attribution = self.attribution(s, &hits);
        let mut out: Vec<Event> = Vec::new();
        // Trigger index -> position of its event in `out`.
        let mut made: HashMap<usize, usize> = HashMap::new();
        // The subject of the last verb coded: what a pronoun or a verb that
        // continues its clause refers to.
        let mut verb_subject: Option<Vec<String>> = None;
        for (hi, h) in hits.iter().enumerate() {
            let t = &self.kb.lexicon.triggers[h.trigger as usize];
            if self.gerund_subject(s, h) {
                continue;
            }
            let refused = self.is_refusal(s, &hits[..hi], h);
            if self.is_negated(s, h) && !refused {
                continue;
            }
            let Some(mut ev) = self.event_for(doc, s, sspan, h, t, memory, &attribution, verb_subject.as_deref()) else { continue };
            if t.pos == Pos::Verb && !h.nominal && !ev.source.is_empty() {
                // Of a reciprocal act, the subject only, not its partners.
                let partners = if t.symmetric { self.partners(s, h) } else { vec![] };
                let own: Vec<String> = ev.source.iter().filter(|x| !partners.contains(x)).cloned().collect();
                verb_subject = Some(if own.is_empty() { ev.source.clone() } else { own });
            }
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
                    // Every event the governing verb made (one per coordinated
                    // source) takes the plan. The embedded act's target is the
                    // governing event's only when it names someone else: in
                    // "X and Y urged both sides to return to talks" the talks'
                    // partners default to X and Y, who are not the ones urged.
                    let span = out[pe].trigger_span;
                    let sources: Vec<String> = out[pe..].iter().filter(|p| p.trigger_span == span).flat_map(|p| p.source.clone()).collect();
                    let own_target: Vec<String> = ev.target.iter().filter(|x| !sources.contains(x)).cloned().collect();
                    for p in out[pe..].iter_mut().filter(|p| p.trigger_span == span) {
                        if p.target.is_empty() {
                            p.target = own_target.clone();
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
                            if !own_target.is_empty() {
                                p.target = own_target.clone();
                            }
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
            self.recode_by_actor(&mut ev, s, h);
            self.purpose_recipient(&mut ev, s, h);
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
                let same_place = |e: &Event| e.location.as_ref().map(|l| &l.id) == ev.location.as_ref().map(|l| &l.id);
                if !out.iter().any(|e| e.kind == ev.kind && e.source == ev.source && e.target == ev.target && same_place(e)) {
                    made.entry(hi).or_insert(out.len());
                    out.push(ev);
                }
            }
        }
        self.obligations(doc, toks, s, sspan, dates, places, &attribution, &mut out);
        self.fold_speech_act_content(s, toks, &mut out);
        drop_restatements(&mut out);
        self.appended_denial(s, toks, &mut out);
        out
    }

    /// "The RSF said it had seized the palace, a claim the army denied": a
    /// denial appended to a claim is a second report of the same act, by
    /// the denier, with status `denied`.
    fn appended_denial(&self, s: &Sentence, toks: &Tokens, out: &mut Vec<Event>) {
        let Some((comma, deniers)) = (s.first..s.end).find_map(|k| self.denial_after(s, k).map(|d| (k, d))) else { return };
        let twins: Vec<Event> = out
            .iter()
            .filter(|e| e.status == Status::Claimed && toks.from(e.trigger_span.start) < comma && !e.claimed_by.iter().any(|c| deniers.contains(c)))
            .map(|e| Event { status: Status::Denied, claimed_by: deniers.clone(), ..e.clone() })
            .collect();
        out.extend(twins);
    }

    /// At a comma: ", a claim (that) X denied" / ", which X denied": X.
    fn denial_after(&self, s: &Sentence, comma: usize) -> Option<Vec<String>> {
        if s.w(comma) != "," {
            return None;
        }
        let mut k = comma + 1;
        if k + 1 < s.end && matches!(s.w(k), "a" | "an") && matches!(s.w(k + 1), "claim" | "report" | "statement" | "assertion" | "allegation" | "version") {
            k += 2;
        }
        if k < s.end && matches!(s.w(k), "that" | "which") {
            k += 1;
        }
        while k < s.end && is_determiner(s.w(k)) {
            k += 1;
        }
        let a = (k < s.end).then(|| s.owner(k)).flatten().filter(|&a| s.actors[a].acts && k > comma + 1)?;
        let after = s.actors[a].last + 1;
        let denied = (after..(after + 2).min(s.end)).any(|i| self.cues.deny_forms.contains(s.w(i)));
        denied.then(|| vec![s.actors[a].id.clone()])
    }

    /// Readings that depend on who acts: armed forces "travelling to" or
    /// "arriving in" a country are deployed there, not visiting.
    fn recode_by_actor(&self, ev: &mut Event, s: &Sentence, h: &Hit) {
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
        // "eight Russian aircraft landed in Libya": hardware arriving in a
        // country is delivered there by the state its name qualifies.
        if ev.kind == "CONSULT" && ev.mode.as_deref() == Some("visit") && !ev.source.is_empty() && self.hardware_subject(s, h) {
            ev.kind = "AID".into();
            ev.mode = Some("weapons".into());
        }
    }

    /// Whether the words between the subject's name and the trigger name
    /// military hardware ("Russian soviet era aircraft ... have landed"),
    /// not one person's own plane ("the president's aircraft").
    fn hardware_subject(&self, s: &Sentence, h: &Hit) -> bool {
        let Some(start) = (s.first..h.first).rev().find(|&k| s.owner(k).is_some()) else { return false };
        let between = start + 1..h.first;
        let hardware = self.kb.lexicon.cue("aid_weapons");
        !between.clone().any(|k| s.is_boundary(k) || matches!(s.w(k), "'s" | "\u{2019}s" | "," | "who" | "which" | "that"))
            && between.into_iter().any(|k| hardware.iter().any(|w| s.phrase_at(k, &w.to_lowercase())))
    }

    /// "sent jets to Libya in support of Haftar": a purpose phrase after an
    /// act of help names its recipient; the country it went to stays its
    /// place.
    fn purpose_recipient(&self, ev: &mut Event, s: &Sentence, h: &Hit) {
        if ev.kind != "AID" {
            return;
        }
        let markers = self.kb.lexicon.cue("purpose_markers");
        let end = (h.last + 1..(h.last + 14).min(s.end)).find(|&k| s.is_boundary(k) || s.w(k) == ",").unwrap_or((h.last + 14).min(s.end));
        let Some((k, m)) = (h.last + 1..end).find_map(|k| markers.iter().find(|m| s.phrase_at(k, m)).map(|m| (k, m))) else { return };
        let Some(group) = self.object(s, k + m.split(' ').count()) else { return };
        let recipients: Vec<String> = dedup(group.iter().filter(|&&a| s.actors[a].acts).map(|&a| s.actors[a].id.clone()))
            .into_iter()
            .filter(|id| !ev.source.contains(id))
            .collect();
        if !recipients.is_empty() {
            ev.target = recipients;
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
                kind: "REQUEST".into(),
                source: who.clone(),
                target,
                cameo: Some(cameo_root("REQUEST", None).into()),
                trigger: s.w(i).to_string(),
                trigger_span: toks.toks[i].span,
                span: sspan,
                confidence: 0.6,
                ..Default::default()
            };
            self.place_and_date(doc, toks, s, &h, &mut ev, dates, places);
            out.push(ev);
        }
    }

    /// The sector of a generic actor of this sentence ("protesters" -> CVL).
    fn generic_sector(&self, id: &str) -> Option<&str> {
        self.kb.lexicon.sector_nouns().iter().find(|(w, _)| sitrep_text::normalize::slug(w) == id).map(|(_, code)| code.as_str())
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

    #[allow(clippy::too_many_arguments)]
    fn event_for(&self, doc: &Document, s: &Sentence, sspan: Span, h: &Hit, t: &Trigger, memory: &Memory, attribution: &Option<(Vec<String>, usize)>, prior_subject: Option<&[String]>) -> Option<Event> {
        // A verb used as a noun ("the killing of ...") takes a noun's roles.
        let as_noun;
        let t = if h.nominal {
            // Its prepositional frame stays ("the meeting with X"); its
            // object moves into an "of" phrase.
            let mut target: Vec<String> = t.target.iter().filter(|x| *x != "object" && *x != "subject").cloned().collect();
            target.push("object".into());
            as_noun = Trigger { pos: Pos::Noun, target, ..t.clone() };
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
                    if let Some((what, who)) = self.object_complement(s, h) {
                        // "Y will regard X as legitimate targets": the
                        // object of "regard" is what the noun says, its
                        // subject the one who says so.
                        source = who;
                        Some(what)
                    } else {
                        // "X are legitimate targets (of Y)": the subject is the target.
                        let g = std::mem::take(&mut source);
                        let g = if g.is_empty() { self.group_left(s, h.first, 6, &["by", "from", "against", "to", "with", "on", "for"]).unwrap_or_default() } else { g };
                        (!g.is_empty()).then_some(g)
                    }
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
        // "..., which refused to ...", "victories for the forces that fought
        // ...": the relative pronoun stands for the noun phrase right before
        // it, whatever governs that phrase; failing one, for the actor
        // further left.
        if t.pos == Pos::Verb && !passive && !h.nominal {
            let mut k = h.first;
            while k > s.first && matches!(s.w(k - 1), "also" | "then" | "later" | "had" | "has" | "have" | "reportedly") {
                k -= 1;
            }
            if k > s.first + 1 && matches!(s.w(k - 1), "which" | "who" | "that") {
                let before = if s.w(k - 2) == "," && k > s.first + 2 { k - 3 } else { k - 2 };
                let antecedent = s.owner(before).filter(|&a| s.actors[a].acts).map(|a| self.expand_group(s, a));
                if let Some(g) = antecedent {
                    src = dedup(g.iter().map(|&a| s.actors[a].id.clone()));
                } else if src.is_empty() {
                    if let Some(g) = self.group_left(s, k - 1, 12, &["by", "from", "against", "to", "with", "on", "for", "in", "at"]) {
                        src = dedup(g.iter().map(|&a| s.actors[a].id.clone()));
                    }
                }
                tgt.retain(|x| !src.contains(x));
            }
        }
        // "X attacked Y and killed ...", "X attacked Y, killing ...": a verb
        // that continues the clause before it (no subject of its own after
        // the "and" or comma) shares the subject of the verb before it, not
        // that verb's object, which is the nearest actor to its left.
        if t.pos == Pos::Verb && !passive && !h.nominal {
            if let Some(prev) = prior_subject.filter(|p| !p.is_empty() && self.continues_clause(s, h)) {
                src = prev.to_vec();
                tgt.retain(|x| !src.contains(x));
            }
        }
        // "X is said to have sent ...", "troops are believed to have
        // arrived": the subject of the passive report verb is the agent.
        if src.is_empty() && t.pos == Pos::Verb && !passive {
            if let Some(g) = self.raised_subject(s, h) {
                src = dedup(g.iter().map(|&a| s.actors[a].id.clone()));
                tgt.retain(|x| !src.contains(x));
            }
        }
        // "After meeting X, Y said ...", "In addition to seeking help from
        // X, Y visited ...": an opening participle clause has the subject of
        // the main clause after it.
        if src.is_empty() && h.form == Form::Gerund && t.pos != Pos::Adj {
            if let Some(g) = self.main_subject_after_opening(s, h) {
                src = dedup(g.iter().map(|&a| s.actors[a].id.clone()));
                tgt.retain(|x| !src.contains(x));
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
                // "Saudi Arabia said the kingdom would ...": in reported
                // speech a descriptor of the speaker's kind is the speaker.
                let speaker_kind = |who: &[String]| who.first().and_then(|id| self.kb.get(id)).map(|r| r.kind);
                let describes_speaker = |who: &[String], at: usize| {
                    at < h.first
                        && match speaker_kind(who) {
                            Some(EntityType::Country | EntityType::Government) => matches!(w.as_str(), "government" | "country" | "kingdom" | "nation" | "state" | "ministry"),
                            Some(EntityType::ArmedGroup) => matches!(w.as_str(), "army" | "forces" | "troops" | "militia" | "group" | "movement" | "military"),
                            // "Burhan said his forces would ...": the speaker's own.
                            Some(EntityType::Person) => matches!(w.as_str(), "army" | "forces" | "troops" | "men" | "fighters" | "government")
                                && (h.first.saturating_sub(5).max(s.first) + 1..h.first).any(|i| matches!(s.w(i - 1), "his" | "her") && s.w(i) == w),
                            _ => false,
                        }
                };
                let pronoun = PRONOUNS.contains(&w.as_str());
                // "it" is no person, "he" no army.
                let agrees = |who: &[String]| match (w.as_str(), speaker_kind(who)) {
                    ("it" | "its", Some(EntityType::Person)) => false,
                    ("he" | "she" | "his" | "her", Some(k)) => k == EntityType::Person,
                    _ => true,
                };
                if let Some((who, _)) = attribution.as_ref().filter(|(who, at)| !who.is_empty() && ((pronoun && agrees(who)) || describes_speaker(who, *at))) {
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
        // "in protest of X", "in support of X": the "of" phrase of the
        // adverbial names whom it is about.
        if tgt.is_empty() && t.pos == Pos::Noun && h.first > s.first && s.w(h.first - 1) == "in" && h.last + 2 < s.end && s.w(h.last + 1) == "of" {
            if let Some(g) = self.object(s, h.last + 2) {
                tgt = dedup(g.iter().filter(|&&a| s.actors[a].acts).map(|&a| s.actors[a].id.clone())).into_iter().filter(|x| !src.contains(x)).collect();
            }
        }
        // "supported that government", "attacked this militia": a
        // demonstrative object points back to the last one named.
        if tgt.is_empty() && t.pos == Pos::Verb && !passive && h.last + 2 < s.end && matches!(s.w(h.last + 1), "that" | "this") && s.owner(h.last + 2).is_none() {
            if let Some(id) = memory.resolve_demonstrative(s.w(h.last + 2)).filter(|id| !src.contains(id)) {
                tgt = vec![id];
            }
        }
        // "X advanced, thanks to support from Y": help credited for the
        // clause's outcome goes to the clause's subject.
        if tgt.is_empty() && matches!(t.kind.as_str(), "AID" | "SUPPORT") {
            if let Some(g) = self.beneficiary(s, h) {
                tgt = dedup(g.iter().map(|&a| s.actors[a].id.clone())).into_iter().filter(|x| !src.contains(x)).collect();
            }
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
        // "Turkish-backed forces": the relation holds only between actors;
        // with no actor as the noun it modifies, nothing is reported.
        if t.pos == Pos::Adj && !passive && tgt.is_empty() {
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
        } else if symmetric && src.is_empty() {
            // "talks between X and Y": the partners take both roles.
            if let Some(g) = self.prep_object(s, h.last + 1, "between") {
                src = dedup(g.iter().filter(|&&a| s.actors[a].acts).map(|&a| s.actors[a].id.clone()));
                tgt = src.clone();
            }
        } else if symmetric && tgt.is_empty() && src.len() >= 2 {
            // "France and Italy met": a coordinated subject of a reciprocal
            // act names the partners themselves.
            tgt = src.clone();
        }
        if !symmetric {
            // A pronoun or a continued clause can name the source again as
            // the target; no one acts on himself here.
            tgt.retain(|x| !src.contains(x));
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
            kind,
            mode,
            source: src,
            target: tgt,
            control,
            location: object_place.map(|p| EventPlace { id: s.actors[p].id.clone(), name: String::new(), lat: None, lon: None, country: None }),
            status,
            claimed_by,
            span: sspan,
            confidence: (0.9 * weight * completeness).clamp(0.05, 0.99),
            ..Default::default()
        })
    }

}

/// Within one sentence, an event that says no more than another of its
/// kind ("hold a meeting to discuss", "forces fighting ... in the fight
/// against") is the same event worded twice: every role it fills the other
/// fills alike, and it names no other place or date.
fn drop_restatements(out: &mut Vec<Event>) {
    let within = |a: &[String], b: &[String]| a.iter().all(|x| b.contains(x));
    let place = |e: &Event| e.location.as_ref().map(|l| l.id.clone()).or_else(|| e.control.as_ref().map(|c| c.place.clone()));
    let says_less = |b: &Event, a: &Event| {
        a.kind == b.kind
            && within(&b.source, &a.source)
            && within(&b.target, &a.target)
            && (place(b).is_none() || place(b) == place(a))
            && (b.date_from == Some(DateFrom::Published) || b.date == a.date)
    };
    let mut keep = vec![true; out.len()];
    for i in 0..out.len() {
        for j in 0..out.len() {
            if i == j || !keep[j] || !keep[i] {
                continue;
            }
            // Drop i when j says all it says; on a tie keep the one that
            // names a mode or a change of control, else the first.
            let rank = |k: usize| (out[k].mode.is_some(), out[k].control.is_some(), usize::MAX - k);
            let tie = says_less(&out[j], &out[i]);
            if says_less(&out[i], &out[j]) && (!tie || rank(j) > rank(i)) {
                keep[i] = false;
            }
        }
    }
    let mut k = 0;
    out.retain(|_| {
        k += 1;
        keep[k - 1]
    });
}

/// "the fighting", "the talks", "the capture of the town": a mention with
/// no actor of a kind of event the article reports with its actors is most
/// likely that event again, named in passing; it adds nothing but a
/// duplicate. Actorless events of kinds reported nowhere else are kept (the
/// only word of them the article gives).
fn drop_actorless_rementions(events: &mut Vec<Event>) {
    let actorless = |e: &Event| e.source.is_empty() && e.target.is_empty();
    let known: std::collections::HashSet<String> = events.iter().filter(|e| !actorless(e)).map(|e| e.kind.clone()).collect();
    events.retain(|e| !actorless(e) || !known.contains(&e.kind));
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

fn dedup(it: impl Iterator<Item = String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for x in it {
        if !out.contains(&x) {
            out.push(x);
        }
    }
    out
}

pub use sitrep_model::cameo_root;

/// The most recent actors of each kind, for pronouns and descriptors.
#[derive(Default)]
struct Memory {
    person: Option<String>,
    /// The last government proper (not a country or an organisation).
    state: Option<String>,
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
                EntityType::Government => {
                    self.state = Some(a.id.clone());
                    self.government = Some(a.id.clone());
                }
                EntityType::Country | EntityType::InternationalOrg => self.government = Some(a.id.clone()),
                _ => continue,
            }
            self.any = Some(a.id.clone());
        }
    }

    /// What a demonstrative descriptor ("that government", "this army")
    /// points back to.
    fn resolve_demonstrative(&self, noun: &str) -> Option<String> {
        match noun {
            "government" | "administration" | "regime" | "cabinet" => self.state.clone(),
            "army" | "militia" | "force" | "forces" | "group" | "movement" => self.group.clone(),
            _ => None,
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
