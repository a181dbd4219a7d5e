/*
 * voyager-machine-test.c: qtest for the NCR Voyager machine (-M voyager)
 *
 * The default box starts with the CPUs its cards define, and every
 * contradiction between -smp, cards, slots, level, class and boot-cpu is
 * refused at start-up with an error naming the property.  Expected
 * values come from the hardware reference (voyager-hw.md) sections cited.
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
#include "qobject/qbool.h"
#include "qobject/qnum.h"
#include "qobject/qjson.h"
#include "qapi/error.h"

#define VIC_WHO_AM_I 0xfc29

static int count_cpus(QTestState *qts)
{
    QDict *resp = qtest_qmp(qts, "{ 'execute': 'query-cpus-fast' }");
    QList *cpus;
    int n;

    g_assert(qdict_haskey(resp, "return"));
    cpus = qdict_get_qlist(resp, "return");
    n = qlist_size(cpus);
    qobject_unref(resp);
    return n;
}

/* Default box: Level 5, one dyad card in slot 0 = hardware CPUs 0 and 4. */
static void test_default_box(void)
{
    QTestState *qts = qtest_init("-M voyager");

    g_assert_cmpint(count_cpus(qts), ==, 2);
    /* Reference 4.3: a dyadic CPU reads a one-hot who-am-I; CPU 0. */
    g_assert_cmphex(qtest_inb(qts, VIC_WHO_AM_I), ==, 0x01);
    qtest_quit(qts);
}

/* Reference 5.2: a quad card in slot 1 owns CPUs 1, 5, 9, 13. */
static void test_quad_box(void)
{
    QTestState *qts = qtest_init("-M voyager,cards=empty:quad:dyad");

    g_assert_cmpint(count_cpus(qts), ==, 6);
    /* Boot CPU = lowest VIC CPU = 1 (the quad's extended CPU): C0h|1. */
    g_assert_cmphex(qtest_inb(qts, VIC_WHO_AM_I), ==, 0xc1);
    qtest_quit(qts);
}

static void test_refused(void)
{
    /* Reference 5.1/1.3: quad cards exist only on Level 5 machines. */
    voyager_expect_refused("-M voyager,level=4,cards=quad",
                           "(property 'level')");
    voyager_expect_refused("-M voyager,level=3", "level:");
    /* Five cards in a four-slot machine. */
    voyager_expect_refused("-M voyager,cards=mono:mono:mono:mono:mono",
                           "slots");
    voyager_expect_refused("-M voyager,slots=5", "slots:");
    /* Reference 6.1: the boot CPU is a VIC CPU; dyad = CPUs 0 and 4. */
    voyager_expect_refused("-M voyager,boot-cpu=3", "boot-cpu:");
    /* Quad in slot 0: CPU 4 is not on a VIC line (reference 5.1). */
    voyager_expect_refused("-M voyager,cards=quad,boot-cpu=4", "boot-cpu:");
    voyager_expect_refused("-M voyager,cards=dyad -smp 3", "smp:");
    voyager_expect_refused("-M voyager,cards=quad -smp 2", "smp:");
    voyager_expect_refused("-M voyager -smp 33", "CPUs");
    /* Reference 1.3: class 3360h is Level 4, Level 5 starts at 3435h. */
    voyager_expect_refused("-M voyager,level=5,class=0x3360", "class:");
    voyager_expect_refused("-M voyager,level=4,class=0x3450", "class:");
    voyager_expect_refused("-M voyager,class=xyz", "class:");
    voyager_expect_refused("-M voyager,cards=dyad:quad:bogus", "cards:");
    /* Reference 4.1: an 8-slot 51xx has one VIC line per slot. */
    voyager_expect_refused("-M voyager,slots=8,cards=dyad", "cards:");
    voyager_expect_refused("-M voyager,fault-dead-cpu=0", "fault-dead-cpu:");
    voyager_expect_refused("-M voyager,fault-stuck-irq=2", "fault-stuck-irq:");
    /* Reference 8.2: Level 4 sizes memory from the DINO, no ClickMap. */
    voyager_expect_refused("-M voyager,level=4,fault-clickmap=on",
                           "fault-clickmap:");
    /* The VIC replaces the i8259 pair: no PC PIC besides it. */
    voyager_expect_refused("-M voyager,pic=on", "pic=on");
    /* Reference 1.3: 486, Pentium and P6 CPUs only. */
    voyager_expect_refused("-M voyager -cpu athlon", "athlon");
}

