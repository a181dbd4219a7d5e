/*
 * NCR Voyager Micro Channel bus
 *
 * The POS registers of the eight slots of the primary MCA bus, the setup
 * ports that select whose POS registers the window 100h-107h shows, and
 * the card interrupts: MCA interrupts are level-triggered and shareable,
 * so each of the 16 ISA inputs of the VIC is the OR of the cards that
 * drive it.  The platform choices are in docs/system/i386/voyager-mca.rst.
 *
 * Copyright (c) 2026 The NCR Voyager Linux port developers
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qapi/visitor.h"
#include "qemu/cutils.h"
#include "qemu/log.h"
#include "qemu/module.h"
#include "hw/core/irq.h"
#include "hw/core/qdev-properties.h"
#include "hw/core/sysbus.h"
#include "hw/mca/voyager_mca.h"
#include "hw/i386/voyager.h"
#include "migration/vmstate.h"
#include "net/net.h"
#include "system/address-spaces.h"
#include "trace.h"

/* ---- the bus ---------------------------------------------------------- */

static char *mca_bus_get_dev_path(DeviceState *dev)
{
    MCADevice *d = MCA_DEVICE(dev);

    return g_strdup_printf("mca/%d", d->slot);
}

static void mca_bus_class_init(ObjectClass *oc, const void *data)
{
    BusClass *bc = BUS_CLASS(oc);

    bc->get_dev_path = mca_bus_get_dev_path;
    bc->max_dev = MCA_SLOTS;
}

static const TypeInfo mca_bus_info = {
    .name = TYPE_MCA_BUS,
    .parent = TYPE_BUS,
    .instance_size = sizeof(BusState),
    .class_init = mca_bus_class_init,
};

static VoyagerMCAState *mca_bridge_of(MCADevice *dev)
{
    BusState *bus = qdev_get_parent_bus(DEVICE(dev));

    return bus ? VOYAGER_MCA(bus->parent) : NULL;
}

/* ---- cards: enable, I/O ports, interrupts ----------------------------- */

bool mca_device_enabled(MCADevice *dev)
{
    return dev->pos[2] & MCA_POS2_ENABLE;
}

/*
 * A card decodes @mr in the I/O space at the @base its POS values select,
 * or nowhere (0: disabled, or no base selected); *@mapped is where it
 * decodes now, and follows.
 */
void mca_device_map_io(MCADevice *dev, MemoryRegion *mr, uint32_t *mapped,
                       uint32_t base)
{
    MCADeviceClass *mc = MCA_DEVICE_GET_CLASS(dev);

    if (base == *mapped) {
        return;
    }
    if (*mapped) {
        memory_region_del_subregion(get_system_io(), mr);
        trace_voyager_mca_unmap_io(dev->slot, memory_region_name(mr));
    }
    *mapped = base;
    if (base) {
        memory_region_add_subregion(get_system_io(), base, mr);
        trace_voyager_mca_map_io(dev->slot, memory_region_name(mr), base,
                                 mc->pos_irq ? mc->pos_irq(dev) : -1);
    }
}

static void mca_bridge_drive(VoyagerMCAState *s, int line)
{
    qemu_set_irq(s->isa_irq[line], s->irq_users[line] != 0);
}

/*
 * The card's request goes to the ISA line its POS values select while it
 * is enabled; a new selection takes the request along.
 */
void mca_device_update_irq(MCADevice *dev)
{
    MCADeviceClass *mc = MCA_DEVICE_GET_CLASS(dev);
    VoyagerMCAState *s = mca_bridge_of(dev);
    int line = -1, old = dev->irq_line;

    if (!s || dev->slot < 0) {
        return;
    }
    if (mca_device_enabled(dev) && mc->pos_irq) {
        line = mc->pos_irq(dev);
        if (line >= MCA_ISA_IRQS) {
            line = -1;
        }
    }
    if (old >= 0 && old != line) {
        s->irq_users[old] &= ~(1u << dev->slot);
        mca_bridge_drive(s, old);
    }
    dev->irq_line = line;
    if (line >= 0) {
        if (dev->irq_request) {
            s->irq_users[line] |= 1u << dev->slot;
        } else {
            s->irq_users[line] &= ~(1u << dev->slot);
        }
        mca_bridge_drive(s, line);
        trace_voyager_mca_irq(dev->slot, line, dev->irq_request);
    }
}

