// SPDX-License-Identifier: GPL-2.0
/*
 * Test: interrupt affinity moves an IRQ.  Routes IRQ 3 (ttyS1) to the
 * last online CPU through /proc/irq/3/smp_affinity, makes the UART
 * interrupt in its loopback mode, and checks that the count grew in that
 * CPU's column of /proc/interrupts and nowhere else; then routes it back
 * to CPU 0 and checks again.  Skips on one CPU.
 */
#include "voyager_test.h"

#define IRQ		3
#define IRQ_NAME	"3"

static int set_affinity(int cpu)
{
	char mask[16] = "0";
	int fd, len;

	/* A hexadecimal CPU mask; at most 32 CPUs. */
	mask[0] = "0123456789abcdef"[1 << (cpu % 4)];
	len = 1;
	while (cpu >= 4) {
		mask[len++] = '0';
		cpu -= 4;
	}
	mask[len++] = '\n';
	fd = open("/proc/irq/3/smp_affinity", O_WRONLY, 0);
	if (fd < 0)
		return -1;
	len = write(fd, mask, len);
	close(fd);
	return len > 0 ? 0 : -1;
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
		printf("# only CPU 0 takes device IRQs here\n");
		return 77;
	}
	if (ret || check_cpu(fd, 0, ncpus)) {
		printf("# IRQ %d did not follow its affinity\n", IRQ);
		return 1;
	}
	return 0;
}
