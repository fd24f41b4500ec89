//! A TSV laid out like the GDELT 2.0 event table: the same 61 columns in the
//! same order, tab-separated, unquoted, with a header line. One row per
//! real-world event (cluster) and pair of actors, from the CAMEO projection
//! of the event's PLOVER type and mode.

use std::io::{self, Write};

use sitrep_model::{PartialDate, Status};

use crate::ctx::{Ctx, Ent, Item, Place};
use crate::mapping;
use crate::text::{coord, sentence_index, tsv_field};

/// The GDELT 2.0 event table's columns.
pub const COLUMNS: [&str; 61] = [
    "GlobalEventID", "Day", "MonthYear", "Year", "FractionDate",
    "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode", "Actor1EthnicCode",
    "Actor1Religion1Code", "Actor1Religion2Code", "Actor1Type1Code", "Actor1Type2Code", "Actor1Type3Code",
    "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode", "Actor2EthnicCode",
    "Actor2Religion1Code", "Actor2Religion2Code", "Actor2Type1Code", "Actor2Type2Code", "Actor2Type3Code",
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    "Actor1Geo_Type", "Actor1Geo_FullName", "Actor1Geo_CountryCode", "Actor1Geo_ADM1Code", "Actor1Geo_ADM2Code",
    "Actor1Geo_Lat", "Actor1Geo_Long", "Actor1Geo_FeatureID",
    "Actor2Geo_Type", "Actor2Geo_FullName", "Actor2Geo_CountryCode", "Actor2Geo_ADM1Code", "Actor2Geo_ADM2Code",
    "Actor2Geo_Lat", "Actor2Geo_Long", "Actor2Geo_FeatureID",
    "ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code", "ActionGeo_ADM2Code",
    "ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID",
    "DATEADDED", "SOURCEURL",
];

/// Whether an event goes into the GDELT export: reports of things that
/// happened (asserted or claimed); intentions only as AGREE/THREATEN/CONCEDE,
/// whose content is the intention.
pub(crate) fn included(item: &Item<'_>) -> bool {
    match item.status {
        Status::Asserted | Status::Claimed => true,
        Status::Intended => matches!(item.kind.as_str(), "AGREE" | "THREATEN" | "CONCEDE"),
        Status::Denied | Status::Hypothetical => false,
    }
}

/// The actor pairs of an event: every source with every target; with no
/// target, every pair of sources of a two-sided event (ASSAULT, CONSULT,
/// COOPERATE), else each source alone.
pub(crate) fn pairs<'s>(item: &'s Item<'_>) -> Vec<(Option<&'s str>, Option<&'s str>)> {
    let s: Vec<Option<&str>> = if item.source.is_empty() { vec![None] } else { item.source.iter().map(|x| Some(x.as_str())).collect() };
    let mut out = Vec::new();
    if !item.target.is_empty() {
        for a in &s {
            for b in &item.target {
                if Some(b.as_str()) != *a {
                    out.push((*a, Some(b.as_str())));
                }
            }
        }
    } else if item.source.len() >= 2 && matches!(item.kind.as_str(), "ASSAULT" | "CONSULT" | "COOPERATE") {
        for i in 0..item.source.len() {
            for j in i + 1..item.source.len() {
                out.push((Some(item.source[i].as_str()), Some(item.source[j].as_str())));
            }
        }
    } else {
        for a in &s {
            out.push((*a, None));
        }
    }
    if out.is_empty() {
        out.push((s[0], None));
    }
    out
}

/// A date as GDELT's Day (YYYYMMDD); month or year precision take the
/// first day of the period.
fn day(d: PartialDate) -> String {
    format!("{:04}{:02}{:02}", d.year, d.month.unwrap_or(1), d.day.unwrap_or(1))
}

fn fraction_date(d: PartialDate) -> String {
    const CUM: [u32; 12] = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];
    let doy = CUM[(d.month.unwrap_or(1).clamp(1, 12) - 1) as usize] + d.day.unwrap_or(1) as u32;
    format!("{:.4}", d.year as f64 + doy as f64 / 365.0)
}

