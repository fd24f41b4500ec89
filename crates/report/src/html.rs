//! The self-contained HTML report: inline CSS, inline SVG, one small inline
//! script (a filter and layout boxes for tests) allowed by its hash in the
//! page's Content-Security-Policy, which also blocks every network load.

use std::fmt::Write;

use sitrep_model::{Count, Document, Size, Status};
use sitrep_picture::{Cluster, ContradictionKind, Picture};

use crate::ctx::{fmt_date, fmt_period, last_holder, Ctx};
use crate::esc::{href, html, ident, truncate};
use crate::style::type_colour;
use crate::{map, network, timeline};

/// The page's only script. It unhides and drives the event filter and
/// records each figure's box (`data-box="x,y,w,h"`) for the browser test.
/// The page renders completely without it.
pub(crate) const SCRIPT: &str = "(function(){var bar=document.getElementById('type-filter');if(bar){var items=document.querySelectorAll('#events article.ev');bar.hidden=false;bar.addEventListener('click',function(e){var b=e.target.closest('button');if(!b){return;}var t=b.getAttribute('data-type');var bs=bar.querySelectorAll('button');for(var i=0;i<bs.length;i++){bs[i].setAttribute('aria-pressed',bs[i]===b?'true':'false');}for(var j=0;j<items.length;j++){items[j].hidden=!(t==='all'||items[j].getAttribute('data-type')===t);}});}var figs=document.querySelectorAll('[data-figure]');for(var k=0;k<figs.length;k++){var r=figs[k].getBoundingClientRect();figs[k].setAttribute('data-box',[Math.round(r.left+window.scrollX),Math.round(r.top+window.scrollY),Math.round(r.width),Math.round(r.height)].join(','));}})();";

/// `'sha256-…'` of [`SCRIPT`] (checked by a unit test).
pub(crate) const SCRIPT_HASH: &str = "sha256-vhJzOFW6wz2If2ZaEEPP+j8fAUrxuV4ISDJ8ZUTUSH8=";

