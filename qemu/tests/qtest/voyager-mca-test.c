/*
 * voyager-mca-test.c: qtest for the NCR Voyager Micro Channel bus and
 * NCR's 53C710 MCA SCSI adapters
 *
 * Written from docs/system/i386/voyager-mca.rst: POS ids per slot through
 * the adapter setup port 96h (an empty slot answers FFFFh), the system
 * board setup port 94h, POS2 bit 0 as the card enable, the card's I/O
 * base and IRQ as its POS registers select them (the old sim710 driver's
 * decoding), the refusal of a taken or unknown slot, a 53C710 interrupt
 * arriving at the VIC line POS selects, and a SCSI INQUIRY run by a
 * SCRIPTS program in guest memory against a -drive if=scsi disk; the
 * Novell NE/2 network card as the old ne2 driver decodes and probes it.
 *
 * Copyright (c) 2026 The NCR Voyager Linux port developers
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "qemu/cutils.h"
#include "libqtest.h"
#include "voyager-qtest.h"
#include "qobject/qdict.h"

#define SYS_SETUP   0x94
#define ADP_SETUP   0x96
#define POS(n)      (0x100 + (n))

/* 53C710 registers */
#define SCNTL1      0x01
#define SIEN        0x03
#define SCID        0x04
#define SODL        0x06
#define DSTAT       0x0c
#define SSTAT0      0x0d
#define SSTAT1      0x0e
#define ISTAT       0x21
#define DSP         0x2c
#define DSPS        0x30
#define SCRATCH     0x34
#define DIEN        0x39
#define DBC         0x24

#define DSTAT_SIR   0x04
#define DSTAT_ABRT  0x10
#define ISTAT_DIP   0x01
#define ISTAT_SIP   0x02
#define ISTAT_RST   0x40
#define SCNTL1_RST  0x08
#define SSTAT0_RST  0x02
#define SSTAT1_RST  0x02
#define ISTAT_ABRT  0x80

static uint16_t pos_id(QTestState *qts, int slot)
{
    uint16_t id;

    qtest_outb(qts, ADP_SETUP, 0x08 | slot);
    id = qtest_inb(qts, POS(0)) | qtest_inb(qts, POS(1)) << 8;
    qtest_outb(qts, ADP_SETUP, 0);
    return id;
}

static uint8_t pos_read(QTestState *qts, int slot, int reg)
{
    uint8_t v;

    qtest_outb(qts, ADP_SETUP, 0x08 | slot);
    v = qtest_inb(qts, POS(reg));
    qtest_outb(qts, ADP_SETUP, 0);
    return v;
}

static void pos_write(QTestState *qts, int slot, int reg, uint8_t v)
{
    qtest_outb(qts, ADP_SETUP, 0x08 | slot);
    qtest_outb(qts, POS(reg), v);
    qtest_outb(qts, ADP_SETUP, 0);
}

/* Level 5: the 01BAh card in slot 0, the rest empty. */
static void test_ids_level5(void)
{
    QTestState *qts = qtest_init("-M voyager");
    int slot;

    g_assert_cmphex(pos_id(qts, 0), ==, 0x01ba);
    for (slot = 1; slot < 8; slot++) {
        g_assert_cmphex(pos_id(qts, slot), ==, 0xffff);
        g_assert_cmphex(pos_read(qts, slot, 2), ==, 0xff);
    }
    qtest_quit(qts);
}

/* Level 4: the on-board 53C710, 01BBh; cards placed with slot=N. */
static void test_ids_level4(void)
{
    QTestState *qts = qtest_init("-M voyager,level=4 "
                                 "-device ncr53c710-mca,slot=5 "
                                 "-device ncr53c710-mca,slot=2,"
                                 "iobase=0x1000,irq=5");

    g_assert_cmphex(pos_id(qts, 0), ==, 0x01bb);
    g_assert_cmphex(pos_id(qts, 2), ==, 0x01ba);
    g_assert_cmphex(pos_id(qts, 5), ==, 0x01ba);
    g_assert_cmphex(pos_id(qts, 1), ==, 0xffff);
    /* POS2: enabled, IRQ index 1 (5); POS4: base 1000h = 4 << 2. */
    g_assert_cmphex(pos_read(qts, 2, 2), ==, 0x41);
    g_assert_cmphex(pos_read(qts, 2, 4), ==, 0x10);
    g_assert_cmphex(pos_read(qts, 5, 2), ==, 0x81);
    g_assert_cmphex(pos_read(qts, 5, 4), ==, 0x08);
    /* POS5: no channel check, no status (bits 7, 6 set). */
    g_assert_cmphex(pos_read(qts, 5, 5) & 0xc0, ==, 0xc0);
    qtest_quit(qts);
}

/* Without mca-scsi the bus is empty. */
static void test_no_default(void)
{
    QTestState *qts = qtest_init("-M voyager,mca-scsi=off");
    int slot;

    for (slot = 0; slot < 8; slot++) {
        g_assert_cmphex(pos_id(qts, slot), ==, 0xffff);
    }
    qtest_quit(qts);
}

/* Setup mode: the POS window answers only while a setup is selected. */
static void test_setup_mode(void)
{
    QTestState *qts = qtest_init("-M voyager");

    /* No setup: the window floats. */
    g_assert_cmphex(qtest_inb(qts, POS(0)), ==, 0xff);
    g_assert_cmphex(qtest_inb(qts, POS(1)), ==, 0xff);
    /* A POS write outside setup mode changes nothing. */
    qtest_outb(qts, POS(2), 0x00);
    g_assert_cmphex(pos_read(qts, 0, 2), ==, 0x81);
    /* 96h reads back what was written. */
    qtest_outb(qts, ADP_SETUP, 0x08);
    g_assert_cmphex(qtest_inb(qts, ADP_SETUP), ==, 0x08);
    g_assert_cmphex(qtest_inb(qts, POS(0)), ==, 0xba);
    qtest_outb(qts, ADP_SETUP, 0x00);
    g_assert_cmphex(qtest_inb(qts, POS(0)), ==, 0xff);
    /* System board setup (94h bit 7 clear): no planar POS data. */
    qtest_outb(qts, SYS_SETUP, 0x7f);
    g_assert_cmphex(qtest_inb(qts, SYS_SETUP), ==, 0x7f);
    g_assert_cmphex(qtest_inb(qts, POS(0)), ==, 0xff);
    g_assert_cmphex(qtest_inb(qts, POS(1)), ==, 0xff);
    qtest_outb(qts, SYS_SETUP, 0xff);
    /* POS0/1 are read-only. */
    pos_write(qts, 0, 0, 0x12);
    g_assert_cmphex(pos_id(qts, 0), ==, 0x01ba);
    /* POS6/7 (sub-address) hold what is written. */
    pos_write(qts, 0, 6, 0x09);
    g_assert_cmphex(pos_read(qts, 0, 6), ==, 0x09);
    qtest_quit(qts);
}

/* The 53C710's registers at the POS-decoded base, only while enabled. */
static void test_enable_and_base(void)
{
    QTestState *qts = qtest_init("-M voyager");

    /* Default card: base 0800h, SCRATCH read/write as 32 bits. */
    qtest_outl(qts, 0x800 + SCRATCH, 0x12345678);
    g_assert_cmphex(qtest_inl(qts, 0x800 + SCRATCH), ==, 0x12345678);
    g_assert_cmphex(qtest_inb(qts, 0x800 + SCRATCH + 3), ==, 0x12);
    g_assert_cmphex(qtest_inb(qts, 0x800 + SCID) & 0x80, ==, 0x80);
    /* Disabled (POS2 bit 0 clear): the ports go away. */
    pos_write(qts, 0, 2, 0x80);
    g_assert_cmphex(qtest_inl(qts, 0x800 + SCRATCH), !=, 0x12345678);
    /* Base 2C00h (POS4 = 0Bh << 2), enabled again. */
    pos_write(qts, 0, 4, 0x0b << 2);
    pos_write(qts, 0, 2, 0x81);
    g_assert_cmphex(qtest_inl(qts, 0x2c00 + SCRATCH), ==, 0x12345678);
    g_assert_cmphex(qtest_inl(qts, 0x800 + SCRATCH), !=, 0x12345678);
    /* A POS4 index the card does not decode (1): no ports. */
    pos_write(qts, 0, 4, 0x01 << 2);
    g_assert_cmphex(qtest_inl(qts, 0x2c00 + SCRATCH), !=, 0x12345678);
    /* A reset restores the power-on POS values. */
    qtest_system_reset(qts);
    g_assert_cmphex(pos_read(qts, 0, 4), ==, 0x08);
    g_assert_cmphex(qtest_inl(qts, 0x800 + SCRATCH), ==, 0);
    qtest_quit(qts);
}

