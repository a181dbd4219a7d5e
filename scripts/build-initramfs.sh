#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Build the test userland and pack build/initramfs.cpio.gz:
#   /init            tests/userland/init.c (KTAP test runner, or a shell)
#   /tests/NAME      every other tests/userland/NAME.c
#   /sbin/poweroff, /sbin/reboot   tests/userland/poweroff.c
#   /bin/busybox     busybox for i486 on musl (scripts/build-userland-i486.sh),
#                    the interactive shell and the tools of the test programs
#   /usr/share/udhcpc/default.script   scripts/udhcpc.script, for DHCP
# The programs are libc-free i486 binaries built with the kernel's own
# tools/include/nolibc; the archive is made by the kernel's gen_init_cpio.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/scripts/lib.sh"

src=$BUILD/linux-src
out=$BUILD/userland
sysroot=$BUILD/sysroot
busybox=$BUILD/userland-i486/busybox
# 64-bit division for the test programs: libgcc's is i686 code with CET's
# ENDBR32 in it, an invalid opcode on a 486.
i486rt=$BUILD/userland-i486/libi486rt.a
log=$BUILD/logs/initramfs.log
[ -f "$src/Makefile" ] || die "no kernel tree in $src: run scripts/build-kernel.sh first"
[ -x "$busybox" ] && [ -f "$i486rt" ] ||
	die "no i486 busybox and libi486rt.a in ${busybox%/*}: run scripts/build-userland-i486.sh"
mkdir -p "$out" "$BUILD/logs"
: >"$log"

# Kernel UAPI headers for nolibc, from the same tree.
if [ ! -f "$sysroot/include/linux/reboot.h" ] || [ "$sysroot/include/linux/reboot.h" -ot "$src/.voyager-stamp" ]; then
	note "installing kernel UAPI headers into $sysroot"
	rm -rf "$sysroot"
	make -C "$src" O="$BUILD/linux-headers" ARCH=i386 \
		INSTALL_HDR_PATH="$sysroot" headers_install >>"$log" 2>&1 ||
		die "headers_install failed: see $log"
fi

CFLAGS=(-m32 -march=i486 -Os -static -nostdlib -ffreestanding -fno-pic
	-fcf-protection=none -fno-stack-protector -fno-asynchronous-unwind-tables -Wall -Wextra
	-Werror -Wno-unused-function -include "$src/tools/include/nolibc/nolibc.h"
	-I "$src/tools/include/nolibc" -I "$sysroot/include"
	-I "$top/tests/userland")

list=$out/initramfs.list
{
	echo "dir /dev 0755 0 0"
	echo "nod /dev/console 0600 0 0 c 5 1"
	echo "dir /proc 0755 0 0"
	echo "dir /sys 0755 0 0"
	echo "dir /tmp 1777 0 0"
	echo "dir /bin 0755 0 0"
	echo "dir /sbin 0755 0 0"
	echo "dir /tests 0755 0 0"
	echo "file /bin/busybox $busybox 0755 0 0"
	# the CAT bus lister (a busybox sh script)
	echo "file /bin/voyager-lscat $top/scripts/voyager-lscat 0755 0 0"
	# DHCP on the network card: udhcpc's event script, /etc for its
	# resolv.conf
	echo "dir /etc 0755 0 0"
	echo "dir /usr 0755 0 0"
	echo "dir /usr/share 0755 0 0"
	echo "dir /usr/share/udhcpc 0755 0 0"
	echo "file /usr/share/udhcpc/default.script $top/scripts/udhcpc.script 0755 0 0"
} >"$list"

for c in "$top"/tests/userland/*.c; do
	prog=$(basename "$c" .c)
	gcc "${CFLAGS[@]}" -o "$out/$prog" "$c" "$i486rt" >>"$log" 2>&1 ||
		{ cat "$log" >&2; die "cannot build $c"; }
	bad=$(insns_a_486_lacks "$out/$prog")
	[ -z "$bad" ] || die "$c uses instructions a 486 lacks: $(echo "$bad" | head -n 1)"
	case $prog in
	init) echo "file /init $out/$prog 0755 0 0" ;;
	poweroff)
		echo "file /sbin/poweroff $out/$prog 0755 0 0"
		echo "slink /sbin/reboot poweroff 0777 0 0"
		;;
	*) echo "file /tests/$prog $out/$prog 0755 0 0" ;;
	esac >>"$list"
done

gcc -O2 -o "$out/gen_init_cpio" "$src/usr/gen_init_cpio.c" >>"$log" 2>&1 ||
	die "cannot build gen_init_cpio: see $log"
"$out/gen_init_cpio" "$list" | gzip -9 -n >"$BUILD/initramfs.cpio.gz.new" ||
	die "gen_init_cpio failed"
mv "$BUILD/initramfs.cpio.gz.new" "$BUILD/initramfs.cpio.gz"
note "initramfs ready: $BUILD/initramfs.cpio.gz"
