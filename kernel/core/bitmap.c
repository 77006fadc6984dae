/* SPDX-License-Identifier: GPL-2.0 */
/* Bitmap searches used by the page pool. */
#include <core/bitmap.h>

unsigned long bitmap_find_zero_area(const u64 *map, unsigned long bits,
				    unsigned long count)
{
	unsigned long start = 0, n;

	while (start + count <= bits) {
		for (n = 0; n < count; n++)
			if (bitmap_test(map, start + n))
				break;
		if (n == count)
			return start;
		start += n + 1;
	}
	return bits;
}

void bitmap_set_range(u64 *map, unsigned long start, unsigned long count,
		      bool val)
{
	for (; count; count--, start++) {
		if (val)
			bitmap_set(map, start);
		else
			bitmap_clear(map, start);
	}
}

unsigned long bitmap_weight(const u64 *map, unsigned long bits)
{
	unsigned long n, w = 0;

	for (n = 0; n < bits; n++)
		w += bitmap_test(map, n);
	return w;
}
