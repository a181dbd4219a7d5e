// SPDX-License-Identifier: GPL-2.0
/*
 * The Novell NE/2 and its POS-compatible clones: NE2000-style Micro
 * Channel Ethernet cards on the 8390 core.
 *
 *   7154h  Novell Ethernet Adapter NE/2
 *   6354h  Arco Ethernet Adapter AE/2
 *   70DEh  Compex ENET-16 MC/P
 *
 * (The D-Link DE-320CT, 56EAh, is not one of them: its POS layout is
 * another, and its station address is in a serial EEPROM, not in the
 * PROM this driver reads.  It is not taken.)
 *
 * The card's firmware setup (the reference diskette) leaves its settings
 * in POS2:
 *
 *   bit 0      the card is enabled
 *   bits 3:1   the I/O base, 1-7: 1000h, 2020h, 8020h, A0A0h, B0B0h,
 *              C0C0h, C3D0h (0 selects none)
 *   bits 6:5   the IRQ, 3, 4, 5 or 9
 *
 * The card decodes 30h ports from its base: the 8390's registers at
 * 00h-0Fh, the remote DMA data port at 10h and the reset port at 20h (a
 * read resets the card, a write lets it go; the ISA NE2000 has it at
 * 1Fh).  Its 16 KiB of packet memory (pages 40h-7Fh) is reached only by
 * remote DMA through the data port, 16 bits wide; the station address
 * PROM is at address 0 of the same space, each byte doubled.
 *
 * A card that is disabled, whose POS2 selects no I/O base, whose ports
 * are taken, or that does not answer is refused with one line (the
 * device's name, 00:0N, gives the slot N).
 *
 * MCA interrupts are level-triggered and shared, and a stopped 8390
 * keeps the reset bit up in its interrupt status, which the 8390 core's
 * handler takes for an interrupt of its own: the IRQ is therefore held
 * only while the interface is up, as ne2k-pci does on its shared PCI
 * lines.
 */

#include <linux/delay.h>
#include <linux/etherdevice.h>
#include <linux/init.h>
#include <linux/interrupt.h>
#include <linux/io.h>
#include <linux/iopoll.h>
#include <linux/ioport.h>
#include <linux/mca.h>
#include <linux/module.h>
#include <linux/netdevice.h>

#include "8390.h"

#define DRV_NAME		"ne2_mca"

#define ID_NOVELL_NE2		0x7154
#define ID_ARCO_AE2		0x6354
#define ID_COMPEX_ENET16	0x70de

/* POS2: the I/O base and the IRQ. */
#define NE2_POS2_IO		0x0e
#define NE2_POS2_IO_SHIFT	1
#define NE2_POS2_IRQ		0x60
#define NE2_POS2_IRQ_SHIFT	5

/* The card's ports, from its base. */
#define NE2_IO_EXTENT		0x30
#define NE2_CMD			0x00	/* the 8390's command register */
#define NE2_DATAPORT		0x10	/* remote DMA, 16 bits wide */
#define NE2_RESET		0x20	/* a read resets, a write releases */

/* The packet memory, in 256-byte pages: 16 KiB from 4000h. */
#define NE2_START_PG		0x40
#define NE2_STOP_PG		0x80

/* The station address PROM: 16 bytes, each doubled in 16-bit mode. */
#define NE2_PROM_WORDS		16

/* The 8390's data configuration: 16 bits wide, no loopback, FIFO at 8. */
#define NE2_DCFG_WORD		0x49

/* How long the card may take to acknowledge a reset or a remote DMA. */
#define NE2_ACK_US		20000

/* What the command register reads back once the card is out of reset. */
#define NE2_CMD_PROBE		(E8390_NODMA | E8390_PAGE0 | E8390_STOP)

enum ne2_card {
	NE2_NOVELL,
	NE2_ARCO,
	NE2_COMPEX,
};

static const char * const ne2_names[] = {
	[NE2_NOVELL]	= "Novell Ethernet Adapter NE/2",
	[NE2_ARCO]	= "Arco Ethernet Adapter AE/2",
	[NE2_COMPEX]	= "Compex ENET-16 MC/P",
};

static const u16 ne2_io_bases[] = {
	0x1000, 0x2020, 0x8020, 0xa0a0, 0xb0b0, 0xc0c0, 0xc3d0
};

static const u8 ne2_irqs[] = { 3, 4, 5, 9 };

/* The MCA card under @dev (its parent device). */
static struct mca_device *ne2_mdev(struct net_device *dev)
{
	return to_mca_device(dev->dev.parent);
}

