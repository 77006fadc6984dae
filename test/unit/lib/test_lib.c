/* SPDX-License-Identifier: GPL-2.0 */
/* Host tests of the kernel's string routines, vsnprintf and bitmaps. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <core/bitmap.h>
#include <core/lib.h>

/* Every length through the 32-byte loop, its word tail and byte tail */
static void test_memcpy_lengths(void **state)
{
	u64 src[16], dst[18];
	unsigned char *d = (unsigned char *)&dst[1];
	size_t n, i;

	(void)state;
	for (i = 0; i < sizeof(src); i++)
		((unsigned char *)src)[i] = (unsigned char)(i * 7 + 1);
	for (n = 0; n <= sizeof(src); n++) {
		memset(dst, 0xee, sizeof(dst));
		assert_ptr_equal(memcpy(d, src, n), d);
		assert_int_equal(memcmp(d, src, n), 0);
		for (i = n; i < sizeof(dst) - sizeof(dst[0]); i++)
			assert_int_equal(d[i], 0xee);
		assert_int_equal(dst[0], 0xeeeeeeeeeeeeeeeeUL);
	}
}

static void test_mem(void **state)
{
	unsigned char a[64], b[64];
	unsigned int i, off;

	(void)state;
	for (off = 0; off < 9; off++) {
		for (i = 0; i < sizeof(a); i++)
			a[i] = (unsigned char)i;
		memset(b, 0xee, sizeof(b));
		memcpy(b + off, a + (8 - off % 8), 40);
		assert_int_equal(memcmp(b + off, a + (8 - off % 8), 40), 0);
		assert_int_equal(b[off + 40], 0xee);
		if (off)
			assert_int_equal(b[off - 1], 0xee);
	}
	memset(a + 3, 0x5a, 29);
	for (i = 0; i < sizeof(a); i++)
		assert_int_equal(a[i], i >= 3 && i < 32 ? 0x5a : i);
	for (i = 0; i < sizeof(a); i++)
		a[i] = (unsigned char)i;
	memmove(a + 5, a, 20);		/* overlapping, forwards */
	for (i = 0; i < 20; i++)
		assert_int_equal(a[5 + i], i);
	memmove(a, a + 5, 20);		/* overlapping, backwards */
	for (i = 0; i < 20; i++)
		assert_int_equal(a[i], i);
	assert_true(memcmp("abc", "abd", 3) < 0);
	assert_true(memcmp("abd", "abc", 3) > 0);
	assert_int_equal(memcmp("abc", "abd", 2), 0);
}

static void test_str(void **state)
{
	char buf[8];

	(void)state;
	assert_int_equal(strlen(""), 0);
	assert_int_equal(strlen("root"), 4);
	assert_int_equal(strnlen("root", 2), 2);
	assert_int_equal(strncmp("root", "rooT", 3), 0);
	assert_true(strncmp("root", "rooT", 4) > 0);
	assert_int_equal(strscpy(buf, "cell", sizeof(buf)), 4);
	assert_string_equal(buf, "cell");
	assert_int_equal(strscpy(buf, "a-long-name", sizeof(buf)), -ERANGE);
	assert_string_equal(buf, "a-long-");
	assert_int_equal(strscpy(buf, "x", 0), -ERANGE);
}

static void check_fmt(const char *want, const char *fmt, ...)
{
	char buf[128];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	assert_string_equal(buf, want);
	assert_int_equal(n, (int)strlen(want));
}

static void test_vsnprintf(void **state)
{
	char small[6];

	(void)state;
	check_fmt("cell root cpu 3", "cell %s cpu %u", "root", 3U);
	check_fmt("-42 42 2a 2A", "%d %i %x %X", -42, 42, 42U, 42U);
	check_fmt("0x00001000", "0x%08x", 0x1000U);
	check_fmt("ffffffffffffffff 18446744073709551615",
		  "%llx %llu", ~0ULL, ~0ULL);
	check_fmt("-9223372036854775808", "%lld", (long long)(-9223372036854775807LL - 1));
	check_fmt("[  ab] [ab  ] [-0005]", "[%4s] [%-4s] [%05d]", "ab", "ab", -5);
	check_fmt("x=7 z=9", "x=%lu z=%zu", 7UL, (size_t)9);
	check_fmt("0x1234", "%p", (void *)0x1234);
	check_fmt("100% c", "100%% %c", 'c');
	check_fmt("(null)", "%s", (char *)NULL);
	check_fmt("[   7]", "[%*d]", 4, 7);
	check_fmt("%q", "%q");
	/* truncation: NUL-terminated, returns the full length */
	assert_int_equal(snprintf(small, sizeof(small), "abcdefgh"), 8);
	assert_string_equal(small, "abcde");
	assert_int_equal(snprintf(NULL, 0, "%u", 12345U), 5);
}

static void test_bitmap(void **state)
{
	u64 map[BITMAP_WORDS(200)] = { 0 };

	(void)state;
	bitmap_set(map, 0);
	bitmap_set(map, 64);
	bitmap_set(map, 199);
	assert_true(bitmap_test(map, 64));
	assert_false(bitmap_test(map, 63));
	assert_int_equal(bitmap_weight(map, 200), 3);
	/* first run of 63 clear bits: 1..63 */
	assert_int_equal(bitmap_find_zero_area(map, 200, 63), 1);
	/* 64 in a row only after bit 64 */
	assert_int_equal(bitmap_find_zero_area(map, 200, 64), 65);
	assert_int_equal(bitmap_find_zero_area(map, 200, 135), 200);
	bitmap_set_range(map, 65, 100, true);
	assert_int_equal(bitmap_weight(map, 200), 103);
	assert_int_equal(bitmap_find_zero_area(map, 200, 63), 1);
	assert_int_equal(bitmap_find_zero_area(map, 200, 64), 200);
	bitmap_set(map, 1);
	assert_int_equal(bitmap_find_zero_area(map, 200, 34), 2);
	bitmap_clear(map, 1);
	bitmap_set_range(map, 65, 100, false);
	bitmap_clear(map, 64);
	assert_int_equal(bitmap_weight(map, 200), 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_mem),
		cmocka_unit_test(test_memcpy_lengths),
		cmocka_unit_test(test_str),
		cmocka_unit_test(test_vsnprintf),
		cmocka_unit_test(test_bitmap),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
