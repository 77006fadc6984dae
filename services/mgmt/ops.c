/* SPDX-License-Identifier: GPL-2.0 */
/* The management service's operations: version, info, status, statistics. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <bulkhead/bootdesc.h>
#include <bulkhead/caps.h>
#include <bulkhead/rpc.h>
#include <bulkhead/rt.h>
#include <bulkhead/stats.h>
#include "mgmt.h"

#define NR_REASONS	(BH_EXIT_NR < BH_RPC_MAX_REASONS ? BH_EXIT_NR : \
			 BH_RPC_MAX_REASONS)

/* What STATUS gathers before it sends anything: all or nothing */
static struct bh_rpc_cell cells[BH_MAX_CELLS];

void mgmt_ops_init(void)
{
}

static int hv_call(uint32_t label, unsigned int len, const uint64_t *mr,
		   uint64_t reply[4])
{
	return bh_invoke(BH_SVC_SLOT_HV, label, len, mr, reply);
}

/* A string the kernel returns in four registers, NUL padded */
static void reg_string(char *dst, const uint64_t reply[4])
{
	memcpy(dst, reply, 4 * sizeof(uint64_t));
	dst[4 * sizeof(uint64_t) - 1] = '\0';
}

_Static_assert(BH_RPC_NAME_LEN == 4 * sizeof(uint64_t),
	       "a name is the four reply registers");

static int32_t op_hello(struct bh_rpc_server *s,
			const struct bh_rpc_request *req)
{
	const struct bh_svc_boot *boot = bh_rpc_server_ctx(s);
	struct bh_rpc_hello h = {
		.rpc_version = BH_RPC_VERSION,
		.cell_id = boot->cell_id,
	};

	(void)req;
	memcpy(h.name, boot->name, sizeof(h.name));
	h.name[sizeof(h.name) - 1] = '\0';
	return bh_rpc_reply(s, BH_RPC_K_HELLO, &h, sizeof(h));
}

static int32_t op_version(struct bh_rpc_server *s,
			  const struct bh_rpc_request *req)
{
	struct bh_rpc_version v = { .rpc_version = BH_RPC_VERSION };
	uint64_t r[4];

	(void)req;
	if (hv_call(BH_LABEL_HV_VERSION, 0, NULL, r))
		return BH_RPC_EIO;
	reg_string(v.kernel, r);
	if (hv_call(BH_LABEL_HV_INFO, 0, NULL, r))
		return BH_RPC_EIO;
	v.abi = r[0];
	snprintf(v.service, sizeof(v.service), "mgmt %s", BH_VERSION);
	return bh_rpc_reply(s, BH_RPC_K_VERSION, &v, sizeof(v));
}

static int get_hv(struct bh_rpc_hv *hv)
{
	uint64_t r[4];

	memset(hv, 0, sizeof(*hv));
	if (hv_call(BH_LABEL_HV_INFO, 0, NULL, r))
		return BH_RPC_EIO;
	hv->abi = r[0];
	hv->cpus = r[1];
	hv->cells = r[2];
	hv->hv_size = r[3];
	if (hv_call(BH_LABEL_HV_MEM, 0, NULL, r))
		return BH_RPC_EIO;
	hv->pool_pages = r[0];
	hv->pool_free = r[1];
	hv->hv_base = r[2];
	return BH_RPC_OK;
}

static int32_t op_info(struct bh_rpc_server *s,
		       const struct bh_rpc_request *req)
{
	struct bh_rpc_hv hv;
	int32_t ret;

	(void)req;
	ret = get_hv(&hv);
	if (ret)
		return ret;
	return bh_rpc_reply(s, BH_RPC_K_HV, &hv, sizeof(hv));
}

/*
 * RAM given to a cell: its regions without device memory. Each reply
 * carries the number of regions (mr2 bits 32..63), so the walk ends
 * without a refused invocation.
 */
static int cell_mem(uint64_t slot, uint64_t *bytes)
{
	uint64_t r[4], i, n = 1;
	int ret;

	*bytes = 0;
	for (i = 0; i < n && i < BH_MAX_MEM_REGIONS; i++) {
		ret = bh_invoke(slot, BH_LABEL_CELL_MEM, 1, &i, r);
		if (ret == -BH_E_RANGE && i == 0)
			return 0;	/* a cell without memory */
		if (ret)
			return ret;
		n = r[2] >> 32;
		if (!(r[2] & BH_MEM_IO))
			*bytes += r[1];
	}
	return 0;
}

static int get_cell(unsigned int i, struct bh_rpc_cell *c)
{
	uint64_t slot = BH_SVC_SLOT_CELL(i), r[4];
	int ret;

	memset(c, 0, sizeof(*c));
	ret = bh_invoke(slot, BH_LABEL_CELL_INFO, 0, NULL, r);
	if (ret)
		return ret;
	c->id = r[0];
	c->flags = r[1];
	c->cpus = r[2];
	c->state = r[3];
	ret = bh_invoke(slot, BH_LABEL_CELL_NAME, 0, NULL, r);
	if (ret)
		return ret;
	reg_string(c->name, r);
	ret = cell_mem(slot, &c->mem_bytes);
	if (ret)
		return ret;
	if (!(c->flags & BH_CELL_SERVICE))
		return 0;
	ret = bh_invoke(slot, BH_LABEL_CELL_SERVICE, 0, NULL, r);
	if (ret == -BH_E_ILLEGAL_OP)	/* a service without an image */
		return 0;
	if (ret)
		return ret;
	c->calls = r[0];
	c->faults = r[1];
	c->overruns = r[2];
	c->starts = r[3];
	return 0;
}

