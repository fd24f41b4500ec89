//! `--kb` and `--lexicon` extend the embedded knowledge base and event
//! lexicon at start-up (docs/kb-format.md, docs/lexicon-format.md). The
//! conflict, its parties and its places here are fictional. The KB ids are
//! not the slugs of the names (an unknown entity gets its name's slug as id),
//! so an id proves the KB record was used.
mod common;

use common::DocRecords;
use std::path::{Path, PathBuf};

const KB: &str = r#"// a fictional conflict, for the test only
{"id":"test-nlf","name":"Northern Liberation Front","type":"armed_group","aliases":["NLF"],"sector":"REB"}
{"id":"test-verhoeven","name":"Tomas Verhoeven","type":"person","aliases":["Verhoeven"],"part_of":["test-nlf"],"roles":[{"title":"Commander","of":"test-nlf","from":"2023","to":null}]}

{"id":"test-cdb","name":"Coastal Defence Brigade","type":"armed_group","aliases":["CDB"]}
"#;

/// "firebomb" is not in the embedded lexicon.
const LEXICON: &str = r#"
[[trigger]]
words = "firebomb"
pos = "verb"
type = "ASSAULT"
mode = "explosives"
target = ["object"]
"#;

/// 12 June 2024 was a Wednesday: "on Monday" is 10 June.
const ARTICLE: &str = "Rebels firebomb brigade headquarters

Port Esk, 12 June 2024

The Northern Liberation Front (NLF), a rebel group led by Tomas Verhoeven, has fought the Coastal Defence Brigade for two years.

On Monday, Verhoeven's fighters firebombed the Coastal Defence Brigade near the harbour, residents said.
";

struct Files {
    dir: PathBuf,
    kb: PathBuf,
    lexicon: PathBuf,
    article: PathBuf,
}

fn files(name: &str) -> Files {
    let dir = common::temp_dir(name);
    let f = Files { kb: dir.join("conflict.jsonl"), lexicon: dir.join("extra.toml"), article: dir.join("port-esk.txt"), dir };
    std::fs::write(&f.kb, KB).unwrap();
    std::fs::write(&f.lexicon, LEXICON).unwrap();
    std::fs::write(&f.article, ARTICLE).unwrap();
    f
}

fn extract(article: &Path, extra: &[(&str, &Path)]) -> DocRecords {
    let mut cmd = common::sitrep();
    cmd.arg("extract").arg(article).args(["--format", "jsonl"]);
    for (flag, file) in extra {
        cmd.arg(flag).arg(file);
    }
    let out = cmd.output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "extract failed ({}): {stderr}", out.status);
    let mut docs = common::check_records(&common::records(&out.stdout));
    assert_eq!(docs.len(), 1);
    let d = docs.pop().unwrap();
    common::check_offsets(&d, ARTICLE);
    d
}

