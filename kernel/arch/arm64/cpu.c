/* SPDX-License-Identifier: GPL-2.0 */
/* Taking a CPU over, parking it, and giving it back (to the stub or firmware). */
#include <core/boot.h>
#include <core/cell.h>
#include <core/control.h>
#include <core/percpu.h>
#include <core/printk.h>
#include <asm/barrier.h>
#include <asm/cache.h>
#include <asm/gic.h>
#include <asm/mmu.h>
#include <asm/psci.h>
#include <asm/sysreg.h>
#include <asm/traps.h>

int arch_cpu_init(struct per_cpu *cpu)
{
	int ret = gic_cpu_init(cpu);

	if (ret)
		return ret;
	write_sysreg(vtcr_el2, mmu_config.vtcr);
	write_sysreg(vttbr_el2, cpu->cell->arch.vttbr);
	write_sysreg(hcr_el2, HCR_GUEST);
	isb();
	/*
	 * EL1 translations cached so far carry VMID 0 (stage 2 off); the
	 * root now runs under its own VMID, and on disable it returns to 0:
	 * start both from empty TLBs on this CPU.
	 */
	tlbi_alle1();
	dsb(nsh);
	isb();
	return 0;
}

void arch_cpu_leave(struct per_cpu *cpu)
{
	cpu->arch.leave = true;
}

void arch_exit_finish(struct per_cpu *cpu)
{
	if (cpu->state != CPU_RUNNING)
		control_park(cpu);
	if (!cpu->arch.leave)
		return;
	gic_cpu_exit(cpu);
	cpu->state = CPU_OFFLINE;
	el2_leave(&cpu->arch.saved, &cpu->regs, boot_info.stub_vectors, 0);
}

void arch_cpu_park(struct per_cpu *cpu)
{
	/*
	 * Interrupts stay masked at EL2 (PSTATE.I): WFI still wakes on a
	 * pending physical IRQ, which the GIC code then acknowledges.
	 */
	dsb(sy);
	wfi();
	gic_handle_irq(cpu);
}

void arch_cpu_firmware_off(struct per_cpu *cpu)
{
	pr_info("CPU %u handed back to firmware\n", cpu->index);
	gic_cpu_exit(cpu);
	/* The disabling CPU waits for this (control_disable_cpu) */
	WRITE_ONCE(cpu->state, CPU_OFFLINE);
	dsb(ish);
	sev();
	el2_leave(&cpu->arch.saved, &cpu->regs, boot_info.stub_vectors,
		  PSCI_0_2_FN_CPU_OFF);
}

void arch_cpu_reset_el1(struct per_cpu *cpu, u64 entry, u64 context)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(cpu->regs.x); i++)
		cpu->regs.x[i] = 0;
	cpu->regs.x[0] = context;
	cpu->regs.elr = entry;
	cpu->regs.spsr = PSR_MODE_EL1H | PSR_DAIF;
	/* PSCI CPU_ON: EL1 MMU and caches off, little-endian */
	write_sysreg(sctlr_el1, SCTLR_EL1_RES1);
	isb();
}
