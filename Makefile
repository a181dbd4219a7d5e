# SPDX-License-Identifier: GPL-2.0
#
# NCR Voyager: Linux platform port and emulated machine.
#
#   make run     install what is missing, build everything, boot a shell
#   make check   install what is missing, build everything, run every test
#
# Finer targets: deps kernel kernel-debug kernel-kunit qemu initramfs check-static
# check-oracle check-qtest check-boot bench fuzz clean distclean help.  Everything
# lands in build/

SHELL := /bin/bash
S := scripts

.PHONY: all deps kernel kernel-debug kernel-kunit qemu initramfs run check check-static \
	check-oracle check-qtest check-boot bench fuzz clean distclean help
.PHONY: bench-smp

all: kernel kernel-kunit kernel-debug qemu initramfs

deps:
	@$(S)/deps.sh

kernel: deps
	@$(S)/build-kernel.sh

kernel-debug: deps
	@$(S)/build-kernel.sh -v debug -f configs/debug.config

kernel-kunit: deps
	@$(S)/build-kernel.sh -v kunit -f configs/kunit.config

qemu: deps
	@$(S)/build-qemu.sh

initramfs: kernel
	@$(S)/build-initramfs.sh

run: all
	@$(S)/run.sh

check: all
	@tests/check.sh all

check-static: all
	@tests/check.sh static

check-oracle:
	@tests/check.sh oracle

check-qtest: qemu
	@tests/check.sh qtest

check-boot: all
	@tests/check.sh boot voyager

bench: all
	@$(S)/bench-boot.py
	@$(S)/bench-smp.py

# Voyager against PC on 1, 4, 8 and 32 CPUs: boot time and the cross-CPU
# call round trip (the kunit kernel's voyager_ipi case).
bench-smp: all
	@$(S)/bench-smp.py

# libFuzzer (generic-fuzz) against the Voyager devices; FUZZ_SECONDS=600.
fuzz:
	@$(S)/deps.sh fuzz
	@$(S)/fuzz.sh

clean:
	rm -rf build/linux build/linux-* build/qemu build/userland build/logs \
		build/initramfs.cpio.gz build/sysroot build/qemu-fuzz build/fuzz

distclean:
	rm -rf build

help:
	@sed -n 's/^#   \{0,1\}//p' Makefile | head -n 8
