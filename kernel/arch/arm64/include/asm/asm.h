/* SPDX-License-Identifier: GPL-2.0 */
/* Assembler macros shared by head.S, entry.S and cache.S. */
#ifndef ASM_ASM_H
#define ASM_ASM_H

#ifdef __ASSEMBLER__

/* PC-relative address of a symbol anywhere in the image (+-4 GiB) */
.macro adr_l reg, sym
	adrp	\reg, \sym
	add	\reg, \reg, :lo12:\sym
.endm

/*
 * Clean and invalidate [\start, \end) to the Point of Coherency by VA.
 * Clobbers \start, \tmp, \tmp2. Works with the MMU on or off (VA == PA).
 */
.macro dcache_civac_range start, end, tmp, tmp2
	mrs	\tmp, ctr_el0
	ubfx	\tmp, \tmp, #16, #4		/* DminLine: log2(words) */
	mov	\tmp2, #4
	lsl	\tmp2, \tmp2, \tmp		/* smallest D-cache line */
	sub	\tmp, \tmp2, #1
	bic	\start, \start, \tmp
9998:	dc	civac, \start
	add	\start, \start, \tmp2
	cmp	\start, \end
	b.lo	9998b
	dsb	sy
.endm

/*
 * Store or load x2..x29 of a struct arch_regs at [\base] (x[n] at 8 * n).
 * x0, x1 and x30 are left to the caller, which needs them as scratch.
 */
.macro regs_save_x2_x29 base
	stp	x2, x3, [\base, #16 * 1]
	stp	x4, x5, [\base, #16 * 2]
	stp	x6, x7, [\base, #16 * 3]
	stp	x8, x9, [\base, #16 * 4]
	stp	x10, x11, [\base, #16 * 5]
	stp	x12, x13, [\base, #16 * 6]
	stp	x14, x15, [\base, #16 * 7]
	stp	x16, x17, [\base, #16 * 8]
	stp	x18, x19, [\base, #16 * 9]
	stp	x20, x21, [\base, #16 * 10]
	stp	x22, x23, [\base, #16 * 11]
	stp	x24, x25, [\base, #16 * 12]
	stp	x26, x27, [\base, #16 * 13]
	stp	x28, x29, [\base, #16 * 14]
.endm

.macro regs_load_x2_x29 base
	ldp	x2, x3, [\base, #16 * 1]
	ldp	x4, x5, [\base, #16 * 2]
	ldp	x6, x7, [\base, #16 * 3]
	ldp	x8, x9, [\base, #16 * 4]
	ldp	x10, x11, [\base, #16 * 5]
	ldp	x12, x13, [\base, #16 * 6]
	ldp	x14, x15, [\base, #16 * 7]
	ldp	x16, x17, [\base, #16 * 8]
	ldp	x18, x19, [\base, #16 * 9]
	ldp	x20, x21, [\base, #16 * 10]
	ldp	x22, x23, [\base, #16 * 11]
	ldp	x24, x25, [\base, #16 * 12]
	ldp	x26, x27, [\base, #16 * 13]
	ldp	x28, x29, [\base, #16 * 14]
.endm

/* A vector table slot: .balign 0x80 and at most 32 instructions */
.macro ventry_begin
	.balign	0x80
9997:
.endm

.macro ventry_end
	.if	(. - 9997b) > 0x80
	.error	"vector entry larger than 0x80 bytes"
	.endif
.endm

#endif /* __ASSEMBLER__ */

#endif /* ASM_ASM_H */
