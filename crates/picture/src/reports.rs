//! One event report as the picture stage sees it: its actors mapped to the
//! sides they stand for, its date as an interval of days, its place with
//! what is known of it, and the helpers that compare two reports.

use sitrep_model::{DateFrom, DateRange, Document, EntityType, Event, PartialDate, Precision, Status};

/// Types whose reports describe a lasting relation rather than one dated
/// act ("Russia arms Haftar"): an undated report of one is a report of the
/// relation, whenever it was written.
pub(crate) const DURABLE: &[&str] = &["AID", "SUPPORT", "COOPERATE"];
/// Types where who is `source` and who is `target` is arbitrary (meetings,
/// joint action): their actors are compared as one set.
pub(crate) const SYMMETRIC: &[&str] = &["CONSULT", "COOPERATE"];
/// Types that are themselves speech acts: a report of one is of the act of
/// saying, so an `intended` status does not make it a different event.
const SPEECH: &[&str] = &[
    "AGREE", "THREATEN", "REQUEST", "REJECT", "ACCUSE", "CONCEDE", "SUPPORT",
];
/// ASSAULT modes that name the weapon: one attack may be reported with any.
const WEAPON_MODES: &[&str] = &["aerial", "drone", "heavy-weapons", "explosives", "firearms"];

/// Slack around a date read from the text with day precision.
const DAY_SLACK: i64 = 1;
/// Slack around a date that is only the publication date.
const PUBLISHED_SLACK: i64 = 7;
/// Extra slack when two reports are about the same change of control.
const CONTROL_SLACK: i64 = 3;
/// Places closer than this are the same place.
pub(crate) const NEAR_KM: f64 = 10.0;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Modality {
    Actual,
    Intended,
    Hypothetical,
}

/// What is known of a report's place.
#[derive(Debug, Clone)]
pub(crate) struct Place {
    pub id: String,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub country: Option<String>,
    /// A country or region: contains places rather than being one.
    pub coarse: bool,
}

/// How two reports' places relate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum PlaceRel {
    /// Different places.
    Far,
    /// One is missing, or one contains the other.
    Loose,
    /// Within `NEAR_KM`.
    Near,
    /// The same place id.
    Same,
}

/// Where a side belongs: its country, and whether it is the country itself.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Home {
    pub side: String,
    pub country: String,
    pub national: bool,
}

/// One event report, prepared for comparison.
#[derive(Debug, Clone)]
pub(crate) struct Rep {
    /// Index of the document and of the event in it.
    pub d: usize,
    pub e: usize,
    /// A hash of its evidence sentence and trigger word (None without the
    /// text): two reports of one document read off one trigger (a claim
    /// and the denial appended to it) are of one act.
    pub reading: Option<u64>,
    pub kind: String,
    pub mode: Option<String>,
    pub modality: Modality,
    /// The intended event of an AGREE/THREATEN: (type, mode).
    pub plan: Option<(String, Option<String>)>,
    /// Sides (mapped through `side`), sorted and distinct.
    pub src: Vec<String>,
    pub tgt: Vec<String>,
    pub place: Option<Place>,
    /// The place whose control the report says changed, and the sides it
    /// says gained it.
    pub control: Option<String>,
    pub gained: Vec<String>,
    /// The country (alpha-3) of every side named, and whether the side is
    /// that country itself ("Libya", "Libyan troops"): a country's own side
    /// may stand for any side of that country.
    pub homes: Vec<Home>,
    /// Inclusive day interval; None = unbounded (no usable date).
    pub iv: Option<(i64, i64)>,
    /// The date is only the publication date (or there is none).
    pub weak: bool,
    /// A durable relation with no date of its own: any time.
    pub timeless: bool,
    /// Dated from the text to the month or finer: one act, not a standing
    /// state of affairs.
    pub dated_act: bool,
    pub status: Status,
    pub confidence: f32,
}

impl Rep {
    /// Places this report can be about: its location and its control place.
    pub fn place_ids(&self) -> impl Iterator<Item = &str> {
        self.place
            .iter()
            .filter(|p| !p.coarse)
            .map(|p| p.id.as_str())
            .chain(self.control.as_deref())
    }

