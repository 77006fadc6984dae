/* SPDX-License-Identifier: GPL-2.0 */
/* Unit tests of the CNode: mint only ever reduces rights; delete; badges. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <setjmp.h>
#include <cmocka.h>

#include <bulkhead/caps_names.h>
#include "fixture.h"

static struct cspace before;

static void snapshot(void)
{
	before = fx_cell[0].cspace;
}

static void assert_err(int err, int expected)
{
	assert_string_equal(bh_error_name(err), bh_error_name(expected));
}

static void assert_unchanged(void)
{
	assert_memory_equal(&fx_cell[0].cspace, &before, sizeof(before));
}

static int identify(u64 slot, struct bh_reply *out)
{
	return fx_invoke(slot, BH_LABEL_CAP_IDENTIFY, 0, 0, 0, 0, 0, out);
}

static void test_mint_copies(void **state)
{
	struct cap *src = fx_slot(FX_SLOT_MEM2), *dst = fx_slot(20);

	(void)state;
	assert_int_equal(fx_mint(FX_SLOT_MEM2, 20, BH_RIGHT_READ, 0x77),
			 BH_E_OK);
	assert_int_equal(dst->type, BH_OBJ_MEMORY);
	assert_ptr_equal(dst->obj, src->obj);
	assert_int_equal(dst->rights, BH_RIGHT_READ);
	assert_int_equal(dst->badge, 0x77);
	/* The source is untouched */
	assert_int_equal(src->rights, BH_RIGHTS_ALL);
	assert_int_equal(src->badge, 0);
}

/* Property: for every source rights and every mask, rights = src & mask */
static void test_mint_rights_property(void **state)
{
	unsigned int src_rights, mask;
	struct bh_reply out;
	int err;

	(void)state;
	for (src_rights = 0; src_rights <= BH_RIGHTS_ALL; src_rights++) {
		for (mask = 0; mask <= 0xff; mask++) {
			fx_slot(BH_SLOT_CELL)->rights = src_rights;
			snapshot();
			err = fx_mint(BH_SLOT_CELL, 30, mask, 0);
			if (mask & ~BH_RIGHTS_ALL) {
				assert_err(err, BH_E_INVALID_ARGUMENT);
				assert_unchanged();
				continue;
			}
			if (!(src_rights & BH_RIGHT_GRANT)) {
				assert_err(err, BH_E_NO_RIGHTS);
				assert_unchanged();
				continue;
			}
			assert_err(err, BH_E_OK);
			assert_int_equal(fx_slot(30)->rights,
					 src_rights & mask);
			/* Never a right the source lacks */
			assert_int_equal(fx_slot(30)->rights & ~src_rights, 0);
			assert_int_equal(identify(30, &out),
					 (src_rights & mask & BH_RIGHT_READ) ?
					 BH_E_OK : BH_E_NO_RIGHTS);
			*fx_slot(30) = (struct cap){ 0 };
		}
	}
}

/* Chains of mints only ever lose rights */
static void test_mint_chain_never_regains(void **state)
{
	static const unsigned int masks[] = { 0xd, 0xf, 0x5, 0xf, 0x4 };
	unsigned int i, rights = BH_RIGHTS_ALL, slot = BH_SLOT_HV;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(masks); i++) {
		assert_int_equal(fx_mint(slot, 40 + i, masks[i], 0), BH_E_OK);
		rights &= masks[i];
		slot = 40 + i;
		assert_int_equal(fx_slot(slot)->rights, rights);
	}
	/* Now GRANT only: the copy is copyable but carries nothing */
	assert_int_equal(rights, BH_RIGHT_GRANT);
	assert_int_equal(fx_mint(slot, 50, BH_RIGHTS_ALL, 0), BH_E_OK);
	assert_int_equal(fx_slot(50)->rights, BH_RIGHT_GRANT);
	/* Minted without GRANT: it cannot be copied further */
	assert_int_equal(fx_mint(slot, 51, BH_RIGHT_READ, 0), BH_E_OK);
	assert_int_equal(fx_slot(51)->rights, 0);
	snapshot();
	assert_err(fx_mint(51, 52, BH_RIGHTS_ALL, 0), BH_E_NO_RIGHTS);
	assert_unchanged();
}

