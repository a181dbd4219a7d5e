/*
 * NCR Voyager machine (-M voyager)
 *
 * An i386 SMP machine without local APICs: every CPU on a VIC line has
 * its own 8259 pair inside the VIC (hw/intc/voyager_vic.c), secondary
 * CPUs are parked at reset and started by the boot CPI through the
 * real-mode IVT, and an option ROM answers int 15h AX=FFC0h with the
 * machine's configuration table.  The PC pieces the kernel needs (PIT,
 * RTC/CMOS, i8042, serial, floppy, BIOS and option ROM windows, fw_cfg,
 * -kernel) come from the PC machine code.
 *
 * The platform specification, and every choice made where the hardware
 * reference is silent, is docs/system/i386/voyager.rst.
 *
 * Copyright (c) 2026 The NCR Voyager Linux port developers
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "qemu/units.h"
#include "qemu/cutils.h"
#include "qemu/error-report.h"
#include "qemu/datadir.h"
#include "qemu/main-loop.h"
#include "qapi/error.h"
#include "qapi/visitor.h"
#include "qobject/qlist.h"
#include "system/address-spaces.h"
#include "qapi/qapi-commands-misc-i386.h"
#include "qapi/type-helpers.h"
#include "hw/core/boards.h"
#include "hw/core/loader.h"
#include "hw/core/nmi.h"
#include "hw/core/irq.h"
#include "hw/core/qdev-properties.h"
#include "hw/dma/i8257.h"
#include "hw/i386/x86.h"
#include "hw/i386/pc.h"
#include "hw/isa/isa.h"
#include "hw/nvram/fw_cfg.h"
#include "hw/rtc/mc146818rtc.h"
#include "hw/i386/voyager.h"
#include "hw/misc/voyager_cat.h"
#include "hw/misc/voyager_sus.h"
#include "hw/mca/voyager_mca.h"
#include "hw/core/sysbus.h"
#include "qemu/log.h"
#include "system/qtest.h"
#include "system/tcg.h"
#include "system/reset.h"
#include "system/cpus.h"
#include "hw/core/cpu.h"
#include "target/i386/cpu.h"
#include "migration/vmstate.h"
#include "trace.h"


/* The int 15h AX=FFC0h table (hardware reference 1.2). */
#define VOYAGER_ROM_FILE        "voyager.bin"
#define VOYAGER_ROM_SIGNATURE   "$VOYTAB"
#define VOYAGER_TABLE_LEN       7
/* fault-bios-table=on: a class whose hex digits are not a model number. */
#define VOYAGER_CORRUPT_CLASS   0xa5a5
/*
 * fault-bios-table=level3: a model number below the first Level 5 class
 * 3435h that is neither 3360h nor 3430h (reference 1.3), a Level 3 box.
 */
#define VOYAGER_LEVEL3_CLASS    0x3400
/* The length byte of a table that says "not a Voyager" (reference 1.2). */
#define VOYAGER_TABLE_ABSENT    0xff

/* ---- CPU numbering: the one place cpu_index <-> hardware id ----------- */

/*
 * QEMU cpu_index 0 is always the boot CPU (QEMU ties the A20 gate and
 * other PC legacy to first_cpu); the other present CPUs follow in
 * ascending hardware id order.
 */
static void voyager_map_cpus(VoyagerMachineState *vms)
{
    uint32_t present = voyager_present_cpus(&vms->cfg);
    int id, idx = 1;

    memset(vms->hwid_of_index, -1, sizeof(vms->hwid_of_index));
    memset(vms->index_of_hwid, -1, sizeof(vms->index_of_hwid));
    vms->hwid_of_index[0] = vms->boot_cpu;
    vms->index_of_hwid[vms->boot_cpu] = 0;
    for (id = 0; id < VOYAGER_MAX_CPUS; id++) {
        if ((present & (1u << id)) && id != vms->boot_cpu) {
            vms->hwid_of_index[idx] = id;
            vms->index_of_hwid[id] = idx++;
        }
    }
}

static CPUState *voyager_cpu_by_hwid(VoyagerMachineState *vms, int id)
{
    if (id < 0 || id >= VOYAGER_MAX_CPUS || vms->index_of_hwid[id] < 0) {
        return NULL;
    }
    return qemu_get_cpu(vms->index_of_hwid[id]);
}

static int voyager_hwid(VoyagerMachineState *vms, CPUState *cs)
{
    if (cs->cpu_index < 0 || cs->cpu_index >= VOYAGER_MAX_CPUS) {
        return -1;
    }
    return vms->hwid_of_index[cs->cpu_index];
}

/* The QIC of hardware CPU @id and its quad-local index @j, or NULL. */
static VoyagerQICState *voyager_qic_of(VoyagerMachineState *vms, int id,
                                       int *j)
{
    int slot;

    if (id < 0 || id >= VOYAGER_MAX_CPUS || !vms->cfg.slots) {
        return NULL;
    }
    slot = id % vms->cfg.slots;
    *j = id / vms->cfg.slots;
    if (slot >= VOYAGER_MAX_SLOTS || *j >= VOYAGER_QIC_CPUS) {
        return NULL;
    }
    return vms->qic[slot];
}

static bool voyager_has_vic_line(VoyagerMachineState *vms, int id)
{
    return id >= 0 && id < VOYAGER_VIC_CPUS &&
           (vms->vic->vic_cpus & (1u << id));
}

/*
 * Interrupt acknowledge cycle of hardware CPU @id: a quad CPU asks its
 * QIC first, then (the extended CPU) its VIC dyad.  Always a vector.
 * @qic_cpi: the QIC CPI delivered, or -1; @from_vic: the VIC answered.
 */
static int voyager_intack(VoyagerMachineState *vms, int id, int *qic_cpi,
                          bool *from_vic)
{
    VoyagerQICState *qic;
    int j, vec;

    *qic_cpi = -1;
    *from_vic = false;
    qic = voyager_qic_of(vms, id, &j);
    if (qic) {
        vec = voyager_qic_intack(qic, j, qic_cpi);
        if (vec >= 0) {
            return vec;
        }
        if (!voyager_has_vic_line(vms, id)) {
            return voyager_qic_spurious(qic, j);
        }
    }
    *from_vic = true;
    return voyager_vic_intack(vms->vic, id < 0 ? VOYAGER_VIC_CPUS : id);
}

/* ---- configuration ---------------------------------------------------- */

static bool voyager_parse_class(const char *str, uint16_t *cls, Error **errp)
{
    uint64_t v;

    if (qemu_strtou64(str, NULL, 16, &v) || v > 0xffff) {
        error_setg(errp, "class: '%s' is not a 16-bit hex model class "
                   "(e.g. 0x3450)", str);
        return false;
    }
    *cls = v;
    return true;
}

/* Default CPU model per class (hardware reference 1.3). */
static const char *voyager_class_cpu(uint16_t cls)
{
    if (cls >= 0x4100) {
        return X86_CPU_TYPE_NAME("pentium2");   /* 4100, 51xx: P6 class */
    }
    if (cls >= 0x3450) {
        return X86_CPU_TYPE_NAME("pentium");    /* 345x, 35xx */
    }
    return X86_CPU_TYPE_NAME("486");            /* 3360, 3430, 3435 */
}

static bool voyager_check_dead_cpu(VoyagerMachineState *vms, uint8_t id,
                                   Error **errp)
{
    if (id != VOYAGER_NONE &&
        (id >= VOYAGER_MAX_CPUS ||
         !(voyager_present_cpus(&vms->cfg) & (1u << id)) ||
         id == vms->boot_cpu)) {
        error_setg(errp, "fault-dead-cpu: %u is not a present secondary CPU",
                   id);
        return false;
    }
    return true;
}

static bool voyager_check_stuck_irq(uint8_t irq, Error **errp)
{
    if (irq != VOYAGER_NONE && (irq >= VOYAGER_VIC_ISA_IRQS || irq == 2)) {
        error_setg(errp, "fault-stuck-irq: %u is not an ISA IRQ (0-15, "
                   "not the cascade 2)", irq);
        return false;
    }
    return true;
}

