/*
 * voyager-qic-test.c: qtest for the NCR Voyager QIC (quad cards)
 *
 * Written from the hardware reference (voyager-hw.md) section 5 and the
 * choices of its section 10 (items 1, 11-15): QIC CPIs sent through the
 * memory-mapped CPI area and cleared through FC8Bh (5.4, 10.13, 10.14),
 * per-CPU masks reached through the card-local masquerade FC71h (5.3,
 * 10.11), who-am-I of quad CPUs (4.3, 10.1), the extended CPU's INTR
 * carrying both its VIC and its QIC interrupts (10.12), CMN_INT on quad
 * CPUs (5.5), the QIC boot CPI of a parked sibling (5.1, 6.2).  qtest has
 * no CPU, so port accesses act as the boot CPU (CPU 0, the extended CPU
 * of the quad card in slot 0); the INTR lines of that card's four CPUs
 * are the QIC's outputs 0-3 (quad-local index j), watched with the
 * interrupt intercept.
 *
 * Copyright (c) 2026 The NCR Voyager Linux port developers
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "libqtest.h"
#include "voyager-qtest.h"
#include "qobject/qdict.h"
#include "qobject/qlist.h"

#define INTR_PATH "/machine/qic0"

static bool intr(QTestState *qts, int n)
{
    return voyager_intr(qts, INTR_PATH, n);
}

#define VIC_CPI0      0xfc00
#define VIC_MASQ      0xfc21
#define VIC_WHO_AM_I  0xfc29

#define QIC_MASQ      0xfc71
#define QIC_VIC_BASE  0xfc79
#define QIC_CPI_BASE  0xfc7a
#define QIC_MASK0     0xfc80
#define QIC_MASK1     0xfc81
#define QIC_CLEAR0    0xfc8a
#define QIC_CLEAR1    0xfc8b

/*
 * The CPI area of the quad card in @slot: the address its QABC reports
 * over the CAT bus (reference 5.2 bytes 5-7; voyager-cat-test checks the
 * QABC), fixed by the machine in voyager_config.h.
 */
#define CPI_AREA(slot) (0xfff00000u + (slot) * 0x1000u)

/* Word at offset 0Ch of line @cpi of quad CPU @j's block (reference 5.4) */
static uint64_t cpi_word(int slot, int j, int cpi)
{
    return CPI_AREA(slot) + j * 0x100 + cpi * 0x20 + 0x0c;
}

/* Act as quad-local CPU @j of the card (-1: stop), reference 5.3. */
static void qmasq(QTestState *qts, int j)
{
    qtest_outb(qts, QIC_MASQ, j < 0 ? 0 : 0x08 | j);
}

static void set_mask1(QTestState *qts, int j, uint8_t val)
{
    qmasq(qts, j);
    qtest_outb(qts, QIC_MASK1, val);
    qmasq(qts, -1);
}

static uint8_t read_reg(QTestState *qts, int j, uint16_t port)
{
    uint8_t val;

    qmasq(qts, j);
    val = qtest_inb(qts, port);
    qmasq(qts, -1);
    return val;
}

static void write_reg(QTestState *qts, int j, uint16_t port, uint8_t val)
{
    qmasq(qts, j);
    qtest_outb(qts, port, val);
    qmasq(qts, -1);
}

/* Send QIC CPI @cpi to CPU @j of @slot as the old kernel did (5.4). */
static void send_cpi(QTestState *qts, int slot, int j, int cpi)
{
    qtest_writel(qts, cpi_word(slot, j, cpi), (0 << 16) + cpi);
}

/*
 * Start parked sibling @j of the slot 0 card by the "one-two" boot
 * (reference 5.1, 6.2, 6.3 step 7): mask 1 of the sibling lowered to FEh
 * through the masquerade, QIC CPI 0 written to line 0 of its block.  Its
 * firmware takes the CPI and starts it with CPI 0 in service (INTR low,
 * CPI 0 still latched, reference 12); the started CPU then clears it
 * (FC8Bh <- 01h, reading the line back) and masks everything again.
 */
