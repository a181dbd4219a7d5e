#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Run one of the kernel's torture suites on one emulated box for a given
# time and judge the console: the boot oracle (no splat, no unexpected
# crit/alert/emerg line, every CPU up, KTAP ok) plus the suite's own
# markers, as the kernel's tools/testing/selftests/rcutorture/bin/
# parse-console.sh reads them: "End of test: SUCCESS" must appear,
# "End of test: FAILURE" / "..._HOTPLUG" and any "!!!" line must not.
#
# The suites are modules of the torture kernel (configs/torture.config,
# make kernel-torture); tests/userland/torture.c loads one, lets it run
# and unloads it, which prints the verdict.  This script adds the modules
# to a copy of the initramfs (build/initramfs-torture.cpio.gz: the
# kernel unpacks concatenated archives) and boots through scripts/boot.sh.
#
# Usage: scripts/torture.sh [options] SUITE MACHINE CPUS
#   SUITE      rcutorture, locktorture or scftorture
#   MACHINE    QEMU -M value: voyager,cards=dyad:dyad:dyad:dyad or pc
#   CPUS       CPUs the kernel must bring up (-smp for pc)
#   -t SECS    how long the suite runs (default $TORTURE_SECONDS or 60)
#   -n NAME    log name (build/logs/boot-torture-NAME.log)
#   -1         single-threaded TCG (one host thread for all vCPUs)
#   -i SHIFT   single-threaded TCG with instruction counting (QEMU
#              -icount shift=SHIFT,sleep=off): guest time is 2^SHIFT ns
#              per instruction run, not the host's clock
#   -c CPU     QEMU CPU model (-cpu), e.g. 486
#   -s         first a quick boot: if the kernel brings up fewer CPUs
#              than CPUS, say FAIL at once rather than after the whole
#              run's time limit (a box asked for is never skipped)
#   -a ARGS    extra kernel command line (e.g. rcutorture.torture_type=srcu)
# Exit 0 on PASS.  The last line says how many minutes the run took.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/scripts/lib.sh"

secs=${TORTURE_SECONDS:-60} name= single=0 probe=0 extra= icount= cpu_model=
while getopts "t:n:1i:c:sa:" opt; do
	case $opt in
	t) secs=$OPTARG ;;
	n) name=$OPTARG ;;
	1) single=1 ;;
	i) icount=$OPTARG single=1 ;;
	c) cpu_model=$OPTARG ;;
	s) probe=1 ;;
	a) extra=$OPTARG ;;
	*) die "usage: $0 [-t SECS] [-n NAME] [-1] [-i SHIFT] [-c CPU] [-s] [-a ARGS] SUITE MACHINE CPUS" ;;
	esac
done
shift $((OPTIND - 1))
[ $# = 3 ] || die "usage: $0 [-t SECS] [-n NAME] [-1] [-i SHIFT] [-c CPU] [-s] [-a ARGS] SUITE MACHINE CPUS"
suite=$1 machine=$2 cpus=$3
case $suite in
rcutorture | locktorture | scftorture) ;;
*) die "torture.sh: unknown suite $suite (rcutorture, locktorture, scftorture)" ;;
esac
[[ $secs =~ ^[0-9]+$ ]] && [ "$secs" -gt 0 ] || die "torture.sh: -t needs seconds, not '$secs'"
[ -z "$icount" ] || [[ $icount =~ ^[0-9]$|^10$ ]] ||
	die "torture.sh: -i needs a shift from 0 to 10 (2^SHIFT ns per instruction), not '$icount'"
name=torture-${name:-$suite-${machine%%,*}-$cpus}

obj=$BUILD/linux-torture
kernel=$obj/arch/x86/boot/bzImage
base=$BUILD/initramfs.cpio.gz
initrd=$BUILD/initramfs-torture.cpio.gz
modules=(kernel/torture.ko kernel/rcu/rcutorture.ko kernel/locking/locktorture.ko
	kernel/scftorture.ko)
for f in "$kernel" "$base" "${modules[@]/#/$obj/}"; do
	[ -f "$f" ] || die "torture.sh: $f does not exist (make kernel-torture initramfs)"
done

# The initramfs plus /lib/modules/*.ko, remade when an input is newer.
stale=0
for f in "$base" "${modules[@]/#/$obj/}"; do
	[ "$initrd" -nt "$f" ] || stale=1
done
if [ $stale = 1 ]; then
	gen=$BUILD/userland/gen_init_cpio
	[ -x "$gen" ] || die "torture.sh: no $gen (make initramfs)"
	list=$BUILD/userland/torture-modules.list
	{
		echo "dir /lib 0755 0 0"
		echo "dir /lib/modules 0755 0 0"
		for m in "${modules[@]}"; do
			echo "file /lib/modules/$(basename "$m") $obj/$m 0644 0 0"
		done
	} >"$list"
	{ cat "$base" && "$gen" "$list" | gzip -9 -n; } >"$initrd.new.$$" ||
		die "torture.sh: cannot make $initrd"
	mv "$initrd.new.$$" "$initrd"
fi

boot_args=(--machine "$machine" --kernel "$kernel" --initrd "$initrd")
case $machine in
pc | pc,*) boot_args+=(--cpu pentium --smp "$cpus,sockets=$cpus,cores=1,threads=1") ;;
esac
[ $single = 0 ] ||
	boot_args+=(--qemu-arg -accel --qemu-arg tcg,thread=single)
