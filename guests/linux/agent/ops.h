/* SPDX-License-Identifier: GPL-2.0 */
/* bulkheadd's answers to the CLI's requests (daemon.h), as text. */
#ifndef BULKHEAD_AGENT_OPS_H
#define BULKHEAD_AGENT_OPS_H

#include <stddef.h>
#include <stdint.h>

#include "daemon.h"
#include "svc.h"

/**
 * struct bhd_out - bytes for the user's stdout, collected
 * @buf:	the bytes (NULL until the first)
 * @len:	bytes used
 * @cap:	bytes allocated
 */
struct bhd_out {
	char *buf;
	size_t len;
	size_t cap;
};

/**
 * bhd_write() - append bytes to @o
 * @o:		the output
 * @p:		bytes
 * @n:		how many
 *
 * Bytes that do not fit in memory are dropped.
 */
void bhd_write(struct bhd_out *o, const void *p, size_t n);

/**
 * bhd_printf() - append formatted text to @o
 * @o:		the output
 * @fmt:	printf format
 */
void bhd_printf(struct bhd_out *o, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/**
 * bhd_request() - answer one request of the CLI
 * @d:		the daemon
 * @f:		the request's header (not BHD_REQ_STOP)
 * @payload:	its payload, NUL-terminated after @f->len bytes
 * @out:	receives what the user sees on stdout
 * @err:	filled on failure
 *
 * A console request with BHD_F_FOLLOW returns what is there now; the
 * caller polls bhd_console_poll() for the rest.
 *
 * Return: 0 or -1.
 */
int bhd_request(struct bhd *d, const struct bhd_frame *f,
		const char *payload, struct bhd_out *out, struct bhd_err *err);

/**
 * struct bhd_follow - a console being followed
 * @cell:	cell id, or BH_RPC_LOG_KERNEL
 * @slot:	doorbell slot (0: the console's own)
 * @pos:	next byte position to read
 */
struct bhd_follow {
	uint32_t cell;
	uint32_t slot;
	uint64_t pos;
};

/**
 * bhd_console_start() - parse a console request and read what is there
 * @d:		the daemon
 * @f:		the BHD_REQ_CONSOLE header
 * @cell:	the payload: cell name or id, "" or "hv" for the kernel log
 * @fl:		receives the follow state
 * @out:	receives the bytes
 * @err:	filled on failure
 *
 * Return: 0 or -1.
 */
int bhd_console_start(struct bhd *d, const struct bhd_frame *f,
		      const char *cell, struct bhd_follow *fl,
		      struct bhd_out *out, struct bhd_err *err);

/**
 * bhd_console_poll() - read the bytes that arrived since the last read
 * @d:		the daemon
 * @fl:		the follow state, advanced
 * @out:	receives the bytes
 * @err:	filled on failure
 *
 * Each call lends the console service the time of its LOG_READ calls:
 * this is when it drains the kernel's log ring.
 *
 * Return: 0 or -1.
 */
int bhd_console_poll(struct bhd *d, struct bhd_follow *fl,
		     struct bhd_out *out, struct bhd_err *err);

/**
 * bhd_status() - mgmt VERSION and STATUS (and STATS), formatted
 * @d:		the daemon
 * @slot:	doorbell slot (0: mgmt's own)
 * @stats:	also ask STATS for every CPU: exits by reason
 * @out:	receives the text
 * @err:	filled on failure
 *
 * Return: 0 or -1.
 */
int bhd_status(struct bhd *d, uint64_t slot, int stats,
	       struct bhd_out *out, struct bhd_err *err);

#endif /* BULKHEAD_AGENT_OPS_H */
