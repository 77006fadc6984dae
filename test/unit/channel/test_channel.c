/* SPDX-License-Identifier: GPL-2.0 */
/* Channel protocol unit tests: layout, checks, wrap, corruption, doorbells. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <bulkhead/channel.h>

#define NSLOTS		16U
#define REGION		BH_CHAN_REGION_SIZE(NSLOTS)
#define POISON		0xa5

static uint8_t *region;
static struct bh_chan a, b;

static int setup(void **state)
{
	(void)state;
	region = aligned_alloc(BH_CHAN_PAGE_SIZE, REGION);
	if (!region)
		return -1;
	memset(region, POISON, REGION);
	memset(&a, 0, sizeof(a));
	memset(&b, 0, sizeof(b));
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	free(region);
	return 0;
}

static struct bh_chan_hdr *hdr(void)
{
	return (struct bh_chan_hdr *)region;
}

static struct bh_chan_ctl *ctl_a(void)
{
	return (struct bh_chan_ctl *)(region + BH_CHAN_CTL_A_OFFSET);
}

static struct bh_chan_ctl *ctl_b(void)
{
	return (struct bh_chan_ctl *)(region + BH_CHAN_CTL_B_OFFSET);
}

/* Slot @i (already masked) of ring @ring (0: A to B, 1: B to A) */
static struct bh_chan_slot *slot(unsigned int ring, uint32_t i)
{
	struct bh_chan_slot *s = (void *)(region + BH_CHAN_SLOTS_OFFSET);

	return &s[ring * NSLOTS + i];
}

static void pair(uint32_t first)
{
	assert_int_equal(bh_chan_init_at(&a, region, REGION, NSLOTS, first), 0);
	assert_int_equal(bh_chan_attach(&b, region, REGION), 0);
}

static void make_msg(uint8_t *buf, uint32_t seq, uint32_t len)
{
	uint32_t i;

	for (i = 0; i < len; i++)
		buf[i] = (uint8_t)(seq * 13 + i * 7 + 1);
}

static void send_ok(struct bh_chan *ch, uint32_t seq, uint32_t len)
{
	uint8_t buf[BH_CHAN_MSG_MAX];

	make_msg(buf, seq, len);
	assert_in_range(bh_chan_send(ch, buf, len), 0, 1);
}

static void recv_ok(struct bh_chan *ch, uint32_t seq, uint32_t len)
{
	uint8_t want[BH_CHAN_MSG_MAX], got[BH_CHAN_MSG_MAX];

	make_msg(want, seq, len);
	memset(got, 0, sizeof(got));
	assert_int_equal(bh_chan_recv(ch, got, sizeof(got)), len);
	assert_memory_equal(got, want, len);
}

static uint32_t len_of(uint32_t seq)
{
	return (seq * 37) % (BH_CHAN_MSG_MAX + 1);
}

/* The fixed layout, the magic bytes and the error numbers */
static void test_layout(void **state)
{
	(void)state;
	assert_int_equal(BH_CHAN_MSG_MAX, 248);
	assert_int_equal(BH_CHAN_REGION_SIZE(16), 0x5000);
	assert_int_equal(BH_CHAN_REGION_SIZE(4096), 0x3000 + 0x200000);
	assert_int_equal(BH_CHAN_EAGAIN, EAGAIN);
	assert_int_equal(BH_CHAN_EINVAL, EINVAL);
	assert_int_equal(BH_CHAN_EPROTO, EPROTO);
	assert_int_equal(BH_CHAN_EMSGSIZE, EMSGSIZE);
	assert_int_equal(offsetof(struct bh_chan_ctl, prod), 0);
	assert_int_equal(offsetof(struct bh_chan_ctl, cons), 64);

	pair(0);
	assert_memory_equal(region, "BHCHAN01", 8);
	/* The four index lines are on four different cache lines */
	assert_ptr_equal(a.tx_prod, &ctl_a()->prod);
	assert_ptr_equal(a.rx_cons, &ctl_a()->cons);
	assert_ptr_equal(b.tx_prod, &ctl_b()->prod);
	assert_ptr_equal(b.rx_cons, &ctl_b()->cons);
	assert_ptr_equal(a.tx_slots, slot(0, 0));
	assert_ptr_equal(b.rx_slots, slot(0, 0));
	assert_ptr_equal(b.tx_slots, slot(1, 0));
	assert_ptr_equal(a.rx_slots, slot(1, 0));
	assert_int_equal((uint8_t *)slot(1, NSLOTS - 1) + BH_CHAN_SLOT_SIZE -
			 region, REGION);
}

