/*
 * NCR Voyager: the CAT (Configuration And Test) bus and the PSI
 *
 * Hardware reference (voyager-hw.md) sections 2.1, 3, 7.1, 7.3-7.5, 8.2
 * and Appendix B; the choices made where it is silent are listed in
 * docs/system/i386/voyager-cat.rst.
 *
 * Copyright (c) 2026 The NCR Voyager Linux port developers
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qapi/visitor.h"
#include "qemu/log.h"
#include "qemu/module.h"
#include "qemu/units.h"
#include "hw/core/boards.h"
#include "hw/core/irq.h"
#include "hw/core/qdev-properties.h"
#include "migration/vmstate.h"
#include "system/runstate.h"
#include "hw/misc/voyager_cat.h"
#include "trace.h"

/* CAT_CMD values (3.2) */
#define CAT_CMD_IRCYC   0x01
#define CAT_CMD_DRCYC   0x02
#define CAT_CMD_RUN     0x0f
#define CAT_CMD_END     0x80

#define CAT_BYPASS      0xff
#define CAT_AUTOINC     0x04            /* register 2 bit 2 */
#define CAT_CONNECT     0x01            /* register 5 bit 0 */
#define PSI_CHECK_BIT   0x02            /* PSI register 5 bit 1 */

/* SSPB offsets */
#define SSPB_DATA       0x0d
#define SSPB_CMD        0x0e
#define SSPB_SWNMI      0x13
#define SSPB_L4_RESTART 0x21
#define SSPB_DUMPVAL    0x23

/* PSI (7.3) */
#define PSI_STAT_DC_FAIL    0x01
#define PSI_STAT_MONITOR    0x02
#define PSI_STAT_MAJOR      0x04
#define PSI_STAT_CHANGED    0x80
#define PSI_SUPPLY_DC_FAIL  0x01
#define PSI_SUPPLY_AC_FAIL  0x02
#define PSI_SUPPLY_MONINT   0x04
#define PSI_SUPPLY_SWOFF    0x08
#define PSI_SUPPLY_HXOFF    0x10
#define PSI_SUPPLY_BATFAIL  0x80
#define PSI_GEN_SWITCH_ON   0x01
#define PSI_GEN_SWITCH_EN   0x02
#define PSI_GEN_ALARM_EN    0x08
#define PSI_GEN_COLD_RESET  0x20
#define PSI_GEN_COLD_START  0x80
#define PSI_AC_CHANGED      0x80        /* 8004h: status changed */
#define PSI_PRESENT         0x03        /* two supplies */
#define PSI_ALL_REGS        0xffff      /* direct registers 0-15 */
#define PSI_DEADLINE_NS     (3 * NANOSECONDS_PER_SECOND)
#define CMN_REPEAT_US       1000        /* default of cmn-repeat-us */

/* Level 4 ASIC ids on the port 97h / SSPB window (8.2) */
#define L4_DINO         0x43

#define MEM_CARD_MAX    (2 * GiB)
#define L4_TOM_MAX      0x7ff00000u

typedef enum VoyagerCatCycle {
    CAT_IDLE,
    CAT_IR,
    CAT_DR,
} VoyagerCatCycle;

typedef enum VoyagerCatModuleKind {
    MOD_ABSENT,
    MOD_PROCESSOR,
    MOD_MEMORY,
    MOD_MCA,
    MOD_PSI,
} VoyagerCatModuleKind;

/* The value of each ASIC's register 1 ("ASIC type"). */
typedef enum VoyagerCatAsicKind {
    ASIC_CAT = 0x01,
    ASIC_QDATA = 0x02,
    ASIC_QABC = 0x03,
    ASIC_MMC = 0x04,
    ASIC_MMA = 0x05,
    ASIC_PSI = 0x06,
} VoyagerCatAsicKind;

static const char *const module_kind_names[] = {
    [MOD_ABSENT] = "absent",
    [MOD_PROCESSOR] = "processor",
    [MOD_MEMORY] = "memory",
    [MOD_MCA] = "MCA bridge",
    [MOD_PSI] = "PSI",
};

static const char *asic_kind_name(uint8_t kind)
{
    switch (kind) {
    case ASIC_CAT:
        return "CAT";
    case ASIC_QDATA:
        return "QDATA";
    case ASIC_QABC:
        return "QABC";
    case ASIC_MMC:
        return "MMC";
    case ASIC_MMA:
        return "MMA";
    case ASIC_PSI:
        return "CAT(PSI)";
    default:
        return "?";
    }
}

/* ------------------------------------------------------------------ */
/* Module database                                                    */

static VoyagerCatModuleInfo *mod_info(VoyagerCatState *s, uint8_t id)
{
    if (id < VOYAGER_CAT_MODULE_FIRST ||
        id >= VOYAGER_CAT_MODULE_FIRST + VOYAGER_CAT_MODULES) {
        return NULL;
    }
    return &s->info[id - VOYAGER_CAT_MODULE_FIRST];
}

/* The module selected at port 97h if it answers on the CAT bus. */
static int cat_answering(VoyagerCatState *s)
{
    VoyagerCatModuleInfo *mi = mod_info(s, s->select);

    /* Level 4 has no Level 5 CAT protocol (D22): no module answers */
    if (s->level == 4 || !mi || mi->kind == MOD_ABSENT ||
        s->select == s->fault_module) {
        return -1;
    }
    return s->select - VOYAGER_CAT_MODULE_FIRST;
}

static void put16(uint8_t *p, uint16_t v)
{
    p[0] = v;
    p[1] = v >> 8;
}

static void put32(uint8_t *p, uint32_t v)
{
    put16(p, v);
    put16(p + 2, v >> 16);
}

static void put_str(uint8_t *p, size_t len, const char *str)
{
    size_t n = MIN(strlen(str), len);

    memset(p, ' ', len);
    memcpy(p, str, n);
}

/*
 * Generate one EPROM image (3.11): the 57h-byte header, then from
 * eprom-table-offset (58h by default) the scan-path table, one 20-byte
 * ASIC data table and one 17-byte JTAG table per ASIC.  Everything the
 * kernel parses lies below the end-of-checksum offset at 2Ah; the bytes
 * between the header and the tables are zero, the rest of the EPROM reads
 * FFh (erased).  How large real EPROMs were and where their tables lay is
 * unknown (fidelity audit D9): the historic driver read all of the first
 * (word at 2Ah) bytes, so tables anywhere below 64 KiB are plausible.
 */
static void build_eprom(VoyagerCatModuleInfo *mi, int sub, uint8_t id,
                        uint8_t config_id, const char *assembly,
                        uint16_t table_offset)
{
    VoyagerCatSubInfo *si = &mi->sub[sub];
    int n = si->nasics + 1;
    int scan = table_offset, data = scan + 6 * n, jtag = data + 20 * n;
    int end = jtag + 17 * n;
    uint16_t sum = 0;
    uint8_t *e;
    int k, i;

    si->eprom_size = MAX(pow2ceil(end), VOYAGER_CAT_EPROM_SIZE);
    si->eprom = e = g_malloc(si->eprom_size);
    memset(e, 0xff, si->eprom_size);
    memset(e, 0, end);
    e[0x00] = id;
    e[0x01] = sub;
    e[0x04] = 0x01;                     /* version id */
    e[0x05] = config_id;
    put16(e + 0x08, si->eprom_size);
    put_str(e + 0x0a, 11, assembly);
    e[0x15] = 'A';                      /* assembly revision */
    put32(e + 0x16, 0x00560000 | (id << 8) | sub);     /* tracer */
    put16(e + 0x1e, n);
    put16(e + 0x24, scan);
    put16(e + 0x2a, end);
    e[0x30] = 0xaa;                     /* start sentinel */
    put_str(e + 0x31, 13, "VOYAGER-EPROM");
    put_str(e + 0x3e, 10, "QEMU 1.0");
    put_str(e + 0x48, 8, "NCR CAT");
    e[0x56] = 0x55;                     /* end sentinel */
    for (k = 0; k < n; k++) {
        uint8_t st = k ? si->slot[k] : 0;
        uint8_t *t = e + scan + 6 * k;
        uint8_t *d = e + data + 20 * k;
        uint8_t *j = e + jtag + 17 * k;
        bool wide = mi->asic_kind[st] == ASIC_CAT ||
                    mi->asic_kind[st] == ASIC_PSI;

        t[0] = mi->asic_id[st];
        put16(t + 2, data + 20 * k);
        put32(d, 0x0c560001 | (mi->asic_kind[st] << 12));  /* JTAG id */
        put16(d + 0x0c, wide ? 16 : 8);  /* subaddress bits */
        put16(d + 0x12, jtag + 17 * k);
        put32(j, 0x0c560001 | (mi->asic_kind[st] << 12));  /* IDCODE */
        j[0x10] = 8;                    /* IR length */
    }
    for (i = 0; i < end; i++) {
        sum += e[i];
    }
    put16(e + 0x50, sum);
    si->eprom_used = end;
    si->present = true;
}

