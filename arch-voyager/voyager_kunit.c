// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for the pure logic of the NCR Voyager platform code: the
 * BIOS table, the SUS ClickMap, the Level 4 memory map and the VIC
 * who-am-I encoding.  Expected values come from the hardware reference.
 */

#include <kunit/test.h>
#include <linux/sizes.h>
#include <linux/cpufeature.h>
#include <linux/irq.h>
#include <linux/prandom.h>
#include <linux/processor.h>
#include <linux/unaligned.h>
#include <linux/jiffies.h>
#include <linux/cpumask.h>
#include <asm/irq_vectors.h>
#include <asm/voyager.h>
#include <asm/voyager_boot.h>
#include "voyager.h"

static void bios_table_level5(struct kunit *test)
{
	/* length, revision 1.2, debug, classes, class 3435h (high first) */
	const u8 table[7] = { 7, 1, 2, 0, 1, 0x34, 0x35 };
	struct voyager_bios_id id;

	KUNIT_EXPECT_EQ(test, voyager_parse_bios_table(table, VOYAGER_BIOS_QUERIED, &id),
			VOYAGER_TABLE_OK);
	KUNIT_EXPECT_EQ(test, id.class, 0x3435);
	KUNIT_EXPECT_EQ(test, id.level, 5);
	KUNIT_EXPECT_EQ(test, id.major, 1);
	KUNIT_EXPECT_EQ(test, id.minor, 2);
}

static void bios_table_levels(struct kunit *test)
{
	u8 table[7] = { 7, 1, 0, 0, 1, 0, 0 };
	struct voyager_bios_id id;
	static const struct { u16 class; int status; u8 level; } cases[] = {
		{ 0x3360, VOYAGER_TABLE_OK, 4 },	/* the Level 4 class */
		{ 0x3430, VOYAGER_TABLE_OK, 4 },	/* the 3430, audit D23 */
		{ 0x3400, VOYAGER_TABLE_LEVEL3, 0 },	/* below 3435h */
		{ 0x3434, VOYAGER_TABLE_LEVEL3, 0 },
		{ 0x3435, VOYAGER_TABLE_OK, 5 },
		{ 0x5100, VOYAGER_TABLE_OK, 5 },
		{ 0x34a5, VOYAGER_TABLE_BAD_CLASS, 0 },	/* not a model number */
		{ 0xffff, VOYAGER_TABLE_BAD_CLASS, 0 },
		{ 0x0000, VOYAGER_TABLE_BAD_CLASS, 0 },
	};
	int i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		table[5] = cases[i].class >> 8;
		table[6] = cases[i].class & 0xff;
		KUNIT_EXPECT_EQ_MSG(test,
				    voyager_parse_bios_table(table, VOYAGER_BIOS_QUERIED, &id),
				    cases[i].status, "class %04x", cases[i].class);
		KUNIT_EXPECT_EQ_MSG(test, id.level, cases[i].level,
				    "class %04x", cases[i].class);
	}
}

static void bios_table_absent(struct kunit *test)
{
	u8 table[7] = { VOYAGER_BIOS_TABLE_ABSENT, 1, 0, 0, 1, 0x34, 0x50 };
	struct voyager_bios_id id;

	KUNIT_EXPECT_EQ(test, voyager_parse_bios_table(table, VOYAGER_BIOS_QUERIED, &id),
			VOYAGER_TABLE_ABSENT);
	/* A zero page the setup code never wrote: no query, no Voyager. */
	memset(table, 0, sizeof(table));
	KUNIT_EXPECT_EQ(test, voyager_parse_bios_table(table, 0, &id),
			VOYAGER_TABLE_NOT_QUERIED);
	KUNIT_EXPECT_EQ(test, id.level, 0);
}

/*
 * Every class with random other bytes (test audit 5.4, the BIOS table
 * under random input): a table is accepted exactly when its class reads
 * as a decimal model number of Level 4 (3360, 3430) or of Level 5 (3435
 * and up), and then with that level; the other nibbles-in-range classes
 * below 3435 are Level 3.  A refused table leaves the level 0, the length
 * byte FFh is "absent" whatever follows, and without the setup code's
 * query nothing is read.  The seed is fixed, so a failure repeats.
 */
