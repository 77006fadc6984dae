/* SPDX-License-Identifier: GPL-2.0 */
/* RPC server and client tests: dispatch, refusals, replies, broken channels. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <bulkhead/caps.h>
#include <bulkhead/rpc.h>

#define NSLOTS		16
#define REGION		BH_CHAN_REGION_SIZE(NSLOTS)
#define GEN		5
#define OP_ECHO		0x0901
#define OP_PARTS	0x0902
#define OP_TEXT		0x0903
#define OP_FLOOD	0x0904
#define OP_FAIL		0x0905
#define OP_ADMIN	0x0906
#define OP_BAD		0x0907

/* One process plays both ends: the service (server) and bulkheadd */
struct fixture {
	void *mem;
	struct bh_rpc_server srv;
	struct bh_rpc_client cli;
	uint64_t rights;	/* of the doorbell caller */
	uint64_t badge;
	unsigned int rings;
	unsigned int handled;
	int fail_rings;		/* doorbell fails this many times */
	int skip_serve;		/* ring without serving */
	int eat_request;	/* take the request, answer nothing */
	uint64_t fake_mr0;	/* nonzero: answer this instead */
	uint64_t gen_delta;	/* added to the generation answered */
	int flood_first_error;	/* OP_FLOOD: index of the first error */
	int flood_error;
	struct bh_rpc_request seen_copy;
	/* what the client collected */
	unsigned int parts;
	unsigned int finals;
	uint16_t kinds[64];
	char text[4096];
	size_t text_len;
	struct bh_rpc_hdr last;
};

static int32_t h_echo(struct bh_rpc_server *s, const struct bh_rpc_request *r)
{
	struct fixture *f = bh_rpc_server_ctx(s);

	f->handled++;
	f->seen_copy = *r;
	return bh_rpc_reply(s, BH_RPC_K_STATS_REQ, r->payload, r->hdr.len);
}

static int32_t h_parts(struct bh_rpc_server *s, const struct bh_rpc_request *r)
{
	struct bh_rpc_hello h = { .rpc_version = 1, .cell_id = 7 };
	struct bh_rpc_cpu c = { .index = 3 };
	int ret;

	(void)r;
	ret = bh_rpc_reply(s, BH_RPC_K_HELLO, &h, sizeof(h));
	assert_int_equal(ret, BH_RPC_OK);
	ret = bh_rpc_reply_text(s, "line %d\n", 1);
	assert_int_equal(ret, BH_RPC_OK);
	/* the text goes out before the next binary part */
	ret = bh_rpc_reply(s, BH_RPC_K_CPU, &c, sizeof(c));
	assert_int_equal(ret, BH_RPC_OK);
	return bh_rpc_reply_text(s, "tail");
}

/* 600 bytes of text in pieces: split over three messages */
static int32_t h_text(struct bh_rpc_server *s, const struct bh_rpc_request *r)
{
	int i, ret;

	(void)r;
	for (i = 0; i < 60; i++) {
		ret = bh_rpc_reply_text(s, "%09d\n", i);
		if (ret)
			return ret;
	}
	return BH_RPC_OK;
}

static int32_t h_flood(struct bh_rpc_server *s, const struct bh_rpc_request *r)
{
	struct fixture *f = bh_rpc_server_ctx(s);
	struct bh_rpc_cpu c = { 0 };
	int i, ret;

	(void)r;
	f->flood_first_error = -1;
	for (i = 0; i < 40; i++) {
		c.index = i;
		ret = bh_rpc_reply(s, BH_RPC_K_CPU, &c, sizeof(c));
		if (ret && f->flood_first_error < 0) {
			f->flood_first_error = i;
			f->flood_error = ret;
		}
	}
	return BH_RPC_OK;
}

static int32_t h_fail(struct bh_rpc_server *s, const struct bh_rpc_request *r)
{
	(void)r;
	bh_rpc_reply_text(s, "no such cpu");
	return BH_RPC_ERANGE;
}

static int32_t h_admin(struct bh_rpc_server *s, const struct bh_rpc_request *r)
{
	struct fixture *f = bh_rpc_server_ctx(s);

	(void)r;
	f->handled++;
	return 3;	/* a positive status is a handler bug */
}