/* Wait for @bit in the interrupt status of the 8390 at @base; no sleep. */
static int ne2_wait_isr(unsigned long base, u8 bit)
{
	u8 isr;

	return read_poll_timeout_atomic(inb_p, isr, isr & bit, 10, NE2_ACK_US,
					false, base + EN0_ISR);
}

/*
 * Reset the card: a read of the reset port resets it, the write lets it
 * go.  Plain inb/outb, as for the NE2000, whose clones miss a reset done
 * with the slow variants.  Return: 0 once the 8390 says it is reset (the
 * bit is acknowledged), or -ETIMEDOUT.
 */
static int ne2_hw_reset(unsigned long base)
{
	int ret;

	outb(inb(base + NE2_RESET), base + NE2_RESET);
	ret = ne2_wait_isr(base, ENISR_RESET);
	outb_p(ENISR_RESET, base + EN0_ISR);
	return ret;
}

/* The 8390 core's reset_8390: a hard reset, from the Tx timeout too. */
static void ne2_reset_8390(struct net_device *dev)
{
	struct ei_device *ei_local = netdev_priv(dev);

	netif_dbg(ei_local, hw, dev, "resetting the 8390\n");
	ei_local->txing = 0;
	ei_local->dmaing = 0;
	if (ne2_hw_reset(dev->base_addr))
		netdev_err(dev, "the card did not acknowledge its reset\n");
}

/*
 * Start a remote DMA of @count bytes at card address @addr, reading
 * (@cmd E8390_RREAD) or writing (E8390_RWRITE) through the data port.
 */
static void ne2_dma_start(unsigned long base, unsigned int count,
			  unsigned int addr, u8 cmd)
{
	outb_p(count & 0xff, base + EN0_RCNTLO);
	outb_p(count >> 8, base + EN0_RCNTHI);
	outb_p(addr & 0xff, base + EN0_RSARLO);
	outb_p(addr >> 8, base + EN0_RSARHI);
	outb_p(cmd | E8390_START, base + NE2_CMD);
}

/* Claim the remote DMA; false (and one line) if it is already running. */
static bool ne2_dma_claim(struct net_device *dev, const char *what)
{
	struct ei_device *ei_local = netdev_priv(dev);

	if (ei_local->dmaing) {
		netdev_err(dev, "remote DMA conflict in %s (dmaing %d, irqlock %d)\n",
			   what, ei_local->dmaing, ei_local->irqlock);
		return false;
	}
	ei_local->dmaing = 1;
	outb_p(E8390_NODMA | E8390_PAGE0 | E8390_START,
	       dev->base_addr + NE2_CMD);
	return true;
}

static void ne2_dma_release(struct net_device *dev)
{
	struct ei_device *ei_local = netdev_priv(dev);

	outb_p(ENISR_RDC, dev->base_addr + EN0_ISR);
	ei_local->dmaing = 0;
}

/* The 8390 core's get_8390_hdr: the header at the start of @ring_page. */
static void ne2_get_8390_hdr(struct net_device *dev,
			     struct e8390_pkt_hdr *hdr, int ring_page)
{
	unsigned long base = dev->base_addr;

	if (!ne2_dma_claim(dev, "get_8390_hdr"))
		return;
	ne2_dma_start(base, sizeof(*hdr), ring_page << 8, E8390_RREAD);
	insw(base + NE2_DATAPORT, hdr, sizeof(*hdr) >> 1);
	ne2_dma_release(dev);
	le16_to_cpus(&hdr->count);
}

/*
 * The 8390 core's block_input: @count bytes of a packet from card address
 * @ring_offset into @skb.  An odd last byte is the low half of a word.
 */
static void ne2_block_input(struct net_device *dev, int count,
			    struct sk_buff *skb, int ring_offset)
{
	unsigned long base = dev->base_addr;
	u8 *buf = skb->data;

	if (!ne2_dma_claim(dev, "block_input"))
		return;
	ne2_dma_start(base, count, ring_offset, E8390_RREAD);
	insw(base + NE2_DATAPORT, buf, count >> 1);
	if (count & 1)
		buf[count - 1] = inb(base + NE2_DATAPORT);
	ne2_dma_release(dev);
}

/*
 * The 8390 core's block_output: @count bytes of @buf to @start_page, in
 * words (an odd count is rounded up), then wait for the remote DMA to be
 * done.
 */