static void start_sibling(QTestState *qts, int j)
{
    int i;

    set_mask1(qts, j, 0xfe);
    send_cpi(qts, 0, j, 0);
    for (i = 0; i < 1000 && intr(qts, j); i++) {
        /* the parked CPUs' firmware takes one acknowledge per 100 us */
        qtest_clock_step(qts, 100 * 1000);
    }
    g_assert_false(intr(qts, j));
    g_assert_cmphex(read_reg(qts, j, QIC_CLEAR1), ==, 0x01);
    write_reg(qts, j, QIC_CLEAR1, 0x01);
    qtest_readw(qts, cpi_word(0, j, 0));
    g_assert_cmphex(read_reg(qts, j, QIC_CLEAR1), ==, 0x00);
    set_mask1(qts, j, 0xff);
}

/* @cards with the slot 0 card's CPUs started (CPU 0 is the boot CPU). */
static QTestState *start(const char *cards)
{
    QTestState *qts = qtest_initf("-M voyager,cards=%s", cards);
    int j;

    for (j = 1; j < 4; j++) {
        start_sibling(qts, j);
    }
    return qts;
}

/* Reference 6.1: the firmware leaves every QIC mask set; 5.3 bases. */
static void test_reset(void)
{
    QTestState *qts = qtest_init("-M voyager,cards=quad");
    int j;

    for (j = 0; j < 4; j++) {
        g_assert_cmphex(read_reg(qts, j, QIC_MASK0), ==, 0xff);
        g_assert_cmphex(read_reg(qts, j, QIC_MASK1), ==, 0xff);
        g_assert_cmphex(read_reg(qts, j, QIC_CLEAR1), ==, 0x00);
    }
    g_assert_cmphex(qtest_inb(qts, QIC_VIC_BASE), ==, 0xc0);
    g_assert_cmphex(qtest_inb(qts, QIC_CPI_BASE), ==, 0xd0);
    qtest_quit(qts);
}

/* Reference 5.3, 10.11: masks per CPU, bases per card, masquerade. */
static void test_masquerade(void)
{
    QTestState *qts = start("quad:quad");
    int j;

    g_assert_cmphex(qtest_inb(qts, QIC_MASQ), ==, 0x00);
    for (j = 0; j < 4; j++) {
        write_reg(qts, j, QIC_MASK1, 0x10 + j);
        write_reg(qts, j, QIC_MASK0, 0xf0 | j);
    }
    for (j = 0; j < 4; j++) {
        qmasq(qts, j);
        g_assert_cmphex(qtest_inb(qts, QIC_MASQ), ==, 0x08 | j);
        g_assert_cmphex(qtest_inb(qts, QIC_MASK1), ==, 0x10 + j);
        g_assert_cmphex(qtest_inb(qts, QIC_MASK0), ==, 0xf0 | j);
    }
    qmasq(qts, -1);
    /* Restored: the accessor's own registers (CPU 0, j = 0). */
    g_assert_cmphex(qtest_inb(qts, QIC_MASK1), ==, 0x10);
    /* Reference 6.3 step 3: the extended CPU programs the card's bases. */
    qtest_outb(qts, QIC_VIC_BASE, 0xc0);
    qtest_outb(qts, QIC_CPI_BASE, 0xd0);
    g_assert_cmphex(read_reg(qts, 3, QIC_CPI_BASE), ==, 0xd0);
    g_assert_cmphex(read_reg(qts, 2, QIC_VIC_BASE), ==, 0xc0);
    qtest_quit(qts);
}