    /// The report is about place `p` (its specific location or its control place).
    pub fn at(&self, p: &str) -> bool {
        self.place_ids().any(|x| x == p)
    }

    /// Read off the same sentence and trigger of one document as `other`.
    pub fn same_reading(&self, other: &Rep) -> bool {
        self.d == other.d && self.reading.is_some() && self.reading == other.reading
    }

    pub fn is_withdrawal(&self) -> bool {
        self.kind == "RETREAT" && matches!(self.mode.as_deref(), None | Some("withdraw"))
    }

    /// A forcible or coercive taking: ASSAULT, or COERCE with a control change.
    pub fn is_taking(&self) -> bool {
        self.kind == "ASSAULT" || (self.kind == "COERCE" && self.control.is_some())
    }

    /// Blocking families of the report (its type's, and its plan's).
    pub fn families(&self) -> Vec<&'static str> {
        let mut f = vec![family(&self.kind)];
        if let Some((k, _)) = &self.plan {
            f.push(family(k));
        }
        f.sort();
        f.dedup();
        f
    }
}

pub(crate) fn family(kind: &str) -> &'static str {
    match kind {
        "ASSAULT" | "COERCE" | "RETREAT" => "force",
        "AGREE" => "AGREE",
        "CONSULT" => "CONSULT",
        "SUPPORT" => "SUPPORT",
        "CONCEDE" => "CONCEDE",
        "COOPERATE" => "COOPERATE",
        "AID" => "AID",
        "REQUEST" => "REQUEST",
        "ACCUSE" => "ACCUSE",
        "REJECT" => "REJECT",
        "THREATEN" => "THREATEN",
        "PROTEST" => "PROTEST",
        "SANCTION" => "SANCTION",
        "MOBILIZE" => "MOBILIZE",
        _ => "other",
    }
}

/// The days a partial date covers.
pub(crate) fn span_of(d: PartialDate) -> (i64, i64) {
    d.day_span()
}

/// A date's days, or the range its expression gave when it gave one: "late
/// 2019" is September to December, "more than a year ago" the year before that.
fn narrowed(span: (i64, i64), range: Option<DateRange>) -> (i64, i64) {
    range.map_or(span, |r| r.day_span())
}

pub(crate) fn overlap(a: Option<(i64, i64)>, b: Option<(i64, i64)>, slack: i64) -> bool {
    match (a, b) {
        (Some((a0, a1)), Some((b0, b1))) => a0 - slack <= b1 && b0 - slack <= a1,
        _ => true,
    }
}

pub(crate) use sitrep_model::geo::haversine_km;

fn sides(ids: &[String], side: &dyn Fn(&str) -> String) -> Vec<String> {
    let mut v: Vec<String> = ids.iter().map(|i| side(i)).collect();
    v.sort();
    v.dedup();
    v
}

/// The place of an event: its location, else its control place, with the
/// document's entity filling what the event lacks.
fn place_of(doc: &Document, ev: &Event) -> Option<Place> {
    let ent = |id: &str| doc.entities.iter().find(|e| e.id == id);
    let coarse_ent = |id: &str| {
        ent(id).is_some_and(|e| {
            e.kind == EntityType::Country
                || matches!(e.feature.as_deref(), Some("country" | "region"))
        })
    };
    if let Some(l) = &ev.location {
        let e = ent(&l.id);
        return Some(Place {
            id: l.id.clone(),
            lat: l.lat.or(e.and_then(|e| e.lat)),
            lon: l.lon.or(e.and_then(|e| e.lon)),
            country: l.country.clone().or(e.and_then(|e| e.country.clone())),
            coarse: coarse_ent(&l.id),
        });
    }
    let c = ev.control.as_ref()?;
    let e = ent(&c.place);
    Some(Place {
        id: c.place.clone(),
        lat: e.and_then(|e| e.lat),
        lon: e.and_then(|e| e.lon),
        country: e.and_then(|e| e.country.clone()),
        coarse: coarse_ent(&c.place),
    })
}

