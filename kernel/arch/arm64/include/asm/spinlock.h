/* SPDX-License-Identifier: GPL-2.0 */
/* Ticket spinlock: LDAXR/STXR to take a ticket, WFE while waiting. */
#ifndef ASM_SPINLOCK_H
#define ASM_SPINLOCK_H

#include <core/types.h>

/**
 * typedef spinlock_t - a fair lock; zero-initialised means unlocked
 *
 * Needs the MMU on (exclusives on Normal memory). Waiters sleep in WFE:
 * the owner's store-release to @owner clears their exclusive monitors,
 * which generates the wake-up event (Arm ARM, "Wait for Event mechanism
 * and Send event", event register set when the global monitor is
 * cleared). No spinning without WFE, which keeps QEMU -icount fair.
 */
typedef struct {
	u16 owner;
	u16 next;
} spinlock_t;

/** spin_lock() - take @l; never called with the MMU off */
static inline void spin_lock(spinlock_t *l)
{
	u32 old, tmp, fail;

	asm volatile(
	"1:	ldaxr	%w0, %3\n"
	"	add	%w1, %w0, #0x10000\n"
	"	stxr	%w2, %w1, %3\n"
	"	cbnz	%w2, 1b\n"
	"	and	%w1, %w0, #0xffff\n"
	"	cmp	%w1, %w0, lsr #16\n"
	"	b.eq	3f\n"
	"	sevl\n"
	"2:	wfe\n"
	"	ldaxrh	%w1, %4\n"
	"	cmp	%w1, %w0, lsr #16\n"
	"	b.ne	2b\n"
	"3:\n"
	: "=&r" (old), "=&r" (tmp), "=&r" (fail), "+Q" (*(u32 *)l)
	: "Q" (l->owner)
	: "memory", "cc");
}

/** spin_unlock() - release @l (store-release of the next owner) */
static inline void spin_unlock(spinlock_t *l)
{
	u16 next = l->owner + 1;

	asm volatile("stlrh %w1, %0" : "=Q" (l->owner) : "r" (next)
		     : "memory");
}

#endif /* ASM_SPINLOCK_H */
