/* SPDX-License-Identifier: GPL-2.0 */
/* vsnprintf for the kernel log: the shared formatter (libs/fmt). */
#include <core/lib.h>
#include <bulkhead/fmt.h>

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	return bh_vsnprintf(buf, size, fmt, ap);
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}
