// SPDX-License-Identifier: GPL-2.0
/*
 * Benchmark: sequential write and read of the first SCSI disk, raw.
 *
 * For scripts/bench-scsi.py (make bench, issue 15 "Speed"), which boots
 * the same kernel on the Voyager (disk on its MCA NCR 53C710 adapter)
 * and on a PC (disk on a PCI LSI 53C895A) and compares the figures.
 *
 * Writes voyager_scsibench_mb (default 16) MiB to /dev/sda from sector 0
 * in 64 KiB write()s and fsync()s, drops the disk's page cache (BLKFLSBUF,
 * and /proc/sys/vm/drop_caches where the kernel has it) so that the read
 * goes to the disk, reads it back in 64 KiB read()s and checks every
 * word against the pattern written (each 32-bit word holds its own byte
 * offset, mixed: a block in the wrong place, stale or missing fails).
 * The data is made before the clock starts and checked after it stops,
 * so that each phase times only the system calls.  Prints
 *
 *   # scsibench: write N MiB in T ms (R MB/s)
 *   # scsibench: read N MiB in T ms (R MB/s)
 *
 * with MB = 10^6 bytes.  Exits 0, or 1 after one "# scsibench: ..." line
 * saying what went wrong.  The disk's contents are lost.
 */
#include "voyager_test.h"
#include <linux/fs.h>

#define DEV		"/dev/sda"
#define CHUNK		(64 * 1024)
#define MIB		(1024 * 1024)

/* The word at byte offset @off of the disk. */
static unsigned int pattern(unsigned long off)
{
	return (unsigned int)off * 2654435761u ^ 0x5ca1ab1e;
}

static void fill(unsigned int *buf, unsigned long bytes)
{
	unsigned long i;

	for (i = 0; i < bytes / 4; i++)
		buf[i] = pattern(i * 4);
}

/* The byte offset of the first word that differs from the pattern, or -1. */
static long check(const unsigned int *buf, unsigned long bytes)
{
	unsigned long i;

	for (i = 0; i < bytes / 4; i++)
		if (buf[i] != pattern(i * 4))
			return i * 4;
	return -1;
}

/* "Buffers:" of /proc/meminfo: the block devices' page cache, in KiB. */
static long buffers_kib(void)
{
	static char buf[4096];
	const char *p;

	if (voyager_read_file("/proc/meminfo", buf, sizeof(buf)) <= 0)
		return -1;
	p = voyager_strstr(buf, "Buffers:");
	if (!p)
		return -1;
	for (p += 8; *p == ' '; p++)
		;
	return atol(p);
}

static void report(const char *what, int mb, long long ms)
{
	/* Hundredths of MB/s. */
	long long rate = (long long)mb * MIB * 100 / (ms * 1000);

	printf("# scsibench: %s %d MiB in %lld ms (%lld.%s%lld MB/s)\n", what,
	       mb, ms, rate / 100, rate % 100 < 10 ? "0" : "", rate % 100);
}

/*
 * @bytes of @buf to (@writing) or from @fd in CHUNK requests; a short
 * transfer or the end of the disk is an error.  0, or -1 after a message.
 */
static int transfer(int fd, char *buf, unsigned long bytes, int writing)
{
	unsigned long done;
	ssize_t n;

	for (done = 0; done < bytes; done += CHUNK) {
		n = writing ? write(fd, buf + done, CHUNK) :
			      read(fd, buf + done, CHUNK);
		if (n != CHUNK) {
			printf("# scsibench: %s at %lu returned %ld (errno %d)\n",
			       writing ? "write" : "read", done, (long)n, errno);
			return -1;
		}
	}
	return 0;
}

/* Drop the disk's clean pages so that the read goes to the disk. */
static int drop_cache(int fd)
{
	int dc;

	if (ioctl(fd, BLKFLSBUF, 0) < 0) {
		printf("# scsibench: BLKFLSBUF failed (errno %d)\n", errno);
		return -1;
	}
	dc = open("/proc/sys/vm/drop_caches", O_WRONLY, 0);
	if (dc >= 0) {
		if (write(dc, "3\n", 2) != 2) {
			printf("# scsibench: cannot write drop_caches (errno %d)\n",
			       errno);
			close(dc);
			return -1;
		}
		close(dc);
	}
	return 0;
}

int main(void)
{
	int mb = voyager_env_int("voyager_scsibench_mb", 16), fd;
	unsigned long bytes;
	long long size, t0, ms;
	long bad, cached, sectors = voyager_sda_sectors();
	char *buf;

	if (sectors < 0) {
		printf("# scsibench: no %s (no SCSI disk)\n", VOYAGER_SDA_SIZE);
		return 1;
	}
	size = sectors * 512LL;
	if (mb < 1 || mb > 256 || (long long)mb * MIB > size) {
		printf("# scsibench: %d MiB asked, the disk has %lld (1..256)\n",
		       mb, size / MIB);
		return 1;
	}
	bytes = (unsigned long)mb * MIB;
	buf = malloc(bytes);
	if (!buf) {
		printf("# scsibench: cannot allocate %d MiB\n", mb);
		return 1;
	}
	fd = open(DEV, O_RDWR, 0);
	if (fd < 0) {
		printf("# scsibench: cannot open %s (errno %d)\n", DEV, errno);
		return 1;
	}
	printf("# scsibench: %s, %lld MiB; %d MiB in %d KiB requests\n", DEV,
	       size / MIB, mb, CHUNK / 1024);

	fill((unsigned int *)buf, bytes);
	t0 = voyager_now_ms();
	if (transfer(fd, buf, bytes, 1) < 0)
		return 1;
	if (fsync(fd) < 0) {
		printf("# scsibench: fsync failed (errno %d)\n", errno);
		return 1;
	}
	ms = voyager_now_ms() - t0;
	if (ms <= 0) {
		printf("# scsibench: the write took no measurable time\n");
		return 1;
	}
	report("write", mb, ms);

	if (drop_cache(fd) < 0)
		return 1;
	/* What stays cached would be read from memory, not from the disk. */
	cached = buffers_kib();
	if (cached < 0 || cached > (long)bytes / 1024 / 4) {
		printf("# scsibench: %ld KiB of block cache left after the flush\n",
		       cached);
		return 1;
	}
	if (lseek(fd, 0, SEEK_SET) != 0) {
		printf("# scsibench: lseek failed (errno %d)\n", errno);
		return 1;
	}
	/* Written over (and faulted in) before the clock starts. */
	memset(buf, 0, bytes);
	t0 = voyager_now_ms();
	if (transfer(fd, buf, bytes, 0) < 0)
		return 1;
	ms = voyager_now_ms() - t0;
	bad = check((const unsigned int *)buf, bytes);
	if (bad >= 0) {
		printf("# scsibench: read back differs at byte %ld\n", bad);
		return 1;
	}
	if (ms <= 0) {
		printf("# scsibench: the read took no measurable time\n");
		return 1;
	}
	report("read", mb, ms);
	close(fd);
	return 0;
}
