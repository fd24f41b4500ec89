//! Writes a large synthetic store for load tests of `sitrep serve`:
//! `cargo run --release -p sitrep-serve --example synth_store -- DB [EVENTS]`
//! (default 120,000 event reports).
//!
//! The documents go straight through the store's API (no extraction), so a
//! store of 100k+ events takes a minute, not an hour. They look like coded
//! news: a few dozen actors, places with coordinates over three conflicts,
//! PLOVER types in the proportions news gives them, dates over 2019-2021,
//! a dozen outlets, and evidence sentences made from templates. Nothing in
//! them is taken from any article.

use sitrep_model::{
    Control, DateFrom, Document, Entity, EntityType, Event, EventPlace, LinkHow, Mention, PartialDate, Span, Status,
};
use sitrep_store::{DocKey, Keyed, Store};

/// (id, name, type)
const ACTORS: &[(&str, &str, EntityType)] = &[
    ("lna", "Libyan National Army", EntityType::ArmedGroup),
    ("gna", "Government of National Accord", EntityType::Government),
    ("turkey", "Turkey", EntityType::Country),
    ("russia", "Russia", EntityType::Country),
    ("egypt", "Egypt", EntityType::Country),
    ("united-arab-emirates", "United Arab Emirates", EntityType::Country),
    ("wagner-group", "Wagner Group", EntityType::ArmedGroup),
    ("united-nations", "United Nations", EntityType::InternationalOrg),
    ("syrian-arab-army", "Syrian Arab Army", EntityType::ArmedGroup),
    ("hts", "Hayat Tahrir al-Sham", EntityType::ArmedGroup),
    ("sdf", "Syrian Democratic Forces", EntityType::ArmedGroup),
    ("iran", "Iran", EntityType::Country),
    ("united-states", "United States", EntityType::Country),
    ("saf", "Sudanese Armed Forces", EntityType::ArmedGroup),
    ("rsf", "Rapid Support Forces", EntityType::ArmedGroup),
    ("houthis", "Houthis", EntityType::ArmedGroup),
    ("saudi-arabia", "Saudi Arabia", EntityType::Country),
    ("civilians", "civilians", EntityType::Other),
];

/// (id, name, lat, lon, country)
const PLACES: &[(&str, &str, f64, f64, &str)] = &[
    ("tripoli", "Tripoli", 32.89, 13.19, "LBY"),
    ("sirte", "Sirte", 31.21, 16.59, "LBY"),
    ("misrata", "Misrata", 32.38, 15.09, "LBY"),
    ("tarhuna", "Tarhuna", 32.44, 13.63, "LBY"),
    ("benghazi", "Benghazi", 32.12, 20.07, "LBY"),
    ("al-jufra", "Al-Jufra", 29.20, 16.00, "LBY"),
    ("al-watiya", "Al-Watiya Air Base", 32.47, 11.90, "LBY"),
    ("gharyan", "Gharyan", 32.17, 13.02, "LBY"),
    ("idlib", "Idlib", 35.93, 36.63, "SYR"),
    ("aleppo", "Aleppo", 36.20, 37.16, "SYR"),
    ("raqqa", "Raqqa", 35.95, 39.01, "SYR"),
    ("deir-ez-zor", "Deir ez-Zor", 35.34, 40.14, "SYR"),
    ("saraqib", "Saraqib", 35.86, 36.80, "SYR"),
    ("khartoum", "Khartoum", 15.50, 32.56, "SDN"),
    ("el-fasher", "El Fasher", 13.63, 25.35, "SDN"),
    ("omdurman", "Omdurman", 15.64, 32.48, "SDN"),
    ("sanaa", "Sanaa", 15.37, 44.19, "YEM"),
    ("marib", "Marib", 15.46, 45.32, "YEM"),
    ("hodeidah", "Hodeidah", 14.80, 42.95, "YEM"),
    ("aden", "Aden", 12.79, 45.04, "YEM"),
];

const OUTLETS: &[&str] = &[
    "Example Wire", "Example Gazette", "Example Monitor", "Example Times", "Example Herald", "Example Post",
    "Example Daily", "Example Observer", "Example Tribune", "Example Courier", "Example Dispatch", "Example Journal",
];

/// (type, mode, verb phrase, weight)
const TYPES: &[(&str, Option<&str>, &str, u32)] = &[
    ("ASSAULT", Some("heavy-weapons"), "shelled positions of", 30),
    ("ASSAULT", Some("aerial"), "carried out air strikes on", 18),
    ("ASSAULT", None, "attacked", 14),
    ("COERCE", Some("seize"), "detained members of", 5),
    ("THREATEN", None, "threatened", 5),
    ("MOBILIZE", Some("troops"), "massed troops against", 4),
    ("ACCUSE", None, "accused", 6),
    ("REJECT", None, "rejected a proposal from", 3),
    ("REQUEST", None, "called on", 3),
    ("RETREAT", None, "withdrew in the face of", 2),
    ("CONSULT", None, "held talks with", 5),
    ("AGREE", None, "agreed a ceasefire with", 2),
    ("SUPPORT", None, "backed", 3),
    ("AID", Some("weapons"), "sent weapons to", 4),
];

