// SPDX-License-Identifier: GPL-2.0
/*
 * Test: time passes and the tick interrupts count.  Sleeps 200 ms and
 * checks that the clock advanced by about that much and that the timer
 * lines of /proc/interrupts grew: IRQ 0 (the PIT) plus the per-CPU timer
 * line where there is one ("LOC" for the local APIC timer, which takes
 * over from IRQ 0 on a PC).
 */
#include "voyager_test.h"

static long now_ms(void)
{
	struct timeval tv;

	gettimeofday(&tv, NULL);
	return tv.tv_sec * 1000L + tv.tv_usec / 1000;
}

/* Sum over every timer line present; -1 if none is. */
static long timer_count(void)
{
	static const char * const lines[] = { "0", "LOC" };
	long sum = -1, v;
	unsigned int i;

	for (i = 0; i < sizeof(lines) / sizeof(lines[0]); i++) {
		v = voyager_irq_total(lines[i]);
		if (v >= 0)
			sum = (sum < 0 ? 0 : sum) + v;
	}
	return sum;
}

int main(void)
{
	long before, after, t0, dt;

	before = timer_count();
	if (before < 0) {
		printf("# no timer line (0 or LOC) in /proc/interrupts\n");
		return 1;
	}
	t0 = now_ms();
	msleep(200);
	dt = now_ms() - t0;
	after = timer_count();
	printf("# slept %ld ms; timer interrupts: %ld -> %ld\n", dt, before,
	       after);
	if (dt < 190 || dt > 5000) {
		printf("# the clock did not advance by about 200 ms\n");
		return 1;
	}
	if (after <= before) {
		printf("# the timer interrupts did not count\n");
		return 1;
	}
	return 0;
}
