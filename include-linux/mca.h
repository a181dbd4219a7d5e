/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The Micro Channel (MCA) bus: cards found by their POS registers, one
 * device per occupied slot, drivers matched by card id.
 */
#ifndef _LINUX_MCA_H
#define _LINUX_MCA_H

#include <linux/device.h>
#include <linux/interrupt.h>
#include <linux/types.h>

#define MCA_MAX_SLOTS		8
#define MCA_POS_REGS		8
#define MCA_NAME_LEN		48

/* POS 0/1: the card id; POS 2 bit 0: the card is enabled. */
#define MCA_POS2_ENABLE		0x01
/* POS 3 is the data port of the sub-address in POS 6 (low), 7 (high). */
#define MCA_POS_SUB_DATA	3
#define MCA_POS_SUB_LOW		6
#define MCA_POS_SUB_HIGH	7
/* The id of an empty slot. */
#define MCA_ID_NONE		0xffff

/**
 * struct mca_device - one card on the bus
 * @dev: the driver model's device (bus mca, name "mca<slot>")
 * @slot: the slot, 0-7
 * @id: the card id (POS 1 << 8 | POS 0)
 * @pos: POS 0-7 as read at enumeration, kept up to date by the
 *	mca_device_*_pos() accessors
 * @irq: the interrupt its driver requested through mca_request_irq(),
 *	or -1
 * @name: what the card is, as its driver says (mca_device_set_name())
 */
struct mca_device {
	struct device	dev;
	unsigned int	slot;
	u16		id;
	u8		pos[MCA_POS_REGS];
	int		irq;
	char		name[MCA_NAME_LEN];
};

#define to_mca_device(d)	container_of(d, struct mca_device, dev)

/**
 * struct mca_device_id - a card id a driver takes
 * @id: the card id (0 ends the table)
 * @driver_data: for the driver
 */
struct mca_device_id {
	u16		id;
	unsigned long	driver_data;
};

/**
 * struct mca_driver - a driver of MCA cards
 * @id_table: the card ids it takes, ended by an entry with id 0
 * @probe: bind to a card; @id is the matching table entry
 * @remove: unbind
 * @driver: the driver model's driver (name, owner)
 *
 * A module declares its ids for autoloading as MODULE_ALIAS("mca:v01BB"),
 * the card's MODALIAS with the id in upper-case hex.
 */
struct mca_driver {
	const struct mca_device_id	*id_table;
	int	(*probe)(struct mca_device *mdev,
			 const struct mca_device_id *id);
	void	(*remove)(struct mca_device *mdev);
	struct device_driver		driver;
};

#define to_mca_driver(d)	container_of_const(d, struct mca_driver, driver)

#ifdef CONFIG_MCA
extern const struct bus_type mca_bus_type;

bool mca_present(void);
int __mca_register_driver(struct mca_driver *drv, struct module *owner);
void mca_unregister_driver(struct mca_driver *drv);

u8 mca_device_read_pos(struct mca_device *mdev, unsigned int reg);
void mca_device_write_pos(struct mca_device *mdev, unsigned int reg, u8 val);
u8 mca_device_read_pos_sub(struct mca_device *mdev, u16 sub);
void mca_device_write_pos_sub(struct mca_device *mdev, u16 sub, u8 val);
void mca_device_set_name(struct mca_device *mdev, const char *name);
int mca_request_irq(struct mca_device *mdev, unsigned int irq,
		    irq_handler_t handler, const char *name, void *dev_id);
void mca_free_irq(struct mca_device *mdev, void *dev_id);
#else
static inline bool mca_present(void) { return false; }
static inline int __mca_register_driver(struct mca_driver *drv,
					struct module *owner)
{
	return -ENODEV;
}

static inline void mca_unregister_driver(struct mca_driver *drv) { }
#endif

#define mca_register_driver(drv)	__mca_register_driver(drv, THIS_MODULE)

#endif /* _LINUX_MCA_H */
