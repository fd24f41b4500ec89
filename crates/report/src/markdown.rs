//! The Markdown report: the same sections as the HTML one, as text and
//! tables (the figures become tables of places, dates and relations).

use std::collections::BTreeMap;
use std::fmt::Write;

use sitrep_model::Document;
use sitrep_picture::{ContradictionKind, Picture};

use crate::ctx::{fmt_date, fmt_period, last_holder, Ctx};
use crate::esc::{md, md_url, truncate};
use crate::html::size_text;
use crate::style::{relation_name, type_rank};

fn doc_ref(ctx: &Ctx, doc: &str) -> String {
    let d = ctx.doc(doc);
    let title = d.and_then(|d| d.title).map(|t| truncate(t, 90)).unwrap_or_else(|| doc.to_string());
    match d.and_then(|d| d.url).and_then(md_url) {
        Some(u) => format!("[{}]({u})", md(&title)),
        None => md(&title),
    }
}

/// Renders the report as Markdown.
pub fn render_markdown(picture: &Picture, docs: &[Document]) -> String {
    let ctx = Ctx::new(picture, docs);
    let pic = picture;
    let mut o = String::new();
    let docs_n = ctx.doc_list().count();
    let _ = writeln!(o, "# Situation report\n");
    let _ = writeln!(
        o,
        "**Period:** {} · **Documents:** {} from {} outlets · **Actors:** {} · **Events:** {} ({} reports) · **Control changes:** {} · **Contradictions:** {}\n",
        md(&fmt_period(ctx.period())),
        docs_n,
        ctx.outlets().len(),
        ctx.actor_count(),
        pic.clusters.len(),
        ctx.report_count(),
        ctx.control_changes(),
        pic.contradictions.len()
    );

    // Summary.
    o.push_str("## Summary\n\n");
    let types = ctx.types();
    if types.is_empty() {
        o.push_str("No events were found.\n\n");
    } else {
        o.push_str("| Type | Events | Reports |\n|---|---:|---:|\n");
        for (k, n) in &types {
            let reports: usize = pic.clusters.iter().filter(|c| c.kind.eq_ignore_ascii_case(k)).map(|c| c.reports.len()).sum();
            let _ = writeln!(o, "| {} | {n} | {reports} |", md(k));
        }
        o.push('\n');
    }
    let outlets = ctx.outlets();
    let _ = writeln!(o, "Outlets: {}.\n", if outlets.is_empty() { "none".to_string() } else { md(&outlets.join(", ")) });

    // Map.
    o.push_str("## Map\n\n");
    let mut by_place: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for c in &pic.clusters {
        if let Some(l) = c.location.as_deref() {
            by_place.entry(l).or_default().push(&c.kind);
        }
    }
    let holders: BTreeMap<&str, String> = pic
        .control
        .iter()
        .filter_map(|p| last_holder(p).map(|(h, st)| (p.place.as_str(), format!("{} (since {})", if h.is_empty() { "unknown".to_string() } else { ctx.names(h) }, fmt_date(st.date)))))
        .collect();
    let mut places: Vec<&str> = by_place.keys().copied().chain(holders.keys().copied()).collect();
    places.sort();
    places.dedup();
    if places.is_empty() {
        o.push_str("No event has a place.\n\n");
    } else {
        o.push_str("Places of events and of control changes (the HTML report draws them on a map).\n\n| Place | Lat | Lon | Events | Types | Last held by |\n|---|---:|---:|---:|---|---|\n");
        places.sort_by_key(|p| std::cmp::Reverse(by_place.get(p).map_or(0, |v| v.len())));
        for p in places {
            let coords = ctx.place(p).map(|pl| (format!("{:.2}", pl.lat), format!("{:.2}", pl.lon))).unwrap_or_default();
            let kinds = by_place.get(p).cloned().unwrap_or_default();
            let mut tc: BTreeMap<(usize, String), usize> = BTreeMap::new();
            for k in &kinds {
                *tc.entry((type_rank(k), k.to_ascii_uppercase())).or_default() += 1;
            }
            let tdesc = tc.iter().map(|((_, k), n)| format!("{k} {n}")).collect::<Vec<_>>().join(", ");
            let _ = writeln!(
                o,
                "| {} | {} | {} | {} | {} | {} |",
                md(ctx.place_name(p)),
                coords.0,
                coords.1,
                kinds.len(),
                md(&tdesc),
                md(holders.get(p).map(String::as_str).unwrap_or(""))
            );
        }
        o.push('\n');
    }

    // Timeline.
    o.push_str("## Timeline\n\n");
    let clusters = ctx.clusters_by_date();
    if clusters.is_empty() {
        o.push_str("No events.\n\n");
    } else {
        o.push_str("| Date | Type | Who | Place | Reports |\n|---|---|---|---|---:|\n");
        for c in &clusters {
            let who = if c.target.is_empty() {
                ctx.names(&c.source)
            } else {
                format!("{} → {}", ctx.names(&c.source), ctx.names(&c.target))
            };
            let _ = writeln!(
                o,
                "| {} | {} | {} | {} | {} |",
                fmt_date(c.date),
                md(&c.kind),
                md(&who),
                md(c.location.as_deref().map(|l| ctx.place_name(l)).unwrap_or("")),
                c.reports.len()
            );
        }
        o.push('\n');
    }

    // Network.
    o.push_str("## Network\n\n");
    if pic.network.is_empty() {
        o.push_str("No support or hostility relations found.\n\n");
    } else {
        o.push_str("| Source | Relation | Target | Events | Types | First | Last |\n|---|---|---|---:|---|---|---|\n");
        let mut edges: Vec<_> = pic.network.iter().collect();
        edges.sort_by(|a, b| b.weight.cmp(&a.weight).then(a.source.cmp(&b.source)).then(a.target.cmp(&b.target)));
        for e in edges {
            let types = e.types.iter().map(|(t, n)| format!("{t} {n}")).collect::<Vec<_>>().join(", ");
            let _ = writeln!(
                o,
                "| {} | {} | {} | {} | {} | {} | {} |",
                md(ctx.name(&e.source)),
                relation_name(e.relation),
                md(ctx.name(&e.target)),
                e.weight,
                md(&types),
                e.first.map(|d| d.to_string()).unwrap_or_default(),
                e.last.map(|d| d.to_string()).unwrap_or_default()
            );
        }
        o.push('\n');
    }

    // Control.
    o.push_str("## Control\n\n");
    if pic.control.is_empty() {
        o.push_str("No report says who gained or lost a place.\n\n");
    } else {
        o.push_str("| Place | Date | Gained by | Lost by | Status | Outlets | Event |\n|---|---|---|---|---|---|---|\n");
        for p in &pic.control {
            for st in &p.steps {
                let _ = writeln!(
                    o,
                    "| {} | {} | {} | {} | {} | {} | {} |",
                    md(&p.name),
                    fmt_date(st.date),
                    md(&ctx.names(&st.gained_by)),
                    md(&ctx.names(&st.lost_by)),
                    st.status.as_str(),
                    md(&st.outlets.join(", ")),
                    md(&st.cluster)
                );
            }
        }
        o.push('\n');
    }

    // Contradictions.
    o.push_str("## Contradictions\n\n");
    if pic.contradictions.is_empty() {
        o.push_str("None found.\n\n");
    }
    for c in &pic.contradictions {
        let kind = match c.kind {
            ContradictionKind::Control => "Who holds the place",
            ContradictionKind::Attribution => "Who did it",
            ContradictionKind::Figures => "Figures",
            ContradictionKind::Date => "When",
        };
        let mut about = Vec::new();
        if let Some(p) = &c.place {
            about.push(md(ctx.place_name(p)));
        }
        if let Some(cl) = &c.cluster {
            about.push(format!("event {}", md(cl)));
        }
        let _ = writeln!(o, "### {kind}{}{}\n", if about.is_empty() { "" } else { ": " }, about.join(", "));
        for s in &c.sides {
            let outlet = s.outlet.clone().unwrap_or_else(|| ctx.outlet_of(&s.report.doc));
            let _ = writeln!(o, "- **{}** ({}): {}\n  > {}", md(&outlet), doc_ref(&ctx, &s.report.doc), md(&s.claim), md(&s.evidence));
        }
        o.push('\n');
    }

    // Sources.
    o.push_str("## Sources\n\n");
    if !pic.sources.is_empty() {
        o.push_str("| Outlet | Documents | Events | Reported as fact | Carries claims of | Events only it reports |\n|---|---:|---:|---:|---|---|\n");
        for s in &pic.sources {
            let carries = s.carries.iter().take(5).map(|(id, n)| format!("{} ({n})", ctx.name(id))).collect::<Vec<_>>().join(", ");
            let _ = writeln!(
                o,
                "| {} | {} | {} | {:.0}% | {} | {} |",
                md(&s.outlet),
                s.documents,
                s.events,
                s.asserted_share * 100.0,
                md(&carries),
                md(&s.exclusive.join(", "))
            );
        }
        o.push('\n');
    }
    o.push_str("Documents:\n\n");
    for d in ctx.doc_list() {
        let _ = writeln!(
            o,
            "- `{}` {}{}{}",
            d.id.replace('`', "'"),
            d.published.map(|p| format!("{p} · ")).unwrap_or_default(),
            d.outlet.map(|s| format!("{} · ", md(s))).unwrap_or_default(),
            doc_ref(&ctx, d.id)
        );
    }
    o.push('\n');

    // Events.
    o.push_str("## Events\n\n");
    for c in &clusters {
        let _ = writeln!(
            o,
            "### {} · {} · {}{}{}\n",
            md(&c.id),
            fmt_date(c.date),
            md(&c.kind),
            c.mode.as_deref().map(|m| format!(" ({})", md(m))).unwrap_or_default(),
            c.location.as_deref().map(|l| format!(" at {}", md(ctx.place_name(l)))).unwrap_or_default()
        );
        let who = if c.target.is_empty() {
            md(&ctx.names(&c.source))
        } else {
            format!("{} → {}", md(&ctx.names(&c.source)), md(&ctx.names(&c.target)))
        };
        let _ = writeln!(
            o,
            "{who} · {} · {} report{} from {} outlet{} · confidence {:.2}\n",
            c.status.as_str(),
            c.reports.len(),
            if c.reports.len() == 1 { "" } else { "s" },
            c.outlets.len(),
            if c.outlets.len() == 1 { "" } else { "s" },
            c.confidence
        );
        for r in &c.reports {
            let published = ctx.doc(&r.doc).and_then(|d| d.published).map(|p| format!(", {p}")).unwrap_or_default();
            match ctx.evidence(r) {
                Some(ev) => {
                    let trig = if ev.trigger.is_empty() { String::new() } else { format!("**{}**", md(ev.trigger)) };
                    let e = ev.event;
                    let mut notes = vec![e.status.as_str().to_string()];
                    if !e.claimed_by.is_empty() {
                        notes.push(format!("according to {}", ctx.names(&e.claimed_by)));
                    }
                    if let Some(sz) = e.size.as_ref().filter(|s| !s.is_empty()) {
                        notes.push(size_text(sz));
                    }
                    if let Some(ctl) = &e.control {
                        notes.push(format!(
                            "control of {}: gained by {}, lost by {}",
                            ctx.place_name(&ctl.place),
                            ctx.names(&ctl.gained_by),
                            ctx.names(&ctl.lost_by)
                        ));
                    }
                    let _ = writeln!(
                        o,
                        "> {}{}{}\n>\n> — {}{}, {} ({})\n",
                        md(ev.before),
                        trig,
                        md(ev.after),
                        md(&ctx.outlet_of(&r.doc)),
                        published,
                        doc_ref(&ctx, &r.doc),
                        md(&notes.join("; "))
                    );
                }
                None => {
                    let _ = writeln!(o, "- {}{}, {} (report {})\n", md(&ctx.outlet_of(&r.doc)), published, doc_ref(&ctx, &r.doc), md(&r.event));
                }
            }
        }
    }
    let _ = writeln!(o, "---\n\nMade by sitrep. {}.", crate::geo::ATTRIBUTION);
    o
}
