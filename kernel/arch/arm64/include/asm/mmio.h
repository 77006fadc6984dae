/* SPDX-License-Identifier: GPL-2.0 */
/* Decoding of stage-2 data aborts into MMIO accesses (pure, host-testable). */
#ifndef ASM_MMIO_H
#define ASM_MMIO_H

#include <core/mmio.h>

struct arch_regs;

/**
 * struct mmio_decoded - what a data abort syndrome says about the access
 * @ipa:	guest physical address (HPFAR_EL2 page | FAR_EL2 offset)
 * @rt:		transfer register; 31 is XZR
 * @sign_extend: load: sign-extend to the register (ESR.SSE)
 * @sf:		the register is 64 bits wide (ESR.SF), else 32
 * @acc:	size and direction; @acc.value set for stores
 */
struct mmio_decoded {
	u64 ipa;
	unsigned int rt;
	bool sign_extend;
	bool sf;
	struct mmio_access acc;
};

/**
 * arch_mmio_decode() - decode ESR/FAR/HPFAR of a stage-2 data abort
 * @esr:	ESR_EL2 (EC 0x24)
 * @far:	FAR_EL2
 * @hpfar:	HPFAR_EL2
 * @regs:	guest registers (the store value is read from Rt)
 * @d:		filled in
 *
 * Return: 0; -EINVAL if the syndrome carries no instruction details
 * (ISV = 0); -EFAULT for an external abort, a cache maintenance
 * operation, or a fault on the stage-1 table walk. No access can be
 * emulated in either error case.
 */
int arch_mmio_decode(u64 esr, u64 far, u64 hpfar,
		     const struct arch_regs *regs, struct mmio_decoded *d);

/**
 * arch_mmio_complete() - write a load's result to the guest register
 * @regs:	guest registers
 * @d:		the decoded access, @d->acc.value holding the loaded value
 *
 * Truncates to the access size, sign-extends if SSE, truncates to 32 bits
 * if the register is a W register; writes nothing for XZR or stores.
 */
void arch_mmio_complete(struct arch_regs *regs, const struct mmio_decoded *d);

#endif /* ASM_MMIO_H */
