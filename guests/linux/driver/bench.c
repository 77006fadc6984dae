// SPDX-License-Identifier: GPL-2.0
/* BH_IOCTL_BENCH: time N identical invocations with interrupts off. */
#include <linux/irqflags.h>
#include <linux/types.h>
#include <asm/barrier.h>
#include <asm/sysreg.h>

#include <bulkhead/hypercall.h>
#include <bulkhead/ioctl.h>

#include "bulkhead.h"
#include "hvc.h"

/*
 * The counter is read with an ISB on either side of the loop so that it
 * is not read early or late (Arm ARM: reads of CNTVCT_EL0 can occur
 * speculatively and out of order). Under QEMU's -icount the virtual
 * counter advances with executed instructions, which turns the ticks into
 * an instruction count (scripts/bench).
 */
int bh_bench_run(struct bh_ioctl_bench *b)
{
	u64 x[7] = { BH_HC_INVOKE, b->slot, b->msginfo,
		     b->mr[0], b->mr[1], b->mr[2], b->mr[3] };
	struct bh_hvc_res res;
	unsigned long flags;
	u64 t0, t1;
	u32 i;

	if (b->reserved || !b->iterations ||
	    b->iterations > BH_BENCH_MAX_ITERATIONS)
		return -EINVAL;
	b->errors = 0;
	b->last_error = 0;
	local_irq_save(flags);
	isb();
	t0 = read_sysreg(cntvct_el0);
	for (i = 0; i < b->iterations; i++) {
		if (!b->slot) {
			/* the loop alone: what the others include */
			barrier();
			continue;
		}
		bh_hvc(x, &res);
		if (res.a[0]) {
			b->errors++;
			b->last_error = res.a[0];
		}
	}
	isb();
	t1 = read_sysreg(cntvct_el0);
	local_irq_restore(flags);
	b->ticks = t1 - t0;
	b->freq = read_sysreg(cntfrq_el0);
	return 0;
}
