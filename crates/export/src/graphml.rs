//! GraphML for Gephi: actors as nodes, the picture's support/hostility
//! relations as directed weighted edges (weight = number of real-world
//! events behind the edge). With an empty picture network the edges are
//! derived from the events the same way the picture does.

use std::collections::{BTreeMap, HashSet};
use std::io::{self, Write};

use sitrep_model::{PartialDate, Status};
use sitrep_picture::{Edge, Relation};

use crate::ctx::Ctx;
use crate::gdelt::pairs;
use crate::text::xml_escape;

/// The relation a PLOVER type puts on the network, as the picture does.
pub fn relation(kind: &str) -> Option<Relation> {
    match kind {
        "AID" | "SUPPORT" | "COOPERATE" | "AGREE" => Some(Relation::Support),
        "ASSAULT" | "THREATEN" | "COERCE" | "ACCUSE" | "SANCTION" => Some(Relation::Hostility),
        _ => None,
    }
}

fn relation_name(r: Relation) -> &'static str {
    match r {
        Relation::Support => "support",
        Relation::Hostility => "hostility",
    }
}

/// Edges derived from the events when the picture has none.
fn derive_edges(ctx: &Ctx<'_>) -> Vec<Edge> {
    let mut map: BTreeMap<(String, String, Relation), Edge> = BTreeMap::new();
    for item in &ctx.items {
        if matches!(item.status, Status::Denied | Status::Hypothetical) {
            continue;
        }
        let Some(rel) = relation(&item.kind) else { continue };
        for (a, b) in pairs(item) {
            let (Some(a), Some(b)) = (a, b) else { continue };
            let e = map.entry((a.to_string(), b.to_string(), rel)).or_insert_with(|| Edge {
                source: a.to_string(),
                target: b.to_string(),
                relation: rel,
                weight: 0,
                types: Vec::new(),
                first: None,
                last: None,
                clusters: Vec::new(),
            });
            if e.clusters.contains(&item.id) {
                continue;
            }
            e.weight += 1;
            e.clusters.push(item.id.clone());
            match e.types.iter_mut().find(|(t, _)| *t == item.kind) {
                Some(t) => t.1 += 1,
                None => e.types.push((item.kind.clone(), 1)),
            }
            if let Some(d) = item.date {
                e.first = Some(e.first.map_or(d, |f: PartialDate| f.min(d)));
                e.last = Some(e.last.map_or(d, |l: PartialDate| l.max(d)));
            }
        }
    }
    map.into_values().collect()
}

const NODE_KEYS: [(&str, &str, &str); 6] = [
    ("label", "label", "string"),
    ("type", "type", "string"),
    ("country", "country", "string"),
    ("code", "code", "string"),
    ("sector", "sector", "string"),
    ("docs", "docs", "int"),
];

const EDGE_KEYS: [(&str, &str, &str); 7] = [
    ("elabel", "label", "string"),
    ("relation", "relation", "string"),
    ("weight", "weight", "double"),
    ("types", "types", "string"),
    ("first", "first", "string"),
    ("last", "last", "string"),
    ("clusters", "clusters", "string"),
];

fn data(out: &mut dyn Write, key: &str, value: &str) -> io::Result<()> {
    if value.is_empty() {
        return Ok(());
    }
    writeln!(out, "      <data key=\"{}\">{}</data>", key, xml_escape(value))
}

pub(crate) fn write(ctx: &Ctx<'_>, out: &mut dyn Write) -> io::Result<()> {
    let derived;
    let edges: &[Edge] = if ctx.picture.network.is_empty() {
        derived = derive_edges(ctx);
        &derived
    } else {
        &ctx.picture.network
    };
    let mut node_ids: Vec<&str> = Vec::new();
    let mut seen: HashSet<&str> = HashSet::new();
    // nodes in entity order, then any edge end the entities do not know
    let in_edges: HashSet<&str> = edges.iter().flat_map(|e| [e.source.as_str(), e.target.as_str()]).collect();
    for id in &ctx.ent_order {
        if in_edges.contains(id.as_str()) && seen.insert(id.as_str()) {
            node_ids.push(id.as_str());
        }
    }
    for e in edges {
        for id in [e.source.as_str(), e.target.as_str()] {
            if seen.insert(id) {
                node_ids.push(id);
            }
        }
    }

    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">"#
    )?;
    for (id, name, ty) in NODE_KEYS {
        writeln!(out, r#"  <key id="{id}" for="node" attr.name="{name}" attr.type="{ty}"/>"#)?;
    }
    for (id, name, ty) in EDGE_KEYS {
        writeln!(out, r#"  <key id="{id}" for="edge" attr.name="{name}" attr.type="{ty}"/>"#)?;
    }
    writeln!(out, r#"  <graph id="sitrep" edgedefault="directed">"#)?;
    for id in node_ids {
        writeln!(out, r#"    <node id="{}">"#, xml_escape(id))?;
        let e = ctx.ent(id);
        data(out, "label", ctx.name(id))?;
        data(out, "type", e.map(|e| e.kind.as_str()).unwrap_or(""))?;
        data(out, "country", e.and_then(|e| e.country.as_deref()).unwrap_or(""))?;
        data(out, "code", e.and_then(|e| e.code.as_deref()).unwrap_or(""))?;
        data(out, "sector", e.and_then(|e| e.sector.as_deref()).unwrap_or(""))?;
        data(out, "docs", &e.map(|e| e.docs.to_string()).unwrap_or_default())?;
        writeln!(out, "    </node>")?;
    }
    for (i, e) in edges.iter().enumerate() {
        writeln!(out, r#"    <edge id="e{}" source="{}" target="{}">"#, i + 1, xml_escape(&e.source), xml_escape(&e.target))?;
        let rel = relation_name(e.relation);
        data(out, "elabel", rel)?;
        data(out, "relation", rel)?;
        data(out, "weight", &e.weight.to_string())?;
        data(out, "types", &e.types.iter().map(|(t, n)| format!("{t}:{n}")).collect::<Vec<_>>().join("; "))?;
        data(out, "first", &e.first.map(|d| d.to_string()).unwrap_or_default())?;
        data(out, "last", &e.last.map(|d| d.to_string()).unwrap_or_default())?;
        data(out, "clusters", &e.clusters.join("; "))?;
        writeln!(out, "    </edge>")?;
    }
    writeln!(out, "  </graph>")?;
    writeln!(out, "</graphml>")
}
