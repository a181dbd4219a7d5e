// SPDX-License-Identifier: GPL-2.0
/*
 * NCR Voyager SMP: CPU enumeration, bring-up and hotplug.
 *
 * There is no APIC.  The firmware says which CPUs are present (extended
 * CMOS); their hardware numbers serve as the kernel's APIC ids.  A
 * secondary VIC CPU is started the way the firmware parked it: it runs
 * the real-mode vector of the boot CPI, so the stock trampoline's address
 * goes into the IVT and the boot CPI is sent (vic.c); a quad card's other
 * CPUs are started by a QIC CPI once their card's extended CPU has opened
 * them (qic.c).  IPIs are CPIs (ipi.c), sent directly from smp_ops.
 *
 * The "struct apic" here is the start-up hook (wakeup_secondary_cpu),
 * the hardware numbers for the topology code, vector-based senders for
 * the residual users of the apic driver, and stubs that warn on any
 * other use of an APIC that does not exist.
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
#include <linux/cpuhotplug.h>
#include <linux/cpumask.h>
#include <linux/delay.h>
#include <linux/init.h>
#include <linux/percpu.h>
#include <linux/sizes.h>
#include <linux/smp.h>
#include <linux/sync_core.h>
#include <asm/apic.h>
#include <asm/irq_vectors.h>
#include <asm/mpspec.h>
#include <asm/realmode.h>
#include <asm/smp.h>
#include <asm/x86_init.h>
#include <asm/voyager.h>
#include "cat.h"
#include "voyager.h"

/* What an integrated APIC answers for its version register (xen_apic_read). */
#define VOYAGER_APIC_LVR		0x14

/*
 * Hardware CPUs on a VIC line.  Without the CAT probe of the quad cards
 * every present CPU below 8 is taken for one.
 */
static u8 voyager_vic_cpus __ro_after_init = 0xff;
/* The CPU reached the kernel once: its hardware start worked. */
static DEFINE_PER_CPU(bool, voyager_cpu_started);

enum voyager_cpu_state {
	VOYAGER_CPU_RUNNING,
	VOYAGER_CPU_PARKED,	/* offline, polling voyager_cpu_state */
	VOYAGER_CPU_RESTART,	/* told to come back */
};

static DEFINE_PER_CPU(int, voyager_cpu_state);

static u32 voyager_hw_id(unsigned int cpu)
{
	return per_cpu(x86_cpu_to_apicid, cpu);
}

static void voyager_send_IPI_mask(const struct cpumask *mask, int vector)
{
	voyager_send_ipi_vector(mask, vector);
}

static void voyager_send_IPI(int cpu, int vector)
{
	voyager_send_ipi_vector(cpumask_of(cpu), vector);
}

static void voyager_send_IPI_mask_allbutself(const struct cpumask *mask,
					     int vector)
{
	struct cpumask others;

	cpumask_andnot(&others, mask, cpumask_of(smp_processor_id()));
	voyager_send_ipi_vector(&others, vector);
}

static void voyager_send_IPI_allbutself(int vector)
{
	voyager_send_IPI_mask_allbutself(cpu_online_mask, vector);
}

static void voyager_send_IPI_all(int vector)
{
	voyager_send_ipi_vector(cpu_online_mask, vector);
}

static void voyager_send_IPI_self(int vector)
{
	voyager_send_ipi_vector(cpumask_of(smp_processor_id()), vector);
}

/*
 * The APIC id of a CPU is its hardware number; the version register
 * answers like an integrated APIC's, so the APIC core stays quiet.
 */
static u32 voyager_apic_read(u32 reg)
{
	switch (reg) {
	case APIC_ID:
		return (u32)voyager_hw_cpu() << 24;
	case APIC_LVR:
		return VOYAGER_APIC_LVR;
	}
	return 0;
}

/* There is no APIC: a write, an EOI or an ICR access is a stray user. */
static void voyager_apic_write(u32 reg, u32 val)
{
	WARN_ONCE(1, "Voyager has no APIC: write of %#x to register %#x\n",
		  val, reg);
}

static void voyager_apic_eoi(void)
{
	WARN_ONCE(1, "Voyager has no APIC: EOI\n");
}

static u64 voyager_icr_read(void)
{
	return 0;
}

