/*
 * NCR Voyager: the SUS (the baseboard's system utility firmware) as seen
 * by the operating system
 *
 * The extended CMOS at ports 74h/75h/76h, the "in control" register at
 * port 3FFh, and at VOYAGER_SUS_BASE the SUS mailbox and the ClickMap
 * memory table (Level 5 only).  See docs/system/i386/voyager-cat.rst.
 *
 * Copyright (c) 2026 The NCR Voyager Linux port developers
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef HW_MISC_VOYAGER_SUS_H
#define HW_MISC_VOYAGER_SUS_H

#include "hw/isa/isa.h"
#include "hw/misc/voyager_config.h"
#include "qom/object.h"

#define TYPE_VOYAGER_SUS "voyager-sus"
OBJECT_DECLARE_SIMPLE_TYPE(VoyagerSusState, VOYAGER_SUS)

/* Layout of the SUS block at VOYAGER_SUS_BASE. */
#define VOYAGER_SUS_MAILBOX         0x000       /* 1 KiB, hw ref 7.2 */
#define VOYAGER_SUS_MAILBOX_SIZE    0x400
#define VOYAGER_SUS_CLICKMAP        0x400       /* 128 bytes, hw ref 8.1 */
#define VOYAGER_SUS_CLICKMAP_SIZE   0x80
#define VOYAGER_SUS_SIZE            0x1000

/* Extended CMOS indexes (hw ref 2.2). */
#define VOYAGER_XCMOS_PRESENT       0x088a
#define VOYAGER_XCMOS_CLICKMAP      0x0a23
#define VOYAGER_XCMOS_MAILBOX       0x0b1a

/* Mailbox byte 0, SUS to OS (7.2). */
#define VOYAGER_SUS_DUMP_NMI        0x01
#define VOYAGER_SUS_VALID           0x02

struct VoyagerSusState {
    ISADevice parent_obj;

    /* properties */
    uint8_t level;
    uint8_t slots;
    char *cards;
    uint64_t ram_size;
    bool fault_clickmap;        /* a ClickMap whose ranges overlap */

    VoyagerConfig cfg;
    uint64_t ram;
    uint8_t clickmap[VOYAGER_SUS_CLICKMAP_SIZE];

    MemoryRegion xcmos_io;      /* 74h-76h */
    MemoryRegion ctl_io;        /* 3FFh */
    MemoryRegion mmio;          /* VOYAGER_SUS_BASE */

    uint16_t xcmos_index;
    uint8_t in_control;
    uint8_t mailbox[VOYAGER_SUS_MAILBOX_SIZE];
    /* statistics, not migrated */
    uint64_t port_accesses;     /* 74h-76h, 3FFh */
    uint64_t mmio_accesses;     /* mailbox and ClickMap */
};

/* The SUS tells the OS that the dump switch was pressed (7.1). */
void voyager_sus_dump_request(DeviceState *sus);

#endif
