/* SPDX-License-Identifier: GPL-2.0 */
/* The service RPC: requests and replies on a service's root channel. */
#ifndef BULKHEAD_RPC_H
#define BULKHEAD_RPC_H

#include <bulkhead/types.h>
#include <bulkhead/channel.h>

/*
 * A service cell with a root channel (boot-info region "root") serves the
 * root agent (bulkheadd) through it. The service is end A of the channel:
 * it formats it during its start-up and stamps the header's generation;
 * bulkheadd attaches as end B. A service runs only inside a call on its
 * endpoint, so the call is the doorbell and the time lent to the service
 * (docs/architecture.md, "Service cells"):
 *
 *	bulkheadd: bh_chan_send(request); EP_CALL(mr0 = BH_SVC_CALL_SERVE)
 *	service:   takes ONE request from the channel, checks it against the
 *		   rights of the capability that made this call (x8), sends
 *		   one or more reply messages, replies to the call with
 *		   mr0 = BH_SVC_SERVED (or an error, below)
 *	bulkheadd: bh_chan_recv() the reply messages
 *
 * One request per call binds each request to the authority of the call
 * that carried it. Every message is one channel message: a struct
 * bh_rpc_hdr and @len bytes of payload. Replies longer than one message
 * come as several, all but the last with BH_RPC_F_MORE. Integers are
 * little-endian; payload structures are packed by construction.
 */
#define BH_RPC_VERSION		1
#define BH_RPC_MAX_PAYLOAD	(BH_CHAN_MSG_MAX - sizeof(struct bh_rpc_hdr))

/* mr0 of the EP_CALL that rings a service (the doorbell) */
#define BH_SVC_CALL_PING	0	/* nothing: runs a pending start-up */
#define BH_SVC_CALL_SERVE	1	/* take one request from the channel */
#define BH_SVC_CALL_RESET	2	/* re-format the root channel */

/* mr0 of the service's reply to the doorbell call */
#define BH_SVC_SERVED		0	/* one request answered */
#define BH_SVC_IDLE		1	/* the channel held no request */
#define BH_SVC_CHAN_BROKEN	2	/* the channel is broken (a corrupt
					   message): call BH_SVC_CALL_RESET */
#define BH_SVC_BAD_CALL		3	/* unknown doorbell operation */
/*
 * The doorbell reply's mr1: the channel's generation. PING answers
 * BH_SVC_SERVED (BH_SVC_CHAN_BROKEN while the channel is broken), RESET
 * BH_SVC_SERVED (BH_SVC_CHAN_BROKEN if the region cannot be formatted).
 */

/**
 * struct bh_rpc_hdr - header of every RPC message
 * @op:		BH_RPC_OP_*; a reply repeats its request's
 * @flags:	BH_RPC_F_*
 * @id:		chosen by the requester, repeated in each reply message
 * @status:	0 in a request; in a reply 0 or a negative BH_RPC_E*
 * @len:	payload bytes following the header, <= BH_RPC_MAX_PAYLOAD,
 *		exactly the channel message length minus this header
 * @kind:	what the payload holds: BH_RPC_K_*
 */
struct bh_rpc_hdr {
	uint16_t op;
	uint16_t flags;
	uint32_t id;
	int32_t status;
	uint16_t len;
	uint16_t kind;
};
BH_ASSERT_SIZE(struct bh_rpc_hdr, 16);

#define BH_RPC_F_REPLY		(1U << 0)	/* a reply, not a request */
#define BH_RPC_F_MORE		(1U << 1)	/* more reply messages follow */
#define BH_RPC_F_ALL		0x3U

/* Operations. 0x00xx any service, 0x01xx mgmt, 0x02xx console. */
#define BH_RPC_OP_HELLO		0x0001	/* -> K_HELLO; no right needed */
#define BH_RPC_OP_VERSION	0x0101	/* READ -> K_VERSION */
#define BH_RPC_OP_STATUS	0x0102	/* READ -> K_HV, K_CPU..., K_CELL... */
#define BH_RPC_OP_INFO		0x0103	/* READ -> K_HV */
#define BH_RPC_OP_STATS		0x0104	/* READ; K_STATS_REQ -> K_STATS... */
#define BH_RPC_OP_TEST_FAULT	0x01f0	/* CONTROL; test builds only: the
					   service faults on purpose */
