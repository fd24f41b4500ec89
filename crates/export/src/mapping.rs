//! The mapping tables of the exports: PLOVER type/mode to CAMEO event codes,
//! QuadClass and Goldstein values (for the GDELT layout), PLOVER quad codes
//! and "Schrodt scores" (for PLOVER records), and PLOVER type/mode to ACLED
//! event and sub-event types and "inter" codes.
//!
//! The human-readable version of every table is in `docs/exports.md`; keep
//! the two in step.

use sitrep_model::{Control, EntityType, Plan};

// ---------------------------------------------------------------------------
// CAMEO
// ---------------------------------------------------------------------------

pub use sitrep_model::cameo_root;

/// PLOVER (type, mode) -> CAMEO 3- or 4-digit event code, where the mode
/// names a CAMEO sub-category. Pairs not listed get the root code + "0"
/// ("190"). Every code here starts with `cameo_root(type, mode)`.
pub const CAMEO_BY_MODE: &[(&str, &str, &str)] = &[
    // 04 CONSULT
    ("CONSULT", "phone", "041"),         // Discuss by telephone
    ("CONSULT", "visit", "042"),         // Make a visit
    ("CONSULT", "third-party", "044"),   // Meet at a "third" location
    // 07 PROVIDE AID
    ("AID", "funding", "071"),           // Provide economic aid
    ("AID", "troops", "072"),            // Provide military aid
    ("AID", "weapons", "072"),
    ("AID", "mercenaries", "072"),
    ("AID", "humanitarian", "073"),      // Provide humanitarian aid
    // 08 YIELD (material: RETREAT)
    ("RETREAT", "resign", "0831"),       // Accede to demands for change in leadership
    ("RETREAT", "release", "0841"),      // Return, release person(s)
    ("RETREAT", "access", "0863"),       // Allow humanitarian access
    ("RETREAT", "ceasefire", "0871"),    // Declare truce, ceasefire
    ("RETREAT", "disarm", "0873"),       // Demobilize armed forces
    ("RETREAT", "withdraw", "0874"),     // Retreat or surrender militarily
    // 09 INVESTIGATE / 11 DISAPPROVE
    ("ACCUSE", "investigate", "090"),    // Investigate
    ("ACCUSE", "disapprove", "111"),     // Criticize or denounce
    ("ACCUSE", "allege", "112"),         // Accuse
    // 10 DEMAND
    ("REQUEST", "assist", "103"),        // Demand aid
    ("REQUEST", "change", "104"),        // Demand political reform
    ("REQUEST", "yield", "105"),         // Demand that target yields
    ("REQUEST", "meet", "106"),          // Demand meeting, negotiation
    // 12 REJECT
    ("REJECT", "assist", "122"),         // Reject request or demand for aid
    ("REJECT", "change", "123"),         // Reject demand for political reform
    ("REJECT", "yield", "124"),          // Refuse to yield
    ("REJECT", "meet", "125"),           // Reject proposal to meet, negotiate
    // 13 THREATEN
    ("THREATEN", "relations", "1313"),   // Threaten to reduce or break relations
    ("THREATEN", "restrict", "132"),     // Threaten with administrative sanctions
    ("THREATEN", "arrest", "137"),       // Threaten with repression
    ("THREATEN", "expel", "138"),        // Threaten to use military force
    ("THREATEN", "violence", "138"),
    ("THREATEN", "territory", "1382"),   // Threaten occupation
    // 14 PROTEST
    ("PROTEST", "demo", "141"),          // Demonstrate or rally
    ("PROTEST", "hunger", "142"),        // Conduct hunger strike
    ("PROTEST", "strike", "143"),        // Conduct strike or boycott
    ("PROTEST", "boycott", "143"),
    ("PROTEST", "obstruct", "144"),      // Obstruct passage, block
    ("PROTEST", "riot", "145"),          // Protest violently, riot
    ("PROTEST", "vandalize", "145"),
    // 15 EXHIBIT FORCE POSTURE
    ("MOBILIZE", "weapons", "152"),      // Increase military alert status
    ("MOBILIZE", "police", "153"),       // Mobilize or increase police power
    ("MOBILIZE", "troops", "154"),       // Mobilize or increase armed forces
    ("MOBILIZE", "militia", "154"),
    // 16 REDUCE RELATIONS
    ("SANCTION", "discontinue", "162"),  // Reduce or stop aid
    ("SANCTION", "expel", "166"),        // Expel or withdraw
    ("SANCTION", "withdraw", "166"),
    // 17 COERCE
    ("COERCE", "seize", "1711"),         // Confiscate property
    ("COERCE", "restrict", "172"),       // Impose administrative sanctions
    ("COERCE", "censor", "1721"),        // Impose restrictions on political freedoms
    ("COERCE", "curfew", "1723"),        // Impose curfew
    ("COERCE", "martial-law", "1724"),   // Impose state of emergency or martial law
    ("COERCE", "arrest", "173"),         // Arrest, detain, or charge with legal action
    ("COERCE", "deport", "174"),         // Expel or deport individuals
    // 18 ASSAULT
    ("ASSAULT", "abduct", "181"),        // Abduct, hijack, or take hostage
    ("ASSAULT", "beat", "182"),          // Physically assault
    ("ASSAULT", "sexual", "1821"),       // Sexually assault
    ("ASSAULT", "torture", "1822"),      // Torture
    ("ASSAULT", "explosives", "183"),    // Conduct suicide, car, or other non-military bombing
    ("ASSAULT", "suicide-attack", "1831"), // Carry out suicide bombing
    ("ASSAULT", "targeted", "186"),      // Assassinate
    // 19 FIGHT
    ("ASSAULT", "firearms", "193"),      // Fight with small arms and light weapons
    ("ASSAULT", "heavy-weapons", "194"), // Fight with artillery and tanks
    ("ASSAULT", "aerial", "195"),        // Employ aerial weapons
    ("ASSAULT", "drone", "195"),
];

