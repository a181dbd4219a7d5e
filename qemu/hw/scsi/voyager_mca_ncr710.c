/*
 * NCR's 53C710 SCSI adapters on the Micro Channel
 *
 * One NCR 53C710 SCSI I/O processor (QEMU's ncr710 model, SCRIPTS fetched
 * little-endian as on any x86) behind MCA POS registers, in the three
 * POS layouts NCR used (the kernel's old sim710 driver decodes them):
 *
 *   01BBh  NCR 3360/3430 SCSI SubSystem (the Level 4 on-board 53C710)
 *   01BAh  NCR Dual SIOP SCSI Host Adapter Board
 *          both: I/O base = 400h * POS4[7:2] (0800h-5000h; 0 disabled),
 *                IRQ = {3, 5, 11, 14}[POS2[7:6]]
 *   004Fh  NCR 53c710 SCSI Host Adapter Board
 *          I/O base = {-, 200h, 300h, 400h, 500h, 600h}[POS2[3:1]],
 *          IRQ = {5, 9, 14}[POS2[6:4] - 4]
 *
 * POS2 bit 0 enables the card: only then does it decode its 64 I/O ports
 * and drive its interrupt.  The chip masters the bus into system memory.
 *
 * Also NCR's Dual 700 (D700, 0092h) with its sub-addressed POS, its two
 * SIOPs modelled by the same 53C710 core (see below).
 *
 * Copyright (c) 2026 The NCR Voyager Linux port developers
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/timer.h"
#include "qemu/module.h"
#include "hw/core/irq.h"
#include "hw/core/qdev-properties.h"
#include "hw/mca/voyager_mca.h"
#include "hw/scsi/scsi.h"
#include "hw/scsi/ncr53c710.h"
#include "migration/vmstate.h"
#include "system/address-spaces.h"

#define NCR710_MCA_IO_SIZE  0x40

OBJECT_DECLARE_SIMPLE_TYPE(NCR710MCAState, NCR53C710_MCA)

struct NCR710MCAState {
    MCADevice parent_obj;

    /* properties: the power-on POS values, and the board's drives */
    uint32_t iobase;
    uint8_t irq;
    bool legacy_drives;

    NCR710State ncr710;
    MemoryRegion io;
    uint32_t mapped_base;       /* 0: not decoding */
};

static const uint8_t irq_01bb[] = { 3, 5, 11, 14 };
static const uint8_t irq_004f[] = { 5, 9, 14 };

/* ---- POS decoding ----------------------------------------------------- */

static uint32_t ncr710_mca_pos_base(MCADevice *d)
{
    unsigned idx;

    if (d->id == 0x004f) {
        idx = (d->pos[2] & 0x0e) >> 1;
        return idx >= 1 && idx <= 5 ? 0x100 * (idx + 1) : 0;
    }
    idx = (d->pos[4] & 0xfc) >> 2;
    return idx >= 2 && idx <= 20 ? 0x400 * idx : 0;
}

static int ncr710_mca_pos_irq(MCADevice *d)
{
    unsigned idx;

    if (d->id == 0x004f) {
        idx = (d->pos[2] & 0x70) >> 4;
        return idx >= 4 && idx <= 6 ? irq_004f[idx - 4] : -1;
    }
    return irq_01bb[(d->pos[2] & 0xc0) >> 6];
}

/* Decode the I/O ports the POS values select, while enabled. */
static void ncr710_mca_remap(NCR710MCAState *s)
{
    MCADevice *d = MCA_DEVICE(s);

    mca_device_map_io(d, &s->io, &s->mapped_base,
                      mca_device_enabled(d) ? ncr710_mca_pos_base(d) : 0);
}

static void ncr710_mca_pos_written(MCADevice *d, int reg)
{
    ncr710_mca_remap(NCR53C710_MCA(d));
}

