//! Helpers shared by the integration tests: where the shared corpus and
//! scorers are, and running the built `sitrep` binary.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// `../shared` beside the repository, as CI lays it out. Missing it is a
/// failure on CI and a skip (with a note) elsewhere.
pub fn shared() -> Option<PathBuf> {
    // SITREP_SHARED points elsewhere (a git worktree has no `../shared`).
    let p = std::env::var_os("SITREP_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared"));
    if p.join("eval").is_dir() {
        return Some(p.canonicalize().unwrap());
    }
    if std::env::var_os("CI").is_some() {
        panic!("../shared is missing: CI must have the shared corpus and scorers beside the repository");
    }
    eprintln!("note: ../shared not found; skipping");
    None
}

pub fn sitrep() -> Command {
    Command::new(env!("CARGO_BIN_EXE_sitrep"))
}

/// Runs sitrep with `args`, stdin closed, and returns its output.
pub fn run<S: AsRef<std::ffi::OsStr>>(args: &[S]) -> Output {
    sitrep().args(args).stdin(Stdio::null()).output().expect("running sitrep")
}

/// A fresh temporary folder for one test.
pub fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("sitrep-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Parses JSON Lines output.
pub fn records(stdout: &[u8]) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("bad JSON line {l:?}: {e}")))
        .collect()
}

