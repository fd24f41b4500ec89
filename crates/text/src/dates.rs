//! Time expressions: absolute and relative dates resolved against the
//! publication date, and datelines.
//!
//! [`find_dates`] finds the date expressions of a piece of text (a sentence,
//! a paragraph or a whole article) and resolves each against the publication
//! date `P`; [`find_dateline`] finds a publication dateline near the top of
//! an article.
//!
//! # How it works
//!
//! One linear pass splits the text into word, number and punctuation tokens
//! (each word is classified once against a small keyword table); a second
//! pass tries, at each token, a fixed set of patterns that each look at most
//! a handful of tokens ahead. There is no backtracking and no regex. Before
//! any of that, a byte scan checks that the text holds a digit or one of the
//! few words every pattern needs (a capitalised month or weekday, `today`,
//! `yesterday`, `week`, `year`, `ago`, ...), so most sentences cost one scan
//! and no allocation.
//!
//! # What is read, and how it is resolved
//!
//! `date_from` is [`DateFrom::Explicit`] when the text names a calendar
//! year, month or day number, and [`DateFrom::Relative`] for deictic
//! expressions (`yesterday`, `last Friday`, `two years ago`).
//!
//! Explicit:
//! - `December 10, 2019`, `Dec. 10 2019`, `10 December 2019`,
//!   `10th of December, 2019`, `Monday, December 10, 2019`, `2019-12-10`
//!   (ISO; `2019/12/10` too) → day. Other all-numeric forms (`10/12/2019`)
//!   are ambiguous and skipped, except in datelines (see below).
//! - `June 2015`, `June of 2015` → month.
//! - A bare year needs a cue: `in/since/during/until/before/after/early/
//!   mid(-)/late/through/the year/spring…` + year, `of/by/for/from/between/
//!   around` + year (these also introduce quantities, so the next word must
//!   be punctuation or a function word: `of 2,000 fighters`, `by 2000 troops`
//!   are not dates), `2015's`, or a continuation after a year
//!   (`from 2011 to 2014`, `2019-2020`). Numbers with a thousands separator,
//!   decimals, decades (`1990s`) and numbers followed by a counted noun
//!   (`in 2000 homes`; checked after `in`-like cues only for multiples of
//!   50, so `In 2019 forces advanced` stays a year) are not years. Years
//!   must lie in 1900..=2100.
//! - `December 10` / `10 December` without a year → the latest such date not
//!   more than 7 days after `P` (news reports the past; a week's grace keeps
//!   announced near-future dates), subject to the garbled-month rule below.
//! - `in December`, `since May`, `early/mid-/late January`, `by March`
//!   without a year → month precision, the latest such month not after `P`'s
//!   month. A bare month name needs a capital and a cue word before it (or a
//!   year/`last year` after it) so `May I`, `they will march`, `Theresa May`
//!   are not read. `December last year`, `January of this year` take that
//!   year. Future readings (`by June`, `until December`) are not attempted.
//! - `on the 5th`, `since the 7th` → that day of `P`'s month, or of the
//!   previous month if that would be after `P`; `the 5th of this/last month`.
//!
//! Relative (all need `P`; without it they are skipped):
//! - `today`, `tonight`, `this morning/evening`, `earlier/later today` → `P`;
//!   `yesterday`, `last night` → `P − 1`; `tomorrow` → `P + 1`;
//!   `the day before yesterday` → `P − 2`.
//! - A weekday (`Monday`, `on Monday`, `Monday evening`, `late Tuesday`) →
//!   the latest such day on or before `P`. News reports past events, so the
//!   past reading is kept even after `will` (the caller judges modality).
//!   `last Monday` → the latest Monday strictly before `P`; `next Monday` →
//!   the first Monday strictly after `P`; `this Monday` → the Monday of
//!   `P`'s week. `Black Friday`, `Bloody Sunday`, `every Friday`,
//!   `Friday prayers`, `Sunday Times` are not read.
//! - `last/this/next week` → week precision; `last/this/next month` → month;
//!   `last/this/next year`, `late last year`, `earlier this year` → year.
//!   `the last week`, `the past year` (durations) are not read.
//! - `over/at the weekend`, `last weekend`, `this weekend`, `next weekend`.
//! - `two days ago`, `a week ago`, `more than a year ago`, `18 months ago`
//!   → `P` minus that many units, at the unit's precision.
//! - Narrative-relative expressions (`the next day`, `the previous week`,
//!   `two days later`, `a year earlier`, `the same day`) are resolved against
//!   the most recent date found before them in the same call (or the
//!   `anchor` given to [`find_dates_anchored`]); with no such date they are
//!   skipped, except `the day before` / `the previous day`, which fall back
//!   to `P − 1`. `three days later` is never resolved against `P`.
//!
//! # Precision and the `date` of weeks
//!
//! [`Precision::Week`]: `date` is the Monday of the ISO week meant (`last
//! week` published Saturday 2020-05-23 → 2020-05-11), except for weekend
//! expressions, whose `date` is that weekend's Saturday (same ISO week).
//! Month and year precision give `PartialDate`s without day (and month).
//!
//! # Garbled month names
//!
//! Machine translation sometimes writes the wrong month name (`January 18`
//! for the 18th of the publication month). An explicit day-and-month without
//! a year is resolved as above to `R`. If `P` is known to the day, `R` is
//! more than 183 days before `P`, and the same day number in `P`'s month or
//! the month before gives a date `G` with `P − 10 days ≤ G ≤ P`, then `G` is
//! used instead and `note` says `month name inconsistent with publication
//! date; read as <G>`. Dates with a written year are never corrected.
//!
//! # Datelines
//!
//! [`find_dateline`] looks at the first ~600 bytes for a complete date with
//! a year (the forms above, plus `23.05.2020` and unambiguous `23/05/2020`)
//! that stands where a dateline stands: after a label (`Published:`,
//! `Posted on`, `Updated`), near the start of its line, or on a short line,
//! and not after a preposition (`on May 18, 2020, forces ...` is narrative).
//! A `Published` date beats an `Updated` one. `TRIPOLI, May 23 (Reuters)`
//! has no year and gives `None`.

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use sitrep_model::{day_number, DateFrom, DateRange, PartialDate, Precision};

/// One date expression found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateMention {
    /// Byte offset of the expression's start in the text passed in.
    pub start: usize,
    /// Byte offset just past its end.
    pub end: usize,
    /// The resolved date, as precise as the text allows (see `precision`).
    pub date: PartialDate,
    /// Day, week (date = the week's Monday; a weekend's Saturday), month or year.
    pub precision: Precision,
    /// `Explicit` when the text names a calendar year/month/day, else `Relative`.
    pub from: DateFrom,
    /// Set when a correction was applied (garbled month names).
    pub note: Option<String>,
    /// The days the expression narrows to when that is narrower than its
    /// precision: `late 2019`, `early May`, `more than a year ago`.
    pub range: Option<DateRange>,
}

/// Finds the date expressions of `text`, in text order and non-overlapping,
/// resolving them against the publication date `published` (see the module
/// documentation for the forms read and the rules used).
pub fn find_dates(text: &str, published: Option<PartialDate>) -> Vec<DateMention> {
    find_dates_anchored(text, published, None)
}

/// Like [`find_dates`], with the date the narrative was last at before
/// `text` (e.g. the last date of the previous sentence), so that `the next
/// day` or `two days later` at the start of `text` can be resolved.
pub fn find_dates_anchored(
    text: &str,
    published: Option<PartialDate>,
    anchor: Option<PartialDate>,
) -> Vec<DateMention> {
    if !worth_scanning(text) {
        return Vec::new();
    }
    let mut sc = Scanner::new(text, published.and_then(Pub::new), false);
    sc.last = anchor.and_then(|a| {
        let m = a.month.map(u32::from);
        let d = match (m, a.day) {
            (Some(m), Some(d)) => (ymd(a.year, m, d as u32)?, Precision::Day),
            (Some(m), None) => (ymd(a.year, m, 1)?, Precision::Month),
            _ => (ymd(a.year, 1, 1)?, Precision::Year),
        };
        Some(d)
    });
    sc.run();
    sc.out
}

