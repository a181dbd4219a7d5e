/*
 * NCR Voyager Quad Interrupt Controller (QIC)
 *
 * Model of the hardware reference (voyager-hw.md) sections 5.1-5.6 with
 * the choices of its section 10 (items 11-14, 15); the emulator document
 * docs/system/i386/voyager.rst lists them.
 *
 * One QIC per quad card.  Its four CPUs (quad-local index j = 0-3) each
 * have two mask registers, eight QIC CPIs and the SYS_INT/CMN_INT
 * latches; the card has one CPI area of 1 KiB where a write anywhere in
 * the 32-byte line i of CPU j's 256-byte block raises QIC CPI i at CPU j.
 * The extended CPU's VIC INTR comes in on "vic-intr" and is merged into
 * that CPU's INTR output.
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
#include "hw/intc/voyager_qic.h"
#include "hw/intc/intc.h"
#include "qapi/visitor.h"
#include "qapi/qapi-builtin-visit.h"
#include "trace.h"

/* Register offsets from FC70h (hardware reference 5.3). */
#define QIC_MASQ        0x01    /* FC71h */
#define QIC_EXT_SELECT  0x02    /* FC72h */
#define QIC_VIC_BASE    0x09    /* FC79h */
#define QIC_CPI_BASE    0x0a    /* FC7Ah */
#define QIC_MASK0       0x10    /* FC80h */
#define QIC_MASK1       0x11    /* FC81h */
#define QIC_CLEAR0      0x1a    /* FC8Ah */
#define QIC_CLEAR1      0x1b    /* FC8Bh */

/* Mask-0 sources that have a model: SYS_INT and CMN_INT. */
#define QIC_M0_SOURCES  (VOYAGER_QIC_M0_SYS | VOYAGER_QIC_M0_CMN)

int voyager_qic_cpu_id(VoyagerQICState *s, int j)
{
    return s->slot + (j & 3) * s->slots;
}

/* The CPU whose registers quad-local CPU @j reaches (masquerade). */
static int qic_target(VoyagerQICState *s, int j)
{
    j &= 3;
    return s->masq[j] >= 0 ? s->masq[j] & 3 : j;
}

/*
 * SYS_INT and CMN_INT as mask-0 bits while their inputs are asserted:
 * they are level sources (fidelity audit D8), so a clear (FC8Ah) while
 * the source still asserts latches the event again at once.
 */
static uint8_t qic_level0(VoyagerQICState *s)
{
    return (s->input_level & (1u << VOYAGER_QIC_SYS_INT) ?
            VOYAGER_QIC_M0_SYS : 0) |
           (s->input_level & (1u << VOYAGER_QIC_CMN_INT) ?
            VOYAGER_QIC_M0_CMN : 0);
}

/*
 * The request CPU @j would take now: a mask-0 bit (SYS_INT before
 * CMN_INT) as 0x100 | bit, a QIC CPI as its level, or -1.
 */
static int qic_pending(VoyagerQICState *s, int j)
{
    VoyagerQICCpu *c = &s->cpu[j];
    uint8_t p0 = c->pending0 & ~c->mask0 & ~c->isr0 & QIC_M0_SOURCES;
    uint8_t p1 = c->pending1 & ~c->mask1 & ~c->isr1;

    if (p0 & VOYAGER_QIC_M0_SYS) {
        return 0x100 | VOYAGER_QIC_M0_SYS;
    }
    if (p0 & VOYAGER_QIC_M0_CMN) {
        return 0x100 | VOYAGER_QIC_M0_CMN;
    }
    if (p1) {
        return ctz32(p1);
    }
    return -1;
}

static void qic_update(VoyagerQICState *s)
{
    int j;

    for (j = 0; j < VOYAGER_QIC_CPUS; j++) {
        bool level = qic_pending(s, j) >= 0 || (s->vic_level & (1u << j));

        if (level != !!(s->out_level & (1u << j))) {
            s->out_level ^= 1u << j;
            trace_voyager_qic_intr(s->slot, j, level);
            qemu_set_irq(s->intr[j], level);
        }
    }
}