/// For AGREE read from an intention, the event intended (`plan`) picks the
/// 03x "express intent to ..." code. (plan type, plan mode or "" for any).
pub const CAMEO_AGREE_BY_PLAN: &[(&str, &str, &str)] = &[
    ("AID", "funding", "0331"),      // Express intent to provide economic aid
    ("AID", "troops", "0332"),       // ... military aid
    ("AID", "weapons", "0332"),
    ("AID", "mercenaries", "0332"),
    ("AID", "humanitarian", "0333"), // ... humanitarian aid
    ("AID", "", "033"),              // Express intent to provide material aid
    ("COOPERATE", "", "031"),        // Express intent to engage in material cooperation
    ("SUPPORT", "", "032"),          // Express intent to engage in diplomatic cooperation
    ("CONSULT", "", "036"),          // Express intent to meet or negotiate
    ("RETREAT", "release", "0353"),  // Express intent to release persons or property
    ("RETREAT", "ceasefire", "0356"), // Express intent to de-escalate military engagement
    ("RETREAT", "withdraw", "0356"),
    ("RETREAT", "", "035"),          // Express intent to yield
    ("CONCEDE", "", "035"),
];

/// The CAMEO event code of an event: the mode's sub-category where
/// [`CAMEO_BY_MODE`] (or, for AGREE, [`CAMEO_AGREE_BY_PLAN`]) gives one;
/// an ASSAULT without a mode that changes who holds a place is 192 (occupy
/// territory); otherwise the root code + "0". `root` overrides the root
/// derived from type and mode (the event's own `cameo` field); a table
/// code that does not start with it is dropped for `root + "0"`.
pub fn cameo_code(kind: &str, mode: Option<&str>, plan: Option<&Plan>, control: bool, root: Option<&str>) -> String {
    let root = root.filter(|r| r.len() == 2 && r.bytes().all(|b| b.is_ascii_digit())).unwrap_or(cameo_root(kind, mode));
    let mut code: Option<&str> = mode.and_then(|m| CAMEO_BY_MODE.iter().find(|(k, md, _)| *k == kind && *md == m).map(|t| t.2));
    if code.is_none() && kind == "AGREE" {
        if let Some(p) = plan {
            let pm = p.mode.as_deref().unwrap_or("");
            code = CAMEO_AGREE_BY_PLAN
                .iter()
                .find(|(k, m, _)| *k == p.kind && *m == pm)
                .or_else(|| CAMEO_AGREE_BY_PLAN.iter().find(|(k, m, _)| *k == p.kind && m.is_empty()))
                .map(|t| t.2);
        }
    }
    if code.is_none() && kind == "ASSAULT" && mode.is_none() && control {
        code = Some("192"); // Occupy territory
    }
    match code {
        Some(c) if c.starts_with(root) => c.to_string(),
        _ => format!("{root}0"),
    }
}

