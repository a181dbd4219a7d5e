#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""The records of tests/userland/records.c, read and written on the host.

    records.py check FILE ACKED   FILE holds records 1..N in turn, each
                                  intact, and N >= ACKED (exit 1 if not)
    records.py make N             records 1..N on standard output

A record is 32 bytes: "VR <number> <FNV-1a of the number's four bytes>",
both in eight hex digits, padded with dots, ending in a newline.
"""
import sys

SIZE = 32


def record(n):
    h = 2166136261
    for i in range(4):
        h = ((h ^ ((n >> (8 * i)) & 0xff)) * 16777619) & 0xffffffff
    return (b"VR %08x %08x " % (n, h)).ljust(SIZE - 1, b".") + b"\n"


def check(path, acked):
    data = open(path, "rb").read()
    if len(data) % SIZE:
        return f"/records: {len(data)} bytes, not whole {SIZE}-byte records"
    n = len(data) // SIZE
    for i in range(n):
        got = data[SIZE * i:SIZE * (i + 1)]
        if got != record(i + 1):
            return f"/records: record {i + 1} damaged: {got!r}"
    print(f"/records on the host: {n} records intact, {acked} acknowledged")
    if n < acked:
        return f"{acked - n} acknowledged records lost"
    return None


def main():
    if len(sys.argv) == 4 and sys.argv[1] == "check":
        return check(sys.argv[2], int(sys.argv[3]))
    if len(sys.argv) == 3 and sys.argv[1] == "make":
        for n in range(1, int(sys.argv[2]) + 1):
            sys.stdout.buffer.write(record(n))
        return None
    return __doc__


if __name__ == "__main__":
    sys.exit(main())
