/*
 * voyager-boot-test.c: guest-code test of the NCR Voyager machine
 *
 * A hand-written boot sector (boot-serial-test style, real TCG, booted by
 * SeaBIOS from a floppy) that:
 *  - calls int 15h AX=FFC0h and prints "T" + the 7 table bytes in hex
 *    (hardware reference 1.1, 1.2: CF clear, ES:DI -> table);
 *  - starts hardware CPU 4 (the second CPU of the dyad in slot 0) the way
 *    the old kernel did (reference 6.2): IVT gates at 300h and 320h,
 *    masquerade to CPU 4, port 21h <- FEh, then CPI level 0 (FC00h <- 10h);
 *  - the started CPU prints "A" + its who-am-I (one-hot 10h, reference
 *    4.3), EOIs the boot CPI, initialises its dyad (ICW2 50h) and unmasks
 *    IRQ4 only;
 *  - the boot CPU masks IRQ4 in its own dyad and enables the COM1 THRE
 *    interrupt: dynamic routing (reference 4.5) gives IRQ4 to CPU 4, whose
 *    handler prints "I" + its who-am-I; then the boot CPU prints "DONE".
 * A second boot sector starts a quad-card sibling through the QIC (the
 * "one-two" boot, see quad_boot_sector).
 *
 * Copyright (c) 2026 The NCR Voyager Linux port developers
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "libqtest.h"

/*
 * The boot sector, assembled with
 *   as --32 boot.S && ld -m elf_i386 -Ttext=0x7c00 --oformat binary
 * from this source:
 *
 *         .code16
 *         .text
 *         .globl _start
 * _start:
 *         cli
 *         xor     %ax, %ax
 *         mov     %ax, %ds
 *         mov     %ax, %es
 *         mov     %ax, %ss
 *         mov     $0x7000, %sp
 *         mov     $0xffc0, %ax
 *         int     $0x15
 *         jc      novoy
 *         mov     $'T', %al
 *         call    putc
 *         mov     $7, %cx
 * 1:      mov     %es:(%di), %al
 *         call    puthex
 *         inc     %di
 *         loop    1b
 *         call    crlf
 *         xor     %ax, %ax
 *         mov     %ax, %es
 *         movw    $ap_entry, 0x300
 *         movw    $0, 0x302
 *         movw    $ap_entry, 0x320
 *         movw    $0, 0x322
 *         movw    $ap_irq, 0x150
 *         movw    $0, 0x152
 *         in      $0x21, %al
 *         or      $0x10, %al
 *         out     %al, $0x21
 *         mov     $0xfc21, %dx
 *         mov     $0x0c, %al
 *         out     %al, %dx
 *         mov     $0xfe, %al
 *         out     %al, $0x21
 *         mov     $0x00, %al
 *         out     %al, %dx
 *         mov     $0xfc00, %dx
 *         mov     $0x10, %al
 *         out     %al, %dx
 * 2:      cmpb    $1, flag
 *         jb      2b
 *         mov     $0x3fc, %dx
 *         mov     $0x0b, %al
 *         out     %al, %dx
 *         mov     $0x3f9, %dx
 *         mov     $0x02, %al
 *         out     %al, %dx
 * 3:      cmpb    $2, flag
 *         jne     3b
 *         mov     $'D', %al
 *         call    putc
 *         mov     $'O', %al
 *         call    putc
 *         mov     $'N', %al
 *         call    putc
 *         mov     $'E', %al
 *         call    putc
 *         call    crlf
 * halt:   hlt
 *         jmp     halt
 * novoy:  mov     $'N', %al
 *         call    putc
 *         jmp     halt
 *
 * ap_entry:
 *         xor     %ax, %ax
 *         mov     %ax, %ds
 *         mov     %ax, %ss
 *         mov     $0x6000, %sp
 *         mov     $'A', %al
 *         call    putc
 *         mov     $0xfc29, %dx
 *         in      %dx, %al
 *         call    puthex
 *         call    crlf
 *         mov     $0x60, %al
 *         out     %al, $0x20
 *         mov     $0x19, %al
 *         out     %al, $0x20
 *         mov     $0x50, %al
 *         out     %al, $0x21
 *         mov     $0x04, %al
 *         out     %al, $0x21
 *         mov     $0x01, %al
 *         out     %al, $0x21
 *         mov     $0xef, %al
 *         out     %al, $0x21
 *         movb    $1, flag
 *         sti
 * 4:      hlt
 *         jmp     4b
 *
 * ap_irq:
 *         push    %ax
 *         push    %dx
 *         mov     $0x3f9, %dx
 *         xor     %al, %al
 *         out     %al, %dx
 *         mov     $'I', %al
 *         call    putc
 *         mov     $0xfc29, %dx
 *         in      %dx, %al
 *         call    puthex
 *         call    crlf
 *         mov     $0x64, %al
 *         out     %al, $0x20
 *         movb    $2, flag
 *         pop     %dx
 *         pop     %ax
 *         iret
 *
 * crlf:   mov     $'\r', %al
 *         call    putc
 *         mov     $'\n', %al
 * putc:   push    %dx
 *         push    %ax
 *         mov     $0x3fd, %dx
 * 5:      in      %dx, %al
 *         test    $0x20, %al
 *         jz      5b
 *         pop     %ax
 *         mov     $0x3f8, %dx
 *         out     %al, %dx
 *         pop     %dx
 *         ret
 *
 * puthex: push    %ax
 *         shr     $4, %al
 *         call    nib
 *         pop     %ax
 * nib:    push    %ax
 *         and     $0x0f, %al
 *         add     $'0', %al
 *         cmp     $'9', %al
 *         jbe     6f
 *         add     $7, %al
 * 6:      call    putc
 *         pop     %ax
 *         ret
 *
 * flag:   .byte   0
 */