static void ne2_block_output(struct net_device *dev, int count,
			     const unsigned char *buf, int start_page)
{
	unsigned long base = dev->base_addr;

	if (count & 1)
		count++;
	if (!ne2_dma_claim(dev, "block_output"))
		return;
	outb_p(ENISR_RDC, base + EN0_ISR);
	ne2_dma_start(base, count, start_page << 8, E8390_RWRITE);
	outsw(base + NE2_DATAPORT, buf, count >> 1);
	if (ne2_wait_isr(base, ENISR_RDC)) {
		netdev_warn(dev, "timeout waiting for the Tx remote DMA\n");
		ne2_reset_8390(dev);
		NS8390p_init(dev, 1);
	}
	ne2_dma_release(dev);
}

/* The interface up: the shared IRQ first, then the 8390 core's open. */
static int ne2_open(struct net_device *dev)
{
	int ret;

	ret = mca_request_irq(ne2_mdev(dev), dev->irq, eip_interrupt,
			      DRV_NAME, dev);
	if (ret) {
		netdev_err(dev, "cannot have IRQ %d (%d)\n", dev->irq, ret);
		return ret;
	}
	return eip_open(dev);
}

static int ne2_close(struct net_device *dev)
{
	eip_close(dev);
	mca_free_irq(ne2_mdev(dev), dev);
	return 0;
}

static const struct net_device_ops ne2_netdev_ops = {
	.ndo_open		= ne2_open,
	.ndo_stop		= ne2_close,
	.ndo_start_xmit		= eip_start_xmit,
	.ndo_tx_timeout		= eip_tx_timeout,
	.ndo_get_stats		= eip_get_stats,
	.ndo_set_rx_mode	= eip_set_multicast_list,
	.ndo_validate_addr	= eth_validate_addr,
	.ndo_set_mac_address	= eth_mac_addr,
#ifdef CONFIG_NET_POLL_CONTROLLER
	.ndo_poll_controller	= eip_poll,
#endif
};

/*
 * Read the station address PROM into @mac: the 8390 set up as its core
 * would (16 bits wide, receiver off, transmitter in loopback), then one
 * remote read of the whole PROM, of which an inb() of each word gives the
 * byte (each PROM byte fills a word).
 */
static void ne2_read_prom(unsigned long base, u8 *mac)
{
	static const struct {
		u8	val;
		u8	reg;
	} seq[] = {
		{ E8390_NODMA | E8390_PAGE0 | E8390_STOP, NE2_CMD },
		{ NE2_DCFG_WORD,		EN0_DCFG },
		{ 0,				EN0_RCNTLO },
		{ 0,				EN0_RCNTHI },
		{ 0,				EN0_IMR },
		{ 0xff,				EN0_ISR },
		{ E8390_RXOFF,			EN0_RXCR },
		{ E8390_TXOFF,			EN0_TXCR },
		{ NE2_PROM_WORDS * 2,		EN0_RCNTLO },
		{ 0,				EN0_RCNTHI },
		{ 0,				EN0_RSARLO },
		{ 0,				EN0_RSARHI },
		{ E8390_RREAD | E8390_START,	NE2_CMD },
	};
	unsigned int i;
	u8 b;

	for (i = 0; i < ARRAY_SIZE(seq); i++)
		outb_p(seq[i].val, base + seq[i].reg);
	for (i = 0; i < NE2_PROM_WORDS; i++) {
		b = inb(base + NE2_DATAPORT);
		if (i < ETH_ALEN)
			mac[i] = b;
	}
}

/*
 * Is there an 8390 at @base?  Reset the card, see the command register
 * answer, reset it again and wait for the 8390 to say so.  Return: 0, or
 * -ENODEV after the one line that says what is wrong.
 */
static int ne2_check(struct mca_device *mdev, unsigned long base)
{
	unsigned int i;
	u8 cmd;

	for (i = 0; i < 8; i++)
		outb(0, base + NE2_RESET);
	inb(base + NE2_RESET);
	outb(NE2_CMD_PROBE, base + NE2_CMD);
	cmd = inb(base + NE2_CMD);
	if (cmd != NE2_CMD_PROBE) {
		dev_err(&mdev->dev, "not responding at %#lx (command register 0x%02x, not 0x%02x), refused\n",
			base, cmd, NE2_CMD_PROBE);
		return -ENODEV;
	}
	if (ne2_hw_reset(base)) {
		dev_err(&mdev->dev, "no reset ack at %#lx, refused\n", base);
		return -ENODEV;
	}
	outb_p(0xff, base + EN0_ISR);
	return 0;
}

