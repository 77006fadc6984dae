/* SPDX-License-Identifier: GPL-2.0 */
/* The kernel's EL2 stage-1 map and the stage-2 translation parameters. */
#ifndef ASM_MMU_H
#define ASM_MMU_H

#include <core/types.h>
#include <bulkhead/bootdesc.h>

/**
 * struct mmu_config - EL2 MMU registers every CPU loads
 * @mair:	MAIR_EL2
 * @tcr:	TCR_EL2
 * @ttbr0:	TTBR0_EL2 (root of the kernel's tables)
 * @sctlr:	SCTLR_EL2 with M, C, I
 * @vtcr:	VTCR_EL2 for every cell
 * @pa_bits:	physical address size (ID_AA64MMFR0_EL1.PARange)
 */
struct mmu_config {
	u64 mair;
	u64 tcr;
	u64 ttbr0;
	u64 sctlr;
	u64 vtcr;
	unsigned int pa_bits;
};

extern struct mmu_config mmu_config;

/**
 * mmu_setup() - build the kernel's identity map (first CPU, MMU off)
 * @desc:	validated boot description
 *
 * Maps the image text read-only executable, the rest of hypervisor
 * memory read-write execute-never (Normal WB), and the console UART
 * Device-nGnRE. Fills in mmu_config.
 * Return: 0, -ENOMEM, -EINVAL (physical address size too small).
 */
int mmu_setup(const struct bh_bootdesc *desc);

#endif /* ASM_MMU_H */
