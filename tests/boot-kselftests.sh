# SPDX-License-Identifier: GPL-2.0
#
# The kernel's own selftests (issue 16 item 3): the x86 (32-bit), timers,
# futex, membarrier, sigaltstack and cpu-hotplug suites of Debian's
# linux-source-6.12, built by scripts/build-selftests.sh, run by
# /tests/kselftests on a 4-CPU Voyager (two dyads, VIC CPIs), an 8-CPU
# Voyager (two quad cards, QIC CPIs) and, as the control, a 4-CPU PC,
# all with the same kernel (build/linux-mca, with configs/selftests.config).
# The Voyagers must pass every test the PC passes, and the PC every test
# tests/kselftests.list does not excuse (tests/kselftests.py).  Debian's
# i386 glibc needs a Pentium Pro class CPU: the boots use a Pentium II.
# Sourced by check.sh.

KSELFTEST_INITRD=$BUILD/initramfs-selftests.cpio.gz

# kselftest_boot NAME ARGS...: one boot that runs the selftests.
#
# Single-threaded TCG with instruction counting, as voyager-32 and make
# torture: guest time then follows what the guest executed.  Without it
# a vCPU thread the host starves loses CPU time while the guest's clock
# runs on, and the CPU-time timers fail for the host's load: beside the
# other lane, posix_timers' ITIMER_PROF on the 8-CPU Voyager took 5.1 s
# of wall time for 2 s of CPU time ("Diff too high: 3076192", f1c5025).
# Idle guest sleeps are skipped (sleep=off): 58 s instead of 132.
kselftest_boot() {
	local name=$1
	shift
	boot "$name" --kernel "${MCA_KERNEL:-$BUILD/linux-mca/arch/x86/boot/bzImage}" \
		--initrd "$KSELFTEST_INITRD" --cpu pentium2 --mem 512 \
		--qemu-arg -accel --qemu-arg tcg,thread=single \
		--qemu-arg -icount --qemu-arg shift=2,sleep=off \
		--tests kselftests --timeout 900 \
		--append voyager_test_timeout=800 \
		--expect '^# kselftests: [0-9]+ pass' "$@"
}

boot_kselftests_checks() {
	local logs=$BUILD/logs

	check kselftests-judge-can-fail python3 "$top/tests/kselftests.py" --self-test
	kselftest_boot kselftests-pc --machine pc \
		--smp 4,sockets=4,cores=1,threads=1 --cpus 4 \
		--reject 'Voyager[ A-Za-z]*:'
	kselftest_boot kselftests-voyager4 --machine voyager,cards=dyad:dyad \
		--cpus 4
	kselftest_boot kselftests-voyager8 --machine voyager,cards=quad:quad \
		--cpus 8
	check kselftests-voyager-as-pc python3 "$top/tests/kselftests.py" \
		"$top/tests/kselftests.list" "$logs/boot-kselftests-pc.log" \
		"$logs/boot-kselftests-voyager4.log" \
		"$logs/boot-kselftests-voyager8.log"
}
