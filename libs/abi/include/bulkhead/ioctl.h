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

#define BH_IOCTL_ENABLE		_IOW(BH_IOCTL_MAGIC, 0, struct bh_ioctl_enable)
/* errno: ENXIO not enabled; EIO some CPU refused (dmesg names it) */
#define BH_IOCTL_DISABLE	_IO(BH_IOCTL_MAGIC, 1)
#define BH_IOCTL_INVOKE		_IOWR(BH_IOCTL_MAGIC, 2, struct bh_ioctl_invoke)
#define BH_IOCTL_STATUS		_IOR(BH_IOCTL_MAGIC, 3, struct bh_ioctl_status)
#define BH_IOCTL_BOOTDESC	_IOWR(BH_IOCTL_MAGIC, 4, \
				      struct bh_ioctl_bootdesc)

#endif /* BULKHEAD_IOCTL_H */