static const struct bh_rpc_op ops[] = {
	{ OP_ECHO, BH_RPC_K_STATS_REQ, BH_RIGHT_READ, h_echo },
	{ OP_PARTS, BH_RPC_K_NONE, 0, h_parts },
	{ OP_TEXT, BH_RPC_K_NONE, BH_RIGHT_READ, h_text },
	{ OP_FLOOD, BH_RPC_K_NONE, 0, h_flood },
	{ OP_FAIL, BH_RPC_K_NONE, 0, h_fail },
	{ OP_ADMIN, BH_RPC_K_NONE, BH_RIGHT_READ | BH_RIGHT_CONTROL, h_admin },
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));

	assert_non_null(f);
	f->mem = aligned_alloc(BH_CHAN_PAGE_SIZE, REGION);
	assert_non_null(f->mem);
	memset(f->mem, 0xa5, REGION);
	f->rights = BH_RIGHTS_ALL;
	f->badge = 0x42;
	assert_int_equal(bh_rpc_server_init(&f->srv, f->mem, REGION, NSLOTS,
					    GEN, ops, sizeof(ops) /
					    sizeof(ops[0]), f), 0);
	assert_int_equal(bh_rpc_client_attach(&f->cli, f->mem, REGION), 0);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	free(f->mem);
	free(f);
	return 0;
}

/* The doorbell: what the service's receive loop does with an EP_CALL */
static int doorbell(void *ctx, uint64_t op, uint64_t reply[2])
{
	struct fixture *f = ctx;
	uint8_t buf[BH_CHAN_MSG_MAX];

	f->rings++;
	if (f->fail_rings) {
		f->fail_rings--;
		return -BH_E_FAULT;
	}
	if (f->eat_request) {
		bh_chan_recv(&f->srv.ch, buf, sizeof(buf));
		reply[0] = BH_SVC_IDLE;
		reply[1] = GEN;
		return 0;
	}
	if (f->skip_serve) {
		reply[0] = BH_SVC_SERVED;
		reply[1] = GEN;
		return 0;
	}
	bh_rpc_server_doorbell(&f->srv, op, f->rights, f->badge, reply);
	if (f->fake_mr0)
		reply[0] = f->fake_mr0;
	reply[1] += f->gen_delta;
	return 0;
}

static void collect(void *arg, const struct bh_rpc_hdr *hdr,
		    const void *payload)
{
	struct fixture *f = arg;

	assert_true(hdr->flags & BH_RPC_F_REPLY);
	if (hdr->flags & BH_RPC_F_MORE)
		f->parts++;
	else
		f->finals++;
	f->kinds[(f->parts + f->finals - 1) % 64] = hdr->kind;
	if (hdr->kind == BH_RPC_K_TEXT) {
		assert_true(f->text_len + hdr->len < sizeof(f->text));
		memcpy(f->text + f->text_len, payload, hdr->len);
		f->text_len += hdr->len;
		f->text[f->text_len] = '\0';
	}
	f->last = *hdr;
}

static int call(struct fixture *f, uint16_t op, uint16_t kind,
		const void *payload, uint32_t len)
{
	return bh_rpc_call(&f->cli, doorbell, f, op, kind, payload, len,
			   collect, f);
}

/* Send raw bytes as the client end, as a broken or hostile agent would */
static void send_raw(struct fixture *f, const void *m, uint32_t len)
{
	assert_true(bh_chan_send(&f->cli.ch, m, len) >= 0);
}

/* The single reply message to a raw request */
static void recv_reply(struct fixture *f, struct bh_rpc_hdr *hdr)
{
	uint8_t buf[BH_CHAN_MSG_MAX] __attribute__((aligned(8)));
	const void *p;
	int n;

	n = bh_chan_recv(&f->cli.ch, buf, sizeof(buf));
	assert_true(n >= 16);
	assert_int_equal(bh_rpc_decode(buf, n, hdr, &p), 0);
	assert_int_equal(bh_chan_recv(&f->cli.ch, buf, sizeof(buf)),
			 -BH_CHAN_EAGAIN);
}

static void test_init_stamps_generation(void **state)
{
	struct fixture *f = *state;
	const struct bh_chan_hdr *hdr = f->mem;

	assert_int_equal(hdr->magic, BH_CHAN_MAGIC);
	assert_int_equal(hdr->generation, GEN);
	assert_int_equal(hdr->nslots, NSLOTS);
	assert_int_equal(bh_rpc_client_generation(&f->cli), GEN);
	assert_false(bh_rpc_client_stale(&f->cli));
}

static void test_idle(void **state)
{
	struct fixture *f = *state;
	uint64_t reply[2] = { 9, 9 };

	assert_int_equal(bh_rpc_serve_one(&f->srv, BH_RIGHTS_ALL, 0),
			 BH_SVC_IDLE);
	assert_int_equal(bh_rpc_server_doorbell(&f->srv, BH_SVC_CALL_SERVE,
						0, 0, reply), BH_SVC_IDLE);
	assert_int_equal(reply[1], GEN);
	assert_int_equal(bh_rpc_server_doorbell(&f->srv, BH_SVC_CALL_PING,
						0, 0, reply), BH_SVC_SERVED);
	assert_int_equal(bh_rpc_server_doorbell(&f->srv, 77, 0, 0, reply),
			 BH_SVC_BAD_CALL);
	assert_int_equal(reply[1], GEN);
}

