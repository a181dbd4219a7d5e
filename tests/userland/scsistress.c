// SPDX-License-Identifier: GPL-2.0
/*
 * Many SCSI commands in flight at once, every read checked.
 *
 * voyager_scsistress_workers (default 16) processes share /dev/sda, each
 * in its own stretch of it, for voyager_scsistress_seconds (default 10).
 * Each writes runs of 1 to 64 sectors at random places of its stretch
 * with O_DIRECT (no page cache: every request goes to the adapter), from
 * a buffer at any 512-byte place of a page, as the buffer cache's 1 KiB
 * reads are; reads runs back that overlap what it wrote, into a buffer
 * filled with A5h first, and checks every sector against the last write
 * there, or against zeros where it never wrote (the image starts empty);
 * and one request in 16 is an fsync(), a SCSI SYNCHRONIZE CACHE, which
 * has no data phase and ends only when the host has flushed.  With the
 * processes on their own, commands of several tags follow each other and
 * overlap on the adapter: a status given to the wrong command, a data-in
 * move that copies nothing (the A5h stays) or a read served ahead of the
 * write before it shows as a sector that holds another sector, an older
 * write, A5h or zeros.
 *
 * Each written sector says what it is: its sector number, the worker and
 * the write's generation, and a pattern made of all three.  A bad sector
 * is reported as what was wanted and what was found, e.g.
 *
 *   # scsistress: worker 2 read sector 9001: want gen 17, found sector
 *     9001 gen 16 worker 2 (an older write)
 *
 * With voyager_scsistress_reset_ms (default 0, none) the parent resets the
 * SCSI host (SG_SCSI_RESET, the error handler's last resort) every that
 * many milliseconds while the workers run, and prints the count: the
 * commands a reset cuts off are retried, and no read may see the cut.
 *
 * Prints "# scsistress: N writes, F flushes, M reads, S sectors checked,
 * ok" and exits 0, or exits 1 after a "# scsistress: ..." line saying
 * what is wrong; a run with no flush or no read checked fails.  The
 * disk's contents are lost.
 */
#include "voyager_test.h"

#define DEV		"/dev/sda"
#define SECTOR		512
#define MAX_RUN		64		/* sectors per request */
#define MAX_WORKERS	16
#define MAX_SECTORS	(256 * 1024)	/* 128 MiB: the stretch used */

/* <scsi/sg.h>, which the kernel's UAPI headers do not carry */
#define SG_SCSI_RESET		0x2284
#define SG_SCSI_RESET_HOST	3

/* Header words of a written sector; the rest is the pattern. */
#define HDR_SECTOR	0
#define HDR_WORKER	1
#define HDR_GEN		2
#define HDR_MAGIC	3
#define MAGIC		0x5c5a1710u

static unsigned int word(unsigned int sector, unsigned int gen, unsigned int i)
{
	return (sector * 2654435761u) ^ (gen * 40503u) ^ (i * 0x9e3779b9u);
}

static void fill_sector(unsigned int *w, unsigned int sector, int worker,
			unsigned int gen)
{
	unsigned int i;

	w[HDR_SECTOR] = sector;
	w[HDR_WORKER] = worker;
	w[HDR_GEN] = gen;
	w[HDR_MAGIC] = MAGIC;
	for (i = 4; i < SECTOR / 4; i++)
		w[i] = word(sector, gen, i);
}

static int all_zero(const unsigned int *w)
{
	unsigned int i;

	for (i = 0; i < SECTOR / 4; i++)
		if (w[i])
			return 0;
	return 1;
}

/*
 * Check one sector read back: @gen 0 means never written (zeros).
 * 0, or -1 after the line that says what was found.
 */