const CSS: &str = r#"
:root{--ink:#1d2733;--muted:#5b6675;--line:#dde2e8;--bg:#f4f6f8;--panel:#fff;--accent:#0072B2}
*{box-sizing:border-box}
[hidden]{display:none!important}
html{font-size:14px}
body{margin:0;background:var(--bg);color:var(--ink);font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Liberation Sans","DejaVu Sans",Arial,sans-serif;line-height:1.45}
a{color:var(--accent)}
.top{background:#1d2733;color:#fff;padding:8px 18px;display:flex;align-items:center;gap:24px;flex-wrap:wrap}
.top h1{font-size:1.35rem;margin:0;font-weight:650;letter-spacing:.01em}
.top .sub{margin:0;color:#c9d2dc;font-size:.93rem}
.top nav{margin-left:auto;display:flex;gap:14px;flex-wrap:wrap}
.top nav a{color:#cfe3f5;text-decoration:none;font-size:.9rem}
.top nav a:hover{text-decoration:underline}
main{max-width:1400px;margin:0 auto;padding:10px 12px 30px}
.stats{display:flex;gap:8px;flex-wrap:wrap;margin-bottom:10px}
.stat{background:var(--panel);border:1px solid var(--line);border-radius:8px;padding:6px 12px;min-width:92px}
.stat b{display:block;font-size:1.45rem;line-height:1.2;font-variant-numeric:tabular-nums}
.stat span{color:var(--muted);font-size:.82rem}
.stat.types{flex:1;min-width:320px}
.typebar{display:flex;height:12px;border-radius:6px;overflow:hidden;margin:5px 0 4px;background:#eee}
.typebar i{display:block;height:100%}
.typekeys{display:flex;flex-wrap:wrap;gap:2px 12px;font-size:.8rem;color:var(--muted)}
.figs{display:grid;grid-template-columns:minmax(0,1.43fr) minmax(0,1fr);gap:10px}
.panel{background:var(--panel);border:1px solid var(--line);border-radius:8px;padding:6px 10px 6px}
.panel.wide{grid-column:1/-1}
.panel h2{font-size:1rem;margin:0 0 4px}
h2 small{font-weight:400;color:var(--muted);font-size:.85rem;margin-left:6px}
.fig svg{display:block;width:100%;height:auto}
.legend{display:flex;flex-wrap:wrap;gap:2px 12px;font-size:.8rem;color:var(--muted);margin-top:4px;align-items:center}
.legend .lg-h{font-weight:600;color:var(--ink)}
.legend .lg-note{font-style:italic}
.chip{display:inline-flex;align-items:center;gap:5px}
.chip i{display:inline-block}
.dot{width:10px;height:10px;border-radius:50%}
.sq{width:11px;height:11px;border-radius:2px}
.ln{width:22px;height:0;border-top:3px solid}
.ln.sup{border-top:3px dashed #009E73}
.ln.hos{border-top-color:#D55E00}
.sea{fill:#e4eef5}
.grat{stroke:#d2e0ea;stroke-width:.6;fill:none}
.land{fill:#f4f1ea;stroke:#a9a192;stroke-width:.7;stroke-linejoin:round}
.land.hot{fill:#e9e0cb}
.land:hover{fill:#efe6d2}
.clabel{fill:#8d8472;font-size:11px;letter-spacing:.12em;pointer-events:none}
.plabel,.nlabel,.tl-label{font-size:12px;fill:#1d2733;paint-order:stroke;stroke:#fff;stroke-width:3.2px;stroke-linejoin:round;pointer-events:none}
.nlabel{font-weight:600}
.mk-ring{fill:none;stroke:#fff;stroke-width:1.4}
.mk path,.mk circle{fill-opacity:.95}
.ctl{stroke:#fff;stroke-width:1.4}
.attrib{font-size:10px;fill:#7b8591}
.empty{font-size:16px;fill:#7b8591}
.net-bg{fill:#fbfcfd}
.edge{fill:none;stroke-linecap:round;opacity:.85}
.edge.support{stroke-dasharray:7 4}
.edge:hover{opacity:1}
.node{fill:#3d4a5c;stroke:#fff;stroke-width:1.6}
.lane{fill:#f3f5f7}
.lane-label{font-size:11.5px;fill:#3d4a5c;font-weight:600;letter-spacing:.03em}
.axis{stroke:#8a94a1;stroke-width:1}
.tick{stroke:#e3e7eb;stroke-width:1}
.tick.major{stroke:#c3cad2}
.tick-label{font-size:11px;fill:#5b6675}
.tick-label.year{font-weight:600}
.tl-ev{stroke:#fff;stroke-width:1.2;fill-opacity:.92}
.tl-span{fill-opacity:.5}
.tl-span.year{fill-opacity:.3}
.tl-ctl{fill:#1d2733;stroke:#fff;stroke-width:1}
.tl-note{font-size:11px;fill:#7b8591;font-style:italic}
svg a:hover circle,svg a:hover rect{stroke:#1d2733}
section.block{background:var(--panel);border:1px solid var(--line);border-radius:8px;padding:10px 14px;margin-top:12px}
section.block h2{font-size:1.1rem;margin:0 0 8px}
table{border-collapse:collapse;width:100%;font-size:.93rem}
th,td{text-align:left;padding:5px 8px;border-bottom:1px solid var(--line);vertical-align:top}
th{font-size:.8rem;text-transform:uppercase;letter-spacing:.04em;color:var(--muted);font-weight:600}
td.num{text-align:right;font-variant-numeric:tabular-nums}
td.nw{white-space:nowrap}
tr.first td{border-top:2px solid var(--line)}
.holder{font-size:.82rem;color:var(--muted)}
.badge{display:inline-block;padding:1px 7px;border-radius:4px;font-size:.76rem;font-weight:700;letter-spacing:.03em}
.st{display:inline-block;padding:0 6px;border-radius:4px;font-size:.78rem;border:1px solid var(--line);color:var(--muted)}
.st.asserted{border-color:#9ab;color:#234}
.st.claimed{border-style:dashed}
.st.denied{border-color:#D55E00;color:#8a3b00}
.muted{color:var(--muted)}
.contra{border-left:4px solid #E69F00;padding:4px 0 4px 12px;margin:10px 0}
.contra h3{font-size:.95rem;margin:0 0 4px}
blockquote{margin:3px 0;padding:3px 10px;border-left:3px solid #c9d1da;background:#f8f9fb;font-size:.93rem}
mark{background:#fff1b8;color:inherit;padding:0 1px;border-radius:2px}
.filter{display:flex;flex-wrap:wrap;gap:6px;margin:0 0 10px}
.filter button{font:inherit;font-size:.82rem;padding:3px 10px;border:1px solid var(--line);border-radius:14px;background:#fff;cursor:pointer;display:inline-flex;align-items:center;gap:5px}
.filter button[aria-pressed=true]{background:#1d2733;color:#fff;border-color:#1d2733}
article.ev{border-top:1px solid var(--line);padding:8px 0 6px}
article.ev:target{background:#fffbe6}
article.ev>header{display:flex;flex-wrap:wrap;gap:4px 10px;align-items:baseline}
article.ev .who{margin:3px 0;font-size:.98rem}
article.ev .evid{font-size:.78rem;color:var(--muted)}
.reports{list-style:none;margin:4px 0 0;padding:0}
.reports li{margin:6px 0}
.reports cite{display:block;font-style:normal;font-size:.82rem;color:var(--muted);padding-left:13px}
.ctlnote{font-size:.88rem}
footer{color:var(--muted);font-size:.82rem;margin-top:16px;text-align:center}
details summary{cursor:pointer;color:var(--accent);margin-top:8px}
@media (max-width:900px){.figs{grid-template-columns:1fr}.top nav{margin-left:0}}
@media print{.top{background:none;color:#000}.top nav,.filter{display:none}.panel,section.block{break-inside:avoid}}
"#;

/// Text colour readable on a badge of this background.
fn on(bg: &str) -> &'static str {
    let hex = bg.trim_start_matches('#');
    let v = u32::from_str_radix(hex, 16).unwrap_or(0);
    let (r, g, b) = (((v >> 16) & 255) as f64, ((v >> 8) & 255) as f64, (v & 255) as f64);
    if 0.299 * r + 0.587 * g + 0.114 * b > 150.0 {
        "#111"
    } else {
        "#fff"
    }
}

fn badge(kind: &str) -> String {
    let col = type_colour(kind);
    format!("<span class=\"badge\" style=\"background:{col};color:{}\">{}</span>", on(col), html(kind))
}

fn status_tag(s: Status) -> String {
    format!("<span class=\"st {0}\">{0}</span>", s.as_str())
}

fn count(c: &Count) -> String {
    match c {
        Count::Exact(n) => n.to_string(),
        Count::Range { min, max } => format!("{min}–{max}"),
    }
}

pub(crate) fn size_text(s: &Size) -> String {
    let mut parts = Vec::new();
    for (k, v) in [("dead", &s.dead), ("injured", &s.injured), ("displaced", &s.displaced), ("captured", &s.captured)] {
        if let Some(c) = v {
            parts.push(format!("{k} {}", count(c)));
        }
    }
    for o in &s.other {
        parts.push(format!("{} {}", o.what, count(&o.n)));
    }
    parts.join(", ")
}

/// A link to a document: its title (or id) to its URL when the URL is a
/// safe http(s) one, else plain text.
fn doc_link(ctx: &Ctx, doc: &str) -> String {
    let d = ctx.doc(doc);
    let title = d.and_then(|d| d.title).map(|t| truncate(t, 90)).unwrap_or_else(|| doc.to_string());
    match d.and_then(|d| d.url).and_then(href) {
        Some(u) => format!("<a href=\"{u}\" rel=\"noopener noreferrer nofollow\" target=\"_blank\">{}</a>", html(&title)),
        None => html(&title),
    }
}

fn summary(ctx: &Ctx, out: &mut String) {
    let pic = ctx.pic;
    let stats = [
        (pic.clusters.len(), "events"),
        (ctx.report_count(), "reports"),
        (ctx.doc_list().count(), "documents"),
        (ctx.outlets().len(), "outlets"),
        (ctx.actor_count(), "actors"),
        (ctx.control_changes(), "control changes"),
        (pic.contradictions.len(), "contradictions"),
    ];
    out.push_str("<section id=\"summary\" class=\"stats\" aria-label=\"Summary\">");
    for (n, label) in stats {
        let _ = write!(out, "<div class=\"stat\"><b>{n}</b><span>{label}</span></div>");
    }
    let types = ctx.types();
    let total: usize = types.iter().map(|t| t.1).sum();
    out.push_str("<div class=\"stat types\"><span>Events by type</span><div class=\"typebar\">");
    for (k, n) in &types {
        let _ = write!(
            out,
            "<i style=\"width:{:.2}%;background:{}\" title=\"{} {}\"></i>",
            100.0 * *n as f64 / total.max(1) as f64,
            type_colour(k),
            html(k),
            n
        );
    }
    out.push_str("</div><div class=\"typekeys\">");
    for (k, n) in &types {
        let _ = write!(out, "<span class=\"chip\"><i class=\"dot\" style=\"background:{}\"></i>{} {n}</span>", type_colour(k), html(k));
    }
    if types.is_empty() {
        out.push_str("<span>no events</span>");
    }
    out.push_str("</div></div></section>");
}

fn control(ctx: &Ctx, out: &mut String) {
    out.push_str("<section id=\"control\" class=\"block\"><h2>Control of places</h2>");
    if ctx.pic.control.is_empty() {
        out.push_str("<p class=\"muted\">No report says who gained or lost a place.</p></section>");
        return;
    }
    out.push_str("<table><thead><tr><th>Place</th><th>Date</th><th>Gained by</th><th>Lost by</th><th>Status</th><th>Outlets</th><th>Event</th></tr></thead><tbody>");
    for p in &ctx.pic.control {
        let holder = match last_holder(p) {
            Some((h, st)) if !h.is_empty() => format!("held by {} since {}", ctx.names(h), fmt_date(st.date)),
            Some(_) => "holder unknown".to_string(),
            None => String::new(),
        };
        for (i, st) in p.steps.iter().enumerate() {
            out.push_str(if i == 0 { "<tr class=\"first\">" } else { "<tr>" });
            if i == 0 {
                let _ = write!(
                    out,
                    "<td rowspan=\"{}\"><b>{}</b><div class=\"holder\">{}</div></td>",
                    p.steps.len(),
                    html(&p.name),
                    html(&holder)
                );
            }
            let _ = write!(
                out,
                "<td class=\"nw\">{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td><a href=\"#ev-{}\">{}</a></td></tr>",
                html(&fmt_date(st.date)),
                html(&ctx.names(&st.gained_by)),
                html(&ctx.names(&st.lost_by)),
                status_tag(st.status),
                html(&st.outlets.join(", ")),
                ident(&st.cluster),
                html(&st.cluster)
            );
        }
    }
    out.push_str("</tbody></table></section>");
}

fn contradictions(ctx: &Ctx, out: &mut String) {
    out.push_str("<section id=\"contradictions\" class=\"block\"><h2>Contradictions</h2>");
    if ctx.pic.contradictions.is_empty() {
        out.push_str("<p class=\"muted\">The sources do not contradict each other on control, attribution, figures or dates.</p></section>");
        return;
    }
    for c in &ctx.pic.contradictions {
        let kind = match c.kind {
            ContradictionKind::Control => "Who holds the place",
            ContradictionKind::Attribution => "Who did it",
            ContradictionKind::Figures => "Figures",
            ContradictionKind::Date => "When",
        };
        let mut about = Vec::new();
        if let Some(p) = &c.place {
            about.push(html(ctx.place_name(p)));
        }
        if let Some(cl) = &c.cluster {
            about.push(format!("event <a href=\"#ev-{}\">{}</a>", ident(cl), html(cl)));
        }
        let _ = write!(out, "<div class=\"contra\"><h3>{kind}{}{}</h3>", if about.is_empty() { "" } else { ": " }, about.join(", "));
        out.push_str("<table><thead><tr><th>Outlet</th><th>Says</th><th>Evidence</th></tr></thead><tbody>");
        for s in &c.sides {
            let outlet = s.outlet.clone().unwrap_or_else(|| ctx.outlet_of(&s.report.doc));
            let _ = write!(
                out,
                "<tr><td>{}<div class=\"holder\">{}</div></td><td>{}</td><td><blockquote>{}</blockquote></td></tr>",
                html(&outlet),
                doc_link(ctx, &s.report.doc),
                html(&s.claim),
                html(&s.evidence)
            );
        }
        out.push_str("</tbody></table></div>");
    }
    out.push_str("</section>");
}

fn sources(ctx: &Ctx, out: &mut String) {
    out.push_str("<section id=\"sources\" class=\"block\"><h2>Sources</h2>");
    if !ctx.pic.sources.is_empty() {
        out.push_str("<table><thead><tr><th>Outlet</th><th>Documents</th><th>Events</th><th>Reported as fact</th><th>Carries claims of</th><th>Events only it reports</th></tr></thead><tbody>");
        for s in &ctx.pic.sources {
            let carries = s.carries.iter().take(5).map(|(id, n)| format!("{} ({n})", ctx.name(id))).collect::<Vec<_>>().join(", ");
            let excl = s.exclusive.iter().take(12).map(|c| format!("<a href=\"#ev-{}\">{}</a>", ident(c), html(c))).collect::<Vec<_>>().join(" ");
            let _ = write!(
                out,
                "<tr><td><b>{}</b></td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{:.0}%</td><td>{}</td><td>{}{}</td></tr>",
                html(&s.outlet),
                s.documents,
                s.events,
                s.asserted_share * 100.0,
                html(&carries),
                excl,
                if s.exclusive.len() > 12 { format!(" <span class=\"muted\">+{}</span>", s.exclusive.len() - 12) } else { String::new() }
            );
        }
        out.push_str("</tbody></table>");
    }
    let docs: Vec<_> = ctx.doc_list().collect();
    let _ = write!(out, "<details{}><summary>Documents ({})</summary><table><thead><tr><th>Id</th><th>Published</th><th>Outlet</th><th>Title</th></tr></thead><tbody>", if ctx.pic.sources.is_empty() { " open" } else { "" }, docs.len());
    for d in docs {
        let _ = write!(
            out,
            "<tr><td>{}</td><td class=\"nw\">{}</td><td>{}</td><td>{}</td></tr>",
            html(d.id),
            html(&d.published.map(|p| p.to_string()).unwrap_or_default()),
            html(d.outlet.unwrap_or("")),
            doc_link(ctx, d.id)
        );
    }
    out.push_str("</tbody></table></details></section>");
}

fn event_entry(ctx: &Ctx, c: &Cluster, out: &mut String) {
    let kind = c.kind.to_ascii_uppercase();
    let _ = write!(out, "<article class=\"ev\" id=\"ev-{}\" data-type=\"{}\"><header>{}", ident(&c.id), html(&kind), badge(&kind));
    if let Some(m) = &c.mode {
        let _ = write!(out, "<span class=\"muted\">{}</span>", html(m));
    }
    let _ = write!(out, "<b>{}</b>", html(&fmt_date(c.date)));
    if let Some(l) = &c.location {
        let _ = write!(out, "<span>at {}</span>", html(ctx.place_name(l)));
    }
    let _ = write!(
        out,
        "{}<span class=\"evid\">{} · {} report{} · {} outlet{} · confidence {:.2}</span></header>",
        status_tag(c.status),
        html(&c.id),
        c.reports.len(),
        if c.reports.len() == 1 { "" } else { "s" },
        c.outlets.len(),
        if c.outlets.len() == 1 { "" } else { "s" },
        c.confidence
    );
    let src = if c.source.is_empty() {
        "<span class=\"muted\">source not named</span>".to_string()
    } else {
        format!("<b>{}</b>", html(&ctx.names(&c.source)))
    };
    let who = if c.target.is_empty() { src } else { format!("{src} → <b>{}</b>", html(&ctx.names(&c.target))) };
    let _ = write!(out, "<p class=\"who\">{who}</p>");
    // Control and figures as the reports give them.
    let mut seen_ctl = std::collections::BTreeSet::new();
    for r in &c.reports {
        if let Some(ctl) = ctx.event(r).and_then(|e| e.control.as_ref()) {
            let line = format!(
                "Control of {}: gained by {}, lost by {}",
                ctx.place_name(&ctl.place),
                ctx.names(&ctl.gained_by),
                ctx.names(&ctl.lost_by)
            );
            if seen_ctl.insert(line.clone()) {
                let _ = write!(out, "<p class=\"ctlnote\">{}</p>", html(&line));
            }
        }
    }
    out.push_str("<ul class=\"reports\">");
    for r in &c.reports {
        out.push_str("<li>");
        match ctx.evidence(r) {
            Some(ev) => {
                let _ = write!(out, "<blockquote>{}", html(ev.before));
                if !ev.trigger.is_empty() {
                    let _ = write!(out, "<mark>{}</mark>", html(ev.trigger));
                }
                let _ = write!(out, "{}</blockquote>", html(ev.after));
                let e = ev.event;
                let mut notes = vec![e.status.as_str().to_string()];
                if !e.claimed_by.is_empty() {
                    notes.push(format!("according to {}", ctx.names(&e.claimed_by)));
                }
                if let Some(sz) = e.size.as_ref().filter(|s| !s.is_empty()) {
                    notes.push(size_text(sz));
                }
                if e.kind.to_ascii_uppercase() != kind {
                    notes.push(format!("read as {}", e.kind));
                }
                let published = ctx.doc(&r.doc).and_then(|d| d.published).map(|p| format!(" · {p}")).unwrap_or_default();
                let _ = write!(
                    out,
                    "<cite>{}{} · {} · {}</cite>",
                    html(&ctx.outlet_of(&r.doc)),
                    html(&published),
                    doc_link(ctx, &r.doc),
                    html(&notes.join(" · "))
                );
            }
            None => {
                let _ = write!(out, "<cite>{} · {} · report {}</cite>", html(&ctx.outlet_of(&r.doc)), doc_link(ctx, &r.doc), html(&r.event));
            }
        }
        out.push_str("</li>");
    }
    out.push_str("</ul></article>");
}

fn events(ctx: &Ctx, out: &mut String) {
    let clusters = ctx.clusters_by_date();
    let _ = write!(out, "<section id=\"events\" class=\"block\"><h2>Events <small>{} events from {} reports, by date, each with its evidence</small></h2>", clusters.len(), ctx.report_count());
    let types = ctx.types();
    if types.len() > 1 {
        let _ = write!(out, "<div id=\"type-filter\" class=\"filter\" role=\"group\" aria-label=\"Filter events by type\" hidden><button type=\"button\" data-type=\"all\" aria-pressed=\"true\">All ({})</button>", clusters.len());
        for (k, n) in &types {
            let _ = write!(
                out,
                "<button type=\"button\" data-type=\"{}\" aria-pressed=\"false\"><i class=\"dot\" style=\"background:{}\"></i>{} ({n})</button>",
                html(k),
                type_colour(k),
                html(k)
            );
        }
        out.push_str("</div>");
    }
    if clusters.is_empty() {
        out.push_str("<p class=\"muted\">No events were found.</p>");
    }
    for c in clusters {
        event_entry(ctx, c, out);
    }
    out.push_str("</section>");
}

/// Renders the whole report as one self-contained HTML page.
pub fn render_html(picture: &Picture, docs: &[Document]) -> String {
    let ctx = Ctx::new(picture, docs);
    let period = fmt_period(ctx.period());
    let mut out = String::with_capacity(256 * 1024);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src '{SCRIPT_HASH}'; img-src data:; base-uri 'none'; form-action 'none'\">\
<meta name=\"referrer\" content=\"no-referrer\"><meta name=\"generator\" content=\"sitrep\"><title>Situation report · {}</title><style>{CSS}</style></head><body>",
        html(&period)
    );
    let docs_n = ctx.doc_list().count();
    let outlets = ctx.outlets().len();
    let _ = write!(
        out,
        "<header class=\"top\"><div><h1>Situation report</h1><p class=\"sub\">{} · {docs_n} document{} from {outlets} outlet{}</p></div><nav aria-label=\"Sections\"><a href=\"#map\">Map</a><a href=\"#network\">Network</a><a href=\"#timeline\">Timeline</a><a href=\"#control\">Control</a><a href=\"#contradictions\">Contradictions</a><a href=\"#sources\">Sources</a><a href=\"#events\">Events</a></nav></header><main>",
        html(&period),
        if docs_n == 1 { "" } else { "s" },
        if outlets == 1 { "" } else { "s" }
    );
    summary(&ctx, &mut out);

    let m = map::render(&ctx);
    let n = network::render(&ctx);
    let t = timeline::render(&ctx);
    let _ = write!(
        out,
        "<div class=\"figs\"><section id=\"map\" class=\"panel\"><h2>Map <small>events by type, places by last holder</small></h2><div class=\"fig\" data-figure=\"map\">{}</div>{}</section>",
        m.svg, m.legend
    );
    let _ = write!(
        out,
        "<section id=\"network\" class=\"panel\"><h2>Network <small>who supports and who fights whom</small></h2><div class=\"fig\" data-figure=\"network\">{}</div>{}</section>",
        n.svg, n.legend
    );
    let _ = write!(
        out,
        "<section id=\"timeline\" class=\"panel wide\"><h2>Timeline <small>events by date and type; diamonds: control changes{}{}</small></h2><div class=\"fig\" data-figure=\"timeline\">{}</div></section></div>",
        if t.note.is_empty() { "" } else { " · " },
        html(&t.note),
        t.svg
    );
    control(&ctx, &mut out);
    contradictions(&ctx, &mut out);
    sources(&ctx, &mut out);
    events(&ctx, &mut out);
    let _ = write!(
        out,
        "<footer><p>Made by sitrep from {docs_n} document{}. Evidence is quoted from the sources as extracted; follow the links for context. {}. “Made with Natural Earth.”</p></footer></main><script>{SCRIPT}</script></body></html>",
        if docs_n == 1 { "" } else { "s" },
        html(crate::geo::ATTRIBUTION)
    );
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use sha2::{Digest, Sha256};

    fn base64(bytes: &[u8]) -> String {
        const A: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        let mut s = String::new();
        for ch in bytes.chunks(3) {
            let b = [ch[0], *ch.get(1).unwrap_or(&0), *ch.get(2).unwrap_or(&0)];
            let n = (b[0] as u32) << 16 | (b[1] as u32) << 8 | b[2] as u32;
            for i in 0..4 {
                if i <= ch.len() {
                    s.push(A[(n >> (18 - 6 * i) & 63) as usize] as char);
                } else {
                    s.push('=');
                }
            }
        }
        s
    }

    #[test]
    fn script_hash_matches_the_script() {
        let h = format!("sha256-{}", base64(&Sha256::digest(SCRIPT.as_bytes())));
        assert_eq!(h, SCRIPT_HASH, "update SCRIPT_HASH to {h}");
    }

    #[test]
    fn badge_text_is_readable() {
        assert_eq!(on("#000000"), "#fff");
        assert_eq!(on("#DDCC77"), "#111");
    }
}