int voyager_qic_intack(VoyagerQICState *s, int j, int *cpi)
{
    VoyagerQICCpu *c;
    int src, vec;

    *cpi = -1;
    if (j < 0 || j >= VOYAGER_QIC_CPUS) {
        return -1;
    }
    c = &s->cpu[j];
    src = qic_pending(s, j);
    if (src < 0) {
        return -1;
    }
    if (src & 0x100) {
        c->isr0 |= src & 0xff;
        vec = s->vic_cpi_base + (src & VOYAGER_QIC_M0_SYS ? 8 : 15);
        s->stat[j * VOYAGER_QIC_STATS + (src & VOYAGER_QIC_M0_SYS ?
                VOYAGER_QIC_STAT_SYS : VOYAGER_QIC_STAT_CMN)]++;
    } else {
        c->isr1 |= 1u << src;
        vec = s->qic_cpi_base + src;
        *cpi = src;
        s->stat[j * VOYAGER_QIC_STATS + src]++;
    }
    vec &= 0xff;
    trace_voyager_qic_intack(s->slot, j, vec);
    qic_update(s);
    return vec;
}

int voyager_qic_spurious(VoyagerQICState *s, int j)
{
    s->stat[(j & 3) * VOYAGER_QIC_STATS + VOYAGER_QIC_STAT_SPUR]++;
    return (s->qic_cpi_base + 7) & 0xff;
}

void voyager_qic_firmware_ack(VoyagerQICState *s, int j, int cpi)
{
    if (j < 0 || j >= VOYAGER_QIC_CPUS || cpi >= VOYAGER_QIC_CPIS) {
        return;
    }
    if (cpi < 0) {
        s->cpu[j].pending0 &= ~s->cpu[j].isr0;
        s->cpu[j].pending0 |= s->cpu[j].isr0 & qic_level0(s);
        s->cpu[j].isr0 = 0;
    } else {
        s->cpu[j].pending1 &= ~(1u << cpi);
        s->cpu[j].isr1 &= ~(1u << cpi);
    }
    qic_update(s);
}

/* ---- registers FC70h-FCFFh --------------------------------------------- */

uint8_t voyager_qic_port_read(VoyagerQICState *s, int j, hwaddr addr)
{
    int t = qic_target(s, j);
    VoyagerQICCpu *c = &s->cpu[t];
    uint8_t val = 0;

    s->accesses[j & 3]++;
    j &= 3;
    switch (addr) {
    case QIC_MASQ:
        val = s->masq[j] >= 0 ? 0x08 | s->masq[j] : j;
        break;
    case QIC_EXT_SELECT:
        val = s->ext_select;
        break;
    case QIC_VIC_BASE:
        val = s->vic_cpi_base;
        break;
    case QIC_CPI_BASE:
        val = s->qic_cpi_base;
        break;
    case QIC_MASK0:
        val = c->mask0;
        break;
    case QIC_MASK1:
        val = c->mask1;
        break;
    case QIC_CLEAR0:
        val = c->pending0;
        break;
    case QIC_CLEAR1:
        val = c->pending1;
        break;
    default:
        qemu_log_mask(LOG_GUEST_ERROR, "voyager-qic: read of unknown "
                      "register 0x%x\n",
                      (unsigned)(VOYAGER_QIC_REG_BASE + addr));
        break;
    }
    trace_voyager_qic_reg_read(s->slot, j, t, VOYAGER_QIC_REG_BASE + addr,
                               val);
    return val;
}

