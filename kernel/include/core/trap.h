/* SPDX-License-Identifier: GPL-2.0 */
/* Result of a trap or MMIO handler, as in Jailhouse's tri-state. */
#ifndef CORE_TRAP_H
#define CORE_TRAP_H

enum trap_result {
	TRAP_HANDLED,		/* done, return to the guest */
	TRAP_UNHANDLED,		/* nobody claims it: the cell is stopped */
	TRAP_FORBIDDEN,		/* the cell may not do this: abort injected,
				   logged, cell keeps running */
	TRAP_DELEGATED,		/* handed to a service cell on this CPU:
				   completed when it replies */
	TRAP_RETRY,		/* not now (the emulating service is busy
				   elsewhere): the instruction runs again */
};

#endif /* CORE_TRAP_H */
