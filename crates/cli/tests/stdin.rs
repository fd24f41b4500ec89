//! `sitrep extract -` reads standard input: plain text, JSON Lines or HTML.
mod common;

use std::time::Duration;

fn extract_stdin(name: &str, input: &str) -> common::Timed {
    let dir = common::temp_dir(name);
    let run = common::run_timed(
        common::sitrep().args(["extract", "-", "--format", "jsonl"]),
        Some(input.as_bytes()),
        &dir,
        Duration::from_secs(60),
    );
    assert!(run.status.is_some(), "sitrep did not finish");
    assert!(!run.stderr.contains("panicked"), "sitrep panicked:\n{}", run.stderr);
    run
}

#[test]
fn plain_text_on_stdin_is_one_document_named_stdin() {
    let text = "Tripoli, 3 March 2021 -- Turkish drones struck LNA positions near Sirte on Monday.\n";
    let run = extract_stdin("stdin-text", text);
    assert!(run.status.unwrap().success(), "failed: {}", run.stderr);
    let docs = common::check_records(&common::records(&run.stdout));
    assert_eq!(docs.len(), 1);
    let d = &docs[0];
    assert_eq!(d.id(), "stdin");
    common::check_offsets(d, text);
    assert_eq!(d.doc["published"], "2021-03-03");
    assert_eq!(d.doc["published_from"], "text");
    assert!(d.entity("lna").is_some(), "LNA not linked: {:?}", d.entity_ids());
    assert!(!d.events.is_empty(), "no event from {text:?}");
}

#[test]
fn jsonl_on_stdin_is_one_document_a_line() {
    let input = concat!(
        r#"{"id":"a1","text":"Egypt warned Turkey on Sunday.","published":"2020-06-21","title":"Warning"}"#,
        "\n",
        r#"{"text":"Russia denied the report."}"#,
        "\n"
    );
    let run = extract_stdin("stdin-jsonl", input);
    assert!(run.status.unwrap().success(), "failed: {}", run.stderr);
    let docs = common::check_records(&common::records(&run.stdout));
    let ids: Vec<&str> = docs.iter().map(|d| d.id()).collect();
    assert_eq!(ids, ["a1", "stdin-2"], "a line's id, else stdin-<line>");
    common::check_offsets(&docs[0], "Egypt warned Turkey on Sunday.");
    common::check_offsets(&docs[1], "Russia denied the report.");
    assert_eq!(docs[0].doc["published"], "2020-06-21");
    assert_eq!(docs[0].doc["published_from"], "manifest");
    assert_eq!(docs[0].doc["title"], "Warning");
    assert!(docs[1].doc["published"].is_null());
    assert!(docs[1].doc["published_from"].is_null());
    assert!(docs[0].entity("egypt").is_some() && docs[0].entity("turkey").is_some(), "{:?}", docs[0].entity_ids());
}

#[test]
fn a_bad_jsonl_line_on_stdin_is_reported_with_its_line() {
    let input = "{\"id\":\"a1\",\"text\":\"Egypt warned Turkey on Sunday.\"}\n{\"id\":\"a2\"\n";
    let run = extract_stdin("stdin-badline", input);
    assert_eq!(run.status.unwrap().code(), Some(1), "{}", run.stderr);
    assert!(run.stderr.contains("-:2"), "stderr must name stdin's line 2: {}", run.stderr);
    let docs = common::check_records(&common::records(&run.stdout));
    assert_eq!(docs.iter().map(|d| d.id()).collect::<Vec<_>>(), ["a1"]);
}

#[test]
fn html_on_stdin_keeps_the_body_and_drops_the_script() {
    let input = "<html><head><title>T</title><script>alert(1)</script></head>\
                 <body><p>Turkey sent drones to Tripoli on Friday.</p></body></html>";
    let run = extract_stdin("stdin-html", input);
    assert!(run.status.unwrap().success(), "failed: {}", run.stderr);
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(!stdout.contains("alert(") && !stdout.contains("<script"), "{stdout}");
    let docs = common::check_records(&common::records(&run.stdout));
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0].id(), "stdin");
    assert_eq!(docs[0].doc["title"], "T");
    assert!(docs[0].entity("turkey").is_some(), "{:?}", docs[0].entity_ids());
}

#[test]
fn empty_stdin_is_rejected_not_a_crash() {
    let run = extract_stdin("stdin-empty", "");
    assert_eq!(run.status.unwrap().code(), Some(1), "{}", run.stderr);
    assert!(run.stdout.is_empty());
    assert!(run.stderr.lines().any(|l| l.contains("-:") || l.contains("stdin")), "{}", run.stderr);
}

/// A capitalised word whose last letter folds to "s" ("Demirtaş") once made
/// the linker slice inside a multi-byte character (seen on the ngec suite).
#[test]
fn a_name_ending_in_a_multibyte_letter_does_not_panic() {
    let text = "Selahattin Demirtaş spoke in Diyarbakir on Monday. Demirtaş was later detained.\n";
    let run = extract_stdin("stdin-demirtas", text);
    assert!(run.status.unwrap().success(), "failed: {}", run.stderr);
    let docs = common::check_records(&common::records(&run.stdout));
    common::check_offsets(&docs[0], text);
}
