//! `sitrep extract examples --format jsonl` prints records that keep the
//! contract of spec/records.md (../shared/spec/records.md).
mod common;

use common::DocRecords;
use serde_json::Value;
use std::path::PathBuf;

fn examples() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples")
}

fn extract_examples() -> Vec<DocRecords> {
    let out = common::run(&["extract".as_ref(), examples().as_os_str(), "--format".as_ref(), "jsonl".as_ref()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "extract examples failed ({}): {stderr}", out.status);
    assert!(!stderr.contains("panicked"), "panic on stderr: {stderr}");
    for line in String::from_utf8_lossy(&out.stdout).lines() {
        let v: Value = serde_json::from_str(line).unwrap_or_else(|e| panic!("not JSON: {line:?}: {e}"));
        assert!(v.get("kind").is_some_and(Value::is_string), "no \"kind\": {line}");
        assert!(v.get("doc").is_some_and(Value::is_string), "no \"doc\": {line}");
    }
    common::check_records(&common::records(&out.stdout))
}

fn doc<'a>(docs: &'a [DocRecords], id: &str) -> &'a DocRecords {
    docs.iter()
        .find(|d| d.id() == id)
        .unwrap_or_else(|| panic!("no document {id:?} among {:?}", docs.iter().map(|d| d.id()).collect::<Vec<_>>()))
}

#[test]
fn every_example_document_comes_out_with_well_formed_records() {
    let docs = extract_examples();
    let mut ids: Vec<&str> = docs.iter().map(|d| d.id()).collect();
    ids.sort();
    assert_eq!(
        ids,
        ["feed-1", "feed-2", "kherson-2022-11", "mali-2022-02", "sudan-2023-04", "watiya-2020-05"],
        "one document per article: the .txt and .html by file stem, JSONL lines by id, feed items as <stem>-<n>"
    );
    for d in &docs {
        assert!(!d.entities.is_empty(), "no entity in {}", d.id());
        assert!(!d.events.is_empty(), "no event in {}", d.id());
    }
}

#[test]
fn mention_and_evidence_offsets_are_char_offsets_into_the_text_as_read() {
    let docs = extract_examples();
    // .txt: the file's content (a UTF-8 BOM dropped), exactly as read.
    let txt = std::fs::read_to_string(examples().join("watiya-2020-05.txt")).unwrap();
    let txt = txt.strip_prefix('\u{feff}').unwrap_or(&txt);
    common::check_offsets(doc(&docs, "watiya-2020-05"), txt);
    // .jsonl: each line's "text".
    let wire = std::fs::read_to_string(examples().join("wire.jsonl")).unwrap();
    let mut n = 0;
    for line in wire.lines().filter(|l| !l.trim().is_empty()) {
        let v: Value = serde_json::from_str(line).unwrap();
        common::check_offsets(doc(&docs, v["id"].as_str().unwrap()), v["text"].as_str().unwrap());
        n += 1;
    }
    assert_eq!(n, 2);
}

#[test]
fn publication_dates_and_where_they_come_from() {
    let docs = extract_examples();
    let expect = [
        ("sudan-2023-04", "2023-04-16", "metadata"),  // <meta property="article:published_time">
        ("kherson-2022-11", "2022-11-12", "manifest"), // JSONL "published"
        ("mali-2022-02", "2022-02-17", "manifest"),
        ("watiya-2020-05", "2020-05-19", "text"), // the dateline "Tripoli, Tuesday, 19 May 2020"
        ("feed-1", "2023-12-12", "metadata"),     // <pubDate>
        ("feed-2", "2020-03-05", "metadata"),
    ];
    for (id, published, from) in expect {
        let d = &doc(&docs, id).doc;
        assert_eq!(d["published"], published, "published of {id}: {d}");
        assert_eq!(d["published_from"], from, "published_from of {id}: {d}");
    }
}

#[test]
fn jsonl_metadata_reaches_the_document_record() {
    let docs = extract_examples();
    let d = &doc(&docs, "kherson-2022-11").doc;
    assert_eq!(d["title"], "Russia says it is withdrawing from Kherson");
    assert_eq!(d["outlet"], "sitrep examples");
    let d = &doc(&docs, "sudan-2023-04").doc;
    assert_eq!(d["title"], "Fighting erupts in Khartoum between army and RSF");
    assert_eq!(d["lang"], "en");
}

#[test]
fn no_script_or_style_from_the_html_reaches_the_output() {
    let out = common::run(&["extract".as_ref(), examples().as_os_str(), "--format".as_ref(), "jsonl".as_ref()]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    for bad in ["<script", "console.log", "page analytics", "font-family", "<p>", "</"] {
        assert!(!stdout.contains(bad), "{bad:?} in the output");
    }
    // The article body itself does come through.
    let docs = common::check_records(&common::records(&out.stdout));
    let sudan = doc(&docs, "sudan-2023-04");
    assert!(sudan.entity("rsf").is_some() || sudan.entities.iter().any(|e| e["name"] == "Rapid Support Forces"),
        "the RSF of the HTML body not found: {:?}", sudan.entity_ids());
}

#[test]
fn the_same_entity_has_the_same_id_in_every_document() {
    let docs = extract_examples();
    // Russia is named in feed-2, the Watiya report and both wire stories.
    let with_russia: Vec<&str> = docs
        .iter()
        .filter(|d| d.entities.iter().any(|e| e["name"] == "Russia"))
        .map(|d| d.id())
        .collect();
    assert!(with_russia.len() >= 3, "Russia found only in {with_russia:?}");
    let ids: std::collections::BTreeSet<&str> = docs
        .iter()
        .flat_map(|d| d.entities.iter())
        .filter(|e| e["name"] == "Russia")
        .map(|e| e["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids.len(), 1, "Russia under several ids: {ids:?}");
}
