// SPDX-License-Identifier: GPL-2.0
/*
 * NCR Voyager CAT bus driver: register and subaddress access, and the
 * Level 5 boot-time probe that finds the modules and the quad cards.
 *
 * A module is selected through port 97h; its scan path is shifted bit by
 * bit through CAT_DATA (SSPB+0Dh) in instruction (IR) and data (DR)
 * cycles started through CAT_CMD (SSPB+0Eh).  Only the CAT ASIC is in the
 * chain while the module is "disconnected"; to reach another ASIC this
 * driver connects the scan path for the one transaction and disconnects
 * it again, so every module is disconnected between calls.
 *
 * One raw spinlock, taken with interrupts off, covers each transaction
 * (select to deselect): the PSI code calls in from its interrupt handler
 * and at power-off.  Each shift is checked against the header or trailer
 * that must come back; a failed transaction is retried a few times and
 * then reported, naming module and ASIC.  Nothing loops on the hardware.
 */
#define pr_fmt(fmt) "Voyager CAT: " fmt

#include <linux/delay.h>
#include <linux/errno.h>
#include <linux/init.h>
#include <linux/io.h>
#include <linux/kernel.h>
#include <linux/printk.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/unaligned.h>

#include <asm/voyager.h>

#include "cat.h"
#include "voyager.h"

#define CAT_SELECT_PORT		0x97	/* module id; FFh deselects */
#define CAT_DESELECT		0xff
#define CAT_DATA_OFFSET		0x0d	/* in the SSPB */
#define CAT_CMD_OFFSET		0x0e

/* Level 4: the DINO ASIC, selected through the same port (8.2). */
#define DINO_ID			0x43
#define DINO_TOM_LOW		0x04
#define DINO_TOM_HIGH		0x05

/* CAT_CMD values (reference 3.2). */
#define CAT_IRCYC		0x01
#define CAT_DRCYC		0x02
#define CAT_RUN			0x0f
#define CAT_END			0x80

#define CAT_TRIES		3
/* Before writing through a CAT ASIC: a PSI workaround (reference 3.9). */
#define CAT_WRITE_DELAY_US	30
#define CAT_SUBMODULE_KEEP	0x7c	/* register 8 bits kept on a write */
#define CAT_MAX_MODULES		16

static DEFINE_RAW_SPINLOCK(cat_lock);

static u16 cat_data_port __ro_after_init;
static u16 cat_cmd_port __ro_after_init;
static bool cat_probed __ro_after_init;
static unsigned int cat_slots __ro_after_init = 4;
static u32 cat_extended __ro_after_init;
/* The firmware's present CPUs (extended CMOS), for the dyad cards. */
static u32 cat_present_cpus __initdata;

static struct voyager_cat_module cat_modules[CAT_MAX_MODULES] __ro_after_init;
static unsigned int cat_nr_modules __ro_after_init;
/* Modules that answered but were skipped (bit = id - 10h). */
static u16 cat_skipped __initdata;

static struct voyager_quad_card cat_quads[8] __ro_after_init;
static u8 cat_quad_present __ro_after_init;	/* bit = slot */

/* The chain while a module is disconnected: the CAT ASIC alone. */
static const struct voyager_cat_chain cat_alone = {
	.n = 1, .asic_ids = { VOYAGER_CAT_ASIC }, .ir_len = { 8 },
};

/* One transaction's view of the scan path. */
struct cat_path {
	const struct voyager_cat_chain *chain;
	unsigned int loc;	/* the target ASIC's location */
	bool connected;
};

static const char * const cat_names[] = {
	[0x0] = "Processor Slot 0", [0x1] = "Processor Slot 1",
	[0x2] = "Processor Slot 2", [0x3] = "Processor Slot 3",
	[0x4] = "Memory Slot 0", [0x5] = "Memory Slot 1",
	[0x8] = "Primary Microchannel", [0x9] = "Secondary Microchannel",
	[0xa] = "Power Supply Interface", [0xc] = "Processor Slot 4",
	[0xd] = "Processor Slot 5", [0xe] = "Processor Slot 6",
	[0xf] = "Processor Slot 7",
};

/*
 * Slot names follow the slot index (id & 7 for 1Ch-1Fh), not the old
 * kernel's printed names, which skipped "3".
 */
const char *voyager_cat_module_name(u8 id)
{
	if (id < VOYAGER_CAT_FIRST_MODULE || id > VOYAGER_CAT_LAST_MODULE ||
	    !cat_names[id - VOYAGER_CAT_FIRST_MODULE])
		return "Unknown";
	return cat_names[id - VOYAGER_CAT_FIRST_MODULE];
}