static void test_dispatch(void **state)
{
	struct fixture *f = *state;
	struct bh_rpc_stats_req q = { .cpu = 3 };

	f->rights = BH_RIGHT_READ;
	assert_int_equal(call(f, OP_ECHO, BH_RPC_K_STATS_REQ, &q, sizeof(q)),
			 BH_RPC_OK);
	assert_int_equal(f->handled, 1);
	assert_int_equal(f->rings, 1);
	assert_int_equal(f->seen_copy.rights, BH_RIGHT_READ);
	assert_int_equal(f->seen_copy.badge, 0x42);
	assert_int_equal(f->seen_copy.hdr.op, OP_ECHO);
	assert_int_equal(f->seen_copy.hdr.len, sizeof(q));
	assert_int_equal(f->parts, 1);
	assert_int_equal(f->finals, 1);
	assert_int_equal(f->kinds[0], BH_RPC_K_STATS_REQ);
	assert_int_equal(f->kinds[1], BH_RPC_K_NONE);
	assert_int_equal(f->last.op, OP_ECHO);
	assert_int_equal(f->last.status, BH_RPC_OK);

	/* ids differ between calls, and the reply repeats each */
	q.cpu = 4;
	f->parts = f->finals = 0;
	assert_int_equal(call(f, OP_ECHO, BH_RPC_K_STATS_REQ, &q, sizeof(q)),
			 BH_RPC_OK);
	assert_int_equal(f->seen_copy.hdr.id, f->last.id);
	assert_int_equal(f->last.id, f->cli.next_id - 1);
	assert_int_equal(((const struct bh_rpc_stats_req *)
			  f->seen_copy.payload)->cpu, 4);
	assert_int_equal(f->handled, 2);
}

static void test_rights_refused(void **state)
{
	struct fixture *f = *state;
	struct bh_rpc_stats_req q = { 0 };

	f->rights = BH_RIGHT_WRITE | BH_RIGHT_GRANT;
	assert_int_equal(call(f, OP_ECHO, BH_RPC_K_STATS_REQ, &q, sizeof(q)),
			 BH_RPC_EPERM);
	assert_int_equal(f->handled, 0);
	assert_int_equal(f->parts, 0);
	assert_int_equal(f->finals, 1);
	assert_int_equal(f->last.kind, BH_RPC_K_TEXT);
	assert_string_equal(f->text, "needs READ on the endpoint");

	f->text_len = 0;
	f->rights = BH_RIGHT_READ;
	assert_int_equal(call(f, OP_ADMIN, BH_RPC_K_NONE, NULL, 0),
			 BH_RPC_EPERM);
	assert_string_equal(f->text, "needs CONTROL on the endpoint");
	f->text_len = 0;
	f->rights = 0;
	assert_int_equal(call(f, OP_ADMIN, BH_RPC_K_NONE, NULL, 0),
			 BH_RPC_EPERM);
	assert_string_equal(f->text, "needs READ+CONTROL on the endpoint");
	assert_int_equal(f->handled, 0);

	/* all rights: the handler runs; its positive status becomes EIO */
	f->rights = BH_RIGHTS_ALL;
	assert_int_equal(call(f, OP_ADMIN, BH_RPC_K_NONE, NULL, 0),
			 BH_RPC_EIO);
	assert_int_equal(f->handled, 1);

	/* an op that needs nothing runs without rights */
	f->rights = 0;
	assert_int_equal(call(f, OP_PARTS, BH_RPC_K_NONE, NULL, 0),
			 BH_RPC_OK);
}

static void test_unknown_op(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(call(f, OP_BAD, BH_RPC_K_NONE, NULL, 0),
			 BH_RPC_ENOSYS);
	assert_int_equal(f->last.op, OP_BAD);
	assert_int_equal(f->finals, 1);
	assert_int_equal(f->handled, 0);
}

static void test_wrong_kind(void **state)
{
	struct fixture *f = *state;
	struct bh_rpc_log_req lr = { 0 };

	assert_int_equal(call(f, OP_ECHO, BH_RPC_K_NONE, NULL, 0),
			 BH_RPC_EBADMSG);
	assert_int_equal(call(f, OP_ECHO, BH_RPC_K_LOG_REQ, &lr, sizeof(lr)),
			 BH_RPC_EBADMSG);
	assert_int_equal(f->handled, 0);
}

