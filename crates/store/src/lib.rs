//! The store: documents, entities, events and the derived situation picture
//! in an embedded SQLite file (default) or PostgreSQL, with one schema and
//! the same behaviour on both. See `docs/store.md`.
//!
//! - Ingest is incremental and idempotent: a document is known by its URL
//!   or the hash of its normalised text ([`DocKey`]); known documents are
//!   skipped before anyone extracts them.
//! - It is crash-safe: [`Store::add_documents`] writes a batch of documents
//!   with all their rows in one transaction and marks the picture stale;
//!   [`Store::refresh`] rebuilds the picture from the stored events in one
//!   transaction and clears the mark. A run killed anywhere leaves whole
//!   documents only, and the next run finishes the work.
//! - Queries return plain serde types (the model's and the picture's).

mod engine;
mod keys;
mod migrate;
mod query;
mod refresh;
pub mod testing;
mod write;

pub use engine::Backend;
pub use keys::{DocKey, KnownKeys};
pub use query::{ClusterDetail, ClusterFilter, DateCount, DocFilter, EntityFilter, EventFilter, EventHit, KeysetPage, Page, PageReq, Stats};
pub use write::{AddStats, Keyed, Refreshed};

use engine::{Pool, Target};

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("opening the store {0}")]
    Open(String),
    #[error("SQLite: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("PostgreSQL: {0}")]
    Postgres(#[from] postgres::Error),
    #[error("stored record: {0}")]
    Json(#[from] serde_json::Error),
    #[error("migration {0}")]
    Migration(String),
    #[error("{0}")]
    Other(String),
}

pub type Result<T> = std::result::Result<T, Error>;

/// A store, shared between threads (connections are pooled inside).
pub struct Store {
    /// Connections for writing (and for code written before `readers`).
    pool: Pool,
    /// Read-only connections for queries.
    readers: Pool,
}

impl Store {
    /// Opens (creating if needed) the store at `target`: a
    /// `postgres://`/`postgresql://` URL, else a SQLite file path; brings
    /// its schema up to date.
    pub fn open(target: &str) -> Result<Store> {
        let target = Target::parse(target);
        let store = Store { pool: Pool::new(target.clone(), false), readers: Pool::new(target, true) };
        {
            let mut conn = store.pool.get()?;
            migrate::run(&mut conn)?;
        }
        Ok(store)
    }

    pub fn backend(&self) -> Backend {
        self.pool.backend()
    }
}
