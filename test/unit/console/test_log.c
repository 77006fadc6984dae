/* SPDX-License-Identifier: GPL-2.0 */
/* Tests of the log ring reader: wrap, lag, a racing writer, corruption. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "log.h"

#define RING_SIZE	1024
#define DATA_OFF	4096
#define REGION		(DATA_OFF + RING_SIZE)

/*
 * The test plays the kernel: it writes a byte stream into the ring, byte
 * p being stream_byte(p), and publishes head after the bytes. A hook in
 * the reader's memcpy lets it write while the reader copies.
 */
static uint8_t region[REGION] __attribute__((aligned(4096)));
static struct bh_log_ring *ring = (struct bh_log_ring *)region;
static struct con_log l;
static void (*during_copy)(void);
static unsigned int copies;

void *log_test_memcpy(void *dst, const void *src, size_t n);

void *log_test_memcpy(void *dst, const void *src, size_t n)
{
	uint8_t *d = dst;
	const uint8_t *s = src;
	size_t i;

	/* the writer runs once, as the reader's first copy starts */
	if (during_copy && !copies) {
		copies++;
		during_copy();
	}
	for (i = 0; i < n; i++)
		d[i] = s[i];
	return dst;
}

static uint8_t stream_byte(uint64_t p)
{
	return (uint8_t)(p * 7 + (p >> 8) + 1);
}

/* Write n stream bytes at head, then publish them (or not) */
static void kernel_write(uint64_t n, int publish)
{
	uint8_t *data = region + DATA_OFF;
	uint64_t h = ring->head, i;

	for (i = 0; i < n; i++)
		data[(h + i) % RING_SIZE] = stream_byte(h + i);
	if (publish)
		__atomic_store_n(&ring->head, h + n, __ATOMIC_RELEASE);
}

static int setup(void **state)
{
	(void)state;
	memset(region, 0, sizeof(region));
	ring->magic = BH_LOG_MAGIC;
	ring->size = RING_SIZE;
	ring->data_off = DATA_OFF;
	ring->head = 0;
	during_copy = NULL;
	copies = 0;
	return 0;
}

/* Every byte returned must be the stream's byte at its position */
static void check_bytes(const uint8_t *buf, long n, uint64_t first)
{
	long i;

	for (i = 0; i < n; i++)
		assert_int_equal(buf[i], stream_byte(first + i));
}

static void test_attach_checks(void **state)
{
	(void)state;
	assert_int_equal(con_log_attach(&l, region, REGION), 0);
	assert_int_equal(con_log_attach(&l, NULL, 0), CON_LOG_CORRUPT);
	assert_string_equal(l.why, "no log region");
	assert_int_equal(con_log_attach(&l, region, 32), CON_LOG_CORRUPT);

	ring->magic ^= 1;
	assert_int_equal(con_log_attach(&l, region, REGION), CON_LOG_CORRUPT);
	assert_string_equal(l.why, "bad magic");
	ring->magic ^= 1;

	ring->size = 1000;
	assert_int_equal(con_log_attach(&l, region, REGION), CON_LOG_CORRUPT);
	assert_string_equal(l.why, "bad size");
	ring->size = 2 * BH_LOG_WRITE_MAX;	/* no safe byte at all */
	assert_int_equal(con_log_attach(&l, region, REGION), CON_LOG_CORRUPT);
	ring->size = 2048;			/* past the region */
	assert_int_equal(con_log_attach(&l, region, REGION), CON_LOG_CORRUPT);
	assert_string_equal(l.why, "data outside the region");
	ring->size = RING_SIZE;

	ring->data_off = 100;
	assert_int_equal(con_log_attach(&l, region, REGION), CON_LOG_CORRUPT);
	ring->data_off = 0;
	assert_int_equal(con_log_attach(&l, region, REGION), CON_LOG_CORRUPT);
	ring->data_off = UINT64_MAX - 4095;	/* would wrap the sum */
	assert_int_equal(con_log_attach(&l, region, REGION), CON_LOG_CORRUPT);
	assert_string_equal(l.why, "data outside the region");
}

static void test_failed_attach_reported_once(void **state)
{
	uint8_t buf[64];

	(void)state;
	ring->magic = 0;
	assert_int_equal(con_log_attach(&l, region, REGION), CON_LOG_CORRUPT);
	assert_int_equal(con_log_read(&l, buf, sizeof(buf)), CON_LOG_CORRUPT);
	assert_int_equal(con_log_read(&l, buf, sizeof(buf)), 0);
	assert_int_equal(con_log_read(&l, buf, sizeof(buf)), 0);
}