/* init refuses bad arguments and then writes nothing */
static void test_init_args(void **state)
{
	static const uint32_t bad_nslots[] = { 0, 1, 8, 24, 48, 8192,
					       0x80000000u };
	unsigned int i;

	(void)state;
	assert_int_equal(bh_chan_init(&a, region + 64, REGION, NSLOTS),
			 -BH_CHAN_EINVAL);
	assert_int_equal(bh_chan_init(&a, region, REGION - 1, NSLOTS),
			 -BH_CHAN_EINVAL);
	for (i = 0; i < sizeof(bad_nslots) / sizeof(bad_nslots[0]); i++)
		assert_int_equal(bh_chan_init(&a, region, UINT64_MAX,
					      bad_nslots[i]), -BH_CHAN_EINVAL);
	for (i = 0; i < BH_CHAN_SLOTS_OFFSET; i++)
		if (region[i] != POISON)
			fail_msg("init wrote byte %u after an error", i);

	assert_int_equal(bh_chan_init(&a, region, REGION, BH_CHAN_MIN_SLOTS),
			 0);
}

/* What init writes: the header and both control pages, nothing else */
static void test_init_format(void **state)
{
	const uint32_t first = 0xfffffff0u;
	unsigned int i;

	(void)state;
	pair(first);
	assert_int_equal(hdr()->magic, BH_CHAN_MAGIC);
	assert_int_equal(hdr()->version, BH_CHAN_VERSION);
	assert_int_equal(hdr()->nslots, NSLOTS);
	assert_int_equal(hdr()->slot_size, BH_CHAN_SLOT_SIZE);
	assert_int_equal(hdr()->size, REGION);
	assert_int_equal(ctl_a()->prod.idx, first);
	assert_int_equal(ctl_a()->cons.idx, first);
	assert_int_equal(ctl_b()->prod.idx, first);
	assert_int_equal(ctl_b()->cons.idx, first);
	assert_int_equal(ctl_a()->prod.wake | ctl_a()->cons.wake |
			 ctl_b()->prod.wake | ctl_b()->cons.wake, 0);
	for (i = BH_CHAN_SLOTS_OFFSET; i < REGION; i++)
		if (region[i] != POISON)
			fail_msg("init wrote slot byte %#x", i);
	assert_int_equal(a.tx_next, first);
	assert_int_equal(b.rx_next, first);
}

enum mutation {
	M_NONE, M_MAGIC, M_VERSION0, M_VERSION2, M_SLOT_SIZE, M_RESERVED0,
	M_RESERVED, M_NSLOTS_NPOT, M_NSLOTS_SMALL, M_NSLOTS_BIG, M_SIZE,
	M_SIZE_MAPPED, M_MISALIGNED, M_TINY_MAP, M_RING0_FULL_PLUS,
	M_RING0_NEG, M_RING1_FULL_PLUS, M_UNFORMATTED, M_NR
};

