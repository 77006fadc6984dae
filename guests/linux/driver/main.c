// SPDX-License-Identifier: GPL-2.0
/* /dev/bulkhead: enable, disable, invoke, status and channel mappings. */
#define pr_fmt(fmt) "bulkhead: " fmt

#include <linux/atomic.h>
#include <linux/capability.h>
#include <linux/cpumask.h>
#include <linux/fs.h>
#include <linux/ioport.h>
#include <linux/miscdevice.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/smp.h>
#include <linux/uaccess.h>
#include <asm/memory.h>

#include <bulkhead/caps.h>
#include <bulkhead/hypercall.h>
#include <bulkhead/ioctl.h>

#include "bulkhead.h"
#include "hvc.h"

/*
 * Everything below is guarded by bh_lock. Lock order: mmap_lock before
 * bh_lock (mmap() runs under mmap_lock), so nothing may touch user memory
 * while holding bh_lock.
 */
static DEFINE_MUTEX(bh_lock);
static bool bh_enabled;
static struct cpumask bh_cpus;
static struct bh_bootdesc *bh_bd;	/* the description in use */
static u32 bh_image_abi;

/*
 * Live channel mappings (VMAs). Raised under bh_lock by mmap(), so that
 * DISABLE, which checks it under bh_lock, never races with a new one;
 * VMA copies and closes change it without the lock.
 */
static atomic_t bh_maps = ATOMIC_INIT(0);

static struct miscdevice bh_misc;

/* Sanity checks the module needs for itself; the kernel checks the rest. */
static int check_bootdesc(const struct bh_bootdesc *bd, u32 size)
{
	u64 cpus_end = (u64)bd->cpus_off +
		       (u64)bd->num_cpus * sizeof(struct bh_bd_cpu);

	if (memcmp(bd->signature, BH_BOOTDESC_SIGNATURE, 8) ||
	    bd->version != BH_BOOTDESC_VERSION || bd->total_size != size) {
		pr_err("boot description: bad signature, version or size\n");
		return -EINVAL;
	}
	if (!bd->hv_size || !IS_ALIGNED(bd->hv_base | bd->hv_size, SZ_2M) ||
	    bd->hv_base + bd->hv_size < bd->hv_base) {
		pr_err("boot description: hypervisor memory %#llx+%#llx is not 2 MiB aligned\n",
		       bd->hv_base, bd->hv_size);
		return -EINVAL;
	}
	if (!bd->num_cpus || bd->num_cpus > BH_MAX_CPUS || cpus_end > size ||
	    !IS_ALIGNED(bd->cpus_off, 8)) {
		pr_err("boot description: bad CPU array\n");
		return -EINVAL;
	}
	return 0;
}

/* VA of __hyp_stub_vectors from the agent -> physical, or 0 if implausible. */
static u64 stub_vectors_pa(u64 va)
{
	u64 pa = va - kimage_voffset;

	/* It lives in the kernel image's text, which is System RAM. */
	if (!va || !IS_ALIGNED(va, SZ_2K) || va < kimage_vaddr ||
	    va - kimage_vaddr >= SZ_128M ||
	    region_intersects(pa, SZ_2K, IORESOURCE_SYSTEM_RAM,
			      IORES_DESC_NONE) != REGION_INTERSECTS)
		return 0;
	return pa;
}

static int do_enable(struct bh_bootdesc *bd, u64 stub_va)
{
	struct bh_loaded ld;
	int ret;

	if (bh_enabled)
		return -EEXIST;
	if (!bh_el2_implemented()) {
		pr_err("EL2 not implemented (ID_AA64PFR0_EL1.EL2 == 0)\n");
		return -ENODEV;
	}
	if (region_intersects(bd->hv_base, bd->hv_size, IORESOURCE_SYSTEM_RAM,
			      IORES_DESC_NONE) != REGION_DISJOINT) {
		pr_err("hypervisor memory %#llx+%#llx intersects System RAM\n",
		       bd->hv_base, bd->hv_size);
		return -EADDRINUSE;
	}
	bd->stub_vectors = stub_vectors_pa(stub_va);
	if (!bd->stub_vectors) {
		pr_err("%#llx is not the address of __hyp_stub_vectors\n",
		       stub_va);
		return -EINVAL;
	}
	ret = bh_check_cpus(bd);
	if (ret)
		return ret;
	ret = bh_services_load(bh_misc.this_device, bd);
	if (ret)
		return ret;
	ret = bh_image_load(bh_misc.this_device, bd, &ld);
	if (ret)
		return ret;
	ret = bh_launch(&ld, &bh_cpus);
	/* a failed launch that could not be undone stays enabled: retry */
	if (ret && cpumask_empty(&bh_cpus))
		return ret;
	bh_enabled = true;
	bh_bd = bd;
	bh_image_abi = ld.image_abi;
	__module_get(THIS_MODULE);
	if (ret)
		return ret;
	/* the reference taken above makes rmmod fail until disable */
	pr_info("enabled on CPUs %*pbl; disable first to unload the module\n",
		cpumask_pr_args(&bh_cpus));
	return 0;
}

