#![no_main]
//! HTML article extraction and fragment stripping on arbitrary input.

use libfuzzer_sys::fuzz_target;
use sitrep_ingest::html::{extract_article, html_to_text};

fuzz_target!(|data: &[u8]| {
    let s = String::from_utf8_lossy(data);
    let a = extract_article(&s);
    // Extracted text is plain: no NUL or other control characters but line breaks/tabs.
    assert!(
        !a.text
            .chars()
            .any(|c| c.is_control() && c != '\n' && c != '\t'),
        "{:?}",
        a.text
    );
    if let Some(t) = &a.title {
        assert!(!t.is_empty() && !t.chars().any(char::is_control));
    }
    let t = html_to_text(&s);
    assert!(!t.contains('\0'));
});
