/*
 * Novell NE/2 Ethernet adapter on the Micro Channel
 *
 * An NE2000-class card (a DP8390 with 16 KiB of buffer memory behind a
 * remote-DMA data port) with its settings in POS instead of jumpers, as
 * the kernel's old ne2 driver decodes them:
 *
 *   POS2 bit 0      card enable: only then does it decode its ports and
 *                   drive its interrupt
 *   POS2 bits 3:1   I/O base: 1-7 select 1000h, 2020h, 8020h, A0A0h,
 *                   B0B0h, C0C0h, C3D0h; 0 selects none
 *   POS2 bits 6:5   IRQ 3, 4, 5 or 9
 *
 * Its 30h ports: the 8390's registers at 00h-0Fh, the data port at 10h
 * and the reset port at 20h (read: reset; write: ignored).  The ISA
 * NE2000 resets at 1Fh instead; here 18h-1Fh decode nothing.
 *
 * Compatible cards with the same POS layout answer other ids: 6354h
 * (Arco AE/2) and 70DEh (Compex ENET-16 MC/P).  The 8390 and its buffer
 * are QEMU's NE2000 core; its station address PROM holds the NIC's MAC.
 *
 * Copyright (c) 2026 The NCR Voyager Linux port developers
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/module.h"
#include "hw/core/irq.h"
#include "hw/core/qdev-properties.h"
#include "hw/mca/voyager_mca.h"
#include "migration/vmstate.h"
#include "net/net.h"
#include "ne2000.h"

#define NE2_IO_SIZE         0x30
#define NE2_CORE_SIZE       0x18    /* 8390 registers and the data port */
#define NE2_RESET_PORT      0x20
#define NE2_RESET_SIZE      0x10

#define NE2_POS2_BASE       0x0e
#define NE2_POS2_IRQ        0x60

OBJECT_DECLARE_SIMPLE_TYPE(NE2MCAState, NE2_MCA)

struct NE2MCAState {
    MCADevice parent_obj;

    /* properties: the power-on POS values */
    uint32_t iobase;
    uint8_t irq;

    NE2000State ne2000;
    MemoryRegion io;            /* the card's 30h ports */
    MemoryRegion reset_io;      /* 20h-2Fh */
    uint32_t mapped_base;       /* 0: not decoding */
};

static const uint32_t ne2_bases[] = {
    0x1000, 0x2020, 0x8020, 0xa0a0, 0xb0b0, 0xc0c0, 0xc3d0
};
static const uint8_t ne2_irqs[] = { 3, 4, 5, 9 };

static const struct {
    uint16_t id;
    const char *name;
} ne2_cards[] = {
    { 0x7154, "Novell Ethernet Adapter NE/2" },
    { 0x6354, "Arco Ethernet Adapter AE/2" },
    { 0x70de, "Compex ENET-16 MC/P" },
};

/* ---- POS decoding ----------------------------------------------------- */

static uint32_t ne2_pos_base(MCADevice *d)
{
    unsigned idx = (d->pos[2] & NE2_POS2_BASE) >> 1;

    return idx ? ne2_bases[idx - 1] : 0;
}

static int ne2_pos_irq(MCADevice *d)
{
    return ne2_irqs[(d->pos[2] & NE2_POS2_IRQ) >> 5];
}

/* Decode the ports the POS values select, while enabled. */
static void ne2_remap(NE2MCAState *s)
{
    MCADevice *d = MCA_DEVICE(s);

    mca_device_map_io(d, &s->io, &s->mapped_base,
                      mca_device_enabled(d) ? ne2_pos_base(d) : 0);
}

static void ne2_pos_written(MCADevice *d, int reg)
{
    ne2_remap(NE2_MCA(d));
}

