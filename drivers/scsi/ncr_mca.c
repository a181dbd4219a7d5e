// SPDX-License-Identifier: GPL-2.0
/*
 * NCR's Micro Channel SCSI adapters on the 53c700 core.
 *
 * NCR's Voyager machines keep their disks behind these cards:
 *
 *   01BBh  NCR 3360/3430 SCSI SubSystem (the Level 4 on-board 53C710)
 *   01BAh  NCR Dual SIOP SCSI Host Adapter Board (a 53C710)
 *   004Fh  NCR 53c710 SCSI Host Adapter Board
 *   0092h  NCR Dual 700 (D700): two 53C700-66 SIOPs, the usual Level 5
 *          adapter
 *
 * Each SIOP (SCSI I/O processor) is one SCSI host of the 53c700 core; its
 * 64 registers are I/O ports, it masters the bus into memory, and its
 * clock is 50 MHz.  The I/O base and the IRQ come from the card's POS
 * registers, as the card's firmware setup (the reference diskette) left
 * them:
 *
 *   01BBh, 01BAh  base = 400h * POS4[7:2] (2-20: 0800h-5000h),
 *                 IRQ = {3, 5, 11, 14}[POS2[7:6]]
 *   004Fh         base = 100h * (POS2[3:1] + 1) (1-5: 0200h-0600h),
 *                 IRQ = {5, 9, 14}[POS2[6:4] - 4]
 *   0092h         POS4 bit 2 enables the board interrupt, POS4[1:0]
 *                 picks IRQ 11, 12, 14 or 15; behind the POS sub-address
 *                 (POS 6), POS3 gives the board base (9: high, 10: low
 *                 byte, masked FFF0h) and the SIOP base (0, 1: masked
 *                 FF70h); SIOP i is at SIOP base + 80h * i; bits 7:6 of
 *                 the board's module control byte (base + 8) tell which
 *                 SIOPs are differential (3: none, 0: SIOP1, 1: both).
 *
 * A card whose POS data selects nothing these cards decode is refused,
 * with one line naming the slot and the value.  A SCSI bus with nothing
 * on it is reported once its scan is over.
 *
 * The D700's SIOPs are 53C700-66s, which the core drives with chip710
 * clear.  A SIOP that holds a value in the 53C710's DSA register (which
 * the 700 does not have) is driven as the 53C710 it is instead: QEMU's
 * D700 model has 53C710 SIOPs, and the 700-66 mode cannot be run there.
 */

#include <linux/init.h>
#include <linux/interrupt.h>
#include <linux/io.h>
#include <linux/ioport.h>
#include <linux/mca.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <scsi/scsi_device.h>
#include <scsi/scsi_host.h>
#include <scsi/scsi_transport.h>
#include <scsi/scsi_transport_spi.h>

#include "53c700.h"

#define NCR_MCA_CLOCK_MHZ	50
#define NCR_MCA_SIOP_PORTS	64
#define NCR_MCA_SCSI_ID		7
#define NCR_MCA_MAX_SIOPS	2

#define ID_3360_SUBSYSTEM	0x01bb
#define ID_DUAL_SIOP		0x01ba
#define ID_53C710_BOARD		0x004f
#define ID_D700			0x0092

/* The D700: POS4, the sub-addresses of its bases, its board registers. */
#define D700_POS4_IRQ_ENABLE	0x04
#define D700_POS4_IRQ		0x03
#define D700_SUB_SIOP_HIGH	0
#define D700_SUB_SIOP_LOW	1
#define D700_SUB_BOARD_HIGH	9
#define D700_SUB_BOARD_LOW	10
#define D700_BOARD_MASK		0xfff0
#define D700_SIOP_MASK		0xff70
#define D700_SIOP_STRIDE	0x80
#define D700_BOARD_PORTS	16
#define D700_MODCTL		8	/* board base + 8 */

/* Below this the ports belong to the system board. */
#define NCR_MCA_MIN_PORT	0x100

/* The 53C710's DSA: SIOP base + 10h-13h; a 53C700 has no such register. */
#define NCR_710_DSA_REG		0x10

static const u8 irq_01bb[] = { 3, 5, 11, 14 };
static const u8 irq_004f[] = { 5, 9, 14 };
static const u8 irq_d700[] = { 11, 12, 14, 15 };

struct ncr_mca_siop {
	struct Scsi_Host		*host;
	struct NCR_700_Host_Parameters	*hostdata;
	unsigned long			base;
};

/**
 * struct ncr_mca_card - one adapter
 * @mdev: its MCA device
 * @board: the D700's board registers, or 0
 * @irq: its IRQ, shared by its SIOPs
 * @nr_siops: how many SIOPs it has
 * @siop: the SIOPs
 */
