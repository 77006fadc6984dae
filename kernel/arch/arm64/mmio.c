/* SPDX-License-Identifier: GPL-2.0 */
/* Stage-2 data aborts: decode the syndrome, emulate through mmio_dispatch or inject. */
#include <core/percpu.h>
#include <asm/cpu.h>
#include <asm/mmio.h>
#include <asm/sysreg.h>
#include <asm/traps.h>

#define HPFAR_FIPA_MASK		0x00000ffffffffff0UL

static u64 size_mask(unsigned int size)
{
	return size == 8 ? ~0UL : (1UL << (size * 8)) - 1;
}

int arch_mmio_decode(u64 esr, u64 far, u64 hpfar,
		     const struct arch_regs *regs, struct mmio_decoded *d)
{
	if (!(esr & ESR_ISV))
		return -EINVAL;
	if (esr & (ESR_EA | ESR_CM | ESR_S1PTW))
		return -EFAULT;
	d->ipa = ((hpfar & HPFAR_FIPA_MASK) << 8) | (far & 0xfff);
	d->rt = (esr >> ESR_SRT_SHIFT) & 0x1f;
	d->sign_extend = esr & ESR_SSE;
	d->sf = esr & ESR_SF;
	d->acc.size = 1U << ((esr >> ESR_SAS_SHIFT) & 3);
	d->acc.is_write = esr & ESR_WNR;
	d->acc.addr = 0;
	d->acc.value = 0;
	if (d->acc.is_write && d->rt != 31)
		d->acc.value = regs->x[d->rt] & size_mask(d->acc.size);
	return 0;
}

void arch_mmio_complete(struct arch_regs *regs, const struct mmio_decoded *d)
{
	unsigned int bits = d->acc.size * 8;
	u64 v = d->acc.value & size_mask(d->acc.size);

	if (d->acc.is_write || d->rt == 31)
		return;
	if (d->sign_extend && bits < 64 && (v & (1UL << (bits - 1))))
		v |= ~size_mask(d->acc.size);
	if (!d->sf)
		v &= 0xffffffffUL;
	regs->x[d->rt] = v;
}

enum trap_result arch_handle_dabt(struct per_cpu *cpu, u64 esr)
{
	struct mmio_decoded d;
	enum trap_result ret = TRAP_FORBIDDEN;

	if (!arch_mmio_decode(esr, cpu->arch.far, cpu->arch.hpfar, &cpu->regs,
			      &d)) {
		ret = mmio_dispatch(cpu, d.ipa, &d.acc);
		if (ret == TRAP_UNHANDLED)
			ret = service_emulate(cpu, d.ipa, &d.acc);
	}
	if (ret == TRAP_DELEGATED) {
		/* Completed by the service's reply (service_reply()) */
		cpu->arch.delegated = d;
		cpu->stats[BH_EXIT_MMIO]++;
		return TRAP_HANDLED;
	}
	if (ret == TRAP_RETRY)
		return TRAP_HANDLED;
	if (ret != TRAP_HANDLED) {
		/* Nobody emulates it: the cell may not touch this address */
		cpu->stats[BH_EXIT_FAULT]++;
		return TRAP_FORBIDDEN;
	}
	cpu->stats[BH_EXIT_MMIO]++;
	arch_mmio_complete(&cpu->regs, &d);
	arch_skip_instruction(cpu);
	return TRAP_HANDLED;
}
