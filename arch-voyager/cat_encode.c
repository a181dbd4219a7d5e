// SPDX-License-Identifier: GPL-2.0
/*
 * NCR Voyager CAT bus: the pure encoding and decoding rules.
 *
 * Everything here is arithmetic on bytes - instruction bytes, the bit
 * streams shifted through a scan path, EPROM tables and the QABC "SET"
 * bytes - with no port I/O, so that KUnit can check it against the
 * reference on any machine.  cat.c does the I/O.
 *
 * Shift model (reference 3.6): ASIC location 0 (the CAT ASIC) is nearest
 * the data input; bytes go in least-significant bit first; the first bit
 * shifted in travels furthest, so the last bits of a stream end up in
 * location 0.  Inside a register the LSB is nearest the output.
 */
#include <linux/bitops.h>
#include <linux/errno.h>
#include <linux/math.h>
#include <linux/string.h>
#include <linux/unaligned.h>

#include "cat.h"

/*
 * The instruction byte (reference 3.5): (P << 7) | (reg << 2) | op, op 01
 * read and 10 write, P making the parity of the whole byte even.
 */
u8 voyager_cat_inst(u8 reg, bool write)
{
	u8 inst = ((reg & 0x0f) << 2) | (write ? 0x02 : 0x01);

	if (hweight8(inst) & 1)
		inst |= 0x80;
	return inst;
}

/* Location of an ASIC in a scan path. */
int voyager_cat_chain_find(const struct voyager_cat_chain *chain, u8 asic)
{
	unsigned int loc;

	for (loc = 0; loc < chain->n && loc < VOYAGER_CAT_MAX_ASICS; loc++)
		if (chain->asic_ids[loc] == asic)
			return loc;
	return -ENODEV;
}

/* Append count bits of val (LSB first) to a stream at *pos. */
static void stream_put(u8 *buf, unsigned int *pos, u32 val,
		       unsigned int count)
{
	unsigned int i;

	for (i = 0; i < count; i++, (*pos)++) {
		if (val & BIT(i))
			buf[*pos / 8] |= BIT(*pos % 8);
		else
			buf[*pos / 8] &= ~BIT(*pos % 8);
	}
}

/* count (at most 32) bits of a stream starting at bit, LSB first. */
u32 voyager_cat_stream_bits(const u8 *buf, unsigned int bit,
			    unsigned int count)
{
	u32 val = 0;
	unsigned int i;

	for (i = 0; i < count && i < 32; i++, bit++)
		if (buf[bit / 8] & BIT(bit % 8))
			val |= BIT(i);
	return val;
}

static unsigned int ir_bits(const struct voyager_cat_chain *chain)
{
	unsigned int loc, bits = 0;

	for (loc = 0; loc < chain->n; loc++)
		bits += chain->ir_len[loc];
	return bits;
}

static bool chain_ok(const struct voyager_cat_chain *chain, unsigned int loc)
{
	unsigned int i;

	if (!chain->n || chain->n > VOYAGER_CAT_MAX_ASICS || loc >= chain->n)
		return false;
	for (i = 0; i < chain->n; i++)
		if (!chain->ir_len[i] ||
		    chain->ir_len[i] > VOYAGER_CAT_MAX_IR_BITS)
			return false;
	return chain->ir_len[loc] >= 8;
}

/*
 * The IR cycle loading inst into location loc and BYPASS (all ones) into
 * every other ASIC.  Stream: padding ones, the header 7Fh, then the IR of
 * location n-1 down to 0; the padding makes it whole bytes.  The chain
 * holds exactly the IR bits, so the header is what the last byte written
 * pushes out: the caller checks that the last read returns 7Fh.  With
 * 8-bit IRs this is the reference's 7Fh, IR(n-1) ... IR(0) (3.7, 3.8).
 * Returns the number of bytes.
 */
