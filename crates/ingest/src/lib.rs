//! Ingest stage: turns paths (files, folders, `-` for stdin) into a lazy,
//! deterministic stream of [`Document`]s carrying metadata and `text` (no
//! sentences or entities yet).
//!
//! ```no_run
//! use sitrep_ingest::{read_paths, Limits};
//! for item in read_paths(&["corpus/".into()], Limits::default()) {
//!     match item {
//!         Ok(doc) => println!("{} ({} bytes)", doc.id, doc.text.len()),
//!         Err(e) => eprintln!("{e}"), // "path:line: message" or "path: message"
//!     }
//! }
//! ```
//!
//! # Inputs
//!
//! | input | documents | id |
//! |---|---|---|
//! | `.txt`, `.text` | one; `text` exactly as read (a UTF-8 BOM removed, `\r\n` kept) | file stem |
//! | `.html`, `.htm`, `.xhtml` | one; the article body, see [`html`] | file stem |
//! | `.xml`, `.rss`, `.atom` | one per RSS item / Atom entry, see [`feed`] | `<stem>-<n>` |
//! | `.jsonl`, `.ndjson` (and `.json` named explicitly) | one per line | `id`, else `<stem>-<line>` |
//! | a folder with `manifest.jsonl` | only the files the manifest lists | manifest `id`, else stem |
//! | a folder without one | everything of a known type below it | as above |
//! | `-` (stdin; origin path `-`) | JSONL if it starts with `{`, a feed if it starts with `<rss`/`<feed`/`<rdf`/`<?xml`, HTML if it starts with `<`, else one text document | `stdin` / `stdin-<n>` |
//!
//! A file named explicitly with another extension is read as plain text;
//! images, archives, PDFs and other binary types are refused.
//!
//! **Folder walks** (no manifest) are recursive and sorted by file name
//! (byte order), skip hidden files and folders (leading `.`), read the types
//! above plus extension-less files that are UTF-8 text, and silently skip
//! every other file (`.json`, `.csv`, `.tsv`, `.md`, images, ...: corpora keep
//! their annotations beside the articles). Symbolic links are followed only
//! to files inside the walked folder; symlinked folders are never followed.
//! A sub-folder with its own `manifest.jsonl` is read through that manifest.
//!
//! **Manifests**: each line is `{"id","file","title","outlet","url",
//! "published","lang"}`; `file` is required (or, failing it, an inline
//! `text`, read like a JSONL article). The named file must be a relative
//! path without `..` that resolves (symlinks included) inside the folder;
//! otherwise the line is rejected naming the manifest and line, and the file
//! is never opened. Manifest values override the file's own metadata; a
//! manifest `published` sets `published_from = manifest`. Only the listed
//! files are read; sub-folders are not walked. For a feed or JSONL file
//! listed in a manifest, the manifest's `id` prefixes the item ids and its
//! `outlet`/`lang` fill in missing values.
//!
//! **JSONL** lines: `{"id","text","title","url","outlet","published","lang"}`.
//! Only `text` (a non-empty string) is required; `id` may be a string or a
//! number; `published` must be an ISO date (`2020`, `2020-05`,
//! `2020-05-18`, or a timestamp starting with one) and sets
//! `published_from = manifest`. A line that breaks any of this is rejected
//! with its file and line number and the rest of the file is read; blank
//! lines are skipped. Lines are read with a bounded reader: a line longer
//! than [`Limits::max_doc_bytes`] is rejected without being held in memory.
//!
//! **Every file**: an empty file, a file with a NUL byte ("binary file"),
//! invalid UTF-8 ("not UTF-8 text: invalid byte at offset N") or one larger
//! than the limit (checked before reading) is rejected with one error.
//!
//! `lang` is the language the input declares (HTML `lang`, JSONL/manifest
//! `lang`), else [`detect_lang`] (a hook, currently always `None`), else `"en"`.

#![warn(missing_docs)]

use sitrep_model::{Document, Origin, PartialDate, PublishedFrom};
use std::fmt;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Component, Path, PathBuf};

mod dates;
pub mod feed;
pub mod html;
mod lines;

pub use dates::parse_loose_date;
use lines::{BoundedLines, LineRead};

/// Size limits that keep memory bounded on hostile input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Largest text or HTML file, and longest JSONL line, in bytes
    /// (default 8 MiB). Larger inputs are rejected without being read whole.
    pub max_doc_bytes: usize,
    /// Largest feed file in bytes (default 64 MiB); feeds are streamed item
    /// by item, this bounds the largest single XML event.
    pub max_feed_bytes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_doc_bytes: 8 << 20,
            max_feed_bytes: 64 << 20,
        }
    }
}

/// A rejected input: a file, a JSONL/manifest line, or a feed.
///
/// Displays as `path:line: message` when `line` is known, else `path: message`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IngestError {
    /// The file as given (or `-` for stdin); for manifest problems, the manifest.
    pub path: String,
    /// 1-based line for JSONL and manifest inputs.
    pub line: Option<usize>,
    /// What is wrong, in one line.
    pub message: String,
}

