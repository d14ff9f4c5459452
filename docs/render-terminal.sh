#!/usr/bin/env bash
# Renders `igp diff` as it looks in a colour terminal to docs/diff-terminal.png (used by the
# README): igp's own escape sequences turned into HTML by docs/ansi2html.py, photographed by
# headless Chromium. Needs: apt-get install chromium
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cargo build --quiet --release
{
  printf '\033[2m$ igp diff fixtures/plans/zoe-openpyxl.xlsx fixtures/diff/zoe-q2-google-sheets.csv\033[0m\n'
  target/release/igp diff fixtures/plans/zoe-openpyxl.xlsx fixtures/diff/zoe-q2-google-sheets.csv \
    --as-of 2026-06-01 --color always || true
} | python3 docs/ansi2html.py > "$tmp/diff.html"
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1240,600 \
  --screenshot="$tmp/diff.png" "file://$tmp/diff.html" 2>/dev/null
cp "$tmp/diff.png" docs/diff-terminal.png
echo "wrote docs/diff-terminal.png"
