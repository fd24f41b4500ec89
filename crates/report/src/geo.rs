//! Country outlines compiled into the binary: Natural Earth 1:110m (public
//! domain) via npm world-atlas, converted by `data/scripts/build_outlines.py`.

use serde::Deserialize;
use std::sync::OnceLock;

const OUTLINES: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/outlines/countries-110m.json"));

/// Attribution shown under the map.
pub const ATTRIBUTION: &str = "Country outlines: Natural Earth 1:110m (public domain), via world-atlas";

#[derive(Debug, Deserialize)]
pub struct Country {
    #[allow(dead_code)]
    pub id: String,
    pub name: String,
    /// [west, south, east, north]
    pub bbox: [f64; 4],
    /// Polygons; each an outer ring then holes; each ring flat lon,lat pairs.
    pub polygons: Vec<Vec<Vec<f64>>>,
}

#[derive(Deserialize)]
struct File {
    countries: Vec<Country>,
}

pub fn countries() -> &'static [Country] {
    static C: OnceLock<Vec<Country>> = OnceLock::new();
    C.get_or_init(|| serde_json::from_str::<File>(OUTLINES).map(|f| f.countries).unwrap_or_default())
}

/// Bounding box of one ring: [west, south, east, north].
pub fn ring_bbox(r: &[f64]) -> [f64; 4] {
    let mut b = [f64::INFINITY, f64::INFINITY, f64::NEG_INFINITY, f64::NEG_INFINITY];
    for p in r.chunks_exact(2) {
        b[0] = b[0].min(p[0]);
        b[1] = b[1].min(p[1]);
        b[2] = b[2].max(p[0]);
        b[3] = b[3].max(p[1]);
    }
    b
}

fn in_ring(r: &[f64], x: f64, y: f64) -> bool {
    let n = r.len() / 2;
    let mut inside = false;
    let mut j = n.wrapping_sub(1);
    for i in 0..n {
        let (xi, yi) = (r[2 * i], r[2 * i + 1]);
        let (xj, yj) = (r[2 * j], r[2 * j + 1]);
        if (yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi {
            inside = !inside;
        }
        j = i;
    }
    inside
}

impl Country {
    /// Whether a point (lon, lat) lies in the country (even-odd over holes).
    pub fn contains(&self, lon: f64, lat: f64) -> bool {
        let b = self.bbox;
        if lon < b[0] || lon > b[2] || lat < b[1] || lat > b[3] {
            return false;
        }
        self.polygons.iter().any(|p| {
            p.first().is_some_and(|outer| in_ring(outer, lon, lat)) && !p[1..].iter().any(|h| in_ring(h, lon, lat))
        })
    }
}

impl Country {
    /// Distance in degrees (longitude scaled by cos latitude) from a point
    /// to the country's outline; 0 inside.
    pub fn distance(&self, lon: f64, lat: f64) -> f64 {
        if self.contains(lon, lat) {
            return 0.0;
        }
        let k = lat.to_radians().cos().max(0.1);
        let mut best = f64::INFINITY;
        for ring in self.polygons.iter().flatten() {
            let n = ring.len() / 2;
            for i in 0..n {
                let j = (i + 1) % n;
                let (ax, ay) = ((ring[2 * i] - lon) * k, ring[2 * i + 1] - lat);
                let (bx, by) = ((ring[2 * j] - lon) * k, ring[2 * j + 1] - lat);
                let (dx, dy) = (bx - ax, by - ay);
                let l2 = dx * dx + dy * dy;
                let t = if l2 > 0.0 { (-(ax * dx + ay * dy) / l2).clamp(0.0, 1.0) } else { 0.0 };
                let (px, py) = (ax + t * dx, ay + t * dy);
                best = best.min((px * px + py * py).sqrt());
            }
        }
        best
    }
}

/// The country a point lies in; at 1:110m coastal towns often fall just
/// outside their country's outline, so the nearest country within
/// `slack` degrees counts too.
pub fn locate(lon: f64, lat: f64, slack: f64) -> Option<usize> {
    let cs = countries();
    if let Some(i) = cs.iter().position(|c| c.contains(lon, lat)) {
        return Some(i);
    }
    let mut best: Option<(usize, f64)> = None;
    for (i, c) in cs.iter().enumerate() {
        let b = c.bbox;
        if lon < b[0] - slack * 3.0 || lon > b[2] + slack * 3.0 || lat < b[1] - slack || lat > b[3] + slack {
            continue;
        }
        let d = c.distance(lon, lat);
        if d <= slack && best.is_none_or(|(_, bd)| d < bd) {
            best = Some((i, d));
        }
    }
    best.map(|b| b.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outlines_load_and_locate() {
        let c = countries();
        assert!(c.len() > 150, "{} countries", c.len());
        let libya = c.iter().find(|c| c.name == "Libya").expect("Libya");
        assert!(libya.contains(13.63, 32.44)); // Tarhuna
        assert!(!libya.contains(10.18, 36.80)); // Tunis
        let name = |lon, lat| locate(lon, lat, 0.75).map(|i| c[i].name.as_str());
        assert_eq!(name(13.19, 32.89), Some("Libya")); // Tripoli, on the coast
        assert_eq!(name(16.59, 31.21), Some("Libya")); // Sirte
        assert_eq!(name(10.18, 36.80), Some("Tunisia"));
        assert_eq!(name(-30.0, 40.0), None); // mid-Atlantic
    }
}
