use super::*;
use sitrep_model::{
    Control, Count, DateFrom, Document, Entity, EntityType, Event, EventPlace, PartialDate,
    Precision, Size, Span, Status,
};

fn id(x: &str) -> String {
    x.to_string()
}

fn place(id: &str, lat: f64, lon: f64, feature: &str, country: &str) -> Entity {
    Entity {
        id: id.into(),
        name: id.replace('-', " "),
        kind: if feature == "country" {
            EntityType::Country
        } else {
            EntityType::Place
        },
        aliases: vec![],
        wikidata: None,
        country: Some(country.into()),
        code: None,
        sector: None,
        lat: Some(lat),
        lon: Some(lon),
        feature: Some(feature.into()),
        known: true,
        mentions: vec![],
    }
}

fn places() -> Vec<Entity> {
    vec![
        place("sirte", 31.2, 16.59, "city", "LBY"),
        place("sirte-port", 31.21, 16.6, "port", "LBY"),
        place("misrata", 32.37, 15.09, "city", "LBY"),
        place("al-watiya", 32.47, 11.9, "airbase", "LBY"),
        place("libya", 27.0, 17.0, "country", "LBY"),
        place("algeria", 28.0, 2.0, "country", "DZA"),
    ]
}

/// An event builder with sensible defaults.
struct Ev(Event);

impl Ev {
    fn new(kind: &str, src: &[&str], tgt: &[&str]) -> Ev {
        Ev(Event {
            kind: kind.into(),
            source: src.iter().map(|s| id(s)).collect(),
            target: tgt.iter().map(|s| id(s)).collect(),
            confidence: 0.7,
            ..Default::default()
        })
    }
    fn at(mut self, p: &str) -> Ev {
        let e = places().into_iter().find(|e| e.id == p).unwrap();
        self.0.location = Some(EventPlace {
            id: p.into(),
            name: e.name.clone(),
            lat: e.lat,
            lon: e.lon,
            country: e.country.clone(),
        });
        self
    }
    fn on(mut self, d: &str, from: DateFrom) -> Ev {
        self.0.date = Some(d.parse().unwrap());
        self.0.date_from = Some(from);
        self
    }
    /// The date's precision as the text gave it ("last week": `Week`).
    fn prec(mut self, p: Precision) -> Ev {
        self.0.date_precision = Some(p);
        self
    }
    fn mode(mut self, m: &str) -> Ev {
        self.0.mode = Some(m.into());
        self
    }
    fn status(mut self, s: Status, by: &[&str]) -> Ev {
        self.0.status = s;
        self.0.claimed_by = by.iter().map(|s| id(s)).collect();
        self
    }
    fn control(mut self, p: &str, gained: &[&str], lost: &[&str]) -> Ev {
        self.0.control = Some(Control {
            place: p.into(),
            gained_by: gained.iter().map(|s| id(s)).collect(),
            lost_by: lost.iter().map(|s| id(s)).collect(),
        });
        self
    }
    fn dead(mut self, n: u64) -> Ev {
        self.0.size = Some(Size {
            dead: Some(Count::Exact(n)),
            ..Size::default()
        });
        self
    }
    fn conf(mut self, c: f32) -> Ev {
        self.0.confidence = c;
        self
    }
}

/// A document whose text is its events' evidence, one sentence each.
fn doc(doc_id: &str, outlet: Option<&str>, published: &str, events: Vec<Ev>) -> Document {
    let mut text = String::new();
    let mut evs = Vec::new();
    for (k, Ev(mut e)) in events.into_iter().enumerate() {
        e.id = format!("{doc_id}-e{}", k + 1);
        let sentence = format!("Report {} of {}. ", k + 1, e.kind);
        e.span = Span::new(text.len(), text.len() + sentence.len() - 1);
        text.push_str(&sentence);
        evs.push(e);
    }
    Document {
        id: doc_id.into(),
        outlet: outlet.map(String::from),
        published: Some(published.parse().unwrap()),
        text,
        entities: places(),
        events: evs,
        ..Document::default()
    }
}

fn ident(s: &str) -> String {
    s.to_string()
}

/// Haftar stands for the LNA; everyone else for themselves.
fn side(s: &str) -> String {
    match s {
        "haftar" => "lna".into(),
        "sarraj" => "gna".into(),
        _ => s.into(),
    }
}

fn clusters_of(docs: &[Document]) -> Vec<Vec<String>> {
    docs.iter()
        .map(|d| {
            d.events
                .iter()
                .map(|e| e.cluster.clone().unwrap())
                .collect()
        })
        .collect()
}

const R: DateFrom = DateFrom::Relative;
const X: DateFrom = DateFrom::Explicit;
const P: DateFrom = DateFrom::Published;

