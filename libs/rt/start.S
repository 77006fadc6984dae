/* SPDX-License-Identifier: GPL-2.0 */
/* Entry of a service: CPU state, BSS, MMU and caches on, then musl's _start. */
#include "frame.h"

#define CURRENTEL_EL1	(1 << 2)
#define CPACR_FPEN	(3 << 20)	/* no FP/SIMD traps at EL1 and EL0 */

	.macro	adr_l reg, sym
	adrp	\reg, \sym
	add	\reg, \reg, :lo12:\sym
	.endm

/*
 * bh_rt_entry - the ELF entry point (docs/services.md, "Entry contract")
 * In: EL1, MMU off, x0-x7 as the platform defines them (in a cell: the
 * first call's message in x0-x6, the boot-info page in x7).
 * Keeps x0-x7 in bh_rt_entry_x, sets SP_EL1 just below the start block
 * at the top of the boot stack, zeroes BSS, enables FP/SIMD and the
 * vectors, builds the map in C with the MMU still off, turns the MMU on
 * and enters musl's _start with SP on the start block (argc, argv, envp,
 * auxv). Never returns.
 */
	.section .text.bh_rt_entry, "ax"
	.globl	bh_rt_entry
	.type	bh_rt_entry, %function
bh_rt_entry:
	msr	daifset, #0xf
	mov	x19, x0
	mov	x20, x1
	mov	x21, x2
	mov	x22, x3
	mov	x23, x4
	mov	x24, x5
	mov	x25, x6
	mov	x26, x7
	mrs	x1, CurrentEL
	cmp	x1, #CURRENTEL_EL1
	b.ne	park
	mrs	x1, sctlr_el1
	tbnz	x1, #0, park		/* SCTLR_EL1.M: not for us */
	msr	spsel, #1
	adr_l	x1, __bh_rt_stack_top
	sub	sp, x1, #BH_RT_START_BLOCK

	/* BSS holds the stack too; nothing is on it yet */
	adr_l	x1, __bss_start
	adr_l	x2, __bss_end
1:	cmp	x1, x2
	b.hs	2f
	stp	xzr, xzr, [x1], #16
	b	1b

2:	adr_l	x0, bh_rt_entry_x	/* in BSS: only now */
	stp	x19, x20, [x0]
	stp	x21, x22, [x0, #16]
	stp	x23, x24, [x0, #32]
	stp	x25, x26, [x0, #48]
	mov	x1, #CPACR_FPEN
	msr	cpacr_el1, x1
	adr_l	x1, bh_rt_vectors
	msr	vbar_el1, x1
	isb

	bl	bh_rt_setup		/* MMU off: probe, page tables */
	cbz	x0, park
	mov	x20, x0

	/*
	 * Everything written so far (BSS, stack, tables, the boot-info copy)
	 * went to memory as Device-nGnRnE accesses, bypassing the caches
	 * (Arm ARM, "Behavior when stage 1 address translation is
	 * disabled"). Lines for these addresses may still sit in the caches
	 * from before the loader's clean; invalidate them so that cacheable
	 * reads after the switch see memory. The loader cleaned the image to
	 * the PoC (entry contract), so no dirty line is lost.
	 */
	adr_l	x0, __bh_rt_rodata_end
	adr_l	x1, __bh_rt_image_end
	bl	dcache_inval_range

	ldp	x1, x2, [x20]		/* MAIR, TCR */
	ldp	x3, x4, [x20, #16]	/* TTBR0, SCTLR */
	msr	mair_el1, x1
	msr	tcr_el1, x2
	msr	ttbr0_el1, x3
	/*
	 * The register writes must take effect before the TLB and the
	 * MMU use them: a context synchronization event (ISB) (Arm ARM,
	 * "Synchronization requirements for AArch64 System registers").
	 * TLBI VMALLE1 then drops any stage 1 entries of this VMID, IC
	 * IALLU any instructions fetched before the loader wrote the image;
	 * DSB NSH completes both and ISB makes the next fetch see them
	 * (Arm ARM, "Ordering and completion of TLB maintenance
	 * instructions").
	 */
	isb
	tlbi	vmalle1
	ic	iallu
	dsb	nsh
	isb
	msr	sctlr_el1, x4
	isb

	mov	x0, sp
	bl	bh_rt_init		/* console, heap, start block */
	mov	x0, xzr
	mov	x1, xzr
	mov	x29, xzr
	mov	x30, xzr
	b	_start			/* musl's crt1: SP = argc */

park:	msr	daifset, #0xf
	wfi
	b	park
	.size	bh_rt_entry, . - bh_rt_entry

/* dcache_inval_range(x0 start, x1 end): DC IVAC to the PoC, both aligned */
	.type	dcache_inval_range, %function
dcache_inval_range:
	mrs	x3, ctr_el0
	ubfx	x3, x3, #16, #4		/* DminLine: log2(words) */
	mov	x2, #4
	lsl	x2, x2, x3
	sub	x3, x2, #1
	bic	x0, x0, x3
1:	dc	ivac, x0
	add	x0, x0, x2
	cmp	x0, x1
	b.lo	1b
	dsb	sy
	ret
	.size	dcache_inval_range, . - dcache_inval_range
