/* SPDX-License-Identifier: GPL-2.0 */
/* Distributor emulation: a cell reaches only the SPIs it owns. */
#include <core/printk.h>
#include "gic-emul.h"

/*
 * Policy:
 * - registers of owned SPIs pass through at the same offset and width,
 *   bits and fields of other interrupts read as 0 and ignore writes;
 * - SGIs and PPIs live in the redistributors (affinity routing), their
 *   distributor copies are RAZ/WI as in hardware;
 * - GICD_CTLR, TYPER, IIDR, TYPER2 and the ID registers read through; a
 *   cell can neither switch the distributor off under the others nor
 *   change its routing mode, so writes to GICD_CTLR are ignored;
 * - interrupts stay in group 1 (the kernel takes only group 1 at EL2):
 *   IGROUPR writes may set bits, never clear them;
 * - IROUTER of an owned SPI must name a CPU of the cell; 1-of-N routing
 *   is turned into routing to the writing CPU;
 * - no LPIs and no message-based SPIs for cells (ITS off): TYPER hides
 *   LPIS and MBIS, the SETSPI/CLRSPI registers are RAZ/WI.
 */

/* Owned INTIDs among the 32 covered by bitmap register word @n */
static u32 owned_bits(const struct gic_view *v, u64 n)
{
	u32 mask = 0;
	unsigned int i;

	if (n == 0)
		return 0;
	for (i = 0; i < 32; i++)
		if (gic_spi_owned(v, n * 32 + i))
			mask |= 1U << i;
	return mask;
}

/* One 0xff per owned INTID among @size consecutive ones from @first */
static u64 owned_bytes(const struct gic_view *v, u32 first,
		       unsigned int size)
{
	u64 mask = 0;
	unsigned int i;

	for (i = 0; i < size; i++)
		if (gic_spi_owned(v, first + i))
			mask |= 0xffUL << (8 * i);
	return mask;
}

static bool gicd_size_ok(u64 off, unsigned int size)
{
	if (size != 1 && size != 4 && size != 8)
		return false;
	if (off & (size - 1))
		return false;
	if (size == 8)
		return off >= GICD_IROUTER && off < GICD_IROUTER + 8 * 1024;
	if (size == 1)
		return (off >= GICD_IPRIORITYR && off < GICD_ICFGR) ||
		       (off >= GICD_CPENDSGIR && off < GICD_SPENDSGIR + 16);
	return true;
}

static void gicd_ctrl(const struct gic_view *v, struct mmio_access *acc)
{
	(void)v;
	if (acc->is_write)
		return;
	switch (acc->addr) {
	case GICD_CTLR:
	case GICD_IIDR:
	case GICD_TYPER2:
		acc->value = gic_hw_read(GIC_GICD, acc->addr, 4);
		break;
	case GICD_TYPER:
		acc->value = gic_hw_read(GIC_GICD, acc->addr, 4) &
			     ~(u64)(GICD_TYPER_LPIS | GICD_TYPER_MBIS);
		break;
	}
}

/* IGROUPR, IS/ICENABLER, IS/ICPENDR, IS/ICACTIVER: one bit per INTID */
static void gicd_bitmap(const struct gic_view *v, struct mmio_access *acc)
{
	u64 n = (acc->addr & 0x7f) / 4;
	u32 mask = owned_bits(v, n);
	u32 val;

	if (!mask)
		return;
	if (!acc->is_write) {
		acc->value = gic_hw_read(GIC_GICD, acc->addr, 4) & mask;
		return;
	}
	val = acc->value & mask;
	if (acc->addr < GICD_ISENABLER) {
		gic_emul_lock();
		val |= gic_hw_read(GIC_GICD, acc->addr, 4);
		gic_hw_write(GIC_GICD, acc->addr, 4, val);
		gic_emul_unlock();
	} else if (val) {
		/* write-1-to-set/clear: the zeros of other INTIDs do nothing */
		gic_hw_write(GIC_GICD, acc->addr, 4, val);
	}
}

/* IPRIORITYR: one byte per INTID, byte accessible */
static void gicd_priority(const struct gic_view *v, struct mmio_access *acc)
{
	u32 first = acc->addr - GICD_IPRIORITYR;
	u64 mask = owned_bytes(v, first, acc->size);
	u64 full = acc->size == 4 ? 0xffffffffUL : 0xffUL;
	unsigned int i;

	if (!mask)
		return;
	if (!acc->is_write) {
		acc->value = gic_hw_read(GIC_GICD, acc->addr, acc->size) & mask;
		return;
	}
	for (i = 0; i < acc->size; i++)
		if ((mask >> (8 * i)) & 0xff)
			gic_sys.spi_prio[first + i] = (acc->value >> (8 * i)) &
						      gic_sys.prio_mask;
	if (mask == full) {
		gic_hw_write(GIC_GICD, acc->addr, acc->size, acc->value);
		return;
	}
	for (i = 0; i < acc->size; i++)
		if ((mask >> (8 * i)) & 0xff)
			gic_hw_write(GIC_GICD, acc->addr + i, 1,
				     (acc->value >> (8 * i)) & 0xff);
}

