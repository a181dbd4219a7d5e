// SPDX-License-Identifier: GPL-2.0
/*
 * Test: IRQ-affinity stress under traffic, with CPU hotplug.
 *
 * For voyager_irqstress_s seconds (default 20) a child echoes numbered
 * messages through ttyS1's loopback (IRQ 3) without a pause, while this
 * process, every voyager_irqstress_ms milliseconds (default 2), routes
 * every device IRQ that accepts an affinity to one CPU drawn at random,
 * and every voyager_irqstress_hotplug-th round (default 100; 0: never)
 * takes a random CPU offline or brings one back.
 *
 * Fails if a message does not come back within 5 s (an interrupt lost:
 * the 8250 driver does not poll for received data), if fewer than 100
 * messages went through, if no affinity write was accepted or no CPU went
 * offline, or if a CPU does not come back online at the end.  The seed
 * is printed, and can be given back (voyager_irqstress_seed) to replay a
 * run's choices.  The same test on -M pc is the control.
 */
#include "voyager_test.h"

#define MAX_IRQS	16
#define MIN_MESSAGES	100

static unsigned int seed;
/* Messages echoed so far: a page the child shares with this process. */
static long *echoed;

/* @prefix, @num and @suffix into @buf (nolibc has no snprintf). */
static void path_of(char *buf, int size, const char *prefix, int num,
		    const char *suffix)
{
	char digits[12];

	itoa_r(num, digits);
	buf[0] = '\0';
	strncat(buf, prefix, size - 1);
	strncat(buf, digits, size - 1 - strlen(buf));
	strncat(buf, suffix, size - 1 - strlen(buf));
}

/*
 * After a loss: the UART's own view (IER, LSR, MCR, MSR of ttyS1 at
 * 2F8h; IIR is not read, reading it clears a THRE interrupt), where the
 * kernel routes IRQ 3, and on a Voyager each CPU's dyad mask and open
 * lines (debugfs voyager/vic); then a pause, so that a monitor query
 * sent on the loss line sees the machine as it was.
 */
static void show_routing(void)
{
	static char buf[4096];

	if (my_syscall1(__NR_iopl, 3) == 0)
		printf("# ttyS1: IER %x LSR %x MCR %x MSR %x\n", voyager_inb(0x2f9),
		       voyager_inb(0x2fd), voyager_inb(0x2fc), voyager_inb(0x2fe));

	if (voyager_read_file("/proc/irq/3/effective_affinity_list", buf,
			      sizeof(buf)) > 0)
		printf("# IRQ 3 effective affinity %s", buf);
	if (voyager_read_file("/sys/kernel/debug/voyager/vic", buf,
			      sizeof(buf)) > 0)
		printf("# voyager/vic:\n%s", buf);
	sleep(3);
}

/* The child: echo numbered messages until killed; exits 1 on a loss. */
static int echo_forever(int fd)
{
	char msg[32], buf[64];
	long long t0;
	long n;

	for (n = 0; ; n++) {
		path_of(msg, sizeof(msg), "irqstress ", (int)n, " 0123456789");
		t0 = voyager_now_ms();
		if (voyager_loopback_echo(fd, msg, buf, sizeof(buf)) < 0) {
			printf("# message %ld did not come back within %lld ms (got \"%s\", %ld receiver overruns): an IRQ 3 was lost\n",
			       n, voyager_now_ms() - t0, buf,
			       voyager_uart_overruns(fd));
			show_routing();
			return 1;
		}
		__atomic_store_n(echoed, n + 1, __ATOMIC_RELAXED);
	}
}

