/* SPDX-License-Identifier: GPL-2.0 */
/* Reader of the kernel's log ring (logring.h), for the console service. */
#ifndef CONSOLE_LOG_H
#define CONSOLE_LOG_H

#include <stddef.h>
#include <stdint.h>
#include <bulkhead/logring.h>

/* con_log_read() once the ring's header was found corrupt */
#define CON_LOG_CORRUPT		(-1)

/**
 * struct con_log - the reader's private state
 * @ring:	the mapped header (read-only, written by the kernel)
 * @data:	the ring's bytes
 * @size:	data bytes, a power of two, from the validated header
 * @data_off:	offset of the data, from the validated header
 * @pos:	position of the next byte to read
 * @lost:	bytes the kernel overwrote before we could read them
 * @dead:	the header failed a check: nothing is read any more
 * @reported:	con_log_read() has returned CON_LOG_CORRUPT
 * @why:	what failed, for the one report
 */
struct con_log {
	const struct bh_log_ring *ring;
	const uint8_t *data;
	uint64_t size;
	uint64_t data_off;
	uint64_t pos;
	uint64_t lost;
	int dead;
	int reported;
	const char *why;
};

/**
 * con_log_attach() - check a log region and start reading it
 * @l:		reader state
 * @mem:	the region (boot-info region of type BH_SVC_REGION_LOG), or
 *		NULL when the service has none
 * @size:	bytes mapped at @mem
 *
 * Copies @size and @data_off out of the header once and checks them:
 * magic, a power-of-two size larger than BH_LOG_WRITE_MAX, data page
 * aligned, past the header and inside @size. Reading starts at the oldest
 * byte the kernel cannot be overwriting.
 *
 * Return: 0, or CON_LOG_CORRUPT with @l->why set; the first
 * con_log_read() then reports it once as well.
 */
int con_log_attach(struct con_log *l, const void *mem, uint64_t size);

/**
 * con_log_read() - copy out bytes the kernel logged since the last read
 * @l:		reader state
 * @buf:	where they go
 * @max:	at most this many
 *
 * Follows the protocol of logring.h, lock-free against the writer: bytes
 * the writer may have overwritten while we copied them are dropped and
 * counted in @l->lost. The header is re-checked on every call; a
 * magic or size that changed, or a head that went backwards, stops the
 * reader for good.
 *
 * Return: bytes placed in @buf (0: nothing new, or the reader stopped);
 * CON_LOG_CORRUPT exactly once, when the reader stops (@l->why says why).
 */
long con_log_read(struct con_log *l, void *buf, size_t max);

#endif /* CONSOLE_LOG_H */