pub(crate) fn prepare(docs: &[Document], side: &dyn Fn(&str) -> String) -> Vec<Rep> {
    let mut out = Vec::new();
    for (d, doc) in docs.iter().enumerate() {
        for (e, ev) in doc.events.iter().enumerate() {
            out.push(rep(d, e, doc, ev, side));
        }
    }
    out
}

pub(crate) fn rep(
    d: usize,
    e: usize,
    doc: &Document,
    ev: &Event,
    side: &dyn Fn(&str) -> String,
) -> Rep {
    let kind = ev.kind.to_ascii_uppercase();
    let modality = match ev.status {
        Status::Hypothetical => Modality::Hypothetical,
        Status::Intended if !SPEECH.contains(&kind.as_str()) => Modality::Intended,
        _ => Modality::Actual,
    };
    let weak = ev.date.is_none() || ev.date_from == Some(DateFrom::Published);
    let durable = DURABLE.contains(&kind.as_str());
    // A lasting relation holds beyond the moment its date names, so only acts
    // are narrowed to the range of their date expression.
    let range = if durable { None } else { ev.date_range };
    let iv = ev.date.map(|dt| {
        let (a, b) = narrowed(span_of(dt), range);
        let slack = match (ev.date_from, ev.date_precision.unwrap_or(dt.precision())) {
            (Some(DateFrom::Published), _) => PUBLISHED_SLACK,
            // "last week": its Monday, give or take the week.
            (_, Precision::Week) => 7,
            (_, Precision::Day) => DAY_SLACK,
            _ => 0,
        };
        (a - slack, b + slack)
    });
    let timeless = durable && weak;
    // A relation stated in a sentence of its own takes the paragraph's
    // date without being an act of that day.
    let dated_act = !weak
        && !ev.date_inherited
        && ev
            .date
            .is_some_and(|dt| ev.date_precision.unwrap_or(dt.precision()) != Precision::Year);
    Rep {
        d,
        e,
        reading: reading(doc, ev),
        modality,
        plan: ev
            .plan
            .as_ref()
            .map(|p| (p.kind.to_ascii_uppercase(), p.mode.clone())),
        src: sides(&ev.source, side),
        tgt: sides(&ev.target, side),
        place: place_of(doc, ev),
        control: ev.control.as_ref().map(|c| c.place.clone()),
        gained: ev
            .control
            .as_ref()
            .map(|c| sides(&c.gained_by, side))
            .unwrap_or_default(),
        homes: homes(doc, ev, side),
        iv: if timeless { None } else { iv },
        weak,
        timeless,
        dated_act,
        status: ev.status,
        confidence: ev.confidence,
        mode: ev.mode.clone(),
        kind,
    }
}

/// See [`Rep::reading`]. (The evidence is hashed rather than its span kept
/// because stored and stripped documents lay their text out anew.)
fn reading(doc: &Document, ev: &Event) -> Option<u64> {
    use std::hash::{Hash, Hasher};
    let evidence = doc.text.get(ev.span.start..ev.span.end).filter(|t| !t.is_empty())?;
    let mut h = std::collections::hash_map::DefaultHasher::new();
    (evidence, &ev.trigger).hash(&mut h);
    Some(h.finish())
}

/// The home of every side an event names (see [`Home`]).
fn homes(doc: &Document, ev: &Event, side: &dyn Fn(&str) -> String) -> Vec<Home> {
    let gained = ev.control.iter().flat_map(|c| &c.gained_by);
    let mut out: Vec<Home> = Vec::new();
    for id in ev.source.iter().chain(&ev.target).chain(gained) {
        let s = side(id);
        let Some(country) = doc.entities.iter().find(|e| &e.id == id).and_then(|e| e.country.clone()) else {
            continue;
        };
        let national = doc
            .entities
            .iter()
            .any(|e| e.id == s && e.kind == EntityType::Country && e.country.as_deref() == Some(country.as_str()));
        let home = Home { side: s, country, national };
        if !out.contains(&home) {
            out.push(home);
        }
    }
    out
}

