//! Reading a whole corpus for the commands that need every document at once
//! (`report`, `export`, and `extract`'s cross-document clusters).
//!
//! Documents are extracted in parallel batches and kept *stripped*: no text,
//! no sentences, no mention lists; each event keeps its evidence sentence in
//! the document's `text` slot instead (see [`strip`]). Memory grows with the
//! number of events, not with the size of the articles.

use anyhow::Result;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use sitrep_extract::Extractor;
use sitrep_model::{Document, Span};
use std::io::IsTerminal;
use std::path::PathBuf;

/// Documents read, and how many inputs were rejected.
pub struct Corpus {
    pub docs: Vec<Document>,
    pub rejected: usize,
}

const BATCH: usize = 256;

/// A progress bar on stderr when it is a terminal; hidden when piped.
pub fn progress(what: &str) -> ProgressBar {
    let bar = ProgressBar::new_spinner();
    if std::io::stderr().is_terminal() {
        bar.set_draw_target(ProgressDrawTarget::stderr());
        bar.set_style(
            ProgressStyle::with_template("{spinner} {msg} {pos} documents ({per_sec}, {elapsed})").unwrap_or_else(|_| ProgressStyle::default_spinner()),
        );
        bar.set_message(what.to_string());
    } else {
        bar.set_draw_target(ProgressDrawTarget::hidden());
    }
    bar
}

/// Keeps what the picture needs: metadata, entities without mentions, and
/// events whose evidence is moved into a compact text. Each event's `span`
/// is rewritten to its evidence's place in that text.
pub fn strip(mut doc: Document) -> Document {
    let mut text = String::new();
    for e in &mut doc.events {
        let evidence = doc.text.get(e.span.start..e.span.end).unwrap_or("");
        let start = text.len();
        text.push_str(evidence);
        e.span = Span::new(start, text.len());
        e.trigger_span = Span::new(start, start);
        text.push('\n');
    }
    doc.text = text;
    doc.sentences.clear();
    for en in &mut doc.entities {
        en.mentions.truncate(1);
    }
    doc
}

/// Reads and extracts every document of `paths`, stripped.
pub fn read(ex: &Extractor, paths: &[PathBuf], bar: &ProgressBar) -> Result<Corpus> {
    let mut docs = Vec::new();
    let mut rejected = 0;
    let mut batch: Vec<Document> = Vec::with_capacity(BATCH);
    let flush = |batch: &mut Vec<Document>, docs: &mut Vec<Document>, rejected: &mut usize| {
        let done: Vec<Option<Document>> = batch
            .par_drain(..)
            .map(|mut doc| {
                let origin = doc.origin.clone();
                std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    sitrep_text::annotate(&mut doc);
                    ex.extract(&mut doc);
                    strip(doc)
                }))
                .map_err(|_| eprintln!("sitrep: {}: internal error while extracting; document skipped", origin.path))
                .ok()
            })
            .collect();
        for d in done {
            match d {
                Some(d) => {
                    bar.inc(1);
                    docs.push(d);
                }
                None => *rejected += 1,
            }
        }
    };
    for item in sitrep_ingest::read_paths(paths, sitrep_ingest::Limits::default()) {
        match item {
            Ok(doc) => {
                batch.push(doc);
                if batch.len() >= BATCH {
                    flush(&mut batch, &mut docs, &mut rejected);
                }
            }
            Err(e) => {
                rejected += 1;
                bar.suspend(|| eprintln!("sitrep: {e}"));
            }
        }
    }
    flush(&mut batch, &mut docs, &mut rejected);
    bar.finish_and_clear();
    Ok(Corpus { docs, rejected })
}
