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

/* The TargetList bits of @key's CPU group that lie in @cpu_set */
static u16 sgi_group_allowed(u64 key, u64 cpu_set)
{
	unsigned int cpu, rs = (key >> SGI1R_RS_SHIFT) & 0xf;
	u64 aff321 = sgi1r_aff321(key), mpidr;
	u16 allowed = 0;

	for (cpu = 0; cpu < gic_sys.num_cpus; cpu++) {
		mpidr = gic_sys.mpidr[cpu];
		if ((cpu_set & BIT(cpu)) && (mpidr & ~0xffUL) == aff321 &&
		    (mpidr & 0xff) / 16 == rs)
			allowed |= BIT(mpidr & 0xf);
	}
	return allowed;
}

static enum trap_result sgi1r_slow(struct per_cpu *cpu, u64 value, u32 intid)
{
	static bool warned;
	struct gic_cpu *g = &cpu->arch.gic;
	u64 set = cpu->cell->cpu_set;

	if (intid == GIC_EVENT_SGI) {
		if (!warned)
			pr_info("GIC: cell %s, CPU %u: SGI %u is the kernel's, "
				"dropped\n", cpu->cell->name, cpu->index,
				intid);
		warned = true;
		return TRAP_HANDLED;
	}
	gic_sgi_send(intid, gic_sgi_targets(value, set, cpu->index));
	if (!(value & SGI1R_IRM)) {
		g->sgi_key = value & SGI1R_GROUP_MASK;
		g->sgi_set = set;
		g->sgi_allowed = sgi_group_allowed(g->sgi_key, set);
	}
	return TRAP_HANDLED;
}

/*
 * Linux names one group of up to 16 CPUs (same Aff3.Aff2.Aff1 and range
 * selector) per write, nearly always the same group: the CPU remembers
 * which TargetList bits of its last group its cell may reach, and then
 * only masks the list. The cell's CPU set is part of the key, so a
 * changed cell never uses a stale mask.
 */
enum trap_result gic_handle_sgi1r(struct per_cpu *cpu, u64 value)
{
	struct gic_cpu *g = &cpu->arch.gic;
	u32 intid = (value >> SGI1R_INTID_SHIFT) & SGI1R_INTID_MASK;
	u64 key = value & SGI1R_GROUP_MASK, list;

	cpu->stats[BH_EXIT_SGI]++;
	if (unlikely(key != g->sgi_key || intid == GIC_EVENT_SGI ||
		     cpu->cell->cpu_set != g->sgi_set))
		return sgi1r_slow(cpu, value, intid);
	list = value & g->sgi_allowed;
	if (list)
		gic_sgi1r_write(key | ((u64)intid << SGI1R_INTID_SHIFT) | list);
	return TRAP_HANDLED;
}