/// Finds a publication dateline near the top of an article: a complete date
/// (day, month and year) in the first ~600 bytes standing where datelines
/// stand. Returns the date and its byte span.
pub fn find_dateline(text: &str) -> Option<(PartialDate, usize, usize)> {
    let mut cut = text.len().min(600);
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    // Finish the line the cut falls in, if it ends soon.
    if let Some(nl) = text[cut..].find('\n') {
        if nl <= 200 {
            cut += nl;
        }
    } else if text.len() - cut <= 200 {
        cut = text.len();
    }
    let head = &text[..cut];
    let mut sc = Scanner::new(head, None, true);
    sc.run();
    let mut updated: Option<(PartialDate, usize, usize)> = None;
    for (m, s_tok) in sc.out.iter().zip(&sc.starts) {
        if m.precision != Precision::Day || m.from != DateFrom::Explicit {
            continue;
        }
        let line_start = head[..m.start].rfind('\n').map_or(0, |p| p + 1);
        let line_end = head[m.start..]
            .find('\n')
            .map_or(head.len(), |p| m.start + p);
        let before = &head[line_start..m.start];
        let (labelled, is_updated) = label_in(before);
        let prep = *s_tok > 0
            && sc.toks[s_tok - 1].s >= line_start
            && matches!(
                sc.k(s_tok - 1),
                Kw::On
                    | Kw::Since
                    | Kw::In
                    | Kw::Until
                    | Kw::By
                    | Kw::From
                    | Kw::Before
                    | Kw::After
                    | Kw::Between
                    | Kw::Of
                    | Kw::To
                    | Kw::And
                    | Kw::Through
            );
        let short_line = head[line_start..line_end].trim().len() <= 100;
        let near_start = before.trim().chars().count() <= 40;
        let ok = labelled || ((short_line || near_start) && !prep);
        if !ok {
            continue;
        }
        let found = (m.date, m.start, m.end);
        if !is_updated {
            return Some(found);
        }
        if updated.is_none() {
            updated = Some(found);
        }
    }
    updated
}

/// Whether the text before a date on its line holds a dateline label, and
/// whether that label says the date is an update.
fn label_in(before: &str) -> (bool, bool) {
    let mut labelled = false;
    let mut updated = false;
    for w in before.split(|c: char| !c.is_alphabetic()) {
        if let Kw::Label(u) = classify(w) {
            labelled = true;
            updated |= u;
        }
    }
    (labelled, updated)
}

// ---------------------------------------------------------------------------
// Pre-check

/// A cheap scan: does the text hold anything any pattern needs? Every pattern
/// contains a digit or one of these words (month and weekday names only
/// count capitalised).
fn worth_scanning(text: &str) -> bool {
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c.is_ascii_digit() {
            return true;
        }
        if c.is_ascii_alphabetic() {
            let s = i;
            while i < b.len() && b[i].is_ascii_alphabetic() {
                i += 1;
            }
            let len = i - s;
            if (3..=9).contains(&len) {
                let mut buf = [0u8; 9];
                for (d, x) in buf.iter_mut().zip(&b[s..i]) {
                    *d = x.to_ascii_lowercase();
                }
                let w = &buf[..len];
                let capital = c.is_ascii_uppercase();
                let hit = match w {
                    b"today" | b"yesterday" | b"tomorrow" | b"tonight" | b"week" | b"weeks"
                    | b"weekend" | b"month" | b"months" | b"year" | b"years" | b"day" | b"days"
                    | b"ago" | b"night" | b"morning" | b"evening" | b"afternoon" => true,
                    b"january" | b"february" | b"march" | b"april" | b"may" | b"june" | b"july"
                    | b"august" | b"september" | b"october" | b"november" | b"december"
                    | b"monday" | b"tuesday" | b"wednesday" | b"thursday" | b"friday"
                    | b"saturday" | b"sunday" => capital,
                    _ => false,
                };
                if hit {
                    return true;
                }
            }
            continue;
        }
        i += 1;
    }
    false
}

// ---------------------------------------------------------------------------
// Tokens and keywords

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unit {
    Day,
    Week,
    Month,
    Year,
}

/// Keyword class of a word token (case-insensitive).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kw {
    Other,
    /// Month number, abbreviation?
    Month(u32, bool),
    Wd(Weekday),
    /// Unit, plural?
    Unit(Unit, bool),
    Weekend,
    Today,
    Yesterday,
    Tomorrow,
    Tonight,
    /// Time of day; `night`?
    Tod(bool),
    Ago,
    Earlier,
    Later,
    Before,
    After,
    Last,
    This,
    Next,
    Past,
    Previous,
    Following,
    Same,
    Early,
    Late,
    Mid,
    In,
    Since,
    By,
    Until,
    Of,
    During,
    From,
    To,
    Through,
    Between,
    And,
    Or,
    Around,
    For,
    On,
    At,
    Over,
    The,
    A,
    Every,
    NumW(u32),
    Couple,
    OrdSfx,
    S,
    Season,
    /// Dateline label; `updated`?
    Label(bool),
}

fn classify(w: &str) -> Kw {
    const MAX: usize = 12;
    let b = w.as_bytes();
    if b.is_empty() || b.len() > MAX || !b.is_ascii() {
        return Kw::Other;
    }
    let mut buf = [0u8; MAX];
    for (d, s) in buf.iter_mut().zip(b) {
        *d = s.to_ascii_lowercase();
    }
    use Kw::*;
    match &buf[..b.len()] {
        b"january" => Month(1, false),
        b"february" => Month(2, false),
        b"march" => Month(3, false),
        b"april" => Month(4, false),
        b"may" => Month(5, false),
        b"june" => Month(6, false),
        b"july" => Month(7, false),
        b"august" => Month(8, false),
        b"september" => Month(9, false),
        b"october" => Month(10, false),
        b"november" => Month(11, false),
        b"december" => Month(12, false),
        b"jan" => Month(1, true),
        b"feb" => Month(2, true),
        b"mar" => Month(3, true),
        b"apr" => Month(4, true),
        b"jun" => Month(6, true),
        b"jul" => Month(7, true),
        b"aug" => Month(8, true),
        b"sep" | b"sept" => Month(9, true),
        b"oct" => Month(10, true),
        b"nov" => Month(11, true),
        b"dec" => Month(12, true),
        b"monday" => Wd(Weekday::Mon),
        b"tuesday" => Wd(Weekday::Tue),
        b"wednesday" => Wd(Weekday::Wed),
        b"thursday" => Wd(Weekday::Thu),
        b"friday" => Wd(Weekday::Fri),
        b"saturday" => Wd(Weekday::Sat),
        b"sunday" => Wd(Weekday::Sun),
        b"day" => Unit(self::Unit::Day, false),
        b"days" => Unit(self::Unit::Day, true),
        b"week" => Unit(self::Unit::Week, false),
        b"weeks" => Unit(self::Unit::Week, true),
        b"month" => Unit(self::Unit::Month, false),
        b"months" => Unit(self::Unit::Month, true),
        b"year" => Unit(self::Unit::Year, false),
        b"years" => Unit(self::Unit::Year, true),
        b"weekend" => Weekend,
        b"today" => Today,
        b"yesterday" => Yesterday,
        b"tomorrow" => Tomorrow,
        b"tonight" => Tonight,
        b"morning" | b"afternoon" | b"evening" => Tod(false),
        b"night" => Tod(true),
        b"ago" => Ago,
        b"earlier" => Earlier,
        b"later" => Later,
        b"before" => Before,
        b"after" => After,
        b"last" => Last,
        b"this" => This,
        b"next" => Next,
        b"past" => Past,
        b"previous" => Previous,
        b"following" => Following,
        b"same" => Same,
        b"early" => Early,
        b"late" => Late,
        b"mid" => Mid,
        b"in" => In,
        b"since" => Since,
        b"by" => By,
        b"until" | b"till" | b"til" => Until,
        b"of" => Of,
        b"during" => During,
        b"from" => From,
        b"to" => To,
        b"through" | b"throughout" => Through,
        b"between" => Between,
        b"and" => And,
        b"or" => Or,
        b"around" | b"about" | b"circa" => Around,
        b"for" => For,
        b"on" => On,
        b"at" => At,
        b"over" => Over,
        b"the" => The,
        b"a" | b"an" => A,
        b"every" | b"each" => Every,
        b"one" => NumW(1),
        b"two" => NumW(2),
        b"three" => NumW(3),
        b"four" => NumW(4),
        b"five" => NumW(5),
        b"six" => NumW(6),
        b"seven" => NumW(7),
        b"eight" => NumW(8),
        b"nine" => NumW(9),
        b"ten" => NumW(10),
        b"eleven" => NumW(11),
        b"twelve" => NumW(12),
        b"fifteen" => NumW(15),
        b"twenty" => NumW(20),
        b"couple" => Couple,
        b"st" | b"nd" | b"rd" | b"th" => OrdSfx,
        b"s" => S,
        b"spring" | b"summer" | b"autumn" | b"fall" | b"winter" => Season,
        b"published" | b"posted" | b"date" | b"dated" | b"released" | b"issued" => Label(false),
        b"updated" | b"modified" | b"edited" => Label(true),
        _ => Other,
    }
}