static int ne2_probe(struct mca_device *mdev, const struct mca_device_id *id)
{
	u8 pos2 = mdev->pos[2], mac[ETH_ALEN];
	struct ei_device *ei_local;
	struct net_device *dev;
	unsigned long base;
	unsigned int idx, irq;
	int ret;

	mca_device_set_name(mdev, ne2_names[id->driver_data]);
	if (!(pos2 & MCA_POS2_ENABLE)) {
		dev_err(&mdev->dev, "disabled (POS2 0x%02x), refused\n", pos2);
		return -ENODEV;
	}
	idx = (pos2 & NE2_POS2_IO) >> NE2_POS2_IO_SHIFT;
	if (!idx) {
		dev_err(&mdev->dev, "POS2 0x%02x selects no I/O base, refused\n",
			pos2);
		return -ENODEV;
	}
	base = ne2_io_bases[idx - 1];
	irq = ne2_irqs[(pos2 & NE2_POS2_IRQ) >> NE2_POS2_IRQ_SHIFT];

	if (!request_region(base, NE2_IO_EXTENT, DRV_NAME)) {
		dev_err(&mdev->dev, "ports %#lx-%#lx are taken, refused\n",
			base, base + NE2_IO_EXTENT - 1);
		return -EBUSY;
	}
	ret = ne2_check(mdev, base);
	if (ret)
		goto out_release;
	ne2_read_prom(base, mac);
	if (!is_valid_ether_addr(mac)) {
		dev_err(&mdev->dev, "the address PROM at %#lx gives no valid MAC (%pM), refused\n",
			base, mac);
		ret = -ENODEV;
		goto out_release;
	}

	dev = alloc_eip_netdev();
	if (!dev) {
		ret = -ENOMEM;
		goto out_release;
	}
	SET_NETDEV_DEV(dev, &mdev->dev);
	dev->netdev_ops = &ne2_netdev_ops;
	dev->base_addr = base;
	dev->irq = irq;
	eth_hw_addr_set(dev, mac);

	ei_local = netdev_priv(dev);
	ei_local->name = mdev->name;
	ei_local->word16 = 1;
	ei_local->tx_start_page = NE2_START_PG;
	ei_local->rx_start_page = NE2_START_PG + TX_PAGES;
	ei_local->stop_page = NE2_STOP_PG;
	ei_local->reset_8390 = ne2_reset_8390;
	ei_local->get_8390_hdr = ne2_get_8390_hdr;
	ei_local->block_input = ne2_block_input;
	ei_local->block_output = ne2_block_output;
	NS8390p_init(dev, 0);

	ret = register_netdev(dev);
	if (ret) {
		dev_err(&mdev->dev, "cannot register the interface (%d)\n", ret);
		goto out_free;
	}
	dev_set_drvdata(&mdev->dev, dev);
	dev_info(&mdev->dev, "%s: %s at %#lx, IRQ %u, MAC %pM\n", dev->name,
		 mdev->name, base, irq, dev->dev_addr);
	return 0;

out_free:
	free_netdev(dev);
out_release:
	release_region(base, NE2_IO_EXTENT);
	return ret;
}

static void ne2_remove(struct mca_device *mdev)
{
	struct net_device *dev = dev_get_drvdata(&mdev->dev);
	unsigned long base = dev->base_addr;

	unregister_netdev(dev);
	free_netdev(dev);
	release_region(base, NE2_IO_EXTENT);
	dev_set_drvdata(&mdev->dev, NULL);
}

static const struct mca_device_id ne2_ids[] = {
	{ ID_NOVELL_NE2,	NE2_NOVELL },
	{ ID_ARCO_AE2,		NE2_ARCO },
	{ ID_COMPEX_ENET16,	NE2_COMPEX },
	{ }
};

static struct mca_driver ne2_driver = {
	.id_table	= ne2_ids,
	.probe		= ne2_probe,
	.remove		= ne2_remove,
	.driver		= {
		.name	= DRV_NAME,
	},
};

static int __init ne2_init(void)
{
	return mca_register_driver(&ne2_driver);
}
module_init(ne2_init);

static void __exit ne2_exit(void)
{
	mca_unregister_driver(&ne2_driver);
}
module_exit(ne2_exit);

MODULE_DESCRIPTION("Novell NE/2 and compatible Micro Channel Ethernet cards");
MODULE_LICENSE("GPL");
MODULE_ALIAS("mca:v7154");
MODULE_ALIAS("mca:v6354");
MODULE_ALIAS("mca:v70DE");
