#!/usr/bin/env bash
# Screenshots of `igp serve` for the README, taken by headless Chromium: a checked plan
# (docs/serve-plan.png), the team table (docs/serve-team.png) and a checked plan 390 px
# wide (docs/serve-390.png). The server listens on loopback only, on a free port.
# Needs: apt-get install chromium curl
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
target="${CARGO_TARGET_DIR:-target}"
cargo build --quiet --bin igp
"$target/debug/igp" serve --host 127.0.0.1 --port 0 --as-of 2026-06-01 -q 2>"$tmp/log" &
server=$!
trap 'kill "$server" 2>/dev/null; rm -rf "$tmp"' EXIT
for _ in $(seq 100); do
  grep -q "listening on" "$tmp/log" && break
  sleep 0.1
done
url="$(grep -o 'http://127.0.0.1:[0-9]*' "$tmp/log" | head -1)"
# The result's address: the first /r/KEY link of the answer.
result() { grep -o '/r/[0-9a-f]\{32\}' | head -1; }
plan="$(curl -sf -F "files=@fixtures/plans/zoe-openpyxl.xlsx" "$url/check" | result)"
team_files=()
for f in fixtures/team/*; do team_files+=(-F "files=@$f"); done
team="$(curl -sf "${team_files[@]}" "$url/check" | result)"
shot() { # width height url file
  chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$tmp/profile" --window-size="$1,$2" --screenshot="$4" "$3" 2>/dev/null
  echo "wrote $4"
}
shot 1200 2700 "$url$plan/0" docs/serve-plan.png
shot 1200 1000 "$url$team" docs/serve-team.png
shot 390 1400 "$url$plan/0" docs/serve-390.png
