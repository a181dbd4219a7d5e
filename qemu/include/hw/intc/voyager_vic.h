/*
 * NCR Voyager Interrupt Controller (VIC)
 *
 * One 8259 pair ("dyad") per VIC CPU, seen by that CPU at 20h/21h/A0h/A1h,
 * the VIC register block at FC00h-FC6Fh (CPI send, priority, masquerade,
 * who-am-I, claim, vector bases), IRQ routing and cross-processor
 * interrupts (CPIs).
 *
 * Copyright (c) 2026 The NCR Voyager Linux port developers
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef HW_INTC_VOYAGER_VIC_H
#define HW_INTC_VOYAGER_VIC_H

#include "hw/isa/isa.h"
#include "qom/object.h"
#include "qemu/timer.h"

#define TYPE_VOYAGER_VIC "voyager-vic"
OBJECT_DECLARE_SIMPLE_TYPE(VoyagerVICState, VOYAGER_VIC)

#define VOYAGER_VIC_CPUS        8       /* VIC CPUs: hardware ids 0-7 */
#define VOYAGER_VIC_IDS         32      /* hardware ids that may access it */
#define VOYAGER_VIC_ISA_IRQS    16
/* Unnamed GPIO inputs: ISA IRQ 0-15, then SYS_INT and CMN_INT. */
#define VOYAGER_VIC_SYS_INT     16
#define VOYAGER_VIC_CMN_INT     17
#define VOYAGER_VIC_INPUTS      18

/*
 * Interrupt statistics per VIC CPU (InterruptStatsProvider, `info irq`):
 * index cpu * VOYAGER_VIC_STATS + n, n = ISA IRQ 0-15 acknowledged, then
 * CPI levels 0-7, SYS_INT, CMN_INT, spurious acknowledges.
 */
#define VOYAGER_VIC_STAT_CPI    16
#define VOYAGER_VIC_STAT_SYS    24
#define VOYAGER_VIC_STAT_CMN    25
#define VOYAGER_VIC_STAT_SPUR   26
#define VOYAGER_VIC_STATS       27

#define VOYAGER_VIC_REG_BASE    0xfc00
#define VOYAGER_VIC_REG_SIZE    0x70

/*
 * What clears the IRQ0 (PIT) latch: auto = the acknowledge until the guest
 * first writes port 61h with bit 7 set, port 61h bit 7 from then on;
 * port61 = only port 61h bit 7 (MCA); inta = the acknowledge (PC pulse).
 */
enum {
    VOYAGER_VIC_IRQ0_AUTO,
    VOYAGER_VIC_IRQ0_PORT61,
    VOYAGER_VIC_IRQ0_INTA,
};

/*
 * Trigger mode of the dyad 8259s (property dyad-trigger, fidelity audit
 * D7): ltim = each 8259 follows its ICW1 LTIM bit; level = level-sensitive
 * whatever ICW1 says (MCA); os-level = ltim until the guest first writes
 * the CPI base FC41h after a reset (the OS has taken the VIC over; the PC
 * firmware never writes it), level from then on.
 */
enum {
    VOYAGER_VIC_TRIGGER_LTIM,
    VOYAGER_VIC_TRIGGER_LEVEL,
    VOYAGER_VIC_TRIGGER_OS_LEVEL,
};

/*
 * Scope of the masquerade register FC21h (property masquerade, fidelity
 * audit D6): per-cpu = it redirects only the writing CPU's accesses;
 * global = while set, it drives the VIC processor id lines for every CPU.
 */
enum {
    VOYAGER_VIC_MASQ_PER_CPU,
    VOYAGER_VIC_MASQ_GLOBAL,
};

/* What a master 8259 line in service was delivered for. */
enum {
    VOYAGER_VIC_SRC_DEVICE,
    VOYAGER_VIC_SRC_CPI,
    VOYAGER_VIC_SRC_SYS,
    VOYAGER_VIC_SRC_CMN,
};

typedef struct VoyagerPIC {
    uint8_t imr;
    uint8_t isr;
    uint8_t icw2;               /* vector base (bits 7:3) */
    uint8_t icw3;
    uint8_t init_state;         /* 0 = ready, 1-3 = expecting ICW2-ICW4 */
    uint8_t priority_add;       /* rotation: line with top priority */
    bool icw4_needed;
    bool single;
    bool auto_eoi;
    bool read_isr;
    bool poll;
    bool special_mask;
    bool ltim;                  /* ICW1 bit 3: level-triggered */
    uint8_t isr_src[8];         /* VOYAGER_VIC_SRC_* per line in service */
} VoyagerPIC;

