/* SPDX-License-Identifier: GPL-2.0 */
/* Demo service: stdio, malloc, libfdt and the clock on the bulkhead runtime. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <libfdt.h>

extern const char dt_blob_start[];	/* hello.dts, via hello_dtb.S */

#ifdef HELLO_SERVICE
int hello_serve(void);		/* serve.c: the receive loop, never returns */
#endif

static int check_malloc(void)
{
	enum { N = 48 };
	unsigned char *p[N];
	size_t total = 0;
	int i, j;

	/* 16 bytes to 2 MiB: both malloc's small groups and direct mmaps */
	for (i = 0; i < N; i++) {
		size_t n = (size_t)16 << (i % 18);

		p[i] = malloc(n);
		if (!p[i])
			return -1;
		memset(p[i], i, n);
		total += n;
	}
	for (i = 0; i < N; i++)
		for (j = 0; j < 16; j++)
			if (p[i][j] != i)
				return -1;
	for (i = 0; i < N; i++)
		free(p[i]);
	printf("malloc: %d blocks, %zu bytes, freed\n", N, total);
	return 0;
}

static int check_fdt(const void *fdt)
{
	const char *greeting;
	const fdt32_t *answer;
	int node, len;

	if (fdt_check_header(fdt))
		return -1;
	node = fdt_node_offset_by_compatible(fdt, -1, "bulkhead,hello");
	if (node < 0)
		return -1;
	greeting = fdt_getprop(fdt, node, "greeting", &len);
	answer = fdt_getprop(fdt, node, "answer", &len);
	if (!greeting || !answer || len != sizeof(*answer))
		return -1;
	printf("fdt: %s \"%s\", answer %u\n", fdt_get_name(fdt, node, NULL),
	       greeting, fdt32_to_cpu(*answer));
	return 0;
}

int main(int argc, char **argv)
{
	struct timespec t0, t1;
	long us;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	printf("hello from %s (argc %d)\n", argv[0], argc);
	if (check_malloc()) {
		fprintf(stderr, "malloc: FAILED\n");
		return 1;
	}
	if (check_fdt(dt_blob_start)) {
		fprintf(stderr, "fdt: FAILED\n");
		return 1;
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	us = (t1.tv_sec - t0.tv_sec) * 1000000L +
	     (t1.tv_nsec - t0.tv_nsec) / 1000;
	printf("clock: up %lld.%03ld s, this took %ld us\n",
	       (long long)t1.tv_sec, t1.tv_nsec / 1000000, us);
#ifdef HELLO_SERVICE
	return hello_serve();
#endif
	return 0;
}