impl IngestError {
    fn new(path: impl Into<String>, line: Option<usize>, message: impl Into<String>) -> Self {
        IngestError {
            path: path.into(),
            line,
            message: message.into(),
        }
    }
}

impl fmt::Display for IngestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(l) => write!(f, "{}:{}: {}", self.path, l, self.message),
            None => write!(f, "{}: {}", self.path, self.message),
        }
    }
}

impl std::error::Error for IngestError {}

/// The result type of the document stream.
pub type IngestResult = Result<Document, IngestError>;

/// A boxed, sendable stream of documents.
pub type DocStream = Box<dyn Iterator<Item = IngestResult> + Send>;

/// Input formats, for [`read_reader`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// One plain-text document.
    Text,
    /// One HTML page.
    Html,
    /// An RSS or Atom feed.
    Feed,
    /// JSON Lines, one article a line.
    Jsonl,
}

impl Format {
    /// The format a file extension (without the dot, any case) stands for.
    pub fn from_extension(ext: &str) -> Option<Format> {
        match ext.to_ascii_lowercase().as_str() {
            "txt" | "text" => Some(Format::Text),
            "html" | "htm" | "xhtml" => Some(Format::Html),
            "xml" | "rss" | "atom" => Some(Format::Feed),
            "jsonl" | "ndjson" => Some(Format::Jsonl),
            _ => None,
        }
    }
}

/// Language detection hook: returns the language of `text` when it can tell.
/// Not implemented yet (always `None`); documents then default to `"en"`.
pub fn detect_lang(_text: &str) -> Option<String> {
    None
}

fn finish_lang(declared: Option<String>, text: &str) -> Option<String> {
    Some(
        declared
            .or_else(|| detect_lang(text))
            .unwrap_or_else(|| "en".to_string()),
    )
}

/// Extensions never read in a walk and refused when named explicitly.
fn is_binary_extension(ext: &str) -> bool {
    matches!(
        ext.to_ascii_lowercase().as_str(),
        "png"
            | "jpg"
            | "jpeg"
            | "gif"
            | "webp"
            | "bmp"
            | "ico"
            | "tif"
            | "tiff"
            | "svgz"
            | "avif"
            | "heic"
            | "pdf"
            | "zip"
            | "gz"
            | "tgz"
            | "bz2"
            | "xz"
            | "zst"
            | "7z"
            | "rar"
            | "tar"
            | "mp3"
            | "mp4"
            | "m4a"
            | "wav"
            | "ogg"
            | "webm"
            | "avi"
            | "mov"
            | "mkv"
            | "flac"
            | "exe"
            | "dll"
            | "so"
            | "dylib"
            | "o"
            | "a"
            | "class"
            | "jar"
            | "wasm"
            | "bin"
            | "dat"
            | "db"
            | "sqlite"
            | "parquet"
            | "arrow"
            | "woff"
            | "woff2"
            | "ttf"
            | "otf"
            | "doc"
            | "docx"
            | "xls"
            | "xlsx"
            | "ppt"
            | "pptx"
            | "odt"
            | "pyc"
    )
}

/// Reads `paths` lazily, in order; folders are walked in sorted order.
///
/// Each item is one document or one rejected input; a rejection never stops
/// the stream. Nothing is read before the iterator is advanced and at most
/// one document (plus one JSONL line or feed event) is held at a time.
#[allow(clippy::unnecessary_to_owned)] // the iterator must not borrow `paths`
pub fn read_paths(paths: &[PathBuf], limits: Limits) -> impl Iterator<Item = IngestResult> + Send {
    Ingest {
        frames: vec![Frame::Paths(paths.to_vec().into_iter())],
        limits,
    }
}

/// Reads one input from any reader (stdin, a network body, a fuzzer).
///
/// `name` is used for ids (`name`, `name-<n>`) and errors. With
/// `format: None` the format is sniffed as for stdin.
pub fn read_reader<R: Read + Send + 'static>(
    name: &str,
    reader: R,
    format: Option<Format>,
    limits: Limits,
) -> DocStream {
    read_named(name, name, reader, format, limits)
}

