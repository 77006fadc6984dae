/* SPDX-License-Identifier: GPL-2.0 */
/* The bulkhead CLI <-> bulkheadd protocol on /run/bulkhead.sock. */
#ifndef BULKHEAD_AGENT_DAEMON_H
#define BULKHEAD_AGENT_DAEMON_H

#include <stddef.h>
#include <stdint.h>

/*
 * bulkheadd serves the CLI on a Unix stream socket (mode 0600, root only:
 * the daemon also checks the peer's uid). Both directions carry frames:
 * a struct bhd_frame, then @len bytes of payload, host byte order (both
 * ends run on the same machine).
 *
 * A connection carries requests one after the other. The daemon answers
 * each with zero or more BHD_OUT frames (bytes for the user's stdout, in
 * order) and then exactly one BHD_END frame: @status 0 for success, else
 * 1 and a payload "<what>: <reason>" (no newline) that the CLI prints as
 * "bulkhead: <what>: <reason>". A BHD_REQ_CONSOLE request with
 * BHD_F_FOLLOW has no end: BHD_OUT frames keep coming, about every
 * BHD_FOLLOW_MS, until the client closes the connection.
 *
 * Requests, by @type, with their payload; @slot is the root cspace slot
 * of the endpoint capability whose call carries the request (0: the
 * service's own, with all rights; the test hook for reduced copies):
 *
 *   BHD_REQ_STATUS    none: mgmt VERSION and STATUS, formatted;
 *                     BHD_F_STATS adds mgmt STATS (every CPU)
 *   BHD_REQ_CONSOLE   cell name or id ("" or "hv": the hypervisor log);
 *                     BHD_F_FOLLOW keeps polling console LOG_READ
 *   BHD_REQ_SHELL     one line for the console's debugging shell
 *   BHD_REQ_RAW       service name, NUL, bytes sent as one channel message
 *   BHD_REQ_OVERSIZE  service name: a slot with an impossible length is
 *                     published in the request ring, then recovered from
 *   BHD_REQ_FAULT     service name: TEST_FAULT, the service must fault;
 *                     BHD_F_HANG: TEST_HANG, it must overrun its budget
 *   BHD_REQ_EMULATE   struct bhd_emulate, then the service name
 *   BHD_REQ_STOP      none: unmap every channel, answer, exit
 */
#define BHD_SOCKET		"/run/bulkhead.sock"
#define BHD_PIDFILE		"/run/bulkheadd.pid"
#define BHD_LOGFILE		"/run/bulkheadd.log"
#define BHD_PROGRAM		"/usr/sbin/bulkheadd"

#define BHD_MAX_PAYLOAD		65536U
#define BHD_FOLLOW_MS		200
/* Time lent to the console service when nobody follows it (UART shell) */
#define BHD_LEND_MS		250

enum bhd_type {
	BHD_REQ_STATUS = 1,
	BHD_REQ_CONSOLE,
	BHD_REQ_SHELL,
	BHD_REQ_RAW,
	BHD_REQ_OVERSIZE,
	BHD_REQ_FAULT,
	BHD_REQ_EMULATE,
	BHD_REQ_STOP,
	BHD_OUT = 0x100,
	BHD_END,
};

#define BHD_F_FOLLOW		(1U << 0)
#define BHD_F_STATS		(1U << 1)	/* status: exit counters too */
#define BHD_F_HANG		(1U << 2)	/* fault: by overrunning */

/**
 * struct bhd_frame - header of every frame
 * @len:	payload bytes that follow, at most BHD_MAX_PAYLOAD
 * @type:	enum bhd_type
 * @flags:	BHD_F_* (requests), else 0
 * @slot:	requests: doorbell slot, 0 for the service's own
 * @status:	BHD_END: 0 success, 1 failure; else 0
 */
struct bhd_frame {
	uint32_t len;
	uint16_t type;
	uint16_t flags;
	uint32_t slot;
	int32_t status;
};

/**
 * struct bhd_emulate - BHD_REQ_EMULATE payload, before the service name
 * @ipa:	first byte of the range in the root cell
 * @size:	its size (page aligned)
 */
struct bhd_emulate {
	uint64_t ipa;
	uint64_t size;
};

/**
 * bhd_send() - write one frame
 * @fd:		connected socket
 * @f:		header; @f->len is the payload size
 * @payload:	@f->len bytes (may be NULL when 0)
 *
 * Return: 0, or -errno (EPIPE when the peer is gone).
 */
int bhd_send(int fd, const struct bhd_frame *f, const void *payload);

/**
 * bhd_recv() - read one frame
 * @fd:		connected socket
 * @f:		receives the header
 * @buf:	receives the payload, NUL-terminated
 * @size:	bytes at @buf: at least BHD_MAX_PAYLOAD + 1
 *
 * Return: 0, -ENODATA at a clean end of stream before a frame, -EPROTO
 * for a frame too long, or another -errno.
 */
int bhd_recv(int fd, struct bhd_frame *f, void *buf, size_t size);

/**
 * bhd_connect() - connect to the daemon
 *
 * Return: a socket, or -errno (ENOENT or ECONNREFUSED: not running).
 */
int bhd_connect(void);

#endif /* BULKHEAD_AGENT_DAEMON_H */
