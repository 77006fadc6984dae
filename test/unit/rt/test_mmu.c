/* SPDX-License-Identifier: GPL-2.0 */
/* Runtime page tables and boot-info validation on the host. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "internal.h"

#define POOL		16
#define GIB		(1ULL << 30)
#define MIB		(1ULL << 20)
#define KIB		(1ULL << 10)

#define D_VALID		(1ULL << 0)
#define D_TABLE		(1ULL << 1)
#define D_ATTR(d)	((unsigned int)((d) >> 2) & 7)
#define D_RO		(1ULL << 7)
#define D_SH		(3ULL << 8)
#define D_AF		(1ULL << 10)
#define D_PXN		(1ULL << 53)
#define D_UXN		(1ULL << 54)
#define D_ADDR		0x0000fffffffff000ULL

static uint64_t (*pool)[512];
static struct bh_rt_pt pt;

static int setup(void **state)
{
	(void)state;
	pool = aligned_alloc(4096, POOL * 4096);
	if (!pool)
		return -1;
	memset(pool, 0, POOL * 4096);
	bh_rt_pt_init(&pt, pool, POOL);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	free(pool);
	return 0;
}

static uint64_t look(uint64_t va, int want_level)
{
	int level = 0;
	uint64_t d = bh_rt_pt_lookup(&pt, va, &level);

	assert_true(d & D_VALID);
	assert_int_equal(level, want_level);
	/* identity: the output address is the input address */
	assert_int_equal(d & D_ADDR & ~((1ULL << (39 - 9 * level)) - 1),
			 va & ~((1ULL << (39 - 9 * level)) - 1));
	return d;
}

static void test_page_attrs(void **state)
{
	uint64_t d;

	(void)state;
	assert_int_equal(bh_rt_pt_map(&pt, 0x40200000, 4096, BH_RT_MAP_CODE), 0);
	assert_int_equal(bh_rt_pt_map(&pt, 0x40201000, 4096,
				      BH_RT_MAP_NORMAL_RO), 0);
	assert_int_equal(bh_rt_pt_map(&pt, 0x40202000, 4096,
				      BH_RT_MAP_NORMAL), 0);
	assert_int_equal(bh_rt_pt_map(&pt, 0x09000000, 4096,
				      BH_RT_MAP_DEVICE), 0);

	d = look(0x40200abc, 3);
	assert_int_equal(d & 3, 3);			/* page */
	assert_int_equal(D_ATTR(d), BH_RT_MAIR_NORMAL);
	assert_true((d & D_RO) && (d & D_AF) && (d & D_SH) == D_SH);
	assert_true(!(d & D_PXN) && (d & D_UXN));	/* EL1 may run it */
	d = look(0x40201000, 3);
	assert_true((d & D_RO) && (d & D_PXN) && (d & D_UXN));
	d = look(0x40202ff8, 3);
	assert_true(!(d & D_RO) && (d & D_PXN) && (d & D_UXN));
	d = look(0x09000018, 3);
	assert_int_equal(D_ATTR(d), BH_RT_MAIR_DEVICE);
	assert_true(!(d & D_RO) && (d & D_PXN) && (d & D_UXN));
	/* level 1 + one level 2 + one level 3 table per GiB touched */
	assert_int_equal(pt.used, 5);
}

static void test_blocks(void **state)
{
	int level;

	(void)state;
	/* pages to the first 2 MiB boundary, 2 MiB blocks to the GiB, a
	 * 1 GiB block, 2 MiB blocks, then pages again */
	assert_int_equal(bh_rt_pt_map(&pt, 0x40201000, 0xc0203000 - 0x40201000,
				      BH_RT_MAP_NORMAL), 0);
	look(0x40201000, 3);
	look(0x403ff000, 3);
	look(0x40400000, 2);
	look(0x7fe00000, 2);
	look(0x80000000, 1);		/* a whole GiB: one block */
	look(0xbfffffff, 1);
	look(0xc0000000, 2);
	look(0xc0200000, 3);
	look(0xc0202000, 3);
	assert_int_equal(bh_rt_pt_lookup(&pt, 0xc0203000, &level), 0);
	assert_int_equal(bh_rt_pt_lookup(&pt, 0x40200000, &level), 0);
	assert_int_equal(bh_rt_pt_lookup(&pt, 1ULL << 39, &level), 0);
}

