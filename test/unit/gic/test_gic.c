/* SPDX-License-Identifier: GPL-2.0 */
/* Unit tests of the GIC emulation, SGI filtering and probing (fake GIC). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include <core/cell.h>
#include <core/percpu.h>
#include <core/printk.h>
#include "gic-emul.h"

/* ---- a fake GIC: register files and a log of the writes --------------- */

#define NFRAMES		4
#define MAINT		25
#define RSV		(BIT(GIC_EVENT_SGI) | BIT(MAINT) | \
			 BIT(GIC_HYP_TIMER_PPI))

static u8 gicd[GICD_SIZE];
static u8 gicr[NFRAMES * GICR_FRAME_SIZE];

struct hw_write {
	enum gic_block blk;
	u64 off;
	unsigned int size;
	u64 val;
};

static struct hw_write wlog[64];
static unsigned int nw;
static u64 sgi_log[64];
static unsigned int nsgi;
static unsigned int nprintk;
static int lock_depth;

static u8 *blk_mem(enum gic_block blk, u64 off, unsigned int size)
{
	u64 lim = blk == GIC_GICD ? sizeof(gicd) : sizeof(gicr);

	assert_true(off + size <= lim);
	assert_int_equal(off % size, 0);
	return (blk == GIC_GICD ? gicd : gicr) + off;
}

u64 gic_hw_read(enum gic_block blk, u64 off, unsigned int size)
{
	u64 v = 0;

	memcpy(&v, blk_mem(blk, off, size), size);
	return v;
}

void gic_hw_write(enum gic_block blk, u64 off, unsigned int size, u64 val)
{
	assert_true(nw < ARRAY_SIZE(wlog));
	wlog[nw++] = (struct hw_write){ blk, off, size, val };
	memcpy(blk_mem(blk, off, size), &val, size);
}

void gic_emul_lock(void)
{
	assert_int_equal(lock_depth++, 0);
}

void gic_emul_unlock(void)
{
	assert_int_equal(--lock_depth, 0);
}

void gic_sgi1r_write(u64 val)
{
	assert_true(nsgi < ARRAY_SIZE(sgi_log));
	sgi_log[nsgi++] = val;
}

void printk(const char *fmt, ...)
{
	(void)fmt;
	nprintk++;
}

static void put(enum gic_block blk, u64 off, unsigned int size, u64 val)
{
	memcpy(blk_mem(blk, off, size), &val, size);
}

static u64 frame_off(unsigned int f)
{
	return f * GICR_FRAME_SIZE;
}

static u64 sgi_off(unsigned int f, u64 reg)
{
	return f * GICR_FRAME_SIZE + GICR_SGI_BASE + reg;
}

/* QEMU virt-like: GICv3, 288 INTIDs, 4 CPUs with Aff0 = 0..3 */
static void fake_gic(void)
{
	unsigned int f, i;

	memset(gicd, 0, sizeof(gicd));
	memset(gicr, 0, sizeof(gicr));
	memset(&gic_sys, 0, sizeof(gic_sys));
	nw = nsgi = nprintk = 0;

	put(GIC_GICD, GICD_PIDR2, 4, 0x3b);
	put(GIC_GICD, GICD_CTLR, 4, 0x53);	/* DS, ARE, EnableGrp1 */
	put(GIC_GICD, GICD_TYPER, 4, 0x8 | GICD_TYPER_LPIS);
	put(GIC_GICD, GICD_IIDR, 4, 0x43b);
	for (i = 32; i < 288; i++)
		gicd[GICD_IPRIORITYR + i] = 0xa0;
	for (f = 0; f < NFRAMES; f++) {
		put(GIC_GICR, frame_off(f) + GICR_PIDR2, 4, 0x3b);
		put(GIC_GICR, frame_off(f) + GICR_TYPER, 8,
		    ((u64)f << 32) | (f << 8) | GICR_TYPER_PLPIS |
		    (f == NFRAMES - 1 ? GICR_TYPER_LAST : 0));
		for (i = 0; i < 32; i++)
			gicr[sgi_off(f, GICR_IPRIORITYR0) + i] = 0xa0;
	}
}

