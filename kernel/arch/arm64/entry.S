/* SPDX-License-Identifier: GPL-2.0 */
/* Runtime EL2 vectors: one save per class, one C entry, one way back. */
#include <asm/asm.h>
#include <asm-offsets.h>	/* generated in the build directory */

/*
 * Guest exit: SP_EL2 points at this CPU's struct arch_regs (the stack
 * lies just below it). Save x0..x30, ELR, SPSR; call \handler with
 * x0 = struct per_cpu *; return through guest_restore.
 */
.macro ventry_guest handler
	ventry_begin
	stp	x0, x1, [sp, #16 * 0]
	regs_save_x2_x29 sp
	mrs	x0, elr_el2
	stp	x30, x0, [sp, #16 * 15]
	mrs	x1, spsr_el2
	str	x1, [sp, #REGS_SPSR]
	mrs	x0, tpidr_el2
	bl	\handler
	b	guest_restore
	ventry_end
.endm

/* Anything else: a frame below the current SP, then a state dump */
.macro ventry_bad nr
	ventry_begin
	sub	sp, sp, #REGS_SIZE
	stp	x0, x1, [sp, #16 * 0]
	mov	x1, #\nr
	b	unexpected
	ventry_end
.endm

	.text
	.balign	2048
	.globl	el2_vectors
el2_vectors:
	ventry_bad 0			/* current EL, SP_EL0: sync */
	ventry_bad 1			/* IRQ */
	ventry_bad 2			/* FIQ */
	ventry_bad 3			/* SError */
	ventry_bad 4			/* current EL, SP_EL2: sync */
	ventry_bad 5
	ventry_bad 6
	ventry_bad 7
	ventry_guest arch_handle_sync	/* lower EL, AArch64: sync */
	ventry_guest arch_handle_irq	/* IRQ */
	ventry_bad 10			/* FIQ */
	ventry_guest arch_handle_serror	/* SError: the cell's, not ours */
	/* Lower EL, AArch32: a compat task at the guest's EL0 */
	ventry_guest arch_handle_sync	/* sync */
	ventry_guest arch_handle_irq	/* IRQ */
	ventry_bad 14			/* FIQ */
	ventry_guest arch_handle_serror	/* SError */

/*
 * guest_restore - the single way back to the guest
 * In: SP = this CPU's struct arch_regs. ERET, then DSB NSH; ISB so that
 * nothing after the ERET is executed speculatively (straight-line
 * speculation).
 */
	.globl	guest_restore
guest_restore:
	ldp	x0, x1, [sp, #REGS_ELR]
	msr	elr_el2, x0
	msr	spsr_el2, x1
	ldr	x30, [sp, #16 * 15]
	regs_load_x2_x29 sp
	ldp	x0, x1, [sp, #16 * 0]
	eret
	dsb	nsh
	isb

/* guest_enter(x0 regs): start running a guest frame on this CPU */
	.globl	guest_enter
guest_enter:
	mov	sp, x0
	b	guest_restore

/* x1 = vector number, x0/x1 of the interrupted code at [sp] */
unexpected:
	regs_save_x2_x29 sp
	mrs	x2, elr_el2
	stp	x30, x2, [sp, #16 * 15]
	mrs	x2, spsr_el2
	str	x2, [sp, #REGS_SPSR]
	mov	x0, sp
	bl	arch_unexpected_exception
	b	.

/*
 * Vectors while a service cell runs a call (VBAR_EL2 is switched by
 * arch_service_enter/leave): the same frame and return path, but the
 * service's own C entries, so that the caller's exits stay as they are.
 */
	.balign	2048
	.globl	svc_vectors
svc_vectors:
	ventry_bad 0
	ventry_bad 1
	ventry_bad 2
	ventry_bad 3
	ventry_bad 4
	ventry_bad 5
	ventry_bad 6
	ventry_bad 7
	ventry_guest svc_handle_sync	/* lower EL, AArch64: sync */
	ventry_guest svc_handle_irq	/* IRQ */
	ventry_bad 10
	/* SError (ESR EC 0x2f): a service fault like any non-HVC exit */
	ventry_guest svc_handle_sync
	ventry_guest svc_handle_sync	/* lower EL, AArch32: sync */
	ventry_guest svc_handle_irq	/* IRQ */
	ventry_bad 14
	ventry_guest svc_handle_sync	/* SError */

/*
 * fpsimd_save(x0 struct arch_fpsimd *) / fpsimd_load(x0): q0..q31, FPSR,
 * FPCR. EL2 keeps CPTR_EL2.TFP clear, so these do not trap.
 */
	.arch_extension fp
	.arch_extension simd
	.globl	fpsimd_save
fpsimd_save:
	stp	q0, q1, [x0, #32 * 0]
	stp	q2, q3, [x0, #32 * 1]
	stp	q4, q5, [x0, #32 * 2]
	stp	q6, q7, [x0, #32 * 3]
	stp	q8, q9, [x0, #32 * 4]
	stp	q10, q11, [x0, #32 * 5]
	stp	q12, q13, [x0, #32 * 6]
	stp	q14, q15, [x0, #32 * 7]
	stp	q16, q17, [x0, #32 * 8]
	stp	q18, q19, [x0, #32 * 9]
	stp	q20, q21, [x0, #32 * 10]
	stp	q22, q23, [x0, #32 * 11]
	stp	q24, q25, [x0, #32 * 12]
	stp	q26, q27, [x0, #32 * 13]
	stp	q28, q29, [x0, #32 * 14]
	stp	q30, q31, [x0, #32 * 15]
	mrs	x1, fpsr
	mrs	x2, fpcr
	add	x0, x0, #512
	stp	x1, x2, [x0]
	ret

	.globl	fpsimd_load
fpsimd_load:
	ldp	q0, q1, [x0, #32 * 0]
	ldp	q2, q3, [x0, #32 * 1]
	ldp	q4, q5, [x0, #32 * 2]
	ldp	q6, q7, [x0, #32 * 3]
	ldp	q8, q9, [x0, #32 * 4]
	ldp	q10, q11, [x0, #32 * 5]
	ldp	q12, q13, [x0, #32 * 6]
	ldp	q14, q15, [x0, #32 * 7]
	ldp	q16, q17, [x0, #32 * 8]
	ldp	q18, q19, [x0, #32 * 9]
	ldp	q20, q21, [x0, #32 * 10]
	ldp	q22, q23, [x0, #32 * 11]
	ldp	q24, q25, [x0, #32 * 12]
	ldp	q26, q27, [x0, #32 * 13]
	ldp	q28, q29, [x0, #32 * 14]
	ldp	q30, q31, [x0, #32 * 15]
	add	x0, x0, #512
	ldp	x1, x2, [x0]
	msr	fpsr, x1
	msr	fpcr, x2
	ret
