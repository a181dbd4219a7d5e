/*
 * NCR Voyager Interrupt Controller (VIC)
 *
 * Model of the hardware reference (voyager-hw.md) sections 4.1-4.10 with
 * the choices of its section 10 (items 2-10, 15); the emulator document
 * docs/system/i386/voyager.rst lists them.
 *
 * Every VIC CPU (hardware id 0-7) has its own 8259 pair, reached by that
 * CPU at 20h/21h/A0h/A1h (or by another CPU through the masquerade
 * register).  Device IRQs 0-15 are routed to one CPU at a time (static
 * claim or dynamic lowest priority); CPI levels 0-7 are latched per
 * target CPU and presented on master line L; SYS_INT and CMN_INT are
 * broadcast and presented on master lines 0 and 7.
 *
 * Copyright (c) 2026 The NCR Voyager Linux port developers
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "qemu/log.h"
#include "qemu/module.h"
#include "qapi/error.h"
#include "hw/core/cpu.h"
#include "hw/core/irq.h"
#include "hw/core/qdev-properties.h"
#include "migration/vmstate.h"
#include "hw/intc/voyager_vic.h"
#include "hw/intc/intc.h"
#include "qapi/visitor.h"
#include "qapi/qapi-builtin-visit.h"
#include "trace.h"

#define MASTER 0
#define SLAVE  1

/* ---- helpers ---------------------------------------------------------- */

static bool vic_has_cpu(VoyagerVICState *s, int c)
{
    return c >= 0 && c < VOYAGER_VIC_CPUS && (s->vic_cpus & (1u << c));
}

/*
 * Hardware id of the CPU performing the current access.  An access with
 * no current CPU (qtest, fuzzing, a device) acts as the CPU named by
 * x-accessor, by default the boot CPU.
 */
static int vic_accessor(VoyagerVICState *s)
{
    if (current_cpu && current_cpu->cpu_index >= 0 &&
        current_cpu->cpu_index < s->num_cpu_ids) {
        return s->cpu_ids[current_cpu->cpu_index] % VOYAGER_VIC_IDS;
    }
    if (s->x_accessor >= 0) {
        return s->x_accessor % VOYAGER_VIC_IDS;
    }
    return s->boot_cpu % VOYAGER_VIC_IDS;
}

/* The masquerade in force for accessor @a: the CPU id it acts as, or -1. */
static int vic_masq_of(VoyagerVICState *s, int a)
{
    if (s->masq_mode == VOYAGER_VIC_MASQ_GLOBAL) {
        return s->masq_all;
    }
    return s->masq[a];
}

/*
 * The CPU whose dyad and VIC registers the current access reaches: the
 * accessor, or the CPU it masquerades as (fidelity audit D6: its own
 * setting with masquerade=per-cpu, anybody's with masquerade=global).
 */
static int vic_target(VoyagerVICState *s)
{
    int a = vic_accessor(s);
    int m = vic_masq_of(s, a);

    return m >= 0 ? m : a;
}

/* Is input @n (ISA IRQ, SYS_INT or CMN_INT) asserted, or stuck? */
static bool vic_input(VoyagerVICState *s, int n)
{
    return n == s->stuck_irq || (s->input_level & (1u << n));
}

/* The IRQ of a pending glitch (fault glitch-irq) as a request mask. */
static uint16_t vic_glitch_mask(VoyagerVICState *s)
{
    if (s->glitch_irq >= 0 && s->glitch_irq < VOYAGER_VIC_ISA_IRQS) {
        return 1u << s->glitch_irq;
    }
    return 0;
}

/*
 * Does 8259 @which of CPU @c see the level of its device lines (else only
 * the edges latched since the last acknowledge)?  Fidelity audit D7.
 */
static bool vic_pic_level(VoyagerVICState *s, int c, int which)
{
    switch (s->dyad_trigger) {
    case VOYAGER_VIC_TRIGGER_LEVEL:
        return true;
    case VOYAGER_VIC_TRIGGER_OS_LEVEL:
        if (s->cpi_base_set) {
            return true;
        }
        break;
    }
    return s->cpu[c].pic[which].ltim;
}

/* Is the IRQ0 latch cleared only by port 61h bit 7 (MCA)? */
static bool vic_irq0_mca(VoyagerVICState *s)
{
    return s->irq0_mode == VOYAGER_VIC_IRQ0_PORT61 ||
           (s->irq0_mode == VOYAGER_VIC_IRQ0_AUTO && s->irq0_mca);
}

static bool vic_irq_level(VoyagerVICState *s, int n)
{
    if (n == 0 && n != s->stuck_irq) {
        return s->irq0_latched;
    }
    return vic_input(s, n);
}

/* Priority rank (0 = highest) of @line with the rotation of @p. */
static int pic_rank(VoyagerPIC *p, int line)
{
    return (line - p->priority_add) & 7;
}

/* Highest-priority line set in @mask, or -1. */
static int pic_highest(VoyagerPIC *p, uint8_t mask)
{
    int r;

    for (r = 0; r < 8; r++) {
        int line = (r + p->priority_add) & 7;

        if (mask & (1u << line)) {
            return line;
        }
    }
    return -1;
}

/*
 * Is device IRQ @n eligible for dynamic routing to CPU @c (reference
 * section 10 item 9): unmasked in its dyad, not in service there, and
 * able to see the request: a request that is only a level (no edge
 * latched) is invisible to an 8259 in edge mode, so it is not offered to
 * one (qemu-review D2: it would be lost there while a level-mode CPU
 * could take it).
 */
static bool vic_eligible(VoyagerVICState *s, int c, int n)
{
    VoyagerVICCpu *v = &s->cpu[c];

    if (!((s->edge_latch | vic_glitch_mask(s)) & (1u << n)) &&
        !vic_pic_level(s, c, n < 8 ? MASTER : SLAVE)) {
        return false;
    }
    if (n < 8) {
        return !(v->pic[MASTER].imr & (1u << n)) &&
               !(v->pic[MASTER].isr & (1u << n));
    }
    return !(v->pic[MASTER].imr & 4) &&
           !(v->pic[SLAVE].imr & (1u << (n - 8))) &&
           !(v->pic[SLAVE].isr & (1u << (n - 8)));
}

static int vic_route_irq(VoyagerVICState *s, int n)
{
    int c, best = -1;

    for (c = 0; c < VOYAGER_VIC_CPUS; c++) {
        if (vic_has_cpu(s, c) && s->cpu[c].claim[n >> 3] == 0xff) {
            return c;           /* static claim: lowest such CPU */
        }
    }
    for (c = 0; c < VOYAGER_VIC_CPUS; c++) {
        if (!vic_has_cpu(s, c) || !vic_eligible(s, c, n)) {
            continue;
        }
        if (best < 0 || s->cpu[c].priority < s->cpu[best].priority) {
            best = c;
        }
    }
    return best;
}

/* Is IRQ @n requested: an edge seen, a glitch, or a level asserted? */
static bool vic_irq_requested(VoyagerVICState *s, int n)
{
    return ((s->edge_latch | vic_glitch_mask(s)) & (1u << n)) ||
           vic_irq_level(s, n);
}

/*
 * Device IRQ request bits of CPU @c: master lines (bit n) | slave << 8.
 * A dyad 8259 in level mode (ICW1 LTIM) sees the line level; one in edge
 * mode sees only the edge latched since the last acknowledge.
 */
static uint16_t vic_device_irr(VoyagerVICState *s, int c)
{
    uint16_t edges = s->edge_latch | vic_glitch_mask(s);
    uint16_t irr = 0;
    int n;

    for (n = 0; n < VOYAGER_VIC_ISA_IRQS; n++) {
        bool level = vic_pic_level(s, c, n < 8 ? MASTER : SLAVE);

        if (n == 2 || !((edges & (1u << n)) ||
                        (level && vic_irq_level(s, n)))) {
            continue;
        }
        if (s->owner[n] == c || (s->owner[n] < 0 && s->route[n] == c)) {
            irr |= 1u << n;
        }
    }
    return irr;
}

