#!/usr/bin/env bash
# Plants each bug of issue 16's table in turn, runs the tests that must catch it, and puts
# the file back: every plant must print at least one FAILED test. Run from a clean tree.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! git diff --quiet -- src; then
    echo "src/ has uncommitted changes; commit or stash them first" >&2
    exit 2
fi
trap 'git checkout -- src' EXIT
status=0
plant() { # name file perl-substitution
    local name=$1 file=$2 expr=$3
    perl -0pi -e "$expr" "$file"
    if git diff --quiet -- "$file"; then
        echo "== $name: the code moved, the bug could not be planted"
        status=1
        return
    fi
    echo "== $name"
    local failed
    failed=$(cargo test --offline --no-fail-fast --test tables --test escaping --test convert \
        --test check --test roundtrip 2>&1 | grep -E '^test [^ ]+ \.\.\. FAILED' || true)
    if [ -z "$failed" ]; then
        echo "   MISSED"
        status=1
    else
        echo "$failed" | sed 's/^/   caught by /'
    fi
    git checkout -- "$file"
}
plant "P007 days > stale_days becomes >=" src/rules/plan.rs \
    's/if days > ctx\.settings\.stale_days/if days >= ctx.settings.stale_days/'
plant "the CSV guard forgets + and -" src/write/csv.rs \
    "s/text\.starts_with\(\['=', '\+', '-', '\@',/text.starts_with(['=', '\@',/"
plant "the checkbox reader forgets yes" src/read/locate.rs \
    's/ \| "yes" \| "y"/ | "y"/'
plant "--annotate puts an inspiration answer's note one row low" src/write/xlsx.rs \
    's/Target::Inspiration\(i\) => \(CanonicalRows::INSPIRATION \+ \*i as u32, 1\)/Target::Inspiration(i) => (CanonicalRows::INSPIRATION + *i as u32 + 1, 1)/'
plant "convert --out-dir exits 0 when one input of many fails" src/cli/convert.rs \
    's/Exit::Failure\n/Exit::Clean\n/'
exit $status
