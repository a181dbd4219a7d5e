// SPDX-License-Identifier: GPL-2.0
/*
 * Test: the dump switch was pressed during the boot (voyager_dump_boot=N
 * presses); wait, silent, until the kernel log (/dev/kmsg) shows N
 * completed dumps, at most 20 s.  Silent, because a dump still running
 * when user space starts would otherwise be interleaved with the test
 * output on the console, line by line.  Fewer dumps in time: not ok.
 */
#include "voyager_test.h"

#define WAIT_MS		20000
#define STEP_MS		50

/* Count the "dump complete" records read so far from @fd. */
static int count_dumps(int fd, int done)
{
	static char rec[8192];
	ssize_t len;

	for (;;) {
		len = read(fd, rec, sizeof(rec) - 1);
		if (len < 0 && errno == EPIPE)
			continue;	/* overwritten records: read on */
		if (len <= 0)
			return done;
		rec[len] = '\0';
		if (voyager_strstr(rec, "Voyager dump switch: dump complete"))
			done++;
	}
}

int main(void)
{
	int want = voyager_env_int("voyager_dump_boot", 1), done = 0, waited;
	int fd = open("/dev/kmsg", O_RDONLY | O_NONBLOCK, 0);

	if (fd < 0) {
		printf("# cannot read /dev/kmsg (errno %d)\n", errno);
		return 1;
	}
	for (waited = 0; waited < WAIT_MS; waited += STEP_MS) {
		done = count_dumps(fd, done);
		if (done >= want)
			break;
		msleep(STEP_MS);
	}
	close(fd);
	printf("# %d of %d dumps complete\n", done, want);
	return done == want ? 0 : 1;
}
