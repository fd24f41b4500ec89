#!/usr/bin/env bash
# Scores the release build on the development corpus and the external sentence suites.
# usage: scripts/eval.sh [dev|gsr|ngec|all]   (needs ../shared beside the repository, or SITREP_SHARED)
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${SITREP_SHARED:-../shared}
bin=target/release/sitrep
cargo build --release -q
out=${OUT:-/tmp/sitrep-eval}; mkdir -p "$out"
what=${1:-all}
if [[ $what == dev || $what == all ]]; then
  "$bin" extract "$shared/corpus/libya-2020" --format jsonl > "$out/dev.jsonl"
  python3 "$shared/eval/score.py" --gold "$shared/corpus/libya-2020/gold.jsonl" --pred "$out/dev.jsonl"
fi
for suite in gsr ngec; do
  if [[ $what == "$suite" || $what == all ]]; then
    name=$([[ $suite == gsr ]] && echo plover-gsr || echo ngec)
    python3 "$shared/eval/score_sentences.py" input --suite "$name" > "$out/$suite.in.jsonl"
    "$bin" extract "$out/$suite.in.jsonl" --format jsonl > "$out/$suite.jsonl"
    echo "== $name"; python3 "$shared/eval/score_sentences.py" score --suite "$name" --pred "$out/$suite.jsonl"
  fi
done
