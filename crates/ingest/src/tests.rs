//! Tests of files, JSONL, manifests, folder walks and readers.

use super::*;
use std::fs;

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    if let Some(parent) = p.parent() {
        fs::create_dir_all(parent).unwrap();
    }
    fs::write(&p, bytes).unwrap();
    p
}

fn run(paths: &[PathBuf]) -> (Vec<Document>, Vec<IngestError>) {
    run_with(paths, Limits::default())
}

fn run_with(paths: &[PathBuf], limits: Limits) -> (Vec<Document>, Vec<IngestError>) {
    let mut docs = Vec::new();
    let mut errs = Vec::new();
    for r in read_paths(paths, limits) {
        match r {
            Ok(d) => docs.push(d),
            Err(e) => errs.push(e),
        }
    }
    (docs, errs)
}

fn ids(docs: &[Document]) -> Vec<&str> {
    docs.iter().map(|d| d.id.as_str()).collect()
}

#[test]
fn error_display() {
    assert_eq!(
        IngestError::new("a.jsonl", Some(3), "bad").to_string(),
        "a.jsonl:3: bad"
    );
    assert_eq!(
        IngestError::new("a.txt", None, "empty file").to_string(),
        "a.txt: empty file"
    );
}

#[test]
fn text_files() {
    let t = tempfile::tempdir().unwrap();
    let d = t.path();
    let a = write(d, "a.txt", "\u{feff}Line one.\r\nLine two.\n".as_bytes());
    let b = write(d, "empty.txt", b"");
    let c = write(d, "bom-only.txt", b"\xEF\xBB\xBF");
    let e = write(d, "bin.txt", b"abc\0def");
    let f = write(d, "bad.txt", b"ok \xff no");
    let g = write(d, "space.txt", b"  \n\t ");
    let h = write(d, "big.txt", &[b'a'; 100]);
    let (docs, errs) = run_with(
        &[a, b, c, e, f, g, h],
        Limits {
            max_doc_bytes: 50,
            ..Limits::default()
        },
    );
    assert_eq!(ids(&docs), vec!["a"]);
    let doc = &docs[0];
    assert_eq!(doc.text, "Line one.\r\nLine two.\n");
    assert_eq!(doc.lang.as_deref(), Some("en"));
    assert_eq!(doc.published, None);
    assert_eq!(doc.origin.line, None);
    assert!(doc.origin.path.ends_with("a.txt"));
    let msgs: Vec<String> = errs.iter().map(|e| e.message.clone()).collect();
    assert_eq!(
        msgs,
        vec![
            "empty file",
            "empty file",
            "binary file (NUL byte at offset 3)",
            "not UTF-8 text: invalid byte at offset 3",
            "no text (whitespace only)",
            "file too large: 100 bytes (limit 50)",
        ]
    );
}

#[test]
fn missing_path_and_unsupported_type() {
    let t = tempfile::tempdir().unwrap();
    let png = write(t.path(), "x.png", b"\x89PNG");
    let md = write(t.path(), "notes.md", b"Some notes.");
    let (docs, errs) = run(&[t.path().join("nope.txt"), png, md]);
    assert_eq!(ids(&docs), vec!["notes"]);
    assert_eq!(errs.len(), 2);
    assert!(
        errs[0]
            .to_string()
            .ends_with("nope.txt: no such file or directory"),
        "{}",
        errs[0]
    );
    assert_eq!(errs[1].message, "unsupported file type .png");
}

