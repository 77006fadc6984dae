/* SPDX-License-Identifier: GPL-2.0 */
/* Two threads stream numbered, checksummed messages both ways. */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>

#include <bulkhead/channel.h>

/*
 * Each thread is one end: it sends its stream on its ring and checks the
 * peer's stream on the other, so both rings are full duplex under load.
 * A doorbell is a pending bit, as an interrupt is: ringing it twice before
 * the end wakes up wakes it once. An end that can move nothing arms its
 * wake flags and sleeps; a lost wakeup would leave both asleep, which the
 * wait's timeout turns into a failure.
 */
#define NSLOTS		16U
#define REGION		BH_CHAN_REGION_SIZE(NSLOTS)
#define WAIT_SECONDS	60

struct bell {
	pthread_mutex_t lock;
	pthread_cond_t cond;
	int pending;
};

struct end {
	struct bh_chan ch;
	struct bell bell;
	struct end *peer;
	uint32_t stream;	/* distinguishes the two directions */
	uint32_t count;
	uint32_t window;	/* at most this many sent ahead of rcvd */
	uint32_t sent, rcvd;
	uint64_t sleeps, rings;
	char err[160];
};

static unsigned long messages = 1000000;
static int failed;

static uint32_t msg_len(uint32_t seq)
{
	return 8 + (seq * 2654435761u >> 7) % (BH_CHAN_MSG_MAX - 8 + 1);
}

static uint32_t checksum(const uint8_t *p, uint32_t len)
{
	uint32_t h = 2166136261u, i;

	for (i = 0; i < len; i++)
		h = (h ^ p[i]) * 16777619u;
	return h;
}

/* Layout: seq (4 bytes), checksum of the body (4 bytes), body */
static uint32_t build(uint8_t *m, uint32_t stream, uint32_t seq)
{
	uint32_t len = msg_len(seq), i, sum;

	for (i = 8; i < len; i++)
		m[i] = (uint8_t)(seq * 7 + i * 13 + stream);
	sum = checksum(m + 8, len - 8);
	memcpy(m, &seq, 4);
	memcpy(m + 4, &sum, 4);
	return len;
}

static int fail_end(struct end *e, const char *what, long v)
{
	snprintf(e->err, sizeof(e->err), "stream %u, sent %u, rcvd %u: %s %ld",
		 e->stream, e->sent, e->rcvd, what, v);
	return -1;
}

static int check(struct end *e, const uint8_t *m, int len)
{
	uint8_t want[BH_CHAN_MSG_MAX];
	uint32_t seq, sum;

	if (len < 8)
		return fail_end(e, "short message", len);
	memcpy(&seq, m, 4);
	memcpy(&sum, m + 4, 4);
	if (seq != e->rcvd)
		return fail_end(e, "out of order: got seq", seq);
	if ((uint32_t)len != msg_len(seq))
		return fail_end(e, "wrong length", len);
	if (sum != checksum(m + 8, len - 8))
		return fail_end(e, "bad checksum", sum);
	build(want, e->peer->stream, seq);
	if (memcmp(want, m, len))
		return fail_end(e, "wrong contents", seq);
	return 0;
}

static void ring(struct bell *b)
{
	pthread_mutex_lock(&b->lock);
	b->pending = 1;
	pthread_cond_signal(&b->cond);
	pthread_mutex_unlock(&b->lock);
}

static void ring_peer(struct end *e)
{
	if (bh_chan_need_doorbell(&e->ch)) {
		ring(&e->peer->bell);
		e->rings++;
	}
}

static int sleep_on_bell(struct end *e)
{
	struct bell *b = &e->bell;
	struct timespec ts;
	int ret = 0;

	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_sec += WAIT_SECONDS;
	pthread_mutex_lock(&b->lock);
	while (!b->pending && !ret)
		ret = pthread_cond_timedwait(&b->cond, &b->lock, &ts);
	b->pending = 0;
	pthread_mutex_unlock(&b->lock);
	if (ret)
		return fail_end(e, "no doorbell (lost wakeup?), error", ret);
	e->sleeps++;
	return 0;
}