bool voyager_cat_is_processor_slot(u8 id)
{
	return (id >= 0x10 && id <= 0x13) || (id >= 0x1c && id <= 0x1f);
}

const char *voyager_cat_card_name(enum voyager_cat_card card)
{
	switch (card) {
	case VOYAGER_CAT_MONO:
		return "mono";
	case VOYAGER_CAT_DYAD:
		return "dyad";
	case VOYAGER_CAT_QUAD:
		return "quad";
	default:
		return "none";
	}
}

/* Slot index of a processor module (0-7). */
static u8 cat_slot_of(u8 id)
{
	return id < 0x1c ? id & 3 : id & 7;
}

static u8 cat_module_of_slot(unsigned int slot)
{
	return slot < 4 ? 0x10 + slot : 0x1c + slot - 4;
}

/* ---- one shift cycle at a time; all called with cat_lock held ---- */

static void cat_cmd(u8 cmd)
{
	outb(cmd, cat_cmd_port);
}

/* Shift a stream through, keeping what falls out. */
static void cat_shift(const u8 *in, u8 *out, int bytes)
{
	int i;

	for (i = 0; i < bytes; i++) {
		outb(in[i], cat_data_port);
		out[i] = inb(cat_data_port);
	}
}

static void cat_select(u8 module)
{
	outb(CAT_DESELECT, CAT_SELECT_PORT);
	outb(module, CAT_SELECT_PORT);
}

static void cat_deselect(void)
{
	outb(CAT_DESELECT, CAT_SELECT_PORT);
}

/* Load an instruction into the target, BYPASS into the others. */
static int cat_load(const struct cat_path *p, u8 inst)
{
	u8 in[VOYAGER_CAT_STREAM_BYTES], out[VOYAGER_CAT_STREAM_BYTES];
	int bytes = voyager_cat_ir_stream(p->chain, p->loc, inst, in);

	if (bytes < 0)
		return bytes;
	cat_cmd(CAT_IRCYC);
	cat_shift(in, out, bytes);
	return out[bytes - 1] == VOYAGER_CAT_HEADER ? 0 : -EIO;
}

static u8 cat_trailer(const struct cat_path *p)
{
	return p->connected ? VOYAGER_CAT_TRAILER : VOYAGER_CAT_HEADER;
}

/*
 * Capture the loaded register: shift the trailer and enough stimulus
 * bytes to bring out the chain and then the trailer.
 */
static int cat_capture(const struct cat_path *p, bool run, u8 *val)
{
	u8 in[VOYAGER_CAT_STREAM_BYTES], out[VOYAGER_CAT_STREAM_BYTES];
	unsigned int value_bit, bits;
	int bytes;

	bits = voyager_cat_dr_bits(p->chain, p->loc, &value_bit);
	bytes = 1 + DIV_ROUND_UP(bits, 8);
	in[0] = cat_trailer(p);
	memset(in + 1, VOYAGER_CAT_STIMULUS, bytes - 1);
	/* disconnected, RUN precedes reads of registers above 7 (3.7) */
	if (run && !p->connected)
		cat_cmd(CAT_RUN);
	cat_cmd(CAT_DRCYC);
	cat_shift(in, out, bytes);
	if (voyager_cat_stream_bits(out, bits, 8) != cat_trailer(p))
		return -EIO;
	*val = voyager_cat_stream_bits(out, value_bit, 8);
	return 0;
}

/* Shift a value into the loaded register; it is stored at the next CMD. */
static int cat_store(const struct cat_path *p, bool commit, u8 val)
{
	u8 in[VOYAGER_CAT_STREAM_BYTES], out[VOYAGER_CAT_STREAM_BYTES];
	int bytes;

	bytes = voyager_cat_dr_write_stream(p->chain, p->loc, val,
					    cat_trailer(p), in);
	if (bytes < 0)
		return bytes;
	cat_cmd(CAT_DRCYC);
	cat_shift(in, out, bytes);
	if (out[bytes - 1] != cat_trailer(p))
		return -EIO;
	/* disconnected writes of registers above 7 commit like this (3.7) */
	if (commit && !p->connected) {
		cat_cmd(CAT_RUN);
		cat_cmd(CAT_END);
		cat_cmd(CAT_RUN);
	}
	return 0;
}

static int cat_reg_read(const struct cat_path *p, u8 reg, u8 *val)
{
	int ret = cat_load(p, voyager_cat_inst(reg, false));

	return ret ?: cat_capture(p, reg > 7, val);
}

