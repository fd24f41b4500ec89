//! The gazetteer: GeoNames places with coordinates, looked up by any of
//! their names (folded, see `sitrep_text::normalize`).
//!
//! Names are indexed as 64-bit hashes in one sorted vector rather than a
//! map of strings: a million alternate names cost 12 MB and sort in
//! milliseconds, and rows stay as borrowed slices of the embedded file.

use sitrep_text::normalize::fold;

/// One gazetteer row.
#[derive(Debug, Clone)]
pub struct Place {
    pub geonameid: u64,
    pub name: String,
    pub lat: f64,
    pub lon: f64,
    /// `city`, `town`, `region` or `country`.
    pub feature: String,
    /// ISO alpha-3.
    pub country: String,
    pub admin1: String,
    pub population: u64,
    /// The KB entity this place comes from, when it is one.
    pub kb_id: Option<String>,
}

#[derive(Default)]
pub struct Gazetteer {
    pub places: Vec<Place>,
    index: Vec<(u64, u32)>,
}

/// FNV-1a: small, fast, stable across runs and platforms.
pub(crate) fn hash(s: &str) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for b in s.bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    h
}

impl Gazetteer {
    /// Parses TSV rows (`geonameid name asciiname lat lon feature country
    /// admin1 population alternatenames`), skipping the header. A malformed
    /// row is an error naming the source and line.
    pub fn add_tsv(&mut self, source: &str, tsv: &str) -> Result<(), String> {
        for (n, line) in tsv.lines().enumerate() {
            if n == 0 && line.starts_with("geonameid") || line.trim().is_empty() {
                continue;
            }
            let f: Vec<&str> = line.split('\t').collect();
            if f.len() < 9 {
                return Err(format!("{source}:{}: expected 10 tab-separated fields, got {}", n + 1, f.len()));
            }
            let num = |s: &str| s.trim().parse::<f64>().map_err(|_| format!("{source}:{}: bad number {s:?}", n + 1));
            let place = Place {
                geonameid: f[0].trim().parse().unwrap_or(0),
                name: f[1].to_string(),
                lat: num(f[3])?,
                lon: num(f[4])?,
                feature: f[5].to_string(),
                country: f[6].to_string(),
                admin1: f[7].to_string(),
                population: f[8].trim().parse().unwrap_or(0),
                kb_id: None,
            };
            let idx = self.places.len() as u32;
            let mut names: Vec<String> = vec![fold(f[1]), fold(f[2])];
            if let Some(alts) = f.get(9) {
                names.extend(alts.split('|').filter(|a| !a.is_empty()).map(fold));
            }
            names.sort();
            names.dedup();
            for name in names.iter().filter(|n| n.len() >= 3) {
                self.index.push((hash(name), idx));
            }
            self.places.push(place);
        }
        Ok(())
    }

    /// Adds a place known from elsewhere (a KB record) under `names`.
    pub fn add_place(&mut self, place: Place, names: &[String]) {
        let idx = self.places.len() as u32;
        for n in names {
            self.index.push((hash(&fold(n)), idx));
        }
        self.places.push(place);
    }

    /// Sorts the index; call once after adding.
    pub fn finish(&mut self) {
        self.index.sort_unstable();
        self.index.dedup();
    }

    /// Indices of the places called `folded` (an already folded name),
    /// most prominent first.
    pub fn lookup_ix(&self, folded: &str) -> Vec<u32> {
        let h = hash(folded);
        let from = self.index.partition_point(|&(k, _)| k < h);
        let mut out: Vec<u32> = self.index[from..].iter().take_while(|&&(k, _)| k == h).map(|&(_, i)| i).collect();
        out.sort_by(|a, b| rank(&self.places[*b as usize]).cmp(&rank(&self.places[*a as usize])));
        out
    }

    /// Places called `folded`, most prominent first.
    pub fn lookup(&self, folded: &str) -> Vec<&Place> {
        self.lookup_ix(folded).into_iter().map(|i| &self.places[i as usize]).collect()
    }

    pub fn len(&self) -> usize {
        self.places.len()
    }

    pub fn is_empty(&self) -> bool {
        self.places.is_empty()
    }
}

/// Prominence for choosing between places of one name: countries first,
/// then cities and towns by population; a first-level region last, since
/// a region named after its capital ("Idlib") is usually the city.
fn rank(p: &Place) -> (u8, u64) {
    // A place a KB pack describes is the one the pack's conflict means.
    let tier = match (p.feature.as_str(), p.kb_id.is_some()) {
        ("country", _) => 3,
        (_, true) => 2,
        ("region", false) => 0,
        _ => 1,
    };
    (tier, p.population)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn looks_up_any_name_folded_most_populous_first() {
        let mut g = Gazetteer::default();
        g.add_tsv(
            "t",
            "geonameid\tname\tasciiname\tlat\tlon\tfeature\tcountry\tadmin1\tpopulation\talternatenames\n\
             1\tMiṣrātah\tMisratah\t32.37\t15.09\tcity\tLBY\tMisrata\t386120\tMisurata|Misrata\n\
             2\tTripoli\tTripoli\t32.88\t13.19\tcity\tLBY\tTripoli\t1150989\tTarabulus\n\
             3\tTripoli\tTripoli\t34.43\t35.84\tcity\tLBN\tNorth\t229398\tTrablous\n",
        )
        .unwrap();
        g.finish();
        assert_eq!(g.lookup("misurata")[0].geonameid, 1);
        assert_eq!(g.lookup("misratah")[0].geonameid, 1);
        let t = g.lookup("tripoli");
        assert_eq!(t.len(), 2);
        assert_eq!(t[0].country, "LBY");
        assert!(g.lookup("benghazi").is_empty());
    }

    #[test]
    fn malformed_rows_name_the_line() {
        let mut g = Gazetteer::default();
        let e = g.add_tsv("p.tsv", "geonameid\tname\n1\tX\tX\tnotanumber\t1\tcity\tLBY\tA\t0\t\n").unwrap_err();
        assert!(e.starts_with("p.tsv:2:"), "{e}");
    }
}