#define BH_RPC_OP_TEST_HANG	0x01f1	/* CONTROL; test builds only: the
					   service spins until its budget
					   stops it */
#define BH_RPC_OP_LOG_READ	0x0201	/* READ; K_LOG_REQ -> K_LOG... */
#define BH_RPC_OP_SHELL		0x0202	/* WRITE; K_TEXT line -> K_TEXT... */

/* Reply status: negative, in bh_rpc_hdr.status */
#define BH_RPC_OK		0
#define BH_RPC_EPERM		(-1)	/* the call's capability lacks a
					   right the operation needs */
#define BH_RPC_EBADMSG		(-2)	/* malformed request: header, length,
					   payload kind or size */
#define BH_RPC_ENOSYS		(-3)	/* operation unknown to this service */
#define BH_RPC_ERANGE		(-4)	/* an index in the request is out of
					   range (CPU, cell) */
#define BH_RPC_ETOOLONG		(-5)	/* a text request longer than the
					   service accepts */
#define BH_RPC_EIO		(-6)	/* the kernel refused what the
					   service needed to answer */
#define BH_RPC_EOVERFLOW	(-7)	/* the reply did not fit in the
					   channel: parts were dropped */
#define BH_RPC_E_NR		8

/* Payload kinds */
#define BH_RPC_K_NONE		0	/* no payload */
#define BH_RPC_K_TEXT		1	/* bytes of text, no NUL */
#define BH_RPC_K_HELLO		2	/* struct bh_rpc_hello */
#define BH_RPC_K_VERSION	3	/* struct bh_rpc_version */
#define BH_RPC_K_HV		4	/* struct bh_rpc_hv */
#define BH_RPC_K_CPU		5	/* struct bh_rpc_cpu */
#define BH_RPC_K_CELL		6	/* struct bh_rpc_cell */
#define BH_RPC_K_STATS_REQ	7	/* struct bh_rpc_stats_req */
#define BH_RPC_K_STATS		8	/* struct bh_rpc_stats */
#define BH_RPC_K_LOG_REQ	9	/* struct bh_rpc_log_req */
#define BH_RPC_K_LOG		10	/* struct bh_rpc_log */
#define BH_RPC_K_NR		11

#define BH_RPC_NAME_LEN		32
#define BH_RPC_MAX_REASONS	24

/**
 * struct bh_rpc_hello - who serves this channel
 * @rpc_version: BH_RPC_VERSION
 * @cell_id:	the service cell's id
 * @name:	the service cell's name, NUL-terminated
 */
struct bh_rpc_hello {
	uint32_t rpc_version;
	uint32_t cell_id;
	char name[BH_RPC_NAME_LEN];
};
BH_ASSERT_SIZE(struct bh_rpc_hello, 40);

/**
 * struct bh_rpc_version - versions of the kernel and of the service
 * @kernel:	the kernel's version string, NUL-terminated
 * @service:	the service's version string, NUL-terminated
 * @abi:	the kernel's capability ABI version (HV_INFO)
 * @rpc_version: BH_RPC_VERSION
 */
struct bh_rpc_version {
	char kernel[BH_RPC_NAME_LEN];
	char service[BH_RPC_NAME_LEN];
	uint32_t abi;
	uint32_t rpc_version;
};
BH_ASSERT_SIZE(struct bh_rpc_version, 72);

/**
 * struct bh_rpc_hv - the hypervisor as a whole
 * @hv_base:	physical base of hypervisor memory
 * @hv_size:	its size in bytes
 * @pool_pages:	pages of the kernel's page pool
 * @pool_free:	of which free
 * @abi:	capability ABI version
 * @cpus:	CPUs the kernel runs on
 * @cells:	cells
 * @reserved:	0
 */
