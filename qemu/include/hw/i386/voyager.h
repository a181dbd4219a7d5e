/*
 * NCR Voyager machine
 *
 * Copyright (c) 2026 The NCR Voyager Linux port developers
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef HW_I386_VOYAGER_H
#define HW_I386_VOYAGER_H

#include "hw/i386/pc.h"
#include "hw/misc/voyager_config.h"
#include "hw/intc/voyager_vic.h"
#include "hw/intc/voyager_qic.h"
#include "qom/object.h"

#define TYPE_VOYAGER_MACHINE MACHINE_TYPE_NAME("voyager")
OBJECT_DECLARE_SIMPLE_TYPE(VoyagerMachineState, VOYAGER_MACHINE)

#define VOYAGER_NONE 0xff       /* "not set" for the uint8 properties */

struct VoyagerMachineState {
    PCMachineState parent_obj;

    /* properties */
    uint8_t level;
    char *model_class_str;
    uint8_t slots;
    char *cards;
    uint8_t boot_cpu;           /* hardware id; VOYAGER_NONE = lowest VIC */
    char *irq0_ack;             /* "port61" or "inta" */
    uint8_t fault_dead_cpu;     /* hardware id that never starts */
    uint8_t fault_stuck_irq;    /* ISA IRQ held asserted */
    char *fault_bios_table;     /* "off", "on", "level3", "absent" */
    bool fault_clickmap;        /* ClickMap with overlapping ranges */
    bool fault_sys_int;         /* SYS_INT held asserted */
    uint8_t fault_cat_module;   /* CAT module id that does not answer */
    uint32_t fault_cpi_storm;   /* spurious CPIs the VIC raises per boot */
    char *cpu_cr4;              /* "auto", "on", "off" */
    char *apicbase_bsp;         /* "boot", "all", "none" */
    bool mca_scsi_off;          /* mca-scsi=off (hw/misc/voyager_mca.c) */

    /* derived at init */
    VoyagerConfig cfg;
    int ncpus;
    int8_t hwid_of_index[VOYAGER_MAX_CPUS];
    int8_t index_of_hwid[VOYAGER_MAX_CPUS];
    VoyagerVICState *vic;
    VoyagerQICState *qic[VOYAGER_MAX_SLOTS];    /* per quad card, or NULL */
    MemoryRegion qic_io;        /* FC70h-FCFFh: the accessor's QIC */
    uint32_t intr_level;        /* bit n: INTR of hardware CPU n asserted */
    DeviceState *cat;           /* CAT bus and PSI */
    DeviceState *sus;
    bool parked[VOYAGER_MAX_CPUS];   /* by cpu_index: waits in firmware */
    QEMUTimer *park_timer;      /* paces the parked CPUs' firmware */
    uint32_t park_acks;         /* acknowledges the firmware did */
    MemoryRegion port61;
    MemoryRegion *speaker_io;
    hwaddr speaker_offset;
};

#endif