/*
 * Machine properties out of their range: each is refused at start-up
 * with one error line naming the property, and QEMU exits non-zero
 * rather than crashing.  The ranges are the properties' documented
 * contracts (docs/system/i386/voyager.rst): irq0-ack auto|port61|inta,
 * fault-cpi-storm at most 1000000, fault-dead-cpu a hardware CPU id
 * (reference 4.3: 0-31) or 255, fault-stuck-irq an ISA IRQ 0-15 or 255,
 * fault-cat-module a module id 10h-1Fh (reference 3.3) or 0, on Level 4
 * only the DINO 43h (reference 8.2).
 */
static void test_refused_faults(void)
{
    voyager_expect_refused_line("-M voyager,irq0-ack=bogus",
                                "irq0-ack: 'bogus' is not auto, port61 or "
                                "inta");
    voyager_expect_refused_line("-M voyager,irq0-ack=", "irq0-ack: '' ");
    voyager_expect_refused_line("-M voyager,fault-cpi-storm=1000001",
                                "fault-cpi-storm: 1000001 is more than "
                                "1000000");
    voyager_expect_refused_line("-M voyager,fault-cpi-storm=4294967296",
                                "fault-cpi-storm");
    voyager_expect_refused_line("-M voyager,fault-cpi-storm=-1",
                                "fault-cpi-storm");
    voyager_expect_refused_line("-M voyager,slots=8,class=0x5100,"
                                "cards=quad:quad:quad:quad:quad:quad:quad:"
                                "quad,fault-dead-cpu=32",
                                "fault-dead-cpu: 32 is not a present "
                                "secondary CPU");
    voyager_expect_refused_line("-M voyager,fault-dead-cpu=254",
                                "fault-dead-cpu: 254 ");
    voyager_expect_refused_line("-M voyager,fault-dead-cpu=256",
                                "fault-dead-cpu");
    voyager_expect_refused_line("-M voyager,fault-stuck-irq=16",
                                "fault-stuck-irq: 16 is not an ISA IRQ");
    voyager_expect_refused_line("-M voyager,fault-stuck-irq=254",
                                "fault-stuck-irq: 254 ");
    voyager_expect_refused_line("-M voyager,fault-stuck-irq=256",
                                "fault-stuck-irq");
    voyager_expect_refused_line("-M voyager,fault-cat-module=0x0f",
                                "fault-module: 0xf is not a CAT module id");
    voyager_expect_refused_line("-M voyager,fault-cat-module=0x20",
                                "fault-module: 0x20 is not a CAT module id");
    voyager_expect_refused_line("-M voyager,fault-cat-module=0x43",
                                "fault-module: 0x43 is not a CAT module id");
    voyager_expect_refused_line("-M voyager,fault-cat-module=256",
                                "fault-cat-module");
    voyager_expect_refused_line("-M voyager,fault-bios-table=bogus",
                                "fault-bios-table: 'bogus' is not one of "
                                "off, on, level3, absent");
    voyager_expect_refused_line("-M voyager,level=4,class=0x3360,"
                                "fault-cat-module=0x10",
                                "fault-module: 0x10: on Level 4 only the "
                                "DINO");
}

/* A 32-CPU 51xx (8 quads) starts. */
static void test_32_cpus(void)
{
    QTestState *qts = qtest_init("-M voyager,slots=8,class=0x5100,"
                                 "cards=quad:quad:quad:quad:quad:quad:quad:"
                                 "quad");

    g_assert_cmpint(count_cpus(qts), ==, 32);
    /* Reference 4.3, 1.4: quad CPU 0 on an 8-slot machine reads E0h. */
    g_assert_cmphex(qtest_inb(qts, VIC_WHO_AM_I), ==, 0xe0);
    qtest_quit(qts);
}

/* The text of a HumanReadableText QMP command (g_free it). */
static char *hrt(QTestState *qts, const char *cmd)
{
    QDict *r = qtest_qmp(qts, "{'execute': %s}", cmd);
    char *text;

    g_assert(qdict_haskey(r, "return"));
    text = g_strdup(qdict_get_str(qdict_get_qdict(r, "return"), "human-readable-text"));
    qobject_unref(r);
    return text;
}

