/* SPDX-License-Identifier: GPL-2.0 */
/* Receive loop of a service cell: EP_REPLY on its endpoint, reply and wait. */
#include <bulkhead/caps.h>
#include <bulkhead/hypercall.h>
#include "internal.h"

/*
 * One hvc: x0 BH_HC_INVOKE, x1 the endpoint slot, x2 message info,
 * x3..x6 the reply. It returns when the next call arrives, with x0 = 0,
 * x1 its info, x2..x5 mr0..mr3, x6 its badge, x7 the boot-info page;
 * everything else, FP/SIMD included, is as we left it (docs/services.md).
 * An error (the kernel refused the reply) returns at once with x0 < 0.
 */
static int reply_wait(uint64_t info, const uint64_t *mr, struct bh_msg *in)
{
	register uint64_t x0 asm("x0") = BH_HC_INVOKE;
	register uint64_t x1 asm("x1") = BH_SVC_SLOT_ENDPOINT;
	register uint64_t x2 asm("x2") = info;
	register uint64_t x3 asm("x3") = mr[0];
	register uint64_t x4 asm("x4") = mr[1];
	register uint64_t x5 asm("x5") = mr[2];
	register uint64_t x6 asm("x6") = mr[3];
	register uint64_t x7 asm("x7");
	register uint64_t x8 asm("x8");

	asm volatile("hvc #0"
		     : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3), "+r"(x4),
		       "+r"(x5), "+r"(x6), "=r"(x7), "=r"(x8)
		     : : "memory");
	if (x0 != BH_E_OK)
		return -(int)x0;
	in->info = x1;
	in->mr[0] = x2;
	in->mr[1] = x3;
	in->mr[2] = x4;
	in->mr[3] = x5;
	in->badge = x6;
	in->rights = x8;
	return 0;
}

int bh_service_wait(struct bh_msg *in)
{
	static const uint64_t none[4];

	return reply_wait(bh_msginfo(BH_LABEL_EP_REPLY, 0), none, in);
}

int bh_service_reply_wait(const struct bh_msg *out, struct bh_msg *in)
{
	uint64_t mr[4] = { out->mr[0], out->mr[1], out->mr[2], out->mr[3] };

	return reply_wait(bh_msginfo(BH_LABEL_EP_REPLY,
				     bh_msginfo_len(out->info)), mr, in);
}

int bh_invoke(uint64_t slot, uint32_t label, unsigned int len,
	      const uint64_t *mr, uint64_t reply[4])
{
	register uint64_t x0 asm("x0") = BH_HC_INVOKE;
	register uint64_t x1 asm("x1") = slot;
	register uint64_t x2 asm("x2") = bh_msginfo(label, len);
	register uint64_t x3 asm("x3") = len > 0 ? mr[0] : 0;
	register uint64_t x4 asm("x4") = len > 1 ? mr[1] : 0;
	register uint64_t x5 asm("x5") = len > 2 ? mr[2] : 0;
	register uint64_t x6 asm("x6") = len > 3 ? mr[3] : 0;

	asm volatile("hvc #0"
		     : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3), "+r"(x4),
		       "+r"(x5), "+r"(x6)
		     : : "x7", "x8", "memory");
	if (x0 != BH_E_OK)
		return -(int)x0;
	if (reply) {
		reply[0] = x2;
		reply[1] = x3;
		reply[2] = x4;
		reply[3] = x5;
	}
	return 0;
}

const struct bh_svc_region *bh_rt_region(uint32_t type, const char *name)
{
	const struct bh_rt_platform *plat = bh_rt_platform_get();
	const struct bh_svc_boot *bi = plat ? plat->boot : NULL;
	const struct bh_svc_region *r;
	uint32_t i, k;

	for (i = 0; bi && i < bi->nr_regions; i++) {
		r = &bi->regions[i];
		if (r->type != type)
			continue;
		/* the copy was validated: names are NUL-terminated */
		for (k = 0; r->name[k] && r->name[k] == name[k]; k++)
			;
		if (r->name[k] == name[k])
			return r;
	}
	return NULL;
}
