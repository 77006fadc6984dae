/* SPDX-License-Identifier: GPL-2.0 */
/* Exits from the guest: EC dispatch table, PC advance, abort injection, dumps. */
#include <core/cell.h>
#include <core/lib.h>
#include <core/percpu.h>
#include <core/printk.h>
#include <asm/gic.h>
#include <asm/sysreg.h>
#include <asm/traps.h>

typedef enum trap_result (*trap_handler_t)(struct per_cpu *cpu, u64 esr);

static void dump_regs(const struct arch_regs *r)
{
	unsigned int i;

	for (i = 0; i < 30; i += 3)
		printk("  x%-2u %016llx  x%-2u %016llx  x%-2u %016llx\n",
		       i, (unsigned long long)r->x[i], i + 1,
		       (unsigned long long)r->x[i + 1], i + 2,
		       (unsigned long long)r->x[i + 2]);
	printk("  x30 %016llx  pc  %016llx  psr %08llx\n",
	       (unsigned long long)r->x[30], (unsigned long long)r->elr,
	       (unsigned long long)r->spsr);
}

void arch_skip_instruction(struct per_cpu *cpu)
{
	u64 spsr = cpu->regs.spsr;

	cpu->regs.elr += cpu->arch.esr & ESR_IL ? 4 : 2;
	if ((spsr & PSR_MODE32) && (spsr & PSR_AA32_T) &&
	    (spsr & PSR_AA32_IT_MASK))
		cpu->regs.spsr = arch_it_advance(spsr);
}

static unsigned int cpu_features(void)
{
	u64 mmfr1 = read_sysreg(id_aa64mmfr1_el1);
	u64 pfr1 = read_sysreg(id_aa64pfr1_el1);

	return (MMFR1_PAN(mmfr1) ? ARCH_FEAT_PAN : 0) |
		(PFR1_SSBS(pfr1) ? ARCH_FEAT_SSBS : 0) |
		(PFR1_MTE(pfr1) ? ARCH_FEAT_MTE : 0);
}

void arch_inject_abort(struct per_cpu *cpu, bool instr)
{
	u64 mode = cpu->regs.spsr & PSR_MODE_MASK;
	bool aarch32 = cpu->regs.spsr & PSR_MODE32;
	u64 esr, offset;
	bool from_el0 = aarch32 || mode == PSR_MODE_EL0T;

	/* Synchronous external abort, EC by source EL (ESR_ELx.EC) */
	if (instr)
		esr = (u64)(from_el0 ? EC_IABT_LOW : EC_IABT_CUR) <<
			ESR_EC_SHIFT;
	else
		esr = ((u64)(from_el0 ? EC_DABT_LOW : EC_DABT_CUR) <<
		       ESR_EC_SHIFT) | (cpu->arch.esr & ESR_WNR);
	esr |= (cpu->arch.esr & ESR_IL) | ESR_FSC_EXTABT;
	/*
	 * Vector offset: current EL with SP_EL0, with SP_ELx, lower EL
	 * AArch64, lower EL AArch32 (Arm ARM, "Exception vectors")
	 */
	if (aarch32)
		offset = 0x600;
	else if (from_el0)
		offset = 0x400;
	else if (mode == PSR_MODE_EL1T)
		offset = 0x000;
	else
		offset = 0x200;
	write_sysreg(esr_el1, esr);
	write_sysreg(far_el1, cpu->arch.far);
	write_sysreg(elr_el1, cpu->regs.elr);
	write_sysreg(spsr_el1, cpu->regs.spsr);
	cpu->regs.elr = read_sysreg(vbar_el1) + offset;
	cpu->regs.spsr = arch_el1_exception_pstate(cpu->regs.spsr,
						   read_sysreg(sctlr_el1),
						   cpu_features());
}

static enum trap_result handle_unknown(struct per_cpu *cpu, u64 esr)
{
	return TRAP_UNHANDLED;
}

static enum trap_result handle_sysreg(struct per_cpu *cpu, u64 esr)
{
	unsigned int rt = ESR_SYSREG_RT(esr);
	enum trap_result ret;

	if ((esr & ESR_SYSREG_MASK) == ESR_SYSREG_ICC_SGI1R &&
	    !(esr & ESR_SYSREG_READ)) {
		ret = gic_handle_sgi1r(cpu, rt == 31 ? 0 : cpu->regs.x[rt]);
	} else {
		cpu->stats[BH_EXIT_SYSREG]++;
		ret = TRAP_UNHANDLED;
	}
	if (ret == TRAP_HANDLED)
		arch_skip_instruction(cpu);
	return ret;
}

static enum trap_result handle_iabt(struct per_cpu *cpu, u64 esr)
{
	cpu->stats[BH_EXIT_FAULT]++;
	return TRAP_FORBIDDEN;
}