static const uint8_t boot_sector[] = {
    0xfa, 0x31, 0xc0, 0x8e, 0xd8, 0x8e, 0xc0, 0x8e, 0xd0, 0xbc, 0x00, 0x70,
    0xb8, 0xc0, 0xff, 0xcd, 0x15, 0x0f, 0x82, 0x89, 0x00, 0xb0, 0x54, 0xe8,
    0xee, 0x00, 0xb9, 0x07, 0x00, 0x26, 0x8a, 0x05, 0xe8, 0xf6, 0x00, 0x47,
    0xe2, 0xf7, 0xe8, 0xd8, 0x00, 0x31, 0xc0, 0x8e, 0xc0, 0xc7, 0x06, 0x00,
    0x03, 0xa5, 0x7c, 0xc7, 0x06, 0x02, 0x03, 0x00, 0x00, 0xc7, 0x06, 0x20,
    0x03, 0xa5, 0x7c, 0xc7, 0x06, 0x22, 0x03, 0x00, 0x00, 0xc7, 0x06, 0x50,
    0x01, 0xde, 0x7c, 0xc7, 0x06, 0x52, 0x01, 0x00, 0x00, 0xe4, 0x21, 0x0c,
    0x10, 0xe6, 0x21, 0xba, 0x21, 0xfc, 0xb0, 0x0c, 0xee, 0xb0, 0xfe, 0xe6,
    0x21, 0xb0, 0x00, 0xee, 0xba, 0x00, 0xfc, 0xb0, 0x10, 0xee, 0x80, 0x3e,
    0x31, 0x7d, 0x01, 0x72, 0xf9, 0xba, 0xfc, 0x03, 0xb0, 0x0b, 0xee, 0xba,
    0xf9, 0x03, 0xb0, 0x02, 0xee, 0x80, 0x3e, 0x31, 0x7d, 0x02, 0x75, 0xf9,
    0xb0, 0x44, 0xe8, 0x7f, 0x00, 0xb0, 0x4f, 0xe8, 0x7a, 0x00, 0xb0, 0x4e,
    0xe8, 0x75, 0x00, 0xb0, 0x45, 0xe8, 0x70, 0x00, 0xe8, 0x66, 0x00, 0xf4,
    0xeb, 0xfd, 0xb0, 0x4e, 0xe8, 0x65, 0x00, 0xeb, 0xf6, 0x31, 0xc0, 0x8e,
    0xd8, 0x8e, 0xd0, 0xbc, 0x00, 0x60, 0xb0, 0x41, 0xe8, 0x55, 0x00, 0xba,
    0x29, 0xfc, 0xec, 0xe8, 0x5f, 0x00, 0xe8, 0x44, 0x00, 0xb0, 0x60, 0xe6,
    0x20, 0xb0, 0x19, 0xe6, 0x20, 0xb0, 0x50, 0xe6, 0x21, 0xb0, 0x04, 0xe6,
    0x21, 0xb0, 0x01, 0xe6, 0x21, 0xb0, 0xef, 0xe6, 0x21, 0xc6, 0x06, 0x31,
    0x7d, 0x01, 0xfb, 0xf4, 0xeb, 0xfd, 0x50, 0x52, 0xba, 0xf9, 0x03, 0x30,
    0xc0, 0xee, 0xb0, 0x49, 0xe8, 0x1d, 0x00, 0xba, 0x29, 0xfc, 0xec, 0xe8,
    0x27, 0x00, 0xe8, 0x0c, 0x00, 0xb0, 0x64, 0xe6, 0x20, 0xc6, 0x06, 0x31,
    0x7d, 0x02, 0x5a, 0x58, 0xcf, 0xb0, 0x0d, 0xe8, 0x02, 0x00, 0xb0, 0x0a,
    0x52, 0x50, 0xba, 0xfd, 0x03, 0xec, 0xa8, 0x20, 0x74, 0xfb, 0x58, 0xba,
    0xf8, 0x03, 0xee, 0x5a, 0xc3, 0x50, 0xc0, 0xe8, 0x04, 0xe8, 0x01, 0x00,
    0x58, 0x50, 0x24, 0x0f, 0x04, 0x30, 0x3c, 0x39, 0x76, 0x02, 0x04, 0x07,
    0xe8, 0xd9, 0xff, 0x58, 0xc3,
};