/* ICFGR: two bits per INTID, 16 INTIDs per word */
static void gicd_config(const struct gic_view *v, struct mmio_access *acc)
{
	u32 first = (acc->addr - GICD_ICFGR) / 4 * 16;
	u32 mask = 0, val;
	unsigned int i;

	for (i = 0; i < 16; i++)
		if (gic_spi_owned(v, first + i))
			mask |= 3U << (2 * i);
	if (!mask)
		return;
	if (!acc->is_write) {
		acc->value = gic_hw_read(GIC_GICD, acc->addr, 4) & mask;
		return;
	}
	gic_emul_lock();
	val = gic_hw_read(GIC_GICD, acc->addr, 4) & ~mask;
	gic_hw_write(GIC_GICD, acc->addr, 4, val | (acc->value & mask));
	gic_emul_unlock();
}

static bool cell_has_affinity(const struct gic_view *v, u64 aff)
{
	unsigned int cpu;

	for (cpu = 0; cpu < gic_sys.num_cpus; cpu++)
		if ((v->cpu_set & BIT(cpu)) &&
		    (gic_sys.mpidr[cpu] & GIC_AFF_MASK) == aff)
			return true;
	return false;
}

/* IROUTER<n>: 64 bits per SPI, also accessible as two 32-bit halves */
static void gicd_router(const struct gic_view *v, struct mmio_access *acc)
{
	static bool warned_irm, warned_target;
	u32 intid = (acc->addr - GICD_IROUTER) / 8;
	u64 reg = GICD_IROUTER + intid * 8;
	unsigned int shift = (acc->addr & 4) * 8;
	u64 val;

	if (!gic_spi_owned(v, intid))
		return;
	if (!acc->is_write) {
		acc->value = gic_hw_read(GIC_GICD, acc->addr, acc->size);
		return;
	}
	gic_emul_lock();
	val = acc->value;
	if (acc->size == 4) {
		val = gic_hw_read(GIC_GICD, reg, 8);
		val &= ~(0xffffffffUL << shift);
		val |= (acc->value & 0xffffffffUL) << shift;
	}
	if (val & GICD_IROUTER_IRM) {
		/* 1-of-N could pick a CPU of another cell */
		if (!warned_irm)
			pr_info("GIC: CPU %u: 1-of-N routing of INTID %u "
				"turned into routing to this CPU\n",
				v->self, intid);
		warned_irm = true;
		val = gic_sys.mpidr[v->self] & GIC_AFF_MASK;
	} else if (!cell_has_affinity(v, val & GIC_AFF_MASK)) {
		if (!warned_target)
			pr_info("GIC: CPU %u: routing of INTID %u to "
				"affinity 0x%llx outside the cell ignored\n",
				v->self, intid,
				(unsigned long long)(val & GIC_AFF_MASK));
		warned_target = true;
		gic_emul_unlock();
		return;
	}
	gic_hw_write(GIC_GICD, reg, 8, val & GIC_AFF_MASK);
	gic_emul_unlock();
}

enum trap_result gicd_emulate(const struct gic_view *v,
			      struct mmio_access *acc)
{
	u64 off = acc->addr;

	if (!gicd_size_ok(off, acc->size))
		return TRAP_FORBIDDEN;
	if (!acc->is_write)
		acc->value = 0;

	if (off < GICD_IGROUPR)
		gicd_ctrl(v, acc);
	else if (off < GICD_IPRIORITYR)
		gicd_bitmap(v, acc);
	else if (off < GICD_ITARGETSR)
		gicd_priority(v, acc);
	else if (off >= GICD_ICFGR && off < GICD_IGRPMODR)
		gicd_config(v, acc);
	else if (off >= GICD_IROUTER && off < GICD_IROUTER + 8 * 1024)
		gicd_router(v, acc);
	else if (off >= GICD_IDREGS && !acc->is_write)
		acc->value = gic_hw_read(GIC_GICD, off, 4);
	/* everything else (ITARGETSR, IGRPMODR, NSACR, SGIR, ...) RAZ/WI */
	return TRAP_HANDLED;
}
