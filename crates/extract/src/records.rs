//! The JSON Lines records of `spec/records.md`: one `document` record, then
//! its `entity` records, then its `event` records. Offsets are converted
//! here from the pipeline's byte offsets to Unicode scalar offsets.

use serde_json::{json, Map, Value};
use sitrep_model::{Document, PublishedFrom};
use sitrep_text::CharMap;

fn published_from(p: Option<PublishedFrom>) -> Value {
    match p {
        Some(PublishedFrom::Manifest) => json!("manifest"),
        Some(PublishedFrom::Metadata) => json!("metadata"),
        Some(PublishedFrom::Text) => json!("text"),
        None => Value::Null,
    }
}

/// The records of one document, in spec order.
pub fn records(doc: &Document) -> Vec<Value> {
    let cm = CharMap::new(&doc.text);
    let mut out = Vec::with_capacity(1 + doc.entities.len() + doc.events.len());
    out.push(json!({
        "kind": "document",
        "doc": doc.id,
        "title": doc.title,
        "outlet": doc.outlet,
        "url": doc.url,
        "published": doc.published.map(|d| d.to_string()),
        "published_from": published_from(doc.published_from),
        "lang": doc.lang.clone().unwrap_or_else(|| "en".into()),
        "chars": cm.chars(doc.text.len()),
        "sentences": doc.sentences.len(),
        "source": doc.origin.path,
    }));
    for e in &doc.entities {
        let mut r = Map::new();
        r.insert("kind".into(), json!("entity"));
        r.insert("doc".into(), json!(doc.id));
        r.insert("id".into(), json!(e.id));
        r.insert("name".into(), json!(e.name));
        r.insert("type".into(), json!(e.kind.as_str()));
        r.insert("aliases".into(), json!(e.aliases));
        r.insert("wikidata".into(), json!(e.wikidata));
        r.insert("country".into(), json!(e.country));
        r.insert("code".into(), json!(e.code));
        r.insert("sector".into(), json!(e.sector));
        if e.lat.is_some() {
            r.insert("lat".into(), json!(e.lat));
            r.insert("lon".into(), json!(e.lon));
            r.insert("feature".into(), json!(e.feature));
        }
        r.insert("known".into(), json!(e.known));
        let mentions: Vec<Value> = e
            .mentions
            .iter()
            .map(|m| {
                json!({"text": m.text, "start": cm.chars(m.span.start), "end": cm.chars(m.span.end),
                       "how": m.how, "score": round2(m.score)})
            })
            .collect();
        r.insert("mentions".into(), Value::Array(mentions));
        out.push(Value::Object(r));
    }
    for ev in &doc.events {
        let mut r = Map::new();
        r.insert("kind".into(), json!("event"));
        r.insert("doc".into(), json!(doc.id));
        r.insert("id".into(), json!(ev.id));
        r.insert("type".into(), json!(ev.kind));
        r.insert("mode".into(), json!(ev.mode));
        r.insert("source".into(), json!(ev.source));
        r.insert("target".into(), json!(ev.target));
        if let Some(c) = &ev.control {
            r.insert("control".into(), json!(c));
        }
        if let Some(s) = &ev.size {
            r.insert("size".into(), json!(s));
        }
        r.insert("location".into(), json!(ev.location));
        r.insert("date".into(), json!(ev.date.map(|d| d.to_string())));
        r.insert("date_from".into(), json!(ev.date_from));
        r.insert("date_precision".into(), json!(ev.date_precision));
        if let Some(n) = &ev.date_note {
            r.insert("date_note".into(), json!(n));
        }
        if let Some(range) = &ev.date_range {
            r.insert("date_range".into(), json!(range));
        }
        r.insert("status".into(), json!(ev.status.as_str()));
        r.insert("claimed_by".into(), json!(ev.claimed_by));
        if ev.target_inferred == Some(true) {
            r.insert("target_inferred".into(), json!(true));
        }
        if let Some(p) = &ev.plan {
            r.insert("plan".into(), json!(p));
        }
        r.insert("cameo".into(), json!(ev.cameo));
        r.insert("trigger".into(), json!(ev.trigger));
        r.insert("evidence".into(), json!(&doc.text[ev.span.start..ev.span.end]));
        r.insert("span".into(), json!([cm.chars(ev.span.start), cm.chars(ev.span.end)]));
        r.insert("confidence".into(), json!(round2(ev.confidence)));
        r.insert("cluster".into(), json!(ev.cluster));
        out.push(Value::Object(r));
    }
    out
}

fn round2(x: f32) -> f64 {
    (x as f64 * 100.0).round() / 100.0
}
