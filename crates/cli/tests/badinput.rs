//! Hostile input (../shared/badinput/make.sh): sitrep must finish quickly
//! with bounded memory, reject each bad input with one line naming it, keep
//! the good documents, never read outside the folder, never carry script or
//! markup into its output, never panic, and exit non-zero.
mod common;

use std::process::Command;
use std::time::Duration;

const TIME_LIMIT: Duration = Duration::from_secs(20);
/// Peak resident memory allowed (the 50 MB line must not be held whole).
const MEMORY_LIMIT_KIB: u64 = 512 * 1024;

#[test]
fn hostile_inputs_are_rejected_one_line_each_and_good_ones_survive() {
    let Some(shared) = common::shared() else { return };
    let dir = common::temp_dir("badinput");
    let inputs = dir.join("in");
    let made = Command::new("bash").arg(shared.join("badinput/make.sh")).arg(&inputs).output().expect("bash");
    assert!(made.status.success(), "make.sh failed: {}", String::from_utf8_lossy(&made.stderr));

    let run = common::run_timed(
        common::sitrep().arg("extract").arg(&inputs).args(["--format", "jsonl"]),
        None,
        &dir,
        TIME_LIMIT,
    );
    let stderr = &run.stderr;
    eprintln!("sitrep took {:?}, peak RSS {} KiB; stderr:\n{stderr}", run.elapsed, run.peak_rss_kib);
    let status = run.status.unwrap_or_else(|| panic!("sitrep did not finish within {TIME_LIMIT:?}"));
    assert!(!stderr.contains("panicked"), "sitrep panicked:\n{stderr}");
    assert!(!status.success(), "exit status must be non-zero when inputs were rejected ({status})");
    assert_eq!(status.code(), Some(1), "rejected inputs give exit status 1 (2 is for fatal errors): {status}");
    assert!(run.peak_rss_kib < MEMORY_LIMIT_KIB, "peak memory {} KiB", run.peak_rss_kib);

    // One line per rejected input, naming it (and the line for JSONL/manifest lines).
    let lines: Vec<&str> = stderr.lines().collect();
    let count = |needle: &str| lines.iter().filter(|l| l.contains(needle)).count();
    for name in [
        "empty.txt",
        "binary.txt",
        "invalid-utf8.txt",
        "huge-line.txt",
        "broken.rss",
        "entities.xml",
        "mixed.jsonl:2:",
        "mixed.jsonl:3:",
        "mixed.jsonl:4:",
        // {"id":"baddate","published":"31/31/2020"}: the ingest contract rejects a
        // line whose "published" is not an ISO date.
        "mixed.jsonl:5:",
        "manifest.jsonl:1:",
        "manifest.jsonl:2:",
    ] {
        assert_eq!(count(name), 1, "want exactly one stderr line naming {name:?}:\n{stderr}");
    }
    for good in ["good.txt", "mixed.jsonl:1:", "mixed.jsonl:6"] {
        assert_eq!(count(good), 0, "{good:?} is not a rejected input:\n{stderr}");
    }
    for l in &lines {
        assert!(l.chars().count() < 500, "an overlong error line: {l:.200}");
    }

    // Records of the good inputs still come out; nothing from the bad ones.
    let stdout = String::from_utf8_lossy(&run.stdout);
    let records = common::records(&run.stdout);
    let docs = common::check_records(&records);
    let ids: Vec<&str> = docs.iter().map(|d| d.id()).collect();
    for want in ["good", "ok1"] {
        assert!(ids.contains(&want), "no records for {want:?}; documents: {ids:?}");
    }
    for never in ["broken", "notext", "7", "baddate", "m1", "m2", "empty", "binary", "invalid-utf8", "huge-line", "entities"] {
        assert!(!ids.contains(&never), "a document {never:?} from a rejected input; documents: {ids:?}");
    }
    let good = docs.iter().find(|d| d.id() == "good").unwrap();
    common::check_offsets(good, &std::fs::read_to_string(inputs.join("good.txt")).unwrap());
    assert_eq!(good.doc["published"], "2021-03-03", "dateline of good.txt");
    let ok1 = docs.iter().find(|d| d.id() == "ok1").unwrap();
    common::check_offsets(ok1, "Egypt warned Turkey on Sunday.");
    assert_eq!(ok1.doc["published"], "2020-06-21");
    assert_eq!(ok1.doc["published_from"], "manifest");

    // Never outside the folder, never script or markup, never the entity bomb.
    for bad in ["root:", "/bin/", "<script", "alert(", "onerror", "<img", "<div", "aaaaaaaaaa"] {
        assert!(!stdout.contains(bad), "{bad:?} in the output");
    }
}
