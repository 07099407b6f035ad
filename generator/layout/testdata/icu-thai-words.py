#!/usr/bin/python3
"""Print ICU's word boundaries of each line of standard input.

One output line per input line: the boundary offsets in code points,
separated by spaces. A reference for the Thai line-breaking test
(Debian python3-icu).
"""
import sys

import icu

bi = icu.BreakIterator.createWordInstance(icu.Locale("th"))
for line in sys.stdin.read().split("\n"):
    if not line:
        continue
    bi.setText(line)
    # ICU counts UTF-16 units; convert to code points
    units = [0]
    for ch in line:
        units.append(units[-1] + (2 if ord(ch) > 0xFFFF else 1))
    index = {u: i for i, u in enumerate(units)}
    print(" ".join(str(index[b]) for b in bi))