static int attach_mutated(enum mutation m)
{
	uint64_t mapped = REGION;
	uint8_t *mem = region;

	memset(region, POISON, REGION);
	assert_int_equal(bh_chan_init_at(&a, region, REGION, NSLOTS, 100), 0);

	switch (m) {
	case M_NONE:
		break;
	case M_MAGIC:
		region[7] = '2';		/* "BHCHAN02" */
		break;
	case M_VERSION0:
		hdr()->version = 0;
		break;
	case M_VERSION2:
		hdr()->version = 2;
		break;
	case M_SLOT_SIZE:
		hdr()->slot_size = 128;
		break;
	case M_RESERVED0:
		hdr()->reserved0 = 1;
		break;
	case M_RESERVED:
		hdr()->reserved[2] = 1ULL << 63;
		break;
	case M_NSLOTS_NPOT:	/* only the power-of-two check fails */
		hdr()->nslots = 24;
		hdr()->size = BH_CHAN_REGION_SIZE(24);
		mapped = UINT64_MAX;
		break;
	case M_NSLOTS_SMALL:
		hdr()->nslots = 8;
		hdr()->size = BH_CHAN_REGION_SIZE(8);
		break;
	case M_NSLOTS_BIG:
		hdr()->nslots = 8192;
		hdr()->size = BH_CHAN_REGION_SIZE(8192);
		mapped = UINT64_MAX;
		break;
	case M_SIZE:
		hdr()->size = REGION + BH_CHAN_PAGE_SIZE;
		mapped = UINT64_MAX;
		break;
	case M_SIZE_MAPPED:
		mapped = REGION - BH_CHAN_PAGE_SIZE;
		break;
	case M_MISALIGNED:
		mem = region + BH_CHAN_LINE_SIZE;
		break;
	case M_TINY_MAP:
		mapped = BH_CHAN_SLOTS_OFFSET - 1;
		break;
	case M_RING0_FULL_PLUS:	/* A claims nslots + 1 unread messages */
		ctl_a()->prod.idx = 100 + NSLOTS + 1;
		break;
	case M_RING0_NEG:	/* B's consumer index ahead of A's producer */
		ctl_b()->cons.idx = 101;
		break;
	case M_RING1_FULL_PLUS:	/* A's consumer index far behind B's producer */
		ctl_a()->cons.idx = 100 - NSLOTS - 1;
		break;
	case M_UNFORMATTED:
		memset(region, 0, BH_CHAN_SLOTS_OFFSET);
		break;
	default:
		fail();
	}
	return bh_chan_attach(&b, mem, mapped);
}

/* attach treats the header and the initial indices as hostile */
static void test_attach_checks(void **state)
{
	int m;

	(void)state;
	assert_int_equal(attach_mutated(M_NONE), 0);
	for (m = M_NONE + 1; m < M_NR; m++) {
		int ret = attach_mutated(m);

		if (ret != -BH_CHAN_EINVAL)
			fail_msg("mutation %d: attach returned %d", m, ret);
	}
	/* Exactly nslots unread messages is a full ring, not corruption */
	assert_int_equal(attach_mutated(M_NONE), 0);
	ctl_a()->prod.idx = 100 + NSLOTS;
	assert_int_equal(bh_chan_attach(&b, region, REGION), 0);
}

/* Messages of every length both ways, in order */
static void test_roundtrip(void **state)
{
	static const uint32_t lens[] = { 0, 1, 7, 8, 100, 247, 248 };
	unsigned int i;

	(void)state;
	pair(0);
	for (i = 0; i < sizeof(lens) / sizeof(lens[0]); i++) {
		send_ok(&a, i, lens[i]);
		send_ok(&b, 100 + i, lens[i]);
	}
	for (i = 0; i < sizeof(lens) / sizeof(lens[0]); i++) {
		recv_ok(&b, i, lens[i]);
		recv_ok(&a, 100 + i, lens[i]);
	}
	assert_int_equal(bh_chan_recv(&a, NULL, 0), -BH_CHAN_EAGAIN);
	assert_int_equal(bh_chan_recv(&b, NULL, 0), -BH_CHAN_EAGAIN);
}

/* Empty and full are told apart at exactly 0 and nslots messages */
static void test_full_empty(void **state)
{
	uint8_t buf[BH_CHAN_MSG_MAX];
	uint32_t i;

	(void)state;
	pair(7);
	assert_int_equal(bh_chan_recv(&b, buf, sizeof(buf)), -BH_CHAN_EAGAIN);
	for (i = 0; i < NSLOTS; i++)
		send_ok(&a, i, len_of(i));
	assert_int_equal(bh_chan_send(&a, buf, 1), -BH_CHAN_EAGAIN);
	assert_int_equal(ctl_a()->prod.idx, 7 + NSLOTS);
	/* The other ring is independent */
	send_ok(&b, 500, 3);

	recv_ok(&b, 0, len_of(0));
	send_ok(&a, NSLOTS, len_of(NSLOTS));
	assert_int_equal(bh_chan_send(&a, buf, 1), -BH_CHAN_EAGAIN);
	for (i = 1; i <= NSLOTS; i++)
		recv_ok(&b, i, len_of(i));
	assert_int_equal(bh_chan_recv(&b, buf, sizeof(buf)), -BH_CHAN_EAGAIN);
	recv_ok(&a, 500, 3);
	assert_int_equal(bh_chan_recv(&a, buf, sizeof(buf)), -BH_CHAN_EAGAIN);
	assert_false(a.broken || b.broken);
}