static uint8_t vic_master_irr_raw(VoyagerVICState *s, int c)
{
    VoyagerVICCpu *v = &s->cpu[c];
    uint8_t irr = (vic_device_irr(s, c) & 0xfb) | v->cpi_latch;

    if (v->sys_latch) {
        irr |= 1;
    }
    if (v->cmn_latch) {
        irr |= 0x80;
    }
    return irr;
}

/* Line of @p that would interrupt now, or -1 (fully nested mode). */
static int pic_pending(VoyagerPIC *p, uint8_t irr)
{
    int line = pic_highest(p, irr & ~p->imr);
    int in_service;

    if (line < 0) {
        return -1;
    }
    in_service = pic_highest(p, p->special_mask ? p->isr & ~p->imr : p->isr);
    if (in_service >= 0 && pic_rank(p, in_service) <= pic_rank(p, line)) {
        return -1;
    }
    return line;
}

static uint8_t vic_slave_irr(VoyagerVICState *s, int c)
{
    return vic_device_irr(s, c) >> 8;
}

static uint8_t vic_master_irr(VoyagerVICState *s, int c)
{
    uint8_t irr = vic_master_irr_raw(s, c);

    if (pic_pending(&s->cpu[c].pic[SLAVE], vic_slave_irr(s, c)) >= 0) {
        irr |= 4;
    }
    return irr;
}

static void vic_storm_check(VoyagerVICState *s);

/* The CPU ISA IRQ @n is offered to now, or -1: derived state. */
static int vic_route_now(VoyagerVICState *s, int n)
{
    if (n != 2 && s->owner[n] < 0 && vic_irq_requested(s, n)) {
        return vic_route_irq(s, n);
    }
    return -1;
}

/* Whether CPU @c's INTR is asserted: derived state. */
static bool vic_intr_now(VoyagerVICState *s, int c)
{
    return vic_has_cpu(s, c) &&
           pic_pending(&s->cpu[c].pic[MASTER], vic_master_irr(s, c)) >= 0;
}

static void vic_update(VoyagerVICState *s)
{
    int c, n;

    for (n = 0; n < VOYAGER_VIC_ISA_IRQS; n++) {
        int r = vic_route_now(s, n);

        if (r != s->route[n]) {
            s->route[n] = r;
            trace_voyager_vic_route(n, r);
        }
    }
    for (c = 0; c < VOYAGER_VIC_CPUS; c++) {
        bool level = vic_intr_now(s, c);

        if (level != !!(s->out_level & (1u << c))) {
            s->out_level ^= 1u << c;
            trace_voyager_vic_intr(c, level);
            qemu_set_irq(s->intr[c], level);
        }
    }
    vic_storm_check(s);
}

/* ---- 8259 ------------------------------------------------------------- */

static void vic_eoi(VoyagerVICState *s, int c, int which, int line)
{
    VoyagerVICCpu *v = &s->cpu[c];
    VoyagerPIC *p = &v->pic[which];

    trace_voyager_vic_eoi(c, which == MASTER, line);
    p->isr &= ~(1u << line);
    if (which == SLAVE) {
        if (s->owner[8 + line] == c) {
            s->owner[8 + line] = -1;
        }
        return;
    }
    /*
     * SYS_INT and CMN_INT are level sources (fidelity audit D8: the PSI
     * "will ... continue to assert the common interrupt" until it is
     * acknowledged): still asserted at the EOI, the event latches again.
     */
    switch (p->isr_src[line]) {
    case VOYAGER_VIC_SRC_SYS:
        v->sys_latch = vic_input(s, VOYAGER_VIC_SYS_INT);
        break;
    case VOYAGER_VIC_SRC_CMN:
        v->cmn_latch = vic_input(s, VOYAGER_VIC_CMN_INT);
        break;
    case VOYAGER_VIC_SRC_DEVICE:
        if (line != 2 && s->owner[line] == c) {
            s->owner[line] = -1;
        }
        break;
    }
    p->isr_src[line] = VOYAGER_VIC_SRC_DEVICE;
}

/*
 * Acknowledge the highest pending request of 8259 @which of CPU @c: set
 * its ISR bit and do the VIC bookkeeping.  Returns the line or -1; the
 * vector is stored in @vector when it is not NULL.
 */
static void vic_count(VoyagerVICState *s, int c, int what)
{
    s->stat[c * VOYAGER_VIC_STATS + what]++;
}

static int vic_ack(VoyagerVICState *s, int c, int which, int *vector)
{
    VoyagerVICCpu *v = &s->cpu[c];
    VoyagerPIC *p = &v->pic[which];
    uint8_t irr = which == MASTER ? vic_master_irr(s, c) : vic_slave_irr(s, c);
    int line = pic_pending(p, irr);
    int vec, src = VOYAGER_VIC_SRC_DEVICE, n;

    if (line < 0) {
        return -1;
    }
    if (which == MASTER && line == 2) {
        int sl = vic_ack(s, c, SLAVE, vector);

        p->isr |= 4;
        p->isr_src[2] = VOYAGER_VIC_SRC_DEVICE;
        if (sl < 0 && vector) {
            *vector = v->pic[SLAVE].icw2 | 7;   /* spurious on the slave */
            vic_count(s, c, VOYAGER_VIC_STAT_SPUR);
        }
        if (p->auto_eoi) {
            vic_eoi(s, c, MASTER, 2);
        }
        return 2;
    }
    if (which == MASTER && (v->cpi_latch & (1u << line))) {
        src = VOYAGER_VIC_SRC_CPI;
        v->cpi_latch &= ~(1u << line);
        if (line == 0 && (s->storm_only & (1u << c))) {
            s->storm_only &= ~(1u << c);
            s->storm_alone++;
        }
        vec = s->cpi_base + line;
        vic_count(s, c, VOYAGER_VIC_STAT_CPI + line);
    } else if (which == MASTER && line == 0 && v->sys_latch) {
        src = VOYAGER_VIC_SRC_SYS;
        vec = s->cpi_base + 8;
        vic_count(s, c, VOYAGER_VIC_STAT_SYS);
    } else if (which == MASTER && line == 7 && v->cmn_latch) {
        src = VOYAGER_VIC_SRC_CMN;
        vec = s->cpi_base + 15;
        vic_count(s, c, VOYAGER_VIC_STAT_CMN);
    } else {
        n = which == MASTER ? line : 8 + line;
        if (vic_glitch_mask(s) & (1u << n)) {
            /*
             * Fault glitch-irq: the request was a glitch, gone by the
             * time of the acknowledge; unless a real request is there
             * too, the 8259 answers its line 7 and sets no ISR bit (the
             * caller makes that the spurious vector: IRQ 7, or IRQ 15
             * with the cascade in service on the master).
             */
            s->glitch_irq = -1;
            if (!(s->edge_latch & (1u << n)) &&
                !(vic_pic_level(s, c, which) && vic_irq_level(s, n))) {
                trace_voyager_vic_intack(c, n, p->icw2 | 7);
                return -1;
            }
        }
        vic_count(s, c, n);
        s->owner[n] = c;
        s->edge_latch &= ~(1u << n);
        if (n == 0 && !vic_irq0_mca(s)) {
            s->irq0_latched = false;    /* pulse: gone once acknowledged */
        }
        if (v->mca_base_set & 1) {
            vec = v->mca_base[0] + n;
        } else {
            vec = p->icw2 + line;
        }
    }
    p->isr |= 1u << line;
    p->isr_src[line] = src;
    if (vector) {
        *vector = vec & 0xff;
    }
    trace_voyager_vic_intack(c, which == MASTER ? line : 8 + line, vec & 0xff);
    if (p->auto_eoi) {
        vic_eoi(s, c, which, line);
    }
    return line;
}

int voyager_vic_intack(VoyagerVICState *s, int c)
{
    int vector;

    if (!vic_has_cpu(s, c)) {
        return (s->cpi_base + 7) & 0xff;
    }
    vector = s->cpu[c].pic[MASTER].icw2 | 7;    /* spurious */
    if (vic_ack(s, c, MASTER, &vector) < 0) {
        vic_count(s, c, VOYAGER_VIC_STAT_SPUR);
    }
    vic_update(s);
    return vector;
}

