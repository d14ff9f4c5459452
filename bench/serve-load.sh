#!/usr/bin/env bash
# Load on `igp serve`, on loopback only: 8 concurrent clients send 1,000 uploads of 1 to
# 20 plans each (fixtures/), and the script prints requests/s, p50/p95/p99 latency, errors
# (must be 0) and the server's memory as the requests go and at its peak (VmHWM).
#
#   bench/serve-load.sh [REQUESTS] [CLIENTS]
#   bench/serve-load.sh hostile   (8 clients upload files made to hurt for 30 s while a
#                                  ninth uploads a real plan every second)
set -euo pipefail
cd "$(dirname "$0")/.."
requests="${1:-1000}"
clients="${2:-8}"
cargo build --release --locked --bin igp --example serve_load --example hostile_files
target="${CARGO_TARGET_DIR:-target}"
log="$(mktemp)"
"$target/release/igp" serve --host 127.0.0.1 --port 0 --as-of 2026-06-01 -q 2>"$log" &
server=$!
trap 'kill "$server" 2>/dev/null; rm -f "$log"' EXIT
for _ in $(seq 100); do
  grep -q "listening on" "$log" && break
  sleep 0.1
done
url="$(grep -o 'http://127.0.0.1:[0-9]*' "$log" | head -1)"
echo "server $url (pid $server), $(nproc) cores"
if [ "$requests" = hostile ]; then
  files="$(mktemp -d)"
  trap 'kill "$server" 2>/dev/null; rm -rf "$log" "$files"' EXIT
  "$target/release/examples/hostile_files" "$files" >"$files/list.tsv"
  "$target/release/examples/serve_load" "$url" "$server" hostile "$files"
else
  "$target/release/examples/serve_load" "$url" "$server" "$requests" "$clients"
fi
