/* SPDX-License-Identifier: GPL-2.0 */
/* The boot description: the flat, versioned system description the kernel boots from. */
#ifndef BULKHEAD_BOOTDESC_H
#define BULKHEAD_BOOTDESC_H

#include <bulkhead/types.h>

/*
 * The root agent builds this from the manifest (the kernel parses no device
 * tree), the module copies it behind the kernel image and fills in
 * @stub_vectors, and the kernel copies and re-validates it before acting on
 * any of it. All fields are little-endian; arrays follow the header at the
 * offsets it names, each 8-byte aligned.
 */
#define BH_BOOTDESC_SIGNATURE	"BHBOOTDS"	/* 8 bytes, no NUL */
#define BH_BOOTDESC_VERSION	3

#define BH_MAX_CELLS		16
#define BH_MAX_CPUS		64
#define BH_MAX_MEM_REGIONS	64
#define BH_MAX_IRQ_RANGES	64
#define BH_CELL_NAME_LEN	32
#define BH_BOOTDESC_MAX_SIZE	16384
#define BH_SVC_IMAGE_LEN	32
#define BH_SVC_MAX_BUDGET_US	1000000	/* one second */
#define BH_SVC_MAX_INIT_US	10000000	/* ten seconds */
#define BH_SVC_DEFAULT_INIT_US	200000

#define BH_PAGE_SIZE		4096UL

/* struct bh_bd_cell.flags */
#define BH_CELL_ROOT		(1U << 0)	/* the Linux that launched us */
#define BH_CELL_SERVICE		(1U << 1)	/* privileged service cell */

/* struct bh_bd_mem.flags */
#define BH_MEM_READ		(1U << 0)
#define BH_MEM_WRITE		(1U << 1)
#define BH_MEM_EXEC		(1U << 2)
#define BH_MEM_IO		(1U << 3)	/* device memory (nGnRE) */
#define BH_MEM_FLAGS_ALL	0xfU

/* struct bh_bd_console.type */
#define BH_CONSOLE_NONE		0
#define BH_CONSOLE_PL011	1

/**
 * struct bh_bd_console - the hypervisor's own UART
 * @base:	physical address of the UART registers
 * @size:	size of the register window (at least 4 KiB, page aligned)
 * @type:	BH_CONSOLE_*
 * @flags:	reserved, 0
 */
struct bh_bd_console {
	uint64_t base;
	uint64_t size;
	uint32_t type;
	uint32_t flags;
} __attribute__((packed));
BH_ASSERT_SIZE(struct bh_bd_console, 24);

/**
 * struct bh_bd_gic - the GICv3 the kernel virtualizes
 * @gicd_base:	distributor, physical (64 KiB)
 * @gicd_size:	distributor window size
 * @gicr_base:	first redistributor, physical (128 KiB per CPU)
 * @gicr_size:	size of the whole redistributor region
 * @maint_irq:	INTID of the maintenance interrupt (a PPI, 16..31)
 * @version:	3
 */
struct bh_bd_gic {
	uint64_t gicd_base;
	uint64_t gicd_size;
	uint64_t gicr_base;
	uint64_t gicr_size;
	uint32_t maint_irq;
	uint32_t version;
} __attribute__((packed));
BH_ASSERT_SIZE(struct bh_bd_gic, 40);

/**
 * struct bh_bd_cell - one cell known at launch
 * @name:	NUL-terminated name, [a-z0-9_-], at least one character
 * @flags:	BH_CELL_*; exactly one cell, index 0, is BH_CELL_ROOT
 * @reserved:	0
 */
struct bh_bd_cell {
	char name[BH_CELL_NAME_LEN];
	uint32_t flags;
	uint32_t reserved;
} __attribute__((packed));
BH_ASSERT_SIZE(struct bh_bd_cell, 40);

/**
 * struct bh_bd_cpu - one physical CPU
 * @mpidr:	MPIDR_EL1 affinity (Aff3..Aff0 only, other bits 0)
 * @cell:	index of the owning cell in the cell array
 * @flags:	reserved, 0
 *
 * The position of the entry is the kernel's logical CPU index.
 */
struct bh_bd_cpu {
	uint64_t mpidr;
	uint32_t cell;
	uint32_t flags;
} __attribute__((packed));
BH_ASSERT_SIZE(struct bh_bd_cpu, 16);

/**
 * struct bh_bd_mem - a memory or device region given to a cell
 * @phys:	physical start, page aligned
 * @ipa:	where the cell sees it (intermediate physical), page aligned
 * @size:	bytes, page aligned, non-zero
 * @cell:	index of the owning cell
 * @flags:	BH_MEM_*
 */
struct bh_bd_mem {
	uint64_t phys;
	uint64_t ipa;
	uint64_t size;
	uint32_t cell;
	uint32_t flags;
} __attribute__((packed));
BH_ASSERT_SIZE(struct bh_bd_mem, 32);

