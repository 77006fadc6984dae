/* SPDX-License-Identifier: GPL-2.0 */
/* EL1 stage-1 identity map: 4 KiB granule, 39-bit VA, three levels. */
#include "internal.h"

/*
 * Runs with the MMU off (tables are written as Device memory, so every
 * access is an aligned 64-bit store) and on the host for the unit tests.
 */

#define DESC_VALID	(1ULL << 0)
#define DESC_TABLE	(1ULL << 1)	/* table (levels 1-2), page (3) */
#define DESC_ATTRIDX(i)	((uint64_t)(i) << 2)
#define DESC_AP_RO	(1ULL << 7)	/* AP[2]: read-only, no EL0 */
#define DESC_SH_INNER	(3ULL << 8)
#define DESC_AF		(1ULL << 10)	/* no Access flag faults */
#define DESC_PXN	(1ULL << 53)
#define DESC_UXN	(1ULL << 54)
#define DESC_ADDR	0x0000fffffffff000ULL

#define TCR_T0SZ	(64 - BH_RT_VA_BITS)
#define TCR_T1SZ	(TCR_T0SZ << 16)	/* unused: EPD1 */
#define TCR_IRGN0_WBWA	(1ULL << 8)
#define TCR_ORGN0_WBWA	(1ULL << 10)
#define TCR_SH0_INNER	(3ULL << 12)
#define TCR_TG0_4K	(0ULL << 14)
#define TCR_EPD1	(1ULL << 23)
#define TCR_TG1_4K	(2ULL << 30)
#define TCR_IPS_SHIFT	32

#define MAIR_NORMAL_WB	0xffULL	/* inner/outer WB, RA, WA */
#define MAIR_DEVICE_NGNRE 0x04ULL

#define SCTLR_M		(1ULL << 0)
#define SCTLR_C		(1ULL << 2)
#define SCTLR_SA	(1ULL << 3)
#define SCTLR_I		(1ULL << 12)
/* Bits that are RES1 in Armv8.0 (11, 20, 22, 23, 28, 29) */
#define SCTLR_RES1	0x30d00800ULL

static uint64_t leaf_attrs(unsigned int map)
{
	const uint64_t normal = DESC_ATTRIDX(BH_RT_MAIR_NORMAL) |
				DESC_SH_INNER | DESC_AF | DESC_UXN;

	switch (map) {
	case BH_RT_MAP_CODE:
		return normal | DESC_AP_RO;
	case BH_RT_MAP_NORMAL:
		return normal | DESC_PXN;
	case BH_RT_MAP_NORMAL_RO:
		return normal | DESC_PXN | DESC_AP_RO;
	case BH_RT_MAP_DEVICE:
		return DESC_ATTRIDX(BH_RT_MAIR_DEVICE) | DESC_AF | DESC_PXN |
		       DESC_UXN;
	}
	return 0;
}

void bh_rt_pt_init(struct bh_rt_pt *pt, uint64_t (*pool)[512],
		   unsigned int npages)
{
	pt->pool = pool;
	pt->npages = npages;
	pt->used = 1;
}

static uint64_t *table_of(uint64_t desc)
{
	return (uint64_t *)(uintptr_t)(desc & DESC_ADDR);
}

static int map_one(struct bh_rt_pt *pt, uint64_t va, uint64_t end,
		   uint64_t attrs, uint64_t *step)
{
	uint64_t *table = pt->pool[0];
	int level;

	for (level = 1; level <= 3; level++) {
		unsigned int shift = 39 - 9 * level;
		uint64_t block = 1ULL << shift;
		uint64_t *e = &table[(va >> shift) & 511];

		if (level == 3 || (!(va & (block - 1)) && end - va >= block)) {
			if (*e)
				return -LX_EEXIST;
			*e = va | attrs | DESC_VALID |
			     (level == 3 ? DESC_TABLE : 0);
			*step = block;
			return 0;
		}
		if (!*e) {
			/* pool pages are zero: an empty table */
			if (pt->used == pt->npages)
				return -LX_ENOMEM;
			*e = (uint64_t)(uintptr_t)pt->pool[pt->used++] |
			     DESC_VALID | DESC_TABLE;
		} else if (!(*e & DESC_TABLE)) {
			return -LX_EEXIST;
		}
		table = table_of(*e);
	}
	return -LX_EINVAL;
}

int bh_rt_pt_map(struct bh_rt_pt *pt, uint64_t base, uint64_t size,
		 unsigned int map)
{
	uint64_t attrs = leaf_attrs(map), va, end = base + size, step = 0;
	int ret;

	if (!attrs || !size || ((base | size) & (BH_RT_PAGE_SIZE - 1)) ||
	    end < base || end > (1ULL << BH_RT_VA_BITS))
		return -LX_EINVAL;
	for (va = base; va < end; va += step) {
		ret = map_one(pt, va, end, attrs, &step);
		if (ret)
			return ret;
	}
	return 0;
}

uint64_t bh_rt_pt_lookup(const struct bh_rt_pt *pt, uint64_t va, int *level)
{
	const uint64_t *table = pt->pool[0];
	int l;

	if (va >= (1ULL << BH_RT_VA_BITS))
		return 0;
	for (l = 1; l <= 3; l++) {
		uint64_t e = table[(va >> (39 - 9 * l)) & 511];

		if (!(e & DESC_VALID))
			return 0;
		if (l == 3 || !(e & DESC_TABLE)) {
			*level = l;
			return e;
		}
		table = table_of(e);
	}
	return 0;
}

void bh_rt_mmu_regs(const struct bh_rt_pt *pt, uint64_t mmfr0,
		    struct bh_rt_mmu_regs *regs)
{
	uint64_t parange = mmfr0 & 0xf;

	/* 52-bit output needs FEAT_LPA descriptors: stay at 48 */
	if (parange > 5)
		parange = 5;
	regs->mair = MAIR_NORMAL_WB << (8 * BH_RT_MAIR_NORMAL) |
		     MAIR_DEVICE_NGNRE << (8 * BH_RT_MAIR_DEVICE);
	regs->tcr = TCR_T0SZ | TCR_IRGN0_WBWA | TCR_ORGN0_WBWA |
		    TCR_SH0_INNER | TCR_TG0_4K | TCR_T1SZ | TCR_EPD1 |
		    TCR_TG1_4K |
		    parange << TCR_IPS_SHIFT;
	regs->ttbr0 = (uint64_t)(uintptr_t)pt->pool[0];
	regs->sctlr = SCTLR_RES1 | SCTLR_M | SCTLR_C | SCTLR_SA | SCTLR_I;
}
