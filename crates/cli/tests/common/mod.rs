//! Helpers shared by the integration tests: where the shared corpus and
//! scorers are, and running the built `sitrep` binary.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// `../shared` beside the repository, as CI lays it out. Missing it is a
/// failure on CI and a skip (with a note) elsewhere.
pub fn shared() -> Option<PathBuf> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared");
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
