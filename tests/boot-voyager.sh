# SPDX-License-Identifier: GPL-2.0
#
# The same bzImage on the emulated Voyager (the Voyager path), one CPU:
# detection, the machine's memory map, the VIC routing the PIT and the
# UARTs, restart and the PC fallback for a corrupt BIOS table.
# Sourced by check.sh.

# e820_re WHO START SIZE TYPE: the line e820__print_table() prints for a
# range, as a regex (6.12 format: "WHO: [mem 0x%016llx-0x%016llx] TYPE").
e820_re() {
	printf '%s: \\[mem 0x%016x-0x%016x\\] %s$' "$1" "$2" $(($2 + $3 - 1)) "$4"
}

# The ClickMap the emulator's SUS builds (qemu/docs/system/i386/
# voyager-cat.rst): base memory below 9F000h, then 1 MiB to the end of RAM.
# Sets mem_expect (boot.sh arguments).
clickmap_expect() {
	local mb=$1
	mem_expect=(--expect "$(e820_re Voyager-ClickMap 0 $((0x9f000)) usable)"
		--expect "$(e820_re Voyager-ClickMap $((1 << 20)) $(((mb - 1) << 20)) usable)")
}

# The Level 4 map (hardware reference 8.2): the DINO's top of memory is
# the RAM size, 8-16 MiB is the MCA window.
dino_expect() {
	local mb=$1
	mem_expect=(--expect "$(e820_re Voyager-DINO 0 $((0x9f000)) usable)"
		--expect "$(e820_re Voyager-DINO $((1 << 20)) $((7 << 20)) usable)"
		--expect "$(e820_re Voyager-DINO $((8 << 20)) $((8 << 20)) reserved)"
		--expect "$(e820_re Voyager-DINO $((16 << 20)) $(((mb - 16) << 20)) usable)")
}

# Most boots end through the kernel's restart path of its level (CMOS
# shutdown byte + keyboard controller on Level 5, the SSPB restart register
# on Level 4): QEMU runs with -no-reboot, so only a working restart ends
# it before the timeout.  The SMP boxes power off through the PSI instead
# (QEMU must exit with status 0).
# monitor_said LOG TEXT...: the boot's monitor record (boot.sh
# --monitor-at) holds every line TEXT (extended regexes, one per line).
monitor_said() {
	local record=$1.monitor re
	shift
	while IFS= read -r re; do
		[ -n "$re" ] || continue
		grep -qE -- "$re" "$record" ||
			{ echo "the monitor did not say /$re/"; cat "$record"; return 1; }
		echo "the monitor said /$re/"
	done < <(printf '%s\n' "$@")
}

# trace_count LOG MIN REGEX: at least MIN trace lines of the boot's QEMU
# match REGEX.
trace_count() {
	local err=$1.qemu-stderr min=$2 re=$3 n
	n=$(grep -cE -- "$re" "$err" || true)
	echo "/$re/: $n trace lines, want at least $min"
	[ "$n" -ge "$min" ]
}

# timeout_names_test: a boot killed by its time limit says which test
# was running (boot.sh): hold, never released here, runs past the 15 s
# (the boot reaches it in about 2).  Without init's deadline, which would
# end hold first (below).
timeout_names_test() {
	local out
	if out=$("$top/scripts/boot.sh" --name timeout-named \
		--machine voyager,cards=mono --cpus 1 --tests cpus,hold,timer \
		--append voyager_test_deadline=0 --timeout 15 2>&1); then
		echo "$out"
		echo "the boot passed: hold was released by nobody"
		return 1
	fi
	echo "$out"
	grep -q '^FAIL timeout-named: timeout: .*; test hold (2 of 3) had not ended' <<<"$out"
}

