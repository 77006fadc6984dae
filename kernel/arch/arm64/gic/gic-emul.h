/* SPDX-License-Identifier: GPL-2.0 */
/* GICv3 registers and emulation policy (pure: also built for the host). */
#ifndef GIC_EMUL_H
#define GIC_EMUL_H

#include <core/types.h>
#include <core/trap.h>
#include <core/mmio.h>
#include <bulkhead/bootdesc.h>
#include <asm/gic.h>

/*
 * Register offsets and fields from the GICv3/v4 architecture specification
 * (Arm IHI 0069), "Programmers' model".
 */

/* Distributor */
#define GICD_CTLR		0x0000
#define GICD_TYPER		0x0004
#define GICD_IIDR		0x0008
#define GICD_TYPER2		0x000c
#define GICD_IGROUPR		0x0080
#define GICD_ISENABLER		0x0100
#define GICD_ICENABLER		0x0180
#define GICD_ISPENDR		0x0200
#define GICD_ICPENDR		0x0280
#define GICD_ISACTIVER		0x0300
#define GICD_ICACTIVER		0x0380
#define GICD_IPRIORITYR		0x0400
#define GICD_ITARGETSR		0x0800
#define GICD_ICFGR		0x0c00
#define GICD_IGRPMODR		0x0d00
#define GICD_CPENDSGIR		0x0f10
#define GICD_SPENDSGIR		0x0f20
#define GICD_IROUTER		0x6000
#define GICD_IDREGS		0xffd0
#define GICD_PIDR2		0xffe8
#define GICD_SIZE		0x10000

#define GICD_CTLR_ARE_NS	BIT(4)
#define GICD_CTLR_RWP		BIT(31)
#define GICD_TYPER_ITLINES(t)	((t) & 0x1f)
#define GICD_TYPER_MBIS		BIT(16)
#define GICD_TYPER_LPIS		BIT(17)
#define GICD_IROUTER_IRM	BIT(31)
#define GIC_PIDR2_ARCH(p)	(((p) >> 4) & 0xf)

/* Affinity bits of GICD_IROUTER<n> and MPIDR_EL1 (same layout) */
#define GIC_AFF_MASK		0xff00ffffffUL

/* Redistributor: RD_base frame */
#define GICR_CTLR		0x0000
#define GICR_IIDR		0x0004
#define GICR_TYPER		0x0008
#define GICR_WAKER		0x0014
#define GICR_IDREGS		0xffd0
#define GICR_PIDR2		0xffe8
#define GICR_SGI_BASE		0x10000
#define GICR_FRAME_SIZE		0x20000	/* RD_base + SGI_base */
#define GICR_FRAME_SIZE_VLPI	0x40000	/* + VLPI_base + reserved (v4) */

/* Redistributor: SGI_base frame (offsets from GICR_SGI_BASE) */
#define GICR_IGROUPR0		0x0080
#define GICR_ISENABLER0		0x0100
#define GICR_ICENABLER0		0x0180
#define GICR_ISPENDR0		0x0200
#define GICR_ICPENDR0		0x0280
#define GICR_ISACTIVER0		0x0300
#define GICR_ICACTIVER0		0x0380
#define GICR_IPRIORITYR0	0x0400
#define GICR_ICFGR0		0x0c00
#define GICR_ICFGR1		0x0c04

#define GICR_CTLR_RWP		BIT(3)
#define GICR_WAKER_PS		BIT(1)	/* ProcessorSleep */
#define GICR_WAKER_CA		BIT(2)	/* ChildrenAsleep */
#define GICR_TYPER_PLPIS	BIT(0)
#define GICR_TYPER_VLPIS	BIT(1)
#define GICR_TYPER_DIRECTLPI	BIT(3)
#define GICR_TYPER_LAST		BIT(4)
#define GICR_TYPER_AFF(t)	((u32)((t) >> 32))

/* List registers (ICH_LR<n>_EL2) */
#define ICH_LR_STATE_PENDING	(1UL << 62)
#define ICH_LR_STATE_ACTIVE	(2UL << 62)
#define ICH_LR_STATE_MASK	(3UL << 62)
#define ICH_LR_HW		BIT(61)
#define ICH_LR_GROUP1		BIT(60)
#define ICH_LR_PRIO_SHIFT	48
#define ICH_LR_PINTID_SHIFT	32
#define ICH_LR_PINTID_MASK	0x1fffUL
#define ICH_LR_VINTID(lr)	((u32)(lr))

