/* SPDX-License-Identifier: GPL-2.0 */
/* mgmt's operations on the host, against a model of the kernel's answers. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <bulkhead/bootdesc.h>
#include <bulkhead/caps.h>
#include <bulkhead/rpc.h>
#include <bulkhead/rt.h>
#include <bulkhead/stats.h>
#include "mgmt.h"

#define NSLOTS		32
#define REGION		BH_CHAN_REGION_SIZE(NSLOTS)
#define NCPUS		4

/*
 * The kernel model: four CPUs; cell 0 "root" (CPUs 0, 1, 3), cell 1
 * "console" (a service), cell 5 "guest" (CPU 2, failed).
 */
struct model_cell {
	uint64_t info[4];	/* CELL_INFO: id, flags, cpus, state */
	const char *name;
	uint64_t mem[3][3];	/* CELL_MEM: phys, size, flags */
	int nmem;
	int service;
	uint64_t svc[4];
};

static const struct model_cell model[] = {
	{ { 0, BH_CELL_ROOT, 0xb, BH_CELL_STATE_RUNNING }, "root",
	  { { 0x40000000, 0x30000000, BH_MEM_READ | BH_MEM_WRITE },
	    { 0x09000000, 0x1000, BH_MEM_READ | BH_MEM_IO },
	    { 0x80000000, 0x1000000, BH_MEM_READ } }, 3, 0, { 0 } },
	{ { 1, BH_CELL_SERVICE, 0, BH_CELL_STATE_RUNNING },
	  "console-with-a-very-long-name-xyz",
	  { { 0x7e000000, 0x400000, BH_MEM_READ | BH_MEM_WRITE } }, 1, 1,
	  { 17, 1, 2, 2 } },
	{ { 5, 0, 0x4, BH_CELL_STATE_FAILED }, "guest",
	  { { 0x60000000, 0x8000000, BH_MEM_READ | BH_MEM_WRITE } }, 1, 0,
	  { 0 } },
};

#define NMODEL	(sizeof(model) / sizeof(model[0]))

static uint32_t fail_label;	/* the kernel refuses this label */
static uint64_t stats_cpus;	/* HV_STATS answers CPUs below this */
static unsigned int cell_caps;	/* cells we hold a cap for ("cells-read") */
static unsigned int invokes;
static unsigned int refused;	/* what the kernel would log */
static unsigned int mem_calls;

static void put_string(uint64_t reply[4], const char *s)
{
	char buf[32] = { 0 };
	size_t n = strlen(s);

	/* NUL padded, not terminated when 32 bytes or longer */
	memcpy(buf, s, n < sizeof(buf) ? n : sizeof(buf));
	memcpy(reply, buf, sizeof(buf));
}

static int cell_call(const struct model_cell *c, uint32_t label,
		     unsigned int len, const uint64_t *mr, uint64_t r[4])
{
	switch (label) {
	case BH_LABEL_CELL_INFO:
		memcpy(r, c->info, sizeof(c->info));
		return 0;
	case BH_LABEL_CELL_NAME:
		put_string(r, c->name);
		return 0;
	case BH_LABEL_CELL_MEM:
		if (len < 1)
			return -BH_E_TRUNCATED;
		if (mr[0] >= (uint64_t)c->nmem)
			return -BH_E_RANGE;
		r[0] = c->mem[mr[0]][0];
		r[1] = c->mem[mr[0]][1];
		r[2] = c->mem[mr[0]][2] | (uint64_t)c->nmem << 32;
		r[3] = 0;
		return 0;
	case BH_LABEL_CELL_SERVICE:
		if (!c->service)
			return -BH_E_ILLEGAL_OP;
		memcpy(r, c->svc, sizeof(c->svc));
		return 0;
	}
	return -BH_E_WRONG_TYPE;
}

static int hv_call(uint32_t label, unsigned int len, const uint64_t *mr,
		   uint64_t r[4])
{
	switch (label) {
	case BH_LABEL_HV_INFO:
		r[0] = 7;
		r[1] = NCPUS;
		r[2] = 3;
		r[3] = 0x2000000;
		return 0;
	case BH_LABEL_HV_MEM:
		r[0] = 4096;
		r[1] = 1000;
		r[2] = 0x7c000000;
		r[3] = 0x2000000;
		return 0;
	case BH_LABEL_HV_VERSION:
		put_string(r, "bulkhead 9.9.9-model");
		return 0;
	case BH_LABEL_HV_STATS:
		if (len < 2)
			return -BH_E_TRUNCATED;
		if (mr[0] >= stats_cpus || mr[1] >= BH_EXIT_NR)
			return -BH_E_RANGE;
		r[0] = mr[0] * 1000 + mr[1];
		return 0;
	}
	return -BH_E_WRONG_TYPE;
}