void voyager_vic_nonspecific_eoi(VoyagerVICState *s, int c)
{
    VoyagerPIC *m;
    int line;

    if (!vic_has_cpu(s, c)) {
        return;
    }
    m = &s->cpu[c].pic[MASTER];
    line = pic_highest(m, m->isr);
    if (line == 2) {
        int sl = pic_highest(&s->cpu[c].pic[SLAVE], s->cpu[c].pic[SLAVE].isr);

        if (sl >= 0) {
            vic_eoi(s, c, SLAVE, sl);
        }
    }
    if (line >= 0) {
        vic_eoi(s, c, MASTER, line);
    }
    vic_update(s);
}

static void pic_reset(VoyagerPIC *p, uint8_t base)
{
    memset(p, 0, sizeof(*p));
    p->imr = 0xff;
    p->icw2 = base;
}

static void pic_write(VoyagerVICState *s, int c, int which, hwaddr addr,
                      uint8_t val)
{
    VoyagerPIC *p = &s->cpu[c].pic[which];
    int line, n;

    if (addr == 0) {
        if (val & 0x10) {                           /* ICW1 */
            /*
             * A real 8259 clears its IRR: drop this CPU's requests and the
             * edges nobody has been offered yet.
             */
            for (n = 0; n < VOYAGER_VIC_ISA_IRQS; n++) {
                if (which == MASTER ? n >= 8 : n < 8) {
                    continue;
                }
                if (s->owner[n] == c) {
                    s->owner[n] = -1;
                }
                if (s->owner[n] < 0 && (s->route[n] == c || s->route[n] < 0)) {
                    s->edge_latch &= ~(1u << n);
                    if (n == s->glitch_irq) {
                        s->glitch_irq = -1;
                    }
                }
            }
            p->imr = 0;
            p->isr = 0;
            p->priority_add = 0;
            p->read_isr = false;
            p->poll = false;
            p->special_mask = false;
            p->auto_eoi = false;
            memset(p->isr_src, 0, sizeof(p->isr_src));
            p->icw4_needed = val & 1;
            p->ltim = val & 8;
            p->single = val & 2;
            p->init_state = 1;
            if (val & 0x04) {
                qemu_log_mask(LOG_UNIMP, "voyager-vic: ICW1 call address "
                              "interval 4 ignored\n");
            }
        } else if (val & 0x08) {                    /* OCW3 */
            if (val & 0x04) {
                p->poll = true;
            }
            if (val & 0x02) {
                p->read_isr = val & 1;
            }
            if (val & 0x40) {
                p->special_mask = (val >> 5) & 1;
            }
        } else {                                    /* OCW2 */
            switch (val >> 5) {
            case 1:                                 /* non-specific EOI */
            case 5:
                line = pic_highest(p, p->isr);
                if (line >= 0) {
                    vic_eoi(s, c, which, line);
                    if (val >> 5 == 5) {
                        p->priority_add = (line + 1) & 7;
                    }
                }
                break;
            case 3:                                 /* specific EOI */
            case 7:
                line = val & 7;
                vic_eoi(s, c, which, line);
                if (val >> 5 == 7) {
                    p->priority_add = (line + 1) & 7;
                }
                break;
            case 6:                                 /* set priority */
                p->priority_add = (val + 1) & 7;
                break;
            default:                                /* rotate in AEOI: no-op */
                break;
            }
        }
        return;
    }
    switch (p->init_state) {
    case 0:
        p->imr = val;                               /* OCW1 */
        break;
    case 1:
        p->icw2 = val & 0xf8;
        p->init_state = p->single ? (p->icw4_needed ? 3 : 0) : 2;
        break;
    case 2:
        p->icw3 = val;
        p->init_state = p->icw4_needed ? 3 : 0;
        break;
    default:
        p->auto_eoi = val & 2;
        p->init_state = 0;
        break;
    }
}

static uint8_t pic_read(VoyagerVICState *s, int c, int which, hwaddr addr)
{
    VoyagerPIC *p = &s->cpu[c].pic[which];
    int line;

    if (p->poll) {
        p->poll = false;
        line = vic_ack(s, c, which, NULL);
        return line >= 0 ? 0x80 | line : 0;
    }
    if (addr == 1) {
        return p->imr;
    }
    if (p->read_isr) {
        return p->isr;
    }
    return which == MASTER ? vic_master_irr(s, c) : vic_slave_irr(s, c);
}

static uint64_t vic_pic_read(void *opaque, hwaddr addr, unsigned size,
                             int which)
{
    VoyagerVICState *s = opaque;
    int c = vic_target(s);
    uint8_t val;

    s->accesses[vic_accessor(s)]++;
    if (!vic_has_cpu(s, c)) {
        qemu_log_mask(LOG_GUEST_ERROR, "voyager-vic: CPU %d has no 8259 "
                      "dyad (read of port 0x%x)\n", c,
                      (unsigned)((which ? 0xa0 : 0x20) + addr));
        return 0xff;
    }
    val = pic_read(s, c, which, addr);
    vic_update(s);
    trace_voyager_vic_dyad_read(c, vic_accessor(s),
                                (which ? 0xa0 : 0x20) + addr, val);
    return val;
}

static void vic_pic_write(void *opaque, hwaddr addr, uint64_t val,
                          unsigned size, int which)
{
    VoyagerVICState *s = opaque;
    int c = vic_target(s);

    s->accesses[vic_accessor(s)]++;
    trace_voyager_vic_dyad_write(c, vic_accessor(s),
                                 (which ? 0xa0 : 0x20) + addr, val);
    if (!vic_has_cpu(s, c)) {
        qemu_log_mask(LOG_GUEST_ERROR, "voyager-vic: CPU %d has no 8259 "
                      "dyad (write of port 0x%x)\n", c,
                      (unsigned)((which ? 0xa0 : 0x20) + addr));
        return;
    }
    pic_write(s, c, which, addr, val);
    vic_update(s);
}

static uint64_t vic_master_read(void *opaque, hwaddr addr, unsigned size)
{
    return vic_pic_read(opaque, addr, size, MASTER);
}

static void vic_master_write(void *opaque, hwaddr addr, uint64_t val,
                             unsigned size)
{
    vic_pic_write(opaque, addr, val, size, MASTER);
}

static uint64_t vic_slave_read(void *opaque, hwaddr addr, unsigned size)
{
    return vic_pic_read(opaque, addr, size, SLAVE);
}

static void vic_slave_write(void *opaque, hwaddr addr, uint64_t val,
                            unsigned size)
{
    vic_pic_write(opaque, addr, val, size, SLAVE);
}

static const MemoryRegionOps vic_pic_ops[2] = {
    {
        .read = vic_master_read,
        .write = vic_master_write,
        .impl.min_access_size = 1,
        .impl.max_access_size = 1,
        .endianness = DEVICE_LITTLE_ENDIAN,
    }, {
        .read = vic_slave_read,
        .write = vic_slave_write,
        .impl.min_access_size = 1,
        .impl.max_access_size = 1,
        .endianness = DEVICE_LITTLE_ENDIAN,
    },
};

/* ---- fault: a storm of spurious CPIs ----------------------------------- */

/*
 * fault-cpi-storm=N (property cpi-storm): from 500 ms after the guest
 * sets the CPI base (a kernel that set it has its CPI gate ready; before
 * that a CPI would land on a firmware vector), one spurious CPI of level
 * 0 every 0.5-1.5 ms at a random VIC CPU that has master line 0 open,
 * N in all per boot (or per qom-set of cpi-storm).  Nothing is posted in
 * the kernel's mailbox: the guest sees a CPI with nothing to do.  The
 * generator is a fixed-seed LCG, so a run is reproducible.
 *
 * While no CPU has line 0 open the timer is stopped; vic_update() arms it
 * again when one opens it (qemu-review D13), so the storm costs nothing
 * while nobody listens and a guest cannot keep it ticking.
 */
#define VIC_STORM_START_NS      (500 * SCALE_MS)

