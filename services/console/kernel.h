/* SPDX-License-Identifier: GPL-2.0 */
/* How the console service's pure code invokes its capabilities. */
#ifndef CONSOLE_KERNEL_H
#define CONSOLE_KERNEL_H

#include <stdint.h>

/**
 * struct con_kernel - the invocations, behind a pointer
 * @invoke:	bh_invoke() in the service (rt.h), a model of the kernel in
 *		the unit tests: invoke @slot of the service's cspace with
 *		@label and @len message registers @mr; on success the four
 *		reply registers go to @reply. Returns 0 or a negative
 *		BH_E_* error.
 * @ctx:	passed to @invoke
 */
struct con_kernel {
	int (*invoke)(void *ctx, uint64_t slot, uint32_t label,
		      unsigned int len, const uint64_t *mr, uint64_t reply[4]);
	void *ctx;
};

/**
 * con_invoke() - invoke a capability through a struct con_kernel
 * @k:		the kernel interface
 * @slot:	slot in the service's cspace
 * @label:	enum bh_label
 * @len:	message registers used
 * @mr:		the message registers (may be NULL when @len is 0)
 * @reply:	the four reply registers, zeroed first
 *
 * Return: 0 or a negative BH_E_* error.
 */
static inline int con_invoke(const struct con_kernel *k, uint64_t slot,
			     uint32_t label, unsigned int len,
			     const uint64_t *mr, uint64_t reply[4])
{
	reply[0] = reply[1] = reply[2] = reply[3] = 0;
	return k->invoke(k->ctx, slot, label, len, mr, reply);
}

#endif /* CONSOLE_KERNEL_H */
