/* SPDX-License-Identifier: GPL-2.0 */
/* GICv3 CPU interface: interrupt path, list registers, takeover. */
#include <core/cell.h>
#include <core/control.h>
#include <core/lib.h>
#include <core/percpu.h>
#include <core/printk.h>
#include <asm/barrier.h>
#include <asm/gic.h>
#include "gic-emul.h"
#include "gic-sysreg.h"

/* Priority of the kernel's own interrupts: above Linux's default 0xa0 */
#define GIC_KERNEL_PRIO		0x10

/* Offset of a register in the SGI_base frame of redistributor @frame */
static u64 rd_sgi(u32 frame, u64 reg)
{
	return frame * gic_sys.frame_size + GICR_SGI_BASE + reg;
}

void gic_sgi1r_write(u64 val)
{
	gic_write(ICC_SGI1R_EL1, val);
}

/* ---- the interrupt path ------------------------------------------------ */

/*
 * Write @val into a free list register; @free is ICH_ELRSR_EL2, non-zero.
 * LR0 is nearly always free (the guest takes its interrupts quickly), so
 * test the first ones before falling back to the indexed write.
 */
static inline void gic_write_free_lr(u64 free, u64 val)
{
	if (likely(free & 1))
		gic_write(S3_4_C12_C12_0, val);
	else if (free & 2)
		gic_write(S3_4_C12_C12_1, val);
	else
		gic_write_lr(__builtin_ctzll(free), val);
}

static void gic_queue(struct per_cpu *cpu, u32 intid)
{
	struct gic_cpu *g = &cpu->arch.gic;

	gic_queue_add(g, intid);
	if (!(g->hcr & ICH_HCR_UIE)) {
		g->hcr |= ICH_HCR_UIE;
		gic_write(ICH_HCR_EL2, g->hcr);
	}
}

/*
 * PPIs and SPIs are hardware-linked: their physical interrupt stays active
 * until the guest deactivates it, so none is listed or queued twice. SGIs
 * are not linked (only PPIs and SPIs are, as in Jailhouse and Xen): they
 * are deactivated at EL2 on arrival, so a second one can come while the
 * first is still listed; it merges into that entry, as repeated SGIs merge
 * into one pending state in a redistributor.
 * Return: whether SGI @intid was merged into one of the @used LRs.
 */
static bool gic_sgi_merge(u32 intid, u64 used)
{
	unsigned int i;
	u64 lr;

	for (; used; used &= used - 1) {
		i = __builtin_ctzll(used);
		lr = gic_read_lr(i);
		if (ICH_LR_VINTID(lr) != intid)
			continue;
		if (!(lr & ICH_LR_STATE_PENDING))
			gic_write_lr(i, lr | ICH_LR_STATE_PENDING);
		return true;
	}
	return false;
}

/*
 * Put @intid into a list register as pending; @free is ICH_ELRSR_EL2 as
 * read (an indirect read after an LR write would need an ISB), updated.
 * Return: false if no list register is free.
 */
static bool gic_place(struct per_cpu *cpu, u32 intid, u64 *free)
{
	u8 prio = gic_prio(cpu->index, intid);
	u64 lr;

	if (intid < 16) {
		if (gic_sgi_merge(intid, ~*free & cpu->arch.gic.lr_mask))
			return true;
		lr = gic_lr_virt(intid, prio, ICH_LR_STATE_PENDING);
	} else {
		lr = gic_lr_hw(intid, prio, ICH_LR_STATE_PENDING);
	}
	if (!*free)
		return false;
	gic_write_free_lr(*free, lr);
	*free &= *free - 1;
	return true;
}

/* Move queued interrupts into free list registers (maintenance, underflow) */
static void gic_refill(struct per_cpu *cpu)
{
	struct gic_cpu *g = &cpu->arch.gic;
	u64 free = gic_read(ICH_ELRSR_EL2);

	while (free && g->num_queued)
		gic_place(cpu, gic_queue_pop(g, cpu->index), &free);
	if (!g->num_queued && (g->hcr & ICH_HCR_UIE)) {
		g->hcr &= ~ICH_HCR_UIE;
		gic_write(ICH_HCR_EL2, g->hcr);
	}
}

