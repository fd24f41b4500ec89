//! `sitrep`: the command line. Parses flags, wires the stages, prints.

use anyhow::{Context, Result};
use clap::{Parser, Subcommand, ValueEnum};
use rayon::prelude::*;
use sitrep_extract::Extractor;
use sitrep_kb::KbBuilder;
use sitrep_model::Document;
use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

mod bench;

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
    },
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

/// Documents are processed in batches: parallel inside a batch, written in
/// input order, so memory stays bounded whatever the corpus size.
const BATCH: usize = 256;

fn extract(paths: &[PathBuf], kb: &KbArgs, threads: Option<usize>) -> Result<bool> {
    if let Some(n) = threads {
        rayon::ThreadPoolBuilder::new().num_threads(n).build_global().ok();
    }
    let ex = build_extractor(kb)?;
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut rejected = 0usize;
    let mut batch: Vec<Document> = Vec::with_capacity(BATCH);
    let failed = std::cell::Cell::new(0usize);
    let flush = |batch: &mut Vec<Document>, out: &mut BufWriter<_>| -> Result<()> {
        let lines: Vec<Result<String, String>> = batch
            .par_drain(..)
            .map(|doc| {
                // A bug in a stage must cost one document, not the batch.
                let origin = doc.origin.clone();
                std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| process(&ex, doc)))
                    .map_err(|_| format!("{}{}: internal error while extracting; document skipped", origin.path, origin.line.map(|l| format!(":{l}")).unwrap_or_default()))
            })
            .collect();
        for l in lines {
            match l {
                Ok(l) => out.write_all(l.as_bytes())?,
                Err(e) => {
                    failed.set(failed.get() + 1);
                    eprintln!("sitrep: {e}");
                }
            }
        }
        Ok(())
    };
    for item in sitrep_ingest::read_paths(paths, sitrep_ingest::Limits::default()) {
        match item {
            Ok(doc) => {
                batch.push(doc);
                if batch.len() >= BATCH {
                    flush(&mut batch, &mut out)?;
                }
            }
            Err(e) => {
                rejected += 1;
                eprintln!("sitrep: {e}");
            }
        }
    }
    flush(&mut batch, &mut out)?;
    out.flush()?;
    let rejected = rejected + failed.get();
    if rejected > 0 {
        eprintln!("sitrep: {rejected} input(s) rejected");
    }
    Ok(rejected == 0)
}

/// The text, extract and record stages for one document: its JSON lines.
fn process(ex: &Extractor, mut doc: Document) -> String {
    sitrep_text::annotate(&mut doc);
    ex.extract(&mut doc);
    let mut s = String::new();
    for r in sitrep_extract::records::records(&doc) {
        s.push_str(&r.to_string());
        s.push('\n');
    }
    s
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match &cli.command {
        Command::Extract { paths, format: Format::Jsonl, kb, threads } => extract(paths, kb, *threads),
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
