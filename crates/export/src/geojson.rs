//! GeoJSON (RFC 7946) for QGIS: one Point feature per located real-world
//! event (`"layer": "event"`) and one per place with coordinates
//! (`"layer": "place"`, with who holds it according to the picture).
//! Properties are flat (strings and numbers) so that QGIS shows them as
//! attribute columns; lists are joined with "; ".

use std::collections::{HashMap, HashSet};
use std::io::{self, Write};

use serde_json::{json, Value};
use sitrep_model::EntityType;

use crate::ctx::Ctx;
use crate::mapping;
use crate::text::span_text;

fn point(lat: f64, lon: f64) -> Value {
    // 6 decimals (about 10 cm) is more than any gazetteer gives
    let r = |x: f64| (x * 1e6).round() / 1e6;
    json!({"type": "Point", "coordinates": [r(lon), r(lat)]})
}

pub(crate) fn write(ctx: &Ctx<'_>, out: &mut dyn Write) -> io::Result<()> {
    let mut features: Vec<Value> = Vec::new();
    let mut events_at: HashMap<String, usize> = HashMap::new();
    let names = |ids: &[String]| ids.iter().map(|i| ctx.name(i)).collect::<Vec<_>>().join("; ");

    for item in &ctx.items {
        let Some(place) = &item.place else { continue };
        let Some((lat, lon)) = place.coords() else { continue };
        if let Some(pid) = &place.id {
            *events_at.entry(pid.clone()).or_insert(0) += 1;
        }
        let code = item.cameo_code();
        let control = item.control();
        let sides = ctx.sides(item);
        let acled = mapping::acled_type(&item.kind, item.mode.as_deref(), control, sides);
        let rep = item.rep();
        features.push(json!({
            "type": "Feature",
            "id": item.id,
            "geometry": point(lat, lon),
            "properties": {
                "layer": "event",
                "id": item.id,
                "cluster": item.cluster,
                "date": item.date.map(|d| d.to_string()),
                "type": item.kind,
                "mode": item.mode,
                "cameo": code,
                "quad_class": mapping::quad_class(&item.kind),
                "goldstein": mapping::goldstein(&code),
                "status": item.status.as_str(),
                "source": names(&item.source),
                "target": names(&item.target),
                "source_ids": item.source.join("; "),
                "target_ids": item.target.join("; "),
                "place": place.name,
                "place_id": place.id,
                "country": place.country,
                "gained_by": control.map(|c| names(&c.gained_by)),
                "lost_by": control.map(|c| names(&c.lost_by)),
                "dead": item.min_count(|s| s.dead),
                "dead_max": item.max_count(|s| s.dead),
                "injured": item.min_count(|s| s.injured),
                "reports": item.reports.len(),
                "outlets": item.outlets.len(),
                "outlet_names": item.outlets.join("; "),
                "acled_event_type": acled.map(|a| a.event_type),
                "acled_sub_event_type": acled.map(|a| a.sub_event_type),
                "confidence": (item.confidence as f64 * 1000.0).round() / 1000.0,
                "url": item.url(),
                "evidence": rep.map(|r| span_text(r.doc, r.ev.span)),
            }
        }));
    }

    // places: entities of type place with coordinates, then places of the
    // control history the entities do not cover
    let control: HashMap<&str, &sitrep_picture::PlaceControl> = ctx.picture.control.iter().map(|c| (c.place.as_str(), c)).collect();
    let mut seen: HashSet<String> = HashSet::new();
    let place_feature = |id: &str, name: &str, lat: f64, lon: f64, feature: Option<&str>, country: Option<&str>, docs: Option<usize>| {
        let pc = control.get(id);
        let last = pc.and_then(|c| c.steps.iter().rev().find(|s| s.date.is_some()).or(c.steps.last()));
        json!({
            "type": "Feature",
            "id": format!("place:{id}"),
            "geometry": point(lat, lon),
            "properties": {
                "layer": "place",
                "id": id,
                "name": name,
                "feature": feature,
                "country": country,
                "docs": docs,
                "events": events_at.get(id).copied().unwrap_or(0),
                "holder": last.map(|s| names(&s.gained_by)),
                "holder_ids": last.map(|s| s.gained_by.join("; ")),
                "held_since": last.and_then(|s| s.date.map(|d| d.to_string())),
                "holder_status": last.map(|s| s.status.as_str()),
                "control_changes": pc.map(|c| c.steps.len()).unwrap_or(0),
            }
        })
    };
    for id in &ctx.ent_order {
        let Some(e) = ctx.ent(id) else { continue };
        if e.kind != EntityType::Place {
            continue;
        }
        let (Some(lat), Some(lon)) = (e.lat, e.lon) else { continue };
        seen.insert(id.clone());
        features.push(place_feature(id, &e.name, lat, lon, e.feature.as_deref(), e.country.as_deref(), Some(e.docs)));
    }
    for pc in &ctx.picture.control {
        if seen.contains(&pc.place) {
            continue;
        }
        let (Some(lat), Some(lon)) = (pc.lat, pc.lon) else { continue };
        seen.insert(pc.place.clone());
        let e = ctx.ent(&pc.place);
        features.push(place_feature(
            &pc.place,
            &pc.name,
            lat,
            lon,
            e.and_then(|e| e.feature.as_deref()),
            e.and_then(|e| e.country.as_deref()),
            e.map(|e| e.docs),
        ));
    }

    let fc = json!({
        "type": "FeatureCollection",
        "name": "sitrep",
        "features": features,
    });
    serde_json::to_writer_pretty(&mut *out, &fc)?;
    out.write_all(b"\n")
}
