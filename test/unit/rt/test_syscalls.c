/* SPDX-License-Identifier: GPL-2.0 */
/* Runtime system-call layer on the host: dispatch, heap, time, console, log. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "internal.h"

#define HEAP_SIZE	(2UL << 20)
#define FREQ		62500000ULL	/* QEMU virt's generic timer */
#define FILL		0xaa

/* ---- arch hooks and bh_rt_exit(), mocked ------------------------- */

static uint64_t now;
static uint64_t wait_step = 1000;
static unsigned int waits;
static void (*on_wait)(void);
static jmp_buf exit_jmp;
static int exit_status = -1;

uint64_t bh_rt_counter(void)
{
	return now;
}

uint64_t bh_rt_counter_freq(void)
{
	return FREQ;
}

void bh_rt_wait_event(void)
{
	waits++;
	if (on_wait)
		on_wait();
	else
		now += wait_step;
}

void bh_rt_halt(void)
{
	fail_msg("bh_rt_halt");
	abort();
}

void bh_rt_psci_off(int smc)
{
	fail_msg("bh_rt_psci_off(%d)", smc);
	abort();
}

void bh_rt_exit(int status)
{
	exit_status = status;
	longjmp(exit_jmp, 1);
}

/* ---- a platform whose console is a buffer ------------------------- */

static char out[1 << 16];
static size_t outlen;
static long console_fail;	/* nonzero: the next write returns it */

static long cap_write(const char *buf, size_t len)
{
	long r = console_fail;

	if (r) {
		console_fail = 0;
		return r;
	}
	assert_true(outlen + len < sizeof(out));
	memcpy(out + outlen, buf, len);
	outlen += len;
	out[outlen] = '\0';
	return (long)len;
}

static struct bh_rt_platform plat = {
	.name = "test",
	.console_write = cap_write,
};

static uint8_t *heap;

static int setup(void **state)
{
	(void)state;
	heap = aligned_alloc(BH_RT_PAGE_SIZE, HEAP_SIZE);
	if (!heap)
		return -1;
	memset(heap, FILL, HEAP_SIZE);
	plat.flags = 0;
	bh_rt_set_platform(&plat);
	bh_rt_syscalls_init(&plat, (uintptr_t)heap, (uintptr_t)heap + HEAP_SIZE);
	outlen = 0;
	out[0] = '\0';
	now = 0;
	waits = 0;
	on_wait = NULL;
	exit_status = -1;
	console_fail = 0;
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	free(heap);
	return 0;
}

static long sc(unsigned long nr, unsigned long a0, unsigned long a1,
	       unsigned long a2, unsigned long a3, unsigned long a4,
	       unsigned long a5)
{
	unsigned long a[6] = { a0, a1, a2, a3, a4, a5 };

	return bh_rt_syscall(nr, a, 0x40201234);
}

#define SC0(nr)			sc(nr, 0, 0, 0, 0, 0, 0)
#define SC1(nr, a)		sc(nr, a, 0, 0, 0, 0, 0)
#define SC2(nr, a, b)		sc(nr, a, b, 0, 0, 0, 0)
#define SC3(nr, a, b, c)	sc(nr, a, b, c, 0, 0, 0)
#define P(x)			((unsigned long)(uintptr_t)(x))

static long mmap_anon(unsigned long len)
{
	return sc(LX_SYS_mmap, 0, len, LX_PROT_READ | LX_PROT_WRITE,
		  LX_MAP_PRIVATE | LX_MAP_ANONYMOUS, (unsigned long)-1, 0);
}

static int lines(const char *s)
{
	int n = 0;

	for (; *s; s++)
		n += *s == '\n';
	return n;
}

/* ---- dispatch and the console ------------------------------------ */