struct ncr_mca_card {
	struct mca_device	*mdev;
	unsigned long		board;
	unsigned int		irq;
	unsigned int		nr_siops;
	struct ncr_mca_siop	siop[NCR_MCA_MAX_SIOPS];
};

static struct scsi_host_template ncr_mca_template = {
	.module		= THIS_MODULE,
	.name		= "NCR MCA SCSI",
	.proc_name	= "ncr_mca",
	.this_id	= NCR_MCA_SCSI_ID,
};

/* One interrupt for the card: each SIOP tells whether it interrupted. */
static irqreturn_t ncr_mca_intr(int irq, void *data)
{
	struct ncr_mca_card *card = data;
	irqreturn_t ret = IRQ_NONE;
	unsigned int i;

	for (i = 0; i < card->nr_siops; i++)
		if (card->siop[i].host)
			ret |= NCR_700_intr(irq, card->siop[i].host);
	return ret;
}

/*
 * Does the SIOP at @base keep a value in the 53C710's DSA?  Two patterns
 * through one byte of it, so that a register that is not there (floating
 * or reading a constant) cannot pass.
 */
static bool siop_is_710(unsigned long base)
{
	unsigned long dsa = base + NCR_710_DSA_REG + 1;
	bool is_710;

	outb(0x5a, dsa);
	is_710 = inb(dsa) == 0x5a;
	outb(0xa5, dsa);
	is_710 = is_710 && inb(dsa) == 0xa5;
	outb(0, dsa);
	return is_710;
}

/* Bring up SIOP @i of @card at @base; its host is scanned later. */
static int siop_add(struct ncr_mca_card *card, unsigned int i,
		    unsigned long base, bool chip710, bool differential)
{
	struct ncr_mca_siop *siop = &card->siop[i];
	struct NCR_700_Host_Parameters *hostdata;
	struct device *dev = &card->mdev->dev;
	struct Scsi_Host *host;

	if (!request_region(base, NCR_MCA_SIOP_PORTS, "ncr_mca")) {
		dev_err(dev, "slot %u: SIOP%u ports %04lXh-%04lXh are taken\n",
			card->mdev->slot, i, base,
			base + NCR_MCA_SIOP_PORTS - 1);
		return -EBUSY;
	}
	hostdata = kzalloc(sizeof(*hostdata), GFP_KERNEL);
	if (!hostdata)
		goto out_release;
	hostdata->base = ioport_map(base, NCR_MCA_SIOP_PORTS);
	if (!hostdata->base)
		goto out_free;
	hostdata->clock = NCR_MCA_CLOCK_MHZ;
	hostdata->differential = differential;
	hostdata->chip710 = chip710;
	if (chip710)
		hostdata->burst_length = 8;

	host = NCR_700_detect(&ncr_mca_template, hostdata, dev);
	if (!host) {
		dev_err(dev, "slot %u: SIOP%u at %04lXh does not answer\n",
			card->mdev->slot, i, base);
		goto out_unmap;
	}
	host->this_id = NCR_MCA_SCSI_ID;
	host->base = base;
	host->irq = card->irq;
	siop->host = host;
	siop->hostdata = hostdata;
	siop->base = base;
	return 0;

out_unmap:
	ioport_unmap(hostdata->base);
out_free:
	kfree(hostdata);
out_release:
	release_region(base, NCR_MCA_SIOP_PORTS);
	return -ENODEV;
}

static void siop_remove(struct ncr_mca_siop *siop)
{
	if (!siop->host)
		return;
	scsi_remove_host(siop->host);
	NCR_700_release(siop->host);
	scsi_host_put(siop->host);
	ioport_unmap(siop->hostdata->base);
	kfree(siop->hostdata);
	release_region(siop->base, NCR_MCA_SIOP_PORTS);
	siop->host = NULL;
}

/* Scan each SIOP's bus; say so when nothing answered on it. */
static void card_scan(struct ncr_mca_card *card)
{
	struct scsi_device *sdev;
	unsigned int i, found;

	for (i = 0; i < card->nr_siops; i++) {
		struct Scsi_Host *host = card->siop[i].host;

		if (!host)
			continue;
		scsi_scan_host(host);
		found = 0;
		shost_for_each_device(sdev, host)
			found++;
		if (found)
			continue;
		dev_info(&card->mdev->dev,
			 "slot %u: SIOP%u (scsi%u): no device on its SCSI bus\n",
			 card->mdev->slot, i, host->host_no);
	}
}

static void card_remove(struct ncr_mca_card *card)
{
	unsigned int i;

	mca_free_irq(card->mdev, card);
	for (i = 0; i < card->nr_siops; i++)
		siop_remove(&card->siop[i]);
	if (card->board)
		release_region(card->board, D700_BOARD_PORTS);
}

