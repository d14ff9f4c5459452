#!/usr/bin/env bash
# The corpus runner: runs igp over every file of a local folder of foreign files (spreadsheets
# and text that other software wrote) and prints, as Markdown, what igp made of them.
#
#   bench/corpus.sh [-j JOBS] [-o OUT.tsv] [-m MEM_MB] [-t SECONDS] [-c CALAMINE.tsv] DIR [IGP]
#   bench/corpus.sh --table RUN.tsv [-c CALAMINE.tsv] DIR
#   bench/corpus.sh --diff A.tsv B.tsv
#
# Each file gets two processes, one after the other: `igp check --format json FILE` and
# `igp convert FILE -o TMP.json`, each under a memory cap (ulimit -v, default 2048 MiB of
# address space) and a time cap (timeout, default 20 s), each measured by GNU time (wall
# seconds, peak RSS). Files run JOBS at a time (xargs -P, default 2). Every file under DIR
# is run except dot-files and DIR/SOURCES.md (the corpus's own notes). IGP defaults to
# target/release/igp.
#
# The outcome of `check` is put in one class:
#   crash: SIGNAL ...             the process died of a signal (an abort on a failed
#                                 allocation says so), or exited without a whole JSON report
#   time cap: ...                 killed by the time cap
#   refused S001: REASON          read nothing; REASON is the S001 message with the file's
#                                 path, quoted text and numbers taken out, so that files
#                                 refused for the same reason fall in one class
#   read as a plan                goals found, no error-level finding
#   read as a plan, with errors   goals found, and error-level findings (their codes)
#   read, no plan: CODES          no goal found; the codes of the error-level findings
# and the outcome of `convert` in: wrote / refused: REASON / crash / time cap.
#
# Prints (stdout, Markdown): the count and an example file per class, the files over
# 256 MiB peak RSS or 5 s wall (either command), the 10 slowest files, the 10 biggest peak
# RSS, whether check and convert agree on refusing, whether one `igp check -v DIR` (the
# folder walk, same caps, time x30) accounts for every file (a plan in its report, or its
# name on stderr) and which it drops silently, and with -c the files python-calamine
# reads (bench/corpus_calamine.py writes that TSV) but igp refuses. Writes one line per file
# to OUT.tsv (default corpus.tsv): path, exit, seconds, maxrss_kb, class, message (of
# check), then conv_exit, conv_seconds, conv_maxrss_kb, conv_class, conv_message.
# `--table RUN.tsv DIR` prints the table of an earlier run again from its TSV (with -c, say,
# once python-calamine's TSV is there). `--diff A.tsv B.tsv` lists the files whose check class differs between two runs (run both
# with the same DIR argument: paths are compared as written) and counts each change.
#
# Needs only bash, coreutils, findutils, GNU time (/usr/bin/time, `apt-get install time`),
# and the igp binary.
# The whole script is one block, read before it runs: editing the file during a run is safe.
{
set -euo pipefail

LIMIT_MB=256 # the issue's bar: no file over 256 MiB ...
LIMIT_S=5    # ... or 5 s

usage() {
	sed -n '5,7p' "$0" | sed 's/^#  *//' >&2
	exit 2
}

# --diff A B: the files whose check class changed.
if [[ ${1:-} == --diff ]]; then
	[[ $# -eq 3 ]] || usage
	awk -F'\t' '
		FNR == 1 { next }
		NR == FNR { a[$1] = $5; next }
		{ b[$1] = $5 }
		END {
			for (p in a) if (!(p in b)) { print "only in A\t" p "\t" a[p]; gone++ }
			for (p in b) if (!(p in a)) { print "only in B\t" p "\t" b[p]; new++ }
			for (p in a) if ((p in b) && a[p] != b[p]) {
				print "changed\t" p "\t" a[p] "\t->\t" b[p]
				t[a[p] "  ->  " b[p]]++; changed++
			}
			print "" > "/dev/stderr"
			for (k in t) printf "%6d  %s\n", t[k], k > "/dev/stderr"
			printf "%d files changed class, %d only in A, %d only in B\n", changed, gone, new > "/dev/stderr"
		}' "$2" "$3" | sort
	exit 0
fi

# --table RUN.tsv [-c CAL.tsv] DIR: the table again, from a run's TSV, without running.
TABLE=
if [[ ${1:-} == --table ]]; then
	[[ $# -ge 3 ]] || usage
	TABLE=$2
	shift 2
fi

JOBS=2 OUT=corpus.tsv MEM_MB=2048 TIME_CAP=20 CAL=
while getopts j:o:m:t:c:h opt; do
	case $opt in
	j) JOBS=$OPTARG ;;
	o) OUT=$OPTARG ;;
	m) MEM_MB=$OPTARG ;;
	t) TIME_CAP=$OPTARG ;;
	c) CAL=$OPTARG ;;
	*) usage ;;
	esac