void mca_device_set_irq(MCADevice *dev, bool level)
{
    dev->irq_request = level;
    mca_device_update_irq(dev);
}

/* ---- POS access ------------------------------------------------------- */

/* The card whose POS registers the window shows, or NULL. */
static MCADevice *mca_setup_card(VoyagerMCAState *s, bool *any)
{
    *any = false;
    if (s->adp_setup & MCA_ADP_SETUP_EN) {
        *any = true;
        return s->slot[s->adp_setup & MCA_ADP_SETUP_SLOT];
    }
    if (!(s->sys_setup & MCA_SYS_SETUP_OFF)) {
        /* The planar's own POS: the Voyager has none we know of. */
        *any = true;
    }
    return NULL;
}

static uint64_t mca_pos_read(void *opaque, hwaddr addr, unsigned size)
{
    VoyagerMCAState *s = opaque;
    MCADevice *dev;
    uint8_t val = 0xff;
    bool any;
    int reg = addr & 7;

    dev = mca_setup_card(s, &any);
    if (dev) {
        MCADeviceClass *mc = MCA_DEVICE_GET_CLASS(dev);

        if (reg == 0) {
            val = dev->id & 0xff;
        } else if (reg == 1) {
            val = dev->id >> 8;
        } else if (mc->pos_read) {
            val = mc->pos_read(dev, reg);
        } else {
            val = dev->pos[reg];
        }
    }
    if (any) {
        trace_voyager_mca_pos_read(dev ? dev->slot
                                   : (s->adp_setup & MCA_ADP_SETUP_EN)
                                   ? s->adp_setup & MCA_ADP_SETUP_SLOT : -1,
                                   reg, val);
    } else {
        qemu_log_mask(LOG_GUEST_ERROR, "voyager-mca: POS%d read outside "
                      "setup mode\n", reg);
    }
    return val;
}

static void mca_pos_write(void *opaque, hwaddr addr, uint64_t val,
                          unsigned size)
{
    VoyagerMCAState *s = opaque;
    MCADevice *dev;
    bool any;
    int reg = addr & 7;

    dev = mca_setup_card(s, &any);
    if (!any) {
        qemu_log_mask(LOG_GUEST_ERROR, "voyager-mca: POS%d write 0x%02x "
                      "outside setup mode\n", reg, (unsigned)val);
        return;
    }
    if (!dev) {
        return;
    }
    trace_voyager_mca_pos_write(dev->slot, reg, val);
    if (reg < 2) {
        /* POS0/1, the card id, are read-only. */
        return;
    }
    dev->pos[reg] = val;
    if (MCA_DEVICE_GET_CLASS(dev)->pos_written) {
        MCA_DEVICE_GET_CLASS(dev)->pos_written(dev, reg);
    }
    mca_device_update_irq(dev);
}

static const MemoryRegionOps mca_pos_ops = {
    .read = mca_pos_read,
    .write = mca_pos_write,
    .impl.min_access_size = 1,
    .impl.max_access_size = 1,
    .endianness = DEVICE_LITTLE_ENDIAN,
};

static uint64_t mca_sys_setup_read(void *opaque, hwaddr addr, unsigned size)
{
    return VOYAGER_MCA(opaque)->sys_setup;
}

static void mca_sys_setup_write(void *opaque, hwaddr addr, uint64_t val,
                                unsigned size)
{
    VoyagerMCAState *s = opaque;

    s->sys_setup = val;
    trace_voyager_mca_setup("94h", val);
}

static const MemoryRegionOps mca_sys_setup_ops = {
    .read = mca_sys_setup_read,
    .write = mca_sys_setup_write,
    .impl.min_access_size = 1,
    .impl.max_access_size = 1,
    .endianness = DEVICE_LITTLE_ENDIAN,
};