void voyager_qic_port_write(VoyagerQICState *s, int j, hwaddr addr,
                            uint8_t val)
{
    int t = qic_target(s, j);
    VoyagerQICCpu *c = &s->cpu[t];

    s->accesses[j & 3]++;
    j &= 3;
    trace_voyager_qic_reg_write(s->slot, j, t, VOYAGER_QIC_REG_BASE + addr,
                                val);
    switch (addr) {
    case QIC_MASQ:
        s->masq[j] = (val & 0x08) ? (val & 3) : -1;
        return;
    case QIC_EXT_SELECT:
        s->ext_select = val;
        return;
    case QIC_VIC_BASE:
        s->vic_cpi_base = val;
        break;
    case QIC_CPI_BASE:
        s->qic_cpi_base = val;
        break;
    case QIC_MASK0:
        c->mask0 = val;
        break;
    case QIC_MASK1:
        c->mask1 = val;
        break;
    case QIC_CLEAR0:
        c->pending0 &= ~val;
        c->pending0 |= val & qic_level0(s);     /* still asserted: D8 */
        c->isr0 &= ~val;
        break;
    case QIC_CLEAR1:
        c->pending1 &= ~val;
        c->isr1 &= ~val;
        break;
    default:
        qemu_log_mask(LOG_GUEST_ERROR, "voyager-qic: write of unknown "
                      "register 0x%x\n",
                      (unsigned)(VOYAGER_QIC_REG_BASE + addr));
        return;
    }
    qic_update(s);
}

/* ---- the CPI area ------------------------------------------------------ */

/*
 * Hardware id of the CPU making the current access, or -1 when unknown
 * (no cpu-ids from the board; no current CPU and no x-accessor).
 */
static int qic_accessor(VoyagerQICState *s)
{
    if (current_cpu) {
        if (current_cpu->cpu_index >= 0 &&
            current_cpu->cpu_index < s->num_cpu_ids) {
            return s->cpu_ids[current_cpu->cpu_index];
        }
        return -1;
    }
    return s->x_accessor;
}

/* Raise QIC CPI @cpi at quad-local CPU @j (no qic_update()). */
static void qic_cpi_raise(VoyagerQICState *s, int j, int cpi)
{
    if (!(s->cpu[j].pending1 & (1u << cpi))) {
        trace_voyager_qic_cpi_send(s->slot, j, cpi);
    }
    s->cpu[j].pending1 |= 1u << cpi;
}

static uint64_t qic_area_read(void *opaque, hwaddr addr, unsigned size)
{
    VoyagerQICState *s = opaque;
    uint64_t val = 0;
    unsigned i;
    int a = -1;
    bool raised = false;

    s->area_accesses++;
    if (s->cpi_trigger == VOYAGER_QIC_TRIGGER_READ_WRITE) {
        a = qic_accessor(s);
    }
    for (i = 0; i < size && i < 8; i++) {
        hwaddr b = addr + i;
        int j;

        if (b >= VOYAGER_QIC_AREA_SIZE) {
            break;
        }
        val |= (uint64_t)s->area_data[b] << (8 * i);
        j = b / VOYAGER_QIC_BLOCK_SIZE;
        /* cpi-trigger=read-write: a read by another CPU raises it too. */
        if (a >= 0 && a != voyager_qic_cpu_id(s, j)) {
            qic_cpi_raise(s, j, (b % VOYAGER_QIC_BLOCK_SIZE) /
                                VOYAGER_QIC_LINE_SIZE);
            raised = true;
        }
    }
    trace_voyager_qic_area_read(s->slot, addr, size, val);
    if (raised) {
        qic_update(s);
    }
    return val;
}

static void qic_area_write(void *opaque, hwaddr addr, uint64_t val,
                           unsigned size)
{
    VoyagerQICState *s = opaque;
    unsigned i;

    s->area_accesses++;
    trace_voyager_qic_area_write(s->slot, addr, size, val);
    for (i = 0; i < size && i < 8; i++) {
        hwaddr a = addr + i;
        int j, cpi;

        if (a >= VOYAGER_QIC_AREA_SIZE) {
            break;
        }
        s->area_data[a] = val >> (8 * i);
        j = a / VOYAGER_QIC_BLOCK_SIZE;
        cpi = (a % VOYAGER_QIC_BLOCK_SIZE) / VOYAGER_QIC_LINE_SIZE;
        qic_cpi_raise(s, j, cpi);
    }
    qic_update(s);
}

