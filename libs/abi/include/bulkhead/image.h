/* SPDX-License-Identifier: GPL-2.0 */
/* Header at offset 0 of the kernel image file (bulkhead.bin). */
#ifndef BULKHEAD_IMAGE_H
#define BULKHEAD_IMAGE_H

#include <bulkhead/types.h>

#define BH_IMAGE_SIGNATURE	"BHKERNEL"	/* 8 bytes, no NUL */
#define BH_IMAGE_VERSION	1

/**
 * struct bh_image_header - what the loader needs to place and enter the kernel
 * @signature:		BH_IMAGE_SIGNATURE
 * @version:		BH_IMAGE_VERSION
 * @header_size:	sizeof(struct bh_image_header)
 * @file_size:		bytes of the image file to copy (text, rodata, data)
 * @memory_size:	bytes the image occupies once loaded, BSS included;
 *			the loader zeroes [file_size, memory_size)
 * @boot_vectors:	offset of the 2 KiB aligned boot vector table, given to
 *			the hyp stub with HVC_SET_VECTORS on each CPU
 * @percpu_size:	bytes of kernel memory each CPU needs after the image
 * @abi_version:	BH_ABI_VERSION the kernel was built against
 *
 * The image is position independent: it is loaded at the start of the
 * hypervisor memory region named in the manifest (2 MiB aligned) and
 * relocates itself on first entry. The loader places the boot description
 * at the first 4 KiB boundary after @memory_size.
 */
struct bh_image_header {
	char signature[8];
	uint32_t version;
	uint32_t header_size;
	uint64_t file_size;
	uint64_t memory_size;
	uint64_t boot_vectors;
	uint64_t percpu_size;
	uint32_t abi_version;
	uint32_t reserved[3];
} __attribute__((packed));

BH_ASSERT_SIZE(struct bh_image_header, 64);
BH_ASSERT_OFFSET(struct bh_image_header, boot_vectors, 32);

#endif /* BULKHEAD_IMAGE_H */
