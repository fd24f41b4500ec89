//! The one streaming loop every command shares: ingest -> text -> extract
//! (-> records), parallel inside batches of documents, delivered in input
//! order, so memory stays bounded whatever the corpus size.

use anyhow::Result;
use rayon::prelude::*;
use sitrep_extract::Extractor;
use sitrep_model::Document;
use std::path::PathBuf;

/// Documents per batch: parallel inside a batch, ordered across batches.
pub const BATCH: usize = 256;

/// One processed document, in input order.
pub struct Done {
    /// Its JSON Lines records (empty when records were not asked for).
    pub lines: String,
    pub records: usize,
    /// The document with its text, entities and events.
    pub doc: Document,
}

/// What a run saw.
#[derive(Debug, Default, Clone, Copy)]
pub struct Counts {
    pub docs: u64,
    pub text_bytes: u64,
    /// Inputs ingest rejected (reported on stderr as they come).
    pub rejected: u64,
    /// Documents a stage failed on (a panic costs one document, not the run).
    pub failed: u64,
}

/// Runs the pipeline over `paths`, handing each done document to `sink`.
pub fn run(paths: &[PathBuf], ex: &Extractor, with_records: bool, sink: impl FnMut(Done) -> Result<()>) -> Result<Counts> {
    run_filtered(paths, ex, with_records, |_| true, sink)
}

/// Like [`run`], but only documents `keep` accepts (as read, before any
/// extraction) go on: `ingest` skips stored articles cheaply this way.
pub fn run_filtered(
    paths: &[PathBuf],
    ex: &Extractor,
    with_records: bool,
    mut keep: impl FnMut(&Document) -> bool,
    mut sink: impl FnMut(Done) -> Result<()>,
) -> Result<Counts> {
    let mut counts = Counts::default();
    let mut batch: Vec<Document> = Vec::with_capacity(BATCH);
    let mut flush = |batch: &mut Vec<Document>, counts: &mut Counts| -> Result<()> {
        let done: Vec<Result<Done, String>> = batch.par_drain(..).map(|doc| process(ex, doc, with_records)).collect();
        for d in done {
            match d {
                Ok(d) => sink(d)?,
                Err(e) => {
                    counts.failed += 1;
                    eprintln!("sitrep: {e}");
                }
            }
        }
        Ok(())
    };
    for item in sitrep_ingest::read_paths(paths, sitrep_ingest::Limits::default()) {
        match item {
            Ok(doc) if !keep(&doc) => counts.docs += 1,
            Ok(doc) => {
                counts.docs += 1;
                counts.text_bytes += doc.text.len() as u64;
                batch.push(doc);
                if batch.len() >= BATCH {
                    flush(&mut batch, &mut counts)?;
                }
            }
            Err(e) => {
                counts.rejected += 1;
                eprintln!("sitrep: {e}");
            }
        }
    }
    flush(&mut batch, &mut counts)?;
    Ok(counts)
}

/// The text and extract stages (and records) for one document.
fn process(ex: &Extractor, mut doc: Document, with_records: bool) -> Result<Done, String> {
    let origin = doc.origin.clone();
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(move || {
        sitrep_text::annotate(&mut doc);
        ex.extract(&mut doc);
        let (lines, records) = if with_records { record_lines(&doc) } else { (String::new(), 0) };
        Done { lines, records, doc }
    }))
    .map_err(|_| {
        let line = origin.line.map(|l| format!(":{l}")).unwrap_or_default();
        format!("{}{line}: internal error while extracting; document skipped", origin.path)
    })
}

/// The JSON lines of one extracted document, and how many there are.
pub fn record_lines(doc: &Document) -> (String, usize) {
    let recs = sitrep_extract::records::records(doc);
    let mut s = String::new();
    for r in &recs {
        s.push_str(&r.to_string());
        s.push('\n');
    }
    (s, recs.len())
}