/*
 * The quad-card boot sector (same tools), for cards=dyad:quad: the quad
 * card in slot 1 holds CPUs 1, 5, 9, 13 (reference 5.2), CPU 1 is its
 * extended CPU.  The "one-two" boot (reference 5.1, 6.2, 6.3):
 *  - the boot CPU (0) writes the IVT gates 300h/320h (VIC boot) and 340h
 *    (QIC boot, vector D0h) and VIC-boots CPU 1 (masquerade, 21h <- FEh,
 *    FC00h <- 02h);
 *  - CPU 1 prints "A" + its who-am-I (C1h: quad format, reference 4.3),
 *    EOIs the boot CPI, programs the card's QIC bases (FC79h <- C0h,
 *    FC7Ah <- D0h) and lowers its sibling's (quad-local 1 = CPU 5) mask 1
 *    to FEh through the QIC masquerade FC71h;
 *  - the boot CPU writes (0 << 16) + 0 to offset 0Ch of line 0 of CPU 5's
 *    block of the card's CPI area (at the address the QABC reports; the
 *    boot CPU uses a 4 GiB FS limit, "unreal mode", to reach it);
 *  - CPU 5 starts at the D0h gate, prints "Q" + its who-am-I (C5h) and
 *    clears the boot CPI (FC8Bh <- 01h); then the boot CPU prints "DONE".
 *
 *         .code16
 *         .text
 *         .globl _start
 * _start:
 *         cli
 *         xor     %ax, %ax
 *         mov     %ax, %ds
 *         mov     %ax, %es
 *         mov     %ax, %ss
 *         mov     $0x7000, %sp
 *         movw    $ap_ext, 0x300
 *         movw    $0, 0x302
 *         movw    $ap_ext, 0x320
 *         movw    $0, 0x322
 *         movw    $ap_quad, 0x340
 *         movw    $0, 0x342
 *         mov     $0xfc21, %dx
 *         mov     $0x09, %al
 *         out     %al, %dx
 *         mov     $0xfe, %al
 *         out     %al, $0x21
 *         mov     $0x00, %al
 *         out     %al, %dx
 *         mov     $0xfc00, %dx
 *         mov     $0x02, %al
 *         out     %al, %dx
 * 1:      cmpb    $1, flag
 *         jb      1b
 *         lgdt    gdtdesc
 *         mov     %cr0, %eax
 *         or      $1, %al
 *         mov     %eax, %cr0
 *         mov     $8, %bx
 *         mov     %bx, %fs
 *         and     $0xfe, %al
 *         mov     %eax, %cr0
 *         xor     %bx, %bx
 *         mov     %bx, %fs
 *         mov     $0xfff0110c, %ebx
 *         xor     %eax, %eax
 *         addr32 mov %eax, %fs:(%ebx)
 * 2:      cmpb    $2, flag
 *         jne     2b
 *         mov     $'D', %al
 *         call    putc
 *         mov     $'O', %al
 *         call    putc
 *         mov     $'N', %al
 *         call    putc
 *         mov     $'E', %al
 *         call    putc
 *         call    crlf
 * halt:   hlt
 *         jmp     halt
 *
 * ap_ext:
 *         xor     %ax, %ax
 *         mov     %ax, %ds
 *         mov     %ax, %ss
 *         mov     $0x6000, %sp
 *         mov     $'A', %al
 *         call    putc
 *         mov     $0xfc29, %dx
 *         in      %dx, %al
 *         call    puthex
 *         call    crlf
 *         mov     $0x60, %al
 *         out     %al, $0x20
 *         mov     $0xfc79, %dx
 *         mov     $0xc0, %al
 *         out     %al, %dx
 *         inc     %dx
 *         mov     $0xd0, %al
 *         out     %al, %dx
 *         mov     $0xfc71, %dx
 *         mov     $0x09, %al
 *         out     %al, %dx
 *         mov     $0xfc81, %dx
 *         mov     $0xfe, %al
 *         out     %al, %dx
 *         mov     $0xfc71, %dx
 *         xor     %al, %al
 *         out     %al, %dx
 *         movb    $1, flag
 * 3:      hlt
 *         jmp     3b
 *
 * ap_quad:
 *         xor     %ax, %ax
 *         mov     %ax, %ds
 *         mov     %ax, %ss
 *         mov     $0x5000, %sp
 *         mov     $'Q', %al
 *         call    putc
 *         mov     $0xfc29, %dx
 *         in      %dx, %al
 *         call    puthex
 *         call    crlf
 *         mov     $0xfc8b, %dx
 *         mov     $0x01, %al
 *         out     %al, %dx
 *         movb    $2, flag
 * 4:      hlt
 *         jmp     4b
 *
 * crlf:   mov     $'\r', %al
 *         call    putc
 *         mov     $'\n', %al
 * putc:   push    %dx
 *         push    %ax
 *         mov     $0x3fd, %dx
 * 5:      in      %dx, %al
 *         test    $0x20, %al
 *         jz      5b
 *         pop     %ax
 *         mov     $0x3f8, %dx
 *         out     %al, %dx
 *         pop     %dx
 *         ret
 *
 * puthex: push    %ax
 *         shr     $4, %al
 *         call    nib
 *         pop     %ax
 * nib:    push    %ax
 *         and     $0x0f, %al
 *         add     $'0', %al
 *         cmp     $'9', %al
 *         jbe     6f
 *         add     $7, %al
 * 6:      call    putc
 *         pop     %ax
 *         ret
 *
 * flag:   .byte   0
 *         .balign 8
 * gdt:    .quad   0
 *         .quad   0x00cf93000000ffff
 * gdtdesc:
 *         .word   15
 *         .long   gdt
 */
