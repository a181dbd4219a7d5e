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

/* Hardware id of the CPU performing the current access. */
static int vic_accessor(VoyagerVICState *s)
{
    if (current_cpu && current_cpu->cpu_index >= 0 &&
        current_cpu->cpu_index < s->num_cpu_ids) {
        return s->cpu_ids[current_cpu->cpu_index] % VOYAGER_VIC_IDS;
    }
    return s->boot_cpu % VOYAGER_VIC_IDS;
}

/* The CPU whose dyad and VIC registers the current access reaches. */
static int vic_target(VoyagerVICState *s)
{
    int a = vic_accessor(s);

    return s->masq[a] >= 0 ? s->masq[a] : a;
}

/* Is the IRQ0 latch cleared only by port 61h bit 7 (MCA)? */
static bool vic_irq0_mca(VoyagerVICState *s)
{
    return s->irq0_mode == VOYAGER_VIC_IRQ0_PORT61 ||
           (s->irq0_mode == VOYAGER_VIC_IRQ0_AUTO && s->irq0_mca);
}

static bool vic_irq_level(VoyagerVICState *s, int n)
{
    if (n == s->stuck_irq) {
        return true;
    }
    if (n == 0) {
        return s->irq0_latched;
    }
    return s->input_level & (1u << n);
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
 * section 10 item 9): unmasked in its dyad, not in service there.
 */