static void __attribute__((noinline)) gic_maintenance(struct per_cpu *cpu,
						      u32 intid)
{
	gic_write(ICC_EOIR1_EL1, intid);
	cpu->stats[BH_EXIT_MAINTENANCE]++;
	gic_refill(cpu);
	/* the level drops once the ICH writes take effect */
	isb();
	gic_write(ICC_DIR_EL1, intid);
}

static void __attribute__((noinline)) gic_sgi(struct per_cpu *cpu,
					      u32 intid)
{
	u64 free, used;

	gic_write(ICC_EOIR1_EL1, intid);
	gic_write(ICC_DIR_EL1, intid);
	if (intid == GIC_EVENT_SGI) {
		/* acknowledged before loading what the sender posted */
		dsb(sy);
		cpu->stats[BH_EXIT_IPI]++;
		core_handle_event(cpu);
		return;
	}
	free = gic_read(ICH_ELRSR_EL2);
	used = ~free & cpu->arch.gic.lr_mask;
	if (likely(!used) || !gic_sgi_merge(intid, used)) {
		if (likely(free))
			gic_write_free_lr(free, gic_lr_virt(intid,
					cpu->arch.gic.ppi_prio[intid],
					ICH_LR_STATE_PENDING));
		else
			gic_queue(cpu, intid);
	}
	cpu->stats[BH_EXIT_IRQ]++;
}

static void __attribute__((noinline)) gic_foreign_spi(struct per_cpu *cpu,
						      u32 intid)
{
	/* disabled first, or a level interrupt would fire again at once */
	gic_hw_write(GIC_GICD, GICD_ICENABLER + intid / 32 * 4, 4,
		     BIT(intid % 32));
	/* MMIO write before the deactivation (a system register write) */
	dsb(sy);
	gic_write(ICC_EOIR1_EL1, intid);
	gic_write(ICC_DIR_EL1, intid);
	pr_err("GIC: CPU %u: SPI %u is not cell %s's: disabled\n",
	       cpu->index, intid, cpu->cell->name);
}

/* The latency-critical path: keep the common case (an SPI/PPI) short */
void gic_handle_irq(struct per_cpu *cpu)
{
	u32 intid = gic_read(ICC_IAR1_EL1) & 0xffffff;
	u32 spi = intid - 32;
	u64 free;
	u8 prio;

	if (likely(spi < GIC_NR_INTIDS - 32)) {
		if (unlikely(!((cpu->cell->spi_owned[spi / 64] >> (spi % 64)) &
			       1))) {
			gic_foreign_spi(cpu, intid);
			return;
		}
	} else if (intid < 16) {
		gic_sgi(cpu, intid);
		return;
	} else if (intid >= 32) {
		return;		/* spurious (1020..1023) */
	} else if (unlikely(intid == gic_sys.maint_irq)) {
		gic_maintenance(cpu, intid);
		return;
	}

	prio = intid < 32 ? cpu->arch.gic.ppi_prio[intid] :
			    gic_sys.spi_prio[intid];
	free = gic_read(ICH_ELRSR_EL2);
	if (likely(free))
		gic_write_free_lr(free, gic_lr_hw(intid, prio,
						  ICH_LR_STATE_PENDING));
	else
		gic_queue(cpu, intid);	/* cannot fire again: still active */
	/* priority drop only (EOImode 1): the guest deactivates via the LR */
	gic_write(ICC_EOIR1_EL1, intid);
	cpu->stats[BH_EXIT_IRQ]++;
	/*
	 * No ISB: the ERET is the context synchronization event after which
	 * the ICH/ICC writes are in effect (IHI 0069, "Observability of the
	 * effects of accesses to the GIC registers").
	 */
}

void gic_send_event(unsigned int target)
{
	/*
	 * The target must see the stores made before: a DMB does not order
	 * them against the ICC_SGI1R_EL1 write (not a memory access), a DSB
	 * completes them first. The ISB makes the write take effect before
	 * what follows (a wait for the target, typically).
	 */
	dsb(ishst);
	gic_sgi_send(GIC_EVENT_SGI, BIT(target));
	isb();
}

