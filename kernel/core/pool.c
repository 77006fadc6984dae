/* SPDX-License-Identifier: GPL-2.0 */
/* Page pool: the part of hypervisor memory after the image and boot description. */
#include <core/bitmap.h>
#include <core/boot.h>
#include <core/lib.h>
#include <core/paging.h>
#include <core/pool.h>
#include <asm/spinlock.h>

#define POOL_MAX_PAGES	65536	/* 256 MiB: the rest of a larger region is unused */

static u64 pool_bitmap[BITMAP_WORDS(POOL_MAX_PAGES)];
static u64 pool_base;
static unsigned long pool_pages;
static unsigned long pool_used_max;
static spinlock_t pool_lock;

void pool_init(u64 start, u64 end)
{
	pool_base = start;
	pool_pages = MIN((end - start) / PAGE_SIZE_4K, POOL_MAX_PAGES);
	pool_used_max = 0;
	memset(pool_bitmap, 0, sizeof(pool_bitmap));
}

u64 pool_high_water(void)
{
	return pool_base + pool_used_max * PAGE_SIZE_4K;
}

unsigned long pool_total_pages(void)
{
	return pool_pages;
}

unsigned long pool_free_pages(void)
{
	return pool_pages - bitmap_weight(pool_bitmap, pool_pages);
}

void *page_alloc(unsigned int pages)
{
	unsigned long first;
	void *addr = NULL;

	if (kernel_locks_on)
		spin_lock(&pool_lock);
	first = bitmap_find_zero_area(pool_bitmap, pool_pages, pages);
	if (pages && first < pool_pages) {
		bitmap_set_range(pool_bitmap, first, pages, true);
		pool_used_max = MAX(pool_used_max, first + pages);
		addr = (void *)(uintptr_t)(pool_base + first * PAGE_SIZE_4K);
	}
	if (kernel_locks_on)
		spin_unlock(&pool_lock);
	if (addr)
		memset(addr, 0, (size_t)pages * PAGE_SIZE_4K);
	return addr;
}

void page_free(void *addr, unsigned int pages)
{
	unsigned long first = ((uintptr_t)addr - pool_base) / PAGE_SIZE_4K;

	if (kernel_locks_on)
		spin_lock(&pool_lock);
	bitmap_set_range(pool_bitmap, first, pages, false);
	if (kernel_locks_on)
		spin_unlock(&pool_lock);
}
