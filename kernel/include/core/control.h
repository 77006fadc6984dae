/* SPDX-License-Identifier: GPL-2.0 */
/* Launch, disable, parking and kernel events between CPUs. */
#ifndef CORE_CONTROL_H
#define CORE_CONTROL_H

#include <core/types.h>

struct per_cpu;
struct cell;

/* Requests one CPU posts to another (struct per_cpu.events) */
#define EVENT_WAKE		BIT(0)	/* PSCI CPU_ON: leave the park loop */
#define EVENT_DISABLE		BIT(1)	/* hand the CPU back to firmware */
#define EVENT_STOP		BIT(2)	/* the cell was stopped: park */

/**
 * core_handle_event() - the kernel event SGI arrived on @cpu
 * @cpu:	the calling CPU
 *
 * Called by the GIC code for GIC_EVENT_SGI (from gic_handle_irq(), either
 * on an exit from the guest or from the park loop). Reads and acts on the
 * requests other CPUs posted with control_send_event(). Never blocks.
 */
void core_handle_event(struct per_cpu *cpu);

/**
 * control_send_event() - post @event to CPU @target and ring it
 * @target:	logical CPU index, not the caller
 * @event:	EVENT_* bits
 */
void control_send_event(unsigned int target, u32 event);

/**
 * control_park() - wait in EL2 until woken (PSCI CPU_OFF, stopped cell)
 * @cpu:	the calling CPU, whose state is already CPU_PARKED/STOPPED
 *
 * Returns when @cpu->state became CPU_RUNNING again (CPU_ON), with the
 * guest frame set up for the new entry. Does not return if the CPU is
 * handed back to firmware during disable.
 */
void control_park(struct per_cpu *cpu);

/**
 * control_launch() - global initialisation on the first CPU
 * @desc:	boot description copied into kernel memory, not yet checked
 * @size:	its size
 *
 * Runs with the MMU on. Validates, creates the root cell, its
 * capabilities and the GIC state, prints the banner.
 *
 * Return: 0 or a negative errno; nothing global is left in use on error.
 */
int control_launch(const void *desc, u64 size);

/**
 * control_cpu_init() - per-CPU initialisation, on the CPU itself
 * @cpu:	the calling CPU (MMU on, TPIDR_EL2 set)
 *
 * Return: 0 or a negative errno (the CPU then goes back to the stub).
 */
int control_cpu_init(struct per_cpu *cpu);

/**
 * arch_cpu_init() - take over the calling CPU: traps, stage 2, GIC
 * @cpu:	the calling CPU, with @cpu->cell set
 *
 * Saves the EL2 state the hyp stub had in @cpu->arch.saved first.
 * Return: 0 or a negative errno, with the CPU's EL2 state unchanged.
 */
int arch_cpu_init(struct per_cpu *cpu);

/**
 * arch_cpu_park() - wait for an interrupt in EL2, interrupts masked
 * @cpu:	the calling CPU
 *
 * Returns after a wake-up; the caller looks at @cpu->events.
 */
void arch_cpu_park(struct per_cpu *cpu);

/**
 * arch_cpu_leave() - give this CPU back to the hyp stub on the way out
 * @cpu:	the calling CPU, in a trap from its guest
 *
 * Arranges that the return path restores the stub's EL2 state (MMU off,
 * stub vectors) before the ERET. Does not touch the guest frame.
 */
void arch_cpu_leave(struct per_cpu *cpu);

/**
 * arch_cpu_firmware_off() - hand a parked CPU to firmware (PSCI CPU_OFF)
 * @cpu:	the calling CPU
 *
 * Restores the stub's EL2 state and calls the firmware's CPU_OFF; does
 * not return.
 */
void __noreturn arch_cpu_firmware_off(struct per_cpu *cpu);

/**
 * arch_cpu_reset_el1() - prepare the guest frame for a PSCI CPU_ON entry
 * @cpu:	the calling CPU
 * @entry:	EL1 entry point (IPA, validated by the caller)
 * @context:	value of x0 at entry
 *
 * EL1h, DAIF masked, EL1 MMU and caches off, all other registers 0.
 */
void arch_cpu_reset_el1(struct per_cpu *cpu, u64 entry, u64 context);

#endif /* CORE_CONTROL_H */
