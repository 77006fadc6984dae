/* SPDX-License-Identifier: GPL-2.0 */
/* Checks of a service cell's image file before the module loads it. */
#ifndef BULKHEAD_AGENT_SVCIMAGE_H
#define BULKHEAD_AGENT_SVCIMAGE_H

#include <stddef.h>
#include <stdint.h>

#define BH_SVC_FIRMWARE_DIR	"/lib/firmware"

/**
 * bh_svc_image_check_buf() - is @buf an image the kernel can start?
 * @buf:	the file's bytes
 * @len:	its length
 * @raw:	the file is a raw binary (name ending in ".bin"): only its
 *		size and the entry offset can be checked
 * @load:	manifest `load`: where the file's first byte goes
 * @entry_off:	manifest `entry`: offset of the entry point
 * @err:	on failure, why (one line, no trailing period)
 * @errlen:	size of @err
 *
 * Any other image must be a flat ELF file: 64-bit little-endian AArch64
 * executable whose every loadable segment lies at the address its file
 * offset gives relative to @load (so that copying the file to @load is
 * loading it), and whose entry point is @load + @entry_off. Pure.
 *
 * Return: 0, or -1 with @err set.
 */
int bh_svc_image_check_buf(const void *buf, size_t len, int raw,
			   uint64_t load, uint32_t entry_off, char *err,
			   size_t errlen);

/**
 * bh_svc_image_check() - read @dir/@name and check it
 * @dir:	directory (BH_SVC_FIRMWARE_DIR, or a test's)
 * @name:	the manifest's image file name
 * @load:	manifest `load`
 * @entry_off:	manifest `entry`
 * @err:	on failure, why
 * @errlen:	size of @err
 *
 * Return: 0, or -1 with @err set (missing file, unreadable, or what
 * bh_svc_image_check_buf() found).
 */
int bh_svc_image_check(const char *dir, const char *name, uint64_t load,
		       uint32_t entry_off, char *err, size_t errlen);

#endif /* BULKHEAD_AGENT_SVCIMAGE_H */
