/*
 * voyager-vic-test.c: qtest for the NCR Voyager VIC
 *
 * Written from the hardware reference (voyager-hw.md) section 4 and the
 * choices of its section 10: who-am-I through masquerade (4.3, 4.9),
 * per-CPU 8259 masks (4.1, 4.7), static and dynamic IRQ routing (4.5,
 * 10.9), CPI send and acknowledge (4.8, 10.4).  qtest has no CPU, so
 * accesses act as the boot CPU; the per-CPU INTR outputs are watched
 * with the interrupt intercept.
 *
 * Copyright (c) 2026 The NCR Voyager Linux port developers
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "qemu/timer.h"
#include "libqtest.h"
#include "qobject/qdict.h"
#include "qobject/qlist.h"
#include "qobject/qnum.h"

#define INTR_PATH "/machine/vic"

/*
 * INTR of output @n as the device reports it (the qom property
 * "intr-level"): qtest's irq_intercept_out would disconnect the outputs
 * from the board, which starts the CPUs.
 */
static bool intr(QTestState *qts, int n)
{
    QDict *r = qtest_qmp(qts, "{'execute': 'qom-get', 'arguments': "
                         "{'path': %s, 'property': 'intr-level'}}", INTR_PATH);
    int64_t v = qdict_get_int(r, "return");

    qobject_unref(r);
    return v & (1 << n);
}

#define VIC_CPI0     0xfc00
#define VIC_CPI1     0xfc01
#define VIC_PRIO     0xfc20
#define VIC_MASQ     0xfc21
#define VIC_WHO_AM_I 0xfc29
#define VIC_CLAIM0   0xfc38
#define VIC_CPI_BASE 0xfc41

static void masq(QTestState *qts, int cpu)
{
    qtest_outb(qts, VIC_MASQ, cpu < 0 ? 0 : 0x08 | cpu);
}

/*
 * Start parked CPU @cpu with the boot CPI as the old kernel did
 * (reference 6.2): unmask its line 0 through the masquerade, send CPI
 * level 0.  The firmware acknowledges it and starts the CPU at the IVT
 * gate with the CPI still in service (reference 12), so its ISR bit 0
 * becomes set; the started CPU then EOIs it.
 */
static void start_cpu(QTestState *qts, int cpu)
{
    int i;
    uint8_t isr = 0;

    masq(qts, cpu);
    qtest_outb(qts, 0x21, 0xfe);
    masq(qts, -1);
    qtest_outb(qts, VIC_CPI0, 1u << cpu);
    for (i = 0; i < 10000 && !(isr & 1); i++) {
        masq(qts, cpu);
        qtest_outb(qts, 0x20, 0x0b);
        isr = qtest_inb(qts, 0x20);
        masq(qts, -1);
    }
    g_assert_cmphex(isr, ==, 0x01);
    masq(qts, cpu);
    qtest_outb(qts, 0x20, 0x60);
    qtest_outb(qts, 0x21, 0xff);
    masq(qts, -1);
}

/* Two dyads: VIC CPUs 0, 1, 4, 5 (reference 4.1), all started. */
static QTestState *start(void)
{
    QTestState *qts = qtest_init("-M voyager,cards=dyad:dyad");

    start_cpu(qts, 1);
    start_cpu(qts, 4);
    start_cpu(qts, 5);
    return qts;
}

/* Initialise the master 8259 of @cpu level-triggered (reference 4.6). */
static void init_master(QTestState *qts, int cpu, uint8_t imr)
{
    masq(qts, cpu);
    qtest_outb(qts, 0x20, 0x19);
    qtest_outb(qts, 0x21, 0x30);
    qtest_outb(qts, 0x21, 0x04);
    qtest_outb(qts, 0x21, 0x01);
    qtest_outb(qts, 0x21, imr);
    masq(qts, -1);
}