/*
 * Cell i's capability is in BH_SVC_SLOT_CELL(i) for each of the kernel's
 * cells ("cells-read"); without them (an empty slot) there are none.
 */
static int get_cells(uint32_t nr, unsigned int *n)
{
	int ret;

	for (*n = 0; *n < nr && *n < BH_MAX_CELLS; (*n)++) {
		ret = get_cell(*n, &cells[*n]);
		if (ret == -BH_E_INVALID_CAP)
			break;
		if (ret)
			return BH_RPC_EIO;
	}
	return BH_RPC_OK;
}

static void get_cpu(unsigned int index, unsigned int ncells,
		    struct bh_rpc_cpu *cpu)
{
	unsigned int i;

	memset(cpu, 0, sizeof(*cpu));
	cpu->index = index;
	cpu->cell = BH_CELL_NONE;
	cpu->mpidr = BH_RPC_MPIDR_UNKNOWN;
	cpu->state = BH_CPU_STATE_OFFLINE;
	for (i = 0; i < ncells; i++) {
		if (!(cells[i].cpus & (1ULL << index)))
			continue;
		cpu->cell = cells[i].id;
		cpu->state = cells[i].state == BH_CELL_STATE_FAILED ?
			     BH_CPU_STATE_STOPPED : BH_CPU_STATE_RUNNING;
		return;
	}
}

static int32_t op_status(struct bh_rpc_server *s,
			 const struct bh_rpc_request *req)
{
	struct bh_rpc_hv hv;
	struct bh_rpc_cpu cpu;
	unsigned int i, ncells;
	int32_t ret;

	(void)req;
	ret = get_hv(&hv);
	if (!ret)
		ret = get_cells(hv.cells, &ncells);
	if (ret)
		return ret;

	ret = bh_rpc_reply(s, BH_RPC_K_HV, &hv, sizeof(hv));
	for (i = 0; !ret && i < hv.cpus && i < BH_MAX_CPUS; i++) {
		get_cpu(i, ncells, &cpu);
		ret = bh_rpc_reply(s, BH_RPC_K_CPU, &cpu, sizeof(cpu));
	}
	for (i = 0; !ret && i < ncells; i++)
		ret = bh_rpc_reply(s, BH_RPC_K_CELL, &cells[i],
				   sizeof(cells[i]));
	return ret;
}

static int32_t send_stats(struct bh_rpc_server *s, uint32_t cpu)
{
	struct bh_rpc_stats st = { .cpu = cpu, .nr = NR_REASONS };
	uint64_t mr[2] = { cpu, 0 }, r[4];
	int ret;

	for (mr[1] = 0; mr[1] < NR_REASONS; mr[1]++) {
		ret = hv_call(BH_LABEL_HV_STATS, 2, mr, r);
		if (ret == -BH_E_RANGE)
			return BH_RPC_ERANGE;
		if (ret)
			return BH_RPC_EIO;
		st.count[mr[1]] = r[0];
	}
	return bh_rpc_reply(s, BH_RPC_K_STATS, &st, sizeof(st));
}

static int32_t op_stats(struct bh_rpc_server *s,
			const struct bh_rpc_request *req)
{
	struct bh_rpc_stats_req q;
	uint64_t r[4];
	uint32_t cpu;
	int32_t ret;

	memcpy(&q, req->payload, sizeof(q));
	if (q.reserved)
		return BH_RPC_EBADMSG;
	if (hv_call(BH_LABEL_HV_INFO, 0, NULL, r))
		return BH_RPC_EIO;
	if (q.cpu != BH_RPC_ALL_CPUS)
		return q.cpu < r[1] ? send_stats(s, q.cpu) : BH_RPC_ERANGE;

	ret = BH_RPC_OK;
	for (cpu = 0; !ret && cpu < r[1]; cpu++)
		ret = send_stats(s, cpu);
	return ret;
}

#ifdef BH_TEST_HOOKS
/* Read at run time, so the store below is a real access to page 0 */
static volatile uintptr_t fault_address;

static int32_t op_test_fault(struct bh_rpc_server *s,
			     const struct bh_rpc_request *req)
{
	(void)s;
	(void)req;
	printf("faulting on request\n");
	fflush(stdout);
	*(volatile uint64_t *)fault_address = 1;
	return BH_RPC_EIO;
}

/* Never returns: the kernel's budget timer stops the service */
static int32_t op_test_hang(struct bh_rpc_server *s,
			    const struct bh_rpc_request *req)
{
	volatile int spin = 1;

	(void)s;
	(void)req;
	printf("spinning on request\n");
	fflush(stdout);
	while (spin)
		;
	return BH_RPC_EIO;
}
#endif

const struct bh_rpc_op mgmt_ops[] = {
	{ BH_RPC_OP_HELLO, BH_RPC_K_NONE, 0, op_hello },
	{ BH_RPC_OP_VERSION, BH_RPC_K_NONE, BH_RIGHT_READ, op_version },
	{ BH_RPC_OP_INFO, BH_RPC_K_NONE, BH_RIGHT_READ, op_info },
	{ BH_RPC_OP_STATUS, BH_RPC_K_NONE, BH_RIGHT_READ, op_status },
	{ BH_RPC_OP_STATS, BH_RPC_K_STATS_REQ, BH_RIGHT_READ, op_stats },
#ifdef BH_TEST_HOOKS
	{ BH_RPC_OP_TEST_FAULT, BH_RPC_K_NONE, BH_RIGHT_CONTROL,
	  op_test_fault },
	{ BH_RPC_OP_TEST_HANG, BH_RPC_K_NONE, BH_RIGHT_CONTROL,
	  op_test_hang },
#endif
};

const unsigned int mgmt_nops = sizeof(mgmt_ops) / sizeof(mgmt_ops[0]);
