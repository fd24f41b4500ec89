//! Small text helpers: evidence sentences, offsets, CSV/TSV/XML escaping.

use sitrep_model::{Document, Span};

/// The text of a span with runs of whitespace collapsed to one space.
pub(crate) fn span_text(doc: &Document, span: Span) -> String {
    let s = doc.text.get(span.start..span.end).unwrap_or("");
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Unicode-scalar offset of a byte offset (the record spec's offsets).
pub(crate) fn char_offset(text: &str, byte: usize) -> usize {
    let mut b = byte.min(text.len());
    while !text.is_char_boundary(b) {
        b -= 1;
    }
    text[..b].chars().count()
}

/// Index of the sentence holding a byte offset.
pub(crate) fn sentence_index(doc: &Document, byte: usize) -> Option<usize> {
    doc.sentences.iter().position(|s| s.start <= byte && byte < s.end.max(s.start + 1))
}

/// One CSV field (RFC 4180): quoted when it holds a comma, a quote, a line
/// break or surrounding spaces.
pub(crate) fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) || s.starts_with(' ') || s.ends_with(' ') {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// A CSV line of fields, ended by `\n`.
pub(crate) fn csv_line<S: AsRef<str>>(fields: &[S]) -> String {
    let mut line = fields.iter().map(|f| csv_field(f.as_ref())).collect::<Vec<_>>().join(",");
    line.push('\n');
    line
}

/// One TSV field as GDELT writes them: no quoting, so tabs and line breaks
/// become spaces.
pub(crate) fn tsv_field(s: &str) -> String {
    s.chars().map(|c| if matches!(c, '\t' | '\n' | '\r') { ' ' } else { c }).collect()
}

/// XML text/attribute escaping; drops characters XML 1.0 forbids.
pub(crate) fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// A coordinate with at most 6 decimals (about 10 cm), trailing zeros cut.
pub(crate) fn coord(x: f64) -> String {
    let s = format!("{x:.6}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" { "0".to_string() } else { s.to_string() }
}

pub(crate) fn opt<T: ToString>(v: Option<T>) -> String {
    v.map(|x| x.to_string()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping() {
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"x\""), "\"say \"\"x\"\"\"");
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(tsv_field("a\tb\nc"), "a b c");
        assert_eq!(xml_escape("A & B <c> \u{1}"), "A &amp; B &lt;c&gt; ");
        assert_eq!(coord(32.170000), "32.17");
        assert_eq!(coord(-0.0000001), "0");
        assert_eq!(char_offset("é a", 3), 2);
    }
}