/* ---- takeover ---------------------------------------------------------- */

/*
 * Interrupts active on this CPU at takeover, as active list register
 * values. A PPI or SPI gets a hardware link, so the guest's deactivation
 * reaches it; an SGI is deactivated here (it cannot be linked) and listed
 * only so that the guest's deactivation finds it.
 */
static int gic_collect_active(struct per_cpu *cpu, u64 *lrs,
			      unsigned int max)
{
	u32 frame = gic_sys.cpu_frame[cpu->index], bits, intid;
	unsigned int n = 0, w;
	u64 router;
	u8 prio;

	bits = gic_hw_read(GIC_GICR, rd_sgi(frame, GICR_ISACTIVER0), 4) &
	       ~gic_sys.reserved;
	for (w = 0; w < gic_sys.nr_irqs / 32; w++) {
		if (w)
			bits = gic_hw_read(GIC_GICD, GICD_ISACTIVER + w * 4, 4);
		for (; bits; bits &= bits - 1) {
			intid = w * 32 + __builtin_ctz(bits);
			router = GICD_IROUTER + intid * 8;
			if (intid >= 32 && gic_hw_read(GIC_GICD, router, 8) !=
					   gic_sys.mpidr[cpu->index])
				continue;
			if (n == max)
				return -EBUSY;
			prio = gic_prio(cpu->index, intid);
			if (intid < 16)
				lrs[n++] = gic_lr_virt(intid, prio,
						       ICH_LR_STATE_ACTIVE);
			else
				lrs[n++] = gic_lr_hw(intid, prio,
						     ICH_LR_STATE_ACTIVE);
		}
	}
	return n;
}

static void gic_wait_rwp(u32 frame)
{
	unsigned int i;

	for (i = 0; i < 1000000; i++)
		if (!(gic_hw_read(GIC_GICR, frame * gic_sys.frame_size +
				  GICR_CTLR, 4) & GICR_CTLR_RWP))
			return;
	pr_err("GIC: redistributor %u: RWP stuck\n", frame);
}

/* Reserve GIC_EVENT_SGI and the maintenance PPI, group 1, high priority */
static void gic_reserve_ppis(struct gic_cpu *g)
{
	u32 maint = gic_sys.maint_irq, rsv = gic_sys.reserved;
	u32 cfg = 3U << (2 * (maint - 16)), val;

	val = gic_hw_read(GIC_GICR, rd_sgi(g->frame, GICR_ISENABLER0), 4);
	g->saved_enable = val & rsv;
	val = gic_hw_read(GIC_GICR, rd_sgi(g->frame, GICR_IGROUPR0), 4);
	g->saved_group = val & rsv;
	g->saved_icfgr1 = gic_hw_read(GIC_GICR, rd_sgi(g->frame, GICR_ICFGR1),
				      4);
	g->saved_prio[0] = gic_hw_read(GIC_GICR, rd_sgi(g->frame,
				       GICR_IPRIORITYR0 + GIC_EVENT_SGI), 1);
	g->saved_prio[1] = gic_hw_read(GIC_GICR, rd_sgi(g->frame,
				       GICR_IPRIORITYR0 + maint), 1);

	/* configuration changes only while disabled */
	gic_hw_write(GIC_GICR, rd_sgi(g->frame, GICR_ICENABLER0), 4, rsv);
	gic_wait_rwp(g->frame);
	gic_hw_write(GIC_GICR, rd_sgi(g->frame, GICR_IGROUPR0), 4, val | rsv);
	gic_hw_write(GIC_GICR, rd_sgi(g->frame,
		     GICR_IPRIORITYR0 + GIC_EVENT_SGI), 1, GIC_KERNEL_PRIO);
	gic_hw_write(GIC_GICR, rd_sgi(g->frame, GICR_IPRIORITYR0 + maint), 1,
		     GIC_KERNEL_PRIO);
	/* the maintenance interrupt is level-sensitive */
	gic_hw_write(GIC_GICR, rd_sgi(g->frame, GICR_ICFGR1), 4,
		     g->saved_icfgr1 & ~cfg);
	gic_hw_write(GIC_GICR, rd_sgi(g->frame, GICR_ISENABLER0), 4, rsv);
}