static void voyager_icr_write(u32 low, u32 high)
{
	WARN_ONCE(1, "Voyager has no APIC: ICR write %#x:%#x\n", high, low);
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
 * Quad cards did not start with a GDT (or GDT pseudo-descriptor) that was
 * not naturally aligned (reference 6.4).  6.12's trampoline loads
 * boot_gdt, cache-line aligned, through a descriptor whose base field is
 * 4-byte aligned; say so loudly if that is ever lost.  Checked before
 * every start of a quad CPU, VIC- or QIC-booted; the setup code's GDT,
 * which the boot CPU used, is aligned by construction (patch 0012).
 */
static void voyager_check_trampoline_gdt(void)
{
	static bool reported;
	const struct trampoline_header *th;
	u32 header = real_mode_header->trampoline_header;

	BUILD_BUG_ON(offsetof(struct trampoline_header, gdt_base) % 4);
	th = __va(header);
	if (!IS_ALIGNED(th->gdt_base, 16) || !IS_ALIGNED(header, 4)) {
		pr_err("trampoline GDT at %#x (header at %#x) is not aligned: quad CPUs may not start\n",
		       th->gdt_base, header);
		return;
	}
	if (!reported)
		pr_info("trampoline GDT at %#x, descriptor at %#x: aligned for quad cards\n",
			th->gdt_base,
			header + (u32)offsetof(struct trampoline_header, gdt_limit));
	reported = true;
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
		voyager_check_trampoline_gdt();
}

/*
 * A CPU parked by hotplug is told to come back: it enters
 * start_secondary() on the stack do_boot_cpu() prepared for it.
 */
static bool voyager_restart_parked_cpu(unsigned int cpu)
{
	int *state = per_cpu_ptr(&voyager_cpu_state, cpu);

	if (READ_ONCE(*state) != VOYAGER_CPU_PARKED)
		return false;
	/* Orders do_boot_cpu()'s initial_code and initial_stack before it. */
	smp_store_release(state, VOYAGER_CPU_RESTART);
	return true;
}

/*
 * apic.wakeup_secondary_cpu: a parked CPU comes back; otherwise a quad
 * sibling gets its QIC boot, and a VIC CPU the boot CPI: the real-mode
 * vectors of the boot CPI (and of the VIC erratum's alternative, SYS_INT)
 * point at the trampoline, line 0 of the target's dyad is opened through
 * the masquerade register, and CPI level 0 is sent.  The CPU enters the
 * trampoline with the CPI in service; voyager_smp_ap_setup() acknowledges
 * it.
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

/* x86_init.mpparse.parse_smp_cfg: the CPUs the firmware found. */
static void __init voyager_parse_smp_cfg(void)
{
	unsigned long present = voyager_sus_present_cpus();
	int boot = voyager_hw_cpu();
	u8 quads = 0;
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
				quads |= q->cpus & 0xff;
		}
	}
	voyager_vic_cpus |= BIT(boot);
	/* The extended CPUs of quad cards take QIC CPIs, not VIC CPIs. */
	voyager_ipi_set_vic_targets(voyager_vic_cpus & ~quads);
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

/*
 * x86_cpuinit.setup_percpu_clockev (and the boot CPU's): interrupts are
 * on, so the VIC lines can open (irq.c), then the CPU's tick device.
 */
static void voyager_cpu_online(void)
{
	if (cpumask_test_cpu(smp_processor_id(), voyager_vic_cpu_mask))
		voyager_irq_cpu_online();
	voyager_time_setup_percpu();
}

static void __init voyager_smp_prepare_cpus(unsigned int max_cpus)
{
	struct cpumask vic_cpus;
	unsigned int cpu;
	int ret;

	smp_prepare_cpus_common();
	ret = cpuhp_setup_state_nocalls(CPUHP_BP_PREPARE_DYN, "x86/voyager:prepare",
					NULL, voyager_cpu_dead);
	if (ret < 0)
		pr_warn("no clean-up of failed CPU starts (%d)\n", ret);
	cpumask_clear(&vic_cpus);
	for_each_possible_cpu(cpu) {
		u32 id = voyager_hw_id(cpu);

		if (id < VOYAGER_VIC_CPUS && (voyager_vic_cpus & BIT(id)))
			cpumask_set_cpu(cpu, &vic_cpus);
	}
	voyager_vic_set_cpus(&vic_cpus);
	voyager_qic_init();
	voyager_cpu_online();
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
	voyager_irq_dynamic_routing();
}

/* x86_cpuinit.early_percpu_clock_init: a secondary's VIC, IRQs off. */
static void voyager_smp_ap_setup(void)
{
	this_cpu_write(voyager_cpu_started, true);
	voyager_ipi_cpu_reset();
	if (cpumask_test_cpu(smp_processor_id(), voyager_vic_cpu_mask)) {
		/* The boot CPI that started it is still in service. */
		voyager_vic_eoi_line(0);
		voyager_vic_init_local(false);
	}
	voyager_qic_init_local();
}

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
	voyager_irq_cpu_offline(cpu);
	cpu_disable_common();
	/* fixup_irqs() moved its IRQs; nothing may reach it any more. */
	voyager_irq_cpu_close();
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
	 * Plain polling, interrupts off: a Voyager processor has no sibling
	 * thread that PAUSE would yield to.
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

static const struct smp_ops voyager_smp_ops __initconst = {
	.smp_prepare_boot_cpu		= native_smp_prepare_boot_cpu,
	.smp_prepare_cpus		= voyager_smp_prepare_cpus,
	.smp_cpus_done			= voyager_smp_cpus_done,

	.stop_other_cpus		= voyager_stop_other_cpus,
	.smp_send_reschedule		= voyager_send_reschedule,

	.kick_ap_alive			= native_kick_ap,
	.cpu_disable			= voyager_cpu_disable,
	.play_dead			= voyager_play_dead,

	.send_call_func_ipi		= voyager_send_call_func_ipi,
	.send_call_func_single_ipi	= voyager_send_call_func_single_ipi,
};

/* From the platform set-up, before the SMP configuration is read. */
void __init voyager_smp_init(void)
{
	smp_ops = voyager_smp_ops;
	x86_init.mpparse.parse_smp_cfg = voyager_parse_smp_cfg;
	x86_cpuinit.setup_percpu_clockev = voyager_cpu_online;
	x86_cpuinit.early_percpu_clock_init = voyager_smp_ap_setup;
}
