/* SPDX-License-Identifier: GPL-2.0 */
/* Memory and string routines; aligned accesses only, so usable with the MMU off. */
#include <core/lib.h>

#define WORD_ALIGNED(a, b)	((((uintptr_t)(a) | (uintptr_t)(b)) & 7) == 0)

void *memcpy(void *dst, const void *src, size_t n)
{
	u8 *d = dst;
	const u8 *s = src;

	if (WORD_ALIGNED(d, s)) {
		/*
		 * Four words an iteration (two LDP/STP pairs): the service
		 * switch copies whole register frames on every call.
		 */
		for (; n >= 32; n -= 32, d += 32, s += 32) {
			u64 w0 = ((const u64 *)s)[0], w1 = ((const u64 *)s)[1];
			u64 w2 = ((const u64 *)s)[2], w3 = ((const u64 *)s)[3];

			((u64 *)d)[0] = w0;
			((u64 *)d)[1] = w1;
			((u64 *)d)[2] = w2;
			((u64 *)d)[3] = w3;
		}
		for (; n >= 8; n -= 8, d += 8, s += 8)
			*(u64 *)d = *(const u64 *)s;
	}
	while (n--)
		*d++ = *s++;
	return dst;
}

void *memmove(void *dst, const void *src, size_t n)
{
	u8 *d = dst;
	const u8 *s = src;

	if (d <= s || d >= s + n)
		return memcpy(dst, src, n);
	while (n--)
		d[n] = s[n];
	return dst;
}

void *memset(void *dst, int c, size_t n)
{
	u8 *d = dst;
	u64 w = 0x0101010101010101UL * (u8)c;

	while (n && ((uintptr_t)d & 7)) {
		*d++ = (u8)c;
		n--;
	}
	for (; n >= 8; n -= 8, d += 8)
		*(u64 *)d = w;
	while (n--)
		*d++ = (u8)c;
	return dst;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const u8 *x = a, *y = b;

	for (; n; n--, x++, y++)
		if (*x != *y)
			return *x - *y;
	return 0;
}

size_t strlen(const char *s)
{
	const char *p = s;

	while (*p)
		p++;
	return p - s;
}

size_t strnlen(const char *s, size_t max)
{
	size_t n = 0;

	while (n < max && s[n])
		n++;
	return n;
}

int strncmp(const char *a, const char *b, size_t n)
{
	for (; n; n--, a++, b++) {
		if (*a != *b)
			return (u8)*a - (u8)*b;
		if (!*a)
			break;
	}
	return 0;
}

long strscpy(char *dst, const char *src, size_t size)
{
	size_t n;

	if (!size)
		return -ERANGE;
	n = strnlen(src, size);
	if (n == size) {
		memcpy(dst, src, size - 1);
		dst[size - 1] = 0;
		return -ERANGE;
	}
	memcpy(dst, src, n + 1);
	return n;
}
