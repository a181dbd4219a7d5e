// SPDX-License-Identifier: GPL-2.0
/*
 * NCR Voyager SMP: CPU enumeration, secondary start and CPIs.
 *
 * There is no APIC.  The firmware says which CPUs are present (extended
 * CMOS); their hardware numbers serve as the kernel's APIC ids.  A
 * secondary VIC CPU is started the way the firmware parked it: it runs
 * the real-mode vector of the boot CPI, so the stock trampoline's address
 * goes into the IVT and the boot CPI is sent.  Every IPI the kernel sends
 * becomes a CPI: all run-time CPIs share VIC CPI level 0, and a per-CPU
 * mailbox says which ones are pending.  The Voyager "struct apic" makes
 * the stock IPI senders (reschedule, call-function, TLB shootdowns, stop,
 * the timer broadcast) work unchanged.
 */

#define pr_fmt(fmt) "Voyager SMP: " fmt

#include <linux/clockchips.h>
#include <linux/cpuhotplug.h>
#include <linux/delay.h>
#include <linux/cpumask.h>
#include <linux/init.h>
#include <linux/interrupt.h>
#include <linux/nmi.h>
#include <linux/io.h>
#include <linux/percpu.h>
#include <linux/sched.h>
#include <linux/smp.h>
#include <linux/tick.h>
#include <asm/apic.h>
#include <asm/idtentry.h>
#include <asm/irq_regs.h>
#include <asm/irq_vectors.h>
#include <asm/mpspec.h>
#include <linux/processor.h>
#include <asm/x86_init.h>
#include <asm/voyager.h>
#include "cat.h"
#include "voyager.h"


/* Written by other CPUs on every CPI: a cache line of its own. */
static DEFINE_PER_CPU_ALIGNED(unsigned long, voyager_cpi_mailbox);
/*
 * Hardware CPUs on a VIC line.  Without the CAT probe of the quad cards
 * every present CPU below 8 is taken for one.
 */
static u8 voyager_vic_cpus __ro_after_init = 0xff;
/* Of those, the extended CPUs of quad cards: they take QIC CPIs. */
static u8 voyager_vic_quads __ro_after_init;
static DEFINE_PER_CPU(struct clock_event_device, voyager_clockevent);
/* The CPU reached the kernel once: its hardware start worked. */
static DEFINE_PER_CPU(bool, voyager_cpu_started);

/* The logical CPUs with a VIC line: the ones that can take device IRQs. */
static struct cpumask voyager_vic_cpumask __read_mostly = { CPU_BITS_CPU0 };
const struct cpumask *const voyager_vic_cpu_mask = &voyager_vic_cpumask;

static u32 voyager_hw_id(unsigned int cpu)
{
	return per_cpu(x86_cpu_to_apicid, cpu);
}

/**
 * voyager_vic_cpi_targets() - the VIC CPI send mask for a set of CPUs
 * @mask: logical CPUs
 * @hw_id: maps a logical CPU to its hardware number
 * @vic_cpus: the hardware CPUs that are on a VIC line (a quad card's
 *	siblings are not, although their numbers may be below 8)
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

/*
 * Quad CPUs take their own QIC CPI for @cpi; every other CPU of @mask gets
 * @cpi posted in its mailbox and VIC CPI level 0 raised.
 */
static void voyager_send_cpi(const struct cpumask *mask, enum voyager_cpi cpi)
{
	struct cpumask no_vic;
	unsigned int cpu;
	u8 targets;

	targets = voyager_vic_cpi_targets(mask, voyager_hw_id,
					  voyager_vic_cpus & ~voyager_vic_quads,
					  &no_vic);
	for_each_cpu(cpu, &no_vic)
		if (voyager_qic_send_cpi(voyager_hw_id(cpu), cpi + 1))
			pr_err_ratelimited("CPU %u (hardware %u) has neither VIC line nor QIC: CPI %d not sent\n",
					   cpu, voyager_hw_id(cpu), cpi);
	for_each_cpu_andnot(cpu, mask, &no_vic)
		set_bit(cpi, per_cpu_ptr(&voyager_cpi_mailbox, cpu));
	/* The port write orders the mailbox update before the CPI. */
	if (targets)
		voyager_vic_send_cpi0(targets);
}

void voyager_send_enable_irq(unsigned int cpu)
{
	voyager_send_cpi(cpumask_of(cpu), VOYAGER_CPI_ENABLE_IRQ);
}

static int voyager_vector_cpi(int vector)
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
		 * There is no NMI IPI: the backtrace requests of
		 * trigger_*_backtrace() (RCU stalls, hung tasks, sysrq-l)
		 * come as a CPI, answered by CPUs that have interrupts on,
		 * as Xen PV maps NMI_VECTOR.
		 */
		return VOYAGER_CPI_BACKTRACE;
	}
	pr_warn_ratelimited("IPI vector %#x has no Voyager CPI, not sent\n",
			    vector);
	return -1;
}