static int setup(void **state)
{
	static const u64 mpidr[NFRAMES] = { 0, 1, 2, 3 };

	(void)state;
	fake_gic();
	assert_int_equal(gic_probe(sizeof(gicr), MAINT, 0xf8), 0);
	assert_int_equal(gic_set_cpus(mpidr, NFRAMES), 0);
	nw = 0;
	return 0;
}

/* The root of manifests/qemu-arm64.dts: SPIs 32, 34..287, CPUs 0..3 */
static u64 root_spis[(NUM_SPIS + 63) / 64];
/* A second cell: SPI 33, CPUs 2 and 3 */
static u64 other_spis[(NUM_SPIS + 63) / 64];

static void own(u64 *map, u32 first, u32 count)
{
	u32 i;

	for (i = first; i < first + count; i++)
		map[(i - 32) / 64] |= 1UL << ((i - 32) % 64);
}

static struct gic_view root_view(unsigned int self)
{
	memset(root_spis, 0, sizeof(root_spis));
	own(root_spis, 32, 1);
	own(root_spis, 34, 254);
	return (struct gic_view){ root_spis, 0xf, self };
}

static struct gic_view small_view(unsigned int self)
{
	memset(root_spis, 0, sizeof(root_spis));
	own(root_spis, 32, 1);
	own(root_spis, 34, 254);
	return (struct gic_view){ root_spis, 0x3, self };
}

static struct gic_view other_view(unsigned int self)
{
	memset(other_spis, 0, sizeof(other_spis));
	own(other_spis, 33, 1);
	return (struct gic_view){ other_spis, 0xc, self };
}

static enum trap_result rd(enum trap_result (*fn)(const struct gic_view *,
						  struct mmio_access *),
			   const struct gic_view *v, u64 off,
			   unsigned int size, u64 *val)
{
	struct mmio_access acc = { off, size, false, 0xdeadbeef };
	enum trap_result r = fn(v, &acc);

	*val = acc.value;
	return r;
}

static enum trap_result wr(enum trap_result (*fn)(const struct gic_view *,
						  struct mmio_access *),
			   const struct gic_view *v, u64 off,
			   unsigned int size, u64 val)
{
	struct mmio_access acc = { off, size, true, val };

	return fn(v, &acc);
}

/* ---- probing ---------------------------------------------------------- */

static void test_probe(void **state)
{
	(void)state;
	assert_int_equal(gic_sys.nr_irqs, 288);
	assert_int_equal(gic_sys.num_frames, NFRAMES);
	assert_int_equal(gic_sys.frame_size, GICR_FRAME_SIZE);
	assert_int_equal(gic_sys.reserved, RSV);
	assert_int_equal(gic_sys.cpu_frame[2], 2);
	assert_int_equal(gic_sys.frame_cpu[3], 3);
	assert_int_equal(gic_sys.spi_prio[100], 0xa0);
	assert_int_equal(gic_sys.ppi_prio[1][27], 0xa0);
	assert_int_equal(nw, 0);	/* probing writes nothing */
}

static void test_probe_rejects(void **state)
{
	static const u64 bad_mpidr[2] = { 0, 0x100 };

	(void)state;
	fake_gic();
	put(GIC_GICD, GICD_PIDR2, 4, 0x2b);
	assert_int_equal(gic_probe(sizeof(gicr), MAINT, 0xf8), -ENODEV);

	fake_gic();
	put(GIC_GICD, GICD_CTLR, 4, 0x3);	/* affinity routing off */
	assert_int_equal(gic_probe(sizeof(gicr), MAINT, 0xf8), -ENODEV);

	fake_gic();
	assert_int_equal(gic_probe(sizeof(gicr), GIC_EVENT_SGI, 0xf8),
			 -ENODEV);

	fake_gic();
	assert_int_equal(gic_probe(sizeof(gicr), MAINT, 0xf8), 0);
	assert_int_equal(gic_set_cpus(bad_mpidr, 2), -ENODEV);
}

static void test_probe_stops_at_region_end(void **state)
{
	(void)state;
	fake_gic();
	/* no frame says Last: the region size bounds the walk */
	put(GIC_GICR, frame_off(3) + GICR_TYPER, 8, 3ULL << 32);
	assert_int_equal(gic_probe(2 * GICR_FRAME_SIZE, MAINT, 0xf8), 0);
	assert_int_equal(gic_sys.num_frames, 2);
}

