/* SPDX-License-Identifier: GPL-2.0 */
/* Cells: the partitions the kernel enforces. */
#ifndef CORE_CELL_H
#define CORE_CELL_H

#include <core/types.h>
#include <core/caps.h>		/* struct cspace */
#include <bulkhead/bootdesc.h>
#include <asm/cell.h>		/* struct arch_cell (stage-2 root, VMID) */

struct service;

#define CELL_MAX_MMIO_REGIONS	16
#define NUM_SPIS		988	/* INTIDs 32..1019 */

enum cell_state {
	CELL_RUNNING,
	CELL_FAILED,		/* stopped for misbehaving, awaits the root */
};

/**
 * struct emul_range - guest-physical range a service cell emulates
 * @start:	first IPA
 * @size:	bytes
 * @svc:	the service the accesses go to
 */
struct emul_range {
	u64 start;
	u64 size;
	struct service *svc;
};

struct mmio_region {
	u64 start;
	u64 size;
	void *handler;		/* mmio_handler_t */
	void *arg;
};

/**
 * struct cell - one partition
 * @id:		index in the boot description's cell array
 * @name:	NUL-terminated
 * @flags:	BH_CELL_*
 * @state:	enum cell_state
 * @cpu_set:	bitmap of logical CPU indices owned by this cell
 * @spi_owned:	bitmap of SPIs (bit n = INTID 32 + n) owned by this cell
 * @mem:	the cell's regions, pointing into the kernel's copy of the
 *		boot description
 * @num_mem:	entries in @mem
 * @mmio:	emulated regions, sorted by start, frozen once the cell runs
 * @num_mmio:	entries in @mmio
 * @mmio_frozen: set when the cell starts: no more mmio_region_register()
 * @emul:	ranges delivered to service cells (CELL_EMULATE); an entry
 *		is written once, then published by @num_emul (release), and
 *		stays until the kernel is disabled
 * @num_emul:	entries of @emul published
 * @refused_logged: refused invocations of this cell logged so far (one
 *		cell's mistakes never hide another's: the budget is per cell)
 * @abort_tokens: injected aborts the cell may still have logged now
 *		(a burst, refilled over time: arch_log_abort())
 * @abort_stamp: counter value of the last refill
 * @aborts_unlogged: injected aborts not logged since the last logged one
 * @cspace:	the cell's capabilities
 * @svc:	the service a service cell with an image runs, else NULL
 * @arch:	stage-2 tables and VMID
 */
struct cell {
	u32 id;
	char name[BH_CELL_NAME_LEN];
	u32 flags;
	volatile enum cell_state state;
	u64 cpu_set;
	u64 spi_owned[(NUM_SPIS + 63) / 64];
	const struct bh_bd_mem *mem[BH_MAX_MEM_REGIONS];
	unsigned int num_mem;
	struct mmio_region mmio[CELL_MAX_MMIO_REGIONS];
	unsigned int num_mmio;
	bool mmio_frozen;
	struct emul_range emul[BH_CELL_MAX_EMULATED];
	u32 num_emul;
	u32 refused_logged;
	u32 abort_tokens;
	u64 abort_stamp;
	u64 aborts_unlogged;
	struct cspace cspace;
	struct service *svc;
	struct arch_cell arch;
};

/** cell_by_id() - a cell by index; NULL if none */
struct cell *cell_by_id(unsigned int id);

/** Number of cells in the boot description. */
extern unsigned int num_cells;

/** The root cell (index 0). */
extern struct cell *root_cell;

/**
 * cell_owns_spi() - whether @intid is a shared peripheral interrupt of @cell
 */
static inline bool cell_owns_spi(const struct cell *cell, u32 intid)
{
	u32 n;

	if (intid < 32 || intid > 1019)
		return false;
	n = intid - 32;
	return cell->spi_owned[n / 64] & BIT(n % 64);
}

/**
 * cell_stop() - stop a misbehaving cell, never the kernel
 * @cell:	the cell
 * @why:	one line saying what it did
 *
 * Logs cell, CPU and reason, marks the cell FAILED and parks all its CPUs.
 * Called on the trapping CPU; does not return to the guest if that CPU
 * belongs to @cell.
 */
void cell_stop(struct cell *cell, const char *why);

/**
 * cells_init() - create every cell of a validated boot description
 * @desc:	the kernel's copy of the boot description
 *
 * Fills in name, flags, CPUs, SPIs and memory of each cell and builds its
 * stage 2 (arch_cell_create()). Per-CPU structures must exist.
 * Return: 0 or a negative errno.
 */
int cells_init(const struct bh_bootdesc *desc);

/**
 * cell_mem_find() - the cell's memory region containing [ipa, ipa + size)
 * @cell:	the cell
 * @ipa:	guest physical address
 * @size:	bytes, > 0
 * @flags:	BH_MEM_* bits the region must have
 *
 * Return: the region, or NULL.
 */
const struct bh_bd_mem *cell_mem_find(const struct cell *cell, u64 ipa,
				      u64 size, u32 flags);

/**
 * arch_cell_create() - build the stage-2 tables of a cell
 * @cell:	the cell, with @cell->mem filled in
 *
 * Maps each region at its IPA: Normal write-back, or Device-nGnRE for
 * BH_MEM_IO; execute-never unless BH_MEM_EXEC. Assigns the VMID.
 * Return: 0, -ENOMEM (nothing left allocated), -EINVAL.
 */
int arch_cell_create(struct cell *cell);

#endif /* CORE_CELL_H */
