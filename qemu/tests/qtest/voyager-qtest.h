/*
 * Helpers shared by the NCR Voyager qtests
 *
 * Copyright (c) 2026 The NCR Voyager Linux port developers
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef VOYAGER_QTEST_H
#define VOYAGER_QTEST_H

#include "libqtest.h"
#include "qobject/qbool.h"
#include "qobject/qdict.h"
#include "qobject/qnum.h"

/*
 * QEMU started with @args must refuse to start and say @what on stderr.
 * Run as a child of its own (qtest_init() would abort the whole test).
 * Returns what it said on stderr (g_free it).
 */
static inline char *voyager_refused_stderr(const char *args,
                                           const char *what)
{
    const char *qemu = g_getenv("QTEST_QEMU_BINARY");
    /* A QEMU that does not refuse would wait for ever: 60 s, then 124. */
    g_autofree char *cmd = g_strdup_printf("timeout -k 5 60 %s -display none "
                                           "-nodefaults -S -accel qtest %s",
                                           qemu, args);
    g_autofree char *out = NULL, *err = NULL;
    g_auto(GStrv) argv = NULL;
    g_autoptr(GError) gerr = NULL;
    int status;

    g_assert(qemu);
    /* An argument vector: no shell between the test and QEMU. */
    g_assert(g_shell_parse_argv(cmd, NULL, &argv, &gerr));
    g_assert(g_spawn_sync(NULL, argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                          &out, &err, &status, &gerr));
    /* It ended by itself, with a failure (QEMU's glib floor is 2.66). */
    g_assert_true(WIFEXITED(status) && WEXITSTATUS(status) != 0);
    if (WEXITSTATUS(status) == 124) {
        g_test_message("'%s' started (no refusal within 60 s)", args);
        g_assert_not_reached();
    }
    if (!strstr(err, what)) {
        g_test_message("'%s' said: %s", args, err);
        g_assert_not_reached();
    }
    return g_steal_pointer(&err);
}

static inline void voyager_expect_refused(const char *args, const char *what)
{
    g_free(voyager_refused_stderr(args, what));
}

/*
 * The same, and what it said is one line: the error, nothing else (no
 * second message, no abort or assertion text).
 */
static inline void voyager_expect_refused_line(const char *args,
                                               const char *what)
{
    g_autofree char *err = voyager_refused_stderr(args, what);
    const char *nl = strchr(err, '\n');

    if (!nl || nl[1]) {
        g_test_message("'%s' said more than one line: %s", args, err);
        g_assert_not_reached();
    }
}

/* A QMP number, or a boolean as 0 or 1. */
static inline int64_t voyager_qobject_int(QObject *o)
{
    g_assert_nonnull(o);
    if (qobject_type(o) == QTYPE_QBOOL) {
        return qbool_get_bool(qobject_to(QBool, o));
    }
    return qnum_get_int(qobject_to(QNum, o));
}

/*
 * Property @prop of the QOM object at @path, a number or a boolean (as
 * 0 or 1); the qom-get must succeed.
 */
static inline int64_t voyager_qom_int(QTestState *qts, const char *path,
                                      const char *prop)
{
    QDict *r = qtest_qmp(qts, "{'execute': 'qom-get', 'arguments': "
                         "{'path': %s, 'property': %s}}", path, prop);
    int64_t v = voyager_qobject_int(qdict_get(r, "return"));

    qobject_unref(r);
    return v;
}

/*
 * INTR of output @n of the interrupt controller at QOM @path, as the
 * device reports it (its property "intr-level"): qtest's
 * irq_intercept_out would disconnect the outputs from the board, which
 * starts the CPUs.
 */
static inline bool voyager_intr(QTestState *qts, const char *path, int n)
{
    return voyager_qom_int(qts, path, "intr-level") & (1 << n);
}

#endif