static void gic_restore_ppis(struct gic_cpu *g)
{
	u32 maint = gic_sys.maint_irq, rsv = gic_sys.reserved;
	u32 cfg = 3U << (2 * (maint - 16)), val, off;

	gic_hw_write(GIC_GICR, rd_sgi(g->frame, GICR_ICENABLER0), 4,
		     rsv & ~g->saved_enable);
	gic_wait_rwp(g->frame);
	/* an event SGI sent to this CPU in the last moment goes nowhere */
	gic_hw_write(GIC_GICR, rd_sgi(g->frame, GICR_ICPENDR0), 4,
		     rsv & ~g->saved_enable);

	off = rd_sgi(g->frame, GICR_IGROUPR0);
	val = gic_hw_read(GIC_GICR, off, 4);
	gic_hw_write(GIC_GICR, off, 4, (val & ~rsv) | g->saved_group);
	off = rd_sgi(g->frame, GICR_ICFGR1);
	val = gic_hw_read(GIC_GICR, off, 4);
	gic_hw_write(GIC_GICR, off, 4, (val & ~cfg) | (g->saved_icfgr1 & cfg));
	gic_hw_write(GIC_GICR, rd_sgi(g->frame,
		     GICR_IPRIORITYR0 + GIC_EVENT_SGI), 1, g->saved_prio[0]);
	gic_hw_write(GIC_GICR, rd_sgi(g->frame, GICR_IPRIORITYR0 + maint), 1,
		     g->saved_prio[1]);
}

/* Number of active priority registers for @bits priority bits */
static unsigned int gic_num_aprs(unsigned int bits)
{
	return bits >= 7 ? 4 : bits == 6 ? 2 : 1;
}

/*
 * A CPU Linux never brought up still has its redistributor asleep, and
 * the cell's writes to GICR_WAKER are ignored (gicr.c): wake it here, or
 * neither the kernel's event SGI nor the cell's interrupts reach it.
 */
static int gic_redist_wake(u32 frame)
{
	u64 off = (u64)frame * gic_sys.frame_size + GICR_WAKER;
	u32 waker = gic_hw_read(GIC_GICR, off, 4);
	unsigned int spins;

	if (!(waker & GICR_WAKER_PS))
		return 0;
	gic_hw_write(GIC_GICR, off, 4, waker & ~GICR_WAKER_PS);
	for (spins = 0; spins < 1000000; spins++)
		if (!(gic_hw_read(GIC_GICR, off, 4) & GICR_WAKER_CA))
			return 0;
	return -EBUSY;
}

