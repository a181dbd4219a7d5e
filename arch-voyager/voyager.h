/* SPDX-License-Identifier: GPL-2.0 */
/*
 * NCR Voyager platform internals, shared by the files of this directory.
 */
#ifndef _VOYAGER_INTERNAL_H
#define _VOYAGER_INTERNAL_H

#include <linux/types.h>

struct cpumask;
struct dentry;

extern struct dentry *voyager_debugfs_dir;

#define VOYAGER_MAX_CPUS		32
#define VOYAGER_VIC_CPUS		8	/* CPUs with a VIC dyad */

/* VIC ports and the 8259 command that several files use. */
#define VOYAGER_VIC_PROCESSOR_ID	0xfc21	/* masquerade */
#define VOYAGER_VIC_WHO_AM_I		0xfc29
#define VOYAGER_WHO_AM_I_QUAD		0xc0	/* both bits: a quad card CPU */
#define VOYAGER_OCW2_SPECIFIC_EOI	0x60

/* Extended CMOS: 16-bit index written to 74h (low) and 75h (high). */
#define VOYAGER_XCMOS_INDEX_LO		0x74
#define VOYAGER_XCMOS_INDEX_HI		0x75
#define VOYAGER_XCMOS_DATA		0x76
#define VOYAGER_XCMOS_CPU_PRESENT	0x088a	/* u32: bit n = CPU n */
#define VOYAGER_XCMOS_CLICKMAP		0x0a23	/* u32: ClickMap address */
#define VOYAGER_XCMOS_MAILBOX		0x0b1a	/* u32: SUS mailbox address */

/* The SUS "in control" register: bit 7 tells the firmware the OS runs. */
#define VOYAGER_SUS_CONTROL_PORT	0x3ff
#define VOYAGER_SUS_OS_IN_CONTROL	0x80

/* CAT configuration ports (Level 4 uses them for the DINO window). */
#define VOYAGER_MC_SETUP_PORT		0x96
#define VOYAGER_MC_SETUP_CONFIG		0x08	/* enable config space */
#define VOYAGER_CAT_SELECT_PORT		0x97
#define VOYAGER_SSPB_RELOCATION_PORT	0x98
#define VOYAGER_CAT_DESELECT		0xff
#define VOYAGER_DINO_ID			0x43
#define VOYAGER_DINO_TOM_LOW		0x04
#define VOYAGER_DINO_TOM_HIGH		0x05
#define VOYAGER_L4_RESTART_REG		0x21
#define VOYAGER_L4_RESTART		0x02

/* The ClickMap: 16 entries of {start, length in 4 KiB clicks}. */
#define VOYAGER_CLICKMAP_ENTRIES	16
#define VOYAGER_CLICKMAP_SIZE		(VOYAGER_CLICKMAP_ENTRIES * 8)
#define VOYAGER_CLICK_SHIFT		12

/**
 * struct voyager_mem_range - one range of the memory map
 * @start: first byte
 * @size: length in bytes
 * @reserved: not RAM (the Level 4 MCA window)
 */
struct voyager_mem_range {
	u64	start;
	u64	size;
	bool	reserved;
};

/* The most ranges either memory description produces. */
#define VOYAGER_MEM_RANGES		VOYAGER_CLICKMAP_ENTRIES

int voyager_clickmap_decode(const u8 *raw, struct voyager_mem_range *ranges);
u32 voyager_dino_top_of_memory(u8 tom_low, u8 tom_high);
int voyager_level4_map(u32 tom, struct voyager_mem_range *ranges);

int voyager_vic_id(u8 whoami);
int voyager_hw_cpu(void);

u8 voyager_xcmos_read8(u16 index);
u32 voyager_xcmos_read32(u16 index);
u16 voyager_sspb_base(void);

char *voyager_memory_setup(void);
void voyager_init_irqs(void);
void voyager_intr_mode_select(void);
void voyager_timer_init(void);
void voyager_pit_irq0_ack(void);
void voyager_restart_init(void);

void voyager_vic_eoi_cpi(void);
void voyager_vic_send_cpi0(u8 targets);
void voyager_vic_set_cpi_base(u8 vector);
int voyager_vic_set_boot_mask(u32 hw, bool open);
void voyager_vic_open_requested(void);
void voyager_vic_init_secondary(void);
void voyager_vic_online(void);
void voyager_vic_offline(unsigned int cpu);
void voyager_vic_dynamic_routing(void);
void voyager_send_enable_irq(unsigned int cpu);
u8 voyager_vic_cpi_targets(const struct cpumask *mask,
			   u32 (*hw_id)(unsigned int cpu), u8 vic_cpus,
			   struct cpumask *no_vic);
struct cpuinfo_x86;
bool voyager_cpu_less_capable(const struct cpuinfo_x86 *boot,
			      const struct cpuinfo_x86 *c);
void voyager_smp_init(void);

/* The run-time CPIs: VIC mailbox bits, and QIC CPI (n + 1) on quad CPUs. */
enum voyager_cpi {
	VOYAGER_CPI_TIMER,
	VOYAGER_CPI_RESCHEDULE,
	VOYAGER_CPI_CALL_FUNCTION,
	VOYAGER_CPI_CALL_FUNCTION_SINGLE,
	VOYAGER_CPI_STOP,
	VOYAGER_CPI_ENABLE_IRQ,
	/* NMI_VECTOR: a Voyager has no NMI IPI (QIC CPI 7 on quad CPUs). */
	VOYAGER_CPI_BACKTRACE,
};

void voyager_cpi_action(enum voyager_cpi cpi);
bool voyager_is_quad_cpu(u32 hw);
bool voyager_qic_present(void);
void voyager_qic_check_trampoline_gdt(void);
bool voyager_qic_boots(u32 hw);
int voyager_qic_send_cpi(u32 hw, unsigned int line);
int voyager_qic_boot_cpu(u32 hw, u32 gate);
void voyager_qic_init(void);
void voyager_qic_init_local(void);
void voyager_qic_close_local(void);
void voyager_qic_install_gates(void);
extern const struct cpumask *const voyager_vic_cpu_mask;
void voyager_close_local_interrupts(void);
bool voyager_restart_parked_cpu(unsigned int cpu);
void voyager_hotplug_init(void);
void voyager_smp_install_gates(void);

/* psi.c: the power switch, power-off and SYS_INT. */
void voyager_psi_install_gates(void);
void voyager_psi_power_off(void);
void voyager_psi_poll(bool on);

#endif /* _VOYAGER_INTERNAL_H */
