// SPDX-License-Identifier: GPL-2.0
/*
 * Test: CPU hotplug, off and on again, a few cycles for every CPU that
 * can go offline.  Each time, IRQ 3 (ttyS1, as in the affinity test) is
 * first routed to the CPU alone, so taking the CPU down must move a live
 * interrupt; then:
 *
 *  - offline: cpuN/online reads 0, the CPU is gone from the online list,
 *    /proc/cpuinfo and the /proc/interrupts header, the IRQ's effective
 *    affinity left it, COM2 loopback traffic still interrupts (on an
 *    online CPU), and a thread cannot be pinned to it;
 *  - online again: it is back everywhere, a thread pinned to it runs
 *    there (getcpu), and IRQ 3 routed to it interrupts it again.
 *
 * Skips if the kernel has no CPU hotplug (no cpu1/online) or runs on one
 * CPU.  IRQ 3 goes back to CPU 0 at the end.
 */
#include "voyager_test.h"

#define IRQ_NAME	"3"
#define CYCLES		3
#define IRQ_ROUTE_TRIES	3
#define SYS_CPU		"/sys/devices/system/cpu/"

static int loop_fd;
/* A Voyager (debugfs voyager/vic): no retry when an IRQ moves. */
static int voyager;
/* CPUs that did not come back: not cycled again. */
static int lost[VOYAGER_MAX_CPUS];

/* SYS_CPU "cpuN/file" into @buf (nolibc has no snprintf). */
static void cpu_path(char *buf, int size, int cpu, const char *file)
{
	char num[12];

	itoa_r(cpu, num);
	buf[0] = '\0';
	strncat(buf, SYS_CPU "cpu", size - 1);
	strncat(buf, num, size - 1 - strlen(buf));
	strncat(buf, "/", size - 1 - strlen(buf));
	strncat(buf, file, size - 1 - strlen(buf));
}

static int file_exists(const char *path)
{
	int fd = open(path, O_RDONLY, 0);

	if (fd < 0)
		return 0;
	close(fd);
	return 1;
}

/* Route IRQ 3 to @cpu alone (a CPU list, no mask arithmetic). */
static int route_irq(int cpu)
{
	if (voyager_route_irq(atoi(IRQ_NAME), cpu) < 0) {
		/* A quad card's CPU off the VIC line takes no device IRQ. */
		if (errno == EINVAL) {
			printf("# CPU %d takes no device IRQs: no IRQ checks\n",
			       cpu);
			return -EINVAL;
		}
		printf("# cannot route IRQ %s to CPU %d (errno %d)\n", IRQ_NAME,
		       cpu, errno);
		return -1;
	}
	return 0;
}

static int set_online(int cpu, int on)
{
	char path[96];

	cpu_path(path, sizeof(path), cpu, "online");
	if (voyager_write_file(path, on ? "1\n" : "0\n") < 0) {
		printf("# echo %d > %s failed (errno %d)\n", on, path, errno);
		return -1;
	}
	return 0;
}

/* Is @cpu in the CPU list file @path? -1 if it cannot be read. */
static int cpu_in_list_file(const char *path, int cpu)
{
	int cpus[VOYAGER_MAX_CPUS], n, i;
	char buf[256];

	if (voyager_read_file(path, buf, sizeof(buf)) < 0)
		return -1;
	n = voyager_parse_cpu_list(buf, cpus, VOYAGER_MAX_CPUS);
	for (i = 0; i < n; i++)
		if (cpus[i] == cpu)
			return 1;
	return 0;
}

/* Does /proc/cpuinfo have a "processor : @cpu" entry? */
static int cpu_in_cpuinfo(int cpu)
{
	static char buf[65536];
	const char *p = buf;

	if (voyager_read_file("/proc/cpuinfo", buf, sizeof(buf)) <= 0)
		return -1;
	while ((p = voyager_strstr(p, "processor")) != NULL) {
		p += strlen("processor");
		while (*p == ' ' || *p == '\t' || *p == ':')
			p++;
		if (atoi(p) == cpu)
			return 1;
	}
	return 0;
}

