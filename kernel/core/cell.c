/* SPDX-License-Identifier: GPL-2.0 */
/* Cells: created from the boot description; stopped, never the kernel, on misbehaviour. */
#include <core/bitmap.h>
#include <core/cell.h>
#include <core/control.h>
#include <core/lib.h>
#include <core/percpu.h>
#include <core/printk.h>

static struct cell cells[BH_MAX_CELLS];
unsigned int num_cells;
struct cell *root_cell;

#define BD_ARRAY(d, off)	((const void *)((const u8 *)(d) + (off)))

struct cell *cell_by_id(unsigned int id)
{
	return id < BH_MAX_CELLS ? &cells[id] : NULL;
}

const struct bh_bd_mem *cell_mem_find(const struct cell *cell, u64 ipa,
				      u64 size, u32 flags)
{
	unsigned int i;

	for (i = 0; i < cell->num_mem; i++) {
		const struct bh_bd_mem *m = cell->mem[i];

		if (ipa >= m->ipa && size <= m->size &&
		    ipa - m->ipa <= m->size - size &&
		    (m->flags & flags) == flags)
			return m;
	}
	return NULL;
}

int cells_init(const struct bh_bootdesc *desc)
{
	const struct bh_bd_cell *bd_cells = BD_ARRAY(desc, desc->cells_off);
	const struct bh_bd_mem *mem = BD_ARRAY(desc, desc->mem_off);
	const struct bh_bd_irq *irqs = BD_ARRAY(desc, desc->irqs_off);
	unsigned int i, n;
	int ret;

	memset(cells, 0, sizeof(cells));
	num_cells = desc->num_cells;
	root_cell = &cells[0];
	for (i = 0; i < num_cells; i++) {
		cells[i].id = i;
		memcpy(cells[i].name, bd_cells[i].name, BH_CELL_NAME_LEN);
		cells[i].name[BH_CELL_NAME_LEN - 1] = 0;
		cells[i].flags = bd_cells[i].flags;
		cells[i].state = CELL_RUNNING;
	}
	for (i = 0; i < num_cpus; i++)
		per_cpu(i)->cell->cpu_set |= BIT(i);
	for (i = 0; i < desc->num_mem; i++) {
		struct cell *c = &cells[mem[i].cell];

		c->mem[c->num_mem++] = &mem[i];
	}
	for (i = 0; i < desc->num_irqs; i++)
		for (n = 0; n < irqs[i].count; n++)
			bitmap_set(cells[irqs[i].cell].spi_owned,
				   irqs[i].first + n - 32);
	for (i = 0; i < num_cells; i++) {
		ret = arch_cell_create(&cells[i]);
		if (ret)
			return trace_error(ret);
	}
	return 0;
}

void cell_stop(struct cell *cell, const char *why)
{
	struct per_cpu *self = this_cpu();
	unsigned int i;

	pr_err("cell %s stopped (CPU %u): %s\n", cell->name, self->index, why);
	cell->state = CELL_FAILED;
	for (i = 0; i < num_cpus; i++) {
		if (!(cell->cpu_set & BIT(i)))
			continue;
		if (i == self->index)
			self->state = CPU_STOPPED;
		else
			control_send_event(i, EVENT_STOP);
	}
}
