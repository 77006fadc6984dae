/* SPDX-License-Identifier: GPL-2.0 */
/* Channel console backend on the host: splitting, waiting, doorbells. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <bulkhead/channel.h>
#include "internal.h"

#define NSLOTS		16U
#define REGION		BH_CHAN_REGION_SIZE(NSLOTS)

static uint8_t *region;
static struct bh_chan peer;	/* the reader: the root agent, later */
static char got[64 * 1024];
static size_t gotlen;
static unsigned int waits, rings;

static void drain(void)
{
	int n;

	while ((n = bh_chan_recv(&peer, got + gotlen,
				 (uint32_t)(sizeof(got) - gotlen))) > 0)
		gotlen += (size_t)n;
}

/* The console waits for a free slot: play the reader meanwhile */
void bh_rt_wait_event(void)
{
	waits++;
	drain();
}

static void doorbell(void)
{
	rings++;
}

static int setup(void **state)
{
	(void)state;
	region = aligned_alloc(BH_CHAN_PAGE_SIZE, 4 * REGION);
	if (!region)
		return -1;
	memset(region, 0, 4 * REGION);
	memset(&peer, 0, sizeof(peer));
	gotlen = 0;
	waits = 0;
	rings = 0;
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	free(region);
	return 0;
}

static void pattern(char *buf, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		buf[i] = (char)('a' + i % 26);
}

static void test_attach_and_write(void **state)
{
	char msg[256];

	(void)state;
	assert_int_equal(bh_chan_init(&peer, region, REGION, NSLOTS), 0);
	assert_int_equal(bh_rt_chan_console_init(region, REGION, 0, doorbell),
			 0);
	assert_int_equal(bh_rt_chan_console_write("hello\n", 6), 6);
	assert_int_equal(bh_chan_recv(&peer, msg, sizeof(msg)), 6);
	assert_memory_equal(msg, "hello\n", 6);
	assert_int_equal(rings, 0);
}

static void test_split(void **state)
{
	char buf[600], msg[256];

	(void)state;
	pattern(buf, sizeof(buf));
	assert_int_equal(bh_chan_init(&peer, region, REGION, NSLOTS), 0);
	assert_int_equal(bh_rt_chan_console_init(region, REGION, 0, NULL), 0);
	assert_int_equal(bh_rt_chan_console_write(buf, sizeof(buf)), 600);
	assert_int_equal(bh_chan_recv(&peer, msg, sizeof(msg)),
			 BH_CHAN_MSG_MAX);
	assert_memory_equal(msg, buf, BH_CHAN_MSG_MAX);
	assert_int_equal(bh_chan_recv(&peer, msg, sizeof(msg)),
			 BH_CHAN_MSG_MAX);
	assert_int_equal(bh_chan_recv(&peer, msg, sizeof(msg)),
			 600 - 2 * BH_CHAN_MSG_MAX);
	assert_memory_equal(msg, buf + 2 * BH_CHAN_MSG_MAX,
			    600 - 2 * BH_CHAN_MSG_MAX);
	assert_int_equal(bh_chan_recv(&peer, msg, sizeof(msg)),
			 -BH_CHAN_EAGAIN);
}

static void test_full_ring_waits(void **state)
{
	static char buf[20 * 1024];

	(void)state;
	pattern(buf, sizeof(buf));
	assert_int_equal(bh_chan_init(&peer, region, REGION, NSLOTS), 0);
	assert_int_equal(bh_rt_chan_console_init(region, REGION, 0, doorbell),
			 0);
	/* five rings' worth: the writer must wait for the reader */
	assert_int_equal(bh_rt_chan_console_write(buf, sizeof(buf)),
			 (long)sizeof(buf));
	drain();
	assert_true(waits >= 4);
	assert_int_equal(gotlen, sizeof(buf));
	assert_memory_equal(got, buf, sizeof(buf));
}

static void test_doorbell(void **state)
{
	(void)state;
	assert_int_equal(bh_chan_init(&peer, region, REGION, NSLOTS), 0);
	assert_int_equal(bh_rt_chan_console_init(region, REGION, 0, doorbell),
			 0);
	/* the reader goes to sleep: the next write must ring */
	assert_int_equal(bh_chan_rx_prepare_wait(&peer), 0);
	assert_int_equal(bh_rt_chan_console_write("x", 1), 1);
	assert_int_equal(rings, 1);
	drain();
	assert_int_equal(bh_rt_chan_console_write("y", 1), 1);
	assert_int_equal(rings, 1);
}

static void test_end_a(void **state)
{
	char msg[256];

	(void)state;
	/* A region with room for 32 slots but not 64 */
	assert_int_equal(bh_rt_chan_console_init(region,
			 BH_CHAN_REGION_SIZE(32) + 4096, 1, NULL), 0);
	assert_int_equal(((struct bh_chan_hdr *)region)->nslots, 32);
	assert_int_equal(bh_chan_attach(&peer, region,
					BH_CHAN_REGION_SIZE(32) + 4096), 0);
	assert_int_equal(bh_rt_chan_console_write("from A", 6), 6);
	assert_int_equal(bh_chan_recv(&peer, msg, sizeof(msg)), 6);
	assert_memory_equal(msg, "from A", 6);
}

static void test_broken_and_bad(void **state)
{
	struct bh_chan_ctl *ctl_a;

	(void)state;
	/* nothing formatted: attaching fails */
	assert_true(bh_rt_chan_console_init(region, REGION, 0, NULL) < 0);
	/* a reader whose consumer index runs ahead of our producer */
	assert_int_equal(bh_chan_init(&peer, region, REGION, NSLOTS), 0);
	assert_int_equal(bh_rt_chan_console_init(region, REGION, 0, NULL), 0);
	ctl_a = (struct bh_chan_ctl *)(region + BH_CHAN_CTL_A_OFFSET);
	ctl_a->cons.idx = 1000;
	assert_int_equal(bh_rt_chan_console_write("x", 1), -LX_EIO);
	assert_int_equal(bh_rt_chan_console_write("y", 1), -LX_EIO);
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_attach_and_write),
		T(test_split),
		T(test_full_ring_waits),
		T(test_doorbell),
		T(test_end_a),
		T(test_broken_and_bad),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
