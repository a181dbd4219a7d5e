// SPDX-License-Identifier: GPL-2.0
/*
 * Test: the memory of the second memory card is given out and holds
 * what is written to it.
 *
 * A Level 5 Voyager carries up to 2 GiB on one memory card (hardware
 * reference, CAT module 14h); more RAM is a second card, module 15h,
 * whose memory the ClickMap lists from 2 GiB up.  A 32-bit kernel maps
 * only the first 896 MiB directly: everything above is HIGHMEM, which
 * user pages come from first.  This program takes anonymous memory, a
 * chunk at a time, writes each page's number into the page and reads
 * every page back, until HIGHMEM's free pages have fallen by more than
 * the HIGHMEM the first card holds: then some of the pages were on the
 * second card.  HIGHMEM runs from the top of the directly mapped memory
 * to the top of RAM (/proc/iomem's last "System RAM"), so the first
 * card's share is 2048 MiB less (top - HighTotal).  Without memory
 * above 2 GiB the test is skipped.
 *
 * Kernel command line: voyager_highmem_mb=N, the most it may take
 * (default 2560).
 */
#include "voyager_test.h"

#define EXIT_SKIP	77
#define CHUNK_MB	64
#define MAX_CHUNKS	64
#define PAGE		4096
#define FIRST_CARD_MB	2048
/* HighFree may move a little under other allocations */
#define MARGIN_MB	16

/* A "Name:   N kB" field of /proc/meminfo, in MiB; -1 if absent. */
static long meminfo_mb(const char *field)
{
	static char buf[4096];
	const char *p;

	if (voyager_read_file("/proc/meminfo", buf, sizeof(buf)) < 0)
		return -1;
	p = voyager_strstr(buf, field);
	if (!p)
		return -1;
	p += strlen(field);
	while (*p == ' ' || *p == ':')
		p++;
	return atol(p) / 1024;
}

/* The end of the highest "System RAM" range of /proc/iomem, in MiB. */
static long ram_top_mb(void)
{
	static char buf[8192];
	unsigned long long end, top = 0;
	char *line, *dash, *next;

	if (voyager_read_file("/proc/iomem", buf, sizeof(buf)) < 0)
		return -1;
	for (line = buf; *line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		else
			next = line + strlen(line);
		dash = strchr(line, '-');
		if (*line == ' ' || !dash || !voyager_strstr(line, ": System RAM"))
			continue;
		end = strtoull(dash + 1, NULL, 16) + 1;
		if (end > top)
			top = end;
	}
	return top >> 20;
}

int main(void)
{
	long top, high_total, high_free0, high_free, need;
	long max_mb = voyager_env_int("voyager_highmem_mb", 2560);
	unsigned long *chunk[MAX_CHUNKS];
	unsigned long page, pages = CHUNK_MB * (1024 * 1024 / PAGE);
	long bad = 0;
	int n = 0, i;

	top = ram_top_mb();
	high_total = meminfo_mb("HighTotal");
	high_free0 = meminfo_mb("HighFree");
	printf("# RAM up to %ld MiB, HighTotal %ld MiB, HighFree %ld MiB\n",
	       top, high_total, high_free0);
	if (top < 0 || high_total < 0 || high_free0 < 0) {
		printf("# no System RAM in /proc/iomem or no HighTotal in /proc/meminfo\n");
		return 1;
	}
	if (top <= FIRST_CARD_MB) {
		printf("# RAM ends at %ld MiB: nothing above 2 GiB\n", top);
		return EXIT_SKIP;
	}
	/*
	 * Every free HIGHMEM page of the first card, as if the pages already
	 * used were all on the second: more than that must reach it.
	 */
	need = FIRST_CARD_MB - (top - high_total) + MARGIN_MB;
	for (high_free = high_free0;
	     high_free0 - high_free <= need && n < MAX_CHUNKS &&
	     (n + 1) * CHUNK_MB <= max_mb; n++) {
		chunk[n] = mmap(NULL, CHUNK_MB << 20, PROT_READ | PROT_WRITE,
				MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (chunk[n] == MAP_FAILED) {
			printf("# mmap of chunk %d failed (errno %d)\n", n, errno);
			break;
		}
		for (page = 0; page < pages; page++)
			chunk[n][page * (PAGE / sizeof(long))] = n * pages + page;
		high_free = meminfo_mb("HighFree");
	}
	printf("# took %d MiB in %d chunks: HighFree fell from %ld to %ld MiB (needed more than %ld)\n",
	       n * CHUNK_MB, n, high_free0, high_free, need);
	for (i = 0; i < n; i++)
		for (page = 0; page < pages; page++)
			if (chunk[i][page * (PAGE / sizeof(long))] !=
			    i * pages + page)
				bad++;
	printf("# %ld of %lu pages read back wrong\n", bad, n * pages);
	for (i = 0; i < n; i++)
		munmap(chunk[i], CHUNK_MB << 20);
	if (high_free0 - high_free <= need) {
		printf("# HIGHMEM fell by %ld MiB only: the second card's memory was not reached\n",
		       high_free0 - high_free);
		return 1;
	}
	return bad ? 1 : 0;
}
