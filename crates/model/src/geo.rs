//! Distances and directions on the globe, for places given in degrees.

const EARTH_RADIUS_KM: f64 = 6371.0088;

/// Great-circle distance in kilometres.
pub fn haversine_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = p2 - p1;
    let dl = (lon2 - lon1).to_radians();
    let h = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * EARTH_RADIUS_KM * h.sqrt().asin()
}

/// Compass bearing (degrees from north, 0..360) of the second point seen from the first.
pub fn initial_bearing(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dl = (lon2 - lon1).to_radians();
    let y = dl.sin() * p2.cos();
    let x = p1.cos() * p2.sin() - p1.sin() * p2.cos() * dl.cos();
    (y.atan2(x).to_degrees() + 360.0) % 360.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances_and_bearings_between_known_cities() {
        // Tripoli to Benghazi: about 645 km, roughly east-south-east.
        let km = haversine_km(32.8874, 13.1873, 32.1167, 20.0667);
        assert!((640.0..660.0).contains(&km), "{km}");
        let b = initial_bearing(32.8874, 13.1873, 32.1167, 20.0667);
        assert!((95.0..105.0).contains(&b), "{b}");
        assert!((initial_bearing(0.0, 0.0, 1.0, 0.0) - 0.0).abs() < 1e-9);
        assert!((initial_bearing(0.0, 0.0, 0.0, -1.0) - 270.0).abs() < 1e-9);
    }
}
