// SPDX-License-Identifier: GPL-2.0
/* Entering the kernel on each CPU through the hyp stub, and leaving it. */
#define pr_fmt(fmt) "bulkhead: " fmt

#include <linux/cpu.h>
#include <linux/irqflags.h>
#include <linux/kernel.h>
#include <linux/smp.h>
#include <asm/cpufeature.h>
#include <asm/cputype.h>
#include <asm/sysreg.h>

#include <bulkhead/caps.h>
#include <bulkhead/hypercall.h>

#include "bulkhead.h"
#include "hvc.h"

bool bh_el2_implemented(void)
{
	u64 pfr0 = read_sanitised_ftr_reg(SYS_ID_AA64PFR0_EL1);

	return cpuid_feature_extract_unsigned_field(pfr0,
			ID_AA64PFR0_EL1_EL2_SHIFT) != 0;
}

/* The kernel answers 0 or a small negative errno; anything else is a bug. */
static long hvc_errno(u64 x0)
{
	long v = (long)x0;

	return (v <= 0 && v >= -MAX_ERRNO) ? v : -EIO;
}

/* Runs with IRQs off on the CPU being entered. */
static long enter_this_cpu(u64 vectors_pa, u64 call, u64 bd_pa, u64 bd_size)
{
	u64 x[7] = { BH_STUB_SET_VECTORS, vectors_pa };
	struct bh_hvc_res res;

	bh_hvc(x, &res);
	if (res.a[0] == BH_STUB_ERR)
		return -EBUSY;	/* not Linux's stub: KVM owns EL2 */
	if (res.a[0])
		return -EIO;
	x[0] = call;
	x[1] = bd_pa;
	x[2] = bd_size;
	bh_hvc(x, &res);
	return hvc_errno(res.a[0]);
}

struct launch_arg {
	const struct bh_loaded *ld;
	long ret;
};

static void launch_secondary(void *data)
{
	struct launch_arg *arg = data;

	arg->ret = enter_this_cpu(arg->ld->vectors_pa, BH_HC_LAUNCH_CPU,
				  arg->ld->bootdesc_pa,
				  arg->ld->bootdesc_size);
}

struct teardown_arg {
	struct cpumask *failed;
};

static void teardown_this_cpu(void *data)
{
	struct teardown_arg *arg = data;
	u64 x[7] = { BH_HC_INVOKE, BH_SLOT_HV,
		     bh_msginfo(BH_LABEL_HV_DISABLE, 0) };
	struct bh_hvc_res res;

	bh_hvc(x, &res);
	/* BH_STUB_ERR: the stub answered, this CPU is already out. */
	if (res.a[0] != BH_E_OK && res.a[0] != BH_STUB_ERR) {
		cpumask_set_cpu(smp_processor_id(), arg->failed);
		pr_err("CPU%d: HV_DISABLE refused (error %llu)\n",
		       smp_processor_id(), res.a[0]);
	}
}

static void teardown_mask(const struct cpumask *mask, struct cpumask *failed)
{
	struct teardown_arg arg = { failed };

	cpumask_clear(failed);
	on_each_cpu_mask(mask, teardown_this_cpu, &arg, true);
}

int bh_launch(const struct bh_loaded *ld, struct cpumask *entered)
{
	struct launch_arg arg = { ld, 0 };
	struct cpumask failed;
	unsigned long flags;
	int this, cpu;

	cpumask_clear(entered);
	cpus_read_lock();
	this = get_cpu();

	local_irq_save(flags);
	arg.ret = enter_this_cpu(ld->vectors_pa, BH_HC_LAUNCH_INIT,
				 ld->bootdesc_pa, ld->bootdesc_size);
	local_irq_restore(flags);
	if (arg.ret) {
		cpu = this;
		goto fail;
	}
	cpumask_set_cpu(this, entered);

	for_each_online_cpu(cpu) {
		if (cpu == this)
			continue;
		if (smp_call_function_single(cpu, launch_secondary, &arg, 1))
			arg.ret = -EIO;
		if (arg.ret)
			goto fail;
		cpumask_set_cpu(cpu, entered);
	}
	put_cpu();
	cpus_read_unlock();
	return 0;

fail:
	if (arg.ret == -EBUSY)
		pr_err("CPU%d: the hyp stub refused HVC_SET_VECTORS: EL2 is held by KVM (boot with kvm-arm.mode=none)\n",
		       cpu);
	else
		pr_err("CPU%d: launch failed (%ld)\n", cpu, arg.ret);
	if (!cpumask_empty(entered)) {
		teardown_mask(entered, &failed);
		if (!cpumask_empty(&failed))
			pr_err("CPUs %*pbl stay under the hypervisor\n",
			       cpumask_pr_args(&failed));
		cpumask_copy(entered, &failed);
	}
	put_cpu();
	cpus_read_unlock();
	return arg.ret;
}

int bh_teardown(struct cpumask *failed)
{
	cpus_read_lock();
	teardown_mask(cpu_online_mask, failed);
	cpus_read_unlock();
	return cpumask_empty(failed) ? 0 : -EIO;
}

static void read_mpidr(void *data)
{
	u64 *mpidr = data;

	mpidr[smp_processor_id()] = read_cpuid_mpidr() & MPIDR_HWID_BITMASK;
}

int bh_check_cpus(const struct bh_bootdesc *bd)
{
	const struct bh_bd_cpu *cpus = (const void *)bd + bd->cpus_off;
	u64 *mpidr;
	int cpu, ret = 0;
	u32 i;

	mpidr = kcalloc(nr_cpu_ids, sizeof(*mpidr), GFP_KERNEL);
	if (!mpidr)
		return -ENOMEM;
	cpus_read_lock();
	on_each_cpu(read_mpidr, mpidr, true);
	for_each_online_cpu(cpu) {
		for (i = 0; i < bd->num_cpus; i++)
			if (cpus[i].mpidr == mpidr[cpu])
				break;
		if (i == bd->num_cpus || cpus[i].cell != 0) {
			pr_err("CPU%d (MPIDR %#llx) is online but not a root cell CPU of the boot description\n",
			       cpu, mpidr[cpu]);
			ret = -EINVAL;
			break;
		}
	}
	cpus_read_unlock();
	kfree(mpidr);
	return ret;
}
