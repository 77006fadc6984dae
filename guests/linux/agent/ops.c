// SPDX-License-Identifier: GPL-2.0
/* bulkheadd: console, shell and the test hooks, answered for the CLI. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <bulkhead/caps.h>
#include <bulkhead/caps_names.h>
#include <bulkhead/channel.h>

#include "ops.h"

/* LOG_READ rounds per request: a bound even if the log grows meanwhile */
#define READ_ROUNDS	256
#define POLL_ROUNDS	16
/* a length no slot can hold, for rpc-oversize */
#define OVERSIZE_LEN	(16 * BH_CHAN_SLOT_SIZE)

static struct bhd_svc *service(struct bhd *d, const char *name,
			       const char *what, struct bhd_err *err)
{
	struct bhd_svc *s = bhd_find(d, name);

	if (!s)
		bhd_error(err, "%s: %s: no such service with a root channel",
			  what, name);
	return s;
}

/* A doorbell slot other than the service's own must name its endpoint. */
static int check_slot(struct bhd *d, struct bhd_svc *s, uint64_t slot,
		      const char *what, struct bhd_err *err)
{
	uint64_t r[4];
	long e;

	if (!slot || slot == s->slot)
		return 0;
	e = bh_client_call(&d->dev, BH_SLOT_CNODE, BH_LABEL_CNODE_READ, 1,
			   &slot, r);
	if (e)
		return bhd_error(err, "%s: slot %" PRIu64 ": %s", what, slot,
				 e < 0 ? "cannot read it" :
				 bh_error_name((uint64_t)e));
	if (r[0] != BH_OBJ_ENDPOINT || r[3] != s->cell)
		return bhd_error(err, "%s: slot %" PRIu64 ": not an endpoint of %s",
				 what, slot, s->name);
	return 0;
}

/* One request whose refusal is an error named after @what. */
static int ask(struct bhd_svc *s, uint64_t slot, const char *what,
	       uint16_t op, uint16_t kind, const void *p, uint32_t len,
	       struct bhd_reply *r, struct bhd_err *err)
{
	char text[160], tmp[BHD_ERR_LEN];

	if (check_slot(s->d, s, slot, what, err))
		return -1;
	if (bhd_call(s, slot, op, kind, p, len, 1, r, err)) {
		snprintf(tmp, sizeof(tmp), "%s", err->msg);
		return bhd_error(err, "%s: %s", what, tmp);
	}
	if (!r->status)
		return 0;
	bhd_reply_text(r, text, sizeof(text));
	return bhd_error(err, "%s: %s refused: %s%s%s", what, s->name,
			 bh_rpc_strerror(r->status), text[0] ? ": " : "",
			 text);
}

/* LOG_READ until a round brings nothing; *got counts the bytes. */
static int log_rounds(struct bhd *d, struct bhd_follow *fl, int rounds,
		      struct bhd_out *out, struct bhd_err *err)
{
	struct bhd_svc *con = service(d, "console", "console", err);
	struct bh_rpc_log_req q = { .cell = fl->cell };
	struct bhd_reply r = { 0 };
	const struct bh_rpc_log *l;
	const struct bh_rpc_hdr *h;
	const void *p;
	size_t off, n, round_bytes;
	int ret = 0;

	if (!con)
		return -1;
	while (rounds--) {
		q.pos = fl->pos;
		ret = ask(con, fl->slot, "console", BH_RPC_OP_LOG_READ,
			  BH_RPC_K_LOG_REQ, &q, sizeof(q), &r, err);
		if (ret)
			break;
		round_bytes = 0;
		off = 0;
		while (bhd_reply_next(&r, &off, &h, &p)) {
			if (h->kind != BH_RPC_K_LOG || h->len < sizeof(*l))
				continue;
			l = p;
			n = h->len - sizeof(*l);
			bhd_write(out, l->data, n);
			round_bytes += n;
			fl->pos = l->next;
		}
		if (!round_bytes)
			break;
	}
	bhd_reply_free(&r);
	return ret;
}

int bhd_console_start(struct bhd *d, const struct bhd_frame *f,
		      const char *cell, struct bhd_follow *fl,
		      struct bhd_out *out, struct bhd_err *err)
{
	int id;

