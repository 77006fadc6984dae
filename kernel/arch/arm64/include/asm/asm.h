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
