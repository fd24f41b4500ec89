#!/usr/bin/env bash
# Load test of `sitrep serve` (not part of the tests):
#   scripts/bench_serve.sh [EVENTS] [SECONDS] [CONNECTIONS]
# Writes a synthetic store of EVENTS event reports (default 120000; kept in
# target/bench-serve/ and reused), starts the server on 127.0.0.1, and runs
# wrk with --latency on the main event query and on a filtered one. Prints
# requests/s and the 99th-percentile latency of each. All traffic stays on
# the loopback interface; each run is bounded by SECONDS.
set -euo pipefail
cd "$(dirname "$0")/.."

events=${1:-120000}
secs=${2:-10}
conns=${3:-16}
dir=target/bench-serve
db=$dir/store-$events.db
port=${SITREP_BENCH_PORT:-18088}

if ! command -v wrk >/dev/null; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq --no-install-recommends wrk >/dev/null
fi

cargo build --release -j 2 -p sitrep-cli >&2
cargo build --release -j 2 -p sitrep-serve --example synth_store >&2
mkdir -p "$dir"
if [ ! -s "$db" ]; then
  rm -f "$db.tmp"
  ./target/release/examples/synth_store "$db.tmp" "$events"
  mv "$db.tmp" "$db"
fi

./target/release/sitrep serve --db "$db" --addr "127.0.0.1:$port" >"$dir/serve.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null || true' EXIT
for _ in $(seq 50); do
  curl -sf "http://127.0.0.1:$port/api/stats" >/dev/null 2>&1 && break
  sleep 0.1
done
if ! stats=$(curl -sf "http://127.0.0.1:$port/api/stats"); then
  echo "the server did not start:" >&2
  cat "$dir/serve.log" >&2
  exit 1
fi
echo "store: $stats"
echo "machine: $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg)"

run() {
  local name=$1 path=$2
  local url="http://127.0.0.1:$port$path"
  curl -sf "$url" >/dev/null  # warm: the page cache and the total
  local out
  out=$(wrk -t1 -c"$conns" -d"${secs}s" --latency "$url")
  local rps p99 p50
  rps=$(awk '/^Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
  p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
  printf '%-10s %-60s %10s req/s   p50 %8s   p99 %8s\n' "$name" "$path" "$rps" "$p50" "$p99"
}

echo "wrk: 1 thread, $conns connections, ${secs} s each"
run main "/api/events?type=ASSAULT&limit=50"
run filtered "/api/events?type=ASSAULT&place=idlib&status=claimed&limit=50"
run actor "/api/events?actor=lna&from=2020-01-01&to=2020-06-30&limit=50"
