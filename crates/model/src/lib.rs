//! Plain data types that flow through sitrep's pipeline.
//!
//! One [`Document`] travels up the stages and each stage adds its layer:
//! `ingest` fills the metadata and `text`, `text` adds `sentences`,
//! `extract` adds `entities` and `events`. Offsets inside these types are
//! **byte** offsets into `Document::text` (cheap to slice); the record
//! writer converts them to the Unicode scalar offsets of the spec.
//!
//! No behaviour beyond accessors and formatting lives here.

use serde::{Deserialize, Serialize};
use std::fmt;

mod date;
pub mod geo;
pub use date::{civil_from_days, day_number, DateRange, PartialDate, Precision};

/// Where a document's publication date came from (`published_from`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PublishedFrom {
    /// The folder's `manifest.jsonl` or the JSONL record itself.
    Manifest,
    /// HTML `<meta>`/`<time>` or a feed item's date.
    Metadata,
    /// A dateline found in the body text.
    Text,
}

/// Where an input document was read from, for error messages and ids.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Origin {
    /// The file path as given (or `-` for stdin).
    pub path: String,
    /// 1-based line for JSONL inputs, 1-based item for feeds.
    pub line: Option<usize>,
}

/// A byte range `[start, end)` into the document text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }
    pub fn len(&self) -> usize {
        self.end - self.start
    }
    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
    pub fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }
}

/// One article, annotated stage by stage.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Document {
    pub id: String,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub url: Option<String>,
    pub published: Option<PartialDate>,
    pub published_from: Option<PublishedFrom>,
    pub lang: Option<String>,
    pub origin: Origin,
    /// The text exactly as read (after HTML/feed body extraction).
    pub text: String,
    /// Sentence spans, in order, filled by the `text` stage.
    pub sentences: Vec<Span>,
    /// Distinct entities with their mentions, filled by `extract`.
    pub entities: Vec<Entity>,
    /// Events, filled by `extract`.
    pub events: Vec<Event>,
}

/// Entity types of the record spec.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntityType {
    Person,
    ArmedGroup,
    Government,
    Organization,
    InternationalOrg,
    Country,
    Media,
    Place,
    Equipment,
    Other,
}

impl EntityType {
    pub fn as_str(&self) -> &'static str {
        match self {
            EntityType::Person => "person",
            EntityType::ArmedGroup => "armed_group",
            EntityType::Government => "government",
            EntityType::Organization => "organization",
            EntityType::InternationalOrg => "international_org",
            EntityType::Country => "country",
            EntityType::Media => "media",
            EntityType::Place => "place",
            EntityType::Equipment => "equipment",
            EntityType::Other => "other",
        }
    }
    /// Whether entities of this type can act (be an event's source or target).
    pub fn is_actor(&self) -> bool {
        !matches!(self, EntityType::Place | EntityType::Equipment | EntityType::Other)
    }
}

impl fmt::Display for EntityType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How a mention was linked, for debugging and confidence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LinkHow {
    /// An alias of the knowledge base, exactly or up to case/punctuation.
    Alias,
    /// A transliteration-tolerant fuzzy match.
    Fuzzy,
    /// A demonym or adjective ("Turkish drones" -> Turkey).
    Demonym,
    /// A descriptor resolved in context ("the national army").
    Descriptor,
    /// A short form resolved against an earlier full mention.
    Coreference,
    /// A gazetteer place name.
    Gazetteer,
    /// A name the KB lacks, typed from a cue.
    Unknown,
}

/// One occurrence of an entity in the text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mention {
    pub span: Span,
    pub text: String,
    pub how: LinkHow,
    /// Link confidence in [0, 1].
    pub score: f32,
}

/// A distinct entity of one document, with all its mentions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    pub id: String,
    pub name: String,
    pub kind: EntityType,
    pub aliases: Vec<String>,
    pub wikidata: Option<String>,
    pub country: Option<String>,
    pub code: Option<String>,
    pub sector: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub feature: Option<String>,
    /// Whether the entity comes from the knowledge base (else inferred).
    pub known: bool,
    pub mentions: Vec<Mention>,
}

/// Status of an event report.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    #[default]
    Asserted,
    Claimed,
    Denied,
    Intended,
    Hypothetical,
}

impl Status {
    pub fn as_str(&self) -> &'static str {
        match self {
            Status::Asserted => "asserted",
            Status::Claimed => "claimed",
            Status::Denied => "denied",
            Status::Intended => "intended",
            Status::Hypothetical => "hypothetical",
        }
    }
}