/// Goldstein scale values of the CAMEO codes the export can produce (from
/// the CAMEO scale file distributed with CAMEO and GDELT). Codes not listed
/// fall back to their 3-digit base, then to [`GOLDSTEIN_ROOT`].
pub const GOLDSTEIN: &[(&str, f64)] = &[
    ("030", 4.0), ("031", 5.2), ("032", 4.5), ("033", 5.2), ("0331", 5.2), ("0332", 5.2), ("0333", 5.2),
    ("035", 7.0), ("0353", 7.0), ("0356", 7.0), ("036", 4.0),
    ("040", 1.0), ("041", 1.0), ("042", 1.9), ("044", 2.5),
    ("050", 3.5),
    ("060", 6.0),
    ("070", 7.0), ("071", 7.4), ("072", 8.3), ("073", 7.4),
    ("080", 5.0), ("083", 5.0), ("0831", 5.0), ("084", 7.0), ("0841", 7.0), ("086", 9.0), ("0863", 9.0),
    ("087", 9.0), ("0871", 9.0), ("0873", 9.0), ("0874", 10.0),
    ("090", -2.0),
    ("100", -5.0), ("103", -5.0), ("104", -5.0), ("105", -5.0), ("106", -5.0),
    ("110", -2.0), ("111", -2.0), ("112", -2.0),
    ("120", -4.0), ("122", -4.0), ("123", -4.0), ("124", -4.0), ("125", -5.0),
    ("130", -4.4), ("131", -5.8), ("1313", -5.8), ("132", -5.8), ("137", -7.0), ("138", -7.0), ("1382", -7.0),
    ("140", -6.5), ("141", -6.5), ("142", -6.5), ("143", -6.5), ("144", -7.5), ("145", -7.5),
    ("150", -7.2), ("152", -7.2), ("153", -7.2), ("154", -7.2),
    ("160", -4.0), ("162", -5.6), ("166", -7.0),
    ("170", -7.0), ("171", -9.2), ("1711", -9.2), ("172", -5.0), ("1721", -5.0), ("1723", -5.0), ("1724", -5.0),
    ("173", -5.0), ("174", -5.0),
    ("180", -9.0), ("181", -9.0), ("182", -9.5), ("1821", -9.0), ("1822", -9.0), ("183", -10.0), ("1831", -10.0),
    ("186", -10.0),
    ("190", -10.0), ("192", -9.5), ("193", -10.0), ("194", -10.0), ("195", -10.0),
    ("200", -10.0),
];

/// Goldstein values of the CAMEO root codes (the "x0" codes).
pub const GOLDSTEIN_ROOT: &[(&str, f64)] = &[
    ("01", 0.0), ("02", 3.0), ("03", 4.0), ("04", 1.0), ("05", 3.5), ("06", 6.0), ("07", 7.0), ("08", 5.0),
    ("09", -2.0), ("10", -5.0), ("11", -2.0), ("12", -4.0), ("13", -4.4), ("14", -6.5), ("15", -7.2),
    ("16", -4.0), ("17", -7.0), ("18", -9.0), ("19", -10.0), ("20", -10.0),
];

/// Goldstein value of a CAMEO code: the code, else its base, else its root.
pub fn goldstein(code: &str) -> f64 {
    let find = |c: &str| GOLDSTEIN.iter().find(|(k, _)| *k == c).map(|t| t.1);
    find(code)
        .or_else(|| code.get(..3).and_then(find))
        .or_else(|| code.get(..2).and_then(|r| GOLDSTEIN_ROOT.iter().find(|(k, _)| *k == r).map(|t| t.1)))
        .unwrap_or(0.0)
}

