//! Tests of the three renderers on the sample picture (`tests/common`).

use crate::fixture::{documents, picture, XSS_IMG, XSS_SCRIPT};
use crate::{render_html, render_markdown, summary_text};
use sitrep_picture::Picture;

/// The text of the element that carries `id="…"`, up to its closing
/// `</section>` (figures and blocks are sections).
fn section<'a>(html: &'a str, id: &str) -> &'a str {
    let needle = format!("id=\"{id}\"");
    let start = html.find(&needle).unwrap_or_else(|| panic!("no element with id {id}"));
    let rest = &html[start..];
    &rest[..rest.find("</section>").expect("section end")]
}

/// Every value of an attribute `name="…"` in the page.
fn attr_values<'a>(html: &'a str, name: &str) -> Vec<&'a str> {
    let needle = format!(" {name}=\"");
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find(&needle) {
        let after = &rest[i + needle.len()..];
        let end = after.find('"').unwrap();
        out.push(&after[..end]);
        rest = &after[end..];
    }
    out
}

#[test]
fn html_has_every_section_and_figure() {
    let html = render_html(&picture(), &documents());
    for id in ["summary", "map", "timeline", "network", "control", "contradictions", "sources", "events"] {
        assert!(html.contains(&format!("id=\"{id}\"")), "missing #{id}");
    }
    for id in ["map", "timeline", "network"] {
        let s = section(&html, id);
        assert_eq!(s.matches("<svg").count(), 1, "#{id} has one svg");
        let shapes = s.matches("<path").count() + s.matches("<circle").count() + s.matches("<rect").count();
        assert!(shapes > 3, "#{id} draws {shapes} shapes");
    }
    // The map draws Libya and neighbours, markers, and labels.
    let map = section(&html, "map");
    assert!(map.contains("<title>Libya</title>"), "Libya outline");
    assert!(map.contains("class=\"land hot\""), "Libya shaded as a country with events");
    assert!(map.contains("Al-Watiya Air Base"));
    assert!(map.contains("class=\"ctl\""), "control markers");
    assert!(map.contains("Government of National Accord"), "holder legend");
    assert!(map.contains("Natural Earth"), "attribution");
    // The timeline has lanes for the types and control, and notes the undated event.
    let tl = section(&html, "timeline");
    for lane in ["ASSAULT", "AID", "SUPPORT", "control"] {
        assert!(tl.contains(&format!(">{lane}</text>")), "lane {lane}");
    }
    assert!(tl.contains("1 undated event not shown"), "undated note in the caption");
    assert!(tl.contains("class=\"tl-span\""), "month-precise dates as bars");
    // The network has both relations and the actors.
    let net = section(&html, "network");
    assert!(net.contains("class=\"edge support\"") && net.contains("class=\"edge hostility\""));
    for name in ["Turkey", "Russia"] {
        assert!(net.contains(&format!(">{name}</text>")), "node {name}");
    }
    assert!(net.contains("<title>Government of National Accord (7 events)</title>"));
    assert!(net.contains(">Government of<tspan") && net.contains(">National Accord</tspan>"), "long names wrap");
    // Tables and events.
    let ctl = section(&html, "control");
    assert!(ctl.contains("Tarhuna") && ctl.contains("Sirte") && ctl.contains("held by Government of National Accord since 2020-05-18"));
    let contra = section(&html, "contradictions");
    assert!(contra.contains("Who holds the place") && contra.contains("tactical withdrawal"));
    let events = section(&html, "events");
    assert_eq!(events.matches("<article class=\"ev\"").count(), 9);
    assert!(events.contains("<mark>seized</mark>"), "trigger highlighted in the evidence");
    assert!(events.contains("href=\"https://example.org/wire/2020/05/watiya\""), "source link");
    assert!(events.contains("id=\"type-filter\""));
}

