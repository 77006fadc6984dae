/* SPDX-License-Identifier: GPL-2.0 */
/* Per-CPU state of the kernel; TPIDR_EL2 points at the running CPU's. */
#ifndef CORE_PERCPU_H
#define CORE_PERCPU_H

#include <core/types.h>
#include <bulkhead/stats.h>
#include <bulkhead/bootdesc.h>
#include <asm/cpu.h>		/* struct arch_regs, struct arch_cpu */

#define PERCPU_STACK_SIZE	16384

struct cell;
struct service;

enum cpu_state {
	CPU_OFFLINE,		/* never entered, or handed back */
	CPU_RUNNING,		/* running its cell */
	CPU_PARKED,		/* its cell called PSCI CPU_OFF: waits in EL2 */
	CPU_STOPPED,		/* its cell was stopped for misbehaving */
	CPU_ON_PENDING,		/* parked, PSCI CPU_ON accepted, not yet woken */
};

/**
 * struct per_cpu - everything the kernel keeps for one physical CPU
 * @stack:	EL2 stack; SP starts at the top, just below @regs
 * @regs:	guest registers saved on every exit (offsets in asm-offsets)
 * @index:	logical index (position in the boot description)
 * @mpidr:	affinity of this CPU
 * @cell:	the cell this CPU runs
 * @state:	enum cpu_state
 * @stats:	exits counted by enum bh_exit_reason
 * @events:	EVENT_* requests posted by other CPUs (core/control.h)
 * @svc:	the service this CPU runs a call in, else NULL (@cell stays
 *		the caller: interrupts keep going to it)
 * @frame_done: the trap being handled already wrote the guest's result
 *		registers (a delivered access that a service answered): the
 *		hypercall path must not write x0..x5 over them
 * @arch:	architecture state (system registers, GIC CPU interface)
 *
 * Lives in hypervisor memory, one per CPU in the boot description; only
 * this CPU writes it, except @state under the owning cell's control.
 */
struct per_cpu {
	u8 stack[PERCPU_STACK_SIZE] __aligned(16);
	struct arch_regs regs;
	u32 index;
	u64 mpidr;
	struct cell *cell;
	volatile enum cpu_state state;
	u64 stats[BH_EXIT_NR];
	volatile u32 events;
	struct service *svc;
	bool frame_done;
	struct arch_cpu arch;
} __aligned(4096);

/**
 * this_cpu() - the calling CPU's state
 */
static inline struct per_cpu *this_cpu(void)
{
	return arch_this_cpu();
}

/**
 * per_cpu() - a CPU's state by logical index; NULL if out of range
 */
struct per_cpu *per_cpu(unsigned int index);

/** Number of CPUs in the boot description. */
extern unsigned int num_cpus;

/**
 * per_cpu_by_mpidr() - a CPU's state by affinity (MPIDR Aff3..Aff0)
 *
 * Return: the CPU, or NULL if the boot description has no such CPU.
 */
struct per_cpu *per_cpu_by_mpidr(u64 mpidr);

/**
 * percpu_init() - allocate and fill the per-CPU array (first CPU, launch)
 * @desc:	validated boot description
 *
 * Sets index, mpidr, cell and state CPU_OFFLINE of each CPU.
 * Return: 0 or -ENOMEM.
 */
int percpu_init(const struct bh_bootdesc *desc);

/** percpu_base() - the per-CPU array, for boot_info */
struct per_cpu *percpu_base(void);

#endif /* CORE_PERCPU_H */