/* ---- distributor -------------------------------------------------------- */

static void test_gicd_sizes(void **state)
{
	struct gic_view v = root_view(0);
	u64 val;

	(void)state;
	assert_int_equal(rd(gicd_emulate, &v, GICD_CTLR, 2, &val),
			 TRAP_FORBIDDEN);
	assert_int_equal(rd(gicd_emulate, &v, GICD_CTLR + 1, 1, &val),
			 TRAP_FORBIDDEN);
	assert_int_equal(rd(gicd_emulate, &v, GICD_ISENABLER + 6, 4, &val),
			 TRAP_FORBIDDEN);
	assert_int_equal(rd(gicd_emulate, &v, GICD_CTLR, 8, &val),
			 TRAP_FORBIDDEN);
	assert_int_equal(rd(gicd_emulate, &v, GICD_IROUTER + 8 * 40 + 4, 8,
			    &val), TRAP_FORBIDDEN);
	assert_int_equal(rd(gicd_emulate, &v, GICD_IPRIORITYR + 41, 1, &val),
			 TRAP_HANDLED);
	assert_int_equal(rd(gicd_emulate, &v, GICD_IROUTER + 8 * 40, 8, &val),
			 TRAP_HANDLED);
	assert_int_equal(rd(gicd_emulate, &v, GICD_IROUTER + 8 * 40 + 4, 4,
			    &val), TRAP_HANDLED);
	assert_int_equal(nw, 0);
}

static void test_gicd_ctlr_typer(void **state)
{
	struct gic_view v = root_view(0);
	u64 val;

	(void)state;
	assert_int_equal(rd(gicd_emulate, &v, GICD_CTLR, 4, &val),
			 TRAP_HANDLED);
	assert_int_equal(val, 0x53);
	assert_int_equal(wr(gicd_emulate, &v, GICD_CTLR, 4, 0), TRAP_HANDLED);
	assert_int_equal(nw, 0);
	rd(gicd_emulate, &v, GICD_TYPER, 4, &val);
	assert_int_equal(val, 0x8);		/* LPIS hidden */
	rd(gicd_emulate, &v, GICD_PIDR2, 4, &val);
	assert_int_equal(val, 0x3b);
	rd(gicd_emulate, &v, GICD_ITARGETSR + 40, 4, &val);
	assert_int_equal(val, 0);
}

static void test_gicd_bitmaps(void **state)
{
	struct gic_view v = root_view(1);
	u64 val;

	(void)state;
	put(GIC_GICD, GICD_ISENABLER + 4, 4, 0xffffffff);
	put(GIC_GICD, GICD_ISENABLER, 4, 0xffffffff);
	rd(gicd_emulate, &v, GICD_ISENABLER + 4, 4, &val);
	assert_int_equal(val, 0xfffffffd);	/* INTID 33 is not ours */
	rd(gicd_emulate, &v, GICD_ISENABLER, 4, &val);
	assert_int_equal(val, 0);		/* SGI/PPI: RAZ with ARE */

	wr(gicd_emulate, &v, GICD_ICENABLER + 4, 4, 0xffffffff);
	assert_int_equal(nw, 1);
	assert_int_equal(wlog[0].off, GICD_ICENABLER + 4);
	assert_int_equal(wlog[0].val, 0xfffffffd);

	wr(gicd_emulate, &v, GICD_ISPENDR + 4, 4, 0x2);	/* only INTID 33 */
	wr(gicd_emulate, &v, GICD_ICACTIVER, 4, 0xffffffff);
	assert_int_equal(nw, 1);

	/* beyond the last owned SPI */
	rd(gicd_emulate, &v, GICD_ISENABLER + 4 * 9, 4, &val);
	assert_int_equal(val, 0);

	/* another cell sees only INTID 33 */
	v = other_view(2);
	rd(gicd_emulate, &v, GICD_ISENABLER + 4, 4, &val);
	assert_int_equal(val, 0x2);
}