static bool voyager_configure(VoyagerMachineState *vms, MachineState *ms,
                              Error **errp)
{
    VoyagerConfig *cfg = &vms->cfg;
    uint8_t vic_cpus;
    uint16_t cls;
    int id;

    memset(cfg, 0, sizeof(*cfg));
    cfg->level = vms->level;
    cfg->slots = vms->slots;
    if (vms->model_class_str) {
        if (!voyager_parse_class(vms->model_class_str, &cls, errp)) {
            return false;
        }
    } else {
        cls = vms->level == 4 ? 0x3360 : 0x3450;
    }
    cfg->model_class = cls;
    if (!voyager_config_parse_cards(cfg, vms->cards ? vms->cards : "dyad",
                                    errp) ||
        !voyager_config_check(cfg, errp)) {
        return false;
    }
    if (cfg->level == 5 && cls < 0x3435) {
        error_setg(errp, "class: 0x%04x is not a Level 5 class (Level 5 is "
                   "0x3435 and up; property 'level')", cls);
        return false;
    }
    if (cfg->level == 4 && cls >= 0x3435) {
        error_setg(errp, "class: 0x%04x is a Level 5 class, not Level 4 "
                   "(e.g. 0x3360; property 'level')", cls);
        return false;
    }
    vms->ncpus = voyager_cpu_count(cfg);
    if (vms->ncpus > VOYAGER_MAX_CPUS) {
        error_setg(errp, "cards: %d CPUs, a Voyager has at most %d",
                   vms->ncpus, VOYAGER_MAX_CPUS);
        return false;
    }
    vic_cpus = voyager_vic_cpus(cfg);
    if (vms->boot_cpu == VOYAGER_NONE) {
        vms->boot_cpu = ctz32(vic_cpus);
    } else if (vms->boot_cpu >= VOYAGER_MAX_VIC_CPUS ||
               !(vic_cpus & (1u << vms->boot_cpu))) {
        error_setg(errp, "boot-cpu: %u is not a present VIC CPU (VIC CPUs "
                   "of cards=%s: mask 0x%02x)", vms->boot_cpu,
                   vms->cards ? vms->cards : "dyad", vic_cpus);
        return false;
    }
    /* smp.dies == 0: no -smp (see voyager_cards_define_smp()). */
    if (ms->smp.dies &&
        (ms->smp.cpus != vms->ncpus || ms->smp.max_cpus != vms->ncpus)) {
        error_setg(errp, "smp: -smp %u (maxcpus %u) does not match the "
                   "%d CPUs of cards=%s; leave -smp out, the cards "
                   "define it", ms->smp.cpus, ms->smp.max_cpus,
                   vms->ncpus, vms->cards ? vms->cards : "dyad");
        return false;
    }
    ms->smp.cpus = ms->smp.max_cpus = ms->smp.sockets = vms->ncpus;
    ms->smp.dies = ms->smp.clusters = ms->smp.cores = ms->smp.threads = 1;
    if (!voyager_check_dead_cpu(vms, vms->fault_dead_cpu, errp) ||
        !voyager_check_stuck_irq(vms->fault_stuck_irq, errp)) {
        return false;
    }
    for (id = 0; id < VOYAGER_MAX_CPUS; id++) {
        vms->parked[id] = false;
    }
    voyager_map_cpus(vms);
    return true;
}

/* ---- secondary CPU start ---------------------------------------------- */

static void voyager_start_cpu(CPUState *cs, run_on_cpu_data data)
{
    VoyagerMachineState *vms = VOYAGER_MACHINE(qdev_get_machine());
    CPUX86State *env = &X86_CPU(cs)->env;
    uint32_t gate = data.host_int;
    uint16_t seg = gate >> 16, off = gate & 0xffff;
    int id = voyager_hwid(vms, cs);

    cpu_reset(cs);
    cpu_x86_load_seg_cache(env, R_CS, seg, (uint32_t)seg << 4,
                           env->segs[R_CS].limit, env->segs[R_CS].flags);
    env->eip = off;
    cs->halted = 0;
    /* Anything still presented (cpu_reset dropped the request). */
    if (id >= 0 && id < VOYAGER_MAX_CPUS &&
        (vms->intr_level & (1u << id))) {
        cpu_interrupt(cs, CPU_INTERRUPT_HARD);
    }
}

/*
 * The firmware's park loop, one step: a parked CPU whose INTR is asserted
 * takes the interrupt.  The boot CPI enters the IVT gate of its vector
 * with the interrupt still in service (hardware reference 6.1, 12): on
 * the VIC CPI level 0 (vector base + 0, or base + 8 for the erratum), on
 * a quad CPU also QIC CPI 0 (the QIC CPI base + 0, the "one-two" boot of
 * 5.1, 6.2).  The firmware acknowledges and drops anything else.
 *
 * Real firmware polls; so does this model, at most one acknowledge per
 * parked CPU every VOYAGER_PARK_STEP_NS of virtual time, so that a line
 * held high towards a parked CPU (a misprogrammed dyad, a stuck IRQ)
 * costs a bounded amount of work instead of spinning the main loop
 * (qemu-review D3).  Returns whether some parked CPU still asks.
 */
#define VOYAGER_PARK_STEP_NS (100 * SCALE_US)

static bool voyager_park_step(VoyagerMachineState *vms)
{
    VoyagerVICState *vic = vms->vic;
    bool pending = false;
    int idx;

    for (idx = 1; idx < vms->ncpus && idx < VOYAGER_MAX_CPUS; idx++) {
        int id = vms->hwid_of_index[idx];
        CPUState *cs = qemu_get_cpu(idx);
        uint8_t base = vic->cpi_base;
        VoyagerQICState *qic;
        bool from_vic, boot;
        uint32_t gate;
        int vec, cpi, j;

        if (!cs || id < 0 || !vms->parked[idx] ||
            id == vms->fault_dead_cpu || !(vms->intr_level & (1u << id))) {
            continue;
        }
        vec = voyager_intack(vms, id, &cpi, &from_vic);
        vms->park_acks++;
        /*
         * A CPU on a quad2 card's second VIC line is started by its QIC
         * only (reference §5.2): its firmware drops a VIC boot CPI.
         */
        boot = from_vic ? (vec == base || vec == ((base + 8) & 0xff)) &&
                          !voyager_cpu_on_second_line(&vms->cfg, id)
                        : cpi == 0;
        trace_voyager_park_ack(id, vec, from_vic, boot);
        if (!boot) {
            if (from_vic) {
                voyager_vic_nonspecific_eoi(vic, id);
            } else {
                qic = voyager_qic_of(vms, id, &j);
                if (qic) {
                    voyager_qic_firmware_ack(qic, j, cpi);
                }
            }
            pending |= !!(vms->intr_level & (1u << id));
            continue;
        }
        if (address_space_read(&address_space_memory, vec * 4,
                               MEMTXATTRS_UNSPECIFIED, &gate, 4)
            != MEMTX_OK) {
            gate = 0;
        }
        gate = le32_to_cpu(gate);
        vms->parked[idx] = false;
        trace_voyager_cpu_start(id, idx, gate >> 16, gate & 0xffff);
        async_run_on_cpu(cs, voyager_start_cpu, RUN_ON_CPU_HOST_INT(gate));
    }
    return pending;
}

static void voyager_park_kick(VoyagerMachineState *vms)
{
    if (!timer_pending(vms->park_timer)) {
        timer_mod(vms->park_timer, qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL) +
                  VOYAGER_PARK_STEP_NS);
    }
}

static void voyager_park_timer(void *opaque)
{
    VoyagerMachineState *vms = opaque;

    if (voyager_park_step(vms)) {
        voyager_park_kick(vms);
    }
}

/*
 * INTR of hardware CPU @n: the VIC output of a VIC CPU that is not on a
 * quad card, the QIC output of a quad CPU (which merges the VIC output of
 * the card's extended CPU).
 */
static void voyager_intr(void *opaque, int n, int level)
{
    VoyagerMachineState *vms = opaque;
    CPUState *cs = voyager_cpu_by_hwid(vms, n);

    if (!cs) {
        return;
    }
    if (level) {
        vms->intr_level |= 1u << n;
    } else {
        vms->intr_level &= ~(1u << n);
    }
    trace_voyager_intr(n, level, vms->parked[cs->cpu_index]);
    if (n == vms->fault_dead_cpu) {
        /* A CPU that stopped answering takes no interrupt at all. */
        cpu_reset_interrupt(cs, CPU_INTERRUPT_HARD);
        return;
    }
    if (vms->parked[cs->cpu_index]) {
        if (level) {
            voyager_park_kick(vms);
        }
        return;
    }
    if (level) {
        cpu_interrupt(cs, CPU_INTERRUPT_HARD);
    } else {
        cpu_reset_interrupt(cs, CPU_INTERRUPT_HARD);
    }
}

/*
 * The interrupt acknowledge of a started CPU (the X86_INTACK interface:
 * every CPU of the machine links to it).  Runs under the BQL.
 */
static int voyager_get_pic_interrupt(X86Intack *obj, CPUState *cs)
{
    VoyagerMachineState *vms = VOYAGER_MACHINE(obj);
    int id = voyager_hwid(vms, cs);
    bool from_vic;
    int cpi;
    int vec;

    assert(bql_locked());

    /* Always a vector: never fall back to the (absent) i8259. */
    vec = voyager_intack(vms, id, &cpi, &from_vic);
    trace_voyager_inta(id, vec, from_vic, cpi);
    /*
     * The CPU dropped its request when it began the acknowledge.  If its
     * INTR is still high -- a quad CPU's QIC and VIC requests share one
     * line, so acknowledging one leaves the line unchanged while the
     * other waits -- no edge will come to ask again: ask now.
     */
    if (id >= 0 && id < VOYAGER_MAX_CPUS && (vms->intr_level & (1u << id))) {
        cpu_interrupt(cs, CPU_INTERRUPT_HARD);
    }
    return vec;
}

/* ---- the QICs ---------------------------------------------------------- */