/// [`read_reader`] with a path shown in origins/errors (`display`) distinct
/// from the id stem (stdin: `-` and `stdin`).
fn read_named<R: Read + Send + 'static>(
    display: &str,
    stem: &str,
    reader: R,
    format: Option<Format>,
    limits: Limits,
) -> DocStream {
    let name = display;
    let mut r = BufReader::with_capacity(64 << 10, reader);
    let format = match format {
        Some(f) => f,
        None => match sniff(&mut r) {
            Ok(f) => f,
            Err(e) => return one_err(IngestError::new(name, None, format!("cannot read: {e}"))),
        },
    };
    let src = Source {
        display: display.to_string(),
        stem: stem.to_string(),
        meta: None,
    };
    match format {
        Format::Jsonl => Box::new(JsonlDocs::new(r, src, limits.max_doc_bytes)),
        Format::Feed => {
            let take = limits.max_feed_bytes.saturating_add(1);
            let mut buf = Vec::new();
            if let Err(e) = r.take(take).read_to_end(&mut buf) {
                return one_err(IngestError::new(name, None, format!("cannot read: {e}")));
            }
            if buf.len() as u64 > limits.max_feed_bytes {
                return one_err(IngestError::new(
                    name,
                    None,
                    too_large(None, limits.max_feed_bytes),
                ));
            }
            match check_text(&buf) {
                Ok(_) => {}
                Err(m) => return one_err(IngestError::new(name, None, m)),
            }
            if buf.starts_with(b"\xEF\xBB\xBF") {
                buf.drain(..3);
            }
            Box::new(FeedDocs::new(io::Cursor::new(buf), src))
        }
        Format::Text | Format::Html => {
            let take = (limits.max_doc_bytes as u64).saturating_add(1);
            let mut buf = Vec::new();
            if let Err(e) = r.take(take).read_to_end(&mut buf) {
                return one_err(IngestError::new(name, None, format!("cannot read: {e}")));
            }
            if buf.len() > limits.max_doc_bytes {
                return one_err(IngestError::new(
                    name,
                    None,
                    too_large(None, limits.max_doc_bytes as u64),
                ));
            }
            Box::new(std::iter::once(single_doc(buf, format, &src)))
        }
    }
}

/// Sniffs the format of a stream from its first non-blank bytes.
fn sniff<R: BufRead>(r: &mut R) -> io::Result<Format> {
    // Skip a BOM and leading whitespace without losing anything that matters:
    // JSONL lines and markup tolerate both; for plain text the sniff
    // only consumes whitespace when the text is not plain.
    let buf = r.fill_buf()?;
    let mut head: &[u8] = buf;
    if head.starts_with(b"\xEF\xBB\xBF") {
        head = &head[3..];
    }
    let start = head
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(head.len());
    let rest = &head[start..];
    let lower: Vec<u8> = rest
        .iter()
        .take(512)
        .map(|b| b.to_ascii_lowercase())
        .collect();
    let has = |s: &[u8]| lower.windows(s.len()).any(|w| w == s);
    Ok(if rest.starts_with(b"{") {
        Format::Jsonl
    } else if rest.starts_with(b"<") {
        if has(b"<rss")
            || has(b"<feed")
            || has(b"<rdf:rdf")
            || (lower.starts_with(b"<?xml") && !has(b"<html") && !has(b"<!doctype html"))
        {
            Format::Feed
        } else {
            Format::Html
        }
    } else {
        Format::Text
    })
}

fn one_err(e: IngestError) -> DocStream {
    Box::new(std::iter::once(Err(e)))
}

fn too_large(size: Option<u64>, limit: u64) -> String {
    match size {
        Some(s) => format!("file too large: {s} bytes (limit {limit})"),
        None => format!("input too large (limit {limit} bytes)"),
    }
}

/// Checks bytes for NUL and UTF-8 validity; returns the text without BOM.
fn check_text(bytes: &[u8]) -> Result<&str, String> {
    if bytes.is_empty() {
        return Err("empty file".into());
    }
    if let Some(i) = bytes.iter().position(|&b| b == 0) {
        return Err(format!("binary file (NUL byte at offset {i})"));
    }
    let s = std::str::from_utf8(bytes)
        .map_err(|e| format!("not UTF-8 text: invalid byte at offset {}", e.valid_up_to()))?;
    let s = s.strip_prefix('\u{feff}').unwrap_or(s);
    if s.is_empty() {
        return Err("empty file".into());
    }
    Ok(s)
}

/// Metadata a manifest line gives for a file.
#[derive(Debug, Clone, Default)]
struct Meta {
    id: Option<String>,
    title: Option<String>,
    outlet: Option<String>,
    url: Option<String>,
    published: Option<PartialDate>,
    lang: Option<String>,
}

/// Where documents come from: how to name them and what the manifest says.
#[derive(Debug, Clone)]
struct Source {
    display: String,
    stem: String,
    meta: Option<Meta>,
}

fn single_doc(bytes: Vec<u8>, format: Format, src: &Source) -> IngestResult {
    let err = |m: String| IngestError::new(src.display.clone(), None, m);
    let text = check_text(&bytes).map_err(err)?;
    let meta = src.meta.clone().unwrap_or_default();
    let mut doc = Document {
        id: meta.id.clone().unwrap_or_else(|| src.stem.clone()),
        origin: Origin {
            path: src.display.clone(),
            line: None,
        },
        ..Document::default()
    };
    let mut declared_lang = None;
    match format {
        Format::Html => {
            let a = html::extract_article(text);
            if a.text.trim().is_empty() {
                return Err(err("no article text found in the HTML".into()));
            }
            doc.text = a.text;
            doc.title = a.title;
            doc.outlet = a.outlet;
            doc.url = a.url;
            if a.published.is_some() {
                doc.published = a.published;
                doc.published_from = Some(PublishedFrom::Metadata);
            }
            declared_lang = a.lang;
        }
        _ => {
            if text.trim().is_empty() {
                return Err(err("no text (whitespace only)".into()));
            }
            doc.text = text.to_string();
        }
    }
    if meta.title.is_some() {
        doc.title = meta.title;
    }
    if meta.outlet.is_some() {
        doc.outlet = meta.outlet;
    }
    if meta.url.is_some() {
        doc.url = meta.url;
    }
    if meta.published.is_some() {
        doc.published = meta.published;
        doc.published_from = Some(PublishedFrom::Manifest);
    }
    doc.lang = finish_lang(meta.lang.or(declared_lang), &doc.text);
    Ok(doc)
}

