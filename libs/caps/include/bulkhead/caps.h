/* SPDX-License-Identifier: GPL-2.0 */
/* The capability ABI: object types, rights, message info, labels and errors. */
#ifndef BULKHEAD_CAPS_H
#define BULKHEAD_CAPS_H

#include <bulkhead/types.h>

/*
 * A cell names a kernel object by a slot index (cptr) in its capability
 * space: a flat CNode of BH_CNODE_SLOTS slots. Each capability is
 * {object type, object, rights, badge}. An invocation (BH_HC_INVOKE) names a
 * slot and carries a message: a message info word and up to BH_MSG_MAX_MRS
 * message registers. The kernel checks, in this order and before it changes
 * anything: slot in range and not empty, message info well formed, label
 * known, label applies to the object type, rights the label needs, message
 * length, then each message register. docs/abi.md has the full table.
 */
typedef uint64_t bh_cptr_t;

#define BH_CNODE_SLOTS		64
#define BH_MSG_MAX_MRS		4

/* Object types */
enum bh_obj_type {
	BH_OBJ_NULL = 0,	/* empty slot */
	BH_OBJ_CNODE,		/* a capability space */
	BH_OBJ_HV,		/* the hypervisor: info, stats, disable */
	BH_OBJ_CELL,		/* a cell */
	BH_OBJ_CPU,		/* a physical CPU */
	BH_OBJ_MEMORY,		/* a physical memory range */
	BH_OBJ_IRQ,		/* a shared peripheral interrupt range */
	BH_OBJ_ENDPOINT,	/* a service cell's endpoint: call, reply */
	BH_OBJ_UART,		/* the hypervisor's UART: raw read, write */
	BH_OBJ_NR
};

/*
 * Rights. Mint copies a capability with a subset of its rights, never more.
 * WRITE on a CNode is the right to change its slots (mint, delete); GRANT on
 * any capability is the right to copy it (be the source of a mint).
 */
#define BH_RIGHT_READ		(1U << 0)	/* query the object */
#define BH_RIGHT_WRITE		(1U << 1)	/* change the object's state */
#define BH_RIGHT_GRANT		(1U << 2)	/* copy/mint the capability */
#define BH_RIGHT_CONTROL	(1U << 3)	/* lifecycle: disable */
#define BH_RIGHTS_ALL		0xfU

/*
 * Message info: bits 0..2 length (message registers used, 0..4),
 * bits 3..7 reserved (0), bits 8..31 label, bits 32..63 reserved (0).
 * A reply's info carries label 0 and the number of reply registers set.
 */
#define BH_MSGINFO_LEN_MASK	0x7UL
#define BH_MSGINFO_LABEL_SHIFT	8
#define BH_MSGINFO_LABEL_MASK	0xffffffUL
#define BH_MSGINFO_RSVD_MASK	(~((BH_MSGINFO_LABEL_MASK << \
				    BH_MSGINFO_LABEL_SHIFT) | \
				   BH_MSGINFO_LEN_MASK))

_Static_assert(BH_MSGINFO_RSVD_MASK == 0xffffffff000000f8UL,
	       "message info reserved bits are 3..7 and 32..63");
_Static_assert(BH_MSG_MAX_MRS <= BH_MSGINFO_LEN_MASK,
	       "the length field must hold BH_MSG_MAX_MRS");
_Static_assert(BH_RIGHTS_ALL <= 0xff, "rights must fit in a byte");

/**
 * bh_msginfo() - encode a message info word
 * @label:	enum bh_label (24 bits; higher bits are dropped)
 * @len:	message registers used, 0..BH_MSG_MAX_MRS (3 bits kept)
 *
 * Return: the info word for x2 of BH_HC_INVOKE.
 */
static inline uint64_t bh_msginfo(uint32_t label, unsigned int len)
{
	return ((uint64_t)(label & BH_MSGINFO_LABEL_MASK) <<
		BH_MSGINFO_LABEL_SHIFT) | (len & BH_MSGINFO_LEN_MASK);
}

/**
 * bh_msginfo_label() - the label of a message info word
 * @info:	message info
 */
