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
 * message registers. The kernel looks the slot up, checks the object type
 * against the label and the rights the label needs, and only then acts.
 */
typedef uint64_t bh_cptr_t;

#define BH_CNODE_SLOTS		64
#define BH_MSG_MAX_MRS		4

/* Object types */
enum bh_obj_type {
	BH_OBJ_NULL = 0,	/* empty slot */
	BH_OBJ_CNODE,		/* a capability space */
	BH_OBJ_HV,		/* the hypervisor itself: info, stats, disable */
	BH_OBJ_CELL,		/* a cell */
	BH_OBJ_CPU,		/* a physical CPU */
	BH_OBJ_MEMORY,		/* a physical memory range */
	BH_OBJ_IRQ,		/* a shared peripheral interrupt range */
	BH_OBJ_NR
};

/* Rights */
#define BH_RIGHT_READ		(1U << 0)	/* query the object */
#define BH_RIGHT_WRITE		(1U << 1)	/* change the object's state */
#define BH_RIGHT_GRANT		(1U << 2)	/* copy/mint the capability */
#define BH_RIGHT_CONTROL	(1U << 3)	/* lifecycle: disable, destroy */
#define BH_RIGHTS_ALL		0xfU

/*
 * Message info: bits 0..2 length (message registers used, 0..4),
 * bits 3..7 reserved (0), bits 8..31 label, bits 32..63 reserved (0).
 */
#define BH_MSGINFO_LEN_MASK	0x7UL
#define BH_MSGINFO_LABEL_SHIFT	8
#define BH_MSGINFO_LABEL_MASK	0xffffffUL
#define BH_MSGINFO_RSVD_MASK	(~((BH_MSGINFO_LABEL_MASK << \
				    BH_MSGINFO_LABEL_SHIFT) | \
				   BH_MSGINFO_LEN_MASK))

static inline uint64_t bh_msginfo(uint32_t label, unsigned int len)
{
	return ((uint64_t)(label & BH_MSGINFO_LABEL_MASK) <<
		BH_MSGINFO_LABEL_SHIFT) | (len & BH_MSGINFO_LEN_MASK);
}

static inline uint32_t bh_msginfo_label(uint64_t info)
{
	return (info >> BH_MSGINFO_LABEL_SHIFT) & BH_MSGINFO_LABEL_MASK;
}

static inline unsigned int bh_msginfo_len(uint64_t info)
{
	return info & BH_MSGINFO_LEN_MASK;
}

/* Error codes returned in x0 */
enum bh_error {
	BH_E_OK = 0,
	BH_E_INVALID_ARGUMENT,	/* a message register is out of range */
	BH_E_INVALID_CAP,	/* slot out of range or empty */
	BH_E_WRONG_TYPE,	/* label does not apply to this object type */
	BH_E_NO_RIGHTS,		/* the capability lacks a right the label needs */
	BH_E_ILLEGAL_OP,	/* unknown label, or not allowed in this state */
	BH_E_RANGE,		/* index or address outside the object */
	BH_E_TRUNCATED,		/* message shorter than the label needs */
	BH_E_SLOT_OCCUPIED,	/* destination slot is not empty */
	BH_E_BUSY,		/* the object is in use */
	BH_E_NR
};

#define BH_ERROR_NAMES { "ok", "invalid argument", "invalid capability", \
	"wrong object type", "missing right", "illegal operation", \
	"out of range", "truncated message", "slot occupied", "busy" }

/*
 * Invocation labels. Each applies to one object type and needs the rights
 * listed; the message registers (mr0..mr3) and reply registers are
 * documented in docs/abi.md.
 */
enum bh_label {
	/* any type, READ: reply mr0 = type, mr1 = rights, mr2 = badge */
	BH_LABEL_CAP_IDENTIFY = 1,

	/* CNODE */
	BH_LABEL_CNODE_MINT = 0x100,	/* GRANT on the cnode; mr0 src, mr1 dst,
					   mr2 rights mask, mr3 badge */
	BH_LABEL_CNODE_DELETE,		/* WRITE; mr0 slot */

	/* HV */
	BH_LABEL_HV_INFO = 0x200,	/* READ; reply mr0 abi version,
					   mr1 cpus, mr2 cells, mr3 hv size */
	BH_LABEL_HV_STATS,		/* READ; mr0 cpu, mr1 exit reason;
					   reply mr0 count */
	BH_LABEL_HV_DISABLE,		/* CONTROL; tears down the calling CPU */
	BH_LABEL_HV_LOG_READ,		/* READ; reserved for the console
					   service (issue 3) */

	/* CELL */
	BH_LABEL_CELL_INFO = 0x300,	/* READ; reply mr0 cell id, mr1 flags,
					   mr2 cpu bitmap, mr3 state */

	/* CPU */
	BH_LABEL_CPU_INFO = 0x400,	/* READ; reply mr0 logical index,
					   mr1 mpidr, mr2 owning cell, mr3 state */

	/* MEMORY */
	BH_LABEL_MEM_INFO = 0x500,	/* READ; reply mr0 phys, mr1 size,
					   mr2 flags */

	/* IRQ */
	BH_LABEL_IRQ_INFO = 0x600,	/* READ; reply mr0 first, mr1 count */
};

/*
 * Initial capabilities of the root cell, in the manner of seL4's root task:
 * fixed slots first, then one slot per CPU, memory region and SPI range of
 * the root cell, in boot description order, starting at BH_SLOT_FIRST_FREE.
 */
enum bh_root_slot {
	BH_SLOT_NULL = 0,
	BH_SLOT_CNODE = 1,	/* the root's own CNode: all rights */
	BH_SLOT_HV = 2,		/* the hypervisor: all rights */
	BH_SLOT_CELL = 3,	/* the root cell itself: all rights */
	BH_SLOT_FIRST_DYNAMIC = 4,
};

#endif /* BULKHEAD_CAPS_H */
