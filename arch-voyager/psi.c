// SPDX-License-Identifier: GPL-2.0
/*
 * NCR Voyager power supply interface (PSI): the front-panel power switch
 * and power-off.
 *
 * The PSI is CAT module 1Ah.  It reports its events with CMN_INT, which
 * the VIC broadcasts to every processor on master 8259 line 7 at its CPI
 * base + 15 (a quad CPU gets it from its QIC at the same vector).  A press
 * of the power switch must be acknowledged within about 3 seconds or the
 * supply switches the machine off by itself, without a shutdown: the
 * handler acknowledges it at once and asks for an orderly power-off, a
 * second press powers off at once.  Power-off itself is a PSI command.
 *
 * An AC failure (the supply runs on its batteries) is passed to init as
 * SIGPWR, as the old port did, and the PSI is then polled once a second
 * until the mains is back, when init gets SIGPWR again.  While CMN_INT
 * cannot reach some CPU (vic.c had to close line 7 under an IRQ 7 nobody
 * takes), the PSI is polled once a second too, well within the 3 s the
 * supply waits for a switch acknowledge.
 *
 * SYS_INT (a system or bus error, CPI base + 8 on line 0) also lands here:
 * the firmware takes the machine down if it is not acknowledged, and all
 * the old port did was acknowledge it and say so.
 */

#define pr_fmt(fmt) "Voyager PSI: " fmt

#include <linux/delay.h>
#include <linux/init.h>
#include <linux/interrupt.h>
#include <linux/io.h>
#include <linux/reboot.h>
#include <linux/sched/signal.h>
#include <linux/timer.h>
#include <linux/spinlock.h>
#include <linux/workqueue.h>
#include <asm/desc.h>
#include <asm/i8259.h>
#include <asm/idtentry.h>
#include <asm/irq_vectors.h>
#include <asm/voyager.h>
#include "cat.h"
#include "voyager.h"

/* Direct registers of the PSI's CAT ASIC (hardware reference 7.3). */
#define PSI_REG_CHECK		5
#define PSI_CHECK_BIT		0x02
#define PSI_REG_STATUS		8
#define PSI_STATUS_DC_FAIL	0x01
#define PSI_STATUS_MONITOR	0x02	/* switch-off or AC failure */
#define PSI_STATUS_MAJOR_FAULT	0x04

/* Subaddress registers; each read on its own (auto-increment is broken). */
#define PSI_SUPPLY		0x8000
#define PSI_SUPPLY_SWITCH_OFF	0x08
#define PSI_SUPPLY_CLEAR_SWOFF	0x13
#define PSI_AC_FAIL		0x8004
#define PSI_AC_FAIL_SUPPLIES	0x1f	/* one bit per supply */
#define PSI_AC_FAIL_CHANGED	0x80
#define PSI_GENERAL		0x8007
#define PSI_SUBREGS		8
#define PSI_GEN_POWER_DOWN	0x10
#define PSI_GEN_CLEAR		0x12
/* What the old port wrote to the general register on an AC failure. */
#define PSI_GEN_AC_FAIL_ACK	0x80

/* The check bit is set at once on sane hardware; a few tries, no more. */
#define PSI_CHECK_TRIES		3

/* VIC: CMN_INT and SYS_INT come on master lines 7 and 0. */
#define VIC_CMN_LINE		7
#define VIC_SYS_LINE		0
/* QIC: the clear register takes 08h for CMN_INT, 04h for SYS_INT. */
#define QIC_CLEAR		0xfc8a
#define QIC_CLEAR_CMN		0x08
#define QIC_CLEAR_SYS		0x04

/* The PSI did not answer at its initcall: no power switch, no power-off. */
static bool psi_broken;
static bool psi_switch_pressed;
/* On batteries: the PSI is polled until the mains is back. */
static bool psi_on_battery;
/* Some CPU cannot take CMN_INT: the PSI is polled instead. */
static bool psi_cmn_polled;
/* One CPU reads the PSI at a time; the broadcast reaches every CPU. */
static DEFINE_RAW_SPINLOCK(psi_lock);

static void psi_poll_fn(struct timer_list *t);
static DEFINE_TIMER(psi_poll_timer, psi_poll_fn);

/* Level 5 with a PSI that answered the CAT probe. */
static bool psi_usable(void)
{
	return voyager_id.level == 5 && !READ_ONCE(psi_broken) &&
	       voyager_cat_present(VOYAGER_CAT_PSI);
}

static int psi_subread(u16 addr, u8 *val)
{
	return voyager_cat_subaddr_read(VOYAGER_CAT_PSI, VOYAGER_CAT_ASIC,
					addr, val, 1);
}

static int psi_subwrite(u16 addr, u8 val)
{
	return voyager_cat_subaddr_write(VOYAGER_CAT_PSI, VOYAGER_CAT_ASIC,
					 addr, &val, 1);
}

/*
 * The PSI power-down command (hardware reference 7.5): clear the latched
 * status, then power down.  Returns only if the supply stayed on.
 */
