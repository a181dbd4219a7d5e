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
 * route left one of 4 opens on the wrong CPU.  Every echo must take
 * under 1 s: a UART the driver took for one with UART_BUG_THRE (the
 * lost race) crawls.
 */
#include "voyager_test.h"

#define ROUNDS	100

static unsigned int seed;

static unsigned int draw(unsigned int n)
{
	seed = seed * 1103515245u + 12345u;
	return (seed >> 16) % n;
}

/* Route IRQ 3 to @list ("2\n" or "0-3\n"); a refusal is no failure. */
static void route(const char *list)
{
	voyager_write_file("/proc/irq/3/smp_affinity_list", list);
}

static void route_cpu(int cpu)
{
	char list[16];

	itoa_r(cpu, list);
	strncat(list, "\n", sizeof(list) - 1 - strlen(list));
	route(list);
}

int main(void)
{
	int cpus[VOYAGER_MAX_CPUS], ncpus, i, fd, bad = 0;
	char all[256], buf[64];
	long long t0, slowest = 0;

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
	for (i = 0; i < ROUNDS; i++) {
		if (i % 2)
			route(all);
		else
			route_cpu(cpus[draw(ncpus)]);
		fd = voyager_open_loopback("/dev/ttyS1");
		if (fd < 0) {
			printf("# open %d failed\n", i);
			bad++;
			continue;
		}
		t0 = voyager_now_ms();
		if (voyager_loopback_echo(fd, "ttyopen 0123456789", buf,
					  sizeof(buf)) < 0) {
			printf("# open %d: the message did not come back (%ld receiver overruns)\n",
			       i, voyager_uart_overruns(fd));
			bad++;
		}
		t0 = voyager_now_ms() - t0;
		if (t0 > slowest)
			slowest = t0;
		route_cpu(cpus[draw(ncpus)]);
		voyager_close_loopback(fd);
	}
	route_cpu(cpus[0]);
	printf("# %d opens, %d failed; slowest echo %lld ms\n", ROUNDS, bad,
	       slowest);
	if (slowest >= 1000) {
		printf("# an echo took %lld ms: the UART crawls\n", slowest);
		bad++;
	}
	return bad ? 1 : 0;
}