static void add_asic(VoyagerCatModuleInfo *mi, int sub, int st,
                     uint8_t asic_id, uint8_t kind)
{
    VoyagerCatSubInfo *si = &mi->sub[sub];

    mi->asic_id[st] = asic_id;
    mi->asic_kind[st] = kind;
    si->slot[++si->nasics] = st;
}

static void voyager_cat_build(VoyagerCatState *s)
{
    VoyagerConfig *cfg = &s->cfg;
    VoyagerCatModuleInfo *mi;
    int slot, m;
    char name[16];

    memset(s->info, 0, sizeof(s->info));
    for (m = 0; m < VOYAGER_CAT_MODULES; m++) {
        s->info[m].slot = -1;
        s->info[m].asic_kind[0] = ASIC_CAT;
    }
    /*
     * A Level 4 CAT bus is "accessed in a totally different way"
     * (fidelity audit D22, reference 10 item 22): nobody knows how, so
     * it has no modules, EPROMs or PSI here; only the DINO window.
     */
    if (cfg->level == 4) {
        return;
    }

    for (slot = 0; slot < cfg->slots; slot++) {
        VoyagerCardType t = cfg->card[slot];
        uint8_t id = slot < 4 ? 0x10 + slot : 0x1c + slot - 4;

        if (t == VOYAGER_CARD_EMPTY) {
            continue;
        }
        mi = mod_info(s, id);
        mi->kind = MOD_PROCESSOR;
        mi->slot = slot;
        snprintf(name, sizeof(name), "PROC-%s", voyager_card_name(t));
        /*
         * D13: the config id as the number of CPUs is an emulator
         * choice (the historic driver never read it); config-id-cpus=off
         * leaves it 00h
         */
        build_eprom(mi, 0, id, s->config_id_cpus ? voyager_card_cpus(t) : 0,
                    name, s->eprom_table_offset);
        if (t == VOYAGER_CARD_QUAD) {
            /* the quad baseboard, submodule 1 (3.13) */
            add_asic(mi, 1, 1, 1, ASIC_QDATA);
            add_asic(mi, 1, 2, 2, ASIC_QDATA);
            add_asic(mi, 1, 3, 3, ASIC_QABC);
            build_eprom(mi, 1, id, 0x14, "QUAD-BASE", s->eprom_table_offset);
        }
    }

    /* memory cards: up to 2 GiB each */
    for (m = 0; m < 2; m++) {
        uint64_t base = m * MEM_CARD_MAX;

        if (m && s->ram <= base) {
            break;
        }
        mi = mod_info(s, 0x14 + m);
        mi->kind = MOD_MEMORY;
        mi->mem_base = base;
        mi->mem_size = MIN(s->ram - MIN(s->ram, base), MEM_CARD_MAX);
        add_asic(mi, 0, 1, 1, ASIC_MMC);
        add_asic(mi, 0, 2, 2, ASIC_MMA);
        build_eprom(mi, 0, 0x14 + m, 0x20, "MEM-CARD", s->eprom_table_offset);
    }

    mi = mod_info(s, 0x18);
    mi->kind = MOD_MCA;
    build_eprom(mi, 0, 0x18, 0x30, "MCA-BRIDGE", s->eprom_table_offset);
    if (cfg->slots == 8) {
        mi = mod_info(s, 0x19);
        mi->kind = MOD_MCA;
        build_eprom(mi, 0, 0x19, 0x30, "MCA-BRIDGE", s->eprom_table_offset);
    }

    /* the PSI: CAT ASIC only, no EPROM */
    mi = mod_info(s, VOYAGER_CAT_PSI);
    mi->kind = MOD_PSI;
    mi->asic_kind[0] = ASIC_PSI;
}

/*
 * fault-eprom: the module's own EPROM claims 8 ASICs, one more than a
 * scan path can hold (3.11); its checksum is left stale, as after a real
 * corruption.  The module still answers and its ASICs work.
 */
static bool cat_check_fault_eprom(VoyagerCatState *s, uint8_t id, Error **errp)
{
    VoyagerCatModuleInfo *mi;

    if (!id) {
        return true;
    }
    mi = s->level == 4 ? NULL : mod_info(s, id);
    if (!mi || !mi->sub[0].present) {
        error_setg(errp, "fault-eprom: 0x%x is not a module with an EPROM "
                   "in this machine (cards=%s, level %u)", id,
                   s->cards ?: "", s->level);
        return false;
    }
    return true;
}

/*
 * Every EPROM as built, then the one fault-eprom names corrupted: at
 * realize, when fault-eprom changes at run time (the guest sees it at its
 * next EPROM read) and after a migration.
 */
static void cat_apply_fault_eprom(VoyagerCatState *s)
{
    int m;

    for (m = 0; m < VOYAGER_CAT_MODULES; m++) {
        VoyagerCatSubInfo *si = &s->info[m].sub[0];

        if (si->present && si->eprom) {
            si->eprom[0x1e] = si->nasics + 1;
        }
    }
    if (s->fault_eprom) {
        mod_info(s, s->fault_eprom)->sub[0].eprom[0x1e] =
            VOYAGER_CAT_MAX_ASICS + 1;
    }
}

/* ------------------------------------------------------------------ */
/* PSI (7.3-7.5)                                                      */

/*
 * Register 8: the latched status bits, and "monitor" while a switch-off
 * or an AC failure is not acknowledged (13h to 8000h, 80h to 8007h).
 */
static uint8_t psi_status(VoyagerCatState *s)
{
    bool monitor = (s->psi_supply & PSI_SUPPLY_SWOFF) || s->psi_ac_changed;

    return s->psi_status | (monitor ? PSI_STAT_MONITOR : 0);
}

/*
 * CMN_INT is a level (fidelity audit D8, reference 7.4 and 10 item 15):
 * the PSI holds it while an event is unacknowledged and, with
 * psi-read-all, until all 16 direct registers were read after the event
 * ("otherwise the cmn int will be reasserted").  The VIC and the QICs
 * latch CMN_INT on a rising edge, so while the level is held it is
 * lowered and raised again every cmn-repeat-us: each CPU that has
 * acknowledged it takes it again, as behind a level-triggered 8259.
 */
static bool psi_cmn_wanted(VoyagerCatState *s)
{
    return psi_status(s) || (s->psi_read_all && s->psi_unread);
}

static void psi_update(VoyagerCatState *s)
{
    bool level = psi_cmn_wanted(s);

    if (level != s->cmn_level) {
        s->cmn_level = level;
        trace_voyager_psi_cmn_int(level);
        qemu_set_irq(s->cmn_int, level);
    }
    if (level && s->cmn_repeat_us) {
        if (!timer_pending(s->cmn_timer)) {
            timer_mod(s->cmn_timer, qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL) +
                      (int64_t)s->cmn_repeat_us * SCALE_US);
        }
    } else {
        timer_del(s->cmn_timer);
    }
}

static void cmn_timer_cb(void *opaque)
{
    VoyagerCatState *s = opaque;

    if (!s->cmn_level) {
        return;
    }
    s->cmn_repeats++;
    qemu_set_irq(s->cmn_int, 0);
    qemu_set_irq(s->cmn_int, 1);
    psi_update(s);
}

/* A new PSI event: latch @status and ask for all registers to be read. */
static void psi_event(VoyagerCatState *s, uint8_t status)
{
    s->psi_status |= status;
    s->psi_unread = PSI_ALL_REGS;
    psi_update(s);
}