fn sirte_corpus() -> Vec<Document> {
    vec![
        doc(
            "a",
            Some("Outlet A"),
            "2020-01-07",
            vec![
                Ev::new("ASSAULT", &["lna"], &["gna"])
                    .at("sirte")
                    .on("2020-01-06", R)
                    .status(Status::Claimed, &["lna"]),
                Ev::new("RETREAT", &["gna"], &[])
                    .mode("withdraw")
                    .at("sirte")
                    .on("2020-01-07", P)
                    .status(Status::Claimed, &["gna"]),
                Ev::new("AID", &["turkey"], &["gna"])
                    .mode("troops")
                    .at("libya")
                    .on("2020-01-05", X),
            ],
        ),
        doc(
            "b",
            Some("Outlet B"),
            "2020-01-08",
            vec![
                Ev::new("ASSAULT", &["haftar"], &["gna"])
                    .at("sirte")
                    .on("2020-01-06", X)
                    .control("sirte", &["haftar"], &["gna"]),
                Ev::new("ASSAULT", &["lna"], &["gna"])
                    .at("misrata")
                    .on("2020-01-06", X),
            ],
        ),
    ]
}

#[test]
fn capture_and_withdrawal_are_one_event_across_outlets() {
    let mut docs = sirte_corpus();
    assign_clusters(&mut docs, &side);
    let c = clusters_of(&docs);
    assert_eq!(c[0], ["c1", "c1", "c2"]);
    assert_eq!(
        c[1],
        ["c1", "c3"],
        "Haftar's capture is the LNA's; Misrata is another place"
    );
    let p = build(&docs, &side);
    let c1 = &p.clusters[0];
    assert_eq!(c1.kind, "ASSAULT");
    assert_eq!(c1.source, ["lna"]);
    assert_eq!(c1.date, Some(PartialDate::day(2020, 1, 6)));
    assert_eq!(c1.location.as_deref(), Some("sirte"));
    assert_eq!(c1.outlets, ["Outlet A", "Outlet B"]);
    assert_eq!(c1.reports.len(), 3);
    assert_eq!(c1.status, Status::Asserted);
    // Control: one step, asserted by outlet B, with the sources.
    let sirte = p.control.iter().find(|c| c.place == "sirte").unwrap();
    assert_eq!(sirte.name, "sirte");
    assert_eq!(sirte.steps.len(), 1);
    let s = &sirte.steps[0];
    assert_eq!(
        (s.gained_by.clone(), s.lost_by.clone()),
        (vec![id("lna")], vec![id("gna")])
    );
    assert_eq!(s.date, Some(PartialDate::day(2020, 1, 6)));
    assert_eq!(s.status, Status::Asserted);
    assert_eq!(s.reports.len(), 3);
    // The two accounts of the change are set side by side.
    let k = p
        .contradictions
        .iter()
        .find(|k| k.kind == ContradictionKind::Control)
        .unwrap();
    assert_eq!(k.place.as_deref(), Some("sirte"));
    assert_eq!(k.sides.len(), 2);
    assert!(k.sides[1].claim.contains("withdrew"), "{:?}", k.sides);
    assert_eq!(k.sides[1].evidence, "Report 2 of RETREAT.");
}

#[test]
fn cluster_ids_follow_first_report_and_input_order_does_not_change_groups() {
    let mut docs = sirte_corpus();
    assign_clusters(&mut docs, &side);
    let mut rev = sirte_corpus();
    rev.reverse();
    for d in &mut rev {
        d.events.reverse();
    }
    assign_clusters(&mut rev, &side);
    // Same partition, whatever the order.
    let part = |docs: &[Document]| {
        let mut m: std::collections::BTreeMap<String, Vec<String>> = Default::default();
        for d in docs {
            for e in &d.events {
                m.entry(e.cluster.clone().unwrap())
                    .or_default()
                    .push(e.id.clone());
            }
        }
        let mut v: Vec<Vec<String>> = m
            .into_values()
            .map(|mut v| {
                v.sort();
                v
            })
            .collect();
        v.sort();
        v
    };
    assert_eq!(part(&docs), part(&rev));
    assert_eq!(rev[0].events[0].cluster.as_deref(), Some("c1"));
}

