/*
 * QTest for the NCR Voyager SUS interface (voyager-sus)
 *
 * Expected values come from the hardware reference (voyager-hw.md, cited
 * by section) and the configuration on the command line; choices the
 * reference leaves open are cited as "doc" (voyager-cat.rst).
 *
 * Copyright (c) 2026 The NCR Voyager Linux port developers
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "qemu/units.h"
#include "libqtest.h"
#include "qobject/qdict.h"

/* 2.2: write the index low byte to 74h, high byte to 75h, read 76h */
static uint8_t xcmos(QTestState *qts, uint16_t idx)
{
    qtest_outb(qts, 0x74, idx & 0xff);
    qtest_outb(qts, 0x75, idx >> 8);
    return qtest_inb(qts, 0x76);
}

static uint32_t xcmos32(QTestState *qts, uint16_t idx)
{
    uint32_t v = 0;
    int i;

    for (i = 0; i < 4; i++) {
        v |= (uint32_t)xcmos(qts, idx + i) << (8 * i);
    }
    return v;
}

static QTestState *start(const char *machopts, const char *extra)
{
    return qtest_initf("-M voyager%s%s -nodefaults %s",
                       *machopts ? "," : "", machopts, extra);
}

static void check_present(const char *opts, uint32_t want)
{
    QTestState *qts = start(opts, "");

    /* 2.2: 088Ah-088Dh, bit n = hardware CPU n present */
    g_assert_cmphex(xcmos32(qts, 0x088a), ==, want);
    qtest_quit(qts);
}

static void test_present_mask(void)
{
    /* 5.2: dyad in slot s = CPUs s, s + 4 */
    check_present("cards=dyad", 0x00000011);
    check_present("cards=mono:mono:mono:mono", 0x0000000f);
    /* 4-slot quad in slot s = s + 4j: slot 0 -> 0, 4, 8, 12; dyad 1, 5 */
    check_present("cards=quad:dyad", 0x00001133);
    /*
     * 8-slot: quad = s + 8j; slot 0 -> 0, 8, 16, 24; mono 1;
     * slot 3 -> 3, 11, 19, 27
     */
    check_present("slots=8,cards=quad:mono:empty:quad", 0x0909090b);
    /* a full 4-slot box of quads: 16 CPUs */
    check_present("cards=quad:quad:quad:quad", 0x0000ffff);
}

/* 8.1: 16 entries of {start, length in 4 KiB clicks}, 0 terminates */
static void check_clickmap(QTestState *qts, uint64_t ram)
{
    uint32_t map = xcmos32(qts, 0x0a23);
    uint64_t total = 0;
    bool saw_ext = false;
    int i;

    for (i = 0; i < 16; i++) {
        uint32_t start = qtest_readl(qts, map + 8 * i);
        uint32_t len = qtest_readl(qts, map + 8 * i + 4);
        uint64_t end = start + (uint64_t)len * 4096;

        if (!len) {
            break;
        }
        /* RAM only: below ram, and not in the 640 KiB - 1 MiB hole */
        g_assert_cmpuint(end, <=, ram);
        g_assert_true(end <= 0xa0000 || start >= 0x100000);
        if (start == 0x100000) {
            /* everything from 1 MiB to the top of -m */
            g_assert_cmphex(end, ==, ram);
            saw_ext = true;
        } else {
            g_assert_cmphex(start, ==, 0);  /* base memory */
            g_assert_cmpuint(len, >=, 0x9f);
        }
        total += (uint64_t)len * 4096;
    }
    g_assert_cmpint(i, <, 16);
    g_assert_true(saw_ext);
    g_assert_cmpuint(total, <=, ram - 0x60000);
}

static void test_clickmap(void)
{
    static const int sizes[] = { 32, 128, 256, 1000 };
    int i;

    for (i = 0; i < ARRAY_SIZE(sizes); i++) {
        g_autofree char *m = g_strdup_printf("-m %d", sizes[i]);
        QTestState *qts = start("", m);

        check_clickmap(qts, sizes[i] * MiB);
        qtest_quit(qts);
    }
}

static void test_mailbox(void)
{
    QTestState *qts = start("", "");
    uint32_t mb = xcmos32(qts, 0x0b1a);

    /* 2.2: only accepted if the top byte is FFh */
    g_assert_cmphex(mb >> 24, ==, 0xff);
    /* doc: SUS valid (02h) in the SUS -> OS byte; no dump yet */
    g_assert_cmphex(qtest_readb(qts, mb), ==, 0x02);
    /* 7.2: the OS writes its version and flags, they stay */
    qtest_writeb(qts, mb + 3, 0x10);
    qtest_writel(qts, mb + 4, 0x01);
    qtest_writeb(qts, mb + 1, 0x01);
    g_assert_cmphex(qtest_readb(qts, mb + 3), ==, 0x10);
    g_assert_cmphex(qtest_readl(qts, mb + 4), ==, 0x01);
    g_assert_cmphex(qtest_readb(qts, mb + 1), ==, 0x01);
    /* the ClickMap pointer and the mailbox do not overlap (1 KiB) */
    g_assert_true(xcmos32(qts, 0x0a23) >= mb + 0x400 ||
                  xcmos32(qts, 0x0a23) + 0x80 <= mb);
    /* 2.2, 10 item 24: writes to 76h are ignored */
    qtest_outb(qts, 0x74, 0x8a);
    qtest_outb(qts, 0x75, 0x08);
    qtest_outb(qts, 0x76, 0x00);
    g_assert_cmphex(qtest_inb(qts, 0x76), ==, 0x11);
    qtest_quit(qts);
}

