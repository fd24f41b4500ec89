//! A calendar date known to a year, a month or a day.

use serde::{de, Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// How precisely a date is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    Day,
    Week,
    Month,
    Year,
}

/// A date as precise as the text allows: `2020`, `2020-05` or `2020-05-18`.
/// Serialised as that ISO string.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PartialDate {
    pub year: i32,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

impl PartialDate {
    pub fn year(year: i32) -> Self {
        PartialDate { year, month: None, day: None }
    }
    pub fn month(year: i32, month: u8) -> Self {
        PartialDate { year, month: Some(month), day: None }
    }
    pub fn day(year: i32, month: u8, day: u8) -> Self {
        PartialDate { year, month: Some(month), day: Some(day) }
    }
    /// The coarsest precision this value can express (week is never implied).
    pub fn precision(&self) -> Precision {
        match (self.month, self.day) {
            (Some(_), Some(_)) => Precision::Day,
            (Some(_), None) => Precision::Month,
            _ => Precision::Year,
        }
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{:02}", m)?;
            if let Some(d) = self.day {
                write!(f, "-{:02}", d)?;
            }
        }
        Ok(())
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (negative before).
pub fn day_number(y: i32, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y as i64 - 1 } else { y as i64 };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = (m as i64 + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146097 + doe - 719468
}

/// (year, month, day) of a day number (the inverse of [`day_number`]).
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
    ((y + i64::from(m <= 2)) as i32, m, d)
}

impl PartialDate {
    /// The first and last day (day numbers, inclusive) the date covers.
    pub fn day_span(&self) -> (i64, i64) {
        match (self.month, self.day) {
            (Some(m), Some(d)) => {
                let n = day_number(self.year, m as u32, d as u32);
                (n, n)
            }
            (Some(m), None) => (day_number(self.year, m as u32, 1), day_number(self.year, m as u32, days_in_month(self.year, m) as u32)),
            _ => (day_number(self.year, 1, 1), day_number(self.year, 12, 31)),
        }
    }
}

/// The days an approximate expression narrows its date to: `late 2019` is
/// 2019-09-01..2019-12-31 although its date is the year 2019, and `more than
/// a year ago` ends a year before publication. Both ends are days, inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct DateRange {
    pub from: PartialDate,
    pub to: PartialDate,
}

impl DateRange {
    /// The range between two day numbers.
    pub fn from_days(first: i64, last: i64) -> DateRange {
        let day = |n: i64| {
            let (y, m, d) = civil_from_days(n);
            PartialDate::day(y, m as u8, d as u8)
        };
        DateRange { from: day(first), to: day(last) }
    }

    /// First and last day numbers.
    pub fn day_span(&self) -> (i64, i64) {
        (self.from.day_span().0, self.to.day_span().1)
    }
}

/// Why a string is not a partial ISO date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadDate(pub String);

impl fmt::Display for BadDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD): {:?}", self.0)
    }
}

impl std::error::Error for BadDate {}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        _ => 28,
    }
}

impl FromStr for PartialDate {
    type Err = BadDate;

    /// Parses `YYYY`, `YYYY-MM`, `YYYY-MM-DD`, and a full timestamp whose
    /// first ten characters are `YYYY-MM-DD` (the time is dropped).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || BadDate(s.chars().take(40).collect());
        let t = s.trim();
        let head = if t.len() > 10 && t.is_char_boundary(10) && matches!(t.as_bytes()[10], b'T' | b' ') {
            &t[..10]
        } else {
            t
        };
        let mut parts = head.split('-');
        let num = |p: Option<&str>, len: usize| -> Result<Option<u32>, BadDate> {
            match p {
                None => Ok(None),
                Some(p) if p.len() == len && p.bytes().all(|b| b.is_ascii_digit()) => {
                    Ok(Some(p.parse().map_err(|_| bad())?))
                }
                Some(_) => Err(bad()),
            }
        };
        let year = num(parts.next(), 4)?.ok_or_else(bad)? as i32;
        let month = num(parts.next(), 2)?;
        let day = num(parts.next(), 2)?;
        if parts.next().is_some() || year < 1 {
            return Err(bad());
        }
        let month = match month {
            Some(m) if (1..=12).contains(&m) => Some(m as u8),
            Some(_) => return Err(bad()),
            None => None,
        };
        let day = match (month, day) {
            (Some(m), Some(d)) if d >= 1 && d as u8 <= days_in_month(year, m) => Some(d as u8),
            (_, Some(_)) => return Err(bad()),
            (_, None) => None,
        };
        Ok(PartialDate { year, month, day })
    }
}

impl Serialize for PartialDate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for PartialDate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_each_precision_and_round_trips() {
        for s in ["2020", "2020-05", "2020-05-18"] {
            assert_eq!(s.parse::<PartialDate>().unwrap().to_string(), s);
        }
        assert_eq!("2020-05-18T12:30:00Z".parse::<PartialDate>().unwrap(), PartialDate::day(2020, 5, 18));
    }

    #[test]
    fn day_numbers_round_trip_and_spans_cover_their_precision() {
        assert_eq!(day_number(1970, 1, 1), 0);
        assert_eq!(day_number(2020, 5, 18), 18400);
        for z in [-800_000, -1, 0, 18400, 60_000] {
            let (y, m, d) = civil_from_days(z);
            assert_eq!(day_number(y, m, d), z);
        }
        let (a, b) = PartialDate::month(2020, 2).day_span();
        assert_eq!(b - a, 28);
        let (a, b) = PartialDate::year(2019).day_span();
        assert_eq!(b - a, 364);
    }

    #[test]
    fn rejects_impossible_dates() {
        for s in ["31/31/2020", "2020-13", "2019-02-29", "20-01-01", "", "2020-05-18-1", "２０２０"] {
            assert!(s.parse::<PartialDate>().is_err(), "{s}");
        }
        assert!("2020-02-29".parse::<PartialDate>().is_ok());
    }
}
