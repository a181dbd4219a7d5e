// SPDX-License-Identifier: GPL-2.0
/*
 * The Micro Channel (MCA) bus in the driver model.
 *
 * An MCA machine describes its cards through the Programmable Option
 * Select (POS) registers instead of jumpers: eight bytes per slot, seen
 * through the window at ports 100h-107h while the slot is in setup mode.
 * Port 96h puts one adapter in setup (bit 3 and the slot in bits 2:0),
 * port 94h the system board (bit 7 clear).  POS 0/1 are the card id (an
 * empty slot answers FFFFh), POS 2 bit 0 enables the card, POS 2-5 are
 * its settings, and POS 6/7 a sub-address through which POS 3 reaches
 * more settings on cards that have them (NCR's D700 keeps its I/O bases
 * there).
 *
 * The bus is found once at boot: an NCR Voyager always has it (the
 * platform code knows the machine); any other PC only if its BIOS said
 * so in the int 15h AH=C0h feature byte that the setup code stored.
 * Each occupied slot of the primary bus becomes a device "00:0N" on the
 * bus "mca", with its id, POS data, name and slot in sysfs, and a
 * MODALIAS of mca:vXXXX (the card id) in its uevents.  Drivers register
 * with an id table; their card interrupts are shareable and
 * level-triggered (mca_request_irq()), which the interrupt controller is
 * asked for through the IRQ's trigger type.
 *
 * Putting an adapter and the system board in setup at the same time can
 * damage either, so every POS access takes the system board out of setup
 * first, and leaves both out of setup when it is done.
 */

#define pr_fmt(fmt) "mca: " fmt

#include <linux/device.h>
#include <linux/dma-mapping.h>
#include <linux/init.h>
#include <linux/io.h>
#include <linux/ioport.h>
#include <linux/interrupt.h>
#include <linux/irq.h>
#include <linux/mca.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/sysfs.h>
#include <asm/setup.h>
#include <asm/voyager.h>

#define MCA_SYS_SETUP		0x94	/* bit 7 clear: system board setup */
#define MCA_SYS_SETUP_OFF	0xff
#define MCA_ADP_SETUP		0x96	/* bit 3 | slot: adapter setup */
#define MCA_ADP_SETUP_ON	0x08
#define MCA_ADP_SETUP_OFF	0x00
#define MCA_POS_PORT		0x100	/* POS 0-7 at 100h-107h */

/*
 * The int 15h AH=C0h system description: after its length word, byte 3
 * is feature byte 1, whose bit 1 says "Micro Channel".
 */
#define SYS_DESC_FEATURE1	3
#define SYS_DESC_MCA		0x02

/*
 * One lock for the setup ports and the POS window: the selection in 96h
 * and the access through 100h-107h must not interleave.
 */
static DEFINE_SPINLOCK(pos_lock);
static bool mca_bus_found;
static struct device *mca_root;

/* What the cards are, before a driver names them. */
static const struct {
	u16		id;
	const char	*name;
} mca_known_cards[] = {
	{ 0x01bb, "NCR 3360/3430 SCSI SubSystem" },
	{ 0x01ba, "NCR Dual SIOP SCSI Host Adapter Board" },
	{ 0x004f, "NCR 53c710 SCSI Host Adapter Board" },
	{ 0x0092, "NCR Dual 700 (D700) SCSI" },
	{ 0x0720, "NCR Quad 720 (Q720) SCSI" },
};

/**
 * mca_present() - is there a Micro Channel bus?
 *
 * Return: true once the bus was found (from subsys_initcall on).
 */
bool mca_present(void)
{
	return mca_bus_found;
}
EXPORT_SYMBOL_GPL(mca_present);

/* Slot @slot in adapter setup, the system board out of it; lock held. */
static void setup_on(unsigned int slot)
{
	outb(MCA_SYS_SETUP_OFF, MCA_SYS_SETUP);
	outb(MCA_ADP_SETUP_ON | slot, MCA_ADP_SETUP);
}

static void setup_off(void)
{
	outb(MCA_ADP_SETUP_OFF, MCA_ADP_SETUP);
}

/* Every POS register of @slot; true if the slot holds a card. */
static bool __init read_slot(unsigned int slot, u8 *pos)
{
	unsigned long flags;
	bool found = false;
	int i;

	spin_lock_irqsave(&pos_lock, flags);
	setup_on(slot);
	for (i = 0; i < MCA_POS_REGS; i++) {
		pos[i] = inb(MCA_POS_PORT + i);
		/* FFh everywhere is an empty slot. */
		if (pos[i] != 0xff)
			found = true;
	}
	setup_off();
	spin_unlock_irqrestore(&pos_lock, flags);
	return found;
}

/**
 * mca_device_read_pos() - read a POS register of a card
 * @mdev: the card
 * @reg: POS register 0-7
 *
 * Return: the register's value (FFh for a register that is not one).
 */