/* Reference 5.4, 10.13, 10.14: send, mask, clear on several CPUs. */
static void test_cpi(void)
{
    QTestState *qts = start("quad:quad");
    int j;

    /* Runtime masks 81h: CPIs 1-6 enabled (reference 5.3). */
    for (j = 0; j < 4; j++) {
        set_mask1(qts, j, 0x81);
    }
    /* Reschedule (QIC CPI 3) to CPU 4 = quad-local 1. */
    send_cpi(qts, 0, 1, 3);
    g_assert_true(intr(qts, 1));
    g_assert_false(intr(qts, 0));
    g_assert_false(intr(qts, 2));
    g_assert_false(intr(qts, 3));
    g_assert_cmphex(read_reg(qts, 1, QIC_CLEAR1), ==, 0x08);
    /* The acknowledge's read-back: no new CPI, the value written. */
    g_assert_cmphex(qtest_readl(qts, cpi_word(0, 1, 3)), ==, 3);
    g_assert_cmphex(qtest_readw(qts, cpi_word(0, 2, 4)), ==, 0);
    g_assert_false(intr(qts, 2));
    /* Level style: pending until cleared by the receiver, FC8Bh. */
    write_reg(qts, 0, QIC_CLEAR1, 0x08);    /* another CPU's: no effect */
    g_assert_true(intr(qts, 1));
    write_reg(qts, 1, QIC_CLEAR1, 0x08);
    g_assert_false(intr(qts, 1));
    g_assert_cmphex(read_reg(qts, 1, QIC_CLEAR1), ==, 0x00);

    /* Masked CPI 0 and 7: latched, no INTR until unmasked. */
    send_cpi(qts, 0, 2, 0);
    send_cpi(qts, 0, 2, 7);
    g_assert_false(intr(qts, 2));
    g_assert_cmphex(read_reg(qts, 2, QIC_CLEAR1), ==, 0x81);
    set_mask1(qts, 2, 0x01);
    g_assert_true(intr(qts, 2));
    write_reg(qts, 2, QIC_CLEAR1, 0x80);
    g_assert_false(intr(qts, 2));
    write_reg(qts, 2, QIC_CLEAR1, 0x01);

    /* Any write within the 32-byte line raises it (10.13). */
    qtest_writeb(qts, CPI_AREA(0) + 3 * 0x100 + 2 * 0x20 + 0x1f, 0);
    g_assert_true(intr(qts, 3));
    write_reg(qts, 3, QIC_CLEAR1, 0x04);
    g_assert_false(intr(qts, 3));
    qtest_writeb(qts, CPI_AREA(0) + 3 * 0x100 + 6 * 0x20, 0);
    g_assert_true(intr(qts, 3));
    write_reg(qts, 3, QIC_CLEAR1, 0x40);

    /* Several CPUs at once; the extended CPU (j = 0) too. */
    for (j = 0; j < 4; j++) {
        send_cpi(qts, 0, j, 1 + j);
    }
    for (j = 0; j < 4; j++) {
        g_assert_true(intr(qts, j));
    }
    for (j = 0; j < 4; j++) {
        write_reg(qts, j, QIC_CLEAR1, 1u << (1 + j));
        g_assert_false(intr(qts, j));
    }

    /* The other card's area reaches only that card (slot 1). */
    send_cpi(qts, 1, 1, 3);
    for (j = 0; j < 4; j++) {
        g_assert_false(intr(qts, j));
    }
    qtest_quit(qts);
}