/// GDELT QuadClass by PLOVER type: 1 verbal cooperation, 2 material
/// cooperation, 3 verbal conflict, 4 material conflict.
pub const QUAD_CLASS: &[(&str, u8)] = &[
    ("AGREE", 1), ("CONSULT", 1), ("SUPPORT", 1), ("CONCEDE", 1),
    ("COOPERATE", 2), ("AID", 2), ("RETREAT", 2),
    ("REQUEST", 3), ("ACCUSE", 3), ("REJECT", 3), ("THREATEN", 3),
    ("PROTEST", 4), ("SANCTION", 4), ("MOBILIZE", 4), ("COERCE", 4), ("ASSAULT", 4),
];

/// QuadClass of a PLOVER type (GDELT layout); 0 for an unknown type.
pub fn quad_class(kind: &str) -> u8 {
    QUAD_CLASS.iter().find(|(k, _)| *k == kind).map(|t| t.1).unwrap_or(0)
}

/// PLOVER `quad_code`: the manual's quad table, which differs from
/// [`quad_class`] only in putting SANCTION in verbal conflict (3).
pub fn plover_quad(kind: &str) -> u8 {
    if kind == "SANCTION" {
        3
    } else {
        quad_class(kind)
    }
}

/// PLOVER `event_scale`: the manual's numeric conflict-cooperation
/// ("Schrodt") score of each PLOVER category.
pub const EVENT_SCALE: &[(&str, f64)] = &[
    ("ASSAULT", -9.3), ("COERCE", -7.2), ("PROTEST", -6.6), ("MOBILIZE", -5.3), ("SANCTION", -5.2),
    ("THREATEN", -5.1), ("REQUEST", -5.0), ("REJECT", -4.2), ("ACCUSE", -2.0), ("CONSULT", 2.1),
    ("AGREE", 4.2), ("SUPPORT", 4.6), ("CONCEDE", 5.0), ("COOPERATE", 6.8), ("AID", 7.4), ("RETREAT", 7.6),
];

pub fn event_scale(kind: &str) -> Option<f64> {
    EVENT_SCALE.iter().find(|(k, _)| *k == kind).map(|t| t.1)
}

/// PLOVER `context` values implied by an event's type, mode, plan and
/// control (the manual's general contexts; sitrep codes no others).
pub fn plover_context(kind: &str, mode: Option<&str>, control: bool) -> Vec<&'static str> {
    let mut out = Vec::new();
    match (kind, mode) {
        ("ASSAULT", Some("unconventional")) => out.extend(["military", "cbrn"]),
        ("ASSAULT" | "MOBILIZE", _) => out.push("military"),
        ("AID", Some("humanitarian")) | ("RETREAT", Some("access")) => out.push("humanitarian"),
        ("AID", Some("funding")) => out.push("economic"),
        ("AID", _) => out.push("military"),
        ("RETREAT", Some("ceasefire" | "withdraw" | "disarm")) => out.push("military"),
        ("SANCTION", Some("convict")) | ("COERCE", Some("arrest" | "deport")) => out.push("legal"),
        ("CONSULT" | "SUPPORT" | "AGREE" | "SANCTION", _) => out.push("diplomatic"),
        ("COERCE", Some("cyber")) => out.push("cyber"),
        ("COERCE", Some("censor" | "restrict" | "curfew" | "martial-law")) => out.push("rights_freedoms"),
        _ => {}
    }
    if control {
        out.push("resource");
    }
    out
}

// ---------------------------------------------------------------------------
// ACLED
// ---------------------------------------------------------------------------

/// An ACLED event classification.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AcledType {
    pub disorder_type: &'static str,
    pub event_type: &'static str,
    pub sub_event_type: &'static str,
}

const PV: &str = "Political violence";
const DEMO: &str = "Demonstrations";
const SD: &str = "Strategic developments";
const BATTLES: &str = "Battles";
const ERV: &str = "Explosions/Remote violence";
const VAC: &str = "Violence against civilians";

