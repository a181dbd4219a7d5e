// SPDX-License-Identifier: GPL-2.0
/*
 * NCR Voyager VIC: the interrupt router.
 *
 * Every VIC processor has its own 8259 pair ("dyad") at the usual ports
 * 20h/21h/A0h/A1h; a CPU can only reach its own dyad.  The VIC offers each
 * asserted IRQ to a CPU that has it open in its dyad (statically to a CPU
 * that claims all IRQs, dynamically to the lowest-priority eligible one),
 * and once that CPU sends its EOI a still-asserted level line is offered
 * again.
 *
 * So the kernel routes an IRQ by opening its line in exactly one CPU's
 * dyad: each device IRQ has a single target CPU, chosen from its affinity,
 * and the line is closed everywhere else.  The flow is "fast EOI": the
 * handler runs with the line open and in service, and the specific EOI
 * after it is the only port access of a device interrupt (two on the
 * slave: its EOI and the cascade's).  A CPU that receives an IRQ it must
 * not take (disabled, freed, or moved to another CPU meanwhile) closes
 * the line in its own dyad and sends the EOI, and the VIC offers the line
 * to the CPU that has it open.  Opening a line on another CPU goes
 * through the "enable IRQ" CPI, sent only if that CPU has it closed.
 *
 * Two master lines are shared with the VIC's own interrupts and stay
 * open on every running VIC CPU: line 0 carries CPI level 0 (and SYS_INT)
 * besides the PIT, and line 7 carries CMN_INT (power supply events)
 * besides IRQ 7.  IRQ 0 and IRQ 7 are therefore taken wherever they land.
 * Line 0 is never closed.  Line 7 is closed only under an IRQ 7 nobody
 * takes (no handler, disabled, or masked by its handler) that would
 * otherwise interrupt without end; while it is closed on some CPU the
 * power supply is polled instead (psi.c), so no power switch press is
 * lost.
 *
 * Legacy IRQs use ISA_IRQ_VECTOR(0) (30h) and up, not the 20h of the old
 * port: both the dyads' ICW2 and the VIC's MCA vector bases say so.
 */

#define pr_fmt(fmt) "Voyager VIC: " fmt

#include <linux/cpumask.h>
#include <linux/debugfs.h>
#include <linux/init.h>
#include <linux/interrupt.h>
#include <linux/io.h>
#include <linux/ioport.h>
#include <linux/irq.h>
#include <linux/irqdesc.h>
#include <linux/percpu.h>
#include <linux/seq_file.h>
#include <linux/smp.h>
#include <linux/spinlock.h>
#include <linux/stop_machine.h>
#include <asm/apic.h>
#include <asm/hw_irq.h>
#include <asm/i8259.h>
#include <asm/irq_vectors.h>
#include <asm/voyager.h>
#include "voyager.h"

/* The VIC register block (hardware reference, VIC register map). */
#define VIC_BASE			0xfc00
#define VIC_SIZE			0x70
#define VIC_CPI_LEVEL0			0xfc00	/* write a mask of VIC CPUs */
#define VIC_PRIORITY			0xfc20
#define VIC_CLAIM_LOW			0xfc38	/* IRQ 0-7 */
#define VIC_CLAIM_HIGH			0xfc39	/* IRQ 8-15 */
#define VIC_CLAIM_STATIC		0xff
#define VIC_CLAIM_DYNAMIC		0x00
#define VIC_PRIMARY_MCA_BASE		0xfc48
#define VIC_SECONDARY_MCA_BASE		0xfc49
#define VIC_REDIRECT_1			0xfc61
#define VIC_CPI_BASE			0xfc41
#define VIC_MASQUERADE			0x08	/* | CPU, to FC21h */
#define BOOT_CPI_MASTER_MASK		0xfe	/* only line 0 open */

/* 8259 commands: ICW1 level-triggered + ICW4, ICW4 8086 mode. */
#define ICW1_LEVEL_ICW4			0x19
#define ICW4_8086			0x01
#define OCW3_READ_IRR			0x0a
#define OCW3_READ_ISR			0x0b
#define CASCADE_LINE			2

