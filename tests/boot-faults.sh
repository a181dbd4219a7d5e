# SPDX-License-Identifier: GPL-2.0
#
# Fault injection on the emulated Voyager: each fault ends with a clear
# message and a machine that keeps running (the test userland finishes
# and the machine restarts), never a hang.  Sourced by check.sh.
#
# Stuck IRQ line (fault-stuck-irq): with a handler, genirq's spurious-IRQ
# detection disables the line after 99,900 unhandled of 100,000 ("irq N:
# nobody cared ... Disabling IRQ #N") and from then on polls its handlers
# every 100 ms, so the device still works, slowly.  That report carries a
# stack dump, accepted here once, between its first and last line.  A
# line nobody asked for stays masked in every CPU's dyad: the level never
# reaches a CPU, nothing to report.
#
# CPI storm (fault-cpi-storm): CPIs with an empty mailbox are counted in
# /proc/interrupts' SPU line, without a message (merged CPIs make them
# common in normal operation too); the cpistorm test checks the count
# against the storm's size.

boot_faults_checks() {
	local t=cpus,timer,serial,interrupts

	# IRQ 3 is ttyS1's: the stuckirq test keeps it open (requested)
	# until genirq has disabled it.  Two CPUs: with four, every
	# unmask also sends enable-IRQ CPIs and the 100,000 interrupts
	# genirq waits for take over a minute.
	boot fault-stuck-irq3 --machine voyager,cards=dyad,fault-stuck-irq=3 \
		--cpus 2 --tests cpus,timer,stuckirq,interrupts \
		--append voyager_stuck_irq=3 --timeout 400 \
		--expect-report 'irq 3: nobody cared=>Disabling IRQ #3' \
		--expect 'Disabling IRQ #3'
	# IRQ 5 has no driver here.
	boot fault-stuck-irq5 --machine voyager,cards=dyad:dyad,fault-stuck-irq=5 \
		--cpus 4 --tests $t --reject 'nobody cared'
	boot fault-cpi-storm --machine voyager,cards=dyad:dyad,fault-cpi-storm=3000 \
		--cpus 4 --tests cpus,timer,cpistorm,serial,interrupts \
		--append voyager_cpi_storm=3000
}
