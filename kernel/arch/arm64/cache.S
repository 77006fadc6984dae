/* SPDX-License-Identifier: GPL-2.0 */
/* Cache maintenance, EL2 MMU on, and the way back to the hyp stub. */
#include <asm/asm.h>
#include <asm-offsets.h>	/* generated in the build directory */

	.text

/* dcache_clean_range(x0 start, x1 size): DC CVAC to the PoC */
	.globl	dcache_clean_range
dcache_clean_range:
	add	x1, x1, x0
	mrs	x2, ctr_el0
	ubfx	x2, x2, #16, #4
	mov	x3, #4
	lsl	x3, x3, x2
	sub	x2, x3, #1
	bic	x0, x0, x2
1:	dc	cvac, x0
	add	x0, x0, x3
	cmp	x0, x1
	b.lo	1b
	dsb	sy
	ret

/* dcache_clean_inval_range(x0 start, x1 size): DC CIVAC to the PoC */
	.globl	dcache_clean_inval_range
dcache_clean_inval_range:
	add	x1, x1, x0
	dcache_civac_range x0, x1, x2, x3
	ret

/*
 * mmu_enable_el2(x0 mair, x1 tcr, x2 ttbr0, x3 sctlr)
 * The tables and everything written with the MMU off were cleaned and
 * invalidated to the PoC by the caller. The identity map keeps the PC
 * valid across the switch. TLBI ALLE2 drops translations of an earlier
 * launch; IC IALLU drops instructions of an earlier image at the same
 * addresses (Arm ARM, "Instruction cache maintenance": required before
 * executing modified code once the I-cache is enabled).
 */
	.globl	mmu_enable_el2
mmu_enable_el2:
	msr	mair_el2, x0
	msr	tcr_el2, x1
	msr	ttbr0_el2, x2
	isb
	tlbi	alle2
	ic	iallu
	dsb	nsh
	isb
	msr	sctlr_el2, x3
	isb
	ret

/*
 * el2_leave(x0 saved state, x1 frame, x2 vbar, x3 smc function id)
 * Restores the stub's EL2 registers, turns the MMU off and either ERETs
 * to the frame or (x3 != 0) calls the firmware with SMC. The frame and
 * the saved state are cleaned to the PoC first: they are read with the
 * MMU off. Never returns.
 */
	.globl	el2_leave
el2_leave:
	mov	x19, x0
	mov	x20, x1
	mov	x21, x2
	mov	x22, x3
	mov	x9, x19
	add	x10, x19, #SAVED_SIZE
	dcache_civac_range x9, x10, x11, x12
	mov	x9, x20
	add	x10, x20, #REGS_SIZE
	dcache_civac_range x9, x10, x11, x12

	ldr	x9, [x19, #SAVED_HCR]
	msr	hcr_el2, x9
	ldr	x9, [x19, #SAVED_VTTBR]
	msr	vttbr_el2, x9
	ldr	x9, [x19, #SAVED_VTCR]
	msr	vtcr_el2, x9
	ldr	x9, [x19, #SAVED_CPTR]
	msr	cptr_el2, x9
	ldr	x9, [x19, #SAVED_MDCR]
	msr	mdcr_el2, x9
	ldr	x9, [x19, #SAVED_HSTR]
	msr	hstr_el2, x9
	ldr	x9, [x19, #SAVED_CNTHCTL]
	msr	cnthctl_el2, x9
	ldr	x9, [x19, #SAVED_TPIDR]
	msr	tpidr_el2, x9
	msr	vbar_el2, x21
	ldr	x23, [x19, #SAVED_SP]
	ldr	x24, [x19, #SAVED_SCTLR]
	ldr	x25, [x19, #SAVED_TCR]
	ldr	x26, [x19, #SAVED_TTBR0]
	ldr	x27, [x19, #SAVED_MAIR]
	isb
	msr	sctlr_el2, x24
	isb
	msr	tcr_el2, x25
	msr	ttbr0_el2, x26
	msr	mair_el2, x27
	/* Nothing of ours may stay in this CPU's TLBs: EL2 and all VMIDs */
	tlbi	alle2
	tlbi	alle1
	ic	iallu
	dsb	nsh
	isb
	mov	sp, x23

	cbz	x22, 1f
	mov	x0, x22
	mov	x1, xzr
	mov	x2, xzr
	mov	x3, xzr
	smc	#0
	b	.

1:	mov	x0, x20
	ldp	x1, x2, [x0, #REGS_ELR]
	msr	elr_el2, x1
	msr	spsr_el2, x2
	regs_load_x2_x29 x0
	ldr	x30, [x0, #16 * 15]
	ldp	x0, x1, [x0, #16 * 0]
	eret
	dsb	nsh
	isb
