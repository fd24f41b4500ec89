//! Shared by the extract tests: an extractor over a KB (and lexicon)
//! written in the test, and one text run through it.

use sitrep_extract::Extractor;
use sitrep_kb::KbBuilder;
use sitrep_model::{Document, PublishedFrom};

/// An extractor over the test's KB lines and, if given, its lexicon.
pub fn extractor(kb: &str, lexicon: Option<&str>) -> Extractor {
    let mut b = KbBuilder::default();
    b.add_jsonl("test-kb.jsonl", kb).unwrap();
    if let Some(lexicon) = lexicon {
        b.add_lexicon_text("test-lexicon.toml", lexicon).unwrap();
    }
    Extractor::new(b.build().unwrap())
}

/// `text` as a document published on Wednesday 2021-03-10, extracted.
pub fn extract(ex: &Extractor, text: &str) -> Document {
    let mut doc = Document {
        id: "t".into(),
        text: text.into(),
        published: Some("2021-03-10".parse().unwrap()),
        published_from: Some(PublishedFrom::Manifest),
        ..Default::default()
    };
    sitrep_text::annotate(&mut doc);
    ex.extract(&mut doc);
    doc
}