static int cat_reg_write(const struct cat_path *p, u8 reg, u8 val)
{
	int ret = cat_load(p, voyager_cat_inst(reg, true));

	return ret ?: cat_store(p, reg > 7, val);
}

/* Point the ASIC's subaddress register at addr (reference 3.9). */
static int cat_subaddr_setup(const struct cat_path *p, u16 addr,
			     unsigned int len)
{
	bool wide = p->chain->asic_ids[p->loc] == VOYAGER_CAT_ASIC;
	u8 v;
	int ret;

	if (len > 1) {
		ret = cat_reg_read(p, VOYAGER_CAT_REG_AUTOINC, &v);
		if (!ret && !(v & VOYAGER_CAT_AUTOINC))
			ret = cat_reg_write(p, VOYAGER_CAT_REG_AUTOINC,
					    v | VOYAGER_CAT_AUTOINC);
		if (ret)
			return ret;
	}
	ret = cat_reg_write(p, VOYAGER_CAT_REG_SUBADDR_LO, addr & 0xff);
	if (!ret && wide)
		ret = cat_reg_write(p, VOYAGER_CAT_REG_SUBADDR_HI, addr >> 8);
	if (!ret && wide)
		ret = cat_reg_read(p, VOYAGER_CAT_REG_SUBADDR_HI, &v);
	if (!ret)
		ret = cat_reg_read(p, VOYAGER_CAT_REG_SUBADDR_LO, &v);
	return ret;
}

/* ---- transactions ---- */

struct cat_op {
	bool write;
	bool subaddr;
	u8 reg;
	u16 addr;
	u8 *buf;
	unsigned int len;
	const char *failed;	/* which step went wrong, for the message */
};

static int cat_do_op(const struct cat_path *p, struct cat_op *op)
{
	unsigned int i;
	int ret;

	if (!op->subaddr) {
		op->failed = op->write ? "register write" : "register read";
		if (op->write)
			return cat_reg_write(p, op->reg, op->buf[0]);
		/* reads of registers reg..reg + len - 1, one selection */
		for (i = 0; i < op->len; i++) {
			ret = cat_reg_read(p, op->reg + i, &op->buf[i]);
			if (ret)
				return ret;
		}
		return 0;
	}
	op->failed = "subaddress set-up";
	ret = cat_subaddr_setup(p, op->addr, op->len);
	if (ret)
		return ret;
	op->failed = op->write ? "subaddress write" : "subaddress read";
	ret = cat_load(p, voyager_cat_inst(VOYAGER_CAT_REG_SUBDATA, op->write));
	for (i = 0; !ret && i < op->len; i++) {
		if (op->write)
			ret = cat_store(p, true, op->buf[i]);
		else
			ret = cat_capture(p, true, &op->buf[i]);
	}
	return ret;
}

/*
 * Connect (connect = true) or disconnect the module's scan path through
 * its CAT ASIC (reference 3.10); the submodule select picks which
 * submodule's ASICs join the chain.
 *
 * Whether a disconnect written through the connected chain takes is not
 * known (fidelity audit D10: the historic driver never disconnected a
 * connected module), so it is checked: the CAT ASIC must answer alone.
 * If instead it answers through the chain with the connect bit still set,
 * the module stays connected: -EISCONN.
 */
static int cat_connect(const struct voyager_cat_chain *chain, bool connect)
{
	struct cat_path p = {
		.chain = connect ? &cat_alone : chain,
		.loc = 0,
		.connected = !connect,
	};
	u8 check = chain->sub ? VOYAGER_CAT_REG_SUBMODULE :
				VOYAGER_CAT_REG_SCANPATH;
	u8 v;
	int ret;

	if (connect && chain->sub) {
		ret = cat_reg_read(&p, VOYAGER_CAT_REG_SUBMODULE, &v);
		if (!ret)
			ret = cat_reg_write(&p, VOYAGER_CAT_REG_SUBMODULE,
					    (v & CAT_SUBMODULE_KEEP) | chain->sub);
		if (ret)
			return ret;
	}
	ret = cat_reg_read(&p, VOYAGER_CAT_REG_SCANPATH, &v);
	if (ret)
		return ret;
	v &= ~VOYAGER_CAT_SCANPATH_CONNECT;
	if (connect)
		v |= VOYAGER_CAT_SCANPATH_CONNECT;
	ret = cat_reg_write(&p, VOYAGER_CAT_REG_SCANPATH, v);
	cat_cmd(CAT_END);
	cat_cmd(CAT_RUN);
	if (ret || connect)
		return ret;
	p.chain = &cat_alone;
	p.connected = false;
	ret = cat_reg_read(&p, check, &v);
	if (ret == -EIO) {
		/* not alone: still connected? */
		p.chain = chain;
		p.connected = true;
		if (!cat_reg_read(&p, VOYAGER_CAT_REG_SCANPATH, &v) &&
		    (v & VOYAGER_CAT_SCANPATH_CONNECT))
			return -EISCONN;
		return ret;
	}
	if (ret || !chain->sub)
		return ret;
	/* back to the card's own EPROM, as after reset */
	return cat_reg_write(&p, VOYAGER_CAT_REG_SUBMODULE,
			     v & CAT_SUBMODULE_KEEP);
}

