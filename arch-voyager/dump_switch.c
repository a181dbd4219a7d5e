// SPDX-License-Identifier: GPL-2.0
/*
 * NCR Voyager front-panel dump switch.
 *
 * The switch raises an NMI on every running CPU, and on Level 5 the SUS
 * firmware posts "dump-button NMI" in its mailbox: unless the OS answers
 * "ignore dump" the firmware would take the machine down for a dump of its
 * own.  The old port took every NMI that nothing else explained (the
 * port-61h reason names no source) for the switch, whatever the status
 * ports F823h (dump) and F813h (software NMI) said: it read them, cleared
 * the latter with FFh and answered the SUS.  So does this code, from the
 * unknown-NMI path: the status ports are read and cleared where the NMI
 * reason is read (x86_platform.get_nmi_reason), once per NMI, and only
 * reported.
 *
 * What the OS does instead of the firmware's dump is print: every CPU
 * shows its registers and stack from its NMI, and the task list (sysrq-t)
 * follows from process context, since walking every task is not safe from
 * an NMI.  Then the machine runs on, and the switch may be pressed again.
 *
 * Every CPU takes the same NMI: the first CPU to get to it owns the press
 * and marks the other online CPUs as owed the same NMI.
 *
 * At boot the OS registers with the SUS mailbox as the old port did: OS
 * interface version 10h, and "OS has sysint".
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
#include <asm/mach_traps.h>
#include <asm/voyager.h>
#include <asm/x86_init.h>
#include "voyager.h"

/*
 * The two status registers, at the fixed ports the old port used (SSPB
 * + 13h and + 23h with the SSPB at its F800h; reference 7.1).
 */
#define SOFT_NMI_STATUS_PORT	0xf813
#define DUMP_STATUS_PORT	0xf823
#define STATUS_CLEAR		0xff

/* The SUS mailbox (hardware reference 7.2). */
#define SUS_MAILBOX_SIZE	1024
#define SUS_TO_OS		0x00	/* byte: what the firmware says */
#define SUS_DUMP_NMI		0x01
#define OS_TO_SUS		0x01	/* byte: the OS's answer */
#define OS_NO_COMMAND		0x00
#define OS_IGNORE_DUMP		0x01
#define SUS_VERSION		0x02	/* byte: SUS interface version */
#define OS_VERSION		0x03	/* byte: OS interface version */
#define OS_VERSION_LINUX	0x10	/* what the old port wrote */
#define OS_FLAGS		0x04	/* u32 */
#define OS_HAS_SYSINT		0x01
#define OS_IN_PROGRESS		0x02

/*
 * A CPU that has not taken the press's NMI after this long never will
 * (it went offline meanwhile): stop waiting for it, so that a later NMI
 * on it is judged afresh.
 */
#define DUMP_NMI_WINDOW		(5 * HZ)

static void __iomem *sus_mailbox;
/* What the status ports said at the last unexplained NMI. */
static u8 dump_status, soft_nmi_status;

/* Only ever taken from NMI context, and NMIs do not nest. */
static arch_spinlock_t dump_lock = __ARCH_SPIN_LOCK_UNLOCKED;
static struct cpumask dump_owed;
static unsigned long dump_pressed_at;
static unsigned int dump_presses;

static void dump_tasks_fn(struct work_struct *work)
{
	pr_info("status ports F823h/F813h read %02x/%02x\n",
		READ_ONCE(dump_status), READ_ONCE(soft_nmi_status));
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

/*
 * x86_platform.get_nmi_reason: the port-61h reason, as on any PC.  If it
 * names no source the NMI goes to the unknown-NMI path, where it is taken
 * for the dump switch: read and clear the switch's status now, once per
 * NMI (only the CPU that reads the reason gets here).
 */
static unsigned char voyager_get_nmi_reason(void)
{
	unsigned char reason = default_get_nmi_reason();

	if (!(reason & NMI_REASON_MASK)) {
		WRITE_ONCE(dump_status, inb(DUMP_STATUS_PORT));
		WRITE_ONCE(soft_nmi_status, inb(SOFT_NMI_STATUS_PORT));
		outb(STATUS_CLEAR, SOFT_NMI_STATUS_PORT);
	}
	return reason;
}

/* Is this CPU's NMI part of a press another CPU has seen, or a new one? */
static void dump_claim(int cpu, bool *first)
{
	arch_spin_lock(&dump_lock);
	if (!cpumask_empty(&dump_owed) &&
	    time_after(jiffies, dump_pressed_at + DUMP_NMI_WINDOW))
		cpumask_clear(&dump_owed);
	if (cpumask_test_cpu(cpu, &dump_owed)) {
		cpumask_clear_cpu(cpu, &dump_owed);
	} else {
		cpumask_copy(&dump_owed, cpu_online_mask);
		cpumask_clear_cpu(cpu, &dump_owed);
		dump_pressed_at = jiffies;
		dump_presses++;
		dump_answer_sus();
		*first = true;
	}
	arch_spin_unlock(&dump_lock);
}

static int voyager_dump_nmi(unsigned int type, struct pt_regs *regs)
{
	int cpu = smp_processor_id();
	bool first = false;
	unsigned long flags;

	/* Nothing else explained it: the switch, as in the old port. */
	dump_claim(cpu, &first);
	if (first) {
		pr_info("pressed (press %u): registers of every CPU, then the tasks\n",
			dump_presses);
		irq_work_queue(&dump_irq_work);
	}
	/* One CPU's dump at a time, not interleaved with the others'. */
	printk_cpu_sync_get_irqsave(flags);
	pr_info("CPU %d (hardware CPU %u) registers:\n", cpu,
		this_cpu_read(x86_cpu_to_apicid));
	show_regs(regs);
	pr_info("CPU %d done\n", cpu);
	printk_cpu_sync_put_irqrestore(flags);
	return NMI_HANDLED;
}

/*
 * The SUS mailbox: a physical address in extended CMOS, FFxxxxxxh.  The
 * OS registers there as the old port did: interface version 10h, and
 * "OS has sysint" (the OS handles system interrupts).
 */
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
	if (!sus_mailbox) {
		pr_warn("cannot map the SUS mailbox at %#x\n", phys);
		return;
	}
	writeb(OS_VERSION_LINUX, sus_mailbox + OS_VERSION);
	writel(OS_HAS_SYSINT, sus_mailbox + OS_FLAGS);
	pr_info("SUS mailbox at %#x: SUS interface version %#x, OS interface version %#x registered\n",
		phys, readb(sus_mailbox + SUS_VERSION), OS_VERSION_LINUX);
}

static int __init voyager_dump_switch_init(void)
{
	int ret;

	if (!is_voyager())
		return 0;
	dump_map_sus_mailbox();
	x86_platform.get_nmi_reason = voyager_get_nmi_reason;
	ret = register_nmi_handler(NMI_UNKNOWN, voyager_dump_nmi, 0,
				   "voyager_dump");
	if (ret) {
		pr_warn("cannot register the NMI handler (%d): the switch will be an unknown NMI\n",
			ret);
		return 0;
	}
	pr_info("ready (unexplained NMIs; status ports %#x/%#x, SUS mailbox %s)\n",
		DUMP_STATUS_PORT, SOFT_NMI_STATUS_PORT,
		sus_mailbox ? "mapped" : "none");
	return 0;
}

/*
 * Early, before the other CPUs are started: a press during the rest of
 * the boot is a dump, not an "unknown NMI" report at emergency level.
 */
early_initcall(voyager_dump_switch_init);
