//! Normalised text for matching names, with a map back to the original.
//!
//! Names are compared case- and accent-insensitively, with hyphens, dashes
//! and runs of white space treated as one space and all apostrophes as `'`,
//! so that "Al-Watiya", "al Watiya" and "AL WATIYA" meet. [`Folded`] keeps,
//! for every byte of the folded string, the byte offset of the original
//! character it came from, so matches map back to exact spans.

use unicode_normalization::char::decompose_canonical;
use unicode_normalization::char::is_combining_mark;

/// Folds one character into `out` (zero or more ASCII-ish characters).
fn fold_char(c: char, out: &mut String) {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201b}' | '\u{02bc}' | '\u{02bb}' | '`' | '\u{b4}' | '\u{2032}' => {
            out.push('\'')
        }
        '-' | '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2212}' | '_' | '/' => {
            out.push(' ')
        }
        'ı' => out.push('i'),
        'ß' => out.push_str("ss"),
        'æ' | 'Æ' => out.push_str("ae"),
        'œ' | 'Œ' => out.push_str("oe"),
        'ø' | 'Ø' => out.push('o'),
        'ł' | 'Ł' => out.push('l'),
        'đ' | 'Đ' | 'ð' => out.push('d'),
        'þ' => out.push_str("th"),
        c if c.is_whitespace() => out.push(' '),
        c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
        c => {
            let mut any = false;
            decompose_canonical(c, |d| {
                if !is_combining_mark(d) {
                    for l in d.to_lowercase() {
                        out.push(l);
                    }
                    any = true;
                }
            });
            if !any {
                out.push(c);
            }
        }
    }
}

/// A folded string (see module docs).
pub fn fold(s: &str) -> String {
    Folded::new(s).text
}

/// Folded text plus the map back to original byte offsets.
#[derive(Debug, Clone)]
pub struct Folded {
    pub text: String,
    /// `orig[i]` = original byte offset of the character that produced byte `i`
    /// of `text`; one extra entry maps `text.len()` to the original length.
    orig: Vec<u32>,
}

impl Folded {
    /// Folds `s`, collapsing white-space runs to one space.
    pub fn new(s: &str) -> Self {
        let mut text = String::with_capacity(s.len());
        let mut orig = Vec::with_capacity(s.len() + 1);
        let mut buf = String::new();
        for (i, c) in s.char_indices() {
            buf.clear();
            fold_char(c, &mut buf);
            for ch in buf.chars() {
                if ch == ' ' && text.ends_with(' ') {
                    continue;
                }
                let before = text.len();
                text.push(ch);
                orig.extend(std::iter::repeat(i as u32).take(text.len() - before));
            }
        }
        orig.push(s.len() as u32);
        Folded { text, orig }
    }

    /// Original byte offset of folded byte offset `i` (a match start).
    pub fn orig_start(&self, i: usize) -> usize {
        self.orig[i.min(self.orig.len() - 1)] as usize
    }

    /// Original byte offset just after folded range ending at `end` (exclusive).
    pub fn orig_end(&self, end: usize, original: &str) -> usize {
        if end == 0 {
            return 0;
        }
        if end >= self.text.len() {
            return original.len();
        }
        // The end of the original character that produced byte end-1.
        let start = self.orig[end - 1] as usize;
        start + original[start..].chars().next().map_or(0, char::len_utf8)
    }
}

/// A stable id from a name: folded, alphanumeric runs joined by `-`.
pub fn slug(s: &str) -> String {
    let f = fold(s);
    let mut out = String::with_capacity(f.len());
    for c in f.chars() {
        if c.is_alphanumeric() {
            out.push(c);
        } else if c != '\'' && !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_accents_hyphens_and_apostrophes() {
        assert_eq!(fold("Mevlüt Çavuşoğlu"), "mevlut cavusoglu");
        assert_eq!(fold("Al-Watiya"), fold("al  Watiya"));
        assert_eq!(fold("Haftar\u{2019}s"), "haftar's");
        assert_eq!(fold("Ṭarābulus"), "tarabulus");
    }

    #[test]
    fn maps_back_to_original_offsets() {
        let s = "The  Çavuşoğlu-visit";
        let f = Folded::new(s);
        let at = f.text.find("cavusoglu").unwrap();
        let (a, b) = (f.orig_start(at), f.orig_end(at + "cavusoglu".len(), s));
        assert_eq!(&s[a..b], "Çavuşoğlu");
    }

    #[test]
    fn slugs_are_stable_ids() {
        assert_eq!(slug("Saqr al-Jaroushi"), "saqr-al-jaroushi");
        assert_eq!(slug("  Al Watiya Air Base "), "al-watiya-air-base");
        assert_eq!(slug("Haftar's"), "haftars");
    }
}