static void psi_power_off(VoyagerCatState *s, const char *why)
{
    trace_voyager_psi_power_off(why);
    qemu_system_shutdown_request(SHUTDOWN_CAUSE_GUEST_SHUTDOWN);
}

static void psi_timer_cb(void *opaque)
{
    VoyagerCatState *s = opaque;

    if (s->psi_supply & PSI_SUPPLY_SWOFF) {
        psi_power_off(s, "switch-off not acknowledged within 3 s");
    }
}

static void voyager_cat_powerdown(Notifier *n, void *opaque)
{
    VoyagerCatState *s = container_of(n, VoyagerCatState, powerdown);

    if (s->level == 4) {
        /* no Level 5 PSI: the switch cuts the power (D22) */
        trace_voyager_psi_switch("press (Level 4)");
        psi_power_off(s, "Level 4 power switch");
        return;
    }
    if (!(s->psi_general & PSI_GEN_SWITCH_EN)) {
        trace_voyager_psi_switch("ignored (switch disabled)");
        return;
    }
    if (s->psi_supply & PSI_SUPPLY_SWOFF) {
        trace_voyager_psi_switch("second press");
        psi_power_off(s, "second press of the power switch");
        return;
    }
    trace_voyager_psi_switch("press");
    s->psi_supply |= PSI_SUPPLY_SWOFF;
    timer_mod(s->psi_timer,
              qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL) + PSI_DEADLINE_NS);
    psi_event(s, 0);
}

/*
 * The events a running machine can raise (D17), from the properties
 * ac-fail, dc-fail, battery-fail and major-fault.  Register layout of
 * reference 7.3; what the old kernel did with each, 7.4.
 */
static void psi_condition_changed(VoyagerCatState *s, bool *cond)
{
    if (cond == &s->ac_fail) {
        /*
         * 8004h: per-supply failure bits 4-0 follow the condition; the
         * change bit 80h is set when the AC goes (the old kernel then
         * wrote 80h to 8007h and polled 8004h every second until bits
         * 4-0 were clear; the return of the AC raises nothing).
         */
        trace_voyager_psi_switch(s->ac_fail ? "AC fail" : "AC back");
        if (s->ac_fail) {
            s->psi_ac_changed = true;
            psi_event(s, 0);
        }
    } else if (cond == &s->dc_fail) {
        trace_voyager_psi_switch(s->dc_fail ? "DC fail" : "DC back");
        if (s->dc_fail) {
            psi_event(s, PSI_STAT_DC_FAIL);
        }
    } else if (cond == &s->battery_fail) {
        /* 8000h bit 80h until the 17h command; status "changed" */
        trace_voyager_psi_switch(s->battery_fail ? "battery fail"
                                                 : "battery replaced");
        if (s->battery_fail) {
            s->psi_supply |= PSI_SUPPLY_BATFAIL;
            psi_event(s, PSI_STAT_CHANGED);
        }
    } else if (cond == &s->major_fault) {
        trace_voyager_psi_switch(s->major_fault ? "major fault"
                                                : "major fault gone");
        if (s->major_fault) {
            psi_event(s, PSI_STAT_MAJOR);
        }
    }
}

static uint8_t psi_sub_read(VoyagerCatState *s, uint16_t addr)
{
    switch (addr) {
    case 0x8000:
        return s->psi_supply |
               (s->dc_fail ? PSI_SUPPLY_DC_FAIL : 0) |
               (s->ac_fail ? PSI_SUPPLY_AC_FAIL : 0) |
               (psi_status(s) & PSI_STAT_MONITOR ? PSI_SUPPLY_MONINT : 0);
    case 0x8001:
        return s->psi_mask;
    case 0x8002:
        return PSI_PRESENT;
    case 0x8003:
        return s->dc_fail ? PSI_PRESENT : 0;
    case 0x8004:
        return (s->ac_fail ? PSI_PRESENT : 0) |
               (s->psi_ac_changed ? PSI_AC_CHANGED : 0);
    case 0x8007:
        return s->psi_general;
    default:
        return 0;
    }
}

static void psi_general_cmd(VoyagerCatState *s, uint8_t val)
{
    bool set = val & 0x10;
    uint8_t bit;

    if (val & PSI_AC_CHANGED) {
        /*
         * The old kernel's answer to an AC failure (7.4): it wrote the
         * read bit 80h, not a command.  Taken as the acknowledge of the
         * 8004h change bit, without which its handler, which did not
         * clear register 8 on that path, would have been re-entered.
         */
        s->psi_ac_changed = false;
        psi_update(s);
        return;
    }
    switch (val & 0x0f) {
    case 0x0:
        if (set) {
            psi_power_off(s, "PSI power down command");
        }
        return;
    case 0x1:
        bit = PSI_GEN_SWITCH_EN;
        break;
    case 0x2:
        if (set) {
            s->psi_status = 0;
            psi_update(s);
        }
        return;
    case 0x3:
        bit = PSI_GEN_ALARM_EN;
        break;
    case 0x5:
        bit = PSI_GEN_COLD_RESET;
        break;
    case 0x7:
        bit = PSI_GEN_COLD_START;
        break;
    default:
        qemu_log_mask(LOG_GUEST_ERROR, "voyager-cat: PSI: unknown general "
                      "command 0x%02x\n", val);
        return;
    }
    if (set) {
        s->psi_general |= bit;
    } else {
        s->psi_general &= ~bit;
    }
}

static void psi_sub_write(VoyagerCatState *s, uint16_t addr, uint8_t val)
{
    trace_voyager_psi_write(addr, val);
    switch (addr) {
    case 0x8000:
        switch (val) {
        case 0x13:
            s->psi_supply &= ~PSI_SUPPLY_SWOFF;
            timer_del(s->psi_timer);
            psi_update(s);
            break;
        case 0x14:
            s->psi_supply &= ~PSI_SUPPLY_HXOFF;
            break;
        case 0x17:
            s->psi_supply &= ~PSI_SUPPLY_BATFAIL;
            break;
        default:
            qemu_log_mask(LOG_GUEST_ERROR, "voyager-cat: PSI: unknown "
                          "supply command 0x%02x\n", val);
        }
        break;
    case 0x8001:
        qemu_log_mask(LOG_UNIMP, "voyager-cat: PSI: supply mask 0x%02x "
                      "(a supply shut-down) is not modelled\n", val);
        s->psi_mask = val;
        break;
    case 0x8007:
        psi_general_cmd(s, val);
        break;
    default:
        qemu_log_mask(LOG_GUEST_ERROR, "voyager-cat: PSI: write 0x%02x to "
                      "read-only or unknown subaddress 0x%04x\n", val, addr);
    }
}

/* ------------------------------------------------------------------ */
/* ASIC registers                                                     */

static VoyagerCatSubInfo *cur_sub(VoyagerCatState *s, int m)
{
    VoyagerCatModuleInfo *mi = &s->info[m];
    uint8_t sel = s->module[m].asic[0].reg[8] & 3;

    if (mi->kind == MOD_PSI || sel >= VOYAGER_CAT_SUBMODULES ||
        !mi->sub[sel].present) {
        return NULL;
    }
    return &mi->sub[sel];
}

static bool asic_wide(VoyagerCatState *s, int m, int st)
{
    uint8_t kind = s->info[m].asic_kind[st];

    return kind == ASIC_CAT || kind == ASIC_PSI;
}

static uint8_t sub_read(VoyagerCatState *s, int m, int st, uint16_t addr)
{
    VoyagerCatModuleInfo *mi = &s->info[m];
    VoyagerCatSubInfo *si;
    uint32_t cpi;

    switch (mi->asic_kind[st]) {
    case ASIC_CAT:
        si = cur_sub(s, m);
        return si && addr < si->eprom_size ? si->eprom[addr] : 0xff;
    case ASIC_PSI:
        return psi_sub_read(s, addr);
    case ASIC_QABC:
        /* 5.2: bytes 5-7 the CPI area address, byte 8 the SET register */
        cpi = VOYAGER_QIC_CPI_BASE + mi->slot * VOYAGER_QIC_CPI_STRIDE;
        switch (addr) {
        case 5:
            return cpi >> 24;
        case 6:
            return cpi >> 16;
        case 7:
            return cpi >> 8;
        case 8:
            /*
             * quad CPU 0 on the first VIC line; on a 4100-style card
             * (quad2) quad CPU 1 on the second (fidelity audit 6)
             */
            return 0x01 | (s->cfg.second_line & (1u << mi->slot) ?
                           0x20 : 0);
        default:
            return 0;
        }
    case ASIC_MMC:
        switch (addr) {
        case 0:
            return (mi->mem_base >> 20) & 0xff;
        case 1:
            return mi->mem_base >> 28;
        case 2:
            return (mi->mem_size >> 20) & 0xff;
        case 3:
            return mi->mem_size >> 28;
        default:
            return 0;
        }
    default:
        return 0;
    }
}