static const uint8_t quad_boot_sector[] = {
    0xfa, 0x31, 0xc0, 0x8e, 0xd8, 0x8e, 0xc0, 0x8e, 0xd0, 0xbc, 0x00, 0x70,
    0xc7, 0x06, 0x00, 0x03, 0x94, 0x7c, 0xc7, 0x06, 0x02, 0x03, 0x00, 0x00,
    0xc7, 0x06, 0x20, 0x03, 0x94, 0x7c, 0xc7, 0x06, 0x22, 0x03, 0x00, 0x00,
    0xc7, 0x06, 0x40, 0x03, 0xd4, 0x7c, 0xc7, 0x06, 0x42, 0x03, 0x00, 0x00,
    0xba, 0x21, 0xfc, 0xb0, 0x09, 0xee, 0xb0, 0xfe, 0xe6, 0x21, 0xb0, 0x00,
    0xee, 0xba, 0x00, 0xfc, 0xb0, 0x02, 0xee, 0x80, 0x3e, 0x2a, 0x7d, 0x01,
    0x72, 0xf9, 0x0f, 0x01, 0x16, 0x40, 0x7d, 0x0f, 0x20, 0xc0, 0x0c, 0x01,
    0x0f, 0x22, 0xc0, 0xbb, 0x08, 0x00, 0x8e, 0xe3, 0x24, 0xfe, 0x0f, 0x22,
    0xc0, 0x31, 0xdb, 0x8e, 0xe3, 0x66, 0xbb, 0x0c, 0x11, 0xf0, 0xff, 0x66,
    0x31, 0xc0, 0x64, 0x67, 0x66, 0x89, 0x03, 0x80, 0x3e, 0x2a, 0x7d, 0x02,
    0x75, 0xf9, 0xb0, 0x44, 0xe8, 0x82, 0x00, 0xb0, 0x4f, 0xe8, 0x7d, 0x00,
    0xb0, 0x4e, 0xe8, 0x78, 0x00, 0xb0, 0x45, 0xe8, 0x73, 0x00, 0xe8, 0x69,
    0x00, 0xf4, 0xeb, 0xfd, 0x31, 0xc0, 0x8e, 0xd8, 0x8e, 0xd0, 0xbc, 0x00,
    0x60, 0xb0, 0x41, 0xe8, 0x5f, 0x00, 0xba, 0x29, 0xfc, 0xec, 0xe8, 0x69,
    0x00, 0xe8, 0x4e, 0x00, 0xb0, 0x60, 0xe6, 0x20, 0xba, 0x79, 0xfc, 0xb0,
    0xc0, 0xee, 0x42, 0xb0, 0xd0, 0xee, 0xba, 0x71, 0xfc, 0xb0, 0x09, 0xee,
    0xba, 0x81, 0xfc, 0xb0, 0xfe, 0xee, 0xba, 0x71, 0xfc, 0x30, 0xc0, 0xee,
    0xc6, 0x06, 0x2a, 0x7d, 0x01, 0xf4, 0xeb, 0xfd, 0x31, 0xc0, 0x8e, 0xd8,
    0x8e, 0xd0, 0xbc, 0x00, 0x50, 0xb0, 0x51, 0xe8, 0x1f, 0x00, 0xba, 0x29,
    0xfc, 0xec, 0xe8, 0x29, 0x00, 0xe8, 0x0e, 0x00, 0xba, 0x8b, 0xfc, 0xb0,
    0x01, 0xee, 0xc6, 0x06, 0x2a, 0x7d, 0x02, 0xf4, 0xeb, 0xfd, 0xb0, 0x0d,
    0xe8, 0x02, 0x00, 0xb0, 0x0a, 0x52, 0x50, 0xba, 0xfd, 0x03, 0xec, 0xa8,
    0x20, 0x74, 0xfb, 0x58, 0xba, 0xf8, 0x03, 0xee, 0x5a, 0xc3, 0x50, 0xc0,
    0xe8, 0x04, 0xe8, 0x01, 0x00, 0x58, 0x50, 0x24, 0x0f, 0x04, 0x30, 0x3c,
    0x39, 0x76, 0x02, 0x04, 0x07, 0xe8, 0xd9, 0xff, 0x58, 0xc3, 0x00, 0x8d,
    0xb4, 0x00, 0x00, 0x90, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0xff, 0xff, 0x00, 0x00, 0x00, 0x93, 0xcf, 0x00, 0x0f, 0x00, 0x30, 0x7d,
    0x00, 0x00,
};