/*
 * The monitor: the VIC and every QIC answer `info pic` (QMP
 * x-query-interrupt-controllers) and `info irq`; x-query-voyager and its
 * HMP form `info voyager` give the one-page view.
 */
static void test_monitor(void)
{
    QTestState *qts = qtest_init("-M voyager,cards=quad:dyad");
    g_autofree char *pic = hrt(qts, "x-query-interrupt-controllers");
    g_autofree char *irq = hrt(qts, "x-query-irq");
    g_autofree char *voy = hrt(qts, "x-query-voyager");
    g_autofree char *hmp = qtest_hmp(qts, "info voyager");

    g_assert_nonnull(strstr(pic, "VIC: CPI base 0xc0"));
    g_assert_nonnull(strstr(pic, "QIC slot 0: "));
    g_assert_nonnull(strstr(irq, "IRQ statistics for voyager-vic"));
    g_assert_nonnull(strstr(irq, "IRQ statistics for voyager-qic"));
    g_assert_nonnull(strstr(voy, "NCR Voyager: Level 5, class 0x3450"));
    g_assert_nonnull(strstr(voy, "cards: 0:quad 1:dyad"));
    /* the monitor ends its lines with CR LF */
    g_strdelimit(hmp, "\r", '\n');
    g_assert_nonnull(strstr(hmp, "NCR Voyager: Level 5, class 0x3450"));
    g_assert_nonnull(strstr(hmp, "QABC: CPI area"));
    qtest_quit(qts);
}

/* x-query-voyager on another machine: an error, not a crash. */
static void test_monitor_other_machine(void)
{
    QTestState *qts = qtest_init("-M isapc");
    QDict *r = qtest_qmp(qts, "{'execute': 'x-query-voyager'}");

    g_assert(qdict_haskey(r, "error"));
    g_assert_nonnull(strstr(qdict_get_str(qdict_get_qdict(r, "error"),
                                          "desc"), "not an NCR Voyager"));
    qobject_unref(r);
    qtest_quit(qts);
}

/*
 * The CPUs are QOM children named by hardware id (gdb's thread list
 * shows the name): cards quad:dyad = quad CPUs 0, 4, 8, 12 and dyad CPUs
 * 1, 5 (reference 5.2); cpu_index 0 is the boot CPU, hardware CPU 0.
 */
static void test_cpu_names(void)
{
    static const char *const want[] = {
        "/machine/cpu-hw0", "/machine/cpu-hw1", "/machine/cpu-hw4",
        "/machine/cpu-hw5", "/machine/cpu-hw8", "/machine/cpu-hw12",
    };
    QTestState *qts = qtest_init("-M voyager,cards=quad:dyad");
    QDict *resp = qtest_qmp(qts, "{ 'execute': 'query-cpus-fast' }");
    QList *cpus = qdict_get_qlist(resp, "return");
    const QListEntry *e;
    int i = 0;

    g_assert_cmpint(qlist_size(cpus), ==, ARRAY_SIZE(want));
    QLIST_FOREACH_ENTRY(cpus, e) {
        QDict *cpu = qobject_to(QDict, qlist_entry_obj(e));

        g_assert_cmpstr(qdict_get_str(cpu, "qom-path"), ==, want[i]);
        i++;
    }
    qobject_unref(resp);
    qtest_quit(qts);
}

/* The boot CPI (reference 6.2) to the parked hardware CPU @id of a dyad. */
static void boot_cpi(QTestState *qts, int id)
{
    qtest_outb(qts, 0xfc21, 0x08 | id);     /* masquerade as CPU @id */
    qtest_outb(qts, 0x21, 0xfe);            /* its line 0 (CPI 0) open */
    qtest_outb(qts, 0xfc21, 0x00);
    qtest_outb(qts, 0xfc00, 1u << (id & 7)); /* CPI level 0 */
}

static QList *query_cpus(QTestState *qts, QDict **resp)
{
    *resp = qtest_qmp(qts, "{'execute': 'x-query-voyager-cpus'}");
    g_assert(qdict_haskey(*resp, "return"));
    return qdict_get_qlist(*resp, "return");
}