/* A copy without CONTROL cannot disable, though the original can */
static void test_minted_cannot_disable(void **state)
{
	struct bh_reply out;

	(void)state;
	assert_int_equal(fx_mint(BH_SLOT_HV, 12, BH_RIGHTS_ALL &
				 ~BH_RIGHT_CONTROL, 0), BH_E_OK);
	snapshot();
	assert_err(fx_invoke(12, BH_LABEL_HV_DISABLE, 0, 0, 0, 0, 0, &out),
		   BH_E_NO_RIGHTS);
	assert_int_equal(fx_disable_calls, 0);
	assert_unchanged();
	/* It can still read */
	assert_int_equal(fx_invoke(12, BH_LABEL_HV_INFO, 0, 0, 0, 0, 0, &out),
			 BH_E_OK);
	assert_int_equal(fx_invoke(BH_SLOT_HV, BH_LABEL_HV_DISABLE, 0,
				   0, 0, 0, 0, &out), BH_E_OK);
	assert_int_equal(fx_disable_calls, 1);
}

/* A read-only CNode copy can identify, but neither mint nor delete */
static void test_minted_cnode_read_only(void **state)
{
	struct bh_reply out;

	(void)state;
	assert_int_equal(fx_mint(BH_SLOT_CNODE, 13, BH_RIGHT_READ |
				 BH_RIGHT_GRANT, 0), BH_E_OK);
	assert_int_equal(fx_mint(BH_SLOT_CELL, 14, BH_RIGHTS_ALL, 0),
			 BH_E_OK);
	snapshot();
	assert_err(fx_invoke(13, BH_LABEL_CNODE_MINT, 3, BH_SLOT_HV, 15,
			     BH_RIGHTS_ALL, 0, &out), BH_E_NO_RIGHTS);
	assert_err(fx_invoke(13, BH_LABEL_CNODE_DELETE, 1, 14, 0, 0, 0, &out),
		   BH_E_NO_RIGHTS);
	assert_unchanged();
	assert_int_equal(identify(13, &out), BH_E_OK);
	assert_int_equal(out.mr[0], BH_OBJ_CNODE);
	/* A writable copy acts on the same cspace */
	assert_int_equal(fx_mint(BH_SLOT_CNODE, 16, BH_RIGHT_WRITE, 0),
			 BH_E_OK);
	assert_int_equal(fx_invoke(16, BH_LABEL_CNODE_DELETE, 1, 14, 0, 0, 0,
				   &out), BH_E_OK);
	assert_int_equal(fx_slot(14)->type, BH_OBJ_NULL);
}

static void test_mint_errors(void **state)
{
	static const struct {
		u64 src, dst, rights;
		int err;
	} c[] = {
		{ BH_CNODE_SLOTS, 20, 0xf, BH_E_RANGE },
		{ UINT64_MAX, 20, 0xf, BH_E_RANGE },
		{ (1UL << 32) | BH_SLOT_HV, 20, 0xf, BH_E_RANGE },
		{ BH_SLOT_HV, BH_CNODE_SLOTS, 0xf, BH_E_RANGE },
		{ BH_SLOT_HV, UINT64_MAX, 0xf, BH_E_RANGE },
		{ BH_SLOT_HV, (1UL << 32) | 20, 0xf, BH_E_RANGE },
		{ BH_SLOT_HV, BH_SLOT_NULL, 0xf, BH_E_INVALID_ARGUMENT },
		{ BH_SLOT_HV, 20, 0x10, BH_E_INVALID_ARGUMENT },
		{ BH_SLOT_HV, 20, UINT64_MAX, BH_E_INVALID_ARGUMENT },
		{ BH_SLOT_HV, 20, (1UL << 32) | 0xf, BH_E_INVALID_ARGUMENT },
		{ BH_SLOT_NULL, 20, 0xf, BH_E_INVALID_CAP },
		{ FX_SLOT_FREE, 20, 0xf, BH_E_INVALID_CAP },
		{ BH_SLOT_HV, BH_SLOT_CELL, 0xf, BH_E_SLOT_OCCUPIED },
		{ BH_SLOT_HV, BH_SLOT_HV, 0xf, BH_E_SLOT_OCCUPIED },
		{ BH_SLOT_HV, FX_SLOT_IRQ2, 0, BH_E_SLOT_OCCUPIED },
	};
	unsigned int i;

	(void)state;
	snapshot();
	for (i = 0; i < ARRAY_SIZE(c); i++) {
		assert_err(fx_mint(c[i].src, c[i].dst, c[i].rights, 0),
			   c[i].err);
		assert_unchanged();
	}
}

