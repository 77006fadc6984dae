/* SPDX-License-Identifier: GPL-2.0 */
/* "hvc #0" with the register contract of bulkhead/hypercall.h. */
#ifndef BULKHEAD_DRIVER_HVC_H
#define BULKHEAD_DRIVER_HVC_H

#include <linux/types.h>

/**
 * struct bh_hvc_res - x0..x5 after the call
 * @a:	a[0] = x0 (result), a[1..5] = x1..x5
 */
struct bh_hvc_res {
	u64 a[6];
};

/**
 * bh_hvc() - issue "hvc #0" with x0..x6 and return x0..x5
 * @x:		x0 (function ID or hyp-stub call number) .. x6
 * @res:	receives x0..x5
 *
 * Both the Linux hyp stub and the bulkhead kernel preserve x18..x30 and
 * SP; x7..x17 are treated as clobbered, as SMCCC 1.0 allows.
 * Context: caller makes sure EL2 exists (ID_AA64PFR0_EL1.EL2 != 0).
 */
static inline void bh_hvc(const u64 x[7], struct bh_hvc_res *res)
{
	register u64 r0 asm("x0") = x[0];
	register u64 r1 asm("x1") = x[1];
	register u64 r2 asm("x2") = x[2];
	register u64 r3 asm("x3") = x[3];
	register u64 r4 asm("x4") = x[4];
	register u64 r5 asm("x5") = x[5];
	register u64 r6 asm("x6") = x[6];

	asm volatile("hvc #0"
		     : "+r" (r0), "+r" (r1), "+r" (r2), "+r" (r3), "+r" (r4),
		       "+r" (r5), "+r" (r6)
		     :
		     : "x7", "x8", "x9", "x10", "x11", "x12", "x13", "x14",
		       "x15", "x16", "x17", "memory");
	res->a[0] = r0;
	res->a[1] = r1;
	res->a[2] = r2;
	res->a[3] = r3;
	res->a[4] = r4;
	res->a[5] = r5;
}

#endif /* BULKHEAD_DRIVER_HVC_H */