/* Reference 4.3, 10.1: C0h | id for quad CPUs, E0h | id on 8 slots. */
static void test_whoami(void)
{
    QTestState *qts = qtest_init("-M voyager,cards=quad:quad:quad:quad");
    int id;

    g_assert_cmphex(qtest_inb(qts, VIC_WHO_AM_I), ==, 0xc0);
    for (id = 1; id < 8; id++) {
        qtest_outb(qts, VIC_MASQ, 0x08 | id);
        g_assert_cmphex(qtest_inb(qts, VIC_WHO_AM_I), ==, 0xc0 | id);
    }
    qtest_outb(qts, VIC_MASQ, 0);
    qtest_quit(qts);

    qts = qtest_init("-M voyager,slots=8,cards=quad:quad:mono");
    g_assert_cmphex(qtest_inb(qts, VIC_WHO_AM_I), ==, 0xe0);
    qtest_outb(qts, VIC_MASQ, 0x08 | 1);
    g_assert_cmphex(qtest_inb(qts, VIC_WHO_AM_I), ==, 0xe1);
    qtest_outb(qts, VIC_MASQ, 0x08 | 2);    /* the mono CPU: one-hot */
    g_assert_cmphex(qtest_inb(qts, VIC_WHO_AM_I), ==, 0x04);
    qtest_outb(qts, VIC_MASQ, 0);
    qtest_quit(qts);
}

/* Initialise the master 8259 of the accessor level-triggered (4.6). */
static void init_master(QTestState *qts, uint8_t imr)
{
    qtest_outb(qts, 0x20, 0x19);
    qtest_outb(qts, 0x21, 0x30);
    qtest_outb(qts, 0x21, 0x04);
    qtest_outb(qts, 0x21, 0x01);
    qtest_outb(qts, 0x21, imr);
}

/* Reference 10.12: the extended CPU's INTR has VIC and QIC interrupts. */
static void test_extended(void)
{
    QTestState *qts = start("quad");

    init_master(qts, 0xfe);             /* VIC CPI level 0 only */
    set_mask1(qts, 0, 0xfd);            /* QIC CPI 1 only */
    qtest_outb(qts, VIC_CPI0, 0x01);    /* VIC CPI level 0 to CPU 0 */
    g_assert_true(intr(qts, 0));
    g_assert_false(intr(qts, 1));
    qtest_outb(qts, 0x20, 0x0c);        /* poll-acknowledge: line 0 */
    g_assert_cmphex(qtest_inb(qts, 0x20), ==, 0x80);
    g_assert_false(intr(qts, 0));
    qtest_outb(qts, 0x20, 0x60);

    send_cpi(qts, 0, 0, 1);
    g_assert_true(intr(qts, 0));
    qtest_outb(qts, QIC_CLEAR1, 0x02);
    g_assert_false(intr(qts, 0));

    /* Both: the line stays up until both are handled. */
    send_cpi(qts, 0, 0, 1);
    qtest_outb(qts, VIC_CPI0, 0x01);
    g_assert_true(intr(qts, 0));
    qtest_outb(qts, QIC_CLEAR1, 0x02);
    g_assert_true(intr(qts, 0));
    qtest_outb(qts, 0x20, 0x0c);
    g_assert_cmphex(qtest_inb(qts, 0x20), ==, 0x80);
    qtest_outb(qts, 0x20, 0x60);
    g_assert_false(intr(qts, 0));
    /* QIC masks do not gate the VIC (10.12). */
    set_mask1(qts, 0, 0xff);
    qtest_outb(qts, VIC_CPI0, 0x01);
    g_assert_true(intr(qts, 0));
    qtest_quit(qts);
}

