#![no_main]
//! RSS/Atom reading on arbitrary bytes: must end, never panic, and stop after
//! a fatal error.

use libfuzzer_sys::fuzz_target;
use sitrep_ingest::feed::read_feed;

fuzz_target!(|data: &[u8]| {
    let mut fatal_seen = false;
    for item in read_feed(data) {
        assert!(!fatal_seen, "item after a fatal error");
        match item {
            Ok(it) => assert!(!it.text.trim().is_empty()),
            Err(e) => fatal_seen = e.fatal,
        }
    }
});
