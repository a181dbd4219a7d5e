// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for the pure CAT bus logic (cat_encode.c): instruction
 * bytes, the bit streams shifted through a scan path, EPROM parsing and
 * the QABC decoding.  Expected values come from the hardware reference
 * (3.5 table, 3.7/3.8 traces, 3.11 layout, 5.2 numbering) or from a small
 * bit-level model of 3.6 written here independently of the encoder.
 */

#include <kunit/test.h>
#include <linux/errno.h>
#include <linux/prandom.h>
#include <linux/sizes.h>
#include <linux/string.h>
#include <linux/unaligned.h>

#include "cat.h"

/* Reference 3.5: the pre-computed read and write instruction bytes. */
static const u8 ref_read[16] = {
	0x81, 0x05, 0x09, 0x8d, 0x11, 0x95, 0x99, 0x1d,
	0x21, 0xa5, 0xa9, 0x2d, 0xb1, 0x35, 0x39, 0xbd,
};

static const u8 ref_write[16] = {
	0x82, 0x06, 0x0a, 0x8e, 0x12, 0x96, 0x9a, 0x1e,
	0x22, 0xa6, 0xaa, 0x2e, 0xb2, 0x36, 0x3a, 0xbe,
};

static void cat_instruction_bytes(struct kunit *test)
{
	unsigned int reg;

	for (reg = 0; reg < 16; reg++) {
		u8 r = voyager_cat_inst(reg, false);
		u8 w = voyager_cat_inst(reg, true);

		KUNIT_EXPECT_EQ_MSG(test, r, ref_read[reg], "read reg %u", reg);
		KUNIT_EXPECT_EQ_MSG(test, w, ref_write[reg], "write reg %u", reg);
		/* even parity, bit 6 clear */
		KUNIT_EXPECT_EQ(test, hweight8(r) & 1, 0);
		KUNIT_EXPECT_EQ(test, r & 0x40, 0);
	}
}

static const struct voyager_cat_chain alone = {
	.n = 1, .asic_ids = { 0 }, .ir_len = { 8 },
};

static const struct voyager_cat_chain quad_base = {
	.n = 4, .sub = 1, .asic_ids = { 0, 1, 2, 3 }, .ir_len = { 8, 8, 8, 8 },
};

/* Reference 3.7 and 3.8 traces: IR cycles. */
static void cat_ir_streams(struct kunit *test)
{
	const u8 disc[] = { 0x7f, 0x09 };
	const u8 quad[] = { 0x7f, 0x09, 0xff, 0xff, 0xff };
	const u8 quad_w6[] = { 0x7f, 0x9a, 0xff, 0xff, 0xff };
	u8 buf[VOYAGER_CAT_STREAM_BYTES];

	KUNIT_ASSERT_EQ(test, voyager_cat_ir_stream(&alone, 0, 0x09, buf), 2);
	KUNIT_EXPECT_MEMEQ(test, buf, disc, sizeof(disc));
	KUNIT_ASSERT_EQ(test, voyager_cat_ir_stream(&quad_base, 3, 0x09, buf), 5);
	KUNIT_EXPECT_MEMEQ(test, buf, quad, sizeof(quad));
	KUNIT_ASSERT_EQ(test, voyager_cat_ir_stream(&quad_base, 3, 0x9a, buf), 5);
	KUNIT_EXPECT_MEMEQ(test, buf, quad_w6, sizeof(quad_w6));
	/* no such location */
	KUNIT_EXPECT_LT(test, voyager_cat_ir_stream(&quad_base, 4, 0x09, buf), 0);
}

/* Reference 3.7 and 3.8: DR writes. */
static void cat_dr_write_streams(struct kunit *test)
{
	const u8 quad0[] = { 0x3f, 0x00, 0xe0 };
	const u8 quad_a5[] = { 0x3f, 0xa0, 0xf4 };	/* (v&7)<<5, E0|v>>3 */
	const u8 disc[] = { 0x7f, 0x2a };
	u8 buf[VOYAGER_CAT_STREAM_BYTES];

	KUNIT_ASSERT_EQ(test, voyager_cat_dr_write_stream(&quad_base, 3, 0x00,
							  0x01, buf), 3);
	KUNIT_EXPECT_MEMEQ(test, buf, quad0, sizeof(quad0));
	KUNIT_ASSERT_EQ(test, voyager_cat_dr_write_stream(&quad_base, 3, 0xa5,
							  0x01, buf), 3);
	KUNIT_EXPECT_MEMEQ(test, buf, quad_a5, sizeof(quad_a5));
	KUNIT_ASSERT_EQ(test, voyager_cat_dr_write_stream(&alone, 0, 0x2a,
							  0x7f, buf), 2);
	KUNIT_EXPECT_MEMEQ(test, buf, disc, sizeof(disc));
}