done
shift $((OPTIND - 1))
[[ $# -ge 1 && $# -le 2 ]] || usage
DIR=${1%/}
IGP=${2:-target/release/igp}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
trap 'exit 130' INT TERM
if [[ -n $TABLE ]]; then
	OUT=$TABLE
else
[[ -d $DIR ]] || { echo "corpus.sh: $DIR is not a folder" >&2; exit 2; }
[[ -x $IGP ]] || { echo "corpus.sh: $IGP is not an executable igp" >&2; exit 2; }
[[ -x /usr/bin/time ]] || { echo "corpus.sh: needs GNU time at /usr/bin/time (apt-get install time)" >&2; exit 2; }
IGP=$(cd "$(dirname "$IGP")" && pwd)/$(basename "$IGP")

export IGP WORK MEM_MB TIME_CAP
export RUST_BACKTRACE=0 NO_COLOR=1

# Reason class of a message: no path, no quoted text, no numbers; at most 100 characters.
norm() {
	local m=$1
	m=${m//"$2"/FILE}
	m=$(sed -E 's/\\"([^"\\]|\\[^"])*\\"/"…"/g; s/`[^`]*`/`…`/g; s/'"'"'[^'"'"']*'"'"'/'"'"'…'"'"'/g;
		s/\b(0x)?[0-9A-Fa-f]*[0-9][0-9A-Fa-f]*\b/N/g' <<<"$m")
	((${#m} <= 100)) || m="${m:0:99}…"
	printf '%s' "$m"
}

# run NAME ARGS...: one measured igp process under the time cap (the memory cap is the
# worker's ulimit -v); sets rc, secs, kb, err (its stderr).
run() {
	local name=$1 a b
	shift
	rc=0
	/usr/bin/time -o "$t/$name.time" -f '%e %M' timeout -k 2 "$TIME_CAP" "$IGP" "$@" \
		>"$t/$name.out" 2>"$t/$name.err" </dev/null || rc=$?
	while read -r a b; do secs=$a kb=$b; done <"$t/$name.time"
	err=$(<"$t/$name.err")
}

# died: the class of a process that did not finish, or nothing.
died() {
	if ((rc == 124)) || { ((rc == 137)) && [[ ${secs%.*} -ge $TIME_CAP ]]; }; then
		printf 'time cap: killed after %s s' "$TIME_CAP"
	elif ((rc > 128)); then
		local sig
		sig=$(kill -l $((rc - 128)) 2>/dev/null || echo $((rc - 128)))
		if [[ $err == *"memory allocation of"* ]]; then
			printf 'crash: SIG%s (memory allocation failed)' "$sig"
		else
			printf 'crash: SIG%s' "$sig"
		fi
	elif [[ $err == *"panicked at"* ]]; then
		printf 'crash: panic (exit %s)' "$rc"
	fi
}

# the first line of stderr that says something, one line, at most 300 characters
errline() {
	local l first=
	while IFS= read -r l; do
		[[ -z $first ]] && first=$l
		if [[ $l == *"memory allocation"* || $l == *panicked* || $l == *error* ]]; then
			first=$l
			break
		fi
	done <<<"$err"
	first=${first//$'\t'/ }
	first=${first//$'\r'/ }
	printf '%s' "${first:0:300}"
}

one() {
	local f=$1 cls msg rc secs kb err complete goals s001 codes first
	run check check --format json "$f"
	local c_rc=$rc c_secs=$secs c_kb=$kb
	cls=$(died)
	# the pretty JSON has one field a line: code, name, severity, message, ...
	IFS=$'\t' read -r complete goals codes s001 first < <(awk '
		function val(s) { sub(/^ *"[a-z_]+": "?/, "", s); sub(/"?,?$/, "", s); return s }
		/^ *"goals": / { goals = val($0) }
		/^ *"code": / { code = val($0) }
		/^ *"severity": / { sev = val($0) }
		/^ *"message": / {
			m = val($0)
			if (code == "S001" && s001 == "") s001 = m
			if (sev == "error") { if (!(code in seen)) { seen[code]; codes = codes (codes == "" ? "" : " ") code }
				if (first == "") first = code ": " m }
		}
		/"summary"/ { summary = 1 }
		{ last = $0 }
		END { printf "%s\t%s\t%s\t%s\t%s\n", (summary && last == "}") ? "yes" : "no", goals + 0, codes == "" ? "-" : codes, s001 == "" ? "-" : s001, first == "" ? "-" : first }' "$t/check.out")
	if [[ -n $cls ]]; then
		msg=$(errline)
	elif [[ $complete != yes ]]; then
		cls="crash: exit $rc without a whole JSON report"
		msg=$(errline)
	elif [[ $s001 != - ]]; then
		cls="refused S001: $(norm "$s001" "$f")"
		msg=${s001//"$f"/FILE}
	elif [[ $goals != 0 && $codes == - ]]; then
		cls="read as a plan" msg=
	elif [[ $goals != 0 ]]; then
		cls="read as a plan, with errors: $codes" msg=$first
	else
		[[ $codes == - ]] && codes="no error"
		cls="read, no plan: $codes" msg=${first#-}
	fi

	run convert convert "$f" -o "$t/x.json"
	local v_cls v_msg
	v_cls=$(died)
	if [[ -n $v_cls ]]; then
		v_msg=$(errline)
	elif ((rc == 0)); then
		v_cls=wrote v_msg=
	else
		v_msg=$(errline)
		v_msg=${v_msg#"error: $f: "}
		v_cls="refused: $(norm "$v_msg" "$f")"
		v_msg=${v_msg//"$f"/FILE}
	fi
	printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$f" "$c_rc" "$c_secs" "$c_kb" "$cls" "${msg:0:300}" \
		"$rc" "$secs" "$kb" "$v_cls" "${v_msg:0:300}" >>"$t/lines"
}

# worker FILE...: a batch of files in one shell, under the memory cap.
worker() {
	local t="$WORK/w.$BASHPID" f
	mkdir -p "$t"
	ulimit -v $((MEM_MB * 1024))
	for f; do one "$f"; done
}
export -f worker one run died errline norm

n=$(find "$DIR" -type f ! -name '.*' ! -path "$DIR/SOURCES.md" ! -path '*/.*' | wc -l)
echo "corpus.sh: $n files under $DIR, $JOBS at a time, with $IGP" >&2
start=$(date +%s)
find "$DIR" -type f ! -name '.*' ! -path "$DIR/SOURCES.md" ! -path '*/.*' -print0 | sort -z |
	xargs -0 -r -n 16 -P "$JOBS" bash -c 'worker "$@"' _
wall=$(($(date +%s) - start))
{
	printf 'path\texit\tseconds\tmaxrss_kb\tclass\tmessage\tconv_exit\tconv_seconds\tconv_maxrss_kb\tconv_class\tconv_message\n'
	cat "$WORK"/w.*/lines | sort
} >"$OUT"
echo "corpus.sh: wrote $OUT in $wall s" >&2

# The folder walk: one `igp check -v --format json DIR` under the same memory cap (time cap
# x30). A file is accounted for when the report has a plan for it or stderr names it.
echo "corpus.sh: igp check -v --format json $DIR" >&2
find "$DIR" -type f ! -name '.*' ! -path "$DIR/SOURCES.md" ! -path '*/.*' | sort >"$WORK/files"
rc=0
(
	ulimit -v $((MEM_MB * 1024))
	/usr/bin/time -o "$WORK/walk.time" -f '%e %M' timeout -k 2 $((TIME_CAP * 30)) \
		"$IGP" check -v -j "$JOBS" --format json "$DIR" >"$WORK/walk.out" 2>"$WORK/walk.err" </dev/null
) || rc=$?
read -r secs kb < <(tail -n 1 "$WORK/walk.time")
sed -n 's/^      "path": "\(.*\)",$/\1/p' "$WORK/walk.out" | sort -u >"$WORK/walk.paths"
comm -23 "$WORK/files" "$WORK/walk.paths" >"$WORK/walk.notin"
grep -F -v -f <(grep -o -F -f "$WORK/walk.notin" "$WORK/walk.err" | sort -u) "$WORK/walk.notin" >"$WORK/walk.silent" || true
{
	how="exit $rc"
	((rc > 128)) && how="killed by SIG$(kill -l $((rc - 128)) 2>/dev/null || echo $((rc - 128)))"
	((rc == 124)) && how="stopped by the time cap"
	whole=no
	grep -q '"summary"' "$WORK/walk.out" && [[ $(tail -n 1 "$WORK/walk.out") == "}" ]] && whole=yes
	echo "\`igp check -v --format json DIR\`: $how, $secs s, $(awk -v k="$kb" 'BEGIN { printf "%.0f", k / 1024 }') MiB peak; whole JSON report: $whole."
	echo
	echo "- files: $(wc -l <"$WORK/files"); with a plan in the report: $(comm -12 "$WORK/files" "$WORK/walk.paths" | wc -l); named on stderr only: $(($(wc -l <"$WORK/walk.notin") - $(wc -l <"$WORK/walk.silent")))"
	echo "- neither checked nor mentioned: $(wc -l <"$WORK/walk.silent"); by extension: $(awk -F/ '{ b = $NF; e = (b ~ /\./) ? tolower(b) : "(none)"; sub(/.*\./, "", e); print e }' "$WORK/walk.silent" | sort | uniq -c | sort -k1,1nr -k2 | awk '{ printf "%s%s %d", (NR > 1 ? ", " : ""), $2, $1 }')"
	awk -v d="$DIR/" 'NR <= 10 { sub("^" d, ""); print "  - " $0 } END { if (NR > 10) print "  - ..." }' "$WORK/walk.silent"
	grep -v '^\(error\|warning\|info\|note\|  \|$\)' "$WORK/walk.err" | tail -n 2 | sed 's/^/- closing line(s): /' || true
} >"$OUT.walk"
fi

# ---- the table -------------------------------------------------------------------------
T="$WORK/all.tsv"
tail -n +2 "$OUT" >"$T"
total=$(wc -l <"$T")
mib() { awk '{ printf "%.0f", $1 / 1024 }' <<<"$1"; }

echo "# igp over $DIR"
echo
if [[ -z $TABLE ]]; then
	echo "$total files; $("$IGP" --version 2>/dev/null || echo igp) ($IGP); $JOBS at a time;"
	echo "caps: ${MEM_MB} MiB of address space, ${TIME_CAP} s; run took $wall s on $(nproc) cores; $(date -u '+%F %H:%M') UTC."
else
	echo "$total files; the table of the run in $TABLE."
fi
echo
echo "## igp check: outcome per class"
echo
echo "| class | files | example |"
echo "|---|---:|---|"
# crashes and time caps first, then refusals, then reads; most files first within each
awk -F'\t' '{
		g = ($5 ~ /^crash/) ? 0 : ($5 ~ /^time cap/) ? 1 : ($5 ~ /^refused/) ? 2 : 3
		n[$5]++; grp[$5] = g
		if (!($5 in ex) || length($1) < length(ex[$5])) ex[$5] = $1
	}
	END { for (c in n) printf "%d\t%d\t%s\t%s\n", grp[c], n[c], c, ex[c] }' "$T" |
	sort -t$'\t' -k1,1n -k2,2nr -k3,3 |
	awk -F'\t' -v d="$DIR/" '{ e = $4; sub("^" d, "", e); gsub(/\|/, "\\|", $3); printf "| %s | %d | %s |\n", $3, $2, e }'
echo
awk -F'\t' '
	{ g = ($5 ~ /^crash/) ? "crash or signal" : ($5 ~ /^time cap/) ? "time cap" : ($5 ~ /^refused/) ? "refused (S001)" : ($5 ~ /^read as a plan/) ? "read as a plan" : "read, no plan found"; n[g]++ }
	END {
		split("crash or signal|time cap|refused (S001)|read as a plan|read, no plan found", order, "|")
		printf "In all:"; sep = " "
		for (i = 1; i <= 5; i++) { printf "%s%s %d", sep, order[i], n[order[i]]; sep = ", " }
		print "."
	}' "$T"
echo
echo "## Over the limits (${LIMIT_MB} MiB, ${LIMIT_S} s)"
echo
awk -F'\t' -v m=$((LIMIT_MB * 1024)) -v s=$LIMIT_S '
	{ kb = ($4 > $9) ? $4 : $9; sec = ($3 > $8) ? $3 : $8
	  if (kb > m) over_m++; if (sec > s) over_s++; ks[NR] = $4; ss[NR] = $3 }
	END {
		printf "- files over %d MiB peak RSS (check or convert): %d\n", m / 1024, over_m
		printf "- files over %d s wall (check or convert): %d\n", s, over_s
	}' "$T"
echo "- check, median: $(cut -f3 "$T" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }') s, $(mib "$(cut -f4 "$T" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')") MiB; peak RSS of all: $(mib "$(cut -f4,9 "$T" | tr '\t' '\n' | sort -n | tail -n1)") MiB"
echo
echo "## The 10 slowest files (check)"
echo
echo "| seconds | MiB | class | file |"
echo "|---:|---:|---|---|"
sort -t$'\t' -k3,3gr "$T" | awk 'NR <= 10' |
	awk -F'\t' -v d="$DIR/" '{ f = $1; sub("^" d, "", f); printf "| %s | %.0f | %s | %s |\n", $3, $4 / 1024, $5, f }'
echo
echo "## The 10 biggest peak RSS (check)"
echo
echo "| MiB | seconds | class | file |"
echo "|---:|---:|---|---|"
sort -t$'\t' -k4,4nr "$T" | awk 'NR <= 10' |
	awk -F'\t' -v d="$DIR/" '{ f = $1; sub("^" d, "", f); printf "| %.0f | %s | %s | %s |\n", $4 / 1024, $3, $5, f }'
echo
echo "## Do check and convert agree on refusing?"
echo
echo "check refuses = an S001 finding; convert refuses = a non-zero exit."
echo
awk -F'\t' -v d="$DIR/" '
	$5 ~ /^(crash|time cap)/ || $10 ~ /^(crash|time cap)/ { dead++; next }
	{ cr = ($5 ~ /^refused/); vr = ($10 ~ /^refused/)
	  if (cr == vr) { agree++; if (cr) both++ } else {
		f = $1; sub("^" d, "", f)
		if (cr) { a++; ea = ea sprintf("  - %s: check `%s`, convert wrote\n", f, $5) }
		else { b++; k = $10; nb[k]++; if (!(k in eb)) eb[k] = f } } }
	END {
		printf "- agree: %d files (both refuse: %d); not compared (a crash or time cap): %d\n", agree, both, dead
		printf "- check refuses, convert writes: %d\n", a
		if (a) printf "%s", ea
		printf "- convert refuses, check reads: %d\n", b
		for (k in nb) printf "  - %d × `%s` (e.g. %s)\n", nb[k], k, eb[k]
	}' "$T"
echo
echo "## igp convert: outcome per class"
echo
echo "| class | files |"
echo "|---|---:|"
cut -f10 "$T" | sort | uniq -c | sort -k1,1nr -k2 | awk '{ n = $1; $1 = ""; sub(/^ /, ""); gsub(/\|/, "\\|"); printf "| %s | %d |\n", $0, n }'

if [[ -f $OUT.walk ]]; then
	echo
	echo "## Folder walk: does igp check DIR account for every file?"
	echo
	cat "$OUT.walk"
fi

if [[ -n $CAL ]]; then
	echo
	echo "## Files python-calamine reads and igp refuses"
	echo
	# CAL: path, ok (yes/partial/no), sheets, error (bench/corpus_calamine.py)
	awk -F'\t' -v d="$DIR/" '
		NR == FNR { if (FNR > 1) { cal[$1] = $2; sheets[$1] = $3 }; next }
		{ if (!($1 in cal)) { nocal++; next }
		  if (cal[$1] == "no") { calno++; next }
		  if (cal[$1] == "yes") yes++; else part++
		  if ($5 ~ /^(refused|crash|time cap)/) {
			bad++; n[$5]++; f = $1; sub("^" d, "", f); list[$5] = list[$5] sprintf("  - %s (python-calamine: %s, %s sheets)\n", f, cal[$1], sheets[$1]) } }
		END {
			printf "python-calamine reads %d of these files (every sheet), %d in part (some sheets), and not %d", yes, part, calno
			if (nocal) printf "; %d are not in its TSV", nocal
			printf ".\nOf the %d it reads in whole or in part, igp refuses or dies on %d:\n\n", yes + part, bad
			for (c in n) printf "- %d × %s\n%s", n[c], c, list[c]
		}' "$CAL" "$T"
fi
exit
}