	memset(fl, 0, sizeof(*fl));
	fl->slot = f->slot;
	if (!cell[0] || !strcmp(cell, "hv")) {
		fl->cell = BH_RPC_LOG_KERNEL;
	} else {
		id = bhd_cell_id(d, cell);
		if (id < 0)
			return bhd_error(err, "console: %s: no such cell", cell);
		fl->cell = (uint32_t)id;
	}
	return log_rounds(d, fl, READ_ROUNDS, out, err);
}

int bhd_console_poll(struct bhd *d, struct bhd_follow *fl,
		     struct bhd_out *out, struct bhd_err *err)
{
	return log_rounds(d, fl, POLL_ROUNDS, out, err);
}

static int shell(struct bhd *d, const struct bhd_frame *f,
		 const char *line, struct bhd_out *out, struct bhd_err *err)
{
	struct bhd_svc *con = service(d, "console", "shell", err);
	struct bhd_reply r = { 0 };
	const struct bh_rpc_hdr *h;
	const void *p;
	size_t off = 0, start = out->len;
	int ret;

	if (!con)
		return -1;
	if (f->len > BH_RPC_MAX_PAYLOAD)
		return bhd_error(err, "shell: line too long (%u bytes, a message holds %zu)",
				 f->len, (size_t)BH_RPC_MAX_PAYLOAD);
	ret = ask(con, f->slot, "shell", BH_RPC_OP_SHELL, BH_RPC_K_TEXT, line,
		  f->len, &r, err);
	while (!ret && bhd_reply_next(&r, &off, &h, &p))
		if (h->kind == BH_RPC_K_TEXT)
			bhd_write(out, p, h->len);
	if (!ret && out->len > start && out->buf[out->len - 1] != '\n')
		bhd_write(out, "\n", 1);
	bhd_reply_free(&r);
	return ret;
}

static const char *svc_reply_name(uint64_t v)
{
	switch (v) {
	case BH_SVC_SERVED:
		return "served";
	case BH_SVC_IDLE:
		return "idle";
	case BH_SVC_CHAN_BROKEN:
		return "channel broken";
	case BH_SVC_BAD_CALL:
		return "bad call";
	default:
		return "unknown answer";
	}
}

/* Drop reply messages an earlier request left in the ring. */
static void drain(struct bhd_svc *s)
{
	static uint8_t buf[BH_CHAN_MSG_MAX];

	while (bh_chan_recv(&s->rpc.ch, buf, sizeof(buf)) >= 0)
		;
}

static int ready(struct bhd_svc *s, struct bhd_err *err)
{
	if (s->rpc.attached && !bh_rpc_client_stale(&s->rpc))
		return 0;
	return bhd_reconnect(s, err);
}

/* After a hook: the service must still answer HELLO. */
static int still_fine(struct bhd_svc *s, const char *what,
		      struct bhd_out *out, struct bhd_err *err)
{
	struct bhd_reply r = { 0 };
	int ret;

	ret = ask(s, 0, what, BH_RPC_OP_HELLO, BH_RPC_K_NONE, NULL, 0, &r,
		  err);
	bhd_reply_free(&r);
	if (!ret)
		bhd_printf(out, "%s: %s answers HELLO (generation %" PRIu64
			   ", reconnections %lu)\n", what, s->name,
			   bh_rpc_client_generation(&s->rpc), s->reconnects);
	return ret;
}

static void print_msg(struct bhd_out *out, unsigned int i, const void *m,
		      int len)
{
	const struct bh_rpc_hdr *h;
	struct bh_rpc_hdr hdr;
	const void *p;
	int k;

	bhd_printf(out, "reply %u: %d bytes", i, len);
	if (bh_rpc_decode(m, (uint32_t)len, &hdr, &p)) {
		bhd_printf(out, ", not a valid RPC message:");
		for (k = 0; k < len && k < 64; k++)
			bhd_printf(out, " %02x", ((const uint8_t *)m)[k]);
		bhd_printf(out, "\n");
		return;
	}
	h = &hdr;
	bhd_printf(out, ": op %#06x id %u flags %#x status %d (%s) kind %u len %u\n",
		   h->op, h->id, h->flags, h->status,
		   bh_rpc_strerror(h->status), h->kind, h->len);
	if (h->kind == BH_RPC_K_TEXT) {
		bhd_printf(out, "  text: ");
		for (k = 0; k < h->len; k++) {
			char c = ((const char *)p)[k];

			bhd_write(out, c >= ' ' && c < 0x7f ? &c : "?", 1);
		}
		bhd_printf(out, "\n");
	}
}

