/* SPDX-License-Identifier: GPL-2.0 */
/*
 * NCR Voyager CAT (Configuration And Test) bus: the internal API.
 *
 * The CAT bus is a serial, JTAG-like bus reaching every module of a
 * Level 5 Voyager (processor cards, memory cards, MCA bridges, the power
 * supply interface).  cat.c drives it bit-serially through the SSPB
 * window; the users are the boot-time inventory (quad cards and their
 * CPUs), the PSI / power-switch code and the developer's debugfs access.
 *
 * Every call takes one raw spinlock with interrupts off for the whole
 * transaction, so it may be used from interrupt context and at power-off.
 * Every call is bounded: an absent or misbehaving module gives -ENODEV or
 * -EIO after a few retries, never a hang.
 */
#ifndef _VOYAGER_CAT_H
#define _VOYAGER_CAT_H

#include <linux/types.h>

/* Module ids (reference §3.3). */
#define VOYAGER_CAT_FIRST_MODULE	0x10
#define VOYAGER_CAT_LAST_MODULE		0x1f
#define VOYAGER_CAT_PSI			0x1a

/* ASIC ids inside a module (reference §3.4). */
#define VOYAGER_CAT_ASIC		0	/* the CAT ASIC, always first */
#define VOYAGER_QABC_ASIC		3	/* quad baseboard: QABC */

/* Direct registers of every ASIC (reference §3.4). */
#define VOYAGER_CAT_REG_ID		0
#define VOYAGER_CAT_REG_TYPE		1
#define VOYAGER_CAT_REG_AUTOINC		2
#define VOYAGER_CAT_AUTOINC		0x04
#define VOYAGER_CAT_REG_SUBDATA		3
#define VOYAGER_CAT_REG_SCANPATH	5
#define VOYAGER_CAT_SCANPATH_CONNECT	0x01
#define VOYAGER_CAT_REG_SUBADDR_LO	6
#define VOYAGER_CAT_REG_SUBADDR_HI	7
#define VOYAGER_CAT_REG_SUBMODULE	8
#define VOYAGER_CAT_REG_SUBMOD_PRESENT	9
#define VOYAGER_CAT_REGS		16

/* What the probe found about a quad card (hardware CPU bit masks). */
struct voyager_quad_card {
	u8 slot;		/* slot index (module id & 7) */
	u32 cpus;		/* all four hardware CPUs of the card */
	u32 vic_boot;		/* on the first VIC line: extended, VIC-bootable */
	u32 second_line;	/* on the second VIC line: extended, QIC-booted */
	u32 cpi_base;		/* physical address of the 1 KiB QIC CPI area */
};

int voyager_cat_read(u8 module, u8 asic, u8 reg, u8 *val);
int voyager_cat_write(u8 module, u8 asic, u8 reg, u8 val);
int voyager_cat_subaddr_read(u8 module, u8 asic, u16 addr, u8 *buf,
			     unsigned int len);
int voyager_cat_subaddr_write(u8 module, u8 asic, u16 addr,
			      const u8 *buf, unsigned int len);

/* Level 5 only, from voyager_arch_setup(): memblock era, no allocation. */
int voyager_cat_probe(void);
bool voyager_cat_probed(void);
/* NULL unless slot (0-7) holds a quad card. */
const struct voyager_quad_card *voyager_cat_quad_card(unsigned int slot);
/* Hardware CPUs on a VIC line (dyad CPUs and extended quad CPUs). */
u32 voyager_cat_extended_cpus(void);

/* The inventory, for sysfs, debugfs and the tool. */
enum voyager_cat_card {
	VOYAGER_CAT_NOT_CPU,	/* not a processor slot */
	VOYAGER_CAT_MONO,	/* dyadic card with one CPU fitted */
	VOYAGER_CAT_DYAD,	/* dyadic card with two CPUs */
	VOYAGER_CAT_QUAD,
};

#define VOYAGER_CAT_MAX_ASICS		7

/**
 * struct voyager_cat_module - one module found on the bus
 * @id: module id (10h-1Fh)
 * @asics: number of ASICs in the scan path (from the EPROM; 1 for the PSI)
 * @has_eprom: the module has a configuration EPROM (not the PSI)
 * @eprom_version: EPROM header version id
 * @tracer: EPROM header tracer number
 * @card: processor card type, VOYAGER_CAT_NOT_CPU for other modules
 * @cpus: hardware CPUs of a processor card (present ones for a dyad)
 * @asic_ids: ASIC ids in scan-path order (from the EPROM)
 * @ir_len: instruction register length of each ASIC, in bits
 */
struct voyager_cat_module {
	u8	id;
	u8	asics;
	bool	has_eprom;
	u8	eprom_version;
	u32	tracer;
	enum voyager_cat_card card;
	u32	cpus;
	u8	asic_ids[VOYAGER_CAT_MAX_ASICS];
	u8	ir_len[VOYAGER_CAT_MAX_ASICS];
};

unsigned int voyager_cat_module_count(void);
const struct voyager_cat_module *voyager_cat_module(unsigned int index);
const char *voyager_cat_module_name(u8 id);
bool voyager_cat_is_processor_slot(u8 id);

#endif /* _VOYAGER_CAT_H */
