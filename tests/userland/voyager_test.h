/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Helpers shared by the test userland (init, tests, poweroff).  Header
 * only: every program is one nolibc translation unit.
 */
#ifndef VOYAGER_TEST_H
#define VOYAGER_TEST_H

#include <linux/reboot.h>

/* Integer value of environment variable @name, or @def. */
static int voyager_env_int(const char *name, int def)
{
	const char *v = getenv(name);

	return v && *v ? atoi(v) : def;
}

/* Read up to @size - 1 bytes of @path into @buf; -1 on error. */
static int voyager_read_file(const char *path, char *buf, int size)
{
	int fd = open(path, O_RDONLY, 0), n, got = 0;

	if (fd < 0)
		return -1;
	while (got < size - 1 && (n = read(fd, buf + got, size - 1 - got)) > 0)
		got += n;
	close(fd);
	buf[got] = '\0';
	return got;
}

/* nolibc has no strstr(). */
static const char *voyager_strstr(const char *hay, const char *needle)
{
	size_t n = strlen(needle);

	for (; *hay; hay++)
		if (!strncmp(hay, needle, n))
			return hay;
	return NULL;
}

/* Number of CPUs in a list such as "0-3,5,7-8". */
static int voyager_count_cpu_list(const char *s)
{
	int count = 0;

	while (*s >= '0' && *s <= '9') {
		char *end;
		long a = strtol(s, &end, 10), b = a;

		if (*end == '-')
			b = strtol(end + 1, &end, 10);
		count += b - a + 1;
		s = *end == ',' ? end + 1 : end;
	}
	return count;
}

static void voyager_sync(void)
{
	my_syscall0(__NR_sync);
}

/* Sync and power off (or restart); never returns. */
static __attribute__((noreturn)) void voyager_end_machine(int power_off)
{
	voyager_sync();
	reboot(power_off ? LINUX_REBOOT_CMD_POWER_OFF :
			   LINUX_REBOOT_CMD_RESTART);
	printf("voyager: reboot() failed (errno %d)\n", errno);
	for (;;)
		msleep(1000);
}

#endif /* VOYAGER_TEST_H */