# deadline_test: with the deadline boot.sh gives init (test audit 1.2,
# "per-test limit above the boot limit"), the same hung hold is reported
# as a TIMEOUT by init, the next test still runs, and the machine ends
# before the runner's limit.
deadline_test() {
	local out log=$BUILD/logs/boot-timeout-deadline.log
	if out=$("$top/scripts/boot.sh" --name timeout-deadline \
		--machine voyager,cards=mono --cpus 1 --tests cpus,hold,timer \
		--timeout 24 2>&1); then
		echo "$out"
		echo "the boot passed: hold was released by nobody"
		return 1
	fi
	echo "$out"
	grep -qE "^FAIL timeout-deadline: KTAP document 1: not ok 2 hold # TIMEOUT at the run's deadline, [0-9]+ s after start \(log: " <<<"$out" &&
		grep -q '^ok 3 timer\b' "$log"
}

# migrate_slow_watcher: the same migration with a monitor watcher that
# writes its record a second late, as a loaded host delays it: boot.sh
# must wait for the watcher before it reads the record.  It read it as
# soon as QEMU quit, and a lane of make check beside a torture run
# failed voyager-migrate-1 with "the incoming did not happen" although
# the file was complete.  A python3 first in PATH delays only the
# watcher's record (monitor-at.py writes "sent 'quit'" after QEMU ended).
migrate_slow_watcher() {
	local shim=$BUILD/logs/slow-watcher real
	real=$(command -v python3)
	mkdir -p "$shim"
	cat >"$shim/python3" <<-EOF
		#!/bin/sh
		case "\$1" in
		*/monitor-at.py)
			script=\$1 sock=\$2 raw=\$3 record=\$4
			shift 4
			"$real" "\$script" "\$sock" "\$raw" "\$record.late" "\$@"
			rc=\$?
			sleep 1
			cat "\$record.late" >>"\$record"
			exit \$rc ;;
		esac
		exec "$real" "\$@"
	EOF
	chmod +x "$shim/python3"
	rm -f "$BUILD/logs/boot-migrate-slow-watcher.log.monitor.late"
	PATH=$shim:$PATH "$top/scripts/boot.sh" --name migrate-slow-watcher \
		--machine voyager,cards=mono --cpus 1 --tests cpus,timer \
		--migrate-at '^ok 1 cpus'
}

