#!/usr/bin/env bash
# Renders the blank template (and the worked example) to PNG with LibreOffice, to look at
# what igp writes: docs/template.png (used by the README) and docs/example.png.
# Needs: apt-get install libreoffice-calc-nogui poppler-utils
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cargo run --quiet --release -- template -q -o "$tmp/template.xlsx"
cargo run --quiet --release -- template -q --example -o "$tmp/example.xlsx"
for name in template example; do
  soffice --headless --convert-to pdf --outdir "$tmp" "$tmp/$name.xlsx" >/dev/null
  pdftoppm -png -r 80 -f 1 -l 1 -singlefile "$tmp/$name.pdf" "docs/$name"
done
echo "wrote docs/template.png and docs/example.png"
