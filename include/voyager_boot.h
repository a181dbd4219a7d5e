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
 * The answer to int 15h AX=FFC0h lives in the APM BIOS area of the zero
 * page (offset 0x40), as it did in the old port; Voyager firmware has no
 * APM, and CONFIG_X86_VOYAGER excludes CONFIG_APM.
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