/*
 * CR4 and the APIC base MSR as the CPU model and the machine's cpu-cr4 and
 * apicbase-bsp properties make them: the boot CPU moves from CR4 and
 * prints "C" (an invalid opcode prints "U" and skips the rest, as on a
 * 486 without CR4), then reads MSR 1Bh and prints "B" and the BSP bit.
 * Assembled as the boot sectors above, from:
 *
 *         .code16
 *         .text
 *         .globl _start
 * _start:
 *         cli
 *         xor     %ax, %ax
 *         mov     %ax, %ds
 *         mov     %ax, %ss
 *         mov     $0x7000, %sp
 *         movw    $ud, 0x18
 *         movw    $0, 0x1a
 *         mov     %cr4, %eax
 *         mov     $'C', %al
 *         call    putc
 *         mov     $0x1b, %ecx
 *         rdmsr
 *         mov     $'B', %al
 *         call    putc
 *         mov     %ah, %al
 *         and     $1, %al
 *         add     $'0', %al
 *         call    putc
 * done:
 *         mov     $msg, %si
 * 1:      lodsb
 *         test    %al, %al
 *         jz      2f
 *         call    putc
 *         jmp     1b
 * 2:      hlt
 *         jmp     2b
 * ud:
 *         mov     $'U', %al
 *         call    putc
 *         jmp     done
 * putc:
 *         push    %dx
 *         push    %ax
 *         mov     $0x3fd, %dx
 * 3:      in      %dx, %al
 *         test    $0x20, %al
 *         jz      3b
 *         pop     %ax
 *         mov     $0x3f8, %dx
 *         out     %al, %dx
 *         pop     %dx
 *         ret
 * msg:    .asciz  "\r\nDONE\r\n"
 */
