/* SPDX-License-Identifier: GPL-2.0 */
/* RPC message tests: encode/decode round trips and every rejection. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include <bulkhead/rpc.h>

static uint8_t msg[BH_CHAN_MSG_MAX + 64] __attribute__((aligned(8)));

static const struct {
	uint16_t kind;
	uint32_t size;		/* exact, or the minimum */
	int variable;
} kinds[] = {
	{ BH_RPC_K_NONE, 0, 0 },
	{ BH_RPC_K_TEXT, 0, 1 },
	{ BH_RPC_K_HELLO, 40, 0 },
	{ BH_RPC_K_VERSION, 72, 0 },
	{ BH_RPC_K_HV, 48, 0 },
	{ BH_RPC_K_CPU, 24, 0 },
	{ BH_RPC_K_CELL, 96, 0 },
	{ BH_RPC_K_STATS_REQ, 8, 0 },
	{ BH_RPC_K_STATS, 200, 0 },
	{ BH_RPC_K_LOG_REQ, 16, 0 },
	{ BH_RPC_K_LOG, 16, 1 },
};

/* Build a header by hand, as a hostile peer would */
static uint32_t raw(uint16_t op, uint16_t flags, uint32_t id, int32_t status,
		    uint16_t len, uint16_t kind)
{
	struct bh_rpc_hdr h = {
		.op = op, .flags = flags, .id = id, .status = status,
		.len = len, .kind = kind,
	};

	memset(msg, 0x5a, sizeof(msg));
	memcpy(msg, &h, sizeof(h));
	return sizeof(h) + len;
}

static void expect_bad(uint32_t len)
{
	struct bh_rpc_hdr hdr, before;
	const void *payload = &hdr;

	memset(&hdr, 0xee, sizeof(hdr));
	before = hdr;
	assert_int_equal(bh_rpc_decode(msg, len, &hdr, &payload),
			 BH_RPC_EBADMSG);
	/* nothing written on error */
	assert_memory_equal(&hdr, &before, sizeof(hdr));
	assert_ptr_equal(payload, &hdr);
}

static void test_layout(void **state)
{
	(void)state;
	assert_int_equal(sizeof(struct bh_rpc_hdr), 16);
	assert_int_equal(offsetof(struct bh_rpc_hdr, id), 4);
	assert_int_equal(offsetof(struct bh_rpc_hdr, status), 8);
	assert_int_equal(offsetof(struct bh_rpc_hdr, len), 12);
	assert_int_equal(offsetof(struct bh_rpc_hdr, kind), 14);
	assert_int_equal(BH_RPC_MAX_PAYLOAD, 232);
	assert_int_equal(BH_RPC_LOG_DATA_MAX, 216);
	assert_int_equal(sizeof(kinds) / sizeof(kinds[0]), BH_RPC_K_NR);
}

static void test_round_trip_every_kind(void **state)
{
	uint8_t payload[BH_RPC_MAX_PAYLOAD];
	const void *p;
	struct bh_rpc_hdr hdr;
	unsigned int i, j;
	int n;

	(void)state;
	for (i = 0; i < BH_RPC_MAX_PAYLOAD; i++)
		payload[i] = (uint8_t)(i * 7 + 1);
	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		uint32_t sizes[2] = { kinds[i].size, kinds[i].size + 9 };

		for (j = 0; j < (kinds[i].variable ? 2U : 1U); j++) {
			memset(msg, 0, sizeof(msg));
			n = bh_rpc_encode(msg, 0x0101, 0, 0xabcd0000 + i, 0,
					  kinds[i].kind, payload, sizes[j]);
			assert_int_equal(n, 16 + sizes[j]);
			memset(&hdr, 0, sizeof(hdr));
			assert_int_equal(bh_rpc_decode(msg, n, &hdr, &p), 0);
			assert_int_equal(hdr.op, 0x0101);
			assert_int_equal(hdr.flags, 0);
			assert_int_equal(hdr.id, 0xabcd0000 + i);
			assert_int_equal(hdr.status, 0);
			assert_int_equal(hdr.len, sizes[j]);
			assert_int_equal(hdr.kind, kinds[i].kind);
			assert_ptr_equal(p, msg + 16);
			if (sizes[j])
				assert_memory_equal(p, payload, sizes[j]);
		}
	}
}

