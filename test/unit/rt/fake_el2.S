/* SPDX-License-Identifier: GPL-2.0 */
/* Stand-in for the kernel's half of the service-cell entry, for QEMU tests. */

/*
 * QEMU virt with virtualization=on starts here at EL2 (generic loader,
 * cpu-num=0). This does what docs/services.md says the bulkhead kernel
 * does for a service's first call, minus stage 2 and the budget: enter
 * the image (copied as a flat file to CELL_IMAGE) at its ELF entry point
 * at EL1h with the MMU off, DAIF masked, a null message in x0-x6 and the
 * boot-info page in x7, and trap its SMCs (HCR_EL2.TSC). A trapped SMC
 * is passed on to QEMU's PSCI, so the service's SYSTEM_OFF stops the
 * machine.
 */
#define HCR_RW		(1 << 31)	/* EL1 is AArch64 */
#define HCR_TSC		(1 << 19)	/* trap SMC from EL1 */
#define CPTR_EL2_RES1	0x33ff		/* TFP = 0: FP/SIMD allowed */
#define SCTLR_EL1_OFF	0x30d00800	/* RES1 bits; MMU, caches off */
#define SPSR_EL1H	0x3c5		/* EL1h, D, A, I, F masked */
#define EC_SMC64	0x17
#define CELL_IMAGE	0x40200000	/* rt.lds; ELF header loaded */
#define BOOT_INFO	0x40100000	/* run_cell.py puts the page here */

	.text
	.globl	fake_el2_entry
fake_el2_entry:
	adr	x0, vectors
	msr	vbar_el2, x0
	ldr	x0, =(HCR_RW | HCR_TSC)
	msr	hcr_el2, x0
	mov	x0, #3			/* EL1 may use both counters */
	msr	cnthctl_el2, x0
	msr	cntvoff_el2, xzr
	ldr	x0, =CPTR_EL2_RES1
	msr	cptr_el2, x0
	ldr	x0, =SCTLR_EL1_OFF
	msr	sctlr_el1, x0
	mov	x0, #SPSR_EL1H
	msr	spsr_el2, x0
	ldr	x1, =CELL_IMAGE
	ldr	x1, [x1, #24]		/* e_entry */
	msr	elr_el2, x1
	mov	x0, xzr			/* BH_E_OK */
	mov	x1, xzr			/* message info: empty */
	mov	x2, xzr
	mov	x3, xzr
	mov	x4, xzr
	mov	x5, xzr
	mov	x6, xzr			/* badge */
	ldr	x7, =BOOT_INFO
	isb
	eret

	.balign	2048
vectors:
	.rept	8
	.balign	0x80
	b	hang
	.endr
	.balign	0x80			/* lower EL, AArch64, sync */
	b	lower_sync
	.rept	7
	.balign	0x80
	b	hang
	.endr

/* Only SMCs are expected: forward them, then skip the trapped SMC */
lower_sync:
	mrs	x18, esr_el2
	lsr	x18, x18, #26
	cmp	x18, #EC_SMC64
	b.ne	hang
	smc	#0			/* QEMU's PSCI (conduit SMC) */
	mrs	x18, elr_el2
	add	x18, x18, #4
	msr	elr_el2, x18
	eret

hang:	wfi
	b	hang
