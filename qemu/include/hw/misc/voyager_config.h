/*
 * NCR Voyager: the machine's processor card configuration
 *
 * Shared by the voyager machine and its devices (VIC, QIC, CAT, SUS), so
 * that the CPUs the machine creates, the CPUs the CAT bus reports and the
 * present-CPU mask in the extended CMOS always agree.
 *
 * Copyright (c) 2026 The NCR Voyager Linux port developers
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef HW_MISC_VOYAGER_CONFIG_H
#define HW_MISC_VOYAGER_CONFIG_H

#include "qapi/error.h"

#define VOYAGER_MAX_SLOTS       8
#define VOYAGER_MAX_CPUS        32
/* CPUs with their own VIC dyad (hardware ids 0-7). */
#define VOYAGER_MAX_VIC_CPUS    8

/*
 * Where the machine puts the memory-mapped system objects, below the
 * 256 KiB BIOS image at 4 GiB - 256 KiB.  The reference leaves the
 * addresses to the machine: the QIC CPI area of each quad card is
 * reported by its QABC ASIC over the CAT bus, the SUS mailbox by the
 * extended CMOS.
 */
#define VOYAGER_QIC_CPI_BASE    0xfff00000u     /* + slot * QIC_CPI_STRIDE */
#define VOYAGER_QIC_CPI_STRIDE  0x1000u
#define VOYAGER_QIC_CPI_SIZE    0x400u          /* 1 KiB per card */
#define VOYAGER_SUS_BASE        0xfff10000u     /* mailbox, ClickMap */

typedef enum VoyagerCardType {
    VOYAGER_CARD_EMPTY,
    VOYAGER_CARD_MONO,
    VOYAGER_CARD_DYAD,
    VOYAGER_CARD_QUAD,
} VoyagerCardType;

typedef struct VoyagerConfig {
    uint8_t level;              /* architecture level: 4 or 5 */
    uint16_t model_class;       /* BIOS model class, e.g. 0x3435 */
    uint8_t slots;              /* processor slots: 4 or 8 */
    VoyagerCardType card[VOYAGER_MAX_SLOTS];
    /*
     * Bit s set: the quad card in slot s has a second VIC line, wired to
     * its quad CPU 1 (the 4100, card name "quad2"; hardware reference
     * 5.2: QABC SET bit 5).  4-slot Level 5 machines only.
     */
    uint8_t second_line;
} VoyagerConfig;

const char *voyager_card_name(VoyagerCardType type);

/* CPUs on a card of this type. */
int voyager_card_cpus(VoyagerCardType type);

/*
 * Parse a card list such as "quad:dyad:mono:empty" (slot 0 first; the
 * separator is a colon because commas separate QEMU options) into
 * @cfg->card[] and @cfg->second_line; slots not named are empty.  A
 * "quad2" is a quad card with the second VIC line.  @cfg->slots must be
 * set.
 */
bool voyager_config_parse_cards(VoyagerConfig *cfg, const char *cards,
                                Error **errp);

/*
 * The card list of @cfg in the syntax voyager_config_parse_cards()
 * takes, "quad2" included, for passing the configuration on to a device.
 * The caller frees it.
 */
char *voyager_config_cards_string(const VoyagerConfig *cfg);

/* Refuse a configuration the hardware cannot have; names the property. */
bool voyager_config_check(const VoyagerConfig *cfg, Error **errp);

/*
 * Hardware CPU id of CPU @j (0 = the first) of the card in @slot, or -1.
 * Dyads hold CPUs slot and slot + 4; quads slot + 4 * j on 4-slot machines
 * and slot + 8 * j on 8-slot ones (hardware reference 5.2).
 */
int voyager_cpu_id(const VoyagerConfig *cfg, int slot, int j);

/* Slot of hardware CPU @id, or -1 if no such CPU is present. */
int voyager_cpu_slot(const VoyagerConfig *cfg, int id);

/* Bit n set = hardware CPU n is present. */
uint32_t voyager_present_cpus(const VoyagerConfig *cfg);

/*
 * Bit n set = hardware CPU n has a VIC dyad (it is on a VIC line): mono
 * and dyad CPUs, the extended CPU (j = 0) of every quad card, and quad
 * CPU 1 of a card with the second VIC line.
 */
uint8_t voyager_vic_cpus(const VoyagerConfig *cfg);

/*
 * True if hardware CPU @id is on the second VIC line of its quad card:
 * extended, but booted through the QIC, not the VIC (reference 5.2).
 */
bool voyager_cpu_on_second_line(const VoyagerConfig *cfg, int id);

/* True if hardware CPU @id is on a quad card. */
bool voyager_cpu_is_quad(const VoyagerConfig *cfg, int id);

/* Number of CPUs present. */
int voyager_cpu_count(const VoyagerConfig *cfg);

#endif
