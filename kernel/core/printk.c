/* SPDX-License-Identifier: GPL-2.0 */
/* printk: formatted lines into the log ring and out of the UART. */
#include <stdarg.h>
#include <core/boot.h>
#include <core/lib.h>
#include <core/printk.h>
#include <bulkhead/logring.h>
#include <asm/barrier.h>
#include <asm/spinlock.h>

#define LOG_RING_SIZE	16384	/* power of two */
#define LINE_MAX	BH_LOG_WRITE_MAX

/*
 * Header page, then the data: whole pages of their own, so that a service
 * with the "log" capability can have exactly them mapped read-only.
 */
static struct {
	struct bh_log_ring hdr;
	u8 pad[SZ_4K - sizeof(struct bh_log_ring)];
	char data[LOG_RING_SIZE];
} log __attribute__((aligned(SZ_4K)));
static spinlock_t log_lock;
static void *console;

static void lock(void)
{
	if (kernel_locks_on)
		spin_lock(&log_lock);
}

static void unlock(void)
{
	if (kernel_locks_on)
		spin_unlock(&log_lock);
}

static void console_write(const char *s, size_t n)
{
	for (; console && n; n--, s++) {
		if (*s == '\n')
			arch_console_putc(console, '\r');
		arch_console_putc(console, *s);
	}
}

static void vprintk(const char *fmt, va_list ap)
{
	char line[LINE_MAX];
	size_t n, i;
	u64 head;
	int len;

	len = vsnprintf(line, sizeof(line), fmt, ap);
	n = MIN((size_t)len, sizeof(line) - 1);
	lock();
	head = log.hdr.head;
	for (i = 0; i < n; i++)
		log.data[(head + i) % LOG_RING_SIZE] = line[i];
	/* Readers without the lock see the bytes before the new head */
	__atomic_store_n(&log.hdr.head, head + n, __ATOMIC_RELEASE);
	console_write(line, n);
	unlock();
}

void printk(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprintk(fmt, ap);
	va_end(ap);
}

void log_region(u64 *phys, u64 *size)
{
	log.hdr.magic = BH_LOG_MAGIC;
	log.hdr.size = LOG_RING_SIZE;
	log.hdr.data_off = __builtin_offsetof(__typeof__(log), data);
	*phys = (u64)(uintptr_t)&log;
	*size = sizeof(log);
}

void console_write_raw(const char *s, size_t n)
{
	lock();
	for (; console && n; n--, s++)
		arch_console_putc(console, *s);
	unlock();
}

size_t console_read(char *buf, size_t len)
{
	size_t n = 0;
	int c;

	lock();
	while (console && n < len && (c = arch_console_getc(console)) >= 0)
		buf[n++] = (char)c;
	unlock();
	return n;
}

void console_init(void *base)
{
	u64 head = log.hdr.head;
	u64 start = head > LOG_RING_SIZE ? head - LOG_RING_SIZE : 0;

	lock();
	log.hdr.magic = BH_LOG_MAGIC;
	log.hdr.size = LOG_RING_SIZE;
	log.hdr.data_off = __builtin_offsetof(__typeof__(log), data);
	console = base;
	for (; start < head; start++)
		console_write(&log.data[start % LOG_RING_SIZE], 1);
	unlock();
}

void hv_panic(const char *fmt, ...)
{
	va_list ap;

	printk("bulkhead: PANIC: ");
	va_start(ap, fmt);
	vprintk(fmt, ap);
	va_end(ap);
	for (;;)
		wfe();
}
