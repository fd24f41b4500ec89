//! Escaping helpers. Article text, titles, outlet names and URLs are
//! untrusted: every string that reaches HTML or Markdown goes through here.

use std::fmt::Write;

/// Escapes text for HTML element content and double- or single-quoted
/// attribute values (also inside inline SVG). Control characters other than
/// tab and newline become U+FFFD.
pub fn html(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' => out.push(c),
            c if c.is_control() => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// A document URL made safe for an `href`: only absolute `http(s)` URLs
/// without whitespace or control characters pass (no `javascript:`,
/// `data:`, relative or protocol-relative links); the result is escaped.
pub fn href(url: &str) -> Option<String> {
    let u = url.trim();
    let lower = u.get(..8).unwrap_or(u).to_ascii_lowercase();
    let ok_scheme = lower.starts_with("https://") || lower.starts_with("http://");
    if !ok_scheme || u.len() <= 8 || u.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return None;
    }
    Some(html(u))
}

/// Escapes text for Markdown (inline text and table cells): Markdown
/// punctuation is backslash-escaped, `<`, `>` and `&` become entities (so no
/// raw HTML survives), and line breaks become spaces.
pub fn md(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    for c in s.chars() {
        match c {
            // Parentheses need no escape: `[` and `]` are escaped, so no link can form.
            '\\' | '`' | '*' | '_' | '[' | ']' | '#' | '+' | '|' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\r' | '\n' | '\t' => out.push(' '),
            c if c.is_control() => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// A URL for a Markdown link target: same rule as [`href`], with the
/// characters that would end the link percent-encoded.
pub fn md_url(url: &str) -> Option<String> {
    href(url)?;
    let mut out = String::new();
    for c in url.trim().chars() {
        match c {
            '(' | ')' | '<' | '>' | '[' | ']' | '"' | '\'' | '`' | '\\' | '|' => {
                let _ = write!(out, "%{:02X}", c as u32);
            }
            c => out.push(c),
        }
    }
    Some(out)
}

/// Makes a string usable as (part of) an HTML id / CSS class: ASCII
/// alphanumerics, `-` and `_` kept, anything else replaced by `_`.
pub fn ident(s: &str) -> String {
    s.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '_' { c } else { '_' }).collect()
}

/// Shortens to at most `max` characters, with an ellipsis.
pub fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let mut t: String = s.chars().take(max.saturating_sub(1)).collect();
    t = t.trim_end().to_string();
    t.push('…');
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup() {
        assert_eq!(html("<script>alert('x')</script> & \"q\""), "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;");
        assert_eq!(html("a\u{0}b"), "a\u{FFFD}b");
    }

    #[test]
    fn only_http_links_pass() {
        assert_eq!(href("https://example.org/a?b=1&c=2").as_deref(), Some("https://example.org/a?b=1&amp;c=2"));
        assert_eq!(href("HTTP://example.org/").as_deref(), Some("HTTP://example.org/"));
        for bad in ["javascript:alert(1)", " JavaScript:alert(1)", "data:text/html,x", "//evil.example/", "/rel", "https://a b", "https://"] {
            assert_eq!(href(bad), None, "{bad}");
        }
        assert_eq!(href("https://x.org/\"onmouseover=\"a").as_deref(), Some("https://x.org/&quot;onmouseover=&quot;a"));
    }

    #[test]
    fn markdown_is_inert() {
        assert_eq!(md("<img src=x onerror=alert(1)> *b* [l](u)|"), "&lt;img src=x onerror=alert(1)&gt; \\*b\\* \\[l\\](u)\\|");
        assert_eq!(md_url("https://x.org/a_(b)").as_deref(), Some("https://x.org/a_%28b%29"));
        assert_eq!(md_url("javascript:x"), None);
    }

    #[test]
    fn truncates_by_chars() {
        assert_eq!(truncate("Government of National Accord", 12), "Government…");
        assert_eq!(truncate("GNA", 12), "GNA");
    }
}