static void test_gicd_group_stays_1(void **state)
{
	struct gic_view v = root_view(0);
	u64 val;

	(void)state;
	put(GIC_GICD, GICD_IGROUPR + 4, 4, 0x0000fffe);
	wr(gicd_emulate, &v, GICD_IGROUPR + 4, 4, 0xffff0000);
	rd(gicd_emulate, &v, GICD_IGROUPR + 4, 4, &val);
	/* bits set, none cleared, INTID 33 untouched */
	assert_int_equal(gic_hw_read(GIC_GICD, GICD_IGROUPR + 4, 4),
			 0xfffffffe);
	assert_int_equal(val, 0xfffffffc);
	wr(gicd_emulate, &v, GICD_IGROUPR + 4, 4, 0);
	assert_int_equal(gic_hw_read(GIC_GICD, GICD_IGROUPR + 4, 4),
			 0xfffffffe);
}

static void test_gicd_priority(void **state)
{
	struct gic_view v = root_view(0);
	u64 val;

	(void)state;
	/* INTIDs 32..35: 33 belongs to someone else */
	wr(gicd_emulate, &v, GICD_IPRIORITYR + 32, 4, 0x80706050);
	assert_int_equal(nw, 3);
	assert_int_equal(wlog[0].size, 1);
	assert_int_equal(wlog[0].off, GICD_IPRIORITYR + 32);
	assert_int_equal(wlog[1].off, GICD_IPRIORITYR + 34);
	assert_int_equal(wlog[2].off, GICD_IPRIORITYR + 35);
	assert_int_equal(gicd[GICD_IPRIORITYR + 33], 0xa0);
	assert_int_equal(gic_sys.spi_prio[32], 0x50);
	assert_int_equal(gic_sys.spi_prio[33], 0xa0);
	assert_int_equal(gic_sys.spi_prio[35], 0x80);
	rd(gicd_emulate, &v, GICD_IPRIORITYR + 32, 4, &val);
	assert_int_equal(val, 0x80700050);

	/* a fully owned word goes through as one write */
	nw = 0;
	wr(gicd_emulate, &v, GICD_IPRIORITYR + 36, 4, 0x98989898);
	assert_int_equal(nw, 1);
	assert_int_equal(wlog[0].size, 4);
	/* the shadow keeps the implemented bits only */
	assert_int_equal(gic_sys.spi_prio[36], 0x98);
	wr(gicd_emulate, &v, GICD_IPRIORITYR + 40, 1, 0x9f);
	assert_int_equal(gic_sys.spi_prio[40], 0x98);

	/* SGI/PPI priorities live in the redistributor */
	nw = 0;
	wr(gicd_emulate, &v, GICD_IPRIORITYR + 27, 1, 0);
	assert_int_equal(nw, 0);
}

static void test_gicd_config(void **state)
{
	struct gic_view v = root_view(0);
	u64 val;

	(void)state;
	put(GIC_GICD, GICD_ICFGR + 8, 4, 0x0000000c);	/* INTID 33 edge */
	wr(gicd_emulate, &v, GICD_ICFGR + 8, 4, 0xaaaaaaa2);
	assert_int_equal(gic_hw_read(GIC_GICD, GICD_ICFGR + 8, 4),
			 0xaaaaaaae);
	rd(gicd_emulate, &v, GICD_ICFGR + 8, 4, &val);
	assert_int_equal(val, 0xaaaaaaa2);
	/* SGIs and PPIs: RAZ/WI in the distributor */
	nw = 0;
	wr(gicd_emulate, &v, GICD_ICFGR + 4, 4, 0xffffffff);
	assert_int_equal(nw, 0);
}