static void voyager_send_IPI_mask(const struct cpumask *mask, int vector)
{
	int cpi = voyager_vector_cpi(vector);

	if (cpi >= 0)
		voyager_send_cpi(mask, cpi);
}

static void voyager_send_IPI(int cpu, int vector)
{
	voyager_send_IPI_mask(cpumask_of(cpu), vector);
}

static void voyager_send_IPI_mask_allbutself(const struct cpumask *mask,
					     int vector)
{
	struct cpumask others;

	cpumask_andnot(&others, mask, cpumask_of(smp_processor_id()));
	voyager_send_IPI_mask(&others, vector);
}

static void voyager_send_IPI_allbutself(int vector)
{
	voyager_send_IPI_mask_allbutself(cpu_online_mask, vector);
}

static void voyager_send_IPI_all(int vector)
{
	voyager_send_IPI_mask(cpu_online_mask, vector);
}

static void voyager_send_IPI_self(int vector)
{
	voyager_send_IPI_mask(cpumask_of(smp_processor_id()), vector);
}

/* The APIC id of a CPU is its hardware number, from who-am-I. */
static u32 voyager_apic_read(u32 reg)
{
	return reg == APIC_ID ? (u32)voyager_hw_cpu() << 24 : 0;
}

static void voyager_apic_write(u32 reg, u32 val)
{
}

static void voyager_apic_eoi(void)
{
}

static u64 voyager_icr_read(void)
{
	return 0;
}

static void voyager_icr_write(u32 low, u32 high)
{
}

static u32 voyager_get_apic_id(u32 reg)
{
	return reg >> 24;
}

static u32 voyager_calc_dest_apicid(unsigned int cpu)
{
	return voyager_hw_id(cpu);
}

/*
 * Quad cards need a moment between CPU starts (the old port's 1 ms "for
 * the Quad boots", reference 6.2 step 4); the trampoline GDT they need
 * aligned is checked before each quad CPU starts.
 */
static void voyager_before_quad_start(u32 apicid)
{
	static bool started_one;

	if (!voyager_qic_present())
		return;
	if (started_one)
		mdelay(1);
	started_one = true;
	if (voyager_is_quad_cpu(apicid))
		voyager_qic_check_trampoline_gdt();
}

/*
 * Start a parked VIC CPU: point the real-mode vectors of the boot CPI
 * (and of the VIC erratum's alternative, SYS_INT) at the trampoline, open
 * line 0 of the target's dyad through the masquerade register, and send
 * CPI level 0.  The CPU enters the trampoline with the CPI in service;
 * voyager_smp_ap_setup() acknowledges it.
 */
static int voyager_wakeup_secondary_cpu(u32 apicid, unsigned long start_eip)
{
	u32 *ivt = phys_to_virt(0);
	u32 gate = (start_eip >> 4) << 16;	/* segment:0 */
	unsigned int cpu;
	int ret;

	/* A CPU that went offline never left the kernel. */
	for_each_possible_cpu(cpu)
		if (voyager_hw_id(cpu) == apicid &&
		    voyager_restart_parked_cpu(cpu))
			return 0;
	if (start_eip & 0xf || start_eip >= SZ_1M) {
		pr_err("trampoline at %#lx cannot be a real-mode vector\n",
		       start_eip);
		return -EINVAL;
	}
	voyager_before_quad_start(apicid);
	if (voyager_qic_boots(apicid))
		return voyager_qic_boot_cpu(apicid, gate);
	if (apicid >= VOYAGER_VIC_CPUS || !(voyager_vic_cpus & BIT(apicid))) {
		pr_err("CPU %u is on no VIC line and no quad card: cannot start it\n",
		       apicid);
		return -ENODEV;
	}
	WRITE_ONCE(ivt[VOYAGER_VIC_CPI_VECTOR], gate);
	WRITE_ONCE(ivt[VOYAGER_VIC_SYS_VECTOR], gate);
	ret = voyager_vic_set_boot_mask(apicid, true);
	if (ret)
		return ret;
	voyager_vic_send_cpi0(BIT(apicid));
	return 0;
}