int voyager_cat_ir_stream(const struct voyager_cat_chain *chain,
			  unsigned int loc, u8 inst, u8 *buf)
{
	unsigned int total, pos = 0;
	int i;

	if (!chain_ok(chain, loc))
		return -EINVAL;
	total = round_up(8 + ir_bits(chain), 8);
	if (total / 8 > VOYAGER_CAT_STREAM_BYTES)
		return -EINVAL;
	stream_put(buf, &pos, ~0u, total - 8 - ir_bits(chain));
	stream_put(buf, &pos, VOYAGER_CAT_HEADER, 8);
	for (i = chain->n - 1; i >= 0; i--) {
		u32 ir = ~0u;

		/* a longer IR: the instruction in its low byte, ones above */
		if (i == loc)
			ir = ~0xffu | inst;
		stream_put(buf, &pos, ir, chain->ir_len[i]);
	}
	return total / 8;
}

/*
 * The DR cycle: every ASIC but the target is one bypass bit, the target
 * contributes its 8-bit data register.  Returns the chain length in bits;
 * *value_bit is where the value starts in the bits shifted out (after the
 * bypass bits of the locations beyond the target).
 */
unsigned int voyager_cat_dr_bits(const struct voyager_cat_chain *chain,
				 unsigned int loc, unsigned int *value_bit)
{
	*value_bit = chain->n - 1 - loc;
	return chain->n - 1 + 8;
}

/*
 * The DR cycle writing val into location loc: padding ones, the trailer,
 * then the chain's new contents (bypass cells of locations n-1 ... loc+1
 * as ones, val LSB first, bypass cells of loc-1 ... 0).  The old contents
 * and the padding come out first, the trailer last: the caller checks
 * that the last read returns it.  For the quad baseboard (n = 4, QABC at
 * 3) this gives the reference's 3Fh, (v & 7) << 5, E0h | v >> 3 (3.8);
 * disconnected, trailer then value (3.7).  Returns the number of bytes.
 */
int voyager_cat_dr_write_stream(const struct voyager_cat_chain *chain,
				unsigned int loc, u8 val, u8 trailer, u8 *buf)
{
	unsigned int value_bit, bits, total, pos = 0;
	int i;

	if (!chain_ok(chain, loc))
		return -EINVAL;
	bits = voyager_cat_dr_bits(chain, loc, &value_bit);
	total = round_up(8 + bits, 8);
	stream_put(buf, &pos, ~0u, total - 8 - bits);
	stream_put(buf, &pos, trailer, 8);
	for (i = chain->n - 1; i >= 0; i--) {
		if (i == loc)
			stream_put(buf, &pos, val, 8);
		else
			stream_put(buf, &pos, 1, 1);
	}
	return total / 8;
}

/*
 * Parse a module's EPROM (reference 3.11) through @read, which fetches
 * bytes at an offset: the header's version, config id, tracer and ASIC
 * count, then per ASIC its scan-path entry, the JTAG-table offset in its
 * data table and the IR length in its JTAG table.  @len is the end of the
 * checksummed area (the word at 2Ah); every table must lie below it.
 * Only these bytes are fetched, so the tables may lie anywhere below
 * 64 KiB, as they could for the historic driver, which read the first
 * @len bytes whole (fidelity audit D9).
 */
