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
#include "qobject/qdict.h"

/*
 * QEMU started with @args must refuse to start and say @what on stderr.
 * Run as a child of its own (qtest_init() would abort the whole test).
 */
static inline void voyager_expect_refused(const char *args, const char *what)
{
    const char *qemu = g_getenv("QTEST_QEMU_BINARY");
    g_autofree char *cmd = g_strdup_printf("%s -display none -nodefaults "
                                           "-S -accel qtest %s", qemu, args);
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
    if (!strstr(err, what)) {
        g_test_message("'%s' said: %s", args, err);
        g_assert_not_reached();
    }
}

/*
 * INTR of output @n of the interrupt controller at QOM @path, as the
 * device reports it (its property "intr-level"): qtest's
 * irq_intercept_out would disconnect the outputs from the board, which
 * starts the CPUs.
 */
static inline bool voyager_intr(QTestState *qts, const char *path, int n)
{
    QDict *r = qtest_qmp(qts, "{'execute': 'qom-get', 'arguments': "
                         "{'path': %s, 'property': 'intr-level'}}", path);
    int64_t v = qdict_get_int(r, "return");

    qobject_unref(r);
    return v & (1 << n);
}

#endif