/* The master lines shared with the VIC's own interrupts. */
#define VIC_TICK_LINE			0	/* PIT, CPI level 0, SYS_INT */
#define VIC_CMN_LINE			7	/* IRQ 7, CMN_INT */
#define VIC_SHARED_LINES		(BIT(VIC_TICK_LINE) | BIT(VIC_CMN_LINE))
#define VIC_ALL_CLOSED			0xffff

/*
 * This CPU's dyad mask as last written (IRQ 8-15 in the high byte; the
 * cascade bit is derived from the slave's lines).  Written only by its
 * own CPU, with interrupts off; other CPUs read it to decide whether a
 * line needs the "enable IRQ" CPI.
 */
static DEFINE_PER_CPU(u16, vic_dyad_mask) = VIC_ALL_CLOSED;
/* IRQs other CPUs asked this CPU to open (the "enable IRQ" CPI). */
static DEFINE_PER_CPU(unsigned long, vic_open_request);

/*
 * VIC CPUs that take device IRQs: the boot CPU alone while it claims
 * every IRQ, then every online VIC CPU.
 */
static struct cpumask vic_irq_cpus;
/* Running VIC CPUs with lines 0 and 7 open: where IRQ 0 and 7 may land. */
static struct cpumask vic_shared_cpus;
/* Of those, the CPUs that had to close line 7 (an unwanted IRQ 7). */
static struct cpumask vic_cmn_closed;
static bool vic_dynamic __read_mostly;

/**
 * voyager_vic_id() - decode a who-am-I value
 * @whoami: what FC29h read
 *
 * Return: the hardware CPU number, or -1 if the value names no CPU.
 */
int voyager_vic_id(u8 whoami)
{
	if ((whoami & VOYAGER_WHO_AM_I_QUAD) == VOYAGER_WHO_AM_I_QUAD)
		return whoami & 0x1f;
	return whoami ? __ffs(whoami) : -1;
}

/* The hardware number of the running CPU, read from the VIC. */
int voyager_hw_cpu(void)
{
	return voyager_vic_id(inb(VOYAGER_VIC_WHO_AM_I));
}

/* Write this CPU's dyad mask; only the changed 8259s are written. */
static void vic_write_mask(u16 mask)
{
	u16 *cached = this_cpu_ptr(&vic_dyad_mask);
	u16 changed;

	/* The slave reaches the CPU through the master's cascade line. */
	if ((mask & 0xff00) != 0xff00)
		mask &= ~BIT(CASCADE_LINE);
	else
		mask |= BIT(CASCADE_LINE);
	changed = *cached ^ mask;
	*cached = mask;
	if (changed & 0x00ff)
		outb(mask & 0xff, PIC_MASTER_IMR);
	if (changed & 0xff00)
		outb(mask >> 8, PIC_SLAVE_IMR);
}

static void vic_close_local(unsigned int irq)
{
	vic_write_mask(__this_cpu_read(vic_dyad_mask) | BIT(irq));
}

static void vic_open_local(unsigned int irq)
{
	vic_write_mask(__this_cpu_read(vic_dyad_mask) & ~BIT(irq));
}

static bool vic_closed_on(unsigned int cpu, unsigned int irq)
{
	return READ_ONCE(per_cpu(vic_dyad_mask, cpu)) & BIT(irq);
}

/* Is @irq really in service in this CPU's dyad?  Leaves ISR selected. */
static bool vic_in_service(unsigned int irq)
{
	unsigned int port = irq < 8 ? PIC_MASTER_CMD : PIC_SLAVE_CMD;

	outb(OCW3_READ_ISR, port);
	return inb(port) & BIT(irq & 7);
}

static void vic_eoi(unsigned int irq)
{
	if (irq >= 8) {
		outb(VOYAGER_OCW2_SPECIFIC_EOI | (irq & 7), PIC_SLAVE_CMD);
		outb(VOYAGER_OCW2_SPECIFIC_EOI | CASCADE_LINE, PIC_MASTER_CMD);
	} else {
		outb(VOYAGER_OCW2_SPECIFIC_EOI | irq, PIC_MASTER_CMD);
	}
}

/* The single CPU a device IRQ is routed to. */
static unsigned int vic_target(struct irq_data *d)
{
	return cpumask_first(irq_data_get_effective_affinity_mask(d));
}