static void ncr710_mca_describe(MCADevice *d, GString *buf)
{
    NCR710MCAState *s = NCR53C710_MCA(d);

    if (s->mapped_base) {
        g_string_append_printf(buf, ", I/O 0x%04x-0x%04x", s->mapped_base,
                               s->mapped_base + NCR710_MCA_IO_SIZE - 1);
    } else {
        g_string_append(buf, ", no I/O");
    }
    g_string_append_printf(buf, ", IRQ %d, SCSI bus %s",
                           ncr710_mca_pos_irq(d), s->ncr710.bus.qbus.name);
}

/* ---- the chip --------------------------------------------------------- */

/* The 53C710's registers in I/O space, byte by byte (little-endian). */
static uint64_t ncr710_mca_io_read(void *opaque, hwaddr addr, unsigned size)
{
    NCR710MCAState *s = opaque;

    return ncr710_reg_read(&s->ncr710, addr, 1);
}

static void ncr710_mca_io_write(void *opaque, hwaddr addr, uint64_t val,
                                unsigned size)
{
    NCR710MCAState *s = opaque;

    ncr710_reg_write(&s->ncr710, addr, val, 1);
}

static const MemoryRegionOps ncr710_mca_io_ops = {
    .read = ncr710_mca_io_read,
    .write = ncr710_mca_io_write,
    .impl.min_access_size = 1,
    .impl.max_access_size = 1,
    .valid.min_access_size = 1,
    .valid.max_access_size = 4,
    .endianness = DEVICE_LITTLE_ENDIAN,
};

static void ncr710_mca_chip_irq(void *opaque, int n, int level)
{
    mca_device_set_irq(MCA_DEVICE(opaque), level);
}

static const struct SCSIBusInfo ncr710_mca_scsi_info = {
    .tcq = true,
    .max_target = 8,
    .max_lun = 8,

    .transfer_data = ncr710_transfer_data,
    .complete = ncr710_command_complete,
    .cancel = ncr710_request_cancelled,
};

/* ---- the card --------------------------------------------------------- */

static bool ncr710_mca_encode_pos(NCR710MCAState *s, Error **errp)
{
    MCADevice *d = MCA_DEVICE(s);
    uint8_t *pos = d->pos_reset;
    int i;

    pos[2] = MCA_POS2_ENABLE;
    if (d->id == 0x004f) {
        if (s->iobase < 0x200 || s->iobase > 0x600 || s->iobase & 0xff) {
            error_setg(errp, "iobase: 0x%x is not an I/O base of card "
                       "004Fh (0x200, 0x300, 0x400, 0x500 or 0x600)",
                       s->iobase);
            return false;
        }
        pos[2] |= ((s->iobase >> 8) - 1) << 1;
        for (i = 0; i < ARRAY_SIZE(irq_004f) && irq_004f[i] != s->irq; i++) {
            /* look the IRQ up */
        }
        if (i == ARRAY_SIZE(irq_004f)) {
            error_setg(errp, "irq: %u is not an IRQ of card 004Fh (5, 9 or "
                       "14)", s->irq);
            return false;
        }
        pos[2] |= (i + 4) << 4;
        return true;
    }
    if (s->iobase < 0x800 || s->iobase > 0x5000 || s->iobase & 0x3ff) {
        error_setg(errp, "iobase: 0x%x is not an I/O base of card %04Xh "
                   "(0x800-0x5000 in steps of 0x400)", s->iobase, d->id);
        return false;
    }
    pos[4] = (s->iobase / 0x400) << 2;
    for (i = 0; i < ARRAY_SIZE(irq_01bb) && irq_01bb[i] != s->irq; i++) {
        /* look the IRQ up */
    }
    if (i == ARRAY_SIZE(irq_01bb)) {
        error_setg(errp, "irq: %u is not an IRQ of card %04Xh (3, 5, 11 or "
                   "14)", s->irq, d->id);
        return false;
    }
    pos[2] |= i << 6;
    return true;
}