/// Scores predictions with the shared scorer and returns its JSON.
pub fn score(shared: &Path, gold: &Path, pred: &Path) -> serde_json::Value {
    let out = Command::new("python3")
        .arg(shared.join("eval/score.py"))
        .args(["--gold".as_ref(), gold.as_os_str(), "--pred".as_ref(), pred.as_os_str(), "--json".as_ref()])
        .output()
        .expect("python3");
    assert!(out.status.success(), "score.py failed: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("score.py --json output")
}

// ------------------------------------------------------------------------
// Running with a time limit, and checking records against spec/records.md.

use serde_json::Value;
use std::time::{Duration, Instant};

/// What a run under [`run_timed`] produced.
pub struct Timed {
    /// `None` when the process was killed at the time limit.
    pub status: Option<std::process::ExitStatus>,
    pub stdout: Vec<u8>,
    pub stderr: String,
    pub elapsed: Duration,
    /// Highest `VmHWM` (peak resident set, KiB) seen in /proc while it ran (0 when unknown).
    pub peak_rss_kib: u64,
}

/// Runs `cmd` with `stdin` (or nothing) as its input, stdout and stderr going
/// to files in `dir`, and kills it after `limit`.
pub fn run_timed(cmd: &mut Command, stdin: Option<&[u8]>, dir: &Path, limit: Duration) -> Timed {
    use std::io::Write;
    let out_path = dir.join("run.stdout");
    let err_path = dir.join("run.stderr");
    cmd.stdout(std::fs::File::create(&out_path).unwrap())
        .stderr(std::fs::File::create(&err_path).unwrap())
        .stdin(if stdin.is_some() { Stdio::piped() } else { Stdio::null() });
    let start = Instant::now();
    let mut child = cmd.spawn().expect("spawning sitrep");
    if let Some(input) = stdin {
        let mut pipe = child.stdin.take().unwrap();
        let input = input.to_vec();
        // A writer thread, so that a child that stops reading cannot block us.
        std::thread::spawn(move || {
            let _ = pipe.write_all(&input);
        });
    }
    let status_file = format!("/proc/{}/status", child.id());
    let mut peak = 0u64;
    let status = loop {
        if let Ok(s) = std::fs::read_to_string(&status_file) {
            if let Some(kib) = s
                .lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
            {
                peak = peak.max(kib);
            }
        }
        match child.try_wait().expect("waiting for sitrep") {
            Some(st) => break Some(st),
            None if start.elapsed() > limit => {
                let _ = child.kill();
                let _ = child.wait();
                break None;
            }
            None => std::thread::sleep(Duration::from_millis(5)),
        }
    };
    Timed {
        status,
        stdout: std::fs::read(&out_path).unwrap(),
        stderr: String::from_utf8_lossy(&std::fs::read(&err_path).unwrap()).into_owned(),
        elapsed: start.elapsed(),
        peak_rss_kib: peak,
    }
}

pub const ENTITY_TYPES: &[&str] = &[
    "person", "armed_group", "government", "organization", "international_org", "country", "media", "place",
    "equipment", "other",
];
pub const PLACE_FEATURES: &[&str] = &["country", "region", "city", "town", "airbase", "airport", "port", "site"];
pub const EVENT_TYPES: &[&str] = &[
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
    "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
];
pub const STATUSES: &[&str] = &["asserted", "claimed", "denied", "intended", "hypothetical"];
pub const PUBLISHED_FROM: &[&str] = &["manifest", "metadata", "text"];
pub const DATE_FROM: &[&str] = &["explicit", "relative", "published"];

/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD` with a real month and day.
pub fn is_iso_date(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    let num = |p: &str, len: usize| p.len() == len && p.bytes().all(|b| b.is_ascii_digit());
    match parts.as_slice() {
        [y] => num(y, 4),
        [y, m] => num(y, 4) && num(m, 2) && (1..=12).contains(&m.parse::<u32>().unwrap()),
        [y, m, d] => {
            num(y, 4)
                && num(m, 2)
                && num(d, 2)
                && (1..=12).contains(&m.parse::<u32>().unwrap())
                && (1..=31).contains(&d.parse::<u32>().unwrap())
        }
        _ => false,
    }
}

/// The records of one document, as printed.
#[derive(Debug, Clone)]
pub struct DocRecords {
    pub doc: Value,
    pub entities: Vec<Value>,
    pub events: Vec<Value>,
}

impl DocRecords {
    pub fn id(&self) -> &str {
        self.doc["doc"].as_str().unwrap()
    }
    pub fn entity(&self, id: &str) -> Option<&Value> {
        self.entities.iter().find(|e| e["id"] == id)
    }
    pub fn entity_ids(&self) -> Vec<&str> {
        self.entities.iter().map(|e| e["id"].as_str().unwrap()).collect()
    }
}

fn str_field<'a>(r: &'a Value, k: &str) -> &'a str {
    r[k].as_str().unwrap_or_else(|| panic!("{k:?} must be a string in {r}"))
}

fn opt_str_field<'a>(r: &'a Value, k: &str) -> Option<&'a str> {
    let v = r.get(k).unwrap_or_else(|| panic!("{k:?} missing (must be present, null allowed) in {r}"));
    if v.is_null() {
        None
    } else {
        Some(v.as_str().unwrap_or_else(|| panic!("{k:?} must be a string or null in {r}")))
    }
}

fn id_list<'a>(r: &'a Value, k: &str) -> Vec<&'a str> {
    r[k].as_array()
        .unwrap_or_else(|| panic!("{k:?} must be a list in {r}"))
        .iter()
        .map(|v| v.as_str().unwrap_or_else(|| panic!("{k:?} must hold strings in {r}")))
        .collect()
}

/// Groups records by document and checks every record against
/// spec/records.md: kinds, required fields and their values, documents
/// contiguous and first, ids of sources/targets known, spans inside the text,
/// and mentions inside an event's span agreeing with its evidence.
pub fn check_records(records: &[Value]) -> Vec<DocRecords> {
    let mut docs: Vec<DocRecords> = Vec::new();
    for r in records {
        let kind = str_field(r, "kind");
        let doc = str_field(r, "doc");
        match kind {
            "document" => {
                assert!(docs.iter().all(|d| d.id() != doc), "document {doc:?} printed twice (records of one document must come together)");
                docs.push(DocRecords { doc: r.clone(), entities: Vec::new(), events: Vec::new() });
            }
            "entity" | "event" => {
                let cur = docs.last_mut().unwrap_or_else(|| panic!("a {kind} record before any document record: {r}"));
                assert_eq!(cur.id(), doc, "a {kind} record of {doc:?} among the records of {:?}: {r}", cur.id());
                if kind == "entity" {
                    cur.entities.push(r.clone());
                } else {
                    cur.events.push(r.clone());
                }
            }
            other => panic!("unknown kind {other:?}: {r}"),
        }
    }
    for d in &docs {
        check_document(d);
    }
    docs
}

fn check_document(d: &DocRecords) {
    let r = &d.doc;
    for k in ["title", "outlet", "url"] {
        opt_str_field(r, k);
    }
    let published = opt_str_field(r, "published");
    if let Some(p) = published {
        assert!(is_iso_date(p), "published {p:?} is not an ISO date: {r}");
    }
    let from = opt_str_field(r, "published_from");
    if let Some(f) = from {
        assert!(PUBLISHED_FROM.contains(&f), "published_from {f:?} not one of {PUBLISHED_FROM:?}: {r}");
    }
    assert_eq!(published.is_some(), from.is_some(), "published and published_from must be both null or both set: {r}");
    assert!(!str_field(r, "lang").is_empty(), "empty lang: {r}");
    let chars = r["chars"].as_u64().unwrap_or_else(|| panic!("chars must be a count: {r}"));
    r["sentences"].as_u64().unwrap_or_else(|| panic!("sentences must be a count: {r}"));

    let mut ids = std::collections::HashSet::new();
    for e in &d.entities {
        let id = str_field(e, "id");
        assert!(ids.insert(id), "entity {id:?} printed twice in {}", d.id());
        assert!(!id.is_empty(), "empty entity id: {e}");
        str_field(e, "name");
        let ty = str_field(e, "type");
        assert!(ENTITY_TYPES.contains(&ty), "entity type {ty:?} not in the spec: {e}");
        id_list(e, "aliases");
        if let Some(c) = opt_str_field(e, "country") {
            assert!(c.len() == 3 && c.bytes().all(|b| b.is_ascii_uppercase()), "country {c:?} is not ISO alpha-3: {e}");
        }
        let mentions = e["mentions"].as_array().unwrap_or_else(|| panic!("mentions must be a list: {e}"));
        assert!(!mentions.is_empty(), "an entity with no mention: {e}");
        for m in mentions {
            let (s, t) = (m["start"].as_u64().unwrap(), m["end"].as_u64().unwrap());
            assert!(s < t && t <= chars, "mention offsets [{s},{t}) outside the text ({chars} chars): {e}");
            str_field(m, "text");
        }
        if ty == "place" {
            let lat = e["lat"].as_f64().unwrap_or_else(|| panic!("place without lat: {e}"));
            let lon = e["lon"].as_f64().unwrap_or_else(|| panic!("place without lon: {e}"));
            assert!((-90.0..=90.0).contains(&lat) && (-180.0..=180.0).contains(&lon), "bad coordinates: {e}");
            let f = str_field(e, "feature");
            assert!(PLACE_FEATURES.contains(&f), "feature {f:?} not in the spec: {e}");
        }
    }

    let mut event_ids = std::collections::HashSet::new();
    for ev in &d.events {
        let id = str_field(ev, "id");
        assert!(event_ids.insert(id), "event id {id:?} printed twice in {}", d.id());
        let ty = str_field(ev, "type");
        assert!(EVENT_TYPES.contains(&ty), "event type {ty:?} is not a PLOVER type: {ev}");
        opt_str_field(ev, "mode");
        let st = str_field(ev, "status");
        assert!(STATUSES.contains(&st), "status {st:?} not in the spec: {ev}");
        for role in ["source", "target", "claimed_by"] {
            for x in id_list(ev, role) {
                assert!(ids.contains(x), "{role} {x:?} is not an entity of document {}: {ev}", d.id());
            }
        }
        if let Some(c) = ev.get("control").filter(|c| !c.is_null()) {
            let place = str_field(c, "place");
            assert!(ids.contains(place), "control place {place:?} is not an entity of {}: {ev}", d.id());
            for role in ["gained_by", "lost_by"] {
                for x in id_list(c, role) {
                    assert!(ids.contains(x), "control.{role} {x:?} is not an entity of {}: {ev}", d.id());
                }
            }
        }
        if let Some(date) = opt_str_field(ev, "date") {
            assert!(is_iso_date(date), "event date {date:?} is not an ISO date: {ev}");
        }
        if let Some(f) = ev.get("date_from").and_then(|v| v.as_str()) {
            assert!(DATE_FROM.contains(&f), "date_from {f:?} not in the spec: {ev}");
        }
        if let Some(loc) = ev.get("location").filter(|l| !l.is_null()) {
            str_field(loc, "id");
        }
        let evidence = str_field(ev, "evidence");
        let span = ev["span"].as_array().unwrap_or_else(|| panic!("span must be [start, end]: {ev}"));
        assert_eq!(span.len(), 2, "span must be [start, end]: {ev}");
        let (s0, s1) = (span[0].as_u64().unwrap(), span[1].as_u64().unwrap());
        assert!(s0 <= s1 && s1 <= chars, "span [{s0},{s1}) outside the text ({chars} chars): {ev}");
        assert_eq!(evidence.chars().count() as u64, s1 - s0, "evidence length differs from its span: {ev}");
        // Any mention inside the span must read the same in the evidence.
        let ev_chars: Vec<char> = evidence.chars().collect();
        for e in &d.entities {
            for m in e["mentions"].as_array().unwrap() {
                let (s, t) = (m["start"].as_u64().unwrap(), m["end"].as_u64().unwrap());
                if s >= s0 && t <= s1 {
                    let got: String = ev_chars[(s - s0) as usize..(t - s0) as usize].iter().collect();
                    assert_eq!(got, m["text"].as_str().unwrap(), "mention {m} of {} disagrees with the evidence of {id}", e["id"]);
                }
            }
        }
    }
}

/// The text's characters `[start, end)` (Unicode scalar offsets).
pub fn char_slice(text: &str, start: u64, end: u64) -> String {
    text.chars().skip(start as usize).take((end - start) as usize).collect()
}

/// Checks `chars`, every mention and every event's evidence against the
/// document's text as read from its file.
pub fn check_offsets(d: &DocRecords, text: &str) {
    let n = text.chars().count() as u64;
    assert_eq!(d.doc["chars"].as_u64(), Some(n), "chars of {} differ from its text's length", d.id());
    for e in &d.entities {
        for m in e["mentions"].as_array().unwrap() {
            let (s, t) = (m["start"].as_u64().unwrap(), m["end"].as_u64().unwrap());
            assert_eq!(char_slice(text, s, t), m["text"].as_str().unwrap(), "mention of {} at [{s},{t}) in {}", e["id"], d.id());
        }
    }
    for ev in &d.events {
        let (s, t) = (ev["span"][0].as_u64().unwrap(), ev["span"][1].as_u64().unwrap());
        assert_eq!(char_slice(text, s, t), ev["evidence"].as_str().unwrap(), "evidence of {} at [{s},{t})", ev["id"]);
    }
}
