/* SPDX-License-Identifier: GPL-2.0 */
/* Validation of the boot-info page a service cell receives from the kernel. */
#include "internal.h"

/* Runs with the MMU off: plain loops, no library calls. */

#define VA_LIMIT	(1ULL << BH_RT_VA_BITS)

static int range_ok(uint64_t base, uint64_t size)
{
	return size && !((base | size) & (BH_RT_PAGE_SIZE - 1)) &&
	       base + size > base && base + size <= VA_LIMIT;
}

static int overlap(uint64_t a, uint64_t as, uint64_t b, uint64_t bs)
{
	return a < b + bs && b < a + as;
}

static int name_ok(const char *s, unsigned int len)
{
	unsigned int i;

	for (i = 0; i < len; i++)
		if (!s[i])
			return 1;
	return 0;
}

static int region_ok(const struct bh_svc_region *r)
{
	if (!range_ok(r->base, r->size) || r->reserved ||
	    (r->flags & ~BH_SVC_REGION_FLAGS) ||
	    !name_ok(r->name, BH_SVC_REGION_NAME_LEN))
		return 0;
	switch (r->type) {
	case BH_SVC_REGION_CHANNEL:
		return !(r->flags & BH_SVC_REGION_RO);
	case BH_SVC_REGION_SHARED:
	case BH_SVC_REGION_MMIO:
		return !(r->flags & BH_SVC_CHAN_END_A);
	case BH_SVC_REGION_LOG:
		return r->flags == BH_SVC_REGION_RO;
	}
	return 0;
}

int bh_svc_boot_validate(const struct bh_svc_boot *bi, uint64_t img_start,
			 uint64_t img_end)
{
	const struct bh_svc_region *r, *q;
	unsigned int i, j;

	if (bi->magic != BH_SVC_BOOT_MAGIC ||
	    bi->version != BH_SVC_BOOT_VERSION ||
	    bi->size != sizeof(*bi) || (bi->flags & ~BH_SVC_BOOT_FLAGS) ||
	    bi->nr_regions > BH_SVC_MAX_REGIONS ||
	    !name_ok(bi->name, BH_SVC_NAME_LEN))
		return -LX_EINVAL;
	for (i = 0; i < sizeof(bi->reserved) / sizeof(bi->reserved[0]); i++)
		if (bi->reserved[i])
			return -LX_EINVAL;
	if (!range_ok(bi->ram_base, bi->ram_size) || img_start >= img_end ||
	    img_start < bi->ram_base ||
	    img_end > bi->ram_base + bi->ram_size)
		return -LX_EINVAL;
	if (bi->console != BH_SVC_NO_CONSOLE &&
	    (bi->console >= bi->nr_regions ||
	     bi->regions[bi->console].type != BH_SVC_REGION_CHANNEL))
		return -LX_EINVAL;

	for (i = 0; i < bi->nr_regions; i++) {
		r = &bi->regions[i];
		if (!region_ok(r) ||
		    overlap(r->base, r->size, bi->ram_base, bi->ram_size))
			return -LX_EINVAL;
		for (j = 0; j < i; j++) {
			q = &bi->regions[j];
			if (overlap(r->base, r->size, q->base, q->size))
				return -LX_EINVAL;
		}
	}
	return 0;
}
