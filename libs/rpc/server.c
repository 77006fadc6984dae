/* SPDX-License-Identifier: GPL-2.0 */
/* RPC service side: take one request, check it, dispatch, send the reply. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <bulkhead/caps.h>
#include <bulkhead/rpc.h>

static const char *const right_names[] = {
	"READ", "WRITE", "GRANT", "CONTROL",
};

_Static_assert(sizeof(right_names) / sizeof(right_names[0]) == 4 &&
	       BH_RIGHTS_ALL == 0xfU, "one name per right");

static int format(struct bh_rpc_server *s)
{
	struct bh_chan_hdr *hdr = s->mem;
	int ret;

	s->broken = 1;
	ret = bh_chan_init(&s->ch, s->mem, s->size, s->nslots);
	if (ret)
		return ret;
	/* After the magic: the peer reads it once the doorbell returns */
	__atomic_store_n(&hdr->generation, s->generation, __ATOMIC_RELEASE);
	s->broken = 0;
	return 0;
}

int bh_rpc_server_init(struct bh_rpc_server *s, void *mem, uint64_t size,
		       uint32_t nslots, uint64_t generation,
		       const struct bh_rpc_op *ops, unsigned int nops,
		       void *ctx)
{
	memset(s, 0, sizeof(*s));
	s->mem = mem;
	s->size = size;
	s->nslots = nslots;
	s->generation = generation;
	s->ops = ops;
	s->nops = nops;
	s->ctx = ctx;
	return format(s);
}

int bh_rpc_server_reset(struct bh_rpc_server *s)
{
	return format(s);
}

void *bh_rpc_server_ctx(const struct bh_rpc_server *s)
{
	return s->ctx;
}

/* One message of the reply to s->req; the last slot is the final's */
static int send_msg(struct bh_rpc_server *s, uint16_t flags, int32_t status,
		    uint16_t kind, const void *payload, uint32_t len)
{
	const struct bh_rpc_hdr *rq = &s->req->hdr;
	int n, ret;

	if (flags & BH_RPC_F_MORE && s->sent + 1 >= s->nslots)
		return -BH_CHAN_EAGAIN;
	n = bh_rpc_encode(s->tx, rq->op, flags | BH_RPC_F_REPLY, rq->id,
			  status, kind, payload, len);
	if (n < 0)
		return n;
	ret = bh_chan_send(&s->ch, s->tx, n);
	if (ret == -BH_CHAN_EPROTO)
		s->broken = 1;
	if (ret < 0)
		return ret;
	s->sent++;
	return 0;
}

static int flush_text(struct bh_rpc_server *s)
{
	uint32_t len = s->text_len;

	s->text_len = 0;
	if (!len || s->dropped)
		return s->dropped ? BH_RPC_EOVERFLOW : BH_RPC_OK;
	if (send_msg(s, BH_RPC_F_MORE, 0, BH_RPC_K_TEXT, s->text, len)) {
		s->dropped = 1;
		return BH_RPC_EOVERFLOW;
	}
	return BH_RPC_OK;
}

/* Whether the peer would accept a reply message of this kind and size */
static int reply_valid(struct bh_rpc_server *s, uint16_t kind,
		       const void *payload, uint32_t len)
{
	struct bh_rpc_hdr h;
	const void *p;
	int n;

	n = bh_rpc_encode(s->tx, 0, BH_RPC_F_REPLY | BH_RPC_F_MORE, 0, 0,
			  kind, payload, len);
	return n > 0 && !bh_rpc_decode(s->tx, n, &h, &p);
}

int bh_rpc_reply(struct bh_rpc_server *s, uint16_t kind, const void *payload,
		 uint32_t len)
{
	int ret;

	if (!s->req || !reply_valid(s, kind, payload, len))
		return BH_RPC_EBADMSG;
	ret = flush_text(s);
	if (ret)
		return ret;
	if (send_msg(s, BH_RPC_F_MORE, 0, kind, payload, len)) {
		s->dropped = 1;
		return BH_RPC_EOVERFLOW;
	}
	return BH_RPC_OK;
}

int bh_rpc_reply_text(struct bh_rpc_server *s, const char *fmt, ...)
{
	uint32_t len, done = 0, n;
	va_list ap;
	int ret, want;

	if (!s->req)
		return BH_RPC_EBADMSG;
	va_start(ap, fmt);
	want = vsnprintf(s->fmt, sizeof(s->fmt), fmt, ap);
	va_end(ap);
	if (want < 0)
		return BH_RPC_EBADMSG;
	len = want < BH_RPC_TEXT_MAX ? want : BH_RPC_TEXT_MAX;

	while (done < len) {
		if (s->dropped)
			return BH_RPC_EOVERFLOW;
		if (s->text_len == sizeof(s->text)) {
			ret = flush_text(s);
			if (ret)
				return ret;
		}
		n = sizeof(s->text) - s->text_len;
		if (n > len - done)
			n = len - done;
		memcpy(s->text + s->text_len, s->fmt + done, n);
		s->text_len += n;
		done += n;
	}
	if (want > BH_RPC_TEXT_MAX)
		s->dropped = 1;
	return s->dropped ? BH_RPC_EOVERFLOW : BH_RPC_OK;
}

