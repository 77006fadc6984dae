/* SPDX-License-Identifier: GPL-2.0 */
/* Test service cell "echo": answers calls in registers, faults or spins on request. */

/*
 * Kernel contract (docs/services.md): entered at offset 0 with EL1 MMU
 * off on the first call; every call arrives in x0 (0), x1 (info), x2..x5
 * (mr0..mr3), x6 (badge). EP_REPLY on slot 2 answers and returns with the
 * next call. Operation in mr0:
 *   0  null call: reply length 0
 *   1  echo: reply mr1 + 1, mr2, mr3, badge
 *   2  spin forever (budget overrun)
 *   3  load from an IPA the cell has no memory at (stage-2 fault)
 *   4  count calls since the last (re)start: reply the count
 *   5  FP/SIMD: reply 2 * mr1 computed in d0, then d0 read back
 *   other: reply length 1, mr0 = ~0
 */
#define HC_INVOKE	0xc6000010
#define SLOT_ENDPOINT	2
#define LABEL_EP_REPLY	0x701
#define REPLY(len)	((LABEL_EP_REPLY << 8) | (len))

	.text
	.globl	_start
_start:
	/* message in x2..x6 */
dispatch:
	cmp	x2, #0
	b.eq	op_null
	cmp	x2, #1
	b.eq	op_echo
	cmp	x2, #2
	b.eq	op_spin
	cmp	x2, #3
	b.eq	op_fault
	cmp	x2, #4
	b.eq	op_count
	cmp	x2, #5
	b.eq	op_fp
	mov	x3, #-1
	ldr	x2, =REPLY(1)
	b	reply

op_null:
	ldr	x2, =REPLY(0)
	b	reply

op_echo:
	/* mr1 + 1, and mr2, mr3, badge stay where they are (x4..x6) */
	add	x3, x3, #1
	ldr	x2, =REPLY(4)
	b	reply

op_spin:
	b	op_spin

op_fault:
	movz	x9, #0x4000, lsl #16	/* IPA 0x40000000: no memory there */
	ldr	x3, [x9]
	ldr	x2, =REPLY(1)
	b	reply

op_count:
	adr	x9, count
	ldr	x3, [x9]
	add	x3, x3, #1
	str	x3, [x9]
	ldr	x2, =REPLY(1)
	b	reply

op_fp:
	mrs	x9, cpacr_el1
	orr	x9, x9, #(3 << 20)	/* FPEN: no EL1 trap */
	msr	cpacr_el1, x9
	isb
	fmov	d0, x3
	add	d0, d0, d0
	fmov	x3, d0
	ldr	x2, =REPLY(1)
	b	reply

/* x2 = reply info, x3..x6 = reply registers */
reply:
	ldr	x0, =HC_INVOKE
	mov	x1, #SLOT_ENDPOINT
	hvc	#0
	b	dispatch

	.balign	8
	.ltorg
count:
	.quad	0