// ---------------------------------------------------------------- JSONL ----

/// Field access with the messages of the JSONL contract.
fn opt_string(
    obj: &serde_json::Map<String, serde_json::Value>,
    key: &str,
) -> Result<Option<String>, String> {
    match obj.get(key) {
        None | Some(serde_json::Value::Null) => Ok(None),
        Some(serde_json::Value::String(s)) => {
            let t = s.trim();
            Ok(if t.is_empty() {
                None
            } else {
                Some(t.to_string())
            })
        }
        Some(v) => Err(format!(
            "\"{key}\" must be a string (found {})",
            json_kind(v)
        )),
    }
}

fn json_kind(v: &serde_json::Value) -> &'static str {
    match v {
        serde_json::Value::Null => "null",
        serde_json::Value::Bool(_) => "a boolean",
        serde_json::Value::Number(_) => "a number",
        serde_json::Value::String(_) => "a string",
        serde_json::Value::Array(_) => "an array",
        serde_json::Value::Object(_) => "an object",
    }
}

fn opt_id(obj: &serde_json::Map<String, serde_json::Value>) -> Result<Option<String>, String> {
    match obj.get("id") {
        None | Some(serde_json::Value::Null) => Ok(None),
        Some(serde_json::Value::String(s)) => {
            let t = s.trim();
            if t.is_empty() {
                Err("\"id\" is empty".into())
            } else {
                Ok(Some(t.to_string()))
            }
        }
        Some(serde_json::Value::Number(n)) => Ok(Some(n.to_string())),
        Some(v) => Err(format!(
            "\"id\" must be a string or a number (found {})",
            json_kind(v)
        )),
    }
}

fn opt_date(
    obj: &serde_json::Map<String, serde_json::Value>,
) -> Result<Option<PartialDate>, String> {
    match opt_string(obj, "published")? {
        None => Ok(None),
        Some(s) => s
            .parse::<PartialDate>()
            .map(Some)
            .map_err(|e| format!("\"published\": {e}")),
    }
}

/// `lang`: a string whose primary subtag is kept (`"en-US"` -> `"en"`);
/// a value that is not a language tag is ignored.
fn opt_lang(obj: &serde_json::Map<String, serde_json::Value>) -> Result<Option<String>, String> {
    Ok(opt_string(obj, "lang")?.and_then(|l| html::lang_subtag(&l)))
}

/// Parses one JSON line into an object, with the contract's messages.
fn parse_object(
    bytes: &[u8],
    first: bool,
) -> Result<serde_json::Map<String, serde_json::Value>, String> {
    let s = std::str::from_utf8(bytes).map_err(|e| {
        format!(
            "not UTF-8 text: invalid byte at offset {} of the line",
            e.valid_up_to()
        )
    })?;
    let s = if first {
        s.strip_prefix('\u{feff}').unwrap_or(s)
    } else {
        s
    };
    match serde_json::from_str::<serde_json::Value>(s) {
        Ok(serde_json::Value::Object(m)) => Ok(m),
        Ok(v) => Err(format!("not a JSON object (found {})", json_kind(&v))),
        Err(e) => {
            // serde_json says "at line 1 column N": the line is the file's, given apart.
            let m = e.to_string();
            let m = match m.rfind(" at line ") {
                Some(i) => m[..i].to_string(),
                None => m,
            };
            Err(format!("malformed JSON at column {}: {m}", e.column()))
        }
    }
}

/// Builds a document from a JSONL article object.
fn article_from_object(
    obj: &serde_json::Map<String, serde_json::Value>,
    default_id: String,
    origin: Origin,
    defaults: Option<&Meta>,
) -> Result<Document, String> {
    let text = match obj.get("text") {
        None => return Err("missing \"text\"".into()),
        Some(serde_json::Value::String(s)) => s,
        Some(v) => {
            return Err(format!(
                "\"text\" must be a string (found {})",
                json_kind(v)
            ))
        }
    };
    if text.trim().is_empty() {
        return Err("\"text\" is empty".into());
    }
    if text.contains('\0') {
        return Err("\"text\" contains a NUL character".into());
    }
    let id = opt_id(obj)?.unwrap_or(default_id);
    let title = opt_string(obj, "title")?;
    let url = opt_string(obj, "url")?;
    let outlet = opt_string(obj, "outlet")?.or_else(|| defaults.and_then(|m| m.outlet.clone()));
    let published = opt_date(obj)?;
    let lang = opt_lang(obj)?.or_else(|| defaults.and_then(|m| m.lang.clone()));
    let text = text.strip_prefix('\u{feff}').unwrap_or(text).to_string();
    let lang = finish_lang(lang, &text);
    Ok(Document {
        id,
        title,
        outlet,
        url,
        published,
        published_from: published.map(|_| PublishedFrom::Manifest),
        lang,
        origin,
        text,
        ..Document::default()
    })
}

