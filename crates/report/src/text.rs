//! The one-screen text summary printed on stdout.

use std::fmt::Write;

use sitrep_picture::{ContradictionKind, Picture};

use crate::ctx::{fmt_date, fmt_period, Ctx};
use crate::esc::truncate;
use crate::style::relation_name;

/// At most this many lines per list.
const TOP: usize = 5;

/// A summary that fits one terminal screen (under 25 lines of at most ~100
/// characters): period, documents and outlets, events by type, the
/// strongest relations, the latest control changes and the contradictions.
pub fn summary_text(picture: &Picture) -> String {
    let docs: [sitrep_model::Document; 0] = [];
    let ctx = Ctx::new(picture, &docs);
    let pic = picture;
    let mut o = String::new();
    let _ = writeln!(o, "Situation report: {}", fmt_period(ctx.period()));
    let outlets = ctx.outlets();
    let _ = writeln!(
        o,
        "  {} documents from {} outlet{} · {} actors · {} events from {} reports",
        ctx.doc_list().count(),
        outlets.len(),
        if outlets.len() == 1 { "" } else { "s" },
        ctx.actor_count(),
        pic.clusters.len(),
        ctx.report_count()
    );
    let types = ctx.types();
    if !types.is_empty() {
        let mut line = String::from("Events by type:");
        for (k, n) in &types {
            let item = format!(" {k} {n} ·");
            if line.chars().count() + item.chars().count() > 98 {
                let _ = writeln!(o, "{}", line.trim_end_matches(" ·").trim_end_matches('·'));
                line = String::from("               ");
            }
            line.push_str(&item);
        }
        let _ = writeln!(o, "{}", line.trim_end_matches('·').trim_end());
    }

    let mut edges: Vec<_> = pic.network.iter().collect();
    edges.sort_by(|a, b| b.weight.cmp(&a.weight).then(a.source.cmp(&b.source)).then(a.target.cmp(&b.target)));
    if !edges.is_empty() {
        let _ = writeln!(o, "Strongest relations ({} in all):", edges.len());
        let rows: Vec<(String, &sitrep_picture::Edge)> = edges
            .iter()
            .take(TOP)
            .map(|e| (format!("{} → {}", truncate(ctx.name(&e.source), 30), truncate(ctx.name(&e.target), 30)), *e))
            .collect();
        let wpair = rows.iter().map(|r| r.0.chars().count()).max().unwrap_or(0);
        for (pair, e) in rows {
            let types = e.types.iter().map(|(t, n)| format!("{t} {n}")).collect::<Vec<_>>().join(", ");
            let pad = " ".repeat(wpair - pair.chars().count());
            let _ = writeln!(o, "  {pair}{pad}  {:<9} ×{:<3} {}", relation_name(e.relation), e.weight, truncate(&types, 24));
        }
    }

    let mut steps: Vec<_> = pic.control.iter().flat_map(|p| p.steps.iter().map(move |s| (p, s))).collect();
    if !steps.is_empty() {
        steps.sort_by_key(|s| std::cmp::Reverse((s.1.date.is_some(), s.1.date)));
        let _ = writeln!(o, "Control changes ({} at {} places), latest first:", steps.len(), pic.control.len());
        for (p, s) in steps.iter().take(TOP) {
            let gained = truncate(&ctx.names(&s.gained_by), 22);
            let lost = truncate(&ctx.names(&s.lost_by), 22);
            let what = match (s.gained_by.is_empty(), s.lost_by.is_empty()) {
                (false, false) => format!("{gained} took it from {lost}"),
                (false, true) => format!("{gained} took it"),
                (true, _) => format!("{lost} lost it"),
            };
            let status = if s.status == sitrep_model::Status::Asserted { String::new() } else { format!(", {}", s.status.as_str()) };
            let _ = writeln!(
                o,
                "  {:<10}  {:<18}  {what} ({} outlet{}{status})",
                fmt_date(s.date),
                truncate(&p.name, 18),
                s.outlets.len(),
                if s.outlets.len() == 1 { "" } else { "s" },
            );
        }
    }

    let n = pic.contradictions.len();
    if n == 0 {
        let _ = writeln!(o, "Contradictions: none");
    } else {
        let by = |k: ContradictionKind| pic.contradictions.iter().filter(|c| c.kind == k).count();
        let parts: Vec<String> = [
            (ContradictionKind::Control, "control"),
            (ContradictionKind::Attribution, "attribution"),
            (ContradictionKind::Figures, "figures"),
            (ContradictionKind::Date, "date"),
        ]
        .iter()
        .filter(|(k, _)| by(*k) > 0)
        .map(|(k, name)| format!("{name} {}", by(*k)))
        .collect();
        let _ = writeln!(o, "Contradictions: {n} ({})", parts.join(", "));
        for c in pic.contradictions.iter().take(3) {
            let kind = match c.kind {
                ContradictionKind::Control => "control",
                ContradictionKind::Attribution => "attribution",
                ContradictionKind::Figures => "figures",
                ContradictionKind::Date => "date",
            };
            let about = c.place.as_deref().map(|p| ctx.place_name(p).to_string()).or_else(|| c.cluster.clone()).unwrap_or_default();
            let mut outlets: Vec<String> =
                c.sides.iter().map(|s| s.outlet.clone().unwrap_or_else(|| s.report.doc.clone())).collect();
            outlets.dedup();
            let _ = writeln!(o, "  {kind:<11} {}: {}", truncate(&about, 30), truncate(&outlets.join(" vs "), 60));
        }
    }
    // Untrusted names reach a terminal: no control characters (escape
    // sequences) but line breaks.
    o.chars().map(|c| if c.is_control() && c != '\n' { '\u{FFFD}' } else { c }).collect()
}
