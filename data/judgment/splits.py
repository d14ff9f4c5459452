#!/usr/bin/env python3
"""Assigns the train/dev split of every row of the corpus (steps-*.tsv, cells-*.tsv) from a
hash of its text: one row in five is dev. Deterministic; rerun after adding rows.
The test split is not assigned here: it lives in test-*.tsv, written last."""
import glob, hashlib, os, sys

here = os.path.dirname(os.path.abspath(__file__))
for path in sorted(glob.glob(os.path.join(here, "steps-*.tsv")) + glob.glob(os.path.join(here, "cells-*.tsv"))):
    out = []
    for line in open(path, encoding="utf-8").read().split("\n"):
        if line.startswith("#") or not line.strip():
            out.append(line)
            continue
        f = line.split("\t")
        text = f[1] if len(f) == 6 else f[2]
        h = int(hashlib.sha256(text.encode("utf-8")).hexdigest(), 16)
        f[-1] = "dev" if h % 5 == 0 else "train"
        out.append("\t".join(f))
    open(path, "w", encoding="utf-8").write("\n".join(out))
    print(path)
