/* SPDX-License-Identifier: GPL-2.0 */
/* Capability spaces: CAP_IDENTIFY, and the CNode's mint and delete. */
#include <core/caps.h>
#include <core/cell.h>
#include <core/percpu.h>
#include <core/service.h>
#include <bulkhead/bootdesc.h>
#include "caps_internal.h"

int cap_identify(struct invocation *inv, struct bh_reply *out)
{
	out->mr[0] = inv->cap.type;
	out->mr[1] = inv->cap.rights;
	out->mr[2] = inv->cap.badge;
	return BH_E_OK;
}

/*
 * A CNode capability only names its holder's own cspace: caps_init_root()
 * hands out no other, and mint copies within one cspace. Anything else is
 * refused rather than trusted.
 */
static int slot_arg(const struct invocation *inv, u64 slot, struct cap **cap)
{
	struct cspace *cs = inv->cap.obj;

	if (cs != inv->cs)
		return BH_E_ILLEGAL_OP;
	if (slot >= BH_CNODE_SLOTS)
		return BH_E_RANGE;
	*cap = &cs->slots[slot];
	return BH_E_OK;
}

int cnode_mint_decode(struct invocation *inv)
{
	struct cap *src, *dst;
	u64 badge = inv->len > 3 ? inv->mr[3] : 0;
	int err;

	err = slot_arg(inv, inv->mr[0], &src);
	if (!err)
		err = slot_arg(inv, inv->mr[1], &dst);
	if (err)
		return err;
	if (inv->mr[1] == BH_SLOT_NULL || (inv->mr[2] & ~(u64)BH_RIGHTS_ALL))
		return BH_E_INVALID_ARGUMENT;
	if (src->type == BH_OBJ_NULL)
		return BH_E_INVALID_CAP;
	if (!(src->rights & BH_RIGHT_GRANT))
		return BH_E_NO_RIGHTS;
	if (dst->type != BH_OBJ_NULL)
		return BH_E_SLOT_OCCUPIED;
	/* A badge is set once: copies of a badged capability keep it */
	if (src->badge && badge)
		return BH_E_INVALID_ARGUMENT;

	inv->arg.mint.src = src;
	inv->arg.mint.dst = dst;
	inv->arg.mint.rights = src->rights & inv->mr[2];
	inv->arg.mint.badge = src->badge ? src->badge : badge;
	return BH_E_OK;
}

int cnode_mint(struct invocation *inv, struct bh_reply *out)
{
	struct cap *dst = inv->arg.mint.dst;

	(void)out;
	*dst = *inv->arg.mint.src;
	dst->rights = inv->arg.mint.rights;
	dst->badge = inv->arg.mint.badge;
	return BH_E_OK;
}

int cnode_delete_decode(struct invocation *inv)
{
	struct cap *victim;
	int err;

	err = slot_arg(inv, inv->mr[0], &victim);
	if (err)
		return err;
	/* The fixed slots stay, so the cell can always mint and disable */
	if (inv->mr[0] != BH_SLOT_NULL && inv->mr[0] < BH_SLOT_FIRST_DYNAMIC)
		return BH_E_ILLEGAL_OP;
	if (victim->type == BH_OBJ_NULL)
		return BH_E_INVALID_CAP;
	inv->arg.del = victim;
	return BH_E_OK;
}

int cnode_delete(struct invocation *inv, struct bh_reply *out)
{
	(void)out;
	*inv->arg.del = (struct cap){ 0 };
	return BH_E_OK;
}

int cnode_read_decode(struct invocation *inv)
{
	return inv->mr[0] < BH_CNODE_SLOTS ? BH_E_OK : BH_E_RANGE;
}

/* What names the object of @cap to a reader (caps.h, CNODE_READ) */
static u64 cap_object_id(const struct cap *cap)
{
	switch (cap->type) {
	case BH_OBJ_CNODE:
		return container_of(cap->obj, struct cell, cspace)->id;
	case BH_OBJ_CELL:
		return ((const struct cell *)cap->obj)->id;
	case BH_OBJ_CPU:
		return ((const struct per_cpu *)cap->obj)->index;
	case BH_OBJ_MEMORY:
		return ((const struct bh_bd_mem *)cap->obj)->phys;
	case BH_OBJ_IRQ:
		return ((const struct bh_bd_irq *)cap->obj)->first;
	case BH_OBJ_ENDPOINT:
		return ((const struct service *)cap->obj)->cell->id;
	default:
		return 0;
	}
}

/* Any cspace may be read: reading changes nothing (caps lock held) */
int cnode_read(struct invocation *inv, struct bh_reply *out)
{
	const struct cspace *cs = inv->cap.obj;
	const struct cap *cap = &cs->slots[inv->mr[0]];

	out->mr[0] = cap->type;
	out->mr[1] = cap->rights;
	out->mr[2] = cap->badge;
	out->mr[3] = cap_object_id(cap);
	return BH_E_OK;
}
