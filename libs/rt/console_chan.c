/* SPDX-License-Identifier: GPL-2.0 */
/* Console backend over a bulkhead channel: output as channel messages. */
#include <bulkhead/channel.h>
#include "internal.h"

static struct bh_chan console;
static void (*ring)(void);

/* The largest ring that fits: a power of two in [MIN, MAX] slots */
static uint32_t slots_for(uint64_t size)
{
	uint32_t n = BH_CHAN_MIN_SLOTS;

	while (n < BH_CHAN_MAX_SLOTS && BH_CHAN_REGION_SIZE(2 * n) <= size)
		n *= 2;
	return n;
}

int bh_rt_chan_console_init(void *mem, uint64_t size, int end_a,
			    void (*doorbell)(void))
{
	ring = doorbell;
	if (end_a)
		return bh_chan_init(&console, mem, size, slots_for(size));
	return bh_chan_attach(&console, mem, size);
}

static void kick(void)
{
	if (bh_chan_need_doorbell(&console) && ring)
		ring();
}

long bh_rt_chan_console_write(const char *buf, size_t len)
{
	size_t done = 0, n;
	int ret;

	while (done < len) {
		n = len - done < BH_CHAN_MSG_MAX ? len - done : BH_CHAN_MSG_MAX;
		ret = bh_chan_send(&console, buf + done, (uint32_t)n);
		if (ret >= 0) {
			done += n;
			continue;
		}
		if (ret != -BH_CHAN_EAGAIN)
			break;
		/* Full: make sure the reader knows, then wait for a slot */
		kick();
		ret = bh_chan_tx_prepare_wait(&console);
		if (ret < 0)
			break;
		if (!ret)
			bh_rt_wait_event();
	}
	kick();
	if (done < len && !done)
		return -LX_EIO;
	return (long)done;
}