/* The 004Fh layout: base and IRQ both in POS2. */
static void test_004f(void)
{
    QTestState *qts = qtest_init("-M voyager -device ncr53c710-mca,slot=3,"
                                 "card-id=0x4f,iobase=0x300,irq=9");

    g_assert_cmphex(pos_id(qts, 3), ==, 0x004f);
    /* enable | base index 2 (300h) << 1 | IRQ index 5 (9) << 4 */
    g_assert_cmphex(pos_read(qts, 3, 2), ==, 0x01 | 2 << 1 | 5 << 4);
    qtest_outl(qts, 0x300 + SCRATCH, 0xcafe0004);
    g_assert_cmphex(qtest_inl(qts, 0x300 + SCRATCH), ==, 0xcafe0004);
    qtest_quit(qts);
}

/* fault-pos: a card whose POS data makes no sense, for the guest. */
static void test_fault_pos(void)
{
    QTestState *qts = qtest_init("-M voyager -device ncr53c710-mca,slot=2,"
                                 "iobase=0x1000,fault-pos=4=04:5=40");
    QDict *r;

    g_assert_cmphex(pos_id(qts, 2), ==, 0x01ba);
    g_assert_cmphex(pos_read(qts, 2, 2), ==, 0x81);
    g_assert_cmphex(pos_read(qts, 2, 4), ==, 0x04);
    g_assert_cmphex(pos_read(qts, 2, 5), ==, 0x40);
    r = qtest_qmp(qts, "{'execute': 'qom-get', 'arguments': "
                  "{'path': '/machine/mca', 'property': 'slots'}}");
    g_assert(strstr(qdict_get_str(r, "return"),
                    "POS2-5 81 00 04 40, no I/O"));
    qobject_unref(r);
    /* Nothing at the base the properties asked for. */
    qtest_outl(qts, 0x1000 + SCRATCH, 0x5a5a5a5a);
    g_assert_cmphex(qtest_inl(qts, 0x1000 + SCRATCH), !=, 0x5a5a5a5a);
    /* The override survives a reset: it is the card's power-on state. */
    qtest_system_reset(qts);
    g_assert_cmphex(pos_read(qts, 2, 4), ==, 0x04);
    qtest_quit(qts);
}

static QDict *set_fault_pos(QTestState *qts, const char *value)
{
    return qtest_qmp(qts, "{'execute': 'qom-set', 'arguments': "
                     "{'path': '/machine/peripheral/scsi2', "
                     "'property': 'fault-pos', 'value': %s}}", value);
}

/*
 * fault-pos at run time (issue 14 item 4): the card's power-on values
 * change, as a POS store corrupted while the machine ran; the guest sees
 * them after the next reset, and a malformed value is refused at once.
 */
static void test_fault_pos_runtime(void)
{
    QTestState *qts = qtest_init("-M voyager -device ncr53c710-mca,slot=2,"
                                 "iobase=0x1000,id=scsi2");
    uint8_t pos4 = pos_read(qts, 2, 4);
    QDict *r;

    g_assert_cmphex(pos4, !=, 0x04);
    r = set_fault_pos(qts, "4=04");
    g_assert(qdict_haskey(r, "return"));
    qobject_unref(r);
    g_assert_cmphex(pos_read(qts, 2, 4), ==, pos4);
    qtest_system_reset(qts);
    g_assert_cmphex(pos_read(qts, 2, 4), ==, 0x04);

    r = set_fault_pos(qts, "9=00");
    g_assert_nonnull(strstr(qdict_get_str(qdict_get_qdict(r, "error"),
                                          "desc"), "fault-pos: '9=00'"));
    qobject_unref(r);
    r = set_fault_pos(qts, "");
    g_assert(qdict_haskey(r, "return"));
    qobject_unref(r);
    qtest_system_reset(qts);
    g_assert_cmphex(pos_read(qts, 2, 4), ==, pos4);
    qtest_quit(qts);
}

static void test_refused(void)
{
    /* Slot 0 holds the default adapter. */
    voyager_expect_refused("-M voyager -device ncr53c710-mca,slot=0",
                           "slot: MCA slot 0 is taken");
    voyager_expect_refused("-M voyager -device ncr53c710-mca,slot=4 "
                           "-device ncr53c710-mca,slot=4,iobase=0xc00",
                           "slot: MCA slot 4 is taken");
    voyager_expect_refused("-M voyager -device ncr53c710-mca,slot=8",
                           "slot: 8 is not an MCA slot");
    voyager_expect_refused("-M voyager -device "
                           "ncr53c710-mca,slot=1,iobase=0x900",
                           "iobase:");
    voyager_expect_refused("-M voyager -device ncr53c710-mca,slot=1,irq=7",
                           "irq:");
    voyager_expect_refused("-M voyager -device "
                           "ncr53c710-mca,slot=1,card-id=0x92",
                           "card-id:");
    voyager_expect_refused("-M voyager -device "
                           "ncr53c710-mca,slot=1,fault-pos=9=00",
                           "fault-pos:");
    voyager_expect_refused("-M voyager -device ncr-d700-mca,differential=1",
                           "differential:");
    voyager_expect_refused("-M voyager -device ncr-d700-mca,irq=13", "irq:");
}

/* `qom-get /machine/mca slots` lists every slot. */
static void test_slots_listing(void)
{
    QTestState *qts = qtest_init("-M voyager "
                                 "-device ncr53c710-mca,slot=6,irq=14,"
                                 "iobase=0x4000");
    QDict *r = qtest_qmp(qts, "{'execute': 'qom-get', 'arguments': "
                         "{'path': '/machine/mca', 'property': 'slots'}}");
    const char *s = qdict_get_str(r, "return");

    g_assert(strstr(s, "slot 0: id 01ba ncr53c710-mca enabled"));
    g_assert(strstr(s, "slot 1: empty"));
    g_assert(strstr(s, "slot 6: id 01ba"));
    g_assert(strstr(s, "I/O 0x4000-0x403f, IRQ 14"));
    qobject_unref(r);
    qtest_quit(qts);
}

/*
 * Slave IRR of the boot CPU's dyad (level-triggered): ISA IRQs 8-15 that
 * are routed to it (the VIC routes a request only to a CPU that has the
 * line unmasked).
 */
static uint8_t slave_irr(QTestState *qts)
{
    qtest_outb(qts, 0xa0, 0x0a);
    return qtest_inb(qts, 0xa0);
}

static void init_dyad_level(QTestState *qts)
{
    qtest_outb(qts, 0x20, 0x19);
    qtest_outb(qts, 0x21, 0x30);
    qtest_outb(qts, 0x21, 0x04);
    qtest_outb(qts, 0x21, 0x01);
    qtest_outb(qts, 0x21, 0xfb);
    qtest_outb(qts, 0xa0, 0x19);
    qtest_outb(qts, 0xa1, 0x38);
    qtest_outb(qts, 0xa1, 0x02);
    qtest_outb(qts, 0xa1, 0x01);
    qtest_outb(qts, 0xa1, 0xb7);    /* IRQ 11 and 14 unmasked */
}

/* INTR of the boot CPU (hardware id 0), as the VIC reports it. */
static bool intr0(QTestState *qts)
{
    QDict *r = qtest_qmp(qts, "{'execute': 'qom-get', 'arguments': "
                         "{'path': '/machine/vic', 'property': "
                         "'intr-level'}}");
    int64_t v = qdict_get_int(r, "return");

    qobject_unref(r);
    return v & 1;
}

/* The VIC's input lines (bit n: ISA IRQ n asserted), from `info pic`. */
static uint32_t vic_inputs(QTestState *qts)
{
    g_autofree char *out = qtest_hmp(qts, "info pic");
    const char *p = strstr(out, "inputs 0x"), *end;
    unsigned long v;

    g_assert(p);
    g_assert(qemu_strtoul(p + 7, &end, 16, &v) == 0);
    return v;
}

/* A SCRIPTS INT instruction (always) with @code in DSPS. */
static void put_int(QTestState *qts, uint32_t at, uint32_t code)
{
    qtest_writel(qts, at, 0x98080000);
    qtest_writel(qts, at + 4, code);
}

#define SCRIPT 0x100000
/* The 53C710 model's SCRIPTS yield (core patch 0014), in ns */
#define NCR710_YIELD_NS (500 * 1000)

