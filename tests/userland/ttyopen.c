// SPDX-License-Identifier: GPL-2.0
/*
 * Test: voyager_open_loopback() opens ttyS1 on the CPU that takes its
 * interrupt, the condition for the 8250 driver's start-up test of the
 * THRE interrupt to be safe (see voyager_test.h).
 *
 * ROUNDS times: while the port is closed, IRQ 3 is given to a random
 * online CPU, or every other round to all of them; the port is opened
 * (the helper fails if the interrupt lands on another CPU than the one
 * it opened on), one message is echoed, the interrupt is routed to
 * another random CPU while the port is open, and the port is closed
 * with voyager_close_loopback().  On a 4-CPU PC the choice the helper
 * made before (the CPU effective_affinity named while the port was
 * closed) was wrong for 306 of 400 opens; a plain close() after the
 * route left one of 4 opens on the wrong CPU.  Every echo must come
 * back; the slowest one's time is printed, a figure, not a verdict.
 */
#include "voyager_test.h"

#define ROUNDS	100

int main(void)
{
	int cpus[VOYAGER_MAX_CPUS], ncpus, i, fd, bad = 0;
	char all[256], buf[64];
	long long start, took, slowest = 0;
	unsigned int seed;

	seed = voyager_env_int("voyager_ttyopen_seed", 0);
	if (!seed)
		seed = (unsigned int)voyager_now_ms() | 1;
	ncpus = voyager_online_cpus(cpus, VOYAGER_MAX_CPUS);
	if (ncpus < 2 || voyager_read_file("/sys/devices/system/cpu/online",
					   all, sizeof(all)) <= 0) {
		printf("# needs at least 2 online CPUs (%d)\n", ncpus);
		return 1;
	}
	printf("# seed %u; %d CPUs; %d opens\n", seed, ncpus, ROUNDS);
	/* A route a quad CPU off the VIC line refuses is no failure. */
	for (i = 0; i < ROUNDS; i++) {
		if (i % 2)
			voyager_write_file("/proc/irq/3/smp_affinity_list", all);
		else
			voyager_route_irq(3, cpus[voyager_draw(&seed, ncpus)]);
		fd = voyager_open_loopback("/dev/ttyS1");
		if (fd < 0) {
			printf("# open %d failed\n", i);
			bad++;
			continue;
		}
		start = voyager_now_ms();
		if (voyager_loopback_echo(fd, "ttyopen 0123456789", buf,
					  sizeof(buf)) < 0) {
			printf("# open %d: the message did not come back (%ld receiver overruns)\n",
			       i, voyager_uart_overruns(fd));
			bad++;
		}
		took = voyager_now_ms() - start;
		if (took > slowest)
			slowest = took;
		voyager_route_irq(3, cpus[voyager_draw(&seed, ncpus)]);
		voyager_close_loopback(fd);
	}
	voyager_route_irq(3, cpus[0]);
	printf("# %d opens, %d failed; slowest echo %lld ms\n", ROUNDS, bad,
	       slowest);
	return bad ? 1 : 0;
}
