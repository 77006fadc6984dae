/* SPDX-License-Identifier: GPL-2.0 */
/* Unit tests of what service cells get and the labels they use (issue 3). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <setjmp.h>
#include <cmocka.h>

#include <core/service.h>
#include "fixture.h"

static struct cspace *svc_cs(void)
{
	return &fx_cell[1].cspace;
}

/* Invoke from the service cell's cspace, as the service would */
static int svc_invoke(u64 slot, u32 label, unsigned int len, u64 mr0,
		      u64 mr1, u64 mr2, u64 mr3, struct bh_reply *out)
{
	const struct bh_invocation in = {
		.slot = slot,
		.info = bh_msginfo(label, len),
		.mr = { mr0, mr1, mr2, mr3 },
	};

	return caps_invoke_cell(&fx_cpu[0], &fx_cell[1], &in, out);
}

static void test_initial_caps(void **state)
{
	const struct cspace *cs = svc_cs();
	unsigned int i;

	(void)state;
	caps_init_service(&fx_cell[1], 0);
	for (i = BH_SVC_SLOT_HV; i < BH_CNODE_SLOTS; i++)
		assert_int_equal(cs->slots[i].type, BH_OBJ_NULL);

	caps_init_service(&fx_cell[1], BH_SVC_CAP_ALL);
	assert_int_equal(cs->slots[BH_SVC_SLOT_CNODE].type, BH_OBJ_CNODE);
	assert_int_equal(cs->slots[BH_SVC_SLOT_ENDPOINT].rights,
			 BH_RIGHT_READ);
	assert_int_equal(cs->slots[BH_SVC_SLOT_HV].type, BH_OBJ_HV);
	assert_int_equal(cs->slots[BH_SVC_SLOT_HV].rights, BH_RIGHT_READ);
	assert_int_equal(cs->slots[BH_SVC_SLOT_UART].type, BH_OBJ_UART);
	for (i = 0; i < FX_CELLS; i++) {
		const struct cap *cell = &cs->slots[BH_SVC_SLOT_CELL(i)];
		const struct cap *cn = &cs->slots[BH_SVC_SLOT_CELL_CNODE(i)];

		assert_int_equal(cell->type, BH_OBJ_CELL);
		assert_ptr_equal(cell->obj, &fx_cell[i]);
		assert_int_equal(cell->rights, BH_RIGHT_READ);
		assert_int_equal(cn->type, BH_OBJ_CNODE);
		assert_ptr_equal(cn->obj, &fx_cell[i].cspace);
		assert_int_equal(cn->rights, BH_RIGHT_READ);
	}
	/* nothing else, and the grant area is free */
	for (i = BH_SVC_SLOT_CELL(FX_CELLS); i < BH_CNODE_SLOTS; i++)
		assert_int_equal(cs->slots[i].type, BH_OBJ_NULL);

	/* read-only: no disable, no mint through the other cells' CNodes */
	caps_init_service(&fx_cell[1], BH_SVC_CAP_HV_READ |
			  BH_SVC_CAP_CELLS_READ);
	assert_int_equal(cs->slots[BH_SVC_SLOT_UART].type, BH_OBJ_NULL);
}

static void test_read_only(void **state)
{
	struct bh_reply out;

	(void)state;
	caps_init_service(&fx_cell[1], BH_SVC_CAP_ALL);
	assert_int_equal(svc_invoke(BH_SVC_SLOT_HV, BH_LABEL_HV_DISABLE, 0,
				    0, 0, 0, 0, &out), BH_E_NO_RIGHTS);
	assert_int_equal(fx_disable_calls, 0);
	assert_int_equal(svc_invoke(BH_SVC_SLOT_CELL_CNODE(0),
				    BH_LABEL_CNODE_MINT, 3, BH_SLOT_HV, 20,
				    BH_RIGHTS_ALL, 0, &out), BH_E_NO_RIGHTS);
	assert_int_equal(svc_invoke(BH_SVC_SLOT_CELL(0), BH_LABEL_CELL_EMULATE,
				    3, 0x9000000, 0x1000, BH_SVC_SLOT_ENDPOINT,
				    0, &out), BH_E_NO_RIGHTS);
}