static const struct voyager_cat_module *cat_find(u8 module)
{
	unsigned int i;

	for (i = 0; i < cat_nr_modules; i++)
		if (cat_modules[i].id == module)
			return &cat_modules[i];
	return NULL;
}

/*
 * Modules whose scan path stayed connected when disconnected (bit = id -
 * 10h; see cat_connect()).  From then on they are reached through their
 * chain, the CAT ASIC at location 0, as the historic driver reached a quad
 * card it had connected once.  Under cat_lock.
 */
static u16 cat_stuck;

static bool cat_is_stuck(u8 module)
{
	return module >= VOYAGER_CAT_FIRST_MODULE &&
	       module <= VOYAGER_CAT_LAST_MODULE &&
	       (cat_stuck & BIT(module - VOYAGER_CAT_FIRST_MODULE));
}

/*
 * One attempt: select, frame, (connect,) operate, (disconnect,) end.  The
 * caller checked that @mod has @asic unless it is the CAT ASIC; a module
 * that stays connected is operated on through its chain, its CAT ASIC
 * too.
 */
static int cat_attempt(u8 module, const struct voyager_cat_module *mod,
		       u8 asic, struct cat_op *op)
{
	const struct voyager_cat_chain *chain = &cat_alone;
	struct cat_path p = { .chain = &cat_alone, .loc = 0 };
	bool stuck = cat_is_stuck(module);
	int loc = 0, ret, ret2;

	if (asic != VOYAGER_CAT_ASIC || stuck) {
		if (!mod || !mod->has_eprom)
			return -ENODEV;
		chain = &mod->chain;
		loc = voyager_cat_chain_find(chain, asic);
		if (loc < 0)
			return -ENODEV;
	}
	cat_select(module);
	cat_cmd(CAT_RUN);
	if (stuck) {
		p.chain = chain;
		p.loc = loc;
		p.connected = true;
	} else if (loc) {
		op->failed = "scan path connect";
		ret = cat_connect(chain, true);
		if (ret)
			goto out;
		p.chain = chain;
		p.loc = loc;
		p.connected = true;
	}
	ret = cat_do_op(&p, op);
out:
	/*
	 * Disconnect also after a failure: a connect that half happened
	 * would otherwise leave a chain no later transaction expects.
	 * Harmless if the module is not connected: the first check fails.
	 */
	if (loc && !stuck) {
		ret2 = cat_connect(chain, false);
		if (ret2 == -EISCONN) {
			cat_stuck |= BIT(module - VOYAGER_CAT_FIRST_MODULE);
			pr_info("module %02x (%s): scan path stays connected; reached through it from now on\n",
				module, voyager_cat_module_name(module));
			ret2 = 0;
		}
		if (!ret && ret2) {
			op->failed = "scan path disconnect";
			ret = ret2;
		}
	}
	cat_cmd(CAT_END);
	cat_deselect();
	return ret;
}

static int cat_transaction(u8 module, u8 asic, struct cat_op *op)
{
	const struct voyager_cat_module *mod;
	unsigned long flags;
	int tries, ret;

	if (!cat_cmd_port)
		return -ENODEV;
	mod = cat_find(module);
	if (asic != VOYAGER_CAT_ASIC &&
	    (!mod || !mod->has_eprom ||
	     voyager_cat_chain_find(&mod->chain, asic) < 0))
		return -ENODEV;
	if (op->write && asic == VOYAGER_CAT_ASIC)
		udelay(CAT_WRITE_DELAY_US);

	for (tries = 0; tries < CAT_TRIES; tries++) {
		raw_spin_lock_irqsave(&cat_lock, flags);
		ret = cat_attempt(module, mod, asic, op);
		raw_spin_unlock_irqrestore(&cat_lock, flags);
		if (!ret)
			return 0;
		/* a bad chain description will not improve with retries */
		if (ret != -EIO)
			break;
	}
	pr_err_ratelimited("module %02x (%s) ASIC %u: %s failed after %d tries: %s\n",
			   module, voyager_cat_module_name(module), asic,
			   op->failed, tries, ret == -EIO ?
			   "no answer or a wrong check byte" :
			   "bad scan-path description");
	return ret;
}

