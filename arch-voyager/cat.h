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
int voyager_cat_read_regs(u8 module, u8 asic, u8 first, u8 *buf,
			  unsigned int count);
int voyager_cat_write(u8 module, u8 asic, u8 reg, u8 val);
int voyager_cat_subaddr_read(u8 module, u8 asic, u16 addr, u8 *buf,
			     unsigned int len);
int voyager_cat_subaddr_write(u8 module, u8 asic, u16 addr,
			      const u8 *buf, unsigned int len);

/* Level 5 only, from voyager_arch_setup(): memblock era, no allocation. */
int voyager_cat_probe(void);
bool voyager_cat_probed(void);
bool voyager_cat_present(u8 module);
int voyager_cat_dino_tom(u8 *low, u8 *high);
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
#define VOYAGER_CAT_MAX_IR_BITS		32

/**
 * struct voyager_cat_chain - a module's scan path, from its EPROM
 * @n: number of ASICs (the CAT ASIC is location 0)
 * @sub: submodule whose scan path this is (quad baseboard: 1)
 * @asic_ids: ASIC id at each location
 * @ir_len: instruction register length at each location, in bits
 */
struct voyager_cat_chain {
	u8	n;
	u8	sub;
	u8	asic_ids[VOYAGER_CAT_MAX_ASICS];
	u8	ir_len[VOYAGER_CAT_MAX_ASICS];
};

/**
 * struct voyager_cat_module - one module found on the bus
 * @id: module id (10h-1Fh)
 * @has_eprom: the module has a configuration EPROM (not the PSI)
 * @eprom_version: EPROM header version id
 * @config_id: EPROM header config id (not interpreted)
 * @tracer: EPROM header tracer number
 * @card: processor card type, VOYAGER_CAT_NOT_CPU for other modules
 * @cpus: hardware CPUs of a processor card
 * @chain: the scan path used to reach ASICs other than the CAT ASIC
 */
struct voyager_cat_module {
	u8	id;
	bool	has_eprom;
	u8	eprom_version;
	u8	config_id;
	u32	tracer;
	enum voyager_cat_card card;
	u32	cpus;
	struct voyager_cat_chain chain;
};

unsigned int voyager_cat_module_count(void);
const struct voyager_cat_module *voyager_cat_module(unsigned int index);
const char *voyager_cat_module_name(u8 id);
bool voyager_cat_is_processor_slot(u8 id);
const char *voyager_cat_card_name(enum voyager_cat_card card);

/*
 * Pure helpers (cat_encode.c): no I/O, shared by the driver and KUnit.
 * A "stream" is the bytes written to CAT_DATA in order, each shifted in
 * least-significant bit first (reference 3.6); bit k of a stream is bit
 * (k & 7) of byte k / 8.
 */
#define VOYAGER_CAT_HEADER		0x7f	/* IR header, disconnected trailer */
#define VOYAGER_CAT_TRAILER		0x01	/* connected DR trailer */
#define VOYAGER_CAT_STIMULUS		0xaa
#define VOYAGER_CAT_STREAM_BYTES	32

u8 voyager_cat_inst(u8 reg, bool write);
int voyager_cat_chain_find(const struct voyager_cat_chain *chain, u8 asic);
int voyager_cat_ir_stream(const struct voyager_cat_chain *chain,
			  unsigned int loc, u8 inst, u8 *buf);
unsigned int voyager_cat_dr_bits(const struct voyager_cat_chain *chain,
				 unsigned int loc, unsigned int *value_bit);
int voyager_cat_dr_write_stream(const struct voyager_cat_chain *chain,
				unsigned int loc, u8 val, u8 trailer, u8 *buf);
u32 voyager_cat_stream_bits(const u8 *buf, unsigned int bit,
			    unsigned int count);

/* What the probe takes from an EPROM image (reference 3.11). */
struct voyager_cat_eprom {
	u8	version;
	u8	config_id;
	u32	tracer;
	struct voyager_cat_chain chain;
};

#define VOYAGER_CAT_EPROM_LENGTH	0x2a	/* end-of-checksum word */
#define VOYAGER_CAT_EPROM_HEADER	0x2c	/* the fields the probe reads */
/* Fetch @n bytes of an EPROM at @off into @buf; 0 or a negative errno. */
typedef int (*voyager_cat_eprom_read_t)(void *ctx, unsigned int off, u8 *buf,
					unsigned int n);
int voyager_cat_parse_eprom_by(voyager_cat_eprom_read_t read, void *ctx,
			       unsigned int len, struct voyager_cat_eprom *out,
			       const char **why);
int voyager_cat_parse_eprom(const u8 *img, unsigned int len,
			    struct voyager_cat_eprom *out, const char **why);
int voyager_cat_decode_qabc(const u8 *qabc, u8 slot, unsigned int slots,
			    struct voyager_quad_card *card, const char **why);
u32 voyager_cat_dyad_cpus(u8 slot, unsigned int slots, u32 present,
			  enum voyager_cat_card *card);
#define VOYAGER_QABC_BYTES		9	/* bytes 5-8 are decoded */

#endif /* _VOYAGER_CAT_H */