static uint32_t vic_storm_next(VoyagerVICState *s)
{
    s->storm_rand = s->storm_rand * 1103515245u + 12345u;
    return s->storm_rand >> 8;
}

static void vic_storm_arm(VoyagerVICState *s, int64_t delay_ns)
{
    timer_mod(s->storm_timer,
              qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL) + delay_ns);
}

/* The VIC CPUs with master line 0 open, in @open; returns how many. */
static int vic_storm_listeners(VoyagerVICState *s, int open[VOYAGER_VIC_CPUS])
{
    int n = 0, c;

    for (c = 0; c < VOYAGER_VIC_CPUS; c++) {
        if (vic_has_cpu(s, c) && !(s->cpu[c].pic[MASTER].imr & 1)) {
            open[n++] = c;
        }
    }
    return n;
}

/* Arm the next storm CPI if one is due, not armed, and somebody listens. */
/* A storm starts over: all cpi-storm CPIs to raise, nothing counted yet. */
static void vic_storm_restart(VoyagerVICState *s)
{
    s->storm_left = s->cpi_storm;
    s->storm_merged = 0;
    s->storm_alone = 0;
    s->storm_only = 0;
    timer_del(s->storm_timer);
}

static void vic_storm_check(VoyagerVICState *s)
{
    int open[VOYAGER_VIC_CPUS];

    if (!s->storm_left || !s->cpi_base_set || !s->storm_timer ||
        timer_pending(s->storm_timer) || !vic_storm_listeners(s, open)) {
        return;
    }
    vic_storm_arm(s, SCALE_MS / 2 + vic_storm_next(s) % SCALE_MS);
}

static void vic_storm_tick(void *opaque)
{
    VoyagerVICState *s = opaque;
    int open[VOYAGER_VIC_CPUS], n, c;

    n = vic_storm_listeners(s, open);
    if (!n || !s->storm_left) {
        return;                 /* vic_update() re-arms when one listens */
    }
    c = open[vic_storm_next(s) % n];
    trace_voyager_vic_cpi_send(0, 1u << c);
    if (s->cpu[c].cpi_latch & 1) {
        s->storm_merged++;
    } else {
        s->storm_only |= 1u << c;
    }
    s->cpu[c].cpi_latch |= 1;
    s->storm_left--;
    vic_update(s);              /* also arms the next one */
}

/* ---- VIC register block FC00h-FC6Fh ------------------------------------ */

/* CPI level of a send register offset, or -1. */
static int vic_cpi_level(hwaddr addr)
{
    if (addr < 0x20 && (addr & 6) == 0) {
        return (addr >> 3) * 2 + (addr & 1);
    }
    return -1;
}

static uint8_t vic_whoami(VoyagerVICState *s, int id)
{
    if (id < VOYAGER_VIC_IDS && (s->quad_cpus & (1u << id))) {
        return 0xc0 | (s->eight_slot ? 0x20 : 0) | (id & 0x1f);
    }
    return id < 8 ? 1u << id : 0;
}

static uint64_t vic_reg_read(void *opaque, hwaddr addr, unsigned size)
{
    VoyagerVICState *s = opaque;
    int a = vic_accessor(s);
    int c = vic_target(s);
    VoyagerVICCpu *v = vic_has_cpu(s, c) ? &s->cpu[c] : NULL;
    uint8_t val = 0;

    s->accesses[a]++;
    switch (addr) {
    case 0x20:
        val = v ? v->priority : 0;
        break;
    case 0x21:
        val = vic_masq_of(s, a) >= 0 ? 0x08 | vic_masq_of(s, a) : (a & 7);
        break;
    case 0x29:
        val = vic_whoami(s, c);
        break;
    case 0x38:
    case 0x39:
        val = v ? v->claim[addr & 1] : 0;
        break;
    case 0x41:
        val = s->cpi_base;
        break;
    case 0x48:
    case 0x49:
        val = v ? v->mca_base[addr & 1] : 0;
        break;
    case 0x60:
    case 0x61:
        val = v ? v->redirect[addr & 1] : 0;
        break;
    default:
        if (vic_cpi_level(addr) < 0) {
            qemu_log_mask(LOG_GUEST_ERROR, "voyager-vic: read of unknown "
                          "register 0x%x\n",
                          (unsigned)(VOYAGER_VIC_REG_BASE + addr));
        }
        break;
    }
    trace_voyager_vic_reg_read(c, VOYAGER_VIC_REG_BASE + addr, val);
    return val;
}

static void vic_reg_write(void *opaque, hwaddr addr, uint64_t val64,
                          unsigned size)
{
    VoyagerVICState *s = opaque;
    uint8_t val = val64;
    int a = vic_accessor(s);
    int c = vic_target(s);
    VoyagerVICCpu *v = vic_has_cpu(s, c) ? &s->cpu[c] : NULL;
    int level = vic_cpi_level(addr);
    int n;

    s->accesses[a]++;
    trace_voyager_vic_reg_write(c, VOYAGER_VIC_REG_BASE + addr, val);
    if (level >= 0) {
        trace_voyager_vic_cpi_send(level, val);
        for (n = 0; n < VOYAGER_VIC_CPUS; n++) {
            if ((val & (1u << n)) && vic_has_cpu(s, n)) {
                s->cpu[n].cpi_latch |= 1u << level;
                s->cpi_sent[n * 8 + level]++;
                if (level == 0) {
                    s->storm_only &= ~(1u << n);    /* the guest's too */
                }
            }
        }
        if (val & ~s->vic_cpus) {
            qemu_log_mask(LOG_GUEST_ERROR, "voyager-vic: CPI %d sent to "
                          "absent CPUs 0x%02x\n", level, val & ~s->vic_cpus);
        }
        vic_update(s);
        return;
    }
    if (addr == 0x21) {
        if (s->masq_mode == VOYAGER_VIC_MASQ_GLOBAL) {
            s->masq_all = (val & 0x08) ? (val & 7) : -1;
        } else {
            s->masq[a] = (val & 0x08) ? (val & 7) : -1;
        }
        return;
    }
    if (addr == 0x41) {
        s->cpi_base = val;
        if (!s->cpi_base_set) {
            s->cpi_base_set = true;
            if (s->storm_left) {
                vic_storm_arm(s, VIC_STORM_START_NS);
            }
            vic_update(s);      /* dyad-trigger=os-level takes effect */
        }
        return;
    }
    if (!v) {
        qemu_log_mask(LOG_GUEST_ERROR, "voyager-vic: write of 0x%x by a "
                      "CPU without VIC line (%d)\n",
                      (unsigned)(VOYAGER_VIC_REG_BASE + addr), c);
        return;
    }
    switch (addr) {
    case 0x20:
        v->priority = val & 7;
        break;
    case 0x38:
    case 0x39:
        v->claim[addr & 1] = val;
        break;
    case 0x48:
    case 0x49:
        v->mca_base[addr & 1] = val;
        v->mca_base_set |= 1u << (addr & 1);
        break;
    case 0x60:
    case 0x61:
        v->redirect[addr & 1] = val;
        break;
    default:
        qemu_log_mask(LOG_GUEST_ERROR, "voyager-vic: write of unknown "
                      "register 0x%x\n",
                      (unsigned)(VOYAGER_VIC_REG_BASE + addr));
        return;
    }
    vic_update(s);
}

static const MemoryRegionOps vic_reg_ops = {
    .read = vic_reg_read,
    .write = vic_reg_write,
    .impl.min_access_size = 1,
    .impl.max_access_size = 1,
    .endianness = DEVICE_LITTLE_ENDIAN,
};

/* ---- inputs ------------------------------------------------------------ */

/* What a rising edge of input @n latches (no vic_update()). */
static void vic_input_rise(VoyagerVICState *s, int n)
{
    int c;

    if (n == 0) {
        s->irq0_latched = true;
    }
    if (n < VOYAGER_VIC_ISA_IRQS) {
        s->edge_latch |= 1u << n;
        return;
    }
    for (c = 0; c < VOYAGER_VIC_CPUS; c++) {
        /* A quad CPU gets them from its QIC (voyager.rst, the QIC). */
        if (!vic_has_cpu(s, c) || (s->quad_cpus & (1u << c))) {
            continue;
        }
        if (n == VOYAGER_VIC_SYS_INT) {
            s->cpu[c].sys_latch = true;
        } else {
            s->cpu[c].cmn_latch = true;
        }
    }
}