int bh_invoke(uint64_t slot, uint32_t label, unsigned int len,
	      const uint64_t *mr, uint64_t reply[4])
{
	uint64_t r[4] = { 0 };
	unsigned int i;
	int ret;

	invokes++;
	mem_calls += label == BH_LABEL_CELL_MEM;
	if (label == fail_label)
		ret = -BH_E_NO_RIGHTS;
	else if (slot == BH_SVC_SLOT_HV)
		ret = hv_call(label, len, mr, r);
	else if (slot >= BH_SVC_SLOT_CELLS && !(slot & 1) &&
		 (slot - BH_SVC_SLOT_CELLS) / 2 < cell_caps)
		ret = cell_call(&model[(slot - BH_SVC_SLOT_CELLS) / 2], label,
				len, mr, r);
	else
		ret = -BH_E_INVALID_CAP;
	refused += ret != 0;
	if (!ret && reply)
		for (i = 0; i < 4; i++)
			reply[i] = r[i];
	return ret;
}

struct fixture {
	void *mem;
	struct bh_svc_boot boot;
	struct bh_rpc_server srv;
	struct bh_rpc_client cli;
	uint64_t rights;
	unsigned int n;
	struct bh_rpc_hdr hdr[64];
	uint8_t payload[64][BH_RPC_MAX_PAYLOAD];
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));

	assert_non_null(f);
	f->mem = aligned_alloc(BH_CHAN_PAGE_SIZE, REGION);
	assert_non_null(f->mem);
	f->boot.cell_id = 2;
	strcpy(f->boot.name, "mgmt");
	f->boot.generation = 3;
	f->rights = BH_RIGHTS_ALL;
	assert_int_equal(bh_rpc_server_init(&f->srv, f->mem, REGION, NSLOTS,
					    f->boot.generation, mgmt_ops,
					    mgmt_nops, &f->boot), 0);
	assert_int_equal(bh_rpc_client_attach(&f->cli, f->mem, REGION), 0);
	mgmt_ops_init();
	fail_label = 0;
	stats_cpus = NCPUS;
	cell_caps = NMODEL;
	invokes = 0;
	refused = 0;
	mem_calls = 0;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	free(f->mem);
	free(f);
	return 0;
}

static int doorbell(void *ctx, uint64_t op, uint64_t reply[2])
{
	struct fixture *f = ctx;

	bh_rpc_server_doorbell(&f->srv, op, f->rights, 0, reply);
	return 0;
}

static void keep(void *arg, const struct bh_rpc_hdr *hdr,
		 const void *payload)
{
	struct fixture *f = arg;

	assert_true(f->n < 64);
	f->hdr[f->n] = *hdr;
	memcpy(f->payload[f->n], payload, hdr->len);
	f->n++;
}

static int call(struct fixture *f, uint16_t op, uint16_t kind,
		const void *payload, uint32_t len)
{
	f->n = 0;
	return bh_rpc_call(&f->cli, doorbell, f, op, kind, payload, len,
			   keep, f);
}

static void test_table(void **state)
{
	unsigned int i, j;
	int fault = 0, hang = 0;

	(void)state;
	for (i = 0; i < mgmt_nops; i++) {
		for (j = 0; j < i; j++)
			assert_int_not_equal(mgmt_ops[i].op, mgmt_ops[j].op);
		switch (mgmt_ops[i].op) {
		case BH_RPC_OP_HELLO:
			assert_int_equal(mgmt_ops[i].rights, 0);
			break;
		case BH_RPC_OP_TEST_FAULT:
			assert_int_equal(mgmt_ops[i].rights, BH_RIGHT_CONTROL);
			fault = 1;
			break;
		case BH_RPC_OP_TEST_HANG:
			assert_int_equal(mgmt_ops[i].rights, BH_RIGHT_CONTROL);
			hang = 1;
			break;
		default:
			assert_int_equal(mgmt_ops[i].rights, BH_RIGHT_READ);
		}
	}
	assert_int_equal(mgmt_nops, 7);
	assert_true(fault && hang);
}

