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
 * stage2_tlb_enter() - make @vmid current for stage-2 TLB maintenance
 *
 * TLBI IPAS2E1IS/VMALLS12E1IS act on the VMID in VTTBR_EL2: the walker
 * switches to the table's VMID around its maintenance and returns the
 * previous VTTBR_EL2 for stage2_tlb_exit().
 */
static inline u64 stage2_tlb_enter(unsigned int vmid)
{
	u64 old;

	asm volatile("mrs %0, vttbr_el2" : "=r" (old));
	if ((old >> 48) != vmid) {
		asm volatile("msr vttbr_el2, %0\n\tisb"
			     : : "r" ((u64)vmid << 48) : "memory");
	}
	return old;
}

/** stage2_tlb_exit() - restore VTTBR_EL2 after stage2_tlb_enter() */
static inline void stage2_tlb_exit(u64 old)
{
	asm volatile("msr vttbr_el2, %0\n\tisb" : : "r" (old) : "memory");
}

#endif /* ASM_BARRIER_H */