static void test_write_routing(void **state)
{
	(void)state;
	assert_int_equal(SC3(LX_SYS_write, 1, P("out "), 4), 4);
	assert_int_equal(SC3(LX_SYS_write, 2, P("err\n"), 4), 4);
	assert_string_equal(out, "out err\n");
	assert_int_equal(SC3(LX_SYS_write, 0, P("x"), 1), -LX_EBADF);
	assert_int_equal(SC3(LX_SYS_write, 3, P("x"), 1), -LX_EBADF);
	assert_int_equal(SC3(LX_SYS_write, 1, P("x"), 0), 0);
	assert_int_equal(outlen, 8);
	console_fail = -LX_EIO;
	assert_int_equal(SC3(LX_SYS_write, 1, P("x"), 1), -LX_EIO);
}

static void test_writev(void **state)
{
	struct lx_iovec iov[4] = {
		{ P("hello"), 5 }, { 0, 0 }, { P(", "), 2 }, { P("world"), 5 },
	};

	(void)state;
	assert_int_equal(SC3(LX_SYS_writev, 1, P(iov), 4), 12);
	assert_string_equal(out, "hello, world");
	assert_int_equal(SC3(LX_SYS_writev, 1, P(iov), 0), 0);
	assert_int_equal(SC3(LX_SYS_writev, 1, P(iov), 1025), -LX_EINVAL);
	assert_int_equal(SC3(LX_SYS_writev, 4, P(iov), 1), -LX_EBADF);
	/* an error after some bytes: the count so far, as Linux does */
	outlen = 0;
	console_fail = 0;
	iov[2].base = P(", ");
	assert_int_equal(SC3(LX_SYS_writev, 1, P(iov), 1), 5);
	console_fail = -LX_EIO;
	assert_int_equal(SC3(LX_SYS_writev, 1, P(iov), 4), -LX_EIO);
}

static void test_ioctl_winsize(void **state)
{
	struct lx_winsize ws = { 0 };

	(void)state;
	assert_int_equal(SC3(LX_SYS_ioctl, 1, LX_TIOCGWINSZ, P(&ws)), 0);
	assert_int_equal(ws.ws_col, 80);
	assert_int_equal(ws.ws_row, 24);
	assert_int_equal(SC3(LX_SYS_ioctl, 1, 0x5401, P(&ws)), -LX_ENOTTY);
	assert_int_equal(SC3(LX_SYS_ioctl, 7, LX_TIOCGWINSZ, P(&ws)),
			 -LX_EBADF);
	assert_int_equal(SC3(LX_SYS_ioctl, 2, LX_TIOCGWINSZ, 0), -LX_EFAULT);
}

static void test_enosys(void **state)
{
	(void)state;
	assert_int_equal(SC3(56, 0, 0, 0), -LX_ENOSYS);	/* openat */
	assert_string_equal(out,
		"bh-rt: unsupported syscall 56 at pc 0x40201234\n");
	outlen = 0;
	assert_int_equal(SC0(LX_NR_SYSCALLS), -LX_ENOSYS);
	assert_int_equal(SC0(~0UL), -LX_ENOSYS);
	assert_int_equal(lines(out), 2);
	assert_non_null(strstr(out, "syscall 18446744073709551615 "));
}

static void test_exit(void **state)
{
	(void)state;
	if (!setjmp(exit_jmp)) {
		SC1(LX_SYS_exit_group, 3);
		fail_msg("exit_group returned");
	}
	assert_int_equal(exit_status, 3);
	if (!setjmp(exit_jmp)) {
		SC1(LX_SYS_exit, 0x105);
		fail_msg("exit returned");
	}
	assert_int_equal(exit_status, 5);
	assert_int_equal(outlen, 0);
}

static void test_process_calls(void **state)
{
	uint64_t old = ~0ULL;

	(void)state;
	assert_int_equal(SC1(LX_SYS_set_tid_address, 0x1000), 1);
	assert_int_equal(SC0(LX_SYS_getpid), 1);
	assert_int_equal(SC0(LX_SYS_gettid), 1);
	assert_int_equal(SC0(LX_SYS_sched_yield), 0);
	assert_int_equal(SC3(LX_SYS_madvise, 0x1000, 0x1000, 8), 0);
	assert_int_equal(sc(LX_SYS_rt_sigprocmask, 0, 0, P(&old), 8, 0, 0), 0);
	assert_int_equal(old, 0);
	assert_int_equal(sc(LX_SYS_rt_sigprocmask, 0, 0, P(&old), 16, 0, 0),
			 -LX_EINVAL);
	assert_int_equal(outlen, 0);
}

