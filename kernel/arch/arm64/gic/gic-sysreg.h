/* SPDX-License-Identifier: GPL-2.0 */
/* GICv3 CPU interface system registers (ICC_*, ICH_*) by generic encoding. */
#ifndef GIC_SYSREG_H
#define GIC_SYSREG_H

#include <asm/sysreg.h>

/* Encodings from the Arm ARM (DDI 0487), "GIC system registers" */
#define ICC_PMR_EL1		S3_0_C4_C6_0
#define ICC_DIR_EL1		S3_0_C12_C11_1
#define ICC_SGI1R_EL1		S3_0_C12_C11_5
#define ICC_IAR1_EL1		S3_0_C12_C12_0
#define ICC_EOIR1_EL1		S3_0_C12_C12_1
#define ICC_BPR1_EL1		S3_0_C12_C12_3
#define ICC_CTLR_EL1		S3_0_C12_C12_4
#define ICC_IGRPEN1_EL1		S3_0_C12_C12_7
#define ICC_SRE_EL2		S3_4_C12_C9_5
#define ICH_HCR_EL2		S3_4_C12_C11_0
#define ICH_VTR_EL2		S3_4_C12_C11_1
#define ICH_MISR_EL2		S3_4_C12_C11_2
#define ICH_ELRSR_EL2		S3_4_C12_C11_5
#define ICH_VMCR_EL2		S3_4_C12_C11_7

/* One more expansion step so that the names above reach the assembler */
#define gic_read(reg)		read_sysreg(reg)
#define gic_write(reg, val)	write_sysreg(reg, val)

/* ICC_CTLR_EL1 */
#define ICC_CTLR_CBPR		BIT(0)
#define ICC_CTLR_EOIMODE	BIT(1)

/* ICC_SRE_EL2 */
#define ICC_SRE_SRE		BIT(0)

/* ICH_HCR_EL2 */
#define ICH_HCR_EN		BIT(0)
#define ICH_HCR_UIE		BIT(1)

/* ICH_VTR_EL2 */
#define ICH_VTR_LISTREGS(v)	(((v) & 0x1f) + 1)
#define ICH_VTR_PREBITS(v)	((((v) >> 26) & 7) + 1)
#define ICH_VTR_PRIBITS(v)	((((v) >> 29) & 7) + 1)

/* ICH_VMCR_EL2 */
#define ICH_VMCR_ENG1		BIT(1)
#define ICH_VMCR_VFIQEN		BIT(3)	/* RES1 with system registers */
#define ICH_VMCR_CBPR		BIT(4)
#define ICH_VMCR_EOIM		BIT(9)
#define ICH_VMCR_BPR1_SHIFT	18
#define ICH_VMCR_PMR_SHIFT	24

/* ICH_MISR_EL2 */
#define ICH_MISR_U		BIT(1)

/* INTIDs 1020..1023 are special (spurious and friends) */
#define GIC_INTID_SPECIAL	1020

/*
 * List registers are separate system registers: select by index. With a
 * jump table this is a few instructions on the interrupt path.
 */
static inline u64 gic_read_lr(unsigned int n)
{
	switch (n) {
	case 0: return gic_read(S3_4_C12_C12_0);
	case 1: return gic_read(S3_4_C12_C12_1);
	case 2: return gic_read(S3_4_C12_C12_2);
	case 3: return gic_read(S3_4_C12_C12_3);
	case 4: return gic_read(S3_4_C12_C12_4);
	case 5: return gic_read(S3_4_C12_C12_5);
	case 6: return gic_read(S3_4_C12_C12_6);
	case 7: return gic_read(S3_4_C12_C12_7);
	case 8: return gic_read(S3_4_C12_C13_0);
	case 9: return gic_read(S3_4_C12_C13_1);
	case 10: return gic_read(S3_4_C12_C13_2);
	case 11: return gic_read(S3_4_C12_C13_3);
	case 12: return gic_read(S3_4_C12_C13_4);
	case 13: return gic_read(S3_4_C12_C13_5);
	case 14: return gic_read(S3_4_C12_C13_6);
	default: return gic_read(S3_4_C12_C13_7);
	}
}

static inline void gic_write_lr(unsigned int n, u64 val)
{
	switch (n) {
	case 0: gic_write(S3_4_C12_C12_0, val); break;
	case 1: gic_write(S3_4_C12_C12_1, val); break;
	case 2: gic_write(S3_4_C12_C12_2, val); break;
	case 3: gic_write(S3_4_C12_C12_3, val); break;
	case 4: gic_write(S3_4_C12_C12_4, val); break;
	case 5: gic_write(S3_4_C12_C12_5, val); break;
	case 6: gic_write(S3_4_C12_C12_6, val); break;
	case 7: gic_write(S3_4_C12_C12_7, val); break;
	case 8: gic_write(S3_4_C12_C13_0, val); break;
	case 9: gic_write(S3_4_C12_C13_1, val); break;
	case 10: gic_write(S3_4_C12_C13_2, val); break;
	case 11: gic_write(S3_4_C12_C13_3, val); break;
	case 12: gic_write(S3_4_C12_C13_4, val); break;
	case 13: gic_write(S3_4_C12_C13_5, val); break;
	case 14: gic_write(S3_4_C12_C13_6, val); break;
	default: gic_write(S3_4_C12_C13_7, val); break;
	}
}

/*
 * Active priority registers: ICC_AP1R<n>_EL1 (physical, group 1) and
 * ICH_AP0R<n>_EL2 / ICH_AP1R<n>_EL2 (virtual), n = 0..3.
 */
static inline u64 gic_read_icc_ap1r(unsigned int n)
{
	switch (n) {
	case 0: return gic_read(S3_0_C12_C9_0);
	case 1: return gic_read(S3_0_C12_C9_1);
	case 2: return gic_read(S3_0_C12_C9_2);
	default: return gic_read(S3_0_C12_C9_3);
	}
}

static inline void gic_clear_ich_apr(unsigned int n)
{
	switch (n) {
	case 0:
		gic_write(S3_4_C12_C8_0, 0);
		gic_write(S3_4_C12_C9_0, 0);
		break;
	case 1:
		gic_write(S3_4_C12_C8_1, 0);
		gic_write(S3_4_C12_C9_1, 0);
		break;
	case 2:
		gic_write(S3_4_C12_C8_2, 0);
		gic_write(S3_4_C12_C9_2, 0);
		break;
	default:
		gic_write(S3_4_C12_C8_3, 0);
		gic_write(S3_4_C12_C9_3, 0);
		break;
	}
}

#endif /* GIC_SYSREG_H */