#[test]
fn jsonl_lines() {
    let t = tempfile::tempdir().unwrap();
    let lines = [
        r#"{"id":"a1","text":"First.","title":"T","url":"https://example.org/a","outlet":"O","published":"2020-05-23"}"#,
        r#"{"text":"No id."}"#,
        r#"{"id":42,"text":"Numeric id.","published":"2021-01-02T03:04:05Z"}"#,
        "",
        "   ",
        r#"{"id":"broken","text":"unterminated"#,
        r#"{"id":"notext"}"#,
        r#"{"id":"arr","text":["x"]}"#,
        r#"{"id":true,"text":"bool id"}"#,
        r#"{"id":"empty","text":"   "}"#,
        r#"{"id":"baddate","text":"x","published":"31/31/2020"}"#,
        r#"{"id":"badtitle","text":"x","title":5}"#,
        r#"["not","an","object"]"#,
        r#"{"id":"nul","text":"a\u0000b"}"#,
        r#"{"id":"last","text":"Last line, no newline.","lang":"FR"}"#,
    ];
    let body = format!("\u{feff}{}", lines.join("\n"));
    let p = write(t.path(), "arts.jsonl", body.as_bytes());
    let (docs, errs) = run(&[p]);
    assert_eq!(ids(&docs), vec!["a1", "arts-2", "42", "last"]);
    let a = &docs[0];
    assert_eq!(a.title.as_deref(), Some("T"));
    assert_eq!(a.outlet.as_deref(), Some("O"));
    assert_eq!(a.url.as_deref(), Some("https://example.org/a"));
    assert_eq!(a.published.unwrap().to_string(), "2020-05-23");
    assert_eq!(a.published_from, Some(PublishedFrom::Manifest));
    assert_eq!(a.origin.line, Some(1));
    assert_eq!(docs[1].published_from, None);
    assert_eq!(docs[2].published.unwrap().to_string(), "2021-01-02");
    assert_eq!(docs[3].lang.as_deref(), Some("fr"));
    assert_eq!(docs[3].origin.line, Some(15));
    let got: Vec<(Option<usize>, &str)> =
        errs.iter().map(|e| (e.line, e.message.as_str())).collect();
    assert_eq!(got.len(), 9, "{got:#?}");
    assert_eq!(got[0].0, Some(6));
    assert!(got[0].1.starts_with("malformed JSON"), "{}", got[0].1);
    assert_eq!(got[1], (Some(7), "missing \"text\""));
    assert_eq!(
        got[2],
        (Some(8), "\"text\" must be a string (found an array)")
    );
    assert_eq!(
        got[3],
        (
            Some(9),
            "\"id\" must be a string or a number (found a boolean)"
        )
    );
    assert_eq!(got[4], (Some(10), "\"text\" is empty"));
    assert_eq!(got[5].0, Some(11));
    assert!(
        got[5].1.starts_with("\"published\": not an ISO date"),
        "{}",
        got[5].1
    );
    assert_eq!(
        got[6],
        (Some(12), "\"title\" must be a string (found a number)")
    );
    assert_eq!(got[7], (Some(13), "not a JSON object (found an array)"));
    assert_eq!(got[8], (Some(14), "\"text\" contains a NUL character"));
    assert!(errs.iter().all(|e| e.path.ends_with("arts.jsonl")));
}

#[test]
fn jsonl_long_line_is_skipped_not_buffered() {
    let t = tempfile::tempdir().unwrap();
    let mut body = String::from("{\"text\":\"short\"}\n{\"text\":\"");
    body.push_str(&"x".repeat(5000));
    body.push_str("\"}\n{\"text\":\"after\"}\n");
    let p = write(t.path(), "long.jsonl", body.as_bytes());
    let (docs, errs) = run_with(
        &[p],
        Limits {
            max_doc_bytes: 1000,
            ..Limits::default()
        },
    );
    assert_eq!(ids(&docs), vec!["long-1", "long-3"]);
    assert_eq!(errs.len(), 1);
    assert_eq!(errs[0].line, Some(2));
    assert_eq!(errs[0].message, "line longer than 1000 bytes; skipped");
}

#[test]
fn jsonl_invalid_utf8_line_and_binary_file() {
    let t = tempfile::tempdir().unwrap();
    let p = write(
        t.path(),
        "u.jsonl",
        b"{\"text\":\"ok\"}\n{\"text\":\"\xff\"}\n",
    );
    let b = write(t.path(), "b.jsonl", b"{\"text\":\"ok\"}\n\0\0\0");
    let (docs, errs) = run(&[p, b]);
    assert_eq!(ids(&docs), vec!["u-1"]);
    assert_eq!(errs[0].line, Some(2));
    assert_eq!(
        errs[0].message,
        "not UTF-8 text: invalid byte at offset 9 of the line"
    );
    assert_eq!(errs[1].line, None);
    assert!(errs[1].message.starts_with("binary file"));
}

#[test]
fn html_file_document() {
    let t = tempfile::tempdir().unwrap();
    let p = write(
        t.path(),
        "page.html",
        br#"<html lang="de"><head><meta property="og:title" content="Headline">
        <meta name="date" content="2022-02-03"><meta property="og:site_name" content="Site"></head>
        <body><article><p>Body of the page, written for this test only.</p></article></body></html>"#,
    );
    let empty = write(
        t.path(),
        "nothing.htm",
        b"<html><head><script>x()</script></head><body></body></html>",
    );
    let (docs, errs) = run(&[p, empty]);
    assert_eq!(docs.len(), 1);
    let d = &docs[0];
    assert_eq!(d.id, "page");
    assert_eq!(d.title.as_deref(), Some("Headline"));
    assert_eq!(d.outlet.as_deref(), Some("Site"));
    assert_eq!(d.text, "Body of the page, written for this test only.");
    assert_eq!(d.published.unwrap().to_string(), "2022-02-03");
    assert_eq!(d.published_from, Some(PublishedFrom::Metadata));
    assert_eq!(d.lang.as_deref(), Some("de"));
    assert_eq!(errs.len(), 1);
    assert_eq!(errs[0].message, "no article text found in the HTML");
}