static int check_sector(const unsigned int *w, unsigned int sector,
			int worker, unsigned int gen)
{
	unsigned int i;

	if (!gen && all_zero(w))
		return 0;
	if (gen && w[HDR_MAGIC] == MAGIC && w[HDR_SECTOR] == sector &&
	    w[HDR_WORKER] == (unsigned int)worker && w[HDR_GEN] == gen) {
		for (i = 4; i < SECTOR / 4; i++)
			if (w[i] != word(sector, gen, i))
				break;
		if (i == SECTOR / 4)
			return 0;
		printf("# scsistress: worker %d sector %u gen %u: word %u is %08x, want %08x\n",
		       worker, sector, gen, i, w[i], word(sector, gen, i));
		return -1;
	}
	if (gen)
		printf("# scsistress: worker %d read sector %u: want gen %u, ",
		       worker, sector, gen);
	else
		printf("# scsistress: worker %d read sector %u: want zeros, ",
		       worker, sector);
	if (all_zero(w))
		printf("found zeros\n");
	else if (w[HDR_MAGIC] != MAGIC)
		printf("found no header (%08x %08x %08x %08x)\n",
		       w[0], w[1], w[2], w[3]);
	else
		printf("found sector %u gen %u worker %u (%s)\n",
		       w[HDR_SECTOR], w[HDR_GEN], w[HDR_WORKER],
		       w[HDR_SECTOR] != sector ? "another sector" :
		       w[HDR_WORKER] != (unsigned int)worker ? "another worker" :
		       w[HDR_GEN] < gen ? "an older write" : "a newer write");
	return -1;
}

/* @count sectors at sector @at, to or from @buf; 0, or -1 after a line. */
static int transfer(int fd, int worker, unsigned int at, unsigned int count,
		    void *buf, int writing)
{
	long want = (long)count * SECTOR, n;

	if (lseek(fd, (off_t)at * SECTOR, SEEK_SET) != (off_t)at * SECTOR) {
		printf("# scsistress: worker %d: lseek to sector %u failed (errno %d)\n",
		       worker, at, errno);
		return -1;
	}
	n = writing ? write(fd, buf, want) : read(fd, buf, want);
	if (n != want) {
		printf("# scsistress: worker %d: %s of %u sectors at %u returned %ld (errno %d)\n",
		       worker, writing ? "write" : "read", count, at, n, errno);
		return -1;
	}
	return 0;
}

struct stretch {
	unsigned int first, count;	/* sectors */
};

/*
 * One worker: write, read back, check, until @deadline_ms.  The exit
 * status is 0, or 1 after a line; the counts go out on @out_fd.
 */
static int worker_run(int worker, struct stretch st, long long deadline_ms,
		      int out_fd)
{
	unsigned int *gen, seed = 0x2545f491u * (worker + 1), i, at, n;
	/* writes, reads, sectors checked, flushes */
	unsigned long counts[4] = { 0, 0, 0, 0 };
	unsigned int next_gen = 1;
	char *raw, *base, *buf;
	int fd;

	gen = calloc(st.count, sizeof(*gen));
	/* O_DIRECT wants the buffer aligned to the logical block. */
	raw = malloc(MAX_RUN * SECTOR + 2 * 4096);
	if (!gen || !raw) {
		printf("# scsistress: worker %d: out of memory\n", worker);
		return 1;
	}
	base = (char *)(((unsigned long)raw + 4095) & ~4095ul);
	fd = open(DEV, O_RDWR | O_DIRECT, 0);
	if (fd < 0) {
		printf("# scsistress: worker %d: cannot open %s O_DIRECT (errno %d)\n",
		       worker, DEV, errno);
		return 1;
	}
	while (voyager_now_ms() < deadline_ms) {
		/* Any 512-byte place in a page, as the buffer cache's reads. */
		buf = base + SECTOR * voyager_draw(&seed, 4096 / SECTOR);
		n = 1 + voyager_draw(&seed, MAX_RUN);
		/* A cache flush (SYNCHRONIZE CACHE) among the others. */
		if (!voyager_draw(&seed, 16)) {
			if (fsync(fd) < 0) {
				printf("# scsistress: worker %d: fsync failed (errno %d)\n",
				       worker, errno);
				return 1;
			}
			counts[3]++;
			continue;
		}
		at = voyager_draw(&seed, st.count - n + 1);
		if (voyager_draw(&seed, 2)) {
			for (i = 0; i < n; i++) {
				gen[at + i] = next_gen;
				fill_sector((unsigned int *)(buf + i * SECTOR),
					    st.first + at + i, worker, next_gen);
			}
			next_gen++;
			if (transfer(fd, worker, st.first + at, n, buf, 1) < 0)
				return 1;
			counts[0]++;
			continue;
		}
		/* Poison the buffer: a read that moves nothing must show. */
		memset(buf, 0xa5, n * SECTOR);
		if (transfer(fd, worker, st.first + at, n, buf, 0) < 0)
			return 1;
		counts[1]++;
		for (i = 0; i < n; i++) {
			if (check_sector((unsigned int *)(buf + i * SECTOR),
					 st.first + at + i, worker,
					 gen[at + i]) < 0) {
				printf("# scsistress: worker %d: read of %u at %u, ",
				       worker, n, st.first + at);
				printf("after %lu writes, %lu reads\n",
				       counts[0], counts[1]);
				return 1;
			}
		}
		counts[2] += n;
	}
	close(fd);
	if (write(out_fd, counts, sizeof(counts)) != sizeof(counts))
		return 1;
	return 0;
}

