/* SPDX-License-Identifier: GPL-2.0 */
/* arm64 state of a service cell: the registers a call switches. */
#ifndef ASM_SERVICE_H
#define ASM_SERVICE_H

#include <core/types.h>
#include <asm/cpu.h>		/* struct arch_regs */

/**
 * struct arch_el1_ctx - EL1 and EL0 system registers a switch exchanges
 *
 * Everything a guest at EL1 owns and could use to observe or disturb the
 * other side: translation, exception, thread and timer registers.
 * Offsets are private to service.c.
 */
struct arch_el1_ctx {
	u64 sctlr, ttbr0, ttbr1, tcr, mair, amair, vbar, contextidr;
	u64 tpidr_el0, tpidrro_el0, tpidr_el1, sp_el0, sp_el1;
	u64 elr, spsr, esr, far, afsr0, afsr1, par, cpacr, cntkctl;
	u64 csselr, cntv_ctl, cntv_cval;
};

/**
 * struct arch_fpsimd - FP/SIMD registers, saved by fpsimd_save() (asm)
 */
struct arch_fpsimd {
	u64 q[64];	/* q0..q31, 128 bits each */
	u64 fpsr;
	u64 fpcr;
} __aligned(16);

/**
 * struct arch_service - arm64 part of struct service
 * @regs:	the service's general registers while it waits for a call
 * @el1:	its EL1 system registers
 * @fp:		its FP/SIMD registers
 * @caller_regs: the caller's general registers during a call
 * @caller_el1:	the caller's EL1 system registers
 * @caller_fp:	the caller's FP/SIMD registers
 * @caller_hcr:	HCR_EL2 of the caller
 */
struct arch_service {
	struct arch_regs regs;
	struct arch_el1_ctx el1;
	struct arch_fpsimd fp;
	struct arch_regs caller_regs;
	struct arch_el1_ctx caller_el1;
	struct arch_fpsimd caller_fp;
	u64 caller_hcr;
};

/** fpsimd_save() - store q0..q31, FPSR, FPCR (entry.S) */
void fpsimd_save(struct arch_fpsimd *fp);

/** fpsimd_load() - load q0..q31, FPSR, FPCR (entry.S) */
void fpsimd_load(const struct arch_fpsimd *fp);

/** svc_vectors - VBAR_EL2 while a service runs (entry.S) */
extern char svc_vectors[];

#endif /* ASM_SERVICE_H */