static void sub_write(VoyagerCatState *s, int m, int st, uint16_t addr,
                      uint8_t val)
{
    if (s->info[m].asic_kind[st] == ASIC_PSI) {
        psi_sub_write(s, addr, val);
        return;
    }
    qemu_log_mask(LOG_GUEST_ERROR, "voyager-cat: module 0x%02x ASIC %u: "
                  "write 0x%02x to read-only subaddress 0x%04x\n",
                  m + VOYAGER_CAT_MODULE_FIRST, s->info[m].asic_id[st],
                  val, addr);
}

static void sub_advance(VoyagerCatState *s, int m, int st)
{
    VoyagerCatAsic *a = &s->module[m].asic[st];

    if (a->reg[2] & CAT_AUTOINC) {
        a->subaddr++;
        if (!asic_wide(s, m, st)) {
            a->subaddr &= 0xff;
        }
    }
}

static uint8_t asic_reg_read(VoyagerCatState *s, int m, int st, int reg)
{
    VoyagerCatModuleInfo *mi = &s->info[m];
    VoyagerCatAsic *a = &s->module[m].asic[st];
    bool psi = mi->asic_kind[st] == ASIC_PSI;
    uint8_t val;

    switch (reg) {
    case 0:
        val = mi->asic_id[st];
        break;
    case 1:
        val = mi->asic_kind[st];
        break;
    case 3:
        val = sub_read(s, m, st, a->subaddr);
        sub_advance(s, m, st);
        break;
    case 5:
        val = a->reg[5] | (psi ? PSI_CHECK_BIT : 0);
        break;
    case 6:
        val = a->subaddr;
        break;
    case 7:
        val = asic_wide(s, m, st) ? a->subaddr >> 8 : 0;
        break;
    case 8:
        val = psi ? psi_status(s) : a->reg[8];
        break;
    case 9:
        if (psi) {
            val = 0;
        } else if (st == 0) {
            /* submodule present, active low: FEh for a quad (3.13) */
            val = mi->sub[1].present ? 0xfe : 0xff;
        } else {
            val = a->reg[9];
        }
        break;
    default:
        val = psi && reg > 9 ? 0 : a->reg[reg];
        break;
    }
    trace_voyager_cat_reg_read(m + VOYAGER_CAT_MODULE_FIRST,
                               mi->asic_id[st], reg, val);
    if (psi) {
        s->psi_accesses++;
        if (s->psi_unread & (1u << reg)) {
            /* D8: the event is done with once all 16 were read */
            s->psi_unread &= ~(1u << reg);
            if (!s->psi_unread) {
                psi_update(s);
            }
        }
    }
    return val;
}

static void asic_reg_write(VoyagerCatState *s, int m, int st, int reg,
                           uint8_t val)
{
    VoyagerCatModuleInfo *mi = &s->info[m];
    VoyagerCatAsic *a = &s->module[m].asic[st];
    bool psi = mi->asic_kind[st] == ASIC_PSI;

    trace_voyager_cat_reg_write(m + VOYAGER_CAT_MODULE_FIRST,
                                mi->asic_id[st], reg, val);
    if (psi) {
        s->psi_accesses++;
    }
    switch (reg) {
    case 0:
    case 1:
        qemu_log_mask(LOG_GUEST_ERROR, "voyager-cat: write 0x%02x to "
                      "read-only ASIC register %d\n", val, reg);
        break;
    case 3:
        sub_write(s, m, st, a->subaddr, val);
        sub_advance(s, m, st);
        break;
    case 6:
        a->subaddr = (a->subaddr & 0xff00) | val;
        break;
    case 7:
        if (asic_wide(s, m, st)) {
            a->subaddr = (a->subaddr & 0xff) | (val << 8);
        }
        break;
    case 8:
        if (psi) {
            /* writing 0 clears the latched PSI faults */
            s->psi_status &= val;
            psi_update(s);
        } else {
            a->reg[8] = val;
        }
        break;
    case 9:
        if (st == 0 || psi) {
            break;              /* read-only */
        }
        a->reg[9] = val;
        break;
    case 5:
        /*
         * D10, connect-sticky: a write that reaches a connected CAT ASIC
         * through its chain cannot clear the connect bit; only reset
         * disconnects.
         */
        if (st == 0 && !psi && s->connect_sticky &&
            (a->reg[5] & CAT_CONNECT) && !(val & CAT_CONNECT)) {
            trace_voyager_cat_connect_sticky(m + VOYAGER_CAT_MODULE_FIRST);
            val |= CAT_CONNECT;
        }
        a->reg[5] = val;
        break;
    default:
        if (!(psi && reg > 9)) {
            a->reg[reg] = val;
        }
        break;
    }
}

/* ------------------------------------------------------------------ */
/* The scan engine (3.6)                                              */

/* Chain locations of module @m: state slot of each, location 0 first. */
static int cat_layout(VoyagerCatState *s, int m, uint8_t *slot)
{
    VoyagerCatSubInfo *si = cur_sub(s, m);
    int n = 1, k;

    slot[0] = 0;
    if (si && (s->module[m].asic[0].reg[5] & CAT_CONNECT)) {
        for (k = 1; k <= si->nasics && k < VOYAGER_CAT_MAX_ASICS; k++) {
            slot[n++] = si->slot[k];
        }
    }
    return n;
}

/* Register addressed by an instruction, or -1 for BYPASS and others. */
static int inst_reg(uint8_t ir, bool *write)
{
    uint8_t op = ir & 3;

    if (ir == CAT_BYPASS || (ir & 0x40) || op == 0 || op == 3) {
        return -1;
    }
    *write = op == 2;
    return (ir >> 2) & 0xf;
}

static void cat_begin(VoyagerCatState *s, int m, uint8_t cmd)
{
    uint8_t slot[VOYAGER_CAT_MAX_ASICS];
    int n = cat_layout(s, m, slot);
    int k, pos = 0, reg;
    bool write;

    s->chain = 0;
    s->shifted = false;
    if (cmd == CAT_CMD_IRCYC) {
        s->cycle = CAT_IR;
        s->chain_len = 8 * n;   /* IR capture value: 0 */
        return;
    }
    s->cycle = CAT_DR;
    for (k = n - 1; k >= 0; k--) {
        reg = inst_reg(s->module[m].asic[slot[k]].ir, &write);
        if (reg < 0) {
            pos += 1;           /* BYPASS cell, captures 0 */
            continue;
        }
        if (!write) {
            s->chain |= (uint64_t)asic_reg_read(s, m, slot[k], reg) << pos;
        }
        pos += 8;
    }
    s->chain_len = pos;
}

static void cat_end(VoyagerCatState *s, int m)
{
    uint8_t slot[VOYAGER_CAT_MAX_ASICS], val[VOYAGER_CAT_MAX_ASICS];
    int regs[VOYAGER_CAT_MAX_ASICS];
    int n = cat_layout(s, m, slot);
    int k, pos = 0, reg;
    bool write;

    if (s->cycle == CAT_IR) {
        if (s->shifted) {
            for (k = n - 1; k >= 0; k--, pos += 8) {
                s->module[m].asic[slot[k]].ir = s->chain >> pos;
            }
        }
    } else if (s->cycle == CAT_DR && s->shifted) {
        for (k = n - 1; k >= 0; k--) {
            reg = inst_reg(s->module[m].asic[slot[k]].ir, &write);
            regs[k] = -1;
            if (reg < 0) {
                pos += 1;
                continue;
            }
            if (write) {
                regs[k] = reg;
                val[k] = s->chain >> pos;
            }
            pos += 8;
        }
        /* the layout is fixed before any register changes */
        for (k = 0; k < n; k++) {
            if (regs[k] >= 0) {
                asic_reg_write(s, m, slot[k], regs[k], val[k]);
            }
        }
    }
    s->cycle = CAT_IDLE;
    s->shifted = false;
}

