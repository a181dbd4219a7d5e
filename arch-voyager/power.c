// SPDX-License-Identifier: GPL-2.0
/*
 * NCR Voyager power: the power supply interface (PSI) with the
 * front-panel power switch, AC failures and power-off; SYS_INT; restart.
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
 * cannot reach some CPU (irq.c had to close line 7 under an IRQ 7 nobody
 * takes), the PSI is polled once a second too, well within the 3 s the
 * supply waits for a switch acknowledge.
 *
 * SYS_INT (a system or bus error, CPI base + 8 on line 0) also lands here:
 * the firmware takes the machine down if it is not acknowledged, and all
 * the old port did was acknowledge it and say so.
 *
 * Restart: Level 5 through CMOS shutdown byte 5 and the keyboard
 * controller's reset pulse, Level 4 through the restart bit of the SSPB's
 * configuration space (sus.c); only the emergency restart is replaced,
 * the kernel's own restart ends in it.  Power-off on Level 4: its
 * documented power-off bit usually cold-restarted real machines, so by
 * default a Level 4 box halts and says so; voyager_l4_poweroff on the
 * command line uses the bit (the emulator implements it as documented).
 */

#define pr_fmt(fmt) "Voyager PSI: " fmt

#include <linux/delay.h>
#include <linux/err.h>
#include <linux/init.h>
#include <linux/interrupt.h>
#include <linux/io.h>
#include <linux/mc146818rtc.h>
#include <linux/reboot.h>
#include <linux/sched/signal.h>
#include <linux/spinlock.h>
#include <linux/timer.h>
#include <linux/workqueue.h>
#include <asm/desc.h>
#include <asm/idtentry.h>
#include <asm/irq_vectors.h>
#include <asm/reboot.h>
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

/* Level 5 restart (reference 7.7): CMOS shutdown byte, keyboard reset. */
#define KBC_STATUS		0x64
#define KBC_COMMAND		0x64
#define KBC_INPUT_FULL		0x02
#define KBC_PULSE_RESET		0xfe
#define CMOS_SHUTDOWN		0x0f
#define CMOS_NMI_OFF		0x80
#define SHUTDOWN_WARM		0x05

/* The PSI did not answer at its initcall: no power switch, no power-off. */
static bool psi_broken;
/*
 * What earlier PSI reports left (voyager_psi_step()), under psi_lock.  On
 * batteries the PSI is polled until the mains is back: on_battery is
 * also read without the lock, to arm and run that poll.
 */
static struct voyager_psi_state psi_state;
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
static void psi_power_off(void)
{
	if (psi_usable())
		psi_power_down();
}

/*
 * Read the PSI's whole state: all 16 direct registers in one selection
 * (the PSI reasserts CMN_INT unless it has seen them all; the old port
 * read them so, fidelity audit D11), then 8000h-8007h one at a time: the
 * old port found that the PSI does not auto-increment its subaddress.
 */