static const MemoryRegionOps qic_area_ops = {
    .read = qic_area_read,
    .write = qic_area_write,
    .valid.min_access_size = 1,
    .valid.max_access_size = 8,
    .valid.unaligned = true,
    .impl.min_access_size = 1,
    .impl.max_access_size = 4,
    .impl.unaligned = true,
    .endianness = DEVICE_LITTLE_ENDIAN,
};

/* ---- inputs ------------------------------------------------------------ */

static void qic_set_irq(void *opaque, int n, int level)
{
    VoyagerQICState *s = opaque;
    bool rising;
    int j;

    if (n < 0 || n >= VOYAGER_QIC_INPUTS) {
        return;
    }
    rising = level && !(s->input_level & (1u << n));
    trace_voyager_qic_set_irq(s->slot, n, level);
    if (level) {
        s->input_level |= 1u << n;
    } else {
        s->input_level &= ~(1u << n);
    }
    if (rising) {
        for (j = 0; j < VOYAGER_QIC_CPUS; j++) {
            s->cpu[j].pending0 |= n == VOYAGER_QIC_SYS_INT
                                  ? VOYAGER_QIC_M0_SYS : VOYAGER_QIC_M0_CMN;
        }
    }
    qic_update(s);
}

static void qic_set_vic_intr(void *opaque, int j, int level)
{
    VoyagerQICState *s = opaque;

    if (j < 0 || j >= VOYAGER_QIC_CPUS) {
        return;
    }
    if (level) {
        s->vic_level |= 1u << j;
    } else {
        s->vic_level &= ~(1u << j);
    }
    qic_update(s);
}

/* ---- monitor ----------------------------------------------------------- */

static void qic_print_counts(VoyagerQICState *s, int j, GString *buf)
{
    const uint64_t *st = &s->stat[j * VOYAGER_QIC_STATS];
    int n;

    g_string_append(buf, "         taken: QIC CPI");
    for (n = 0; n < 8; n++) {
        if (st[n]) {
            g_string_append_printf(buf, " %d:%" PRIu64, n, st[n]);
        }
    }
    g_string_append_printf(buf, " SYS %" PRIu64 " CMN %" PRIu64
                           " spurious %" PRIu64 "; port accesses %" PRIu64
                           "\n", st[VOYAGER_QIC_STAT_SYS],
                           st[VOYAGER_QIC_STAT_CMN],
                           st[VOYAGER_QIC_STAT_SPUR], s->accesses[j]);
}

void voyager_qic_print_info(VoyagerQICState *s, GString *buf)
{
    int j;

    g_string_append_printf(buf, "QIC slot %u: VIC-CPI base 0x%02x, QIC CPI "
                           "base 0x%02x, ext select 0x%02x, SYS/CMN inputs "
                           "0x%x\n", s->slot, s->vic_cpi_base,
                           s->qic_cpi_base, s->ext_select, s->input_level);
    for (j = 0; j < VOYAGER_QIC_CPUS; j++) {
        VoyagerQICCpu *c = &s->cpu[j];

        g_string_append_printf(buf,
            "  cpu %d (quad %d): INTR %d (VIC %d) mask0 %02x mask1 %02x "
            "CPI latch %02x in service %02x | SYS/CMN latch %02x in "
            "service %02x masquerade %d\n",
            voyager_qic_cpu_id(s, j), j, !!(s->out_level & (1u << j)),
            !!(s->vic_level & (1u << j)), c->mask0, c->mask1, c->pending1,
            c->isr1, c->pending0, c->isr0, s->masq[j]);
        qic_print_counts(s, j, buf);
    }
    g_string_append_printf(buf, "  CPI area accesses %" PRIu64 "\n",
                           s->area_accesses);
}

static bool qic_get_statistics(InterruptStatsProvider *obj,
                               uint64_t **irq_counts, unsigned int *nb_irqs)
{
    VoyagerQICState *s = VOYAGER_QIC(obj);

    *irq_counts = s->stat;
    *nb_irqs = ARRAY_SIZE(s->stat);
    return true;
}