boot_voyager_checks() {
	local t=cpus,timer,serial,interrupts,affinity mem_expect

	clickmap_expect 256
	# The default kernel has the KUnit suites; without kunit.enable=1
	# they must not run (voyager-kunit below runs them).
	boot voyager-l5-mono --machine voyager,level=5,class=0x3450,cards=mono \
		--mem 256 --cpus 1 --tests $t --reject '# Subtest: voyager' \
		--allow-skip 'affinity=one CPU: no other CPU to move an IRQ to' \
		--expect 'Voyager: NCR class 3450, Level 5' \
		--expect 'Voyager VIC: routing IRQ 0-15' \
		--expect '^# +0: .* VIC .*timer' "${mem_expect[@]}"
	dino_expect 64
	boot voyager-l4-dyad --machine voyager,level=4,class=0x3360,cards=dyad \
		--mem 64 --cpus 2 --tests $t,threads,cpis,hotplug \
		--expect 'Voyager: NCR class 3360, Level 4' "${mem_expect[@]}"
	# The other reading of the 3430 (fidelity audit D23): its firmware
	# reports 3430h, and the box is still the Level 4 machine.
	dino_expect 64
	boot voyager-l4-3430 --machine voyager,level=4,class=0x3430,cards=dyad \
		--mem 64 --cpus 2 --tests cpus,timer,cpis,hotplug \
		--expect 'Voyager: NCR class 3430, Level 4' "${mem_expect[@]}"
	# SMP on VIC CPUs: secondaries started by the boot CPI, IPIs as CPIs
	# (RES/CAL count on every CPU), per-CPU ticks from the timer CPI.
	# Also a bad voyager= value: one line naming it (arch-voyager/setup.c),
	# no second "Malformed early option", and the boot goes on as a Voyager.
	boot voyager-dyad --machine voyager,cards=dyad --cpus 2 \
		--tests $t,threads,cpis,hotplug --append voyager=bogus \
		--expect 'Voyager: unknown option voyager=bogus \(only voyager=off is known\)$' \
		--reject 'Malformed early option' \
		--expect '^# +LOC: +[0-9]+ +[1-9][0-9]* ' \
		--expect 'Voyager SMP: CPU 1 is hardware CPU 4'
	# rflag: no device interrupt (VIC IRQ or CPI, QIC CPI below) pushes
	# EFLAGS.RF into user code (QEMU core patch 0018).
	boot voyager-2dyads --machine voyager,cards=dyad:dyad --end poweroff --cpus 4 \
		--tests $t,threads,cpis,hotplug,rflag
	# Quad cards: the CAT probe finds them, the extended CPU is VIC-booted
	# and opens its siblings, the boot CPU QIC-boots them; IPIs to quad
	# CPUs are QIC CPIs.  Siblings take no device IRQs (affinity walks
	# down to a CPU that can) and go off and on line like the others.
	boot voyager-quad --machine voyager,cards=quad --end poweroff --cpus 4 \
		--tests $t,threads,cpis,hotplug,rflag \
		--allow-skip 'affinity=only the extended CPU is on a VIC line and takes device IRQs' \
		--expect 'Voyager SMP: trampoline GDT at .*: aligned for quad cards' \
		--expect 'Voyager SMP: CPU 3 is hardware CPU 12'
	boot voyager-mixed --machine voyager,cards=quad:dyad:mono --end poweroff --cpus 7 \
		--tests $t,threads,cpis,hotplug,ttyopen,irqstress \
		--append "$irqstress" --expect "$irqstress_moved" \
		--expect 'Voyager SMP: CPU 6 is hardware CPU 12'
	# A 4100-style quad card (quad2): quad CPU 1 (hardware CPU 4) has the
	# card's second VIC line, so the affinity test's walk down from the
	# last CPU stops there and IRQ 3 is taken by that CPU (issue 14).
	boot voyager-quad2 --machine voyager,cards=quad2:quad --cpus 8 \
		--tests cpus,cpis,affinity \
		--expect 'quad card slot 0: CPUs 00001111, SET line 1 00000001 line 2 00000010' \
		--expect 'Voyager SMP: CPU 2 is hardware CPU 4' \
		--expect '^# IRQ 3 to CPU 2: CPU2 '
	# The biggest box: a 51xx with eight quad cards, 32 CPUs, on
	# single-threaded TCG with instruction counting, as make torture
	# runs it: 32 vCPU threads on 2 host cores starve the CPU that keeps
	# the tick (24 s here), and one thread taking the vCPUs in 100 ms
	# turns delivers its ticks seconds late once the CPUs are busy (a
	# 32-CPU rcutorture got nowhere in 23 minutes).  Counting ends each
	# turn at the next timer in guest time, so guest time cannot stall.
	# (The migration and snapshot runs of this box below are
	# single-threaded without counting: see there.)
	boot voyager-32 --timeout 600 --end poweroff --cpus 32 --tests cpus,timer,threads,cpis \
		--machine voyager,class=0x5100,slots=8,cards=quad:quad:quad:quad:quad:quad:quad:quad \
		--qemu-arg -accel --qemu-arg tcg,thread=single \
		--qemu-arg -icount --qemu-arg shift=2,sleep=off \
		--expect 'Voyager SMP: CPU 31 is hardware CPU 31'
	# Eight CPUs under multi-threaded TCG (more vCPUs than host CPUs):
	# with the PIT as clocksource this box crawled to a stop after /init.
	boot voyager-4dyads --machine voyager,cards=dyad:dyad:dyad:dyad --end poweroff --cpus 8 \
		--tests $t,threads,cpis,hotplug,irqstress \
		--append "$irqstress" --expect "$irqstress_moved" \
		--expect 'Switched to clocksource refined-jiffies'
	# The readings of the hardware the historic driver does not settle
	# (issue 14), each of which the kernel must survive: a 486 with CR4
	# (the Level 4 boxes above have none, cpu-cr4=auto), Pentium Pro
	# boxes whose APIC base MSR reports the BSP bit on no CPU or on all.
	boot voyager-l4-cr4 --machine voyager,level=4,class=0x3360,cards=dyad,cpu-cr4=on \
		--mem 64 --cpus 2 --tests cpus,cpis,hotplug
	boot voyager-p6-nobsp --end poweroff --cpus 6 --tests cpus,cpis,threads,hotplug \
		--machine voyager,class=0x4100,cards=quad:dyad,apicbase-bsp=none \
		--expect 'Voyager: NCR class 4100, Level 5'
	boot voyager-p6-allbsp --end poweroff --cpus 4 --tests cpus,cpis,hotplug \
		--machine voyager,class=0x4100,cards=dyad:dyad,apicbase-bsp=all
	# The VIC and QIC readings the audit leaves open (D6, D7, D30): the
	# dyads level-triggered from the moment the kernel owns the VIC (the
	# MCA edge-capture circuit; SeaBIOS needs edges), the masquerade as a
	# global override during CPU starts and hotplug, QIC CPIs also raised
	# by reads of another CPU.
	# Device-interrupt traffic under os-level: the affinity stress (12 s
	# of loopback traffic, every IRQ moved every 2 ms, a CPU off or on
	# every 200 ms).  The open group keeps the test sequence that lost
	# an interrupt in 2 of 46 runs.
	# Each proves its reading was in force and its path ran: the VIC's
	# own report at the end, the masquerade register written in global
	# mode, QIC CPIs sent (and how many reads of a CPI area there were).
	boot voyager-os-level --end poweroff --cpus 8 \
		--machine voyager,cards=dyad:dyad:dyad:dyad \
		--qemu-arg -global --qemu-arg voyager-vic.dyad-trigger=os-level \
		--tests cpus,timer,cpis,hold,threads,irqstress \
		--append "$irqstress" --expect "$irqstress_moved" \
		--monitor-hold 'info voyager vic'
	check voyager-os-level-in-force monitor_said \
		"$BUILD/logs/boot-voyager-os-level.log" \
		'dyad-trigger os-level, masquerade per-cpu' \
		"$(for c in 0 1 2 3 4 5 6 7; do printf 'cpu %d: INTR [01] level ' "$c"; echo; done)"
	# With it, dyad-trigger=level (fidelity audit D7), the MCA reading
	# from reset on: the firmware's POST, the real-mode setup and the
	# kernel's early boot see only level-sensitive 8259s (the firmware
	# has no floppy drive to storm on, see the emulator guide).
	boot voyager-masq-global --end poweroff --cpus 8 \
		--machine voyager,cards=dyad:dyad:dyad:dyad \
		--qemu-arg -global --qemu-arg voyager-vic.masquerade=global \
		--qemu-arg -global --qemu-arg voyager-vic.dyad-trigger=level \
		--qemu-arg -trace --qemu-arg voyager_vic_reg_write \
		--tests cpus,cpis,threads,hold,hotplug \
		--monitor-hold 'info voyager vic'
	check voyager-masq-global-in-force monitor_said \
		"$BUILD/logs/boot-voyager-masq-global.log" \
		'dyad-trigger level, masquerade global' \
		"$(for c in 0 1 2 3 4 5 6 7; do printf 'cpu %d: INTR [01] level ' "$c"; echo; done)"
	check voyager-masq-global-used trace_count \
		"$BUILD/logs/boot-voyager-masq-global.log" 1 \
		'voyager_vic_reg_write cpu [0-9]+ port 0xfc21 val 0x[89a-f]$'
	boot voyager-qic-read-cpi --end poweroff --cpus 8 \
		--machine voyager,cards=quad:quad \
		--qemu-arg -global --qemu-arg voyager-qic.cpi-trigger=read-write \
		--qemu-arg -trace --qemu-arg voyager_qic_cpi_send \
		--tests cpus,cpis,threads,hold,hotplug \
		--monitor-hold 'qom-get /machine/qic0 cpi-trigger'
	check voyager-qic-read-cpi-in-force monitor_said \
		"$BUILD/logs/boot-voyager-qic-read-cpi.log" '"read-write"'
	check voyager-qic-read-cpi-sent trace_count \
		"$BUILD/logs/boot-voyager-qic-read-cpi.log" 100 \
		'voyager_qic_cpi_send slot [0-9]+ quad cpu [0-9]+ QIC CPI [0-9]+ raised'
	# The kernel's only reads of a CPI area are each CPU's read-back of
	# its own line in the acknowledge (audit A41), which raise nothing
	# under either reading; a read of another CPU's line would raise a
	# CPI here, and the boot must survive it.
	# Migration in the middle of a run (qemu-review D1): the machine is
	# saved to a file after the first test, a second QEMU restores it
	# and the remaining tests (IPIs to every CPU, threads, hotplug) must
	# pass on it, on 1, 8 and 32 CPUs (dyads and quad cards).
	boot voyager-migrate-1 --machine voyager,cards=mono --cpus 1 \
		--tests cpus,timer,serial,interrupts --migrate-at '^ok 1 cpus'
	check voyager-migrate-slow-watcher migrate_slow_watcher
	boot voyager-migrate-8 --machine voyager,cards=dyad:dyad:dyad:dyad \
		--end poweroff --cpus 8 --tests cpus,cpis,threads,hotplug,cpis \
		--migrate-at '^ok 1 cpus'
	# The fair server's timer due while a CPU goes down (6.12.y's lazy
	# server, core patches 0017 and 0018): "Dying CPU not properly
	# vacated!" once in voyager-migrate-8, every run with a 200 us
	# server period.
	boot voyager-dlserver-8 --machine voyager,cards=dyad:dyad:dyad:dyad \
		--end poweroff --cpus 8 --tests dlserver
	# The 32-CPU ones run single-threaded TCG (32 vCPU threads would
	# starve the CPU that keeps the tick, test audit 6; voyager-32
	# above also counts instructions, these have not needed it) and so
	# fast that the tests would end within the monitor's reaction: they
	# are saved as the kernel starts bringing the CPUs up (1.7 s of
	# guest time before the tests even start, against the monitor's
	# 0.1-0.2 s), and the restored machine starts the rest and runs
	# every test.
	boot voyager-migrate-32 --timeout 600 --end poweroff --cpus 32 \
		--tests cpus,cpis,threads,cpis --migrate-at 'smp: Bringing up secondary CPUs' \
		--qemu-arg -accel --qemu-arg tcg,thread=single \
		--machine voyager,class=0x5100,slots=8,cards=quad:quad:quad:quad:quad:quad:quad:quad
	# The same through savevm into a qcow2 drive and -loadvm in a second
	# QEMU (issue 14: snapshots mid-run on 1, 8 and 32 CPUs).
	boot voyager-savevm-1 --machine voyager,cards=mono --cpus 1 \
		--tests cpus,timer,serial,interrupts --savevm-at '^ok 1 cpus'
	# The 8-CPU one is saved while the kernel brings its CPUs up (600 ms
	# of guest time here): some are running, some still parked in the
	# firmware, and the restored machine must start the rest.
	boot voyager-savevm-8 --machine voyager,cards=quad:dyad:dyad \
		--end poweroff --cpus 8 --tests cpus,cpis,threads,hotplug,cpis \
		--savevm-at 'smp: Bringing up secondary CPUs'
	check voyager-savevm-8-parked monitor_said \
		"$BUILD/logs/boot-voyager-savevm-8.log" \
		'CPUs \(cpu_index=hardware id\): 0=0 .*\(parked\)'
	boot voyager-savevm-32 --timeout 600 --end poweroff --cpus 32 \
		--tests cpus,cpis,threads,cpis --savevm-at 'smp: Bringing up secondary CPUs' \
		--qemu-arg -accel --qemu-arg tcg,thread=single \
		--machine voyager,class=0x5100,slots=8,cards=quad:quad:quad:quad:quad:quad:quad:quad
	# The debug kernel (configs/debug.config: lockdep, debug objects,
	# PREEMPT with DEBUG_PREEMPT, KFENCE, DEBUG_PAGEALLOC, SLUB_DEBUG_ON, UBSAN,
	# kmemleak, the soft- and buddy hard-lockup detectors) on the
	# cross-CPU and hotplug paths of two quad cards (QIC CPIs) and of
	# the mixed layout (QIC, VIC and a mono CPU), under the affinity
	# stress on the latter: no splat, and no leak in kmemleak's scan at
	# the end.
	boot voyager-debug-quads --machine voyager,cards=quad:quad --cpus 8 \
		--end poweroff --timeout 400 \
		--tests cpus,timer,serial,affinity,threads,cpis,hotplug,kmemleak \
		--kernel "$BUILD/linux-debug/arch/x86/boot/bzImage" \
		--expect 'Linux version .* SMP PREEMPT ' \
		--expect '^# kmemleak: 0 unreferenced objects after two scans$'
	boot voyager-debug-mixed --machine voyager,cards=quad:dyad:mono --cpus 7 \
		--end poweroff --timeout 400 \
		--tests cpus,timer,serial,affinity,threads,cpis,hotplug,irqstress,kmemleak \
		--append "$irqstress" --expect "$irqstress_moved" \
		--kernel "$BUILD/linux-debug/arch/x86/boot/bzImage" \
		--expect '^# kmemleak: 0 unreferenced objects after two scans$'
	# A CPU that never starts: reported by number, the others come up.
	# Its line 0 is closed again, so that a late start cannot run on
	# another CPU's stack.
	boot voyager-dead-cpu --machine voyager,cards=dyad:dyad,fault-dead-cpu=5 \
		--cpus 3 --tests cpus,timer \
		--expect 'CPU[0-9]+ failed to report alive state' \
		--expect 'Voyager SMP: CPU 3 \(hardware 5\) did not start: its boot CPI line is closed again'
	# More cards than the kernel starts: nosmp keeps it on one CPU.
	boot voyager-nosmp --machine voyager,cards=quad:dyad:mono \
		--append nosmp --cpus 1 --tests $t \
		--allow-skip 'affinity=nosmp: no other CPU to move an IRQ to' \
		--expect 'Voyager: NCR class'
	# nosmp and maxcpus= on every kind of card (audit §5): the CPUs not
	# started stay parked, the ones started work.
	boot voyager-nosmp-dyad --machine voyager,cards=dyad:dyad \
		--append nosmp --cpus 1 --tests cpus,timer,serial,interrupts
	boot voyager-nosmp-quad --machine voyager,cards=quad \
		--append nosmp --cpus 1 --tests cpus,timer,serial,interrupts
	boot voyager-maxcpus-dyads --machine voyager,cards=dyad:dyad \
		--append maxcpus=3 --cpus 3 --tests cpus,timer,cpis,threads
	boot voyager-maxcpus-quads --machine voyager,cards=quad:quad \
		--append maxcpus=3 --cpus 3 --tests cpus,timer,cpis,threads
	boot voyager-maxcpus-mixed --machine voyager,cards=quad:dyad:mono \
		--append maxcpus=2 --cpus 2 --tests cpus,timer,cpis,threads
	# 2 GiB on Level 5: the ClickMap reaches past the 896 MiB the kernel
	# maps directly, so the rest is HIGHMEM, on four CPUs.
	clickmap_expect 2048
	boot voyager-l5-highmem --machine voyager,level=5,cards=dyad:dyad \
		--mem 2048 --cpus 4 --tests cpus,timer,threads,cpis \
		--expect '[1-9][0-9]*MB HIGHMEM available' "${mem_expect[@]}"
	# 3 GiB on Level 5, the most the machine takes: a second memory card
	# (CAT module 15h) holds the memory above 2 GiB, the ClickMap runs
	# on to 3 GiB, and highmem.c gets pages from the second card and
	# reads back what it wrote into them (test audit 5.2).
	clickmap_expect 3072
	boot voyager-l5-3g --machine voyager,level=5,cards=dyad:dyad \
		--mem 3072 --cpus 4 --tests cpus,highmem,threads --timeout 300 \
		--expect 'Voyager CAT: module 14 Memory Slot 0 ' \
		--expect 'Voyager CAT: module 15 Memory Slot 1 ' \
		--expect '[1-9][0-9]*MB HIGHMEM available' "${mem_expect[@]}"
	# A corrupt ClickMap (overlapping ranges): said in one line, and the
	# kernel keeps the BIOS's memory map instead.
	boot voyager-bad-clickmap --machine voyager,cards=dyad,fault-clickmap=on \
		--cpus 2 --tests cpus,timer,threads \
		--expect 'Voyager: ClickMap at 0x[0-9a-f]+ is corrupt or empty' \
		--expect 'Voyager: falling back to the BIOS memory map' \
		--expect 'BIOS-e820: \[mem 0x0000000000100000-0x[0-9a-f]+\] usable' \
		--reject 'Voyager-ClickMap: '
	# Level 4 with a DINO that does not answer (its id reads FFh): said
	# in one line, and the BIOS's memory map instead (reference 8.2).
	boot voyager-l4-dino-silent --mem 64 --cpus 2 --tests cpus,timer,threads \
		--machine voyager,level=4,class=0x3360,cards=dyad,fault-cat-module=0x43 \
		--expect 'Voyager CAT: DINO ASIC does not answer at 0x[0-9a-f]+ \(id 0xff\)' \
		--expect 'Voyager: falling back to the BIOS memory map' \
		--expect 'BIOS-e820: \[mem 0x0000000000100000-0x[0-9a-f]+\] usable' \
		--reject 'Voyager-DINO: '
	check timeout-names-running-test timeout_names_test
	check timeout-deadline-reported deadline_test
	# A corrupt BIOS table: a clear message and the PC path.
	boot voyager-bad-table --machine voyager,cards=mono,fault-bios-table=on \
		--cpus 1 --tests cpus,timer \
		--expect 'Voyager: not detected: corrupt BIOS table' \
		--reject 'Voyager: NCR class'
	# The other answers voyager_parse_bios_table() refuses (its KUnit
	# cases bios_table_levels, bios_table_absent), from the firmware: a
	# Level 3 class (3400h: below 3435h, neither 3360h nor 3430h) is
	# named with its class and the revision the table gives (1.0), and
	# boots as a PC; a length byte of FFh is "not a Voyager", an ordinary
	# PC, and the kernel says nothing of a Voyager.
	boot voyager-bad-table-level3 --machine voyager,cards=mono,fault-bios-table=level3 \
		--cpus 1 --tests cpus,timer \
		--expect 'Voyager: not detected: Level 3 machine, not supported \(class 3400, revision 1\.0\); booting as a PC$' \
		--reject 'Voyager: NCR class'
	boot voyager-bad-table-absent --machine voyager,cards=mono,fault-bios-table=absent \
		--cpus 1 --tests cpus,timer --reject 'Voyager'
	# voyager=off: a Voyager booted as a PC on purpose.
	boot voyager-off --machine voyager,cards=mono --append voyager=off \
		--cpus 1 --tests cpus,timer \
		--expect 'found, but disabled by voyager=off: PC path' \
		--reject 'Voyager: NCR class'
	# The KUnit suites on the machine they are about.
	boot voyager-kunit --machine voyager,cards=mono --cpus 1 --tests cpus \
		--append kunit.enable=1 \
		--allow-skip 'voyager_ipi=one CPU: no remote CPU to call' \
		--expect '^ok [0-9]+ voyager$' \
		--expect '^ +ok [0-9]+ vic_trigger_types$' \
		--expect '^ +ok [0-9]+ cat_eprom_tables_high$' \
		--expect '^ +ok [0-9]+ cat_qabc_random$' \
		--expect '^ +ok [0-9]+ clickmap_random$' \
		--expect '^ +ok [0-9]+ ipi_vector_map$' \
		--expect '^ +ok [0-9]+ dump_claim_presses$' \
		--expect '^ +ok [0-9]+ psi_steps$' \
		--expect '^ +ok [0-9]+ psi_presses$' \
		--expect '^ +ok [0-9]+ bios_table_random$'
	# The cross-CPU call round trip on CPIs: voyager_ipi runs, not skips;
	# its every-pair case crosses the dyad and the quad card's siblings
	# (VIC and QIC CPIs both ways), 30 ordered pairs.
	boot voyager-kunit-smp --machine voyager,cards=dyad:quad --cpus 6 \
		--tests cpus --append kunit.enable=1 \
		--expect '^ok [0-9]+ voyager_ipi$' --expect '# ipi_roundtrip_ns: [0-9]+' \
		--expect '# ipi_every_pair: 6 CPUs: 30 ordered pairs, 64 calls each$'
}

