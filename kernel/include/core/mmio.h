/* SPDX-License-Identifier: GPL-2.0 */
/* Per-cell dispatch of trapped device accesses to their emulators. */
#ifndef CORE_MMIO_H
#define CORE_MMIO_H

#include <core/types.h>
#include <core/trap.h>

struct cell;
struct per_cpu;

/**
 * struct mmio_access - one decoded guest load or store
 * @addr:	offset of the access from the start of the region
 * @size:	1, 2, 4 or 8 bytes
 * @is_write:	store if true
 * @value:	value stored, or (for loads) filled in by the handler
 */
struct mmio_access {
	u64 addr;
	unsigned int size;
	bool is_write;
	u64 value;
};

typedef enum trap_result (*mmio_handler_t)(struct per_cpu *cpu, void *arg,
					   struct mmio_access *acc);

/**
 * mmio_region_register() - claim [start, start+size) of a cell's IPA space
 * @cell:	cell whose accesses are routed (not yet started)
 * @start:	guest physical start
 * @size:	bytes
 * @handler:	called for each access, with a region-relative address
 * @arg:	passed to @handler
 *
 * Only during cell creation: the table is frozen before the cell runs, so
 * lookups take no lock. The region must not be mapped in the cell's stage 2.
 *
 * Return: 0, -ENOMEM if the table is full, -EEXIST on overlap.
 */
int mmio_region_register(struct cell *cell, u64 start, u64 size,
			 mmio_handler_t handler, void *arg);

/**
 * mmio_dispatch() - run the emulator for a trapped access
 * @cpu:	the trapping CPU (its cell is looked in)
 * @ipa:	guest physical address of the access
 * @acc:	the access, @acc->addr is set to the region offset here
 *
 * Return: the handler's result, or TRAP_UNHANDLED if no region matches.
 */
enum trap_result mmio_dispatch(struct per_cpu *cpu, u64 ipa,
			       struct mmio_access *acc);

/**
 * service_emulate() - hand a cell's trapped access to the service emulating it
 * @cpu:	the CPU, in a data abort from its cell
 * @ipa:	the address
 * @acc:	the access (size, direction, value written)
 *
 * Looks the address up in the cell's CELL_EMULATE ranges. The service
 * runs on @cpu within its call budget (BH_LABEL_EP_MMIO) and its reply
 * completes the access (arch_service_mmio_complete()); a service that
 * fails or overruns makes the access read as zero and ignore the write.
 *
 * Return: TRAP_UNHANDLED (no range), TRAP_DELEGATED (@cpu's frame is now
 * the service's), TRAP_RETRY (the service serves another CPU).
 */
enum trap_result service_emulate(struct per_cpu *cpu, u64 ipa,
				 const struct mmio_access *acc);

#endif /* CORE_MMIO_H */