static void bios_table_random(struct kunit *test)
{
	u8 table[VOYAGER_BIOS_TABLE_LEN];
	unsigned int class, i, ok = 0, level3 = 0;
	enum voyager_table_status want, got;
	struct voyager_bios_id id;
	struct rnd_state rnd;
	bool digits;
	u32 queried;

	prandom_seed_state(&rnd, 0x7e1e5a5e);
	for (class = 0; class <= 0xffff; class++) {
		for (i = 0; i < sizeof(table); i++)
			table[i] = prandom_u32_state(&rnd);
		table[5] = class >> 8;
		table[6] = class;
		if (table[0] == VOYAGER_BIOS_TABLE_ABSENT)
			table[0] = 7;
		digits = class && (class & 0xf) <= 9 && ((class >> 4) & 0xf) <= 9 &&
			 ((class >> 8) & 0xf) <= 9 && (class >> 12) <= 9;
		if (!digits)
			want = VOYAGER_TABLE_BAD_CLASS;
		else if (class == 0x3360 || class == 0x3430 || class >= 0x3435)
			want = VOYAGER_TABLE_OK;
		else
			want = VOYAGER_TABLE_LEVEL3;
		got = voyager_parse_bios_table(table, VOYAGER_BIOS_QUERIED, &id);
		KUNIT_EXPECT_EQ_MSG(test, got, want, "class %04x", class);
		KUNIT_EXPECT_EQ_MSG(test, id.level,
				    got != VOYAGER_TABLE_OK ? 0 :
				    class >= 0x3435 ? 5 : 4, "class %04x", class);
		if (got == VOYAGER_TABLE_OK)
			KUNIT_EXPECT_EQ(test, id.class, class);
		ok += got == VOYAGER_TABLE_OK;
		level3 += got == VOYAGER_TABLE_LEVEL3;

		queried = prandom_u32_state(&rnd);
		if (queried != VOYAGER_BIOS_QUERIED) {
			got = voyager_parse_bios_table(table, queried, &id);
			KUNIT_EXPECT_EQ(test, got, VOYAGER_TABLE_NOT_QUERIED);
			KUNIT_EXPECT_EQ(test, id.level, 0);
		}
		table[0] = VOYAGER_BIOS_TABLE_ABSENT;
		got = voyager_parse_bios_table(table, VOYAGER_BIOS_QUERIED, &id);
		KUNIT_EXPECT_EQ(test, got, VOYAGER_TABLE_ABSENT);
		KUNIT_EXPECT_EQ(test, id.level, 0);
	}
	/* the decimal model numbers 3360, 3430 and 3435 to 9999 */
	KUNIT_EXPECT_EQ(test, ok, 2 + (9999 - 3435 + 1));
	kunit_info(test, "%u of 65536 classes accepted, %u Level 3\n", ok, level3);
}

static void put_le32(u8 *p, u32 v)
{
	p[0] = v;
	p[1] = v >> 8;
	p[2] = v >> 16;
	p[3] = v >> 24;
}

static void put_click(u8 *raw, int n, u32 start, u32 clicks)
{
	put_le32(raw + 8 * n, start);
	put_le32(raw + 8 * n + 4, clicks);
}

static void clickmap_decode(struct kunit *test)
{
	struct voyager_mem_range r[VOYAGER_MEM_RANGES];
	u8 raw[VOYAGER_CLICKMAP_SIZE] = { };

	/* Base memory, then 255 MiB above 1 MiB, then the end marker. */
	put_click(raw, 0, 0, 0x9f000 >> 12);
	put_click(raw, 1, SZ_1M, (SZ_256M - SZ_1M) >> 12);
	KUNIT_ASSERT_EQ(test, voyager_clickmap_decode(raw, r), 2);
	KUNIT_EXPECT_EQ(test, r[0].start, 0);
	KUNIT_EXPECT_EQ(test, r[0].size, 0x9f000);
	KUNIT_EXPECT_EQ(test, r[1].start, SZ_1M);
	KUNIT_EXPECT_EQ(test, r[1].size, SZ_256M - SZ_1M);
	KUNIT_EXPECT_FALSE(test, r[1].reserved);
}

