// SPDX-License-Identifier: GPL-2.0
/* bulkhead debug bench: instructions per invocation under QEMU's -icount. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>

#include <bulkhead/bootdesc.h>
#include <bulkhead/caps.h>
#include <bulkhead/ioctl.h>
#include <bulkhead/rpc.h>

#include "cli.h"
#include "client.h"

#define ROUNDS	5	/* best of: other vCPUs' instructions add noise */

struct bench_case {
	char what[64];
	uint64_t slot;
	uint64_t msginfo;
	uint64_t mr[4];
};

/* Ticks of the best round, or 0 with an error printed */
static uint64_t run_case(struct bh_client *c, const struct bench_case *bc,
			 uint32_t n, uint64_t *freq)
{
	struct bh_ioctl_bench b;
	uint64_t best = UINT64_MAX;
	unsigned int r;

	for (r = 0; r < ROUNDS; r++) {
		memset(&b, 0, sizeof(b));
		b.slot = bc->slot;
		b.msginfo = bc->msginfo;
		memcpy(b.mr, bc->mr, sizeof(b.mr));
		b.iterations = n;
		if (ioctl(c->fd, BH_IOCTL_BENCH, &b)) {
			die("bench", "%s: %s", bc->what, strerror(errno));
			return 0;
		}
		if (b.errors) {
			die("bench", "%s: %" PRIu64 " of %u invocations "
			    "failed (error %" PRIu64 ")", bc->what, b.errors,
			    n, b.last_error);
			return 0;
		}
		if (b.ticks < best)
			best = b.ticks;
		*freq = b.freq;
	}
	return best;
}

/* The service cells' endpoints in the root's cspace, by name */
static unsigned int find_services(struct bh_client *c,
				  struct bench_case *cases, unsigned int max)
{
	static char bd_buf[BH_BOOTDESC_MAX_SIZE];
	const struct bh_bootdesc *bd = (const void *)bd_buf;
	const struct bh_bd_cell *cells;
	uint64_t slot, mr[4] = { 0 }, reply[4];
	unsigned int n = 0;
	size_t size;

	if (bh_client_bootdesc(c, bd_buf, &size))
		return 0;
	cells = (const void *)(bd_buf + bd->cells_off);
	for (slot = BH_SLOT_FIRST_DYNAMIC; slot < BH_CNODE_SLOTS && n < max;
	     slot++) {
		/* CNODE_READ: empty slots are no refused invocation */
		mr[0] = slot;
		if (bh_client_call(c, BH_SLOT_CNODE, BH_LABEL_CNODE_READ, 1,
				   mr, reply) != BH_E_OK ||
		    reply[0] != BH_OBJ_ENDPOINT ||
		    bh_client_call(c, slot, BH_LABEL_EP_INFO, 0, mr,
				   reply) != BH_E_OK || reply[2] >= bd->num_cells)
			continue;
		snprintf(cases[n].what, sizeof(cases[n].what),
			 "service call, %.31s (mr0 = PING)",
			 cells[reply[2]].name);
		cases[n].slot = slot;
		cases[n].msginfo = bh_msginfo(BH_LABEL_EP_CALL, 1);
		cases[n].mr[0] = BH_SVC_CALL_PING;
		n++;
	}
	return n;
}

int cmd_debug_bench(int argc, char **argv)
{
	struct bench_case cases[2 + BH_MAX_CELLS] = {
		{ "loop alone (no invocation)", 0, 0, { 0 } },
		{ "null invocation (CAP_IDENTIFY on the HV)", BH_SLOT_HV,
		  bh_msginfo(BH_LABEL_CAP_IDENTIFY, 0), { 0 } },
	};
	unsigned int ncases = 2, i;
	uint64_t freq = 0, loop = 0, ticks;
	struct bh_client c;
	char *end;
	long n = 1000;

	if (argc == 2 && !strcmp(argv[0], "-n")) {
		n = strtol(argv[1], &end, 0);
		if (*end || n < 1 || n > BH_BENCH_MAX_ITERATIONS)
			return die("-n", "\"%s\": iterations must be 1..%d",
				   argv[1], BH_BENCH_MAX_ITERATIONS);
	} else if (argc) {
		return usage(stderr);
	}
	if (bh_client_open(&c, NULL))
		return die("hypervisor", "not enabled");
	ncases += find_services(&c, cases + 2, BH_MAX_CELLS);
	printf("%-48s %14s %12s\n", "operation (best of 5, interrupts off)",
	       "instructions", "net of loop");
	for (i = 0; i < ncases; i++) {
		ticks = run_case(&c, &cases[i], (uint32_t)n, &freq);
		if (!ticks || !freq) {
			bh_client_close(&c);
			return 1;
		}
		/* -icount shift=0: 1 instruction per ns of virtual time */
		ticks = ticks * 1000000000ULL / freq;
		if (!i)
			loop = ticks;
		printf("%-48s %14.1f %12.1f\n", cases[i].what,
		       (double)ticks / n, (double)(ticks - loop) / n);
	}
	bh_client_close(&c);
	printf("(%ld iterations; instructions are exact only under QEMU "
	       "-icount shift=0: scripts/bench)\n", n);
	return 0;
}

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

int cmd_debug_bench_irq(int argc, char **argv)
{
	struct bh_ioctl_bench_irq b = { .samples = 1000, .delay_us = 100 };
	struct bh_ioctl_status st;
	struct bh_client c;
	uint64_t sum = 0;
	uint32_t *lat, i;
	char *end;
	long n;

	if (argc == 2 && !strcmp(argv[0], "-n")) {
		n = strtol(argv[1], &end, 0);
		if (*end || n < 1 || n > BH_BENCH_MAX_SAMPLES)
			return die("-n", "\"%s\": samples must be 1..%d",
				   argv[1], BH_BENCH_MAX_SAMPLES);
		b.samples = (uint32_t)n;
	} else if (argc) {
		return usage(stderr);
	}
	lat = calloc(b.samples, sizeof(*lat));
	if (!lat)
		return die("bench-irq", "out of memory");
	b.latency = (uintptr_t)lat;
	if (bh_client_open(&c, NULL)) {
		free(lat);
		return die(c.what, "%s", strerror(errno));
	}
	if (bh_client_status(&c, &st))
		st.flags = 0;
	if (ioctl(c.fd, BH_IOCTL_BENCH_IRQ, &b)) {
		bh_client_close(&c);
		free(lat);
		return die("bench-irq", "%s", strerror(errno));
	}
	bh_client_close(&c);
	qsort(lat, b.samples, sizeof(*lat), cmp_u32);
	for (i = 0; i < b.samples; i++)
		sum += lat[i];
	printf("%-26s %6s %6s %6s %6s %6s %6s %6s\n",
	       "timer IRQ latency (ns)", "min", "p25", "median", "mean",
	       "p75", "p99", "max");
	printf("%-26s %6u %6u %6u %6" PRIu64 " %6u %6u %6u\n",
	       st.flags & BH_STATUS_ENABLED ? "root cell under bulkhead" :
	       "bare metal (disabled)", lat[0], lat[b.samples / 4],
	       lat[b.samples / 2], sum / b.samples,
	       lat[(uint64_t)b.samples * 3 / 4],
	       lat[(uint64_t)b.samples * 99 / 100], lat[b.samples - 1]);
	printf("(%u samples; expiry to hard-IRQ handler; 1 ns = 1 instruction "
	       "under QEMU -icount shift=0)\n", b.samples);
	free(lat);
	return 0;
}