static void ne2_describe(MCADevice *d, GString *buf)
{
    NE2MCAState *s = NE2_MCA(d);
    const uint8_t *mac = s->ne2000.c.macaddr.a;

    if (s->mapped_base) {
        g_string_append_printf(buf, ", I/O 0x%04x-0x%04x", s->mapped_base,
                               s->mapped_base + NE2_IO_SIZE - 1);
    } else {
        g_string_append(buf, ", no I/O");
    }
    g_string_append_printf(buf, ", IRQ %d, MAC "
                           "%02x:%02x:%02x:%02x:%02x:%02x", ne2_pos_irq(d),
                           mac[0], mac[1], mac[2], mac[3], mac[4], mac[5]);
}

/* ---- the reset port --------------------------------------------------- */

static uint64_t ne2_reset_read(void *opaque, hwaddr addr, unsigned size)
{
    NE2MCAState *s = opaque;

    if (addr == 0) {
        ne2000_reset(&s->ne2000);
        return 0;
    }
    return ~0ull;
}

static void ne2_reset_write(void *opaque, hwaddr addr, uint64_t val,
                            unsigned size)
{
    /* The write that ends the reset pulse: nothing to do. */
}

static const MemoryRegionOps ne2_reset_ops = {
    .read = ne2_reset_read,
    .write = ne2_reset_write,
    .impl.min_access_size = 1,
    .impl.max_access_size = 1,
    .endianness = DEVICE_LITTLE_ENDIAN,
};

/* ---- the card --------------------------------------------------------- */

static void ne2_chip_irq(void *opaque, int n, int level)
{
    mca_device_set_irq(MCA_DEVICE(opaque), level);
}

static NetClientInfo ne2_net_info = {
    .type = NET_CLIENT_DRIVER_NIC,
    .size = sizeof(NICState),
    .receive = ne2000_receive,
};

static bool ne2_encode_pos(NE2MCAState *s, Error **errp)
{
    MCADevice *d = MCA_DEVICE(s);
    int b, i;

    for (b = 0; b < ARRAY_SIZE(ne2_bases) && ne2_bases[b] != s->iobase; b++) {
        /* look the base up */
    }
    if (b == ARRAY_SIZE(ne2_bases)) {
        error_setg(errp, "iobase: 0x%x is not an I/O base of the NE/2 "
                   "(0x1000, 0x2020, 0x8020, 0xa0a0, 0xb0b0, 0xc0c0 or "
                   "0xc3d0)", s->iobase);
        return false;
    }
    for (i = 0; i < ARRAY_SIZE(ne2_irqs) && ne2_irqs[i] != s->irq; i++) {
        /* look the IRQ up */
    }
    if (i == ARRAY_SIZE(ne2_irqs)) {
        error_setg(errp, "irq: %u is not an IRQ of the NE/2 (3, 4, 5 or 9)",
                   s->irq);
        return false;
    }
    d->pos_reset[2] = MCA_POS2_ENABLE | (b + 1) << 1 | i << 5;
    return true;
}

static void ne2_realize(DeviceState *dev, Error **errp)
{
    NE2MCAState *s = NE2_MCA(dev);
    MCADevice *d = MCA_DEVICE(dev);
    NE2000State *ne = &s->ne2000;
    int i;

    for (i = 0; i < ARRAY_SIZE(ne2_cards) && ne2_cards[i].id != d->id; i++) {
        /* look the id up */
    }
    if (i == ARRAY_SIZE(ne2_cards)) {
        error_setg(errp, "card-id: %04Xh is not an NE/2-compatible card "
                   "(7154h, 6354h or 70DEh)", d->id);
        return;
    }
    if (!ne2_encode_pos(s, errp)) {
        return;
    }
    memcpy(d->pos, d->pos_reset, sizeof(d->pos));

    memory_region_init(&s->io, OBJECT(s), "ne2-mca", NE2_IO_SIZE);
    ne2000_setup_io(ne, dev, NE2_CORE_SIZE);
    memory_region_add_subregion(&s->io, 0, &ne->io);
    memory_region_init_io(&s->reset_io, OBJECT(s), &ne2_reset_ops, s,
                          "ne2-mca-reset", NE2_RESET_SIZE);
    memory_region_add_subregion(&s->io, NE2_RESET_PORT, &s->reset_io);

    ne->irq = qemu_allocate_irq(ne2_chip_irq, s, 0);
    qemu_macaddr_default_if_unset(&ne->c.macaddr);
    ne2000_reset(ne);
    ne->nic = qemu_new_nic(&ne2_net_info, &ne->c,
                           object_get_typename(OBJECT(dev)), dev->id,
                           &dev->mem_reentrancy_guard, ne);
    qemu_format_nic_info_str(qemu_get_queue(ne->nic), ne->c.macaddr.a);

    ne2_remap(s);
    mca_device_update_irq(d);
}

