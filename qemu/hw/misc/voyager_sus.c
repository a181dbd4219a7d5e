/*
 * NCR Voyager: the SUS interface (extended CMOS, mailbox, ClickMap)
 *
 * Hardware reference (voyager-hw.md) sections 2.2, 7.1, 7.2 and 8.1; the
 * choices made where it is silent are listed in
 * docs/system/i386/voyager-cat.rst.
 *
 * Copyright (c) 2026 The NCR Voyager Linux port developers
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qapi/visitor.h"
#include "qemu/error-report.h"
#include "qemu/log.h"
#include "qemu/module.h"
#include "qemu/units.h"
#include "hw/core/boards.h"
#include "hw/core/qdev-properties.h"
#include "migration/vmstate.h"
#include "hw/misc/voyager_sus.h"
#include "trace.h"

#define SUS_VERSION         0x01        /* mailbox byte 2 */
#define SUS_OS_VERSION      3           /* mailbox: OS interface version */
#define SUS_OS_FLAGS        4           /* mailbox: OS flags, 32 bits */
#define SUS_OS_HAS_SYSINT   0x01
#define BASE_MEM_END        0x9f000     /* below SeaBIOS's EBDA */
#define EXT_MEM_START       0x100000
#define CLICK               4096
/* Like the PC machines: all RAM below 4 GiB up to 3.5 GiB, else 3 GiB. */
#define LOWMEM_SPLIT        0xe0000000ull
#define LOWMEM_LARGE        0xc0000000ull

static void put32(uint8_t *p, uint32_t v)
{
    p[0] = v;
    p[1] = v >> 8;
    p[2] = v >> 16;
    p[3] = v >> 24;
}

static void sus_build_clickmap(VoyagerSusState *s)
{
    uint64_t low = s->ram >= LOWMEM_SPLIT ? LOWMEM_LARGE : s->ram;
    uint8_t *e = s->clickmap;

    memset(s->clickmap, 0, sizeof(s->clickmap));
    /* base memory; the 640 KiB - 1 MiB hole is left out */
    put32(e, 0);
    put32(e + 4, MIN(low, BASE_MEM_END) / CLICK);
    e += 8;
    if (low > EXT_MEM_START) {
        put32(e, EXT_MEM_START);
        put32(e + 4, (low - EXT_MEM_START) / CLICK);
        e += 8;
    }
    /*
     * fault-clickmap: one more entry, 1 MiB of base memory counted again
     * (a firmware table damaged in its battery-backed store); a kernel
     * must refuse a map whose ranges overlap.
     */
    if (s->fault_clickmap) {
        put32(e, 0);
        put32(e + 4, MIN(low, EXT_MEM_START) / CLICK);
    }
    /* the next entry, all zero, terminates the list */
}

static bool sus_get_fault_clickmap(Object *obj, Error **errp)
{
    return VOYAGER_SUS(obj)->fault_clickmap;
}

/* Set at run time: the firmware's next read (a reboot) sees it. */
static void sus_set_fault_clickmap(Object *obj, bool value, Error **errp)
{
    VoyagerSusState *s = VOYAGER_SUS(obj);

    if (value && s->level != 5) {
        error_setg(errp, "fault-clickmap: a Level 4 machine has no "
                   "ClickMap (its memory size comes from the DINO)");
        return;
    }
    s->fault_clickmap = value;
    if (DEVICE(obj)->realized) {
        sus_build_clickmap(s);
    }
}

static uint8_t xcmos_value(VoyagerSusState *s, uint16_t idx)
{
    uint32_t v;
    int off;

    if (idx >= VOYAGER_XCMOS_PRESENT && idx < VOYAGER_XCMOS_PRESENT + 4) {
        v = voyager_present_cpus(&s->cfg);
        off = idx - VOYAGER_XCMOS_PRESENT;
    } else if (s->level == 4) {
        /*
         * Level 4 has no SUS mailbox or ClickMap (fidelity audit D22;
         * its memory is in the DINO): the pointers read 0, which fails
         * the old kernel's FFxxxxxxh check.
         */
        return 0;
    } else if (idx >= VOYAGER_XCMOS_CLICKMAP &&
               idx < VOYAGER_XCMOS_CLICKMAP + 4) {
        v = VOYAGER_SUS_BASE + VOYAGER_SUS_CLICKMAP;
        off = idx - VOYAGER_XCMOS_CLICKMAP;
    } else if (idx >= VOYAGER_XCMOS_MAILBOX &&
               idx < VOYAGER_XCMOS_MAILBOX + 4) {
        v = VOYAGER_SUS_BASE + VOYAGER_SUS_MAILBOX;
        off = idx - VOYAGER_XCMOS_MAILBOX;
    } else {
        return 0;
    }
    return v >> (8 * off);
}