#[test]
fn dates_must_agree_within_their_precision() {
    let mut docs = vec![
        doc(
            "a",
            None,
            "2020-05-20",
            vec![
                Ev::new("ASSAULT", &["gna"], &["lna"])
                    .at("al-watiya")
                    .on("2020-05-18", X),
                Ev::new("ASSAULT", &["gna"], &["lna"])
                    .at("al-watiya")
                    .on("2020-05-19", R),
                Ev::new("ASSAULT", &["gna"], &["lna"])
                    .at("al-watiya")
                    .on("2020-05-12", X),
                Ev::new("ASSAULT", &["gna"], &["lna"])
                    .at("al-watiya")
                    .on("2020-04", X),
            ],
        ),
        // Another outlet, knowing only the month.
        doc(
            "b",
            None,
            "2020-05-25",
            vec![Ev::new("ASSAULT", &["gna"], &["lna"])
                .at("al-watiya")
                .on("2020-05", X)],
        ),
    ];
    assign_clusters(&mut docs, &ident);
    let c = &clusters_of(&docs)[0];
    assert_eq!(c[0], c[1], "a day apart");
    assert_ne!(c[0], c[2], "six days apart");
    assert_ne!(c[0], c[3], "another month");
    // The month holds either day, but joins only one of the two groups.
    let m = &clusters_of(&docs)[1][0];
    assert!(m == &c[0] || m == &c[2]);
}

#[test]
fn one_article_telling_two_acts_tells_two_incidents() {
    // Same kind, sides and place; one dated from the text, one only by the
    // publication date: within one article, two incidents.
    let mut docs = vec![doc(
        "a",
        None,
        "2020-04-07",
        vec![
            Ev::new("ASSAULT", &["lna"], &["gna"])
                .at("al-watiya")
                .on("2020-04-03", X),
            Ev::new("ASSAULT", &["lna"], &["gna"])
                .at("al-watiya")
                .on("2020-04-07", P),
        ],
    )];
    assign_clusters(&mut docs, &ident);
    let c = &clusters_of(&docs)[0];
    assert_ne!(c[0], c[1]);
}

#[test]
fn publication_dates_are_weak_and_lasting_relations_are_timeless() {
    let mut docs = vec![
        doc(
            "a",
            None,
            "2020-05-20",
            vec![
                Ev::new("THREATEN", &["lna"], &["turkey"]).on("2020-05-20", P),
                Ev::new("AID", &["russia"], &["lna"]).on("2020-05-20", P),
                Ev::new("AID", &["russia"], &["lna"])
                    .mode("weapons")
                    .on("2020-05-20", P),
            ],
        ),
        doc(
            "b",
            None,
            "2020-05-25",
            vec![Ev::new("THREATEN", &["haftar"], &["turkey"]).on("2020-05-25", P)],
        ),
        doc(
            "c",
            None,
            "2019-12-01",
            vec![
                Ev::new("THREATEN", &["lna"], &["turkey"]).on("2019-12-01", P),
                Ev::new("AID", &["russia"], &["haftar"]).on("2019-12-01", P),
                Ev::new("AID", &["russia"], &["lna"])
                    .mode("mercenaries")
                    .on("2019-12-01", P),
                Ev::new("AID", &["egypt"], &["lna"]).on("2019-12-01", P),
                Ev::new("AID", &["russia"], &[]).on("2019-12-01", P),
            ],
        ),
    ];
    assign_clusters(&mut docs, &side);
    let c = clusters_of(&docs);
    assert_eq!(c[0][0], c[1][0], "five days apart by publication");
    assert_ne!(c[0][0], c[2][0], "months apart");
    // Russia's aid to the LNA, reported undated in May and December.
    assert_eq!(c[0][1], c[2][1]);
    assert_ne!(
        c[0][2], c[2][2],
        "weapons and mercenaries are different help"
    );
    assert_ne!(c[2][1], c[2][3], "Egypt's aid is another relation");
    let lone = &c[2][4];
    assert!(
        c.iter().flatten().filter(|x| *x == lone).count() == 1,
        "an undated relation needs both parties"
    );
}

#[test]
fn an_undated_relation_is_not_one_of_its_dated_deliveries() {
    let mut docs = vec![
        // "Ankara has long backed the Tripoli government."
        doc(
            "a",
            None,
            "2020-03-10",
            vec![Ev::new("AID", &["turkey"], &["gna"]).on("2020-03-10", P)],
        ),
        // "Turkey shipped drones to the GNA last week."
        doc(
            "b",
            None,
            "2020-03-12",
            vec![Ev::new("AID", &["turkey"], &["gna"])
                .on("2020-03-02", R)
                .prec(Precision::Week)],
        ),
        // "Turkey has supported the GNA since 2019."
        doc(
            "c",
            None,
            "2020-03-15",
            vec![Ev::new("AID", &["turkey"], &["gna"]).on("2019", X)],
        ),
        // "In February, Turkish drones reached the GNA."
        doc(
            "d",
            None,
            "2020-03-20",
            vec![Ev::new("AID", &["turkey"], &["gna"]).on("2020-02", X)],
        ),
    ];
    assign_clusters(&mut docs, &ident);
    let c: Vec<String> = clusters_of(&docs).into_iter().flatten().collect();
    assert_ne!(
        c[0], c[1],
        "a delivery last week is not the standing relation"
    );
    assert_eq!(
        c[0], c[2],
        "a relation dated only to its year is the relation"
    );
    assert_ne!(c[0], c[3], "a delivery dated to a month is one act");
}

