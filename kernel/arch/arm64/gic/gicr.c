/* SPDX-License-Identifier: GPL-2.0 */
/* Redistributor emulation: a cell configures its own CPUs' SGIs/PPIs. */
#include "gic-emul.h"

/*
 * Policy:
 * - the frames of the cell's CPUs pass SGI/PPI registers through, except
 *   the bits of GIC_EVENT_SGI and the maintenance interrupt, which read
 *   as 0 and ignore writes;
 * - the frames of other CPUs read as 0 and ignore writes, except
 *   GICR_TYPER and the ID registers, which Linux reads to find its own
 *   frame when a CPU comes online (gic_iterate_rdists() walks the frames
 *   from the first one until the affinity matches or Last is set);
 * - GICR_TYPER reports Last on the cell's last frame and no LPI support;
 * - GICR_CTLR and GICR_WAKER read through and ignore writes: the kernel
 *   keeps the redistributors awake (its event SGI must always arrive) and
 *   cells get no LPIs; the LPI registers are RAZ/WI.
 */

static bool gicr_size_ok(u64 rel, unsigned int size)
{
	if (size != 1 && size != 4 && size != 8)
		return false;
	if (rel & (size - 1))
		return false;
	if (size == 8)
		return rel < GICR_SGI_BASE && rel >= GICR_TYPER &&
		       rel < 0x100 && rel != 0x10;
	if (size == 1)
		return rel >= GICR_SGI_BASE + GICR_IPRIORITYR0 &&
		       rel < GICR_SGI_BASE + GICR_IPRIORITYR0 + 32;
	return true;
}

/* The highest frame of the cell's CPUs: the one reported Last */
static u32 cell_last_frame(const struct gic_view *v)
{
	unsigned int cpu;
	u32 last = 0;

	for (cpu = 0; cpu < gic_sys.num_cpus; cpu++)
		if ((v->cpu_set & BIT(cpu)) && gic_sys.cpu_frame[cpu] > last)
			last = gic_sys.cpu_frame[cpu];
	return last;
}

static void gicr_rd(const struct gic_view *v, struct mmio_access *acc,
		    u32 frame, bool own)
{
	u64 base = frame * gic_sys.frame_size;
	u64 rel = acc->addr - base;
	u64 typer;

	if (acc->is_write)
		return;
	if (rel == GICR_TYPER || rel == GICR_TYPER + 4) {
		typer = gic_hw_read(GIC_GICR, base + GICR_TYPER, 8);
		typer &= ~(u64)(GICR_TYPER_PLPIS | GICR_TYPER_DIRECTLPI |
				GICR_TYPER_LAST);
		if (frame == cell_last_frame(v))
			typer |= GICR_TYPER_LAST;
		if (acc->size == 4)
			typer = (u32)(typer >> ((rel - GICR_TYPER) * 8));
		acc->value = typer;
	} else if (rel >= GICR_IDREGS || rel == GICR_IIDR) {
		acc->value = gic_hw_read(GIC_GICR, acc->addr, 4);
	} else if (own && (rel == GICR_CTLR || rel == GICR_WAKER)) {
		acc->value = gic_hw_read(GIC_GICR, acc->addr, 4);
	}
}

static void gicr_sgi(struct mmio_access *acc, u64 rel, int cpu, u32 allowed)
{
	u64 mask, val;
	unsigned int i;

	if (rel >= GICR_IGROUPR0 && rel < GICR_IPRIORITYR0) {
		if (rel & 0x7f)
			return;		/* extended PPI range: none */
		mask = allowed;
	} else if (rel >= GICR_IPRIORITYR0 && rel < GICR_IPRIORITYR0 + 32) {
		mask = 0;
		for (i = 0; i < acc->size; i++)
			if (allowed & BIT(rel - GICR_IPRIORITYR0 + i))
				mask |= 0xffUL << (8 * i);
	} else if (rel == GICR_ICFGR0 || rel == GICR_ICFGR1) {
		mask = 0;
		for (i = 0; i < 16; i++)
			if (allowed & BIT((rel - GICR_ICFGR0) * 4 + i))
				mask |= 3UL << (2 * i);
	} else {
		return;		/* IGRPMODR0, NSACR, reserved: RAZ/WI */
	}
	if (!mask)
		return;
	if (!acc->is_write) {
		acc->value = gic_hw_read(GIC_GICR, acc->addr, acc->size) & mask;
		return;
	}

	if (rel >= GICR_IPRIORITYR0 && rel < GICR_IPRIORITYR0 + 32) {
		for (i = 0; i < acc->size; i++) {
			if (!((mask >> (8 * i)) & 0xff))
				continue;
			val = (acc->value >> (8 * i)) & 0xff;
			gic_sys.ppi_prio[cpu][rel - GICR_IPRIORITYR0 + i] =
				val & gic_sys.prio_mask;
			gic_hw_write(GIC_GICR, acc->addr + i, 1, val);
		}
	} else if (rel == GICR_ICFGR0) {
		/* SGIs are always edge-triggered: read-only */
	} else if (rel == GICR_IGROUPR0 || rel == GICR_ICFGR1) {
		gic_emul_lock();
		val = gic_hw_read(GIC_GICR, acc->addr, 4);
		if (rel == GICR_IGROUPR0)
			val |= acc->value & mask;	/* group 1 only */
		else
			val = (val & ~mask) | (acc->value & mask);
		gic_hw_write(GIC_GICR, acc->addr, 4, val);
		gic_emul_unlock();
	} else if (acc->value & mask) {
		gic_hw_write(GIC_GICR, acc->addr, 4, acc->value & mask);
	}
}

enum trap_result gicr_emulate(const struct gic_view *v,
			      struct mmio_access *acc)
{
	u64 frame = acc->addr / gic_sys.frame_size;
	u64 rel = acc->addr % gic_sys.frame_size;
	int cpu;
	bool own;

	if (!gicr_size_ok(rel, acc->size))
		return TRAP_FORBIDDEN;
	if (!acc->is_write)
		acc->value = 0;
	if (frame >= gic_sys.num_frames)
		return TRAP_HANDLED;

	cpu = gic_sys.frame_cpu[frame];
	own = cpu >= 0 && (v->cpu_set & BIT(cpu));
	if (rel < GICR_SGI_BASE)
		gicr_rd(v, acc, frame, own);
	else if (own && rel < 2 * GICR_SGI_BASE)
		gicr_sgi(acc, rel - GICR_SGI_BASE, cpu, ~gic_sys.reserved);
	return TRAP_HANDLED;
}
