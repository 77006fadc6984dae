/* SPDX-License-Identifier: GPL-2.0 */
/* What CPUs entering with their MMU off read: the launch summary the first CPU publishes. */
#ifndef CORE_BOOT_H
#define CORE_BOOT_H

#include <core/types.h>

struct per_cpu;

/**
 * struct boot_info - published by the first CPU for the others
 * @ready:		1 once the launch completed; 0 before and after
 * @percpu_base:	the struct per_cpu array (physical == virtual)
 * @num_cpus:		entries in it
 * @mair:		MAIR_EL2 of the kernel's address space
 * @tcr:		TCR_EL2
 * @ttbr0:		TTBR0_EL2
 * @sctlr:		SCTLR_EL2 with the MMU on
 * @stub_vectors:	the hyp stub's vectors (0 if not known yet)
 *
 * Written with the MMU on and cleaned to the Point of Coherency, because
 * CPUs entering through the boot vectors read it with their MMU off
 * (non-cacheable). The layout is used by head.S (asm-offsets).
 */
struct boot_info {
	u64 ready;
	u64 percpu_base;
	u64 num_cpus;
	u64 mair;
	u64 tcr;
	u64 ttbr0;
	u64 sctlr;
	u64 stub_vectors;
};

extern struct boot_info boot_info;

/**
 * kernel_locks_on - whether spinlocks may be used
 *
 * False while the first CPU runs alone with its MMU off (exclusive
 * accesses need Normal memory); set once its MMU is on. Code that runs in
 * both phases (page pool, printk) takes its lock only when set.
 */
extern bool kernel_locks_on;

/**
 * boot_primary() - C part of BH_HC_LAUNCH_INIT on the first CPU
 * @desc:	physical address of the boot description (x1 of the call)
 * @size:	its size (x2)
 * @stub_sp:	SP_EL2 as the stub had it
 *
 * Entered from head.S with the MMU off, relocated, BSS zeroed, the
 * caller's registers in boot_frame. Does not return: it enters the guest
 * (x0 = 0) or gives EL2 back to the stub (x0 = -errno).
 */
void __noreturn boot_primary(u64 desc, u64 size, u64 stub_sp);

/**
 * boot_secondary() - C part of BH_HC_LAUNCH_CPU
 * @cpu:	this CPU's struct per_cpu, found by MPIDR in head.S
 *
 * Entered with the MMU on, SP on @cpu's stack, TPIDR_EL2 = @cpu, the
 * caller's registers in @cpu->regs and SCTLR/TCR/TTBR0/MAIR/SP/TPIDR of
 * the stub already in @cpu->arch.saved. Does not return.
 */
void __noreturn boot_secondary(struct per_cpu *cpu);

/**
 * boot_firmware_cpu() - a CPU started by the kernel through PSCI CPU_ON
 * @cpu:	this CPU (state CPU_ON_PENDING), MMU on, SP and TPIDR_EL2 set
 *
 * For a CPU that was offline at launch and that its cell now switches on:
 * no hyp stub ever ran on it, so the kernel gives it the EL2 state Linux's
 * stub would have (and restores that on disable), takes it over and
 * enters the cell at the requested entry point. Does not return.
 */
void __noreturn boot_firmware_cpu(struct per_cpu *cpu);

/**
 * boot_firmware_entry() - physical address of firmware_entry (head.S),
 * the entry point handed to the firmware's PSCI CPU_ON
 */
u64 boot_firmware_entry(void);

#endif /* CORE_BOOT_H */
