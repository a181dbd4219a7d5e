/*
 * NCR Voyager: the machine's processor card configuration
 *
 * Copyright (c) 2026 The NCR Voyager Linux port developers
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "qemu/host-utils.h"
#include "hw/misc/voyager_config.h"

static const char *const card_names[] = {
    [VOYAGER_CARD_EMPTY] = "empty",
    [VOYAGER_CARD_MONO] = "mono",
    [VOYAGER_CARD_DYAD] = "dyad",
    [VOYAGER_CARD_QUAD] = "quad",
};

/* A quad card with the second VIC line (the 4100): a quad, plus a flag. */
#define QUAD2_NAME  "quad2"

const char *voyager_card_name(VoyagerCardType type)
{
    return type < ARRAY_SIZE(card_names) ? card_names[type] : "?";
}

int voyager_card_cpus(VoyagerCardType type)
{
    switch (type) {
    case VOYAGER_CARD_MONO:
        return 1;
    case VOYAGER_CARD_DYAD:
        return 2;
    case VOYAGER_CARD_QUAD:
        return 4;
    default:
        return 0;
    }
}

bool voyager_config_parse_cards(VoyagerConfig *cfg, const char *cards,
                                Error **errp)
{
    g_auto(GStrv) names = g_strsplit(cards, ":", -1);
    int slot, t;

    for (slot = 0; slot < VOYAGER_MAX_SLOTS; slot++) {
        cfg->card[slot] = VOYAGER_CARD_EMPTY;
    }
    cfg->second_line = 0;
    if (!*cards) {
        return true;
    }
    for (slot = 0; names[slot]; slot++) {
        if (slot >= cfg->slots) {
            error_setg(errp, "cards: '%s' names %u cards but the machine "
                       "has %u slots (property 'slots')", cards,
                       g_strv_length(names), cfg->slots);
            return false;
        }
        if (!strcmp(names[slot], QUAD2_NAME)) {
            cfg->card[slot] = VOYAGER_CARD_QUAD;
            cfg->second_line |= 1u << slot;
            continue;
        }
        for (t = 0; t < ARRAY_SIZE(card_names); t++) {
            if (!strcmp(names[slot], card_names[t])) {
                break;
            }
        }
        if (t == ARRAY_SIZE(card_names)) {
            error_setg(errp, "cards: slot %d: unknown card '%s' (use mono, "
                       "dyad, quad, quad2 or empty)", slot, names[slot]);
            return false;
        }
        cfg->card[slot] = t;
    }
    return true;
}

char *voyager_config_cards_string(const VoyagerConfig *cfg)
{
    GString *str = g_string_new(NULL);
    int slot;

    for (slot = 0; slot < cfg->slots && slot < VOYAGER_MAX_SLOTS; slot++) {
        g_string_append_printf(str, "%s%s", slot ? ":" : "",
                               cfg->second_line & (1u << slot) ?
                               QUAD2_NAME : voyager_card_name(cfg->card[slot]));
    }
    return g_string_free(str, false);
}

