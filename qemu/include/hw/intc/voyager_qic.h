/*
 * NCR Voyager Quad Interrupt Controller (QIC)
 *
 * One instance per quad processor card: the QIC registers FC70h-FCFFh as
 * seen by the card's CPUs (the machine dispatches each port access to the
 * QIC of the accessing CPU's card), the card's 1 KiB memory-mapped CPI
 * area, 8 QIC CPIs per CPU, SYS_INT/CMN_INT for the card's CPUs, and the
 * INTR line of each of its four CPUs (for the extended CPU merged with
 * its VIC INTR).
 *
 * Copyright (c) 2026 The NCR Voyager Linux port developers
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef HW_INTC_VOYAGER_QIC_H
#define HW_INTC_VOYAGER_QIC_H

#include "hw/core/sysbus.h"
#include "qom/object.h"

#define TYPE_VOYAGER_QIC "voyager-qic"
OBJECT_DECLARE_SIMPLE_TYPE(VoyagerQICState, VOYAGER_QIC)

#define VOYAGER_QIC_CPUS        4       /* CPUs per quad card */
#define VOYAGER_QIC_CPIS        8       /* QIC CPI levels per CPU */
#define VOYAGER_QIC_AREA_SIZE   0x400   /* CPI area: 4 x 256 bytes */
#define VOYAGER_QIC_BLOCK_SIZE  0x100   /* per-CPU block */
#define VOYAGER_QIC_LINE_SIZE   0x20    /* one 32-byte line per CPI */

#define VOYAGER_QIC_REG_BASE    0xfc70
#define VOYAGER_QIC_REG_SIZE    0x90

/* Unnamed GPIO inputs: SYS_INT and CMN_INT (broadcast to the card). */
#define VOYAGER_QIC_SYS_INT     0
#define VOYAGER_QIC_CMN_INT     1
#define VOYAGER_QIC_INPUTS      2
/* Named GPIO input "vic-intr" [4]: VIC INTR of quad-local CPU j. */
#define VOYAGER_QIC_VIC_INTR    "vic-intr"

/* Mask 0 / clear 0 bits (hardware reference 5.3). */
#define VOYAGER_QIC_M0_TIMER    0x01
#define VOYAGER_QIC_M0_LPE      0x02
#define VOYAGER_QIC_M0_SYS      0x04
#define VOYAGER_QIC_M0_CMN      0x08

/*
 * Interrupt statistics per quad CPU (InterruptStatsProvider, `info irq`):
 * index j * VOYAGER_QIC_STATS + n, n = QIC CPI 0-7 taken, then SYS_INT,
 * CMN_INT, spurious acknowledges.
 */
#define VOYAGER_QIC_STAT_SYS    8
#define VOYAGER_QIC_STAT_CMN    9
#define VOYAGER_QIC_STAT_SPUR   10
#define VOYAGER_QIC_STATS       11

/*
 * What raises a QIC CPI in the CPI area (property cpi-trigger, fidelity
 * audit D30): write = any write to the line; read-write = also a read of
 * the line by another CPU than the line's target (a read by the target
 * itself is its acknowledge and raises nothing).
 */
enum {
    VOYAGER_QIC_TRIGGER_WRITE,
    VOYAGER_QIC_TRIGGER_READ_WRITE,
};

typedef struct VoyagerQICCpu {
    uint8_t mask0;              /* FC80h: 1 = masked */
    uint8_t mask1;              /* FC81h: bit i masks QIC CPI i */
    uint8_t pending0;           /* latched mask-0 sources (SYS, CMN) */
    uint8_t isr0;               /* mask-0 sources in service */
    uint8_t pending1;           /* latched QIC CPIs */
    uint8_t isr1;               /* QIC CPIs in service */
} VoyagerQICCpu;

struct VoyagerQICState {
    SysBusDevice parent_obj;

    MemoryRegion area;
    qemu_irq intr[VOYAGER_QIC_CPUS];

    /* properties */
    uint8_t slot;
    uint8_t slots;              /* processor slots of the machine: 4 or 8 */
    char *cpi_trigger_str;      /* "write" (default), "read-write" */
    uint8_t cpi_trigger;        /* VOYAGER_QIC_TRIGGER_* */
    uint32_t num_cpu_ids;
    uint8_t *cpu_ids;           /* hardware id by QEMU cpu_index */
    int32_t x_accessor;         /* id of accesses without a CPU, -1 none */

    /* state */
    VoyagerQICCpu cpu[VOYAGER_QIC_CPUS];
    int8_t masq[VOYAGER_QIC_CPUS];  /* FC71h per accessor, -1 = off */
    uint8_t ext_select;         /* FC72h: stored, no effect */
    uint8_t vic_cpi_base;       /* FC79h */
    uint8_t qic_cpi_base;       /* FC7Ah */
    uint8_t input_level;        /* bit n: SYS/CMN input n asserted */
    uint8_t vic_level;          /* bit j: VIC INTR of CPU j asserted */
    uint8_t out_level;          /* bit j: INTR of CPU j asserted */
    uint8_t area_data[VOYAGER_QIC_AREA_SIZE];   /* last values written */

    /*
     * Statistics, not migrated: interrupts per quad CPU and source, port
     * accesses per quad CPU (FC70h-FCFFh) and accesses to the CPI area.
     */
    uint64_t stat[VOYAGER_QIC_CPUS * VOYAGER_QIC_STATS];
    uint64_t accesses[VOYAGER_QIC_CPUS];
    uint64_t area_accesses;
};

/* Hardware CPU id of quad-local CPU @j of this card. */
int voyager_qic_cpu_id(VoyagerQICState *s, int j);

/*
 * Register access by quad-local CPU @j of the card (the machine decides
 * which card and CPU performs the access); @addr is the port - FC70h.
 */
uint8_t voyager_qic_port_read(VoyagerQICState *s, int j, hwaddr addr);
void voyager_qic_port_write(VoyagerQICState *s, int j, hwaddr addr,
                            uint8_t val);

/*
 * Interrupt acknowledge by quad-local CPU @j: the vector of the highest
 * priority QIC request, now in service, or -1 when the QIC has nothing
 * for it (then the VIC is asked, for a CPU with a VIC line).  @cpi is set
 * to the QIC CPI level delivered, or -1 for SYS_INT/CMN_INT.
 */
int voyager_qic_intack(VoyagerQICState *s, int j, int *cpi);

/*
 * What QIC-only CPU @j reads when it acknowledges nothing: the QIC CPI
 * base + 7.
 */
int voyager_qic_spurious(VoyagerQICState *s, int j);

/*
 * What the firmware of a parked CPU does with an interrupt it does not
 * want: clear QIC CPI @cpi of CPU @j (as FC8Bh <- 1 << cpi), or with @cpi
 * < 0 the SYS_INT/CMN_INT in service (as FC8Ah).
 */
void voyager_qic_firmware_ack(VoyagerQICState *s, int j, int cpi);

/* Human-readable state for the monitor. */
void voyager_qic_print_info(VoyagerQICState *s, GString *buf);

#endif