/// Documents of a JSONL stream, one line at a time.
struct JsonlDocs<R> {
    lines: BoundedLines<R>,
    src: Source,
    max: usize,
    buf: Vec<u8>,
}

impl<R: BufRead> JsonlDocs<R> {
    fn new(r: R, src: Source, max: usize) -> Self {
        JsonlDocs {
            lines: BoundedLines::new(r, max),
            src,
            max,
            buf: Vec::new(),
        }
    }
}

impl<R: BufRead> Iterator for JsonlDocs<R> {
    type Item = IngestResult;

    fn next(&mut self) -> Option<IngestResult> {
        loop {
            let read = self.lines.next_line(&mut self.buf)?;
            let line = self.lines.line();
            let err = |m: String| {
                Some(Err(IngestError::new(
                    self.src.display.clone(),
                    Some(line),
                    m,
                )))
            };
            match read {
                Err(e) => return err(format!("read error: {e}")),
                Ok(LineRead::TooLong) => {
                    return err(format!("line longer than {} bytes; skipped", self.max))
                }
                Ok(LineRead::Line) => {}
            }
            if self.buf.iter().all(|b| b.is_ascii_whitespace()) {
                continue;
            }
            let prefix = self
                .src
                .meta
                .as_ref()
                .and_then(|m| m.id.clone())
                .unwrap_or_else(|| self.src.stem.clone());
            let origin = Origin {
                path: self.src.display.clone(),
                line: Some(line),
            };
            let r = parse_object(&self.buf, line == 1).and_then(|obj| {
                article_from_object(
                    &obj,
                    format!("{prefix}-{line}"),
                    origin,
                    self.src.meta.as_ref(),
                )
            });
            return match r {
                Ok(doc) => Some(Ok(doc)),
                Err(m) => err(m),
            };
        }
    }
}

// ---------------------------------------------------------------- feeds ----

/// Documents of a feed, one item at a time.
struct FeedDocs<R> {
    items: feed::FeedReader<R>,
    src: Source,
}

impl<R: BufRead> FeedDocs<R> {
    fn new(r: R, src: Source) -> Self {
        FeedDocs {
            items: feed::read_feed(r),
            src,
        }
    }
}

impl<R: BufRead> Iterator for FeedDocs<R> {
    type Item = IngestResult;

    fn next(&mut self) -> Option<IngestResult> {
        let item = self.items.next()?;
        let display = self.src.display.clone();
        Some(match item {
            Err(e) => {
                let msg = match e.item {
                    Some(n) => format!("item {n}: {}", e.message),
                    None => e.message,
                };
                Err(IngestError::new(display, None, msg))
            }
            Ok(it) => {
                let meta = self.src.meta.as_ref();
                let prefix = meta
                    .and_then(|m| m.id.clone())
                    .unwrap_or_else(|| self.src.stem.clone());
                let lang = finish_lang(meta.and_then(|m| m.lang.clone()), &it.text);
                Ok(Document {
                    id: format!("{prefix}-{}", it.n),
                    title: it.title,
                    outlet: it.outlet.or_else(|| meta.and_then(|m| m.outlet.clone())),
                    url: it.url,
                    published: it.published,
                    published_from: it.published.map(|_| PublishedFrom::Metadata),
                    lang,
                    origin: Origin {
                        path: display,
                        line: Some(it.n),
                    },
                    text: it.text,
                    ..Document::default()
                })
            }
        })
    }
}

// ---------------------------------------------------------------- files ----

fn display(p: &Path) -> String {
    p.display().to_string()
}

fn stem_of(p: &Path) -> String {
    p.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| display(p))
}

fn ext_of(p: &Path) -> Option<String> {
    p.extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
}