static void test_gicd_router(void **state)
{
	struct gic_view v = small_view(1);
	u64 reg = GICD_IROUTER + 8 * 40, val;

	(void)state;
	put(GIC_GICD, reg, 8, 0);
	wr(gicd_emulate, &v, reg, 8, 1);		/* CPU 1: in the cell */
	assert_int_equal(gic_hw_read(GIC_GICD, reg, 8), 1);
	rd(gicd_emulate, &v, reg, 8, &val);
	assert_int_equal(val, 1);

	wr(gicd_emulate, &v, reg, 8, 2);		/* CPU 2: not */
	assert_int_equal(gic_hw_read(GIC_GICD, reg, 8), 1);
	assert_int_equal(nprintk, 1);
	wr(gicd_emulate, &v, reg, 8, 3);		/* logged once only */
	assert_int_equal(nprintk, 1);

	wr(gicd_emulate, &v, reg, 8, GICD_IROUTER_IRM);	/* 1-of-N */
	assert_int_equal(gic_hw_read(GIC_GICD, reg, 8), 1);
	v.self = 0;
	wr(gicd_emulate, &v, reg, 8, GICD_IROUTER_IRM | 1);
	assert_int_equal(gic_hw_read(GIC_GICD, reg, 8), 0);

	/* 32-bit halves: low half names CPU 1, high half (Aff3) must fit */
	wr(gicd_emulate, &v, reg, 4, 1);
	assert_int_equal(gic_hw_read(GIC_GICD, reg, 8), 1);
	wr(gicd_emulate, &v, reg + 4, 4, 5);		/* Aff3 = 5: no */
	assert_int_equal(gic_hw_read(GIC_GICD, reg, 8), 1);
	rd(gicd_emulate, &v, reg + 4, 4, &val);
	assert_int_equal(val, 0);

	/* not our SPI: RAZ/WI */
	nw = 0;
	put(GIC_GICD, GICD_IROUTER + 8 * 33, 8, 3);
	wr(gicd_emulate, &v, GICD_IROUTER + 8 * 33, 8, 1);
	assert_int_equal(nw, 0);
	rd(gicd_emulate, &v, GICD_IROUTER + 8 * 33, 8, &val);
	assert_int_equal(val, 0);
}

/* ---- redistributors ------------------------------------------------------ */

static void test_gicr_typer(void **state)
{
	struct gic_view v = small_view(0);
	u64 val;

	(void)state;
	rd(gicr_emulate, &v, frame_off(0) + GICR_TYPER, 8, &val);
	assert_int_equal(val, 0);			/* no PLPIS, no Last */
	rd(gicr_emulate, &v, frame_off(1) + GICR_TYPER, 8, &val);
	assert_int_equal(val, (1ULL << 32) | (1 << 8) | GICR_TYPER_LAST);
	rd(gicr_emulate, &v, frame_off(1) + GICR_TYPER + 4, 4, &val);
	assert_int_equal(val, 1);
	rd(gicr_emulate, &v, frame_off(1) + GICR_TYPER, 4, &val);
	assert_int_equal(val, (1 << 8) | GICR_TYPER_LAST);
	/* another cell's frame is still readable for the probe walk */
	rd(gicr_emulate, &v, frame_off(3) + GICR_TYPER, 8, &val);
	assert_int_equal(val, (3ULL << 32) | (3 << 8));
	rd(gicr_emulate, &v, frame_off(3) + GICR_PIDR2, 4, &val);
	assert_int_equal(val, 0x3b);

	/* the whole system's last frame for the root */
	v = root_view(0);
	rd(gicr_emulate, &v, frame_off(3) + GICR_TYPER, 8, &val);
	assert_true(val & GICR_TYPER_LAST);

	/* a cell whose CPUs are not the first frames */
	v = other_view(2);
	rd(gicr_emulate, &v, frame_off(0) + GICR_TYPER, 8, &val);
	assert_false(val & GICR_TYPER_LAST);
	rd(gicr_emulate, &v, frame_off(3) + GICR_TYPER, 8, &val);
	assert_true(val & GICR_TYPER_LAST);
}

static void test_gicr_sizes(void **state)
{
	struct gic_view v = root_view(0);
	u64 val;

	(void)state;
	assert_int_equal(rd(gicr_emulate, &v, GICR_CTLR, 8, &val),
			 TRAP_FORBIDDEN);
	assert_int_equal(rd(gicr_emulate, &v, GICR_WAKER, 2, &val),
			 TRAP_FORBIDDEN);
	assert_int_equal(rd(gicr_emulate, &v, GICR_SGI_BASE +
			    GICR_ISENABLER0, 1, &val), TRAP_FORBIDDEN);
	assert_int_equal(rd(gicr_emulate, &v, GICR_SGI_BASE +
			    GICR_IPRIORITYR0 + 3, 1, &val), TRAP_HANDLED);
	assert_int_equal(rd(gicr_emulate, &v, GICR_TYPER + 4, 8, &val),
			 TRAP_FORBIDDEN);
}

