// SPDX-License-Identifier: GPL-2.0
/*
 * NCR Voyager quad cards: the QIC.
 *
 * A quad card carries four CPUs; only the extended one (on a VIC line)
 * takes device IRQs and VIC CPIs.  Every CPU of a quad card is reached
 * through the card's QIC instead: a write to line i of the CPU's block in
 * the card's CPI area raises QIC CPI i at that CPU.  QIC CPI 0 is the boot
 * CPI of the siblings, CPIs 1-7 carry the kernel's IPIs, one kind each, so
 * no mailbox is needed.  The CAT probe says which CPUs are on quad cards,
 * which of them are on a VIC line and where each card's CPI area is.
 *
 * Siblings start by the "one-two" boot: the extended CPU, once the VIC
 * boot started it, lowers its siblings' QIC boot masks (only a CPU of the
 * same card can), then the boot CPU points the real-mode vector of QIC
 * CPI 0 at the trampoline and raises it.  The kernel starts CPUs in the
 * order of their numbers, and a card's extended CPU has the lowest.
 */

#define pr_fmt(fmt) "Voyager QIC: " fmt

#include <linux/bitops.h>
#include <linux/init.h>
#include <linux/io.h>
#include <linux/smp.h>
#include <linux/percpu.h>
#include <asm/irq_vectors.h>
#include <asm/voyager.h>
#include "cat.h"
#include "voyager.h"

#define QIC_MASQUERADE		0xfc71
#define QIC_MASQUERADE_ON	0x08
#define QIC_VIC_CPI_BASE	0xfc79
#define QIC_CPI_BASE		0xfc7a
#define QIC_MASK0		0xfc80
#define QIC_MASK1		0xfc81
#define QIC_CLEAR0		0xfc8a	/* 08h CMN_INT, 04h SYS_INT */
#define QIC_CLEAR0_CMN		0x08
#define QIC_CLEAR0_SYS		0x04
#define QIC_CLEAR1		0xfc8b

/* Mask 0: only CMN_INT (power supply events) comes through. */
#define QIC_MASK0_RUN		0xf7
#define QIC_MASK0_OFF		0xff
/* Mask 1: CPIs 1-7 at run time, only CPI 0 while a sibling waits. */
#define QIC_MASK1_RUN		0x01
#define QIC_MASK1_BOOT		0xfe
#define QIC_MASK1_OFF		0xff

#define QIC_CPI_AREA_SIZE	SZ_1K
#define QIC_CPU_BLOCK		0x100
#define QIC_CPI_LINE		0x20
#define QIC_CPI_WORD		0x0c	/* the word of a line the kernel writes */
#define QIC_BOOT_CPI		0

#define QIC_SLOTS		8

static void __iomem *qic_cpi_area[QIC_SLOTS] __ro_after_init;
static u32 qic_cpus __ro_after_init;		/* hardware CPUs on quad cards */
static u32 qic_vic_boot __ro_after_init;	/* of these, VIC-bootable */
static u32 qic_extended __ro_after_init;	/* on either VIC line */
/* Slots whose extended CPU has lowered its siblings' boot masks. */
static unsigned long qic_siblings_open;
/* This CPU's block in its card's CPI area (NULL: not a quad CPU). */
static DEFINE_PER_CPU(void __iomem *, qic_own_block);

/* The card of hardware CPU @hw, or NULL. */
static const struct voyager_quad_card *qic_card(u32 hw)
{
	const struct voyager_quad_card *q;
	unsigned int slot;

	if (hw >= 32 || !(qic_cpus & BIT(hw)))
		return NULL;
	for (slot = 0; slot < QIC_SLOTS; slot++) {
		q = voyager_cat_quad_card(slot);
		if (q && (q->cpus & BIT(hw)))
			return q;
	}
	return NULL;
}

/* The quad-local index of @hw: the card's CPUs are numbered in order. */
static unsigned int qic_local_index(const struct voyager_quad_card *q, u32 hw)
{
	return hweight32(q->cpus & (BIT(hw) - 1));
}