/* The QIC the current access reaches: that of the accessing CPU's card. */
static VoyagerQICState *voyager_qic_accessor(VoyagerMachineState *vms,
                                             int *id, int *j)
{
    *id = current_cpu ? voyager_hwid(vms, current_cpu) : vms->boot_cpu;
    return voyager_qic_of(vms, *id, j);
}

static uint64_t voyager_qic_io_read(void *opaque, hwaddr addr, unsigned size)
{
    VoyagerMachineState *vms = opaque;
    VoyagerQICState *qic;
    int id, j;

    qic = voyager_qic_accessor(vms, &id, &j);
    if (!qic) {
        qemu_log_mask(LOG_GUEST_ERROR, "voyager: read of QIC port 0x%x by "
                      "CPU %d, which is not on a quad card\n",
                      (unsigned)(VOYAGER_QIC_REG_BASE + addr), id);
        return 0xff;
    }
    return voyager_qic_port_read(qic, j, addr);
}

static void voyager_qic_io_write(void *opaque, hwaddr addr, uint64_t val,
                                 unsigned size)
{
    VoyagerMachineState *vms = opaque;
    VoyagerQICState *qic;
    int id, j;

    qic = voyager_qic_accessor(vms, &id, &j);
    if (!qic) {
        qemu_log_mask(LOG_GUEST_ERROR, "voyager: write of QIC port 0x%x by "
                      "CPU %d, which is not on a quad card\n",
                      (unsigned)(VOYAGER_QIC_REG_BASE + addr), id);
        return;
    }
    voyager_qic_port_write(qic, j, addr, val);
}

static const MemoryRegionOps voyager_qic_io_ops = {
    .read = voyager_qic_io_read,
    .write = voyager_qic_io_write,
    .impl.min_access_size = 1,
    .impl.max_access_size = 1,
    .endianness = DEVICE_LITTLE_ENDIAN,
};

/* The hardware id of each QEMU CPU index, for a "cpu-ids" property. */
static QList *voyager_cpu_id_list(VoyagerMachineState *vms)
{
    QList *ids = qlist_new();
    int i;

    for (i = 0; i < vms->ncpus; i++) {
        qlist_append_int(ids, vms->hwid_of_index[i]);
    }
    return ids;
}

/*
 * One QIC per quad card: CPI area at the address the card's QABC
 * reports, INTR of the four CPUs to the machine; the registers FC70h-
 * FCFFh (claimed only when there is a quad card) reach the QIC of the
 * accessing CPU.  @vic_out: where the VIC output of an extended CPU
 * goes (into its QIC, which merges it).
 */
static void voyager_create_qics(VoyagerMachineState *vms,
                                qemu_irq vic_out[VOYAGER_VIC_CPUS])
{
    bool any = false;
    int slot, j;

    for (slot = 0; slot < vms->cfg.slots && slot < VOYAGER_MAX_SLOTS;
         slot++) {
        g_autofree char *name = NULL;
        DeviceState *dev;

        if (vms->cfg.card[slot] != VOYAGER_CARD_QUAD) {
            continue;
        }
        dev = qdev_new(TYPE_VOYAGER_QIC);
        name = g_strdup_printf("qic%d", slot);
        qdev_prop_set_uint8(dev, "slot", slot);
        qdev_prop_set_uint8(dev, "slots", vms->cfg.slots);
        /* Which CPU makes an access: the read-triggered CPIs need it. */
        qdev_prop_set_array(dev, "cpu-ids", voyager_cpu_id_list(vms));
        object_property_add_child(OBJECT(vms), name, OBJECT(dev));
        sysbus_realize_and_unref(SYS_BUS_DEVICE(dev), &error_fatal);
        sysbus_mmio_map(SYS_BUS_DEVICE(dev), 0, VOYAGER_QIC_CPI_BASE +
                        slot * VOYAGER_QIC_CPI_STRIDE);
        vms->qic[slot] = VOYAGER_QIC(dev);
        for (j = 0; j < VOYAGER_QIC_CPUS; j++) {
            int id = voyager_cpu_id(&vms->cfg, slot, j);

            qdev_connect_gpio_out(dev, j,
                                  qemu_allocate_irq(voyager_intr, vms, id));
            if (voyager_has_vic_line(vms, id)) {
                vic_out[id] = qdev_get_gpio_in_named(dev,
                                                     VOYAGER_QIC_VIC_INTR, j);
            }
        }
        any = true;
    }
    if (any) {
        memory_region_init_io(&vms->qic_io, OBJECT(vms), &voyager_qic_io_ops,
                              vms, "voyager-qic", VOYAGER_QIC_REG_SIZE);
        memory_region_add_subregion(get_system_io(), VOYAGER_QIC_REG_BASE,
                                    &vms->qic_io);
    }
}

/* SYS_INT and CMN_INT are broadcast: the VIC and every QIC. */
static void voyager_broadcast(VoyagerMachineState *vms, int vic_in,
                              int qic_in, int level)
{
    int slot;

    qemu_set_irq(qdev_get_gpio_in(DEVICE(vms->vic), vic_in), level);
    for (slot = 0; slot < VOYAGER_MAX_SLOTS; slot++) {
        if (vms->qic[slot]) {
            qemu_set_irq(qdev_get_gpio_in(DEVICE(vms->qic[slot]), qic_in),
                         level);
        }
    }
}

/* CMN_INT: the PSI's events. */
static void voyager_cmn_int(void *opaque, int n, int level)
{
    voyager_broadcast(opaque, VOYAGER_VIC_CMN_INT, VOYAGER_QIC_CMN_INT, level);
}

/*
 * SYS_INT: the baseboard's system-error line (a bus or parity error on a
 * real box, reference 7.8).  No modelled device has such an error, so
 * only fault-sys-int drives it, held until it is cleared again; that the
 * real baseboard takes the machine down when a SYS_INT goes unacknowledged
 * is not modelled.
 */
static void voyager_sys_int(VoyagerMachineState *vms, bool level)
{
    voyager_broadcast(vms, VOYAGER_VIC_SYS_INT, VOYAGER_QIC_SYS_INT, level);
}

static void voyager_machine_reset(MachineState *ms, ResetType type)
{
    VoyagerMachineState *vms = VOYAGER_MACHINE(ms);
    CPUState *cs;

    qemu_devices_reset(type);
    CPU_FOREACH(cs) {
        x86_cpu_after_reset(X86_CPU(cs));
        /*
         * Every CPU but the boot CPU (cpu_index 0) was created powered off
         * and waits in firmware for its boot CPI.
         */
        if (cs->cpu_index > 0 && cs->cpu_index < VOYAGER_MAX_CPUS) {
            vms->parked[cs->cpu_index] = true;
        } else {
            vms->parked[0] = false;
        }
    }
}

/*
 * There is no ACPI and so no S3 on this board; should a wakeup ever come,
 * it must park the secondary CPUs again like any reset.
 */
static void voyager_machine_wakeup(MachineState *ms)
{
    cpu_synchronize_all_states();
    voyager_machine_reset(ms, RESET_TYPE_WAKEUP);
    cpu_synchronize_all_post_reset();
}

/*
 * What the board itself holds between the devices and the CPUs: which
 * CPUs still wait in firmware, the INTR lines it has seen (the VIC's and
 * QICs' outputs are not re-sent on load), and the firmware's pacing
 * timer.  Without it a restored SMP guest would take its next CPI on a
 * running CPU as a boot CPI (qemu-review D1).
 */
static bool voyager_board_post_load_check(void *opaque, int version_id,
                                          Error **errp)
{
    VoyagerMachineState *vms = opaque;

    if (vms->parked[0] && vms->ncpus > 0) {
        error_setg(errp, "voyager: the boot CPU cannot be parked");
        return false;
    }
    return true;
}

/*
 * fault-sys-int as set at run time (the VIC's and QICs' inputs carry the
 * line itself), so that clearing it on the destination is what it was.
 */
static bool voyager_sys_int_needed(void *opaque)
{
    VoyagerMachineState *vms = opaque;

    return vms->fault_sys_int;
}

static const VMStateDescription vmstate_voyager_board_sys_int = {
    .name = "voyager-board/sys-int",
    .version_id = 1,
    .minimum_version_id = 1,
    .needed = voyager_sys_int_needed,
    .fields = (const VMStateField[]) {
        VMSTATE_BOOL(fault_sys_int, VoyagerMachineState),
        VMSTATE_END_OF_LIST()
    }
};

static const VMStateDescription vmstate_voyager_board = {
    .name = "voyager-board",
    .version_id = 1,
    .minimum_version_id = 1,
    .post_load_errp = voyager_board_post_load_check,
    .fields = (const VMStateField[]) {
        VMSTATE_BOOL_ARRAY(parked, VoyagerMachineState, VOYAGER_MAX_CPUS),
        VMSTATE_UINT32(intr_level, VoyagerMachineState),
        VMSTATE_UINT32(park_acks, VoyagerMachineState),
        VMSTATE_TIMER_PTR(park_timer, VoyagerMachineState),
        VMSTATE_END_OF_LIST()
    },
    .subsections = (const VMStateDescription * const []) {
        &vmstate_voyager_board_sys_int,
        NULL
    }
};