int main(void)
{
	int secs = voyager_env_int("voyager_irqstress_s", 20);
	int period = voyager_env_int("voyager_irqstress_ms", 2);
	int hotplug = voyager_env_int("voyager_irqstress_hotplug", 100);
	int cpus[VOYAGER_MAX_CPUS], ncpus, offline[VOYAGER_MAX_CPUS] = { 0 };
	int irqs[MAX_IRQS], nirqs = 0, irq, i, fd, status, bad = 0;
	long routed = 0, refused = 0, downs = 0, ups = 0, busy = 0, rounds = 0;
	long long end;
	pid_t child;

	seed = voyager_env_int("voyager_irqstress_seed", 0);
	if (!seed)
		seed = (unsigned int)voyager_now_ms() | 1;
	ncpus = voyager_online_cpus(cpus, VOYAGER_MAX_CPUS);
	if (ncpus < 2) {
		printf("# needs at least 2 online CPUs (%d)\n", ncpus);
		return 1;
	}
	echoed = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
		      MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (echoed == MAP_FAILED) {
		printf("# mmap failed (errno %d)\n", errno);
		return 1;
	}
	fd = voyager_open_loopback("/dev/ttyS1");
	if (fd < 0)
		return 1;

	/* Every device IRQ whose affinity can be set at all (not 0, 2, 7). */
	for (irq = 1; irq < MAX_IRQS; irq++) {
		if (voyager_route_irq(irq, cpus[0]) == 0)
			irqs[nirqs++] = irq;
	}
	printf("# seed %u; %d CPUs; %d IRQs moved every %d ms for %d s; ",
	       seed, ncpus, nirqs, period, secs);
	if (hotplug)
		printf("a CPU off or on every %d moves\n", hotplug);
	else
		printf("no CPU hotplug\n");
	if (!nirqs) {
		printf("# no IRQ accepts an affinity\n");
		return 1;
	}

	child = fork();
	if (child == 0)
		exit(echo_forever(fd));
	if (child < 0) {
		printf("# fork failed (errno %d)\n", errno);
		return 1;
	}

	end = voyager_now_ms() + secs * 1000LL;
	while (voyager_now_ms() < end) {
		if (waitpid(child, &status, WNOHANG) == child) {
			child = -1;
			break;
		}
		for (i = 0; i < nirqs; i++) {
			int cpu = cpus[voyager_draw(&seed, ncpus)];

			if (offline[cpu])
				continue;
			/* A quad CPU off the VIC line takes no device IRQ. */
			if (voyager_route_irq(irqs[i], cpu) == 0)
				routed++;
			else
				refused++;
		}
		if (hotplug && ++rounds % hotplug == 0) {
			int cpu = cpus[1 + voyager_draw(&seed, ncpus - 1)];
			int r = voyager_set_cpu_online(cpu, offline[cpu]);

			if (r == 0 && offline[cpu]) {
				offline[cpu] = 0;
				ups++;
			} else if (r == 0) {
				offline[cpu] = 1;
				downs++;
			} else if (errno == EBUSY) {
				/* The last CPU with a VIC line stays. */
				busy++;
			} else {
				printf("# CPU %d %s failed (errno %d)\n", cpu,
				       offline[cpu] ? "online" : "offline", errno);
				bad++;
				break;
			}
		}
		usleep(period * 1000);
	}

	if (child > 0) {
		kill(child, SIGKILL);
		waitpid(child, &status, 0);
	} else {
		printf("# the traffic stopped before the end\n");
		bad++;
	}
	for (i = 1; i < ncpus; i++) {
		if (offline[cpus[i]] && voyager_set_cpu_online(cpus[i], 1) < 0) {
			printf("# CPU %d did not come back online\n", cpus[i]);
			bad++;
		}
	}
	for (i = 0; i < nirqs; i++)
		voyager_route_irq(irqs[i], cpus[0]);
	voyager_close_loopback(fd);
	printf("# %ld messages echoed; %ld affinity writes accepted, %ld refused; %ld CPUs offline, %ld online, %ld refused busy\n",
	       __atomic_load_n(echoed, __ATOMIC_RELAXED), routed, refused, downs, ups, busy);
	if (hotplug && !downs) {
		printf("# no CPU went offline\n");
		bad++;
	}
	if (!routed) {
		printf("# no affinity write was accepted\n");
		bad++;
	}
	if (__atomic_load_n(echoed, __ATOMIC_RELAXED) < MIN_MESSAGES) {
		printf("# fewer than %d messages went through\n", MIN_MESSAGES);
		bad++;
	}
	return bad ? 1 : 0;
}
