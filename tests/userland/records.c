// SPDX-License-Identifier: GPL-2.0
/*
 * Test: acknowledged data survives the power switch.
 *
 * The first SCSI disk (/dev/sda, ext4, made by the host) holds /records,
 * a sequence of fixed-size records numbered from 1, each with a checksum
 * of its number.  Every run first mounts the disk and checks every record
 * on it: the numbers follow each other, each checksum is right, nothing
 * trails the last record, and there are at least voyager_records_acked of
 * them (the highest number a previous boot acknowledged, from its
 * console).  Then:
 *
 *   voyager_records=check   prints the count, unmounts cleanly (the host
 *                           runs e2fsck next) and ends;
 *   voyager_records=write   appends record after record and prints
 *                           "# record N acked" once write() has returned,
 *                           with no fsync(): the record is in the page
 *                           cache, as an application's data is when it
 *                           does not sync.  After voyager_records_press
 *                           (default 20) records of this boot it prints
 *                           "# press the power switch now" and carries on
 *                           until init's SIGTERM (the power switch's
 *                           orderly power-off) or voyager_power_wait
 *                           seconds (default 60, then not ok).  The disk
 *                           stays mounted: the power goes off under it.
 *
 * The host's test compares the highest acknowledged number with what the
 * next boot finds.  Only the orderly path of the power switch (init asked,
 * this program ended, init's sync() before the power-off) puts the records
 * on the disk: a switch that cut the power at once would lose them, and
 * the host's control, the plug pulled at the same point, shows that it
 * does (test audit H1: with an fsync() per record nothing was ever at
 * risk, and the test could not fail for the switch).
 */
#include "voyager_test.h"

#define DEV		"/dev/sda"
#define MNT		"/mnt"
#define FILE_PATH	MNT "/records"
#define RECORD_SIZE	32

static const char hex[] = "0123456789abcdef";

/* FNV-1a of the number's four bytes: a zeroed or stale block fails it. */
static unsigned int record_sum(unsigned int n)
{
	unsigned int h = 2166136261u;
	int i;

	for (i = 0; i < 4; i++) {
		h ^= (n >> (8 * i)) & 0xff;
		h *= 16777619u;
	}
	return h;
}

static void put_hex(char *p, unsigned int v)
{
	int i;

	for (i = 7; i >= 0; i--) {
		p[i] = hex[v & 15];
		v >>= 4;
	}
}

/* "VR nnnnnnnn ssssssss ..........\n": number and checksum in hex. */
static void record_make(char *rec, unsigned int n)
{
	memset(rec, '.', RECORD_SIZE);
	rec[0] = 'V';
	rec[1] = 'R';
	rec[2] = ' ';
	put_hex(rec + 3, n);
	rec[11] = ' ';
	put_hex(rec + 12, record_sum(n));
	rec[20] = ' ';
	rec[RECORD_SIZE - 1] = '\n';
}

/*
 * Check every record of @fd; return how many there are, or -1 after
 * saying which one is wrong.
 */
static long records_check(int fd)
{
	char rec[RECORD_SIZE + 1], want[RECORD_SIZE];
	unsigned int n = 0;
	ssize_t got;

	for (;;) {
		got = read(fd, rec, RECORD_SIZE);
		if (got == 0)
			return n;
		if (got != RECORD_SIZE) {
			printf("# records: %ld stray bytes after record %u\n",
			       (long)got, n);
			return -1;
		}
		record_make(want, n + 1);
		if (memcmp(rec, want, RECORD_SIZE)) {
			rec[RECORD_SIZE - 1] = '\0';
			printf("# records: record %u is damaged: \"%s\"\n",
			       n + 1, rec);
			return -1;
		}
		n++;
	}
}

static int end_requested(void)
{
	unsigned long set[2] = { 1UL << (SIGTERM - 1), 0 };
	long long now[2] = { 0, 0 };

	return my_syscall4(__NR_rt_sigtimedwait_time64, set, NULL, now,
			   sizeof(set)) == SIGTERM;
}

static int records_write(int fd, unsigned int first)
{
	int press = voyager_env_int("voyager_records_press", 20);
	int secs = voyager_env_int("voyager_power_wait", 60);
	char rec[RECORD_SIZE];
	long long deadline = 0;
	unsigned int n;

	for (n = first;; n++) {
		if (end_requested()) {
			printf("# records: power-off request after record %u\n",
			       n - 1);
			return 0;
		}
		if (deadline && voyager_now_ms() > deadline) {
			printf("# records: no power-off request within %d s\n",
			       secs);
			return 1;
		}
		record_make(rec, n);
		if (write(fd, rec, RECORD_SIZE) != RECORD_SIZE) {
			printf("# records: cannot write record %u (errno %d)\n",
			       n, errno);
			return 1;
		}
		printf("# record %u acked\n", n);
		if (n - first + 1 == (unsigned int)press) {
			printf("# press the power switch now\n");
			deadline = voyager_now_ms() + secs * 1000LL;
		}
	}
}

int main(void)
{
	unsigned long set[2] = { 1UL << (SIGTERM - 1), 0 };
	const char *mode = getenv("voyager_records");
	long acked = voyager_env_int("voyager_records_acked", 0);
	long found;
	int fd;

	if (!mode || (strcmp(mode, "write") && strcmp(mode, "check"))) {
		printf("# voyager_records=write or voyager_records=check, please\n");
		return 1;
	}
	/* SIGTERM is collected between records, never inside one. */
	my_syscall4(__NR_rt_sigprocmask, SIG_BLOCK, set, NULL, sizeof(set));
	mkdir(MNT, 0755);
	if (mount(DEV, MNT, "ext4", 0, NULL) < 0) {
		printf("# cannot mount %s as ext4 on %s (errno %d)\n", DEV, MNT,
		       errno);
		return 1;
	}
	fd = open(FILE_PATH, O_RDWR | O_CREAT | O_APPEND, 0644);
	if (fd < 0) {
		printf("# cannot open %s (errno %d)\n", FILE_PATH, errno);
		return 1;
	}
	found = records_check(fd);
	if (found < 0)
		return 1;
	printf("# records: %ld intact on the disk, %ld acknowledged before\n",
	       found, acked);
	if (found < acked) {
		printf("# records: %ld acknowledged records lost\n",
		       acked - found);
		return 1;
	}
	if (!strcmp(mode, "write"))
		return records_write(fd, found + 1);
	close(fd);
	if (umount2(MNT, 0) < 0) {
		printf("# cannot unmount %s (errno %d)\n", MNT, errno);
		return 1;
	}
	printf("# records: every acknowledged record is there, disk unmounted\n");
	return 0;
}
