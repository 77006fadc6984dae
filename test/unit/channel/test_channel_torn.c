/* SPDX-License-Identifier: GPL-2.0 */
/* Channel receive against a peer that rewrites a slot while it is read. */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <bulkhead/channel.h>

/*
 * channel.c is compiled for this test with memcpy renamed to
 * chan_test_memcpy, so the test sees the moment the receiver copies a
 * slot out of shared memory and can play the hostile peer right before
 * or right after it. This file's own memcpy calls are the C library's.
 */
void *chan_test_memcpy(void *dst, const void *src, size_t n);

#define NSLOTS		16U
#define REGION		BH_CHAN_REGION_SIZE(NSLOTS)
#define GUARD		0x5a
#define MSG_LEN		100U

enum hook { HOOK_OFF, HOOK_BEFORE, HOOK_AFTER, HOOK_HDR_AFTER };

static uint8_t *region;
static struct bh_chan a, b;
static enum hook hook;
static int hook_fired;
static uint32_t hook_len;

static struct bh_chan_slot *ring0(uint32_t i)
{
	struct bh_chan_slot *s = (void *)(region + BH_CHAN_SLOTS_OFFSET);

	return &s[i & (NSLOTS - 1)];
}

static void scribble(struct bh_chan_slot *s)
{
	s->len = hook_len;
	s->flags = 0;
	memset(s->data, 0xee, sizeof(s->data));
}

/* The peer rewrites the header: a bigger ring, an unknown version */
static void scribble_hdr(struct bh_chan_hdr *h)
{
	h->magic = 0;
	h->version = 99;
	h->nslots = BH_CHAN_MAX_SLOTS;
	h->size = BH_CHAN_REGION_SIZE(BH_CHAN_MAX_SLOTS);
}

void *chan_test_memcpy(void *dst, const void *src, size_t n)
{
	const uint8_t *p = src;
	int slot_copy = n == sizeof(struct bh_chan_slot) &&
			p >= region + BH_CHAN_SLOTS_OFFSET &&
			p < region + REGION;
	int hdr_copy = n == sizeof(struct bh_chan_hdr) && p == region;

	if (slot_copy && hook == HOOK_BEFORE) {
		scribble((struct bh_chan_slot *)p);
		hook_fired++;
	}
	memcpy(dst, src, n);
	if (slot_copy && hook == HOOK_AFTER) {
		scribble((struct bh_chan_slot *)p);
		hook_fired++;
	}
	if (hdr_copy && hook == HOOK_HDR_AFTER) {
		scribble_hdr((struct bh_chan_hdr *)p);
		hook_fired++;
	}
	return dst;
}

static int setup(void **state)
{
	(void)state;
	region = aligned_alloc(BH_CHAN_PAGE_SIZE, REGION);
	if (!region)
		return -1;
	memset(region, 0, REGION);
	hook = HOOK_OFF;
	hook_fired = 0;
	if (bh_chan_init(&a, region, REGION, NSLOTS) ||
	    bh_chan_attach(&b, region, REGION))
		return -1;
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	free(region);
	return 0;
}

static void send_pattern(uint32_t len)
{
	uint8_t msg[BH_CHAN_MSG_MAX];
	uint32_t i;

	for (i = 0; i < len; i++)
		msg[i] = (uint8_t)i;
	assert_int_equal(bh_chan_send(&a, msg, len), 0);
}

static void check_guard(const uint8_t *buf, size_t from, size_t to)
{
	size_t i;

	for (i = from; i < to; i++)
		if (buf[i] != GUARD)
			fail_msg("byte %zu past the buffer was written", i);
}

/* The peer rewrites the slot (length huge, or valid but longer) right
 * after our copy: we must act on what we copied, never re-read */
static void test_change_after_copy(void **state)
{
	static const uint32_t lens[] = { UINT32_MAX, BH_CHAN_MSG_MAX,
					 MSG_LEN + 1, 0 };
	uint8_t buf[MSG_LEN + 256];
	unsigned int i, k;

	(void)state;
	for (i = 0; i < sizeof(lens) / sizeof(lens[0]); i++) {
		send_pattern(MSG_LEN);
		hook = HOOK_AFTER;
		hook_len = lens[i];
		hook_fired = 0;
		memset(buf, GUARD, sizeof(buf));
		assert_int_equal(bh_chan_recv(&b, buf, MSG_LEN), MSG_LEN);
		hook = HOOK_OFF;
		assert_int_equal(hook_fired, 1);
		for (k = 0; k < MSG_LEN; k++)
			assert_int_equal(buf[k], (uint8_t)k);
		check_guard(buf, MSG_LEN, sizeof(buf));
		/* The slot really was changed under us */
		assert_int_equal(ring0(b.rx_next - 1)->len, lens[i]);
		assert_false(b.broken);
	}
	assert_int_equal(bh_chan_recv(&b, buf, sizeof(buf)), -BH_CHAN_EAGAIN);
}