static uint64_t xcmos_read(void *opaque, hwaddr addr, unsigned size)
{
    VoyagerSusState *s = opaque;
    uint8_t val;

    s->port_accesses++;
    switch (addr) {
    case 0:
        val = s->xcmos_index;
        break;
    case 1:
        val = s->xcmos_index >> 8;
        break;
    default:
        val = xcmos_value(s, s->xcmos_index);
        break;
    }
    trace_voyager_sus_xcmos_read(0x74 + addr, s->xcmos_index, val);
    return val;
}

static void xcmos_write(void *opaque, hwaddr addr, uint64_t data,
                        unsigned size)
{
    VoyagerSusState *s = opaque;

    s->port_accesses++;
    trace_voyager_sus_xcmos_write(0x74 + addr, data);
    switch (addr) {
    case 0:
        s->xcmos_index = (s->xcmos_index & 0xff00) | (data & 0xff);
        break;
    case 1:
        s->xcmos_index = (s->xcmos_index & 0xff) | ((data & 0xff) << 8);
        break;
    default:
        qemu_log_mask(LOG_GUEST_ERROR, "voyager-sus: write 0x%02x to the "
                      "extended CMOS at index 0x%04x ignored\n",
                      (uint8_t)data, s->xcmos_index);
        break;
    }
}

static const MemoryRegionOps xcmos_ops = {
    .read = xcmos_read,
    .write = xcmos_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid.min_access_size = 1,
    .valid.max_access_size = 4,
    .impl.min_access_size = 1,
    .impl.max_access_size = 1,
};

static uint64_t ctl_read(void *opaque, hwaddr addr, unsigned size)
{
    VoyagerSusState *s = opaque;

    s->port_accesses++;
    trace_voyager_sus_in_control_read(s->in_control);
    return s->in_control;
}

static void ctl_write(void *opaque, hwaddr addr, uint64_t data,
                      unsigned size)
{
    VoyagerSusState *s = opaque;

    s->port_accesses++;
    trace_voyager_sus_in_control_write(data);
    s->in_control = data;
}

static const MemoryRegionOps ctl_ops = {
    .read = ctl_read,
    .write = ctl_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid.min_access_size = 1,
    .valid.max_access_size = 4,
    .impl.min_access_size = 1,
    .impl.max_access_size = 1,
};

static uint8_t sus_byte(VoyagerSusState *s, hwaddr addr)
{
    if (addr < VOYAGER_SUS_MAILBOX + VOYAGER_SUS_MAILBOX_SIZE) {
        return s->mailbox[addr - VOYAGER_SUS_MAILBOX];
    }
    if (addr >= VOYAGER_SUS_CLICKMAP &&
        addr < VOYAGER_SUS_CLICKMAP + VOYAGER_SUS_CLICKMAP_SIZE) {
        return s->clickmap[addr - VOYAGER_SUS_CLICKMAP];
    }
    return 0;
}

static uint64_t sus_mmio_read(void *opaque, hwaddr addr, unsigned size)
{
    VoyagerSusState *s = opaque;
    uint64_t val = 0;
    unsigned i;

    s->mmio_accesses++;
    for (i = 0; i < size && addr + i < VOYAGER_SUS_SIZE; i++) {
        val |= (uint64_t)sus_byte(s, addr + i) << (8 * i);
    }
    trace_voyager_sus_mmio_read(addr, size, val);
    return val;
}