static const uint8_t cr4_boot_sector[] = {
  0xfa, 0x31, 0xc0, 0x8e, 0xd8, 0x8e, 0xd0, 0xbc, 0x00, 0x70, 0xc7, 0x06,
  0x18, 0x00, 0x44, 0x7c, 0xc7, 0x06, 0x1a, 0x00, 0x00, 0x00, 0x0f, 0x20,
  0xe0, 0xb0, 0x43, 0xe8, 0x2d, 0x00, 0x66, 0xb9, 0x1b, 0x00, 0x00, 0x00,
  0x0f, 0x32, 0xb0, 0x42, 0xe8, 0x20, 0x00, 0x88, 0xe0, 0x24, 0x01, 0x04,
  0x30, 0xe8, 0x17, 0x00, 0xbe, 0x5c, 0x7c, 0xac, 0x84, 0xc0, 0x74, 0x05,
  0xe8, 0x0c, 0x00, 0xeb, 0xf6, 0xf4, 0xeb, 0xfd, 0xb0, 0x55, 0xe8, 0x02,
  0x00, 0xeb, 0xe9, 0x52, 0x50, 0xba, 0xfd, 0x03, 0xec, 0xa8, 0x20, 0x74,
  0xfb, 0x58, 0xba, 0xf8, 0x03, 0xee, 0x5a, 0xc3, 0x0d, 0x0a, 0x44, 0x4f,
  0x4e, 0x45, 0x0d, 0x0a, 0x00
};

/* Table of class 3450h (the default box); reference 1.2 layout. */
static const char expected[] =
    "T07010000013450\r\nA10\r\nI10\r\nDONE\r\n";

/*
 * VOYAGER_TIMEOUT_SCALE, the factor the project's scripts stretch their
 * wall-clock limits by on a loaded host; at least 1.
 */
static double voyager_timeout_scale(void)
{
    const char *env = g_getenv("VOYAGER_TIMEOUT_SCALE");
    double scale = env ? g_ascii_strtod(env, NULL) : 1.0;

    return scale > 1.0 ? scale : 1.0;
}

static void run_boot_sector(const char *machine, const uint8_t *sector,
                            size_t len, const char *want)
{
    g_autofree char *fdpath = NULL, *serpath = NULL;
    g_autofree char *out = NULL;
    uint8_t *img = g_malloc0(1440 * 1024);
    QTestState *qts;
    int fd, i, polls;

    fd = g_file_open_tmp("qtest-voyager-fd-XXXXXX", &fdpath, NULL);
    g_assert(fd >= 0);
    memcpy(img, sector, len);
    img[510] = 0x55;
    img[511] = 0xaa;
    g_assert(write(fd, img, 1440 * 1024) == 1440 * 1024);
    close(fd);
    g_free(img);
    fd = g_file_open_tmp("qtest-voyager-ser-XXXXXX", &serpath, NULL);
    g_assert(fd >= 0);
    close(fd);

    qts = qtest_initf("-M %s -accel tcg -nodefaults -display none "
                      "-serial file:%s -boot a -no-reboot "
                      "-drive file=%s,if=floppy,format=raw",
                      machine, serpath, fdpath);
    /*
     * Up to 60 s of wall clock for SeaBIOS and the test, times
     * VOYAGER_TIMEOUT_SCALE on a loaded host (test audit 6): the loop
     * ends as soon as the test prints DONE.
     */
    polls = 1200 * voyager_timeout_scale();
    for (i = 0; i < polls; i++) {
        g_free(out);
        out = NULL;
        g_file_get_contents(serpath, &out, NULL, NULL);
        if (out && strstr(out, "DONE")) {
            break;
        }
        g_usleep(50000);
    }
    qtest_quit(qts);
    unlink(fdpath);
    unlink(serpath);
    g_assert_nonnull(out);
    g_assert_cmpstr(out, ==, want);
}

