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
cargo build --quiet --profile profiling --examples --bin igp
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
target/profiling/examples/gen_plans "$work/plans" "$N" >/dev/null
count() { valgrind --tool=callgrind --callgrind-out-file="$work/cg.$1" "${@:2}" >/dev/null 2>"$work/err.$1" || true
          grep -o 'Collected : [0-9]*' "$work/err.$1" | awk '{print $3}'; }
floor=$(count floor target/profiling/examples/floor "$work/plans" 1)
igp=$(count igp target/profiling/igp check "$work/plans" -j 1 --format json)
awk -v f="$floor" -v i="$igp" -v n="$N" 'BEGIN {
  printf "%d plans, one thread\nfloor (calamine/csv touching every cell): %12.0f instructions a plan\nigp check --format json:                  %12.0f instructions a plan (x%.2f)\n", n, f / n, i / n, i / f }'
echo "igp check, by part (inclusive instructions a plan; parts overlap where one calls another):"
# Inlining splits a function over several file:function entries: its largest is its total.
callgrind_annotate --inclusive=yes "$work/cg.igp" 2>/dev/null | grep -v '=>' | sed -E 's/ \[.*//' |
  awk -v n="$N" -v total="$igp" '
    BEGIN {
      part["igp::read::read_grids"] = "reading the files (calamine, csv-core)"
      part["igp::read::locate::locate"] = "locating the sections, building the model"
      part["igp::rules::check"] = "the rules"
      part["igp::rules::placeholder::placeholder_text"] = "  of which G006 placeholder-text"
      part["igp::rules::measurable::unmeasurable_step"] = "  of which G005 unmeasurable-step"
      part["igp::rules::deadline::past_deadline"] = "  of which G008 past-deadline"
      part["igp::rules::model::Model::probability"] = "  of which the G005/G006 model (both rules)"
      part["<igp::report::json::Json as igp::report::Reporter>::plan"] = "the JSON report"
    }
    {
      gsub(/,/, "", $1)
      fn = $0; sub(/^[^:]*:/, "", fn); sub(/^[ \t]+/, "", fn)
      if ((fn in part) && $1 + 0 > best[fn]) best[fn] = $1 + 0
    }
    END {
      order = "igp::read::read_grids igp::read::locate::locate igp::rules::check igp::rules::placeholder::placeholder_text igp::rules::measurable::unmeasurable_step igp::rules::model::Model::probability igp::rules::deadline::past_deadline <igp::report::json::Json"
      k = split(order, names, " ")
      for (i = 1; i <= k; i++) {
        f = names[i]; if (f == "<igp::report::json::Json") f = "<igp::report::json::Json as igp::report::Reporter>::plan"
        printf "  %-45s %10.0f\n", part[f], best[f] / n
      }
      printf "the G005/G006 model, share of igp check: %.1f%%\n", 100 * best["igp::rules::model::Model::probability"] / total
    }'