u8 mca_device_read_pos(struct mca_device *mdev, unsigned int reg)
{
	unsigned long flags;
	u8 val;

	if (reg >= MCA_POS_REGS)
		return 0xff;
	spin_lock_irqsave(&pos_lock, flags);
	setup_on(mdev->slot);
	val = inb(MCA_POS_PORT + reg);
	setup_off();
	mdev->pos[reg] = val;
	spin_unlock_irqrestore(&pos_lock, flags);
	return val;
}
EXPORT_SYMBOL_GPL(mca_device_read_pos);

/**
 * mca_device_write_pos() - write a POS register of a card
 * @mdev: the card
 * @reg: POS register 2-7 (0 and 1, the id, are read-only)
 * @val: the value
 */
void mca_device_write_pos(struct mca_device *mdev, unsigned int reg, u8 val)
{
	unsigned long flags;

	if (reg < 2 || reg >= MCA_POS_REGS)
		return;
	spin_lock_irqsave(&pos_lock, flags);
	setup_on(mdev->slot);
	outb(val, MCA_POS_PORT + reg);
	setup_off();
	mdev->pos[reg] = val;
	spin_unlock_irqrestore(&pos_lock, flags);
}
EXPORT_SYMBOL_GPL(mca_device_write_pos);

/*
 * Select sub-address @sub: POS 6 takes the low byte; POS 7, the high
 * one, is written only when it changes, so that a card that decodes an
 * 8-bit sub-address (the D700, whose driver never wrote POS 7) sees the
 * same accesses as under the firmware.  Lock held, slot in setup.
 */
static void select_sub(struct mca_device *mdev, u16 sub)
{
	if (mdev->pos[MCA_POS_SUB_HIGH] != sub >> 8) {
		outb(sub >> 8, MCA_POS_PORT + MCA_POS_SUB_HIGH);
		mdev->pos[MCA_POS_SUB_HIGH] = sub >> 8;
	}
	outb(sub & 0xff, MCA_POS_PORT + MCA_POS_SUB_LOW);
	mdev->pos[MCA_POS_SUB_LOW] = sub & 0xff;
}

/**
 * mca_device_read_pos_sub() - read POS 3 behind a sub-address
 * @mdev: the card
 * @sub: the sub-address (POS 7 high, POS 6 low byte)
 *
 * Return: the byte at @sub.  POS 6/7 keep @sub afterwards.
 */
u8 mca_device_read_pos_sub(struct mca_device *mdev, u16 sub)
{
	unsigned long flags;
	u8 val;

	spin_lock_irqsave(&pos_lock, flags);
	setup_on(mdev->slot);
	select_sub(mdev, sub);
	val = inb(MCA_POS_PORT + MCA_POS_SUB_DATA);
	setup_off();
	mdev->pos[MCA_POS_SUB_DATA] = val;
	spin_unlock_irqrestore(&pos_lock, flags);
	return val;
}
EXPORT_SYMBOL_GPL(mca_device_read_pos_sub);

/**
 * mca_device_write_pos_sub() - write POS 3 behind a sub-address
 * @mdev: the card
 * @sub: the sub-address
 * @val: the byte
 */
void mca_device_write_pos_sub(struct mca_device *mdev, u16 sub, u8 val)
{
	unsigned long flags;

	spin_lock_irqsave(&pos_lock, flags);
	setup_on(mdev->slot);
	select_sub(mdev, sub);
	outb(val, MCA_POS_PORT + MCA_POS_SUB_DATA);
	setup_off();
	mdev->pos[MCA_POS_SUB_DATA] = val;
	spin_unlock_irqrestore(&pos_lock, flags);
}
EXPORT_SYMBOL_GPL(mca_device_write_pos_sub);

/**
 * mca_device_set_name() - say what the card is (sysfs "name")
 * @mdev: the card
 * @name: its name
 */
void mca_device_set_name(struct mca_device *mdev, const char *name)
{
	strscpy(mdev->name, name, sizeof(mdev->name));
}
EXPORT_SYMBOL_GPL(mca_device_set_name);

/**
 * mca_request_irq() - request a card's interrupt
 * @mdev: the card
 * @irq: the IRQ its POS data selects
 * @handler: the handler; it must tell whether its card interrupted
 * @name: for /proc/interrupts
 * @dev_id: the cookie for the handler and mca_free_irq()
 *
 * Micro Channel interrupts are level-triggered and shared: the line stays
 * asserted while any card on it wants service.  The request says so
 * (IRQF_SHARED, and a level trigger type the interrupt controller is
 * asked to sense: the VIC on a Voyager, whose dyads run in level mode).
 * The IRQ then shows in the card's sysfs "irq".
 *
 * Return: 0, or the error of request_irq().
 */