/* The word of @hw's CPI line @line, or NULL if it cannot be reached. */
static void __iomem *qic_cpi_word(u32 hw, unsigned int line)
{
	const struct voyager_quad_card *q = qic_card(hw);

	if (!q || !qic_cpi_area[q->slot])
		return NULL;
	return qic_cpi_area[q->slot] + qic_local_index(q, hw) * QIC_CPU_BLOCK +
	       line * QIC_CPI_LINE + QIC_CPI_WORD;
}

bool voyager_is_quad_cpu(u32 hw)
{
	return hw < 32 && (qic_cpus & BIT(hw));
}

/* Does @hw start by the QIC (a sibling, or on the second VIC line)? */
bool voyager_qic_boots(u32 hw)
{
	return voyager_is_quad_cpu(hw) && !(qic_vic_boot & BIT(hw));
}

/**
 * voyager_qic_send_cpi() - raise a QIC CPI at a quad CPU
 * @hw: hardware number of the target
 * @line: QIC CPI 0-7
 *
 * Return: 0, or -ENODEV if @hw has no reachable CPI block.
 */
int voyager_qic_send_cpi(u32 hw, unsigned int line)
{
	void __iomem *word = qic_cpi_word(hw, line);

	if (!word)
		return -ENODEV;
	/* The value only tells a debugger who sent it (reference 5.4). */
	writel(this_cpu_read(x86_cpu_to_apicid) << 16 | line, word);
	return 0;
}

/* Acknowledge QIC CPI @line on this CPU: clear, then read the line back. */
void voyager_qic_ack(unsigned int line)
{
	void __iomem *block = this_cpu_read(qic_own_block);

	outb(BIT(line), QIC_CLEAR1);
	/* Puts the cache line back in the shared state (reference 5.4). */
	if (block)
		readw(block + line * QIC_CPI_LINE + QIC_CPI_WORD);
}

/*
 * Acknowledge CMN_INT (@cmn) or SYS_INT at the QIC, on a quad CPU: the
 * VIC's EOI follows anyway (the old port sent both, "just in case").
 */
void voyager_qic_ack_special(bool cmn)
{
	/* who-am-I, not the CAT probe: the hardware answers even without it. */
	if (voyager_vic_quad_cpu())
		outb(cmn ? QIC_CLEAR0_CMN : QIC_CLEAR0_SYS, QIC_CLEAR0);
}

/* Does the machine have a quad card? */
bool voyager_qic_present(void)
{
	return qic_cpus;
}

/*
 * A sibling can only take its boot CPI once its card's extended CPU has
 * lowered its boot mask.  If that CPU never started, the CPI would stay
 * latched and the kernel would wait its full alive timeout for nothing:
 * say why the sibling stays off and do not send it.
 */
static bool qic_siblings_closed(const struct voyager_quad_card *q, u32 hw)
{
	u32 ext = q->cpus & qic_vic_boot;

	if (test_bit(q->slot, &qic_siblings_open))
		return false;
	if (ext)
		pr_err("CPU %u not started: extended CPU %lu of its quad card (slot %u) is not running, and only it can open the siblings' boot masks\n",
		       hw, __ffs(ext), q->slot);
	else
		pr_err("CPU %u not started: its quad card (slot %u) has no CPU on a VIC line to open the siblings' boot masks\n",
		       hw, q->slot);
	return true;
}

/*
 * Start a sibling: the real-mode vector of QIC CPI 0 gets the trampoline,
 * then QIC CPI 0 goes to it (its boot mask was lowered by its extended
 * CPU).
 */