impl Rep {
    fn home(&self, side: &str) -> Option<&Home> {
        self.homes.iter().find(|h| h.side == side)
    }

    /// Whether this report's `side` is a country that may stand for `other`'s side `theirs`.
    fn stands_for(&self, side: &str, other: &Rep, theirs: &str) -> bool {
        match (self.home(side), other.home(theirs)) {
            (Some(h), Some(t)) => h.national && h.country == t.country,
            _ => false,
        }
    }
}

/// [`roles`] between two reports' role lists, where a country's own side
/// ("Libyan troops") is not told apart from a side of that country ("the
/// GNA"): which of its parties the text means is unknown.
pub(crate) fn roles_between(a: &Rep, xs: &[String], b: &Rep, ys: &[String]) -> Option<bool> {
    match roles(xs, ys) {
        Some(false) if xs.iter().any(|x| ys.iter().any(|y| a.stands_for(x, b, y) || b.stands_for(y, a, x))) => None,
        r => r,
    }
}

pub(crate) fn place_rel(a: &Option<Place>, b: &Option<Place>) -> PlaceRel {
    let (Some(a), Some(b)) = (a, b) else {
        return PlaceRel::Loose;
    };
    if a.id == b.id {
        return PlaceRel::Same;
    }
    if !a.coarse && !b.coarse {
        return match (a.lat, a.lon, b.lat, b.lon) {
            (Some(la), Some(lo), Some(lb), Some(mb)) if haversine_km(la, lo, lb, mb) <= NEAR_KM => {
                PlaceRel::Near
            }
            _ => PlaceRel::Far,
        };
    }
    // A country or region holds the other when their countries agree.
    match (&a.country, &b.country) {
        (Some(x), Some(y)) if x != y => PlaceRel::Far,
        _ => PlaceRel::Loose,
    }
}

/// How two reports' types relate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TypeRel {
    /// Same type (or an intention and the intended act): actors compare role by role.
    Same,
    /// A taking and a withdrawal, or an attack and a seizure, of one place.
    Capture,
}

fn intended_as(a: &Rep, b: &Rep) -> bool {
    // `a` is an AGREE/THREATEN whose plan is `b`'s type, `b` only intended.
    matches!(&a.plan, Some((k, _)) if *k == b.kind)
        && b.modality == Modality::Intended
        && a.modality != Modality::Hypothetical
}

/// The mode `a` gives the act it shares with `b`: its plan's when it is
/// compared as an intention of `b`'s type, else its own.
fn plan_mode<'a>(a: &'a Rep, b: &Rep) -> Option<&'a str> {
    match &a.plan {
        Some((k, m)) if a.kind != b.kind && *k == b.kind => m.as_deref(),
        _ => a.mode.as_deref(),
    }
}

/// Both report a change of control of one place and name disjoint winners.
fn rival_gains(a: &Rep, b: &Rep) -> bool {
    match (&a.control, &b.control) {
        (Some(x), Some(y)) if x == y => roles_between(a, &a.gained, b, &b.gained) == Some(false),
        _ => false,
    }
}

pub(crate) fn type_rel(a: &Rep, b: &Rep) -> Option<TypeRel> {
    if a.kind == b.kind {
        return (a.modality == b.modality).then_some(TypeRel::Same);
    }
    if intended_as(a, b) || intended_as(b, a) {
        return Some(TypeRel::Same);
    }
    if a.modality != Modality::Actual || b.modality != Modality::Actual {
        return None;
    }
    let same_place = |x: &Rep, y: &Rep| x.place_ids().any(|p| y.at(p));
    let taking_pair = |x: &Rep, y: &Rep| {
        // An attack and a seizure that changes who holds the place.
        (x.kind == "ASSAULT" && y.kind == "COERCE" && y.control.as_deref().is_some_and(|p| x.at(p)))
            // A taking and the loser's withdrawal from the same place.
            || (x.is_taking() && y.is_withdrawal() && same_place(x, y))
    };
    (taking_pair(a, b) || taking_pair(b, a)).then_some(TypeRel::Capture)
}

