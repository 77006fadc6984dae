/* SPDX-License-Identifier: GPL-2.0 */
/* arm64 per-cell state embedded in struct cell: stage-2 tables and VMID. */
#ifndef ASM_CELL_H
#define ASM_CELL_H

#include <core/types.h>
#include <asm/paging.h>

/**
 * struct arch_cell - arm64 part of struct cell
 * @s2:		the cell's stage-2 translation tables
 * @vttbr:	VTTBR_EL2 value: VMID and stage-2 root
 * @vmid:	the cell's VMID (cell id + 1; 0 stays Linux's own)
 */
struct arch_cell {
	struct pgtable s2;
	u64 vttbr;
	u16 vmid;
};

#endif /* ASM_CELL_H */