const STATUSES: &[(Status, &str, u32)] =
    &[(Status::Asserted, "", 70), (Status::Claimed, ", officials said", 20), (Status::Denied, ", a claim its spokesman denied", 5), (Status::Intended, " according to plans seen by reporters", 5)];

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        // xorshift64*: deterministic, so every run writes the same store.
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn weighted<'a, T>(&mut self, items: &'a [T], weight: impl Fn(&T) -> u32) -> &'a T {
        let total: u32 = items.iter().map(&weight).sum();
        let mut r = (self.next() % u64::from(total)) as u32;
        for it in items {
            let w = weight(it);
            if r < w {
                return it;
            }
            r -= w;
        }
        &items[items.len() - 1]
    }
}

fn entity(id: &str, name: &str, kind: EntityType, at: usize) -> Entity {
    Entity {
        id: id.into(),
        name: name.into(),
        kind,
        aliases: vec![],
        wikidata: None,
        country: None,
        code: None,
        sector: None,
        lat: None,
        lon: None,
        feature: None,
        known: true,
        mentions: vec![Mention { span: Span::new(at, at + name.len()), text: name.into(), how: LinkHow::Alias, score: 1.0 }],
    }
}

/// One synthetic article with `n` events.
fn article(rng: &mut Rng, seq: usize, n: usize) -> Document {
    let day0 = sitrep_model::day_number(2019, 4, 1);
    let published = day0 + rng.below(1000) as i64;
    let (y, m, d) = sitrep_model::civil_from_days(published);
    let outlet = OUTLETS[rng.below(OUTLETS.len())];
    let mut doc = Document {
        id: format!("synth-{seq}"),
        title: Some(format!("Dispatch {seq}")),
        outlet: Some(outlet.into()),
        url: Some(format!("https://example.org/synth/{seq}")),
        published: Some(PartialDate::day(y, m as u8, d as u8)),
        lang: Some("en".into()),
        ..Default::default()
    };
    // Articles stay with one theatre, as news does.
    let theatre = rng.below(4);
    let places: Vec<_> = PLACES.iter().filter(|p| ["LBY", "SYR", "SDN", "YEM"][theatre] == p.4).collect();
    for i in 0..n {
        let src = &ACTORS[rng.below(ACTORS.len() - 1)];
        let mut tgt = &ACTORS[rng.below(ACTORS.len())];
        if tgt.0 == src.0 {
            tgt = &ACTORS[ACTORS.len() - 1];
        }
        let place = places[rng.below(places.len())];
        let (kind, mode, verb, _) = rng.weighted(TYPES, |t| t.3);
        let (status, tail, _) = rng.weighted(STATUSES, |s| s.2);
        let back = rng.below(7) as i64;
        let date = published - back;
        let (dy, dm, dd) = sitrep_model::civil_from_days(date);
        let sentence = format!("{} forces {verb} the {} near {} on day {back} of the week{tail} (report {seq}.{i}).", src.1, tgt.1, place.1);
        let start = doc.text.len();
        doc.text.push_str(&sentence);
        let end = doc.text.len();
        doc.text.push('\n');
        for (id, name, k) in [(src.0, src.1, src.2), (tgt.0, tgt.1, tgt.2)] {
            if !doc.entities.iter().any(|e| e.id == id) {
                doc.entities.push(entity(id, name, k, start));
            }
        }
        if !doc.entities.iter().any(|e| e.id == place.0) {
            let mut p = entity(place.0, place.1, EntityType::Place, start);
            (p.lat, p.lon, p.country) = (Some(place.2), Some(place.3), Some(place.4.into()));
            doc.entities.push(p);
        }
        let captures = *kind == "ASSAULT" && rng.below(40) == 0;
        doc.events.push(Event {
            id: format!("{}-e{}", doc.id, i + 1),
            kind: (*kind).into(),
            mode: mode.map(Into::into),
            source: vec![src.0.into()],
            target: vec![tgt.0.into()],
            control: captures.then(|| Control { place: place.0.into(), gained_by: vec![src.0.into()], lost_by: vec![tgt.0.into()] }),
            location: Some(EventPlace { id: place.0.into(), name: place.1.into(), lat: Some(place.2), lon: Some(place.3), country: Some(place.4.into()) }),
            date: Some(PartialDate::day(dy, dm as u8, dd as u8)),
            date_from: Some(DateFrom::Relative),
            status: *status,
            claimed_by: if *status == Status::Claimed { vec![src.0.into()] } else { vec![] },
            trigger: verb.split(' ').next().unwrap_or("").into(),
            trigger_span: Span::new(start, start),
            span: Span::new(start, end),
            confidence: 0.8,
            ..Default::default()
        });
    }
    doc
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let target = args.get(1).ok_or("usage: synth_store DB [EVENTS]")?;
    let events: usize = args.get(2).map_or(Ok(120_000), |s| s.parse())?;
    let store = Store::open(target)?;
    let mut rng = Rng(0x5eed_1234_abcd_0001);
    let (mut written, mut seq) = (0usize, 0usize);
    let t = std::time::Instant::now();
    while written < events {
        let batch: Vec<Keyed> = (0..500)
            .map(|_| {
                seq += 1;
                let n = 2 + rng.below(6);
                let doc = article(&mut rng, seq, n);
                Keyed { key: DocKey::of(&doc), doc }
            })
            .collect();
        let added = store.add_documents(&batch)?;
        written += added.events as usize;
        eprint!("\r{written} events");
    }
    eprintln!("\rstored {written} events in {seq} documents ({:.0} s); building the picture…", t.elapsed().as_secs_f64());
    // Sides as the KB would give them; here each actor is its own side.
    let r = store.refresh(&|id: &str| id.to_string(), true)?;
    eprintln!("{} clusters ({:.0} s in all)", r.clusters, t.elapsed().as_secs_f64());
    Ok(())
}