static void cat_cmd(VoyagerCatState *s, uint8_t cmd)
{
    int m = cat_answering(s);

    trace_voyager_cat_cmd(s->select, cmd);
    if (m < 0) {
        s->cycle = CAT_IDLE;
        return;
    }
    cat_end(s, m);
    if (cmd == CAT_CMD_IRCYC || cmd == CAT_CMD_DRCYC) {
        cat_begin(s, m, cmd);
    }
}

static void cat_data_write(VoyagerCatState *s, uint8_t in)
{
    uint8_t out = 0;
    int i;

    if (cat_answering(s) < 0 || s->cycle == CAT_IDLE || !s->chain_len ||
        s->chain_len > 64) {
        s->data_out = 0xff;
        trace_voyager_cat_data(s->select, in, s->data_out);
        return;
    }
    for (i = 0; i < 8; i++) {
        out |= (s->chain & 1) << i;
        s->chain >>= 1;
        s->chain |= (uint64_t)((in >> i) & 1) << (s->chain_len - 1);
    }
    if (s->select == s->fault_garbage) {
        /* xorshift32: what the module shifts out is noise */
        s->garbage ^= s->garbage << 13;
        s->garbage ^= s->garbage >> 17;
        s->garbage ^= s->garbage << 5;
        out = s->garbage;
    }
    s->shifted = true;
    s->data_out = out;
    trace_voyager_cat_data(s->select, in, out);
}

/* ------------------------------------------------------------------ */
/* Ports                                                              */

static uint32_t l4_tom(VoyagerCatState *s)
{
    return MIN(s->ram, L4_TOM_MAX) & ~(uint32_t)(MiB - 1);
}

static bool l4_asic(uint8_t id)
{
    /* DINO, WCBIC0-7 (41h + 8n), VMC1-4 (81h, 91h, A1h, B1h) */
    return id == L4_DINO || (id >= 0x41 && id <= 0x79 && (id & 7) == 1) ||
           id == 0x81 || id == 0x91 || id == 0xa1 || id == 0xb1;
}

static uint64_t sspb_read(void *opaque, hwaddr addr, unsigned size)
{
    VoyagerCatState *s = opaque;
    uint8_t val = 0xff;

    s->accesses++;
    switch (addr) {
    case SSPB_DATA:
        val = s->data_out;
        break;
    case SSPB_SWNMI:
        val = s->swnmi;
        break;
    case SSPB_DUMPVAL:
        val = s->dumpval;
        break;
    case SSPB_L4_RESTART:
        val = s->level == 4 && (s->mc_setup & 0x08) ? 0 : 0xff;
        break;
    default:
        /* a silenced DINO leaves the window floating, as absent */
        if (s->level == 4 && addr < SSPB_DATA && l4_asic(s->select) &&
            s->select != s->fault_module) {
            bool tom = s->select < 0x80;

            if (addr == 0) {
                val = s->select;
            } else if (addr == 4 && tom) {
                val = (l4_tom(s) >> 16) & 0xf0;
            } else if (addr == 5 && tom) {
                val = (l4_tom(s) >> 24) & 0x7f;
            } else {
                val = 0;
            }
        }
        break;
    }
    trace_voyager_cat_sspb_read(addr, val);
    return val;
}

static void sspb_write(void *opaque, hwaddr addr, uint64_t data,
                       unsigned size)
{
    VoyagerCatState *s = opaque;
    uint8_t val = data;

    s->accesses++;
    trace_voyager_cat_sspb_write(addr, val);
    switch (addr) {
    case SSPB_DATA:
        cat_data_write(s, val);
        break;
    case SSPB_CMD:
        cat_cmd(s, val);
        break;
    case SSPB_SWNMI:
        /* write 1s to clear; FFh clears the dump status too */
        s->swnmi &= ~val;
        if (val == 0xff) {
            s->dumpval = 0;
        }
        break;
    case SSPB_L4_RESTART:
        if (s->level != 4 || !(s->mc_setup & 0x08)) {
            qemu_log_mask(LOG_GUEST_ERROR, "voyager-cat: SSPB+21h written "
                          "without the Level 4 configuration space (port "
                          "96h bit 3)\n");
        } else if (val & 0x01) {
            trace_voyager_psi_power_off("Level 4 SSPB+21h bit 0");
            qemu_system_shutdown_request(SHUTDOWN_CAUSE_GUEST_SHUTDOWN);
        } else if (val & 0x02) {
            qemu_system_reset_request(SHUTDOWN_CAUSE_GUEST_RESET);
        }
        break;
    default:
        qemu_log_mask(LOG_GUEST_ERROR, "voyager-cat: write 0x%02x to "
                      "SSPB+0x%02" HWADDR_PRIx "\n", val, addr);
        break;
    }
}

static const MemoryRegionOps sspb_ops = {
    .read = sspb_read,
    .write = sspb_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid.min_access_size = 1,
    .valid.max_access_size = 4,
    .impl.min_access_size = 1,
    .impl.max_access_size = 1,
};

static uint64_t mc_read(void *opaque, hwaddr addr, unsigned size)
{
    VoyagerCatState *s = opaque;
    uint8_t val;

    s->accesses++;
    switch (addr) {
    case 0:
        val = s->mc_setup;
        break;
    case 1:
        val = s->select;
        break;
    default:
        val = VOYAGER_CAT_SSPB >> 8;
        break;
    }
    trace_voyager_cat_mc_read(0x96 + addr, val);
    return val;
}

static void mc_write(void *opaque, hwaddr addr, uint64_t data, unsigned size)
{
    VoyagerCatState *s = opaque;

    s->accesses++;
    trace_voyager_cat_mc_write(0x96 + addr, data);
    switch (addr) {
    case 0:
        s->mc_setup = data;
        break;
    case 1:
        /* a new selection abandons an unfinished scan cycle */
        s->select = data;
        if (s->psi_read_all_selection && s->psi_unread) {
            /* D11: the 16 reads must come within one selection */
            s->psi_unread = PSI_ALL_REGS;
        }
        s->cycle = CAT_IDLE;
        s->shifted = false;
        s->data_out = 0xff;
        break;
    default:
        qemu_log_mask(LOG_GUEST_ERROR, "voyager-cat: write 0x%02x to the "
                      "read-only SSPB port 98h\n", (uint8_t)data);
        break;
    }
}

static const MemoryRegionOps mc_ops = {
    .read = mc_read,
    .write = mc_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid.min_access_size = 1,
    .valid.max_access_size = 4,
    .impl.min_access_size = 1,
    .impl.max_access_size = 1,
};

/* ------------------------------------------------------------------ */
/* Public API                                                         */

void voyager_cat_dump_switch(DeviceState *cat)
{
    VoyagerCatState *s = VOYAGER_CAT(cat);

    trace_voyager_cat_dump_switch();
    if (!s->dump_status) {
        /*
         * D1/D2: the status bits stay clear, the reading the old kernel
         * tolerated ("assume dump switch pressed")
         */
        return;
    }
    s->dumpval = 0x01;
    s->swnmi = 0x01;
}