static inline uint32_t bh_msginfo_label(uint64_t info)
{
	return (info >> BH_MSGINFO_LABEL_SHIFT) & BH_MSGINFO_LABEL_MASK;
}

/**
 * bh_msginfo_len() - the length field of a message info word
 * @info:	message info
 *
 * The raw 3-bit field: may exceed BH_MSG_MAX_MRS in a malformed word.
 */
static inline unsigned int bh_msginfo_len(uint64_t info)
{
	return info & BH_MSGINFO_LEN_MASK;
}

/**
 * bh_msginfo_valid() - whether a message info word is well formed
 * @info:	message info
 *
 * Return: nonzero if the reserved bits are 0 and the length is at most
 * BH_MSG_MAX_MRS; the kernel answers anything else with
 * BH_E_INVALID_ARGUMENT.
 */
static inline int bh_msginfo_valid(uint64_t info)
{
	return !(info & BH_MSGINFO_RSVD_MASK) &&
	       bh_msginfo_len(info) <= BH_MSG_MAX_MRS;
}

/*
 * Error codes returned in x0. On any error the reply (x1..x5) is all zero
 * and nothing has changed.
 */
enum bh_error {
	BH_E_OK = 0,
	BH_E_INVALID_ARGUMENT,	/* malformed message info, or a message
				   register holds a value the label never
				   accepts (unknown rights bits, slot 0,
				   re-badging) */
	BH_E_INVALID_CAP,	/* invoked slot out of range or empty; a
				   slot named in a message register is empty */
	BH_E_WRONG_TYPE,	/* label does not apply to this object type */
	BH_E_NO_RIGHTS,		/* the capability (or mint's source) lacks a
				   right the label needs */
	BH_E_ILLEGAL_OP,	/* unknown label, pinned slot, or not
				   allowed in this state */
	BH_E_RANGE,		/* an index in a message register is outside
				   the object (CPU, exit reason, slot) */
	BH_E_TRUNCATED,		/* message shorter than the label needs */
	BH_E_SLOT_OCCUPIED,	/* destination slot is not empty */
	BH_E_BUSY,		/* the object is in use (a service already
				   serves a call on another CPU) */
	BH_E_TIMEOUT,		/* the service overran its time budget: it
				   was stopped and is restarted */
	BH_E_FAULT,		/* the service faulted: it was stopped and
				   is restarted */
	BH_E_NR
};

#define BH_ERROR_NAMES { "ok", "invalid argument", "invalid capability", \
	"wrong object type", "missing right", "illegal operation", \
	"out of range", "truncated message", "slot occupied", "busy", \
	"service timed out", "service faulted" }

_Static_assert(sizeof((const char *[])BH_ERROR_NAMES) /
	       sizeof(const char *) == BH_E_NR,
	       "BH_ERROR_NAMES must name every enum bh_error");

/*
 * Invocation labels. Each applies to one object type (CAP_IDENTIFY to all)
 * and needs the rights listed. "mr" are the message registers (x3..x6),
 * "reply" the reply registers (x2..x5); a reply's info length says how
 * many are set. The minimum message length is the number of mr listed,
 * except where noted. docs/abi.md has the same table with the errors.
 */
enum bh_label {
	/* any type, READ; reply mr0 type, mr1 rights, mr2 badge */
	BH_LABEL_CAP_IDENTIFY = 1,

	/* CNODE */
	BH_LABEL_CNODE_MINT = 0x100,	/* WRITE on the cnode, GRANT on the
					   source; mr0 src slot, mr1 dst slot,
					   mr2 rights mask, mr3 badge (optional:
					   length 3 keeps the source's) */
	BH_LABEL_CNODE_DELETE,		/* WRITE; mr0 slot (not 1..3) */
	BH_LABEL_CNODE_READ,		/* READ; mr0 slot; reply mr0 type,
					   mr1 rights, mr2 badge, mr3 object
					   (cell id, CPU index, phys, first
					   INTID, service cell id; else 0) */