static void test_read_simple(void **state)
{
	uint8_t buf[RING_SIZE];
	long n;

	(void)state;
	assert_int_equal(con_log_attach(&l, region, REGION), 0);
	assert_int_equal(con_log_read(&l, buf, sizeof(buf)), 0);
	kernel_write(100, 1);
	n = con_log_read(&l, buf, sizeof(buf));
	assert_int_equal(n, 100);
	check_bytes(buf, n, 0);
	assert_int_equal(con_log_read(&l, buf, sizeof(buf)), 0);
	/* written but not published: not read */
	kernel_write(10, 0);
	assert_int_equal(con_log_read(&l, buf, sizeof(buf)), 0);
	assert_int_equal(l.lost, 0);
}

static void test_read_bounded(void **state)
{
	uint8_t buf[RING_SIZE];
	long n;

	(void)state;
	assert_int_equal(con_log_attach(&l, region, REGION), 0);
	kernel_write(300, 1);
	n = con_log_read(&l, buf, 128);
	assert_int_equal(n, 128);
	check_bytes(buf, n, 0);
	n = con_log_read(&l, buf, 1000);
	assert_int_equal(n, 172);
	check_bytes(buf, n, 128);
}

static void test_wrap(void **state)
{
	uint8_t buf[RING_SIZE];
	uint64_t pos = 0;
	unsigned int i;
	long n;

	(void)state;
	assert_int_equal(con_log_attach(&l, region, REGION), 0);
	/* many times around, reading after each write of 1..700 bytes */
	for (i = 0; i < 200; i++) {
		kernel_write(1 + (i * 37) % 700, 1);
		while ((n = con_log_read(&l, buf, sizeof(buf))) > 0) {
			check_bytes(buf, n, pos);
			pos += n;
		}
		assert_int_equal(n, 0);
	}
	assert_int_equal(pos, ring->head);
	assert_true(pos > 20 * RING_SIZE);
	assert_int_equal(l.lost, 0);
}

static void test_attach_late(void **state)
{
	uint8_t buf[RING_SIZE];
	long n;

	(void)state;
	/* the kernel logged long before the service started */
	kernel_write(5000, 1);
	assert_int_equal(con_log_attach(&l, region, REGION), 0);
	n = con_log_read(&l, buf, sizeof(buf));
	assert_int_equal(n, RING_SIZE - BH_LOG_WRITE_MAX);
	check_bytes(buf, n, 5000 - n);
	assert_int_equal(l.lost, 0);
}

static void test_fell_behind(void **state)
{
	uint8_t buf[RING_SIZE];
	long n;

	(void)state;
	assert_int_equal(con_log_attach(&l, region, REGION), 0);
	kernel_write(100, 1);
	assert_int_equal(con_log_read(&l, buf, sizeof(buf)), 100);
	/* 3000 bytes while we were away: only the safe tail is kept */
	kernel_write(3000, 1);
	n = con_log_read(&l, buf, sizeof(buf));
	assert_int_equal(n, RING_SIZE - BH_LOG_WRITE_MAX);
	check_bytes(buf, n, 3100 - n);
	assert_int_equal(l.lost, 3000 - n);
	assert_int_equal(con_log_read(&l, buf, sizeof(buf)), 0);
}

/* A writer that publishes 600 more bytes while the reader copies */
static void write_600(void)
{
	kernel_write(600, 1);
}

/* A writer that fills 256 bytes past head without publishing them */
static void write_unpublished(void)
{
	kernel_write(BH_LOG_WRITE_MAX, 0);
}

static void racing_read(void (*writer)(void), uint64_t before)
{
	uint8_t buf[RING_SIZE];
	uint64_t pos, start, got = 0;
	long n;

	assert_int_equal(con_log_attach(&l, region, REGION), 0);
	start = l.pos;
	kernel_write(before, 1);
	during_copy = writer;
	while ((n = con_log_read(&l, buf, sizeof(buf))) > 0) {
		pos = l.pos - n;
		check_bytes(buf, n, pos);
		got += n;
	}
	assert_int_equal(n, 0);
	assert_int_equal(copies, 1);
	/* every byte was either delivered intact or counted as lost */
	assert_int_equal(got + l.lost, ring->head - start);
	assert_true(l.lost > 0);
}

static void test_race_overwrite_published(void **state)
{
	(void)state;
	racing_read(write_600, 1000);
}

static void test_race_overwrite_unpublished(void **state)
{
	(void)state;
	racing_read(write_unpublished, RING_SIZE);
}

