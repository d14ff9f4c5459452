"""What a user would otherwise write: read every plan with openpyxl (xlsx) or csv."""
import csv
import os
import sys

import openpyxl

total = 0
folder = sys.argv[1]
for name in sorted(os.listdir(folder)):
    path = os.path.join(folder, name)
    if name.endswith(".csv"):
        with open(path, newline="", encoding="utf-8") as f:
            for row in csv.reader(f):
                total += sum(len(c) for c in row)
    else:
        wb = openpyxl.load_workbook(path, read_only=True)
        for ws in wb.worksheets:
            for row in ws.iter_rows(values_only=True):
                total += sum(len(str(c)) for c in row if c is not None)
        wb.close()
print(total)