/* The entry of hardware CPU @id in x-query-voyager-cpus. */
static QDict *cpu_entry(QList *cpus, int id)
{
    const QListEntry *e;

    QLIST_FOREACH_ENTRY(cpus, e) {
        QDict *cpu = qobject_to(QDict, qlist_entry_obj(e));

        if (qdict_get_int(cpu, "hwid") == id) {
            return cpu;
        }
    }
    g_assert_not_reached();
}

/*
 * x-query-voyager-cpus: the per-CPU state as data.  cards=quad:dyad
 * (reference 5.2): quad CPUs 0 (extended: VIC line and QIC), 4, 8, 12
 * (QIC only), dyad CPUs 1 and 5 (VIC only); every secondary parked until
 * its boot CPI, which starts it (reference 6.2).
 */
static void test_query_cpus(void)
{
    QTestState *qts = qtest_init("-M voyager,cards=quad:dyad");
    QDict *resp;
    QList *cpus = query_cpus(qts, &resp);
    QDict *c;

    g_assert_cmpint(qlist_size(cpus), ==, 6);
    c = cpu_entry(cpus, 0);
    g_assert_cmpint(qdict_get_int(c, "cpu-index"), ==, 0);
    g_assert_cmpstr(qdict_get_str(c, "card"), ==, "quad");
    g_assert_false(qdict_get_bool(c, "parked"));
    g_assert(qdict_haskey(c, "vic") && qdict_haskey(c, "qic"));
    c = cpu_entry(cpus, 8);
    g_assert_cmpint(qdict_get_int(c, "slot"), ==, 0);
    g_assert(!qdict_haskey(c, "vic") && qdict_haskey(c, "qic"));
    g_assert_true(qdict_get_bool(c, "parked"));
    c = cpu_entry(cpus, 5);
    g_assert_cmpstr(qdict_get_str(c, "card"), ==, "dyad");
    g_assert_cmpint(qdict_get_int(c, "slot"), ==, 1);
    g_assert(qdict_haskey(c, "vic") && !qdict_haskey(c, "qic"));
    g_assert_true(qdict_get_bool(c, "parked"));
    g_assert_false(qdict_get_bool(c, "dead"));
    qobject_unref(resp);

    boot_cpi(qts, 5);
    qtest_clock_step(qts, 1000 * 1000);     /* the firmware's next poll */
    cpus = query_cpus(qts, &resp);
    g_assert_false(qdict_get_bool(cpu_entry(cpus, 5), "parked"));
    g_assert_true(qdict_get_bool(cpu_entry(cpus, 1), "parked"));
    qobject_unref(resp);
    qtest_quit(qts);
}

/*
 * cards=quad2: quad CPU 1 (hardware CPU 4) has a VIC line, so a VIC CPI
 * reaches it, but it is started by its QIC only (reference §5.2): the
 * firmware drops the VIC boot CPI and the CPU stays parked.
 */
static void test_quad2_boot(void)
{
    QTestState *qts = qtest_init("-M voyager,cards=quad2");
    g_autofree char *cfg = qtest_hmp(qts, "info voyager config");
    QDict *resp;
    QList *cpus;

    g_assert_nonnull(strstr(cfg, "0:quad (second VIC line)"));
    cpus = query_cpus(qts, &resp);
    g_assert(qdict_haskey(cpu_entry(cpus, 4), "vic"));
    g_assert(!qdict_haskey(cpu_entry(cpus, 8), "vic"));
    qobject_unref(resp);

    boot_cpi(qts, 4);
    qtest_clock_step(qts, 1000 * 1000);
    cpus = query_cpus(qts, &resp);
    g_assert_true(qdict_get_bool(cpu_entry(cpus, 4), "parked"));
    qobject_unref(resp);
    g_assert_cmpint(voyager_qom_int(qts, "/machine", "park-acks"), >=, 1);
    qtest_quit(qts);
}

