//! A small situation picture about Libya, January–June 2020, built in code
//! for the report's tests (shared by the unit tests and `tests/browser.rs`).
//!
//! The events follow the public record of that period (the Turkey–GNA
//! memorandum of November 2019, the LNA's capture of Sirte on 6 January
//! 2020, Turkish deployments in January, the GNA's capture of al-Watiya air
//! base on 18 May and of Tarhuna on 5 June, Russian aircraft reported at
//! al-Jufra in May); where the day is not certain only the month is given.
//! The outlets, URLs and sentences are made up for the tests (example.org),
//! and one outlet is hostile: its title, text and URL carry markup and a
//! `javascript:` link that the report must neutralise.
#![allow(dead_code)]

use sitrep_model::{
    Control, DateFrom, Document, EntityType, Event, EventPlace, PartialDate, Span, Status,
};
use sitrep_picture::{
    Cluster, Contradiction, ContradictionKind, ControlStep, DocInfo, Edge, EntityInfo, Picture, PlaceControl,
    Relation, ReportRef, Side, SourceProfile,
};

pub const XSS_SCRIPT: &str = "<script>alert(1)</script>";
pub const XSS_IMG: &str = "<img src=x onerror=alert(2)>";

fn d(s: &str) -> PartialDate {
    s.parse().unwrap()
}

fn doc(id: &str, outlet: &str, url: &str, published: &str, title: &str, sentences: &[&str]) -> Document {
    let mut text = String::new();
    let mut spans = Vec::new();
    for s in sentences {
        if !text.is_empty() {
            text.push(' ');
        }
        let start = text.len();
        text.push_str(s);
        spans.push(Span::new(start, text.len()));
    }
    Document {
        id: id.into(),
        title: Some(title.into()),
        outlet: Some(outlet.into()),
        url: Some(url.into()),
        published: Some(d(published)),
        lang: Some("en".into()),
        text,
        sentences: spans,
        ..Default::default()
    }
}