/* The chip's interrupt reaches the VIC line POS selects, level-held. */
static void test_irq(void)
{
    QTestState *qts = qtest_init("-M voyager");
    uint32_t base = 0x800;

    init_dyad_level(qts);
    g_assert_cmphex(slave_irr(qts) & 0x08, ==, 0);
    put_int(qts, SCRIPT, 0x1234);
    qtest_outb(qts, base + DIEN, DSTAT_SIR);
    qtest_outl(qts, base + DSP, SCRIPT);
    g_assert_cmphex(qtest_inb(qts, base + ISTAT) & ISTAT_DIP, ==, ISTAT_DIP);
    g_assert_cmphex(qtest_inl(qts, base + DSPS), ==, 0x1234);
    /* IRQ 11 = slave line 3 (POS2 bits 7:6 = 2), through to INTR. */
    g_assert_cmphex(slave_irr(qts) & 0x08, ==, 0x08);
    g_assert_true(intr0(qts));
    g_assert_cmphex(vic_inputs(qts) & 0x4800, ==, 0x0800);
    /* POS moves the card to IRQ 14 (index 3): the request moves along. */
    pos_write(qts, 0, 2, 0xc1);
    g_assert_cmphex(vic_inputs(qts) & 0x4800, ==, 0x4000);
    /* Disabled: no request at all. */
    pos_write(qts, 0, 2, 0xc0);
    g_assert_cmphex(vic_inputs(qts) & 0x4800, ==, 0);
    pos_write(qts, 0, 2, 0x81);
    g_assert_cmphex(vic_inputs(qts) & 0x4800, ==, 0x0800);
    /* Reading DSTAT acknowledges it: the level drops. */
    g_assert_cmphex(qtest_inb(qts, base + DSTAT) & DSTAT_SIR, ==, DSTAT_SIR);
    g_assert_cmphex(vic_inputs(qts) & 0x0800, ==, 0);
    qtest_quit(qts);
}

/* Two cards on one IRQ line: the line is the OR of both. */
static void test_irq_shared(void)
{
    QTestState *qts = qtest_init("-M voyager "
                                 "-device ncr53c710-mca,slot=1,iobase=0xc00");

    put_int(qts, SCRIPT, 1);
    qtest_outl(qts, 0x800 + DSP, SCRIPT);
    qtest_outl(qts, 0xc00 + DSP, SCRIPT);
    g_assert_cmphex(vic_inputs(qts) & 0x0800, ==, 0x0800);
    qtest_inb(qts, 0x800 + DSTAT);
    g_assert_cmphex(vic_inputs(qts) & 0x0800, ==, 0x0800);
    qtest_inb(qts, 0xc00 + DSTAT);
    g_assert_cmphex(vic_inputs(qts) & 0x0800, ==, 0);
    qtest_quit(qts);
}

/*
 * The 53c700 core's host reset on the chip at @base: RST asserted 50 us
 * and dropped, an ISTAT software reset, then SIEN with the reset
 * interrupt enabled.  Returns SSTAT0 as read after that (acknowledging
 * it); @outlives says what ISTAT must have shown before the read.
 */
static uint8_t host_reset_sstat0(QTestState *qts, uint32_t base,
                                 bool outlives)
{
    qtest_outb(qts, base + SIEN, SSTAT0_RST);
    qtest_outb(qts, base + SCNTL1, SCNTL1_RST);
    qtest_clock_step(qts, 50 * 1000);
    qtest_outb(qts, base + SCNTL1, 0);
    qtest_outb(qts, base + ISTAT, ISTAT_RST);
    qtest_outb(qts, base + ISTAT, 0);
    qtest_outb(qts, base + SIEN, SSTAT0_RST);
    g_assert_cmphex(qtest_inb(qts, base + ISTAT) & ISTAT_SIP, ==,
                    outlives ? ISTAT_SIP : 0);
    return qtest_inb(qts, base + SSTAT0);
}

/*
 * With rst-outlives-reset the "SCSI reset detected" condition waits for
 * SIEN and interrupts (IRQ 11); without it the chip reset took it away.
 */
static void test_rst_outlives_reset(const void *data)
{
    bool outlives = GPOINTER_TO_INT(data);
    g_autofree char *args = g_strdup_printf(
        "-M voyager -global ncr53c710-mca.rst-outlives-reset=%s",
        outlives ? "on" : "off");
    QTestState *qts = qtest_init(args);
    uint32_t base = 0x800;

    /* Masked by the chip reset until SIEN: no interrupt before. */
    qtest_outb(qts, base + SCNTL1, SCNTL1_RST);
    qtest_outb(qts, base + SCNTL1, 0);
    g_assert_cmphex(vic_inputs(qts) & 0x0800, ==, 0);
    qtest_inb(qts, base + SSTAT0);

    g_assert_cmphex(host_reset_sstat0(qts, base, outlives), ==,
                    outlives ? SSTAT0_RST : 0);
    /* Reading SSTAT0 acknowledged it. */
    g_assert_cmphex(qtest_inb(qts, base + SSTAT0), ==, 0);
    g_assert_cmphex(vic_inputs(qts) & 0x0800, ==, 0);

    /* Before the read, the interrupt is up. */
    if (outlives) {
        qtest_outb(qts, base + SCNTL1, SCNTL1_RST);
        qtest_outb(qts, base + SCNTL1, 0);
        qtest_outb(qts, base + SIEN, SSTAT0_RST);
        g_assert_cmphex(vic_inputs(qts) & 0x0800, ==, 0x0800);
        /* A machine reset is a power-on reset: nothing survives it. */
        qtest_system_reset(qts);
        qtest_outb(qts, base + SIEN, SSTAT0_RST);
        g_assert_cmphex(qtest_inb(qts, base + SSTAT0), ==, 0);
        g_assert_cmphex(vic_inputs(qts) & 0x0800, ==, 0);
    }
    qtest_quit(qts);
}

/* The D700's property reaches both of its SIOPs. */
static void test_rst_outlives_reset_d700(void)
{
    QTestState *qts = qtest_init("-M voyager "
                                 "-device ncr-d700-mca,slot=3,"
                                 "rst-outlives-reset=on");

    g_assert_cmphex(host_reset_sstat0(qts, 0x6100, true), ==, SSTAT0_RST);
    g_assert_cmphex(host_reset_sstat0(qts, 0x6180, true), ==, SSTAT0_RST);
    qtest_quit(qts);
}

/*
 * SSTAT1 is a register of its own: the live RST/ line while SCNTL1
 * holds it, no latch left full by a CPU write of SODL, and nothing of
 * SSTAT0's pending condition (reading it acknowledges nothing).
 */
static void test_sstat1(void)
{
    QTestState *qts = qtest_init("-M voyager -global "
                                 "ncr53c710-mca.rst-outlives-reset=on");
    uint32_t base = 0x800;

    g_assert_cmphex(qtest_inb(qts, base + SSTAT1), ==, 0);
    qtest_outb(qts, base + SODL, 0x5a);
    g_assert_cmphex(qtest_inb(qts, base + SSTAT1), ==, 0);

    qtest_outb(qts, base + SCNTL1, SCNTL1_RST);
    g_assert_cmphex(qtest_inb(qts, base + SCNTL1) & SCNTL1_RST, ==,
                    SCNTL1_RST);
    g_assert_cmphex(qtest_inb(qts, base + SSTAT1), ==, SSTAT1_RST);
    qtest_outb(qts, base + SCNTL1, 0);
    g_assert_cmphex(qtest_inb(qts, base + SSTAT1), ==, 0);

    /* The reset's condition is SSTAT0's alone and still pending. */
    g_assert_cmphex(qtest_inb(qts, base + SSTAT0), ==, SSTAT0_RST);
    g_assert_cmphex(qtest_inb(qts, base + SSTAT0), ==, 0);

    /* A software reset of the chip drops RST/ with SCNTL1. */
    qtest_outb(qts, base + SCNTL1, SCNTL1_RST);
    qtest_outb(qts, base + ISTAT, ISTAT_RST);
    qtest_outb(qts, base + ISTAT, 0);
    g_assert_cmphex(qtest_inb(qts, base + SSTAT1), ==, 0);
    qtest_quit(qts);
}

/*
 * ISTAT's RST bit is the chip's software reset: a pending SCRIPTS
 * interrupt goes with the rest of the chip's state, and the bit holds
 * the chip until it is cleared.
 */
