// SPDX-License-Identifier: GPL-2.0
/*
 * Test: /proc/interrupts says the tick was counted and no interrupt was
 * lost to an error.  Prints the file as KTAP diagnostic lines, so the
 * boot log shows which chip routes each line and what counted (the boot
 * tests match on it: "# ... 0: ... VIC ... timer"), then requires that
 * IRQ 0 (the PIT: the tick, or its calibration on a PC that ticks from
 * its local APIC) counted at least once on some CPU and that the ERR
 * line (irq_err_count: the x86 "spurious or bad" interrupts, on a
 * Voyager a spurious 8259 line 7 or 15) is at most voyager_irq_err_max
 * (default 0; a boot that injects stuck or glitching lines sets it).
 */
#include "voyager_test.h"

/* The count of the one-column line "ERR:", or -1 without one. */
static long err_count(char *buf)
{
	const char *p = voyager_strstr(buf, "\nERR:");

	if (!p)
		return -1;
	return strtol(p + 5, NULL, 10);
}

int main(void)
{
	static char buf[16384], copy[16384];
	long err_max = voyager_env_int("voyager_irq_err_max", 0), tick, err;
	char *line, *next;
	int rc = 0;

	if (voyager_read_file("/proc/interrupts", buf, sizeof(buf)) <= 0) {
		printf("# cannot read /proc/interrupts\n");
		return 1;
	}
	memcpy(copy, buf, sizeof(copy));
	for (line = buf; *line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		else
			next = line + strlen(line);
		printf("# %s\n", line);
	}
	tick = voyager_irq_total("0");
	if (tick <= 0) {
		printf("# IRQ 0 (the PIT) never counted (%ld)\n", tick);
		rc = 1;
	}
	err = err_count(copy);
	if (err < 0 || err > err_max) {
		printf("# ERR %ld: want at most %ld\n", err, err_max);
		rc = 1;
	}
	if (!rc)
		printf("# IRQ 0 counted %ld, ERR %ld\n", tick, err);
	return rc;
}