static bool vic_shared_line(unsigned int irq)
{
	return BIT(irq) & VIC_SHARED_LINES;
}

/* Line 7 is closed here: the power supply must be polled meanwhile. */
static void vic_close_cmn_local(void)
{
	unsigned int cpu = smp_processor_id();

	vic_close_local(VIC_CMN_LINE);
	if (!cpumask_test_and_set_cpu(cpu, &vic_cmn_closed))
		voyager_psi_poll(true);
}

/* This CPU opens the lines other CPUs asked for (the "enable IRQ" CPI). */
void voyager_vic_open_requested(void)
{
	unsigned long irqs = xchg(this_cpu_ptr(&vic_open_request), 0);
	unsigned int cpu = smp_processor_id();

	if (!irqs)
		return;
	vic_write_mask(__this_cpu_read(vic_dyad_mask) & ~irqs);
	if ((irqs & BIT(VIC_CMN_LINE)) &&
	    cpumask_test_and_clear_cpu(cpu, &vic_cmn_closed) &&
	    cpumask_empty(&vic_cmn_closed))
		voyager_psi_poll(false);
}

/* Open @irq on @cpu: directly if it is this CPU, else by the CPI. */
static void vic_open_on(unsigned int cpu, unsigned int irq)
{
	if (cpu == smp_processor_id()) {
		set_bit(irq, this_cpu_ptr(&vic_open_request));
		voyager_vic_open_requested();
		return;
	}
	if (!vic_closed_on(cpu, irq))
		return;
	set_bit(irq, per_cpu_ptr(&vic_open_request, cpu));
	voyager_send_enable_irq(cpu);
}

/*
 * irq_enable, irq_unmask: open the line on the IRQ's target, or for
 * IRQ 7 on every CPU that closed it.  Called with the descriptor locked.
 */
static void vic_irq_open(struct irq_data *d)
{
	unsigned int cpu;

	switch (d->irq) {
	case VIC_TICK_LINE:
	case CASCADE_LINE:
		return;
	case VIC_CMN_LINE:
		for_each_cpu(cpu, &vic_cmn_closed)
			vic_open_on(cpu, VIC_CMN_LINE);
		return;
	}
	cpu = vic_target(d);
	if (cpu < nr_cpu_ids)
		vic_open_on(cpu, d->irq);
}

/*
 * irq_mask: close the line if this CPU is its target.  Elsewhere the mask
 * is lazy: the target closes the line when the IRQ next reaches it.
 */
static void vic_irq_mask(struct irq_data *d)
{
	switch (d->irq) {
	case VIC_TICK_LINE:
	case CASCADE_LINE:
		return;
	case VIC_CMN_LINE:
		vic_close_cmn_local();
		return;
	}
	if (vic_target(d) == smp_processor_id())
		vic_close_local(d->irq);
}

static void vic_irq_eoi(struct irq_data *d)
{
	/* The PIT request is latched on MCA machines: reset the latch. */
	if (d->irq == 0)
		voyager_pit_irq0_ack();
	vic_eoi(d->irq);
}

/* The VIC CPU of @dest that has the fewest device IRQs routed to it. */
static unsigned int vic_least_loaded(const struct cpumask *dest)
{
	unsigned int load[NR_CPUS] = { };
	unsigned int irq, cpu, best = nr_cpu_ids;

	for (irq = 1; irq < NR_IRQS_LEGACY; irq++) {
		struct irq_data *d = irq_get_irq_data(irq);

		if (!d || vic_shared_line(irq) || irq == CASCADE_LINE ||
		    !irqd_is_started(d))
			continue;
		cpu = vic_target(d);
		if (cpu < nr_cpu_ids)
			load[cpu]++;
	}
	for_each_cpu(cpu, dest)
		if (best >= nr_cpu_ids || load[cpu] < load[best])
			best = cpu;
	return best;
}

/*
 * Route @d to one CPU of @dest: open the line there; the old target
 * closes it when the IRQ next reaches it (or now, if it is this CPU).
 */
