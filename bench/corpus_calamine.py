#!/usr/bin/env python3
"""Which files of a corpus python-calamine can read: the bar of issue 11 is "every file that
python-calamine reads, igp reads".

    python3 bench/corpus_calamine.py DIR OUT.tsv [JOBS]

Tries every file under DIR (the same files bench/corpus.sh runs: not dot-files, not
DIR/SOURCES.md) with python-calamine (`pip install python-calamine`): open the workbook,
then read every sheet to Python values. Each file is read in a forked child under a memory
cap (2 GiB of address space) and a time cap (20 s), JOBS at a time (default 2), so that a
file that makes calamine allocate without end does not end the run.

Writes OUT.tsv: path, ok, sheets, error, where ok is
  yes      the workbook opened and every sheet read
  partial  it opened and some sheets read (chart sheets, for one, do not)
  no       it did not open, or no sheet read
and sheets is "read/total". `bench/corpus.sh -c OUT.tsv` lists the files python-calamine
reads (yes or partial) and igp refuses.
"""

import os
import resource
import signal
import sys

MEM = 2 << 30
TIME = 20


def read(path):
    from python_calamine import CalamineWorkbook

    wb = CalamineWorkbook.from_path(path)
    names = wb.sheet_names
    ok, err = 0, ""
    for name in names:
        try:
            wb.get_sheet_by_name(name).to_python()
            ok += 1
        except Exception as e:  # noqa: BLE001 - any failure is the answer
            err = err or f"sheet {name!r}: {type(e).__name__}: {e}"
    if names and ok == len(names):
        state = "yes"
    elif ok:
        state = "partial"
    else:
        state = "no"
        err = err or "no sheet"
    return state, f"{ok}/{len(names)}", err


def child(path, w):
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, 2)  # an abort's backtrace is not the answer; the signal is
    resource.setrlimit(resource.RLIMIT_AS, (MEM, MEM))
    signal.alarm(TIME)
    try:
        state, sheets, err = read(path)
    except BaseException as e:  # noqa: BLE001
        state, sheets, err = "no", "", f"{type(e).__name__}: {e}"
    line = "\t".join([state, sheets, " ".join(err.split())[:300]])
    os.write(w, line.encode("utf-8", "replace"))
    os._exit(0)


def files(top):
    out = []
    for root, dirs, names in os.walk(top):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for n in names:
            p = os.path.join(root, n)
            if n.startswith(".") or p == os.path.join(top, "SOURCES.md"):
                continue
            if os.path.isfile(p) and not os.path.islink(p):
                out.append(p)
    return sorted(out)


def main():
    if len(sys.argv) not in (3, 4):
        sys.exit(__doc__.split("\n\n")[1])
    top, out = sys.argv[1].rstrip("/"), sys.argv[2]
    jobs = int(sys.argv[3]) if len(sys.argv) == 4 else 2
    import python_calamine  # noqa: F401 - fail here, once, if it is missing

    todo = files(top)
    running = {}  # pid -> (path, read end)
    rows = []

    def reap():
        pid, status = os.wait()
        path, r = running.pop(pid)
        data = b""
        while chunk := os.read(r, 65536):
            data += chunk
        os.close(r)
        if os.WIFSIGNALED(status):
            sig = signal.Signals(os.WTERMSIG(status)).name
            why = "time cap" if sig == "SIGALRM" else f"killed by {sig}"
            rows.append((path, "no", "", why))
        elif not data:
            rows.append((path, "no", "", f"exit {os.WEXITSTATUS(status)}"))
        else:
            state, sheets, err = data.decode("utf-8", "replace").split("\t", 2)
            rows.append((path, state, sheets, err))

    for path in todo:
        while len(running) >= jobs:
            reap()
        r, w = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(r)
            child(path, w)
        os.close(w)
        running[pid] = (path, r)
        # a child's result can exceed the pipe's buffer only at 300 characters: it never blocks
    while running:
        reap()

    rows.sort()
    with open(out, "w", encoding="utf-8") as f:
        f.write("path\tok\tsheets\terror\n")
        for row in rows:
            f.write("\t".join(c.replace("\t", " ") for c in row) + "\n")
    n = {k: sum(1 for r in rows if r[1] == k) for k in ("yes", "partial", "no")}
    print(f"{len(rows)} files: python-calamine reads {n['yes']}, partly {n['partial']}, not {n['no']}", file=sys.stderr)


if __name__ == "__main__":
    main()
