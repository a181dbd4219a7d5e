// SPDX-License-Identifier: GPL-2.0
/*
 * Test: interrupt affinity moves an IRQ.  Routes IRQ 3 (ttyS1) to the
 * last online CPU through /proc/irq/3/smp_affinity, makes the UART
 * interrupt in its loopback mode, and checks that the count grew in that
 * CPU's column of /proc/interrupts and nowhere else; then routes it back
 * to CPU 0 and checks again.  Last, an affinity of every CPU: the VIC
 * opens a line on one CPU only, so the effective affinity must name one
 * CPU and the interrupts must all land there.  Skips on one CPU, and
 * where only CPU 0 may take device IRQs: a PC that refuses the moves, or
 * a Voyager with one CPU on a VIC line (the rest on quad cards).  On a
 * Voyager with two or more VIC CPUs a refusal of every move fails.
 */
#include "voyager_test.h"

#define IRQ		3
#define IRQ_NAME	"3"

static int write_mask(const char *mask, int len)
{
	int fd = open("/proc/irq/3/smp_affinity", O_WRONLY, 0);

	if (fd < 0)
		return -1;
	len = write(fd, mask, len);
	close(fd);
	return len > 0 ? 0 : -1;
}

static int set_affinity(int cpu)
{
	char mask[16] = "0";
	int len;

	/* A hexadecimal CPU mask; at most 32 CPUs. */
	mask[0] = "0123456789abcdef"[1 << (cpu % 4)];
	len = 1;
	while (cpu >= 4) {
		mask[len++] = '0';
		cpu -= 4;
	}
	mask[len++] = '\n';
	return write_mask(mask, len);
}

/* Loopback traffic on ttyS1: every byte interrupts on IRQ 3. */
static int traffic(int fd)
{
	char buf[64];

	return voyager_loopback_echo(fd, "affinity 0123456789", buf,
				     sizeof(buf));
}

/* Route IRQ 3 to @cpu and check the counts follow. */
static int check_cpu(int fd, int cpu, int ncpus)
{
	long before[VOYAGER_MAX_COLUMNS], after[VOYAGER_MAX_COLUMNS];
	int i;

	if (set_affinity(cpu) < 0) {
		printf("# cannot route IRQ %d to CPU %d of %d (errno %d)\n",
		       IRQ, cpu, ncpus, errno);
		/* A quad card's CPU off the VIC line takes no device IRQ. */
		return errno == EINVAL ? -EINVAL : 1;
	}
	/* Let a late interrupt on the old CPU settle before counting. */
	traffic(fd);
	if (voyager_irq_counts(IRQ_NAME, before) != ncpus || traffic(fd) < 0 ||
	    voyager_irq_counts(IRQ_NAME, after) != ncpus) {
		printf("# loopback traffic on ttyS1 failed\n");
		return 1;
	}
	for (i = 0; i < ncpus; i++) {
		printf("# IRQ %d to CPU %d: CPU%d %ld -> %ld\n", IRQ, cpu, i,
		       before[i], after[i]);
		if (i == cpu && after[i] <= before[i])
			return 1;
		if (i != cpu && after[i] != before[i])
			return 1;
	}
	return 0;
}

/* Affinity "every CPU": one effective CPU, and the interrupts go there. */
static int check_all(int fd, int ncpus)
{
	long before[VOYAGER_MAX_COLUMNS], after[VOYAGER_MAX_COLUMNS];
	char eff[64], online[256];
	int i, cpu, afd, len;

	if (voyager_read_file("/sys/devices/system/cpu/online", online,
			      sizeof(online)) <= 0)
		return 1;
	afd = open("/proc/irq/3/smp_affinity_list", O_WRONLY, 0);
	len = strlen(online);
	if (afd < 0 || write(afd, online, len) != len) {
		printf("# cannot give IRQ %d CPUs %s", IRQ, online);
		return 1;
	}
	close(afd);
	if (voyager_read_file("/proc/irq/3/effective_affinity_list", eff,
			      sizeof(eff)) <= 0) {
		printf("# no effective affinity for IRQ %d\n", IRQ);
		return 1;
	}
	printf("# IRQ %d to every CPU: effective affinity %s", IRQ, eff);
	if (voyager_count_cpu_list(eff) != 1) {
		printf("# the effective affinity is not one CPU\n");
		return 1;
	}
	cpu = atoi(eff);
	traffic(fd);
	if (voyager_irq_counts(IRQ_NAME, before) != ncpus || traffic(fd) < 0 ||
	    voyager_irq_counts(IRQ_NAME, after) != ncpus)
		return 1;
	for (i = 0; i < ncpus; i++)
		if ((i == cpu) != (after[i] != before[i])) {
			printf("# IRQ %d counted on CPU%d: %ld -> %ld\n", IRQ, i,
			       before[i], after[i]);
			return 1;
		}
	return 0;
}

int main(void)
{
	long counts[VOYAGER_MAX_COLUMNS];
	int ncpus, fd, cpu, ret = 0;

	fd = voyager_open_loopback("/dev/ttyS1");
	if (fd < 0)
		return 1;
	ncpus = voyager_irq_counts(IRQ_NAME, counts);
	if (ncpus < 2) {
		printf("# %d CPU column(s): nothing to move\n", ncpus);
		return 77;
	}
	/* The highest CPU that can take it, then back to CPU 0. */
	for (cpu = ncpus - 1; cpu > 0; cpu--) {
		ret = check_cpu(fd, cpu, ncpus);
		if (ret != -EINVAL)
			break;
	}
	if (!cpu) {
		int vic = voyager_vic_cpus();

		if (vic >= 2) {
			printf("# every move refused, with %d CPUs on VIC lines\n",
			       vic);
			return 1;
		}
		printf("# only CPU 0 takes device IRQs here\n");
		return 77;
	}
	if (ret || check_cpu(fd, 0, ncpus)) {
		printf("# IRQ %d did not follow its affinity\n", IRQ);
		return 1;
	}
	ret = check_all(fd, ncpus);
	/* Back to CPU 0 for the tests that follow. */
	set_affinity(0);
	voyager_close_loopback(fd);
	return ret;
}
