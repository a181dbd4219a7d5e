#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Boot the built kernel and initramfs to an interactive shell on the serial
# console (this terminal).  Ctrl-A X quits QEMU, Ctrl-A C its monitor.
#
# It boots the default emulated Voyager (-M voyager: Level 5, class 3450,
# one dyad card).  Debian's i386 busybox needs a P6-class CPU (it uses
# CMOV), so the shell runs on a Pentium II model; the test boots use 486
# and Pentium models with the project's own libc-free programs.
#
# Environment: RUN_MACHINE (e.g. "voyager,cards=quad:dyad" or "pc"),
# RUN_CPU, RUN_SMP (only for machines other than voyager, whose CPUs come
# from its cards), RUN_MEM, RUN_APPEND.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/scripts/lib.sh"

machine=${RUN_MACHINE:-voyager}
cpu=${RUN_CPU:-pentium2}
smp=${RUN_SMP:-}
mem=${RUN_MEM:-256}

qemu=$BUILD/qemu/qemu-system-i386
for f in "$qemu" "$BUILD/linux/arch/x86/boot/bzImage" "$BUILD/initramfs.cpio.gz"; do
	[ -f "$f" ] || die "$f missing: run 'make all'"
done
note "booting -M $machine -cpu $cpu${smp:+ -smp $smp}; Ctrl-A X quits"
exec "$qemu" -M "$machine" -cpu "$cpu" ${smp:+-smp "$smp"} -m "$mem" \
	-nodefaults -display none -serial mon:stdio -no-reboot \
	-kernel "$BUILD/linux/arch/x86/boot/bzImage" \
	-initrd "$BUILD/initramfs.cpio.gz" \
	-append "console=ttyS0,115200 voyager_shell=1 voyager_end=reboot ${RUN_APPEND:-}"
