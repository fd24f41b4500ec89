//! The timeline: one lane per PLOVER type (plus a lane for control
//! changes), events placed by date. Day-precise dates are dots, month- or
//! year-precise dates are bars over the period they cover.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write;

use crate::ctx::{fmt_date, Ctx};
use crate::esc::{html, ident};
use crate::style::{civil_from_days, date_span, days_from_civil, f1, type_colour, type_rank, MONTHS};
use crate::svg::Labeler;

pub const W: f64 = 1300.0;
const GUTTER: f64 = 104.0;
const RIGHT: f64 = 18.0;
const TOP: f64 = 8.0;
const AXIS: f64 = 30.0;

/// More type lanes than this and types are grouped into families.
const MAX_TYPE_LANES: usize = 7;

/// The family lane of a PLOVER type (used when there are many types).
fn family(kind: &str) -> &'static str {
    match kind {
        "ASSAULT" => "fighting",
        "COERCE" | "THREATEN" | "MOBILIZE" | "SANCTION" => "coercion",
        "ACCUSE" | "REJECT" | "REQUEST" | "PROTEST" => "demands",
        "RETREAT" | "CONCEDE" => "concessions",
        "CONSULT" | "AGREE" | "SUPPORT" | "COOPERATE" => "diplomacy",
        "AID" => "aid",
        _ => "other",
    }
}

/// The days the axis covers: every date, unless a few far-off ones (a
/// war's background, a plan years ahead) would squeeze the rest; those are
/// left off (at most a tenth at each end, cut at a gap of over a third of
/// the whole span).
pub fn core_range(spans: &[&(i64, i64)]) -> Option<(i64, i64)> {
    let mut starts: Vec<i64> = spans.iter().map(|s| s.0).collect();
    starts.sort_unstable();
    let (mut a, mut b) = (0usize, starts.len().checked_sub(1)?);
    if starts.len() >= 5 {
        for _ in 0..3 {
            let span = (starts[b] - starts[a]) as f64;
            if span < 60.0 {
                break;
            }
            let max_k = ((b - a + 1) as f64 * 0.1).ceil() as usize;
            let mut changed = false;
            if let Some(i) = (a..(a + max_k).min(b)).max_by_key(|&i| (starts[i + 1] - starts[i], std::cmp::Reverse(i))) {
                if (starts[i + 1] - starts[i]) as f64 > span / 3.0 {
                    a = i + 1;
                    changed = true;
                }
            }
            let span = (starts[b] - starts[a]) as f64;
            if let Some(i) = ((b.saturating_sub(max_k)).max(a)..b).max_by_key(|&i| (starts[i + 1] - starts[i], i)) {
                if span >= 60.0 && (starts[i + 1] - starts[i]) as f64 > span / 3.0 {
                    b = i;
                    changed = true;
                }
            }
            if !changed {
                break;
            }
        }
    }
    let (lo, last) = (starts[a], starts[b]);
    let hi = spans.iter().filter(|s| s.0 >= lo && s.0 <= last).map(|s| s.1).max().unwrap_or(last + 1);
    Some((lo, hi))
}

pub struct TimelineFigure {
    pub svg: String,
    /// What is not drawn (undated, off the axis), for the caption.
    pub note: String,
}