/* ---- port 61h: speaker control plus the MCA IRQ0 latch reset --------- */

static uint64_t voyager_port61_read(void *opaque, hwaddr addr, unsigned size)
{
    VoyagerMachineState *vms = opaque;
    uint64_t val = 0xff;

    if (vms->speaker_io) {
        memory_region_dispatch_read(vms->speaker_io, vms->speaker_offset,
                                    &val, MO_8, MEMTXATTRS_UNSPECIFIED);
    }
    return val & 0xff;
}

static void voyager_port61_write(void *opaque, hwaddr addr, uint64_t val,
                                 unsigned size)
{
    VoyagerMachineState *vms = opaque;

    trace_voyager_port61_write(val);
    voyager_vic_port61_write(vms->vic, val);
    if (vms->speaker_io) {
        memory_region_dispatch_write(vms->speaker_io, vms->speaker_offset,
                                     val & 0xff, MO_8,
                                     MEMTXATTRS_UNSPECIFIED);
    }
}

static const MemoryRegionOps voyager_port61_ops = {
    .read = voyager_port61_read,
    .write = voyager_port61_write,
    .impl.min_access_size = 1,
    .impl.max_access_size = 1,
    .endianness = DEVICE_LITTLE_ENDIAN,
};

static void voyager_port61_init(VoyagerMachineState *vms)
{
    MemoryRegionSection sec = memory_region_find(get_system_io(), 0x61, 1);

    /* The speaker's port stays behind ours (the reference keeps ref). */
    vms->speaker_io = sec.mr;
    vms->speaker_offset = sec.offset_within_region;
    memory_region_init_io(&vms->port61, OBJECT(vms), &voyager_port61_ops,
                          vms, "voyager-port61", 1);
    memory_region_add_subregion_overlap(get_system_io(), 0x61, &vms->port61,
                                        1);
}

/* ---- int 15h option ROM ----------------------------------------------- */

static void voyager_load_rom(VoyagerMachineState *vms)
{
    X86MachineState *x86ms = X86_MACHINE(vms);
    g_autofree char *path = qemu_find_file(QEMU_FILE_TYPE_BIOS,
                                           VOYAGER_ROM_FILE);
    g_autoptr(GError) gerr = NULL;
    const char *fault = vms->fault_bios_table ?: "off";
    uint16_t cls = !strcmp(fault, "on") ? VOYAGER_CORRUPT_CLASS
                   : !strcmp(fault, "level3") ? VOYAGER_LEVEL3_CLASS
                   : vms->cfg.model_class;
    size_t siglen = strlen(VOYAGER_ROM_SIGNATURE);
    gchar *data;
    gsize len, i;
    uint8_t *table = NULL, sum = 0;

    if (!path || !g_file_get_contents(path, &data, &len, &gerr)) {
        if (qtest_enabled()) {
            /* qtests that never run firmware may lack the blobs */
            return;
        }
        error_report("voyager: cannot load the option ROM %s%s%s",
                     VOYAGER_ROM_FILE, gerr ? ": " : "",
                     gerr ? gerr->message : "");
        exit(1);
    }
    for (i = 0; len >= 512 && i + siglen + VOYAGER_TABLE_LEN < len; i++) {
        if (!memcmp(data + i, VOYAGER_ROM_SIGNATURE, siglen)) {
            table = (uint8_t *)data + i + siglen;
            break;
        }
    }
    if (!table) {
        error_report("voyager: %s has no configuration table", path);
        exit(1);
    }
    /* length: anything but FFh, which fault-bios-table=absent puts */
    table[0] = !strcmp(fault, "absent") ? VOYAGER_TABLE_ABSENT
                                        : VOYAGER_TABLE_LEN;
    table[1] = 1;                   /* major revision */
    table[2] = 0;                   /* minor revision */
    table[3] = 0;                   /* debug */
    table[4] = 1;                   /* number of classes */
    table[5] = cls >> 8;
    table[6] = cls & 0xff;
    /* The last byte is the checksum byte (scripts/signrom.py). */
    data[len - 1] = 0;
    for (i = 0; i < len; i++) {
        sum += (uint8_t)data[i];
    }
    data[len - 1] = -sum;
    fw_cfg_add_file(x86ms->fw_cfg, "genroms/" VOYAGER_ROM_FILE, data, len);
}

/* ---- the system devices of the CAT/SUS helper ------------------------- */

/*
 * The Voyager system devices: the CAT bus with the PSI (its PSI events
 * raise CMN_INT at the VIC; it handles the power switch and the guest
 * power-off itself) and the SUS (extended CMOS, mailbox, ClickMap).  Both
 * describe the same cards and RAM as the machine.
 */
static void voyager_create_system_devices(VoyagerMachineState *vms,
                                          ISABus *isa_bus)
{
    MachineState *ms = MACHINE(vms);
    /* "quad2" included: the CAT's QABC reports the second VIC line. */
    g_autofree char *cards = voyager_config_cards_string(&vms->cfg);
    ISADevice *cat, *sus;

    cat = isa_new(TYPE_VOYAGER_CAT);
    qdev_prop_set_uint8(DEVICE(cat), "level", vms->cfg.level);
    qdev_prop_set_uint8(DEVICE(cat), "slots", vms->cfg.slots);
    qdev_prop_set_string(DEVICE(cat), "cards", cards);
    qdev_prop_set_uint16(DEVICE(cat), "class", vms->cfg.model_class);
    qdev_prop_set_uint8(DEVICE(cat), "fault-module", vms->fault_cat_module);
    qdev_prop_set_uint64(DEVICE(cat), "ram-size", ms->ram_size);
    object_property_add_child(OBJECT(vms), "cat", OBJECT(cat));
    isa_realize_and_unref(cat, isa_bus, &error_fatal);
    qdev_connect_gpio_out(DEVICE(cat), 0,
                          qemu_allocate_irq(voyager_cmn_int, vms, 0));

    sus = isa_new(TYPE_VOYAGER_SUS);
    qdev_prop_set_uint8(DEVICE(sus), "level", vms->cfg.level);
    qdev_prop_set_uint8(DEVICE(sus), "slots", vms->cfg.slots);
    qdev_prop_set_string(DEVICE(sus), "cards", cards);
    qdev_prop_set_uint64(DEVICE(sus), "ram-size", ms->ram_size);
    object_property_add_child(OBJECT(vms), "sus", OBJECT(sus));
    isa_realize_and_unref(sus, isa_bus, &error_fatal);
    object_property_set_bool(OBJECT(sus), "fault-clickmap",
                             vms->fault_clickmap, &error_fatal);

    vms->cat = DEVICE(cat);
    vms->sus = DEVICE(sus);
}

/* The dump switch also latches its status in the CAT and the SUS. */
static void voyager_system_devices_dump(VoyagerMachineState *vms)
{
    voyager_cat_dump_switch(vms->cat);
    voyager_sus_dump_request(vms->sus);
}

static void voyager_system_devices_info(VoyagerMachineState *vms,
                                        GString *buf)
{
    voyager_cat_print_info(vms->cat, buf);
}

/* ---- dump switch (monitor `nmi`) ----------------------------------- */

static void voyager_nmi(NMIState *n, int cpu_index, Error **errp)
{
    VoyagerMachineState *vms = VOYAGER_MACHINE(n);
    CPUState *cs;

    voyager_system_devices_dump(vms);
    /* The front-panel dump switch: broadcast NMI to every started CPU. */
    CPU_FOREACH(cs) {
        if (cs->cpu_index >= 0 && cs->cpu_index < VOYAGER_MAX_CPUS &&
            !vms->parked[cs->cpu_index]) {
            trace_voyager_nmi(voyager_hwid(vms, cs));
            cpu_interrupt(cs, CPU_INTERRUPT_NMI);
        }
    }
}

/* ---- info voyager ------------------------------------------------------ */

static void voyager_info_config(VoyagerMachineState *vms, GString *buf)
{
    int slot, idx;

    g_string_append_printf(buf, "NCR Voyager: Level %u, class 0x%04x%s, "
                           "%u slots, %d CPUs, boot CPU %u\n",
                           vms->cfg.level, vms->cfg.model_class,
                           vms->fault_bios_table &&
                           strcmp(vms->fault_bios_table, "off")
                           ? " (BIOS table corrupt)" : "",
                           vms->cfg.slots, vms->ncpus, vms->boot_cpu);
    g_string_append(buf, "  cards:");
    for (slot = 0; slot < vms->cfg.slots; slot++) {
        g_string_append_printf(buf, " %d:%s%s", slot,
                               voyager_card_name(vms->cfg.card[slot]),
                               vms->cfg.second_line & (1u << slot)
                               ? " (second VIC line)" : "");
    }
    g_string_append(buf, "\n  CPUs (cpu_index=hardware id):");
    for (idx = 0; idx < vms->ncpus; idx++) {
        g_string_append_printf(buf, " %d=%d%s", idx, vms->hwid_of_index[idx],
                               vms->parked[idx] ? "(parked)" : "");
    }
    g_string_append(buf, "\n");
    if (vms->fault_dead_cpu != VOYAGER_NONE) {
        g_string_append_printf(buf, "  fault: CPU %u never starts\n",
                               vms->fault_dead_cpu);
    }
}

