/* SPDX-License-Identifier: GPL-2.0 */
/* GICv3 virtualization: the interface the rest of the kernel uses. */
#ifndef ASM_GIC_H
#define ASM_GIC_H

#include <core/types.h>
#include <core/trap.h>
#include <bulkhead/bootdesc.h>

struct per_cpu;
struct cell;

/* SGI the kernel reserves for its own events between CPUs */
#define GIC_EVENT_SGI		15

/**
 * struct gic_cpu - per-CPU GIC state (embedded in struct arch_cpu)
 *
 * Contents are private to gic-v3*.c.
 */
struct gic_cpu {
	u64 saved_icc_ctlr;
	u64 saved_icc_pmr;
	u64 saved_icc_bpr1;
	u64 saved_icc_igrpen1;
	void *gicr_rd;		/* this CPU's redistributor, EL2 mapping */
	u32 num_lrs;
	u32 pending[8];		/* SGIs/PPIs/SPIs waiting for a free LR: not
				   a bitmap of all 1020, see gic-v3.c */
	u32 num_pending;
};

/**
 * gic_init() - global GIC set-up on the first CPU (MMU on)
 * @desc:	validated GIC description
 *
 * Maps distributor and redistributors in the kernel's address space.
 * Return: 0 or negative errno (e.g. -ENODEV if not a GICv3).
 */
int gic_init(const struct bh_bd_gic *desc);

/**
 * gic_cpu_init() - take over the calling CPU's GIC CPU interface
 * @cpu:	the calling CPU
 *
 * Moves the physical CPU interface state the guest had into the virtual
 * one (ICH_VMCR_EL2), enables the list registers. Called on @cpu only.
 */
int gic_cpu_init(struct per_cpu *cpu);

/**
 * gic_cpu_exit() - hand the CPU interface back to the guest, on @cpu only
 *
 * Interrupts still pending or active in list registers are returned to
 * the physical GIC so that nothing is lost.
 */
void gic_cpu_exit(struct per_cpu *cpu);

/**
 * gic_cell_init() - register the emulated distributor and redistributors
 * @cell:	a cell being created (its SPI ownership is already set)
 */
int gic_cell_init(struct cell *cell);

/**
 * gic_handle_irq() - the interrupt path: physical IRQ taken at EL2
 * @cpu:	the calling CPU
 *
 * Acknowledges, injects into the running cell through a list register
 * (hardware-linked, so the guest's deactivation reaches the physical
 * interrupt), handles kernel event SGIs and maintenance interrupts.
 */
void gic_handle_irq(struct per_cpu *cpu);

/**
 * gic_handle_sgi1r() - a trapped ICC_SGI1R_EL1 write by the guest
 * @cpu:	the calling CPU
 * @value:	the value written
 *
 * Sends the SGI only to CPUs of the caller's cell; GIC_EVENT_SGI is
 * refused.
 */
enum trap_result gic_handle_sgi1r(struct per_cpu *cpu, u64 value);

/**
 * gic_send_event() - raise GIC_EVENT_SGI on another CPU of the kernel
 * @target:	logical CPU index
 */
void gic_send_event(unsigned int target);

#endif /* ASM_GIC_H */
