//! `sitrep ingest` and `--db`, against a real SQLite file and a real
//! PostgreSQL server (a throwaway one, or `SITREP_TEST_PG_URL`): every test
//! body runs on both engines.

mod common;

use common::{run, sitrep, temp_dir};
use sitrep_store::{EventFilter, PageReq, Store};
use std::path::{Path, PathBuf};
use std::process::Stdio;

/// Runs `body` with a maker of fresh store targets: SQLite files in `dir`.
fn on_sqlite(name: &str, body: impl Fn(&dyn Fn() -> String, &Path)) {
    let dir = temp_dir(&format!("store-sqlite-{name}"));
    let n = std::cell::Cell::new(0);
    let fresh = || {
        n.set(n.get() + 1);
        dir.join(format!("db{}.sqlite", n.get())).to_string_lossy().to_string()
    };
    body(&fresh, &dir);
    let _ = std::fs::remove_dir_all(&dir);
}

/// Runs `body` with a maker of fresh PostgreSQL databases on a throwaway
/// server. Fails (does not skip) when PostgreSQL cannot be started.
fn on_postgres(name: &str, body: impl Fn(&dyn Fn() -> String, &Path)) {
    let dir = temp_dir(&format!("store-pg-{name}"));
    let pg = sitrep_store::testing::TempPostgres::start().unwrap_or_else(|e| panic!("PostgreSQL for the store tests: {e}"));
    let fresh = || pg.fresh_db().unwrap_or_else(|e| panic!("{e}"));
    body(&fresh, &dir);
    drop(pg);
    let _ = std::fs::remove_dir_all(&dir);
}