static int hook_raw(struct bhd *d, const char *payload, uint32_t len,
		    struct bhd_out *out, struct bhd_err *err)
{
	static uint8_t msg[BH_CHAN_MSG_MAX];
	size_t nlen = strnlen(payload, len);
	uint64_t reply[2] = { 0 };
	struct bhd_svc *s;
	unsigned int i = 0;
	int e, n;

	s = service(d, payload, "rpc-raw", err);
	if (!s || ready(s, err))
		return -1;
	if (nlen >= len || len - nlen - 1 > BH_CHAN_MSG_MAX)
		return bhd_error(err, "rpc-raw: a message holds 0..%u bytes",
				 BH_CHAN_MSG_MAX);
	drain(s);
	n = bh_chan_send(&s->rpc.ch, payload + nlen + 1, len - nlen - 1);
	if (n < 0)
		return bhd_error(err, "rpc-raw: %s: cannot send (channel error %d)",
				 s->name, n);
	bhd_printf(out, "rpc-raw: sent %zu bytes to %s\n", len - nlen - 1,
		   s->name);
	s->ring_slot = s->slot;
	e = bhd_ring(s, BH_SVC_CALL_SERVE, reply);
	if (e) {
		bhd_printf(out, "rpc-raw: doorbell: %s\n", bhd_ring_strerror(e));
		if (bhd_reconnect(s, err))
			return -1;
		return bhd_error(err, "rpc-raw: %s stopped: %s", s->name,
				 bhd_ring_strerror(e));
	}
	bhd_printf(out, "rpc-raw: doorbell: %s (generation %" PRIu64 ")\n",
		   svc_reply_name(reply[0]), reply[1]);
	while ((n = bh_chan_recv(&s->rpc.ch, msg, sizeof(msg))) >= 0)
		print_msg(out, i++, msg, n);
	if (reply[0] == BH_SVC_CHAN_BROKEN &&
	    bh_rpc_client_reset(&s->rpc, bhd_ring, s))
		return bhd_error(err, "rpc-raw: %s: reset failed", s->name);
	return still_fine(s, "rpc-raw", out, err);
}

static int hook_oversize(struct bhd *d, const char *name,
			 struct bhd_out *out, struct bhd_err *err)
{
	uint64_t reply[2] = { 0 };
	struct bh_chan_slot *slot;
	struct bh_chan *ch;
	struct bhd_svc *s;
	int e;

	s = service(d, name, "rpc-oversize", err);
	if (!s || ready(s, err))
		return -1;
	drain(s);
	/* publish by hand what bh_chan_send() refuses to write */
	ch = &s->rpc.ch;
	slot = &ch->tx_slots[ch->tx_next & ch->mask];
	slot->len = OVERSIZE_LEN;
	slot->flags = 0;
	__atomic_store_n(&ch->tx_prod->idx, ch->tx_next + 1, __ATOMIC_RELEASE);
	ch->tx_next++;
	bhd_printf(out, "rpc-oversize: published a %u-byte message to %s (a slot holds %u)\n",
		   OVERSIZE_LEN, s->name, BH_CHAN_MSG_MAX);
	s->ring_slot = s->slot;
	e = bhd_ring(s, BH_SVC_CALL_SERVE, reply);
	if (e) {
		bhd_reconnect(s, err);
		return bhd_error(err, "rpc-oversize: %s stopped instead of refusing: %s",
				 s->name, bhd_ring_strerror(e));
	}
	bhd_printf(out, "rpc-oversize: doorbell: %s\n",
		   svc_reply_name(reply[0]));
	if (reply[0] != BH_SVC_CHAN_BROKEN) {
		bh_rpc_client_reset(&s->rpc, bhd_ring, s);
		return bhd_error(err, "rpc-oversize: %s did not report the broken channel (%s)",
				 s->name, svc_reply_name(reply[0]));
	}
	if (bh_rpc_client_reset(&s->rpc, bhd_ring, s))
		return bhd_error(err, "rpc-oversize: %s: reset failed: %s",
				 s->name,
				 bhd_ring_strerror(s->rpc.doorbell_err));
	s->reconnects++;
	bhd_printf(out, "rpc-oversize: reset the channel, attached again\n");
	return still_fine(s, "rpc-oversize", out, err);
}