static void test_software_reset(void)
{
    QTestState *qts = qtest_init("-M voyager");
    uint32_t base = 0x800;

    put_int(qts, SCRIPT, 0x1234);
    qtest_outl(qts, base + SCRATCH, 0x5a5aa5a5);
    qtest_outb(qts, base + DIEN, DSTAT_SIR);
    qtest_outl(qts, base + DSP, SCRIPT);
    g_assert_cmphex(vic_inputs(qts) & 0x0800, ==, 0x0800);

    qtest_outb(qts, base + ISTAT, ISTAT_RST);
    g_assert_cmphex(vic_inputs(qts) & 0x0800, ==, 0);
    g_assert_cmphex(qtest_inb(qts, base + ISTAT), ==, ISTAT_RST);
    g_assert_cmphex(qtest_inl(qts, base + SCRATCH), ==, 0);
    g_assert_cmphex(qtest_inl(qts, base + DSPS), ==, 0);
    g_assert_cmphex(qtest_inb(qts, base + DSTAT) & DSTAT_SIR, ==, 0);
    qtest_outb(qts, base + ISTAT, 0);
    g_assert_cmphex(qtest_inb(qts, base + ISTAT), ==, 0);

    /* Out of reset, the chip runs SCRIPTS again. */
    qtest_outb(qts, base + DIEN, DSTAT_SIR);
    qtest_outl(qts, base + DSP, SCRIPT);
    g_assert_cmphex(qtest_inl(qts, base + DSPS), ==, 0x1234);
    g_assert_cmphex(vic_inputs(qts) & 0x0800, ==, 0x0800);
    qtest_quit(qts);
}

/* A 1 MiB raw image in the temporary directory. */
static char *make_img(void)
{
    char *img = NULL;
    int fd = g_file_open_tmp("voyager-mca-XXXXXX", &img, NULL);

    g_assert(fd >= 0);
    g_assert(ftruncate(fd, 1024 * 1024) == 0);
    close(fd);
    return img;
}

/*
 * SELECT target 0, MOVE 6-byte INQUIRY WHEN CMD, MOVE 36 WHEN DATA_IN,
 * MOVE 1 WHEN STATUS, INT 600Dh; a failed selection jumps to INT BADh.
 * SCRIPTS little-endian in guest memory; the chip's registers at @base.
 * The disk must answer with @product.
 */
static void inquiry(QTestState *qts, uint32_t base, const char *product)
{
    uint32_t cmd = 0x101000, buffer = 0x102000;
    uint32_t status = 0x103000, p = SCRIPT;
    uint8_t inq[6] = { 0x12, 0, 0, 0, 36, 0 };
    char buf[36];

    qtest_memwrite(qts, cmd, inq, sizeof(inq));
    qtest_writel(qts, p, 0x40010000);           /* SELECT 1 << 0 */
    qtest_writel(qts, p + 4, SCRIPT + 0x30);
    qtest_writel(qts, p + 8, 0x0a000006);       /* MOVE 6, WHEN CMD */
    qtest_writel(qts, p + 12, cmd);
    qtest_writel(qts, p + 16, 0x09000024);      /* MOVE 36, WHEN DATA_IN */
    qtest_writel(qts, p + 20, buffer);
    qtest_writel(qts, p + 24, 0x0b000001);      /* MOVE 1, WHEN STATUS */
    qtest_writel(qts, p + 28, status);
    put_int(qts, p + 0x20, 0x600d);
    put_int(qts, p + 0x30, 0xbad);
    qtest_writeb(qts, status, 0xff);
    memset(buf, 0, sizeof(buf));
    qtest_memwrite(qts, buffer, buf, sizeof(buf));

    qtest_outl(qts, base + DSP, SCRIPT);
    g_assert_cmphex(qtest_inl(qts, base + DSPS), ==, 0x600d);
    g_assert_cmphex(qtest_inb(qts, base + DSTAT) & DSTAT_SIR, ==, DSTAT_SIR);
    g_assert_cmphex(qtest_readb(qts, status), ==, 0);   /* GOOD */
    qtest_memread(qts, buffer, buf, sizeof(buf));
    g_assert_cmphex(buf[0], ==, 0);                     /* direct access */
    g_assert(!memcmp(buf + 8, "QEMU    ", 8));
    g_assert(!memcmp(buf + 16, product, strlen(product)));
}

/* The -drive if=scsi disk on the default adapter of either level. */
static void test_inquiry(const void *data)
{
    int level = GPOINTER_TO_INT(data);
    g_autofree char *img = make_img();
    g_autofree char *args = g_strdup_printf("-M voyager,level=%d "
                                            "-drive if=scsi,file=%s,"
                                            "format=raw", level, img);
    QTestState *qts = qtest_init(args);

    inquiry(qts, 0x800, "QEMU HARDDISK");
    qtest_quit(qts);
    unlink(img);
}

/*
 * A data-phase block move with no target selected: after reset the phase
 * bits read DATA OUT, so "MOVE 4, WHEN DATA_OUT" as the first SCRIPTS
 * instruction found no request (make fuzz: QEMU's 53C710 model aborted
 * on an assertion).  The SCRIPTS wait, no interrupt is raised, and an
 * abort from the driver ends the wait.
 */
static void test_move_unconnected(void)
{
    g_autofree char *img = make_img();
    g_autofree char *args = g_strdup_printf("-M voyager -drive if=scsi,"
                                            "file=%s,format=raw", img);
    QTestState *qts = qtest_init(args);
    uint32_t base = 0x800;

    qtest_writel(qts, SCRIPT, 0x08000004);      /* MOVE 4, WHEN DATA_OUT */
    qtest_writel(qts, SCRIPT + 4, 0x101000);
    put_int(qts, SCRIPT + 8, 0xbad);
    qtest_outl(qts, base + DSP, SCRIPT);
    g_assert_cmphex(qtest_inb(qts, base + ISTAT) & ISTAT_DIP, ==, 0);
    qtest_outb(qts, base + ISTAT, ISTAT_ABRT);
    g_assert_cmphex(qtest_inb(qts, base + ISTAT) & ISTAT_DIP, ==, ISTAT_DIP);
    g_assert_cmphex(qtest_inb(qts, base + DSTAT) & DSTAT_ABRT, ==, DSTAT_ABRT);
    /* the chip still works: an INQUIRY to the disk */
    qtest_outb(qts, base + ISTAT, 0);
    inquiry(qts, base, "QEMU HARDDISK");
    qtest_quit(qts);
    unlink(img);
}

/*
 * -M voyager with its -drive if=scsi disk @img behind blkdebug, with one
 * inject-error rule: @rule is its options ("event=...,iotype=...").
 */
static QTestState *init_blkdebug(const char *img, const char *rule)
{
    g_auto(GStrv) parts = g_strsplit(rule, ",", -1);
    g_autoptr(GString) args = g_string_new("-M voyager -drive if=scsi,"
        "format=raw,file.driver=blkdebug,file.image.driver=file,");
    int i;

    g_string_append_printf(args, "file.image.filename=%s", img);
    for (i = 0; parts[i]; i++) {
        g_string_append_printf(args, ",file.inject-error.0.%s", parts[i]);
    }
    return qtest_init(args->str);
}

/*
 * SELECT target 0 (with ATN and a MOVE 1 WHEN MSG_OUT of IDENTIFY if
 * @atn), MOVE @len WHEN CMD (@cdb), MOVE @out WHEN DATA_OUT (zeros; none
 * if @out is 0), MOVE 1 WHEN STATUS, INT 600Dh.  The status byte, once
 * the SCRIPTS have reached the INT; the main loop runs between qtest
 * commands, so a command the disk ends later (in a bottom half) ends
 * while this waits.
 */
static uint8_t simple_command(QTestState *qts, uint32_t base,
                              const uint8_t *cdb, int len, uint32_t out,
                              bool atn)
{
    uint32_t cmd = 0x101000, data = 0x102000, status = 0x103000;
    uint32_t msg = 0x104000, p = SCRIPT;
    int i;

    qtest_memwrite(qts, cmd, cdb, len);
    qtest_memset(qts, data, 0, out);
    qtest_writel(qts, p, atn ? 0x41010000 : 0x40010000); /* SELECT 1 << 0 */
    qtest_writel(qts, p + 4, SCRIPT + 0x30);
    p += 8;
    if (atn) {
        qtest_writeb(qts, msg, 0x80);               /* IDENTIFY, LUN 0 */
        qtest_writel(qts, p, 0x0e000001);           /* MOVE 1, MSG_OUT */
        qtest_writel(qts, p + 4, msg);
        p += 8;
    }
    qtest_writel(qts, p, 0x0a000000 | len);         /* MOVE len, WHEN CMD */
    qtest_writel(qts, p + 4, cmd);
    p += 8;
    if (out) {
        qtest_writel(qts, p, 0x08000000 | out);     /* MOVE out, DATA_OUT */
        qtest_writel(qts, p + 4, data);
        p += 8;
    }
    qtest_writel(qts, p, 0x0b000001);               /* MOVE 1, WHEN STATUS */
    qtest_writel(qts, p + 4, status);
    put_int(qts, p + 8, 0x600d);
    put_int(qts, SCRIPT + 0x30, 0xbad);
    qtest_writeb(qts, status, 0xff);

    qtest_outl(qts, base + DSP, SCRIPT);
    for (i = 0; i < 1000; i++) {
        if (qtest_inb(qts, base + ISTAT) & ISTAT_DIP) {
            break;
        }
        qtest_clock_step(qts, 1000);
        g_usleep(1000);
    }
    g_assert_cmphex(qtest_inb(qts, base + ISTAT) & ISTAT_DIP, ==, ISTAT_DIP);
    g_assert_cmphex(qtest_inl(qts, base + DSPS), ==, 0x600d);
    qtest_inb(qts, base + DSTAT);                   /* clears DIP */
    return qtest_readb(qts, status);
}

