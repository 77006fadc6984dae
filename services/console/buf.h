/* SPDX-License-Identifier: GPL-2.0 */
/* Console buffers: a byte ring per cell and one for the kernel's log. */
#ifndef CONSOLE_BUF_H
#define CONSOLE_BUF_H

#include <stddef.h>
#include <stdint.h>

/*
 * Each buffer keeps the last bytes written to it. Bytes are numbered by
 * free-running positions (bytes ever written), so a reader that holds a
 * position asks for what came after it and learns, from the position of
 * the first byte it gets, whether older bytes were dropped meanwhile.
 */

/**
 * struct con_buf - one console buffer
 * @data:	the ring
 * @mask:	ring size - 1; the size is a power of two
 * @head:	bytes ever written: the position of the next byte
 */
struct con_buf {
	uint8_t *data;
	uint64_t mask;
	uint64_t head;
};

/**
 * con_buf_init() - set up an empty buffer
 * @b:		the buffer
 * @mem:	its ring
 * @size:	bytes at @mem, a power of two
 */
void con_buf_init(struct con_buf *b, void *mem, uint64_t size);

/**
 * con_buf_write() - append bytes, dropping the oldest if needed
 * @b:		the buffer
 * @p:		the bytes
 * @n:		how many
 */
void con_buf_write(struct con_buf *b, const void *p, size_t n);

/**
 * con_buf_oldest() - position of the oldest byte still kept
 * @b:		the buffer
 */
uint64_t con_buf_oldest(const struct con_buf *b);

/**
 * con_buf_read() - copy bytes from a position on
 * @b:		the buffer
 * @pos:	position to read from. Below the oldest byte kept, reading
 *		starts at the oldest; above the head (a position from before
 *		the service restarted) also at the oldest.
 * @out:	where the bytes go
 * @max:	at most this many
 * @from:	set to the position of the first byte copied
 *
 * Return: bytes copied; the next position to ask for is *@from + that.
 */
size_t con_buf_read(const struct con_buf *b, uint64_t pos, void *out,
		    size_t max, uint64_t *from);

/**
 * con_buf_last_lines() - where the last lines of a buffer start
 * @b:		the buffer
 * @lines:	how many lines; an unfinished last line counts
 *
 * Return: the position of the first byte of those lines, the oldest
 * byte kept if the buffer holds fewer, the head if @lines is 0.
 */
uint64_t con_buf_last_lines(const struct con_buf *b, unsigned int lines);

/**
 * struct con_bufs - the console buffers of the service
 * @kernel:	the kernel's log
 * @cell:	cell id per cell buffer, valid for the first @nr_cells
 * @cells:	the cell buffers
 * @nr_cells:	cell buffers in use
 * @max_cells:	entries in @cell and @cells
 * @cell_mem:	ring memory of the cell buffers, @cell_size bytes each
 * @cell_size:	bytes per cell ring, a power of two
 * @dropped:	bytes from cells that found every buffer taken
 */
struct con_bufs {
	struct con_buf kernel;
	uint32_t *cell;
	struct con_buf *cells;
	unsigned int nr_cells;
	unsigned int max_cells;
	uint8_t *cell_mem;
	uint64_t cell_size;
	uint64_t dropped;
};

/**
 * con_bufs_init() - set up empty buffers
 * @t:		the buffers
 * @kmem:	ring of the kernel's log
 * @ksize:	bytes at @kmem, a power of two
 * @ids:	@max_cells entries for the cell ids
 * @cells:	@max_cells buffers
 * @cmem:	@max_cells * @csize bytes of rings for them
 * @csize:	bytes per cell ring, a power of two
 * @max_cells:	cells that can have a buffer
 */
void con_bufs_init(struct con_bufs *t, void *kmem, uint64_t ksize,
		   uint32_t *ids, struct con_buf *cells, void *cmem,
		   uint64_t csize, unsigned int max_cells);

/**
 * con_bufs_find() - the buffer of a cell, or of the kernel
 * @t:		the buffers
 * @cell:	cell id, or BH_RPC_LOG_KERNEL (0xffffffff) for the kernel's
 *
 * Return: the buffer, or NULL if the cell has written nothing yet.
 */
struct con_buf *con_bufs_find(struct con_bufs *t, uint32_t cell);

/**
 * con_bufs_cell_write() - append a cell's console output
 * @t:		the buffers
 * @cell:	the cell id (not BH_RPC_LOG_KERNEL)
 * @p:		the bytes
 * @n:		how many
 *
 * Takes a free buffer on the cell's first output; when none is left the
 * bytes are counted in @t->dropped.
 */
void con_bufs_cell_write(struct con_bufs *t, uint32_t cell, const void *p,
			 size_t n);

#endif /* CONSOLE_BUF_H */
