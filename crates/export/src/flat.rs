//! Flat CSV for pandas: one row per event report, every field of the record
//! in its own column; lists joined with "; "; figures as numbers (a range
//! gives its bounds in `x` and `x_max`).

use std::io::{self, Write};

use sitrep_model::Count;

use crate::ctx::{count_high, count_low, Ctx};
use crate::mapping;
use crate::text::{coord, csv_line, opt, span_text};

pub const COLUMNS: [&str; 42] = [
    "doc", "event", "cluster", "date", "date_from", "type", "mode", "cameo", "cameo_root", "quad_class", "goldstein",
    "status", "source", "source_ids", "source_codes", "target", "target_ids", "target_codes", "location",
    "location_id", "country", "lat", "lon", "control_place", "gained_by", "lost_by", "dead", "dead_max", "injured",
    "injured_max", "displaced", "displaced_max", "captured", "captured_max", "claimed_by", "confidence", "trigger",
    "evidence", "outlet", "published", "url", "title",
];

pub(crate) fn write(ctx: &Ctx<'_>, out: &mut dyn Write) -> io::Result<()> {
    out.write_all(csv_line(&COLUMNS).as_bytes())?;
    let names = |ids: &[String]| ids.iter().map(|i| ctx.name(i)).collect::<Vec<_>>().join("; ");
    let codes = |ids: &[String]| ids.iter().map(|i| ctx.ent(i).map(|e| e.cameo_actor()).unwrap_or_default()).collect::<Vec<_>>().join("; ");
    let count = |c: Option<Count>| (opt(c.map(count_low)), opt(c.map(count_high)));
    for doc in ctx.docs {
        for ev in &doc.events {
            let code = mapping::cameo_code(&ev.kind, ev.mode.as_deref(), ev.plan.as_ref(), ev.control.is_some(), ev.cameo.as_deref());
            let place = ctx.place(ev.location.as_ref().map(|p| p.id.as_str()), ev.location.as_ref());
            let (lat, lon) = place.as_ref().and_then(|p| p.coords()).map(|(a, b)| (coord(a), coord(b))).unwrap_or_default();
            let size = ev.size.clone().unwrap_or_default();
            let (dead, dead_max) = count(size.dead);
            let (inj, inj_max) = count(size.injured);
            let (dis, dis_max) = count(size.displaced);
            let (cap, cap_max) = count(size.captured);
            let row: Vec<String> = vec![
                doc.id.clone(),
                ev.id.clone(),
                ctx.cluster_of(doc, ev).unwrap_or("").to_string(),
                opt(ev.date),
                ev.date_from.map(|d| format!("{d:?}").to_lowercase()).unwrap_or_default(),
                ev.kind.clone(),
                ev.mode.clone().unwrap_or_default(),
                code.clone(),
                code[..2.min(code.len())].to_string(),
                mapping::quad_class(&ev.kind).to_string(),
                format!("{:.1}", mapping::goldstein(&code)),
                ev.status.as_str().to_string(),
                names(&ev.source),
                ev.source.join("; "),
                codes(&ev.source),
                names(&ev.target),
                ev.target.join("; "),
                codes(&ev.target),
                place.as_ref().map(|p| p.name.clone()).unwrap_or_default(),
                place.as_ref().and_then(|p| p.id.clone()).unwrap_or_default(),
                place.as_ref().and_then(|p| p.country.clone()).unwrap_or_default(),
                lat,
                lon,
                ev.control.as_ref().map(|c| c.place.clone()).unwrap_or_default(),
                ev.control.as_ref().map(|c| c.gained_by.join("; ")).unwrap_or_default(),
                ev.control.as_ref().map(|c| c.lost_by.join("; ")).unwrap_or_default(),
                dead,
                dead_max,
                inj,
                inj_max,
                dis,
                dis_max,
                cap,
                cap_max,
                ev.claimed_by.join("; "),
                format!("{:.3}", ev.confidence),
                ev.trigger.clone(),
                span_text(doc, ev.span),
                doc.outlet.clone().unwrap_or_default(),
                opt(doc.published),
                doc.url.clone().unwrap_or_default(),
                doc.title.clone().unwrap_or_default(),
            ];
            debug_assert_eq!(row.len(), COLUMNS.len());
            out.write_all(csv_line(&row).as_bytes())?;
        }
    }
    Ok(())
}
