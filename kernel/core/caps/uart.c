/* SPDX-License-Identifier: GPL-2.0 */
/* The UART object: raw bytes to and from the hypervisor's console. */
#include <core/caps.h>
#include <core/lib.h>
#include <core/printk.h>
#include "caps_internal.h"

int uart_read(struct invocation *inv, struct bh_reply *out)
{
	char buf[BH_UART_MAX_BYTES];
	size_t n;

	(void)inv;
	n = console_read(buf, sizeof(buf));
	out->mr[0] = n;
	memcpy(&out->mr[1], buf, n);
	return BH_E_OK;
}

int uart_write_decode(struct invocation *inv)
{
	if (inv->mr[0] == 0 || inv->mr[0] > BH_UART_MAX_BYTES)
		return BH_E_INVALID_ARGUMENT;
	/* The bytes are in mr1..: the length must cover them */
	if (inv->len < 1 + (inv->mr[0] + 7) / 8)
		return BH_E_TRUNCATED;
	return BH_E_OK;
}

int uart_write(struct invocation *inv, struct bh_reply *out)
{
	(void)out;
	console_write_raw((const char *)&inv->mr[1], inv->mr[0]);
	return BH_E_OK;
}