static int psi_read_state(u8 *regs, u8 *sub)
{
	int i, tries, ret;

	for (tries = 0; tries < PSI_CHECK_TRIES; tries++) {
		ret = voyager_cat_read_regs(VOYAGER_CAT_PSI, VOYAGER_CAT_ASIC,
					    0, regs, VOYAGER_CAT_REGS);
		if (ret)
			return ret;
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

/* Poll while on batteries or while some CPU cannot take CMN_INT. */
static void psi_poll_arm(void)
{
	if ((READ_ONCE(psi_state.on_battery) || READ_ONCE(psi_cmn_polled)) &&
	    !timer_pending(&psi_poll_timer))
		mod_timer(&psi_poll_timer, jiffies + HZ);
}

/**
 * voyager_psi_step() - what a PSI report asks for
 * @st: what earlier reports left: a press seen, running on batteries;
 *      updated
 * @status: the PSI's status register
 * @supply: its supply subregister (8000h)
 * @ac_fail: its AC fail subregister (8004h)
 * @booted: user space runs (an init to ask for an orderly power-off)
 *
 * The PSI's state machine without its CAT reads and writes, so that
 * KUnit can walk it.  The monitor bit means the switch or the mains: the
 * switch wins, and only an AC report with its "changed" bit is new.  A
 * major fault without the monitor bit powers off; any other status is
 * cleared.
 *
 * Return: the action, which psi_event() carries out.
 */
enum voyager_psi_action voyager_psi_step(struct voyager_psi_state *st,
					 u8 status, u8 supply, u8 ac_fail,
					 bool booted)
{
	if (status & PSI_STATUS_MONITOR) {
		if (supply & PSI_SUPPLY_SWITCH_OFF) {
			if (st->pressed)
				return VOYAGER_PSI_SECOND_PRESS;
			st->pressed = true;
			return booted ? VOYAGER_PSI_ORDERLY_POWER_OFF :
					VOYAGER_PSI_BOOT_POWER_OFF;
		}
		/* Not the switch: the mains. */
		if (!(ac_fail & PSI_AC_FAIL_CHANGED))
			return VOYAGER_PSI_NOTHING;
		if (st->on_battery)
			return VOYAGER_PSI_AC_ACK;
		WRITE_ONCE(st->on_battery, true);
		return VOYAGER_PSI_AC_FAILED;
	}
	if (status & PSI_STATUS_MAJOR_FAULT)
		return VOYAGER_PSI_MAJOR_FAULT;
	return status ? VOYAGER_PSI_CLEAR_STATUS : VOYAGER_PSI_NOTHING;
}

/**
 * voyager_psi_poll_step() - on batteries: is the mains back?
 * @st: the PSI state; on_battery is cleared when it is
 * @ac_fail: the AC fail subregister, one bit per supply still failing
 *
 * Return: VOYAGER_PSI_AC_RESTORED or VOYAGER_PSI_NOTHING.
 */
enum voyager_psi_action voyager_psi_poll_step(struct voyager_psi_state *st,
					      u8 ac_fail)
{
	if (!st->on_battery || (ac_fail & PSI_AC_FAIL_SUPPLIES))
		return VOYAGER_PSI_NOTHING;
	WRITE_ONCE(st->on_battery, false);
	return VOYAGER_PSI_AC_RESTORED;
}

/* Carry out voyager_psi_step()'s or voyager_psi_poll_step()'s @action. */
static void psi_act(enum voyager_psi_action action, u8 status, u8 ac_fail)
{
	switch (action) {
	case VOYAGER_PSI_NOTHING:
		break;
	case VOYAGER_PSI_SECOND_PRESS:
		pr_warn("power switch pressed again: powering off at once\n");
		psi_power_down();
		break;
	case VOYAGER_PSI_BOOT_POWER_OFF:
	case VOYAGER_PSI_ORDERLY_POWER_OFF:
		/* Without this the supply cuts the power about 3 s after the press. */
		if (psi_subwrite(PSI_SUPPLY, PSI_SUPPLY_CLEAR_SWOFF))
			pr_err("cannot acknowledge the switch: the supply will cut the power in about 3 s\n");
		if (action == VOYAGER_PSI_BOOT_POWER_OFF) {
			pr_info("power switch pressed during boot, before user space: powering off\n");
			psi_boot_poweroff(PSI_BOOT_PRESSED);
			break;
		}
		pr_info("power switch pressed: orderly power-off (press again to power off at once)\n");
		orderly_poweroff(true);
		break;
	case VOYAGER_PSI_AC_ACK:
		psi_subwrite(PSI_GENERAL, PSI_GEN_AC_FAIL_ACK);
		break;
	case VOYAGER_PSI_AC_FAILED:
		psi_subwrite(PSI_GENERAL, PSI_GEN_AC_FAIL_ACK);
		pr_crit("AC power failure (AC fail %#04x): running on batteries, init told (SIGPWR)\n",
			ac_fail);
		kill_cad_pid(SIGPWR, 1);
		psi_poll_arm();
		break;
	case VOYAGER_PSI_AC_RESTORED:
		pr_info("AC power restored, init told (SIGPWR)\n");
		kill_cad_pid(SIGPWR, 1);
		break;
	case VOYAGER_PSI_MAJOR_FAULT:
		pr_crit("major power supply fault: powering off\n");
		psi_power_down();
		break;
	case VOYAGER_PSI_CLEAR_STATUS:
		pr_warn("power supply status %#04x: clearing it\n", status);
		voyager_cat_write(VOYAGER_CAT_PSI, VOYAGER_CAT_ASIC,
				  PSI_REG_STATUS, 0);
		break;
	}
}

/* On batteries: is the mains back? */
static void psi_ac_check(void)
{
	u8 ac_fail;

	if (psi_subread(PSI_AC_FAIL, &ac_fail))
		return;
	psi_act(voyager_psi_poll_step(&psi_state, ac_fail), 0, ac_fail);
}

/* A CMN_INT: find out what the PSI wants and do it. */
static void psi_event(void)
{
	u8 regs[VOYAGER_CAT_REGS], sub[PSI_SUBREGS];
	enum voyager_psi_action action;
	u8 ac_fail;

	if (psi_read_state(regs, sub)) {
		pr_err("cannot read the PSI after CMN_INT\n");
		return;
	}
	ac_fail = sub[PSI_AC_FAIL - PSI_SUPPLY];
	action = voyager_psi_step(&psi_state, regs[PSI_REG_STATUS],
				  sub[PSI_SUPPLY - PSI_SUPPLY], ac_fail,
				  system_state >= SYSTEM_RUNNING);
	psi_act(action, regs[PSI_REG_STATUS], ac_fail);
}

/* Acknowledge CMN_INT or SYS_INT: quad CPUs at the QIC, all at the VIC. */
static void psi_ack(bool cmn)
{
	voyager_qic_ack_special(cmn);
	voyager_vic_eoi_line(cmn ? VIC_CMN_LINE : VIC_SYS_LINE);
}

DEFINE_IDTENTRY_SYSVEC(sysvec_voyager_cmn_int)
{
	/* Another CPU handles this broadcast: nothing left to do here. */
	if (psi_usable() && raw_spin_trylock(&psi_lock)) {
		psi_event();
		raw_spin_unlock(&psi_lock);
	}
	psi_ack(true);
}

/* The poll: what a CMN_INT would have told, once a second. */
static void psi_poll_fn(struct timer_list *t)
{
	unsigned long flags;
	u8 status;

	raw_spin_lock_irqsave(&psi_lock, flags);
	if (READ_ONCE(psi_state.on_battery))
		psi_ac_check();
	/* The status register says whether there is anything to read. */
	if (READ_ONCE(psi_cmn_polled) &&
	    !voyager_cat_read(VOYAGER_CAT_PSI, VOYAGER_CAT_ASIC,
			      PSI_REG_STATUS, &status) && status)
		psi_event();
	raw_spin_unlock_irqrestore(&psi_lock, flags);
	/* Line 7 open again on every CPU: CMN_INT is back. */
	if (READ_ONCE(psi_cmn_polled) && !voyager_vic_cmn_closed()) {
		WRITE_ONCE(psi_cmn_polled, false);
		pr_info("CMN_INT line open again on every CPU: polling stopped\n");
	}
	psi_poll_arm();
}

/**
 * voyager_psi_poll() - poll the PSI while some CPU cannot take CMN_INT
 *
 * Called when a CPU closed line 7; the poll stops by itself once line 7
 * is open on every CPU again.  Any context.
 */
void voyager_psi_poll(void)
{
	if (!psi_usable() || xchg(&psi_cmn_polled, true))
		return;
	pr_warn("CMN_INT line closed under an unwanted IRQ 7: polling the power supply every second\n");
	psi_poll_arm();
}

DEFINE_IDTENTRY_SYSVEC(sysvec_voyager_sys_int)
{
	pr_warn_ratelimited("SYS_INT (system error) on CPU %d: acknowledged\n",
			    smp_processor_id());
	psi_ack(false);
}

/* With the other system vectors, before the IDT is sealed. */
void __init voyager_power_install_gates(void)
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

static bool voyager_l4_poweroff;

static int __init voyager_l4_poweroff_setup(char *arg)
{
	voyager_l4_poweroff = true;
	return 0;
}
early_param("voyager_l4_poweroff", voyager_l4_poweroff_setup);

static void voyager_level5_restart(void)
{
	unsigned long flags;
	bool locked;
	int i;

	/* Let the keyboard controller take a command. */
	for (i = 0; i < 100000 && (inb(KBC_STATUS) & KBC_INPUT_FULL); i++)
		udelay(1);
	/* Other CPUs may be live: take rtc_lock if nobody holds it. */
	locked = spin_trylock_irqsave(&rtc_lock, flags);
	outb(CMOS_NMI_OFF | CMOS_SHUTDOWN, RTC_PORT(0));
	outb(SHUTDOWN_WARM, RTC_PORT(1));
	if (locked)
		spin_unlock_irqrestore(&rtc_lock, flags);
	/* At least 50 us for the firmware; interrupts may be off here. */
	mdelay(1);
	outb(KBC_PULSE_RESET, KBC_COMMAND);
}

/* machine_ops.emergency_restart; native_machine_restart() ends here too. */
static void voyager_emergency_restart(void)
{
	if (voyager_id.level == 4)
		voyager_sus_l4_restart();
	else
		voyager_level5_restart();
	/* If the reset did not come, there is nothing else to try. */
	mdelay(1000);
	pr_emerg("restart failed\n");
	for (;;)
		halt();
}

static void voyager_level4_power_off(void)
{
	if (!voyager_l4_poweroff)
		return;
	voyager_sus_l4_power_off();
	mdelay(1000);
	pr_err("Level 4: still on after the power-off bit\n");
}

/* The platform power-off: the other CPUs are stopped already. */
static void voyager_power_off(void)
{
	if (voyager_id.level == 4)
		voyager_level4_power_off();
	else
		psi_power_off();
	/* Still running: halt, as a machine without power-off does. */
	local_irq_disable();
	for (;;)
		halt();
}

/*
 * Say how the machine will go off while every CPU still runs.  The
 * platform power-off runs after the other CPUs are stopped, and one of
 * them may have been stopped holding the console: a line printed then
 * can stay in the buffer.  kernel_power_off() waits for the console to
 * catch up after this.
 */
static int voyager_power_off_announce(struct sys_off_data *data)
{
	if (voyager_id.level == 4) {
		if (!voyager_l4_poweroff)
			pr_info("Level 4: halting; switch the machine off by hand (voyager_l4_poweroff uses the power-off bit, which may cold-restart it)\n");
	} else if (psi_usable()) {
		pr_info("powering off\n");
	} else {
		pr_err("no PSI: cannot power off, halting\n");
	}
	return NOTIFY_DONE;
}

/* The announcement needs the allocator, which the platform set-up has not. */
static int __init voyager_power_off_announce_init(void)
{
	struct sys_off_handler *handler;

	if (!is_voyager())
		return 0;
	handler = register_sys_off_handler(SYS_OFF_MODE_POWER_OFF_PREPARE,
					   SYS_OFF_PRIO_DEFAULT,
					   voyager_power_off_announce, NULL);
	if (IS_ERR(handler))
		pr_warn("power-off will not be announced before the CPUs stop\n");
	return 0;
}
arch_initcall(voyager_power_off_announce_init);

/* From the platform set-up: restart and power-off of the machine. */
void __init voyager_power_init(void)
{
	machine_ops.emergency_restart = voyager_emergency_restart;
	if (register_platform_power_off(voyager_power_off))
		pr_warn("cannot register the power-off\n");
}
