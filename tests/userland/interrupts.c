// SPDX-License-Identifier: GPL-2.0
/*
 * Diagnostic: print /proc/interrupts as KTAP diagnostic lines, so the
 * boot log shows which chip routes each line and what counted.  The boot
 * tests match on it ("# ... 0: ... VIC ... timer").
 */
#include "voyager_test.h"

int main(void)
{
	static char buf[16384];
	char *line, *next;

	if (voyager_read_file("/proc/interrupts", buf, sizeof(buf)) <= 0) {
		printf("# cannot read /proc/interrupts\n");
		return 1;
	}
	for (line = buf; *line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		else
			next = line + strlen(line);
		printf("# %s\n", line);
	}
	return 0;
}