static void voyager_info(VoyagerMachineState *vms, GString *buf)
{
    int slot;

    voyager_info_config(vms, buf);
    voyager_vic_print_info(vms->vic, buf);
    for (slot = 0; slot < VOYAGER_MAX_SLOTS; slot++) {
        if (vms->qic[slot]) {
            voyager_qic_print_info(vms->qic[slot], buf);
        }
    }
    voyager_system_devices_info(vms, buf);
}

/* One CPU as data: x-query-voyager-cpus and `info voyager cpu=N`. */
static VoyagerCpuInfo *voyager_cpu_info(VoyagerMachineState *vms, int idx)
{
    VoyagerCpuInfo *info = g_new0(VoyagerCpuInfo, 1);
    int id = vms->hwid_of_index[idx];
    int slot = voyager_cpu_slot(&vms->cfg, id);
    VoyagerQICState *qic;
    int j, irq;

    info->hwid = id;
    info->cpu_index = idx;
    info->slot = slot;
    info->card = g_strdup(voyager_card_name(vms->cfg.card[slot]));
    info->parked = vms->parked[idx];
    info->dead = id == vms->fault_dead_cpu;
    info->intr = !!(vms->intr_level & (1u << id));
    if (voyager_has_vic_line(vms, id)) {
        VoyagerVICCpu *c = &vms->vic->cpu[id];
        VoyagerVicCpuState *v = g_new0(VoyagerVicCpuState, 1);

        v->imr = c->pic[0].imr | c->pic[1].imr << 8;
        v->isr = c->pic[0].isr | c->pic[1].isr << 8;
        v->cpi_pending = c->cpi_latch;
        for (irq = 0; irq < VOYAGER_VIC_ISA_IRQS; irq++) {
            v->routed |= (vms->vic->route[irq] == id) << irq;
            v->owned |= (vms->vic->owner[irq] == id) << irq;
        }
        info->vic = v;
    }
    qic = voyager_qic_of(vms, id, &j);
    if (qic) {
        VoyagerQicCpuState *q = g_new0(VoyagerQicCpuState, 1);

        q->mask = qic->cpu[j].mask0;
        q->cpi_mask = qic->cpu[j].mask1;
        q->cpi_pending = qic->cpu[j].pending1;
        q->cpi_in_service = qic->cpu[j].isr1;
        info->qic = q;
    }
    return info;
}

static void voyager_info_cpu(VoyagerMachineState *vms, int id, GString *buf)
{
    g_autoptr(VoyagerCpuInfo) info =
        voyager_cpu_info(vms, vms->index_of_hwid[id]);

    g_string_append_printf(buf, "CPU %" PRId64 " (cpu_index %" PRId64
                           "): slot %" PRId64 ", %s card%s%s, INTR %s\n",
                           info->hwid, info->cpu_index, info->slot,
                           info->card, info->parked ? ", parked" : "",
                           info->dead ? ", dead (fault)" : "",
                           info->intr ? "high" : "low");
    if (info->vic) {
        g_string_append_printf(buf, "  VIC: IMR %04x ISR %04x CPI latch %02x "
                               "routed %04x owned %04x\n",
                               info->vic->imr, info->vic->isr,
                               info->vic->cpi_pending, info->vic->routed,
                               info->vic->owned);
    }
    if (info->qic) {
        g_string_append_printf(buf, "  QIC: mask %02x CPI mask %02x CPI "
                               "latch %02x in service %02x\n",
                               info->qic->mask, info->qic->cpi_mask,
                               info->qic->cpi_pending,
                               info->qic->cpi_in_service);
    }
}

static VoyagerMachineState *voyager_query_machine(Error **errp)
{
    Object *obj = object_dynamic_cast(qdev_get_machine(),
                                      TYPE_VOYAGER_MACHINE);

    if (!obj) {
        error_setg(errp, "the machine is not an NCR Voyager");
        return NULL;
    }
    return VOYAGER_MACHINE(obj);
}

HumanReadableText *qmp_x_query_voyager(const char *part, Error **errp)
{
    VoyagerMachineState *vms = voyager_query_machine(errp);
    g_autoptr(GString) buf = g_string_new("");
    int slot;
    unsigned id;

    if (!vms) {
        return NULL;
    }
    if (!part) {
        voyager_info(vms, buf);
    } else if (!strcmp(part, "config")) {
        voyager_info_config(vms, buf);
    } else if (!strcmp(part, "vic")) {
        voyager_vic_print_info(vms->vic, buf);
    } else if (!strcmp(part, "qic")) {
        for (slot = 0; slot < VOYAGER_MAX_SLOTS; slot++) {
            if (vms->qic[slot]) {
                voyager_qic_print_info(vms->qic[slot], buf);
            }
        }
        if (!buf->len) {
            g_string_append(buf, "no quad card\n");
        }
    } else if (!strcmp(part, "cat")) {
        voyager_system_devices_info(vms, buf);
    } else if (sscanf(part, "cpu=%u", &id) == 1 && id < VOYAGER_MAX_CPUS &&
               vms->index_of_hwid[id] >= 0) {
        voyager_info_cpu(vms, id, buf);
    } else {
        error_setg(errp, "part '%s': want config, vic, qic, cat or cpu=N "
                   "with N a present CPU's hardware id", part);
        return NULL;
    }
    return human_readable_text_from_str(buf);
}

VoyagerCpuInfoList *qmp_x_query_voyager_cpus(Error **errp)
{
    VoyagerMachineState *vms = voyager_query_machine(errp);
    VoyagerCpuInfoList *list = NULL, **tail = &list;
    int idx;

    if (!vms) {
        return NULL;
    }
    for (idx = 0; idx < vms->ncpus; idx++) {
        QAPI_LIST_APPEND(tail, voyager_cpu_info(vms, idx));
    }
    return list;
}

/* ---- init ------------------------------------------------------------ */

static const char *const voyager_valid_cpu_types[] = {
    X86_CPU_TYPE_NAME("486"),
    X86_CPU_TYPE_NAME("pentium"),
    X86_CPU_TYPE_NAME("pentium2"),
    X86_CPU_TYPE_NAME("pentium3"),
    NULL
};

/* Without -cpu: the CPU model of the class (hardware reference 1.3). */
static const char *voyager_default_cpu_type(const MachineState *ms)
{
    const VoyagerMachineState *vms = VOYAGER_MACHINE(ms);
    uint16_t cls = vms->level == 4 ? 0x3360 : 0x3450;

    if (vms->model_class_str &&
        !voyager_parse_class(vms->model_class_str, &cls, NULL)) {
        cls = 0x3450;
    }
    return voyager_class_cpu(cls);
}

/*
 * The CPUs, named by hardware id ("cpu-hw5": gdb's thread list shows the
 * QOM name).  Every secondary is created powered off and parked until its
 * boot CPI; every CPU's interrupt acknowledge is answered by the machine
 * (the VIC dyad or the QIC of that CPU), never by an ISA i8259.
 */
static void voyager_cpus_init(VoyagerMachineState *vms)
{
    MachineState *ms = MACHINE(vms);
    MachineClass *mc = MACHINE_GET_CLASS(ms);
    X86MachineState *x86ms = X86_MACHINE(ms);
    PCMachineClass *pcmc = PC_MACHINE_GET_CLASS(vms);
    const CPUArchIdList *possible;
    const char *cr4 = vms->cpu_cr4 ? vms->cpu_cr4 : "auto";
    const char *bsp = !vms->apicbase_bsp ? "auto" :
                      !strcmp(vms->apicbase_bsp, "all") ? "on" :
                      !strcmp(vms->apicbase_bsp, "none") ? "off" : "auto";
    bool has_cr4;
    int idx;

    /*
     * CR4 came with the Pentium and the SL-enhanced 486s (1993); the 486
     * CPU cards of the 3360/3430 era carry 486DX/DX2 parts that may
     * predate it, and the historic driver does not settle which.  auto
     * takes the stricter reading on a 486 (no CR4, so no VME or PSE
     * either, which QEMU's "486" model otherwise has); cpu-cr4=on the
     * later one.
     */
    has_cr4 = !strcmp(cr4, "on") ||
              (!strcmp(cr4, "auto") &&
               strcmp(ms->cpu_type, X86_CPU_TYPE_NAME("486")));

    x86_cpu_set_default_version(pcmc->default_cpu_version);
    x86ms->apic_id_limit = x86_cpu_apic_id_from_index(x86ms,
                                                      ms->smp.max_cpus - 1) + 1;
    possible = mc->possible_cpu_arch_ids(ms);
    for (idx = 0; idx < ms->smp.cpus; idx++) {
        g_autofree char *name = g_strdup_printf("cpu-hw%d",
                                                vms->hwid_of_index[idx]);
        Object *cpu = object_new(ms->cpu_type);

        object_property_set_uint(cpu, "apic-id", possible->cpus[idx].arch_id,
                                 &error_fatal);
        object_property_set_bool(cpu, "start-powered-off", idx > 0,
                                 &error_fatal);
        object_property_set_link(cpu, "intack", OBJECT(vms), &error_fatal);
        if (!has_cr4) {
            object_property_set_bool(cpu, "x-cr4", false, &error_fatal);
            object_property_set_bool(cpu, "vme", false, &error_fatal);
            object_property_set_bool(cpu, "pse", false, &error_fatal);
        }
        object_property_set_str(cpu, "x-apicbase-bsp", bsp, &error_fatal);
        object_property_add_child(OBJECT(ms), name, cpu);
        qdev_realize(DEVICE(cpu), NULL, &error_fatal);
        object_unref(cpu);
    }
}

