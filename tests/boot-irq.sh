# SPDX-License-Identifier: GPL-2.0
#
# The interrupt and CPI paths of the Voyager port on real-hardware terms
# (issue 12): what each device interrupt costs in VIC port accesses,
# counted from the emulator's trace events by scripts/port-count.py.
# Sourced by check.sh.
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

# port_cost NAME MACHINE CPUS: the per-interrupt cost on one box.
port_cost() {
	local name=$1 log
	log=$BUILD/logs/boot-$1.log
	boot "$name" --machine "$2" --cpus "$3" --tests portcount --timeout 300 \
		--append voyager_portcount=/dev/ttyS1:3,/dev/ttyS2:10 "${PORT_COST_QEMU[@]}"
	check "$name-counted" python3 "$top/scripts/port-count.py" "$log" \
		"$log.qemu-stderr" --expect 3=1 --expect 10=2
}

boot_irq_checks() {
	port_cost irq-cost-1 voyager,cards=mono 1
	port_cost irq-cost-4 voyager,cards=dyad:dyad 4
	port_cost irq-cost-8 voyager,cards=dyad:dyad:dyad:dyad 8
}