/* Reference 3.8: a QABC read comes back as value, 08h, 50h. */
static void cat_dr_read_decode(struct kunit *test)
{
	const u8 out[] = { 0x57, 0x08, 0x50 };
	unsigned int value_bit, bits;

	bits = voyager_cat_dr_bits(&quad_base, 3, &value_bit);
	KUNIT_EXPECT_EQ(test, bits, 11);
	KUNIT_EXPECT_EQ(test, value_bit, 0);
	KUNIT_EXPECT_EQ(test, voyager_cat_stream_bits(out, value_bit, 8), 0x57);
	KUNIT_EXPECT_EQ(test, voyager_cat_stream_bits(out, bits, 8), 0x01);
	/* a target in the middle follows the bypass bits beyond it */
	bits = voyager_cat_dr_bits(&quad_base, 1, &value_bit);
	KUNIT_EXPECT_EQ(test, value_bit, 2);
}

/*
 * An independent model of 3.6: cells[0] nearest the data input, each
 * byte shifted LSB first; returns what fell out, first bit in bit 0.
 */
struct model {
	u8 cells[256];
	unsigned int len;
};

static u8 model_shift(struct model *m, u8 in)
{
	unsigned int i, b;
	u8 out = 0;

	for (b = 0; b < 8; b++) {
		out |= m->cells[m->len - 1] << b;
		for (i = m->len - 1; i > 0; i--)
			m->cells[i] = m->cells[i - 1];
		m->cells[0] = (in >> b) & 1;
	}
	return out;
}

/* Register of location loc (LSB nearest the output) from the cells. */
static u32 model_ir(const struct model *m, const struct voyager_cat_chain *c,
		    unsigned int loc)
{
	unsigned int start = 0, i, k;
	u32 v = 0;

	for (i = 0; i < loc; i++)
		start += c->ir_len[i];
	for (k = 0; k < c->ir_len[loc]; k++)
		v |= (u32)m->cells[start + c->ir_len[loc] - 1 - k] << k;
	return v;
}

/* Mixed IR lengths, every target: the IRs load and the header returns. */
static void cat_ir_stream_model(struct kunit *test)
{
	const struct voyager_cat_chain mixed = {
		.n = 5, .asic_ids = { 0, 1, 2, 3, 4 },
		.ir_len = { 8, 4, 16, 3, 8 },
	};
	u8 buf[VOYAGER_CAT_STREAM_BYTES], out = 0;
	struct model m = { .len = 8 + 4 + 16 + 3 + 8 };
	unsigned int loc, i;
	int bytes;

	for (loc = 0; loc < mixed.n; loc++) {
		if (mixed.ir_len[loc] < 8)
			continue;
		bytes = voyager_cat_ir_stream(&mixed, loc, 0x8d, buf);
		KUNIT_ASSERT_GT(test, bytes, 0);
		for (i = 0; i < bytes; i++)
			out = model_shift(&m, buf[i]);
		KUNIT_EXPECT_EQ(test, out, 0x7f);
		for (i = 0; i < mixed.n; i++) {
			u32 all = BIT(mixed.ir_len[i]) - 1;
			u32 want = i == loc ? (all & ~0xffu) | 0x8d : all;

			KUNIT_EXPECT_EQ_MSG(test, model_ir(&m, &mixed, i), want,
					    "target %u, location %u", loc, i);
		}
	}
	/* a target with a short IR cannot hold an instruction */
	KUNIT_EXPECT_LT(test, voyager_cat_ir_stream(&mixed, 1, 0x8d, buf), 0);
}