static void psi_power_down(void)
{
	u8 general = 0;

	if (psi_subread(PSI_GENERAL, &general) ||
	    psi_subwrite(PSI_GENERAL, PSI_GEN_CLEAR) ||
	    psi_subwrite(PSI_GENERAL, PSI_GEN_POWER_DOWN)) {
		pr_err("the power-down command did not reach the PSI\n");
		return;
	}
	/* The supply needs a moment to drop. */
	mdelay(1000);
	pr_err("the supply is still on after the power-down command (general %#04x)\n",
	       general);
}

/* Power-off on Level 5: run on one CPU, the others are stopped. */
void voyager_psi_power_off(void)
{
	if (!psi_usable()) {
		pr_err("no PSI: cannot power off, halting\n");
		return;
	}
	pr_info("powering off\n");
	psi_power_down();
}

/* Read the PSI's whole state: all 16 direct registers, then 8000h-8007h. */
static int psi_read_state(u8 *regs, u8 *sub)
{
	int i, tries, ret;

	for (tries = 0; tries < PSI_CHECK_TRIES; tries++) {
		for (i = 0; i < VOYAGER_CAT_REGS; i++) {
			ret = voyager_cat_read(VOYAGER_CAT_PSI,
					       VOYAGER_CAT_ASIC, i, &regs[i]);
			if (ret)
				return ret;
		}
		if (regs[PSI_REG_CHECK] & PSI_CHECK_BIT)
			break;
		voyager_cat_write(VOYAGER_CAT_PSI, VOYAGER_CAT_ASIC,
				  PSI_REG_CHECK,
				  regs[PSI_REG_CHECK] | PSI_CHECK_BIT);
	}
	if (tries == PSI_CHECK_TRIES)
		pr_warn("check bit (register 5 bit 1) stays clear: reading on\n");
	for (i = 0; i < PSI_SUBREGS; i++) {
		ret = psi_subread(PSI_SUPPLY + i, &sub[i]);
		if (ret)
			return ret;
	}
	return 0;
}

/*
 * A press before user space runs: there is no init to ask for an orderly
 * shutdown (the power-off helper's request to PID 1 would be lost while
 * PID 1 is still a kernel thread) and nothing of user space to save, so
 * the kernel powers off itself, from process context.
 */
static void psi_boot_poweroff_fn(struct work_struct *work)
{
	kernel_power_off();
}

static DECLARE_WORK(psi_boot_poweroff_work, psi_boot_poweroff_fn);

/*
 * The press may come before the driver core can shut anything down
 * (CMN_INT is open from the VIC set-up on): the power-off waits for the
 * PSI initcall.  Whichever of the two comes second schedules it.
 */
#define PSI_BOOT_PRESSED	BIT(0)
#define PSI_BOOT_READY		BIT(1)
static atomic_t psi_boot_state = ATOMIC_INIT(0);

static void psi_boot_poweroff(unsigned int event)
{
	if ((atomic_fetch_or(event, &psi_boot_state) | event) ==
	    (PSI_BOOT_PRESSED | PSI_BOOT_READY))
		schedule_work(&psi_boot_poweroff_work);
}

static void psi_switch_off(void)
{
	if (psi_switch_pressed) {
		pr_warn("power switch pressed again: powering off at once\n");
		psi_power_down();
		return;
	}
	psi_switch_pressed = true;
	/* Without this the supply cuts the power about 3 s after the press. */
	if (psi_subwrite(PSI_SUPPLY, PSI_SUPPLY_CLEAR_SWOFF))
		pr_err("cannot acknowledge the switch: the supply will cut the power in about 3 s\n");
	if (system_state < SYSTEM_RUNNING) {
		pr_info("power switch pressed during boot, before user space: powering off\n");
		psi_boot_poweroff(PSI_BOOT_PRESSED);
		return;
	}
	pr_info("power switch pressed: orderly power-off (press again to power off at once)\n");
	orderly_poweroff(true);
}

/* Poll while on batteries or while some CPU cannot take CMN_INT. */
static void psi_poll_arm(void)
{
	if ((READ_ONCE(psi_on_battery) || READ_ONCE(psi_cmn_polled)) &&
	    !timer_pending(&psi_poll_timer))
		mod_timer(&psi_poll_timer, jiffies + HZ);
}

/*
 * The mains failed (AC fail register @ac_fail): tell init with SIGPWR,
 * as the old port did, and watch the PSI until it is back.  Only a report
 * with its "changed" bit set is a new event.
 */
static void psi_ac_fail(u8 ac_fail)
{
	if (!(ac_fail & PSI_AC_FAIL_CHANGED))
		return;
	psi_subwrite(PSI_GENERAL, PSI_GEN_AC_FAIL_ACK);
	if (psi_on_battery)
		return;
	pr_crit("AC power failure (AC fail %#04x): running on batteries, init told (SIGPWR)\n",
		ac_fail);
	WRITE_ONCE(psi_on_battery, true);
	kill_cad_pid(SIGPWR, 1);
	psi_poll_arm();
}