/*
 * A SYNCHRONIZE CACHE that fails in the host (blkdebug: EIO on the flush
 * to disk, which scsi-disk reports after the request went asynchronous):
 * a command with no data phase that the disk ends later.  Its status byte
 * must be CHECK CONDITION (02h).  QEMU's model went to the status phase
 * at once and sent the status of the command before, the WRITE's GOOD
 * (00h); the late completion then switched the phase under whatever ran
 * next (core patch 0020).  The TEST UNIT READY takes the power-on UNIT
 * ATTENTION; the WRITE gives the flush something to flush.
 */
static void test_flush_status(void)
{
    g_autofree char *img = make_img();
    QTestState *qts = init_blkdebug(img, "event=flush_to_disk,iotype=flush");
    static const uint8_t tur[6] = { 0x00 };
    static const uint8_t write1[10] = { 0x2a, 0, 0, 0, 0, 8, 0, 0, 1, 0 };
    static const uint8_t sync[10] = { 0x35 };
    uint32_t base = 0x800;

    g_assert_cmphex(simple_command(qts, base, tur, 6, 0, false), ==, 0x02);
    g_assert_cmphex(simple_command(qts, base, write1, 10, 512, false), ==,
                    0x00);
    g_assert_cmphex(simple_command(qts, base, sync, 10, 0, false), ==, 0x02);
    /* the chip still works: an INQUIRY to the disk */
    inquiry(qts, base, "QEMU HARDDISK");
    qtest_quit(qts);
    unlink(img);
}

/*
 * A machine with the disk @img behind blkdebug, which holds each read
 * 300 ms: after the power-on UNIT ATTENTION (taken by a TEST UNIT
 * READY), start SCRIPTS on the chip at @base that READ one block from
 * target 0; they wait for its data.
 */
static const uint8_t test_unit_ready[6] = { 0x00 };

static QTestState *start_held_read(const char *img, uint32_t base)
{
    QTestState *qts = init_blkdebug(img, "event=read_aio,iotype=read,"
                                    "errno=0,delay-ns=300000000");
    const uint8_t *tur = test_unit_ready;
    static const uint8_t read1[10] = { 0x28, 0, 0, 0, 0, 8, 0, 0, 1, 0 };
    uint32_t cmd = 0x101000, data = 0x102000;

    /* the power-on UNIT ATTENTION */
    g_assert_cmphex(simple_command(qts, base, tur, 6, 0, false), ==, 0x02);

    qtest_memwrite(qts, cmd, read1, sizeof(read1));
    qtest_writel(qts, SCRIPT, 0x40010000);          /* SELECT 1 << 0 */
    qtest_writel(qts, SCRIPT + 4, SCRIPT + 0x30);
    qtest_writel(qts, SCRIPT + 8, 0x0a00000a);      /* MOVE 10, WHEN CMD */
    qtest_writel(qts, SCRIPT + 12, cmd);
    qtest_writel(qts, SCRIPT + 16, 0x09000200);     /* MOVE 512, DATA_IN */
    qtest_writel(qts, SCRIPT + 20, data);
    put_int(qts, SCRIPT + 24, 0x600d);
    put_int(qts, SCRIPT + 0x30, 0xbad);
    qtest_outl(qts, base + DSP, SCRIPT);
    g_assert_cmphex(qtest_inb(qts, base + ISTAT) & ISTAT_DIP, ==, 0);
    return qts;
}

/*
 * The driver restarts the SCRIPTS (a write to DSP) while a READ waits for
 * its data, and they start another command: the READ's data, which comes
 * later (blkdebug holds each read for 300 ms), belongs to a request the
 * adapter no longer has.  QEMU's model dropped it without cancelling it,
 * and its data then ended QEMU on an assertion.  The new command must
 * complete, and the chip go on working.
 */
static void test_restart_during_read(void)
{
    g_autofree char *img = make_img();
    const uint8_t *tur = test_unit_ready;
    uint32_t base = 0x800;
    QTestState *qts = start_held_read(img, base);

    /*
     * Restarted before the data came: SELECT with ATN (the model lets it
     * through while the READ's target holds the bus), a TEST UNIT READY.
     */
    g_assert_cmphex(simple_command(qts, base, tur, 6, 0, true), ==, 0x00);
    /* the READ's data comes now, to no one */
    g_usleep(600 * 1000);
    qtest_clock_step(qts, 1000);
    g_assert_cmphex(simple_command(qts, base, tur, 6, 0, false), ==, 0x00);
    qtest_quit(qts);
    unlink(img);
}

/*
 * The chip reset while a READ waits for its data (the 53c700 core's
 * host reset, after its command timed out): the reset cancels the
 * request, whose data would otherwise come to a chip that no longer has
 * it (QEMU ended on an assertion).
 */
static void test_reset_during_read(void)
{
    g_autofree char *img = make_img();
    const uint8_t *tur = test_unit_ready;
    uint32_t base = 0x800;
    QTestState *qts = start_held_read(img, base);

    qtest_outb(qts, base + ISTAT, ISTAT_RST);
    qtest_outb(qts, base + ISTAT, 0);
    /* the READ's data would come now */
    g_usleep(600 * 1000);
    qtest_clock_step(qts, 1000);
    g_assert_cmphex(qtest_inb(qts, base + ISTAT), ==, 0);
    /* The target was not reset: no new UNIT ATTENTION, and it answers. */
    g_assert_cmphex(simple_command(qts, base, tur, 6, 0, false), ==, 0x00);
    qtest_quit(qts);
    unlink(img);
}

/*
 * A guard for the qtests whose SCRIPTS never end: with a model that runs
 * them to their end inside the register write, the write never returns.
 * Fail within seconds (libqtest's abort handler kills QEMU) instead of
 * waiting for the test harness's time-out.
 */
static void scripts_hung(int sig)
{
    static const char msg[] = "the SCRIPTS held QEMU: no answer in 20 s\n";

    if (write(STDERR_FILENO, msg, sizeof(msg) - 1) < 0) {
        /* nothing more to do */
    }
    abort();
}

static void scripts_guard(bool on)
{
    struct sigaction sa = { .sa_handler = on ? scripts_hung : SIG_DFL };

    if (!on) {
        alarm(0);
    }
    sigemptyset(&sa.sa_mask);
    sigaction(SIGALRM, &sa, NULL);
    if (on) {
        alarm(20);
    }
}

/*
 * The make fuzz hangs: one byte written to the top of DSP started the
 * SCRIPTS at 5D000000h, above RAM, where every fetch reads zero and each
 * empty dword is skipped.  The walk through the address space (6.8e8
 * fetches, ended by whatever non-zero word it met: the SUS or the BIOS)
 * ran inside that one write.  The SCRIPTS processor now yields after 500
 * instructions, so the write returns with DSP 500 dwords on, QEMU
 * answers, and each 500 us of virtual time runs 500 more.
 */
static void test_scripts_empty_walk(void)
{
    QTestState *qts = qtest_init("-M voyager,level=4");
    uint32_t base = 0x800, start = 0x5d000000;
    QDict *r;

    scripts_guard(true);
    qtest_outb(qts, base + DSP + 3, start >> 24);
    scripts_guard(false);
    g_assert_cmphex(qtest_inl(qts, base + DSP), ==, start + 500 * 4);
    r = qtest_qmp(qts, "{'execute': 'query-status'}");
    g_assert(qdict_haskey(r, "return"));
    qobject_unref(r);
    qtest_clock_step(qts, NCR710_YIELD_NS);
    g_assert_cmphex(qtest_inl(qts, base + DSP), ==, start + 1000 * 4);
    /* no interrupt; a reset stops the walk */
    g_assert_cmphex(qtest_inb(qts, base + ISTAT) & ISTAT_DIP, ==, 0);
    qtest_system_reset(qts);
    qtest_clock_step(qts, 5 * 1000 * 1000);
    g_assert_cmphex(qtest_inl(qts, base + DSP), ==, 0);
    qtest_quit(qts);
}

