#!/usr/bin/env bash
# The batch benchmark: generates N synthetic plans (default 10,000; half xlsx, half csv;
# 3 to 10 goals each; deterministic) in a temporary folder and measures, on the same files:
# the floor (calamine/csv touching every cell, 1 thread and all cores), igp check in three
# report modes, igp convert --out-dir to xlsx, and openpyxl where python3 has it. Then the
# peak memory of igp check at N/10 plans, to see whether memory grows with N.
#
#   bench/run.sh [N] [RUNS]
#
# Prints wall time, files per second, the ratio to the floor with the same threads, and
# peak memory (max RSS). Needs /usr/bin/time (GNU time). The floor and igp check are run
# RUNS times (default 5), in turns, and their median is shown: on a shared machine one
# run of the same command can take a third longer than the next. The ratio is the median
# of each turn's ratio (igp's run over the floor's run just before it, which saw the same
# machine), with the lowest and highest of them. The slow ones (convert, openpyxl) run
# once, against the floor's median.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-10000}
RUNS=${2:-5}
CORES=$(nproc)
cargo build --quiet --release --examples --bin igp
BIN=target/release
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
$BIN/examples/gen_plans "$work/plans" "$N" >/dev/null
small=$((N / 10))
mkdir -p "$work/small"
files=("$work"/plans/*)
cp "${files[@]:0:$small}" "$work/small/"

echo "igp batch benchmark: $N plans ($(du -sh "$work/plans" | cut -f1)), $CORES cores, $(uname -m), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
printf '%-44s %8s %10s %9s %12s %9s\n' "what" "seconds" "files/s" "x floor" "(low-high)" "peak MB"

declare -A FLOOR
declare -A FLOOR_RUNS
declare -A TIMES
once() { # key command...: one timed run, appended to TIMES[key] as "seconds KB"
  local key=$1; shift
  # igp check exits 1 on findings: GNU time still writes its line, last in the file.
  /usr/bin/time -f "%e %M" -o "$work/time" "$@" >/dev/null 2>&1 || true
  TIMES[$key]+="$(tail -n1 "$work/time");"
}
measure() { # name threads command...: prints the median of the runs in TIMES[name]
  local name=$1 threads=$2; shift 2
  [[ -n ${TIMES[$name]:-} ]] || once "$name" "$@"
  local secs kb
  read -r secs kb < <(tr ';' '\n' <<<"${TIMES[$name]}" | grep . | sort -n |
    awk '{ s[NR] = $1; if ($2 > m) m = $2 } END { print s[int((NR + 1) / 2)], m }')
  local rate ratio spread=""
  rate=$(awk -v n="$N" -v s="$secs" 'BEGIN { printf "%.0f", (s > 0 ? n / s : 0) }')
  if [[ $name == floor* ]]; then
    FLOOR[$threads]=$secs
    FLOOR_RUNS[$threads]=${TIMES[$name]}
    ratio="1.00"
  elif [[ $(tr -cd ';' <<<"${TIMES[$name]}") == "$(tr -cd ';' <<<"${FLOOR_RUNS[$threads]}")" ]]; then
    # Run k of igp over run k of the floor: the median, and the lowest and highest.
    read -r ratio spread < <(paste -d' ' <(tr ';' '\n' <<<"${TIMES[$name]}" | grep .) \
      <(tr ';' '\n' <<<"${FLOOR_RUNS[$threads]}" | grep .) |
      awk '{ print $1 / $3 }' | sort -n |
      awk '{ r[NR] = $1 } END { printf "%.2f (%.2f-%.2f)\n", r[int((NR + 1) / 2)], r[1], r[NR] }')
  else
    ratio=$(awk -v s="$secs" -v f="${FLOOR[$threads]}" 'BEGIN { printf "%.2f", s / f }')
  fi
  printf '%-44s %8.2f %10s %9s %12s %9.0f\n' "$name" "$secs" "$rate" "$ratio" "$spread" "$(awk -v k="$kb" 'BEGIN { print k / 1024 }')"
}

# The floor and igp check in turns, RUNS times, so that both see the same machine.
for ((run = 0; run < RUNS; run++)); do
  once "floor: calamine/csv, 1 thread" $BIN/examples/floor "$work/plans" 1
  once "igp check --format json, 1 thread" $BIN/igp check "$work/plans" --format json -j 1
  once "floor: calamine/csv, $CORES threads" $BIN/examples/floor "$work/plans" "$CORES"
  once "igp check --format json" $BIN/igp check "$work/plans" --format json
  once "igp check --format human" $BIN/igp check "$work/plans" --format human
  once "igp check --summary out.xlsx" $BIN/igp check "$work/plans" -q --summary "$work/summary.xlsx"
done
echo "(seconds: median of $RUNS runs; x floor: median of the $RUNS turns' ratios, lowest-highest in brackets; convert and openpyxl: one run)"
measure "floor: calamine/csv, 1 thread" 1 $BIN/examples/floor "$work/plans" 1
measure "floor: calamine/csv, $CORES threads" "$CORES" $BIN/examples/floor "$work/plans" "$CORES"
measure "igp check --format json, 1 thread" 1 $BIN/igp check "$work/plans" --format json -j 1
measure "igp check --format json" "$CORES" $BIN/igp check "$work/plans" --format json
measure "igp check --format human" "$CORES" $BIN/igp check "$work/plans" --format human
measure "igp check --summary out.xlsx" "$CORES" $BIN/igp check "$work/plans" -q --summary "$work/summary.xlsx"
measure "igp convert --out-dir --to xlsx" "$CORES" $BIN/igp convert "$work/plans" --out-dir "$work/out" --to xlsx -q
if python3 -c 'import openpyxl' 2>/dev/null; then
  measure "python3 openpyxl/csv read, 1 thread" 1 python3 bench/openpyxl_read.py "$work/plans"
else
  echo "(python3 with openpyxl not found: skipped)"
fi

peak() { /usr/bin/time -f "%M" -o "$work/time" $BIN/igp check "$1" --format json >/dev/null 2>&1 || true; tail -n1 "$work/time"; }
big=$(peak "$work/plans")
little=$(peak "$work/small")
awk -v b="$big" -v l="$little" -v n="$N" -v s="$small" 'BEGIN {
  printf "peak memory of igp check --format json: %.0f MB at %d plans, %.0f MB at %d plans (x%.2f)\n", l / 1024, s, b / 1024, n, b / l }'
