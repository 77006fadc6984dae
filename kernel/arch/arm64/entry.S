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
	stp	x2, x3, [sp, #16 * 1]
	stp	x4, x5, [sp, #16 * 2]
	stp	x6, x7, [sp, #16 * 3]
	stp	x8, x9, [sp, #16 * 4]
	stp	x10, x11, [sp, #16 * 5]
	stp	x12, x13, [sp, #16 * 6]
	stp	x14, x15, [sp, #16 * 7]
	stp	x16, x17, [sp, #16 * 8]
	stp	x18, x19, [sp, #16 * 9]
	stp	x20, x21, [sp, #16 * 10]
	stp	x22, x23, [sp, #16 * 11]
	stp	x24, x25, [sp, #16 * 12]
	stp	x26, x27, [sp, #16 * 13]
	stp	x28, x29, [sp, #16 * 14]
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
	ventry_bad 11			/* SError */
	ventry_bad 12			/* lower EL, AArch32 */
	ventry_bad 13
	ventry_bad 14
	ventry_bad 15

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
	ldp	x28, x29, [sp, #16 * 14]
	ldp	x26, x27, [sp, #16 * 13]
	ldp	x24, x25, [sp, #16 * 12]
	ldp	x22, x23, [sp, #16 * 11]
	ldp	x20, x21, [sp, #16 * 10]
	ldp	x18, x19, [sp, #16 * 9]
	ldp	x16, x17, [sp, #16 * 8]
	ldp	x14, x15, [sp, #16 * 7]
	ldp	x12, x13, [sp, #16 * 6]
	ldp	x10, x11, [sp, #16 * 5]
	ldp	x8, x9, [sp, #16 * 4]
	ldp	x6, x7, [sp, #16 * 3]
	ldp	x4, x5, [sp, #16 * 2]
	ldp	x2, x3, [sp, #16 * 1]
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
	stp	x2, x3, [sp, #16 * 1]
	stp	x4, x5, [sp, #16 * 2]
	stp	x6, x7, [sp, #16 * 3]
	stp	x8, x9, [sp, #16 * 4]
	stp	x10, x11, [sp, #16 * 5]
	stp	x12, x13, [sp, #16 * 6]
	stp	x14, x15, [sp, #16 * 7]
	stp	x16, x17, [sp, #16 * 8]
	stp	x18, x19, [sp, #16 * 9]
	stp	x20, x21, [sp, #16 * 10]
	stp	x22, x23, [sp, #16 * 11]
	stp	x24, x25, [sp, #16 * 12]
	stp	x26, x27, [sp, #16 * 13]
	stp	x28, x29, [sp, #16 * 14]
	mrs	x2, elr_el2
	stp	x30, x2, [sp, #16 * 15]
	mrs	x2, spsr_el2
	str	x2, [sp, #REGS_SPSR]
	mov	x0, sp
	bl	arch_unexpected_exception
	b	.
