/* SPDX-License-Identifier: GPL-2.0 */
/* The kernel's own address space (identity map) and its page pool. */
#ifndef CORE_PAGING_H
#define CORE_PAGING_H

#include <core/types.h>

/**
 * paging_map_device() - map device registers into the kernel's address space
 * @phys:	physical address (page aligned)
 * @size:	bytes (rounded up to pages)
 *
 * Device-nGnRE, execute-never, read-write. The kernel runs with an
 * identity map, so the result equals @phys. Mapping a range that is
 * already mapped with the same attributes is allowed (returns it again).
 * Only during launch on the first CPU (MMU on).
 *
 * Return: the virtual address, or NULL on error (logged).
 */
void *paging_map_device(u64 phys, u64 size);

/**
 * paging_map_memory() - map a cell's RAM into the kernel's address space
 * @phys:	physical address (page aligned)
 * @size:	bytes (page multiple)
 *
 * Normal write-back, execute-never, read-write, identity mapped: for
 * restoring a service cell's memory. Mapping it again is allowed. Only
 * during launch on the first CPU (MMU on).
 *
 * Return: the virtual address, or NULL on error (logged).
 */
void *paging_map_memory(u64 phys, u64 size);

/**
 * page_alloc() - allocate zeroed, page-aligned memory from the pool
 * @pages:	number of contiguous 4 KiB pages
 *
 * Return: virtual (== physical) address, or NULL if the pool is exhausted.
 */
void *page_alloc(unsigned int pages);

/**
 * page_free() - give pages back to the pool
 * @addr:	an address returned by page_alloc()
 * @pages:	the count given to page_alloc()
 */
void page_free(void *addr, unsigned int pages);

#endif /* CORE_PAGING_H */
