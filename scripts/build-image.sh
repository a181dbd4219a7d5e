#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Build build/voyager.img, a disk image a real Voyager (or the emulated
# one, through its firmware) boots from its SCSI disk:
#
#   sector 0      syslinux's MBR (/usr/lib/syslinux/mbr/mbr.bin), two
#                 primary partitions, LBA fields only
#   partition 1   from sector 2048, FAT, active: syslinux (ldlinux.sys,
#                 ldlinux.c32), syslinux.cfg and the kernel /bzImage
#   partition 2   ext4: the i486 userland of build/userland/initramfs.list
#                 (busybox on musl, /init, the test programs)
#
# No loop device, no mount, no root: mtools writes the FAT at its offset in
# the image file (-i IMG@@OFFSET), syslinux --install --offset installs its
# boot sector and loader there, mke2fs -d makes the ext4 from a tree.
# syslinux runs the kernel's real-mode setup code, so the kernel asks the
# firmware for the Voyager's table with int 15h AX=FFC0h, as on the
# hardware.
#
# Environment:
#   IMAGE_KERNEL  486 (default: build/linux-mca, runs on every level)
#                 or pentium (build/linux-realpentium: Pentium, Pentium Pro)
#   IMAGE_MB      size of the image in MiB (default 64); too small stops
#                 with "image too small: needs N MiB"
#   IMAGE_OUT     the image to write (default build/voyager.img)
# Rebuilt when the kernel, the userland, this script or the settings are
# newer than the image.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/scripts/lib.sh"

which_kernel=${IMAGE_KERNEL:-486}
mb=${IMAGE_MB:-64}
out=${IMAGE_OUT:-$BUILD/voyager.img}
list=$BUILD/userland/initramfs.list
log=$BUILD/logs/image.log
mbr_bin=/usr/lib/syslinux/mbr/mbr.bin
first=2048

case $which_kernel in
486) variant=mca ;;
pentium) variant=realpentium ;;
*) die "IMAGE_KERNEL=$which_kernel: want 486 or pentium" ;;
esac
case $mb in
'' | *[!0-9]*) die "IMAGE_MB=$mb: want a size in MiB" ;;
esac
kernel=$BUILD/linux-$variant/arch/x86/boot/bzImage
[ -f "$kernel" ] || die "no kernel $kernel: run 'make kernel-$variant' (IMAGE_KERNEL=$which_kernel)"
[ -f "$list" ] || die "no userland $list: run 'make initramfs'"
missing=$(awk '$1 == "file" { print $3 }' "$list" | while read -r f; do
	[ -f "$f" ] || echo "$f"
done | head -n 1)
[ -z "$missing" ] || die "the userland of $list is incomplete ($missing missing): run 'make initramfs'"
for t in mformat mcopy syslinux mke2fs; do
	command -v "$t" >/dev/null || die "$t missing: run scripts/deps.sh (syslinux, mtools, e2fsprogs)"
done
[ -f "$mbr_bin" ] || die "no $mbr_bin: run scripts/deps.sh (syslinux-common)"

stamp="$which_kernel $mb $(sha256sum <"$0" | cut -c1-16)"
if [ -f "$out" ] && [ "$(cat "$out.stamp" 2>/dev/null)" = "$stamp" ] &&
	[ "$out" -nt "$kernel" ] && [ "$out" -nt "$list" ] &&
	[ -z "$(awk '$1 == "file" { print $3 }' "$list" | while read -r f; do
		[ "$f" -nt "$out" ] && { echo "$f"; break; }
	done)" ]; then
	note "$out is up to date"
	exit 0
fi

mkdir -p "$BUILD/logs" "$(dirname "$out")"
: >"$log"
work=$(mktemp -d "$BUILD/image.XXXXXX")
trap 'rm -rf "$work"' EXIT

# Partition 1: the kernel, syslinux's two files (about 150 KiB) and the
# FAT itself, with a MiB to spare.
kbytes=$(stat -L -c %s "$kernel")
boot_mb=$(( (kbytes + 1048575) / 1048576 + 1 ))
root_mb=$(( mb - 1 - boot_mb ))

