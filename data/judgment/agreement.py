#!/usr/bin/env python3
"""Inter-annotator agreement of the corpus.

  agreement.py sample   writes relabel/steps.tsv and relabel/cells.tsv: a seeded random 10%
                        of the rows of steps-*.tsv and cells-*.tsv, without their labels,
                        for a second annotator to label (first field left empty).
  agreement.py report   compares the second annotator's labels (relabel/*.tsv, first field
                        filled) with the corpus's: agreement and Cohen's kappa, and lists
                        every disagreement.
"""
import glob, os, random, sys

here = os.path.dirname(os.path.abspath(__file__))
rel = os.path.join(here, "relabel")

def rows(kind):
    out = []
    for path in sorted(glob.glob(os.path.join(here, f"{kind}-*.tsv"))):
        for line in open(path, encoding="utf-8"):
            line = line.rstrip("\n")
            if line.startswith("#") or not line.strip():
                continue
            out.append(line.split("\t"))
    return out

def key(kind, f):
    return (f[1],) if kind == "steps" else (f[1], f[2])

def kappa(pairs, labels):
    n = len(pairs)
    po = sum(a == b for a, b in pairs) / n
    pe = sum((sum(a == l for a, _ in pairs) / n) * (sum(b == l for _, b in pairs) / n) for l in labels)
    return po, (po - pe) / (1 - pe) if pe < 1 else 1.0

if sys.argv[1:] == ["sample"]:
    os.makedirs(rel, exist_ok=True)
    rng = random.Random(20261206)
    for kind in ["steps", "cells"]:
        rs = rows(kind)
        sample = rng.sample(rs, max(1, len(rs) // 10))
        with open(os.path.join(rel, f"{kind}.tsv"), "w", encoding="utf-8") as out:
            for f in sample:
                out.write("\t".join([""] + list(key(kind, f))) + "\n")
        print(kind, len(sample), "of", len(rs))
elif sys.argv[1:] == ["report"]:
    for kind, labels in [("steps", ["measurable", "unmeasurable"]), ("cells", ["placeholder", "content"])]:
        first = {key(kind, f): f[0] for f in rows(kind)}
        pairs, diffs = [], []
        for line in open(os.path.join(rel, f"{kind}.tsv"), encoding="utf-8"):
            f = line.rstrip("\n").split("\t")
            k = tuple(f[1:])
            if k not in first:
                continue
            pairs.append((first[k], f[0]))
            if first[k] != f[0]:
                diffs.append((first[k], f[0], k))
        po, k = kappa(pairs, labels)
        print(f"{kind}: {len(pairs)} rows relabelled, agreement {100*po:.1f}%, Cohen's kappa {k:.3f}")
        for a, b, t in diffs:
            print(f"  corpus={a} second={b}\t{' | '.join(t)}")
else:
    sys.exit(__doc__)
