/* SPDX-License-Identifier: GPL-2.0 */
/* "hvc #0" from a cell: capability invocation; late hyp-stub calls are refused. */
#include <bulkhead/hypercall.h>
#include <core/caps.h>
#include <core/percpu.h>
#include <core/service.h>
#include <asm/psci.h>
#include <asm/sysreg.h>
#include <asm/traps.h>

#define ESR_HVC_IMM(esr)	((esr) & 0xffff)

void arch_invoke(struct per_cpu *cpu, struct service *svc)
{
	struct arch_regs *r = &cpu->regs;
	struct bh_invocation in = {
		.slot = r->x[1],
		.info = r->x[2],
		.mr = { r->x[3], r->x[4], r->x[5], r->x[6] },
	};
	struct bh_reply out = { 0 };
	unsigned int i;
	int err;

	err = svc ? caps_invoke_cell(cpu, svc->cell, &in, &out) :
		    caps_invoke(cpu, &in, &out);
	/* A delivered access was completed in the caller's frame already */
	if (cpu->frame_done) {
		cpu->frame_done = false;
		return;
	}
	/* After EP_CALL or EP_REPLY, r is the other side's frame: it gets it */
	r->x[0] = (u64)err;
	r->x[1] = out.info;
	for (i = 0; i < BH_MSG_MAX_MRS; i++)
		r->x[2 + i] = out.mr[i];
}

/* HVC: ELR_EL2 already points past the instruction, nothing to skip. */
enum trap_result arch_handle_hvc(struct per_cpu *cpu, u64 esr)
{
	u64 fid = cpu->regs.x[0];

	cpu->stats[BH_EXIT_HVC]++;
	if (ESR_HVC_IMM(esr) != 0)
		cpu->regs.x[0] = (u64)(s64)SMCCC_NOT_SUPPORTED;
	else if (fid == BH_HC_INVOKE)
		arch_invoke(cpu, NULL);
	else if (fid <= BH_STUB_FINALISE_EL2)
		cpu->regs.x[0] = BH_STUB_ERR;
	else
		cpu->regs.x[0] = (u64)(s64)SMCCC_NOT_SUPPORTED;
	return TRAP_HANDLED;
}