/* Every entry in use and no end marker: valid (fidelity audit D28). */
static void clickmap_full(struct kunit *test)
{
	struct voyager_mem_range r[VOYAGER_MEM_RANGES];
	u8 raw[VOYAGER_CLICKMAP_SIZE];
	int i;

	for (i = 0; i < VOYAGER_CLICKMAP_ENTRIES; i++)
		put_click(raw, i, i * SZ_16M, 1);
	KUNIT_ASSERT_EQ(test, voyager_clickmap_decode(raw, r),
			VOYAGER_CLICKMAP_ENTRIES);
	KUNIT_EXPECT_EQ(test, r[15].start, 15 * SZ_16M);
	KUNIT_EXPECT_EQ(test, r[15].size, SZ_4K);
}

static void clickmap_corrupt(struct kunit *test)
{
	struct voyager_mem_range r[VOYAGER_MEM_RANGES];
	u8 raw[VOYAGER_CLICKMAP_SIZE];

	/* A range that runs past 4 GiB. */
	memset(raw, 0, sizeof(raw));
	put_click(raw, 0, 0xfff00000, 0x200);
	KUNIT_EXPECT_EQ(test, voyager_clickmap_decode(raw, r), -EINVAL);

	/* Two ranges that overlap. */
	memset(raw, 0, sizeof(raw));
	put_click(raw, 0, SZ_1M, SZ_16M >> 12);
	put_click(raw, 1, SZ_8M, SZ_16M >> 12);
	KUNIT_EXPECT_EQ(test, voyager_clickmap_decode(raw, r), -EINVAL);

	/* Empty: the first entry is the end marker. */
	memset(raw, 0, sizeof(raw));
	KUNIT_EXPECT_EQ(test, voyager_clickmap_decode(raw, r), 0);
}

/*
 * Random ClickMaps (test audit 5.3): random entries in even rounds, a
 * valid map of 1-16 ranges with one field changed in odd ones.  Whatever
 * the bytes, the decoder writes no more than 16 ranges, and what it
 * accepts is a list of non-empty ranges below 4 GiB that do not overlap.
 * The seed is fixed, so a failure repeats.
 */
static void clickmap_random(struct kunit *test)
{
	struct voyager_mem_range *r;
	unsigned int round, i, k, accepted = 0;
	struct rnd_state rnd;
	u32 next;
	u8 *raw;
	int n;

	prandom_seed_state(&rnd, 0x6b43a9b5);
	raw = kunit_kzalloc(test, VOYAGER_CLICKMAP_SIZE, GFP_KERNEL);
	r = kunit_kcalloc(test, VOYAGER_MEM_RANGES + 1, sizeof(*r),
			  GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, raw);
	KUNIT_ASSERT_NOT_NULL(test, r);
	for (round = 0; round < 2000; round++) {
		if (round & 1) {
			memset(raw, 0, VOYAGER_CLICKMAP_SIZE);
			k = 1 + prandom_u32_state(&rnd) % VOYAGER_CLICKMAP_ENTRIES;
			next = 0;
			for (i = 0; i < k; i++) {
				u32 clicks = 1 + prandom_u32_state(&rnd) % 4096;

				put_unaligned_le32(next, raw + 8 * i);
				put_unaligned_le32(clicks, raw + 8 * i + 4);
				next += (clicks << 12) + 4096 *
					(prandom_u32_state(&rnd) % 16);
			}
			i = prandom_u32_state(&rnd) % (2 * k);
			put_unaligned_le32(prandom_u32_state(&rnd), raw + 4 * i);
		} else {
			for (i = 0; i < VOYAGER_CLICKMAP_SIZE; i++)
				raw[i] = prandom_u32_state(&rnd);
		}
		r[VOYAGER_MEM_RANGES].start = 0xdeadbeef;
		n = voyager_clickmap_decode(raw, r);
		KUNIT_EXPECT_EQ(test, r[VOYAGER_MEM_RANGES].start, 0xdeadbeef);
		if (n < 0) {
			KUNIT_EXPECT_EQ(test, n, -EINVAL);
			continue;
		}
		accepted++;
		KUNIT_EXPECT_LE(test, n, VOYAGER_MEM_RANGES);
		for (i = 0; i < n; i++) {
			KUNIT_EXPECT_GT(test, r[i].size, 0);
			KUNIT_EXPECT_LE(test, r[i].start + r[i].size, SZ_4G);
			KUNIT_EXPECT_FALSE(test, r[i].reserved);
			for (k = 0; k < i; k++) {
				bool apart = r[i].start >= r[k].start + r[k].size ||
					     r[k].start >= r[i].start + r[i].size;

				KUNIT_EXPECT_TRUE_MSG(test, apart,
						      "round %u: ranges %u and %u overlap",
						      round, k, i);
			}
		}
	}
	KUNIT_EXPECT_GT(test, accepted, 100);
	kunit_info(test, "%u of 2000 random ClickMaps accepted", accepted);
}