static void test_round_trip_reply(void **state)
{
	struct bh_rpc_hdr hdr;
	const void *p;
	int n;

	(void)state;
	n = bh_rpc_encode(msg, 0x0202, BH_RPC_F_REPLY | BH_RPC_F_MORE, 77,
			  0, BH_RPC_K_TEXT, "abc", 3);
	assert_int_equal(n, 19);
	assert_int_equal(bh_rpc_decode(msg, n, &hdr, &p), 0);
	assert_int_equal(hdr.flags, BH_RPC_F_REPLY | BH_RPC_F_MORE);
	assert_memory_equal(p, "abc", 3);

	n = bh_rpc_encode(msg, 0x0202, BH_RPC_F_REPLY, 78, BH_RPC_EPERM,
			  BH_RPC_K_NONE, NULL, 0);
	assert_int_equal(n, 16);
	assert_int_equal(bh_rpc_decode(msg, n, &hdr, &p), 0);
	assert_int_equal(hdr.status, BH_RPC_EPERM);
	assert_int_equal(hdr.id, 78);

	/* a status a newer service may define still decodes */
	n = bh_rpc_encode(msg, 1, BH_RPC_F_REPLY, 1, -50, BH_RPC_K_NONE,
			  NULL, 0);
	assert_int_equal(bh_rpc_decode(msg, n, &hdr, &p), 0);
	assert_int_equal(hdr.status, -50);
}

static void test_encode_sizes(void **state)
{
	static uint8_t big[BH_RPC_MAX_PAYLOAD + 1];
	int n;

	(void)state;
	n = bh_rpc_encode(msg, 1, 0, 1, 0, BH_RPC_K_TEXT, big,
			  BH_RPC_MAX_PAYLOAD);
	assert_int_equal(n, BH_CHAN_MSG_MAX);
	memset(msg, 0x11, sizeof(msg));
	assert_int_equal(bh_rpc_encode(msg, 1, 0, 1, 0, BH_RPC_K_TEXT, big,
				       BH_RPC_MAX_PAYLOAD + 1),
			 -BH_CHAN_EMSGSIZE);
	assert_int_equal(bh_rpc_encode(msg, 1, 0, 1, 0, BH_RPC_K_TEXT, big,
				       0x10000 + 4), -BH_CHAN_EMSGSIZE);
	/* nothing written when refused */
	assert_int_equal(msg[0], 0x11);
}

static void test_reject_length(void **state)
{
	uint32_t n;

	(void)state;
	/* shorter than a header */
	raw(1, 0, 1, 0, 0, BH_RPC_K_NONE);
	expect_bad(0);
	expect_bad(15);
	/* hdr.len disagrees with the message length, both ways */
	n = raw(1, 0, 1, 0, 8, BH_RPC_K_STATS_REQ);
	expect_bad(n - 1);
	expect_bad(n + 1);
	/* oversized: longer than a channel message */
	n = raw(1, 0, 1, 0, BH_RPC_MAX_PAYLOAD + 1, BH_RPC_K_TEXT);
	expect_bad(n);
	n = raw(1, 0, 1, 0, 0xffff, BH_RPC_K_TEXT);
	expect_bad(n);
	/* the largest one passes */
	n = raw(1, 0, 1, 0, BH_RPC_MAX_PAYLOAD, BH_RPC_K_TEXT);
	{
		struct bh_rpc_hdr h;
		const void *p;

		assert_int_equal(bh_rpc_decode(msg, n, &h, &p), 0);
	}
}

static void test_reject_flags_and_kind(void **state)
{
	uint32_t n;

	(void)state;
	n = raw(1, 1U << 2, 1, 0, 0, BH_RPC_K_NONE);
	expect_bad(n);
	n = raw(1, 0x8000 | BH_RPC_F_REPLY, 1, 0, 0, BH_RPC_K_NONE);
	expect_bad(n);
	n = raw(1, 0, 1, 0, 0, BH_RPC_K_NR);
	expect_bad(n);
	n = raw(1, 0, 1, 0, 0, 0xffff);
	expect_bad(n);
	/* MORE belongs to replies */
	n = raw(1, BH_RPC_F_MORE, 1, 0, 0, BH_RPC_K_NONE);
	expect_bad(n);
}

