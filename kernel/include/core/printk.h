/* SPDX-License-Identifier: GPL-2.0 */
/* Kernel log: to the console UART and into the log ring. */
#ifndef CORE_PRINTK_H
#define CORE_PRINTK_H

#include <core/types.h>

/**
 * printk() - format and log one message
 *
 * Supports %s %c %d %i %u %x %lx %llx %lu %llu %ld %lld %p %%, widths and
 * 0-padding. Safe to call from any CPU: lines are never interleaved.
 */
void printk(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#define pr_info(fmt, ...)	printk("bulkhead: " fmt, ##__VA_ARGS__)
#define pr_err(fmt, ...)	printk("bulkhead: error: " fmt, ##__VA_ARGS__)

/**
 * trace_error() - log where an error code is produced and pass it on
 */
#define trace_error(code) ({ \
	printk("bulkhead: %s:%d: returning %d\n", __FILE__, __LINE__, \
	       (int)(code)); \
	(code); \
})

/**
 * hv_panic() - a kernel bug: stop every CPU; never for guest input
 */
void __noreturn hv_panic(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));

#endif /* CORE_PRINTK_H */
