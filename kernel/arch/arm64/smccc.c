/* SPDX-License-Identifier: GPL-2.0 */
/* Trapped SMC: PSCI is emulated, SMCCC architecture calls are forwarded. */
#include <core/percpu.h>
#include <asm/psci.h>
#include <asm/traps.h>

#define ESR_SMC_IMM(esr)	((esr) & 0xffff)
#define PSCI_FN_FIRST		0x84000000UL
#define PSCI_FN_LAST		0x8400001fUL

struct smccc_res smccc_call(u64 fid, u64 a1, u64 a2, u64 a3)
{
	register u64 x0 asm("x0") = fid;
	register u64 x1 asm("x1") = a1;
	register u64 x2 asm("x2") = a2;
	register u64 x3 asm("x3") = a3;

	asm volatile("smc #0"
		     : "+r" (x0), "+r" (x1), "+r" (x2), "+r" (x3)
		     : : "x4", "x5", "x6", "x7", "x8", "x9", "x10", "x11",
		       "x12", "x13", "x14", "x15", "x16", "x17", "memory");
	return (struct smccc_res){ x0, x1, x2, x3 };
}

bool smccc_handle(struct per_cpu *cpu)
{
	struct arch_regs *r = &cpu->regs;
	u64 fid = r->x[0] & 0xffffffffUL;
	u64 fn = fid & ~0x40000000UL;	/* fold SMC64 onto SMC32 */
	struct smccc_res res;

	if (fn >= PSCI_FN_FIRST && fn <= PSCI_FN_LAST)
		return psci_handle(cpu, fid);
	if (fid >= SMCCC_ARCH_FIRST && fid <= SMCCC_ARCH_LAST) {
		/*
		 * SMCCC_VERSION, ARCH_FEATURES and the CPU workaround calls
		 * only query or act on the calling CPU: answer what the
		 * firmware answers, so the root sees what it saw at boot.
		 */
		res = smccc_call(fid, r->x[1], r->x[2], r->x[3]);
		r->x[0] = res.a0;
		r->x[1] = res.a1;
		r->x[2] = res.a2;
		r->x[3] = res.a3;
		return true;
	}
	r->x[0] = (u64)(s64)SMCCC_NOT_SUPPORTED;
	return true;
}

/* SMC's preferred return is the SMC itself: step past it (traps.h). */
enum trap_result arch_handle_smc(struct per_cpu *cpu, u64 esr)
{
	cpu->stats[BH_EXIT_SMC]++;
	if (ESR_SMC_IMM(esr) != 0) {
		cpu->regs.x[0] = (u64)(s64)SMCCC_NOT_SUPPORTED;
		arch_skip_instruction(cpu);
		return TRAP_HANDLED;
	}
	if (smccc_handle(cpu))
		arch_skip_instruction(cpu);
	return TRAP_HANDLED;
}