void voyager_cat_print_info(DeviceState *cat, GString *buf)
{
    VoyagerCatState *s = VOYAGER_CAT(cat);
    int m, sub, k;

    g_string_append_printf(buf, "CAT bus: level %u, class %04x, SSPB %04x, "
                           "selected %02x, ram %" PRIu64 " MiB\n",
                           s->level, s->model_class, VOYAGER_CAT_SSPB,
                           s->select, s->ram / MiB);
    for (m = 0; m < VOYAGER_CAT_MODULES; m++) {
        VoyagerCatModuleInfo *mi = &s->info[m];
        uint8_t id = m + VOYAGER_CAT_MODULE_FIRST;

        if (mi->kind == MOD_ABSENT) {
            continue;
        }
        g_string_append_printf(buf, "  module %02x: %s", id,
                               module_kind_names[mi->kind]);
        if (mi->slot >= 0) {
            g_string_append_printf(buf, " slot %d (%s)", mi->slot,
                                   voyager_card_name(s->cfg.card[mi->slot]));
        }
        if (mi->kind == MOD_MEMORY) {
            g_string_append_printf(buf, " %u MiB at %u MiB",
                                   (unsigned)(mi->mem_size / MiB),
                                   (unsigned)(mi->mem_base / MiB));
        }
        g_string_append_printf(buf, "%s%s\n",
                               s->module[m].asic[0].reg[5] & CAT_CONNECT ?
                               ", connected" : "",
                               id == s->fault_module ?
                               ", NOT ANSWERING (fault-module)" : "");
        for (sub = 0; sub < VOYAGER_CAT_SUBMODULES; sub++) {
            VoyagerCatSubInfo *si = &mi->sub[sub];

            if (!si->present) {
                continue;
            }
            g_string_append_printf(buf, "    submodule %d: EPROM %u bytes "
                                   "(%u used), ASICs:", sub,
                                   si->eprom_size, si->eprom_used);
            for (k = 0; k <= si->nasics; k++) {
                uint8_t st = k ? si->slot[k] : 0;

                g_string_append_printf(buf, " %u=%s", mi->asic_id[st],
                                       asic_kind_name(mi->asic_kind[st]));
            }
            g_string_append_printf(buf, "\n");
        }
        if (mi->kind == MOD_PROCESSOR &&
            s->cfg.card[mi->slot] == VOYAGER_CARD_QUAD) {
            g_string_append_printf(buf, "    QABC: CPI area 0x%08x, SET "
                                   "%02x\n", VOYAGER_QIC_CPI_BASE +
                                   mi->slot * VOYAGER_QIC_CPI_STRIDE,
                                   sub_read(s, m, 3, 8));
        }
    }
    if (s->level == 4) {
        g_string_append_printf(buf, "  Level 4: no Level 5 CAT modules "
                               "and no PSI; DINO window only\n");
    } else {
        g_string_append_printf(buf, "  PSI: status %02x supply %02x AC %02x "
                               "general %02x unread %04x CMN_INT %s%s\n",
                               psi_status(s), psi_sub_read(s, 0x8000),
                               psi_sub_read(s, 0x8004), s->psi_general,
                               s->psi_unread, s->cmn_level ? "high" : "low",
                               timer_pending(s->psi_timer) ?
                               ", power-off deadline running" : "");
    }
    g_string_append_printf(buf, "  dump status F823h=%02x F813h=%02x%s\n",
                           s->dumpval, s->swnmi,
                           s->dump_status ? "" : " (dump-status off)");
}

/* ------------------------------------------------------------------ */
/* Device                                                             */

static void voyager_cat_reset_hold(Object *obj, ResetType type)
{
    VoyagerCatState *s = VOYAGER_CAT(obj);
    int m, k;

    s->mc_setup = 0;
    s->select = 0xff;
    s->cycle = CAT_IDLE;
    s->shifted = false;
    s->chain = 0;
    s->chain_len = 0;
    s->data_out = 0xff;
    s->swnmi = 0;
    s->dumpval = 0;
    s->garbage = 0x2545f491;    /* the same noise after every reset */
    memset(s->module, 0, sizeof(s->module));
    for (m = 0; m < VOYAGER_CAT_MODULES; m++) {
        for (k = 0; k < VOYAGER_CAT_MAX_ASICS; k++) {
            s->module[m].asic[k].ir = CAT_BYPASS;
            s->module[m].asic[k].reg[2] = CAT_AUTOINC;
        }
    }
    s->psi_status = 0;
    s->psi_supply = 0;
    s->psi_mask = 0;
    s->psi_general = PSI_GEN_SWITCH_ON | PSI_GEN_SWITCH_EN;
    s->psi_ac_changed = false;
    s->psi_unread = 0;
    timer_del(s->psi_timer);
    timer_del(s->cmn_timer);
}

static void voyager_cat_reset_exit(Object *obj, ResetType type)
{
    VoyagerCatState *s = VOYAGER_CAT(obj);

    /* a failure that stands at power-up is reported at once */
    if (s->level == 5) {
        bool *cond[] = {
            &s->ac_fail, &s->dc_fail, &s->battery_fail, &s->major_fault,
        };

        for (int i = 0; i < ARRAY_SIZE(cond); i++) {
            if (*cond[i]) {
                psi_condition_changed(s, cond[i]);
            }
        }
    }
    psi_update(s);
}

/* ------------------------------------------------------------------ */
/* Properties settable while the machine runs                         */

/*
 * Level 5: a CAT module (10h-1Fh) that the layout has (a module it does
 * not have never answers anyway: silencing it would test nothing).
 * Level 4 has no module that answers the CAT protocol (D22); its one
 * part the OS reads is the DINO ASIC behind the SSPB window (reference
 * 8.2), so there the DINO is the module that can stop answering.
 */
static bool cat_check_fault_module(VoyagerCatState *s, const char *name,
                                   uint8_t id, Error **errp)
{
    g_autoptr(GString) have = NULL;
    int m;

    if (!id) {
        return true;
    }
    if (s->level == 4 &&
        (id != L4_DINO || strcmp(name, "fault-module"))) {
        error_setg(errp, "%s: 0x%x: on Level 4 only the DINO (0x%x) can "
                   "be silenced, or 0 for none", name, id, L4_DINO);
        return false;
    }
    if (s->level != 4 && (id < VOYAGER_CAT_MODULE_FIRST ||
                          id >= VOYAGER_CAT_MODULE_FIRST +
                                VOYAGER_CAT_MODULES)) {
        error_setg(errp, "%s: 0x%x is not a CAT module id "
                   "(0x10-0x1f, or 0 for none)", name, id);
        return false;
    }
    if (s->level == 4) {
        return true;
    }
    /* Before realize, the module table is built here first. */
    if (!DEVICE(s)->realized) {
        s->ram = s->ram_size;
        voyager_cat_build(s);
    }
    if (mod_info(s, id)->kind != MOD_ABSENT) {
        return true;
    }
    have = g_string_new("");
    for (m = 0; m < VOYAGER_CAT_MODULES; m++) {
        if (s->info[m].kind != MOD_ABSENT) {
            g_string_append_printf(have, " 0x%x",
                                   m + VOYAGER_CAT_MODULE_FIRST);
        }
    }
    error_setg(errp, "%s: 0x%x: the layout (cards=%s, %u slots, "
               "%" PRIu64 " MiB) has no module 0x%x; it has%s", name, id,
               s->cards ?: "", s->cfg.slots, s->ram / MiB, id, have->str);
    return false;
}

/*
 * The tables of the largest submodule (VOYAGER_CAT_MAX_ASICS entries of
 * 6 + 20 + 17 bytes) must end inside a 32 KiB EPROM, whose size the
 * 16-bit word at 08h can still state.
 */
#define EPROM_TABLE_OFFSET_MAX  (0x8000 - 43 * VOYAGER_CAT_MAX_ASICS)

static bool cat_check_eprom_table_offset(VoyagerCatState *s, Error **errp)
{
    if (s->eprom_table_offset < VOYAGER_CAT_EPROM_TABLES ||
        s->eprom_table_offset > EPROM_TABLE_OFFSET_MAX) {
        error_setg(errp, "eprom-table-offset: 0x%x is outside the EPROM "
                   "(0x%x-0x%x: after the header, tables below 32 KiB)",
                   s->eprom_table_offset, VOYAGER_CAT_EPROM_TABLES,
                   EPROM_TABLE_OFFSET_MAX);
        return false;
    }
    return true;
}

static bool cat_check_psi_event(VoyagerCatState *s, const char *name,
                                bool on, Error **errp)
{
    if (on && s->level == 4) {
        error_setg(errp, "%s: a Level 4 machine has no Level 5 PSI to "
                   "report it (property 'level')", name);
        return false;
    }
    return true;
}

/*
 * A runtime property of a realized device changed from @old: check the
 * new value and act on it.  Returns false (and the caller restores
 * @old) if the value is refused.
 */