	/* HV */
	BH_LABEL_HV_INFO = 0x200,	/* READ; reply mr0 abi version,
					   mr1 cpus, mr2 cells, mr3 hv size */
	BH_LABEL_HV_STATS,		/* READ; mr0 cpu, mr1 exit reason;
					   reply mr0 count */
	BH_LABEL_HV_DISABLE,		/* CONTROL; the calling CPU leaves */
	BH_LABEL_HV_LOG_READ,		/* READ; superseded by the read-only
					   log region (svcboot.h): always
					   ILLEGAL_OP */
	BH_LABEL_HV_MEM,		/* READ; reply mr0 pool pages, mr1
					   free pool pages, mr2 hv base,
					   mr3 hv size */
	BH_LABEL_HV_VERSION,		/* READ; reply mr0..mr3 the kernel's
					   version string, NUL padded */

	/* CELL */
	BH_LABEL_CELL_INFO = 0x300,	/* READ; reply mr0 cell id, mr1 flags,
					   mr2 cpu bitmap, mr3 state */
	BH_LABEL_CELL_NAME,		/* READ; reply mr0..mr3 the name,
					   NUL padded */
	BH_LABEL_CELL_MEM,		/* READ; mr0 region index; reply mr0
					   phys, mr1 size, mr2 flags (BH_MEM_*)
					   | the cell's number of regions << 32,
					   mr3 ipa; RANGE past the last */
	BH_LABEL_CELL_SERVICE,		/* READ; service cells with an image:
					   reply mr0 calls, mr1 faults,
					   mr2 overruns, mr3 start-ups;
					   else ILLEGAL_OP */
	BH_LABEL_CELL_EMULATE,		/* WRITE; mr0 IPA, mr1 size (page
					   aligned, outside the cell's memory
					   and devices), mr2 slot of an
					   endpoint (WRITE) in the caller's
					   cspace: the cell's accesses there
					   are delivered to that service
					   (BH_LABEL_EP_MMIO); at most
					   BH_CELL_MAX_EMULATED ranges */

	/* CPU */
	BH_LABEL_CPU_INFO = 0x400,	/* READ; reply mr0 logical index,
					   mr1 mpidr, mr2 owning cell,
					   mr3 state */

	/* MEMORY */
	BH_LABEL_MEM_INFO = 0x500,	/* READ; reply mr0 phys, mr1 size,
					   mr2 flags, mr3 ipa */

	/* IRQ */
	BH_LABEL_IRQ_INFO = 0x600,	/* READ; reply mr0 first INTID,
					   mr1 count */

	/* ENDPOINT (docs/architecture.md, "Service cells") */
	BH_LABEL_EP_CALL = 0x700,	/* WRITE; mr0..mr3 (any length) go to
					   the service, which runs on this
					   CPU; reply: what the service
					   replied (info length, mr0..mr3),
					   or BH_E_BUSY, BH_E_TIMEOUT,
					   BH_E_FAULT */
	BH_LABEL_EP_REPLY,		/* READ; only the service, while it
					   serves a call: mr0..mr3 (any
					   length) go back to the caller;
					   returns with the next call */
	BH_LABEL_EP_GRANT,		/* GRANT; mr0 slot in the caller's
					   cspace (needs GRANT), mr1 rights
					   mask: mints a copy with those
					   rights into the first free slot of
					   the service's cspace; reply mr0 that
					   slot */
	BH_LABEL_EP_INFO,		/* READ; reply mr0 phys of the service's
					   root channel (0: none), mr1 its
					   size, mr2 service cell id, mr3
					   start-ups of the service */
	BH_LABEL_EP_MMIO,		/* never invoked: the label a service
					   sees for a delivered access (below) */

	/* UART */
	BH_LABEL_UART_READ = 0x800,	/* READ; reply mr0 bytes (0..24) read
					   from the receive FIFO, mr1..mr3
					   the bytes */
	BH_LABEL_UART_WRITE,		/* WRITE; mr0 bytes (1..24), mr1..mr3
					   the bytes: written to the UART
					   raw, not into the log */
};

