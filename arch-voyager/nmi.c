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
 * The status ports and the SUS mailbox are sus.c's.
 */

#define pr_fmt(fmt) "Voyager dump switch: " fmt

#include <linux/cpumask.h>
#include <linux/init.h>
#include <linux/irq_work.h>
#include <linux/jiffies.h>
#include <linux/nmi.h>
#include <linux/printk.h>
#include <linux/sched/debug.h>
#include <linux/spinlock.h>
#include <linux/workqueue.h>
#include <asm/mach_traps.h>
#include <asm/nmi.h>
#include <asm/voyager.h>
#include <asm/x86_init.h>
#include "voyager.h"

static bool sus_mailbox;
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
 * x86_platform.get_nmi_reason: the port-61h reason, as on any PC.  If it
 * names no source the NMI goes to the unknown-NMI path, where it is taken
 * for the dump switch: read and clear the switch's status now, once per
 * NMI (only the CPU that reads the reason gets here).
 */
static unsigned char voyager_get_nmi_reason(void)
{
	unsigned char reason = default_get_nmi_reason();
	u8 dump, soft;

	if (!(reason & NMI_REASON_MASK)) {
		voyager_sus_dump_status(&dump, &soft);
		WRITE_ONCE(dump_status, dump);
		WRITE_ONCE(soft_nmi_status, soft);
	}
	return reason;
}

/**
 * voyager_dump_claim() - is a CPU's NMI part of a press, or a new one?
 * @owed: the CPUs that still owe the current press their NMI
 * @pressed_at: when the current press came (jiffies)
 * @cpu: the CPU that took the NMI
 * @online: the CPUs online now
 * @now: jiffies now
 *
 * The switch NMIs every CPU at once: the first CPU to take it starts a
 * press that every other online CPU owes an NMI.  A CPU that owes none,
 * or an NMI after VOYAGER_DUMP_NMI_WINDOW (a CPU that went offline meanwhile
 * never pays), is a new press.  The caller serialises the calls.
 *
 * Return: true for a new press.
 */
bool voyager_dump_claim(struct cpumask *owed, unsigned long *pressed_at,
			int cpu, const struct cpumask *online,
			unsigned long now)
{
	if (!cpumask_empty(owed) &&
	    time_after(now, *pressed_at + VOYAGER_DUMP_NMI_WINDOW))
		cpumask_clear(owed);
	if (cpumask_test_cpu(cpu, owed)) {
		cpumask_clear_cpu(cpu, owed);
		return false;
	}
	cpumask_copy(owed, online);
	cpumask_clear_cpu(cpu, owed);
	*pressed_at = now;
	return true;
}

static void dump_claim(int cpu, bool *first)
{
	arch_spin_lock(&dump_lock);
	if (voyager_dump_claim(&dump_owed, &dump_pressed_at, cpu,
			       cpu_online_mask, jiffies)) {
		dump_presses++;
		voyager_sus_answer_dump();
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

static int __init voyager_dump_switch_init(void)
{
	int ret;

	if (!is_voyager())
		return 0;
	sus_mailbox = voyager_sus_mailbox_init();
	x86_platform.get_nmi_reason = voyager_get_nmi_reason;
	ret = register_nmi_handler(NMI_UNKNOWN, voyager_dump_nmi, 0,
				   "voyager_dump");
	if (ret) {
		pr_warn("cannot register the NMI handler (%d): the switch will be an unknown NMI\n",
			ret);
		return 0;
	}
	pr_info("ready (unexplained NMIs; SUS mailbox %s)\n",
		sus_mailbox ? "mapped" : "none");
	return 0;
}

/*
 * Early, before the other CPUs are started: a press during the rest of
 * the boot is a dump, not an "unknown NMI" report at emergency level.
 */
early_initcall(voyager_dump_switch_init);
