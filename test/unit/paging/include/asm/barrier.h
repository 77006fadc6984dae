/* SPDX-License-Identifier: GPL-2.0 */
/* Host stand-in for the kernel's asm/barrier.h: counts TLB maintenance. */
#ifndef ASM_BARRIER_H
#define ASM_BARRIER_H

#include <core/types.h>

/**
 * struct tlb_log - what the walker asked the TLBs to do (host tests only)
 * @ipas2:	TLBI IPAS2E1IS calls
 * @vae2:	TLBI VAE2IS calls
 * @vmalle1:	TLBI VMALLE1IS calls
 * @last:	address of the last by-address invalidation
 * @vttbr:	VTTBR_EL2 the last stage-2 maintenance ran with
 */
struct tlb_log {
	unsigned int ipas2;
	unsigned int vae2;
	unsigned int vmalle1;
	u64 last;
	u64 vttbr;
};

extern struct tlb_log tlb_log;

#define isb()		do { } while (0)
#define dsb(opt)	do { } while (0)

static inline void tlbi_ipas2e1is(u64 ipa)
{
	tlb_log.ipas2++;
	tlb_log.last = ipa;
}

static inline void tlbi_vae2is(u64 va)
{
	tlb_log.vae2++;
	tlb_log.last = va;
}

static inline void tlbi_vmalle1is(void)
{
	tlb_log.vmalle1++;
}

static inline u64 stage2_tlb_enter(u64 vttbr)
{
	tlb_log.vttbr = vttbr;
	return 0;
}

static inline void stage2_tlb_exit(u64 old)
{
	(void)old;
}

#endif /* ASM_BARRIER_H */
