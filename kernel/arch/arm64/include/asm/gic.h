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

/* The EL2 physical timer (CNTHP, PPI 10): reserved, it bounds service calls */
#define GIC_HYP_TIMER_PPI	26

/* INTIDs 0..1019 are SGIs, PPIs and SPIs; 1020..1023 are special */
#define GIC_NR_INTIDS		1020

/**
 * struct gic_cpu - per-CPU GIC state (embedded in struct arch_cpu)
 * @queued:	INTIDs acknowledged at EL2 that wait for a free list
 *		register; a set, so it cannot overflow (a PPI or SPI stays
 *		active physically until the guest deactivates it and cannot
 *		come again meanwhile; a repeated SGI merges)
 * @num_queued:	bits set in @queued
 * @hcr:	the ICH_HCR_EL2 value in force (UIE while @num_queued)
 * @ppi_prio:	this CPU's SGI/PPI priorities (a row of the shadow the
 *		emulation keeps), for the interrupt path
 * @num_lrs:	list registers implemented (ICH_VTR_EL2.ListRegs + 1)
 * @lr_mask:	one bit per implemented list register
 * @num_aprs:	ICH_AP1Rn_EL2 registers implemented (1, 2 or 4)
 * @frame:	index of this CPU's redistributor frame
 * @saved_enable: reserved SGI/PPI bits Linux had enabled at takeover
 * @saved_group: reserved SGI/PPI bits Linux had in group 1
 * @saved_icfgr1: GICR_ICFGR1 as Linux had it
 * @saved_prio:	priorities Linux had for GIC_EVENT_SGI and the maintenance
 *		interrupt (in that order)
 * @sgi_key:	Aff3/Aff2/Aff1/RS fields of the last ICC_SGI1R_EL1 group the
 *		guest wrote to (IRM=1 never matches: its bit is in the key)
 * @sgi_set:	the cell's CPU set @sgi_allowed was computed for
 * @sgi_allowed: TargetList bits of that group inside the cell
 * @taken:	the CPU interface is virtualized (between gic_cpu_init() and
 *		gic_cpu_exit())
 *
 * Contents are private to kernel/arch/arm64/gic/.
 */
struct gic_cpu {
	u64 queued[(GIC_NR_INTIDS + 63) / 64];
	u32 num_queued;
	u64 hcr;
	const u8 *ppi_prio;
	u32 num_lrs;
	u32 lr_mask;
	u32 num_aprs;
	u32 frame;
	u32 saved_enable;
	u32 saved_group;
	u32 saved_icfgr1;
	u8 saved_prio[2];
	u64 sgi_key;
	u64 sgi_set;
	u64 sgi_allowed;
	bool taken;
};

/**
 * gic_init() - global GIC set-up on the first CPU (MMU on)
 * @desc:	validated GIC description
 *
 * Maps distributor and redistributors in the kernel's address space,
 * checks that this is a GICv3 (or v4) with affinity routing enabled, reads
 * the configuration Linux left (nothing is reset: the root keeps running
 * on it) and matches every CPU of the boot description to its
 * redistributor. Needs per_cpu(i)->mpidr of every CPU set.
 *
 * Return: 0 or negative errno (-ENODEV if not a GICv3, or a CPU has no
 * redistributor; -ENOMEM if the mapping failed).
 */
int gic_init(const struct bh_bd_gic *desc);

/**
 * gic_cpu_init() - take over the calling CPU's GIC CPU interface
 * @cpu:	the calling CPU, interrupts masked at EL2
 *
 * Moves the physical CPU interface state the guest had into the virtual
 * one (ICH_VMCR_EL2), turns interrupts that are active at the moment of
 * takeover into active hardware-linked list registers (so the guest's
 * later deactivation reaches them), reserves GIC_EVENT_SGI and the
 * maintenance interrupt in this CPU's redistributor, and switches the
 * physical interface to split priority drop / deactivation. Called on
 * @cpu only, before HCR_EL2.IMO/FMO are set. On error nothing is changed.
 *
 * Return: 0, -ENODEV (no redistributor for this CPU), -EBUSY (the guest
 * holds an active priority that was not dropped, or more interrupts are
 * active than there are list registers).
 */
int gic_cpu_init(struct per_cpu *cpu);

/**
 * gic_cpu_exit() - hand the CPU interface back to the guest, on @cpu only
 * @cpu:	the calling CPU, interrupts masked at EL2
 *
 * Interrupts acknowledged at EL2 that the guest has not taken yet (pending
 * list registers, the queue) are returned to the physical GIC so that
 * nothing is lost; interrupts the guest is handling stay active, its
 * deactivation then goes to the physical interface directly. Copies the
 * virtual interface state back to the physical one and undoes the
 * redistributor changes of gic_cpu_init(). The caller clears
 * HCR_EL2.IMO/FMO before returning to the guest; no interrupt may be
 * handled at EL2 after this.
 */
void gic_cpu_exit(struct per_cpu *cpu);

/**
 * gic_cpu_reset() - reset the virtual CPU interface of a CPU going idle
 * @cpu:	the calling CPU, interrupts masked at EL2
 *
 * For PSCI CPU_OFF (and a stopped cell): interrupts waiting for the guest
 * go back to the physical GIC (an SPI is then taken by another CPU it is
 * routed to), active ones are deactivated (the guest context that would
 * deactivate them is gone), the list registers and the virtual interface
 * return to their reset state. The CPU stays under the kernel's control.
 */
void gic_cpu_reset(struct per_cpu *cpu);

/**
 * gic_cell_init() - register the emulated distributor and redistributors
 * @cell:	a cell being created (its CPUs and SPI ownership already set)
 *
 * Claims the distributor and the whole redistributor region at their
 * physical addresses in @cell's address space (see gicd.c and gicr.c for
 * the policy). Needs gic_init() first.
 *
 * Return: 0, or the error of mmio_region_register().
 */
int gic_cell_init(struct cell *cell);

/**
 * gic_handle_irq() - the interrupt path: physical IRQ taken at EL2
 * @cpu:	the calling CPU
 *
 * Acknowledges one interrupt and injects it into the running cell through
 * a list register (hardware-linked, so the guest's deactivation reaches
 * the physical interrupt), or handles kernel event SGIs (calls
 * core_handle_event()) and maintenance interrupts. An SPI the cell does
 * not own is logged, disabled and deactivated, never injected.
 */
void gic_handle_irq(struct per_cpu *cpu);

/**
 * gic_handle_sgi1r() - a trapped ICC_SGI1R_EL1 write by the guest
 * @cpu:	the calling CPU
 * @value:	the value written
 *
 * Sends the SGI only to CPUs of the caller's cell; GIC_EVENT_SGI is
 * refused (dropped, logged once).
 *
 * Return: TRAP_HANDLED.
 */
enum trap_result gic_handle_sgi1r(struct per_cpu *cpu, u64 value);

/**
 * gic_send_event() - raise GIC_EVENT_SGI on another CPU of the kernel
 * @target:	logical CPU index
 *
 * Stores made before the call are visible to @target when it takes the
 * SGI.
 */
void gic_send_event(unsigned int target);

#endif /* ASM_GIC_H */
