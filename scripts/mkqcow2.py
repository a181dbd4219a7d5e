#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Write an empty qcow2 image (format version 2), for savevm in the tests.

Usage: mkqcow2.py FILE SIZE_MIB

The project's QEMU is built without its tools (no qemu-img), and savevm
needs a drive that can hold snapshots.  The image is four 64 KiB
clusters: the header, the refcount table, one refcount block (16-bit
counts, the only width version 2 has) and the L1 table; no data cluster
is allocated, so every guest sector reads as zero.  QEMU checks the
layout when it opens the image and when it writes a snapshot.
"""
import struct
import sys

CLUSTER_BITS = 16
CLUSTER = 1 << CLUSTER_BITS
HEADER_CLUSTER, REFTABLE_CLUSTER, REFBLOCK_CLUSTER, L1_CLUSTER = range(4)


def image(size):
    # One L2 table maps CLUSTER / 8 clusters.
    per_l2 = (CLUSTER // 8) * CLUSTER
    l1_size = max(1, (size + per_l2 - 1) // per_l2)
    if l1_size * 8 > CLUSTER:
        raise ValueError("image too big for one L1 cluster")
    header = struct.pack(
        ">4sIQIIQIIQQIIQ",
        b"QFI\xfb", 2,            # magic, version
        0, 0,                     # no backing file
        CLUSTER_BITS, size,
        0,                        # no encryption
        l1_size, L1_CLUSTER * CLUSTER,
        REFTABLE_CLUSTER * CLUSTER, 1,
        0, 0)                     # no snapshots yet
    out = bytearray(4 * CLUSTER)
    out[:len(header)] = header
    struct.pack_into(">Q", out, REFTABLE_CLUSTER * CLUSTER,
                     REFBLOCK_CLUSTER * CLUSTER)
    for cluster in range(4):
        struct.pack_into(">H", out, REFBLOCK_CLUSTER * CLUSTER + 2 * cluster,
                         1)
    return bytes(out)


def main():
    if len(sys.argv) != 3:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    with open(sys.argv[1], "wb") as f:
        f.write(image(int(sys.argv[2]) << 20))
    return 0


if __name__ == "__main__":
    sys.exit(main())
