/* SPDX-License-Identifier: GPL-2.0 */
/* Trap handling helpers shared by traps.c, hypercall.c, psci.c and mmio.c. */
#ifndef ASM_TRAPS_H
#define ASM_TRAPS_H

#include <core/types.h>
#include <core/trap.h>
#include <asm/sysreg.h>

struct per_cpu;
struct arch_regs;

/**
 * arch_handle_sync() - C entry of a synchronous exit from the guest
 * @cpu:	the calling CPU, guest frame saved in @cpu->regs
 *
 * Dispatches on ESR_EL2.EC through a table with no holes.
 */
void arch_handle_sync(struct per_cpu *cpu);

/**
 * arch_handle_irq() - C entry of a physical IRQ taken from the guest
 */
void arch_handle_irq(struct per_cpu *cpu);

/**
 * arch_handle_serror() - C entry of an SError taken from the guest
 *
 * HCR_EL2.AMO routes the guest's SErrors (a device that answers a write
 * with an error, say) to EL2: the cell is stopped, the kernel goes on.
 */
void arch_handle_serror(struct per_cpu *cpu);

/**
 * arch_unexpected_exception() - any other vector: dump state, hv_panic()
 * @frame:	registers at the exception
 * @vector:	vector slot number 0..15
 */
void __noreturn arch_unexpected_exception(struct arch_regs *frame,
					  unsigned long vector);

/**
 * arch_exit_finish() - last step of every exit before the return path
 *
 * Parks the CPU if it is no longer running its cell (PSCI CPU_OFF,
 * stopped cell) and leaves EL2 if it is being disabled.
 */
void arch_exit_finish(struct per_cpu *cpu);

/**
 * arch_skip_instruction() - step the guest past the trapped instruction
 *
 * The one place for the preferred-return rule: HVC needs none (ELR already
 * points after it); trapped SMC, MSR/MRS and data aborts return to the
 * instruction itself, so ELR advances by 4, or 2 if ESR_EL2.IL is 0.
 * A Thumb instruction inside an IT block also advances the IT state
 * (arch_it_advance()), or the next ones would run under a stale condition.
 */
void arch_skip_instruction(struct per_cpu *cpu);

struct service;

/**
 * arch_invoke() - BH_HC_INVOKE from the frame: x1 slot, x2 info, x3..x6
 * @cpu:	the CPU, its frame the invoker's
 * @svc:	the service running on @cpu (its cspace is invoked), or NULL
 *		for the cell's own
 *
 * Writes x0 (error) and x1..x5 (the reply) into the frame current after
 * the invocation: EP_CALL and EP_REPLY switch it. A delivered access the
 * service answered is complete already (per_cpu.frame_done).
 */
void arch_invoke(struct per_cpu *cpu, struct service *svc);

#define PSR_AA32_T		BIT(5)
#define PSR_AA32_IT_LO_SHIFT	25	/* IT[1:0] in SPSR[26:25] */
#define PSR_AA32_IT_HI_SHIFT	10	/* IT[7:2] in SPSR[15:10] */
#define PSR_AA32_IT_MASK	((3UL << PSR_AA32_IT_LO_SHIFT) | \
				 (0x3fUL << PSR_AA32_IT_HI_SHIFT))

/**
 * arch_it_advance() - the SPSR after one instruction of an IT block
 * @spsr:	SPSR_EL2 of an AArch32 Thumb context
 *
 * Arm ARM, ITAdvance(): when IT[2:0] is 0 the block ends (IT = 0), else
 * IT[4:0] shifts left by one. Other SPSR bits are kept. Pure.
 */
static inline u64 arch_it_advance(u64 spsr)
{
	u64 it = ((spsr >> PSR_AA32_IT_LO_SHIFT) & 3) |
		 (((spsr >> PSR_AA32_IT_HI_SHIFT) & 0x3f) << 2);

	if (!(it & 7))
		it = 0;
	else
		it = (it & 0xe0) | ((it << 1) & 0x1f);
	return (spsr & ~PSR_AA32_IT_MASK) |
	       ((it & 3) << PSR_AA32_IT_LO_SHIFT) |
	       ((it >> 2) << PSR_AA32_IT_HI_SHIFT);
}

/**
 * arch_inject_abort() - synchronous external abort into the guest's EL1
 * @cpu:	the calling CPU
 * @instr:	instruction abort if true, data abort otherwise
 *
 * Sets ESR_EL1, FAR_EL1 (the faulting VA), ELR_EL1, SPSR_EL1 and enters
 * the guest's vector (VBAR_EL1 + offset for the source EL and SP).
 */
void arch_inject_abort(struct per_cpu *cpu, bool instr);

#define ARCH_FEAT_PAN	BIT(0)
#define ARCH_FEAT_SSBS	BIT(1)
#define ARCH_FEAT_MTE	BIT(2)

/**
 * arch_el1_exception_pstate() - PSTATE on taking an exception to EL1h
 * @spsr:	the interrupted PSTATE (SPSR_EL2 of the exit)
 * @sctlr_el1:	the guest's SCTLR_EL1
 * @feat:	ARCH_FEAT_* the CPU implements
 *
 * Arm ARM (DDI 0487), "Process state, PSTATE" on exception entry: D, A,
 * I, F set; SS, IL, UAO, BTYPE cleared; PAN set if SCTLR_EL1.SPAN is 0,
 * else kept; SSBS from SCTLR_EL1.DSSBS; TCO set; DIT kept.
 * Return: the value for SPSR_EL2 that enters the guest's vector.
 */
static inline u64 arch_el1_exception_pstate(u64 spsr, u64 sctlr_el1,
					    unsigned int feat)
{
	u64 pstate = PSR_MODE_EL1H | PSR_DAIF;

	if (spsr & PSR_MODE32)
		pstate |= spsr & PSR_AA32_DIT ? PSR_DIT : 0;
	else
		pstate |= spsr & PSR_DIT;
	if ((feat & ARCH_FEAT_PAN) &&
	    (!(sctlr_el1 & SCTLR_EL1_SPAN) || (spsr & PSR_PAN)))
		pstate |= PSR_PAN;
	if ((feat & ARCH_FEAT_SSBS) && (sctlr_el1 & SCTLR_EL1_DSSBS))
		pstate |= PSR_SSBS;
	if (feat & ARCH_FEAT_MTE)
		pstate |= PSR_TCO;
	return pstate;
}

/**
 * arch_handle_hvc() - a hypercall ("hvc #0") from the guest
 */
enum trap_result arch_handle_hvc(struct per_cpu *cpu, u64 esr);

/**
 * arch_handle_smc() - a trapped SMC: PSCI and SMCCC
 */
enum trap_result arch_handle_smc(struct per_cpu *cpu, u64 esr);

/**
 * arch_handle_dabt() - a stage-2 data abort: emulate or inject
 */
enum trap_result arch_handle_dabt(struct per_cpu *cpu, u64 esr);

#endif /* ASM_TRAPS_H */
