// SPDX-License-Identifier: GPL-2.0
/*
 * NCR Voyager front-panel dump switch.
 *
 * The switch raises an NMI on every running CPU.  The SuperSet Port Block
 * says it was the switch (dump status at SSPB+23h, software-NMI status at
 * SSPB+13h, cleared by writing FFh), and on Level 5 the SUS firmware has
 * posted "dump-button NMI" in its mailbox: unless the OS answers "ignore
 * dump" the firmware would take the machine down for a dump of its own.
 *
 * What the OS does instead is print: every CPU shows its registers and
 * stack from its NMI, and the task list (sysrq-t) follows from process
 * context, since walking every task is not safe from an NMI.  Then the
 * machine runs on, and the switch may be pressed again.
 *
 * Every CPU takes the same NMI but the status ports can only be read and
 * cleared once, so the first CPU to see the status owns the press and
 * marks the other online CPUs as owed the same NMI.  An NMI for which
 * neither holds is not ours and goes on to the kernel's usual handling.
 */

#define pr_fmt(fmt) "Voyager dump switch: " fmt

#include <linux/cpumask.h>
#include <linux/delay.h>
#include <linux/init.h>
#include <linux/io.h>
#include <linux/irq_work.h>
#include <linux/jiffies.h>
#include <linux/nmi.h>
#include <asm/nmi.h>
#include <linux/printk.h>
#include <linux/sched/debug.h>
#include <linux/spinlock.h>
#include <linux/workqueue.h>
#include <asm/voyager.h>
#include "voyager.h"

/* SSPB offsets of the two status registers (hardware reference 7.1). */
#define SSPB_SOFT_NMI_STATUS	0x13
#define SSPB_DUMP_STATUS	0x23
#define SSPB_STATUS_CLEAR	0xff

/* The SUS mailbox (hardware reference 7.2). */
#define SUS_MAILBOX_SIZE	1024
#define SUS_TO_OS		0x00	/* byte: what the firmware says */
#define SUS_DUMP_NMI		0x01
#define OS_TO_SUS		0x01	/* byte: the OS's answer */
#define OS_NO_COMMAND		0x00
#define OS_IGNORE_DUMP		0x01
#define OS_FLAGS		0x04	/* u32 */
#define OS_IN_PROGRESS		0x02

/*
 * A CPU that has not taken the press's NMI after this long never will
 * (it went offline meanwhile): stop waiting for it, so that a later NMI
 * on it is judged afresh.
 */
#define DUMP_NMI_WINDOW		(5 * HZ)

static u16 dump_soft_nmi_port;
static u16 dump_status_port;
static void __iomem *sus_mailbox;

/* Only ever taken from NMI context, and NMIs do not nest. */
static arch_spinlock_t dump_lock = __ARCH_SPIN_LOCK_UNLOCKED;
static struct cpumask dump_owed;
static unsigned long dump_pressed_at;
static unsigned int dump_presses;

static void dump_tasks_fn(struct work_struct *work)
{
	pr_info("tasks on the machine (sysrq-t):\n");
	show_state();
	pr_info("dump complete, the machine runs on\n");
}

static DECLARE_WORK(dump_tasks_work, dump_tasks_fn);

/* From the NMI to process context: irq_work, then a workqueue. */
static void dump_irq_work_fn(struct irq_work *work)
{
	schedule_work(&dump_tasks_work);
}

static DEFINE_IRQ_WORK(dump_irq_work, dump_irq_work_fn);

/*
 * Tell the SUS that the OS handles this press: "in progress", then
 * "ignore dump" a millisecond later (what the firmware waits for).
 */
static void dump_answer_sus(void)
{
	u32 flags;

	if (!sus_mailbox ||
	    readb(sus_mailbox + SUS_TO_OS) != SUS_DUMP_NMI)
		return;
	writeb(OS_NO_COMMAND, sus_mailbox + OS_TO_SUS);
	flags = readl(sus_mailbox + OS_FLAGS);
	writel(flags | OS_IN_PROGRESS, sus_mailbox + OS_FLAGS);
	mdelay(1);
	writeb(OS_IGNORE_DUMP, sus_mailbox + OS_TO_SUS);
	writel(flags & ~OS_IN_PROGRESS,
	       sus_mailbox + OS_FLAGS);
}