static void test_signals(void **state)
{
	(void)state;
	assert_int_equal(SC2(LX_SYS_tkill, 2, LX_SIGABRT), -LX_ESRCH);
	assert_int_equal(SC2(LX_SYS_tkill, 1, 0), 0);
	assert_int_equal(SC2(LX_SYS_tkill, 1, 17), 0);	/* SIGCHLD */
	assert_int_equal(SC2(LX_SYS_tkill, 1, 64), -LX_EINVAL);
	assert_int_equal(SC3(LX_SYS_tgkill, 5, 1, LX_SIGABRT), -LX_ESRCH);
	assert_int_equal(outlen, 0);
	if (!setjmp(exit_jmp)) {
		SC2(LX_SYS_tkill, 1, LX_SIGABRT);
		fail_msg("tkill(SIGABRT) returned");
	}
	assert_int_equal(exit_status, 128 + LX_SIGABRT);
	assert_string_equal(out, "bh-rt: killed by signal 6\n");
	if (!setjmp(exit_jmp)) {
		SC2(LX_SYS_kill, 0, LX_SIGSEGV);
		fail_msg("kill(0, SIGSEGV) returned");
	}
	assert_int_equal(exit_status, 128 + LX_SIGSEGV);
	if (!setjmp(exit_jmp)) {
		SC3(LX_SYS_tgkill, 1, 1, 9);
		fail_msg("tgkill(SIGKILL) returned");
	}
	assert_int_equal(exit_status, 137);
}

static void test_trace(void **state)
{
	(void)state;
	plat.flags = BH_RT_TRACE;
	bh_rt_syscalls_init(&plat, (uintptr_t)heap, (uintptr_t)heap + HEAP_SIZE);
	assert_int_equal(SC0(LX_SYS_getpid), 1);
	assert_string_equal(out, "bh-rt: syscall 172 (0x0, 0x0, 0x0) = 1\n");
	outlen = 0;
	assert_true(SC1(LX_SYS_brk, 0) > 4096);
	assert_non_null(strstr(out, "bh-rt: syscall 214 (0x0, 0x0, 0x0) = 0x"));
	outlen = 0;
	if (!setjmp(exit_jmp))
		SC1(LX_SYS_exit_group, 0);
	assert_string_equal(out, "bh-rt: syscall 94 (0)\n");
}

/* ---- time ---------------------------------------------------------- */

static void test_clock_gettime(void **state)
{
	struct lx_timespec ts;
	int clk;

	(void)state;
	now = 3 * FREQ + FREQ / 2;
	for (clk = 0; clk <= LX_CLOCK_BOOTTIME; clk++) {
		memset(&ts, 0xff, sizeof(ts));
		assert_int_equal(SC2(LX_SYS_clock_gettime, clk, P(&ts)), 0);
		assert_int_equal(ts.tv_sec, 3);
		assert_int_equal(ts.tv_nsec, 500000000);
	}
	/* one tick is 16 ns */
	now = 1;
	assert_int_equal(SC2(LX_SYS_clock_gettime, 1, P(&ts)), 0);
	assert_int_equal(ts.tv_sec, 0);
	assert_int_equal(ts.tv_nsec, 16);
	/* far beyond where ticks * 1e9 overflows 64 bits */
	now = (1ULL << 62) + 12345;
	assert_int_equal(SC2(LX_SYS_clock_gettime, 1, P(&ts)), 0);
	assert_int_equal(ts.tv_sec, (int64_t)(((__uint128_t)now) / FREQ));
	assert_int_equal(ts.tv_nsec,
		(int64_t)((__uint128_t)(now % FREQ) * 1000000000 / FREQ));
	assert_int_equal(SC2(LX_SYS_clock_gettime, 8, P(&ts)), -LX_EINVAL);
	assert_int_equal(SC2(LX_SYS_clock_gettime, 1, 0), -LX_EFAULT);
	assert_int_equal(SC2(LX_SYS_clock_getres, 1, P(&ts)), 0);
	assert_int_equal(ts.tv_sec, 0);
	assert_int_equal(ts.tv_nsec, 16);
	assert_int_equal(SC2(LX_SYS_clock_getres, 1, 0), 0);
	assert_int_equal(SC2(LX_SYS_clock_getres, 99, 0), -LX_EINVAL);
}

