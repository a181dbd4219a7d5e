// SPDX-License-Identifier: GPL-2.0
/*
 * NCR Voyager CPIs: the kernel's IPIs.
 *
 * Every IPI becomes a CPI.  A CPU on a VIC line gets VIC CPI level 0,
 * which all run-time CPIs share: a per-CPU mailbox says which ones are
 * pending.  A quad card CPU gets its own QIC CPI for each kind (1-7), so
 * it needs no mailbox.  A Voyager has no NMI IPI: the backtrace requests
 * that stand for one (NMI_VECTOR) are a CPI too, answered by CPUs that
 * have interrupts on, as Xen PV maps NMI_VECTOR.
 *
 * The senders are smp_ops' (reschedule, call-function, stop), the timer
 * broadcast's, and irq.c's "enable IRQ" request; the residual users of
 * the apic driver's vector-based senders come here through
 * voyager_send_ipi_vector().
 */

#define pr_fmt(fmt) "Voyager SMP: " fmt

#include <linux/cpumask.h>
#include <linux/delay.h>
#include <linux/init.h>
#include <linux/interrupt.h>
#include <linux/kexec.h>
#include <linux/nmi.h>
#include <linux/percpu.h>
#include <linux/reboot.h>
#include <linux/sched.h>
#include <linux/smp.h>
#include <linux/tick.h>
#include <asm/cpu.h>
#include <asm/idtentry.h>
#include <asm/irq_regs.h>
#include <asm/irq_vectors.h>
#include <asm/voyager.h>
#include "voyager.h"

/* Written by other CPUs on every CPI: a cache line of its own. */
static DEFINE_PER_CPU_ALIGNED(unsigned long, voyager_cpi_mailbox);
/*
 * Hardware CPUs that take VIC CPIs: on a VIC line, not on a quad card.
 * Without the CAT probe every present CPU below 8 is taken for one.
 */
static u8 ipi_vic_targets __ro_after_init = 0xff;

/* Set once the CPUs are enumerated. */
void __init voyager_ipi_set_vic_targets(u8 hw_cpus)
{
	ipi_vic_targets = hw_cpus;
}

static u32 hw_id(unsigned int cpu)
{
	return per_cpu(x86_cpu_to_apicid, cpu);
}

/**
 * voyager_vic_cpi_targets() - the VIC CPI send mask for a set of CPUs
 * @mask: logical CPUs
 * @hw_id: maps a logical CPU to its hardware number
 * @vic_cpus: the hardware CPUs that take VIC CPIs (a quad card's
 *	siblings do not, although their numbers may be below 8)
 * @no_vic: filled with the CPUs of @mask that have no VIC line
 *
 * Return: bit n set for hardware CPU n (0-7) of @mask, the value written
 * to a CPI level's send register.
 */
u8 voyager_vic_cpi_targets(const struct cpumask *mask,
			   u32 (*hw_id)(unsigned int cpu), u8 vic_cpus,
			   struct cpumask *no_vic)
{
	unsigned int cpu;
	u8 targets = 0;

	cpumask_clear(no_vic);
	for_each_cpu(cpu, mask) {
		u32 id = hw_id(cpu);

		if (id < VOYAGER_VIC_CPUS && (vic_cpus & BIT(id)))
			targets |= BIT(id);
		else
			cpumask_set_cpu(cpu, no_vic);
	}
	return targets;
}

/* Post @cpi for one CPU: a QIC CPI, or a mailbox bit for the VIC CPI. */
static bool post_cpi(unsigned int cpu, enum voyager_cpi cpi)
{
	u32 id = hw_id(cpu);

	if (id < VOYAGER_VIC_CPUS && (ipi_vic_targets & BIT(id))) {
		set_bit(cpi, per_cpu_ptr(&voyager_cpi_mailbox, cpu));
		return true;
	}
	if (voyager_qic_send_cpi(id, cpi + 1))
		pr_err_ratelimited("CPU %u (hardware %u) has neither VIC line nor QIC: CPI %d not sent\n",
				   cpu, id, cpi);
	return false;
}