static int vic_irq_set_affinity(struct irq_data *d,
				const struct cpumask *dest, bool force)
{
	struct cpumask cpus;
	unsigned int old = vic_target(d), cpu;

	/* Lines shared with the VIC's CPIs and CMN_INT stay open everywhere. */
	if (vic_shared_line(d->irq) || d->irq == CASCADE_LINE)
		return -EINVAL;
	cpumask_and(&cpus, dest, &vic_irq_cpus);
	cpumask_and(&cpus, &cpus, cpu_online_mask);
	if (cpumask_empty(&cpus)) {
		/* Only CPUs with a VIC line can take an IRQ. */
		if (vic_dynamic || !cpumask_intersects(dest, voyager_vic_cpu_mask))
			return -EINVAL;
		/* The boot CPU claims every IRQ until all CPUs are up. */
		cpumask_copy(&cpus, &vic_irq_cpus);
	}
	cpu = cpumask_test_cpu(old, &cpus) ? old : vic_least_loaded(&cpus);
	irq_data_update_effective_affinity(d, cpumask_of(cpu));
	if (cpu == old || !irqd_is_started(d) || irqd_irq_disabled(d) ||
	    irqd_irq_masked(d))
		return IRQ_SET_MASK_OK;
	vic_open_on(cpu, d->irq);
	if (old == smp_processor_id())
		vic_close_local(d->irq);
	return IRQ_SET_MASK_OK;
}

static struct irq_chip vic_chip = {
	.name			= "VIC",
	.irq_enable		= vic_irq_open,
	.irq_unmask		= vic_irq_open,
	.irq_mask		= vic_irq_mask,
	.irq_eoi		= vic_irq_eoi,
	.irq_set_affinity	= vic_irq_set_affinity,
	.flags			= IRQCHIP_SKIP_SET_WAKE | IRQCHIP_AFFINITY_PRE_STARTUP,
};

/*
 * An IRQ this CPU must not take: a spurious one (8259 line 7 of the
 * master or the slave, nothing in service) is counted and dropped; any
 * other is closed here, unless its line is shared, and acknowledged, so
 * that the VIC offers it to the CPU that has it open.
 */
static void vic_refuse_irq(struct irq_data *d)
{
	unsigned int irq = d->irq;

	if ((irq & 7) == 7 && !vic_in_service(irq)) {
		atomic_inc(&irq_err_count);
		/* The master took the cascade line in the same INTA cycle. */
		if (irq >= 8)
			outb(VOYAGER_OCW2_SPECIFIC_EOI | CASCADE_LINE,
			     PIC_MASTER_CMD);
		return;
	}
	if (irq == VIC_CMN_LINE)
		vic_close_cmn_local();
	else if (irq != VIC_TICK_LINE)
		vic_close_local(irq);
	vic_irq_eoi(d);
}

/* Does this CPU take @desc's IRQ now?  Called with the descriptor locked. */
static bool vic_irq_wanted(struct irq_desc *desc)
{
	struct irq_data *d = irq_desc_get_irq_data(desc);
	unsigned int irq = d->irq;

	if (!desc->action || irqd_irq_disabled(d))
		return false;
	if (irq == VIC_TICK_LINE)
		return true;
	/* Arrived on a closed line: the IRQ raced with its closing. */
	if (__this_cpu_read(vic_dyad_mask) & BIT(irq) || irqd_irq_masked(d))
		return false;
	return irq == VIC_CMN_LINE || vic_target(d) == smp_processor_id();
}

/*
 * The flow handler: handle_fasteoi_irq() for the IRQs this CPU takes,
 * lazy closing for the others.  The check runs under the descriptor's
 * lock, as enabling, masking and routing do.
 */
static void voyager_handle_irq(struct irq_desc *desc)
{
	bool wanted;

	raw_spin_lock(&desc->lock);
	wanted = vic_irq_wanted(desc);
	if (!wanted)
		vic_refuse_irq(irq_desc_get_irq_data(desc));
	raw_spin_unlock(&desc->lock);
	if (wanted)
		handle_fasteoi_irq(desc);
}

/* IRQ 0 and 7 are taken by the CPUs that have their shared lines open. */
static void vic_update_shared_affinity(void)
{
	irq_data_update_effective_affinity(irq_get_irq_data(VIC_TICK_LINE),
					   &vic_shared_cpus);
	irq_data_update_effective_affinity(irq_get_irq_data(VIC_CMN_LINE),
					   &vic_shared_cpus);
}

