/* SPDX-License-Identifier: GPL-2.0 */
/* Names of capability labels, object types, rights and errors, both ways. */
#ifndef BULKHEAD_CAPS_NAMES_H
#define BULKHEAD_CAPS_NAMES_H

#include <bulkhead/caps.h>

/*
 * Pure and freestanding (no libc): compiled into the kernel for its log
 * lines and into the agent for the CLI's "debug invoke" and "debug mint".
 */

/* Bytes bh_rights_format() writes, NUL included: one letter per right */
#define BH_RIGHTS_STR_LEN	5

/**
 * bh_error_name() - human name of an error code
 * @err:	enum bh_error (any value)
 *
 * Return: the BH_ERROR_NAMES entry, or "unknown error" if out of range.
 */
const char *bh_error_name(uint64_t err);

/**
 * bh_obj_type_name() - name of an object type
 * @type:	enum bh_obj_type (any value)
 *
 * Return: "null", "cnode", "hv", "cell", "cpu", "memory", "irq", or
 * "unknown".
 */
const char *bh_obj_type_name(unsigned int type);

/**
 * bh_label_name() - name of an invocation label
 * @label:	enum bh_label (any value)
 *
 * Return: the lower-case name without prefix ("hv_disable"), or NULL if the
 * label is not part of the ABI.
 */
const char *bh_label_name(uint32_t label);

/**
 * bh_label_at() - enumerate the labels of the ABI
 * @i:		0, 1, ...
 *
 * Return: the i-th label, or 0 once @i is past the last one.
 */
uint32_t bh_label_at(unsigned int i);

/**
 * bh_label_parse() - read a label given by name or number
 * @s:		"hv_info", "HV_INFO", "0x200" or "512"
 * @label:	result
 *
 * Numbers are taken as they are (so a test can send an unknown label), but
 * must fit the 24-bit label field.
 *
 * Return: 0, or -1 if @s is neither a known name nor a number that fits.
 */
int bh_label_parse(const char *s, uint32_t *label);

/**
 * bh_rights_parse() - read a rights mask
 * @s:		letters from "rwgc" (read, write, grant, control) in any
 *		order, "-" for none, or a number ("0xf", "5")
 * @rights:	result, BH_RIGHT_* bits
 *
 * Return: 0, or -1 on an unknown letter, a repeated letter or a number
 * with bits outside BH_RIGHTS_ALL.
 */
int bh_rights_parse(const char *s, unsigned int *rights);

/**
 * bh_rights_format() - write a rights mask as letters
 * @rights:	BH_RIGHT_* bits (others ignored)
 * @buf:	BH_RIGHTS_STR_LEN bytes, receives e.g. "rw--"
 *
 * Return: @buf.
 */
char *bh_rights_format(unsigned int rights, char *buf);

/**
 * bh_parse_u64() - read an unsigned number, decimal or 0x-prefixed hex
 * @s:		the text, entirely digits (no sign, no spaces)
 * @val:	result
 *
 * Return: 0, or -1 if @s is empty, has another character or overflows.
 */
int bh_parse_u64(const char *s, uint64_t *val);

#endif /* BULKHEAD_CAPS_NAMES_H */
