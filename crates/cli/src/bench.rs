//! `sitrep bench`: throughput and memory of the extract pipeline.
//!
//! ```text
//! sitrep bench [--size-mb 100] [--threads 1,2] [--corpus FILE] [--keep] [--json] [--spacy]
//! sitrep bench gen FILE [--size-mb N] [--seed S]     # write a corpus only
//! sitrep bench run FILE --threads N                   # one measurement (hidden; JSON line)
//! ```
//!
//! The driver generates a JSONL corpus (unless `--corpus` names one) by
//! recombining, with a fixed seed, the sentences of the texts at hand: the
//! repository's `examples/` and, when present beside the repository,
//! `../shared/corpus/libya-2020/*.txt` and `../shared/external/plover-gsr/*.jsonl`
//! (read at run time; nothing of them is stored in the repository). Articles
//! are 2–6 KB of text with distinct ids and varied publication dates; the
//! corpus is streamed to a temporary file, never held in memory.
//!
//! Each measurement runs in a child process (`sitrep bench run`) so that its
//! peak RSS (`VmHWM`) is its own: the child builds the embedded knowledge
//! base, then runs ingest -> `text::annotate` -> `Extractor::extract` ->
//! records over the corpus in batches of [`crate::pipeline::BATCH`] documents on a
//! rayon pool of N threads, as `sitrep extract` does, writing the records to
//! a sink that counts bytes. Throughput is corpus-file bytes (MB = 10^6
//! bytes) over the wall time of the pipeline, knowledge-base build excluded
//! (reported apart); `MB/CPU-s` divides by the process's CPU time instead,
//! which other load on the machine disturbs less.

use anyhow::{bail, Context, Result};
use clap::{Args, Subcommand};
use serde_json::{json, Value};
use std::collections::HashSet;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

/// Arguments of `sitrep bench`.
#[derive(Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct BenchArgs {
    #[command(subcommand)]
    sub: Option<Sub>,
    #[command(flatten)]
    drive: DriveArgs,
}

#[derive(Args)]
struct DriveArgs {
    /// Size of the generated corpus in MB (10^6 bytes of JSONL).
    #[arg(long, default_value_t = 100)]
    size_mb: u64,
    /// Thread counts to measure, comma-separated (default: 1 and all cores).
    #[arg(long, value_delimiter = ',')]
    threads: Vec<usize>,
    /// Measure this JSONL corpus instead of generating one.
    #[arg(long, value_name = "FILE")]
    corpus: Option<PathBuf>,
    /// Keep the generated corpus (its path is printed).
    #[arg(long)]
    keep: bool,
    /// Also print the figures as one JSON line.
    #[arg(long)]
    json: bool,
    /// Then run scripts/bench_spacy.sh on a prefix of the same corpus.
    #[arg(long)]
    spacy: bool,
    /// Size of the prefix spaCy reads, in MB.
    #[arg(long, default_value_t = 5)]
    spacy_mb: u64,
    /// Texts to take sentences from (files or folders sitrep can read);
    /// default: examples/ and the shared development/external texts.
    #[arg(long, value_name = "PATH")]
    source: Vec<PathBuf>,
    /// Seed of the corpus shuffle.
    #[arg(long, default_value_t = 1)]
    seed: u64,
}

#[derive(Subcommand)]
enum Sub {
    /// Write a generated corpus to FILE and stop.
    Gen {
        file: PathBuf,
        #[arg(long, default_value_t = 100)]
        size_mb: u64,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        #[arg(long, value_name = "PATH")]
        source: Vec<PathBuf>,
    },
    /// One measurement: extract FILE on N threads, print one JSON line.
    #[command(hide = true)]
    Run {
        file: PathBuf,
        #[arg(long, default_value_t = 1)]
        threads: usize,
    },
}

/// Entry point of `sitrep bench`.
pub fn main(args: &BenchArgs) -> Result<bool> {
    match &args.sub {
        Some(Sub::Run { file, threads }) => {
            let r = run_once(file, *threads)?;
            println!("{r}");
            Ok(true)
        }
        Some(Sub::Gen { file, size_mb, seed, source }) => {
            let pool = sentence_pool(&sources(source))?;
            let t = Instant::now();
            let s = generate_file(file, &pool, size_mb * 1_000_000, *seed)?;
            eprintln!(
                "sitrep bench: wrote {} ({:.1} MB, {} articles, from {} sentences) in {:.1} s",
                file.display(),
                s.bytes as f64 / 1e6,
                s.articles,
                pool.len(),
                t.elapsed().as_secs_f64()
            );
            Ok(true)
        }
        None => drive(&args.drive),
    }
}

