/* SPDX-License-Identifier: GPL-2.0 */
/* Read-only objects: cells, CPUs, memory regions and SPI ranges. */
#include <core/caps.h>
#include <core/cell.h>
#include <core/percpu.h>
#include <core/service.h>
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

int cell_name(struct invocation *inv, struct bh_reply *out)
{
	const struct cell *cell = inv->cap.obj;

	caps_reply_string(out, cell->name, sizeof(cell->name));
	return BH_E_OK;
}

int cell_mem_decode(struct invocation *inv)
{
	const struct cell *cell = inv->cap.obj;

	return inv->mr[0] < cell->num_mem ? BH_E_OK : BH_E_RANGE;
}

int cell_mem(struct invocation *inv, struct bh_reply *out)
{
	const struct cell *cell = inv->cap.obj;
	const struct bh_bd_mem *m = cell->mem[inv->mr[0]];

	out->mr[0] = m->phys;
	out->mr[1] = m->size;
	/* The count lets a reader stop without a refused invocation */
	out->mr[2] = m->flags | (u64)cell->num_mem << 32;
	out->mr[3] = m->ipa;
	return BH_E_OK;
}

int cell_service_decode(struct invocation *inv)
{
	const struct cell *cell = inv->cap.obj;

	return cell->svc ? BH_E_OK : BH_E_ILLEGAL_OP;
}

int cell_service(struct invocation *inv, struct bh_reply *out)
{
	const struct service *svc = ((const struct cell *)inv->cap.obj)->svc;

	/* Counted by whichever CPU runs the service: aligned 64-bit loads */
	out->mr[0] = READ_ONCE(svc->calls);
	out->mr[1] = READ_ONCE(svc->faults);
	out->mr[2] = READ_ONCE(svc->overruns);
	out->mr[3] = READ_ONCE(svc->inits);
	return BH_E_OK;
}

/* Under the caps lock: the endpoint slot is read, the ranges are ordered */
int cell_emulate_decode(struct invocation *inv)
{
	const struct cap *ep;

	if (inv->mr[2] >= BH_CNODE_SLOTS)
		return BH_E_RANGE;
	ep = &inv->cs->slots[inv->mr[2]];
	if (ep->type == BH_OBJ_NULL)
		return BH_E_INVALID_CAP;
	if (ep->type != BH_OBJ_ENDPOINT)
		return BH_E_WRONG_TYPE;
	if (!(ep->rights & BH_RIGHT_WRITE))
		return BH_E_NO_RIGHTS;
	return BH_E_OK;
}

int cell_emulate(struct invocation *inv, struct bh_reply *out)
{
	(void)out;
	return service_emulate_add(inv->cap.obj, inv->mr[0], inv->mr[1],
				   inv->cs->slots[inv->mr[2]].obj);
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