static void ncr710_mca_realize(DeviceState *dev, Error **errp)
{
    NCR710MCAState *s = NCR53C710_MCA(dev);
    MCADevice *d = MCA_DEVICE(dev);

    if (d->id != 0x01bb && d->id != 0x01ba && d->id != 0x004f) {
        error_setg(errp, "card-id: %04Xh is not an NCR 53C710 MCA card (01BBh, "
                   "01BAh or 004Fh)", d->id);
        return;
    }
    if (!ncr710_mca_encode_pos(s, errp)) {
        return;
    }
    memcpy(d->pos, d->pos_reset, sizeof(d->pos));

    scsi_bus_init(&s->ncr710.bus, sizeof(s->ncr710.bus), dev,
                  &ncr710_mca_scsi_info);
    s->ncr710.as = &address_space_memory;
    s->ncr710.scripts_le = true;
    s->ncr710.irq = qemu_allocate_irq(ncr710_mca_chip_irq, s, 0);
    s->ncr710.reselection_retry_timer =
        timer_new_ns(QEMU_CLOCK_VIRTUAL, ncr710_reselection_retry_callback,
                     &s->ncr710);
    s->ncr710.scripts_timer =
        timer_new_us(QEMU_CLOCK_VIRTUAL, ncr710_scripts_timer_cb, &s->ncr710);
    ncr710_soft_reset(&s->ncr710);

    memory_region_init_io(&s->io, OBJECT(s), &ncr710_mca_io_ops, s,
                          "ncr53c710-mca", NCR710_MCA_IO_SIZE);
    ncr710_mca_remap(s);
    mca_device_update_irq(d);

    if (s->legacy_drives) {
        scsi_bus_legacy_handle_cmdline(&s->ncr710.bus);
    }
}

static void ncr710_mca_reset(MCADevice *d)
{
    ncr710_soft_reset(&NCR53C710_MCA(d)->ncr710);
}

static int ncr710_mca_post_load(void *opaque, int version_id)
{
    NCR710MCAState *s = opaque;

    ncr710_mca_remap(s);
    mca_device_update_irq(MCA_DEVICE(s));
    return 0;
}

static const VMStateDescription vmstate_ncr710_mca_power_on =
    VMSTATE_MCA_POWER_ON("ncr53c710-mca", NCR710MCAState);

static const VMStateDescription vmstate_ncr710_mca = {
    .name = "ncr53c710-mca",
    .version_id = 1,
    .minimum_version_id = 1,
    .post_load = ncr710_mca_post_load,
    .fields = (const VMStateField[]) {
        VMSTATE_UINT8_ARRAY(parent_obj.pos, NCR710MCAState, MCA_POS_REGS),
        VMSTATE_BOOL(parent_obj.irq_request, NCR710MCAState),
        VMSTATE_STRUCT(ncr710, NCR710MCAState, 1, vmstate_ncr710,
                       NCR710State),
        VMSTATE_END_OF_LIST()
    },
    .subsections = (const VMStateDescription * const []) {
        &vmstate_ncr710_mca_power_on,
        NULL
    }
};

static const Property ncr710_mca_properties[] = {
    DEFINE_PROP_UINT16("card-id", NCR710MCAState, parent_obj.id, 0x01ba),
    DEFINE_PROP_UINT32("iobase", NCR710MCAState, iobase, 0x800),
    DEFINE_PROP_UINT8("irq", NCR710MCAState, irq, 11),
    DEFINE_PROP_BOOL("legacy-drives", NCR710MCAState, legacy_drives, false),
    /*
     * Whether "SCSI reset detected" outlives the chip reset of a bus
     * reset: the facts at hand do not settle it (emulator guide).
     */
    DEFINE_PROP_BOOL("rst-outlives-reset", NCR710MCAState,
                     ncr710.rst_outlives_reset, false),
};

