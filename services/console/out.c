/* SPDX-License-Identifier: GPL-2.0 */
/* Bounded text output: formatted and sanitised appends, cut with a note. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "out.h"

void con_out_init(struct con_out *o, char *buf, size_t size)
{
	o->buf = buf;
	o->size = size;
	o->len = 0;
	o->truncated = 0;
}

static size_t room(const struct con_out *o)
{
	return o->size - CON_OUT_RESERVE - o->len;
}

void con_out_printf(struct con_out *o, const char *fmt, ...)
{
	size_t left = room(o);
	va_list ap;
	int n;

	if (o->truncated)
		return;
	va_start(ap, fmt);
	/* room(o) + 1: vsnprintf's NUL may land on the first reserved byte */
	n = vsnprintf(o->buf + o->len, left + 1, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n > left) {
		/* keep whole lines only: cut back to the last newline */
		while (left && o->buf[o->len + left - 1] != '\n')
			left--;
		o->len += left;
		o->truncated = 1;
		return;
	}
	o->len += n;
}

void con_out_text(struct con_out *o, const char *s, size_t n)
{
	size_t i;
	char c;

	if (o->truncated)
		return;
	if (n > room(o)) {
		n = room(o);
		o->truncated = 1;
	}
	for (i = 0; i < n; i++) {
		c = s[i];
		if (c == '\t')
			c = ' ';
		else if (c != '\n' && !con_printable(c))
			c = '?';
		o->buf[o->len++] = c;
	}
}

size_t con_out_finish(struct con_out *o)
{
	size_t n = sizeof(CON_OUT_TRUNCATED) - 1;

	_Static_assert(sizeof(CON_OUT_TRUNCATED) - 1 < CON_OUT_RESERVE,
		       "the note fits in the reserve");
	if (o->truncated) {
		/* a line cut in the middle still ends before the note */
		if (o->len && o->buf[o->len - 1] != '\n')
			o->buf[o->len++] = '\n';
		memcpy(o->buf + o->len, CON_OUT_TRUNCATED, n);
		o->len += n;
		o->truncated = 2;	/* noted; appends stay refused */
	}
	return o->len;
}