int main(void)
{
	int workers = voyager_env_int("voyager_scsistress_workers", 16);
	int seconds = voyager_env_int("voyager_scsistress_seconds", 10);
	int reset_ms = voyager_env_int("voyager_scsistress_reset_ms", 0);
	int resets = 0, fd;
	unsigned long total[4] = { 0, 0, 0, 0 }, got[4];
	pid_t pids[MAX_WORKERS];
	long long deadline;
	int pipefd[2], w, status, failed = 0;
	long sectors;

	if (workers < 1 || workers > MAX_WORKERS || seconds < 1) {
		printf("# scsistress: %d workers for %d s asked (1..%d workers, 1 s or more)\n",
		       workers, seconds, MAX_WORKERS);
		return 1;
	}
	sectors = voyager_sda_sectors();
	if (sectors < 0) {
		printf("# scsistress: no %s (no SCSI disk)\n", VOYAGER_SDA_SIZE);
		return 1;
	}
	if (sectors > MAX_SECTORS)
		sectors = MAX_SECTORS;
	if (sectors / workers < MAX_RUN) {
		printf("# scsistress: %ld sectors are too few for %d workers\n",
		       sectors, workers);
		return 1;
	}
	if (pipe(pipefd) < 0) {
		printf("# scsistress: pipe failed (errno %d)\n", errno);
		return 1;
	}
	printf("# scsistress: %s, %d workers, %ld sectors each, %d s\n", DEV,
	       workers, sectors / workers, seconds);
	deadline = voyager_now_ms() + seconds * 1000LL;
	for (w = 0; w < workers; w++) {
		struct stretch st = {
			.first = w * (sectors / workers),
			.count = sectors / workers,
		};

		pids[w] = fork();
		if (pids[w] < 0) {
			printf("# scsistress: fork failed (errno %d)\n", errno);
			return 1;
		}
		if (!pids[w])
			exit(worker_run(w, st, deadline, pipefd[1]));
	}
	close(pipefd[1]);
	/* The error handler's last resort, from the driver, under load. */
	fd = reset_ms > 0 ? open(DEV, O_RDONLY, 0) : -1;
	if (reset_ms > 0 && fd < 0) {
		printf("# scsistress: cannot open %s (errno %d)\n", DEV, errno);
		failed = 1;
	}
	while (fd >= 0 && voyager_now_ms() + reset_ms < deadline) {
		int what = SG_SCSI_RESET_HOST;

		msleep(reset_ms);
		if (ioctl(fd, SG_SCSI_RESET, &what) < 0) {
			printf("# scsistress: host reset %d failed (errno %d)\n",
			       resets + 1, errno);
			failed = 1;
			break;
		}
		resets++;
	}
	if (fd >= 0)
		close(fd);
	for (w = 0; w < workers; w++) {
		if (waitpid(pids[w], &status, 0) != pids[w] ||
		    !WIFEXITED(status) || WEXITSTATUS(status)) {
			printf("# scsistress: worker %d failed\n", w);
			failed = 1;
		}
	}
	while (read(pipefd[0], got, sizeof(got)) == sizeof(got))
		for (w = 0; w < 4; w++)
			total[w] += got[w];
	if (failed)
		return 1;
	if (!total[1] || !total[3]) {
		printf("# scsistress: %lu reads checked, %lu flushes: both must be some\n",
		       total[1], total[3]);
		return 1;
	}
	if (reset_ms > 0)
		printf("# scsistress: %d host resets\n", resets);
	printf("# scsistress: %lu writes, %lu flushes, %lu reads, %lu sectors checked, ok\n",
	       total[0], total[3], total[1], total[2]);
	return 0;
}
