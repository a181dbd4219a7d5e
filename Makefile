# SPDX-License-Identifier: GPL-2.0
#
# NCR Voyager: Linux platform port and emulated machine.
#
#   make run     install what is missing, build everything, boot a shell
#   make check   install what is missing, build everything, run every test
#
# Finer targets: deps kernel kernel-debug qemu seabios userland-i486 initramfs image check-static
# check-oracle check-qtest check-boot bench fuzz clean distclean help.  Everything
# lands in build/

SHELL := /bin/bash
S := scripts

.PHONY: all deps kernel kernel-debug kernel-mca qemu initramfs run check check-static \
	check-oracle check-qtest check-boot bench fuzz clean distclean help
.PHONY: kernel-torture torture bench-smp bench-ports check-host-debian13 check-open soak
.PHONY: kernel-bench-scsi bench-scsi rootfs selftests check-kselftests userland-i486
.PHONY: seabios kernel-real486 kernel-realpentium image run-image

all: kernel kernel-debug kernel-mca kernel-torture qemu userland-i486 initramfs \
	rootfs selftests seabios image

deps:
	@$(S)/deps.sh

# The default kernel carries the KUnit suites, off unless a boot says
# kunit.enable=1 (configs/kunit.config).
kernel: deps
	@$(S)/build-kernel.sh -f configs/kunit.config

kernel-debug: deps
	@$(S)/build-kernel.sh -v debug -f configs/debug.config

# The torture suites as modules (configs/torture.config).
kernel-torture: deps
	@$(S)/build-kernel.sh -v torture -f configs/torture.config bzImage modules

# Long torture runs: TORTURE_SECONDS (1800) per suite, on the 8-CPU
# Voyager and the 32-CPU one; a box that does not bring up every CPU
# fails at once.  Each run says the minutes it took.
# The 32-CPU box runs single-threaded TCG with instruction counting
# (-i 2, 4 ns per instruction): 32 vCPU threads on a 2-core host starve
# the CPU that keeps the tick, and so does one thread taking the vCPUs
# in turns; counting delivers each tick on time in guest time.
# Its locktorture runs on 486 CPUs (a Level 5 box could have 32): with
# a TSC the kernel's udelay() spins on PAUSE, which ends the CPU's turn
# in QEMU, and guest time crawled while one CPU held a lock in mdelay().
TORTURE_SECONDS ?= 1800
TORTURE_32 := voyager,slots=8,cards=quad:quad:quad:quad:quad:quad:quad:quad
torture: all
	@rc=0; for s in rcutorture locktorture scftorture; do \
		$(S)/torture.sh -t $(TORTURE_SECONDS) -n $$s-voyager8-long $$s \
			voyager,cards=dyad:dyad:dyad:dyad 8 || rc=1; \
		$(S)/torture.sh -s -i 2 $$(test $$s != locktorture || echo -c 486) \
			-t $(TORTURE_SECONDS) -n $$s-voyager32-long $$s \
			$(TORTURE_32) 32 || rc=1; \
	done; exit $$rc

# The Micro Channel bus and NCR's SCSI adapters, with SCSI disks
# (configs/mca.config): build/linux-mca, for tests/boot-mca.sh, the
# selftests and the disk boots.  It is also the 486 kernel of the disk
# image for real boxes (configs/real-486.config: its file systems and
# console), so that make check builds one kernel for both.
kernel-mca: deps
	@$(S)/build-kernel.sh -v mca $(REAL_FRAGMENTS)

qemu: deps seabios
	@$(S)/build-qemu.sh

# The Voyager's firmware: Debian's SeaBIOS with the NCR 53C710 MCA SCSI
# driver (patches/seabios), build/seabios/out/bios.bin; build-qemu.sh
# links it into QEMU's data directory as voyager-bios.bin.
seabios: deps
	@$(S)/build-seabios.sh

# The kernels of build/voyager.img, for real boxes: the 486 one (every
# level) and the Pentium/Pentium Pro one.
REAL_FRAGMENTS := -f configs/mca.config -f configs/selftests.config -f configs/real-486.config
kernel-real486: kernel-mca

kernel-realpentium: deps
	@$(S)/build-kernel.sh -v realpentium $(REAL_FRAGMENTS) -f configs/real-pentium.config