#define BH_CELL_MAX_EMULATED	4
#define BH_UART_MAX_BYTES	24

/*
 * What a service finds in registers when a call reaches it (on its first
 * entry, at its entry point, and on return from EP_REPLY): x0 BH_E_OK,
 * x1 message info (label EP_CALL, the caller's length), x2..x5 mr0..mr3,
 * x6 badge of the caller's endpoint capability, x7 boot-info IPA (0 if
 * none), x8 the rights of the caller's endpoint capability: the caller's
 * authority, which the service checks. docs/services.md, "Kernel
 * contract".
 *
 * A cell's access to a range registered with CELL_EMULATE reaches the
 * service as a call with label BH_LABEL_EP_MMIO, length 4: mr0 the cell
 * id, mr1 the IPA, mr2 access size in bytes (1, 2, 4, 8) | BH_MMIO_WRITE,
 * mr3 the value written; x6 and x8 are 0. The service's reply mr0 is the
 * value a read returns.
 */
#define BH_SVC_REG_BADGE	6
#define BH_SVC_REG_RIGHTS	8
#define BH_MMIO_WRITE		(1UL << 8)

/*
 * Initial capabilities of a service cell. Slots 3 and up are filled only
 * when the manifest's `capabilities` of the service name them (bootdesc.h,
 * BH_SVC_CAP_*): the HV (READ), the UART (READ, WRITE), and per cell i
 * a CELL capability (READ) in BH_SVC_SLOT_CELL(i) and its CNode (READ) in
 * BH_SVC_SLOT_CELL_CNODE(i).
 */
enum bh_service_slot {
	BH_SVC_SLOT_CNODE = 1,		/* its own CNode: READ, WRITE */
	BH_SVC_SLOT_ENDPOINT = 2,	/* its own endpoint: READ (reply) */
	BH_SVC_SLOT_HV = 3,		/* "hv-read" */
	BH_SVC_SLOT_UART = 4,		/* "uart" */
	BH_SVC_SLOT_CELLS = 8,		/* "cells-read": 2 slots per cell */
	BH_SVC_SLOT_FIRST_FREE = 40,	/* EP_GRANT fills from here */
};

#define BH_SVC_SLOT_CELL(i)		(BH_SVC_SLOT_CELLS + 2 * (i))
#define BH_SVC_SLOT_CELL_CNODE(i)	(BH_SVC_SLOT_CELLS + 2 * (i) + 1)
_Static_assert(BH_SVC_SLOT_CELL_CNODE(15) < BH_SVC_SLOT_FIRST_FREE,
	       "16 cells fit below the first free slot");

/* CELL_INFO reply mr3 and CPU_INFO reply mr3: see docs/abi.md */
#define BH_CELL_STATE_RUNNING	0
#define BH_CELL_STATE_FAILED	1

#define BH_CPU_STATE_OFFLINE	0
#define BH_CPU_STATE_RUNNING	1
#define BH_CPU_STATE_PARKED	2	/* PSCI CPU_OFF, or CPU_ON pending */
#define BH_CPU_STATE_STOPPED	3

/* CPU_INFO reply mr2 for a CPU that runs no cell */
#define BH_CELL_NONE		0xffffffffUL

/*
 * Initial capabilities of the root cell, in the manner of seL4's root task:
 * fixed slots first, then one slot per CPU, memory region and SPI range of
 * the root cell, in boot description order, starting at
 * BH_SLOT_FIRST_DYNAMIC, then one endpoint per service cell with an
 * image, in cell order; the remaining slots are empty. Slot 0 is never
 * filled. The fixed slots are pinned: CNODE_DELETE refuses them, so the
 * root can always mint and disable.
 */
enum bh_root_slot {
	BH_SLOT_NULL = 0,
	BH_SLOT_CNODE = 1,	/* the root's own CNode: all rights */
	BH_SLOT_HV = 2,		/* the hypervisor: all rights */
	BH_SLOT_CELL = 3,	/* the root cell itself: all rights */
	BH_SLOT_FIRST_DYNAMIC = 4,
};

#endif /* BULKHEAD_CAPS_H */