/**
 * voyager_cat_read_regs() - read consecutive direct registers of an ASIC
 * @module: CAT module id
 * @asic: ASIC on the module's scan path
 * @first: first register
 * @buf: where the values go
 * @count: how many registers
 *
 * All @count reads happen within one selection of the module (a retry
 * selects it again and reads them all again).  The PSI counts the reads
 * of its 16 registers after an event before it drops CMN_INT; the old
 * port read them in one selection (fidelity audit D11), so a PSI that
 * counts per selection must see them that way.
 *
 * Return: 0, -EINVAL for a range beyond the 16 registers, -ENODEV for a
 * module or ASIC the probe did not find, -EIO if the module did not answer.
 */
int voyager_cat_read_regs(u8 module, u8 asic, u8 first, u8 *buf,
			  unsigned int count)
{
	struct cat_op op = { .reg = first, .buf = buf, .len = count };

	if (!count || first + count > VOYAGER_CAT_REGS)
		return -EINVAL;
	return cat_transaction(module, asic, &op);
}

int voyager_cat_read(u8 module, u8 asic, u8 reg, u8 *val)
{
	return voyager_cat_read_regs(module, asic, reg, val, 1);
}

int voyager_cat_write(u8 module, u8 asic, u8 reg, u8 val)
{
	struct cat_op op = { .write = true, .reg = reg, .buf = &val, .len = 1 };

	if (reg >= VOYAGER_CAT_REGS)
		return -EINVAL;
	return cat_transaction(module, asic, &op);
}

int voyager_cat_subaddr_read(u8 module, u8 asic, u16 addr, u8 *buf,
			     unsigned int len)
{
	struct cat_op op = {
		.subaddr = true, .addr = addr, .buf = buf, .len = len,
	};

	if (!len || addr + len > 0x10000)
		return -EINVAL;
	return cat_transaction(module, asic, &op);
}

int voyager_cat_subaddr_write(u8 module, u8 asic, u16 addr,
			      const u8 *buf, unsigned int len)
{
	struct cat_op op = {
		.write = true, .subaddr = true, .addr = addr,
		.buf = (u8 *)buf, .len = len,
	};

	if (!len || addr + len > 0x10000)
		return -EINVAL;
	return cat_transaction(module, asic, &op);
}

bool voyager_cat_probed(void)
{
	return cat_probed;
}

/**
 * voyager_cat_dino_tom() - the Level 4 top of memory from the DINO ASIC
 * @low: its register 4
 * @high: its register 5
 *
 * Return: 0, or -ENODEV if the DINO does not answer at the SSPB.
 */
int __init voyager_cat_dino_tom(u8 *low, u8 *high)
{
	u16 base = voyager_sspb_base();
	u8 id;

	outb(DINO_ID, CAT_SELECT_PORT);
	id = inb(base);
	*low = inb(base + DINO_TOM_LOW);
	*high = inb(base + DINO_TOM_HIGH);
	outb(CAT_DESELECT, CAT_SELECT_PORT);
	if (id != DINO_ID) {
		pr_err("DINO ASIC does not answer at %#x (id %#x)\n", base, id);
		return -ENODEV;
	}
	return 0;
}

/* Did @module answer the probe? */
bool voyager_cat_present(u8 module)
{
	return cat_probed && cat_find(module);
}

const struct voyager_quad_card *voyager_cat_quad_card(unsigned int slot)
{
	if (slot >= ARRAY_SIZE(cat_quads) || !(cat_quad_present & BIT(slot)))
		return NULL;
	return &cat_quads[slot];
}

u32 voyager_cat_extended_cpus(void)
{
	return cat_extended;
}

unsigned int voyager_cat_module_count(void)
{
	return cat_nr_modules;
}

const struct voyager_cat_module *voyager_cat_module(unsigned int index)
{
	return index < cat_nr_modules ? &cat_modules[index] : NULL;
}

/* ---- the Level 5 probe (reference 3.12) ---- */