static void qic_stats_print_info(InterruptStatsProvider *obj, GString *buf)
{
    voyager_qic_print_info(VOYAGER_QIC(obj), buf);
}

/* Register accesses per quad CPU, then the CPI area accesses. */
static void qic_get_accesses(Object *obj, Visitor *v, const char *name,
                             void *opaque, Error **errp)
{
    VoyagerQICState *s = VOYAGER_QIC(obj);
    uint64List *list = NULL, **tail = &list;
    int j;

    for (j = 0; j < VOYAGER_QIC_CPUS; j++) {
        QAPI_LIST_APPEND(tail, s->accesses[j]);
    }
    QAPI_LIST_APPEND(tail, s->area_accesses);
    visit_type_uint64List(v, name, &list, errp);
    qapi_free_uint64List(list);
}

/*
 * Per-CPU state as data (qom-get "cpu-state"): one dict per quad CPU of
 * the card, what `info pic` prints, for tests and debuggers.
 */
static void qic_visit_u8(Visitor *v, const char *name, uint8_t val)
{
    visit_type_uint8(v, name, &val, &error_abort);
}

static void qic_visit_counts(Visitor *v, const char *name,
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

static void qic_get_cpu_state(Object *obj, Visitor *v, const char *name,
                              void *opaque, Error **errp)
{
    VoyagerQICState *s = VOYAGER_QIC(obj);
    int j;

    if (!visit_start_list(v, name, NULL, 0, errp)) {
        return;
    }
    for (j = 0; j < VOYAGER_QIC_CPUS; j++) {
        VoyagerQICCpu *c = &s->cpu[j];
        const uint64_t *st = &s->stat[j * VOYAGER_QIC_STATS];
        bool intr = s->out_level & (1u << j);
        bool vic = s->vic_level & (1u << j);
        int64_t masq = s->masq[j];
        uint64_t acc = s->accesses[j];

        visit_start_struct(v, NULL, NULL, 0, &error_abort);
        qic_visit_u8(v, "cpu", voyager_qic_cpu_id(s, j));
        qic_visit_u8(v, "quad-index", j);
        visit_type_bool(v, "intr", &intr, &error_abort);
        visit_type_bool(v, "vic-intr", &vic, &error_abort);
        qic_visit_u8(v, "mask0", c->mask0);
        qic_visit_u8(v, "mask1", c->mask1);
        qic_visit_u8(v, "cpi-latch", c->pending1);
        qic_visit_u8(v, "cpi-in-service", c->isr1);
        qic_visit_u8(v, "sys-cmn-latch", c->pending0);
        qic_visit_u8(v, "sys-cmn-in-service", c->isr0);
        visit_type_int64(v, "masquerade", &masq, &error_abort);
        qic_visit_counts(v, "cpi-taken", st, VOYAGER_QIC_CPIS);
        qic_visit_counts(v, "sys-cmn-spurious", st + VOYAGER_QIC_STAT_SYS, 3);
        visit_type_uint64(v, "port-accesses", &acc, &error_abort);
        visit_check_struct(v, &error_abort);
        visit_end_struct(v, NULL);
    }
    visit_end_list(v, NULL);
}

/* ---- QOM --------------------------------------------------------------- */

static void qic_reset_hold(Object *obj, ResetType type)
{
    VoyagerQICState *s = VOYAGER_QIC(obj);
    int j;

    for (j = 0; j < VOYAGER_QIC_CPUS; j++) {
        /* As the firmware leaves parked CPUs: everything masked. */
        s->cpu[j].mask0 = 0xff;
        s->cpu[j].mask1 = 0xff;
        s->cpu[j].pending0 = 0;
        s->cpu[j].isr0 = 0;
        s->cpu[j].pending1 = 0;
        s->cpu[j].isr1 = 0;
        s->masq[j] = -1;
    }
    s->ext_select = 0;
    s->vic_cpi_base = 0xc0;
    s->qic_cpi_base = 0xd0;
    memset(s->area_data, 0, sizeof(s->area_data));
    /* input_level and vic_level follow their sources. */
}

static void qic_reset_exit(Object *obj, ResetType type)
{
    VoyagerQICState *s = VOYAGER_QIC(obj);

    qic_update(s);
}

static void qic_realize(DeviceState *dev, Error **errp)
{
    VoyagerQICState *s = VOYAGER_QIC(dev);
    SysBusDevice *sbd = SYS_BUS_DEVICE(dev);

    if (s->slots != 4 && s->slots != 8) {
        error_setg(errp, "voyager-qic: slots %u is not 4 or 8", s->slots);
        return;
    }
    if (s->slot >= s->slots) {
        error_setg(errp, "voyager-qic: slot %u is not below slots %u",
                   s->slot, s->slots);
        return;
    }
    if (!s->cpi_trigger_str || !strcmp(s->cpi_trigger_str, "write")) {
        s->cpi_trigger = VOYAGER_QIC_TRIGGER_WRITE;
    } else if (!strcmp(s->cpi_trigger_str, "read-write")) {
        s->cpi_trigger = VOYAGER_QIC_TRIGGER_READ_WRITE;
    } else {
        error_setg(errp, "voyager-qic: cpi-trigger '%s' is not write or "
                   "read-write", s->cpi_trigger_str);
        return;
    }
    memory_region_init_io(&s->area, OBJECT(s), &qic_area_ops, s,
                          "voyager-qic-cpi", VOYAGER_QIC_AREA_SIZE);
    sysbus_init_mmio(sbd, &s->area);
    qdev_init_gpio_in(dev, qic_set_irq, VOYAGER_QIC_INPUTS);
    qdev_init_gpio_in_named(dev, qic_set_vic_intr, VOYAGER_QIC_VIC_INTR,
                            VOYAGER_QIC_CPUS);
    qdev_init_gpio_out(dev, s->intr, VOYAGER_QIC_CPUS);
    object_property_add(OBJECT(s), "port-accesses", "uint64List",
                        qic_get_accesses, NULL, NULL, NULL);
    /* The INTR outputs as data, for tests and debuggers (bit j: CPU j). */
    object_property_add_uint8_ptr(OBJECT(s), "intr-level", &s->out_level,
                                  OBJ_PROP_FLAG_READ);
    object_property_add(OBJECT(s), "cpu-state", "list", qic_get_cpu_state,
                        NULL, NULL, NULL);
}

static const VMStateDescription vmstate_voyager_qic_cpu = {
    .name = "voyager-qic-cpu",
    .version_id = 1,
    .minimum_version_id = 1,
    .fields = (const VMStateField[]) {
        VMSTATE_UINT8(mask0, VoyagerQICCpu),
        VMSTATE_UINT8(mask1, VoyagerQICCpu),
        VMSTATE_UINT8(pending0, VoyagerQICCpu),
        VMSTATE_UINT8(isr0, VoyagerQICCpu),
        VMSTATE_UINT8(pending1, VoyagerQICCpu),
        VMSTATE_UINT8(isr1, VoyagerQICCpu),
        VMSTATE_END_OF_LIST()
    }
};

static int qic_post_load(void *opaque, int version_id)
{
    VoyagerQICState *s = opaque;
    int j;

    for (j = 0; j < VOYAGER_QIC_CPUS; j++) {
        if (s->masq[j] >= VOYAGER_QIC_CPUS) {
            s->masq[j] = -1;
        }
    }
    return 0;
}

static const VMStateDescription vmstate_voyager_qic = {
    .name = "voyager-qic",
    .version_id = 1,
    .minimum_version_id = 1,
    .post_load = qic_post_load,
    .fields = (const VMStateField[]) {
        VMSTATE_STRUCT_ARRAY(cpu, VoyagerQICState, VOYAGER_QIC_CPUS, 1,
                             vmstate_voyager_qic_cpu, VoyagerQICCpu),
        VMSTATE_ARRAY(masq, VoyagerQICState, VOYAGER_QIC_CPUS, 0,
                      vmstate_info_int8, int8_t),
        VMSTATE_UINT8(ext_select, VoyagerQICState),
        VMSTATE_UINT8(vic_cpi_base, VoyagerQICState),
        VMSTATE_UINT8(qic_cpi_base, VoyagerQICState),
        VMSTATE_UINT8(input_level, VoyagerQICState),
        VMSTATE_UINT8(vic_level, VoyagerQICState),
        VMSTATE_UINT8(out_level, VoyagerQICState),
        VMSTATE_UINT8_ARRAY(area_data, VoyagerQICState,
                            VOYAGER_QIC_AREA_SIZE),
        VMSTATE_END_OF_LIST()
    }
};

/*
 * x-accessor: the hardware id that accesses without a current CPU (qtest,
 * fuzzing) act as in the CPI area; settable at run time.
 */
static void qic_prop_get_int32(Object *obj, Visitor *v, const char *name,
                               void *opaque, Error **errp)
{
    int32_t *ptr = object_field_prop_ptr(obj, opaque);

    visit_type_int32(v, name, ptr, errp);
}

static void qic_prop_set_accessor(Object *obj, Visitor *v, const char *name,
                                  void *opaque, Error **errp)
{
    int32_t *ptr = object_field_prop_ptr(obj, opaque);
    int32_t val;

    if (!visit_type_int32(v, name, &val, errp)) {
        return;
    }
    if (val < -1 || val > 31) {
        error_setg(errp, "voyager-qic: %s %d is not -1 or 0-31", name, val);
        return;
    }
    *ptr = val;
}

static void qic_prop_set_default_int(ObjectProperty *op, const Property *prop)
{
    object_property_set_default_int(op, prop->defval.i);
}

static const PropertyInfo qic_prop_accessor = {
    .type = "int32",
    .description = "settable at run time",
    .realized_set_allowed = true,
    .get = qic_prop_get_int32,
    .set = qic_prop_set_accessor,
    .set_default_value = qic_prop_set_default_int,
};

static const Property qic_properties[] = {
    DEFINE_PROP_UINT8("slot", VoyagerQICState, slot, 0),
    DEFINE_PROP_UINT8("slots", VoyagerQICState, slots, 4),
    DEFINE_PROP_STRING("cpi-trigger", VoyagerQICState, cpi_trigger_str),
    DEFINE_PROP_ARRAY("cpu-ids", VoyagerQICState, num_cpu_ids, cpu_ids,
                      qdev_prop_uint8, uint8_t),
    DEFINE_PROP_SIGNED("x-accessor", VoyagerQICState, x_accessor, -1,
                       qic_prop_accessor, int32_t),
};

static void qic_class_init(ObjectClass *klass, const void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);
    ResettableClass *rc = RESETTABLE_CLASS(klass);
    InterruptStatsProviderClass *ic = INTERRUPT_STATS_PROVIDER_CLASS(klass);

    dc->realize = qic_realize;
    ic->get_statistics = qic_get_statistics;
    ic->print_info = qic_stats_print_info;
    rc->phases.hold = qic_reset_hold;
    rc->phases.exit = qic_reset_exit;
    dc->vmsd = &vmstate_voyager_qic;
    dc->desc = "NCR Voyager quad interrupt controller (QIC)";
    /* Wired by the voyager machine (port dispatch, INTR, INTA). */
    dc->user_creatable = false;
    device_class_set_props(dc, qic_properties);
    set_bit(DEVICE_CATEGORY_MISC, dc->categories);
}

static const TypeInfo qic_info = {
    .name = TYPE_VOYAGER_QIC,
    .parent = TYPE_SYS_BUS_DEVICE,
    .instance_size = sizeof(VoyagerQICState),
    .class_init = qic_class_init,
    .interfaces = (const InterfaceInfo[]) {
        { TYPE_INTERRUPT_STATS_PROVIDER },
        { }
    },
};

static void qic_register_types(void)
{
    type_register_static(&qic_info);
}

type_init(qic_register_types)