static void ne2_card_reset(MCADevice *d)
{
    ne2000_reset(&NE2_MCA(d)->ne2000);
}

static int ne2_post_load(void *opaque, int version_id)
{
    NE2MCAState *s = opaque;

    ne2_remap(s);
    mca_device_update_irq(MCA_DEVICE(s));
    return 0;
}

static const VMStateDescription vmstate_ne2_mca_power_on =
    VMSTATE_MCA_POWER_ON("ne2-mca", NE2MCAState);

static const VMStateDescription vmstate_ne2_mca = {
    .name = "ne2-mca",
    .version_id = 1,
    .minimum_version_id = 1,
    .post_load = ne2_post_load,
    .fields = (const VMStateField[]) {
        VMSTATE_UINT8_ARRAY(parent_obj.pos, NE2MCAState, MCA_POS_REGS),
        VMSTATE_BOOL(parent_obj.irq_request, NE2MCAState),
        VMSTATE_STRUCT(ne2000, NE2MCAState, 0, vmstate_ne2000, NE2000State),
        VMSTATE_END_OF_LIST()
    },
    .subsections = (const VMStateDescription * const []) {
        &vmstate_ne2_mca_power_on,
        NULL
    }
};

static const Property ne2_properties[] = {
    DEFINE_PROP_UINT16("card-id", NE2MCAState, parent_obj.id, 0x7154),
    DEFINE_PROP_UINT32("iobase", NE2MCAState, iobase, 0x1000),
    DEFINE_PROP_UINT8("irq", NE2MCAState, irq, 5),
    DEFINE_NIC_PROPERTIES(NE2MCAState, ne2000.c),
};

static void ne2_class_init(ObjectClass *oc, const void *data)
{
    DeviceClass *dc = DEVICE_CLASS(oc);
    MCADeviceClass *mc = MCA_DEVICE_CLASS(oc);

    mc->card_realize = ne2_realize;
    mc->card_reset = ne2_card_reset;
    mc->pos_written = ne2_pos_written;
    mc->pos_irq = ne2_pos_irq;
    mc->describe = ne2_describe;
    dc->vmsd = &vmstate_ne2_mca;
    dc->desc = "Novell NE/2 Ethernet adapter on the Micro Channel "
               "(NE2000 core)";
    set_bit(DEVICE_CATEGORY_NETWORK, dc->categories);
    device_class_set_props(dc, ne2_properties);
    object_class_property_set_description(oc, "card-id",
        "MCA card id: 7154 (Novell NE/2, default), 6354 (Arco AE/2) or "
        "70DE (Compex ENET-16 MC/P)");
    object_class_property_set_description(oc, "iobase",
        "Power-on I/O base as POS2 selects it (default 0x1000)");
    object_class_property_set_description(oc, "irq",
        "Power-on IRQ as POS2 selects it: 3, 4, 5 (default) or 9");
}

static const TypeInfo ne2_info = {
    .name = TYPE_NE2_MCA,
    .parent = TYPE_MCA_DEVICE,
    .instance_size = sizeof(NE2MCAState),
    .class_init = ne2_class_init,
};

static void ne2_register_types(void)
{
    type_register_static(&ne2_info);
}

type_init(ne2_register_types)
