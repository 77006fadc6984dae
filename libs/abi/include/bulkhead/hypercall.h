/* SPDX-License-Identifier: GPL-2.0 */
/* Hypercall numbers: the calls a cell (and the loader) makes with "hvc #0". */
#ifndef BULKHEAD_HYPERCALL_H
#define BULKHEAD_HYPERCALL_H

/*
 * Function IDs follow the SMCCC layout (fast call, SMC64, owning entity 6
 * "vendor specific hypervisor service"), so they can never be mistaken for
 * Linux hyp-stub calls (x0 = 0..3) or PSCI/SMCCC standard calls.
 */
#define BH_ABI_VERSION		1
#define BH_HC_BASE		0xc6000000UL
#define BH_HC(n)		(BH_HC_BASE | (n))

/*
 * Launch calls: only answered by the boot vector table (EL2 MMU off).
 *   x1 = physical address of the boot description, x2 = its size.
 *   Returns x0 = 0 or a negative errno; on failure EL2 is handed back to
 *   the hyp stub whose vectors the boot description names.
 */
#define BH_HC_LAUNCH_INIT	BH_HC(0x01)	/* first CPU: global init + this CPU */
#define BH_HC_LAUNCH_CPU	BH_HC(0x02)	/* every further online CPU */

/*
 * Capability invocation: x1 = slot in the caller's capability space,
 * x2 = message info (bulkhead/caps.h), x3..x6 = message registers 0..3.
 * Returns x0 = BH_E_* error code, x1 = reply message info, x2..x5 = reply
 * message registers 0..3.
 */
#define BH_HC_INVOKE		BH_HC(0x10)

/* Linux hyp-stub call numbers (arch/arm64/include/asm/virt.h) */
#define BH_STUB_SET_VECTORS	0
#define BH_STUB_SOFT_RESTART	1
#define BH_STUB_RESET_VECTORS	2
#define BH_STUB_FINALISE_EL2	3
#define BH_STUB_ERR		0xbadca11UL

#endif /* BULKHEAD_HYPERCALL_H */
