// SPDX-License-Identifier: GPL-2.0
/*
 * Measurement: device interrupts in windows the emulator's trace can find.
 * For each DEV:IRQ of voyager_portcount (e.g. "/dev/ttyS1:3,/dev/ttyS2:10")
 * the UART is put in loopback, its IRQ set to IRQ if the driver thinks
 * otherwise (TIOCSSERIAL: the emulator can wire a UART to any line), this
 * process pinned to the first CPU of the IRQ's effective affinity (the
 * affinity itself is left as the kernel chose it), and loopback traffic
 * sent between two reads of the PSI's CAT register 1 through debugfs,
 * which the emulator traces (voyager_cat_reg_read ... reg 1): a Level 5
 * box.  scripts/port-count.py then counts the VIC port accesses of every
 * interrupt in each window.
 *
 * The 8250 driver hands received bytes to the tty layer through the
 * unbound workqueue.  Its kworker may sleep on another, idle CPU, and
 * waking it there costs a reschedule CPI, sent from inside the handler:
 * the scheduler's cost, not the interrupt controller's, and it made the
 * count vary from run to run.  Each window therefore confines the unbound
 * workqueues to the CPU that takes the interrupt, and restores them.
 * voyager_portcount_wq=other puts them on another online CPU instead, to
 * show that the count sees those CPIs (tests/boot-irq.sh).
 *
 * Prints "# portcount window N: irq I, C interrupts" per window.
 * Kernel command line: voyager_portcount=... (without it: skipped).
 */
#include "voyager_test.h"
#include <linux/serial.h>

#define EXIT_SKIP	77
#define ECHOES		40
#define CAT_RAW		"/sys/kernel/debug/voyager/cat/raw"
#define MARKER		"1a 0 1\n"	/* PSI, CAT ASIC, register 1 */
#define WQ_CPUMASK	"/sys/devices/virtual/workqueue/cpumask"

static int marker(void)
{
	return voyager_write_file(CAT_RAW, MARKER);
}

/* Confine the unbound workqueues to @cpu; @saved gets the old mask. */
static int confine_workqueues(int cpu, char *saved, int size)
{
	static const char hex[] = "0123456789abcdef";
	char mask[12];
	int i = 0, digit;

	if (voyager_read_file(WQ_CPUMASK, saved, size) <= 0)
		return -1;
	/* CPU n is bit n of a hex mask, most significant digit first. */
	mask[i++] = hex[1 << (cpu % 4)];
	for (digit = cpu / 4; digit > 0; digit--)
		mask[i++] = '0';
	mask[i++] = '\n';
	mask[i] = '\0';
	return voyager_write_file(WQ_CPUMASK, mask);
}

/* An online CPU other than @cpu (@cpu itself on a uniprocessor). */
static int another_cpu(int cpu)
{
	int cpus[64], n = voyager_online_cpus(cpus, 64), i;

	for (i = 0; i < n; i++)
		if (cpus[i] != cpu)
			return cpus[i];
	return cpu;
}

/* Make the 8250 driver use @irq for the port open on @fd. */
static int set_irq(int fd, int irq)
{
	struct serial_struct ss;

	if (ioctl(fd, TIOCGSERIAL, &ss) < 0)
		return -1;
	if (ss.irq == irq)
		return 0;
	ss.irq = irq;
	return ioctl(fd, TIOCSSERIAL, &ss);
}

static int window(int n, const char *dev, int irq)
{
	char path[48], name[12], buf[64], wq_saved[64];
	const char *wq_cpu = getenv("voyager_portcount_wq");
	long before, after;
	int fd, i, cpu;

	fd = voyager_open_loopback(dev);
	if (fd < 0)
		return 1;
	if (set_irq(fd, irq) < 0) {
		printf("# %s: cannot move to IRQ %d (errno %d)\n", dev, irq,
		       errno);
		return 1;
	}
	/* TIOCSSERIAL restarted the port: loopback again. */
	close(fd);
	fd = voyager_open_loopback(dev);
	itoa_r(irq, name);
	path[0] = '\0';
	strncat(path, "/proc/irq/", sizeof(path) - 1);
	strncat(path, name, sizeof(path) - 1 - strlen(path));
	strncat(path, "/effective_affinity_list", sizeof(path) - 1 - strlen(path));
	if (fd < 0 || voyager_read_file(path, buf, sizeof(buf)) <= 0 ||
	    voyager_pin_self(atoi(buf))) {
		printf("# %s: cannot pin this test to IRQ %d's CPU\n", dev, irq);
		return 1;
	}
	printf("# %s: IRQ %d effective affinity %s", dev, irq, buf);
	cpu = atoi(buf);
	if (wq_cpu && !strcmp(wq_cpu, "other"))
		cpu = another_cpu(cpu);
	if (confine_workqueues(cpu, wq_saved, sizeof(wq_saved))) {
		printf("# cannot confine the unbound workqueues to CPU %d (errno %d)\n",
		       cpu, errno);
		return 1;
	}
	printf("# unbound workqueues on CPU %d\n", cpu);
	if (voyager_loopback_echo(fd, "warm up", buf, sizeof(buf)))
		printf("# %s: warm-up echo incomplete\n", dev);
	before = voyager_irq_total(name);
	marker();
	for (i = 0; i < ECHOES; i++)
		voyager_loopback_echo(fd, "port count", buf, sizeof(buf));
	marker();
	after = voyager_irq_total(name);
	close(fd);
	if (voyager_write_file(WQ_CPUMASK, wq_saved))
		printf("# cannot restore the workqueue mask %s", wq_saved);
	printf("# portcount window %d: irq %d, %ld interrupts\n", n, irq,
	       after - before);
	return after > before ? 0 : 1;
}

int main(void)
{
	const char *spec = getenv("voyager_portcount");
	char dev[32];
	int n = 0, ret = 0, irq;

	if (!spec || !*spec) {
		printf("# no voyager_portcount=DEV:IRQ,... on the command line\n");
		return EXIT_SKIP;
	}
	if (marker()) {
		printf("# cannot read the PSI through %s (errno %d)\n", CAT_RAW,
		       errno);
		return 1;
	}
	while (*spec) {
		const char *colon = strchr(spec, ':');
		int len = colon ? colon - spec : 0;

		if (!colon || len >= (int)sizeof(dev)) {
			printf("# bad voyager_portcount entry %s\n", spec);
			return 1;
		}
		memcpy(dev, spec, len);
		dev[len] = '\0';
		irq = atoi(colon + 1);
		ret |= window(++n, dev, irq);
		spec = strchr(colon, ',');
		if (!spec)
			break;
		spec++;
	}
	return ret;
}
