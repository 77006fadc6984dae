/* SPDX-License-Identifier: GPL-2.0 */
/* arm64 per-CPU state embedded in struct per_cpu: guest frame, saved EL2 state. */
#ifndef ASM_CPU_H
#define ASM_CPU_H

#include <core/types.h>
#include <asm/gic.h>
#include <asm/mmio.h>

struct per_cpu;

/**
 * struct arch_regs - the guest frame saved on every exit from EL1
 * @x:		general purpose registers x0..x30
 * @elr:	ELR_EL2, the guest PC to return to
 * @spsr:	SPSR_EL2, the guest PSTATE to return to
 * @pad:	keeps the frame a multiple of 16 bytes
 *
 * Written by the vector code in entry.S and restored by its single return
 * path; offsets come from asm-offsets.c. It sits directly above the EL2
 * stack in struct per_cpu, so SP_EL2 at exception entry points at it.
 */
struct arch_regs {
	u64 x[31];
	u64 elr;
	u64 spsr;
	u64 pad;
};
BUILD_ASSERT_SIZE(struct arch_regs, 272);

/**
 * struct arch_el2_state - EL2 registers as Linux's hyp stub had them
 *
 * Saved when a CPU enters the kernel and written back when it leaves
 * (disable, failed launch), so that the stub sees exactly what it left.
 */
struct arch_el2_state {
	u64 hcr;
	u64 sctlr;
	u64 tcr;
	u64 ttbr0;
	u64 mair;
	u64 vttbr;
	u64 vtcr;
	u64 cptr;
	u64 mdcr;
	u64 hstr;
	u64 cnthctl;
	u64 tpidr;
	u64 sp;
};

/**
 * struct arch_cpu - arm64 part of struct per_cpu
 * @saved:	the stub's EL2 state (see struct arch_el2_state)
 * @gic:	GIC CPU interface state, private to the GIC code
 * @esr:	ESR_EL2 of the exit being handled
 * @far:	FAR_EL2 of the exit being handled
 * @hpfar:	HPFAR_EL2 of the exit being handled
 * @on_entry:	PSCI CPU_ON: EL1 entry point requested for this CPU
 * @on_context:	PSCI CPU_ON: context id (x0 at entry)
 * @leave:	set by the disable path: leave EL2 on the way back
 * @delegated:	the trapped access a service emulates (service_emulate()):
 *		completed on this CPU when the service replies
 */
struct arch_cpu {
	struct arch_el2_state saved;
	struct gic_cpu gic;
	u64 esr;
	u64 far;
	u64 hpfar;
	u64 on_entry;
	u64 on_context;
	bool leave;
	struct mmio_decoded delegated;
};

#ifdef __aarch64__
/**
 * arch_this_cpu() - the calling CPU's struct per_cpu (TPIDR_EL2)
 */
static inline struct per_cpu *arch_this_cpu(void)
{
	struct per_cpu *cpu;

	asm volatile("mrs %0, tpidr_el2" : "=r" (cpu));
	return cpu;
}
#else
/* Host unit tests provide their own. */
struct per_cpu *arch_this_cpu(void);
#endif

#endif /* ASM_CPU_H */
