/* SPDX-License-Identifier: GPL-2.0 */
/* One walker for VMSAv8-64 tables (4 KiB granule), EL2 stage 1 and stage 2. */
#include <core/lib.h>
#include <asm/barrier.h>
#include <asm/paging.h>
#include <asm/sysreg.h>

#define PTE_VALID		BIT(0)
#define PTE_TABLE		BIT(1)	/* table (levels 0-2) or page (level 3) */
#define PTE_ATTRIDX(i)		((u64)(i) << 2)
#define PTE_S1_AP_RES1		BIT(6)	/* AP[1]: RES1 in the EL2 regime */
#define PTE_S1_RDONLY		BIT(7)	/* AP[2] */
#define PTE_S2_READ		BIT(6)	/* S2AP[0] */
#define PTE_S2_WRITE		BIT(7)	/* S2AP[1] */
#define PTE_S2_MEM_NORMAL	(0xfUL << 2)	/* Normal, inner/outer WB */
#define PTE_S2_MEM_DEVICE	(0x1UL << 2)	/* Device-nGnRE */
#define PTE_S2_MEM_MASK		(0xfUL << 2)
#define PTE_SH_INNER		(3UL << 8)
#define PTE_AF			BIT(10)
#define PTE_XN			BIT(54)
#define PTE_ADDR_MASK		0x0000fffffffff000UL

static bool pte_valid(u64 pte)
{
	return pte & PTE_VALID;
}

static bool pte_is_table(u64 pte, unsigned int level)
{
	return level < 3 && (pte & (PTE_VALID | PTE_TABLE)) ==
		(PTE_VALID | PTE_TABLE);
}

static u64 *pte_child(struct pgtable *pt, u64 pte)
{
	return pt->mm->phys_to_virt(pt->mm->ctx, pte & PTE_ADDR_MASK);
}

static u64 prot_to_pte(const struct pgtable *pt, unsigned int prot)
{
	u64 pte = PTE_AF | PTE_SH_INNER;

	if (!(prot & PT_EXEC))
		pte |= PTE_XN;
	if (pt->stage == PT_STAGE1_EL2) {
		pte |= PTE_S1_AP_RES1;
		pte |= PTE_ATTRIDX(prot & PT_DEVICE ? MAIR_IDX_DEVICE :
				   MAIR_IDX_NORMAL);
		if (!(prot & PT_WRITE))
			pte |= PTE_S1_RDONLY;
	} else {
		pte |= prot & PT_DEVICE ? PTE_S2_MEM_DEVICE :
			PTE_S2_MEM_NORMAL;
		pte |= prot & PT_READ ? PTE_S2_READ : 0;
		pte |= prot & PT_WRITE ? PTE_S2_WRITE : 0;
	}
	return pte;
}

static unsigned int pte_to_prot(const struct pgtable *pt, u64 pte)
{
	unsigned int prot = pte & PTE_XN ? 0 : PT_EXEC;

	if (pt->stage == PT_STAGE1_EL2) {
		prot |= PT_READ;
		prot |= pte & PTE_S1_RDONLY ? 0 : PT_WRITE;
		if (((pte >> 2) & 7) == MAIR_IDX_DEVICE)
			prot |= PT_DEVICE;
	} else {
		prot |= pte & PTE_S2_READ ? PT_READ : 0;
		prot |= pte & PTE_S2_WRITE ? PT_WRITE : 0;
		if ((pte & PTE_S2_MEM_MASK) == PTE_S2_MEM_DEVICE)
			prot |= PT_DEVICE;
	}
	return prot;
}

/*
 * Remove the translation of one entry from every TLB (and walk cache) in
 * the Inner Shareable domain. The entry itself was already written.
 * Arm ARM (DDI 0487), "Using break-before-make when updating translation
 * table entries": the store of the invalid entry must be complete (DSB)
 * before the TLBI, and the TLBI complete (DSB) before a new valid entry
 * is written.
 */
static void tlb_inval_entry(struct pgtable *pt, u64 addr)
{
	u64 vttbr;

	if (!pt->live)
		return;
	dsb(ishst);
	if (pt->stage == PT_STAGE1_EL2) {
		tlbi_vae2is(addr);
	} else {
		vttbr = stage2_tlb_enter(pt_root_phys(pt) |
					 (u64)pt->vmid << VTTBR_VMID_SHIFT);
		tlbi_ipas2e1is(addr);
		/*
		 * IPAS2E1IS leaves combined stage 1+2 entries alone: those
		 * go with VMALLE1IS once the IPA-based one completed (Arm
		 * ARM, "TLB maintenance instructions": IPAS2E1IS invalidates
		 * stage 2 only entries).
		 */
		dsb(ish);
		tlbi_vmalle1is();
		stage2_tlb_exit(vttbr);
	}
	dsb(ish);
	isb();
}

struct walk {
	pt_visitor_t visit;
	unsigned int flags;
	void *arg;
	u64 start;
	u64 end;
};

