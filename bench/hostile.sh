#!/usr/bin/env bash
# Files made to hurt (tests/common/hostile_files.rs, written by examples/hostile_files.rs):
# what `igp check FILE --format json` costs on each, peak RSS and wall time by GNU time.
# Each must end within 256 MiB and 5 s, refused at the limit it is over (or read).
#
#   bench/hostile.sh [IGP]     (IGP: another igp binary to measure, e.g. an older build)
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --locked --bin igp --example hostile_files
target="${CARGO_TARGET_DIR:-target}"
igp="${1:-$target/release/igp}"
dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT
"$target/release/examples/hostile_files" "$dir" >"$dir/list.tsv"
printf '| file | holds | on disk | expected | peak RSS | time | igp says |\n'
printf '|---|---|---:|---|---:|---:|---|\n'
while IFS=$'\t' read -r name expect holds; do
  file="$dir/$name"
  size="$(du -k "$file" | cut -f1)"
  out="$dir/out.json"
  /usr/bin/time -f '%M %e' -o "$dir/time" "$igp" check "$file" --format json >"$out" 2>/dev/null || true
  read -r rss secs < <(tail -1 "$dir/time")
  says="$(grep -o '"message": *"[^"]*"' "$out" | head -1 | sed 's/"message": *"//; s/"$//' | cut -c1-90)"
  [ -n "$says" ] || says="(read, no S001)"
  printf '| %s | %s | %s KiB | %s | %s MiB | %s s | %s |\n' \
    "$name" "$holds" "$size" "$expect" "$((rss / 1024))" "$secs" "$says"
  rm -f "$file"
done <"$dir/list.tsv"
