/* SPDX-License-Identifier: GPL-2.0 */
/* Exception frame layout and start-up constants, for C and assembly. */
#ifndef BH_RT_FRAME_H
#define BH_RT_FRAME_H

/*
 * Exception frame pushed by vectors.S: x0-x30, the interrupted SP, ELR,
 * SPSR, then q0-q31, FPSR and FPCR. A system call may clobber only x0,
 * and the handler calls libc functions that use SIMD registers, so the
 * frame keeps everything.
 */
#define BH_RT_FRAME_X		0
#define BH_RT_FRAME_SP		(31 * 8)
#define BH_RT_FRAME_ELR		(32 * 8)
#define BH_RT_FRAME_SPSR	(33 * 8)
#define BH_RT_FRAME_Q		(34 * 8)
#define BH_RT_FRAME_FPSR	(BH_RT_FRAME_Q + 32 * 16)
#define BH_RT_FRAME_FPCR	(BH_RT_FRAME_FPSR + 8)
#define BH_RT_FRAME_SIZE	(BH_RT_FRAME_FPCR + 8)

/* Vector kinds passed to bh_rt_exception() */
#define BH_RT_VEC_SYNC		0
#define BH_RT_VEC_IRQ		1
#define BH_RT_VEC_FIQ		2
#define BH_RT_VEC_SERROR	3
#define BH_RT_VEC_SP0		4	/* + kind: current EL, SP_EL0 */
#define BH_RT_VEC_LOWER		8	/* + kind: from a lower EL */

/* Unmapped page below the boot stack (rt.lds), and the stack used when
 * an exception finds the boot stack overflowed */
#define BH_RT_GUARD_SIZE	4096
#define BH_RT_OVERFLOW_STACK	8192

/* Bytes at the top of the boot stack for argc, argv, envp and auxv */
#define BH_RT_START_BLOCK	512

#endif /* BH_RT_FRAME_H */