/* `info voyager` parts; a wrong part is one error line. */
static void test_info_parts(void)
{
    QTestState *qts = qtest_init("-M voyager,cards=quad:dyad");
    g_autofree char *cpu = qtest_hmp(qts, "info voyager cpu=5");
    g_autofree char *cfg = qtest_hmp(qts, "info voyager config");
    g_autofree char *bad = qtest_hmp(qts, "info voyager cpu=2");
    g_autofree char *qic = qtest_hmp(qts, "info voyager qic");

    g_assert_nonnull(strstr(cpu, "CPU 5 (cpu_index 3): slot 1, dyad card, "
                            "parked"));
    g_assert_nonnull(strstr(cpu, "VIC: IMR"));
    g_assert_null(strstr(cpu, "QIC:"));
    g_assert_nonnull(strstr(cfg, "cards: 0:quad 1:dyad"));
    g_assert_null(strstr(cfg, "VIC: CPI base"));
    g_assert_nonnull(strstr(bad, "part 'cpu=2'"));
    g_assert_nonnull(strstr(qic, "QIC slot 0"));
    qtest_quit(qts);
}

/*
 * Faults at run time (issue 14 item 4): fault-dead-cpu and friends change
 * with qom-set while the machine runs; what describes the hardware does
 * not, and says so.  A dead CPU takes no interrupt: its boot CPI leaves
 * it parked, and it starts once revived.
 */
static void test_runtime_faults(void)
{
    QTestState *qts = qtest_init("-M voyager,cards=dyad:dyad");
    QDict *r, *resp;
    QList *cpus;

    r = qtest_qmp(qts, "{'execute': 'qom-set', 'arguments': {'path': "
                  "'/machine', 'property': 'fault-dead-cpu', 'value': 5}}");
    g_assert(qdict_haskey(r, "return"));
    qobject_unref(r);
    r = qtest_qmp(qts, "{'execute': 'qom-set', 'arguments': {'path': "
                  "'/machine', 'property': 'fault-dead-cpu', 'value': 0}}");
    g_assert_nonnull(strstr(qdict_get_str(qdict_get_qdict(r, "error"),
                                          "desc"),
                            "fault-dead-cpu: 0 is not a present secondary"));
    qobject_unref(r);
    r = qtest_qmp(qts, "{'execute': 'qom-set', 'arguments': {'path': "
                  "'/machine', 'property': 'cards', 'value': 'quad'}}");
    g_assert_nonnull(strstr(qdict_get_str(qdict_get_qdict(r, "error"),
                                          "desc"),
                            "cards: cannot change while the machine runs"));
    qobject_unref(r);
    r = qtest_qmp(qts, "{'execute': 'qom-set', 'arguments': {'path': "
                  "'/machine', 'property': 'cpu-cr4', 'value': 'on'}}");
    g_assert(qdict_haskey(r, "error"));
    qobject_unref(r);
    /* The one fault fixed with the machine: the firmware's table. */
    r = qtest_qmp(qts, "{'execute': 'qom-set', 'arguments': {'path': "
                  "'/machine', 'property': 'fault-bios-table', "
                  "'value': 'on'}}");
    g_assert_nonnull(strstr(qdict_get_str(qdict_get_qdict(r, "error"),
                                          "desc"),
                            "fault-bios-table: cannot change while the "
                            "machine runs"));
    qobject_unref(r);

    boot_cpi(qts, 5);
    qtest_clock_step(qts, 1000 * 1000);
    cpus = query_cpus(qts, &resp);
    g_assert_true(qdict_get_bool(cpu_entry(cpus, 5), "dead"));
    g_assert_true(qdict_get_bool(cpu_entry(cpus, 5), "parked"));
    qobject_unref(resp);

    r = qtest_qmp(qts, "{'execute': 'qom-set', 'arguments': {'path': "
                  "'/machine', 'property': 'fault-dead-cpu', 'value': 255}}");
    g_assert(qdict_haskey(r, "return"));
    qobject_unref(r);
    qtest_clock_step(qts, 1000 * 1000);
    cpus = query_cpus(qts, &resp);
    g_assert_false(qdict_get_bool(cpu_entry(cpus, 5), "dead"));
    g_assert_false(qdict_get_bool(cpu_entry(cpus, 5), "parked"));
    qobject_unref(resp);
    qtest_quit(qts);
}

