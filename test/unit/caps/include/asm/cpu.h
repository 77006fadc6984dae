/* SPDX-License-Identifier: GPL-2.0 */
/* Host stand-in for the arm64 <asm/cpu.h>: same names, no arch state. */
#ifndef ASM_CPU_H
#define ASM_CPU_H

#include <core/types.h>

struct per_cpu;

/* Same layout as the arm64 guest frame, so struct per_cpu looks alike */
struct arch_regs {
	u64 x[31];
	u64 elr;
	u64 spsr;
	u64 pad;
};

/* The capability core never looks inside */
struct arch_cpu {
	bool leave;
};

/* Defined by the test fixture */
struct per_cpu *arch_this_cpu(void);

#endif /* ASM_CPU_H */