static void ncr710_mca_class_init(ObjectClass *oc, const void *data)
{
    DeviceClass *dc = DEVICE_CLASS(oc);
    MCADeviceClass *mc = MCA_DEVICE_CLASS(oc);

    mc->card_realize = ncr710_mca_realize;
    mc->pos_written = ncr710_mca_pos_written;
    mc->pos_irq = ncr710_mca_pos_irq;
    mc->describe = ncr710_mca_describe;
    mc->card_reset = ncr710_mca_reset;
    dc->vmsd = &vmstate_ncr710_mca;
    dc->desc = "NCR 53C710 SCSI adapter on the Micro Channel";
    dc->fw_name = "scsi";
    set_bit(DEVICE_CATEGORY_STORAGE, dc->categories);
    device_class_set_props(dc, ncr710_mca_properties);
    object_class_property_set_description(oc, "card-id",
        "MCA card id: 01BA (NCR Dual SIOP board, default), 01BB (the "
        "3360/3430 on-board SubSystem) or 004F (NCR 53c710 board)");
    object_class_property_set_description(oc, "iobase",
        "Power-on I/O base as POS selects it (default 0x800)");
    object_class_property_set_description(oc, "irq",
        "Power-on IRQ as POS selects it (default 11)");
    object_class_property_set_description(oc, "rst-outlives-reset",
        "SCSI reset detected stays latched across the chip reset of a "
        "bus reset until SSTAT0 is read (default off: the reset clears it)");
}

static const TypeInfo ncr710_mca_info = {
    .name = TYPE_NCR53C710_MCA,
    .parent = TYPE_MCA_DEVICE,
    .instance_size = sizeof(NCR710MCAState),
    .class_init = ncr710_mca_class_init,
};

/* ---- the NCR Dual 700 (D700) ------------------------------------------ */

/*
 * The D700's MCA side as the old NCR_D700 driver reads it: POS4 bits 1:0
 * pick IRQ 11, 12, 14 or 15, POS4 bit 2 enables the board interrupt;
 * POS3 through the sub-address in POS6 gives the board base (9: high,
 * 10: low byte, & FFF0h) and the SIOP offset (0: high, 1: low, & FF70h);
 * SIOP i has 64 ports at offset + 80h * i; the board's module control
 * byte at base + 8 tells in bits 7:6 which SIOPs are differential (3:
 * none, 0: SIOP1 only, 1: both).  The two SIOPs are 53C700-66 chips on
 * the real card; here they are QEMU's 53C710 (docs/system/i386/
 * voyager-mca.rst lists what a 700-66 mode would change).
 */
#define NCR_D700_ID         0x0092
#define NCR_D700_SIOPS      2
#define NCR_D700_BOARD_SIZE 0x10
#define NCR_D700_POS4_IRQEN 0x04

#define TYPE_NCR_D700_MCA "ncr-d700-mca"
OBJECT_DECLARE_SIMPLE_TYPE(NCRD700State, NCR_D700_MCA)

/*
 * Each SIOP is a device of its own on the card's internal bus, so that
 * the disks of its SCSI bus have a path (for migration) apart from the
 * other SIOP's.
 */
#define TYPE_NCR_D700_SIOP_BUS "ncr-d700-siop-bus"
#define TYPE_NCR_D700_SIOP "ncr-d700-siop"
OBJECT_DECLARE_SIMPLE_TYPE(NCRD700SIOPState, NCR_D700_SIOP)

struct NCRD700SIOPState {
    DeviceState parent_obj;

    uint8_t index;
    NCR710State chip;
    MemoryRegion io;
    uint32_t mapped;            /* I/O base decoded; 0: none */
};

struct NCRD700State {
    MCADevice parent_obj;

    /* properties */
    uint32_t iobase;            /* board registers */
    uint32_t siop_base;         /* SIOP 0; SIOP 1 at + 80h */
    uint8_t irq;
    uint8_t differential;       /* bit i: SIOP i differential */
    bool rst_outlives_reset;    /* both SIOPs, as on ncr53c710-mca */

