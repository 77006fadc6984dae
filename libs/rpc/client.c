/* SPDX-License-Identifier: GPL-2.0 */
/* RPC root-agent side: attach to a service's channel, call, collect replies. */
#include <string.h>
#include <bulkhead/rpc.h>

/* collect(): no final message for us yet */
#define PENDING		1

static uint64_t header_generation(const struct bh_rpc_client *c)
{
	const struct bh_chan_hdr *hdr = c->mem;

	/* Pairs with the service's release store after formatting */
	return __atomic_load_n(&hdr->generation, __ATOMIC_ACQUIRE);
}

int bh_rpc_client_attach(struct bh_rpc_client *c, void *mem, uint64_t size)
{
	c->mem = mem;
	c->size = size;
	c->attached = 0;
	c->doorbell_err = 0;
	if (!mem || bh_chan_attach(&c->ch, mem, size))
		return BH_RPC_TCHAN;
	c->generation = header_generation(c);
	c->attached = 1;
	return 0;
}

int bh_rpc_client_stale(const struct bh_rpc_client *c)
{
	const struct bh_chan_hdr *hdr = c->mem;

	if (!c->attached)
		return 1;
	return __atomic_load_n(&hdr->magic, __ATOMIC_ACQUIRE) !=
		BH_CHAN_MAGIC || header_generation(c) != c->generation;
}

uint64_t bh_rpc_client_generation(const struct bh_rpc_client *c)
{
	return c->generation;
}

/* Replies to requests we gave up on */
static int drain(struct bh_rpc_client *c)
{
	int n;

	do
		n = bh_chan_recv(&c->ch, c->msg, sizeof(c->msg));
	while (n >= 0);
	return n == -BH_CHAN_EAGAIN ? 0 : BH_RPC_TCHAN;
}

static int collect(struct bh_rpc_client *c, uint16_t op, uint32_t id,
		   bh_rpc_part_fn part, void *arg)
{
	struct bh_rpc_hdr hdr;
	const void *payload;
	int n;

	for (;;) {
		n = bh_chan_recv(&c->ch, c->msg, sizeof(c->msg));
		if (n == -BH_CHAN_EAGAIN)
			return PENDING;
		if (n < 0)
			return BH_RPC_TCHAN;
		if (bh_rpc_decode(c->msg, n, &hdr, &payload) ||
		    !(hdr.flags & BH_RPC_F_REPLY))
			return BH_RPC_TPROTO;
		if (hdr.id != id)
			continue;
		/* A status in our transport range would be taken for one */
		if (hdr.op != op || hdr.status <= BH_RPC_TCHAN)
			return BH_RPC_TPROTO;
		if (part)
			part(arg, &hdr, payload);
		if (!(hdr.flags & BH_RPC_F_MORE))
			return hdr.status;
	}
}

int bh_rpc_call(struct bh_rpc_client *c, bh_rpc_doorbell ring, void *ctx,
		uint16_t op, uint16_t kind, const void *payload, uint32_t len,
		bh_rpc_part_fn part, void *arg)
{
	uint64_t reply[2];
	unsigned int i;
	uint32_t id;
	int n, ret;

	if (bh_rpc_client_stale(c))
		return BH_RPC_TSTALE;
	ret = drain(c);
	if (ret)
		return ret;

	id = c->next_id++;
	n = bh_rpc_encode(c->msg, op, 0, id, 0, kind, payload, len);
	if (n < 0)
		return BH_RPC_TPROTO;
	if (bh_chan_send(&c->ch, c->msg, n) < 0)
		return BH_RPC_TCHAN;

	/* Each ring serves the oldest request: ours, or one left before it */
	for (i = 0; i < BH_RPC_CALL_RINGS; i++) {
		reply[0] = reply[1] = 0;
		ret = ring(ctx, BH_SVC_CALL_SERVE, reply);
		if (ret) {
			c->doorbell_err = ret;
			return BH_RPC_TDOORBELL;
		}
		if (reply[1] != c->generation)
			return BH_RPC_TSTALE;
		if (reply[0] == BH_SVC_CHAN_BROKEN)
			return BH_RPC_TCHAN;
		if (reply[0] != BH_SVC_SERVED && reply[0] != BH_SVC_IDLE)
			return BH_RPC_TPROTO;
		ret = collect(c, op, id, part, arg);
		if (ret != PENDING)
			return ret;
		if (reply[0] == BH_SVC_IDLE)
			break;
	}
	return BH_RPC_TNOREPLY;
}

int bh_rpc_client_reset(struct bh_rpc_client *c, bh_rpc_doorbell ring,
			void *ctx)
{
	uint64_t reply[2] = { 0, 0 };
	int ret;

	if (!c->mem)
		return BH_RPC_TCHAN;
	c->attached = 0;
	ret = ring(ctx, BH_SVC_CALL_RESET, reply);
	if (ret) {
		c->doorbell_err = ret;
		return BH_RPC_TDOORBELL;
	}
	if (reply[0] != BH_SVC_SERVED)
		return BH_RPC_TCHAN;
	return bh_rpc_client_attach(c, c->mem, c->size);
}
