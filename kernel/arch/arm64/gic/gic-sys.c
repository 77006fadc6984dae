/* SPDX-License-Identifier: GPL-2.0 */
/* The physical GIC as read at launch; the per-CPU injection queue. */
#include <core/printk.h>
#include "gic-emul.h"

struct gic_sys gic_sys;

static int gic_probe_frames(u64 gicr_size)
{
	u64 off = 0, typer, size;
	u32 pidr2;
	unsigned int f;

	pidr2 = gic_hw_read(GIC_GICR, GICR_PIDR2, 4);
	if (GIC_PIDR2_ARCH(pidr2) != 3 && GIC_PIDR2_ARCH(pidr2) != 4)
		return -ENODEV;

	for (f = 0; f < GIC_MAX_FRAMES && off < gicr_size; f++) {
		typer = gic_hw_read(GIC_GICR, off + GICR_TYPER, 8);
		size = typer & GICR_TYPER_VLPIS ? GICR_FRAME_SIZE_VLPI :
						  GICR_FRAME_SIZE;
		if (f == 0)
			gic_sys.frame_size = size;
		else if (size != gic_sys.frame_size)
			return -ENODEV;	/* mixed strides: not supported */
		gic_sys.frame_cpu[f] = -1;
		off += size;
		if (typer & GICR_TYPER_LAST) {
			f++;
			break;
		}
	}
	gic_sys.num_frames = f;
	return f ? 0 : -ENODEV;
}

int gic_probe(u64 gicr_size, u32 maint_irq, u8 prio_mask)
{
	u32 pidr2, ctlr, typer, intid, word;
	unsigned int i;
	int err;

	pidr2 = gic_hw_read(GIC_GICD, GICD_PIDR2, 4);
	if (GIC_PIDR2_ARCH(pidr2) != 3 && GIC_PIDR2_ARCH(pidr2) != 4) {
		pr_err("GIC: distributor is not a GICv3 (PIDR2 0x%x)\n",
		       pidr2);
		return -ENODEV;
	}
	/* Linux runs with affinity routing; the emulation relies on it */
	ctlr = gic_hw_read(GIC_GICD, GICD_CTLR, 4);
	if (!(ctlr & GICD_CTLR_ARE_NS)) {
		pr_err("GIC: affinity routing is off (GICD_CTLR 0x%x)\n",
		       ctlr);
		return -ENODEV;
	}
	if (maint_irq < 16 || maint_irq > 31 || maint_irq == GIC_EVENT_SGI)
		return -ENODEV;

	typer = gic_hw_read(GIC_GICD, GICD_TYPER, 4);
	gic_sys.nr_irqs = MIN(32 * (GICD_TYPER_ITLINES(typer) + 1),
			      (u32)GIC_NR_INTIDS);
	gic_sys.maint_irq = maint_irq;
	gic_sys.prio_mask = prio_mask;
	/* + the EL2 timer, which bounds service calls (core/service.h) */
	gic_sys.reserved = BIT(GIC_EVENT_SGI) | BIT(maint_irq) |
			   BIT(GIC_HYP_TIMER_PPI);

	for (intid = 32; intid < gic_sys.nr_irqs; intid += 4) {
		word = gic_hw_read(GIC_GICD, GICD_IPRIORITYR + intid, 4);
		for (i = 0; i < 4; i++)
			gic_sys.spi_prio[intid + i] = (word >> (8 * i)) &
						      gic_sys.prio_mask;
	}

	err = gic_probe_frames(gicr_size);
	if (err)
		pr_err("GIC: no usable redistributors\n");
	return err;
}

/* The unclaimed frame whose GICR_TYPER.Affinity matches @mpidr */
static int gic_find_frame(u64 mpidr)
{
	/* GICR_TYPER.Affinity is Aff3.Aff2.Aff1.Aff0 */
	u32 aff = ((mpidr >> 8) & 0xff000000) | (mpidr & 0xffffff);
	u64 typer;
	unsigned int f;

	for (f = 0; f < gic_sys.num_frames; f++) {
		typer = gic_hw_read(GIC_GICR,
				    f * gic_sys.frame_size + GICR_TYPER, 8);
		if (GICR_TYPER_AFF(typer) == aff)
			return gic_sys.frame_cpu[f] < 0 ? (int)f : -1;
	}
	return -1;
}

int gic_set_cpus(const u64 *mpidr, unsigned int num)
{
	unsigned int cpu, i;
	u64 base;
	int f;

	if (num > BH_MAX_CPUS)
		return -EINVAL;
	for (cpu = 0; cpu < num; cpu++) {
		f = gic_find_frame(mpidr[cpu]);
		if (f < 0) {
			pr_err("GIC: CPU %u (MPIDR 0x%llx): no redistributor\n",
			       cpu, (unsigned long long)mpidr[cpu]);
			return -ENODEV;
		}
		gic_sys.mpidr[cpu] = mpidr[cpu] & GIC_AFF_MASK;
		gic_sys.cpu_frame[cpu] = f;
		gic_sys.frame_cpu[f] = cpu;

		base = f * gic_sys.frame_size + GICR_SGI_BASE +
		       GICR_IPRIORITYR0;
		for (i = 0; i < 32; i++)
			gic_sys.ppi_prio[cpu][i] = gic_hw_read(GIC_GICR,
							       base + i, 1) &
						   gic_sys.prio_mask;
	}
	gic_sys.num_cpus = num;
	return 0;
}

u32 gic_queue_pop(struct gic_cpu *g, unsigned int cpu)
{
	u32 best = GIC_NR_INTIDS, intid;
	unsigned int w;
	u64 bits;
	u8 prio, best_prio = 0xff;

	if (!g->num_queued)
		return GIC_NR_INTIDS;
	for (w = 0; w < ARRAY_SIZE(g->queued); w++) {
		for (bits = g->queued[w]; bits; bits &= bits - 1) {
			intid = w * 64 + __builtin_ctzll(bits);
			prio = gic_prio(cpu, intid);
			if (best == GIC_NR_INTIDS || prio < best_prio) {
				best = intid;
				best_prio = prio;
			}
		}
	}
	g->queued[best / 64] &= ~(1UL << (best % 64));
	g->num_queued--;
	return best;
}
