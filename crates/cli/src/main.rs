//! `sitrep`: the command line. Parses flags, wires the stages, prints.


// The extractor allocates many small strings per sentence; mimalloc serves
// them faster than the system allocator, on every thread.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand, ValueEnum};
use sitrep_extract::Extractor;
use sitrep_kb::KbBuilder;
use sitrep_model::Document;
use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

mod bench;
mod corpus;
mod pipeline;
mod serve;

#[derive(Parser)]
#[command(name = "sitrep", version, about = "News articles about armed conflict -> entities, PLOVER events, a situation picture")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(clap::Args, Clone)]
struct KbArgs {
    /// Extra knowledge-base file (.jsonl entities, .tsv gazetteer rows, .toml lexicon); repeatable.
    #[arg(long = "kb", value_name = "FILE")]
    kb: Vec<PathBuf>,
    /// Extra event-lexicon file (.toml); repeatable.
    #[arg(long = "lexicon", value_name = "FILE")]
    lexicon: Vec<PathBuf>,
}

#[derive(Copy, Clone, ValueEnum)]
enum Format {
    /// JSON Lines records (spec/records.md).
    Jsonl,
}

#[derive(Subcommand)]
enum Command {
    /// Read articles and print document, entity and event records.
    Extract {
        /// Files, folders (recursive) or `-` for stdin.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        #[arg(long, value_enum, default_value = "jsonl")]
        format: Format,
        #[command(flatten)]
        kb: KbArgs,
        /// Worker threads (default: all cores).
        #[arg(long)]
        threads: Option<usize>,
        /// Stream records without cross-document clusters (`cluster` stays
        /// null); nothing is kept once a document is written.
        #[arg(long)]
        no_cluster: bool,
    },
    /// Read articles and write the situation picture: DIR/report.md and a
    /// self-contained DIR/report.html; a one-screen summary on stdout.
    Report {
        /// Files, folders (recursive) or `-`; or none with `--db`.
        #[arg(required_unless_present = "db", conflicts_with = "db")]
        paths: Vec<PathBuf>,
        /// Read the articles from a store (`sitrep ingest`) instead of paths.
        #[arg(long, value_name = "FILE|URL")]
        db: Option<String>,
        /// Output folder (created if missing).
        #[arg(long, default_value = "report")]
        out: PathBuf,
        #[command(flatten)]
        kb: KbArgs,
    },
    /// Read articles and export events, places or the network in a format
    /// analysts' tools read.
    Export {
        /// Files, folders (recursive) or `-`; or none with `--db`.
        #[arg(required_unless_present = "db", conflicts_with = "db")]
        paths: Vec<PathBuf>,
        /// Read the articles from a store (`sitrep ingest`) instead of paths.
        #[arg(long, value_name = "FILE|URL")]
        db: Option<String>,
        /// plover | gdelt | acled | geojson | graphml | csv
        #[arg(long)]
        format: String,
        /// Output file (default: standard output).
        #[arg(long)]
        out: Option<PathBuf>,
        #[command(flatten)]
        kb: KbArgs,
    },
    /// Read articles into a store: documents, entities, events and the
    /// picture (clusters, network, control). Known articles (same URL or
    /// same text) are skipped; an interrupted run is completed by running
    /// it again.
    Ingest {
        #[arg(required_unless_present = "recluster")]
        paths: Vec<PathBuf>,
        /// SQLite file, or a postgres:// URL.
        #[arg(long, value_name = "FILE|URL", default_value = "sitrep.db")]
        db: String,
        #[command(flatten)]
        kb: KbArgs,
        /// Worker threads (default: all cores).
        #[arg(long)]
        threads: Option<usize>,
        /// Re-cluster every stored event at once (the batch picture stage)
        /// instead of adding the new ones to the stored clusters. Holds all
        /// stored documents in memory.
        #[arg(long)]
        recluster: bool,
    },
    /// Serve the JSON API (OpenAPI document at /api/openapi.json) and the
    /// dashboard (at /) over a store.
    Serve(serve::ServeArgs),
    /// Measure extraction speed and memory on a generated corpus.
    Bench(bench::BenchArgs),
    /// Print what the knowledge base holds.
    Kb {
        #[command(flatten)]
        kb: KbArgs,
    },
}

fn build_extractor(args: &KbArgs) -> Result<Extractor> {
    let mut b = KbBuilder::embedded().map_err(anyhow::Error::msg).context("loading the embedded knowledge base")?;
    for f in args.kb.iter().chain(args.lexicon.iter()) {
        b.add_file(f).map_err(anyhow::Error::msg)?;
    }
    let kb = b.build().map_err(anyhow::Error::msg)?;
    Ok(Extractor::new(kb))
}

fn set_threads(threads: Option<usize>) {
    if let Some(n) = threads {
        rayon::ThreadPoolBuilder::new().num_threads(n).build_global().ok();
    }
}

