/* SPDX-License-Identifier: GPL-2.0 */
/* EL1 exception vectors: save everything, call bh_rt_exception(), return. */
#include "frame.h"

/*
 * Each entry makes room for a struct bh_rt_frame on the current stack
 * (SP_EL1, the program's own: the AArch64 ABI has no red zone), saves
 * x0/x1 and jumps to the common path with x1 = the vector kind.
 *
 * A frame that would touch the unmapped guard page below the boot stack
 * means the stack overflowed (or is about to): pushing there would fault
 * again, forever. Such an exception goes to a small stack of its own.
 * TPIDRRO_EL0 and TPIDR_EL1, which neither musl nor the runtime use,
 * hold x0 and x1 while the check needs them.
 */
	.macro	vector kind
	.balign	0x80
.Lvec_start_\@:
	msr	tpidrro_el0, x0
	msr	tpidr_el1, x1
	mov	x0, sp
	ldr	x1, guard_page
	sub	x0, x0, x1
	mov	x1, #(BH_RT_GUARD_SIZE + BH_RT_FRAME_SIZE)
	cmp	x0, x1
	b.lo	.Lvec_overflow_\@
	mrs	x0, tpidrro_el0
	mrs	x1, tpidr_el1
	sub	sp, sp, #BH_RT_FRAME_SIZE
	stp	x0, x1, [sp]
	mov	x1, #(\kind)
	b	vector_common
.Lvec_overflow_\@:
	mov	x1, #(\kind)
	b	vector_overflow
	.if	. - .Lvec_start_\@ > 0x80
	.error	"vector entry longer than 0x80 bytes"
	.endif
	.endm

	.text
	.balign	2048
	.globl	bh_rt_vectors
bh_rt_vectors:
	vector	BH_RT_VEC_SP0 + BH_RT_VEC_SYNC
	vector	BH_RT_VEC_SP0 + BH_RT_VEC_IRQ
	vector	BH_RT_VEC_SP0 + BH_RT_VEC_FIQ
	vector	BH_RT_VEC_SP0 + BH_RT_VEC_SERROR
	vector	BH_RT_VEC_SYNC		/* musl's svc #0 */
	vector	BH_RT_VEC_IRQ
	vector	BH_RT_VEC_FIQ
	vector	BH_RT_VEC_SERROR
	vector	BH_RT_VEC_LOWER + BH_RT_VEC_SYNC
	vector	BH_RT_VEC_LOWER + BH_RT_VEC_IRQ
	vector	BH_RT_VEC_LOWER + BH_RT_VEC_FIQ
	vector	BH_RT_VEC_LOWER + BH_RT_VEC_SERROR
	vector	BH_RT_VEC_LOWER + BH_RT_VEC_SP0 + BH_RT_VEC_SYNC
	vector	BH_RT_VEC_LOWER + BH_RT_VEC_SP0 + BH_RT_VEC_IRQ
	vector	BH_RT_VEC_LOWER + BH_RT_VEC_SP0 + BH_RT_VEC_FIQ
	vector	BH_RT_VEC_LOWER + BH_RT_VEC_SP0 + BH_RT_VEC_SERROR

guard_page:
	.quad	__bh_rt_stack_guard

/*
 * vector_overflow - switch to the overflow stack, then as vector_common
 * In: x1 = kind, the interrupted x0 and x1 in TPIDRRO_EL0 and TPIDR_EL1.
 * The frame's SP will be that of the overflow stack; bh_rt_exception()
 * recognises it.
 */
