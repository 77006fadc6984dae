/* SPDX-License-Identifier: GPL-2.0 */
/* Fixed-width integer types for ABI headers shared by every bulkhead component. */
#ifndef BULKHEAD_TYPES_H
#define BULKHEAD_TYPES_H

#ifdef __KERNEL__
#include <linux/types.h>	/* the Linux module: provides uint*_t too */
#else
#include <stdint.h>		/* freestanding-safe: the EL2 kernel uses it too */
#endif

#define BH_ASSERT_SIZE(type, size) \
	_Static_assert(sizeof(type) == (size), #type " must be " #size " bytes")
#define BH_ASSERT_OFFSET(type, member, off) \
	_Static_assert(__builtin_offsetof(type, member) == (off), \
		       #type "." #member " must sit at offset " #off)

#endif /* BULKHEAD_TYPES_H */