/*
 * The firmware is mapped below 4 GiB with no room left for anything else
 * (qemu-review D8): on Level 5 it must end above the QIC CPI areas and
 * the SUS, which would otherwise hide part of it.  Level 4 has neither.
 */
static bool voyager_check_firmware_size(VoyagerMachineState *vms,
                                        X86MachineState *x86ms, Error **errp)
{
    uint64_t size = memory_region_size(&x86ms->bios);
    uint64_t top = VOYAGER_SUS_BASE + VOYAGER_SUS_SIZE;

    assert(VOYAGER_QIC_CPI_BASE + 8 * VOYAGER_QIC_CPI_STRIDE <= top);
    if (vms->cfg.level == 5 && 4 * GiB - size < top) {
        error_setg(errp, "firmware: %" PRIu64 " KiB reaches down to 0x%"
                   PRIx64 ", over the QIC CPI areas and SUS at 0x%x-0x%"
                   PRIx64 "; a Level 5 firmware may have at most %" PRIu64
                   " KiB", size / KiB, 4 * GiB - size, VOYAGER_QIC_CPI_BASE,
                   top - 1, (4 * GiB - top) / (64 * KiB) * 64);
        return false;
    }
    return true;
}

static void voyager_machine_init(MachineState *ms)
{
    VoyagerMachineState *vms = VOYAGER_MACHINE(ms);
    PCMachineState *pcms = PC_MACHINE(ms);
    X86MachineState *x86ms = X86_MACHINE(ms);
    MemoryRegion *system_memory = get_system_memory();
    ISABus *isa_bus;
    DeviceState *vic;
    qemu_irq vic_out[VOYAGER_VIC_CPUS];
    uint32_t present, quad = 0, irq;
    int i, id;

    /*
     * The machine answers each CPU's interrupt acknowledge and starts the
     * secondaries itself, on the vCPU and main-loop threads of TCG; an
     * accelerator with an in-kernel or hardware interrupt path bypasses
     * both.
     */
    if (!tcg_enabled() && !qtest_enabled()) {
        error_report("voyager: the machine runs under TCG only "
                     "(-accel tcg)");
        exit(1);
    }
    if (x86ms->pic == ON_OFF_AUTO_ON) {
        error_report("voyager: pic=on: the VIC replaces the PC's i8259 "
                     "pair; leave the property out");
        exit(1);
    }
    if (!voyager_configure(vms, ms, &error_fatal)) {
        return;
    }
    if (ms->ram_size > 3 * GiB) {
        error_report("voyager: at most 3 GiB of RAM");
        exit(1);
    }
    pcms->max_ram_below_4g = 3 * GiB;
    x86ms->below_4g_mem_size = ms->ram_size;
    x86ms->above_4g_mem_size = 0;

    voyager_cpus_init(vms);
    pc_memory_init(pcms, system_memory, system_memory, 0);
    if (!voyager_check_firmware_size(vms, x86ms, &error_fatal)) {
        return;
    }

    isa_bus = isa_bus_new(NULL, system_memory, get_system_io(),
                          &error_abort);

    /* The VIC replaces the i8259 pair of the PC. */
    present = voyager_present_cpus(&vms->cfg);
    for (id = 0; id < VOYAGER_MAX_CPUS; id++) {
        if ((present & (1u << id)) && voyager_cpu_is_quad(&vms->cfg, id)) {
            quad |= 1u << id;
        }
    }
    vic = DEVICE(isa_new(TYPE_VOYAGER_VIC));
    qdev_prop_set_uint8(vic, "vic-cpus", voyager_vic_cpus(&vms->cfg));
    qdev_prop_set_uint8(vic, "boot-cpu", vms->boot_cpu);
    qdev_prop_set_uint32(vic, "quad-cpus", quad);
    qdev_prop_set_bit(vic, "eight-slot", vms->cfg.slots == 8);
    qdev_prop_set_uint8(vic, "irq0-mode",
                        !vms->irq0_ack || !strcmp(vms->irq0_ack, "auto")
                        ? VOYAGER_VIC_IRQ0_AUTO
                        : !strcmp(vms->irq0_ack, "port61")
                        ? VOYAGER_VIC_IRQ0_PORT61 : VOYAGER_VIC_IRQ0_INTA);
    qdev_prop_set_int32(vic, "stuck-irq",
                        vms->fault_stuck_irq == VOYAGER_NONE ? -1
                        : vms->fault_stuck_irq);
    qdev_prop_set_uint32(vic, "cpi-storm", vms->fault_cpi_storm);
    qdev_prop_set_array(vic, "cpu-ids", voyager_cpu_id_list(vms));
    object_property_add_child(OBJECT(ms), "vic", OBJECT(vic));
    isa_realize_and_unref(ISA_DEVICE(vic), isa_bus, &error_fatal);
    vms->vic = VOYAGER_VIC(vic);
    memset(vic_out, 0, sizeof(vic_out));
    voyager_create_qics(vms, vic_out);
    for (i = 0; i < VOYAGER_VIC_CPUS; i++) {
        qdev_connect_gpio_out(vic, i, vic_out[i] ? vic_out[i] :
                              qemu_allocate_irq(voyager_intr, vms, i));
    }
    if (vms->fault_sys_int) {
        voyager_sys_int(vms, true);
    }
    vms->park_timer = timer_new_ns(QEMU_CLOCK_VIRTUAL, voyager_park_timer,
                                   vms);
    vmstate_register_any(NULL, &vmstate_voyager_board, vms);

    x86ms->gsi = g_new0(qemu_irq, IOAPIC_NUM_PINS);
    for (i = 0; i < ISA_NUM_IRQS; i++) {
        x86ms->gsi[i] = qdev_get_gpio_in(vic, i);
    }
    isa_bus_register_input_irqs(isa_bus, x86ms->gsi);

    x86ms->rtc = isa_new(TYPE_MC146818_RTC);
    qdev_prop_set_int32(DEVICE(x86ms->rtc), "base_year", 2000);
    isa_realize_and_unref(x86ms->rtc, isa_bus, &error_fatal);
    irq = object_property_get_uint(OBJECT(x86ms->rtc), "irq", &error_fatal);
    isa_connect_gpio_out(ISA_DEVICE(x86ms->rtc), 0, irq);

    i8257_dma_init(OBJECT(ms), isa_bus, 0);
    pcms->hpet_enabled = false;
    if (tcg_enabled()) {
        x86_register_ferr_irq(x86ms->gsi[13]);
    }

    pc_vga_init(isa_bus, NULL);
    pc_basic_device_init(pcms, isa_bus, x86ms->gsi, x86ms->rtc, true, 0x4);
    voyager_port61_init(vms);

    /*
     * No IDE: a Voyager's disks sit behind NCR SCSI adapters on the Micro
     * Channel, and IRQ 14 and 15 are free for them (the D700's POS4).
     */
    voyager_create_system_devices(vms, isa_bus);
    /* The Micro Channel bus and NCR's SCSI adapter (voyager_mca.c). */
    voyager_mca_init(OBJECT(ms), x86ms->gsi, vms->cfg.level,
                     !vms->mca_scsi_off);
    voyager_load_rom(vms);
}

/* ---- properties ------------------------------------------------------ */

/* The hardware description is fixed once the machine is built. */
static bool voyager_refuse_when_built(Object *obj, const char *name,
                                      Error **errp)
{
    if (VOYAGER_MACHINE(obj)->vic) {
        error_setg(errp, "%s: cannot change while the machine runs", name);
        return true;
    }
    return false;
}

static char *voyager_get_class(Object *obj, Error **errp)
{
    VoyagerMachineState *vms = VOYAGER_MACHINE(obj);

    if (vms->model_class_str) {
        return g_strdup(vms->model_class_str);
    }
    return g_strdup(vms->level == 4 ? "0x3360" : "0x3450");
}

static void voyager_set_class(Object *obj, const char *value, Error **errp)
{
    VoyagerMachineState *vms = VOYAGER_MACHINE(obj);
    uint16_t cls;

    if (voyager_refuse_when_built(obj, "class", errp)) {
        return;
    }
    if (!voyager_parse_class(value, &cls, errp)) {
        return;
    }
    g_free(vms->model_class_str);
    vms->model_class_str = g_strdup(value);
}

static char *voyager_get_cards(Object *obj, Error **errp)
{
    VoyagerMachineState *vms = VOYAGER_MACHINE(obj);

    return g_strdup(vms->cards ? vms->cards : "dyad");
}

