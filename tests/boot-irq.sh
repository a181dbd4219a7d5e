# SPDX-License-Identifier: GPL-2.0
#
# The interrupt and CPI paths of the Voyager port on real-hardware terms
# (issue 12): what each device interrupt costs in VIC port accesses,
# counted from the emulator's trace events by scripts/port-count.py, and
# the boot and hotplug paths that lost CPUs or interrupts.  Sourced by
# check.sh.
#
# A device interrupt is routed to one CPU (the only one with the line
# open) and acknowledged by one specific EOI after its handler: 1 port
# access on a master line, 2 on the slave (its EOI and the cascade's),
# whatever the number of CPUs, and never offered to a second CPU.  The
# measurement uses ttyS1 (IRQ 3, master) and a third UART the emulator
# wires to IRQ 10 (slave), in loopback (tests/userland/portcount.c).

# The trace events port-count.py reads, and the UART on IRQ 10.
PORT_COST_QEMU=(--qemu-arg -trace --qemu-arg 'voyager_vic_*'
	--qemu-arg -trace --qemu-arg voyager_cat_reg_read
	--qemu-arg -chardev --qemu-arg null,id=com3
	--qemu-arg -device --qemu-arg isa-serial,iobase=0x3e8,irq=10,chardev=com3)

# port_cost NAME MACHINE CPUS [boot.sh args]: the per-interrupt cost on
# one box.
port_cost() {
	local name=$1 machine=$2 cpus=$3 log
	shift 3
	log=$BUILD/logs/boot-$name.log
	boot "$name" --machine "$machine" --cpus "$cpus" --tests portcount \
		--timeout 300 --append voyager_portcount=/dev/ttyS1:3,/dev/ttyS2:10 \
		"${PORT_COST_QEMU[@]}" "$@"
	check "$name-counted" python3 "$top/scripts/port-count.py" "$log" \
		"$log.qemu-stderr" --expect 3=1 --expect 10=2 --explain
}

# The count can fail: with the tty layer's kworker on another CPU, every
# interrupt also sends that CPU a reschedule CPI from its handler, and
# port-count.py must charge it (one VIC register write more).
port_cost_sees_cpis() {
	local log=$BUILD/logs/boot-irq-cost-4-wq-elsewhere.log
	boot irq-cost-4-wq-elsewhere --machine voyager,cards=dyad:dyad --cpus 4 \
		--tests portcount --timeout 300 "${PORT_COST_QEMU[@]}" \
		--append 'voyager_portcount=/dev/ttyS1:3 voyager_portcount_wq=other'
	check irq-cost-4-wq-elsewhere-counted port_cost_exceeds "$log"
}

# port_cost_exceeds LOG: port-count.py fails and names the CPI sends.
port_cost_exceeds() {
	local out
	out=$(python3 "$top/scripts/port-count.py" "$1" "$1.qemu-stderr" \
		--expect 3=1 --explain)
	local rc=$?
	echo "$out"
	[ "$rc" -eq 1 ] && grep -q 'voyager_vic_cpi_send' <<<"$out"
}

boot_irq_checks() {
	port_cost irq-cost-1 voyager,cards=mono 1
	port_cost irq-cost-4 voyager,cards=dyad:dyad 4
	port_cost_sees_cpis
	port_cost irq-cost-8 voyager,cards=dyad:dyad:dyad:dyad 8
	# Eight quad cards, single-threaded TCG (see make torture).
	port_cost irq-cost-32 \
		voyager,slots=8,class=0x5100,cards=quad:quad:quad:quad:quad:quad:quad:quad 32 \
		--qemu-arg -accel --qemu-arg tcg,thread=single
	# Backtraces of every CPU (sysrq-l, RCU stall reports): a CPI stands
	# for the NMI IPI a Voyager does not have, and nobody waits 10 s.
	boot irq-backtrace --machine voyager,cards=dyad:dyad --cpus 4 \
		--tests cpus,backtrace --allow-trace 'NMI backtrace for cpu [0-9]+$' \
		--expect 'NMI backtrace for cpu 3' --reject 'has no Voyager CPI'
	# The firmware chose hardware CPU 4 to boot: the kernel must not
	# take the lower-numbered CPU 0 for the "real BSP" of a crash kernel.
	# Also irq0-ack=port61 (emulator guide, "IRQ0"): only a write of
	# port 61h bit 7 clears the PIT's IRQ0 latch, as on the MCA
	# hardware, so the tick runs only if the kernel writes it after each
	# IRQ 0 (voyager_pit_irq0_ack); else the latch stays set and IRQ 0
	# storms.  timer wants a 200 ms sleep to take 190-5000 ms and IRQ 0
	# to count, interrupts IRQ 0 counted and no ERR.
	boot irq-boot-cpu4 --machine voyager,cards=dyad,boot-cpu=4,irq0-ack=port61 \
		--cpus 2 --tests cpus,timer,hold,interrupts,hotplug \
		--reject 'Crash kernel detected' --monitor-hold 'info voyager vic'
	check irq0-ack-port61-ran monitor_said "$BUILD/logs/boot-irq-boot-cpu4.log" \
		'IRQ0 latch [01] \(cleared by port 61h\)'
	# A CPU started after the boot: it calibrates with interrupts off
	# and must not capture the tick (here it is the lowest-numbered CPU,
	# the one the VIC prefers), nor set up an APIC it does not have.
	# Also irq0-ack=inta: the acknowledge clears the latch (PC-like) and
	# the kernel's port 61h writes do not; the tick runs all the same,
	# and the VIC says it stayed in that mode (auto, the default, turns
	# to port 61h at the kernel's first write).
	boot irq-late-online --machine voyager,cards=dyad,boot-cpu=4,irq0-ack=inta \
		--cpus 1 --append maxcpus=1 --timeout 120 \
		--tests cpus,lateonline,timer,hold,interrupts \
		--expect '^# CPU 1 online after' --monitor-hold 'info voyager vic'
	check irq0-ack-inta-ran monitor_said "$BUILD/logs/boot-irq-late-online.log" \
		'IRQ0 latch [01] \(cleared by INTA\)'
	# The extended CPU of the second quad card off and on line: its
	# running siblings keep their CPIs (cross-CPU calls, ticks).
	boot irq-2quads-hotplug --machine voyager,cards=quad:quad --end poweroff \
		--cpus 8 --tests cpus,hotplug,cpis,threads --timeout 300
}