/* A DR write through the model leaves the value in the target's cells. */
static void cat_dr_write_model(struct kunit *test)
{
	u8 buf[VOYAGER_CAT_STREAM_BYTES], out = 0;
	unsigned int loc, i, k;
	int bytes;

	for (loc = 0; loc < quad_base.n; loc++) {
		struct model m = { .len = quad_base.n - 1 + 8 };
		u8 got = 0;

		bytes = voyager_cat_dr_write_stream(&quad_base, loc, 0xc6,
						    0x01, buf);
		KUNIT_ASSERT_GT(test, bytes, 0);
		for (i = 0; i < bytes; i++)
			out = model_shift(&m, buf[i]);
		KUNIT_EXPECT_EQ(test, out, 0x01);
		/* locations below the target are one cell each */
		for (k = 0; k < 8; k++)
			got |= m.cells[loc + 7 - k] << k;
		KUNIT_EXPECT_EQ_MSG(test, got, 0xc6, "target %u", loc);
	}
}

/*
 * Build an EPROM image by the 3.11 layout, the tables from @base on at
 * unusual offsets.
 */
static void build_eprom_at(u8 *img, unsigned int size, unsigned int n,
			   unsigned int base)
{
	unsigned int scan = base, data = base + 0x30, jtag = base + 0xc0, k;

	memset(img, 0, size);
	img[0x04] = 3;				/* version */
	img[0x05] = 4;				/* config id */
	put_unaligned_le32(0x12345678, img + 0x16);	/* tracer */
	put_unaligned_le16(n, img + 0x1e);
	put_unaligned_le16(scan, img + 0x24);
	put_unaligned_le16(jtag + 17 * n, img + 0x2a);
	for (k = 0; k < n; k++) {
		img[scan + 6 * k] = k;		/* CAT, QDATA0, QDATA1, QABC */
		put_unaligned_le16(data + 20 * k, img + scan + 6 * k + 2);
		put_unaligned_le16(jtag + 17 * k, img + data + 20 * k + 0x12);
		img[jtag + 17 * k + 0x10] = k == 2 ? 16 : 8;
	}
}

static void build_eprom(u8 *img, unsigned int size, unsigned int n)
{
	build_eprom_at(img, size, n, 0x60);
}

static void cat_eprom_parse(struct kunit *test)
{
	static u8 img[512];
	struct voyager_cat_eprom ep;
	const char *why = NULL;
	unsigned int len;

	build_eprom(img, sizeof(img), 4);
	len = get_unaligned_le16(img + 0x2a);
	KUNIT_ASSERT_EQ(test, voyager_cat_parse_eprom(img, len, &ep, &why), 0);
	KUNIT_EXPECT_EQ(test, ep.version, 3);
	KUNIT_EXPECT_EQ(test, ep.config_id, 4);
	KUNIT_EXPECT_EQ(test, ep.tracer, 0x12345678);
	KUNIT_EXPECT_EQ(test, ep.chain.n, 4);
	KUNIT_EXPECT_EQ(test, ep.chain.asic_ids[3], VOYAGER_QABC_ASIC);
	KUNIT_EXPECT_EQ(test, ep.chain.ir_len[2], 16);
	KUNIT_EXPECT_EQ(test, voyager_cat_chain_find(&ep.chain, 3), 3);
	KUNIT_EXPECT_LT(test, voyager_cat_chain_find(&ep.chain, 5), 0);

	/* the last JTAG table cut off by the length */
	KUNIT_EXPECT_LT(test, voyager_cat_parse_eprom(img, len - 1, &ep, &why), 0);
	/* no ASICs, too many ASICs */
	put_unaligned_le16(0, img + 0x1e);
	KUNIT_EXPECT_LT(test, voyager_cat_parse_eprom(img, len, &ep, &why), 0);
	put_unaligned_le16(8, img + 0x1e);
	KUNIT_EXPECT_LT(test, voyager_cat_parse_eprom(img, len, &ep, &why), 0);
	/* first entry not the CAT ASIC */
	build_eprom(img, sizeof(img), 4);
	img[0x60] = 1;
	KUNIT_EXPECT_LT(test, voyager_cat_parse_eprom(img, len, &ep, &why), 0);
	KUNIT_EXPECT_NOT_NULL(test, why);
}

/* A reader over an image that counts what it fetched, and can fail. */
struct eprom_reader {
	const u8 *img;
	unsigned int len;	/* bytes that may be fetched */
	unsigned int fetched;	/* bytes fetched */
	unsigned int beyond;	/* fetches reaching @len or beyond */
	int fail_at;		/* fetch number that fails, or -1 */
	int fetches;
};

