//! PLOVER JSON: one record per event report, one record a line (the
//! manual's JSONL suggestion), with the manual's field names.

use std::io::{self, Write};

use serde_json::{json, Map, Value};
use sitrep_model::{Document, Event};

use crate::ctx::Ctx;
use crate::mapping;
use crate::text::{char_offset, sentence_index, span_text};

pub(crate) fn write(ctx: &Ctx<'_>, out: &mut dyn Write) -> io::Result<()> {
    for doc in ctx.docs {
        for ev in &doc.events {
            let rec = record(ctx, doc, ev);
            serde_json::to_writer(&mut *out, &rec)?;
            out.write_all(b"\n")?;
        }
    }
    Ok(())
}

/// A PLOVER actor object for an entity of `doc`.
fn actor(ctx: &Ctx<'_>, doc: &Document, id: &str) -> Value {
    let local = doc.entities.iter().find(|e| e.id == id);
    let e = ctx.ent(id);
    json!({
        "code": e.and_then(|e| e.code.clone()).or_else(|| e.and_then(|e| e.country.clone())),
        "sector": e.and_then(|e| e.sector.clone()),
        "actor_text": local.and_then(|l| l.mentions.first()).map(|m| m.text.clone()),
        "identifier_id": e.and_then(|e| e.wikidata.clone()),
        "identifier_text": ctx.name(id),
        "id": id,
        "type": e.map(|e| e.kind.as_str()),
        "country": e.and_then(|e| e.country.clone()),
    })
}

pub(crate) fn record(ctx: &Ctx<'_>, doc: &Document, ev: &Event) -> Value {
    let id = if ev.id.starts_with(&doc.id) { ev.id.clone() } else { format!("{}-{}", doc.id, ev.id) };
    let actors: Vec<Value> = ev.source.iter().map(|s| actor(ctx, doc, s)).collect();
    let recipients: Vec<Value> = ev.target.iter().map(|s| actor(ctx, doc, s)).collect();
    let place = ctx.place(ev.location.as_ref().map(|p| p.id.as_str()), ev.location.as_ref());
    let event_loc = place.map(|p| {
        json!({
            "geonameid": Value::Null,
            "name": p.name,
            "latitude": p.lat,
            "longitude": p.lon,
            "cc3": p.country,
            "feature": p.feature,
            "id": p.id,
        })
    });
    let mut context: Vec<&str> = mapping::plover_context(&ev.kind, ev.mode.as_deref(), ev.control.is_some());
    match ev.status {
        sitrep_model::Status::Hypothetical => context.push("hypothetical"),
        sitrep_model::Status::Intended => context.push("future"),
        _ => {}
    }
    let evidence = span_text(doc, ev.span);
    let cameo = mapping::cameo_code(&ev.kind, ev.mode.as_deref(), ev.plan.as_ref(), ev.control.is_some(), ev.cameo.as_deref());

    let mut m = Map::new();
    m.insert("id".into(), json!(id));
    m.insert("date".into(), json!(ev.date.map(|d| d.to_string())));
    m.insert("date_precision".into(), json!(ev.date.map(|d| format!("{:?}", d.precision()).to_lowercase())));
    m.insert("actor".into(), Value::Array(actors.clone()));
    m.insert("source".into(), Value::Array(actors));
    m.insert("recipient".into(), Value::Array(recipients));
    m.insert("event".into(), json!(ev.kind));
    m.insert("mode".into(), json!(ev.mode));
    m.insert("context".into(), json!(context));
    m.insert("quad_code".into(), json!(mapping::plover_quad(&ev.kind)));
    m.insert("event_scale".into(), json!(mapping::event_scale(&ev.kind)));
    m.insert("event_loc".into(), event_loc.unwrap_or(Value::Null));
    m.insert("event_text".into(), json!([evidence]));
    m.insert(
        "text_info".into(),
        json!({
            "sequence": sentence_index(doc, ev.span.start),
            "start": char_offset(&doc.text, ev.span.start),
            "end": char_offset(&doc.text, ev.span.end),
        }),
    );
    if let Some(size) = &ev.size {
        for (k, v) in [("dead", size.dead), ("injured", size.injured), ("displaced", size.displaced), ("captured", size.captured)] {
            if let Some(v) = v {
                m.insert(k.into(), json!(v));
            }
        }
        if !size.other.is_empty() {
            m.insert("size_other".into(), json!(size.other));
        }
    }
    m.insert("status".into(), json!(ev.status.as_str()));
    if !ev.claimed_by.is_empty() {
        m.insert("claimed_by".into(), json!(ev.claimed_by.iter().map(|c| actor(ctx, doc, c)).collect::<Vec<_>>()));
    }
    if let Some(c) = &ev.control {
        m.insert(
            "control".into(),
            json!({"place": c.place, "place_name": ctx.name(&c.place), "gained_by": c.gained_by, "lost_by": c.lost_by}),
        );
    }
    if let Some(p) = &ev.plan {
        m.insert("plan".into(), json!({"event": p.kind, "mode": p.mode}));
    }
    m.insert("link".into(), json!(ctx.cluster_of(doc, ev)));
    m.insert("cameo".into(), json!(cameo));
    m.insert("confidence".into(), json!((ev.confidence as f64 * 1000.0).round() / 1000.0));
    m.insert(
        "cite_info".into(),
        json!({
            "citation": doc.id,
            "url": doc.url,
            "title": doc.title,
            "publication": doc.outlet,
            "date": doc.published.map(|d| d.to_string()),
            "language": doc.lang,
            "coder": concat!("sitrep ", env!("CARGO_PKG_VERSION")),
            "codebook": "plover-sitrep",
        }),
    );
    m.insert("coder".into(), json!(concat!("sitrep ", env!("CARGO_PKG_VERSION"))));
    Value::Object(m)
}
