// SPDX-License-Identifier: GPL-2.0
/*
 * NCR Voyager time keeping.
 *
 * The PIT on IRQ 0 is the only tick source (the VIC has no timer).  The
 * CPUs run from independent clocks, possibly at different speeds, so the
 * TSC is no clocksource here; the PIT is, also on SMP, where the generic
 * code would not register it.
 */

#define pr_fmt(fmt) "Voyager: " fmt

#include <linux/clocksource.h>
#include <linux/cpumask.h>
#include <linux/i8253.h>
#include <linux/init.h>
#include <asm/time.h>
#include <asm/tsc.h>
#include <asm/voyager.h>
#include "voyager.h"

/* x86_init.timers.timer_init */
void __init voyager_timer_init(void)
{
	mark_tsc_unstable("NCR Voyager CPUs run from independent clocks");
	hpet_time_init();
}

/*
 * arch/x86/kernel/i8253.c registers the PIT clocksource only on a single
 * CPU machine; a Voyager has nothing better on any number of CPUs.
 */
static int __init voyager_pit_clocksource(void)
{
	if (!is_voyager() || num_possible_cpus() <= 1)
		return 0;
	return clocksource_i8253_init();
}
arch_initcall(voyager_pit_clocksource);
