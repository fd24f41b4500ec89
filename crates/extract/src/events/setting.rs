//! Where, when and how many: the place and date of an event, the
//! story's place for events that name none, and figures.

use super::*;

impl<'k> EventCoder<'k> {
    /// Where the sentence names no place for an event: a deployment or a
    /// visit happens in the country it goes to; a meeting where one of its
    /// parties was visiting that day; a physical act happens where
    /// the story last was (this sentence or the two before), else in the
    /// country the article is about.
    pub(super) fn settle_locations(&self, doc: &Document, events: &mut [Event], sent_places: &[Vec<String>], mentions: &[RawMention], ids: &[String], places: &HashMap<String, EventPlace>) {
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
        self.place_visits(events, places);
        // A meeting that names no place is held where one of its parties was
        // visiting that day ("X visited Algeria ... after Y met with X").
        let visits: Vec<(Vec<String>, Option<sitrep_model::PartialDate>, EventPlace)> = events
            .iter()
            .filter(|e| is_visit(e))
            .filter_map(|e| Some((e.source.iter().map(|a| self.side(a)).collect(), e.date, e.location.clone()?)))
            .collect();
        for e in events.iter_mut().filter(|e| e.location.is_none()) {
            let kind = e.kind.as_str();
            if kind == "CONSULT" {
                e.location = visits.iter().find(|(who, date, _)| *date == e.date && e.source.iter().chain(&e.target).any(|a| who.contains(&self.side(a)))).map(|(_, _, at)| at.clone());
                continue;
            }
            if !PHYSICAL.contains(&kind) {
                continue;
            }
            let si = doc.sentences.partition_point(|sp| sp.start < e.span.start).min(sent_places.len().saturating_sub(1));
            let recent = (si.saturating_sub(2)..=si).rev().find_map(|k| sent_places.get(k).and_then(|v| v.last().cloned()));
            e.location = recent.or_else(|| home.clone()).and_then(|id| places.get(&id).cloned());
        }
    }

    /// A deployment, a delivery or a visit with no place stated happens in
    /// the country it goes to.
    fn place_visits(&self, events: &mut [Event], places: &HashMap<String, EventPlace>) {
        for e in events.iter_mut().filter(|e| e.location.is_none() && goes_to(e)) {
            let country = e.target.iter().find(|t| self.kb.get(t).map_or(false, |r| r.kind == EntityType::Country) && places.contains_key(*t));
            e.location = country.and_then(|t| places.get(t).cloned());
        }
    }

    #[allow(clippy::too_many_arguments)]
    pub(super) fn place_and_date(&self, doc: &Document, toks: &Tokens, s: &Sentence, h: &Hit, ev: &mut Event, dates: &[DateMention], places: &HashMap<String, EventPlace>) {
        // Place: the object place, else a locative phrase nearest the trigger;
        // for statements only a place attached to the verb ("said in Ankara"),
        // since the places they mention are usually their topic.
        let reach = if VERBAL.contains(&ev.kind.as_str()) { 4 } else { 16 };
        let loc_id = ev.location.as_ref().map(|l| l.id.clone()).or_else(|| self.locative_place(s, h, reach));
        ev.location = loc_id.and_then(|id| places.get(&id).cloned());
        if let (Some(c), Some(l)) = (&mut ev.control, &ev.location) {
            c.place = l.id.clone();
        }
        // Date: the date expression nearest the trigger in the sentence,
        // other than the end of a state ("besieged until January").
        let tpos = toks.toks[h.first].span.start;
        let best = dates
            .iter()
            .filter(|d| {
                let first = toks.from(d.start);
                !ends_a_state(doc, toks, first) && !in_later_clause(doc, toks, h.last, first)
            })
            .min_by_key(|d| if d.start >= tpos { d.start - tpos } else { tpos - d.end });
        // "besieged the city until January": the state began before the date
        // that ended it, so the publication date would be wrong.
        let ended = || dates.iter().find(|d| state_ended_at(doc, toks, h.last, toks.from(d.start)));
        match best {
            Some(d) => {
                ev.date = Some(d.date);
                ev.date_from = Some(d.from);
                ev.date_precision = Some(d.precision);
                ev.date_note = d.note.clone();
                ev.date_range = d.range;
            }
            None => match ended() {
                Some(end) => ev.date_note = Some(format!("before {}, when the state it names ended", end.date)),
                None => {
                    if let Some(p) = doc.published {
                        ev.date = Some(p);
                        ev.date_from = Some(DateFrom::Published);
                        ev.date_precision = Some(p.precision());
                    }
                }
            },
        }
    }

    pub(super) fn locative_place(&self, s: &Sentence, h: &Hit, reach: usize) -> Option<String> {
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
    pub(super) fn size(&self, s: &Sentence, h: &Hit) -> Option<Size> {
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

fn is_visit(e: &Event) -> bool {
    e.kind == "CONSULT" && e.mode.as_deref() == Some("visit")
}

/// A deployment, a delivery or a visit: it happens where it goes.
fn goes_to(e: &Event) -> bool {
    matches!(e.kind.as_str(), "AID" | "MOBILIZE") || is_visit(e)
}

/// "until January", "till 2019", "up to May": the date (its first token at
/// `first`) a state ended, not the date of what the sentence reports.
fn ends_a_state(doc: &Document, toks: &Tokens, first: usize) -> bool {
    let word = |k: usize| toks.toks.get(k).map(|t| t.text(&doc.text).to_ascii_lowercase()).unwrap_or_default();
    is_until(&word(first))
        || (first >= 1 && is_until(&word(first - 1)))
        || (first >= 2 && word(first - 2) == "up" && word(first - 1) == "to")
}

/// Whether a date (its first token at `first`) is when the state the
/// trigger (ending at `trigger_last`) names came to an end: "besieged until
/// January", "besieged until Turkey sent troops in January".
fn state_ended_at(doc: &Document, toks: &Tokens, trigger_last: usize, first: usize) -> bool {
    let ended_by = |k: usize| is_until(&toks.toks[k].text(&doc.text).to_ascii_lowercase());
    ends_a_state(doc, toks, first) || (first > trigger_last && (trigger_last + 1..first).any(ended_by))
}

/// "until" and its spellings (lower case).
fn is_until(w: &str) -> bool {
    matches!(w, "until" | "till" | "til" | "untill")
}

/// Conjunctions that open a clause of its own.
const SUBORDINATORS: &[&str] = &["until", "till", "when", "while", "because", "although", "whereas", "whilst"];

/// A date (its first token at `first`) after the trigger (ending at token
/// `trigger_last`) but beyond a subordinating conjunction ("besieged ...
/// until Erdogan sent troops in January", "fled when the army arrived on
/// Monday") dates that clause's verb, not the trigger.
fn in_later_clause(doc: &Document, toks: &Tokens, trigger_last: usize, first: usize) -> bool {
    (trigger_last + 1..first).any(|k| SUBORDINATORS.iter().any(|c| toks.toks[k].text(&doc.text).eq_ignore_ascii_case(c)))
}

/// A number written in digits or words.
pub(super) fn number(w: &str) -> Option<u64> {
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
