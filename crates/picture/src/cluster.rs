//! Grouping reports into real-world events.
//!
//! Candidate pairs come from blocks (type family and one shared side, or
//! family and one shared place), so the work grows with the blocks, not
//! with the square of all reports. Pairs are merged strongest first; a
//! merge happens only when no two members of the joined group conflict
//! (complete linkage on conflicts), so a chain of weak links cannot join
//! reports that disagree, and the result does not hinge on input order.

use crate::reports::{affinity, conflict, Place, Rep};
use std::collections::{BTreeMap, HashSet};

/// Largest block compared all against all; bigger blocks compare each
/// report with its `WINDOW` neighbours in date order.
const FULL_BLOCK: usize = 300;
const WINDOW: usize = 60;
/// Largest group a merge may produce (a guard on the conflict checks).
const MAX_GROUP: usize = 2000;
/// Grid cell for places: 0.1 degree, about 11 km, at least `NEAR_KM`.
const CELL_DEG: f64 = 0.1;

struct Groups {
    parent: Vec<usize>,
    members: Vec<Vec<usize>>,
}

impl Groups {
    fn new(n: usize) -> Self {
        Groups {
            parent: (0..n).collect(),
            members: (0..n).map(|i| vec![i]).collect(),
        }
    }
    fn find(&mut self, mut x: usize) -> usize {
        while self.parent[x] != x {
            self.parent[x] = self.parent[self.parent[x]];
            x = self.parent[x];
        }
        x
    }
    fn union(&mut self, a: usize, b: usize) {
        let (keep, gone) = if a < b { (a, b) } else { (b, a) };
        self.parent[gone] = keep;
        let moved = std::mem::take(&mut self.members[gone]);
        self.members[keep].extend(moved);
    }
}

/// The blocks a report is compared within: (family, what, key) for each
/// of its families and each of its sides (0), specific places (1) and grid
/// cells (2). With `around`, the cells are its own and its neighbours' (so
/// two reports within `NEAR_KM` share one); without, its own cell only.
pub(crate) fn blocks(r: &Rep, around: bool) -> Vec<(&'static str, u8, String)> {
    // Places near each other share one of their grid cells' neighbourhoods.
    let cells: Vec<String> = match &r.place {
        Some(Place {
            lat: Some(lat),
            lon: Some(lon),
            coarse: false,
            ..
        }) => {
            let (y, x) = (
                (lat / CELL_DEG).floor() as i64,
                (lon / CELL_DEG).floor() as i64,
            );
            if !around {
                return blocks_with(r, vec![format!("{y}:{x}")]);
            }
            // A degree of longitude shrinks with latitude: look wider.
            let k = (1.0 / lat.to_radians().cos().max(0.05)).ceil() as i64;
            (-1..=1)
                .flat_map(|dy| (-k..=k).map(move |dx| format!("{}:{}", y + dy, x + dx)))
                .collect()
        }
        _ => Vec::new(),
    };
    blocks_with(r, cells)
}

fn blocks_with(r: &Rep, cells: Vec<String>) -> Vec<(&'static str, u8, String)> {
    let mut out = Vec::new();
    for fam in r.families() {
        for s in r.src.iter().chain(&r.tgt) {
            out.push((fam, 0, s.clone()));
        }
        for p in r.place_ids() {
            out.push((fam, 1, p.to_string()));
        }
        for c in &cells {
            out.push((fam, 2, c.clone()));
        }
    }
    out
}

fn candidate_pairs(reps: &[Rep]) -> Vec<(usize, usize)> {
    let mut blocks: BTreeMap<(&'static str, u8, String), Vec<usize>> = BTreeMap::new();
    for (i, r) in reps.iter().enumerate() {
        for key in self::blocks(r, true) {
            blocks.entry(key).or_default().push(i);
        }
    }
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    let mut push = |a: usize, b: usize| {
        let key = (a.min(b), a.max(b));
        if a != b && seen.insert(key) {
            out.push(key);
        }
    };
    for (_, mut v) in blocks {
        v.dedup();
        if v.len() <= FULL_BLOCK {
            for (k, &a) in v.iter().enumerate() {
                for &b in &v[k + 1..] {
                    push(a, b);
                }
            }
        } else {
            v.sort_by_key(|&i| (reps[i].iv.map_or(i64::MIN, |x| x.0), i));
            for (k, &a) in v.iter().enumerate() {
                for &b in v.iter().skip(k + 1).take(WINDOW) {
                    push(a, b);
                }
            }
        }
    }
    out
}

/// A group index per report, numbered 0.. in order of first report.
pub(crate) fn cluster(reps: &[Rep]) -> Vec<usize> {
    let g = merge(reps, Groups::new(reps.len()), |_, _| true);
    number(g, reps.len())
}

/// Adds reports to groups already formed: `formed[i]` is the group label
/// report `i` already has (None for a new report). Only pairs with a new
/// report are weighed, so formed groups change only by taking new reports
/// or by being joined through one (complete linkage still holds: a join
/// checks every two members). Returns a group index per report, numbered
/// in order of first report.
pub(crate) fn extend(reps: &[Rep], formed: &[Option<usize>]) -> Vec<usize> {
    let mut g = Groups::new(reps.len());
    let mut first: std::collections::HashMap<usize, usize> = std::collections::HashMap::new();
    for (i, f) in formed.iter().enumerate() {
        if let Some(label) = f {
            match first.get(label) {
                Some(&r) => {
                    let root = g.find(r);
                    g.union(root, i)
                }
                None => {
                    first.insert(*label, i);
                }
            }
        }
    }
    let g = merge(reps, g, |a, b| formed[a].is_none() || formed[b].is_none());
    number(g, reps.len())
}

/// Merges candidate pairs (those `weigh` accepts) strongest first, each
/// only when no two members of the joined group conflict.
fn merge(reps: &[Rep], mut g: Groups, weigh: impl Fn(usize, usize) -> bool) -> Groups {
    let mut scored: Vec<(f32, usize, usize)> = candidate_pairs(reps)
        .into_iter()
        .filter(|&(a, b)| weigh(a, b))
        .filter_map(|(a, b)| affinity(&reps[a], &reps[b]).map(|s| (s, a, b)))
        .collect();
    scored.sort_by(|x, y| y.0.total_cmp(&x.0).then((x.1, x.2).cmp(&(y.1, y.2))));
    // Groups only grow, so a root and its size name one state of a group:
    // a failed check need not be repeated until one of the two changes.
    let mut failed: HashSet<(usize, usize, usize, usize)> = HashSet::new();
    for (_, a, b) in scored {
        let (ra, rb) = (g.find(a), g.find(b));
        let (na, nb) = (g.members[ra].len(), g.members[rb].len());
        if ra == rb || na + nb > MAX_GROUP {
            continue;
        }
        let key = if ra < rb {
            (ra, rb, na, nb)
        } else {
            (rb, ra, nb, na)
        };
        if failed.contains(&key) {
            continue;
        }
        let ok = g.members[ra]
            .iter()
            .all(|&x| g.members[rb].iter().all(|&y| !conflict(&reps[x], &reps[y])));
        if ok {
            g.union(ra, rb);
        } else {
            failed.insert(key);
        }
    }
    g
}

/// Numbers groups by their first report (reports are in document order).
fn number(mut g: Groups, n: usize) -> Vec<usize> {
    let mut number = vec![usize::MAX; n];
    let mut next = 0;
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let r = g.find(i);
        if number[r] == usize::MAX {
            number[r] = next;
            next += 1;
        }
        out.push(number[r]);
    }
    out
}