/*
 * Port 96h is also the CAT's "MC setup" register (bit 3 opens the Level
 * 4 configuration space): every access goes on to it as well.
 */
static uint64_t mca_adp_setup_read(void *opaque, hwaddr addr, unsigned size)
{
    VoyagerMCAState *s = opaque;
    uint64_t val = s->adp_setup;

    if (s->under_96) {
        memory_region_dispatch_read(s->under_96, s->under_96_offset, &val,
                                    MO_8, MEMTXATTRS_UNSPECIFIED);
    }
    return val & 0xff;
}

static void mca_adp_setup_write(void *opaque, hwaddr addr, uint64_t val,
                                unsigned size)
{
    VoyagerMCAState *s = opaque;

    s->adp_setup = val;
    trace_voyager_mca_setup("96h", val);
    if (s->under_96) {
        memory_region_dispatch_write(s->under_96, s->under_96_offset,
                                     val & 0xff, MO_8,
                                     MEMTXATTRS_UNSPECIFIED);
    }
}

static const MemoryRegionOps mca_adp_setup_ops = {
    .read = mca_adp_setup_read,
    .write = mca_adp_setup_write,
    .impl.min_access_size = 1,
    .impl.max_access_size = 1,
    .endianness = DEVICE_LITTLE_ENDIAN,
};

/* ---- the bridge ------------------------------------------------------- */

/* `qom-get /machine/mca slots`: one line per slot. */
static char *mca_bridge_get_slots(Object *obj, Error **errp)
{
    VoyagerMCAState *s = VOYAGER_MCA(obj);
    g_autoptr(GString) buf = g_string_new("");
    int i;

    for (i = 0; i < MCA_SLOTS; i++) {
        MCADevice *dev = s->slot[i];

        if (!dev) {
            g_string_append_printf(buf, "slot %d: empty (id ffff)\n", i);
            continue;
        }
        g_string_append_printf(buf, "slot %d: id %04x %s %s, POS2-5 %02x "
                               "%02x %02x %02x", i, dev->id,
                               object_get_typename(OBJECT(dev)),
                               mca_device_enabled(dev) ? "enabled"
                                                       : "disabled",
                               dev->pos[2], dev->pos[3], dev->pos[4],
                               dev->pos[5]);
        if (MCA_DEVICE_GET_CLASS(dev)->describe) {
            MCA_DEVICE_GET_CLASS(dev)->describe(dev, buf);
        }
        g_string_append_c(buf, '\n');
    }
    return g_string_free(g_steal_pointer(&buf), false);
}

static void mca_bridge_reset_hold(Object *obj, ResetType type)
{
    VoyagerMCAState *s = VOYAGER_MCA(obj);

    s->sys_setup = 0xff;
    s->adp_setup = 0;
}

static void mca_bridge_realize(DeviceState *dev, Error **errp)
{
    VoyagerMCAState *s = VOYAGER_MCA(dev);
    MemoryRegion *io = get_system_io();
    MemoryRegionSection sec;

    qdev_init_gpio_out(dev, s->isa_irq, MCA_ISA_IRQS);

    memory_region_init_io(&s->sys_setup_io, OBJECT(s), &mca_sys_setup_ops, s,
                          "voyager-mca-sys-setup", 1);
    memory_region_add_subregion(io, MCA_SYS_SETUP_PORT, &s->sys_setup_io);
    memory_region_init_io(&s->pos_io, OBJECT(s), &mca_pos_ops, s,
                          "voyager-mca-pos", MCA_POS_REGS);
    memory_region_add_subregion(io, MCA_POS_PORT, &s->pos_io);

    /* 96h: over the CAT's register, which keeps seeing every access. */
    sec = memory_region_find(io, MCA_ADP_SETUP_PORT, 1);
    s->under_96 = sec.mr;
    s->under_96_offset = sec.offset_within_region;
    memory_region_init_io(&s->adp_setup_io, OBJECT(s), &mca_adp_setup_ops, s,
                          "voyager-mca-adapter-setup", 1);
    memory_region_add_subregion_overlap(io, MCA_ADP_SETUP_PORT,
                                        &s->adp_setup_io, 1);
}

