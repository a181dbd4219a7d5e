// SPDX-License-Identifier: GPL-2.0
/*
 * Ask the BIOS whether the machine has a Micro Channel bus.
 *
 * int 15h AH=C0h returns with CF clear and ES:BX pointing at the system
 * description table: a length word, then model, submodel, BIOS revision
 * and feature byte 1, whose bit 1 says "Micro Channel".  The table goes
 * into the zero page's sys_desc_table for drivers/mca/, which also knows
 * that an NCR Voyager has the bus whatever its BIOS says here.
 */

#include "boot.h"

void query_mca(void)
{
	struct sys_desc_table *t = &boot_params.sys_desc_table;
	struct biosregs ireg, oreg;
	u16 len, i;

	initregs(&ireg);
	ireg.ah = 0xc0;
	intcall(0x15, &ireg, &oreg);
	if (oreg.eflags & X86_EFLAGS_CF)
		return;

	set_fs(oreg.es);
	len = rdfs16(oreg.bx);
	if (len > sizeof(t->table))
		len = sizeof(t->table);
	for (i = 0; i < len; i++)
		t->table[i] = rdfs8(oreg.bx + 2 + i);
	t->length = len;
}
