# SPDX-License-Identifier: GPL-2.0
#
# The Voyager-enabled bzImage on ordinary PCs: it must take the PC path
# without a word about Voyagers, bring up every CPU and pass the KTAP
# tests.
# Sourced by check.sh.

boot_pc_checks() {
	boot pc-486 --machine pc --cpu 486 --cpus 1 --tests cpus,timer,serial \
		--reject 'Voyager[ A-Za-z]*:'
	boot pc-pentium-smp4 --machine pc --cpu pentium \
		--smp 4,sockets=4,cores=1,threads=1 --cpus 4 --tests cpus,timer,serial \
		--reject 'Voyager[ A-Za-z]*:'
	# Threads exchanging work on every CPU (futex, membarrier, TLB
	# shootdowns) and CPU hotplug cycles: APIC IPIs, the reference for
	# the same tests on the Voyager's CPIs, and the IRQ-affinity stress
	# with CPU hotplug, the reference for the VIC's routing.  ttyopen:
	# the loopback helper opens ttyS1 on its interrupt's CPU, which an
	# I/O APIC decides only when the port opens (the likely cause of
	# irqstress's failure here in CI on ee3790c: the 8250 start-up race).
	boot pc-smp4 --machine pc --cpu pentium \
		--smp 4,sockets=4,cores=1,threads=1 --cpus 4 \
		--tests threads,hotplug,cpus,cpis,ttyopen,irqstress,rflag --append "$irqstress" \
		--reject 'Voyager[ A-Za-z]*:' --expect '^# 9 off/on cycles, 0 problems' \
		--expect "$irqstress_moved"
	# The KUnit suites are pure logic: they must pass on any machine.
	# The default kernel has them, run only with kunit.enable=1.
	boot pc-kunit --machine pc --cpu 486 --cpus 1 --tests cpus \
		--append kunit.enable=1 \
		--allow-skip 'voyager_ipi=one CPU: no remote CPU to call' \
		--expect '^ok [0-9]+ voyager$'
	# The cross-CPU call round trip (voyager_ipi) runs, not skips, on SMP.
	boot pc-kunit-smp4 --machine pc --cpu pentium \
		--smp 4,sockets=4,cores=1,threads=1 --cpus 4 --tests cpus \
		--append kunit.enable=1 \
		--expect '^ok [0-9]+ voyager_ipi$' --expect '# ipi_roundtrip_ns: [0-9]+' \
		--expect '# ipi_every_pair: 4 CPUs: 12 ordered pairs, 64 calls each$'
}
