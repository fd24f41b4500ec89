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

pub use sitrep_model::{civil_from_days, day_number as days_from_civil};

/// The days a partial date covers: `[start, end)` in day numbers.
pub fn date_span(d: &PartialDate) -> (i64, i64) {
    let (a, b) = d.day_span();
    (a, b + 1)
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