/* Loopback traffic on ttyS1; returns how much IRQ 3 counted, or -1. */
static long traffic(void)
{
	long before = voyager_irq_total(IRQ_NAME), after;
	char buf[64];

	if (voyager_loopback_echo(loop_fd, "hotplug 0123456789", buf,
				  sizeof(buf)) < 0) {
		printf("# loopback traffic on ttyS1 failed (%ld receiver overruns)\n",
		       voyager_uart_overruns(loop_fd));
		return -1;
	}
	after = voyager_irq_total(IRQ_NAME);
	return after - before;
}

/* IRQ 3 routed to @cpu interrupts @cpu: its column grows. */
static int irq_lands_on(int cpu)
{
	long before[VOYAGER_MAX_COLUMNS], after[VOYAGER_MAX_COLUMNS], n;
	int tries, ret = route_irq(cpu);

	if (ret < 0)
		return ret;
	/*
	 * An I/O APIC (the PC) moves an IRQ only when it next fires on the
	 * old CPU, and a loaded host can let one burst of traffic end before
	 * that: there a settling burst, then up to IRQ_ROUTE_TRIES bursts,
	 * each reported, before it counts as lost.  The VIC opens the line
	 * on the new CPU before the write returns (the enable-IRQ CPI) and
	 * the old CPU passes on what it still gets uncounted: on a Voyager
	 * the first burst must land on @cpu and nowhere else.
	 */
	if (!voyager)
		traffic();
	for (tries = 1; tries <= (voyager ? 1 : IRQ_ROUTE_TRIES); tries++) {
		if (voyager_irq_counts_by_cpu(IRQ_NAME, before) < 0)
			return -1;
		n = traffic();
		if (n < 0 || voyager_irq_counts_by_cpu(IRQ_NAME, after) < 0)
			return -1;
		printf("# IRQ %s on CPU %d: %ld -> %ld (%ld in all)\n", IRQ_NAME,
		       cpu, before[cpu], after[cpu], n);
		if (voyager && after[cpu] - before[cpu] != n) {
			printf("# IRQ %s counted on other CPUs than %d\n",
			       IRQ_NAME, cpu);
			return -1;
		}
		if (before[cpu] >= 0 && after[cpu] > before[cpu])
			return 0;
	}
	printf("# IRQ %s routed to CPU %d did not interrupt it\n", IRQ_NAME, cpu);
	return -1;
}

static int check_offline(int cpu)
{
	long counts[VOYAGER_MAX_COLUMNS];
	char path[96], buf[16];
	int bad = 0, r;
	long ret, n;

	cpu_path(path, sizeof(path), cpu, "online");
	if (voyager_read_file(path, buf, sizeof(buf)) <= 0 || buf[0] != '0') {
		printf("# %s does not read 0 after going offline\n", path);
		bad++;
	}
	if (cpu_in_list_file(SYS_CPU "online", cpu) != 0) {
		printf("# CPU %d still in " SYS_CPU "online\n", cpu);
		bad++;
	}
	r = cpu_in_cpuinfo(cpu);
	if (r != 0) {
		printf("# /proc/cpuinfo %s CPU %d\n",
		       r < 0 ? "cannot be read to look for" : "still lists", cpu);
		bad++;
	}
	if (voyager_irq_counts_by_cpu(IRQ_NAME, counts) < 0 ||
	    counts[cpu] != -1) {
		printf("# /proc/interrupts still has a column for CPU %d\n", cpu);
		bad++;
	}
	r = cpu_in_list_file("/proc/irq/" IRQ_NAME "/effective_affinity_list",
			     cpu);
	if (r != 0) {
		printf("# IRQ %s effective affinity %s CPU %d\n", IRQ_NAME,
		       r < 0 ? "unreadable, expected it off" : "still on", cpu);
		bad++;
	}
	n = traffic();
	voyager_read_file("/proc/irq/" IRQ_NAME "/effective_affinity_list", buf,
			  sizeof(buf));
	printf("# CPU %d offline: IRQ %s effective affinity %s# %ld interrupts of loopback traffic\n",
	       cpu, IRQ_NAME, buf, n);
	if (n <= 0) {
		printf("# IRQ %s no longer interrupts with CPU %d offline (%ld)\n",
		       IRQ_NAME, cpu, n);
		bad++;
	}
	ret = voyager_pin_self(cpu);
	if (ret != -EINVAL) {
		printf("# pinning to offline CPU %d returned %ld, not -EINVAL\n",
		       cpu, ret);
		bad++;
	}
	return bad;
}