static void machine_set(QTestState *qts, const char *prop, const char *json)
{
    QDict *r = qtest_qmp(qts, "{'execute': 'qom-set', 'arguments': "
                         "{'path': '/machine', 'property': %s, "
                         "'value': %p}}", prop,
                         qobject_from_json(json, &error_abort));

    g_assert(qdict_haskey(r, "return"));
    qobject_unref(r);
}

/*
 * Every fault-* property of the machine set while it runs (issue 14
 * item 4) reaches the device that models it at once, and `info voyager
 * cat` shows the silenced module.
 */
static void test_runtime_forwarding(void)
{
    QTestState *qts = qtest_init("-M voyager,cards=quad:dyad");
    g_autofree char *before = qtest_hmp(qts, "info voyager cat");
    g_autofree char *after = NULL;

    g_assert_nonnull(strstr(before, "CAT bus: level 5"));
    g_assert_nonnull(strstr(before, "  module 11:"));
    g_assert_null(strstr(before, "NOT ANSWERING"));
    machine_set(qts, "fault-cat-module", "17");
    g_assert_cmpint(voyager_qom_int(qts, "/machine/cat", "fault-module"), ==, 0x11);
    after = qtest_hmp(qts, "info voyager cat");
    g_assert_nonnull(strstr(strstr(after, "  module 11:"),
                            "NOT ANSWERING (fault-module)"));

    machine_set(qts, "fault-stuck-irq", "5");
    g_assert_cmpint(voyager_qom_int(qts, "/machine/vic", "stuck-irq"), ==, 5);
    machine_set(qts, "fault-stuck-irq", "255");
    g_assert_cmpint(voyager_qom_int(qts, "/machine/vic", "stuck-irq"), ==, -1);
    machine_set(qts, "fault-cpi-storm", "10");
    g_assert_cmpint(voyager_qom_int(qts, "/machine/vic", "cpi-storm"), ==, 10);
    machine_set(qts, "fault-clickmap", "true");
    g_assert_true(voyager_qom_int(qts, "/machine/sus", "fault-clickmap"));
    machine_set(qts, "fault-sys-int", "true");
    g_assert_true(voyager_qom_int(qts, "/machine", "fault-sys-int"));
    qtest_quit(qts);
}

/*
 * The board's trace events (issue 14 item 5, guide "Tracing") fire where
 * the guide says: a parked CPU's firmware acknowledging the boot CPI and
 * the CPU starting, the dump switch's NMI to each running CPU, and the
 * port 61h write.  (voyager_inta needs a running CPU, which a qtest does
 * not have; every boot's console shows its effect.)
 */
static void test_trace_events(void)
{
    g_autofree char *path = NULL, *log = NULL;
    QTestState *qts;
    QDict *r;
    int fd;

    fd = g_file_open_tmp("voyager-trace-XXXXXX", &path, NULL);
    g_assert_cmpint(fd, >=, 0);
    close(fd);
    qts = qtest_initf("-M voyager,cards=dyad:dyad -D %s "
                      "-trace enable=voyager_park_ack "
                      "-trace enable=voyager_cpu_start "
                      "-trace enable=voyager_nmi "
                      "-trace enable=voyager_port61_write", path);
    boot_cpi(qts, 4);
    qtest_clock_step(qts, 1000 * 1000);
    r = qtest_qmp(qts, "{'execute': 'inject-nmi'}");
    qobject_unref(r);
    qtest_outb(qts, 0x61, 0x80);
    qtest_quit(qts);

    g_assert_true(g_file_get_contents(path, &log, NULL, NULL));
    g_assert_nonnull(strstr(log, "voyager_park_ack parked CPU 4 "
                            "acknowledged vector"));
    g_assert_nonnull(strstr(log, "boot CPI 1)"));
    g_assert_nonnull(strstr(log, "voyager_cpu_start CPU 4 (cpu_index "));
    g_assert_nonnull(strstr(log, "voyager_nmi dump switch: NMI to CPU 0"));
    g_assert_nonnull(strstr(log, "voyager_nmi dump switch: NMI to CPU 4"));
    g_assert_null(strstr(log, "NMI to CPU 1\n"));
    g_assert_nonnull(strstr(log, "voyager_port61_write port 61h <- 0x80"));
    unlink(path);
}

/*
 * Only what a Voyager has (issue 14 item 6): no IDE controller and no
 * ISA NE2000 on the board, and a drive asked for on IDE is refused.
 */