static void mca_bridge_init(Object *obj)
{
    VoyagerMCAState *s = VOYAGER_MCA(obj);

    qbus_init(&s->bus, sizeof(s->bus), TYPE_MCA_BUS, DEVICE(s), "mca");
    object_property_add_str(obj, "slots", mca_bridge_get_slots, NULL);
    s->sys_setup = 0xff;
}

static const VMStateDescription vmstate_voyager_mca = {
    .name = "voyager-mca",
    .version_id = 1,
    .minimum_version_id = 1,
    .fields = (const VMStateField[]) {
        VMSTATE_UINT8(sys_setup, VoyagerMCAState),
        VMSTATE_UINT8(adp_setup, VoyagerMCAState),
        VMSTATE_UINT8_ARRAY(irq_users, VoyagerMCAState, MCA_ISA_IRQS),
        VMSTATE_END_OF_LIST()
    }
};

static void mca_bridge_class_init(ObjectClass *oc, const void *data)
{
    DeviceClass *dc = DEVICE_CLASS(oc);
    ResettableClass *rc = RESETTABLE_CLASS(oc);

    dc->realize = mca_bridge_realize;
    dc->vmsd = &vmstate_voyager_mca;
    dc->desc = "NCR Voyager Micro Channel bus (POS, setup ports)";
    dc->user_creatable = false;
    rc->phases.hold = mca_bridge_reset_hold;
}

static const TypeInfo mca_bridge_info = {
    .name = TYPE_VOYAGER_MCA,
    .parent = TYPE_SYS_BUS_DEVICE,
    .instance_size = sizeof(VoyagerMCAState),
    .instance_init = mca_bridge_init,
    .class_init = mca_bridge_class_init,
};

/* ---- the card base class ------------------------------------------------ */

/* The power-on POS values, decoded. */
static void mca_device_power_on(MCADevice *d)
{
    MCADeviceClass *mc = MCA_DEVICE_GET_CLASS(d);

    memcpy(d->pos, d->pos_reset, sizeof(d->pos));
    if (mc->pos_written) {
        mc->pos_written(d, -1);
    }
    mca_device_update_irq(d);
}

/*
 * fault-pos: power-on POS values the card's own properties cannot
 * express, e.g. "4=04" (an I/O base index no 53C710 board decodes), for
 * the guest's refusal of a malformed card.  Register 2-7 = hex byte,
 * colon separated.  Parsed over the card's own values into @pos.
 */
static bool mca_parse_fault_pos(MCADevice *d, const char *spec,
                                uint8_t *pos, Error **errp)
{
    g_auto(GStrv) items = NULL;
    int i;

    memcpy(pos, d->pos_card, MCA_POS_REGS);
    if (!spec || !*spec) {
        return true;
    }
    items = g_strsplit(spec, ":", -1);
    for (i = 0; items[i]; i++) {
        unsigned long reg, val;
        const char *end;

        if (qemu_strtoul(items[i], &end, 10, &reg) || *end != '=' ||
            reg < 2 || reg >= MCA_POS_REGS ||
            qemu_strtoul(end + 1, NULL, 16, &val) || val > 0xff) {
            error_setg(errp, "fault-pos: '%s' is not R=VV (POS register "
                       "2-7 = hex byte)", items[i]);
            return false;
        }
        pos[reg] = val;
    }
    return true;
}

static void mca_get_fault_pos(Object *obj, Visitor *v, const char *name,
                              void *opaque, Error **errp)
{
    MCADevice *d = MCA_DEVICE(obj);
    char *value = d->fault_pos ?: (char *)"";

    visit_type_str(v, name, &value, errp);
}

/*
 * Before realize the value waits for the card's own POS values; on a
 * realized card it is checked at once and becomes the power-on values of
 * the next reset, as a POS EEPROM corrupted while the machine ran.
 */