static void test_nanosleep(void **state)
{
	struct lx_timespec req = { 0, 1000000 };	/* 1 ms */
	struct lx_timespec bad = { 0, 1000000000 };

	(void)state;
	now = 1000;
	assert_int_equal(SC2(LX_SYS_nanosleep, P(&req), 0), 0);
	assert_true(now >= 1000 + FREQ / 1000);
	assert_true(now < 1000 + FREQ / 1000 + wait_step);
	assert_int_equal(SC2(LX_SYS_nanosleep, P(&bad), 0), -LX_EINVAL);
	bad.tv_nsec = -1;
	assert_int_equal(SC2(LX_SYS_nanosleep, P(&bad), 0), -LX_EINVAL);
	assert_int_equal(SC2(LX_SYS_nanosleep, 0, 0), -LX_EFAULT);

	/* absolute deadline already past: no wait at all */
	waits = 0;
	req.tv_sec = 0;
	req.tv_nsec = 1;
	assert_int_equal(sc(LX_SYS_clock_nanosleep, 1, LX_TIMER_ABSTIME,
			    P(&req), 0, 0, 0), 0);
	assert_int_equal(waits, 0);
	/* absolute deadline 2 s */
	req.tv_sec = 2;
	req.tv_nsec = 0;
	assert_int_equal(sc(LX_SYS_clock_nanosleep, 0, LX_TIMER_ABSTIME,
			    P(&req), 0, 0, 0), 0);
	assert_true(now >= 2 * FREQ);
	assert_int_equal(sc(LX_SYS_clock_nanosleep, 0, 2, P(&req), 0, 0, 0),
			 -LX_EINVAL);
	assert_int_equal(sc(LX_SYS_clock_nanosleep, 9, 0, P(&req), 0, 0, 0),
			 -LX_EINVAL);
}

/* ---- memory -------------------------------------------------------- */

static int all(const uint8_t *p, size_t n, uint8_t v)
{
	while (n--)
		if (*p++ != v)
			return 0;
	return 1;
}

static void test_brk(void **state)
{
	unsigned long start = P(heap), b;

	(void)state;
	assert_int_equal(SC1(LX_SYS_brk, 0), start);
	assert_int_equal(SC1(LX_SYS_brk, start - 4096), start);
	b = SC1(LX_SYS_brk, start + 10000);
	assert_int_equal(b, start + 10000);
	assert_true(all(heap, 10000, 0));
	assert_true(heap[10000] == FILL);
	/* shrink, dirty, grow again: zero again */
	assert_int_equal(SC1(LX_SYS_brk, start + 100), start + 100);
	memset(heap + 100, 0x11, 200);
	assert_int_equal(SC1(LX_SYS_brk, start + 300), start + 300);
	assert_true(all(heap + 100, 200, 0));
	/* up to the heap's end, not beyond */
	assert_int_equal(SC1(LX_SYS_brk, start + HEAP_SIZE), start + HEAP_SIZE);
	assert_int_equal(SC1(LX_SYS_brk, start + HEAP_SIZE + 1),
			 start + HEAP_SIZE);
	assert_int_equal(mmap_anon(4096), -LX_ENOMEM);
	assert_int_equal(outlen, 0);
}

