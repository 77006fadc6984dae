/* SPDX-License-Identifier: GPL-2.0 */
/* Host tests of the page-table walker (arch/arm64/paging.c) with a malloc allocator. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <asm/paging.h>
#include <asm/barrier.h>

struct tlb_log tlb_log;

static unsigned int pages_live;
static int fail_after = -1;

static void *pool_alloc(void *ctx)
{
	void *p;

	(void)ctx;
	if (fail_after == 0)
		return NULL;
	if (fail_after > 0)
		fail_after--;
	p = aligned_alloc(PAGE_SIZE, PAGE_SIZE);
	memset(p, 0, PAGE_SIZE);
	pages_live++;
	return p;
}

static void pool_free(void *ctx, void *page)
{
	(void)ctx;
	free(page);
	pages_live--;
}

static u64 pool_v2p(void *ctx, void *va)
{
	(void)ctx;
	return (u64)(uintptr_t)va;
}

static void *pool_p2v(void *ctx, u64 pa)
{
	(void)ctx;
	return (void *)(uintptr_t)pa;
}

static const struct pt_mm_ops mm = {
	pool_alloc, pool_free, pool_v2p, pool_p2v, NULL
};

static int setup_s2(void **state)
{
	static struct pgtable pt;

	pages_live = 0;
	fail_after = -1;
	memset(&tlb_log, 0, sizeof(tlb_log));
	assert_int_equal(pt_init(&pt, PT_STAGE2, 40, 1, &mm), 0);
	*state = &pt;
	return 0;
}

static int setup_s1(void **state)
{
	static struct pgtable pt;

	pages_live = 0;
	fail_after = -1;
	memset(&tlb_log, 0, sizeof(tlb_log));
	assert_int_equal(pt_init(&pt, PT_STAGE1_EL2, 39, 0, &mm), 0);
	*state = &pt;
	return 0;
}

static int teardown(void **state)
{
	pt_destroy(*state);
	assert_int_equal(pages_live, 0);
	return 0;
}

static void expect_map(struct pgtable *pt, u64 va, u64 pa, unsigned int lvl,
		       unsigned int prot)
{
	unsigned int got_prot, got_lvl;
	u64 phys;

	assert_int_equal(pt_translate(pt, va, &phys, &got_prot, &got_lvl), 0);
	assert_int_equal(phys, pa);
	assert_int_equal(got_lvl, lvl);
	assert_int_equal(got_prot, prot);
}

static void test_block_sizes(void **state)
{
	struct pgtable *pt = *state;
	const unsigned int rwx = PT_READ | PT_WRITE | PT_EXEC;

	/* 1 GiB aligned: one level-1 block */
	assert_int_equal(pt_map(pt, 0x40000000, 0x40000000, SZ_1G, rwx), 0);
	expect_map(pt, 0x40000000, 0x40000000, 1, rwx);
	expect_map(pt, 0x7fffffff, 0x7fffffff, 1, rwx);
	/* 2 MiB aligned only: level-2 blocks */
	assert_int_equal(pt_map(pt, 0x80200000, 0x80200000, 2 * SZ_2M,
				PT_READ), 0);
	expect_map(pt, 0x80200000 + 0x1234, 0x80201234, 2, PT_READ);
	/* 4 KiB: pages, and a 2 MiB range that is only page aligned */
	assert_int_equal(pt_map(pt, 0x90001000, 0x90001000, SZ_2M,
				PT_READ | PT_WRITE | PT_DEVICE), 0);
	expect_map(pt, 0x90001000, 0x90001000, 3,
		   PT_READ | PT_WRITE | PT_DEVICE);
	expect_map(pt, 0x90200fff, 0x90200fff, 3,
		   PT_READ | PT_WRITE | PT_DEVICE);
	assert_int_equal(pt_translate(pt, 0x90000000, &(u64){0}, NULL, NULL),
			 -ENOENT);
	assert_int_equal(pt_translate(pt, 0x90201000, &(u64){0}, NULL, NULL),
			 -ENOENT);
}

static void test_ipa_differs(void **state)
{
	struct pgtable *pt = *state;

	/* IPA 2 MiB aligned but PA only 4 KiB aligned: pages only */
	assert_int_equal(pt_map(pt, 0x200000, 0x40001000, SZ_2M, PT_READ), 0);
	expect_map(pt, 0x200000, 0x40001000, 3, PT_READ);
	expect_map(pt, 0x3ff000, 0x40200000, 3, PT_READ);
}

static void test_overlap_refused(void **state)
{
	struct pgtable *pt = *state;
	unsigned int before;

	assert_int_equal(pt_map(pt, 0x40000000, 0x40000000, SZ_2M, PT_READ),
			 0);
	before = pages_live;
	assert_int_equal(pt_map(pt, 0x3ff00000, 0x3ff00000, SZ_2M, PT_READ),
			 -EEXIST);
	assert_int_equal(pt_map(pt, 0x401ff000, 0, SZ_4K, PT_WRITE), -EEXIST);
	/* nothing changed: the hole before stays unmapped */
	assert_int_equal(pt_translate(pt, 0x3ff00000, &(u64){0}, NULL, NULL),
			 -ENOENT);
	assert_int_equal(pages_live, before);
	expect_map(pt, 0x40000000, 0x40000000, 2, PT_READ);
}

