//! Keeping a whole corpus for the commands that need every document at once
//! (`report`, `export`, and `extract`'s cross-document clusters): documents
//! are kept *stripped* ([`strip`]), so memory grows with the number of
//! events, not with the size of the articles; and a progress bar.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use sitrep_model::{Document, Span};
use std::io::IsTerminal;

/// A progress bar on stderr when it is a terminal; hidden when piped.
pub fn progress(what: &str) -> ProgressBar {
    let bar = ProgressBar::new_spinner();
    if std::io::stderr().is_terminal() {
        bar.set_draw_target(ProgressDrawTarget::stderr());
        bar.set_style(
            ProgressStyle::with_template("{spinner} {msg} {pos} documents ({per_sec}, {elapsed})")
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
        );
        bar.set_message(what.to_string());
    } else {
        bar.set_draw_target(ProgressDrawTarget::hidden());
    }
    bar
}

/// A progress bar over `total` articles (rate and ETA) on stderr when it
/// is a terminal; hidden when piped.
pub fn progress_of(what: &str, total: u64) -> ProgressBar {
    let bar = ProgressBar::new(total);
    if std::io::stderr().is_terminal() {
        bar.set_draw_target(ProgressDrawTarget::stderr());
        bar.set_style(
            ProgressStyle::with_template("{msg} {wide_bar} {pos}/{len} articles ({per_sec}, ETA {eta})")
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
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
