//! The map: an equirectangular view zoomed to the events' places, with
//! country outlines, event markers coloured by PLOVER type and control
//! places marked by their last holder. Pure SVG, computed here.

use std::collections::BTreeMap;
use std::fmt::Write;

use sitrep_picture::Cluster;

use crate::ctx::{fmt_date, last_holder, Ctx};
use crate::esc::{html, truncate};
use crate::geo::{self, ring_bbox};
use crate::style::{f1, type_colour, type_rank, HOLDERS, HOLDER_OTHER};
use crate::svg::{Labeler, Rect};

pub const W: f64 = 800.0;
pub const H: f64 = 420.0;

pub struct MapFigure {
    pub svg: String,
    pub legend: String,
}

struct View {
    cx: f64,
    cy: f64,
    k: f64,
    scale: f64,
    west: f64,
    east: f64,
    south: f64,
    north: f64,
}

impl View {
    fn fit(points: &[(f64, f64)]) -> View {
        let (mut w, mut s, mut e, mut n) = if points.is_empty() {
            (-170.0, -58.0, 180.0, 80.0)
        } else {
            let mut b = (f64::INFINITY, f64::INFINITY, f64::NEG_INFINITY, f64::NEG_INFINITY);
            for &(lon, lat) in points {
                b = (b.0.min(lon), b.1.min(lat), b.2.max(lon), b.3.max(lat));
            }
            let ml = ((b.2 - b.0) * 0.12).max(1.0);
            let mt = ((b.3 - b.1) * 0.12).max(0.8);
            (b.0 - ml, b.1 - mt, b.2 + ml, b.3 + mt)
        };
        // A minimum extent keeps one town from filling the frame.
        let min_lon = 6.0;
        let min_lat = 3.5;
        if e - w < min_lon {
            let c = (e + w) / 2.0;
            w = c - min_lon / 2.0;
            e = c + min_lon / 2.0;
        }
        if n - s < min_lat {
            let c = (n + s) / 2.0;
            s = c - min_lat / 2.0;
            n = c + min_lat / 2.0;
        }
        let cy = ((s + n) / 2.0).clamp(-80.0, 80.0);
        let cx = (w + e) / 2.0;
        let k = cy.to_radians().cos().max(0.2);
        let scale = (W / ((e - w) * k)).min(H / (n - s));
        let half_lon = W / 2.0 / (k * scale);
        let half_lat = H / 2.0 / scale;
        View { cx, cy, k, scale, west: cx - half_lon, east: cx + half_lon, south: cy - half_lat, north: cy + half_lat }
    }

    fn xy(&self, lon: f64, lat: f64) -> (f64, f64) {
        (W / 2.0 + (lon - self.cx) * self.k * self.scale, H / 2.0 - (lat - self.cy) * self.scale)
    }

    fn sees(&self, b: [f64; 4]) -> bool {
        let sx = (self.east - self.west) * 0.05;
        let sy = (self.north - self.south) * 0.05;
        b[0] <= self.east + sx && b[2] >= self.west - sx && b[1] <= self.north + sy && b[3] >= self.south - sy
    }
}

/// Which weighted points (lon, lat, weight) the view should show: all of
/// them, unless a few far-off places would shrink the rest to a corner.
/// Keeps the places within 1.5 times the radius (around the weighted
/// median) that holds 90% of the weight.
pub fn focus(pts: &[(f64, f64, f64)]) -> Vec<bool> {
    if pts.len() < 5 {
        return vec![true; pts.len()];
    }
    let wmedian = |f: &dyn Fn(&(f64, f64, f64)) -> f64| {
        let mut v: Vec<(f64, f64)> = pts.iter().map(|p| (f(p), p.2.max(0.1))).collect();
        v.sort_by(|a, b| a.0.total_cmp(&b.0));
        let half = v.iter().map(|x| x.1).sum::<f64>() / 2.0;
        let mut acc = 0.0;
        for (x, w) in &v {
            acc += w;
            if acc >= half {
                return *x;
            }
        }
        v.last().map_or(0.0, |x| x.0)
    };
    let (mlon, mlat) = (wmedian(&|p| p.0), wmedian(&|p| p.1));
    let k = mlat.to_radians().cos();
    let dist: Vec<f64> = pts.iter().map(|p| (((p.0 - mlon) * k).powi(2) + (p.1 - mlat).powi(2)).sqrt()).collect();
    let mut order: Vec<usize> = (0..pts.len()).collect();
    order.sort_by(|&a, &b| dist[a].total_cmp(&dist[b]));
    let total: f64 = pts.iter().map(|p| p.2.max(0.1)).sum();
    let mut acc = 0.0;
    let mut r90 = 0.0;
    for &i in &order {
        acc += pts[i].2.max(0.1);
        r90 = dist[i];
        if acc >= total * 0.9 {
            break;
        }
    }
    let limit = (r90 * 1.5).max(4.0);
    dist.iter().map(|d| *d <= limit).collect()
}

