/* SPDX-License-Identifier: GPL-2.0 */
/* Exceptions at EL1: musl's system calls, and everything that is fatal. */
#include "internal.h"

#define ESR_EC(esr)	((unsigned int)((esr) >> 26) & 0x3f)
#define EC_SVC64	0x15
#define EC_IABT_CUR	0x21
#define EC_PC_ALIGN	0x22
#define EC_DABT_CUR	0x25
#define EC_SP_ALIGN	0x26
#define EC_FP_EXC64	0x2c
#define EC_BRK64	0x3c

static const char *const kind_name[] = {
	[BH_RT_VEC_SYNC] = "synchronous",
	[BH_RT_VEC_IRQ] = "IRQ",
	[BH_RT_VEC_FIQ] = "FIQ",
	[BH_RT_VEC_SERROR] = "SError",
};

static const char *const origin_name[] = {
	"EL1", "EL1 on SP_EL0", "a lower EL (AArch64)", "a lower EL (AArch32)",
};

static uint64_t read_esr(void)
{
	uint64_t v;

	asm volatile("mrs %0, esr_el1" : "=r"(v));
	return v;
}

static uint64_t read_far(void)
{
	uint64_t v;

	asm volatile("mrs %0, far_el1" : "=r"(v));
	return v;
}

/* The signal Linux would have sent for this exception */
static int signal_of(unsigned long kind, uint64_t esr)
{
	if ((kind & 3) != BH_RT_VEC_SYNC)
		return LX_SIGBUS;
	switch (ESR_EC(esr)) {
	case EC_IABT_CUR:
	case EC_DABT_CUR:
		return LX_SIGSEGV;
	case EC_PC_ALIGN:
	case EC_SP_ALIGN:
		return LX_SIGBUS;
	case EC_FP_EXC64:
		return LX_SIGFPE;
	case EC_BRK64:
		return LX_SIGTRAP;
	}
	return LX_SIGILL;
}

static void dump(const struct bh_rt_frame *f)
{
	int i;

	for (i = 0; i < 30; i += 3)
		bh_rt_log("x%02d %016llx x%02d %016llx x%02d %016llx",
			  i, (unsigned long long)f->x[i],
			  i + 1, (unsigned long long)f->x[i + 1],
			  i + 2, (unsigned long long)f->x[i + 2]);
	bh_rt_log("x30 %016llx sp  %016llx spsr %08llx",
		  (unsigned long long)f->x[30], (unsigned long long)f->sp,
		  (unsigned long long)f->spsr);
}

/* vectors.S: where an exception goes when the boot stack has no room */
extern char bh_rt_overflow_stack[];

static int on_overflow_stack(const struct bh_rt_frame *f)
{
	return (uintptr_t)f - (uintptr_t)bh_rt_overflow_stack <
	       BH_RT_OVERFLOW_STACK;
}

void bh_rt_exception(struct bh_rt_frame *f, unsigned long kind)
{
	static int dying;
	uint64_t esr = read_esr(), far = read_far();
	int overflow = on_overflow_stack(f);

	/* not even a system call returns from the overflow stack */
	if (kind == BH_RT_VEC_SYNC && ESR_EC(esr) == EC_SVC64 && !overflow) {
		/* ELR is past the svc already (preferred return address) */
		f->x[0] = (uint64_t)bh_rt_syscall(f->x[8], f->x, f->elr - 4);
		return;
	}
	/*
	 * A fault while reporting one: power off without another word, and
	 * if powering off faults too, just stop.
	 */
	if (dying++) {
		if (dying == 2 && bh_rt_platform_get())
			bh_rt_platform_get()->poweroff();
		bh_rt_halt();
	}
	if (overflow)
		bh_rt_log("fatal: boot stack overflow (guard page hit; the "
			  "sp below is the overflow stack's)");
	bh_rt_log("fatal: %s exception from %s: ESR 0x%llx (EC 0x%x), "
		  "ELR 0x%llx, FAR 0x%llx", kind_name[kind & 3],
		  origin_name[kind >> 2 & 3], (unsigned long long)esr,
		  ESR_EC(esr), (unsigned long long)f->elr,
		  (unsigned long long)far);
	dump(f);
	bh_rt_exit(128 + signal_of(kind, esr));
}
