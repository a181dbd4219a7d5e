// SPDX-License-Identifier: GPL-2.0
/*
 * Test: the Voyager front-panel dump switch, pressed by the host.
 *
 * For each press (voyager_dump_presses=N, default 2) it prints
 * "# press the dump switch now (press K)" -- the boot runner's monitor
 * watches for that line and sends `nmi` -- and then stays silent, so that
 * the kernel's dump is not interleaved with its output, until the kernel
 * log (/dev/kmsg) shows the whole dump: the press, every online CPU's
 * registers ("CPU n done"), the task list with this very program in it,
 * and "dump complete".  Every CPU's NMI count in /proc/interrupts must
 * have grown, and the number of CPUs must be voyager_cpus.  The machine
 * running on to the next test is the rest of the check.  With
 * voyager_dump_offline=1 the last CPU is offline during the presses: it
 * must not dump, the others must, and it must come back afterwards.
 */
#include "voyager_test.h"

#define WAIT_MS		60000
#define STEP_MS		50
#define DUMP_PREFIX	"Voyager dump switch: "

struct dump_seen {
	int pressed;
	int tasks;
	int self;
	int complete;
	unsigned long cpus_done;	/* bit n: "CPU n done" */
};

/* Fold one /dev/kmsg record ("prio,seq,ts,flags;text") into @seen. */
static void note_record(char *rec, struct dump_seen *seen)
{
	char *text = strchr(rec, ';');
	const char *p;

	if (!text)
		return;
	text++;
	if (voyager_strstr(text, "task:dumpswitch "))
		seen->self = 1;
	if (strncmp(text, DUMP_PREFIX, strlen(DUMP_PREFIX)))
		return;
	p = text + strlen(DUMP_PREFIX);
	if (!strncmp(p, "pressed", 7))
		seen->pressed = 1;
	else if (!strncmp(p, "tasks on the machine", 20))
		seen->tasks = 1;
	else if (!strncmp(p, "dump complete", 13))
		seen->complete = 1;
	else if (!strncmp(p, "CPU ", 4) && voyager_strstr(p, " done")) {
		int cpu = atoi(p + 4);

		if (cpu >= 0 && cpu < VOYAGER_MAX_COLUMNS)
			seen->cpus_done |= 1UL << cpu;
	}
}

/* Read every new record of @fd (non-blocking) into @seen. */
static void drain_kmsg(int fd, struct dump_seen *seen)
{
	static char rec[8192];
	int n;

	for (;;) {
		n = read(fd, rec, sizeof(rec) - 1);
		if (n > 0) {
			rec[n] = '\0';
			note_record(rec, seen);
			continue;
		}
		/* EPIPE: records were overwritten; the next read goes on. */
		if (n < 0 && errno == EPIPE)
			continue;
		return;
	}
}

static int one_press(int press, int ncpus)
{
	long before[VOYAGER_MAX_COLUMNS], after[VOYAGER_MAX_COLUMNS];
	unsigned long all = (ncpus >= (int)(8 * sizeof(long))) ? ~0UL :
			    (1UL << ncpus) - 1;
	struct dump_seen seen = { 0 };
	int fd, n, i, waited, bad = 0;

	n = voyager_irq_counts("NMI", before);
	if (n != ncpus) {
		printf("# /proc/interrupts: %d CPU columns for NMI, want %d\n",
		       n, ncpus);
		return 1;
	}
	fd = open("/dev/kmsg", O_RDONLY | O_NONBLOCK, 0);
	if (fd < 0 || lseek(fd, 0, SEEK_END) < 0) {
		printf("# cannot read /dev/kmsg (errno %d)\n", errno);
		return 1;
	}
	printf("# press the dump switch now (press %d)\n", press);
	for (waited = 0; waited < WAIT_MS; waited += STEP_MS) {
		drain_kmsg(fd, &seen);
		if (seen.complete && (seen.cpus_done & all) == all)
			break;
		msleep(STEP_MS);
	}
	close(fd);
	/* Let the console finish printing the dump before we talk again. */
	msleep(500);
	printf("# press %d: pressed %d, CPUs done %#lx of %#lx, task list %d (this program in it %d), complete %d after %d ms\n",
	       press, seen.pressed, seen.cpus_done, all, seen.tasks, seen.self,
	       seen.complete, waited);
	if (!seen.pressed || !seen.tasks || !seen.self || !seen.complete ||
	    (seen.cpus_done & all) != all || (seen.cpus_done & ~all))
		bad = 1;
	if (voyager_irq_counts("NMI", after) != ncpus) {
		printf("# /proc/interrupts lost its NMI line\n");
		return 1;
	}
	for (i = 0; i < ncpus; i++) {
		if (after[i] <= before[i]) {
			printf("# CPU column %d: NMI count %ld -> %ld did not grow\n",
			       i, before[i], after[i]);
			bad = 1;
		}
	}
	return bad;
}

int main(void)
{
	int presses = voyager_env_int("voyager_dump_presses", 2);
	int ncpus = voyager_env_int("voyager_cpus", 0), i;
	int offline = voyager_env_int("voyager_dump_offline", 0);

	if (ncpus < 1 || ncpus > VOYAGER_MAX_COLUMNS ||
	    (offline && ncpus < 2)) {
		printf("# voyager_cpus=%d: want %d-%d\n", ncpus, offline ? 2 : 1,
		       VOYAGER_MAX_COLUMNS);
		return 1;
	}
	/* The last CPU offline: it must not dump, the others must. */
	if (offline) {
		ncpus--;
		if (voyager_set_cpu_online(ncpus, 0) < 0) {
			printf("# cannot take CPU %d off line (errno %d)\n",
			       ncpus, errno);
			return 1;
		}
		printf("# CPU %d offline for the presses\n", ncpus);
	}
	for (i = 1; i <= presses; i++)
		if (one_press(i, ncpus))
			return 1;
	if (offline && voyager_set_cpu_online(ncpus, 1) < 0) {
		printf("# CPU %d did not come back online after the presses (errno %d)\n",
		       ncpus, errno);
		return 1;
	}
	return 0;
}