static void test_no_pc_devices(void)
{
    QTestState *qts = qtest_init("-M voyager");
    g_autofree char *tree = qtest_hmp(qts, "info qtree");

    g_assert_nonnull(strstr(tree, "voyager-vic"));
    g_assert_null(strstr(tree, "isa-ide"));
    g_assert_null(strstr(tree, "bus: ide"));
    g_assert_null(strstr(tree, "ne2k_isa"));
    qtest_quit(qts);
    voyager_expect_refused("-M voyager -drive if=ide,driver=null-co",
                           "if=ide");
}

/*
 * qemu-review D3: a line held high towards a parked CPU (here its dyad
 * re-initialised in level mode through the masquerade, which opens every
 * line, and IRQ 5 stuck) costs the firmware model one acknowledge per
 * 100 us of virtual time, not a spinning main loop.  The count also
 * proves the stuck line did reach the parked CPU.
 */
static void test_park_paced(void)
{
    QTestState *qts = qtest_init("-M voyager,fault-stuck-irq=5");
    uint32_t acks;

    qtest_outb(qts, 0x21, 0xff);            /* boot CPU: everything masked */
    qtest_outb(qts, 0xa1, 0xff);
    qtest_outb(qts, 0xfc21, 0x08 | 4);      /* masquerade as CPU 4 */
    qtest_outb(qts, 0x20, 0x19);            /* ICW1: level, ICW4 needed */
    qtest_outb(qts, 0x21, 0x50);            /* ICW2 */
    qtest_outb(qts, 0x21, 0x04);            /* ICW3 */
    qtest_outb(qts, 0x21, 0x01);            /* ICW4: 8086 mode */
    qtest_outb(qts, 0xfc21, 0x00);
    qtest_clock_step(qts, 10 * 1000 * 1000);        /* 10 ms */
    acks = voyager_qom_int(qts, "/machine", "park-acks");
    g_assert_cmpuint(acks, >=, 50);
    g_assert_cmpuint(acks, <=, 101);
    qtest_quit(qts);
}

/*
 * qemu-review D1: a CPU started before a migration is still started
 * after it (the board's parked flags and INTR lines are migrated); before
 * the fix the destination's reset parked every secondary again and the
 * next CPI restarted a running CPU from its IVT gate.
 */
static void test_migrate_parked(void)
{
    g_autofree char *path = g_strdup_printf("%s/voyager-mig-%d",
                                            g_get_tmp_dir(), getpid());
    g_autofree char *uri = g_strdup_printf("file:%s", path);
    QTestState *src = qtest_init("-M voyager,cards=dyad:dyad");
    QTestState *dst;
    QDict *r, *resp;
    QList *cpus;
    int i;

    boot_cpi(src, 5);
    qtest_clock_step(src, 1000 * 1000);
    r = qtest_qmp(src, "{'execute': 'migrate', 'arguments': "
                  "{'uri': %s}}", uri);
    g_assert(qdict_haskey(r, "return"));
    qobject_unref(r);
    for (i = 0; i < 600; i++) {
        const char *st;

        r = qtest_qmp(src, "{'execute': 'query-migrate'}");
        st = qdict_get_try_str(qdict_get_qdict(r, "return"), "status");
        if (st && !strcmp(st, "completed")) {
            qobject_unref(r);
            break;
        }
        g_assert(!st || strcmp(st, "failed"));
        qobject_unref(r);
        g_usleep(50000);
    }
    g_assert_cmpint(i, <, 600);
    qtest_quit(src);

    dst = qtest_initf("-M voyager,cards=dyad:dyad -incoming file:%s", path);
    for (i = 0; i < 600; i++) {
        const char *st;

        r = qtest_qmp(dst, "{'execute': 'query-migrate'}");
        st = qdict_get_try_str(qdict_get_qdict(r, "return"), "status");
        qobject_unref(r);
        if (st && !strcmp(st, "completed")) {
            break;
        }
        g_usleep(50000);
    }
    cpus = query_cpus(dst, &resp);
    g_assert_false(qdict_get_bool(cpu_entry(cpus, 5), "parked"));
    g_assert_true(qdict_get_bool(cpu_entry(cpus, 1), "parked"));
    g_assert_true(qdict_get_bool(cpu_entry(cpus, 4), "parked"));
    qobject_unref(resp);
    qtest_quit(dst);
    unlink(path);
}