int mca_request_irq(struct mca_device *mdev, unsigned int irq,
		    irq_handler_t handler, const char *name, void *dev_id)
{
	int ret;

	ret = request_irq(irq, handler, IRQF_SHARED | IRQF_TRIGGER_HIGH, name,
			  dev_id);
	if (!ret)
		mdev->irq = irq;
	return ret;
}
EXPORT_SYMBOL_GPL(mca_request_irq);

/**
 * mca_free_irq() - free what mca_request_irq() requested
 * @mdev: the card
 * @dev_id: the cookie it was requested with
 */
void mca_free_irq(struct mca_device *mdev, void *dev_id)
{
	if (mdev->irq < 0)
		return;
	free_irq(mdev->irq, dev_id);
	mdev->irq = -1;
}
EXPORT_SYMBOL_GPL(mca_free_irq);

/* ---- sysfs ------------------------------------------------------------ */

static ssize_t id_show(struct device *dev, struct device_attribute *attr,
		       char *buf)
{
	return sysfs_emit(buf, "0x%04x\n", to_mca_device(dev)->id);
}
static DEVICE_ATTR_RO(id);

static ssize_t slot_show(struct device *dev, struct device_attribute *attr,
			 char *buf)
{
	return sysfs_emit(buf, "%u\n", to_mca_device(dev)->slot);
}
static DEVICE_ATTR_RO(slot);

static ssize_t name_show(struct device *dev, struct device_attribute *attr,
			 char *buf)
{
	return sysfs_emit(buf, "%s\n", to_mca_device(dev)->name);
}
static DEVICE_ATTR_RO(name);

static ssize_t irq_show(struct device *dev, struct device_attribute *attr,
			char *buf)
{
	return sysfs_emit(buf, "%d\n", to_mca_device(dev)->irq);
}
static DEVICE_ATTR_RO(irq);

/* The POS registers as the card holds them now, POS 0 first. */
static ssize_t pos_show(struct device *dev, struct device_attribute *attr,
			char *buf)
{
	struct mca_device *mdev = to_mca_device(dev);
	unsigned long flags;
	u8 pos[MCA_POS_REGS];
	int i;

	spin_lock_irqsave(&pos_lock, flags);
	setup_on(mdev->slot);
	for (i = 0; i < MCA_POS_REGS; i++)
		pos[i] = inb(MCA_POS_PORT + i);
	setup_off();
	spin_unlock_irqrestore(&pos_lock, flags);
	return sysfs_emit(buf, "%*phN\n", MCA_POS_REGS, pos);
}
static DEVICE_ATTR_RO(pos);

static ssize_t modalias_show(struct device *dev, struct device_attribute *attr,
			     char *buf)
{
	return sysfs_emit(buf, "mca:v%04X\n", to_mca_device(dev)->id);
}
static DEVICE_ATTR_RO(modalias);

static struct attribute *mca_dev_attrs[] = {
	&dev_attr_id.attr,
	&dev_attr_slot.attr,
	&dev_attr_name.attr,
	&dev_attr_irq.attr,
	&dev_attr_pos.attr,
	&dev_attr_modalias.attr,
	NULL,
};
ATTRIBUTE_GROUPS(mca_dev);

/* ---- the bus ---------------------------------------------------------- */

static const struct mca_device_id *mca_match_id(const struct mca_driver *drv,
						const struct mca_device *mdev)
{
	const struct mca_device_id *id;

	for (id = drv->id_table; id && id->id; id++)
		if (id->id == mdev->id)
			return id;
	return NULL;
}

static int mca_bus_match(struct device *dev, const struct device_driver *drv)
{
	return !!mca_match_id(to_mca_driver(drv), to_mca_device(dev));
}

static int mca_bus_uevent(const struct device *dev, struct kobj_uevent_env *env)
{
	const struct mca_device *mdev = to_mca_device(dev);

	if (add_uevent_var(env, "MODALIAS=mca:v%04X", mdev->id))
		return -ENOMEM;
	return add_uevent_var(env, "MCA_SLOT=%u", mdev->slot);
}

static int mca_bus_probe(struct device *dev)
{
	struct mca_device *mdev = to_mca_device(dev);
	struct mca_driver *drv = to_mca_driver(dev->driver);
	const struct mca_device_id *id = mca_match_id(drv, mdev);

	if (!id || !drv->probe)
		return -ENODEV;
	return drv->probe(mdev, id);
}

static void mca_bus_remove(struct device *dev)
{
	struct mca_driver *drv = to_mca_driver(dev->driver);

	if (drv->remove)
		drv->remove(to_mca_device(dev));
}

const struct bus_type mca_bus_type = {
	.name		= "mca",
	.dev_groups	= mca_dev_groups,
	.match		= mca_bus_match,
	.uevent		= mca_bus_uevent,
	.probe		= mca_bus_probe,
	.remove		= mca_bus_remove,
};
EXPORT_SYMBOL_GPL(mca_bus_type);