static int walk_table(struct pgtable *pt, struct walk *w, u64 *table,
		      unsigned int level, u64 addr, u64 end)
{
	u64 size = PT_LEVEL_SIZE(level);
	struct pt_walk_ctx ctx;
	int ret;

	while (addr < end) {
		u64 base = addr & ~(size - 1);
		u64 next = base + size;
		u64 *ptep = &table[(addr >> PT_LEVEL_SHIFT(level)) % PT_ENTRIES];

		ctx = (struct pt_walk_ctx){ .addr = base, .start = w->start,
			.end = w->end, .level = level, .ptep = ptep };
		if (!pte_is_table(READ_ONCE(*ptep), level)) {
			if (w->flags & PT_VISIT_LEAF) {
				ctx.flags = PT_VISIT_LEAF;
				ret = w->visit(pt, &ctx, w->arg);
				if (ret)
					return ret;
			}
		} else if (w->flags & PT_VISIT_TABLE_PRE) {
			ctx.flags = PT_VISIT_TABLE_PRE;
			ret = w->visit(pt, &ctx, w->arg);
			if (ret)
				return ret;
		}
		if (pte_is_table(READ_ONCE(*ptep), level)) {
			ret = walk_table(pt, w, pte_child(pt, *ptep), level + 1,
					 addr, MIN(end, next));
			if (ret)
				return ret;
			if (w->flags & PT_VISIT_TABLE_POST) {
				ctx.flags = PT_VISIT_TABLE_POST;
				ret = w->visit(pt, &ctx, w->arg);
				if (ret)
					return ret;
			}
		}
		if (next == 0)
			break;
		addr = next;
	}
	return 0;
}

int pt_walk(struct pgtable *pt, u64 addr, u64 size, pt_visitor_t visit,
	    unsigned int flags, void *arg)
{
	struct walk w = { visit, flags, arg, addr, addr + size };
	u64 limit = 1UL << pt->ia_bits;

	if (!IS_ALIGNED(addr | size, PAGE_SIZE) || !size)
		return -EINVAL;
	if (addr >= limit || size > limit - addr)
		return -ERANGE;
	return walk_table(pt, &w, pt->root, pt->start_level, addr, w.end);
}

int pt_init(struct pgtable *pt, enum pt_stage stage, unsigned int ia_bits,
	    unsigned int vmid, const struct pt_mm_ops *mm)
{
	if (ia_bits < 32 || ia_bits > 48)
		return -EINVAL;
	*pt = (struct pgtable){ .stage = stage, .ia_bits = ia_bits,
		.start_level = ia_bits > 39 ? 0 : 1, .vmid = vmid, .mm = mm };
	pt->root = mm->alloc_page(mm->ctx);
	return pt->root ? 0 : -ENOMEM;
}

u64 pt_root_phys(const struct pgtable *pt)
{
	return pt->mm->virt_to_phys(pt->mm->ctx, pt->root);
}

static bool covers(const struct pt_walk_ctx *ctx)
{
	u64 size = PT_LEVEL_SIZE(ctx->level);

	return ctx->addr >= ctx->start && ctx->addr + size - 1 <= ctx->end - 1;
}

static int check_unmapped(struct pgtable *pt, struct pt_walk_ctx *ctx,
			  void *arg)
{
	(void)pt;
	(void)arg;
	return pte_valid(*ctx->ptep) ? -EEXIST : 0;
}

struct map_arg {
	u64 phys;
	u64 attrs;
};


static void set_table(struct pgtable *pt, u64 *ptep, u64 *table)
{
	/*
	 * The child's contents must be observable by the table walker no
	 * later than the entry pointing to it (Arm ARM, "Ordering of
	 * translation table walks": DSB ISHST completes the stores).
	 */
	dsb(ishst);
	WRITE_ONCE(*ptep, pt->mm->virt_to_phys(pt->mm->ctx, table) |
		   PTE_VALID | PTE_TABLE);
}

static int map_visit(struct pgtable *pt, struct pt_walk_ctx *ctx, void *arg)
{
	struct map_arg *m = arg;
	u64 size = PT_LEVEL_SIZE(ctx->level);
	u64 phys = m->phys + (ctx->addr - ctx->start);
	u64 *table;

	if (pte_valid(*ctx->ptep))
		return -EEXIST;
	if (ctx->level >= 1 && covers(ctx) && IS_ALIGNED(phys, size)) {
		WRITE_ONCE(*ctx->ptep, phys | m->attrs |
			   (ctx->level == 3 ? PTE_VALID | PTE_TABLE :
			    PTE_VALID));
		return 0;
	}
	table = pt->mm->alloc_page(pt->mm->ctx);
	if (!table)
		return -ENOMEM;
	set_table(pt, ctx->ptep, table);
	return 0;
}

