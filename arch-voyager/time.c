// SPDX-License-Identifier: GPL-2.0
/*
 * NCR Voyager time keeping.
 *
 * The PIT on IRQ 0 is the only tick source (the VIC has no timer).  The
 * CPU that takes IRQ 0 runs the tick and relays it to the others with the
 * timer CPI, through a per-CPU dummy clockevent device (the local APIC's
 * stand-in) that the broadcast PIT drives.  The CPUs run from independent
 * clocks, possibly at different speeds, so the TSC is no clocksource here.
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

#include <linux/clockchips.h>
#include <linux/i8253.h>
#include <linux/init.h>
#include <linux/io.h>
#include <linux/percpu.h>
#include <linux/spinlock.h>
#include <asm/time.h>
#include <asm/tsc.h>
#include <asm/voyager.h>
#include "voyager.h"

/* Port B: on MCA machines bit 7 resets the latched IRQ 0 request. */
#define PORT_B				0x61
#define PORT_B_IRQ0_RESET		0x80

/* The PIT: latch channel 0; mode 2 (rate generator), LSB then MSB. */
#define PIT_LATCH_CH0			0x00
#define PIT_CH0_PERIODIC		0x34
#define PIT_CHECK_TICKS			1024

/*
 * Every 1024 ticks, on the CPU that takes IRQ 0: the old port found the
 * count of channel 0 corrupted during boot on real machines and checked
 * it this often (reference 8.3).  A count above the reload value cannot
 * come from the programmed mode: program it again.  Called with
 * i8253_lock held, right after the IRQ, when the counter has just been
 * reloaded.
 */
static void voyager_pit_check(void)
{
	static unsigned int ticks;
	unsigned int count;

	if (++ticks % PIT_CHECK_TICKS ||
	    !global_clock_event || !clockevent_state_periodic(global_clock_event))
		return;
	outb(PIT_LATCH_CH0, PIT_MODE);
	count = inb(PIT_CH0);
	count |= inb(PIT_CH0) << 8;
	if (count <= PIT_LATCH)
		return;
	outb(PIT_CH0_PERIODIC, PIT_MODE);
	outb(PIT_LATCH & 0xff, PIT_CH0);
	outb(PIT_LATCH >> 8, PIT_CH0);
	pr_warn_ratelimited("PIT channel 0 count %u above its reload value %lu: reprogrammed\n",
			    count, PIT_LATCH);
}

/*
 * After each IRQ 0, before its EOI: reset the MCA latch (port B bit 7;
 * pcspkr and the PIT channel 2 users share port B, hence the lock), and
 * look at the PIT every 1024 ticks.
 */
void voyager_pit_irq0_ack(void)
{
	unsigned long flags;

	raw_spin_lock_irqsave(&i8253_lock, flags);
	outb(inb(PORT_B) | PORT_B_IRQ0_RESET, PORT_B);
	voyager_pit_check();
	raw_spin_unlock_irqrestore(&i8253_lock, flags);
}

static DEFINE_PER_CPU(struct clock_event_device, voyager_clockevent);

/* The device only stands for the CPU; the broadcast PIT does the timing. */
static int voyager_clockevent_next(unsigned long delta,
				   struct clock_event_device *evt)
{
	return 0;
}

/*
 * This CPU's tick device, fed by the timer CPI of the CPU taking IRQ 0.
 * The same features as the local APIC's stand-in: the tick core only
 * prefers a per-CPU device that is oneshot capable over the PIT, which
 * then becomes the broadcast device.  C3STOP keeps any oneshot use on the
 * broadcast device; with the PIT clocksource the ticks stay periodic.
 */
void voyager_time_setup_percpu(void)
{
	struct clock_event_device *evt = this_cpu_ptr(&voyager_clockevent);

	evt->name = "voyager-cpi";
	evt->features = CLOCK_EVT_FEAT_PERIODIC | CLOCK_EVT_FEAT_ONESHOT |
			CLOCK_EVT_FEAT_C3STOP | CLOCK_EVT_FEAT_DUMMY;
	evt->set_next_event = voyager_clockevent_next;
	evt->rating = 100;
	evt->cpumask = cpumask_of(smp_processor_id());
	evt->broadcast = voyager_send_timer;
	clockevents_register_device(evt);
}

/* x86_init.timers.timer_init */
void __init voyager_timer_init(void)
{
	mark_tsc_unstable("NCR Voyager CPUs run from independent clocks");
	hpet_time_init();
}
