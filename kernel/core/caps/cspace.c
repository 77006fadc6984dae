/* SPDX-License-Identifier: GPL-2.0 */
/* Capability spaces: CAP_IDENTIFY, and the CNode's mint and delete. */
#include <core/caps.h>
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