static bool vic_eligible(VoyagerVICState *s, int c, int n)
{
    VoyagerVICCpu *v = &s->cpu[c];

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

/* Device IRQ request bits of CPU @c: master lines (bit n) | slave << 8. */
/* Is IRQ @n requested: an edge seen, or a level asserted? */
static bool vic_irq_requested(VoyagerVICState *s, int n)
{
    return (s->edge_latch & (1u << n)) || vic_irq_level(s, n);
}

/*
 * Device IRQ request bits of CPU @c: master lines (bit n) | slave << 8.
 * A dyad 8259 in level mode (ICW1 LTIM) sees the line level; one in edge
 * mode sees only the edge latched since the last acknowledge.
 */
static uint16_t vic_device_irr(VoyagerVICState *s, int c)
{
    uint16_t irr = 0;
    int n;

    for (n = 0; n < VOYAGER_VIC_ISA_IRQS; n++) {
        bool ltim = s->cpu[c].pic[n < 8 ? MASTER : SLAVE].ltim;

        if (n == 2 || !((s->edge_latch & (1u << n)) ||
                        (ltim && vic_irq_level(s, n)))) {
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

static void vic_update(VoyagerVICState *s)
{
    int c, n;

    for (n = 0; n < VOYAGER_VIC_ISA_IRQS; n++) {
        int r = -1;

        if (n != 2 && s->owner[n] < 0 && vic_irq_requested(s, n)) {
            r = vic_route_irq(s, n);
        }
        if (r != s->route[n]) {
            s->route[n] = r;
            trace_voyager_vic_route(n, r);
        }
    }
    for (c = 0; c < VOYAGER_VIC_CPUS; c++) {
        VoyagerPIC *m = &s->cpu[c].pic[MASTER];
        bool level = vic_has_cpu(s, c) &&
                     pic_pending(m, vic_master_irr(s, c)) >= 0;

        if (level != !!(s->out_level & (1u << c))) {
            s->out_level ^= 1u << c;
            trace_voyager_vic_intr(c, level);
            qemu_set_irq(s->intr[c], level);
        }
    }
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
    switch (p->isr_src[line]) {
    case VOYAGER_VIC_SRC_SYS:
        v->sys_latch = false;
        break;
    case VOYAGER_VIC_SRC_CMN:
        v->cmn_latch = false;
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
 * N in all per boot.  Nothing is posted in the kernel's mailbox: the
 * guest sees a CPI with nothing to do.  The generator is a fixed-seed
 * LCG, so a run is reproducible.
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

static void vic_storm_tick(void *opaque)
{
    VoyagerVICState *s = opaque;
    int open[VOYAGER_VIC_CPUS], n = 0, c;

    for (c = 0; c < VOYAGER_VIC_CPUS; c++) {
        if (vic_has_cpu(s, c) && !(s->cpu[c].pic[MASTER].imr & 1)) {
            open[n++] = c;
        }
    }
    if (n) {
        c = open[vic_storm_next(s) % n];
        trace_voyager_vic_cpi_send(0, 1u << c);
        s->cpu[c].cpi_latch |= 1;
        s->storm_left--;
        vic_update(s);
    }
    if (s->storm_left) {
        vic_storm_arm(s, SCALE_MS / 2 + vic_storm_next(s) % SCALE_MS);
    }
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
        val = s->masq[a] >= 0 ? 0x08 | s->masq[a] : (a & 7);
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
        s->masq[a] = (val & 0x08) ? (val & 7) : -1;
        return;
    }
    if (addr == 0x41) {
        s->cpi_base = val;
        if (s->storm_left && !timer_pending(s->storm_timer)) {
            vic_storm_arm(s, VIC_STORM_START_NS);
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

static void vic_set_irq(void *opaque, int n, int level)
{
    VoyagerVICState *s = opaque;
    bool rising = level && !(s->input_level & (1u << n));
    int c;

    if (n < 0 || n >= VOYAGER_VIC_INPUTS) {
        return;
    }
    trace_voyager_vic_set_irq(n, level);
    if (level) {
        s->input_level |= 1u << n;
    } else {
        s->input_level &= ~(1u << n);
    }
    if (rising && n == 0) {
        s->irq0_latched = true;
    }
    if (rising && n < VOYAGER_VIC_ISA_IRQS) {
        s->edge_latch |= 1u << n;
    }
    if (rising && (n == VOYAGER_VIC_SYS_INT || n == VOYAGER_VIC_CMN_INT)) {
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

/* The interrupts CPU @c took, by source, and its port accesses. */
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
    if (s->stuck_irq >= 0) {
        g_string_append_printf(buf, "  fault: input %d stuck asserted\n",
                               s->stuck_irq);
    }
    if (s->cpi_storm) {
        g_string_append_printf(buf, "  fault: CPI storm, %u of %u spurious "
                               "CPIs raised\n",
                               s->cpi_storm - s->storm_left, s->cpi_storm);
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
            v->pic[0].ltim ? "level" : "edge", v->pic[0].imr,
            vic_master_irr(s, c), v->pic[0].isr, v->pic[0].icw2,
            v->pic[1].imr, vic_slave_irr(s, c), v->pic[1].isr,
            v->pic[1].icw2, v->priority, v->claim[0], v->claim[1],
            v->mca_base[0], v->mca_base[1],
            v->mca_base_set ? "" : " (unset)", v->redirect[0],
            v->redirect[1], s->masq[c], v->cpi_latch, v->sys_latch,
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
    s->cpi_base = 0xc0;
    s->irq0_latched = false;
    s->irq0_mca = false;
    s->edge_latch = s->stuck_irq >= 0 && s->stuck_irq < VOYAGER_VIC_ISA_IRQS
                    ? 1u << s->stuck_irq : 0;
    s->storm_left = s->cpi_storm;
    s->storm_rand = 1;
    timer_del(s->storm_timer);
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
    for (n = 0; n < VOYAGER_VIC_ISA_IRQS; n++) {
        if (s->owner[n] >= VOYAGER_VIC_CPUS) {
            s->owner[n] = -1;
        }
        if (s->route[n] >= VOYAGER_VIC_CPUS) {
            s->route[n] = -1;
        }
    }
    return 0;
}

static const VMStateDescription vmstate_voyager_vic = {
    .name = "voyager-vic",
    .version_id = 1,
    .minimum_version_id = 1,
    .post_load = vic_post_load,
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
        VMSTATE_ARRAY(route, VoyagerVICState, VOYAGER_VIC_ISA_IRQS, 0,
                      vmstate_info_int8, int8_t),
        VMSTATE_UINT8(out_level, VoyagerVICState),
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
    DEFINE_PROP_INT32("stuck-irq", VoyagerVICState, stuck_irq, -1),
    DEFINE_PROP_UINT32("cpi-storm", VoyagerVICState, cpi_storm, 0),
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