/*
 * A memory move copies up to 16 MiB in one instruction; the bytes count
 * against the SCRIPTS budget (core patch 0016), one instruction for
 * each 4 KiB.  Two 4 MiB moves and an INT: each move ends a go (1 + 1024
 * > 500), so the start returns with DSP at the second move, the next
 * yield's end runs it and stops at the INT, the one after runs the INT.
 * Before the patch the start ran all three inside the write.  The data
 * arrives whole.
 */
static void test_scripts_memmove_budget(void)
{
    QTestState *qts = qtest_init("-M voyager -m 64");
    uint32_t base = 0x800, src = 0x200000, dst = 0x800000, n = 4 << 20;
    uint32_t i;

    for (i = 0; i < 2; i++) {
        qtest_writel(qts, SCRIPT + 12 * i, 0xc0000000 | n);    /* MOVE MEMORY */
        qtest_writel(qts, SCRIPT + 12 * i + 4, src);
        qtest_writel(qts, SCRIPT + 12 * i + 8, dst + i * n);
    }
    put_int(qts, SCRIPT + 24, 0x600d);
    qtest_writel(qts, src, 0x11223344);
    qtest_writel(qts, src + n - 4, 0x55667788);

    scripts_guard(true);
    qtest_outl(qts, base + DSP, SCRIPT);
    scripts_guard(false);
    g_assert_cmphex(qtest_inl(qts, base + DSP), ==, SCRIPT + 12);
    g_assert_cmphex(qtest_inb(qts, base + ISTAT) & ISTAT_DIP, ==, 0);
    qtest_clock_step(qts, 600 * 1000);
    g_assert_cmphex(qtest_inl(qts, base + DSP), ==, SCRIPT + 24);
    g_assert_cmphex(qtest_inb(qts, base + ISTAT) & ISTAT_DIP, ==, 0);
    qtest_clock_step(qts, 600 * 1000);
    g_assert_cmphex(qtest_inb(qts, base + ISTAT) & ISTAT_DIP, ==, ISTAT_DIP);
    g_assert_cmphex(qtest_inl(qts, base + DSPS), ==, 0x600d);
    for (i = 0; i < 2; i++) {
        g_assert_cmphex(qtest_readl(qts, dst + i * n), ==, 0x11223344);
        g_assert_cmphex(qtest_readl(qts, dst + i * n + n - 4), ==, 0x55667788);
    }
    qtest_quit(qts);
}

/*
 * A MSG OUT move walks its bytes a FIFO-full (8) at a time, each read
 * from memory, past padding bytes (00h); each FIFO-full counts against
 * the SCRIPTS budget and the move stops in the middle (core patch 0019).
 * SELECT ATN the disk, MOVE 1 MiB of padding WHEN MSG_OUT, INT 600Dh:
 * the start returns after SELECT, the MOVE and 498 FIFO-fulls, with DSP
 * past the move and the rest in DBC; each go after moves 499 more.
 * Before the patch the whole move and the INT ran inside the write (and
 * 500 moves of 16 MiB held QEMU for minutes under make fuzz).  An abort
 * in the middle drops the rest, and the chip then works.
 */
static void test_scripts_msgout_budget(void)
{
    g_autofree char *img = make_img();
    g_autofree char *args = g_strdup_printf("-M voyager -m 64 -drive "
                                            "if=scsi,file=%s,format=raw", img);
    QTestState *qts = qtest_init(args);
    uint32_t base = 0x800, msg = 0x200000, n = 1 << 20, left;
    int i;

    qtest_writel(qts, SCRIPT, 0x41010000);      /* SELECT ATN 1 << 0 */
    qtest_writel(qts, SCRIPT + 4, SCRIPT + 0x30);
    qtest_writel(qts, SCRIPT + 8, 0x0e000000 | n);  /* MOVE n, WHEN MSG_OUT */
    qtest_writel(qts, SCRIPT + 12, msg);
    put_int(qts, SCRIPT + 16, 0x600d);
    put_int(qts, SCRIPT + 0x30, 0xbad);

    for (i = 0; i < 2; i++) {
        scripts_guard(true);
        qtest_outl(qts, base + DSP, SCRIPT);
        scripts_guard(false);
        g_assert_cmphex(qtest_inb(qts, base + ISTAT) & ISTAT_DIP, ==, 0);
        g_assert_cmphex(qtest_inl(qts, base + DSP), ==, SCRIPT + 16);
        left = qtest_inl(qts, base + DBC) & 0xffffff;
        g_assert_cmpuint(left, ==, n - 498 * 8);
        qtest_clock_step(qts, NCR710_YIELD_NS);
        g_assert_cmpuint(qtest_inl(qts, base + DBC) & 0xffffff, ==,
                         left - 499 * 8);
        g_assert_cmphex(qtest_inb(qts, base + ISTAT) & ISTAT_DIP, ==, 0);
        if (i == 0) {
            /* the abort: the rest of the move is dropped */
            qtest_outb(qts, base + ISTAT, ISTAT_ABRT);
            g_assert_cmphex(qtest_inb(qts, base + DSTAT) & DSTAT_ABRT, ==,
                            DSTAT_ABRT);
            qtest_outb(qts, base + ISTAT, 0);
            left = qtest_inl(qts, base + DBC) & 0xffffff;
            qtest_clock_step(qts, 10 * NCR710_YIELD_NS);
            g_assert_cmpuint(qtest_inl(qts, base + DBC) & 0xffffff, ==, left);
        }
    }
    /* n / 8 FIFO-fulls at 499 a go: 263 goes in all */
    qtest_clock_step(qts, 300 * NCR710_YIELD_NS);
    g_assert_cmphex(qtest_inb(qts, base + ISTAT) & ISTAT_DIP, ==, ISTAT_DIP);
    g_assert_cmphex(qtest_inl(qts, base + DSPS), ==, 0x600d);
    g_assert_cmpuint(qtest_inl(qts, base + DBC) & 0xffffff, ==, 0);
    qtest_quit(qts);
    unlink(img);
}

/*
 * The three hangs of make fuzz (qemu/tests/fuzz-voyager/regress/), each
 * replayed as its one access on the layout it was found on, with the
 * fuzzer's disks (null-co: no file, reads return zeroes).  The fuzzing
 * build replays the inputs themselves (scripts/fuzz.sh --regress-only);
 * this puts the same accesses into make check with the ordinary build:
 * each write starts SCRIPTS where memory reads zero and must return
 * after 500 skipped dwords (before core patch 0014 it returned after
 * 6.8e8 to 1.07e9), and QEMU must go on answering.
 */
static void test_fuzz_regress(void)
{
    static const char null_drive[] =
        "file=null-co://,format=raw,file.read-zeroes=on";
    static const struct {
        const char *name, *args;
        uint16_t port;
        int size;
        uint32_t value;
    } finding[] = {
        { "ncr710-l5-timeout-9087b0a1",
          "-M voyager,cards=dyad -nodefaults -drive if=scsi,%s",
          0x82c, 4, 0x00260164 },
        { "ncr710-l4-timeout-a8cb49f0",
          "-M voyager,level=4 -nodefaults -drive if=scsi,%s",
          0x82f, 1, 0x5d },
        { "d700-timeout-2f44b577",
          "-M voyager,cards=dyad -nodefaults -device ncr-d700-mca,slot=5,id=d7 "
          "-drive if=none,id=d0,%s -device scsi-hd,drive=d0,bus=d7.0,scsi-id=0 "
          "-device ncr53c710-mca,slot=3,card-id=0x01bb,fault-pos=4=04",
          0x61af, 1, 0x3d },
    };
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(finding); i++) {
        g_autofree char *args = g_strdup_printf(finding[i].args, null_drive);
        QTestState *qts = qtest_init(args);
        uint32_t start;
        QDict *r;

        g_test_message("%s", finding[i].name);
        scripts_guard(true);
        if (finding[i].size == 4) {
            qtest_outl(qts, finding[i].port, finding[i].value);
            start = finding[i].value;
        } else {
            /* the top byte of DSP */
            qtest_outb(qts, finding[i].port, finding[i].value);
            start = finding[i].value << 24;
        }
        scripts_guard(false);
        /* every fetch read an empty dword: the write yielded after 500 */
        g_assert_cmphex(qtest_inl(qts, finding[i].port & ~3), ==,
                        start + 500 * 4);
        r = qtest_qmp(qts, "{'execute': 'query-status'}");
        g_assert(qdict_haskey(r, "return"));
        qobject_unref(r);
        qtest_clock_step(qts, 5 * 1000 * 1000);
        qtest_quit(qts);
    }
}