int pt_map(struct pgtable *pt, u64 addr, u64 phys, u64 size,
	   unsigned int prot)
{
	struct map_arg m = { phys, prot_to_pte(pt, prot) };
	int ret;

	if (!IS_ALIGNED(phys, PAGE_SIZE) || phys + size < phys ||
	    (phys + size - 1) > PTE_ADDR_MASK)
		return -EINVAL;
	ret = pt_walk(pt, addr, size, check_unmapped, PT_VISIT_LEAF, NULL);
	if (ret)
		return ret;
	ret = pt_walk(pt, addr, size, map_visit, PT_VISIT_LEAF, &m);
	if (ret) {
		pt_unmap(pt, addr, size);
		return ret;
	}
	/*
	 * Invalid entries are never held in a TLB, so new mappings need no
	 * TLBI; DSB makes the stores visible to the walker and ISB makes
	 * later instructions of this CPU use them (Arm ARM, "Ordering of
	 * translation table walks" and "Translation faults are not cached").
	 */
	dsb(ishst);
	isb();
	return 0;
}

static bool table_empty(const u64 *table)
{
	unsigned int i;

	for (i = 0; i < PT_ENTRIES; i++)
		if (pte_valid(table[i]))
			return false;
	return true;
}

static int split_block(struct pgtable *pt, struct pt_walk_ctx *ctx)
{
	u64 pte = *ctx->ptep, child = PT_LEVEL_SIZE(ctx->level + 1);
	u64 attrs = pte & ~PTE_ADDR_MASK & ~(PTE_VALID | PTE_TABLE);
	u64 base = pte & PTE_ADDR_MASK & ~(PT_LEVEL_SIZE(ctx->level) - 1);
	u64 leaf = ctx->level + 1 == 3 ? PTE_VALID | PTE_TABLE : PTE_VALID;
	u64 *table = pt->mm->alloc_page(pt->mm->ctx);
	unsigned int i;

	if (!table)
		return -ENOMEM;
	for (i = 0; i < PT_ENTRIES; i++)
		table[i] = (base + i * child) | attrs | leaf;
	/* Break-before-make: invalid entry, TLBI, then the table. */
	WRITE_ONCE(*ctx->ptep, 0);
	tlb_inval_entry(pt, ctx->addr);
	set_table(pt, ctx->ptep, table);
	return 0;
}

static int unmap_visit(struct pgtable *pt, struct pt_walk_ctx *ctx,
		       void *arg)
{
	u64 *table;

	(void)arg;
	if (ctx->flags & PT_VISIT_TABLE_POST) {
		table = pte_child(pt, *ctx->ptep);
		if (!table_empty(table))
			return 0;
		WRITE_ONCE(*ctx->ptep, 0);
		tlb_inval_entry(pt, ctx->addr);
		pt->mm->free_page(pt->mm->ctx, table);
		return 0;
	}
	if (!pte_valid(*ctx->ptep))
		return 0;
	if (!covers(ctx))
		return split_block(pt, ctx);
	WRITE_ONCE(*ctx->ptep, 0);
	tlb_inval_entry(pt, ctx->addr);
	return 0;
}

int pt_unmap(struct pgtable *pt, u64 addr, u64 size)
{
	return pt_walk(pt, addr, size, unmap_visit,
		       PT_VISIT_LEAF | PT_VISIT_TABLE_POST, NULL);
}

struct lookup {
	u64 pte;
	unsigned int level;
};

static int lookup_visit(struct pgtable *pt, struct pt_walk_ctx *ctx,
			void *arg)
{
	struct lookup *l = arg;

	(void)pt;
	l->pte = *ctx->ptep;
	l->level = ctx->level;
	return 0;
}

int pt_translate(struct pgtable *pt, u64 addr, u64 *phys, unsigned int *prot,
		 unsigned int *level)
{
	struct lookup l = { 0, 0 };
	u64 page = addr & ~(PAGE_SIZE - 1);
	int ret;

	ret = pt_walk(pt, page, PAGE_SIZE, lookup_visit, PT_VISIT_LEAF, &l);
	if (ret)
		return ret;
	if (!pte_valid(l.pte))
		return -ENOENT;
	*phys = (l.pte & PTE_ADDR_MASK & ~(PT_LEVEL_SIZE(l.level) - 1)) +
		(addr & (PT_LEVEL_SIZE(l.level) - 1));
	if (prot)
		*prot = pte_to_prot(pt, l.pte);
	if (level)
		*level = l.level;
	return 0;
}

static int free_visit(struct pgtable *pt, struct pt_walk_ctx *ctx, void *arg)
{
	(void)arg;
	pt->mm->free_page(pt->mm->ctx, pte_child(pt, *ctx->ptep));
	*ctx->ptep = 0;
	return 0;
}

void pt_destroy(struct pgtable *pt)
{
	if (!pt->root)
		return;
	pt_walk(pt, 0, 1UL << pt->ia_bits, free_visit, PT_VISIT_TABLE_POST,
		NULL);
	pt->mm->free_page(pt->mm->ctx, pt->root);
	pt->root = NULL;
}