static void run_boot(const char *machine, const char *want)
{
    run_boot_sector(machine, boot_sector, sizeof(boot_sector), want);
}

static void test_boot_dyad(void)
{
    run_boot("voyager", expected);
}

/*
 * Fidelity audit D7, dyad-trigger=level: every 8259 level-sensitive from
 * reset, as on an MCA machine.  The firmware reads the floppy under it
 * (its IRQ 6 handler masks the line until the controller is answered,
 * patches/seabios 0002; without that it live-locks on IRQ 6 and prints
 * nothing), and the boot sector's routed IRQ 4 still reaches CPU 4.
 */
static void test_boot_dyad_level(void)
{
    run_boot("voyager -global voyager-vic.dyad-trigger=level", expected);
}

/* Reference 1.2: the class bytes follow the class property. */
static void test_boot_class(void)
{
    run_boot("voyager,class=0x3516",
             "T07010000013516\r\nA10\r\nI10\r\nDONE\r\n");
}

/* Reference 5.1, 6.2, 6.3: a quad sibling started by the QIC boot CPI. */
static void test_boot_quad(void)
{
    run_boot_sector("voyager,cards=dyad:quad", quad_boot_sector,
                    sizeof(quad_boot_sector), "AC1\r\nQC5\r\nDONE\r\n");
}

/*
 * Issue 14 (a 486 that has no CR4; fidelity audit: the kernel's
 * cr4_init() must survive it): the Level 4 box's 486 has none by default.
 */
static void test_cr4_486(void)
{
    run_boot_sector("voyager,level=4", cr4_boot_sector,
                    sizeof(cr4_boot_sector), "U\r\nDONE\r\n");
}

/*
 * cpu-cr4=on gives the 486 its CR4 back.  A CPU without a local APIC
 * reads the BSP bit set (QEMU's cpu_get_apic_base() without an APIC).
 */
static void test_cr4_486_on(void)
{
    run_boot_sector("voyager,level=4,cpu-cr4=on", cr4_boot_sector,
                    sizeof(cr4_boot_sector), "CB1\r\nDONE\r\n");
}

/* A Pentium II keeps CR4 unless told; cpu-cr4=off takes it away. */
static void test_cr4_p2_off(void)
{
    run_boot_sector("voyager,cpu-cr4=off -cpu pentium2", cr4_boot_sector,
                    sizeof(cr4_boot_sector), "U\r\nDONE\r\n");
}

/*
 * A Pentium Pro class Voyager whose firmware leaves the BSP bit clear
 * (issue 14: the kernel must not pick its boot CPU from it): the boot
 * CPU reads 0 with apicbase-bsp=none, 1 by default.
 */
static void test_apicbase_bsp(void)
{
    run_boot_sector("voyager -cpu pentium2", cr4_boot_sector,
                    sizeof(cr4_boot_sector), "CB1\r\nDONE\r\n");
    run_boot_sector("voyager,apicbase-bsp=none -cpu pentium2",
                    cr4_boot_sector, sizeof(cr4_boot_sector),
                    "CB0\r\nDONE\r\n");
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    qtest_add_func("voyager/boot/dyad", test_boot_dyad);
    qtest_add_func("voyager/boot/dyad-level", test_boot_dyad_level);
    qtest_add_func("voyager/boot/class", test_boot_class);
    qtest_add_func("voyager/boot/quad", test_boot_quad);
    qtest_add_func("voyager/boot/cr4-486", test_cr4_486);
    qtest_add_func("voyager/boot/cr4-486-on", test_cr4_486_on);
    qtest_add_func("voyager/boot/cr4-p2-off", test_cr4_p2_off);
    qtest_add_func("voyager/boot/apicbase-bsp", test_apicbase_bsp);
    return g_test_run();
}
