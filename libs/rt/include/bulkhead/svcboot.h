/* SPDX-License-Identifier: GPL-2.0 */
/* Boot-info page: what the kernel tells a service cell about its memory. */
#ifndef BULKHEAD_SVCBOOT_H
#define BULKHEAD_SVCBOOT_H

#include <bulkhead/types.h>

/*
 * A service cell starts at EL1 with x7 = the IPA of one struct
 * bh_svc_boot, page aligned, inside the cell's RAM and outside the image
 * it runs (docs/services.md, "The entry contract"; caps.h names x7). The
 * page describes the cell's RAM and every other region its stage 2 maps:
 * channels, plain shared memory and devices. All addresses are IPAs; the
 * runtime maps each region at VA == IPA.
 *
 * The cell does not trust the page: libs/rt copies it into private memory
 * before anything else reads it and validates the copy with
 * bh_svc_boot_validate() (libs/rt/bootinfo.c). Packed by construction
 * (every field naturally aligned, asserted below), little-endian.
 */
#define BH_SVC_BOOT_MAGIC	0x3154424356534842ULL	/* "BHSVCBT1" */
#define BH_SVC_BOOT_VERSION	1
#define BH_SVC_MAX_REGIONS	32
#define BH_SVC_NAME_LEN		32
#define BH_SVC_REGION_NAME_LEN	16
#define BH_SVC_NO_CONSOLE	0xffffffffU

/* Region types */
#define BH_SVC_REGION_CHANNEL	1	/* a channel (channel.h) */
#define BH_SVC_REGION_SHARED	2	/* other shared memory */
#define BH_SVC_REGION_MMIO	3	/* device registers, Device-nGnRE */
#define BH_SVC_REGION_LOG	4	/* the kernel's log ring (struct
					   bh_log_ring), read-only */

/* Region flags */
#define BH_SVC_CHAN_END_A	(1U << 0)	/* we format the channel */
#define BH_SVC_REGION_RO	(1U << 1)	/* stage 2: read-only */
#define BH_SVC_REGION_FLAGS	(BH_SVC_CHAN_END_A | BH_SVC_REGION_RO)

/* Boot flags */
#define BH_SVC_BOOT_TRACE	(1U << 0)	/* log every system call */
#define BH_SVC_BOOT_FLAGS	BH_SVC_BOOT_TRACE

/**
 * struct bh_svc_region - one memory region of the cell besides its RAM
 * @base:	IPA, 4 KiB aligned
 * @size:	bytes, a nonzero multiple of 4 KiB
 * @type:	BH_SVC_REGION_*
 * @flags:	BH_SVC_CHAN_END_A (channels only): this cell is end A and
 *		formats the region with bh_chan_init(); otherwise the peer
 *		has formatted it before the cell starts and the cell attaches
 *		as end B. BH_SVC_REGION_RO: stage 2 maps it read-only.
 * @peer:	cell id of the other end (channels and shared memory), else 0;
 *		informational
 * @reserved:	0
 * @name:	what the region is for, NUL-terminated, e.g. "console"
 */
struct bh_svc_region {
	uint64_t base;
	uint64_t size;
	uint32_t type;
	uint32_t flags;
	uint32_t peer;
	uint32_t reserved;
	char name[BH_SVC_REGION_NAME_LEN];
};
BH_ASSERT_SIZE(struct bh_svc_region, 48);
BH_ASSERT_OFFSET(struct bh_svc_region, type, 16);
BH_ASSERT_OFFSET(struct bh_svc_region, name, 32);

/**
 * struct bh_svc_boot - the boot-info page
 * @magic:	BH_SVC_BOOT_MAGIC
 * @version:	BH_SVC_BOOT_VERSION
 * @size:	sizeof(struct bh_svc_boot)
 * @ram_base:	IPA of the cell's RAM, 4 KiB aligned
 * @ram_size:	bytes of RAM, a multiple of 4 KiB. It holds the image, the
 *		boot-info page and the heap (all RAM above the image).
 * @cell_id:	the cell's id, as the kernel numbers cells
 * @nr_regions:	entries used in @regions, at most BH_SVC_MAX_REGIONS
 * @console:	index in @regions of the channel that stdout and stderr
 *		go to, or BH_SVC_NO_CONSOLE (output is then discarded)
 * @flags:	BH_SVC_BOOT_*
 * @name:	the cell's name, NUL-terminated; it becomes argv[0]
 * @generation:	start-ups of the service before this one (0 at launch);
 *		the service stamps it into the channels it formats, so the
 *		peer tells a restarted service apart
 * @reserved:	0
 * @regions:	the regions, in any order, neither overlapping each other
 *		nor RAM
 */
struct bh_svc_boot {
	uint64_t magic;
	uint32_t version;
	uint32_t size;
	uint64_t ram_base;
	uint64_t ram_size;
	uint32_t cell_id;
	uint32_t nr_regions;
	uint32_t console;
	uint32_t flags;
	char name[BH_SVC_NAME_LEN];
	uint64_t generation;
	uint64_t reserved[5];
	struct bh_svc_region regions[BH_SVC_MAX_REGIONS];
};
BH_ASSERT_SIZE(struct bh_svc_boot, 128 + BH_SVC_MAX_REGIONS * 48);
BH_ASSERT_OFFSET(struct bh_svc_boot, ram_base, 16);
BH_ASSERT_OFFSET(struct bh_svc_boot, cell_id, 32);
BH_ASSERT_OFFSET(struct bh_svc_boot, name, 48);
BH_ASSERT_OFFSET(struct bh_svc_boot, regions, 128);
_Static_assert(sizeof(struct bh_svc_boot) <= 4096,
	       "the boot info fits in one 4 KiB page");

/**
 * bh_svc_boot_validate() - check a private copy of the boot-info page
 * @bi:		the copy
 * @img_start:	first byte of the running image (its ELF header)
 * @img_end:	end of the image, BSS and boot stack included
 *
 * Checks magic, version, size, flags, the reserved fields, that RAM is
 * page aligned, does not wrap and contains [@img_start, @img_end), that
 * every region is page aligned, of a known type with known flags, does
 * not wrap and overlaps neither RAM nor another region, that all of it
 * lies below 2^39 (the runtime's identity map covers 39 bits), that the
 * names are NUL-terminated and that @console names a channel. Pure: no
 * side effects, no library calls (it runs with the MMU off).
 *
 * Return: 0, or a negative errno (-EINVAL) with nothing else said; the
 * runtime cannot print at that point.
 */
int bh_svc_boot_validate(const struct bh_svc_boot *bi, uint64_t img_start,
			 uint64_t img_end);

#endif /* BULKHEAD_SVCBOOT_H */