static void write_500(void)
{
	kernel_write(500, 1);
}

static void test_race_harmless(void **state)
{
	uint8_t buf[RING_SIZE];
	long n;

	(void)state;
	/* new bytes that cannot reach what is being copied drop nothing */
	assert_int_equal(con_log_attach(&l, region, REGION), 0);
	kernel_write(200, 1);
	during_copy = write_500;
	n = con_log_read(&l, buf, sizeof(buf));
	assert_int_equal(n, 200);
	check_bytes(buf, n, 0);
	n = con_log_read(&l, buf, sizeof(buf));
	assert_int_equal(n, 500);
	check_bytes(buf, n, 200);
	assert_int_equal(l.lost, 0);
}

static void test_race_near(void **state)
{
	uint8_t buf[RING_SIZE];
	long n;

	(void)state;
	/*
	 * 600 new bytes: a writer still busy past them could reach the
	 * first 32 bytes copied (800 + 256 - 1024), so those are dropped
	 */
	assert_int_equal(con_log_attach(&l, region, REGION), 0);
	kernel_write(200, 1);
	during_copy = write_600;
	n = con_log_read(&l, buf, sizeof(buf));
	assert_int_equal(n, 168);
	check_bytes(buf, n, 32);
	assert_int_equal(l.lost, 32);
}

static void test_corrupt_magic(void **state)
{
	uint8_t buf[64];

	(void)state;
	assert_int_equal(con_log_attach(&l, region, REGION), 0);
	kernel_write(10, 1);
	ring->magic = 0x4141414141414141ULL;
	assert_int_equal(con_log_read(&l, buf, sizeof(buf)), CON_LOG_CORRUPT);
	assert_string_equal(l.why, "bad magic");
	/* reported once, then silence, even once the header looks fine */
	assert_int_equal(con_log_read(&l, buf, sizeof(buf)), 0);
	ring->magic = BH_LOG_MAGIC;
	kernel_write(10, 1);
	assert_int_equal(con_log_read(&l, buf, sizeof(buf)), 0);
}

static void test_corrupt_size(void **state)
{
	uint8_t buf[64];

	(void)state;
	assert_int_equal(con_log_attach(&l, region, REGION), 0);
	ring->size = 1ULL << 40;
	assert_int_equal(con_log_read(&l, buf, sizeof(buf)), CON_LOG_CORRUPT);
	assert_string_equal(l.why, "size changed");
	assert_int_equal(con_log_read(&l, buf, sizeof(buf)), 0);
}

static void test_corrupt_data_off(void **state)
{
	uint8_t buf[64];

	(void)state;
	assert_int_equal(con_log_attach(&l, region, REGION), 0);
	ring->data_off = 8192;
	assert_int_equal(con_log_read(&l, buf, sizeof(buf)), CON_LOG_CORRUPT);
}

static void test_corrupt_head_backwards(void **state)
{
	uint8_t buf[RING_SIZE];

	(void)state;
	assert_int_equal(con_log_attach(&l, region, REGION), 0);
	kernel_write(500, 1);
	assert_int_equal(con_log_read(&l, buf, sizeof(buf)), 500);
	ring->head = 20;
	assert_int_equal(con_log_read(&l, buf, sizeof(buf)), CON_LOG_CORRUPT);
	assert_string_equal(l.why, "head moved backwards");
	assert_int_equal(con_log_read(&l, buf, sizeof(buf)), 0);
}

static void test_corrupt_head_huge(void **state)
{
	uint8_t buf[RING_SIZE];
	long n;

	(void)state;
	/* a head far ahead is survivable: bytes count as lost, no overrun */
	assert_int_equal(con_log_attach(&l, region, REGION), 0);
	ring->head = UINT64_MAX - 10;
	n = con_log_read(&l, buf, sizeof(buf));
	assert_true(n >= 0 && n <= RING_SIZE);
	assert_int_equal(l.pos, UINT64_MAX - 10);
}

#define T(fn)	cmocka_unit_test_setup(fn, setup)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_attach_checks),
		T(test_failed_attach_reported_once),
		T(test_read_simple),
		T(test_read_bounded),
		T(test_wrap),
		T(test_attach_late),
		T(test_fell_behind),
		T(test_race_overwrite_published),
		T(test_race_overwrite_unpublished),
		T(test_race_harmless),
		T(test_race_near),
		T(test_corrupt_magic),
		T(test_corrupt_size),
		T(test_corrupt_data_off),
		T(test_corrupt_head_backwards),
		T(test_corrupt_head_huge),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