static void dino_top_of_memory(struct kunit *test)
{
	/* 1 MiB granularity: bits 23:20 from the low register's top nibble. */
	KUNIT_EXPECT_EQ(test, voyager_dino_top_of_memory(0x00, 0x01), SZ_16M);
	KUNIT_EXPECT_EQ(test, voyager_dino_top_of_memory(0x8f, 0x02), 0x2800000);
	/* Only bits 6:0 of the high register count. */
	KUNIT_EXPECT_EQ(test, voyager_dino_top_of_memory(0x00, 0x81), SZ_16M);
}

static void level4_map(struct kunit *test)
{
	struct voyager_mem_range r[VOYAGER_MEM_RANGES];

	KUNIT_ASSERT_EQ(test, voyager_level4_map(SZ_64M, r), 4);
	KUNIT_EXPECT_EQ(test, r[0].size, 0x9f000);
	KUNIT_EXPECT_EQ(test, r[1].start, SZ_1M);
	KUNIT_EXPECT_EQ(test, r[1].size, SZ_8M - SZ_1M);
	KUNIT_EXPECT_TRUE(test, r[2].reserved);
	KUNIT_EXPECT_EQ(test, r[2].start, SZ_8M);
	KUNIT_EXPECT_EQ(test, r[2].size, SZ_8M);
	KUNIT_EXPECT_EQ(test, r[3].start, SZ_16M);
	KUNIT_EXPECT_EQ(test, r[3].size, SZ_64M - SZ_16M);
	/* Below the MCA window there is no hole to keep. */
	KUNIT_ASSERT_EQ(test, voyager_level4_map(SZ_4M, r), 2);
	KUNIT_EXPECT_EQ(test, r[1].size, SZ_4M - SZ_1M);
}

static void who_am_i(struct kunit *test)
{
	/* Dyadic CPUs: one-hot; quad CPUs: C0h | id (E0h on 8-slot boxes). */
	KUNIT_EXPECT_EQ(test, voyager_vic_id(0x01), 0);
	KUNIT_EXPECT_EQ(test, voyager_vic_id(0x20), 5);
	KUNIT_EXPECT_EQ(test, voyager_vic_id(0xc0 | 13), 13);
	KUNIT_EXPECT_EQ(test, voyager_vic_id(0xe0 | 31), 31);
	KUNIT_EXPECT_EQ(test, voyager_vic_id(0x00), -1);
}

/*
 * A quad:dyad box (hardware reference 5.2): slot 0 quad with CPUs 0, 4, 8
 * and 12, of which only 0 is on a VIC line; slot 1 dyad with CPUs 1 and 5.
 */
static const u32 test_hw_ids[] = { 0, 1, 5, 4, 8, 12 };
#define TEST_VIC_CPUS	(BIT(0) | BIT(1) | BIT(5))

static u32 test_hw_id(unsigned int cpu)
{
	return cpu < ARRAY_SIZE(test_hw_ids) ? test_hw_ids[cpu] : 31;
}

static void cpi_targets(struct kunit *test)
{
	struct cpumask mask, no_vic;
	unsigned int cpu;

	/* VIC CPIs reach the CPUs on VIC lines, one bit per hardware CPU. */
	cpumask_clear(&mask);
	for (cpu = 0; cpu < ARRAY_SIZE(test_hw_ids); cpu++)
		cpumask_set_cpu(cpu, &mask);
	KUNIT_EXPECT_EQ(test, voyager_vic_cpi_targets(&mask, test_hw_id,
						      TEST_VIC_CPUS, &no_vic),
			BIT(0) | BIT(1) | BIT(5));
	/* The quad siblings (hardware 4, 8, 12) need QIC CPIs. */
	KUNIT_EXPECT_EQ(test, cpumask_weight(&no_vic), 3);
	KUNIT_EXPECT_TRUE(test, cpumask_test_cpu(3, &no_vic));
	KUNIT_EXPECT_TRUE(test, cpumask_test_cpu(4, &no_vic));
	KUNIT_EXPECT_TRUE(test, cpumask_test_cpu(5, &no_vic));

	/* One CPU: its own bit. */
	KUNIT_EXPECT_EQ(test, voyager_vic_cpi_targets(cpumask_of(2), test_hw_id,
						      TEST_VIC_CPUS, &no_vic),
			BIT(5));
	KUNIT_EXPECT_TRUE(test, cpumask_empty(&no_vic));
}

