/* SPDX-License-Identifier: GPL-2.0 */
/* Host stand-in for the arm64 <asm/cell.h>: same names, no stage-2 tables. */
#ifndef ASM_CELL_H
#define ASM_CELL_H

#include <core/types.h>

/* The capability core never looks inside */
struct arch_cell {
	u64 vttbr;
	u16 vmid;
};

#endif /* ASM_CELL_H */