/* Too long to send: refused, nothing published; too long for the buffer:
 * refused, the message stays */
static void test_msg_size(void **state)
{
	uint8_t buf[BH_CHAN_MSG_MAX + 1];

	(void)state;
	pair(0);
	memset(buf, 1, sizeof(buf));
	assert_int_equal(bh_chan_send(&a, buf, BH_CHAN_MSG_MAX + 1),
			 -BH_CHAN_EMSGSIZE);
	assert_int_equal(bh_chan_send(&a, buf, UINT32_MAX), -BH_CHAN_EMSGSIZE);
	assert_int_equal(ctl_a()->prod.idx, 0);
	assert_int_equal(bh_chan_recv(&b, buf, sizeof(buf)), -BH_CHAN_EAGAIN);

	send_ok(&a, 1, BH_CHAN_MSG_MAX);
	assert_int_equal(bh_chan_recv(&b, buf, BH_CHAN_MSG_MAX - 1),
			 -BH_CHAN_EMSGSIZE);
	assert_int_equal(ctl_b()->cons.idx, 0);
	assert_false(b.broken);
	recv_ok(&b, 1, BH_CHAN_MSG_MAX);
}

/* Free-running indices crossing 2^32, with full and empty at the wrap */
static void test_wrap(void **state)
{
	static const uint32_t firsts[] = {
		UINT32_MAX, UINT32_MAX - 5, UINT32_MAX - NSLOTS + 1,
		UINT32_MAX - NSLOTS, 0x7ffffffdu, 0,
	};
	uint8_t buf[BH_CHAN_MSG_MAX];
	unsigned int f, round;
	uint32_t sent, got, k;

	(void)state;
	for (f = 0; f < sizeof(firsts) / sizeof(firsts[0]); f++) {
		pair(firsts[f]);
		sent = got = 0;
		/* Batches of 1..nslots, each filling as far as it can */
		for (round = 0; round < 4 * NSLOTS; round++) {
			uint32_t batch = round % NSLOTS + 1;

			for (k = 0; k < batch; k++, sent++)
				send_ok(&a, sent, len_of(sent));
			if (batch == NSLOTS)
				assert_int_equal(bh_chan_send(&a, buf, 0),
						 -BH_CHAN_EAGAIN);
			for (k = 0; k < batch; k++, got++)
				recv_ok(&b, got, len_of(got));
			assert_int_equal(bh_chan_recv(&b, buf, sizeof(buf)),
					 -BH_CHAN_EAGAIN);
		}
		assert_int_equal(ctl_a()->prod.idx, firsts[f] + sent);
		assert_int_equal(ctl_b()->cons.idx, firsts[f] + got);
		assert_false(a.broken || b.broken);
	}
	/* The shared index really wrapped past zero */
	pair(UINT32_MAX - 2);
	for (k = 0; k < NSLOTS; k++)
		send_ok(&a, k, 4);
	assert_int_equal(ctl_a()->prod.idx, NSLOTS - 3);
	assert_int_equal(bh_chan_send(&a, buf, 4), -BH_CHAN_EAGAIN);
	for (k = 0; k < NSLOTS; k++)
		recv_ok(&b, k, 4);
	assert_int_equal(bh_chan_tx_prepare_wait(&a), 1);
}

