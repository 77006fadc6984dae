/* SPDX-License-Identifier: GPL-2.0 */
/* The capability core: capability spaces, kernel objects and invocation. */
#ifndef CORE_CAPS_H
#define CORE_CAPS_H

#include <core/types.h>
#include <bulkhead/caps.h>

struct bh_bootdesc;
struct cell;
struct per_cpu;

/**
 * struct cap - one capability slot
 * @type:	enum bh_obj_type; BH_OBJ_NULL for an empty slot
 * @rights:	BH_RIGHT_* bits
 * @badge:	set by mint, reported by CAP_IDENTIFY
 * @obj:	the object: struct cspace * (CNODE), NULL (HV), struct cell *
 *		(CELL), struct per_cpu * (CPU), const struct bh_bd_mem *
 *		(MEMORY), const struct bh_bd_irq * (IRQ), both pointing into
 *		the kernel's copy of the boot description, struct service *
 *		(ENDPOINT)
 *
 * Objects are never freed while the kernel runs, so a capability needs no
 * reference count; an empty slot is all zero.
 */
struct cap {
	u8 type;
	u8 rights;
	u16 reserved;
	u32 reserved2;
	u64 badge;
	void *obj;
};

/**
 * struct cspace - a cell's flat capability space (its CNode)
 * @slots:	slot 0 stays empty
 *
 * Read and changed only by caps_invoke() under the capability core's one
 * lock (seL4 also serializes its kernel), and by caps_init_root() before
 * the cell runs.
 */
struct cspace {
	struct cap slots[BH_CNODE_SLOTS];
};

/**
 * struct bh_invocation - one BH_HC_INVOKE as the arch code decoded it
 * @slot:	x1, the invoked slot (any value: checked here)
 * @info:	x2, message info
 * @mr:		x3..x6, message registers 0..3 (read up to the info length)
 */
struct bh_invocation {
	u64 slot;
	u64 info;
	u64 mr[BH_MSG_MAX_MRS];
};

/**
 * struct bh_reply - what goes back in x1..x5
 * @info:	x1, reply message info: label 0, length = reply registers set
 * @mr:		x2..x5, reply registers 0..3; unused ones are 0
 */
struct bh_reply {
	u64 info;
	u64 mr[BH_MSG_MAX_MRS];
};

/**
 * caps_init_root() - hand the root cell its initial capabilities
 * @root:	the root cell, with cpus, memory and SPIs already assigned
 *
 * Context: launch, on the init CPU, after every struct per_cpu and the
 * root cell exist and bootdesc() is valid; before any CPU runs the root.
 *
 * Empties the root's cspace, then fills the fixed slots (enum bh_root_slot)
 * and one slot per CPU (logical index order), memory region (@root->mem
 * order) and SPI range of the root (boot description order), and one
 * endpoint per service (cell order, cells with cell->svc), all with
 * BH_RIGHTS_ALL and badge 0.
 *
 * Return: 0, or -ENOMEM if they do not fit in BH_CNODE_SLOTS; the cspace is
 * then left empty.
 */
int caps_init_root(struct cell *root);

/**
 * caps_invoke() - perform one capability invocation for the calling cell
 * @cpu:	the calling CPU (its cell's cspace is used)
 * @in:		decoded request; never trusted
 * @out:	reply, written in full by this function
 *
 * Context: the HVC trap path of @cpu, for BH_HC_INVOKE. The caller puts the
 * return value in x0, @out->info in x1 and @out->mr[0..3] in x2..x5.
 *
 * Decodes without side effects (slot, message info, label, object type,
 * rights, length, every message register), and only then acts. A refused
 * invocation changes nothing, leaves @out all zero, is logged in one line
 * (the first CAPS_LOG_BUDGET of each cell's since launch) and never stops the
 * cell or the kernel.
 *
 * Return: enum bh_error (BH_E_OK on success).
 */
int caps_invoke(struct per_cpu *cpu, const struct bh_invocation *in,
		struct bh_reply *out);

/**
 * caps_invoke_cell() - caps_invoke() in the cspace of @cell
 * @cpu:	the calling CPU
 * @cell:	whose cspace is used: a service cell running on @cpu
 * @in:		decoded request; never trusted
 * @out:	reply, written in full
 *
 * For hypercalls of a service, which runs on a CPU whose @cpu->cell
 * stays the caller's. EP_CALL and EP_REPLY switch @cpu's frame: the
 * caller then writes @out into the frame now current.
 *
 * Return: enum bh_error.
 */
int caps_invoke_cell(struct per_cpu *cpu, struct cell *cell,
		     const struct bh_invocation *in, struct bh_reply *out);

/**
 * caps_init_service() - hand a service cell its initial capabilities
 * @cell:	the service cell, @cell->svc set
 * @caps:	BH_SVC_CAP_* of its boot description entry
 *
 * Empties its cspace, then BH_SVC_SLOT_CNODE (READ, WRITE) and
 * BH_SVC_SLOT_ENDPOINT (READ: it may reply, never call itself), then
 * what @caps names at the fixed slots of enum bh_service_slot.
 * Context: launch, before any call, every cell created.
 */
void caps_init_service(struct cell *cell, u32 caps);

/* Refused invocations logged per launch; later ones are only counted. */
#define CAPS_LOG_BUDGET		32

/**
 * control_disable_cpu() - request that the calling CPU leave EL2 on return
 * @cpu:	the calling CPU
 *
 * Implemented by the core control code; called by HV_DISABLE once the
 * capability checks passed, without any capability lock held. The teardown
 * runs on the way back to the guest.
 *
 * Return: 0, or a negative errno if disabling is not possible now
 * (-EBUSY becomes BH_E_BUSY, anything else BH_E_ILLEGAL_OP).
 */
int control_disable_cpu(struct per_cpu *cpu);

/**
 * bootdesc() - the kernel's validated copy of the boot description
 *
 * Implemented by the kernel's launch code. The capability core reads the
 * hypervisor size (HV_INFO) and the SPI ranges (caps_init_root) from it.
 *
 * Return: the copy in hypervisor memory; valid from launch until disable.
 */
const struct bh_bootdesc *bootdesc(void);

#endif /* CORE_CAPS_H */