const fn t(disorder_type: &'static str, event_type: &'static str, sub_event_type: &'static str) -> AcledType {
    AcledType { disorder_type, event_type, sub_event_type }
}

/// PLOVER types ACLED does not record (rhetoric, diplomacy, sanctions):
/// they are left out of the ACLED export.
pub const ACLED_EXCLUDED_TYPES: &[&str] = &["CONSULT", "REQUEST", "ACCUSE", "REJECT", "THREATEN", "SANCTION"];

/// ASSAULT modes that are one-sided remote violence whatever the target.
pub const ACLED_REMOTE: &[(&str, &str)] = &[
    ("aerial", "Air/drone strike"),
    ("drone", "Air/drone strike"),
    ("heavy-weapons", "Shelling/artillery/missile attack"),
    ("suicide-attack", "Suicide bomb"),
    ("explosives", "Remote explosive/landmine/IED"),
    ("unconventional", "Chemical weapon"),
];

/// What ACLED needs to know about the sides of an event.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Sides {
    /// Whoever gained a place is a state force of that place's country
    /// (inter code 1).
    pub gainer_is_state: bool,
    /// There are targets and all are unarmed (civilians, media, persons
    /// without an armed sector).
    pub target_civilian: bool,
    /// A target is an armed actor (armed group, government, state).
    pub target_armed: bool,
}

/// ACLED event and sub-event type of a PLOVER type/mode. `None`: ACLED does
/// not record it (see [`ACLED_EXCLUDED_TYPES`]).
///
/// ASSAULT: a change of control is a battle over territory ("Government
/// regains territory" when the gainer is a state force of the place's
/// country, else "Non-state actor overtakes territory", which ACLED also uses
/// for foreign state forces); air/drone, heavy-weapons, suicide, explosive
/// and unconventional modes are remote violence; sexual violence and
/// abduction of unarmed people are violence against civilians (capturing
/// fighters is a battle); crowd control is excessive force against
/// protesters; destroy is property destruction; anything else is an armed
/// clash, or an attack on civilians when every target is unarmed.
pub fn acled_type(kind: &str, mode: Option<&str>, control: Option<&Control>, sides: Sides) -> Option<AcledType> {
    if ACLED_EXCLUDED_TYPES.contains(&kind) {
        return None;
    }
    let gained = control.map(|c| !c.gained_by.is_empty()).unwrap_or(false);
    let ty = match kind {
        "ASSAULT" => {
            if gained {
                if sides.gainer_is_state {
                    t(PV, BATTLES, "Government regains territory")
                } else {
                    t(PV, BATTLES, "Non-state actor overtakes territory")
                }
            } else if let Some(sub) = mode.and_then(|m| ACLED_REMOTE.iter().find(|(k, _)| *k == m)).map(|x| x.1) {
                t(PV, ERV, sub)
            } else {
                match mode {
                    Some("sexual") => t(PV, VAC, "Sexual violence"),
                    Some("abduct") if sides.target_armed => t(PV, BATTLES, "Armed clash"),
                    Some("abduct") => t(PV, VAC, "Abduction/forced disappearance"),
                    Some("crowd-control") => t(DEMO, "Protests", "Excessive force against protesters"),
                    Some("destroy") => t(SD, SD, "Looting/property destruction"),
                    _ if sides.target_civilian => t(PV, VAC, "Attack"),
                    _ => t(PV, BATTLES, "Armed clash"),
                }
            }
        }
        "PROTEST" => match mode {
            Some("riot" | "vandalize") => t(DEMO, "Riots", "Violent demonstration"),
            _ => t(DEMO, "Protests", "Peaceful protest"),
        },
        "COERCE" => match mode {
            Some("arrest") => t(SD, SD, "Arrests"),
            Some("seize") => t(SD, SD, "Looting/property destruction"),
            _ => t(SD, SD, "Other"),
        },
        "MOBILIZE" => t(SD, SD, "Change to group/activity"),
        "RETREAT" => match mode {
            _ if control.is_some() => t(SD, SD, "Non-violent transfer of territory"),
            Some("withdraw" | "disarm") => t(SD, SD, "Change to group/activity"),
            Some("ceasefire" | "release" | "access") => t(SD, SD, "Agreement"),
            _ => t(SD, SD, "Other"),
        },
        "AGREE" | "SUPPORT" | "CONCEDE" => t(SD, SD, "Agreement"),
        "AID" => match mode {
            Some("troops" | "weapons" | "mercenaries") => t(SD, SD, "Change to group/activity"),
            _ => t(SD, SD, "Other"),
        },
        "COOPERATE" => t(SD, SD, "Other"),
        _ => t(SD, SD, "Other"),
    };
    Some(ty)
}

