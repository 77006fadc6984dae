/* SPDX-License-Identifier: GPL-2.0 */
/* The root cell's initial capabilities, as seL4 gives its root task. */
#include <core/caps.h>
#include <core/cell.h>
#include <core/percpu.h>
#include <bulkhead/bootdesc.h>
#include "caps_internal.h"

static const struct bh_bd_irq *bd_irqs(const struct bh_bootdesc *bd)
{
	return (const void *)((const u8 *)bd + bd->irqs_off);
}

static bool owns_cpu(const struct cell *root, unsigned int i)
{
	return i < 64 && (root->cpu_set & BIT(i));
}

static unsigned int root_slots_needed(const struct cell *root,
				      const struct bh_bootdesc *bd)
{
	unsigned int n = BH_SLOT_FIRST_DYNAMIC + root->num_mem, i;

	for (i = 0; i < num_cpus; i++)
		if (owns_cpu(root, i))
			n++;
	for (i = 0; i < bd->num_irqs; i++)
		if (bd_irqs(bd)[i].cell == root->id)
			n++;
	for (i = 0; i < num_cells; i++)
		if (cell_by_id(i)->svc)
			n++;
	return n;
}

static void give_rights(struct cspace *cs, unsigned int *slot, u8 type,
			void *obj, u8 rights)
{
	cs->slots[(*slot)++] = (struct cap){
		.type = type,
		.rights = rights,
		.obj = obj,
	};
}

static void give(struct cspace *cs, unsigned int *slot, u8 type, void *obj)
{
	give_rights(cs, slot, type, obj, BH_RIGHTS_ALL);
}

int caps_init_root(struct cell *root)
{
	const struct bh_bootdesc *bd = bootdesc();
	struct cspace *cs = &root->cspace;
	unsigned int slot = BH_SLOT_CNODE, i;

	*cs = (struct cspace){ 0 };
	if (root_slots_needed(root, bd) > BH_CNODE_SLOTS)
		return -ENOMEM;

	give(cs, &slot, BH_OBJ_CNODE, cs);
	give(cs, &slot, BH_OBJ_HV, NULL);
	give(cs, &slot, BH_OBJ_CELL, root);
	for (i = 0; i < num_cpus; i++)
		if (owns_cpu(root, i))
			give(cs, &slot, BH_OBJ_CPU, per_cpu(i));
	for (i = 0; i < root->num_mem; i++)
		give(cs, &slot, BH_OBJ_MEMORY, (void *)root->mem[i]);
	for (i = 0; i < bd->num_irqs; i++)
		if (bd_irqs(bd)[i].cell == root->id)
			give(cs, &slot, BH_OBJ_IRQ, (void *)&bd_irqs(bd)[i]);
	for (i = 0; i < num_cells; i++)
		if (cell_by_id(i)->svc)
			give(cs, &slot, BH_OBJ_ENDPOINT, cell_by_id(i)->svc);
	return 0;
}

void caps_init_service(struct cell *cell, u32 caps)
{
	struct cspace *cs = &cell->cspace;
	unsigned int slot = BH_SVC_SLOT_CNODE, i;

	*cs = (struct cspace){ 0 };
	give_rights(cs, &slot, BH_OBJ_CNODE, cs,
		    BH_RIGHT_READ | BH_RIGHT_WRITE);
	give_rights(cs, &slot, BH_OBJ_ENDPOINT, cell->svc, BH_RIGHT_READ);
	/* What the manifest's `capabilities` name, at fixed slots (caps.h) */
	slot = BH_SVC_SLOT_HV;
	if (caps & BH_SVC_CAP_HV_READ)
		give_rights(cs, &slot, BH_OBJ_HV, NULL, BH_RIGHT_READ);
	slot = BH_SVC_SLOT_UART;
	if (caps & BH_SVC_CAP_UART)
		give_rights(cs, &slot, BH_OBJ_UART, NULL,
			    BH_RIGHT_READ | BH_RIGHT_WRITE);
	if (!(caps & BH_SVC_CAP_CELLS_READ))
		return;
	for (i = 0; i < num_cells; i++) {
		struct cell *c = cell_by_id(i);

		slot = BH_SVC_SLOT_CELL(i);
		give_rights(cs, &slot, BH_OBJ_CELL, c, BH_RIGHT_READ);
		give_rights(cs, &slot, BH_OBJ_CNODE, &c->cspace,
			    BH_RIGHT_READ);
	}
}