static int hook_fault(struct bhd *d, const char *name, int hang,
		      struct bhd_out *out, struct bhd_err *err)
{
	int expect = hang ? -BH_E_TIMEOUT : -BH_E_FAULT;
	struct bhd_reply r = { 0 };
	struct bhd_svc *s;
	int ret;

	s = service(d, name, "fault", err);
	if (!s)
		return -1;
	ret = bhd_call(s, 0, hang ? BH_RPC_OP_TEST_HANG : BH_RPC_OP_TEST_FAULT,
		       BH_RPC_K_NONE, NULL, 0, 0, &r, err);
	bhd_reply_free(&r);
	if (ret && s->last_fault == expect && s->rpc.attached) {
		bhd_printf(out, "fault: %s %s as asked; restarted, attached again (generation %" PRIu64 ")\n",
			   s->name, hang ? "overran its budget" : "faulted",
			   bh_rpc_client_generation(&s->rpc));
		return 0;
	}
	if (ret) {
		char tmp[BHD_ERR_LEN];

		snprintf(tmp, sizeof(tmp), "%s", err->msg);
		return bhd_error(err, "fault: %s", tmp);
	}
	return bhd_error(err, "fault: %s answered instead of faulting: %s",
			 s->name, bh_rpc_strerror(r.status));
}

static int hook_emulate(struct bhd *d, const char *payload, uint32_t len,
			struct bhd_out *out, struct bhd_err *err)
{
	struct bhd_emulate em;
	struct bhd_svc *s;
	uint64_t mr[3];
	long e;

	if (len <= sizeof(em))
		return bhd_error(err, "emulate: malformed request");
	memcpy(&em, payload, sizeof(em));
	s = service(d, payload + sizeof(em), "emulate", err);
	if (!s)
		return -1;
	mr[0] = em.ipa;
	mr[1] = em.size;
	mr[2] = s->slot;
	e = bh_client_call(&d->dev, BH_SLOT_CELL, BH_LABEL_CELL_EMULATE, 3, mr,
			   NULL);
	if (e)
		return bhd_error(err, "emulate: CELL_EMULATE: %s",
				 e < 0 ? strerror((int)-e) :
				 bh_error_name((uint64_t)e));
	bhd_printf(out, "emulate: accesses of %s to %#" PRIx64 "-%#" PRIx64
		   " go to %s\n", bhd_cell_name(d, 0), em.ipa,
		   em.ipa + em.size - 1, s->name);
	return 0;
}

int bhd_request(struct bhd *d, const struct bhd_frame *f,
		const char *payload, struct bhd_out *out, struct bhd_err *err)
{
	struct bhd_svc *mgmt = bhd_find(d, "mgmt");
	struct bhd_follow fl;

	switch (f->type) {
	case BHD_REQ_STATUS:
		if (mgmt && check_slot(d, mgmt, f->slot, "status", err))
			return -1;
		return bhd_status(d, f->slot, !!(f->flags & BHD_F_STATS), out,
				  err);
	case BHD_REQ_CONSOLE:
		return bhd_console_start(d, f, payload, &fl, out, err);
	case BHD_REQ_SHELL:
		return shell(d, f, payload, out, err);
	case BHD_REQ_RAW:
		return hook_raw(d, payload, f->len, out, err);
	case BHD_REQ_OVERSIZE:
		return hook_oversize(d, payload, out, err);
	case BHD_REQ_FAULT:
		return hook_fault(d, payload, !!(f->flags & BHD_F_HANG), out,
				  err);
	case BHD_REQ_EMULATE:
		return hook_emulate(d, payload, f->len, out, err);
	default:
		return bhd_error(err, "bulkheadd: unknown request %u", f->type);
	}
}
