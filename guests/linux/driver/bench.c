// SPDX-License-Identifier: GPL-2.0
/* BH_IOCTL_BENCH(_IRQ): invocations and timer-interrupt latency, timed. */
#include <linux/hrtimer.h>
#include <linux/irqflags.h>
#include <linux/ktime.h>
#include <linux/preempt.h>
#include <linux/slab.h>
#include <linux/types.h>
#include <linux/uaccess.h>
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

struct irq_probe {
	struct hrtimer timer;
	ktime_t fired;
	bool done;
};

/* Hard-interrupt context: the first code of Linux's that the IRQ reaches */
static enum hrtimer_restart irq_probe_fire(struct hrtimer *t)
{
	struct irq_probe *p = container_of(t, struct irq_probe, timer);

	p->fired = ktime_get();
	WRITE_ONCE(p->done, true);
	return HRTIMER_NORESTART;
}

/*
 * Each sample arms a pinned hard-interrupt hrtimer and spins (preemption
 * off, interrupts on) until it fires; the latency is the handler's clock
 * minus the expiry. The same code runs on bare metal and in the root
 * cell, so the difference is the hypervisor's share.
 */
int bh_bench_irq_run(const struct bh_ioctl_bench_irq *b)
{
	struct irq_probe p;
	ktime_t expires;
	u32 *lat, i;
	int ret = 0;

	if (!b->samples || b->samples > BH_BENCH_MAX_SAMPLES ||
	    !b->delay_us || b->delay_us > 10000)
		return -EINVAL;
	lat = kcalloc(b->samples, sizeof(*lat), GFP_KERNEL);
	if (!lat)
		return -ENOMEM;
	hrtimer_init(&p.timer, CLOCK_MONOTONIC, HRTIMER_MODE_ABS_PINNED_HARD);
	p.timer.function = irq_probe_fire;
	preempt_disable();
	for (i = 0; i < b->samples; i++) {
		p.done = false;
		expires = ktime_add_us(ktime_get(), b->delay_us);
		hrtimer_start(&p.timer, expires, HRTIMER_MODE_ABS_PINNED_HARD);
		while (!READ_ONCE(p.done))
			cpu_relax();
		lat[i] = (u32)min_t(s64, ktime_to_ns(ktime_sub(p.fired,
							       expires)),
				    U32_MAX);
	}
	preempt_enable();
	hrtimer_cancel(&p.timer);
	if (copy_to_user(u64_to_user_ptr(b->latency), lat,
			 b->samples * sizeof(*lat)))
		ret = -EFAULT;
	kfree(lat);
	return ret;
}