static struct apic apic_voyager __ro_after_init = {
	.name				= "voyager",
	.dest_mode_logical		= false,
	.disable_esr			= 1,
	.max_apic_id			= VOYAGER_MAX_CPUS - 1,
	.cpu_present_to_apicid		= default_cpu_present_to_apicid,
	.get_apic_id			= voyager_get_apic_id,
	.calc_dest_apicid		= voyager_calc_dest_apicid,
	.send_IPI			= voyager_send_IPI,
	.send_IPI_mask			= voyager_send_IPI_mask,
	.send_IPI_mask_allbutself	= voyager_send_IPI_mask_allbutself,
	.send_IPI_allbutself		= voyager_send_IPI_allbutself,
	.send_IPI_all			= voyager_send_IPI_all,
	.send_IPI_self			= voyager_send_IPI_self,
	.wakeup_secondary_cpu		= voyager_wakeup_secondary_cpu,
	.read				= voyager_apic_read,
	.write				= voyager_apic_write,
	.eoi				= voyager_apic_eoi,
	.icr_read			= voyager_icr_read,
	.icr_write			= voyager_icr_write,
};

/* What a run-time CPI asks of the CPU it reaches, by VIC or QIC. */
void voyager_cpi_action(enum voyager_cpi cpi)
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
	voyager_vic_eoi_cpi();
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
			voyager_cpi_action(order[i]);
	set_irq_regs(old_regs);
}

/* A tick device per CPU, fed by the timer CPI of the CPU taking IRQ 0. */
static void voyager_timer_broadcast(const struct cpumask *mask)
{
	voyager_send_cpi(mask, VOYAGER_CPI_TIMER);
}

/* The device only stands for the CPU; the broadcast PIT does the timing. */
static int voyager_clockevent_next(unsigned long delta,
				   struct clock_event_device *evt)
{
	return 0;
}

/*
 * The same features as the local APIC's stand-in: the tick core only
 * prefers a per-CPU device that is oneshot capable over the PIT, which
 * then becomes the broadcast device.  C3STOP keeps any oneshot use on the
 * broadcast device; with the PIT clocksource the ticks stay periodic.
 */
static void voyager_setup_percpu_clockev(void)
{
	struct clock_event_device *evt = this_cpu_ptr(&voyager_clockevent);

	evt->name = "voyager-cpi";
	evt->features = CLOCK_EVT_FEAT_PERIODIC | CLOCK_EVT_FEAT_ONESHOT |
			CLOCK_EVT_FEAT_C3STOP | CLOCK_EVT_FEAT_DUMMY;
	evt->set_next_event = voyager_clockevent_next;
	evt->rating = 100;
	evt->cpumask = cpumask_of(smp_processor_id());
	evt->broadcast = voyager_timer_broadcast;
	/* Interrupts are on: the VIC lines can open now. */
	if (cpumask_test_cpu(smp_processor_id(), &voyager_vic_cpumask))
		voyager_vic_online();
	clockevents_register_device(evt);
}

/* x86_init.mpparse.parse_smp_cfg: the CPUs the firmware found. */
static void __init voyager_parse_smp_cfg(void)
{
	unsigned long present = voyager_xcmos_read32(VOYAGER_XCMOS_CPU_PRESENT);
	int boot = voyager_hw_cpu();
	unsigned int id;

	if (boot < 0 || boot >= VOYAGER_VIC_CPUS) {
		pr_err("boot CPU has no VIC identity (who-am-I): one CPU only\n");
		return;
	}
	if (!(present & BIT(boot))) {
		pr_warn("boot CPU %d missing from the present mask %#lx\n",
			boot, present);
		present |= BIT(boot);
	}
	/*
	 * The firmware, not the MP protocol, chose the boot CPU: enumerate
	 * it first, or the topology code takes the lowest present id for
	 * the "real BSP" of a crash kernel and rejects it.
	 */
	topology_register_boot_apic(boot);
	topology_register_apic(boot, CPU_ACPIID_INVALID, true);
	for_each_set_bit(id, &present, VOYAGER_MAX_CPUS)
		if (id != boot)
			topology_register_apic(id, CPU_ACPIID_INVALID, true);
	/* Level 4 has no CAT probe: every present CPU is on the VIC. */
	voyager_vic_cpus = present & 0xff;
	if (voyager_cat_probed()) {
		voyager_vic_cpus = voyager_cat_extended_cpus() & 0xff;
		for (id = 0; id < 8; id++) {
			const struct voyager_quad_card *q =
				voyager_cat_quad_card(id);

			if (q)
				voyager_vic_quads |= q->cpus & 0xff;
		}
		voyager_vic_quads &= voyager_vic_cpus;
	}
	voyager_vic_cpus |= BIT(boot);
	smp_found_config = 1;
	apic_install_driver(&apic_voyager);
}

/*
 * cpuhp teardown of a CPU's prepare state, also run when its bring-up
 * failed: a VIC CPU that never reached the kernel gets its line 0 closed
 * again, so that it cannot enter the trampoline later, on a stack and
 * with an initial_code meant for another CPU.
 */