vector_overflow:
	ldr	x0, overflow_top
	sub	sp, x0, #BH_RT_FRAME_SIZE
	mrs	x0, tpidrro_el0
	str	x0, [sp]
	mrs	x0, tpidr_el1
	str	x0, [sp, #8]
	b	vector_common

overflow_top:
	.quad	bh_rt_overflow_stack + BH_RT_OVERFLOW_STACK

	.section .bss.bh_rt_overflow_stack, "aw", %nobits
	.balign	16
	.globl	bh_rt_overflow_stack
bh_rt_overflow_stack:
	.skip	BH_RT_OVERFLOW_STACK

	.text
/*
 * vector_common - save the rest of the frame, call the C handler, restore
 * In: SP = frame with x0/x1 saved, x1 = kind. Out: ERET with the frame's
 * registers (x0 replaced by a system call's result).
 */
vector_common:
	stp	x2, x3, [sp, #16]
	stp	x4, x5, [sp, #32]
	stp	x6, x7, [sp, #48]
	stp	x8, x9, [sp, #64]
	stp	x10, x11, [sp, #80]
	stp	x12, x13, [sp, #96]
	stp	x14, x15, [sp, #112]
	stp	x16, x17, [sp, #128]
	stp	x18, x19, [sp, #144]
	stp	x20, x21, [sp, #160]
	stp	x22, x23, [sp, #176]
	stp	x24, x25, [sp, #192]
	stp	x26, x27, [sp, #208]
	stp	x28, x29, [sp, #224]
	add	x2, sp, #BH_RT_FRAME_SIZE
	stp	x30, x2, [sp, #240]	/* x30, interrupted SP */
	mrs	x2, elr_el1
	mrs	x3, spsr_el1
	stp	x2, x3, [sp, #BH_RT_FRAME_ELR]
	add	x2, sp, #BH_RT_FRAME_Q
	stp	q0, q1, [x2, #0]
	stp	q2, q3, [x2, #32]
	stp	q4, q5, [x2, #64]
	stp	q6, q7, [x2, #96]
	stp	q8, q9, [x2, #128]
	stp	q10, q11, [x2, #160]
	stp	q12, q13, [x2, #192]
	stp	q14, q15, [x2, #224]
	stp	q16, q17, [x2, #256]
	stp	q18, q19, [x2, #288]
	stp	q20, q21, [x2, #320]
	stp	q22, q23, [x2, #352]
	stp	q24, q25, [x2, #384]
	stp	q26, q27, [x2, #416]
	stp	q28, q29, [x2, #448]
	stp	q30, q31, [x2, #480]
	mrs	x3, fpsr
	str	x3, [sp, #BH_RT_FRAME_FPSR]
	mrs	x3, fpcr
	str	x3, [sp, #BH_RT_FRAME_FPCR]

	mov	x0, sp
	bl	bh_rt_exception

	ldr	x3, [sp, #BH_RT_FRAME_FPSR]
	msr	fpsr, x3
	ldr	x3, [sp, #BH_RT_FRAME_FPCR]
	msr	fpcr, x3
	add	x2, sp, #BH_RT_FRAME_Q
	ldp	q0, q1, [x2, #0]
	ldp	q2, q3, [x2, #32]
	ldp	q4, q5, [x2, #64]
	ldp	q6, q7, [x2, #96]
	ldp	q8, q9, [x2, #128]
	ldp	q10, q11, [x2, #160]
	ldp	q12, q13, [x2, #192]
	ldp	q14, q15, [x2, #224]
	ldp	q16, q17, [x2, #256]
	ldp	q18, q19, [x2, #288]
	ldp	q20, q21, [x2, #320]
	ldp	q22, q23, [x2, #352]
	ldp	q24, q25, [x2, #384]
	ldp	q26, q27, [x2, #416]
	ldp	q28, q29, [x2, #448]
	ldp	q30, q31, [x2, #480]
	ldp	x2, x3, [sp, #BH_RT_FRAME_ELR]
	msr	elr_el1, x2
	msr	spsr_el1, x3
	ldp	x0, x1, [sp]
	ldp	x2, x3, [sp, #16]
	ldp	x4, x5, [sp, #32]
	ldp	x6, x7, [sp, #48]
	ldp	x8, x9, [sp, #64]
	ldp	x10, x11, [sp, #80]
	ldp	x12, x13, [sp, #96]
	ldp	x14, x15, [sp, #112]
	ldp	x16, x17, [sp, #128]
	ldp	x18, x19, [sp, #144]
	ldp	x20, x21, [sp, #160]
	ldp	x22, x23, [sp, #176]
	ldp	x24, x25, [sp, #192]
	ldp	x26, x27, [sp, #208]
	ldp	x28, x29, [sp, #224]
	ldr	x30, [sp, #240]
	add	sp, sp, #BH_RT_FRAME_SIZE
	eret
	/* no straight-line speculation past the ERET */
	dsb	nsh
	isb