static long ioctl_enable(void __user *uarg)
{
	struct bh_ioctl_enable arg;
	struct bh_bootdesc *bd;
	long ret;

	if (copy_from_user(&arg, uarg, sizeof(arg)))
		return -EFAULT;
	if (arg.flags || arg.bootdesc_size < sizeof(*bd) ||
	    arg.bootdesc_size > BH_BOOTDESC_MAX_SIZE)
		return -EINVAL;
	bd = memdup_user(u64_to_user_ptr(arg.bootdesc), arg.bootdesc_size);
	if (IS_ERR(bd))
		return PTR_ERR(bd);
	ret = check_bootdesc(bd, arg.bootdesc_size);
	if (ret)
		goto out;

	mutex_lock(&bh_lock);
	ret = do_enable(bd, arg.stub_vectors);
	if (bh_bd == bd)
		bd = NULL;	/* kept while enabled */
	mutex_unlock(&bh_lock);
out:
	kfree(bd);
	return ret;
}

/* Every CPU has left the hypervisor: forget it and allow rmmod again. */
static void all_cpus_left(void)
{
	bh_enabled = false;
	cpumask_clear(&bh_cpus);
	kfree(bh_bd);
	bh_bd = NULL;
	bh_image_abi = 0;
	module_put(THIS_MODULE);
	pr_info("disabled\n");
}

static int do_disable(void)
{
	struct cpumask failed;
	int ret;

	if (!bh_enabled)
		return -ENXIO;
	/* the pages go back to hypervisor memory: no mapping may outlive it */
	if (atomic_read(&bh_maps)) {
		pr_err("disable refused: %d channel mappings still alive\n",
		       atomic_read(&bh_maps));
		return -EBUSY;
	}
	ret = bh_teardown(&failed);
	if (ret) {
		pr_err("CPUs %*pbl refused to leave; still enabled\n",
		       cpumask_pr_args(&failed));
		cpumask_copy(&bh_cpus, &failed);
		return ret;
	}
	all_cpus_left();
	return 0;
}

/* One BH_HC_INVOKE on this CPU; returns the CPU. Caller holds bh_lock. */
static unsigned int root_invoke(u64 slot, u64 msginfo, const u64 mr[4],
				struct bh_hvc_res *res)
{
	u64 x[7] = { BH_HC_INVOKE, slot, msginfo };
	unsigned int cpu;

	lockdep_assert_held(&bh_lock);
	memcpy(&x[3], mr, 4 * sizeof(*mr));
	cpu = get_cpu();
	bh_hvc(x, res);
	put_cpu();
	return cpu;
}

static long ioctl_invoke(void __user *uarg)
{
	struct bh_ioctl_invoke arg;
	struct bh_hvc_res res;

	if (copy_from_user(&arg, uarg, sizeof(arg)))
		return -EFAULT;
	if (arg.reserved)
		return -EINVAL;

	mutex_lock(&bh_lock);
	if (!bh_enabled) {
		mutex_unlock(&bh_lock);
		return -ENXIO;
	}
	arg.cpu = root_invoke(arg.slot, arg.msginfo, arg.mr, &res);
	/* a raw HV_DISABLE took this CPU out: keep the books straight */
	if (res.a[0] == BH_E_OK &&
	    bh_msginfo_label(arg.msginfo) == BH_LABEL_HV_DISABLE) {
		pr_info("CPU%u left through a raw HV_DISABLE\n", arg.cpu);
		cpumask_clear_cpu(arg.cpu, &bh_cpus);
		if (cpumask_empty(&bh_cpus))
			all_cpus_left();
	}
	mutex_unlock(&bh_lock);

	arg.error = res.a[0];
	arg.reply_info = res.a[1];
	memcpy(arg.reply_mr, &res.a[2], sizeof(arg.reply_mr));
	return copy_to_user(uarg, &arg, sizeof(arg)) ? -EFAULT : 0;
}

