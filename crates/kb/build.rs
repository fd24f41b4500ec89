//! Embeds the data files under `data/` into the binary: writes a Rust
//! source listing every file of `data/kb`, `data/lexicon` and
//! `data/gazetteer` as `(name, include_str!(path))`.
use std::fs;
use std::path::{Path, PathBuf};

fn list(dir: &Path, exts: &[&str]) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .map(|rd| rd.filter_map(|e| e.ok()).map(|e| e.path()).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().and_then(|e| e.to_str()).map_or(false, |e| exts.contains(&e)));
    files.sort();
    files
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data");
    let mut out = String::new();
    for (name, sub, exts) in [
        ("KB_FILES", "kb", &["jsonl"][..]),
        ("LEXICON_FILES", "lexicon", &["toml", "txt"][..]),
        ("GAZETTEER_FILES", "gazetteer", &["tsv"][..]),
    ] {
        let dir = root.join(sub);
        println!("cargo:rerun-if-changed={}", dir.display());
        out += &format!("pub static {name}: &[(&str, &str)] = &[\n");
        for f in list(&dir, exts) {
            println!("cargo:rerun-if-changed={}", f.display());
            let abs = fs::canonicalize(&f).unwrap();
            let file = f.file_name().unwrap().to_string_lossy();
            out += &format!("    ({:?}, include_str!({:?})),\n", file, abs.display().to_string());
        }
        out += "];\n";
    }
    let dest = PathBuf::from(std::env::var("OUT_DIR").unwrap()).join("embedded.rs");
    fs::write(dest, out).unwrap();
}
