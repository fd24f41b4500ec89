//! Lenient parsing of the publication dates found in HTML metadata and feeds.

use sitrep_model::PartialDate;

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

fn month_of(token: &str) -> Option<u8> {
    let t = token.to_ascii_lowercase();
    if t.len() < 3 {
        return None;
    }
    const FULL: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    for (i, m) in MONTHS.iter().enumerate() {
        // "Jun", "June", "Sept" and "September" but not "Junk".
        if t == *m || FULL[i] == t || (t == "sept" && i == 8) {
            return Some(i as u8 + 1);
        }
    }
    None
}

/// Parses a date as metadata writes it: ISO 8601 (`2020-05-18`, `2020-05-18T10:00:00Z`,
/// `2020-05`, `2020`), RFC 822/2822 as in RSS `pubDate` (`Mon, 18 May 2020 10:00:00 GMT`), and
/// `May 18, 2020` / `18 May 2020`. The time of day and zone are dropped: the date is the one
/// written. Returns `None` for anything else or an impossible date.
pub fn parse_loose_date(s: &str) -> Option<PartialDate> {
    let s = s.trim();
    if s.is_empty() || s.len() > 100 {
        return None;
    }
    if let Ok(d) = s.parse::<PartialDate>() {
        return Some(d);
    }
    // `2020-05-18+02:00`, `2020-05-18Z`, `2020/05/18`.
    let b = s.as_bytes();
    if b.len() >= 10
        && b[..4].iter().all(u8::is_ascii_digit)
        && matches!(b[4], b'-' | b'/' | b'.')
        && b[5..7].iter().all(u8::is_ascii_digit)
        && b[7] == b[4]
        && b[8..10].iter().all(u8::is_ascii_digit)
        && (b.len() == 10 || !b[10].is_ascii_digit())
    {
        let iso = format!("{}-{}-{}", &s[..4], &s[5..7], &s[8..10]);
        if let Ok(d) = iso.parse::<PartialDate>() {
            return Some(d);
        }
    }
    // Month-name forms.
    let tokens: Vec<&str> = s
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|t| !t.is_empty())
        .collect();
    let mi = tokens.iter().position(|t| month_of(t).is_some())?;
    let month = month_of(tokens[mi])?;
    let is_day = |t: &str| t.len() <= 2 && t.bytes().all(|c| c.is_ascii_digit());
    let strip_ordinal = |t: &str| -> String {
        let l = t.to_ascii_lowercase();
        for suf in ["st", "nd", "rd", "th"] {
            if let Some(n) = l.strip_suffix(suf) {
                if !n.is_empty() && n.len() <= 2 && n.bytes().all(|c| c.is_ascii_digit()) {
                    return n.to_string();
                }
            }
        }
        l
    };
    let (day, rest) = if mi > 0 && is_day(&strip_ordinal(tokens[mi - 1])) {
        (Some(strip_ordinal(tokens[mi - 1])), mi + 1)
    } else if mi + 1 < tokens.len() && is_day(&strip_ordinal(tokens[mi + 1])) {
        (Some(strip_ordinal(tokens[mi + 1])), mi + 2)
    } else {
        (None, mi + 1)
    };
    let year_tok = tokens.get(rest)?;
    let year: i32 = match year_tok.len() {
        4 if year_tok.bytes().all(|c| c.is_ascii_digit()) => year_tok.parse().ok()?,
        2 if year_tok.bytes().all(|c| c.is_ascii_digit()) && day.is_some() => {
            let y: i32 = year_tok.parse().ok()?;
            if y < 70 {
                2000 + y
            } else {
                1900 + y
            }
        }
        _ => return None,
    };
    let iso = match day {
        Some(d) => format!("{:04}-{:02}-{:02}", year, month, d.parse::<u8>().ok()?),
        None => format!("{:04}-{:02}", year, month),
    };
    iso.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Option<String> {
        parse_loose_date(s).map(|d| d.to_string())
    }

    #[test]
    fn iso_and_rfc822_and_names() {
        assert_eq!(p("2020-05-18").as_deref(), Some("2020-05-18"));
        assert_eq!(
            p("2020-05-18T23:10:00+02:00").as_deref(),
            Some("2020-05-18")
        );
        assert_eq!(p("2020-05-18+02:00").as_deref(), Some("2020-05-18"));
        assert_eq!(p("2020/05/18").as_deref(), Some("2020-05-18"));
        assert_eq!(
            p("Mon, 18 May 2020 10:00:00 GMT").as_deref(),
            Some("2020-05-18")
        );
        assert_eq!(
            p("Tue, 3 Jun 03 04:00:00 -0500").as_deref(),
            Some("2003-06-03")
        );
        assert_eq!(p("May 18, 2020").as_deref(), Some("2020-05-18"));
        assert_eq!(p("18th September 2019").as_deref(), Some("2019-09-18"));
        assert_eq!(p("March 2021").as_deref(), Some("2021-03"));
        assert_eq!(p("2021").as_deref(), Some("2021"));
        assert_eq!(p("31/31/2020"), None);
        assert_eq!(p("Feb 30, 2020"), None);
        assert_eq!(p("yesterday"), None);
        assert_eq!(p(""), None);
    }
}
