// SPDX-License-Identifier: GPL-2.0
/*
 * Test: a corrupted PIT count is put right.  Prints "# corrupt the PIT
 * now (1)", "(2)", "(3)"; the boot runner's monitor then reprograms
 * channel 0 of the PIT behind the kernel's back (a reload value twice the
 * kernel's, port writes from the QEMU monitor).  The kernel latches the
 * count every 1024 ticks, right after IRQ 0, and reprograms the channel
 * when the count is above its reload value (the old port's check, which
 * it needed on real machines).  Waits up to 60 s for that message in
 * /dev/kmsg.
 */
#include "voyager_test.h"

#define WAIT_S		60

int main(void)
{
	static char rec[1024];
	long long t0;
	int fd, n;

	fd = open("/dev/kmsg", O_RDONLY | O_NONBLOCK, 0);
	if (fd < 0 || lseek(fd, 0, SEEK_END) < 0) {
		printf("# cannot read /dev/kmsg (errno %d)\n", errno);
		return 1;
	}
	printf("# corrupt the PIT now (1)\n");
	msleep(300);
	printf("# corrupt the PIT now (2)\n");
	msleep(300);
	printf("# corrupt the PIT now (3)\n");
	t0 = voyager_now_ms();
	while (voyager_now_ms() - t0 < WAIT_S * 1000) {
		n = read(fd, rec, sizeof(rec) - 1);
		if (n <= 0) {
			msleep(200);
			continue;
		}
		rec[n] = '\0';
		if (voyager_strstr(rec, "PIT channel 0 count")) {
			printf("# kernel: %s", voyager_strstr(rec, "PIT"));
			close(fd);
			return 0;
		}
	}
	printf("# no PIT repair within %d s\n", WAIT_S);
	close(fd);
	return 1;
}