/// Reports what was rejected; true when nothing was.
fn finish(c: pipeline::Counts) -> bool {
    let rejected = c.rejected + c.failed;
    if rejected > 0 {
        eprintln!("sitrep: {rejected} input(s) rejected");
    }
    rejected == 0
}

fn extract(paths: &[PathBuf], kb: &KbArgs, threads: Option<usize>) -> Result<bool> {
    set_threads(threads);
    let ex = build_extractor(kb)?;
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let counts = pipeline::run(paths, &ex, true, |d| Ok(out.write_all(d.lines.as_bytes())?))?;
    out.flush()?;
    Ok(finish(counts))
}

/// Like [`extract`], and every event gets the `cluster` of the real-world
/// event it reports, across all documents read together. Records are
/// spilled to a temporary file as documents are done (offsets and text as
/// read), while only the events are kept for clustering; the spill is then
/// copied to stdout with the clusters filled in.
fn extract_clustered(paths: &[PathBuf], kb: &KbArgs, threads: Option<usize>) -> Result<bool> {
    set_threads(threads);
    let ex = build_extractor(kb)?;
    let spill_path = std::env::temp_dir().join(format!("sitrep-extract-{}-{}.jsonl", std::process::id(), nanos()));
    let _cleanup = RemoveOnDrop(spill_path.clone());
    let mut spill = BufWriter::new(std::fs::File::create(&spill_path).with_context(|| format!("creating {}", spill_path.display()))?);
    let mut kept: Vec<Document> = Vec::new();
    let counts = pipeline::run(paths, &ex, true, |d| {
        spill.write_all(d.lines.as_bytes())?;
        kept.push(corpus::strip(d.doc));
        Ok(())
    })?;
    spill.flush()?;
    drop(spill);
    sitrep_picture::assign_clusters(&mut kept, &|id: &str| ex.side(id));
    // Clusters in output order: documents and their events as written.
    let mut clusters = kept.iter().flat_map(|d| d.events.iter().map(|e| e.cluster.clone()));
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let reader = std::io::BufReader::new(std::fs::File::open(&spill_path)?);
    for line in std::io::BufRead::lines(reader) {
        let line = line?;
        if line.starts_with("{\"kind\":\"event\"") || line.contains("\"kind\":\"event\"") {
            let mut v: serde_json::Value = serde_json::from_str(&line)?;
            v["cluster"] = serde_json::json!(clusters.next().flatten());
            writeln!(out, "{v}")?;
        } else {
            writeln!(out, "{line}")?;
        }
    }
    out.flush()?;
    Ok(finish(counts))
}

fn nanos() -> u128 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos())
}

/// Deletes a temporary file however the function returns.
struct RemoveOnDrop(PathBuf);