/* Peer's producer index too far ahead or behind: broken, and it stays so */
static void test_corrupt_prod(void **state)
{
	uint8_t buf[BH_CHAN_MSG_MAX];
	uint32_t i;

	(void)state;
	pair(UINT32_MAX - 1);
	for (i = 0; i < NSLOTS; i++)
		slot(0, i)->len = slot(0, i)->flags = 0;
	/* nslots ahead is a full ring */
	ctl_a()->prod.idx = UINT32_MAX - 1 + NSLOTS;
	assert_int_equal(bh_chan_recv(&b, buf, sizeof(buf)), 0);
	/* one more than nslots ahead is a lie */
	ctl_a()->prod.idx = UINT32_MAX - 1 + NSLOTS + 2;
	assert_int_equal(bh_chan_recv(&b, buf, sizeof(buf)), -BH_CHAN_EPROTO);
	assert_true(b.broken);
	/* Sticky: every later call fails, even after the peer repents */
	ctl_a()->prod.idx = b.rx_next;
	assert_int_equal(bh_chan_recv(&b, buf, sizeof(buf)), -BH_CHAN_EPROTO);
	assert_int_equal(bh_chan_send(&b, buf, 1), -BH_CHAN_EPROTO);
	assert_int_equal(bh_chan_rx_prepare_wait(&b), -BH_CHAN_EPROTO);
	assert_int_equal(bh_chan_tx_prepare_wait(&b), -BH_CHAN_EPROTO);
	assert_int_equal(ctl_b()->prod.idx, UINT32_MAX - 1);

	/* Behind our consumer index */
	pair(5);
	ctl_a()->prod.idx = 4;
	assert_int_equal(bh_chan_recv(&b, buf, sizeof(buf)), -BH_CHAN_EPROTO);

	/* Noticed while preparing to sleep, too */
	pair(5);
	ctl_a()->prod.idx = 5 + 0x80000000u;
	assert_int_equal(bh_chan_rx_prepare_wait(&b), -BH_CHAN_EPROTO);
}

/* Peer's consumer index ahead of our producer, or too far behind */
static void test_corrupt_cons(void **state)
{
	uint8_t buf[4] = { 0 };

	(void)state;
	pair(0);
	send_ok(&a, 0, 4);
	ctl_b()->cons.idx = 2;		/* consumed one we never sent */
	assert_int_equal(bh_chan_send(&a, buf, 4), -BH_CHAN_EPROTO);
	assert_int_equal(ctl_a()->prod.idx, 1);

	pair(0);
	ctl_b()->cons.idx = (uint32_t)-(int32_t)(NSLOTS + 1);
	assert_int_equal(bh_chan_send(&a, buf, 4), -BH_CHAN_EPROTO);

	pair(0);
	ctl_b()->cons.idx = 1;
	assert_int_equal(bh_chan_tx_prepare_wait(&a), -BH_CHAN_EPROTO);
}

/* A published slot whose length or flags are out of range */
static void test_corrupt_slot(void **state)
{
	static const uint32_t bad_len[] = { BH_CHAN_MSG_MAX + 1, 0x80000000u,
					    UINT32_MAX };
	uint8_t buf[BH_CHAN_MSG_MAX + 64];
	unsigned int i;

	(void)state;
	for (i = 0; i < sizeof(bad_len) / sizeof(bad_len[0]); i++) {
		pair(0);
		send_ok(&a, 0, 10);
		slot(0, 0)->len = bad_len[i];
		memset(buf, 0x5a, sizeof(buf));
		assert_int_equal(bh_chan_recv(&b, buf, sizeof(buf)),
				 -BH_CHAN_EPROTO);
		assert_int_equal(buf[0], 0x5a);
		assert_int_equal(ctl_b()->cons.idx, 0);
	}
	pair(0);
	send_ok(&a, 0, 10);
	slot(0, 0)->flags = 1;
	assert_int_equal(bh_chan_recv(&b, buf, sizeof(buf)), -BH_CHAN_EPROTO);
}

/* An end keeps its geometry and indices private: the peer rewriting the
 * header or our own shared index changes nothing for us */
