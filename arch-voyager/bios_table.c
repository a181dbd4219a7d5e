// SPDX-License-Identifier: GPL-2.0
/*
 * Decoding of the configuration table that Voyager firmware returns for
 * int 15h AX=FFC0h.  Pure functions, so they can be unit tested.
 *
 * Layout (7 bytes): length, major and minor revision, debug, number of
 * classes, then the 16-bit model class, high byte first.  A length byte
 * of FFh is the "absent" sentinel the setup code stores before the call.
 */

#include <linux/cache.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <asm/voyager.h>
#include <asm/voyager_boot.h>

/* The machine, once voyager_early_init() said it is a supported one. */
struct voyager_bios_id voyager_id __ro_after_init;

#define TABLE_MAJOR		1
#define TABLE_MINOR		2
#define TABLE_CLASS_HI		5
#define TABLE_CLASS_LO		6

/* The classes that bound the architecture levels. */
#define CLASS_LEVEL4		0x3360
#define CLASS_LEVEL4_3430	0x3430
#define CLASS_FIRST_LEVEL5	0x3435

/* A class reads like the decimal model number: every nibble is 0-9. */
static bool class_is_model_number(u16 class)
{
	int shift;

	for (shift = 0; shift < 16; shift += 4)
		if (((class >> shift) & 0xf) > 9)
			return false;
	return class != 0;
}

/**
 * voyager_parse_bios_table() - decode the int 15h AX=FFC0h answer
 * @table: the VOYAGER_BIOS_TABLE_LEN bytes the setup code saved
 * @queried: VOYAGER_BIOS_QUERIED if the setup code made the call
 * @id: filled in with class and revision; level is set only on success
 *
 * Return: VOYAGER_TABLE_OK for a supported Level 4 or 5 machine, or the
 * reason this is not one.
 */
enum voyager_table_status
voyager_parse_bios_table(const u8 *table, u32 queried,
			 struct voyager_bios_id *id)
{
	memset(id, 0, sizeof(*id));
	if (queried != VOYAGER_BIOS_QUERIED)
		return VOYAGER_TABLE_NOT_QUERIED;
	if (table[0] == VOYAGER_BIOS_TABLE_ABSENT)
		return VOYAGER_TABLE_ABSENT;

	id->class = table[TABLE_CLASS_HI] << 8 | table[TABLE_CLASS_LO];
	id->major = table[TABLE_MAJOR];
	id->minor = table[TABLE_MINOR];

	if (!class_is_model_number(id->class))
		return VOYAGER_TABLE_BAD_CLASS;
	/*
	 * The old port called only 3360h Level 4 and the rest below 3435h
	 * Level 3, which has no VIC; its own documentation named the 3430 a
	 * Level 4 machine too (fidelity audit D23).  No Level 3 box is known
	 * to report 3430h, so a 3430 that reports its own number runs as the
	 * Level 4 machine it is, and one that reports 3360h does as well.
	 */
	if (id->class == CLASS_LEVEL4 || id->class == CLASS_LEVEL4_3430)
		id->level = 4;
	else if (id->class >= CLASS_FIRST_LEVEL5)
		id->level = 5;
	else
		return VOYAGER_TABLE_LEVEL3;
	return VOYAGER_TABLE_OK;
}

const char *voyager_table_status_str(enum voyager_table_status status)
{
	switch (status) {
	case VOYAGER_TABLE_OK:
		return "supported";
	case VOYAGER_TABLE_NOT_QUERIED:
		return "BIOS not queried (kernel not entered through the real-mode setup code)";
	case VOYAGER_TABLE_ABSENT:
		return "BIOS says not a Voyager";
	case VOYAGER_TABLE_BAD_CLASS:
		return "corrupt BIOS table (class is not a model number)";
	case VOYAGER_TABLE_LEVEL3:
		return "Level 3 machine, not supported";
	}
	return "unknown";
}