static int check_online(int cpu, int boot_cpu)
{
	char path[96], buf[16];
	int bad = 0, i, seen;
	long ret;

	cpu_path(path, sizeof(path), cpu, "online");
	if (voyager_read_file(path, buf, sizeof(buf)) <= 0 || buf[0] != '1') {
		printf("# %s does not read 1 after coming back\n", path);
		bad++;
	}
	if (cpu_in_list_file(SYS_CPU "online", cpu) != 1 ||
	    cpu_in_cpuinfo(cpu) != 1) {
		printf("# CPU %d missing from the online list or /proc/cpuinfo\n",
		       cpu);
		bad++;
	}
	ret = voyager_pin_self(cpu);
	for (i = 0, seen = -1; ret == 0 && i < 100; i++) {
		seen = voyager_getcpu();
		if (seen != cpu)
			break;
		my_syscall0(__NR_sched_yield);
	}
	if (ret < 0 || seen != cpu) {
		printf("# pinned to CPU %d (%ld), running on CPU %d\n", cpu, ret,
		       seen);
		bad++;
	}
	voyager_pin_self(boot_cpu);
	ret = irq_lands_on(cpu);
	if (ret < 0 && ret != -EINVAL)
		bad++;
	return bad;
}

static int cycle(int cpu, int boot_cpu, int round)
{
	long counts[VOYAGER_MAX_COLUMNS], loc[VOYAGER_MAX_COLUMNS];
	int bad;

	voyager_irq_counts_by_cpu(IRQ_NAME, counts);
	voyager_irq_counts_by_cpu("LOC", loc);
	printf("# cycle %d, CPU %d: IRQ %s count %ld, LOC %ld\n", round, cpu,
	       IRQ_NAME, counts[cpu], loc[cpu]);
	/* Running elsewhere, with a live interrupt on the CPU. */
	voyager_pin_self(boot_cpu);
	bad = irq_lands_on(cpu);
	if (bad < 0 && bad != -EINVAL)
		return 1;
	if (set_online(cpu, 0) < 0)
		return 1;
	bad = check_offline(cpu);
	if (set_online(cpu, 1) < 0) {
		lost[cpu] = 1;
		return bad + 1;
	}
	return bad + check_online(cpu, boot_cpu);
}

int main(void)
{
	int cpus[VOYAGER_MAX_CPUS], n, i, c, bad = 0, tried = 0;
	char path[96];

	if (!file_exists(SYS_CPU "cpu1/online")) {
		printf("# no " SYS_CPU "cpu1/online: no CPU hotplug here\n");
		return 77;
	}
	n = voyager_online_cpus(cpus, VOYAGER_MAX_CPUS);
	if (n < 2) {
		printf("# %d CPU(s) online: nothing to take offline\n", n);
		return 77;
	}
	loop_fd = voyager_open_loopback("/dev/ttyS1");
	if (loop_fd < 0)
		return 1;
	voyager = voyager_vic_cpus() >= 0;
	for (c = 0; c < CYCLES; c++) {
		for (i = 0; i < n; i++) {
			/* A CPU that cannot go offline has no online file. */
			cpu_path(path, sizeof(path), cpus[i], "online");
			if (!file_exists(path) || lost[cpus[i]])
				continue;
			tried++;
			bad += cycle(cpus[i], cpus[0], c + 1);
		}
	}
	if (route_irq(cpus[0]) < 0)
		bad++;
	voyager_close_loopback(loop_fd);
	if (!tried) {
		printf("# no CPU has an online file\n");
		return 77;
	}
	if (voyager_online_cpus(cpus, VOYAGER_MAX_CPUS) != n) {
		printf("# %d CPUs online at the end, %d at the start\n",
		       voyager_online_cpus(cpus, VOYAGER_MAX_CPUS), n);
		bad++;
	}
	printf("# %d off/on cycles, %d problems\n", tried, bad);
	return bad ? 1 : 0;
}
