/* SPDX-License-Identifier: GPL-2.0 */
/* ioctls of /dev/bulkhead: between the root agent and bulkhead.ko. */
#ifndef BULKHEAD_IOCTL_H
#define BULKHEAD_IOCTL_H

#include <linux/ioctl.h>
#include <bulkhead/types.h>

/*
 * Every structure is fixed-size with explicit padding, so a 64-bit agent
 * and the module agree without compat handling. Pointers travel as u64.
 * Errors come back as the ioctl's errno; the module also logs one line.
 */
#define BH_IOCTL_MAGIC		0xbc

/**
 * struct bh_ioctl_enable - BH_IOCTL_ENABLE argument
 * @bootdesc:		user address of the boot description the agent built
 * @bootdesc_size:	its size, at most BH_BOOTDESC_MAX_SIZE
 * @flags:		0
 * @stub_vectors:	virtual address of Linux's __hyp_stub_vectors, read
 *			from /proc/kallsyms; the module turns it into the
 *			physical address it stores in the boot description
 *
 * errno: EEXIST already enabled; ENODEV EL2 not implemented; EBUSY the hyp
 * stub refused (KVM or another hypervisor holds EL2); ENOENT no
 * bulkhead.bin firmware; ENOEXEC bad image header; E2BIG image, boot
 * description and per-CPU areas do not fit in hypervisor memory;
 * EADDRINUSE hypervisor memory intersects System RAM; EINVAL malformed
 * argument or boot description; EFAULT bad pointer; anything else is the
 * kernel's launch error on some CPU (dmesg names it).
 */
struct bh_ioctl_enable {
	uint64_t bootdesc;
	uint32_t bootdesc_size;
	uint32_t flags;
	uint64_t stub_vectors;
};
BH_ASSERT_SIZE(struct bh_ioctl_enable, 24);

/**
 * struct bh_ioctl_invoke - BH_IOCTL_INVOKE argument (a test hook)
 * @slot:	capability slot in the root cell's CNode (in)
 * @msginfo:	message info, bulkhead/caps.h (in)
 * @mr:		message registers (in)
 * @error:	BH_E_* the kernel returned in x0 (out)
 * @reply_info:	reply message info (out)
 * @reply_mr:	reply message registers (out)
 * @cpu:	Linux CPU number the hypercall ran on (out)
 * @reserved:	0
 *
 * One BH_HC_INVOKE on the calling CPU, passed through unchanged: the
 * kernel, not the module, checks slot, type and rights. errno: ENXIO not
 * enabled; EINVAL @reserved not 0.
 */
struct bh_ioctl_invoke {
	uint64_t slot;
	uint64_t msginfo;
	uint64_t mr[4];
	uint64_t error;
	uint64_t reply_info;
	uint64_t reply_mr[4];
	uint32_t cpu;
	uint32_t reserved;
};
BH_ASSERT_SIZE(struct bh_ioctl_invoke, 104);

/* struct bh_ioctl_status.flags */
#define BH_STATUS_ENABLED	(1U << 0)	/* the hypervisor runs */
#define BH_STATUS_EL2		(1U << 1)	/* ID_AA64PFR0_EL1.EL2 != 0 */

/**
 * struct bh_ioctl_status - BH_IOCTL_STATUS result
 * @flags:		BH_STATUS_*
 * @num_cpus:		CPUs running under the hypervisor (0 when disabled)
 * @cpu_mask:		Linux numbers of those CPUs, one bit each (0..63)
 * @hv_base:		hypervisor memory, physical (0 when disabled)
 * @hv_size:		its size
 * @bootdesc_size:	size of the boot description in use (0 when
 *			disabled); BH_IOCTL_BOOTDESC returns it
 * @abi_version:	BH_ABI_VERSION the module was built with
 * @image_version:	abi_version of the running kernel image (0 when
 *			disabled)
 * @reserved:		0
 */
struct bh_ioctl_status {
	uint32_t flags;
	uint32_t num_cpus;
	uint64_t cpu_mask;
	uint64_t hv_base;
	uint64_t hv_size;
	uint32_t bootdesc_size;
	uint32_t abi_version;
	uint32_t image_version;
	uint32_t reserved[3];
};
BH_ASSERT_SIZE(struct bh_ioctl_status, 56);

/**
 * struct bh_ioctl_bootdesc - BH_IOCTL_BOOTDESC argument
 * @buf:	user buffer (in)
 * @size:	its size (in); bytes of the boot description (out)
 * @reserved:	0
 *
 * Copies the boot description the running hypervisor was enabled with,
 * stub_vectors filled in, so the agent can name cells. errno: ENXIO not
 * enabled; ENOSPC @size too small (@size then holds the size needed).
 */
