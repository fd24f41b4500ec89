//! The sponsor/hostility network: actors as nodes, directed edges green
//! (dashed) for support and vermillion (solid) for hostility, width by the
//! number of events. Layout: deterministic Fruchterman–Reingold.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write;

use sitrep_picture::{Edge, Relation};

use crate::ctx::{fmt_date, Ctx};
use crate::esc::html;
use crate::style::{f1, relation_colour, relation_name};
use crate::svg::{Labeler, Rect};

pub const W: f64 = 560.0;
pub const H: f64 = 420.0;
/// Most actors drawn; the rest are listed as left out.
pub const MAX_NODES: usize = 30;

pub struct NetworkFigure {
    pub svg: String,
    pub legend: String,
}

/// Positions in [0,1]² for nodes `0..n` given undirected weighted links.
pub fn layout(n: usize, links: &[(usize, usize, f64)]) -> Vec<(f64, f64)> {
    if n == 0 {
        return Vec::new();
    }
    if n == 1 {
        return vec![(0.5, 0.5)];
    }
    let mut pos: Vec<(f64, f64)> = (0..n)
        .map(|i| {
            let a = std::f64::consts::TAU * i as f64 / n as f64 + 0.3;
            (0.5 + 0.4 * a.cos(), 0.5 + 0.4 * a.sin())
        })
        .collect();
    let k = (1.0 / n as f64).sqrt() * 0.8;
    let iters = 500;
    for it in 0..iters {
        let mut disp = vec![(0.0f64, 0.0f64); n];
        for i in 0..n {
            for j in (i + 1)..n {
                let dx = pos[i].0 - pos[j].0;
                let dy = pos[i].1 - pos[j].1;
                let d = (dx * dx + dy * dy).sqrt().max(1e-4);
                let f = k * k / d;
                disp[i].0 += dx / d * f;
                disp[i].1 += dy / d * f;
                disp[j].0 -= dx / d * f;
                disp[j].1 -= dy / d * f;
            }
        }
        for &(a, b, w) in links {
            let dx = pos[a].0 - pos[b].0;
            let dy = pos[a].1 - pos[b].1;
            let d = (dx * dx + dy * dy).sqrt().max(1e-4);
            let f = d * d / k * (1.0 + w.ln().max(0.0) * 0.5);
            disp[a].0 -= dx / d * f;
            disp[a].1 -= dy / d * f;
            disp[b].0 += dx / d * f;
            disp[b].1 += dy / d * f;
        }
        // Gravity keeps separate components in the frame.
        for i in 0..n {
            disp[i].0 -= (pos[i].0 - 0.5) * k * 2.0;
            disp[i].1 -= (pos[i].1 - 0.5) * k * 2.0;
        }
        let t = 0.1 * (1.0 - it as f64 / iters as f64) + 0.002;
        for i in 0..n {
            let (dx, dy) = disp[i];
            let d = (dx * dx + dy * dy).sqrt().max(1e-9);
            let step = d.min(t);
            pos[i].0 += dx / d * step;
            pos[i].1 += dy / d * step;
        }
    }
    // Normalise into [0,1]².
    let (mut x0, mut y0, mut x1, mut y1) = (f64::INFINITY, f64::INFINITY, f64::NEG_INFINITY, f64::NEG_INFINITY);
    for p in &pos {
        x0 = x0.min(p.0);
        y0 = y0.min(p.1);
        x1 = x1.max(p.0);
        y1 = y1.max(p.1);
    }
    // Stretch each axis to [0,1], but centre an axis the layout barely uses.
    let sx = x1 - x0;
    let sy = y1 - y0;
    let big = sx.max(sy).max(1e-9);
    let norm = |v: f64, lo: f64, span: f64| if span < big * 0.25 { 0.5 + (v - lo - span / 2.0) / big } else { (v - lo) / span };
    pos.iter().map(|p| (norm(p.0, x0, sx), norm(p.1, y0, sy))).collect()
}

/// A rectangle x, y, w, h.
type Cell = (f64, f64, f64, f64);