struct bh_rpc_hv {
	uint64_t hv_base;
	uint64_t hv_size;
	uint64_t pool_pages;
	uint64_t pool_free;
	uint32_t abi;
	uint32_t cpus;
	uint32_t cells;
	uint32_t reserved;
};
BH_ASSERT_SIZE(struct bh_rpc_hv, 48);

/**
 * struct bh_rpc_cpu - one CPU
 * @index:	logical index
 * @cell:	owning cell id, or 0xffffffff
 * @mpidr:	affinity, or BH_RPC_MPIDR_UNKNOWN when the service holds
 *		no capability that tells it
 * @state:	BH_CPU_STATE_* (caps.h)
 * @reserved:	0
 */
struct bh_rpc_cpu {
	uint32_t index;
	uint32_t cell;
	uint64_t mpidr;
	uint32_t state;
	uint32_t reserved;
};
BH_ASSERT_SIZE(struct bh_rpc_cpu, 24);

#define BH_RPC_MPIDR_UNKNOWN	0xffffffffffffffffULL

/**
 * struct bh_rpc_cell - one cell
 * @id:		cell id
 * @flags:	BH_CELL_* of the boot description (root, service)
 * @state:	BH_CELL_STATE_* (caps.h)
 * @reserved:	0
 * @cpus:	bitmap of the CPUs it owns
 * @mem_bytes:	bytes of RAM given to it
 * @calls:	service cells: calls accepted, else 0
 * @faults:	service cells: calls that ended in a fault
 * @overruns:	service cells: calls stopped by the budget timer
 * @starts:	service cells: start-ups completed (restarts = starts - 1)
 * @name:	NUL-terminated
 */
struct bh_rpc_cell {
	uint32_t id;
	uint32_t flags;
	uint32_t state;
	uint32_t reserved;
	uint64_t cpus;
	uint64_t mem_bytes;
	uint64_t calls;
	uint64_t faults;
	uint64_t overruns;
	uint64_t starts;
	char name[BH_RPC_NAME_LEN];
};
BH_ASSERT_SIZE(struct bh_rpc_cell, 96);

#define BH_RPC_ALL_CPUS		0xffffffffU

/**
 * struct bh_rpc_stats_req - which CPU's exit counters
 * @cpu:	logical index, or BH_RPC_ALL_CPUS (one reply message each)
 * @reserved:	0
 */
struct bh_rpc_stats_req {
	uint32_t cpu;
	uint32_t reserved;
};
BH_ASSERT_SIZE(struct bh_rpc_stats_req, 8);

/**
 * struct bh_rpc_stats - exit counters of one CPU
 * @cpu:	logical index
 * @nr:		counters that follow (BH_EXIT_NR of the kernel, at most
 *		BH_RPC_MAX_REASONS), in enum bh_exit_reason order
 * @count:	the counters
 */
struct bh_rpc_stats {
	uint32_t cpu;
	uint32_t nr;
	uint64_t count[BH_RPC_MAX_REASONS];
};
BH_ASSERT_SIZE(struct bh_rpc_stats, 200);

#define BH_RPC_LOG_KERNEL	0xffffffffU	/* the hypervisor's log */

/**
 * struct bh_rpc_log_req - read a console buffer from a position
 * @cell:	cell id, or BH_RPC_LOG_KERNEL
 * @reserved:	0
 * @pos:	byte position (free-running) to read from; 0 = the oldest
 *		byte still kept
 */
struct bh_rpc_log_req {
	uint32_t cell;
	uint32_t reserved;
	uint64_t pos;
};
BH_ASSERT_SIZE(struct bh_rpc_log_req, 16);

/**
 * struct bh_rpc_log - bytes of a console buffer
 * @pos:	position of the first byte in @data (above the requested
 *		one when older bytes were dropped)
 * @next:	position to ask for next (@pos + bytes in @data)
 * @data:	the bytes: the rest of the payload
 */