static void test_gicr_own_frame(void **state)
{
	struct gic_view v = root_view(1);
	u64 val;

	(void)state;
	put(GIC_GICR, sgi_off(1, GICR_ISENABLER0), 4, 0xffffffff);
	rd(gicr_emulate, &v, sgi_off(1, GICR_ISENABLER0), 4, &val);
	assert_int_equal(val, 0xffffffff & ~RSV);
	wr(gicr_emulate, &v, sgi_off(1, GICR_ICENABLER0), 4, 0xffffffff);
	assert_int_equal(nw, 1);
	assert_int_equal(wlog[0].val, 0xffffffff & ~RSV);
	/* another CPU of the same cell may configure it too */
	v.self = 0;
	wr(gicr_emulate, &v, sgi_off(1, GICR_ICACTIVER0), 4, BIT(15));
	assert_int_equal(nw, 1);

	/* priorities: the kernel's bytes are hidden and kept */
	gicr[sgi_off(1, GICR_IPRIORITYR0) + 15] = 0x10;
	rd(gicr_emulate, &v, sgi_off(1, GICR_IPRIORITYR0 + 12), 4, &val);
	assert_int_equal(val, 0x00a0a0a0);
	nw = 0;
	wr(gicr_emulate, &v, sgi_off(1, GICR_IPRIORITYR0 + 12), 4,
	   0x80808080);
	assert_int_equal(nw, 3);
	assert_int_equal(gicr[sgi_off(1, GICR_IPRIORITYR0) + 15], 0x10);
	assert_int_equal(gic_sys.ppi_prio[1][12], 0x80);
	assert_int_equal(gic_sys.ppi_prio[1][15], 0xa0);

	/* ICFGR1: the maintenance PPI keeps its configuration */
	put(GIC_GICR, sgi_off(1, GICR_ICFGR1), 4, 0);
	wr(gicr_emulate, &v, sgi_off(1, GICR_ICFGR1), 4, 0xffffffff);
	assert_int_equal(gic_hw_read(GIC_GICR, sgi_off(1, GICR_ICFGR1), 4),
			 0xffffffff & ~(3U << (2 * (MAINT - 16))) &
			 ~(3U << (2 * (GIC_HYP_TIMER_PPI - 16))));
	/* ICFGR0 (SGIs) is read-only */
	nw = 0;
	wr(gicr_emulate, &v, sgi_off(1, GICR_ICFGR0), 4, 0);
	assert_int_equal(nw, 0);

	/* WAKER, CTLR read through, ignore writes */
	put(GIC_GICR, frame_off(1) + GICR_WAKER, 4, 0);
	wr(gicr_emulate, &v, frame_off(1) + GICR_WAKER, 4, 2);
	assert_int_equal(nw, 0);
	put(GIC_GICR, frame_off(1) + GICR_CTLR, 4, GICR_CTLR_RWP);
	rd(gicr_emulate, &v, frame_off(1) + GICR_CTLR, 4, &val);
	assert_int_equal(val, GICR_CTLR_RWP);
}

static void test_gicr_foreign_frame(void **state)
{
	struct gic_view v = small_view(0);
	u64 val;

	(void)state;
	put(GIC_GICR, sgi_off(2, GICR_ISENABLER0), 4, 0xffff);
	put(GIC_GICR, frame_off(2) + GICR_CTLR, 4, GICR_CTLR_RWP);
	rd(gicr_emulate, &v, sgi_off(2, GICR_ISENABLER0), 4, &val);
	assert_int_equal(val, 0);
	rd(gicr_emulate, &v, frame_off(2) + GICR_CTLR, 4, &val);
	assert_int_equal(val, 0);
	wr(gicr_emulate, &v, sgi_off(2, GICR_ICENABLER0), 4, 0xffffffff);
	wr(gicr_emulate, &v, sgi_off(2, GICR_IPRIORITYR0), 4, 0);
	assert_int_equal(nw, 0);
	/* past the last frame */
	assert_int_equal(rd(gicr_emulate, &v, frame_off(NFRAMES) +
			    GICR_TYPER, 8, &val), TRAP_HANDLED);
	assert_int_equal(val, 0);
}

