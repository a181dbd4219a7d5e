/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the real-mode setup code leaves in the zero page for the NCR
 * Voyager platform code.  Shared by arch/x86/boot/ and the kernel proper,
 * so it uses nothing but basic types.
 */
#ifndef _ASM_X86_VOYAGER_BOOT_H
#define _ASM_X86_VOYAGER_BOOT_H

#include <linux/types.h>

/*
 * The answer to int 15h AX=FFC0h, and whether the setup code asked, live
 * in the zero page at offset 0x40: the 20-byte APM BIOS area
 * (struct apm_bios_info), as in the old port.  On a kernel with
 * CONFIG_X86_VOYAGER these 12 bytes are the platform's own field, not APM
 * data: the option depends on APM=n (no APM driver, built in or as a
 * module, reads the area) and the setup code writes it on every machine,
 * PC or Voyager, after query_apm_bios() would have.  Voyager firmware has
 * no APM BIOS.  A boot loader that enters at the 32-bit entry point
 * leaves it as it found it (normally zero: "not queried").
 */
#define VOYAGER_BOOT_INFO_OFFSET	0x40
#define VOYAGER_BIOS_TABLE_LEN		7
/* Byte 0 of the table when the BIOS said "not a Voyager" (CF set). */
#define VOYAGER_BIOS_TABLE_ABSENT	0xff
/* "VOYQ": the setup code did ask (it is skipped by 32-bit boot loaders). */
#define VOYAGER_BIOS_QUERIED		0x51594f56

struct voyager_boot_info {
	__u8	table[VOYAGER_BIOS_TABLE_LEN];
	__u8	reserved;
	__u32	queried;
} __packed;

#endif /* _ASM_X86_VOYAGER_BOOT_H */
