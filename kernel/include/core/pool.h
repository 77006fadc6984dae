/* SPDX-License-Identifier: GPL-2.0 */
/* Set-up of the page pool behind page_alloc() (core/paging.h). */
#ifndef CORE_POOL_H
#define CORE_POOL_H

#include <core/types.h>

#define PAGE_SIZE_4K	4096UL

/**
 * pool_init() - hand [start, end) to the page pool, all pages free
 * @start:	page aligned
 * @end:	page aligned, > @start
 *
 * On the first CPU during launch, before any page_alloc().
 */
void pool_init(u64 start, u64 end);

/**
 * pool_high_water() - end of the highest page ever allocated
 *
 * Everything written with the MMU off lies below it: the launch cleans
 * [hypervisor base, high water) to the PoC before turning the MMU on.
 */
u64 pool_high_water(void);

/** pool_total_pages() - pages the pool manages */
unsigned long pool_total_pages(void);

/** pool_free_pages() - pages still free, for the banner */
unsigned long pool_free_pages(void);

#endif /* CORE_POOL_H */