static void test_hello(void **state)
{
	struct fixture *f = *state;
	struct bh_rpc_hello h;

	f->rights = 0;
	assert_int_equal(call(f, BH_RPC_OP_HELLO, BH_RPC_K_NONE, NULL, 0),
			 BH_RPC_OK);
	assert_int_equal(f->n, 2);
	assert_int_equal(f->hdr[0].kind, BH_RPC_K_HELLO);
	memcpy(&h, f->payload[0], sizeof(h));
	assert_int_equal(h.rpc_version, BH_RPC_VERSION);
	assert_int_equal(h.cell_id, 2);
	assert_string_equal(h.name, "mgmt");
	assert_int_equal(invokes, 0);
}

static void test_version(void **state)
{
	struct fixture *f = *state;
	struct bh_rpc_version v;

	assert_int_equal(call(f, BH_RPC_OP_VERSION, BH_RPC_K_NONE, NULL, 0),
			 BH_RPC_OK);
	assert_int_equal(f->hdr[0].kind, BH_RPC_K_VERSION);
	memcpy(&v, f->payload[0], sizeof(v));
	assert_string_equal(v.kernel, "bulkhead 9.9.9-model");
	assert_string_equal(v.service, "mgmt " BH_VERSION);
	assert_int_equal(v.abi, 7);
	assert_int_equal(v.rpc_version, BH_RPC_VERSION);
}

static void test_read_ops_need_read(void **state)
{
	static const uint16_t ops[] = {
		BH_RPC_OP_VERSION, BH_RPC_OP_INFO, BH_RPC_OP_STATUS,
	};
	struct fixture *f = *state;
	struct bh_rpc_stats_req q = { .cpu = 0 };
	unsigned int i;

	f->rights = BH_RIGHTS_ALL & ~BH_RIGHT_READ;
	for (i = 0; i < 3; i++) {
		assert_int_equal(call(f, ops[i], BH_RPC_K_NONE, NULL, 0),
				 BH_RPC_EPERM);
		assert_int_equal(f->n, 1);
		assert_int_equal(f->hdr[0].kind, BH_RPC_K_TEXT);
	}
	assert_int_equal(call(f, BH_RPC_OP_STATS, BH_RPC_K_STATS_REQ, &q,
			      sizeof(q)), BH_RPC_EPERM);
	/* refused before the kernel was asked anything */
	assert_int_equal(invokes, 0);

	/* TEST_FAULT needs CONTROL; READ|WRITE|GRANT is not enough */
	f->rights = BH_RIGHT_READ | BH_RIGHT_WRITE | BH_RIGHT_GRANT;
	assert_int_equal(call(f, BH_RPC_OP_TEST_FAULT, BH_RPC_K_NONE, NULL, 0),
			 BH_RPC_EPERM);
	assert_memory_equal(f->payload[0], "needs CONTROL on the endpoint",
			    29);
	/* console's ops are not mgmt's */
	assert_int_equal(call(f, BH_RPC_OP_SHELL, BH_RPC_K_TEXT, "help", 4),
			 BH_RPC_ENOSYS);
}

static void test_info(void **state)
{
	struct fixture *f = *state;
	struct bh_rpc_hv hv;

	assert_int_equal(call(f, BH_RPC_OP_INFO, BH_RPC_K_NONE, NULL, 0),
			 BH_RPC_OK);
	assert_int_equal(f->n, 2);
	memcpy(&hv, f->payload[0], sizeof(hv));
	assert_int_equal(hv.abi, 7);
	assert_int_equal(hv.cpus, NCPUS);
	assert_int_equal(hv.cells, 3);
	assert_int_equal(hv.hv_base, 0x7c000000);
	assert_int_equal(hv.hv_size, 0x2000000);
	assert_int_equal(hv.pool_pages, 4096);
	assert_int_equal(hv.pool_free, 1000);
	assert_int_equal(hv.reserved, 0);
}