static void vic_set_irq(void *opaque, int n, int level)
{
    VoyagerVICState *s = opaque;
    bool rising;

    if (n < 0 || n >= VOYAGER_VIC_INPUTS) {
        return;
    }
    rising = level && !vic_input(s, n);
    trace_voyager_vic_set_irq(n, level);
    if (level) {
        s->input_level |= 1u << n;
    } else {
        s->input_level &= ~(1u << n);
    }
    if (rising) {
        vic_input_rise(s, n);
    }
    vic_update(s);
}

void voyager_vic_port61_write(VoyagerVICState *s, uint8_t val)
{
    if ((val & 0x80) && s->irq0_mode != VOYAGER_VIC_IRQ0_INTA) {
        s->irq0_mca = true;     /* auto: the OS acknowledges the MCA way */
        s->irq0_latched = false;
        vic_update(s);
    }
}

/* ---- monitor ----------------------------------------------------------- */

/*
 * The interrupts CPU @c took, by source, its port accesses, and the CPIs
 * sent to it.
 */
static void vic_print_counts(VoyagerVICState *s, int c, GString *buf)
{
    const uint64_t *st = &s->stat[c * VOYAGER_VIC_STATS];
    int n;

    g_string_append(buf, "         taken: IRQ");
    for (n = 0; n < VOYAGER_VIC_ISA_IRQS; n++) {
        if (st[n]) {
            g_string_append_printf(buf, " %d:%" PRIu64, n, st[n]);
        }
    }
    g_string_append(buf, " CPI");
    for (n = 0; n < 8; n++) {
        if (st[VOYAGER_VIC_STAT_CPI + n]) {
            g_string_append_printf(buf, " %d:%" PRIu64, n,
                                   st[VOYAGER_VIC_STAT_CPI + n]);
        }
    }
    g_string_append_printf(buf, " SYS %" PRIu64 " CMN %" PRIu64
                           " spurious %" PRIu64 "; port accesses %" PRIu64
                           "\n", st[VOYAGER_VIC_STAT_SYS],
                           st[VOYAGER_VIC_STAT_CMN],
                           st[VOYAGER_VIC_STAT_SPUR], s->accesses[c]);
    g_string_append(buf, "         sent to it: CPI");
    for (n = 0; n < 8; n++) {
        if (s->cpi_sent[c * 8 + n]) {
            g_string_append_printf(buf, " %d:%" PRIu64, n,
                                   s->cpi_sent[c * 8 + n]);
        }
    }
    g_string_append(buf, "\n");
}

void voyager_vic_print_info(VoyagerVICState *s, GString *buf)
{
    int c, n;

    g_string_append_printf(buf, "VIC: CPI base 0x%02x, inputs 0x%05x, "
                           "edges 0x%04x, "
                           "IRQ0 latch %d (cleared by %s), VIC CPUs 0x%02x\n",
                           s->cpi_base, s->input_level, s->edge_latch,
                           s->irq0_latched,
                           vic_irq0_mca(s) ? "port 61h" : "INTA",
                           s->vic_cpus);
    if (s->dyad_trigger != VOYAGER_VIC_TRIGGER_LTIM ||
        s->masq_mode != VOYAGER_VIC_MASQ_PER_CPU) {
        g_string_append_printf(buf, "  dyad-trigger %s, masquerade %s%s\n",
                               s->dyad_trigger_str ?: "ltim",
                               s->masquerade_str ?: "per-cpu",
                               s->masq_all >= 0 ? " (driving)" : "");
    }
    if (s->stuck_irq >= 0) {
        g_string_append_printf(buf, "  fault: input %d stuck asserted\n",
                               s->stuck_irq);
    }
    if (s->glitch_irq >= 0) {
        g_string_append_printf(buf, "  fault: glitch on IRQ %d pending\n",
                               s->glitch_irq);
    }
    if (s->cpi_storm) {
        g_string_append_printf(buf, "  fault: CPI storm, %u of %u spurious "
                               "CPIs raised, %u merged into a pending CPI, "
                               "%u taken alone\n",
                               s->cpi_storm - s->storm_left, s->cpi_storm,
                               s->storm_merged, s->storm_alone);
    }
    g_string_append(buf, "  IRQ routing (owner/offered):");
    for (n = 0; n < VOYAGER_VIC_ISA_IRQS; n++) {
        g_string_append_printf(buf, " %d:%d/%d", n, s->owner[n],
                               s->route[n]);
    }
    g_string_append(buf, "\n");
    for (c = 0; c < VOYAGER_VIC_CPUS; c++) {
        VoyagerVICCpu *v = &s->cpu[c];

        if (!vic_has_cpu(s, c)) {
            continue;
        }
        g_string_append_printf(buf,
            "  cpu %d: INTR %d %s master imr %02x irr %02x isr %02x base %02x"
            " | slave imr %02x irr %02x isr %02x base %02x\n"
            "         priority %d claim %02x/%02x mca base %02x/%02x%s"
            " redirect %02x/%02x masquerade %d CPI latch %02x sys %d"
            " cmn %d\n",
            c, !!(s->out_level & (1u << c)),
            vic_pic_level(s, c, MASTER) ? "level" : "edge", v->pic[0].imr,
            vic_master_irr(s, c), v->pic[0].isr, v->pic[0].icw2,
            v->pic[1].imr, vic_slave_irr(s, c), v->pic[1].isr,
            v->pic[1].icw2, v->priority, v->claim[0], v->claim[1],
            v->mca_base[0], v->mca_base[1],
            v->mca_base_set ? "" : " (unset)", v->redirect[0],
            v->redirect[1], vic_masq_of(s, c), v->cpi_latch, v->sys_latch,
            v->cmn_latch);
        vic_print_counts(s, c, buf);
    }
}

static bool vic_get_statistics(InterruptStatsProvider *obj,
                               uint64_t **irq_counts, unsigned int *nb_irqs)
{
    VoyagerVICState *s = VOYAGER_VIC(obj);

    *irq_counts = s->stat;
    *nb_irqs = ARRAY_SIZE(s->stat);
    return true;
}

static void vic_stats_print_info(InterruptStatsProvider *obj, GString *buf)
{
    voyager_vic_print_info(VOYAGER_VIC(obj), buf);
}

/* Port accesses per accessing hardware CPU, as a list of 32 counts. */
static void vic_get_accesses(Object *obj, Visitor *v, const char *name,
                             void *opaque, Error **errp)
{
    VoyagerVICState *s = VOYAGER_VIC(obj);
    uint64List *list = NULL, **tail = &list;
    int n;

    for (n = 0; n < VOYAGER_VIC_IDS; n++) {
        QAPI_LIST_APPEND(tail, s->accesses[n]);
    }
    visit_type_uint64List(v, name, &list, errp);
    qapi_free_uint64List(list);
}

/*
 * Per-CPU state as data (qom-get "cpu-state"): a list with one dict per
 * VIC CPU present, what `info pic` prints, for tests and debuggers.
 */
static void vic_visit_u8(Visitor *v, const char *name, uint8_t val)
{
    visit_type_uint8(v, name, &val, &error_abort);
}

static void vic_visit_counts(Visitor *v, const char *name,
                             const uint64_t *st, int n)
{
    int i;

    visit_start_list(v, name, NULL, 0, &error_abort);
    for (i = 0; i < n; i++) {
        uint64_t val = st[i];

        visit_type_uint64(v, NULL, &val, &error_abort);
    }
    visit_end_list(v, NULL);
}