/*
 * A stopwatch for the probe, valid before any clock runs and on CPUs
 * without a TSC: PIT channel 2 counting down at 1.193182 MHz in mode 2,
 * sampled at least once per EPROM read, far more often than it wraps
 * (55 ms).  Nothing else uses channel 2 this early; the TSC calibration
 * reprograms it later.
 */
#define PIT_CH2			0x42
#define PIT_MODE		0x43
#define PIT_GATE_PORT		0x61
#define PIT_HZ			1193182

static u16 pit_last __initdata;
static u32 pit_ticks __initdata;
static u8 pit_gate __initdata;

static u16 __init pit_sample(void)
{
	u8 lo, hi;

	outb(0x80, PIT_MODE);	/* latch channel 2 */
	lo = inb(PIT_CH2);
	hi = inb(PIT_CH2);
	return lo | (hi << 8);
}

static void __init pit_tick(void)
{
	u16 now = pit_sample();

	pit_ticks += (u16)(pit_last - now);
	pit_last = now;
}

static void __init pit_start(void)
{
	pit_gate = inb(PIT_GATE_PORT);
	outb((pit_gate & ~0x02) | 0x01, PIT_GATE_PORT);	/* gate on, no sound */
	outb(0xb4, PIT_MODE);	/* channel 2, lo/hi, mode 2, binary */
	outb(0, PIT_CH2);
	outb(0, PIT_CH2);
	pit_ticks = 0;
	pit_last = pit_sample();
}

static u32 __init pit_stop_us(void)
{
	pit_tick();
	outb(pit_gate, PIT_GATE_PORT);
	return div_u64((u64)pit_ticks * 1000000, PIT_HZ);
}

/* Presence (reference 3.7): the header must come back through the chain. */
static int __init cat_present(u8 id)
{
	static const u8 in[2] __initconst = {
		VOYAGER_CAT_HEADER, VOYAGER_CAT_STIMULUS
	};
	unsigned long flags;
	u8 out[2];

	raw_spin_lock_irqsave(&cat_lock, flags);
	cat_select(id);
	cat_cmd(CAT_RUN);
	cat_cmd(CAT_IRCYC);
	cat_shift(in, out, 2);
	cat_cmd(CAT_END);
	cat_deselect();
	raw_spin_unlock_irqrestore(&cat_lock, flags);
	if (out[1] == VOYAGER_CAT_HEADER)
		return 0;
	if (out[1] == 0xff)
		return -ENODEV;
	pr_warn("module %02x (%s): answers %02x instead of %02x to the presence probe, skipped\n",
		id, voyager_cat_module_name(id), out[1], VOYAGER_CAT_HEADER);
	/* it answered, with garbage: cat_check_expected() must not say otherwise */
	cat_skipped |= BIT(id - VOYAGER_CAT_FIRST_MODULE);
	return -EIO;
}

/* One piece of the EPROM the CAT ASIC of module *@ctx currently shows. */
static int __init cat_eprom_fetch(void *ctx, unsigned int off, u8 *buf,
				  unsigned int n)
{
	int ret = voyager_cat_subaddr_read(*(u8 *)ctx, VOYAGER_CAT_ASIC, off,
					   buf, n);

	pit_tick();
	return ret;
}

/*
 * Read and parse the EPROM the CAT ASIC currently shows: its length word,
 * then the header and each table where the header says it lies.  On a
 * parse error *@why says what is wrong with it.
 */
static int __init cat_read_eprom(u8 id, struct voyager_cat_eprom *ep,
				 const char **why)
{
	u8 word[2];
	int ret;

	*why = NULL;
	ret = voyager_cat_subaddr_read(id, VOYAGER_CAT_ASIC,
				       VOYAGER_CAT_EPROM_LENGTH, word, 2);
	if (ret)
		return ret;
	ret = voyager_cat_parse_eprom_by(cat_eprom_fetch, &id,
					 get_unaligned_le16(word), ep, why);
	if (ret == -EIO)
		*why = NULL;	/* the bus failed, not the EPROM */
	return ret;
}

/* Submodule select of a module's CAT ASIC, keeping the other bits. */
static int __init cat_select_submodule(u8 id, u8 sub)
{
	u8 v;
	int ret;

	ret = voyager_cat_read(id, VOYAGER_CAT_ASIC,
			       VOYAGER_CAT_REG_SUBMODULE, &v);
	return ret ?: voyager_cat_write(id, VOYAGER_CAT_ASIC,
					VOYAGER_CAT_REG_SUBMODULE,
					(v & CAT_SUBMODULE_KEEP) | sub);
}