static void mca_set_fault_pos(Object *obj, Visitor *v, const char *name,
                              void *opaque, Error **errp)
{
    MCADevice *d = MCA_DEVICE(obj);
    uint8_t pos[MCA_POS_REGS];
    char *value;

    if (!visit_type_str(v, name, &value, errp)) {
        return;
    }
    if (DEVICE(obj)->realized) {
        if (!mca_parse_fault_pos(d, value, pos, errp)) {
            g_free(value);
            return;
        }
        memcpy(d->pos_reset, pos, sizeof(pos));
        d->fault_pos_changed = true;
    }
    g_free(d->fault_pos);
    d->fault_pos = value;
}

static void mca_release_fault_pos(Object *obj, const char *name,
                                  void *opaque)
{
    MCADevice *d = MCA_DEVICE(obj);

    g_free(d->fault_pos);
    d->fault_pos = NULL;
}

static const PropertyInfo mca_prop_fault_pos = {
    .type = "str",
    .description = "settable while running (the next power-on)",
    .realized_set_allowed = true,
    .get = mca_get_fault_pos,
    .set = mca_set_fault_pos,
    .release = mca_release_fault_pos,
};

/* @opaque: a card's state, its MCADevice first (VMSTATE_MCA_POWER_ON) */
bool mca_device_power_on_needed(void *opaque)
{
    return MCA_DEVICE(opaque)->fault_pos_changed;
}

static void mca_device_realize(DeviceState *dev, Error **errp)
{
    ERRP_GUARD();
    MCADevice *d = MCA_DEVICE(dev);
    MCADeviceClass *mc = MCA_DEVICE_GET_CLASS(dev);
    VoyagerMCAState *s = mca_bridge_of(d);
    int slot;

    if (!s) {
        error_setg(errp, "%s: an MCA card needs the voyager board's MCA bus",
                   object_get_typename(OBJECT(dev)));
        return;
    }
    if (d->slot < 0) {
        for (slot = 0; slot < MCA_SLOTS && s->slot[slot]; slot++) {
            /* the first free slot */
        }
        if (slot == MCA_SLOTS) {
            error_setg(errp, "slot: all %d MCA slots are taken", MCA_SLOTS);
            return;
        }
    } else if (d->slot >= MCA_SLOTS) {
        error_setg(errp, "slot: %d is not an MCA slot (0-%d)", d->slot,
                   MCA_SLOTS - 1);
        return;
    } else {
        slot = d->slot;
        if (s->slot[slot]) {
            error_setg(errp, "slot: MCA slot %d is taken by %s (id %04x)",
                       slot, object_get_typename(OBJECT(s->slot[slot])),
                       s->slot[slot]->id);
            return;
        }
    }
    d->slot = slot;
    d->irq_line = -1;
    d->pos[5] = d->pos_reset[5] = MCA_POS5_NO_CHCK | MCA_POS5_NO_STATUS;
    if (mc->card_realize) {
        mc->card_realize(dev, errp);
    }
    if (*errp) {
        d->slot = -1;
        return;
    }
    s->slot[slot] = d;
    memcpy(d->pos_card, d->pos_reset, sizeof(d->pos_card));
    if (!mca_parse_fault_pos(d, d->fault_pos, d->pos_reset, errp)) {
        s->slot[slot] = NULL;
        d->slot = -1;
        return;
    }
    mca_device_power_on(d);
}

static void mca_device_unrealize(DeviceState *dev)
{
    MCADevice *d = MCA_DEVICE(dev);
    VoyagerMCAState *s = mca_bridge_of(d);

    if (s && d->slot >= 0 && d->slot < MCA_SLOTS && s->slot[d->slot] == d) {
        d->irq_request = false;
        d->pos[2] &= ~MCA_POS2_ENABLE;
        mca_device_update_irq(d);
        s->slot[d->slot] = NULL;
    }
}

/* Reset: the card's own, then the POS values it was configured with. */
static void mca_device_reset_hold(Object *obj, ResetType type)
{
    MCADevice *d = MCA_DEVICE(obj);
    MCADeviceClass *mc = MCA_DEVICE_GET_CLASS(d);

    if (mc->card_reset) {
        mc->card_reset(d);
    }
    mca_device_power_on(d);
}

