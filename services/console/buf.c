/* SPDX-License-Identifier: GPL-2.0 */
/* Console buffers: byte rings with free-running positions, one per cell. */
#include <string.h>
#include "buf.h"

#define KERNEL_CELL	0xffffffffU	/* BH_RPC_LOG_KERNEL */

void con_buf_init(struct con_buf *b, void *mem, uint64_t size)
{
	b->data = mem;
	b->mask = size - 1;
	b->head = 0;
}

void con_buf_write(struct con_buf *b, const void *p, size_t n)
{
	const uint8_t *s = p;
	uint64_t size = b->mask + 1, off;
	size_t first;

	/* only the last size bytes can survive */
	if (n > size) {
		b->head += n - size;
		s += n - size;
		n = size;
	}
	off = b->head & b->mask;
	first = size - off < n ? size - off : n;
	memcpy(b->data + off, s, first);
	memcpy(b->data, s + first, n - first);
	b->head += n;
}

uint64_t con_buf_oldest(const struct con_buf *b)
{
	return b->head > b->mask ? b->head - b->mask - 1 : 0;
}

size_t con_buf_read(const struct con_buf *b, uint64_t pos, void *out,
		    size_t max, uint64_t *from)
{
	uint64_t oldest = con_buf_oldest(b), off, n;
	uint8_t *d = out;
	size_t first;

	if (pos < oldest || pos > b->head)
		pos = oldest;
	n = b->head - pos < max ? b->head - pos : max;
	off = pos & b->mask;
	first = b->mask + 1 - off < n ? b->mask + 1 - off : n;
	memcpy(d, b->data + off, first);
	memcpy(d + first, b->data, n - first);
	*from = pos;
	return n;
}

static uint8_t byte_at(const struct con_buf *b, uint64_t pos)
{
	return b->data[pos & b->mask];
}

uint64_t con_buf_last_lines(const struct con_buf *b, unsigned int lines)
{
	uint64_t oldest = con_buf_oldest(b), p = b->head;

	if (!lines)
		return p;
	/* a final newline ends the last line, it does not start one */
	if (p > oldest && byte_at(b, p - 1) == '\n')
		p--;
	for (; p > oldest; p--) {
		if (byte_at(b, p - 1) == '\n' && !--lines)
			return p;
	}
	return oldest;
}

void con_bufs_init(struct con_bufs *t, void *kmem, uint64_t ksize,
		   uint32_t *ids, struct con_buf *cells, void *cmem,
		   uint64_t csize, unsigned int max_cells)
{
	memset(t, 0, sizeof(*t));
	con_buf_init(&t->kernel, kmem, ksize);
	t->cell = ids;
	t->cells = cells;
	t->cell_mem = cmem;
	t->cell_size = csize;
	t->max_cells = max_cells;
}

struct con_buf *con_bufs_find(struct con_bufs *t, uint32_t cell)
{
	unsigned int i;

	if (cell == KERNEL_CELL)
		return &t->kernel;
	for (i = 0; i < t->nr_cells; i++)
		if (t->cell[i] == cell)
			return &t->cells[i];
	return NULL;
}

void con_bufs_cell_write(struct con_bufs *t, uint32_t cell, const void *p,
			 size_t n)
{
	struct con_buf *b = con_bufs_find(t, cell);
	unsigned int i = t->nr_cells;

	if (!b && cell != KERNEL_CELL && i < t->max_cells) {
		t->cell[i] = cell;
		b = &t->cells[i];
		con_buf_init(b, t->cell_mem + i * t->cell_size, t->cell_size);
		t->nr_cells++;
	}
	if (!b || b == &t->kernel) {
		t->dropped += n;
		return;
	}
	con_buf_write(b, p, n);
}