/// Splits `r` into cells with areas proportional to `weights` (in order),
/// cutting across the longer side each time.
fn pack(weights: &[f64], r: Cell) -> Vec<Cell> {
    if weights.len() <= 1 {
        return vec![r];
    }
    let total: f64 = weights.iter().sum();
    let share = weights[0] / total;
    let (x, y, w, h) = r;
    let (first, rest) = if w >= h {
        ((x, y, w * share, h), (x + w * share, y, w * (1.0 - share), h))
    } else {
        ((x, y, w, h * share), (x, y + h * share, w, h * (1.0 - share)))
    };
    let mut out = vec![first];
    out.extend(pack(&weights[1..], rest));
    out
}

/// Positions in the frame: each connected component laid out on its own
/// and given a share of the frame by its size.
fn place(n: usize, links: &[(usize, usize, f64)], frame: Cell) -> Vec<(f64, f64)> {
    // Components by union-find.
    let mut parent: Vec<usize> = (0..n).collect();
    fn root(p: &mut [usize], i: usize) -> usize {
        let mut r = i;
        while p[r] != r {
            r = p[r];
        }
        let mut j = i;
        while p[j] != r {
            let next = p[j];
            p[j] = r;
            j = next;
        }
        r
    }
    for &(a, b, _) in links {
        let (ra, rb) = (root(&mut parent, a), root(&mut parent, b));
        if ra != rb {
            parent[ra.max(rb)] = ra.min(rb);
        }
    }
    let mut comps: Vec<Vec<usize>> = Vec::new();
    let mut comp_of = vec![usize::MAX; n];
    for i in 0..n {
        let r = root(&mut parent, i);
        if comp_of[r] == usize::MAX {
            comp_of[r] = comps.len();
            comps.push(Vec::new());
        }
        comps[comp_of[r]].push(i);
    }
    comps.sort_by(|a, b| b.len().cmp(&a.len()).then(a[0].cmp(&b[0])));
    let weights: Vec<f64> = comps.iter().map(|c| c.len() as f64 + 0.6).collect();
    let cells = pack(&weights, frame);
    let mut pos = vec![(0.0, 0.0); n];
    for (comp, cell) in comps.iter().zip(cells) {
        let local: std::collections::HashMap<usize, usize> = comp.iter().enumerate().map(|(i, &g)| (g, i)).collect();
        let sub: Vec<(usize, usize, f64)> =
            links.iter().filter(|l| local.contains_key(&l.0)).map(|&(a, b, w)| (local[&a], local[&b], w)).collect();
        let unit = layout(comp.len(), &sub);
        // Room for labels beside and below the nodes.
        let (cx, cy, cw, ch) = cell;
        let padx = (cw * 0.5 - 4.0).clamp(0.0, 62.0);
        let pady = (ch * 0.5 - 4.0).clamp(0.0, 26.0);
        for (i, &g) in comp.iter().enumerate() {
            pos[g] = (cx + padx + unit[i].0 * (cw - 2.0 * padx), cy + pady + unit[i].1 * (ch - 2.0 * pady));
        }
    }
    spread(&mut pos, frame);
    pos
}

/// Pushes nodes apart until no two are closer than a minimum distance
/// (that leaves room for labels), staying inside the frame.
fn spread(pos: &mut [(f64, f64)], frame: Cell) {
    let n = pos.len();
    if n < 2 {
        return;
    }
    let (fx, fy, fw, fh) = frame;
    let dmin = ((fw * fh / n as f64).sqrt() * 0.75).clamp(18.0, 72.0);
    for _ in 0..200 {
        let mut moved = false;
        for i in 0..n {
            for j in (i + 1)..n {
                let (dx, dy) = (pos[j].0 - pos[i].0, pos[j].1 - pos[i].1);
                let d = (dx * dx + dy * dy).sqrt();
                if d >= dmin {
                    continue;
                }
                moved = true;
                // Coincident nodes part along a fixed, index-dependent direction.
                let (ux, uy) = if d < 1e-6 {
                    let a = (i * 7 + j * 13) as f64;
                    (a.cos(), a.sin())
                } else {
                    (dx / d, dy / d)
                };
                let push = (dmin - d) / 2.0 * 0.6;
                pos[i].0 -= ux * push;
                pos[i].1 -= uy * push;
                pos[j].0 += ux * push;
                pos[j].1 += uy * push;
            }
        }
        for p in pos.iter_mut() {
            p.0 = p.0.clamp(fx + 8.0, fx + fw - 8.0);
            p.1 = p.1.clamp(fy + 8.0, fy + fh - 8.0);
        }
        if !moved {
            break;
        }
    }
}

