/* SPDX-License-Identifier: GPL-2.0 */
/* Pure validator of the boot description, shared by the agent and the kernel. */
#ifndef BULKHEAD_BOOTDESC_VALIDATE_H
#define BULKHEAD_BOOTDESC_VALIDATE_H

#include <stddef.h>
#include <bulkhead/bootdesc.h>

/**
 * struct bh_bd_error - why a boot description was refused
 * @field:	the offending field, a static string such as "mem[].size";
 *		@index goes between the brackets ("mem[3].size")
 * @index:	array index the field refers to, or -1
 * @reason:	one short static phrase, e.g. "overlaps mem[]"; @other goes
 *		between its brackets ("overlaps mem[1]")
 * @other:	index of the conflicting entry, or -1
 */
struct bh_bd_error {
	const char *field;
	int index;
	const char *reason;
	int other;
};

/**
 * bh_bootdesc_validate() - check every field of a boot description
 * @buf:	the description, already copied into memory the caller owns
 * @size:	bytes available at @buf
 * @err:	filled with the first problem found (may be NULL)
 *
 * Side-effect free and allocation free; safe to call on hostile input (it is
 * fuzzed). Checks signature, version, sizes, overflow-safe array bounds,
 * alignment, cell indices, exactly one root cell at index 0, unique MPIDRs,
 * no overlap between memory regions, hypervisor memory, GIC and console, and
 * SPI ranges in bounds and disjoint.
 *
 * Return: 0 if valid, else -EINVAL (-22).
 */
int bh_bootdesc_validate(const void *buf, size_t size, struct bh_bd_error *err);

/**
 * bh_bd_error_format() - render an error as "field: reason"
 * @err:	an error filled in by bh_bootdesc_validate()
 * @out:	destination buffer, always NUL-terminated when @len > 0
 * @len:	size of @out; longer text is truncated
 *
 * @err->field and @err->reason may contain one "[]"; @err->index and
 * @err->other (when >= 0) are written into it, giving for example
 * "mem[2].phys: overlaps mem[0]". Freestanding: usable by the kernel too.
 *
 * Return: number of characters written, excluding the NUL.
 */
size_t bh_bd_error_format(const struct bh_bd_error *err, char *out,
			  size_t len);

#endif /* BULKHEAD_BOOTDESC_VALIDATE_H */
