// SPDX-License-Identifier: GPL-2.0
/*
 * NCR Voyager CPU hotplug.
 *
 * A Voyager processor cannot be handed back to its firmware: there is no
 * INIT, and the boot CPI only starts a processor that is parked in real
 * mode.  An offline processor therefore stays in the kernel, interrupts
 * off and every line of its interrupt controller closed, and polls a word
 * of its own.  To bring it back, the wake-up hook sets that word instead
 * of sending the boot CPI, and the processor enters start_secondary() on
 * the stack do_boot_cpu() prepared for it, as after a hardware start.
 */

#define pr_fmt(fmt) "Voyager SMP: " fmt

#include <linux/cpu.h>
#include <linux/cpumask.h>
#include <linux/percpu.h>
#include <linux/smp.h>
#include <linux/sync_core.h>
#include <asm/realmode.h>
#include "voyager.h"

enum voyager_cpu_state {
	VOYAGER_CPU_RUNNING,
	VOYAGER_CPU_PARKED,	/* offline, polling voyager_cpu_state */
	VOYAGER_CPU_RESTART,	/* told to come back */
};

static DEFINE_PER_CPU(int, voyager_cpu_state);

/* smp_ops.cpu_disable, on the CPU going offline, interrupts off. */
static int voyager_cpu_disable(void)
{
	unsigned int cpu = smp_processor_id();
	struct cpumask others;

	/* Some CPU with a VIC line must stay to take the device IRQs. */
	cpumask_andnot(&others, voyager_vic_cpu_mask, cpumask_of(cpu));
	if (!cpumask_intersects(&others, cpu_online_mask)) {
		pr_warn("CPU %u is the last online CPU with a VIC line: it stays\n",
			cpu);
		return -EBUSY;
	}
	voyager_vic_offline(cpu);
	cpu_disable_common();
	/* fixup_irqs() moved its IRQs; nothing may reach it any more. */
	voyager_close_local_interrupts();
	voyager_qic_close_local();
	return 0;
}

/*
 * Restart this CPU the way the trampoline would have: on the idle task's
 * fresh stack, in the function do_boot_cpu() chose.
 */
static void __noreturn voyager_reenter_kernel(void)
{
	asm volatile("movl %0, %%esp\n\t"
		     "call *%1\n\t"
		     "ud2"
		     : : "r" (initial_stack), "r" (initial_code) : "memory");
	unreachable();
}

/* smp_ops.play_dead, from the idle loop of the CPU gone offline. */
static void voyager_play_dead(void)
{
	int *state = this_cpu_ptr(&voyager_cpu_state);

	/* Parked before the hotplug core hears of it: a restart finds it. */
	WRITE_ONCE(*state, VOYAGER_CPU_PARKED);
	play_dead_common();
	/*
	 * Plain polling, no PAUSE: Voyager processors have no sibling thread
	 * to yield to, and under an emulator each PAUSE is an exit.
	 */
	while (smp_load_acquire(state) != VOYAGER_CPU_RESTART)
		barrier();
	/*
	 * Static keys and alternatives may have changed the kernel text
	 * while this CPU was away (text_poke_bp() does not sync offline
	 * CPUs): serialise before running it, as INIT/SIPI would have.
	 */
	sync_core();
	WRITE_ONCE(*state, VOYAGER_CPU_RUNNING);
	voyager_reenter_kernel();
}

/**
 * voyager_restart_parked_cpu() - bring back a CPU parked by hotplug
 * @cpu: logical CPU
 *
 * Return: true if @cpu was parked and has been told to restart, false if
 * it needs a hardware start (boot CPI or QIC boot).
 */
bool voyager_restart_parked_cpu(unsigned int cpu)
{
	int *state = per_cpu_ptr(&voyager_cpu_state, cpu);

	if (READ_ONCE(*state) != VOYAGER_CPU_PARKED)
		return false;
	/* Orders do_boot_cpu()'s initial_code and initial_stack before it. */
	smp_store_release(state, VOYAGER_CPU_RESTART);
	return true;
}

void __init voyager_hotplug_init(void)
{
	smp_ops.cpu_disable = voyager_cpu_disable;
	smp_ops.play_dead = voyager_play_dead;
}
