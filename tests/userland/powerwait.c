// SPDX-License-Identifier: GPL-2.0
/*
 * Test: the machine is asked to end while this runs.
 *
 * Prints "# press the power switch now" -- the boot runner's monitor
 * watches for that line and presses the switch (system_powerdown) -- and
 * waits at most voyager_power_wait seconds (default 60) for init's
 * SIGTERM, which comes when /sbin/poweroff asks init to end the machine
 * (the kernel runs it from orderly_poweroff() for the power switch).
 * SIGTERM in time: ok.  No SIGTERM: not ok.
 */
#include "voyager_test.h"

int main(void)
{
	unsigned long set[2] = { 1UL << (SIGTERM - 1), 0 };
	int secs = voyager_env_int("voyager_power_wait", 60), sig;
	long long limit[2] = { secs, 0 };

	my_syscall4(__NR_rt_sigprocmask, SIG_BLOCK, set, NULL, sizeof(set));
	printf("# press the power switch now\n");
	sig = my_syscall4(__NR_rt_sigtimedwait_time64, set, NULL, limit,
			  sizeof(set));
	if (sig != SIGTERM) {
		printf("# no power-off request within %d s\n", secs);
		return 1;
	}
	printf("# the machine is being powered off\n");
	return 0;
}