#[test]
fn kb_and_lexicon_files_add_entities_and_a_trigger() {
    let f = files("kb-ext");
    let d = extract(&f.article, &[("--kb", &f.kb), ("--lexicon", &f.lexicon)]);
    assert_eq!(d.doc["published"], "2024-06-12");
    assert_eq!(d.doc["published_from"], "text");

    let nlf = d.entity("test-nlf").unwrap_or_else(|| panic!("NLF not linked: {:?}", d.entity_ids()));
    assert_eq!(nlf["name"], "Northern Liberation Front");
    assert_eq!(nlf["type"], "armed_group");
    assert!(nlf["aliases"].as_array().unwrap().iter().any(|a| a == "NLF"), "aliases: {nlf}");
    let said: Vec<&str> = nlf["mentions"].as_array().unwrap().iter().map(|m| m["text"].as_str().unwrap()).collect();
    assert!(said.contains(&"NLF"), "mentions of the NLF: {said:?}");
    // The commander's fighters are his force.
    assert!(said.contains(&"Verhoeven's fighters"), "\"Verhoeven's fighters\" not linked to the NLF: {said:?}");

    let tv = d.entity("test-verhoeven").unwrap_or_else(|| panic!("Verhoeven not linked: {:?}", d.entity_ids()));
    assert_eq!(tv["type"], "person");
    assert_eq!(tv["name"], "Tomas Verhoeven");
    let cdb = d.entity("test-cdb").unwrap_or_else(|| panic!("CDB not linked: {:?}", d.entity_ids()));
    assert_eq!(cdb["type"], "armed_group");

    let ev = d
        .events
        .iter()
        .find(|e| e["evidence"].as_str().unwrap().contains("Verhoeven's fighters firebombed"))
        .unwrap_or_else(|| panic!("no event from the firebomb sentence: {:#?}", d.events));
    assert_eq!(ev["type"], "ASSAULT", "{ev}");
    assert_eq!(ev["mode"], "explosives", "{ev}");
    assert_eq!(ev["source"], serde_json::json!(["test-nlf"]), "{ev}");
    assert_eq!(ev["target"], serde_json::json!(["test-cdb"]), "{ev}");
    assert_eq!(ev["date"], "2024-06-10", "\"on Monday\" before Wednesday 12 June 2024: {ev}");
}

#[test]
fn without_the_files_the_fictional_names_and_trigger_are_unknown() {
    let f = files("kb-ext-none");
    let d = extract(&f.article, &[]);
    for id in ["test-nlf", "test-verhoeven", "test-cdb"] {
        assert!(d.entity(id).is_none(), "{id} linked without --kb");
    }
    // With the KB but without the lexicon, "firebombed" codes nothing as explosives.
    let d = extract(&f.article, &[("--kb", &f.kb)]);
    assert!(d.entity("test-nlf").is_some());
    assert!(
        !d.events.iter().any(|e| e["evidence"].as_str().unwrap().contains("firebombed") && e["mode"] == "explosives"),
        "the firebomb trigger is coded without --lexicon: {:#?}",
        d.events
    );
}

#[test]
fn a_malformed_kb_file_is_an_error_naming_file_and_line() {
    let f = files("kb-ext-bad");
    let cases = [
        ("broken.jsonl", "{\"id\":\"ok-one\",\"name\":\"Ok One\",\"type\":\"person\"}\n{\"id\":\"broken\", \"name\": \n", "broken.jsonl:2"),
        ("bad-id.jsonl", "// comment\n\n{\"id\":\"Bad Id\",\"name\":\"X\",\"type\":\"person\"}\n", "bad-id.jsonl:3"),
        ("bad-type.jsonl", "{\"id\":\"x\",\"name\":\"X\",\"type\":\"warlord\"}\n", "bad-type.jsonl:1"),
    ];
    for (name, text, want) in cases {
        let kb = f.dir.join(name);
        std::fs::write(&kb, text).unwrap();
        let out = common::run(&["extract".as_ref(), f.article.as_os_str(), "--kb".as_ref(), kb.as_os_str()]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{name}: exit status {} ({stderr})", out.status);
        assert!(stderr.contains(want), "{name}: stderr must name {want:?}: {stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
        assert!(out.stdout.is_empty(), "{name}: records printed despite a bad --kb file");
    }
    // A lexicon with an unknown type, and a missing file, are errors too.
    let bad = f.dir.join("bad.toml");
    std::fs::write(&bad, "[[trigger]]\nwords = \"zap\"\npos = \"verb\"\ntype = \"NOPE\"\n").unwrap();
    let missing = f.dir.join("missing.jsonl");
    for (flag, file) in [("--lexicon", &bad), ("--kb", &missing)] {
        let out = common::run(&["extract".as_ref(), f.article.as_os_str(), flag.as_ref(), file.as_os_str()]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{flag} {}: exit status {} ({stderr})", file.display(), out.status);
        let fname = file.file_name().unwrap().to_str().unwrap();
        assert!(stderr.contains(fname), "stderr must name {fname}: {stderr}");
    }
}