static bool cat_runtime_changed(VoyagerCatState *s, const char *name,
                                void *field, Error **errp)
{
    if (field == &s->fault_module) {
        if (!cat_check_fault_module(s, "fault-module", s->fault_module,
                                    errp)) {
            return false;
        }
        /* a module that stops answering drops its scan cycle */
        if (s->select == s->fault_module) {
            s->cycle = CAT_IDLE;
            s->shifted = false;
            s->data_out = 0xff;
        }
        return true;
    }
    if (field == &s->fault_garbage) {
        return cat_check_fault_module(s, "fault-garbage", s->fault_garbage,
                                      errp);
    }
    if (field == &s->fault_eprom) {
        if (!cat_check_fault_eprom(s, s->fault_eprom, errp)) {
            return false;
        }
        cat_apply_fault_eprom(s);
        return true;
    }
    if (field == &s->ac_fail || field == &s->dc_fail ||
        field == &s->battery_fail || field == &s->major_fault) {
        if (!cat_check_psi_event(s, name, *(bool *)field, errp)) {
            return false;
        }
        psi_condition_changed(s, field);
        return true;
    }
    /* psi-read-all, cmn-repeat-us: the CMN_INT level may change */
    psi_update(s);
    return true;
}

static void cat_prop_get_bool(Object *obj, Visitor *v, const char *name,
                              void *opaque, Error **errp)
{
    bool *ptr = object_field_prop_ptr(obj, opaque);

    visit_type_bool(v, name, ptr, errp);
}

static void cat_prop_set_bool(Object *obj, Visitor *v, const char *name,
                              void *opaque, Error **errp)
{
    bool *ptr = object_field_prop_ptr(obj, opaque);
    bool val, old = *ptr;

    if (!visit_type_bool(v, name, &val, errp)) {
        return;
    }
    *ptr = val;
    if (DEVICE(obj)->realized && val != old &&
        !cat_runtime_changed(VOYAGER_CAT(obj), name, ptr, errp)) {
        *ptr = old;
    }
}

static void cat_prop_default_bool(ObjectProperty *op, const Property *prop)
{
    object_property_set_default_bool(op, prop->defval.u);
}

static void cat_prop_get_uint8(Object *obj, Visitor *v, const char *name,
                               void *opaque, Error **errp)
{
    uint8_t *ptr = object_field_prop_ptr(obj, opaque);

    visit_type_uint8(v, name, ptr, errp);
}

static void cat_prop_set_uint8(Object *obj, Visitor *v, const char *name,
                               void *opaque, Error **errp)
{
    uint8_t *ptr = object_field_prop_ptr(obj, opaque);
    uint8_t val, old = *ptr;

    if (!visit_type_uint8(v, name, &val, errp)) {
        return;
    }
    *ptr = val;
    if (DEVICE(obj)->realized && val != old &&
        !cat_runtime_changed(VOYAGER_CAT(obj), name, ptr, errp)) {
        *ptr = old;
    }
}

static void cat_prop_get_uint32(Object *obj, Visitor *v, const char *name,
                                void *opaque, Error **errp)
{
    uint32_t *ptr = object_field_prop_ptr(obj, opaque);

    visit_type_uint32(v, name, ptr, errp);
}

static void cat_prop_set_uint32(Object *obj, Visitor *v, const char *name,
                                void *opaque, Error **errp)
{
    uint32_t *ptr = object_field_prop_ptr(obj, opaque);
    uint32_t val, old = *ptr;

    if (!visit_type_uint32(v, name, &val, errp)) {
        return;
    }
    *ptr = val;
    if (DEVICE(obj)->realized && val != old &&
        !cat_runtime_changed(VOYAGER_CAT(obj), name, ptr, errp)) {
        *ptr = old;
    }
}

static void cat_prop_default_uint(ObjectProperty *op, const Property *prop)
{
    object_property_set_default_uint(op, prop->defval.u);
}

static const PropertyInfo cat_prop_runtime_bool = {
    .type = "bool",
    .description = "on/off, settable while running",
    .realized_set_allowed = true,
    .get = cat_prop_get_bool,
    .set = cat_prop_set_bool,
    .set_default_value = cat_prop_default_bool,
};

static const PropertyInfo cat_prop_runtime_uint8 = {
    .type = "uint8",
    .description = "settable while running",
    .realized_set_allowed = true,
    .get = cat_prop_get_uint8,
    .set = cat_prop_set_uint8,
    .set_default_value = cat_prop_default_uint,
};

static const PropertyInfo cat_prop_runtime_uint32 = {
    .type = "uint32",
    .description = "settable while running",
    .realized_set_allowed = true,
    .get = cat_prop_get_uint32,
    .set = cat_prop_set_uint32,
    .set_default_value = cat_prop_default_uint,
};

#define DEFINE_PROP_RUNTIME(_name, _field, _info, _type, _defval) \
    DEFINE_PROP(_name, VoyagerCatState, _field, _info, _type, \
                .set_default = true, .defval.u = (_defval))

static bool cat_get_cmn_int(Object *obj, Error **errp)
{
    return VOYAGER_CAT(obj)->cmn_level;
}

static void voyager_cat_realize(DeviceState *dev, Error **errp)
{
    VoyagerCatState *s = VOYAGER_CAT(dev);
    ISADevice *isa = ISA_DEVICE(dev);

    s->cfg.level = s->level;
    s->cfg.model_class = s->model_class;
    s->cfg.slots = s->slots;
    if (!voyager_config_parse_cards(&s->cfg, s->cards ?: "", errp) ||
        !voyager_config_check(&s->cfg, errp)) {
        return;
    }
    if (!cat_check_fault_module(s, "fault-module", s->fault_module, errp) ||
        !cat_check_fault_module(s, "fault-garbage", s->fault_garbage,
                                errp) ||
        !cat_check_eprom_table_offset(s, errp) ||
        !cat_check_psi_event(s, "ac-fail", s->ac_fail, errp) ||
        !cat_check_psi_event(s, "dc-fail", s->dc_fail, errp) ||
        !cat_check_psi_event(s, "battery-fail", s->battery_fail, errp) ||
        !cat_check_psi_event(s, "major-fault", s->major_fault, errp)) {
        return;
    }
    if (!s->ram_size) {
        error_setg(errp, "voyager-cat: ram-size is not set (the board sets it)");
        return;
    }
    s->ram = s->ram_size;
    voyager_cat_build(s);
    if (!cat_check_fault_eprom(s, s->fault_eprom, errp)) {
        return;
    }
    cat_apply_fault_eprom(s);

    memory_region_init_io(&s->mc_io, OBJECT(s), &mc_ops, s,
                          "voyager-cat-mc", 3);
    isa_register_ioport(isa, &s->mc_io, 0x96);
    memory_region_init_io(&s->sspb_io, OBJECT(s), &sspb_ops, s,
                          "voyager-cat-sspb", VOYAGER_CAT_SSPB_SIZE);
    isa_register_ioport(isa, &s->sspb_io, VOYAGER_CAT_SSPB);

    s->psi_timer = timer_new_ns(QEMU_CLOCK_VIRTUAL, psi_timer_cb, s);
    s->cmn_timer = timer_new_ns(QEMU_CLOCK_VIRTUAL, cmn_timer_cb, s);
    s->powerdown.notify = voyager_cat_powerdown;
    qemu_register_powerdown_notifier(&s->powerdown);
    /* The CMN_INT output as data, for tests and debuggers. */
    object_property_add_bool(OBJECT(s), "cmn-int", cat_get_cmn_int, NULL);
    object_property_add_uint64_ptr(OBJECT(s), "port-accesses", &s->accesses,
                                   OBJ_PROP_FLAG_READ);
    object_property_add_uint64_ptr(OBJECT(s), "psi-accesses",
                                   &s->psi_accesses, OBJ_PROP_FLAG_READ);
    object_property_add_uint64_ptr(OBJECT(s), "cmn-repeats",
                                   &s->cmn_repeats, OBJ_PROP_FLAG_READ);
}

static void voyager_cat_init(Object *obj)
{
    VoyagerCatState *s = VOYAGER_CAT(obj);

    qdev_init_gpio_out(DEVICE(obj), &s->cmn_int, 1);
}

static int voyager_cat_post_load(void *opaque, int version_id)
{
    VoyagerCatState *s = opaque;

    if (s->cycle > CAT_DR || s->chain_len > 64 ||
        !cat_check_fault_eprom(s, s->fault_eprom, NULL)) {
        return -EINVAL;
    }
    /* fault-eprom may have changed at run time on the source */
    cat_apply_fault_eprom(s);
    return 0;
}