/* Every slot filled first, then the known classes (KVM's pattern) */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Woverride-init"
static const trap_handler_t trap_handlers[EC_MAX + 1] = {
	[0 ... EC_MAX] = handle_unknown,
	[EC_HVC64] = arch_handle_hvc,
	[EC_SMC64] = arch_handle_smc,
	[EC_SYSREG] = handle_sysreg,
	[EC_IABT_LOW] = handle_iabt,
	[EC_DABT_LOW] = arch_handle_dabt,
};
#pragma GCC diagnostic pop

#define ABORT_LOG_BURST	16	/* lines at once, then one per second */

/*
 * A cell that faults in a loop must not flood the console and the log
 * ring: a token bucket per cell. Racy across the cell's CPUs on purpose:
 * a line more or less, never a lock on this path.
 */
static void log_abort(struct per_cpu *cpu, u64 esr)
{
	struct cell *cell = cpu->cell;
	u64 now = read_sysreg(cntvct_el0), freq = read_sysreg(cntfrq_el0);
	u64 refill = freq ? (now - cell->abort_stamp) / freq : 0;
	u32 tokens = cell->abort_tokens;
	char dropped[40] = "";

	/* The cell's first abort: a full burst */
	if (!cell->abort_stamp)
		refill = ABORT_LOG_BURST;
	if (refill) {
		tokens = MIN((u64)ABORT_LOG_BURST, tokens + refill);
		cell->abort_stamp = now;
	}
	if (!tokens) {
		cell->abort_tokens = 0;
		cell->aborts_unlogged++;
		return;
	}
	cell->abort_tokens = tokens - 1;
	if (cell->aborts_unlogged)
		snprintf(dropped, sizeof(dropped), " (%llu before not logged)",
			 (unsigned long long)cell->aborts_unlogged);
	pr_err("cell %s CPU %u: %s abort at IPA 0x%llx, PC 0x%llx: "
	       "injected%s\n", cell->name, cpu->index,
	       ESR_EC(esr) == EC_IABT_LOW ? "instruction" : "data",
	       (unsigned long long)((cpu->arch.hpfar & ~0xfUL) << 8 |
				    (cpu->arch.far & 0xfff)),
	       (unsigned long long)cpu->regs.elr, dropped);
	cell->aborts_unlogged = 0;
}

void arch_handle_sync(struct per_cpu *cpu)
{
	u64 esr = read_sysreg(esr_el2);
	char why[80];
	enum trap_result ret;

	cpu->arch.esr = esr;
	cpu->arch.far = read_sysreg(far_el2);
	cpu->arch.hpfar = read_sysreg(hpfar_el2);
	ret = trap_handlers[ESR_EC(esr)](cpu, esr);
	if (ret == TRAP_FORBIDDEN) {
		log_abort(cpu, esr);
		arch_inject_abort(cpu, ESR_EC(esr) == EC_IABT_LOW);
	} else if (ret == TRAP_UNHANDLED) {
		cpu->stats[BH_EXIT_UNKNOWN]++;
		snprintf(why, sizeof(why), "unhandled trap EC 0x%llx ESR "
			 "0x%llx FAR 0x%llx PC 0x%llx",
			 (unsigned long long)ESR_EC(esr),
			 (unsigned long long)esr,
			 (unsigned long long)cpu->arch.far,
			 (unsigned long long)cpu->regs.elr);
		dump_regs(&cpu->regs);
		cell_stop(cpu->cell, why);
	}
	arch_exit_finish(cpu);
}

void arch_handle_irq(struct per_cpu *cpu)
{
	gic_handle_irq(cpu);
	arch_exit_finish(cpu);
}

void arch_handle_serror(struct per_cpu *cpu)
{
	char why[80];

	cpu->stats[BH_EXIT_UNKNOWN]++;
	snprintf(why, sizeof(why), "SError ESR 0x%llx PC 0x%llx",
		 (unsigned long long)read_sysreg(esr_el2),
		 (unsigned long long)cpu->regs.elr);
	dump_regs(&cpu->regs);
	cell_stop(cpu->cell, why);
	arch_exit_finish(cpu);
}

void arch_unexpected_exception(struct arch_regs *frame, unsigned long vector)
{
	struct per_cpu *cpu = this_cpu();

	printk("bulkhead: unexpected exception, vector %lu, CPU %d\n", vector,
	       cpu ? (int)cpu->index : -1);
	printk("  ESR %016llx  FAR %016llx  ELR %016llx\n",
	       (unsigned long long)read_sysreg(esr_el2),
	       (unsigned long long)read_sysreg(far_el2),
	       (unsigned long long)read_sysreg(elr_el2));
	dump_regs(frame);
	hv_panic("unexpected exception in the kernel\n");
}