/*
 * A VIC CPU starts taking interrupts, with interrupts enabled (a CPU that
 * opened line 0 with interrupts off could capture the tick while it
 * calibrates, and nothing could reach it anyway): open the shared lines,
 * and take device IRQs too once the VIC routes them dynamically.
 */
void voyager_vic_online(void)
{
	unsigned int cpu = smp_processor_id();
	unsigned long flags;

	local_irq_save(flags);
	vic_write_mask(__this_cpu_read(vic_dyad_mask) & ~VIC_SHARED_LINES);
	cpumask_set_cpu(cpu, &vic_shared_cpus);
	vic_update_shared_affinity();
	if (vic_dynamic)
		cpumask_set_cpu(cpu, &vic_irq_cpus);
	local_irq_restore(flags);
}

/*
 * Before fixup_irqs() moves this CPU's IRQs: IRQ 0 and 7 just stop
 * coming here, and no device IRQ may be routed here any more.
 */
void voyager_vic_offline(unsigned int cpu)
{
	cpumask_clear_cpu(cpu, &vic_irq_cpus);
	cpumask_clear_cpu(cpu, &vic_shared_cpus);
	vic_update_shared_affinity();
}

/* A CPU going offline closes every line, CPI level 0 included. */
void voyager_close_local_interrupts(void)
{
	unsigned int cpu = smp_processor_id();

	vic_write_mask(VIC_ALL_CLOSED);
	this_cpu_write(vic_open_request, 0);
	if (cpumask_test_and_clear_cpu(cpu, &vic_cmn_closed) &&
	    cpumask_empty(&vic_cmn_closed))
		voyager_psi_poll(false);
}

/* Program this CPU's dyad and its VIC registers, every line closed. */
static void vic_init_local(bool claim_all)
{
	u8 claim = claim_all ? VIC_CLAIM_STATIC : VIC_CLAIM_DYNAMIC;

	outb(0x01, VIC_REDIRECT_1);
	outb(claim, VIC_CLAIM_LOW);
	outb(claim, VIC_CLAIM_HIGH);
	outb(0, VIC_PRIORITY);
	outb(ISA_IRQ_VECTOR(0), VIC_PRIMARY_MCA_BASE);
	outb(ISA_IRQ_VECTOR(0), VIC_SECONDARY_MCA_BASE);

	outb(ICW1_LEVEL_ICW4, PIC_MASTER_CMD);
	outb(ISA_IRQ_VECTOR(0), PIC_MASTER_IMR);
	outb(BIT(CASCADE_LINE), PIC_MASTER_IMR);
	outb(ICW4_8086, PIC_MASTER_IMR);
	outb(ICW1_LEVEL_ICW4, PIC_SLAVE_CMD);
	outb(ISA_IRQ_VECTOR(8), PIC_SLAVE_IMR);
	outb(CASCADE_LINE, PIC_SLAVE_IMR);
	outb(ICW4_8086, PIC_SLAVE_IMR);

	/* ICW1 cleared the IMRs: close everything. */
	outb(VIC_ALL_CLOSED & 0xff, PIC_MASTER_IMR);
	outb(VIC_ALL_CLOSED >> 8, PIC_SLAVE_IMR);
	this_cpu_write(vic_dyad_mask, VIC_ALL_CLOSED);
}

static void vic_legacy_mask(unsigned int irq)
{
	if (!vic_shared_line(irq))
		vic_close_local(irq);
}

static void vic_legacy_unmask(unsigned int irq)
{
	vic_open_local(irq);
}

static void vic_legacy_mask_all(void)
{
	outb(0xff & ~VIC_SHARED_LINES, PIC_MASTER_IMR);
	outb(0xff, PIC_SLAVE_IMR);
}

static void vic_legacy_restore_mask(void)
{
	u16 mask = __this_cpu_read(vic_dyad_mask);

	outb(mask & 0xff, PIC_MASTER_IMR);
	outb(mask >> 8, PIC_SLAVE_IMR);
}

