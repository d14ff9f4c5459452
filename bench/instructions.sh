#!/usr/bin/env bash
# The same comparison as bench/run.sh, counted in instructions rather than seconds
# (valgrind --tool=callgrind): repeatable on a busy or shared machine, where wall times
# vary by a third from run to run. One thread, N plans (default 200).
#
#   bench/instructions.sh [N]
#
# Prints instructions per plan for the floor and for igp check, their ratio, and igp's
# own costs (locating, rules, report) by function, inclusive.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-200}
command -v valgrind >/dev/null || { echo "valgrind is needed (apt-get install valgrind)"; exit 2; }
cargo build --quiet --release --examples --bin igp
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
target/release/examples/gen_plans "$work/plans" "$N" >/dev/null
count() { valgrind --tool=callgrind --callgrind-out-file="$work/cg.$1" "${@:2}" >/dev/null 2>"$work/err.$1" || true
          grep -o 'Collected : [0-9]*' "$work/err.$1" | awk '{print $3}'; }
floor=$(count floor target/release/examples/floor "$work/plans" 1)
igp=$(count igp target/release/igp check "$work/plans" -j 1 --format json)
awk -v f="$floor" -v i="$igp" -v n="$N" 'BEGIN {
  printf "%d plans, one thread\nfloor (calamine/csv touching every cell): %12.0f instructions a plan\nigp check --format json:                  %12.0f instructions a plan (x%.2f)\n", n, f / n, i / n, i / f }'
echo "igp, inclusive, by function:"
callgrind_annotate --inclusive=yes "$work/cg.igp" 2>/dev/null \
  | grep -v '=>' \
  | grep -E 'igp::(read::read_grids|read::locate::locate|rules::check|rules::placeholder::is_placeholder|layout::normalize) |Json as igp::report::Reporter>::plan' \
  | sed -E 's/ \[.*//' | awk '!seen[$NF]++' | head -8