/// Opens one file as a stream of documents. `explicit`: named by the user
/// or a manifest (unknown extensions are read as text).
fn open_file(path: &Path, meta: Option<Meta>, limits: Limits) -> DocStream {
    let disp = display(path);
    let err = |m: String| one_err(IngestError::new(disp.clone(), None, m));
    let ext = ext_of(path);
    let format = match ext.as_deref() {
        Some("json") => Format::Jsonl,
        Some(e) => match Format::from_extension(e) {
            Some(f) => f,
            None if is_binary_extension(e) => return err(format!("unsupported file type .{e}")),
            None => Format::Text,
        },
        None => Format::Text,
    };
    let file = match File::open(path) {
        Ok(f) => f,
        Err(e) => return err(format!("cannot open: {}", io_msg(&e))),
    };
    let md = match file.metadata() {
        Ok(m) => m,
        Err(e) => return err(format!("cannot read: {}", io_msg(&e))),
    };
    if md.is_dir() {
        return err("is a directory".into());
    }
    let size = md.len();
    let regular = md.is_file();
    if regular && size == 0 {
        return err("empty file".into());
    }
    let src = Source {
        display: disp.clone(),
        stem: stem_of(path),
        meta,
    };
    match format {
        Format::Text | Format::Html => {
            let max = limits.max_doc_bytes as u64;
            if regular && size > max {
                return err(too_large(Some(size), max));
            }
            let mut buf = Vec::with_capacity(if regular { size as usize } else { 0 });
            if let Err(e) = file.take(max + 1).read_to_end(&mut buf) {
                return err(format!("cannot read: {}", io_msg(&e)));
            }
            if buf.len() as u64 > max {
                return err(too_large(None, max));
            }
            Box::new(std::iter::once(single_doc(buf, format, &src)))
        }
        Format::Feed => {
            let max = limits.max_feed_bytes;
            if regular && size > max {
                return err(too_large(Some(size), max));
            }
            // Validate the whole file first (streaming, constant memory), so a
            // binary or mis-encoded feed is one clear error.
            match scan_text(File::open(path).map(|f| f.take(max + 1))) {
                Ok(n) if n > max => return err(too_large(None, max)),
                Ok(_) => {}
                Err(m) => return err(m),
            }
            let r = BufReader::with_capacity(64 << 10, file.take(max));
            Box::new(FeedDocs::new(r, src))
        }
        Format::Jsonl => {
            let mut r = BufReader::with_capacity(64 << 10, file);
            match r.fill_buf() {
                Ok(head) => {
                    let head = &head[..head.len().min(8192)];
                    if head.contains(&0) {
                        return err("binary file (NUL byte in the first 8 KiB)".into());
                    }
                    if head.is_empty() {
                        return err("empty file".into());
                    }
                }
                Err(e) => return err(format!("cannot read: {}", io_msg(&e))),
            }
            Box::new(JsonlDocs::new(r, src, limits.max_doc_bytes))
        }
    }
}

fn io_msg(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "no such file or directory".into(),
        io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}

/// Streams a reader checking for NUL bytes and invalid UTF-8; returns the
/// byte count.
fn scan_text<R: Read>(r: io::Result<R>) -> Result<u64, String> {
    let mut r = r.map_err(|e| format!("cannot open: {}", io_msg(&e)))?;
    let mut buf = vec![0u8; 64 << 10];
    let mut carry = 0usize; // bytes of an incomplete UTF-8 sequence kept at buf[..carry]
    let mut offset = 0u64; // file offset of buf[0]
    let mut total = 0u64;
    loop {
        let n = match r.read(&mut buf[carry..]) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(format!("cannot read: {}", io_msg(&e))),
        };
        let chunk = &buf[carry..carry + n];
        if let Some(i) = chunk.iter().position(|&b| b == 0) {
            return Err(format!(
                "binary file (NUL byte at offset {})",
                total + i as u64
            ));
        }
        total += n as u64;
        let filled = carry + n;
        match std::str::from_utf8(&buf[..filled]) {
            Ok(_) => {
                offset += filled as u64;
                carry = 0;
            }
            Err(e) if e.error_len().is_none() => {
                let good = e.valid_up_to();
                offset += good as u64;
                buf.copy_within(good..filled, 0);
                carry = filled - good;
            }
            Err(e) => {
                return Err(format!(
                    "not UTF-8 text: invalid byte at offset {}",
                    offset + e.valid_up_to() as u64
                ))
            }
        }
    }
    if total == 0 {
        return Err("empty file".into());
    }
    if carry > 0 {
        return Err(format!("not UTF-8 text: invalid byte at offset {offset}"));
    }
    Ok(total)
}