static long ioctl_status(void __user *uarg)
{
	struct bh_ioctl_status st = { 0 };
	int cpu;

	mutex_lock(&bh_lock);
	if (bh_el2_implemented())
		st.flags |= BH_STATUS_EL2;
	st.abi_version = BH_ABI_VERSION;
	if (bh_enabled) {
		st.flags |= BH_STATUS_ENABLED;
		st.num_cpus = cpumask_weight(&bh_cpus);
		for_each_cpu(cpu, &bh_cpus)
			if (cpu < 64)
				st.cpu_mask |= 1ULL << cpu;
		st.hv_base = bh_bd->hv_base;
		st.hv_size = bh_bd->hv_size;
		st.bootdesc_size = bh_bd->total_size;
		st.image_version = bh_image_abi;
	}
	mutex_unlock(&bh_lock);
	return copy_to_user(uarg, &st, sizeof(st)) ? -EFAULT : 0;
}

static long ioctl_bootdesc(void __user *uarg)
{
	struct bh_ioctl_bootdesc arg;
	void *copy = NULL;
	u32 size = 0;
	long ret = 0;

	if (copy_from_user(&arg, uarg, sizeof(arg)))
		return -EFAULT;
	if (arg.reserved)
		return -EINVAL;
	/* copy under the lock, hand out after it (see bh_lock) */
	mutex_lock(&bh_lock);
	if (!bh_enabled) {
		ret = -ENXIO;
	} else {
		size = bh_bd->total_size;
		if (arg.size >= size) {
			copy = kmemdup(bh_bd, size, GFP_KERNEL);
			if (!copy)
				ret = -ENOMEM;
		}
	}
	mutex_unlock(&bh_lock);
	if (ret)
		return ret;
	if (!copy)
		ret = -ENOSPC;
	else if (copy_to_user(u64_to_user_ptr(arg.buf), copy, size))
		ret = -EFAULT;
	kfree(copy);
	arg.size = size;
	if (ret != -EFAULT && copy_to_user(uarg, &arg, sizeof(arg)))
		ret = -EFAULT;
	return ret;
}

static void chan_vma_open(struct vm_area_struct *vma)
{
	atomic_inc(&bh_maps);
}

static void chan_vma_close(struct vm_area_struct *vma)
{
	atomic_dec(&bh_maps);
}

static const struct vm_operations_struct chan_vm_ops = {
	.open = chan_vma_open,
	.close = chan_vma_close,
};

/* EP_INFO on root slot @slot: the service's root channel, checked. */
static int chan_lookup(u64 slot, u64 *phys, u64 *size)
{
	static const u64 none[4];
	struct bh_hvc_res res;

	root_invoke(slot, bh_msginfo(BH_LABEL_EP_INFO, 0), none, &res);
	switch (res.a[0]) {
	case BH_E_OK:
		break;
	case BH_E_INVALID_CAP:
	case BH_E_RANGE:
		return -EINVAL;
	case BH_E_NO_RIGHTS:
		return -EACCES;
	default:
		/* not an endpoint, or a kernel without EP_INFO */
		return -ENODEV;
	}
	*phys = res.a[2];
	*size = res.a[3];
	if (!*phys)
		return -ENODEV;
	if (!PAGE_ALIGNED(*phys) || !*size || !PAGE_ALIGNED(*size) ||
	    *phys + *size < *phys ||
	    region_intersects(*phys, *size, IORESOURCE_SYSTEM_RAM,
			      IORES_DESC_NONE) != REGION_DISJOINT) {
		pr_err("slot %llu: implausible root channel %#llx+%#llx\n",
		       slot, *phys, *size);
		return -EIO;
	}
	return 0;
}

/*
 * mmap(offset = slot << PAGE_SHIFT): the root channel of the service whose
 * endpoint capability sits in root slot @slot, from its first byte.
 */
