/* SPDX-License-Identifier: GPL-2.0 */
/* Exit reasons the kernel counts per CPU, readable through the HV capability. */
#ifndef BULKHEAD_STATS_H
#define BULKHEAD_STATS_H

enum bh_exit_reason {
	BH_EXIT_HVC,		/* hypercall */
	BH_EXIT_SMC,		/* trapped SMC (PSCI and other firmware calls) */
	BH_EXIT_SYSREG,		/* trapped system register access */
	BH_EXIT_SGI,		/* trapped ICC_SGI1R_EL1 write */
	BH_EXIT_MMIO,		/* emulated device access (data abort) */
	BH_EXIT_FAULT,		/* forbidden access, abort injected */
	BH_EXIT_IRQ,		/* physical interrupt forwarded */
	BH_EXIT_IPI,		/* kernel event (SGI between kernel CPUs) */
	BH_EXIT_MAINTENANCE,	/* GIC maintenance interrupt */
	BH_EXIT_UNKNOWN,	/* anything else: the cell is stopped */
	BH_EXIT_NR
};

#define BH_EXIT_NAMES { "hvc", "smc", "sysreg", "sgi", "mmio", "fault", \
			"irq", "ipi", "maintenance", "unknown" }

#endif /* BULKHEAD_STATS_H */