/// Whether an extension-less file looks like UTF-8 text (first 8 KiB).
fn looks_like_text(path: &Path) -> bool {
    let mut buf = [0u8; 8192];
    let Ok(mut f) = File::open(path) else {
        return false;
    };
    let mut n = 0;
    while n < buf.len() {
        match f.read(&mut buf[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(_) => return false,
        }
    }
    let head = &buf[..n];
    if head.contains(&0) {
        return false;
    }
    match std::str::from_utf8(head) {
        Ok(_) => true,
        Err(e) => e.error_len().is_none() && n == buf.len(),
    }
}

// ------------------------------------------------------------- manifests ----

/// What a manifest line asks for.
enum ManifestItem {
    File(PathBuf, Meta),
    Doc(IngestResult),
}

struct ManifestReader {
    display: String,
    dir: PathBuf,
    dir_canon: Option<PathBuf>,
    lines: Option<BoundedLines<BufReader<File>>>,
    open_error: Option<String>,
    max: usize,
    buf: Vec<u8>,
}

impl ManifestReader {
    fn new(dir: &Path, manifest: PathBuf, limits: Limits) -> Self {
        let display = display(&manifest);
        let (lines, open_error) = match File::open(&manifest) {
            Ok(f) => (
                Some(BoundedLines::new(
                    BufReader::with_capacity(64 << 10, f),
                    limits.max_doc_bytes,
                )),
                None,
            ),
            Err(e) => (None, Some(format!("cannot open: {}", io_msg(&e)))),
        };
        ManifestReader {
            display,
            dir: dir.to_path_buf(),
            dir_canon: dir.canonicalize().ok(),
            lines,
            open_error,
            max: limits.max_doc_bytes,
            buf: Vec::new(),
        }
    }

    fn next_item(&mut self) -> Option<ManifestItem> {
        if let Some(m) = self.open_error.take() {
            return Some(ManifestItem::Doc(Err(IngestError::new(
                self.display.clone(),
                None,
                m,
            ))));
        }
        let lines = self.lines.as_mut()?;
        loop {
            let read = lines.next_line(&mut self.buf)?;
            let line = lines.line();
            let err = |m: String| {
                Some(ManifestItem::Doc(Err(IngestError::new(
                    self.display.clone(),
                    Some(line),
                    m,
                ))))
            };
            match read {
                Err(e) => return err(format!("read error: {e}")),
                Ok(LineRead::TooLong) => {
                    return err(format!("line longer than {} bytes; skipped", self.max))
                }
                Ok(LineRead::Line) => {}
            }
            if self.buf.iter().all(|b| b.is_ascii_whitespace()) {
                continue;
            }
            return match self.parse_line(line) {
                Ok(item) => Some(item),
                Err(m) => err(m),
            };
        }
    }

    fn parse_line(&self, line: usize) -> Result<ManifestItem, String> {
        let obj = parse_object(&self.buf, line == 1)?;
        let file = match obj.get("file") {
            None | Some(serde_json::Value::Null) => None,
            Some(serde_json::Value::String(s)) => Some(s.clone()),
            Some(v) => {
                return Err(format!(
                    "\"file\" must be a string (found {})",
                    json_kind(v)
                ))
            }
        };
        let meta = Meta {
            id: opt_id(&obj)?,
            title: opt_string(&obj, "title")?,
            outlet: opt_string(&obj, "outlet")?,
            url: opt_string(&obj, "url")?,
            published: opt_date(&obj)?,
            lang: opt_lang(&obj)?,
        };
        let Some(file) = file else {
            if obj.contains_key("text") {
                let stem = self
                    .dir
                    .file_name()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_else(|| "manifest".into());
                let origin = Origin {
                    path: self.display.clone(),
                    line: Some(line),
                };
                let mut doc = article_from_object(&obj, format!("{stem}-{line}"), origin, None)?;
                doc.published_from = doc.published.map(|_| PublishedFrom::Manifest);
                return Ok(ManifestItem::Doc(Ok(doc)));
            }
            return Err("missing \"file\"".into());
        };
        let path = self.resolve(&file)?;
        Ok(ManifestItem::File(path, meta))
    }

    /// Resolves a manifest `file` inside the folder, or says why not.
    fn resolve(&self, file: &str) -> Result<PathBuf, String> {
        let shown: String = file.chars().take(200).collect();
        let rel = Path::new(file);
        if file.trim().is_empty() {
            return Err("\"file\" is empty".into());
        }
        if file.contains('\0') {
            return Err(format!("\"file\" {shown:?} is not a valid path"));
        }
        if rel.is_absolute() || file.starts_with('/') || file.starts_with('\\') {
            return Err(format!(
                "\"file\" {shown:?} is an absolute path; manifest files must be inside the folder"
            ));
        }
        for c in rel.components() {
            match c {
                Component::Normal(_) | Component::CurDir => {}
                Component::ParentDir => {
                    return Err(format!(
                        "\"file\" {shown:?} escapes the folder (\"..\"); not read"
                    ));
                }
                Component::RootDir | Component::Prefix(_) => {
                    return Err(format!("\"file\" {shown:?} is an absolute path; manifest files must be inside the folder"));
                }
            }
        }
        let path = self.dir.join(rel);
        let canon = match path.canonicalize() {
            Ok(c) => c,
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                // A dangling symlink is as missing as a missing file.
                return Err(format!("\"file\" {shown:?} does not exist"));
            }
            Err(e) => return Err(format!("\"file\" {shown:?}: {}", io_msg(&e))),
        };
        match &self.dir_canon {
            Some(root) if canon.starts_with(root) => {}
            _ => {
                return Err(format!(
                    "\"file\" {shown:?} resolves outside the folder (symlink?); not read"
                ))
            }
        }
        if canon.is_dir() {
            return Err(format!("\"file\" {shown:?} is a directory"));
        }
        Ok(path)
    }
}

// ------------------------------------------------------------------ walk ----

enum Frame {
    Paths(std::vec::IntoIter<PathBuf>),
    /// One folder's sorted entries; `root` is the walk's canonical root.
    Dir {
        root: PathBuf,
        entries: std::vec::IntoIter<PathBuf>,
    },
    Manifest(Box<ManifestReader>),
    Docs(DocStream),
}

struct Ingest {
    frames: Vec<Frame>,
    limits: Limits,
}