static int eprom_reader_read(void *ctx, unsigned int off, u8 *buf,
			     unsigned int n)
{
	struct eprom_reader *r = ctx;

	if (r->fetches++ == r->fail_at)
		return -EIO;
	if (off + n > r->len) {
		r->beyond++;
		return -EINVAL;
	}
	memcpy(buf, r->img + off, n);
	r->fetched += n;
	return 0;
}

/*
 * Fidelity audit D9: tables above the first KiB (here from 3000h in a
 * 16 KiB EPROM) are found, by fetching only the header and the bytes of
 * each table the probe uses, never beyond the checksummed area; a fetch
 * that fails makes the parse fail.
 */
static void cat_eprom_tables_high(struct kunit *test)
{
	struct eprom_reader r = { .fail_at = -1 };
	struct voyager_cat_eprom ep;
	const char *why = NULL;
	u8 *img;

	img = kunit_kzalloc(test, SZ_16K, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, img);
	build_eprom_at(img, SZ_16K, 4, 0x3000);
	r.img = img;
	r.len = get_unaligned_le16(img + 0x2a);
	KUNIT_ASSERT_GT(test, r.len, 0x3000);
	KUNIT_ASSERT_EQ(test, voyager_cat_parse_eprom_by(eprom_reader_read, &r,
							 r.len, &ep, &why), 0);
	KUNIT_EXPECT_EQ(test, ep.chain.n, 4);
	KUNIT_EXPECT_EQ(test, ep.chain.asic_ids[3], VOYAGER_QABC_ASIC);
	KUNIT_EXPECT_EQ(test, ep.chain.ir_len[2], 16);
	/* the header, then 4 + 2 + 1 bytes per ASIC */
	KUNIT_EXPECT_EQ(test, r.fetched, VOYAGER_CAT_EPROM_HEADER + 4 * 7);
	KUNIT_EXPECT_EQ(test, r.beyond, 0);

	/* the same image in memory */
	KUNIT_EXPECT_EQ(test, voyager_cat_parse_eprom(img, r.len, &ep, &why),
			0);

	/* the header's fetch fails, then the last ASIC's IR length */
	r.fetches = 0;
	r.fail_at = 0;
	KUNIT_EXPECT_EQ(test, voyager_cat_parse_eprom_by(eprom_reader_read, &r,
							 r.len, &ep, &why),
			-EIO);
	r.fetches = 0;
	r.fail_at = 1 + 3 * 4 - 1;
	KUNIT_EXPECT_EQ(test, voyager_cat_parse_eprom_by(eprom_reader_read, &r,
							 r.len, &ep, &why),
			-EIO);
	KUNIT_EXPECT_STREQ(test, why, "EPROM read failed");
}

/*
 * Random EPROMs (test audit 5.3): random bytes in even rounds, a valid
 * image with three random bytes changed in odd ones.  Whatever the bytes,
 * the parser fetches nothing at or beyond the length it was given, and
 * what it accepts has 1-7 ASICs, IR lengths of 1-32 and the 8-bit CAT
 * ASIC first.  The seed is fixed, so a failure repeats.
 */