int gic_cpu_init(struct per_cpu *cpu)
{
	struct gic_cpu *g = &cpu->arch.gic;
	u64 vtr = gic_read(ICH_VTR_EL2), ctlr = gic_read(ICC_CTLR_EL1);
	u64 lrs[16], vmcr;
	unsigned int i, pribits = ((ctlr >> 8) & 7) + 1;
	int n;

	if (cpu->index >= gic_sys.num_cpus)
		return -ENODEV;
	/*
	 * Linux drops the priority right after acknowledging (EOImode 1), so
	 * it never holds an active priority where it calls us. If it did, we
	 * could not move that state into the virtual interface.
	 */
	for (i = 0; i < gic_num_aprs(pribits); i++) {
		if (gic_read_icc_ap1r(i)) {
			pr_err("GIC: CPU %u: active priority at takeover\n",
			       cpu->index);
			return -EBUSY;
		}
	}

	if (gic_redist_wake(gic_sys.cpu_frame[cpu->index])) {
		pr_err("GIC: CPU %u: redistributor does not wake up\n",
		       cpu->index);
		return -EBUSY;
	}
	memset(g, 0, sizeof(*g));
	g->sgi_key = ~0UL;		/* no SGI group remembered yet */
	g->frame = gic_sys.cpu_frame[cpu->index];
	g->ppi_prio = gic_sys.ppi_prio[cpu->index];
	g->num_lrs = ICH_VTR_LISTREGS(vtr);
	g->lr_mask = BIT(g->num_lrs) - 1;
	g->num_aprs = gic_num_aprs(ICH_VTR_PREBITS(vtr));

	/*
	 * An interrupt Linux acknowledged but has not deactivated yet (the
	 * IPI that brought this CPU here, typically) would stay active for
	 * good: its ICC_DIR_EL1 write will go to the virtual interface. An
	 * active list register takes that deactivation (see
	 * gic_collect_active()).
	 */
	n = gic_collect_active(cpu, lrs, MIN(g->num_lrs, 16U));
	if (n < 0) {
		pr_err("GIC: CPU %u: too many active interrupts at takeover\n",
		       cpu->index);
		return n;
	}

	/* EOImode is 1 here: an active interrupt without active priority */
	for (i = 0; i < (unsigned int)n; i++)
		if (!(lrs[i] & ICH_LR_HW))
			gic_write(ICC_DIR_EL1, ICH_LR_VINTID(lrs[i]));
	gic_reserve_ppis(g);

	/*
	 * Group 0 stays untouched: with two security states its ICC
	 * registers may belong to EL3, and Linux uses group 1 only.
	 */
	vmcr = ICH_VMCR_VFIQEN |
	       ((gic_read(ICC_PMR_EL1) & 0xff) << ICH_VMCR_PMR_SHIFT) |
	       ((gic_read(ICC_BPR1_EL1) & 7) << ICH_VMCR_BPR1_SHIFT) |
	       (ctlr & ICC_CTLR_EOIMODE ? ICH_VMCR_EOIM : 0) |
	       (ctlr & ICC_CTLR_CBPR ? ICH_VMCR_CBPR : 0) |
	       (gic_read(ICC_IGRPEN1_EL1) & 1 ? ICH_VMCR_ENG1 : 0);
	gic_write(ICH_VMCR_EL2, vmcr);
	for (i = 0; i < g->num_aprs; i++)
		gic_clear_ich_apr(i);
	for (i = 0; i < g->num_lrs; i++)
		gic_write_lr(i, i < (unsigned int)n ? lrs[i] : 0);
	g->hcr = ICH_HCR_EN;
	gic_write(ICH_HCR_EL2, g->hcr);

	/* EL2 drops priority, the guest deactivates; let everything in */
	gic_write(ICC_CTLR_EL1, ctlr | ICC_CTLR_EOIMODE);
	gic_write(ICC_PMR_EL1, 0xff);
	gic_write(ICC_IGRPEN1_EL1, 1);
	/* ICC/ICH writes take effect at a context synchronization event */
	isb();
	g->taken = true;
	return 0;
}

/* ---- hand-back --------------------------------------------------------- */

static bool gic_is_edge(u32 frame, u32 intid)
{
	u32 cfg;

	if (intid < 16)
		return true;
	if (intid < 32)
		cfg = gic_hw_read(GIC_GICR, rd_sgi(frame, GICR_ICFGR1), 4);
	else
		cfg = gic_hw_read(GIC_GICD, GICD_ICFGR + intid / 16 * 4, 4);
	return cfg & BIT(2 * (intid % 16) + 1);
}

/*
 * Give the queued interrupts back to the physical GIC. A PPI or SPI is
 * active (acknowledged here): an edge-triggered one is made pending again
 * first, then it is deactivated, so none is lost and none stays active; a
 * level-sensitive one becomes pending again by itself while its line is
 * asserted (and should not if the device has let go). An SGI was
 * deactivated on arrival and is only made pending again.
 */