static void test_errors(void **state)
{
	(void)state;
	assert_int_equal(bh_rt_pt_map(&pt, 0x40000000, 4 * MIB,
				      BH_RT_MAP_NORMAL), 0);
	/* overlap with a block, with a page, and partly */
	assert_int_equal(bh_rt_pt_map(&pt, 0x40100000, 4096,
				      BH_RT_MAP_NORMAL), -LX_EEXIST);
	assert_int_equal(bh_rt_pt_map(&pt, 0x50000000, 4096,
				      BH_RT_MAP_NORMAL), 0);
	assert_int_equal(bh_rt_pt_map(&pt, 0x4ffff000, 8192,
				      BH_RT_MAP_NORMAL), -LX_EEXIST);
	assert_int_equal(bh_rt_pt_map(&pt, 0x50000000, 2 * MIB,
				      BH_RT_MAP_NORMAL), -LX_EEXIST);
	/* bad arguments */
	assert_int_equal(bh_rt_pt_map(&pt, 0x60000800, 4096,
				      BH_RT_MAP_NORMAL), -LX_EINVAL);
	assert_int_equal(bh_rt_pt_map(&pt, 0x60000000, 100,
				      BH_RT_MAP_NORMAL), -LX_EINVAL);
	assert_int_equal(bh_rt_pt_map(&pt, 0x60000000, 0,
				      BH_RT_MAP_NORMAL), -LX_EINVAL);
	assert_int_equal(bh_rt_pt_map(&pt, 0x60000000, 4096, 0), -LX_EINVAL);
	assert_int_equal(bh_rt_pt_map(&pt, (1ULL << 39) - 4096, 8192,
				      BH_RT_MAP_NORMAL), -LX_EINVAL);
	assert_int_equal(bh_rt_pt_map(&pt, ~0ULL << 12, 8192,
				      BH_RT_MAP_NORMAL), -LX_EINVAL);
	assert_int_equal(bh_rt_pt_map(&pt, (1ULL << 39) - 4096, 4096,
				      BH_RT_MAP_DEVICE), 0);
}

static void test_pool_exhausted(void **state)
{
	unsigned int i;
	int ret = 0;

	(void)state;
	/* each scattered 4 KiB page in its own GiB needs two tables */
	for (i = 0; i < POOL && !ret; i++)
		ret = bh_rt_pt_map(&pt, (uint64_t)i * GIB + 4096, 4096,
				   BH_RT_MAP_NORMAL);
	assert_int_equal(ret, -LX_ENOMEM);
	assert_int_equal(pt.used, POOL);
}

static void test_mmu_regs(void **state)
{
	struct bh_rt_mmu_regs r;

	(void)state;
	bh_rt_mmu_regs(&pt, 0x1122, &r);	/* PARange 2: 40 bits */
	assert_int_equal(r.ttbr0, (uintptr_t)pool[0]);
	assert_int_equal(r.tcr & 0x3f, 25);		/* T0SZ: 39 bits */
	assert_int_equal(r.tcr >> 8 & 0xf, 0x5);	/* IRGN0, ORGN0 WB */
	assert_int_equal(r.tcr >> 12 & 3, 3);		/* inner shareable */
	assert_int_equal(r.tcr >> 14 & 3, 0);		/* 4 KiB granule */
	assert_true(r.tcr & (1ULL << 23));		/* no TTBR1 walks */
	assert_int_equal(r.tcr >> 32 & 7, 2);
	bh_rt_mmu_regs(&pt, 0x6, &r);			/* 52 bits: use 48 */
	assert_int_equal(r.tcr >> 32 & 7, 5);
	assert_int_equal(r.mair & 0xff, 0xff);
	assert_int_equal(r.mair >> 8 & 0xff, 0x04);
	assert_int_equal(r.sctlr & 0x100f, 0x100d);	/* M, C, SA, I; no A */
	assert_false(r.sctlr & (1ULL << 19));		/* WXN off */
	assert_false(r.sctlr & (1ULL << 25));		/* little-endian */
}

/* ---- boot info ----------------------------------------------------- */

#define IMG_START	0x40200000ULL
#define IMG_END		0x40280000ULL

