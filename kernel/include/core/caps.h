/* SPDX-License-Identifier: GPL-2.0 */
/* The capability core: capability spaces, kernel objects and invocation. */
#ifndef CORE_CAPS_H
#define CORE_CAPS_H

#include <core/types.h>
#include <bulkhead/caps.h>

struct cell;
struct per_cpu;

/**
 * struct cap - one capability slot
 * @type:	enum bh_obj_type; BH_OBJ_NULL for an empty slot
 * @rights:	BH_RIGHT_* bits
 * @badge:	set by mint, reported by CAP_IDENTIFY
 * @obj:	the object: struct cell *, struct per_cpu *, const struct
 *		bh_bd_mem *, const struct bh_bd_irq *, struct cspace *, or
 *		NULL for the HV object
 */
struct cap {
	u8 type;
	u8 rights;
	u16 reserved;
	u32 reserved2;
	u64 badge;
	void *obj;
};

/** struct cspace - a cell's flat capability space */
struct cspace {
	struct cap slots[BH_CNODE_SLOTS];
};

/** struct bh_invocation - one BH_HC_INVOKE as the arch code decoded it */
struct bh_invocation {
	u64 slot;
	u64 info;
	u64 mr[BH_MSG_MAX_MRS];
};

/** struct bh_reply - what goes back in x1..x5 */
struct bh_reply {
	u64 info;
	u64 mr[BH_MSG_MAX_MRS];
};

/**
 * caps_init_root() - hand the root cell its initial capabilities
 * @root:	the root cell, with cpus, memory and SPIs already assigned
 *
 * Fills the fixed slots (enum bh_root_slot) and then one slot per CPU,
 * memory region and SPI range, in boot description order.
 *
 * Return: 0, or -ENOMEM if they do not fit in BH_CNODE_SLOTS.
 */
int caps_init_root(struct cell *root);

/**
 * caps_invoke() - perform one capability invocation for the calling cell
 * @cpu:	the calling CPU (its cell's cspace is used)
 * @in:		decoded request; never trusted
 * @out:	reply, zeroed by the caller
 *
 * Looks the slot up, checks type and rights for the label, validates every
 * message register, and only then acts.
 *
 * Return: enum bh_error.
 */
int caps_invoke(struct per_cpu *cpu, const struct bh_invocation *in,
		struct bh_reply *out);

/**
 * control_disable_cpu() - request that the calling CPU leave EL2 on return
 * @cpu:	the calling CPU
 *
 * Implemented by the core control code; called by HV_DISABLE once the
 * capability checks passed. The teardown runs on the way back to the guest.
 *
 * Return: 0, or a negative errno if disabling is not possible now.
 */
int control_disable_cpu(struct per_cpu *cpu);

#endif /* CORE_CAPS_H */
