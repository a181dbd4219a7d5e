// SPDX-License-Identifier: GPL-2.0
/*
 * NCR Voyager VIC: the register block of the interrupt router.
 *
 * Every VIC processor has its own 8259 pair ("dyad") at the usual ports
 * 20h/21h/A0h/A1h; a CPU can only reach its own dyad, or another CPU's
 * through the masquerade register.  The VIC offers each asserted IRQ to a
 * CPU that has it open in its dyad (statically to a CPU that claims all
 * IRQs, dynamically to the lowest-priority eligible one), raises CPI
 * level L at a CPU on master line L, and broadcasts SYS_INT and CMN_INT
 * on master lines 0 and 7.
 *
 * This file holds every access to those registers and nothing else: the
 * interrupt policy is irq.c's, the CPI transport ipi.c's.  The masks each
 * CPU last wrote are cached per CPU; other CPUs read the cache to decide
 * whether a line needs opening there.
 */

#define pr_fmt(fmt) "Voyager VIC: " fmt

#include <linux/cpumask.h>
#include <linux/init.h>
#include <linux/io.h>
#include <linux/ioport.h>
#include <linux/percpu.h>
#include <linux/stop_machine.h>
#include <asm/i8259.h>
#include <asm/irq_vectors.h>
#include <asm/voyager.h>
#include "voyager.h"

/* The VIC register block (hardware reference 4.2). */
#define VIC_BASE			0xfc00
#define VIC_SIZE			0x70
#define VIC_CPI_LEVEL0			0xfc00	/* write a mask of VIC CPUs */
#define VIC_PRIORITY			0xfc20
#define VIC_PROCESSOR_ID		0xfc21	/* masquerade */
#define VIC_MASQUERADE			0x08	/* | CPU */
#define VIC_WHO_AM_I			0xfc29
#define VIC_WHO_AM_I_QUAD		0xc0	/* both bits: a quad card CPU */
#define VIC_CLAIM_LOW			0xfc38	/* IRQ 0-7 */
#define VIC_CLAIM_HIGH			0xfc39	/* IRQ 8-15 */
#define VIC_CLAIM_STATIC		0xff
#define VIC_CLAIM_DYNAMIC		0x00
#define VIC_CPI_BASE			0xfc41
#define VIC_PRIMARY_MCA_BASE		0xfc48
#define VIC_SECONDARY_MCA_BASE		0xfc49
#define VIC_REDIRECT_1			0xfc61

/* 8259 commands: ICW1 level-triggered + ICW4, ICW4 8086 mode. */
#define ICW1_LEVEL_ICW4			0x19
#define ICW4_8086			0x01
#define OCW2_SPECIFIC_EOI		0x60
#define OCW3_READ_IRR			0x0a
#define OCW3_READ_ISR			0x0b
#define CASCADE_LINE			2
#define CMN_LINE			7
#define BOOT_CPI_MASTER_MASK		0xfe	/* only line 0 open */

/*
 * This CPU's dyad mask as last written (IRQ 8-15 in the high byte; the
 * cascade bit follows the slave's lines).  Written only by its own CPU,
 * with interrupts off.
 */
static DEFINE_PER_CPU(u16, vic_dyad_mask) = VOYAGER_VIC_ALL_CLOSED;
/* Lines other CPUs asked this CPU to open (the "enable IRQ" CPI). */
static DEFINE_PER_CPU(unsigned long, vic_open_request);

/* The logical CPUs with a VIC line: the ones with a dyad. */
static struct cpumask vic_cpumask __read_mostly = { CPU_BITS_CPU0 };
const struct cpumask *const voyager_vic_cpu_mask = &vic_cpumask;

/* Set once the logical CPU numbers are known (SMP preparation). */
void __init voyager_vic_set_cpus(const struct cpumask *cpus)
{
	cpumask_copy(&vic_cpumask, cpus);
}

/**
 * voyager_vic_id() - decode a who-am-I value
 * @whoami: what FC29h read
 *
 * Return: the hardware CPU number, or -1 if the value names no CPU.
 */
int voyager_vic_id(u8 whoami)
{
	if ((whoami & VIC_WHO_AM_I_QUAD) == VIC_WHO_AM_I_QUAD)
		return whoami & 0x1f;
	return whoami ? __ffs(whoami) : -1;
}

/* The raw who-am-I of the running CPU (E0h | id: a quad CPU of a 51xx). */
u8 voyager_vic_whoami(void)
{
	return inb(VIC_WHO_AM_I);
}

/* Is the running CPU on a quad card (who-am-I C0h | id)? */
bool voyager_vic_quad_cpu(void)
{
	return (voyager_vic_whoami() & VIC_WHO_AM_I_QUAD) == VIC_WHO_AM_I_QUAD;
}

/* The hardware number of the running CPU, read from the VIC. */
int voyager_hw_cpu(void)
{
	return voyager_vic_id(voyager_vic_whoami());
}

/* Write this CPU's dyad mask; only the changed 8259s are written. */
void voyager_vic_write_mask(u16 mask)
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

