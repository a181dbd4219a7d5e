/*
 * NCR Voyager: the CAT (Configuration And Test) bus and the PSI
 *
 * The CAT controller at ports 96h/97h/98h and the SuperSet Port Block
 * (SSPB, F800h), the bit-serial scan engine, the CAT modules generated
 * from the machine's card configuration (processor cards, quad
 * baseboards, memory cards, MCA bridges) and the Power Supply Interface
 * (module 1Ah) with the front-panel power switch.  See
 * docs/system/i386/voyager-cat.rst.
 *
 * Copyright (c) 2026 The NCR Voyager Linux port developers
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef HW_MISC_VOYAGER_CAT_H
#define HW_MISC_VOYAGER_CAT_H

#include "hw/isa/isa.h"
#include "qemu/notify.h"
#include "qemu/timer.h"
#include "hw/misc/voyager_config.h"
#include "qom/object.h"

#define TYPE_VOYAGER_CAT "voyager-cat"
OBJECT_DECLARE_SIMPLE_TYPE(VoyagerCatState, VOYAGER_CAT)

/* CAT module ids 10h-1Fh (hardware reference 3.3). */
#define VOYAGER_CAT_MODULE_FIRST    0x10
#define VOYAGER_CAT_MODULES         16
#define VOYAGER_CAT_PSI             0x1a
/* ASIC state slots per module: the CAT ASIC and those of its submodules. */
#define VOYAGER_CAT_MAX_ASICS       7
#define VOYAGER_CAT_SSPB            0xf800
#define VOYAGER_CAT_SSPB_SIZE       0x100

typedef struct VoyagerCatAsic {
    uint8_t ir;                 /* instruction register */
    uint8_t reg[16];            /* plain direct registers */
    uint16_t subaddr;           /* registers 6 (low) and 7 (high) */
} VoyagerCatAsic;

typedef struct VoyagerCatModule {
    VoyagerCatAsic asic[VOYAGER_CAT_MAX_ASICS];
} VoyagerCatModule;

/*
 * The smallest EPROM the model generates, and where its tables start by
 * default (right after the 57h-byte header); eprom-table-offset moves
 * them, and the EPROM grows to the power of two that holds them.
 */
#define VOYAGER_CAT_EPROM_SIZE      0x200
#define VOYAGER_CAT_EPROM_TABLES    0x58
#define VOYAGER_CAT_SUBMODULES      2

/* What a submodule carries: its EPROM and its ASICs behind the CAT ASIC. */
typedef struct VoyagerCatSubInfo {
    bool present;
    uint8_t nasics;             /* ASICs after the CAT ASIC (location 0) */
    uint8_t slot[VOYAGER_CAT_MAX_ASICS];    /* state slot of location k */
    uint16_t eprom_used;        /* end-of-checksum offset (2Ah) */
    uint32_t eprom_size;        /* bytes in eprom */
    uint8_t *eprom;
} VoyagerCatSubInfo;

/* The module as generated from the configuration (not migrated). */
typedef struct VoyagerCatModuleInfo {
    uint8_t kind;               /* VoyagerCatModuleKind */
    int8_t slot;                /* processor slot, or -1 */
    uint8_t asic_id[VOYAGER_CAT_MAX_ASICS];     /* per state slot */
    uint8_t asic_kind[VOYAGER_CAT_MAX_ASICS];   /* VoyagerCatAsicKind */
    uint32_t mem_base, mem_size;                /* memory cards */
    VoyagerCatSubInfo sub[VOYAGER_CAT_SUBMODULES];
} VoyagerCatModuleInfo;

struct VoyagerCatState {
    ISADevice parent_obj;

    /* properties */
    uint8_t level;
    uint8_t slots;
    char *cards;
    uint16_t model_class;
    uint64_t ram_size;
    bool config_id_cpus;        /* EPROM config id = CPUs (D13) */
    uint16_t eprom_table_offset;    /* scan-path table offset (D9) */
    bool connect_sticky;        /* a chain write cannot disconnect (D10) */
    /*
     * Settable while the machine runs (qom-set), and migrated with the
     * state: the fault, the PSI event sources and the model choices.
     */
    uint8_t fault_module;       /* CAT module that does not answer, or 0 */
    uint8_t fault_eprom;        /* module whose EPROM is corrupt, or 0 */
    uint8_t fault_garbage;      /* module that shifts out noise, or 0 */
    uint32_t garbage;           /* ... the noise generator's state */
    bool dump_status;           /* a dump press latches F823h/F813h */
    bool psi_read_all;          /* CMN_INT held until regs 0-15 were read */
    bool psi_read_all_selection;    /* ... within one selection (D11) */
    uint32_t cmn_repeat_us;     /* re-raise period of a held CMN_INT */
    bool ac_fail;               /* AC lost on every supply */
    bool dc_fail;               /* a DC supply failed */
    bool battery_fail;          /* the CMOS battery failed */
    bool major_fault;           /* a major PSI fault */

    /* derived at realize */
    VoyagerConfig cfg;
    uint64_t ram;               /* RAM described (ram-size or -m) */
    VoyagerCatModuleInfo info[VOYAGER_CAT_MODULES];

    MemoryRegion mc_io;         /* 96h-98h */
    MemoryRegion sspb_io;       /* F800h-F8FFh */
    qemu_irq cmn_int;
    Notifier powerdown;
    QEMUTimer *psi_timer;
    QEMUTimer *cmn_timer;       /* re-raises a held CMN_INT */

    /* controller */
    uint8_t mc_setup;           /* port 96h */
    uint8_t select;             /* port 97h */
    uint8_t cycle;              /* VoyagerCatCycle */
    bool shifted;               /* data shifted since the cycle began */
    uint8_t chain_len;          /* bits in the current chain */
    uint64_t chain;             /* bit 0 = the cell nearest the output */
    uint8_t data_out;           /* bits shifted out by the last write */
    uint8_t swnmi;              /* F813h */
    uint8_t dumpval;            /* F823h */

    VoyagerCatModule module[VOYAGER_CAT_MODULES];

    /* PSI */
    uint8_t psi_status;         /* latched bits of PSI register 8 */
    uint8_t psi_supply;         /* subaddress 8000h */
    uint8_t psi_general;        /* subaddress 8007h */
    uint8_t psi_mask;           /* subaddress 8001h */
    bool psi_ac_changed;        /* subaddress 8004h bit 7 */
    uint16_t psi_unread;        /* registers 0-15 not read since an event */
    bool cmn_level;
    /* statistics, not migrated */
    uint64_t accesses;          /* port accesses (96h-98h, SSPB) */
    uint64_t psi_accesses;      /* PSI register reads and writes */
    uint64_t cmn_repeats;       /* CMN_INT re-raised while held */
};

/*
 * The front-panel dump switch: latches the status read at F823h/F813h
 * (hardware reference 7.1, 10 item 18) unless the property dump-status
 * is off.  The machine delivers the NMI.
 */
void voyager_cat_dump_switch(DeviceState *cat);

/* Append the CAT inventory for the machine's "info voyager". */
void voyager_cat_print_info(DeviceState *cat, GString *buf);

#endif
