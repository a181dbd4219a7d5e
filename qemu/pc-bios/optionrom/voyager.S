/*
 * voyager.S: NCR Voyager int 15h AX=FFC0h option ROM
 *
 * The NCR firmware answered int 15h AX=FFC0h with CF clear and ES:DI
 * pointing at a 7-byte configuration table (hardware reference 1.1, 1.2):
 * length, major and minor revision, debug, number of classes, class high
 * byte, class low byte.  This init-only ROM hooks int 15h, answers that
 * call (AH = 0) and chains every other call to the previous handler.
 *
 * The table below is a template: the voyager machine finds it by the
 * "$VOYTAB" signature, writes the configured class into it and fixes the
 * ROM checksum before handing the image to the BIOS.
 *
 * Copyright (c) 2026 The NCR Voyager Linux port developers
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "optionrom.h"

#define BOOT_ROM_PRODUCT "Voyager int 15h"

OPTION_ROM_START
        /* Init entry, far-called by the BIOS at offset 3. */
        push    %ds
        push    %ax
        xor     %ax, %ax
        mov     %ax, %ds
        cli
        /* The ROM window stays writable on the voyager machine. */
        mov     (0x15 * 4), %ax
        mov     %ax, %cs:old15_off
        mov     (0x15 * 4 + 2), %ax
        mov     %ax, %cs:old15_seg
        movw    $int15_handler, (0x15 * 4)
        mov     %cs, (0x15 * 4 + 2)
        sti
        pop     %ax
        pop     %ds
        lret

int15_handler:
        cmp     $0xffc0, %ax
        jne     1f
        push    %cs
        pop     %es
        mov     $voyager_table, %di
        xor     %ah, %ah
        /* Return with the caller's flags, CF cleared. */
        push    %bp
        mov     %sp, %bp
        andw    $0xfffe, 6(%bp)
        pop     %bp
        iret
1:      ljmp    *%cs:old15_off

        .align 4
old15_off:      .word 0
old15_seg:      .word 0
        .ascii  "$VOYTAB"
voyager_table:
        /* length, major, minor, debug, classes, class high, class low */
        .byte   7, 1, 0, 0, 1, 0x34, 0x50

OPTION_ROM_END
