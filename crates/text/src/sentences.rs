//! Sentence segmentation for news prose.
//!
//! A sentence ends at `.`, `!` or `?` (with any closing quotes or brackets
//! after it) followed by white space and something that can start a
//! sentence, or at a line break. A period does not end a sentence after a
//! known abbreviation or title ("Gen.", "U.N.", "Jan."), after a single
//! initial ("Khalifa B. Haftar"), or inside a number ("3.5", "120,000.").
//! Headlines and datelines without final punctuation end at their line break.

use sitrep_model::Span;

/// Abbreviations after which a period does not end a sentence when a
/// capitalised word follows (titles, ranks, months, common short forms).
/// Compared case-sensitively without the final period.
const ABBREVIATIONS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "Prof", "Sr", "Jr", "St", "Mt", "Gen", "Lt", "Col", "Maj", "Capt", "Cpt",
    "Sgt", "Cpl", "Pvt", "Adm", "Cmdr", "Cdr", "Brig", "Gov", "Sen", "Rep", "Rev", "Hon", "Pres",
    "Amb", "Supt", "Insp", "Lt.Col", "Lt.Gen", "Maj.Gen", "Brig.Gen", "No", "Nos", "Vol", "vs", "v",
    "etc", "approx", "est", "Inc", "Ltd", "Co", "Corp", "Bros", "Dept", "Univ", "Assn", "Jan", "Feb",
    "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "Mon", "Tue", "Tues", "Wed",
    "Thu", "Thur", "Thurs", "Fri", "Sat", "Sun", "km", "al", "e.g", "i.e", "cf", "ca", "op", "Art",
    "Fig", "p", "pp",
];

/// Abbreviations that are normally followed by a name or number, so a period
/// after them never ends a sentence even before a capital letter.
const TITLES: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "Prof", "Gen", "Lt", "Col", "Maj", "Capt", "Cpt", "Sgt", "Cpl", "Pvt",
    "Adm", "Cmdr", "Cdr", "Brig", "Gov", "Sen", "Rep", "Rev", "Hon", "Pres", "Amb", "St", "Mt", "No",
    "Nos", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "vs",
    "Supt", "Insp", "Art", "Fig",
];

fn is_closing(c: char) -> bool {
    matches!(c, '"' | '\'' | '\u{201d}' | '\u{2019}' | ')' | ']' | '\u{bb}')
}

fn is_opening(c: char) -> bool {
    matches!(c, '"' | '\'' | '\u{201c}' | '\u{2018}' | '(' | '[' | '\u{ab}')
}

/// The word that ends right before byte `dot` (letters, digits and inner periods).
fn word_before(text: &str, dot: usize) -> &str {
    let head = &text[..dot];
    let start = head
        .char_indices()
        .rev()
        .find(|&(_, c)| !(c.is_alphanumeric() || c == '.'))
        .map(|(i, c)| i + c.len_utf8())
        .unwrap_or(0);
    &head[start..]
}

/// Whether the period at byte `dot` belongs to an abbreviation or initial.
fn is_abbreviation_period(text: &str, dot: usize, next: Option<char>) -> bool {
    let word = word_before(text, dot);
    if word.is_empty() {
        return false;
    }
    // "U.N." / "U.S." / "e.g.": dotted initials.
    if word.contains('.') {
        let parts: Vec<&str> = word.split('.').collect();
        if parts.iter().all(|p| p.chars().count() <= 2) {
            // A dotted acronym at the end of a sentence is still a boundary
            // when a clearly sentence-initial word follows; we cannot know,
            // so keep it attached unless the next letter is a capital that
            // starts a common sentence opener (handled by the caller).
            return !next.map_or(false, char::is_uppercase) || word.len() <= 4;
        }
    }
    let bare = word.trim_end_matches('.');
    if TITLES.contains(&bare) {
        return true;
    }
    // A single capital initial: "Khalifa B. Haftar".
    let mut chars = bare.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        if c.is_uppercase() {
            return true;
        }
    }
    if ABBREVIATIONS.contains(&bare) {
        // Not a boundary unless a capitalised word follows ("etc. The").
        return !next.map_or(false, char::is_uppercase);
    }
    false
}

