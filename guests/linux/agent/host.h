/* SPDX-License-Identifier: GPL-2.0 */
/* What the running Linux tells of the machine: RAM, CPUs, KVM, GIC. */
#ifndef BULKHEAD_AGENT_HOST_H
#define BULKHEAD_AGENT_HOST_H

#include <stdint.h>

#include "manifest.h"

/*
 * Every function takes @root, the prefix of /proc, /sys and /dev: "" on
 * the real system, a directory of fake files in the unit tests.
 */

#define BH_HOST_MAX_RAM		64
#define BH_HOST_MAX_CPUS	256

/**
 * struct bh_range - an inclusive physical range, as /proc/iomem prints it
 * @start:	first byte
 * @end:	last byte
 */
struct bh_range {
	uint64_t start;
	uint64_t end;
};

/**
 * struct bh_host_cpu - one present Linux CPU
 * @id:		Linux CPU number
 * @online:	whether it is online
 * @mpidr:	MPIDR affinity from its device-tree node, if @has_mpidr
 * @has_mpidr:	whether cpuN/of_node/reg could be read
 */
struct bh_host_cpu {
	unsigned int id;
	int online;
	uint64_t mpidr;
	int has_mpidr;
};

/**
 * bh_host_system_ram() - the "System RAM" ranges of /proc/iomem
 * @root:	path prefix
 * @out:	receives up to @max ranges
 * @max:	capacity of @out
 *
 * Return: number of ranges, -EPERM if the addresses are hidden (not root),
 * or another -errno.
 */
int bh_host_system_ram(const char *root, struct bh_range *out, int max);

/**
 * bh_host_cpus() - the present CPUs, online state and MPIDR
 * @root:	path prefix
 * @out:	receives up to @max CPUs, by increasing Linux number
 * @max:	capacity of @out
 *
 * The MPIDR comes from /sys/devices/system/cpu/cpuN/of_node/reg: the
 * device-tree node Linux matched the CPU with (its reg is the MPIDR).
 *
 * Return: number of CPUs or -errno.
 */
int bh_host_cpus(const char *root, struct bh_host_cpu *out, int max);

/**
 * bh_host_kvm() - whether /dev/kvm exists (KVM initialised and holds EL2)
 * @root:	path prefix
 */
int bh_host_kvm(const char *root);

/**
 * bh_host_gicv3() - whether the device tree has an "arm,gic-v3" node
 * @root:	path prefix
 *
 * Return: 1, 0, or -errno if there is no /proc/device-tree.
 */
int bh_host_gicv3(const char *root);

/**
 * bh_host_kallsyms() - address of a kernel symbol from /proc/kallsyms
 * @root:	path prefix
 * @sym:	symbol name
 * @addr:	receives the address
 *
 * Return: 0, -ENOENT (no such symbol), -EPERM (addresses hidden: not root
 * or kptr_restrict), or another -errno.
 */
int bh_host_kallsyms(const char *root, const char *sym, uint64_t *addr);

/**
 * bh_host_check() - can the running Linux become @m's root cell?
 * @root:	path prefix
 * @m:		a valid manifest
 * @err:	filled with "<manifest path>: <reason>" on failure
 *
 * Hypervisor memory must not touch System RAM; all System RAM must lie in
 * the root cell's (non-device) memory; every root cell CPU must be an
 * online Linux CPU and every online Linux CPU a root cell CPU; CPUs of
 * other cells must exist and be offline.
 *
 * Return: 0 or -1.
 */
int bh_host_check(const char *root, const struct bh_manifest *m,
		  struct bh_mf_error *err);

#endif /* BULKHEAD_AGENT_HOST_H */
