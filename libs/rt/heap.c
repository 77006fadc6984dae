/* SPDX-License-Identifier: GPL-2.0 */
/* brk and anonymous mmap over one fixed range of RAM. */
#include "internal.h"

/*
 * brk grows up from the bottom, mmap hands out pages downwards from the
 * top, like a Linux process's heap and mmap base. Freed mmap ranges go to
 * a sorted list of holes that later mmaps reuse first-fit; a hole that
 * reaches the lowest mapping moves that boundary back up instead. musl's
 * malloc maps and unmaps often, so without reuse a long-running service
 * would run out.
 */

#define MAP_KNOWN	(LX_MAP_TYPE | LX_MAP_FIXED | LX_MAP_ANONYMOUS | \
			 LX_MAP_NORESERVE | LX_MAP_POPULATE | LX_MAP_STACK)

void bh_rt_heap_init(struct bh_rt_heap *h, uint64_t start, uint64_t end)
{
	h->start = start;
	h->end = end;
	h->brk = start;
	h->mmap_low = end;
	h->nholes = 0;
	h->leaked = 0;
}

static void *ptr(uint64_t a)
{
	return (void *)(uintptr_t)a;
}

uint64_t bh_rt_heap_brk(struct bh_rt_heap *h, uint64_t addr)
{
	if (addr < h->start || addr > h->mmap_low)
		return h->brk;
	/* Linux hands out fresh zero pages; RAM here may hold anything */
	if (addr > h->brk)
		memset(ptr(h->brk), 0, addr - h->brk);
	h->brk = addr;
	return addr;
}

static void hole_remove(struct bh_rt_heap *h, unsigned int i, unsigned int n)
{
	unsigned int k;

	for (k = i; k + n < h->nholes; k++)
		h->holes[k] = h->holes[k + n];
	h->nholes -= n;
}

/* Free [a, b): merge into the holes or give it back to the bump range */
static void release(struct bh_rt_heap *h, uint64_t a, uint64_t b)
{
	unsigned int i, j, k;

	if (a < h->mmap_low)
		a = h->mmap_low;
	if (b > h->end)
		b = h->end;
	if (a >= b)
		return;

	if (a == h->mmap_low) {
		h->mmap_low = b;
	} else {
		for (i = 0; i < h->nholes && h->holes[i].end < a; i++)
			;
		for (j = i; j < h->nholes && h->holes[j].start <= b; j++) {
			if (h->holes[j].start < a)
				a = h->holes[j].start;
			if (h->holes[j].end > b)
				b = h->holes[j].end;
		}
		if (i == j) {
			if (h->nholes == BH_RT_HEAP_HOLES) {
				h->leaked += b - a;
				return;
			}
			for (k = h->nholes; k > i; k--)
				h->holes[k] = h->holes[k - 1];
			h->nholes++;
		} else {
			hole_remove(h, i + 1, j - i - 1);
		}
		h->holes[i].start = a;
		h->holes[i].end = b;
	}
	while (h->nholes && h->holes[0].start <= h->mmap_low) {
		if (h->holes[0].end > h->mmap_low)
			h->mmap_low = h->holes[0].end;
		hole_remove(h, 0, 1);
	}
}

static uint64_t take(struct bh_rt_heap *h, uint64_t len)
{
	uint64_t floor = bh_rt_page_up(h->brk), a;
	unsigned int i;

	for (i = 0; i < h->nholes; i++) {
		if (h->holes[i].end - h->holes[i].start < len)
			continue;
		a = h->holes[i].start;
		h->holes[i].start += len;
		if (h->holes[i].start == h->holes[i].end)
			hole_remove(h, i, 1);
		return a;
	}
	if (h->mmap_low - floor < len)
		return 0;
	h->mmap_low -= len;
	return h->mmap_low;
}

/* Round a length up to pages; 0 if it is 0 or larger than the heap */
static uint64_t pages(const struct bh_rt_heap *h, uint64_t len)
{
	if (!len || len > h->end - h->start)
		return 0;
	return bh_rt_page_up(len);
}

long bh_rt_heap_mmap(struct bh_rt_heap *h, uint64_t addr, uint64_t len,
		     long prot, long flags, long fd, uint64_t off)
{
	uint64_t type = flags & LX_MAP_TYPE, a;

	(void)fd;
	if (!len || (flags & ~(long)MAP_KNOWN) || (off & (BH_RT_PAGE_SIZE - 1)))
		return -LX_EINVAL;
	if (type != LX_MAP_PRIVATE && type != LX_MAP_SHARED)
		return -LX_EINVAL;
	if (!(flags & LX_MAP_ANONYMOUS))
		return -LX_ENODEV;
	len = pages(h, len);
	if (!len)
		return -LX_ENOMEM;

	if (flags & LX_MAP_FIXED) {
		/* musl's malloc puts a PROT_NONE guard below its brk area */
		if (prot == LX_PROT_NONE && !(addr & (BH_RT_PAGE_SIZE - 1)) &&
		    addr >= h->start && addr <= h->brk &&
		    len <= bh_rt_page_up(h->brk) - addr)
			return (long)addr;
		return -LX_EINVAL;
	}
	a = take(h, len);
	if (!a)
		return -LX_ENOMEM;
	memset(ptr(a), 0, len);
	return (long)a;
}

long bh_rt_heap_munmap(struct bh_rt_heap *h, uint64_t addr, uint64_t len)
{
	if ((addr & (BH_RT_PAGE_SIZE - 1)) || !len || addr + len < addr)
		return -LX_EINVAL;
	len = bh_rt_page_up(len);
	if (!len || addr + len < addr)
		return -LX_EINVAL;
	release(h, addr, addr + len);
	return 0;
}

long bh_rt_heap_mremap(struct bh_rt_heap *h, uint64_t old, uint64_t old_len,
		       uint64_t new_len, long flags)
{
	uint64_t old_end, new_end;
	long moved;
	unsigned int i;

	if ((old & (BH_RT_PAGE_SIZE - 1)) || (flags & ~(long)LX_MREMAP_MAYMOVE))
		return -LX_EINVAL;
	old_len = pages(h, old_len);
	new_len = pages(h, new_len);
	if (!old_len || !new_len)
		return -LX_EINVAL;
	old_end = old + old_len;
	if (old < h->mmap_low || old_end > h->end || old_end < old)
		return -LX_EFAULT;
	if (new_len <= old_len) {
		release(h, old + new_len, old_end);
		return (long)old;
	}

	new_end = old + new_len;
	for (i = 0; i < h->nholes; i++) {
		if (h->holes[i].start != old_end)
			continue;
		if (h->holes[i].end < new_end)
			break;
		h->holes[i].start = new_end;
		if (h->holes[i].start == h->holes[i].end)
			hole_remove(h, i, 1);
		memset(ptr(old_end), 0, new_end - old_end);
		return (long)old;
	}
	if (!(flags & LX_MREMAP_MAYMOVE))
		return -LX_ENOMEM;
	moved = bh_rt_heap_mmap(h, 0, new_len,
				LX_PROT_READ | LX_PROT_WRITE,
				LX_MAP_PRIVATE | LX_MAP_ANONYMOUS, -1, 0);
	if (moved < 0)
		return moved;
	memcpy(ptr((uint64_t)moved), ptr(old), old_len);
	release(h, old, old_end);
	return moved;
}
