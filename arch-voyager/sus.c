// SPDX-License-Identifier: GPL-2.0
/*
 * NCR Voyager SUS firmware interface and the SuperSet Port Block.
 *
 * The SUS (the system's service processor firmware) keeps its
 * configuration in an extended CMOS reached through a 16-bit index (ports
 * 74h/75h) and a data port (76h): the present CPUs, the ClickMap and the
 * SUS mailbox.  Port 3FFh tells it the OS is in control; on Level 5 the
 * OS registers in the mailbox and answers it there when the dump switch
 * is pressed.  The SuperSet Port Block holds the CAT bus window and, on
 * Level 4, the configuration registers that restart the machine; its base
 * is relocatable (port 98h gives its high byte), but the dump switch's
 * status ports are the fixed F823h/F813h the old port used.
 */

#define pr_fmt(fmt) "Voyager SUS: " fmt

#include <linux/delay.h>
#include <linux/init.h>
#include <linux/io.h>
#include <linux/spinlock.h>
#include <asm/voyager.h>
#include "voyager.h"

/* Extended CMOS: 16-bit index written to 74h (low) and 75h (high). */
#define XCMOS_INDEX_LO		0x74
#define XCMOS_INDEX_HI		0x75
#define XCMOS_DATA		0x76
#define XCMOS_CPU_PRESENT	0x088a	/* u32: bit n = CPU n */
#define XCMOS_CLICKMAP		0x0a23	/* u32: ClickMap address */
#define XCMOS_MAILBOX		0x0b1a	/* u32: SUS mailbox address */

/* Port 3FFh bit 7: the OS drives the machine, not the firmware. */
#define SUS_CONTROL_PORT	0x3ff
#define SUS_OS_IN_CONTROL	0x80

/* SSPB relocation; Level 4 configuration space (reference 2.1, 7.7). */
#define SSPB_RELOCATION_PORT	0x98
#define MC_SETUP_PORT		0x96
#define MC_SETUP_CONFIG		0x08	/* enable config space */
#define L4_RESTART_REG		0x21	/* SSPB + 21h */
#define L4_RESTART		0x02
#define L4_POWER_OFF		0x01

/* The dump switch's status (reference 7.1): F800h is the SSPB's base. */
#define SOFT_NMI_STATUS_PORT	0xf813
#define DUMP_STATUS_PORT	0xf823
#define STATUS_CLEAR		0xff

/* The SUS mailbox (reference 7.2). */
#define MAILBOX_SIZE		1024
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

static DEFINE_RAW_SPINLOCK(xcmos_lock);
static void __iomem *sus_mailbox;

static u8 xcmos_read8(u16 index)
{
	unsigned long flags;
	u8 val;

	raw_spin_lock_irqsave(&xcmos_lock, flags);
	outb(index & 0xff, XCMOS_INDEX_LO);
	outb(index >> 8, XCMOS_INDEX_HI);
	val = inb(XCMOS_DATA);
	raw_spin_unlock_irqrestore(&xcmos_lock, flags);
	return val;
}

/* Multi-byte values are little-endian and read a byte at a time. */
static u32 xcmos_read32(u16 index)
{
	u32 val = 0;
	int i;

	for (i = 0; i < 4; i++)
		val |= (u32)xcmos_read8(index + i) << (8 * i);
	return val;
}

/* The CPUs the firmware found: bit n for hardware CPU n. */
u32 voyager_sus_present_cpus(void)
{
	return xcmos_read32(XCMOS_CPU_PRESENT);
}

/* The physical address of the ClickMap (Level 5), or 0. */
u32 voyager_sus_clickmap(void)
{
	return xcmos_read32(XCMOS_CLICKMAP);
}

u16 voyager_sspb_base(void)
{
	return inb(SSPB_RELOCATION_PORT) << 8;
}

/* Port 3FFh: the OS drives the machine now. */
void __init voyager_sus_os_in_control(void)
{
	outb(inb(SUS_CONTROL_PORT) | SUS_OS_IN_CONTROL, SUS_CONTROL_PORT);
}

/* Level 4: the restart bit of the SSPB configuration space. */
void voyager_sus_l4_restart(void)
{
	outb(inb(MC_SETUP_PORT) | MC_SETUP_CONFIG, MC_SETUP_PORT);
	outb(L4_RESTART, voyager_sspb_base() + L4_RESTART_REG);
}

/* Level 4: the documented power-off bit (it cold-restarted real boxes). */
void voyager_sus_l4_power_off(void)
{
	outb((inb(MC_SETUP_PORT) & 0xf0) | MC_SETUP_CONFIG, MC_SETUP_PORT);
	outb(L4_POWER_OFF, voyager_sspb_base() + L4_RESTART_REG);
}

/*
 * The dump switch's status ports: read both, clear the software-NMI
 * status (the old port read both and cleared that one).
 */
void voyager_sus_dump_status(u8 *dump, u8 *soft_nmi)
{
	*dump = inb(DUMP_STATUS_PORT);
	*soft_nmi = inb(SOFT_NMI_STATUS_PORT);
	outb(STATUS_CLEAR, SOFT_NMI_STATUS_PORT);
}

/*
 * If the SUS posted "dump-button NMI", tell it that the OS handles the
 * press: "in progress", then "ignore dump" a millisecond later (what the
 * firmware waits for).  NMI context.
 */
void voyager_sus_answer_dump(void)
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
	writel(flags & ~OS_IN_PROGRESS, sus_mailbox + OS_FLAGS);
}

/*
 * The SUS mailbox: a physical address in extended CMOS, FFxxxxxxh.  The
 * OS registers there as the old port did: interface version 10h, and
 * "OS has sysint" (the OS handles system interrupts).
 *
 * Return: true if the mailbox is mapped.
 */
bool __init voyager_sus_mailbox_init(void)
{
	u32 phys;

	if (voyager_id.level != 5)
		return false;
	phys = xcmos_read32(XCMOS_MAILBOX);
	if ((phys & 0xff000000) != 0xff000000) {
		pr_warn("mailbox address %#x in extended CMOS is not in the firmware's FFxxxxxxh range: the firmware is not told to ignore dumps\n",
			phys);
		return false;
	}
	sus_mailbox = ioremap(phys, MAILBOX_SIZE);
	if (!sus_mailbox) {
		pr_warn("cannot map the mailbox at %#x\n", phys);
		return false;
	}
	writeb(OS_VERSION_LINUX, sus_mailbox + OS_VERSION);
	writel(OS_HAS_SYSINT, sus_mailbox + OS_FLAGS);
	pr_info("mailbox at %#x: SUS interface version %#x, OS interface version %#x registered\n",
		phys, readb(sus_mailbox + SUS_VERSION), OS_VERSION_LINUX);
	return true;
}
