//! Versioned migrations: numbered SQL files per engine, applied in order,
//! each in its own transaction with its version recorded in
//! `schema_version`, so a store is never left half-migrated.

use crate::engine::{Backend, Conn, Value};
use crate::{Error, Result};

/// (version, SQLite text, PostgreSQL text). Append only; never edit a
/// released migration.
const MIGRATIONS: &[(i64, &str, &str)] = &[
    (1, include_str!("../migrations/sqlite/0001_init.sql"), include_str!("../migrations/postgres/0001_init.sql")),
    (2, include_str!("../migrations/sqlite/0002_query_indexes.sql"), include_str!("../migrations/postgres/0002_query_indexes.sql")),
    (3, include_str!("../migrations/sqlite/0003_incremental.sql"), include_str!("../migrations/postgres/0003_incremental.sql")),
];

pub(crate) fn run(conn: &mut Conn) -> Result<()> {
    conn.batch("CREATE TABLE IF NOT EXISTS schema_version (version BIGINT PRIMARY KEY, applied TEXT NOT NULL)")?;
    for &(version, sqlite, pg) in MIGRATIONS {
        let sql = match conn.backend() {
            Backend::Sqlite => sqlite,
            Backend::Postgres => pg,
        };
        conn.transaction(|c| {
            // Checked inside the transaction: two processes opening a new
            // store at once apply each migration once.
            if c.query_one("SELECT version FROM schema_version WHERE version = ?", &[Value::Int(version)])?.is_some() {
                return Ok(());
            }
            c.batch(sql).map_err(|e| Error::Migration(format!("{version}: {e}")))?;
            c.exec("INSERT INTO schema_version (version, applied) VALUES (?, ?)", &[Value::Int(version), Value::Text(now())])?;
            Ok(())
        })?;
    }
    let newest = conn.query_one("SELECT MAX(version) FROM schema_version", &[])?.and_then(|r| r[0].int()).unwrap_or(0);
    let known = MIGRATIONS.last().map_or(0, |m| m.0);
    if newest > known {
        return Err(Error::Migration(format!("the store has schema version {newest}, newer than this sitrep knows ({known})")));
    }
    Ok(())
}

fn now() -> String {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    secs.to_string()
}