static const VMStateDescription vmstate_voyager_cat_asic = {
    .name = "voyager-cat-asic",
    .version_id = 1,
    .minimum_version_id = 1,
    .fields = (const VMStateField[]) {
        VMSTATE_UINT8(ir, VoyagerCatAsic),
        VMSTATE_UINT8_ARRAY(reg, VoyagerCatAsic, 16),
        VMSTATE_UINT16(subaddr, VoyagerCatAsic),
        VMSTATE_END_OF_LIST()
    }
};

static const VMStateDescription vmstate_voyager_cat_module = {
    .name = "voyager-cat-module",
    .version_id = 1,
    .minimum_version_id = 1,
    .fields = (const VMStateField[]) {
        VMSTATE_STRUCT_ARRAY(asic, VoyagerCatModule, VOYAGER_CAT_MAX_ASICS,
                             1, vmstate_voyager_cat_asic, VoyagerCatAsic),
        VMSTATE_END_OF_LIST()
    }
};

static const VMStateDescription vmstate_voyager_cat = {
    .name = "voyager-cat",
    .version_id = 3,
    .minimum_version_id = 1,
    .post_load = voyager_cat_post_load,
    .fields = (const VMStateField[]) {
        VMSTATE_UINT8(mc_setup, VoyagerCatState),
        VMSTATE_UINT8(select, VoyagerCatState),
        VMSTATE_UINT8(cycle, VoyagerCatState),
        VMSTATE_BOOL(shifted, VoyagerCatState),
        VMSTATE_UINT8(chain_len, VoyagerCatState),
        VMSTATE_UINT64(chain, VoyagerCatState),
        VMSTATE_UINT8(data_out, VoyagerCatState),
        VMSTATE_UINT8(swnmi, VoyagerCatState),
        VMSTATE_UINT8(dumpval, VoyagerCatState),
        VMSTATE_STRUCT_ARRAY(module, VoyagerCatState, VOYAGER_CAT_MODULES,
                             1, vmstate_voyager_cat_module,
                             VoyagerCatModule),
        VMSTATE_UINT8(psi_status, VoyagerCatState),
        VMSTATE_UINT8(psi_supply, VoyagerCatState),
        VMSTATE_UINT8(psi_general, VoyagerCatState),
        VMSTATE_UINT8(psi_mask, VoyagerCatState),
        VMSTATE_BOOL(cmn_level, VoyagerCatState),
        VMSTATE_TIMER_PTR(psi_timer, VoyagerCatState),
        /* 2: the runtime properties, D8 and D17 */
        VMSTATE_UINT8_V(fault_module, VoyagerCatState, 2),
        VMSTATE_BOOL_V(dump_status, VoyagerCatState, 2),
        VMSTATE_BOOL_V(psi_read_all, VoyagerCatState, 2),
        VMSTATE_BOOL_V(psi_read_all_selection, VoyagerCatState, 2),
        VMSTATE_UINT32_V(cmn_repeat_us, VoyagerCatState, 2),
        VMSTATE_BOOL_V(ac_fail, VoyagerCatState, 2),
        VMSTATE_BOOL_V(dc_fail, VoyagerCatState, 2),
        VMSTATE_BOOL_V(battery_fail, VoyagerCatState, 2),
        VMSTATE_BOOL_V(major_fault, VoyagerCatState, 2),
        VMSTATE_BOOL_V(psi_ac_changed, VoyagerCatState, 2),
        VMSTATE_UINT16_V(psi_unread, VoyagerCatState, 2),
        VMSTATE_TIMER_PTR_V(cmn_timer, VoyagerCatState, 2),
        /* 3: fault-eprom and fault-garbage, settable at run time */
        VMSTATE_UINT8_V(fault_eprom, VoyagerCatState, 3),
        VMSTATE_UINT8_V(fault_garbage, VoyagerCatState, 3),
        VMSTATE_UINT32_V(garbage, VoyagerCatState, 3),
        VMSTATE_END_OF_LIST()
    }
};

static const Property voyager_cat_properties[] = {
    DEFINE_PROP_UINT8("level", VoyagerCatState, level, 5),
    DEFINE_PROP_UINT8("slots", VoyagerCatState, slots, 4),
    DEFINE_PROP_STRING("cards", VoyagerCatState, cards),
    DEFINE_PROP_UINT16("class", VoyagerCatState, model_class, 0x3450),
    DEFINE_PROP_UINT64("ram-size", VoyagerCatState, ram_size, 0),
    DEFINE_PROP_BOOL("config-id-cpus", VoyagerCatState, config_id_cpus, true),
    DEFINE_PROP_UINT16("eprom-table-offset", VoyagerCatState,
                       eprom_table_offset, VOYAGER_CAT_EPROM_TABLES),
    DEFINE_PROP_BOOL("connect-sticky", VoyagerCatState, connect_sticky, false),
    DEFINE_PROP_RUNTIME("fault-module", fault_module,
                        cat_prop_runtime_uint8, uint8_t, 0),
    DEFINE_PROP_RUNTIME("fault-eprom", fault_eprom,
                        cat_prop_runtime_uint8, uint8_t, 0),
    DEFINE_PROP_RUNTIME("fault-garbage", fault_garbage,
                        cat_prop_runtime_uint8, uint8_t, 0),
    DEFINE_PROP_RUNTIME("dump-status", dump_status,
                        cat_prop_runtime_bool, bool, true),
    DEFINE_PROP_RUNTIME("psi-read-all", psi_read_all,
                        cat_prop_runtime_bool, bool, true),
    DEFINE_PROP_RUNTIME("psi-read-all-selection", psi_read_all_selection,
                        cat_prop_runtime_bool, bool, false),
    DEFINE_PROP_RUNTIME("cmn-repeat-us", cmn_repeat_us,
                        cat_prop_runtime_uint32, uint32_t, CMN_REPEAT_US),
    DEFINE_PROP_RUNTIME("ac-fail", ac_fail, cat_prop_runtime_bool, bool,
                        false),
    DEFINE_PROP_RUNTIME("dc-fail", dc_fail, cat_prop_runtime_bool, bool,
                        false),
    DEFINE_PROP_RUNTIME("battery-fail", battery_fail, cat_prop_runtime_bool,
                        bool, false),
    DEFINE_PROP_RUNTIME("major-fault", major_fault, cat_prop_runtime_bool,
                        bool, false),
};

static void voyager_cat_instance_post_init(Object *obj)
{
    VoyagerCatState *s = VOYAGER_CAT(obj);

    if (!s->cards) {
        s->cards = g_strdup("dyad");
    }
}

static void voyager_cat_instance_finalize(Object *obj)
{
    VoyagerCatState *s = VOYAGER_CAT(obj);
    int m, sub;

    for (m = 0; m < VOYAGER_CAT_MODULES; m++) {
        for (sub = 0; sub < VOYAGER_CAT_SUBMODULES; sub++) {
            g_free(s->info[m].sub[sub].eprom);
        }
    }
}

static void voyager_cat_class_init(ObjectClass *klass, const void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);
    ResettableClass *rc = RESETTABLE_CLASS(klass);

    dc->realize = voyager_cat_realize;
    rc->phases.hold = voyager_cat_reset_hold;
    rc->phases.exit = voyager_cat_reset_exit;
    dc->vmsd = &vmstate_voyager_cat;
    dc->desc = "NCR Voyager CAT bus and power supply interface";
    device_class_set_props(dc, voyager_cat_properties);
    set_bit(DEVICE_CATEGORY_MISC, dc->categories);
    /* Part of the voyager board, which sets its cards and RAM. */
    dc->user_creatable = false;
}

static const TypeInfo voyager_cat_info = {
    .name = TYPE_VOYAGER_CAT,
    .parent = TYPE_ISA_DEVICE,
    .instance_size = sizeof(VoyagerCatState),
    .instance_init = voyager_cat_init,
    .instance_post_init = voyager_cat_instance_post_init,
    .instance_finalize = voyager_cat_instance_finalize,
    .class_init = voyager_cat_class_init,
};

static void voyager_cat_register_types(void)
{
    type_register_static(&voyager_cat_info);
}

type_init(voyager_cat_register_types)