fn ring_path(out: &mut String, v: &View, ring: &[f64]) {
    let mut last: Option<(String, String)> = None;
    let mut first = true;
    for p in ring.chunks_exact(2) {
        let (x, y) = v.xy(p[0], p[1]);
        let pt = (f1(x), f1(y));
        if last.as_ref() == Some(&pt) {
            continue;
        }
        out.push(if first { 'M' } else { 'L' });
        let _ = write!(out, "{},{}", pt.0, pt.1);
        last = Some(pt);
        first = false;
    }
    if !first {
        out.push('Z');
    }
}

fn pie(out: &mut String, cx: f64, cy: f64, r: f64, parts: &[(String, usize)], title: &str) {
    let total: usize = parts.iter().map(|p| p.1).sum();
    let _ = write!(out, "<g class=\"mk\"><title>{}</title>", html(title));
    if parts.len() == 1 || total == 0 {
        let col = parts.first().map(|p| type_colour(&p.0)).unwrap_or("#777777");
        let _ = write!(out, "<circle cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"{col}\"/>", f1(cx), f1(cy), f1(r));
    } else {
        let mut a0 = -std::f64::consts::FRAC_PI_2;
        for (kind, n) in parts {
            let a1 = a0 + std::f64::consts::TAU * (*n as f64) / (total as f64);
            let (x0, y0) = (cx + r * a0.cos(), cy + r * a0.sin());
            let (x1, y1) = (cx + r * a1.cos(), cy + r * a1.sin());
            let large = if a1 - a0 > std::f64::consts::PI { 1 } else { 0 };
            let _ = write!(
                out,
                "<path d=\"M{},{}L{},{}A{},{} 0 {large},1 {},{}Z\" fill=\"{}\"/>",
                f1(cx),
                f1(cy),
                f1(x0),
                f1(y0),
                f1(r),
                f1(r),
                f1(x1),
                f1(y1),
                type_colour(kind)
            );
            a0 = a1;
        }
    }
    let _ = write!(out, "<circle class=\"mk-ring\" cx=\"{}\" cy=\"{}\" r=\"{}\"/></g>", f1(cx), f1(cy), f1(r));
}