static void test_malformed_requests(void **state)
{
	struct fixture *f = *state;
	uint8_t m[BH_CHAN_MSG_MAX] = { 0 };
	struct bh_rpc_hdr h, r;
	int n;

	/* too short for a header: op salvaged, id 0 */
	m[0] = 0x01;
	m[1] = 0x09;
	send_raw(f, m, 3);
	assert_int_equal(bh_rpc_serve_one(&f->srv, BH_RIGHTS_ALL, 0),
			 BH_SVC_SERVED);
	recv_reply(f, &r);
	assert_int_equal(r.status, BH_RPC_EBADMSG);
	assert_int_equal(r.op, 0x0901);
	assert_int_equal(r.id, 0);
	assert_true(r.flags & BH_RPC_F_REPLY);
	assert_false(r.flags & BH_RPC_F_MORE);

	/* empty message */
	send_raw(f, m, 0);
	assert_int_equal(bh_rpc_serve_one(&f->srv, BH_RIGHTS_ALL, 0),
			 BH_SVC_SERVED);
	recv_reply(f, &r);
	assert_int_equal(r.status, BH_RPC_EBADMSG);
	assert_int_equal(r.op, 0);

	/* readable header, unknown flag: op and id echoed */
	h = (struct bh_rpc_hdr){ .op = OP_ECHO, .flags = 0x10, .id = 99,
				 .len = 8, .kind = BH_RPC_K_STATS_REQ };
	memcpy(m, &h, sizeof(h));
	send_raw(f, m, 24);
	assert_int_equal(bh_rpc_serve_one(&f->srv, BH_RIGHTS_ALL, 0),
			 BH_SVC_SERVED);
	recv_reply(f, &r);
	assert_int_equal(r.status, BH_RPC_EBADMSG);
	assert_int_equal(r.op, OP_ECHO);
	assert_int_equal(r.id, 99);

	/* a reply sent as a request */
	n = bh_rpc_encode(m, OP_ECHO, BH_RPC_F_REPLY, 100, 0,
			  BH_RPC_K_STATS_REQ, &h, 8);
	send_raw(f, m, n);
	assert_int_equal(bh_rpc_serve_one(&f->srv, BH_RIGHTS_ALL, 0),
			 BH_SVC_SERVED);
	recv_reply(f, &r);
	assert_int_equal(r.status, BH_RPC_EBADMSG);
	assert_int_equal(r.id, 100);

	/* header length disagreeing with the message */
	n = bh_rpc_encode(m, OP_ECHO, 0, 101, 0, BH_RPC_K_STATS_REQ, &h, 8);
	send_raw(f, m, n + 4);
	assert_int_equal(bh_rpc_serve_one(&f->srv, BH_RIGHTS_ALL, 0),
			 BH_SVC_SERVED);
	recv_reply(f, &r);
	assert_int_equal(r.status, BH_RPC_EBADMSG);
	assert_int_equal(r.id, 101);

	/* a status in a request; a full-size message of garbage */
	h = (struct bh_rpc_hdr){ .op = OP_PARTS, .id = 102, .status = -1 };
	memcpy(m, &h, sizeof(h));
	send_raw(f, m, 16);
	memset(m, 0xff, sizeof(m));
	send_raw(f, m, sizeof(m));
	assert_int_equal(bh_rpc_serve_one(&f->srv, BH_RIGHTS_ALL, 0),
			 BH_SVC_SERVED);
	recv_reply(f, &r);
	assert_int_equal(r.status, BH_RPC_EBADMSG);
	assert_int_equal(r.id, 102);
	assert_int_equal(bh_rpc_serve_one(&f->srv, BH_RIGHTS_ALL, 0),
			 BH_SVC_SERVED);
	recv_reply(f, &r);
	assert_int_equal(r.status, BH_RPC_EBADMSG);
	assert_int_equal(r.id, 0xffffffff);

	assert_int_equal(f->handled, 0);
	/* and the service still works */
	assert_int_equal(call(f, OP_PARTS, BH_RPC_K_NONE, NULL, 0),
			 BH_RPC_OK);
}

static void test_multi_part(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(call(f, OP_PARTS, BH_RPC_K_NONE, NULL, 0),
			 BH_RPC_OK);
	/* HELLO, TEXT "line 1\n", CPU, final TEXT "tail" */
	assert_int_equal(f->parts, 3);
	assert_int_equal(f->finals, 1);
	assert_int_equal(f->kinds[0], BH_RPC_K_HELLO);
	assert_int_equal(f->kinds[1], BH_RPC_K_TEXT);
	assert_int_equal(f->kinds[2], BH_RPC_K_CPU);
	assert_int_equal(f->kinds[3], BH_RPC_K_TEXT);
	assert_string_equal(f->text, "line 1\ntail");
}

static void test_text_split(void **state)
{
	struct fixture *f = *state;
	char want[601];
	int i;

	for (i = 0; i < 60; i++)
		snprintf(want + 10 * i, 11, "%09d\n", i);
	assert_int_equal(call(f, OP_TEXT, BH_RPC_K_NONE, NULL, 0),
			 BH_RPC_OK);
	/* 232 + 232 in parts, the last 136 bytes in the final message */
	assert_int_equal(f->parts, 2);
	assert_int_equal(f->finals, 1);
	assert_int_equal(f->last.len, 600 - 2 * BH_RPC_MAX_PAYLOAD);
	assert_int_equal(f->text_len, 600);
	assert_string_equal(f->text, want);
}

