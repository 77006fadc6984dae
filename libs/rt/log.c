/* SPDX-License-Identifier: GPL-2.0 */
/* Console access and the runtime's log lines. */
#include <bulkhead/fmt.h>
#include "internal.h"

static const struct bh_rt_platform *platform;

void bh_rt_set_platform(const struct bh_rt_platform *plat)
{
	platform = plat;
}

const struct bh_rt_platform *bh_rt_platform_get(void)
{
	return platform;
}

long bh_rt_console_write(const char *buf, size_t len)
{
	if (!platform || !platform->console_write)
		return (long)len;
	return platform->console_write(buf, len);
}

/* The shared formatter, counting only what fits */
int bh_rt_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	int n = bh_vsnprintf(buf, size, fmt, ap);

	if (!size)
		return 0;
	return (size_t)n < size ? n : (int)(size - 1);
}

int bh_rt_snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = bh_rt_vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

void bh_rt_log(const char *fmt, ...)
{
	static const char prefix[] = "bh-rt: ";
	char line[200];
	va_list ap;
	int n;

	memcpy(line, prefix, sizeof(prefix) - 1);
	va_start(ap, fmt);
	n = bh_rt_vsnprintf(line + sizeof(prefix) - 1,
			    sizeof(line) - sizeof(prefix), fmt, ap);
	va_end(ap);
	n += sizeof(prefix) - 1;
	line[n++] = '\n';
	bh_rt_console_write(line, (size_t)n);
}