/* A firmware image of @kib KiB of FFh, in a file the caller removes. */
static char *firmware_file(unsigned kib)
{
    g_autofree uint8_t *buf = g_malloc(kib * 1024);
    char *path = NULL;
    int fd = g_file_open_tmp("voyager-fw-XXXXXX", &path, NULL);

    g_assert_cmpint(fd, >=, 0);
    memset(buf, 0xff, kib * 1024);
    g_assert_cmpint(write(fd, buf, kib * 1024), ==, kib * 1024);
    close(fd);
    return path;
}

/*
 * qemu-review D8: the firmware sits right below 4 GiB; on Level 5 one of
 * 960 KiB or more would reach the SUS (FFF10000h-FFF10FFFh) and the QIC
 * CPI areas below it, so it is refused; 896 KiB (the largest multiple of
 * 64 KiB above them) is taken, and Level 4, which has neither, takes
 * 1 MiB.
 */
static void test_firmware_size(void)
{
    g_autofree char *big = firmware_file(960);
    g_autofree char *fits = firmware_file(896);
    g_autofree char *mib = firmware_file(1024);
    g_autofree char *args = g_strdup_printf("-M voyager -bios %s", big);
    QTestState *qts;

    voyager_expect_refused(args, "firmware: 960 KiB");
    voyager_expect_refused(args, "at most 896 KiB");
    qts = qtest_initf("-M voyager -bios %s", fits);
    qtest_quit(qts);
    qts = qtest_initf("-M voyager,level=4,class=0x3360,cards=dyad -bios %s",
                      mib);
    qtest_quit(qts);
    unlink(big);
    unlink(fits);
    unlink(mib);
}

/*
 * A new CPU topology on a running machine (qom-set of the machine's smp,
 * which make fuzz's property trials do): the board had sized its CPU
 * tables from the old one, and the next query of the CPUs' properties
 * ended QEMU on an assertion in x86_possible_cpu_arch_ids() (on -M pc
 * as well).  It is refused; the CPUs are as they were.
 */
static void test_smp_fixed(void)
{
    QTestState *qts = qtest_init("-M voyager,cards=quad");
    QDict *r;

    r = qtest_qmp(qts, "{ 'execute': 'qom-set', 'arguments': {"
                  " 'path': '/machine', 'property': 'smp', 'value': {} } }");
    g_assert(qdict_haskey(r, "error"));
    qobject_unref(r);
    g_assert_cmpint(count_cpus(qts), ==, 4);
    qtest_quit(qts);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    qtest_add_func("voyager/machine/default", test_default_box);
    qtest_add_func("voyager/machine/quad", test_quad_box);
    qtest_add_func("voyager/machine/32-cpus", test_32_cpus);
    qtest_add_func("voyager/machine/refused", test_refused);
    qtest_add_func("voyager/machine/firmware-size", test_firmware_size);
    qtest_add_func("voyager/machine/refused-faults", test_refused_faults);
    qtest_add_func("voyager/machine/monitor", test_monitor);
    qtest_add_func("voyager/machine/monitor-other-machine",
                   test_monitor_other_machine);
    qtest_add_func("voyager/machine/cpu-names", test_cpu_names);
    qtest_add_func("voyager/machine/query-cpus", test_query_cpus);
    qtest_add_func("voyager/machine/quad2-boot", test_quad2_boot);
    qtest_add_func("voyager/machine/info-parts", test_info_parts);
    qtest_add_func("voyager/machine/runtime-faults", test_runtime_faults);
    qtest_add_func("voyager/machine/runtime-forwarding",
                   test_runtime_forwarding);
    qtest_add_func("voyager/machine/no-pc-devices", test_no_pc_devices);
    qtest_add_func("voyager/machine/trace-events", test_trace_events);
    qtest_add_func("voyager/machine/park-paced", test_park_paced);
    qtest_add_func("voyager/machine/migrate-parked", test_migrate_parked);
    qtest_add_func("voyager/machine/smp-fixed", test_smp_fixed);
    return g_test_run();
}
