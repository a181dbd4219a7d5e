// SPDX-License-Identifier: GPL-2.0
/*
 * Every online CPU takes IPIs: this program moves itself to each CPU in
 * turn (each move wakes the target with a reschedule IPI or runs a
 * function call on it), then requires, per CPU, a non-zero count of
 * rescheduling or function-call interrupts and of local timer
 * interrupts (the timer CPI on a Voyager) in /proc/interrupts.
 *
 * Every CPU but the first must also have taken a reschedule IPI: the
 * move puts this program on the target's run queue from another CPU,
 * and the target, idle in HLT, only notices through the IPI.  Remote
 * wake-ups of sleeping tasks go through function-call IPIs instead, so
 * without this rule a kernel that dropped every reschedule CPI passed
 * (test audit 6, "lost reschedule CPI").  The first CPU is excused: the
 * move back to it may find it busy, and it then reschedules on its own.
 */
#include "voyager_test.h"

int main(void)
{
	long loc[VOYAGER_MAX_COLUMNS], res[VOYAGER_MAX_COLUMNS];
	long cal[VOYAGER_MAX_COLUMNS];
	int cpus[VOYAGER_MAX_CPUS], n, i, bad = 0, no_res = 0;

	n = voyager_online_cpus(cpus, VOYAGER_MAX_CPUS);
	if (n < 2) {
		printf("# %d online CPU(s): no IPIs to count\n", n);
		return 77;
	}
	for (i = 0; i < n; i++)
		if (voyager_pin_self(cpus[i]) < 0 ||
		    voyager_getcpu() != cpus[i]) {
			printf("# cannot move to CPU %d\n", cpus[i]);
			bad++;
		}
	voyager_pin_self(cpus[0]);
	if (voyager_irq_counts_by_cpu("LOC", loc) < 0 ||
	    voyager_irq_counts_by_cpu("RES", res) < 0 ||
	    voyager_irq_counts_by_cpu("CAL", cal) < 0) {
		printf("# no LOC, RES or CAL line in /proc/interrupts\n");
		return 1;
	}
	for (i = 0; i < n; i++) {
		int c = cpus[i];

		printf("# CPU %d: LOC %ld RES %ld CAL %ld\n", c, loc[c], res[c],
		       cal[c]);
		/* CPU 0 takes IRQ 0 itself on a Voyager: LOC may stay 0. */
		if ((c && loc[c] <= 0) || res[c] + cal[c] <= 0)
			bad++;
		if (i && res[c] <= 0)
			no_res++;
	}
	if (bad)
		printf("# %d CPU(s) without IPIs or ticks\n", bad);
	if (no_res)
		printf("# %d CPU(s) moved to without a reschedule IPI: reschedule CPIs are lost\n",
		       no_res);
	return bad || no_res ? 1 : 0;
}