struct bh_rpc_log {
	uint64_t pos;
	uint64_t next;
	char data[];
};
BH_ASSERT_SIZE(struct bh_rpc_log, 16);

#define BH_RPC_LOG_DATA_MAX	(BH_RPC_MAX_PAYLOAD - sizeof(struct bh_rpc_log))

/**
 * bh_rpc_encode() - build one RPC message
 * @buf:	at least sizeof(struct bh_rpc_hdr) + @len bytes
 * @op, @flags, @id, @status, @kind:	header fields
 * @payload:	@len bytes, may be NULL when @len is 0
 * @len:	payload bytes, <= BH_RPC_MAX_PAYLOAD
 *
 * Return: message length (header + payload) for bh_chan_send(), or
 * -BH_CHAN_EMSGSIZE when @len is too large.
 */
int bh_rpc_encode(void *buf, uint16_t op, uint16_t flags, uint32_t id,
		  int32_t status, uint16_t kind, const void *payload,
		  uint32_t len);

/**
 * bh_rpc_decode() - check one received RPC message
 * @msg:	the message as bh_chan_recv() copied it
 * @len:	its length
 * @hdr:	the header, copied out
 * @payload:	set to the payload inside @msg
 *
 * Checks the header alone: length consistent with @len, known flags and
 * kind, payload size matching a fixed-size kind (BH_RPC_K_LOG and
 * BH_RPC_K_TEXT have a minimum only), status 0 in a request. The
 * operation is the receiver's to check. Pure.
 *
 * Also refused: @len shorter than the header or longer than
 * BH_CHAN_MSG_MAX, BH_RPC_F_MORE in a request, a positive status in a
 * reply. @payload points at @msg + sizeof(struct bh_rpc_hdr): 8-byte
 * aligned when @msg is. Nothing is written on error.
 *
 * Return: 0, or BH_RPC_EBADMSG.
 */
int bh_rpc_decode(const void *msg, uint32_t len, struct bh_rpc_hdr *hdr,
		  const void **payload);

/**
 * bh_rpc_strerror() - what a reply status means, for messages to a user
 * @status:	BH_RPC_OK or a negative BH_RPC_E*
 *
 * Return: a constant string; "unknown error" for anything else.
 */
const char *bh_rpc_strerror(int32_t status);

/*
 * The service side (libs/rpc/server.c): a table of operations, each with
 * the payload kind its request carries and the rights it needs. Pure C
 * over a struct bh_chan: host-testable, and linked into every service.
 */
struct bh_rpc_server;
struct bh_rpc_request;

/**
 * typedef bh_rpc_handler - answer one request
 * @s:		the server; send reply parts with bh_rpc_reply()
 * @req:	the request, decoded; its rights already checked
 *
 * Return: the status of the final reply message (BH_RPC_OK or a
 * negative BH_RPC_E*), which the server sends after the parts.
 */
typedef int32_t (*bh_rpc_handler)(struct bh_rpc_server *s,
				  const struct bh_rpc_request *req);

/**
 * struct bh_rpc_op - one operation a service serves
 * @op:		BH_RPC_OP_*
 * @kind:	payload kind its request must carry (BH_RPC_K_NONE: none)
 * @rights:	BH_RIGHT_* the call's capability must all have
 * @fn:		the handler
 */
struct bh_rpc_op {
	uint16_t op;
	uint16_t kind;
	uint32_t rights;
	bh_rpc_handler fn;
};

/**
 * struct bh_rpc_request - a request being served
 * @hdr:	its header
 * @payload:	@hdr.len bytes
 * @rights:	rights of the endpoint capability of the call that carried it
 * @badge:	badge of that capability
 */
struct bh_rpc_request {
	struct bh_rpc_hdr hdr;
	const void *payload;
	uint64_t rights;
	uint64_t badge;
};

/* Text bytes one bh_rpc_reply_text() call formats; more is cut off */
#define BH_RPC_TEXT_MAX		512

