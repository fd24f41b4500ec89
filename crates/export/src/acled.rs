//! CSV with ACLED's columns: one row per real-world event of a kind ACLED
//! records, event and sub-event types mapped from PLOVER type and mode
//! (`mapping::acled_type`).

use std::collections::HashMap;
use std::io::{self, Write};

use sitrep_model::{DateFrom, PartialDate, Precision, Status};

use crate::ctx::{Ctx, Item};
use crate::mapping;
use crate::text::{coord, csv_line, span_text};

/// ACLED's columns (in ACLED's order), then sitrep's own.
pub const COLUMNS: [&str; 29] = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "country", "admin1", "location", "latitude", "longitude", "geo_precision", "source", "notes", "fatalities",
    "tags",
    // sitrep's
    "sitrep_event", "plover_type", "plover_mode", "status",
];

/// ACLED records events that happened: asserted or claimed reports (an
/// AGREE or CONCEDE is itself the statement of intent).
fn included(item: &Item<'_>) -> bool {
    match item.status {
        Status::Asserted | Status::Claimed => true,
        Status::Intended => matches!(item.kind.as_str(), "AGREE" | "CONCEDE"),
        Status::Denied | Status::Hypothetical => false,
    }
}

/// ACLED event_date and time_precision: 1 the day is known, 2 the date fell
/// back to the publication date (the event happened about then), 3 only the
/// month or year is known (the middle of the month; 1 July of the year).
fn acled_date(item: &Item<'_>) -> Option<(String, u8, i32)> {
    let (d, fallback): (PartialDate, bool) = match item.date {
        Some(d) => (d, item.date_from() == Some(DateFrom::Published)),
        None => (item.first_published()?, true),
    };
    let (m, dd, prec) = match d.precision() {
        Precision::Day => (d.month.unwrap_or(1), d.day.unwrap_or(1), if fallback { 2 } else { 1 }),
        Precision::Month | Precision::Week => (d.month.unwrap_or(1), 15, 3),
        Precision::Year => (7, 1, 3),
    };
    Some((format!("{:04}-{:02}-{:02}", d.year, m, dd), prec, d.year))
}

pub(crate) fn write(ctx: &Ctx<'_>, out: &mut dyn Write) -> io::Result<()> {
    out.write_all(csv_line(&COLUMNS).as_bytes())?;
    let mut per_country: HashMap<String, u32> = HashMap::new();
    for item in ctx.items.iter().filter(|i| included(i)) {
        let country = ctx.event_country(item);
        let control = item.control();
        let facts = |id: &str| ctx.ent(id).map(|e| e.facts());
        let sides = ctx.sides(item);
        let Some(ty) = mapping::acled_type(&item.kind, item.mode.as_deref(), control, sides) else { continue };

        // actors
        let (a1, assoc1, a2, assoc2): (Option<&String>, &[String], Option<&String>, &[String]) =
            if item.target.is_empty() && item.source.len() >= 2 && item.kind == "ASSAULT" {
                (item.source.first(), &item.source[2..], item.source.get(1), &[])
            } else {
                (item.source.first(), item.source.get(1..).unwrap_or(&[]), item.target.first(), item.target.get(1..).unwrap_or(&[]))
            };
        let protest = if item.kind == "PROTEST" { Some(item.mode.as_deref()) } else { None };
        let inter = |id: &str, as_source: bool| -> Option<u8> {
            let f = facts(id)?;
            Some(mapping::acled_inter(f, country.as_deref(), if as_source { protest } else { None }))
        };
        let cname = country.as_deref().map(|c| ctx.country_name(c).to_string());
        let (actor1, inter1) = match a1 {
            Some(a) => (ctx.name(a).to_string(), inter(a, true).or(protest.map(|m| mapping::acled_inter_unknown(m)))),
            None if item.kind == "PROTEST" => (
                match &cname {
                    Some(c) => format!("Protesters ({c})"),
                    None => "Protesters".to_string(),
                },
                protest.map(|m| mapping::acled_inter_unknown(m)),
            ),
            None => (String::new(), None),
        };
        let (actor2, inter2) = match a2 {
            Some(a) => (ctx.name(a).to_string(), inter(a, false)),
            None => (String::new(), None),
        };
        let names = |ids: &[String]| ids.iter().map(|i| ctx.name(i)).collect::<Vec<_>>().join("; ");
        let civilian_targeting = ty.event_type == "Violence against civilians"
            || (ty.disorder_type == "Political violence" && (sides.target_civilian || inter2 == Some(7)));

        let (date, tprec, year) = match acled_date(item) {
            Some((d, p, y)) => (d, p.to_string(), y.to_string()),
            None => (String::new(), String::new(), String::new()),
        };
        let prefix = country.clone().unwrap_or_else(|| "XXX".to_string());
        let seq = per_country.entry(prefix.clone()).or_insert(0);
        *seq += 1;
        let place = item.place.as_ref();
        let (lat, lon) = place.and_then(|p| p.coords()).map(|(a, b)| (coord(a), coord(b))).unwrap_or_default();
        let location = place.map(|p| p.name.clone()).unwrap_or_default();
        let geo_precision = place.filter(|p| p.coords().is_some()).map(|p| mapping::acled_geo_precision(p.feature.as_deref()).to_string()).unwrap_or_default();
        let mut notes = item.rep().map(|r| span_text(r.doc, r.ev.span)).unwrap_or_default();
        if item.status == Status::Claimed {
            let claimants: Vec<&str> = item.reports.iter().flat_map(|r| r.ev.claimed_by.iter()).map(|c| ctx.name(c)).collect();
            if !claimants.is_empty() {
                let mut uniq: Vec<&str> = Vec::new();
                for c in claimants {
                    if !uniq.contains(&c) {
                        uniq.push(c);
                    }
                }
                notes.push_str(&format!(" [claimed by {}]", uniq.join("; ")));
            } else {
                notes.push_str(" [claimed]");
            }
        }
        let fatalities = item.min_count(|s| s.dead).unwrap_or(0);

        let row: Vec<String> = vec![
            format!("{prefix}{seq}"),
            date,
            year,
            tprec,
            ty.disorder_type.to_string(),
            ty.event_type.to_string(),
            ty.sub_event_type.to_string(),
            actor1,
            names(assoc1),
            inter1.map(|i| i.to_string()).unwrap_or_default(),
            actor2,
            names(assoc2),
            inter2.map(|i| i.to_string()).unwrap_or_default(),
            mapping::acled_interaction(inter1, inter2),
            if civilian_targeting { "Civilian targeting".into() } else { String::new() },
            cname.unwrap_or_default(),
            String::new(),
            location,
            lat,
            lon,
            geo_precision,
            item.outlets.join("; "),
            notes,
            fatalities.to_string(),
            String::new(),
            item.id.clone(),
            item.kind.clone(),
            item.mode.clone().unwrap_or_default(),
            item.status.as_str().to_string(),
        ];
        debug_assert_eq!(row.len(), COLUMNS.len());
        out.write_all(csv_line(&row).as_bytes())?;
    }
    Ok(())
}
