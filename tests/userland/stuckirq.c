// SPDX-License-Identifier: GPL-2.0
/*
 * Test: a stuck IRQ line with a handler (the emulator's fault-stuck-irq=3,
 * ttyS1's line) is disabled by the kernel and the machine goes on.  Keeps
 * ttyS1 open, so its handler is installed and sees the storm, until the
 * count of line 3 stops growing (genirq's spurious-IRQ detection disabled
 * it after 100,000 interrupts), then checks that ttyS1 still works in
 * loopback, for information only: genirq polls the handlers of a line it
 * disabled every 100 ms, but the device need not keep working.
 *
 * Kernel command line: voyager_stuck_irq=3 (without it: skipped).
 */
#include "voyager_test.h"

#define EXIT_SKIP	77

int main(void)
{
	static const char msg[] = "stuck line, polled";
	long before, now, last = -1;
	int fd, i, stable = 0;
	char buf[64];

	if (voyager_env_int("voyager_stuck_irq", -1) != 3) {
		printf("# only voyager_stuck_irq=3 (ttyS1) is tested\n");
		return EXIT_SKIP;
	}
	fd = voyager_open_loopback("/dev/ttyS1");
	if (fd < 0)
		return 1;
	before = voyager_irq_total("3");
	/*
	 * genirq decides after 100,000 interrupts; under TCG they come at
	 * 1,500-3,000 a second.  At most 150 s; the count must then stand
	 * still for 2 s in a row.
	 */
	for (i = 0; i < 300 && stable < 4; i++) {
		msleep(500);
		now = voyager_irq_total("3");
		stable = now == last ? stable + 1 : 0;
		last = now;
	}
	printf("# IRQ 3: %ld -> %ld interrupts while ttyS1 was open\n", before,
	       last);
	if (stable < 4) {
		printf("# IRQ 3 still interrupting after 150 s: not disabled\n");
		close(fd);
		return 1;
	}
	if (voyager_loopback_echo(fd, msg, buf, sizeof(buf)))
		printf("# ttyS1 loopback after the line was disabled: read \"%s\" (not required)\n",
		       buf);
	else
		printf("# ttyS1 still works, polled\n");
	close(fd);
	return 0;
}