/* @cpi to one CPU: one port write (VIC) or one MMIO write (QIC). */
static void send_cpi_one(unsigned int cpu, enum voyager_cpi cpi)
{
	/* The port write orders the mailbox update before the CPI. */
	if (post_cpi(cpu, cpi))
		voyager_vic_send_cpi0(BIT(hw_id(cpu)));
}

/* @cpi to every CPU of @mask: one VIC write for all the VIC CPUs. */
static void send_cpi(const struct cpumask *mask, enum voyager_cpi cpi)
{
	unsigned int cpu;
	u8 targets = 0;

	for_each_cpu(cpu, mask)
		if (post_cpi(cpu, cpi))
			targets |= BIT(hw_id(cpu));
	if (targets)
		voyager_vic_send_cpi0(targets);
}

/* smp_ops.smp_send_reschedule */
void voyager_send_reschedule(int cpu)
{
	if (unlikely(cpu_is_offline(cpu))) {
		WARN(1, "sched: Unexpected reschedule of offline CPU#%d!\n", cpu);
		return;
	}
	send_cpi_one(cpu, VOYAGER_CPI_RESCHEDULE);
}

/* smp_ops.send_call_func_ipi */
void voyager_send_call_func_ipi(const struct cpumask *mask)
{
	send_cpi(mask, VOYAGER_CPI_CALL_FUNCTION);
}

/* smp_ops.send_call_func_single_ipi */
void voyager_send_call_func_single_ipi(int cpu)
{
	send_cpi_one(cpu, VOYAGER_CPI_CALL_FUNCTION_SINGLE);
}

/* irq.c: open a line on @cpu. */
void voyager_send_enable_irq(unsigned int cpu)
{
	send_cpi_one(cpu, VOYAGER_CPI_ENABLE_IRQ);
}

/* The timer broadcast of the CPU that took IRQ 0. */
void voyager_send_timer(const struct cpumask *mask)
{
	send_cpi(mask, VOYAGER_CPI_TIMER);
}

/*
 * smp_ops.stop_other_cpus: the stop CPI to every other CPU, and up to a
 * second for them to leave.  There is no NMI to fall back on, so a CPU
 * that has not stopped by then is named.  Only kexec then waits for it
 * for ever (@wait), as the native code does after its NMI: the new
 * kernel must not share the machine with it.  A restart, halt or
 * power-off carries on: the reset or the power takes that CPU with the
 * rest of the machine, and waiting would turn one wedged CPU into a
 * restart that never comes (test audit, Bug 5).
 */
void voyager_stop_other_cpus(int wait)
{
	static atomic_t stopping_cpu = ATOMIC_INIT(-1);
	unsigned int this_cpu = smp_processor_id();
	unsigned long timeout = USEC_PER_SEC;
	int old = -1;

	if (reboot_force)
		return;
	/* Only the first CPU to get here stops the others. */
	if (!atomic_try_cmpxchg(&stopping_cpu, &old, this_cpu))
		return;
	cpumask_copy(&cpus_stop_mask, cpu_online_mask);
	cpumask_clear_cpu(this_cpu, &cpus_stop_mask);
	if (!cpumask_empty(&cpus_stop_mask)) {
		send_cpi(&cpus_stop_mask, VOYAGER_CPI_STOP);
		while (!cpumask_empty(&cpus_stop_mask) && timeout--)
			udelay(1);
		if (!cpumask_empty(&cpus_stop_mask))
			pr_emerg("CPUs %*pbl did not stop\n",
				 cpumask_pr_args(&cpus_stop_mask));
		while (!cpumask_empty(&cpus_stop_mask) && wait &&
		       kexec_in_progress)
			udelay(1);
	}
	cpumask_clear(&cpus_stop_mask);
}