    uint8_t sub[16];            /* POS3 behind sub-addresses 0-15 */
    uint8_t sub_reset[16];
    BusState siop_bus;
    NCRD700SIOPState siop[NCR_D700_SIOPS];
    MemoryRegion board_io;
    uint32_t mapped_base;       /* board registers decoded; 0: none */
    uint8_t siop_irq;           /* bit i: SIOP i requests */
};

static const uint8_t irq_d700[] = { 11, 12, 14, 15 };

static uint32_t d700_pos_board(NCRD700State *s)
{
    return (s->sub[9] << 8 | s->sub[10]) & 0xfff0;
}

static uint32_t d700_pos_siops(NCRD700State *s)
{
    return (s->sub[0] << 8 | s->sub[1]) & 0xff70;
}

static int d700_pos_irq(MCADevice *d)
{
    if (!(d->pos[4] & NCR_D700_POS4_IRQEN)) {
        return -1;
    }
    return irq_d700[d->pos[4] & 3];
}

static void d700_remap(NCRD700State *s)
{
    MCADevice *d = MCA_DEVICE(s);
    bool on = mca_device_enabled(d);
    uint32_t siops = on ? d700_pos_siops(s) : 0;
    int i;

    mca_device_map_io(d, &s->board_io, &s->mapped_base,
                      on ? d700_pos_board(s) : 0);
    for (i = 0; i < NCR_D700_SIOPS; i++) {
        mca_device_map_io(d, &s->siop[i].io, &s->siop[i].mapped,
                          siops ? siops + 0x80 * i : 0);
    }
}

static uint8_t d700_pos_read(MCADevice *d, int reg)
{
    NCRD700State *s = NCR_D700_MCA(d);

    if (reg == 3) {
        return d->pos[6] < ARRAY_SIZE(s->sub) && !d->pos[7]
               ? s->sub[d->pos[6]] : 0xff;
    }
    return d->pos[reg];
}

static void d700_pos_written(MCADevice *d, int reg)
{
    NCRD700State *s = NCR_D700_MCA(d);

    if (reg == 3 && d->pos[6] < ARRAY_SIZE(s->sub) && !d->pos[7]) {
        s->sub[d->pos[6]] = d->pos[3];
    }
    d700_remap(s);
}

static void d700_describe(MCADevice *d, GString *buf)
{
    NCRD700State *s = NCR_D700_MCA(d);
    int i;

    g_string_append_printf(buf, ", board 0x%04x, IRQ %d", s->mapped_base,
                           d700_pos_irq(d));
    for (i = 0; i < NCR_D700_SIOPS; i++) {
        if (s->siop[i].mapped) {
            g_string_append_printf(buf, ", SIOP%d I/O 0x%04x bus %s%s", i,
                                   s->siop[i].mapped,
                                   s->siop[i].chip.bus.qbus.name,
                                   s->differential & (1 << i)
                                   ? " (differential)" : "");
        }
    }
}

/* Board registers: the module control byte at +8, nothing else. */
static uint64_t d700_board_read(void *opaque, hwaddr addr, unsigned size)
{
    NCRD700State *s = opaque;

    if (addr == 8) {
        switch (s->differential) {
        case 0:
            return 0xc0 | 0x3f;
        case 2:
            return 0x00 | 0x3f;
        default:
            return 0x40 | 0x3f;
        }
    }
    return 0xff;
}

static void d700_board_write(void *opaque, hwaddr addr, uint64_t val,
                             unsigned size)
{
}

static const MemoryRegionOps d700_board_ops = {
    .read = d700_board_read,
    .write = d700_board_write,
    .impl.min_access_size = 1,
    .impl.max_access_size = 1,
    .endianness = DEVICE_LITTLE_ENDIAN,
};

