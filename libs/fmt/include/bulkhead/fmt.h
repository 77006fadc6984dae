/* SPDX-License-Identifier: GPL-2.0 */
/* The freestanding printf formatter shared by the kernel and libs/rt. */
#ifndef BULKHEAD_FMT_H
#define BULKHEAD_FMT_H

#include <stdarg.h>
#include <stddef.h>

/**
 * bh_vsnprintf() - format into a buffer, C99 vsnprintf() semantics
 * @buf:	output; NUL-terminated when @size > 0
 * @size:	bytes at @buf
 * @fmt:	format: conversions d i u x X p s c %, flags '-' and '0', a
 *		width (digits or '*'), length modifiers l, ll, z; no
 *		floating point. An unknown conversion is copied as written
 *		and consumes no argument.
 * @ap:		arguments
 *
 * Pure and freestanding (no library calls, no FP/SIMD registers needed):
 * the EL2 kernel and service cells before their MMU is on both use it.
 *
 * Return: the length the whole output has, without the NUL, even when
 * @size cut it short.
 */
int bh_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);

#endif /* BULKHEAD_FMT_H */