static void cat_eprom_random(struct kunit *test)
{
	unsigned int round, i, len, accepted = 0;
	struct voyager_cat_eprom ep;
	struct eprom_reader r;
	struct rnd_state rnd;
	const char *why;
	u8 *img;

	prandom_seed_state(&rnd, 0x2545f491);
	img = kunit_kzalloc(test, SZ_1K, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, img);
	for (round = 0; round < 2000; round++) {
		if (round & 1) {
			build_eprom_at(img, SZ_1K, 1 + prandom_u32_state(&rnd) % 4,
				       0x30 + prandom_u32_state(&rnd) % 0x200);
			for (i = 0; i < 3; i++)
				img[prandom_u32_state(&rnd) % 0x300] = prandom_u32_state(&rnd);
			len = min_t(unsigned int, SZ_1K,
				    get_unaligned_le16(img + 0x2a));
		} else {
			for (i = 0; i < SZ_1K; i++)
				img[i] = prandom_u32_state(&rnd);
			len = prandom_u32_state(&rnd) % (SZ_1K + 1);
		}
		r = (struct eprom_reader){ .img = img, .len = len,
					   .fail_at = -1 };
		if (!voyager_cat_parse_eprom_by(eprom_reader_read, &r, len,
						&ep, &why)) {
			accepted++;
			KUNIT_EXPECT_GE(test, ep.chain.n, 1);
			KUNIT_EXPECT_LE(test, ep.chain.n, VOYAGER_CAT_MAX_ASICS);
			KUNIT_EXPECT_EQ(test, ep.chain.asic_ids[0],
					VOYAGER_CAT_ASIC);
			for (i = 0; i < ep.chain.n; i++) {
				KUNIT_EXPECT_GE(test, ep.chain.ir_len[i], 1);
				KUNIT_EXPECT_LE(test, ep.chain.ir_len[i],
						VOYAGER_CAT_MAX_IR_BITS);
			}
		}
		KUNIT_EXPECT_EQ_MSG(test, r.beyond, 0, "round %u", round);
	}
	/* the odd rounds often leave the tables intact */
	KUNIT_EXPECT_GT(test, accepted, 100);
	kunit_info(test, "%u of 2000 random EPROMs accepted", accepted);
}

/*
 * Every QABC SET byte, with random CPI area bytes, in every slot of both
 * machine sizes and in slots beyond them (test audit 5.3): a reading is
 * accepted exactly when the slot is in the machine, the CPI area is not
 * at 0 and no CPU is on both VIC lines; an accepted card has four CPUs,
 * all of its slot, and a CPI area on a 256-byte boundary; a refused one
 * says why.
 */
static void cat_qabc_random(struct kunit *test)
{
	unsigned int slots, slot, set, j, accepted = 0, refused = 0;
	struct voyager_quad_card q;
	u8 qabc[VOYAGER_QABC_BYTES];
	struct rnd_state rnd;
	u32 own;
	bool want;
	const char *why;

	prandom_seed_state(&rnd, 0x9e3779b9);
	for (slots = 4; slots <= 8; slots += 4) {
		for (slot = 0; slot < slots + 2; slot++) {
			for (set = 0; set < 256; set++) {
				for (j = 0; j < VOYAGER_QABC_BYTES; j++)
					qabc[j] = prandom_u32_state(&rnd);
				/* a zero CPI area now and then */
				if (!(prandom_u32_state(&rnd) & 15))
					memset(qabc + 5, 0, 3);
				qabc[8] = set;
				/* reference 5.2: what a sound reading is */
				want = slot < slots &&
				       (qabc[5] | qabc[6] | qabc[7]) &&
				       !(set & (set >> 4) & 0xf);
				why = NULL;
				if (voyager_cat_decode_qabc(qabc, slot, slots,
							    &q, &why)) {
					refused++;
					KUNIT_EXPECT_FALSE_MSG(test, want,
							       "slots %u slot %u SET %02x",
							       slots, slot, set);
					KUNIT_EXPECT_NOT_NULL(test, why);
					continue;
				}
				accepted++;
				KUNIT_EXPECT_TRUE_MSG(test, want,
						      "slots %u slot %u SET %02x",
						      slots, slot, set);
				own = BIT(slot) | BIT(slot + slots) |
				      BIT(slot + 2 * slots) |
				      BIT(slot + 3 * slots);
				KUNIT_EXPECT_EQ(test, q.cpus, own);
				KUNIT_EXPECT_EQ(test, q.vic_boot & ~own, 0);
				KUNIT_EXPECT_EQ(test, q.second_line & ~own, 0);
				KUNIT_EXPECT_EQ(test, q.vic_boot & q.second_line,
						0);
				KUNIT_EXPECT_EQ(test, q.cpi_base & 0xff, 0);
			}
		}
	}
	/*
	 * 12 slots x 81 SET bytes with no CPU on both lines, less the
	 * zero CPI areas (about one in 16)
	 */
	KUNIT_EXPECT_GT(test, accepted, 800);
	KUNIT_EXPECT_GT(test, refused, 3000);
	kunit_info(test, "%u QABC readings accepted, %u refused", accepted,
		   refused);
}

