/* SPDX-License-Identifier: GPL-2.0 */
/* Guest SGIs (trapped ICC_SGI1R_EL1 writes), filtered to the cell. */
#include <core/cell.h>
#include <core/percpu.h>
#include <core/printk.h>
#include "gic-emul.h"

/* MPIDR affinity fields of an SGI1R value: Aff3, Aff2, Aff1 */
static u64 sgi1r_aff321(u64 sgi1r)
{
	return (((sgi1r >> SGI1R_AFF3_SHIFT) & 0xff) << 32) |
	       (((sgi1r >> SGI1R_AFF2_SHIFT) & 0xff) << 16) |
	       (((sgi1r >> SGI1R_AFF1_SHIFT) & 0xff) << 8);
}

u64 gic_sgi_targets(u64 sgi1r, u64 allowed, unsigned int self)
{
	u64 aff321 = sgi1r_aff321(sgi1r), targets = 0, mpidr;
	unsigned int rs = (sgi1r >> SGI1R_RS_SHIFT) & 0xf;
	unsigned int cpu, aff0;

	if (gic_sys.num_cpus < 64)
		allowed &= BIT(gic_sys.num_cpus) - 1;
	if (sgi1r & SGI1R_IRM)
		return allowed & ~BIT(self);

	for (; allowed; allowed &= allowed - 1) {
		cpu = __builtin_ctzll(allowed);
		mpidr = gic_sys.mpidr[cpu];
		aff0 = mpidr & 0xff;
		if ((mpidr & ~0xffUL) != aff321 || aff0 / 16 != rs)
			continue;
		if (sgi1r & BIT(aff0 % 16))
			targets |= BIT(cpu);
	}
	return targets;
}

unsigned int gic_sgi_send(u32 intid, u64 targets)
{
	unsigned int n = 0, cpu;
	u64 group, rest, list, mpidr, val;

	while (targets) {
		/* all targets that share Aff3.Aff2.Aff1 and range selector */
		group = gic_sys.mpidr[__builtin_ctzll(targets)] & ~0xfUL;
		list = 0;
		for (rest = targets; rest; rest &= rest - 1) {
			cpu = __builtin_ctzll(rest);
			mpidr = gic_sys.mpidr[cpu];
			if ((mpidr & ~0xfUL) != group)
				continue;
			list |= BIT(mpidr & 0xf);
			targets &= ~BIT(cpu);
		}
		val = list | ((u64)intid << SGI1R_INTID_SHIFT) |
		      (((group >> 8) & 0xff) << SGI1R_AFF1_SHIFT) |
		      (((group >> 16) & 0xff) << SGI1R_AFF2_SHIFT) |
		      (((group >> 4) & 0xf) << SGI1R_RS_SHIFT) |
		      (((group >> 32) & 0xff) << SGI1R_AFF3_SHIFT);
		gic_sgi1r_write(val);
		n++;
	}
	return n;
}

enum trap_result gic_handle_sgi1r(struct per_cpu *cpu, u64 value)
{
	static bool warned;
	u32 intid = (value >> SGI1R_INTID_SHIFT) & SGI1R_INTID_MASK;
	u64 targets;

	cpu->stats[BH_EXIT_SGI]++;
	if (intid == GIC_EVENT_SGI) {
		if (!warned)
			pr_info("GIC: cell %s, CPU %u: SGI %u is the kernel's, "
				"dropped\n", cpu->cell->name, cpu->index,
				intid);
		warned = true;
		return TRAP_HANDLED;
	}
	targets = gic_sgi_targets(value, cpu->cell->cpu_set, cpu->index);
	gic_sgi_send(intid, targets);
	return TRAP_HANDLED;
}