static void test_status(void **state)
{
	static const uint32_t owner[NCPUS] = { 0, 0, 5, 0 };
	static const uint32_t cstate[NCPUS] = {
		BH_CPU_STATE_RUNNING, BH_CPU_STATE_RUNNING,
		BH_CPU_STATE_STOPPED, BH_CPU_STATE_RUNNING,
	};
	struct fixture *f = *state;
	struct bh_rpc_cpu cpu;
	struct bh_rpc_cell c;
	unsigned int i;

	assert_int_equal(call(f, BH_RPC_OP_STATUS, BH_RPC_K_NONE, NULL, 0),
			 BH_RPC_OK);
	/* HV, four CPUs, three cells, final */
	assert_int_equal(f->n, 1 + NCPUS + 3 + 1);
	assert_int_equal(f->hdr[0].kind, BH_RPC_K_HV);
	for (i = 0; i < NCPUS; i++) {
		assert_int_equal(f->hdr[1 + i].kind, BH_RPC_K_CPU);
		memcpy(&cpu, f->payload[1 + i], sizeof(cpu));
		assert_int_equal(cpu.index, i);
		assert_int_equal(cpu.cell, owner[i]);
		assert_int_equal(cpu.state, cstate[i]);
		assert_true(cpu.mpidr == BH_RPC_MPIDR_UNKNOWN);
	}
	for (i = 0; i < 3; i++)
		assert_int_equal(f->hdr[1 + NCPUS + i].kind, BH_RPC_K_CELL);

	memcpy(&c, f->payload[1 + NCPUS], sizeof(c));
	assert_int_equal(c.id, 0);
	assert_int_equal(c.flags, BH_CELL_ROOT);
	assert_int_equal(c.cpus, 0xb);
	assert_string_equal(c.name, "root");
	/* device memory does not count */
	assert_int_equal(c.mem_bytes, 0x30000000 + 0x1000000);
	assert_int_equal(c.calls, 0);
	assert_int_equal(c.starts, 0);

	memcpy(&c, f->payload[2 + NCPUS], sizeof(c));
	assert_int_equal(c.id, 1);
	assert_int_equal(c.flags, BH_CELL_SERVICE);
	assert_int_equal(c.mem_bytes, 0x400000);
	assert_int_equal(c.calls, 17);
	assert_int_equal(c.faults, 1);
	assert_int_equal(c.overruns, 2);
	assert_int_equal(c.starts, 2);
	/* a name of 32 bytes and more is cut and terminated */
	assert_int_equal(strlen(c.name), BH_RPC_NAME_LEN - 1);
	assert_memory_equal(c.name, "console-with-a-very-long-name-x", 31);

	memcpy(&c, f->payload[3 + NCPUS], sizeof(c));
	assert_int_equal(c.id, 5);
	assert_int_equal(c.state, BH_CELL_STATE_FAILED);
	assert_string_equal(c.name, "guest");
}

/* No refused invocations: the kernel logs those, from a small budget */
static void test_status_refusals(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(call(f, BH_RPC_OP_STATUS, BH_RPC_K_NONE, NULL, 0),
			 BH_RPC_OK);
	/* each cell's regions, counted by the replies, nothing past them */
	assert_int_equal(refused, 0);
	assert_int_equal(mem_calls, 3 + 1 + 1);
	assert_int_equal(call(f, BH_RPC_OP_STATUS, BH_RPC_K_NONE, NULL, 0),
			 BH_RPC_OK);
	assert_int_equal(refused, 0);
	assert_int_equal(mem_calls, 2 * (3 + 1 + 1));
	assert_int_equal(f->n, 1 + NCPUS + NMODEL + 1);

	/* without "cells-read": no cells, CPUs owned by nobody */
	cell_caps = 0;
	refused = 0;
	assert_int_equal(call(f, BH_RPC_OP_STATUS, BH_RPC_K_NONE, NULL, 0),
			 BH_RPC_OK);
	assert_int_equal(f->n, 1 + NCPUS + 1);
	assert_int_equal(refused, 1);
	assert_int_equal(((struct bh_rpc_cpu *)f->payload[1])->cell,
			 BH_CELL_NONE);
	assert_int_equal(((struct bh_rpc_cpu *)f->payload[1])->state,
			 BH_CPU_STATE_OFFLINE);
}

static void test_status_kernel_error(void **state)
{
	static const uint32_t labels[] = {
		BH_LABEL_HV_INFO, BH_LABEL_HV_MEM, BH_LABEL_CELL_INFO,
		BH_LABEL_CELL_NAME, BH_LABEL_CELL_MEM, BH_LABEL_CELL_SERVICE,
	};
	struct fixture *f = *state;
	unsigned int i;

	for (i = 0; i < sizeof(labels) / sizeof(labels[0]); i++) {
		fail_label = labels[i];
		assert_int_equal(call(f, BH_RPC_OP_STATUS, BH_RPC_K_NONE,
				      NULL, 0), BH_RPC_EIO);
		/* all or nothing: only the final message */
		assert_int_equal(f->n, 1);
	}
	fail_label = BH_LABEL_HV_VERSION;
	assert_int_equal(call(f, BH_RPC_OP_VERSION, BH_RPC_K_NONE, NULL, 0),
			 BH_RPC_EIO);
	fail_label = BH_LABEL_HV_MEM;
	assert_int_equal(call(f, BH_RPC_OP_INFO, BH_RPC_K_NONE, NULL, 0),
			 BH_RPC_EIO);
}

