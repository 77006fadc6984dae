/* SPDX-License-Identifier: GPL-2.0 */
/* Endpoints of service cells: call, reply, and granting a capability. */
#include <core/caps.h>
#include <core/cell.h>
#include <core/service.h>
#include "caps_internal.h"

int ep_call(struct invocation *inv, struct bh_reply *out)
{
	return service_call(inv->cpu, inv->cap.obj, inv->cap.badge,
			    inv->cap.rights, inv->len, inv->mr, out);
}

int ep_reply(struct invocation *inv, struct bh_reply *out)
{
	return service_reply(inv->cpu, inv->cap.obj, inv->len, inv->mr, out);
}

/*
 * The copy lands in the service's cspace, which the service itself may
 * change at the same time: decode and perform both run under the caps
 * lock (writes_cspace).
 */
int ep_grant_decode(struct invocation *inv)
{
	struct service *svc = inv->cap.obj;
	struct cspace *dst_cs = &svc->cell->cspace;
	const struct cap *src;
	unsigned int slot;

	if (inv->mr[0] >= BH_CNODE_SLOTS)
		return BH_E_RANGE;
	if (inv->mr[0] == BH_SLOT_NULL || (inv->mr[1] & ~(u64)BH_RIGHTS_ALL))
		return BH_E_INVALID_ARGUMENT;
	src = &inv->cs->slots[inv->mr[0]];
	if (src->type == BH_OBJ_NULL)
		return BH_E_INVALID_CAP;
	if (!(src->rights & BH_RIGHT_GRANT))
		return BH_E_NO_RIGHTS;
	/* A CNode capability names its holder's cspace: never handed on */
	if (src->type == BH_OBJ_CNODE || dst_cs == inv->cs)
		return BH_E_ILLEGAL_OP;
	for (slot = BH_SVC_SLOT_FIRST_FREE; slot < BH_CNODE_SLOTS; slot++)
		if (dst_cs->slots[slot].type == BH_OBJ_NULL)
			break;
	if (slot == BH_CNODE_SLOTS)
		return BH_E_SLOT_OCCUPIED;
	inv->arg.grant.src = src;
	inv->arg.grant.dst = &dst_cs->slots[slot];
	inv->arg.grant.rights = src->rights & inv->mr[1];
	inv->arg.grant.slot = slot;
	return BH_E_OK;
}

int ep_grant(struct invocation *inv, struct bh_reply *out)
{
	struct cap *dst = inv->arg.grant.dst;

	*dst = *inv->arg.grant.src;
	dst->rights = inv->arg.grant.rights;
	out->mr[0] = inv->arg.grant.slot;
	return BH_E_OK;
}

int ep_info(struct invocation *inv, struct bh_reply *out)
{
	const struct service *svc = inv->cap.obj;

	out->mr[0] = svc->root_phys;
	out->mr[1] = svc->root_phys ? SERVICE_ROOT_SIZE : 0;
	out->mr[2] = svc->cell->id;
	out->mr[3] = READ_ONCE(svc->inits);
	return BH_E_OK;
}