/// Sectors of armed actors.
pub const ARMED_SECTORS: &[&str] = &["MIL", "REB", "PRM", "UAF", "COP", "SPY"];
/// Sectors of state actors (ACLED inter code 1 at home, 8 abroad).
pub const STATE_SECTORS: &[&str] = &["GOV", "MIL", "COP", "SPY", "JUD", "LEG"];
/// Sectors of unarmed people and bodies (ACLED inter code 7).
pub const CIVILIAN_SECTORS: &[&str] =
    &["CVL", "REF", "JRN", "MED", "HLH", "EDU", "REL", "BUS", "LAB", "AGR", "SOC", "ELI", "OPP", "PTY"];
/// Actor codes of international actors (ACLED inter code 8).
pub const INTERNATIONAL_CODES: &[&str] = &["IGO", "UNO", "EUR", "NGO", "ISM", "MNC"];

/// The facts about an actor the ACLED mapping uses.
#[derive(Debug, Clone, Copy)]
pub struct ActorFacts<'a> {
    pub kind: EntityType,
    pub code: Option<&'a str>,
    pub sector: Option<&'a str>,
    pub country: Option<&'a str>,
}

impl ActorFacts<'_> {
    pub fn is_armed(&self) -> bool {
        self.sector.map(|s| ARMED_SECTORS.contains(&s)).unwrap_or(false)
            || self.code == Some("IMG")
            || matches!(self.kind, EntityType::ArmedGroup | EntityType::Government | EntityType::Country)
    }
    pub fn is_civilian(&self) -> bool {
        if self.is_armed() {
            return false;
        }
        match self.sector {
            Some(s) if CIVILIAN_SECTORS.contains(&s) => true,
            // an official or politician is unarmed unless their sector says otherwise
            Some(_) => self.kind == EntityType::Person,
            None => matches!(self.kind, EntityType::Person | EntityType::Media | EntityType::Organization | EntityType::Other),
        }
    }
    fn home(&self) -> Option<&str> {
        self.country.or(self.code.filter(|c| !INTERNATIONAL_CODES.contains(c) && *c != "IMG"))
    }
    /// Whether it is a state force of `country` (unknown country: any state).
    pub fn is_state_of(&self, country: Option<&str>) -> bool {
        let state = match self.sector {
            Some(s) => STATE_SECTORS.contains(&s),
            None => matches!(self.kind, EntityType::Government | EntityType::Country),
        };
        state && (country.is_none() || self.home() == country)
    }
}

/// ACLED "inter" code of an actor in an event located in `country`:
/// 1 state forces, 2 rebel groups, 3 political militias, 5 rioters,
/// 6 protesters, 7 civilians, 8 external/other forces. `protest` is the
/// PROTEST mode when the actor is a protest's source (5 for riots, else 6).
pub fn acled_inter(a: ActorFacts<'_>, country: Option<&str>, protest: Option<Option<&str>>) -> u8 {
    if let Some(m) = protest {
        return acled_inter_unknown(m);
    }
    if a.code.map(|c| INTERNATIONAL_CODES.contains(&c)).unwrap_or(false) {
        return 8;
    }
    if a.code == Some("IMG") {
        return 2;
    }
    match a.sector {
        Some("REB") => 2,
        Some("PRM" | "UAF") => 3,
        Some(s) if STATE_SECTORS.contains(&s) => {
            if a.is_state_of(country) {
                1
            } else {
                8
            }
        }
        Some(s) if CIVILIAN_SECTORS.contains(&s) => 7,
        _ => match a.kind {
            EntityType::Country | EntityType::Government => {
                if a.is_state_of(country) {
                    1
                } else {
                    8
                }
            }
            EntityType::ArmedGroup => 3,
            EntityType::InternationalOrg | EntityType::Organization => 8,
            _ => 7,
        },
    }
}

