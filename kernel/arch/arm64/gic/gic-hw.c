/* SPDX-License-Identifier: GPL-2.0 */
/* GIC set-up at launch, register access for the emulation, cell MMIO. */
#include <core/cell.h>
#include <core/mmio.h>
#include <core/paging.h>
#include <core/percpu.h>
#include <core/printk.h>
#include <asm/spinlock.h>
#include "gic-emul.h"
#include "gic-sysreg.h"

static u64 gicd_phys, gicr_phys, gicr_size;
static u8 *gicd_va, *gicr_va;
static spinlock_t emul_lock;

/*
 * Single accesses of exactly the width asked for: the GIC requires it
 * (IHI 0069, "GIC memory-mapped register access"), and the compiler must
 * not merge or split them.
 */
u64 gic_hw_read(enum gic_block blk, u64 off, unsigned int size)
{
	u8 *p = (blk == GIC_GICD ? gicd_va : gicr_va) + off;
	u64 val;

	switch (size) {
	case 1:
		asm volatile("ldrb %w0, [%1]" : "=r" (val) : "r" (p)
			     : "memory");
		break;
	case 4:
		asm volatile("ldr %w0, [%1]" : "=r" (val) : "r" (p) : "memory");
		break;
	default:
		asm volatile("ldr %0, [%1]" : "=r" (val) : "r" (p) : "memory");
		break;
	}
	return val;
}

void gic_hw_write(enum gic_block blk, u64 off, unsigned int size, u64 val)
{
	u8 *p = (blk == GIC_GICD ? gicd_va : gicr_va) + off;

	switch (size) {
	case 1:
		asm volatile("strb %w0, [%1]" : : "r" (val), "r" (p)
			     : "memory");
		break;
	case 4:
		asm volatile("str %w0, [%1]" : : "r" (val), "r" (p) : "memory");
		break;
	default:
		asm volatile("str %0, [%1]" : : "r" (val), "r" (p) : "memory");
		break;
	}
}

void gic_emul_lock(void)
{
	spin_lock(&emul_lock);
}

void gic_emul_unlock(void)
{
	spin_unlock(&emul_lock);
}

int gic_init(const struct bh_bd_gic *desc)
{
	u64 mpidr[BH_MAX_CPUS];
	unsigned int i;
	u8 prio_mask;
	int err;

	if (!(gic_read(ICC_SRE_EL2) & ICC_SRE_SRE)) {
		pr_err("GIC: system register interface disabled at EL2\n");
		return -ENODEV;
	}
	if (desc->gicd_size < GICD_SIZE || num_cpus > BH_MAX_CPUS)
		return -EINVAL;

	gicd_va = paging_map_device(desc->gicd_base, GICD_SIZE);
	gicr_va = paging_map_device(desc->gicr_base, desc->gicr_size);
	if (!gicd_va || !gicr_va)
		return -ENOMEM;
	gicd_phys = desc->gicd_base;
	gicr_phys = desc->gicr_base;
	gicr_size = desc->gicr_size;

	prio_mask = 0xff << (8 - ICH_VTR_PRIBITS(gic_read(ICH_VTR_EL2)));
	err = gic_probe(gicr_size, desc->maint_irq, prio_mask);
	if (err)
		return err;

	for (i = 0; i < num_cpus; i++)
		mpidr[i] = per_cpu(i)->mpidr;
	err = gic_set_cpus(mpidr, num_cpus);
	if (err)
		return err;

	pr_info("GIC: v3, %u INTIDs, %u redistributors, maintenance IRQ %u\n",
		gic_sys.nr_irqs, gic_sys.num_frames, gic_sys.maint_irq);
	return 0;
}

static enum trap_result gicd_access(struct per_cpu *cpu, void *arg,
				    struct mmio_access *acc)
{
	struct cell *cell = arg;
	struct gic_view v = {
		.spi_owned = cell->spi_owned,
		.cpu_set = cell->cpu_set,
		.self = cpu->index,
	};

	return gicd_emulate(&v, acc);
}

static enum trap_result gicr_access(struct per_cpu *cpu, void *arg,
				    struct mmio_access *acc)
{
	struct cell *cell = arg;
	struct gic_view v = {
		.spi_owned = cell->spi_owned,
		.cpu_set = cell->cpu_set,
		.self = cpu->index,
	};

	return gicr_emulate(&v, acc);
}

int gic_cell_init(struct cell *cell)
{
	int err;

	/* cells see the GIC at its physical address */
	err = mmio_region_register(cell, gicd_phys, GICD_SIZE, gicd_access,
				   cell);
	if (err)
		return err;
	return mmio_region_register(cell, gicr_phys, gicr_size, gicr_access,
				    cell);
}
