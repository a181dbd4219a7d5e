// SPDX-License-Identifier: GPL-2.0
/*
 * Test: a backtrace of every CPU (sysrq-l, what RCU stall reports and
 * the hung-task detector ask for) comes at once.  A Voyager has no NMI
 * IPI; the request is a CPI, so a CPU with interrupts on answers within
 * milliseconds, and the kernel does not wait its 10 s per CPU for an NMI
 * that was never sent.  The console shows "NMI backtrace for cpu N" for
 * each CPU (the boot checks that); this test checks the time.
 */
#include "voyager_test.h"

#define LIMIT_MS	3000

int main(void)
{
	int fd = open("/proc/sysrq-trigger", O_WRONLY, 0);
	long long t0, ms;

	if (fd < 0) {
		printf("# no /proc/sysrq-trigger (errno %d)\n", errno);
		return 1;
	}
	t0 = voyager_now_ms();
	if (write(fd, "l", 1) != 1) {
		printf("# sysrq-l failed (errno %d)\n", errno);
		return 1;
	}
	ms = voyager_now_ms() - t0;
	close(fd);
	printf("# backtrace of every CPU took %lld ms\n", ms);
	if (ms > LIMIT_MS) {
		printf("# more than %d ms: CPUs were waited for\n", LIMIT_MS);
		return 1;
	}
	return 0;
}
