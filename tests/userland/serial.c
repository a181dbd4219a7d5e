// SPDX-License-Identifier: GPL-2.0
/*
 * Test: interrupt-driven serial I/O.  Puts the second UART (ttyS1, IRQ 3)
 * in its loopback mode, writes a message and reads it back through the
 * 8250 driver, then checks that the UART's line in /proc/interrupts
 * counted.  The console (ttyS0, IRQ 4) is checked for counting too: every
 * line this test prints goes out through it.
 */
#include "voyager_test.h"

int main(void)
{
	static const char msg[] = "Voyager serial loopback 0123456789";
	long com2_before, com2_after, com1_before, com1_after;
	char buf[64];
	int fd, ok;

	com1_before = voyager_irq_total("4");
	/* Goes out through the console's UART, on its interrupt. */
	printf("# writing through the console (ttyS0) and ttyS1\n");
	fd = voyager_open_loopback("/dev/ttyS1");
	if (fd < 0)
		return 1;
	com2_before = voyager_irq_total("3");
	ok = voyager_loopback_echo(fd, msg, buf, sizeof(buf)) == 0;
	com2_after = voyager_irq_total("3");
	/*
	 * The line above sits in the console's transmit buffer until its
	 * interrupts send it: wait until it is out (tcdrain) before the
	 * console's count is read.  Without the wait a slow guest (the
	 * debug kernel on two quad cards) once read the count before the
	 * first interrupt was taken.
	 */
	if (ioctl(1, TCSBRK, (void *)1) < 0)
		printf("# cannot wait for the console's output (errno %d)\n",
		       errno);
	com1_after = voyager_irq_total("4");
	printf("# read back \"%s\"; IRQ 3: %ld -> %ld; IRQ 4: %ld -> %ld\n",
	       buf, com2_before, com2_after, com1_before, com1_after);
	if (!ok) {
		printf("# the loopback did not return the message\n");
		return 1;
	}
	if (com2_after <= com2_before) {
		printf("# IRQ 3 did not count: the UART is not interrupt driven\n");
		return 1;
	}
	if (com1_after <= com1_before) {
		printf("# IRQ 4 (the console) did not count\n");
		return 1;
	}
	return 0;
}
