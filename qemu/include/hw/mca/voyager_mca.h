/*
 * NCR Voyager Micro Channel bus
 *
 * The primary MCA bus of the voyager board: Programmable Option Select
 * (POS) registers reached through the system board setup port 94h, the
 * adapter setup port 96h and the POS window 100h-107h; eight slots;
 * level-triggered card interrupts into the VIC's ISA inputs.
 *
 * Copyright (c) 2026 The NCR Voyager Linux port developers
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef HW_MCA_VOYAGER_MCA_H
#define HW_MCA_VOYAGER_MCA_H

#include "hw/core/qdev.h"
#include "hw/core/sysbus.h"
#include "qom/object.h"

#define TYPE_VOYAGER_MCA    "voyager-mca"   /* the bridge: ports, slots */
#define TYPE_MCA_BUS        "mca-bus"
#define TYPE_MCA_DEVICE     "mca-device"    /* abstract: a card */

#define MCA_SLOTS           8
#define MCA_POS_REGS        8
#define MCA_ISA_IRQS        16

#define MCA_SYS_SETUP_PORT  0x94    /* bit 7 clear: system board setup */
#define MCA_ADP_SETUP_PORT  0x96    /* bit 3 set: setup of slot bits 2:0 */
#define MCA_POS_PORT        0x100   /* POS 0-7 at 100h-107h */

#define MCA_ADP_SETUP_EN    0x08
#define MCA_ADP_SETUP_SLOT  0x07
#define MCA_SYS_SETUP_OFF   0x80    /* 94h bit 7 set: planar setup off */

#define MCA_POS2_ENABLE     0x01    /* POS2 bit 0: card enable */
#define MCA_POS5_NO_CHCK    0x80    /* POS5 bit 7 set: no channel check */
#define MCA_POS5_NO_STATUS  0x40    /* POS5 bit 6 set: no status */

#define MCA_ID_NONE         0xffff  /* what an empty slot answers */

OBJECT_DECLARE_SIMPLE_TYPE(VoyagerMCAState, VOYAGER_MCA)
OBJECT_DECLARE_TYPE(MCADevice, MCADeviceClass, MCA_DEVICE)

struct MCADevice {
    DeviceState parent_obj;

    /* properties */
    int32_t slot;               /* 0-7; -1: the first free slot */
    char *fault_pos;            /* "R=VV:R=VV": power-on POS overrides */

    /* set by the card's realize; POS0/1 read as id, never written */
    uint16_t id;
    uint8_t pos[MCA_POS_REGS];          /* current POS 2-7 */
    uint8_t pos_reset[MCA_POS_REGS];    /* POS 2-7 at power-on */
    uint8_t pos_card[MCA_POS_REGS];     /* ... before fault-pos */
    bool fault_pos_changed;     /* fault-pos was set at run time */

    /* interrupt: the card's request and the ISA line it drives now */
    bool irq_request;
    int irq_line;               /* -1: none */
};

struct MCADeviceClass {
    DeviceClass parent_class;

    /* The card's realize, after the bus has checked the slot. */
    DeviceRealize card_realize;
    /* The card's reset, after its POS registers took power-on values. */
    void (*card_reset)(MCADevice *dev);
    /*
     * A POS register (2-7) was written in setup mode, or (-1) all took
     * their power-on values: decode them.
     */
    void (*pos_written)(MCADevice *dev, int reg);
    /* POS register read (2-7); NULL: the stored value. */
    uint8_t (*pos_read)(MCADevice *dev, int reg);
    /* The ISA IRQ the current POS values select, or -1. */
    int (*pos_irq)(MCADevice *dev);
    /* The end of the card's line in `qom-get /machine/mca slots`. */
    void (*describe)(MCADevice *dev, GString *buf);
};

/*
 * The subsection of card state @card's vmstate @parent (its MCADevice
 * parent_obj first): the power-on POS values when fault-pos changed
 * them at run time.
 */
bool mca_device_power_on_needed(void *opaque);
#define VMSTATE_MCA_POWER_ON(parent, card) {                             \
    .name = parent "/power-on",                                         \
    .version_id = 1,                                                    \
    .minimum_version_id = 1,                                            \
    .needed = mca_device_power_on_needed,                               \
    .fields = (const VMStateField[]) {                                  \
        VMSTATE_UINT8_ARRAY(parent_obj.pos_reset, card, MCA_POS_REGS),  \
        VMSTATE_BOOL(parent_obj.fault_pos_changed, card),               \
        VMSTATE_END_OF_LIST()                                           \
    }                                                                   \
}

struct VoyagerMCAState {
    SysBusDevice parent_obj;

    BusState bus;
    MemoryRegion sys_setup_io;  /* 94h */
    MemoryRegion adp_setup_io;  /* 96h, over the CAT's "MC setup" */
    MemoryRegion pos_io;        /* 100h-107h */
    MemoryRegion *under_96;     /* what 96h hides (the CAT), or NULL */
    hwaddr under_96_offset;

    uint8_t sys_setup;
    uint8_t adp_setup;
    MCADevice *slot[MCA_SLOTS];
    uint8_t irq_users[MCA_ISA_IRQS];    /* bit n: the card of slot n */
    qemu_irq isa_irq[MCA_ISA_IRQS];
};

/* Cards: the interrupt request of @dev changed, or its POS did. */
void mca_device_set_irq(MCADevice *dev, bool level);
void mca_device_update_irq(MCADevice *dev);
bool mca_device_enabled(MCADevice *dev);
/*
 * Cards: decode @mr in the system I/O space at @base, 0 for nowhere (the
 * card disabled or no base selected); *@mapped says where it decodes now.
 */
void mca_device_map_io(MCADevice *dev, MemoryRegion *mr, uint32_t *mapped,
                       uint32_t base);

/*
 * The board (hw/i386/voyager.c): the MCA bus with its ports, the card
 * interrupts on @isa_irqs (the VIC's 16 inputs), and, unless the
 * machine property mca-scsi=off, NCR's SCSI adapter for @level in
 * slot 0 with the -drive if=scsi disks; an NE/2 for each -nic whose
 * model is ne2-mca (or ne2).  Call after the CAT exists.
 */
DeviceState *voyager_mca_init(Object *machine, qemu_irq *isa_irqs,
                              int level, bool default_scsi);
/* The machine properties of the MCA bus (mca-scsi). */
void voyager_mca_machine_class_init(ObjectClass *oc);

#define TYPE_NCR53C710_MCA  "ncr53c710-mca"
#define TYPE_NE2_MCA        "ne2-mca"

#endif