/**
 * voyager_vector_cpi() - the CPI that stands for an APIC IPI vector
 * @vector: what the generic code asked an APIC to send
 *
 * Return: the CPI, or -1 for a vector a Voyager has no CPI for.
 */
int voyager_vector_cpi(int vector)
{
	switch (vector) {
	case RESCHEDULE_VECTOR:
		return VOYAGER_CPI_RESCHEDULE;
	case CALL_FUNCTION_VECTOR:
		return VOYAGER_CPI_CALL_FUNCTION;
	case CALL_FUNCTION_SINGLE_VECTOR:
		return VOYAGER_CPI_CALL_FUNCTION_SINGLE;
	case REBOOT_VECTOR:
		return VOYAGER_CPI_STOP;
	case LOCAL_TIMER_VECTOR:
		return VOYAGER_CPI_TIMER;
	case NMI_VECTOR:
		/*
		 * The backtrace requests of trigger_*_backtrace() (RCU
		 * stalls, hung tasks, sysrq-l) and kgdb's round-up.
		 */
		return VOYAGER_CPI_BACKTRACE;
	}
	return -1;
}

/* The apic driver's vector-based senders, for their residual users. */
void voyager_send_ipi_vector(const struct cpumask *mask, int vector)
{
	int cpi = voyager_vector_cpi(vector);

	if (cpi >= 0)
		send_cpi(mask, cpi);
	else
		pr_warn_ratelimited("IPI vector %#x has no Voyager CPI, not sent\n",
				    vector);
}

/* A CPU (back) in the kernel: what was posted for it before is stale. */
void voyager_ipi_cpu_reset(void)
{
	this_cpu_write(voyager_cpi_mailbox, 0);
}

/* What a run-time CPI asks of the CPU it reaches, by VIC or QIC. */
static void cpi_action(enum voyager_cpi cpi)
{
	switch (cpi) {
	case VOYAGER_CPI_TIMER:
		inc_irq_stat(apic_timer_irqs);
		tick_receive_broadcast();
		break;
	case VOYAGER_CPI_RESCHEDULE:
		inc_irq_stat(irq_resched_count);
		scheduler_ipi();
		break;
	case VOYAGER_CPI_CALL_FUNCTION:
		inc_irq_stat(irq_call_count);
		generic_smp_call_function_interrupt();
		break;
	case VOYAGER_CPI_CALL_FUNCTION_SINGLE:
		inc_irq_stat(irq_call_count);
		generic_smp_call_function_single_interrupt();
		break;
	case VOYAGER_CPI_ENABLE_IRQ:
		voyager_vic_open_requested();
		break;
	case VOYAGER_CPI_STOP:
		stop_this_cpu(NULL);
		break;
	case VOYAGER_CPI_BACKTRACE:
		nmi_cpu_backtrace(get_irq_regs());
		break;
	}
}

/* All run-time CPIs of VIC CPUs arrive here, on VIC CPI level 0. */
DEFINE_IDTENTRY_SYSVEC(sysvec_voyager_vic_cpi)
{
	/* Handled in this order: stop, which does not return, last. */
	static const enum voyager_cpi order[] = {
		VOYAGER_CPI_TIMER, VOYAGER_CPI_RESCHEDULE,
		VOYAGER_CPI_CALL_FUNCTION, VOYAGER_CPI_CALL_FUNCTION_SINGLE,
		VOYAGER_CPI_ENABLE_IRQ, VOYAGER_CPI_BACKTRACE, VOYAGER_CPI_STOP,
	};
	unsigned long posted;
	unsigned int i;
	/* The tick code looks at the interrupted registers. */
	struct pt_regs *old_regs = set_irq_regs(regs);

	/* Acknowledge first: a CPI sent from now on is delivered again. */
	voyager_vic_eoi_line(0);
	posted = xchg(this_cpu_ptr(&voyager_cpi_mailbox), 0);
	/*
	 * Nothing posted: a CPI no sender asked for, or one whose work an
	 * earlier pass already did (CPIs sent while one is latched merge).
	 * Count it in /proc/interrupts' SPU; it is harmless, so no message.
	 */
	if (!posted)
		inc_irq_stat(irq_spurious_count);
	for (i = 0; i < ARRAY_SIZE(order); i++)
		if (posted & BIT(order[i]))
			cpi_action(order[i]);
	set_irq_regs(old_regs);
}

