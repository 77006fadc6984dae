/* SPDX-License-Identifier: GPL-2.0 */
/* System register accessors and the bit fields the kernel uses. */
#ifndef ASM_SYSREG_H
#define ASM_SYSREG_H

#include <core/types.h>

/**
 * read_sysreg() / write_sysreg() - MRS / MSR by register name
 */
#define read_sysreg(r) ({ \
	u64 __v; \
	asm volatile("mrs %0, " #r : "=r" (__v)); \
	__v; \
})
#define write_sysreg(r, v) \
	asm volatile("msr " #r ", %x0" : : "rZ" ((u64)(v)))

/* Generic-register encodings for registers the assembler may not know */
#define ICC_SGI1R_EL1_ENC	"S3_0_C12_C11_5"

/* ICC_SRE_EL2 (S3_4_C12_C9_5) */
#define ICC_SRE_EL2_SRE		BIT(0)
#define ICC_SRE_EL2_ENABLE	BIT(3)

/* HCR_EL2 */
#define HCR_VM			BIT(0)
#define HCR_SWIO		BIT(1)
#define HCR_FMO			BIT(3)
#define HCR_IMO			BIT(4)
#define HCR_AMO			BIT(5)
#define HCR_VSE			BIT(8)
#define HCR_TSC			BIT(19)
#define HCR_RW			BIT(31)
#define HCR_GUEST		(HCR_VM | HCR_SWIO | HCR_FMO | HCR_IMO | \
				 HCR_AMO | HCR_TSC | HCR_RW)

/* SCTLR_EL2 (and SCTLR_EL1 for the reset value) */
#define SCTLR_M			BIT(0)
#define SCTLR_A			BIT(1)
#define SCTLR_C			BIT(2)
#define SCTLR_SA		BIT(3)
#define SCTLR_I			BIT(12)
#define SCTLR_WXN		BIT(19)
#define SCTLR_EE		BIT(25)
#define SCTLR_EL2_RES1		(BIT(4) | BIT(5) | BIT(11) | BIT(16) | \
				 BIT(18) | BIT(22) | BIT(23) | BIT(28) | \
				 BIT(29))
#define SCTLR_EL1_RES1		(BIT(11) | BIT(20) | BIT(22) | BIT(23) | \
				 BIT(28) | BIT(29))
#define SCTLR_EL1_SPAN		BIT(23)	/* RES1 without FEAT_PAN */
#define SCTLR_EL1_DSSBS		BIT(44)

/* TCR_EL2 (nVHE format) */
#define TCR_T0SZ(bits)		((64UL - (bits)) & 0x3f)
#define TCR_IRGN0_WBWA		(1UL << 8)
#define TCR_ORGN0_WBWA		(1UL << 10)
#define TCR_SH0_INNER		(3UL << 12)
#define TCR_TG0_4K		(0UL << 14)
#define TCR_EL2_PS_SHIFT	16
#define TCR_EL2_RES1		(BIT(31) | BIT(23))

/* VTCR_EL2 */
#define VTCR_SL0_SHIFT		6
#define VTCR_PS_SHIFT		16
#define VTCR_RES1		BIT(31)

/* VTTBR_EL2 */
#define VTTBR_VMID_SHIFT	48

/* ID_AA64MMFR0_EL1 */
#define MMFR0_PARANGE_MASK	0xfUL

/* ID_AA64MMFR1_EL1, ID_AA64PFR1_EL1 */
#define MMFR1_PAN(r)		(((r) >> 20) & 0xf)
#define PFR1_SSBS(r)		(((r) >> 4) & 0xf)
#define PFR1_MTE(r)		(((r) >> 8) & 0xf)

/* ESR_ELx */
#define ESR_EC_SHIFT		26
#define ESR_EC(esr)		(((esr) >> ESR_EC_SHIFT) & 0x3f)
#define ESR_IL			BIT(25)
#define ESR_ISS_MASK		0x1ffffffUL
#define EC_UNKNOWN		0x00
#define EC_WFX			0x01
#define EC_HVC64		0x16
#define EC_SMC64		0x17
#define EC_SYSREG		0x18
#define EC_IABT_LOW		0x20
#define EC_IABT_CUR		0x21
#define EC_DABT_LOW		0x24
#define EC_DABT_CUR		0x25
#define EC_MAX			0x3f

/* Data/instruction abort ISS */
#define ESR_ISV			BIT(24)
#define ESR_SAS_SHIFT		22
#define ESR_SSE			BIT(21)
#define ESR_SRT_SHIFT		16
#define ESR_SF			BIT(15)
#define ESR_EA			BIT(9)
#define ESR_CM			BIT(8)
#define ESR_S1PTW		BIT(7)
#define ESR_WNR			BIT(6)
#define ESR_FSC_EXTABT		0x10	/* synchronous external abort */

/* Trapped MSR/MRS ISS: Op0, Op2, Op1, CRn, Rt, CRm, Direction */
#define ESR_SYSREG_MASK		0x3ffc1eUL
#define ESR_SYSREG_RT(esr)	(((esr) >> 5) & 0x1f)
#define ESR_SYSREG_READ		BIT(0)
#define ESR_SYSREG(op0, op1, crn, crm, op2) \
	(((op0) << 20) | ((op2) << 17) | ((op1) << 14) | ((crn) << 10) | \
	 ((crm) << 1))
#define ESR_SYSREG_ICC_SGI1R	ESR_SYSREG(3, 0, 12, 11, 5)

/* SPSR_ELx / PSTATE */
#define PSR_MODE_MASK		0xfUL
#define PSR_MODE32		BIT(4)	/* AArch32 (only EL0 can be here) */
#define PSR_MODE_EL0T		0x0UL
#define PSR_MODE_EL1T		0x4UL
#define PSR_MODE_EL1H		0x5UL
#define PSR_MODE_EL2H		0x9UL
#define PSR_F			BIT(6)
#define PSR_I			BIT(7)
#define PSR_A			BIT(8)
#define PSR_D			BIT(9)
#define PSR_DAIF		(PSR_D | PSR_A | PSR_I | PSR_F)
#define PSR_IL			BIT(20)
#define PSR_SS			BIT(21)
#define PSR_PAN			BIT(22)
#define PSR_DIT			BIT(24)
#define PSR_TCO			BIT(25)
#define PSR_SSBS		BIT(12)
#define PSR_AA32_DIT		BIT(21)

/* MPIDR_EL1 */
#define MPIDR_AFF_MASK		0xff00ffffffUL

#endif /* ASM_SYSREG_H */
