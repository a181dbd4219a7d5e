// SPDX-License-Identifier: GPL-2.0
/*
 * Test: interrupt affinity moves an IRQ.  Routes IRQ 3 (ttyS1) to the
 * last online CPU through /proc/irq/3/smp_affinity, makes the UART
 * interrupt in its loopback mode, and checks that the count grew in that
 * CPU's column of /proc/interrupts and nowhere else; then routes it back
 * to CPU 0 and checks again.  Skips on one CPU.
 */
#include "voyager_test.h"
#include <asm/termios.h>

#define IRQ		3
#define MAX_COLUMNS	32

/* Per-CPU counts of @irq's line in /proc/interrupts; number of CPUs. */
static int irq_counts(long *counts)
{
	static char buf[16384];
	char *line, *end, *p;
	int n = 0, ncpus = 0;
	long v;

	if (voyager_read_file("/proc/interrupts", buf, sizeof(buf)) <= 0)
		return -1;
	/* The header names one column per online CPU. */
	for (p = buf; *p && *p != '\n'; p++)
		if (!strncmp(p, "CPU", 3))
			ncpus++;
	for (line = buf; line && *line; line = strchr(line, '\n')) {
		if (*line == '\n')
			line++;
		v = strtol(line, &end, 10);
		if (end == line || *end != ':' || v != IRQ)
			continue;
		p = end + 1;
		while (n < ncpus && n < MAX_COLUMNS) {
			v = strtol(p, &end, 10);
			if (end == p)
				break;
			counts[n++] = v;
			p = end;
		}
		break;
	}
	return n == ncpus ? n : -1;
}

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
	static const char msg[] = "affinity 0123456789";
	char buf[64];
	int got = 0, n, tries;

	if (write(fd, msg, sizeof(msg) - 1) != sizeof(msg) - 1)
		return -1;
	for (tries = 0; tries < 50 && got < (int)sizeof(msg) - 1; tries++) {
		n = read(fd, buf + got, sizeof(buf) - got);
		if (n > 0)
			got += n;
	}
	return got == (int)sizeof(msg) - 1 ? 0 : -1;
}

/* Route IRQ 3 to @cpu and check the counts follow. */
static int check_cpu(int fd, int cpu, int ncpus)
{
	long before[MAX_COLUMNS], after[MAX_COLUMNS];
	int i;

	if (set_affinity(cpu) < 0) {
		printf("# cannot route IRQ %d to CPU %d of %d (errno %d)\n",
		       IRQ, cpu, ncpus, errno);
		return 1;
	}
	/* Let a late interrupt on the old CPU settle before counting. */
	traffic(fd);
	if (irq_counts(before) != ncpus || traffic(fd) < 0 ||
	    irq_counts(after) != ncpus) {
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
	long counts[MAX_COLUMNS];
	int loop = TIOCM_LOOP, ncpus, fd;
	struct termios tio;

	fd = open("/dev/ttyS1", O_RDWR | O_NOCTTY, 0);
	if (fd < 0 || ioctl(fd, TCGETS, &tio) < 0) {
		printf("# cannot open ttyS1 (errno %d)\n", errno);
		return 1;
	}
	tio.c_iflag = 0;
	tio.c_oflag = 0;
	tio.c_lflag = 0;
	tio.c_cflag = (tio.c_cflag & ~(CSIZE | PARENB)) | CS8 | CREAD | CLOCAL;
	tio.c_cc[VMIN] = 0;
	tio.c_cc[VTIME] = 1;
	if (ioctl(fd, TCSETS, &tio) < 0 || ioctl(fd, TIOCMBIS, &loop) < 0) {
		printf("# cannot set loopback mode (errno %d)\n", errno);
		return 1;
	}
	ncpus = irq_counts(counts);
	if (ncpus < 2) {
		printf("# %d CPU column(s): nothing to move\n", ncpus);
		return 77;
	}
	if (check_cpu(fd, ncpus - 1, ncpus) || check_cpu(fd, 0, ncpus)) {
		printf("# IRQ %d did not follow its affinity\n", IRQ);
		return 1;
	}
	return 0;
}