static uint64_t d700_siop_read(void *opaque, hwaddr addr, unsigned size)
{
    return ncr710_reg_read(opaque, addr, 1);
}

static void d700_siop_write(void *opaque, hwaddr addr, uint64_t val,
                            unsigned size)
{
    ncr710_reg_write(opaque, addr, val, 1);
}

static const MemoryRegionOps d700_siop_ops = {
    .read = d700_siop_read,
    .write = d700_siop_write,
    .impl.min_access_size = 1,
    .impl.max_access_size = 1,
    .valid.min_access_size = 1,
    .valid.max_access_size = 4,
    .endianness = DEVICE_LITTLE_ENDIAN,
};

/* One shared board interrupt: either SIOP's request. */
static void d700_chip_irq(void *opaque, int n, int level)
{
    NCRD700State *s = opaque;

    if (level) {
        s->siop_irq |= 1 << n;
    } else {
        s->siop_irq &= ~(1 << n);
    }
    mca_device_set_irq(MCA_DEVICE(s), s->siop_irq != 0);
}

static void d700_realize(DeviceState *dev, Error **errp)
{
    NCRD700State *s = NCR_D700_MCA(dev);
    MCADevice *d = MCA_DEVICE(dev);
    int i;

    if (!s->iobase || s->iobase & 0xf || s->iobase > 0xfff0) {
        error_setg(errp, "iobase: 0x%x is not a D700 board base (16-byte "
                   "aligned, below 0x10000)", s->iobase);
        return;
    }
    if (!s->siop_base || s->siop_base & ~0xff70) {
        error_setg(errp, "siop-base: 0x%x is not a D700 SIOP base (bits "
                   "15:8 and 6:4 only)", s->siop_base);
        return;
    }
    for (i = 0; i < ARRAY_SIZE(irq_d700) && irq_d700[i] != s->irq; i++) {
        /* look the IRQ up */
    }
    if (i == ARRAY_SIZE(irq_d700)) {
        error_setg(errp, "irq: %u is not a D700 IRQ (11, 12, 14 or 15)",
                   s->irq);
        return;
    }
    if (s->differential == 1 || s->differential > 3) {
        error_setg(errp, "differential: %u cannot be strapped (0: none, "
                   "2: SIOP1, 3: both)", s->differential);
        return;
    }
    d->id = NCR_D700_ID;
    d->pos_reset[2] = MCA_POS2_ENABLE;
    d->pos_reset[4] = i;            /* board interrupt off until probed */
    memcpy(d->pos, d->pos_reset, sizeof(d->pos));
    s->sub_reset[9] = s->iobase >> 8;
    s->sub_reset[10] = s->iobase & 0xff;
    s->sub_reset[0] = s->siop_base >> 8;
    s->sub_reset[1] = s->siop_base & 0xff;
    memcpy(s->sub, s->sub_reset, sizeof(s->sub));

    memory_region_init_io(&s->board_io, OBJECT(s), &d700_board_ops, s,
                          "ncr-d700-board", NCR_D700_BOARD_SIZE);
    for (i = 0; i < NCR_D700_SIOPS; i++) {
        if (!qdev_realize(DEVICE(&s->siop[i]), &s->siop_bus, errp)) {
            return;
        }
    }
    d700_remap(s);
}

/* The SIOPs are reset as the devices on the card's bus. */
static void d700_reset(MCADevice *d)
{
    NCRD700State *s = NCR_D700_MCA(d);

    memcpy(s->sub, s->sub_reset, sizeof(s->sub));
}

static void d700_init(Object *obj)
{
    NCRD700State *s = NCR_D700_MCA(obj);
    int i;

    qbus_init(&s->siop_bus, sizeof(s->siop_bus), TYPE_NCR_D700_SIOP_BUS,
              DEVICE(s), NULL);
    for (i = 0; i < NCR_D700_SIOPS; i++) {
        object_initialize_child(obj, i ? "siop1" : "siop0", &s->siop[i],
                                TYPE_NCR_D700_SIOP);
        s->siop[i].index = i;
    }
}

