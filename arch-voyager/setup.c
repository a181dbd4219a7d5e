// SPDX-License-Identifier: GPL-2.0
/*
 * NCR Voyager detection and early platform set-up.
 *
 * The real-mode setup code asked the BIOS (int 15h AX=FFC0h) and left the
 * answer in the zero page.  voyager_early_init() runs from the early
 * platform quirks, before start_kernel(), and decides once whether this
 * boot takes the Voyager path.  On any other machine it changes nothing
 * and says nothing.
 *
 * This file is the top of the platform's layers (voyager.rst, "Source
 * layout"): it installs every hook and every gate, in order.
 */

#define pr_fmt(fmt) "Voyager: " fmt

#include <linux/debugfs.h>
#include <linux/init.h>
#include <linux/printk.h>
#include <linux/string.h>
#include <asm/bootparam.h>
#include <asm/cmdline.h>
#include <asm/cpufeature.h>
#include <asm/irq_vectors.h>
#include <asm/setup.h>
#include <asm/x86_init.h>
#ifdef CONFIG_PCI
#include <asm/pci_x86.h>
#endif
#include <asm/voyager.h>
#include <asm/voyager_boot.h>
#include "cat.h"
#include "voyager.h"

static enum voyager_table_status voyager_status __initdata;
static struct voyager_bios_id voyager_seen __initdata;
static bool voyager_disabled __initdata;

static void __init voyager_arch_setup(void)
{
	pr_info("NCR class %04x, Level %u (BIOS table revision %u.%u)\n",
		voyager_id.class, voyager_id.level,
		voyager_id.major, voyager_id.minor);
	/*
	 * No APIC, whatever CPUID says (a Pentium Pro's is not wired to an
	 * APIC bus): as "disableapic" does, so that no code consults it.
	 */
	setup_clear_cpu_cap(X86_FEATURE_APIC);
	/* Level 5 only: Level 4 has no CAT probe (reference 3.1, 5.2) */
	if (voyager_id.level == 5)
		voyager_cat_probe();
	voyager_power_init();
#ifdef CONFIG_PCI
	/* A Micro Channel machine: no PCI configuration ports to probe. */
	pci_probe = 0;
#endif
}

/*
 * x86_init.irqs.pre_vector_init: the gates of every VIC and QIC vector
 * first (lines 0 and 7 open at once on the boot CPU), then the VIC as the
 * legacy PIC.
 */
static void __init voyager_setup_irqs(void)
{
	voyager_vic_set_cpi_base(VOYAGER_VIC_CPI_VECTOR);
	voyager_ipi_install_gates();
	voyager_power_install_gates();
	voyager_irq_init();
	/* The OS drives the machine now, not the SUS firmware. */
	voyager_sus_os_in_control();
}

/* Replace the PC hooks that do not fit a Voyager. */
static void __init voyager_install_hooks(void)
{
	x86_init.oem.arch_setup = voyager_arch_setup;
	x86_init.resources.memory_setup = voyager_memory_setup;
	/* Firmware may publish an MP table; the machine has no APIC. */
	x86_init.mpparse.find_mptable = x86_init_noop;
	x86_init.mpparse.early_parse_smp_cfg = x86_init_noop;
	x86_init.irqs.pre_vector_init = voyager_setup_irqs;
	x86_init.irqs.intr_mode_select = voyager_intr_mode_select;
	x86_init.timers.timer_init = voyager_timer_init;
	voyager_smp_init();
	/* Secondary CPUs start through the IVT, not the warm-reset vector. */
	x86_platform.legacy.warm_reset = 0;
	x86_platform.legacy.devices.pnpbios = 0;
}

/* Called from x86_early_init_platform_quirks(): too early for printk. */
void __init voyager_early_init(void)
{
	const struct voyager_boot_info *info =
		(const void *)&boot_params.apm_bios_info;
	char arg[8];

	BUILD_BUG_ON(offsetof(struct boot_params, apm_bios_info) !=
		     VOYAGER_BOOT_INFO_OFFSET);

	voyager_status = voyager_parse_bios_table(info->table, info->queried,
						  &voyager_seen);
	if (voyager_status != VOYAGER_TABLE_OK)
		return;

	if (cmdline_find_option(boot_command_line, "voyager", arg,
				sizeof(arg)) > 0 && !strcmp(arg, "off")) {
		voyager_disabled = true;
		return;
	}

	voyager_id = voyager_seen;
	voyager_install_hooks();
}

/*
 * Say once what this boot found if it looked like a Voyager but does not
 * take the Voyager path; an ordinary PC is told nothing (pr_debug).
 */
static int __init voyager_report(void)
{
	if (is_voyager())
		return 0;
	if (voyager_disabled)
		pr_info("class %04x, Level %u found, but disabled by voyager=off: PC path\n",
			voyager_seen.class, voyager_seen.level);
	else if (voyager_status == VOYAGER_TABLE_ABSENT ||
		 voyager_status == VOYAGER_TABLE_NOT_QUERIED)
		pr_debug("not detected (%s)\n",
			 voyager_table_status_str(voyager_status));
	else
		pr_warn("not detected: %s (class %04x, revision %u.%u); booting as a PC\n",
			voyager_table_status_str(voyager_status),
			voyager_seen.class, voyager_seen.major,
			voyager_seen.minor);
	return 0;
}
early_initcall(voyager_report);

/* debugfs voyager/: the CAT bus, the VIC lines. */
static int __init voyager_debugfs_init(void)
{
	struct dentry *dir;

	if (!is_voyager())
		return 0;
	dir = debugfs_create_dir("voyager", NULL);
	voyager_irq_debugfs_init(dir);
	voyager_cat_debugfs_init(dir);
	return 0;
}
late_initcall(voyager_debugfs_init);

/*
 * voyager_early_init() reads the option; this only validates it.  A bad
 * value is ignored (the Voyager path runs) with this one line: returning
 * an error would add the generic "Malformed early option" line.
 */
static int __init voyager_param(char *arg)
{
	if (!arg || strcmp(arg, "off"))
		pr_warn("unknown option voyager=%s (only voyager=off is known)\n",
			arg ?: "");
	return 0;
}
early_param("voyager", voyager_param);