/*
 * The CPU count must be known before the accelerator starts (MTTCG sizes
 * its contexts from smp.max_cpus), i.e. before the machine init: so the
 * cards define it as soon as they are set, unless -smp was given.  The
 * smp parser always sets smp.dies >= 1; instance_init leaves it 0 as the
 * mark of "no -smp".  Contradictions are reported by voyager_configure().
 */
static void voyager_cards_define_smp(VoyagerMachineState *vms)
{
    MachineState *ms = MACHINE(vms);
    VoyagerConfig cfg = { .level = 5, .slots = VOYAGER_MAX_SLOTS };
    int n;

    if (ms->smp.dies ||
        !voyager_config_parse_cards(&cfg, vms->cards ? vms->cards : "dyad",
                                    NULL)) {
        return;
    }
    n = voyager_cpu_count(&cfg);
    if (n > 0 && n <= VOYAGER_MAX_CPUS) {
        ms->smp.cpus = ms->smp.max_cpus = ms->smp.sockets = n;
    }
}

static void voyager_set_cards(Object *obj, const char *value, Error **errp)
{
    VoyagerMachineState *vms = VOYAGER_MACHINE(obj);

    if (voyager_refuse_when_built(obj, "cards", errp)) {
        return;
    }
    g_free(vms->cards);
    vms->cards = g_strdup(value);
    voyager_cards_define_smp(vms);
}

static char *voyager_get_irq0_ack(Object *obj, Error **errp)
{
    VoyagerMachineState *vms = VOYAGER_MACHINE(obj);

    return g_strdup(vms->irq0_ack ? vms->irq0_ack : "auto");
}

static void voyager_set_irq0_ack(Object *obj, const char *value, Error **errp)
{
    VoyagerMachineState *vms = VOYAGER_MACHINE(obj);

    if (voyager_refuse_when_built(obj, "irq0-ack", errp)) {
        return;
    }
    if (strcmp(value, "auto") && strcmp(value, "port61") &&
        strcmp(value, "inta")) {
        error_setg(errp, "irq0-ack: '%s' is not auto, port61 or inta",
                   value);
        return;
    }
    g_free(vms->irq0_ack);
    vms->irq0_ack = g_strdup(value);
}

/*
 * A string property with a fixed set of values, stored as a string in
 * the machine state: the first value is the default.
 */
typedef struct VoyagerChoice {
    size_t offset;
    const char *const values[4];
} VoyagerChoice;

static const VoyagerChoice voyager_cpu_cr4_choice = {
    offsetof(VoyagerMachineState, cpu_cr4), { "auto", "on", "off" }
};
static const VoyagerChoice voyager_apicbase_bsp_choice = {
    offsetof(VoyagerMachineState, apicbase_bsp), { "boot", "all", "none" }
};
static const VoyagerChoice voyager_fault_bios_table_choice = {
    offsetof(VoyagerMachineState, fault_bios_table),
    { "off", "on", "level3", "absent" }
};

static void voyager_get_choice(Object *obj, Visitor *v, const char *name,
                               void *opaque, Error **errp)
{
    const VoyagerChoice *c = opaque;
    char **field = (char **)((uint8_t *)obj + c->offset);
    char *value = g_strdup(*field ? *field : c->values[0]);

    visit_type_str(v, name, &value, errp);
    g_free(value);
}

static void voyager_set_choice(Object *obj, Visitor *v, const char *name,
                               void *opaque, Error **errp)
{
    const VoyagerChoice *c = opaque;
    char **field = (char **)((uint8_t *)obj + c->offset);
    g_autofree char *value = NULL;
    g_autoptr(GString) all = g_string_new("");
    int i;

    if (!visit_type_str(v, name, &value, errp)) {
        return;
    }
    if (voyager_refuse_when_built(obj, name, errp)) {
        return;
    }
    for (i = 0; i < ARRAY_SIZE(c->values) && c->values[i]; i++) {
        if (!strcmp(value, c->values[i])) {
            g_free(*field);
            *field = g_strdup(value);
            return;
        }
        g_string_append_printf(all, "%s%s", i ? ", " : "", c->values[i]);
    }
    error_setg(errp, "%s: '%s' is not one of %s", name, value, all->str);
}

static void voyager_add_choice(ObjectClass *oc, const char *name,
                               const VoyagerChoice *c, const char *desc)
{
    object_class_property_add(oc, name, "str", voyager_get_choice,
                              voyager_set_choice, NULL, (void *)c);
    object_class_property_set_description(oc, name, desc);
}

/* ---- faults at run time ------------------------------------------- */

/* Once built, the machine's INTR lines are re-evaluated for CPU @id. */
static void voyager_reassert(VoyagerMachineState *vms, int id)
{
    CPUState *cs = voyager_cpu_by_hwid(vms, id);

    if (cs) {
        voyager_intr(vms, id, !!(vms->intr_level & (1u << id)));
    }
}

/*
 * Property @name of a built machine changed to what vms now holds (the
 * old value was @old): the fault-* properties take effect at once, in the
 * device that models them, so that one boot can walk several error
 * paths; the others describe the hardware and cannot change.
 */
static bool voyager_apply_u8(VoyagerMachineState *vms, const char *name,
                             uint8_t old, Error **errp)
{
    if (!strcmp(name, "fault-dead-cpu")) {
        if (!voyager_check_dead_cpu(vms, vms->fault_dead_cpu, errp)) {
            return false;
        }
        if (vms->fault_dead_cpu != VOYAGER_NONE) {
            voyager_reassert(vms, vms->fault_dead_cpu);
        }
        if (old != VOYAGER_NONE) {
            voyager_reassert(vms, old);
        }
        return true;
    }
    if (!strcmp(name, "fault-stuck-irq")) {
        return voyager_check_stuck_irq(vms->fault_stuck_irq, errp) &&
               object_property_set_int(OBJECT(vms->vic), "stuck-irq",
                                       vms->fault_stuck_irq == VOYAGER_NONE
                                       ? -1 : vms->fault_stuck_irq, errp);
    }
    if (!strcmp(name, "fault-cat-module")) {
        return object_property_set_uint(OBJECT(vms->cat), "fault-module",
                                        vms->fault_cat_module, errp);
    }
    error_setg(errp, "%s: cannot change while the machine runs", name);
    return false;
}

static void voyager_get_u8(Object *obj, Visitor *v, const char *name,
                           void *opaque, Error **errp)
{
    uint8_t *field = (uint8_t *)obj + (uintptr_t)opaque;

    visit_type_uint8(v, name, field, errp);
}

static void voyager_set_u8(Object *obj, Visitor *v, const char *name,
                           void *opaque, Error **errp)
{
    VoyagerMachineState *vms = VOYAGER_MACHINE(obj);
    uint8_t *field = (uint8_t *)obj + (uintptr_t)opaque;
    uint8_t value, old = *field;

    if (!visit_type_uint8(v, name, &value, errp)) {
        return;
    }
    *field = value;
    if (vms->vic && !voyager_apply_u8(vms, name, old, errp)) {
        *field = old;
    }
}

static void voyager_add_u8(ObjectClass *oc, const char *name, size_t offset)
{
    object_class_property_add(oc, name, "uint8", voyager_get_u8,
                              voyager_set_u8, NULL, (void *)(uintptr_t)offset);
}

static void voyager_get_park_acks(Object *obj, Visitor *v, const char *name,
                                  void *opaque, Error **errp)
{
    visit_type_uint32(v, name, &VOYAGER_MACHINE(obj)->park_acks, errp);
}

static void voyager_get_cpi_storm(Object *obj, Visitor *v, const char *name,
                                  void *opaque, Error **errp)
{
    visit_type_uint32(v, name, &VOYAGER_MACHINE(obj)->fault_cpi_storm, errp);
}

static void voyager_set_cpi_storm(Object *obj, Visitor *v, const char *name,
                                  void *opaque, Error **errp)
{
    uint32_t value;

    if (!visit_type_uint32(v, name, &value, errp)) {
        return;
    }
    if (value > 1000000) {
        error_setg(errp, "fault-cpi-storm: %u is more than 1000000", value);
        return;
    }
    if (VOYAGER_MACHINE(obj)->vic &&
        !object_property_set_uint(OBJECT(VOYAGER_MACHINE(obj)->vic),
                                  "cpi-storm", value, errp)) {
        return;
    }
    VOYAGER_MACHINE(obj)->fault_cpi_storm = value;
}

static bool voyager_get_fault_clickmap(Object *obj, Error **errp)
{
    return VOYAGER_MACHINE(obj)->fault_clickmap;
}

/* At run time: the SUS's ClickMap changes for the next boot that reads it. */
static void voyager_set_fault_clickmap(Object *obj, bool value, Error **errp)
{
    VoyagerMachineState *vms = VOYAGER_MACHINE(obj);

    /* The SUS refuses it on Level 4, which has no ClickMap. */
    if (vms->sus && !object_property_set_bool(OBJECT(vms->sus),
                                              "fault-clickmap", value, errp)) {
        return;
    }
    vms->fault_clickmap = value;
}