static const struct bh_rpc_op *find_op(const struct bh_rpc_server *s,
				       uint16_t op)
{
	unsigned int i;

	for (i = 0; i < s->nops; i++)
		if (s->ops[i].op == op)
			return &s->ops[i];
	return NULL;
}

/* The final message: the status, and the text not sent yet */
static void send_final(struct bh_rpc_server *s, int32_t status)
{
	uint32_t len = s->dropped ? 0 : s->text_len;

	if (s->dropped && status == BH_RPC_OK)
		status = BH_RPC_EOVERFLOW;
	send_msg(s, 0, status, len ? BH_RPC_K_TEXT : BH_RPC_K_NONE,
		 s->text, len);
	s->text_len = 0;
}

static void refuse_rights(struct bh_rpc_server *s, uint32_t missing)
{
	char *p = s->text;
	unsigned int i;
	size_t n;

	memcpy(p, "needs ", 6);
	p += 6;
	for (i = 0; i < 4; i++) {
		if (!(missing & (1U << i)))
			continue;
		if (p != s->text + 6)
			*p++ = '+';
		n = strlen(right_names[i]);
		memcpy(p, right_names[i], n);
		p += n;
	}
	if (missing & ~BH_RIGHTS_ALL) {
		memcpy(p, "?", 1);
		p++;
	}
	memcpy(p, " on the endpoint", 16);
	p += 16;
	s->text_len = p - s->text;
}

/* Op and id of an undecodable message, where it is long enough to hold them */
static void salvage_hdr(struct bh_rpc_request *req, const uint8_t *msg,
			int len)
{
	memset(&req->hdr, 0, sizeof(req->hdr));
	if (len >= (int)(__builtin_offsetof(struct bh_rpc_hdr, id) +
			 sizeof(req->hdr.id))) {
		memcpy(&req->hdr.op, msg, sizeof(req->hdr.op));
		memcpy(&req->hdr.id,
		       msg + __builtin_offsetof(struct bh_rpc_hdr, id),
		       sizeof(req->hdr.id));
	} else if (len >= (int)sizeof(req->hdr.op)) {
		memcpy(&req->hdr.op, msg, sizeof(req->hdr.op));
	}
}

static int32_t dispatch(struct bh_rpc_server *s, struct bh_rpc_request *req,
			int len)
{
	const struct bh_rpc_op *op;
	uint32_t missing;
	int32_t status;

	if (bh_rpc_decode(s->rx, len, &req->hdr, &req->payload) ||
	    req->hdr.flags & BH_RPC_F_REPLY) {
		salvage_hdr(req, s->rx, len);
		return BH_RPC_EBADMSG;
	}
	op = find_op(s, req->hdr.op);
	if (!op)
		return BH_RPC_ENOSYS;
	if (req->hdr.kind != op->kind)
		return BH_RPC_EBADMSG;
	missing = op->rights & ~req->rights;
	if (missing) {
		refuse_rights(s, missing);
		return BH_RPC_EPERM;
	}

	status = op->fn(s, req);
	if (status > 0)
		status = BH_RPC_EIO;
	return status;
}

int bh_rpc_serve_one(struct bh_rpc_server *s, uint64_t rights,
		     uint64_t badge)
{
	struct bh_rpc_request req = { .rights = rights, .badge = badge };
	int32_t status;
	int len;

	if (s->broken)
		return BH_SVC_CHAN_BROKEN;
	len = bh_chan_recv(&s->ch, s->rx, sizeof(s->rx));
	if (len == -BH_CHAN_EAGAIN)
		return BH_SVC_IDLE;
	if (len < 0) {
		s->broken = 1;
		return BH_SVC_CHAN_BROKEN;
	}

	s->req = &req;
	s->sent = 0;
	s->dropped = 0;
	s->text_len = 0;
	status = dispatch(s, &req, len);
	send_final(s, status);
	s->req = NULL;
	/* No doorbell towards the root: it reads the replies when we return */
	bh_chan_need_doorbell(&s->ch);
	return s->broken ? BH_SVC_CHAN_BROKEN : BH_SVC_SERVED;
}

uint64_t bh_rpc_server_doorbell(struct bh_rpc_server *s, uint64_t op,
				uint64_t rights, uint64_t badge,
				uint64_t reply[2])
{
	switch (op) {
	case BH_SVC_CALL_PING:
		reply[0] = s->broken ? BH_SVC_CHAN_BROKEN : BH_SVC_SERVED;
		break;
	case BH_SVC_CALL_SERVE:
		reply[0] = bh_rpc_serve_one(s, rights, badge);
		break;
	case BH_SVC_CALL_RESET:
		reply[0] = bh_rpc_server_reset(s) ? BH_SVC_CHAN_BROKEN :
						     BH_SVC_SERVED;
		break;
	default:
		reply[0] = BH_SVC_BAD_CALL;
		break;
	}
	reply[1] = s->generation;
	return reply[0];
}