/* Every QIC CPI gate: acknowledge the CPI, then do what it asks. */
static void qic_cpi_interrupt(struct pt_regs *regs, enum voyager_cpi cpi)
{
	/* The tick code looks at the interrupted registers. */
	struct pt_regs *old_regs = set_irq_regs(regs);

	voyager_qic_ack(cpi + 1);
	cpi_action(cpi);
	set_irq_regs(old_regs);
}

DEFINE_IDTENTRY_SYSVEC(sysvec_voyager_qic_timer)
{
	qic_cpi_interrupt(regs, VOYAGER_CPI_TIMER);
}

DEFINE_IDTENTRY_SYSVEC(sysvec_voyager_qic_resched)
{
	qic_cpi_interrupt(regs, VOYAGER_CPI_RESCHEDULE);
}

DEFINE_IDTENTRY_SYSVEC(sysvec_voyager_qic_call)
{
	qic_cpi_interrupt(regs, VOYAGER_CPI_CALL_FUNCTION);
}

DEFINE_IDTENTRY_SYSVEC(sysvec_voyager_qic_call_single)
{
	qic_cpi_interrupt(regs, VOYAGER_CPI_CALL_FUNCTION_SINGLE);
}

DEFINE_IDTENTRY_SYSVEC(sysvec_voyager_qic_stop)
{
	qic_cpi_interrupt(regs, VOYAGER_CPI_STOP);
}

DEFINE_IDTENTRY_SYSVEC(sysvec_voyager_qic_enable_irq)
{
	qic_cpi_interrupt(regs, VOYAGER_CPI_ENABLE_IRQ);
}

DEFINE_IDTENTRY_SYSVEC(sysvec_voyager_qic_backtrace)
{
	qic_cpi_interrupt(regs, VOYAGER_CPI_BACKTRACE);
}

/* The gates of the VIC CPI and of QIC CPIs 1-7, before the IDT is sealed. */
void __init voyager_ipi_install_gates(void)
{
	sysvec_install(VOYAGER_VIC_CPI_VECTOR, sysvec_voyager_vic_cpi);
	sysvec_install(VOYAGER_QIC_CPI_VECTOR + 1 + VOYAGER_CPI_TIMER,
		       sysvec_voyager_qic_timer);
	sysvec_install(VOYAGER_QIC_CPI_VECTOR + 1 + VOYAGER_CPI_RESCHEDULE,
		       sysvec_voyager_qic_resched);
	sysvec_install(VOYAGER_QIC_CPI_VECTOR + 1 + VOYAGER_CPI_CALL_FUNCTION,
		       sysvec_voyager_qic_call);
	sysvec_install(VOYAGER_QIC_CPI_VECTOR + 1 +
		       VOYAGER_CPI_CALL_FUNCTION_SINGLE,
		       sysvec_voyager_qic_call_single);
	sysvec_install(VOYAGER_QIC_CPI_VECTOR + 1 + VOYAGER_CPI_STOP,
		       sysvec_voyager_qic_stop);
	sysvec_install(VOYAGER_QIC_CPI_VECTOR + 1 + VOYAGER_CPI_ENABLE_IRQ,
		       sysvec_voyager_qic_enable_irq);
	sysvec_install(VOYAGER_QIC_CPI_VECTOR + 1 + VOYAGER_CPI_BACKTRACE,
		       sysvec_voyager_qic_backtrace);
}
