/* SPDX-License-Identifier: GPL-2.0 */
/* Probe service for the runtime's QEMU tests; PROBE_CASE picks the test. */
#include <errno.h>
#include <limits.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/mman.h>

#define CASE_SELFTEST	1	/* many checks, exit 0 if all pass */
#define CASE_ENOSYS	2	/* an unsupported call, then exit(3) */
#define CASE_FAULT	3	/* load from an unmapped address */
#define CASE_WX		4	/* store into the program's code */
#define CASE_ABORT	5	/* abort() */
#define CASE_STACK	6	/* unbounded recursion */

static int passed, failed;
static __thread int tls_value = 7;
static int counter;
/* volatile: the compiler cannot see the fault coming */
static volatile uintptr_t unmapped = 8;

static void check(int ok, const char *what)
{
	printf("%s - %s\n", ok ? "ok" : "FAIL", what);
	if (ok)
		passed++;
	else
		failed++;
}

static double elapsed(const struct timespec *a, const struct timespec *b)
{
	return (double)(b->tv_sec - a->tv_sec) +
	       (double)(b->tv_nsec - a->tv_nsec) / 1e9;
}

/* q0 survives a system call whose handler runs musl's SIMD memset */
static int simd_survives_syscall(void)
{
	register long x0 asm("x0") = (long)sbrk(0) + 8192;
	register long x8 asm("x8") = 214;	/* brk: zeroes the new pages */
	double in = 2.718281828, out;

	asm volatile("fmov d0, %d[in]\n\t"
		     "svc #0\n\t"
		     "fmov %d[out], d0"
		     : [out] "=w"(out), "+r"(x0)
		     : [in] "w"(in), "r"(x8)
		     : "v0", "memory");
	return out == in;
}

static int malloc_stress(void)
{
	enum { N = 256, ROUNDS = 4000 };
	static unsigned char *p[N];
	static size_t len[N];
	unsigned int seed = 12345, i, r;

	for (r = 0; r < ROUNDS; r++) {
		i = (seed = seed * 1103515245 + 12345) >> 8 & (N - 1);
		if (p[i]) {
			if (p[i][0] != (unsigned char)i ||
			    p[i][len[i] - 1] != (unsigned char)i)
				return 0;
			free(p[i]);
			p[i] = NULL;
			continue;
		}
		len[i] = 1 + (seed >> 4) % ((seed & 0x10) ? 300000 : 2000);
		p[i] = malloc(len[i]);
		if (!p[i])
			return 0;
		memset(p[i], (int)i, len[i]);
	}
	for (i = 0; i < N; i++)
		free(p[i]);
	return 1;
}

static int realloc_grows(void)
{
	size_t n = 200000, i;	/* above musl's mmap threshold: mremap */
	unsigned char *p = malloc(n), *q;

	if (!p)
		return 0;
	for (i = 0; i < n; i++)
		p[i] = (unsigned char)(i * 7);
	q = realloc(p, 8 * n);
	if (!q)
		return 0;
	for (i = 0; i < n; i++)
		if (q[i] != (unsigned char)(i * 7))
			return 0;
	free(q);
	return 1;
}

static void selftest(char **argv)
{
	struct timespec t0, t1, res;
	char buf[64], *big, *m;
	volatile uint32_t *u;
	long v;

	check(argv[0] && !getenv("PATH"), "argv and an empty environment");
	check(tls_value == 7, "thread-local data initialised from PT_TLS");
	tls_value = 8;
	check(tls_value == 8, "thread-local data writable");
	errno = 0;
	v = strtol("99999999999999999999999", NULL, 10);
	check(errno == ERANGE && v == LONG_MAX, "errno");
	check(isatty(1) && getpid() == 1, "console is a tty, pid 1");
	check(sched_yield() == 0, "sched_yield");
	snprintf(buf, sizeof(buf), "%.5f", 3.14159265);
	check(!strcmp(buf, "3.14159"), "printf of a double");
	check(simd_survives_syscall(), "SIMD registers survive a syscall");
	__atomic_fetch_add(&counter, 5, __ATOMIC_SEQ_CST);
	check(counter == 5, "atomics (exclusives need Normal memory)");
	u = (volatile uint32_t *)(buf + 1);
	*u = 0x12345678;
	check(*u == 0x12345678, "unaligned access");

	check(malloc_stress(), "malloc/free stress, 4000 rounds");
	check(realloc_grows(), "realloc of a large block keeps its data");
	big = malloc(16 << 20);
	check(big != NULL, "malloc 16 MiB");
	if (big)
		memset(big, 0x5a, 16 << 20);
	free(big);
	errno = 0;
	check(malloc((size_t)1 << 30) == NULL && errno == ENOMEM,
	      "malloc 1 GiB fails with ENOMEM");
	m = mmap(NULL, 8192, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	check(m != MAP_FAILED && !m[0] && !m[8191] && munmap(m, 8192) == 0,
	      "anonymous mmap is zeroed, munmap");

	clock_gettime(CLOCK_MONOTONIC, &t0);
	check(!nanosleep(&(struct timespec){ .tv_nsec = 20000000 }, NULL),
	      "nanosleep");
	clock_gettime(CLOCK_MONOTONIC, &t1);
	check(elapsed(&t0, &t1) >= 0.02 && elapsed(&t0, &t1) < 1.0,
	      "nanosleep(20 ms) takes 20 ms");
	check(!clock_getres(CLOCK_MONOTONIC, &res) && !res.tv_sec &&
	      res.tv_nsec > 0 && res.tv_nsec <= 1000, "clock_getres");
	check(!clock_gettime(CLOCK_REALTIME, &t1) && t1.tv_sec >= t0.tv_sec,
	      "CLOCK_REALTIME");

	fprintf(stderr, "stderr works\n");
	printf("selftest: %d passed, %d failed\n", passed, failed);
	exit(failed ? 1 : 0);
}

static volatile int depth = 1 << 30;	/* far beyond 64 KiB of stack */

static int recurse(int n)
{
	volatile char pad[1024];

	pad[0] = (char)n;
	if (n >= depth)
		return pad[0];
	return recurse(n + 1) + pad[0];
}

int main(int argc, char **argv)
{
	FILE *f;

	(void)argc;
	switch (PROBE_CASE) {
	case CASE_SELFTEST:
		selftest(argv);
		break;
	case CASE_ENOSYS:
		f = fopen("/etc/passwd", "r");
		printf("fopen: %s, errno %d\n", f ? "opened" : "failed", errno);
		exit(3);
	case CASE_FAULT:
		printf("loading from 0x8\n");
		return *(volatile int *)unmapped;
	case CASE_WX:
		printf("storing into main\n");
		*(volatile uint32_t *)(uintptr_t)main = 0;
		break;
	case CASE_ABORT:
		printf("aborting\n");
		abort();
	case CASE_STACK:
		printf("recursing\n");
		return recurse(0);
	}
	return 0;
}
