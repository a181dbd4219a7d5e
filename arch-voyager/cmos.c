// SPDX-License-Identifier: GPL-2.0
/*
 * NCR Voyager extended CMOS and SSPB access.
 *
 * The SUS firmware keeps its configuration in an extended CMOS reached
 * through a 16-bit index (ports 74h/75h) and a data port (76h); the CAT
 * and Level 4 configuration registers live in the SuperSet Port Block,
 * whose base is relocatable (port 98h gives its high byte).
 */

#include <linux/io.h>
#include <linux/spinlock.h>
#include "voyager.h"

static DEFINE_RAW_SPINLOCK(voyager_xcmos_lock);

u8 voyager_xcmos_read8(u16 index)
{
	unsigned long flags;
	u8 val;

	raw_spin_lock_irqsave(&voyager_xcmos_lock, flags);
	outb(index & 0xff, VOYAGER_XCMOS_INDEX_LO);
	outb(index >> 8, VOYAGER_XCMOS_INDEX_HI);
	val = inb(VOYAGER_XCMOS_DATA);
	raw_spin_unlock_irqrestore(&voyager_xcmos_lock, flags);
	return val;
}

/* Multi-byte values are little-endian and read a byte at a time. */
u32 voyager_xcmos_read32(u16 index)
{
	u32 val = 0;
	int i;

	for (i = 0; i < 4; i++)
		val |= (u32)voyager_xcmos_read8(index + i) << (8 * i);
	return val;
}

u16 voyager_sspb_base(void)
{
	return inb(VOYAGER_SSPB_RELOCATION_PORT) << 8;
}
