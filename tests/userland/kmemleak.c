// SPDX-License-Identifier: GPL-2.0
/*
 * Test: no memory leak, as kmemleak sees it at the end of a run.  Asks
 * for two scans (an object is reported only once it is older than
 * kmemleak's minimum age and was unreferenced in a full scan), a few
 * seconds apart, then reads the report: any "unreferenced object" fails
 * the test, and the first reports are printed with their back traces.
 * Fails too if the kernel has no kmemleak (the test is run only on the
 * debug kernel, which has it) or if kmemleak turned itself off.
 */
#include "voyager_test.h"

#define KMEMLEAK	"/sys/kernel/debug/kmemleak"
#define SHOWN_LINES	40

static int write_cmd(const char *cmd)
{
	int fd = open(KMEMLEAK, O_WRONLY, 0), len = strlen(cmd), n;

	if (fd < 0)
		return -errno;
	n = write(fd, cmd, len);
	close(fd);
	return n == len ? 0 : -errno;
}

int main(void)
{
	static char report[65536];
	int i, r, leaks = 0, lines = 0;
	const char *p;

	for (i = 0; i < 2; i++) {
		r = write_cmd("scan");
		if (r < 0) {
			printf("# cannot ask kmemleak for a scan: %s (errno %d)\n",
			       r == -ENOENT ? "no " KMEMLEAK : "kmemleak is off", -r);
			return 1;
		}
		sleep(6);
	}
	if (voyager_read_file(KMEMLEAK, report, sizeof(report)) < 0) {
		printf("# cannot read " KMEMLEAK " (errno %d)\n", errno);
		return 1;
	}
	for (p = report; (p = voyager_strstr(p, "unreferenced object")); p++)
		leaks++;
	printf("# kmemleak: %d unreferenced objects after two scans\n", leaks);
	/* The report's first lines (nolibc's printf has no precision). */
	for (p = report; *p && leaks && lines < SHOWN_LINES; lines++) {
		char line[160];
		int len = 0;

		while (*p && *p != '\n' && len < (int)sizeof(line) - 1)
			line[len++] = *p++;
		line[len] = '\0';
		while (*p && *p++ != '\n')
			;
		printf("# %s\n", line);
	}
	return leaks ? 1 : 0;
}