/* Request the shared IRQ once the hosts exist, then scan. */
static int card_start(struct ncr_mca_card *card)
{
	struct mca_device *mdev = card->mdev;
	unsigned int i, up = 0;
	int ret;

	for (i = 0; i < card->nr_siops; i++)
		up += !!card->siop[i].host;
	if (!up)
		return -ENODEV;
	ret = mca_request_irq(mdev, card->irq, ncr_mca_intr,
			      dev_name(&mdev->dev), card);
	if (ret) {
		dev_err(&mdev->dev, "slot %u: cannot have IRQ %u (%d)\n",
			mdev->slot, card->irq, ret);
		return ret;
	}
	card_scan(card);
	return 0;
}

/* ---- the 53C710 boards -------------------------------------------------- */

/*
 * The I/O base and IRQ of a 53C710 board, from its POS data.  Return:
 * 0, or -ENODEV after the one line that says what makes no sense.
 */
static int ncr710_decode(struct mca_device *mdev, unsigned long *base,
			 unsigned int *irq)
{
	u8 pos2 = mdev->pos[2], pos4 = mdev->pos[4];
	unsigned int idx;

	if (!(pos2 & MCA_POS2_ENABLE)) {
		pr_err("ncr_mca: slot %u: card disabled (POS2 %02Xh), refused\n",
		       mdev->slot, pos2);
		return -ENODEV;
	}
	if (mdev->id == ID_53C710_BOARD) {
		idx = (pos2 & 0x0e) >> 1;
		if (idx < 1 || idx > 5) {
			pr_err("ncr_mca: slot %u: POS2 %02Xh selects no I/O base (index %u), refused\n",
			       mdev->slot, pos2, idx);
			return -ENODEV;
		}
		*base = 0x100 * (idx + 1);
		idx = (pos2 & 0x70) >> 4;
		if (idx < 4 || idx > 6) {
			pr_err("ncr_mca: slot %u: POS2 %02Xh selects no IRQ (index %u), refused\n",
			       mdev->slot, pos2, idx);
			return -ENODEV;
		}
		*irq = irq_004f[idx - 4];
		return 0;
	}
	idx = (pos4 & 0xfc) >> 2;
	if (idx < 2 || idx > 20) {
		pr_err("ncr_mca: slot %u: POS4 %02Xh selects no I/O base (index %u), refused\n",
		       mdev->slot, pos4, idx);
		return -ENODEV;
	}
	*base = 0x400 * idx;
	*irq = irq_01bb[(pos2 & 0xc0) >> 6];
	return 0;
}

static int ncr710_probe(struct mca_device *mdev,
			const struct mca_device_id *id)
{
	struct ncr_mca_card *card;
	unsigned long base;
	unsigned int irq;
	int ret;

	ret = ncr710_decode(mdev, &base, &irq);
	if (ret)
		return ret;
	card = kzalloc(sizeof(*card), GFP_KERNEL);
	if (!card)
		return -ENOMEM;
	card->mdev = mdev;
	card->irq = irq;
	card->nr_siops = 1;
	dev_info(&mdev->dev, "slot %u: %s, I/O %04lXh, IRQ %u\n", mdev->slot,
		 mdev->name, base, irq);
	ret = siop_add(card, 0, base, true, false);
	if (!ret)
		ret = card_start(card);
	if (ret) {
		card_remove(card);
		kfree(card);
		return ret;
	}
	dev_set_drvdata(&mdev->dev, card);
	return 0;
}

/* ---- the D700 ----------------------------------------------------------- */

/* The D700's differential SIOPs, bit i for SIOP i, from its modctl byte. */
static unsigned int d700_differential(struct mca_device *mdev, u8 modctl)
{
	switch (modctl >> 6) {
	case 0:
		return BIT(1);
	case 1:
		return BIT(0) | BIT(1);
	case 3:
		return 0;
	}
	dev_warn(&mdev->dev, "slot %u: module control %02Xh names no differential setting: single-ended\n",
		 mdev->slot, modctl);
	return 0;
}

