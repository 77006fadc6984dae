/* SPDX-License-Identifier: GPL-2.0 */
/* Lock-free reader of the kernel's log ring, with the overwrite check. */
#include <string.h>
#include "log.h"

#define LOG_PAGE	4096ULL

static int stop(struct con_log *l, const char *why)
{
	l->dead = 1;
	l->why = why;
	return CON_LOG_CORRUPT;
}

static uint64_t load_acquire(const uint64_t *p)
{
	return __atomic_load_n(p, __ATOMIC_ACQUIRE);
}

static uint64_t load_once(const uint64_t *p)
{
	return __atomic_load_n(p, __ATOMIC_RELAXED);
}

/* Lowest position the writer cannot be overwriting once head is @h */
static uint64_t safe_from(const struct con_log *l, uint64_t h)
{
	uint64_t span = l->size - BH_LOG_WRITE_MAX;

	return h > span ? h - span : 0;
}

int con_log_attach(struct con_log *l, const void *mem, uint64_t size)
{
	const struct bh_log_ring *r = mem;
	uint64_t rsize, off;

	memset(l, 0, sizeof(*l));
	if (!mem || size < sizeof(*r))
		return stop(l, "no log region");
	l->ring = r;
	if (load_once(&r->magic) != BH_LOG_MAGIC)
		return stop(l, "bad magic");
	rsize = load_once(&r->size);
	off = load_once(&r->data_off);
	if (rsize <= 2 * BH_LOG_WRITE_MAX || (rsize & (rsize - 1)))
		return stop(l, "bad size");
	if (!off || off % LOG_PAGE || off > size || rsize > size - off)
		return stop(l, "data outside the region");
	l->size = rsize;
	l->data_off = off;
	l->data = (const uint8_t *)mem + off;
	l->pos = safe_from(l, load_acquire(&r->head));
	return 0;
}

/* The header must still say what it said at attach time */
static int check_header(struct con_log *l)
{
	const struct bh_log_ring *r = l->ring;

	if (load_once(&r->magic) != BH_LOG_MAGIC)
		return stop(l, "bad magic");
	if (load_once(&r->size) != l->size ||
	    load_once(&r->data_off) != l->data_off)
		return stop(l, "size changed");
	return 0;
}

static void copy_ring(const struct con_log *l, uint8_t *dst, uint64_t from,
		      size_t n)
{
	uint64_t off = from & (l->size - 1);
	size_t first = l->size - off < n ? l->size - off : n;

	memcpy(dst, l->data + off, first);
	memcpy(dst + first, l->data, n - first);
}

/* One attempt; 0 may mean every byte copied was possibly overwritten */
static long read_once(struct con_log *l, uint8_t *buf, size_t max)
{
	uint64_t h1, h2, start, end, safe;
	size_t n, skip;

	if (check_header(l))
		return CON_LOG_CORRUPT;
	h1 = load_acquire(&l->ring->head);
	if (h1 < l->pos)
		return stop(l, "head moved backwards");
	start = l->pos;
	if (h1 - start > l->size)
		start = h1 - l->size;
	end = h1 - start > max ? start + max : h1;
	n = end - start;
	if (!n)
		return 0;
	copy_ring(l, buf, start, n);
	/*
	 * The copy's loads must be done before head is read again. A
	 * load-acquire orders only the accesses after it; the acquire fence
	 * is a DMB ISHLD, which makes every load before it
	 * barrier-ordered-before the loads after it (Arm ARM B2.3, "Barrier
	 * instructions"), as in a seqlock reader.
	 */
	__atomic_thread_fence(__ATOMIC_ACQUIRE);
	h2 = load_acquire(&l->ring->head);
	if (h2 < h1)
		return stop(l, "head moved backwards");
	l->lost += start - l->pos;
	l->pos = end;
	safe = safe_from(l, h2);
	if (safe <= start)
		return n;
	skip = safe >= end ? n : safe - start;
	l->lost += skip;
	memmove(buf, buf + skip, n - skip);
	return n - skip;
}

long con_log_read(struct con_log *l, void *buf, size_t max)
{
	long n = 0;
	int tries;

	if (l->dead) {
		if (l->reported)
			return 0;
		l->reported = 1;
		return CON_LOG_CORRUPT;
	}
	/* a writer racing ahead can void a whole copy; try a few times */
	for (tries = 0; tries < 4 && !n; tries++) {
		n = read_once(l, buf, max);
		if (n < 0) {
			l->reported = 1;
			return n;
		}
		if (!n && l->pos == load_acquire(&l->ring->head))
			break;
	}
	return n;
}