# Known failures under investigation, not part of "all" (make check-open):
# each boot here failed at least once and is kept to reproduce it.
boot_open_checks() {
	local i trigger
	# The runs that reproduced issue 12's "lost device interrupt" (2 in
	# 46 with dyad-trigger=os-level, 1 on the debug kernel, 6 in 21 of
	# the affinity stress on the debug kernel's mixed layout).  It was
	# no lost interrupt: the 8250 driver's start-up test of the THRE
	# interrupt, run on another CPU than the one taking IRQ 3, lost a
	# race with its own handler and set UART_BUG_THRE; its backup timer
	# then transmitted while the receive interrupt waited for the port
	# lock, and QEMU's instant loopback overran the receive FIFO (LSR
	# 63h, OE, in the UART trace; 7 bytes gone).  voyager_open_loopback()
	# opens the port on IRQ 3's CPU and the echo keeps at most 16 bytes
	# in flight: all these runs pass since (2026-12-04: 23 of 23).
	for i in 1 2 3; do
		boot voyager-debug-irqstress-$i --cpus 7 --end poweroff \
			--machine voyager,cards=quad:dyad:mono --tests cpus,irqstress \
			--append "$irqstress" --expect "$irqstress_moved" --timeout 400 \
			--kernel "$BUILD/linux-debug/arch/x86/boot/bzImage"
	done
	for i in 1 2; do
		boot voyager-debug-hotplug-$i --cpus 8 \
			--machine voyager,cards=dyad:dyad:dyad:dyad \
			--tests cpus,serial,hotplug --timeout 400 \
			--kernel "$BUILD/linux-debug/arch/x86/boot/bzImage"
	done
	for i in 1 2 3 4 5 6; do
		for trigger in os-level ltim; do
			boot voyager-$trigger-traffic-$i --end poweroff --cpus 8 \
				--machine voyager,cards=dyad:dyad:dyad:dyad \
				--qemu-arg -global --qemu-arg voyager-vic.dyad-trigger=$trigger \
				--tests cpus,timer,serial,interrupts,affinity,cpis,hotplug
		done
	done
}
