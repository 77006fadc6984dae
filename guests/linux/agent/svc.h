/* SPDX-License-Identifier: GPL-2.0 */
/* bulkheadd's view of the service cells: channels, calls, reconnection. */
#ifndef BULKHEAD_AGENT_SVC_H
#define BULKHEAD_AGENT_SVC_H

#include <stddef.h>
#include <stdint.h>

#include <bulkhead/bootdesc.h>
#include <bulkhead/rpc.h>

#include "client.h"

#define BHD_MAX_SVCS		BH_MAX_CELLS
#define BHD_ERR_LEN		320

/**
 * struct bhd_err - why something failed, for the user
 * @msg:	"<what>: <reason>"
 */
struct bhd_err {
	char msg[BHD_ERR_LEN];
};

struct bhd;

/**
 * struct bhd_svc - one service cell with a root channel
 * @d:		the daemon it belongs to
 * @name:	cell name (HELLO, else the boot description's)
 * @image:	its image file, for messages
 * @cell:	service cell id
 * @slot:	root cspace slot of its endpoint (all rights)
 * @ring_slot:	slot the doorbell uses for the current request
 * @mem:	the channel, mapped through /dev/bulkhead
 * @size:	bytes mapped
 * @reconnects:	times bulkheadd re-attached after a restart or reset
 * @last_fault:	-BH_E_FAULT or -BH_E_TIMEOUT if the last bhd_call() saw
 *		the service stop, else 0
 * @rpc:	our end of the channel (end B)
 */
struct bhd_svc {
	struct bhd *d;
	char name[BH_RPC_NAME_LEN];
	char image[BH_SVC_IMAGE_LEN];
	uint32_t cell;
	uint64_t slot;
	uint64_t ring_slot;
	void *mem;
	uint64_t size;
	unsigned long reconnects;
	int last_fault;
	struct bh_rpc_client rpc;
};

/**
 * struct bhd - the daemon's state
 * @dev:	/dev/bulkhead
 * @bd:		the boot description in use (cell names)
 * @nsvc:	entries used in @svc
 * @svc:	the services with a root channel, in slot order
 */
struct bhd {
	struct bh_client dev;
	union {
		struct bh_bootdesc hdr;
		char raw[BH_BOOTDESC_MAX_SIZE];
	} bd;
	unsigned int nsvc;
	struct bhd_svc svc[BHD_MAX_SVCS];
};

/**
 * struct bhd_reply - the reply messages of one request, in order
 * @buf:	each message: struct bh_rpc_hdr, payload, padding to 8 bytes
 * @len:	bytes used
 * @cap:	bytes allocated
 * @status:	the final message's status
 */
struct bhd_reply {
	char *buf;
	size_t len;
	size_t cap;
	int32_t status;
};

/**
 * bhd_open() - find the services, map their channels, say hello
 * @d:		the daemon (zeroed)
 * @err:	filled on failure
 *
 * Opens /dev/bulkhead, reads the boot description, and for every root
 * slot holding an endpoint whose service has a root channel: maps it,
 * PINGs the service (its start-up runs if pending), attaches, sends
 * HELLO. A service that does not come up fails the whole start.
 *
 * Return: 0 or -1.
 */
int bhd_open(struct bhd *d, struct bhd_err *err);

/**
 * bhd_close() - unmap every channel and close the device
 * @d:	the daemon
 */
void bhd_close(struct bhd *d);

/**
 * bhd_find() - a service by name
 * @d:		the daemon
 * @name:	cell name
 *
 * Return: the service or NULL.
 */
struct bhd_svc *bhd_find(struct bhd *d, const char *name);

/**
 * bhd_cell_id() - a cell's id from its name or number
 * @d:		the daemon
 * @name:	cell name, or its id in decimal
 *
 * Return: the id, or -1.
 */
int bhd_cell_id(const struct bhd *d, const char *name);

/**
 * bhd_cell_name() - a cell's name from the boot description
 * @d:		the daemon
 * @id:		cell id
 *
 * Return: the name, or "?".
 */
const char *bhd_cell_name(const struct bhd *d, uint32_t id);

/**
 * bhd_call() - one request to a service, reconnecting if needed
 * @s:		the service
 * @slot:	doorbell slot (0: the service's own)
 * @op:		BH_RPC_OP_*
 * @kind:	BH_RPC_K_* of @payload
 * @payload:	@len bytes
 * @len:	at most BH_RPC_MAX_PAYLOAD
 * @retry:	after a fault, overrun, stale generation or broken channel,
 *		reconnect and send the request once more
 * @r:		receives the reply messages (emptied first)
 * @err:	filled on failure
 *
 * Return: 0 if the service answered (its status in @r->status, which
 * may be an error), or -1 if no answer came (@err says why; the service
 * has been reconnected where possible).
 */
int bhd_call(struct bhd_svc *s, uint64_t slot, uint16_t op, uint16_t kind,
	     const void *payload, uint32_t len, int retry,
	     struct bhd_reply *r, struct bhd_err *err);

/**
 * bhd_reconnect() - PING the service with its own slot and attach again
 * @s:		the service
 * @err:	filled on failure
 *
 * Return: 0 or -1.
 */
int bhd_reconnect(struct bhd_svc *s, struct bhd_err *err);

/**
 * bhd_ring() - ring a service's doorbell (a bh_rpc_doorbell)
 * @ctx:	the struct bhd_svc; uses its @ring_slot
 * @op:		BH_SVC_CALL_*
 * @reply:	receives mr0, mr1 of the service's reply
 *
 * Return: 0, -BH_E_* from the kernel, or BHD_RING_ERRNO - errno when
 * the ioctl failed.
 */
int bhd_ring(void *ctx, uint64_t op, uint64_t reply[2]);

#define BHD_RING_ERRNO		(-1000)

/**
 * bhd_ring_strerror() - what a bhd_ring() error means
 * @e:	the error
 */
const char *bhd_ring_strerror(int e);

/**
 * bhd_reply_next() - iterate over the messages of a reply
 * @r:		the reply
 * @off:	cursor, 0 to start
 * @hdr:	receives the message's header
 * @payload:	receives its payload (@hdr->len bytes)
 *
 * Return: 1 while a message was returned, 0 at the end.
 */
int bhd_reply_next(const struct bhd_reply *r, size_t *off,
		   const struct bh_rpc_hdr **hdr, const void **payload);

/**
 * bhd_reply_text() - the K_TEXT bytes of a reply, concatenated
 * @r:		the reply
 * @buf:	receives them, NUL-terminated (cut to fit), without
 *		trailing newlines and spaces
 * @size:	bytes at @buf
 *
 * Return: @buf.
 */
char *bhd_reply_text(const struct bhd_reply *r, char *buf, size_t size);

/**
 * bhd_reply_free() - release a reply's memory
 * @r:	the reply
 */
void bhd_reply_free(struct bhd_reply *r);

/**
 * bhd_error() - fill @err with "<what>: <reason>"
 * @err:	the error
 * @fmt:	printf format of the whole message
 *
 * Return: -1, for "return bhd_error(...)".
 */
int bhd_error(struct bhd_err *err, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/**
 * bhd_log() - one line in the daemon's log (stderr), time-stamped
 * @fmt:	printf format
 */
void bhd_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif /* BULKHEAD_AGENT_SVC_H */