static void gic_return_queued(struct per_cpu *cpu)
{
	struct gic_cpu *g = &cpu->arch.gic;
	unsigned int w;
	u32 intid;
	u64 bits;

	for (w = 0; w < ARRAY_SIZE(g->queued); w++) {
		for (bits = g->queued[w]; bits; bits &= bits - 1) {
			intid = w * 64 + __builtin_ctzll(bits);
			if (!gic_is_edge(g->frame, intid))
				continue;
			if (intid < 32)
				gic_hw_write(GIC_GICR,
					     rd_sgi(g->frame, GICR_ISPENDR0), 4,
					     BIT(intid));
			else
				gic_hw_write(GIC_GICD,
					     GICD_ISPENDR + intid / 32 * 4, 4,
					     BIT(intid % 32));
		}
	}
	/* the pending state is set before the deactivations below */
	dsb(sy);
	for (w = 0; w < ARRAY_SIZE(g->queued); w++) {
		bits = g->queued[w];
		if (w == 0)
			bits &= ~0xffffUL;
		for (; bits; bits &= bits - 1)
			gic_write(ICC_DIR_EL1, w * 64 + __builtin_ctzll(bits));
		g->queued[w] = 0;
	}
	g->num_queued = 0;
	isb();
}

/*
 * Empty the list registers: pending entries join the queue (to be given
 * back). Active ones are the guest's to deactivate, now at the physical
 * interface: a linked PPI/SPI still is active there, an SGI is made active
 * again. With @deactivate (the guest context is gone) they are
 * deactivated instead.
 */
static void gic_flush_lrs(struct per_cpu *cpu, bool deactivate)
{
	struct gic_cpu *g = &cpu->arch.gic;
	u64 lr, isactiver = rd_sgi(g->frame, GICR_ISACTIVER0);
	unsigned int i;
	u32 intid;

	for (i = 0; i < g->num_lrs; i++) {
		lr = gic_read_lr(i);
		gic_write_lr(i, 0);
		intid = ICH_LR_VINTID(lr);
		if (intid >= GIC_NR_INTIDS)
			continue;
		if (lr & ICH_LR_STATE_PENDING)
			gic_queue_add(g, intid);
		if (!(lr & ICH_LR_STATE_ACTIVE))
			continue;
		if (deactivate && (lr & ICH_LR_HW))
			gic_write(ICC_DIR_EL1, intid);
		else if (!deactivate && intid < 16)
			gic_hw_write(GIC_GICR, isactiver, 4, BIT(intid));
	}
}

void gic_cpu_exit(struct per_cpu *cpu)
{
	struct gic_cpu *g = &cpu->arch.gic;
	u64 vmcr, ctlr;
	unsigned int i;

	if (!g->taken)
		return;
	gic_write(ICH_HCR_EL2, 0);
	gic_flush_lrs(cpu, false);
	gic_return_queued(cpu);

	vmcr = gic_read(ICH_VMCR_EL2);
	for (i = 0; i < g->num_aprs; i++)
		gic_clear_ich_apr(i);
	ctlr = gic_read(ICC_CTLR_EL1) & ~(ICC_CTLR_EOIMODE | ICC_CTLR_CBPR);
	if (vmcr & ICH_VMCR_EOIM)
		ctlr |= ICC_CTLR_EOIMODE;
	if (vmcr & ICH_VMCR_CBPR)
		ctlr |= ICC_CTLR_CBPR;
	gic_write(ICC_CTLR_EL1, ctlr);
	gic_write(ICC_BPR1_EL1, (vmcr >> ICH_VMCR_BPR1_SHIFT) & 7);
	gic_write(ICC_PMR_EL1, (vmcr >> ICH_VMCR_PMR_SHIFT) & 0xff);
	gic_write(ICC_IGRPEN1_EL1, !!(vmcr & ICH_VMCR_ENG1));
	isb();

	gic_restore_ppis(g);
	g->taken = false;
}

void gic_cpu_reset(struct per_cpu *cpu)
{
	struct gic_cpu *g = &cpu->arch.gic;
	unsigned int i;

	if (!g->taken)
		return;
	gic_flush_lrs(cpu, true);
	gic_return_queued(cpu);
	for (i = 0; i < g->num_aprs; i++)
		gic_clear_ich_apr(i);
	gic_write(ICH_VMCR_EL2, ICH_VMCR_VFIQEN);
	g->hcr = ICH_HCR_EN;
	gic_write(ICH_HCR_EL2, g->hcr);
	isb();
}
