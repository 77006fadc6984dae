/* SPDX-License-Identifier: GPL-2.0 */
/* VMSAv8-64 translation tables (4 KiB granule): one walker for EL2 stage 1 and stage 2. */
#ifndef ASM_PAGING_H
#define ASM_PAGING_H

#include <core/types.h>

#define PAGE_SHIFT		12
#define PAGE_SIZE		(1UL << PAGE_SHIFT)
#define PT_ENTRIES		512
#define PT_LEVEL_SHIFT(l)	(12 + 9 * (3 - (l)))
#define PT_LEVEL_SIZE(l)	(1UL << PT_LEVEL_SHIFT(l))

/* Arch-neutral protection bits for pt_map() */
#define PT_READ			BIT(0)
#define PT_WRITE		BIT(1)
#define PT_EXEC			BIT(2)
#define PT_DEVICE		BIT(3)	/* Device-nGnRE, else Normal WB */

/* MAIR_EL2 attribute indices used by the EL2 stage-1 tables */
#define MAIR_IDX_NORMAL		0
#define MAIR_IDX_DEVICE		1
#define MAIR_EL2_VALUE		(0xffUL | (0x04UL << 8))

enum pt_stage {
	PT_STAGE1_EL2,		/* the kernel's own map, TTBR0_EL2 */
	PT_STAGE2,		/* a cell's IPA -> PA map, VTTBR_EL2 */
};

/**
 * struct pt_mm_ops - page allocator injected into the walker
 * @alloc_page:		a zeroed 4 KiB page, or NULL when exhausted
 * @free_page:		give a page back
 * @virt_to_phys:	physical address of a page from @alloc_page
 * @phys_to_virt:	inverse of @virt_to_phys
 * @ctx:		passed to every callback
 *
 * The kernel passes its page pool (identity: virt == phys); host unit
 * tests pass a malloc-backed allocator.
 */
struct pt_mm_ops {
	void *(*alloc_page)(void *ctx);
	void (*free_page)(void *ctx, void *page);
	u64 (*virt_to_phys)(void *ctx, void *va);
	void *(*phys_to_virt)(void *ctx, u64 pa);
	void *ctx;
};

/**
 * struct pgtable - one set of translation tables
 * @stage:	enum pt_stage
 * @ia_bits:	input address size (VA for stage 1, IPA for stage 2)
 * @start_level: level of the root table (0 or 1)
 * @vmid:	stage 2: VMID for TLB maintenance; 0 for stage 1
 * @live:	whether the tables may be in use by a CPU (TLB maintenance
 *		needed on change)
 * @root:	the root table (one page)
 * @mm:		the allocator
 */
struct pgtable {
	enum pt_stage stage;
	unsigned int ia_bits;
	unsigned int start_level;
	unsigned int vmid;
	bool live;
	u64 *root;
	const struct pt_mm_ops *mm;
};

/**
 * struct pt_walk_ctx - what a visitor sees for one entry
 * @addr:	input address the entry starts to translate (entry aligned)
 * @start:	start of the walked range
 * @end:	end of the walked range (exclusive)
 * @level:	0..3
 * @ptep:	the entry
 * @flags:	PT_VISIT_LEAF for a valid block/page or invalid entry,
 *		PT_VISIT_TABLE_PRE / PT_VISIT_TABLE_POST around a table
 */
struct pt_walk_ctx {
	u64 addr;
	u64 start;
	u64 end;
	unsigned int level;
	u64 *ptep;
	unsigned int flags;
};

#define PT_VISIT_LEAF		BIT(0)
#define PT_VISIT_TABLE_PRE	BIT(1)
#define PT_VISIT_TABLE_POST	BIT(2)

/**
 * typedef pt_visitor_t - called by pt_walk() for each entry in range
 *
 * A LEAF visitor may turn the entry into a table (the walker then
 * descends into it). Return 0 to go on, or a negative errno to stop.
 */
typedef int (*pt_visitor_t)(struct pgtable *pt, struct pt_walk_ctx *ctx,
			    void *arg);

/**
 * pt_walk() - visit every entry translating [addr, addr + size)
 * @pt:		tables
 * @addr:	start, page aligned
 * @size:	bytes, page multiple
 * @visit:	visitor
 * @flags:	PT_VISIT_* the visitor wants to see
 * @arg:	passed to @visit
 *
 * Return: 0, the visitor's error, or -ERANGE if outside @pt->ia_bits.
 */
int pt_walk(struct pgtable *pt, u64 addr, u64 size, pt_visitor_t visit,
	    unsigned int flags, void *arg);

/**
 * pt_init() - allocate the root table
 * @pt:		to fill in
 * @stage:	enum pt_stage
 * @ia_bits:	32..48
 * @vmid:	stage 2 VMID (for TLB maintenance)
 * @mm:		allocator
 *
 * Return: 0, -EINVAL for an unsupported @ia_bits, -ENOMEM.
 */
int pt_init(struct pgtable *pt, enum pt_stage stage, unsigned int ia_bits,
	    unsigned int vmid, const struct pt_mm_ops *mm);

/**
 * pt_map() - map [addr, addr + size) to [phys, phys + size)
 * @prot:	PT_READ | PT_WRITE | PT_EXEC | PT_DEVICE
 *
 * Uses the largest block (1 GiB, 2 MiB, 4 KiB) that alignment of both
 * addresses allows. Refuses, changing nothing, if any page of the range
 * is already mapped.
 *
 * Return: 0, -EINVAL (alignment, range), -EEXIST, -ENOMEM (nothing left
 * mapped).
 */
int pt_map(struct pgtable *pt, u64 addr, u64 phys, u64 size,
	   unsigned int prot);

/**
 * pt_unmap() - remove every translation in [addr, addr + size)
 *
 * Blocks that straddle the range are split (break-before-make), tables
 * left empty are freed. Unmapped holes are fine.
 *
 * Return: 0, -EINVAL, -ENOMEM (splitting failed; the range may be
 * partially unmapped).
 */
int pt_unmap(struct pgtable *pt, u64 addr, u64 size);

/**
 * pt_translate() - look one address up
 * @phys:	set to the output address
 * @prot:	set to the PT_* bits of the mapping (may be NULL)
 * @level:	set to the level of the leaf (may be NULL)
 *
 * Return: 0, or -ENOENT if @addr is not mapped.
 */
int pt_translate(struct pgtable *pt, u64 addr, u64 *phys, unsigned int *prot,
		 unsigned int *level);

/**
 * pt_destroy() - free every table page, the root included
 *
 * The tables must no longer be in use by any CPU.
 */
void pt_destroy(struct pgtable *pt);

/**
 * pt_root_phys() - physical address of the root, for TTBR0/VTTBR
 */
u64 pt_root_phys(const struct pgtable *pt);

#endif /* ASM_PAGING_H */