#[test]
fn the_date_of_an_event_is_the_most_precise_one_its_reports_share() {
    // "GNA forces seized the base last week" (published Saturday 13 June),
    // "the base fell on Wednesday" (another outlet, 9 June).
    let mut docs = vec![
        doc(
            "a",
            Some("A"),
            "2020-06-13",
            vec![Ev::new("ASSAULT", &["gna"], &["lna"])
                .at("al-watiya")
                .on("2020-06-01", R)
                .prec(Precision::Week)
                .control("al-watiya", &["gna"], &["lna"])],
        ),
        doc(
            "b",
            Some("B"),
            "2020-06-09",
            vec![Ev::new("ASSAULT", &["gna"], &["lna"])
                .on("2020-06-03", R)
                .prec(Precision::Day)],
        ),
    ];
    assign_clusters(&mut docs, &ident);
    let c = clusters_of(&docs);
    assert_eq!(c[0][0], c[1][0], "one capture");
    let p = build(&docs, &ident);
    let day = PartialDate::day(2020, 6, 3);
    assert_eq!(
        p.clusters.iter().find(|k| k.id == c[0][0]).unwrap().date,
        Some(day)
    );
    let w = p.control.iter().find(|c| c.place == "al-watiya").unwrap();
    assert_eq!(w.steps.len(), 1);
    assert_eq!(
        w.steps[0].date,
        Some(day),
        "the day inside the week names no place but dates the step"
    );

    // A day outside the week, though near enough to join, does not move it.
    docs[1].events[0].date = Some(PartialDate::day(2020, 6, 9));
    for d in &mut docs {
        for e in &mut d.events {
            e.cluster = None;
        }
    }
    assign_clusters(&mut docs, &ident);
    let c = clusters_of(&docs);
    assert_eq!(c[0][0], c[1][0]);
    let p = build(&docs, &ident);
    let w = p.control.iter().find(|c| c.place == "al-watiya").unwrap();
    assert_eq!(w.steps[0].date, Some(PartialDate::day(2020, 6, 1)));
}

#[test]
fn actors_compare_by_side_and_unnamed_actors_need_firm_place_and_date() {
    let mut docs = vec![doc(
        "a",
        None,
        "2020-01-08",
        vec![
            Ev::new("ASSAULT", &["haftar"], &["gna"])
                .at("sirte")
                .on("2020-01-06", X),
            Ev::new("ASSAULT", &[], &[])
                .at("sirte-port")
                .on("2020-01-06", R),
            Ev::new("ASSAULT", &[], &[]).at("libya").on("2020-01-06", R),
            Ev::new("ASSAULT", &["gna"], &["turkey"])
                .at("sirte")
                .on("2020-01-06", X),
        ],
    )];
    assign_clusters(&mut docs, &side);
    let c = &clusters_of(&docs)[0];
    assert_eq!(c[0], c[1], "unnamed, at a place 1.5 km away, the same day");
    assert_ne!(c[0], c[2], "unnamed and only somewhere in Libya");
    assert_ne!(c[0], c[3], "other attacker and other target");
}

#[test]
fn intentions_are_not_acts_but_join_their_pledges() {
    let mut docs = vec![doc(
        "a",
        None,
        "2019-12-20",
        vec![
            Ev::new("AID", &["turkey"], &["gna"])
                .mode("troops")
                .on("2019-12-10", X)
                .status(Status::Intended, &[]),
            Ev::new("AGREE", &["erdogan"], &["gna"]).on("2019-12-10", X),
            Ev::new("AID", &["turkey"], &["gna"])
                .mode("troops")
                .on("2019-12-10", X),
        ],
    )];
    docs[0].events[1].plan = Some(sitrep_model::Plan {
        kind: "AID".into(),
        mode: Some("troops".into()),
    });
    let side = |s: &str| if s == "erdogan" { id("turkey") } else { id(s) };
    assign_clusters(&mut docs, &side);
    let c = &clusters_of(&docs)[0];
    assert_eq!(c[0], c[1], "the pledge and the intended deployment");
    assert_ne!(c[0], c[2], "the deployment itself");
}

