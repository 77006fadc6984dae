/* SPDX-License-Identifier: GPL-2.0 */
/* The kernel model behind the console tests: caps, cells, HV, UART. */
#include <string.h>
#include <bulkhead/bootdesc.h>
#include <bulkhead/caps.h>
#include "fake_kernel.h"

static int hv_invoke(struct fake_kernel *fk, uint32_t label,
		     unsigned int len, const uint64_t *mr, uint64_t r[4])
{
	if (!fk->hv)
		return -BH_E_INVALID_CAP;
	switch (label) {
	case BH_LABEL_HV_INFO:
		r[0] = 1;
		r[1] = fk->cpus;
		r[2] = 3;
		r[3] = fk->hv_size;
		return 0;
	case BH_LABEL_HV_STATS:
		if (len < 2)
			return -BH_E_TRUNCATED;
		if (mr[0] >= fk->cpus || mr[1] >= BH_EXIT_NR)
			return -BH_E_RANGE;
		r[0] = fk->stats[mr[0]][mr[1]];
		return 0;
	case BH_LABEL_HV_MEM:
		r[0] = fk->pool_pages;
		r[1] = fk->pool_free;
		r[2] = fk->hv_base;
		r[3] = fk->hv_size;
		return 0;
	}
	return -BH_E_WRONG_TYPE;
}

static int cell_invoke(struct fk_cell *c, uint32_t label, unsigned int len,
		       const uint64_t *mr, uint64_t r[4])
{
	const struct fk_region *m;

	switch (label) {
	case BH_LABEL_CELL_INFO:
		r[0] = c->id;
		r[1] = c->flags;
		r[2] = c->cpus;
		r[3] = c->state;
		return 0;
	case BH_LABEL_CELL_NAME:
		memcpy(r, c->name, 32);
		return 0;
	case BH_LABEL_CELL_MEM:
		if (len < 1)
			return -BH_E_TRUNCATED;
		if (mr[0] >= c->nr_regions)
			return -BH_E_RANGE;
		m = &c->regions[mr[0]];
		r[0] = m->phys;
		r[1] = m->size;
		r[2] = m->flags | (uint64_t)c->nr_regions << 32;
		r[3] = m->ipa;
		return 0;
	case BH_LABEL_CELL_SERVICE:
		if (!c->service)
			return -BH_E_ILLEGAL_OP;
		memcpy(r, c->counters, sizeof(c->counters));
		return 0;
	}
	return -BH_E_WRONG_TYPE;
}

static int cnode_invoke(struct fk_cell *c, uint32_t label, unsigned int len,
			const uint64_t *mr, uint64_t r[4])
{
	if (label != BH_LABEL_CNODE_READ)
		return -BH_E_WRONG_TYPE;
	if (len < 1)
		return -BH_E_TRUNCATED;
	if (mr[0] >= FK_SLOTS)
		return -BH_E_RANGE;
	r[0] = c->slots[mr[0]].type;
	r[1] = c->slots[mr[0]].rights;
	r[2] = c->slots[mr[0]].badge;
	r[3] = c->slots[mr[0]].object;
	return 0;
}

static int uart_invoke(struct fake_kernel *fk, uint32_t label,
		       unsigned int len, const uint64_t *mr, uint64_t r[4])
{
	uint64_t i, n;

	if (!fk->uart)
		return -BH_E_INVALID_CAP;
	if (label == BH_LABEL_UART_READ) {
		n = fk->rx_len - fk->rx_off;
		if (n > BH_UART_MAX_BYTES)
			n = BH_UART_MAX_BYTES;
		r[0] = n;
		for (i = 0; i < n; i++)
			r[1 + i / 8] |= (uint64_t)fk->rx[fk->rx_off++] <<
					(8 * (i % 8));
		return 0;
	}
	if (label != BH_LABEL_UART_WRITE)
		return -BH_E_WRONG_TYPE;
	if (len < 1)
		return -BH_E_TRUNCATED;
	n = mr[0];
	if (!n || n > BH_UART_MAX_BYTES)
		return -BH_E_INVALID_ARGUMENT;
	if (len < 1 + (n + 7) / 8)
		return -BH_E_TRUNCATED;
	for (i = 0; i < n && fk->tx_len < sizeof(fk->tx); i++)
		fk->tx[fk->tx_len++] = mr[1 + i / 8] >> (8 * (i % 8));
	fk->uart_writes++;
	return 0;
}

static int fk_invoke_one(struct fake_kernel *fk, uint64_t slot,
			 uint32_t label, unsigned int len, const uint64_t *mr,
			 uint64_t reply[4])
{
	struct fk_cell *c;
	unsigned int i;

	fk->invokes++;
	if (len > BH_MSG_MAX_MRS)
		return -BH_E_INVALID_ARGUMENT;
	if (fk->fail_label && label == fk->fail_label)
		return fk->fail_err;
	if (slot == BH_SVC_SLOT_HV)
		return hv_invoke(fk, label, len, mr, reply);
	if (slot == BH_SVC_SLOT_UART) {
		if (label == BH_LABEL_CAP_IDENTIFY && fk->uart) {
			reply[0] = BH_OBJ_UART;
			return 0;
		}
		return uart_invoke(fk, label, len, mr, reply);
	}
	if (slot < BH_SVC_SLOT_CELLS || slot >= BH_SVC_SLOT_CELL(FK_CELLS))
		return -BH_E_INVALID_CAP;
	i = (slot - BH_SVC_SLOT_CELLS) / 2;
	c = &fk->cells[i];
	if (!c->present)
		return -BH_E_INVALID_CAP;
	if (slot == BH_SVC_SLOT_CELL(i))
		return cell_invoke(c, label, len, mr, reply);
	return cnode_invoke(c, label, len, mr, reply);
}

