/* SPDX-License-Identifier: GPL-2.0 */
/* Bounded text output of the console service: what the shell writes into. */
#ifndef CONSOLE_OUT_H
#define CONSOLE_OUT_H

#include <stddef.h>

/* Room kept back for the note that says the output was cut */
#define CON_OUT_RESERVE		32
#define CON_OUT_TRUNCATED	"... (output truncated)\n"

/**
 * struct con_out - a text buffer that never overflows
 * @buf:	the bytes; not NUL-terminated
 * @size:	bytes at @buf, more than CON_OUT_RESERVE
 * @len:	bytes written
 * @truncated:	1: something did not fit; 2: con_out_finish() said so
 */
struct con_out {
	char *buf;
	size_t size;
	size_t len;
	int truncated;
};

/**
 * con_out_init() - start an empty output
 * @o:		the output
 * @buf:	where the text goes
 * @size:	bytes at @buf, more than CON_OUT_RESERVE
 */
void con_out_init(struct con_out *o, char *buf, size_t size);

/**
 * con_out_printf() - append formatted text
 * @o:		the output
 * @fmt:	printf format
 *
 * What does not fit is dropped and @o is marked truncated; the last
 * CON_OUT_RESERVE bytes are kept for con_out_finish().
 */
void con_out_printf(struct con_out *o, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/**
 * con_out_text() - append bytes that came from elsewhere, made safe
 * @o:		the output
 * @s:		the bytes (not trusted: any values)
 * @n:		how many
 *
 * Newlines and printable ASCII are kept, a tab becomes a space and every
 * other byte a '?', so nothing written here can drive a terminal.
 */
void con_out_text(struct con_out *o, const char *s, size_t n);

/**
 * con_out_finish() - end the output
 * @o:		the output
 *
 * Appends CON_OUT_TRUNCATED if anything was dropped.
 *
 * Return: the length of the text at @o->buf.
 */
size_t con_out_finish(struct con_out *o);

/**
 * con_printable() - whether a byte is printable ASCII (0x20..0x7e)
 * @c:		the byte
 */
static inline int con_printable(unsigned char c)
{
	return c >= 0x20 && c < 0x7f;
}

#endif /* CONSOLE_OUT_H */
