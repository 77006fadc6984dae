/* SPDX-License-Identifier: GPL-2.0 */
/* What the console service asks the kernel about cells ("cells-read"). */
#ifndef CONSOLE_QUERY_H
#define CONSOLE_QUERY_H

#include <stdint.h>
#include <bulkhead/caps.h>
#include "kernel.h"

/* Cells a service can see: BH_SVC_SLOT_CELL(0..15) */
#define CON_MAX_CELLS		16
#define CON_NAME_LEN		32

/**
 * struct con_cell - one cell, as CELL_INFO and CELL_NAME tell it
 * @index:	i of its slots BH_SVC_SLOT_CELL(i), BH_SVC_SLOT_CELL_CNODE(i)
 * @id:		cell id
 * @flags:	BH_CELL_ROOT, BH_CELL_SERVICE
 * @state:	BH_CELL_STATE_*
 * @cpus:	bitmap of its CPUs
 * @name:	its name, NUL-terminated; untrusted bytes (print with
 *		con_out_text())
 */
struct con_cell {
	unsigned int index;
	uint32_t id;
	uint32_t flags;
	uint32_t state;
	uint64_t cpus;
	char name[CON_NAME_LEN + 1];
};

/**
 * con_cell_get() - read the cell behind BH_SVC_SLOT_CELL(@index)
 * @k:		the kernel
 * @index:	0..CON_MAX_CELLS-1
 * @c:		filled in
 *
 * Return: 0, or the negative BH_E_* error of CELL_INFO or CELL_NAME
 * (-BH_E_INVALID_CAP: no cell there).
 */
int con_cell_get(const struct con_kernel *k, unsigned int index,
		 struct con_cell *c);

/**
 * con_cell_count() - how many cell slots to look at
 * @k:		the kernel
 *
 * Return: the kernel's number of cells (HV_INFO), or CON_MAX_CELLS
 * without the HV capability.
 */
unsigned int con_cell_count(const struct con_kernel *k);

/**
 * con_cell_by_id() - find a visible cell by id
 * @k:		the kernel
 * @id:		cell id
 * @c:		filled in when found
 *
 * Return: 0, or -1 if no cell the service can see has that id.
 */
int con_cell_by_id(const struct con_kernel *k, uint32_t id,
		   struct con_cell *c);

/**
 * con_cell_lookup() - find a visible cell by the word a user typed
 * @k:		the kernel
 * @arg:	a cell id (decimal or 0x hex) or a cell name
 * @c:		filled in when found
 *
 * A number is taken as an id first, then as a name.
 *
 * Return: 0, or -1 if no visible cell matches.
 */
int con_cell_lookup(const struct con_kernel *k, const char *arg,
		    struct con_cell *c);

#endif /* CONSOLE_QUERY_H */
