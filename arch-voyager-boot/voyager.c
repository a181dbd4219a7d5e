// SPDX-License-Identifier: GPL-2.0
/*
 * Ask the BIOS whether this is an NCR Voyager.
 *
 * Only real mode can make the call: int 15h with AX = FFC0h returns with
 * CF clear and ES:DI pointing at a 7-byte configuration table on Voyager
 * firmware.  The table is copied into the zero page for the platform
 * code in arch/x86/platform/voyager/; "not a Voyager" leaves FFh in its
 * first byte.
 */

#include "boot.h"
#include <asm/voyager_boot.h>

void query_voyager(void)
{
	struct voyager_boot_info *info =
		(struct voyager_boot_info *)&boot_params.apm_bios_info;
	struct biosregs ireg, oreg;
	int i;

	BUILD_BUG_ON(offsetof(struct boot_params, apm_bios_info) !=
		     VOYAGER_BOOT_INFO_OFFSET);
	BUILD_BUG_ON(sizeof(*info) > sizeof(boot_params.apm_bios_info));

	info->table[0] = VOYAGER_BIOS_TABLE_ABSENT;
	info->queried = VOYAGER_BIOS_QUERIED;

	initregs(&ireg);
	ireg.ax = 0xffc0;
	intcall(0x15, &ireg, &oreg);
	if (oreg.eflags & X86_EFLAGS_CF)
		return;

	set_fs(oreg.es);
	for (i = 0; i < VOYAGER_BIOS_TABLE_LEN; i++)
		info->table[i] = rdfs8(oreg.di + i);
}