static void test_stats(void **state)
{
	struct fixture *f = *state;
	struct bh_rpc_stats_req q = { .cpu = 2 };
	struct bh_rpc_stats st;
	unsigned int i, r;

	assert_int_equal(call(f, BH_RPC_OP_STATS, BH_RPC_K_STATS_REQ, &q,
			      sizeof(q)), BH_RPC_OK);
	assert_int_equal(f->n, 2);
	memcpy(&st, f->payload[0], sizeof(st));
	assert_int_equal(st.cpu, 2);
	assert_int_equal(st.nr, BH_EXIT_NR);
	for (r = 0; r < BH_EXIT_NR; r++)
		assert_int_equal(st.count[r], 2000 + r);
	for (; r < BH_RPC_MAX_REASONS; r++)
		assert_int_equal(st.count[r], 0);

	q.cpu = BH_RPC_ALL_CPUS;
	assert_int_equal(call(f, BH_RPC_OP_STATS, BH_RPC_K_STATS_REQ, &q,
			      sizeof(q)), BH_RPC_OK);
	assert_int_equal(f->n, NCPUS + 1);
	for (i = 0; i < NCPUS; i++) {
		memcpy(&st, f->payload[i], sizeof(st));
		assert_int_equal(st.cpu, i);
		assert_int_equal(st.count[1], i * 1000 + 1);
	}
}

static void test_stats_bad_requests(void **state)
{
	struct fixture *f = *state;
	struct bh_rpc_stats_req q = { .cpu = NCPUS };

	assert_int_equal(call(f, BH_RPC_OP_STATS, BH_RPC_K_STATS_REQ, &q,
			      sizeof(q)), BH_RPC_ERANGE);
	assert_int_equal(f->n, 1);
	q.cpu = 0xfffffffe;
	assert_int_equal(call(f, BH_RPC_OP_STATS, BH_RPC_K_STATS_REQ, &q,
			      sizeof(q)), BH_RPC_ERANGE);
	/* mgmt checks against HV_INFO itself ... */
	stats_cpus = 8;
	q.cpu = 5;
	assert_int_equal(call(f, BH_RPC_OP_STATS, BH_RPC_K_STATS_REQ, &q,
			      sizeof(q)), BH_RPC_ERANGE);
	/* ... and passes on the kernel's RANGE */
	stats_cpus = 2;
	q.cpu = 3;
	assert_int_equal(call(f, BH_RPC_OP_STATS, BH_RPC_K_STATS_REQ, &q,
			      sizeof(q)), BH_RPC_ERANGE);
	q.cpu = BH_RPC_ALL_CPUS;
	assert_int_equal(call(f, BH_RPC_OP_STATS, BH_RPC_K_STATS_REQ, &q,
			      sizeof(q)), BH_RPC_ERANGE);
	/* two CPUs answered before the third was refused */
	assert_int_equal(f->n, 3);
	stats_cpus = NCPUS;
	q.cpu = 0;
	q.reserved = 1;
	assert_int_equal(call(f, BH_RPC_OP_STATS, BH_RPC_K_STATS_REQ, &q,
			      sizeof(q)), BH_RPC_EBADMSG);
	/* no payload */
	assert_int_equal(call(f, BH_RPC_OP_STATS, BH_RPC_K_NONE, NULL, 0),
			 BH_RPC_EBADMSG);
	q.reserved = 0;
	fail_label = BH_LABEL_HV_STATS;
	assert_int_equal(call(f, BH_RPC_OP_STATS, BH_RPC_K_STATS_REQ, &q,
			      sizeof(q)), BH_RPC_EIO);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_table),
		T(test_hello),
		T(test_version),
		T(test_read_ops_need_read),
		T(test_info),
		T(test_status),
		T(test_status_refusals),
		T(test_status_kernel_error),
		T(test_stats),
		T(test_stats_bad_requests),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