/* Reference 5.3, 5.5, 10.15: CMN_INT/SYS_INT on quad CPUs, mask 0. */
static void test_cmn_int(void)
{
    QTestState *qts = start("quad");
    int j;

    for (j = 0; j < 3; j++) {
        write_reg(qts, j, QIC_MASK0, 0xf7);  /* the kernel's value */
    }
    init_master(qts, 0x7f);             /* VIC line 7 of CPU 0 open */
    /* The QIC inputs: 0 = SYS_INT, 1 = CMN_INT, broadcast. */
    qtest_set_irq_in(qts, "/machine/qic0", NULL, 0, 1);
    for (j = 0; j < 4; j++) {
        g_assert_false(intr(qts, j));
    }
    qtest_set_irq_in(qts, "/machine/qic0", NULL, 1, 1);
    g_assert_true(intr(qts, 0));
    g_assert_true(intr(qts, 1));
    g_assert_true(intr(qts, 2));
    g_assert_false(intr(qts, 3));  /* masked */
    g_assert_cmphex(read_reg(qts, 1, QIC_CLEAR0), ==, 0x0c);
    /* The sources drop before the clears (held, they re-latch: D8). */
    qtest_set_irq_in(qts, "/machine/qic0", NULL, 0, 0);
    qtest_set_irq_in(qts, "/machine/qic0", NULL, 1, 0);
    write_reg(qts, 1, QIC_CLEAR0, 0x08);
    g_assert_false(intr(qts, 1));
    g_assert_true(intr(qts, 2));
    write_reg(qts, 2, QIC_CLEAR0, 0x0c);
    write_reg(qts, 0, QIC_CLEAR0, 0x0c);
    g_assert_false(intr(qts, 0));
    g_assert_false(intr(qts, 2));
    /* The VIC's CMN_INT does not reach a quad CPU through its dyad. */
    qtest_set_irq_in(qts, "/machine/vic", NULL, 17, 1);
    g_assert_false(intr(qts, 0));
    qtest_quit(qts);
}

/* Reference 5.1, 6.2: the "one-two" boot of every sibling. */
static void test_boot_cpi(void)
{
    QTestState *qts = qtest_init("-M voyager,cards=quad");
    int j;

    send_cpi(qts, 0, 1, 0);             /* masked: stays latched */
    g_assert_false(intr(qts, 1));
    write_reg(qts, 1, QIC_CLEAR1, 0x01);
    for (j = 1; j < 4; j++) {
        start_sibling(qts, j);
    }
    /* Running CPUs: CPI 0 is an ordinary interrupt now. */
    set_mask1(qts, 1, 0xfe);
    send_cpi(qts, 0, 1, 0);
    g_assert_true(intr(qts, 1));
    qtest_quit(qts);
}

/* fault-dead-cpu holds for quad siblings too: the CPI is never taken. */
static void test_dead_sibling(void)
{
    QTestState *qts = qtest_init("-M voyager,cards=quad,fault-dead-cpu=8");
    int i;

    set_mask1(qts, 2, 0xfe);
    send_cpi(qts, 0, 2, 0);
    for (i = 0; i < 100; i++) {
        qtest_clock_step(qts, 100 * 1000);  /* 100 firmware polls */
    }
    g_assert_true(intr(qts, 2));
    g_assert_cmphex(read_reg(qts, 2, QIC_CLEAR1), ==, 0x01);
    qtest_quit(qts);
}

/* Any value to any QIC port or CPI area offset must not crash QEMU. */
static void test_robust(void)
{
    QTestState *qts = start("quad:dyad:quad");
    uint32_t seed = 4242;
    int i;

    for (i = 0; i < 20000; i++) {
        uint64_t addr;

        seed = seed * 1103515245 + 12345;
        switch ((seed >> 16) % 4) {
        case 0:
            if ((seed >> 24) & 1) {
                qtest_inb(qts, 0xfc70 + ((seed >> 8) % 0x90));
            } else {
                qtest_outb(qts, 0xfc70 + ((seed >> 8) % 0x90), seed >> 3);
            }
            break;
        case 1:
            addr = CPI_AREA(((seed >> 4) & 1) * 2) + ((seed >> 6) % 0x400);
            switch ((seed >> 26) & 7) {
            case 0:
                qtest_writeb(qts, addr, seed);
                break;
            case 1:
                qtest_writew(qts, addr, seed);
                break;
            case 2:
                qtest_writel(qts, addr, seed);
                break;
            case 3:
                qtest_writeq(qts, addr, seed);
                break;
            case 4:
                qtest_readb(qts, addr);
                break;
            case 5:
                qtest_readw(qts, addr);
                break;
            case 6:
                qtest_readl(qts, addr);
                break;
            default:
                qtest_readq(qts, addr);
                break;
            }
            break;
        case 2:
            qtest_set_irq_in(qts, "/machine/qic0", NULL, (seed >> 8) & 1,
                             (seed >> 14) & 1);
            break;
        default:
            qtest_set_irq_in(qts, "/machine/qic0", "vic-intr",
                             (seed >> 8) & 3, (seed >> 14) & 1);
            break;
        }
    }
    qtest_quit(qts);
}