impl Ingest {
    /// Frames for a folder: its manifest, or its sorted entries.
    fn enter_dir(&mut self, dir: &Path, root: Option<PathBuf>) -> Option<IngestResult> {
        let manifest = dir.join("manifest.jsonl");
        if std::fs::metadata(&manifest)
            .map(|m| m.is_file())
            .unwrap_or(false)
        {
            self.frames
                .push(Frame::Manifest(Box::new(ManifestReader::new(
                    dir,
                    manifest,
                    self.limits,
                ))));
            return None;
        }
        let root = match root {
            Some(r) => r,
            None => match dir.canonicalize() {
                Ok(r) => r,
                Err(e) => {
                    return Some(Err(IngestError::new(
                        display(dir),
                        None,
                        format!("cannot read folder: {}", io_msg(&e)),
                    )))
                }
            },
        };
        let rd = match std::fs::read_dir(dir) {
            Ok(rd) => rd,
            Err(e) => {
                return Some(Err(IngestError::new(
                    display(dir),
                    None,
                    format!("cannot read folder: {}", io_msg(&e)),
                )))
            }
        };
        let mut names = Vec::new();
        for entry in rd {
            match entry {
                Ok(e) => {
                    let name = e.file_name();
                    if name.to_string_lossy().starts_with('.') {
                        continue;
                    }
                    names.push(name);
                }
                Err(e) => {
                    return Some(Err(IngestError::new(
                        display(dir),
                        None,
                        format!("cannot read folder: {}", io_msg(&e)),
                    )));
                }
            }
        }
        names.sort();
        let entries: Vec<PathBuf> = names.into_iter().map(|n| dir.join(n)).collect();
        self.frames.push(Frame::Dir {
            root,
            entries: entries.into_iter(),
        });
        None
    }

    /// A path given by the user.
    fn start_path(&mut self, path: PathBuf) -> Option<IngestResult> {
        if path.as_os_str() == "-" {
            self.frames.push(Frame::Docs(read_named(
                "-",
                "stdin",
                io::stdin(),
                None,
                self.limits,
            )));
            return None;
        }
        let md = match std::fs::metadata(&path) {
            Ok(m) => m,
            Err(e) => return Some(Err(IngestError::new(display(&path), None, io_msg(&e)))),
        };
        if md.is_dir() {
            return self.enter_dir(&path, None);
        }
        if path.file_name().is_some_and(|n| n == "manifest.jsonl") {
            let dir = path
                .parent()
                .map(Path::to_path_buf)
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or_else(|| PathBuf::from("."));
            self.frames
                .push(Frame::Manifest(Box::new(ManifestReader::new(
                    &dir,
                    path,
                    self.limits,
                ))));
            return None;
        }
        self.frames
            .push(Frame::Docs(open_file(&path, None, self.limits)));
        None
    }

    /// An entry met while walking a folder.
    fn walk_entry(&mut self, root: &Path, path: PathBuf) -> Option<IngestResult> {
        let lmd = match std::fs::symlink_metadata(&path) {
            Ok(m) => m,
            Err(e) => return Some(Err(IngestError::new(display(&path), None, io_msg(&e)))),
        };
        let is_file = if lmd.file_type().is_symlink() {
            // Followed only to a file inside the walk's root.
            match path.canonicalize() {
                Ok(target) if target.starts_with(root) => target.is_file(),
                _ => false,
            }
        } else if lmd.is_dir() {
            return self.enter_dir(&path, Some(root.to_path_buf()));
        } else {
            lmd.is_file()
        };
        if !is_file {
            return None;
        }
        let readable = match ext_of(&path) {
            Some(e) => Format::from_extension(&e).is_some(),
            None => looks_like_text(&path),
        };
        if readable {
            self.frames
                .push(Frame::Docs(open_file(&path, None, self.limits)));
        }
        None
    }
}

impl Iterator for Ingest {
    type Item = IngestResult;

    fn next(&mut self) -> Option<IngestResult> {
        loop {
            let frame = self.frames.last_mut()?;
            let out = match frame {
                Frame::Paths(it) => match it.next() {
                    Some(p) => self.start_path(p),
                    None => {
                        self.frames.pop();
                        None
                    }
                },
                Frame::Dir { root, entries } => match entries.next() {
                    Some(p) => {
                        let root = root.clone();
                        self.walk_entry(&root, p)
                    }
                    None => {
                        self.frames.pop();
                        None
                    }
                },
                Frame::Manifest(m) => match m.next_item() {
                    Some(ManifestItem::Doc(r)) => Some(r),
                    Some(ManifestItem::File(path, meta)) => {
                        self.frames
                            .push(Frame::Docs(open_file(&path, Some(meta), self.limits)));
                        None
                    }
                    None => {
                        self.frames.pop();
                        None
                    }
                },
                Frame::Docs(it) => match it.next() {
                    Some(r) => Some(r),
                    None => {
                        self.frames.pop();
                        None
                    }
                },
            };
            if out.is_some() {
                return out;
            }
        }
    }
}

#[cfg(test)]
mod tests;