static struct bh_svc_boot bi;

static void good(void)
{
	memset(&bi, 0, sizeof(bi));
	bi.magic = BH_SVC_BOOT_MAGIC;
	bi.version = BH_SVC_BOOT_VERSION;
	bi.size = sizeof(bi);
	bi.ram_base = 0x40000000;
	bi.ram_size = 64 * MIB;
	bi.cell_id = 3;
	bi.nr_regions = 2;
	bi.console = 0;
	strcpy(bi.name, "hello");
	bi.regions[0] = (struct bh_svc_region){
		.base = 0x50000000, .size = 64 * KIB,
		.type = BH_SVC_REGION_CHANNEL, .peer = 0, .name = "console",
	};
	bi.regions[1] = (struct bh_svc_region){
		.base = 0x09000000, .size = 4 * KIB,
		.type = BH_SVC_REGION_MMIO, .name = "uart",
	};
}

static int check(void)
{
	return bh_svc_boot_validate(&bi, IMG_START, IMG_END);
}

static void test_boot_good(void **state)
{
	(void)state;
	good();
	assert_int_equal(check(), 0);
	bi.console = BH_SVC_NO_CONSOLE;
	bi.nr_regions = 0;
	assert_int_equal(check(), 0);
	good();
	bi.regions[0].flags = BH_SVC_CHAN_END_A;
	bi.regions[1].flags = BH_SVC_REGION_RO;
	bi.flags = BH_SVC_BOOT_TRACE;
	assert_int_equal(check(), 0);
	/* the image may fill RAM exactly */
	assert_int_equal(bh_svc_boot_validate(&bi, 0x40000000,
					      0x40000000 + 64 * MIB), 0);
}

static void test_boot_bad(void **state)
{
	(void)state;
#define BAD(stmt) \
	do { good(); stmt; assert_int_equal(check(), -LX_EINVAL); } while (0)
	BAD(bi.magic ^= 1);
	BAD(bi.version = 2);
	BAD(bi.size = 4096);
	BAD(bi.flags = 2);
	BAD(bi.reserved[4] = 1);
	BAD(bi.nr_regions = BH_SVC_MAX_REGIONS + 1);
	BAD(memset(bi.name, 'x', sizeof(bi.name)));
	BAD(bi.ram_base = 0x40000800);
	BAD(bi.ram_size = 0);
	BAD(bi.ram_size = 100);
	BAD(bi.ram_base = ~0ULL << 12);
	BAD(bi.ram_base = 1ULL << 39);
	BAD(bi.ram_base = IMG_START + 4096);		/* image below RAM */
	BAD(bi.ram_size = IMG_END - 0x40000000 - 4096);	/* image beyond */
	BAD(bi.console = 2);
	BAD(bi.console = 1);				/* MMIO */
	BAD(bi.regions[0].base = 0x43fff000);		/* overlaps RAM */
	BAD(bi.regions[1].base = 0x5000f000);		/* over region 0 */
	BAD(bi.regions[1].size = 0);
	BAD(bi.regions[1].base = 0x09000010);
	BAD(bi.regions[1].base = (1ULL << 39) - 4096; bi.regions[1].size = 8192);
	BAD(bi.regions[1].type = 0);
	BAD(bi.regions[1].type = 4);
	BAD(bi.regions[1].flags = 4);
	BAD(bi.regions[1].flags = BH_SVC_CHAN_END_A);	/* only channels */
	BAD(bi.regions[0].flags = BH_SVC_REGION_RO);	/* channels are RW */
	BAD(bi.regions[1].reserved = 1);
	BAD(memset(bi.regions[1].name, 'u', BH_SVC_REGION_NAME_LEN));
	/* a region past nr_regions is not looked at */
	good();
	bi.nr_regions = 1;
	bi.regions[1].type = 99;
	assert_int_equal(check(), 0);
	/* an empty image range */
	good();
	assert_int_equal(bh_svc_boot_validate(&bi, IMG_START, IMG_START),
			 -LX_EINVAL);
#undef BAD
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_page_attrs),
		T(test_blocks),
		T(test_errors),
		T(test_pool_exhausted),
		T(test_mmu_regs),
		cmocka_unit_test(test_boot_good),
		cmocka_unit_test(test_boot_bad),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
