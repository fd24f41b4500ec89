//! Colours, PLOVER type order and date arithmetic shared by the figures.

use sitrep_model::PartialDate;
use sitrep_picture::Relation;

/// The sixteen PLOVER types, from material conflict to material cooperation
/// (the order of legends, timeline lanes and summaries).
pub const TYPES: [&str; 16] = [
    "ASSAULT", "COERCE", "THREATEN", "MOBILIZE", "SANCTION", "PROTEST", "ACCUSE", "REJECT", "REQUEST", "RETREAT",
    "CONCEDE", "CONSULT", "AGREE", "SUPPORT", "COOPERATE", "AID",
];

/// Position of a type in [`TYPES`] (unknown types last).
pub fn type_rank(kind: &str) -> usize {
    TYPES.iter().position(|t| t.eq_ignore_ascii_case(kind)).unwrap_or(TYPES.len())
}

/// Colour of a PLOVER type. Built on the Okabe–Ito and Paul Tol palettes,
/// which stay distinct for the common forms of colour blindness; the
/// verbal types share greys, and every figure also labels its colours.
pub fn type_colour(kind: &str) -> &'static str {
    match kind.to_ascii_uppercase().as_str() {
        "ASSAULT" => "#D55E00",
        "COERCE" => "#CC79A7",
        "THREATEN" => "#E69F00",
        "MOBILIZE" => "#999933",
        "SANCTION" => "#882255",
        "PROTEST" => "#DDCC77",
        "ACCUSE" => "#555555",
        "REJECT" => "#888888",
        "REQUEST" => "#AAAAAA",
        "RETREAT" => "#000000",
        "CONCEDE" => "#44AA99",
        "CONSULT" => "#56B4E9",
        "AGREE" => "#332288",
        "SUPPORT" => "#0072B2",
        "COOPERATE" => "#88CCEE",
        "AID" => "#009E73",
        _ => "#777777",
    }
}

/// Colours for the holders of places (Paul Tol's "bright" scheme).
pub const HOLDERS: [&str; 6] = ["#4477AA", "#EE6677", "#228833", "#CCBB44", "#66CCEE", "#AA3377"];
/// Colour of a holder beyond the palette, or of an unknown holder.
pub const HOLDER_OTHER: &str = "#BBBBBB";

pub fn relation_colour(r: Relation) -> &'static str {
    match r {
        Relation::Support => "#009E73",
        Relation::Hostility => "#D55E00",
    }
}

pub fn relation_name(r: Relation) -> &'static str {
    match r {
        Relation::Support => "support",
        Relation::Hostility => "hostility",
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date.
pub fn days_from_civil(y: i32, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y as i64 - 1 } else { y as i64 };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = (m as i64 + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146097 + doe - 719468
}

/// (year, month, day) of a day number.
pub fn civil_from_days(z: i64) -> (i32, u32, u32) {
    let z = z + 719468;
    let era = if z >= 0 { z } else { z - 146096 } / 146097;
    let doe = z - era * 146097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    ((if m <= 2 { y + 1 } else { y }) as i32, m, d)
}

/// The days a partial date covers: `[start, end)` in day numbers.
pub fn date_span(d: &PartialDate) -> (i64, i64) {
    match (d.month, d.day) {
        (Some(m), Some(day)) => {
            let s = days_from_civil(d.year, m as u32, day as u32);
            (s, s + 1)
        }
        (Some(m), None) => {
            let s = days_from_civil(d.year, m as u32, 1);
            let e = if m == 12 { days_from_civil(d.year + 1, 1, 1) } else { days_from_civil(d.year, m as u32 + 1, 1) };
            (s, e)
        }
        _ => (days_from_civil(d.year, 1, 1), days_from_civil(d.year + 1, 1, 1)),
    }
}

pub const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/// Formats a coordinate for SVG output (one decimal, no `-0.0`).
pub fn f1(v: f64) -> String {
    let r = (v * 10.0).round() / 10.0;
    if r == 0.0 {
        "0".to_string()
    } else if r.fract() == 0.0 {
        format!("{}", r as i64)
    } else {
        format!("{r:.1}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_numbers_round_trip() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2020, 5, 18), 18400);
        for z in [-1000, 0, 18400, 20000, 3000] {
            let (y, m, d) = civil_from_days(z);
            assert_eq!(days_from_civil(y, m, d), z);
        }
        let (s, e) = date_span(&PartialDate::month(2020, 2));
        assert_eq!(e - s, 29);
        let (s, e) = date_span(&PartialDate::year(2020));
        assert_eq!(e - s, 366);
    }

    #[test]
    fn every_type_has_a_colour() {
        for t in TYPES {
            assert_ne!(type_colour(t), "#777777");
        }
        assert_eq!(f1(-0.04), "0");
        assert_eq!(f1(12.0), "12");
        assert_eq!(f1(12.34), "12.3");
    }
}