/// ASCII-lowercased copy of a short word, for list look-ups.
fn lower<'b>(w: &str, buf: &'b mut [u8; 16]) -> Option<&'b [u8]> {
    let b = w.as_bytes();
    if b.len() > buf.len() || !b.is_ascii() {
        return None;
    }
    for (d, s) in buf.iter_mut().zip(b) {
        *d = s.to_ascii_lowercase();
    }
    Some(&buf[..b.len()])
}

/// Words that may follow a year introduced by a quantity-prone cue (`of 2019,`
/// `by 2020 when`): function words only, so `of 2000 fighters` is not a year.
fn is_function_word(w: &[u8]) -> bool {
    matches!(
        w,
        b"and"
            | b"or"
            | b"but"
            | b"nor"
            | b"to"
            | b"when"
            | b"while"
            | b"after"
            | b"before"
            | b"until"
            | b"till"
            | b"as"
            | b"at"
            | b"in"
            | b"on"
            | b"with"
            | b"the"
            | b"a"
            | b"an"
            | b"that"
            | b"which"
            | b"who"
            | b"whose"
            | b"where"
            | b"was"
            | b"were"
            | b"is"
            | b"are"
            | b"be"
            | b"been"
            | b"being"
            | b"had"
            | b"has"
            | b"have"
            | b"will"
            | b"would"
            | b"could"
            | b"should"
            | b"did"
            | b"saw"
            | b"for"
            | b"of"
            | b"by"
            | b"amid"
            | b"during"
            | b"following"
            | b"alone"
            | b"onward"
            | b"onwards"
            | b"through"
            | b"there"
            | b"it"
            | b"they"
            | b"he"
            | b"she"
            | b"we"
            | b"this"
            | b"these"
            | b"those"
            | b"its"
            | b"their"
            | b"his"
            | b"her"
            | b"then"
            | b"than"
            | b"so"
            | b"if"
            | b"because"
            | b"since"
            | b"despite"
            | b"although"
            | b"though"
            | b"according"
            | b"respectively"
            | b"from"
    )
}

/// A lowercase word that reads as a counted noun or unit after a number
/// (`2000 fighters`, `1500 km`): the number is a quantity, not a year.
fn looks_counted(w: &[u8]) -> bool {
    if matches!(
        w,
        b"people"
            | b"men"
            | b"women"
            | b"children"
            | b"police"
            | b"personnel"
            | b"staff"
            | b"dead"
            | b"killed"
            | b"wounded"
            | b"injured"
            | b"displaced"
            | b"km"
            | b"m"
            | b"kg"
            | b"mm"
            | b"cm"
            | b"ft"
            | b"strong"
            | b"more"
            | b"other"
            | b"others"
            | b"militia"
            | b"infantry"
            | b"foot"
            | b"feet"
            | b"per"
            | b"percent"
            | b"hrs"
            | b"hours"
            | b"gmt"
            | b"utc"
            | b"local"
            | b"metre"
            | b"meter"
            | b"mile"
    ) {
        return true;
    }
    w.len() >= 4
        && w.ends_with(b"s")
        && !w.ends_with(b"ss")
        && !w.ends_with(b"us")
        && !w.ends_with(b"is")
        && !matches!(
            w,
            b"this"
                | b"thus"
                | b"does"
                | b"perhaps"
                | b"always"
                | b"sometimes"
                | b"besides"
                | b"whereas"
                | b"afterwards"
                | b"towards"
                | b"onwards"
                | b"backwards"
                | b"hers"
                | b"news"
                | b"yours"
                | b"ours"
                | b"theirs"
                | b"was"
                | b"has"
                | b"its"
        )
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum K {
    Word(Kw),
    Num,
    Punct(char),
}

#[derive(Debug, Clone, Copy)]
struct Tok {
    s: usize,
    e: usize,
    k: K,
}

/// Splits text into maximal runs of letters (words), ASCII digits (numbers),
/// and single other non-space characters (punctuation).
fn tokenize(text: &str, out: &mut Vec<Tok>) {
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c.is_ascii_digit() {
            let s = i;
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
            out.push(Tok { s, e: i, k: K::Num });
        } else if c.is_ascii_alphabetic() || (c >= 0x80 && starts_alpha(&text[i..])) {
            let s = i;
            while i < b.len() {
                if b[i].is_ascii_alphabetic() {
                    i += 1;
                } else if b[i] >= 0x80 {
                    let ch = text[i..].chars().next().unwrap_or(' ');
                    if ch.is_alphabetic() {
                        i += ch.len_utf8();
                    } else {
                        break;
                    }
                } else {
                    break;
                }
            }
            out.push(Tok {
                s,
                e: i,
                k: K::Word(classify(&text[s..i])),
            });
        } else if c < 0x80 {
            if !c.is_ascii_whitespace() {
                out.push(Tok {
                    s: i,
                    e: i + 1,
                    k: K::Punct(c as char),
                });
            }
            i += 1;
        } else {
            let ch = text[i..].chars().next().unwrap_or(' ');
            let len = ch.len_utf8();
            if !ch.is_whitespace() {
                out.push(Tok {
                    s: i,
                    e: i + len,
                    k: K::Punct(ch),
                });
            }
            i += len;
        }
    }
}

fn starts_alpha(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_alphabetic)
}

fn is_dash_char(c: char) -> bool {
    matches!(c, '-' | '–' | '‐' | '‑')
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’')
}

// ---------------------------------------------------------------------------
// Calendar helpers

fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

fn add_days(d: NaiveDate, n: i64) -> Option<NaiveDate> {
    d.checked_add_signed(Duration::try_days(n)?)
}

fn monday_of(d: NaiveDate) -> Option<NaiveDate> {
    add_days(d, -i64::from(d.weekday().num_days_from_monday()))
}

/// The latest `wd` on or before `d`.
fn on_or_before(d: NaiveDate, wd: Weekday) -> Option<NaiveDate> {
    let back = (d.weekday().num_days_from_monday() + 7 - wd.num_days_from_monday()) % 7;
    add_days(d, -i64::from(back))
}

fn add_months(y: i32, m: u32, n: i64) -> Option<(i32, u32)> {
    let t = i64::from(y) * 12 + i64::from(m) - 1 + n;
    let yy = i32::try_from(t.div_euclid(12)).ok()?;
    Some((yy, (t.rem_euclid(12) + 1) as u32))
}

fn last_of_month(y: i32, m: u32) -> Option<NaiveDate> {
    let (ny, nm) = add_months(y, m, 1)?;
    add_days(ymd(ny, nm, 1)?, -1)
}

/// Moves a date known at `prec` by `n` units; the unit must not be finer
/// than what the base knows (a day shift needs a day).
/// `early`/`mid`/`late` a month or a year: its first, middle or last third.
fn part_of(d: NaiveDate, prec: Precision, modifier: Kw) -> Option<DateRange> {
    let (first, last) = match prec {
        Precision::Month => {
            let first = day_number(d.year(), d.month(), 1);
            let (y, m) = add_months(d.year(), d.month(), 1)?;
            (first, day_number(y, m, 1) - 1)
        }
        Precision::Year => (day_number(d.year(), 1, 1), day_number(d.year(), 12, 31)),
        _ => return None,
    };
    let third = (last - first + 1) / 3;
    let (a, b) = match modifier {
        Kw::Early => (first, first + third - 1),
        Kw::Mid => (first + third, last - third),
        Kw::Late => (last - third + 1, last),
        _ => return None,
    };
    Some(DateRange::from_days(a, b))
}