# build/voyager.img: syslinux and the kernel on a FAT partition 1, the
# i486 userland on an ext4 partition 2 (scripts/build-image.sh; no loop
# device, no mount).  IMAGE_KERNEL=pentium puts the Pentium kernel on
# it, IMAGE_MB sets its size (64).
IMAGE_KERNEL ?= 486
image: kernel-real$(IMAGE_KERNEL) initramfs
	@IMAGE_KERNEL=$(IMAGE_KERNEL) $(S)/build-image.sh

# Boot build/voyager.img through the firmware (no -kernel): SeaBIOS's
# SCSI driver, syslinux, the kernel; a shell on this terminal.
run-image: image qemu
	@RUN_BOOT=firmware $(S)/run.sh

# busybox on musl for the 486, from Debian's source packages (deps.sh
# fetches them); the kernel tree gives its UAPI headers.
userland-i486: kernel
	@$(S)/build-userland-i486.sh

initramfs: kernel userland-i486
	@$(S)/build-initramfs.sh

# The kernel's own selftests (tests/kselftests.list), 32-bit, with their
# glibc, as an archive appended to the test initramfs.
selftests: initramfs
	@$(S)/build-selftests.sh

# The root disk of make run (build/rootfs.img, kept once made).
rootfs: initramfs
	@$(S)/build-rootfs.sh

run: all
	@$(S)/run.sh

# Two lanes: the selftests, torture and the disk groups run beside the
# rest (tests/check.sh): 17.5-17.8 minutes warm instead of 27.4 with
# one.  CHECK_LANES=1 runs every group in turn.
check: all
	@CHECK_LANES=$${CHECK_LANES:-2} tests/check.sh all

check-static: all
	@tests/check.sh static

check-oracle:
	@tests/check.sh oracle

check-qtest: qemu
	@tests/check.sh qtest

# The runs that reproduced issue 12's former "lost interrupt"
# (tests/boot-voyager.sh, boot_open_checks): explained, and passing.
check-open: all
	@tests/check.sh open

# The power switch with data on the SCSI disk, twenty cycles (three in
# make check): every acknowledged record must survive each press.
soak: all
	@tests/check.sh soak

check-boot: all
	@tests/check.sh boot voyager

# The kernel's selftests alone: the PC control and two Voyagers.
check-kselftests: all
	@tests/check.sh kselftests

bench: all kernel-bench-scsi
	@$(S)/bench-boot.py
	@echo
	@$(S)/bench-size.sh
	@echo
	@$(S)/bench-smp.py
	@echo
	@$(S)/bench-ports.py
	@echo
	@$(S)/bench-scsi.py

# Port accesses per interrupt path (master, slave, CPIs, tick) per layout.
bench-ports: all
	@$(S)/bench-ports.py

# Voyager against PC on 1, 4, 8 and 32 CPUs: boot time and the cross-CPU
# call round trip (the KUnit case voyager_ipi, kunit.enable=1).
bench-smp: all
	@$(S)/bench-smp.py

# The MCA kernel with PCI and the PCI sym53c8xx driver as well
# (configs/bench-scsi.config): build/linux-bench-scsi, one bzImage for the
# disk on the Voyager's MCA adapter and on a PC's LSI 53C895A.
kernel-bench-scsi: deps
	@$(S)/build-kernel.sh -v bench-scsi -f configs/mca.config -f configs/bench-scsi.config

# Sequential write and read of the SCSI disk, raw, on the Voyager (Level 5
# and Level 4) against -M pc with its own SCSI controller: MB/s and ratio.
bench-scsi: all kernel-bench-scsi
	@$(S)/bench-scsi.py

# libFuzzer (generic-fuzz) against the Voyager devices; FUZZ_SECONDS=600;
# then random properties and monitor events against build/qemu.
fuzz: qemu
	@$(S)/deps.sh fuzz
	@$(S)/fuzz.sh

# The README's commands on a fresh Debian 13 root (debootstrap, chroot;
# needs root; about an hour): scripts/check-host-debian13.sh.
check-host-debian13:
	@$(S)/check-host-debian13.sh

clean:
	rm -rf build/linux build/linux-* build/qemu build/userland build/userland-i486 build/logs \
		build/initramfs.cpio.gz build/sysroot build/qemu-fuzz build/fuzz build/seabios build/seabios-src \
		build/voyager.img build/voyager.img.stamp

distclean:
	rm -rf build

help:
	@sed -n 's/^#   \{0,1\}//p' Makefile | head -n 8