/// How an event's date was obtained (`date_from`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DateFrom {
    /// A calendar date written in the text ("December 10", "June 2015").
    Explicit,
    /// A relative expression resolved against publication ("last Friday").
    Relative,
    /// No date in the text: the publication date.
    Published,
}

/// Who gained and lost a place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Control {
    pub place: String,
    pub gained_by: Vec<String>,
    pub lost_by: Vec<String>,
}

/// The place where an event happened.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventPlace {
    pub id: String,
    pub name: String,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub country: Option<String>,
}

/// A count in an event's `size`: exact or a range.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Count {
    Exact(u64),
    Range { min: u64, max: u64 },
}

/// A figure about something other than people ("25 units of equipment").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OtherCount {
    pub what: String,
    pub n: Count,
}

/// Figures an event report gives (PLOVER's size fields).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Size {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dead: Option<Count>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub injured: Option<Count>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub displaced: Option<Count>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub captured: Option<Count>,
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub other: Vec<OtherCount>,
}

impl Size {
    pub fn is_empty(&self) -> bool {
        self.dead.is_none()
            && self.injured.is_none()
            && self.displaced.is_none()
            && self.captured.is_none()
            && self.other.is_empty()
    }
}

/// What an intention or threat is about: the event promised, planned or
/// threatened ("promised to send troops" -> AGREE with plan AID/troops).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Plan {
    #[serde(rename = "type")]
    pub kind: String,
    pub mode: Option<String>,
}

/// One event report coded in PLOVER. `Default` is an empty asserted report,
/// for code that fills a few fields.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Event {
    pub id: String,
    /// One of the sixteen PLOVER types, upper-case ("ASSAULT").
    pub kind: String,
    pub mode: Option<String>,
    pub source: Vec<String>,
    pub target: Vec<String>,
    pub control: Option<Control>,
    pub location: Option<EventPlace>,
    pub date: Option<PartialDate>,
    pub date_from: Option<DateFrom>,
    /// How precisely the date is known (`week` for "last week", whose
    /// `date` is that week's Monday).
    pub date_precision: Option<Precision>,
    /// Why the date is what it is, when a correction was applied.
    pub date_note: Option<String>,
    /// The days the date expression narrows to, when narrower than its
    /// precision ("late last year") or open-ended ("more than a year ago").
    pub date_range: Option<DateRange>,
    /// The sentence gave no date; the date is the one the paragraph was at
    /// ("On Monday X attacked Y. The army said ..."). Weaker than a date of
    /// the event's own sentence.
    #[serde(default)]
    pub date_inherited: bool,
    pub status: Status,
    pub claimed_by: Vec<String>,
    /// For AGREE/THREATEN read from an intention: the event intended.
    pub plan: Option<Plan>,
    /// Set when the target was not in the sentence but inferred from the
    /// article's other reports (the side the source fights or helps).
    pub target_inferred: Option<bool>,
    pub size: Option<Size>,
    /// CAMEO root code of the projection ("19").
    pub cameo: Option<String>,
    /// The trigger words the event was read from.
    pub trigger: String,
    pub trigger_span: Span,
    /// The sentence the event was read from.
    pub span: Span,
    pub confidence: f32,
    pub cluster: Option<String>,
}

/// CAMEO root code of a PLOVER type and mode (ontology.md's mapping): the
/// projection behind `Event::cameo` and the GDELT-style export.
pub fn cameo_root(kind: &str, mode: Option<&str>) -> &'static str {
    match kind {
        "AGREE" => "03",
        "CONSULT" => "04",
        "SUPPORT" => "05",
        "COOPERATE" => "06",
        "AID" => "07",
        "CONCEDE" | "RETREAT" => "08",
        "ACCUSE" if mode == Some("investigate") => "09",
        "ACCUSE" => "11",
        "REQUEST" => "10",
        "REJECT" => "12",
        "THREATEN" => "13",
        "PROTEST" => "14",
        "MOBILIZE" => "15",
        "SANCTION" => "16",
        "COERCE" => "17",
        "ASSAULT" => match mode {
            Some(
                "abduct" | "beat" | "torture" | "sexual" | "targeted" | "suicide-attack" | "explosives" | "primitive"
                | "crowd-control",
            ) => "18",
            Some("unconventional") => "20",
            _ => "19",
        },
        _ => "01",
    }
}