// ---------------------------------------------------------------- corpus

/// A tiny deterministic generator (xorshift64*); enough for shuffling.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        // splitmix64 of the seed, so that 0 and small seeds are fine.
        let mut z = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        Rng((z ^ (z >> 31)) | 1)
    }
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    /// Uniform in `0..n` (n > 0; the modulo bias is irrelevant here).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// The repository root: the working folder if it is one, else the one this
/// binary was built from.
fn repo_root() -> PathBuf {
    let cwd = std::env::current_dir().unwrap_or_default();
    if cwd.join("crates/cli").is_dir() && cwd.join("examples").is_dir() {
        return cwd;
    }
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// `--source` if given, else the default texts that exist.
fn sources(given: &[PathBuf]) -> Vec<PathBuf> {
    if !given.is_empty() {
        return given.to_vec();
    }
    let root = repo_root();
    let mut out = vec![root.join("examples")];
    let shared = root.join("../shared");
    for (dir, ext) in [("corpus/libya-2020", "txt"), ("external/plover-gsr", "jsonl")] {
        if let Ok(rd) = std::fs::read_dir(shared.join(dir)) {
            let mut files: Vec<PathBuf> = rd
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == ext))
                .collect();
            files.sort();
            out.extend(files);
        }
    }
    out
}

/// Distinct sentences (white space folded to single spaces) of every
/// document in `paths`, in reading order.
pub fn sentence_pool(paths: &[PathBuf]) -> Result<Vec<String>> {
    let mut seen = HashSet::new();
    let mut pool = Vec::new();
    for item in sitrep_ingest::read_paths(paths, sitrep_ingest::Limits::default()) {
        let Ok(doc) = item else { continue };
        for sp in sitrep_text::sentences::split(&doc.text) {
            let s = doc.text[sp.start..sp.end].split_whitespace().collect::<Vec<_>>().join(" ");
            if s.split(' ').count() >= 4 && s.len() <= 1500 && seen.insert(s.clone()) {
                pool.push(s);
            }
        }
    }
    if pool.is_empty() {
        bail!("no sentences to build a corpus from (sources: {paths:?})");
    }
    Ok(pool)
}

/// What [`generate`] wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GenStats {
    pub articles: u64,
    pub bytes: u64,
}

pub const MIN_ARTICLE: usize = 2048;
pub const MAX_ARTICLE: usize = 6144;

/// Writes JSONL articles to `out` until at least `target` bytes are
/// written: random sentences of `pool` in paragraphs of 2–4, 2–6 KB of
/// text each, ids `bench-0000001`..., dates 2010-01-01..2024-12-28.
/// Deterministic for a given pool and seed; holds one article at a time.
pub fn generate<W: Write>(out: &mut W, pool: &[String], target: u64, seed: u64) -> Result<GenStats> {
    let mut rng = Rng::new(seed);
    let mut st = GenStats { articles: 0, bytes: 0 };
    let mut text = String::with_capacity(MAX_ARTICLE);
    while st.bytes < target {
        text.clear();
        let want = MIN_ARTICLE + rng.below(MAX_ARTICLE - MIN_ARTICLE + 1);
        let mut par_len = 2 + rng.below(3);
        let mut in_par = 0;
        let mut first = 0..0;
        let mut misses = 0;
        while text.len() < want {
            let s = &pool[rng.below(pool.len())];
            let sep = if text.is_empty() { 0 } else if in_par >= par_len { 2 } else { 1 };
            if text.len() + sep + s.len() > MAX_ARTICLE {
                if text.len() >= MIN_ARTICLE || misses > 100 {
                    break;
                }
                misses += 1;
                continue;
            }
            match sep {
                2 => {
                    text.push_str("\n\n");
                    in_par = 0;
                    par_len = 2 + rng.below(3);
                }
                1 => text.push(' '),
                _ => first = 0..s.len(),
            }
            text.push_str(s);
            in_par += 1;
        }
        st.articles += 1;
        let title: Vec<&str> = text[first].split(' ').take(10).collect();
        let line = json!({
            "id": format!("bench-{:07}", st.articles),
            "title": title.join(" "),
            "outlet": "sitrep bench",
            "published": format!("{}-{:02}-{:02}", 2010 + rng.below(15), 1 + rng.below(12), 1 + rng.below(28)),
            "text": text,
        })
        .to_string();
        out.write_all(line.as_bytes())?;
        out.write_all(b"\n")?;
        st.bytes += line.len() as u64 + 1;
    }
    out.flush()?;
    Ok(st)
}