struct bh_ioctl_bootdesc {
	uint64_t buf;
	uint32_t size;
	uint32_t reserved;
};
BH_ASSERT_SIZE(struct bh_ioctl_bootdesc, 16);

/*
 * mmap() of /dev/bulkhead maps a service's root channel (bulkhead/rpc.h)
 * into the root agent: offset BH_MMAP_OFFSET(slot), where @slot holds an
 * endpoint capability (READ) of the root cell; MAP_SHARED, length at most
 * the channel's size, always from the channel's first byte. The module
 * asks the kernel with EP_INFO where the channel is; the mapping is
 * Normal Write-Back, as the service maps it. errno: ENXIO not enabled;
 * EINVAL slot out of range or empty, length beyond the channel, or not
 * MAP_SHARED; ENODEV the slot holds no endpoint or its service has no
 * root channel; EACCES the capability lacks READ; EPERM not
 * CAP_SYS_ADMIN. While any such mapping is alive, BH_IOCTL_DISABLE fails
 * with EBUSY: the pages return to the hypervisor on disable.
 */
/**
 * struct bh_ioctl_bench - BH_IOCTL_BENCH argument (scripts/bench)
 * @slot:	root slot to invoke; 0 runs the empty loop (its overhead)
 * @msginfo:	message info of each invocation
 * @mr:		its message registers
 * @iterations:	1..BH_BENCH_MAX_ITERATIONS, on one CPU, interrupts off
 * @reserved:	0
 * @ticks:	out: CNTVCT_EL0 ticks the loop took
 * @freq:	out: CNTFRQ_EL0
 * @errors:	out: invocations that returned an error
 * @last_error:	out: the last such error (BH_E_*)
 *
 * Under QEMU's -icount shift=0 an instruction is 1 ns of virtual time,
 * so ticks * 10^9 / @freq / @iterations is instructions per invocation.
 */
struct bh_ioctl_bench {
	uint64_t slot;
	uint64_t msginfo;
	uint64_t mr[4];
	uint32_t iterations;
	uint32_t reserved;
	uint64_t ticks;
	uint64_t freq;
	uint64_t errors;
	uint64_t last_error;
};

#define BH_BENCH_MAX_ITERATIONS	100000

/**
 * struct bh_ioctl_bench_irq - BH_IOCTL_BENCH_IRQ argument (scripts/bench)
 * @samples:	timer interrupts to measure, 1..BH_BENCH_MAX_SAMPLES
 * @delay_us:	each fires this long after it is set, 1..10000
 * @latency:	user address of @samples u32: for each, nanoseconds from
 *		the timer's expiry to its handler (a hard-interrupt hrtimer)
 *
 * Works with the hypervisor enabled or not: the difference between the
 * two is what a cell pays per interrupt. Under QEMU's -icount shift=0 a
 * nanosecond is an instruction.
 */
struct bh_ioctl_bench_irq {
	uint32_t samples;
	uint32_t delay_us;
	uint64_t latency;
};

#define BH_BENCH_MAX_SAMPLES	10000

#define BH_MMAP_OFFSET(slot, page_size)	((uint64_t)(slot) * (page_size))

#define BH_IOCTL_ENABLE		_IOW(BH_IOCTL_MAGIC, 0, struct bh_ioctl_enable)
/*
 * errno: ENXIO not enabled; EBUSY channel mappings are alive (mmap above);
 * EIO some CPU refused (dmesg names it)
 */
#define BH_IOCTL_DISABLE	_IO(BH_IOCTL_MAGIC, 1)
#define BH_IOCTL_INVOKE		_IOWR(BH_IOCTL_MAGIC, 2, struct bh_ioctl_invoke)
#define BH_IOCTL_STATUS		_IOR(BH_IOCTL_MAGIC, 3, struct bh_ioctl_status)
#define BH_IOCTL_BOOTDESC	_IOWR(BH_IOCTL_MAGIC, 4, \
				      struct bh_ioctl_bootdesc)
/* errno: ENXIO not enabled; EINVAL bad iterations or reserved */
#define BH_IOCTL_BENCH		_IOWR(BH_IOCTL_MAGIC, 5, struct bh_ioctl_bench)
/* errno: EINVAL bad samples or delay; EFAULT bad latency address */
#define BH_IOCTL_BENCH_IRQ	_IOW(BH_IOCTL_MAGIC, 6, \
				     struct bh_ioctl_bench_irq)

#endif /* BULKHEAD_IOCTL_H */