#[test]
fn meetings_compare_their_parties_without_the_host() {
    let mut docs = vec![doc(
        "a",
        None,
        "2020-01-08",
        vec![
            Ev::new("CONSULT", &["gna"], &["algeria"])
                .mode("visit")
                .at("algeria")
                .on("2020-01-07", X),
            Ev::new("CONSULT", &["turkey"], &["algeria"])
                .mode("visit")
                .at("algeria")
                .on("2020-01-07", X),
            Ev::new("CONSULT", &["algeria"], &["turkey"])
                .at("algeria")
                .on("2020-01-07", R),
        ],
    )];
    assign_clusters(&mut docs, &ident);
    let c = &clusters_of(&docs)[0];
    assert_ne!(c[0], c[1]);
    assert_eq!(c[1], c[2]);
}

#[test]
fn contradictions_of_attribution_figures_and_dates() {
    let mut docs = vec![
        doc(
            "a",
            Some("A"),
            "2020-04-07",
            vec![Ev::new("ASSAULT", &["lna"], &["civilians"])
                .mode("aerial")
                .at("misrata")
                .on("2020-04-06", X)
                .dead(12)
                .status(Status::Claimed, &["gna"])],
        ),
        doc(
            "b",
            Some("B"),
            "2020-04-07",
            vec![
                Ev::new("ASSAULT", &["lna"], &["civilians"])
                    .mode("drone")
                    .at("misrata")
                    .on("2020-04-05", X)
                    .dead(3)
                    .status(Status::Denied, &["lna"]),
                Ev::new("ASSAULT", &["turkey"], &["civilians"])
                    .at("misrata")
                    .on("2020-04-06", R)
                    .status(Status::Claimed, &["lna"]),
            ],
        ),
    ];
    assign_clusters(&mut docs, &ident);
    let c = clusters_of(&docs);
    assert_eq!(c[0][0], c[1][0]);
    assert_eq!(
        c[0][0], c[1][1],
        "the other side named as attacker, both claims"
    );
    let p = build(&docs, &ident);
    let kinds: Vec<ContradictionKind> = p.contradictions.iter().map(|k| k.kind).collect();
    assert!(kinds.contains(&ContradictionKind::Figures), "{kinds:?}");
    assert!(kinds.contains(&ContradictionKind::Attribution));
    let fig = p
        .contradictions
        .iter()
        .find(|k| k.kind == ContradictionKind::Figures)
        .unwrap();
    let claims: Vec<&str> = fig.sides.iter().map(|s| s.claim.as_str()).collect();
    assert!(
        claims.iter().any(|c| c.starts_with("dead: 12"))
            && claims.iter().any(|c| c.starts_with("dead: 3"))
    );
    let who: Vec<&Contradiction> = p
        .contradictions
        .iter()
        .filter(|k| k.kind == ContradictionKind::Attribution)
        .collect();
    assert_eq!(
        who.len(),
        2,
        "claimed vs denied, and LNA vs Turkey: {who:?}"
    );
    // Dates a day apart are within precision: no date contradiction.
    assert!(!kinds.contains(&ContradictionKind::Date));
}

#[test]
fn control_history_is_per_place_in_date_order_and_rival_claims_clash() {
    let mut docs = vec![
        doc(
            "a",
            Some("A"),
            "2020-05-20",
            vec![
                Ev::new("ASSAULT", &["gna"], &["lna"])
                    .at("al-watiya")
                    .on("2020-05-18", X)
                    .control("al-watiya", &["gna"], &["lna"]),
                Ev::new("ASSAULT", &["lna"], &["gna"])
                    .at("al-watiya")
                    .on("2019-08", X)
                    .control("al-watiya", &["lna"], &["gna"]),
            ],
        ),
        doc(
            "b",
            Some("B"),
            "2020-05-19",
            vec![Ev::new("COERCE", &["lna"], &[])
                .mode("seize")
                .at("al-watiya")
                .on("2020-05-18", R)
                .control("al-watiya", &["lna"], &[])
                .status(Status::Claimed, &["lna"])],
        ),
    ];
    assign_clusters(&mut docs, &ident);
    let p = build(&docs, &ident);
    let w = &p.control.iter().find(|c| c.place == "al-watiya").unwrap();
    let steps: Vec<(String, Vec<String>, Status)> = w
        .steps
        .iter()
        .map(|s| (s.date.unwrap().to_string(), s.gained_by.clone(), s.status))
        .collect();
    assert_eq!(
        steps[0],
        ("2019-08".into(), vec![id("lna")], Status::Asserted)
    );
    assert_eq!(steps.len(), 3);
    assert!(steps[1..]
        .iter()
        .any(|s| s.1 == [id("gna")] && s.2 == Status::Asserted));
    assert!(steps[1..]
        .iter()
        .any(|s| s.1 == [id("lna")] && s.2 == Status::Claimed));
    let k = p
        .contradictions
        .iter()
        .find(|k| k.kind == ContradictionKind::Control)
        .unwrap();
    assert_eq!(k.sides.len(), 2);
    assert_eq!(k.cluster, None);
}