static const Property mca_device_properties[] = {
    DEFINE_PROP_INT32("slot", MCADevice, slot, -1),
    DEFINE_PROP("fault-pos", MCADevice, fault_pos, mca_prop_fault_pos,
                char *),
};

static void mca_device_class_init(ObjectClass *oc, const void *data)
{
    DeviceClass *dc = DEVICE_CLASS(oc);
    ResettableClass *rc = RESETTABLE_CLASS(oc);

    dc->bus_type = TYPE_MCA_BUS;
    dc->realize = mca_device_realize;
    dc->unrealize = mca_device_unrealize;
    rc->phases.hold = mca_device_reset_hold;
    device_class_set_props(dc, mca_device_properties);
    object_class_property_set_description(oc, "slot",
        "MCA slot 0-7 (default: the first free slot)");
    object_class_property_set_description(oc, "fault-pos",
        "Fault: power-on POS values past the card's own, R=VV[:R=VV] "
        "(register 2-7 = hex byte), e.g. 4=04");
}

static const TypeInfo mca_device_info = {
    .name = TYPE_MCA_DEVICE,
    .parent = TYPE_DEVICE,
    .instance_size = sizeof(MCADevice),
    .abstract = true,
    .class_size = sizeof(MCADeviceClass),
    .class_init = mca_device_class_init,
};

/* ---- the board's side ------------------------------------------------- */

static bool voyager_mca_get_scsi(Object *obj, Error **errp)
{
    return !VOYAGER_MACHINE(obj)->mca_scsi_off;
}

static void voyager_mca_set_scsi(Object *obj, bool value, Error **errp)
{
    VOYAGER_MACHINE(obj)->mca_scsi_off = !value;
}

void voyager_mca_machine_class_init(ObjectClass *oc)
{
    object_class_property_add_bool(oc, "mca-scsi", voyager_mca_get_scsi,
                                   voyager_mca_set_scsi);
    object_class_property_set_description(oc, "mca-scsi",
        "NCR's SCSI adapter in MCA slot 0, with the -drive if=scsi disks: "
        "the on-board 53C710 (id 01BBh) on Level 4, a 53C710 card (id "
        "01BAh) on Level 5 (default on)");
}

DeviceState *voyager_mca_init(Object *machine, qemu_irq *isa_irqs,
                              int level, bool default_scsi)
{
    DeviceState *dev = qdev_new(TYPE_VOYAGER_MCA);
    VoyagerMCAState *s = VOYAGER_MCA(dev);
    DeviceState *card;
    int i;

    object_property_add_child(machine, "mca", OBJECT(dev));
    sysbus_realize_and_unref(SYS_BUS_DEVICE(dev), &error_fatal);
    for (i = 0; i < MCA_ISA_IRQS; i++) {
        qdev_connect_gpio_out(dev, i, isa_irqs[i]);
    }
    if (default_scsi) {
        card = qdev_new(TYPE_NCR53C710_MCA);

        qdev_prop_set_int32(card, "slot", 0);
        qdev_prop_set_uint16(card, "card-id", level == 4 ? 0x01bb : 0x01ba);
        qdev_prop_set_bit(card, "legacy-drives", true);
        object_property_add_child(OBJECT(dev), "scsi0", OBJECT(card));
        qdev_realize_and_unref(card, &s->bus, &error_fatal);
    }
    /*
     * Network cards are options, not part of the board: only a -nic or
     * -net nic that names the model (ne2-mca, or ne2) adds an NE/2, in
     * the first free slot.
     */
    for (i = 0; (card = qemu_create_nic_device(TYPE_NE2_MCA, false, "ne2"));
         i++) {
        g_autofree char *name = g_strdup_printf("net%d", i);

        object_property_add_child(OBJECT(dev), name, OBJECT(card));
        qdev_realize_and_unref(card, &s->bus, &error_fatal);
    }
    return dev;
}

static void voyager_mca_register_types(void)
{
    type_register_static(&mca_bus_info);
    type_register_static(&mca_bridge_info);
    type_register_static(&mca_device_info);
}

type_init(voyager_mca_register_types)