static int d700_post_load(void *opaque, int version_id)
{
    d700_remap(opaque);
    mca_device_update_irq(MCA_DEVICE(opaque));
    return 0;
}

static const VMStateDescription vmstate_d700_power_on =
    VMSTATE_MCA_POWER_ON("ncr-d700-mca", NCRD700State);

static const VMStateDescription vmstate_d700 = {
    .name = "ncr-d700-mca",
    .version_id = 1,
    .minimum_version_id = 1,
    .post_load = d700_post_load,
    .fields = (const VMStateField[]) {
        VMSTATE_UINT8_ARRAY(parent_obj.pos, NCRD700State, MCA_POS_REGS),
        VMSTATE_BOOL(parent_obj.irq_request, NCRD700State),
        VMSTATE_UINT8_ARRAY(sub, NCRD700State, 16),
        VMSTATE_UINT8(siop_irq, NCRD700State),
        VMSTATE_END_OF_LIST()
    },
    .subsections = (const VMStateDescription * const []) {
        &vmstate_d700_power_on,
        NULL
    }
};

static const Property d700_properties[] = {
    DEFINE_PROP_UINT32("iobase", NCRD700State, iobase, 0x6000),
    DEFINE_PROP_UINT32("siop-base", NCRD700State, siop_base, 0x6100),
    DEFINE_PROP_UINT8("irq", NCRD700State, irq, 11),
    DEFINE_PROP_UINT8("differential", NCRD700State, differential, 0),
    DEFINE_PROP_BOOL("rst-outlives-reset", NCRD700State, rst_outlives_reset,
                     false),
};

static void d700_class_init(ObjectClass *oc, const void *data)
{
    DeviceClass *dc = DEVICE_CLASS(oc);
    MCADeviceClass *mc = MCA_DEVICE_CLASS(oc);

    mc->card_realize = d700_realize;
    mc->card_reset = d700_reset;
    mc->pos_read = d700_pos_read;
    mc->pos_written = d700_pos_written;
    mc->pos_irq = d700_pos_irq;
    mc->describe = d700_describe;
    dc->vmsd = &vmstate_d700;
    dc->desc = "NCR Dual 700 (D700) MCA SCSI adapter, id 0092h (its two "
               "SIOPs modelled by 53C710 cores)";
    dc->fw_name = "scsi";
    set_bit(DEVICE_CATEGORY_STORAGE, dc->categories);
    device_class_set_props(dc, d700_properties);
    object_class_property_set_description(oc, "iobase",
        "Power-on board base (POS sub-addresses 9, 10; default 0x6000)");
    object_class_property_set_description(oc, "siop-base",
        "Power-on SIOP 0 base, SIOP 1 at +0x80 (POS sub-addresses 0, 1; "
        "default 0x6100)");
    object_class_property_set_description(oc, "irq",
        "Power-on IRQ, POS4 bits 1:0 (11, 12, 14 or 15; default 11)");
    object_class_property_set_description(oc, "differential",
        "Differential SIOPs as the module control byte reports them: 0 "
        "none (default), 2 SIOP1, 3 both");
    object_class_property_set_description(oc, "rst-outlives-reset",
        "Both SIOPs: SCSI reset detected stays latched across the chip "
        "reset of a bus reset until SSTAT0 is read (default off)");
}

static const TypeInfo d700_info = {
    .name = TYPE_NCR_D700_MCA,
    .parent = TYPE_MCA_DEVICE,
    .instance_size = sizeof(NCRD700State),
    .instance_init = d700_init,
    .class_init = d700_class_init,
};

/* ---- a D700 SIOP ------------------------------------------------------ */

