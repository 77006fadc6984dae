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
 *
 * Prints file:line with the kernel_debug build option (KERNEL_DEBUG),
 * otherwise just evaluates to @code.
 */
#if defined(KERNEL_DEBUG)
#define trace_error(code) ({ \
	printk("bulkhead: %s:%d: returning %d\n", __FILE__, __LINE__, \
	       (int)(code)); \
	(code); \
})
#else
#define trace_error(code)	(code)
#endif

/**
 * hv_panic() - a kernel bug: stop every CPU; never for guest input
 */
void __noreturn hv_panic(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));

/**
 * log_read() - copy kernel log text out of the log ring
 * @pos:	read position, advanced; start with 0. If the writer lapped
 *		it, it jumps to the oldest text still held.
 * @buf:	destination
 * @len:	bytes available at @buf
 *
 * For the console service (issue 3). Lock-free against printk only in the
 * sense that it takes the printk lock for the copy.
 * Return: bytes copied (0 when caught up).
 */
size_t log_read(u64 *pos, char *buf, size_t len);

/**
 * console_init() - start printing to the hypervisor's UART
 * @base:	the UART's registers, mapped in the kernel's address space
 *
 * Replays what the log ring holds so far. Called once the MMU is on.
 */
void console_init(void *base);

/**
 * arch_console_putc() - write one character to the UART, polling
 * @base:	registers, as given to console_init()
 * @c:		the character
 */
void arch_console_putc(void *base, char c);

#endif /* CORE_PRINTK_H */