pub fn render(ctx: &Ctx) -> MapFigure {
    // Events grouped by place.
    // Events placed only at a country (its centroid) shade the country
    // instead of drawing a marker in the middle of it.
    let mut by_place: BTreeMap<&str, Vec<&Cluster>> = BTreeMap::new();
    let mut by_country: BTreeMap<usize, usize> = BTreeMap::new();
    let mut unlocated = 0;
    let mut country_level = 0;
    for c in &ctx.pic.clusters {
        match c.location.as_deref().and_then(|l| ctx.place(l).map(|p| (l, p))) {
            Some((_, p)) if p.country_level => match geo::locate(p.lon, p.lat, 0.75) {
                Some(ci) => {
                    *by_country.entry(ci).or_default() += 1;
                    country_level += 1;
                }
                None => unlocated += 1,
            },
            Some((l, _)) => by_place.entry(l).or_default().push(c),
            None => unlocated += 1,
        }
    }
    let located = ctx.pic.clusters.len() - unlocated - country_level;

    // Control places and their holders' colours.
    struct Held<'a> {
        place: &'a str,
        holders: Vec<String>,
        since: String,
    }
    let mut held: Vec<Held> = Vec::new();
    let mut holder_places: BTreeMap<String, usize> = BTreeMap::new();
    for p in &ctx.pic.control {
        if ctx.place(&p.place).is_none() {
            continue;
        }
        let Some((holders, step)) = last_holder(p) else { continue };
        for h in holders {
            *holder_places.entry(h.clone()).or_default() += 1;
        }
        held.push(Held { place: &p.place, holders: holders.to_vec(), since: fmt_date(step.date) });
    }
    let mut holder_order: Vec<(String, usize)> = holder_places.into_iter().collect();
    holder_order.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let holder_colour = |id: &str| -> &'static str {
        match holder_order.iter().position(|h| h.0 == id) {
            Some(i) if i < HOLDERS.len() => HOLDERS[i],
            _ => HOLDER_OTHER,
        }
    };

    // The view: the places that carry most events (far outliers left out
    // and named in the legend), else the countries with events.
    let mut weighted: BTreeMap<&str, (f64, f64, f64)> = BTreeMap::new();
    for (id, cl) in &by_place {
        let p = ctx.place(id).unwrap();
        weighted.insert(id, (p.lon, p.lat, cl.len() as f64));
    }
    for h in &held {
        let p = ctx.place(h.place).unwrap();
        weighted.entry(h.place).or_insert((p.lon, p.lat, 0.0)).2 += 3.0;
    }
    let ids: Vec<&str> = weighted.keys().copied().collect();
    let pts: Vec<(f64, f64, f64)> = weighted.values().copied().collect();
    let keep = focus(&pts);
    let mut points: Vec<(f64, f64)> = pts.iter().zip(&keep).filter(|(_, k)| **k).map(|(p, _)| (p.0, p.1)).collect();
    let outside: Vec<&str> = ids.iter().zip(&keep).filter(|(_, k)| !**k).map(|(id, _)| ctx.place_name(id)).collect();
    if points.is_empty() {
        for ci in by_country.keys() {
            let b = geo::countries()[*ci].bbox;
            points.push((b[0], b[1]));
            points.push((b[2], b[3]));
        }
    }
    let v = View::fit(&points);

    let mut s = String::new();
    let _ = write!(
        s,
        "<svg viewBox=\"0 0 {W} {H}\" role=\"img\" aria-labelledby=\"map-title\" preserveAspectRatio=\"xMidYMid meet\"><title id=\"map-title\">Map of {} located events and {} controlled places</title><rect class=\"sea\" width=\"{W}\" height=\"{H}\"/>",
        located,
        held.len()
    );

    // Graticule.
    let span = v.east - v.west;
    let step = [1.0, 2.0, 5.0, 10.0, 15.0, 30.0].into_iter().find(|st| span / st <= 10.0).unwrap_or(30.0);
    s.push_str("<path class=\"grat\" d=\"");
    let mut lon = (v.west / step).ceil() * step;
    while lon <= v.east {
        let (x, _) = v.xy(lon, 0.0);
        let _ = write!(s, "M{},0V{H}", f1(x));
        lon += step;
    }
    let mut lat = (v.south.max(-85.0) / step).ceil() * step;
    while lat <= v.north.min(85.0) {
        let (_, y) = v.xy(0.0, lat);
        let _ = write!(s, "M0,{}H{W}", f1(y));
        lat += step;
    }
    s.push_str("\"/>");

    // Countries: those with an event are shaded.
    let mut hot: std::collections::BTreeSet<usize> =
        by_place.keys().filter_map(|id| ctx.place(id)).filter_map(|p| geo::locate(p.lon, p.lat, 0.75)).collect();
    hot.extend(by_country.keys().copied());
    let mut country_labels: Vec<usize> = Vec::new();
    s.push_str("<g class=\"countries\">");
    for (ci, c) in geo::countries().iter().enumerate() {
        if !v.sees(c.bbox) {
            continue;
        }
        let mut d = String::new();
        for poly in &c.polygons {
            let Some(outer) = poly.first() else { continue };
            if !v.sees(ring_bbox(outer)) {
                continue;
            }
            for ring in poly {
                ring_path(&mut d, &v, ring);
            }
        }
        if d.is_empty() {
            continue;
        }
        let title = match by_country.get(&ci) {
            Some(n) => format!("{}: {n} event{} placed only at country level", c.name, if *n == 1 { "" } else { "s" }),
            None => c.name.clone(),
        };
        let _ = write!(
            s,
            "<path class=\"land{}\" fill-rule=\"evenodd\" d=\"{d}\"><title>{}</title></path>",
            if hot.contains(&ci) { " hot" } else { "" },
            html(&title)
        );
        country_labels.push(ci);
    }
    s.push_str("</g>");

    // Markers: control squares under event pies.
    let mut labeler = Labeler::new(W, H);
    let radius = |n: usize| (3.5 + 2.4 * (n as f64).sqrt()).min(16.0);
    struct Mark {
        id: String,
        name: String,
        x: f64,
        y: f64,
        r: f64,
        weight: usize,
        control: bool,
    }
    let mut marks: Vec<Mark> = Vec::new();
    s.push_str("<g class=\"control-marks\">");
    for h in &held {
        let p = ctx.place(h.place).unwrap();
        let (x, y) = v.xy(p.lon, p.lat);
        let n = by_place.get(h.place).map_or(0, |v| v.len());
        let half = if n > 0 { radius(n) + 4.0 } else { 7.0 };
        let col = h.holders.first().map_or(HOLDER_OTHER, |id| holder_colour(id));
        let who = if h.holders.is_empty() { "unknown (last report: lost)".to_string() } else { ctx.names(&h.holders) };
        let title = format!("{}: held by {} since {}", p.name, who, h.since);
        let _ = write!(
            s,
            "<rect class=\"ctl\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"2\" fill=\"{col}\"><title>{}</title></rect>",
            f1(x - half),
            f1(y - half),
            f1(2.0 * half),
            f1(2.0 * half),
            html(&title)
        );
        labeler.block(Rect { x: x - half, y: y - half, w: 2.0 * half, h: 2.0 * half });
        marks.push(Mark { id: h.place.to_string(), name: p.name.clone(), x, y, r: half, weight: n + 1000, control: true });
    }
    s.push_str("</g><g class=\"event-marks\">");
    // Bigger markers first so small ones stay visible on top.
    let mut order: Vec<(&str, &Vec<&Cluster>)> = by_place.iter().map(|(k, v)| (*k, v)).collect();
    order.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then(a.0.cmp(b.0)));
    for (id, cl) in order {
        let p = ctx.place(id).unwrap();
        let (x, y) = v.xy(p.lon, p.lat);
        let mut types: BTreeMap<(usize, String), usize> = BTreeMap::new();
        for c in cl {
            let k = c.kind.to_ascii_uppercase();
            *types.entry((type_rank(&k), k)).or_default() += 1;
        }
        let parts: Vec<(String, usize)> = types.into_iter().map(|((_, k), n)| (k, n)).collect();
        let r = radius(cl.len());
        let title = format!(
            "{}: {} event{} ({})",
            p.name,
            cl.len(),
            if cl.len() == 1 { "" } else { "s" },
            parts.iter().map(|(k, n)| format!("{k} {n}")).collect::<Vec<_>>().join(", ")
        );
        pie(&mut s, x, y, r, &parts, &title);
        labeler.block(Rect { x: x - r, y: y - r, w: 2.0 * r, h: 2.0 * r });
        if let Some(m) = marks.iter_mut().find(|m| m.id == id) {
            m.weight = cl.len() + 1000;
        } else {
            marks.push(Mark { id: id.to_string(), name: p.name.clone(), x, y, r, weight: cl.len(), control: false });
        }
    }
    s.push_str("</g>");

    // Place labels: controlled places first, then the busiest.
    marks.sort_by(|a, b| b.control.cmp(&a.control).then(b.weight.cmp(&a.weight)).then(a.name.cmp(&b.name)));
    s.push_str("<g class=\"plabels\">");
    for m in marks.iter().take(40) {
        let name = truncate(&m.name, 28);
        if let Some(pl) = labeler.place(&name, m.x, m.y, m.r, 12.0) {
            let _ = write!(
                s,
                "<text class=\"plabel\" x=\"{}\" y=\"{}\" text-anchor=\"{}\">{}</text>",
                f1(pl.x),
                f1(pl.y),
                pl.anchor,
                html(&name)
            );
        }
    }
    s.push_str("</g>");

    // Country names where they fit: at the point of the country's visible
    // part nearest its middle whose whole label lies on the country.
    let countries = geo::countries();
    let mut cands: Vec<(f64, usize, [f64; 4])> = country_labels
        .into_iter()
        .map(|ci| {
            let b = countries[ci].bbox;
            let cb = [b[0].max(v.west), b[1].max(v.south), b[2].min(v.east), b[3].min(v.north)];
            let (x0, y0) = v.xy(cb[0], cb[3]);
            let (x1, y1) = v.xy(cb[2], cb[1]);
            ((x1 - x0).max(0.0) * (y1 - y0).max(0.0), ci, cb)
        })
        .collect();
    cands.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    s.push_str("<g class=\"clabels\">");
    for (area, ci, cb) in cands {
        let c = &countries[ci];
        let label = c.name.to_uppercase();
        let tw = crate::svg::text_width(&label, 11.0) * 1.15;
        if area < 3000.0 {
            continue;
        }
        let (cx, cy) = v.xy((cb[0] + cb[2]) / 2.0, (cb[1] + cb[3]) / 2.0);
        let mut pts: Vec<(f64, f64, f64)> = Vec::new();
        for i in 0..9 {
            for j in 0..7 {
                let lon = cb[0] + (cb[2] - cb[0]) * (i as f64 + 0.5) / 9.0;
                let lat = cb[1] + (cb[3] - cb[1]) * (j as f64 + 0.5) / 7.0;
                let (x, y) = v.xy(lon, lat);
                pts.push(((x - cx).powi(2) + (y - cy).powi(2), x, y));
            }
        }
        pts.sort_by(|a, b| a.0.total_cmp(&b.0));
        let unproject = |x: f64, y: f64| (v.cx + (x - W / 2.0) / (v.k * v.scale), v.cy - (y - H / 2.0) / v.scale);
        for (_, x, y) in pts {
            let on_land = [(-0.5, 0.0), (0.5, 0.0), (0.0, 0.0), (-0.5, -0.6), (0.5, 0.6)].iter().all(|(fx, fy)| {
                let (lon, lat) = unproject(x + fx * tw, y + fy * 11.0);
                c.contains(lon, lat)
            });
            if on_land && labeler.place_centred(&label, x, y, 11.0) {
                let _ = write!(s, "<text class=\"clabel\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>", f1(x), f1(y + 4.0), html(&label));
                break;
            }
        }
    }
    s.push_str("</g>");
    let _ = write!(
        s,
        "<text class=\"attrib\" x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>",
        W - 6.0,
        H - 6.0,
        html(geo::ATTRIBUTION)
    );
    if points.is_empty() {
        let _ = write!(s, "<text class=\"empty\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">No event has a located place</text>", W / 2.0, H / 2.0);
    }
    s.push_str("</svg>");

    // Legend (HTML).
    let mut lg = String::from("<div class=\"legend\">");
    let mut present: BTreeMap<(usize, String), usize> = BTreeMap::new();
    for cl in by_place.values() {
        for c in cl {
            let k = c.kind.to_ascii_uppercase();
            *present.entry((type_rank(&k), k)).or_default() += 1;
        }
    }
    if !present.is_empty() {
        lg.push_str("<span class=\"lg-h\">Events</span>");
        for ((_, k), n) in &present {
            let _ = write!(lg, "<span class=\"chip\"><i class=\"dot\" style=\"background:{}\"></i>{} {}</span>", type_colour(k), html(k), n);
        }
    }
    let any_unknown = held.iter().any(|h| h.holders.is_empty());
    if !holder_order.is_empty() || any_unknown {
        lg.push_str("<span class=\"lg-h\">Held by</span>");
        for (i, (id, n)) in holder_order.iter().enumerate() {
            let col = if i < HOLDERS.len() { HOLDERS[i] } else { HOLDER_OTHER };
            let _ = write!(
                lg,
                "<span class=\"chip\"><i class=\"sq\" style=\"background:{col}\"></i>{} ({n})</span>",
                html(&truncate(ctx.name(id), 32))
            );
        }
    }
    if any_unknown {
        let _ = write!(lg, "<span class=\"chip\"><i class=\"sq\" style=\"background:{HOLDER_OTHER}\"></i>unknown</span>");
    }
    if country_level > 0 {
        let _ = write!(lg, "<span class=\"lg-note\">{country_level} event{} placed only at a country (shaded)</span>", if country_level == 1 { "" } else { "s" });
    }
    if !outside.is_empty() {
        let mut names: Vec<String> = outside.iter().take(4).map(|n| truncate(n, 24)).collect();
        if outside.len() > 4 {
            names.push(format!("{} more", outside.len() - 4));
        }
        let _ = write!(lg, "<span class=\"lg-note\">outside the map: {}</span>", html(&names.join(", ")));
    }
    if unlocated > 0 {
        let _ = write!(lg, "<span class=\"lg-note\">{unlocated} event{} without a place</span>", if unlocated == 1 { "" } else { "s" });
    }
    lg.push_str("</div>");
    MapFigure { svg: s, legend: lg }
}