/*
 * Every IPI vector the kernel sends on x86-32 has its own CPI; any other
 * vector has none (the sender then says so in one line).
 */
static void ipi_vector_map(struct kunit *test)
{
	static const struct { int vector; int cpi; } sent[] = {
		{ RESCHEDULE_VECTOR, VOYAGER_CPI_RESCHEDULE },
		{ CALL_FUNCTION_VECTOR, VOYAGER_CPI_CALL_FUNCTION },
		{ CALL_FUNCTION_SINGLE_VECTOR,
		  VOYAGER_CPI_CALL_FUNCTION_SINGLE },
		{ REBOOT_VECTOR, VOYAGER_CPI_STOP },
		{ LOCAL_TIMER_VECTOR, VOYAGER_CPI_TIMER },
		{ NMI_VECTOR, VOYAGER_CPI_BACKTRACE },
	};
	static const int none[] = {
		IRQ_WORK_VECTOR, SPURIOUS_APIC_VECTOR, ERROR_APIC_VECTOR,
		X86_PLATFORM_IPI_VECTOR, THERMAL_APIC_VECTOR,
		FIRST_EXTERNAL_VECTOR, FIRST_SYSTEM_VECTOR - 1, -1, 256,
	};
	unsigned long seen = 0;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(sent); i++) {
		KUNIT_EXPECT_EQ_MSG(test, voyager_vector_cpi(sent[i].vector),
				    sent[i].cpi, "vector %#x", sent[i].vector);
		seen |= BIT(sent[i].cpi);
	}
	/* six vectors, six CPIs: none shares one */
	KUNIT_EXPECT_EQ(test, hweight_long(seen), ARRAY_SIZE(sent));
	for (i = 0; i < ARRAY_SIZE(none); i++)
		KUNIT_EXPECT_EQ_MSG(test, voyager_vector_cpi(none[i]), -1,
				    "vector %#x", none[i]);
}

/*
 * The dump switch NMIs every CPU at once: the first NMI starts a press,
 * the others pay what they owe, and an NMI nobody owed, or one after the
 * window (from a CPU that went offline and never paid), starts another.
 */
static void dump_claim_presses(struct kunit *test)
{
	struct cpumask *owed, *online;
	unsigned long at = 0, t = 1000;

	owed = kunit_kzalloc(test, cpumask_size(), GFP_KERNEL);
	online = kunit_kzalloc(test, cpumask_size(), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, owed);
	KUNIT_ASSERT_NOT_NULL(test, online);
	cpumask_set_cpu(0, online);
	if (nr_cpu_ids < 2) {
		/* one CPU: nobody else owes, every NMI is a press */
		KUNIT_EXPECT_TRUE(test, voyager_dump_claim(owed, &at, 0,
							   online, t));
		KUNIT_EXPECT_TRUE(test, voyager_dump_claim(owed, &at, 0,
							   online, t));
		return;
	}
	cpumask_set_cpu(1, online);

	/* press 1: CPU 1 first, CPU 0 pays */
	KUNIT_EXPECT_TRUE(test, voyager_dump_claim(owed, &at, 1, online, t));
	KUNIT_EXPECT_EQ(test, at, t);
	KUNIT_EXPECT_FALSE(test, voyager_dump_claim(owed, &at, 0, online,
						    t + 1));
	KUNIT_EXPECT_TRUE(test, cpumask_empty(owed));
	/*
	 * press 2: CPU 0 first; CPU 1 went offline before paying, so
	 * CPU 0's next NMI, after the window, is press 3, not a debt
	 */
	t += 2 * HZ;
	KUNIT_EXPECT_TRUE(test, voyager_dump_claim(owed, &at, 0, online, t));
	t += VOYAGER_DUMP_NMI_WINDOW + 1;
	KUNIT_EXPECT_TRUE(test, voyager_dump_claim(owed, &at, 0, online, t));
	/* ... which CPU 1, back, pays within the window */
	KUNIT_EXPECT_FALSE(test, voyager_dump_claim(owed, &at, 1, online,
						    t + VOYAGER_DUMP_NMI_WINDOW));
	/* a CPU not online at a press owes nothing: its NMI is new */
	cpumask_clear_cpu(1, online);
	t += 3 * HZ;
	KUNIT_EXPECT_TRUE(test, voyager_dump_claim(owed, &at, 0, online, t));
	KUNIT_EXPECT_TRUE(test, cpumask_empty(owed));
	KUNIT_EXPECT_TRUE(test, voyager_dump_claim(owed, &at, 1, online, t));
}