static void test_text_too_long(void **state)
{
	struct fixture *f = *state;
	struct bh_rpc_request req = { 0 };
	char big[BH_RPC_TEXT_MAX + 2];

	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	/* outside a handler nothing is sent */
	assert_int_equal(bh_rpc_reply_text(&f->srv, "%s", "a"),
			 BH_RPC_EBADMSG);
	assert_int_equal(bh_rpc_reply(&f->srv, BH_RPC_K_NONE, NULL, 0),
			 BH_RPC_EBADMSG);
	f->srv.req = &req;
	assert_int_equal(bh_rpc_reply(&f->srv, BH_RPC_K_TEXT, big,
				      BH_RPC_MAX_PAYLOAD + 1),
			 BH_RPC_EBADMSG);
	assert_int_equal(bh_rpc_reply(&f->srv, BH_RPC_K_HELLO, big, 39),
			 BH_RPC_EBADMSG);
	assert_int_equal(bh_rpc_reply(&f->srv, BH_RPC_K_NR, NULL, 0),
			 BH_RPC_EBADMSG);
	assert_false(f->srv.dropped);
	assert_int_equal(f->srv.sent, 0);
	assert_int_equal(bh_rpc_reply_text(&f->srv, "%s", big),
			 BH_RPC_EOVERFLOW);
	assert_true(f->srv.dropped);
	f->srv.req = NULL;
}

static void test_handler_error_with_text(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(call(f, OP_FAIL, BH_RPC_K_NONE, NULL, 0),
			 BH_RPC_ERANGE);
	assert_int_equal(f->parts, 0);
	assert_int_equal(f->last.kind, BH_RPC_K_TEXT);
	assert_string_equal(f->text, "no such cpu");
}

static void test_ring_full(void **state)
{
	struct fixture *f = *state;
	unsigned int i;

	assert_int_equal(call(f, OP_FLOOD, BH_RPC_K_NONE, NULL, 0),
			 BH_RPC_EOVERFLOW);
	/* one slot is kept for the final message */
	assert_int_equal(f->flood_first_error, NSLOTS - 1);
	assert_int_equal(f->flood_error, BH_RPC_EOVERFLOW);
	assert_int_equal(f->parts, NSLOTS - 1);
	assert_int_equal(f->finals, 1);
	assert_int_equal(f->last.kind, BH_RPC_K_NONE);
	for (i = 0; i < f->parts; i++)
		assert_int_equal(f->kinds[i], BH_RPC_K_CPU);

	/* the next call is not affected */
	f->parts = f->finals = 0;
	assert_int_equal(call(f, OP_PARTS, BH_RPC_K_NONE, NULL, 0),
			 BH_RPC_OK);
	assert_int_equal(f->parts, 3);
}

/* A peer that leaves the reply ring full: even the final cannot go */
static void test_ring_full_undrained(void **state)
{
	struct fixture *f = *state;
	uint8_t m[BH_CHAN_MSG_MAX] __attribute__((aligned(8)));
	struct bh_rpc_hdr h;
	const void *p;
	int n, i;

	for (i = 0; i < NSLOTS + 4; i++) {
		n = bh_rpc_encode(m, OP_FAIL, 0, 500 + i, 0, BH_RPC_K_NONE,
				  NULL, 0);
		send_raw(f, m, n);
		/* consumed, answered or not */
		assert_int_equal(bh_rpc_serve_one(&f->srv, 0, 0),
				 BH_SVC_SERVED);
	}
	/* the first NSLOTS were answered, the rest found the ring full */
	for (i = 0; i < NSLOTS; i++) {
		n = bh_chan_recv(&f->cli.ch, m, sizeof(m));
		assert_int_equal(bh_rpc_decode(m, n, &h, &p), 0);
		assert_int_equal(h.id, 500 + i);
		assert_int_equal(h.status, BH_RPC_ERANGE);
	}
	assert_int_equal(bh_chan_recv(&f->cli.ch, m, sizeof(m)),
			 -BH_CHAN_EAGAIN);

	/* a full ring again: the client drops it all, then is answered */
	for (i = 0; i < NSLOTS; i++) {
		n = bh_rpc_encode(m, OP_FAIL, 0, 600 + i, 0, BH_RPC_K_NONE,
				  NULL, 0);
		send_raw(f, m, n);
		assert_int_equal(bh_rpc_serve_one(&f->srv, 0, 0),
				 BH_SVC_SERVED);
	}
	assert_int_equal(call(f, OP_PARTS, BH_RPC_K_NONE, NULL, 0),
			 BH_RPC_OK);
	assert_int_equal(f->parts, 3);
}

