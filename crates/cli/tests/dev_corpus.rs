//! The development corpus must stay above the bars of the issues.
mod common;

#[test]
fn dev_corpus_scores_stay_above_the_bars() {
    let Some(shared) = common::shared() else { return };
    let corpus = shared.join("corpus/libya-2020");
    let out = common::sitrep().arg("extract").arg(&corpus).args(["--format", "jsonl"]).output().unwrap();
    assert!(out.status.success(), "extract failed: {}", String::from_utf8_lossy(&out.stderr));
    let dir = common::temp_dir("dev");
    let pred = dir.join("pred.jsonl");
    std::fs::write(&pred, &out.stdout).unwrap();
    let s = common::score(&shared, &corpus.join("gold.jsonl"), &pred);
    let f = |path: &[&str]| path.iter().fold(&s, |v, k| &v[*k]).as_f64().unwrap_or(0.0);
    let entities = f(&["entities", "f1"]);
    let places = f(&["places", "acc"]);
    eprintln!("entities F1 {entities:.3}, places geocoded {places:.3}");
    assert!(entities >= 0.90, "entities F1 {entities:.3} < 0.90");
    assert!(places >= 0.95, "places within 25 km {places:.3} < 0.95");
}