/**
 * struct bh_rpc_server - the service's end of its root channel
 * @ch:		the channel, end A
 * @mem:	the region
 * @size:	its size in bytes
 * @nslots:	slots per ring
 * @generation:	stamped into the header at every format
 * @ops:	the operation table
 * @nops:	entries in @ops
 * @ctx:	the service's, for its handlers: bh_rpc_server_ctx()
 * @broken:	the channel is broken (or was never formatted) until
 *		bh_rpc_server_reset() succeeds
 * @dropped:	a part of the current reply did not fit: later parts are
 *		dropped too and the final status is BH_RPC_EOVERFLOW
 * @sent:	messages sent for the current request
 * @req:	the request being served, or NULL
 * @text_len:	bytes waiting in @text
 * @text:	K_TEXT bytes of bh_rpc_reply_text() not yet sent
 * @rx:		the request as received
 * @tx:		the message being sent
 * @fmt:	bh_rpc_reply_text()'s formatting buffer
 *
 * Private to libs/rpc/server.c; services only allocate it (it is too
 * large for a small stack: make it static).
 */
struct bh_rpc_server {
	struct bh_chan ch;
	void *mem;
	uint64_t size;
	uint32_t nslots;
	uint64_t generation;
	const struct bh_rpc_op *ops;
	unsigned int nops;
	void *ctx;
	uint8_t broken;
	uint8_t dropped;
	uint32_t sent;
	const struct bh_rpc_request *req;
	uint32_t text_len;
	char text[BH_RPC_MAX_PAYLOAD];
	uint8_t rx[BH_CHAN_MSG_MAX] __attribute__((aligned(8)));
	uint8_t tx[BH_CHAN_MSG_MAX] __attribute__((aligned(8)));
	char fmt[BH_RPC_TEXT_MAX + 1];
};

/**
 * bh_rpc_chan_slots() - the largest ring that fits a region
 * @size:	bytes of the region
 *
 * Return: the largest power of two n in [BH_CHAN_MIN_SLOTS,
 * BH_CHAN_MAX_SLOTS] with BH_CHAN_REGION_SIZE(n) <= @size, or 0 if none.
 */
static inline uint32_t bh_rpc_chan_slots(uint64_t size)
{
	uint32_t n;

	for (n = BH_CHAN_MAX_SLOTS; n >= BH_CHAN_MIN_SLOTS; n >>= 1)
		if (BH_CHAN_REGION_SIZE(n) <= size)
			return n;
	return 0;
}

/**
 * bh_rpc_server_init() - format the root channel and serve @ops on it
 * @s:		the server
 * @mem:	the region (boot-info region "root"), page aligned
 * @size:	its size
 * @nslots:	slots per ring (bh_rpc_chan_slots(@size) for the most)
 * @generation:	the boot-info page's generation, stamped into the header
 * @ops:	operations; an op number appears at most once
 * @nops:	entries in @ops
 * @ctx:	handed to the handlers through bh_rpc_server_ctx()
 *
 * Formats the region as end A with bh_chan_init(), then stores
 * @generation into its header with release semantics. On error the
 * server is still usable: it answers every request with
 * BH_SVC_CHAN_BROKEN until bh_rpc_server_reset() succeeds.
 *
 * Return: 0, or -BH_CHAN_EINVAL (misaligned region, bad @nslots, region
 * too small).
 */
int bh_rpc_server_init(struct bh_rpc_server *s, void *mem, uint64_t size,
		       uint32_t nslots, uint64_t generation,
		       const struct bh_rpc_op *ops, unsigned int nops,
		       void *ctx);

/**
 * bh_rpc_server_reset() - format the channel again, same generation
 * @s:		an initialised server
 *
 * What BH_SVC_CALL_RESET does: every message in both rings is dropped
 * and the broken state cleared. The peer must attach again.
 *
 * Return: 0, or -BH_CHAN_EINVAL as bh_rpc_server_init().
 */
int bh_rpc_server_reset(struct bh_rpc_server *s);