static void corrupt_prod(struct fixture *f)
{
	struct bh_chan_ctl *b = (void *)((uint8_t *)f->mem +
					 BH_CHAN_CTL_B_OFFSET);

	b->prod.idx += NSLOTS + 3;
}

static void test_corrupt_channel(void **state)
{
	struct fixture *f = *state;
	uint64_t reply[2];

	corrupt_prod(f);
	assert_int_equal(bh_rpc_serve_one(&f->srv, BH_RIGHTS_ALL, 0),
			 BH_SVC_CHAN_BROKEN);
	/* sticky, even once the index looks sane again */
	((struct bh_chan_ctl *)((uint8_t *)f->mem +
				BH_CHAN_CTL_B_OFFSET))->prod.idx -= NSLOTS + 3;
	assert_int_equal(bh_rpc_serve_one(&f->srv, BH_RIGHTS_ALL, 0),
			 BH_SVC_CHAN_BROKEN);
	assert_int_equal(bh_rpc_server_doorbell(&f->srv, BH_SVC_CALL_PING, 0,
						0, reply), BH_SVC_CHAN_BROKEN);
	assert_int_equal(reply[1], GEN);

	/* the client sees it through the doorbell */
	assert_int_equal(call(f, OP_PARTS, BH_RPC_K_NONE, NULL, 0),
			 BH_RPC_TCHAN);
	assert_int_equal(f->handled, 0);

	/* RESET re-formats, same generation; the client attaches again */
	assert_int_equal(bh_rpc_client_reset(&f->cli, doorbell, f), 0);
	assert_false(bh_rpc_client_stale(&f->cli));
	assert_int_equal(bh_rpc_client_generation(&f->cli), GEN);
	assert_int_equal(call(f, OP_PARTS, BH_RPC_K_NONE, NULL, 0),
			 BH_RPC_OK);
	assert_int_equal(bh_rpc_serve_one(&f->srv, BH_RIGHTS_ALL, 0),
			 BH_SVC_IDLE);
}

static void test_corrupt_slot(void **state)
{
	struct fixture *f = *state;
	struct bh_chan_slot *ring1;
	uint8_t m[32];
	int n;

	n = bh_rpc_encode(m, OP_PARTS, 0, 1, 0, BH_RPC_K_NONE, NULL, 0);
	send_raw(f, m, n);
	/* ring 1 is B's: slot 0 holds the message just sent */
	ring1 = (struct bh_chan_slot *)((uint8_t *)f->mem +
					BH_CHAN_SLOTS_OFFSET) + NSLOTS;
	ring1[0].flags = 1;
	assert_int_equal(bh_rpc_serve_one(&f->srv, BH_RIGHTS_ALL, 0),
			 BH_SVC_CHAN_BROKEN);

	assert_int_equal(bh_rpc_server_reset(&f->srv), 0);
	assert_int_equal(bh_rpc_client_attach(&f->cli, f->mem, REGION), 0);
	send_raw(f, m, n);
	ring1[0].len = BH_CHAN_MSG_MAX + 1;
	assert_int_equal(bh_rpc_serve_one(&f->srv, BH_RIGHTS_ALL, 0),
			 BH_SVC_CHAN_BROKEN);
	assert_int_equal(f->handled, 0);
}

static void test_reply_send_breaks(void **state)
{
	struct fixture *f = *state;
	struct bh_chan_ctl *b = (void *)((uint8_t *)f->mem +
					 BH_CHAN_CTL_B_OFFSET);
	uint8_t m[32];
	int n;

	n = bh_rpc_encode(m, OP_FAIL, 0, 1, 0, BH_RPC_K_NONE, NULL, 0);
	send_raw(f, m, n);
	/* the agent's consumer index runs ahead of what we produced */
	b->cons.idx += 5;
	assert_int_equal(bh_rpc_serve_one(&f->srv, BH_RIGHTS_ALL, 0),
			 BH_SVC_CHAN_BROKEN);
	assert_int_equal(bh_rpc_serve_one(&f->srv, BH_RIGHTS_ALL, 0),
			 BH_SVC_CHAN_BROKEN);
}