fn actor_fields(ctx: &Ctx<'_>, id: Option<&str>) -> [String; 10] {
    let Some(id) = id else { return Default::default() };
    let e: Option<&Ent> = ctx.ent(id);
    let code = e.and_then(|e| e.code.clone()).unwrap_or_default();
    let iso = e.and_then(|e| e.country.clone()).or_else(|| {
        Some(code.clone()).filter(|c| c.len() == 3 && !mapping::INTERNATIONAL_CODES.contains(&c.as_str()) && c != "IMG")
    });
    let known_group = if mapping::INTERNATIONAL_CODES.contains(&code.as_str()) || code == "IMG" { code.clone() } else { String::new() };
    [
        e.map(|e| e.cameo_actor()).unwrap_or_default(),
        tsv_field(ctx.name(id)),
        iso.unwrap_or_default(),
        known_group,
        String::new(),
        String::new(),
        String::new(),
        e.and_then(|e| e.sector.clone()).unwrap_or_default(),
        String::new(),
        String::new(),
    ]
}

fn geo_fields(ctx: &Ctx<'_>, p: Option<&Place>) -> [String; 8] {
    let Some(p) = p else { return ["0".into(), String::new(), String::new(), String::new(), String::new(), String::new(), String::new(), String::new()] };
    let full = match (&p.country, p.feature.as_deref()) {
        (Some(c), f) if f != Some("country") => {
            let cn = ctx.country_name(c);
            if cn == p.name { p.name.clone() } else { format!("{}, {}", p.name, cn) }
        }
        _ => p.name.clone(),
    };
    let (lat, lon) = p.coords().map(|(a, b)| (coord(a), coord(b))).unwrap_or_default();
    [
        mapping::gdelt_geo_type(p.feature.as_deref()).to_string(),
        tsv_field(&full),
        p.country.clone().unwrap_or_default(),
        String::new(),
        String::new(),
        lat,
        lon,
        tsv_field(p.id.as_deref().unwrap_or("")),
    ]
}

pub(crate) fn write(ctx: &Ctx<'_>, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "{}", COLUMNS.join("\t"))?;
    let mut n: u64 = 0;
    for item in ctx.items.iter().filter(|i| included(i)) {
        let code = item.cameo_code();
        let base = code[..3.min(code.len())].to_string();
        let root = code[..2.min(code.len())].to_string();
        let date = item.date_or_published();
        let mentions = item.reports.len().max(1);
        let sources = item.outlets.len().max(1);
        let articles = item.doc_count().max(1);
        let is_root = item.reports.iter().any(|r| sentence_index(r.doc, r.ev.span.start).map(|i| i < 3).unwrap_or(false));
        let added = item.first_published().map(|d| format!("{}000000", day(d))).unwrap_or_default();
        let url = item.url().map(str::to_string).or_else(|| item.reports.first().and_then(|r| r.doc.outlet.clone()))
            .or_else(|| item.reports.first().map(|r| r.doc.id.clone())).unwrap_or_default();
        let action_geo = geo_fields(ctx, item.place.as_ref());
        for (a1, a2) in pairs(item) {
            n += 1;
            let mut row: Vec<String> = Vec::with_capacity(61);
            row.push(n.to_string());
            match date {
                Some(d) => {
                    row.push(day(d));
                    row.push(day(d)[..6].to_string());
                    row.push(format!("{:04}", d.year));
                    row.push(fraction_date(d));
                }
                None => row.extend(std::iter::repeat_n(String::new(), 4)),
            }
            row.extend(actor_fields(ctx, a1));
            row.extend(actor_fields(ctx, a2));
            row.push(if is_root { "1" } else { "0" }.into());
            row.push(code.clone());
            row.push(base.clone());
            row.push(root.clone());
            row.push(mapping::quad_class(&item.kind).to_string());
            row.push(format!("{:.1}", mapping::goldstein(&code)));
            row.push(mentions.to_string());
            row.push(sources.to_string());
            row.push(articles.to_string());
            row.push(String::new()); // AvgTone: sitrep does not measure tone
            row.extend(geo_fields(ctx, None)); // Actor1Geo: not geocoded
            row.extend(geo_fields(ctx, None)); // Actor2Geo
            row.extend(action_geo.iter().cloned());
            row.push(added.clone());
            row.push(tsv_field(&url));
            debug_assert_eq!(row.len(), COLUMNS.len());
            writeln!(out, "{}", row.join("\t"))?;
        }
    }
    Ok(())
}
