// SPDX-License-Identifier: GPL-2.0
/*
 * NCR Voyager time keeping.
 *
 * The PIT on IRQ 0 is the only tick source (the VIC has no timer).  The
 * CPUs run from independent clocks, possibly at different speeds, so the
 * TSC is no clocksource here.
 *
 * Nor is the PIT on more than one CPU, for the reason the generic i8253
 * code gives: reading it takes i8253_lock and three slow ISA port
 * accesses, and every CPU reads the clocksource on every tick.  With 32
 * CPUs that lock alone eats a tenth of the machine, and on an emulated
 * box with more virtual than host CPUs the lock hand-over waits for the
 * host scheduler each time, so time itself crawls (seen as an 8-CPU
 * guest that stops a moment after boot).  An SMP Voyager therefore keeps
 * time with the refined jiffies clocksource, as any SMP PC without a
 * usable TSC or HPET does; a single-CPU Voyager gets the PIT clocksource
 * from the generic code.
 */

#define pr_fmt(fmt) "Voyager: " fmt

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
