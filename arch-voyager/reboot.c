// SPDX-License-Identifier: GPL-2.0
/*
 * NCR Voyager restart and power-off.
 *
 * Level 5: CMOS shutdown byte 5, then a CPU reset pulse from the keyboard
 * controller.  Level 4: the restart register of the configuration space
 * in the SuperSet Port Block.
 *
 * Power-off: Level 5 through the power supply interface (psi.c).  Level 4
 * has a documented power-off bit next to the restart bit, but the old
 * port found that it usually cold-restarted the machine instead, so by
 * default a Level 4 box halts and says so; voyager_l4_poweroff on the
 * command line uses the bit (the emulator implements it as documented).
 */

#include <linux/delay.h>
#include <linux/init.h>
#include <linux/io.h>
#include <linux/mc146818rtc.h>
#include <linux/pm.h>
#include <linux/reboot.h>
#include <asm/reboot.h>
#include <asm/voyager.h>
#include "voyager.h"

#define KBC_STATUS		0x64
#define KBC_COMMAND		0x64
#define KBC_INPUT_FULL		0x02
#define KBC_PULSE_RESET		0xfe
#define CMOS_SHUTDOWN		0x0f
#define CMOS_NMI_OFF		0x80
#define SHUTDOWN_WARM		0x05
#define VOYAGER_L4_POWER_OFF	0x01

static bool voyager_l4_poweroff;

static int __init voyager_l4_poweroff_setup(char *arg)
{
	voyager_l4_poweroff = true;
	return 0;
}
early_param("voyager_l4_poweroff", voyager_l4_poweroff_setup);

static void voyager_level5_restart(void)
{
	int i;

	/* Let the keyboard controller take a command. */
	for (i = 0; i < 100000 && (inb(KBC_STATUS) & KBC_INPUT_FULL); i++)
		udelay(1);
	outb(CMOS_NMI_OFF | CMOS_SHUTDOWN, RTC_PORT(0));
	outb(SHUTDOWN_WARM, RTC_PORT(1));
	/* At least 50 us for the firmware; interrupts may be off here. */
	mdelay(1);
	outb(KBC_PULSE_RESET, KBC_COMMAND);
}

static void voyager_level4_restart(void)
{
	outb(inb(VOYAGER_MC_SETUP_PORT) | VOYAGER_MC_SETUP_CONFIG,
	     VOYAGER_MC_SETUP_PORT);
	outb(VOYAGER_L4_RESTART, voyager_sspb_base() + VOYAGER_L4_RESTART_REG);
}

static void voyager_emergency_restart(void)
{
	if (voyager_id.level == 4)
		voyager_level4_restart();
	else
		voyager_level5_restart();
	/* If the reset did not come, there is nothing else to try. */
	mdelay(1000);
	pr_emerg("Voyager: restart failed\n");
	for (;;)
		halt();
}

static void voyager_restart(char *cmd)
{
	machine_shutdown();
	voyager_emergency_restart();
}

static void voyager_level4_power_off(void)
{
	u16 reg = voyager_sspb_base() + VOYAGER_L4_RESTART_REG;

	if (!voyager_l4_poweroff) {
		pr_info("Voyager: Level 4: halting; switch the machine off by hand (voyager_l4_poweroff uses the power-off bit, which may cold-restart it)\n");
		return;
	}
	outb((inb(VOYAGER_MC_SETUP_PORT) & 0xf0) | VOYAGER_MC_SETUP_CONFIG,
	     VOYAGER_MC_SETUP_PORT);
	outb(VOYAGER_L4_POWER_OFF, reg);
	mdelay(1000);
	pr_err("Voyager: Level 4: still on after the power-off bit\n");
}

/* pm_power_off: the other CPUs are stopped already. */
static void voyager_power_off(void)
{
	if (voyager_id.level == 4)
		voyager_level4_power_off();
	else
		voyager_psi_power_off();
	/* Still running: halt, as a machine without power-off does. */
	local_irq_disable();
	for (;;)
		halt();
}

void __init voyager_restart_init(void)
{
	machine_ops.restart = voyager_restart;
	machine_ops.emergency_restart = voyager_emergency_restart;
	pm_power_off = voyager_power_off;
}
