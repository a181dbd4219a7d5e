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
 * Prints "# portcount window N: irq I, C interrupts" per window.
 * Kernel command line: voyager_portcount=... (without it: skipped).
 */
#include "voyager_test.h"
#include <linux/serial.h>

#define EXIT_SKIP	77
#define ECHOES		40
#define CAT_RAW		"/sys/kernel/debug/voyager/cat/raw"
#define MARKER		"1a 0 1\n"	/* PSI, CAT ASIC, register 1 */

static int write_file(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY, 0), len = strlen(text), n;

	if (fd < 0)
		return -1;
	n = write(fd, text, len);
	close(fd);
	return n == len ? 0 : -1;
}

static int marker(void)
{
	return write_file(CAT_RAW, MARKER);
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
	char path[48], name[12], buf[64];
	long before, after;
	int fd, i;

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
	if (voyager_loopback_echo(fd, "warm up", buf, sizeof(buf)))
		printf("# %s: warm-up echo incomplete\n", dev);
	before = voyager_irq_total(name);
	marker();
	for (i = 0; i < ECHOES; i++)
		voyager_loopback_echo(fd, "port count", buf, sizeof(buf));
	marker();
	after = voyager_irq_total(name);
	close(fd);
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