/* The boot CPU claims every IRQ until the other CPUs are up. */
static void vic_legacy_init(int auto_eoi)
{
	vic_init_local(true);
	cpumask_copy(&vic_irq_cpus, cpumask_of(smp_processor_id()));
	voyager_vic_online();
}

static int vic_legacy_probe(void)
{
	return NR_IRQS_LEGACY;
}

static int vic_legacy_irq_pending(unsigned int irq)
{
	unsigned int port = irq < 8 ? PIC_MASTER_CMD : PIC_SLAVE_CMD;
	unsigned long flags;
	bool pending;

	local_irq_save(flags);
	outb(OCW3_READ_IRR, port);
	pending = inb(port) & BIT(irq & 7);
	local_irq_restore(flags);
	return pending;
}

static void vic_legacy_make_irq(unsigned int irq)
{
	irq_set_chip_and_handler(irq, &vic_chip, voyager_handle_irq);
}

static struct legacy_pic vic_legacy_pic = {
	.nr_legacy_irqs	= NR_IRQS_LEGACY,
	.chip		= &vic_chip,
	.mask		= vic_legacy_mask,
	.unmask		= vic_legacy_unmask,
	.mask_all	= vic_legacy_mask_all,
	.restore_mask	= vic_legacy_restore_mask,
	.init		= vic_legacy_init,
	.probe		= vic_legacy_probe,
	.irq_pending	= vic_legacy_irq_pending,
	.make_irq	= vic_legacy_make_irq,
};

/* x86_init.irqs.pre_vector_init: the VIC instead of the 8259 pair. */
void __init voyager_init_irqs(void)
{
	int irq;

	/* Lines 0 and 7 open at once: their gates first. */
	voyager_smp_install_gates();
	voyager_psi_install_gates();
	legacy_pic = &vic_legacy_pic;
	init_ISA_irqs();
	for (irq = 0; irq < NR_IRQS_LEGACY; irq++) {
		irq_set_handler(irq, voyager_handle_irq);
		/*
		 * Setting a VIC affinity only updates a mask and sends a CPI:
		 * it can happen in process context, not at the next ack.
		 */
		irq_set_status_flags(irq, IRQ_MOVE_PCNTXT);
		if (!vic_shared_line(irq))
			irq_data_update_effective_affinity(irq_get_irq_data(irq),
							   cpumask_of(0));
	}
	vic_update_shared_affinity();
	/* The OS drives the machine now, not the SUS firmware. */
	outb(inb(VOYAGER_SUS_CONTROL_PORT) | VOYAGER_SUS_OS_IN_CONTROL,
	     VOYAGER_SUS_CONTROL_PORT);
	pr_info("routing IRQ 0-15 at vectors %#x-%#x, boot CPU is hardware CPU %d\n",
		ISA_IRQ_VECTOR(0), ISA_IRQ_VECTOR(15), voyager_hw_cpu());
}

/* Raise CPI level 0 at the VIC CPUs of @targets (bit n: hardware CPU n). */
void voyager_vic_send_cpi0(u8 targets)
{
	outb(targets, VIC_CPI_LEVEL0);
}

/* The vector base of the VIC's CPIs, SYS_INT and CMN_INT: global. */
void __init voyager_vic_set_cpi_base(u8 vector)
{
	outb(vector, VIC_CPI_BASE);
}

struct vic_masquerade {
	u32	hw;
	u8	mask;
};

/*
 * Write the master mask of another CPU's dyad.  Ends the masquerade with
 * this CPU's cached hardware id: under the masquerade who-am-I may answer
 * for the other CPU.
 */
static int vic_masquerade_mask(void *data)
{
	const struct vic_masquerade *m = data;

	outb(VIC_MASQUERADE | m->hw, VOYAGER_VIC_PROCESSOR_ID);
	outb(m->mask, PIC_MASTER_IMR);
	outb(this_cpu_read(x86_cpu_to_apicid), VOYAGER_VIC_PROCESSOR_ID);
	return 0;
}