#[test]
fn network_counts_clusters_not_reports() {
    let mut docs = vec![
        doc(
            "a",
            None,
            "2020-05-20",
            vec![
                Ev::new("AID", &["turkey"], &["gna"])
                    .mode("weapons")
                    .on("2020-05-20", P),
                Ev::new("AID", &["turkey"], &["gna"])
                    .mode("weapons")
                    .on("2020-05-20", P),
                Ev::new("AID", &["turkey"], &["gna"])
                    .mode("troops")
                    .on("2020-01-05", X),
                Ev::new("ASSAULT", &["haftar"], &["gna"])
                    .at("sirte")
                    .on("2020-01-06", X),
                Ev::new("THREATEN", &["lna"], &["turkey"]).on("2020-05-20", X),
                Ev::new("SUPPORT", &["un"], &["gna"])
                    .on("2020-05-20", P)
                    .status(Status::Denied, &["lna"]),
            ],
        ),
        doc(
            "b",
            None,
            "2020-05-21",
            vec![Ev::new("AID", &["turkey"], &["gna"])
                .mode("weapons")
                .on("2020-05-21", P)],
        ),
    ];
    assign_clusters(&mut docs, &side);
    let p = build(&docs, &side);
    let e = p
        .network
        .iter()
        .find(|e| e.source == "turkey" && e.target == "gna")
        .unwrap();
    assert_eq!(e.relation, Relation::Support);
    assert_eq!(
        e.weight, 2,
        "weapons (three reports) and troops: {:?}",
        e.clusters
    );
    assert_eq!(e.first, Some(PartialDate::day(2020, 1, 5)));
    let h = p
        .network
        .iter()
        .find(|e| e.source == "lna" && e.target == "gna")
        .unwrap();
    assert_eq!((h.relation, h.weight), (Relation::Hostility, 1));
    assert!(p
        .network
        .iter()
        .any(|e| e.source == "lna" && e.target == "turkey"));
    assert!(
        !p.network.iter().any(|e| e.source == "un"),
        "a denied act makes no edge"
    );
    assert_eq!(
        p.period,
        Some((PartialDate::day(2020, 1, 5), PartialDate::day(2020, 5, 20)))
    );
}

#[test]
fn sources_profile_outlets() {
    let mut docs = vec![
        doc(
            "a",
            Some("A"),
            "2020-01-08",
            vec![
                Ev::new("ASSAULT", &["lna"], &["gna"])
                    .at("sirte")
                    .on("2020-01-06", X)
                    .status(Status::Claimed, &["haftar"]),
                Ev::new("ASSAULT", &["lna"], &["gna"])
                    .at("misrata")
                    .on("2020-01-06", X)
                    .status(Status::Claimed, &["lna"]),
                Ev::new("CONSULT", &["gna"], &["algeria"])
                    .on("2020-01-07", X)
                    .conf(0.9),
            ],
        ),
        doc(
            "b",
            None,
            "2020-01-08",
            vec![Ev::new("ASSAULT", &["lna"], &["gna"])
                .at("sirte")
                .on("2020-01-06", X)],
        ),
    ];
    assign_clusters(&mut docs, &side);
    let p = build(&docs, &side);
    assert_eq!(p.sources.len(), 2);
    let a = p.sources.iter().find(|s| s.outlet == "A").unwrap();
    assert_eq!((a.documents, a.events), (1, 3));
    assert!((a.asserted_share - 1.0 / 3.0).abs() < 1e-9);
    assert_eq!(a.carries, [(id("lna"), 2)]);
    assert_eq!(a.exclusive, ["c2", "c3"]);
    let b = p.sources.iter().find(|s| s.outlet == "unknown: b").unwrap();
    assert!(b.exclusive.is_empty());
    assert_eq!(p.clusters[0].outlets, ["A", "unknown: b"]);
    assert_eq!(p.documents.len(), 2);
    let sirte = p.entities.iter().find(|e| e.id == "sirte").unwrap();
    assert_eq!(sirte.docs, 2);
}

#[test]
fn build_clusters_by_itself_when_ids_are_missing() {
    let docs = sirte_corpus();
    let p = build(&docs, &side);
    assert_eq!(p.clusters.len(), 3);
    assert_eq!(p.clusters[0].reports.len(), 3);
}

