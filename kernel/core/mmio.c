/* SPDX-License-Identifier: GPL-2.0 */
/* Per-cell MMIO dispatch: sorted table, binary search, frozen once the cell runs. */
#include <core/cell.h>
#include <core/mmio.h>
#include <core/percpu.h>

int mmio_region_register(struct cell *cell, u64 start, u64 size,
			 mmio_handler_t handler, void *arg)
{
	unsigned int i, pos;

	if (cell->mmio_frozen || !size || start + size < start)
		return -EINVAL;
	if (cell->num_mmio == CELL_MAX_MMIO_REGIONS)
		return -ENOMEM;
	for (pos = 0; pos < cell->num_mmio; pos++)
		if (cell->mmio[pos].start > start)
			break;
	if (pos > 0 && cell->mmio[pos - 1].start +
	    cell->mmio[pos - 1].size > start)
		return -EEXIST;
	if (pos < cell->num_mmio && start + size > cell->mmio[pos].start)
		return -EEXIST;
	for (i = cell->num_mmio; i > pos; i--)
		cell->mmio[i] = cell->mmio[i - 1];
	cell->mmio[pos] = (struct mmio_region){ start, size, (void *)handler,
						arg };
	cell->num_mmio++;
	return 0;
}

static const struct mmio_region *mmio_find(const struct cell *cell, u64 addr)
{
	unsigned int lo = 0, hi = cell->num_mmio;

	while (lo < hi) {
		unsigned int mid = lo + (hi - lo) / 2;
		const struct mmio_region *r = &cell->mmio[mid];

		if (addr < r->start)
			hi = mid;
		else if (addr - r->start >= r->size)
			lo = mid + 1;
		else
			return r;
	}
	return NULL;
}

enum trap_result mmio_dispatch(struct per_cpu *cpu, u64 ipa,
			       struct mmio_access *acc)
{
	const struct mmio_region *r = mmio_find(cpu->cell, ipa);
	mmio_handler_t handler;

	if (!r || ipa - r->start > r->size - acc->size)
		return TRAP_UNHANDLED;
	acc->addr = ipa - r->start;
	handler = (mmio_handler_t)r->handler;
	return handler(cpu, r->arg, acc);
}