/* ICC_SGI1R_EL1 */
#define SGI1R_TARGETS_MASK	0xffffUL
#define SGI1R_AFF1_SHIFT	16
#define SGI1R_INTID_SHIFT	24
#define SGI1R_INTID_MASK	0xfUL
#define SGI1R_AFF2_SHIFT	32
#define SGI1R_IRM		BIT(40)
#define SGI1R_RS_SHIFT		44
#define SGI1R_AFF3_SHIFT	48
/* Aff3, Aff2, Aff1, RS and IRM: which CPUs TargetList applies to */
#define SGI1R_GROUP_MASK	(0xffUL << SGI1R_AFF1_SHIFT | \
				 0xffUL << SGI1R_AFF2_SHIFT | SGI1R_IRM | \
				 0xfUL << SGI1R_RS_SHIFT | \
				 0xffUL << SGI1R_AFF3_SHIFT)

#define GIC_MAX_FRAMES		BH_MAX_CPUS

/**
 * struct gic_sys - what the kernel knows of the physical GIC
 * @nr_irqs:	INTIDs the distributor implements, at most GIC_NR_INTIDS
 * @maint_irq:	the maintenance interrupt (a PPI)
 * @reserved:	SGI/PPI bits kept by the kernel (GIC_EVENT_SGI, @maint_irq):
 *		cells see them as 0 and cannot change them
 * @prio_mask:	priority bits implemented by the virtual CPU interface
 * @num_cpus:	logical CPUs (boot description order)
 * @mpidr:	affinity of each logical CPU, MPIDR_EL1 layout
 * @cpu_frame:	redistributor frame of each logical CPU
 * @frame_cpu:	logical CPU of each frame, -1 if none
 * @num_frames:	redistributor frames found (up to the one marked Last)
 * @frame_size:	stride between frames
 * @spi_prio:	priority of each SPI (by INTID), as the cells programmed it
 * @ppi_prio:	priority of each SGI/PPI, per logical CPU
 *
 * Filled by gic_probe() and gic_set_cpus() on the first CPU during launch;
 * afterwards only the priority shadows change (byte stores by the
 * emulation, read by the interrupt path to fill list registers).
 */
struct gic_sys {
	u32 nr_irqs;
	u32 maint_irq;
	u32 reserved;
	u8 prio_mask;
	unsigned int num_cpus;
	u64 mpidr[BH_MAX_CPUS];
	u32 cpu_frame[BH_MAX_CPUS];
	int frame_cpu[GIC_MAX_FRAMES];
	unsigned int num_frames;
	u64 frame_size;
	u8 spi_prio[GIC_NR_INTIDS];
	u8 ppi_prio[BH_MAX_CPUS][32];
};

/* hidden: a PC-relative access on the interrupt path, not through the GOT */
extern struct gic_sys gic_sys __attribute__((visibility("hidden")));

/**
 * struct gic_view - who accesses the GIC: the cell and CPU of one trap
 * @spi_owned:	the cell's SPIs, bit n = INTID 32 + n
 * @cpu_set:	the cell's logical CPUs
 * @self:	logical index of the accessing CPU
 */
struct gic_view {
	const u64 *spi_owned;
	u64 cpu_set;
	unsigned int self;
};

/** enum gic_block - which register block a hardware access goes to */
enum gic_block {
	GIC_GICD,
	GIC_GICR,	/* offsets from the start of the redistributor region */
};

/*
 * Hooks the pure code calls: the kernel implements them with MMIO and
 * system register accesses (gic-hw.c), host tests with a fake GIC.
 */

/** gic_hw_read() - read @size (1, 4 or 8) bytes at @off of @blk */
u64 gic_hw_read(enum gic_block blk, u64 off, unsigned int size);

/** gic_hw_write() - write @size (1, 4 or 8) bytes at @off of @blk */
void gic_hw_write(enum gic_block blk, u64 off, unsigned int size, u64 val);

/**
 * gic_emul_lock() - serialise a read-modify-write of a register that
 * cells share (ICFGR, IGROUPR, IROUTER); not nested
 */
void gic_emul_lock(void);

/** gic_emul_unlock() - end of the sequence gic_emul_lock() began */
void gic_emul_unlock(void);

/** gic_sgi1r_write() - write the physical ICC_SGI1R_EL1 */
void gic_sgi1r_write(u64 val);