static int run_end(struct end *e)
{
	uint8_t m[BH_CHAN_MSG_MAX];
	int ret;

	while (e->sent < e->count || e->rcvd < e->count) {
		int moved = 0, tx_full = 0, wait = 0;

		if (__atomic_load_n(&failed, __ATOMIC_RELAXED))
			return fail_end(e, "peer failed", 0);
		while (e->sent < e->count &&
		       e->sent < (uint64_t)e->rcvd + e->window) {
			ret = bh_chan_send(&e->ch, m,
					   build(m, e->stream, e->sent));
			if (ret == -BH_CHAN_EAGAIN) {
				tx_full = 1;
				break;
			}
			if (ret < 0)
				return fail_end(e, "send", ret);
			e->sent++;
			moved = 1;
		}
		while (e->rcvd < e->count) {
			ret = bh_chan_recv(&e->ch, m, sizeof(m));
			if (ret == -BH_CHAN_EAGAIN)
				break;
			if (ret < 0)
				return fail_end(e, "recv", ret);
			if (check(e, m, ret))
				return -1;
			e->rcvd++;
			moved = 1;
		}
		ring_peer(e);
		if (moved)
			continue;

		if (e->rcvd < e->count) {
			ret = bh_chan_rx_prepare_wait(&e->ch);
			if (ret < 0)
				return fail_end(e, "rx_prepare_wait", ret);
			if (ret)
				continue;
			wait = 1;
		}
		if (tx_full) {
			ret = bh_chan_tx_prepare_wait(&e->ch);
			if (ret < 0)
				return fail_end(e, "tx_prepare_wait", ret);
			if (ret)
				continue;
			wait = 1;
		}
		if (wait && sleep_on_bell(e))
			return -1;
	}
	ring_peer(e);
	return 0;
}

static void *thread_fn(void *arg)
{
	struct end *e = arg;

	if (run_end(e)) {
		/* Wake the peer so that it stops instead of timing out */
		__atomic_store_n(&failed, 1, __ATOMIC_RELAXED);
		ring(&e->peer->bell);
	}
	return NULL;
}

static void stress(uint32_t first, uint32_t count, uint32_t window)
{
	static struct end ea, eb;
	uint8_t *region;
	pthread_t ta, tb;

	region = aligned_alloc(BH_CHAN_PAGE_SIZE, REGION);
	assert_non_null(region);
	memset(&ea, 0, sizeof(ea));
	memset(&eb, 0, sizeof(eb));
	failed = 0;
	assert_int_equal(bh_chan_init_at(&ea.ch, region, REGION, NSLOTS,
					 first), 0);
	assert_int_equal(bh_chan_attach(&eb.ch, region, REGION), 0);
	ea.peer = &eb;
	eb.peer = &ea;
	ea.stream = 1;
	eb.stream = 2;
	ea.count = eb.count = count;
	ea.window = eb.window = window;
	pthread_mutex_init(&ea.bell.lock, NULL);
	pthread_mutex_init(&eb.bell.lock, NULL);
	pthread_cond_init(&ea.bell.cond, NULL);
	pthread_cond_init(&eb.bell.cond, NULL);

	assert_int_equal(pthread_create(&ta, NULL, thread_fn, &ea), 0);
	assert_int_equal(pthread_create(&tb, NULL, thread_fn, &eb), 0);
	pthread_join(ta, NULL);
	pthread_join(tb, NULL);

	print_message("window %u, first %#x: "
		      "A sent %u rcvd %u slept %lu rang %lu; "
		      "B sent %u rcvd %u slept %lu rang %lu\n", window, first,
		      ea.sent, ea.rcvd, (unsigned long)ea.sleeps,
		      (unsigned long)ea.rings, eb.sent, eb.rcvd,
		      (unsigned long)eb.sleeps, (unsigned long)eb.rings);
	if (ea.err[0] || eb.err[0])
		fail_msg("A: %s; B: %s", ea.err, eb.err);
	assert_int_equal(ea.rcvd, count);
	assert_int_equal(eb.rcvd, count);
	/* Both shared producer indices ended where they should, past 2^32 */
	assert_int_equal(ea.ch.tx_prod->idx, first + count);
	assert_int_equal(eb.ch.tx_prod->idx, first + count);
	pthread_mutex_destroy(&ea.bell.lock);
	pthread_mutex_destroy(&eb.bell.lock);
	pthread_cond_destroy(&ea.bell.cond);
	pthread_cond_destroy(&eb.bell.cond);
	free(region);
}

/* Full duplex, rings mostly full; the counters cross 2^32 a third of
 * the way through */
static void test_stream(void **state)
{
	(void)state;
	stress(UINT32_MAX - (uint32_t)(messages / 3), messages, UINT32_MAX);
}

/* Ping-pong: each end waits for the peer's message before sending its
 * next one, so a third of the messages wake a sleeping peer, and a lost
 * wakeup stops both ends at once */
static void test_ping_pong(void **state)
{
	(void)state;
	stress(UINT32_MAX - (uint32_t)(messages / 20), messages / 10, 1);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_stream),
		cmocka_unit_test(test_ping_pong),
	};

	if (argc > 1)
		messages = strtoul(argv[1], NULL, 0);
	if (!messages || messages > UINT32_MAX / 2) {
		fprintf(stderr, "usage: %s [messages each way]\n", argv[0]);
		return 2;
	}
	return cmocka_run_group_tests(tests, NULL, NULL);
}
