// SPDX-License-Identifier: GPL-2.0
/*
 * Test: a storm of spurious CPIs (the emulator's fault-cpi-storm=N) is
 * survived and counted.  The kernel counts a CPI that finds its mailbox
 * empty in the SPU line of /proc/interrupts; the storm raises N of them.
 * Waits for the storm to show, then for it to end, and checks the count:
 * at least one, and not more than N plus a margin for the ordinary empty
 * CPIs (a CPI whose work an earlier pass of the handler already did).
 * Then holds for the boot runner's monitor (`info voyager vic`) and
 * prints the count read after the release: the host holds it against
 * the CPIs the VIC saw taken and sent up to the hold, and a count read
 * before could miss an empty CPI taken between the two.
 *
 * Kernel command line: voyager_cpi_storm=N (without it: skipped).
 */
#include "voyager_test.h"

#define EXIT_SKIP	77

int main(void)
{
	long storm = voyager_env_int("voyager_cpi_storm", 0), spu, last;
	int waited;

	if (storm <= 0) {
		printf("# no voyager_cpi_storm=N on the command line\n");
		return EXIT_SKIP;
	}
	/* The storm starts 0.5 s after the CPI base is set: early in boot. */
	for (waited = 0; waited < 600; waited++) {
		spu = voyager_irq_total("SPU");
		if (spu != 0)
			break;
		msleep(100);
	}
	if (spu < 0) {
		printf("# no SPU line in /proc/interrupts\n");
		return 1;
	}
	if (spu == 0) {
		printf("# no spurious CPI counted in 60 s of a %ld CPI storm\n",
		       storm);
		return 1;
	}
	/* About one CPI per ms: wait until the count stops growing. */
	for (waited = 0, last = -1; spu != last && waited < 120; waited++) {
		last = spu;
		msleep(1000);
		spu = voyager_irq_total("SPU");
	}
	if (spu > storm + storm / 10 + 10) {
		printf("# %ld spurious CPIs, more than the storm of %ld raised: the count is wrong\n",
		       spu, storm);
		return 1;
	}
	if (voyager_hold_for_monitor())
		return 1;
	spu = voyager_irq_total("SPU");
	printf("# %ld spurious CPIs counted for a storm of %ld\n", spu, storm);
	return 0;
}