const PLACES: &[&str] = &["Omdurman", "Nyala", "El Fasher", "Kassala", "Wad Madani", "Port Sudan", "Kadugli"];
const OTHER_PLACES: &[&str] = &["Atbara", "Dongola", "Kosti", "Sennar", "El Obeid", "Gedaref", "Malakal"];
const DAYS: &[&str] = &["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
const OUTLETS: &[&str] = &["Desert Wire", "Nile Courier", "Horn Monitor"];

/// Sentences written for these tests, varied by `i`.
fn article(i: usize) -> String {
    article_in(i, PLACES)
}

fn article_in(i: usize, places: &[&str]) -> String {
    let place = places[i % places.len()];
    let other = places[(i / 3 + 2) % places.len()];
    let day = DAYS[(i / 2) % DAYS.len()];
    let n = 3 + i % 17;
    let lines = [
        format!("The Rapid Support Forces shelled residential areas of {place} on {day}, killing {n} civilians, local officials said."),
        format!("Sudanese army troops captured {other} from the Rapid Support Forces on {day}, the army said."),
        format!("Egypt sent military aid to the Sudanese army, a government spokesman said in Cairo."),
        format!("The Rapid Support Forces denied that its fighters attacked a market in {place}."),
        format!("Residents said drones struck a fuel depot in {other} overnight."),
        format!("The army accused the Rapid Support Forces of looting hospitals in {place}."),
    ];
    let a = &lines[i % lines.len()];
    let b = &lines[(i / lines.len() + 1) % lines.len()];
    format!("{a} {b} This is dispatch {i} from our correspondent.")
}

/// A JSON Lines file of articles `range`, with distinct URLs.
fn write_corpus(path: &Path, range: std::ops::Range<usize>) {
    write_corpus_in(path, range, PLACES, 5)
}

fn write_corpus_in(path: &Path, range: std::ops::Range<usize>, places: &[&str], month: u32) {
    let mut s = String::new();
    for i in range {
        let rec = serde_json::json!({
            "id": format!("art-{i}"),
            "title": format!("Fighting in Sudan, dispatch {i}"),
            "url": format!("https://news.example/sudan/{i}"),
            "outlet": OUTLETS[i % OUTLETS.len()],
            "published": format!("2023-{month:02}-{:02}", 1 + i % 28),
            "text": article_in(i, places),
        });
        s.push_str(&rec.to_string());
        s.push('\n');
    }
    std::fs::write(path, s).unwrap();
}

fn ingest(paths: &[&Path], db: &str) -> String {
    let mut args: Vec<String> = vec!["ingest".into()];
    args.extend(paths.iter().map(|p| p.to_string_lossy().to_string()));
    args.extend(["--db".into(), db.into()]);
    let out = run(&args);
    assert!(out.status.success(), "ingest failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).to_string()
}

fn export_db(db: &str, format: &str) -> Vec<u8> {
    let out = run(&["export", "--db", db, "--format", format]);
    assert!(out.status.success(), "export --db failed: {}", String::from_utf8_lossy(&out.stderr));
    out.stdout
}

fn examples() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples")
}

// ---------------------------------------------------------------- bodies

fn stored_once(fresh: &dyn Fn() -> String, dir: &Path) {
    let corpus = dir.join("a.jsonl");
    write_corpus(&corpus, 0..40);
    // The same articles again: same URLs with other text, and same text under other URLs.
    let again = dir.join("again.jsonl");
    let mut s = String::new();
    for i in 0..5 {
        s.push_str(
            &serde_json::json!({"url": format!("https://news.example/sudan/{i}"), "text": "A different text under a known address."}).to_string(),
        );
        s.push('\n');
        s.push_str(
            &serde_json::json!({"url": format!("https://mirror.example/{i}"), "text": format!("  {}  ", article(i).to_uppercase())}).to_string(),
        );
        s.push('\n');
    }
    std::fs::write(&again, s).unwrap();
    let db = fresh();
    let first = ingest(&[&corpus], &db);
    assert!(first.starts_with("stored 40 new documents"), "{first}");
    let stats = Store::open(&db).unwrap().stats().unwrap();
    let second = ingest(&[&corpus, &again], &db);
    assert!(second.starts_with("stored 0 new documents"), "{second}");
    assert!(second.contains("skipped 50 known"), "{second}");
    let after = Store::open(&db).unwrap().stats().unwrap();
    assert_eq!(stats, after);
    assert_eq!(after.documents, 40);
    assert!(after.events > 40 && after.clusters > 0, "{after:?}");
}

/// Every event's (document, event) set of co-members, as a sorted partition.
fn partition(store: &Store) -> Vec<Vec<(String, String)>> {
    let mut by: std::collections::BTreeMap<String, Vec<(String, String)>> = Default::default();
    let mut after: Option<String> = None;
    loop {
        let page = store.events_after(&EventFilter::default(), after.as_deref(), 1000).unwrap();
        for h in page.items {
            let cluster = h.event.cluster.clone().expect("every stored event is clustered");
            by.entry(cluster).or_default().push((h.doc.clone(), h.event.id.clone()));
        }
        match page.next {
            Some(n) => after = Some(n),
            None => break,
        }
    }
    let mut v: Vec<_> = by.into_values().collect();
    v.sort();
    v
}

fn incremental_matches_the_batch(fresh: &dyn Fn() -> String, dir: &Path) {
    // B reports fighting in other towns a month later: none of its reports
    // fits a stored cluster better than the stored reports there fit each
    // other, so adding it to A gives the batch partition.
    let (a, b) = (dir.join("a.jsonl"), dir.join("b.jsonl"));
    write_corpus(&a, 0..60);
    write_corpus_in(&b, 60..120, OTHER_PLACES, 7);
    let (step, once) = (fresh(), fresh());
    ingest(&[&a], &step);
    ingest(&[&b], &step);
    ingest(&[&a, &b], &once);
    let (s1, s2) = (Store::open(&step).unwrap(), Store::open(&once).unwrap());
    assert_eq!(s1.stats().unwrap(), s2.stats().unwrap());
    assert_eq!(partition(&s1), partition(&s2));
    assert_eq!(s1.control().unwrap(), s2.control().unwrap());
    assert_eq!(s1.network(None).unwrap(), s2.network(None).unwrap());
    assert_eq!(s1.sources().unwrap(), s2.sources().unwrap());
    assert_eq!(s1.contradictions(None).unwrap(), s2.contradictions(None).unwrap());
    assert!(!s1.control().unwrap().is_empty(), "the corpus has captures: control must not be empty");
    for format in ["plover", "csv"] {
        assert_eq!(export_db(&step, format), export_db(&once, format), "{format} export differs");
    }
    // Same towns in A and B: reports of B join A's clusters. Every event is
    // clustered once, nothing is stored twice; `--recluster` then gives
    // exactly the batch picture.
    let c = dir.join("c.jsonl");
    write_corpus(&c, 60..120);
    let (step, once) = (fresh(), fresh());
    ingest(&[&a], &step);
    ingest(&[&c], &step);
    ingest(&[&a, &c], &once);
    let (s1, s2) = (Store::open(&step).unwrap(), Store::open(&once).unwrap());
    let (p1, p2) = (partition(&s1), partition(&s2));
    assert_eq!(p1.iter().map(Vec::len).sum::<usize>(), p2.iter().map(Vec::len).sum::<usize>());
    assert_eq!(s1.stats().unwrap().documents, 120);
    let out = run(&["ingest", "--recluster", "--db", &step]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(s1.stats().unwrap(), s2.stats().unwrap());
    assert_eq!(partition(&s1), p2);
    assert_eq!(s1.control().unwrap(), s2.control().unwrap());
    assert_eq!(s1.network(None).unwrap(), s2.network(None).unwrap());
    assert_eq!(s1.sources().unwrap(), s2.sources().unwrap());
    for format in ["plover", "csv"] {
        assert_eq!(export_db(&step, format), export_db(&once, format), "{format} export differs");
    }
}

fn db_equals_paths(fresh: &dyn Fn() -> String, dir: &Path) {
    let corpus = dir.join("c.jsonl");
    write_corpus(&corpus, 0..30);
    let ex = examples();
    let db = fresh();
    ingest(&[&ex, &corpus], &db);
    let paths = [ex.to_string_lossy().to_string(), corpus.to_string_lossy().to_string()];
    for format in ["plover", "gdelt", "acled", "geojson", "graphml", "csv"] {
        let from_paths = run(&["export", &paths[0], &paths[1], "--format", format]);
        assert!(from_paths.status.success());
        assert_eq!(String::from_utf8_lossy(&from_paths.stdout), String::from_utf8_lossy(&export_db(&db, format)), "{format}");
    }
    let (r1, r2) = (dir.join("r-paths"), dir.join("r-db"));
    assert!(run(&["report", &paths[0], &paths[1], "--out", &r1.to_string_lossy()]).status.success());
    assert!(run(&["report", "--db", &db, "--out", &r2.to_string_lossy()]).status.success());
    for f in ["report.md", "report.html"] {
        assert!(std::fs::read(r1.join(f)).unwrap() == std::fs::read(r2.join(f)).unwrap(), "{f} differs");
    }
}

fn queries(fresh: &dyn Fn() -> String, dir: &Path) {
    let corpus = dir.join("q.jsonl");
    write_corpus(&corpus, 0..42);
    let db = fresh();
    ingest(&[&corpus], &db);
    let s = Store::open(&db).unwrap();
    let all = s.count_events(&EventFilter::default()).unwrap();
    // Pages cover every event once.
    let mut seen = 0;
    let mut page = PageReq { offset: 0, limit: 25 };
    loop {
        let p = s.events(&EventFilter::default(), page).unwrap();
        seen += p.items.len() as u64;
        match p.next_offset {
            Some(o) => page.offset = o,
            None => break,
        }
    }
    assert_eq!(seen, all);
    // Each filter keeps only what it names, and what it keeps is counted alike.
    let f = EventFilter { kind: Some("ASSAULT".into()), ..Default::default() };
    let hits = s.events(&f, PageReq { offset: 0, limit: 1000 }).unwrap().items;
    assert!(!hits.is_empty() && hits.iter().all(|h| h.event.kind == "ASSAULT"));
    assert_eq!(hits.len() as u64, s.count_events(&f).unwrap());
    let f = EventFilter { text: Some("Residential  AREAS".into()), ..Default::default() };
    let hits = s.events(&f, PageReq { offset: 0, limit: 1000 }).unwrap().items;
    assert!(!hits.is_empty() && hits.iter().all(|h| h.evidence.contains("residential areas")), "{hits:?}");
    let f = EventFilter { outlet: Some("Nile Courier".into()), status: Some(sitrep_model_status()), ..Default::default() };
    assert!(s.events(&f, PageReq::default()).unwrap().items.iter().all(|h| h.outlet == "Nile Courier"));
    let with_place = s.events(&EventFilter::default(), PageReq { offset: 0, limit: 1000 }).unwrap().items;
    let placed = with_place.iter().find(|h| h.event.location.as_ref().is_some_and(|l| l.lat.is_some())).expect("a placed event");
    let loc = placed.event.location.clone().unwrap();
    let (lat, lon) = (loc.lat.unwrap(), loc.lon.unwrap());
    let f = EventFilter { bbox: Some([lon - 0.1, lat - 0.1, lon + 0.1, lat + 0.1]), ..Default::default() };
    let near = s.events(&f, PageReq { offset: 0, limit: 1000 }).unwrap().items;
    assert!(near.iter().any(|h| h.doc == placed.doc && h.event.id == placed.event.id));
    let f = EventFilter { place: Some(loc.id.clone()), ..Default::default() };
    assert!(s.events(&f, PageReq::default()).unwrap().items.iter().all(|h| h.event.location.as_ref().map(|l| &l.id) == Some(&loc.id)));
    let actor = placed.event.source.first().or(placed.event.target.first()).expect("an actor").clone();
    let f = EventFilter { actor: Some(actor.clone()), ..Default::default() };
    let hits = s.events(&f, PageReq { offset: 0, limit: 1000 }).unwrap().items;
    assert!(
        !hits.is_empty()
            && hits.iter().all(|h| h.event.source.contains(&actor) || h.event.target.contains(&actor) || h.event.claimed_by.contains(&actor))
    );
    let f = EventFilter { from: Some("2023-05-10".parse().unwrap()), to: Some("2023-05-12".parse().unwrap()), ..Default::default() };
    for h in s.events(&f, PageReq { offset: 0, limit: 1000 }).unwrap().items {
        let (a, b) = h.event.date.unwrap().day_span();
        assert!(
            b >= "2023-05-10".parse::<sitrep_model::PartialDate>().unwrap().day_span().0
                && a <= "2023-05-12".parse::<sitrep_model::PartialDate>().unwrap().day_span().1 + 6
        );
    }
    // Every index a query may be read along gives what the plain filter
    // (count_events) counts, in ingest order, and keyset pages give the same.
    let everything = s.events(&EventFilter::default(), PageReq { offset: 0, limit: 1000 }).unwrap().items;
    let key = |h: &sitrep_store::EventHit| (h.doc.clone(), h.event.id.clone());
    let order: Vec<_> = everything.iter().map(key).collect();
    let kind = placed.event.kind.clone();
    let filters = [
        EventFilter { actor: Some(actor.clone()), ..Default::default() },
        EventFilter { actor: Some(actor.clone()), kind: Some(kind.clone()), text: Some("the".into()), ..Default::default() },
        EventFilter { text: Some("forces".into()), kind: Some(kind.clone()), ..Default::default() },
        EventFilter { text: Some("-".into()), ..Default::default() },
        EventFilter { bbox: Some([lon - 3.0, lat - 3.0, lon + 3.0, lat + 3.0]), kind: Some(kind.clone()), ..Default::default() },
        EventFilter { from: Some("2023-05-01".parse().unwrap()), to: Some("2023-05-20".parse().unwrap()), ..Default::default() },
        EventFilter { from: Some("2023-05-01".parse().unwrap()), bbox: Some([lon - 3.0, lat - 3.0, lon + 3.0, lat + 3.0]), ..Default::default() },
    ];
    for f in &filters {
        let hits: Vec<_> = s.events(f, PageReq { offset: 0, limit: 1000 }).unwrap().items.iter().map(key).collect();
        assert_eq!(hits.len() as u64, s.count_events(f).unwrap(), "{f:?}");
        let mut at = order.iter();
        assert!(hits.iter().all(|h| at.any(|o| o == h)), "not in ingest order: {f:?}");
        let (mut keyset, mut after) = (Vec::new(), None);
        loop {
            let p = s.events_after(f, after.as_deref(), 7).unwrap();
            keyset.extend(p.items.iter().map(key));
            match p.next {
                Some(n) => after = Some(n),
                None => break,
            }
        }
        assert_eq!(keyset, hits, "{f:?}");
    }
    assert!(!s.events(&filters[0], PageReq::default()).unwrap().items.is_empty());
    // Clusters with their reports; every report's event names the cluster.
    let top = s.clusters(&Default::default(), PageReq::default()).unwrap().items;
    let detail = s.cluster(&top[0].id).unwrap().unwrap();
    assert_eq!(detail.reports.len(), detail.cluster.reports.len());
    assert!(detail.reports.iter().all(|r| r.event.cluster.as_deref() == Some(top[0].id.as_str())));
    let hit = s.event(&detail.reports[0].doc, &detail.reports[0].event.id).unwrap().unwrap();
    assert_eq!(hit, detail.reports[0]);
    let doc = s.document(&hit.doc).unwrap().unwrap();
    assert!(doc.events.iter().any(|e| e.id == hit.event.id && e.cluster == hit.event.cluster));
    assert_eq!(s.documents(&Default::default(), PageReq { offset: 0, limit: 1000 }).unwrap().items.len(), 42);
    let ents = s.entities(&sitrep_store::EntityFilter { name: Some("rapid support".into()), kind: None }, PageReq::default()).unwrap().items;
    assert!(!ents.is_empty() && s.entity(&ents[0].id).unwrap().is_some());
    assert!(!s.sources().unwrap().is_empty());
    assert!(!s.network(None).unwrap().is_empty());
    let places = s.control().unwrap();
    assert_eq!(s.control_of(&places[0].place).unwrap().as_ref(), Some(&places[0]));
    let _ = s.contradictions(None).unwrap();
}

fn sitrep_model_status() -> sitrep_model::Status {
    sitrep_model::Status::Asserted
}

fn bad_path_names_the_file(fresh: &dyn Fn() -> String, dir: &Path) {
    let db = fresh();
    let missing = dir.join("no-such-file.txt");
    let bad = dir.join("broken.jsonl");
    std::fs::write(&bad, "{\"text\": \"The army shelled Nyala on Monday.\"}\nnot json\n").unwrap();
    let out = run(&["ingest".as_ref(), missing.as_os_str(), bad.as_os_str(), "--db".as_ref(), db.as_ref()]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("no-such-file.txt"), "{err}");
    assert!(err.contains("broken.jsonl:2"), "{err}");
    assert_eq!(Store::open(&db).unwrap().stats().unwrap().documents, 1, "the good line is stored");
}

/// Kills an ingest of a few thousand articles with SIGKILL once the store
/// has some of them, runs it again, and compares with a clean run.
fn survives_kill(fresh: &dyn Fn() -> String, dir: &Path) {
    const N: usize = 3000;
    let files: Vec<PathBuf> = (0..4).map(|k| dir.join(format!("part{k}.jsonl"))).collect();
    for (k, f) in files.iter().enumerate() {
        write_corpus(f, k * N / 4..(k + 1) * N / 4);
    }
    let refs: Vec<&Path> = files.iter().map(|p| p.as_path()).collect();
    let (killed, clean) = (fresh(), fresh());
    let mut child =
        sitrep().arg("ingest").args(&files).args(["--db", &killed]).stdin(Stdio::null()).stdout(Stdio::null()).stderr(Stdio::null()).spawn().unwrap();
    let t0 = std::time::Instant::now();
    let mut at_kill = 0;
    while t0.elapsed() < std::time::Duration::from_secs(120) {
        std::thread::sleep(std::time::Duration::from_millis(20));
        if let Ok(s) = Store::open(&killed).and_then(|s| s.stats()) {
            if s.documents >= 200 {
                at_kill = s.documents;
                break;
            }
        }
        assert!(child.try_wait().unwrap().is_none(), "ingest ended before it could be killed");
    }
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    let partial = Store::open(&killed).unwrap();
    let mid = partial.stats().unwrap();
    assert!(at_kill > 0 && mid.documents < N as u64, "killed at {at_kill}, {mid:?}");
    assert!(partial.check().unwrap().is_empty(), "{:?}", partial.check().unwrap());
    let out = ingest(&refs, &killed);
    assert!(out.contains(&format!("skipped {} known", mid.documents)), "{out}");
    ingest(&refs, &clean);
    let (a, b) = (Store::open(&killed).unwrap(), Store::open(&clean).unwrap());
    assert!(a.check().unwrap().is_empty());
    let sa = a.stats().unwrap();
    assert_eq!(sa, b.stats().unwrap());
    assert_eq!(sa.documents, N as u64);
    assert_eq!(a.count_events(&EventFilter::default()).unwrap(), sa.events);
    assert_eq!(export_db(&killed, "plover"), export_db(&clean, "plover"));
}

// ---------------------------------------------------------------- tests

#[test]
fn sqlite_ingest_twice_stores_once() {
    on_sqlite("once", stored_once);
}
#[test]
fn postgres_ingest_twice_stores_once() {
    on_postgres("once", stored_once);
}
#[test]
fn sqlite_incremental_matches_the_batch() {
    on_sqlite("incr", incremental_matches_the_batch);
}
#[test]
fn postgres_incremental_matches_the_batch() {
    on_postgres("incr", incremental_matches_the_batch);
}
#[test]
fn sqlite_report_and_export_from_db_equal_paths() {
    on_sqlite("equal", db_equals_paths);
}
#[test]
fn postgres_report_and_export_from_db_equal_paths() {
    on_postgres("equal", db_equals_paths);
}
#[test]
fn sqlite_queries() {
    on_sqlite("queries", queries);
}
#[test]
fn postgres_queries() {
    on_postgres("queries", queries);
}
#[test]
fn sqlite_bad_path_names_the_file() {
    on_sqlite("bad", bad_path_names_the_file);
}
#[test]
fn postgres_bad_path_names_the_file() {
    on_postgres("bad", bad_path_names_the_file);
}
#[test]
fn sqlite_survives_kill_9() {
    on_sqlite("kill", survives_kill);
}
#[test]
fn postgres_survives_kill_9() {
    on_postgres("kill", survives_kill);
}

/// A dense generated corpus (sentences recombined, many events and
/// contradictions per article) ingested in two runs of several refresh
/// chunks each: each chunk's derived rows must be stored beside the earlier
/// chunks' (a key clash fails the ingest), and a re-clustering must keep
/// the documents and events.
fn dense_corpus_in_two_runs(fresh: &dyn Fn() -> String, dir: &Path) {
    let gen = |seed: &str, name: &str| {
        let path = dir.join(name);
        let mut args = vec!["bench".to_string(), "gen".into(), "--size-mb".into(), "1".into(), "--seed".into(), seed.into()];
        // The shared development and external texts make the densest corpus; examples/ alone elsewhere.
        if common::shared().is_none() {
            args.extend(["--source".into(), examples().to_string_lossy().to_string()]);
        }
        args.push(path.to_string_lossy().to_string());
        let out = run(&args);
        assert!(out.status.success(), "bench gen: {}", String::from_utf8_lossy(&out.stderr));
        path
    };
    let (a, b) = (gen("1", "a.jsonl"), gen("2", "b.jsonl"));
    let db = fresh();
    ingest(&[&a], &db);
    let second = ingest(&[&b], &db);
    assert!(second.contains("stored"), "{second}");
    let store = Store::open(&db).unwrap();
    let before = store.stats().unwrap();
    assert!(before.contradictions > 0, "the corpus should hold contradictions: {before:?}");
    drop(store);
    let out = run(&["ingest", "--recluster", "--db", &db]);
    assert!(out.status.success(), "recluster: {}", String::from_utf8_lossy(&out.stderr));
    let after = Store::open(&db).unwrap().stats().unwrap();
    assert_eq!((before.documents, before.events), (after.documents, after.events));
}
#[test]
fn sqlite_dense_corpus_in_two_runs() {
    on_sqlite("dense", dense_corpus_in_two_runs);
}
#[test]
fn postgres_dense_corpus_in_two_runs() {
    on_postgres("dense", dense_corpus_in_two_runs);
}
