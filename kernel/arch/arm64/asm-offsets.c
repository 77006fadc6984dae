/* SPDX-License-Identifier: GPL-2.0 */
/* Emits the struct offsets the assembly uses (compiled to .s, never linked). */
#include <core/boot.h>
#include <core/percpu.h>
#include <bulkhead/image.h>
#include <bulkhead/hypercall.h>
#include <asm/psci.h>

#define DEFINE(sym, val) \
	asm volatile("\n.ascii \"->" #sym " %0\"" : : "i" (val))
#define OFFSET(sym, str, mem)	DEFINE(sym, __builtin_offsetof(struct str, mem))

void asm_offsets(void);

void asm_offsets(void)
{
	OFFSET(PERCPU_REGS, per_cpu, regs);
	OFFSET(PERCPU_MPIDR, per_cpu, mpidr);
	OFFSET(PERCPU_STATE, per_cpu, state);
	OFFSET(PERCPU_SAVED, per_cpu, arch.saved);
	DEFINE(PERCPU_SIZE, sizeof(struct per_cpu));
	OFFSET(REGS_ELR, arch_regs, elr);
	OFFSET(REGS_SPSR, arch_regs, spsr);
	DEFINE(REGS_SIZE, sizeof(struct arch_regs));
	OFFSET(SAVED_HCR, arch_el2_state, hcr);
	OFFSET(SAVED_SCTLR, arch_el2_state, sctlr);
	OFFSET(SAVED_TCR, arch_el2_state, tcr);
	OFFSET(SAVED_TTBR0, arch_el2_state, ttbr0);
	OFFSET(SAVED_MAIR, arch_el2_state, mair);
	OFFSET(SAVED_VTTBR, arch_el2_state, vttbr);
	OFFSET(SAVED_VTCR, arch_el2_state, vtcr);
	OFFSET(SAVED_CPTR, arch_el2_state, cptr);
	OFFSET(SAVED_MDCR, arch_el2_state, mdcr);
	OFFSET(SAVED_HSTR, arch_el2_state, hstr);
	OFFSET(SAVED_CNTHCTL, arch_el2_state, cnthctl);
	OFFSET(SAVED_TPIDR, arch_el2_state, tpidr);
	OFFSET(SAVED_SP, arch_el2_state, sp);
	DEFINE(SAVED_SIZE, sizeof(struct arch_el2_state));
	OFFSET(BOOT_READY, boot_info, ready);
	OFFSET(BOOT_PERCPU_BASE, boot_info, percpu_base);
	OFFSET(BOOT_NUM_CPUS, boot_info, num_cpus);
	OFFSET(BOOT_MAIR, boot_info, mair);
	OFFSET(BOOT_TCR, boot_info, tcr);
	OFFSET(BOOT_TTBR0, boot_info, ttbr0);
	OFFSET(BOOT_SCTLR, boot_info, sctlr);
	OFFSET(BOOT_STUB_VECTORS, boot_info, stub_vectors);
	DEFINE(CPU_STATE_OFFLINE, CPU_OFFLINE);
	DEFINE(CPU_STATE_ON_PENDING, CPU_ON_PENDING);
	DEFINE(IMAGE_VERSION, BH_IMAGE_VERSION);
	DEFINE(IMAGE_HDR_SIZE, sizeof(struct bh_image_header));
	DEFINE(ABI_VERSION, BH_ABI_VERSION);
	DEFINE(HDR_MEMORY_SIZE, __builtin_offsetof(struct bh_image_header,
						   memory_size));
	DEFINE(BH_HC_LAUNCH_INIT_ID, BH_HC_LAUNCH_INIT);
	DEFINE(BH_HC_LAUNCH_CPU_ID, BH_HC_LAUNCH_CPU);
	DEFINE(BH_STUB_ERR_VAL, BH_STUB_ERR);
	DEFINE(PSCI_CPU_OFF_ID, PSCI_0_2_FN_CPU_OFF);
}
