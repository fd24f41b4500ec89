//! Exports: writes fully extracted documents and the situation picture in
//! formats other tools read.
//!
//! | format | unit | layout |
//! |---|---|---|
//! | `plover` | one JSON line per event report | PLOVER JSON fields (`id`, `date`, `actor`/`source`, `recipient`, `event`, `mode`, `context`, `event_loc`, `event_text`, `cite_info`, ...) |
//! | `gdelt` | one TSV row per real-world event and actor pair | the 61 columns of the GDELT 2.0 event table, with a header line |
//! | `acled` | one CSV row per real-world event ACLED would record | ACLED's columns |
//! | `geojson` | events (one per real-world event) and places | a GeoJSON FeatureCollection for QGIS |
//! | `graphml` | actors and their support/hostility relations | GraphML for Gephi |
//! | `csv` | one row per event report | flat CSV for pandas |
//!
//! A "real-world event" is a cluster of the picture (`Picture::clusters`);
//! event reports the picture does not cluster count as events of their own.
//! The mapping tables are in [`mapping`]; `docs/exports.md` describes every
//! format and mapping.

use std::fmt;
use std::io::{self, Write};
use std::str::FromStr;

use sitrep_model::Document;
use sitrep_picture::Picture;

mod acled;
mod ctx;
mod flat;
mod gdelt;
mod geojson;
mod graphml;
pub mod mapping;
mod plover;
mod text;

/// An export format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    Plover,
    Gdelt,
    Acled,
    Geojson,
    Graphml,
    Csv,
}

impl Format {
    /// Every format, in the order `--help` lists them.
    pub const ALL: [Format; 6] = [Format::Plover, Format::Gdelt, Format::Acled, Format::Geojson, Format::Graphml, Format::Csv];

    /// The name `--format` takes.
    pub fn name(&self) -> &'static str {
        match self {
            Format::Plover => "plover",
            Format::Gdelt => "gdelt",
            Format::Acled => "acled",
            Format::Geojson => "geojson",
            Format::Graphml => "graphml",
            Format::Csv => "csv",
        }
    }

    /// One line for `--help`.
    pub fn description(&self) -> &'static str {
        match self {
            Format::Plover => "PLOVER JSON records, one event report a line",
            Format::Gdelt => "TSV laid out like the GDELT 2.0 event table (CAMEO codes)",
            Format::Acled => "CSV with ACLED's columns, event types from PLOVER type/mode",
            Format::Geojson => "GeoJSON of events and places (QGIS)",
            Format::Graphml => "GraphML of the actor network (Gephi)",
            Format::Csv => "flat CSV of event reports (pandas)",
        }
    }

    /// The usual file extension.
    pub fn extension(&self) -> &'static str {
        match self {
            Format::Plover => "jsonl",
            Format::Gdelt => "tsv",
            Format::Acled => "csv",
            Format::Geojson => "geojson",
            Format::Graphml => "graphml",
            Format::Csv => "csv",
        }
    }

    /// "plover, gdelt, acled, geojson, graphml, csv".
    pub fn names() -> String {
        Format::ALL.iter().map(|f| f.name()).collect::<Vec<_>>().join(", ")
    }

    /// One `name  description` line per format, for `--help`.
    pub fn help() -> String {
        Format::ALL.iter().map(|f| format!("  {:<8} {}", f.name(), f.description())).collect::<Vec<_>>().join("\n")
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// An unknown format name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownFormat(pub String);

impl fmt::Display for UnknownFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown export format {:?} (expected one of: {})", self.0, Format::names())
    }
}

impl std::error::Error for UnknownFormat {}

impl FromStr for Format {
    type Err = UnknownFormat;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let l = s.trim().to_ascii_lowercase();
        let l = match l.as_str() {
            "json" | "jsonl" => "plover",
            "tsv" => "gdelt",
            "geo" => "geojson",
            "gml" | "gephi" => "graphml",
            other => other,
        };
        Format::ALL.iter().copied().find(|f| f.name() == l).ok_or_else(|| UnknownFormat(s.to_string()))
    }
}

/// Writes `docs` and `picture` in `format` to `out`.
///
/// `docs` are fully extracted documents; `picture` is the situation picture
/// built from them (an empty `Picture::default()` is accepted: every event
/// report then counts as an event of its own and the network is derived
/// from the reports).
pub fn write(format: Format, docs: &[Document], picture: &Picture, out: &mut dyn Write) -> io::Result<()> {
    let ctx = ctx::Ctx::new(docs, picture);
    let mut out = io::BufWriter::new(out);
    match format {
        Format::Plover => plover::write(&ctx, &mut out)?,
        Format::Gdelt => gdelt::write(&ctx, &mut out)?,
        Format::Acled => acled::write(&ctx, &mut out)?,
        Format::Geojson => geojson::write(&ctx, &mut out)?,
        Format::Graphml => graphml::write(&ctx, &mut out)?,
        Format::Csv => flat::write(&ctx, &mut out)?,
    }
    out.flush()
}

/// Writes into a `String` (for tests and the API).
pub fn to_string(format: Format, docs: &[Document], picture: &Picture) -> String {
    let mut buf = Vec::new();
    write(format, docs, picture, &mut buf).expect("writing to memory");
    String::from_utf8(buf).expect("exports are UTF-8")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_names_round_trip() {
        for f in Format::ALL {
            assert_eq!(f.name().parse::<Format>().unwrap(), f);
            assert_eq!(f.to_string().to_uppercase().parse::<Format>().unwrap(), f);
        }
        assert!("xlsx".parse::<Format>().unwrap_err().to_string().contains("plover, gdelt, acled, geojson, graphml, csv"));
        assert_eq!(Format::help().lines().count(), 6);
    }
}
