/* SPDX-License-Identifier: GPL-2.0 */
/* Bitmaps of u64 words (not atomic: callers serialise). */
#ifndef CORE_BITMAP_H
#define CORE_BITMAP_H

#include <core/types.h>

#define BITMAP_WORDS(bits)	(((bits) + 63) / 64)

/** bitmap_test() - whether bit @n of @map is set */
static inline bool bitmap_test(const u64 *map, unsigned long n)
{
	return (map[n / 64] >> (n % 64)) & 1;
}

/** bitmap_set() - set bit @n */
static inline void bitmap_set(u64 *map, unsigned long n)
{
	map[n / 64] |= 1UL << (n % 64);
}

/** bitmap_clear() - clear bit @n */
static inline void bitmap_clear(u64 *map, unsigned long n)
{
	map[n / 64] &= ~(1UL << (n % 64));
}

/**
 * bitmap_find_zero_area() - find @count clear bits in a row
 * @map:	the bitmap
 * @bits:	its size in bits
 * @count:	run length wanted, > 0
 *
 * First fit. Return: index of the first bit of the run, or @bits if none.
 */
unsigned long bitmap_find_zero_area(const u64 *map, unsigned long bits,
				    unsigned long count);

/**
 * bitmap_set_range() - set (@val) or clear bits [@start, @start + @count)
 */
void bitmap_set_range(u64 *map, unsigned long start, unsigned long count,
		      bool val);

/** bitmap_weight() - number of set bits among the first @bits */
unsigned long bitmap_weight(const u64 *map, unsigned long bits);

#endif /* CORE_BITMAP_H */
