#!/usr/bin/env python3
"""Prints the INSERTs that fill filler.t with MIB MiB of rows, for the clone benchmarks.

Rows of 2880 bytes, pad = REPEAT(MD5(id), 90) (as the tests' FillerTable writes them, so a copy
can be checked row for row), 1000 per statement. Usage: bench/filler-rows.py MIB | mariadb ...
"""
import sys

rows = int(sys.argv[1]) * 1024 * 1024 // 2880
for first in range(1, rows + 1, 1000):
    last = min(rows, first + 999)
    print("INSERT INTO filler.t VALUES " +
          ",".join(f"({i}, REPEAT(MD5({i}), 90))" for i in range(first, last + 1)) + ";")
