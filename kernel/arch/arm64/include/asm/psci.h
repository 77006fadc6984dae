/* SPDX-License-Identifier: GPL-2.0 */
/* PSCI 1.0 and SMCCC function IDs and return codes (Arm DEN0022, DEN0028). */
#ifndef ASM_PSCI_H
#define ASM_PSCI_H

#include <core/types.h>

#define PSCI_0_2_FN_VERSION		0x84000000UL
#define PSCI_0_2_FN_CPU_SUSPEND		0x84000001UL
#define PSCI_0_2_FN_CPU_OFF		0x84000002UL
#define PSCI_0_2_FN_CPU_ON		0x84000003UL
#define PSCI_0_2_FN_AFFINITY_INFO	0x84000004UL
#define PSCI_0_2_FN_MIGRATE_INFO_TYPE	0x84000006UL
#define PSCI_0_2_FN_SYSTEM_OFF		0x84000008UL
#define PSCI_0_2_FN_SYSTEM_RESET	0x84000009UL
#define PSCI_1_0_FN_FEATURES		0x8400000aUL
#define PSCI_FN64(fn)			((fn) | 0x40000000UL)

#define PSCI_VERSION_1_0		0x10000
#define PSCI_SUCCESS			0
#define PSCI_NOT_SUPPORTED		(-1)
#define PSCI_INVALID_PARAMETERS		(-2)
#define PSCI_DENIED			(-3)
#define PSCI_ALREADY_ON			(-4)
#define PSCI_ON_PENDING			(-5)
#define PSCI_INTERNAL_FAILURE		(-6)
#define PSCI_INVALID_ADDRESS		(-9)

#define PSCI_AFFINITY_ON		0
#define PSCI_AFFINITY_OFF		1
#define PSCI_AFFINITY_ON_PENDING	2
#define PSCI_MIGRATE_NOT_NEEDED		2

#define SMCCC_VERSION			0x80000000UL
#define SMCCC_ARCH_FEATURES		0x80000001UL
#define SMCCC_ARCH_FIRST		0x80000000UL
#define SMCCC_ARCH_LAST			0x8000ffffUL
#define SMCCC_NOT_SUPPORTED		(-1)

#define SMCCC_OWNER(fid)		(((fid) >> 24) & 0x3f)
#define SMCCC_OWNER_STANDARD		4

struct per_cpu;

/**
 * struct smccc_res - x0..x3 of an SMCCC call or return
 */
struct smccc_res {
	u64 a0;
	u64 a1;
	u64 a2;
	u64 a3;
};

/**
 * smccc_call() - call the firmware ("smc #0") from EL2
 * @fid:	function ID
 * @a1..@a3:	arguments
 *
 * Return: x0..x3 as the firmware left them.
 */
struct smccc_res smccc_call(u64 fid, u64 a1, u64 a2, u64 a3);

/**
 * smccc_handle() - answer a trapped SMCCC call of the guest
 * @cpu:	the calling CPU; x0..x3 in @cpu->regs are the call
 *
 * Writes the result into @cpu->regs.
 * Return: true if the guest continues after the SMC, false if the frame
 * was replaced (the CPU was switched off and on again by PSCI).
 */
bool smccc_handle(struct per_cpu *cpu);

/**
 * psci_handle() - emulate a PSCI call of the guest
 * @cpu:	the calling CPU
 * @fid:	the PSCI function ID (32- or 64-bit convention)
 *
 * Same contract as smccc_handle().
 */
bool psci_handle(struct per_cpu *cpu, u64 fid);

#endif /* ASM_PSCI_H */