static void test_whoami(void)
{
    QTestState *qts = start();
    int cpu;

    g_assert_cmphex(qtest_inb(qts, VIC_WHO_AM_I), ==, 0x01);
    for (cpu = 0; cpu < 8; cpu++) {
        if (cpu == 2 || cpu == 3 || cpu >= 6) {
            continue;
        }
        masq(qts, cpu);
        g_assert_cmphex(qtest_inb(qts, VIC_WHO_AM_I), ==, 1u << cpu);
        g_assert_cmphex(qtest_inb(qts, VIC_MASQ), ==, 0x08 | cpu);
    }
    masq(qts, -1);
    g_assert_cmphex(qtest_inb(qts, VIC_WHO_AM_I), ==, 0x01);
    qtest_quit(qts);
}

static void test_masks(void)
{
    QTestState *qts = start();

    qtest_outb(qts, 0x21, 0xaa);
    qtest_outb(qts, 0xa1, 0x5a);
    masq(qts, 5);
    g_assert_cmphex(qtest_inb(qts, 0x21), ==, 0xff);
    qtest_outb(qts, 0x21, 0x55);
    g_assert_cmphex(qtest_inb(qts, 0x21), ==, 0x55);
    masq(qts, -1);
    g_assert_cmphex(qtest_inb(qts, 0x21), ==, 0xaa);
    g_assert_cmphex(qtest_inb(qts, 0xa1), ==, 0x5a);
    /* Reference 4.6: ICW1 clears the IMR. */
    init_master(qts, 4, 0x00);
    masq(qts, 4);
    g_assert_cmphex(qtest_inb(qts, 0x21), ==, 0x00);
    masq(qts, -1);
    qtest_quit(qts);
}

static void test_routing(void)
{
    QTestState *qts = start();

    init_master(qts, 0, 0xf7);      /* IRQ3 unmasked */
    init_master(qts, 1, 0xf7);
    /* Dynamic: lowest priority wins (reference 4.5). */
    qtest_outb(qts, VIC_PRIO, 3);   /* CPU 0 busy */
    qtest_set_irq_in(qts, "/machine/vic", NULL, 3, 1);
    g_assert_false(intr(qts, 0));
    g_assert_true(intr(qts, 1));
    /* CPU 1 masks it: re-offered to CPU 0 (reference 4.5 lazy disable). */
    masq(qts, 1);
    qtest_outb(qts, 0x21, 0xff);
    masq(qts, -1);
    g_assert_true(intr(qts, 0));
    g_assert_false(intr(qts, 1));
    masq(qts, 1);
    qtest_outb(qts, 0x21, 0xf7);
    masq(qts, -1);
    g_assert_true(intr(qts, 1));
    /* Static claim FFh by CPU 0: all IRQs 0-7 go to it. */
    qtest_outb(qts, VIC_CLAIM0, 0xff);
    g_assert_true(intr(qts, 0));
    g_assert_false(intr(qts, 1));
    /* Poll-acknowledge on CPU 0: line 3; in service until EOI. */
    qtest_outb(qts, 0x20, 0x0c);
    g_assert_cmphex(qtest_inb(qts, 0x20), ==, 0x83);
    g_assert_false(intr(qts, 0));
    qtest_set_irq_in(qts, "/machine/vic", NULL, 3, 0);
    qtest_outb(qts, 0x20, 0x63);
    g_assert_false(intr(qts, 0));
    qtest_quit(qts);
}