pub fn render(ctx: &Ctx) -> TimelineFigure {
    let clusters = ctx.clusters_by_date();
    let dated: Vec<_> = clusters.iter().filter(|c| c.date.is_some()).collect();
    let undated = clusters.len() - dated.len();
    let mut steps = Vec::new();
    for p in &ctx.pic.control {
        for st in &p.steps {
            if let Some(d) = st.date {
                steps.push((p, st, d));
            }
        }
    }

    // Lanes.
    let mut kinds: BTreeMap<(usize, String), ()> = BTreeMap::new();
    for c in &dated {
        let k = c.kind.to_ascii_uppercase();
        kinds.insert((type_rank(&k), k), ());
    }
    // One lane per type; with many types, one per family of types.
    let grouped = kinds.len() > MAX_TYPE_LANES;
    let lane_name = |k: &str| -> String { if grouped { family(k).to_string() } else { k.to_string() } };
    let mut lanes: Vec<String> = Vec::new();
    if !steps.is_empty() {
        lanes.push("control".to_string());
    }
    for (_, k) in kinds.into_keys() {
        let l = lane_name(&k);
        if !lanes.contains(&l) {
            lanes.push(l);
        }
    }
    let n = lanes.len().max(1);
    let lane_h = if n <= 6 { 24.0 } else if n <= 10 { 19.0 } else { 15.0 };
    let h = TOP + n as f64 * lane_h + AXIS;

    // Range: finest dates decide; coarse ones are clipped to it.
    let spans: Vec<(i64, i64)> = dated
        .iter()
        .map(|c| date_span(c.date.as_ref().unwrap()))
        .chain(steps.iter().map(|s| date_span(&s.2)))
        .collect();
    let fine: Vec<&(i64, i64)> = spans.iter().filter(|s| s.1 - s.0 <= 31).collect();
    // (Coarse dates and control steps off the axis are left off too.)
    let pool: Vec<&(i64, i64)> = if fine.is_empty() { spans.iter().collect() } else { fine };
    let (mut lo, mut hi) = match core_range(&pool) {
        Some(r) => r,
        None => {
            let t = days_from_civil(2020, 1, 1);
            (t, t + 30)
        }
    };
    if hi - lo < 14 {
        let c = (lo + hi) / 2;
        lo = c - 7;
        hi = c + 7;
    }
    let pad = ((hi - lo) as f64 * 0.03).ceil() as i64;
    let (lo, hi) = (lo - pad, hi + pad);
    let plot_w = W - GUTTER - RIGHT;
    let x = |day: f64| GUTTER + (day - lo as f64) / (hi - lo) as f64 * plot_w;
    let lane_y = |i: usize| TOP + i as f64 * lane_h + lane_h / 2.0;

    let mut s = String::new();
    let _ = write!(
        s,
        "<svg viewBox=\"0 0 {W} {}\" role=\"img\" aria-labelledby=\"tl-title\"><title id=\"tl-title\">Timeline of {} dated events by type</title>",
        f1(h),
        dated.len()
    );
    // Lane stripes and labels.
    for (i, lane) in lanes.iter().enumerate() {
        let y0 = TOP + i as f64 * lane_h;
        if i % 2 == 0 {
            let _ = write!(s, "<rect class=\"lane\" x=\"{GUTTER}\" y=\"{}\" width=\"{}\" height=\"{}\"/>", f1(y0), f1(plot_w), f1(lane_h));
        }
        let col = if lane == "control" || grouped { "#333333" } else { type_colour(lane) };
        let _ = write!(
            s,
            "<rect x=\"{}\" y=\"{}\" width=\"4\" height=\"{}\" fill=\"{col}\"/><text class=\"lane-label\" x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>",
            f1(GUTTER - 10.0),
            f1(y0 + lane_h * 0.2),
            f1(lane_h * 0.6),
            f1(GUTTER - 16.0),
            f1(y0 + lane_h / 2.0 + 4.0),
            html(lane)
        );
    }

    // Axis and ticks.
    let axis_y = TOP + n as f64 * lane_h;
    let _ = write!(s, "<path class=\"axis\" d=\"M{GUTTER},{}H{}\"/>", f1(axis_y), f1(W - RIGHT));
    let span = hi - lo;
    let mut ticks: Vec<(i64, String, bool)> = Vec::new(); // day, label, major
    let (y0, m0, _) = civil_from_days(lo);
    if span <= 24 {
        for d in lo..=hi {
            let (_, m, dd) = civil_from_days(d);
            ticks.push((d, format!("{dd} {}", MONTHS[m as usize - 1]), dd == 1 || d == lo));
        }
    } else if span <= 150 {
        // Mondays (1970-01-05 was a Monday).
        let mut d = lo + (7 - (lo - 4).rem_euclid(7)) % 7;
        while d <= hi {
            let (_, m, dd) = civil_from_days(d);
            ticks.push((d, format!("{dd} {}", MONTHS[m as usize - 1]), false));
            d += 7;
        }
    } else if span <= 1100 {
        let every = if span <= 400 { 1 } else if span <= 800 { 2 } else { 3 };
        let (mut yy, mut mm) = (y0, m0);
        loop {
            let d = days_from_civil(yy, mm, 1);
            if d > hi {
                break;
            }
            if d >= lo && (mm - 1) % every == 0 {
                let label = if mm == 1 { format!("{yy}") } else { MONTHS[mm as usize - 1].to_string() };
                ticks.push((d, label, mm == 1));
            }
            mm += 1;
            if mm > 12 {
                mm = 1;
                yy += 1;
            }
        }
    } else {
        let years = span / 365;
        let every = ((years as f64 / 12.0).ceil() as i32).max(1);
        let mut yy = y0 + 1;
        loop {
            let d = days_from_civil(yy, 1, 1);
            if d > hi {
                break;
            }
            if yy % every == 0 {
                ticks.push((d, yy.to_string(), true));
            }
            yy += 1;
        }
    }
    // Thin the labels so they never collide.
    let mut last_x = f64::NEG_INFINITY;
    for (d, label, major) in &ticks {
        let tx = x(*d as f64);
        let _ = write!(
            s,
            "<path class=\"{}\" d=\"M{},{}V{}\"/>",
            if *major { "tick major" } else { "tick" },
            f1(tx),
            f1(TOP),
            f1(axis_y + 4.0)
        );
        let wlabel = crate::svg::text_width(label, 11.0);
        if tx - wlabel / 2.0 > last_x + 6.0 && tx + wlabel / 2.0 < W {
            let _ = write!(s, "<text class=\"tick-label\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>", f1(tx), f1(axis_y + 17.0), html(label));
            last_x = tx + wlabel / 2.0;
        }
    }
    if span <= 1100 && span > 24 {
        // The year once, at the left, when ticks do not show it.
        let _ = write!(s, "<text class=\"tick-label year\" x=\"{}\" y=\"{}\" text-anchor=\"end\">{y0}</text>", f1(GUTTER - 16.0), f1(axis_y + 17.0));
    }

    // Events.
    let lane_of: HashMap<&str, usize> = lanes.iter().enumerate().map(|(i, l)| (l.as_str(), i)).collect();
    // Bars (month or year dates) are drawn first, low in the lane; dots
    // that would overlap move sideways a little (a one-row beeswarm).
    let mut dots: Vec<Vec<(f64, f64)>> = vec![Vec::new(); lanes.len()];
    let (xmin, xmax) = (GUTTER, W - RIGHT);
    let (mut before, mut after) = (0usize, 0usize);
    for (pass, c) in [false, true].into_iter().flat_map(|p| dated.iter().map(move |c| (p, c))) {
        let k = c.kind.to_ascii_uppercase();
        let li = lane_of[lane_name(&k).as_str()];
        let d = c.date.unwrap();
        let (a, b) = date_span(&d);
        if pass != (b - a <= 1) {
            continue;
        }
        if b <= lo || a >= hi {
            if b <= lo {
                before += 1;
            } else {
                after += 1;
            }
            continue;
        }
        let y = lane_y(li);
        let col = type_colour(&k);
        let who = if c.target.is_empty() {
            ctx.names(&c.source)
        } else {
            format!("{} → {}", ctx.names(&c.source), ctx.names(&c.target))
        };
        let place = c.location.as_deref().map(|l| format!(" at {}", ctx.place_name(l))).unwrap_or_default();
        let title = format!("{} {}: {}{} ({} report{})", fmt_date(c.date), k, who, place, c.reports.len(), if c.reports.len() == 1 { "" } else { "s" });
        let _ = write!(s, "<a href=\"#ev-{}\"><title>{}</title>", ident(&c.id), html(&title));
        if b - a <= 1 {
            let r = (3.5 + 1.4 * (c.reports.len() as f64).sqrt()).min(8.0).min(lane_h * 0.42);
            let x0 = x(a as f64 + 0.5);
            let free = |cx: f64| dots[li].iter().all(|&(ox, or)| (ox - cx).abs() >= (or + r) * 0.8);
            let cx = (0..12)
                .map(|i| x0 + if i % 2 == 1 { 1.0 } else { -1.0 } * ((i + 1) / 2) as f64 * r * 1.6)
                .find(|&cx| free(cx))
                .unwrap_or(x0);
            dots[li].push((cx, r));
            let _ = write!(s, "<circle class=\"tl-ev\" cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"{col}\"/>", f1(cx), f1(y), f1(r));
        } else {
            let x0 = x(a as f64).clamp(xmin, xmax);
            let x1 = x(b as f64).clamp(xmin, xmax);
            let (bh, class) = if b - a > 31 { (3.0, "tl-span year") } else { (5.0, "tl-span") };
            let _ = write!(
                s,
                "<rect class=\"{class}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{bh}\" rx=\"{}\" fill=\"{col}\"/>",
                f1(x0),
                f1(y + lane_h * 0.22 - bh / 2.0),
                f1((x1 - x0).max(4.0)),
                bh / 2.0
            );
        }
        s.push_str("</a>");
    }

    // Control changes, labelled with the place where room allows.
    if let Some(&li) = lane_of.get("control") {
        let y = lane_y(li);
        let mut labeler = Labeler::new(W - RIGHT, h);
        labeler.block(crate::svg::Rect { x: 0.0, y: 0.0, w: GUTTER, h });
        let mut marks = Vec::new();
        for (p, st, d) in &steps {
            let (a, b) = date_span(d);
            if b <= lo || a >= hi {
                continue;
            }
            let cx = x((a.max(lo) + b.min(hi)) as f64 / 2.0);
            let gained = ctx.names(&st.gained_by);
            let lost = ctx.names(&st.lost_by);
            let title = format!("{} {}: gained by {}, lost by {} ({})", d, p.name, gained, lost, st.status.as_str());
            let _ = write!(
                s,
                "<a href=\"#ev-{}\"><title>{}</title><path class=\"tl-ctl\" d=\"M{},{}l5,5l-5,5l-5,-5z\"/></a>",
                ident(&st.cluster),
                html(&title),
                f1(cx),
                f1(y - 5.0)
            );
            labeler.block(crate::svg::Rect { x: cx - 5.0, y: y - 5.0, w: 10.0, h: 10.0 });
            marks.push((cx, p.name.clone()));
        }
        for (cx, name) in marks {
            let name = crate::esc::truncate(&name, 22);
            if let Some(pl) = labeler.place(&name, cx, y, 5.0, 11.0) {
                if (pl.y - y).abs() < lane_h / 2.0 {
                    let _ = write!(s, "<text class=\"tl-label\" x=\"{}\" y=\"{}\" text-anchor=\"{}\">{}</text>", f1(pl.x), f1(pl.y), pl.anchor, html(&name));
                }
            }
        }
    }
    if dated.is_empty() && steps.is_empty() {
        let _ = write!(s, "<text class=\"empty\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">No dated events</text>", W / 2.0, f1(TOP + lane_h / 2.0 + 4.0));
    }
    s.push_str("</svg>");
    let mut notes = Vec::new();
    let plural = |n: usize| if n == 1 { "" } else { "s" };
    if before > 0 {
        notes.push(format!("{before} earlier event{} off the axis", plural(before)));
    }
    if after > 0 {
        notes.push(format!("{after} later event{} off the axis", plural(after)));
    }
    if undated > 0 {
        notes.push(format!("{undated} undated event{} not shown", plural(undated)));
    }
    TimelineFigure { svg: s, note: notes.join("; ") }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn far_off_dates_leave_the_axis() {
        let d = |y, m, dd| days_from_civil(y, m, dd);
        let mut spans: Vec<(i64, i64)> = (1..=20).map(|i| (d(2020, 5, i), d(2020, 5, i) + 1)).collect();
        spans.push((d(2011, 2, 17), d(2011, 2, 18)));
        let refs: Vec<&(i64, i64)> = spans.iter().collect();
        assert_eq!(core_range(&refs), Some((d(2020, 5, 1), d(2020, 5, 21))));
        // An even spread keeps everything.
        let spans: Vec<(i64, i64)> = (0..12).map(|i| (d(2019, 1, 1) + 60 * i, d(2019, 1, 1) + 60 * i + 1)).collect();
        let refs: Vec<&(i64, i64)> = spans.iter().collect();
        assert_eq!(core_range(&refs), Some((d(2019, 1, 1), d(2019, 1, 1) + 661)));
    }
}
