/* SPDX-License-Identifier: GPL-2.0 */
/* Barriers and TLB maintenance used by the page-table walker and the MMU code. */
#ifndef ASM_BARRIER_H
#define ASM_BARRIER_H

#include <core/types.h>

/*
 * Host unit tests put their own asm/barrier.h first on the include path;
 * it records these calls instead of executing them.
 */
#define isb()		asm volatile("isb" : : : "memory")
#define dsb(opt)	asm volatile("dsb " #opt : : : "memory")
#define dmb(opt)	asm volatile("dmb " #opt : : : "memory")
#define sev()		asm volatile("sev" : : : "memory")
#define wfe()		asm volatile("wfe" : : : "memory")
#define wfi()		asm volatile("wfi" : : : "memory")

/** tlbi_ipas2e1is() - invalidate stage-2 entries for one IPA, current VMID */
static inline void tlbi_ipas2e1is(u64 ipa)
{
	asm volatile("tlbi ipas2e1is, %0" : : "r" (ipa >> 12) : "memory");
}

/** tlbi_vmalle1is() - invalidate stage-1 EL1&0 entries of the current VMID */
static inline void tlbi_vmalle1is(void)
{
	asm volatile("tlbi vmalle1is" : : : "memory");
}

/** tlbi_vmalls12e1is() - all stage-1 and stage-2 entries, current VMID */
static inline void tlbi_vmalls12e1is(void)
{
	asm volatile("tlbi vmalls12e1is" : : : "memory");
}

/** tlbi_vae2is() - invalidate EL2 entries for one VA */
static inline void tlbi_vae2is(u64 va)
{
	asm volatile("tlbi vae2is, %0" : : "r" (va >> 12) : "memory");
}

/** tlbi_alle2() - invalidate all EL2 entries on this CPU */
static inline void tlbi_alle2(void)
{
	asm volatile("tlbi alle2" : : : "memory");
}

/** tlbi_alle1() - invalidate all EL1&0 entries, every VMID, this CPU */
static inline void tlbi_alle1(void)
{
	asm volatile("tlbi alle1" : : : "memory");
}

/**
 * stage2_tlb_enter() - make @vttbr current for stage-2 TLB maintenance
 * @vttbr:	the table's full VTTBR_EL2 value: base address and VMID
 *
 * TLBI IPAS2E1IS/VMALLS12E1IS act on the VMID in VTTBR_EL2: the walker
 * switches to the table's VTTBR around its maintenance and returns the
 * previous VTTBR_EL2 for stage2_tlb_exit(). The base address must be the
 * table's own: the PE may walk the EL1&0 regime speculatively with
 * whatever VTTBR_EL2 holds and keep the result tagged with this VMID
 * (Arm ARM, "Speculative translation table walks"), so a VMID with a
 * bogus base could leave entries the next TLBI no longer sees.
 */
static inline u64 stage2_tlb_enter(u64 vttbr)
{
	u64 old;

	asm volatile("mrs %0, vttbr_el2" : "=r" (old));
	if (old != vttbr) {
		asm volatile("msr vttbr_el2, %0\n\tisb"
			     : : "r" (vttbr) : "memory");
	}
	return old;
}

/** stage2_tlb_exit() - restore VTTBR_EL2 after stage2_tlb_enter() */
static inline void stage2_tlb_exit(u64 old)
{
	asm volatile("msr vttbr_el2, %0\n\tisb" : : "r" (old) : "memory");
}

#endif /* ASM_BARRIER_H */
