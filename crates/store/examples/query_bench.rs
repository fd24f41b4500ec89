//! Query speed of a store: `cargo run --release -p sitrep-store --example
//! query_bench -- STORE [THREADS] [SECONDS]`. Runs a mix of filtered event
//! queries (first page of 50) from THREADS threads sharing one `Store`.

use sitrep_store::{EventFilter, PageReq, Store};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let target = args.get(1).ok_or("usage: query_bench STORE [THREADS] [SECONDS]")?;
    let threads: usize = args.get(2).map_or(Ok(2), |s| s.parse())?;
    let secs: u64 = args.get(3).map_or(Ok(5), |s| s.parse())?;
    let store = Store::open(target)?;
    // Filters drawn from what the store holds.
    let sample = store.events(&EventFilter::default(), PageReq { offset: 0, limit: 200 })?.items;
    let mut filters = vec![EventFilter::default()];
    for h in sample.iter().step_by(20) {
        let e = &h.event;
        filters.push(EventFilter { kind: Some(e.kind.clone()), ..Default::default() });
        filters.push(EventFilter { outlet: Some(h.outlet.clone()), status: Some(e.status), ..Default::default() });
        if let Some(a) = e.source.first() {
            filters.push(EventFilter { actor: Some(a.clone()), kind: Some(e.kind.clone()), ..Default::default() });
        }
        if let Some(p) = &e.location {
            filters.push(EventFilter { place: Some(p.id.clone()), ..Default::default() });
            if let (Some(lat), Some(lon)) = (p.lat, p.lon) {
                filters.push(EventFilter { bbox: Some([lon - 1.0, lat - 1.0, lon + 1.0, lat + 1.0]), from: e.date, ..Default::default() });
            }
        }
        if let Some(w) = h.evidence.split_whitespace().nth(3) {
            filters.push(EventFilter { text: Some(w.to_string()), ..Default::default() });
        }
    }
    if std::env::var_os("QUERY_BENCH_EACH").is_some() {
        for f in &filters {
            let t = Instant::now();
            for _ in 0..20 {
                store.events(f, PageReq::default())?;
            }
            println!("{:>8.2} ms  {}", t.elapsed().as_secs_f64() * 50.0, serde_json::to_string(f)?);
        }
    }
    let done = AtomicU64::new(0);
    let t0 = Instant::now();
    std::thread::scope(|s| {
        for t in 0..threads {
            let (store, filters, done) = (&store, &filters, &done);
            s.spawn(move || {
                let mut i = t;
                while t0.elapsed() < Duration::from_secs(secs) {
                    store.events(&filters[i % filters.len()], PageReq::default()).expect("query");
                    done.fetch_add(1, Ordering::Relaxed);
                    i += threads;
                }
            });
        }
    });
    let n = done.load(Ordering::Relaxed);
    let stats = store.stats()?;
    println!("{} events, {} filters, {threads} threads: {n} queries in {:.1} s = {:.0} req/s", stats.events, filters.len(), t0.elapsed().as_secs_f64(), n as f64 / t0.elapsed().as_secs_f64());
    Ok(())
}
