#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Build the root disk for `make run`: a disk image with an MBR partition
# table and one Linux partition (from sector 2048, ext4) holding the same
# userland as the initramfs (/init, /tests, /sbin/poweroff, busybox), made
# with mke2fs -d: no loop device, no mount, no root needed.
#
#   build/rootfs-template.img  rebuilt whenever the userland is newer
#   build/rootfs.img           the disk `make run` boots and writes to;
#                              made from the template when missing, and
#                              never replaced after that (what you saved
#                              on it stays): delete it for a fresh one.
#
# Reads the initramfs list (build/userland/initramfs.list) so both roots
# hold the same files.  Environment: ROOTFS_MB (size of the partition,
# default 64).
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/scripts/lib.sh"

list=$BUILD/userland/initramfs.list
template=$BUILD/rootfs-template.img
disk=$BUILD/rootfs.img
mb=${ROOTFS_MB:-64}
first_sector=2048

[ -f "$list" ] || die "no $list: run scripts/build-initramfs.sh first"
command -v mke2fs >/dev/null || die "mke2fs missing: run scripts/deps.sh (e2fsprogs)"
case $mb in
'' | *[!0-9]*) die "ROOTFS_MB=$mb: want a size in MiB" ;;
esac
[ "$mb" -ge 8 ] || die "ROOTFS_MB=$mb: the root file system needs at least 8 MiB"

if [ ! -f "$template" ] || [ "$list" -nt "$template" ] ||
	[ -n "$(find "$BUILD/userland" -newer "$template" -print -quit)" ]; then
	tree=$BUILD/rootfs-tree
	rootfs_tree "$list" "$tree"
	part=$BUILD/rootfs-part.img
	rm -f "$part"
	truncate -s "${mb}M" "$part"
	mke2fs -q -F -t ext4 -L voyager-root -E root_owner=0:0 -d "$tree" \
		"$part" "${mb}M" || die "mke2fs -d $tree failed"
	# The MBR: one partition, type 83h, LBA fields only (CHS FEh/FFh/FFh).
	python3 - "$template.new" "$first_sector" "$((mb * 2048))" <<'EOF' ||
import struct, sys
path, first, count = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
entry = bytes([0, 0xfe, 0xff, 0xff, 0x83, 0xfe, 0xff, 0xff]) + \
    struct.pack("<II", first, count)
mbr = bytearray(512)
mbr[446:462] = entry
mbr[510:512] = b"\x55\xaa"
with open(path, "wb") as f:
    f.write(mbr)
    f.truncate(first * 512)
EOF
		die "cannot write the partition table of $template"
	cat "$part" >>"$template.new" || die "cannot write $template"
	rm -rf "$part" "$tree"
	mv "$template.new" "$template"
	note "root disk template ready: $template (${mb} MiB ext4 in partition 1)"
fi

if [ ! -f "$disk" ]; then
	cp "$template" "$disk"
	note "root disk ready: $disk"
elif [ "$template" -nt "$disk" ]; then
	note "$disk is older than the userland and is kept (your files are on it); delete it to get a new one"
fi