static void cpu_mix(struct kunit *test)
{
	struct cpuinfo_x86 *p5, *p6;

	p5 = kunit_kzalloc(test, sizeof(*p5), GFP_KERNEL);
	p6 = kunit_kzalloc(test, sizeof(*p6), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, p5);
	KUNIT_ASSERT_NOT_NULL(test, p6);
	/* A Pentium (no CMOV) and a Pentium Pro (CMOV) in one box. */
	p5->x86 = 5;
	p6->x86 = 6;
	set_bit(X86_FEATURE_FPU, (unsigned long *)p5->x86_capability);
	set_bit(X86_FEATURE_FPU, (unsigned long *)p6->x86_capability);
	set_bit(X86_FEATURE_CMOV, (unsigned long *)p6->x86_capability);

	KUNIT_EXPECT_TRUE(test, voyager_cpu_less_capable(p6, p5));
	KUNIT_EXPECT_FALSE(test, voyager_cpu_less_capable(p5, p6));
	KUNIT_EXPECT_FALSE(test, voyager_cpu_less_capable(p5, p5));
	/* Same family, one feature less. */
	p5->x86 = 6;
	KUNIT_EXPECT_TRUE(test, voyager_cpu_less_capable(p6, p5));
}

/*
 * The VIC takes level trigger types (Micro Channel interrupts, which the
 * MCA bus asks for) and refuses edges: its 8259s sense levels on every
 * line.  IRQ 10 has no user on the test machines.  A refusal is also an
 * error line from genirq ("Setting trigger mode ... failed").
 */
static void vic_trigger_types(struct kunit *test)
{
	const unsigned int irq = 10;

	if (!is_voyager())
		kunit_skip(test, "not a Voyager: the PIC is not the VIC");
	KUNIT_EXPECT_EQ(test, irq_set_irq_type(irq, IRQ_TYPE_LEVEL_LOW), 0);
	KUNIT_EXPECT_EQ(test, irq_set_irq_type(irq, IRQ_TYPE_LEVEL_HIGH), 0);
	KUNIT_EXPECT_EQ(test, irq_get_trigger_type(irq), IRQ_TYPE_LEVEL_HIGH);
	KUNIT_EXPECT_EQ(test, irq_set_irq_type(irq, IRQ_TYPE_EDGE_RISING),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, irq_set_irq_type(irq, IRQ_TYPE_EDGE_BOTH),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, irq_get_trigger_type(irq), IRQ_TYPE_LEVEL_HIGH);
}

/*
 * The PSI's state machine (power.c, test audit 2), one report after the
 * other as a box would send them.  Bits from the hardware reference 7.3:
 * status 02h monitor (switch or mains), 04h major fault, 01h DC fail;
 * supply 08h switched off; AC fail 80h changed, 1Fh one per supply.
 */
struct psi_report {
	bool poll;		/* the once-a-second poll on batteries */
	u8 status, supply, ac_fail;
	bool booted;
	enum voyager_psi_action want;
	bool pressed, on_battery;	/* the state afterwards */
};