#[test]
fn many_reports_are_fast() {
    // 40 documents x 50 events of few actors and places: blocking keeps it quick.
    let actors = ["lna", "gna", "turkey", "russia", "uae", "egypt"];
    let kinds = ["ASSAULT", "AID", "THREATEN", "SUPPORT", "CONSULT"];
    let pls = ["sirte", "misrata", "al-watiya", "libya"];
    let mut docs: Vec<Document> = (0..40)
        .map(|d| {
            let evs = (0..50)
                .map(|k| {
                    let n = d * 50 + k;
                    let day = format!("2020-{:02}-{:02}", 1 + n % 5, 1 + n % 28);
                    Ev::new(kinds[n % 5], &[actors[n % 6]], &[actors[(n / 6) % 6]])
                        .at(pls[n % 4])
                        .on(&day, if n % 3 == 0 { P } else { X })
                })
                .collect();
            doc(
                &format!("d{d}"),
                Some(&format!("O{}", d % 7)),
                "2020-06-01",
                evs,
            )
        })
        .collect();
    let t = std::time::Instant::now();
    assign_clusters(&mut docs, &ident);
    let p = build(&docs, &ident);
    assert!(t.elapsed().as_secs_f64() < 5.0, "took {:?}", t.elapsed());
    assert!(p.clusters.len() > 10);
    assert!(docs
        .iter()
        .all(|d| d.events.iter().all(|e| e.cluster.is_some())));
}

fn actor(id: &str, kind: EntityType, country: &str) -> Entity {
    Entity {
        kind,
        feature: None,
        lat: None,
        lon: None,
        ..place(id, 0.0, 0.0, "site", country)
    }
}

/// A country's own forces ("Libyan troops") may be any party of that
/// country: they join a party's report of the same taking, and the party is
/// who the cluster and the control step name.
#[test]
fn a_countrys_own_forces_stand_for_any_party_of_it() {
    let side = |s: &str| -> String {
        match s {
            "libyan-troops" => "libya".into(),
            _ => s.into(),
        }
    };
    let mut docs = vec![
        doc(
            "a",
            Some("Outlet A"),
            "2020-05-23",
            vec![Ev::new("ASSAULT", &["gna"], &["lna"])
                .at("al-watiya")
                .on("2020-05-11", R)
                .prec(Precision::Week)
                .control("al-watiya", &["gna"], &["lna"])],
        ),
        doc(
            "b",
            Some("Outlet B"),
            "2020-05-22",
            vec![Ev::new("ASSAULT", &["libyan-troops"], &[])
                .at("al-watiya")
                .on("2020-05-18", R)
                .control("al-watiya", &["libyan-troops"], &[])],
        ),
        doc(
            "c",
            Some("Outlet C"),
            "2020-05-22",
            vec![Ev::new("ASSAULT", &["lna"], &[])
                .at("al-watiya")
                .on("2020-05-18", R)
                .control("al-watiya", &["lna"], &[])],
        ),
    ];
    for d in &mut docs {
        d.entities.push(actor("gna", EntityType::Government, "LBY"));
        d.entities.push(actor("lna", EntityType::ArmedGroup, "LBY"));
        d.entities.push(actor("libyan-troops", EntityType::ArmedGroup, "LBY"));
    }
    assign_clusters(&mut docs, &side);
    let c = clusters_of(&docs);
    assert_eq!(c[0][0], c[1][0], "Libyan troops and the GNA took the base the same week");
    assert_ne!(c[0][0], c[2][0], "the GNA and the LNA are rival parties, not one");
    let pic = build(&docs[..2], &side);
    let steps: Vec<_> = pic.control.iter().filter(|c| c.place == "al-watiya").flat_map(|c| &c.steps).collect();
    assert_eq!(steps.len(), 1, "{steps:?}");
    assert_eq!(steps[0].gained_by, ["gna"], "the party, not the country");
    assert_eq!(steps[0].date, Some(PartialDate::day(2020, 5, 18)));
}

/// "Late last year" and "more than a year ago" both read as the year, but
/// their ranges do not meet: two offensives, not one.
#[test]
fn date_ranges_keep_apart_acts_of_one_year() {
    let mut early = Ev::new("ASSAULT", &["lna"], &["gna"]).at("misrata").on("2019", R);
    early.0.date_range = Some(sitrep_model::DateRange::from_days(
        sitrep_model::day_number(2018, 5, 23),
        sitrep_model::day_number(2019, 5, 23),
    ));
    let mut late = Ev::new("ASSAULT", &["lna"], &["gna"]).at("misrata").on("2019", R);
    late.0.date_range = Some(sitrep_model::DateRange::from_days(
        sitrep_model::day_number(2019, 9, 1),
        sitrep_model::day_number(2019, 12, 31),
    ));
    let plain = Ev::new("ASSAULT", &["lna"], &["gna"]).at("misrata").on("2019-12", X);
    let mut docs = vec![
        doc("a", Some("A"), "2020-05-23", vec![early]),
        doc("b", Some("B"), "2020-01-10", vec![late]),
        doc("c", Some("C"), "2020-01-12", vec![plain]),
    ];
    assign_clusters(&mut docs, &side);
    let c = clusters_of(&docs);
    assert_ne!(c[0][0], c[1][0], "spring 2019 is not late 2019");
    assert_eq!(c[1][0], c[2][0], "late 2019 holds December 2019");
}