static void test_cpi(void)
{
    QTestState *qts = start();

    g_assert_cmphex(qtest_inb(qts, VIC_CPI_BASE), ==, 0xc0);
    init_master(qts, 4, 0xfe);      /* line 0 only, as for a boot CPI */
    /* Reference 4.2: CPI level 0 to CPU 4 = write 10h to FC00h. */
    qtest_outb(qts, VIC_CPI0, 0x10);
    g_assert_true(intr(qts, 4));
    g_assert_false(intr(qts, 0));
    /* Level 1 is masked on CPU 4: latched, no interrupt. */
    qtest_outb(qts, VIC_CPI1, 0x10);
    masq(qts, 4);
    qtest_outb(qts, 0x20, 0x0c);
    g_assert_cmphex(qtest_inb(qts, 0x20), ==, 0x80);
    masq(qts, -1);
    g_assert_false(intr(qts, 4));
    /* Sent again while in service: latched, delivered after EOI (10.4). */
    qtest_outb(qts, VIC_CPI0, 0x10);
    g_assert_false(intr(qts, 4));
    masq(qts, 4);
    qtest_outb(qts, 0x20, 0x0b);
    g_assert_cmphex(qtest_inb(qts, 0x20), ==, 0x01);  /* ISR */
    qtest_outb(qts, 0x20, 0x60);                       /* EOI line 0 */
    masq(qts, -1);
    g_assert_true(intr(qts, 4));
    masq(qts, 4);
    qtest_outb(qts, 0x20, 0x0a);
    g_assert_cmphex(qtest_inb(qts, 0x20) & 0x03, ==, 0x03); /* IRR 0, 1 */
    qtest_outb(qts, 0x21, 0xfc);    /* unmask level 1 too */
    qtest_outb(qts, 0x20, 0x0c);
    g_assert_cmphex(qtest_inb(qts, 0x20), ==, 0x80);
    qtest_outb(qts, 0x20, 0x60);
    qtest_outb(qts, 0x20, 0x0c);
    g_assert_cmphex(qtest_inb(qts, 0x20), ==, 0x81);
    qtest_outb(qts, 0x20, 0x61);
    masq(qts, -1);
    g_assert_false(intr(qts, 4));
    qtest_quit(qts);
}

/* Reference 6.1: a parked CPU's dyad is fully masked; 6.2 boot CPI. */
static void test_boot_cpi(void)
{
    QTestState *qts = qtest_init("-M voyager,cards=dyad");

    masq(qts, 4);
    g_assert_cmphex(qtest_inb(qts, 0x21), ==, 0xff);
    masq(qts, -1);
    /* Masked: the CPI stays latched, the CPU stays parked. */
    qtest_outb(qts, VIC_CPI0, 0x10);
    g_assert_false(intr(qts, 4));
    start_cpu(qts, 4);
    qtest_quit(qts);
}

/* The per-CPU port access counts (qom "port-accesses", 32 entries). */
static int64_t accesses(QTestState *qts, int id)
{
    QDict *r = qtest_qmp(qts, "{'execute': 'qom-get', 'arguments': "
                         "{'path': '/machine/vic', "
                         "'property': 'port-accesses'}}");
    QList *l = qdict_get_qlist(r, "return");
    const QListEntry *e;
    int64_t v = -1;
    int n = 0;

    g_assert_cmpint(qlist_size(l), ==, 32);
    QLIST_FOREACH_ENTRY(l, e) {
        if (n++ == id) {
            v = qnum_get_int(qobject_to(QNum, qlist_entry_obj(e)));
        }
    }
    qobject_unref(r);
    return v;
}

/*
 * The statistics the kernel's benchmark reads: every VIC port access is
 * counted for the CPU that made it (the qtest accesses are the boot
 * CPU's, hardware CPU 0), and the boot CPI the firmware of parked CPU 4
 * took is counted as CPI level 0 on CPU 4 (`info irq`: index
 * 4 * 27 + 16 = 124, the layout of VOYAGER_VIC_STAT_*).
 */
static void test_stats(void)
{
    QTestState *qts = qtest_init("-M voyager,cards=dyad");
    QDict *r;
    int64_t before = accesses(qts, 0);

    qtest_outb(qts, 0xfc20, 0);
    qtest_inb(qts, 0xfc29);
    qtest_inb(qts, 0x21);
    g_assert_cmpint(accesses(qts, 0) - before, ==, 3);
    g_assert_cmpint(accesses(qts, 4), ==, 0);
    start_cpu(qts, 4);
    r = qtest_qmp(qts, "{'execute': 'x-query-irq'}");
    g_assert_nonnull(strstr(qdict_get_str(qdict_get_qdict(r, "return"),
                                          "human-readable-text"),
                            "\n124: 1\n"));
    qobject_unref(r);
    qtest_quit(qts);
}

