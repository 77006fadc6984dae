/* SPDX-License-Identifier: GPL-2.0 */
/* aarch64 helpers of the runtime: timer, events, halt, PSCI. */
#include "internal.h"

#define PSCI_SYSTEM_OFF		0x84000008UL
#define CNTKCTL_EVNTEN		(1UL << 2)
#define CNTKCTL_EVNTI_SHIFT	4

uint64_t bh_rt_counter(void)
{
	uint64_t v;

	/*
	 * Arm ARM, "The virtual counter": reads of CNTVCT_EL0 can occur
	 * speculatively and out of order; the ISB keeps this one in place.
	 */
	asm volatile("isb\n\tmrs %0, cntvct_el0" : "=r"(v) : : "memory");
	return v;
}

uint64_t bh_rt_counter_freq(void)
{
	uint64_t v;

	asm volatile("mrs %0, cntfrq_el0" : "=r"(v));
	return v ? v : 1000000000;
}

void bh_rt_wait_event(void)
{
	asm volatile("wfe" : : : "memory");
}

void bh_rt_halt(void)
{
	asm volatile("msr daifset, #0xf" : : : "memory");
	for (;;)
		asm volatile("wfi" : : : "memory");
}

void bh_rt_psci_off(int smc)
{
	register uint64_t x0 asm("x0") = PSCI_SYSTEM_OFF;

	/* SMCCC: x1-x17 may come back changed */
	if (smc)
		asm volatile("smc #0" : "+r"(x0) : : "x1", "x2", "x3", "x4",
			     "x5", "x6", "x7", "x8", "x9", "x10", "x11", "x12",
			     "x13", "x14", "x15", "x16", "x17", "memory");
	else
		asm volatile("hvc #0" : "+r"(x0) : : "x1", "x2", "x3", "x4",
			     "x5", "x6", "x7", "x8", "x9", "x10", "x11", "x12",
			     "x13", "x14", "x15", "x16", "x17", "memory");
	bh_rt_halt();
}

void bh_rt_event_stream_on(void)
{
	uint64_t ticks = bh_rt_counter_freq() / 20000, bit = 0, v;

	/* an event every 2^(bit + 1) ticks, about every 50 us */
	while (bit < 15 && (ticks >> (bit + 2)))
		bit++;
	asm volatile("mrs %0, cntkctl_el1" : "=r"(v));
	v &= ~(0xfUL << CNTKCTL_EVNTI_SHIFT | 1UL << 3);
	v |= CNTKCTL_EVNTEN | bit << CNTKCTL_EVNTI_SHIFT;
	asm volatile("msr cntkctl_el1, %0\n\tisb" : : "r"(v));
}
