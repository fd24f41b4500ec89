//! End to end: articles written here go through `sitrep ingest` into a real
//! SQLite store; the real `sitrep serve` binary serves it on a free port;
//! `tests/dashboard/dashboard.mjs` drives the dashboard in Debian's
//! Chromium with Playwright: load, filter by actor and date, open an event
//! and read its evidence, keyboard use, a hostile article whose markup must
//! stay text, a write with and without the token. Screenshots are kept in
//! `target/tmp/dashboard-e2e/` (`dashboard-load.png`, `dashboard-event.png`,
//! `dashboard-keyboard.png`).
//!
//! Needs `/usr/bin/chromium` (or `SITREP_CHROMIUM`), `node`, and
//! `npm ci` run in `tests/dashboard` (`.ci/run` does all three). Without
//! them the test is skipped with a note, unless `CI` is set, where it fails.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

const SITREP: &str = env!("CARGO_BIN_EXE_sitrep");
const TOKEN: &str = "e2e-secret-token";

/// Articles written for this test. One is hostile: its title, outlet, URL
/// and text carry markup that would run if it were ever parsed as HTML.
const ARTICLES: &str = r#"{"id":"w1","outlet":"Example Wire","url":"https://example.org/wire/1","published":"2020-05-20","title":"Shelling hits Tripoli","text":"Forces of the Libyan National Army shelled Tripoli on Monday, killing three civilians, officials said. The Government of National Accord condemned the attack."}
{"id":"w2","outlet":"Example Wire","url":"https://example.org/wire/2","published":"2020-06-06","title":"Government forces take Tarhuna","text":"Forces of the Government of National Accord captured Tarhuna on Friday. The Libyan National Army withdrew from the town."}
{"id":"g1","outlet":"Example Gazette","url":"https://example.org/gazette/1","published":"2020-05-27","title":"Jets at al-Jufra","text":"Russia sent fighter jets to the al-Jufra air base in May to support the Libyan National Army, the United States military said."}
{"id":"g2","outlet":"Example Gazette","url":"https://example.org/gazette/2","published":"2020-06-21","title":"Cairo warns","text":"Egypt threatened to send troops into Libya if Government of National Accord forces advanced on Sirte."}
{"id":"m1","outlet":"Example Monitor","url":"https://example.org/monitor/1","published":"2020-04-15","title":"Drone strikes","text":"Turkey sent armed drones to the Government of National Accord in April. Turkish drones struck Libyan National Army positions near Tarhuna on Tuesday."}
{"id":"x1","outlet":"Evil <b>Outlet</b>","url":"javascript:window.__pwned=4","published":"2020-06-08","title":"<script>window.__pwned=1</script>Raid <img src=x onerror=\"window.__pwned=5\">","text":"Libyan National Army fighters attacked Misrata on Sunday <img src=x onerror=\"window.__pwned=2;document.title='pwned'\"> while <script>window.__pwned=3;document.title='pwned'</script> residents fled."}
"#;

fn chromium() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("SITREP_CHROMIUM") {
        return Some(PathBuf::from(p));
    }
    let p = PathBuf::from("/usr/bin/chromium");
    p.exists().then_some(p)
}

fn script_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/dashboard")
}

/// What is missing to run the browser test, if anything.
fn missing() -> Option<String> {
    if chromium().is_none() {
        return Some("/usr/bin/chromium (apt-get install -y chromium)".into());
    }
    if Command::new("node").arg("--version").output().map_or(true, |o| !o.status.success()) {
        return Some("node (apt-get install -y nodejs npm)".into());
    }
    if !script_dir().join("node_modules/playwright-core").exists() {
        return Some(format!("playwright-core (cd {} && npm ci)", script_dir().display()));
    }
    None
}

/// The server process, stopped however the test ends.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts `sitrep serve` on a free port; returns it and its base URL.
fn start_server(db: &Path) -> (Server, String) {
    let mut child = Command::new(SITREP)
        .args(["serve", "--db"])
        .arg(db)
        .args(["--addr", "127.0.0.1:0"])
        .env("SITREP_TOKEN", TOKEN)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("start sitrep serve");
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).expect("read the server's first line");
    let server = Server(child);
    let url = line
        .split_whitespace()
        .find(|w| w.starts_with("http://"))
        .unwrap_or_else(|| panic!("no URL in the server's first line: {line:?}"))
        .to_string();
    assert!(line.contains("read-write"), "the token from SITREP_TOKEN was not taken: {line}");
    (server, url)
}

#[test]
fn dashboard_in_headless_chromium() {
    if let Some(what) = missing() {
        if std::env::var_os("CI").is_some() {
            panic!("CI is set but the browser test cannot run: missing {what}");
        }
        eprintln!("note: skipping the dashboard browser test: missing {what}");
        return;
    }
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("dashboard-e2e");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let articles = dir.join("articles.jsonl");
    std::fs::write(&articles, ARTICLES).unwrap();
    let db = dir.join("store.db");

    let out = Command::new(SITREP).arg("ingest").arg(&articles).arg("--db").arg(&db).output().expect("run sitrep ingest");
    assert!(out.status.success(), "sitrep ingest failed: {}", String::from_utf8_lossy(&out.stderr));

    let (_server, url) = start_server(&db);
    let out = Command::new("node")
        .arg(script_dir().join("dashboard.mjs"))
        .arg(&url)
        .arg(&dir)
        .env("SITREP_CHROMIUM", chromium().unwrap())
        .env("SITREP_E2E_TOKEN", TOKEN)
        .env("E2E_ACTOR", "lna")
        .env("E2E_FROM", "2020-06-01")
        .env("E2E_TO", "2020-06-15")
        .env("E2E_XSS_DOC", "x1")
        .stdin(Stdio::null())
        .output()
        .expect("run node");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    eprintln!("{stdout}");
    assert!(out.status.success(), "the dashboard checks failed:\n{stdout}\n{stderr}");
    let summary = stdout.lines().find_map(|l| l.strip_prefix("summary: ")).expect("a summary line");
    let summary: serde_json::Value = serde_json::from_str(summary).unwrap();
    assert_eq!(summary["steps"].as_array().and_then(|s| s.last()).and_then(|s| s.as_str()), Some("done"));
    for shot in summary["screenshots"].as_array().unwrap() {
        let len = std::fs::metadata(shot.as_str().unwrap()).map(|m| m.len()).unwrap_or(0);
        assert!(len > 20_000, "screenshot {shot} is only {len} bytes");
    }
    assert_eq!(summary["xss"]["pwned"], serde_json::Value::Null);
}