/* Reference 5.2: CPU numbering and the SET register. */
static void cat_qabc_decode(struct kunit *test)
{
	u8 qabc[VOYAGER_QABC_BYTES] = {
		[5] = 0xff, [6] = 0xf0, [7] = 0x10, [8] = 0x21,
	};
	struct voyager_quad_card q;
	const char *why;

	/* 4-slot, slot 1: CPUs 1, 5, 9, 13; CPU 0 line 1, CPU 1 line 2 */
	KUNIT_ASSERT_EQ(test, voyager_cat_decode_qabc(qabc, 1, 4, &q, &why), 0);
	KUNIT_EXPECT_EQ(test, q.slot, 1);
	KUNIT_EXPECT_EQ(test, q.cpus, BIT(1) | BIT(5) | BIT(9) | BIT(13));
	KUNIT_EXPECT_EQ(test, q.vic_boot, BIT(1));
	KUNIT_EXPECT_EQ(test, q.second_line, BIT(5));
	KUNIT_EXPECT_EQ(test, q.cpi_base, 0xfff01000);

	/* 8-slot, slot 6: CPUs 6, 14, 22, 30 */
	qabc[8] = 0x01;
	KUNIT_ASSERT_EQ(test, voyager_cat_decode_qabc(qabc, 6, 8, &q, &why), 0);
	KUNIT_EXPECT_EQ(test, q.cpus, BIT(6) | BIT(14) | BIT(22) | BIT(30));
	KUNIT_EXPECT_EQ(test, q.vic_boot, BIT(6));
	KUNIT_EXPECT_EQ(test, q.second_line, 0);

	/* bad: slot 4 on a 4-slot box, CPI area 0, a CPU on both lines */
	KUNIT_EXPECT_LT(test, voyager_cat_decode_qabc(qabc, 4, 4, &q, &why), 0);
	qabc[8] = 0x11;
	KUNIT_EXPECT_LT(test, voyager_cat_decode_qabc(qabc, 0, 4, &q, &why), 0);
	qabc[8] = 0x01;
	memset(qabc + 5, 0, 3);
	KUNIT_EXPECT_LT(test, voyager_cat_decode_qabc(qabc, 0, 4, &q, &why), 0);
}

/* Mono or dyad from the present CPUs, whatever the EPROM says (D13). */
static void cat_dyad_cards(struct kunit *test)
{
	enum voyager_cat_card card;

	KUNIT_EXPECT_EQ(test, voyager_cat_dyad_cpus(1, 4, 0x22, &card), 0x22);
	KUNIT_EXPECT_EQ(test, card, VOYAGER_CAT_DYAD);
	KUNIT_EXPECT_EQ(test, voyager_cat_dyad_cpus(2, 4, 0x07, &card), 0x04);
	KUNIT_EXPECT_EQ(test, card, VOYAGER_CAT_MONO);
	/* Eight slots: the second CPU is slot + 8. */
	KUNIT_EXPECT_EQ(test, voyager_cat_dyad_cpus(2, 8, 0x404, &card), 0x404);
	KUNIT_EXPECT_EQ(test, card, VOYAGER_CAT_DYAD);
	KUNIT_EXPECT_EQ(test, voyager_cat_dyad_cpus(2, 8, 0x044, &card), 0x004);
	KUNIT_EXPECT_EQ(test, card, VOYAGER_CAT_MONO);
}

static struct kunit_case voyager_cat_test_cases[] = {
	KUNIT_CASE(cat_instruction_bytes),
	KUNIT_CASE(cat_ir_streams),
	KUNIT_CASE(cat_dr_write_streams),
	KUNIT_CASE(cat_dr_read_decode),
	KUNIT_CASE(cat_ir_stream_model),
	KUNIT_CASE(cat_dr_write_model),
	KUNIT_CASE(cat_eprom_parse),
	KUNIT_CASE(cat_eprom_tables_high),
	KUNIT_CASE(cat_eprom_random),
	KUNIT_CASE(cat_qabc_decode),
	KUNIT_CASE(cat_qabc_random),
	KUNIT_CASE(cat_dyad_cards),
	{}
};

static struct kunit_suite voyager_cat_test_suite = {
	.name = "voyager_cat",
	.test_cases = voyager_cat_test_cases,
};

kunit_test_suite(voyager_cat_test_suite);

MODULE_DESCRIPTION("KUnit tests for the NCR Voyager CAT bus logic");
MODULE_LICENSE("GPL");
