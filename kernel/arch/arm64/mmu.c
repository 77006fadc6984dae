/* SPDX-License-Identifier: GPL-2.0 */
/* EL2 stage-1 identity map, device mappings, cells' stage 2 and VTCR_EL2. */
#include <core/cell.h>
#include <core/paging.h>
#include <core/printk.h>
#include <core/service.h>
#include <asm/mmu.h>
#include <asm/paging.h>
#include <asm/sysreg.h>

struct mmu_config mmu_config;
static struct pgtable hv_pt;
extern char __rodata_start[], __rodata_end[];

static void *pool_alloc_page(void *ctx)
{
	return page_alloc(1);
}

static void pool_free_page(void *ctx, void *page)
{
	page_free(page, 1);
}

static u64 identity_v2p(void *ctx, void *va)
{
	return (u64)(uintptr_t)va;
}

static void *identity_p2v(void *ctx, u64 pa)
{
	return (void *)(uintptr_t)pa;
}

static const struct pt_mm_ops pool_mm = {
	.alloc_page = pool_alloc_page,
	.free_page = pool_free_page,
	.virt_to_phys = identity_v2p,
	.phys_to_virt = identity_p2v,
};

static const unsigned int parange_bits[] = { 32, 36, 40, 42, 44, 48, 52 };

int mmu_setup(const struct bh_bootdesc *d)
{
	u64 mmfr0 = read_sysreg(id_aa64mmfr0_el1);
	u64 text = d->hv_base, rodata = (u64)(uintptr_t)__rodata_start;
	u64 data = (u64)(uintptr_t)__rodata_end;
	unsigned int ps = mmfr0 & MMFR0_PARANGE_MASK, bits;
	int ret;

	if (ps >= ARRAY_SIZE(parange_bits))
		ps = ARRAY_SIZE(parange_bits) - 1;
	/* 4 KiB granule without FEAT_LPA: at most 48 bits */
	if (ps > 5)
		ps = 5;
	bits = parange_bits[ps];
	mmu_config.pa_bits = bits;
	ret = pt_init(&hv_pt, PT_STAGE1_EL2, bits, 0, &pool_mm);
	if (ret)
		return ret;
	/* W^X, and constants stay constant (relocated before the MMU is on) */
	ret = pt_map(&hv_pt, text, text, rodata - text, PT_READ | PT_EXEC);
	if (!ret)
		ret = pt_map(&hv_pt, rodata, rodata, data - rodata, PT_READ);
	if (!ret)
		ret = pt_map(&hv_pt, data, data, d->hv_base + d->hv_size - data,
			     PT_READ | PT_WRITE);
	if (!ret && d->console.type == BH_CONSOLE_PL011)
		ret = pt_map(&hv_pt, d->console.base, d->console.base,
			     d->console.size, PT_READ | PT_WRITE | PT_DEVICE);
	if (ret)
		return ret;

	mmu_config.mair = MAIR_EL2_VALUE;
	mmu_config.tcr = TCR_EL2_RES1 | TCR_T0SZ(bits) | TCR_IRGN0_WBWA |
		TCR_ORGN0_WBWA | TCR_SH0_INNER | TCR_TG0_4K |
		((u64)ps << TCR_EL2_PS_SHIFT);
	mmu_config.ttbr0 = pt_root_phys(&hv_pt);
	mmu_config.sctlr = SCTLR_EL2_RES1 | SCTLR_M | SCTLR_C | SCTLR_SA |
		SCTLR_I;
	/*
	 * Stage 2 uses the same input size as the physical address size;
	 * SL0 names the start level: 2 for level 0 (more than 39 bits), 1
	 * for level 1.
	 */
	mmu_config.vtcr = VTCR_RES1 | TCR_T0SZ(bits) | TCR_IRGN0_WBWA |
		TCR_ORGN0_WBWA | TCR_SH0_INNER | TCR_TG0_4K |
		((u64)(bits > 39 ? 2 : 1) << VTCR_SL0_SHIFT) |
		((u64)ps << VTCR_PS_SHIFT);
	hv_pt.live = true;
	return 0;
}

void *paging_map_device(u64 phys, u64 size)
{
	u64 start = phys & ~(PAGE_SIZE - 1);
	u64 end = ALIGN_UP(phys + size, PAGE_SIZE);
	u64 pa;
	unsigned int prot;
	int ret;

	if (!pt_translate(&hv_pt, start, &pa, &prot, NULL) && pa == start &&
	    prot == (PT_READ | PT_WRITE | PT_DEVICE))
		return (void *)(uintptr_t)phys;
	ret = pt_map(&hv_pt, start, start, end - start,
		     PT_READ | PT_WRITE | PT_DEVICE);
	if (ret) {
		pr_err("cannot map device 0x%llx+0x%llx: %d\n",
		       (unsigned long long)phys, (unsigned long long)size, ret);
		return NULL;
	}
	return (void *)(uintptr_t)phys;
}

void *paging_map_memory(u64 phys, u64 size)
{
	u64 pa;
	unsigned int prot;
	int ret;

	if (!pt_translate(&hv_pt, phys, &pa, &prot, NULL) && pa == phys &&
	    prot == (PT_READ | PT_WRITE))
		return (void *)(uintptr_t)phys;
	ret = pt_map(&hv_pt, phys, phys, size, PT_READ | PT_WRITE);
	if (ret) {
		pr_err("cannot map memory 0x%llx+0x%llx: %d\n",
		       (unsigned long long)phys, (unsigned long long)size, ret);
		return NULL;
	}
	return (void *)(uintptr_t)phys;
}

int arch_cell_create(struct cell *cell)
{
	struct pgtable *s2 = &cell->arch.s2;
	unsigned int i, prot;
	int ret;

	cell->arch.vmid = cell->id + 1;
	ret = pt_init(s2, PT_STAGE2, mmu_config.pa_bits, cell->arch.vmid,
		      &pool_mm);
	if (ret)
		return ret;
	for (i = 0; i < cell->num_mem; i++) {
		const struct bh_bd_mem *m = cell->mem[i];

		prot = 0;
		prot |= m->flags & BH_MEM_READ ? PT_READ : 0;
		prot |= m->flags & BH_MEM_WRITE ? PT_WRITE : 0;
		prot |= m->flags & BH_MEM_EXEC ? PT_EXEC : 0;
		prot |= m->flags & BH_MEM_IO ? PT_DEVICE : 0;
		ret = pt_map(s2, m->ipa, m->phys, m->size, prot);
		if (ret) {
			pr_err("cell %s: cannot map mem[%u] at 0x%llx: %d\n",
			       cell->name, i, (unsigned long long)m->ipa, ret);
			pt_destroy(s2);
			return ret;
		}
	}
	s2->live = true;
	cell->arch.vttbr = pt_root_phys(s2) |
		((u64)cell->arch.vmid << VTTBR_VMID_SHIFT);
	return 0;
}

int arch_cell_map(struct cell *cell, u64 ipa, u64 phys, u64 size, u32 flags)
{
	unsigned int prot = 0;

	prot |= flags & BH_MEM_READ ? PT_READ : 0;
	prot |= flags & BH_MEM_WRITE ? PT_WRITE : 0;
	/* Invalid to valid: no break-before-make, no TLB entry to remove */
	return pt_map(&cell->arch.s2, ipa, phys, size, prot);
}
