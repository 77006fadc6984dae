/* SPDX-License-Identifier: GPL-2.0 */
/* Cache maintenance and EL2 MMU switches (arch/arm64/cache.S). */
#ifndef ASM_CACHE_H
#define ASM_CACHE_H

#include <core/types.h>

struct arch_el2_state;
struct arch_regs;

/**
 * dcache_clean_range() - clean [start, start + size) to the Point of
 * Coherency (DC CVAC), for data a CPU with its MMU off reads next
 */
void dcache_clean_range(const void *start, u64 size);

/**
 * dcache_clean_inval_range() - clean and invalidate to the PoC (DC CIVAC)
 *
 * Used on memory written with the MMU off before it is read through a
 * cacheable mapping: no stale line may shadow it.
 */
void dcache_clean_inval_range(const void *start, u64 size);

/**
 * mmu_enable_el2() - turn the EL2 stage-1 MMU on (identity map)
 * @mair:	MAIR_EL2
 * @tcr:	TCR_EL2
 * @ttbr0:	TTBR0_EL2
 * @sctlr:	SCTLR_EL2 with M, C, I set
 *
 * Invalidates this CPU's EL2 TLB and instruction cache first.
 */
void mmu_enable_el2(u64 mair, u64 tcr, u64 ttbr0, u64 sctlr);

/**
 * el2_leave() - give EL2 back to the hyp stub and return to EL1
 * @saved:	the stub's EL2 registers to restore
 * @frame:	the EL1 registers to return with (x0 is the call's result)
 * @vbar:	VBAR_EL2 to install (the stub's vectors)
 * @smc_fid:	0 to ERET to @frame; else a PSCI function ID to call with
 *		SMC instead (CPU_OFF: the CPU goes back to firmware)
 *
 * Cleans @saved and @frame to the PoC, restores the registers, turns the
 * EL2 MMU off as the stub had it, invalidates EL2 and EL1 TLBs of this
 * CPU. Does not return.
 */
void __noreturn el2_leave(const struct arch_el2_state *saved,
			  const struct arch_regs *frame, u64 vbar,
			  u64 smc_fid);

/**
 * guest_enter() - restore @regs and ERET; SP_EL2 becomes @regs
 */
void __noreturn guest_enter(struct arch_regs *regs);

/** el2_vectors - the runtime vector table (entry.S) */
extern char el2_vectors[];

#endif /* ASM_CACHE_H */
