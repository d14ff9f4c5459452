#!/usr/bin/env bash
# Mutation testing with cargo-mutants over chosen files, in a scratch copy of the tree: the
# working tree is never mutated, and an interrupted run leaves nothing behind. Not in CI (about
# 25 s a mutant on two busy cores); the figures in TESTING.md come from this script.
#
#   bench/mutants.sh                          # the files issue 16 names (TESTING.md)
#   bench/mutants.sh src/rules/plan.rs        # chosen files
#   RE='in_order|ExitCode' bench/mutants.sh src/cli/mod.rs    # chosen functions
#   TESTS='--lib --test tables' bench/mutants.sh src/rules/plan.rs   # fewer test targets
#   SHARD=0/8 bench/mutants.sh src/rules/measurable.rs              # one mutant in eight
#   ITERATE=1 bench/mutants.sh src/rules/measurable.rs              # only last run's missed
#
# Needs `cargo install --locked cargo-mutants`. A warm start copies the target folder
# ($CARGO_TARGET_DIR or target/) into the scratch folder, so only igp itself is rebuilt.
# Results: $OUT/mutants.out/{caught,missed,timeout,unviable}.txt (OUT: target/mutants).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=${OUT:-$root/target/mutants}
if [ -n "${SCRATCH:-}" ]; then
    scratch=$SCRATCH
else
    # The scratch copy holds a whole target folder (about 12 GB): removed however the run
    # ends, Ctrl-C and timeouts included.
    scratch=$(mktemp -d)
    trap 'rm -rf "$scratch"' EXIT
    trap 'exit 130' INT TERM
fi
files=("$@")
if [ ${#files[@]} -eq 0 ]; then
    files=(src/rules/plan.rs src/rules/goal_rows.rs src/rules/structure.rs src/rules/settings.rs
        src/rules/mod.rs src/rules/measurable.rs src/rules/placeholder.rs src/rules/deadline.rs
        src/read/locate.rs src/write/csv.rs src/report/csv.rs src/cli/check.rs src/cli/mod.rs
        src/cli/convert.rs)
fi
tests=${TESTS:-}

mkdir -p "$scratch/tree"
(cd "$root" && git ls-files -z | xargs -0 cp --parents -t "$scratch/tree")
warm=${CARGO_TARGET_DIR:-$root/target}
if [ -d "$warm" ] && [ ! -d "$scratch/target" ]; then
    cp -a "$warm" "$scratch/target"
fi
# No debug info for igp itself: each mutant links its test binaries faster.
mkdir -p "$scratch/tree/.cargo"
printf '[profile.dev.package.igp]\ndebug = false\n' > "$scratch/tree/.cargo/config.toml"

args=(--in-place --timeout 120 --build-timeout 900 --no-shuffle -o "$out")
for f in "${files[@]}"; do args+=(-f "$f"); done
if [ -n "${RE:-}" ]; then args+=(--re "$RE"); fi
# A sample: SHARD=0/8 runs one mutant in eight (for a file too big to run whole).
if [ -n "${SHARD:-}" ]; then args+=(--shard "$SHARD"); fi
# ITERATE=1 runs again only the mutants that the last run into the same $OUT did not catch
# (after new tests: the figures then are that run's, updated).
if [ -n "${ITERATE:-}" ]; then args+=(--iterate); fi
cd "$scratch/tree"
# TESTS goes to the build as well as to the test run: each mutant then links only the test
# targets that run (3 instead of 19 with TESTS='--lib --test judgment --test tables').
for t in $tests; do args+=("--cargo-arg=$t"); done
CARGO_TARGET_DIR="$scratch/target" cargo mutants "${args[@]}"