/**
 * bh_rpc_serve_one() - answer one request, if there is one
 * @s:		the server
 * @rights:	rights of the endpoint capability of the doorbell call
 *		(struct bh_msg.rights)
 * @badge:	its badge
 *
 * Takes the oldest request from the channel and answers it with zero or
 * more parts (BH_RPC_F_MORE) from the handler and one final message
 * (no BH_RPC_F_MORE) carrying the status and, as K_TEXT, the last text
 * bh_rpc_reply_text() collected (else no payload); every reply message
 * repeats the request's op and id. Before any handler runs, the server
 * answers:
 *
 * - BH_RPC_EBADMSG: the message fails bh_rpc_decode(), is a reply, or
 *   its payload kind is not the one of the op. Op and id are echoed when
 *   the message is long enough to hold them, else 0.
 * - BH_RPC_ENOSYS: the op is not in the table.
 * - BH_RPC_EPERM: @rights lack a right of the op; the final message
 *   carries K_TEXT naming the missing rights ("needs READ on the
 *   endpoint").
 *
 * A handler's positive return is answered as BH_RPC_EIO. If a part was
 * dropped, a handler's BH_RPC_OK becomes BH_RPC_EOVERFLOW. The server
 * keeps one slot free for the final message, assuming the peer drained
 * the reply ring before it rang; if it did not and the final message
 * finds the ring full, the request stays unanswered (still
 * BH_SVC_SERVED: it was consumed).
 *
 * Return: BH_SVC_SERVED (one request consumed and answered),
 * BH_SVC_IDLE (the ring held no request) or BH_SVC_CHAN_BROKEN (the
 * peer corrupted the channel, now or before: the state is sticky until
 * bh_rpc_server_reset()).
 */
int bh_rpc_serve_one(struct bh_rpc_server *s, uint64_t rights,
		     uint64_t badge);

/**
 * bh_rpc_server_doorbell() - answer a doorbell call
 * @s:		the server
 * @op:		the call's mr0: BH_SVC_CALL_*
 * @rights:	the call's rights (struct bh_msg.rights)
 * @badge:	the call's badge
 * @reply:	set to the doorbell reply: [0] BH_SVC_*, [1] the generation
 *
 * PING answers BH_SVC_SERVED (BH_SVC_CHAN_BROKEN while broken), SERVE
 * runs bh_rpc_serve_one(), RESET runs bh_rpc_server_reset(), anything
 * else is BH_SVC_BAD_CALL. A service's receive loop replies with the two
 * words, length 2.
 *
 * Return: @reply[0].
 */
uint64_t bh_rpc_server_doorbell(struct bh_rpc_server *s, uint64_t op,
				uint64_t rights, uint64_t badge,
				uint64_t reply[2]);

/**
 * bh_rpc_server_ctx() - the service's context for handlers
 * @s:		the server
 *
 * Return: the @ctx given to bh_rpc_server_init().
 */
void *bh_rpc_server_ctx(const struct bh_rpc_server *s);

/**
 * bh_rpc_reply() - send one part of the reply to the current request
 * @s:		the server, inside a handler
 * @kind:	BH_RPC_K_* of @payload
 * @payload:	@len bytes
 * @len:	at most BH_RPC_MAX_PAYLOAD
 *
 * Sends one message with BH_RPC_F_MORE, after any text
 * bh_rpc_reply_text() still holds. Once a part is dropped, every later
 * part of the same reply is dropped too, so the peer sees a prefix of
 * the reply and the final status BH_RPC_EOVERFLOW: a handler may stop at
 * the first error or go on (to no effect).
 *
 * Return: BH_RPC_OK; BH_RPC_EOVERFLOW if the part was dropped (the ring
 * has no room left besides the slot kept for the final message, or the
 * channel broke); BH_RPC_EBADMSG if @kind is unknown, @len is too large
 * or not the size of @kind, or no request is being served (nothing
 * sent).
 */
int bh_rpc_reply(struct bh_rpc_server *s, uint16_t kind, const void *payload,
		 uint32_t len);

