/* SPDX-License-Identifier: GPL-2.0 */
/* The kernel's log ring as a service with the "log" capability sees it. */
#ifndef BULKHEAD_LOGRING_H
#define BULKHEAD_LOGRING_H

#include <bulkhead/types.h>

/*
 * The kernel writes every log line into a byte ring and publishes the new
 * head (bytes ever written) with a store-release after the bytes. A
 * service with BH_SVC_CAP_LOG has the ring mapped read-only (boot-info
 * region of type BH_SVC_REGION_LOG) and reads it without a lock:
 *
 *	h1 = load-acquire(head)
 *	copy the bytes [max(pos, h1 - size), h1)
 *	DMB ISHLD	(the copy's loads complete before head is read again;
 *			 an acquire orders only what follows it)
 *	h2 = load(head)
 *	keep only the bytes at positions >= h2 + BH_LOG_WRITE_MAX - size
 *
 * A writer may be filling up to BH_LOG_WRITE_MAX bytes past h2 that it
 * has not yet published, so those positions minus @size may already hold
 * newer bytes. Data starts at @data_off; @size is a power of two.
 */
#define BH_LOG_MAGIC		0x31474f4c48424842ULL	/* "BHBHLOG1" */
#define BH_LOG_WRITE_MAX	256

/**
 * struct bh_log_ring - header page of the log ring
 * @magic:	BH_LOG_MAGIC
 * @head:	bytes ever written (free-running; position of the next byte)
 * @size:	bytes of data, a power of two
 * @data_off:	offset of the data from this header, page aligned
 * @reserved:	0
 */
struct bh_log_ring {
	uint64_t magic;
	uint64_t head;
	uint64_t size;
	uint64_t data_off;
	uint64_t reserved[4];
};
BH_ASSERT_SIZE(struct bh_log_ring, 64);

#endif /* BULKHEAD_LOGRING_H */