/**
 * gic_probe() - read the physical GIC's configuration into gic_sys
 * @gicr_size:	size of the redistributor region
 * @maint_irq:	maintenance interrupt (16..31)
 * @prio_mask:	priority bits the virtual CPU interface implements
 *
 * Changes nothing in the hardware.
 * Return: 0, or -ENODEV if this is not a usable GICv3.
 */
int gic_probe(u64 gicr_size, u32 maint_irq, u8 prio_mask);

/**
 * gic_set_cpus() - match the logical CPUs to redistributor frames
 * @mpidr:	affinity of each logical CPU
 * @num:	number of CPUs
 *
 * Return: 0, or -ENODEV if a CPU has no redistributor.
 */
int gic_set_cpus(const u64 *mpidr, unsigned int num);

/**
 * gicd_emulate() - one trapped distributor access
 * @v:		who accesses
 * @acc:	offset in the distributor, size, direction and value
 *
 * Return: TRAP_HANDLED, or TRAP_FORBIDDEN for an unaligned access or a
 * size the register does not support.
 */
enum trap_result gicd_emulate(const struct gic_view *v,
			      struct mmio_access *acc);

/**
 * gicr_emulate() - one trapped redistributor access
 * @v:		who accesses
 * @acc:	offset in the redistributor region, size, direction, value
 *
 * Return: as gicd_emulate().
 */
enum trap_result gicr_emulate(const struct gic_view *v,
			      struct mmio_access *acc);

/**
 * gic_sgi_targets() - the CPUs a ICC_SGI1R_EL1 value names, filtered
 * @sgi1r:	the value the guest wrote
 * @allowed:	logical CPUs the sender may reach (its cell)
 * @self:	the sender's logical index
 *
 * Return: bitmap of logical CPUs, a subset of @allowed.
 */
u64 gic_sgi_targets(u64 sgi1r, u64 allowed, unsigned int self);

/**
 * gic_sgi_send() - generate SGI @intid on every CPU in @targets
 *
 * One ICC_SGI1R_EL1 write per group of 16 CPUs that share Aff3.Aff2.Aff1
 * and the range selector.
 * Return: number of writes.
 */
unsigned int gic_sgi_send(u32 intid, u64 targets);

/** gic_spi_owned() - whether @intid is an SPI in @v's cell */
static inline bool gic_spi_owned(const struct gic_view *v, u32 intid)
{
	u32 n = intid - 32;

	if (intid < 32 || intid >= GIC_NR_INTIDS)
		return false;
	return (v->spi_owned[n / 64] >> (n % 64)) & 1;
}

/**
 * gic_lr_hw() - a hardware-linked group 1 list register value
 * @intid:	virtual and physical INTID
 * @prio:	priority
 * @state:	ICH_LR_STATE_PENDING or ICH_LR_STATE_ACTIVE
 */
static inline u64 gic_lr_hw(u32 intid, u8 prio, u64 state)
{
	return state | ICH_LR_HW | ICH_LR_GROUP1 |
	       ((u64)prio << ICH_LR_PRIO_SHIFT) |
	       ((u64)intid << ICH_LR_PINTID_SHIFT) | intid;
}

/**
 * gic_lr_virt() - a group 1 list register value without hardware link
 * @intid:	virtual INTID (an SGI)
 * @prio:	priority
 * @state:	ICH_LR_STATE_*
 */
static inline u64 gic_lr_virt(u32 intid, u8 prio, u64 state)
{
	return state | ICH_LR_GROUP1 | ((u64)prio << ICH_LR_PRIO_SHIFT) |
	       intid;
}

/** gic_prio() - priority to inject @intid with on logical CPU @cpu */
static inline u8 gic_prio(unsigned int cpu, u32 intid)
{
	if (intid < 32)
		return gic_sys.ppi_prio[cpu][intid];
	return gic_sys.spi_prio[intid];
}

/** gic_queue_add() - remember @intid until a list register is free */
static inline void gic_queue_add(struct gic_cpu *g, u32 intid)
{
	u64 bit = 1UL << (intid % 64);

	if (!(g->queued[intid / 64] & bit)) {
		g->queued[intid / 64] |= bit;
		g->num_queued++;
	}
}

/**
 * gic_queue_pop() - take the queued INTID to inject next
 * @g:		the CPU's state
 * @cpu:	its logical index (for SGI/PPI priorities)
 *
 * Highest priority (lowest value) first, lowest INTID among equals.
 * Return: the INTID, or GIC_NR_INTIDS if the queue is empty.
 */
u32 gic_queue_pop(struct gic_cpu *g, unsigned int cpu);

#endif /* GIC_EMUL_H */