static int bh_mmap(struct file *file, struct vm_area_struct *vma)
{
	unsigned long len = vma->vm_end - vma->vm_start;
	u64 phys, size;
	int ret;

	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	if (!(vma->vm_flags & VM_SHARED))
		return -EINVAL;
	if (vma->vm_pgoff >= BH_CNODE_SLOTS)
		return -EINVAL;

	mutex_lock(&bh_lock);
	if (!bh_enabled) {
		ret = -ENXIO;
		goto out;
	}
	ret = chan_lookup(vma->vm_pgoff, &phys, &size);
	if (ret)
		goto out;
	if (len > size) {
		ret = -EINVAL;
		goto out;
	}
	/*
	 * Keep the VMA's own protection: Normal, Inner Shareable, Write-Back.
	 * The service maps the channel Normal Write-Back and the protocol's
	 * acquire/release ordering only holds between observers with the
	 * same attributes; mapping it Device or Non-cacheable here would be
	 * a mismatched-attribute alias (Arm ARM B2.8, "Mismatched memory
	 * attributes"), incoherent on real hardware. These pages lie above
	 * mem=, outside Linux's linear map, so no cacheable alias of ours
	 * conflicts either.
	 */
	vma->vm_flags |= VM_IO | VM_DONTEXPAND | VM_DONTDUMP;
	ret = remap_pfn_range(vma, vma->vm_start, PHYS_PFN(phys), len,
			      vma->vm_page_prot);
	if (ret)
		goto out;
	vma->vm_ops = &chan_vm_ops;
	atomic_inc(&bh_maps);
out:
	mutex_unlock(&bh_lock);
	return ret;
}

static long ioctl_bench(void __user *uarg)
{
	struct bh_ioctl_bench arg;
	long ret;

	if (copy_from_user(&arg, uarg, sizeof(arg)))
		return -EFAULT;
	mutex_lock(&bh_lock);
	if (!bh_enabled)
		ret = -ENXIO;
	else
		ret = bh_bench_run(&arg);
	mutex_unlock(&bh_lock);
	if (!ret && copy_to_user(uarg, &arg, sizeof(arg)))
		ret = -EFAULT;
	return ret;
}

/* Not under bh_lock: it measures bare metal as well as the root cell */
static long ioctl_bench_irq(void __user *uarg)
{
	struct bh_ioctl_bench_irq arg;

	if (copy_from_user(&arg, uarg, sizeof(arg)))
		return -EFAULT;
	return bh_bench_irq_run(&arg);
}

static long bh_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	void __user *uarg = (void __user *)arg;
	long ret;

	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	switch (cmd) {
	case BH_IOCTL_ENABLE:
		return ioctl_enable(uarg);
	case BH_IOCTL_DISABLE:
		mutex_lock(&bh_lock);
		ret = do_disable();
		mutex_unlock(&bh_lock);
		return ret;
	case BH_IOCTL_INVOKE:
		return ioctl_invoke(uarg);
	case BH_IOCTL_STATUS:
		return ioctl_status(uarg);
	case BH_IOCTL_BOOTDESC:
		return ioctl_bootdesc(uarg);
	case BH_IOCTL_BENCH:
		return ioctl_bench(uarg);
	case BH_IOCTL_BENCH_IRQ:
		return ioctl_bench_irq(uarg);
	default:
		return -ENOTTY;
	}
}

static const struct file_operations bh_fops = {
	.owner = THIS_MODULE,
	.unlocked_ioctl = bh_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
	.mmap = bh_mmap,
	.llseek = noop_llseek,
};

static struct miscdevice bh_misc = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "bulkhead",
	.fops = &bh_fops,
	.mode = 0600,
};

static int __init bh_init(void)
{
	return misc_register(&bh_misc);
}

static void __exit bh_exit(void)
{
	/* only reachable while enabled through "rmmod -f" */
	mutex_lock(&bh_lock);
	if (bh_enabled && do_disable())
		pr_err("unloading while CPUs still run the hypervisor\n");
	mutex_unlock(&bh_lock);
	misc_deregister(&bh_misc);
}

module_init(bh_init);
module_exit(bh_exit);
MODULE_DESCRIPTION("bulkhead hypervisor loader");
MODULE_LICENSE("GPL");