/* The kernel logs what it refuses: the model counts it */
int fk_invoke(void *ctx, uint64_t slot, uint32_t label, unsigned int len,
	      const uint64_t *mr, uint64_t reply[4])
{
	struct fake_kernel *fk = ctx;
	int ret = fk_invoke_one(fk, slot, label, len, mr, reply);

	fk->refused += ret < 0 && !(fk->fail_label && label == fk->fail_label);
	return ret;
}

struct con_kernel fk_kernel(struct fake_kernel *fk)
{
	return (struct con_kernel){ .invoke = fk_invoke, .ctx = fk };
}

static void add_cell(struct fake_kernel *fk, unsigned int i, uint32_t id,
		     const char *name, uint32_t flags, uint64_t cpus)
{
	struct fk_cell *c = &fk->cells[i];

	c->present = 1;
	c->id = id;
	c->flags = flags;
	c->cpus = cpus;
	c->state = BH_CELL_STATE_RUNNING;
	strncpy(c->name, name, sizeof(c->name));
	c->service = !!(flags & BH_CELL_SERVICE);
	c->slots[1] = (struct fk_cap){ BH_OBJ_CNODE, BH_RIGHTS_ALL, 0, id };
}

void fk_setup(struct fake_kernel *fk)
{
	struct fk_cell *c;
	unsigned int cpu, r;

	memset(fk, 0, sizeof(*fk));
	fk->hv = 1;
	fk->uart = 1;
	fk->cpus = 2;
	fk->pool_pages = 4096;
	fk->pool_free = 1000;
	fk->hv_base = 0x7c000000;
	fk->hv_size = 64ULL << 20;
	for (cpu = 0; cpu < FK_CPUS; cpu++)
		for (r = 0; r < BH_EXIT_NR; r++)
			fk->stats[cpu][r] = 1000 * (cpu + 1) + r;

	add_cell(fk, 0, 0, "root", BH_CELL_ROOT, 0x3);
	c = &fk->cells[0];
	c->nr_regions = 3;
	c->regions[0] = (struct fk_region){ 0x40000000, 512ULL << 20,
					    BH_MEM_READ | BH_MEM_WRITE |
					    BH_MEM_EXEC, 0x40000000 };
	c->regions[1] = (struct fk_region){ 0x60000000, 256ULL << 20,
					    BH_MEM_READ | BH_MEM_WRITE,
					    0x60000000 };
	c->regions[2] = (struct fk_region){ 0x09000000, 4096,
					    BH_MEM_READ | BH_MEM_WRITE |
					    BH_MEM_IO, 0x09000000 };
	c->slots[2] = (struct fk_cap){ BH_OBJ_HV, BH_RIGHTS_ALL, 0, 0 };
	c->slots[3] = (struct fk_cap){ BH_OBJ_CELL, BH_RIGHTS_ALL, 0, 0 };
	c->slots[4] = (struct fk_cap){ BH_OBJ_CPU, BH_RIGHT_READ, 0, 1 };
	c->slots[5] = (struct fk_cap){ BH_OBJ_MEMORY,
				       BH_RIGHT_READ | BH_RIGHT_WRITE, 0,
				       0x40000000 };
	c->slots[6] = (struct fk_cap){ BH_OBJ_IRQ, BH_RIGHT_READ, 0, 32 };
	c->slots[40] = (struct fk_cap){ BH_OBJ_ENDPOINT,
					BH_RIGHT_READ | BH_RIGHT_WRITE,
					0xbad6e, 1 };

	add_cell(fk, 1, 1, "console", BH_CELL_SERVICE, 0);
	c = &fk->cells[1];
	c->nr_regions = 1;
	c->regions[0] = (struct fk_region){ 0x74000000, 16ULL << 20,
					    BH_MEM_READ | BH_MEM_WRITE |
					    BH_MEM_EXEC, 0x40000000 };
	c->counters[0] = 17;
	c->counters[1] = 1;
	c->counters[2] = 2;
	c->counters[3] = 4;
	c->slots[4] = (struct fk_cap){ BH_OBJ_UART,
				       BH_RIGHT_READ | BH_RIGHT_WRITE, 0, 0 };

	add_cell(fk, 2, 2, "mgmt", BH_CELL_SERVICE, 0);
	c = &fk->cells[2];
	c->nr_regions = 1;
	c->regions[0] = (struct fk_region){ 0x75000000, 8ULL << 20,
					    BH_MEM_READ | BH_MEM_WRITE |
					    BH_MEM_EXEC, 0x40000000 };
	c->counters[3] = 1;
}

void fk_uart_type(struct fake_kernel *fk, const char *s, size_t n)
{
	if (n > sizeof(fk->rx) - fk->rx_len)
		n = sizeof(fk->rx) - fk->rx_len;
	memcpy(fk->rx + fk->rx_len, s, n);
	fk->rx_len += n;
}
