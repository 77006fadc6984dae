/* SPDX-License-Identifier: GPL-2.0 */
/* Internal interfaces of bulkhead.ko. */
#ifndef BULKHEAD_DRIVER_H
#define BULKHEAD_DRIVER_H

#include <linux/cpumask.h>
#include <linux/device.h>
#include <linux/types.h>

#include <bulkhead/bootdesc.h>

/**
 * struct bh_loaded - where the kernel image and boot description landed
 * @vectors_pa:		physical address of the kernel's boot vectors
 * @bootdesc_pa:	physical address of the boot description copy
 * @bootdesc_size:	its size
 * @image_abi:		abi_version from the image header
 */
struct bh_loaded {
	u64 vectors_pa;
	u64 bootdesc_pa;
	u32 bootdesc_size;
	u32 image_abi;
};

/**
 * bh_image_load() - copy bulkhead.bin and the boot description into place
 * @dev:	device for request_firmware
 * @bd:		boot description (already sanity checked, stub_vectors set)
 * @out:	filled on success
 *
 * Checks the image header against the boot description, copies the image
 * to the start of hypervisor memory, zeroes its BSS, puts the boot
 * description at the first 4 KiB boundary after the image and cleans the
 * whole range to the point of coherency. Nothing is left mapped.
 *
 * Context: process context, may sleep.
 * Return: 0, -ENOENT (no firmware), -ENOEXEC (bad header), -E2BIG (does not
 * fit), -ENOMEM.
 */
int bh_image_load(struct device *dev, const struct bh_bootdesc *bd,
		  struct bh_loaded *out);

/**
 * bh_services_load() - copy each service cell's image into the cell's RAM
 * @dev:	device for request_firmware
 * @bd:		boot description; each service's image_size is filled in
 *
 * Requests the firmware file each service entry names, checks that it
 * fits in the cell's RAM region from the load address on and that the
 * region is not Linux's, copies it there and cleans it to the point of
 * coherency. The kernel keeps its own pristine copy at launch.
 *
 * Context: process context, may sleep.
 * Return: 0, -EINVAL (bad arrays or load address), -EADDRINUSE, -ENOENT
 * (no such firmware), -E2BIG, -ENOMEM.
 */
int bh_services_load(struct device *dev, struct bh_bootdesc *bd);

/**
 * bh_launch() - enter the kernel on every online CPU
 * @ld:		what bh_image_load() placed
 * @entered:	receives the CPUs now running under the hypervisor
 *
 * LAUNCH_INIT on the calling CPU, then LAUNCH_CPU on each other online
 * CPU. If one fails, the CPUs already entered are disabled again.
 *
 * Context: process context; takes cpus_read_lock().
 * Return: 0, -EBUSY (the hyp stub refused: KVM holds EL2), or the kernel's
 * -errno; @entered is empty on failure.
 */
int bh_launch(const struct bh_loaded *ld, struct cpumask *entered);

/**
 * bh_teardown() - invoke HV_DISABLE on every online CPU
 * @failed:	receives the CPUs that refused
 *
 * A CPU that is already out (the hyp stub answers) counts as done, so a
 * failed teardown can simply be retried.
 *
 * Context: process context; takes cpus_read_lock().
 * Return: 0 or -EIO.
 */
int bh_teardown(struct cpumask *failed);

/**
 * bh_check_cpus() - every online CPU must be a root cell CPU of @bd
 * @bd:	boot description (array bounds already checked)
 *
 * Context: process context; takes cpus_read_lock().
 * Return: 0 or -EINVAL (logged with the CPU and its MPIDR).
 */
int bh_check_cpus(const struct bh_bootdesc *bd);

struct bh_ioctl_bench;

/**
 * bh_bench_run() - BH_IOCTL_BENCH on the calling CPU (bench.c)
 * @b:		the request; its out fields are filled in
 *
 * Context: bh_lock held, enabled; sleeps not, interrupts off meanwhile.
 * Return: 0 or -EINVAL.
 */
int bh_bench_run(struct bh_ioctl_bench *b);

struct bh_ioctl_bench_irq;

/**
 * bh_bench_irq_run() - BH_IOCTL_BENCH_IRQ on the calling CPU (bench.c)
 * @b:		the request
 *
 * Context: process context; keeps its CPU (preemption off) while it
 * measures. Hypervisor enabled or not.
 * Return: 0, -EINVAL, -ENOMEM or -EFAULT.
 */
int bh_bench_irq_run(const struct bh_ioctl_bench_irq *b);

/**
 * bh_el2_implemented() - whether EL2 exists on every CPU
 *
 * Reads the sanitised ID_AA64PFR0_EL1.EL2 field: with EL2 absent an "hvc"
 * is undefined, so nothing may issue one.
 */
bool bh_el2_implemented(void);

#endif /* BULKHEAD_DRIVER_H */