static void vic_visit_pic(VoyagerVICState *s, Visitor *v, const char *name,
                          int c, int which)
{
    VoyagerPIC *p = &s->cpu[c].pic[which];
    bool level = vic_pic_level(s, c, which);

    visit_start_struct(v, name, NULL, 0, &error_abort);
    vic_visit_u8(v, "imr", p->imr);
    vic_visit_u8(v, "irr", which == MASTER ? vic_master_irr(s, c)
                                           : vic_slave_irr(s, c));
    vic_visit_u8(v, "isr", p->isr);
    vic_visit_u8(v, "icw2", p->icw2);
    visit_type_bool(v, "ltim", &p->ltim, &error_abort);
    visit_type_bool(v, "level", &level, &error_abort);
    visit_check_struct(v, &error_abort);
    visit_end_struct(v, NULL);
}

static void vic_get_cpu_state(Object *obj, Visitor *v, const char *name,
                              void *opaque, Error **errp)
{
    VoyagerVICState *s = VOYAGER_VIC(obj);
    int c;

    if (!visit_start_list(v, name, NULL, 0, errp)) {
        return;
    }
    for (c = 0; c < VOYAGER_VIC_CPUS; c++) {
        VoyagerVICCpu *vc = &s->cpu[c];
        const uint64_t *st = &s->stat[c * VOYAGER_VIC_STATS];
        int64_t masq = vic_masq_of(s, c);
        bool intr = s->out_level & (1u << c);
        uint64_t acc = s->accesses[c];

        if (!vic_has_cpu(s, c)) {
            continue;
        }
        visit_start_struct(v, NULL, NULL, 0, &error_abort);
        vic_visit_u8(v, "cpu", c);
        visit_type_bool(v, "intr", &intr, &error_abort);
        vic_visit_pic(s, v, "master", c, MASTER);
        vic_visit_pic(s, v, "slave", c, SLAVE);
        vic_visit_u8(v, "priority", vc->priority);
        vic_visit_u8(v, "claim0", vc->claim[0]);
        vic_visit_u8(v, "claim1", vc->claim[1]);
        visit_type_int64(v, "masquerade", &masq, &error_abort);
        vic_visit_u8(v, "cpi-latch", vc->cpi_latch);
        visit_type_bool(v, "sys-latch", &vc->sys_latch, &error_abort);
        visit_type_bool(v, "cmn-latch", &vc->cmn_latch, &error_abort);
        vic_visit_counts(v, "irq-taken", st, VOYAGER_VIC_ISA_IRQS);
        vic_visit_counts(v, "cpi-taken", st + VOYAGER_VIC_STAT_CPI, 8);
        vic_visit_counts(v, "cpi-sent", &s->cpi_sent[c * 8], 8);
        vic_visit_counts(v, "sys-cmn-spurious", st + VOYAGER_VIC_STAT_SYS, 3);
        visit_type_uint64(v, "port-accesses", &acc, &error_abort);
        visit_check_struct(v, &error_abort);
        visit_end_struct(v, NULL);
    }
    visit_end_list(v, NULL);
}

/* IRQ routing as data (qom-get "irq-routing"): one dict per IRQ 0-15. */
static void vic_get_routing(Object *obj, Visitor *v, const char *name,
                            void *opaque, Error **errp)
{
    VoyagerVICState *s = VOYAGER_VIC(obj);
    int n;

    if (!visit_start_list(v, name, NULL, 0, errp)) {
        return;
    }
    for (n = 0; n < VOYAGER_VIC_ISA_IRQS; n++) {
        int64_t owner = s->owner[n], offered = s->route[n];
        bool input = vic_input(s, n);
        bool edge = s->edge_latch & (1u << n);

        visit_start_struct(v, NULL, NULL, 0, &error_abort);
        vic_visit_u8(v, "irq", n);
        visit_type_bool(v, "input", &input, &error_abort);
        visit_type_bool(v, "edge", &edge, &error_abort);
        visit_type_int64(v, "owner", &owner, &error_abort);
        visit_type_int64(v, "offered", &offered, &error_abort);
        visit_check_struct(v, &error_abort);
        visit_end_struct(v, NULL);
    }
    visit_end_list(v, NULL);
}

static void vic_get_storm_armed(Object *obj, Visitor *v, const char *name,
                                void *opaque, Error **errp)
{
    VoyagerVICState *s = VOYAGER_VIC(obj);
    bool armed = s->storm_timer && timer_pending(s->storm_timer);

    visit_type_bool(v, name, &armed, errp);
}

/* ---- faults at run time ------------------------------------------------ */

/*
 * stuck-irq, glitch-irq, cpi-storm and x-accessor are qdev properties
 * that may also be set on the realized device (qom-set while the guest
 * runs); the change takes effect at once.
 */
static void vic_prop_get_int32(Object *obj, Visitor *v, const char *name,
                               void *opaque, Error **errp)
{
    int32_t *ptr = object_field_prop_ptr(obj, opaque);

    visit_type_int32(v, name, ptr, errp);
}

static void vic_prop_set_int32(Object *obj, Visitor *v, const char *name,
                               void *opaque, Error **errp)
{
    VoyagerVICState *s = VOYAGER_VIC(obj);
    int32_t *ptr = object_field_prop_ptr(obj, opaque);
    int32_t val, max;

    if (!visit_type_int32(v, name, &val, errp)) {
        return;
    }
    if (ptr == &s->stuck_irq) {
        max = VOYAGER_VIC_INPUTS - 1;
    } else if (ptr == &s->glitch_irq) {
        max = VOYAGER_VIC_ISA_IRQS - 1;
    } else {
        max = VOYAGER_VIC_IDS - 1;
    }
    if (val < -1 || val > max || (ptr == &s->glitch_irq && val == 2)) {
        error_setg(errp, "voyager-vic: %s %d is not -1 or 0-%d%s", name, val,
                   max, ptr == &s->glitch_irq ? " (not 2)" : "");
        return;
    }
    if (!DEVICE(obj)->realized) {
        *ptr = val;
        return;
    }
    if (ptr == &s->stuck_irq) {
        int old = s->stuck_irq;

        s->stuck_irq = val;
        if (val >= 0 && val != old && !(s->input_level & (1u << val))) {
            vic_input_rise(s, val);     /* the line goes high now */
        }
        trace_voyager_vic_set_irq(val >= 0 ? val : old, val >= 0);
    } else {
        *ptr = val;
    }
    vic_update(s);
}

static void vic_prop_set_default_int(ObjectProperty *op, const Property *prop)
{
    object_property_set_default_int(op, prop->defval.i);
}

static const PropertyInfo vic_prop_int32_runtime = {
    .type = "int32",
    .description = "settable at run time",
    .realized_set_allowed = true,
    .get = vic_prop_get_int32,
    .set = vic_prop_set_int32,
    .set_default_value = vic_prop_set_default_int,
};

static void vic_prop_get_storm(Object *obj, Visitor *v, const char *name,
                               void *opaque, Error **errp)
{
    uint32_t *ptr = object_field_prop_ptr(obj, opaque);

    visit_type_uint32(v, name, ptr, errp);
}

/*
 * cpi-storm=N set on a running machine starts a new storm of N CPIs: at
 * once (after the usual 0.5-1.5 ms) when the guest has set the CPI base,
 * else 500 ms after it does; 0 stops a storm.
 */
static void vic_prop_set_storm(Object *obj, Visitor *v, const char *name,
                               void *opaque, Error **errp)
{
    VoyagerVICState *s = VOYAGER_VIC(obj);
    uint32_t val;

    if (!visit_type_uint32(v, name, &val, errp)) {
        return;
    }
    if (val > 1000000) {
        error_setg(errp, "voyager-vic: cpi-storm %u is above 1000000", val);
        return;
    }
    s->cpi_storm = val;
    if (DEVICE(obj)->realized) {
        vic_storm_restart(s);
        vic_update(s);
    }
}

static void vic_prop_set_default_uint(ObjectProperty *op,
                                      const Property *prop)
{
    object_property_set_default_uint(op, prop->defval.u);
}

static const PropertyInfo vic_prop_storm_runtime = {
    .type = "uint32",
    .description = "settable at run time",
    .realized_set_allowed = true,
    .get = vic_prop_get_storm,
    .set = vic_prop_set_storm,
    .set_default_value = vic_prop_set_default_uint,
};

/* ---- QOM --------------------------------------------------------------- */