static void sus_mmio_write(void *opaque, hwaddr addr, uint64_t data,
                           unsigned size)
{
    VoyagerSusState *s = opaque;
    unsigned i;

    s->mmio_accesses++;
    trace_voyager_sus_mmio_write(addr, size, data);
    for (i = 0; i < size; i++) {
        hwaddr a = addr + i;

        if (a < VOYAGER_SUS_MAILBOX + VOYAGER_SUS_MAILBOX_SIZE) {
            s->mailbox[a - VOYAGER_SUS_MAILBOX] = data >> (8 * i);
        } else {
            qemu_log_mask(LOG_GUEST_ERROR, "voyager-sus: write to the "
                          "read-only SUS area at +0x%" HWADDR_PRIx "\n", a);
            return;
        }
    }
}

static const MemoryRegionOps sus_mmio_ops = {
    .read = sus_mmio_read,
    .write = sus_mmio_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid.min_access_size = 1,
    .valid.max_access_size = 4,
    .impl.min_access_size = 1,
    .impl.max_access_size = 4,
};

void voyager_sus_dump_request(DeviceState *sus)
{
    VoyagerSusState *s = VOYAGER_SUS(sus);

    if (s->level == 4) {
        return;                 /* no mailbox (D22) */
    }
    trace_voyager_sus_dump_request();
    s->mailbox[0] = VOYAGER_SUS_DUMP_NMI;
}

static void voyager_sus_reset_hold(Object *obj, ResetType type)
{
    VoyagerSusState *s = VOYAGER_SUS(obj);

    s->xcmos_index = 0;
    s->in_control = 0;
    memset(s->mailbox, 0, sizeof(s->mailbox));
    s->mailbox[0] = VOYAGER_SUS_VALID;
    s->mailbox[2] = SUS_VERSION;
}

static uint32_t sus_os_flags(VoyagerSusState *s)
{
    const uint8_t *p = &s->mailbox[SUS_OS_FLAGS];

    return p[0] | (p[1] << 8) | (p[2] << 16) | ((uint32_t)p[3] << 24);
}

static void sus_get_os_flags(Object *obj, Visitor *v, const char *name,
                             void *opaque, Error **errp)
{
    uint32_t flags = sus_os_flags(VOYAGER_SUS(obj));

    visit_type_uint32(v, name, &flags, errp);
}

/*
 * The OS has registered (old kernel, voyager_cat_init): an interface
 * version at byte 3 and "OS has sysint" in the flags at byte 4.
 */
static bool sus_get_os_registered(Object *obj, Error **errp)
{
    VoyagerSusState *s = VOYAGER_SUS(obj);

    return s->mailbox[SUS_OS_VERSION] &&
           (sus_os_flags(s) & SUS_OS_HAS_SYSINT);
}

static void voyager_sus_realize(DeviceState *dev, Error **errp)
{
    VoyagerSusState *s = VOYAGER_SUS(dev);
    ISADevice *isa = ISA_DEVICE(dev);

    s->cfg.level = s->level;
    s->cfg.model_class = 0;
    s->cfg.slots = s->slots;
    if (!voyager_config_parse_cards(&s->cfg, s->cards ?: "", errp) ||
        !voyager_config_check(&s->cfg, errp)) {
        return;
    }
    if (!s->ram_size) {
        error_setg(errp, "voyager-sus: ram-size is not set (the board sets it)");
        return;
    }
    s->ram = s->ram_size;
    if (s->ram > 4 * GiB) {
        warn_report("voyager-sus: the ClickMap describes RAM below 4 GiB "
                    "only");
    }
    sus_build_clickmap(s);

    memory_region_init_io(&s->xcmos_io, OBJECT(s), &xcmos_ops, s,
                          "voyager-sus-xcmos", 3);
    isa_register_ioport(isa, &s->xcmos_io, 0x74);
    /* 3FFh is also the scratch register of a COM1 UART: the SUS wins */
    memory_region_init_io(&s->ctl_io, OBJECT(s), &ctl_ops, s,
                          "voyager-sus-control", 1);
    memory_region_add_subregion_overlap(isa_address_space_io(isa), 0x3ff,
                                        &s->ctl_io, 1);
    if (s->level == 5) {
        memory_region_init_io(&s->mmio, OBJECT(s), &sus_mmio_ops, s,
                              "voyager-sus", VOYAGER_SUS_SIZE);
        memory_region_add_subregion_overlap(isa_address_space(isa),
                                            VOYAGER_SUS_BASE, &s->mmio, 1);
    }

    /* D3: what the OS registered in the mailbox (7.2) */
    object_property_add_uint8_ptr(OBJECT(s), "os-version",
                                  &s->mailbox[SUS_OS_VERSION],
                                  OBJ_PROP_FLAG_READ);
    object_property_add(OBJECT(s), "os-flags", "uint32", sus_get_os_flags,
                        NULL, NULL, NULL);
    object_property_add_bool(OBJECT(s), "os-registered",
                             sus_get_os_registered, NULL);
    object_property_add_bool(OBJECT(s), "fault-clickmap",
                             sus_get_fault_clickmap, sus_set_fault_clickmap);
    object_property_add_uint64_ptr(OBJECT(s), "port-accesses",
                                   &s->port_accesses, OBJ_PROP_FLAG_READ);
    object_property_add_uint64_ptr(OBJECT(s), "mmio-accesses",
                                   &s->mmio_accesses, OBJ_PROP_FLAG_READ);
}

