/* SPDX-License-Identifier: GPL-2.0 */
/* Read-only objects: cells, CPUs, memory regions and SPI ranges. */
#include <core/caps.h>
#include <core/cell.h>
#include <core/percpu.h>
#include <bulkhead/bootdesc.h>
#include "caps_internal.h"

/* Kernel states map onto the ABI values explicitly: the enums may grow */
static u64 cell_state_abi(enum cell_state state)
{
	return state == CELL_RUNNING ? BH_CELL_STATE_RUNNING :
				       BH_CELL_STATE_FAILED;
}

static u64 cpu_state_abi(enum cpu_state state)
{
	switch (state) {
	case CPU_RUNNING:
		return BH_CPU_STATE_RUNNING;
	case CPU_PARKED:
	case CPU_ON_PENDING:
		return BH_CPU_STATE_PARKED;
	case CPU_STOPPED:
		return BH_CPU_STATE_STOPPED;
	case CPU_OFFLINE:
	default:
		return BH_CPU_STATE_OFFLINE;
	}
}

int cell_info(struct invocation *inv, struct bh_reply *out)
{
	const struct cell *cell = inv->cap.obj;

	out->mr[0] = cell->id;
	out->mr[1] = cell->flags;
	out->mr[2] = cell->cpu_set;
	out->mr[3] = cell_state_abi(cell->state);
	return BH_E_OK;
}

int cpu_info(struct invocation *inv, struct bh_reply *out)
{
	const struct per_cpu *cpu = inv->cap.obj;
	const struct cell *cell = READ_ONCE(cpu->cell);

	out->mr[0] = cpu->index;
	out->mr[1] = cpu->mpidr;
	out->mr[2] = cell ? cell->id : BH_CELL_NONE;
	out->mr[3] = cpu_state_abi(cpu->state);
	return BH_E_OK;
}

int mem_info(struct invocation *inv, struct bh_reply *out)
{
	const struct bh_bd_mem *mem = inv->cap.obj;

	out->mr[0] = mem->phys;
	out->mr[1] = mem->size;
	out->mr[2] = mem->flags;
	out->mr[3] = mem->ipa;
	return BH_E_OK;
}

int irq_info(struct invocation *inv, struct bh_reply *out)
{
	const struct bh_bd_irq *irq = inv->cap.obj;

	out->mr[0] = irq->first;
	out->mr[1] = irq->count;
	return BH_E_OK;
}