static void vic_reset_hold(Object *obj, ResetType type)
{
    VoyagerVICState *s = VOYAGER_VIC(obj);
    int c, n;

    for (c = 0; c < VOYAGER_VIC_CPUS; c++) {
        VoyagerVICCpu *v = &s->cpu[c];

        memset(v, 0, sizeof(*v));
        /* As the firmware leaves parked CPUs: fully masked, PC bases. */
        pic_reset(&v->pic[MASTER], 0x08);
        pic_reset(&v->pic[SLAVE], 0x70);
    }
    for (n = 0; n < VOYAGER_VIC_IDS; n++) {
        s->masq[n] = -1;
    }
    for (n = 0; n < VOYAGER_VIC_ISA_IRQS; n++) {
        s->owner[n] = -1;
        s->route[n] = -1;
    }
    s->masq_all = -1;
    s->cpi_base = 0xc0;
    s->cpi_base_set = false;
    s->irq0_latched = false;
    s->irq0_mca = false;
    s->edge_latch = 0;
    if (s->stuck_irq >= 0) {
        vic_input_rise(s, s->stuck_irq);    /* asserted since power-on */
    }
    vic_storm_restart(s);
    s->storm_rand = 1;
    s->out_level = 0;
}

/* input_level follows the devices; the INTR outputs are recomputed. */
static void vic_reset_exit(Object *obj, ResetType type)
{
    VoyagerVICState *s = VOYAGER_VIC(obj);
    int c;

    for (c = 0; c < VOYAGER_VIC_CPUS; c++) {
        qemu_set_irq(s->intr[c], 0);
    }
    vic_update(s);
}

static void vic_realize(DeviceState *dev, Error **errp)
{
    VoyagerVICState *s = VOYAGER_VIC(dev);
    ISADevice *isa = ISA_DEVICE(dev);

    if (!vic_has_cpu(s, s->boot_cpu)) {
        error_setg(errp, "voyager-vic: boot CPU %u has no VIC line",
                   s->boot_cpu);
        return;
    }
    if (s->irq0_mode > VOYAGER_VIC_IRQ0_INTA) {
        error_setg(errp, "voyager-vic: irq0-mode %u is not 0-2", s->irq0_mode);
        return;
    }
    if (s->stuck_irq >= VOYAGER_VIC_INPUTS || s->stuck_irq < -1) {
        error_setg(errp, "voyager-vic: stuck-irq %d is not an input",
                   s->stuck_irq);
        return;
    }
    if (!s->dyad_trigger_str || !strcmp(s->dyad_trigger_str, "ltim")) {
        s->dyad_trigger = VOYAGER_VIC_TRIGGER_LTIM;
    } else if (!strcmp(s->dyad_trigger_str, "level")) {
        s->dyad_trigger = VOYAGER_VIC_TRIGGER_LEVEL;
    } else if (!strcmp(s->dyad_trigger_str, "os-level")) {
        s->dyad_trigger = VOYAGER_VIC_TRIGGER_OS_LEVEL;
    } else {
        error_setg(errp, "voyager-vic: dyad-trigger '%s' is not ltim, level "
                   "or os-level", s->dyad_trigger_str);
        return;
    }
    if (!s->masquerade_str || !strcmp(s->masquerade_str, "per-cpu")) {
        s->masq_mode = VOYAGER_VIC_MASQ_PER_CPU;
    } else if (!strcmp(s->masquerade_str, "global")) {
        s->masq_mode = VOYAGER_VIC_MASQ_GLOBAL;
    } else {
        error_setg(errp, "voyager-vic: masquerade '%s' is not per-cpu or "
                   "global", s->masquerade_str);
        return;
    }
    memory_region_init_io(&s->pic_io[MASTER], OBJECT(s), &vic_pic_ops[0],
                          s, "voyager-vic-master", 2);
    memory_region_init_io(&s->pic_io[SLAVE], OBJECT(s), &vic_pic_ops[1],
                          s, "voyager-vic-slave", 2);
    memory_region_init_io(&s->reg_io, OBJECT(s), &vic_reg_ops, s,
                          "voyager-vic", VOYAGER_VIC_REG_SIZE);
    isa_register_ioport(isa, &s->pic_io[MASTER], 0x20);
    isa_register_ioport(isa, &s->pic_io[SLAVE], 0xa0);
    isa_register_ioport(isa, &s->reg_io, VOYAGER_VIC_REG_BASE);
    qdev_init_gpio_in(dev, vic_set_irq, VOYAGER_VIC_INPUTS);
    qdev_init_gpio_out(dev, s->intr, VOYAGER_VIC_CPUS);
    s->storm_timer = timer_new_ns(QEMU_CLOCK_VIRTUAL, vic_storm_tick, s);
    object_property_add(OBJECT(s), "port-accesses", "uint64List",
                        vic_get_accesses, NULL, NULL, NULL);
    /* The INTR outputs as data, for tests and debuggers (bit n: CPU n). */
    object_property_add_uint8_ptr(OBJECT(s), "intr-level", &s->out_level,
                                  OBJ_PROP_FLAG_READ);
    object_property_add(OBJECT(s), "cpu-state", "list", vic_get_cpu_state,
                        NULL, NULL, NULL);
    object_property_add(OBJECT(s), "irq-routing", "list", vic_get_routing,
                        NULL, NULL, NULL);
    object_property_add_uint32_ptr(OBJECT(s), "cpi-storm-left",
                                   &s->storm_left, OBJ_PROP_FLAG_READ);
    object_property_add_uint32_ptr(OBJECT(s), "cpi-storm-merged",
                                   &s->storm_merged, OBJ_PROP_FLAG_READ);
    object_property_add_uint32_ptr(OBJECT(s), "cpi-storm-alone",
                                   &s->storm_alone, OBJ_PROP_FLAG_READ);
    object_property_add(OBJECT(s), "cpi-storm-armed", "bool",
                        vic_get_storm_armed, NULL, NULL, NULL);
}

static const VMStateDescription vmstate_voyager_pic = {
    .name = "voyager-vic-pic",
    .version_id = 1,
    .minimum_version_id = 1,
    .fields = (const VMStateField[]) {
        VMSTATE_UINT8(imr, VoyagerPIC),
        VMSTATE_UINT8(isr, VoyagerPIC),
        VMSTATE_UINT8(icw2, VoyagerPIC),
        VMSTATE_UINT8(icw3, VoyagerPIC),
        VMSTATE_UINT8(init_state, VoyagerPIC),
        VMSTATE_UINT8(priority_add, VoyagerPIC),
        VMSTATE_BOOL(icw4_needed, VoyagerPIC),
        VMSTATE_BOOL(single, VoyagerPIC),
        VMSTATE_BOOL(auto_eoi, VoyagerPIC),
        VMSTATE_BOOL(read_isr, VoyagerPIC),
        VMSTATE_BOOL(poll, VoyagerPIC),
        VMSTATE_BOOL(special_mask, VoyagerPIC),
        VMSTATE_BOOL(ltim, VoyagerPIC),
        VMSTATE_UINT8_ARRAY(isr_src, VoyagerPIC, 8),
        VMSTATE_END_OF_LIST()
    }
};

static const VMStateDescription vmstate_voyager_vic_cpu = {
    .name = "voyager-vic-cpu",
    .version_id = 1,
    .minimum_version_id = 1,
    .fields = (const VMStateField[]) {
        VMSTATE_STRUCT_ARRAY(pic, VoyagerVICCpu, 2, 1, vmstate_voyager_pic,
                             VoyagerPIC),
        VMSTATE_UINT8(priority, VoyagerVICCpu),
        VMSTATE_UINT8_ARRAY(claim, VoyagerVICCpu, 2),
        VMSTATE_UINT8_ARRAY(mca_base, VoyagerVICCpu, 2),
        VMSTATE_UINT8(mca_base_set, VoyagerVICCpu),
        VMSTATE_UINT8_ARRAY(redirect, VoyagerVICCpu, 2),
        VMSTATE_UINT8(cpi_latch, VoyagerVICCpu),
        VMSTATE_BOOL(sys_latch, VoyagerVICCpu),
        VMSTATE_BOOL(cmn_latch, VoyagerVICCpu),
        VMSTATE_END_OF_LIST()
    }
};