/* The console service lists a cell's capabilities through its CNode */
static void test_cnode_read(void **state)
{
	struct bh_reply out;

	(void)state;
	caps_init_service(&fx_cell[1], BH_SVC_CAP_CELLS_READ);
	assert_int_equal(svc_invoke(BH_SVC_SLOT_CELL_CNODE(0),
				    BH_LABEL_CNODE_READ, 1, FX_SLOT_MEM2, 0,
				    0, 0, &out), BH_E_OK);
	assert_int_equal(out.mr[0], BH_OBJ_MEMORY);
	assert_int_equal(out.mr[1], BH_RIGHTS_ALL);
	assert_int_equal(out.mr[3], fx_mem[2].phys);
	assert_int_equal(svc_invoke(BH_SVC_SLOT_CELL_CNODE(0),
				    BH_LABEL_CNODE_READ, 1, FX_SLOT_EP1, 0, 0,
				    0, &out), BH_E_OK);
	assert_int_equal(out.mr[0], BH_OBJ_ENDPOINT);
	assert_int_equal(out.mr[3], 1);
	assert_int_equal(svc_invoke(BH_SVC_SLOT_CELL_CNODE(0),
				    BH_LABEL_CNODE_READ, 1, BH_SLOT_CNODE, 0,
				    0, 0, &out), BH_E_OK);
	assert_int_equal(out.mr[0], BH_OBJ_CNODE);
	assert_int_equal(out.mr[3], 0);
	/* the service's own CNode names cell 1 */
	assert_int_equal(svc_invoke(BH_SVC_SLOT_CELL_CNODE(1),
				    BH_LABEL_CNODE_READ, 1, BH_SVC_SLOT_CNODE,
				    0, 0, 0, &out), BH_E_OK);
	assert_int_equal(out.mr[3], 1);
	/* empty slot: type null; out of range: refused */
	assert_int_equal(svc_invoke(BH_SVC_SLOT_CELL_CNODE(0),
				    BH_LABEL_CNODE_READ, 1, FX_SLOT_FREE, 0, 0,
				    0, &out), BH_E_OK);
	assert_int_equal(out.mr[0], BH_OBJ_NULL);
	assert_int_equal(svc_invoke(BH_SVC_SLOT_CELL_CNODE(0),
				    BH_LABEL_CNODE_READ, 1, BH_CNODE_SLOTS, 0,
				    0, 0, &out), BH_E_RANGE);
}

static void test_cell_labels(void **state)
{
	struct bh_reply out;

	(void)state;
	assert_int_equal(fx_invoke(BH_SLOT_CELL, BH_LABEL_CELL_NAME, 0, 0, 0,
				   0, 0, &out), BH_E_OK);
	assert_string_equal((const char *)out.mr, "root");
	assert_int_equal(fx_invoke(BH_SLOT_CELL, BH_LABEL_CELL_MEM, 1, 1, 0, 0,
				   0, &out), BH_E_OK);
	assert_int_equal(out.mr[0], fx_mem[2].phys);
	assert_int_equal(out.mr[1], fx_mem[2].size);
	assert_int_equal(out.mr[2], fx_mem[2].flags | 2UL << 32);
	assert_int_equal(out.mr[3], fx_mem[2].ipa);
	assert_int_equal(fx_invoke(BH_SLOT_CELL, BH_LABEL_CELL_MEM, 1, 2, 0, 0,
				   0, &out), BH_E_RANGE);
	/* the root is no service */
	assert_int_equal(fx_invoke(BH_SLOT_CELL, BH_LABEL_CELL_SERVICE, 0, 0,
				   0, 0, 0, &out), BH_E_ILLEGAL_OP);
	fx_service.calls = 7;
	fx_service.faults = 1;
	fx_service.overruns = 2;
	fx_service.inits = 4;
	caps_init_service(&fx_cell[1], BH_SVC_CAP_CELLS_READ);
	assert_int_equal(svc_invoke(BH_SVC_SLOT_CELL(1), BH_LABEL_CELL_SERVICE,
				    0, 0, 0, 0, 0, &out), BH_E_OK);
	assert_int_equal(out.mr[0], 7);
	assert_int_equal(out.mr[1], 1);
	assert_int_equal(out.mr[2], 2);
	assert_int_equal(out.mr[3], 4);
}

static void test_emulate(void **state)
{
	struct bh_reply out;

	(void)state;
	assert_int_equal(fx_invoke(BH_SLOT_CELL, BH_LABEL_CELL_EMULATE, 3,
				   0x9100000, 0x1000, FX_SLOT_EP1, 0, &out),
			 BH_E_OK);
	assert_int_equal(fx_emul_start, 0x9100000);
	assert_int_equal(fx_emul_size, 0x1000);
	assert_ptr_equal(fx_svc_arg, &fx_service);
	/* the endpoint slot must hold an endpoint with WRITE */
	assert_int_equal(fx_invoke(BH_SLOT_CELL, BH_LABEL_CELL_EMULATE, 3,
				   0x9100000, 0x1000, BH_SLOT_HV, 0, &out),
			 BH_E_WRONG_TYPE);
	assert_int_equal(fx_invoke(BH_SLOT_CELL, BH_LABEL_CELL_EMULATE, 3,
				   0x9100000, 0x1000, FX_SLOT_FREE, 0, &out),
			 BH_E_INVALID_CAP);
	assert_int_equal(fx_invoke(BH_SLOT_CELL, BH_LABEL_CELL_EMULATE, 3,
				   0x9100000, 0x1000, BH_CNODE_SLOTS, 0, &out),
			 BH_E_RANGE);
	assert_int_equal(fx_mint(FX_SLOT_EP1, FX_SLOT_FREE, BH_RIGHT_READ, 0),
			 BH_E_OK);
	assert_int_equal(fx_invoke(BH_SLOT_CELL, BH_LABEL_CELL_EMULATE, 3,
				   0x9100000, 0x1000, FX_SLOT_FREE, 0, &out),
			 BH_E_NO_RIGHTS);
}