/* This CPU's dyad mask as last written. */
u16 voyager_vic_mask(void)
{
	return __this_cpu_read(vic_dyad_mask);
}

/* @cpu's dyad mask as that CPU last wrote it. */
u16 voyager_vic_mask_of(unsigned int cpu)
{
	return READ_ONCE(per_cpu(vic_dyad_mask, cpu));
}

/* Is line @irq closed in @cpu's dyad, as far as that CPU wrote it? */
bool voyager_vic_closed_on(unsigned int cpu, unsigned int irq)
{
	return voyager_vic_mask_of(cpu) & BIT(irq);
}

/* Is CMN_INT's line closed on some online VIC CPU? */
bool voyager_vic_cmn_closed(void)
{
	unsigned int cpu;

	for_each_cpu_and(cpu, &vic_cpumask, cpu_online_mask)
		if (voyager_vic_closed_on(cpu, CMN_LINE))
			return true;
	return false;
}

/* Masks without the cache, for legacy_pic's mask_all/restore_mask. */
void voyager_vic_write_imr(u16 mask)
{
	outb(mask & 0xff, PIC_MASTER_IMR);
	outb(mask >> 8, PIC_SLAVE_IMR);
}

/* The masks as the 8259s hold them (1 = closed). */
u16 voyager_vic_read_imr(void)
{
	return inb(PIC_MASTER_IMR) | inb(PIC_SLAVE_IMR) << 8;
}

/* Ask @cpu to open @irq: the caller sends it the "enable IRQ" CPI. */
void voyager_vic_post_open(unsigned int cpu, unsigned int irq)
{
	set_bit(irq, per_cpu_ptr(&vic_open_request, cpu));
}

/*
 * Open the lines other CPUs asked for (the "enable IRQ" CPI), interrupts
 * off.  Return: the lines opened.
 */
unsigned long voyager_vic_open_requested(void)
{
	unsigned long irqs = xchg(this_cpu_ptr(&vic_open_request), 0);

	if (irqs)
		voyager_vic_write_mask(voyager_vic_mask() & ~irqs);
	return irqs;
}

/* Is @irq really in service in this CPU's dyad?  Leaves ISR selected. */
bool voyager_vic_in_service(unsigned int irq)
{
	unsigned int port = irq < 8 ? PIC_MASTER_CMD : PIC_SLAVE_CMD;

	outb(OCW3_READ_ISR, port);
	return inb(port) & BIT(irq & 7);
}

/* Is @irq requested at this CPU's dyad? */
bool voyager_vic_requested(unsigned int irq)
{
	unsigned int port = irq < 8 ? PIC_MASTER_CMD : PIC_SLAVE_CMD;

	outb(OCW3_READ_IRR, port);
	return inb(port) & BIT(irq & 7);
}

/* The specific EOI of master line @line: an IRQ, a CPI, SYS_INT, CMN_INT. */
void voyager_vic_eoi_line(unsigned int line)
{
	outb(OCW2_SPECIFIC_EOI | line, PIC_MASTER_CMD);
}

/* The specific EOI of device IRQ @irq (the slave's: its EOI, the cascade's). */
void voyager_vic_eoi(unsigned int irq)
{
	if (irq >= 8) {
		outb(OCW2_SPECIFIC_EOI | (irq & 7), PIC_SLAVE_CMD);
		voyager_vic_eoi_line(CASCADE_LINE);
	} else {
		voyager_vic_eoi_line(irq);
	}
}

/* A spurious slave IRQ: the master acknowledged the cascade line. */
void voyager_vic_eoi_cascade(void)
{
	voyager_vic_eoi_line(CASCADE_LINE);
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

/* Program this CPU's dyad and its VIC registers, every line closed. */
void voyager_vic_init_local(bool claim_all)
{
	u8 claim = claim_all ? VIC_CLAIM_STATIC : VIC_CLAIM_DYNAMIC;

	outb(0x01, VIC_REDIRECT_1);
	outb(claim, VIC_CLAIM_LOW);
	outb(claim, VIC_CLAIM_HIGH);
	/* No rebalancing: see "Interrupts" in voyager.rst. */
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
	voyager_vic_write_imr(VOYAGER_VIC_ALL_CLOSED);
	this_cpu_write(vic_dyad_mask, VOYAGER_VIC_ALL_CLOSED);
	this_cpu_write(vic_open_request, 0);
}

/* All CPUs are up: the boot CPU stops claiming every IRQ. */
void voyager_vic_claim_dynamic(void)
{
	outb(VIC_CLAIM_DYNAMIC, VIC_CLAIM_LOW);
	outb(VIC_CLAIM_DYNAMIC, VIC_CLAIM_HIGH);
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

	outb(VIC_MASQUERADE | m->hw, VIC_PROCESSOR_ID);
	outb(m->mask, PIC_MASTER_IMR);
	outb(this_cpu_read(x86_cpu_to_apicid), VIC_PROCESSOR_ID);
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