fn shift(base: (NaiveDate, Precision), u: Unit, n: i64) -> Option<(NaiveDate, Precision)> {
    let (d, bp) = base;
    match u {
        Unit::Day => {
            if bp != Precision::Day {
                return None;
            }
            Some((add_days(d, n)?, Precision::Day))
        }
        Unit::Week => {
            if !matches!(bp, Precision::Day | Precision::Week) {
                return None;
            }
            Some((monday_of(add_days(d, n.checked_mul(7)?)?)?, Precision::Week))
        }
        Unit::Month => {
            if bp == Precision::Year {
                return None;
            }
            let (y, m) = add_months(d.year(), d.month(), n)?;
            Some((ymd(y, m, 1)?, Precision::Month))
        }
        Unit::Year => {
            let y = d.year().checked_add(i32::try_from(n).ok()?)?;
            Some((ymd(y, 1, 1)?, Precision::Year))
        }
    }
}

fn to_partial(d: NaiveDate, prec: Precision) -> Option<PartialDate> {
    let y = d.year();
    if !(1..=9999).contains(&y) {
        return None;
    }
    let (m, day) = (d.month() as u8, d.day() as u8);
    Some(match prec {
        Precision::Day | Precision::Week => PartialDate::day(y, m, day),
        Precision::Month => PartialDate::month(y, m),
        Precision::Year => PartialDate::year(y),
    })
}

/// The publication date, validated.
#[derive(Debug, Clone, Copy)]
struct Pub {
    year: i32,
    month: Option<u32>,
    day: Option<NaiveDate>,
    /// The last day of the period `P` names.
    end: NaiveDate,
}

impl Pub {
    /// The year of month `m` said with `dir` against `P`: `last May` the
    /// latest May before `P`'s month, `next May` the first after it, `this
    /// May` `P`'s year, a bare `May` the latest on or before `P`'s month.
    fn year_of_month(&self, m: u32, dir: Dir) -> i32 {
        let pm = self.month.unwrap_or(12);
        match dir {
            Dir::Last if m >= pm => self.year - 1,
            Dir::Next if m <= pm => self.year + 1,
            Dir::Bare if m > pm => self.year - 1,
            _ => self.year,
        }
    }

    fn new(p: PartialDate) -> Option<Pub> {
        if !(1..=9999).contains(&p.year) {
            return None;
        }
        let month = p.month.map(u32::from).filter(|m| (1..=12).contains(m));
        let day = month.and_then(|m| p.day.and_then(|d| ymd(p.year, m, u32::from(d))));
        let end = match (day, month) {
            (Some(d), _) => d,
            (None, Some(m)) => last_of_month(p.year, m)?,
            _ => ymd(p.year, 12, 31)?,
        };
        Some(Pub {
            year: p.year,
            month,
            day,
            end,
        })
    }

    /// `P` as a date and the precision it is known to.
    fn base(&self) -> Option<(NaiveDate, Precision)> {
        Some(match (self.day, self.month) {
            (Some(d), _) => (d, Precision::Day),
            (None, Some(m)) => (ymd(self.year, m, 1)?, Precision::Month),
            _ => (ymd(self.year, 1, 1)?, Precision::Year),
        })
    }
}

// ---------------------------------------------------------------------------
// The scanner

#[derive(Debug)]
struct Hit {
    /// First and one-past-last token.
    s: usize,
    e: usize,
    d: NaiveDate,
    prec: Precision,
    from: DateFrom,
    note: Option<String>,
    range: Option<DateRange>,
}

impl Hit {
    fn new(s: usize, e: usize, d: NaiveDate, prec: Precision, from: DateFrom) -> Hit {
        Hit {
            s,
            e,
            d,
            prec,
            from,
            note: None,
            range: None,
        }
    }
}

/// Direction word before a weekday/unit/month: `last`, `this`, `next`, or none.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Dir {
    Bare,
    Last,
    This,
    Next,
}

/// The weekend meant: `over the weekend`, `last/this/next weekend`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum WeekendOf {
    Over,
    Last,
    This,
    Next,
}

struct Scanner<'t> {
    text: &'t str,
    toks: Vec<Tok>,
    p: Option<Pub>,
    /// Dateline mode: numeric day-first dates are read too.
    dateline: bool,
    out: Vec<DateMention>,
    /// First token of each mention in `out`.
    starts: Vec<usize>,
    /// Token index just past the last mention.
    last_end: usize,
    /// The last date found (or the anchor given): narrative reference.
    last: Option<(NaiveDate, Precision)>,
    /// Precision of the last mention, if any was found in this text.
    last_prec: Option<Precision>,
}

impl<'t> Scanner<'t> {
    fn new(text: &'t str, p: Option<Pub>, dateline: bool) -> Self {
        let mut toks = Vec::new();
        tokenize(text, &mut toks);
        Scanner {
            text,
            toks,
            p,
            dateline,
            out: Vec::new(),
            starts: Vec::new(),
            last_end: 0,
            last: None,
            last_prec: None,
        }
    }

    fn run(&mut self) {
        let n = self.toks.len();
        let mut i = 0;
        while i < n {
            match self.at(i) {
                Some(h) if h.e > i && h.e <= n => {
                    let e = h.e;
                    self.push(h, i);
                    i = e;
                }
                _ => i += 1,
            }
        }
    }

    fn push(&mut self, mut h: Hit, i: usize) {
        h.s = h.s.min(i).max(self.last_end);
        // Take in a modifier: `late Monday`, `earlier today`, `mid-May`.
        if h.s > self.last_end {
            let j = h.s - 1;
            if matches!(
                self.k(j),
                Kw::Early | Kw::Late | Kw::Mid | Kw::Earlier | Kw::Later
            ) {
                h.s = j;
                h.range = h.range.or_else(|| part_of(h.d, h.prec, self.k(j)));
            } else if j > self.last_end
                && self.is_dash(j)
                && self.adj(j - 1, j)
                && self.adj(j, h.s)
                && matches!(self.k(j - 1), Kw::Early | Kw::Late | Kw::Mid)
            {
                h.s = j - 1;
                h.range = h.range.or_else(|| part_of(h.d, h.prec, self.k(j - 1)));
            }
        }
        self.last_end = h.e;
        let Some(date) = to_partial(h.d, h.prec) else {
            return;
        };
        self.last = Some((h.d, h.prec));
        self.last_prec = Some(h.prec);
        self.starts.push(h.s);
        self.out.push(DateMention {
            start: self.toks[h.s].s,
            end: self.toks[h.e - 1].e,
            date,
            precision: h.prec,
            from: h.from,
            note: h.note,
            range: h.range,
        });
    }

    // -- token accessors ----------------------------------------------------

    fn k(&self, i: usize) -> Kw {
        match self.toks.get(i) {
            Some(Tok { k: K::Word(kw), .. }) => *kw,
            _ => Kw::Other,
        }
    }

    fn is_word(&self, i: usize) -> bool {
        matches!(self.toks.get(i), Some(Tok { k: K::Word(_), .. }))
    }

    fn is_num(&self, i: usize) -> bool {
        matches!(self.toks.get(i), Some(Tok { k: K::Num, .. }))
    }

    fn punct(&self, i: usize) -> Option<char> {
        match self.toks.get(i) {
            Some(Tok { k: K::Punct(c), .. }) => Some(*c),
            _ => None,
        }
    }

    fn is_dash(&self, i: usize) -> bool {
        self.punct(i).is_some_and(is_dash_char)
    }

