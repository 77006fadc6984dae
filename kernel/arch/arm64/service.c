/* SPDX-License-Identifier: GPL-2.0 */
/* Switching a CPU between a caller and a service cell, and the service's traps. */
#include <bulkhead/hypercall.h>
#include <core/caps.h>
#include <core/cell.h>
#include <core/lib.h>
#include <core/percpu.h>
#include <core/printk.h>
#include <core/service.h>
#include <asm/barrier.h>
#include <asm/cache.h>
#include <asm/mmio.h>
#include <asm/psci.h>
#include <asm/sysreg.h>
#include <asm/traps.h>

#define HCR_FB			BIT(9)	/* EL1 TLBI and IC broadcast */
#define CNTHP_CTL_ENABLE	BIT(0)
#define CNTHP_CTL_ISTATUS	BIT(2)

static void el1_save(struct arch_el1_ctx *c)
{
	c->sctlr = read_sysreg(sctlr_el1);
	c->ttbr0 = read_sysreg(ttbr0_el1);
	c->ttbr1 = read_sysreg(ttbr1_el1);
	c->tcr = read_sysreg(tcr_el1);
	c->mair = read_sysreg(mair_el1);
	c->amair = read_sysreg(amair_el1);
	c->vbar = read_sysreg(vbar_el1);
	c->contextidr = read_sysreg(contextidr_el1);
	c->tpidr_el0 = read_sysreg(tpidr_el0);
	c->tpidrro_el0 = read_sysreg(tpidrro_el0);
	c->tpidr_el1 = read_sysreg(tpidr_el1);
	c->sp_el0 = read_sysreg(sp_el0);
	c->sp_el1 = read_sysreg(sp_el1);
	c->elr = read_sysreg(elr_el1);
	c->spsr = read_sysreg(spsr_el1);
	c->esr = read_sysreg(esr_el1);
	c->far = read_sysreg(far_el1);
	c->afsr0 = read_sysreg(afsr0_el1);
	c->afsr1 = read_sysreg(afsr1_el1);
	c->par = read_sysreg(par_el1);
	c->cpacr = read_sysreg(cpacr_el1);
	c->cntkctl = read_sysreg(cntkctl_el1);
	c->csselr = read_sysreg(csselr_el1);
	c->cntv_ctl = read_sysreg(cntv_ctl_el0);
	c->cntv_cval = read_sysreg(cntv_cval_el0);
}

/* The ERET into the guest synchronises these writes (context sync event) */
static void el1_load(const struct arch_el1_ctx *c)
{
	write_sysreg(sctlr_el1, c->sctlr);
	write_sysreg(ttbr0_el1, c->ttbr0);
	write_sysreg(ttbr1_el1, c->ttbr1);
	write_sysreg(tcr_el1, c->tcr);
	write_sysreg(mair_el1, c->mair);
	write_sysreg(amair_el1, c->amair);
	write_sysreg(vbar_el1, c->vbar);
	write_sysreg(contextidr_el1, c->contextidr);
	write_sysreg(tpidr_el0, c->tpidr_el0);
	write_sysreg(tpidrro_el0, c->tpidrro_el0);
	write_sysreg(tpidr_el1, c->tpidr_el1);
	write_sysreg(sp_el0, c->sp_el0);
	write_sysreg(sp_el1, c->sp_el1);
	write_sysreg(elr_el1, c->elr);
	write_sysreg(spsr_el1, c->spsr);
	write_sysreg(esr_el1, c->esr);
	write_sysreg(far_el1, c->far);
	write_sysreg(afsr0_el1, c->afsr0);
	write_sysreg(afsr1_el1, c->afsr1);
	write_sysreg(par_el1, c->par);
	write_sysreg(cpacr_el1, c->cpacr);
	write_sysreg(cntkctl_el1, c->cntkctl);
	write_sysreg(csselr_el1, c->csselr);
	write_sysreg(cntv_cval_el0, c->cntv_cval);
	write_sysreg(cntv_ctl_el0, c->cntv_ctl);
}

/* What a service finds at its entry point: PSCI CPU_ON's EL1 state */
static void service_reset_state(struct service *svc)
{
	struct arch_service *a = &svc->arch;

	memset(&a->regs, 0, sizeof(a->regs));
	memset(&a->el1, 0, sizeof(a->el1));
	memset(&a->fp, 0, sizeof(a->fp));
	a->regs.elr = svc->entry;
	a->regs.spsr = PSR_MODE_EL1H | PSR_DAIF;
	a->el1.sctlr = SCTLR_EL1_RES1;
}

void arch_service_init(struct service *svc)
{
	service_reset_state(svc);
}

