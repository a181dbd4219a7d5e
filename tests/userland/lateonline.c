// SPDX-License-Identifier: GPL-2.0
/*
 * Test: CPUs started after the boot (maxcpus=1, then cpuN/online) come
 * up and time goes on.  Such a CPU calibrates its delay loop with
 * interrupts off; if it opened VIC line 0 then, the VIC could route the
 * tick to it (it may be the lowest-numbered eligible CPU, e.g. with the
 * emulator's boot-cpu=4), jiffies would stop and the calibration would
 * wait for them forever.  Brings every present offline CPU online and
 * checks that each is online and that jiffies advanced meanwhile.
 */
#include "voyager_test.h"

int main(void)
{
	int present[VOYAGER_MAX_CPUS], online[VOYAGER_MAX_CPUS];
	int np, no, i, j, started = 0, ret = 0;
	char buf[256], path[64], num[12];
	long long t0;

	if (voyager_read_file("/sys/devices/system/cpu/present", buf,
			      sizeof(buf)) <= 0)
		return 1;
	np = voyager_parse_cpu_list(buf, present, VOYAGER_MAX_CPUS);
	no = voyager_online_cpus(online, VOYAGER_MAX_CPUS);
	for (i = 0; i < np; i++) {
		for (j = 0; j < no && online[j] != present[i]; j++)
			;
		if (j < no)
			continue;
		itoa_r(present[i], num);
		path[0] = '\0';
		strncat(path, "/sys/devices/system/cpu/cpu", sizeof(path) - 1);
		strncat(path, num, sizeof(path) - 1 - strlen(path));
		strncat(path, "/online", sizeof(path) - 1 - strlen(path));
		t0 = voyager_now_ms();
		if (voyager_write_file(path, "1\n") < 0) {
			printf("# CPU %d did not come online (errno %d)\n",
			       present[i], errno);
			ret = 1;
			continue;
		}
		printf("# CPU %d online after %lld ms\n", present[i],
		       voyager_now_ms() - t0);
		started++;
	}
	if (!started && !ret) {
		printf("# every present CPU was online already\n");
		return 77;
	}
	/* The clock still runs: 200 ms of sleep take about 200 ms. */
	t0 = voyager_now_ms();
	msleep(200);
	if (voyager_now_ms() - t0 < 150) {
		printf("# time stands still\n");
		return 1;
	}
	return ret;
}