# -1 alone does not keep guest time going on a box with many more busy
# vCPUs than host cores: one host thread takes the vCPUs in turns of up
# to 100 ms, so the CPU that keeps the tick sees its timer interrupt
# seconds late and guest time crawls (a 32-CPU rcutorture on 2 cores
# printed nothing past its start in 23 minutes, test audit 5.1).  With
# instruction counting every vCPU's turn ends at the next timer deadline
# in guest time, so ticks arrive on time; the price is a guest that runs
# 2^SHIFT ns per instruction shared by all its CPUs.  sleep=off jumps
# over time in which every CPU is idle.
[ -z "$icount" ] ||
	boot_args+=(--qemu-arg -icount --qemu-arg "shift=$icount,sleep=off")
[ -z "$cpu_model" ] || boot_args+=(--cpu "$cpu_model")
# Boot time grows with the CPUs (emulated on 2 host cores).
boot_secs=$((120 + 15 * cpus))
# The suite runs SECS of guest time.  With more vCPUs than host cores,
# guest time runs slower than the wall clock (measured on 2 host cores
# with 8 vCPUs: 0.7-0.9x alone, 0.4x beside a make check), so the wall
# clock allows three times SECS (0.33x), five times beyond 8 CPUs.  (Twice
# SECS, as before, timed a 1800 s run out beside a make check: test audit
# 5.1.)  VOYAGER_TIMEOUT_SCALE multiplies the whole limit (scripts/boot.sh).
slow=3
[ "$cpus" -le 8 ] || slow=5

if [ $probe = 1 ]; then
	"$top/scripts/boot.sh" --name "$name-probe" --cpus "$cpus" --tests cpus \
		--timeout "$boot_secs" "${boot_args[@]}" >/dev/null || true
	up=$(sed -n 's/.*smp: Brought up [0-9]* nodes\{0,1\}, \([0-9]*\) CPUs\{0,1\}.*/\1/p' \
		"$BUILD/logs/boot-$name-probe.log" | head -n 1)
	if [ -z "$up" ] || [ "$up" -lt "$cpus" ]; then
		echo "FAIL $name: the kernel brought up ${up:-no} of $cpus CPUs on $machine (log: $BUILD/logs/boot-$name-probe.log)"
		exit 1
	fi
fi

# Statistics about four times per run, at most once a minute.
stat=$((secs / 4))
[ $stat -ge 5 ] || stat=5
[ $stat -le 60 ] || stat=60
append="voyager_torture=$suite voyager_torture_secs=$secs"
append+=" voyager_test_timeout=$((secs + 300)) $suite.stat_interval=$stat"
expect=(--expect "End of test: SUCCESS")
# rcutorture's statistics show its grace periods advancing ("ver:").
# Its call_rcu() forward-progress test (callbacks posted in a tight loop
# until 100 of them went through three grace periods, at most 8 s; a
# WARN if fewer did) waits fwd_progress_holdoff seconds, 60 by default,
# which a short run never reaches (test audit 5.1): short runs start it
# after 2 s, and every run must report it.
if [ "$suite" = rcutorture ]; then
	expect+=(--expect '-torture:.*ver: [1-9]')
	[ "$secs" -ge 120 ] || append+=" rcutorture.fwd_progress_holdoff=2"
	expect+=(--expect 'rcu_torture_fwd_prog_cr Duration [0-9]+ barrier: [0-9]+ .* n_max_gps: [0-9]+ n_max_cbs: [0-9]+')
fi
# locktorture tests one lock type per load: each run goes through these,
# an equal share of its time each (tests/userland/torture.c), rather
# than the default spin_lock alone (test audit 5.1): a spinlock and a
# reader-writer lock taken with interrupts off (the VIC's masking), a
# mutex, a rwsem, and the per-CPU rwsem (RCU-sync).  -a
# voyager_torture_types=... chooses others.
if [ "$suite" = locktorture ] && [[ $extra != *voyager_torture_types=* ]]; then
	append+=" voyager_torture_types=spin_lock_irq,rw_lock_irq,mutex_lock,rwsem_lock,percpu_rwsem_lock"
fi
# resched_cpu() is not exported to modules: as a module scftorture says
# "!!! built as module, weight_resched ignored" unless its weight is 0.
[ "$suite" = scftorture ] && append+=" scftorture.weight_resched=0"
[ -n "$extra" ] && append+=" $extra"

# The suites print their reports at alert level: those lines (and
# rcutorture's grace-period state and mem_dump_obj() self-test lines,
# locktorture's "Writes:"/"Reads :" statistics) are
# expected; every splat pattern, "!!!" included, still applies to them.
start=$SECONDS
rc=0
"$top/scripts/boot.sh" --name "$name" --cpus "$cpus" --tests torture \
	--append "$append" --timeout $((boot_secs + slow * secs + 300)) "${boot_args[@]}" \
	"${expect[@]}" \
	--reject 'End of test: (FAILURE|[A-Z]+_HOTPLUG)' \
	--reject 'torture.*!!!' \
	--allow-level 'torture' \
	--allow-level '^rcu:  (Start|End)-test grace-period state' \
	--allow-level '^mem_dump_obj\(' \
	--allow-level '^(Writes|Reads) *: +Total: ' || rc=$?
# What make torture reports per suite: the wall-clock minutes of the run
# (a failed run did not necessarily reach its guest time).
minutes=$(minutes $((SECONDS - start)))
if [ $rc = 0 ]; then
	echo "    $name: $suite ran $secs s of guest time in $minutes minutes"
else
	echo "    $name: $suite asked for $secs s of guest time, failed after $minutes minutes"
fi
exit $rc