/*
 * A SCRIPTS program that never ends, JUMP to itself: the chip stays busy
 * (no interrupt) while QEMU and its monitor go on answering, and the
 * driver's abort (ISTAT ABRT) stops it; the chip then works.
 */
static void test_scripts_jump_self(void)
{
    g_autofree char *img = make_img();
    g_autofree char *args = g_strdup_printf("-M voyager -drive if=scsi,"
                                            "file=%s,format=raw", img);
    QTestState *qts = qtest_init(args);
    uint32_t base = 0x800;
    g_autofree char *out = NULL;

    qtest_writel(qts, SCRIPT, 0x80080000);      /* JUMP SCRIPT */
    qtest_writel(qts, SCRIPT + 4, SCRIPT);
    scripts_guard(true);
    qtest_outl(qts, base + DSP, SCRIPT);
    scripts_guard(false);
    out = qtest_hmp(qts, "info status");
    g_assert(strstr(out, "running"));
    qtest_clock_step(qts, 5 * 1000 * 1000);     /* 10 more yields */
    g_assert_cmphex(qtest_inl(qts, base + DSP), ==, SCRIPT);
    g_assert_cmphex(qtest_inb(qts, base + ISTAT) & ISTAT_DIP, ==, 0);
    qtest_outb(qts, base + ISTAT, ISTAT_ABRT);
    g_assert_cmphex(qtest_inb(qts, base + ISTAT) & ISTAT_DIP, ==, ISTAT_DIP);
    g_assert_cmphex(qtest_inb(qts, base + DSTAT) & DSTAT_ABRT, ==, DSTAT_ABRT);
    qtest_outb(qts, base + ISTAT, 0);
    /* stopped: a yielded loop would now run into the INT */
    put_int(qts, SCRIPT, 0xbad);
    qtest_clock_step(qts, 5 * 1000 * 1000);
    g_assert_cmphex(qtest_inb(qts, base + ISTAT) & ISTAT_DIP, ==, 0);
    /* the chip still works: an INQUIRY to the disk */
    inquiry(qts, base, "QEMU HARDDISK");
    qtest_quit(qts);
    unlink(img);
}

/* POS3 behind the sub-address in POS6 (the D700's way). */
static uint8_t pos_sub(QTestState *qts, int slot, int sub)
{
    uint8_t v;

    qtest_outb(qts, ADP_SETUP, 0x08 | slot);
    qtest_outb(qts, POS(6), sub);
    v = qtest_inb(qts, POS(3));
    qtest_outb(qts, ADP_SETUP, 0);
    return v;
}

/* The D700: id, sub-addressed POS, module control, two SIOPs, IRQ. */
static void test_d700(void)
{
    g_autofree char *img0 = make_img();
    g_autofree char *img1 = make_img();
    g_autofree char *args = g_strdup_printf(
        "-M voyager -device ncr-d700-mca,slot=3,id=d7,irq=14,differential=2 "
        "-drive if=none,id=a,file=%s,format=raw "
        "-device scsi-hd,drive=a,bus=d7.0,scsi-id=0,product=SIOP0-DISK "
        "-drive if=none,id=b,file=%s,format=raw "
        "-device scsi-hd,drive=b,bus=d7.1,scsi-id=0,product=SIOP1-DISK",
        img0, img1);
    QTestState *qts = qtest_init(args);

    g_assert_cmphex(pos_id(qts, 3), ==, 0x0092);
    /* Board base 6000h at sub-addresses 9/10, SIOPs 6100h at 0/1. */
    g_assert_cmphex(pos_sub(qts, 3, 9), ==, 0x60);
    g_assert_cmphex(pos_sub(qts, 3, 10), ==, 0x00);
    g_assert_cmphex(pos_sub(qts, 3, 0), ==, 0x61);
    g_assert_cmphex(pos_sub(qts, 3, 1), ==, 0x00);
    /* IRQ 14 = index 2; board interrupt off until the driver enables. */
    g_assert_cmphex(pos_read(qts, 3, 4), ==, 0x02);
    /* Module control: bits 7:6 = 0, SIOP1 differential. */
    g_assert_cmphex(qtest_inb(qts, 0x6008) >> 6, ==, 0);
    /* The SIOPs at 6100h and 6180h, each its own chip. */
    qtest_outl(qts, 0x6100 + SCRATCH, 0x11111111);
    qtest_outl(qts, 0x6180 + SCRATCH, 0x22222222);
    g_assert_cmphex(qtest_inl(qts, 0x6100 + SCRATCH), ==, 0x11111111);
    g_assert_cmphex(qtest_inl(qts, 0x6180 + SCRATCH), ==, 0x22222222);
    /* Two disks on two SIOPs; with the board interrupt off, no IRQ. */
    inquiry(qts, 0x6100, "SIOP0-DISK");
    inquiry(qts, 0x6180, "SIOP1-DISK");
    put_int(qts, SCRIPT, 1);
    qtest_outl(qts, 0x6180 + DSP, SCRIPT);
    g_assert_cmphex(vic_inputs(qts) & 0x4000, ==, 0);
    pos_write(qts, 3, 4, 0x02 | 0x04);
    g_assert_cmphex(vic_inputs(qts) & 0x4000, ==, 0x4000);
    qtest_inb(qts, 0x6180 + DSTAT);
    g_assert_cmphex(vic_inputs(qts) & 0x4000, ==, 0);
    /* A new SIOP base through sub-address 0: 7000h/7080h. */
    qtest_outb(qts, ADP_SETUP, 0x08 | 3);
    qtest_outb(qts, POS(6), 0);
    qtest_outb(qts, POS(3), 0x70);
    qtest_outb(qts, ADP_SETUP, 0);
    g_assert_cmphex(qtest_inl(qts, 0x7080 + SCRATCH), ==, 0x22222222);
    g_assert_cmphex(qtest_inl(qts, 0x6180 + SCRATCH), !=, 0x22222222);
    qtest_quit(qts);
    unlink(img0);
    unlink(img1);
}

/* ---- the NE/2 network card ------------------------------------------ */

/* DP8390 page 0 registers and the NE/2's own ports */
#define NE_CMD      0x00
#define NE_RSAR0    0x08
#define NE_RSAR1    0x09
#define NE_RBCR0    0x0a
#define NE_RBCR1    0x0b
#define NE_ISR      0x07
#define NE_RCR      0x0c
#define NE_TCR      0x0d
#define NE_DCR      0x0e
#define NE_IMR      0x0f
#define NE_DATA     0x10
#define NE_RESET    0x20

#define NE_CMD_STOP_NODMA   0x21
#define NE_CMD_START_NODMA  0x22
#define NE_CMD_RREAD        0x0a    /* remote read, start */
#define NE_CMD_RWRITE       0x12    /* remote write, start */
#define NE_ISR_RDC          0x40
#define NE_ISR_RESET        0x80

/* Remote DMA set-up: @count bytes of card memory from @addr. */
static void ne2_dma(QTestState *qts, uint32_t base, uint16_t addr,
                    uint16_t count, uint8_t cmd)
{
    qtest_outb(qts, base + NE_RBCR0, count & 0xff);
    qtest_outb(qts, base + NE_RBCR1, count >> 8);
    qtest_outb(qts, base + NE_RSAR0, addr & 0xff);
    qtest_outb(qts, base + NE_RSAR1, addr >> 8);
    qtest_outb(qts, base + NE_CMD, cmd);
}

/*
 * POS2 as the old ne2 driver decodes it (base index in bits 3:1, IRQ index
 * in bits 6:5), the probe's CMD read-back, the reset port at 20h (not
 * the ISA card's 1Fh), and the station address PROM read the way the
 * driver reads it: word-wide DMA from 0, one inb per byte.
 */
