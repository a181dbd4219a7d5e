// SPDX-License-Identifier: GPL-2.0
/*
 * NCR Voyager VIC: the interrupt router.
 *
 * Every VIC processor has its own 8259 pair ("dyad") at the usual ports
 * 20h/21h/A0h/A1h; a CPU can only reach its own dyad.  The VIC offers each
 * asserted IRQ to a CPU that has it unmasked in its dyad (statically to a
 * CPU that claims all IRQs, dynamically to the lowest-priority eligible
 * one), and once that CPU sends its EOI a still-asserted level line is
 * offered again.  So masking is per CPU and lazy: a CPU that receives an
 * IRQ it should not take (disabled, or outside the IRQ's affinity) masks
 * it in its own dyad and EOIs it, and the VIC passes it on.
 *
 * Legacy IRQs use ISA_IRQ_VECTOR(0) (30h) and up, not the 20h of the old
 * port: both the dyads' ICW2 and the VIC's MCA vector bases say so.
 */

#define pr_fmt(fmt) "Voyager VIC: " fmt

#include <linux/init.h>
#include <linux/interrupt.h>
#include <linux/io.h>
#include <linux/ioport.h>
#include <linux/irq.h>
#include <linux/percpu.h>
#include <linux/spinlock.h>
#include <asm/apic.h>
#include <asm/hw_irq.h>
#include <asm/i8259.h>
#include <asm/irq_vectors.h>
#include <asm/voyager.h>
#include "voyager.h"

/* The VIC register block (hardware reference, VIC register map). */
#define VIC_BASE			0xfc00
#define VIC_SIZE			0x70
#define VIC_PRIORITY			0xfc20
#define VIC_CLAIM_LOW			0xfc38	/* IRQ 0-7 */
#define VIC_CLAIM_HIGH			0xfc39	/* IRQ 8-15 */
#define VIC_CLAIM_STATIC		0xff
#define VIC_CLAIM_DYNAMIC		0x00
#define VIC_PRIMARY_MCA_BASE		0xfc48
#define VIC_SECONDARY_MCA_BASE		0xfc49
#define VIC_REDIRECT_1			0xfc61

/* 8259 commands: ICW1 level-triggered + ICW4, ICW4 8086 mode. */
#define ICW1_LEVEL_ICW4			0x19
#define ICW4_8086			0x01
#define OCW3_READ_IRR			0x0a
#define OCW3_READ_ISR			0x0b
#define CASCADE_LINE			2

/* Port B: on MCA machines bit 7 resets the latched IRQ 0 request. */
#define PORT_B				0x61
#define PORT_B_IRQ0_RESET		0x80

/* This CPU's dyad mask, as last written (IRQ 8-15 in the high byte). */
static DEFINE_PER_CPU(u16, vic_dyad_mask) = 0xffff;
static DEFINE_RAW_SPINLOCK(vic_lock);

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

/* The hardware number of the running CPU. */
int voyager_hw_cpu(void)
{
	return voyager_vic_id(inb(VOYAGER_VIC_WHO_AM_I));
}

static void vic_write_mask(u16 mask)
{
	u16 *cached = this_cpu_ptr(&vic_dyad_mask);
	u16 changed = *cached ^ mask;

	*cached = mask;
	if (changed & 0x00ff)
		outb(mask & 0xff, PIC_MASTER_IMR);
	if (changed & 0xff00)
		outb(mask >> 8, PIC_SLAVE_IMR);
}

/*
 * IRQ 0 shares line 0 with CPI level 0: closing it would cut the CPU off
 * from every CPI, including the one that would open it again.  The tick
 * needs no masking anyway: its latched request is reset through port B.
 */
#define VIC_NEVER_MASKED		BIT(0)

static void vic_mask_local(unsigned int irq)
{
	unsigned long flags;

	if (BIT(irq) & VIC_NEVER_MASKED)
		return;
	raw_spin_lock_irqsave(&vic_lock, flags);
	vic_write_mask(__this_cpu_read(vic_dyad_mask) | BIT(irq));
	raw_spin_unlock_irqrestore(&vic_lock, flags);
}

