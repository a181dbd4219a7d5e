/* SPDX-License-Identifier: GPL-2.0 */
/*
 * NCR Voyager platform: what the rest of the kernel may ask of it.
 */
#ifndef _ASM_X86_VOYAGER_H
#define _ASM_X86_VOYAGER_H

#include <linux/types.h>

/**
 * struct voyager_bios_id - the machine as the BIOS describes it
 * @class: model class, hex digits reading like the NCR model (0x3435)
 * @level: architecture level (4 or 5; 3 is recognised but unsupported)
 * @major: firmware table revision, major
 * @minor: firmware table revision, minor
 */
struct voyager_bios_id {
	u16	class;
	u8	level;
	u8	major;
	u8	minor;
};

/* What voyager_parse_bios_table() found. */
enum voyager_table_status {
	VOYAGER_TABLE_OK,
	VOYAGER_TABLE_NOT_QUERIED,	/* setup code did not run the query */
	VOYAGER_TABLE_ABSENT,		/* the BIOS said "not a Voyager" */
	VOYAGER_TABLE_BAD_CLASS,	/* class is not a model number */
	VOYAGER_TABLE_LEVEL3,		/* a Level 3 machine: unsupported */
};

enum voyager_table_status
voyager_parse_bios_table(const u8 *table, u32 queried,
			 struct voyager_bios_id *id);
const char *voyager_table_status_str(enum voyager_table_status status);

#ifdef CONFIG_X86_VOYAGER
extern struct voyager_bios_id voyager_id;

void voyager_early_init(void);

/* True once the BIOS table said this is a supported Voyager. */
static inline bool is_voyager(void)
{
	return voyager_id.level != 0;
}
#else
static inline void voyager_early_init(void) { }
static inline bool is_voyager(void) { return false; }
#endif

#endif /* _ASM_X86_VOYAGER_H */
