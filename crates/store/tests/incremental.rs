//! Incremental refresh on real SQLite and PostgreSQL: a new report that
//! fits two stored clusters joins them into the older id; `recluster`
//! gives the batch picture stage's clusters.

use sitrep_model::{DateFrom, Document, Event, EventPlace, Span, Status};
use sitrep_store::testing::TempPostgres;
use sitrep_store::{DocKey, Keyed, Store};

fn ident(s: &str) -> String {
    s.to_string()
}

/// An attack at `place` (Sirte or nowhere) on 6 January 2020.
fn attack(src: &[&str], tgt: &[&str], sirte: bool) -> Event {
    Event {
        kind: "ASSAULT".into(),
        source: src.iter().map(|s| s.to_string()).collect(),
        target: tgt.iter().map(|s| s.to_string()).collect(),
        location: sirte.then(|| EventPlace { id: "sirte".into(), name: "Sirte".into(), lat: Some(31.2), lon: Some(16.59), country: Some("LBY".into()) }),
        date: Some("2020-01-06".parse().unwrap()),
        date_from: Some(DateFrom::Explicit),
        confidence: 0.7,
        ..Default::default()
    }
}

fn doc(id: &str, outlet: &str, mut e: Event) -> Keyed {
    let text = format!("Report {id} of an attack.");
    e.id = format!("{id}-e1");
    e.span = Span::new(0, text.len());
    let doc = Document {
        id: id.into(),
        url: Some(format!("https://example.test/{id}")),
        outlet: Some(outlet.into()),
        published: Some("2020-01-07".parse().unwrap()),
        text,
        events: vec![e],
        ..Document::default()
    };
    Keyed { key: DocKey::of(&doc), doc }
}

fn cluster_of(store: &Store, doc: &str) -> String {
    store.event(doc, &format!("{doc}-e1")).unwrap().unwrap().event.cluster.unwrap()
}

fn bridge(db: &str) {
    let store = Store::open(db).unwrap();
    // The LNA attacked at Sirte; someone attacked the GNA, place not given:
    // nothing ties the two, nothing sets them apart.
    store.add_documents(&[doc("a", "Outlet A", attack(&["lna"], &[], true))]).unwrap();
    store.refresh(&ident, false).unwrap();
    store.add_documents(&[doc("b", "Outlet B", attack(&[], &["gna"], false))]).unwrap();
    store.refresh(&ident, false).unwrap();
    let (a, b) = (cluster_of(&store, "a"), cluster_of(&store, "b"));
    assert_ne!(a, b);
    assert_eq!(store.stats().unwrap().clusters, 2);
    // The LNA attacked the GNA at Sirte that day: it fits both.
    store.add_documents(&[doc("c", "Outlet C", attack(&["lna"], &["gna"], true))]).unwrap();
    let r = store.refresh(&ident, false).unwrap();
    assert!(r.rebuilt && r.events == 1, "{r:?}");
    let older = a.clone().min_by_number(&b);
    for d in ["a", "b", "c"] {
        assert_eq!(cluster_of(&store, d), older, "{d}");
    }
    let stats = store.stats().unwrap();
    assert_eq!(stats.clusters, 1);
    let detail = store.cluster(&older).unwrap().unwrap();
    assert_eq!(detail.reports.len(), 3);
    assert_eq!(detail.cluster.outlets, ["Outlet A", "Outlet B", "Outlet C"]);
    // One hostile edge LNA -> GNA from the joined cluster.
    let net = store.network(None).unwrap();
    assert_eq!(net.len(), 1, "{net:?}");
    assert_eq!((net[0].source.as_str(), net[0].target.as_str(), net[0].weight), ("lna", "gna", 1));
    assert_eq!(net[0].clusters, [older.clone()]);
    // Each outlet's profile is counted once; no exclusive cluster is left.
    let sources = store.sources().unwrap();
    assert_eq!(sources.len(), 3);
    assert!(sources.iter().all(|s| s.documents == 1 && s.events == 1 && s.exclusive.is_empty()), "{sources:?}");
    // The batch stage puts the three in one cluster too.
    let r = store.recluster(&ident).unwrap();
    assert_eq!(r.clusters, 1);
    assert_eq!(store.stats().unwrap().clusters, 1);
    assert_eq!(cluster_of(&store, "a"), "c1");
}

trait Older {
    fn min_by_number(self, other: &str) -> String;
}
impl Older for String {
    fn min_by_number(self, other: &str) -> String {
        let n = |s: &str| s.trim_start_matches('c').parse::<u64>().unwrap();
        if n(&self) <= n(other) { self } else { other.to_string() }
    }
}

#[test]
fn sqlite_a_bridging_report_joins_two_stored_clusters_into_the_older() {
    let dir = std::env::temp_dir().join(format!("sitrep-store-bridge-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let db = dir.join("bridge.sqlite");
    let _ = std::fs::remove_file(&db);
    bridge(&db.to_string_lossy());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn postgres_a_bridging_report_joins_two_stored_clusters_into_the_older() {
    let pg = TempPostgres::start().unwrap_or_else(|e| panic!("PostgreSQL for the store tests: {e}"));
    bridge(&pg.fresh_db().unwrap());
}
