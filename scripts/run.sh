#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Boot the built kernel and initramfs to an interactive shell on the serial
# console (this terminal).  Ctrl-A X quits QEMU, Ctrl-A C its monitor.
#
# It boots the default emulated Voyager (-M voyager: Level 5, class 3450,
# one dyad card) with its root file system on a SCSI disk behind the
# machine's NCR adapter: build/rootfs.img (scripts/build-rootfs.sh; what
# you write there stays from one run to the next) and the MCA kernel
# build/linux-mca.  RUN_ROOT=initramfs boots the default kernel with the
# initramfs instead (the path of the test boots, and the default on
# machines other than the Voyager).  The shell is busybox built for the
# i486 on musl (scripts/build-userland-i486.sh), so the CPU is the one a
# real box of that level has, as in the test boots: a 486 on Level 4
# (RUN_MACHINE=voyager,level=4), a Pentium on the default Level 5; a
# machine given a class picks its own model from it, as does a PC.
#
# Environment: RUN_MACHINE (e.g. "voyager,cards=quad:dyad", "voyager,
# level=4" or "pc"), RUN_CPU, RUN_SMP (only for machines other than
# voyager, whose CPUs come from its cards), RUN_MEM, RUN_APPEND, RUN_ROOT
# (disk or initramfs), RUN_DISK (another root disk image), RUN_NET (the
# network options; see below), RUN_QEMU_ARGS (more QEMU options,
# word-split, e.g. "-global voyager-vic.dyad-trigger=level").
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/scripts/lib.sh"

machine=${RUN_MACHINE:-voyager}
# The CPU model: RUN_CPU, else the level's (QEMU's voyager machine picks
# the same from its class: 486 for 3360/3430/3435, Pentium for 345x/35xx,
# Pentium II for 4100/51xx).
case $machine in
voyager*class=*) cpu= ;;
voyager*level=4*) cpu=486 ;;
voyager*) cpu=pentium ;;
*) cpu= ;;
esac
cpu=${RUN_CPU:-$cpu}
smp=${RUN_SMP:-}
mem=${RUN_MEM:-256}
# A PC has no MCA SCSI adapter for the kernel to find: initramfs there.
case $machine in
voyager*) root=${RUN_ROOT:-disk} ;;
*) root=${RUN_ROOT:-initramfs} ;;
esac
qemu=$BUILD/qemu/qemu-system-i386

# The network: a Voyager gets a Novell NE/2 on its Micro Channel, on
# QEMU's user-mode network (the host is 10.0.2.2, DHCP gives 10.0.2.15).
# RUN_NET replaces those QEMU options (word-split; "" for no network).
case $machine in
voyager*) net=${RUN_NET--nic user,model=ne2} ;;
*) net=${RUN_NET-} ;;
esac

# RUN_BOOT=firmware: no -kernel.  The machine's firmware (SeaBIOS with the
# NCR 53C710 MCA driver, build/seabios/out/bios.bin) boots a disk image as
# a real box boots its SCSI disk: build/voyager.img (make image), or
# RUN_DISK; its syslinux.cfg has the kernel's command line, so RUN_ROOT
# and RUN_APPEND do not apply.
case ${RUN_BOOT:-kernel} in
kernel) ;;
firmware)
	# The voyager machine's default firmware (voyager-bios.bin); other
	# machines are given it.
	bios=$BUILD/seabios/out/bios.bin
	case $machine in
	voyager*) fw=() ;;
	*) fw=(-bios "$bios") ;;
	esac
	disk=${RUN_DISK:-$BUILD/voyager.img}
	for f in "$qemu" "$bios" "$disk"; do
		[ -f "$f" ] || die "$f missing: run 'make image'"
	done
	note "booting -M $machine -cpu ${cpu:-"(the machine's)"}${smp:+ -smp $smp} through its firmware from $disk; Ctrl-A X quits"
	# shellcheck disable=SC2086
	exec "$qemu" -M "$machine" ${cpu:+-cpu "$cpu"} ${smp:+-smp "$smp"} -m "$mem" \
		-nodefaults -display none -serial mon:stdio -no-reboot \
		"${fw[@]}" -drive "file=$disk,format=raw,if=scsi" $net ${RUN_QEMU_ARGS:-}
	;;
*) die "RUN_BOOT=${RUN_BOOT}: want kernel or firmware" ;;
esac

case $root in
disk)
	kernel=$BUILD/linux-mca/arch/x86/boot/bzImage
	disk=${RUN_DISK:-$BUILD/rootfs.img}
	files=("$qemu" "$kernel" "$disk")
	# Partition 1 of the first SCSI disk; rootwait: the adapter's bus
	# scan may finish after the kernel looks for its root.
	boot=(-drive "file=$disk,format=raw,if=scsi")
	append="root=/dev/sda1 rw rootwait init=/init"
	;;
initramfs)
	kernel=$BUILD/linux/arch/x86/boot/bzImage
	files=("$qemu" "$kernel" "$BUILD/initramfs.cpio.gz")
	boot=(-initrd "$BUILD/initramfs.cpio.gz")
	append=
	;;
*) die "RUN_ROOT=$root: want disk or initramfs" ;;
esac
for f in "${files[@]}"; do
	[ -f "$f" ] || die "$f missing: run 'make all'"
done
note "booting -M $machine -cpu ${cpu:-"(the machine's)"}${smp:+ -smp $smp}, root on the $root; Ctrl-A X quits"
# shellcheck disable=SC2086
exec "$qemu" -M "$machine" ${cpu:+-cpu "$cpu"} ${smp:+-smp "$smp"} -m "$mem" \
	-nodefaults -display none -serial mon:stdio -no-reboot \
	-kernel "$kernel" "${boot[@]}" $net ${RUN_QEMU_ARGS:-} \
	-append "console=ttyS0,115200 $append voyager_shell=1 voyager_end=reboot ${RUN_APPEND:-}"