static void vic_unmask_local(unsigned int irq)
{
	unsigned long flags;
	u16 mask;

	raw_spin_lock_irqsave(&vic_lock, flags);
	mask = __this_cpu_read(vic_dyad_mask) & ~BIT(irq);
	/* The slave's IRQs arrive through the cascade line of the master. */
	if (irq >= 8)
		mask &= ~BIT(CASCADE_LINE);
	vic_write_mask(mask);
	raw_spin_unlock_irqrestore(&vic_lock, flags);
}

/* Read this CPU's ISR or IRR (@ocw3) bit of @irq; leaves IRR selected. */
static bool vic_read_status(unsigned int irq, u8 ocw3)
{
	unsigned int port = irq < 8 ? PIC_MASTER_CMD : PIC_SLAVE_CMD;
	u8 val;

	outb(ocw3, port);
	val = inb(port);
	outb(OCW3_READ_IRR, port);
	return val & BIT(irq & 7);
}

/* Is @irq really in service in this CPU's dyad? */
static bool vic_irq_in_service(unsigned int irq)
{
	return vic_read_status(irq, OCW3_READ_ISR);
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

static void vic_irq_mask(struct irq_data *d)
{
	vic_mask_local(d->irq);
}

/*
 * Open @d's line on every CPU of its affinity: this CPU's dyad directly,
 * the others through the "enable IRQ" CPI.  CPUs that had it open and are
 * no longer in the affinity close it lazily (voyager_handle_irq()).
 */
static void vic_open_on_affinity(struct irq_data *d)
{
	const struct cpumask *dest = irq_data_get_effective_affinity_mask(d);
	struct cpumask others;

	if (cpumask_test_cpu(smp_processor_id(), dest))
		vic_unmask_local(d->irq);
	/*
	 * Line 0 is never closed and every secondary opens it when it
	 * starts: no CPI for it (genirq unmasks the tick after each one).
	 */
	if (BIT(d->irq) & VIC_NEVER_MASKED)
		return;
	cpumask_and(&others, dest, cpu_online_mask);
	cpumask_clear_cpu(smp_processor_id(), &others);
	if (!cpumask_empty(&others))
		voyager_send_enable_irq(&others);
}

static void vic_irq_unmask(struct irq_data *d)
{
	vic_open_on_affinity(d);
}

static void vic_irq_mask_ack(struct irq_data *d)
{
	unsigned int irq = d->irq;

	/*
	 * IRQ 7 and 15 also come as the 8259's spurious interrupt when a
	 * request went away before INTA: count it, do not handle it twice.
	 */
	if ((irq & 7) == 7 && !vic_irq_in_service(irq)) {
		atomic_inc(&irq_err_count);
		return;
	}
	vic_mask_local(irq);
	/* The PIT request is latched on MCA machines: reset the latch. */
	if (irq == 0)
		outb(inb(PORT_B) | PORT_B_IRQ0_RESET, PORT_B);
	vic_eoi(irq);
}

static int vic_irq_set_affinity(struct irq_data *d,
				const struct cpumask *dest, bool force)
{
	struct cpumask vic_dest;

	/* The tick shares its 8259 line with CPI level 0: it stays put. */
	if (d->irq == 0)
		return -EINVAL;
	/* Only CPUs with a VIC line can take an IRQ. */
	cpumask_and(&vic_dest, dest, voyager_vic_cpu_mask);
	if (!cpumask_intersects(&vic_dest, cpu_online_mask))
		return -EINVAL;
	irq_data_update_effective_affinity(d, &vic_dest);
	if (!irqd_irq_disabled(d) && !irqd_irq_masked(d))
		vic_open_on_affinity(d);
	return IRQ_SET_MASK_OK;
}

static struct irq_chip vic_chip = {
	.name			= "VIC",
	.irq_mask		= vic_irq_mask,
	.irq_disable		= vic_irq_mask,
	.irq_unmask		= vic_irq_unmask,
	.irq_mask_ack		= vic_irq_mask_ack,
	.irq_set_affinity	= vic_irq_set_affinity,
	.flags			= IRQCHIP_SKIP_SET_WAKE,
};

/*
 * The flow handler: a level IRQ this CPU must not take (disabled, or not
 * in its affinity) is masked here and EOIed, and the VIC offers it to a
 * CPU that has it open.
 */
static void voyager_handle_irq(struct irq_desc *desc)
{
	struct irq_data *d = irq_desc_get_irq_data(desc);

	if (!irqd_irq_disabled(d) &&
	    !cpumask_test_cpu(smp_processor_id(),
			      irq_data_get_effective_affinity_mask(d))) {
		vic_irq_mask_ack(d);
		return;
	}
	handle_level_irq(desc);
}

/*
 * IRQ 0 shares its 8259 line with CPI level 0, which every online VIC CPU
 * keeps open: under dynamic routing the tick may come to any of them.
 * Its effective affinity says so; it changes only with CPU hotplug.
 */
static struct cpumask vic_tick_cpus;

static void voyager_vic_tick_join(unsigned int cpu)
{
	cpumask_set_cpu(cpu, &vic_tick_cpus);
	irq_data_update_effective_affinity(irq_get_irq_data(0), &vic_tick_cpus);
}

/* Before fixup_irqs(): the tick is not migrated, it just stops coming. */
void voyager_vic_tick_leave(unsigned int cpu)
{
	cpumask_clear_cpu(cpu, &vic_tick_cpus);
	irq_data_update_effective_affinity(irq_get_irq_data(0), &vic_tick_cpus);
}

/* A CPU going offline closes every line, CPI level 0 included. */
void voyager_close_local_interrupts(void)
{
	unsigned long flags;

	raw_spin_lock_irqsave(&vic_lock, flags);
	vic_write_mask(0xffff);
	raw_spin_unlock_irqrestore(&vic_lock, flags);
}

/* Program this CPU's dyad and its VIC registers. */
static void vic_init_local(bool claim_all)
{
	unsigned long flags;
	u8 claim = claim_all ? VIC_CLAIM_STATIC : VIC_CLAIM_DYNAMIC;
	u16 mask;

	raw_spin_lock_irqsave(&vic_lock, flags);
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

	/* ICW1 cleared the IMRs: write the masks this CPU should have. */
	mask = __this_cpu_read(vic_dyad_mask);
	outb(mask & 0xff, PIC_MASTER_IMR);
	outb(mask >> 8, PIC_SLAVE_IMR);
	raw_spin_unlock_irqrestore(&vic_lock, flags);
}

static void vic_legacy_mask(unsigned int irq)
{
	vic_mask_local(irq);
}

static void vic_legacy_unmask(unsigned int irq)
{
	vic_unmask_local(irq);
}

static void vic_legacy_mask_all(void)
{
	unsigned long flags;

	raw_spin_lock_irqsave(&vic_lock, flags);
	outb(0xff & ~VIC_NEVER_MASKED, PIC_MASTER_IMR);
	outb(0xff, PIC_SLAVE_IMR);
	raw_spin_unlock_irqrestore(&vic_lock, flags);
}

static void vic_legacy_restore_mask(void)
{
	unsigned long flags;
	u16 mask;

	raw_spin_lock_irqsave(&vic_lock, flags);
	mask = __this_cpu_read(vic_dyad_mask);
	outb(mask & 0xff, PIC_MASTER_IMR);
	outb(mask >> 8, PIC_SLAVE_IMR);
	raw_spin_unlock_irqrestore(&vic_lock, flags);
}

/* The boot CPU claims every IRQ until the other CPUs are up. */
static void vic_legacy_init(int auto_eoi)
{
	vic_init_local(true);
}

static int vic_legacy_probe(void)
{
	return NR_IRQS_LEGACY;
}

static int vic_legacy_irq_pending(unsigned int irq)
{
	unsigned long flags;
	bool pending;

	raw_spin_lock_irqsave(&vic_lock, flags);
	pending = vic_read_status(irq, OCW3_READ_IRR);
	raw_spin_unlock_irqrestore(&vic_lock, flags);
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

	legacy_pic = &vic_legacy_pic;
	init_ISA_irqs();
	for (irq = 0; irq < NR_IRQS_LEGACY; irq++) {
		irq_set_handler(irq, voyager_handle_irq);
		/*
		 * Setting a VIC affinity only updates a mask and sends CPIs:
		 * it can happen in process context, not at the next ack.
		 */
		irq_set_status_flags(irq, IRQ_MOVE_PCNTXT);
		irq_data_update_effective_affinity(irq_get_irq_data(irq),
						   cpumask_of(0));
	}
	/* The tick's CPUs grow as they come online: voyager_vic_tick_join(). */
	cpumask_copy(&vic_tick_cpus, cpumask_of(0));
	irq_data_update_effective_affinity(irq_get_irq_data(0), &vic_tick_cpus);
	voyager_smp_install_gates();
	voyager_psi_install_gates();
	/* The OS drives the machine now, not the SUS firmware. */
	outb(inb(VOYAGER_SUS_CONTROL_PORT) | VOYAGER_SUS_OS_IN_CONTROL,
	     VOYAGER_SUS_CONTROL_PORT);
	pr_info("routing IRQ 0-15 at vectors %#x-%#x, boot CPU is hardware CPU %d\n",
		ISA_IRQ_VECTOR(0), ISA_IRQ_VECTOR(15), voyager_hw_cpu());
}

/* Acknowledge VIC CPI level 0 (it arrives on master line 0). */
void voyager_vic_eoi_cpi(void)
{
	outb(VOYAGER_OCW2_SPECIFIC_EOI | 0, PIC_MASTER_CMD);
}

/* Open on this CPU every enabled IRQ whose affinity includes it. */
void voyager_vic_enable_local(void)
{
	unsigned int irq, cpu = smp_processor_id();
	struct irq_data *d;

	for (irq = 1; irq < NR_IRQS_LEGACY; irq++) {
		d = irq_get_irq_data(irq);
		if (!d || irqd_irq_disabled(d) || irqd_irq_masked(d))
			continue;
		if (cpumask_test_cpu(cpu, irq_data_get_effective_affinity_mask(d)))
			vic_unmask_local(irq);
	}
}

/*
 * A secondary VIC CPU, early in its start-up with interrupts off: the
 * boot CPI that started it is still in service; then its dyad and VIC
 * registers, dynamic routing for it, and line 0 open for CPIs.
 */
void voyager_vic_init_secondary(void)
{
	voyager_vic_eoi_cpi();
	vic_init_local(false);
	vic_unmask_local(0);
	voyager_vic_tick_join(smp_processor_id());
	voyager_vic_enable_local();
}

/* All CPUs are up: the boot CPU stops claiming every IRQ. */
void voyager_vic_dynamic_routing(void)
{
	outb(VIC_CLAIM_DYNAMIC, VIC_CLAIM_LOW);
	outb(VIC_CLAIM_DYNAMIC, VIC_CLAIM_HIGH);
}

/* x86_init.irqs.intr_mode_select: there is no APIC to switch to. */
void __init voyager_intr_mode_select(void)
{
	apic_intr_mode = APIC_PIC;
	apic_is_disabled = true;
}

static int __init voyager_vic_claim_ports(void)
{
	if (!is_voyager())
		return 0;
	if (!request_region(VIC_BASE, VIC_SIZE, "voyager-vic"))
		pr_warn("cannot claim ports %#x-%#x\n", VIC_BASE,
			VIC_BASE + VIC_SIZE - 1);
	return 0;
}
device_initcall(voyager_vic_claim_ports);