struct Spec<'a> {
    id: &'a str,
    kind: &'a str,
    mode: Option<&'a str>,
    sentence: usize,
    trigger: &'a str,
    source: &'a [&'a str],
    target: &'a [&'a str],
    place: Option<(&'a str, &'a str, f64, f64)>,
    date: Option<&'a str>,
    status: Status,
    claimed_by: &'a [&'a str],
    control: Option<(&'a str, &'a [&'a str], &'a [&'a str])>,
    cluster: &'a str,
}

fn add(doc: &mut Document, s: Spec) {
    let span = doc.sentences[s.sentence];
    let sentence = &doc.text[span.start..span.end];
    let t0 = span.start + sentence.find(s.trigger).unwrap_or_else(|| panic!("trigger {:?} not in {:?}", s.trigger, sentence));
    let ids = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    doc.events.push(Event {
        id: format!("{}-{}", doc.id, s.id),
        kind: s.kind.into(),
        mode: s.mode.map(Into::into),
        source: ids(s.source),
        target: ids(s.target),
        control: s.control.map(|(p, g, l)| Control { place: p.into(), gained_by: ids(g), lost_by: ids(l) }),
        location: s.place.map(|(id, name, lat, lon)| EventPlace {
            id: id.into(),
            name: name.into(),
            lat: Some(lat),
            lon: Some(lon),
            country: Some("LBY".into()),
        }),
        date: s.date.map(d),
        date_from: s.date.map(|_| DateFrom::Explicit),
        status: s.status,
        claimed_by: ids(s.claimed_by),
        trigger: s.trigger.into(),
        trigger_span: Span::new(t0, t0 + s.trigger.len()),
        span,
        confidence: 0.8,
        cluster: Some(s.cluster.into()),
        ..Default::default()
    });
}

fn base<'a>() -> Spec<'a> {
    Spec {
        id: "e1",
        kind: "ASSAULT",
        mode: None,
        sentence: 0,
        trigger: "",
        source: &[],
        target: &[],
        place: None,
        date: None,
        status: Status::Asserted,
        claimed_by: &[],
        control: None,
        cluster: "c0",
    }
}

const WATIYA: (&str, &str, f64, f64) = ("al-watiya", "Al-Watiya Air Base", 32.47, 11.90);
const SIRTE: (&str, &str, f64, f64) = ("sirte", "Sirte", 31.21, 16.59);
const TARHUNA: (&str, &str, f64, f64) = ("tarhuna", "Tarhuna", 32.44, 13.63);
const MITIGA: (&str, &str, f64, f64) = ("mitiga", "Mitiga International Airport", 32.89, 13.28);
const JUFRA: (&str, &str, f64, f64) = ("al-jufra", "Al-Jufra Air Base", 29.20, 16.00);
const TRIPOLI: (&str, &str, f64, f64) = ("tripoli", "Tripoli", 32.89, 13.19);

/// The documents of the sample.
pub fn documents() -> Vec<Document> {
    let mut d1 = doc(
        "d1",
        "Example Wire",
        "https://example.org/wire/2020/01/turkey-libya",
        "2020-01-08",
        "Turkey sends troops as Haftar's forces take Sirte",
        &[
            "Turkey and the Government of National Accord signed a security memorandum on November 27.",
            "Forces loyal to the Libyan National Army captured the coastal city of Sirte on Monday.",
            "Turkey began deploying troops to Tripoli this month to back the government.",
        ],
    );
    add(&mut d1, Spec { id: "e1", kind: "SUPPORT", trigger: "signed", source: &["turkey"], target: &["gna"], date: Some("2019-11-27"), cluster: "c1", ..base() });
    add(&mut d1, Spec { id: "e2", kind: "ASSAULT", sentence: 1, trigger: "captured", source: &["lna"], target: &["gna"], place: Some(SIRTE), date: Some("2020-01-06"), control: Some(("sirte", &["lna"], &["gna"])), cluster: "c2", ..base() });
    add(&mut d1, Spec { id: "e3", kind: "AID", mode: Some("troops"), sentence: 2, trigger: "deploying troops", source: &["turkey"], target: &["gna"], place: Some(TRIPOLI), date: Some("2020-01"), cluster: "c3", ..base() });

    let mut d2 = doc(
        "d2",
        "Example Wire",
        "https://example.org/wire/2020/05/watiya",
        "2020-05-19",
        "Government forces seize al-Watiya air base",
        &[
            "Government forces seized al-Watiya air base from the Libyan National Army on Monday.",
            "Shells fired by the eastern forces struck Mitiga airport again this month, officials said.",
            "Ankara has sent troops and equipment to Tripoli since January.",
        ],
    );
    add(&mut d2, Spec { id: "e1", kind: "ASSAULT", trigger: "seized", source: &["gna"], target: &["lna"], place: Some(WATIYA), date: Some("2020-05-18"), control: Some(("al-watiya", &["gna"], &["lna"])), cluster: "c6", ..base() });
    add(&mut d2, Spec { id: "e2", kind: "ASSAULT", mode: Some("heavy-weapons"), sentence: 1, trigger: "struck", source: &["lna"], target: &["gna"], place: Some(MITIGA), date: Some("2020-05"), cluster: "c4", ..base() });
    add(&mut d2, Spec { id: "e3", kind: "AID", mode: Some("troops"), sentence: 2, trigger: "sent troops", source: &["turkey"], target: &["gna"], place: Some(TRIPOLI), date: Some("2020-01"), cluster: "c3", ..base() });

    let mut d3 = doc(
        "d3",
        "Example Gazette",
        "https://example.org/gazette/watiya-drones",
        "2020-05-18",
        "Drones hit air defences near al-Watiya, GNA says",
        &[
            "The government said its drones destroyed air defence systems near al-Watiya this month.",
            "Its fighters later entered the base, a military spokesman said.",
        ],
    );
    add(&mut d3, Spec { id: "e1", kind: "ASSAULT", mode: Some("drone"), trigger: "destroyed", source: &["gna"], target: &["lna"], place: Some(WATIYA), date: Some("2020-05"), status: Status::Claimed, claimed_by: &["gna"], cluster: "c5", ..base() });
    add(&mut d3, Spec { id: "e2", kind: "ASSAULT", sentence: 1, trigger: "entered", source: &["gna"], target: &["lna"], place: Some(WATIYA), date: Some("2020-05-18"), status: Status::Claimed, claimed_by: &["gna"], control: Some(("al-watiya", &["gna"], &["lna"])), cluster: "c6", ..base() });

    let mut d4 = doc(
        "d4",
        "Example Monitor",
        "https://example.org/monitor/2020/06/tarhuna",
        "2020-06-06",
        "LNA leaves Tarhuna; Russian jets seen at al-Jufra",
        &[
            "The Libyan National Army described its departure from al-Watiya as a tactical withdrawal.",
            "Government forces took Tarhuna, the army's last stronghold in the west, on Friday.",
            "Russia sent fighter jets to al-Jufra air base in May, according to the US military.",
            "The Libyan National Army warned that Turkish positions would be legitimate targets.",
        ],
    );
    add(&mut d4, Spec { id: "e1", kind: "RETREAT", mode: Some("withdraw"), trigger: "tactical withdrawal", source: &["lna"], place: Some(WATIYA), date: Some("2020-05-18"), status: Status::Claimed, claimed_by: &["lna"], control: Some(("al-watiya", &[], &["lna"])), cluster: "c6", ..base() });
    add(&mut d4, Spec { id: "e2", kind: "ASSAULT", sentence: 1, trigger: "took", source: &["gna"], target: &["lna"], place: Some(TARHUNA), date: Some("2020-06-05"), control: Some(("tarhuna", &["gna"], &["lna"])), cluster: "c8", ..base() });
    add(&mut d4, Spec { id: "e3", kind: "AID", mode: Some("weapons"), sentence: 2, trigger: "sent fighter jets", source: &["russia"], target: &["lna"], place: Some(JUFRA), date: Some("2020-05"), status: Status::Claimed, claimed_by: &["us"], cluster: "c7", ..base() });
    add(&mut d4, Spec { id: "e4", kind: "THREATEN", mode: Some("violence"), sentence: 3, trigger: "legitimate targets", source: &["lna"], target: &["turkey"], cluster: "c9", ..base() });

    // The hostile document: markup in the title, outlet, text; a script URL.
    let evil = format!("Residents said {XSS_SCRIPT} shells hit the airport {XSS_IMG} overnight.");
    let mut d5 = doc(
        "d5",
        "<b>Bad</b> Outlet",
        "javascript:alert(3)",
        "2020-05-20",
        &format!("Airport shelled {XSS_SCRIPT}"),
        &["An eastern spokesman denied the shelling.", &evil],
    );
    add(&mut d5, Spec { id: "e1", kind: "ASSAULT", mode: Some("heavy-weapons"), trigger: "shelling", source: &["lna"], target: &["gna"], place: Some(MITIGA), date: Some("2020-05"), status: Status::Denied, claimed_by: &["lna"], cluster: "c4", ..base() });
    add(&mut d5, Spec { id: "e2", kind: "ASSAULT", sentence: 1, trigger: "hit", source: &["lna"], target: &["gna"], place: Some(MITIGA), date: Some("2020-05"), cluster: "c4", ..base() });
    vec![d1, d2, d3, d4, d5]
}

fn r(doc: &str, ev: &str) -> ReportRef {
    ReportRef { doc: doc.into(), event: format!("{doc}-{ev}") }
}

fn ent(id: &str, name: &str, kind: EntityType, place: Option<(f64, f64)>, docs: usize) -> EntityInfo {
    EntityInfo {
        id: id.into(),
        name: name.into(),
        kind,
        country: Some(if id == "turkey" { "TUR" } else if id == "russia" { "RUS" } else if id == "us" { "USA" } else { "LBY" }.into()),
        code: None,
        sector: None,
        lat: place.map(|p| p.0),
        lon: place.map(|p| p.1),
        docs,
    }
}

#[allow(clippy::too_many_arguments)]
fn cluster(id: &str, kind: &str, mode: Option<&str>, src: &[&str], tgt: &[&str], loc: Option<&str>, date: Option<&str>, status: Status, reports: Vec<ReportRef>, outlets: &[&str]) -> Cluster {
    Cluster {
        id: id.into(),
        kind: kind.into(),
        mode: mode.map(Into::into),
        source: src.iter().map(|s| s.to_string()).collect(),
        target: tgt.iter().map(|s| s.to_string()).collect(),
        location: loc.map(Into::into),
        date: date.map(d),
        status,
        reports,
        outlets: outlets.iter().map(|s| s.to_string()).collect(),
        confidence: 0.8,
    }
}

fn edge(s: &str, t: &str, rel: Relation, types: &[(&str, usize)], first: Option<&str>, last: Option<&str>, clusters: &[&str]) -> Edge {
    Edge {
        source: s.into(),
        target: t.into(),
        relation: rel,
        weight: clusters.len(),
        types: types.iter().map(|(k, n)| (k.to_string(), *n)).collect(),
        first: first.map(d),
        last: last.map(d),
        clusters: clusters.iter().map(|c| c.to_string()).collect(),
    }
}

fn step(date: &str, gained: &[&str], lost: &[&str], status: Status, cluster: &str, reports: Vec<ReportRef>, outlets: &[&str]) -> ControlStep {
    ControlStep {
        date: Some(d(date)),
        gained_by: gained.iter().map(|s| s.to_string()).collect(),
        lost_by: lost.iter().map(|s| s.to_string()).collect(),
        status,
        cluster: cluster.into(),
        reports,
        outlets: outlets.iter().map(|s| s.to_string()).collect(),
    }
}

/// The picture of [`documents`], as the picture stage would build it.
pub fn picture() -> Picture {
    use EntityType::*;
    use Status::*;
    let docs = documents();
    let bad = "<b>Bad</b> Outlet";
    let place = |p: (&str, &str, f64, f64), n| ent(p.0, p.1, Place, Some((p.2, p.3)), n);
    Picture {
        documents: docs
            .iter()
            .map(|d| DocInfo { id: d.id.clone(), title: d.title.clone(), outlet: d.outlet.clone(), url: d.url.clone(), published: d.published })
            .collect(),
        entities: vec![
            ent("gna", "Government of National Accord", Government, None, 5),
            ent("lna", "Libyan National Army", ArmedGroup, None, 5),
            ent("turkey", "Turkey", Country, None, 3),
            ent("russia", "Russia", Country, None, 1),
            ent("us", "United States", Country, None, 1),
            place(WATIYA, 3),
            place(SIRTE, 1),
            place(TARHUNA, 1),
            place(MITIGA, 2),
            place(JUFRA, 1),
            place(TRIPOLI, 2),
        ],
        clusters: vec![
            cluster("c1", "SUPPORT", None, &["turkey"], &["gna"], None, Some("2019-11-27"), Asserted, vec![r("d1", "e1")], &["Example Wire"]),
            cluster("c2", "ASSAULT", None, &["lna"], &["gna"], Some("sirte"), Some("2020-01-06"), Asserted, vec![r("d1", "e2")], &["Example Wire"]),
            cluster("c3", "AID", Some("troops"), &["turkey"], &["gna"], Some("tripoli"), Some("2020-01"), Asserted, vec![r("d1", "e3"), r("d2", "e3")], &["Example Wire"]),
            cluster("c4", "ASSAULT", Some("heavy-weapons"), &["lna"], &["gna"], Some("mitiga"), Some("2020-05"), Asserted, vec![r("d2", "e2"), r("d5", "e1"), r("d5", "e2")], &["Example Wire", bad]),
            cluster("c5", "ASSAULT", Some("drone"), &["gna"], &["lna"], Some("al-watiya"), Some("2020-05"), Claimed, vec![r("d3", "e1")], &["Example Gazette"]),
            cluster("c6", "ASSAULT", None, &["gna"], &["lna"], Some("al-watiya"), Some("2020-05-18"), Asserted, vec![r("d2", "e1"), r("d3", "e2"), r("d4", "e1")], &["Example Wire", "Example Gazette", "Example Monitor"]),
            cluster("c7", "AID", Some("weapons"), &["russia"], &["lna"], Some("al-jufra"), Some("2020-05"), Claimed, vec![r("d4", "e3")], &["Example Monitor"]),
            cluster("c8", "ASSAULT", None, &["gna"], &["lna"], Some("tarhuna"), Some("2020-06-05"), Asserted, vec![r("d4", "e2")], &["Example Monitor"]),
            cluster("c9", "THREATEN", Some("violence"), &["lna"], &["turkey"], None, None, Asserted, vec![r("d4", "e4")], &["Example Monitor"]),
        ],
        contradictions: vec![
            Contradiction {
                kind: ContradictionKind::Control,
                cluster: Some("c6".into()),
                place: Some("al-watiya".into()),
                sides: vec![
                    Side {
                        report: r("d2", "e1"),
                        outlet: Some("Example Wire".into()),
                        claim: "Government of National Accord gained Al-Watiya Air Base".into(),
                        evidence: "Government forces seized al-Watiya air base from the Libyan National Army on Monday.".into(),
                    },
                    Side {
                        report: r("d4", "e1"),
                        outlet: Some("Example Monitor".into()),
                        claim: "Libyan National Army withdrew (tactical withdrawal)".into(),
                        evidence: "The Libyan National Army described its departure from al-Watiya as a tactical withdrawal.".into(),
                    },
                ],
            },
            Contradiction {
                kind: ContradictionKind::Attribution,
                cluster: Some("c4".into()),
                place: Some("mitiga".into()),
                sides: vec![
                    Side {
                        report: r("d2", "e2"),
                        outlet: Some("Example Wire".into()),
                        claim: "Libyan National Army did it (asserted)".into(),
                        evidence: "Shells fired by the eastern forces struck Mitiga airport again this month, officials said.".into(),
                    },
                    Side {
                        report: r("d5", "e1"),
                        outlet: Some(bad.into()),
                        claim: format!("denied by Libyan National Army {XSS_IMG}"),
                        evidence: format!("Residents said {XSS_SCRIPT} shells hit the airport {XSS_IMG} overnight."),
                    },
                ],
            },
        ],
        network: vec![
            edge("turkey", "gna", Relation::Support, &[("AID", 1), ("SUPPORT", 1)], Some("2019-11-27"), Some("2020-01"), &["c1", "c3"]),
            edge("russia", "lna", Relation::Support, &[("AID", 1)], Some("2020-05"), Some("2020-05"), &["c7"]),
            edge("lna", "gna", Relation::Hostility, &[("ASSAULT", 2)], Some("2020-01-06"), Some("2020-05"), &["c2", "c4"]),
            edge("gna", "lna", Relation::Hostility, &[("ASSAULT", 3)], Some("2020-05"), Some("2020-06-05"), &["c5", "c6", "c8"]),
            edge("lna", "turkey", Relation::Hostility, &[("THREATEN", 1)], None, None, &["c9"]),
        ],
        control: vec![
            PlaceControl {
                place: "al-watiya".into(),
                name: "Al-Watiya Air Base".into(),
                lat: Some(WATIYA.2),
                lon: Some(WATIYA.3),
                steps: vec![step("2020-05-18", &["gna"], &["lna"], Asserted, "c6", vec![r("d2", "e1"), r("d3", "e2"), r("d4", "e1")], &["Example Wire", "Example Gazette", "Example Monitor"])],
            },
            PlaceControl {
                place: "sirte".into(),
                name: "Sirte".into(),
                lat: Some(SIRTE.2),
                lon: Some(SIRTE.3),
                steps: vec![step("2020-01-06", &["lna"], &["gna"], Asserted, "c2", vec![r("d1", "e2")], &["Example Wire"])],
            },
            PlaceControl {
                place: "tarhuna".into(),
                name: "Tarhuna".into(),
                lat: Some(TARHUNA.2),
                lon: Some(TARHUNA.3),
                steps: vec![step("2020-06-05", &["gna"], &["lna"], Asserted, "c8", vec![r("d4", "e2")], &["Example Monitor"])],
            },
        ],
        sources: vec![
            SourceProfile { outlet: "Example Wire".into(), documents: 2, events: 6, asserted_share: 1.0, carries: vec![], exclusive: vec!["c1".into(), "c2".into(), "c3".into()] },
            SourceProfile { outlet: "Example Gazette".into(), documents: 1, events: 2, asserted_share: 0.0, carries: vec![("gna".into(), 2)], exclusive: vec!["c5".into()] },
            SourceProfile { outlet: "Example Monitor".into(), documents: 1, events: 4, asserted_share: 0.5, carries: vec![("lna".into(), 1), ("us".into(), 1)], exclusive: vec!["c7".into(), "c8".into(), "c9".into()] },
            SourceProfile { outlet: bad.into(), documents: 1, events: 2, asserted_share: 0.5, carries: vec![("lna".into(), 1)], exclusive: vec![] },
        ],
        period: Some((d("2019-11-27"), d("2020-06-05"))),
    }
}