impl Drop for RemoveOnDrop {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

/// Reads a corpus, clusters it and builds the picture.
fn picture(paths: &[PathBuf], kb: &KbArgs) -> Result<(Vec<Document>, sitrep_picture::Picture, pipeline::Counts)> {
    let ex = build_extractor(kb)?;
    let bar = corpus::progress("reading");
    let mut docs = Vec::new();
    let counts = pipeline::run(paths, &ex, false, |d| {
        bar.inc(1);
        docs.push(corpus::strip(d.doc));
        Ok(())
    })?;
    bar.finish_and_clear();
    let side = |id: &str| ex.side(id);
    sitrep_picture::assign_clusters(&mut docs, &side);
    let picture = sitrep_picture::build(&docs, &side);
    Ok((docs, picture, counts))
}

/// The picture from paths, or from a store when `db` is given.
fn picture_from(paths: &[PathBuf], db: Option<&str>, kb: &KbArgs) -> Result<(Vec<Document>, sitrep_picture::Picture, pipeline::Counts)> {
    let Some(db) = db else {
        return picture(paths, kb);
    };
    let ex = build_extractor(kb)?;
    let store = sitrep_store::Store::open(db)?;
    let docs = store.load_documents()?;
    // Stored clusters are those `assign_clusters` gives the same documents;
    // after an interrupted ingest some are missing and `build` clusters anew.
    let picture = sitrep_picture::build(&docs, &|id: &str| ex.side(id));
    Ok((docs, picture, pipeline::Counts::default()))
}

/// Reads articles into the store at `db`, skipping known ones before
/// extraction, committing every `STORE_BATCH` documents; then brings the
/// picture up to date: the new documents' reports join the stored clusters
/// (in bounded chunks), or with `recluster` every stored event is
/// clustered again.
fn ingest(paths: &[PathBuf], db: &str, kb: &KbArgs, threads: Option<usize>, recluster: bool) -> Result<bool> {
    const STORE_BATCH: usize = 64;
    set_threads(threads);
    let ex = build_extractor(kb)?;
    let store = sitrep_store::Store::open(db)?;
    let mut known = store.known_keys()?;
    let bar = if std::io::IsTerminal::is_terminal(&std::io::stderr()) {
        let total = sitrep_ingest::read_paths(paths, sitrep_ingest::Limits::default()).filter(|d| d.is_ok()).count();
        corpus::progress_of("ingesting", total as u64)
    } else {
        corpus::progress_of("ingesting", 0)
    };
    let mut skipped = 0u64;
    let mut added = sitrep_store::AddStats::default();
    let mut pending: Vec<sitrep_store::Keyed> = Vec::with_capacity(STORE_BATCH);
    let mut store_pending = |pending: &mut Vec<sitrep_store::Keyed>| -> Result<()> {
        let s = store.add_documents(pending)?;
        added.added += s.added;
        added.skipped += s.skipped;
        added.events += s.events;
        pending.clear();
        Ok(())
    };
    let counts = pipeline::run_filtered(
        paths,
        &ex,
        false,
        |doc| {
            let new = known.insert(&sitrep_store::DocKey::of(doc));
            if !new {
                skipped += 1;
                bar.inc(1);
            }
            new
        },
        |d| {
            bar.inc(1);
            let key = sitrep_store::DocKey::of(&d.doc);
            pending.push(sitrep_store::Keyed { key, doc: corpus::strip(d.doc) });
            if pending.len() >= STORE_BATCH {
                store_pending(&mut pending)?;
            }
            Ok(())
        },
    )?;
    store_pending(&mut pending)?;
    bar.finish_and_clear();
    let refreshed = store.refresh(&|id: &str| ex.side(id), recluster)?;
    let stats = store.stats()?;
    println!(
        "stored {} new documents ({} events), skipped {} known; the store holds {} documents, {} events, {} clusters{}",
        added.added,
        added.events,
        skipped + added.skipped,
        stats.documents,
        stats.events,
        stats.clusters,
        if refreshed.rebuilt { "" } else { " (picture unchanged)" }
    );
    Ok(finish(counts))
}

fn report(paths: &[PathBuf], db: Option<&str>, out: &std::path::Path, kb: &KbArgs) -> Result<bool> {
    let (docs, picture, counts) = picture_from(paths, db, kb)?;
    std::fs::create_dir_all(out).with_context(|| format!("creating {}", out.display()))?;
    let md = out.join("report.md");
    let html = out.join("report.html");
    std::fs::write(&md, sitrep_report::render_markdown(&picture, &docs)).with_context(|| format!("writing {}", md.display()))?;
    std::fs::write(&html, sitrep_report::render_html(&picture, &docs)).with_context(|| format!("writing {}", html.display()))?;
    print!("{}", sitrep_report::summary_text(&picture));
    println!("\nwrote {} and {}", md.display(), html.display());
    Ok(finish(counts))
}

fn export(paths: &[PathBuf], db: Option<&str>, format: &str, out: Option<&std::path::Path>, kb: &KbArgs) -> Result<bool> {
    let format: sitrep_export::Format = format.parse().map_err(|e| anyhow::anyhow!("{e}"))?;
    let (docs, picture, counts) = picture_from(paths, db, kb)?;
    match out {
        Some(path) => {
            let mut w = BufWriter::new(std::fs::File::create(path).with_context(|| format!("creating {}", path.display()))?);
            sitrep_export::write(format, &docs, &picture, &mut w)?;
            w.flush()?;
        }
        None => {
            let stdout = std::io::stdout();
            let mut w = BufWriter::new(stdout.lock());
            sitrep_export::write(format, &docs, &picture, &mut w)?;
            w.flush()?;
        }
    }
    Ok(finish(counts))
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match &cli.command {
        Command::Extract { paths, format: Format::Jsonl, kb, threads, no_cluster } => {
            if *no_cluster {
                extract(paths, kb, *threads)
            } else {
                extract_clustered(paths, kb, *threads)
            }
        }
        Command::Report { paths, db, out, kb } => report(paths, db.as_deref(), out, kb),
        Command::Export { paths, db, format, out, kb } => export(paths, db.as_deref(), format, out.as_deref(), kb),
        Command::Ingest { paths, db, kb, threads, recluster } => ingest(paths, db, kb, *threads, *recluster),
        Command::Serve(args) => serve::main(args),
        Command::Bench(args) => bench::main(args),
        Command::Kb { kb } => build_extractor(kb).map(|ex| {
            for (k, n) in ex.kb().stats() {
                println!("{k:>20}  {n}");
            }
            true
        }),
    };
    match result {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(e) => {
            // A closed pipe (`| head`) is not an error worth a message.
            if e.downcast_ref::<std::io::Error>().map_or(false, |io| io.kind() == std::io::ErrorKind::BrokenPipe) {
                return ExitCode::SUCCESS;
            }
            eprintln!("sitrep: {e:#}");
            ExitCode::from(2)
        }
    }
}
