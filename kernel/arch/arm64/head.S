/* SPDX-License-Identifier: GPL-2.0 */
/* Image header, boot vectors, and the MMU-off entry of the launch calls. */
#include <asm/asm.h>
#include <asm-offsets.h>	/* generated in the build directory */

#define R_AARCH64_RELATIVE	1027
#define EC_HVC64		0x16
#define ENODEV			19
#define EBUSY			16

	.section .head.text, "ax"

/* struct bh_image_header (bulkhead/image.h); sizes come from the linker */
	.globl	bh_image_header
bh_image_header:
	.ascii	"BHKERNEL"			/* BH_IMAGE_SIGNATURE */
	.long	IMAGE_VERSION
	.long	IMAGE_HDR_SIZE
	.quad	__file_end - bh_image_header	/* resolved at link time */
	.quad	__image_end - bh_image_header
	.quad	boot_vectors - bh_image_header
	.quad	PERCPU_SIZE
	.long	ABI_VERSION
	.long	0, 0, 0
	.if	(. - bh_image_header) != IMAGE_HDR_SIZE
	.error	"image header size mismatch"
	.endif

/*
 * The boot vectors: VBAR_EL2 while the hyp stub hands EL2 over (MMU
 * off). Only "lower EL, AArch64, synchronous" is expected; anything else
 * here is a kernel bug with no console yet: the CPU stops.
 */
	.balign	2048
	.globl	boot_vectors
boot_vectors:
	.rept	8
	ventry_begin
	b	boot_unexpected
	ventry_end
	.endr
	ventry_begin
	b	boot_sync
	ventry_end
	.rept	7
	ventry_begin
	b	boot_unexpected
	ventry_end
	.endr

boot_unexpected:
	wfe
	b	boot_unexpected

/*
 * boot_sync - "hvc #0" from EL1 while the boot vectors are installed
 * In:  x0 function ID, x1..x2 arguments, MMU off.
 * Out: ERET with x0 = result; x1..x17 clobbered, x18..x30 preserved.
 * Besides the launch calls it answers the two hyp-stub calls that make
 * sense here, so that the module can always get the stub back.
 */
boot_sync:
	mrs	x9, esr_el2
	lsr	x9, x9, #26
	cmp	x9, #EC_HVC64
	b.ne	1f
	ldr	x9, =BH_HC_LAUNCH_INIT_ID
	cmp	x0, x9
	b.eq	launch_init
	ldr	x9, =BH_HC_LAUNCH_CPU_ID
	cmp	x0, x9
	b.eq	launch_cpu
	cbz	x0, stub_set_vectors
	cmp	x0, #2				/* HVC_RESET_VECTORS */
	b.eq	stub_reset_vectors
	ldr	x0, =BH_STUB_ERR_VAL
1:	eret
	dsb	nsh
	isb

stub_set_vectors:
	msr	vbar_el2, x1
	mov	x0, #0
	eret
	dsb	nsh
	isb