#[test]
fn feed_file_documents() {
    let t = tempfile::tempdir().unwrap();
    let p = write(
        t.path(),
        "wire.rss",
        "\u{feff}<?xml version=\"1.0\"?><rss><channel><title>Wire</title>\
         <item><title>One</title><description>Body one.</description><pubDate>Sun, 21 Jun 2020 08:00:00 GMT</pubDate></item>\
         <item><title>Two</title></item></channel></rss>"
            .as_bytes(),
    );
    let bad = write(t.path(), "bad.xml", b"<rss><channel>\xff</channel></rss>");
    let (docs, errs) = run(&[p, bad]);
    assert_eq!(ids(&docs), vec!["wire-1", "wire-2"]);
    assert_eq!(docs[0].text, "One\n\nBody one.");
    assert_eq!(docs[0].outlet.as_deref(), Some("Wire"));
    assert_eq!(docs[0].published_from, Some(PublishedFrom::Metadata));
    assert_eq!(docs[0].origin.line, Some(1));
    assert_eq!(docs[1].published, None);
    assert_eq!(errs.len(), 1);
    assert_eq!(errs[0].message, "not UTF-8 text: invalid byte at offset 14");
}

#[test]
fn manifest_folder() {
    let t = tempfile::tempdir().unwrap();
    let d = t.path().join("set");
    write(&d, "000.txt", b"Text zero.");
    write(
        &d,
        "sub/001.html",
        b"<p>Html one, for the manifest test.</p>",
    );
    write(&d, "ignored.txt", b"Not in the manifest.");
    write(&d, "gold.json", b"{}");
    write(&d, "items.jsonl", b"{\"text\":\"Item one.\"}\n");
    write(&d, "deeper/x.txt", b"Not walked.");
    write(t.path(), "secret.txt", b"Outside the folder.");
    #[cfg(unix)]
    std::os::unix::fs::symlink(t.path().join("secret.txt"), d.join("link.txt")).unwrap();
    let manifest = [
        r#"{"id":"m0","file":"000.txt","title":"Zero","outlet":"Wire","url":"https://example.org/0","published":"2020-04-07"}"#,
        r#"{"id":"m1","file":"sub/001.html","published":"2020-04"}"#,
        r#"{"id":"m2","file":"does-not-exist.txt"}"#,
        r#"{"id":"m3","file":"../secret.txt"}"#,
        r#"{"id":"m4","file":"/etc/passwd"}"#,
        r#"{"id":"m5","file":"link.txt"}"#,
        r#"{"id":"m6","file":"000.txt","published":"yesterday"}"#,
        r#"{"id":"m7"}"#,
        r#"{"id":"m8","file":"items.jsonl","outlet":"Feedish"}"#,
        r#"{"id":"m9","text":"Inline text in the manifest.","published":"2020"}"#,
        r#"{"id":"m10","file":"sub"}"#,
    ];
    write(&d, "manifest.jsonl", manifest.join("\n").as_bytes());
    let (docs, errs) = run(std::slice::from_ref(&d));
    assert_eq!(ids(&docs), vec!["m0", "m1", "m8-1", "m9"]);
    let m0 = &docs[0];
    assert_eq!(m0.title.as_deref(), Some("Zero"));
    assert_eq!(m0.outlet.as_deref(), Some("Wire"));
    assert_eq!(m0.url.as_deref(), Some("https://example.org/0"));
    assert_eq!(m0.published.unwrap().to_string(), "2020-04-07");
    assert_eq!(m0.published_from, Some(PublishedFrom::Manifest));
    assert_eq!(m0.text, "Text zero.");
    assert_eq!(docs[1].published.unwrap().to_string(), "2020-04");
    assert_eq!(docs[1].text, "Html one, for the manifest test.");
    assert_eq!(docs[2].outlet.as_deref(), Some("Feedish"));
    assert_eq!(docs[3].published_from, Some(PublishedFrom::Manifest));
    let got: Vec<(Option<usize>, String)> =
        errs.iter().map(|e| (e.line, e.message.clone())).collect();
    assert!(
        errs.iter().all(|e| e.path.ends_with("manifest.jsonl")),
        "{errs:#?}"
    );
    assert_eq!(
        got.iter().map(|g| g.0.unwrap()).collect::<Vec<_>>(),
        vec![3, 4, 5, 6, 7, 8, 11],
        "{got:#?}"
    );
    assert!(got[0].1.contains("does not exist"));
    assert!(got[1].1.contains("escapes the folder"));
    assert!(got[2].1.contains("absolute path"));
    assert!(
        got[3].1.contains("outside the folder") || got[3].1.contains("does not exist"),
        "{}",
        got[3].1
    );
    assert!(got[4].1.starts_with("\"published\": not an ISO date"));
    assert_eq!(got[5].1, "missing \"file\"");
    assert!(got[6].1.contains("is a directory"));
    for d in &docs {
        assert!(!d.text.contains("Outside the folder") && !d.text.contains("Not in the manifest"));
    }
}