typedef struct VoyagerVICCpu {
    VoyagerPIC pic[2];          /* master, slave */
    uint8_t priority;           /* FC20h, 0-7 */
    uint8_t claim[2];           /* FC38h, FC39h */
    uint8_t mca_base[2];        /* FC48h, FC49h */
    uint8_t mca_base_set;       /* bit n: FC48h + n was written */
    uint8_t redirect[2];        /* FC60h, FC61h: stored, no effect */
    uint8_t cpi_latch;          /* bit L: CPI level L pending */
    bool sys_latch;
    bool cmn_latch;
} VoyagerVICCpu;

struct VoyagerVICState {
    ISADevice parent_obj;

    MemoryRegion pic_io[2];
    MemoryRegion reg_io;
    qemu_irq intr[VOYAGER_VIC_CPUS];

    /* properties */
    uint8_t vic_cpus;           /* bit n: VIC CPU n has a dyad */
    uint8_t boot_cpu;           /* accessor when there is no current CPU */
    uint32_t quad_cpus;         /* bit n: hardware CPU n is on a quad card */
    bool eight_slot;
    uint8_t irq0_mode;          /* VOYAGER_VIC_IRQ0_*: what clears IRQ0 */
    char *dyad_trigger_str;     /* "ltim" (default), "level", "os-level" */
    char *masquerade_str;       /* "per-cpu" (default), "global" */
    uint8_t dyad_trigger;       /* VOYAGER_VIC_TRIGGER_* */
    uint8_t masq_mode;          /* VOYAGER_VIC_MASQ_* */
    uint32_t num_cpu_ids;
    uint8_t *cpu_ids;           /* hardware id by QEMU cpu_index */
    int32_t x_accessor;         /* id of accesses without a CPU, -1 boot */

    /* faults, settable at run time (qom-set) */
    int32_t stuck_irq;          /* input held asserted, -1 = none */
    int32_t glitch_irq;         /* IRQ of a pending glitch, -1 = none */
    uint32_t cpi_storm;         /* spurious level-0 CPIs per storm */

    /* state */
    VoyagerVICCpu cpu[VOYAGER_VIC_CPUS];
    int8_t masq[VOYAGER_VIC_IDS];   /* masquerade per accessor, -1 = off */
    int8_t masq_all;            /* masquerade=global: the driven id, -1 */
    uint8_t cpi_base;           /* FC41h */
    bool cpi_base_set;          /* FC41h written since reset */
    uint32_t input_level;       /* bit n: input n asserted */
    bool irq0_latched;
    bool irq0_mca;              /* auto mode: port 61h bit 7 seen */
    uint16_t edge_latch;        /* bit n: rising edge of IRQ n not yet acked */
    int8_t owner[VOYAGER_VIC_ISA_IRQS]; /* CPU servicing the IRQ, -1 */
    int8_t route[VOYAGER_VIC_ISA_IRQS]; /* CPU it is offered to, -1 */
    uint8_t out_level;          /* bit n: INTR of CPU n asserted */

    /*
     * Statistics, not migrated: interrupts per CPU and source (see
     * VOYAGER_VIC_STAT_*), and port accesses (dyad and registers) per
     * accessing hardware CPU, the cost a port access has on the hardware.
     */
    uint64_t stat[VOYAGER_VIC_CPUS * VOYAGER_VIC_STATS];
    uint64_t accesses[VOYAGER_VIC_IDS];
    /*
     * CPIs written to the send registers, per target CPU and level
     * (index cpu * 8 + level): beside the CPIs taken, what a test holds a
     * kernel's count of CPIs that found no work against, since a CPI
     * sent while one is latched merges into it.
     */
    uint64_t cpi_sent[VOYAGER_VIC_CPUS * 8];

    /*
     * fault-cpi-storm: spurious CPIs still to raise, timer (pending only
     * while some CPU listens, qemu-review D13), generator
     */
    QEMUTimer *storm_timer;
    uint32_t storm_left;
    uint32_t storm_rand;
    /*
     * What became of the storm's CPIs, so a test can require the guest's
     * count: raised while that CPU's level 0 was already pending (merged,
     * never seen apart), or taken by the CPU with no CPI of the guest's
     * merged in (alone: the guest's mailbox cannot explain it).
     * storm_only bit c: CPU c's pending level 0 is the storm's alone.
     */
    uint32_t storm_merged;
    uint32_t storm_alone;
    uint8_t storm_only;
};

/*
 * Interrupt acknowledge cycle of VIC CPU @cpu: returns the vector (the
 * spurious vector of its master 8259 when nothing is pending).
 */
int voyager_vic_intack(VoyagerVICState *s, int cpu);

/*
 * Non-specific EOI on the dyad of @cpu (and its slave when the cascade is
 * in service): what firmware does for an interrupt it does not want.
 */
void voyager_vic_nonspecific_eoi(VoyagerVICState *s, int cpu);

/* A write to port 61h (MCA: bit 7 resets the latched IRQ0 request). */
void voyager_vic_port61_write(VoyagerVICState *s, uint8_t val);

/* Human-readable state for the monitor. */
void voyager_vic_print_info(VoyagerVICState *s, GString *buf);

#endif