static bool voyager_get_fault_sys_int(Object *obj, Error **errp)
{
    return VOYAGER_MACHINE(obj)->fault_sys_int;
}

/* At once, at every VIC CPU and quad card, until it is cleared again. */
static void voyager_set_fault_sys_int(Object *obj, bool value, Error **errp)
{
    VoyagerMachineState *vms = VOYAGER_MACHINE(obj);

    vms->fault_sys_int = value;
    if (vms->vic) {
        voyager_sys_int(vms, value);
    }
}

static void voyager_machine_initfn(Object *obj)
{
    VoyagerMachineState *vms = VOYAGER_MACHINE(obj);

    vms->level = 5;
    vms->slots = 4;
    vms->boot_cpu = VOYAGER_NONE;
    vms->fault_dead_cpu = VOYAGER_NONE;
    vms->fault_stuck_irq = VOYAGER_NONE;
    vms->fault_cat_module = 0;
    MACHINE(obj)->smp.dies = 0;
    voyager_cards_define_smp(vms);
}

static void voyager_machine_finalize(Object *obj)
{
    VoyagerMachineState *vms = VOYAGER_MACHINE(obj);

    g_free(vms->model_class_str);
    g_free(vms->cards);
    g_free(vms->irq0_ack);
    g_free(vms->cpu_cr4);
    g_free(vms->apicbase_bsp);
    g_free(vms->fault_bios_table);
}

static GlobalProperty voyager_compat[] = {
    /* The CPUs have no local APIC, whatever -smp and -cpu say. */
    { TYPE_X86_CPU, "apic", "off" },
    /*
     * The Pentium models list VME, which TCG does not emulate: it would
     * be filtered out anyway, with a warning at every start.
     */
    { TYPE_X86_CPU, "vme", "off" },
};

static void voyager_machine_class_init(ObjectClass *oc, const void *data)
{
    MachineClass *mc = MACHINE_CLASS(oc);
    PCMachineClass *pcmc = PC_MACHINE_CLASS(oc);
    X86MachineClass *x86mc = X86_MACHINE_CLASS(oc);
    NMIClass *nc = NMI_CLASS(oc);
    X86IntackClass *ic = X86_INTACK_CLASS(oc);

    mc->desc = "NCR Voyager (VIC, no local APIC)";
    mc->init = voyager_machine_init;
    mc->reset = voyager_machine_reset;
    mc->wakeup = voyager_machine_wakeup;
    mc->max_cpus = VOYAGER_MAX_CPUS;
    mc->default_cpu_type = X86_CPU_TYPE_NAME("pentium");
    mc->get_default_cpu_type = voyager_default_cpu_type;
    mc->valid_cpu_types = voyager_valid_cpu_types;
    mc->option_rom_has_mr = true;
    mc->rom_file_has_mr = false;
    mc->no_parallel = 1;
    mc->block_default_type = IF_SCSI;
    /*
     * The machine's own SeaBIOS (scripts/build-seabios.sh): Debian's
     * bios.bin configuration plus a driver that gives int 13h to the
     * disks behind the NCR 53C710 MCA adapters, as the real card's ROM
     * BIOS does, so that a disk image boots without -kernel.
     */
    mc->default_machine_opts = "firmware=voyager-bios.bin";
    pcmc->pci_enabled = false;
    pcmc->has_acpi_build = false;
    pcmc->smbios_defaults = false;
    pcmc->gigabyte_align = false;
    pcmc->smbios_legacy_mode = true;
    pcmc->has_reserved_memory = false;
    x86mc->smp_without_apic = true;
    ic->intack = voyager_get_pic_interrupt;
    nc->nmi_monitor_handler = voyager_nmi;
    compat_props_add(mc->compat_props, voyager_compat,
                     G_N_ELEMENTS(voyager_compat));

    voyager_add_u8(oc, "level", offsetof(VoyagerMachineState, level));
    object_class_property_set_description(oc, "level",
        "Architecture level: 4 or 5 (default 5)");
    object_class_property_add_str(oc, "class", voyager_get_class,
                                  voyager_set_class);
    object_class_property_set_description(oc, "class",
        "16-bit model class in hex, e.g. 0x3450 (default: 0x3450 on "
        "Level 5, 0x3360 on Level 4)");
    voyager_add_u8(oc, "slots", offsetof(VoyagerMachineState, slots));
    object_class_property_set_description(oc, "slots",
        "Processor slots: 4 or 8 (default 4)");
    object_class_property_add_str(oc, "cards", voyager_get_cards,
                                  voyager_set_cards);
    object_class_property_set_description(oc, "cards",
        "Processor cards per slot, slot 0 first, colon separated: "
        "mono|dyad|quad|quad2|empty (default dyad)");
    voyager_add_u8(oc, "boot-cpu", offsetof(VoyagerMachineState, boot_cpu));
    object_class_property_set_description(oc, "boot-cpu",
        "Hardware id of the boot CPU, a VIC CPU (default: the lowest)");
    object_class_property_add(oc, "park-acks", "uint32",
                              voyager_get_park_acks, NULL, NULL, NULL);
    object_class_property_set_description(oc, "park-acks",
        "Interrupts the firmware of parked CPUs acknowledged (read only)");
    voyager_add_choice(oc, "cpu-cr4", &voyager_cpu_cr4_choice,
        "Whether the CPUs have a CR4: auto (default: none on a 486, as "
        "on 486s before the SL enhancements; moving to or from CR4 is then "
        "an invalid opcode, and VME and PSE are off), on, off");
    voyager_add_choice(oc, "apicbase-bsp", &voyager_apicbase_bsp_choice,
        "Which CPUs' APIC base MSR reports the BSP bit: boot (the boot "
        "CPU, as a PC; default), all, none");
    object_class_property_add_str(oc, "irq0-ack", voyager_get_irq0_ack,
                                  voyager_set_irq0_ack);
    object_class_property_set_description(oc, "irq0-ack",
        "What clears the latched IRQ0 request: port61 (MCA: bit 7 of port "
        "61h), inta (the acknowledge, PC-like) or auto (inta until the "
        "guest first writes port 61h bit 7, then port61; default)");
    voyager_add_u8(oc, "fault-dead-cpu",
                   offsetof(VoyagerMachineState, fault_dead_cpu));
    object_class_property_set_description(oc, "fault-dead-cpu",
        "Fault: hardware id of a CPU that never starts (255 = none)");
    voyager_add_u8(oc, "fault-stuck-irq",
                   offsetof(VoyagerMachineState, fault_stuck_irq));
    object_class_property_set_description(oc, "fault-stuck-irq",
        "Fault: ISA IRQ line held asserted (255 = none)");
    voyager_add_u8(oc, "fault-cat-module",
                   offsetof(VoyagerMachineState, fault_cat_module));
    object_class_property_set_description(oc, "fault-cat-module",
        "Fault: CAT module id (10h-1Fh) that does not answer; on Level 4 "
        "0x43, the DINO ASIC (0 = none)");
    object_class_property_add(oc, "fault-cpi-storm", "uint32",
                              voyager_get_cpi_storm, voyager_set_cpi_storm,
                              NULL, NULL);
    object_class_property_set_description(oc, "fault-cpi-storm",
        "Fault: spurious CPIs of level 0 the VIC raises at random CPUs, "
        "from 500 ms after the CPI base is set, about one per ms "
        "(0 = none, at most 1000000)");
    voyager_add_choice(oc, "fault-bios-table",
                       &voyager_fault_bios_table_choice,
        "Fault: the int 15h table reports a class that is not a model "
        "number (on: 0xa5a5), the Level 3 class 0x3400 (level3), or "
        "length FFh, not a Voyager (absent); off (default)");
    object_class_property_add_bool(oc, "fault-clickmap",
                                   voyager_get_fault_clickmap,
                                   voyager_set_fault_clickmap);
    object_class_property_set_description(oc, "fault-clickmap",
        "Fault: the Level 5 ClickMap (the SUS memory map) counts base "
        "memory twice, in overlapping ranges");
    object_class_property_add_bool(oc, "fault-sys-int",
                                   voyager_get_fault_sys_int,
                                   voyager_set_fault_sys_int);
    object_class_property_set_description(oc, "fault-sys-int",
        "Fault: the system-error line SYS_INT held asserted, at every VIC "
        "CPU and quad card (a bus error; off by default)");
    /* mca-scsi: the MCA bus's own properties (voyager_mca.c). */
    voyager_mca_machine_class_init(oc);
}

static const TypeInfo voyager_machine_info = {
    .name = TYPE_VOYAGER_MACHINE,
    .parent = TYPE_PC_MACHINE,
    .instance_size = sizeof(VoyagerMachineState),
    .instance_init = voyager_machine_initfn,
    .instance_finalize = voyager_machine_finalize,
    .class_init = voyager_machine_class_init,
    .interfaces = (const InterfaceInfo[]) {
        { TYPE_X86_INTACK },
        { }
    },
};

static void voyager_machine_register_types(void)
{
    type_register_static(&voyager_machine_info);
}

type_init(voyager_machine_register_types)
