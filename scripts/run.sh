#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Boot the built kernel and initramfs to an interactive shell on the serial
# console (this terminal).  Ctrl-A X quits QEMU, Ctrl-A C its monitor.
#
# Debian's i386 busybox needs a P6-class CPU (it uses CMOV), so the shell
# runs on a Pentium II model; the test boots use 486 and Pentium models.
# Until the voyager board lands in the emulator this boots a plain PC.
#
# Environment: RUN_MACHINE, RUN_CPU, RUN_SMP, RUN_MEM, RUN_APPEND.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/scripts/lib.sh"

machine=${RUN_MACHINE:-pc}
cpu=${RUN_CPU:-pentium2}
smp=${RUN_SMP:-2,sockets=2,cores=1,threads=1}
mem=${RUN_MEM:-256}

qemu=$BUILD/qemu/qemu-system-i386
for f in "$qemu" "$BUILD/linux/arch/x86/boot/bzImage" "$BUILD/initramfs.cpio.gz"; do
	[ -f "$f" ] || die "$f missing: run 'make all'"
done
note "booting -M $machine -cpu $cpu -smp $smp; Ctrl-A X quits"
exec "$qemu" -M "$machine" -cpu "$cpu" -smp "$smp" -m "$mem" \
	-nodefaults -display none -serial mon:stdio -no-reboot \
	-kernel "$BUILD/linux/arch/x86/boot/bzImage" \
	-initrd "$BUILD/initramfs.cpio.gz" \
	-append "console=ttyS0,115200 voyager_shell=1 voyager_end=reboot ${RUN_APPEND:-}"