static void test_mmap_basics(void **state)
{
	unsigned long end = P(heap) + HEAP_SIZE;
	long a, b;

	(void)state;
	a = mmap_anon(100);
	assert_int_equal(a, end - 4096);
	assert_true(all((uint8_t *)a, 4096, 0));
	b = mmap_anon(8192);
	assert_int_equal(b, a - 8192);
	assert_true(all((uint8_t *)b, 8192, 0));
	/* brk may not run into the mmap area */
	assert_int_equal(SC1(LX_SYS_brk, b + 1), P(heap));
	assert_int_equal(SC1(LX_SYS_brk, b), b);
	assert_int_equal(mmap_anon(4096), -LX_ENOMEM);
	assert_int_equal(outlen, 0);

	assert_int_equal(mmap_anon(0), -LX_EINVAL);
	assert_int_equal(mmap_anon(HEAP_SIZE + 1), -LX_ENOMEM);
	assert_int_equal(mmap_anon(~0UL), -LX_ENOMEM);
	assert_int_equal(outlen, 0);
}

static void test_mmap_unsupported(void **state)
{
	(void)state;
	/* a file mapping */
	assert_int_equal(sc(LX_SYS_mmap, 0, 4096, LX_PROT_READ, LX_MAP_PRIVATE,
			    3, 0), -LX_ENODEV);
	assert_int_equal(lines(out), 1);
	assert_non_null(strstr(out, "unsupported mmap (flags 0x2, fd 3)"));
	/* MAP_FIXED anywhere but a guard inside the brk area */
	assert_int_equal(sc(LX_SYS_mmap, P(heap) + 65536, 4096,
			    LX_PROT_READ | LX_PROT_WRITE,
			    LX_MAP_PRIVATE | LX_MAP_ANONYMOUS | LX_MAP_FIXED,
			    (unsigned long)-1, 0), -LX_EINVAL);
	assert_int_equal(lines(out), 2);
	/* neither shared nor private, unknown flag */
	assert_int_equal(sc(LX_SYS_mmap, 0, 4096, 0, LX_MAP_ANONYMOUS,
			    (unsigned long)-1, 0), -LX_EINVAL);
	assert_int_equal(sc(LX_SYS_mmap, 0, 4096, 0, LX_MAP_ANONYMOUS |
			    LX_MAP_PRIVATE | 0x40, (unsigned long)-1, 0),
			 -LX_EINVAL);
	assert_int_equal(lines(out), 4);
}

/* musl's malloc: brk(0), brk(+2 pages), PROT_NONE guard at the old brk */
static void test_mmap_musl_guard(void **state)
{
	unsigned long b;

	(void)state;
	b = SC1(LX_SYS_brk, 0);
	assert_int_equal(SC1(LX_SYS_brk, b + 8192), b + 8192);
	assert_int_equal(sc(LX_SYS_mmap, b, 4096, LX_PROT_NONE,
			    LX_MAP_PRIVATE | LX_MAP_ANONYMOUS | LX_MAP_FIXED,
			    (unsigned long)-1, 0), b);
	assert_int_equal(outlen, 0);
}

static void test_munmap_reuse(void **state)
{
	unsigned long end = P(heap) + HEAP_SIZE;
	long a, b, c, d;

	(void)state;
	a = mmap_anon(4096);
	b = mmap_anon(3 * 4096);
	c = mmap_anon(4096);
	assert_int_equal(c, end - 5 * 4096);
	/* a hole in the middle is reused first, and zeroed */
	memset((void *)b, 0x77, 3 * 4096);
	assert_int_equal(SC2(LX_SYS_munmap, b, 3 * 4096), 0);
	d = mmap_anon(2 * 4096);
	assert_int_equal(d, b);
	assert_true(all((uint8_t *)d, 2 * 4096, 0));
	d = mmap_anon(4096);
	assert_int_equal(d, b + 2 * 4096);
	/* unmapping the lowest mapping gives the range back */
	assert_int_equal(SC2(LX_SYS_munmap, c, 4096), 0);
	assert_int_equal(mmap_anon(4096), c);
	/* everything back: the next mapping starts at the top again */
	assert_int_equal(SC2(LX_SYS_munmap, c, 5 * 4096), 0);
	assert_int_equal(mmap_anon(4096), a);
	/* errors and harmless cases */
	assert_int_equal(SC2(LX_SYS_munmap, a + 1, 4096), -LX_EINVAL);
	assert_int_equal(SC2(LX_SYS_munmap, a, 0), -LX_EINVAL);
	assert_int_equal(SC2(LX_SYS_munmap, ~0UL & ~4095UL, 8192), -LX_EINVAL);
	assert_int_equal(SC2(LX_SYS_munmap, P(heap), 4096), 0);
	assert_int_equal(SC2(LX_SYS_munmap, a, 4096), 0);
	assert_int_equal(SC2(LX_SYS_munmap, a, 4096), 0);
	assert_int_equal(mmap_anon(4096), a);
}