/*
 * A processor card: dyadic, or a quad card with its baseboard (3.12).
 * If the baseboard's EPROM is bad, *@why says why.
 */
static int __init cat_probe_processor(struct voyager_cat_module *mod,
				      u8 *qabc, const char **why)
{
	struct voyager_cat_eprom ep;
	u8 v;
	int ret;

	ret = voyager_cat_read(mod->id, VOYAGER_CAT_ASIC,
			       VOYAGER_CAT_REG_SUBMOD_PRESENT, &v);
	if (ret)
		return ret;
	if (!(~v & 3)) {
		/* Its CPUs once the slot count is known: cat_decode_quads(). */
		mod->card = VOYAGER_CAT_DYAD;
		return 0;
	}
	mod->card = VOYAGER_CAT_QUAD;
	ret = cat_select_submodule(mod->id, 1);
	if (!ret)
		ret = cat_read_eprom(mod->id, &ep, why);
	/* the card's own EPROM again, whatever happened */
	if (cat_select_submodule(mod->id, 0) && !ret)
		ret = -EIO;
	if (ret)
		return ret;
	mod->chain = ep.chain;
	mod->chain.sub = 1;
	ret = voyager_cat_subaddr_read(mod->id, VOYAGER_QABC_ASIC, 0, qabc,
				       VOYAGER_QABC_BYTES);
	if (ret == -ENODEV)
		pr_err("module %02x (%s): quad baseboard has no QABC ASIC\n",
		       mod->id, voyager_cat_module_name(mod->id));
	return ret;
}

static void __init cat_probe_module(u8 id, u8 qabc[][VOYAGER_QABC_BYTES])
{
	struct voyager_cat_module *mod = &cat_modules[cat_nr_modules];
	struct voyager_cat_eprom ep;
	const char *why = NULL;
	int ret;

	memset(mod, 0, sizeof(*mod));
	mod->id = id;
	mod->chain = cat_alone;
	/* visible to the API from here on; dropped again on failure */
	cat_nr_modules++;
	if (id == VOYAGER_CAT_PSI)
		return;		/* no EPROM: only its CAT ASIC is used */

	ret = cat_read_eprom(id, &ep, &why);
	if (ret)
		goto fail;
	mod->has_eprom = true;
	mod->eprom_version = ep.version;
	mod->config_id = ep.config_id;
	mod->tracer = ep.tracer;
	mod->chain = ep.chain;
	if (voyager_cat_is_processor_slot(id)) {
		ret = cat_probe_processor(mod, qabc[cat_slot_of(id)], &why);
		if (ret)
			goto fail;
	}
	return;
fail:
	if (why)
		pr_err("module %02x (%s): bad EPROM: %s; skipped\n",
		       id, voyager_cat_module_name(id), why);
	else
		pr_err("module %02x (%s): probe failed (%d), skipped\n",
		       id, voyager_cat_module_name(id), ret);
	cat_nr_modules--;
	/* it answered: cat_check_expected() must not say otherwise */
	cat_skipped |= BIT(id - VOYAGER_CAT_FIRST_MODULE);
}

/* The processor cards' CPUs, once the slot count is known. */
static void __init cat_decode_quads(u8 qabc[][VOYAGER_QABC_BYTES])
{
	unsigned int i;

	for (i = 0; i < cat_nr_modules; i++) {
		struct voyager_cat_module *mod = &cat_modules[i];
		u8 slot = cat_slot_of(mod->id);
		struct voyager_quad_card *q = &cat_quads[slot];
		const char *why;

		if (mod->card == VOYAGER_CAT_DYAD ||
		    mod->card == VOYAGER_CAT_MONO) {
			mod->cpus = voyager_cat_dyad_cpus(slot, cat_slots,
							  cat_present_cpus,
							  &mod->card);
			/*
			 * 4-slot: both dyad CPUs are on the VIC, fitted or
			 * not (5.2); 8-slot: one VIC line per slot, and
			 * slot + 4 is another card's CPU.
			 */
			cat_extended |= BIT(slot);
			if (cat_slots == 4)
				cat_extended |= BIT(slot + 4);
			continue;
		}
		if (mod->card != VOYAGER_CAT_QUAD)
			continue;
		if (voyager_cat_decode_qabc(qabc[slot], slot, cat_slots, q,
					    &why)) {
			pr_err("module %02x (%s): bad QABC data: %s\n",
			       mod->id, voyager_cat_module_name(mod->id), why);
			continue;
		}
		mod->cpus = q->cpus;
		cat_quad_present |= BIT(slot);
		cat_extended |= q->vic_boot | q->second_line;
	}
}