static int voyager_cpu_dead(unsigned int cpu)
{
	u32 hw = voyager_hw_id(cpu);

	if (per_cpu(voyager_cpu_started, cpu) || hw >= VOYAGER_VIC_CPUS ||
	    !(voyager_vic_cpus & BIT(hw)) || voyager_qic_boots(hw))
		return 0;
	if (!voyager_vic_set_boot_mask(hw, false))
		pr_warn("CPU %u (hardware %u) did not start: its boot CPI line is closed again\n",
			cpu, hw);
	return 0;
}

static void __init voyager_smp_prepare_cpus(unsigned int max_cpus)
{
	unsigned int cpu;
	int ret;

	smp_prepare_cpus_common();
	ret = cpuhp_setup_state_nocalls(CPUHP_BP_PREPARE_DYN, "x86/voyager:prepare",
					NULL, voyager_cpu_dead);
	if (ret < 0)
		pr_warn("no clean-up of failed CPU starts (%d)\n", ret);
	voyager_qic_init();
	x86_init.timers.setup_percpu_clockev();
	for_each_possible_cpu(cpu) {
		u32 id = voyager_hw_id(cpu);

		if (id < VOYAGER_VIC_CPUS && (voyager_vic_cpus & BIT(id)))
			cpumask_set_cpu(cpu, &voyager_vic_cpumask);
	}
	for_each_possible_cpu(cpu)
		pr_info("CPU %u is hardware CPU %u%s\n", cpu, voyager_hw_id(cpu),
			cpu ? "" : " (boot)");
}

/**
 * voyager_cpu_less_capable() - does @c lack something the boot CPU has?
 * @boot: the boot CPU's own data
 * @c: another CPU's data
 *
 * The kernel follows the boot CPU's features (alternatives, FPU handling),
 * so on a box that mixes processor generations it must boot on the least
 * capable one.
 *
 * Return: true if @c is of an older family or lacks a feature of @boot.
 */
bool voyager_cpu_less_capable(const struct cpuinfo_x86 *boot,
			      const struct cpuinfo_x86 *c)
{
	int i;

	if (c->x86 < boot->x86)
		return true;
	for (i = 0; i < NCAPINTS; i++)
		if (boot->x86_capability[i] & ~c->x86_capability[i])
			return true;
	return false;
}

static void __init voyager_check_cpu_mix(void)
{
	const struct cpuinfo_x86 *boot = &cpu_data(0);
	unsigned int cpu;

	for_each_online_cpu(cpu) {
		const struct cpuinfo_x86 *c = &cpu_data(cpu);

		if (voyager_cpu_less_capable(boot, c))
			pr_warn("boot CPU 0 (hardware %u, family %u model %u) is not the least capable: CPU %u (hardware %u, family %u model %u) lacks some of its features; boot on the least capable CPU\n",
				voyager_hw_id(0), boot->x86, boot->x86_model,
				cpu, voyager_hw_id(cpu), c->x86, c->x86_model);
	}
}

static void __init voyager_smp_cpus_done(unsigned int max_cpus)
{
	native_smp_cpus_done(max_cpus);
	voyager_check_cpu_mix();
	/* Every CPU is up: let the VIC spread the IRQs. */
	voyager_vic_dynamic_routing();
}

/* x86_cpuinit.early_percpu_clock_init: a secondary's VIC, IRQs off. */
static void voyager_smp_ap_setup(void)
{
	this_cpu_write(voyager_cpu_started, true);
	/* A CPU back from hotplug: what was posted for it then is stale. */
	this_cpu_write(voyager_cpi_mailbox, 0);
	if (cpumask_test_cpu(smp_processor_id(), &voyager_vic_cpumask))
		voyager_vic_init_secondary();
	voyager_qic_init_local();
}

void __init voyager_smp_init(void)
{
	x86_init.mpparse.parse_smp_cfg = voyager_parse_smp_cfg;
	x86_init.timers.setup_percpu_clockev = voyager_setup_percpu_clockev;
	x86_cpuinit.setup_percpu_clockev = voyager_setup_percpu_clockev;
	x86_cpuinit.early_percpu_clock_init = voyager_smp_ap_setup;
	smp_ops.smp_prepare_cpus = voyager_smp_prepare_cpus;
	smp_ops.smp_cpus_done = voyager_smp_cpus_done;
	voyager_hotplug_init();
}

void __init voyager_smp_install_gates(void)
{
	voyager_vic_set_cpi_base(VOYAGER_VIC_CPI_VECTOR);
	sysvec_install(VOYAGER_VIC_CPI_VECTOR, sysvec_voyager_vic_cpi);
	voyager_qic_install_gates();
}