/**
 * __mca_register_driver() - register a driver of MCA cards
 * @drv: the driver
 * @owner: its module (mca_register_driver() passes THIS_MODULE)
 *
 * Return: 0; -ENODEV on a machine without the bus; or the error of
 * driver_register().
 */
int __mca_register_driver(struct mca_driver *drv, struct module *owner)
{
	if (!mca_bus_found)
		return -ENODEV;
	drv->driver.bus = &mca_bus_type;
	drv->driver.owner = owner;
	return driver_register(&drv->driver);
}
EXPORT_SYMBOL_GPL(__mca_register_driver);

/**
 * mca_unregister_driver() - unregister what mca_register_driver() did
 * @drv: the driver
 */
void mca_unregister_driver(struct mca_driver *drv)
{
	if (mca_bus_found)
		driver_unregister(&drv->driver);
}
EXPORT_SYMBOL_GPL(mca_unregister_driver);

/* ---- enumeration ------------------------------------------------------ */

/* The bus is there: on a Voyager always, elsewhere if the BIOS says so. */
static bool __init mca_detect(const char **how)
{
	const struct sys_desc_table *t = &boot_params.sys_desc_table;

	if (is_voyager()) {
		*how = "NCR Voyager";
		return true;
	}
	*how = "BIOS feature byte";
	return t->length > SYS_DESC_FEATURE1 &&
	       t->table[SYS_DESC_FEATURE1] & SYS_DESC_MCA;
}

static void mca_device_release(struct device *dev)
{
	kfree(to_mca_device(dev));
}

static const char *__init known_name(u16 id)
{
	int i;

	for (i = 0; i < ARRAY_SIZE(mca_known_cards); i++)
		if (mca_known_cards[i].id == id)
			return mca_known_cards[i].name;
	return "unknown card";
}

static int __init mca_add_slot(unsigned int slot, const u8 *pos)
{
	struct mca_device *mdev;
	int ret;

	mdev = kzalloc(sizeof(*mdev), GFP_KERNEL);
	if (!mdev)
		return -ENOMEM;
	mdev->slot = slot;
	mdev->id = pos[1] << 8 | pos[0];
	mdev->irq = -1;
	memcpy(mdev->pos, pos, MCA_POS_REGS);
	mca_device_set_name(mdev, known_name(mdev->id));
	mdev->dev.bus = &mca_bus_type;
	mdev->dev.parent = mca_root;
	mdev->dev.release = mca_device_release;
	/* MCA cards master a 32-bit address bus. */
	mdev->dev.coherent_dma_mask = DMA_BIT_MASK(32);
	mdev->dev.dma_mask = &mdev->dev.coherent_dma_mask;
	dev_set_name(&mdev->dev, "00:%02x", slot);

	pr_info("slot %u: id %04Xh, %s, POS %*ph%s\n", slot, mdev->id,
		mdev->name, MCA_POS_REGS - 2, pos + 2,
		pos[2] & MCA_POS2_ENABLE ? "" : " (disabled)");
	/* Id 0000h: a card that does not answer properly. */
	if (!mdev->id)
		pr_warn("slot %u: card id 0000h: the card may be faulty\n", slot);

	ret = device_register(&mdev->dev);
	if (ret)
		put_device(&mdev->dev);
	return ret;
}

static int __init mca_init(void)
{
	u8 pos[MCA_POS_REGS];
	const char *how;
	unsigned int slot, cards = 0;
	int ret;

	if (!mca_detect(&how))
		return 0;
	ret = bus_register(&mca_bus_type);
	if (ret)
		return ret;
	mca_root = root_device_register("mca");
	if (IS_ERR(mca_root)) {
		bus_unregister(&mca_bus_type);
		return PTR_ERR(mca_root);
	}
	mca_bus_found = true;
	if (!request_region(MCA_SYS_SETUP, 1, "mca system board setup") ||
	    !request_region(MCA_ADP_SETUP, 1, "mca adapter setup") ||
	    !request_region(MCA_POS_PORT, MCA_POS_REGS, "mca POS"))
		pr_warn("cannot claim the setup ports 94h, 96h, 100h-107h\n");

	/* Nothing in setup before the first selection. */
	outb(MCA_SYS_SETUP_OFF, MCA_SYS_SETUP);
	setup_off();
	for (slot = 0; slot < MCA_MAX_SLOTS; slot++) {
		if (!read_slot(slot, pos))
			continue;
		if (mca_add_slot(slot, pos))
			pr_err("slot %u: cannot add the card\n", slot);
		else
			cards++;
	}
	pr_info("Micro Channel bus (%s): %u of %u slots occupied\n", how,
		cards, MCA_MAX_SLOTS);
	return 0;
}
subsys_initcall(mca_init);
