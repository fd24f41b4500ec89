//! Opens the HTML report in headless Chromium: the page must load with no
//! console message (no script error, no Content-Security-Policy violation,
//! no blocked load), its script must run (it records each figure's box in
//! `data-box`), and a 1366×900 screenshot must show the map, the network
//! and the timeline drawn (not one flat colour).
//!
//! Needs `/usr/bin/chromium` (Debian: `apt-get install -y chromium`), or
//! the binary named by `SITREP_CHROMIUM`. Without it the test is skipped
//! with a note, unless `CI` is set, where it fails.
//!
//! Output is kept for inspection in `$CARGO_TARGET_TMPDIR/report-browser/`
//! (`report.html`, `dom.html`, `shot.png`, `chromium-*.log`).

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const WIDTH: u32 = 1366;
const HEIGHT: u32 = 900;

fn chromium() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("SITREP_CHROMIUM") {
        return Some(PathBuf::from(p));
    }
    let p = PathBuf::from("/usr/bin/chromium");
    p.exists().then_some(p)
}

/// Runs Chromium headless on `url` with `extra` flags; returns (stdout, stderr).
fn run(bin: &Path, dir: &Path, name: &str, extra: &[String], url: &str) -> (String, String) {
    let profile = dir.join(format!("profile-{name}"));
    let _ = std::fs::remove_dir_all(&profile);
    let out_path = dir.join(format!("chromium-{name}.out"));
    let err_path = dir.join(format!("chromium-{name}.log"));
    let mut cmd = Command::new(bin);
    cmd.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-default-apps",
        "--disable-extensions",
        "--no-first-run",
        "--no-default-browser-check",
        "--hide-scrollbars",
        "--force-device-scale-factor=1",
        "--enable-logging=stderr",
        "--v=0",
    ])
    .arg(format!("--user-data-dir={}", profile.display()))
    .arg(format!("--window-size={WIDTH},{HEIGHT}"))
    .args(extra)
    .arg(url)
    .stdin(Stdio::null())
    .stdout(std::fs::File::create(&out_path).unwrap())
    .stderr(std::fs::File::create(&err_path).unwrap());
    let mut child = cmd.spawn().expect("start chromium");
    let start = Instant::now();
    loop {
        match child.try_wait().unwrap() {
            Some(_) => break,
            None if start.elapsed() > Duration::from_secs(120) => {
                let _ = child.kill();
                let _ = child.wait();
                panic!("chromium ({name}) did not finish in 120 s; see {}", err_path.display());
            }
            None => std::thread::sleep(Duration::from_millis(100)),
        }
    }
    let _ = std::fs::remove_dir_all(&profile);
    (std::fs::read_to_string(&out_path).unwrap_or_default(), std::fs::read_to_string(&err_path).unwrap_or_default())
}

/// Console messages and script errors in Chromium's log. Page console
/// output is logged as `INFO:CONSOLE:<line>] "…", source: …` (older
/// versions: `INFO:CONSOLE(<line>)] …`), whatever the console method.
fn console_lines(log: &str) -> Vec<&str> {
    log.lines()
        .filter(|l| l.contains(":CONSOLE") || l.contains("Uncaught") || l.contains("Content Security Policy"))
        .collect()
}

/// The `data-box="x,y,w,h"` the page's script put on a figure.
fn figure_box(dom: &str, name: &str) -> Option<(i64, i64, i64, i64)> {
    let needle = format!("data-figure=\"{name}\"");
    let at = dom.find(&needle)?;
    // Attributes of the same start tag.
    let tag_start = dom[..at].rfind('<')?;
    let tag_end = at + dom[at..].find('>')?;
    let tag = &dom[tag_start..tag_end];
    let b = tag.find("data-box=\"")? + "data-box=\"".len();
    let v: Vec<i64> = tag[b..].split('"').next()?.split(',').filter_map(|x| x.trim().parse().ok()).collect();
    (v.len() == 4).then(|| (v[0], v[1], v[2], v[3]))
}