fn generate_file(path: &Path, pool: &[String], target: u64, seed: u64) -> Result<GenStats> {
    let f = File::create(path).with_context(|| format!("creating {}", path.display()))?;
    let mut w = BufWriter::with_capacity(1 << 20, f);
    generate(&mut w, pool, target, seed).with_context(|| format!("writing {}", path.display()))
}

// ---------------------------------------------------------------- one run

/// Counts the bytes written to it and drops them.
#[derive(Default)]
struct CountingSink {
    bytes: u64,
}

impl Write for CountingSink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.bytes += buf.len() as u64;
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[derive(Default)]
struct PipeStats {
    docs: u64,
    rejected: u64,
    text_bytes: u64,
    records: u64,
    panics: u64,
}

/// The `sitrep extract` pipeline (`crate::pipeline`, as `extract
/// --no-cluster` runs it) with the records written to `out`; runs on the
/// current rayon pool.
fn pipeline<W: Write>(paths: &[PathBuf], ex: &sitrep_extract::Extractor, out: &mut W) -> Result<PipeStats> {
    let mut records = 0;
    let c = crate::pipeline::run(paths, ex, true, |d| {
        records += d.records as u64;
        Ok(out.write_all(d.lines.as_bytes())?)
    })?;
    out.flush()?;
    Ok(PipeStats { docs: c.docs, rejected: c.rejected, text_bytes: c.text_bytes, records, panics: c.failed })
}

/// A `Vm*` field of /proc/self/status, in KiB.
fn proc_status_kib(field: &str) -> Option<u64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = s.lines().find(|l| l.starts_with(field) && l[field.len()..].starts_with(':'))?;
    line[field.len() + 1..].trim().trim_end_matches("kB").trim().parse().ok()
}

/// User + system CPU time of this process so far, in seconds
/// (/proc/self/stat, in USER_HZ = 100 ticks per second).
fn cpu_secs() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/self/stat").ok()?;
    let f: Vec<&str> = s[s.rfind(')')? + 1..].split_whitespace().collect();
    let ticks: u64 = f.get(11)?.parse::<u64>().ok()? + f.get(12)?.parse::<u64>().ok()?;
    Some(ticks as f64 / 100.0)
}

/// One measurement in this process; returns its JSON record.
fn run_once(file: &Path, threads: usize) -> Result<Value> {
    let input_bytes = std::fs::metadata(file).with_context(|| format!("reading {}", file.display()))?.len();
    let t0 = Instant::now();
    let ex = crate::build_extractor(&crate::KbArgs { kb: vec![], lexicon: vec![] })?;
    let kb_secs = t0.elapsed().as_secs_f64();
    let rss_after_kb = proc_status_kib("VmHWM");
    // Show the first few panics briefly (document ids are in the records).
    static SHOWN: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    std::panic::set_hook(Box::new(|info| {
        if SHOWN.fetch_add(1, std::sync::atomic::Ordering::Relaxed) < 5 {
            eprintln!("sitrep bench: extractor panic: {info}");
        }
    }));
    let pool = rayon::ThreadPoolBuilder::new().num_threads(threads.max(1)).build()?;
    let mut sink = CountingSink::default();
    let paths = [file.to_path_buf()];
    let c1 = cpu_secs();
    let t1 = Instant::now();
    let st = pool.install(|| pipeline(&paths, &ex, &mut sink))?;
    let secs = t1.elapsed().as_secs_f64();
    let cpu = cpu_secs().zip(c1).map(|(b, a)| b - a);
    Ok(json!({
        "threads": threads,
        "input_bytes": input_bytes,
        "text_bytes": st.text_bytes,
        "articles": st.docs,
        "rejected": st.rejected,
        "panics": st.panics,
        "records": st.records,
        "output_bytes": sink.bytes,
        "secs": secs,
        "cpu_secs": cpu,
        "mb_per_cpu_s": cpu.map(|c| input_bytes as f64 / 1e6 / c),
        "kb_secs": kb_secs,
        "mb_per_s": input_bytes as f64 / 1e6 / secs,
        "mb_per_s_per_core": input_bytes as f64 / 1e6 / secs / threads.max(1) as f64,
        "articles_per_s": st.docs as f64 / secs,
        "rss_after_kb_kib": rss_after_kb,
        "peak_rss_kib": proc_status_kib("VmHWM"),
        // Other load on the machine disturbs wall-clock figures.
        "loadavg_1min_after": std::fs::read_to_string("/proc/loadavg").ok()
            .and_then(|l| l.split(' ').next().and_then(|x| x.parse::<f64>().ok())),
    }))
}

