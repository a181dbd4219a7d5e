// SPDX-License-Identifier: GPL-2.0
/*
 * Test: the power switch right after a CPU came back online.  Takes the
 * last online CPU off line and back, checks in debugfs voyager/vic that
 * every online VIC CPU, that one included, has lines 0 (CPIs, the tick)
 * and 7 (CMN_INT, the power switch) open in its 8259s, then prints "#
 * press the power switch now" and waits, like powerwait, for init's
 * SIGTERM (the boot checks that the PSI powered the machine off).
 * With voyager_power_offline=1 the CPU stays offline for the press: the
 * machine must power off in order with a CPU offline.
 */
#include "voyager_test.h"

#define VIC_LINES	"/sys/kernel/debug/voyager/vic"

/*
 * Take @cpu off line, and unless @stay_off, back on line.  @stay_off: the
 * press comes while it is offline (voyager_power_offline=1).
 */
static int cycle(int cpu, int stay_off)
{
	if (voyager_set_cpu_online(cpu, 0) < 0 ||
	    (!stay_off && voyager_set_cpu_online(cpu, 1) < 0)) {
		printf("# cannot take CPU %d off line and back (errno %d)\n",
		       cpu, errno);
		return -1;
	}
	printf("# CPU %d off line%s\n", cpu, stay_off ? ", and left so" : " and back");
	return 0;
}

/* Every row of voyager/vic lists lines 0 and 7 among the open ones. */
static int lines_open(void)
{
	static char buf[4096];
	int rows = 0, bad = 0;
	char *line, *next, *p, *end;

	if (voyager_read_file(VIC_LINES, buf, sizeof(buf)) <= 0) {
		printf("# cannot read %s\n", VIC_LINES);
		return -1;
	}
	/* After the header: "cpu hw mask 8259 open-line...". */
	for (line = strchr(buf, '\n'); line; line = next) {
		int open0 = 0, open7 = 0;
		long v;

		line++;
		next = strchr(line, '\n');
		if (next)
			*next = '\0';
		if (*line != ' ' && (*line < '0' || *line > '9'))
			break;
		printf("# vic: %s\n", line);
		rows++;
		p = line;
		strtol(p, &p, 10);
		strtol(p, &p, 10);
		strtol(p, &p, 16);
		strtol(p, &p, 16);
		for (;;) {
			v = strtol(p, &end, 10);
			if (end == p)
				break;
			open0 |= v == 0;
			open7 |= v == 7;
			p = end;
		}
		if (!open0 || !open7)
			bad++;
	}
	if (!rows || bad) {
		printf("# %d of %d VIC CPUs without line 0 or 7 open\n", bad,
		       rows);
		return -1;
	}
	return 0;
}

int main(void)
{
	unsigned long set[2] = { 1UL << (SIGTERM - 1), 0 };
	int cpus[VOYAGER_MAX_CPUS], n, sig, ret = 0;
	long long limit[2] = { 60, 0 };

	n = voyager_online_cpus(cpus, VOYAGER_MAX_CPUS);
	if (n < 1)
		return 1;
	if (n > 1 && cycle(cpus[n - 1], voyager_env_int("voyager_power_offline", 0)))
		ret = 1;
	if (lines_open())
		ret = 1;
	my_syscall4(__NR_rt_sigprocmask, SIG_BLOCK, set, NULL, sizeof(set));
	printf("# press the power switch now\n");
	sig = my_syscall4(__NR_rt_sigtimedwait_time64, set, NULL, limit,
			  sizeof(set));
	if (sig != SIGTERM) {
		printf("# no power-off request within 60 s\n");
		return 1;
	}
	printf("# the machine is being powered off\n");
	return ret;
}