static void test_bad_args(void **state)
{
	struct pgtable *pt = *state;

	assert_int_equal(pt_map(pt, 0x1000, 0x1001, SZ_4K, PT_READ), -EINVAL);
	assert_int_equal(pt_map(pt, 0x1800, 0x1000, SZ_4K, PT_READ), -EINVAL);
	assert_int_equal(pt_map(pt, 1UL << 40, 0, SZ_4K, PT_READ), -ERANGE);
	assert_int_equal(pt_map(pt, (1UL << 40) - SZ_4K, 0, 2 * SZ_4K,
				PT_READ), -ERANGE);
	assert_int_equal(pt_map(pt, 0, 0, 0, PT_READ), -EINVAL);
}

static void test_unmap_split(void **state)
{
	struct pgtable *pt = *state;

	pt->live = true;
	assert_int_equal(pt_map(pt, 0x40000000, 0x40000000, SZ_1G, PT_READ),
			 0);
	/* punch one page out of the 1 GiB block: split twice */
	assert_int_equal(pt_unmap(pt, 0x40201000, SZ_4K), 0);
	assert_int_equal(pt_translate(pt, 0x40201000, &(u64){0}, NULL, NULL),
			 -ENOENT);
	expect_map(pt, 0x40200000, 0x40200000, 3, PT_READ);
	expect_map(pt, 0x40202000, 0x40202000, 3, PT_READ);
	expect_map(pt, 0x40000000, 0x40000000, 2, PT_READ);
	expect_map(pt, 0x7fe00000, 0x7fe00000, 2, PT_READ);
	/* two splits (1G, 2M), one page: each invalidated by IPA */
	assert_int_equal(tlb_log.ipas2, 3);
	assert_int_equal(tlb_log.last, 0x40201000);
	assert_true(tlb_log.vmalle1 >= 3);
	/* maintenance ran with the table's own base and VMID (1) loaded */
	assert_int_equal(tlb_log.vttbr, pt_root_phys(pt) | (1UL << 48));
	/* the hole can be mapped again */
	assert_int_equal(pt_map(pt, 0x40201000, 0x1000, SZ_4K, PT_WRITE), 0);
	expect_map(pt, 0x40201000, 0x1000, 3, PT_WRITE);
}

static void test_unmap_frees_tables(void **state)
{
	struct pgtable *pt = *state;

	assert_int_equal(pt_map(pt, 0x80001000, 0x80001000, 3 * SZ_4K,
				PT_READ), 0);
	assert_int_equal(pages_live, 4);	/* root + L1 + L2 + L3 */
	assert_int_equal(pt_unmap(pt, 0x80000000, SZ_1G), 0);
	assert_int_equal(pages_live, 1);
	/* not live: no TLB maintenance */
	assert_int_equal(tlb_log.ipas2, 0);
	/* unmapping a hole is fine */
	assert_int_equal(pt_unmap(pt, 0, SZ_1G), 0);
}

static void test_enomem_rolls_back(void **state)
{
	struct pgtable *pt = *state;

	fail_after = 2;
	assert_int_equal(pt_map(pt, 0x80001000, 0x80001000, SZ_4K, PT_READ),
			 -ENOMEM);
	assert_int_equal(pages_live, 1);
	assert_int_equal(pt_translate(pt, 0x80001000, &(u64){0}, NULL, NULL),
			 -ENOENT);
}

static void test_stage1_attrs(void **state)
{
	struct pgtable *pt = *state;

	pt->live = true;
	assert_int_equal(pt->start_level, 1);
	assert_int_equal(pt_map(pt, 0x70000000, 0x70000000, SZ_2M,
				PT_READ | PT_WRITE | PT_EXEC), 0);
	assert_int_equal(pt_map(pt, 0x09000000, 0x09000000, SZ_4K,
				PT_READ | PT_WRITE | PT_DEVICE), 0);
	expect_map(pt, 0x70000000, 0x70000000, 2,
		   PT_READ | PT_WRITE | PT_EXEC);
	expect_map(pt, 0x09000000, 0x09000000, 3,
		   PT_READ | PT_WRITE | PT_DEVICE);
	assert_int_equal(pt_unmap(pt, 0x09000000, SZ_4K), 0);
	assert_int_equal(tlb_log.vae2, 3);	/* page, then L3 and L2 freed */
	assert_int_equal(tlb_log.ipas2, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_block_sizes, setup_s2,
						teardown),
		cmocka_unit_test_setup_teardown(test_ipa_differs, setup_s2,
						teardown),
		cmocka_unit_test_setup_teardown(test_overlap_refused, setup_s2,
						teardown),
		cmocka_unit_test_setup_teardown(test_bad_args, setup_s2,
						teardown),
		cmocka_unit_test_setup_teardown(test_unmap_split, setup_s2,
						teardown),
		cmocka_unit_test_setup_teardown(test_unmap_frees_tables,
						setup_s2, teardown),
		cmocka_unit_test_setup_teardown(test_enomem_rolls_back,
						setup_s2, teardown),
		cmocka_unit_test_setup_teardown(test_stage1_attrs, setup_s1,
						teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
