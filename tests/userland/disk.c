// SPDX-License-Identifier: GPL-2.0
/*
 * Test: data on the first SCSI disk (whole-disk ext2) survives a
 * power-off and a restart.
 *
 * voyager_disk=write:TEXT mounts /dev/sda (ext2) on /mnt, writes TEXT to
 * /mnt/data, syncs and unmounts; voyager_disk=read:TEXT mounts it and
 * checks that /mnt/data holds exactly TEXT.  Also counts boots in
 * /mnt/boots (one more each run, printed as "# boot count N"), for the
 * restart test: voyager_disk=count:N only counts, and once the count
 * reaches N asks init to power the machine off (SIGUSR2) instead of
 * ending it the way the command line says (a restart, for that test).
 * The host makes the file system (mke2fs) and chooses TEXT.
 */
#include "voyager_test.h"

#define DEV	"/dev/sda"
#define MNT	"/mnt"

static int write_file(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	int len = strlen(text);

	if (fd < 0 || write(fd, text, len) != len || fsync(fd) < 0) {
		printf("# cannot write %s (errno %d)\n", path, errno);
		return -1;
	}
	return close(fd);
}

static int count_boot(int *count)
{
	char buf[32], *p = buf + sizeof(buf) - 1;
	int n = 0, v;

	if (voyager_read_file(MNT "/boots", buf, sizeof(buf)) > 0)
		n = atoi(buf);
	n++;
	*count = n;
	printf("# boot count %d\n", n);
	*p = '\0';
	*--p = '\n';
	for (v = n; v || p == buf + sizeof(buf) - 2; v /= 10)
		*--p = '0' + v % 10;
	return write_file(MNT "/boots", p);
}

int main(void)
{
	const char *arg = getenv("voyager_disk");
	char got[256];
	int mode, count = 0, rc = 0;

	if (!arg || (strncmp(arg, "write:", 6) && strncmp(arg, "read:", 5) &&
		     strncmp(arg, "count:", 6))) {
		printf("# want voyager_disk=write:TEXT, read:TEXT or count:N\n");
		return 1;
	}
	mode = arg[0];
	arg = strchr(arg, ':') + 1;
	mkdir(MNT, 0755);
	if (mount(DEV, MNT, "ext2", 0, NULL) < 0) {
		printf("# cannot mount %s (errno %d)\n", DEV, errno);
		return 1;
	}
	if (count_boot(&count) < 0)
		rc = 1;
	if (mode == 'c') {
		/* Asked at the end, below. */
	} else if (mode == 'w') {
		if (write_file(MNT "/data", arg) < 0)
			rc = 1;
		else
			printf("# wrote \"%s\" to %s/data\n", arg, MNT);
	} else if (voyager_read_file(MNT "/data", got, sizeof(got)) < 0) {
		printf("# cannot read %s/data (errno %d)\n", MNT, errno);
		rc = 1;
	} else if (strcmp(got, arg)) {
		printf("# %s/data holds \"%s\", want \"%s\"\n", MNT, got, arg);
		rc = 1;
	} else {
		printf("# read back \"%s\" intact\n", got);
	}
	if (my_syscall2(__NR_umount2, MNT, 0) < 0) {
		printf("# cannot unmount %s\n", MNT);
		rc = 1;
	}
	voyager_sync();
	if (mode == 'c' && count >= atoi(arg)) {
		unsigned long term[2] = { 1UL << (SIGTERM - 1), 0 };

		/* init answers with SIGTERM: this program is done anyway. */
		my_syscall4(__NR_rt_sigprocmask, SIG_BLOCK, term, NULL,
			    sizeof(term));
		printf("# boot %d of %s: asking init to power off\n", count,
		       arg);
		kill(1, SIGUSR2);
	}
	return rc;
}
