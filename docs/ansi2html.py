#!/usr/bin/env python3
"""Standard input with SGR escape sequences (bold, dim, the eight colours, reset) as an
HTML page that looks like a dark terminal. Only what igp prints; for docs/render-terminal.sh."""
import html
import re
import sys

COLORS = {31: "#f26d6d", 32: "#7ed67e", 33: "#e5c07b", 34: "#61afef", 35: "#c678dd", 36: "#56b6c2"}
out, style = [], {}
for part in re.split(r"(\x1b\[[0-9;]*m)", sys.stdin.read()):
    m = re.fullmatch(r"\x1b\[([0-9;]*)m", part)
    if not m:
        if part:
            css = ";".join(f"{k}:{v}" for k, v in style.items())
            out.append(f'<span style="{css}">{html.escape(part)}</span>' if css else html.escape(part))
        continue
    for code in [int(c or 0) for c in m.group(1).split(";")]:
        if code == 0:
            style = {}
        elif code == 1:
            style["font-weight"] = "bold"
        elif code == 2:
            style["opacity"] = "0.6"
        elif code == 22:
            style.pop("font-weight", None)
            style.pop("opacity", None)
        elif code in COLORS:
            style["color"] = COLORS[code]
        elif code == 39:
            style.pop("color", None)
print('<!doctype html><meta charset="utf-8"><body style="margin:0;background:#1e1e1e">'
      '<pre style="margin:0;padding:14px 18px;color:#d4d4d4;'
      'white-space:pre-wrap;font:15px/1.35 \'DejaVu Sans Mono\',monospace">' + "".join(out) + "</pre></body>")
