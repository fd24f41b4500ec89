//! Word tokens with byte spans.
//!
//! A token is a run of letters/digits (with inner apostrophes kept out:
//! "Haftar's" is `Haftar` + `'s`), a number with its inner separators
//! ("120,000", "3.5"), or one punctuation character. Hyphens are their own
//! tokens, so "Turkish-backed" is `Turkish` `-` `backed`.

use sitrep_model::Span;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    Word,
    Number,
    Punct,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub span: Span,
    pub kind: TokenKind,
}

impl Token {
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        &text[self.span.start..self.span.end]
    }
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{2018}' | '\u{02bc}' | '`')
}

/// Tokens of `text[span]`, with spans into `text`.
pub fn tokenize(text: &str, span: Span) -> Vec<Token> {
    let s = &text[span.start..span.end];
    let base = span.start;
    let mut out = Vec::with_capacity(s.len() / 5);
    let mut it = s.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if c.is_whitespace() {
            continue;
        }
        if c.is_numeric() {
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = it.peek() {
                if d.is_numeric() {
                    end = j + d.len_utf8();
                    it.next();
                } else if (d == ',' || d == '.') && s[j + 1..].chars().next().map_or(false, |n| n.is_ascii_digit()) {
                    end = j + 1;
                    it.next();
                } else {
                    break;
                }
            }
            // "5th", "1990s": letters glued to a number stay with it.
            while let Some(&(j, d)) = it.peek() {
                if d.is_alphabetic() {
                    end = j + d.len_utf8();
                    it.next();
                } else {
                    break;
                }
            }
            out.push(Token { span: Span::new(base + i, base + end), kind: TokenKind::Number });
        } else if c.is_alphanumeric() {
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = it.peek() {
                if d.is_alphanumeric() || is_combining(d) {
                    end = j + d.len_utf8();
                    it.next();
                } else if d == '.' && is_dotted_acronym(&s[i..], j - i) {
                    end = j + 1;
                    it.next();
                } else {
                    break;
                }
            }
            out.push(Token { span: Span::new(base + i, base + end), kind: TokenKind::Word });
        } else if is_apostrophe(c) {
            // "'s" possessive / contraction "n't" handled as a word token.
            let rest = &s[i + c.len_utf8()..];
            let word_len: usize = rest.chars().take_while(|d| d.is_alphabetic()).map(char::len_utf8).sum();
            let prev_alpha = s[..i].chars().next_back().map_or(false, char::is_alphanumeric);
            if prev_alpha && word_len > 0 && word_len <= 2 {
                let end = i + c.len_utf8() + word_len;
                while it.peek().map_or(false, |&(j, _)| j < end) {
                    it.next();
                }
                out.push(Token { span: Span::new(base + i, base + end), kind: TokenKind::Word });
            } else {
                out.push(Token { span: Span::new(base + i, base + i + c.len_utf8()), kind: TokenKind::Punct });
            }
        } else {
            out.push(Token { span: Span::new(base + i, base + i + c.len_utf8()), kind: TokenKind::Punct });
        }
    }
    out
}

fn is_combining(c: char) -> bool {
    unicode_normalization::char::is_combining_mark(c)
}

/// "U.N." / "U.S.": single letters separated by periods (at byte `dot` of `s`).
fn is_dotted_acronym(s: &str, dot: usize) -> bool {
    let before = &s[..dot];
    let after = &s[dot + 1..];
    let last_seg = before.rsplit('.').next().unwrap_or("");
    last_seg.chars().count() == 1
        && last_seg.chars().all(char::is_uppercase)
        && (after.chars().next().map_or(false, char::is_uppercase) || before.contains('.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(t: &str) -> Vec<&str> {
        tokenize(t, Span::new(0, t.len())).iter().map(|k| k.text(t)).collect()
    }

    #[test]
    fn splits_possessives_hyphens_and_punctuation() {
        assert_eq!(toks("Haftar's Turkish-backed foes."), vec!["Haftar", "'s", "Turkish", "-", "backed", "foes", "."]);
        assert_eq!(toks("Haftar\u{2019}s army"), vec!["Haftar", "\u{2019}s", "army"]);
    }

    #[test]
    fn numbers_keep_separators_and_suffixes() {
        assert_eq!(toks("120,000 people, 3.5 km, the 5th."), vec!["120,000", "people", ",", "3.5", "km", ",", "the", "5th", "."]);
    }

    #[test]
    fn dotted_acronyms_are_one_token() {
        assert_eq!(toks("the U.N. and U.S. envoys"), vec!["the", "U.N.", "and", "U.S.", "envoys"]);
    }
}
