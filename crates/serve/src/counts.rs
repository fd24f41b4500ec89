//! Totals of event queries, kept for a few seconds.
//!
//! Counting every match of a common filter (tens of thousands of rows)
//! costs far more than reading its first page, and a paging client asks
//! the same total again and again. Totals are kept per filter for
//! [`TTL`]; this server's own writes clear them at once, and a write by
//! another process (`sitrep ingest` on the same store) shows in totals
//! within [`TTL`]. Pages themselves are always read fresh.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

pub const TTL: Duration = Duration::from_secs(5);
/// Filters remembered at most (all are forgotten when full).
const CAPACITY: usize = 4096;

#[derive(Default)]
pub struct Counts(Mutex<HashMap<String, (u64, Instant)>>);

impl Counts {
    pub fn get(&self, key: &str) -> Option<u64> {
        let map = self.0.lock().ok()?;
        map.get(key).filter(|(_, at)| at.elapsed() < TTL).map(|(n, _)| *n)
    }

    pub fn put(&self, key: String, total: u64) {
        if let Ok(mut map) = self.0.lock() {
            if map.len() >= CAPACITY {
                map.clear();
            }
            map.insert(key, (total, Instant::now()));
        }
    }

    pub fn clear(&self) {
        if let Ok(mut map) = self.0.lock() {
            map.clear();
        }
    }
}
