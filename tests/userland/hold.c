// SPDX-License-Identifier: GPL-2.0
/*
 * Test: hold the run until the boot runner's monitor has looked at the
 * machine.  Prints "# hold for the monitor" and waits, up to 120 s, for
 * the runner to write 5Ah into the scratch register of the second UART
 * (port 2FFh: the 8250 driver leaves it alone once the port is probed)
 * with the monitor's `o` command; clears it again and passes.
 *
 * A monitor query that must see the machine in the middle of a run
 * (`info voyager vic`, a `qom-get`) is sent when the console shows a
 * line; without a hold, a slow host can let the run end and the machine
 * power off before the query arrives (CI saw exactly that).  With the
 * hold, the runner's command list ends with the release write, so the
 * query always finds the machine running.
 */
#include "voyager_test.h"

#define HOLD_PORT	0x2ff
#define HOLD_RELEASE	0x5a
#define WAIT_S		120

int main(void)
{
	long long t0;

	if (my_syscall1(__NR_iopl, 3) < 0) {
		printf("# iopl(3) refused: cannot read port %#x\n", HOLD_PORT);
		return 1;
	}
	voyager_outb(0, HOLD_PORT);
	if (voyager_inb(HOLD_PORT) != 0) {
		printf("# no scratch register at port %#x\n", HOLD_PORT);
		return 1;
	}
	printf("# hold for the monitor\n");
	t0 = voyager_now_ms();
	while (voyager_inb(HOLD_PORT) != HOLD_RELEASE) {
		if (voyager_now_ms() - t0 > WAIT_S * 1000LL) {
			printf("# the monitor did not release the hold in %d s\n",
			       WAIT_S);
			return 1;
		}
		msleep(50);
	}
	voyager_outb(0, HOLD_PORT);
	printf("# released after %lld ms\n", voyager_now_ms() - t0);
	return 0;
}
