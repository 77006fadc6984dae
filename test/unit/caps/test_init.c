/* SPDX-License-Identifier: GPL-2.0 */
/* Unit tests of the root cell's initial capabilities. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <setjmp.h>
#include <cmocka.h>

#include "fixture.h"

static void assert_cap(unsigned int slot, u8 type, const void *obj)
{
	const struct cap *cap = fx_slot(slot);

	assert_int_equal(cap->type, type);
	assert_int_equal(cap->rights, BH_RIGHTS_ALL);
	assert_int_equal(cap->badge, 0);
	assert_ptr_equal(cap->obj, obj);
}

static void test_layout(void **state)
{
	static const struct cap empty;
	unsigned int slot;

	(void)state;
	assert_memory_equal(fx_slot(BH_SLOT_NULL), &empty, sizeof(empty));
	assert_cap(BH_SLOT_CNODE, BH_OBJ_CNODE, &fx_cell[0].cspace);
	assert_cap(BH_SLOT_HV, BH_OBJ_HV, NULL);
	assert_cap(BH_SLOT_CELL, BH_OBJ_CELL, &fx_cell[0]);
	/* CPUs 0, 1, 3 (2 is the other cell's), in logical order */
	assert_cap(FX_SLOT_CPU0, BH_OBJ_CPU, &fx_cpu[0]);
	assert_cap(FX_SLOT_CPU1, BH_OBJ_CPU, &fx_cpu[1]);
	assert_cap(FX_SLOT_CPU3, BH_OBJ_CPU, &fx_cpu[3]);
	/* Memory regions 0 and 2, then SPI ranges 0 and 2 */
	assert_cap(FX_SLOT_MEM0, BH_OBJ_MEMORY, &fx_mem[0]);
	assert_cap(FX_SLOT_MEM2, BH_OBJ_MEMORY, &fx_mem[2]);
	assert_cap(FX_SLOT_IRQ0, BH_OBJ_IRQ, &fx_irq[0]);
	assert_cap(FX_SLOT_IRQ2, BH_OBJ_IRQ, &fx_irq[2]);
	assert_cap(FX_SLOT_EP1, BH_OBJ_ENDPOINT, &fx_service);
	for (slot = FX_SLOT_FREE; slot < BH_CNODE_SLOTS; slot++)
		assert_memory_equal(fx_slot(slot), &empty, sizeof(empty));
}

/* Whatever the cspace held before is gone */
static void test_clears_stale(void **state)
{
	unsigned int slot;

	(void)state;
	memset(&fx_cell[0].cspace, 0x5a, sizeof(fx_cell[0].cspace));
	assert_int_equal(caps_init_root(&fx_cell[0]), 0);
	assert_int_equal(fx_slot(0)->type, BH_OBJ_NULL);
	for (slot = FX_SLOT_FREE; slot < BH_CNODE_SLOTS; slot++) {
		assert_int_equal(fx_slot(slot)->type, BH_OBJ_NULL);
		assert_null(fx_slot(slot)->obj);
	}
}

/* Exactly BH_CNODE_SLOTS fit; one more is -ENOMEM and leaves it empty */
static void test_too_many(void **state)
{
	static const struct cspace empty;
	unsigned int fixed = FX_SLOT_FREE - 2, i;
	struct cell *root = &fx_cell[0];

	(void)state;
	/* Fill up with repeats of memory region 0 */
	root->num_mem = BH_CNODE_SLOTS - fixed;
	for (i = 0; i < root->num_mem; i++)
		root->mem[i] = &fx_mem[0];
	assert_int_equal(caps_init_root(root), 0);
	assert_int_equal(fx_slot(BH_CNODE_SLOTS - 1)->type, BH_OBJ_ENDPOINT);
	assert_ptr_equal(fx_slot(BH_CNODE_SLOTS - 1)->obj, &fx_service);

	root->num_mem++;
	root->mem[root->num_mem - 1] = &fx_mem[0];
	assert_int_equal(caps_init_root(root), -ENOMEM);
	assert_memory_equal(&root->cspace, &empty, sizeof(empty));
}

/* A root with only the fixed capabilities */
static void test_minimal_root(void **state)
{
	struct cell *root = &fx_cell[0];

	(void)state;
	root->cpu_set = 0;
	root->num_mem = 0;
	root->id = 5;	/* owns no SPI range */
	fx_cell[1].svc = NULL;	/* no service to call */
	assert_int_equal(caps_init_root(root), 0);
	assert_cap(BH_SLOT_CELL, BH_OBJ_CELL, root);
	assert_int_equal(fx_slot(BH_SLOT_FIRST_DYNAMIC)->type, BH_OBJ_NULL);
}

/* The other cell's view: its own resources only */
static void test_other_cell(void **state)
{
	(void)state;
	assert_int_equal(caps_init_root(&fx_cell[1]), 0);
	assert_ptr_equal(fx_cell[1].cspace.slots[BH_SLOT_CNODE].obj,
			 &fx_cell[1].cspace);
	assert_ptr_equal(fx_cell[1].cspace.slots[4].obj, &fx_cpu[2]);
	assert_ptr_equal(fx_cell[1].cspace.slots[5].obj, &fx_mem[1]);
	assert_ptr_equal(fx_cell[1].cspace.slots[6].obj, &fx_irq[1]);
	/* every cell's endpoint follows, its own included */
	assert_ptr_equal(fx_cell[1].cspace.slots[7].obj, &fx_service);
	assert_int_equal(fx_cell[1].cspace.slots[8].type, BH_OBJ_NULL);
}

/* A service cell: its CNode (no GRANT) and its endpoint (READ only) */
static void test_service_cell(void **state)
{
	struct cspace *cs = &fx_cell[1].cspace;
	unsigned int slot;

	(void)state;
	memset(cs, 0x5a, sizeof(*cs));
	caps_init_service(&fx_cell[1], 0);
	assert_int_equal(cs->slots[BH_SVC_SLOT_CNODE].type, BH_OBJ_CNODE);
	assert_ptr_equal(cs->slots[BH_SVC_SLOT_CNODE].obj, cs);
	assert_int_equal(cs->slots[BH_SVC_SLOT_CNODE].rights,
			 BH_RIGHT_READ | BH_RIGHT_WRITE);
	assert_int_equal(cs->slots[BH_SVC_SLOT_ENDPOINT].type,
			 BH_OBJ_ENDPOINT);
	assert_ptr_equal(cs->slots[BH_SVC_SLOT_ENDPOINT].obj, &fx_service);
	assert_int_equal(cs->slots[BH_SVC_SLOT_ENDPOINT].rights,
			 BH_RIGHT_READ);
	assert_int_equal(cs->slots[0].type, BH_OBJ_NULL);
	for (slot = BH_SVC_SLOT_FIRST_FREE; slot < BH_CNODE_SLOTS; slot++)
		assert_int_equal(cs->slots[slot].type, BH_OBJ_NULL);
}

#define T(f)	cmocka_unit_test_setup(f, fx_setup)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_layout),
		T(test_clears_stale),
		T(test_too_many),
		T(test_minimal_root),
		T(test_other_cell),
		T(test_service_cell),
	};

	return cmocka_run_group_tests_name("caps_init", tests, NULL, NULL);
}