static void test_mint_badge(void **state)
{
	struct bh_reply out;

	(void)state;
	/* Length 3: no badge register, the copy keeps the source's (none) */
	assert_int_equal(fx_invoke(BH_SLOT_CNODE, BH_LABEL_CNODE_MINT, 3,
				   FX_SLOT_CPU1, 20, BH_RIGHTS_ALL, 0x99, &out),
			 BH_E_OK);
	assert_int_equal(fx_slot(20)->badge, 0);
	assert_int_equal(fx_mint(FX_SLOT_CPU1, 21, BH_RIGHTS_ALL, 0x99),
			 BH_E_OK);
	assert_int_equal(identify(21, &out), BH_E_OK);
	assert_int_equal(out.mr[2], 0x99);
	/* Re-badging is refused; copying with badge 0 keeps it */
	snapshot();
	assert_err(fx_mint(21, 22, BH_RIGHTS_ALL, 0x98),
		   BH_E_INVALID_ARGUMENT);
	assert_err(fx_mint(21, 22, BH_RIGHTS_ALL, 0x99),
		   BH_E_INVALID_ARGUMENT);
	assert_unchanged();
	assert_int_equal(fx_mint(21, 22, BH_RIGHT_READ, 0), BH_E_OK);
	assert_int_equal(fx_slot(22)->badge, 0x99);
	assert_int_equal(fx_invoke(BH_SLOT_CNODE, BH_LABEL_CNODE_MINT, 3,
				   21, 23, BH_RIGHT_READ, 0x55, &out),
			 BH_E_OK);
	assert_int_equal(fx_slot(23)->badge, 0x99);
}

/* Mint on a CNode capability that names another cell's cspace */
static void test_foreign_cnode_refused(void **state)
{
	struct bh_reply out;

	(void)state;
	*fx_slot(20) = (struct cap){ .type = BH_OBJ_CNODE,
				     .rights = BH_RIGHTS_ALL,
				     .obj = &fx_cell[1].cspace };
	fx_cell[1].cspace.slots[5] = *fx_slot(BH_SLOT_HV);
	snapshot();
	assert_err(fx_invoke(20, BH_LABEL_CNODE_MINT, 4, 5, 21, 0xf, 0, &out),
		   BH_E_ILLEGAL_OP);
	assert_err(fx_invoke(20, BH_LABEL_CNODE_DELETE, 1, 5, 0, 0, 0, &out),
		   BH_E_ILLEGAL_OP);
	assert_unchanged();
	assert_int_equal(fx_cell[1].cspace.slots[5].type, BH_OBJ_HV);
}

static void test_delete(void **state)
{
	struct bh_reply out;

	(void)state;
	assert_int_equal(fx_mint(BH_SLOT_HV, 20, BH_RIGHTS_ALL, 5), BH_E_OK);
	assert_int_equal(fx_invoke(BH_SLOT_CNODE, BH_LABEL_CNODE_DELETE, 1,
				   20, 0, 0, 0, &out), BH_E_OK);
	assert_int_equal(out.info, bh_msginfo(0, 0));
	assert_memory_equal(fx_slot(20), &(struct cap){ 0 },
			    sizeof(struct cap));
	assert_err(fx_invoke(20, BH_LABEL_HV_INFO, 0, 0, 0, 0, 0, &out),
		   BH_E_INVALID_CAP);
	/* The original is untouched, and the slot can be reused */
	assert_int_equal(fx_invoke(BH_SLOT_HV, BH_LABEL_HV_INFO, 0, 0, 0, 0, 0,
				   &out), BH_E_OK);
	assert_int_equal(fx_mint(BH_SLOT_CELL, 20, BH_RIGHT_READ, 0), BH_E_OK);
	assert_int_equal(fx_slot(20)->type, BH_OBJ_CELL);
	/* Initial capabilities past the fixed slots can go */
	assert_int_equal(fx_invoke(BH_SLOT_CNODE, BH_LABEL_CNODE_DELETE, 1,
				   FX_SLOT_IRQ0, 0, 0, 0, &out), BH_E_OK);
	assert_int_equal(fx_slot(FX_SLOT_IRQ0)->type, BH_OBJ_NULL);
}