static char *d700_siop_bus_get_dev_path(DeviceState *dev)
{
    NCRD700SIOPState *siop = NCR_D700_SIOP(dev);
    g_autofree char *card = qdev_get_dev_path(dev->parent_bus->parent);

    return g_strdup_printf("%s/siop%d", card ? card : "d700", siop->index);
}

static void d700_siop_bus_class_init(ObjectClass *oc, const void *data)
{
    BusClass *bc = BUS_CLASS(oc);

    bc->get_dev_path = d700_siop_bus_get_dev_path;
    bc->max_dev = NCR_D700_SIOPS;
}

static const TypeInfo d700_siop_bus_info = {
    .name = TYPE_NCR_D700_SIOP_BUS,
    .parent = TYPE_BUS,
    .instance_size = sizeof(BusState),
    .class_init = d700_siop_bus_class_init,
};

/* SCSI buses "<card id>.0" and "<card id>.1", like a one-chip card's. */
static void d700_siop_realize(DeviceState *dev, Error **errp)
{
    NCRD700SIOPState *siop = NCR_D700_SIOP(dev);
    DeviceState *card = dev->parent_bus->parent;
    NCR710State *c = &siop->chip;
    g_autofree char *name = NULL;

    if (card->id) {
        name = g_strdup_printf("%s.%d", card->id, siop->index);
    }
    scsi_bus_init_named(&c->bus, sizeof(c->bus), dev, &ncr710_mca_scsi_info,
                        name);
    c->as = &address_space_memory;
    c->scripts_le = true;
    c->rst_outlives_reset = NCR_D700_MCA(card)->rst_outlives_reset;
    c->irq = qemu_allocate_irq(d700_chip_irq, card, siop->index);
    c->reselection_retry_timer =
        timer_new_ns(QEMU_CLOCK_VIRTUAL, ncr710_reselection_retry_callback,
                     c);
    c->scripts_timer = timer_new_us(QEMU_CLOCK_VIRTUAL, ncr710_scripts_timer_cb,
                                    c);
    ncr710_soft_reset(c);
    memory_region_init_io(&siop->io, OBJECT(card), &d700_siop_ops, c,
                          siop->index ? "ncr-d700-siop1" : "ncr-d700-siop0",
                          NCR710_MCA_IO_SIZE);
}

static void d700_siop_reset_hold(Object *obj, ResetType type)
{
    ncr710_soft_reset(&NCR_D700_SIOP(obj)->chip);
}

static const VMStateDescription vmstate_d700_siop = {
    .name = "ncr-d700-siop",
    .version_id = 1,
    .minimum_version_id = 1,
    .fields = (const VMStateField[]) {
        VMSTATE_STRUCT(chip, NCRD700SIOPState, 1, vmstate_ncr710,
                       NCR710State),
        VMSTATE_END_OF_LIST()
    }
};

static void d700_siop_class_init(ObjectClass *oc, const void *data)
{
    DeviceClass *dc = DEVICE_CLASS(oc);
    ResettableClass *rc = RESETTABLE_CLASS(oc);

    dc->bus_type = TYPE_NCR_D700_SIOP_BUS;
    dc->realize = d700_siop_realize;
    dc->vmsd = &vmstate_d700_siop;
    dc->desc = "SIOP of an NCR D700 (a 53C710 core)";
    dc->user_creatable = false;
    rc->phases.hold = d700_siop_reset_hold;
}

static const TypeInfo d700_siop_info = {
    .name = TYPE_NCR_D700_SIOP,
    .parent = TYPE_DEVICE,
    .instance_size = sizeof(NCRD700SIOPState),
    .class_init = d700_siop_class_init,
};

static void ncr710_mca_register_types(void)
{
    type_register_static(&ncr710_mca_info);
    type_register_static(&d700_info);
    type_register_static(&d700_siop_bus_info);
    type_register_static(&d700_siop_info);
}

type_init(ncr710_mca_register_types)
