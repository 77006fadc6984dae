/* SPDX-License-Identifier: GPL-2.0 */
/* Console access and the runtime's own small printf. */
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

struct out {
	char *buf;
	size_t size;
	size_t n;
};

static void put(struct out *o, char c)
{
	if (o->n + 1 < o->size)
		o->buf[o->n++] = c;
}

static void put_num(struct out *o, unsigned long long v, unsigned int base,
		    int neg, unsigned int width, char pad)
{
	char tmp[24];
	unsigned int i = 0;

	do {
		tmp[i++] = "0123456789abcdef"[v % base];
		v /= base;
	} while (v);
	if (neg && pad == '0')
		put(o, '-');
	for (; width > i + !!neg; width--)
		put(o, pad);
	if (neg && pad != '0')
		put(o, '-');
	while (i)
		put(o, tmp[--i]);
}

int bh_rt_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct out o = { buf, size, 0 };
	unsigned long long u;
	long long s;
	unsigned int width, lng;
	const char *str;
	char pad;

	for (; *fmt; fmt++) {
		if (*fmt != '%') {
			put(&o, *fmt);
			continue;
		}
		pad = ' ';
		width = 0;
		lng = 0;
		if (*++fmt == '0') {
			pad = '0';
			fmt++;
		}
		for (; *fmt >= '0' && *fmt <= '9'; fmt++)
			width = width * 10 + (unsigned int)(*fmt - '0');
		for (; *fmt == 'l' || *fmt == 'z'; fmt++)
			lng++;
		switch (*fmt) {
		case 'd':
		case 'i':
			/* long and long long are both 64-bit (LP64) */
			s = lng ? va_arg(ap, long long) : va_arg(ap, int);
			u = (unsigned long long)s;
			if (s < 0)
				u = -u;
			put_num(&o, u, 10, s < 0, width, pad);
			break;
		case 'u':
		case 'x':
			u = lng ? va_arg(ap, unsigned long long) :
				  va_arg(ap, unsigned int);
			put_num(&o, u, *fmt == 'u' ? 10 : 16, 0, width, pad);
			break;
		case 'p':
			put(&o, '0');
			put(&o, 'x');
			put_num(&o, (uintptr_t)va_arg(ap, void *), 16, 0,
				width, pad);
			break;
		case 's':
			str = va_arg(ap, const char *);
			for (str = str ? str : "(null)"; *str; str++)
				put(&o, *str);
			break;
		case 'c':
			put(&o, (char)va_arg(ap, int));
			break;
		case '%':
			put(&o, '%');
			break;
		default:
			/* unknown conversion: show it, consume nothing */
			put(&o, '%');
			if (!*fmt)
				fmt--;
			else
				put(&o, *fmt);
			break;
		}
	}
	if (size)
		buf[o.n] = '\0';
	return (int)o.n;
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