/* Did the switch cause this NMI?  Clears the status if so. */
static bool dump_switch_pressed(void)
{
	u8 dump = inb(dump_status_port);
	u8 soft = inb(dump_soft_nmi_port);

	/*
	 * Not the SUS mailbox: the firmware leaves its "dump-button NMI"
	 * there after the press, so it would claim every later NMI.
	 */
	if (!(dump & 1) && !(soft & 1))
		return false;
	outb(SSPB_STATUS_CLEAR, dump_soft_nmi_port);
	dump_answer_sus();
	return true;
}

/* Is this CPU's NMI part of a press another CPU has seen? */
static bool dump_claim(int cpu, bool *first)
{
	bool ours = false;

	arch_spin_lock(&dump_lock);
	if (!cpumask_empty(&dump_owed) &&
	    time_after(jiffies, dump_pressed_at + DUMP_NMI_WINDOW))
		cpumask_clear(&dump_owed);
	if (cpumask_test_cpu(cpu, &dump_owed)) {
		cpumask_clear_cpu(cpu, &dump_owed);
		ours = true;
	} else if (dump_switch_pressed()) {
		cpumask_copy(&dump_owed, cpu_online_mask);
		cpumask_clear_cpu(cpu, &dump_owed);
		dump_pressed_at = jiffies;
		dump_presses++;
		*first = true;
		ours = true;
	}
	arch_spin_unlock(&dump_lock);
	return ours;
}

static int voyager_dump_nmi(unsigned int type, struct pt_regs *regs)
{
	int cpu = smp_processor_id();
	bool first = false;
	unsigned long flags;

	if (!dump_claim(cpu, &first))
		return NMI_DONE;
	if (first) {
		pr_info("pressed (press %u): registers of every CPU, then the tasks\n",
			dump_presses);
		irq_work_queue(&dump_irq_work);
	}
	/* One CPU's dump at a time, not interleaved with the others'. */
	printk_cpu_sync_get_irqsave(flags);
	pr_info("CPU %d (hardware CPU %d) registers:\n", cpu,
		voyager_hw_cpu());
	show_regs(regs);
	pr_info("CPU %d done\n", cpu);
	printk_cpu_sync_put_irqrestore(flags);
	return NMI_HANDLED;
}

/* The SUS mailbox: a physical address in extended CMOS, FFxxxxxxh. */
static void __init dump_map_sus_mailbox(void)
{
	u32 phys;

	if (voyager_id.level != 5)
		return;
	phys = voyager_xcmos_read32(VOYAGER_XCMOS_MAILBOX);
	if ((phys & 0xff000000) != 0xff000000) {
		pr_warn("SUS mailbox address %#x in extended CMOS is not in the firmware's FFxxxxxxh range: the firmware is not told to ignore dumps\n",
			phys);
		return;
	}
	sus_mailbox = ioremap(phys, SUS_MAILBOX_SIZE);
	if (!sus_mailbox)
		pr_warn("cannot map the SUS mailbox at %#x\n", phys);
}

static int __init voyager_dump_switch_init(void)
{
	u16 sspb;
	int ret;

	if (!is_voyager())
		return 0;
	sspb = voyager_sspb_base();
	dump_status_port = sspb + SSPB_DUMP_STATUS;
	dump_soft_nmi_port = sspb + SSPB_SOFT_NMI_STATUS;
	dump_map_sus_mailbox();
	ret = register_nmi_handler(NMI_LOCAL, voyager_dump_nmi, 0,
				   "voyager_dump");
	if (ret) {
		pr_warn("cannot register the NMI handler (%d): the switch will be an unknown NMI\n",
			ret);
		return 0;
	}
	pr_info("ready (status ports %#x/%#x, SUS mailbox %s)\n",
		dump_status_port, dump_soft_nmi_port,
		sus_mailbox ? "mapped" : "none");
	return 0;
}

/*
 * Early, before the other CPUs are started: a press during the rest of
 * the boot is a dump, not an "unknown NMI" report at emergency level.
 */
early_initcall(voyager_dump_switch_init);
