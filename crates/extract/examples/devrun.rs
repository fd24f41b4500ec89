// Temporary harness (removed once ingest lands): reads a manifest folder.
use sitrep_model::{Document, PublishedFrom};
fn main() {
    let dir = std::env::args().nth(1).unwrap();
    let kb = sitrep_kb::Kb::embedded().unwrap();
    let ex = sitrep_extract::Extractor::new(kb);
    let man = std::fs::read_to_string(format!("{dir}/manifest.jsonl")).unwrap();
    for l in man.lines() {
        let v: serde_json::Value = serde_json::from_str(l).unwrap();
        let text = std::fs::read_to_string(format!("{dir}/{}", v["file"].as_str().unwrap())).unwrap();
        let mut doc = Document { id: v["id"].as_str().unwrap().into(), text, ..Default::default() };
        doc.published = v["published"].as_str().and_then(|s| s.parse().ok());
        doc.published_from = Some(PublishedFrom::Manifest);
        sitrep_text::annotate(&mut doc);
        ex.extract(&mut doc);
        for r in sitrep_extract::records::records(&doc) { println!("{r}"); }
    }
}