static void __init cat_print_inventory(u32 us)
{
	unsigned int i;

	for (i = 0; i < cat_nr_modules; i++) {
		const struct voyager_cat_module *mod = &cat_modules[i];

		if (!mod->has_eprom) {
			pr_info("module %02x %-24s no EPROM, 1 ASIC\n",
				mod->id, voyager_cat_module_name(mod->id));
			continue;
		}
		pr_info("module %02x %-24s EPROM v%u tracer %08x, %u ASIC%s%s%s\n",
			mod->id, voyager_cat_module_name(mod->id),
			mod->eprom_version, mod->tracer, mod->chain.n,
			mod->chain.n == 1 ? "" : "s",
			mod->card ? ", " : "",
			mod->card ? voyager_cat_card_name(mod->card) : "");
	}
	for (i = 0; i < ARRAY_SIZE(cat_quads); i++) {
		const struct voyager_quad_card *q = voyager_cat_quad_card(i);

		if (q)
			pr_info("quad card slot %u: CPUs %08x, SET line 1 %08x line 2 %08x, CPI area %08x\n",
				q->slot, q->cpus, q->vic_boot,
				q->second_line, q->cpi_base);
	}
	pr_info("%u modules, %u-slot machine, extended CPUs %08x, probe took %u us\n",
		cat_nr_modules, cat_slots, cat_extended, us);
}

/*
 * Modules a Level 5 machine must have: memory card 0, the primary MCA
 * bridge, the PSI, and the processor card of every present CPU.  One
 * that does not answer is named, then the boot goes on without it.
 */
static void __init cat_check_expected(u32 present_cpus)
{
	u32 expected = BIT(0x14 - 0x10) | BIT(0x18 - 0x10) |
		       BIT(VOYAGER_CAT_PSI - 0x10);
	unsigned int cpu, i;

	for (cpu = 0; cpu < VOYAGER_MAX_CPUS; cpu++)
		if (present_cpus & BIT(cpu))
			expected |= BIT(cat_module_of_slot(cpu % cat_slots) -
					0x10);
	for (i = 0; i < cat_nr_modules; i++)
		expected &= ~BIT(cat_modules[i].id - 0x10);
	expected &= ~cat_skipped;	/* named when skipped */
	for (i = 0; i < 16; i++)
		if (expected & BIT(i))
			pr_err("module %02x (%s) does not answer on the CAT bus; booting without it\n",
			       0x10 + i, voyager_cat_module_name(0x10 + i));
}

int __init voyager_cat_probe(void)
{
	static u8 qabc[8][VOYAGER_QABC_BYTES] __initdata;
	u16 sspb = voyager_sspb_base();
	u32 present = voyager_sus_present_cpus();
	unsigned int i;
	u32 known = 0;
	u8 whoami;
	u32 us;

	if (voyager_id.level != 5)
		return -ENODEV;
	if (!sspb || sspb == 0xff00) {
		pr_err("SSPB base %04x is not plausible; no CAT bus\n", sspb);
		return -ENODEV;
	}
	cat_data_port = sspb + CAT_DATA_OFFSET;
	cat_cmd_port = sspb + CAT_CMD_OFFSET;
	cat_present_cpus = present;

	/* 8-slot 51xx (reference 1.4): a quad boot CPU reading E0h | id */
	whoami = voyager_vic_whoami();
	if ((whoami & 0xe0) == 0xe0 || (present & 0xffff0000))
		cat_slots = 8;

	pit_start();
	for (i = VOYAGER_CAT_FIRST_MODULE; i <= VOYAGER_CAT_LAST_MODULE; i++) {
		if (cat_present(i))
			continue;
		if (cat_nr_modules == CAT_MAX_MODULES)
			break;
		cat_probe_module(i, qabc);
		pit_tick();
	}
	us = pit_stop_us();

	/* 8-slot processor modules only exist on 8-slot machines */
	for (i = 0; i < cat_nr_modules; i++)
		if (cat_modules[i].id >= 0x1c && cat_slots != 8) {
			pr_warn("module %02x found: an 8-slot machine\n",
				cat_modules[i].id);
			cat_slots = 8;
		}
	cat_decode_quads(qabc);
	cat_probed = true;
	cat_print_inventory(us);
	cat_check_expected(present);
	for (i = 0; i < cat_nr_modules; i++)
		known |= cat_modules[i].cpus;
	if (present & ~known)
		pr_warn("present CPUs %08x are not all on a card that answered (%08x)\n",
			present, known);
	return 0;
}
