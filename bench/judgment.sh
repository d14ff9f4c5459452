#!/usr/bin/env bash
# How G005 and G006 agree with every labelled set (data/judgment/): the share of verdicts
# (a warning, or no finding) that agree with the labels, the share of rows asked about
# (info), and how the procedure alone and the model alone do. tests/judgment.rs gates the
# same figures.
#
#   bench/judgment.sh            the table
#   bench/judgment.sh --misses   also every row with a wrong verdict or a question
#   bench/judgment.sh --retrain  train the models again first and say whether the bytes
#                                are the committed ones (the same data gives the same bytes)
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${1:-}" = "--retrain" ]; then
  shift
  cargo run --quiet --example train_judgment
  if git diff --quiet -- data/judgment/model; then
    echo "the retrained weights are the committed ones, byte for byte"
  else
    echo "the retrained weights differ from the committed ones (git diff data/judgment/model)"
  fi
fi
cargo run --quiet --example judgment_figures -- "$@"
