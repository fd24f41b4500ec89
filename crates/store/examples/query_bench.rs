//! Query speed of a store: `cargo run --release -p sitrep-store --example
//! query_bench -- STORE [THREADS] [SECONDS]`. Times the first page (50) of
//! the common event queries one by one, then a mix of them from THREADS
//! threads sharing one `Store`. Filters are drawn from what the store holds.

use sitrep_store::{EventFilter, PageReq, Store};
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// The most frequent of `items`.
fn most_common<T: std::hash::Hash + Eq + Clone>(items: impl Iterator<Item = T>) -> Option<T> {
    let mut n: HashMap<T, usize> = HashMap::new();
    for i in items {
        *n.entry(i).or_default() += 1;
    }
    n.into_iter().max_by_key(|(_, c)| *c).map(|(t, _)| t)
}

/// Named filters: no filter, a type, a common actor, a week, a box around a
/// common place, a common word, and an actor + type + month.
fn named_filters(store: &Store) -> Result<Vec<(&'static str, EventFilter)>, Box<dyn std::error::Error>> {
    let mut sample = Vec::new();
    for offset in [0, 1000, 2000] {
        sample.extend(store.events(&EventFilter::default(), PageReq { offset, limit: 1000 })?.items);
    }
    let actor = most_common(sample.iter().flat_map(|h| h.event.source.iter().chain(&h.event.target).cloned())).ok_or("no actor")?;
    let located = || sample.iter().filter_map(|h| h.event.location.as_ref().filter(|l| l.lat.is_some()));
    let common = most_common(located().map(|l| l.id.clone())).ok_or("no located event")?;
    let place = located().find(|l| l.id == common).ok_or("no located event")?;
    let (lat, lon) = (place.lat.unwrap_or(0.0), place.lon.unwrap_or(0.0));
    let mut dates: Vec<_> = sample.iter().filter_map(|h| h.event.date).collect();
    dates.sort_by_key(|d| d.day_span());
    let mid = dates.get(dates.len() / 2).copied().ok_or("no dated event")?;
    let day = |n: i64| {
        let (y, m, d) = sitrep_model::civil_from_days(mid.day_span().0 + n);
        sitrep_model::PartialDate::day(y, m as u8, d as u8)
    };
    let word = most_common(sample.iter().flat_map(|h| {
        h.evidence.split(|c: char| !c.is_alphanumeric()).filter(|w| w.len() >= 6).map(str::to_lowercase).collect::<Vec<_>>()
    }))
    .ok_or("no word")?;
    Ok(vec![
        ("no filter", EventFilter::default()),
        ("type=ASSAULT", EventFilter { kind: Some("ASSAULT".into()), ..Default::default() }),
        ("actor (common)", EventFilter { actor: Some(actor.clone()), ..Default::default() }),
        ("date range (7 days)", EventFilter { from: Some(day(0)), to: Some(day(6)), ..Default::default() }),
        ("bbox (1x1 deg)", EventFilter { bbox: Some([lon - 0.5, lat - 0.5, lon + 0.5, lat + 0.5]), ..Default::default() }),
        ("text (common word)", EventFilter { text: Some(word), ..Default::default() }),
        (
            "actor+type+30 days",
            EventFilter { actor: Some(actor), kind: Some("ASSAULT".into()), from: Some(day(0)), to: Some(day(29)), ..Default::default() },
        ),
    ])
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let target = args.get(1).ok_or("usage: query_bench STORE [THREADS] [SECONDS]")?;
    let threads: usize = args.get(2).map_or(Ok(2), |s| s.parse())?;
    let secs: u64 = args.get(3).map_or(Ok(5), |s| s.parse())?;
    let store = Store::open(target)?;
    let filters = named_filters(&store)?;
    for (name, f) in &filters {
        let n = store.events(f, PageReq::default())?.items.len();
        let t = Instant::now();
        let runs = 100;
        for _ in 0..runs {
            store.events(f, PageReq::default())?;
        }
        println!("{:>8.3} ms  {name:<20} ({n} hits)  {}", t.elapsed().as_secs_f64() * 1000.0 / runs as f64, serde_json::to_string(f)?);
    }
    let done = AtomicU64::new(0);
    let t0 = Instant::now();
    std::thread::scope(|s| {
        for t in 0..threads {
            let (store, filters, done) = (&store, &filters, &done);
            s.spawn(move || {
                let mut i = t;
                while t0.elapsed() < Duration::from_secs(secs) {
                    store.events(&filters[i % filters.len()].1, PageReq::default()).expect("query");
                    done.fetch_add(1, Ordering::Relaxed);
                    i += threads;
                }
            });
        }
    });
    let n = done.load(Ordering::Relaxed);
    let stats = store.stats()?;
    println!(
        "{} events, {} filters, {threads} threads: {n} queries in {:.1} s = {:.0} req/s",
        stats.events,
        filters.len(),
        t0.elapsed().as_secs_f64(),
        n as f64 / t0.elapsed().as_secs_f64()
    );
    Ok(())
}