bool voyager_config_check(const VoyagerConfig *cfg, Error **errp)
{
    int slot;

    if (cfg->level != 4 && cfg->level != 5) {
        error_setg(errp, "level: %u is not a supported Voyager level "
                   "(4 or 5)", cfg->level);
        return false;
    }
    if (cfg->slots != 4 && cfg->slots != 8) {
        error_setg(errp, "slots: a Voyager has 4 or 8 processor slots, "
                   "not %u", cfg->slots);
        return false;
    }
    if (cfg->level == 4 && cfg->slots != 4) {
        error_setg(errp, "slots: a Level 4 machine has 4 processor slots");
        return false;
    }
    for (slot = 0; slot < VOYAGER_MAX_SLOTS; slot++) {
        VoyagerCardType t = cfg->card[slot];

        if (t == VOYAGER_CARD_EMPTY && !(cfg->second_line & (1u << slot))) {
            continue;
        }
        if (slot >= cfg->slots) {
            error_setg(errp, "cards: slot %d does not exist on a %u-slot "
                       "machine", slot, cfg->slots);
            return false;
        }
        if (t == VOYAGER_CARD_QUAD && cfg->level == 4) {
            error_setg(errp, "cards: slot %d: quad cards need a Level 5 "
                       "machine (property 'level')", slot);
            return false;
        }
        if ((cfg->second_line & (1u << slot)) &&
            (t != VOYAGER_CARD_QUAD || cfg->slots != 4)) {
            error_setg(errp, "cards: slot %d: a second VIC line needs a "
                       "quad card (quad2) on a 4-slot machine", slot);
            return false;
        }
        if (t == VOYAGER_CARD_DYAD && cfg->slots == 8) {
            error_setg(errp, "cards: slot %d: an 8-slot machine has one VIC "
                       "line per slot, so it takes no dyad cards", slot);
            return false;
        }
    }
    if (!voyager_cpu_count(cfg)) {
        error_setg(errp, "cards: the machine has no processor card");
        return false;
    }
    return true;
}

int voyager_cpu_id(const VoyagerConfig *cfg, int slot, int j)
{
    if (slot < 0 || slot >= cfg->slots || slot >= VOYAGER_MAX_SLOTS ||
        j < 0 || j >= voyager_card_cpus(cfg->card[slot])) {
        return -1;
    }
    if (cfg->card[slot] == VOYAGER_CARD_QUAD) {
        return slot + j * cfg->slots;
    }
    return slot + j * 4;
}

int voyager_cpu_slot(const VoyagerConfig *cfg, int id)
{
    int slot, j;

    for (slot = 0; slot < cfg->slots && slot < VOYAGER_MAX_SLOTS; slot++) {
        for (j = 0; j < voyager_card_cpus(cfg->card[slot]); j++) {
            if (voyager_cpu_id(cfg, slot, j) == id) {
                return slot;
            }
        }
    }
    return -1;
}

uint32_t voyager_present_cpus(const VoyagerConfig *cfg)
{
    uint32_t mask = 0;
    int slot, j;

    for (slot = 0; slot < cfg->slots && slot < VOYAGER_MAX_SLOTS; slot++) {
        for (j = 0; j < voyager_card_cpus(cfg->card[slot]); j++) {
            mask |= 1u << voyager_cpu_id(cfg, slot, j);
        }
    }
    return mask;
}

uint8_t voyager_vic_cpus(const VoyagerConfig *cfg)
{
    uint8_t mask = 0;
    int slot, j, n;

    for (slot = 0; slot < cfg->slots && slot < VOYAGER_MAX_SLOTS; slot++) {
        /*
         * A quad card has one CPU on a VIC line, or two with the second
         * line (quad CPUs 0 and 1); mono and dyad all.
         */
        if (cfg->card[slot] == VOYAGER_CARD_QUAD) {
            n = cfg->second_line & (1u << slot) ? 2 : 1;
        } else {
            n = voyager_card_cpus(cfg->card[slot]);
        }
        for (j = 0; j < n; j++) {
            mask |= 1u << voyager_cpu_id(cfg, slot, j);
        }
    }
    return mask;
}

bool voyager_cpu_on_second_line(const VoyagerConfig *cfg, int id)
{
    int slot = voyager_cpu_slot(cfg, id);

    return slot >= 0 && (cfg->second_line & (1u << slot)) &&
           voyager_cpu_id(cfg, slot, 1) == id;
}

bool voyager_cpu_is_quad(const VoyagerConfig *cfg, int id)
{
    int slot = voyager_cpu_slot(cfg, id);

    return slot >= 0 && cfg->card[slot] == VOYAGER_CARD_QUAD;
}

int voyager_cpu_count(const VoyagerConfig *cfg)
{
    return ctpop32(voyager_present_cpus(cfg));
}