static int vic_post_load(void *opaque, int version_id)
{
    VoyagerVICState *s = opaque;
    int n;

    for (n = 0; n < VOYAGER_VIC_IDS; n++) {
        if (s->masq[n] >= VOYAGER_VIC_CPUS) {
            s->masq[n] = -1;
        }
    }
    if (s->masq_all >= VOYAGER_VIC_CPUS || s->masq_all < -1) {
        s->masq_all = -1;
    }
    if (s->stuck_irq >= VOYAGER_VIC_INPUTS || s->stuck_irq < -1) {
        s->stuck_irq = -1;
    }
    if (s->glitch_irq >= VOYAGER_VIC_ISA_IRQS || s->glitch_irq < -1) {
        s->glitch_irq = -1;
    }
    for (n = 0; n < VOYAGER_VIC_ISA_IRQS; n++) {
        if (s->owner[n] >= VOYAGER_VIC_CPUS) {
            s->owner[n] = -1;
        }
    }
    /*
     * Derived state is recomputed, not migrated (qemu-review D5): where
     * each request is offered, and the INTR levels the board already has
     * (its intr_level and the CPUs' interrupt requests are migrated, so
     * no line is driven here).
     */
    s->out_level = 0;
    for (n = 0; n < VOYAGER_VIC_ISA_IRQS; n++) {
        s->route[n] = vic_route_now(s, n);
    }
    for (n = 0; n < VOYAGER_VIC_CPUS; n++) {
        s->out_level |= vic_intr_now(s, n) << n;
    }
    return 0;
}

/*
 * What the guest set up that version 1 of the stream did not carry: the
 * CPI base having been written (starts the storm, dyad-trigger=os-level)
 * and the global masquerade.
 */
static bool vic_os_needed(void *opaque)
{
    VoyagerVICState *s = opaque;

    return s->cpi_base_set || s->masq_all >= 0;
}

static const VMStateDescription vmstate_voyager_vic_os = {
    .name = "voyager-vic/os",
    .version_id = 1,
    .minimum_version_id = 1,
    .needed = vic_os_needed,
    .fields = (const VMStateField[]) {
        VMSTATE_BOOL(cpi_base_set, VoyagerVICState),
        VMSTATE_INT8(masq_all, VoyagerVICState),
        VMSTATE_END_OF_LIST()
    }
};

/*
 * The fault state (qemu-review D1, secondary): the CPI storm (timer,
 * CPIs left, generator) and the faults set at run time, so a storm goes
 * on after loadvm or migration exactly as it would have.
 */
static bool vic_faults_needed(void *opaque)
{
    VoyagerVICState *s = opaque;

    return s->storm_left || s->cpi_storm || s->stuck_irq >= 0 ||
           s->glitch_irq >= 0 || timer_pending(s->storm_timer);
}

static const VMStateDescription vmstate_voyager_vic_faults = {
    .name = "voyager-vic/faults",
    .version_id = 2,
    .minimum_version_id = 1,
    .needed = vic_faults_needed,
    .fields = (const VMStateField[]) {
        VMSTATE_TIMER_PTR(storm_timer, VoyagerVICState),
        VMSTATE_UINT32(storm_left, VoyagerVICState),
        VMSTATE_UINT32(storm_rand, VoyagerVICState),
        VMSTATE_UINT32(cpi_storm, VoyagerVICState),
        VMSTATE_INT32(stuck_irq, VoyagerVICState),
        VMSTATE_INT32(glitch_irq, VoyagerVICState),
        VMSTATE_UINT32_V(storm_merged, VoyagerVICState, 2),
        VMSTATE_UINT32_V(storm_alone, VoyagerVICState, 2),
        VMSTATE_UINT8_V(storm_only, VoyagerVICState, 2),
        VMSTATE_END_OF_LIST()
    }
};

static const VMStateDescription vmstate_voyager_vic = {
    .name = "voyager-vic",
    .version_id = 2,
    .minimum_version_id = 2,
    .post_load = vic_post_load,
    .subsections = (const VMStateDescription * const []) {
        &vmstate_voyager_vic_os,
        &vmstate_voyager_vic_faults,
        NULL
    },
    .fields = (const VMStateField[]) {
        VMSTATE_STRUCT_ARRAY(cpu, VoyagerVICState, VOYAGER_VIC_CPUS, 1,
                             vmstate_voyager_vic_cpu, VoyagerVICCpu),
        VMSTATE_ARRAY(masq, VoyagerVICState, VOYAGER_VIC_IDS, 0,
                      vmstate_info_int8, int8_t),
        VMSTATE_UINT8(cpi_base, VoyagerVICState),
        VMSTATE_UINT32(input_level, VoyagerVICState),
        VMSTATE_BOOL(irq0_latched, VoyagerVICState),
        VMSTATE_BOOL(irq0_mca, VoyagerVICState),
        VMSTATE_UINT16(edge_latch, VoyagerVICState),
        VMSTATE_ARRAY(owner, VoyagerVICState, VOYAGER_VIC_ISA_IRQS, 0,
                      vmstate_info_int8, int8_t),
        VMSTATE_END_OF_LIST()
    }
};

static const Property vic_properties[] = {
    DEFINE_PROP_UINT8("vic-cpus", VoyagerVICState, vic_cpus, 0x01),
    DEFINE_PROP_UINT8("boot-cpu", VoyagerVICState, boot_cpu, 0),
    DEFINE_PROP_UINT32("quad-cpus", VoyagerVICState, quad_cpus, 0),
    DEFINE_PROP_BOOL("eight-slot", VoyagerVICState, eight_slot, false),
    DEFINE_PROP_UINT8("irq0-mode", VoyagerVICState, irq0_mode,
                      VOYAGER_VIC_IRQ0_AUTO),
    DEFINE_PROP_STRING("dyad-trigger", VoyagerVICState, dyad_trigger_str),
    DEFINE_PROP_STRING("masquerade", VoyagerVICState, masquerade_str),
    DEFINE_PROP_SIGNED("stuck-irq", VoyagerVICState, stuck_irq, -1,
                       vic_prop_int32_runtime, int32_t),
    DEFINE_PROP_SIGNED("glitch-irq", VoyagerVICState, glitch_irq, -1,
                       vic_prop_int32_runtime, int32_t),
    DEFINE_PROP_UNSIGNED("cpi-storm", VoyagerVICState, cpi_storm, 0,
                         vic_prop_storm_runtime, uint32_t),
    DEFINE_PROP_SIGNED("x-accessor", VoyagerVICState, x_accessor, -1,
                       vic_prop_int32_runtime, int32_t),
    DEFINE_PROP_ARRAY("cpu-ids", VoyagerVICState, num_cpu_ids, cpu_ids,
                      qdev_prop_uint8, uint8_t),
};

static void vic_class_init(ObjectClass *klass, const void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);
    ResettableClass *rc = RESETTABLE_CLASS(klass);
    InterruptStatsProviderClass *ic = INTERRUPT_STATS_PROVIDER_CLASS(klass);

    dc->realize = vic_realize;
    ic->get_statistics = vic_get_statistics;
    ic->print_info = vic_stats_print_info;
    rc->phases.hold = vic_reset_hold;
    rc->phases.exit = vic_reset_exit;
    /* Useless without the voyager board answering the acknowledge. */
    dc->user_creatable = false;
    dc->vmsd = &vmstate_voyager_vic;
    dc->desc = "NCR Voyager interrupt controller (VIC)";
    device_class_set_props(dc, vic_properties);
    set_bit(DEVICE_CATEGORY_MISC, dc->categories);
}

static const TypeInfo vic_info = {
    .name = TYPE_VOYAGER_VIC,
    .parent = TYPE_ISA_DEVICE,
    .instance_size = sizeof(VoyagerVICState),
    .class_init = vic_class_init,
    .interfaces = (const InterfaceInfo[]) {
        { TYPE_INTERRUPT_STATS_PROVIDER },
        { }
    },
};

static void vic_register_types(void)
{
    type_register_static(&vic_info);
}

type_init(vic_register_types)
