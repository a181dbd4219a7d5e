// SPDX-License-Identifier: GPL-2.0
/*
 * Test: interrupt-driven serial I/O.  Puts the second UART (ttyS1, IRQ 3)
 * in its loopback mode, writes a message and reads it back through the
 * 8250 driver, then checks that the UART's line in /proc/interrupts
 * counted.  The console (ttyS0, IRQ 4) is checked for counting too: every
 * line this test prints goes out through it.
 */
#include "voyager_test.h"
#include <asm/termios.h>

/* Sum of the per-CPU counts on the /proc/interrupts line of @irq. */
static long irq_count(int irq)
{
	static char buf[16384];
	char *line, *p, *end;
	long sum = -1, v;

	if (voyager_read_file("/proc/interrupts", buf, sizeof(buf)) <= 0)
		return -1;
	for (line = buf; line && *line; line = strchr(line, '\n')) {
		if (*line == '\n')
			line++;
		v = strtol(line, &end, 10);
		if (end == line || *end != ':' || v != irq)
			continue;
		p = end + 1;
		sum = 0;
		for (;;) {
			v = strtol(p, &end, 10);
			if (end == p)
				break;
			sum += v;
			p = end;
		}
		break;
	}
	return sum;
}

int main(void)
{
	static const char msg[] = "Voyager serial loopback 0123456789";
	long com2_before, com2_after, com1_before, com1_after;
	int fd, loop = TIOCM_LOOP, got = 0, n, tries;
	struct termios tio;
	char buf[64];

	com1_before = irq_count(4);
	/* Goes out through the console's UART, on its interrupt. */
	printf("# writing through the console (ttyS0) and ttyS1\n");
	fd = open("/dev/ttyS1", O_RDWR | O_NOCTTY, 0);
	if (fd < 0) {
		printf("# cannot open /dev/ttyS1 (errno %d)\n", errno);
		return 1;
	}
	if (ioctl(fd, TCGETS, &tio) < 0) {
		printf("# TCGETS failed (errno %d)\n", errno);
		return 1;
	}
	/* Raw, 8N1, reads return what is there after at most 0.1 s. */
	tio.c_iflag = 0;
	tio.c_oflag = 0;
	tio.c_lflag = 0;
	tio.c_cflag = (tio.c_cflag & ~(CSIZE | PARENB)) | CS8 | CREAD | CLOCAL;
	tio.c_cc[VMIN] = 0;
	tio.c_cc[VTIME] = 1;
	if (ioctl(fd, TCSETS, &tio) < 0 || ioctl(fd, TIOCMBIS, &loop) < 0) {
		printf("# cannot set raw loopback mode (errno %d)\n", errno);
		return 1;
	}
	com2_before = irq_count(3);
	if (write(fd, msg, sizeof(msg) - 1) != sizeof(msg) - 1) {
		printf("# write to ttyS1 failed (errno %d)\n", errno);
		return 1;
	}
	for (tries = 0; tries < 50 && got < (int)sizeof(msg) - 1; tries++) {
		n = read(fd, buf + got, sizeof(buf) - 1 - got);
		if (n > 0)
			got += n;
	}
	buf[got] = '\0';
	com2_after = irq_count(3);
	com1_after = irq_count(4);
	printf("# read back %d bytes: \"%s\"; IRQ 3: %ld -> %ld; IRQ 4: %ld -> %ld\n",
	       got, buf, com2_before, com2_after, com1_before, com1_after);
	if (got != (int)sizeof(msg) - 1 || memcmp(buf, msg, got)) {
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
