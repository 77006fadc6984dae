/* SPDX-License-Identifier: GPL-2.0 */
/* Cell queries of the console service: CELL_INFO and CELL_NAME by slot. */
#include <string.h>
#include <bulkhead/caps_names.h>
#include "query.h"

int con_cell_get(const struct con_kernel *k, unsigned int index,
		 struct con_cell *c)
{
	uint64_t r[4];
	unsigned int i;
	int ret;

	memset(c, 0, sizeof(*c));
	if (index >= CON_MAX_CELLS)
		return -BH_E_RANGE;
	ret = con_invoke(k, BH_SVC_SLOT_CELL(index), BH_LABEL_CELL_INFO, 0,
			 NULL, r);
	if (ret)
		return ret;
	c->index = index;
	c->id = r[0];
	c->flags = r[1];
	c->cpus = r[2];
	c->state = r[3];
	ret = con_invoke(k, BH_SVC_SLOT_CELL(index), BH_LABEL_CELL_NAME, 0,
			 NULL, r);
	if (ret)
		return ret;
	/* NUL padded, little-endian: byte i is in bits 8 * (i % 8) */
	for (i = 0; i < CON_NAME_LEN; i++)
		c->name[i] = r[i / 8] >> (8 * (i % 8));
	c->name[CON_NAME_LEN] = '\0';
	return 0;
}

unsigned int con_cell_count(const struct con_kernel *k)
{
	uint64_t r[4];

	/* Slots past the kernel's cells are empty: asking would be refused */
	if (con_invoke(k, BH_SVC_SLOT_HV, BH_LABEL_HV_INFO, 0, NULL, r) ||
	    r[2] > CON_MAX_CELLS)
		return CON_MAX_CELLS;
	return r[2];
}

int con_cell_by_id(const struct con_kernel *k, uint32_t id,
		   struct con_cell *c)
{
	unsigned int i, n = con_cell_count(k);

	for (i = 0; i < n; i++)
		if (!con_cell_get(k, i, c) && c->id == id)
			return 0;
	return -1;
}

int con_cell_lookup(const struct con_kernel *k, const char *arg,
		    struct con_cell *c)
{
	unsigned int i, n;
	uint64_t id;

	if (!bh_parse_u64(arg, &id) && id <= UINT32_MAX &&
	    !con_cell_by_id(k, id, c))
		return 0;
	n = con_cell_count(k);
	for (i = 0; i < n; i++)
		if (!con_cell_get(k, i, c) && !strcmp(c->name, arg))
			return 0;
	return -1;
}