static void test_ne2_pos(void)
{
    QTestState *qts = qtest_init("-M voyager -device ne2-mca,slot=3,"
                                 "iobase=0x8020,irq=9,"
                                 "mac=52:54:00:c0:ff:ee");
    static const uint8_t mac[6] = { 0x52, 0x54, 0x00, 0xc0, 0xff, 0xee };
    uint32_t base = 0x8020;
    QDict *r;
    int i;

    g_assert_cmphex(pos_id(qts, 3), ==, 0x7154);
    /* enabled | base index 3 (8020h) << 1 | IRQ index 3 (9) << 5 */
    g_assert_cmphex(pos_read(qts, 3, 2), ==, 0x67);

    qtest_outb(qts, base + NE_CMD, NE_CMD_STOP_NODMA);
    g_assert_cmphex(qtest_inb(qts, base + NE_CMD), ==, NE_CMD_STOP_NODMA);

    /*
     * Reset through 20h: ISR reports it; 1Fh resets nothing.  Started,
     * the 8390 leaves its reset state (ISR bit 7 follows the state: it
     * stays up while the chip is stopped).
     */
    qtest_outb(qts, base + NE_CMD, NE_CMD_START_NODMA);
    qtest_outb(qts, base + NE_ISR, 0xff);
    g_assert_cmphex(qtest_inb(qts, base + NE_ISR), ==, 0);
    qtest_inb(qts, base + 0x1f);
    g_assert_cmphex(qtest_inb(qts, base + NE_ISR), ==, 0);
    qtest_outb(qts, base + NE_RESET, qtest_inb(qts, base + NE_RESET));
    g_assert_cmphex(qtest_inb(qts, base + NE_ISR) & NE_ISR_RESET, ==,
                    NE_ISR_RESET);

    /* The PROM: word-wide, loopback, 32 bytes from 0. */
    qtest_outb(qts, base + NE_DCR, 0x49);
    qtest_outb(qts, base + NE_IMR, 0);
    qtest_outb(qts, base + NE_ISR, 0xff);
    qtest_outb(qts, base + NE_RCR, 0x20);
    qtest_outb(qts, base + NE_TCR, 0x02);
    ne2_dma(qts, base, 0, 32, NE_CMD_RREAD);
    for (i = 0; i < 6; i++) {
        g_assert_cmphex(qtest_inb(qts, base + NE_DATA), ==, mac[i]);
    }

    r = qtest_qmp(qts, "{'execute': 'qom-get', 'arguments': "
                  "{'path': '/machine/mca', 'property': 'slots'}}");
    g_assert(strstr(qdict_get_str(r, "return"),
                    "slot 3: id 7154 ne2-mca enabled"));
    g_assert(strstr(qdict_get_str(r, "return"),
                    "I/O 0x8020-0x804f, IRQ 9, MAC 52:54:00:c0:ff:ee"));
    qobject_unref(r);

    /* Disabled, the ports float; POS moves them to 1000h (index 1). */
    pos_write(qts, 3, 2, 0x66);
    g_assert_cmphex(qtest_inb(qts, base + NE_CMD), ==, 0xff);
    pos_write(qts, 3, 2, 0x63);
    g_assert_cmphex(qtest_inb(qts, base + NE_CMD), ==, 0xff);
    qtest_outb(qts, 0x1000 + NE_CMD, NE_CMD_STOP_NODMA);
    g_assert_cmphex(qtest_inb(qts, 0x1000 + NE_CMD), ==, NE_CMD_STOP_NODMA);
    /* Base index 0 selects nothing. */
    pos_write(qts, 3, 2, 0x61);
    g_assert_cmphex(qtest_inb(qts, 0x1000 + NE_CMD), ==, 0xff);
    qtest_quit(qts);
}

/* Remote DMA done raises the IRQ POS selects, held until acknowledged. */
static void test_ne2_irq(void)
{
    QTestState *qts = qtest_init("-M voyager -device ne2-mca,irq=9");
    uint32_t base = 0x1000;
    int i;

    qtest_outb(qts, base + NE_DCR, 0x49);
    qtest_outb(qts, base + NE_ISR, 0xff);
    qtest_outb(qts, base + NE_IMR, NE_ISR_RDC);
    g_assert_cmphex(vic_inputs(qts) & 0x0200, ==, 0);
    ne2_dma(qts, base, 0x4000, 8, NE_CMD_RWRITE);
    for (i = 0; i < 4; i++) {
        qtest_outw(qts, base + NE_DATA, 0x1111 * i);
    }
    g_assert_cmphex(qtest_inb(qts, base + NE_ISR) & NE_ISR_RDC, ==,
                    NE_ISR_RDC);
    g_assert_cmphex(vic_inputs(qts) & 0x0200, ==, 0x0200);
    /* Read back what was written. */
    ne2_dma(qts, base, 0x4000, 8, NE_CMD_RREAD);
    for (i = 0; i < 4; i++) {
        g_assert_cmphex(qtest_inw(qts, base + NE_DATA), ==, 0x1111 * i);
    }
    /* POS to IRQ 3 (index 0): the request moves along. */
    pos_write(qts, 1, 2, 0x03);
    g_assert_cmphex(vic_inputs(qts) & 0x0208, ==, 0x0008);
    qtest_outb(qts, base + NE_ISR, 0xff);
    g_assert_cmphex(vic_inputs(qts) & 0x0208, ==, 0);
    qtest_quit(qts);
}

/* -nic with model ne2 adds a card in the first free slot; none without. */
static void test_ne2_nic_option(void)
{
    QTestState *qts = qtest_init("-M voyager -nic user,model=ne2,"
                                 "mac=52:54:00:00:00:42");

    g_assert_cmphex(pos_id(qts, 1), ==, 0x7154);
    g_assert_cmphex(pos_id(qts, 2), ==, 0xffff);
    qtest_quit(qts);

    qts = qtest_init("-M voyager -nic user");
    g_assert_cmphex(pos_id(qts, 1), ==, 0xffff);
    qtest_quit(qts);
}

static void test_ne2_refused(void)
{
    voyager_expect_refused("-M voyager -device ne2-mca,iobase=0x300",
                           "iobase: 0x300 is not an I/O base of the NE/2");
    voyager_expect_refused("-M voyager -device ne2-mca,irq=11",
                           "irq: 11 is not an IRQ of the NE/2");
    voyager_expect_refused("-M voyager -device ne2-mca,card-id=0x56ea",
                           "card-id: 56EAh is not an NE/2-compatible card");
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    qtest_add_func("/voyager/mca/ids-level5", test_ids_level5);
    qtest_add_func("/voyager/mca/ids-level4", test_ids_level4);
    qtest_add_func("/voyager/mca/no-default", test_no_default);
    qtest_add_func("/voyager/mca/setup-mode", test_setup_mode);
    qtest_add_func("/voyager/mca/enable-and-base", test_enable_and_base);
    qtest_add_func("/voyager/mca/004f", test_004f);
    qtest_add_func("/voyager/mca/fault-pos", test_fault_pos);
    qtest_add_func("/voyager/mca/fault-pos-runtime", test_fault_pos_runtime);
    qtest_add_func("/voyager/mca/refused", test_refused);
    qtest_add_func("/voyager/mca/d700", test_d700);
    qtest_add_func("/voyager/mca/move-unconnected", test_move_unconnected);
    qtest_add_func("/voyager/mca/flush-status", test_flush_status);
    qtest_add_func("/voyager/mca/restart-during-read",
                   test_restart_during_read);
    qtest_add_func("/voyager/mca/reset-during-read", test_reset_during_read);
    qtest_add_func("/voyager/mca/scripts-empty-walk",
                   test_scripts_empty_walk);
    qtest_add_func("/voyager/mca/scripts-jump-self", test_scripts_jump_self);
    qtest_add_func("/voyager/mca/fuzz-regress", test_fuzz_regress);
    qtest_add_func("/voyager/mca/scripts-memmove-budget",
                   test_scripts_memmove_budget);
    qtest_add_func("/voyager/mca/scripts-msgout-budget",
                   test_scripts_msgout_budget);
    qtest_add_func("/voyager/mca/slots-listing", test_slots_listing);
    qtest_add_func("/voyager/mca/irq", test_irq);
    qtest_add_func("/voyager/mca/irq-shared", test_irq_shared);
    qtest_add_data_func("/voyager/mca/rst-outlives-reset/on",
                        GINT_TO_POINTER(true), test_rst_outlives_reset);
    qtest_add_data_func("/voyager/mca/rst-outlives-reset/off",
                        GINT_TO_POINTER(false), test_rst_outlives_reset);
    qtest_add_func("/voyager/mca/rst-outlives-reset/d700",
                   test_rst_outlives_reset_d700);
    qtest_add_func("/voyager/mca/sstat1", test_sstat1);
    qtest_add_func("/voyager/mca/software-reset", test_software_reset);
    qtest_add_func("/voyager/mca/ne2-pos", test_ne2_pos);
    qtest_add_func("/voyager/mca/ne2-irq", test_ne2_irq);
    qtest_add_func("/voyager/mca/ne2-nic-option", test_ne2_nic_option);
    qtest_add_func("/voyager/mca/ne2-refused", test_ne2_refused);
    qtest_add_data_func("/voyager/mca/inquiry-level4", GINT_TO_POINTER(4),
                        test_inquiry);
    qtest_add_data_func("/voyager/mca/inquiry-level5", GINT_TO_POINTER(5),
                        test_inquiry);
    return g_test_run();
}
