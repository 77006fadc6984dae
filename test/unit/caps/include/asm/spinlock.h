/* SPDX-License-Identifier: GPL-2.0 */
/* Host stand-in for the arm64 <asm/spinlock.h>: checks lock balance. */
#ifndef ASM_SPINLOCK_H
#define ASM_SPINLOCK_H

#include <core/types.h>

/* The tests are single-threaded: taking a held lock is a deadlock */
typedef struct {
	u32 held;
} spinlock_t;

/* Locks held right now, for the fixture's balance checks */
extern unsigned int fx_locks_held;

static inline void spin_lock(spinlock_t *l)
{
	if (l->held)
		__builtin_trap();
	l->held = 1;
	fx_locks_held++;
}

static inline void spin_unlock(spinlock_t *l)
{
	if (!l->held)
		__builtin_trap();
	l->held = 0;
	fx_locks_held--;
}

#endif /* ASM_SPINLOCK_H */