/* The peer rewrites it right before: the receiver judges the new contents */
static void test_change_before_copy(void **state)
{
	uint8_t buf[BH_CHAN_MSG_MAX + 64];
	unsigned int k;

	(void)state;
	send_pattern(MSG_LEN);
	hook = HOOK_BEFORE;
	hook_len = MSG_LEN + 1;
	memset(buf, GUARD, sizeof(buf));
	assert_int_equal(bh_chan_recv(&b, buf, MSG_LEN), -BH_CHAN_EMSGSIZE);
	check_guard(buf, 0, sizeof(buf));
	hook = HOOK_OFF;
	assert_int_equal(bh_chan_recv(&b, buf, BH_CHAN_MSG_MAX), MSG_LEN + 1);
	for (k = 0; k <= MSG_LEN; k++)
		assert_int_equal(buf[k], 0xee);

	send_pattern(MSG_LEN);
	hook = HOOK_BEFORE;
	hook_len = UINT32_MAX;
	memset(buf, GUARD, sizeof(buf));
	assert_int_equal(bh_chan_recv(&b, buf, sizeof(buf)), -BH_CHAN_EPROTO);
	check_guard(buf, 0, sizeof(buf));
	assert_true(b.broken);
}

/* attach judges its private copy of the header, whatever follows it */
static void test_header_change_after_copy(void **state)
{
	struct bh_chan c;
	uint8_t msg[4] = { 1, 2, 3, 4 };
	uint32_t i;

	(void)state;
	hook = HOOK_HDR_AFTER;
	assert_int_equal(bh_chan_attach(&c, region, REGION), 0);
	hook = HOOK_OFF;
	assert_int_equal(hook_fired, 1);
	assert_int_equal(c.mask, NSLOTS - 1);
	for (i = 0; i < NSLOTS; i++)
		assert_int_equal(bh_chan_send(&c, msg, sizeof(msg)), 0);
	assert_int_equal(bh_chan_send(&c, msg, sizeof(msg)), -BH_CHAN_EAGAIN);
	/* A fresh attach now refuses the rewritten header */
	assert_int_equal(bh_chan_attach(&c, region, REGION), -BH_CHAN_EINVAL);
}

static int stop;

/* A hostile producer: rewrites every slot of ring 0 as fast as it can */
static void *vandal(void *arg)
{
	static const uint32_t lens[] = { 0, 1, MSG_LEN - 1, MSG_LEN,
					 MSG_LEN + 1, BH_CHAN_MSG_MAX,
					 BH_CHAN_MSG_MAX + 1, 0x80000000u,
					 UINT32_MAX };
	uint32_t x = 2463534242u, i = 0;

	(void)arg;
	while (!__atomic_load_n(&stop, __ATOMIC_RELAXED)) {
		struct bh_chan_slot *s = ring0(i++);

		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
		__atomic_store_n(&s->len, lens[x % 9], __ATOMIC_RELAXED);
		__atomic_store_n(&s->flags, (x >> 8) % 16 == 0,
				 __ATOMIC_RELAXED);
		s->data[x % BH_CHAN_MSG_MAX] = (uint8_t)(x >> 16);
	}
	return NULL;
}

/* The same, racing for real: whatever the peer does, the receiver returns
 * a length it checked, or an error, and never writes past the buffer */
static void test_racing_peer(void **state)
{
	uint8_t buf[MSG_LEN + 256];
	unsigned int ok = 0, toolong = 0, proto = 0, i;
	pthread_t t;

	(void)state;
	assert_int_equal(pthread_create(&t, NULL, vandal, NULL), 0);
	memset(buf, GUARD, sizeof(buf));
	for (i = 0; i < 200000; i++) {
		int ret;

		/* We play A's producer index: always one message ready */
		__atomic_store_n(&a.tx_prod->idx, b.rx_next + 1,
				 __ATOMIC_RELEASE);
		ret = bh_chan_recv(&b, buf, MSG_LEN);
		if (ret >= 0 && ret <= (int)MSG_LEN) {
			ok++;
		} else if (ret == -BH_CHAN_EMSGSIZE) {
			toolong++;
		} else if (ret == -BH_CHAN_EPROTO) {
			proto++;
			assert_int_equal(bh_chan_attach(&b, region, REGION), 0);
		} else {
			fail_msg("recv returned %d", ret);
		}
		check_guard(buf, MSG_LEN, sizeof(buf));
	}
	__atomic_store_n(&stop, 1, __ATOMIC_RELAXED);
	pthread_join(t, NULL);
	print_message("ok %u, too long %u, corrupt %u\n", ok, toolong, proto);
	assert_true(ok && toolong && proto);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_change_after_copy, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_change_before_copy, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_header_change_after_copy,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_racing_peer, setup,
						teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
