#![no_main]
//! JSON Lines (and format sniffing) on arbitrary bytes with small limits.

use libfuzzer_sys::fuzz_target;
use sitrep_ingest::{read_reader, Format, Limits};

fuzz_target!(|data: &[u8]| {
    let limits = Limits {
        max_doc_bytes: 4096,
        max_feed_bytes: 1 << 16,
    };
    for r in read_reader(
        "fuzz",
        std::io::Cursor::new(data.to_vec()),
        Some(Format::Jsonl),
        limits,
    ) {
        match r {
            Ok(doc) => {
                assert!(!doc.text.trim().is_empty() && !doc.id.is_empty());
                assert!(doc.origin.line.is_some());
            }
            Err(e) => {
                assert!(e.line.is_some());
                assert!(!e.to_string().contains('\n'), "{e}");
            }
        }
    }
    // The same bytes through the sniffer (stdin path).
    for r in read_reader("fuzz", std::io::Cursor::new(data.to_vec()), None, limits) {
        let _ = r;
    }
});
