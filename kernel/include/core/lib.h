/* SPDX-License-Identifier: GPL-2.0 */
/* Freestanding C library of the kernel: strings, memory, formatting. */
#ifndef CORE_LIB_H
#define CORE_LIB_H

#include <stdarg.h>
#include <core/types.h>

/*
 * The usual C semantics. They are safe with the MMU off (Device memory):
 * no unaligned accesses, no exclusives, no DC ZVA.
 */

/** memcpy() - copy @n bytes; the areas must not overlap */
void *memcpy(void *dst, const void *src, size_t n);
/** memmove() - copy @n bytes; the areas may overlap */
void *memmove(void *dst, const void *src, size_t n);
/** memset() - fill @n bytes with @c */
void *memset(void *dst, int c, size_t n);
/** memcmp() - compare @n bytes: <0, 0 or >0 */
int memcmp(const void *a, const void *b, size_t n);
/** strlen() - length of a NUL-terminated string */
size_t strlen(const char *s);
/** strnlen() - length of @s, at most @max */
size_t strnlen(const char *s, size_t max);
/** strncmp() - compare at most @n characters */
int strncmp(const char *a, const char *b, size_t n);

/**
 * strscpy() - copy a string into a buffer of @size bytes
 *
 * Always NUL-terminates when @size > 0.
 * Return: characters copied, or -ERANGE (negative) if truncated.
 */
long strscpy(char *dst, const char *src, size_t size);

/**
 * vsnprintf() - format into @buf, at most @size bytes with the NUL
 *
 * Conversions: %s %c %d %i %u %x %X %p %%, length modifiers l, ll, z,
 * flags '-' and '0', a field width (also '*'). Unknown conversions are
 * copied as they are.
 * Return: the length the full output would have (like C99).
 */
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);

/** snprintf() - vsnprintf() with a variable argument list */
int snprintf(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif /* CORE_LIB_H */