static const struct psi_report psi_script[] = {
	/* not the PSI's CMN_INT; the switch bit alone is not a press */
	{ false, 0x00, 0x00, 0x00, true, VOYAGER_PSI_NOTHING, false, false },
	{ false, 0x00, 0x08, 0x81, true, VOYAGER_PSI_NOTHING, false, false },
	/* DC fail alone: said and cleared */
	{ false, 0x01, 0x00, 0x00, true, VOYAGER_PSI_CLEAR_STATUS, false, false },
	/* the mains: only a report with "changed" is new */
	{ false, 0x02, 0x00, 0x01, true, VOYAGER_PSI_NOTHING, false, false },
	{ false, 0x02, 0x00, 0x81, true, VOYAGER_PSI_AC_FAILED, false, true },
	{ false, 0x02, 0x00, 0x83, true, VOYAGER_PSI_AC_ACK, false, true },
	/* on batteries until no supply reports a failure */
	{ true, 0, 0, 0x02, true, VOYAGER_PSI_NOTHING, false, true },
	{ true, 0, 0, 0x00, true, VOYAGER_PSI_AC_RESTORED, false, false },
	{ true, 0, 0, 0x00, true, VOYAGER_PSI_NOTHING, false, false },
	{ false, 0x02, 0x00, 0x81, true, VOYAGER_PSI_AC_FAILED, false, true },
	/* the switch wins over the mains in one report; orderly, then at once */
	{ false, 0x02, 0x08, 0x80, true, VOYAGER_PSI_ORDERLY_POWER_OFF, true, true },
	{ false, 0x02, 0x08, 0x00, true, VOYAGER_PSI_SECOND_PRESS, true, true },
	/* a major fault powers off, unless the monitor bit came with it */
	{ false, 0x04, 0x00, 0x00, true, VOYAGER_PSI_MAJOR_FAULT, true, true },
	{ false, 0x05, 0x08, 0x00, true, VOYAGER_PSI_MAJOR_FAULT, true, true },
};

static void psi_steps(struct kunit *test)
{
	struct voyager_psi_state st = { };
	const struct psi_report *r;
	enum voyager_psi_action got;
	int i;

	for (i = 0; i < ARRAY_SIZE(psi_script); i++) {
		r = &psi_script[i];
		got = r->poll ? voyager_psi_poll_step(&st, r->ac_fail) :
				voyager_psi_step(&st, r->status, r->supply,
						 r->ac_fail, r->booted);
		KUNIT_EXPECT_EQ_MSG(test, got, r->want, "report %d", i);
		KUNIT_EXPECT_EQ_MSG(test, st.pressed, r->pressed, "report %d", i);
		KUNIT_EXPECT_EQ_MSG(test, st.on_battery, r->on_battery,
				    "report %d", i);
	}
}

/*
 * A press before user space powers off from the kernel, and a second
 * press (or one after the boot's) powers off at once; every status value
 * with the monitor bit and the switch bit is a press.
 */
static void psi_presses(struct kunit *test)
{
	struct voyager_psi_state st;
	unsigned int status;

	for (status = 0; status < 256; status++) {
		bool monitor = status & 0x02;

		st = (struct voyager_psi_state){ };
		KUNIT_EXPECT_EQ_MSG(test, voyager_psi_step(&st, status, 0x08, 0, false),
				    monitor ? VOYAGER_PSI_BOOT_POWER_OFF :
				    status & 0x04 ? VOYAGER_PSI_MAJOR_FAULT :
				    status ? VOYAGER_PSI_CLEAR_STATUS :
				    VOYAGER_PSI_NOTHING, "status %02x", status);
		KUNIT_EXPECT_EQ(test, st.pressed, monitor);
		KUNIT_EXPECT_FALSE(test, st.on_battery);
		if (monitor)
			KUNIT_EXPECT_EQ(test, voyager_psi_step(&st, status, 0x08, 0, true),
					VOYAGER_PSI_SECOND_PRESS);
	}
}

static struct kunit_case voyager_test_cases[] = {
	KUNIT_CASE(bios_table_level5),
	KUNIT_CASE(bios_table_levels),
	KUNIT_CASE(bios_table_absent),
	KUNIT_CASE(bios_table_random),
	KUNIT_CASE(clickmap_decode),
	KUNIT_CASE(clickmap_full),
	KUNIT_CASE(clickmap_corrupt),
	KUNIT_CASE(clickmap_random),
	KUNIT_CASE(dino_top_of_memory),
	KUNIT_CASE(level4_map),
	KUNIT_CASE(who_am_i),
	KUNIT_CASE(cpi_targets),
	KUNIT_CASE(ipi_vector_map),
	KUNIT_CASE(dump_claim_presses),
	KUNIT_CASE(psi_steps),
	KUNIT_CASE(psi_presses),
	KUNIT_CASE(cpu_mix),
	KUNIT_CASE(vic_trigger_types),
	{}
};

static struct kunit_suite voyager_test_suite = {
	.name = "voyager",
	.test_cases = voyager_test_cases,
};

kunit_test_suite(voyager_test_suite);

MODULE_DESCRIPTION("KUnit tests for the NCR Voyager platform code");
MODULE_LICENSE("GPL");