static int d700_probe(struct mca_device *mdev, const struct mca_device_id *id)
{
	struct ncr_mca_card *card;
	unsigned long board, siops;
	unsigned int diff, i, up = 0;
	u8 pos4, modctl;
	int ret;

	if (!(mdev->pos[2] & MCA_POS2_ENABLE)) {
		pr_err("ncr_mca: slot %u: card disabled (POS2 %02Xh), refused\n",
		       mdev->slot, mdev->pos[2]);
		return -ENODEV;
	}
	board = (mca_device_read_pos_sub(mdev, D700_SUB_BOARD_HIGH) << 8 |
		 mca_device_read_pos_sub(mdev, D700_SUB_BOARD_LOW)) &
		D700_BOARD_MASK;
	siops = (mca_device_read_pos_sub(mdev, D700_SUB_SIOP_HIGH) << 8 |
		 mca_device_read_pos_sub(mdev, D700_SUB_SIOP_LOW)) &
		D700_SIOP_MASK;
	if (board < NCR_MCA_MIN_PORT) {
		pr_err("ncr_mca: slot %u: board base %04lXh (POS3 at sub-addresses 9, 10) makes no sense, refused\n",
		       mdev->slot, board);
		return -ENODEV;
	}
	if (siops < NCR_MCA_MIN_PORT ||
	    (board + D700_BOARD_PORTS > siops &&
	     board < siops + D700_SIOP_STRIDE + NCR_MCA_SIOP_PORTS)) {
		pr_err("ncr_mca: slot %u: SIOP base %04lXh (POS3 at sub-addresses 0, 1) makes no sense, refused\n",
		       mdev->slot, siops);
		return -ENODEV;
	}

	card = kzalloc(sizeof(*card), GFP_KERNEL);
	if (!card)
		return -ENOMEM;
	card->mdev = mdev;
	card->nr_siops = NCR_MCA_MAX_SIOPS;
	if (!request_region(board, D700_BOARD_PORTS, "ncr_mca d700")) {
		dev_err(&mdev->dev, "slot %u: board ports %04lXh are taken\n",
			mdev->slot, board);
		kfree(card);
		return -EBUSY;
	}
	card->board = board;

	/* The board interrupt on, as the card's old driver did first. */
	pos4 = mca_device_read_pos(mdev, 4) | D700_POS4_IRQ_ENABLE;
	mca_device_write_pos(mdev, 4, pos4);
	card->irq = irq_d700[pos4 & D700_POS4_IRQ];

	/* The first read clears what the board had pending. */
	inb(board + D700_MODCTL);
	modctl = inb(board + D700_MODCTL);
	diff = d700_differential(mdev, modctl);
	dev_info(&mdev->dev, "slot %u: %s, board %04lXh, SIOPs %04lXh and %04lXh, IRQ %u, differential %s\n",
		 mdev->slot, mdev->name, board, siops,
		 siops + D700_SIOP_STRIDE, card->irq,
		 diff == 3 ? "both" : diff ? "SIOP1" : "none");

	for (i = 0; i < NCR_MCA_MAX_SIOPS; i++) {
		unsigned long base = siops + D700_SIOP_STRIDE * i;
		bool chip710 = siop_is_710(base);

		if (chip710)
			dev_notice(&mdev->dev, "slot %u: SIOP%u is a 53C710, not the D700's 53C700-66: driven as a 53C710\n",
				   mdev->slot, i);
		if (!siop_add(card, i, base, chip710, diff & BIT(i)))
			up++;
	}
	ret = up ? card_start(card) : -ENODEV;
	if (ret) {
		card_remove(card);
		kfree(card);
		return ret;
	}
	dev_set_drvdata(&mdev->dev, card);
	return 0;
}

static void ncr_mca_remove(struct mca_device *mdev)
{
	struct ncr_mca_card *card = dev_get_drvdata(&mdev->dev);

	card_remove(card);
	kfree(card);
}

static const struct mca_device_id ncr710_ids[] = {
	{ ID_3360_SUBSYSTEM },
	{ ID_DUAL_SIOP },
	{ ID_53C710_BOARD },
	{ }
};

static const struct mca_device_id d700_ids[] = {
	{ ID_D700 },
	{ }
};

static struct mca_driver ncr710_driver = {
	.id_table	= ncr710_ids,
	.probe		= ncr710_probe,
	.remove		= ncr_mca_remove,
	.driver		= {
		.name	= "ncr_mca_53c710",
	},
};

static struct mca_driver d700_driver = {
	.id_table	= d700_ids,
	.probe		= d700_probe,
	.remove		= ncr_mca_remove,
	.driver		= {
		.name	= "ncr_mca_d700",
	},
};

static int __init ncr_mca_init(void)
{
	int ret;

	ret = mca_register_driver(&ncr710_driver);
	if (ret)
		return ret;
	ret = mca_register_driver(&d700_driver);
	if (ret)
		mca_unregister_driver(&ncr710_driver);
	return ret;
}
module_init(ncr_mca_init);

static void __exit ncr_mca_exit(void)
{
	mca_unregister_driver(&d700_driver);
	mca_unregister_driver(&ncr710_driver);
}
module_exit(ncr_mca_exit);

MODULE_DESCRIPTION("NCR 53C710 and Dual 700 Micro Channel SCSI adapters");
MODULE_LICENSE("GPL");
MODULE_ALIAS("mca:v01BB");
MODULE_ALIAS("mca:v01BA");
MODULE_ALIAS("mca:v004F");
MODULE_ALIAS("mca:v0092");