# Partition 2: the userland, made with mke2fs -d.  Whether it fits in what
# is left is mke2fs's answer; when it does not, the least size that fits
# is searched for, so the error can say what IMAGE_MB would do.
tree=$work/tree
rootfs_tree "$list" "$tree"
part=$work/root.part
fits() {
	rm -f "$part"
	truncate -s "${1}M" "$part"
	echo "mke2fs -d for ${1} MiB:" >>"$log"
	mke2fs -q -F -t ext4 -L voyager-root -E root_owner=0:0 -d "$tree" \
		"$part" "${1}M" >>"$log" 2>&1
}
if [ "$root_mb" -lt 1 ] || ! fits "$root_mb"; then
	lo=$(( root_mb < 0 ? 0 : root_mb ))
	hi=$(( $(du -sk "$tree" | cut -f1) * 2 / 1024 + 16 ))
	[ "$hi" -gt "$lo" ] || hi=$((lo + 16))
	fits "$hi" || die "mke2fs -d $tree failed for $hi MiB: see $log"
	while [ $((hi - lo)) -gt 1 ]; do
		mid=$(( (lo + hi) / 2 ))
		if fits "$mid"; then hi=$mid; else lo=$mid; fi
	done
	die "image too small: needs $((1 + boot_mb + hi)) MiB (IMAGE_MB=$mb; the boot partition takes $boot_mb, the root $hi)"
fi

img=$work/voyager.img
truncate -s "${mb}M" "$img"
boot_count=$((boot_mb * 2048))
root_first=$((first + boot_count))
off=$((first * 512))

# The FAT: hidden sectors = its first sector, as a BIOS-booted partition
# needs; mformat picks FAT12 or FAT16 for the size.
mformat -i "$img@@$off" -T "$boot_count" -h 64 -s 32 -H "$first" -v VOYAGER :: >>"$log" 2>&1 ||
	die "mformat failed: see $log"
cat >"$work/syslinux.cfg" <<EOF
# build/voyager.img (scripts/build-image.sh): the NCR Voyager kernel,
# its root on partition 2 of the disk the firmware booted (the first SCSI
# disk), the console on COM1 at 115200 8N1.  At the boot: prompt,
# "voyager root=/dev/sdb2" boots with another root.
SERIAL 0 115200
PROMPT 1
TIMEOUT 20
DEFAULT voyager
LABEL voyager
  LINUX /bzImage
  APPEND root=/dev/sda2 rw rootwait console=ttyS0,115200 init=/init voyager_shell=1 voyager_end=poweroff
EOF
mcopy -i "$img@@$off" "$kernel" ::bzImage >>"$log" 2>&1 &&
	mcopy -i "$img@@$off" "$work/syslinux.cfg" ::syslinux.cfg >>"$log" 2>&1 ||
	die "mcopy to the boot partition failed (kernel $kbytes bytes in $boot_mb MiB): see $log"
syslinux --install --offset "$off" "$img" >>"$log" 2>&1 ||
	die "syslinux --install --offset $off failed: see $log"
fat=$(dd if="$img" bs=1 skip=$((off + 54)) count=5 status=none)
case $fat in
FAT12) fat_type=0x01 ;;
FAT16) fat_type=$([ "$boot_count" -lt 65536 ] && echo 0x04 || echo 0x06) ;;
*) die "mformat made a '$fat' file system, not FAT12 or FAT16" ;;
esac

# The MBR: syslinux's boot code, then the table (partition 1 active).
dd if="$mbr_bin" of="$img" bs=440 count=1 conv=notrunc status=none ||
	die "cannot write $mbr_bin to the image"
python3 - "$img" "$fat_type" "$first" "$boot_count" "$root_first" "$((root_mb * 2048))" <<'EOF' ||
import struct, sys
path, fat = sys.argv[1], int(sys.argv[2], 16)
p1, n1, p2, n2 = (int(x) for x in sys.argv[3:7])
def entry(active, ptype, first, count):
    # LBA only: the CHS fields say "beyond CHS" (FEh FFh FFh).
    return bytes([0x80 if active else 0, 0xfe, 0xff, 0xff, ptype,
                  0xfe, 0xff, 0xff]) + struct.pack("<II", first, count)
with open(path, "r+b") as f:
    f.seek(446)
    f.write(entry(True, fat, p1, n1) + entry(False, 0x83, p2, n2) +
            bytes(32) + b"\x55\xaa")
EOF
	die "cannot write the partition table"
dd if="$part" of="$img" bs=1M seek=$((root_first / 2048)) conv=notrunc status=none ||
	die "cannot write the root file system into the image"
[ "$(stat -c %s "$img")" = $((mb * 1048576)) ] || die "the image grew past IMAGE_MB=$mb"

mv "$img" "$out"
echo "$stamp" >"$out.stamp"
note "image ready: $out ($mb MiB: partition 1 FAT ($fat) $boot_mb MiB with the $which_kernel kernel, partition 2 ext4 $root_mb MiB)"