static void test_mremap(void **state)
{
	long a, b, m;

	(void)state;
	a = mmap_anon(4 * 4096);
	b = mmap_anon(4096);
	memset((void *)a, 0x33, 4 * 4096);
	/* shrink in place: the tail becomes a hole */
	assert_int_equal(sc(LX_SYS_mremap, a, 4 * 4096, 4096, 0, 0, 0), a);
	/* grow in place into it, the new part zeroed */
	assert_int_equal(sc(LX_SYS_mremap, a, 4096, 3 * 4096, 0, 0, 0), a);
	assert_true(all((uint8_t *)a, 4096, 0x33));
	assert_true(all((uint8_t *)a + 4096, 2 * 4096, 0));
	/* no room above: only with MREMAP_MAYMOVE, contents kept */
	assert_int_equal(sc(LX_SYS_mremap, a, 3 * 4096, 8 * 4096, 0, 0, 0),
			 -LX_ENOMEM);
	m = sc(LX_SYS_mremap, a, 3 * 4096, 8 * 4096, LX_MREMAP_MAYMOVE, 0, 0);
	assert_true(m > 0 && m != a);
	assert_true(all((uint8_t *)m, 4096, 0x33));
	assert_true(all((uint8_t *)m + 4096, 7 * 4096, 0));
	/* the old range is free again */
	assert_int_equal(mmap_anon(4 * 4096), a);
	assert_int_equal(sc(LX_SYS_mremap, P(heap), 4096, 8192, 1, 0, 0),
			 -LX_EFAULT);
	assert_int_equal(sc(LX_SYS_mremap, b + 1, 4096, 8192, 1, 0, 0),
			 -LX_EINVAL);
	assert_int_equal(sc(LX_SYS_mremap, b, 4096, 8192, 2, 0, 0),
			 -LX_EINVAL);
	assert_int_equal(sc(LX_SYS_mremap, b, 4096, 0, 1, 0, 0), -LX_EINVAL);
}

/* Random mmap/munmap against a model: no overlap, nothing lost */
static void test_heap_model(void **state)
{
	enum { N = 64 };
	struct { unsigned long a, len; } live[N] = { { 0, 0 } };
	struct bh_rt_heap *h = malloc(sizeof(*h));
	unsigned int seed = 1, i, j, r;
	long a;

	(void)state;
	assert_non_null(h);
	bh_rt_heap_init(h, P(heap), P(heap) + HEAP_SIZE);
	for (r = 0; r < 20000; r++) {
		i = (seed = seed * 1103515245 + 12345) >> 16 & (N - 1);
		if (live[i].len) {
			assert_int_equal(bh_rt_heap_munmap(h, live[i].a,
							   live[i].len), 0);
			live[i].len = 0;
			continue;
		}
		live[i].len = 4096 * (1 + (seed >> 8) % 9);
		a = bh_rt_heap_mmap(h, 0, live[i].len, 3, 0x22, -1, 0);
		if (a == -LX_ENOMEM) {
			live[i].len = 0;
			continue;
		}
		assert_true(a >= (long)P(heap) &&
			    a + live[i].len <= P(heap) + HEAP_SIZE);
		live[i].a = (unsigned long)a;
		for (j = 0; j < N; j++)
			if (j != i && live[j].len)
				assert_true(live[j].a + live[j].len <=
					    live[i].a ||
					    live[i].a + live[i].len <=
					    live[j].a);
	}
	for (i = 0; i < N; i++)
		if (live[i].len)
			bh_rt_heap_munmap(h, live[i].a, live[i].len);
	assert_int_equal(h->mmap_low, P(heap) + HEAP_SIZE);
	assert_int_equal(h->nholes, 0);
	assert_int_equal(h->leaked, 0);
	free(h);
}

