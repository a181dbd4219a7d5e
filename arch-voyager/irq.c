// SPDX-License-Identifier: GPL-2.0
/*
 * NCR Voyager interrupts: the irq_chip and legacy_pic of the VIC.
 *
 * The VIC offers an asserted IRQ to a CPU that has it open in its own
 * 8259 pair, and offers a still-asserted level line again once that CPU
 * sent its EOI (vic.c).  So the kernel routes an IRQ by opening its line
 * in exactly one CPU's dyad: each device IRQ has a single target CPU,
 * chosen from its affinity, and the line is closed everywhere else.  The
 * flow is "fast EOI": the handler runs with the line open and in service,
 * and the specific EOI after it is the only port access of a device
 * interrupt (two on the slave: its EOI and the cascade's).  A CPU that
 * receives an IRQ it must not take (disabled, freed, or moved to another
 * CPU meanwhile) closes the line in its own dyad and sends the EOI, and
 * the VIC offers the line to the CPU that has it open.  Opening a line on
 * another CPU goes through the "enable IRQ" CPI, sent only if that CPU
 * has it closed.
 *
 * Two master lines are shared with the VIC's own interrupts and stay
 * open on every running VIC CPU: line 0 carries CPI level 0 (and SYS_INT)
 * besides the PIT, and line 7 carries CMN_INT (power supply events)
 * besides IRQ 7.  IRQ 0 and IRQ 7 are therefore taken wherever they land.
 * Line 0 is never closed.  Line 7 is closed only under an IRQ 7 nobody
 * takes (no handler, disabled, or masked by its handler) that would
 * otherwise interrupt without end; while it is closed on some CPU the
 * power supply is polled instead (power.c), so no power switch press is
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
#include <linux/irq.h>
#include <linux/irqdesc.h>
#include <linux/seq_file.h>
#include <linux/smp.h>
#include <asm/apic.h>
#include <asm/hw_irq.h>
#include <asm/i8259.h>
#include <asm/irq_vectors.h>
#include <asm/voyager.h>
#include "voyager.h"

/* The master lines shared with the VIC's own interrupts. */
#define TICK_LINE			0	/* PIT, CPI level 0, SYS_INT */
#define CASCADE_LINE			2
#define CMN_LINE			7	/* IRQ 7, CMN_INT */
#define SHARED_LINES			(BIT(TICK_LINE) | BIT(CMN_LINE))

/*
 * VIC CPUs that take device IRQs: the boot CPU alone while it claims
 * every IRQ, then every online VIC CPU.
 */
static struct cpumask irq_cpus;
/* Running VIC CPUs with lines 0 and 7 open: where IRQ 0 and 7 may land. */
static struct cpumask shared_cpus;
static bool irq_dynamic __read_mostly;

static void close_local(unsigned int irq)
{
	voyager_vic_write_mask(voyager_vic_mask() | BIT(irq));
}

/* The single CPU a device IRQ is routed to. */
static unsigned int irq_target(struct irq_data *d)
{
	return cpumask_first(irq_data_get_effective_affinity_mask(d));
}

static bool shared_line(unsigned int irq)
{
	return BIT(irq) & SHARED_LINES;
}

/* Line 7 is closed here: the power supply must be polled meanwhile. */
static void close_cmn_local(void)
{
	close_local(CMN_LINE);
	voyager_psi_poll();
}

/*
 * Open @irq on @cpu: directly if it is this CPU, else by the CPI, and
 * only if that CPU has it closed (a request left pending would open the
 * line with the next CPI, whether still wanted or not).
 */
static void open_on(unsigned int cpu, unsigned int irq)
{
	if (cpu == smp_processor_id()) {
		voyager_vic_write_mask(voyager_vic_mask() & ~BIT(irq));
	} else if (voyager_vic_closed_on(cpu, irq)) {
		voyager_vic_post_open(cpu, irq);
		voyager_send_enable_irq(cpu);
	}
}

/*
 * irq_enable, irq_unmask: open the line on the IRQ's target, or for
 * IRQ 7 on every CPU that closed it.  Called with the descriptor locked.
 */
static void vic_irq_open(struct irq_data *d)
{
	unsigned int cpu;

	switch (d->irq) {
	case TICK_LINE:
	case CASCADE_LINE:
		return;
	case CMN_LINE:
		for_each_cpu(cpu, &shared_cpus)
			if (voyager_vic_closed_on(cpu, CMN_LINE))
				open_on(cpu, CMN_LINE);
		return;
	}
	cpu = irq_target(d);
	if (cpu < nr_cpu_ids)
		open_on(cpu, d->irq);
}

/*
 * irq_mask: close the line if this CPU is its target.  Elsewhere the mask
 * is lazy: the target closes the line when the IRQ next reaches it.
 */
static void vic_irq_mask(struct irq_data *d)
{
	switch (d->irq) {
	case TICK_LINE:
	case CASCADE_LINE:
		return;
	case CMN_LINE:
		close_cmn_local();
		return;
	}
	if (irq_target(d) == smp_processor_id())
		close_local(d->irq);
}