/// Inter code of an unnamed protest's participants: 5 rioters, 6 protesters.
pub fn acled_inter_unknown(protest_mode: Option<&str>) -> u8 {
    if matches!(protest_mode, Some("riot" | "vandalize")) {
        5
    } else {
        6
    }
}

/// ACLED "interaction": the two inter codes, smaller first; a sole actor
/// is its code followed by 0.
pub fn acled_interaction(inter1: Option<u8>, inter2: Option<u8>) -> String {
    match (inter1, inter2) {
        (Some(a), Some(b)) => format!("{}{}", a.min(b), a.max(b)),
        (Some(a), None) | (None, Some(a)) => format!("{a}0"),
        (None, None) => String::new(),
    }
}

/// ACLED geo_precision from a place's feature: 1 a town or a site in it,
/// 2 a small part of a region, 3 a region or a country.
pub fn acled_geo_precision(feature: Option<&str>) -> u8 {
    match feature {
        Some("region" | "country") => 3,
        Some(_) | None => 1,
    }
}

/// GDELT Geo_Type from a place's feature: 1 country, 5 world state
/// (first-level region), 4 world city (any settlement or site).
pub fn gdelt_geo_type(feature: Option<&str>) -> u8 {
    match feature {
        Some("country") => 1,
        Some("region") => 5,
        _ => 4,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL_TYPES: [&str; 16] = [
        "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
        "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
    ];

    #[test]
    fn every_table_code_starts_with_its_root_and_has_a_goldstein_value() {
        for (k, m, c) in CAMEO_BY_MODE {
            let root = cameo_root(k, Some(m));
            assert!(c.starts_with(root), "{k}/{m} -> {c} not under {root}");
            assert_eq!(cameo_code(k, Some(m), None, false, None), *c);
            assert!(GOLDSTEIN.iter().any(|(g, _)| g == c), "no Goldstein for {c}");
        }
        for (_, _, c) in CAMEO_AGREE_BY_PLAN {
            assert!(c.starts_with("03"));
            assert!(GOLDSTEIN.iter().any(|(g, _)| g == c), "no Goldstein for {c}");
        }
        for k in ALL_TYPES {
            assert!(quad_class(k) >= 1, "{k}");
            assert!(event_scale(k).is_some(), "{k}");
            let code = cameo_code(k, None, None, false, None);
            assert_eq!(code.len(), 3);
            assert!(GOLDSTEIN.iter().any(|(g, _)| *g == code), "no Goldstein for {code}");
        }
    }

    #[test]
    fn codes_follow_mode_plan_control_and_the_event_root() {
        assert_eq!(cameo_code("ASSAULT", Some("drone"), None, false, None), "195");
        assert_eq!(cameo_code("ASSAULT", None, None, true, None), "192");
        assert_eq!(cameo_code("ASSAULT", None, None, false, None), "190");
        assert_eq!(cameo_code("ASSAULT", Some("unconventional"), None, false, None), "200");
        assert_eq!(cameo_code("AID", Some("weapons"), None, false, None), "072");
        assert_eq!(cameo_code("ACCUSE", Some("investigate"), None, false, None), "090");
        let plan = Plan { kind: "AID".into(), mode: Some("troops".into()) };
        assert_eq!(cameo_code("AGREE", None, Some(&plan), false, None), "0332");
        let plan = Plan { kind: "CONSULT".into(), mode: None };
        assert_eq!(cameo_code("AGREE", None, Some(&plan), false, None), "036");
        // the event's own root wins over the table
        assert_eq!(cameo_code("ASSAULT", Some("drone"), None, false, Some("18")), "180");
        assert_eq!(goldstein("195"), -10.0);
        assert_eq!(goldstein("0874"), 10.0);
        assert_eq!(goldstein("1999"), -10.0); // falls back to the root
        assert_eq!(quad_class("CONCEDE"), 1);
        assert_eq!(quad_class("SANCTION"), 4);
        assert_eq!(plover_quad("SANCTION"), 3);
    }

    #[test]
    fn acled_types_follow_the_documented_table() {
        let armed = Sides { target_armed: true, ..Sides::default() };
        let civ = Sides { target_civilian: true, ..Sides::default() };
        let ctl = Control { place: "x".into(), gained_by: vec!["a".into()], lost_by: vec![] };
        let s = |k, m, c, sd| acled_type(k, m, c, sd).map(|t| (t.event_type, t.sub_event_type));
        assert_eq!(s("ASSAULT", Some("drone"), None, civ), Some((ERV, "Air/drone strike")));
        assert_eq!(s("ASSAULT", Some("heavy-weapons"), None, armed), Some((ERV, "Shelling/artillery/missile attack")));
        assert_eq!(
            s("ASSAULT", None, Some(&ctl), Sides { gainer_is_state: true, ..armed }),
            Some((BATTLES, "Government regains territory"))
        );
        assert_eq!(s("ASSAULT", None, Some(&ctl), armed), Some((BATTLES, "Non-state actor overtakes territory")));
        assert_eq!(s("ASSAULT", Some("abduct"), None, civ), Some((VAC, "Abduction/forced disappearance")));
        assert_eq!(s("ASSAULT", Some("abduct"), None, armed), Some((BATTLES, "Armed clash")));
        assert_eq!(s("ASSAULT", Some("firearms"), None, civ), Some((VAC, "Attack")));
        assert_eq!(s("ASSAULT", None, None, Sides::default()), Some((BATTLES, "Armed clash")));
        assert_eq!(s("PROTEST", Some("demo"), None, civ), Some(("Protests", "Peaceful protest")));
        assert_eq!(s("PROTEST", Some("riot"), None, civ), Some(("Riots", "Violent demonstration")));
        assert_eq!(s("AGREE", None, None, armed), Some((SD, "Agreement")));
        assert_eq!(s("RETREAT", Some("withdraw"), Some(&ctl), armed), Some((SD, "Non-violent transfer of territory")));
        assert_eq!(s("COERCE", Some("arrest"), None, civ), Some((SD, "Arrests")));
        assert_eq!(s("THREATEN", Some("violence"), None, armed), None);
        assert_eq!(s("CONSULT", None, None, armed), None);
    }

    #[test]
    fn inter_codes() {
        let lna = ActorFacts { kind: EntityType::ArmedGroup, code: Some("LBY"), sector: Some("MIL"), country: Some("LBY") };
        let tur = ActorFacts { kind: EntityType::Country, code: Some("TUR"), sector: Some("GOV"), country: Some("TUR") };
        let civ = ActorFacts { kind: EntityType::Person, code: Some("LBY"), sector: Some("CVL"), country: Some("LBY") };
        let un = ActorFacts { kind: EntityType::InternationalOrg, code: Some("UNO"), sector: None, country: None };
        let reb = ActorFacts { kind: EntityType::ArmedGroup, code: Some("SYR"), sector: Some("REB"), country: Some("SYR") };
        assert_eq!(acled_inter(lna, Some("LBY"), None), 1);
        assert_eq!(acled_inter(tur, Some("LBY"), None), 8);
        assert_eq!(acled_inter(civ, Some("LBY"), None), 7);
        assert_eq!(acled_inter(un, Some("LBY"), None), 8);
        assert_eq!(acled_inter(reb, Some("SYR"), None), 2);
        assert_eq!(acled_inter(civ, Some("LBY"), Some(Some("riot"))), 5);
        assert_eq!(acled_interaction(Some(8), Some(1)), "18");
        assert_eq!(acled_interaction(Some(6), None), "60");
        assert!(civ.is_civilian() && !lna.is_civilian() && lna.is_armed());
        let minister = ActorFacts { kind: EntityType::Person, code: Some("LBY"), sector: Some("GOV"), country: Some("LBY") };
        assert!(minister.is_civilian() && !minister.is_armed());
        let commander = ActorFacts { kind: EntityType::Person, code: Some("LBY"), sector: Some("MIL"), country: Some("LBY") };
        assert!(!commander.is_civilian() && commander.is_armed());
    }
}
