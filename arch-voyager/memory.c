// SPDX-License-Identifier: GPL-2.0
/*
 * NCR Voyager memory map.
 *
 * Level 5: the SUS firmware describes memory in its "ClickMap", whose
 * address is in extended CMOS; each entry is a RAM range.  The firmware's
 * e820 answer is not trusted on these machines, so the ClickMap replaces
 * it.  Level 4: the DINO ASIC holds the top of memory (cat.c reads it);
 * 8-16 MiB is the MCA window and never RAM.
 */

#define pr_fmt(fmt) "Voyager: " fmt

#include <linux/init.h>
#include <linux/io.h>
#include <linux/kernel.h>
#include <linux/sizes.h>
#include <linux/unaligned.h>
#include <asm/e820/api.h>
#include <asm/setup.h>
#include <asm/voyager.h>
#include "cat.h"
#include "voyager.h"

/**
 * voyager_clickmap_decode() - turn the SUS ClickMap into memory ranges
 * @raw: the VOYAGER_CLICKMAP_SIZE bytes of the table
 * @ranges: filled with up to VOYAGER_MEM_RANGES RAM ranges
 *
 * Entries are {u32 start, u32 length in 4 KiB clicks}, little-endian; a
 * zero length ends the table, and a table may use all 16 entries (the
 * old port read up to 16 and stopped at a zero length).
 *
 * Return: the number of ranges, or -EINVAL for a range that wraps past
 * 4 GiB or ranges that overlap.
 */
int voyager_clickmap_decode(const u8 *raw, struct voyager_mem_range *ranges)
{
	int n, i;

	for (n = 0; n < VOYAGER_CLICKMAP_ENTRIES; n++) {
		u64 start = get_unaligned_le32(raw + 8 * n);
		u64 clicks = get_unaligned_le32(raw + 8 * n + 4);

		if (!clicks)
			break;
		ranges[n].start = start;
		ranges[n].size = clicks << VOYAGER_CLICK_SHIFT;
		ranges[n].reserved = false;
		if (start + ranges[n].size > SZ_4G)
			return -EINVAL;
		for (i = 0; i < n; i++)
			if (start < ranges[i].start + ranges[i].size &&
			    ranges[i].start < start + ranges[n].size)
				return -EINVAL;
	}
	return n;
}

/* DINO top of memory: bits 30:20 split over two registers. */
u32 voyager_dino_top_of_memory(u8 tom_low, u8 tom_high)
{
	return ((u32)(tom_low & 0xf0) << 16) + ((u32)(tom_high & 0x7f) << 24);
}

/**
 * voyager_level4_map() - the memory map of a Level 4 machine
 * @tom: top of memory from the DINO
 * @ranges: filled with up to four ranges
 *
 * Return: the number of ranges: base memory, extended memory around the
 * MCA window at 8-16 MiB, and the window itself as reserved.
 */
int voyager_level4_map(u32 tom, struct voyager_mem_range *ranges)
{
	int n = 0;

	ranges[n++] = (struct voyager_mem_range){ 0, 0x9f000, false };
	if (tom <= SZ_1M)
		return n;
	ranges[n++] = (struct voyager_mem_range){
		SZ_1M, min_t(u32, tom, SZ_8M) - SZ_1M, false };
	if (tom <= SZ_8M)
		return n;
	ranges[n++] = (struct voyager_mem_range){ SZ_8M, SZ_8M, true };
	if (tom > SZ_16M)
		ranges[n++] = (struct voyager_mem_range){
			SZ_16M, tom - SZ_16M, false };
	return n;
}

static int __init voyager_level5_ranges(struct voyager_mem_range *ranges)
{
	u32 addr = voyager_sus_clickmap();
	u8 *raw;
	int n;

	if (!addr) {
		pr_err("no ClickMap address in extended CMOS\n");
		return -ENODEV;
	}
	raw = early_memremap(addr, VOYAGER_CLICKMAP_SIZE);
	if (!raw) {
		pr_err("cannot map the ClickMap at %#x\n", addr);
		return -ENOMEM;
	}
	n = voyager_clickmap_decode(raw, ranges);
	early_memunmap(raw, VOYAGER_CLICKMAP_SIZE);
	if (n <= 0)
		pr_err("ClickMap at %#x is corrupt or empty\n", addr);
	return n ?: -EINVAL;
}

static int __init voyager_level4_ranges(struct voyager_mem_range *ranges)
{
	u8 low, high;

	if (voyager_cat_dino_tom(&low, &high))
		return -ENODEV;
	return voyager_level4_map(voyager_dino_top_of_memory(low, high),
				  ranges);
}

/* x86_init.resources.memory_setup: the machine's own memory map. */
char *__init voyager_memory_setup(void)
{
	struct voyager_mem_range ranges[VOYAGER_MEM_RANGES];
	int n, i;

	if (voyager_id.level == 5)
		n = voyager_level5_ranges(ranges);
	else
		n = voyager_level4_ranges(ranges);
	if (n <= 0) {
		pr_warn("falling back to the BIOS memory map\n");
		return e820__memory_setup_default();
	}

	e820_table->nr_entries = 0;
	for (i = 0; i < n; i++)
		e820__range_add(ranges[i].start, ranges[i].size,
				ranges[i].reserved ? E820_TYPE_RESERVED :
						     E820_TYPE_RAM);
	e820__update_table(e820_table);
	return voyager_id.level == 5 ? "Voyager-ClickMap" : "Voyager-DINO";
}
