//! Every format written from a small, hand-built situation and read back
//! with an independent parser (serde_json, the `csv` crate, roxmltree).
//!
//! The documents are synthetic: the sentences were written for this test
//! and do not report real events.

use std::collections::HashMap;

use serde_json::Value;
use sitrep_export::{to_string, Format};
use sitrep_model::{
    Control, Count, DateFrom, Document, Entity, EntityType, Event, EventPlace, LinkHow, Mention, PartialDate, Size, Span,
    Status,
};
use sitrep_picture::{Cluster, ControlStep, DocInfo, Edge, EntityInfo, Picture, PlaceControl, Relation, ReportRef};

// ---------------------------------------------------------------- fixtures

struct Ent {
    id: &'static str,
    name: &'static str,
    kind: EntityType,
    country: Option<&'static str>,
    code: Option<&'static str>,
    sector: Option<&'static str>,
    geo: Option<(f64, f64, &'static str)>,
}

const LNA: Ent = Ent { id: "lna", name: "Libyan National Army", kind: EntityType::ArmedGroup, country: Some("LBY"), code: Some("LBY"), sector: Some("MIL"), geo: None };
const GNA: Ent = Ent { id: "gna-armed-forces", name: "GNA forces", kind: EntityType::ArmedGroup, country: Some("LBY"), code: Some("LBY"), sector: Some("MIL"), geo: None };
const GHARYAN: Ent = Ent { id: "gharyan", name: "Gharyan", kind: EntityType::Place, country: Some("LBY"), code: None, sector: None, geo: Some((32.1722, 13.0203, "city")) };
const LIBYA: Ent = Ent { id: "libya", name: "Libya", kind: EntityType::Country, country: Some("LBY"), code: Some("LBY"), sector: Some("GOV"), geo: Some((26.3, 17.2, "country")) };
const CIVILIANS: Ent = Ent { id: "civilians", name: "civilians", kind: EntityType::Other, country: None, code: None, sector: Some("CVL"), geo: None };
const UAE: Ent = Ent { id: "united-arab-emirates", name: "United Arab Emirates", kind: EntityType::Country, country: Some("ARE"), code: Some("ARE"), sector: Some("GOV"), geo: Some((23.9, 54.3, "country")) };

fn entity(e: &Ent, text: &str, mention: &str) -> Entity {
    let start = text.find(mention).unwrap_or_else(|| panic!("{mention:?} not in text"));
    Entity {
        id: e.id.into(),
        name: e.name.into(),
        kind: e.kind,
        aliases: vec![],
        wikidata: if e.id == "united-arab-emirates" { Some("Q878".into()) } else { None },
        country: e.country.map(Into::into),
        code: e.code.map(Into::into),
        sector: e.sector.map(Into::into),
        lat: e.geo.map(|g| g.0),
        lon: e.geo.map(|g| g.1),
        feature: e.geo.map(|g| g.2.to_string()),
        known: true,
        mentions: vec![Mention { span: Span::new(start, start + mention.len()), text: mention.into(), how: LinkHow::Alias, score: 1.0 }],
    }
}

fn info(e: &Ent, docs: usize) -> EntityInfo {
    EntityInfo {
        id: e.id.into(),
        name: e.name.into(),
        kind: e.kind,
        country: e.country.map(Into::into),
        code: e.code.map(Into::into),
        sector: e.sector.map(Into::into),
        lat: e.geo.map(|g| g.0),
        lon: e.geo.map(|g| g.1),
        docs,
    }
}

fn sentence(text: &str, s: &str) -> Span {
    let start = text.find(s).unwrap_or_else(|| panic!("{s:?} not in text"));
    Span::new(start, start + s.len())
}

fn event(id: &str, kind: &str, mode: Option<&str>, span: Span, trigger: &str, text: &str) -> Event {
    let t = text[span.start..span.end].find(trigger).expect("trigger in sentence") + span.start;
    Event {
        id: id.into(),
        kind: kind.into(),
        mode: mode.map(Into::into),
        trigger: trigger.into(),
        trigger_span: Span::new(t, t + trigger.len()),
        span,
        confidence: 0.8,
        ..Default::default()
    }
}

fn gharyan_place() -> EventPlace {
    EventPlace { id: "gharyan".into(), name: "Gharyan".into(), lat: Some(32.1722), lon: Some(13.0203), country: Some("LBY".into()) }
}

const D1_S0: &str = "Forces of the Libyan National Army seized the town of Gharyan in western Libya on Tuesday after clashes with GNA forces.";
const D1_S1: &str = "A drone strike on a market in the town later killed 4 civilians and injured 11, a hospital official said.";
const D2_S0: &str = "The LNA said its troops had taken Gharyan, \"without resistance\", south of the capital.";
const D2_S1: &str = "The United Arab Emirates sent air-defence systems and armoured vehicles to the LNA last month, a UN panel reported.";
const D2_S2: &str = "Residents feared an attack\ton the road might follow.";

fn documents() -> Vec<Document> {
    let t1 = format!("{D1_S0} {D1_S1}");
    let (s10, s11) = (sentence(&t1, D1_S0), sentence(&t1, D1_S1));
    let mut d1 = Document {
        id: "d1".into(),
        title: Some("LNA takes Gharyan".into()),
        outlet: Some("Wire One".into()),
        url: Some("https://example.org/news/d1?id=1&lang=en".into()),
        published: Some(PartialDate::day(2020, 6, 5)),
        lang: Some("en".into()),
        text: t1.clone(),
        sentences: vec![s10, s11],
        ..Document::default()
    };
    d1.entities = vec![
        entity(&LNA, &t1, "Libyan National Army"),
        entity(&GHARYAN, &t1, "Gharyan"),
        entity(&LIBYA, &t1, "Libya"),
        entity(&GNA, &t1, "GNA forces"),
        entity(&CIVILIANS, &t1, "civilians"),
    ];
    let mut e1 = event("d1-e1", "ASSAULT", None, s10, "seized", &t1);
    e1.source = vec!["lna".into()];
    e1.target = vec!["gna-armed-forces".into()];
    e1.control = Some(Control { place: "gharyan".into(), gained_by: vec!["lna".into()], lost_by: vec!["gna-armed-forces".into()] });
    e1.location = Some(gharyan_place());
    e1.date = Some(PartialDate::day(2020, 6, 2));
    e1.date_from = Some(DateFrom::Relative);
    e1.cameo = Some("19".into());
    e1.cluster = Some("c1".into());
    let mut e2 = event("d1-e2", "ASSAULT", Some("drone"), s11, "drone strike", &t1);
    e2.target = vec!["civilians".into()];
    e2.location = Some(gharyan_place());
    e2.date = Some(PartialDate::day(2020, 6, 2));
    e2.date_from = Some(DateFrom::Relative);
    e2.size = Some(Size { dead: Some(Count::Exact(4)), injured: Some(Count::Exact(11)), ..Size::default() });
    e2.cameo = Some("19".into());
    e2.cluster = Some("c2".into());
    d1.events = vec![e1, e2];

    let t2 = format!("{D2_S0} {D2_S1} {D2_S2}");
    let (s20, s21, s22) = (sentence(&t2, D2_S0), sentence(&t2, D2_S1), sentence(&t2, D2_S2));
    let mut d2 = Document {
        id: "d2".into(),
        title: Some("Gharyan falls, \"LNA\" says".into()),
        outlet: Some("Daily Two".into()),
        url: Some("https://example.org/news/d2".into()),
        published: Some(PartialDate::day(2020, 6, 6)),
        lang: Some("en".into()),
        text: t2.clone(),
        sentences: vec![s20, s21, s22],
        ..Document::default()
    };
    d2.entities = vec![
        entity(&LNA, &t2, "LNA"),
        entity(&GHARYAN, &t2, "Gharyan"),
        entity(&UAE, &t2, "United Arab Emirates"),
    ];
    let mut f1 = event("d2-e1", "ASSAULT", None, s20, "taken", &t2);
    f1.source = vec!["lna".into()];
    f1.control = Some(Control { place: "gharyan".into(), gained_by: vec!["lna".into()], lost_by: vec![] });
    f1.location = Some(gharyan_place());
    f1.date = Some(PartialDate::month(2020, 6));
    f1.date_from = Some(DateFrom::Published);
    f1.status = Status::Claimed;
    f1.claimed_by = vec!["lna".into()];
    f1.cameo = Some("19".into());
    f1.cluster = Some("c1".into());
    let mut f2 = event("d2-e2", "AID", Some("weapons"), s21, "sent", &t2);
    f2.source = vec!["united-arab-emirates".into()];
    f2.target = vec!["lna".into()];
    f2.date = Some(PartialDate::month(2020, 5));
    f2.date_from = Some(DateFrom::Relative);
    f2.cameo = Some("07".into());
    f2.cluster = Some("c3".into());
    f2.confidence = 0.9;
    let mut f3 = event("d2-e3", "ASSAULT", None, s22, "attack", &t2);
    f3.status = Status::Hypothetical;
    f3.cameo = Some("19".into());
    d2.events = vec![f1, f2, f3];
    vec![d1, d2]
}

fn rr(doc: &str, event: &str) -> ReportRef {
    ReportRef { doc: doc.into(), event: event.into() }
}

fn picture() -> Picture {
    let day = PartialDate::day(2020, 6, 2);
    Picture {
        documents: vec![
            DocInfo { id: "d1".into(), title: None, outlet: Some("Wire One".into()), url: None, published: Some(PartialDate::day(2020, 6, 5)) },
            DocInfo { id: "d2".into(), title: None, outlet: Some("Daily Two".into()), url: None, published: Some(PartialDate::day(2020, 6, 6)) },
        ],
        entities: vec![info(&LNA, 2), info(&GHARYAN, 2), info(&LIBYA, 1), info(&GNA, 1), info(&CIVILIANS, 1), info(&UAE, 1)],
        clusters: vec![
            Cluster {
                id: "c1".into(),
                kind: "ASSAULT".into(),
                mode: None,
                source: vec!["lna".into()],
                target: vec!["gna-armed-forces".into()],
                location: Some("gharyan".into()),
                date: Some(day),
                status: Status::Asserted,
                reports: vec![rr("d1", "d1-e1"), rr("d2", "d2-e1")],
                outlets: vec!["Wire One".into(), "Daily Two".into()],
                confidence: 0.8,
            },
            Cluster {
                id: "c2".into(),
                kind: "ASSAULT".into(),
                mode: Some("drone".into()),
                source: vec![],
                target: vec!["civilians".into()],
                location: Some("gharyan".into()),
                date: Some(day),
                status: Status::Asserted,
                reports: vec![rr("d1", "d1-e2")],
                outlets: vec!["Wire One".into()],
                confidence: 0.8,
            },
            Cluster {
                id: "c3".into(),
                kind: "AID".into(),
                mode: Some("weapons".into()),
                source: vec!["united-arab-emirates".into()],
                target: vec!["lna".into()],
                location: None,
                date: Some(PartialDate::month(2020, 5)),
                status: Status::Asserted,
                reports: vec![rr("d2", "d2-e2")],
                outlets: vec!["Daily Two".into()],
                confidence: 0.9,
            },
        ],
        contradictions: vec![],
        network: vec![
            Edge {
                source: "united-arab-emirates".into(),
                target: "lna".into(),
                relation: Relation::Support,
                weight: 1,
                types: vec![("AID".into(), 1)],
                first: Some(PartialDate::month(2020, 5)),
                last: Some(PartialDate::month(2020, 5)),
                clusters: vec!["c3".into()],
            },
            Edge {
                source: "lna".into(),
                target: "gna-armed-forces".into(),
                relation: Relation::Hostility,
                weight: 2,
                types: vec![("ASSAULT".into(), 1), ("THREATEN".into(), 1)],
                first: Some(PartialDate::day(2020, 5, 20)),
                last: Some(day),
                clusters: vec!["c0".into(), "c1".into()],
            },
        ],
        control: vec![PlaceControl {
            place: "gharyan".into(),
            name: "Gharyan".into(),
            lat: Some(32.1722),
            lon: Some(13.0203),
            steps: vec![ControlStep {
                date: Some(day),
                gained_by: vec!["lna".into()],
                lost_by: vec!["gna-armed-forces".into()],
                status: Status::Asserted,
                cluster: "c1".into(),
                reports: vec![rr("d1", "d1-e1"), rr("d2", "d2-e1")],
                outlets: vec!["Wire One".into(), "Daily Two".into()],
            }],
        }],
        sources: vec![],
        period: Some((PartialDate::month(2020, 5), day)),
    }
}

fn export(format: Format) -> String {
    to_string(format, &documents(), &picture())
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-6
}

// ---------------------------------------------------------------- PLOVER

#[test]
fn plover_records_read_back_with_serde_json() {
    let out = export(Format::Plover);
    let recs: Vec<Value> = out.lines().map(|l| serde_json::from_str(l).expect("each line is JSON")).collect();
    assert_eq!(recs.len(), 5, "one record per event report");
    let by_id: HashMap<&str, &Value> = recs.iter().map(|r| (r["id"].as_str().unwrap(), r)).collect();

    let cap = by_id["d1-e1"];
    assert_eq!(cap["date"], "2020-06-02");
    assert_eq!(cap["event"], "ASSAULT");
    assert_eq!(cap["mode"], Value::Null);
    assert_eq!(cap["actor"][0]["code"], "LBY");
    assert_eq!(cap["actor"][0]["sector"], "MIL");
    assert_eq!(cap["actor"][0]["identifier_text"], "Libyan National Army");
    assert_eq!(cap["actor"][0]["actor_text"], "Libyan National Army");
    assert_eq!(cap["source"], cap["actor"]);
    assert_eq!(cap["recipient"][0]["identifier_text"], "GNA forces");
    assert_eq!(cap["recipient"][0]["code"], "LBY");
    assert_eq!(cap["event_loc"]["name"], "Gharyan");
    assert!(close(cap["event_loc"]["latitude"].as_f64().unwrap(), 32.1722));
    assert!(close(cap["event_loc"]["longitude"].as_f64().unwrap(), 13.0203));
    assert_eq!(cap["event_loc"]["cc3"], "LBY");
    assert!(cap["event_loc"].get("geonameid").is_some());
    assert_eq!(cap["event_text"][0], D1_S0);
    assert_eq!(cap["cite_info"]["url"], "https://example.org/news/d1?id=1&lang=en");
    assert_eq!(cap["cite_info"]["publication"], "Wire One");
    assert_eq!(cap["cite_info"]["language"], "en");
    assert_eq!(cap["link"], "c1");
    assert_eq!(cap["cameo"], "192");
    assert_eq!(cap["quad_code"], 4);
    assert!(close(cap["event_scale"].as_f64().unwrap(), -9.3));
    let ctx: Vec<&str> = cap["context"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
    assert!(ctx.contains(&"military") && ctx.contains(&"resource"), "{ctx:?}");
    assert_eq!(cap["control"]["gained_by"][0], "lna");
    assert_eq!(cap["control"]["place_name"], "Gharyan");
    assert_eq!(cap["status"], "asserted");

    let strike = by_id["d1-e2"];
    assert_eq!(strike["mode"], "drone");
    assert_eq!(strike["dead"], 4);
    assert_eq!(strike["injured"], 11);
    assert_eq!(strike["recipient"][0]["sector"], "CVL");
    assert_eq!(strike["actor"].as_array().unwrap().len(), 0);
    assert_eq!(strike["cameo"], "195");
    // text_info offsets are Unicode scalar offsets of the evidence sentence
    let doc1: String = format!("{D1_S0} {D1_S1}");
    let (s, e) = (strike["text_info"]["start"].as_u64().unwrap() as usize, strike["text_info"]["end"].as_u64().unwrap() as usize);
    assert_eq!(doc1.chars().skip(s).take(e - s).collect::<String>(), D1_S1);
    assert_eq!(strike["text_info"]["sequence"], 1);

    let aid = by_id["d2-e2"];
    assert_eq!(aid["event"], "AID");
    assert_eq!(aid["mode"], "weapons");
    assert_eq!(aid["actor"][0]["code"], "ARE");
    assert_eq!(aid["actor"][0]["sector"], "GOV");
    assert_eq!(aid["actor"][0]["identifier_id"], "Q878");
    assert_eq!(aid["recipient"][0]["identifier_text"], "Libyan National Army");
    assert_eq!(aid["date"], "2020-05");
    assert_eq!(aid["date_precision"], "month");
    assert_eq!(aid["cameo"], "072");
    assert_eq!(aid["quad_code"], 2);
    assert_eq!(aid["event_loc"], Value::Null);

    let claim = by_id["d2-e1"];
    assert_eq!(claim["status"], "claimed");
    assert_eq!(claim["claimed_by"][0]["identifier_text"], "Libyan National Army");
    assert_eq!(claim["event_text"][0], D2_S0);

    let hyp = by_id["d2-e3"];
    assert_eq!(hyp["status"], "hypothetical");
    assert_eq!(hyp["link"], Value::Null);
    assert!(hyp["context"].as_array().unwrap().iter().any(|c| c == "hypothetical"));
    // the tab inside the sentence is whitespace-collapsed in event_text
    assert_eq!(hyp["event_text"][0], "Residents feared an attack on the road might follow.");
}

// ---------------------------------------------------------------- GDELT

fn tsv(out: &str) -> (Vec<String>, Vec<csv::StringRecord>) {
    let mut rdr = csv::ReaderBuilder::new().delimiter(b'\t').quoting(false).has_headers(true).from_reader(out.as_bytes());
    let header = rdr.headers().unwrap().iter().map(str::to_string).collect();
    let rows = rdr.records().map(|r| r.expect("row parses")).collect();
    (header, rows)
}

#[test]
fn gdelt_tsv_reads_back_with_61_columns_and_cameo_codes() {
    let out = export(Format::Gdelt);
    let (header, rows) = tsv(&out);
    assert_eq!(header.len(), 61);
    assert_eq!(header[0], "GlobalEventID");
    assert_eq!(header[26], "EventCode");
    assert_eq!(header[30], "GoldsteinScale");
    assert_eq!(header[60], "SOURCEURL");
    // c1, c2, c3; the hypothetical report is left out
    assert_eq!(rows.len(), 3, "{out}");
    for r in &rows {
        assert_eq!(r.len(), 61);
    }
    let col = |name: &str| header.iter().position(|h| h == name).unwrap_or_else(|| panic!("no column {name}"));
    let get = |r: &csv::StringRecord, name: &str| r.get(col(name)).unwrap().to_string();
    let find = |code: &str| rows.iter().find(|r| get(r, "EventCode") == code).unwrap_or_else(|| panic!("no row with {code}"));

    let cap = find("192");
    assert_eq!(get(cap, "Day"), "20200602");
    assert_eq!(get(cap, "MonthYear"), "202006");
    assert_eq!(get(cap, "Year"), "2020");
    assert_eq!(get(cap, "Actor1Code"), "LBYMIL");
    assert_eq!(get(cap, "Actor1Name"), "Libyan National Army");
    assert_eq!(get(cap, "Actor1CountryCode"), "LBY");
    assert_eq!(get(cap, "Actor1Type1Code"), "MIL");
    assert_eq!(get(cap, "Actor2Name"), "GNA forces");
    assert_eq!(get(cap, "EventBaseCode"), "192");
    assert_eq!(get(cap, "EventRootCode"), "19");
    assert_eq!(get(cap, "QuadClass"), "4");
    assert_eq!(get(cap, "GoldsteinScale").parse::<f64>().unwrap(), -9.5);
    assert_eq!(get(cap, "NumMentions"), "2");
    assert_eq!(get(cap, "NumSources"), "2");
    assert_eq!(get(cap, "NumArticles"), "2");
    assert_eq!(get(cap, "IsRootEvent"), "1");
    assert_eq!(get(cap, "ActionGeo_Type"), "4");
    assert_eq!(get(cap, "ActionGeo_FullName"), "Gharyan, Libya");
    assert_eq!(get(cap, "ActionGeo_CountryCode"), "LBY");
    assert!(close(get(cap, "ActionGeo_Lat").parse().unwrap(), 32.1722));
    assert!(close(get(cap, "ActionGeo_Long").parse().unwrap(), 13.0203));
    assert_eq!(get(cap, "ActionGeo_FeatureID"), "gharyan");
    assert_eq!(get(cap, "DATEADDED"), "20200605000000");
    assert_eq!(get(cap, "SOURCEURL"), "https://example.org/news/d1?id=1&lang=en");

    let strike = find("195");
    assert_eq!(get(strike, "EventRootCode"), "19");
    assert_eq!(get(strike, "GoldsteinScale").parse::<f64>().unwrap(), -10.0);
    assert_eq!(get(strike, "Actor1Code"), "");
    assert_eq!(get(strike, "Actor2Code"), "CVL");
    assert_eq!(get(strike, "Actor2Name"), "civilians");
    assert_eq!(get(strike, "NumMentions"), "1");

    let aid = find("072");
    assert_eq!(get(aid, "EventBaseCode"), "072");
    assert_eq!(get(aid, "EventRootCode"), "07");
    assert_eq!(get(aid, "QuadClass"), "2");
    assert_eq!(get(aid, "GoldsteinScale").parse::<f64>().unwrap(), 8.3);
    assert_eq!(get(aid, "Actor1Code"), "AREGOV");
    assert_eq!(get(aid, "Actor1Name"), "United Arab Emirates");
    assert_eq!(get(aid, "Actor1CountryCode"), "ARE");
    assert_eq!(get(aid, "Actor2Code"), "LBYMIL");
    assert_eq!(get(aid, "Day"), "20200501");
    assert_eq!(get(aid, "ActionGeo_Type"), "0");
    assert_eq!(get(aid, "SOURCEURL"), "https://example.org/news/d2");

    let ids: Vec<u64> = rows.iter().map(|r| get(r, "GlobalEventID").parse().unwrap()).collect();
    let mut uniq = ids.clone();
    uniq.dedup();
    assert_eq!(ids, uniq, "GlobalEventID is a unique integer");
}

// ---------------------------------------------------------------- ACLED

fn csv_rows(out: &str) -> (Vec<String>, Vec<HashMap<String, String>>) {
    let mut rdr = csv::ReaderBuilder::new().has_headers(true).from_reader(out.as_bytes());
    let header: Vec<String> = rdr.headers().unwrap().iter().map(str::to_string).collect();
    let rows = rdr
        .records()
        .map(|r| {
            let r = r.expect("row parses");
            assert_eq!(r.len(), header.len(), "every row has every column");
            header.iter().cloned().zip(r.iter().map(str::to_string)).collect()
        })
        .collect();
    (header, rows)
}

#[test]
fn acled_csv_reads_back_with_mapped_event_types() {
    let out = export(Format::Acled);
    let (header, rows) = csv_rows(&out);
    for c in [
        "event_date", "event_type", "sub_event_type", "actor1", "assoc_actor_1", "actor2", "country", "admin1",
        "location", "latitude", "longitude", "geo_precision", "time_precision", "source", "notes", "fatalities",
    ] {
        assert!(header.iter().any(|h| h == c), "missing ACLED column {c}");
    }
    assert_eq!(rows.len(), 3, "{out}");
    let by = |id: &str| rows.iter().find(|r| r["sitrep_event"] == id).unwrap_or_else(|| panic!("no row for {id}"));

    let cap = by("c1");
    assert_eq!(cap["event_type"], "Battles");
    assert_eq!(cap["sub_event_type"], "Government regains territory");
    assert_eq!(cap["disorder_type"], "Political violence");
    assert_eq!(cap["event_date"], "2020-06-02");
    assert_eq!(cap["time_precision"], "1");
    assert_eq!(cap["actor1"], "Libyan National Army");
    assert_eq!(cap["actor2"], "GNA forces");
    assert_eq!(cap["inter1"], "1");
    assert_eq!(cap["interaction"], "11");
    assert_eq!(cap["country"], "Libya");
    assert_eq!(cap["location"], "Gharyan");
    assert!(close(cap["latitude"].parse().unwrap(), 32.1722));
    assert!(close(cap["longitude"].parse().unwrap(), 13.0203));
    assert_eq!(cap["geo_precision"], "1");
    assert_eq!(cap["source"], "Wire One; Daily Two");
    assert_eq!(cap["notes"], D1_S0);
    assert_eq!(cap["fatalities"], "0");
    assert!(cap["event_id_cnty"].starts_with("LBY"));

    let strike = by("c2");
    assert_eq!(strike["event_type"], "Explosions/Remote violence");
    assert_eq!(strike["sub_event_type"], "Air/drone strike");
    assert_eq!(strike["actor1"], "");
    assert_eq!(strike["actor2"], "civilians");
    assert_eq!(strike["inter2"], "7");
    assert_eq!(strike["civilian_targeting"], "Civilian targeting");
    assert_eq!(strike["fatalities"], "4");
    assert_eq!(strike["notes"], D1_S1, "a comma inside the notes survives quoting");

    let aid = by("c3");
    assert_eq!(aid["event_type"], "Strategic developments");
    assert_eq!(aid["sub_event_type"], "Change to group/activity");
    assert_eq!(aid["actor1"], "United Arab Emirates");
    assert_eq!(aid["inter1"], "8", "a foreign state is an external force");
    assert_eq!(aid["actor2"], "Libyan National Army");
    assert_eq!(aid["interaction"], "18");
    assert_eq!(aid["country"], "Libya", "the country of the recipient when no place is given");
    assert_eq!(aid["event_date"], "2020-05-15");
    assert_eq!(aid["time_precision"], "3");
    assert_eq!(aid["latitude"], "");
}

// ---------------------------------------------------------------- GeoJSON

#[test]
fn geojson_reads_back_with_events_and_places() {
    let out = export(Format::Geojson);
    let v: Value = serde_json::from_str(&out).expect("GeoJSON is JSON");
    assert_eq!(v["type"], "FeatureCollection");
    let feats = v["features"].as_array().unwrap();
    let layer = |l: &str| feats.iter().filter(|f| f["properties"]["layer"] == l).collect::<Vec<_>>();
    let events = layer("event");
    let places = layer("place");
    // c1 and c2 are located; the UAE delivery and the hypothetical attack are not
    assert_eq!(events.len(), 2);
    assert_eq!(places.len(), 1);
    for f in feats {
        assert_eq!(f["type"], "Feature");
        assert_eq!(f["geometry"]["type"], "Point");
        let c = f["geometry"]["coordinates"].as_array().unwrap();
        assert!(close(c[0].as_f64().unwrap(), 13.0203), "longitude first");
        assert!(close(c[1].as_f64().unwrap(), 32.1722));
    }
    let cap = events.iter().find(|f| f["properties"]["id"] == "c1").unwrap();
    let p = &cap["properties"];
    assert_eq!(p["type"], "ASSAULT");
    assert_eq!(p["cameo"], "192");
    assert_eq!(p["source"], "Libyan National Army");
    assert_eq!(p["target"], "GNA forces");
    assert_eq!(p["gained_by"], "Libyan National Army");
    assert_eq!(p["reports"], 2);
    assert_eq!(p["outlets"], 2);
    assert_eq!(p["acled_sub_event_type"], "Government regains territory");
    let strike = events.iter().find(|f| f["properties"]["id"] == "c2").unwrap();
    assert_eq!(strike["properties"]["dead"], 4);
    assert_eq!(strike["properties"]["injured"], 11);
    assert_eq!(strike["properties"]["mode"], "drone");
    let g = &places[0]["properties"];
    assert_eq!(g["name"], "Gharyan");
    assert_eq!(g["feature"], "city");
    assert_eq!(g["holder"], "Libyan National Army");
    assert_eq!(g["held_since"], "2020-06-02");
    assert_eq!(g["events"], 2);
    assert_eq!(g["docs"], 2);
}

// ---------------------------------------------------------------- GraphML

struct Graph {
    nodes: HashMap<String, HashMap<String, String>>,
    edges: Vec<(String, String, HashMap<String, String>)>,
}

fn read_graphml(out: &str) -> Graph {
    let doc = roxmltree::Document::parse(out).expect("GraphML is well-formed XML");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "graphml");
    assert_eq!(root.tag_name().namespace(), Some("http://graphml.graphdrawing.org/xmlns"));
    // key id -> attribute name
    let keys: HashMap<&str, &str> = root
        .children()
        .filter(|n| n.has_tag_name("key"))
        .map(|k| (k.attribute("id").unwrap(), k.attribute("attr.name").unwrap()))
        .collect();
    let graph = root.children().find(|n| n.has_tag_name("graph")).expect("a graph");
    assert_eq!(graph.attribute("edgedefault"), Some("directed"));
    let attrs = |n: roxmltree::Node| -> HashMap<String, String> {
        n.children()
            .filter(|c| c.has_tag_name("data"))
            .map(|d| (keys[d.attribute("key").unwrap()].to_string(), d.text().unwrap_or("").to_string()))
            .collect()
    };
    let nodes = graph.children().filter(|n| n.has_tag_name("node")).map(|n| (n.attribute("id").unwrap().to_string(), attrs(n))).collect();
    let edges = graph
        .children()
        .filter(|n| n.has_tag_name("edge"))
        .map(|e| (e.attribute("source").unwrap().to_string(), e.attribute("target").unwrap().to_string(), attrs(e)))
        .collect();
    Graph { nodes, edges }
}

#[test]
fn graphml_reads_back_with_the_network_and_weights() {
    let g = read_graphml(&export(Format::Graphml));
    assert_eq!(g.nodes.len(), 3);
    assert_eq!(g.nodes["lna"]["label"], "Libyan National Army");
    assert_eq!(g.nodes["lna"]["sector"], "MIL");
    assert_eq!(g.nodes["lna"]["docs"], "2");
    assert_eq!(g.nodes["united-arab-emirates"]["type"], "country");
    assert_eq!(g.nodes["united-arab-emirates"]["code"], "ARE");
    assert_eq!(g.edges.len(), 2);
    let (_, _, aid) = g.edges.iter().find(|(s, t, _)| s == "united-arab-emirates" && t == "lna").expect("UAE -> LNA");
    assert_eq!(aid["relation"], "support");
    assert_eq!(aid["weight"].parse::<f64>().unwrap(), 1.0);
    assert_eq!(aid["types"], "AID:1");
    let (_, _, hostile) = g.edges.iter().find(|(s, t, _)| s == "lna" && t == "gna-armed-forces").expect("LNA -> GNA");
    assert_eq!(hostile["relation"], "hostility");
    assert_eq!(hostile["label"], "hostility");
    assert_eq!(hostile["weight"].parse::<f64>().unwrap(), 2.0);
    assert_eq!(hostile["types"], "ASSAULT:1; THREATEN:1");
    assert_eq!(hostile["first"], "2020-05-20");
    assert_eq!(hostile["last"], "2020-06-02");
}

#[test]
fn graphml_derives_the_network_when_the_picture_has_none() {
    let g = read_graphml(&to_string(Format::Graphml, &documents(), &Picture::default()));
    // LNA -> GNA (assault, asserted) and UAE -> LNA (aid); the hypothetical
    // attack and the one-sided claim have no second actor
    assert_eq!(g.edges.len(), 2, "{:?}", g.edges);
    assert!(g.edges.iter().any(|(s, t, a)| s == "lna" && t == "gna-armed-forces" && a["relation"] == "hostility" && a["weight"] == "1"));
    assert!(g.edges.iter().any(|(s, t, a)| s == "united-arab-emirates" && t == "lna" && a["relation"] == "support"));
    assert_eq!(g.nodes["gna-armed-forces"]["label"], "GNA forces");
}

// ---------------------------------------------------------------- flat CSV

#[test]
fn flat_csv_reads_back_one_row_per_report() {
    let out = export(Format::Csv);
    let (header, rows) = csv_rows(&out);
    assert_eq!(header.len(), 42);
    assert_eq!(&header[..6], ["doc", "event", "cluster", "date", "date_from", "type"]);
    assert_eq!(rows.len(), 5);
    let by = |id: &str| rows.iter().find(|r| r["event"] == id).unwrap();

    let strike = by("d1-e2");
    assert_eq!(strike["cluster"], "c2");
    assert_eq!(strike["type"], "ASSAULT");
    assert_eq!(strike["mode"], "drone");
    assert_eq!(strike["cameo"], "195");
    assert_eq!(strike["cameo_root"], "19");
    assert_eq!(strike["dead"], "4");
    assert_eq!(strike["dead_max"], "4");
    assert_eq!(strike["injured"], "11");
    assert_eq!(strike["target_codes"], "CVL");
    assert!(close(strike["lat"].parse().unwrap(), 32.1722));
    assert_eq!(strike["evidence"], D1_S1);

    let claim = by("d2-e1");
    assert_eq!(claim["status"], "claimed");
    assert_eq!(claim["claimed_by"], "lna");
    assert_eq!(claim["cluster"], "c1");
    assert_eq!(claim["gained_by"], "lna");
    assert_eq!(claim["date"], "2020-06");
    assert_eq!(claim["date_from"], "published");
    assert_eq!(claim["evidence"], D2_S0, "quotes and commas survive");
    assert_eq!(claim["title"], "Gharyan falls, \"LNA\" says");

    let aid = by("d2-e2");
    assert_eq!(aid["source"], "United Arab Emirates");
    assert_eq!(aid["source_codes"], "AREGOV");
    assert_eq!(aid["target_ids"], "lna");
    assert_eq!(aid["cameo"], "072");
    assert_eq!(aid["goldstein"], "8.3");
    assert_eq!(aid["quad_class"], "2");
    assert_eq!(aid["location"], "");

    assert_eq!(by("d2-e3")["status"], "hypothetical");
}

// ---------------------------------------------------------------- robustness

#[test]
fn every_format_works_without_a_picture_and_without_documents() {
    let docs = documents();
    for f in Format::ALL {
        let with_docs = to_string(f, &docs, &Picture::default());
        assert!(!with_docs.is_empty(), "{f}");
        let empty = to_string(f, &[], &Picture::default());
        match f {
            Format::Plover => assert!(empty.is_empty()),
            Format::Gdelt | Format::Acled | Format::Csv => assert_eq!(empty.lines().count(), 1, "{f}: header only"),
            Format::Geojson => {
                let v: Value = serde_json::from_str(&empty).unwrap();
                assert_eq!(v["features"].as_array().unwrap().len(), 0);
            }
            Format::Graphml => assert_eq!(read_graphml(&empty).nodes.len(), 0),
        }
    }
    // unclustered, every report is an event of its own: the two reports of the
    // capture are two ACLED rows, the hypothetical one is still left out
    let (_, rows) = csv_rows(&to_string(Format::Acled, &docs, &Picture::default()));
    assert_eq!(rows.len(), 4);
    let claim = rows.iter().find(|r| r["sitrep_event"] == "d2:d2-e1").unwrap();
    assert_eq!(claim["status"], "claimed");
    assert!(claim["notes"].ends_with("[claimed by Libyan National Army]"));
    assert_eq!(claim["time_precision"], "3");
}