    fn text_of(&self, i: usize) -> &'t str {
        let t = self.toks[i];
        &self.text[t.s..t.e]
    }

    /// Tokens `a` and `b` touch (no space between).
    fn adj(&self, a: usize, b: usize) -> bool {
        match (self.toks.get(a), self.toks.get(b)) {
            (Some(x), Some(y)) => x.e == y.s,
            _ => false,
        }
    }

    /// A word starting with an upper-case letter.
    fn cap(&self, i: usize) -> bool {
        self.is_word(i)
            && self
                .text_of(i)
                .chars()
                .next()
                .is_some_and(char::is_uppercase)
    }

    /// Number token: value (if at most 9 digits) and digit count.
    fn num(&self, i: usize) -> Option<(u32, usize)> {
        let t = self.toks.get(i)?;
        if t.k != K::Num || t.e - t.s > 9 {
            return None;
        }
        Some((self.text[t.s..t.e].parse().ok()?, t.e - t.s))
    }

    fn digits(&self, i: usize) -> usize {
        match self.toks.get(i) {
            Some(t) if t.k == K::Num => t.e - t.s,
            _ => 0,
        }
    }

    /// The number at `i` is not glued to what precedes it (`2,000`, `1.5`,
    /// `A320`, `$2019`).
    fn free_left(&self, i: usize) -> bool {
        if i == 0 || !self.adj(i - 1, i) {
            return true;
        }
        match self.toks[i - 1].k {
            K::Word(_) | K::Num => false,
            K::Punct(c) => {
                if matches!(c, '$' | '€' | '£' | '#' | '№' | '¥') {
                    return false;
                }
                !(matches!(c, ',' | '.' | '/' | ':') || is_dash_char(c))
                    || !(i >= 2 && self.is_num(i - 2) && self.adj(i - 2, i - 1))
            }
        }
    }

    /// The number at `i` does not run on into a larger number (`2,000`,
    /// `10.5`, `10:30`, `10/12`). Dashes are left to the callers.
    fn free_right(&self, i: usize) -> bool {
        if !self.adj(i, i + 1) {
            return true;
        }
        match self.punct(i + 1) {
            Some(c @ (',' | '.' | ':' | '/')) if self.adj(i + 1, i + 2) && self.is_num(i + 2) => {
                c == ',' && self.digits(i + 2) != 3
            }
            Some('%') => false,
            _ => true,
        }
    }

    /// A day number 1..=31 at `i`, with an optional ordinal suffix; returns
    /// it and the token after it.
    fn day_at(&self, i: usize) -> Option<(u32, usize)> {
        if !self.free_left(i) {
            return None;
        }
        self.day_glued(i)
    }

    /// [`Self::day_at`] without looking left (the second day of `10-11`).
    fn day_glued(&self, i: usize) -> Option<(u32, usize)> {
        let (d, len) = self.num(i)?;
        if len > 2 || !(1..=31).contains(&d) || !self.free_right(i) {
            return None;
        }
        if self.adj(i, i + 1) {
            match self.toks[i + 1].k {
                K::Word(Kw::OrdSfx) => return Some((d, i + 2)),
                K::Word(_) => return None,
                _ => {}
            }
        }
        Some((d, i + 1))
    }

    /// A four-digit year in `lo..=hi` at `i`, not running on into a larger
    /// number or a word (`1990s`, `2019km`).
    fn year_at(&self, i: usize, lo: u32, hi: u32) -> Option<i32> {
        let (y, len) = self.num(i)?;
        if len != 4 || y < lo || y > hi || !self.free_right(i) {
            return None;
        }
        if self.adj(i, i + 1) && self.is_word(i + 1) {
            return None;
        }
        Some(y as i32)
    }

    /// Token `i` continues a range or list right after the last mention
    /// (`from 2011 to 2014`, `March and May`, `2019-2020`).
    fn cont(&self, i: usize) -> bool {
        if i == 0 || self.last_prec.is_none() || self.last_end != i - 1 {
            return false;
        }
        matches!(
            self.k(i - 1),
            Kw::To | Kw::And | Kw::Or | Kw::Through | Kw::Until
        ) || self.is_dash(i - 1)
    }

    /// End of a phrase: nothing, punctuation, or a conjunction/preposition.
    fn phrase_end(&self, j: usize) -> bool {
        if j >= self.toks.len() {
            return true;
        }
        match self.toks[j].k {
            K::Punct(c) => !is_dash_char(c),
            K::Word(kw) => matches!(kw, Kw::And | Kw::Or | Kw::In | Kw::On | Kw::At),
            K::Num => false,
        }
    }

    // -- patterns -------------------------------------------------------------

    fn at(&self, i: usize) -> Option<Hit> {
        match self.toks[i].k {
            K::Num => self
                .iso(i)
                .or_else(|| self.numeric_dmy(i))
                .or_else(|| self.day_month(i))
                .or_else(|| self.ago(i))
                .or_else(|| self.ordinal_the(i))
                .or_else(|| self.year(i)),
            K::Word(kw) => match kw {
                Kw::Month(..) => self.month_first(i),
                Kw::Wd(_) => self.weekday(i),
                Kw::Last | Kw::This | Kw::Next => self.relative(i),
                Kw::Today | Kw::Yesterday | Kw::Tomorrow | Kw::Tonight => self.deictic(i),
                Kw::The => self.the(i),
                Kw::A | Kw::NumW(_) => self.ago(i),
                _ => None,
            },
            K::Punct(_) => None,
        }
    }

    /// `2019-12-10`, `2019/12/10` (also with a time glued on: `…T12:30`).
    fn iso(&self, i: usize) -> Option<Hit> {
        if self.digits(i) != 4 {
            return None;
        }
        let sep = self.punct(i + 1)?;
        if !matches!(sep, '-' | '/') || self.punct(i + 3) != Some(sep) {
            return None;
        }
        if !(self.adj(i, i + 1)
            && self.adj(i + 1, i + 2)
            && self.adj(i + 2, i + 3)
            && self.adj(i + 3, i + 4))
        {
            return None;
        }
        let (y, _) = self.num(i)?;
        let (m, lm) = self.num(i + 2)?;
        let (d, ld) = self.num(i + 4)?;
        if lm > 2 || ld > 2 || !(1000..=2999).contains(&y) || !self.free_left(i) {
            return None;
        }
        if self.adj(i + 4, i + 5)
            && self.adj(i + 5, i + 6)
            && self.is_num(i + 6)
            && matches!(self.punct(i + 5), Some(c) if c == sep || c == '.')
        {
            return None;
        }
        let date = ymd(y as i32, m, d)?;
        Some(Hit::new(i, i + 5, date, Precision::Day, DateFrom::Explicit))
    }

    /// Datelines only: `23.05.2020`, `23-05-2020`, and `23/05/2020` or
    /// `05/23/2020` when one of the two numbers exceeds 12.
    fn numeric_dmy(&self, i: usize) -> Option<Hit> {
        if !self.dateline {
            return None;
        }
        let sep = self.punct(i + 1)?;
        if !matches!(sep, '.' | '/' | '-') || self.punct(i + 3) != Some(sep) {
            return None;
        }
        if !(self.adj(i, i + 1)
            && self.adj(i + 1, i + 2)
            && self.adj(i + 2, i + 3)
            && self.adj(i + 3, i + 4))
        {
            return None;
        }
        let (a, la) = self.num(i)?;
        let (b, lb) = self.num(i + 2)?;
        let y = self.year_at(i + 4, 1900, 2100)?;
        if la > 2 || lb > 2 || !self.free_left(i) {
            return None;
        }
        let (d, m) = if sep == '/' {
            if a > 12 && b <= 12 {
                (a, b)
            } else if b > 12 && a <= 12 {
                (b, a)
            } else {
                return None;
            }
        } else {
            (a, b)
        };
        let date = ymd(y, m, d)?;
        Some(Hit::new(i, i + 5, date, Precision::Day, DateFrom::Explicit))
    }

    /// `[of] last/this/next year` at `j`: that year and the token after.
    fn rel_year(&self, j: usize) -> Option<(i32, usize)> {
        let j = if self.k(j) == Kw::Of { j + 1 } else { j };
        let off = match self.k(j) {
            Kw::Last => -1,
            Kw::This => 0,
            Kw::Next => 1,
            _ => return None,
        };
        if self.k(j + 1) != Kw::Unit(Unit::Year, false) {
            return None;
        }
        Some((self.p?.year.checked_add(off)?, j + 2))
    }

    /// Day and month with a year, with `last year`, or resolved against `P`.
    fn finish_day(&self, s: usize, m: u32, d: u32, after: usize) -> Option<Hit> {
        let mut k = after;
        if self.punct(k) == Some(',') {
            k += 1;
        }
        if let Some(y) = self.year_at(k, 1800, 2199) {
            let date = ymd(y, m, d)?;
            return Some(Hit::new(s, k + 1, date, Precision::Day, DateFrom::Explicit));
        }
        if let Some((y, e)) = self.rel_year(after) {
            let date = ymd(y, m, d)?;
            return Some(Hit::new(s, e, date, Precision::Day, DateFrom::Explicit));
        }
        let (date, note) = self.resolve_md(m, d)?;
        let mut h = Hit::new(s, after, date, Precision::Day, DateFrom::Explicit);
        h.note = note;
        Some(h)
    }

    /// `10 December`, `10th of Dec. 2019`, `7-8 June`, `7 and 8 June 2020`.
    fn day_month(&self, i: usize) -> Option<Hit> {
        let (d, mut j) = self.day_at(i)?;
        // A range: keep the first day.
        if self.is_dash(j) || matches!(self.k(j), Kw::And | Kw::To | Kw::Through) {
            if let Some((_, after)) = self.day_glued(j + 1) {
                if matches!(self.k(after), Kw::Month(..) | Kw::Of) {
                    j = after;
                }
            }
        }
        if self.k(j) == Kw::Of {
            j += 1;
        }
        let Kw::Month(m, abbr) = self.k(j) else {
            return None;
        };
        if !self.cap(j) {
            return None;
        }
        let mut e = j + 1;
        if abbr && self.punct(e) == Some('.') && self.adj(j, e) {
            e += 1;
        }
        self.finish_day(i, m, d, e)
    }

    /// A month name first: `December 10[, 2019]`, `June 2015`, `in January`.
    fn month_first(&self, i: usize) -> Option<Hit> {
        let Kw::Month(m, abbr) = self.k(i) else {
            return None;
        };
        if !self.cap(i) {
            return None;
        }
        let mut j = i + 1;
        if abbr && self.punct(j) == Some('.') && self.adj(i, j) {
            j += 1;
        }
        if let Some((d, after)) = self.day_at(j) {
            return self.finish_day(i, m, d, after);
        }
        let k = if self.k(j) == Kw::Of || self.punct(j) == Some(',') {
            j + 1
        } else {
            j
        };
        if let Some(y) = self.year_at(k, 1800, 2199) {
            let date = ymd(y, m, 1)?;
            return Some(Hit::new(
                i,
                k + 1,
                date,
                Precision::Month,
                DateFrom::Explicit,
            ));
        }
        if abbr {
            return None;
        }
        if let Some((y, e)) = self.rel_year(j) {
            let date = ymd(y, m, 1)?;
            return Some(Hit::new(i, e, date, Precision::Month, DateFrom::Explicit));
        }
        // A bare month name: only after a cue.
        let cue = i >= 1
            && (matches!(
                self.k(i - 1),
                Kw::In
                    | Kw::Since
                    | Kw::By
                    | Kw::Until
                    | Kw::Of
                    | Kw::Early
                    | Kw::Mid
                    | Kw::Late
                    | Kw::During
                    | Kw::From
                    | Kw::Through
                    | Kw::Between
                    | Kw::Before
                    | Kw::After
                    | Kw::Last
                    | Kw::This
                    | Kw::Next
            ) || (i >= 2
                && self.is_dash(i - 1)
                && self.adj(i - 2, i - 1)
                && matches!(self.k(i - 2), Kw::Early | Kw::Mid | Kw::Late))
                || (self.cont(i) && self.last_prec != Some(Precision::Year)));
        if !cue {
            return None;
        }
        let dir = match self.k(i - 1) {
            Kw::Last => Dir::Last,
            Kw::Next => Dir::Next,
            Kw::This => Dir::This,
            _ => Dir::Bare,
        };
        let y = self.p?.year_of_month(m, dir);
        let from = if dir != Dir::Bare {
            DateFrom::Relative
        } else {
            DateFrom::Explicit
        };
        Some(Hit::new(i, j, ymd(y, m, 1)?, Precision::Month, from))
    }

    /// A year-less day and month: the latest such date at most 7 days after
    /// `P`, with the garbled-month correction (module docs).
    fn resolve_md(&self, m: u32, d: u32) -> Option<(NaiveDate, Option<String>)> {
        let p = self.p?;
        let limit = if p.day.is_some() {
            add_days(p.end, 7)?
        } else {
            p.end
        };
        let r = (p.year.saturating_sub(8)..=p.year.saturating_add(1))
            .rev()
            .filter_map(|y| ymd(y, m, d))
            .find(|x| *x <= limit)?;
        if let Some(pd) = p.day {
            if (pd - r).num_days() > 183 {
                let prev = add_months(pd.year(), pd.month(), -1)?;
                for (yy, mm) in [(pd.year(), pd.month()), prev] {
                    if let Some(g) = ymd(yy, mm, d) {
                        if g <= pd && (pd - g).num_days() <= 10 {
                            let note = format!(
                                "month name inconsistent with publication date; read as {g}"
                            );
                            return Some((g, Some(note)));
                        }
                    }
                }
            }
        }
        Some((r, None))
    }

    /// A bare year after a cue, `2015's`, or a year continuing a range.
    fn year(&self, i: usize) -> Option<Hit> {
        let y = self.year_at(i, 1900, 2100)?;
        let cont = self.cont(i) && self.last_prec == Some(Precision::Year);
        if !self.free_left(i) && !cont {
            return None;
        }
        let date = ymd(y, 1, 1)?;
        // `2015's`
        if self.adj(i, i + 1)
            && self.punct(i + 1).is_some_and(is_apostrophe)
            && self.adj(i + 1, i + 2)
            && self.k(i + 2) == Kw::S
        {
            return Some(Hit::new(
                i,
                i + 3,
                date,
                Precision::Year,
                DateFrom::Explicit,
            ));
        }
        // The cue: strong (year-prone) or weak (also introduces quantities).
        let strong = cont
            || (i >= 1
                && matches!(
                    self.k(i - 1),
                    Kw::In
                        | Kw::Since
                        | Kw::During
                        | Kw::Until
                        | Kw::Early
                        | Kw::Late
                        | Kw::Mid
                        | Kw::Through
                        | Kw::Before
                        | Kw::After
                        | Kw::Season
                        | Kw::Unit(Unit::Year, false)
                ))
            || (i >= 2
                && self.is_dash(i - 1)
                && self.adj(i - 1, i)
                && matches!(self.k(i - 2), Kw::Early | Kw::Late | Kw::Mid));
        // "the 2011 revolution": a year naming an event, before a singular
        // noun (not "the 2000 fighters").
        let the_event = i >= 1 && self.k(i - 1) == Kw::The && self.singular_noun_at(i + 1);
        let strong = strong || the_event;
        let weak = i >= 1
            && matches!(
                self.k(i - 1),
                Kw::Of | Kw::By | Kw::From | Kw::Between | Kw::Around | Kw::For
            );
        if !strong && !weak {
            return None;
        }
        // A range after it: another year is fine (`2011 to 2014`, `2019-20`);
        // another number makes this a quantity (`between 2000 and 2500 men`).
        let mut j = i + 1;
        let sep_dash = self.is_dash(j) && self.adj(i, j);
        if (sep_dash || matches!(self.k(j), Kw::To | Kw::And | Kw::Or))
            && self.is_num(j + 1)
            && self.year_at(j + 1, 1900, 2100).is_none()
        {
            // Another year is fine (read on its own); `2019-20` too.
            if sep_dash && self.digits(j + 1) == 2 && self.adj(j, j + 1) {
                j += 2;
            } else {
                return None;
            }
        }
        // After a year-prone cue only round numbers (`in 2000 homes`) are
        // suspect; `In 2019 forces advanced` is a year.
        if (!strong || y % 50 == 0) && !self.year_follow_ok(j, !strong) {
            return None;
        }
        Some(Hit::new(
            i,
            i + 1,
            date,
            Precision::Year,
            DateFrom::Explicit,
        ))
    }

    /// A lower-case word that is not a plural (a crude but safe test).
    fn singular_noun_at(&self, j: usize) -> bool {
        let Some(t) = self.toks.get(j) else { return false };
        if !matches!(t.k, K::Word(_)) {
            return false;
        }
        let w = self.text_of(j);
        w.chars().next().is_some_and(char::is_lowercase) && !w.ends_with('s') && w.len() > 3
    }

    /// What follows a bare year. `strict`: only punctuation or a function
    /// word; otherwise anything but a counted noun.
    fn year_follow_ok(&self, j: usize, strict: bool) -> bool {
        let Some(t) = self.toks.get(j) else {
            return true;
        };
        match t.k {
            K::Punct(c) => {
                if c == '%' {
                    return false;
                }
                // `2000-strong`
                !(is_dash_char(c)
                    && self.adj(j - 1, j)
                    && self.adj(j, j + 1)
                    && self.is_word(j + 1))
            }
            K::Num => !strict,
            K::Word(_) => {
                let mut buf = [0u8; 16];
                let w = self.text_of(j);
                let lower_first = w.chars().next().is_some_and(char::is_lowercase);
                match lower(w, &mut buf) {
                    Some(l) if strict => lower_first && is_function_word(l),
                    Some(l) => !(lower_first && looks_counted(l)),
                    None => !strict,
                }
            }
        }
    }

    /// `on the 5th`, `since the 7th`, `the 5th of this month`.
    fn ordinal_the(&self, i: usize) -> Option<Hit> {
        if i < 2 || self.k(i - 1) != Kw::The {
            return None;
        }
        if !matches!(
            self.k(i - 2),
            Kw::On
                | Kw::Since
                | Kw::By
                | Kw::Until
                | Kw::From
                | Kw::Before
                | Kw::After
                | Kw::Of
                | Kw::And
                | Kw::To
                | Kw::Through
                | Kw::Between
        ) {
            return None;
        }
        let (d, j) = self.day_at(i)?;
        if j != i + 2 {
            return None; // needs the ordinal suffix
        }
        let p = self.p?;
        let pm = p.month?;
        // `of this month` / `of last month`
        if self.k(j) == Kw::Of && self.k(j + 2) == Kw::Unit(Unit::Month, false) {
            let off = match self.k(j + 1) {
                Kw::This => 0,
                Kw::Last => -1,
                _ => return None,
            };
            let (y, m) = add_months(p.year, pm, off)?;
            let date = ymd(y, m, d)?;
            return Some(Hit::new(
                i - 1,
                j + 3,
                date,
                Precision::Day,
                DateFrom::Explicit,
            ));
        }
        // What follows must end the phrase: not `the 5th Brigade`, `the 7th
        // century`, `the 4th, 5th and 6th divisions`.
        if let Some(t) = self.toks.get(j) {
            match t.k {
                K::Punct(_) => {
                    if self.is_num(j + 1) {
                        return None;
                    }
                }
                K::Num => return None,
                K::Word(kw) => {
                    let mut buf = [0u8; 16];
                    let w = self.text_of(j);
                    let ok = !self.cap(j) && lower(w, &mut buf).is_some_and(is_function_word);
                    if !ok || (matches!(kw, Kw::And | Kw::Or | Kw::To) && self.is_num(j + 1)) {
                        return None;
                    }
                }
            }
        }
        let this = ymd(p.year, pm, d);
        let date = match (this, p.day) {
            (Some(c), Some(pd)) if c <= pd => c,
            (Some(c), None) => c,
            _ => {
                let (y, m) = add_months(p.year, pm, -1)?;
                ymd(y, m, d)?
            }
        };
        Some(Hit::new(i - 1, j, date, Precision::Day, DateFrom::Explicit))
    }

    /// A small count at `i`: a number, `one`..`twelve`, `a`/`an`, `a couple of`.
    fn count_at(&self, i: usize) -> Option<(i64, usize)> {
        match self.toks[i].k {
            K::Num => {
                let (v, len) = self.num(i)?;
                if len > 3 || v == 0 || !self.free_left(i) || !self.free_right(i) {
                    return None;
                }
                if self.adj(i, i + 1) && self.is_word(i + 1) {
                    return None;
                }
                Some((i64::from(v), i + 1))
            }
            K::Word(Kw::A) => {
                if self.k(i + 1) == Kw::Couple && self.k(i + 2) == Kw::Of {
                    Some((2, i + 3))
                } else {
                    Some((1, i + 1))
                }
            }
            K::Word(Kw::NumW(n)) => Some((i64::from(n), i + 1)),
            _ => None,
        }
    }

    /// `two days ago`, `a year ago`, `a year since (X)`; `three days later`, `a week earlier`
    /// (against the narrative anchor).
    fn ago(&self, i: usize) -> Option<Hit> {
        let (n, j) = self.count_at(i)?;
        let Kw::Unit(u, plural) = self.k(j) else {
            return None;
        };
        if n == 1 && plural {
            return None;
        }
        let e = j + 2;
        let (d, prec) = match self.k(j + 1) {
            Kw::Ago => shift(self.p?.base()?, u, -n)?,
            // "it has been more than a year since X": X was a year ago.
            Kw::Since => shift(self.p?.base()?, u, -n)?,
            Kw::Earlier => shift(self.last?, u, -n)?,
            Kw::Later => shift(self.last?, u, n)?,
            Kw::Before if self.phrase_end(e) => shift(self.last?, u, -n)?,
            Kw::After if self.phrase_end(e) => shift(self.last?, u, n)?,
            _ => return None,
        };
        let mut hit = Hit::new(i, e, d, prec, DateFrom::Relative);
        if matches!(self.k(j + 1), Kw::Ago | Kw::Since) {
            hit.range = self.ago_range(i, u, n);
        }
        Some(hit)
    }

    /// `more than a year ago` ended a year before publication; `a year ago`
    /// is a round figure, within half a unit either side. Only years and
    /// months are narrowed: shorter units already resolve to their day or week.
    fn ago_range(&self, i: usize, u: Unit, n: i64) -> Option<DateRange> {
        let months = match u {
            Unit::Year => n.checked_mul(12)?,
            Unit::Month => n,
            _ => return None,
        };
        let p = self.p?.base()?.0;
        let at = |m: i64| -> Option<i64> {
            let d = p.checked_sub_months(chrono::Months::new(u32::try_from(m).ok()?))?;
            Some(day_number(d.year(), d.month(), d.day()))
        };
        let half = (months / 2).max(1);
        let (first, last) = if self.more_than_before(i) {
            (at(months * 2)?, at(months)?)
        } else {
            (at(months + half)?, at(months - half)?)
        };
        Some(DateRange::from_days(first, last))
    }

    /// `more than` / `over` just before token `i`.
    fn more_than_before(&self, i: usize) -> bool {
        let word = |k: usize| self.text_of(k).to_ascii_lowercase();
        (i >= 1 && word(i - 1) == "over")
            || (i >= 2 && word(i - 1) == "than" && matches!(word(i - 2).as_str(), "more" | "longer"))
    }

    /// The weekday `wd` in the direction given, against `P`.
    fn weekday_date(&self, wd: Weekday, dir: Dir) -> Option<NaiveDate> {
        let p = self.p?.day?;
        match dir {
            Dir::Bare => on_or_before(p, wd),
            Dir::Last => on_or_before(add_days(p, -1)?, wd),
            Dir::Next => on_or_before(add_days(p, 7)?, wd),
            Dir::This => add_days(monday_of(p)?, i64::from(wd.num_days_from_monday())),
        }
    }

    fn weekend_date(&self, which: WeekendOf) -> Option<NaiveDate> {
        let p = self.p?.day?;
        let sat = on_or_before(p, Weekday::Sat)?;
        let in_weekend = matches!(p.weekday(), Weekday::Sat | Weekday::Sun);
        match which {
            WeekendOf::Over => Some(sat),
            WeekendOf::Last => {
                if in_weekend {
                    add_days(sat, -7)
                } else {
                    Some(sat)
                }
            }
            WeekendOf::This => {
                if in_weekend || matches!(p.weekday(), Weekday::Mon | Weekday::Tue) {
                    Some(sat)
                } else {
                    add_days(sat, 7)
                }
            }
            WeekendOf::Next => add_days(sat, 7),
        }
    }

    /// Past a weekday or deictic word: an optional time of day.
    fn tod_end(&self, e: usize) -> usize {
        if matches!(self.k(e), Kw::Tod(_)) {
            e + 1
        } else {
            e
        }
    }

    /// A weekday name: `Monday`, `Monday evening`, `Monday, December 10`.
    fn weekday(&self, i: usize) -> Option<Hit> {
        let Kw::Wd(wd) = self.k(i) else {
            return None;
        };
        if !self.cap(i) {
            return None;
        }
        // An explicit date after it wins: `Monday, December 10, 2019`.
        let j = if self.punct(i + 1) == Some(',') {
            i + 2
        } else {
            i + 1
        };
        if j < self.toks.len() {
            if let Some(mut h) = self.month_first(j).or_else(|| self.day_month(j)) {
                h.s = i;
                return Some(h);
            }
        }
        if i >= 1 {
            if self.k(i - 1) == Kw::Every {
                return None;
            }
            let mut buf = [0u8; 16];
            if self.cap(i - 1)
                && lower(self.text_of(i - 1), &mut buf).is_some_and(|w| {
                    matches!(
                        w,
                        b"black"
                            | b"good"
                            | b"bloody"
                            | b"holy"
                            | b"ash"
                            | b"palm"
                            | b"easter"
                            | b"super"
                            | b"cyber"
                            | b"maundy"
                            | b"great"
                            | b"red"
                    )
                })
            {
                return None;
            }
        }
        if self.is_word(i + 1) {
            let mut buf = [0u8; 16];
            if lower(self.text_of(i + 1), &mut buf).is_some_and(|w| {
                matches!(
                    w,
                    b"times"
                        | b"telegraph"
                        | b"express"
                        | b"mirror"
                        | b"herald"
                        | b"post"
                        | b"mail"
                        | b"star"
                        | b"tribune"
                        | b"independent"
                        | b"prayers"
                        | b"prayer"
                        | b"sermon"
                        | b"sermons"
                        | b"services"
                        | b"service"
                        | b"mass"
                        | b"market"
                        | b"markets"
                        | b"school"
                        | b"schools"
                        | b"edition"
                        | b"editions"
                )
            }) {
                return None;
            }
        }
        let date = self.weekday_date(wd, Dir::Bare)?;
        Some(Hit::new(
            i,
            self.tod_end(i + 1),
            date,
            Precision::Day,
            DateFrom::Relative,
        ))
    }

    /// `last/this/next` + week, month, year, weekend, weekday, month name,
    /// `last night`, `this morning`, `this past week`.
    fn relative(&self, i: usize) -> Option<Hit> {
        if i >= 1 && self.k(i - 1) == Kw::The {
            return None; // `the last week`: a duration
        }
        let mut dir = match self.k(i) {
            Kw::Last => Dir::Last,
            Kw::This => Dir::This,
            Kw::Next => Dir::Next,
            _ => return None,
        };
        let mut j = i + 1;
        if dir == Dir::This && self.k(j) == Kw::Past {
            dir = Dir::Last;
            j += 1;
        }
        let off = match dir {
            Dir::Last => -1,
            Dir::Next => 1,
            _ => 0,
        };
        let rel = DateFrom::Relative;
        match self.k(j) {
            Kw::Unit(u, false) if u != Unit::Day => {
                let (d, prec) = shift(self.p?.base()?, u, off)?;
                Some(Hit::new(i, j + 1, d, prec, rel))
            }
            Kw::Weekend => {
                let which = match dir {
                    Dir::Last => WeekendOf::Last,
                    Dir::Next => WeekendOf::Next,
                    _ => WeekendOf::This,
                };
                Some(Hit::new(
                    i,
                    j + 1,
                    self.weekend_date(which)?,
                    Precision::Week,
                    rel,
                ))
            }
            Kw::Wd(wd) if self.cap(j) => {
                let d = self.weekday_date(wd, dir)?;
                Some(Hit::new(i, self.tod_end(j + 1), d, Precision::Day, rel))
            }
            Kw::Tod(_) => {
                let n = match dir {
                    Dir::Last => -1,
                    Dir::This => 0,
                    _ => return None,
                };
                let (d, prec) = shift(self.p?.base()?, Unit::Day, n)?;
                Some(Hit::new(i, j + 1, d, prec, rel))
            }
            Kw::Month(m, false) if self.cap(j) => {
                let y = self.p?.year_of_month(m, dir);
                Some(Hit::new(i, j + 1, ymd(y, m, 1)?, Precision::Month, rel))
            }
            _ => None,
        }
    }

    /// `today`, `yesterday [morning]`, `tomorrow`, `tonight`.
    fn deictic(&self, i: usize) -> Option<Hit> {
        let n = match self.k(i) {
            Kw::Today | Kw::Tonight => 0,
            Kw::Yesterday => -1,
            Kw::Tomorrow => 1,
            _ => return None,
        };
        let (d, prec) = shift(self.p?.base()?, Unit::Day, n)?;
        let e = if self.k(i) == Kw::Tonight {
            i + 1
        } else {
            self.tod_end(i + 1)
        };
        Some(Hit::new(i, e, d, prec, DateFrom::Relative))
    }

    /// `the weekend`, `the day before [yesterday]`, `the next/following/
    /// previous day|week|month|year`, `the same day`.
    fn the(&self, i: usize) -> Option<Hit> {
        let rel = DateFrom::Relative;
        match self.k(i + 1) {
            Kw::Weekend => {
                if i >= 1 && self.k(i - 1) == Kw::Every {
                    return None;
                }
                let d = self.weekend_date(WeekendOf::Over)?;
                Some(Hit::new(i, i + 2, d, Precision::Week, rel))
            }
            Kw::Unit(Unit::Day, false) => {
                let before = match self.k(i + 2) {
                    Kw::Before => true,
                    Kw::After => false,
                    _ => return None,
                };
                match self.k(i + 3) {
                    Kw::Yesterday if before => {
                        let (d, pr) = shift(self.p?.base()?, Unit::Day, -2)?;
                        Some(Hit::new(i, i + 4, d, pr, rel))
                    }
                    Kw::Tomorrow if !before => {
                        let (d, pr) = shift(self.p?.base()?, Unit::Day, 2)?;
                        Some(Hit::new(i, i + 4, d, pr, rel))
                    }
                    _ if self.phrase_end(i + 3) => {
                        let n = if before { -1 } else { 1 };
                        let (d, pr) = match self.last {
                            Some(a) => shift(a, Unit::Day, n)?,
                            None if before => shift(self.p?.base()?, Unit::Day, -1)?,
                            None => return None,
                        };
                        Some(Hit::new(i, i + 3, d, pr, rel))
                    }
                    _ => None,
                }
            }
            kw @ (Kw::Previous | Kw::Next | Kw::Following) => {
                let Kw::Unit(u, false) = self.k(i + 2) else {
                    return None;
                };
                let n = if kw == Kw::Previous { -1 } else { 1 };
                let (d, pr) = match self.last {
                    Some(a) => shift(a, u, n)?,
                    None if kw == Kw::Previous && u == Unit::Day => {
                        shift(self.p?.base()?, Unit::Day, -1)?
                    }
                    None => return None,
                };
                Some(Hit::new(i, i + 3, d, pr, rel))
            }
            Kw::Same => {
                if self.k(i + 2) != Kw::Unit(Unit::Day, false) {
                    return None;
                }
                let (d, pr) = shift(self.last?, Unit::Day, 0)?;
                Some(Hit::new(i, i + 3, d, pr, rel))
            }
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(s: &str) -> Vec<K> {
        let mut v = Vec::new();
        tokenize(s, &mut v);
        v.into_iter().map(|t| t.k).collect()
    }

    #[test]
    fn tokenizer_splits_words_numbers_punctuation() {
        let k = kinds("Dec. 10th, 2019 — al‑Watiya 2,000");
        assert_eq!(k[0], K::Word(Kw::Month(12, true)));
        assert_eq!(k[1], K::Punct('.'));
        assert_eq!(k[2], K::Num);
        assert_eq!(k[3], K::Word(Kw::OrdSfx));
        assert_eq!(k[4], K::Punct(','));
        assert_eq!(k[5], K::Num);
        assert_eq!(k[6], K::Punct('—'));
        assert_eq!(k.len(), 13);
        // Non-breaking spaces separate tokens.
        assert_eq!(kinds("May\u{a0}23").len(), 2);
    }

    #[test]
    fn precheck_skips_plain_sentences() {
        assert!(!worth_scanning(
            "The army said it would march on the capital."
        ));
        assert!(!worth_scanning("Haftar may visit Cairo."));
        assert!(worth_scanning("Haftar visited Cairo in May."));
        assert!(worth_scanning("It happened 3 times."));
        assert!(worth_scanning("They left yesterday."));
    }

    #[test]
    fn calendar_helpers() {
        let sat = ymd(2020, 5, 23).unwrap();
        assert_eq!(monday_of(sat), ymd(2020, 5, 18));
        assert_eq!(on_or_before(sat, Weekday::Fri), ymd(2020, 5, 22));
        assert_eq!(on_or_before(sat, Weekday::Sat), Some(sat));
        assert_eq!(add_months(2020, 1, -1), Some((2019, 12)));
        assert_eq!(add_months(2020, 12, 1), Some((2021, 1)));
        assert_eq!(last_of_month(2020, 2), ymd(2020, 2, 29));
    }
}