static void test_bad_region(void **state)
{
	struct fixture *f = *state;
	struct bh_rpc_server s;
	uint64_t reply[2];

	assert_int_equal(bh_rpc_server_init(&s, NULL, 0, NSLOTS, 1, ops, 1,
					    NULL), -BH_CHAN_EINVAL);
	assert_int_equal(bh_rpc_serve_one(&s, BH_RIGHTS_ALL, 0),
			 BH_SVC_CHAN_BROKEN);
	assert_int_equal(bh_rpc_server_doorbell(&s, BH_SVC_CALL_RESET, 0, 0,
						reply), BH_SVC_CHAN_BROKEN);
	assert_int_equal(bh_rpc_server_init(&s, f->mem, REGION - 1, NSLOTS, 1,
					    ops, 1, NULL), -BH_CHAN_EINVAL);
	assert_int_equal(bh_rpc_server_init(&s, (uint8_t *)f->mem + 8,
					    REGION, NSLOTS, 1, ops, 1, NULL),
			 -BH_CHAN_EINVAL);
	assert_int_equal(bh_rpc_server_init(&s, f->mem, REGION, 24, 1, ops,
					    1, NULL), -BH_CHAN_EINVAL);
	/* the client finds no channel in an unformatted region */
	memset(f->mem, 0, REGION);
	assert_int_equal(bh_rpc_client_attach(&f->cli, f->mem, REGION),
			 BH_RPC_TCHAN);
	assert_true(bh_rpc_client_stale(&f->cli));
}

static void test_stale_generation(void **state)
{
	struct fixture *f = *state;

	/* the service restarted: formatted again with the next generation */
	assert_int_equal(bh_rpc_server_init(&f->srv, f->mem, REGION, NSLOTS,
					    GEN + 1, ops, sizeof(ops) /
					    sizeof(ops[0]), f), 0);
	assert_true(bh_rpc_client_stale(&f->cli));
	assert_int_equal(call(f, OP_PARTS, BH_RPC_K_NONE, NULL, 0),
			 BH_RPC_TSTALE);
	assert_int_equal(f->rings, 0);

	assert_int_equal(bh_rpc_client_attach(&f->cli, f->mem, REGION), 0);
	assert_int_equal(bh_rpc_client_generation(&f->cli), GEN + 1);
	assert_false(bh_rpc_client_stale(&f->cli));
	assert_int_equal(call(f, OP_PARTS, BH_RPC_K_NONE, NULL, 0),
			 BH_RPC_OK);

	/* a format in progress (magic cleared) is stale too */
	((struct bh_chan_hdr *)f->mem)->magic = 0;
	assert_true(bh_rpc_client_stale(&f->cli));
}

static void test_stale_doorbell_generation(void **state)
{
	struct fixture *f = *state;

	f->gen_delta = 1;
	assert_int_equal(call(f, OP_PARTS, BH_RPC_K_NONE, NULL, 0),
			 BH_RPC_TSTALE);
	assert_int_equal(f->rings, 1);
}

static void test_doorbell_fails(void **state)
{
	struct fixture *f = *state;

	f->fail_rings = 1;
	assert_int_equal(call(f, OP_ECHO, BH_RPC_K_STATS_REQ,
			      &(struct bh_rpc_stats_req){ .cpu = 1 }, 8),
			 BH_RPC_TDOORBELL);
	assert_int_equal(f->cli.doorbell_err, -BH_E_FAULT);
	assert_int_equal(f->handled, 0);

	/*
	 * The abandoned request is still queued: the next call's first ring
	 * serves it (its reply is dropped), the second ring serves ours.
	 */
	f->rings = 0;
	assert_int_equal(call(f, OP_ECHO, BH_RPC_K_STATS_REQ,
			      &(struct bh_rpc_stats_req){ .cpu = 2 }, 8),
			 BH_RPC_OK);
	assert_int_equal(f->rings, 2);
	assert_int_equal(f->handled, 2);
	assert_int_equal(f->parts, 1);
	assert_int_equal(f->finals, 1);
	assert_int_equal(((const struct bh_rpc_stats_req *)
			  f->seen_copy.payload)->cpu, 2);
}

static void test_no_reply(void **state)
{
	struct fixture *f = *state;

	f->eat_request = 1;
	assert_int_equal(call(f, OP_PARTS, BH_RPC_K_NONE, NULL, 0),
			 BH_RPC_TNOREPLY);
	assert_int_equal(f->rings, 1);

	/* a service that says SERVED but never answers: bounded rings */
	f->eat_request = 0;
	f->skip_serve = 1;
	f->rings = 0;
	assert_int_equal(call(f, OP_PARTS, BH_RPC_K_NONE, NULL, 0),
			 BH_RPC_TNOREPLY);
	assert_int_equal(f->rings, BH_RPC_CALL_RINGS);
}

static void test_bad_doorbell_replies(void **state)
{
	struct fixture *f = *state;

	f->fake_mr0 = BH_SVC_BAD_CALL;
	assert_int_equal(call(f, OP_PARTS, BH_RPC_K_NONE, NULL, 0),
			 BH_RPC_TPROTO);
	f->fake_mr0 = 1234;
	assert_int_equal(call(f, OP_PARTS, BH_RPC_K_NONE, NULL, 0),
			 BH_RPC_TPROTO);
}