#[test]
fn report_renders_in_headless_chromium() {
    let Some(bin) = chromium() else {
        if std::env::var_os("CI").is_some() {
            panic!("CI is set but /usr/bin/chromium is missing: install Debian's `chromium` package");
        }
        eprintln!("note: /usr/bin/chromium not found; skipping the browser test (apt-get install -y chromium)");
        return;
    };
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("report-browser");
    std::fs::create_dir_all(&dir).unwrap();
    let html = sitrep_report::render_html(&common::picture(), &common::documents());
    let page = dir.join("report.html");
    std::fs::write(&page, &html).unwrap();
    let url = format!("file://{}", page.canonicalize().unwrap().display());

    // 1. The DOM after scripts ran, and the console.
    let (dom, log) = run(&bin, &dir, "dom", &["--dump-dom".to_string()], &url);
    std::fs::write(dir.join("dom.html"), &dom).unwrap();
    let console = console_lines(&log);
    assert!(console.is_empty(), "console messages while loading the report:\n{}", console.join("\n"));
    assert!(dom.contains("id=\"map\"") && dom.contains("id=\"timeline\"") && dom.contains("id=\"network\""), "figures missing from the DOM");
    assert!(dom.matches("<svg").count() >= 3, "fewer than three svg elements in the DOM");
    assert!(!dom.contains("id=\"type-filter\" class=\"filter\" role=\"group\" aria-label=\"Filter events by type\" hidden"), "the script did not run (filter still hidden)");
    assert!(!dom.contains("<img"), "an <img> element appeared in the DOM");
    type Box4 = (i64, i64, i64, i64);
    let boxes: Vec<(&str, Box4)> = ["map", "network", "timeline"]
        .iter()
        .map(|n| (*n, figure_box(&dom, n).unwrap_or_else(|| panic!("no data-box on the {n} figure: the page script did not run"))))
        .collect();

    // 2. The screenshot.
    let shot = dir.join("shot.png");
    let _ = std::fs::remove_file(&shot);
    let (_, log) = run(&bin, &dir, "shot", &[format!("--screenshot={}", shot.display())], &url);
    let console = console_lines(&log);
    assert!(console.is_empty(), "console messages while taking the screenshot:\n{}", console.join("\n"));
    let meta = std::fs::metadata(&shot).unwrap_or_else(|_| panic!("no screenshot written; log: {}", dir.join("chromium-shot.log").display()));
    assert!(meta.len() > 20_000, "screenshot is only {} bytes", meta.len());

    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(&shot).unwrap()));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut buf).unwrap();
    let channels = match info.color_type {
        png::ColorType::Rgb => 3,
        png::ColorType::Rgba => 4,
        other => panic!("unexpected PNG colour type {other:?}"),
    };
    assert_eq!(info.bit_depth, png::BitDepth::Eight);
    let (w, h) = (info.width as i64, info.height as i64);
    assert!(w >= 1000 && h >= 600, "screenshot is {w}×{h}");
    let pixel = |x: i64, y: i64| {
        let i = ((y * w + x) as usize) * channels;
        (buf[i], buf[i + 1], buf[i + 2])
    };
    for (name, (bx, by, bw, bh)) in boxes {
        let (x0, y0) = (bx.max(0), by.max(0));
        let (x1, y1) = ((bx + bw).min(w), (by + bh).min(h));
        assert!(x1 - x0 > 200 && y1 - y0 > 80, "the {name} figure is not on the first screen: box {bx},{by},{bw},{bh} in {w}×{h}");
        let mut counts: std::collections::HashMap<(u8, u8, u8), usize> = std::collections::HashMap::new();
        let mut total = 0usize;
        for y in (y0..y1).step_by(2) {
            for x in (x0..x1).step_by(2) {
                let (r, g, b) = pixel(x, y);
                *counts.entry((r >> 4, g >> 4, b >> 4)).or_default() += 1;
                total += 1;
            }
        }
        let dominant = counts.values().copied().max().unwrap_or(0);
        let other_share = 1.0 - dominant as f64 / total.max(1) as f64;
        eprintln!("{name}: box {bx},{by},{bw},{bh}; {} colours; {:.1}% not the main colour", counts.len(), other_share * 100.0);
        assert!(counts.len() >= 6, "the {name} figure has only {} colours", counts.len());
        assert!(other_share > 0.03, "the {name} figure is nearly one colour ({:.1}% other)", other_share * 100.0);
    }
    eprintln!("screenshot: {}", shot.display());
}