stub_reset_vectors:
	adr_l	x9, boot_info
	ldr	x10, [x9, #BOOT_STUB_VECTORS]
	ldr	x0, =BH_STUB_ERR_VAL
	cbz	x10, 1f
	msr	vbar_el2, x10
	mov	x0, #0
1:	eret
	dsb	nsh
	isb

/*
 * launch_init - BH_HC_LAUNCH_INIT, first CPU
 * In: x1 boot description (physical), x2 its size; MMU off.
 */
launch_init:
	/*
	 * Lines of the image may linger in the caches (the loader's
	 * cacheable writes, an earlier launch). Writes with the MMU off
	 * go around them, and a dirty line written back later would undo
	 * them: clean and invalidate the whole image first.
	 */
	adr	x9, bh_image_header
	ldr	x10, [x9, #HDR_MEMORY_SIZE]
	add	x10, x10, x9
	dcache_civac_range x9, x10, x11, x12

	adr_l	x11, __bss_start
	adr_l	x12, __bss_end
1:	cmp	x11, x12
	b.hs	2f
	str	xzr, [x11], #8
	b	1b

	/* Self-relocation: only R_AARCH64_RELATIVE (checked at build) */
2:	adr	x9, bh_image_header
	adr_l	x11, __rela_start
	adr_l	x12, __rela_end
3:	cmp	x11, x12
	b.hs	5f
	ldp	x13, x14, [x11]
	ldr	x15, [x11, #16]
	add	x11, x11, #24
	cmp	w14, #R_AARCH64_RELATIVE
	b.ne	3b
	add	x15, x15, x9
	str	x15, [x9, x13]
	b	3b

5:	adr_l	x9, boot_frame
	stp	x0, x1, [x9, #16 * 0]
	regs_save_x2_x29 x9
	str	x30, [x9, #16 * 15]

	mov	x3, sp
	adr_l	x10, boot_stack_top
	mov	sp, x10
	mov	x0, x1
	mov	x1, x2
	mov	x2, x3
	bl	boot_primary
	b	boot_unexpected

/*
 * find_this_cpu - x12 = this CPU's struct per_cpu, x9 = boot_info.
 * Branches to \unknown (x0 = -ENODEV) if the boot description has no
 * such CPU, to \early (x0 = -ENODEV) if no launch completed. MMU off.
 * Clobbers x0, x9..x16.
 */
.macro find_this_cpu unknown, early
	adr_l	x9, boot_info
	ldr	x10, [x9, #BOOT_READY]
	mov	x0, #-ENODEV
	cbz	x10, \early
	mrs	x11, mpidr_el1
	ldr	x10, =0xff00ffffff		/* Aff3..Aff0 */
	and	x11, x11, x10
	ldr	x12, [x9, #BOOT_PERCPU_BASE]
	ldr	x13, [x9, #BOOT_NUM_CPUS]
	ldr	x14, =PERCPU_SIZE
	ldr	x16, =PERCPU_MPIDR
1:	cbz	x13, \unknown
	ldr	x15, [x12, x16]
	cmp	x15, x11
	b.eq	2f
	add	x12, x12, x14
	sub	x13, x13, #1
	b	1b
2:
.endm

/* mmu_on_from_boot_info - the first CPU's EL2 map on this CPU; x9 = boot_info */
.macro mmu_on_from_boot_info
	ldr	x10, [x9, #BOOT_MAIR]
	msr	mair_el2, x10
	ldr	x10, [x9, #BOOT_TCR]
	msr	tcr_el2, x10
	ldr	x10, [x9, #BOOT_TTBR0]
	msr	ttbr0_el2, x10
	isb
	/* No stale EL2 translations or instructions of an earlier launch */
	tlbi	alle2
	ic	iallu
	dsb	nsh
	isb
	ldr	x10, [x9, #BOOT_SCTLR]
	msr	sctlr_el2, x10
	isb
.endm

/*
 * launch_cpu - BH_HC_LAUNCH_CPU, every further CPU
 * In: MMU off. Reads boot_info and the per_cpu array, which the first
 * CPU cleaned to the PoC; writes nothing until its MMU is on.
 */
launch_cpu:
	find_this_cpu 8f, 9f
	mov	x0, #-EBUSY
	ldr	x16, =PERCPU_STATE
	ldr	w15, [x12, x16]
	cmp	w15, #CPU_STATE_OFFLINE
	b.ne	8f

	/* The stub's MMU registers and SP, kept until the MMU is on */
	mrs	x13, sctlr_el2
	mrs	x14, tcr_el2
	mrs	x15, ttbr0_el2
	mrs	x16, mair_el2
	mov	x17, sp
	mmu_on_from_boot_info

	ldr	x10, =PERCPU_REGS
	add	x10, x12, x10
	mov	sp, x10
	stp	x0, x1, [sp, #16 * 0]
	regs_save_x2_x29 sp
	str	x30, [sp, #16 * 15]

	ldr	x10, =PERCPU_SAVED
	add	x10, x12, x10
	str	x13, [x10, #SAVED_SCTLR]
	str	x14, [x10, #SAVED_TCR]
	str	x15, [x10, #SAVED_TTBR0]
	str	x16, [x10, #SAVED_MAIR]
	str	x17, [x10, #SAVED_SP]
	mrs	x11, tpidr_el2
	str	x11, [x10, #SAVED_TPIDR]
	msr	tpidr_el2, x12
	mov	x0, x12
	bl	boot_secondary
	b	boot_unexpected

	/* Refused: give the stub its vectors back (x0 holds -errno) */
8:	ldr	x10, [x9, #BOOT_STUB_VECTORS]
	msr	vbar_el2, x10
9:	eret
	dsb	nsh
	isb

/*
 * firmware_entry - a CPU the kernel started with PSCI CPU_ON (its cell
 * asked for a CPU that was offline at launch, so no hyp stub runs on it).
 * In: EL2, MMU off, x0 context (unused: the CPU is found by MPIDR). The
 * per_cpu state, CPU_ON_PENDING, was cleaned to the PoC by the caller.
 */
	.globl	firmware_entry
	.balign	8
firmware_entry:
	find_this_cpu 8f, 8f
	ldr	x16, =PERCPU_STATE
	ldr	w15, [x12, x16]
	cmp	w15, #CPU_STATE_ON_PENDING
	b.ne	8f
	mmu_on_from_boot_info
	ldr	x10, =PERCPU_REGS
	add	x10, x12, x10
	mov	sp, x10
	msr	tpidr_el2, x12
	mov	x0, x12
	bl	boot_firmware_cpu
	/* Not ours after all: back to the firmware */
8:	ldr	x0, =PSCI_CPU_OFF_ID
	smc	#0
	b	boot_unexpected

	.ltorg

/*
 * The first CPU's boot stack and the caller's registers, outside BSS so
 * that zeroing BSS does not wipe them; covered by memory_size.
 */
	.section .bootstack, "aw", %nobits
	.balign	16
	.globl	boot_frame
boot_frame:
	.space	REGS_SIZE
	.balign	16
	.space	16384
boot_stack_top:
