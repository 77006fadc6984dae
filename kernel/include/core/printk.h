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
 * log_region() - where the log ring lies, for a service with "log"
 * @phys:	physical address of its header page (struct bh_log_ring)
 * @size:	bytes of header page and data, a multiple of 4 KiB
 *
 * The pages hold nothing but the ring: they may be mapped read-only into a
 * service cell's stage 2. Readers follow the protocol in logring.h.
 */
void log_region(u64 *phys, u64 *size);

/**
 * console_write_raw() - bytes to the hypervisor's UART, not into the log
 * @s:		the bytes
 * @n:		how many
 *
 * For the console service's UART shell; serialised with printk().
 */
void console_write_raw(const char *s, size_t n);

/**
 * console_read() - bytes waiting in the UART's receive FIFO
 * @buf:	destination
 * @len:	at most this many
 *
 * Return: bytes read, 0 when none wait.
 */
size_t console_read(char *buf, size_t len);

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

/**
 * arch_console_getc() - one received character, if any, without waiting
 * @base:	the UART's registers
 *
 * Return: the character (0..255), or -1 when the receive FIFO is empty.
 */
int arch_console_getc(void *base);

#endif /* CORE_PRINTK_H */