static void qic_set_int(QTestState *qts, const char *prop, int64_t val)
{
    QDict *r = qtest_qmp(qts, "{'execute': 'qom-set', 'arguments': "
                         "{'path': %s, 'property': %s, "
                         "'value': %" PRId64 "}}", INTR_PATH, prop, val);

    g_assert(qdict_haskey(r, "return"));
    qobject_unref(r);
}

/*
 * Field @field of quad CPU @j in the QIC's "cpu-state" (a list of dicts,
 * one per quad CPU): the state as data, not scraped from `info pic`.
 */
static int64_t qic_field(QTestState *qts, int j, const char *field)
{
    QDict *r = qtest_qmp(qts, "{'execute': 'qom-get', 'arguments': "
                         "{'path': %s, 'property': 'cpu-state'}}",
                         INTR_PATH);
    const QListEntry *e;
    int64_t v = -1;
    int i = 0;

    QLIST_FOREACH_ENTRY(qdict_get_qlist(r, "return"), e) {
        QDict *d = qobject_to(QDict, qlist_entry_obj(e));

        if (i++ == j) {
            g_assert_cmpint(qdict_get_int(d, "quad-index"), ==, j);
            v = qdict_get_int(d, field);
        }
    }
    qobject_unref(r);
    return v;
}

/*
 * Fidelity audit D8: CMN_INT and SYS_INT are level sources ("otherwise
 * the cmn int will be reasserted"): a clear through FC8Ah while the
 * source still asserts latches the event again, so INTR stays up; once
 * the source drops, the clear ends it.  The old QIC latched only rising
 * edges, so the clear under a held CMN_INT dropped INTR for good.
 */
static void test_cmn_level(void)
{
    QTestState *qts = start("quad");
    int j;

    for (j = 0; j < 4; j++) {
        write_reg(qts, j, QIC_MASK0, j == 1 ? 0xfb : 0xf7);
    }
    qtest_set_irq_in(qts, "/machine/qic0", NULL, 1, 1);
    g_assert_true(intr(qts, 0));
    write_reg(qts, 0, QIC_CLEAR0, 0x08);
    g_assert_true(intr(qts, 0));
    g_assert_cmphex(read_reg(qts, 0, QIC_CLEAR0), ==, 0x08);
    qtest_set_irq_in(qts, "/machine/qic0", NULL, 1, 0);
    write_reg(qts, 0, QIC_CLEAR0, 0x08);
    g_assert_false(intr(qts, 0));
    g_assert_cmphex(read_reg(qts, 0, QIC_CLEAR0), ==, 0x00);
    /* SYS_INT the same, on CPU j = 1 (mask 0 FBh). */
    qtest_set_irq_in(qts, "/machine/qic0", NULL, 0, 1);
    g_assert_true(intr(qts, 1));
    write_reg(qts, 1, QIC_CLEAR0, 0x04);
    g_assert_true(intr(qts, 1));
    /* SYS latched again; the CMN_INT event above is latched, masked. */
    g_assert_cmphex(qic_field(qts, 1, "sys-cmn-latch"), ==, 0x0c);
    g_assert_cmpint(qic_field(qts, 1, "cpu"), ==, 4);
    qtest_set_irq_in(qts, "/machine/qic0", NULL, 0, 0);
    write_reg(qts, 1, QIC_CLEAR0, 0x04);
    g_assert_false(intr(qts, 1));
    g_assert_cmphex(qic_field(qts, 1, "sys-cmn-latch"), ==, 0x08);
    qtest_quit(qts);
}

