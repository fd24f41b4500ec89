//! Runs the project's hostile-input generator (`shared/badinput/make.sh`) and
//! checks what ingest makes of every file in it.

use sitrep_ingest::{read_paths, Limits};
use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

fn make_sh() -> Option<PathBuf> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/badinput/make.sh");
    p.exists().then_some(p)
}

#[test]
fn hostile_inputs() {
    let Some(script) = make_sh() else {
        println!("note: ../shared/badinput/make.sh not found; hostile-input test skipped");
        return;
    };
    if Command::new("python3").arg("--version").output().is_err() {
        println!("note: python3 not available (make.sh needs it); hostile-input test skipped");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("bad");
    let status = Command::new("bash")
        .arg(&script)
        .arg(&dir)
        .status()
        .expect("run make.sh");
    assert!(status.success(), "make.sh failed");

    let start = Instant::now();
    let mut docs = Vec::new();
    let mut errs = Vec::new();
    for r in read_paths(std::slice::from_ref(&dir), Limits::default()) {
        match r {
            Ok(d) => docs.push(d),
            Err(e) => errs.push(e),
        }
    }
    let took = start.elapsed();
    assert!(took < Duration::from_secs(10), "took {took:?}");
    for e in &errs {
        println!("{e}");
    }

    // Documents: good.txt, the good JSONL line, and the two HTML pages that
    // are hostile but readable.
    let mut ids: Vec<&str> = docs.iter().map(|d| d.id.as_str()).collect();
    ids.sort();
    assert_eq!(ids, vec!["good", "nested", "ok1", "script"], "{errs:#?}");
    let get = |id: &str| docs.iter().find(|d| d.id == id).unwrap();
    assert!(get("good")
        .text
        .starts_with("Tripoli, 3 March 2021 -- Government forces said on Monday"));
    assert_eq!(get("nested").text, "Haftar's forces advanced.");
    assert_eq!(
        get("script").text,
        "Turkey sent drones to Tripoli on Friday."
    );
    assert_eq!(get("ok1").text, "Egypt warned Turkey on Sunday.");
    assert_eq!(get("ok1").published.unwrap().to_string(), "2020-06-21");
    assert_eq!(get("ok1").origin.line, Some(1));

    // Nothing of a script or markup reaches any field.
    for d in &docs {
        let all = serde_json::to_string(d).unwrap();
        for bad in ["<script", "alert(", "onerror", "<img", "<div"] {
            assert!(!all.contains(bad), "{bad} in {}: {all}", d.id);
        }
    }

    // Exactly the expected errors, each naming its file (and JSONL line).
    let mut got: Vec<(String, Option<usize>, String)> = errs
        .iter()
        .map(|e| {
            let p = PathBuf::from(&e.path);
            let rel = p
                .strip_prefix(&dir)
                .map(|r| r.display().to_string())
                .unwrap_or_else(|_| e.path.clone());
            (rel, e.line, e.message.clone())
        })
        .collect();
    got.sort();
    let files: Vec<(&str, Option<usize>)> = got.iter().map(|(f, l, _)| (f.as_str(), *l)).collect();
    assert_eq!(
        files,
        vec![
            ("binary.txt", None),
            ("broken.rss", None),
            ("empty.txt", None),
            ("entities.xml", None),
            ("huge-line.txt", None),
            ("invalid-utf8.txt", None),
            ("mixed.jsonl", Some(2)),
            ("mixed.jsonl", Some(3)),
            ("mixed.jsonl", Some(4)),
            ("mixed.jsonl", Some(5)),
            ("traversal/manifest.jsonl", Some(1)),
            ("traversal/manifest.jsonl", Some(2)),
        ],
        "{got:#?}"
    );
    let msg = |i: usize| got[i].2.as_str();
    assert!(
        msg(0).starts_with("binary file") || msg(0).starts_with("not UTF-8 text"),
        "{}",
        msg(0)
    );
    assert!(msg(1).contains("truncated"), "{}", msg(1));
    assert_eq!(msg(2), "empty file");
    assert!(msg(3).contains("entities"), "{}", msg(3));
    assert_eq!(msg(4), "file too large: 50000000 bytes (limit 8388608)");
    assert_eq!(msg(5), "not UTF-8 text: invalid byte at offset 6");
    assert!(msg(6).starts_with("malformed JSON"), "{}", msg(6));
    assert_eq!(msg(7), "missing \"text\"");
    assert_eq!(msg(8), "\"text\" must be a string (found an array)");
    assert!(
        msg(9).starts_with("\"published\": not an ISO date"),
        "{}",
        msg(9)
    );
    assert!(msg(10).contains("does not exist"), "{}", msg(10));
    assert!(msg(11).contains("escapes the folder"), "{}", msg(11));
    // One line each, for the CLI.
    assert!(errs.iter().all(|e| !e.to_string().contains('\n')));
}