/// Sentence spans of `text` (byte offsets, trimmed of surrounding white space).
pub fn split(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = 0usize;
    let bytes = text.as_bytes();
    let mut iter = text.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        match c {
            '\n' | '\u{2029}' => {
                push_trimmed(text, start, i, &mut out);
                start = i + c.len_utf8();
            }
            '.' | '!' | '?' | '\u{2026}' => {
                // Swallow repeated terminators and closing quotes/brackets.
                let mut end = i + c.len_utf8();
                while let Some(&(j, d)) = iter.peek() {
                    if matches!(d, '.' | '!' | '?') || is_closing(d) {
                        end = j + d.len_utf8();
                        iter.next();
                    } else {
                        break;
                    }
                }
                let rest = &text[end..];
                let after_ws = rest.trim_start_matches([' ', '\t', '\u{a0}']);
                let had_space = after_ws.len() < rest.len();
                let next = after_ws.chars().next();
                let at_end = after_ws.is_empty() || next == Some('\n') || next == Some('\r');
                if !at_end && !had_space {
                    continue; // "3.5", "U.N.-backed", "Haftar's."
                }
                if c == '.' && end == i + 1 && !at_end {
                    if is_abbreviation_period(text, i, next) {
                        continue;
                    }
                    if i > 0 && bytes[i - 1].is_ascii_digit() && next.map_or(false, |n| n.is_lowercase()) {
                        continue;
                    }
                }
                let starts_sentence = at_end
                    || next.map_or(false, |n| n.is_uppercase() || n.is_numeric() || is_opening(n) || n == '-' || n == '\u{2014}');
                if starts_sentence {
                    push_trimmed(text, start, end, &mut out);
                    start = end;
                }
            }
            _ => {}
        }
    }
    push_trimmed(text, start, text.len(), &mut out);
    out
}

fn push_trimmed(text: &str, start: usize, end: usize, out: &mut Vec<Span>) {
    let piece = &text[start..end];
    let lead = piece.len() - piece.trim_start().len();
    let trail = piece.len() - piece.trim_end().len();
    if lead + trail < piece.len() {
        out.push(Span::new(start + lead, end - trail));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sents(text: &str) -> Vec<&str> {
        split(text).into_iter().map(|s| &text[s.start..s.end]).collect()
    }

    #[test]
    fn titles_and_ranks_do_not_end_sentences() {
        let t = "Gen. Ali Hassan met Col. Smith and Lt. Jones. Mr. Brown was absent.";
        assert_eq!(sents(t), vec!["Gen. Ali Hassan met Col. Smith and Lt. Jones.", "Mr. Brown was absent."]);
    }

    #[test]
    fn dotted_acronyms_and_months() {
        let t = "The U.N. envoy arrived on Jan. 5 in Tripoli. The U.S. embassy said nothing.";
        assert_eq!(sents(t), vec!["The U.N. envoy arrived on Jan. 5 in Tripoli.", "The U.S. embassy said nothing."]);
    }

    #[test]
    fn numbers_keep_their_points_and_commas() {
        let t = "About 120,000 residents fled. Prices rose 3.5 percent.";
        assert_eq!(sents(t), vec!["About 120,000 residents fled.", "Prices rose 3.5 percent."]);
    }

    #[test]
    fn quotes_close_the_sentence() {
        let t = "\u{201c}We will win.\u{201d} The commander left. He said \"no.\" Then silence!";
        assert_eq!(
            sents(t),
            vec!["\u{201c}We will win.\u{201d}", "The commander left.", "He said \"no.\"", "Then silence!"]
        );
    }

    #[test]
    fn headlines_end_at_line_breaks() {
        let t = "Rebels seize town\n\nSaturday, 23 May 2020 12:30\nFighting continued. More came.";
        assert_eq!(
            sents(t),
            vec!["Rebels seize town", "Saturday, 23 May 2020 12:30", "Fighting continued.", "More came."]
        );
    }

    #[test]
    fn initials_stay_inside_names() {
        let t = "Khalifa B. Haftar spoke. George W. Bush did not.";
        assert_eq!(sents(t), vec!["Khalifa B. Haftar spoke.", "George W. Bush did not."]);
    }

    #[test]
    fn lower_case_continuation_is_not_a_boundary() {
        let t = "Forces advanced approx. three km. Then they stopped.";
        assert_eq!(sents(t), vec!["Forces advanced approx. three km.", "Then they stopped."]);
    }

    #[test]
    fn spans_are_byte_offsets_into_unicode_text() {
        let t = "Çavuşoğlu arrived. Erdoğan left.";
        let s = split(t);
        assert_eq!(&t[s[1].start..s[1].end], "Erdoğan left.");
    }

    #[test]
    fn long_text_without_boundaries_is_one_span() {
        let t = "word ".repeat(100_000);
        assert_eq!(split(&t).len(), 1);
    }
}
