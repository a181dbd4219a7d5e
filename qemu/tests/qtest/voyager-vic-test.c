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
#include "voyager-qtest.h"
#include "qobject/qbool.h"
#include "qobject/qdict.h"
#include "qobject/qlist.h"
#include "qobject/qnum.h"
#include "qobject/qjson.h"

#define INTR_PATH "/machine/vic"

static bool intr(QTestState *qts, int n)
{
    return voyager_intr(qts, INTR_PATH, n);
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
        /* the parked CPUs' firmware takes one acknowledge per 100 us */
        qtest_clock_step(qts, 100 * SCALE_US);
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

/*
 * Initialise the master 8259 of @cpu with ICW1 @icw1 (19h level, 11h
 * edge; reference 4.6).
 */
static void init_master_icw1(QTestState *qts, int cpu, uint8_t icw1,
                             uint8_t imr)
{
    masq(qts, cpu);
    qtest_outb(qts, 0x20, icw1);
    qtest_outb(qts, 0x21, 0x30);
    qtest_outb(qts, 0x21, 0x04);
    qtest_outb(qts, 0x21, 0x01);
    qtest_outb(qts, 0x21, imr);
    masq(qts, -1);
}

/* Initialise the master 8259 of @cpu level-triggered (reference 4.6). */
static void init_master(QTestState *qts, int cpu, uint8_t imr)
{
    init_master_icw1(qts, cpu, 0x19, imr);
}

/* Poll-acknowledge on the dyad of @cpu (OCW3 0Ch): 80h|line or 0. */
static uint8_t poll(QTestState *qts, int cpu)
{
    uint8_t val;

    masq(qts, cpu);
    qtest_outb(qts, 0x20, 0x0c);
    val = qtest_inb(qts, 0x20);
    masq(qts, -1);
    return val;
}

/* Write OCW2 @ocw2 (an EOI) to the master of @cpu. */
static void eoi(QTestState *qts, int cpu, uint8_t ocw2)
{
    masq(qts, cpu);
    qtest_outb(qts, 0x20, ocw2);
    masq(qts, -1);
}

static void qom_set_int(QTestState *qts, const char *prop, int64_t val)
{
    QDict *r = qtest_qmp(qts, "{'execute': 'qom-set', 'arguments': "
                         "{'path': '/machine/vic', 'property': %s, "
                         "'value': %" PRId64 "}}", prop, val);

    g_assert(qdict_haskey(r, "return"));
    qobject_unref(r);
}

/*
 * The state of VIC CPU @cpu as data: the entry of qom property
 * "cpu-state" (a list of dicts, one per VIC CPU) whose "cpu" is @cpu.
 * The caller unrefs the result.
 */
static QDict *cpu_state(QTestState *qts, int cpu)
{
    QDict *r = qtest_qmp(qts, "{'execute': 'qom-get', 'arguments': "
                         "{'path': '/machine/vic', "
                         "'property': 'cpu-state'}}");
    QList *l = qdict_get_qlist(r, "return");
    const QListEntry *e;
    QDict *found = NULL;

    g_assert_nonnull(l);
    QLIST_FOREACH_ENTRY(l, e) {
        QDict *d = qobject_to(QDict, qlist_entry_obj(e));

        if (qdict_get_int(d, "cpu") == cpu) {
            found = d;
            qobject_ref(found);
        }
    }
    qobject_unref(r);
    g_assert_nonnull(found);
    return found;
}

/* One field of the master (@which 0) or slave 8259 of @cpu. */
static int64_t pic_field(QTestState *qts, int cpu, int which,
                         const char *field)
{
    QDict *d = cpu_state(qts, cpu);
    int64_t v = voyager_qobject_int(
        qdict_get(qdict_get_qdict(d, which ? "slave" : "master"), field));

    qobject_unref(d);
    return v;
}

/* Property @prop of the VIC (a number, or a boolean as 0 or 1). */
static int64_t vic_prop(QTestState *qts, const char *prop)
{
    return voyager_qom_int(qts, "/machine/vic", prop);
}

/* Entry @n of the count list @list in the state of @cpu. */
static int64_t cpu_count(QTestState *qts, int cpu, const char *list, int n)
{
    QDict *d = cpu_state(qts, cpu);
    const QListEntry *e;
    int64_t v = -1;
    int i = 0;

    QLIST_FOREACH_ENTRY(qdict_get_qlist(d, list), e) {
        if (i++ == n) {
            v = qnum_get_int(qobject_to(QNum, qlist_entry_obj(e)));
        }
    }
    qobject_unref(d);
    return v;
}

/* The CPU IRQ @n is offered to now (qom property "irq-routing"). */
static int64_t offered(QTestState *qts, int n)
{
    QDict *r = qtest_qmp(qts, "{'execute': 'qom-get', 'arguments': "
                         "{'path': '/machine/vic', "
                         "'property': 'irq-routing'}}");
    const QListEntry *e;
    int64_t v = -2;

    QLIST_FOREACH_ENTRY(qdict_get_qlist(r, "return"), e) {
        QDict *d = qobject_to(QDict, qlist_entry_obj(e));

        if (qdict_get_int(d, "irq") == n) {
            v = qdict_get_int(d, "offered");
        }
    }
    qobject_unref(r);
    return v;
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
 * took is counted as CPI level 0 on CPU 4: in `info irq` at index
 * 4 * 27 + 16 = 124 (the layout of VOYAGER_VIC_STAT_*), and as data in
 * the "cpi-taken" list of CPU 4's "cpu-state" entry (qemu-review 5: the
 * tests read state as data, not by scraping `info pic`).
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
    g_assert_cmpint(cpu_count(qts, 4, "cpi-taken", 0), ==, 0);
    g_assert_cmpint(cpu_count(qts, 4, "cpi-sent", 0), ==, 0);
    start_cpu(qts, 4);
    g_assert_cmpint(cpu_count(qts, 4, "cpi-taken", 0), ==, 1);
    g_assert_cmpint(cpu_count(qts, 0, "cpi-taken", 0), ==, 0);
    /* The boot CPI was written to the send register: sent once, to 4. */
    g_assert_cmpint(cpu_count(qts, 4, "cpi-sent", 0), ==, 1);
    g_assert_cmpint(cpu_count(qts, 0, "cpi-sent", 0), ==, 0);
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
    /* The source drops it before the EOI (else it re-latches: cmn-level) */
    qtest_set_irq_in(qts, "/machine/vic", NULL, 17, 0);
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

/* Step until CPU 4 has INTR (at most 200 steps of 400 us). */
static bool storm_wait4(QTestState *qts)
{
    int step;

    for (step = 0; step < 200; step++) {
        qtest_clock_step(qts, 400 * SCALE_US);
        if (intr(qts, 4)) {
            return true;
        }
    }
    return false;
}

/* CPU 4 takes its pending CPI of level 0 and ends it. */
static void storm_take4(QTestState *qts)
{
    masq(qts, 4);
    qtest_outb(qts, 0x20, 0x0c);
    g_assert_cmphex(qtest_inb(qts, 0x20), ==, 0x80);
    qtest_outb(qts, 0x20, 0x60);
    masq(qts, -1);
}

/*
 * The storm's own account, which the boot test holds the kernel's count
 * of spurious CPIs against: a storm CPI raised while the CPU's level 0
 * is already pending is merged; one the CPU takes with no CPI of the
 * guest's merged in is taken alone; one the guest's own CPI joined
 * (the kernel finds work in its mailbox) is neither.
 */
static void test_storm_account(void)
{
    QTestState *qts = qtest_init("-M voyager,cards=dyad:dyad,"
                                 "fault-cpi-storm=4");

    start_cpu(qts, 4);
    qtest_outb(qts, VIC_CLAIM0, 0xff);
    init_master(qts, 0, 0xff);
    init_master(qts, 4, 0xfe);
    qtest_outb(qts, VIC_CPI_BASE, 0xc0);
    qtest_clock_step(qts, 490 * SCALE_MS);
    /* The first, taken alone. */
    g_assert_true(storm_wait4(qts));
    storm_take4(qts);
    /* The second, joined by the guest's own CPI to CPU 4. */
    g_assert_true(storm_wait4(qts));
    qtest_outb(qts, VIC_CPI0, 0x10);
    storm_take4(qts);
    g_assert_cmpint(vic_prop(qts, "cpi-storm-alone"), ==, 1);
    /*
     * Only the guest's CPIs count as sent (the boot CPI and this one):
     * CPI 0 taken minus sent bounds the CPIs that found no work.
     */
    g_assert_cmpint(cpu_count(qts, 4, "cpi-sent", 0), ==, 2);
    g_assert_cmpint(cpu_count(qts, 4, "cpi-taken", 0), ==, 3);
    /* The third and fourth while nobody takes it: the fourth merges. */
    g_assert_true(storm_wait4(qts));
    qtest_clock_step(qts, 4 * SCALE_MS);
    g_assert_cmpint(vic_prop(qts, "cpi-storm-left"), ==, 0);
    storm_take4(qts);
    g_assert_false(intr(qts, 4));
    g_assert_cmpint(vic_prop(qts, "cpi-storm-merged"), ==, 1);
    g_assert_cmpint(vic_prop(qts, "cpi-storm-alone"), ==, 2);
    qtest_quit(qts);
}

/*
 * qemu-review D2: an IRQ held high across its owner's EOI, with no new
 * edge, must be offered to a CPU whose 8259 can see a level.  CPU 0 is in
 * edge mode (ICW1 11h, the generic PC code on the old kernel's boot CPU,
 * reference 4.6), CPU 1 in level mode (19h).  Both have IRQ 3 open at the
 * same priority, so the tie goes to CPU 0.  The old routing offered the
 * held line to CPU 0 again, which cannot see it: INTR stayed low
 * everywhere and the IRQ was lost until the device raised a new edge.
 */
static void test_level_not_to_edge(void)
{
    QTestState *qts = start();

    init_master_icw1(qts, 0, 0x11, 0xf7);
    init_master_icw1(qts, 1, 0x19, 0xf7);
    qtest_set_irq_in(qts, "/machine/vic", NULL, 3, 1);
    g_assert_true(intr(qts, 0));                /* the edge: tie to CPU 0 */
    g_assert_false(intr(qts, 1));
    g_assert_cmphex(poll(qts, 0), ==, 0x83);
    g_assert_false(intr(qts, 1));               /* in service on CPU 0 */
    eoi(qts, 0, 0x63);                          /* line still high */
    g_assert_false(intr(qts, 0));
    g_assert_true(intr(qts, 1));
    g_assert_cmpint(offered(qts, 3), ==, 1);
    g_assert_false(pic_field(qts, 0, 0, "level"));
    g_assert_true(pic_field(qts, 1, 0, "level"));
    g_assert_cmphex(poll(qts, 1), ==, 0x83);
    qtest_set_irq_in(qts, "/machine/vic", NULL, 3, 0);
    eoi(qts, 1, 0x63);
    g_assert_false(intr(qts, 0) || intr(qts, 1));
    /* A new edge goes to the edge-mode CPU again. */
    qtest_set_irq_in(qts, "/machine/vic", NULL, 3, 1);
    g_assert_true(intr(qts, 0));
    qtest_quit(qts);
}

/*
 * Fidelity audit D7: dyad-trigger=level makes every dyad 8259 level-
 * sensitive whatever ICW1 says (MCA: "any attempt to enable edge-
 * triggered interrupts usually gets intercepted by a special hardware
 * circuit"): the edge-mode CPU 0 of test_level_not_to_edge sees the held
 * line again after its EOI.  os-level is ltim until the guest writes the
 * CPI base FC41h, level from then on.  Before this property there was
 * no way to run the dyads level-only.
 */
static void held_across_eoi(QTestState *qts)
{
    init_master_icw1(qts, 0, 0x11, 0xf7);
    qtest_set_irq_in(qts, "/machine/vic", NULL, 3, 1);
    g_assert_cmphex(poll(qts, 0), ==, 0x83);
    eoi(qts, 0, 0x63);
}

static void test_dyad_trigger(void)
{
    QTestState *qts = qtest_init("-M voyager,cards=dyad "
                                 "-global voyager-vic.dyad-trigger=level");

    held_across_eoi(qts);
    g_assert_true(pic_field(qts, 0, 0, "level"));
    g_assert_false(pic_field(qts, 0, 0, "ltim"));
    g_assert_true(intr(qts, 0));
    g_assert_cmphex(poll(qts, 0), ==, 0x83);
    qtest_quit(qts);

    qts = qtest_init("-M voyager,cards=dyad "
                     "-global voyager-vic.dyad-trigger=os-level");
    held_across_eoi(qts);
    g_assert_false(intr(qts, 0));           /* firmware phase: edge */
    qtest_outb(qts, VIC_CPI_BASE, 0xc0);    /* the OS takes the VIC */
    g_assert_true(pic_field(qts, 0, 0, "level"));
    g_assert_true(intr(qts, 0));
    qtest_quit(qts);

    qts = qtest_init("-M voyager,cards=dyad");  /* ltim, the default */
    held_across_eoi(qts);
    qtest_outb(qts, VIC_CPI_BASE, 0xc0);
    g_assert_false(intr(qts, 0));
    qtest_quit(qts);
}

/*
 * Fidelity audit D6 ([mail-boot]: the masquerade register "temporarily
 * globally drives the VIC processor ID lines"): with masquerade=global,
 * while CPU 0 masquerades as CPU 4, an access by CPU 5 reaches CPU 4 too
 * (its who-am-I, and its EOI lands on CPU 4's dyad: the "great
 * confusion" the old driver's comment warns of).  per-cpu (default)
 * leaves CPU 5's accesses alone.  x-accessor makes the qtest's accesses
 * those of CPU 5.
 */
static void masq_scenario(QTestState *qts, bool global)
{
    init_master(qts, 5, 0xfe);
    qtest_outb(qts, VIC_CPI0, 0x20);    /* CPI 0 to CPU 5, taken */
    g_assert_cmphex(poll(qts, 5), ==, 0x80);
    g_assert_cmpint(pic_field(qts, 5, 0, "isr"), ==, 0x01);

    masq(qts, 4);                       /* CPU 0 drives id 4 */
    qom_set_int(qts, "x-accessor", 5);
    g_assert_cmphex(qtest_inb(qts, VIC_WHO_AM_I), ==, global ? 0x10 : 0x20);
    g_assert_cmphex(qtest_inb(qts, VIC_MASQ), ==, global ? 0x0c : 0x05);
    qtest_outb(qts, 0x20, 0x20);        /* CPU 5's non-specific EOI */
    g_assert_cmpint(pic_field(qts, 5, 0, "isr"), ==, global ? 0x01 : 0);
    qom_set_int(qts, "x-accessor", 0);
    masq(qts, -1);                      /* CPU 0 stops */
    qom_set_int(qts, "x-accessor", 5);
    g_assert_cmphex(qtest_inb(qts, VIC_WHO_AM_I), ==, 0x20);
    qom_set_int(qts, "x-accessor", -1);
    g_assert_cmphex(qtest_inb(qts, VIC_WHO_AM_I), ==, 0x01);
}

static void test_masquerade_scope(void)
{
    QTestState *qts = start();

    masq_scenario(qts, false);
    qtest_quit(qts);
    qts = qtest_init("-M voyager,cards=dyad:dyad "
                     "-global voyager-vic.masquerade=global");
    start_cpu(qts, 1);
    start_cpu(qts, 4);
    start_cpu(qts, 5);
    masq_scenario(qts, true);
    qtest_quit(qts);
}

/*
 * Fidelity audit D8: CMN_INT (line 7) and SYS_INT (line 0) are level
 * sources; the PSI "will ... continue to assert the common interrupt"
 * until acknowledged.  Still asserted at the EOI, the event latches again
 * and is delivered again; dropped before the EOI, it is not.  The old
 * model latched only rising edges: after the first EOI INTR stayed low.
 * CPU 1 claims IRQ 0-7 and masks them, so the PIT's IRQ 0 stays away.
 */
static void test_sys_cmn_level(void)
{
    QTestState *qts = start();

    masq(qts, 1);
    qtest_outb(qts, VIC_CLAIM0, 0xff);
    masq(qts, -1);
    init_master(qts, 0, 0x7e);          /* lines 0 and 7 */
    qtest_set_irq_in(qts, "/machine/vic", NULL, 17, 1);
    g_assert_cmphex(poll(qts, 0), ==, 0x87);
    eoi(qts, 0, 0x67);
    g_assert_true(intr(qts, 0));
    g_assert_cmphex(poll(qts, 0), ==, 0x87);
    qtest_set_irq_in(qts, "/machine/vic", NULL, 17, 0);
    eoi(qts, 0, 0x67);
    g_assert_false(intr(qts, 0));

    qtest_set_irq_in(qts, "/machine/vic", NULL, 16, 1);
    g_assert_cmphex(poll(qts, 0), ==, 0x80);
    eoi(qts, 0, 0x60);
    g_assert_true(intr(qts, 0));
    g_assert_cmphex(poll(qts, 0), ==, 0x80);
    qtest_set_irq_in(qts, "/machine/vic", NULL, 16, 0);
    eoi(qts, 0, 0x60);
    g_assert_false(intr(qts, 0));
    g_assert_cmpint(cpu_count(qts, 0, "sys-cmn-spurious", 0), ==, 2);
    g_assert_cmpint(cpu_count(qts, 0, "sys-cmn-spurious", 1), ==, 2);
    qtest_quit(qts);
}

static void set_sys_int(QTestState *qts, bool on)
{
    QDict *r = qtest_qmp(qts, "{'execute': 'qom-set', 'arguments': "
                         "{'path': '/machine', 'property': 'fault-sys-int', "
                         "'value': %i}}", on);

    g_assert(qdict_haskey(r, "return"));
    qobject_unref(r);
}

/*
 * The board's SYS_INT source (issue 14 item 2, reference 7.8): the
 * machine's fault-sys-int raises the system-error line at run time; every
 * VIC CPU with master line 0 open takes it (poll 80h, EOI 60h), and once
 * the line is released the acknowledge ends it.
 */
static void test_sys_int_source(void)
{
    QTestState *qts = start();

    masq(qts, 1);
    qtest_outb(qts, VIC_CLAIM0, 0xff);  /* the PIT's IRQ 0 to CPU 1 */
    masq(qts, -1);
    init_master(qts, 0, 0xfe);
    init_master(qts, 4, 0xfe);
    g_assert_false(intr(qts, 0));
    set_sys_int(qts, true);
    set_sys_int(qts, false);
    g_assert_true(intr(qts, 0));
    g_assert_true(intr(qts, 4));
    g_assert_cmphex(poll(qts, 0), ==, 0x80);
    eoi(qts, 0, 0x60);
    g_assert_false(intr(qts, 0));
    g_assert_cmphex(poll(qts, 4), ==, 0x80);
    eoi(qts, 4, 0x60);
    g_assert_false(intr(qts, 4));
    qtest_quit(qts);
}

/*
 * qemu-review D13 and D1 (fault state): the storm timer stops while no
 * CPU has line 0 open and is armed again when one opens it; the storm's
 * progress is device state.  The old timer re-armed every 0.5-1.5 ms
 * for ever while nobody listened (cpi-storm-armed stayed true).
 */
static void test_storm_idle(void)
{
    QTestState *qts = qtest_init("-M voyager,cards=dyad:dyad,"
                                 "fault-cpi-storm=3");
    int seen = 0, step;

    start_cpu(qts, 4);
    qtest_outb(qts, VIC_CLAIM0, 0xff);
    init_master(qts, 0, 0xff);          /* nobody listens */
    qtest_outb(qts, VIC_CPI_BASE, 0xc0);
    g_assert_true(vic_prop(qts, "cpi-storm-armed"));
    qtest_clock_step(qts, 600 * SCALE_MS);
    g_assert_false(vic_prop(qts, "cpi-storm-armed"));
    qtest_clock_step(qts, 10 * NANOSECONDS_PER_SECOND);
    g_assert_cmpint(vic_prop(qts, "cpi-storm-left"), ==, 3);
    init_master(qts, 4, 0xfe);          /* CPU 4 opens line 0 */
    g_assert_true(vic_prop(qts, "cpi-storm-armed"));
    for (step = 0; step < 50; step++) {
        qtest_clock_step(qts, 400 * SCALE_US);
        if (intr(qts, 4)) {
            g_assert_cmphex(poll(qts, 4), ==, 0x80);
            eoi(qts, 4, 0x60);
            seen++;
        }
    }
    g_assert_cmpint(seen, ==, 3);
    g_assert_cmpint(vic_prop(qts, "cpi-storm-left"), ==, 0);
    g_assert_false(vic_prop(qts, "cpi-storm-armed"));
    qtest_quit(qts);
}

/*
 * Run-time faults (issue 14 item 4): stuck-irq, glitch-irq and cpi-storm
 * set with qom-set while the machine runs.  These were static qdev
 * properties (qom-set failed after realize).
 */
static void test_runtime_faults(void)
{
    QTestState *qts = start();
    int seen = 0, step;

    masq(qts, 1);
    qtest_outb(qts, VIC_CLAIM0, 0xff);  /* IRQ 0-7 to CPU 1, masked */
    masq(qts, -1);
    masq(qts, 4);
    qtest_outb(qts, VIC_CLAIM0 + 1, 0xff);  /* IRQ 8-15 to CPU 4 */
    masq(qts, -1);
    init_master(qts, 4, 0xfb);          /* cascade open */
    masq(qts, 4);
    qtest_outb(qts, 0xa0, 0x19);
    qtest_outb(qts, 0xa1, 0x38);
    qtest_outb(qts, 0xa1, 0x02);
    qtest_outb(qts, 0xa1, 0x01);
    qtest_outb(qts, 0xa1, 0xdf);        /* IRQ 13 open */
    masq(qts, -1);
    g_assert_false(intr(qts, 4));

    /* stuck-irq: IRQ 13 held from now on, level-mode CPU 4 sees it. */
    qom_set_int(qts, "stuck-irq", 13);
    g_assert_cmpint(vic_prop(qts, "stuck-irq"), ==, 13);
    g_assert_true(intr(qts, 4));
    g_assert_cmphex(poll(qts, 4), ==, 0x82);    /* the cascade ... */
    g_assert_cmphex(pic_field(qts, 4, 1, "isr"), ==, 0x20);  /* ... 13 */
    masq(qts, 4);
    qtest_outb(qts, 0xa0, 0x65);
    masq(qts, -1);
    eoi(qts, 4, 0x62);
    g_assert_true(intr(qts, 4));                /* still stuck */
    g_assert_cmphex(poll(qts, 4), ==, 0x82);
    masq(qts, 4);
    qtest_outb(qts, 0xa0, 0x65);
    masq(qts, -1);
    eoi(qts, 4, 0x62);
    qom_set_int(qts, "stuck-irq", -1);
    g_assert_false(intr(qts, 4));

    /*
     * glitch-irq: one request on IRQ 13 that is gone by the acknowledge:
     * INTR rises; the acknowledge finds the slave with nothing, so the
     * slave answers its spurious IRQ 15 (no slave ISR bit) with only the
     * cascade in service on the master; then nothing more.
     */
    qom_set_int(qts, "glitch-irq", 13);
    g_assert_cmpint(vic_prop(qts, "glitch-irq"), ==, 13);
    g_assert_true(intr(qts, 4));
    g_assert_cmphex(poll(qts, 4), ==, 0x82);
    g_assert_cmphex(pic_field(qts, 4, 0, "isr"), ==, 0x04);
    g_assert_cmphex(pic_field(qts, 4, 1, "isr"), ==, 0x00);
    g_assert_cmpint(vic_prop(qts, "glitch-irq"), ==, -1);
    eoi(qts, 4, 0x62);
    g_assert_false(intr(qts, 4));
    g_assert_cmpint(cpu_count(qts, 4, "irq-taken", 13), ==, 2);

    /* cpi-storm: 2 CPIs now that the CPI base is set. */
    init_master(qts, 4, 0xfe);
    qtest_outb(qts, VIC_CPI_BASE, 0xc0);
    qtest_clock_step(qts, 600 * SCALE_MS);
    g_assert_false(intr(qts, 4));
    qom_set_int(qts, "cpi-storm", 2);
    for (step = 0; step < 20; step++) {
        qtest_clock_step(qts, 400 * SCALE_US);
        if (intr(qts, 4)) {
            g_assert_cmphex(poll(qts, 4), ==, 0x80);
            eoi(qts, 4, 0x60);
            seen++;
        }
    }
    g_assert_cmpint(seen, ==, 2);
    qtest_quit(qts);
}

/*
 * Step @qts in 400 us steps (shorter than the shortest storm gap, so every
 * CPI is seen alone) until @want storm CPIs have reached CPU 0, or @max
 * steps; acknowledge each.  Returns how many came.
 */
static int storm_catch(QTestState *qts, int want, int max, int64_t *now)
{
    int seen = 0, step;

    for (step = 0; step < max && seen < want; step++) {
        *now = qtest_clock_step(qts, 400 * SCALE_US);
        if (intr(qts, 0)) {
            g_assert_cmphex(poll(qts, 0), ==, 0x80);
            eoi(qts, 0, 0x60);
            seen++;
        }
    }
    return seen;
}

static void wait_migration(QTestState *qts)
{
    int i;

    for (i = 0; i < 6000; i++) {
        QDict *r = qtest_qmp(qts, "{'execute': 'query-migrate'}");
        QDict *ret = qdict_get_qdict(r, "return");
        const char *st = qdict_haskey(ret, "status")
                         ? qdict_get_str(ret, "status") : "none";
        bool done = !strcmp(st, "completed");

        g_assert_cmpstr(st, !=, "failed");
        qobject_unref(r);
        if (done) {
            return;
        }
        g_usleep(10000);
    }
    g_assert_not_reached();
}

static void wait_running(QTestState *qts)
{
    int i;

    for (i = 0; i < 6000; i++) {
        QDict *r = qtest_qmp(qts, "{'execute': 'query-status'}");
        bool running = qdict_get_bool(qdict_get_qdict(r, "return"),
                                      "running");

        qobject_unref(r);
        if (running) {
            return;
        }
        g_usleep(10000);
    }
    g_assert_not_reached();
}

/*
 * qemu-review D1 (the VIC's part): the CPI storm survives migration.  Two
 * of five storm CPIs are taken, the machine migrates to a file and a new
 * QEMU loads it; exactly the three others come, no more.  Before the
 * "voyager-vic/faults" subsection the destination started with the timer
 * off (and the count back at five): no CPI ever came after the load.
 * CPU 0 (never parked) listens; CPU 1 claims IRQ 0-7 masked, keeping the
 * PIT's IRQ 0 off line 0.
 */
static void test_storm_migrate(void)
{
    g_autofree char *file = g_strdup_printf("%s/voyager-vic-test-%d.mig",
                                            g_get_tmp_dir(), (int)getpid());
    g_autofree char *uri = g_strdup_printf("file:%s", file);
    const char *args = "-M voyager,cards=dyad:dyad,fault-cpi-storm=5";
    QTestState *qts = qtest_init(args);
    int64_t now = 0;
    QDict *r;

    masq(qts, 1);
    qtest_outb(qts, VIC_CLAIM0, 0xff);
    masq(qts, -1);
    init_master(qts, 0, 0xfe);
    qtest_outb(qts, VIC_CPI_BASE, 0xc0);
    qtest_clock_step(qts, 490 * SCALE_MS);
    g_assert_cmpint(storm_catch(qts, 2, 1000, &now), ==, 2);
    r = qtest_qmp(qts, "{'execute': 'migrate', 'arguments': "
                  "{'uri': %s}}", uri);
    g_assert(qdict_haskey(r, "return"));
    qobject_unref(r);
    wait_migration(qts);
    qtest_quit(qts);

    qts = qtest_initf("%s -incoming file:%s", args, file);
    wait_running(qts);
    /* The clock of the new QEMU starts at 0; the timer is not due yet. */
    qtest_clock_step(qts, now);
    g_assert_cmpint(storm_catch(qts, 4, 100, &now), ==, 3);
    g_assert_cmpint(vic_prop(qts, "cpi-storm-left"), ==, 0);
    g_assert_false(vic_prop(qts, "cpi-storm-armed"));
    qtest_quit(qts);
    unlink(file);
}

/*
 * The VIC's state without its counters, as JSON: every field of every
 * CPU's "cpu-state" entry but the statistics, and "irq-routing".
 */
static GString *vic_state_json(QTestState *qts)
{
    static const char *const counters[] = {
        "irq-taken", "cpi-taken", "cpi-sent", "sys-cmn-spurious",
        "port-accesses",
    };
    GString *all = g_string_new("");
    const QListEntry *e;
    QDict *r;
    size_t i;

    r = qtest_qmp(qts, "{'execute': 'qom-get', 'arguments': "
                  "{'path': '/machine/vic', 'property': 'cpu-state'}}");
    QLIST_FOREACH_ENTRY(qdict_get_qlist(r, "return"), e) {
        QDict *d = qobject_to(QDict, qlist_entry_obj(e));
        GString *json;

        for (i = 0; i < ARRAY_SIZE(counters); i++) {
            g_assert(qdict_haskey(d, counters[i]));
            qdict_del(d, counters[i]);
        }
        json = qobject_to_json(QOBJECT(d));
        g_string_append_printf(all, "%s\n", json->str);
        g_string_free(json, true);
    }
    qobject_unref(r);
    r = qtest_qmp(qts, "{'execute': 'qom-get', 'arguments': "
                  "{'path': '/machine/vic', 'property': 'irq-routing'}}");
    {
        GString *json = qobject_to_json(qdict_get(r, "return"));

        g_string_append(all, json->str);
        g_string_free(json, true);
    }
    qobject_unref(r);
    return all;
}

/*
 * system_reset brings the VIC back to its power-on state (qemu-review
 * D5: Resettable reset): every 8259 register, the claims, priorities,
 * masquerade, latches and the routing; only the counters run on.
 */
static void test_system_reset(void)
{
    QTestState *qts = qtest_init("-M voyager,cards=dyad:dyad");
    g_autoptr(GString) before = vic_state_json(qts);
    g_autoptr(GString) dirty = NULL;
    g_autoptr(GString) after = NULL;

    init_master(qts, 0, 0xfe);
    init_master(qts, 3, 0x7f);
    masq(qts, 1);
    qtest_outb(qts, VIC_CLAIM0, 0xff);
    masq(qts, -1);
    qtest_outb(qts, VIC_CPI_BASE, 0xc0);
    masq(qts, 2);
    dirty = vic_state_json(qts);
    g_assert_cmpstr(dirty->str, !=, before->str);

    qobject_unref(qtest_qmp(qts, "{'execute': 'system_reset'}"));
    qtest_qmp_eventwait(qts, "RESET");
    after = vic_state_json(qts);
    g_assert_cmpstr(after->str, ==, before->str);
    qtest_quit(qts);
}

/*
 * glitch-irq on a master line (issue 14 item 4, a spurious IRQ 7): INTR
 * rises for the glitch on IRQ 5, the poll-acknowledge finds no request
 * (0, no ISR bit: the 8259 would answer IRQ 7), nothing is left pending.
 */
static void test_glitch_master(void)
{
    QTestState *qts = qtest_init("-M voyager,cards=dyad");

    init_master(qts, 0, 0xdf);
    g_assert_false(intr(qts, 0));
    qom_set_int(qts, "glitch-irq", 5);
    g_assert_true(intr(qts, 0));
    g_assert_cmphex(poll(qts, 0), ==, 0x00);
    g_assert_cmphex(pic_field(qts, 0, 0, "isr"), ==, 0x00);
    g_assert_false(intr(qts, 0));
    g_assert_cmpint(vic_prop(qts, "glitch-irq"), ==, -1);
    g_assert_cmpint(cpu_count(qts, 0, "irq-taken", 5), ==, 0);
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
    qtest_add_func("voyager/vic/storm-account", test_storm_account);
    qtest_add_func("voyager/vic/stats", test_stats);
    qtest_add_func("voyager/vic/level-not-to-edge", test_level_not_to_edge);
    qtest_add_func("voyager/vic/dyad-trigger", test_dyad_trigger);
    qtest_add_func("voyager/vic/masquerade-scope", test_masquerade_scope);
    qtest_add_func("voyager/vic/sys-cmn-level", test_sys_cmn_level);
    qtest_add_func("voyager/vic/sys-int-source", test_sys_int_source);
    qtest_add_func("voyager/vic/storm-idle", test_storm_idle);
    qtest_add_func("voyager/vic/runtime-faults", test_runtime_faults);
    qtest_add_func("voyager/vic/storm-migrate", test_storm_migrate);
    qtest_add_func("voyager/vic/glitch-master", test_glitch_master);
    qtest_add_func("voyager/vic/system-reset", test_system_reset);
    return g_test_run();
}