static void test_delete_errors(void **state)
{
	static const struct { u64 slot; int err; } c[] = {
		{ BH_CNODE_SLOTS, BH_E_RANGE },
		{ UINT64_MAX, BH_E_RANGE },
		{ (1UL << 32) | 20, BH_E_RANGE },
		{ BH_SLOT_NULL, BH_E_INVALID_CAP },
		{ FX_SLOT_FREE, BH_E_INVALID_CAP },
		{ BH_CNODE_SLOTS - 1, BH_E_INVALID_CAP },
		{ BH_SLOT_CNODE, BH_E_ILLEGAL_OP },
		{ BH_SLOT_HV, BH_E_ILLEGAL_OP },
		{ BH_SLOT_CELL, BH_E_ILLEGAL_OP },
	};
	struct bh_reply out;
	unsigned int i;

	(void)state;
	/* A slot aliasing 20 through its high bits must not be deleted */
	assert_int_equal(fx_mint(BH_SLOT_HV, 20, BH_RIGHTS_ALL, 0), BH_E_OK);
	snapshot();
	for (i = 0; i < ARRAY_SIZE(c); i++) {
		assert_err(fx_invoke(BH_SLOT_CNODE, BH_LABEL_CNODE_DELETE, 1,
				     c[i].slot, 0, 0, 0, &out), c[i].err);
		assert_unchanged();
	}
	/* The pinned slots also stay when named through a minted copy */
	assert_int_equal(fx_mint(BH_SLOT_CNODE, 21, BH_RIGHTS_ALL, 0),
			 BH_E_OK);
	snapshot();
	assert_err(fx_invoke(21, BH_LABEL_CNODE_DELETE, 1, BH_SLOT_HV,
			     0, 0, 0, &out), BH_E_ILLEGAL_OP);
	assert_unchanged();
	/* A copy of the CNode can delete itself */
	assert_int_equal(fx_invoke(21, BH_LABEL_CNODE_DELETE, 1, 21, 0, 0, 0,
				   &out), BH_E_OK);
	assert_int_equal(fx_slot(21)->type, BH_OBJ_NULL);
}

/* Fill every free slot, then one more mint finds no room */
static void test_fill_cspace(void **state)
{
	unsigned int slot;

	(void)state;
	for (slot = FX_SLOT_FREE; slot < BH_CNODE_SLOTS; slot++)
		assert_int_equal(fx_mint(BH_SLOT_HV, slot, BH_RIGHT_READ, 0),
				 BH_E_OK);
	snapshot();
	for (slot = 1; slot < BH_CNODE_SLOTS; slot++)
		assert_err(fx_mint(BH_SLOT_HV, slot, BH_RIGHT_READ, 0),
			   BH_E_SLOT_OCCUPIED);
	assert_unchanged();
}

#define T(f)	cmocka_unit_test_setup(f, fx_setup)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_mint_copies),
		T(test_mint_rights_property),
		T(test_mint_chain_never_regains),
		T(test_minted_cannot_disable),
		T(test_minted_cnode_read_only),
		T(test_mint_errors),
		T(test_mint_badge),
		T(test_foreign_cnode_refused),
		T(test_delete),
		T(test_delete_errors),
		T(test_fill_cspace),
	};

	return cmocka_run_group_tests_name("caps_cnode", tests, NULL, NULL);
}
