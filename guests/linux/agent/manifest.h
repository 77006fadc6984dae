/* SPDX-License-Identifier: GPL-2.0 */
/* The system manifest: device tree -> in-memory model -> boot description. */
#ifndef BULKHEAD_AGENT_MANIFEST_H
#define BULKHEAD_AGENT_MANIFEST_H

#include <stddef.h>
#include <stdint.h>

#include <bulkhead/bootdesc.h>

/* Node paths are relative to /bulkhead, e.g. "cells/root/memory/ram@0". */
#define BH_MF_PATH_LEN		128
#define BH_MF_ERROR_LEN		384

/**
 * struct bh_mf_error - why a manifest was refused
 * @msg:	"<field>: <reason>", the field being a manifest path
 */
struct bh_mf_error {
	char msg[BH_MF_ERROR_LEN];
};

/**
 * struct bh_mf_cell - one cell node under /bulkhead/cells
 * @name:	node name, the cell's name
 * @flags:	BH_CELL_*
 * @path:	"cells/<name>"
 */
struct bh_mf_cell {
	char name[BH_CELL_NAME_LEN];
	uint32_t flags;
	char path[BH_MF_PATH_LEN];
};

/**
 * struct bh_mf_cpu - one CPU node under /bulkhead/cpus
 * @mpidr:	its reg (MPIDR affinity)
 * @cell:	index into cells[], -1 until a cell claims it
 * @phandle:	the node's phandle (0 if it has none)
 * @path:	"cpus/cpu@N"
 */
struct bh_mf_cpu {
	uint64_t mpidr;
	int cell;
	uint32_t phandle;
	char path[BH_MF_PATH_LEN];
};

/**
 * struct bh_mf_mem - one region node under cells/<name>/memory
 * @phys:	reg address
 * @ipa:	ipa property, or @phys
 * @size:	reg size
 * @flags:	BH_MEM_* from access and device
 * @cell:	index into cells[]
 * @path:	"cells/<name>/memory/<node>"
 */
struct bh_mf_mem {
	uint64_t phys;
	uint64_t ipa;
	uint64_t size;
	uint32_t flags;
	int cell;
	char path[BH_MF_PATH_LEN];
};

/**
 * struct bh_mf_irq - one <first count> pair of a cell's spis property
 * @first:	first INTID
 * @count:	number of INTIDs
 * @cell:	index into cells[]
 * @path:	"cells/<name>/spis[i]"
 */
struct bh_mf_irq {
	uint32_t first;
	uint32_t count;
	int cell;
	char path[BH_MF_PATH_LEN];
};

/**
 * struct bh_mf_service - the image properties of a service cell
 * @image:	image property: firmware file name
 * @load_ipa:	load property (IPA of the image), default 0
 * @entry_off:	entry property (offset in the image), default 0
 * @budget_us:	budget-us property, default 1000
 * @init_budget_us: init-budget-us property, default BH_SVC_DEFAULT_INIT_US
 * @caps:	capabilities property as BH_SVC_CAP_* bits
 * @flags:	BH_SVC_F_* (root-channel)
 * @cell:	index into cells[]
 * @path:	"cells/<name>"
 */
struct bh_mf_service {
	char image[BH_SVC_IMAGE_LEN];
	uint64_t load_ipa;
	uint32_t entry_off;
	uint32_t budget_us;
	uint32_t init_budget_us;
	uint32_t caps;
	uint32_t flags;
	int cell;
	char path[BH_MF_PATH_LEN];
};

/**
 * struct bh_manifest - everything the manifest says, in boot description order
 * @hv_base:		hypervisor/memory base
 * @hv_size:		hypervisor/memory size
 * @console:		hypervisor/console (type BH_CONSOLE_NONE if absent)
 * @console_path:	its path, for messages
 * @gic:		gic node (version 3)
 * @gic_path:		its path
 * @num_cells:		entries used in @cells
 * @num_cpus:		entries used in @cpus
 * @num_mem:		entries used in @mem
 * @num_irqs:		entries used in @irqs
 * @cells:		the cells; cells[0] is the root cell
 * @cpus:		the CPUs in manifest order (the kernel's numbering)
 * @mem:		memory regions, grouped by cell in @cells order
 * @irqs:		SPI ranges, grouped by cell in @cells order
 * @num_services:	entries used in @services
 * @services:		images of service cells, in @cells order
 */
struct bh_manifest {
	uint64_t hv_base;
	uint64_t hv_size;
	struct bh_bd_console console;
	char console_path[BH_MF_PATH_LEN];
	struct bh_bd_gic gic;
	char gic_path[BH_MF_PATH_LEN];
	unsigned int num_cells, num_cpus, num_mem, num_irqs;
	struct bh_mf_cell cells[BH_MAX_CELLS];
	struct bh_mf_cpu cpus[BH_MAX_CPUS];
	struct bh_mf_mem mem[BH_MAX_MEM_REGIONS];
	struct bh_mf_irq irqs[BH_MAX_IRQ_RANGES];
	unsigned int num_services;
	struct bh_mf_service services[BH_MAX_CELLS];
};

/**
 * bh_manifest_parse() - read a manifest DTB into the model
 * @blob:	the file's bytes (any alignment)
 * @size:	its size
 * @m:		filled on success
 * @err:	filled on failure
 *
 * Checks the blob's structure (fdt_check_full), the schema (required nodes
 * and properties, their types and lengths, phandles) and the limits of the
 * boot description. Value checks (alignment, overlaps, ranges) are
 * bh_manifest_build()'s.
 *
 * Return: 0 or -1.
 */
int bh_manifest_parse(const void *blob, size_t size, struct bh_manifest *m,
		      struct bh_mf_error *err);

/**
 * bh_manifest_build() - turn the model into a validated boot description
 * @m:		a parsed manifest
 * @buf:	output buffer, BH_BOOTDESC_MAX_SIZE bytes suffice
 * @bufsize:	its size
 * @len:	receives the description's size
 * @err:	filled on failure, naming manifest paths (the checks are
 *		bh_bootdesc_validate()'s, the very ones the kernel runs)
 *
 * stub_vectors is left 0 for the module to fill in.
 *
 * Return: 0 or -1.
 */
int bh_manifest_build(const struct bh_manifest *m, void *buf, size_t bufsize,
		      size_t *len, struct bh_mf_error *err);

/**
 * bh_manifest_load() - read, parse and build a manifest file
 * @file:	path of the .dtb
 * @m:		receives the model
 * @buf:	receives the boot description (BH_BOOTDESC_MAX_SIZE bytes)
 * @len:	receives its size
 * @err:	filled on failure ("<file>: <reason>" for I/O problems)
 *
 * Return: 0 or -1.
 */
int bh_manifest_load(const char *file, struct bh_manifest *m, void *buf,
		     size_t *len, struct bh_mf_error *err);

/**
 * bh_manifest_cell_index() - find a cell by name
 * @m:		the model
 * @name:	cell name
 *
 * Return: index into m->cells, or -1.
 */
int bh_manifest_cell_index(const struct bh_manifest *m, const char *name);

#endif /* BULKHEAD_AGENT_MANIFEST_H */