/* On batteries: is the mains back? */
static void psi_ac_check(void)
{
	u8 ac_fail;

	if (psi_subread(PSI_AC_FAIL, &ac_fail))
		return;
	if (ac_fail & PSI_AC_FAIL_SUPPLIES)
		return;
	pr_info("AC power restored, init told (SIGPWR)\n");
	WRITE_ONCE(psi_on_battery, false);
	kill_cad_pid(SIGPWR, 1);
}

/* A CMN_INT: find out what the PSI wants and do it. */
static void psi_event(void)
{
	u8 regs[VOYAGER_CAT_REGS], sub[PSI_SUBREGS], status;

	if (psi_read_state(regs, sub)) {
		pr_err("cannot read the PSI after CMN_INT\n");
		return;
	}
	status = regs[PSI_REG_STATUS];
	if (status & PSI_STATUS_MONITOR) {
		if (sub[PSI_SUPPLY - PSI_SUPPLY] & PSI_SUPPLY_SWITCH_OFF) {
			psi_switch_off();
			return;
		}
		/* Not the switch: the mains. */
		psi_ac_fail(sub[PSI_AC_FAIL - PSI_SUPPLY]);
		return;
	} else if (status & PSI_STATUS_MAJOR_FAULT) {
		pr_crit("major power supply fault: powering off\n");
		psi_power_down();
		return;
	} else if (status) {
		pr_warn("power supply status %#04x: clearing it\n", status);
	} else {
		return;
	}
	voyager_cat_write(VOYAGER_CAT_PSI, VOYAGER_CAT_ASIC, PSI_REG_STATUS, 0);
}

/* Acknowledge an event of master line @line; quad CPUs also at the QIC. */
static void psi_ack(unsigned int line, u8 qic_clear)
{
	u8 whoami = inb(VOYAGER_VIC_WHO_AM_I);

	/* who-am-I, not the CAT probe: the hardware answers even without it. */
	if ((whoami & VOYAGER_WHO_AM_I_QUAD) == VOYAGER_WHO_AM_I_QUAD)
		outb(qic_clear, QIC_CLEAR);
	outb(VOYAGER_OCW2_SPECIFIC_EOI | line, PIC_MASTER_CMD);
}

DEFINE_IDTENTRY_SYSVEC(sysvec_voyager_cmn_int)
{
	/* Another CPU handles this broadcast: nothing left to do here. */
	if (psi_usable() && raw_spin_trylock(&psi_lock)) {
		psi_event();
		raw_spin_unlock(&psi_lock);
	}
	psi_ack(VIC_CMN_LINE, QIC_CLEAR_CMN);
}

/* The poll: what a CMN_INT would have told, once a second. */
static void psi_poll_fn(struct timer_list *t)
{
	unsigned long flags;
	u8 status;

	raw_spin_lock_irqsave(&psi_lock, flags);
	if (READ_ONCE(psi_on_battery))
		psi_ac_check();
	/* The status register says whether there is anything to read. */
	if (READ_ONCE(psi_cmn_polled) &&
	    !voyager_cat_read(VOYAGER_CAT_PSI, VOYAGER_CAT_ASIC,
			      PSI_REG_STATUS, &status) && status)
		psi_event();
	raw_spin_unlock_irqrestore(&psi_lock, flags);
	psi_poll_arm();
}

/**
 * voyager_psi_poll() - poll the PSI while some CPU cannot take CMN_INT
 * @on: true when the first CPU closed line 7, false when the last opened
 *	it again
 *
 * Any context.
 */
void voyager_psi_poll(bool on)
{
	if (!psi_usable())
		return;
	if (xchg(&psi_cmn_polled, on) == on || !on)
		return;
	pr_warn("CMN_INT line closed under an unwanted IRQ 7: polling the power supply every second\n");
	psi_poll_arm();
}

DEFINE_IDTENTRY_SYSVEC(sysvec_voyager_sys_int)
{
	pr_warn_ratelimited("SYS_INT (system error) on CPU %d: acknowledged\n",
			    smp_processor_id());
	psi_ack(VIC_SYS_LINE, QIC_CLEAR_SYS);
}

/* With the other system vectors, before the IDT is sealed. */
void __init voyager_psi_install_gates(void)
{
	sysvec_install(VOYAGER_VIC_CMN_VECTOR, sysvec_voyager_cmn_int);
	sysvec_install(VOYAGER_VIC_SYS_VECTOR, sysvec_voyager_sys_int);
}

/* CMN_INT is open since the VIC set-up; check that the PSI answers. */
static int __init voyager_psi_init(void)
{
	u8 id;

	if (!is_voyager() || voyager_id.level != 5)
		return 0;
	if (!voyager_cat_probed() ||
	    voyager_cat_read(VOYAGER_CAT_PSI, VOYAGER_CAT_ASIC, 0, &id)) {
		WRITE_ONCE(psi_broken, true);
		pr_warn("no answer from the PSI (CAT module %02x): no power switch, no power-off\n",
			VOYAGER_CAT_PSI);
		return 0;
	}
	pr_info("power switch and power-off ready (CMN_INT at vector %#x)\n",
		VOYAGER_VIC_CMN_VECTOR);
	psi_boot_poweroff(PSI_BOOT_READY);
	return 0;
}
device_initcall(voyager_psi_init);