static void vic_irq_eoi(struct irq_data *d)
{
	/* The PIT request is latched on MCA machines: reset the latch. */
	if (d->irq == 0)
		voyager_pit_irq0_ack();
	voyager_vic_eoi(d->irq);
}

/* The VIC CPU of @dest that has the fewest device IRQs routed to it. */
static unsigned int least_loaded(const struct cpumask *dest)
{
	unsigned int load[NR_CPUS] = { };
	unsigned int irq, cpu, best = nr_cpu_ids;

	for (irq = 1; irq < NR_IRQS_LEGACY; irq++) {
		struct irq_data *d = irq_get_irq_data(irq);

		if (!d || shared_line(irq) || irq == CASCADE_LINE ||
		    !irqd_is_started(d))
			continue;
		cpu = irq_target(d);
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
	unsigned int old = irq_target(d), cpu;

	/* Lines shared with the VIC's CPIs and CMN_INT stay open everywhere. */
	if (shared_line(d->irq) || d->irq == CASCADE_LINE)
		return -EINVAL;
	cpumask_and(&cpus, dest, &irq_cpus);
	cpumask_and(&cpus, &cpus, cpu_online_mask);
	if (cpumask_empty(&cpus)) {
		/* Only CPUs with a VIC line can take an IRQ. */
		if (irq_dynamic || !cpumask_intersects(dest, voyager_vic_cpu_mask))
			return -EINVAL;
		/* The boot CPU claims every IRQ until all CPUs are up. */
		cpumask_copy(&cpus, &irq_cpus);
	}
	cpu = cpumask_test_cpu(old, &cpus) ? old : least_loaded(&cpus);
	irq_data_update_effective_affinity(d, cpumask_of(cpu));
	if (cpu == old || !irqd_is_started(d) || irqd_irq_disabled(d) ||
	    irqd_irq_masked(d))
		return IRQ_SET_MASK_OK;
	open_on(cpu, d->irq);
	if (old == smp_processor_id())
		close_local(d->irq);
	return IRQ_SET_MASK_OK;
}

/*
 * irq_set_type: the dyads sense levels on every line (ICW1 LTIM, vic.c),
 * as Micro Channel interrupts need; a driver that asks for a level
 * trigger (the MCA bus's mca_request_irq()) gets it.  Edges cannot be
 * sensed: an ISA-style device that holds its line until serviced works
 * without asking for a type.
 */
static int vic_irq_set_type(struct irq_data *d, unsigned int type)
{
	if (type & ~IRQ_TYPE_LEVEL_MASK || !(type & IRQ_TYPE_LEVEL_MASK))
		return -EINVAL;
	return IRQ_SET_MASK_OK;
}

static struct irq_chip vic_chip = {
	.name			= "VIC",
	.irq_enable		= vic_irq_open,
	.irq_unmask		= vic_irq_open,
	.irq_mask		= vic_irq_mask,
	.irq_eoi		= vic_irq_eoi,
	.irq_set_affinity	= vic_irq_set_affinity,
	.irq_set_type		= vic_irq_set_type,
	.flags			= IRQCHIP_SKIP_SET_WAKE | IRQCHIP_AFFINITY_PRE_STARTUP,
};

/*
 * An IRQ this CPU must not take: a spurious one (8259 line 7 of the
 * master or the slave, nothing in service) is counted and dropped; any
 * other is closed here, unless its line is shared, and acknowledged, so
 * that the VIC offers it to the CPU that has it open.
 */
static void refuse_irq(struct irq_data *d)
{
	unsigned int irq = d->irq;

	if ((irq & 7) == 7 && !voyager_vic_in_service(irq)) {
		atomic_inc(&irq_err_count);
		/* The master took the cascade line in the same INTA cycle. */
		if (irq >= 8)
			voyager_vic_eoi_cascade();
		return;
	}
	if (irq == CMN_LINE)
		close_cmn_local();
	else if (irq != TICK_LINE)
		close_local(irq);
	vic_irq_eoi(d);
}

/* Does this CPU take @desc's IRQ now?  Called with the descriptor locked. */
static bool irq_wanted(struct irq_desc *desc)
{
	struct irq_data *d = irq_desc_get_irq_data(desc);
	unsigned int irq = d->irq;

	if (!desc->action || irqd_irq_disabled(d))
		return false;
	if (irq == TICK_LINE)
		return true;
	/* Arrived on a closed line: the IRQ raced with its closing. */
	if (voyager_vic_mask() & BIT(irq) || irqd_irq_masked(d))
		return false;
	return irq == CMN_LINE || irq_target(d) == smp_processor_id();
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
	wanted = irq_wanted(desc);
	if (!wanted)
		refuse_irq(irq_desc_get_irq_data(desc));
	raw_spin_unlock(&desc->lock);
	if (wanted)
		handle_fasteoi_irq(desc);
}

/* IRQ 0 and 7 are taken by the CPUs that have their shared lines open. */
static void update_shared_affinity(void)
{
	irq_data_update_effective_affinity(irq_get_irq_data(TICK_LINE),
					   &shared_cpus);
	irq_data_update_effective_affinity(irq_get_irq_data(CMN_LINE),
					   &shared_cpus);
}

/*
 * A VIC CPU starts taking interrupts, with interrupts enabled (a CPU that
 * opened line 0 with interrupts off could capture the tick while it
 * calibrates, and nothing could reach it anyway): open the shared lines,
 * and take device IRQs too once the VIC routes them dynamically.
 */
void voyager_irq_cpu_online(void)
{
	unsigned int cpu = smp_processor_id();
	unsigned long flags;

	local_irq_save(flags);
	voyager_vic_write_mask(voyager_vic_mask() & ~SHARED_LINES);
	cpumask_set_cpu(cpu, &shared_cpus);
	update_shared_affinity();
	if (irq_dynamic)
		cpumask_set_cpu(cpu, &irq_cpus);
	local_irq_restore(flags);
}

/*
 * Before fixup_irqs() moves this CPU's IRQs: IRQ 0 and 7 just stop
 * coming here, and no device IRQ may be routed here any more.
 */
void voyager_irq_cpu_offline(unsigned int cpu)
{
	cpumask_clear_cpu(cpu, &irq_cpus);
	cpumask_clear_cpu(cpu, &shared_cpus);
	update_shared_affinity();
}

/* A CPU going offline closes every line, CPI level 0 included. */
void voyager_irq_cpu_close(void)
{
	voyager_vic_write_mask(VOYAGER_VIC_ALL_CLOSED);
}

/* All CPUs are up: every online VIC CPU may be a target from now on. */
void voyager_irq_dynamic_routing(void)
{
	unsigned long flags;

	local_irq_save(flags);
	cpumask_and(&irq_cpus, &shared_cpus, voyager_vic_cpu_mask);
	WRITE_ONCE(irq_dynamic, true);
	voyager_vic_claim_dynamic();
	local_irq_restore(flags);
}

static void vic_legacy_mask(unsigned int irq)
{
	if (!shared_line(irq))
		close_local(irq);
}

static void vic_legacy_unmask(unsigned int irq)
{
	voyager_vic_write_mask(voyager_vic_mask() & ~BIT(irq));
}

static void vic_legacy_mask_all(void)
{
	voyager_vic_write_imr(VOYAGER_VIC_ALL_CLOSED & ~SHARED_LINES);
}

static void vic_legacy_restore_mask(void)
{
	voyager_vic_write_imr(voyager_vic_mask());
}

/* The boot CPU claims every IRQ until the other CPUs are up. */
static void vic_legacy_init(int auto_eoi)
{
	voyager_vic_init_local(true);
	cpumask_copy(&irq_cpus, cpumask_of(smp_processor_id()));
	voyager_irq_cpu_online();
}

static int vic_legacy_probe(void)
{
	return NR_IRQS_LEGACY;
}

static int vic_legacy_irq_pending(unsigned int irq)
{
	unsigned long flags;
	bool pending;

	local_irq_save(flags);
	pending = voyager_vic_requested(irq);
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

/* The VIC instead of the 8259 pair; the gates are installed already. */
void __init voyager_irq_init(void)
{
	int irq;

	legacy_pic = &vic_legacy_pic;
	init_ISA_irqs();
	for (irq = 0; irq < NR_IRQS_LEGACY; irq++) {
		irq_set_handler(irq, voyager_handle_irq);
		/*
		 * Setting a VIC affinity only updates a mask and sends a CPI:
		 * it can happen in process context, not at the next ack.
		 */
		irq_set_status_flags(irq, IRQ_MOVE_PCNTXT);
		if (!shared_line(irq))
			irq_data_update_effective_affinity(irq_get_irq_data(irq),
							   cpumask_of(0));
	}
	update_shared_affinity();
	pr_info("routing IRQ 0-15 at vectors %#x-%#x, boot CPU is hardware CPU %d\n",
		ISA_IRQ_VECTOR(0), ISA_IRQ_VECTOR(15), voyager_hw_cpu());
}

/* x86_init.irqs.intr_mode_select: there is no APIC to switch to. */
void __init voyager_intr_mode_select(void)
{
	apic_intr_mode = APIC_PIC;
	apic_is_disabled = true;
}

/* The dyad's masks as the 8259s hold them, read on their own CPU. */
static void read_imr(void *imr)
{
	*(u16 *)imr = voyager_vic_read_imr();
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
		if (smp_call_function_single(cpu, read_imr, &imr, 1))
			continue;
		seq_printf(m, "%3u %2u  %04x  %04x ", cpu,
			   per_cpu(x86_cpu_to_apicid, cpu),
			   voyager_vic_mask_of(cpu), imr);
		for (irq = 0; irq < NR_IRQS_LEGACY; irq++)
			if (!(imr & BIT(irq)))
				seq_printf(m, " %u", irq);
		seq_putc(m, '\n');
	}
	cpus_read_unlock();
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(vic_lines);

void __init voyager_irq_debugfs_init(struct dentry *dir)
{
	debugfs_create_file("vic", 0400, dir, NULL, &vic_lines_fops);
}
