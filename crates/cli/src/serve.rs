//! `sitrep serve`: flags in, the serve crate does the rest.

use anyhow::Result;
use std::net::SocketAddr;

use crate::{build_extractor, KbArgs};

#[derive(clap::Args)]
pub struct ServeArgs {
    /// SQLite file, or a postgres:// URL (as written by `sitrep ingest`).
    #[arg(long, value_name = "FILE|URL", default_value = "sitrep.db")]
    db: String,
    /// Address to listen on (port 0 picks a free port; the line printed at
    /// start gives the real one).
    #[arg(long, default_value = "127.0.0.1:8080")]
    addr: SocketAddr,
    /// Bearer token that allows POST /api/articles (else $SITREP_TOKEN;
    /// with neither the server is read-only).
    #[arg(long, value_name = "TOKEN")]
    token: Option<String>,
    /// Largest request body in MiB.
    #[arg(long, default_value_t = 8)]
    max_body_mib: usize,
    /// Knowledge base for articles posted to the server.
    #[command(flatten)]
    kb: KbArgs,
}

pub fn main(args: &ServeArgs) -> Result<bool> {
    let store = sitrep_store::Store::open(&args.db)?;
    let mut opts = sitrep_serve::Options::new(args.addr);
    opts.token = args.token.clone().or_else(|| std::env::var("SITREP_TOKEN").ok()).filter(|t| !t.trim().is_empty());
    opts.body_limit = args.max_body_mib.max(1) << 20;
    let kb = args.kb.clone();
    opts.extractor = Some(Box::new(move || build_extractor(&kb)));
    sitrep_serve::serve(store, opts)?;
    Ok(true)
}