/// Runs `sitrep bench run` in a child process and parses its JSON line.
fn run_child(file: &Path, threads: usize) -> Result<Value> {
    let exe = std::env::current_exe().context("locating the sitrep binary")?;
    let out = Command::new(exe)
        .args(["bench", "run", "--threads", &threads.to_string()])
        .arg(file)
        .stdin(Stdio::null())
        .stderr(Stdio::inherit())
        .output()
        .context("running the measurement child")?;
    if !out.status.success() {
        bail!("measurement on {threads} thread(s) failed: {}", out.status);
    }
    let text = String::from_utf8_lossy(&out.stdout);
    let line = text.lines().last().unwrap_or_default();
    serde_json::from_str(line).with_context(|| format!("parsing the child's report {line:?}"))
}

// ---------------------------------------------------------------- driver

/// Deletes the generated corpus on the way out unless asked to keep it.
struct TempCorpus {
    path: PathBuf,
    keep: bool,
}

impl Drop for TempCorpus {
    fn drop(&mut self) {
        if !self.keep {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

fn drive(a: &DriveArgs) -> Result<bool> {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let mut threads = if a.threads.is_empty() { vec![1, cores] } else { a.threads.clone() };
    threads.dedup();
    let mut summary = json!({});
    let (path, _guard) = match &a.corpus {
        Some(p) => (p.clone(), None),
        None => {
            let pool = sentence_pool(&sources(&a.source))?;
            let path = std::env::temp_dir().join(format!("sitrep-bench-{}.jsonl", std::process::id()));
            let guard = TempCorpus { path: path.clone(), keep: a.keep };
            let t = Instant::now();
            let s = generate_file(&path, &pool, a.size_mb * 1_000_000, a.seed)?;
            let gen_secs = t.elapsed().as_secs_f64();
            eprintln!(
                "corpus: {} articles, {:.1} MB, from {} distinct sentences, generated in {:.1} s (generator peak RSS {} MiB){}",
                s.articles,
                s.bytes as f64 / 1e6,
                pool.len(),
                gen_secs,
                proc_status_kib("VmHWM").unwrap_or(0) / 1024,
                if a.keep { format!(", kept at {}", path.display()) } else { String::new() }
            );
            summary["generator"] = json!({"sentences": pool.len(), "secs": gen_secs, "seed": a.seed,
                "peak_rss_kib": proc_status_kib("VmHWM")});
            (path, Some(guard))
        }
    };
    let mut runs = Vec::new();
    for &n in &threads {
        eprintln!("running on {n} thread(s)...");
        runs.push(run_child(&path, n)?);
    }
    let base = runs
        .iter()
        .find(|r| r["threads"] == 1)
        .or(runs.first())
        .and_then(|r| r["mb_per_s"].as_f64())
        .unwrap_or(f64::NAN);
    for r in &mut runs {
        let s = r["mb_per_s"].as_f64().unwrap_or(f64::NAN) / base;
        r["speedup"] = json!(s);
    }
    let first = &runs[0];
    println!(
        "corpus {}: {:.1} MB JSONL ({:.1} MB text), {} articles; knowledge base built in {:.2} s; {} core(s)",
        path.display(),
        first["input_bytes"].as_f64().unwrap_or(0.0) / 1e6,
        first["text_bytes"].as_f64().unwrap_or(0.0) / 1e6,
        first["articles"],
        first["kb_secs"].as_f64().unwrap_or(0.0),
        cores
    );
    println!(
        "{:>7} {:>8} {:>8} {:>7} {:>9} {:>9} {:>10} {:>9} {:>8}",
        "threads", "wall s", "CPU s", "MB/s", "MB/s/core", "MB/CPU-s", "articles/s", "peak RSS", "speed-up"
    );
    for r in &runs {
        let f = |k: &str| r[k].as_f64().unwrap_or(f64::NAN);
        println!(
            "{:>7} {:>8.1} {:>8.1} {:>7.2} {:>9.2} {:>9.2} {:>10.0} {:>5} MiB {:>7.2}x",
            r["threads"].as_u64().unwrap_or(0),
            f("secs"),
            f("cpu_secs"),
            f("mb_per_s"),
            f("mb_per_s_per_core"),
            f("mb_per_cpu_s"),
            f("articles_per_s"),
            r["peak_rss_kib"].as_u64().unwrap_or(0) / 1024,
            f("speedup")
        );
    }
    let ok = runs.iter().all(|r| r["rejected"] == 0 && r["panics"] == 0);
    for r in &runs {
        if r["rejected"] != 0 || r["panics"] != 0 {
            println!(
                "warning: on {} thread(s), {} article(s) rejected by ingest, {} extractor panic(s) (skipped)",
                r["threads"], r["rejected"], r["panics"]
            );
        }
    }
    summary["corpus"] = json!(path.display().to_string());
    summary["runs"] = json!(runs);
    if a.json {
        println!("{summary}");
    }
    if a.spacy {
        let script = repo_root().join("scripts/bench_spacy.sh");
        if !script.is_file() {
            bail!("{} not found: run it by hand (see its header)", script.display());
        }
        let exe = std::env::current_exe()?;
        let mut cmd = Command::new("bash");
        cmd.arg(&script).arg("--corpus").arg(&path).arg("--mb").arg(a.spacy_mb.to_string()).arg("--sitrep").arg(exe);
        if a.json {
            cmd.arg("--json");
        }
        let st = cmd
            .status()
            .context("running bench_spacy.sh")?;
        if !st.success() {
            bail!("bench_spacy.sh failed: {st}");
        }
    }
    Ok(ok)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::BufRead;

    fn pool() -> Vec<String> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        sentence_pool(&[root.join("examples")]).expect("the examples have sentences")
    }

    #[test]
    fn corpus_is_deterministic_sized_valid_and_distinct() {
        let pool = pool();
        let target = 1_000_000;
        let mut a = Vec::new();
        let sa = generate(&mut a, &pool, target, 7).unwrap();
        let mut b = Vec::new();
        let sb = generate(&mut b, &pool, target, 7).unwrap();
        assert_eq!(a, b, "same seed, same corpus");
        assert_eq!(sa, sb);
        assert!(a.len() as u64 >= target);
        assert_eq!(sa.bytes, a.len() as u64);
        let mut c = Vec::new();
        generate(&mut c, &pool, target, 8).unwrap();
        assert_ne!(a, c, "another seed, another corpus");

        let mut ids = HashSet::new();
        let mut dates = HashSet::new();
        let mut n = 0;
        for line in a.lines() {
            let line = line.unwrap();
            let v: Value = serde_json::from_str(&line).expect("valid JSON");
            let text = v["text"].as_str().unwrap();
            assert!((MIN_ARTICLE..=MAX_ARTICLE).contains(&text.len()), "{} bytes", text.len());
            assert!(ids.insert(v["id"].as_str().unwrap().to_string()), "duplicate id");
            dates.insert(v["published"].as_str().unwrap().to_string());
            n += 1;
        }
        assert_eq!(n, sa.articles);
        assert!(dates.len() > n as usize / 4, "dates vary");

        // sitrep reads every line as a document, with our ids.
        let docs: Vec<_> = sitrep_ingest::read_reader(
            "bench",
            std::io::Cursor::new(a),
            Some(sitrep_ingest::Format::Jsonl),
            sitrep_ingest::Limits::default(),
        )
        .collect();
        assert_eq!(docs.len() as u64, sa.articles);
        assert!(docs.iter().all(|d| d.as_ref().is_ok_and(|d| d.id.starts_with("bench-"))));
    }

    #[test]
    fn counting_sink_and_proc_status() {
        let mut s = CountingSink::default();
        s.write_all(b"abc").unwrap();
        assert_eq!(s.bytes, 3);
        if Path::new("/proc/self/status").exists() {
            assert!(proc_status_kib("VmHWM").unwrap() > 0);
        }
    }
}