/// The partition of events into clusters, as sets of (doc, event) ids.
fn partition(docs: &[Document]) -> Vec<Vec<(String, String)>> {
    let mut by: std::collections::BTreeMap<String, Vec<(String, String)>> = Default::default();
    for d in docs {
        for e in &d.events {
            by.entry(e.cluster.clone().unwrap()).or_default().push((d.id.clone(), e.id.clone()));
        }
    }
    let mut v: Vec<_> = by.into_values().collect();
    v.sort();
    v
}

#[test]
fn new_reports_join_stored_clusters_as_the_batch_would() {
    let all = sirte_corpus();
    let mut batch = all.clone();
    assign_clusters(&mut batch, &side);
    // The first article clustered alone, the second added to it.
    let mut docs = all.clone();
    assign_clusters(&mut docs[..1], &side);
    let mut next = 1 + docs[0].events.len() as u64;
    let ext = crate::extend_clusters(&mut docs, &mut next, &side);
    assert_eq!(partition(&docs), partition(&batch));
    // Stored ids stay; the misrata attack is new.
    assert_eq!(clusters_of(&docs)[0], clusters_of(&batch)[0]);
    assert!(ext.merged.is_empty() && ext.created.len() == 1, "{ext:?}");
    // Block keys: a stored report's own keys meet a new report's lookup keys.
    let (a, b) = (&all[0], &all[1]);
    let own = crate::block_keys(a, &a.events[0], &side, false);
    let look = crate::block_keys(b, &b.events[0], &side, true);
    assert!(own.iter().any(|k| look.contains(k)), "{own:?} {look:?}");
}

#[test]
fn a_new_report_joins_the_stored_cluster_it_fits_and_far_clusters_stay_apart() {
    // Two reports that share nothing but place and a loose date...
    let mut docs = vec![
        doc("a", Some("Outlet A"), "2020-01-07", vec![Ev::new("ASSAULT", &["lna"], &[]).at("sirte").on("2020-01-06", X)]),
        doc("b", Some("Outlet B"), "2020-01-07", vec![Ev::new("ASSAULT", &[], &["gna"]).at("misrata").on("2020-01-06", X)]),
    ];
    docs[0].events[0].cluster = Some("c1".into());
    docs[1].events[0].cluster = Some("c2".into());
    // ...and a new one naming both sides at the first place: it fits the first.
    docs.push(doc("c", Some("Outlet C"), "2020-01-07", vec![Ev::new("ASSAULT", &["lna"], &["gna"]).at("sirte").on("2020-01-06", X)]));
    let mut next = 3;
    let ext = crate::extend_clusters(&mut docs, &mut next, &side);
    let c = docs[2].events[0].cluster.clone().unwrap();
    assert_eq!(c, "c1");
    // Sirte and Misrata are far apart: no join of the two stored clusters.
    assert_eq!(docs[1].events[0].cluster.as_deref(), Some("c2"));
    assert!(ext.merged.is_empty() && ext.created.is_empty());
}

#[test]
fn a_claim_and_the_denial_read_off_its_sentence_are_one_event_in_dispute() {
    let claim = || Ev::new("COERCE", &["rsf"], &[]).mode("seize").status(Status::Claimed, &["rsf"]);
    let mut docs = vec![doc(
        "a",
        Some("A"),
        "2023-04-16",
        vec![claim(), claim().status(Status::Denied, &["saf"]), claim()],
    )];
    // The first two are read off one sentence and trigger; the third is
    // another sentence of the article.
    for e in &mut docs[0].events {
        e.trigger = "seized".into();
    }
    docs[0].events[1].span = docs[0].events[0].span;
    assign_clusters(&mut docs, &ident);
    let c = clusters_of(&docs);
    assert_eq!(c[0][0], c[0][1], "claim and denial of one act");
    assert_ne!(c[0][0], c[0][2], "undated acts of two sentences stay apart");
    let p = build(&docs, &ident);
    assert!(
        p.contradictions.iter().any(|k| k.kind == ContradictionKind::Attribution),
        "{:?}",
        p.contradictions
    );
}