pub(crate) fn modes_agree(a: Option<&str>, b: Option<&str>, kind: &str) -> bool {
    match (a, b) {
        (Some(x), Some(y)) if x != y => {
            kind == "ASSAULT" && WEAPON_MODES.contains(&x) && WEAPON_MODES.contains(&y)
        }
        _ => true,
    }
}

/// Role comparison: `Some(true)` both known and sharing a side,
/// `Some(false)` both known and disjoint, `None` one unknown.
pub(crate) fn roles(a: &[String], b: &[String]) -> Option<bool> {
    if a.is_empty() || b.is_empty() {
        None
    } else {
        Some(a.iter().any(|x| b.contains(x)))
    }
}

/// The actors of a symmetric event, less the host country of its place.
fn party(r: &Rep) -> Vec<String> {
    let host = r.place.as_ref().map(|p| p.id.as_str());
    let mut v: Vec<String> = r
        .src
        .iter()
        .chain(&r.tgt)
        .filter(|x| Some(x.as_str()) != host)
        .cloned()
        .collect();
    v.sort();
    v.dedup();
    v
}

fn shared_parties(a: &Rep, b: &Rep) -> usize {
    let pb = party(b);
    party(a).iter().filter(|x| pb.contains(x)).count()
}

fn about_control_of_same_place(a: &Rep, b: &Rep) -> bool {
    match (&a.control, &b.control) {
        (Some(x), _) if b.at(x) => true,
        (_, Some(y)) if a.at(y) => true,
        _ => false,
    }
}

/// A date read from the text to the day.
fn firm(r: &Rep) -> bool {
    !r.weak && r.iv.is_some_and(|(a, b)| b - a <= 2 * DAY_SLACK)
}

/// Dates agree strongly: both known and overlapping, one of them read from
/// the text to the day (a publication date says little of when, and the
/// same one stands for every undated report of an article).
fn strong_date(a: &Rep, b: &Rep) -> bool {
    a.iv.is_some() && b.iv.is_some() && overlap(a.iv, b.iv, 0) && (firm(a) || firm(b))
}

fn claimed(r: &Rep) -> bool {
    matches!(r.status, Status::Claimed | Status::Denied)
}

/// Whether two reports cannot be of one event. Checked between every two
/// members of a cluster, so that no chain of merges joins what differs.
pub(crate) fn conflict(a: &Rep, b: &Rep) -> bool {
    let Some(rel) = type_rel(a, b) else {
        return true;
    };
    if rival_gains(a, b) {
        return true;
    }
    // Outlets may date one change of control a few days apart.
    let control = rel == TypeRel::Capture || about_control_of_same_place(a, b);
    let slack = if control && firm(a) && firm(b) {
        CONTROL_SLACK
    } else {
        0
    };
    if !overlap(a.iv, b.iv, slack) {
        return true;
    }
    let durable = a.timeless || b.timeless;
    // An undated report of a relation ("Turkey backs the GNA") is of the
    // relation, not of one dated delivery within it ("Turkey sent drones to
    // the GNA last week"): the two are told as different stories.
    if (a.timeless && b.dated_act) || (b.timeless && a.dated_act) {
        return true;
    }
    // One article telling two acts of the same kind usually tells two
    // incidents: within a document, reports merge only when both are dated
    // from the text and the dates agree, or they concern one place's control.
    if a.d == b.d && !durable && !control && !(firm(a) && firm(b)) && !a.same_reading(b) {
        return true;
    }
    let prel = place_rel(&a.place, &b.place);
    if prel == PlaceRel::Far && !(durable && same_country(a, b)) {
        return true;
    }
    match rel {
        TypeRel::Capture => {
            // The side that withdrew is not the side that took the place.
            let (taker, leaver) = if a.is_withdrawal() { (b, a) } else { (a, b) };
            if leaver.is_withdrawal() && roles(&taker.src, &leaver.src) == Some(true) {
                return true;
            }
            false
        }
        TypeRel::Same => {
            if !modes_agree(plan_mode(a, b), plan_mode(b, a), &a.kind) {
                return true;
            }
            if SYMMETRIC.contains(&a.kind.as_str()) && a.kind == b.kind {
                return roles(&party(a), &party(b)) == Some(false);
            }
            let (s, t) = (roles_between(a, &a.src, b, &b.src), roles_between(a, &a.tgt, b, &b.tgt));
            if durable {
                // A relation is its two parties.
                return s == Some(false) || t == Some(false);
            }
            if s == Some(false) && t == Some(false) {
                return true;
            }
            // Different perpetrators: only as disputed claims about one place.
            s == Some(false)
                && !((claimed(a) || claimed(b))
                    && prel >= PlaceRel::Near
                    && !a.place.as_ref().unwrap().coarse)
        }
    }
}