/**
 * voyager_vic_set_boot_mask() - open or close line 0 of a CPU not running
 * @hw: hardware number of a parked VIC CPU
 * @open: open line 0 only (before its boot CPI), or close every line
 *	(after it failed to start)
 *
 * The masquerade drives the VIC's processor id lines for the whole
 * machine (reference 4.9: two CPUs driving one controller cause "great
 * confusion"), so no other CPU may touch its dyad meanwhile: every online
 * CPU is stopped around the three writes, which the boot CPU (a VIC CPU)
 * makes.  The caller holds the CPU hotplug lock.
 *
 * Return: 0, or the error of stop_machine_cpuslocked().
 */
int voyager_vic_set_boot_mask(u32 hw, bool open)
{
	struct vic_masquerade m = {
		.hw = hw,
		.mask = open ? BOOT_CPI_MASTER_MASK : 0xff,
	};

	return stop_machine_cpuslocked(vic_masquerade_mask, &m, cpumask_of(0));
}

/* Acknowledge VIC CPI level 0 (it arrives on master line 0). */
void voyager_vic_eoi_cpi(void)
{
	outb(VOYAGER_OCW2_SPECIFIC_EOI | 0, PIC_MASTER_CMD);
}

/*
 * A secondary VIC CPU, early in its start-up with interrupts off: the
 * boot CPI that started it is still in service; then its dyad and VIC
 * registers, every line closed until voyager_vic_online().
 */
void voyager_vic_init_secondary(void)
{
	voyager_vic_eoi_cpi();
	vic_init_local(false);
}

/*
 * All CPUs are up: the boot CPU stops claiming every IRQ, and every
 * online VIC CPU may be chosen as a target from now on.
 */
void voyager_vic_dynamic_routing(void)
{
	unsigned long flags;

	local_irq_save(flags);
	cpumask_and(&vic_irq_cpus, &vic_shared_cpus, voyager_vic_cpu_mask);
	WRITE_ONCE(vic_dynamic, true);
	outb(VIC_CLAIM_DYNAMIC, VIC_CLAIM_LOW);
	outb(VIC_CLAIM_DYNAMIC, VIC_CLAIM_HIGH);
	local_irq_restore(flags);
}

/* x86_init.irqs.intr_mode_select: there is no APIC to switch to. */
void __init voyager_intr_mode_select(void)
{
	apic_intr_mode = APIC_PIC;
	apic_is_disabled = true;
}

/* The dyad's masks as the 8259s hold them, read on their own CPU. */
static void vic_read_imr(void *imr)
{
	*(u16 *)imr = inb(PIC_MASTER_IMR) | inb(PIC_SLAVE_IMR) << 8;
}

/*
 * debugfs voyager/vic: per VIC CPU, the dyad mask the kernel wrote and
 * the one the 8259s hold (1 = closed, IRQ 8-15 in the high byte), and the
 * lines open; what the old port's sysrq-v dump showed of the masks.
 */
static int vic_lines_show(struct seq_file *m, void *v)
{
	unsigned int cpu, irq;
	u16 imr;

	seq_puts(m, "cpu hw  mask  8259  open\n");
	cpus_read_lock();
	for_each_cpu_and(cpu, cpu_online_mask, voyager_vic_cpu_mask) {
		u16 mask = READ_ONCE(per_cpu(vic_dyad_mask, cpu));

		if (smp_call_function_single(cpu, vic_read_imr, &imr, 1))
			continue;
		seq_printf(m, "%3u %2u  %04x  %04x ", cpu,
			   per_cpu(x86_cpu_to_apicid, cpu), mask, imr);
		for (irq = 0; irq < NR_IRQS_LEGACY; irq++)
			if (!(imr & BIT(irq)))
				seq_printf(m, " %u", irq);
		seq_putc(m, '\n');
	}
	cpus_read_unlock();
	seq_printf(m, "line 7 closed on: %*pbl\n",
		   cpumask_pr_args(&vic_cmn_closed));
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(vic_lines);

static int __init voyager_vic_late_init(void)
{
	if (!is_voyager())
		return 0;
	if (!request_region(VIC_BASE, VIC_SIZE, "voyager-vic"))
		pr_warn("cannot claim ports %#x-%#x\n", VIC_BASE,
			VIC_BASE + VIC_SIZE - 1);
	debugfs_create_file("vic", 0400, voyager_debugfs_dir, NULL,
			    &vic_lines_fops);
	return 0;
}
device_initcall(voyager_vic_late_init);