static void test_hv_and_endpoint(void **state)
{
	struct bh_reply out;

	(void)state;
	assert_int_equal(fx_invoke(BH_SLOT_HV, BH_LABEL_HV_MEM, 0, 0, 0, 0, 0,
				   &out), BH_E_OK);
	assert_int_equal(out.mr[0], 1024);
	assert_int_equal(out.mr[1], 1000);
	assert_int_equal(out.mr[2], 0x70000000);
	assert_int_equal(out.mr[3], FX_HV_SIZE);
	assert_int_equal(fx_invoke(BH_SLOT_HV, BH_LABEL_HV_VERSION, 0, 0, 0, 0,
				   0, &out), BH_E_OK);
	assert_string_equal((const char *)out.mr, "bulkhead test");
	fx_service.root_phys = 0x74ff0000;
	fx_service.inits = 3;
	assert_int_equal(fx_invoke(FX_SLOT_EP1, BH_LABEL_EP_INFO, 0, 0, 0, 0,
				   0, &out), BH_E_OK);
	assert_int_equal(out.mr[0], 0x74ff0000);
	assert_int_equal(out.mr[1], BH_CHAN_REGION_SIZE(64));
	assert_int_equal(out.mr[2], 1);
	assert_int_equal(out.mr[3], 3);
	/* never invoked: the label a delivered access carries */
	assert_int_equal(fx_invoke(FX_SLOT_EP1, BH_LABEL_EP_MMIO, 0, 0, 0, 0,
				   0, &out), BH_E_ILLEGAL_OP);
	/* EP_CALL passes the capability's rights: the caller's authority */
	assert_int_equal(fx_mint(FX_SLOT_EP1, FX_SLOT_FREE,
				 BH_RIGHT_WRITE | BH_RIGHT_GRANT, 0), BH_E_OK);
	assert_int_equal(fx_invoke(FX_SLOT_FREE, BH_LABEL_EP_CALL, 1, 5, 0, 0,
				   0, &out), BH_E_OK);
	assert_int_equal(fx_svc_rights, BH_RIGHT_WRITE | BH_RIGHT_GRANT);
}

static void test_uart(void **state)
{
	struct bh_reply out;

	(void)state;
	caps_init_service(&fx_cell[1], BH_SVC_CAP_UART);
	assert_int_equal(svc_invoke(BH_SVC_SLOT_UART, BH_LABEL_UART_READ, 0, 0,
				    0, 0, 0, &out), BH_E_OK);
	assert_int_equal(out.mr[0], 3);
	assert_memory_equal(&out.mr[1], "abc", 3);
	/* 11 bytes need mr1 and mr2 */
	assert_int_equal(svc_invoke(BH_SVC_SLOT_UART, BH_LABEL_UART_WRITE, 3,
				    11, 0x6f77206f6c6c6568ULL, 0x646c72, 0,
				    &out), BH_E_OK);
	assert_int_equal(fx_uart_written, 11);
	assert_memory_equal(fx_uart_bytes, "hello world", 11);
	assert_int_equal(svc_invoke(BH_SVC_SLOT_UART, BH_LABEL_UART_WRITE, 2,
				    11, 0, 0, 0, &out), BH_E_TRUNCATED);
	assert_int_equal(svc_invoke(BH_SVC_SLOT_UART, BH_LABEL_UART_WRITE, 4,
				    0, 0, 0, 0, &out), BH_E_INVALID_ARGUMENT);
	assert_int_equal(svc_invoke(BH_SVC_SLOT_UART, BH_LABEL_UART_WRITE, 4,
				    BH_UART_MAX_BYTES + 1, 0, 0, 0, &out),
			 BH_E_INVALID_ARGUMENT);
	/* each right alone */
	svc_cs()->slots[BH_SVC_SLOT_UART].rights = BH_RIGHT_READ;
	assert_int_equal(svc_invoke(BH_SVC_SLOT_UART, BH_LABEL_UART_WRITE, 2,
				    1, 'x', 0, 0, &out), BH_E_NO_RIGHTS);
	svc_cs()->slots[BH_SVC_SLOT_UART].rights = BH_RIGHT_WRITE;
	assert_int_equal(svc_invoke(BH_SVC_SLOT_UART, BH_LABEL_UART_READ, 0, 0,
				    0, 0, 0, &out), BH_E_NO_RIGHTS);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_initial_caps, fx_setup),
		cmocka_unit_test_setup(test_read_only, fx_setup),
		cmocka_unit_test_setup(test_cnode_read, fx_setup),
		cmocka_unit_test_setup(test_cell_labels, fx_setup),
		cmocka_unit_test_setup(test_emulate, fx_setup),
		cmocka_unit_test_setup(test_hv_and_endpoint, fx_setup),
		cmocka_unit_test_setup(test_uart, fx_setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