#[test]
fn html_escapes_untrusted_text() {
    let html = render_html(&picture(), &documents());
    // Only the page's own script, no image, no event handler attributes.
    assert_eq!(html.matches("<script").count(), 1);
    assert!(!html.contains("<img"), "raw <img> in the page");
    assert!(!html.contains("<b>Bad</b>"), "raw markup from an outlet name");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "escaped script shown as text");
    assert!(html.contains("&lt;img src=x onerror=alert(2)&gt;"), "escaped img shown as text");
    assert!(html.contains("&lt;b&gt;Bad&lt;/b&gt; Outlet"));
    // The javascript: URL is never a link.
    assert!(!html.to_ascii_lowercase().contains("href=\"javascript:"));
    assert!(!html.contains("javascript:alert(3)\""), "script URL in an attribute");
    let handlers: Vec<&str> = attr_values(&html, "onerror").into_iter().chain(attr_values(&html, "onclick")).collect();
    assert!(handlers.is_empty(), "event handler attributes {handlers:?}");
}

#[test]
fn html_loads_nothing_from_the_network() {
    let docs = documents();
    let html = render_html(&picture(), &docs);
    let own: Vec<String> = docs.iter().filter_map(|d| d.url.clone()).collect();
    assert!(attr_values(&html, "src").is_empty(), "no src attributes at all");
    for v in attr_values(&html, "href") {
        let ok = v.starts_with('#') || own.iter().any(|u| crate::esc::html(u) == v);
        assert!(ok, "unexpected href {v:?}");
    }
    for bad in ["<link", "@import", "url(http", "<iframe", "<object", "<embed", "xlink:href=\"http", "<base"] {
        assert!(!html.contains(bad), "{bad} found");
    }
    assert!(html.contains("Content-Security-Policy") && html.contains("default-src 'none'"));
}

#[test]
fn html_is_deterministic() {
    assert_eq!(render_html(&picture(), &documents()), render_html(&picture(), &documents()));
}

#[test]
fn html_renders_an_empty_picture() {
    let html = render_html(&Picture::default(), &[]);
    for id in ["map", "timeline", "network", "control", "contradictions", "events"] {
        assert!(html.contains(&format!("id=\"{id}\"")));
    }
    assert!(html.contains("No event has a located place"));
    let md = render_markdown(&Picture::default(), &[]);
    assert!(md.contains("## Events"));
    let text = summary_text(&Picture::default());
    assert!(text.contains("no dated events"));
}

#[test]
fn markdown_has_each_section_and_is_inert() {
    let md = render_markdown(&picture(), &documents());
    for h in ["# Situation report", "## Summary", "## Map", "## Timeline", "## Network", "## Control", "## Contradictions", "## Sources", "## Events"] {
        assert!(md.contains(&format!("\n{h}\n")) || md.starts_with(&format!("{h}\n")), "missing {h}");
    }
    assert!(md.contains("| Al\\-Watiya Air Base |") || md.contains("| Al-Watiya Air Base |"));
    assert!(md.contains("[Government forces seize al-Watiya air base](https://example.org/wire/2020/05/watiya)"));
    assert!(md.contains("**seized**"));
    assert!(!md.contains(XSS_SCRIPT) && !md.contains(XSS_IMG) && !md.contains("<b>"));
    assert!(md.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(!md.contains("(javascript:"));
    assert!(md.contains("| 2020-05-18 | ASSAULT |"));
    assert!(md.contains("| Turkey | support | Government of National Accord | 2 |"));
}

#[test]
fn summary_fits_one_screen() {
    let text = summary_text(&picture());
    println!("{text}");
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines.len() <= 24, "{} lines", lines.len());
    assert!(lines.iter().all(|l| l.chars().count() <= 110), "a line is too long");
    assert!(text.contains("2019-11-27 to 2020-06-05"));
    assert!(text.contains("5 documents from 4 outlets"));
    assert!(text.contains("ASSAULT 5"));
    assert!(text.contains("Government of National Accord → Libyan National Army"));
    assert!(text.contains("2020-06-05  Tarhuna             Government of Nationa… took it from Libyan National Army"), "control line");
    assert!(text.contains("control     Al-Watiya Air Base: Example Wire vs Example Monitor"));
    assert!(text.contains("Contradictions: 2 (control 1, attribution 1)"));
}
