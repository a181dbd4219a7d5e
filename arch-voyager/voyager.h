/* SPDX-License-Identifier: GPL-2.0 */
/*
 * NCR Voyager platform internals, shared by the files of this directory,
 * grouped by file and layer (voyager.rst, "Source layout"): a file uses
 * its own layer's files or lower ones, never a higher one
 * (scripts/layers.py checks it on the objects).  Register constants stay
 * in the file of their hardware block.
 */
#ifndef _VOYAGER_INTERNAL_H
#define _VOYAGER_INTERNAL_H

#include <linux/types.h>

struct cpumask;
struct cpuinfo_x86;
struct dentry;

#define VOYAGER_MAX_CPUS		32
#define VOYAGER_VIC_CPUS		8	/* CPUs with a VIC dyad */
#define VOYAGER_VIC_ALL_CLOSED		0xffff	/* a dyad mask */

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

/* Layer 0, hardware. */

/* vic.c: the VIC and the dyads. */
extern const struct cpumask *const voyager_vic_cpu_mask;
void voyager_vic_set_cpus(const struct cpumask *cpus);
int voyager_vic_id(u8 whoami);
u8 voyager_vic_whoami(void);
bool voyager_vic_quad_cpu(void);
int voyager_hw_cpu(void);
void voyager_vic_write_mask(u16 mask);
u16 voyager_vic_mask(void);
u16 voyager_vic_mask_of(unsigned int cpu);
bool voyager_vic_closed_on(unsigned int cpu, unsigned int irq);
bool voyager_vic_cmn_closed(void);
void voyager_vic_write_imr(u16 mask);
u16 voyager_vic_read_imr(void);
void voyager_vic_post_open(unsigned int cpu, unsigned int irq);
unsigned long voyager_vic_open_requested(void);
bool voyager_vic_in_service(unsigned int irq);
bool voyager_vic_requested(unsigned int irq);
void voyager_vic_eoi_line(unsigned int line);
void voyager_vic_eoi(unsigned int irq);
void voyager_vic_eoi_cascade(void);
void voyager_vic_send_cpi0(u8 targets);
void voyager_vic_set_cpi_base(u8 vector);
void voyager_vic_init_local(bool claim_all);
void voyager_vic_claim_dynamic(void);
int voyager_vic_set_boot_mask(u32 hw, bool open);

/* qic.c: the quad cards' QIC and CPI areas. */
bool voyager_is_quad_cpu(u32 hw);
bool voyager_qic_present(void);
bool voyager_qic_boots(u32 hw);
int voyager_qic_send_cpi(u32 hw, unsigned int line);
void voyager_qic_ack(unsigned int line);
void voyager_qic_ack_special(bool cmn);
int voyager_qic_boot_cpu(u32 hw, u32 gate);
void voyager_qic_init(void);
void voyager_qic_init_local(void);
void voyager_qic_close_local(void);

/* sus.c: the SUS firmware interface, the SSPB. */
u32 voyager_sus_present_cpus(void);
u32 voyager_sus_clickmap(void);
u16 voyager_sspb_base(void);
void voyager_sus_os_in_control(void);
void voyager_sus_l4_restart(void);
void voyager_sus_l4_power_off(void);
void voyager_sus_dump_status(u8 *dump, u8 *soft_nmi);
void voyager_sus_answer_dump(void);
bool voyager_sus_mailbox_init(void);

/* memory.c's pure decoders (KUnit), in the memory service below. */
int voyager_clickmap_decode(const u8 *raw, struct voyager_mem_range *ranges);
u32 voyager_dino_top_of_memory(u8 tom_low, u8 tom_high);
int voyager_level4_map(u32 tom, struct voyager_mem_range *ranges);

/* Layer 1, services. */

/* irq.c: the VIC's irq_chip and legacy_pic. */
void voyager_irq_init(void);
void voyager_intr_mode_select(void);
void voyager_irq_cpu_online(void);
void voyager_irq_cpu_offline(unsigned int cpu);
void voyager_irq_cpu_close(void);
void voyager_irq_dynamic_routing(void);
void voyager_irq_debugfs_init(struct dentry *dir);

/* ipi.c: CPIs. */
void voyager_ipi_set_vic_targets(u8 hw_cpus);
u8 voyager_vic_cpi_targets(const struct cpumask *mask,
			   u32 (*hw_id)(unsigned int cpu), u8 vic_cpus,
			   struct cpumask *no_vic);
void voyager_send_reschedule(int cpu);
void voyager_send_call_func_ipi(const struct cpumask *mask);
void voyager_send_call_func_single_ipi(int cpu);
void voyager_send_enable_irq(unsigned int cpu);
void voyager_send_timer(const struct cpumask *mask);
int voyager_vector_cpi(int vector);
void voyager_send_ipi_vector(const struct cpumask *mask, int vector);
void voyager_stop_other_cpus(int wait);
void voyager_ipi_cpu_reset(void);
void voyager_ipi_install_gates(void);

/* time.c: the PIT tick and the per-CPU tick devices. */
void voyager_timer_init(void);
void voyager_pit_irq0_ack(void);
void voyager_time_setup_percpu(void);

/*
 * nmi.c: the dump switch.  A CPU that has not taken a press's NMI after
 * VOYAGER_DUMP_NMI_WINDOW never will (it went offline meanwhile): stop
 * waiting for it, so that a later NMI on it is judged afresh.
 */
#define VOYAGER_DUMP_NMI_WINDOW		(5 * HZ)
bool voyager_dump_claim(struct cpumask *owed, unsigned long *pressed_at,
			int cpu, const struct cpumask *online,
			unsigned long now);

/* power.c: PSI, SYS_INT, power-off, restart. */
struct voyager_psi_state {
	bool pressed;		/* the power switch was pressed once */
	bool on_battery;	/* an AC failure was told to init */
};

/* What a PSI report asks for: voyager_psi_step(), carried out by power.c. */
enum voyager_psi_action {
	VOYAGER_PSI_NOTHING,
	VOYAGER_PSI_SECOND_PRESS,	/* power off at once */
	VOYAGER_PSI_BOOT_POWER_OFF,	/* a press before user space */
	VOYAGER_PSI_ORDERLY_POWER_OFF,	/* a press: ask init */
	VOYAGER_PSI_AC_FAILED,		/* tell init, poll for the mains */
	VOYAGER_PSI_AC_ACK,		/* on batteries already: acknowledge */
	VOYAGER_PSI_AC_RESTORED,	/* the mains is back: tell init */
	VOYAGER_PSI_MAJOR_FAULT,	/* power off at once */
	VOYAGER_PSI_CLEAR_STATUS,	/* another status: clear it */
};

enum voyager_psi_action voyager_psi_step(struct voyager_psi_state *st,
					 u8 status, u8 supply, u8 ac_fail,
					 bool booted);
enum voyager_psi_action voyager_psi_poll_step(struct voyager_psi_state *st,
					      u8 ac_fail);
void voyager_power_init(void);
void voyager_power_install_gates(void);
void voyager_psi_poll(void);

/* memory.c */
char *voyager_memory_setup(void);

/* cat_debugfs.c */
void voyager_cat_debugfs_init(struct dentry *top);

/* Layer 2, orchestration. */

/* smpboot.c */
void voyager_smp_init(void);
bool voyager_cpu_less_capable(const struct cpuinfo_x86 *boot,
			      const struct cpuinfo_x86 *c);

#endif /* _VOYAGER_INTERNAL_H */