static void test_private_state(void **state)
{
	uint8_t buf[4] = { 0 };
	uint32_t i;

	(void)state;
	pair(0);
	hdr()->nslots = BH_CHAN_MAX_SLOTS;
	hdr()->magic = 0;
	for (i = 0; i < NSLOTS; i++)
		send_ok(&b, i, 4);
	assert_int_equal(bh_chan_send(&b, buf, 4), -BH_CHAN_EAGAIN);

	/* A scribbles on B's producer index; B's next send restores it */
	recv_ok(&a, 0, 4);
	ctl_b()->prod.idx = 12345;
	send_ok(&b, NSLOTS, 4);
	assert_int_equal(ctl_b()->prod.idx, NSLOTS + 1);
	for (i = 1; i <= NSLOTS; i++)
		recv_ok(&a, i, 4);
	assert_false(a.broken || b.broken);
}

/* Receive side of the doorbell handshake */
static void test_doorbell_rx(void **state)
{
	uint8_t buf[BH_CHAN_MSG_MAX];

	(void)state;
	pair(0);
	assert_int_equal(bh_chan_send(&a, buf, 1), 0);
	assert_int_equal(bh_chan_need_doorbell(&a), 0);
	/* A message is pending: do not sleep */
	assert_int_equal(bh_chan_rx_prepare_wait(&b), 1);
	assert_int_equal(bh_chan_recv(&b, buf, sizeof(buf)), 1);
	assert_int_equal(ctl_b()->cons.wake, 0);

	/* Empty: sleep, with the flag set for the producer to see */
	assert_int_equal(bh_chan_rx_prepare_wait(&b), 0);
	assert_int_not_equal(ctl_b()->cons.wake, 0);
	assert_int_equal(bh_chan_send(&a, buf, 2), 1);
	assert_int_equal(bh_chan_send(&a, buf, 3), 1);	/* until B reads */
	assert_int_equal(bh_chan_need_doorbell(&a), 1);
	assert_int_equal(bh_chan_need_doorbell(&a), 0);

	assert_int_equal(bh_chan_recv(&b, buf, sizeof(buf)), 2);
	assert_int_equal(ctl_b()->cons.wake, 0);
	assert_int_equal(bh_chan_send(&a, buf, 4), 0);
	assert_int_equal(bh_chan_need_doorbell(&a), 0);
	/* The producer was never waiting: receiving rings nothing */
	assert_int_equal(bh_chan_recv(&b, buf, sizeof(buf)), 3);
	assert_int_equal(bh_chan_need_doorbell(&b), 0);
}

/* Send side: a producer waiting for a free slot */
static void test_doorbell_tx(void **state)
{
	uint8_t buf[BH_CHAN_MSG_MAX];
	uint32_t i;

	(void)state;
	pair(UINT32_MAX - 3);
	assert_int_equal(bh_chan_tx_prepare_wait(&b), 1);	/* not full */
	assert_int_equal(bh_chan_send(&b, buf, 0), 0);
	assert_int_equal(ctl_b()->prod.wake, 0);		/* cleared */
	for (i = 1; i < NSLOTS; i++)
		send_ok(&b, i, 0);
	assert_int_equal(bh_chan_tx_prepare_wait(&b), 0);	/* full */
	assert_int_not_equal(ctl_b()->prod.wake, 0);

	assert_int_equal(bh_chan_recv(&a, buf, sizeof(buf)), 0);
	assert_int_equal(bh_chan_need_doorbell(&a), 1);
	assert_int_equal(bh_chan_need_doorbell(&a), 0);
	assert_int_equal(bh_chan_tx_prepare_wait(&b), 1);
	assert_int_equal(bh_chan_send(&b, buf, 0), 0);
	assert_int_equal(ctl_b()->prod.wake, 0);
	assert_int_equal(bh_chan_recv(&a, buf, sizeof(buf)), 0);
	assert_int_equal(bh_chan_need_doorbell(&a), 0);
}

#define T(fn)	cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_layout),
		T(test_init_args),
		T(test_init_format),
		T(test_attach_checks),
		T(test_roundtrip),
		T(test_full_empty),
		T(test_msg_size),
		T(test_wrap),
		T(test_corrupt_prod),
		T(test_corrupt_cons),
		T(test_corrupt_slot),
		T(test_private_state),
		T(test_doorbell_rx),
		T(test_doorbell_tx),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