/**
 * struct bh_bd_irq - a range of shared peripheral interrupts given to a cell
 * @first:	first INTID (32..1019)
 * @count:	number of INTIDs, first + count - 1 <= 1019
 * @cell:	index of the owning cell
 * @flags:	reserved, 0
 */
struct bh_bd_irq {
	uint32_t first;
	uint32_t count;
	uint32_t cell;
	uint32_t flags;
} __attribute__((packed));
BH_ASSERT_SIZE(struct bh_bd_irq, 16);

/**
 * struct bh_bd_service - the image of a service cell
 * @image:	firmware file name of the image (request_firmware), NUL
 *		terminated, [A-Za-z0-9._-], not starting with '.'
 * @load_ipa:	where the image starts in the cell's address space, page
 *		aligned, inside one of the cell's RAM regions that has
 *		read and execute access
 * @image_size:	bytes of the image; 0 in the agent's description, filled
 *		in by the loader once it copied the file to the physical
 *		address behind @load_ipa. The kernel refuses 0.
 * @entry_off:	offset of the entry point from @load_ipa, 4-byte aligned,
 *		below @image_size
 * @cell:	index of the service cell (BH_CELL_SERVICE) it belongs to;
 *		at most one image per cell
 * @budget_us:	time one call may run in the service, 1..BH_SVC_MAX_BUDGET_US
 *		microseconds; the kernel stops a service that overruns it
 * @caps:	BH_SVC_CAP_*: what the kernel gives the service at launch
 *		besides its own CNode and endpoint (caps.h, enum
 *		bh_service_slot)
 * @init_budget_us: time the start-up may run, up to the service's first
 *		wait, 1..BH_SVC_MAX_INIT_US microseconds
 * @flags:	BH_SVC_F_*
 *
 * A service cell has no CPU of its own: a call runs it on the calling
 * CPU (docs/architecture.md, "Service cells").
 */
struct bh_bd_service {
	char image[BH_SVC_IMAGE_LEN];
	uint64_t load_ipa;
	uint64_t image_size;
	uint32_t entry_off;
	uint32_t cell;
	uint32_t budget_us;
	uint32_t caps;
	uint32_t init_budget_us;
	uint32_t flags;
} __attribute__((packed));
BH_ASSERT_SIZE(struct bh_bd_service, 72);

/* struct bh_bd_service.caps (manifest `capabilities`) */
#define BH_SVC_CAP_HV_READ	(1U << 0)	/* "hv-read": HV, READ */
#define BH_SVC_CAP_CELLS_READ	(1U << 1)	/* "cells-read": every cell
						   and its CNode, READ */
#define BH_SVC_CAP_LOG		(1U << 2)	/* "log": the kernel's log
						   ring, mapped read-only */
#define BH_SVC_CAP_UART		(1U << 3)	/* "uart": the hypervisor's
						   UART, raw */
#define BH_SVC_CAP_ALL		0xfU

/* struct bh_bd_service.flags */
#define BH_SVC_F_ROOT_CHANNEL	(1U << 0)	/* a channel to the root
						   agent (manifest
						   `root-channel`) */
#define BH_SVC_F_ALL		0x1U

/**
 * struct bh_bootdesc - header of the boot description
 * @signature:		BH_BOOTDESC_SIGNATURE
 * @version:		BH_BOOTDESC_VERSION
 * @total_size:		bytes of header and arrays, <= BH_BOOTDESC_MAX_SIZE
 * @hv_base:		hypervisor memory, physical, 2 MiB aligned
 * @hv_size:		hypervisor memory size, 2 MiB multiple
 * @stub_vectors:	physical address of Linux's hyp-stub vectors, written by
 *			the module; the kernel restores VBAR_EL2 to it on
 *			disable and on a failed launch
 * @console:		the hypervisor's UART
 * @gic:		the interrupt controller
 * @num_cells, @num_cpus, @num_mem, @num_irqs:	array lengths
 * @cells_off, @cpus_off, @mem_off, @irqs_off:	array offsets from the start
 * @flags:		reserved, 0
 * @reserved:		0
 * @num_services:	entries in the service image array (version 2)
 * @services_off:	its offset from the start
 */
struct bh_bootdesc {
	char signature[8];
	uint32_t version;
	uint32_t total_size;
	uint64_t hv_base;
	uint64_t hv_size;
	uint64_t stub_vectors;
	struct bh_bd_console console;
	struct bh_bd_gic gic;
	uint32_t num_cells;
	uint32_t num_cpus;
	uint32_t num_mem;
	uint32_t num_irqs;
	uint32_t cells_off;
	uint32_t cpus_off;
	uint32_t mem_off;
	uint32_t irqs_off;
	uint32_t flags;
	uint32_t reserved;
	uint32_t num_services;
	uint32_t services_off;
} __attribute__((packed));
BH_ASSERT_SIZE(struct bh_bootdesc, 152);
BH_ASSERT_OFFSET(struct bh_bootdesc, stub_vectors, 32);
BH_ASSERT_OFFSET(struct bh_bootdesc, num_cells, 104);

#endif /* BULKHEAD_BOOTDESC_H */