static void test_reject_fixed_size_mismatch(void **state)
{
	unsigned int i;
	uint32_t n;

	(void)state;
	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		if (kinds[i].size) {
			n = raw(1, 0, 1, 0, kinds[i].size - 1, kinds[i].kind);
			expect_bad(n);
		}
		if (!kinds[i].variable) {
			n = raw(1, 0, 1, 0, kinds[i].size + 1, kinds[i].kind);
			expect_bad(n);
			n = raw(1, 0, 1, 0, kinds[i].size + 8, kinds[i].kind);
			expect_bad(n);
		}
	}
}

static void test_reject_status(void **state)
{
	uint32_t n;

	(void)state;
	/* a request carries no status */
	n = raw(1, 0, 1, BH_RPC_EPERM, 0, BH_RPC_K_NONE);
	expect_bad(n);
	n = raw(1, 0, 1, 1, 0, BH_RPC_K_NONE);
	expect_bad(n);
	/* a reply's status is 0 or negative */
	n = raw(1, BH_RPC_F_REPLY, 1, 1, 0, BH_RPC_K_NONE);
	expect_bad(n);
	n = raw(1, BH_RPC_F_REPLY, 1, 0x7fffffff, 0, BH_RPC_K_NONE);
	expect_bad(n);
}

static void test_strerror(void **state)
{
	const char *seen[BH_RPC_E_NR];
	int i, j;

	(void)state;
	for (i = 0; i < BH_RPC_E_NR; i++) {
		seen[i] = bh_rpc_strerror(-i);
		assert_non_null(seen[i]);
		assert_string_not_equal(seen[i], "unknown error");
		for (j = 0; j < i; j++)
			assert_string_not_equal(seen[i], seen[j]);
	}
	assert_string_equal(bh_rpc_strerror(BH_RPC_EPERM),
			    "permission denied");
	assert_string_equal(bh_rpc_strerror(1), "unknown error");
	assert_string_equal(bh_rpc_strerror(-BH_RPC_E_NR), "unknown error");
	assert_string_equal(bh_rpc_strerror(INT32_MIN), "unknown error");

	assert_string_equal(bh_rpc_tstrerror(BH_RPC_TSTALE),
			    "service restarted");
	assert_string_equal(bh_rpc_tstrerror(BH_RPC_EIO),
			    bh_rpc_strerror(BH_RPC_EIO));
	for (i = BH_RPC_TPROTO; i <= BH_RPC_TCHAN; i++)
		assert_string_not_equal(bh_rpc_tstrerror(i), "unknown error");
	assert_string_equal(bh_rpc_tstrerror(-99), "unknown error");
}

static void test_chan_slots(void **state)
{
	(void)state;
	assert_int_equal(bh_rpc_chan_slots(0), 0);
	assert_int_equal(bh_rpc_chan_slots(BH_CHAN_REGION_SIZE(16) - 1), 0);
	assert_int_equal(bh_rpc_chan_slots(BH_CHAN_REGION_SIZE(16)), 16);
	assert_int_equal(bh_rpc_chan_slots(BH_CHAN_REGION_SIZE(32) - 1), 16);
	assert_int_equal(bh_rpc_chan_slots(44 * 1024), 64);
	assert_int_equal(bh_rpc_chan_slots(1ULL << 40), BH_CHAN_MAX_SLOTS);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_layout),
		cmocka_unit_test(test_round_trip_every_kind),
		cmocka_unit_test(test_round_trip_reply),
		cmocka_unit_test(test_encode_sizes),
		cmocka_unit_test(test_reject_length),
		cmocka_unit_test(test_reject_flags_and_kind),
		cmocka_unit_test(test_reject_fixed_size_mismatch),
		cmocka_unit_test(test_reject_status),
		cmocka_unit_test(test_strerror),
		cmocka_unit_test(test_chan_slots),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