pub fn render(ctx: &Ctx) -> NetworkFigure {
    let edges: &[Edge] = &ctx.pic.network;
    // Weighted degree per actor.
    let mut degree: BTreeMap<&str, usize> = BTreeMap::new();
    for e in edges {
        *degree.entry(&e.source).or_default() += e.weight;
        *degree.entry(&e.target).or_default() += e.weight;
    }
    let mut nodes: Vec<(&str, usize)> = degree.into_iter().collect();
    nodes.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let total_nodes = nodes.len();
    nodes.truncate(MAX_NODES);
    let index: HashMap<&str, usize> = nodes.iter().enumerate().map(|(i, n)| (n.0, i)).collect();
    let shown: Vec<&Edge> = edges
        .iter()
        .filter(|e| e.source != e.target && index.contains_key(e.source.as_str()) && index.contains_key(e.target.as_str()))
        .collect();
    let mut pair_w: BTreeMap<(usize, usize), f64> = BTreeMap::new();
    for e in &shown {
        let (a, b) = (index[e.source.as_str()], index[e.target.as_str()]);
        *pair_w.entry((a.min(b), a.max(b))).or_default() += e.weight as f64;
    }
    let links: Vec<(usize, usize, f64)> = pair_w.into_iter().map(|((a, b), w)| (a, b, w)).collect();
    let pos = place(nodes.len(), &links, (14.0, 8.0, W - 28.0, H - 16.0));
    let radius: Vec<f64> = nodes.iter().map(|n| (5.0 + 2.0 * (n.1 as f64).sqrt()).min(16.0)).collect();

    let mut s = String::new();
    let _ = write!(
        s,
        "<svg viewBox=\"0 0 {W} {H}\" role=\"img\" aria-labelledby=\"net-title\"><title id=\"net-title\">Network of {} actors and {} relations</title><defs>",
        nodes.len(),
        shown.len()
    );
    for r in [Relation::Support, Relation::Hostility] {
        let _ = write!(
            s,
            "<marker id=\"ah-{}\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"10\" markerHeight=\"10\" markerUnits=\"userSpaceOnUse\" orient=\"auto\"><path d=\"M0,0L10,5L0,10z\" fill=\"{}\"/></marker>",
            relation_name(r),
            relation_colour(r)
        );
    }
    let _ = write!(s, "</defs><rect class=\"net-bg\" width=\"{W}\" height=\"{H}\"/><g class=\"edges\">");

    // Edges: curved so that A→B and B→A (and parallel relations) separate.
    let mut seen: HashMap<(usize, usize), usize> = HashMap::new();
    let mut order: Vec<&&Edge> = shown.iter().collect();
    order.sort_by(|a, b| b.weight.cmp(&a.weight).then(a.source.cmp(&b.source)).then(a.target.cmp(&b.target)).then(a.relation.cmp(&b.relation)));
    for e in order {
        let (a, b) = (index[e.source.as_str()], index[e.target.as_str()]);
        let nth = seen.entry((a, b)).or_default();
        let bend = 0.14 + 0.14 * *nth as f64;
        *nth += 1;
        let (sx, sy) = pos[a];
        let (tx, ty) = pos[b];
        let (dx, dy) = (tx - sx, ty - sy);
        let len = (dx * dx + dy * dy).sqrt().max(1e-6);
        let (cx, cy) = ((sx + tx) / 2.0 - dy / len * bend * len, (sy + ty) / 2.0 + dx / len * bend * len);
        let unit_to = |fx: f64, fy: f64, gx: f64, gy: f64| {
            let (ux, uy) = (gx - fx, gy - fy);
            let l = (ux * ux + uy * uy).sqrt().max(1e-6);
            (ux / l, uy / l)
        };
        let (u1x, u1y) = unit_to(sx, sy, cx, cy);
        let (u2x, u2y) = unit_to(cx, cy, tx, ty);
        let (s0x, s0y) = (sx + u1x * (radius[a] + 1.0), sy + u1y * (radius[a] + 1.0));
        let (e0x, e0y) = (tx - u2x * (radius[b] + 2.0), ty - u2y * (radius[b] + 2.0));
        let width = (1.2 + 1.5 * (e.weight as f64).sqrt()).min(8.0);
        let types = e.types.iter().map(|(t, n)| format!("{t} {n}")).collect::<Vec<_>>().join(", ");
        let period = match (e.first, e.last) {
            (Some(a), Some(b)) if a != b => format!(", {a} to {b}"),
            (Some(a), _) | (None, Some(a)) => format!(", {}", fmt_date(Some(a))),
            _ => String::new(),
        };
        let title = format!(
            "{} → {}: {} ×{} ({}){}",
            ctx.name(&e.source),
            ctx.name(&e.target),
            relation_name(e.relation),
            e.weight,
            types,
            period
        );
        let _ = write!(
            s,
            "<path class=\"edge {}\" d=\"M{},{}Q{},{} {},{}\" stroke=\"{}\" stroke-width=\"{}\" marker-end=\"url(#ah-{})\"><title>{}</title></path>",
            relation_name(e.relation),
            f1(s0x),
            f1(s0y),
            f1(cx),
            f1(cy),
            f1(e0x),
            f1(e0y),
            relation_colour(e.relation),
            f1(width),
            relation_name(e.relation),
            html(&title)
        );
    }
    s.push_str("</g><g class=\"nodes\">");
    let mut labeler = Labeler::new(W, H);
    for (i, &(x, y)) in pos.iter().enumerate() {
        labeler.block(Rect { x: x - radius[i], y: y - radius[i], w: 2.0 * radius[i], h: 2.0 * radius[i] });
    }
    let mut labels = String::new();
    for (i, (id, deg)) in nodes.iter().enumerate() {
        let (x, y) = pos[i];
        let name = ctx.name(id);
        let _ = write!(
            s,
            "<circle class=\"node\" cx=\"{}\" cy=\"{}\" r=\"{}\"><title>{} ({} event{})</title></circle>",
            f1(x),
            f1(y),
            f1(radius[i]),
            html(name),
            deg,
            if *deg == 1 { "" } else { "s" }
        );
        let lines = crate::svg::wrap(name, 18, 2);
        let (p, lh) = labeler.place_lines_anyway(&lines, x, y, radius[i], 12.9);
        let (lx, ly, anchor) = (p.x, p.y, p.anchor);
        let _ = write!(labels, "<text class=\"nlabel\" x=\"{}\" y=\"{}\" text-anchor=\"{anchor}\">", f1(lx), f1(ly));
        for (j, line) in lines.iter().enumerate() {
            if j == 0 {
                let _ = write!(labels, "{}", html(line));
            } else {
                let _ = write!(labels, "<tspan x=\"{}\" dy=\"{}\">{}</tspan>", f1(lx), f1(lh), html(line));
            }
        }
        labels.push_str("</text>");
    }
    s.push_str("</g><g class=\"nlabels\">");
    s.push_str(&labels);
    s.push_str("</g>");
    if nodes.is_empty() {
        let _ = write!(s, "<text class=\"empty\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">No support or hostility relations found</text>", W / 2.0, H / 2.0);
    }
    s.push_str("</svg>");

    let mut lg = String::from(
        "<div class=\"legend\"><span class=\"chip\"><i class=\"ln sup\"></i>support (AID, SUPPORT, COOPERATE, AGREE)</span><span class=\"chip\"><i class=\"ln hos\"></i>hostility (ASSAULT, THREATEN, COERCE, ACCUSE, SANCTION)</span><span class=\"lg-note\">width: number of events</span>",
    );
    if total_nodes > nodes.len() {
        let _ = write!(lg, "<span class=\"lg-note\">{} most connected of {} actors</span>", nodes.len(), total_nodes);
    }
    lg.push_str("</div>");
    NetworkFigure { svg: s, legend: lg }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layout_is_deterministic_and_spread() {
        let links = [(0, 1, 3.0), (1, 2, 1.0), (2, 0, 1.0), (3, 4, 2.0)];
        let a = layout(5, &links);
        let b = layout(5, &links);
        assert_eq!(a, b);
        for i in 0..5 {
            for j in (i + 1)..5 {
                let d = ((a[i].0 - a[j].0).powi(2) + (a[i].1 - a[j].1).powi(2)).sqrt();
                assert!(d > 0.05, "nodes {i} and {j} overlap: {d}");
            }
        }
    }
}
