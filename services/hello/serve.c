/* SPDX-License-Identifier: GPL-2.0 */
/* hello as a service cell: after its start-up it answers calls (hello-svc). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <bulkhead/caps.h>
#include <bulkhead/rt.h>

/*
 * Operation in mr0 of a call (docs/services.md, "Example"):
 *   1  reply mr0 = mr1 + 1
 *   2  keep mr1 in a malloc'd list; reply mr0 = calls served since the
 *      start-up, mr1 = the sum of the kept values
 *   3  with mr1 = HELLO_FAULT_KEY: store to the address in mr2, which the
 *      tests leave 0 (a fault); without the key, as an unknown one
 *   other: reply mr0 = ~0
 */
#define HELLO_FAULT_KEY	0xfa017

struct kept {
	struct kept *next;
	uint64_t value;
};

static struct kept *kept;
static uint64_t served;

int hello_serve(void);

static void keep(uint64_t value, struct bh_msg *out)
{
	struct kept *k = malloc(sizeof(*k));
	uint64_t sum = 0;

	if (k) {
		k->value = value;
		k->next = kept;
		kept = k;
	}
	for (k = kept; k; k = k->next)
		sum += k->value;
	printf("call %llu: kept %llu, sum %llu\n", (unsigned long long)served,
	       (unsigned long long)value, (unsigned long long)sum);
	out->mr[0] = served;
	out->mr[1] = sum;
	out->info = bh_msginfo(0, 2);
}

int hello_serve(void)
{
	struct bh_msg in, out;
	int ret;

	printf("ready for calls\n");
	ret = bh_service_wait(&in);
	while (!ret) {
		served++;
		out = (struct bh_msg){ .info = bh_msginfo(0, 1) };
		switch (in.mr[0]) {
		case 1:
			out.mr[0] = in.mr[1] + 1;
			break;
		case 2:
			keep(in.mr[1], &out);
			break;
		case 3:
			if (in.mr[1] == HELLO_FAULT_KEY) {
				printf("faulting on request\n");
				*(volatile uint64_t *)(uintptr_t)in.mr[2] = 1;
			}
			/* fall through */
		default:
			out.mr[0] = ~0ULL;
			break;
		}
		ret = bh_service_reply_wait(&out, &in);
	}
	fprintf(stderr, "hello: reply refused (%d)\n", ret);
	return 1;
}