/*
 * Fidelity audit D30 ("the cpi read/write may occur anywhere in the
 * cache line"; whether a read by another CPU triggers is unknown): with
 * cpi-trigger=read-write a read of line 1 of CPU j = 1's block (hardware
 * CPU 4) by CPU 0 raises QIC CPI 1 at CPU 4; a read by CPU 4 itself (its
 * acknowledge read-back) raises nothing.  With the default, write, reads
 * never trigger (the old and still default behaviour; the property did
 * not exist before).  x-accessor names the reading CPU.
 */
static void test_cpi_trigger(void)
{
    QTestState *qts = qtest_init("-M voyager,cards=quad "
                                 "-global voyager-qic.cpi-trigger=read-write");
    int j;

    for (j = 1; j < 4; j++) {
        start_sibling(qts, j);
    }
    set_mask1(qts, 1, 0xfd);
    qic_set_int(qts, "x-accessor", 4);
    qtest_readw(qts, cpi_word(0, 1, 1));
    g_assert_false(intr(qts, 1));
    qic_set_int(qts, "x-accessor", 0);
    qtest_readl(qts, cpi_word(0, 1, 1) + 0x10);
    g_assert_true(intr(qts, 1));
    g_assert_false(intr(qts, 0));
    g_assert_cmphex(read_reg(qts, 1, QIC_CLEAR1), ==, 0x02);
    write_reg(qts, 1, QIC_CLEAR1, 0x02);
    g_assert_false(intr(qts, 1));
    qtest_quit(qts);

    qts = start("quad");
    set_mask1(qts, 1, 0xfd);
    qic_set_int(qts, "x-accessor", 0);
    qtest_readw(qts, cpi_word(0, 1, 1));
    g_assert_false(intr(qts, 1));
    send_cpi(qts, 0, 1, 1);
    g_assert_true(intr(qts, 1));
    qtest_quit(qts);
}

/*
 * Fidelity audit section 6, [mail-4100]: a 4100 quad card wires a second
 * VIC line to quad CPU 1 (QABC SET bit 5).  The QIC merges the VIC INTR
 * of any of its CPUs (named input "vic-intr", one per quad CPU) into that
 * CPU's INTR, ungated by the QIC masks, as for the first-line CPU.
 */
static void test_vic_line2(void)
{
    QTestState *qts = start("quad");

    g_assert_false(intr(qts, 1));
    qtest_set_irq_in(qts, INTR_PATH, "vic-intr", 1, 1);
    g_assert_true(intr(qts, 1));
    g_assert_false(intr(qts, 0));
    send_cpi(qts, 0, 1, 2);         /* masked QIC CPI: no change */
    qtest_set_irq_in(qts, INTR_PATH, "vic-intr", 1, 0);
    g_assert_false(intr(qts, 1));
    qtest_quit(qts);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    qtest_add_func("voyager/qic/reset", test_reset);
    qtest_add_func("voyager/qic/masquerade", test_masquerade);
    qtest_add_func("voyager/qic/cpi", test_cpi);
    qtest_add_func("voyager/qic/whoami", test_whoami);
    qtest_add_func("voyager/qic/extended", test_extended);
    qtest_add_func("voyager/qic/cmn-int", test_cmn_int);
    qtest_add_func("voyager/qic/boot-cpi", test_boot_cpi);
    qtest_add_func("voyager/qic/dead-sibling", test_dead_sibling);
    qtest_add_func("voyager/qic/robust", test_robust);
    qtest_add_func("voyager/qic/cmn-level", test_cmn_level);
    qtest_add_func("voyager/qic/cpi-trigger", test_cpi_trigger);
    qtest_add_func("voyager/qic/vic-line2", test_vic_line2);
    return g_test_run();
}