fn same_country(a: &Rep, b: &Rep) -> bool {
    match (
        a.place.as_ref().and_then(|p| p.country.as_ref()),
        b.place.as_ref().and_then(|p| p.country.as_ref()),
    ) {
        (Some(x), Some(y)) => x == y,
        _ => true,
    }
}

/// The evidence that two reports are of one event, or None when they are
/// not (or nothing says they are). Higher is stronger.
pub(crate) fn affinity(a: &Rep, b: &Rep) -> Option<f32> {
    if conflict(a, b) {
        return None;
    }
    let rel = type_rel(a, b)?;
    // A claim and the denial appended to it: one act, read twice.
    if a.same_reading(b) && a.kind == b.kind && a.src == b.src && a.tgt == b.tgt {
        return Some(10.0);
    }
    let prel = place_rel(&a.place, &b.place);
    let specific = |r: &Rep| r.place.as_ref().is_some_and(|p| !p.coarse);
    let strong_place = prel >= PlaceRel::Near && specific(a) && specific(b);
    let sdate = strong_date(a, b);
    // One named site on days both can hold is the strongest sign of one
    // event; a publication date says little of when.
    let mut score = match prel {
        PlaceRel::Same if strong_place => 2.5,
        PlaceRel::Same | PlaceRel::Near => 1.5,
        PlaceRel::Loose => 0.5,
        PlaceRel::Far => 0.0,
    };
    score += if sdate {
        2.0
    } else if a.iv.is_some() && b.iv.is_some() {
        if a.weak || b.weak {
            0.5
        } else {
            1.0
        }
    } else {
        0.0
    };
    if a.d == b.d {
        score += 0.5;
    }
    match rel {
        TypeRel::Capture => {
            // The same place, and a day both can hold.
            if !(strong_place && sdate) {
                return None;
            }
            Some(score + 1.0)
        }
        TypeRel::Same => {
            if plan_mode(a, b) == plan_mode(b, a) {
                score += 1.0;
            }
            if about_control_of_same_place(a, b) {
                score += 1.0;
            }
            let symmetric = SYMMETRIC.contains(&a.kind.as_str()) && a.kind == b.kind;
            let (s, t) = if symmetric {
                (roles(&party(a), &party(b)), None)
            } else {
                (roles_between(a, &a.src, b, &b.src), roles_between(a, &a.tgt, b, &b.tgt))
            };
            if a.timeless || b.timeless {
                // An undated relation: both parties must be named and agree.
                return (s == Some(true) && (symmetric || t == Some(true))).then_some(score + 6.0);
            }
            if a.weak && b.weak && !strong_place {
                // Nothing but the actors to go by: all of them must agree.
                let all = if symmetric {
                    shared_parties(a, b) >= 2 || (party(a) == party(b) && !party(a).is_empty())
                } else {
                    s == Some(true) && t == Some(true)
                };
                if !all {
                    return None;
                }
            }
            let agree = [s, t].iter().filter(|x| **x == Some(true)).count();
            let disagree = [s, t].iter().filter(|x| **x == Some(false)).count();
            if disagree > 0 || agree == 0 {
                // Disputed or unknown actors: only where place and date hold firmly.
                if !(strong_place && sdate) {
                    return None;
                }
                if disagree > 0 && agree == 0 {
                    return None;
                }
            }
            Some(score + 3.0 * agree as f32 - 2.0 * disagree as f32)
        }
    }
}