int voyager_qic_boot_cpu(u32 hw, u32 gate)
{
	const struct voyager_quad_card *q = qic_card(hw);
	u32 *ivt = phys_to_virt(0);

	if (!q || !qic_cpi_word(hw, QIC_BOOT_CPI)) {
		pr_err("CPU %u: no CPI area known for its quad card\n", hw);
		return -ENODEV;
	}
	if (qic_siblings_closed(q, hw))
		return -EIO;
	WRITE_ONCE(ivt[VOYAGER_QIC_CPI_VECTOR], gate);
	return voyager_qic_send_cpi(hw, QIC_BOOT_CPI);
}

/*
 * Lower the boot masks of this extended CPU's siblings, once: when the
 * extended CPU comes back from hotplug its siblings may be running, and
 * FEh would close their CPIs 1-7.  A sibling that never started keeps
 * FEh from the first time; one parked by hotplug restarts without a CPI.
 */
static void qic_open_siblings(u32 self)
{
	const struct voyager_quad_card *q = qic_card(self);
	unsigned int j, own;
	unsigned long flags;

	if (!q || test_bit(q->slot, &qic_siblings_open))
		return;
	own = qic_local_index(q, self);
	local_irq_save(flags);
	for (j = 0; j < hweight32(q->cpus); j++) {
		if (j == own)
			continue;
		outb(QIC_MASQUERADE_ON | j, QIC_MASQUERADE);
		outb(QIC_MASK1_BOOT, QIC_MASK1);
	}
	outb(0, QIC_MASQUERADE);
	local_irq_restore(flags);
	set_bit(q->slot, &qic_siblings_open);
}

/*
 * This CPU's QIC, interrupts off: the boot CPI (if it started by one) is
 * acknowledged, an extended CPU sets the card's vector bases, the
 * run-time masks are set, and an extended VIC-booted CPU opens its
 * siblings for their QIC boot.
 */
void voyager_qic_init_local(void)
{
	u32 self = this_cpu_read(x86_cpu_to_apicid);
	void __iomem *block;

	if (!voyager_is_quad_cpu(self))
		return;
	block = qic_cpi_word(self, 0);
	this_cpu_write(qic_own_block, block ? block - QIC_CPI_WORD : NULL);
	voyager_qic_ack(QIC_BOOT_CPI);
	/*
	 * Every extended CPU writes the card's vector bases, as the old
	 * port did: also one on the second VIC line, QIC-booted.
	 */
	if (qic_extended & BIT(self)) {
		outb(VOYAGER_VIC_CPI_VECTOR, QIC_VIC_CPI_BASE);
		outb(VOYAGER_QIC_CPI_VECTOR, QIC_CPI_BASE);
	}
	outb(QIC_MASK0_RUN, QIC_MASK0);
	outb(QIC_MASK1_RUN, QIC_MASK1);
	if (qic_vic_boot & BIT(self))
		qic_open_siblings(self);
}

/* A quad CPU going offline takes nothing more from its QIC. */
void voyager_qic_close_local(void)
{
	if (!this_cpu_read(qic_own_block))
		return;
	outb(QIC_MASK0_OFF, QIC_MASK0);
	outb(QIC_MASK1_OFF, QIC_MASK1);
}

/* Map the CPI areas the CAT probe found; set up the boot CPU's QIC. */
void __init voyager_qic_init(void)
{
	const struct voyager_quad_card *q;
	unsigned int slot;

	for (slot = 0; slot < QIC_SLOTS; slot++) {
		q = voyager_cat_quad_card(slot);
		if (!q)
			continue;
		qic_cpi_area[slot] = ioremap(q->cpi_base, QIC_CPI_AREA_SIZE);
		if (!qic_cpi_area[slot]) {
			pr_err("slot %u: cannot map the CPI area at %#x: its siblings stay off\n",
			       slot, q->cpi_base);
			continue;
		}
		qic_cpus |= q->cpus;
		qic_vic_boot |= q->vic_boot;
		qic_extended |= q->vic_boot | q->second_line;
	}
	if (!qic_cpus)
		return;
	pr_info("quad CPUs %08x (VIC-booted %08x)\n", qic_cpus, qic_vic_boot);
	voyager_qic_init_local();
}
