// SPDX-License-Identifier: GPL-2.0
/*
 * Test: the CPUs online are the CPUs expected (voyager_cpus=N from the
 * boot runner, which derives N from the machine it started).
 */
#include "voyager_test.h"

int main(void)
{
	int expected = voyager_env_int("voyager_cpus", -1);
	char online[256], possible[256];
	int n;

	if (voyager_read_file("/sys/devices/system/cpu/online", online,
			      sizeof(online)) <= 0) {
		printf("# cannot read /sys/devices/system/cpu/online\n");
		return 1;
	}
	voyager_read_file("/sys/devices/system/cpu/possible", possible,
			  sizeof(possible));
	n = voyager_count_cpu_list(online);
	printf("# online %d CPUs (%s), possible %s", n, online, possible);
	if (expected < 0) {
		printf("# no voyager_cpus= given: nothing to compare\n");
		return 77;
	}
	if (n != expected) {
		printf("# expected %d CPUs online\n", expected);
		return 1;
	}
	return 0;
}