/* ---- SGIs ------------------------------------------------------------ */

static u64 sgi1r(unsigned int intid, u64 aff3, u64 aff2, u64 aff1,
		 unsigned int rs, u16 list)
{
	return list | (aff1 << 16) | ((u64)intid << 24) | (aff2 << 32) |
	       ((u64)rs << 44) | (aff3 << 48);
}

static void test_sgi_targets(void **state)
{
	(void)state;
	/* cell {0,1,2}, everyone named: CPU 3 filtered out */
	assert_int_equal(gic_sgi_targets(sgi1r(1, 0, 0, 0, 0, 0xf), 0x7, 0),
			 0x7);
	assert_int_equal(gic_sgi_targets(sgi1r(1, 0, 0, 0, 0, 0x8), 0x7, 0),
			 0);
	/* broadcast: the cell but not the sender */
	assert_int_equal(gic_sgi_targets(SGI1R_IRM | (1 << 24), 0x7, 1), 0x5);
	/* wrong cluster, wrong range selector */
	assert_int_equal(gic_sgi_targets(sgi1r(1, 0, 0, 1, 0, 0xf), 0xf, 0),
			 0);
	assert_int_equal(gic_sgi_targets(sgi1r(1, 0, 0, 0, 1, 0xf), 0xf, 0),
			 0);
	/* CPUs beyond num_cpus are never targets */
	assert_int_equal(gic_sgi_targets(SGI1R_IRM, ~0UL, 0), 0xe);
}

static void test_sgi_send_groups(void **state)
{
	(void)state;
	gic_sys.num_cpus = 5;
	gic_sys.mpidr[0] = 0x000;
	gic_sys.mpidr[1] = 0x001;
	gic_sys.mpidr[2] = 0x100;
	gic_sys.mpidr[3] = 0x100000012UL;	/* Aff3 1, Aff0 18 */
	gic_sys.mpidr[4] = 0x103;
	nsgi = 0;
	assert_int_equal(gic_sgi_send(2, 0x1f), 3);
	assert_int_equal(sgi_log[0], sgi1r(2, 0, 0, 0, 0, 0x3));
	assert_int_equal(sgi_log[1], sgi1r(2, 0, 0, 1, 0, 0x9));
	assert_int_equal(sgi_log[2], sgi1r(2, 1, 0, 0, 1, 0x4));
	/* decoding the same values finds the same CPUs */
	assert_int_equal(gic_sgi_targets(sgi_log[1], 0x1f, 0), 0x14);
	assert_int_equal(gic_sgi_targets(sgi_log[2], 0x1f, 0), 0x08);
	assert_int_equal(gic_sgi_send(2, 0), 0);
}

static struct per_cpu test_cpu;
static struct cell test_cell;

static void test_sgi1r_trap(void **state)
{
	(void)state;
	strcpy(test_cell.name, "root");
	test_cell.cpu_set = 0x3;
	memset(&test_cpu, 0, sizeof(test_cpu));
	test_cpu.arch.gic.sgi_key = ~0UL;
	test_cpu.cell = &test_cell;
	test_cpu.index = 0;
	nsgi = 0;
	assert_int_equal(gic_handle_sgi1r(&test_cpu, sgi1r(3, 0, 0, 0, 0, 0xf)),
			 TRAP_HANDLED);
	assert_int_equal(nsgi, 1);
	assert_int_equal(sgi_log[0], sgi1r(3, 0, 0, 0, 0, 0x3));
	/* the same group again: the remembered mask, same result */
	assert_int_equal(test_cpu.arch.gic.sgi_allowed, 0x3);
	gic_handle_sgi1r(&test_cpu, sgi1r(5, 0, 0, 0, 0, 0xe));
	assert_int_equal(nsgi, 2);
	assert_int_equal(sgi_log[1], sgi1r(5, 0, 0, 0, 0, 0x2));
	/* the kernel's event SGI is never forwarded */
	assert_int_equal(gic_handle_sgi1r(&test_cpu,
					  sgi1r(GIC_EVENT_SGI, 0, 0, 0, 0, 2)),
			 TRAP_HANDLED);
	assert_int_equal(nsgi, 2);
	/* nobody reachable: nothing written */
	gic_handle_sgi1r(&test_cpu, sgi1r(3, 0, 0, 0, 0, 0xc));
	assert_int_equal(nsgi, 2);
	/* the cell shrank: the remembered mask is not used */
	test_cell.cpu_set = 0x1;
	gic_handle_sgi1r(&test_cpu, sgi1r(3, 0, 0, 0, 0, 0x3));
	assert_int_equal(nsgi, 3);
	assert_int_equal(sgi_log[2], sgi1r(3, 0, 0, 0, 0, 0x1));
	/* broadcast: every other CPU of the cell, never remembered */
	test_cell.cpu_set = 0x7;
	gic_handle_sgi1r(&test_cpu, SGI1R_IRM | (1UL << 24) | 0xffff);
	assert_int_equal(nsgi, 4);
	assert_int_equal(sgi_log[3], sgi1r(1, 0, 0, 0, 0, 0x6));
	gic_handle_sgi1r(&test_cpu, SGI1R_IRM | (1UL << 24));
	assert_int_equal(nsgi, 5);
	/* another cluster: nobody there in this system */
	gic_handle_sgi1r(&test_cpu, sgi1r(1, 0, 0, 1, 0, 0x1));
	assert_int_equal(nsgi, 5);
	assert_int_equal(test_cpu.stats[BH_EXIT_SGI], 8);
}