int voyager_cat_parse_eprom_by(voyager_cat_eprom_read_t read, void *ctx,
			       unsigned int len, struct voyager_cat_eprom *out,
			       const char **why)
{
	u8 hdr[VOYAGER_CAT_EPROM_HEADER], entry[4], word[2], ir;
	unsigned int n, scan, loc;

	memset(out, 0, sizeof(*out));
	*why = "EPROM read failed";
	if (len < VOYAGER_CAT_EPROM_HEADER) {
		*why = "EPROM shorter than its header";
		return -EINVAL;
	}
	if (read(ctx, 0, hdr, sizeof(hdr)))
		return -EIO;
	out->version = hdr[0x04];
	out->config_id = hdr[0x05];
	out->tracer = get_unaligned_le32(hdr + 0x16);
	n = get_unaligned_le16(hdr + 0x1e);
	scan = get_unaligned_le16(hdr + 0x24);
	if (!n || n > VOYAGER_CAT_MAX_ASICS) {
		*why = "ASIC count out of range (1-7)";
		return -EINVAL;
	}
	if (scan + 6 * n > len) {
		*why = "scan-path table beyond the EPROM data";
		return -EINVAL;
	}
	out->chain.n = n;
	for (loc = 0; loc < n; loc++) {
		unsigned int data, jtag;

		if (read(ctx, scan + 6 * loc, entry, sizeof(entry)))
			return -EIO;
		data = get_unaligned_le16(entry + 2);
		if (data + 20 > len) {
			*why = "ASIC data table beyond the EPROM data";
			return -EINVAL;
		}
		if (read(ctx, data + 0x12, word, sizeof(word)))
			return -EIO;
		jtag = get_unaligned_le16(word);
		if (jtag + 17 > len) {
			*why = "JTAG table beyond the EPROM data";
			return -EINVAL;
		}
		if (read(ctx, jtag + 0x10, &ir, 1))
			return -EIO;
		if (!ir || ir > VOYAGER_CAT_MAX_IR_BITS) {
			*why = "IR length out of range (1-32)";
			return -EINVAL;
		}
		out->chain.asic_ids[loc] = entry[0];
		out->chain.ir_len[loc] = ir;
	}
	if (out->chain.asic_ids[0] != VOYAGER_CAT_ASIC ||
	    out->chain.ir_len[0] < 8) {
		*why = "first scan-path entry is not an 8-bit CAT ASIC";
		return -EINVAL;
	}
	return 0;
}

static int eprom_image_read(void *img, unsigned int off, u8 *buf,
			    unsigned int n)
{
	memcpy(buf, (const u8 *)img + off, n);
	return 0;
}

/* The same for an image in memory, of which the first @len bytes count. */
int voyager_cat_parse_eprom(const u8 *img, unsigned int len,
			    struct voyager_cat_eprom *out, const char **why)
{
	return voyager_cat_parse_eprom_by(eprom_image_read, (void *)img, len,
					  out, why);
}

/*
 * Decode QABC bytes 5-8 of the quad card in slot (reference 5.2): the
 * CPI area base and the SET register.  Quad-local CPU j is hardware CPU
 * slot + slots * j; SET bit j puts it on the first VIC line, bit j + 4 on
 * the second.
 */
int voyager_cat_decode_qabc(const u8 *qabc, u8 slot, unsigned int slots,
			    struct voyager_quad_card *card, const char **why)
{
	u8 set = qabc[8];
	unsigned int j;

	memset(card, 0, sizeof(*card));
	if ((slots != 4 && slots != 8) || slot >= slots) {
		*why = "slot outside the machine's slots";
		return -EINVAL;
	}
	card->slot = slot;
	card->cpi_base = (qabc[5] << 24) | (qabc[6] << 16) | (qabc[7] << 8);
	for (j = 0; j < 4; j++) {
		u32 cpu = BIT(slot + slots * j);

		card->cpus |= cpu;
		if (set & BIT(j))
			card->vic_boot |= cpu;
		if (set & BIT(j + 4))
			card->second_line |= cpu;
	}
	if (!card->cpi_base) {
		*why = "CPI area at address 0";
		return -EINVAL;
	}
	if (card->vic_boot & card->second_line) {
		*why = "SET puts a CPU on both VIC lines";
		return -EINVAL;
	}
	return 0;
}

/**
 * voyager_cat_dyad_cpus() - the CPUs of a dyadic processor card
 * @slot: the card's slot index
 * @slots: 4 or 8 processor slots
 * @present: the firmware's present-CPU mask (extended CMOS 88Ah)
 * @card: set to VOYAGER_CAT_MONO or VOYAGER_CAT_DYAD
 *
 * A card without a quad baseboard is dyadic (reference 3.12; the old port
 * read nothing else): its CPUs are slot and slot + 4 on a 4-slot machine,
 * slot and slot + 8 on an 8-slot one.  It is a mono card if the firmware
 * found only the first; the EPROM's config id is not used.
 *
 * Return: the hardware CPUs of the card that are present.
 */
u32 voyager_cat_dyad_cpus(u8 slot, unsigned int slots, u32 present,
			  enum voyager_cat_card *card)
{
	u32 second = BIT(slot + slots);

	*card = present & second ? VOYAGER_CAT_DYAD : VOYAGER_CAT_MONO;
	return BIT(slot) | (present & second);
}