/* Replies a hostile service could send */
static int forged_reply(void *ctx, uint64_t op, uint64_t reply[2])
{
	struct fixture *f = ctx;
	uint8_t buf[BH_CHAN_MSG_MAX], m[32];
	struct bh_rpc_hdr h;
	int n;

	(void)op;
	n = bh_chan_recv(&f->srv.ch, buf, sizeof(buf));
	assert_true(n >= 16);
	memcpy(&h, buf, sizeof(h));
	switch (f->rings++) {
	case 0:		/* not a reply */
		n = bh_rpc_encode(m, h.op, 0, h.id, 0, BH_RPC_K_NONE, NULL, 0);
		break;
	case 1:		/* another op */
		n = bh_rpc_encode(m, h.op + 1, BH_RPC_F_REPLY, h.id, 0,
				  BH_RPC_K_NONE, NULL, 0);
		break;
	case 2:		/* a status in the transport range */
		n = bh_rpc_encode(m, h.op, BH_RPC_F_REPLY, h.id, BH_RPC_TSTALE,
				  BH_RPC_K_NONE, NULL, 0);
		break;
	default:	/* a bad length */
		n = bh_rpc_encode(m, h.op, BH_RPC_F_REPLY, h.id, 0,
				  BH_RPC_K_HELLO, m, 4);
		break;
	}
	assert_true(bh_chan_send(&f->srv.ch, m, n) >= 0);
	reply[0] = BH_SVC_SERVED;
	reply[1] = GEN;
	return 0;
}

static void test_forged_replies(void **state)
{
	struct fixture *f = *state;
	int i;

	for (i = 0; i < 4; i++)
		assert_int_equal(bh_rpc_call(&f->cli, forged_reply, f, OP_PARTS,
					     BH_RPC_K_NONE, NULL, 0, collect,
					     f), BH_RPC_TPROTO);
	assert_int_equal(f->finals, 0);
}

static void test_client_refuses_oversize(void **state)
{
	struct fixture *f = *state;
	static uint8_t big[BH_RPC_MAX_PAYLOAD + 1];

	assert_int_equal(call(f, OP_PARTS, BH_RPC_K_TEXT, big, sizeof(big)),
			 BH_RPC_TPROTO);
	assert_int_equal(f->rings, 0);
	assert_int_equal(bh_rpc_serve_one(&f->srv, BH_RIGHTS_ALL, 0),
			 BH_SVC_IDLE);
}

static void test_request_ring_full(void **state)
{
	struct fixture *f = *state;
	uint8_t m[32];
	int i, n;

	n = bh_rpc_encode(m, OP_PARTS, 0, 1, 0, BH_RPC_K_NONE, NULL, 0);
	for (i = 0; i < NSLOTS; i++)
		send_raw(f, m, n);
	assert_int_equal(call(f, OP_PARTS, BH_RPC_K_NONE, NULL, 0),
			 BH_RPC_TCHAN);
	assert_int_equal(f->rings, 0);
	assert_int_equal(bh_rpc_client_reset(&f->cli, doorbell, f), 0);
	assert_int_equal(call(f, OP_PARTS, BH_RPC_K_NONE, NULL, 0),
			 BH_RPC_OK);
}

static void test_reset_doorbell_fails(void **state)
{
	struct fixture *f = *state;

	f->fail_rings = 1;
	assert_int_equal(bh_rpc_client_reset(&f->cli, doorbell, f),
			 BH_RPC_TDOORBELL);
	assert_int_equal(f->cli.doorbell_err, -BH_E_FAULT);
	assert_true(bh_rpc_client_stale(&f->cli));
	assert_int_equal(bh_rpc_client_reset(&f->cli, doorbell, f), 0);
	assert_int_equal(call(f, OP_PARTS, BH_RPC_K_NONE, NULL, 0),
			 BH_RPC_OK);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_init_stamps_generation),
		T(test_idle),
		T(test_dispatch),
		T(test_rights_refused),
		T(test_unknown_op),
		T(test_wrong_kind),
		T(test_malformed_requests),
		T(test_multi_part),
		T(test_text_split),
		T(test_text_too_long),
		T(test_handler_error_with_text),
		T(test_ring_full),
		T(test_ring_full_undrained),
		T(test_corrupt_channel),
		T(test_corrupt_slot),
		T(test_reply_send_breaks),
		T(test_bad_region),
		T(test_stale_generation),
		T(test_stale_doorbell_generation),
		T(test_doorbell_fails),
		T(test_no_reply),
		T(test_bad_doorbell_replies),
		T(test_forged_replies),
		T(test_client_refuses_oversize),
		T(test_request_ring_full),
		T(test_reset_doorbell_fails),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