/**
 * bh_rpc_reply_text() - append formatted text to the current reply
 * @s:		the server, inside a handler
 * @fmt:	printf format (vsnprintf)
 *
 * Text is collected and sent as K_TEXT messages of up to
 * BH_RPC_MAX_PAYLOAD bytes, split anywhere (the peer concatenates them):
 * a part when the buffer fills up or before the next bh_rpc_reply(), and
 * the rest in the final message. One call formats at most
 * BH_RPC_TEXT_MAX bytes: more is cut off and counts as a dropped part.
 *
 * Return: as bh_rpc_reply().
 */
int bh_rpc_reply_text(struct bh_rpc_server *s, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/*
 * The root agent's side (libs/rpc/client.c): pure C over the mapped
 * region; the agent rings the doorbell itself (an ioctl doing EP_CALL on
 * the service's endpoint) through a callback.
 */

/*
 * Transport errors of bh_rpc_call(), below every BH_RPC_E* status:
 * TCHAN	the channel is broken or the request ring full: RESET, then
 *		attach again (bh_rpc_client_reset())
 * TDOORBELL	the doorbell call failed: the callback's error is in
 *		doorbell_err
 * TNOREPLY	the service answered the doorbell, but no final reply to
 *		this request came
 * TSTALE	the channel was formatted again (the service restarted):
 *		attach again, then retry
 * TPROTO	a reply message or doorbell reply broke the protocol
 */
#define BH_RPC_TCHAN		(-100)
#define BH_RPC_TDOORBELL	(-101)
#define BH_RPC_TNOREPLY		(-102)
#define BH_RPC_TSTALE		(-103)
#define BH_RPC_TPROTO		(-104)

/* Doorbell rings per bh_rpc_call() at most, past stale requests */
#define BH_RPC_CALL_RINGS	4

/**
 * typedef bh_rpc_doorbell - ring a service's doorbell
 * @ctx:	the caller's context
 * @op:		mr0 of the EP_CALL: BH_SVC_CALL_*
 * @reply:	to be set to the reply's mr0 and mr1
 *
 * Return: 0 when the service replied (@reply set), else a negative
 * number of the caller's choosing (the kernel's -BH_E_*, e.g.
 * -BH_E_FAULT, or a negative errno), kept in doorbell_err.
 */
typedef int (*bh_rpc_doorbell)(void *ctx, uint64_t op, uint64_t reply[2]);

/**
 * typedef bh_rpc_part_fn - receive one reply message
 * @arg:	the caller's argument
 * @hdr:	the message's header, decoded
 * @payload:	@hdr->len bytes, 8-byte aligned, valid during the call
 *
 * Called for every reply message to the request, in order, the final one
 * included (no BH_RPC_F_MORE in @hdr->flags; @hdr->status is the status
 * bh_rpc_call() returns, and an error may come with K_TEXT).
 */
typedef void (*bh_rpc_part_fn)(void *arg, const struct bh_rpc_hdr *hdr,
			       const void *payload);

/**
 * struct bh_rpc_client - the agent's end of a service's root channel
 * @ch:		the channel, end B
 * @mem:	the mapped region
 * @size:	its size
 * @generation:	the header's generation when we attached
 * @next_id:	id of the next request
 * @attached:	bh_rpc_client_attach() succeeded
 * @doorbell_err: the doorbell callback's error after BH_RPC_TDOORBELL
 * @msg:	receive and send buffer
 *
 * One thread at a time.
 */
struct bh_rpc_client {
	struct bh_chan ch;
	void *mem;
	uint64_t size;
	uint64_t generation;
	uint32_t next_id;
	int attached;
	int doorbell_err;
	uint8_t msg[BH_CHAN_MSG_MAX] __attribute__((aligned(8)));
};

/**
 * bh_rpc_client_attach() - attach to a service's channel as end B
 * @c:		the client
 * @mem:	the mapped region, page aligned
 * @size:	bytes mapped
 *
 * Attaches with bh_chan_attach() and remembers the header's generation.
 * Call it again after BH_RPC_TSTALE, after bh_rpc_client_stale() says
 * so, and after a RESET (which keeps the generation).
 *
 * Return: 0, or BH_RPC_TCHAN if the region holds no valid channel
 * (e.g. the service has not started up yet: PING it first).
 */
int bh_rpc_client_attach(struct bh_rpc_client *c, void *mem, uint64_t size);

/**
 * bh_rpc_client_stale() - whether the service formatted the channel again
 * @c:		the client
 *
 * Return: 1 if the client is not attached or the header's magic or
 * generation differ from what bh_rpc_client_attach() saw, else 0.
 */
int bh_rpc_client_stale(const struct bh_rpc_client *c);

/**
 * bh_rpc_client_generation() - the generation the client attached to
 * @c:		the client
 *
 * Return: the header's generation at attach time.
 */
uint64_t bh_rpc_client_generation(const struct bh_rpc_client *c);

/**
 * bh_rpc_call() - one request, all of its reply
 * @c:		an attached client
 * @ring:	rings the doorbell
 * @ctx:	for @ring
 * @op:		BH_RPC_OP_*
 * @kind:	BH_RPC_K_* of @payload
 * @payload:	@len bytes, may be NULL when @len is 0
 * @len:	at most BH_RPC_MAX_PAYLOAD
 * @part:	called for each reply message, may be NULL
 * @arg:	for @part
 *
 * In order: BH_RPC_TSTALE if bh_rpc_client_stale(); drops reply
 * messages left in the ring by an earlier call; sends the request (a new
 * id); rings SERVE. A doorbell reply whose mr1 is not our generation
 * gives BH_RPC_TSTALE, BH_SVC_CHAN_BROKEN gives BH_RPC_TCHAN, anything
 * but BH_SVC_SERVED or BH_SVC_IDLE BH_RPC_TPROTO. Then it receives the
 * reply messages: those of other ids (earlier, abandoned requests) are
 * dropped, ours go to @part until the final one. If the service served
 * an older request instead of ours it rings again, at most
 * BH_RPC_CALL_RINGS times in all; BH_SVC_IDLE without our final message
 * gives BH_RPC_TNOREPLY.
 *
 * Return: the final message's status (BH_RPC_OK or a negative BH_RPC_E*:
 * the service's answer), or a transport error BH_RPC_T*: BH_RPC_TCHAN
 * (channel broken or request ring full: RESET and attach again),
 * BH_RPC_TDOORBELL (@ring failed; its error in @c->doorbell_err: after
 * -BH_E_FAULT or -BH_E_TIMEOUT the service restarts at the next call:
 * PING it and attach again), BH_RPC_TNOREPLY, BH_RPC_TSTALE,
 * BH_RPC_TPROTO (a malformed reply, or @len too large).
 */
int bh_rpc_call(struct bh_rpc_client *c, bh_rpc_doorbell ring, void *ctx,
		uint16_t op, uint16_t kind, const void *payload, uint32_t len,
		bh_rpc_part_fn part, void *arg);

/**
 * bh_rpc_client_reset() - have the service format the channel again
 * @c:		a client
 * @ring:	rings the doorbell
 * @ctx:	for @ring
 *
 * Rings RESET and attaches again: the way out of BH_RPC_TCHAN.
 *
 * Return: 0, BH_RPC_TDOORBELL (error in @c->doorbell_err), BH_RPC_TCHAN
 * (the service could not format the channel, or it does not attach).
 */
int bh_rpc_client_reset(struct bh_rpc_client *c, bh_rpc_doorbell ring,
			void *ctx);

/**
 * bh_rpc_tstrerror() - what bh_rpc_call()'s return means
 * @ret:	a status or transport error
 *
 * Return: bh_rpc_strerror() for statuses, a constant string for the
 * BH_RPC_T* errors.
 */
const char *bh_rpc_tstrerror(int ret);

#endif /* BULKHEAD_RPC_H */