static void test_in_control(void)
{
    /* with a COM1 UART at 3F8h, 3FFh still reaches the SUS */
    QTestState *qts = start("", "-serial null");

    g_assert_cmphex(qtest_inb(qts, 0x3ff), ==, 0x00);
    /* 4.6, 7.2: the boot CPU ORs in 80h */
    qtest_outb(qts, 0x3ff, qtest_inb(qts, 0x3ff) | 0x80);
    g_assert_cmphex(qtest_inb(qts, 0x3ff), ==, 0x80);
    qtest_quit(qts);
}

static int64_t sus_int(QTestState *qts, const char *prop)
{
    QDict *r = qtest_qmp(qts, "{'execute': 'qom-get', 'arguments': "
                         "{'path': '/machine/sus', 'property': %s}}", prop);
    int64_t v = qdict_get_int(r, "return");

    qobject_unref(r);
    return v;
}

static bool sus_bool(QTestState *qts, const char *prop)
{
    QDict *r = qtest_qmp(qts, "{'execute': 'qom-get', 'arguments': "
                         "{'path': '/machine/sus', 'property': %s}}", prop);
    bool v = qdict_get_bool(r, "return");

    qobject_unref(r);
    return v;
}

/*
 * Fidelity audit D3, reference 7.2: the old kernel registered with the
 * SUS at CAT init: OS interface version 10h at byte 3, OS flags 01h ("OS
 * has sysint") as a 32-bit word at byte 4.  The registration is visible
 * as QOM properties, so a boot test can check the kernel did it.
 */
static void test_registration(void)
{
    QTestState *qts = start("", "");
    uint32_t mb = xcmos32(qts, 0x0b1a);

    g_assert_false(sus_bool(qts, "os-registered"));
    g_assert_cmpint(sus_int(qts, "os-version"), ==, 0);
    qtest_writeb(qts, mb + 3, 0x10);
    /* a version without the flag is not a registration */
    g_assert_false(sus_bool(qts, "os-registered"));
    qtest_writel(qts, mb + 4, 0x01);
    g_assert_true(sus_bool(qts, "os-registered"));
    g_assert_cmpint(sus_int(qts, "os-version"), ==, 0x10);
    g_assert_cmpint(sus_int(qts, "os-flags"), ==, 0x01);
    /* a reset forgets it */
    qobject_unref(qtest_qmp(qts, "{'execute': 'system_reset'}"));
    qtest_qmp_eventwait(qts, "RESET");
    g_assert_false(sus_bool(qts, "os-registered"));
    qtest_quit(qts);
}

/*
 * Fidelity audit D22: a Level 4 machine has no SUS mailbox and no
 * ClickMap (the old kernel never mapped one; memory comes from the
 * DINO): their extended-CMOS pointers read 0.  The present mask stays.
 */
static void test_level4(void)
{
    QTestState *qts = start("level=4,class=0x3360,cards=dyad:mono", "");

    g_assert_cmphex(xcmos32(qts, 0x0b1a), ==, 0);
    g_assert_cmphex(xcmos32(qts, 0x0a23), ==, 0);
    g_assert_cmphex(xcmos32(qts, 0x088a), ==, 0x13);
    /* the dump switch leaves no mailbox message */
    qobject_unref(qtest_qmp(qts, "{'execute': 'inject-nmi'}"));
    g_assert_false(sus_bool(qts, "os-registered"));
    qtest_quit(qts);

    /* Level 5: both are FFxxxxxxh addresses */
    qts = start("level=5,cards=dyad:mono", "");
    g_assert_cmphex(xcmos32(qts, 0x0b1a) >> 24, ==, 0xff);
    g_assert_cmphex(xcmos32(qts, 0x0a23) >> 24, ==, 0xff);
    qtest_quit(qts);
}

/* Issue 14 (counters): the SUS's port and memory accesses as QOM ints. */
static void test_counters(void)
{
    QTestState *qts = start("", "");
    int64_t ports = sus_int(qts, "port-accesses");
    int64_t mmio = sus_int(qts, "mmio-accesses");
    uint32_t mb = xcmos32(qts, 0x0b1a);     /* 12 port accesses */

    qtest_inb(qts, 0x3ff);
    qtest_readl(qts, mb);
    qtest_writeb(qts, mb + 1, 0);
    g_assert_cmpint(sus_int(qts, "port-accesses") - ports, ==, 13);
    g_assert_cmpint(sus_int(qts, "mmio-accesses") - mmio, ==, 2);
    qtest_quit(qts);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);

    qtest_add_func("voyager/sus/present-mask", test_present_mask);
    qtest_add_func("voyager/sus/clickmap", test_clickmap);
    qtest_add_func("voyager/sus/mailbox", test_mailbox);
    qtest_add_func("voyager/sus/in-control", test_in_control);
    qtest_add_func("voyager/sus/registration", test_registration);
    qtest_add_func("voyager/sus/level4", test_level4);
    qtest_add_func("voyager/sus/counters", test_counters);
    return g_test_run();
}