static void voyager_sus_instance_post_init(Object *obj)
{
    VoyagerSusState *s = VOYAGER_SUS(obj);

    if (!s->cards) {
        s->cards = g_strdup("dyad");
    }
}

static bool sus_fault_needed(void *opaque)
{
    return VOYAGER_SUS(opaque)->fault_clickmap;
}

static int sus_fault_post_load(void *opaque, int version_id)
{
    sus_build_clickmap(VOYAGER_SUS(opaque));
    return 0;
}

/* A ClickMap fault set at run time goes with the machine. */
static const VMStateDescription vmstate_voyager_sus_fault = {
    .name = "voyager-sus/fault",
    .version_id = 1,
    .minimum_version_id = 1,
    .needed = sus_fault_needed,
    .post_load = sus_fault_post_load,
    .fields = (const VMStateField[]) {
        VMSTATE_BOOL(fault_clickmap, VoyagerSusState),
        VMSTATE_END_OF_LIST()
    }
};

static const VMStateDescription vmstate_voyager_sus = {
    .name = "voyager-sus",
    .version_id = 1,
    .minimum_version_id = 1,
    .subsections = (const VMStateDescription * const []) {
        &vmstate_voyager_sus_fault,
        NULL
    },
    .fields = (const VMStateField[]) {
        VMSTATE_UINT16(xcmos_index, VoyagerSusState),
        VMSTATE_UINT8(in_control, VoyagerSusState),
        VMSTATE_UINT8_ARRAY(mailbox, VoyagerSusState,
                            VOYAGER_SUS_MAILBOX_SIZE),
        VMSTATE_END_OF_LIST()
    }
};

static const Property voyager_sus_properties[] = {
    DEFINE_PROP_UINT8("level", VoyagerSusState, level, 5),
    DEFINE_PROP_UINT8("slots", VoyagerSusState, slots, 4),
    DEFINE_PROP_STRING("cards", VoyagerSusState, cards),
    DEFINE_PROP_UINT64("ram-size", VoyagerSusState, ram_size, 0),
};

static void voyager_sus_class_init(ObjectClass *klass, const void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);
    ResettableClass *rc = RESETTABLE_CLASS(klass);

    dc->realize = voyager_sus_realize;
    rc->phases.hold = voyager_sus_reset_hold;
    dc->vmsd = &vmstate_voyager_sus;
    dc->desc = "NCR Voyager SUS: extended CMOS, mailbox, ClickMap";
    device_class_set_props(dc, voyager_sus_properties);
    set_bit(DEVICE_CATEGORY_MISC, dc->categories);
    /* Part of the voyager board, which sets its cards and RAM. */
    dc->user_creatable = false;
}

static const TypeInfo voyager_sus_info = {
    .name = TYPE_VOYAGER_SUS,
    .parent = TYPE_ISA_DEVICE,
    .instance_size = sizeof(VoyagerSusState),
    .instance_post_init = voyager_sus_instance_post_init,
    .class_init = voyager_sus_class_init,
};

static void voyager_sus_register_types(void)
{
    type_register_static(&voyager_sus_info);
}

type_init(voyager_sus_register_types)