void arch_service_enter(struct per_cpu *cpu, struct service *svc, u64 ticks)
{
	struct arch_service *a = &svc->arch;

	a->caller_regs = cpu->regs;
	el1_save(&a->caller_el1);
	fpsimd_save(&a->caller_fp);
	a->caller_hcr = read_sysreg(hcr_el2);
	if (!svc->started)
		service_reset_state(svc);
	cpu->regs = a->regs;
	el1_load(&a->el1);
	fpsimd_load(&a->fp);
	/* The service moves between CPUs: its EL1 TLBIs must reach them all */
	write_sysreg(hcr_el2, a->caller_hcr | HCR_FB);
	write_sysreg(vttbr_el2, svc->cell->arch.vttbr);
	write_sysreg(vbar_el2, (u64)(uintptr_t)svc_vectors);
	arch_service_rearm(ticks);
	write_sysreg(cnthp_ctl_el2, CNTHP_CTL_ENABLE);
}

/* A new compare value with the timer enabled drops a pending ISTATUS */
void arch_service_rearm(u64 ticks)
{
	write_sysreg(cnthp_cval_el2, read_sysreg(cntpct_el0) + ticks);
}

void arch_service_leave(struct per_cpu *cpu, struct service *svc, bool save)
{
	struct arch_service *a = &svc->arch;

	/* The timer's level drops: its PPI stops being pending */
	write_sysreg(cnthp_ctl_el2, 0);
	if (save) {
		a->regs = cpu->regs;
		el1_save(&a->el1);
		fpsimd_save(&a->fp);
	}
	cpu->regs = a->caller_regs;
	el1_load(&a->caller_el1);
	fpsimd_load(&a->caller_fp);
	write_sysreg(hcr_el2, a->caller_hcr);
	write_sysreg(vttbr_el2, cpu->cell->arch.vttbr);
	write_sysreg(vbar_el2, (u64)(uintptr_t)el2_vectors);
	isb();
}

void arch_service_mmio_complete(struct per_cpu *cpu, struct service *svc,
				u64 value)
{
	(void)svc;
	cpu->arch.delegated.acc.value = value;
	arch_mmio_complete(&cpu->regs, &cpu->arch.delegated);
	arch_skip_instruction(cpu);
}

void arch_service_reset_memory(struct service *svc)
{
	const struct cell *cell = svc->cell;
	unsigned int i;
	u64 vttbr;

	for (i = 0; i < cell->num_mem; i++)
		if (!(cell->mem[i]->flags & BH_MEM_IO))
			dcache_clean_inval_range((void *)(uintptr_t)
						 cell->mem[i]->phys,
						 cell->mem[i]->size);
	/* Old translations of the previous run, on every CPU it ran on */
	vttbr = stage2_tlb_enter(cell->arch.vttbr);
	tlbi_vmalls12e1is();
	dsb(ish);
	stage2_tlb_exit(vttbr);
	asm volatile("ic ialluis" ::: "memory");
	dsb(ish);
	isb();
}

void svc_handle_sync(struct per_cpu *cpu);
void svc_handle_irq(struct per_cpu *cpu);

void svc_handle_sync(struct per_cpu *cpu)
{
	struct service *svc = cpu->svc;
	u64 esr = read_sysreg(esr_el2);
	char why[96];

	if (ESR_EC(esr) == EC_HVC64 && !(esr & 0xffff) &&
	    cpu->regs.x[0] == BH_HC_INVOKE) {
		arch_invoke(cpu, svc);	/* in the service's own cspace */
	} else if (ESR_EC(esr) == EC_HVC64) {
		cpu->regs.x[0] = (u64)(s64)SMCCC_NOT_SUPPORTED;
	} else {
		snprintf(why, sizeof(why), "fault EC 0x%llx ESR 0x%llx FAR "
			 "0x%llx PC 0x%llx", (unsigned long long)ESR_EC(esr),
			 (unsigned long long)esr,
			 (unsigned long long)read_sysreg(far_el2),
			 (unsigned long long)cpu->regs.elr);
		service_abort(cpu, BH_E_FAULT, why);
	}
	if (!cpu->svc)
		services_launch_continue(cpu);
	arch_exit_finish(cpu);
}

void svc_handle_irq(struct per_cpu *cpu)
{
	u64 ctl = read_sysreg(cnthp_ctl_el2);

	if ((ctl & (CNTHP_CTL_ENABLE | CNTHP_CTL_ISTATUS)) ==
	    (CNTHP_CTL_ENABLE | CNTHP_CTL_ISTATUS)) {
		service_abort(cpu, BH_E_TIMEOUT, "overran its time budget");
		services_launch_continue(cpu);
		arch_exit_finish(cpu);
		return;
	}
	/* Anything else is the caller's: injected as on any other exit */
	arch_handle_irq(cpu);
}