#[test]
fn manifest_named_directly() {
    let t = tempfile::tempdir().unwrap();
    write(t.path(), "a.txt", b"A text.");
    let m = write(t.path(), "manifest.jsonl", br#"{"id":"x","file":"a.txt"}"#);
    let (docs, errs) = run(&[m]);
    assert!(errs.is_empty(), "{errs:?}");
    assert_eq!(ids(&docs), vec!["x"]);
}

#[test]
fn folder_walk_is_sorted_and_filtered() {
    let t = tempfile::tempdir().unwrap();
    let d = t.path().join("corpus");
    write(&d, "b.txt", b"B.");
    write(&d, "a.txt", b"A.");
    write(&d, "c/z.html", b"<p>Z.</p>");
    write(&d, "c/y.jsonl", b"{\"text\":\"Y1.\"}\n{\"text\":\"Y2.\"}\n");
    write(
        &d,
        "c/x.atom",
        b"<feed><title>F</title><entry><title>X.</title></entry></feed>",
    );
    write(&d, ".hidden.txt", b"hidden");
    write(&d, ".git/config.txt", b"hidden dir");
    write(&d, "image.png", b"\x89PNG\0\0");
    write(&d, "gold.json", b"{\"a\":1}");
    write(&d, "notes.md", b"notes");
    write(&d, "README", b"Extension-less text.");
    write(&d, "blob", b"\0\x01\x02binary");
    write(&d, "m/manifest.jsonl", br#"{"id":"mm","file":"in.txt"}"#);
    write(&d, "m/in.txt", b"Listed.");
    write(&d, "m/out.txt", b"Not listed.");
    write(t.path(), "outside.txt", b"Outside.");
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(t.path().join("outside.txt"), d.join("d-out.txt")).unwrap();
        std::os::unix::fs::symlink(d.join("a.txt"), d.join("d-in.txt")).unwrap();
        std::os::unix::fs::symlink(t.path(), d.join("loop")).unwrap();
    }
    let (docs, errs) = run(std::slice::from_ref(&d));
    assert!(errs.is_empty(), "{errs:?}");
    #[cfg(unix)]
    assert_eq!(
        ids(&docs),
        vec!["README", "a", "b", "x-1", "y-1", "y-2", "z", "d-in", "mm"]
    );
    #[cfg(not(unix))]
    assert_eq!(
        ids(&docs),
        vec!["README", "a", "b", "x-1", "y-1", "y-2", "z", "mm"]
    );
    // Deterministic: the same again.
    let (again, _) = run(&[d]);
    assert_eq!(ids(&docs), ids(&again));
}

#[test]
fn reader_sniffing() {
    let limits = Limits::default();
    let collect = |s: &'static str| -> Vec<IngestResult> {
        read_reader("stdin", s.as_bytes(), None, limits).collect()
    };
    let j = collect("\n{\"text\":\"From stdin.\"}\n{\"id\":\"k\",\"text\":\"Two.\"}\n");
    let ids: Vec<String> = j.iter().map(|r| r.as_ref().unwrap().id.clone()).collect();
    assert_eq!(ids, vec!["stdin-2", "k"]);
    let t = collect("Plain text from stdin.\n");
    assert_eq!(t.len(), 1);
    let d = t[0].as_ref().unwrap();
    assert_eq!(
        (d.id.as_str(), d.text.as_str()),
        ("stdin", "Plain text from stdin.\n")
    );
    assert_eq!(d.origin.path, "stdin");
    let h = collect("<!doctype html><p>Html from stdin.</p>");
    assert_eq!(h[0].as_ref().unwrap().text, "Html from stdin.");
    let f = collect("<?xml version=\"1.0\"?><rss><channel><item><title>Feed item.</title></item></channel></rss>");
    assert_eq!(f[0].as_ref().unwrap().id, "stdin-1");
    let e = collect("");
    assert_eq!(e[0].as_ref().unwrap_err().message, "empty file");
}

#[test]
fn stream_is_send() {
    fn is_send<T: Send>(_: &T) {}
    let it = read_paths(&[], Limits::default());
    is_send(&it);
}