/* More holes than the table holds: leaked, counted, never reused */
static void test_heap_holes_full(void **state)
{
	struct bh_rt_heap *h = malloc(sizeof(*h));
	unsigned long base = P(heap);
	unsigned int i;

	(void)state;
	assert_non_null(h);
	bh_rt_heap_init(h, base, base + HEAP_SIZE);
	for (i = 0; i < 2 * BH_RT_HEAP_HOLES + 2; i++)
		assert_true(bh_rt_heap_mmap(h, 0, 4096, 3, 0x22, -1, 0) > 0);
	/* free every other page above the lowest: one hole each */
	for (i = 0; i < BH_RT_HEAP_HOLES + 1; i++)
		assert_int_equal(bh_rt_heap_munmap(h, base + HEAP_SIZE -
						   (2 * i + 1) * 4096, 4096), 0);
	assert_int_equal(h->nholes, BH_RT_HEAP_HOLES);
	assert_int_equal(h->leaked, 4096);
	/* a neighbour joins two holes, making room again */
	assert_int_equal(bh_rt_heap_munmap(h, base + HEAP_SIZE - 2 * 4096,
					   4096), 0);
	assert_int_equal(h->nholes, BH_RT_HEAP_HOLES - 1);
	free(h);
}

/* ---- the log formatter --------------------------------------------- */

static const char *fmt(const char *f, ...)
{
	static char buf[128];
	va_list ap;

	va_start(ap, f);
	bh_rt_vsnprintf(buf, sizeof(buf), f, ap);
	va_end(ap);
	return buf;
}

static void test_format(void **state)
{
	char small[6];

	(void)state;
	assert_string_equal(fmt("%d %i %u", -42, 7, 4000000000U),
			    "-42 7 4000000000");
	assert_string_equal(fmt("%ld %lu", -9000000000L, 18000000000UL),
			    "-9000000000 18000000000");
	assert_string_equal(fmt("%llx %x %zu", 0xdeadbeefcafeULL, 255U,
				(size_t)12), "deadbeefcafe ff 12");
	assert_string_equal(fmt("%016llx|%5d|%05d|%-3d|", 0x1234ULL, 42, -42,
				1), "0000000000001234|   42|-0042|1  |");
	/* unknown conversions are copied and take no argument */
	assert_string_equal(fmt("%q %d", 5), "%q 5");
	assert_string_equal(fmt("%s %s %c%%", "a", (char *)NULL, 'z'),
			    "a (null) z%");
	assert_string_equal(fmt("%p", (void *)0x4020), "0x4020");
	assert_string_equal(fmt("%ld", (long)INT64_MIN),
			    "-9223372036854775808");
	assert_string_equal(fmt("end %"), "end %");
	assert_int_equal(bh_rt_snprintf(small, sizeof(small), "%s", "123456789"),
			 5);
	assert_string_equal(small, "12345");
}

static void test_log_truncates(void **state)
{
	char big[400];

	(void)state;
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	bh_rt_log("%s", big);
	assert_int_equal(outlen, 199);
	assert_int_equal(out[198], '\n');
	assert_memory_equal(out, "bh-rt: xxx", 10);
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_write_routing),
		T(test_writev),
		T(test_ioctl_winsize),
		T(test_enosys),
		T(test_exit),
		T(test_process_calls),
		T(test_signals),
		T(test_trace),
		T(test_clock_gettime),
		T(test_nanosleep),
		T(test_brk),
		T(test_mmap_basics),
		T(test_mmap_unsupported),
		T(test_mmap_musl_guard),
		T(test_munmap_reuse),
		T(test_mremap),
		T(test_heap_model),
		T(test_heap_holes_full),
		T(test_format),
		T(test_log_truncates),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
