//! Test support: a throwaway PostgreSQL server, so `cargo test` runs the
//! PostgreSQL tests with no outside set-up. `SITREP_TEST_PG_URL`, when set,
//! names a server to use instead (each test gets its own database).

use std::path::{Path, PathBuf};
use std::process::Command;

/// Where Debian installs PostgreSQL's server programs (one folder per version).
const PG_LIB: &str = "/usr/lib/postgresql";

/// A PostgreSQL server for one test run: started in a temporary folder on a
/// free local port, stopped and deleted on drop. Or an outside server from
/// `SITREP_TEST_PG_URL`.
pub struct TempPostgres {
    dir: Option<PathBuf>,
    bin: PathBuf,
    port: u16,
    base_url: String,
    next_db: std::sync::atomic::AtomicUsize,
}

/// The newest installed version's `bin` folder with `initdb` and `pg_ctl`.
fn pg_bin() -> Result<PathBuf, String> {
    let mut versions: Vec<(u32, PathBuf)> = std::fs::read_dir(PG_LIB)
        .map(|rd| rd.flatten().filter_map(|e| Some((e.file_name().to_str()?.parse().ok()?, e.path().join("bin")))).collect())
        .unwrap_or_default();
    versions.sort();
    versions.into_iter().rev().map(|(_, bin)| bin).find(|d| d.join("initdb").exists() && d.join("pg_ctl").exists()).ok_or_else(|| {
        format!("PostgreSQL server programs (initdb, pg_ctl) not found under {PG_LIB}: install postgresql (Debian: apt-get install postgresql) or set SITREP_TEST_PG_URL")
    })
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map(|a| a.port()).unwrap_or(55432)
}

/// Runs a server program, as the `postgres` user when we are root (initdb
/// and the server refuse to run as root).
fn run_pg(bin: &Path, program: &str, args: &[&str]) -> Result<(), String> {
    let exe = bin.join(program);
    let as_root = is_root();
    let mut cmd = if as_root {
        let mut c = Command::new("runuser");
        c.args(["-u", "postgres", "--"]).arg(&exe);
        c
    } else {
        Command::new(&exe)
    };
    let out = cmd.args(args).output().map_err(|e| format!("running {}: {e}", exe.display()))?;
    if out.status.success() {
        Ok(())
    } else {
        Err(format!("{} {:?} failed: {}{}", program, args, String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr)))
    }
}

fn is_root() -> bool {
    Command::new("id").arg("-u").output().map_or(false, |o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

impl TempPostgres {
    /// Starts a server (or connects to `SITREP_TEST_PG_URL`). Errors say
    /// what is missing; PostgreSQL tests should fail on them, not pass.
    pub fn start() -> Result<TempPostgres, String> {
        if let Ok(url) = std::env::var("SITREP_TEST_PG_URL") {
            return Ok(TempPostgres { dir: None, bin: PathBuf::new(), port: 0, base_url: url, next_db: 0.into() });
        }
        let bin = pg_bin()?;
        let dir = std::env::temp_dir().join(format!("sitrep-pg-{}-{}", std::process::id(), free_port()));
        std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        if is_root() {
            let _ = Command::new("chown").args(["-R", "postgres:postgres"]).arg(&dir).status();
        }
        let data = dir.join("data");
        let data_s = data.to_string_lossy().to_string();
        run_pg(&bin, "initdb", &["-D", &data_s, "-U", "sitrep", "--auth=trust", "-E", "UTF8", "--no-locale"])?;
        let port = free_port();
        let opts = format!("-p {port} -k {} -c listen_addresses=127.0.0.1 -c fsync=off", dir.display());
        let log = dir.join("log").to_string_lossy().to_string();
        run_pg(&bin, "pg_ctl", &["-D", &data_s, "-o", &opts, "-l", &log, "-w", "start"])?;
        let base_url = format!("postgres://sitrep@127.0.0.1:{port}/postgres");
        Ok(TempPostgres { dir: Some(dir), bin, port, base_url, next_db: 0.into() })
    }

    /// A new empty database on the server, as a URL for `Store::open`.
    pub fn fresh_db(&self) -> Result<String, String> {
        let n = self.next_db.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        let name = format!("sitrep_t{}_{}_{n}", std::process::id(), self.port);
        let mut client = postgres::Client::connect(&self.base_url, postgres::NoTls).map_err(|e| format!("connecting to {}: {e}", self.base_url))?;
        client.batch_execute(&format!("CREATE DATABASE {name}")).map_err(|e| format!("creating {name}: {e}"))?;
        let cut = self.base_url.rfind('/').unwrap_or(self.base_url.len());
        Ok(format!("{}/{name}", &self.base_url[..cut]))
    }
}

impl Drop for TempPostgres {
    fn drop(&mut self) {
        if let Some(dir) = &self.dir {
            let data = dir.join("data").to_string_lossy().to_string();
            let _ = run_pg(&self.bin, "pg_ctl", &["-D", &data, "-m", "immediate", "-w", "stop"]);
            let _ = std::fs::remove_dir_all(dir);
        }
    }
}