/* ---- list registers and the queue ----------------------------------- */

static void test_lr_encoding(void **state)
{
	(void)state;
	assert_int_equal(gic_lr_hw(27, 0xa0, ICH_LR_STATE_PENDING),
			 0x70a0001b0000001bULL);
	assert_int_equal(gic_lr_hw(1019, 0x10, ICH_LR_STATE_ACTIVE),
			 0xb01003fb000003fbULL);
}

static void test_queue(void **state)
{
	struct gic_cpu g;

	(void)state;
	memset(&g, 0, sizeof(g));
	gic_sys.spi_prio[40] = 0xa0;
	gic_sys.spi_prio[300] = 0x80;
	gic_sys.ppi_prio[2][27] = 0xa0;
	gic_sys.ppi_prio[2][1] = 0xa0;
	assert_int_equal(gic_queue_pop(&g, 2), GIC_NR_INTIDS);
	gic_queue_add(&g, 40);
	gic_queue_add(&g, 27);
	gic_queue_add(&g, 40);			/* once only */
	gic_queue_add(&g, 300);
	gic_queue_add(&g, 1);
	assert_int_equal(g.num_queued, 4);
	assert_int_equal(gic_queue_pop(&g, 2), 300);	/* highest priority */
	assert_int_equal(gic_queue_pop(&g, 2), 1);	/* then lowest INTID */
	assert_int_equal(gic_queue_pop(&g, 2), 27);
	assert_int_equal(gic_queue_pop(&g, 2), 40);
	assert_int_equal(gic_queue_pop(&g, 2), GIC_NR_INTIDS);
	assert_int_equal(g.num_queued, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_probe, setup),
		cmocka_unit_test(test_probe_rejects),
		cmocka_unit_test(test_probe_stops_at_region_end),
		cmocka_unit_test_setup(test_gicd_sizes, setup),
		cmocka_unit_test_setup(test_gicd_ctlr_typer, setup),
		cmocka_unit_test_setup(test_gicd_bitmaps, setup),
		cmocka_unit_test_setup(test_gicd_group_stays_1, setup),
		cmocka_unit_test_setup(test_gicd_priority, setup),
		cmocka_unit_test_setup(test_gicd_config, setup),
		cmocka_unit_test_setup(test_gicd_router, setup),
		cmocka_unit_test_setup(test_gicr_typer, setup),
		cmocka_unit_test_setup(test_gicr_sizes, setup),
		cmocka_unit_test_setup(test_gicr_own_frame, setup),
		cmocka_unit_test_setup(test_gicr_foreign_frame, setup),
		cmocka_unit_test_setup(test_sgi_targets, setup),
		cmocka_unit_test_setup(test_sgi_send_groups, setup),
		cmocka_unit_test_setup(test_sgi1r_trap, setup),
		cmocka_unit_test(test_lr_encoding),
		cmocka_unit_test_setup(test_queue, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