/* Reference 4.4, 10.15: CMN_INT is broadcast on line 7 of every CPU. */
static void test_cmn_int(void)
{
    QTestState *qts = start();

    init_master(qts, 0, 0x7f);
    init_master(qts, 5, 0x7f);
    qtest_set_irq_in(qts, "/machine/vic", NULL, 17, 1);
    g_assert_true(intr(qts, 0));
    g_assert_true(intr(qts, 5));
    g_assert_false(intr(qts, 1));  /* masked everywhere */
    qtest_outb(qts, 0x20, 0x0c);
    g_assert_cmphex(qtest_inb(qts, 0x20), ==, 0x87);
    qtest_outb(qts, 0x20, 0x67);
    g_assert_false(intr(qts, 0));
    g_assert_true(intr(qts, 5));
    qtest_quit(qts);
}

/* Any value to any port in any order must not crash QEMU. */
static void test_robust(void)
{
    QTestState *qts = start();
    uint32_t seed = 12345;
    int i;

    for (i = 0; i < 20000; i++) {
        uint16_t port;

        seed = seed * 1103515245 + 12345;
        switch ((seed >> 16) % 3) {
        case 0:
            port = 0xfc00 + ((seed >> 8) % 0x70);
            break;
        case 1:
            port = ((seed >> 8) & 1 ? 0xa0 : 0x20) + ((seed >> 9) & 1);
            break;
        default:
            qtest_set_irq_in(qts, "/machine/vic", NULL, (seed >> 8) % 18,
                             (seed >> 14) & 1);
            continue;
        }
        if ((seed >> 24) & 1) {
            qtest_inb(qts, port);
        } else {
            qtest_outb(qts, port, seed >> 3);
        }
    }
    qtest_quit(qts);
}

/*
 * fault-cpi-storm=N: nothing before the guest sets the CPI base, then
 * from 500 ms on N CPIs of level 0, each at a VIC CPU with line 0 open
 * (only CPU 4 here), at least 0.5 ms apart, and no more after the N-th.
 * CPU 0 claims IRQ 0-7 statically and keeps them masked, so the PIT's
 * IRQ 0, which shares line 0, never reaches CPU 4.
 */
static void test_cpi_storm(void)
{
    QTestState *qts = qtest_init("-M voyager,cards=dyad:dyad,"
                                 "fault-cpi-storm=5");
    int seen = 0, step;

    start_cpu(qts, 4);
    qtest_outb(qts, VIC_CLAIM0, 0xff);
    init_master(qts, 0, 0xff);
    init_master(qts, 4, 0xfe);
    qtest_clock_step(qts, 2 * NANOSECONDS_PER_SECOND);
    g_assert_false(intr(qts, 4));
    qtest_outb(qts, VIC_CPI_BASE, 0xc0);
    qtest_clock_step(qts, 490 * SCALE_MS);
    g_assert_false(intr(qts, 4));
    /* Steps shorter than the shortest gap: every CPI is seen alone. */
    for (step = 0; step < 200; step++) {
        qtest_clock_step(qts, 400 * SCALE_US);
        if (intr(qts, 4)) {
            masq(qts, 4);
            qtest_outb(qts, 0x20, 0x0c);
            g_assert_cmphex(qtest_inb(qts, 0x20), ==, 0x80);
            qtest_outb(qts, 0x20, 0x60);
            masq(qts, -1);
            seen++;
        }
        g_assert_false(intr(qts, 0) || intr(qts, 1) ||
                       intr(qts, 5));
    }
    g_assert_cmpint(seen, ==, 5);
    qtest_quit(qts);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    qtest_add_func("voyager/vic/whoami", test_whoami);
    qtest_add_func("voyager/vic/masks", test_masks);
    qtest_add_func("voyager/vic/routing", test_routing);
    qtest_add_func("voyager/vic/cpi", test_cpi);
    qtest_add_func("voyager/vic/cmn-int", test_cmn_int);
    qtest_add_func("voyager/vic/boot-cpi", test_boot_cpi);
    qtest_add_func("voyager/vic/robust", test_robust);
    qtest_add_func("voyager/vic/cpi-storm", test_cpi_storm);
    qtest_add_func("voyager/vic/stats", test_stats);
    return g_test_run();
}
