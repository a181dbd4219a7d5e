// SPDX-License-Identifier: GPL-2.0
/*
 * Test: one of the kernel's torture suites (rcutorture, locktorture,
 * scftorture) runs for a given time and reports success.
 *
 * The suites are modules of the torture kernel (configs/torture.config);
 * scripts/torture.sh adds them to the initramfs under /lib/modules/.  This
 * program loads torture.ko and the suite with the suite's parameters from
 * the kernel command line ("rcutorture.stat_interval=15": the kernel
 * keeps dotted parameters of modules it does not have for modprobe, and
 * so for us), lets it run, unloads it and reads the suite's own verdict,
 * "End of test: SUCCESS", from the kernel log.  Unloading rather than the
 * suite's shutdown_secs keeps the end of the run in the test userland's
 * hands, so the boot oracle judges the whole run.
 *
 * Kernel command line: voyager_torture=SUITE, voyager_torture_secs=N
 * (default 60), voyager_torture_types=T1,T2 (optional: one run per
 * torture_type, sharing the time).  Without voyager_torture= the test is
 * skipped.
 */
#include "voyager_test.h"

#define MODULE_DIR	"/lib/modules/"
#define EXIT_SKIP	77

static char params[1024];

/*
 * The "SUITE.name=value" words of /proc/cmdline, without the prefix,
 * space separated, into params.  Quoted values are not supported.
 */
static void module_params(const char *suite)
{
	static char cmdline[4096];
	int len = strlen(suite), used = 0;
	char *p, *end;

	params[0] = '\0';
	if (voyager_read_file("/proc/cmdline", cmdline, sizeof(cmdline)) < 0)
		return;
	for (p = cmdline; *p; p = end) {
		while (*p == ' ' || *p == '\n')
			p++;
		for (end = p; *end && *end != ' ' && *end != '\n'; end++)
			;
		if (end - p > len + 1 && !strncmp(p, suite, len) &&
		    p[len] == '.' && used + (end - p) < (int)sizeof(params) - 2) {
			if (used)
				params[used++] = ' ';
			memcpy(params + used, p + len + 1, end - p - len - 1);
			used += end - p - len - 1;
			params[used] = '\0';
		}
	}
}

/* finit_module() of /lib/modules/NAME.ko; 0, or -1 with a message. */
static int load(const char *name, const char *args)
{
	char path[64] = MODULE_DIR;
	int fd, ret;

	strncat(path, name, sizeof(path) - strlen(path) - 4);
	strncat(path, ".ko", sizeof(path) - strlen(path) - 1);
	fd = open(path, O_RDONLY, 0);
	if (fd < 0) {
		printf("# cannot open %s (errno %d): is this the torture initramfs?\n",
		       path, errno);
		return -1;
	}
	ret = my_syscall3(__NR_finit_module, fd, args, 0);
	close(fd);
	if (ret < 0 && ret != -EEXIST) {
		printf("# loading %s failed (errno %d)\n", path, -ret);
		return -1;
	}
	printf("# loaded %s %s\n", name, args);
	return 0;
}

/*
 * Scan the kernel log from @fd on for the suite's "End of test: " line.
 * Return 0 for SUCCESS, 1 for another verdict, -1 if there is none yet.
 */
static int verdict(int fd)
{
	static char rec[2048];
	const char *m;
	int n;

	for (;;) {
		n = read(fd, rec, sizeof(rec) - 1);
		if (n < 0 && errno == EPIPE)	/* records lost: go on */
			continue;
		if (n <= 0)
			return -1;
		rec[n] = '\0';
		m = voyager_strstr(rec, "End of test: ");
		if (!m)
			continue;
		m = strchr(rec, ';');
		printf("# %s", m ? m + 1 : rec);
		return voyager_strstr(rec, "End of test: SUCCESS") ? 0 : 1;
	}
}

/*
 * Load @suite (with torture_type=@type unless @type is NULL), let it run
 * @secs seconds, unload it and read its verdict: 0 for SUCCESS, 1
 * otherwise.
 */
static int run_suite(const char *suite, const char *type, int secs)
{
	int fd, ret, i, result = -1, used;

	module_params(suite);
	used = strlen(params);
	if (type && used + strlen(type) + 16 < sizeof(params)) {
		if (used)
			params[used++] = ' ';
		strcpy(params + used, "torture_type=");
		strncat(params, type, sizeof(params) - strlen(params) - 1);
	}
	if (load(suite, params))
		return 1;
	printf("# %s runs for %d s\n", suite, secs);
	for (i = 0; i < secs; i++)
		msleep(1000);

	/* Only the log from here on: the verdict is printed by the unload. */
	fd = open("/dev/kmsg", O_RDONLY | O_NONBLOCK, 0);
	if (fd >= 0)
		lseek(fd, 0, SEEK_END);
	ret = my_syscall2(__NR_delete_module, suite, O_NONBLOCK);
	if (ret < 0) {
		printf("# unloading %s failed (errno %d)\n", suite, -ret);
		if (fd >= 0)
			close(fd);
		return 1;
	}
	if (fd < 0) {
		printf("# cannot open /dev/kmsg (errno %d)\n", errno);
		return 1;
	}
	/* The verdict is printed before the unload returns; look twice. */
	for (i = 0; i < 2 && result < 0; i++) {
		result = verdict(fd);
		if (result < 0)
			msleep(500);
	}
	close(fd);
	if (result < 0)
		printf("# %s printed no \"End of test:\" line\n", suite);
	return result == 0 ? 0 : 1;
}

/*
 * voyager_torture_types=A,B,C runs the suite once per type, each for an
 * equal share of the time: locktorture tests one lock type per load, and
 * the Voyager's CPIs and VIC masking meet spinlocks with interrupts off,
 * sleeping locks and reader-writer locks differently.
 */
int main(void)
{
	static char types[256];
	const char *suite = getenv("voyager_torture");
	const char *list = getenv("voyager_torture_types");
	int secs = voyager_env_int("voyager_torture_secs", 60);
	int ntypes = 0, failed = 0, share;
	char *type, *next;

	if (!suite || !*suite) {
		printf("# no voyager_torture=SUITE on the command line\n");
		return EXIT_SKIP;
	}
	module_params("torture");
	if (load("torture", params))
		return 1;
	if (!list || !*list) {
		failed = run_suite(suite, NULL, secs);
	} else {
		strncpy(types, list, sizeof(types) - 1);
		for (ntypes = 1, type = types; *type; type++)
			ntypes += *type == ',';
		share = secs / ntypes > 0 ? secs / ntypes : 1;
		for (type = types; type; type = next) {
			next = strchr(type, ',');
			if (next)
				*next++ = '\0';
			printf("# %s torture_type=%s\n", suite, type);
			if (run_suite(suite, type, share)) {
				printf("# %s torture_type=%s failed\n", suite, type);
				failed++;
			}
		}
	}
	my_syscall2(__NR_delete_module, "torture", O_NONBLOCK);
	return failed ? 1 : 0;
}
