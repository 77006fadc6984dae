/* SPDX-License-Identifier: GPL-2.0 */
/* A hostile root: random messages and random corruption of the shared channel. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <bulkhead/caps.h>
#include <bulkhead/rpc.h>

#define NSLOTS		16
#define REGION		BH_CHAN_REGION_SIZE(NSLOTS)
#define GUARD		4096
#define ROUNDS		1000000
#define OP_ECHO		0x0901

static uint8_t *region;		/* GUARD, the channel, GUARD */
static unsigned int handled;
static uint32_t seed = 12345;

static uint32_t rnd(void)
{
	/* xorshift32: reproducible without libc's state */
	seed ^= seed << 13;
	seed ^= seed >> 17;
	seed ^= seed << 5;
	return seed;
}

/* The handler sees only checked requests: payload inside the message */
static int32_t h_echo(struct bh_rpc_server *s, const struct bh_rpc_request *r)
{
	const uint8_t *p = r->payload;

	handled++;
	assert_true(r->hdr.len <= BH_RPC_MAX_PAYLOAD);
	assert_true(r->hdr.kind == BH_RPC_K_TEXT);
	assert_true(r->rights & BH_RIGHT_READ);
	assert_true(p >= s->rx && p + r->hdr.len <= s->rx + sizeof(s->rx));
	return bh_rpc_reply(s, BH_RPC_K_TEXT, r->payload, r->hdr.len);
}

static const struct bh_rpc_op ops[] = {
	{ OP_ECHO, BH_RPC_K_TEXT, BH_RIGHT_READ, h_echo },
};

static void check_guards(void)
{
	unsigned int i;

	for (i = 0; i < GUARD; i++) {
		assert_int_equal(region[i], 0xa5);
		assert_int_equal(region[GUARD + REGION + i], 0xa5);
	}
}

/*
 * The peer writes anything anywhere in the channel, sends well-framed
 * messages with random headers and payloads, and rings with random
 * rights. The server must answer, report the channel broken, or find it
 * idle; never write outside the region, never hand a handler an unchecked
 * request; and a reset must always bring the channel back.
 */
static void test_hostile_peer(void **state)
{
	struct bh_rpc_server srv;
	struct bh_rpc_client cli;
	uint8_t msg[BH_CHAN_MSG_MAX], buf[BH_CHAN_MSG_MAX];
	unsigned int i, n, served = 0, broken = 0, resets = 0;
	uint8_t *chan;
	int ret;

	(void)state;
	region = aligned_alloc(BH_CHAN_PAGE_SIZE, REGION + 2 * GUARD);
	assert_non_null(region);
	memset(region, 0xa5, REGION + 2 * GUARD);
	chan = region + GUARD;
	assert_int_equal(bh_rpc_server_init(&srv, chan, REGION, NSLOTS, 1,
					    ops, 1, NULL), 0);
	assert_int_equal(bh_rpc_client_attach(&cli, chan, REGION), 0);

	for (i = 0; i < ROUNDS; i++) {
		switch (rnd() % 8) {
		case 0:	/* a byte anywhere in the shared pages */
			chan[rnd() % REGION] = (uint8_t)rnd();
			break;
		case 1:	/* a byte in the indices */
			chan[BH_CHAN_CTL_B_OFFSET + rnd() % 128] = (uint8_t)rnd();
			break;
		case 2: case 3: case 4:	/* a message: random, or nearly valid */
			n = rnd() % (BH_CHAN_MSG_MAX + 1);
			for (ret = 0; ret < (int)n; ret++)
				msg[ret] = (uint8_t)rnd();
			if (n >= sizeof(struct bh_rpc_hdr) && (rnd() & 1)) {
				/* K_LOG decodes too: the op's kind check
				   must turn it away */
				bh_rpc_encode(msg, rnd() & 1 ? OP_ECHO : rnd(),
					      0, rnd(), 0, rnd() & 1 ?
					      BH_RPC_K_TEXT : BH_RPC_K_LOG,
					      msg + sizeof(struct bh_rpc_hdr),
					      n - sizeof(struct bh_rpc_hdr));
			}
			bh_chan_send(&cli.ch, msg, n);
			break;
		default:	/* the doorbell */
			ret = bh_rpc_serve_one(&srv, rnd() & BH_RIGHTS_ALL,
					       rnd());
			assert_true(ret == BH_SVC_SERVED ||
				    ret == BH_SVC_IDLE ||
				    ret == BH_SVC_CHAN_BROKEN);
			served += ret == BH_SVC_SERVED;
			if (ret == BH_SVC_CHAN_BROKEN) {
				broken++;
				resets++;
				assert_int_equal(bh_rpc_server_reset(&srv), 0);
				assert_int_equal(bh_rpc_client_attach(&cli,
						 chan, REGION), 0);
			}
			/* the peer drains what it can; garbage is its own */
			while (bh_chan_recv(&cli.ch, buf, sizeof(buf)) >= 0)
				;
		}
		if (!(i % 1024))
			check_guards();
	}
	check_guards();
	print_message("served %u, broken %u, handled %u\n", served, broken,
		      handled);
	/* the run exercised every outcome */
	assert_true(served > 1000 && broken > 100 && handled > 100);
	/* after all that, a clean reset serves a valid request */
	assert_int_equal(bh_rpc_server_reset(&srv), 0);
	assert_int_equal(bh_rpc_client_attach(&cli, chan, REGION), 0);
	n = (unsigned int)bh_rpc_encode(msg, OP_ECHO, 0, 1, 0, BH_RPC_K_TEXT,
					"ok", 2);
	assert_int_equal(bh_chan_send(&cli.ch, msg, n), 0);
	handled = 0;
	assert_int_equal(bh_rpc_serve_one(&srv, BH_RIGHT_READ, 0),
			 BH_SVC_SERVED);
	assert_int_equal(handled, 1);
	free(region);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hostile_peer),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
