/*
 * voyager-hmp.c: the `info voyager` monitor command
 *
 * Built for every i386 system emulator so that the command always links;
 * it reports the machine's interrupt controllers only when the running
 * machine is an NCR Voyager (which installs voyager_info_hook).
 *
 * Copyright (c) 2026 The NCR Voyager Linux port developers
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "monitor/monitor.h"
#include "monitor/hmp-target.h"
#include "hw/i386/voyager.h"

void (*voyager_info_hook)(GString *buf);

void hmp_info_voyager(Monitor *mon, const QDict *qdict)
{
    g_autoptr(GString) buf = g_string_new("");

    if (!voyager_info_hook) {
        monitor_printf(mon, "The machine is not an NCR Voyager\n");
        return;
    }
    voyager_info_hook(buf);
    monitor_puts(mon, buf->str);
}
