//! Fuzzes `find_dates`, `find_dates_anchored` and `find_dateline` on
//! arbitrary UTF-8 with arbitrary (also invalid) publication dates, and
//! checks the invariants of their output.
#![no_main]

use libfuzzer_sys::arbitrary::{self, Arbitrary};
use libfuzzer_sys::fuzz_target;
use sitrep_model::PartialDate;
use sitrep_text::dates::{find_dateline, find_dates, find_dates_anchored, DateMention};

#[derive(Debug, Arbitrary)]
struct Input<'a> {
    text: &'a str,
    published: Option<(i32, Option<u8>, Option<u8>)>,
    /// Use a plausible publication date instead of an arbitrary one.
    plausible: bool,
    anchor: Option<(i32, Option<u8>, Option<u8>)>,
}

fn date((year, month, day): (i32, Option<u8>, Option<u8>), plausible: bool) -> PartialDate {
    if plausible {
        PartialDate {
            year: 1990 + year.rem_euclid(40),
            month: month.map(|m| 1 + m % 12),
            day: day.map(|d| 1 + d % 31),
        }
    } else {
        PartialDate { year, month, day }
    }
}

fn check(text: &str, ms: &[DateMention]) {
    let mut last = 0;
    for m in ms {
        assert!(m.start < m.end && m.end <= text.len(), "{m:?}");
        assert!(
            text.is_char_boundary(m.start) && text.is_char_boundary(m.end),
            "{m:?}"
        );
        assert!(m.start >= last, "overlapping or out of order: {ms:?}");
        last = m.end;
        // The date is a valid ISO partial date that round-trips.
        let iso = m.date.to_string();
        assert_eq!(iso.parse::<PartialDate>().ok(), Some(m.date), "{m:?}");
    }
}

fuzz_target!(|input: Input| {
    let text = input.text;
    let p = input.published.map(|d| date(d, input.plausible));
    let ms = find_dates(text, p);
    check(text, &ms);
    let a = input.anchor.map(|d| date(d, input.plausible));
    let ms2 = find_dates_anchored(text, p, a);
    check(text, &ms2);
    // Without an anchor both agree.
    if a.is_none() {
        assert_eq!(ms, ms2);
    }
    if let Some((d, s, e)) = find_dateline(text) {
        assert!(s < e && e <= text.len() && text.is_char_boundary(s) && text.is_char_boundary(e));
        assert_eq!(d.to_string().parse::<PartialDate>().ok(), Some(d));
        assert!(d.day.is_some());
    }
});
