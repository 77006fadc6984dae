/* SPDX-License-Identifier: GPL-2.0 */
/* Tests of the console buffers: wrap, old positions, lines, cell buffers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>
#include "buf.h"

#define SIZE	64

static uint8_t mem[SIZE];
static struct con_buf b;

static int setup(void **state)
{
	(void)state;
	memset(mem, 0xee, sizeof(mem));
	con_buf_init(&b, mem, SIZE);
	return 0;
}

static uint8_t stream_byte(uint64_t p)
{
	return (uint8_t)(p * 13 + 5);
}

static void write_stream(uint64_t n)
{
	uint8_t c;

	while (n--) {
		c = stream_byte(b.head);
		con_buf_write(&b, &c, 1);
	}
}

static void test_empty(void **state)
{
	uint8_t out[8];
	uint64_t from = 99;

	(void)state;
	assert_int_equal(con_buf_read(&b, 0, out, sizeof(out), &from), 0);
	assert_int_equal(from, 0);
	assert_int_equal(con_buf_oldest(&b), 0);
	assert_int_equal(con_buf_last_lines(&b, 5), 0);
}

static void test_read_from_position(void **state)
{
	char out[SIZE];
	uint64_t from;
	size_t n;

	(void)state;
	con_buf_write(&b, "hello, ", 7);
	con_buf_write(&b, "world\n", 6);
	n = con_buf_read(&b, 0, out, sizeof(out), &from);
	assert_int_equal(n, 13);
	assert_int_equal(from, 0);
	assert_memory_equal(out, "hello, world\n", 13);
	n = con_buf_read(&b, 7, out, 3, &from);
	assert_int_equal(n, 3);
	assert_int_equal(from, 7);
	assert_memory_equal(out, "wor", 3);
	/* at the head: nothing, and the next position stays there */
	n = con_buf_read(&b, 13, out, sizeof(out), &from);
	assert_int_equal(n, 0);
	assert_int_equal(from, 13);
}

static void test_wrap(void **state)
{
	uint8_t out[SIZE];
	uint64_t pos = 0, from, i, j;
	size_t n;

	(void)state;
	for (i = 0; i < 100; i++) {
		write_stream(1 + i % 50);
		while ((n = con_buf_read(&b, pos, out, 17, &from))) {
			assert_int_equal(from, pos);
			for (j = 0; j < n; j++)
				assert_int_equal(out[j], stream_byte(from + j));
			pos = from + n;
		}
	}
	assert_int_equal(pos, b.head);
	assert_true(b.head > 20 * SIZE);
}

static void test_old_position(void **state)
{
	uint8_t out[2 * SIZE];
	uint64_t from, j;
	size_t n;

	(void)state;
	write_stream(200);
	assert_int_equal(con_buf_oldest(&b), 200 - SIZE);
	/* an overwritten position reads from the oldest byte kept */
	n = con_buf_read(&b, 10, out, sizeof(out), &from);
	assert_int_equal(from, 200 - SIZE);
	assert_int_equal(n, SIZE);
	for (j = 0; j < n; j++)
		assert_int_equal(out[j], stream_byte(from + j));
	/* 0 means the oldest */
	n = con_buf_read(&b, 0, out, sizeof(out), &from);
	assert_int_equal(from, 200 - SIZE);
	/* a position past the head (an earlier life) reads from the oldest */
	n = con_buf_read(&b, 5000, out, sizeof(out), &from);
	assert_int_equal(from, 200 - SIZE);
	assert_int_equal(n, SIZE);
}

static void test_big_write(void **state)
{
	uint8_t big[3 * SIZE + 5], out[SIZE];
	uint64_t from;
	size_t i, n;

	(void)state;
	con_buf_write(&b, "x", 1);
	for (i = 0; i < sizeof(big); i++)
		big[i] = i;
	con_buf_write(&b, big, sizeof(big));
	assert_int_equal(b.head, 1 + sizeof(big));
	n = con_buf_read(&b, 0, out, sizeof(out), &from);
	assert_int_equal(n, SIZE);
	assert_int_equal(from, 1 + sizeof(big) - SIZE);
	assert_memory_equal(out, big + sizeof(big) - SIZE, SIZE);
}

static void test_last_lines(void **state)
{
	(void)state;
	con_buf_write(&b, "a\nbb\nccc\n", 9);
	assert_int_equal(con_buf_last_lines(&b, 1), 5);
	assert_int_equal(con_buf_last_lines(&b, 2), 2);
	assert_int_equal(con_buf_last_lines(&b, 3), 0);
	assert_int_equal(con_buf_last_lines(&b, 30), 0);
	assert_int_equal(con_buf_last_lines(&b, 0), 9);
	con_buf_write(&b, "dd", 2);
	assert_int_equal(con_buf_last_lines(&b, 1), 9);
	assert_int_equal(con_buf_last_lines(&b, 2), 5);
}

static void test_last_lines_wrapped(void **state)
{
	uint64_t i;

	(void)state;
	for (i = 0; i < 40; i++)
		con_buf_write(&b, "0123456\n", 8);	/* 320 bytes */
	assert_int_equal(con_buf_last_lines(&b, 2), 320 - 16);
	/* fewer lines kept than asked: the oldest byte kept */
	assert_int_equal(con_buf_last_lines(&b, 100), 320 - SIZE);
}

static void test_cells(void **state)
{
	uint32_t ids[2];
	struct con_buf cells[2];
	uint8_t kmem[SIZE], cmem[2 * 16];
	struct con_bufs t;
	char out[16];
	uint64_t from;

	(void)state;
	con_bufs_init(&t, kmem, sizeof(kmem), ids, cells, cmem, 16, 2);
	assert_ptr_equal(con_bufs_find(&t, 0xffffffffU), &t.kernel);
	assert_null(con_bufs_find(&t, 3));
	con_bufs_cell_write(&t, 3, "three", 5);
	con_bufs_cell_write(&t, 7, "seven", 5);
	con_bufs_cell_write(&t, 3, "!", 1);
	assert_non_null(con_bufs_find(&t, 3));
	assert_int_equal(con_buf_read(con_bufs_find(&t, 3), 0, out, 16,
				      &from), 6);
	assert_memory_equal(out, "three!", 6);
	assert_int_equal(con_buf_read(con_bufs_find(&t, 7), 0, out, 16,
				      &from), 5);
	assert_memory_equal(out, "seven", 5);
	/* the buffers do not overlap */
	con_bufs_cell_write(&t, 7, "0123456789abcdefXY", 18);
	assert_int_equal(con_buf_read(con_bufs_find(&t, 3), 0, out, 16,
				      &from), 6);
	assert_memory_equal(out, "three!", 6);
	/* no buffer left: counted, not written anywhere */
	con_bufs_cell_write(&t, 9, "nine", 4);
	assert_null(con_bufs_find(&t, 9));
	assert_int_equal(t.dropped, 4);
	/* a cell cannot write into the kernel's buffer */
	con_bufs_cell_write(&t, 0xffffffffU, "fake", 4);
	assert_int_equal(t.kernel.head, 0);
	assert_int_equal(t.dropped, 8);
}

#define T(fn)	cmocka_unit_test_setup(fn, setup)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_empty),
		T(test_read_from_position),
		T(test_wrap),
		T(test_old_position),
		T(test_big_write),
		T(test_last_lines),
		T(test_last_lines_wrapped),
		T(test_cells),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
