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

/* Table of class 3450h (the default box); reference 1.2 layout. */
static const char expected[] =
    "T07010000013450\r\nA10\r\nI10\r\nDONE\r\n";

static void run_boot(const char *machine, const char *want)
{
    g_autofree char *fdpath = NULL, *serpath = NULL;
    g_autofree char *out = NULL;
    uint8_t *img = g_malloc0(1440 * 1024);
    QTestState *qts;
    int fd, i;

    fd = g_file_open_tmp("qtest-voyager-fd-XXXXXX", &fdpath, NULL);
    g_assert(fd >= 0);
    memcpy(img, boot_sector, sizeof(boot_sector));
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
    /* Up to 30 s of wall clock for SeaBIOS and the test. */
    for (i = 0; i < 600; i++) {
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

static void test_boot_dyad(void)
{
    run_boot("voyager", expected);
}

/* Reference 1.2: the class bytes follow the class property. */
static void test_boot_class(void)
{
    run_boot("voyager,class=0x3516",
             "T07010000013516\r\nA10\r\nI10\r\nDONE\r\n");
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    qtest_add_func("voyager/boot/dyad", test_boot_dyad);
    qtest_add_func("voyager/boot/class", test_boot_class);
    return g_test_run();
}
